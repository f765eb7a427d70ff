/*
 * incident-bundle.c — incidents in commune bundles (`vigie export` /
 * `vigie import`): each incident with what is known of it and its
 * timeline. On import an incident is recognised by its T0 and opening
 * time: what is known of it is taken from the bundle (the machine that
 * exported it is where it is followed), and only the timeline entries
 * not yet there are added, so importing twice changes nothing.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/module.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define TEXT_MAX	10000	/* bytes of a free text */

/* The facts of an incident, in table order after t0, opened, closed. */
static const char *const tri_cols[] = {
	"personal_data", "high_risk", "insured", "ransomware", "nis2",
};
#define NTRI	(sizeof(tri_cols) / sizeof(tri_cols[0]))

static const char *const ev_kinds[] = {
	"open", "log", "done", "undo", "set", "close",
};

static json_t *
col_time(sqlite3_stmt *st, int i)
{
	char iso[32];

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return json_null();
	vg_time_iso((time_t)sqlite3_column_int64(st, i), iso);
	return json_string(iso);
}

static json_t *
col_count(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return json_null();
	return json_integer(sqlite3_column_int64(st, i));
}

static json_t *
bundle_export(struct vg_store *s, int64_t commune, char *err)
{
	sqlite3_stmt *in, *ev = NULL;
	json_t *list = json_array(), *o, *events;
	size_t k;

	in = vg_store_prepare(s, "SELECT id, t0, opened, closed, "
	    "personal_data, high_risk, insured, ransomware, nis2, what, data, "
	    "people, records FROM incident WHERE commune = ?1 ORDER BY id",
	    err);
	ev = vg_store_prepare(s, "SELECT at, recorded, kind, step, text, "
	    "author FROM incident_event WHERE incident = ?1 ORDER BY at, id",
	    err);
	if (in == NULL || ev == NULL) {
		sqlite3_finalize(in);
		sqlite3_finalize(ev);
		json_decref(list);
		return NULL;
	}
	sqlite3_bind_int64(in, 1, commune);
	while (sqlite3_step(in) == SQLITE_ROW) {
		events = json_array();
		sqlite3_reset(ev);
		sqlite3_bind_int64(ev, 1, sqlite3_column_int64(in, 0));
		while (sqlite3_step(ev) == SQLITE_ROW)
			json_array_append_new(events, json_pack("{s:o, s:o, "
			    "s:o, s:o, s:o, s:o}", "at", col_time(ev, 0),
			    "recorded", col_time(ev, 1),
			    "kind", vg_json_str(vg_store_col(ev, 2)),
			    "step", vg_json_str(vg_store_col(ev, 3)),
			    "text", vg_json_str(vg_store_col(ev, 4)),
			    "author", vg_json_str(vg_store_col(ev, 5))));
		o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "t0", col_time(in, 1), "opened", col_time(in, 2),
		    "closed", col_time(in, 3),
		    "what", vg_json_str(vg_store_col(in, 9)),
		    "data", vg_json_str(vg_store_col(in, 10)),
		    "people", col_count(in, 11),
		    "records", col_count(in, 12), "events", events);
		for (k = 0; k < NTRI; k++)
			json_object_set_new(o, tri_cols[k],
			    vg_json_str(vg_store_col(in, 4 + (int)k)));
		json_array_append_new(list, o);
	}
	sqlite3_finalize(ev);
	sqlite3_finalize(in);
	return list;
}

/* PATH.KEY, a date and time, into *T (REQUIRED, else null is 0). */
static int
get_time(json_t *o, const char *path, const char *key, int required,
    time_t *t, char *err)
{
	const char *v;

	*t = 0;
	if (vg_json_get_str(o, path, key, required, 32, &v, err) == -1)
		return -1;
	if (v != NULL && vg_time_parse_iso(v, t) == -1) {
		vg_seterr(err, _("%s.%s: not a date and time"), path, key);
		return -1;
	}
	return 0;
}

