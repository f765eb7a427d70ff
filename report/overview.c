/*
 * overview.c — every commune of a store side by side: level per domain
 * from its latest assessment, and the serious problems its latest scans
 * found. For the IT contractor who serves twenty communes, an
 * intercommunality or a regional CSIRT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/doc.h"
#include "vigie/dossier.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* Questionnaires already parsed, by ID and version: 800 communes
 * answering the same questionnaire parse it once. */
struct ov_quest {
	char		 key[160];
	struct quest	*quest;
};

struct ov_commune {
	int64_t		 id;
	char		*name, *insee;
	char		 assessed[16];	/* date of the latest assessment */
	int		 levels[32];	/* per domain, -1 not evaluated */
	int		 overall;	/* -1 none */
	int		 critical, high;
	char		 scanned[16];	/* date of the latest scan */
};

static const struct quest *
ov_quest(struct vg_store *s, struct ov_quest **cache, int *n,
    const struct record_info *info, char *err)
{
	struct ov_quest *q;
	char key[160];
	int i;

	snprintf(key, sizeof key, "%s|%s", info->qid, info->qversion);
	for (i = 0; i < *n; i++)
		if (strcmp((*cache)[i].key, key) == 0)
			return (*cache)[i].quest;
	*cache = xreallocarray(*cache, (size_t)*n + 1, sizeof **cache);
	q = &(*cache)[(*n)++];
	snprintf(q->key, sizeof q->key, "%s", key);
	q->quest = record_quest(s, info->id, err);
	return q->quest;
}

/* Serious problems of each commune's latest runs, and the last scan. */
static int
ov_findings(struct vg_store *s, struct ov_commune *c, int n, char *err)
{
	struct vg_tally *t;
	size_t nt, k;
	int i;

	if (vg_findings_tally(s, &t, &nt, err) == -1)
		return -1;
	for (k = 0; k < nt; k++) {
		for (i = 0; i < n && c[i].id != t[k].commune; i++)
			;
		if (i == n)
			continue;
		c[i].critical = t[k].problems[VG_SEV_CRITICAL];
		c[i].high = t[k].problems[VG_SEV_HIGH];
		snprintf(c[i].scanned, sizeof c[i].scanned, "%.10s",
		    t[k].last);
	}
	vg_tally_free(t, nt);
	return 0;
}

static int
ov_load(struct vg_store *s, struct ov_commune **out, int *nout,
    const struct quest **ref, char *err)
{
	struct ov_quest *cache = NULL;
	struct ov_commune *c = NULL;
	struct record_info info;
	const struct quest *q;
	struct answers *a;
	struct score sc;
	sqlite3_stmt *st;
	int64_t last;
	int n = 0, ncache = 0, i, j, rc = -1;

	st = vg_store_prepare(s, "SELECT c.id, c.name, p.value FROM commune c "
	    "LEFT JOIN profile p ON p.commune_id = c.id AND p.key = 'insee' "
	    "ORDER BY c.name COLLATE NOCASE, c.id", err);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		c = xreallocarray(c, (size_t)n + 1, sizeof *c);
		memset(&c[n], 0, sizeof c[n]);
		c[n].id = sqlite3_column_int64(st, 0);
		c[n].name = xstrdup(sqlite3_column_text(st, 1) ?
		    (const char *)sqlite3_column_text(st, 1) : "?");
		c[n].insee = sqlite3_column_text(st, 2) ?
		    xstrdup((const char *)sqlite3_column_text(st, 2)) : NULL;
		c[n].overall = -1;
		for (j = 0; j < 32; j++)
			c[n].levels[j] = -1;
		n++;
	}
	sqlite3_finalize(st);

	for (i = 0; i < n; i++) {
		if (record_latest(s, c[i].id, &last, err) == -1)
			goto out;
		if (last == 0)
			continue;
		if (record_info(s, last, &info, err) == -1 ||
		    (q = ov_quest(s, &cache, &ncache, &info, err)) == NULL)
			goto out;
		if (*ref == NULL)
			*ref = q;
		a = answers_new(q);
		if (record_load(s, last, a, err) == -1) {
			answers_free(a);
			goto out;
		}
		score_compute(a, info.quick, &sc);
		for (j = 0; j < sc.ndomains && j < 32; j++)
			if (sc.domains[j].state == SCORE_OK)
				c[i].levels[j] = sc.domains[j].level;
		c[i].overall = sc.overall_level;
		snprintf(c[i].assessed, sizeof c[i].assessed, "%.10s",
		    info.finished[0] ? info.finished : info.updated);
		score_free(&sc);
		answers_free(a);
	}
	if (ov_findings(s, c, n, err) == -1)
		goto out;
	rc = 0;
out:
	/* The reference questionnaire stays alive in the cache: hand the
	 * cache's ownership to the caller through *ref's entry. */
	for (i = 0; i < ncache; i++)
		if (cache[i].quest != *ref)
			quest_free(cache[i].quest);
	free(cache);
	*out = c;
	*nout = n;
	return rc;
}

static void
ov_free(struct ov_commune *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].insee);
	}
	free(c);
}

