/*
 * findings.h — the one findings model (lib/findings.c): runs (a scan or
 * capture of one subject) and their findings. Every source writes them
 * here and every report reads them back here, without knowing which
 * module wrote them: no SQL on the run and finding tables outside lib/.
 * Included by vigie/store.h.
 */
#ifndef VIGIE_FINDINGS_H
#define VIGIE_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

struct vg_store;

/*
 * Run kinds: the kind of a run, and the source of the findings it holds.
 * They are stored (and exported in bundles and ECS events) as these
 * strings; use the names, never the strings.
 */
#define VG_RUN_SCAN_FILES	"scan.files"	/* vigie scan files */
#define VG_RUN_SCAN_PROCESSES	"scan.processes" /* vigie scan processes */
#define VG_RUN_SCAN_CONFIG	"scan.config"	/* vigie scan config */
#define VG_RUN_SCAN_MAIL	"scan.mail"	/* vigie scan mail */
#define VG_RUN_RESPOND_CAPTURE	"respond.capture" /* a capture verified */
#define VG_RUN_RESPOND_SHEET	"respond.sheet"	/* first-actions sheet */

/*
 * A run is one execution of a scan or capture (a VG_RUN_ kind) on one
 * subject (a host name, a domain, a directory). Its findings are rows
 * with a status and a severity; reports read them back without knowing
 * their source.
 */
enum vg_status {
	VG_ST_PASS, VG_ST_WARN, VG_ST_FAIL, VG_ST_INFO, VG_ST_ERROR,
	VG_ST_MATCH,	/* a YARA rule or IOC matched */
};
enum vg_severity {
	VG_SEV_INFO, VG_SEV_LOW, VG_SEV_MEDIUM, VG_SEV_HIGH, VG_SEV_CRITICAL,
};

const char	*vg_status_name(enum vg_status);	/* "pass"... */
int		 vg_status_parse(const char *, enum vg_status *);
const char	*vg_severity_name(enum vg_severity);	/* "high"... */
int		 vg_severity_parse(const char *, enum vg_severity *);
/* Translated word for the user ("échec", "élevée"...). */
const char	*vg_status_label(enum vg_status);
const char	*vg_severity_label(enum vg_severity);

/* ---- Writing ------------------------------------------------------ */

struct vg_finding {
	const char		*source;	/* a VG_RUN_ kind */
	const char		*ref;		/* check or rule ID */
	enum vg_status		 status;
	enum vg_severity	 severity;
	const char		*subject;	/* path, host, domain */
	const char		*title;
	const char		*detail;	/* may be NULL */
	const char		*remediation;	/* may be NULL */
	const char		*data;		/* JSON text or NULL */
};

/*
 * vg_run_begin() records a run for the commune (commune may be 0 for
 * none) and returns its id; vg_run_add() adds one finding; vg_run_end()
 * stores its status ("done", "error", "interrupted") and statistics
 * (JSON text or NULL). Each call is its own transaction unless the caller
 * holds one. Strings are copied; the caller keeps ownership.
 */
int	vg_run_begin(struct vg_store *, int64_t commune, const char *kind,
	    const char *subject, int64_t *run, char *err);
int	vg_run_add(struct vg_store *, int64_t run, const struct vg_finding *,
	    char *err);
int	vg_run_end(struct vg_store *, int64_t run, const char *status,
	    const char *stats, char *err);

/*
 * Mark 'interrupted' every run left 'running' whose process is gone (a
 * killed scan); vg_store_open() calls it. Best effort: errors are
 * ignored (the next start tries again).
 */
void	vg_runs_sweep(struct vg_store *);

/*
 * A run as another store had it (`vigie import`): every field as text,
 * NULL for none. Strings are the caller's.
 */
struct vg_run {
	const char	*kind, *subject, *started, *ended, *status;
	const char	*stats;		/* JSON text or NULL */
};
/*
 * Whether COMMUNE has a run of R's kind and subject started at R's start
 * (how a bundle's run is known): 1 yes, 0 no, -1 with err set.
 */
