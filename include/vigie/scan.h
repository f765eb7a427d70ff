/*
 * scan.h — `vigie scan files` and `vigie scan processes`: YARA rules and
 * IOC lists run over files and process memory with libyara.
 *
 * The engine is one walker (or one /proc lister) feeding N worker
 * threads, each with its own YR_SCANNER; results come back to the calling
 * thread in walk order through a callback. The command handlers live in
 * scan/cmd-files.c and scan/proc.c; the engine in scan/files-engine.c.
 *
 * The small API at the end (vg_scan_capture) is for other modules that
 * want "scan these paths / these processes with the shipped rules and
 * give me JSON Lines", such as `vigie respond capture`.
 */
#ifndef VIGIE_SCAN_H
#define VIGIE_SCAN_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <jansson.h>

/* Options of one scan. Zero-initialise, then set what you need. */
struct vg_scan_opts {
	const char	*rules;		/* .yar file, folder or compiled file;
					   NULL: the shipped rules/yara/ */
	const char	*iocs;		/* IOC list or folder; NULL: shipped
					   rules/iocs/; "" none */
	int		 threads;	/* workers; 0: number of cores */
	const char     **excludes;	/* globs (see docs), nexcludes of them */
	int		 nexcludes;
	uint64_t	 max_size;	/* skip larger files; 0: no limit */
	int		 timeout;	/* seconds per file; 0: default (60) */
	int		 follow_symlinks;
	int		 cross_fs;
	int		 fast;		/* SCAN_FLAGS_FAST_MODE */
	int		 strings;	/* report string ids and offsets */
	int		 no_cache;	/* ignore the rescan cache */
	int		 no_routing;	/* one rule set for every file
					   (see docs/scan-routing.md) */
	int		 cpu_limit;	/* percent of the machine; 0: none */
	/*
	 * External variables forced to one value for every file
	 * ("filename=x"), like `yara -d`: the per-file values are then not
	 * set for these names. Used to compare with the yara CLI.
	 */
	const char     **defines;
	int		 ndefines;
	int		 progress;	/* show the progress line if possible */
	int		 report_skips;	/* pass files not examined (too deep,
					   too big) to the callback as
					   {"type":"skip","path","reason"} */
	int		 shared;	/* use and fill the verdicts shared
					   between the commune's machines */
};

/* Counts of a finished scan. */
struct vg_scan_counts {
	uint64_t	 files;		/* regular files looked at */
	uint64_t	 scanned;	/* of which read and scanned */
	uint64_t	 cached;	/* of which answered by the cache */
	uint64_t	 bytes;		/* bytes scanned */
	uint64_t	 matched_files;	/* files or processes with a match */
	uint64_t	 matches;	/* rule and IOC hits */
	uint64_t	 skipped;	/* all reasons */
	uint64_t	 errors;	/* files that could not be scanned */
	uint64_t	 processes;	/* processes scanned */
	double		 seconds;
	uint64_t	 unexamined;	/* files skipped unread: too deep,
					   too big (part of skipped) */
	uint64_t	 incomplete;	/* of which not by the user's choice
					   (too deep) */
	uint64_t	 severe;	/* matches of high or critical
					   severity */
	uint64_t	 shared;	/* files answered by a shared verdict */
};

/* PATH for display, reversibly: invalid UTF-8 bytes and control
 * characters as \xNN (\n, \t), a backslash as \\ (caller frees). */
char	*vg_scan_name_text(const char *path);

/* The shared verdicts in the commune's bundle (scan/verdicts.c). */
struct vg_bundle_part;
extern const struct vg_bundle_part scan_verdicts_bundle_part;

/* Text of errno E in the catalog's language (caller does not free). */
const char *vg_scan_strerror(int e);

/*
 * Called once per match, in walk order, from the thread that called the
 * scan. MATCH is a JSON object (see docs/commands/scan-files.md: path,
 * rule, namespace, tags, meta, severity, description, sha256, size,
 * mtime...) owned by the engine: the callback may json_incref() it to
 * keep it. Return 0 to go on, -1 to stop the scan.
 */
typedef int (*vg_scan_match_fn)(json_t *match, void *arg);

/* ---- For other modules (owner: scan/; first user: respond capture) -- */

/*
 * Scan the NPATHS PATHS (files or folders, walked) and, when PROCESSES is
 * set, the memory of every running process except vigie itself, with the
 * shipped YARA rules and IOC lists, default options, no rescan cache and
 * nothing written to the store. Each match is written to OUT as one JSON
 * line (when OUT is not NULL) and passed to CB (when not NULL). Per-file
 * problems are counted, not fatal. *COUNTS (may be NULL) receives the
 * totals. Returns the number of matches (>= 0), or -1 with err set when
 * the rules could not be loaded or a thread could not start. OUT and the
 * paths stay the caller's.
 */
long	vg_scan_capture(const char *const *paths, int npaths, int processes,
	    FILE *out, vg_scan_match_fn cb, void *arg,
	    struct vg_scan_counts *counts, char *err);

/* ---- The engine, for scan/cmd-files.c and scan/proc.c -------------- */

struct vg_scan;

/*
 * Prepare a scan: load or compile the rules (diagnostics, warnings
 * included, go to stderr as "file:line: message" unless QUIET), load the
 * IOC lists. *out is owned by the caller (vg_scan_free). Returns -1 with
 * err set (every compile error has been printed already).
 */
int	vg_scan_new(const struct vg_scan_opts *, int quiet,
	    struct vg_scan **out, char *err);
void	vg_scan_free(struct vg_scan *);

/*
 * Use the rescan cache and record findings in STORE (a sqlite3 handle
 * wrapper from store.h; may be NULL for neither). RUN is the findings run
 * id (0: no findings recorded).
 */
struct vg_store;
void	vg_scan_set_store(struct vg_scan *, struct vg_store *, int64_t run);

/*
 * Scan files and folders (vg_scan_files) or processes (vg_scan_procs,
 * NPIDS PIDS, or every process when NPIDS is 0). CB gets each match;
 * errors on single files are printed on stderr ("vigie: PATH: cause")
 * unless quiet, and counted. Returns 0, or -1 with err set when the
 * scan could not run at all.
 */
int	vg_scan_files(struct vg_scan *, const char *const *paths, int npaths,
	    vg_scan_match_fn cb, void *arg, char *err);
int	vg_scan_procs(struct vg_scan *, const pid_t *pids, int npids,
	    vg_scan_match_fn cb, void *arg, char *err);

/* Counts so far, and the summary object (new reference, caller owns). */
void	 vg_scan_get_counts(struct vg_scan *, struct vg_scan_counts *);
json_t	*vg_scan_summary(struct vg_scan *);
/* Number of rules and IOC entries loaded, and the rules digest. */
void	 vg_scan_rules_info(struct vg_scan *, int *nrules, int *niocs,
	    const char **digest);

/* The scan tables' schemas (vigie/store.h), listed by modules.c: the
 * rescan cache (scan/scancache.c) and the shared verdicts (verdicts.c). */
struct vg_schema;
extern const struct vg_schema scancache_schema;
extern const struct vg_schema verdicts_schema;

#endif