static json_t *
ov_json(const struct ov_commune *c, int n, const struct quest *q)
{
	json_t *arr = json_array(), *lv;
	int i, j;

	for (i = 0; i < n; i++) {
		lv = json_object();
		for (j = 0; q != NULL && j < q->ndomains && j < 32; j++)
			json_object_set_new(lv, q->domains[j].id,
			    c[i].levels[j] >= 0 ? json_integer(c[i].levels[j]) :
			    json_null());
		json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o,"
		    " s:i, s:i, s:o, s:o}",
		    "commune", vg_json_str(c[i].name),
		    "insee", vg_json_str(c[i].insee),
		    "levels", lv,
		    "overall", c[i].overall >= 0 ? json_integer(c[i].overall) :
		    json_null(),
		    "critical", c[i].critical, "high", c[i].high,
		    "assessed", c[i].assessed[0] ? json_string(c[i].assessed) :
		    json_null(),
		    "scanned", c[i].scanned[0] ? json_string(c[i].scanned) :
		    json_null()));
	}
	return json_pack("{s:s, s:i, s:o}", "format", "vigie-overview",
	    "version", 1, "communes", arr);
}

static struct vg_doc *
ov_doc(const struct ov_commune *c, int n, const struct quest *q)
{
	struct vg_doc *doc;
	const char **hdr, **cells;
	char **own, date[16], now[32];
	int nd = q ? q->ndomains : 0, ncol, i, j, k;

	vg_time_iso(time(NULL), now);
	snprintf(date, sizeof date, "%.10s", now);
	doc = vg_doc_new(_("Overview of the communes"), vg_lang());
	vg_doc_heading(doc, 1, _("Overview of the communes"));
	vg_doc_paraf(doc, VG_DS_LEAD, vg_ngettext("%d commune, %s. Level per "
	    "domain from each commune's latest assessment (0 to start, 4 "
	    "under control; - not evaluated), and the serious problems found "
	    "by its latest scans.", "%d communes, %s. Level per domain "
	    "from each commune's latest assessment (0 to start, 4 under "
	    "control; - not evaluated), and the serious problems found by "
	    "its latest scans.", (unsigned long)n), n, date);
	if (nd > 0) {
		vg_doc_list_begin(doc, VG_DL_BULLET);
		for (j = 0; j < nd; j++) {
			char *s = xasprintf("%s: %s", q->domains[j].id,
			    q->domains[j].name);

			vg_doc_item(doc, s);
			free(s);
		}
		vg_doc_list_end(doc);
	}
	ncol = 2 + nd + 3;
	hdr = xcalloc((size_t)ncol, sizeof *hdr);
	cells = xcalloc((size_t)ncol, sizeof *cells);
	own = xcalloc((size_t)ncol, sizeof *own);
	hdr[0] = _("Commune");
	hdr[1] = _("INSEE");
	for (j = 0; j < nd; j++)
		hdr[2 + j] = q->domains[j].id;
	hdr[2 + nd] = _("Critical");
	hdr[3 + nd] = _("High");
	hdr[4 + nd] = _("Assessed");
	vg_doc_table_begin(doc, ncol, hdr);
	for (i = 0; i < n; i++) {
		cells[0] = c[i].name;
		cells[1] = c[i].insee ? c[i].insee : "";
		for (j = 0; j < nd; j++) {
			own[j] = c[i].levels[j] >= 0 ?
			    xasprintf("%d", c[i].levels[j]) : xstrdup("-");
			cells[2 + j] = own[j];
		}
		own[nd] = xasprintf("%d", c[i].critical);
		own[nd + 1] = xasprintf("%d", c[i].high);
		cells[2 + nd] = own[nd];
		cells[3 + nd] = own[nd + 1];
		cells[4 + nd] = c[i].assessed[0] ? c[i].assessed : _("never");
		vg_doc_row(doc, cells, c[i].critical > 0 ? VG_DT_BAD :
		    c[i].high > 0 ? VG_DT_WARN : VG_DT_NONE);
		for (k = 0; k < nd + 2; k++) {
			free(own[k]);
			own[k] = NULL;
		}
	}
	vg_doc_table_end(doc);
	free(own);
	free(cells);
	free(hdr);
	return doc;
}

int
overview_write(struct vg_store *s, const char *format, const char *path,
    char *err)
{
	struct ov_commune *c = NULL;
	const struct quest *q = NULL;
	struct vg_doc *doc;
	json_t *j;
	char *text;
	int n = 0, rc = -1;

	if (strcmp(format, "json") != 0 && !vg_doc_format_known(format)) {
		vg_seterr(err, _("unknown format '%s' (html, odt, md or json)"),
		    format);
		return -1;
	}
	if (ov_load(s, &c, &n, &q, err) == -1)
		goto out;
	if (strcmp(format, "json") == 0) {
		j = ov_json(c, n, q);
		text = json_dumps(j, JSON_INDENT(2));
		json_decref(j);
		rc = dossier_write_text(path, text, err);
		free(text);
	} else {
		doc = ov_doc(c, n, q);
		rc = vg_doc_write(doc, format, path, err);
		vg_doc_free(doc);
	}
out:
	quest_free((struct quest *)q);
	ov_free(c, n);
	return rc;
}
