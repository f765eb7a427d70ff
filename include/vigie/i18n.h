/*
 * i18n.h — French and English. UI strings are English msgids translated
 * through gettext catalogs (po/NAME.fr.po compiled to .mo) that vigie reads
 * itself, so French works even where no fr_FR locale is generated.
 * Data files carry both languages with xml:lang (see xml.h).
 */
#ifndef VIGIE_I18N_H
#define VIGIE_I18N_H

/*
 * Choose the language: FORCE ("fr" or "en", from --lang) if not NULL,
 * else the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that names a
 * language, French if it starts with "fr", English otherwise. Loads the
 * French catalog (installed file, else the copy built into the binary).
 * Returns -1 with err set if FORCE is not a known language.
 */
int		 vg_i18n_init(const char *force, char *err);
/*
 * French from the .mo catalog DATA (LEN bytes, kept by reference: the
 * caller keeps it alive), checked as a catalog file is; DATA NULL, or a
 * catalog refused (-1), puts the built-in one back. For fuzz-mo.
 */
int		 vg_i18n_use_catalog(const void *data, size_t len);

/* "fr" or "en". */
const char	*vg_lang(void);

/* Translations; the returned strings are static, never free them. */
/* format_arg lets the compiler check printf formats through _(). */
const char	*vg_gettext(const char *msgid) __attribute__((format_arg(1)));
const char	*vg_ngettext(const char *msgid, const char *plural,
		    unsigned long n) __attribute__((format_arg(1)));
const char	*vg_pgettext(const char *context, const char *msgid)
		    __attribute__((format_arg(2)));

#define _(s)		vg_gettext(s)
#define N_(s)		(s)
#define P_(c, s)	vg_pgettext(c, s)

#endif
