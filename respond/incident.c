/*
 * incident.c — incidents and their timeline in the store (tables
 * incident and incident_event: incident_schema at the end of this
 * file). Every change is one transaction committed before
 * the function returns, so a killed process loses nothing it reported as
 * done. Times are UTC seconds.
 */

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/store.h"
#include "vigie/util.h"

static const char *const ev_names[] = {
	"open", "log", "done", "undo", "set", "close",
};

const char *
incident_ev_name(enum incident_ev k)
{
	if ((unsigned)k >= sizeof(ev_names) / sizeof(ev_names[0]))
		return "?";
	return ev_names[k];
}

static int
ev_parse(const char *s, enum incident_ev *k)
{
	size_t i;

	for (i = 0; i < sizeof(ev_names) / sizeof(ev_names[0]); i++)
		if (strcmp(s, ev_names[i]) == 0) {
			*k = (enum incident_ev)i;
			return 0;
		}
	return -1;
}

void
incident_clear(struct incident *inc)
{
	free(inc->what);
	free(inc->data);
	memset(inc, 0, sizeof(*inc));
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
bind_count(sqlite3_stmt *st, int i, long long v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Bind what is known of IN (t0, the conditions, what happened, data,
 * people, records) to FIRST and the 10 parameters after it, in the
 * column order both the INSERT and the UPDATE use. */
static void
bind_facts(sqlite3_stmt *st, int first, const struct incident *in)
{
	int i;

	sqlite3_bind_int64(st, first, (sqlite3_int64)in->t0);
	for (i = 0; i < CL_NCOND; i++)
		sqlite3_bind_text(st, first + 1 + i,
		    checklist_tri_name(in->cond[i]), -1, SQLITE_STATIC);
	bind_text_or_null(st, first + 1 + CL_NCOND, in->what);
	bind_text_or_null(st, first + 2 + CL_NCOND, in->data);
	bind_count(st, first + 3 + CL_NCOND, in->people);
	bind_count(st, first + 4 + CL_NCOND, in->records);
}

static enum cl_tri
col_tri(sqlite3_stmt *st, int i)
{
	const char *s = vg_store_col(st, i);
	enum cl_tri t = CL_UNKNOWN;

	if (s != NULL)
		checklist_tri_parse(s, &t);
	return t;
}

/* Insert one event; the caller holds the transaction. */
static int
event_insert(struct vg_store *store, int64_t id, enum incident_ev kind,
    time_t at, const char *step, const char *text, const char *author,
    char *err)
{
	sqlite3_stmt *st;
	int r = -1;

	st = vg_store_prepare(store, "INSERT INTO incident_event (incident,"
	    " at, recorded, kind, step, text, author) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)deadline_now());
	sqlite3_bind_text(st, 4, incident_ev_name(kind), -1, SQLITE_STATIC);
	bind_text_or_null(st, 5, step);
	bind_text_or_null(st, 6, text);
	bind_text_or_null(st, 7, author);
	if (sqlite3_step(st) != SQLITE_DONE)
		vg_store_seterr(store, err, _("recording the incident event"));
	else
		r = 0;
	sqlite3_finalize(st);
	return r;
}

int
incident_open(struct vg_store *store, const struct incident *in,
    const char *author, int64_t *id, char *err)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (vg_store_begin(store, err) == -1)
		return -1;
	st = vg_store_prepare(store, "INSERT INTO incident (commune, opened, "
	    "t0, personal_data, high_risk, insured, ransomware, nis2, "
	    "what, data, people, records) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12)", err);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, in->commune);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)deadline_now());
	bind_facts(st, 3, in);
	if (sqlite3_step(st) != SQLITE_DONE) {
		vg_store_seterr(store, err, _("recording the incident"));
		goto out;
	}
	*id = sqlite3_last_insert_rowid(vg_store_db(store));
	if (event_insert(store, *id, IEV_OPEN, in->t0, NULL, in->what, author,
	    err) == -1)
		goto out;
	r = vg_store_commit(store, err);
out:
	sqlite3_finalize(st);
	if (r == -1)
		vg_store_rollback(store);
	return r;
}

int
incident_get(struct vg_store *store, int64_t id, struct incident *out,
    char *err)
{
	sqlite3_stmt *st;
	int r = -1, i, rc;

	memset(out, 0, sizeof(*out));
	st = vg_store_prepare(store, "SELECT commune, t0, opened, closed, "
	    "personal_data, high_risk, insured, ransomware, nis2, what, data,"
	    " people, records FROM incident WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->commune = sqlite3_column_int64(st, 0);
		out->t0 = (time_t)sqlite3_column_int64(st, 1);
		out->opened = (time_t)sqlite3_column_int64(st, 2);
		out->closed = (time_t)sqlite3_column_int64(st, 3);
		for (i = 0; i < CL_NCOND; i++)
			out->cond[i] = col_tri(st, 4 + i);
		out->what = vg_strdup_null(vg_store_col(st, 9));
		out->data = vg_strdup_null(vg_store_col(st, 10));
		out->people = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 11);
		out->records = sqlite3_column_type(st, 12) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(st, 12);
		r = 0;
	} else if (rc == SQLITE_DONE)
		vg_seterr(err, _("no incident number %lld"), (long long)id);
	else
		vg_store_seterr(store, err, _("reading the incident"));
	sqlite3_finalize(st);
	return r;
}

