/*
 * fuzz-questionnaire.c — the questionnaire loader (assess/quest.c) on
 * arbitrary bytes: refused or accepted, never a crash or a leak; what it
 * accepts goes through answers, scoring, the plan, the comparison and
 * the batch template.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/assess.h"
#include "vigie/json.h"
#include "fuzz-data.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char err[VG_ERRLEN], *s;
	struct quest *q;
	struct answers *a, *b;
	struct score sc;
	struct plan p;
	struct compare c;
	int i;

	fuzz_data_init();
	q = quest_load_mem((const char *)data, len, "fuzz.xml", err);
	if (q == NULL)
		return 0;
	a = answers_new(q);
	b = answers_new(q);
	for (i = 0; i < q->nquestions; i++) {
		a->value[i] = (int)(data[i % len] % 8) - 1;
		b->value[i] = (int)(data[(i * 7) % len] % 8) - 1;
		if (a->value[i] == AS_LEVELS)
			a->value[i] = AS_DK;
		if (b->value[i] == AS_LEVELS)
			b->value[i] = AS_NA;
	}
	for (i = 0; i < q->nasks; i++)
		if (q->asks[i].noptions > 0)
			a->ctx[i] = xstrdup(q->asks[i].options[data[i % len] %
			    q->asks[i].noptions].value);
	for (i = 0; i < q->nquestions; i++) {
		free(answers_subst(a, q->questions[i].text));
		free(answers_subst(a, q->questions[i].why));
	}
	score_compute(a, data[0] & 1, &sc);
	score_free(&sc);
	plan_build(a, data[0] & 1, &p);
	for (i = 0; i < p.nitems; i++) {
		s = plan_who(a, p.items[i].measure);
		free(s);
	}
	plan_free(&p);
	compare_build(b, 0, a, data[0] & 1, &c);
	compare_free(&c);
	json_decref(batch_template(q, data[0] & 1, "fuzz"));
	answers_free(b);
	answers_free(a);
	quest_free(q);
	return 0;
}
