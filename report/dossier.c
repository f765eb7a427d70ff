/*
 * dossier.c — the commune dossier: page one for the mayor (levels per
 * domain, the five things to do first, what changed since the last
 * dossier), then the questionnaire, the machines scanned, the mail
 * domain, incident readiness, and an annex with every finding.
 *
 * The dossier reads the store only: the latest assessment (assess/), and
 * the latest run of each kind and subject (the findings model, whoever
 * wrote it). What a dossier showed is kept as a snapshot (table
 * dossier), so that the next one says what changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/doc.h"
#include "vigie/dossier.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/module.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define TOP_N	5

struct dz_finding {
	char			*source, *ref, *subject, *title, *detail;
	char			*remediation, *time, *anssi, *cis;
	enum vg_status		 status;
	enum vg_severity	 severity;
};

struct dz_run {
	char			*kind, *subject, *started, *stats;
	struct dz_finding	*f;
	int			 nf;
};

struct dz_top {
	int	 score;
	char	*title, *why, *step;
	char	*who;		/* a measure: who can do it */
	char	*where;		/* a scan finding: the hosts or files */
	char	*because;	/* a scan finding: its rule or check */
};

struct dossier {
	int64_t			 commune;
	char			*name;
	char			*created;	/* ISO 8601 */
	int			 has_report;
	struct report		 rep;
	struct dz_run		*runs;
	int			 nruns;
	struct dz_top		 top[TOP_N];
	int			 ntop;
	json_t			*snapshot;	/* this dossier */
	json_t			*since;		/* the last different one */
	char			 since_date[32];
};

/* ---- Reading the store -------------------------------------------- */

/* ANSSI and CIS references: from the finding's data when its source
 * gives them (configuration checks), else from a small table for the
 * mail checks (docs/dossier.md). */
static void
dz_mapping(struct dz_finding *f, const char *data)
{
	static const struct { const char *prefix, *cis; } mail[] = {
		{ "mail.spf.", "9.5" }, { "mail.dmarc.", "9.5" },
		{ "mail.dkim.", "9.5" }, { "mail.starttls.", "3.10" },
		{ "mail.tls.", "3.10" }, { "mail.mtasts.", "3.10" },
		{ "mail.dane.", "3.10" }, { "mail.tlsrpt.", "8.2" },
	};
	json_t *j;
	size_t i;

	if (data != NULL && (j = json_loads(data, 0, NULL)) != NULL) {
		if (json_is_string(json_object_get(j, "anssi")))
			f->anssi = xstrdup(json_string_value(
			    json_object_get(j, "anssi")));
		if (json_is_string(json_object_get(j, "cis")))
			f->cis = xstrdup(json_string_value(
			    json_object_get(j, "cis")));
		json_decref(j);
	}
	for (i = 0; f->cis == NULL && i < sizeof mail / sizeof mail[0]; i++)
		if (strncmp(f->ref, mail[i].prefix, strlen(mail[i].prefix)) == 0)
			f->cis = xstrdup(mail[i].cis);
}

/* Move the string *FROM into *TO: the dossier keeps it. */
static void
dz_take(char **to, char **from)
{
	*to = *from;
	*from = NULL;
}

/* The latest finished run of each kind and subject, with findings. */
static int
dz_load_runs(struct vg_store *s, struct dossier *d, char *err)
{
	struct vg_run_rec *runs;
	struct vg_finding_rec *fr;
	struct dz_run *r;
	struct dz_finding *f;
	size_t n, i, j;

	if (vg_runs_read(s, d->commune, VG_RUNS_LATEST, &runs, &n, err) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		d->runs = xreallocarray(d->runs, (size_t)d->nruns + 1,
		    sizeof *d->runs);
		r = &d->runs[d->nruns++];
		memset(r, 0, sizeof *r);
		dz_take(&r->kind, &runs[i].kind);
		dz_take(&r->subject, &runs[i].subject);
		dz_take(&r->started, &runs[i].started);
		dz_take(&r->stats, &runs[i].stats);
		for (j = 0; j < runs[i].nf; j++) {
			fr = &runs[i].f[j];
			r->f = xreallocarray(r->f, (size_t)r->nf + 1,
			    sizeof *r->f);
			f = &r->f[r->nf++];
			memset(f, 0, sizeof *f);
			dz_take(&f->source, &fr->source);
			dz_take(&f->ref, &fr->ref);
			if (vg_status_parse(fr->status, &f->status) == -1)
				f->status = VG_ST_ERROR;
			if (vg_severity_parse(fr->severity, &f->severity) == -1)
				f->severity = VG_SEV_INFO;
			dz_take(&f->subject, &fr->subject);
			dz_take(&f->title, &fr->title);
			dz_take(&f->detail, &fr->detail);
			dz_take(&f->remediation, &fr->remediation);
			dz_take(&f->time, &fr->time);
			dz_mapping(f, fr->data);
		}
	}
	vg_runs_free(runs, n);
	return 0;
}

