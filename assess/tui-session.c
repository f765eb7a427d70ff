/*
 * tui-session.c — the state the assessment screens share: the commune,
 * its current assessment (the latest one), the questionnaire it was
 * made with, its answers, and the answers of the assessment before it
 * (shown as "last time"); and the dispatcher that runs the screens.
 *
 * The dispatcher keeps a stack of open screens (tui-screens.h): it
 * draws the one on top, reads a key, and does what the screen's KEY
 * returns: stay, open another screen above it, go back to the one
 * below, or quit. When the questions end (TUI_DONE), the results take
 * their place, unless the results opened them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/tui.h"
#include "tui-screens.h"

static void
tui_session_drop(struct tui_session *t)
{
	answers_free(t->previous);
	answers_free(t->answers);
	quest_free(t->quest);
	t->previous = t->answers = NULL;
	t->quest = NULL;
	t->assessment = t->prev_id = 0;
	memset(&t->info, 0, sizeof t->info);
}

int
tui_session_load(struct tui_session *t, int64_t id, char *err)
{
	struct quest *q;
	struct answers *a = NULL, *p = NULL;
	struct record_info info;
	int64_t prev;
	int prev_quick = 0;

	if (record_info(t->store, id, &info, err) == -1)
		return -1;
	if ((q = record_quest(t->store, id, err)) == NULL)
		return -1;
	a = answers_new(q);
	if (record_load(t->store, id, a, err) == -1)
		goto fail;
	if (record_previous(t->store, id, &prev, err) == -1)
		goto fail;
	if (prev != 0) {
		struct record_info pi;

		p = answers_new(q);
		if (record_load(t->store, prev, p, err) == -1 ||
		    record_info(t->store, prev, &pi, err) == -1)
			goto fail;
		prev_quick = pi.quick;
	}
	tui_session_drop(t);
	t->quest = q;
	t->answers = a;
	t->previous = p;
	t->prev_id = prev;
	t->prev_quick = prev_quick;
	t->assessment = id;
	t->info = info;
	return 0;
fail:
	answers_free(p);
	answers_free(a);
	quest_free(q);
	return -1;
}

int
tui_session_open(struct tui_session *t, struct vg_store *s,
    const char *qpath, char *err)
{
	int64_t id;

	memset(t, 0, sizeof *t);
	t->store = s;
	t->qpath = qpath;
	if (vg_commune_current(s, 1, &t->commune, err) == -1)
		return -1;
	if (record_latest(s, t->commune, &id, err) == -1)
		return -1;
	if (id != 0)
		return tui_session_load(t, id, err);
	/* No assessment yet: the questionnaire alone, for the home screen. */
	if ((t->quest = quest_load(qpath, err)) == NULL)
		return -1;
	t->answers = answers_new(t->quest);
	return 0;
}

int
tui_session_new(struct tui_session *t, int quick, char *err)
{
	struct quest *q;
	int64_t id;
	int rc;

	if ((q = quest_load(t->qpath, err)) == NULL)
		return -1;
	rc = record_begin(t->store, t->commune, q, quick, "tui", &id, err);
	quest_free(q);
	if (rc == -1)
		return -1;
	return tui_session_load(t, id, err);
}

void
tui_session_close(struct tui_session *t)
{
	tui_session_drop(t);
}

void
tui_session_check_done(struct tui_session *t)
{
	char err[VG_ERRLEN];
	int done;

	if (t->assessment == 0)
		return;
	done = answers_first_open(t->answers, t->info.quick) == -1 &&
	    answers_first_open_ask(t->answers) == -1;
	if (done == (t->info.finished[0] != '\0'))
		return;
	if (record_finish(t->store, t->assessment, done, err) == -1 ||
	    record_info(t->store, t->assessment, &t->info, err) == -1)
		snprintf(t->msg, sizeof t->msg, "%s", err);
}

char *
tui_session_commune(struct tui_session *t)
{
	char err[VG_ERRLEN], *name = NULL;

	if (vg_profile_get(t->store, t->commune, "name", &name, err) == -1 ||
	    name == NULL || *name == '\0') {
		free(name);
		return xstrdup(_("Commune (name not filled in)"));
	}
	return name;
}

