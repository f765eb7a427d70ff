/*
 * files-report.c — the reporting side of the scan engine, run by the
 * calling thread on each finished item in walk order: the JSON of a
 * match (rule, metadata, strings, digests), the callback, the findings
 * and cache rows written in batch transactions, cached results restored,
 * the counts and the progress line.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/scan.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "files-engine.h"
#include "verdicts.h"

/* ---- Reporting (the calling thread) -------------------------------- */

static enum vg_severity
engine_rule_severity(const YR_RULE *rule)
{
	enum vg_severity sev;
	const char *v;
	char buf[32];
	long score;

	if ((v = yara_meta(rule, "severity", buf)) != NULL &&
	    vg_severity_parse(v, &sev) == 0)
		return sev;
	if ((v = yara_meta(rule, "score", buf)) != NULL) {
		/* Loki/THOR scores: 40 notice, 60 warning, 80+ alert. */
		score = strtol(v, NULL, 10);
		return score >= 90 ? VG_SEV_CRITICAL : score >= 70 ?
		    VG_SEV_HIGH : score >= 50 ? VG_SEV_MEDIUM : VG_SEV_LOW;
	}
	return VG_SEV_MEDIUM;
}

static const char *
engine_rule_desc(const YR_RULE *rule, char *buf)
{
	const char *fr, *en;

	fr = yara_meta(rule, "description_fr", buf);
	en = yara_meta(rule, "description", buf);
	if (strcmp(vg_lang(), "fr") == 0)
		return fr != NULL ? fr : en;
	return en != NULL ? en : fr;
}

static json_t *
engine_meta_json(const YR_RULE *rule)
{
	const YR_META *meta;
	json_t *o = json_object();

	yr_rule_metas_foreach(rule, meta) {
		switch (meta->type) {
		case META_TYPE_STRING:
			json_object_set_new(o, meta->identifier,
			    vg_json_str(meta->string));
			break;
		case META_TYPE_INTEGER:
			json_object_set_new(o, meta->identifier,
			    json_integer(meta->integer));
			break;
		default:
			json_object_set_new(o, meta->identifier,
			    json_boolean(meta->integer));
		}
	}
	return o;
}

/* "path": the name, or where it is not UTF-8 its reversible escaped
 * text with "path_bytes", the name's bytes in hex. */
static void
engine_json_path(json_t *o, const char *path)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(path), i;
	char *txt, *raw;

	if (vg_utf8_valid(path, len)) {
		json_object_set_new(o, "path", vg_json_str(path));
		return;
	}
	txt = vg_scan_name_text(path);
	json_object_set_new(o, "path", vg_json_str(txt));
	free(txt);
	raw = xmalloc(len * 2 + 1);
	for (i = 0; i < len; i++) {
		raw[2 * i] = hex[(unsigned char)path[i] >> 4];
		raw[2 * i + 1] = hex[(unsigned char)path[i] & 15];
	}
	raw[2 * len] = '\0';
	json_object_set_new(o, "path_bytes", json_string(raw));
	free(raw);
}

