/*
 * contacts.h — the public contacts of rules/contacts/contacts.xml: the
 * regional CSIRT of a commune (from its INSEE code or postal code) and
 * the national numbers, each with its source and date.
 */
#ifndef VIGIE_CONTACTS_H
#define VIGIE_CONTACTS_H

struct vg_public_contact {
	char	*region;	/* "Hauts-de-France"; NULL for national */
	char	*name;
	char	*phone;		/* NULL when vigie does not know it */
	char	*status;	/* "known", "unverified", "unknown" */
	char	*email, *web, *hours;	/* or NULL */
	char	*note;		/* in the current language, or NULL */
	char	*source, *date;
};

/*
 * The département of an INSEE code ("59350" -> "59", "2A004" -> "2A",
 * "97411" -> "974") or of a postal code ("59000" -> "59"; Corsican postal
 * codes "20xxx" give "20", which stands for both 2A and 2B). Writes at
 * most 3 characters and a NUL into DEP; -1 if CODE is not such a code.
 */
int	vg_contacts_departement(const char *code, char dep[4]);

/*
 * The regional CSIRT for CODE (INSEE or postal code), read from FILE
 * (NULL: the shipped rules/contacts/contacts.xml). Returns 1 with OUT
 * filled (the caller frees it with vg_public_contact_free), 0 when no
 * region has that département, -1 with err set when the file is bad.
 */
int	vg_contacts_csirt(const char *file, const char *code,
	    struct vg_public_contact *out, char *err);

/* The national entry ID ("cnil", "17cyber", "certfr"...), as above. */
int	vg_contacts_national(const char *file, const char *id,
	    struct vg_public_contact *out, char *err);

void	vg_public_contact_free(struct vg_public_contact *);

#endif
