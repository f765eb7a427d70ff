/*
 * test-store.c — the store: created 0600 and migrated, transactions,
 * the commune and its profile (validation), the findings model.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "testutil.h"

static struct vg_store *
open_new(const char *name)
{
	struct vg_store *s;
	char err[VG_ERRLEN], *path = tu_path(name);

	if (vg_store_open(path, &s, err) == -1)
		fail_msg("%s", err);
	free(path);
	return s;
}

static int
scalar(struct vg_store *s, const char *sql)
{
	char err[VG_ERRLEN];
	sqlite3_stmt *st = vg_store_prepare(s, sql, err);
	int v;

	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_open_creates_private_migrated(void **state)
{
	(void)state;
	struct vg_store *s = open_new("a.db");
	struct stat st;

	assert_int_equal(stat(vg_store_path(s), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(scalar(s, "PRAGMA user_version"),
	    vg_store_schema_version());
	assert_int_equal(scalar(s, "PRAGMA foreign_keys"), 1);
	vg_store_close(s);
	/* Reopening changes nothing. */
	s = open_new("a.db");
	assert_int_equal(scalar(s, "PRAGMA user_version"),
	    vg_store_schema_version());
	vg_store_close(s);
}

static void
test_newer_schema_refused(void **state)
{
	(void)state;
	struct vg_store *s = open_new("newer.db");
	char err[VG_ERRLEN], *path = tu_path("newer.db");

	assert_int_equal(sqlite3_exec(vg_store_db(s),
	    "PRAGMA user_version = 9999", NULL, NULL, NULL), SQLITE_OK);
	vg_store_close(s);
	assert_int_equal(vg_store_open(path, &s, err), -1);
	assert_null(s);
	assert_non_null(strstr(err, "newer vigie"));
	free(path);
}

static void
test_rollback(void **state)
{
	(void)state;
	struct vg_store *s = open_new("tx.db");
	char err[VG_ERRLEN];
	int64_t id;

	assert_int_equal(vg_store_begin(s, err), 0);
	assert_int_equal(vg_commune_current(s, 1, &id, err), 0);
	vg_store_rollback(s);
	assert_int_equal(scalar(s, "SELECT count(*) FROM commune"), 0);
	vg_store_close(s);
}

static void
test_profile(void **state)
{
	(void)state;
	struct vg_store *s = open_new("p.db");
	char err[VG_ERRLEN], *v;
	int64_t id, id2;
	static const struct { const char *k, *v; int ok; } cases[] = {
		{ "insee", "35238", 1 }, { "insee", "2A004", 1 },
		{ "insee", "3523", 0 }, { "insee", "2C004", 0 },
		{ "population", "1200", 1 }, { "population", "-3", 0 },
		{ "population", "12a", 0 },
		{ "email", "mairie@commune.fr", 1 }, { "email", "mairie", 0 },
		{ "email", "a@b@c.fr", 0 }, { "email", "a b@c.fr", 0 },
		{ "mayor.phone", "+33 2 99 00 00 00", 1 },
		{ "mayor.phone", "02-99", 1 }, { "mayor.phone", "call me", 0 },
		{ "insurer.deadline_hours", "72", 1 },
		{ "insurer.deadline_hours", "0", 0 },
		{ "mayor.name", "Jeanne Dupont", 1 },
		{ "mayor.name", "bad\033[2Jname", 0 },
		{ "nosuchkey", "x", 0 },
	};
	size_t i;

	vg_i18n_init("en", err);
	assert_int_equal(vg_commune_current(s, 0, &id, err), -1);
	assert_non_null(strstr(err, "no commune yet"));
	assert_int_equal(vg_commune_current(s, 1, &id, err), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = vg_profile_set(s, id, cases[i].k, cases[i].v, err);

		if ((rc == 0) != cases[i].ok)
			fail_msg("%s=%s: expected %s (%s)", cases[i].k,
			    cases[i].v, cases[i].ok ? "ok" : "refused", err);
	}
	assert_int_equal(vg_profile_get(s, id, "insee", &v, err), 0);
	assert_string_equal(v, "2A004");
	free(v);
	/* Empty value unsets. */
	assert_int_equal(vg_profile_set(s, id, "insee", "", err), 0);
	assert_int_equal(vg_profile_get(s, id, "insee", &v, err), 0);
	assert_null(v);

	/* Names are unique; --commune chooses. */
	assert_int_equal(vg_profile_set(s, id, "name", "Alpha", err), 0);
	vg_g.commune = "Beta";
	assert_int_equal(vg_commune_current(s, 0, &id2, err), -1);
	assert_int_equal(vg_commune_current(s, 1, &id2, err), 0);
	assert_true(id2 != id);
	assert_int_equal(vg_profile_set(s, id2, "name", "Alpha", err), -1);
	vg_g.commune = NULL;
	/* Beta became current; both exist. */
	assert_int_equal(vg_commune_current(s, 0, &id, err), 0);
	assert_true(id == id2);
	vg_store_close(s);
}