static void
dz_free(struct dossier *d)
{
	int i, j;

	for (i = 0; i < d->nruns; i++) {
		struct dz_run *r = &d->runs[i];

		for (j = 0; j < r->nf; j++) {
			struct dz_finding *f = &r->f[j];

			free(f->source); free(f->ref); free(f->subject);
			free(f->title); free(f->detail); free(f->remediation);
			free(f->time); free(f->anssi); free(f->cis);
		}
		free(r->f);
		free(r->kind); free(r->subject); free(r->started);
		free(r->stats);
	}
	free(d->runs);
	for (i = 0; i < d->ntop; i++) {
		free(d->top[i].title); free(d->top[i].why);
		free(d->top[i].step); free(d->top[i].who);
		free(d->top[i].where); free(d->top[i].because);
	}
	if (d->has_report)
		report_free(&d->rep);
	json_decref(d->snapshot);
	json_decref(d->since);
	free(d->name);
	free(d->created);
}

/* A finding that asks for action. */
static int
dz_problem(const struct dz_finding *f)
{
	return f->status == VG_ST_FAIL || f->status == VG_ST_MATCH;
}

/* ---- The five things to do first ---------------------------------- */

/*
 * The questionnaire measure a finding speaks about, so that a failed scan
 * check confirms that measure: mail checks by ID, configuration checks
 * by the family in their ID (WIN-SMB-01 -> SMB). NULL when no measure of
 * the questionnaire covers it (docs/dossier.md has the table).
 */
static const char *
dz_measure_of(const struct dz_finding *f)
{
	static const struct { const char *family, *measure; } fam[] = {
		{ "UPD", "M-PC-1" }, { "PKG", "M-PC-1" }, { "OS", "M-INV-3" },
		{ "DEF", "M-PC-2" }, { "FW", "M-PC-3" }, { "LCK", "M-PC-4" },
		{ "USB", "M-PC-5" }, { "SVC", "M-PC-6" }, { "NET", "M-PC-6" },
		{ "ENC", "M-PC-7" }, { "BL", "M-PC-7" },
		{ "ACC", "M-ACC-1" }, { "ADM", "M-ACC-2" }, { "UAC", "M-ACC-2" },
		{ "SUDO", "M-ACC-2" }, { "PWD", "M-ACC-3" }, { "LSA", "M-ACC-3" },
		{ "RDP", "M-NET-4" }, { "SSH", "M-NET-4" }, { "SMB", "M-NET-5" },
		{ "OFF", "M-MAIL-3" },
		{ "PS", "M-INC-6" }, { "AUD", "M-INC-6" }, { "LOG", "M-INC-6" },
	};
	const char *p, *q;
	size_t i, n;

	if (strcmp(f->ref, "mail.provider.consumer") == 0)
		return "M-MAIL-4";
	if (strcmp(f->source, VG_RUN_SCAN_CONFIG) != 0 ||
	    (p = strchr(f->ref, '-')) == NULL ||
	    (q = strchr(p + 1, '-')) == NULL)
		return NULL;
	n = (size_t)(q - p - 1);
	for (i = 0; i < sizeof fam / sizeof fam[0]; i++)
		if (strlen(fam[i].family) == n &&
		    strncmp(p + 1, fam[i].family, n) == 0)
			return fam[i].measure;
	return NULL;
}

/* Whether the action plan proposes measure ID. */
static int
dz_plan_has(const struct dossier *d, const char *id)
{
	int i;

	for (i = 0; id != NULL && d->has_report && i < d->rep.plan.nitems;
	    i++)
		if (strcmp(d->rep.plan.items[i].measure->id, id) == 0)
			return 1;
	return 0;
}

/* Add a candidate; WHO, WHERE and BECAUSE are taken over (freed later). */
static struct dz_top *
dz_top_add(struct dz_top *cand, int *ncand, int score, const char *title,
    const char *why, const char *step)
{
	struct dz_top *t = &cand[(*ncand)++];

	t->score = score;
	t->title = xstrdup(title ? title : "");
	t->why = why ? xstrdup(why) : NULL;
	t->step = step ? xstrdup(step) : NULL;
	return t;
}

/* Subjects where the problem REF was found, "a, b and 2 more". */
static char *
dz_subjects(const struct dossier *d, const char *ref)
{
	char *s = NULL, *t;
	int i, j, n = 0;

	for (i = 0; i < d->nruns; i++)
		for (j = 0; j < d->runs[i].nf; j++) {
			const struct dz_finding *f = &d->runs[i].f[j];

			if (!dz_problem(f) || strcmp(f->ref, ref) != 0 ||
			    f->subject == NULL)
				continue;
			if (++n > 3)
				continue;
			t = s ? xasprintf("%s, %s", s, f->subject) :
			    xstrdup(f->subject);
			free(s);
			s = t;
		}
	if (n > 3) {
		t = xasprintf(vg_ngettext("%s and %d more", "%s and %d more",
		    (unsigned long)(n - 3)), s, n - 3);
		free(s);
		s = t;
	}
	return s;
}

static int
dz_top_cmp(const void *a, const void *b)
{
	const struct dz_top *x = a, *y = b;

	return y->score - x->score;
}

/*
 * Merge the questionnaire's plan with what the scans found: a critical
 * detection (a ransom note) outranks everything; a failed scan check
 * confirms its domain's measure and moves it up; a serious scan finding
 * without a matching measure becomes an action of its own.
 */
