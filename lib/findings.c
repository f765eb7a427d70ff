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

int
vg_run_add(struct vg_store *s, int64_t run, const struct vg_finding *f,
    char *err)
{
	sqlite3_stmt *st;
	char now[32];

	vg_time_iso(time(NULL), now);
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
	vg_store_bind_text(st, 10, vg_lang());
	vg_store_bind_text(st, 11, now);
	vg_store_bind_text(st, 12, f->data);
	return step_done(s, st, "cannot record a finding", err);
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
