/*
 * tui-home.c — the home screen: who the commune is, where its assessment
 * stands domain by domain, and what to do next (continue, results, plan,
 * export, profile and contacts, a new assessment, and the incident mode
 * when it is built in). One list: the actions, then the domains.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/tui.h"
#include "tui-screens.h"

int (*vg_home_incident_hook)(struct vg_store *) = NULL;

enum home_action {
	HOME_RESUME, HOME_FULL, HOME_RESULTS, HOME_PLAN, HOME_EXPORT,
	HOME_PROFILE, HOME_NEW, HOME_INCIDENT, HOME_DOMAIN,
};

struct home_row {
	enum home_action	 action;
	int			 key;		/* letter, 0 for domains */
	int			 domain;
	char			*text;
};

struct home_view {
	struct tui_session	*t;
	struct home_row		 rows[32];
	int			 nrows;
	int			 sel;
	int			 top;
	struct score		 score;
};

static void
home_add(struct home_view *h, enum home_action a, int key, int domain,
    char *text)
{
	if (h->nrows >= (int)(sizeof h->rows / sizeof h->rows[0])) {
		free(text);
		return;
	}
	h->rows[h->nrows++] = (struct home_row){ a, key, domain, text };
}

static void
home_clear(struct home_view *h)
{
	int i;

	for (i = 0; i < h->nrows; i++)
		free(h->rows[i].text);
	h->nrows = 0;
	score_free(&h->score);
}

/* The rows for the current state of the session. */
static void
home_build(struct home_view *h)
{
	struct tui_session *t = h->t;
	int quick = t->info.quick, total, done, open, i;

	home_clear(h);
	score_compute(t->answers, quick, &h->score);
	total = quest_count(t->quest, quick);
	done = answers_done(t->answers, quick);
	open = answers_first_open(t->answers, quick) != -1 ||
	    answers_first_open_ask(t->answers) != -1;
	if (t->assessment == 0)
		home_add(h, HOME_NEW, 'r', -1,
		    xstrdup(_("Start the assessment")));
	else if (open)
		home_add(h, HOME_RESUME, 'r', -1, xasprintf(_("Continue the "
		    "assessment (%d of %d answered)"), done, total));
	else
		home_add(h, HOME_RESUME, 'r', -1, xstrdup(_("Review the "
		    "answers")));
	if (t->assessment != 0 && quick)
		home_add(h, HOME_FULL, 'f', -1, xasprintf(_("Go on with the "
		    "full questionnaire (%d more questions)"),
		    quest_count(t->quest, 0) - total));
	if (t->assessment != 0) {
		home_add(h, HOME_RESULTS, 'v', -1, xstrdup(_("View the results "
		    "by domain")));
		home_add(h, HOME_PLAN, 'p', -1, xstrdup(_("The action plan: "
		    "what to do first")));
		home_add(h, HOME_EXPORT, 'e', -1, xstrdup(_("Export the report "
		    "(to print, or to edit and sign)")));
	}
	home_add(h, HOME_PROFILE, 'c', -1, xstrdup(_("Commune profile and "
	    "emergency contacts")));
	if (t->assessment != 0)
		home_add(h, HOME_NEW, 'n', -1, xstrdup(_("New assessment "
		    "(quick or full)")));
	if (vg_home_incident_hook != NULL)
		home_add(h, HOME_INCIDENT, 'i', -1, xstrdup(_("Incident in "
		    "progress: what to do now")));
	for (i = 0; i < t->quest->ndomains; i++)
		home_add(h, HOME_DOMAIN, 0, i, NULL);
	if (h->sel >= h->nrows)
		h->sel = 0;
}

static attr_t
home_level_attr(int level)
{
	return level < 0 ? A_NORMAL : vg_tui_attr((enum vg_tui_pair)
	    (VG_TP_L0 + level));
}