int	vg_run_exists(struct vg_store *, int64_t commune,
	    const struct vg_run *, char *err);
/* Record R as it is for COMMUNE; *run is its new id. */
int	vg_run_import(struct vg_store *, int64_t commune,
	    const struct vg_run *, int64_t *run, char *err);
/* Add F to RUN with its own language and time (ISO 8601), as exported. */
int	vg_finding_import(struct vg_store *, int64_t run,
	    const struct vg_finding *f, const char *lang, const char *at,
	    char *err);

/* ---- Reading ------------------------------------------------------ */

/*
 * A finding read back: every column as stored, as text (status and
 * severity by their stored names), NULL for SQL NULL.
 */
struct vg_finding_rec {
	int64_t	 id;
	char	*source, *ref, *status, *severity, *subject, *title;
	char	*detail, *remediation, *lang, *time;
	char	*data;			/* JSON text */
};
/* A run read back, with its findings in the order they were added. */
struct vg_run_rec {
	int64_t			 id;
	char			*kind, *subject, *started, *ended, *status;
	char			*stats;	/* JSON text */
	struct vg_finding_rec	*f;
	size_t			 nf;
};

enum vg_runs_which {
	VG_RUNS_ALL,	/* every run, by start time then id (bundles) */
	VG_RUNS_LATEST,	/* the latest finished ('done') run of each kind
			 * and subject, by kind then subject (the dossier) */
};

/*
 * The runs of COMMUNE chosen by WHICH, each with its findings. On success
 * *runs (NULL when *n is 0) is owned by the caller, who releases it with
 * vg_runs_free(); a caller may take over a string of it (and set the
 * field NULL) before. Returns -1 with err set, *runs NULL.
 */
int	vg_runs_read(struct vg_store *, int64_t commune, enum vg_runs_which,
	    struct vg_run_rec **runs, size_t *n, char *err);
void	vg_runs_free(struct vg_run_rec *, size_t n);

/*
 * When the latest finished run of KIND for COMMUNE started (ISO 8601):
 * *started is owned by the caller (free), NULL when there is none.
 */
int	vg_run_last_started(struct vg_store *, int64_t commune,
	    const char *kind, char **started, char *err);

/* What vg_findings_each() tells of the run a finding belongs to. */
struct vg_finding_ctx {
	int64_t		 run;
	const char	*kind;
	const char	*commune;	/* the commune's name, or NULL */
	const char	*insee;		/* its INSEE code, or NULL */
};
/*
 * Call FN on every finding of COMMUNE (0: of every commune and of runs of
 * none), by time then id. F and CTX are vigie's, valid during the call
 * only. FN returns 0 to go on, or -1 with err set to stop: then
 * vg_findings_each() returns -1 too.
 */
int	vg_findings_each(struct vg_store *, int64_t commune,
	    int (*fn)(const struct vg_finding_rec *f,
	    const struct vg_finding_ctx *ctx, void *arg, char *err),
	    void *arg, char *err);

/*
 * Per commune, what its latest finished runs (one per kind and subject)
 * found that asks for action (status fail or match), by severity.
 */
struct vg_tally {
	int64_t	 commune;
	int	 problems[VG_SEV_CRITICAL + 1];	/* by vg_severity */
	char	*last;		/* start of the newest of these runs */
};
/*
 * The tally of every commune that has a finished run, by commune id.
 * *out (NULL when *n is 0) is owned by the caller: vg_tally_free().
 */
int	vg_findings_tally(struct vg_store *, struct vg_tally **out,
	    size_t *n, char *err);
void	vg_tally_free(struct vg_tally *, size_t n);

/* The run and finding tables' schema (vigie/store.h), listed by
 * modules.c. */
struct vg_schema;
extern const struct vg_schema vg_findings_schema;

#endif