static json_t *
engine_match_json(struct vg_scan *s, struct item *it, struct hit *h,
    enum vg_severity *sevp, const char **descp, const char **refp,
    char *buf)
{
	enum vg_severity sev;
	const char *tag, *desc;
	json_t *o, *tags;
	char t[32];

	o = json_object();
	json_object_set_new(o, "type", json_string("match"));
	engine_json_path(o, it->path);
	tags = json_array();
	if (h->rule != NULL) {
		sev = engine_rule_severity(h->rule);
		desc = engine_rule_desc(h->rule, buf);
		json_object_set_new(o, "source", json_string("yara"));
		json_object_set_new(o, "rule",
		    vg_json_str(h->rule->identifier));
		json_object_set_new(o, "namespace",
		    vg_json_str(h->rule->ns->name));
		yr_rule_tags_foreach(h->rule, tag) {
			json_array_append_new(tags, vg_json_str(tag));
		}
		json_object_set_new(o, "meta", engine_meta_json(h->rule));
		*refp = h->rule->identifier;
	} else {
		sev = h->ioc->severity;
		desc = strcmp(vg_lang(), "fr") == 0 ? h->ioc->desc_fr :
		    h->ioc->desc_en;
		json_object_set_new(o, "source", json_string("ioc"));
		json_object_set_new(o, "rule", vg_json_str(h->ioc->id));
		json_object_set_new(o, "namespace", json_string("ioc"));
		json_object_set_new(o, "meta", json_pack("{s:o}", "value",
		    vg_json_str(h->ioc->value)));
		*refp = h->ioc->id;
	}
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "severity",
	    json_string(vg_severity_name(sev)));
	json_object_set_new(o, "description", vg_json_str(desc));
	json_object_set_new(o, "sha256", it->sha256[0] ?
	    json_string(it->sha256) : json_null());
	if (it->kind == IK_PROC) {
		json_object_set_new(o, "pid", json_integer(it->pid));
		json_object_set_new(o, "exe", vg_json_str(it->exe));
		json_object_set_new(o, "cmdline", vg_json_str(it->cmdline));
	} else {
		json_object_set_new(o, "size",
		    json_integer((json_int_t)it->st.st_size));
		vg_time_iso(it->st.st_mtime, t);
		json_object_set_new(o, "mtime", json_string(t));
		json_object_set_new(o, "cached", json_boolean(h->cached));
		if (h->cached == 2)
			json_object_set_new(o, "shared_verdict",
			    json_true());
	}
	if (s->o.strings && h->strings != NULL)
		json_object_set(o, "strings", h->strings);
	*sevp = sev;
	*descp = desc;
	return o;
}

/* A store error: the scan stops and fails with it (no warning that
 * scrolls away). Reporting thread. */
static void
engine_store_fail(struct vg_scan *s, const char *err)
{
	if (!s->store_failed)
		snprintf(s->store_err, sizeof(s->store_err), "%s", err);
	s->store_failed = 1;
	if (s->intx)
		vg_store_rollback(s->store);
	s->intx = 0;
}

/* The batch transaction, opened when the first write of a batch comes. */
static int
engine_tx_open(struct vg_scan *s)
{
	char err[VG_ERRLEN];

	if (s->store_failed)
		return -1;
	if (s->intx)
		return 0;
	if (vg_store_begin(s->store, err) == -1) {
		engine_store_fail(s, err);
		return -1;
	}
	s->intx = 1;
	s->tx_t0 = engine_now();
	s->nops = 0;
	return 0;
}

/* Write the queued cache rows in the open transaction and commit it. */
void
engine_tx_commit(struct vg_scan *s)
{
	char err[VG_ERRLEN];

	if (s->store == NULL || s->store_failed)
		return;
	if ((scancache_pending(s->cache) > 0 ||
	    verdicts_pending(s->verdicts) > 0) && engine_tx_open(s) == -1)
		return;
	if (!s->intx)
		return;
	if (scancache_write(s->cache, err) == -1 ||
	    verdicts_write(s->verdicts, err) == -1 ||
	    vg_store_commit(s->store, err) == -1) {
		engine_store_fail(s, err);
		return;
	}
	s->intx = 0;
	s->nops = 0;
}

/* A transaction holds the store's write lock: not for more than a second
 * (other vigie commands wait 5 s at most), even when findings are rare. */
void
engine_tx_tick(struct vg_scan *s)
{
	if (s->intx && engine_now() - s->tx_t0 > 1.0)
		engine_tx_commit(s);
}

/* One more write in the batch; the batch is committed when full. */
static void
engine_tx_count(struct vg_scan *s)
{
	if (++s->nops + scancache_pending(s->cache) +
	    verdicts_pending(s->verdicts) >= ENGINE_BATCH)
		engine_tx_commit(s);
}

