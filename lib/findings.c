/*
 * findings.c — the one findings model: runs (a scan or capture of one
 * subject) and their findings, written by every source and read by the
 * reports without knowing where they came from.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

int
vg_run_begin(struct vg_store *s, int64_t commune, const char *kind,
    const char *subject, int64_t *run, char *err)
{
	sqlite3_stmt *st;
	char now[32];

	vg_time_iso(time(NULL), now);
	st = vg_store_prepare(s, "INSERT INTO run (commune_id, kind, subject, "
	    "started) VALUES (?1, ?2, ?3, ?4)", err);
	if (st == NULL)
		return -1;
	if (commune > 0)
		sqlite3_bind_int64(st, 1, commune);
	else
		sqlite3_bind_null(st, 1);
	vg_store_bind_text(st, 2, kind);
	vg_store_bind_text(st, 3, subject);
	vg_store_bind_text(st, 4, now);
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
