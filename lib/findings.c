/*
 * findings.c — the one findings model: runs (a scan or capture of one
 * subject) and their findings, written by every source and read by the
 * reports without knowing where they came from.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/util.h"

static const char *status_names[] = {
	"pass", "warn", "fail", "info", "error", "match"
};
static const char *status_labels[] = {
	N_("pass"), N_("warning"), N_("fail"), N_("info"), N_("error"),
	N_("match")
};
static const char *severity_names[] = {
	"info", "low", "medium", "high", "critical"
};
static const char *severity_labels[] = {
	N_("information"), N_("low"), N_("medium"), N_("high"),
	N_("critical")
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

const char *
vg_status_name(enum vg_status s)
{
	return (size_t)s < NELEM(status_names) ? status_names[s] : "error";
}

const char *
vg_status_label(enum vg_status s)
{
	return (size_t)s < NELEM(status_labels) ?
	    _(status_labels[s]) : "?";
}

int
vg_status_parse(const char *name, enum vg_status *s)
{
	size_t i;

	for (i = 0; i < NELEM(status_names); i++)
		if (strcmp(name, status_names[i]) == 0) {
			*s = (enum vg_status)i;
			return 0;
		}
	return -1;
}

const char *
vg_severity_name(enum vg_severity s)
{
	return (size_t)s < NELEM(severity_names) ? severity_names[s] : "info";
}

const char *
vg_severity_label(enum vg_severity s)
{
	return (size_t)s < NELEM(severity_labels) ?
	    _(severity_labels[s]) : "?";
}

int
vg_severity_parse(const char *name, enum vg_severity *s)
{
	size_t i;

	for (i = 0; i < NELEM(severity_names); i++)
		if (strcmp(name, severity_names[i]) == 0) {
			*s = (enum vg_severity)i;
			return 0;
		}
	return -1;
}

/* Step a prepared write and finalize it. */
static int
step_done(struct vg_store *s, sqlite3_stmt *st, const char *what, char *err)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, what);
		return -1;
	}
	return 0;
}

/*
 * Who runs a run: while it is 'running', its stats column holds
 * "owner:BOOT_ID:PID:STARTTIME" (the boot, the process and its start
 * time in clock ticks, as /proc gives them), so a later vigie can tell a
 * run whose process is gone (killed) from one still going.
 */