/* One domain row: name, progress bar, answered/total, level. */
static void
home_domain(struct home_view *h, int y, int d, attr_t a)
{
	const struct quest_domain *dom = &h->t->quest->domains[d];
	const struct score_domain *sd = &h->score.domains[d];
	char buf[64], lvl[80];
	int x = 4, namew = 27, barw = 10;

	vg_tui_line(y, x, namew, dom->brief, a);
	if (COLS < 60)
		return;
	if (sd->questions == 0) {
		vg_tui_line(y, x + namew + 1, COLS - x - namew - 2,
		    _("not in the quick questionnaire"), (a & A_REVERSE) ? a :
		    vg_tui_attr(VG_TP_DIM));
		return;
	}
	x += namew + 1;
	vg_tui_bar(y, x, barw, sd->answered, sd->questions > 0 ?
	    sd->questions : 1, vg_tui_attr(VG_TP_NORMAL));
	x += barw + 1;
	snprintf(buf, sizeof buf, "%2d/%-2d", sd->answered, sd->questions);
	vg_tui_line(y, x, 6, buf, a);
	x += 7;
	if (sd->state == SCORE_OK)
		snprintf(lvl, sizeof lvl, "%d %s%s", sd->level,
		    score_level_word(sd->level), sd->to_confirm ? " ?" : "");
	else
		snprintf(lvl, sizeof lvl, "%s", sd->state == SCORE_EMPTY ?
		    "-" : _("not evaluated"));
	vg_tui_line(y, x, COLS - x - 1, lvl, (a & A_REVERSE) ? a :
	    home_level_attr(sd->state == SCORE_OK ? sd->level : -1));
}

static void
home_draw(struct home_view *h)
{
	struct tui_session *t = h->t;
	const struct vg_profile_key *keys;
	char *name, *line, date[16], err[VG_ERRLEN], *v;
	int y, i, nkeys, filled = 0, contacts = 0, rows, first_domain = -1;
	int width = COLS - 4;

	vg_tui_frame(_("vigie \u2014 cyber security of the town hall"),
	    _("\u2191 \u2193 choose   Enter open   or the letter of an action"
	    "   q quit"));
	name = tui_session_commune(t);
	v = NULL;
	(void)vg_profile_get(t->store, t->commune, "population", &v, err);
	line = v ? xasprintf(_("%s \u00b7 %s inhabitants"), name, v) :
	    xstrdup(name);
	vg_tui_line(1, 2, width, line, A_BOLD);
	free(line);
	free(name);
	free(v);

	if (t->assessment == 0)
		line = xstrdup(_("No assessment yet: start with the first "
		    "action below."));
	else {
		tui_session_date(t->info.started, date);
		line = xasprintf(_("Assessment no. %lld (%s) of %s \u00b7 "
		    "%d/%d answered%s"), (long long)t->assessment,
		    t->info.quick ? _("quick") : _("full"), date,
		    answers_done(t->answers, t->info.quick),
		    quest_count(t->quest, t->info.quick),
		    t->info.finished[0] ? _(" \u00b7 complete") : "");
	}
	vg_tui_line(2, 2, width, line, A_NORMAL);
	free(line);

	keys = vg_profile_keys(&nkeys);
	for (i = 0; i < nkeys; i++) {
		if (strstr(keys[i].key, ".phone") == NULL)
			continue;
		contacts++;
		v = NULL;
		if (vg_profile_get(t->store, t->commune, keys[i].key, &v,
		    err) == 0 && v != NULL)
			filled++;
		free(v);
	}
	line = xasprintf(vg_ngettext("Emergency contacts: %d/%d phone number "
	    "filled in (action c)", "Emergency contacts: %d/%d phone numbers "
	    "filled in (action c)", contacts), filled, contacts);
	vg_tui_line(3, 2, width, line, filled < contacts ?
	    vg_tui_attr(VG_TP_WARN) : A_NORMAL);
	free(line);

	/* The list, scrolled so that the selection shows. */
	rows = LINES - 6;
	for (i = 0; i < h->nrows; i++)
		if (h->rows[i].action == HOME_DOMAIN && first_domain < 0)
			first_domain = i;
	/* one extra line for the "Domains" heading */
	if (h->sel < h->top)
		h->top = h->sel;
	while (h->sel - h->top + (h->sel >= first_domain ? 1 : 0) >= rows)
		h->top++;
	y = 5;
	vg_tui_line(4, 2, width, _("What would you like to do?"),
	    A_BOLD | A_UNDERLINE);
	for (i = h->top; i < h->nrows && y < LINES - 1; i++) {
		const struct home_row *r = &h->rows[i];
		attr_t a = i == h->sel ? vg_tui_attr(VG_TP_SELECT) : A_NORMAL;
		char key[8];
		int x;

		if (i == first_domain) {
			vg_tui_line(y++, 2, width, t->assessment ?
			    _("Domains (Enter: review the answers of a "
			    "domain)") : _("Domains"), A_BOLD | A_UNDERLINE);
			if (y >= LINES - 1)
				break;
		}
		if (i == h->sel) {
			attrset(a);
			for (x = 2; x < COLS - 2; x++)
				mvaddch(y, x, ' ');
			attrset(A_NORMAL);
		}
		if (r->action == HOME_DOMAIN)
			home_domain(h, y, r->domain, a);
		else {
			snprintf(key, sizeof key, "%c", r->key);
			vg_tui_line(y, 3, 2, key, a | A_BOLD);
			vg_tui_line(y, 6, width - 4, r->text, a);
		}
		y++;
	}
	if (t->msg[0] != '\0') {
		vg_tui_line(LINES - 2, 2, width, t->msg,
		    vg_tui_attr(VG_TP_BAD));
		t->msg[0] = '\0';
	}
}