void
tui_session_date(const char *iso, char *out)
{
	int y, m, d;

	if (iso != NULL && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, 16, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(out, 16, "-");
}

#define TUI_DEPTH	16	/* home, results, plan, export: 4 today */

struct tui_frame {
	const struct tui_screen	*screen;
	void			*view;
};

struct tui_stack {
	struct tui_session	*t;
	struct tui_frame	 f[TUI_DEPTH];
	int			 n;
};

/* The screen on top is shown again after the one above it closed. */
static void
tui_session_resume(struct tui_stack *st)
{
	struct tui_frame *f;

	if (st->n == 0)
		return;
	f = &st->f[st->n - 1];
	if (f->screen->resume != NULL)
		f->screen->resume(f->view);
}

/* Open SCREEN above the others; when it cannot open now, the screen
 * below stays (as if it had been left at once). */
static void
tui_session_push(struct tui_stack *st, const struct tui_screen *screen,
    int arg)
{
	void *view;

	if (st->n == TUI_DEPTH)
		fatal("tui: more than %d screens open", TUI_DEPTH);
	if ((view = screen->enter(st->t, arg)) == NULL) {
		tui_session_resume(st);
		return;
	}
	st->f[st->n++] = (struct tui_frame){ screen, view };
}

static void
tui_session_pop(struct tui_stack *st)
{
	struct tui_frame *f = &st->f[--st->n];

	f->screen->leave(f->view);
}

/* Run the screens from FIRST (with ARG) above the home screen until
 * one quits or the home screen is left. */
static void
tui_session_dispatch(struct tui_session *t, const struct tui_screen *first,
    int arg)
{
	struct tui_stack st = { .t = t };
	struct tui_frame *f;
	struct tui_go go;
	int k;

	tui_session_push(&st, &tui_home_screen, 0);
	if (first != NULL)
		tui_session_push(&st, first, arg);
	while (st.n > 0) {
		f = &st.f[st.n - 1];
		if (f->screen->input != NULL)
			k = f->screen->input(f->view);
		else {
			f->screen->draw(f->view);
			refresh();
			k = vg_tui_key();
		}
		go = (struct tui_go){ NULL, 0 };
		switch (f->screen->key(f->view, k, &go)) {
		case TUI_STAY:
			break;
		case TUI_OPEN:
			tui_session_push(&st, go.screen, go.arg);
			break;
		case TUI_BACK:
			tui_session_pop(&st);
			tui_session_resume(&st);
			break;
		case TUI_DONE:
			tui_session_pop(&st);
			if (st.n > 0 && st.f[st.n - 1].screen !=
			    &tui_results_screen)
				tui_session_push(&st, &tui_results_screen, 0);
			else
				tui_session_resume(&st);
			break;
		case TUI_QUIT:
		default:
			while (st.n > 0)
				tui_session_pop(&st);
			break;
		}
	}
}

int
tui_session_main(const char *qpath, int quick, int home)
{
	struct tui_session t;
	struct vg_store *s = NULL;
	struct quest *f;
	char err[VG_ERRLEN];
	int rc = VG_EXIT_ERROR, fresh;

	memset(&t, 0, sizeof t);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		vg_warn(_("the questionnaire needs a terminal; for batch mode "
		    "use 'vigie assess --template' and '--answers FILE' (see "
		    "'vigie assess --help')"));
		return VG_EXIT_ERROR;
	}
	if (vg_store_open(vg_g.db, &s, err) == -1 ||
	    tui_session_open(&t, s, qpath, err) == -1)
		goto fail;
	if (!home) {
		/* Resume the latest assessment if it is open and of the
		 * mode and questionnaire asked for; else start a new one. */
		fresh = t.assessment == 0 || t.info.finished[0] != '\0' ||
		    (quick && !t.info.quick);
		if (!fresh && qpath != NULL) {
			if ((f = quest_load(qpath, err)) == NULL)
				goto fail;
			fresh = strcmp(f->sha256, t.quest->sha256) != 0;
			quest_free(f);
		}
		if (fresh && tui_session_new(&t, quick, err) == -1)
			goto fail;
	}
	if (vg_tui_init(err) == -1)
		goto fail;
	tui_session_dispatch(&t, home ? NULL : &tui_question_screen, -1);
	vg_tui_end();
	if (t.assessment != 0 && !vg_g.quiet)
		printf(_("Your answers are saved (assessment no. %lld, %d of %d "
		    "answered).\nType 'vigie' to come back to them.\n"),
		    (long long)t.assessment, answers_done(t.answers,
		    t.info.quick), quest_count(t.quest, t.info.quick));
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_tui_end();
	vg_warn("%s", err);
out:
	tui_session_close(&t);
	vg_store_close(s);
	return rc;
}
