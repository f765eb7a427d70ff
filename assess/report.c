/*
 * report.c — the report of one assessment: gathered from the store
 * (report_load), laid out as a document for the HTML, ODT and Markdown
 * writers of doc.h (report_doc), or as JSON (report_json). The layout
 * puts the domains and the first measures first, the detail of every
 * answer in an annex, and ends with the method and a place to sign.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "vigie/xml.h"

#define REPORT_MAXJSON	(64 << 20)

int
report_load(struct vg_store *s, int64_t id, struct report *r, char *err)
{
	const struct vg_profile_key *keys;
	int64_t prev;
	int i;

	memset(r, 0, sizeof *r);
	if (record_info(s, id, &r->info, err) == -1)
		return -1;
	if ((r->quest = record_quest(s, id, err)) == NULL)
		return -1;
	r->answers = answers_new(r->quest);
	if (record_load(s, id, r->answers, err) == -1)
		goto fail;
	score_compute(r->answers, r->info.quick, &r->score);
	plan_build(r->answers, r->info.quick, &r->plan);
	if (record_previous(s, id, &prev, err) == -1)
		goto fail;
	if (prev != 0) {
		if (record_info(s, prev, &r->prev_info, err) == -1)
			goto fail;
		r->previous = answers_new(r->quest);
		if (record_load(s, prev, r->previous, err) == -1)
			goto fail;
		score_compute(r->previous, r->prev_info.quick, &r->prev_score);
		compare_build(r->previous, r->prev_info.quick, r->answers,
		    r->info.quick, &r->compare);
		r->has_previous = 1;
	}
	keys = vg_profile_keys(&r->nprofile);
	r->profile = xcalloc((size_t)r->nprofile + 1, sizeof *r->profile);
	for (i = 0; i < r->nprofile; i++)
		if (vg_profile_get(s, r->info.commune, keys[i].key,
		    &r->profile[i], err) == -1)
			goto fail;
	r->commune_name = r->profile[0] != NULL && *r->profile[0] ?
	    xstrdup(r->profile[0]) : xstrdup(_("the commune"));
	return 0;
fail:
	report_free(r);
	return -1;
}

void
report_free(struct report *r)
{
	int i;

	if (r->has_previous) {
		compare_free(&r->compare);
		score_free(&r->prev_score);
	}
	answers_free(r->previous);
	plan_free(&r->plan);
	score_free(&r->score);
	answers_free(r->answers);
	quest_free(r->quest);
	for (i = 0; i < r->nprofile; i++)
		free(r->profile[i]);
	free(r->profile);
	free(r->commune_name);
	memset(r, 0, sizeof *r);
}

/* ---- Small helpers ------------------------------------------------ */

/* The date of ISO for running text ("7 décembre 2026", no-break
 * spaces inside) into OUT, "-" when there is none. */
static void
report_date(const char *iso, char *out, size_t size)
{
	char *t = vg_doc_date(iso, strncmp(vg_lang(), "fr", 2) == 0);

	snprintf(out, size, "%s", t != NULL ? t : "-");
	free(t);
}

/* "2,5" (French) or "2.5". */
static void
report_num(double v, char *out, size_t size)
{
	snprintf(out, size, "%.1f", v);
	if (strcmp(vg_lang(), "fr") == 0 && strchr(out, '.') != NULL)
		*strchr(out, '.') = ',';
}

static enum vg_doc_tone
report_tone(int level)
{
	return level < 0 || level > 4 ? VG_DT_NONE :
	    (enum vg_doc_tone)(VG_DT_L0 + level);
}

static const char *
report_profile(const struct report *r, const char *key)
{
	const struct vg_profile_key *keys;
	int i, n;

	keys = vg_profile_keys(&n);
	for (i = 0; i < n && i < r->nprofile; i++)
		if (strcmp(keys[i].key, key) == 0)
			return r->profile[i];
	return NULL;
}

/* The role, with the contact's name from the profile when known. */
static char *
report_role(const struct report *r, enum as_role role)
{
	static const char *const keys[AS_ROLE_COUNT] = {
		"secretary.name", "secretary.name", "mayor.name",
		"it_provider.name", "epci.name", "dpo.name", "insurer.name",
		NULL,
	};
	char *name = plan_role_name(r->answers, role), *s;
	const char *who = keys[role] ? report_profile(r, keys[role]) : NULL;

	if (who == NULL || *who == '\0')
		return name;
	s = xasprintf("%s (%s)", name, who);
	free(name);
	return s;
}

/* ---- The document ------------------------------------------------- */

