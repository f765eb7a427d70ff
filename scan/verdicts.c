/*
 * verdicts.c — the shared verdicts (verdicts.h): loaded into a hash
 * table when the scan starts, read by the workers without locks, new
 * ones queued and written in the batch transaction of the reporting
 * thread; and their part of the commune's bundle, exported whole (they
 * hold no personal data: contents are named by their hash only) and
 * merged on import without replacing what is there.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "vigie/base.h"
#include "vigie/module.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/scan.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "verdicts.h"

#define VERDICT_RULES_MAX	200	/* bytes of a rule set's key */
#define VERDICT_MATCHES_MAX	4096	/* [ns, rule] pairs of one verdict */

struct verdict {
	char	 sha256[65];
	char	 ext[65];
	char	*matches;
	int64_t	 size;
};

struct verdicts {
	struct vg_store	 *store;
	char		 *rules;
	char		  host[256];
	struct verdict	**slots;
	size_t		  cap, n;
	struct verdict	 *puts;
	size_t		  nputs;
};

static size_t
verdict_hash(const char *sha256, const char *ext)
{
	uint64_t h = vg_hash_pair(sha256, ext);

	return (size_t)(h ^ (h >> 29));
}

static void
verdicts_insert(struct verdicts *v, struct verdict *e)
{
	struct verdict **old;
	size_t oldcap, i, j;

	if (v->n * 2 >= v->cap) {
		old = v->slots;
		oldcap = v->cap;
		v->cap = oldcap ? oldcap * 2 : 1024;
		v->slots = xcalloc(v->cap, sizeof(*v->slots));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = verdict_hash(old[i]->sha256, old[i]->ext) &
			    (v->cap - 1);
			while (v->slots[j] != NULL)
				j = (j + 1) & (v->cap - 1);
			v->slots[j] = old[i];
		}
		free(old);
	}
	j = verdict_hash(e->sha256, e->ext) & (v->cap - 1);
	while (v->slots[j] != NULL)
		j = (j + 1) & (v->cap - 1);
	v->slots[j] = e;
	v->n++;
}

struct verdicts *
verdicts_open(struct vg_store *store, const char *rules, char *err)
{
	struct verdicts *v;
	struct verdict *e;
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc;

	v = xcalloc(1, sizeof(*v));
	v->store = store;
	v->rules = xstrdup(rules);
	if (gethostname(v->host, sizeof(v->host) - 1) == -1)
		snprintf(v->host, sizeof(v->host), "localhost");
	st = vg_store_prepare(store, "SELECT sha256, externals, matches, "
	    "size FROM scan_verdict WHERE rules = ?1", err);
	if (st == NULL) {
		verdicts_free(v);
		return NULL;
	}
	sqlite3_bind_text(st, 1, rules, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = xcalloc(1, sizeof(*e));
		snprintf(e->sha256, sizeof(e->sha256), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(e->ext, sizeof(e->ext), "%s",
		    (const char *)sqlite3_column_text(st, 1));
		t = sqlite3_column_text(st, 2);
		e->matches = t != NULL ? xstrdup((const char *)t) : NULL;
		e->size = sqlite3_column_int64(st, 3);
		verdicts_insert(v, e);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(store, err, "scan_verdict");
		verdicts_free(v);
		return NULL;
	}
	return v;
}

void
verdicts_free(struct verdicts *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->cap; i++)
		if (v->slots[i] != NULL) {
			free(v->slots[i]->matches);
			free(v->slots[i]);
		}
	free(v->slots);
	for (i = 0; i < v->nputs; i++)
		free(v->puts[i].matches);
	free(v->puts);
	free(v->rules);
	free(v);
}

int
verdicts_get(const struct verdicts *v, const char *sha256, const char *ext,
    const char **matches)
{
	const struct verdict *e;
	size_t j;

	if (v == NULL || v->cap == 0)
		return 0;
	j = verdict_hash(sha256, ext) & (v->cap - 1);
	while ((e = v->slots[j]) != NULL) {
		if (strcmp(e->sha256, sha256) == 0 &&
		    strcmp(e->ext, ext) == 0) {
			*matches = e->matches;
			return 1;
		}
		j = (j + 1) & (v->cap - 1);
	}
	return 0;
}

