/*
 * test-score.c — the scoring rules of docs/scoring.md on edge cases:
 * all "not concerned", all "don't know", a capped domain, a single
 * question, half the weight not concerned, the overall index, the quick
 * mode, and the worked examples of the documentation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"

#define CH "<choice level=\"0\"><label xml:lang=\"fr\">0</label></choice>" \
	"<choice level=\"1\"><label xml:lang=\"fr\">1</label></choice>"    \
	"<choice level=\"2\"><label xml:lang=\"fr\">2</label></choice>"    \
	"<choice level=\"3\"><label xml:lang=\"fr\">3</label></choice>"    \
	"<choice level=\"4\"><label xml:lang=\"fr\">4</label></choice>"
#define Q(id, w, extra) "<question id=\"" id "\" weight=\"" w "\" " \
	"measure=\"M-" id "\" na=\"yes\" " extra "><text xml:lang=\"fr\">" \
	id "</text><why xml:lang=\"fr\">w</why>" CH "</question>"
#define M(id, p) "<measure id=\"M-" id "\" priority=\"" p "\" who=\"" \
	"secretary\" effort=\"hour\" cost=\"0\"><title xml:lang=\"fr\">" \
	"M " id "</title><why xml:lang=\"fr\">w</why><step xml:lang=\"fr\">" \
	"s</step></measure>"

/*
 * Domain A: A1 (socle, weight 3, quick), A2 (2), A3 (1).
 * Domain B: one question B1 (2).  Domain C: C1 (1), C2 (1, quick).
 */