static void
report_intro(const struct report *r, struct vg_doc *d)
{
	char start[64], end[64], *s;

	s = answers_subst(r->answers, r->quest->title);
	vg_doc_heading(d, 1, s);
	free(s);
	report_date(r->info.started, start, sizeof start);
	report_date(r->info.finished[0] ? r->info.finished : r->info.updated,
	    end, sizeof end);
	vg_doc_paraf(d, VG_DS_LEAD, vg_ngettext("Commune: %s \u2014 %s "
	    "assessment no. %lld, from %s to %s: %d of %d questions answered.",
	    "Commune: %s \u2014 %s assessment no. %lld, from %s to %s: %d of "
	    "%d questions answered.", (unsigned long)r->score.answered),
	    r->commune_name, r->info.quick ? _("quick") : _("full"),
	    (long long)r->info.id, start, end, r->score.answered,
	    r->score.questions);
	if (r->quest->intro != NULL)
		vg_doc_para(d, VG_DS_NORMAL, r->quest->intro);
	if (!r->info.finished[0])
		vg_doc_para(d, VG_DS_WARNING, _("This assessment is not "
		    "finished: the results only count the questions answered "
		    "so far."));
}

static void
report_results(const struct report *r, struct vg_doc *d)
{
	static const char *headers[6];
	struct vg_doc_bar *bars;
	char **texts, num[16], pct[16], *cells[6], *remark;
	int i;

	vg_doc_heading(d, 2, _("Results by domain"));
	vg_doc_para(d, VG_DS_NORMAL, _("Each domain gets a level from 0 to 4: "
	    "0 To start, 1 First steps, 2 Under way, 3 Well on the way, 4 "
	    "Under control. A domain is held at most one level above its "
	    "weakest basic measure (a missing one holds it at 1); \"I don't "
	    "know\" counts as nothing in place, and the certainty says how "
	    "much of the domain is known for sure."));
	bars = xcalloc((size_t)r->score.ndomains, sizeof *bars);
	texts = xcalloc((size_t)r->score.ndomains, sizeof *texts);
	for (i = 0; i < r->score.ndomains; i++) {
		const struct score_domain *sd = &r->score.domains[i];

		texts[i] = sd->state == SCORE_OK ? xasprintf("%d \u2014 %s",
		    sd->level, score_level_word(sd->level)) :
		    xstrdup(score_domain_word(sd));
		bars[i].label = sd->domain->brief;
		bars[i].value = sd->state == SCORE_OK ? sd->value : -1;
		bars[i].previous = r->has_previous ?
		    r->compare.domains[i].before : -1;
		bars[i].text = texts[i];
		bars[i].tone = sd->state == SCORE_OK ? report_tone(sd->level) :
		    VG_DT_NONE;
	}
	vg_doc_bars(d, bars, r->score.ndomains, 4, r->has_previous ?
	    _("Level of each domain, from 0 to 4; the mark shows the last "
	    "assessment.") : _("Level of each domain, from 0 to 4."));
	/* The same levels as a radar, as MonAideCyber shows them, with
	 * the last assessment's outline (issue 17). */
	vg_doc_radar(d, bars, r->score.ndomains, 4, r->has_previous ?
	    _("The same levels as a radar: the dashed outline is the last "
	    "assessment.") : _("The same levels as a radar."));
	for (i = 0; i < r->score.ndomains; i++)
		free(texts[i]);
	free(texts);
	free(bars);

	headers[0] = _("Domain");
	headers[1] = _("Level");
	headers[2] = _("Answered");
	headers[3] = _("\"I don't know\"");
	headers[4] = _("Certainty");
	headers[5] = _("Remark");
	vg_doc_table_begin(d, 6, headers);
	for (i = 0; i < r->score.ndomains; i++) {
		const struct score_domain *sd = &r->score.domains[i];

		if (sd->state == SCORE_OK) {
			report_num(sd->value, num, sizeof num);
			cells[1] = xasprintf("%d %s (%s)", sd->level,
			    score_level_word(sd->level), num);
		} else
			cells[1] = xstrdup(score_domain_word(sd));
		cells[0] = xstrdup(sd->domain->name);
		cells[2] = xasprintf("%d / %d", sd->answered, sd->questions);
		cells[3] = xasprintf("%d", sd->dk);
		if (sd->certainty >= 0)
			snprintf(pct, sizeof pct, "%d %%",
			    (int)(sd->certainty * 100 + 0.5));
		else
			snprintf(pct, sizeof pct, "-");
		cells[4] = xstrdup(pct);
		if (sd->capped && sd->cap_by != NULL)
			remark = xasprintf(_("held at %d: %s (%s)"),
			    sd->cap_level, score_cap_reason(sd),
			    sd->cap_by->id);
		else if (sd->to_confirm)
			remark = xstrdup(_("to confirm"));
		else
			remark = xstrdup("");
		cells[5] = remark;
		vg_doc_row(d, (const char *const *)cells, sd->state ==
		    SCORE_OK ? report_tone(sd->level) : VG_DT_NONE);
		for (int k = 0; k < 6; k++)
			free(cells[k]);
	}
	vg_doc_table_end(d);
	if (r->score.overall_level >= 0) {
		report_num(r->score.overall, num, sizeof num);
		vg_doc_paraf(d, VG_DS_NOTE, vg_ngettext("Overall index: %s out "
		    "of 4 (%s), from %d domain evaluated only. It sums up; the "
		    "domains say what to do.", "Overall index: %s out of 4 (%s), "
		    "the mean of the %d domains evaluated. It sums up; the "
		    "domains say what to do.",
		    (unsigned long)r->score.evaluated), num,
		    score_level_word(r->score.overall_level),
		    r->score.evaluated);
	}
}

