/*
 * assess.h — the maturity questionnaire: its model loaded from XML
 * (quest_*), a set of answers (answers_*), their place in the store
 * (record_*), scoring (score_*), the action plan (plan_*), the comparison
 * of two assessments (compare_*), batch answer files (batch_*), the
 * report and the blank form (report_*, form_*). None of this uses
 * curses: the TUI screens (assess/tui-*.c) only draw and read keys.
 *
 * Answers are small integers: a level 0..4, AS_DK ("I don't know"),
 * AS_NA ("not concerned") or AS_UNSET (not answered yet).
 */
#ifndef VIGIE_ASSESS_H
#define VIGIE_ASSESS_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

struct vg_store;
struct vg_doc;

#define AS_UNSET	(-1)
#define AS_DK		5	/* "Je ne sais pas": counts as level 0 */
#define AS_NA		6	/* "Pas concerné": left out of the score */
#define AS_LEVELS	5	/* levels 0..4 */
#define AS_TARGET	3	/* below this level a measure is proposed */

/* Who can answer a question or carry out a measure. */
enum as_role {
	AS_ROLE_NONE, AS_ROLE_SECRETARY, AS_ROLE_ELECTED, AS_ROLE_PROVIDER,
	AS_ROLE_EPCI, AS_ROLE_DPO, AS_ROLE_INSURER, AS_ROLE_VENDOR,
	AS_ROLE_COUNT
};

/* ---- The questionnaire (assess/quest.c) --------------------------- */

/*
 * Texts are in the current language (vg_lang()), whitespace collapsed;
 * they may hold {term} placeholders that answers_subst() fills in.
 */
struct quest_term {
	char	*name;
	char	*text;
};

struct quest_option {
	char			*value;
	char			*label;
	struct quest_term	*terms;		/* terms this option sets */
	int			 nterms;
};

struct quest_ask {			/* a context question, not scored */
	char			*id;
	char			*text;
	char			*why;		/* NULL if none */
	struct quest_option	*options;
	int			 noptions;
	int			 index;		/* in quest->asks */
};

struct quest_measure {
	char		*id;
	int		 priority;	/* 1 first */
	unsigned	 who;		/* bit (1 << enum as_role) per role */
	int		 effort;	/* 0 an hour, 1 a few days, 2 a project */
	int		 cost;		/* 0 free, 1 €, 2 €€ */
	char		*title;
	char		*why;
	char		*step;		/* the first concrete step */
};

struct quest_choice {
	int	 level;
	char	*label;
};

struct quest_na_if {
	char	*ask;
	char	*value;
};

struct quest_domain;

struct quest_question {
	char			*id;
	int			 weight;	/* 1..3 */
	int			 basic;		/* a basic measure: weight 3
					   or basic="yes" (caps its domain) */
	int			 quick;		/* part of the quick mode */
	int			 na;		/* "not concerned" offered */
	enum as_role		 ask;		/* who can find out */
	char			*text;
	char			*why;
	char			*example;	/* NULL if none */
	struct quest_choice	*choices;	/* by increasing level */
	int			 nchoices;
	struct quest_na_if	*na_if;
	int			 nna_if;
	char			*anssi, *cis, *csf;	/* NULL if none */
	char			*replaces;	/* ID of an earlier question
					   this one replaces (a split),
					   NULL if none */
	struct quest_measure	*measure;
	struct quest_domain	*domain;
	int			 index;		/* in quest->questions */
	long			 line;		/* in the XML file */
};

struct quest_domain {
	char			 *id;
	char			 *name;
	char			 *brief;	/* short name for charts */
	char			 *text;		/* NULL if none */
	struct quest_question	**questions;
	int			  nquestions;
	int			  index;
};

struct quest {
	char			*id;
	char			*version;
	char			*title;
	char			*intro;		/* NULL if none */
	char			*name;		/* file name, for messages */
	char			 sha256[65];	/* of the XML bytes */
	char			*xml;		/* the XML bytes, kept */
	size_t			 xmllen;
	struct quest_term	*terms;		/* default terms */
	int			 nterms;
	struct quest_ask	*asks;
	int			 nasks;
	struct quest_domain	*domains;
	int			 ndomains;
	struct quest_question	*questions;	/* all, in file order */
	int			 nquestions;
	struct quest_measure	*measures;
	int			 nmeasures;
};

