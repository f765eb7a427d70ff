/*
 * compare.c — what changed between two assessments of the same commune:
 * each domain's value before and after, and the answers that went up or
 * down ("don't know" counts as level 0, as in the score; "not concerned"
 * and unanswered questions are not compared).
 */
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"

/* The level an answer stands for, or -1 when it is not comparable. */
static int
compare_level(int v)
{
	if (v == AS_DK)
		return 0;
	if (v >= 0 && v < AS_LEVELS)
		return v;
	return -1;
}

void
compare_build(const struct answers *before, int before_quick,
    const struct answers *after, int after_quick, struct compare *c)
{
	const struct quest *q = after->quest;
	struct score sb, sa;
	int i, b, a;

	memset(c, 0, sizeof *c);
	score_compute(before, before_quick, &sb);
	score_compute(after, after_quick, &sa);
	c->ndomains = q->ndomains;
	c->domains = xcalloc((size_t)q->ndomains + 1, sizeof *c->domains);
	for (i = 0; i < q->ndomains; i++) {
		c->domains[i].domain = &q->domains[i];
		c->domains[i].before = sb.domains[i].state == SCORE_OK ?
		    sb.domains[i].value : -1;
		c->domains[i].after = sa.domains[i].state == SCORE_OK ?
		    sa.domains[i].value : -1;
	}
	score_free(&sb);
	score_free(&sa);

	c->better = xcalloc((size_t)q->nquestions + 1, sizeof *c->better);
	c->worse = xcalloc((size_t)q->nquestions + 1, sizeof *c->worse);
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];
		int vb, va;

		if (!quest_in_mode(qq, before_quick) ||
		    !quest_in_mode(qq, after_quick))
			continue;
		vb = answers_get(before, qq);
		va = answers_get(after, qq);
		b = compare_level(vb);
		a = compare_level(va);
		if (b < 0 || a < 0 || a == b)
			continue;
		if (a > b)
			c->better[c->nbetter++] = (struct compare_change){
			    qq, vb, va };
		else
			c->worse[c->nworse++] = (struct compare_change){
			    qq, vb, va };
	}
}

void
compare_free(struct compare *c)
{
	free(c->domains);
	free(c->better);
	free(c->worse);
	memset(c, 0, sizeof *c);
}