static void
report_measure(const struct report *r, struct vg_doc *d,
    const struct plan_item *it, int num)
{
	const struct quest_measure *m = it->measure;
	char *s, *who, *why, *step;
	int i;

	s = answers_subst(r->answers, m->title);
	vg_doc_paraf(d, VG_DS_STRONG, "%d. %s", num, s);
	free(s);
	why = answers_subst(r->answers, m->why);
	vg_doc_para(d, VG_DS_NORMAL, why);
	free(why);
	step = answers_subst(r->answers, m->step);
	vg_doc_field(d, _("First step"), step);
	free(step);
	who = plan_who(r->answers, m);
	vg_doc_field(d, _("Who"), who);
	free(who);
	s = xasprintf("%s \u00b7 %s", plan_effort_word(m->effort),
	    plan_cost_word(m->cost));
	vg_doc_field(d, _("Effort and cost"), s);
	free(s);
	for (i = 0; i < it->nquestions; i++) {
		const struct quest_question *qq = it->questions[i];
		char *q = answers_subst(r->answers, qq->text);
		char *l = answers_subst(r->answers, answers_value_label(qq,
		    answers_get(r->answers, qq)));

		vg_doc_paraf(d, VG_DS_NOTE, _("Question %s: %s \u2014 answer: "
		    "%s"), qq->id, q, l);
		free(q);
		free(l);
	}
}

static void
report_plan(const struct report *r, struct vg_doc *d)
{
	static const char *headers[5];
	const char *cells[5];
	char num[16], *title, *who;
	int i;

	vg_doc_heading(d, 2, _("Action plan"));
	if (r->plan.nitems == 0 && r->plan.ntasks == 0) {
		vg_doc_para(d, VG_DS_NORMAL, _("No measure to suggest: every "
		    "answer given is at the expected level or above."));
		return;
	}
	if (r->plan.nitems > 0) {
		vg_doc_heading(d, 3, _("Start with these measures"));
		for (i = 0; i < r->plan.nitems && i < PLAN_TOP; i++)
			report_measure(r, d, &r->plan.items[i], i + 1);
	}
	if (r->plan.ntasks > 0) {
		vg_doc_heading(d, 3, _("To find out"));
		vg_doc_para(d, VG_DS_NORMAL, _("You answered \"I don't know\" "
		    "to these questions. Each one counts as nothing in place "
		    "until someone finds out; here is whom to ask."));
		vg_doc_list_begin(d, VG_DL_CHECK);
		for (i = 0; i < r->plan.ntasks; i++) {
			char *q = answers_subst(r->answers,
			    r->plan.tasks[i].question->text);
			char *item;

			who = report_role(r, r->plan.tasks[i].role);
			item = xasprintf(_("%s (who can answer: %s)"), q,
			    who);
			vg_doc_item(d, item);
			free(item);
			free(who);
			free(q);
		}
		vg_doc_list_end(d);
	}
	if (r->plan.nitems > PLAN_TOP) {
		vg_doc_heading(d, 3, _("Then"));
		headers[0] = _("No.");
		headers[1] = _("Measure");
		headers[2] = _("Who");
		headers[3] = _("Effort");
		headers[4] = _("Cost");
		vg_doc_table_begin(d, 5, headers);
		for (i = PLAN_TOP; i < r->plan.nitems; i++) {
			const struct quest_measure *m = r->plan.items[i].measure;

			snprintf(num, sizeof num, "%d", i + 1);
			title = answers_subst(r->answers, m->title);
			who = plan_who(r->answers, m);
			cells[0] = num;
			cells[1] = title;
			cells[2] = who;
			cells[3] = plan_effort_word(m->effort);
			cells[4] = plan_cost_word(m->cost);
			vg_doc_row(d, cells, VG_DT_NONE);
			free(title);
			free(who);
		}
		vg_doc_table_end(d);
	}
}

