/*
 * record.c — assessments in the store: the questionnaire as it was asked
 * (its XML, stored once per version), each assessment of a commune, and
 * its answers. Every answer given in the TUI is its own transaction,
 * committed before the screen moves on, so nothing is lost to a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* Step ST once, expecting no row; finalize it. */
static int
record_done(struct vg_store *s, sqlite3_stmt *st, const char *what,
    char *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static void
record_now(char *out)
{
	vg_time_iso(time(NULL), out);
}

int
record_questionnaire(struct vg_store *s, const struct quest *q,
    int64_t *row, char *err)
{
	sqlite3_stmt *st;
	char now[32];

	record_now(now);
	if ((st = vg_store_prepare(s, "INSERT INTO assess_questionnaire "
	    "(qid, version, sha256, source, xml, added) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(sha256) DO NOTHING",
	    err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, q->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, q->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, q->name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, q->xml, (int)q->xmllen, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	if (record_done(s, st, "assess_questionnaire", err) == -1)
		return -1;
	if ((st = vg_store_prepare(s, "SELECT id FROM assess_questionnaire "
	    "WHERE sha256 = ?1", err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, q->sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		vg_store_seterr(s, err, "assess_questionnaire");
		sqlite3_finalize(st);
		return -1;
	}
	*row = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* Insert the assessment row; no transaction of its own. */
static int
record_insert(struct vg_store *s, int64_t commune, const struct quest *q,
    int quick, const char *source, int64_t *id, char *err)
{
	sqlite3_stmt *st;
	int64_t qrow;
	char now[32];

	if (record_questionnaire(s, q, &qrow, err) == -1)
		return -1;
	record_now(now);
	if ((st = vg_store_prepare(s, "INSERT INTO assessment (commune_id, "
	    "questionnaire_id, mode, source, started, updated) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?5)", err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	sqlite3_bind_int64(st, 2, qrow);
	sqlite3_bind_text(st, 3, quick ? "quick" : "full", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (record_done(s, st, "assessment", err) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(vg_store_db(s));
	return 0;
}

int
record_begin(struct vg_store *s, int64_t commune, const struct quest *q,
    int quick, const char *source, int64_t *id, char *err)
{
	if (vg_store_begin(s, err) == -1)
		return -1;
	if (record_insert(s, commune, q, quick, source, id, err) == -1 ||
	    vg_store_commit(s, err) == -1) {
		vg_store_rollback(s);
		return -1;
	}
	return 0;
}

static int
record_one_id(struct vg_store *s, const char *sql, int64_t a, int64_t *out,
    char *err)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((st = vg_store_prepare(s, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "assessment");
		return -1;
	}
	return 0;
}

int
record_latest(struct vg_store *s, int64_t commune, int64_t *id, char *err)
{
	return record_one_id(s, "SELECT max(id) FROM assessment WHERE "
	    "commune_id = ?1", commune, id, err);
}

int
record_previous(struct vg_store *s, int64_t id, int64_t *prev, char *err)
{
	return record_one_id(s, "SELECT max(b.id) FROM assessment a JOIN "
	    "assessment b ON b.commune_id = a.commune_id AND b.id < a.id "
	    "WHERE a.id = ?1", id, prev, err);
}

#define RECORD_COLS	"a.id, a.commune_id, q.qid, q.version, a.mode, " \
			"a.source, a.started, a.updated, a.finished"

static void
record_copy(char *dst, size_t size, const unsigned char *src)
{
	snprintf(dst, size, "%s", src ? (const char *)src : "");
}

static void
record_row(sqlite3_stmt *st, struct record_info *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->commune = sqlite3_column_int64(st, 1);
	record_copy(r->qid, sizeof r->qid, sqlite3_column_text(st, 2));
	record_copy(r->qversion, sizeof r->qversion,
	    sqlite3_column_text(st, 3));
	r->quick = sqlite3_column_text(st, 4) != NULL &&
	    strcmp((const char *)sqlite3_column_text(st, 4), "quick") == 0;
	record_copy(r->source, sizeof r->source, sqlite3_column_text(st, 5));
	record_copy(r->started, sizeof r->started, sqlite3_column_text(st, 6));
	record_copy(r->updated, sizeof r->updated, sqlite3_column_text(st, 7));
	record_copy(r->finished, sizeof r->finished,
	    sqlite3_column_text(st, 8));
}

int
record_info(struct vg_store *s, int64_t id, struct record_info *r,
    char *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = vg_store_prepare(s, "SELECT " RECORD_COLS " FROM "
	    "assessment a JOIN assess_questionnaire q ON q.id = "
	    "a.questionnaire_id WHERE a.id = ?1", err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		record_row(st, r);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		vg_seterr(err, _("%s: no assessment number %lld"),
		    vg_store_path(s), (long long)id);
		return -1;
	}
	return 0;
}

int
record_list(struct vg_store *s, int64_t commune, struct record_info **list,
    int *n, char *err)
{
	sqlite3_stmt *st;
	int cap = 8, rc;

	*n = 0;
	*list = NULL;
	if ((st = vg_store_prepare(s, "SELECT " RECORD_COLS " FROM "
	    "assessment a JOIN assess_questionnaire q ON q.id = "
	    "a.questionnaire_id WHERE a.commune_id = ?1 ORDER BY a.id",
	    err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	*list = xcalloc((size_t)cap, sizeof **list);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*list = xreallocarray(*list, (size_t)(cap *= 2),
			    sizeof **list);
		record_row(st, &(*list)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "assessment");
		free(*list);
		*list = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

struct quest *
record_quest(struct vg_store *s, int64_t id, char *err)
{
	sqlite3_stmt *st;
	struct quest *q = NULL;
	char *name;

	if ((st = vg_store_prepare(s, "SELECT q.xml, q.qid, q.version FROM "
	    "assessment a JOIN assess_questionnaire q ON q.id = "
	    "a.questionnaire_id WHERE a.id = ?1", err)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		vg_seterr(err, _("%s: no assessment number %lld"),
		    vg_store_path(s), (long long)id);
		sqlite3_finalize(st);
		return NULL;
	}
	name = xasprintf(_("questionnaire %s %s as stored in %s"),
	    (const char *)sqlite3_column_text(st, 1),
	    (const char *)sqlite3_column_text(st, 2), vg_store_path(s));
	q = quest_load_mem(sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0), name, err);
	free(name);
	sqlite3_finalize(st);
	return q;
}

int
record_load(struct vg_store *s, int64_t id, struct answers *a, char *err)
{
	const struct quest *q = a->quest;
	struct quest_question *qq;
	struct quest_ask *ask;
	sqlite3_stmt *st;
	const char *k, *v, *note;
	int rc, value;

	if ((st = vg_store_prepare(s, "SELECT question, value, note, later "
	    "FROM assess_answer WHERE assessment_id = ?1", err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		v = (const char *)sqlite3_column_text(st, 1);
		note = (const char *)sqlite3_column_text(st, 2);
		if (k == NULL)
			continue;
		if ((ask = quest_ask(q, k)) != NULL) {
			free(a->ctx[ask->index]);
			a->ctx[ask->index] = v && quest_option(ask, v) ?
			    xstrdup(v) : NULL;
			continue;
		}
		if ((qq = quest_question(q, k)) == NULL)
			continue;
		if (v != NULL && answers_parse_value(v, &value) == 0)
			a->value[qq->index] = value;
		free(a->note[qq->index]);
		a->note[qq->index] = note && *note ? xstrdup(note) : NULL;
		a->later[qq->index] = sqlite3_column_int(st, 3) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "assess_answer");
		return -1;
	}
	return 0;
}

/* ---- Writing one answer ------------------------------------------- */

enum record_field { RF_VALUE, RF_NOTE, RF_LATER };

/* Upsert one field of one answer; no transaction of its own. */
static int
record_field(struct vg_store *s, int64_t id, const char *question,
    enum record_field f, const char *text, int flag, char *err)
{
	static const char *const sql[] = {
		"INSERT INTO assess_answer (assessment_id, question, value, "
		"updated) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET "
		"value = excluded.value, updated = excluded.updated",
		"INSERT INTO assess_answer (assessment_id, question, note, "
		"updated) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET "
		"note = excluded.note, updated = excluded.updated",
		"INSERT INTO assess_answer (assessment_id, question, later, "
		"updated) VALUES (?1, ?2, ?5, ?4) ON CONFLICT DO UPDATE SET "
		"later = excluded.later, updated = excluded.updated",
	};
	sqlite3_stmt *st;
	char now[32];

	record_now(now);
	if ((st = vg_store_prepare(s, sql[f], err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC);
	if (text != NULL && *text != '\0')
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (f == RF_LATER)
		sqlite3_bind_int(st, 5, flag);
	if (record_done(s, st, "assess_answer", err) == -1)
		return -1;
	if ((st = vg_store_prepare(s, "UPDATE assessment SET updated = ?2 "
	    "WHERE id = ?1", err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if (record_done(s, st, "assessment", err) == -1)
		return -1;
	if (sqlite3_changes(vg_store_db(s)) != 1) {
		vg_seterr(err, _("%s: no assessment number %lld"),
		    vg_store_path(s), (long long)id);
		return -1;
	}
	return 0;
}

static int
record_field_tx(struct vg_store *s, int64_t id, const char *question,
    enum record_field f, const char *text, int flag, char *err)
{
	if (vg_store_begin(s, err) == -1)
		return -1;
	if (record_field(s, id, question, f, text, flag, err) == -1 ||
	    vg_store_commit(s, err) == -1) {
		vg_store_rollback(s);
		return -1;
	}
	return 0;
}

int
record_answer(struct vg_store *s, int64_t id, const char *question,
    const char *value, char *err)
{
	return record_field_tx(s, id, question, RF_VALUE, value, 0, err);
}

int
record_note(struct vg_store *s, int64_t id, const char *question,
    const char *note, char *err)
{
	return record_field_tx(s, id, question, RF_NOTE, note, 0, err);
}

int
record_later(struct vg_store *s, int64_t id, const char *question,
    int later, char *err)
{
	return record_field_tx(s, id, question, RF_LATER, NULL, later != 0,
	    err);
}

static int
record_update(struct vg_store *s, int64_t id, const char *sql,
    const char *text, char *err)
{
	sqlite3_stmt *st;
	char now[32];

	record_now(now);
	if (vg_store_begin(s, err) == -1)
		return -1;
	if ((st = vg_store_prepare(s, sql, err)) == NULL) {
		vg_store_rollback(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if (text != NULL)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	if (record_done(s, st, "assessment", err) == -1 ||
	    vg_store_commit(s, err) == -1) {
		vg_store_rollback(s);
		return -1;
	}
	return 0;
}

int
record_set_quick(struct vg_store *s, int64_t id, int quick, char *err)
{
	return record_update(s, id, "UPDATE assessment SET mode = ?3, "
	    "updated = ?2 WHERE id = ?1", quick ? "quick" : "full", err);
}

int
record_finish(struct vg_store *s, int64_t id, int finished, char *err)
{
	return record_update(s, id, finished ?
	    "UPDATE assessment SET finished = ?2, updated = ?2 WHERE id = ?1" :
	    "UPDATE assessment SET finished = NULL, updated = ?2 WHERE id = ?1",
	    NULL, err);
}

int
record_all(struct vg_store *s, int64_t commune, const struct answers *a,
    int quick, const char *source, int64_t *id, char *err)
{
	const struct quest *q = a->quest;
	const char *v;
	int i;

	if (vg_store_begin(s, err) == -1)
		return -1;
	if (record_insert(s, commune, q, quick, source, id, err) == -1)
		goto fail;
	for (i = 0; i < q->nasks; i++)
		if (a->ctx[i] != NULL && record_field(s, *id, q->asks[i].id,
		    RF_VALUE, a->ctx[i], 0, err) == -1)
			goto fail;
	for (i = 0; i < q->nquestions; i++) {
		const char *qid = q->questions[i].id;

		v = answers_value_id(a->value[i]);
		if (v != NULL && record_field(s, *id, qid, RF_VALUE, v, 0,
		    err) == -1)
			goto fail;
		if (a->note[i] != NULL && record_field(s, *id, qid, RF_NOTE,
		    a->note[i], 0, err) == -1)
			goto fail;
		if (a->later[i] && record_field(s, *id, qid, RF_LATER, NULL,
		    1, err) == -1)
			goto fail;
	}
	if (answers_first_open(a, quick) == -1 &&
	    answers_first_open_ask(a) == -1) {
		sqlite3_stmt *st;
		char now[32];

		record_now(now);
		if ((st = vg_store_prepare(s, "UPDATE assessment SET "
		    "finished = ?2 WHERE id = ?1", err)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		if (record_done(s, st, "assessment", err) == -1)
			goto fail;
	}
	if (vg_store_commit(s, err) == -1)
		goto fail;
	return 0;
fail:
	vg_store_rollback(s);
	return -1;
}

/* ---- Schema ------------------------------------------------------- */

/*
 * Questionnaires as asked, assessments and their answers.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step record_schema_steps[] = {
	{ 3,
	    "CREATE TABLE assess_questionnaire ("
	    "  id INTEGER PRIMARY KEY,"
	    "  qid TEXT NOT NULL,"
	    "  version TEXT NOT NULL,"
	    "  sha256 TEXT NOT NULL UNIQUE,"
	    "  source TEXT,"
	    "  xml BLOB NOT NULL,"
	    "  added TEXT NOT NULL);"
	    "CREATE TABLE assessment ("
	    "  id INTEGER PRIMARY KEY,"
	    "  commune_id INTEGER NOT NULL"
	    "    REFERENCES commune(id) ON DELETE CASCADE,"
	    "  questionnaire_id INTEGER NOT NULL"
	    "    REFERENCES assess_questionnaire(id),"
	    "  mode TEXT NOT NULL CHECK (mode IN ('full', 'quick')),"
	    "  source TEXT NOT NULL,"
	    "  started TEXT NOT NULL,"
	    "  updated TEXT NOT NULL,"
	    "  finished TEXT);"
	    "CREATE INDEX assessment_commune ON assessment(commune_id, id);"
	    "CREATE TABLE assess_answer ("
	    "  assessment_id INTEGER NOT NULL"
	    "    REFERENCES assessment(id) ON DELETE CASCADE,"
	    "  question TEXT NOT NULL,"
	    "  value TEXT,"
	    "  note TEXT,"
	    "  later INTEGER NOT NULL DEFAULT 0,"
	    "  updated TEXT NOT NULL,"
	    "  PRIMARY KEY (assessment_id, question));" },
	{ 0, NULL }
};
const struct vg_schema record_schema = {
	"assess", record_schema_steps
};
