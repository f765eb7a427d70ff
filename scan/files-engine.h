/*
 * files-engine.h — private to the scan engine (files-engine.c) and its
 * reporting (files-report.c): the ring's items, the scan and run states
 * they share, and the functions one calls in the other. Nothing outside
 * scan/files-*.c includes it; the public API is vigie/scan.h.
 */
#ifndef VIGIE_FILES_ENGINE_H
#define VIGIE_FILES_ENGINE_H

#include <sys/stat.h>
#include <sys/types.h>

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>
#include <yara.h>

#include "vigie/vigie.h"
#include "vigie/scan.h"
#include "ioc.h"
#include "scancache.h"
#include "walk.h"
#include "yara.h"

#define ENGINE_READMAX		(2u << 20)	/* read() below, mmap above */
#define ENGINE_WHOLEMIN		(1u << 20)	/* MZ files from this size are
						   scanned with the unsplit rules */
#define ENGINE_DEFTIMEOUT	60		/* seconds per file */
#define ENGINE_MAXDELTAS	4
#define ENGINE_MAXSTRINGS	64		/* offsets kept per rule */
#define ENGINE_BATCH		2000		/* findings and cache rows per
						   transaction */

/* Why a file could not be scanned, for the summary. */
enum engine_err {
	EE_UNREADABLE,	/* open or read failed */
	EE_VANISHED,	/* gone between the walk and the open */
	EE_TIMEOUT,
	EE_YARA,	/* another libyara error */
	EE_ATTACH,	/* process: could not attach */
	EE_SHRUNK,	/* a mapped file shrank while it was scanned */
	EE_MISSING,	/* a path given that does not exist */
	EE_COUNT
};
extern const char *const engine_err_names[EE_COUNT];
extern const char *const engine_skip_names[WALK_R_COUNT];

enum item_state { IS_FREE, IS_READY, IS_BUSY, IS_DONE };
enum item_kind { IK_FILE, IK_CACHED, IK_ERROR, IK_PROC, IK_SKIP };

struct hit {
	YR_RULE			*rule;	/* of the main set, or NULL */
	const struct ioc_entry	*ioc;	/* or the IOC entry */
	json_t			*strings;
	int			 cached;
};

struct item {
	enum item_state		 state;
	enum item_kind		 kind;
	char			*path;
	int			 fd;
	struct stat		 st;
	const struct scancache_entry *ce;	/* cached state, or NULL */
	int			 plan;		/* index in plans, or -1 */
	pid_t			 pid;
	char			*exe, *cmdline;
	/* results */
	struct hit		*hits;
	int			 nhits;
	char			 sha256[65], sha1[41], md5[33];
	int			 scanned;
	int			 err;		/* enum engine_err + 1, or 0 */
	char			*errmsg;
	int			 no_cache;	/* do not record this one */
	enum walk_reason	 reason;	/* IK_SKIP */
	int			 shared;	/* answered by a shared verdict */
	int			 share_new;	/* scanned: a verdict to share */
	char			 ext[65];	/* key of the externals' values */
};

/* What a recorded rule set means for this scan. */
enum plan_kind { PLAN_UNKNOWN, PLAN_FULL, PLAN_COVERED, PLAN_DELTA };
struct plan {
	enum plan_kind		 kind;
	char		       **keep;		/* namespaces still valid */
	int			 nkeep;
	int			 delta;		/* index in deltas */
};

struct vg_scan {
	struct vg_scan_opts	 o;
	int			 quiet;
	struct yara_set		*set;
	struct yara_set		*deltas[ENGINE_MAXDELTAS];
	int			 ndeltas;
	struct ioc_set		*iocs;
	unsigned		 need;		/* IOC digests to compute */
	char			 mode[64];
	char			*ruledir;	/* own folders, skipped */
	char			*iocdir;
	struct vg_store		*store;
	int64_t			 run;
	struct scancache	*cache;
	struct verdicts		*verdicts;	/* --shared-verdicts */
	struct plan		*plans;		/* by cache ruleset index */
	int			 nplans;
	int			 threads;
	/* counts, written by the reporting thread (and the producer for
	 * skips, under the ring lock) */
	struct vg_scan_counts	 c;
	uint64_t		 skips[WALK_R_COUNT];
	uint64_t		 errs[EE_COUNT];
	uint64_t		 delta;		/* scanned with new rules only */
	uint64_t		 pe_scans;	/* files the moved rules ran on
						   (atomic) */
	uint64_t		 whole_scans;	/* big MZ files scanned with the
						   unsplit rules (atomic) */
	struct timespec		 t0;
	int			 pathkey;	/* the rules read the path: it
						   is part of the cache key */
	/* The one writer (the reporting thread): findings and cache rows
	 * go in one batch transaction at a time. */
	int			 intx;
	double			 tx_t0;		/* when it was opened */
	size_t			 nops;		/* in the open transaction */
	int			 store_failed;
	char			 store_err[VG_ERRLEN];
};

struct worker;

struct run {
	struct vg_scan		*s;
	struct item		*ring;
	size_t			 cap;
	uint64_t		 produced, claimed, emitted;
	int			 done;		/* producer finished */
	volatile int		 stop;
	pthread_mutex_t		 mu;
	pthread_cond_t		 can_produce, can_claim, can_emit;
	char			 curdir[256];
	uint64_t		 found;		/* files the walk found */
	const char *const	*roots;
	int			 nroots;
	const pid_t		*pids;
	int			 npids;
	vg_scan_match_fn	 cb;
	void			*arg;
	int			 cberr;
	struct worker		*workers;
	int			 nstarted;	/* workers running */
	volatile int		 throttle_stop;
};

struct worker {
	struct run		*r;
	pthread_t		 tid;
	YR_SCANNER		*sc;
	YR_SCANNER		*dsc[ENGINE_MAXDELTAS];
	YR_SCANNER		*psc;		/* moved rules (pe_rules) */
	YR_SCANNER		*dpsc[ENGINE_MAXDELTAS];
	YR_SCANNER		*wsc;		/* unsplit rules (whole) */
	YR_SCANNER		*dwsc[ENGINE_MAXDELTAS];
	int			 foreign;	/* rules of none of the set's
						   maps: look them up */
	int			 prefiltered;	/* a prefilter rule matched */
	uint8_t			*buf;
	size_t			 bufcap;
	uid_t			 last_uid;
	char			 owner[64];
	struct item		*cur;		/* for the callback */
	struct yara_set		*cur_set;
};

/* ---- Shared by the engine and its reporting ------------------------ */

/* Seconds on the monotonic clock; since the scan started. */
double	engine_now(void);
double	engine_elapsed(const struct vg_scan *);

/* files-report.c, run by the calling thread only: report the finished
 * item IT (callback, store, cache, counts), and the progress line. */
void	engine_report(struct run *, struct item *);
void	engine_progress(struct run *);
/* The batch transaction of findings and cache rows: committed when it
 * has been open a second (tick), or now (commit). */
void	engine_tx_tick(struct vg_scan *);
void	engine_tx_commit(struct vg_scan *);

/* files-engine.c, used when cached results are restored: add a hit to
 * IT (STRINGS, a JSON reference, is taken over); the IOC hits of IT's
 * name and digests. */
void	engine_add_hit(struct item *, YR_RULE *, const struct ioc_entry *,
	    json_t *strings, int cached);
void	engine_name_hit(const struct ioc_entry *, void *arg);
void	engine_hash_hits(struct vg_scan *, struct item *);

#endif
