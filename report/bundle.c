/*
 * bundle.c — a commune's data as a portable JSON bundle: the envelope
 * (format, version, canonical SHA-256), parts given as a list, and the two
 * core parts: the profile, and scan runs with their findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie/vigie.h"
#include "vigie/bundle.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/module.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* ---- Small helpers ------------------------------------------------ */

/* Text of a column, or JSON null. */
/* ---- Part: profile ------------------------------------------------ */

static json_t *
profile_export(struct vg_store *s, int64_t commune, char *err)
{
	sqlite3_stmt *st;
	json_t *o = json_object();

	st = vg_store_prepare(s, "SELECT key, value, updated FROM profile "
	    "WHERE commune_id = ?1 ORDER BY key", err);
	if (st == NULL) {
		json_decref(o);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, commune);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_object_set_new(o, (const char *)sqlite3_column_text(st, 0),
		    json_pack("{s:o, s:o}",
		    "value", vg_json_str(vg_store_col(st, 1)),
		    "updated", vg_json_str(vg_store_col(st, 2))));
	sqlite3_finalize(st);
	return o;
}

/* A value from the bundle replaces ours only when it is newer. */
static int
profile_import(struct vg_store *s, int64_t commune, json_t *value,
    int *added, char *err)
{
	const char *key, *v, *updated;
	sqlite3_stmt *st;
	json_t *e;
	char path[128], id[32];
	int newer, rc;

	if (!json_is_object(value)) {
		vg_seterr(err, _("parts.profile: must be an object"));
		return -1;
	}
	snprintf(id, sizeof id, "%lld", (long long)commune);
	json_object_foreach(value, key, e) {
		snprintf(path, sizeof path, "parts.profile.%s", key);
		if (vg_profile_key(key) == NULL || strcmp(key, "name") == 0) {
			vg_seterr(err, _("%s: unknown profile key"), path);
			return -1;
		}
		if (!json_is_object(e) ||
		    vg_json_get_str(e, path, "value", 1, 0, &v, err) == -1 ||
		    vg_json_get_str(e, path, "updated", 1, 0, &updated,
		    err) == -1)
			return -1;
		st = vg_store_prepare(s, "SELECT count(*) FROM profile WHERE "
		    "commune_id = ?1 AND key = ?2 AND updated >= ?3", err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, commune);
		vg_store_bind_text(st, 2, key);
		vg_store_bind_text(st, 3, updated);
		newer = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 0;
		sqlite3_finalize(st);
		if (!newer)
			continue;
		/* vg_profile_set checks the value like `profile set`. */
		if (vg_profile_set(s, commune, key, v, err) == -1) {
			char inner[VG_ERRLEN];

			snprintf(inner, sizeof inner, "%s", err);
			vg_seterr(err, "%s: %s", path, inner);
			return -1;
		}
		rc = vg_store_exec(s, err, "UPDATE profile SET updated = ?1 "
		    "WHERE commune_id = ?2 AND key = ?3", updated, id, key,
		    (char *)NULL);
		if (rc == -1)
			return -1;
		(*added)++;
	}
	return 0;
}

const struct vg_bundle_part bundle_profile_part = {
	"profile", profile_export, profile_import
};

/* ---- Part: runs and findings -------------------------------------- */

/* Stored JSON text T embedded parsed, as a string if broken, or null. */
static json_t *
json_text_value(const char *t)
{
	json_t *v;

	if (t == NULL)
		return json_null();
	if ((v = json_loads(t, JSON_DECODE_ANY, NULL)) != NULL)
		return v;
	return vg_json_str(t);
}

static json_t *
runs_export(struct vg_store *s, int64_t commune, char *err)
{
	struct vg_run_rec *runs;
	const struct vg_finding_rec *f;
	json_t *list, *findings;
	size_t n, i, j;

	if (vg_runs_read(s, commune, VG_RUNS_ALL, &runs, &n, err) == -1)
		return NULL;
	list = json_array();
	for (i = 0; i < n; i++) {
		findings = json_array();
		for (j = 0; j < runs[i].nf; j++) {
			f = &runs[i].f[j];
			json_array_append_new(findings, json_pack(
			    "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
			    " s:o}",
			    "source", vg_json_str(f->source),
			    "ref", vg_json_str(f->ref),
			    "status", vg_json_str(f->status),
			    "severity", vg_json_str(f->severity),
			    "subject", vg_json_str(f->subject),
			    "title", vg_json_str(f->title),
			    "detail", vg_json_str(f->detail),
			    "remediation", vg_json_str(f->remediation),
			    "lang", vg_json_str(f->lang),
			    "time", vg_json_str(f->time),
			    "data", json_text_value(f->data)));
		}
		json_array_append_new(list, json_pack("{s:o, s:o, s:o, s:o, "
		    "s:o, s:o, s:o}",
		    "kind", vg_json_str(runs[i].kind),
		    "subject", vg_json_str(runs[i].subject),
		    "started", vg_json_str(runs[i].started),
		    "ended", vg_json_str(runs[i].ended),
		    "status", vg_json_str(runs[i].status),
		    "stats", json_text_value(runs[i].stats),
		    "findings", findings));
	}
	vg_runs_free(runs, n);
	return list;
}