static void
test_findings(void **state)
{
	(void)state;
	struct vg_store *s = open_new("f.db");
	char err[VG_ERRLEN];
	int64_t run;
	enum vg_status st;
	enum vg_severity sev;
	struct vg_finding f = {
		.source = "scan.mail", .ref = "mail.dmarc.policy",
		.status = VG_ST_WARN, .severity = VG_SEV_MEDIUM,
		.subject = "commune.fr", .title = "DMARC p=none",
	};

	assert_int_equal(vg_run_begin(s, 0, "scan.mail", "commune.fr", &run,
	    err), 0);
	assert_int_equal(vg_run_add(s, run, &f, err), 0);
	assert_int_equal(vg_run_end(s, run, "done", "{\"domains\":1}", err),
	    0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM finding WHERE "
	    "status = 'warn' AND severity = 'medium'"), 1);
	assert_int_equal(scalar(s, "SELECT count(*) FROM run WHERE "
	    "status = 'done' AND ended IS NOT NULL"), 1);
	/* Names round-trip. */
	assert_int_equal(vg_status_parse("match", &st), 0);
	assert_int_equal(st, VG_ST_MATCH);
	assert_int_equal(vg_severity_parse("critical", &sev), 0);
	assert_string_equal(vg_severity_name(sev), "critical");
	assert_int_equal(vg_status_parse("bogus", &st), -1);
	/* A run of an unknown commune breaks the foreign key. */
	assert_int_equal(vg_run_begin(s, 424242, "scan.mail", "x", &run, err),
	    -1);
	vg_store_close(s);
}

static int
count_each(const struct vg_finding_rec *f, const struct vg_finding_ctx *ctx,
    void *arg, char *err)
{
	int *n = arg;

	assert_non_null(f->source);
	assert_non_null(ctx->kind);
	assert_string_equal(ctx->commune, "Testville");
	if (++*n == 2) {
		vg_seterr(err, "stop here");
		return -1;
	}
	return 0;
}

static int
count_all(const struct vg_finding_rec *f, const struct vg_finding_ctx *ctx,
    void *arg, char *err)
{
	(void)f;
	(void)ctx;
	(void)err;
	++*(int *)arg;
	return 0;
}