/*
 * Load a questionnaire: PATH, or the shipped one when PATH is NULL
 * (rules/questionnaire/communes.xml), validated against
 * questionnaire/questionnaire.rng and checked for what a schema cannot
 * say (unique IDs, known measures and context values, distinct levels).
 * Returns a questionnaire owned by the caller (quest_free) or NULL with
 * err set to "FILE:LINE: cause".
 */
struct quest	*quest_load(const char *path, char *err);
/* The same from memory; NAME is used in messages. */
struct quest	*quest_load_mem(const char *buf, size_t len, const char *name,
		    char *err);
void		 quest_free(struct quest *);

/* Lookups by ID; NULL when absent. */
struct quest_question	*quest_question(const struct quest *, const char *id);
struct quest_ask	*quest_ask(const struct quest *, const char *id);
struct quest_option	*quest_option(const struct quest_ask *,
			    const char *value);
/* The choice of QUESTION at LEVEL, NULL if it has none at that level. */
const struct quest_choice *quest_choice(const struct quest_question *,
			    int level);
/* Number of questions of the mode (all, or the quick ones). */
int			 quest_count(const struct quest *, int quick);
int			 quest_in_mode(const struct quest_question *,
			    int quick);

/* Role names: "provider" <-> AS_ROLE_PROVIDER. */
const char	*quest_role_id(enum as_role);
int		 quest_role_parse(const char *, enum as_role *);

/* ---- A set of answers (assess/answers.c) -------------------------- */

struct answers {
	const struct quest	*quest;
	int			*value;		/* per question: level, AS_* */
	char			**note;		/* per question, NULL if none */
	int			*later;		/* per question: "check later" */
	char			**ctx;		/* per ask: option value or NULL */
};

/* An empty set for QUEST (which must outlive it); free with
 * answers_free(). */
struct answers	*answers_new(const struct quest *);
void		 answers_free(struct answers *);

/*
 * The answer that counts: AS_NA when the context makes the question "not
 * concerned" (a matching <na-if>), else the recorded value.
 */
int		 answers_get(const struct answers *,
		    const struct quest_question *);
/* Whether the context alone makes QUESTION "not concerned". */
int		 answers_auto_na(const struct answers *,
		    const struct quest_question *);

/*
 * TEXT with its {term} placeholders replaced by the term chosen by the
 * context (else the questionnaire's default); {Term} gives a capital
 * first letter. Unknown placeholders stay as they are. Owned by the
 * caller (free).
 */
char		*answers_subst(const struct answers *, const char *text);

/*
 * Whether VALUE (a level, AS_DK, AS_NA or AS_UNSET) is an answer QUESTION
 * offers: the one check of an answer, from the TUI, an answers file or a
 * bundle. NA_OK: "not concerned" is allowed (offered, or the context
 * makes it so). Returns -1 with err set to the reason ("level 9 is not
 * one of its answers (0-3)...") otherwise.
 */
int		 answers_check(const struct quest_question *, int value,
		    int na_ok, char *err);
/* "0".."4", "dk", "na" <-> value; parse returns -1 on anything else. */
int		 answers_parse_value(const char *, int *value);
const char	*answers_value_id(int value);
/* Words for the user: the choice's label, "I don't know"... Static or
 * owned by the questionnaire: never free. */
const char	*answers_value_label(const struct quest_question *, int value);

/* First question of the mode with no answer and not auto N/A, or -1. */
int		 answers_first_open(const struct answers *, int quick);
/* Questions of the mode answered (auto N/A counts as answered). */
int		 answers_done(const struct answers *, int quick);
/* First context question not answered, or -1. */
int		 answers_first_open_ask(const struct answers *);

/* ---- Assessments in the store (assess/record.c) ------------------- */

struct record_info {
	int64_t	 id;
	int64_t	 commune;
	char	 qid[64];		/* questionnaire ID and version */
	char	 qversion[64];
	int	 quick;
	char	 source[16];		/* "tui", "batch" */
	char	 started[32];		/* UTC, ISO 8601 */
	char	 updated[32];
	char	 finished[32];		/* "" while open */
};

/*
 * Start a new assessment of COMMUNE with QUEST (whose XML is stored once,
 * so that the report of an old assessment shows the questions as they
 * were asked). One transaction. *id is the new assessment.
 */
int	record_begin(struct vg_store *, int64_t commune,
	    const struct quest *, int quick, const char *source, int64_t *id,
	    char *err);
/* The row of Q in assess_questionnaire (its XML kept once per SHA-256),
 * inserted if new. Runs in the caller's transaction. */
