/*
 * score.c — the scoring rules of docs/scoring.md, as plain functions:
 * per domain a weighted mean of levels over the questions that apply,
 * held at most one level above its weakest basic measure, "not
 * evaluated" when more than half of the weight is "not concerned", and a
 * certainty share that never hides the "don't know" answers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"

#define SCORE_ABOVE		1	/* a domain: at most its weakest basic
					   measure's level + this */
#define SCORE_CONFIRM		0.7	/* certainty below this: to confirm */

static const char *const level_words[AS_LEVELS] = {
	N_("To start"),
	N_("First steps"),
	N_("Under way"),
	N_("Well on the way"),
	N_("Under control"),
};

const char *
score_level_word(int level)
{
	if (level < 0 || level >= AS_LEVELS)
		return _("Not evaluated");
	return _(level_words[level]);
}

const char *
score_domain_word(const struct score_domain *d)
{
	switch (d->state) {
	case SCORE_EMPTY:
		return _("Not answered yet");
	case SCORE_NOT_EVALUATED:
		return _("Not evaluated (mostly not concerned)");
	default:
		return score_level_word(d->level);
	}
}

const char *
score_cap_reason(const struct score_domain *d)
{
	if (d->cap_dk)
		return _("a basic measure is to check (answered \"I don't "
		    "know\")");
	if (d->cap_level <= SCORE_ABOVE)
		return _("a basic measure is missing");
	return _("a basic measure is only partly in place");
}

/* The level shown for a value: whole levels only, never rounded up. */
static int
score_level(double v)
{
	int l = (int)floor(v + 1e-9);

	return l < 0 ? 0 : l > 4 ? 4 : l;
}

static void
score_domain(const struct answers *a, int quick, const struct quest_domain *dom,
    struct score_domain *sd)
{
	int i, v, w, sum = 0, low = AS_LEVELS, low_dk = 0;
	const struct quest_question *low_q = NULL;

	memset(sd, 0, sizeof *sd);
	sd->domain = dom;
	sd->value = sd->raw = sd->certainty = -1;
	sd->level = -1;
	for (i = 0; i < dom->nquestions; i++) {
		const struct quest_question *qq = dom->questions[i];

		if (!quest_in_mode(qq, quick))
			continue;
		sd->questions++;
		w = qq->weight;
		sd->w_total += w;
		v = answers_get(a, qq);
		if (v == AS_UNSET)
			continue;
		sd->answered++;
		if (v == AS_NA) {
			sd->na++;
			sd->w_na += w;
			continue;
		}
		sd->w_scored += w;
		if (v == AS_DK) {
			sd->dk++;
			/* counts as nothing in place; "to check" when basic */
			if (qq->basic && 0 < low) {
				low = 0;
				low_q = qq;
				low_dk = 1;
			}
			v = 0;
		} else
			sd->w_known += w;
		sum += w * v;
		if (qq->basic && v < low) {
			low = v;
			low_q = qq;
			low_dk = 0;
		}
	}
	if (sd->w_scored > 0)
		sd->certainty = (double)sd->w_known / sd->w_scored;
	if (sd->w_total > 0 && 2 * sd->w_na > sd->w_total) {
		sd->state = SCORE_NOT_EVALUATED;
		return;
	}
	if (sd->w_scored == 0) {
		sd->state = SCORE_EMPTY;
		return;
	}
	sd->state = SCORE_OK;
	/* 4 x sum(weight x level) / sum(weight x 4) */
	sd->raw = (double)sum / sd->w_scored;
	sd->value = sd->raw;
	/* The cap: weakest basic measure + 1; reported only when it bites. */
	if (low_q != NULL && low + SCORE_ABOVE < AS_LEVELS - 1 &&
	    sd->raw > low + SCORE_ABOVE + 1e-9) {
		sd->capped = 1;
		sd->cap_by = low_q;
		sd->cap_dk = low_dk;
		sd->cap_level = low + SCORE_ABOVE;
		sd->value = sd->cap_level;
	}
	sd->level = score_level(sd->value);
	sd->to_confirm = sd->certainty < SCORE_CONFIRM;
}

void
score_compute(const struct answers *a, int quick, struct score *s)
{
	const struct quest *q = a->quest;
	double sum = 0;
	int i, v;

	memset(s, 0, sizeof *s);
	s->ndomains = q->ndomains;
	s->domains = xcalloc((size_t)q->ndomains + 1, sizeof *s->domains);
	for (i = 0; i < q->ndomains; i++) {
		score_domain(a, quick, &q->domains[i], &s->domains[i]);
		if (s->domains[i].state == SCORE_OK) {
			sum += s->domains[i].value;
			s->evaluated++;
		}
	}
	s->overall = s->evaluated ? sum / s->evaluated : -1;
	s->overall_level = s->evaluated ? score_level(s->overall) : -1;
	for (i = 0; i < q->nquestions; i++) {
		if (!quest_in_mode(&q->questions[i], quick))
			continue;
		s->questions++;
		v = answers_get(a, &q->questions[i]);
		s->answered += v != AS_UNSET;
		s->dk += v == AS_DK;
		s->na += v == AS_NA;
		s->later += a->later[i] != 0;
	}
}

void
score_free(struct score *s)
{
	free(s->domains);
	s->domains = NULL;
	s->ndomains = 0;
}
