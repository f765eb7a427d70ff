/*
 * tui-question.c — one question per screen: the context questions first,
 * then the questions of the mode, domain by domain. Arrows and Enter or
 * the answer's number answer; every answer is committed to the store
 * before the next question shows. "?" opens the help, "n" a note, "v"
 * flags the question "to check later".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/tui.h"
#include "tui-screens.h"

#define QUESTION_MAXCHOICES	(AS_LEVELS + 2)
#define QUESTION_NOTEMAX	500

/* A step: a context question (ask >= 0) or a scored one (question). */
struct question_step {
	int	ask;
	int	question;
};

struct question_view {
	struct tui_session	*t;
	struct question_step	*steps;
	int			 nsteps;
	int			 cur;
	int			 sel;
	/* the choices of the current step */
	char			*labels[QUESTION_MAXCHOICES + 16];
	int			 values[QUESTION_MAXCHOICES + 16];
	int			 nchoices;
};

static void
question_steps(struct question_view *v)
{
	const struct quest *q = v->t->quest;
	int i;

	free(v->steps);
	v->steps = xcalloc((size_t)(q->nasks + q->nquestions + 1),
	    sizeof *v->steps);
	v->nsteps = 0;
	for (i = 0; i < q->nasks; i++)
		v->steps[v->nsteps++] = (struct question_step){ i, -1 };
	for (i = 0; i < q->nquestions; i++)
		if (quest_in_mode(&q->questions[i], v->t->info.quick))
			v->steps[v->nsteps++] = (struct question_step){ -1, i };
}

/* Whether step I is asked (a question made "not concerned" by the
 * context is skipped). */
static int
question_asked(struct question_view *v, int i)
{
	const struct question_step *s = &v->steps[i];

	return s->ask >= 0 || !answers_auto_na(v->t->answers,
	    &v->t->quest->questions[s->question]);
}

/* Whether step I has an answer. */
static int
question_answered(struct question_view *v, int i)
{
	const struct question_step *s = &v->steps[i];

	if (s->ask >= 0)
		return v->t->answers->ctx[s->ask] != NULL;
	return answers_get(v->t->answers,
	    &v->t->quest->questions[s->question]) != AS_UNSET;
}

static int
question_first_open(struct question_view *v)
{
	int i;

	for (i = 0; i < v->nsteps; i++)
		if (question_asked(v, i) && !question_answered(v, i))
			return i;
	return -1;
}

int
tui_question_step_of_domain(struct tui_session *t, int domain)
{
	const struct quest *q = t->quest;
	int i, step = q->nasks;

	if (domain < 0)
		return 0;
	for (i = 0; i < q->nquestions; i++) {
		if (!quest_in_mode(&q->questions[i], t->info.quick))
			continue;
		if (q->questions[i].domain->index == domain)
			return step;
		step++;
	}
	return q->nasks;
}

static void
question_free_labels(struct question_view *v)
{
	int i;

	for (i = 0; i < v->nchoices; i++)
		free(v->labels[i]);
	v->nchoices = 0;
}

/* Fill the choices of the current step, with the recorded one marked. */
static void
question_choices(struct question_view *v)
{
	const struct question_step *s = &v->steps[v->cur];
	const struct quest *q = v->t->quest;
	struct answers *a = v->t->answers;
	const char *mark = _("  \u2190 your answer");
	char *label;
	int i, cur = AS_UNSET;

	question_free_labels(v);
	if (s->ask >= 0) {
		const struct quest_ask *ask = &q->asks[s->ask];

		for (i = 0; i < ask->noptions && i < QUESTION_MAXCHOICES + 8;
		    i++) {
			int mine = a->ctx[s->ask] != NULL &&
			    strcmp(a->ctx[s->ask], ask->options[i].value) == 0;

			label = answers_subst(a, ask->options[i].label);
			v->labels[i] = mine ? xasprintf("%s%s", label, mark) :
			    xstrdup(label);
			free(label);
			v->values[i] = i;
			if (mine)
				v->sel = i;
		}
		v->nchoices = i;
		return;
	} else {
		const struct quest_question *qq = &q->questions[s->question];

		cur = answers_get(a, qq);
		for (i = 0; i < qq->nchoices; i++)
			v->values[v->nchoices++] = qq->choices[i].level;
		v->values[v->nchoices++] = AS_DK;
		if (qq->na)
			v->values[v->nchoices++] = AS_NA;
		for (i = 0; i < v->nchoices; i++) {
			label = answers_subst(a, answers_value_label(qq,
			    v->values[i]));
			v->labels[i] = v->values[i] == cur ?
			    xasprintf("%s%s", label, mark) : xstrdup(label);
			free(label);
			if (v->values[i] == cur)
				v->sel = i;
		}
	}
}

