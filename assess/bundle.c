/*
 * bundle.c — assessments in commune bundles (`vigie export` / `vigie
 * import`): each questionnaire once, as its XML, and every assessment
 * with its answers. On import an assessment already present (same
 * commune, start time, mode and source) is left alone, and a
 * questionnaire is accepted only if it loads and validates like a
 * questionnaire file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/module.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define NOTE_MAX	10000	/* bytes of a note */

static json_t *
bundle_export(struct vg_store *s, int64_t commune, char *err)
{
	sqlite3_stmt *q = NULL, *a = NULL, *ans = NULL;
	json_t *quests = json_array(), *list = json_array(), *answers;

	q = vg_store_prepare(s, "SELECT DISTINCT q.qid, q.version, q.sha256, "
	    "q.source, q.xml, q.added FROM assess_questionnaire q JOIN "
	    "assessment a ON a.questionnaire_id = q.id WHERE a.commune_id = ?1 "
	    "ORDER BY q.id", err);
	a = vg_store_prepare(s, "SELECT a.id, q.sha256, a.mode, a.source, "
	    "a.started, a.updated, a.finished FROM assessment a JOIN "
	    "assess_questionnaire q ON q.id = a.questionnaire_id WHERE "
	    "a.commune_id = ?1 ORDER BY a.id", err);
	ans = vg_store_prepare(s, "SELECT question, value, note, later, "
	    "updated FROM assess_answer WHERE assessment_id = ?1 ORDER BY "
	    "question", err);
	if (q == NULL || a == NULL || ans == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, commune);
	while (sqlite3_step(q) == SQLITE_ROW)
		json_array_append_new(quests, json_pack("{s:o, s:o, s:o, s:o,"
		    " s:o, s:o}", "qid", vg_json_str(vg_store_col(q, 0)),
		    "version", vg_json_str(vg_store_col(q, 1)),
		    "sha256", vg_json_str(vg_store_col(q, 2)),
		    "source", vg_json_str(vg_store_col(q, 3)),
		    "xml", vg_json_strn(sqlite3_column_blob(q, 4),
		    (size_t)sqlite3_column_bytes(q, 4)),
		    "added", vg_json_str(vg_store_col(q, 5))));
	sqlite3_bind_int64(a, 1, commune);
	while (sqlite3_step(a) == SQLITE_ROW) {
		answers = json_array();
		sqlite3_reset(ans);
		sqlite3_bind_int64(ans, 1, sqlite3_column_int64(a, 0));
		while (sqlite3_step(ans) == SQLITE_ROW)
			json_array_append_new(answers, json_pack("{s:o, s:o,"
			    " s:o, s:b, s:o}",
			    "question", vg_json_str(vg_store_col(ans, 0)),
			    "value", vg_json_str(vg_store_col(ans, 1)),
			    "note", vg_json_str(vg_store_col(ans, 2)),
			    "later", sqlite3_column_int(ans, 3),
			    "updated", vg_json_str(vg_store_col(ans, 4))));
		json_array_append_new(list, json_pack("{s:o, s:o, s:o, s:o,"
		    " s:o, s:o, s:o}",
		    "questionnaire", vg_json_str(vg_store_col(a, 1)),
		    "mode", vg_json_str(vg_store_col(a, 2)),
		    "source", vg_json_str(vg_store_col(a, 3)),
		    "started", vg_json_str(vg_store_col(a, 4)),
		    "updated", vg_json_str(vg_store_col(a, 5)),
		    "finished", vg_json_str(vg_store_col(a, 6)),
		    "answers", answers));
	}
	sqlite3_finalize(ans);
	sqlite3_finalize(a);
	sqlite3_finalize(q);
	return json_pack("{s:o, s:o}", "questionnaires", quests,
	    "assessments", list);
fail:
	sqlite3_finalize(ans);
	sqlite3_finalize(a);
	sqlite3_finalize(q);
	json_decref(quests);
	json_decref(list);
	return NULL;
}

/* Store every questionnaire after checking it; fills ROWS (by index). */
static int
import_quests(struct vg_store *s, json_t *quests, int64_t *rows,
    struct quest **qs, char *err)
{
	const char *sha, *xml, *source;
	struct quest *q;
	char path[64], hex[65], inner[VG_ERRLEN];
	json_t *e;
	size_t i;