/* Ask quick or full; 1 quick, 0 full, -1 cancelled. */
static int
home_ask_mode(struct home_view *h)
{
	struct tui_session *t = h->t;
	char *c[2], *nd;
	int sel = 0, k, y, nq;

	nq = quest_count(t->quest, 1);
	c[0] = xasprintf(vg_ngettext("Quick: %d question, about 10 minutes, "
	    "for a first look", "Quick: %d questions, about 10 minutes, for a "
	    "first look", nq), nq);
	nq = quest_count(t->quest, 0);
	nd = xasprintf(vg_ngettext("%d domain", "%d domains",
	    t->quest->ndomains), t->quest->ndomains);
	c[1] = xasprintf(vg_ngettext("Full: %d question in %s, about an hour "
	    "(it can be done in several sittings)", "Full: %d questions in %s, "
	    "about an hour (it can be done in several sittings)", nq), nq, nd);
	free(nd);
	for (;;) {
		vg_tui_frame(_("New assessment"), _("1 or 2, or \u2191 \u2193 "
		    "and Enter   Esc cancel"));
		y = 2 + vg_tui_wrap(stdscr, 2, 2, COLS - 4, 4, _("Which "
		    "questionnaire? Every answer is saved as you give it: you "
		    "can stop at any time and continue later."), A_BOLD);
		if (t->assessment != 0)
			y += vg_tui_wrap(stdscr, y + 1, 2, COLS - 4, 3,
			    _("The current assessment stays saved; the new one "
			    "starts empty and will be compared with it."),
			    A_NORMAL) + 1;
		vg_tui_choices(y + 1, 2, COLS - 4, LINES - y - 3,
		    (const char *const *)c, 2, sel);
		refresh();
		k = vg_tui_key();
		if (k == KEY_UP || k == KEY_DOWN)
			sel = !sel;
		else if (k == '1' || k == '2') {
			sel = k - '1';
			break;
		} else if (k == '\r' || k == '\n' || k == KEY_ENTER)
			break;
		else if (k == 27 || k == 'q') {
			sel = -1;
			break;
		}
	}
	free(c[0]);
	free(c[1]);
	return sel < 0 ? -1 : sel == 0;
}