static const char xml[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<questionnaire id=\"t\" version=\"1\"><title xml:lang=\"fr\">T</title>"
"<domain id=\"A\"><name xml:lang=\"fr\">A</name>"
Q("A1", "3", "quick=\"yes\"") Q("A2", "2", "") Q("A3", "1", "")
"</domain><domain id=\"B\"><name xml:lang=\"fr\">B</name>"
Q("B1", "2", "")
"</domain><domain id=\"C\"><name xml:lang=\"fr\">C</name>"
Q("C1", "1", "") Q("C2", "1", "quick=\"yes\"")
"</domain><measures>"
M("A1", "1") M("A2", "2") M("A3", "1") M("B1", "3") M("C1", "2")
M("C2", "2")
"</measures></questionnaire>\n";

static struct quest *q;

static int
setup(void **state)
{
	(void)state;
	char cwd[4096], err[VG_ERRLEN], *data;

	assert_non_null(getcwd(cwd, sizeof cwd));
	data = xasprintf("%s/rules", cwd);
	setenv("VIGIE_DATA", data, 1);
	free(data);
	assert_int_equal(vg_i18n_init("en", err), 0);
	if ((q = quest_load_mem(xml, sizeof xml - 1, "t.xml", err)) == NULL)
		fail_msg("%s", err);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	quest_free(q);
	return 0;
}

/* Answers from "A1=3 A2=dk B1=na ..." */
static struct answers *
answers(const char *spec)
{
	struct answers *a = answers_new(q);
	char id[16], val[8];
	const char *p = spec;
	int n, v;

	while (sscanf(p, " %15[^=]=%7s%n", id, val, &n) == 2) {
		assert_non_null(quest_question(q, id));
		assert_int_equal(answers_parse_value(val, &v), 0);
		a->value[quest_question(q, id)->index] = v;
		p += n;
	}
	return a;
}

#define EPS 1e-9

static void
test_all_not_concerned(void **state)
{
	(void)state;
	struct answers *a = answers("A1=na A2=na A3=na B1=na C1=na C2=na");
	struct score s;
	int i;

	score_compute(a, 0, &s);
	for (i = 0; i < 3; i++) {
		assert_int_equal(s.domains[i].state, SCORE_NOT_EVALUATED);
		assert_int_equal(s.domains[i].level, -1);
		assert_true(s.domains[i].value < 0);
		assert_false(s.domains[i].capped);
	}
	assert_int_equal(s.evaluated, 0);
	assert_int_equal(s.overall_level, -1);
	assert_int_equal(s.answered, 6);
	assert_int_equal(s.na, 6);
	score_free(&s);
	answers_free(a);
}

static void
test_all_dont_know(void **state)
{
	(void)state;
	struct answers *a = answers("A1=dk A2=dk A3=dk B1=dk C1=dk C2=dk");
	struct score s;
	struct plan p;
	int i;

	score_compute(a, 0, &s);
	for (i = 0; i < 3; i++) {
		assert_int_equal(s.domains[i].state, SCORE_OK);
		assert_int_equal(s.domains[i].level, 0);	/* dk = 0 */
		assert_true(s.domains[i].certainty < EPS);
		assert_true(s.domains[i].to_confirm);
	}
	assert_int_equal(s.dk, 6);
	assert_int_equal(s.overall_level, 0);
	score_free(&s);
	/* every "don't know" is a task, none is hidden; no measure */
	plan_build(a, 0, &p);
	assert_int_equal(p.ntasks, 6);
	assert_int_equal(p.nitems, 0);
	assert_int_equal(p.tasks[0].role, AS_ROLE_SECRETARY);
	plan_free(&p);
	answers_free(a);
}

static void
test_capped(void **state)
{
	(void)state;
	/* A: (3x0 + 2x4 + 1x4) / 6 = 2.0 -> capped at 1 by A1 (socle) */
	struct answers *a = answers("A1=0 A2=4 A3=4");
	struct score s;

	score_compute(a, 0, &s);
	assert_int_equal(s.domains[0].state, SCORE_OK);
	assert_true(s.domains[0].raw > 2.0 - EPS && s.domains[0].raw <
	    2.0 + EPS);
	assert_true(s.domains[0].capped);
	assert_ptr_equal(s.domains[0].cap_by, quest_question(q, "A1"));
	assert_int_equal(s.domains[0].level, 1);
	assert_true(s.domains[0].value <= 1.0 + EPS);
	score_free(&s);
	answers_free(a);

	/* "don't know" on the socle caps too: not knowing is not having */
	a = answers("A1=dk A2=4 A3=4");
	score_compute(a, 0, &s);
	assert_true(s.domains[0].capped);
	assert_true(s.domains[0].cap_dk);	/* "to check", not "missing" */
	assert_int_equal(s.domains[0].level, 1);
	score_free(&s);
	answers_free(a);

	/* the socle at 1 (issue 16): held at 2, its level + 1; the raw
	 * (3 + 8 + 4) / 6 = 2.5 stays visible */
	a = answers("A1=1 A2=4 A3=4");
	score_compute(a, 0, &s);
	assert_true(s.domains[0].capped);
	assert_int_equal(s.domains[0].cap_level, 2);
	assert_false(s.domains[0].cap_dk);
	assert_int_equal(s.domains[0].level, 2);
	assert_true(s.domains[0].value > 2.0 - EPS &&
	    s.domains[0].value < 2.0 + EPS);
	assert_true(s.domains[0].raw > 2.5 - EPS &&
	    s.domains[0].raw < 2.5 + EPS);
	score_free(&s);
	answers_free(a);

	/* the socle at 2, the rest at 4: (6 + 8 + 4) / 6 = 3.0 -> held at 3,
	 * which changes nothing: not reported */
	a = answers("A1=2 A2=4 A3=4");
	score_compute(a, 0, &s);
	assert_false(s.domains[0].capped);
	assert_int_equal(s.domains[0].level, 3);
	score_free(&s);
	answers_free(a);

	/* already low: the cap changes nothing and is not reported */
	a = answers("A1=0 A2=1 A3=0");
	score_compute(a, 0, &s);
	assert_false(s.domains[0].capped);
	assert_int_equal(s.domains[0].level, 0);
	score_free(&s);
	answers_free(a);
}

static void
test_single_question(void **state)
{
	(void)state;
	struct answers *a = answers("B1=3");
	struct score s;

	score_compute(a, 0, &s);
	assert_int_equal(s.domains[1].state, SCORE_OK);
	assert_int_equal(s.domains[1].level, 3);
	assert_true(s.domains[1].certainty > 1 - EPS);
	assert_false(s.domains[1].to_confirm);
	/* the others are not answered yet and do not count */
	assert_int_equal(s.domains[0].state, SCORE_EMPTY);
	assert_int_equal(s.domains[2].state, SCORE_EMPTY);
	assert_int_equal(s.evaluated, 1);
	assert_true(s.overall > 3 - EPS && s.overall < 3 + EPS);
	assert_int_equal(s.answered, 1);
	assert_int_equal(s.questions, 6);
	score_free(&s);
	answers_free(a);
}

static void
test_half_not_concerned(void **state)
{
	(void)state;
	struct answers *a;
	struct score s;

	/* A: 3 of 6 not concerned is not more than half: evaluated */
	a = answers("A1=na A2=2 A3=2");
	score_compute(a, 0, &s);
	assert_int_equal(s.domains[0].state, SCORE_OK);
	assert_int_equal(s.domains[0].level, 2);
	score_free(&s);
	answers_free(a);
	/* A: 4 of 6 not concerned: not evaluated, whatever the rest */
	a = answers("A1=na A3=na A2=4");
	score_compute(a, 0, &s);
	assert_int_equal(s.domains[0].state, SCORE_NOT_EVALUATED);
	score_free(&s);
	answers_free(a);
}

static void
test_certainty_and_overall(void **state)
{
	(void)state;
	/* A: A1=4, A2=dk, A3=4: (12 + 0 + 4) / 6 = 2.67 -> 2; certainty
	 * 4/6 = 67 % -> to confirm. C: (1 + 3) / 2 = 2. */
	struct answers *a = answers("A1=4 A2=dk A3=4 C1=1 C2=3");
	struct score s;

	score_compute(a, 0, &s);
	assert_int_equal(s.domains[0].level, 2);
	assert_true(s.domains[0].certainty > 4.0 / 6 - EPS &&
	    s.domains[0].certainty < 4.0 / 6 + EPS);
	assert_true(s.domains[0].to_confirm);
	assert_int_equal(s.domains[2].level, 2);
	assert_false(s.domains[2].to_confirm);
	/* overall: mean of evaluated domains, B left out */
	assert_true(s.overall > (16.0 / 6 + 2) / 2 - EPS &&
	    s.overall < (16.0 / 6 + 2) / 2 + EPS);
	assert_int_equal(s.overall_level, 2);
	score_free(&s);
	answers_free(a);
}

static void
test_quick_mode(void **state)
{
	(void)state;
	/* quick mode counts A1 and C2 only */
	struct answers *a = answers("A1=3 A2=0 C1=0 C2=4");
	struct score s;

	score_compute(a, 1, &s);
	assert_int_equal(s.questions, 2);
	assert_int_equal(s.domains[0].level, 3);
	assert_int_equal(s.domains[1].state, SCORE_EMPTY);
	assert_int_equal(s.domains[2].level, 4);
	score_free(&s);
	assert_int_equal(answers_first_open(a, 1), -1);
	assert_int_equal(answers_first_open(a, 0),
	    quest_question(q, "A3")->index);
	answers_free(a);
}

static void
test_plan_order(void **state)
{
	(void)state;
	/* priorities: A1 1, A3 1, A2 2, C1 2, C2 2, B1 3 */
	struct answers *a = answers("A1=2 A2=0 A3=0 B1=0 C1=1 C2=3");
	struct plan p;

	plan_build(a, 0, &p);
	assert_int_equal(p.nitems, 5);		/* C2 is at the target */
	/* priority 1: A1 (3 x 1 = 3) before A3 (1 x 3 = 3): same rank,
	 * file order */
	assert_string_equal(p.items[0].measure->id, "M-A1");
	assert_string_equal(p.items[1].measure->id, "M-A3");
	/* priority 2: A2 (2 x 3 = 6) before C1 (1 x 2 = 2) */
	assert_string_equal(p.items[2].measure->id, "M-A2");
	assert_int_equal(p.items[2].rank, 6);
	assert_string_equal(p.items[3].measure->id, "M-C1");
	assert_string_equal(p.items[4].measure->id, "M-B1");
	plan_free(&p);
	answers_free(a);
}

static void
test_compare(void **state)
{
	(void)state;
	struct answers *b = answers("A1=0 A2=2 B1=dk C1=4 C2=2");
	struct answers *a = answers("A1=3 A2=2 B1=2 C1=1 C2=na");
	struct compare c;

	compare_build(b, 0, a, 0, &c);
	assert_int_equal(c.nbetter, 2);		/* A1 0->3, B1 dk->2 */
	assert_string_equal(c.better[0].question->id, "A1");
	assert_int_equal(c.better[1].before, AS_DK);
	assert_int_equal(c.nworse, 1);		/* C1 4->1; C2 -> na skipped */
	assert_string_equal(c.worse[0].question->id, "C1");
	assert_true(c.domains[0].after > c.domains[0].before);
	compare_free(&c);
	answers_free(a);
	answers_free(b);
}


/* ---- The worked examples of docs/scoring.md, on the shipped file ---- */

static void
set(struct answers *a, const char *id, const char *v)
{
	struct quest_question *qq = quest_question(a->quest, id);
	int value;

	assert_non_null(qq);
	assert_int_equal(answers_parse_value(v, &value), 0);
	assert_true(quest_choice(qq, value) != NULL || value == AS_DK ||
	    value == AS_NA);
	a->value[qq->index] = value;
}

static void
setctx(struct answers *a, const char *ask, const char *v)
{
	struct quest_ask *k = quest_ask(a->quest, ask);

	assert_non_null(k);
	assert_non_null(quest_option(k, v));
	a->ctx[k->index] = xstrdup(v);
}

static const struct score_domain *
domain(const struct score *s, const char *id)
{
	int i;

	for (i = 0; i < s->ndomains; i++)
		if (strcmp(s->domains[i].domain->id, id) == 0)
			return &s->domains[i];
	fail_msg("no domain %s", id);
	return NULL;
}

static void
test_documented_examples(void **state)
{
	(void)state;
	char err[VG_ERRLEN];
	struct quest *sq;
	struct answers *a;
	struct score s;
	struct plan p;
	const struct score_domain *d;
	int i, gov2 = 0, gov5 = 0;

	if ((sq = quest_load(NULL, err)) == NULL)
		fail_msg("%s", err);
	a = answers_new(sq);
	/* Backups: 37 / 13 = 2.85, held at 1 by BAK-2. */
	set(a, "BAK-1", "4");
	set(a, "BAK-2", "0");
	set(a, "BAK-3", "3");
	set(a, "BAK-4", "4");
	set(a, "BAK-5", "4");
	set(a, "BAK-6", "3");
	/* Organisation: 10 / 8 = 1.25, certainty 5 / 8. */
	setctx(a, "C-INSUR", "no");
	set(a, "GOV-1", "3");
	set(a, "GOV-8", "dk");
	set(a, "GOV-3", "1");
	set(a, "GOV-4", "2");
	set(a, "GOV-5", "dk");
	/* Network: 25 / 9 = 2.78, NET-3, NET-10 and NET-11 not concerned. */
	setctx(a, "C-WIFI", "no");
	setctx(a, "C-REMOTE", "no");
	set(a, "NET-8", "3");
	set(a, "NET-2", "3");
	set(a, "NET-5", "3");
	set(a, "NET-6", "0");
	set(a, "NET-7", "4");
	score_compute(a, 0, &s);

	d = domain(&s, "BAK");
	assert_int_equal(d->w_scored, 13);
	assert_true(d->raw > 37.0 / 13 - EPS && d->raw < 37.0 / 13 + EPS);
	assert_true(d->capped);
	assert_string_equal(d->cap_by->id, "BAK-2");
	assert_int_equal(d->level, 1);
	assert_false(d->to_confirm);

	d = domain(&s, "GOV");
	/* issue 16: no insurance is a finding, not "not concerned" */
	assert_int_equal(answers_get(a, quest_question(sq, "GOV-6")),
	    AS_UNSET);
	assert_int_equal(d->w_scored, 8);
	assert_true(d->value > 1.25 - EPS && d->value < 1.25 + EPS);
	assert_int_equal(d->level, 1);
	assert_true(d->certainty > 5.0 / 8 - EPS &&
	    d->certainty < 5.0 / 8 + EPS);
	assert_true(d->to_confirm);
	assert_false(d->capped);

	d = domain(&s, "NET");
	assert_int_equal(d->w_na, 6);
	assert_int_equal(d->w_total, 17);
	assert_int_equal(d->state, SCORE_OK);
	assert_true(d->value > 25.0 / 9 - EPS && d->value < 25.0 / 9 + EPS);
	assert_int_equal(d->level, 2);
	assert_false(d->capped);
	score_free(&s);

	/* The plan, on other answers: BAK-2 at 0, ACC-4 at 1, GOV-1 at 0,
	 * INV-3 at 1. */
	plan_build(a, 0, &p);
	for (i = 0; i < p.ntasks; i++) {
		if (strcmp(p.tasks[i].question->id, "GOV-8") == 0) {
			gov2 = 1;
			assert_int_equal(p.tasks[i].role, AS_ROLE_ELECTED);
		}
		if (strcmp(p.tasks[i].question->id, "GOV-5") == 0) {
			gov5 = 1;
			assert_int_equal(p.tasks[i].role, AS_ROLE_SECRETARY);
		}
	}
	assert_true(gov2 && gov5);
	plan_free(&p);
	answers_free(a);
	a = answers_new(sq);
	set(a, "BAK-2", "0");
	set(a, "ACC-4", "1");
	set(a, "GOV-1", "0");
	set(a, "INV-3", "1");
	plan_build(a, 0, &p);
	assert_int_equal(p.nitems, 4);
	assert_string_equal(p.items[0].measure->id, "M-BAK-2");
	assert_int_equal(p.items[0].rank, 9);
	assert_string_equal(p.items[1].measure->id, "M-ACC-4");
	assert_int_equal(p.items[1].rank, 6);
	for (i = 0; i < p.nitems; i++)
		if (strcmp(p.items[i].measure->id, "M-GOV-1") == 0)
			break;
	assert_true(i < p.nitems);
	assert_int_equal(p.items[i].rank, 6);
	assert_string_equal(p.items[i + 1].measure->id, "M-INV-3");
	assert_int_equal(p.items[i + 1].rank, 4);
	plan_free(&p);
	answers_free(a);
	quest_free(sq);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_not_concerned),
		cmocka_unit_test(test_all_dont_know),
		cmocka_unit_test(test_capped),
		cmocka_unit_test(test_single_question),
		cmocka_unit_test(test_half_not_concerned),
		cmocka_unit_test(test_certainty_and_overall),
		cmocka_unit_test(test_quick_mode),
		cmocka_unit_test(test_plan_order),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_documented_examples),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