/* The T0 of a bundle checked as a typed one (deadline_check_t0). */
static int
check_t0(json_t *o, const char *path, time_t t0, char *err)
{
	char inner[VG_ERRLEN];

	if (deadline_check_t0(t0, time(NULL), json_string_value(
	    json_object_get(o, "t0")), inner) == -1) {
		vg_seterr(err, "%s.t0: %s", path, inner);
		return -1;
	}
	return 0;
}

/* PATH.KEY, a count (null, or an integer from 0), into *N (-1: null). */
static int
get_count(json_t *o, const char *path, const char *key, long long *n,
    char *err)
{
	json_t *v = json_object_get(o, key);

	*n = -1;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		vg_seterr(err, _("%s.%s: must be a number from 0, or null"),
		    path, key);
		return -1;
	}
	*n = (long long)json_integer_value(v);
	return 0;
}

static int
one_of(const char *v, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

/* SQL prepared with an event's columns bound to ?1..?7. */
static sqlite3_stmt *
event_stmt(struct vg_store *s, const char *sql, int64_t id, time_t at,
    time_t recorded, const char *kind, const char *const v[3], char *err)
{
	sqlite3_stmt *st;
	int k;

	if ((st = vg_store_prepare(s, sql, err)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (int64_t)at);
	sqlite3_bind_int64(st, 3, (int64_t)recorded);
	vg_store_bind_text(st, 4, kind);
	for (k = 0; k < 3; k++)
		vg_store_bind_text(st, 5 + k, v[k]);
	return st;
}

/* The timeline entries of EVENTS not yet in incident ID. */
static int
import_events(struct vg_store *s, int64_t id, json_t *events,
    const char *ipath, int *added, char *err)
{
	static const char *const keys[] = { "step", "text", "author" };
	static const size_t max[] = { 64, TEXT_MAX, 200 };
	const char *kind, *v[3];
	char path[128];
	sqlite3_stmt *st;
	json_t *e;
	time_t at, recorded;
	size_t i, k;
	int rc, exists;

	if (!json_is_array(events)) {
		vg_seterr(err, _("%s.events: must be an array"), ipath);
		return -1;
	}
	json_array_foreach(events, i, e) {
		snprintf(path, sizeof path, "%s.events[%zu]", ipath, i);
		if (!json_is_object(e)) {
			vg_seterr(err, _("%s: must be an object"), path);
			return -1;
		}
		if (get_time(e, path, "at", 1, &at, err) == -1 ||
		    get_time(e, path, "recorded", 1, &recorded, err) == -1 ||
		    vg_json_get_str(e, path, "kind", 1, 8, &kind, err) == -1)
			return -1;
		if (!one_of(kind, ev_kinds, sizeof(ev_kinds) /
		    sizeof(ev_kinds[0]))) {
			vg_seterr(err, _("%s.kind: must be open, log, done, "
			    "undo, set or close"), path);
			return -1;
		}
		for (k = 0; k < 3; k++)
			if (vg_json_get_str(e, path, keys[k], 0, max[k], &v[k],
			    err) == -1)
				return -1;
		/* The same entry (every column equal) is there already? */
		if ((st = event_stmt(s, "SELECT count(*) FROM incident_event "
		    "WHERE incident = ?1 AND at = ?2 AND recorded = ?3 AND "
		    "kind = ?4 AND step IS ?5 AND text IS ?6 AND author IS ?7",
		    id, at, recorded, kind, v, err)) == NULL)
			return -1;
		exists = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
		if (exists)
			continue;
		if ((st = event_stmt(s, "INSERT INTO incident_event (incident, "
		    "at, recorded, kind, step, text, author) VALUES (?1, ?2, "
		    "?3, ?4, ?5, ?6, ?7)", id, at, recorded, kind, v,
		    err)) == NULL)
			return -1;
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			vg_store_seterr(s, err, "cannot import an incident event");
			return -1;
		}
		(*added)++;
	}
	return 0;
}

static int
bundle_import(struct vg_store *s, int64_t commune, json_t *list, int *added,
    char *err)
{
	static const char *const tri[] = { "yes", "no", "unknown" };
	const char *what, *data, *t[NTRI];
	char path[64];
	sqlite3_stmt *st;
	json_t *o;
	time_t t0, opened, closed;
	long long people, records;
	int64_t id;
	size_t i, k;
	int rc;

	if (!json_is_array(list)) {
		vg_seterr(err, _("parts.incidents: must be an array"));
		return -1;
	}
	json_array_foreach(list, i, o) {
		snprintf(path, sizeof path, "parts.incidents[%zu]", i);
		if (!json_is_object(o)) {
			vg_seterr(err, _("%s: must be an object"), path);
			return -1;
		}
		if (get_time(o, path, "t0", 1, &t0, err) == -1 ||
		    check_t0(o, path, t0, err) == -1 ||
		    get_time(o, path, "opened", 1, &opened, err) == -1 ||
		    get_time(o, path, "closed", 0, &closed, err) == -1 ||
		    vg_json_get_str(o, path, "what", 0, TEXT_MAX, &what,
		    err) == -1 ||
		    vg_json_get_str(o, path, "data", 0, TEXT_MAX, &data,
		    err) == -1 ||
		    get_count(o, path, "people", &people, err) == -1 ||
		    get_count(o, path, "records", &records, err) == -1)
			return -1;
		for (k = 0; k < NTRI; k++) {
			if (vg_json_get_str(o, path, tri_cols[k], 1, 8, &t[k],
			    err) == -1)
				return -1;
			if (!one_of(t[k], tri, 3)) {
				vg_seterr(err, _("%s.%s: must be yes, no or "
				    "unknown"), path, tri_cols[k]);
				return -1;
			}
		}
		/* Known by its T0 and opening time: updated, else added. */
		st = vg_store_prepare(s, "SELECT id FROM incident WHERE "
		    "commune = ?1 AND t0 = ?2 AND opened = ?3", err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, commune);
		sqlite3_bind_int64(st, 2, (int64_t)t0);
		sqlite3_bind_int64(st, 3, (int64_t)opened);
		id = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		st = vg_store_prepare(s, id != 0 ? "UPDATE incident SET "
		    "closed = ?4, personal_data = ?5, high_risk = ?6, "
		    "insured = ?7, ransomware = ?8, nis2 = ?9, what = ?10, "
		    "data = ?11, people = ?12, records = ?13 WHERE id = ?14 AND "
		    "commune = ?1 AND t0 = ?2 AND opened = ?3" :
		    "INSERT INTO incident (commune, t0, opened, closed, "
		    "personal_data, high_risk, insured, ransomware, nis2, what, "
		    "data, people, records) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		    "?8, ?9, ?10, ?11, ?12, ?13)", err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, commune);
		sqlite3_bind_int64(st, 2, (int64_t)t0);
		sqlite3_bind_int64(st, 3, (int64_t)opened);
		if (closed != 0)
			sqlite3_bind_int64(st, 4, (int64_t)closed);
		for (k = 0; k < NTRI; k++)
			sqlite3_bind_text(st, 5 + (int)k, t[k], -1,
			    SQLITE_STATIC);
		vg_store_bind_text(st, 10, what);
		vg_store_bind_text(st, 11, data);
		if (people >= 0)
			sqlite3_bind_int64(st, 12, people);
		if (records >= 0)
			sqlite3_bind_int64(st, 13, records);
		if (id != 0)
			sqlite3_bind_int64(st, 14, id);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			vg_store_seterr(s, err, "cannot import an incident");
			return -1;
		}
		if (id == 0) {
			id = sqlite3_last_insert_rowid(vg_store_db(s));
			(*added)++;
		}
		if (import_events(s, id, json_object_get(o, "events"), path,
		    added, err) == -1)
			return -1;
	}
	return 0;
}

const struct vg_bundle_part incident_bundle_part = {
	"incidents", bundle_export, bundle_import
};
