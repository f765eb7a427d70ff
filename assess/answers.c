/*
 * answers.c — one set of answers to a questionnaire, in memory: the
 * level (or "don't know", "not concerned") of each question, its note
 * and "check later" flag, and the context answers that switch questions
 * to "not concerned" and choose the wording of {terms}.
 */
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"

struct answers *
answers_new(const struct quest *q)
{
	struct answers *a;
	int i;

	a = xcalloc(1, sizeof *a);
	a->quest = q;
	a->value = xcalloc((size_t)q->nquestions + 1, sizeof *a->value);
	a->note = xcalloc((size_t)q->nquestions + 1, sizeof *a->note);
	a->later = xcalloc((size_t)q->nquestions + 1, sizeof *a->later);
	a->ctx = xcalloc((size_t)q->nasks + 1, sizeof *a->ctx);
	for (i = 0; i < q->nquestions; i++)
		a->value[i] = AS_UNSET;
	return a;
}

void
answers_free(struct answers *a)
{
	int i;

	if (a == NULL)
		return;
	for (i = 0; i < a->quest->nquestions; i++)
		free(a->note[i]);
	for (i = 0; i < a->quest->nasks; i++)
		free(a->ctx[i]);
	free(a->value);
	free(a->note);
	free(a->later);
	free(a->ctx);
	free(a);
}

int
answers_auto_na(const struct answers *a, const struct quest_question *qq)
{
	const struct quest_ask *ask;
	int i;

	for (i = 0; i < qq->nna_if; i++) {
		ask = quest_ask(a->quest, qq->na_if[i].ask);
		if (ask != NULL && a->ctx[ask->index] != NULL &&
		    strcmp(a->ctx[ask->index], qq->na_if[i].value) == 0)
			return 1;
	}
	return 0;
}

int
answers_get(const struct answers *a, const struct quest_question *qq)
{
	if (answers_auto_na(a, qq))
		return AS_NA;
	return a->value[qq->index];
}

/* The text of term NAME: the one set by a context answer, else the
 * default. NULL if there is no such term. */
static const char *
answers_term(const struct answers *a, const char *name, size_t len)
{
	const struct quest *q = a->quest;
	const struct quest_option *o;
	int i, j;

	for (i = 0; i < q->nasks; i++) {
		if (a->ctx[i] == NULL ||
		    (o = quest_option(&q->asks[i], a->ctx[i])) == NULL)
			continue;
		for (j = 0; j < o->nterms; j++)
			if (strlen(o->terms[j].name) == len &&
			    strncmp(o->terms[j].name, name, len) == 0)
				return o->terms[j].text;
	}
	for (i = 0; i < q->nterms; i++)
		if (strlen(q->terms[i].name) == len &&
		    strncmp(q->terms[i].name, name, len) == 0)
			return q->terms[i].text;
	return NULL;
}

char *
answers_subst(const struct answers *a, const char *text)
{
	const char *p, *e, *t;
	char *out, name[64];
	size_t cap, len = 0, n;
	int upper;

	if (text == NULL)
		return NULL;
	cap = strlen(text) + 1;
	out = xmalloc(cap);
	for (p = text; *p != '\0'; p = e) {
		t = NULL;
		e = p + 1;
		if (*p == '{') {
			while (*e != '\0' && *e != '}' && *e != '{' &&
			    e - p < (long)sizeof name)
				e++;
			if (*e == '}' && e > p + 1) {
				n = (size_t)(e - p - 1);
				memcpy(name, p + 1, n);
				upper = name[0] >= 'A' && name[0] <= 'Z';
				if (upper)
					name[0] = (char)(name[0] - 'A' + 'a');
				if ((t = answers_term(a, name, n)) != NULL) {
					n = strlen(t);
					if (len + n + 1 > cap)
						out = xreallocarray(out,
						    cap = (len + n) * 2 + 1,
						    1);
					memcpy(out + len, t, n);
					if (upper && out[len] >= 'a' &&
					    out[len] <= 'z')
						out[len] = (char)(out[len] -
						    'a' + 'A');
					len += n;
					e++;
					continue;
				}
			}
			e = p + 1;
		}
		if (len + 2 > cap)
			out = xreallocarray(out, cap = cap * 2 + 2, 1);
		out[len++] = *p;
	}
	out[len] = '\0';
	return out;
}

int
answers_check(const struct quest_question *qq, int v, int na_ok, char *err)
{
	if (v == AS_UNSET || v == AS_DK)
		return 0;
	if (v == AS_NA) {
		if (na_ok || qq->na)
			return 0;
		vg_seterr(err, _("question %s: \"na\" (not concerned) is not "
		    "offered for this question"), qq->id);
		return -1;
	}
	if (v < 0 || v >= AS_LEVELS || quest_choice(qq, v) == NULL) {
		vg_seterr(err, _("question %s: level %d is not one of its "
		    "answers, \"dk\" or \"na\""), qq->id, v);
		return -1;
	}
	return 0;
}

int
answers_parse_value(const char *s, int *v)
{
	if (s == NULL)
		return -1;
	if (s[0] >= '0' && s[0] <= '4' && s[1] == '\0') {
		*v = s[0] - '0';
		return 0;
	}
	if (strcmp(s, "dk") == 0) {
		*v = AS_DK;
		return 0;
	}
	if (strcmp(s, "na") == 0) {
		*v = AS_NA;
		return 0;
	}
	return -1;
}

const char *
answers_value_id(int v)
{
	static const char *const levels[] = { "0", "1", "2", "3", "4" };

	if (v >= 0 && v < AS_LEVELS)
		return levels[v];
	if (v == AS_DK)
		return "dk";
	if (v == AS_NA)
		return "na";
	return NULL;
}

const char *
answers_value_label(const struct quest_question *qq, int v)
{
	const struct quest_choice *c;

	if (v == AS_DK)
		return _("I don't know");
	if (v == AS_NA)
		return _("Not concerned");
	if (v == AS_UNSET)
		return _("Not answered yet");
	if ((c = quest_choice(qq, v)) != NULL)
		return c->label;
	return _("(an answer this version no longer offers)");
}

int
answers_first_open(const struct answers *a, int quick)
{
	const struct quest *q = a->quest;
	int i;

	for (i = 0; i < q->nquestions; i++)
		if (quest_in_mode(&q->questions[i], quick) &&
		    answers_get(a, &q->questions[i]) == AS_UNSET)
			return i;
	return -1;
}

int
answers_done(const struct answers *a, int quick)
{
	const struct quest *q = a->quest;
	int i, n = 0;

	for (i = 0; i < q->nquestions; i++)
		if (quest_in_mode(&q->questions[i], quick) &&
		    answers_get(a, &q->questions[i]) != AS_UNSET)
			n++;
	return n;
}

int
answers_first_open_ask(const struct answers *a)
{
	int i;

	for (i = 0; i < a->quest->nasks; i++)
		if (a->ctx[i] == NULL)
			return i;
	return -1;
}