static void
question_draw(struct question_view *v)
{
	const struct question_step *s = &v->steps[v->cur];
	const struct quest *q = v->t->quest;
	struct answers *a = v->t->answers;
	char *title, *text, *line;
	int y, width = COLS - 4, bottom, i, n = 0, k = 0, total;
	const char *keys = _("? help   n note   v check later   "
	    "\u2190 \u2192 other question   Esc menu   q quit");

	if (s->ask >= 0) {
		title = xasprintf(_("Your commune \u00b7 question %d of %d"),
		    s->ask + 1, q->nasks);
		text = answers_subst(a, q->asks[s->ask].text);
	} else {
		const struct quest_question *qq = &q->questions[s->question];

		for (i = 0; i < v->nsteps; i++) {
			const struct question_step *o = &v->steps[i];

			if (o->question < 0 || q->questions[o->question].domain
			    != qq->domain || !question_asked(v, i))
				continue;
			n++;
			if (i <= v->cur)
				k++;
		}
		total = quest_count(q, v->t->info.quick);
		title = xasprintf(_("%s \u00b7 question %d of %d \u00b7 "
		    "%d/%d answered in all"), qq->domain->brief, k ? k : 1,
		    n ? n : 1, answers_done(a, v->t->info.quick), total);
		text = answers_subst(a, qq->text);
	}
	vg_tui_frame(title, keys);
	free(title);

	y = 2;
	if (s->ask == 0 && q->intro != NULL && LINES >= 24)
		y += 1 + vg_tui_wrap(stdscr, y, 2, width, 5, q->intro,
		    A_NORMAL);
	if (s->ask >= 0)
		y += 1 + vg_tui_wrap(stdscr, y, 2, width, 2, _("First, a few "
		    "questions about the commune. They are not scored: they "
		    "adapt the questionnaire to it."), vg_tui_attr(VG_TP_DIM));
	y += vg_tui_wrap(stdscr, y, 2, width, 6, text, A_BOLD);
	free(text);
	y++;

	/* The bottom: last time, note and flag, then the hint. */
	bottom = LINES - 3;
	if (s->question >= 0) {
		const struct quest_question *qq = &q->questions[s->question];
		int i2 = qq->index;

		if (a->note[i2] != NULL || a->later[i2]) {
			line = xasprintf("%s%s%s%s", a->later[i2] ?
			    _("[to check later] ") : "",
			    a->note[i2] ? _("Note: ") : "",
			    a->note[i2] ? a->note[i2] : "", "");
			vg_tui_line(bottom, 2, width, line,
			    vg_tui_attr(VG_TP_WARN));
			free(line);
			bottom--;
		}
		if (v->t->previous != NULL && v->t->previous->value[i2] !=
		    AS_UNSET) {
			char *l = answers_subst(a, answers_value_label(qq,
			    v->t->previous->value[i2]));

			line = xasprintf(_("Last time: %s"), l);
			vg_tui_line(bottom, 2, width, line,
			    vg_tui_attr(VG_TP_DIM));
			free(line);
			free(l);
			bottom--;
		}
	}
	vg_tui_line(LINES - 2, 2, width, _("Type the answer's number, or use "
	    "\u2191 \u2193 then Enter."),
	    vg_tui_attr(VG_TP_DIM));
	if (v->t->msg[0] != '\0') {
		vg_tui_line(LINES - 2, 2, width, v->t->msg,
		    vg_tui_attr(VG_TP_BAD));
		v->t->msg[0] = '\0';
	}
	vg_tui_choices(y, 2, width, bottom - y, (const char *const *)v->labels,
	    v->nchoices, v->sel);
}