void
verdicts_put(struct verdicts *v, const char *sha256, const char *ext,
    int64_t size, const char *matches)
{
	struct verdict *p;

	if (v == NULL)
		return;
	v->puts = xreallocarray(v->puts, v->nputs + 1, sizeof(*v->puts));
	p = &v->puts[v->nputs++];
	memset(p, 0, sizeof(*p));
	snprintf(p->sha256, sizeof(p->sha256), "%s", sha256);
	snprintf(p->ext, sizeof(p->ext), "%s", ext);
	p->size = size;
	p->matches = matches != NULL ? xstrdup(matches) : NULL;
}

size_t
verdicts_pending(const struct verdicts *v)
{
	return v != NULL ? v->nputs : 0;
}

int
verdicts_write(struct verdicts *v, char *err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;

	if (v == NULL || v->nputs == 0)
		return 0;
	if (sqlite3_get_autocommit(vg_store_db(v->store))) {
		vg_seterr(err, "%s: %s", vg_store_path(v->store),
		    "scan_verdict: written outside the scan's transaction");
		goto out;
	}
	st = vg_store_prepare(v->store, "INSERT OR IGNORE INTO scan_verdict "
	    "(sha256, rules, externals, size, matches, host, added) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	    err);
	if (st == NULL)
		goto out;
	for (i = 0; i < v->nputs; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, v->puts[i].sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, v->rules, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, v->puts[i].ext, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, v->puts[i].size);
		vg_store_bind_text(st, 5, v->puts[i].matches);
		sqlite3_bind_text(st, 6, v->host, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			vg_store_seterr(v->store, err, "scan_verdict");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	for (i = 0; i < v->nputs; i++)
		free(v->puts[i].matches);
	v->nputs = 0;
	return rc;
}

/* ---- Part of the commune's bundle ---------------------------------- */

static json_t *
verdicts_export(struct vg_store *s, int64_t commune, char *err)
{
	sqlite3_stmt *st;
	const unsigned char *m;
	json_t *a, *o, *mj;
	int rc;

	(void)commune;
	st = vg_store_prepare(s, "SELECT sha256, rules, externals, size, "
	    "matches, host, added FROM scan_verdict ORDER BY rules, sha256, "
	    "externals", err);
	if (st == NULL)
		return NULL;
	a = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m = sqlite3_column_text(st, 4);
		mj = m != NULL ? json_loads((const char *)m, 0, NULL) : NULL;
		o = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:s}",
		    "sha256", (const char *)sqlite3_column_text(st, 0),
		    "rules", (const char *)sqlite3_column_text(st, 1),
		    "externals", (const char *)sqlite3_column_text(st, 2),
		    "size", (json_int_t)sqlite3_column_int64(st, 3),
		    "matches", mj != NULL ? mj : json_null(),
		    "host", vg_json_str((const char *)sqlite3_column_text(st,
		    5)), "added", (const char *)sqlite3_column_text(st, 6));
		if (o == NULL)
			fatal("out of memory (bundle)");
		json_array_append_new(a, o);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "scan_verdict");
		json_decref(a);
		return NULL;
	}
	return a;
}