int
incident_current(struct vg_store *store, int64_t commune, int any_state,
    int64_t *id, char *err)
{
	sqlite3_stmt *st;
	int rc, r = 0;

	*id = 0;
	st = vg_store_prepare(store, any_state ?
	    "SELECT id FROM incident WHERE commune = ?1 "
	    "ORDER BY closed IS NULL DESC, id DESC LIMIT 1" :
	    "SELECT id FROM incident WHERE commune = ?1 AND closed IS NULL "
	    "ORDER BY id DESC LIMIT 1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		vg_store_seterr(store, err, _("looking for the incident"));
		r = -1;
	}
	sqlite3_finalize(st);
	return r;
}

/* "personal-data=yes;people=120": what changed, for the timeline. */
static char *
describe_changes(const struct incident *old, const struct incident *in)
{
	char *s = xstrdup(""), *t;
	int i;

#define APPEND(...) do {						\
		t = xasprintf(__VA_ARGS__);				\
		free(s);						\
		s = t;							\
	} while (0)
	for (i = 0; i < CL_NCOND; i++)
		if (old->cond[i] != in->cond[i])
			APPEND("%s%s%s=%s", s, *s ? ";" : "",
			    checklist_cond_name(i),
			    checklist_tri_name(in->cond[i]));
	if (in->people != old->people)
		APPEND("%s%speople=%lld", s, *s ? ";" : "", in->people);
	if (in->records != old->records)
		APPEND("%s%srecords=%lld", s, *s ? ";" : "", in->records);
	if (strcmp(old->what ? old->what : "", in->what ? in->what : "") != 0)
		APPEND("%s%swhat", s, *s ? ";" : "");
	if (strcmp(old->data ? old->data : "", in->data ? in->data : "") != 0)
		APPEND("%s%sdata", s, *s ? ";" : "");
	if (in->t0 != old->t0)
		APPEND("%s%st0", s, *s ? ";" : "");
#undef APPEND
	return s;
}

int
incident_update(struct vg_store *store, const struct incident *in,
    const char *author, char *err)
{
	struct incident old;
	sqlite3_stmt *st = NULL;
	char *changes = NULL;
	int r = -1;

	if (vg_store_begin(store, err) == -1)
		return -1;
	if (incident_get(store, in->id, &old, err) == -1)
		goto out;
	changes = describe_changes(&old, in);
	if (*changes == '\0') {
		r = vg_store_commit(store, err);
		goto out;
	}
	st = vg_store_prepare(store, "UPDATE incident SET t0 = ?2, "
	    "personal_data = ?3, high_risk = ?4, insured = ?5, ransomware = "
	    "?6, nis2 = ?7, what = ?8, data = ?9, people = ?10, records = ?11"
	    " WHERE id = ?1", err);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, in->id);
	bind_facts(st, 2, in);
	if (sqlite3_step(st) != SQLITE_DONE) {
		vg_store_seterr(store, err, _("updating the incident"));
		goto out;
	}
	if (event_insert(store, in->id, IEV_SET, deadline_now(), NULL,
	    changes, author, err) == -1)
		goto out;
	r = vg_store_commit(store, err);
out:
	sqlite3_finalize(st);
	if (r == -1)
		vg_store_rollback(store);
	incident_clear(&old);
	free(changes);
	return r;
}

int
incident_event_add(struct vg_store *store, int64_t id, enum incident_ev kind,
    time_t at, const char *step, const char *text, const char *author,
    char *err)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (vg_store_begin(store, err) == -1)
		return -1;
	if (event_insert(store, id, kind, at, step, text, author, err) == -1)
		goto out;
	if (kind == IEV_CLOSE) {
		st = vg_store_prepare(store, "UPDATE incident SET closed = ?2"
		    " WHERE id = ?1", err);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
		if (sqlite3_step(st) != SQLITE_DONE) {
			vg_store_seterr(store, err, _("closing the incident"));
			goto out;
		}
	}
	r = vg_store_commit(store, err);
out:
	sqlite3_finalize(st);
	if (r == -1)
		vg_store_rollback(store);
	return r;
}

void
incident_events_free(struct incident_event *ev, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(ev[i].step);
		free(ev[i].text);
		free(ev[i].author);
	}
	free(ev);
}

int
incident_events(struct vg_store *store, int64_t id,
    struct incident_event **out, int *n, char *err)
{
	sqlite3_stmt *st;
	struct incident_event *ev = NULL, *e;
	int k = 0, rc, r = -1;
	const unsigned char *kind;