/* The read side: what reports get back, whoever wrote it. */
static void
test_findings_read(void **state)
{
	struct vg_store *s = open_new("r.db");
	char err[VG_ERRLEN], *started;
	int64_t commune, r0, r1, r2, r3, r4, r5, imp;
	struct vg_run_rec *runs;
	struct vg_tally *t;
	size_t n;
	int count;
	struct vg_finding f = {
		.source = "scan.mail", .ref = "mail.spf.none",
		.status = VG_ST_FAIL, .severity = VG_SEV_HIGH,
		.subject = "a.fr", .title = "No SPF",
	};
	struct vg_run ri = {
		.kind = "scan.files", .subject = "pc9",
		.started = "2026-01-02T03:04:05Z", .ended = NULL,
		.status = "done", .stats = NULL,
	};
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(vg_commune_current(s, 1, &commune, err), 0);
	assert_int_equal(vg_profile_set(s, commune, "name", "Testville", err),
	    0);
	/* An older and a newer mail scan of a.fr: the newer counts. */
	assert_int_equal(vg_run_begin(s, commune, "scan.mail", "a.fr", &r1,
	    err), 0);
	assert_int_equal(vg_run_add(s, r1, &f, err), 0);
	f.status = VG_ST_PASS;
	f.severity = VG_SEV_INFO;
	assert_int_equal(vg_run_add(s, r1, &f, err), 0);
	assert_int_equal(vg_run_end(s, r1, "done", NULL, err), 0);
	assert_int_equal(vg_run_begin(s, commune, "scan.mail", "a.fr", &r2,
	    err), 0);
	f.status = VG_ST_MATCH;
	f.severity = VG_SEV_CRITICAL;
	assert_int_equal(vg_run_add(s, r2, &f, err), 0);
	assert_int_equal(vg_run_end(s, r2, "done", "{\"n\":1}", err), 0);
	/* A finished run of pc1, then one still going and one that failed:
	 * the finished one is the latest that counts. */
	assert_int_equal(vg_run_begin(s, commune, "scan.config", "pc1", &r0,
	    err), 0);
	assert_int_equal(vg_run_end(s, r0, "done", NULL, err), 0);
	assert_int_equal(vg_run_begin(s, commune, "scan.config", "pc1", &r3,
	    err), 0);
	assert_int_equal(vg_run_begin(s, commune, "scan.config", "pc1", &r4,
	    err), 0);
	assert_int_equal(vg_run_end(s, r4, "error", NULL, err), 0);
	assert_int_equal(vg_run_begin(s, commune, "respond.sheet", "s.html",
	    &r5, err), 0);
	assert_int_equal(vg_run_end(s, r5, "done", NULL, err), 0);

	assert_int_equal(vg_runs_read(s, commune, VG_RUNS_ALL, &runs, &n,
	    err), 0);
	assert_int_equal(n, 6);
	assert_int_equal(runs[0].id, r1);
	assert_int_equal(runs[0].nf, 2);
	assert_string_equal(runs[0].f[0].status, "fail");
	assert_string_equal(runs[0].f[1].severity, "info");
	assert_non_null(runs[0].f[0].lang);
	assert_null(runs[0].f[0].detail);
	assert_int_equal(runs[3].id, r3);
	assert_string_equal(runs[3].status, "running");
	assert_null(runs[3].ended);
	vg_runs_free(runs, n);

	assert_int_equal(vg_runs_read(s, commune, VG_RUNS_LATEST, &runs, &n,
	    err), 0);
	assert_int_equal(n, 3);		/* by kind */
	assert_string_equal(runs[0].kind, "respond.sheet");
	assert_int_equal(runs[1].id, r0);
	assert_int_equal(runs[2].id, r2);
	assert_int_equal(runs[2].nf, 1);
	assert_string_equal(runs[2].f[0].status, "match");
	assert_string_equal(runs[2].stats, "{\"n\":1}");
	vg_runs_free(runs, n);

	assert_int_equal(vg_findings_tally(s, &t, &n, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].commune, commune);
	assert_int_equal(t[0].problems[VG_SEV_CRITICAL], 1);
	assert_int_equal(t[0].problems[VG_SEV_HIGH], 0);	/* r1: older */
	assert_non_null(t[0].last);
	vg_tally_free(t, n);

	count = 0;
	assert_int_equal(vg_findings_each(s, commune, count_all, &count, err),
	    0);
	assert_int_equal(count, 3);
	count = 0;
	assert_int_equal(vg_findings_each(s, 0, count_each, &count, err), -1);
	assert_int_equal(count, 2);
	assert_string_equal(err, "stop here");

	assert_int_equal(vg_run_last_started(s, commune, "respond.sheet",
	    &started, err), 0);
	assert_non_null(started);
	free(started);
	assert_int_equal(vg_run_last_started(s, commune, "scan.files",
	    &started, err), 0);
	assert_null(started);

	/* Import: a run is known by kind, subject and start. */
	assert_int_equal(vg_run_exists(s, commune, &ri, err), 0);
	assert_int_equal(vg_run_import(s, commune, &ri, &imp, err), 0);
	assert_int_equal(vg_run_exists(s, commune, &ri, err), 1);
	assert_int_equal(vg_finding_import(s, imp, &f, "fr",
	    "2026-01-02T03:04:06Z", err), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM finding WHERE "
	    "lang = 'fr' AND time = '2026-01-02T03:04:06Z' AND "
	    "status = 'match'"), 1);
	assert_int_equal(vg_run_last_started(s, commune, "scan.files",
	    &started, err), 0);
	assert_string_equal(started, "2026-01-02T03:04:05Z");
	free(started);

	/* The column helper: SQL NULL is NULL, text is text. */
	st = vg_store_prepare(s, "SELECT NULL, 'x', 12", err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_null(vg_store_col(st, 0));
	assert_string_equal(vg_store_col(st, 1), "x");
	assert_string_equal(vg_store_col(st, 2), "12");
	sqlite3_finalize(st);
	vg_store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_creates_private_migrated),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_findings_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