static void
report_changes(const struct report *r, struct vg_doc *d)
{
	static const char *headers[4];
	const char *cells[4];
	char b[16], a[16], diff[16], date[64];
	int i;

	if (!r->has_previous)
		return;
	report_date(r->prev_info.started, date, sizeof date);
	vg_doc_heading(d, 2, _("Progress since the last assessment"));
	vg_doc_paraf(d, VG_DS_NORMAL, _("Compared with assessment no. %lld "
	    "of %s."), (long long)r->prev_info.id, date);
	headers[0] = _("Domain");
	headers[1] = _("Before");
	headers[2] = _("Now");
	headers[3] = _("Change");
	vg_doc_table_begin(d, 4, headers);
	for (i = 0; i < r->compare.ndomains; i++) {
		const struct compare_domain *c = &r->compare.domains[i];
		enum vg_doc_tone tone = VG_DT_NONE;

		snprintf(b, sizeof b, "-");
		snprintf(a, sizeof a, "-");
		snprintf(diff, sizeof diff, "-");
		if (c->before >= 0)
			report_num(c->before, b, sizeof b);
		if (c->after >= 0)
			report_num(c->after, a, sizeof a);
		if (c->before >= 0 && c->after >= 0) {
			report_num(c->after - c->before, diff, sizeof diff);
			if (c->after - c->before > 0.05) {
				memmove(diff + 1, diff, strlen(diff) + 1);
				diff[0] = '+';
				tone = VG_DT_GOOD;
			} else if (c->after - c->before < -0.05)
				tone = VG_DT_BAD;
			else
				snprintf(diff, sizeof diff, "=");
		}
		cells[0] = c->domain->name;
		cells[1] = b;
		cells[2] = a;
		cells[3] = diff;
		vg_doc_row(d, cells, tone);
	}
	vg_doc_table_end(d);
	for (int pass = 0; pass < 2; pass++) {
		const struct compare_change *ch = pass ? r->compare.worse :
		    r->compare.better;
		int n = pass ? r->compare.nworse : r->compare.nbetter;

		if (n == 0)
			continue;
		vg_doc_heading(d, 3, pass ? _("Answers that went down") :
		    _("Answers that improved"));
		vg_doc_list_begin(d, VG_DL_BULLET);
		for (i = 0; i < n; i++) {
			const struct quest_question *qq = ch[i].question;
			char *q = answers_subst(r->answers, qq->text);
			char *lb = answers_subst(r->answers,
			    answers_value_label(qq, ch[i].before));
			char *la = answers_subst(r->answers,
			    answers_value_label(qq, ch[i].after));
			char *item = xasprintf(_("%s \u2014 before: %s; now: %s"),
			    q, lb, la);

			vg_doc_item(d, item);
			free(item);
			free(q);
			free(lb);
			free(la);
		}
		vg_doc_list_end(d);
	}
}

static void
report_later(const struct report *r, struct vg_doc *d)
{
	const struct quest *q = r->quest;
	int i, n = 0;

	for (i = 0; i < q->nquestions; i++)
		n += r->answers->later[i] != 0;
	if (n == 0)
		return;
	vg_doc_heading(d, 2, _("Questions marked \"to check later\""));
	vg_doc_list_begin(d, VG_DL_CHECK);
	for (i = 0; i < q->nquestions; i++) {
		char *t, *item;

		if (!r->answers->later[i])
			continue;
		t = answers_subst(r->answers, q->questions[i].text);
		item = r->answers->note[i] ? xasprintf(_("%s (note: %s)"), t,
		    r->answers->note[i]) : xstrdup(t);
		vg_doc_item(d, item);
		free(item);
		free(t);
	}
	vg_doc_list_end(d);
}

