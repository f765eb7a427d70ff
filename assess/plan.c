/*
 * plan.c — the action plan: every answer below the target level leads to
 * its measure; measures come by priority, then by weight x gap (gap =
 * target level 3 minus the level given). Every "don't know" becomes a
 * "find out" task for whoever can answer.
 */
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"

static const char *const role_names[AS_ROLE_COUNT] = {
	N_("the town hall secretariat"),
	N_("the town hall secretariat"),
	N_("the mayor or an elected official"),
	NULL,	/* the provider: from the questionnaire's {provider} term */
	N_("the intercommunality or the management centre"),
	N_("the data protection officer (DPO)"),
	N_("the insurer"),
	N_("the software vendor"),
};

static const char *const role_short[AS_ROLE_COUNT] = {
	N_("secretariat"),
	N_("secretariat"),
	N_("elected officials"),
	N_("IT provider"),
	N_("intercommunality"),
	N_("DPO"),
	N_("insurer"),
	N_("software vendor"),
};

char *
plan_role_name(const struct answers *a, enum as_role r)
{
	if (r < 0 || r >= AS_ROLE_COUNT)
		r = AS_ROLE_SECRETARY;
	if (role_names[r] == NULL) {
		char *s = answers_subst(a, "{provider}");

		if (strcmp(s, "{provider}") != 0)
			return s;
		free(s);
		return xstrdup(_("your IT provider"));
	}
	return xstrdup(_(role_names[r]));
}

char *
plan_who(const struct answers *a, const struct quest_measure *m)
{
	char *out = xstrdup(""), *t;
	int r;

	(void)a;
	for (r = 1; r < AS_ROLE_COUNT; r++) {
		if (!(m->who & (1u << r)))
			continue;
		t = xasprintf("%s%s%s", out, *out ? ", " : "",
		    _(role_short[r]));
		free(out);
		out = t;
	}
	if (*out == '\0') {
		free(out);
		out = xstrdup(_(role_short[AS_ROLE_SECRETARY]));
	}
	return out;
}

const char *
plan_effort_word(int effort)
{
	switch (effort) {
	case 0:
		return _("about an hour");
	case 1:
		return _("a few days");
	default:
		return _("a project (weeks)");
	}
}

const char *
plan_cost_word(int cost)
{
	switch (cost) {
	case 0:
		return _("free");
	case 1:
		return _("€ (small budget)");
	default:
		return _("€€ (budget to plan)");
	}
}

static int
plan_cmp_item(const void *x, const void *y)
{
	const struct plan_item *a = x, *b = y;

	if (a->measure->priority != b->measure->priority)
		return a->measure->priority - b->measure->priority;
	if (a->rank != b->rank)
		return b->rank - a->rank;
	return a->questions[0]->index - b->questions[0]->index;
}

static int
plan_cmp_task(const void *x, const void *y)
{
	const struct plan_task *a = x, *b = y;

	if (a->role != b->role)
		return (int)a->role - (int)b->role;
	return a->question->index - b->question->index;
}

void
plan_build(const struct answers *a, int quick, struct plan *p)
{
	const struct quest *q = a->quest;
	struct plan_item *it;
	int i, j, v, rank;

	memset(p, 0, sizeof *p);
	p->items = xcalloc((size_t)q->nquestions + 1, sizeof *p->items);
	p->tasks = xcalloc((size_t)q->nquestions + 1, sizeof *p->tasks);
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];

		if (!quest_in_mode(qq, quick))
			continue;
		v = answers_get(a, qq);
		if (v == AS_DK) {
			p->tasks[p->ntasks].question = qq;
			p->tasks[p->ntasks].role = qq->ask != AS_ROLE_NONE ?
			    qq->ask : AS_ROLE_SECRETARY;
			p->ntasks++;
			continue;
		}
		if (v < 0 || v >= AS_TARGET)
			continue;
		rank = qq->weight * (AS_TARGET - v);
		for (it = NULL, j = 0; j < p->nitems; j++)
			if (p->items[j].measure == qq->measure)
				it = &p->items[j];
		if (it == NULL) {
			it = &p->items[p->nitems++];
			it->measure = qq->measure;
			it->questions = xcalloc((size_t)q->nquestions,
			    sizeof *it->questions);
			it->level = v;
		}
		it->questions[it->nquestions++] = qq;
		if (v < it->level)
			it->level = v;
		if (rank > it->rank)
			it->rank = rank;
	}
	qsort(p->items, (size_t)p->nitems, sizeof *p->items, plan_cmp_item);
	qsort(p->tasks, (size_t)p->ntasks, sizeof *p->tasks, plan_cmp_task);
}

void
plan_free(struct plan *p)
{
	int i;

	for (i = 0; i < p->nitems; i++)
		free(p->items[i].questions);
	free(p->items);
	free(p->tasks);
	memset(p, 0, sizeof *p);
}
