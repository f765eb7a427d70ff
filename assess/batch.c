/*
 * batch.c — answer files for batch mode: the template that `vigie assess
 * --template` prints, and the strict reader behind `--answers FILE`. A
 * file with any problem is refused as a whole, naming the question and
 * the problem, so that nothing half-checked reaches the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"

json_t *
batch_template(const struct quest *q, int quick, const char *commune)
{
	json_t *o, *ctx, *ans, *allowed, *list;
	int i, j;

	o = json_object();
	json_object_set_new(o, "questionnaire", json_string(q->id));
	json_object_set_new(o, "version", json_string(q->version));
	json_object_set_new(o, "commune", commune ? json_string(commune) :
	    json_null());
	json_object_set_new(o, "mode", json_string(quick ? "quick" : "full"));
	json_object_set_new(o, "legend", json_string(_("Replace each null: "
	    "a level 0 to 4 (see 'vigie assess --print-form'), \"dk\" for "
	    "\"I don't know\", \"na\" for \"not concerned\"; or leave null "
	    "for unanswered. An answer may also be {\"value\": 2, \"note\": "
	    "\"...\", \"later\": true}. \"allowed\" lists the values of each "
	    "question.")));
	ctx = json_object();
	ans = json_object();
	allowed = json_object();
	for (i = 0; i < q->nasks; i++) {
		json_object_set_new(ctx, q->asks[i].id, json_null());
		list = json_array();
		for (j = 0; j < q->asks[i].noptions; j++)
			json_array_append_new(list,
			    json_string(q->asks[i].options[j].value));
		json_object_set_new(allowed, q->asks[i].id, list);
	}
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];

		if (!quest_in_mode(qq, quick))
			continue;
		json_object_set_new(ans, qq->id, json_null());
		list = json_array();
		for (j = 0; j < qq->nchoices; j++)
			json_array_append_new(list,
			    json_integer(qq->choices[j].level));
		json_array_append_new(list, json_string("dk"));
		if (qq->na || qq->nna_if > 0)
			json_array_append_new(list, json_string("na"));
		json_object_set_new(allowed, qq->id, list);
	}
	json_object_set_new(o, "context", ctx);
	json_object_set_new(o, "answers", ans);
	json_object_set_new(o, "allowed", allowed);
	return o;
}

/* "0, 1, 3, 4" */
static void
batch_levels(const struct quest_question *qq, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < qq->nchoices && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%d", i ? ", " : "",
		    qq->choices[i].level);
}

static int
batch_context(const struct quest *q, json_t *ctx, const char *name,
    struct answers *a, char *err)
{
	const char *key;
	json_t *v;

	if (!json_is_object(ctx)) {
		vg_seterr(err, _("%s: \"context\" must be an object"), name);
		return -1;
	}
	json_object_foreach(ctx, key, v) {
		const struct quest_ask *ask = quest_ask(q, key);

		if (ask == NULL) {
			vg_seterr(err, _("%s: context question %s: no such "
			    "question in questionnaire %s %s"), name, key,
			    q->id, q->version);
			return -1;
		}
		if (json_is_null(v))
			continue;
		if (!json_is_string(v) ||
		    quest_option(ask, json_string_value(v)) == NULL) {
			vg_seterr(err, _("%s: context question %s: the value "
			    "must be one of its options (see \"allowed\" in "
			    "'vigie assess --template')"), name, key);
			return -1;
		}
		a->ctx[ask->index] = xstrdup(json_string_value(v));
	}
	return 0;
}

/* The keys and types of an answer given as an object, answer to
 * question ID: value, note (text) and later (true or false). */
static int
batch_shape(json_t *v, const char *name, const char *id, char *err)
{
	json_t *note, *later, *x;
	const char *key;

	json_object_foreach(v, key, x) {
		if (strcmp(key, "value") != 0 && strcmp(key, "note") != 0 &&
		    strcmp(key, "later") != 0) {
			vg_seterr(err, _("%s: question %s: unknown key \"%s\" "
			    "(expected value, note, later)"), name, id, key);
			return -1;
		}
	}
	note = json_object_get(v, "note");
	later = json_object_get(v, "later");
	if (note != NULL && !json_is_string(note) && !json_is_null(note)) {
		vg_seterr(err, _("%s: question %s: \"note\" must be text"),
		    name, id);
		return -1;
	}
	if (later != NULL && !json_is_boolean(later)) {
		vg_seterr(err, _("%s: question %s: \"later\" must be true or "
		    "false"), name, id);
		return -1;
	}
	return 0;
}