int	record_questionnaire(struct vg_store *, const struct quest *q,
	    int64_t *row, char *err);
/* The latest assessment of COMMUNE (0 if none). */
int	record_latest(struct vg_store *, int64_t commune, int64_t *id,
	    char *err);
/* The assessment before ID of the same commune (0 if none). */
int	record_previous(struct vg_store *, int64_t id, int64_t *prev,
	    char *err);
int	record_info(struct vg_store *, int64_t id, struct record_info *,
	    char *err);
/* All assessments of COMMUNE, oldest first; *list owned by the caller. */
int	record_list(struct vg_store *, int64_t commune,
	    struct record_info **list, int *n, char *err);
/* The questionnaire an assessment was made with (from its stored XML).
 * Owned by the caller (quest_free). */
struct quest *record_quest(struct vg_store *, int64_t id, char *err);

/*
 * Read the answers of assessment ID into A (whose questionnaire may be
 * another version: answers to unknown IDs are skipped).
 */
int	record_load(struct vg_store *, int64_t id, struct answers *a,
	    char *err);

/*
 * Each of these commits at once (one transaction): an answer given in the
 * TUI survives a SIGKILL the moment the call returns. VALUE is an
 * answers_value_id() or a context option; NULL clears it.
 */
int	record_answer(struct vg_store *, int64_t id, const char *question,
	    const char *value, char *err);
int	record_note(struct vg_store *, int64_t id, const char *question,
	    const char *note, char *err);
int	record_later(struct vg_store *, int64_t id, const char *question,
	    int later, char *err);
/* Quick -> full; finished time stamp (set or cleared). */
int	record_set_quick(struct vg_store *, int64_t id, int quick, char *err);
int	record_finish(struct vg_store *, int64_t id, int finished, char *err);

/*
 * Record a whole set of answers as a new assessment, in one transaction:
 * all or nothing. Used by batch mode.
 */
int	record_all(struct vg_store *, int64_t commune, const struct answers *,
	    int quick, const char *source, int64_t *id, char *err);

/* ---- Scoring (assess/score.c) ------------------------------------- */

enum score_state {
	SCORE_OK,		/* a level */
	SCORE_EMPTY,		/* no answer yet */
	SCORE_NOT_EVALUATED,	/* more than half the weight not concerned */
};

struct score_domain {
	const struct quest_domain	*domain;
	enum score_state		 state;
	double		 value;		/* 0..4 (capped), -1 unless SCORE_OK */
	double		 raw;		/* before the cap */
	int		 level;		/* 0..4, -1 unless SCORE_OK */
	int		 capped;	/* held by its weakest basic measure */
	const struct quest_question *cap_by;	/* that measure (the first) */
	int		 cap_level;	/* the level it is held at */
	int		 cap_dk;	/* cap_by was answered "don't know" */
	double		 certainty;	/* 0..1, -1 when nothing to weigh */
	int		 to_confirm;	/* certainty below 70 % */
	int		 questions;	/* of the mode */
	int		 answered;	/* incl. "not concerned" */
	int		 dk, na;
	int		 w_total, w_na, w_scored, w_known;
};

struct score {
	struct score_domain	*domains;	/* one per quest domain */
	int			 ndomains;
	double			 overall;	/* mean of SCORE_OK domains */
	int			 overall_level;	/* -1 if none is evaluated */
	int			 evaluated;	/* domains with a level */
	int			 questions, answered, dk, na, later;
};

/* Fill S (caller-owned struct; score_free releases its array). */
void		 score_compute(const struct answers *, int quick, struct score *);
void		 score_free(struct score *);
/* "À démarrer", "Premiers pas"... (translated, static). */
const char	*score_level_word(int level);
/* A short state word for a domain: the level word, "not evaluated"... */
const char	*score_domain_word(const struct score_domain *);
/* Why domain D is held at d->cap_level (static, translated). */
const char *score_cap_reason(const struct score_domain *d);

/* ---- The action plan (assess/plan.c) ------------------------------ */

struct plan_item {
	const struct quest_measure	 *measure;
	const struct quest_question	**questions;	/* that led to it */
	int				  nquestions;
	int				  level;	/* lowest of them */
	int				  rank;		/* weight x gap */
};

struct plan_task {			/* "find out": a "don't know" */
	const struct quest_question	*question;
	enum as_role			 role;
};