static void
run_owner(pid_t pid, char *out, size_t size)
{
	char *boot, *stat, path[64], *p;
	unsigned long long start = 0;
	size_t len;
	int i;

	boot = vg_read_file("/proc/sys/kernel/random/boot_id", 64, &len, NULL);
	if (boot != NULL)
		boot[strcspn(boot, "\n")] = '\0';
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	stat = vg_read_file(path, 4096, &len, NULL);
	/* Field 22, counted after the ")" that ends the command name. */
	if (stat != NULL && (p = strrchr(stat, ')')) != NULL) {
		for (i = 2; i < 22 && p != NULL; i++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			start = strtoull(p + 1, NULL, 10);
	}
	snprintf(out, size, "owner:%s:%ld:%llu", boot ? boot : "", (long)pid,
	    start);
	free(boot);
	free(stat);
}

void
vg_runs_sweep(struct vg_store *s)
{
	sqlite3_stmt *st, *up;
	char now[32], mine[128];

	st = vg_store_prepare(s, "SELECT id, stats FROM run WHERE status = "
	    "'running'", NULL);
	if (st == NULL)
		return;
	up = vg_store_prepare(s, "UPDATE run SET status = 'interrupted', "
	    "ended = NULL, stats = NULL WHERE id = ?1 AND status = 'running'",
	    NULL);
	vg_time_iso(time(NULL), now);
	while (up != NULL && sqlite3_step(st) == SQLITE_ROW) {
		const char *o = (const char *)sqlite3_column_text(st, 1);
		const char *q;
		long pid;

		/* Still going: same boot, its process alive, same start. */
		if (o != NULL && strncmp(o, "owner:", 6) == 0 &&
		    (q = strchr(o + 6, ':')) != NULL &&
		    (pid = strtol(q + 1, NULL, 10)) > 0 &&
		    (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
			run_owner((pid_t)pid, mine, sizeof mine);
			if (strcmp(mine, o) == 0)
				continue;
		}
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		(void)sqlite3_step(up);
	}
	sqlite3_finalize(up);
	sqlite3_finalize(st);
}

int
vg_run_begin(struct vg_store *s, int64_t commune, const char *kind,
    const char *subject, int64_t *run, char *err)
{
	sqlite3_stmt *st;
	char now[32], owner[128];

	vg_time_iso(time(NULL), now);
	run_owner(getpid(), owner, sizeof owner);
	st = vg_store_prepare(s, "INSERT INTO run (commune_id, kind, subject, "
	    "started, stats) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (st == NULL)
		return -1;
	if (commune > 0)
		sqlite3_bind_int64(st, 1, commune);
	else
		sqlite3_bind_null(st, 1);
	vg_store_bind_text(st, 2, kind);
	vg_store_bind_text(st, 3, subject);
	vg_store_bind_text(st, 4, now);
	vg_store_bind_text(st, 5, owner);
	if (step_done(s, st, "cannot record the run", err) == -1)
		return -1;
	*run = sqlite3_last_insert_rowid(vg_store_db(s));
	return 0;
}

/* Insert F into RUN with LANG and TIME; WHAT names the failure. */
static int
finding_insert(struct vg_store *s, int64_t run, const struct vg_finding *f,
    const char *lang, const char *at, const char *what, char *err)
{
	sqlite3_stmt *st;

	st = vg_store_prepare(s, "INSERT INTO finding (run_id, source, ref, "
	    "status, severity, subject, title, detail, remediation, lang, "
	    "time, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	vg_store_bind_text(st, 2, f->source);
	vg_store_bind_text(st, 3, f->ref);
	vg_store_bind_text(st, 4, vg_status_name(f->status));
	vg_store_bind_text(st, 5, vg_severity_name(f->severity));
	vg_store_bind_text(st, 6, f->subject);
	vg_store_bind_text(st, 7, f->title);
	vg_store_bind_text(st, 8, f->detail);
	vg_store_bind_text(st, 9, f->remediation);
	vg_store_bind_text(st, 10, lang);
	vg_store_bind_text(st, 11, at);
	vg_store_bind_text(st, 12, f->data);
	return step_done(s, st, what, err);
}

int
vg_run_add(struct vg_store *s, int64_t run, const struct vg_finding *f,
    char *err)
{
	char now[32];

	vg_time_iso(time(NULL), now);
	return finding_insert(s, run, f, vg_lang(), now,
	    "cannot record a finding", err);
}

int
vg_run_end(struct vg_store *s, int64_t run, const char *status,
    const char *stats, char *err)
{
	sqlite3_stmt *st;
	char now[32];

	vg_time_iso(time(NULL), now);
	st = vg_store_prepare(s, "UPDATE run SET ended = ?1, status = ?2, "
	    "stats = ?3 WHERE id = ?4", err);
	if (st == NULL)
		return -1;
	vg_store_bind_text(st, 1, now);
	vg_store_bind_text(st, 2, status);
	vg_store_bind_text(st, 3, stats);
	sqlite3_bind_int64(st, 4, run);
	return step_done(s, st, "cannot close the run", err);
}

/* ---- Import: runs and findings as another store had them ---------- */

/* Bind what a run is known by to ?1..?4: commune, kind, subject, start. */
static void
run_bind_key(sqlite3_stmt *st, int64_t commune, const struct vg_run *r)
{
	sqlite3_bind_int64(st, 1, commune);
	vg_store_bind_text(st, 2, r->kind);
	vg_store_bind_text(st, 3, r->subject);
	vg_store_bind_text(st, 4, r->started);
}

int
vg_run_exists(struct vg_store *s, int64_t commune, const struct vg_run *r,
    char *err)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	st = vg_store_prepare(s, "SELECT count(*) FROM run WHERE "
	    "commune_id = ?1 AND kind = ?2 AND subject IS ?3 AND "
	    "started = ?4", err);
	if (st == NULL)
		return -1;
	run_bind_key(st, commune, r);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		vg_store_seterr(s, err, "cannot read the runs");
		return -1;
	}
	return n > 0;
}

int
vg_run_import(struct vg_store *s, int64_t commune, const struct vg_run *r,
    int64_t *run, char *err)
{
	sqlite3_stmt *st;

	st = vg_store_prepare(s, "INSERT INTO run (commune_id, kind, "
	    "subject, started, ended, status, stats) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7)", err);
	if (st == NULL)
		return -1;
	run_bind_key(st, commune, r);
	vg_store_bind_text(st, 5, r->ended);
	vg_store_bind_text(st, 6, r->status);
	vg_store_bind_text(st, 7, r->stats);
	if (step_done(s, st, "cannot import a run", err) == -1)
		return -1;
	*run = sqlite3_last_insert_rowid(vg_store_db(s));
	return 0;
}

int
vg_finding_import(struct vg_store *s, int64_t run, const struct vg_finding *f,
    const char *lang, const char *at, char *err)
{
	return finding_insert(s, run, f, lang, at, "cannot import a finding",
	    err);
}

/* ---- Reading ------------------------------------------------------ */

#define FINDING_COLS	"id, source, ref, status, severity, subject, " \
			"title, detail, remediation, lang, time, data"

/* Fill F from the row of ST whose first column is FINDING_COLS'. */
static void
finding_row(sqlite3_stmt *st, int c, struct vg_finding_rec *f)
{
	char **text[] = {
		&f->source, &f->ref, &f->status, &f->severity, &f->subject,
		&f->title, &f->detail, &f->remediation, &f->lang, &f->time,
		&f->data,
	};
	size_t i;

	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, c);
	for (i = 0; i < NELEM(text); i++)
		*text[i] = vg_strdup_null(vg_store_col(st, c + 1 + (int)i));
}

static void
finding_clear(struct vg_finding_rec *f)
{
	free(f->source); free(f->ref); free(f->status); free(f->severity);
	free(f->subject); free(f->title); free(f->detail);
	free(f->remediation); free(f->lang); free(f->time); free(f->data);
}

void
vg_runs_free(struct vg_run_rec *runs, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct vg_run_rec *r = &runs[i];

		for (j = 0; j < r->nf; j++)
			finding_clear(&r->f[j]);
		free(r->f);
		free(r->kind); free(r->subject); free(r->started);
		free(r->ended); free(r->status); free(r->stats);
	}
	free(runs);
}

