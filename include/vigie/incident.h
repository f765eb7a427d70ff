/*
 * incident.h — incident mode: Paris local time and deadlines, the
 * incident checklist (data in rules/checklist/), incidents and their
 * timeline in the store, and the documents built from them (checklist,
 * CNIL draft, first-actions sheet).
 *
 * Times are time_t (UTC seconds) everywhere; only display converts them
 * to Europe/Paris local time, with the EU daylight-saving rule computed
 * here (no dependency on the system's time zone database).
 */
#ifndef VIGIE_INCIDENT_H
#define VIGIE_INCIDENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct vg_store;
struct vg_doc;

/* ---- Paris time (respond/deadline.c) ------------------------------ */

/*
 * Offset of Europe/Paris from UTC at T, in seconds: 7200 in summer time
 * (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC),
 * 3600 otherwise. The EU rule in force since 1996.
 */
int	deadline_paris_offset(time_t t);

/* Broken-down Paris local time of T (tm_wday, tm_yday set, tm_isdst 0/1). */
void	deadline_paris_tm(time_t t, struct tm *out);

/*
 * Local Paris time Y-M-D h:m:s to UTC. Returns 0 and sets *t; 1 when the
 * local time occurs twice (October change: the first, summer-time one is
 * taken); -1 when it does not exist (March change) or is out of range.
 */
int	deadline_from_paris(int y, int mon, int d, int h, int min, int s,
	    time_t *t);

/*
 * Parse a T0 typed by a person: "now", "2026-11-25 08:10[:SS]",
 * "2026-11-25T08:10", "25/11/2026 08:10", "08:10" (today), each in Paris
 * time unless followed by "Z" or an offset ("+01:00", "+0100"). A time
 * more than 5 minutes after NOW is refused. On success sets *t0 and
 * *ambiguous (the local time occurred twice; the first was taken).
 * Returns -1 with err set otherwise.
 */
/*
 * Whether T0 is a possible moment of discovery: from 2000 to 2100 in
 * Paris, and not more than 5 minutes after NOW. The one check of a T0,
 * whether typed (deadline_parse_t0) or read from a bundle. -1 with err.
 */
int	deadline_check_t0(time_t t0, time_t now, const char *shown,
	    char *err);
int	deadline_parse_t0(const char *s, time_t now, time_t *t0,
	    int *ambiguous, char *err);

/* "mer. 25/11/2026 08:10" (French) or "Wed 2026-11-25 08:10". */
void	deadline_format(time_t t, char *buf, size_t len);
/* "25/11/2026 08:10" or "2026-11-25 08:10": short form for tables. */
void	deadline_format_short(time_t t, char *buf, size_t len);
/* "2026-11-25T08:10:00+01:00": ISO 8601 with the Paris offset. */
void	deadline_format_iso(time_t t, char *buf, size_t len);
/* A duration in words: "2 j 4 h", "3 h 05 min", "12 min" (SECS >= 0). */
void	deadline_duration(long long secs, char *buf, size_t len);

/* The current time: time(), or $VIGIE_NOW (ISO form) for tests. */
time_t	deadline_now(void);

/* ---- The checklist (respond/checklist.c) -------------------------- */

/* Conditions a step may depend on; each is yes, no or unknown. */
enum cl_cond {
	CL_ALWAYS = -1,
	CL_PERSONAL_DATA, CL_HIGH_RISK, CL_INSURED, CL_RANSOMWARE, CL_NIS2,
	CL_NCOND
};
enum cl_tri { CL_UNKNOWN, CL_YES, CL_NO };

const char	*checklist_cond_name(enum cl_cond);	/* "personal-data" */
int		 checklist_cond_parse(const char *, enum cl_cond *);
const char	*checklist_tri_name(enum cl_tri);	/* "yes" */
int		 checklist_tri_parse(const char *, enum cl_tri *);
/* The condition as a question-like phrase for the user ("if personal
 * data is affected"), translated. */
const char	*checklist_cond_label(enum cl_cond);
/* The condition as a short title ("Personal data affected"). */
const char	*checklist_cond_title(enum cl_cond);
/* "yes", "no", "unknown", translated. */
const char	*checklist_tri_label(enum cl_tri);

struct cl_role {
	char	*id;		/* "mayor" */
	char	*name;		/* in the current language */
};