static void
dz_top_build(struct dossier *d)
{
	struct dz_top *cand, *t;
	int ncand = 0, max, i, j, k, seen;
	char **used;
	const char *mid;
	int match;

	max = d->has_report ? d->rep.plan.nitems : 0;
	for (i = 0; i < d->nruns; i++)
		max += d->runs[i].nf;
	cand = xcalloc((size_t)max + 1, sizeof *cand);

	for (i = 0; i < d->nruns; i++)
		for (j = 0; j < d->runs[i].nf; j++) {
			const struct dz_finding *f = &d->runs[i].f[j];

			if (!dz_problem(f) || f->severity < VG_SEV_HIGH)
				continue;
			/* One action per rule or check, whatever the hosts. */
			seen = 0;
			for (k = 0; k < ncand; k++)
				if (cand[k].because != NULL &&
				    strcmp(cand[k].because, f->ref) == 0)
					seen = 1;
			if (seen)
				continue;
			if (f->severity == VG_SEV_HIGH &&
			    dz_plan_has(d, dz_measure_of(f)))
				continue;	/* confirms a measure below */
			/* Page one is for the mayor: the technical detail and
			 * remedy are in the machines section, for the provider. */
			/* A detection (a ransom note) before a setting; only a
			 * detection calls for unplugging the machine. */
			match = f->status == VG_ST_MATCH;
			t = dz_top_add(cand, &ncand, (f->severity ==
			    VG_SEV_CRITICAL ? 1000 : 500) + (int)f->severity +
			    (match ? 100 : 0), f->title, match ?
			    _("A scan found this on the commune's computers: "
			    "it may be an attack in progress.") :
			    _("A scan of the commune's computers found this "
			    "setting missing; the details are in the section "
			    "on the machines scanned."),
			    match ? _("Disconnect the computer from the network "
			    "without switching it off, and call your IT provider "
			    "or your region's CSIRT.") : NULL);
			t->who = xstrdup(_("your IT provider"));
			t->where = dz_subjects(d, f->ref);
			t->because = xstrdup(f->ref);
		}

	/* A failed scan check confirms the measure it speaks about. */
	used = xcalloc((size_t)d->nruns + 1, sizeof *used);
	for (j = 0; j < d->nruns; j++)
		used[j] = xcalloc((size_t)d->runs[j].nf + 1, sizeof **used);
	for (i = 0; d->has_report && i < d->rep.plan.nitems; i++) {
		const struct plan_item *it = &d->rep.plan.items[i];
		const struct quest_measure *m = it->measure;
		char *confirm = NULL, *title, *why, *step;
		int score = 600 - 5 * i;

		for (j = 0; j < d->nruns && confirm == NULL; j++)
			for (k = 0; k < d->runs[j].nf; k++) {
				const struct dz_finding *f = &d->runs[j].f[k];

				mid = dz_measure_of(f);
				if (used[j][k] || !dz_problem(f) ||
				    f->severity < VG_SEV_MEDIUM || mid == NULL ||
				    strcmp(mid, m->id) != 0)
					continue;
				used[j][k] = 1;
				confirm = xasprintf(_("Confirmed by the scan: "
				    "%s (%s)."), f->title ? f->title : f->ref,
				    f->subject ? f->subject : "");
				score += 150;
				break;
			}
		/* Measures may say {provider}: the context's words. */
		title = answers_subst(d->rep.answers, m->title);
		why = answers_subst(d->rep.answers, m->why ? m->why : "");
		step = m->step ? answers_subst(d->rep.answers, m->step) : NULL;
		t = dz_top_add(cand, &ncand, score, title, why, step);
		t->who = plan_who(d->rep.answers, m);
		free(title);
		free(why);
		free(step);
		if (confirm != NULL) {
			why = xasprintf("%s %s", t->why, confirm);
			free(t->why);
			t->why = why;
			free(confirm);
		}
	}
	for (j = 0; j < d->nruns; j++)
		free(used[j]);
	free(used);

	qsort(cand, (size_t)ncand, sizeof *cand, dz_top_cmp);
	for (i = 0; i < ncand; i++) {
		if (i < TOP_N)
			d->top[d->ntop++] = cand[i];
		else {
			free(cand[i].title); free(cand[i].why);
			free(cand[i].step); free(cand[i].who);
			free(cand[i].where); free(cand[i].because);
		}
	}
	free(cand);
}

/* ---- What changed since the last dossier -------------------------- */

static json_t *
dz_snapshot(const struct dossier *d)
{
	json_t *doms = json_object(), *probs = json_array();
	int i, j;

	for (i = 0; d->has_report && i < d->rep.score.ndomains; i++) {
		const struct score_domain *sd = &d->rep.score.domains[i];

		json_object_set_new(doms, sd->domain->id, sd->state ==
		    SCORE_OK ? json_integer(sd->level) : json_null());
	}
	for (i = 0; i < d->nruns; i++)
		for (j = 0; j < d->runs[i].nf; j++) {
			const struct dz_finding *f = &d->runs[i].f[j];

			if (dz_problem(f))
				json_array_append_new(probs, json_pack(
				    "{s:s, s:o, s:o}", "ref", f->ref, "subject",
				    vg_json_str(f->subject), "title",
				    vg_json_str(f->title)));
		}
	return json_pack("{s:o, s:o}", "domains", doms, "problems", probs);
}

/* Record this snapshot unless it equals the last one, and find the last
 * snapshot that differs from it: the state to compare with. */