static void
report_answers(const struct report *r, struct vg_doc *d)
{
	static const char *headers[4];
	const struct quest *q = r->quest;
	const char *cells[4];
	int i, j, v;

	vg_doc_pagebreak(d);
	vg_doc_heading(d, 2, _("Annex: every answer"));
	if (q->nasks > 0) {
		const char *ch[2];

		vg_doc_heading(d, 3, _("The commune"));
		/* A table, not "question ? : answer" (issue 16). */
		ch[0] = _("Question");
		ch[1] = _("Answer");
		vg_doc_table_begin(d, 2, ch);
		for (i = 0; i < q->nasks; i++) {
			const struct quest_option *o = r->answers->ctx[i] ?
			    quest_option(&q->asks[i], r->answers->ctx[i]) :
			    NULL;
			char *t = answers_subst(r->answers, q->asks[i].text);

			ch[0] = t;
			ch[1] = o ? o->label : _("not answered");
			vg_doc_row(d, ch, VG_DT_NONE);
			free(t);
		}
		vg_doc_table_end(d);
	}
	headers[0] = _("No.");
	headers[1] = _("Question");
	headers[2] = _("Answer");
	headers[3] = _("Note");
	for (i = 0; i < q->ndomains; i++) {
		const struct quest_domain *dom = &q->domains[i];
		int shown = 0;

		for (j = 0; j < dom->nquestions; j++) {
			const struct quest_question *qq = dom->questions[j];
			char *t, *l;

			if (!quest_in_mode(qq, r->info.quick))
				continue;
			if (!shown++) {
				vg_doc_heading(d, 3, dom->name);
				vg_doc_table_begin(d, 4, headers);
			}
			v = answers_get(r->answers, qq);
			t = answers_subst(r->answers, qq->text);
			l = answers_subst(r->answers, answers_value_label(qq,
			    v));
			cells[0] = qq->id;
			cells[1] = t;
			cells[2] = l;
			cells[3] = r->answers->note[qq->index] ?
			    r->answers->note[qq->index] : "";
			vg_doc_row(d, cells, v >= 0 && v < AS_LEVELS ?
			    report_tone(v) : v == AS_DK ? VG_DT_WARN :
			    VG_DT_NONE);
			free(t);
			free(l);
		}
		if (shown)
			vg_doc_table_end(d);
	}
}

/* A profile value as a reader expects it on paper: a phone number that
 * never breaks, a population grouped ("1 240"), a date in words. Owned
 * by the caller. */
static char *
report_profile_text(const struct vg_profile_key *k, const char *value)
{
	int fr = strncmp(vg_lang(), "fr", 2) == 0;
	char *t = NULL, *end;
	long long v;

	switch (k->type) {
	case VG_PT_PHONE:
		t = vg_doc_phone(value);
		break;
	case VG_PT_INT:
		v = strtoll(value, &end, 10);
		if (*value != '\0' && *end == '\0')
			t = vg_doc_count(v, fr);
		break;
	case VG_PT_DATE:
		t = vg_doc_date(value, fr);
		break;
	default:
		break;
	}
	return t != NULL ? t : xstrdup(value);
}

static void
report_contacts(const struct report *r, struct vg_doc *d)
{
	const struct vg_profile_key *keys;
	char *t;
	int i, n;

	keys = vg_profile_keys(&n);
	vg_doc_heading(d, 2, _("Commune profile and contacts"));
	vg_doc_para(d, VG_DS_NOTE, _("During an incident, these are the "
	    "people to call. Fill in what is missing in vigie, on the home "
	    "screen: commune profile."));
	for (i = 0; i < n && i < r->nprofile; i++) {
		t = r->profile[i] != NULL ? report_profile_text(&keys[i],
		    r->profile[i]) : xstrdup(_("to fill in"));
		vg_doc_field(d, _(keys[i].label), t);
		free(t);
	}
}

static void
report_method(const struct report *r, struct vg_doc *d)
{
	vg_doc_heading(d, 2, _("Method"));
	vg_doc_para(d, VG_DS_NORMAL, _("Each answer describes a situation and "
	    "stands for a level from 0 (nothing in place) to 4 (in place and "
	    "checked). A domain's level is the mean of its answers weighted by "
	    "the importance of each question (1 useful, 2 important, 3 basic "
	    "measure), over the questions that concern the commune. \"I don't "
	    "know\" counts as 0 and lowers the certainty; a domain is held "
	    "at most one level above its weakest basic measure (a basic "
	    "measure not known is to check); a domain where more than half of "
	    "the weight does not concern the commune is not evaluated. "
	    "Measures come by priority, then by importance times the gap to "
	    "level 3. This is a snapshot given by the commune, not an audit."));
	vg_doc_paraf(d, VG_DS_NOTE, _("Questionnaire %s, version %s (SHA-256 "
	    "%.16s\u2026); references: ANSSI hygiene guide, CIS Controls v8 "
	    "IG1, NIST CSF 2.0. Made with vigie %s."), r->quest->id,
	    r->quest->version, r->quest->sha256, VG_VERSION);
	vg_doc_heading(d, 3, _("Seen and approved"));
	vg_doc_field(d, _("At"), "");
	vg_doc_field(d, _("On"), "");
	vg_doc_field(d, _("The mayor (name and signature)"), "");
}