int
vg_runs_read(struct vg_store *s, int64_t commune, enum vg_runs_which which,
    struct vg_run_rec **out, size_t *nout, char *err)
{
	sqlite3_stmt *st = NULL, *fst = NULL;
	struct vg_run_rec *runs = NULL, *r;
	size_t n = 0;
	int rc = -1, step;

	*out = NULL;
	*nout = 0;
	if (which == VG_RUNS_LATEST)
		st = vg_store_prepare(s, "SELECT id, kind, subject, started, "
		    "ended, status, stats FROM run r WHERE commune_id = ?1 AND "
		    "status = 'done' AND id = (SELECT max(id) FROM run r2 "
		    "WHERE r2.commune_id = r.commune_id AND r2.kind = r.kind "
		    "AND r2.subject IS r.subject AND r2.status = 'done') "
		    "ORDER BY kind, subject", err);
	else
		st = vg_store_prepare(s, "SELECT id, kind, subject, started, "
		    "ended, status, stats FROM run WHERE commune_id = ?1 "
		    "ORDER BY started, id", err);
	if (st == NULL)
		goto out;
	fst = vg_store_prepare(s, "SELECT " FINDING_COLS " FROM finding "
	    "WHERE run_id = ?1 ORDER BY id", err);
	if (fst == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, commune);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		runs = xreallocarray(runs, n + 1, sizeof *runs);
		r = &runs[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->kind = vg_strdup_null(vg_store_col(st, 1));
		r->subject = vg_strdup_null(vg_store_col(st, 2));
		r->started = vg_strdup_null(vg_store_col(st, 3));
		r->ended = vg_strdup_null(vg_store_col(st, 4));
		r->status = vg_strdup_null(vg_store_col(st, 5));
		r->stats = vg_strdup_null(vg_store_col(st, 6));
		sqlite3_reset(fst);
		sqlite3_bind_int64(fst, 1, r->id);
		while ((step = sqlite3_step(fst)) == SQLITE_ROW) {
			r->f = xreallocarray(r->f, r->nf + 1, sizeof *r->f);
			finding_row(fst, 0, &r->f[r->nf++]);
		}
		if (step != SQLITE_DONE)
			break;
	}
	if (step != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot read the runs");
		goto out;
	}
	*out = runs;
	*nout = n;
	runs = NULL;
	n = 0;
	rc = 0;
out:
	vg_runs_free(runs, n);
	sqlite3_finalize(fst);
	sqlite3_finalize(st);
	return rc;
}

int
vg_run_last_started(struct vg_store *s, int64_t commune, const char *kind,
    char **started, char *err)
{
	sqlite3_stmt *st;
	int rc;

	*started = NULL;
	st = vg_store_prepare(s, "SELECT started FROM run WHERE commune_id = "
	    "?1 AND kind = ?2 AND status = 'done' "
	    "ORDER BY started DESC LIMIT 1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	vg_store_bind_text(st, 2, kind);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*started = vg_strdup_null(vg_store_col(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot read the runs");
		return -1;
	}
	return 0;
}