static int
dz_since(struct vg_store *s, struct dossier *d, char *err)
{
	sqlite3_stmt *st;
	json_t *snap;
	char *text;
	int first = 1, same_as_last = 0;

	st = vg_store_prepare(s, "SELECT created, snapshot FROM dossier "
	    "WHERE commune_id = ?1 ORDER BY id DESC", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, d->commune);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snap = json_loads((const char *)sqlite3_column_text(st, 1), 0,
		    NULL);
		if (snap == NULL)
			continue;
		if (json_equal(snap, d->snapshot)) {
			same_as_last |= first;
			first = 0;
			json_decref(snap);
			continue;
		}
		first = 0;
		d->since = snap;
		snprintf(d->since_date, sizeof d->since_date, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		break;
	}
	sqlite3_finalize(st);
	if (same_as_last)
		return 0;
	text = json_dumps(d->snapshot, JSON_COMPACT | JSON_SORT_KEYS);
	st = vg_store_prepare(s, "INSERT INTO dossier (commune_id, created, "
	    "snapshot) VALUES (?1, ?2, ?3)", err);
	if (st == NULL) {
		free(text);
		return -1;
	}
	sqlite3_bind_int64(st, 1, d->commune);
	sqlite3_bind_text(st, 2, d->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	free(text);
	if (sqlite3_step(st) != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot record the dossier");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Whether problem P (from a snapshot) is in list L. */
static int
dz_has_problem(json_t *l, json_t *p)
{
	size_t i;
	json_t *q;

	json_array_foreach(l, i, q)
		if (json_equal(json_object_get(q, "ref"),
		    json_object_get(p, "ref")) &&
		    json_equal(json_object_get(q, "subject"),
		    json_object_get(p, "subject")))
			return 1;
	return 0;
}

/* Changes as a JSON object: domains that moved, problems new and gone. */
static json_t *
dz_changes(const struct dossier *d)
{
	json_t *moved, *added, *gone, *a, *b, *v, *p;
	const char *k;
	size_t i;

	if (d->since == NULL)
		return json_null();
	moved = json_array();
	added = json_array();
	gone = json_array();
	a = json_object_get(d->since, "domains");
	b = json_object_get(d->snapshot, "domains");
	json_object_foreach(b, k, v)
		if (!json_equal(v, json_object_get(a, k)))
			json_array_append_new(moved, json_pack("{s:s, s:O, s:O}",
			    "domain", k, "before", json_object_get(a, k) ?
			    json_object_get(a, k) : json_null(), "after", v));
	a = json_object_get(d->since, "problems");
	b = json_object_get(d->snapshot, "problems");
	json_array_foreach(b, i, p)
		if (!dz_has_problem(a, p))
			json_array_append(added, p);
	json_array_foreach(a, i, p)
		if (!dz_has_problem(b, p))
			json_array_append(gone, p);
	return json_pack("{s:s, s:o, s:o, s:o}", "since", d->since_date,
	    "domains", moved, "new", added, "resolved", gone);
}

/* ---- Gathering ---------------------------------------------------- */

static int
dz_load(struct vg_store *s, int64_t commune, struct dossier *d, char *err)
{
	int64_t assessment;
	char now[32];

	memset(d, 0, sizeof *d);
	d->commune = commune;
	vg_time_iso(time(NULL), now);
	d->created = xstrdup(now);
	if (vg_profile_get(s, commune, "name", &d->name, err) == -1)
		return -1;
	if (d->name == NULL)
		d->name = xstrdup(_("(unnamed commune)"));
	if (record_latest(s, commune, &assessment, err) == -1)
		return -1;
	if (assessment != 0) {
		if (report_load(s, assessment, &d->rep, err) == -1)
			return -1;
		d->has_report = 1;
	}
	if (dz_load_runs(s, d, err) == -1)
		return -1;
	dz_top_build(d);
	d->snapshot = dz_snapshot(d);
	return 0;
}

/* The domain's name in the questionnaire, for a change line. */
static const char *
dz_domain_name(const struct dossier *d, const char *id)
{
	int i;

	for (i = 0; d->has_report && i < d->rep.quest->ndomains; i++)
		if (strcmp(d->rep.quest->domains[i].id, id) == 0)
			return d->rep.quest->domains[i].name;
	return id;
}

static void
dz_date(const char *iso, char *out, size_t len)
{
	/* "2026-11-25T17:30:14Z" -> "2026-11-25" */
	snprintf(out, len, "%.10s", iso ? iso : "");
}

/* The date of ISO in words for running text ("8 décembre 2026"), else
 * as dz_date(). */
static void
dz_date_words(const char *iso, char *out, size_t len)
{
	char *t = vg_doc_date(iso, strncmp(vg_lang(), "fr", 2) == 0);

	if (t != NULL)
		snprintf(out, len, "%s", t);
	else
		dz_date(iso, out, len);
	free(t);
}

/* ---- The document ------------------------------------------------- */

static void
doc_page_one(const struct dossier *d, struct vg_doc *doc, json_t *changes)
{
	struct vg_doc_bar *bars;
	char date[64], *text;
	int i, n = 0;
	json_t *v, *p;
	size_t k;

	dz_date_words(d->created, date, sizeof date);
	vg_doc_heading(doc, 1, d->name);
	vg_doc_paraf(doc, VG_DS_LEAD, _("Cyber-security dossier of %s, %s. "
	    "A snapshot, not an audit: what the town hall answered, what the "
	    "scans found, and what to do first."), d->name, date);

	vg_doc_heading(doc, 2, _("Where the commune stands"));
	if (d->has_report) {
		bars = xcalloc((size_t)d->rep.score.ndomains, sizeof *bars);
		for (i = 0; i < d->rep.score.ndomains; i++) {
			const struct score_domain *sd =
			    &d->rep.score.domains[i];
			json_t *before = d->since ? json_object_get(
			    json_object_get(d->since, "domains"),
			    sd->domain->id) : NULL;

			bars[n].label = sd->domain->brief ? sd->domain->brief :
			    sd->domain->name;
			bars[n].value = sd->state == SCORE_OK ? sd->level : -1;
			bars[n].previous = json_is_integer(before) ?
			    (double)json_integer_value(before) : -1;
			bars[n].text = sd->state == SCORE_OK ?
			    xasprintf("%d — %s", sd->level,
			    score_level_word(sd->level)) :
			    xstrdup(score_domain_word(sd));
			bars[n].tone = sd->state == SCORE_OK ?
			    (enum vg_doc_tone)(VG_DT_L0 + sd->level) :
			    VG_DT_NONE;
			n++;
		}
		vg_doc_bars(doc, bars, n, 4, _("Level per domain, from 0 (to "
		    "start) to 4 (under control)."));
		/* The radar of the same levels, with the last dossier's
		 * outline when there was one (issue 17). */
		vg_doc_radar(doc, bars, n, 4, d->since ? _("The same "
		    "levels as a radar: the dashed outline is the last "
		    "dossier.") : _("The same levels as a radar."));
		for (i = 0; i < n; i++)
			free((char *)bars[i].text);
		free(bars);
	} else
		vg_doc_para(doc, VG_DS_WARNING, _("No assessment yet: answer "
		    "the questionnaire with 'vigie assess' (about an hour, or 10 "
		    "minutes in quick mode)."));

	vg_doc_heading(doc, 2, _("The five things to do first"));
	if (d->ntop == 0)
		vg_doc_para(doc, VG_DS_NORMAL, _("Nothing urgent comes out of "
		    "the questionnaire and the scans recorded so far."));
	vg_doc_list_begin(doc, VG_DL_ORDERED);
	for (i = 0; i < d->ntop; i++) {
		const struct dz_top *t = &d->top[i];

		text = xasprintf("%s%s%s%s%s%s%s", t->why ? t->why : "",
		    t->step ? _(" First step: ") : "", t->step ? t->step : "",
		    t->who ? _(" Who: ") : "", t->who ? t->who : "",
		    t->where ? _(" Where: ") : "", t->where ? t->where : "");
		vg_doc_item_strong(doc, t->title, text);
		free(text);
	}
	vg_doc_list_end(doc);

	vg_doc_heading(doc, 2, _("What changed since the last dossier"));
	if (!json_is_object(changes)) {
		vg_doc_para(doc, VG_DS_NORMAL, _("This is the first dossier: "
		    "the next one will show what changed since today."));
		return;
	}
	dz_date_words(json_string_value(json_object_get(changes, "since")),
	    date, sizeof date);
	vg_doc_paraf(doc, VG_DS_NORMAL, _("Compared with the dossier of %s:"),
	    date);
	vg_doc_list_begin(doc, VG_DL_BULLET);
	json_array_foreach(json_object_get(changes, "domains"), k, v) {
		json_t *b = json_object_get(v, "before"),
		    *a = json_object_get(v, "after");
		char *line;

		if (json_is_integer(b) && json_is_integer(a))
			line = xasprintf(_("%s: from level %lld to %lld"),
			    dz_domain_name(d, json_string_value(
			    json_object_get(v, "domain"))),
			    (long long)json_integer_value(b),
			    (long long)json_integer_value(a));
		else
			line = xasprintf(_("%s: now %s"), dz_domain_name(d,
			    json_string_value(json_object_get(v, "domain"))),
			    json_is_integer(a) ? _("evaluated") :
			    _("not evaluated"));
		vg_doc_item(doc, line);
		free(line);
	}
	json_array_foreach(json_object_get(changes, "resolved"), k, p) {
		text = xasprintf(_("Solved: %s (%s)"), json_string_value(
		    json_object_get(p, "title")), json_string_value(
		    json_object_get(p, "subject")));
		vg_doc_item(doc, text);
		free(text);
	}
	json_array_foreach(json_object_get(changes, "new"), k, p) {
		text = xasprintf(_("New: %s (%s)"), json_string_value(
		    json_object_get(p, "title")), json_string_value(
		    json_object_get(p, "subject")));
		vg_doc_item(doc, text);
		free(text);
	}
	if (json_array_size(json_object_get(changes, "domains")) +
	    json_array_size(json_object_get(changes, "resolved")) +
	    json_array_size(json_object_get(changes, "new")) == 0)
		vg_doc_item(doc, _("nothing"));
	vg_doc_list_end(doc);
}

/* A configuration run's hardening index, from its statistics. */
static long
dz_index(const struct dz_run *r)
{
	json_t *j, *v;
	long n = -1;

	if (r->stats == NULL || (j = json_loads(r->stats, 0, NULL)) == NULL)
		return -1;
	if (json_is_integer(v = json_object_get(j, "index")))
		n = (long)json_integer_value(v);
	json_decref(j);
	return n;
}

static void
doc_machines(const struct dossier *d, struct vg_doc *doc)
{
	const char *hdr[4];
	const char *cells[4];
	char date[16];
	int i, j, any = 0, problems;
	long idx;

	vg_doc_heading(doc, 1, _("The machines scanned"));
	for (i = 0; i < d->nruns; i++) {
		const struct dz_run *r = &d->runs[i];
		int config = strcmp(r->kind, VG_RUN_SCAN_CONFIG) == 0;

		if (!config && strcmp(r->kind, VG_RUN_SCAN_FILES) != 0 &&
		    strcmp(r->kind, VG_RUN_SCAN_PROCESSES) != 0)
			continue;
		any = 1;
		dz_date(r->started, date, sizeof date);
		vg_doc_heading(doc, 2, r->subject ? r->subject : r->kind);
		vg_doc_field(doc, _("Scan"), config ? _("configuration "
		    "(vigie scan config)") :
		    strcmp(r->kind, VG_RUN_SCAN_FILES) == 0 ?
		    _("files (vigie scan files)") :
		    _("processes (vigie scan processes)"));
		vg_doc_field(doc, _("Date"), date);
		if (config && (idx = dz_index(r)) >= 0) {
			char *s = xasprintf("%ld / 100", idx);

			vg_doc_field(doc, _("Hardening index"), s);
			free(s);
		}
		for (j = problems = 0; j < r->nf; j++)
			problems += dz_problem(&r->f[j]);
		if (problems == 0) {
			vg_doc_para(doc, VG_DS_NORMAL, config ?
			    _("No failed check.") : _("Nothing suspicious "
			    "found."));
			continue;
		}
		hdr[0] = _("Severity");
		hdr[1] = config ? _("Check") : _("Rule");
		hdr[2] = config ? _("Finding") : _("Where");
		hdr[3] = _("What to do");
		vg_doc_table_begin(doc, 4, hdr);
		for (j = 0; j < r->nf; j++) {
			const struct dz_finding *f = &r->f[j];

			if (!dz_problem(f))
				continue;
			cells[0] = vg_severity_label(f->severity);
			cells[1] = f->ref;
			cells[2] = config ? (f->title ? f->title : "") :
			    (f->subject ? f->subject : "");
			cells[3] = f->remediation ? f->remediation : "";
			vg_doc_row(doc, cells, f->severity >= VG_SEV_HIGH ?
			    VG_DT_BAD : VG_DT_WARN);
		}
		vg_doc_table_end(doc);
	}
	if (!any)
		vg_doc_para(doc, VG_DS_NORMAL, _("No machine scanned yet: your "
		    "IT provider can run 'vigie scan config' and 'vigie scan "
		    "files' on the town hall's computers."));
}

static void
doc_mail(const struct dossier *d, struct vg_doc *doc)
{
	const char *hdr[4], *cells[4];
	char date[16], *what;
	int i, j, any = 0;

	vg_doc_heading(doc, 1, _("The mail domain"));
	hdr[0] = _("Result");
	hdr[1] = _("Check");
	hdr[2] = _("Finding");
	hdr[3] = _("What to do");
	for (i = 0; i < d->nruns; i++) {
		const struct dz_run *r = &d->runs[i];

		if (strcmp(r->kind, VG_RUN_SCAN_MAIL) != 0)
			continue;
		any = 1;
		dz_date(r->started, date, sizeof date);
		vg_doc_heading(doc, 2, r->subject ? r->subject : "?");
		vg_doc_field(doc, _("Date"), date);
		vg_doc_table_begin(doc, 4, hdr);
		for (j = 0; j < r->nf; j++) {
			const struct dz_finding *f = &r->f[j];

			what = xasprintf("%s%s%s", f->title ? f->title : "",
			    f->detail ? " — " : "", f->detail ? f->detail : "");
			cells[0] = vg_status_label(f->status);
			cells[1] = f->ref;
			cells[2] = what;
			cells[3] = f->remediation ? f->remediation : "";
			vg_doc_row(doc, cells, f->status == VG_ST_PASS ?
			    VG_DT_GOOD : f->status == VG_ST_FAIL ? VG_DT_BAD :
			    f->status == VG_ST_WARN ? VG_DT_WARN : VG_DT_NONE);
			free(what);
		}
		vg_doc_table_end(doc);
	}
	if (!any)
		vg_doc_para(doc, VG_DS_NORMAL, _("The mail domain has not been "
		    "checked yet: 'vigie scan mail' with the commune's domain."));
}

/* Evidence captures verified on this machine (`vigie respond verify`). */
static void
doc_captures(const struct dossier *d, struct vg_doc *doc)
{
	const char *hdr[4] = {
		_("Machine"), _("Captured"), _("Case"), _("Seal"),
	};
	const char *cells[4];
	char date[16];
	json_t *st;
	int i, n = 0;

	for (i = 0; i < d->nruns; i++) {
		const struct dz_run *r = &d->runs[i];

		if (strcmp(r->kind, VG_RUN_RESPOND_CAPTURE) != 0 || r->nf == 0)
			continue;
		if (n++ == 0) {
			vg_doc_heading(doc, 2, _("Evidence captures"));
			vg_doc_table_begin(doc, 4, hdr);
		}
		st = r->stats ? json_loads(r->stats, 0, NULL) : NULL;
		dz_date(json_string_value(json_object_get(st, "captured")),
		    date, sizeof date);
		cells[0] = r->subject ? r->subject : "?";
		cells[1] = date;
		cells[2] = json_string_value(json_object_get(st, "case")) ?
		    json_string_value(json_object_get(st, "case")) : "";
		cells[3] = r->f[0].status == VG_ST_PASS ? _("intact") :
		    _("CHANGED since sealed");
		vg_doc_row(doc, cells, r->f[0].status == VG_ST_PASS ?
		    VG_DT_GOOD : VG_DT_BAD);
		json_decref(st);
	}
	if (n > 0)
		vg_doc_table_end(doc);
}

/* Readiness: the contacts, the captures, then the sections the
 * program gives (the incidents). */
static int
doc_readiness(struct vg_store *s, const struct dossier *d,
    const struct vg_dossier_section *const *sections, struct vg_doc *doc,
    char *err)
{
	static const struct { const char *key, *label; } roles[] = {
		{ "mayor", N_("Mayor") },
		{ "secretary", N_("Town hall secretary-general") },
		{ "it_provider", N_("IT provider") },
		{ "dpo", N_("Data protection officer (DPO)") },
		{ "insurer", N_("Insurer") },
		{ "csirt", N_("Regional CSIRT") },
		{ "police", N_("Local gendarmerie or police") },
		{ "epci", N_("Intercommunality") },
		{ "prefecture", N_("Prefecture") },
	};
	const char *hdr[3] = { _("Contact"), _("Phone"), _("Name") };
	const char *cells[3];
	char key[64], *phone, *name, *nb;
	int missing = 0;
	size_t i;

	vg_doc_heading(doc, 1, _("Ready for an incident?"));
	vg_doc_para(doc, VG_DS_NORMAL, _("During an attack, these people "
	    "must be reachable at once. Missing numbers are to be filled in "
	    "now ('vigie profile set', or the home screen)."));
	vg_doc_table_begin(doc, 3, hdr);
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		snprintf(key, sizeof key, "%s.phone", roles[i].key);
		if (vg_profile_get(s, d->commune, key, &phone, err) == -1)
			return -1;
		snprintf(key, sizeof key, "%s.name", roles[i].key);
		if (vg_profile_get(s, d->commune, key, &name, err) == -1) {
			free(phone);
			return -1;
		}
		cells[0] = _(roles[i].label);
		nb = vg_doc_phone(phone);	/* never split */
		cells[1] = nb ? nb : _("(to fill in)");
		cells[2] = name ? name : "";
		vg_doc_row(doc, cells, phone ? VG_DT_GOOD : VG_DT_BAD);
		missing += phone == NULL;
		free(nb);
		free(phone);
		free(name);
	}
	vg_doc_table_end(doc);
	if (missing > 0)
		vg_doc_paraf(doc, VG_DS_WARNING, vg_ngettext("%d contact has no "
		    "phone number.", "%d contacts have no phone number.",
		    (unsigned long)missing), missing);
	doc_captures(d, doc);
	for (; *sections != NULL; sections++)
		if ((*sections)->write(s, d->commune, doc, err) == -1)
			return -1;
	return 0;
}

static void
doc_annex(const struct dossier *d, struct vg_doc *doc)
{
	const char *hdr[7] = {
		_("Measured"), _("Source"), _("Check or rule"), _("Result"),
		_("Subject"), _("ANSSI"), _("CIS v8"),
	};
	const char *cells[7];
	char date[16];
	int i, j, n = 0;

	vg_doc_heading(doc, 1, _("Annex: every finding"));
	vg_doc_para(doc, VG_DS_NOTE, _("ANSSI: measure of the ANSSI "
	    "computer hygiene guide; CIS v8: safeguard of the CIS Controls "
	    "v8. The questionnaire's own references are in its section."));
	vg_doc_table_begin(doc, 7, hdr);
	for (i = 0; i < d->nruns; i++)
		for (j = 0; j < d->runs[i].nf; j++) {
			const struct dz_finding *f = &d->runs[i].f[j];

			dz_date(f->time, date, sizeof date);
			cells[0] = date;
			cells[1] = f->source;
			cells[2] = f->ref;
			cells[3] = vg_status_label(f->status);
			cells[4] = f->subject ? f->subject : "";
			cells[5] = f->anssi ? f->anssi : "—";
			cells[6] = f->cis ? f->cis : "—";
			vg_doc_row(doc, cells, VG_DT_NONE);
			n++;
		}
	vg_doc_table_end(doc);
	if (n == 0)
		vg_doc_para(doc, VG_DS_NORMAL, _("No scan recorded yet."));
}

/* ---- JSON --------------------------------------------------------- */

static json_t *
dz_json(const struct dossier *d, json_t *changes)
{
	json_t *o, *top = json_array(), *runs = json_array(), *fs;
	int i, j;

	for (i = 0; i < d->ntop; i++)
		json_array_append_new(top, json_pack("{s:o, s:o, s:o, s:o}",
		    "title", vg_json_str(d->top[i].title),
		    "why", vg_json_str(d->top[i].why),
		    "step", vg_json_str(d->top[i].step),
		    "who", vg_json_str(d->top[i].who)));
	for (i = 0; i < d->nruns; i++) {
		const struct dz_run *r = &d->runs[i];

		fs = json_array();
		for (j = 0; j < r->nf; j++) {
			const struct dz_finding *f = &r->f[j];

			json_array_append_new(fs, json_pack("{s:s, s:s, s:s,"
			    " s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			    "source", f->source, "ref", f->ref,
			    "status", vg_status_name(f->status),
			    "severity", vg_severity_name(f->severity),
			    "subject", vg_json_str(f->subject),
			    "title", vg_json_str(f->title),
			    "detail", vg_json_str(f->detail),
			    "remediation", vg_json_str(f->remediation),
			    "time", vg_json_str(f->time),
			    "anssi", vg_json_str(f->anssi),
			    "cis", vg_json_str(f->cis)));
		}
		json_array_append_new(runs, json_pack("{s:s, s:o, s:o, s:o}",
		    "kind", r->kind, "subject", vg_json_str(r->subject),
		    "started", vg_json_str(r->started), "findings", fs));
	}
	o = json_pack("{s:s, s:i, s:o, s:s, s:O, s:o, s:o, s:O}",
	    "format", "vigie-dossier", "version", 1,
	    "commune", vg_json_str(d->name), "created", d->created,
	    "levels", json_object_get(d->snapshot, "domains"),
	    "top", top, "runs", runs, "changes", changes);
	if (d->has_report)
		json_object_set_new(o, "assessment", report_json(&d->rep));
	return o;
}

/* ---- Writing ------------------------------------------------------ */

/* TEXT and a newline to PATH (0600) or stdout ("-"). */
int
dossier_write_text(const char *path, const char *text, char *err)
{
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		if (puts(text) == EOF || fflush(stdout) == EOF) {
			vg_seterr(err, "stdout: cannot write");
			return -1;
		}
		return 0;
	}
	if ((fd = vg_create_private(path, 0, err)) == -1)
		return -1;
	rc = vg_write_all(fd, text, strlen(text)) == -1 ||
	    vg_write_all(fd, "\n", 1) == -1 ? -1 : 0;
	if (close(fd) == -1)
		rc = -1;
	if (rc == -1)
		vg_seterr(err, "%s: cannot write", path);
	return rc;
}

int
dossier_write(struct vg_store *s,
    const struct vg_dossier_section *const *sections, int64_t commune,
    const char *format, const char *path, char *err)
{
	struct dossier d;
	struct vg_doc *doc = NULL;
	json_t *changes = NULL, *j = NULL;
	char *title = NULL, *text = NULL;
	int rc = -1;

	if (strcmp(format, "json") != 0 && !vg_doc_format_known(format)) {
		vg_seterr(err, _("unknown format '%s' (html, odt, pdf, md or "
		    "json)"), format);
		return -1;
	}
	if (vg_store_begin(s, err) == -1)
		return -1;
	if (dz_load(s, commune, &d, err) == -1 || dz_since(s, &d, err) == -1)
		goto fail;
	changes = dz_changes(&d);

	if (strcmp(format, "json") == 0) {
		j = dz_json(&d, json_incref(changes));
		text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
		if (dossier_write_text(path, text, err) == -1)
			goto fail;
		rc = 0;
	} else {
		title = xasprintf(_("Cyber-security dossier — %s"), d.name);
		doc = vg_doc_new(title, vg_lang());
		doc_page_one(&d, doc, changes);
		vg_doc_pagebreak(doc);
		vg_doc_heading(doc, 1, _("The questionnaire"));
		if (d.has_report)
			report_doc_dossier(&d.rep, doc);
		else
			vg_doc_para(doc, VG_DS_NORMAL, _("No assessment yet."));
		vg_doc_pagebreak(doc);
		doc_machines(&d, doc);
		doc_mail(&d, doc);
		if (doc_readiness(s, &d, sections, doc, err) == -1)
			goto fail;
		vg_doc_pagebreak(doc);
		doc_annex(&d, doc);
		rc = vg_doc_write(doc, format, path, err);
	}
	if (rc == -1)
		goto fail;
	if (vg_store_commit(s, err) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	rc = -1;
	vg_store_rollback(s);
out:
	free(title);
	free(text);
	json_decref(j);
	json_decref(changes);
	vg_doc_free(doc);
	dz_free(&d);
	return rc;
}

/* ---- Schema ------------------------------------------------------- */

/*
 * What each dossier showed, so the next one can say what changed since.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step dossier_schema_steps[] = {
	{ 4,
	    "CREATE TABLE dossier ("
	    "  id INTEGER PRIMARY KEY,"
	    "  commune_id INTEGER NOT NULL"
	    "    REFERENCES commune(id) ON DELETE CASCADE,"
	    "  created TEXT NOT NULL,"
	    "  snapshot TEXT NOT NULL);"
	    "CREATE INDEX dossier_commune ON dossier(commune_id, id);" },
	{ 0, NULL }
};
const struct vg_schema dossier_schema = {
	"report", dossier_schema_steps
};