struct cl_field {		/* an extra profile value shown with a contact */
	char	*key;		/* "policy": profile key PREFIX.policy */
	char	*label;
};

struct cl_contact {
	char		*id;		/* "csirt" */
	char		*profile;	/* profile key prefix, or NULL */
	char		*name;		/* public name in the current language */
	char		*phone, *email, *web;	/* public defaults, or NULL */
	char		*note;		/* or NULL */
	struct cl_field	*fields;
	int		 nfields;
};

enum cl_basis { CL_BASIS_ADVICE, CL_BASIS_LAW, CL_BASIS_CONTRACT };

struct cl_step {
	char		*id;		/* "complaint" */
	char		*title, *why;	/* current language */
	char		*timing;	/* when no fixed deadline, or NULL */
	char		*law;		/* legal basis, or NULL */
	enum cl_cond	 cond;
	long		 deadline_min;	/* minutes after T0, -1 if none */
	char		*deadline_key;	/* profile key in hours, or NULL */
	enum cl_basis	 basis;		/* who sets the deadline */
	int		 remedy;	/* remedies or mitigates (art.
					   33(3)(d)): remedy="yes" */
	char	       **who;		/* role ids */
	int		 nwho;
	char	       **contacts;	/* contact ids */
	int		 ncontacts;
	char	       **ready;		/* what to have ready */
	int		 nready;
	long		 line;
};

struct cl_sheet {		/* the one-page sheet of first actions */
	char		*title, *warning, *footer;	/* footer may be NULL */
	char	       **actions;
	int		 nactions;
	char	       **contacts;	/* contact ids */
	int		 ncontacts;
};

struct checklist {
	struct cl_sheet		*sheet;	/* NULL if the file has none */
	struct cl_role		*roles;
	int			 nroles;
	struct cl_contact	*contacts;
	int			 ncontacts;
	struct cl_step		*steps;
	int			 nsteps;
};

/*
 * Load the checklist from PATH (NULL: vg_data_path("checklist/
 * checklist.xml")), validated against checklist.rng beside it, texts in
 * the current language. Cross-references (roles, contacts, duplicate
 * ids) are checked too. The result is owned by the caller
 * (checklist_free). Returns -1 with err set ("FILE:LINE: cause").
 */
int	checklist_load(const char *path, struct checklist **out, char *err);
/* The same from memory (fuzzing, tests); SCHEMA may be NULL. */
int	checklist_load_mem(const char *buf, size_t len, const char *name,
	    const char *schema, struct checklist **out, char *err);
void	checklist_free(struct checklist *);

const struct cl_step	*checklist_step(const struct checklist *,
			    const char *id);
const struct cl_role	*checklist_role(const struct checklist *,
			    const char *id);
const struct cl_contact	*checklist_contact(const struct checklist *,
			    const char *id);

/* ---- Incidents in the store (respond/incident.c) ------------------ */

struct incident {
	int64_t		 id;
	int64_t		 commune;
	time_t		 t0, opened, closed;	/* closed 0 while open */
	enum cl_tri	 cond[CL_NCOND];
	char		*what;		/* what happened, or NULL */
	char		*data;		/* categories of personal data */
	long long	 people, records;	/* approximate, -1 unknown */
};

enum incident_ev {
	IEV_OPEN, IEV_LOG, IEV_DONE, IEV_UNDO, IEV_SET, IEV_CLOSE,
};
const char	*incident_ev_name(enum incident_ev);

struct incident_event {
	int64_t		 id;
	time_t		 at;		/* when it happened */
	time_t		 recorded;	/* when it was written down */
	enum incident_ev kind;
	char		*step;		/* IEV_DONE / IEV_UNDO, else NULL */
	char		*text;		/* or NULL */
	char		*author;	/* or NULL */
};

/*
 * Open an incident for COMMUNE from the fields of IN (id, opened and
 * closed ignored); records an "open" event. The store transaction is
 * committed before returning. Sets *id.
 */
int	incident_open(struct vg_store *, const struct incident *in,
	    const char *author, int64_t *id, char *err);
/* Fill *out (caller frees with incident_clear). Returns -1 if unknown. */
int	incident_get(struct vg_store *, int64_t id, struct incident *out,
	    char *err);
void	incident_clear(struct incident *);
/*
 * The incident a command works on for COMMUNE: the open one; with
 * ANY_STATE also the last closed one. *id is 0 when there is none.
 */