	st = vg_store_prepare(store, "SELECT id, at, recorded, kind, step, "
	    "text, author FROM incident_event WHERE incident = ?1 "
	    "ORDER BY at, id", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ev = xreallocarray(ev, k + 1, sizeof(*ev));
		e = &ev[k++];
		memset(e, 0, sizeof(*e));
		e->id = sqlite3_column_int64(st, 0);
		e->at = (time_t)sqlite3_column_int64(st, 1);
		e->recorded = (time_t)sqlite3_column_int64(st, 2);
		kind = sqlite3_column_text(st, 3);
		if (kind == NULL || ev_parse((const char *)kind, &e->kind) == -1)
			e->kind = IEV_LOG;
		e->step = vg_strdup_null(vg_store_col(st, 4));
		e->text = vg_strdup_null(vg_store_col(st, 5));
		e->author = vg_strdup_null(vg_store_col(st, 6));
	}
	if (rc != SQLITE_DONE) {
		vg_store_seterr(store, err, _("reading the timeline"));
		incident_events_free(ev, k);
	} else {
		*out = ev;
		*n = k;
		r = 0;
	}
	sqlite3_finalize(st);
	return r;
}

time_t
incident_step_done(const struct incident_event *ev, int n, const char *step)
{
	const struct incident_event *last = NULL;
	int i;

	/* The latest recorded tick or untick wins. */
	for (i = 0; i < n; i++)
		if ((ev[i].kind == IEV_DONE || ev[i].kind == IEV_UNDO) &&
		    ev[i].step != NULL && strcmp(ev[i].step, step) == 0 &&
		    (last == NULL || ev[i].id > last->id))
			last = &ev[i];
	return last != NULL && last->kind == IEV_DONE ? last->at : 0;
}

/* ---- Choosing the incident a command works on ---------------------- */

int
incident_commune(struct vg_store *store, int64_t *commune, char *err)
{
	if (vg_store_begin(store, err) == -1)
		return -1;
	if (vg_commune_current(store, 1, commune, err) == -1 ||
	    vg_store_commit(store, err) == -1) {
		vg_store_rollback(store);
		return -1;
	}
	return 0;
}

int
incident_select(struct vg_store *store, const char *arg, int any_state,
    int64_t *commune, int64_t *id, char *err)
{
	struct incident inc;
	sqlite3_stmt *st;
	char *end;
	long long v;
	int n = 0;

	*commune = 0;
	*id = 0;
	if (arg != NULL) {
		v = strtoll(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || v <= 0) {
			vg_seterr(err, _("--incident: \"%s\" is not an "
			    "incident number"), arg);
			return -1;
		}
		if (incident_get(store, v, &inc, err) == -1)
			return -1;
		*commune = inc.commune;
		*id = v;
		incident_clear(&inc);
		return 0;
	}
	/* No commune at all is fine: public contacts only. */
	if ((st = vg_store_prepare(store, "SELECT count(*) FROM commune",
	    err)) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (n == 0)
		return 0;
	if (vg_commune_current(store, 0, commune, err) == -1)
		return -1;
	return incident_current(store, *commune, any_state, id, err);
}

/* ---- Schema ------------------------------------------------------- */

/*
 * Incidents and their timeline. Times are UTC seconds; conditions are
 * 'yes', 'no' or 'unknown'.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step incident_schema_steps[] = {
	{ 5,
	    "CREATE TABLE incident ("
	    "  id INTEGER PRIMARY KEY,"
	    "  commune INTEGER NOT NULL"
	    "    REFERENCES commune(id) ON DELETE CASCADE,"
	    "  t0 INTEGER NOT NULL,"
	    "  opened INTEGER NOT NULL,"
	    "  closed INTEGER,"
	    "  personal_data TEXT NOT NULL DEFAULT 'unknown'"
	    "    CHECK (personal_data IN ('yes', 'no', 'unknown')),"
	    "  high_risk TEXT NOT NULL DEFAULT 'unknown'"
	    "    CHECK (high_risk IN ('yes', 'no', 'unknown')),"
	    "  insured TEXT NOT NULL DEFAULT 'unknown'"
	    "    CHECK (insured IN ('yes', 'no', 'unknown')),"
	    "  ransomware TEXT NOT NULL DEFAULT 'unknown'"
	    "    CHECK (ransomware IN ('yes', 'no', 'unknown')),"
	    "  nis2 TEXT NOT NULL DEFAULT 'no'"
	    "    CHECK (nis2 IN ('yes', 'no', 'unknown')),"
	    "  what TEXT,"
	    "  data TEXT,"
	    "  people INTEGER,"
	    "  records INTEGER);"
	    "CREATE INDEX incident_commune ON incident(commune, closed);"
	    "CREATE TABLE incident_event ("
	    "  id INTEGER PRIMARY KEY,"
	    "  incident INTEGER NOT NULL"
	    "    REFERENCES incident(id) ON DELETE CASCADE,"
	    "  at INTEGER NOT NULL,"
	    "  recorded INTEGER NOT NULL,"
	    "  kind TEXT NOT NULL CHECK (kind IN"
	    "    ('open', 'log', 'done', 'undo', 'set', 'close')),"
	    "  step TEXT,"
	    "  text TEXT,"
	    "  author TEXT);"
	    "CREATE INDEX incident_event_incident"
	    "  ON incident_event(incident, at, id);" },
	{ 0, NULL }
};
const struct vg_schema incident_schema = {
	"respond.incident", incident_schema_steps
};