/*
 * "Help beyond vigie": the people near the commune who can help it, from
 * rules/contacts/help.xml (each with its source and date); an entry tied
 * to a profile prefix names the commune's own one when it is known.
 */
static void
report_help(const struct report *r, struct vg_doc *d)
{
	char err[VG_ERRLEN], key[64], *path, *schema, *name, *what, *web,
	    *src, *date, *t, *ph, *when, *local;
	const char *pre, *lname, *lphone;
	xmlDocPtr doc;
	xmlNodePtr n;
	int fr = strncmp(vg_lang(), "fr", 2) == 0;

	vg_doc_heading(d, 2, _("Help near you, beyond vigie"));
	path = vg_data_path("contacts/help.xml");
	schema = vg_data_path("contacts/help.rng");
	doc = vg_xml_load(path, schema, err);
	free(path);
	free(schema);
	if (doc == NULL) {
		vg_doc_paraf(d, VG_DS_WARNING, _("The list of people who can "
		    "help could not be read: %s"), err);
		return;
	}
	vg_doc_para(d, VG_DS_NORMAL, _("vigie does not replace a person. "
	    "These people can look at the town hall with you, free of "
	    "charge or through a service the commune already shares."));
	vg_doc_list_begin(d, VG_DL_BULLET);
	VG_XML_FOREACH(n, xmlDocGetRootElement(doc), "place") {
		name = vg_xml_text_lang(n, "name", vg_lang());
		what = vg_xml_text_lang(n, "what", vg_lang());
		web = vg_xml_attr(n, "web");
		src = vg_xml_attr(n, "source");
		date = vg_xml_attr(n, "date");
		pre = NULL;
		t = vg_xml_attr(n, "profile");
		lname = lphone = NULL;
		if (t != NULL) {
			snprintf(key, sizeof key, "%s.name", t);
			lname = report_profile(r, key);
			snprintf(key, sizeof key, "%s.phone", t);
			lphone = report_profile(r, key);
			pre = lname != NULL ? lname : NULL;
		}
		free(t);
		ph = lphone != NULL ? vg_doc_phone(lphone) : NULL;
		when = vg_doc_date(date, fr);
		/* "For you: <name> — <phone>", whichever the profile has. */
		local = pre != NULL || ph != NULL ? xasprintf(" %s %s%s%s",
		    _("For you:"), pre != NULL ? pre : "", pre != NULL &&
		    ph != NULL ? " \u2014 " : "", ph != NULL ? ph : "") :
		    xstrdup("");
		t = xasprintf("%s%s%s%s", what != NULL ? what : "", local,
		    web != NULL ? "\n" : "", web != NULL ? web : "");
		free(local);
		vg_doc_item_strong(d, name != NULL ? name : "", t);
		free(t);
		t = xasprintf(_("Source: %s, noted on %s."), src != NULL ? src :
		    "", when != NULL ? when : (date != NULL ? date : ""));
		vg_doc_list_begin(d, VG_DL_BULLET);
		vg_doc_item(d, t);
		vg_doc_list_end(d);
		free(t);
		free(when);
		free(ph);
		free(name);
		free(what);
		free(web);
		free(src);
		free(date);
	}
	vg_doc_list_end(d);
	xmlFreeDoc(doc);
}

void
report_doc_dossier(const struct report *r, struct vg_doc *d)
{
	report_intro(r, d);
	report_results(r, d);
	report_later(r, d);
	report_answers(r, d);
}

void
report_doc(const struct report *r, struct vg_doc *d)
{
	report_intro(r, d);
	report_results(r, d);
	report_plan(r, d);
	report_changes(r, d);
	report_later(r, d);
	report_contacts(r, d);
	report_help(r, d);
	report_answers(r, d);
	report_method(r, d);
}

/* ---- JSON --------------------------------------------------------- */

static json_t *
report_json_str(const char *s)
{
	return s != NULL && *s != '\0' ? vg_json_str(s) : json_null();
}

static json_t *
report_json_value(int v)
{
	if (v >= 0 && v < AS_LEVELS)
		return json_integer(v);
	if (v == AS_DK || v == AS_NA)
		return json_string(answers_value_id(v));
	return json_null();
}

static json_t *
report_json_num(double v)
{
	return v >= 0 ? json_real((double)(long)(v * 100 + 0.5) / 100) :
	    json_null();
}