int	incident_current(struct vg_store *, int64_t commune, int any_state,
	    int64_t *id, char *err);
/*
 * The incident a command works on: number ARG (--incident) if not NULL,
 * else the current one of the current commune (see incident_current).
 * Sets *commune (0 when the store has no commune yet) and *id (0 when
 * there is no such incident; an error only for a bad ARG).
 */
int	incident_select(struct vg_store *, const char *arg, int any_state,
	    int64_t *commune, int64_t *id, char *err);
/*
 * The commune a new incident is for: the current one, created (empty)
 * when the store has none yet, in a transaction of its own committed
 * before returning. Sets *commune.
 */
int	incident_commune(struct vg_store *, int64_t *commune, char *err);
/* Rewrite the conditions and facts of IN->id and log what changed. */
int	incident_update(struct vg_store *, const struct incident *in,
	    const char *author, char *err);
/* Add one event (log text, done/undo of a step, close); committed. */
int	incident_event_add(struct vg_store *, int64_t id,
	    enum incident_ev kind, time_t at, const char *step,
	    const char *text, const char *author, char *err);
/*
 * The timeline of incident ID in order of time. *out is an array of *n
 * events owned by the caller (incident_events_free).
 */
int	incident_events(struct vg_store *, int64_t id,
	    struct incident_event **out, int *n, char *err);
void	incident_events_free(struct incident_event *, int n);
/* When STEP was last ticked done (and not undone) in EVENTS, else 0. */
time_t	incident_step_done(const struct incident_event *, int n,
	    const char *step);

/* One timeline entry in words ("Done: <step title> — note (author)"),
 * step titles from CL when not NULL. Owned by the caller. */
char	*incident_event_words(const struct checklist *cl,
	    const struct incident_event *);
/* The incident and its timeline as JSON (new reference). */
struct json_t	*incident_json(const struct incident *,
		    const struct incident_event *, int n);

/* ---- The checklist applied to an incident (respond/checklist-plan.c) */

enum cl_state {
	CL_ST_PENDING,		/* deadline ahead */
	CL_ST_OVERDUE,		/* deadline passed, not done */
	CL_ST_DONE,
	CL_ST_OPEN,		/* no fixed deadline, not done */
};

struct cl_channel {		/* one way to reach a contact */
	char		*value;		/* NULL: missing */
	int		 from_profile;
	char		*key;		/* profile key to set when missing */
};

struct cl_contact_view {
	const struct cl_contact	*c;
	char			*name;	/* profile name, else public name */
	struct cl_channel	 phone, email, web;
	char		       **fields;	/* "label: value" lines */
	int			 nfields;
};

struct cl_item {
	const struct cl_step	*s;
	int			 maybe;	/* the condition is unknown */
	time_t			 deadline;	/* 0: none */
	enum cl_state		 state;
	time_t			 done_at;
	struct cl_contact_view	*contacts;
	int			 ncontacts;
};

struct cl_plan {
	const struct checklist	*cl;
	const struct incident	*inc;	/* NULL: before any incident */
	time_t			 now;
	struct cl_item		*items;	/* the steps that apply */
	int			 nitems;
	int			 overdue;
	int			 skipped;	/* steps ruled out */
	char			*commune_name;	/* or NULL */
};

/*
 * Apply CL to INC (NULL: no incident, deadlines stay relative) with the
 * events of its timeline and the profile of COMMUNE (0: none; STORE may
 * be NULL then) at time NOW. Steps whose condition is "no" are left
 * out. The plan points into CL and INC, which must outlive it; free it
 * with checklist_plan_free.
 */
/*
 * Whether the commune is insured, as the checklist decides it: what the
 * incident says, else CL_YES when the profile names an insurer or a
 * policy, else CL_UNKNOWN.
 */
enum cl_tri checklist_insured(const struct incident *inc,
	    struct vg_store *store, int64_t commune);

int	checklist_plan(const struct checklist *cl, const struct incident *inc,
	    const struct incident_event *ev, int nev, struct vg_store *store,
	    int64_t commune, time_t now, struct cl_plan *out, char *err);
void	checklist_plan_free(struct cl_plan *);

/* Fill the plan into a document (checklist as paper). */
void	checklist_plan_doc(const struct cl_plan *, struct vg_doc *);

