/*
 * tui-results.c — the results: one bar per domain drawn in the terminal
 * (level in words beside it, so it reads without colour), the details of
 * the selected domain, the change since the last assessment; and the
 * action plan as a page to scroll.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/tui.h"
#include "tui-screens.h"

struct results_view {
	struct tui_session	*t;
	struct score		 score;
	struct compare		 cmp;
	int			 has_cmp;
	int			 sel;
};

static attr_t
results_attr(const struct score_domain *sd)
{
	if (sd->state != SCORE_OK)
		return A_NORMAL;
	return vg_tui_attr((enum vg_tui_pair)(VG_TP_L0 + sd->level));
}

/* "2,5" with the decimal comma in French. */
static void
results_num(double v, char *out, size_t size)
{
	snprintf(out, size, "%.1f", v);
	if (strcmp(vg_lang(), "fr") == 0 && strchr(out, '.') != NULL)
		*strchr(out, '.') = ',';
}

static void
results_details(struct results_view *r, int y, int width)
{
	struct tui_session *t = r->t;
	const struct score_domain *sd = &r->score.domains[r->sel];
	char *line, *text, a[16], b[16];

	if (sd->questions == 0)
		line = xasprintf(_("%s \u2014 not in the quick "
		    "questionnaire."), sd->domain->name);
	else if (sd->state == SCORE_NOT_EVALUATED)
		line = xasprintf(_("%s \u2014 questions: %d \u00b7 not "
		    "concerned: %d, so the domain is not evaluated."),
		    sd->domain->name, sd->questions, sd->na);
	else if (sd->certainty >= 0)
		line = xasprintf(_("%s \u2014 questions: %d \u00b7 answered: %d "
		    "\u00b7 \"I don't know\": %d \u00b7 certainty: %d %%"),
		    sd->domain->name, sd->questions, sd->answered, sd->dk,
		    (int)(sd->certainty * 100 + 0.5));
	else
		line = xasprintf(_("%s \u2014 questions: %d \u00b7 answered: "
		    "%d"), sd->domain->name, sd->questions, sd->answered);
	y += vg_tui_wrap(stdscr, y, 2, width, 2, line, A_BOLD);
	free(line);
	if (sd->capped && sd->cap_by != NULL) {
		text = answers_subst(t->answers, sd->cap_by->text);
		line = xasprintf(_("Held at level %d: %s (\"%s\")."),
		    sd->cap_level, score_cap_reason(sd), text);
		y += vg_tui_wrap(stdscr, y, 2, width, 2, line,
		    vg_tui_attr(VG_TP_WARN));
		free(line);
		free(text);
	}
	if (r->has_cmp) {
		const struct compare_domain *c = &r->cmp.domains[r->sel];

		if (c->before >= 0 && c->after >= 0) {
			results_num(c->before, b, sizeof b);
			results_num(c->after, a, sizeof a);
			line = xasprintf(_("Last time (assessment no. %lld): "
			    "%s out of 4; now %s."), (long long)t->prev_id, b,
			    a);
			vg_tui_wrap(stdscr, y, 2, width, 1, line, A_NORMAL);
			free(line);
		}
	}
}