/* Open the questions from step START; the dispatcher shows the results
 * when the last one is answered. */
static int
home_questions(struct tui_go *go, int start)
{
	go->screen = &tui_question_screen;
	go->arg = start;
	return TUI_OPEN;
}

static int
home_open(struct tui_go *go, const struct tui_screen *screen)
{
	go->screen = screen;
	return TUI_OPEN;
}

static int
home_do(struct home_view *h, const struct home_row *r, struct tui_go *go)
{
	struct tui_session *t = h->t;
	char err[VG_ERRLEN];
	int quick;

	switch (r->action) {
	case HOME_RESUME:
		return home_questions(go, answers_first_open_ask(t->answers) >=
		    0 || answers_first_open(t->answers, t->info.quick) >= 0 ?
		    -1 : 0);
	case HOME_FULL:
		if (record_set_quick(t->store, t->assessment, 0, err) == -1 ||
		    tui_session_load(t, t->assessment, err) == -1) {
			snprintf(t->msg, sizeof t->msg, "%s", err);
			return TUI_STAY;
		}
		tui_session_check_done(t);
		return home_questions(go, -1);
	case HOME_RESULTS:
		return home_open(go, &tui_results_screen);
	case HOME_PLAN:
		return home_open(go, &tui_plan_screen);
	case HOME_EXPORT:
		return home_open(go, &tui_export_screen);
	case HOME_PROFILE:
		return home_open(go, &tui_profile_screen);
	case HOME_NEW:
		if ((quick = home_ask_mode(h)) < 0)
			return TUI_STAY;
		if (tui_session_new(t, quick, err) == -1) {
			snprintf(t->msg, sizeof t->msg, "%s", err);
			return TUI_STAY;
		}
		return home_questions(go, -1);
	case HOME_INCIDENT:
		if (vg_home_incident_hook == NULL)
			return TUI_STAY;
		vg_tui_end();
		(void)vg_home_incident_hook(t->store);
		if (vg_tui_init(err) == -1)
			return TUI_QUIT;
		return TUI_STAY;
	case HOME_DOMAIN:
		if (t->assessment == 0)
			return home_do(h, &h->rows[0], go);
		return home_questions(go, tui_question_step_of_domain(t,
		    r->domain));
	}
	return TUI_STAY;
}

static void *
home_enter(struct tui_session *t, int arg)
{
	struct home_view *h;

	(void)arg;
	h = xcalloc(1, sizeof *h);
	h->t = t;
	return h;
}

/* The rows follow the session: built again each time it is drawn. */
static void
home_screen_draw(void *view)
{
	home_build(view);
	home_draw(view);
}

static int
home_key(void *view, int k, struct tui_go *go)
{
	struct home_view *h = view;
	int i;

	if (k == 'q' || k == 'Q')
		return TUI_QUIT;
	switch (k) {
	case KEY_UP:
		if (h->sel > 0)
			h->sel--;
		break;
	case KEY_DOWN:
		if (h->sel + 1 < h->nrows)
			h->sel++;
		break;
	case KEY_HOME:
		h->sel = 0;
		break;
	case KEY_END:
		h->sel = h->nrows - 1;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		return home_do(h, &h->rows[h->sel], go);
	default:
		for (i = 0; i < h->nrows; i++)
			if (h->rows[i].key != 0 && h->rows[i].key == k) {
				h->sel = i;
				return home_do(h, &h->rows[i], go);
			}
		break;
	}
	return TUI_STAY;
}

static void
home_leave(void *view)
{
	struct home_view *h = view;

	home_clear(h);
	free(h);
}

/* The bottom of the dispatcher's stack: leaving it leaves vigie. */
const struct tui_screen tui_home_screen = {
	.name = "home",
	.enter = home_enter,
	.draw = home_screen_draw,
	.key = home_key,
	.leave = home_leave,
};