/* One answer: a value, or an object with value, note and later. */
static int
batch_answer(const struct quest_question *qq, json_t *v, const char *name,
    int quick, struct answers *a, char *err)
{
	json_t *val = v, *note = NULL, *later = NULL;
	char levels[64];
	json_int_t n;
	int value;

	if (json_is_object(v)) {
		if (batch_shape(v, name, qq->id, err) == -1)
			return -1;
		val = json_object_get(v, "value");
		note = json_object_get(v, "note");
		later = json_object_get(v, "later");
	}
	batch_levels(qq, levels, sizeof levels);
	if (val == NULL || json_is_null(val))
		value = AS_UNSET;
	else if (json_is_integer(val)) {
		n = json_integer_value(val);
		if (n < 0 || n >= AS_LEVELS ||
		    answers_check(qq, (int)n, 0, NULL) == -1) {
			vg_seterr(err, _("%s: question %s: level %lld is not "
			    "one of its answers (%s), \"dk\" or \"na\""), name,
			    qq->id, (long long)n, levels);
			return -1;
		}
		value = (int)n;
	} else if (json_is_string(val) &&
	    (strcmp(json_string_value(val), "dk") == 0 ||
	    strcmp(json_string_value(val), "na") == 0)) {
		value = json_string_value(val)[0] == 'd' ? AS_DK : AS_NA;
		if (value == AS_NA && !qq->na && !answers_auto_na(a, qq)) {
			vg_seterr(err, _("%s: question %s: \"na\" (not "
			    "concerned) is not offered for this question"),
			    name, qq->id);
			return -1;
		}
	} else {
		vg_seterr(err, _("%s: question %s: expected a level (%s), "
		    "\"dk\", \"na\" or null"), name, qq->id, levels);
		return -1;
	}
	if (!quest_in_mode(qq, quick) && (value != AS_UNSET ||
	    (note && json_is_string(note)) || (later && json_is_true(later)))) {
		vg_seterr(err, _("%s: question %s is not part of the quick "
		    "mode (remove it, or set \"mode\": \"full\")"), name,
		    qq->id);
		return -1;
	}
	a->value[qq->index] = value;
	if (note != NULL && json_is_string(note) &&
	    *json_string_value(note) != '\0')
		a->note[qq->index] = xstrdup(json_string_value(note));
	a->later[qq->index] = later != NULL && json_is_true(later);
	return 0;
}

/*
 * An answer to a question of an earlier version that was split in
 * several (the new questions name it in "replaces"). Its meaning does
 * not carry over to any one of them, so it is never scored: each new
 * question of the mode left unanswered by the file gets it as a note and
 * the "check later" flag (docs/scoring.md, "Questions split in
 * several"). Returns 1 if OLD is such a question, 0 if not, -1 on a
 * malformed value.
 */
static int
batch_replaced(const struct quest *q, const char *old, json_t *v,
    const char *name, char *err)
{
	json_t *val = json_is_object(v) ? json_object_get(v, "value") : v;
	int i, found = 0;

	for (i = 0; i < q->nquestions; i++)
		found |= q->questions[i].replaces != NULL &&
		    strcmp(q->questions[i].replaces, old) == 0;
	if (!found)
		return 0;
	if (json_is_object(v) && batch_shape(v, name, old, err) == -1)
		return -1;
	if (val == NULL || json_is_null(val) ||
	    (json_is_integer(val) && json_integer_value(val) >= 0 &&
	    json_integer_value(val) < AS_LEVELS) ||
	    (json_is_string(val) &&
	    (strcmp(json_string_value(val), "dk") == 0 ||
	    strcmp(json_string_value(val), "na") == 0)))
		return 1;
	vg_seterr(err, _("%s: question %s: expected a level 0 to 4, \"dk\", "
	    "\"na\" or null"), name, old);
	return -1;
}

/* Hand the old answer V to OLD over to the questions that replace it,
 * as described above batch_replaced(). */
static void
batch_carry(const struct quest *q, const char *old, json_t *v, int quick,
    struct answers *a)
{
	json_t *val = json_is_object(v) ? json_object_get(v, "value") : v;
	json_t *note = json_is_object(v) ? json_object_get(v, "note") : NULL;
	char *was, *text, *ids = NULL, *t;
	int i;