static void
engine_store_finding(struct vg_scan *s, struct item *it, json_t *m,
    enum vg_severity sev, const char *ref, const char *desc)
{
	struct vg_finding f;
	char err[VG_ERRLEN], *data;

	if (s->store == NULL || s->run == 0 || engine_tx_open(s) == -1)
		return;
	memset(&f, 0, sizeof(f));
	f.source = it->kind == IK_PROC ? VG_RUN_SCAN_PROCESSES :
	    VG_RUN_SCAN_FILES;
	f.ref = ref;
	f.status = VG_ST_MATCH;
	f.severity = sev;
	f.subject = it->path;
	f.title = desc != NULL ? desc : ref;
	f.detail = NULL;
	f.remediation = _("Isolate the machine from the network if the "
	    "match is confirmed, keep the file for the investigators, and "
	    "do not open it.");
	data = json_dumps(m, JSON_COMPACT);
	f.data = data;
	if (vg_run_add(s->store, s->run, &f, err) == -1)
		engine_store_fail(s, err);
	else
		engine_tx_count(s);
	free(data);
}

/* Add the still valid cached YARA matches of IT (plan's namespaces). */
static void
engine_restore(struct vg_scan *s, struct item *it)
{
	const struct plan *p = &s->plans[it->plan];
	json_t *a, *v;
	const char *ns, *id;
	YR_RULE *rule;
	size_t i;
	int k, keep;

	if (it->ce->matches == NULL)
		return;
	if ((a = json_loads(it->ce->matches, 0, NULL)) == NULL)
		return;
	json_array_foreach(a, i, v) {
		ns = json_string_value(json_array_get(v, 0));
		id = json_string_value(json_array_get(v, 1));
		if (ns == NULL || id == NULL)
			continue;
		/* Same rules: every match stands (a compiled set's rules
		 * have namespaces of their own, not the unit's). After new
		 * rules: those of the unchanged rule files. */
		keep = p->kind == PLAN_COVERED;
		for (k = 0; k < p->nkeep && !keep; k++)
			keep = strcmp(p->keep[k], ns) == 0;
		if (keep && (rule = yara_find(s->set, ns, id)) != NULL)
			engine_add_hit(it, rule, NULL, NULL, 1);
	}
	json_decref(a);
}

static char *
engine_matches_text(struct item *it)
{
	json_t *a = json_array();
	char *txt;
	int i;

	for (i = 0; i < it->nhits; i++)
		if (it->hits[i].rule != NULL)
			json_array_append_new(a, json_pack("[s,s]",
			    it->hits[i].rule->ns->name,
			    it->hits[i].rule->identifier));
	txt = json_array_size(a) > 0 ? json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	return txt;
}

static void
engine_copy_digest(char *dst, const char *src, size_t n)
{
	if (dst[0] == '\0' && src != NULL && strlen(src) == n - 1)
		memcpy(dst, src, n);
}

void
engine_progress(struct run *r)
{
	struct vg_scan *s = r->s;
	double t = engine_elapsed(s), mb = s->c.bytes / 1e6, eta = -1;
	uint64_t found = __atomic_load_n(&r->found, __ATOMIC_RELAXED);
	char dir[256], etatxt[64] = "";

	if (!s->o.progress || !vg_progress_enabled())
		return;
	pthread_mutex_lock(&r->mu);
	memcpy(dir, r->curdir, sizeof(dir));
	if (r->done && s->c.files > 0 && found > s->c.files)
		eta = t / s->c.files * (found - s->c.files);
	pthread_mutex_unlock(&r->mu);
	if (eta >= 0)
		snprintf(etatxt, sizeof(etatxt), _(", %.0f s left"), eta);
	vg_progress(_("%llu files, %.0f MB, %.1f MB/s%s — %s"),
	    (unsigned long long)s->c.files, mb, t > 0 ? mb / t : 0.0, etatxt,
	    dir);
}