int
vg_findings_each(struct vg_store *s, int64_t commune,
    int (*fn)(const struct vg_finding_rec *, const struct vg_finding_ctx *,
    void *, char *), void *arg, char *err)
{
	struct vg_finding_rec f;
	struct vg_finding_ctx ctx;
	sqlite3_stmt *st;
	int step, rc = 0;

	st = vg_store_prepare(s, "SELECT f.id, f.source, f.ref, f.status, "
	    "f.severity, f.subject, f.title, f.detail, f.remediation, f.lang, "
	    "f.time, f.data, r.id, r.kind, c.name, p.value "
	    "FROM finding f JOIN run r ON r.id = f.run_id "
	    "LEFT JOIN commune c ON c.id = r.commune_id "
	    "LEFT JOIN profile p ON p.commune_id = c.id AND p.key = 'insee' "
	    "WHERE ?1 = 0 OR r.commune_id = ?1 ORDER BY f.time, f.id", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		finding_row(st, 0, &f);
		ctx.run = sqlite3_column_int64(st, 12);
		ctx.kind = vg_store_col(st, 13);
		ctx.commune = vg_store_col(st, 14);
		ctx.insee = vg_store_col(st, 15);
		rc = fn(&f, &ctx, arg, err);
		finding_clear(&f);
		if (rc == -1)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot read the findings");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

void
vg_tally_free(struct vg_tally *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(t[i].last);
	free(t);
}

int
vg_findings_tally(struct vg_store *s, struct vg_tally **out, size_t *nout,
    char *err)
{
	sqlite3_stmt *st;
	struct vg_tally *t = NULL;
	size_t n = 0;
	int step, i;

	*out = NULL;
	*nout = 0;
	/* Sums are NULL for a commune whose runs found nothing: 0. */
	st = vg_store_prepare(s, "SELECT r.commune_id, "
	    "sum(f.severity = 'info'), sum(f.severity = 'low'), "
	    "sum(f.severity = 'medium'), sum(f.severity = 'high'), "
	    "sum(f.severity = 'critical'), "
	    "max(r.started) FROM run r LEFT JOIN finding f ON f.run_id = r.id "
	    "AND f.status IN ('fail', 'match') "
	    "WHERE r.status = 'done' AND r.commune_id IS NOT NULL AND r.id = "
	    "(SELECT max(id) FROM run r2 WHERE r2.commune_id = r.commune_id "
	    "AND r2.kind = r.kind AND r2.subject IS r.subject AND "
	    "r2.status = 'done') GROUP BY r.commune_id ORDER BY r.commune_id",
	    err);
	if (st == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		t = xreallocarray(t, n + 1, sizeof *t);
		memset(&t[n], 0, sizeof t[n]);
		t[n].commune = sqlite3_column_int64(st, 0);
		for (i = VG_SEV_INFO; i <= VG_SEV_CRITICAL; i++)
			t[n].problems[i] = sqlite3_column_int(st, 1 + i);
		t[n].last = vg_strdup_null(vg_store_col(st, 6));
		n++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot read the findings");
		vg_tally_free(t, n);
		return -1;
	}
	*out = t;
	*nout = n;
	return 0;
}

/* ---- Schema ------------------------------------------------------- */

/*
 * Runs and their findings.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step vg_findings_schema_steps[] = {
	{ 1,
	    "CREATE TABLE run ("
	    "  id INTEGER PRIMARY KEY,"
	    "  commune_id INTEGER REFERENCES commune(id) ON DELETE CASCADE,"
	    "  kind TEXT NOT NULL,"
	    "  subject TEXT,"
	    "  started TEXT NOT NULL,"
	    "  ended TEXT,"
	    "  status TEXT NOT NULL DEFAULT 'running',"
	    "  stats TEXT);"
	    "CREATE INDEX run_commune ON run(commune_id, kind, started);"
	    "CREATE TABLE finding ("
	    "  id INTEGER PRIMARY KEY,"
	    "  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,"
	    "  source TEXT NOT NULL,"
	    "  ref TEXT NOT NULL,"
	    "  status TEXT NOT NULL,"
	    "  severity TEXT NOT NULL,"
	    "  subject TEXT,"
	    "  title TEXT,"
	    "  detail TEXT,"
	    "  remediation TEXT,"
	    "  lang TEXT NOT NULL,"
	    "  time TEXT NOT NULL,"
	    "  data TEXT);"
	    "CREATE INDEX finding_run ON finding(run_id);" },
	{ 0, NULL }
};
const struct vg_schema vg_findings_schema = {
	"findings", vg_findings_schema_steps
};
