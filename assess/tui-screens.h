/*
 * tui-screens.h — what the assessment's full-screen parts share: the
 * session (store, commune, current assessment and its answers) and one
 * entry point per screen. Internal to assess/: the screens draw and read
 * keys; everything they decide is done by the assess_* logic.
 */
#ifndef VIGIE_ASSESS_TUI_SCREENS_H
#define VIGIE_ASSESS_TUI_SCREENS_H

#include <stdint.h>

#include "vigie/base.h"
#include "vigie/assess.h"

struct vg_store;

struct tui_session {
	struct vg_store		*store;
	int64_t			 commune;
	const char		*qpath;		/* --questionnaire, or NULL */
	int64_t			 assessment;	/* 0: none yet */
	struct record_info	 info;
	struct quest		*quest;		/* of that assessment */
	struct answers		*answers;
	struct answers		*previous;	/* the one before, or NULL */
	int64_t			 prev_id;
	int			 prev_quick;
	char			 msg[VG_ERRLEN]; /* shown once, then cleared */
};

/*
 * tui-session.c: the whole TUI for `vigie assess` (HOME 0: straight to
 * the questions, resuming the open assessment or starting one of the
 * mode asked) and `vigie home` (HOME 1). Returns an exit code.
 */
int	tui_session_main(const char *qpath, int quick, int home);
/* Open the latest assessment, start a new one. */
int	tui_session_open(struct tui_session *, struct vg_store *,
	    const char *qpath, char *err);
int	tui_session_new(struct tui_session *, int quick, char *err);
int	tui_session_load(struct tui_session *, int64_t id, char *err);
void	tui_session_close(struct tui_session *);
/* Mark the assessment finished when nothing is left to answer. */
void	tui_session_check_done(struct tui_session *);
/* The commune's name from its profile, or a placeholder; caller frees. */
char	*tui_session_commune(struct tui_session *);
/* "12/03/2026" from an ISO time; OUT has at least 16 bytes. */
void	 tui_session_date(const char *iso, char *out);

/* Return values of the screens. */
#define TUI_BACK	0	/* back to the previous screen */
#define TUI_QUIT	1	/* leave vigie */
#define TUI_DONE	2	/* the last question was answered */

/* tui-question.c: the questions, from step START (-1: the first one not
 * answered). Steps are the context questions, then the questions of the
 * mode. */
int	tui_question_run(struct tui_session *, int start);
/* The step of the first question of DOMAIN in the current mode. */
int	tui_question_step_of_domain(struct tui_session *, int domain);

/* tui-results.c: the bar chart, and the action plan. */
int	tui_results_run(struct tui_session *);
int	tui_results_plan(struct tui_session *);

/* tui-profile.c: the commune profile and contacts. */
int	tui_profile_run(struct tui_session *);

/* tui-export.c: write the report. */
int	tui_export_run(struct tui_session *);

/* tui-home.c: the home screen. */
int	tui_home_run(struct tui_session *);

#endif