/* JSON value V as text for a TEXT column, or NULL for null. */
static char *
json_as_text(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return NULL;
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

static int
finding_import(struct vg_store *s, int64_t run, json_t *f, const char *path,
    char *err)
{
	const char *v[10];
	static const char *const keys[10] = {
		"source", "ref", "status", "severity", "subject", "title",
		"detail", "remediation", "lang", "time"
	};
	struct vg_finding fd;
	enum vg_status status;
	enum vg_severity sev;
	time_t t;
	char *data;
	int i, rc;

	if (!json_is_object(f)) {
		vg_seterr(err, _("%s: must be an object"), path);
		return -1;
	}
	for (i = 0; i < 10; i++)
		if (vg_json_get_str(f, path, keys[i], i < 4 || i >= 8, 0,
		    &v[i], err) == -1)
			return -1;
	if (vg_status_parse(v[2], &status) == -1) {
		vg_seterr(err, _("%s.status: unknown status '%s'"), path, v[2]);
		return -1;
	}
	if (vg_severity_parse(v[3], &sev) == -1) {
		vg_seterr(err, _("%s.severity: unknown severity '%s'"), path,
		    v[3]);
		return -1;
	}
	if (vg_time_parse_iso(v[9], &t) == -1) {
		vg_seterr(err, _("%s.time: not a date and time"), path);
		return -1;
	}
	fd.source = v[0];
	fd.ref = v[1];
	fd.status = status;
	fd.severity = sev;
	fd.subject = v[4];
	fd.title = v[5];
	fd.detail = v[6];
	fd.remediation = v[7];
	fd.data = data = json_as_text(json_object_get(f, "data"));
	rc = vg_finding_import(s, run, &fd, v[8], v[9], err);
	free(data);
	return rc;
}

/* Runs are known by (commune, kind, subject, started): present, skipped. */
static int
runs_import(struct vg_store *s, int64_t commune, json_t *value, int *added,
    char *err)
{
	const char *kind, *subject, *started, *ended, *status;
	struct vg_run ri;
	json_t *r, *f, *findings;
	size_t i, j;
	char path[96], fpath[128], *stats;
	int64_t run;
	time_t t;
	int exists, rc;

	if (!json_is_array(value)) {
		vg_seterr(err, _("parts.runs: must be an array"));
		return -1;
	}
	json_array_foreach(value, i, r) {
		snprintf(path, sizeof path, "parts.runs[%zu]", i);
		if (!json_is_object(r)) {
			vg_seterr(err, _("%s: must be an object"), path);
			return -1;
		}
		if (vg_json_get_str(r, path, "kind", 1, 64, &kind, err) == -1 ||
		    vg_json_get_str(r, path, "subject", 0, 0, &subject,
		    err) == -1 ||
		    vg_json_get_str(r, path, "started", 1, 32, &started,
		    err) == -1 ||
		    vg_json_get_str(r, path, "ended", 0, 32, &ended, err) == -1 ||
		    vg_json_get_str(r, path, "status", 1, 32, &status, err) == -1)
			return -1;
		if (vg_time_parse_iso(started, &t) == -1) {
			vg_seterr(err, _("%s.started: not a date and time"),
			    path);
			return -1;
		}
		findings = json_object_get(r, "findings");
		if (!json_is_array(findings)) {
			vg_seterr(err, _("%s.findings: must be an array"),
			    path);
			return -1;
		}
		ri.kind = kind;
		ri.subject = subject;
		ri.started = started;
		ri.ended = ended;
		ri.status = status;
		if ((exists = vg_run_exists(s, commune, &ri, err)) == -1)
			return -1;
		if (exists)
			continue;
		ri.stats = stats = json_as_text(json_object_get(r, "stats"));
		rc = vg_run_import(s, commune, &ri, &run, err);
		free(stats);
		if (rc == -1)
			return -1;
		json_array_foreach(findings, j, f) {
			snprintf(fpath, sizeof fpath, "%s.findings[%zu]", path,
			    j);
			if (finding_import(s, run, f, fpath, err) == -1)
				return -1;
		}
		(*added)++;
	}
	return 0;
}

const struct vg_bundle_part bundle_runs_part = {
	"runs", runs_export, runs_import
};

/* ---- The envelope ------------------------------------------------- */

void
vg_bundle_hash(json_t *bundle, char hex[65])
{
	json_t *copy = json_copy(bundle);
	char *text;

	json_object_del(copy, "sha256");
	text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
	if (text == NULL)
		fatal("out of memory (bundle)");
	vg_sha256_hex(text, strlen(text), hex);
	free(text);
	json_decref(copy);
}

json_t *
vg_bundle_build(const struct vg_bundle_part *const *p, struct vg_store *s,
    int64_t commune, char *err)
{
	json_t *b, *parts, *v;
	char *name, now[32], hex[65];

	if (vg_profile_get(s, commune, "name", &name, err) == -1)
		return NULL;
	if (name == NULL) {
		vg_seterr(err, _("the commune has no name yet: 'vigie profile "
		    "set name NAME' first"));
		return NULL;
	}
	vg_time_iso(time(NULL), now);
	parts = json_object();
	for (; *p != NULL; p++) {
		if ((v = (*p)->export(s, commune, err)) == NULL) {
			json_decref(parts);
			free(name);
			return NULL;
		}
		json_object_set_new(parts, (*p)->name, v);
	}
	b = json_pack("{s:s, s:i, s:s, s:s, s:{s:o}, s:o}",
	    "format", VG_BUNDLE_FORMAT, "version", VG_BUNDLE_VERSION,
	    "generator", "vigie " VG_VERSION, "created", now,
	    "commune", "name", vg_json_str(name), "parts", parts);
	free(name);
	vg_bundle_hash(b, hex);
	json_object_set_new(b, "sha256", json_string(hex));
	return b;
}

static const struct vg_bundle_part *
part_find(const struct vg_bundle_part *const *p, const char *name)
{
	for (; *p != NULL; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}

int
vg_bundle_merge(const struct vg_bundle_part *const *known,
    struct vg_store *s, json_t *b, char **commune_name, int *added,
    char *err)
{
	const char *format, *sha, *name, *key;
	json_t *version, *parts, *v;
	char hex[65];
	int64_t commune;
	int rc;

	*commune_name = NULL;
	*added = 0;
	if (!json_is_object(b) ||
	    vg_json_get_str(b, "bundle", "format", 1, 0, &format,
	    err) == -1 ||
	    strcmp(format, VG_BUNDLE_FORMAT) != 0) {
		vg_seterr(err, _("not a vigie bundle (no \"format\": "
		    "\"vigie-bundle\")"));
		return -1;
	}
	version = json_object_get(b, "version");
	if (!json_is_integer(version) ||
	    json_integer_value(version) != VG_BUNDLE_VERSION) {
		vg_seterr(err, _("bundle version %lld is not supported (this "
		    "vigie reads version %d)"), json_is_integer(version) ?
		    (long long)json_integer_value(version) : -1LL,
		    VG_BUNDLE_VERSION);
		return -1;
	}
	if (vg_json_get_str(b, "bundle", "sha256", 1, 0, &sha, err) == -1)
		return -1;
	vg_bundle_hash(b, hex);
	if (strcmp(hex, sha) != 0) {
		vg_seterr(err, _("the content does not match its SHA-256: the "
		    "bundle was changed or damaged after export"));
		return -1;
	}
	if (vg_json_get_str(json_object_get(b, "commune"), "commune", "name", 1,
	    500, &name, err) == -1)
		return -1;
	parts = json_object_get(b, "parts");
	if (!json_is_object(parts)) {
		vg_seterr(err, _("parts: must be an object"));
		return -1;
	}
	json_object_foreach(parts, key, v)
		if (part_find(known, key) == NULL) {
			vg_seterr(err, _("parts.%s: unknown part (a bundle from "
			    "a newer vigie?)"), key);
			return -1;
		}

	if (vg_store_begin(s, err) == -1)
		return -1;
	/* The bundle names its commune; --commune does not apply. */
	rc = vg_commune_choose(s, name, 1, &commune, err);
	if (rc == -1)
		goto fail;
	json_object_foreach(parts, key, v)
		if (part_find(known, key)->import(s, commune, v, added, err) == -1)
			goto fail;
	if (vg_store_commit(s, err) == -1)
		goto fail;
	*commune_name = xstrdup(name);
	return 0;
fail:
	vg_store_rollback(s);
	return -1;
}
