/*
 * yara.h — YARA rule sets for the scanner (internal to scan/): sources
 * compiled with every diagnostic reported as file:line, a cache of
 * compiled sets on disk keyed by the SHA-256 of the sources, compiled
 * files (yarac output) accepted, and subsets for delta rescans.
 */
#ifndef VIGIE_SCAN_YARA_H
#define VIGIE_SCAN_YARA_H

#include <pthread.h>

#include <yara.h>

/* The external variables every file gets (Loki/THOR conventions). */
#define YARA_NEXTERNALS	5
extern const char *const yara_externals[YARA_NEXTERNALS];

/* One rule file: a namespace of its own. */
struct yara_unit {
	char	*ns;		/* "webshells.yar" ("default" for one file) */
	char	*path;		/* for messages */
	char	*src;		/* the source while compiling, else NULL */
	size_t	 len;
	char	 digest[65];	/* SHA-256 of libyara's version, the
				   defines, the source and its includes */
	unsigned uses;		/* externals the sources mention: bit i
				   for yara_externals[i] */
};

struct yara_map;

struct yara_set {
	YR_RULES		*rules;		/* for every file */
	YR_RULES		*pe_rules;	/* routed: the rules moved for
						   MZ files and prefilter hits
						   (yara-route.h), or NULL */
	int			 routed;	/* files were split */
	YR_RULES		*whole;		/* routed: the same rules unsplit,
						   loaded when first needed */
	int			 whole_failed;
	pthread_mutex_t		 whole_mu;
	struct yara_unit	*units;
	int			 nunits;
	int			 compiled;	/* loaded from a yarac file */
	int			 includes;	/* a source used include */
	int			 nrules;
	int			 nmoved;	/* reported rules in pe_rules */
	char			 digest[65];	/* of all units, sorted */
	unsigned		 uses;		/* externals the rules may read
						   (bits as yara_unit.uses) */
	struct yara_map		*map;		/* (ns, rule) -> YR_RULE */
};

/*
 * Load the rules at PATH (a .yar/.yara file, a folder of them searched
 * recursively, or a compiled file). DEFINES are "NAME=VALUE" (typed like
 * `yara -d`). With ROUTE, sources are split as yara-route.h says. Warnings and errors are printed on stderr as
 * "FILE:LINE: warning|error: message" unless QUIET (errors always);
 * *nwarn gets the number of warnings. A compiled copy is kept in the
 * user's cache folder. *out is owned by the caller (yara_set_free).
 * Returns -1 with err set.
 */
/* Let yara_set_load() take a compiled (yarac) file: --compiled-rules. */
void	yara_allow_compiled(int);
int	yara_set_load(const char *path, const char *const *defines,
	    int ndefines, int quiet, int route, int *nwarn,
	    struct yara_set **out, char *err);

/*
 * Compile the units of FULL whose indexes are in IDX (N of them) into a
 * set of their own (for rescans after rules were added), read again
 * from their files; -1 if one changed since FULL was loaded.
 */
int	yara_set_subset(const struct yara_set *full, const int *idx, int n,
	    const char *const *defines, int ndefines, struct yara_set **out,
	    char *err);
void	yara_set_free(struct yara_set *);

/*
 * For a routed set: its rules compiled unsplit (from the cache, or
 * compiled now), for big MZ files, where one pass with every rule costs
 * less than the two passes of the split (yara-route.h). Thread-safe;
 * owned by S; NULL if they cannot be had (then the split is used).
 */
YR_RULES *yara_set_whole(struct yara_set *, const char *const *defines,
	    int ndefines);

/* A rule of the prefilter (never reported). */
int	 yara_is_prefilter(const YR_RULE *);

/* The rule NS:ID of the set, or NULL. */
YR_RULE	*yara_find(const struct yara_set *, const char *ns, const char *id);
/* Index of the unit with namespace NS, or -1. */
int	 yara_unit_index(const struct yara_set *, const char *ns);

/* Meta value of RULE as text (string or integer), or NULL; static or
 * owned by the rules. BUF holds integers (32 bytes). */
const char *yara_meta(const YR_RULE *, const char *key, char *buf);

/* Set the forced externals DEFINES ("NAME=VALUE") on a scanner, as
 * `yara -d` does for compiled rules. Unknown names are ignored. */
void	 yara_scanner_defines(YR_SCANNER *, const char *const *defines,
	    int n);

/* Text for a libyara error code. */
const char *yara_strerror(int code);

#endif