json_t *
report_json(const struct report *r)
{
	const struct quest *q = r->quest;
	const struct vg_profile_key *keys;
	json_t *o, *x, *list, *item, *ids;
	int i, j, n;

	o = json_object();
	x = json_object();
	json_object_set_new(x, "id", json_integer(r->info.id));
	json_object_set_new(x, "mode", json_string(r->info.quick ? "quick" :
	    "full"));
	json_object_set_new(x, "source", json_string(r->info.source));
	json_object_set_new(x, "started", json_string(r->info.started));
	json_object_set_new(x, "updated", json_string(r->info.updated));
	json_object_set_new(x, "finished", report_json_str(r->info.finished));
	json_object_set_new(x, "questionnaire", json_pack("{s:s, s:s, s:s}",
	    "id", q->id, "version", q->version, "sha256", q->sha256));
	json_object_set_new(o, "assessment", x);

	x = json_object();
	keys = vg_profile_keys(&n);
	for (i = 0; i < n && i < r->nprofile; i++)
		json_object_set_new(x, keys[i].key,
		    report_json_str(r->profile[i]));
	json_object_set_new(o, "commune", x);

	x = json_object();
	for (i = 0; i < q->nasks; i++)
		json_object_set_new(x, q->asks[i].id,
		    report_json_str(r->answers->ctx[i]));
	json_object_set_new(o, "context", x);

	x = json_object();
	json_object_set_new(x, "overall", report_json_num(r->score.overall));
	json_object_set_new(x, "overall_level", r->score.overall_level >= 0 ?
	    json_integer(r->score.overall_level) : json_null());
	json_object_set_new(x, "questions", json_integer(r->score.questions));
	json_object_set_new(x, "answered", json_integer(r->score.answered));
	json_object_set_new(x, "dont_know", json_integer(r->score.dk));
	json_object_set_new(x, "not_concerned", json_integer(r->score.na));
	json_object_set_new(x, "check_later", json_integer(r->score.later));
	list = json_array();
	for (i = 0; i < r->score.ndomains; i++) {
		const struct score_domain *sd = &r->score.domains[i];
		static const char *const states[] = { "ok", "empty",
		    "not_evaluated" };

		item = json_object();
		json_object_set_new(item, "id", json_string(sd->domain->id));
		json_object_set_new(item, "name",
		    vg_json_str(sd->domain->name));
		json_object_set_new(item, "state",
		    json_string(states[sd->state]));
		json_object_set_new(item, "level", sd->level >= 0 ?
		    json_integer(sd->level) : json_null());
		json_object_set_new(item, "value", report_json_num(sd->value));
		json_object_set_new(item, "raw", report_json_num(sd->raw));
		json_object_set_new(item, "capped", json_boolean(sd->capped));
		json_object_set_new(item, "capped_at", sd->capped ?
		    json_integer(sd->cap_level) : json_null());
		json_object_set_new(item, "capped_unknown",
		    json_boolean(sd->capped && sd->cap_dk));
		json_object_set_new(item, "capped_by", sd->cap_by ?
		    json_string(sd->cap_by->id) : json_null());
		json_object_set_new(item, "certainty",
		    report_json_num(sd->certainty));
		json_object_set_new(item, "to_confirm",
		    json_boolean(sd->to_confirm));
		json_object_set_new(item, "questions",
		    json_integer(sd->questions));
		json_object_set_new(item, "answered",
		    json_integer(sd->answered));
		json_object_set_new(item, "dont_know", json_integer(sd->dk));
		json_object_set_new(item, "not_concerned",
		    json_integer(sd->na));
		json_array_append_new(list, item);
	}
	json_object_set_new(x, "domains", list);
	json_object_set_new(o, "score", x);

	x = json_object();
	list = json_array();
	for (i = 0; i < r->plan.nitems; i++) {
		const struct plan_item *it = &r->plan.items[i];
		const struct quest_measure *m = it->measure;
		char *s;

		item = json_object();
		json_object_set_new(item, "rank", json_integer(i + 1));
		json_object_set_new(item, "id", json_string(m->id));
		s = answers_subst(r->answers, m->title);
		json_object_set_new(item, "title", vg_json_str(s));
		free(s);
		s = answers_subst(r->answers, m->step);
		json_object_set_new(item, "first_step", vg_json_str(s));
		free(s);
		json_object_set_new(item, "priority",
		    json_integer(m->priority));
		ids = json_array();
		for (j = 1; j < AS_ROLE_COUNT; j++)
			if (m->who & (1u << j))
				json_array_append_new(ids,
				    json_string(quest_role_id(j)));
		json_object_set_new(item, "who", ids);
		json_object_set_new(item, "effort", json_integer(m->effort));
		json_object_set_new(item, "cost", json_integer(m->cost));
		json_object_set_new(item, "level", json_integer(it->level));
		json_object_set_new(item, "weight_x_gap",
		    json_integer(it->rank));
		ids = json_array();
		for (j = 0; j < it->nquestions; j++)
			json_array_append_new(ids,
			    json_string(it->questions[j]->id));
		json_object_set_new(item, "questions", ids);
		json_object_set_new(item, "top", json_boolean(i < PLAN_TOP));
		json_array_append_new(list, item);
	}
	json_object_set_new(x, "measures", list);
	list = json_array();
	for (i = 0; i < r->plan.ntasks; i++) {
		char *who = report_role(r, r->plan.tasks[i].role);

		json_array_append_new(list, json_pack("{s:s, s:s, s:o}",
		    "question", r->plan.tasks[i].question->id, "role",
		    quest_role_id(r->plan.tasks[i].role), "ask",
		    vg_json_str(who)));
		free(who);
	}
	json_object_set_new(x, "find_out", list);
	json_object_set_new(o, "plan", x);

	list = json_array();
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];
		int v;

		if (!quest_in_mode(qq, r->info.quick))
			continue;
		v = answers_get(r->answers, qq);
		item = json_object();
		json_object_set_new(item, "id", json_string(qq->id));
		json_object_set_new(item, "domain", json_string(qq->domain->id));
		json_object_set_new(item, "weight", json_integer(qq->weight));
		json_object_set_new(item, "value", report_json_value(v));
		json_object_set_new(item, "auto_not_concerned",
		    json_boolean(answers_auto_na(r->answers, qq)));
		json_object_set_new(item, "note",
		    report_json_str(r->answers->note[i]));
		json_object_set_new(item, "later",
		    json_boolean(r->answers->later[i]));
		json_array_append_new(list, item);
	}
	json_object_set_new(o, "answers", list);

	if (r->has_previous) {
		x = json_object();
		json_object_set_new(x, "id", json_integer(r->prev_info.id));
		json_object_set_new(x, "started",
		    json_string(r->prev_info.started));
		list = json_array();
		for (i = 0; i < r->compare.ndomains; i++)
			json_array_append_new(list, json_pack("{s:s, s:o, s:o}",
			    "id", r->compare.domains[i].domain->id, "before",
			    report_json_num(r->compare.domains[i].before),
			    "after",
			    report_json_num(r->compare.domains[i].after)));
		json_object_set_new(x, "domains", list);
		for (j = 0; j < 2; j++) {
			const struct compare_change *ch = j ? r->compare.worse :
			    r->compare.better;
			int nch = j ? r->compare.nworse : r->compare.nbetter;

			list = json_array();
			for (i = 0; i < nch; i++)
				json_array_append_new(list, json_pack(
				    "{s:s, s:o, s:o}", "question",
				    ch[i].question->id, "before",
				    report_json_value(ch[i].before), "after",
				    report_json_value(ch[i].after)));
			json_object_set_new(x, j ? "regressed" : "improved",
			    list);
		}
		json_object_set_new(o, "previous", x);
	} else
		json_object_set_new(o, "previous", json_null());
	return o;
}