static void
results_draw(struct results_view *r)
{
	struct tui_session *t = r->t;
	char *title, *line, lvl[96], num[16], date[16];
	int y, i, namew = 26, barw, x, width = COLS - 4;

	tui_session_date(t->info.started, date);
	title = xasprintf(_("Results \u00b7 assessment no. %lld of %s \u00b7 "
	    "%d/%d answered"), (long long)t->assessment, date,
	    r->score.answered, r->score.questions);
	vg_tui_frame(title, _("\u2191 \u2193 domain  Enter answers  "
	    "p plan  e export  Esc back  q quit"));
	free(title);
	vg_tui_wrap(stdscr, 1, 2, width, 2, _("Levels: 0 To start \u00b7 1 "
	    "First steps \u00b7 2 Under way \u00b7 3 Well on the way \u00b7 4 "
	    "Under control"), vg_tui_attr(VG_TP_DIM));
	barw = COLS - 4 - namew - 2 - 32;
	if (barw > 30)
		barw = 30;
	if (barw < 6)
		barw = 6;
	y = 3;
	for (i = 0; i < r->score.ndomains && y < LINES - 8; i++, y++) {
		const struct score_domain *sd = &r->score.domains[i];
		attr_t a = i == r->sel ? vg_tui_attr(VG_TP_SELECT) : A_NORMAL;

		if (i == r->sel) {
			attrset(a);
			for (x = 1; x < 2 + namew; x++)
				mvaddch(y, x, ' ');
			attrset(A_NORMAL);
		}
		vg_tui_line(y, 2, namew, sd->domain->brief, a);
		x = 2 + namew + 1;
		vg_tui_bar(y, x, barw, sd->state == SCORE_OK ? sd->value : -1,
		    4, results_attr(sd));
		x += barw + 1;
		if (sd->state == SCORE_OK)
			snprintf(lvl, sizeof lvl, "%d %s%s%s", sd->level,
			    score_level_word(sd->level), sd->capped ? " !" : "",
			    sd->to_confirm ? " ?" : "");
		else
			snprintf(lvl, sizeof lvl, "%s", sd->questions == 0 ?
			    _("not in the quick questionnaire") : sd->state ==
			    SCORE_EMPTY ? _("not answered yet") :
			    _("not evaluated"));
		vg_tui_line(y, x, COLS - x - 1, lvl, results_attr(sd) |
		    A_BOLD);
	}
	y++;
	vg_tui_wrap(stdscr, y, 2, width, 2, _("! held by a basic measure "
	    "(weakest level + 1)   ? to confirm: many \"I don't know\""),
	    vg_tui_attr(VG_TP_DIM));
	y += 2;
	results_details(r, y, width);
	if (r->score.overall_level >= 0) {
		results_num(r->score.overall, num, sizeof num);
		line = xasprintf(_("Overall index: %s out of 4 (%s). The "
		    "domains tell more than this number."), num,
		    score_level_word(r->score.overall_level));
		vg_tui_wrap(stdscr, LINES - 3, 2, width, 2, line, A_NORMAL);
		free(line);
	}
}

static void *
results_enter(struct tui_session *t, int arg)
{
	struct results_view *r;

	(void)arg;
	r = xcalloc(1, sizeof *r);
	r->t = t;
	score_compute(t->answers, t->info.quick, &r->score);
	if (t->previous != NULL) {
		compare_build(t->previous, t->prev_quick, t->answers,
		    t->info.quick, &r->cmp);
		r->has_cmp = 1;
	}
	return r;
}

static void
results_screen_draw(void *view)
{
	results_draw(view);
}

static int
results_key(void *view, int k, struct tui_go *go)
{
	struct results_view *r = view;

	if (k == KEY_UP && r->sel > 0)
		r->sel--;
	else if (k == KEY_DOWN && r->sel + 1 < r->score.ndomains)
		r->sel++;
	else if (k == '\r' || k == '\n' || k == KEY_ENTER) {
		go->screen = &tui_question_screen;
		go->arg = tui_question_step_of_domain(r->t, r->sel);
		return TUI_OPEN;
	} else if (k == 'p') {
		go->screen = &tui_plan_screen;
		return TUI_OPEN;
	} else if (k == 'e') {
		go->screen = &tui_export_screen;
		return TUI_OPEN;
	} else if (k == 27)
		return TUI_BACK;
	else if (k == 'q')
		return TUI_QUIT;
	return TUI_STAY;
}

/* Back from the questions (or the plan, the export): the answers may
 * have changed. */
static void
results_resume(void *view)
{
	struct results_view *r = view;

	score_free(&r->score);
	score_compute(r->t->answers, r->t->info.quick, &r->score);
}

static void
results_leave(void *view)
{
	struct results_view *r = view;

	if (r->has_cmp)
		compare_free(&r->cmp);
	score_free(&r->score);
	free(r);
}

const struct tui_screen tui_results_screen = {
	.name = "results",
	.enter = results_enter,
	.draw = results_screen_draw,
	.key = results_key,
	.resume = results_resume,
	.leave = results_leave,
};

/* ---- The action plan ---------------------------------------------- */

struct plan_page {
	struct vg_tui_para	*p;
	int			 n, cap;
	char			**own;
	int			 nown, capown;
};

static void
plan_page_add(struct plan_page *pg, const char *text, attr_t a, int indent)
{
	if (pg->n == pg->cap)
		pg->p = xreallocarray(pg->p, (size_t)(pg->cap = pg->cap * 2 +
		    16), sizeof *pg->p);
	pg->p[pg->n++] = (struct vg_tui_para){ text, a, indent };
}

/* Add TEXT, which the page then owns. */
static void
plan_page_own(struct plan_page *pg, char *text, attr_t a, int indent)
{
	if (pg->nown == pg->capown)
		pg->own = xreallocarray(pg->own, (size_t)(pg->capown =
		    pg->capown * 2 + 16), sizeof *pg->own);
	pg->own[pg->nown++] = text;
	plan_page_add(pg, text, a, indent);
}

