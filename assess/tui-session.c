/*
 * tui-session.c — the state the assessment screens share: the commune,
 * its current assessment (the latest one), the questionnaire it was
 * made with, its answers, and the answers of the assessment before it
 * (shown as "last time").
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

int
tui_session_main(const char *qpath, int quick, int home)
{
	struct tui_session t;
	struct vg_store *s = NULL;
	struct quest *f;
	char err[VG_ERRLEN];
	int rc = VG_EXIT_ERROR, fresh, r;

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
	r = TUI_BACK;
	if (!home) {
		r = tui_question_run(&t, -1);
		if (r == TUI_DONE)
			r = tui_results_run(&t);
	}
	if (r != TUI_QUIT)
		tui_home_run(&t);
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