static void
question_help(struct question_view *v)
{
	const struct question_step *s = &v->steps[v->cur];
	const struct quest *q = v->t->quest;
	struct answers *a = v->t->answers;
	struct vg_tui_para p[24];
	char *own[12], *title;
	int n = 0, o = 0, i;
	attr_t head = A_BOLD | A_UNDERLINE;

	memset(own, 0, sizeof own);
#define PARA(t, at, ind) (p[n++] = (struct vg_tui_para){ (t), (at), (ind) })
	if (s->ask >= 0) {
		const struct quest_ask *ask = &q->asks[s->ask];

		title = xstrdup(_("Help \u00b7 your commune"));
		PARA(own[o++] = answers_subst(a, ask->text), A_BOLD, 0);
		PARA(NULL, 0, 0);
		PARA(_("Why we ask"), head, 0);
		PARA(ask->why ? ask->why : _("These questions describe the "
		    "commune: they are not scored. They adapt the wording of "
		    "the questionnaire and skip the questions that do not "
		    "concern you."), 0, 2);
	} else {
		const struct quest_question *qq = &q->questions[s->question];
		const struct quest_measure *m = qq->measure;

		title = xasprintf(_("Help \u00b7 %s \u00b7 question %s"),
		    qq->domain->brief, qq->id);
		PARA(own[o++] = answers_subst(a, qq->text), A_BOLD, 0);
		PARA(NULL, 0, 0);
		PARA(_("Why we ask"), head, 0);
		PARA(own[o++] = answers_subst(a, qq->why), 0, 2);
		if (qq->example != NULL) {
			PARA(NULL, 0, 0);
			PARA(_("An example from a town hall"), head, 0);
			PARA(own[o++] = answers_subst(a, qq->example), 0, 2);
		}
		PARA(NULL, 0, 0);
		PARA(_("What vigie will suggest if it is not in place yet"),
		    head, 0);
		PARA(own[o++] = answers_subst(a, m->title), A_BOLD, 2);
		PARA(own[o++] = answers_subst(a, m->step), 0, 2);
		PARA(NULL, 0, 0);
		PARA(_("If you don't know"), head, 0);
		{
			char *who = plan_role_name(a, qq->ask ? qq->ask :
			    AS_ROLE_SECRETARY);

			PARA(own[o++] = xasprintf(_("Answer \"I don't know\": "
			    "vigie adds it to the things to find out. Who can "
			    "answer: %s."), who), 0, 2);
			free(who);
		}
		PARA(NULL, 0, 0);
		PARA(own[o++] = xasprintf(_("References (for your IT provider): "
		    "ANSSI hygiene guide %s \u00b7 CIS Controls v8 %s \u00b7 "
		    "NIST CSF 2.0 %s \u00b7 weight %d%s"),
		    qq->anssi ? qq->anssi : "-", qq->cis ? qq->cis : "-",
		    qq->csf ? qq->csf : "-", qq->weight, qq->weight == 3 ?
		    _(" (a basic measure)") : ""), vg_tui_attr(VG_TP_DIM), 0);
	}
#undef PARA
	(void)vg_tui_pager(title, _("\u2191 \u2193 scroll   any other key: "
	    "back to the question"), p, n);
	free(title);
	for (i = 0; i < o; i++)
		free(own[i]);
}

static void
question_redraw(void *arg)
{
	struct question_view *v = arg;

	question_draw(v);
}

static void
question_note(struct question_view *v)
{
	const struct question_step *s = &v->steps[v->cur];
	struct tui_session *t = v->t;
	char err[VG_ERRLEN], *out = NULL;
	const char *prompt = _("Note: ");
	int i, w, y = LINES - 2;
	const struct quest_question *qq;

	if (s->question < 0)
		return;
	qq = &t->quest->questions[s->question];
	i = qq->index;
	question_draw(v);
	for (w = 0; w < COLS; w++)
		mvaddch(y, w, ' ');
	w = vg_tui_line(y, 2, COLS - 4, prompt, A_BOLD);
	vg_tui_line(LINES - 1, 1, COLS - 2, _("Enter save   Esc cancel   "
	    "(an empty note removes it)"), vg_tui_attr(VG_TP_KEYS));
	if (vg_tui_edit(y, 2 + w, COLS - 4 - w, t->answers->note[i],
	    QUESTION_NOTEMAX, &out, question_redraw, v) != 1)
		return;
	if (record_note(t->store, t->assessment, qq->id, out, err) == -1) {
		snprintf(t->msg, sizeof t->msg, "%s", err);
		free(out);
		return;
	}
	free(t->answers->note[i]);
	t->answers->note[i] = *out != '\0' ? out : NULL;
	if (*out == '\0')
		free(out);
}