static void
plan_page_item(struct plan_page *pg, struct tui_session *t,
    const struct plan_item *it, int num, int full)
{
	const struct quest_measure *m = it->measure;
	attr_t dim = vg_tui_attr(VG_TP_DIM);
	char *who = plan_who(t->answers, m), *s;
	int i;

	plan_page_own(pg, xasprintf("%d. %s", num, (s = answers_subst(
	    t->answers, m->title))), A_BOLD, 0);
	free(s);
	if (full) {
		plan_page_own(pg, answers_subst(t->answers, m->why), 0, 3);
		s = answers_subst(t->answers, m->step);
		plan_page_own(pg, xasprintf(_("First step: %s"), s), 0, 3);
		free(s);
	}
	plan_page_own(pg, xasprintf(_("Who: %s \u00b7 effort: %s \u00b7 "
	    "cost: %s"), who, plan_effort_word(m->effort),
	    plan_cost_word(m->cost)), dim, 3);
	free(who);
	if (full)
		for (i = 0; i < it->nquestions; i++) {
			const struct quest_question *qq = it->questions[i];
			char *q = answers_subst(t->answers, qq->text);
			char *l = answers_subst(t->answers,
			    answers_value_label(qq, it->level));

			plan_page_own(pg, xasprintf(_("Because of: %s \u2014 "
			    "your answer: %s"), q, l), dim, 3);
			free(q);
			free(l);
		}
	plan_page_add(pg, NULL, 0, 0);
}

struct plan_view {
	struct plan_page	 pg;
	struct plan		 p;
	char			*title;
};

static void *
plan_enter(struct tui_session *t, int arg)
{
	struct plan_view *v;
	struct plan_page *pg;
	attr_t head = A_BOLD | A_UNDERLINE;
	int i;

	(void)arg;
	v = xcalloc(1, sizeof *v);
	pg = &v->pg;
	plan_build(t->answers, t->info.quick, &v->p);
	if (v->p.nitems == 0 && v->p.ntasks == 0)
		plan_page_add(pg, _("Nothing to suggest yet: the plan is "
		    "made from your answers. Answer the questions first (or "
		    "everything is already in place)."), 0, 0);
	if (v->p.nitems > 0) {
		plan_page_add(pg, _("Start with these measures"), head, 0);
		plan_page_add(pg, NULL, 0, 0);
	}
	for (i = 0; i < v->p.nitems && i < PLAN_TOP; i++)
		plan_page_item(pg, t, &v->p.items[i], i + 1, 1);
	if (v->p.ntasks > 0) {
		plan_page_add(pg, _("To find out (you answered \"I don't "
		    "know\")"), head, 0);
		plan_page_add(pg, NULL, 0, 0);
		for (i = 0; i < v->p.ntasks; i++) {
			char *who = plan_role_name(t->answers,
			    v->p.tasks[i].role);
			char *q = answers_subst(t->answers,
			    v->p.tasks[i].question->text);

			plan_page_own(pg, xasprintf(_("%s (who can answer: "
			    "%s)"), q, who), 0, 2);
			free(who);
			free(q);
		}
		plan_page_add(pg, NULL, 0, 0);
	}
	if (v->p.nitems > PLAN_TOP) {
		plan_page_add(pg, _("Then"), head, 0);
		plan_page_add(pg, NULL, 0, 0);
		for (i = PLAN_TOP; i < v->p.nitems; i++)
			plan_page_item(pg, t, &v->p.items[i], i + 1, 0);
	}
	v->title = xasprintf(_("Action plan \u00b7 measures: %d \u00b7 to find "
	    "out: %d"), v->p.nitems, v->p.ntasks);
	return v;
}

/* The pager draws and scrolls; it returns the first other key. */
static int
plan_input(void *view)
{
	struct plan_view *v = view;

	return vg_tui_pager(v->title, _("\u2191 \u2193 scroll  e export  "
	    "Esc back  q quit"), v->pg.p, v->pg.n);
}

static int
plan_key(void *view, int k, struct tui_go *go)
{
	(void)view;
	if (k == 'e') {
		go->screen = &tui_export_screen;
		return TUI_OPEN;
	}
	if (k == 'q')
		return TUI_QUIT;
	if (k == 27)
		return TUI_BACK;
	return TUI_STAY;
}

static void
plan_leave(void *view)
{
	struct plan_view *v = view;
	int i;

	free(v->title);
	for (i = 0; i < v->pg.nown; i++)
		free(v->pg.own[i]);
	free(v->pg.own);
	free(v->pg.p);
	plan_free(&v->p);
	free(v);
}

const struct tui_screen tui_plan_screen = {
	.name = "plan",
	.enter = plan_enter,
	.input = plan_input,
	.key = plan_key,
	.leave = plan_leave,
};