/*
 * Words for one item, translated, into BUF: its deadline and state
 * ("before Wed 2026-11-25 11:10 — 2 h 05 min left", "overdue by 3 h
 * (deadline ...)", "done Wed ... 08:20", "right away", the timing text,
 * or "within 72 h of discovery" when there is no incident).
 */
void	checklist_item_when(const struct cl_plan *, const struct cl_item *,
	    char *buf, size_t len);
/* Short state word: "DONE", "OVERDUE", "TO DO", "IF NEEDED". */
const char	*checklist_item_state(const struct cl_item *);
/* "the mayor (or a deputy), the IT provider". Owned by the caller. */
char	*checklist_item_who(const struct cl_plan *, const struct cl_item *);
/* "Name — phone: X — e-mail: Y — web: Z"; a missing phone says "to be
 * filled in", with HINTS followed by "(vigie profile set KEY)". Owned by
 * the caller. */
char	*checklist_contact_line(const struct cl_contact_view *, int hints);

/* The words shown for a missing value: "à renseigner". */
const char	*checklist_missing(void);

/* ---- What the respond commands share (respond/cmd-checklist.c) ---- */

struct vg_cmd;

/* Everything a respond document is made from. */
struct cl_context {
	struct checklist	*cl;
	struct vg_store		*store;
	int64_t			 commune;	/* 0: none yet */
	int			 has_inc;
	struct incident		 inc;
	struct incident_event	*ev;
	int			 nev;
	struct cl_plan		 plan;		/* at deadline_now() */
};

/*
 * Load the checklist, open the store, find the incident (number ARG, else
 * the open one; none is accepted when ALLOW_NONE) and build the plan.
 * Prints its errors; release with checklist_context_free.
 */
int	checklist_context(const char *arg, int allow_none,
	    struct cl_context *);
void	checklist_context_free(struct cl_context *);

/*
 * Options of the document commands: --incident ID, --format F (one of
 * the NULL-terminated FORMATS, the first being the default; --json
 * means json), -o FILE. Returns VG_OPT_CONTINUE or an exit code.
 */
int	checklist_doc_opts(const struct vg_cmd *self, int argc, char **argv,
	    const char *const *formats, const char **incident,
	    const char **format, const char **output);

/*
 * -o FILE for text and JSON output: stdout goes to a temporary file
 * beside PATH (0600, O_EXCL) until checklist_stdout_end() renames it over
 * PATH (or removes it when !OK). PATH NULL or "-": stdout stays. Both
 * return -1 with err set.
 */
struct cl_redirect {
	char	*tmp;
	int	 saved;
};
int	checklist_stdout_begin(const char *path, struct cl_redirect *,
	    char *err);
int	checklist_stdout_end(const char *path, struct cl_redirect *, int ok,
	    char *err);

/* TEXT word-wrapped to 78 columns after the prefix FIRST, next lines
 * indented by INDENT; control characters made visible. */
void	checklist_print_wrapped(FILE *, const char *first, int indent,
	    const char *text);

/* ---- The commune dossier (respond/incident-dossier.c) ------------- */

/*
 * Append the incident part of the dossier of COMMUNE to DOC: whether the
 * sheet of first actions was written, then the latest incidents with
 * their timelines. The program lists it among the dossier's sections
 * as incident_dossier_section (module.h, modules.c).
 */
int	incident_dossier(struct vg_store *, int64_t commune, struct vg_doc *,
	    char *err);
struct vg_dossier_section;
extern const struct vg_dossier_section incident_dossier_section;

/* ---- Full-screen incident mode (respond/incident-tui.c) ----------- */

/* Run the incident screens on the terminal. Returns an exit code. */
int	incident_tui(struct vg_store *);
/* The same as the home screen's "Incident in progress" (module.h). */
struct vg_home_mode;
extern const struct vg_home_mode incident_home_mode;

/* ---- Bundles (respond/incident-bundle.c) ------------------------- */

/* The "incidents" part of commune bundles (see module.h): each incident,
 * what is known of it, and its timeline. */
struct vg_bundle_part;
extern const struct vg_bundle_part incident_bundle_part;

/* The incident tables' schema (vigie/store.h; respond/incident.c), listed
 * by modules.c. */
struct vg_schema;
extern const struct vg_schema incident_schema;

#endif