	json_array_foreach(quests, i, e) {
		snprintf(path, sizeof path, "parts.assessments.questionnaires"
		    "[%zu]", i);
		if (!json_is_object(e) ||
		    vg_json_get_str(e, path, "sha256", 1, 64, &sha,
		    err) == -1 ||
		    vg_json_get_str(e, path, "source", 0, 4096, &source,
		    err) == -1 ||
		    vg_json_get_str(e, path, "xml", 1, 16u << 20, &xml,
		    err) == -1)
			return -1;
		vg_sha256_hex(xml, strlen(xml), hex);
		if (strcmp(hex, sha) != 0) {
			vg_seterr(err, _("%s: the XML does not match its "
			    "sha256"), path);
			return -1;
		}
		/* The same checks as a questionnaire file: schema, IDs. */
		if ((q = quest_load_mem(xml, strlen(xml), source ? source :
		    path, inner)) == NULL) {
			vg_seterr(err, _("%s: not a valid questionnaire: %s"),
			    path, inner);
			return -1;
		}
		if (record_questionnaire(s, q, &rows[i], err) == -1) {
			quest_free(q);
			return -1;
		}
		qs[i] = q;	/* kept: the answers are checked against it */
	}
	return 0;
}

static int
import_answers(struct vg_store *s, int64_t id, const struct quest *q,
    json_t *answers, const char *apath, char *err)
{
	const char *question, *value, *note, *updated;
	const struct quest_question *qq;
	const struct quest_ask *ask;
	char path[128], inner[VG_ERRLEN];
	int v;
	sqlite3_stmt *st;
	json_t *e, *later;
	size_t i;
	time_t t;
	int rc;

	if (!json_is_array(answers)) {
		vg_seterr(err, _("%s.answers: must be an array"), apath);
		return -1;
	}
	json_array_foreach(answers, i, e) {
		snprintf(path, sizeof path, "%s.answers[%zu]", apath, i);
		if (!json_is_object(e) ||
		    vg_json_get_str(e, path, "question", 1, 64, &question,
		    err) == -1 ||
		    vg_json_get_str(e, path, "value", 0, 64, &value,
		    err) == -1 ||
		    vg_json_get_str(e, path, "note", 0, NOTE_MAX, &note,
		    err) == -1 ||
		    vg_json_get_str(e, path, "updated", 1, 32, &updated,
		    err) == -1)
			return -1;
		later = json_object_get(e, "later");
		if (!json_is_boolean(later)) {
			vg_seterr(err, _("%s.later: must be true or false"),
			    path);
			return -1;
		}
		if (vg_time_parse_iso(updated, &t) == -1) {
			vg_seterr(err, _("%s.updated: not a date and time"),
			    path);
			return -1;
		}
		/* The same checks as an answer given on screen or in an
		 * answers file: a question of the questionnaire, one of its
		 * answers ("na" may come from the context: not judged). */
		if ((ask = quest_ask(q, question)) != NULL) {
			/* A context answer: one of the ask's options. */
			if (value != NULL && quest_option(ask, value) == NULL) {
				vg_seterr(err, _("%s.value: \"%s\" is not an "
				    "answer of question %s"), path, value,
				    question);
				return -1;
			}
		} else if ((qq = quest_question(q, question)) == NULL) {
			vg_seterr(err, _("%s.question: no question \"%s\" in "
			    "the questionnaire"), path, question);
			return -1;
		}
		else if (value != NULL && (answers_parse_value(value,
		    &v) == -1 || answers_check(qq, v, 1, inner) == -1)) {
			vg_seterr(err, _("%s.value: \"%s\" is not an answer of "
			    "question %s"), path, value, qq->id);
			return -1;
		}
		st = vg_store_prepare(s, "INSERT INTO assess_answer "
		    "(assessment_id, question, value, note, later, updated) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC);
		if (value)
			sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
		if (note)
			sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, json_is_true(later));
		sqlite3_bind_text(st, 6, updated, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			vg_seterr(err, _("%s: cannot be recorded (question "
			    "given twice?)"), path);
			return -1;
		}
	}
	return 0;
}