static int
verdicts_is_hex(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* One verdict of the bundle, checked; the [ns, rule] list as text. */
static int
verdicts_check(json_t *o, const char *path, const char **sha,
    const char **rules, const char **ext, json_int_t *size,
    const char **host, const char **added, char **matches, char *err)
{
	json_t *m, *pair, *sz;
	size_t i;

	*matches = NULL;
	if (!json_is_object(o)) {
		vg_seterr(err, _("%s: must be an object"), path);
		return -1;
	}
	if (vg_json_get_str(o, path, "sha256", 1, 64, sha, err) == -1 ||
	    vg_json_get_str(o, path, "rules", 1, VERDICT_RULES_MAX, rules,
	    err) == -1 ||
	    vg_json_get_str(o, path, "externals", 1, 64, ext, err) == -1 ||
	    vg_json_get_str(o, path, "host", 0, 255, host, err) == -1 ||
	    vg_json_get_str(o, path, "added", 1, 32, added, err) == -1)
		return -1;
	if (!verdicts_is_hex(*sha, 64)) {
		vg_seterr(err, _("%s.sha256: must be 64 hexadecimal digits"),
		    path);
		return -1;
	}
	if (**ext != '\0' && !verdicts_is_hex(*ext, 64)) {
		vg_seterr(err, _("%s.externals: must be empty or 64 "
		    "hexadecimal digits"), path);
		return -1;
	}
	sz = json_object_get(o, "size");
	if (!json_is_integer(sz) || json_integer_value(sz) < 0) {
		vg_seterr(err, _("%s.size: must be a number of bytes"), path);
		return -1;
	}
	*size = json_integer_value(sz);
	m = json_object_get(o, "matches");
	if (m == NULL || json_is_null(m))
		return 0;
	if (!json_is_array(m) || json_array_size(m) == 0 ||
	    json_array_size(m) > VERDICT_MATCHES_MAX) {
		vg_seterr(err, _("%s.matches: must be null or a list of "
		    "[namespace, rule] pairs"), path);
		return -1;
	}
	json_array_foreach(m, i, pair) {
		if (!json_is_array(pair) || json_array_size(pair) != 2 ||
		    !json_is_string(json_array_get(pair, 0)) ||
		    !json_is_string(json_array_get(pair, 1)) ||
		    json_string_length(json_array_get(pair, 0)) > 1000 ||
		    json_string_length(json_array_get(pair, 1)) > 1000) {
			vg_seterr(err, _("%s.matches: must be null or a list "
			    "of [namespace, rule] pairs"), path);
			return -1;
		}
	}
	*matches = json_dumps(m, JSON_COMPACT);
	return 0;
}

static int
verdicts_import(struct vg_store *s, int64_t commune, json_t *a, int *added,
    char *err)
{
	const char *sha, *rules, *ext, *host, *when;
	char path[64], *matches;
	sqlite3_stmt *st;
	json_int_t size;
	json_t *o;
	size_t i;
	int rc;

	(void)commune;
	if (!json_is_array(a)) {
		vg_seterr(err, _("parts.scan_verdicts: must be an array"));
		return -1;
	}
	st = vg_store_prepare(s, "INSERT OR IGNORE INTO scan_verdict (sha256, "
	    "rules, externals, size, matches, host, added) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7)", err);
	if (st == NULL)
		return -1;
	json_array_foreach(a, i, o) {
		snprintf(path, sizeof(path), "parts.scan_verdicts[%zu]", i);
		if (verdicts_check(o, path, &sha, &rules, &ext, &size, &host,
		    &when, &matches, err) == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, rules, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ext, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (int64_t)size);
		vg_store_bind_text(st, 5, matches);
		sqlite3_bind_text(st, 6, host != NULL ? host : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 7, when, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		free(matches);
		if (rc != SQLITE_DONE) {
			vg_store_seterr(s, err, "scan_verdict");
			sqlite3_finalize(st);
			return -1;
		}
		*added += sqlite3_changes(vg_store_db(s));
	}
	sqlite3_finalize(st);
	return 0;
}

const struct vg_bundle_part scan_verdicts_bundle_part = {
	"scan_verdicts", verdicts_export, verdicts_import
};

/* ---- Schema ------------------------------------------------------- */

/*
 * 6 (issue 21): the opt-in verdicts shared between the commune's
 * machines, keyed by content (SHA-256), the rule set and the values of
 * the externals the rules read.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step verdicts_schema_steps[] = {
	{ 6,
	    "CREATE TABLE scan_verdict ("
	    "  sha256 TEXT NOT NULL,"
	    "  rules TEXT NOT NULL,"
	    "  externals TEXT NOT NULL,"
	    "  size INTEGER NOT NULL,"
	    "  matches TEXT,"
	    "  host TEXT NOT NULL,"
	    "  added TEXT NOT NULL,"
	    "  PRIMARY KEY (sha256, rules, externals));" },
	{ 0, NULL }
};
const struct vg_schema verdicts_schema = {
	"scan.verdicts", verdicts_schema_steps
};