static void
question_later(struct question_view *v)
{
	const struct question_step *s = &v->steps[v->cur];
	struct tui_session *t = v->t;
	const struct quest_question *qq;
	char err[VG_ERRLEN];
	int i;

	if (s->question < 0)
		return;
	qq = &t->quest->questions[s->question];
	i = qq->index;
	if (record_later(t->store, t->assessment, qq->id, !t->answers->later[i],
	    err) == -1) {
		snprintf(t->msg, sizeof t->msg, "%s", err);
		return;
	}
	t->answers->later[i] = !t->answers->later[i];
}

/* Record choice SEL of the current step; 0 when stored. */
static int
question_answer(struct question_view *v, int sel)
{
	const struct question_step *s = &v->steps[v->cur];
	struct tui_session *t = v->t;
	const struct quest *q = t->quest;
	char err[VG_ERRLEN];
	const char *id, *value;

	if (sel < 0 || sel >= v->nchoices)
		return -1;
	if (s->ask >= 0) {
		id = q->asks[s->ask].id;
		value = q->asks[s->ask].options[v->values[sel]].value;
	} else {
		id = q->questions[s->question].id;
		value = answers_value_id(v->values[sel]);
	}
	if (record_answer(t->store, t->assessment, id, value, err) == -1) {
		snprintf(t->msg, sizeof t->msg, "%s", err);
		return -1;
	}
	if (s->ask >= 0) {
		free(t->answers->ctx[s->ask]);
		t->answers->ctx[s->ask] = xstrdup(value);
	} else
		t->answers->value[s->question] = v->values[sel];
	return 0;
}

/* Move to the next asked step after FROM (DIR +1) or before it (-1);
 * -1 when there is none. */
static int
question_move(struct question_view *v, int from, int dir)
{
	int i;

	for (i = from + dir; i >= 0 && i < v->nsteps; i += dir)
		if (question_asked(v, i))
			return i;
	return -1;
}

static void
question_go(struct question_view *v, int step)
{
	v->cur = step;
	v->sel = 0;
	question_choices(v);
}

static void *
question_enter(struct tui_session *t, int start)
{
	struct question_view *v;

	if (t->assessment == 0)
		return NULL;
	v = xcalloc(1, sizeof *v);
	v->t = t;
	question_steps(v);
	if (start < 0 || start >= v->nsteps)
		start = question_first_open(v);
	if (start < 0)
		start = 0;
	if (!question_asked(v, start) &&
	    (start = question_move(v, start, +1)) < 0)
		start = 0;
	question_go(v, start);
	return v;
}

static int
question_key(void *view, int k, struct tui_go *go)
{
	struct question_view *v = view;
	int n;

	(void)go;
	if (k >= '1' && k <= '9') {
		n = k - '1';
		if (n >= v->nchoices)
			return TUI_STAY;
		v->sel = n;
		k = '\r';
	}
	switch (k) {
	case KEY_UP:
		if (v->sel > 0)
			v->sel--;
		break;
	case KEY_DOWN:
		if (v->sel + 1 < v->nchoices)
			v->sel++;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (question_answer(v, v->sel) == -1)
			break;
		tui_session_check_done(v->t);
		if ((n = question_move(v, v->cur, +1)) < 0)
			n = question_first_open(v);
		if (n < 0)
			return TUI_DONE;
		question_go(v, n);
		break;
	case KEY_LEFT:
	case KEY_PPAGE:
		if ((n = question_move(v, v->cur, -1)) >= 0)
			question_go(v, n);
		break;
	case KEY_RIGHT:
	case KEY_NPAGE:
		if ((n = question_move(v, v->cur, +1)) >= 0)
			question_go(v, n);
		break;
	case '?':
	case 'h':
	case KEY_F(1):
		question_help(v);
		break;
	case 'n':
		question_note(v);
		question_choices(v);
		break;
	case 'v':
		question_later(v);
		break;
	case 27:
		return TUI_BACK;
	case 'q':
		return TUI_QUIT;
	default:
		break;
	}
	return TUI_STAY;
}

static void
question_leave(void *view)
{
	struct question_view *v = view;

	question_free_labels(v);
	free(v->steps);
	free(v);
}

const struct tui_screen tui_question_screen = {
	.name = "question",
	.enter = question_enter,
	.draw = question_redraw,
	.key = question_key,
	.leave = question_leave,
};