	if (val == NULL || json_is_null(val))
		return;			/* a blank of an old template */
	if (json_is_integer(val))
		was = xasprintf(_("level %d"), (int)json_integer_value(val));
	else if (json_string_value(val)[0] == 'd')
		was = xstrdup(_("I don't know"));
	else
		was = xstrdup(_("not concerned"));
	if (json_is_string(note) && *json_string_value(note) != '\0')
		text = xasprintf(_("Answer to the former question %s, now "
		    "split (%s; its note: %s): not scored, answer this "
		    "question again."), old, was, json_string_value(note));
	else
		text = xasprintf(_("Answer to the former question %s, now "
		    "split (%s): not scored, answer this question again."),
		    old, was);
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];

		if (qq->replaces == NULL || strcmp(qq->replaces, old) != 0 ||
		    !quest_in_mode(qq, quick) ||
		    a->value[qq->index] != AS_UNSET)
			continue;
		if (a->note[qq->index] == NULL)
			a->note[qq->index] = xstrdup(text);
		else {
			t = xasprintf("%s\n%s", a->note[qq->index], text);
			free(a->note[qq->index]);
			a->note[qq->index] = t;
		}
		a->later[qq->index] = 1;
		t = xasprintf("%s%s%s", ids ? ids : "", ids ? ", " : "",
		    qq->id);
		free(ids);
		ids = t;
	}
	if (ids != NULL)
		vg_warn(_("question %s of an earlier version is now split: "
		    "its answer (%s) is not scored; it is kept as a note, "
		    "marked to check later, on %s: answer again"), old, was,
		    ids);
	free(ids);
	free(text);
	free(was);
}

int
batch_parse(const struct quest *q, const char *buf, size_t len,
    const char *name, struct batch *b, char *err)
{
	json_error_t je;
	json_t *root, *v, *answers, *ctx;
	const char *key, *mode;
	struct answers *a = NULL;

	memset(b, 0, sizeof *b);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		vg_seterr(err, _("%s:%d:%d: not valid JSON: %s"), name,
		    je.line, je.column, je.text);
		return -1;
	}
	if (!json_is_object(root)) {
		vg_seterr(err, _("%s: expected a JSON object (see 'vigie "
		    "assess --template')"), name);
		goto fail;
	}
	json_object_foreach(root, key, v) {
		static const char *const known[] = { "questionnaire",
		    "version", "commune", "mode", "legend", "allowed",
		    "context", "answers", NULL };
		int i, ok = 0;

		for (i = 0; known[i] != NULL; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok) {
			vg_seterr(err, _("%s: unknown key \"%s\" (see 'vigie "
			    "assess --template')"), name, key);
			goto fail;
		}
	}
	v = json_object_get(root, "questionnaire");
	if (!json_is_string(v) || strcmp(json_string_value(v), q->id) != 0) {
		vg_seterr(err, _("%s: \"questionnaire\" must be \"%s\" (the "
		    "questionnaire these answers are for)"), name, q->id);
		goto fail;
	}
	v = json_object_get(root, "commune");
	if (v != NULL && !json_is_null(v) && (!json_is_string(v) ||
	    *json_string_value(v) == '\0')) {
		vg_seterr(err, _("%s: \"commune\" must be a name or null"),
		    name);
		goto fail;
	}
	if (json_is_string(v))
		b->commune = xstrdup(json_string_value(v));
	v = json_object_get(root, "mode");
	mode = json_is_string(v) ? json_string_value(v) : NULL;
	if (v != NULL && (mode == NULL || (strcmp(mode, "full") != 0 &&
	    strcmp(mode, "quick") != 0))) {
		vg_seterr(err, _("%s: \"mode\" must be \"full\" or \"quick\""),
		    name);
		goto fail;
	}
	b->quick = mode != NULL && strcmp(mode, "quick") == 0;

	a = answers_new(q);
	if ((ctx = json_object_get(root, "context")) != NULL &&
	    !json_is_null(ctx) && batch_context(q, ctx, name, a, err) == -1)
		goto fail;
	answers = json_object_get(root, "answers");
	if (!json_is_object(answers)) {
		vg_seterr(err, _("%s: \"answers\" must be an object of "
		    "question IDs"), name);
		goto fail;
	}
	json_object_foreach(answers, key, v) {
		const struct quest_question *qq = quest_question(q, key);

		if (qq == NULL) {
			int r = batch_replaced(q, key, v, name, err);

			if (r == 1)
				continue;	/* after the others, below */
			if (r == 0)
				vg_seterr(err, _("%s: question %s: no such "
				    "question in questionnaire %s %s"), name,
				    key, q->id, q->version);
			goto fail;
		}
		if (batch_answer(qq, v, name, b->quick, a, err) == -1)
			goto fail;
	}
	/* Answers to questions since split: once the new ones are read,
	 * whatever the order of the file. */
	json_object_foreach(answers, key, v)
		if (quest_question(q, key) == NULL)
			batch_carry(q, key, v, b->quick, a);
	b->answers = a;
	json_decref(root);
	return 0;
fail:
	answers_free(a);
	free(b->commune);
	memset(b, 0, sizeof *b);
	json_decref(root);
	return -1;
}

void
batch_free(struct batch *b)
{
	answers_free(b->answers);
	free(b->commune);
	memset(b, 0, sizeof *b);
}
