/*
 * ioc.h — IOC lists (internal to scan/): file hashes and file-name/path
 * regular expressions, one per line with a severity and a description
 * (format: docs/formats/iocs.md).
 */
#ifndef VIGIE_SCAN_IOC_H
#define VIGIE_SCAN_IOC_H

#include <stddef.h>
#include <stdint.h>

#include "vigie/hash.h"

/* Which digests a set needs: bits (1 << VG_MD5) etc. */
#define IOC_NEED(alg)	(1u << (alg))

struct ioc_entry {
	char		*id;		/* "ransom.names:12" */
	int		 severity;	/* enum vg_severity */
	char		*desc_fr;
	char		*desc_en;	/* may equal desc_fr's text */
	char		*value;		/* the hash (hex) or the regex */
};

struct ioc_set;

/* An empty set, owned by the caller (ioc_free). */
struct ioc_set	*ioc_new(void);
void		 ioc_free(struct ioc_set *);

/*
 * Add the entries of one list: BUF (LEN bytes, need not end with NUL)
 * named NAME, whose suffix tells the kind (".hashes" or ".names").
 * On a bad line returns -1 with err set to "NAME:LINE: cause"; entries
 * read before it stay in the set.
 */
int		 ioc_parse(struct ioc_set *, const char *buf, size_t len,
		    const char *name, char *err);
/* Load PATH: one list, or every *.hashes and *.names file of a folder. */
int		 ioc_load(struct ioc_set *, const char *path, char *err);
/* Sort the hash tables; call once after the last parse, before lookups. */
void		 ioc_seal(struct ioc_set *);

int		 ioc_count(const struct ioc_set *);
unsigned	 ioc_needs(const struct ioc_set *);	/* IOC_NEED bits */
int		 ioc_has_names(const struct ioc_set *);

/* The entry listing digest HEX of ALG, or NULL. Thread-safe once sealed. */
const struct ioc_entry *ioc_match_hash(const struct ioc_set *,
		    enum vg_hash_alg, const char *hex);
/*
 * Entries whose regex matches PATH: calls FN for each. Thread-safe once
 * sealed (regexec on a shared regex_t is safe in glibc).
 */
void		 ioc_match_path(const struct ioc_set *, const char *path,
		    void (*fn)(const struct ioc_entry *, void *), void *arg);

#endif