/* ---- Writing ------------------------------------------------------ */

int
report_write(struct vg_store *s, int64_t id, const char *format,
    const char *path, char *err)
{
	struct report r;
	struct vg_doc *d = NULL;
	char *title = NULL, *text = NULL;
	int rc = -1;

	if (report_load(s, id, &r, err) == -1)
		return -1;
	if (strcmp(format, "json") == 0) {
		json_t *o = report_json(&r);

		text = json_dumps(o, JSON_INDENT(2));
		json_decref(o);
		if (text == NULL) {
			vg_seterr(err, _("cannot build the JSON report"));
			goto out;
		}
		if (strcmp(path, "-") == 0) {
			if (vg_write_all(STDOUT_FILENO, text, strlen(text)) ==
			    -1 || vg_write_all(STDOUT_FILENO, "\n", 1) == -1) {
				vg_seterr(err, _("cannot write to standard "
				    "output"));
				goto out;
			}
		} else if (vg_write_file(path, text, strlen(text), err) == -1)
			goto out;
		rc = 0;
		goto out;
	}
	if (!vg_doc_format_known(format)) {
		vg_seterr(err, _("unknown report format '%s' (html, odt, pdf, "
		    "md or json)"), format);
		goto out;
	}
	title = xasprintf(_("Cyber security of %s \u2014 assessment no. %lld"),
	    r.commune_name, (long long)r.info.id);
	d = vg_doc_new(title, vg_lang());
	report_doc(&r, d);
	rc = vg_doc_write(d, format, path, err);
out:
	if (d != NULL)
		vg_doc_free(d);
	free(title);
	free(text);
	report_free(&r);
	return rc;
}