struct plan {
	struct plan_item	*items;		/* in priority order */
	int			 nitems;
	struct plan_task	*tasks;
	int			 ntasks;
};
#define PLAN_TOP	5	/* shown first */

void		 plan_build(const struct answers *, int quick, struct plan *);
void		 plan_free(struct plan *);
/* "the town hall secretary", "your IT provider" (from the context)...
 * Owned by the caller (free). */
char		*plan_role_name(const struct answers *, enum as_role);
/* All the roles of a measure, "secretary, IT provider"; caller frees. */
char		*plan_who(const struct answers *, const struct quest_measure *);
const char	*plan_effort_word(int effort);
const char	*plan_cost_word(int cost);

/* ---- Comparing two assessments (assess/compare.c) ------------------ */

struct compare_domain {
	const struct quest_domain	*domain;
	double				 before, after;	/* -1: not evaluated */
};

struct compare_change {
	const struct quest_question	*question;
	int				 before, after;	/* answers */
};

struct compare {
	struct compare_domain	*domains;
	int			 ndomains;
	struct compare_change	*better;
	int			 nbetter;
	struct compare_change	*worse;
	int			 nworse;
};

/* BEFORE and AFTER are answers to the same questionnaire. */
void	compare_build(const struct answers *before, int before_quick,
	    const struct answers *after, int after_quick, struct compare *);
void	compare_free(struct compare *);

/* ---- Batch answer files (assess/batch.c) -------------------------- */

/* The answer file template: a new JSON object owned by the caller. */
json_t	*batch_template(const struct quest *, int quick,
	    const char *commune);

struct batch {
	char		*commune;	/* NULL if the file names none */
	int		 quick;
	struct answers	*answers;
};

/*
 * Parse and check an answers file (BUF, LEN bytes, named NAME in
 * messages) against QUEST. On error nothing is kept and err names the
 * question and the problem. B is filled on success; batch_free() it.
 */
int	batch_parse(const struct quest *, const char *buf, size_t len,
	    const char *name, struct batch *b, char *err);
void	batch_free(struct batch *);

/* ---- Reports (assess/report.c) and the blank form (assess/form.c) - */

/*
 * Everything a report shows about one assessment, gathered from the
 * store. report_load() fills R (caller-owned struct); report_free()
 * releases what it holds.
 */
struct report {
	struct record_info	 info;
	struct quest		*quest;
	struct answers		*answers;
	struct score		 score;
	struct plan		 plan;
	int			 has_previous;
	struct record_info	 prev_info;
	struct answers		*previous;	/* NULL if none */
	struct score		 prev_score;
	struct compare		 compare;
	char			*commune_name;
	char			**profile;	/* per vg_profile_keys() */
	int			 nprofile;
};

int	report_load(struct vg_store *, int64_t assessment, struct report *,
	    char *err);
void	report_free(struct report *);
/* Append the report's sections to DOC (the dossier may add its own). */
void	report_doc(const struct report *, struct vg_doc *);
/* The part of the report the commune dossier shows in its questionnaire
 * section: introduction, results per domain, "find out" tasks, answers
 * that need work (the plan and contacts are the dossier's own). */
void	report_doc_dossier(const struct report *, struct vg_doc *);
/* The report as JSON: a new object owned by the caller. */
json_t	*report_json(const struct report *);

/*
 * Write the report of ASSESSMENT to PATH ("-": stdout, not for odt) in
 * FORMAT: "html", "odt", "md" (through doc.h) or "json". The file is
 * created 0600: it holds the commune's data.
 */
int	report_write(struct vg_store *, int64_t assessment, const char *format,
	    const char *path, char *err);

/* Append the blank paper form of QUEST (all, or the quick mode) to DOC. */
void	form_doc(const struct quest *, int quick, struct vg_doc *);

/* ---- Bundles (assess/bundle.c) ------------------------------------- */

/* The "assessments" part of commune bundles (see module.h): the
 * questionnaires (their XML) and every assessment with its answers. */
struct vg_bundle_part;
extern const struct vg_bundle_part assess_bundle_part;

/* ---- The home screen ---------------------------------------------- */

/*
 * Set by the incident mode (issue 7) when it is built in: the home
 * screen then offers "i  Incident in progress" and calls it. NULL by
 * default. It returns when the user leaves the incident screens.
 */
extern int (*vg_home_incident_hook)(struct vg_store *);

/* The assess tables' schema (vigie/store.h; assess/record.c), listed by
 * modules.c. */
struct vg_schema;
extern const struct vg_schema record_schema;

#endif