static int
bundle_import(struct vg_store *s, int64_t commune, json_t *v, int *added,
    char *err)
{
	const char *sha, *mode, *source, *started, *updated, *finished;
	json_t *quests = json_object_get(v, "questionnaires"), *list =
	    json_object_get(v, "assessments"), *e, *qe;
	int64_t *rows = NULL, qrow, id;
	struct quest **qs = NULL, *q;
	char path[64];
	sqlite3_stmt *st;
	size_t i, j;
	time_t t;
	int rc = -1, exists;

	if (!json_is_object(v) || !json_is_array(quests) ||
	    !json_is_array(list)) {
		vg_seterr(err, _("parts.assessments: must be an object with "
		    "\"questionnaires\" and \"assessments\" arrays"));
		return -1;
	}
	rows = xcalloc(json_array_size(quests) + 1, sizeof *rows);
	qs = xcalloc(json_array_size(quests) + 1, sizeof *qs);
	if (import_quests(s, quests, rows, qs, err) == -1)
		goto out;
	json_array_foreach(list, i, e) {
		snprintf(path, sizeof path, "parts.assessments.assessments"
		    "[%zu]", i);
		if (!json_is_object(e) ||
		    vg_json_get_str(e, path, "questionnaire", 1, 64, &sha,
		    err) == -1 ||
		    vg_json_get_str(e, path, "mode", 1, 8, &mode, err) == -1 ||
		    vg_json_get_str(e, path, "source", 1, 16, &source,
		    err) == -1 ||
		    vg_json_get_str(e, path, "started", 1, 32, &started,
		    err) == -1 ||
		    vg_json_get_str(e, path, "updated", 1, 32, &updated,
		    err) == -1 ||
		    vg_json_get_str(e, path, "finished", 0, 32, &finished,
		    err) == -1)
			goto out;
		if (strcmp(mode, "full") != 0 && strcmp(mode, "quick") != 0) {
			vg_seterr(err, _("%s.mode: must be full or quick"),
			    path);
			goto out;
		}
		if (vg_time_parse_iso(started, &t) == -1 ||
		    vg_time_parse_iso(updated, &t) == -1 ||
		    (finished && vg_time_parse_iso(finished, &t) == -1)) {
			vg_seterr(err, _("%s: a time is not a date and time"),
			    path);
			goto out;
		}
		qrow = 0;
		q = NULL;
		json_array_foreach(quests, j, qe)
			if (json_equal(json_object_get(qe, "sha256"),
			    json_object_get(e, "questionnaire"))) {
				qrow = rows[j];
				q = qs[j];
			}
		if (qrow == 0) {
			vg_seterr(err, _("%s.questionnaire: not among the "
			    "bundle's questionnaires"), path);
			goto out;
		}
		st = vg_store_prepare(s, "SELECT count(*) FROM assessment WHERE "
		    "commune_id = ?1 AND started = ?2 AND mode = ?3 AND "
		    "source = ?4", err);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, commune);
		sqlite3_bind_text(st, 2, started, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, mode, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
		exists = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
		if (exists)
			continue;
		st = vg_store_prepare(s, "INSERT INTO assessment (commune_id, "
		    "questionnaire_id, mode, source, started, updated, finished) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, commune);
		sqlite3_bind_int64(st, 2, qrow);
		sqlite3_bind_text(st, 3, mode, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, started, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, updated, -1, SQLITE_STATIC);
		if (finished)
			sqlite3_bind_text(st, 7, finished, -1, SQLITE_STATIC);
		exists = sqlite3_step(st);
		sqlite3_finalize(st);
		if (exists != SQLITE_DONE) {
			vg_store_seterr(s, err, "cannot import an assessment");
			goto out;
		}
		id = sqlite3_last_insert_rowid(vg_store_db(s));
		if (import_answers(s, id, q, json_object_get(e, "answers"), path,
		    err) == -1)
			goto out;
		(*added)++;
	}
	rc = 0;
out:
	for (j = 0; qs != NULL && j < json_array_size(quests); j++)
		quest_free(qs[j]);
	free(qs);
	free(rows);
	return rc;
}

const struct vg_bundle_part assess_bundle_part = {
	"assessments", bundle_export, bundle_import
};