void
engine_report(struct run *r, struct item *it)
{
	struct vg_scan *s = r->s;
	enum vg_severity sev;
	const char *desc, *ref;
	char buf[32], err[VG_ERRLEN], *txt, *clean;
	json_t *m;
	int i;

	if (it->kind == IK_ERROR && it->err == 0) {
		s->skips[WALK_R_SPECIAL]++;	/* kernel thread */
		return;
	}
	if (it->kind == IK_SKIP) {
		s->skips[it->reason]++;
		if (it->reason != WALK_R_DEPTH && it->reason != WALK_R_TOOBIG)
			return;
		s->c.unexamined++;
		if (it->reason == WALK_R_DEPTH)
			s->c.incomplete++;
		if (r->cb != NULL && s->o.report_skips && r->cberr == 0) {
			m = json_object();
			json_object_set_new(m, "type", json_string("skip"));
			engine_json_path(m, it->path);
			json_object_set_new(m, "reason", json_string(
			    engine_skip_names[it->reason]));
			vg_progress_clear();
			if (r->cb(m, r->arg) == -1) {
				r->cberr = 1;
				r->stop = 1;
			}
			json_decref(m);
		}
		return;
	}
	if (it->kind == IK_PROC)
		s->c.processes++;
	else if (it->kind != IK_ERROR)
		s->c.files++;
	if (it->err != 0) {
		s->c.errors++;
		s->errs[it->err - 1]++;
		vg_progress_clear();
		clean = vg_scan_name_text(it->path);
		vg_warn("%s: %s", clean, it->errmsg);
		free(clean);
		return;
	}
	if (it->kind == IK_CACHED || it->ce != NULL) {
		engine_restore(s, it);
		engine_copy_digest(it->sha256, it->ce->sha256, 65);
		engine_copy_digest(it->sha1, it->ce->sha1, 41);
		engine_copy_digest(it->md5, it->ce->md5, 33);
	}
	if (it->kind == IK_CACHED) {
		s->c.cached++;
		ioc_match_path(s->iocs, it->path, engine_name_hit, it);
		engine_hash_hits(s, it);
		if (it->nhits > 0 && it->sha256[0] == '\0' &&
		    vg_hash_file(it->path, VG_SHA256, it->sha256, NULL,
		    err) == -1)
			it->sha256[0] = '\0';
	} else if (it->shared) {
		s->c.shared++;
	} else if (it->scanned) {
		s->c.scanned++;
		s->c.bytes += (uint64_t)it->st.st_size;
		if (it->ce != NULL)
			s->delta++;
	}
	if (it->share_new && it->scanned && it->err == 0 &&
	    s->verdicts != NULL) {
		txt = engine_matches_text(it);
		verdicts_put(s->verdicts, it->sha256, it->ext,
		    (int64_t)it->st.st_size, txt);
		free(txt);
		engine_tx_count(s);
	}
	if (it->kind == IK_FILE && s->cache != NULL && !it->no_cache) {
		txt = engine_matches_text(it);
		scancache_put(s->cache, &it->st, s->pathkey ? it->path :
		    NULL, it->sha256[0] ? it->sha256 : NULL,
		    it->sha1[0] ? it->sha1 : NULL,
		    it->md5[0] ? it->md5 : NULL, txt);
		free(txt);
		engine_tx_count(s);
	}
	if (it->nhits > 0)
		s->c.matched_files++;
	for (i = 0; i < it->nhits && r->cberr == 0; i++) {
		s->c.matches++;
		m = engine_match_json(s, it, &it->hits[i], &sev, &desc, &ref,
		    buf);
		if (sev >= VG_SEV_HIGH)
			s->c.severe++;
		engine_store_finding(s, it, m, sev, ref, desc);
		vg_progress_clear();
		if (r->cb != NULL && r->cb(m, r->arg) == -1) {
			r->cberr = 1;
			r->stop = 1;
		}
		json_decref(m);
	}
	if (s->store_failed)
		r->stop = 1;
}
