/*
 * cmd-incident.c — `vigie respond incident` and its subcommands: open an
 * incident (T0 and what is known), add timeline entries, tick steps of
 * the checklist, change what is known, close, show and list. With no
 * subcommand on a terminal, the full-screen incident mode opens.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/module.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

enum {
	/* The five conditions first, in the order of enum cl_cond. */
	OPT_PERSONAL = 0x2000, OPT_HIGHRISK, OPT_INSURED, OPT_RANSOM,
	OPT_NIS2, OPT_T0, OPT_WHAT, OPT_DATA, OPT_PEOPLE, OPT_RECORDS, OPT_BY, OPT_AT,
	OPT_INCIDENT, OPT_NOTE,
};

/* What a command line says; "set" flags tell which fields were given. */
struct opts {
	const char	*incident, *by, *at, *t0, *note;
	struct incident	 inc;
	int		 set_cond[CL_NCOND];
	int		 set_what, set_data, set_people, set_records;
};

static const struct option fact_longopts[] = {
	{ "t0", required_argument, NULL, OPT_T0 },
	{ "personal-data", required_argument, NULL, OPT_PERSONAL },
	{ "high-risk", required_argument, NULL, OPT_HIGHRISK },
	{ "ransomware", optional_argument, NULL, OPT_RANSOM },
	{ "insured", required_argument, NULL, OPT_INSURED },
	{ "nis2", optional_argument, NULL, OPT_NIS2 },
	{ "what", required_argument, NULL, OPT_WHAT },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "people", required_argument, NULL, OPT_PEOPLE },
	{ "records", required_argument, NULL, OPT_RECORDS },
	{ "by", required_argument, NULL, OPT_BY },
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	VG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct option event_longopts[] = {
	{ "at", required_argument, NULL, OPT_AT },
	{ "by", required_argument, NULL, OPT_BY },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	VG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct option show_longopts[] = {
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	VG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static int
parse_count(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	return *s >= '0' && *s <= '9' && *end == '\0' && errno == 0 &&
	    *v <= 1000000000LL ? 0 : -1;
}

/* Text given by a person, checked: valid UTF-8, not too long. */
static int
check_text(const struct vg_cmd *self, const char *opt, const char *s)
{
	if (!vg_utf8_valid(s, strlen(s)) || strlen(s) > 4000) {
		vg_usage_error(self, _("%s: the text must be UTF-8, at most "
		    "4000 bytes"), opt);
		return -1;
	}
	return 0;
}

/* Parse the options of every incident subcommand. Returns
 * VG_OPT_CONTINUE, or an exit code. */
static int
parse(const struct vg_cmd *self, const struct option *longopts, int argc,
    char **argv, struct opts *o)
{
	enum cl_cond cond;
	const char *v;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->inc.people = o->inc.records = -1;
	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_T0:
			o->t0 = optarg;
			break;
		case OPT_PERSONAL:
		case OPT_HIGHRISK:
		case OPT_RANSOM:
		case OPT_INSURED:
		case OPT_NIS2:
			cond = (enum cl_cond)(c - OPT_PERSONAL);
			v = optarg != NULL ? optarg : "yes";
			if (checklist_tri_parse(v, &o->inc.cond[cond]) == -1)
				return vg_usage_error(self, _("--%s: \"%s\" "
				    "should be yes, no or unknown"),
				    checklist_cond_name(cond), v);
			o->set_cond[cond] = 1;
			break;
		case OPT_WHAT:
			if (check_text(self, "--what", optarg) == -1)
				return VG_EXIT_ERROR;
			o->inc.what = optarg;
			o->set_what = 1;
			break;
		case OPT_DATA:
			if (check_text(self, "--data", optarg) == -1)
				return VG_EXIT_ERROR;
			o->inc.data = optarg;
			o->set_data = 1;
			break;
		case OPT_PEOPLE:
		case OPT_RECORDS:
			if (parse_count(optarg, c == OPT_PEOPLE ?
			    &o->inc.people : &o->inc.records) == -1)
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not a number"), c == OPT_PEOPLE ?
				    "--people" : "--records", optarg);
			if (c == OPT_PEOPLE)
				o->set_people = 1;
			else
				o->set_records = 1;
			break;
		case OPT_BY:
			if (check_text(self, "--by", optarg) == -1)
				return VG_EXIT_ERROR;
			o->by = optarg;
			break;
		case OPT_AT:
			o->at = optarg;
			break;
		case OPT_NOTE:
			if (check_text(self, "--note", optarg) == -1)
				return VG_EXIT_ERROR;
			o->note = optarg;
			break;
		case OPT_INCIDENT:
			o->incident = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	return VG_OPT_CONTINUE;
}

/* Parse a time option (--t0, --at) against the clock. */
static int
parse_time(const struct vg_cmd *self, const char *opt, const char *s,
    time_t now, time_t *t)
{
	char err[VG_ERRLEN], when[64];
	int ambiguous;

	if (deadline_parse_t0(s, now, t, &ambiguous, err) == -1) {
		vg_usage_error(self, "%s: %s", opt, err);
		return -1;
	}
	if (ambiguous) {
		deadline_format_iso(*t, when, sizeof(when));
		vg_warn(_("%s: \"%s\" happened twice the night clocks went back;"
		    " taken as the first (%s). Add +01:00 for the second."),
		    opt, s, when);
	}
	return 0;
}

/* Open the store and find the incident; prints the error itself. */
static int
find_incident(struct opts *o, int any_state, struct vg_store **store,
    int64_t *commune, int64_t *id)
{
	char err[VG_ERRLEN];

	*store = NULL;
	if (vg_store_open(NULL, store, err) == -1 ||
	    incident_select(*store, o->incident, any_state, commune, id,
	    err) == -1) {
		vg_warn("%s", err);
		vg_store_close(*store);
		*store = NULL;
		return -1;
	}
	if (*id == 0) {
		vg_warn("%s", any_state ? _("no incident recorded yet (vigie "
		    "respond incident open)") : _("no incident is open (vigie "
		    "respond incident open, or --incident ID)"));
		vg_store_close(*store);
		*store = NULL;
		return -1;
	}
	return 0;
}

/* ---- open ---------------------------------------------------------- */

static int
cmd_respond_incident_open(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *store = NULL;
	struct opts o;
	char err[VG_ERRLEN], when[64];
	int64_t commune, id, open_id;
	time_t now = deadline_now();
	int rc;

	if ((rc = parse(self, fact_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	if (o.incident != NULL)
		return vg_usage_error(self, "%s", _("--incident is for the "
		    "other subcommands: open makes a new incident"));
	o.inc.t0 = now;
	if (o.t0 != NULL && parse_time(self, "--t0", o.t0, now, &o.inc.t0) ==
	    -1)
		return VG_EXIT_ERROR;
	if (!o.set_cond[CL_NIS2])
		o.inc.cond[CL_NIS2] = CL_NO;	/* rare: say so to change */

	rc = VG_EXIT_ERROR;
	if (vg_store_open(NULL, &store, err) == -1)
		goto fail;
	if (incident_commune(store, &commune, err) == -1)
		goto fail;
	if (incident_current(store, commune, 0, &open_id, err) == -1)
		goto fail;
	if (open_id != 0) {
		vg_warn(_("incident %lld is still open: add to it (vigie "
		    "respond incident log ...), or close it first (vigie "
		    "respond incident close)"), (long long)open_id);
		goto out;
	}
	o.inc.commune = commune;
	if (incident_open(store, &o.inc, o.by, &id, err) == -1)
		goto fail;
	deadline_format(o.inc.t0, when, sizeof(when));
	if (vg_g.json) {
		char iso[64];

		deadline_format_iso(o.inc.t0, iso, sizeof(iso));
		vg_json_emit(json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id,
		    "commune", (json_int_t)commune, "t0", iso));
	} else if (!vg_g.quiet) {
		printf(_("Incident %lld opened. Attack discovered (T0): %s, "
		    "Paris time.\n"), (long long)id, when);
		printf("%s\n", _("Right away: unplug the affected computer "
		    "from the network, do NOT switch it off, pay nothing."));
		printf("%s\n", _("Next: vigie respond checklist (whom to call, "
		    "before when)."));
	}
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	vg_store_close(store);
	return rc;
}

const struct vg_cmd cmd_respond_incident_open_entry = {
	.name = "respond incident open",
	.usage = N_("[--t0 TIME] [--personal-data yes|no|unknown] "
	    "[--ransomware] [OPTION]..."),
	.summary = N_("record an incident and start its deadlines"),
	.help = N_("Records that the commune is under attack. Every deadline "
	    "of the checklist counts from T0, the moment the attack was "
	    "discovered. Only one incident can be open at a time.\n"
	    "\n"
	    "  --t0 TIME          when it was discovered, Paris time: "
	    "\"2026-11-25 08:10\",\n"
	    "                     \"25/11/2026 08:10\", \"08:10\" (today) "
	    "or \"now\" (default);\n"
	    "                     add +01:00, +02:00 or Z to give another "
	    "offset\n"
	    "  --personal-data yes|no|unknown  data about people may be "
	    "affected\n"
	    "                     (CNIL steps; default unknown: they are "
	    "shown)\n"
	    "  --high-risk yes|no|unknown      the people concerned face a "
	    "high risk\n"
	    "  --ransomware[=yes|no|unknown]   a ransom is demanded\n"
	    "  --insured yes|no|unknown        the commune has cyber "
	    "insurance\n"
	    "                     (default: yes if the profile names an "
	    "insurer)\n"
	    "  --nis2[=yes|no]    the commune is registered under NIS2 "
	    "(default no;\n"
	    "                     communes under 30,000 inhabitants are "
	    "outside it)\n"
	    "  --what TEXT        what happened, in a few words\n"
	    "  --data TEXT        the personal data involved (civil "
	    "registry, payroll...)\n"
	    "  --people N         approximate number of people concerned\n"
	    "  --records N        approximate number of records concerned\n"
	    "  --by NAME          who records it\n"),
	.exec = cmd_respond_incident_open,
};

/* ---- set ----------------------------------------------------------- */

static int
cmd_respond_incident_set(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *store = NULL;
	struct incident cur;
	struct opts o;
	char err[VG_ERRLEN];
	int64_t commune, id;
	int rc, i, any = 0;

	if ((rc = parse(self, fact_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	for (i = 0; i < CL_NCOND; i++)
		any |= o.set_cond[i];
	any |= o.set_what | o.set_data | o.set_people | o.set_records |
	    (o.t0 != NULL);
	if (!any)
		return vg_usage_error(self, "%s", _("nothing to change: give "
		    "--personal-data, --t0, --what..."));
	if (find_incident(&o, 0, &store, &commune, &id) == -1)
		return VG_EXIT_ERROR;
	rc = VG_EXIT_ERROR;
	if (incident_get(store, id, &cur, err) == -1)
		goto fail;
	if (o.t0 != NULL && parse_time(self, "--t0", o.t0, deadline_now(),
	    &cur.t0) == -1) {
		incident_clear(&cur);
		goto out;
	}
	for (i = 0; i < CL_NCOND; i++)
		if (o.set_cond[i])
			cur.cond[i] = o.inc.cond[i];
	if (o.set_what) {
		free(cur.what);
		cur.what = xstrdup(o.inc.what);
	}
	if (o.set_data) {
		free(cur.data);
		cur.data = xstrdup(o.inc.data);
	}
	if (o.set_people)
		cur.people = o.inc.people;
	if (o.set_records)
		cur.records = o.inc.records;
	if (incident_update(store, &cur, o.by, err) == -1) {
		incident_clear(&cur);
		goto fail;
	}
	incident_clear(&cur);
	if (vg_g.json)
		vg_json_emit(json_pack("{s:I, s:b}", "id", (json_int_t)id,
		    "updated", 1));
	else if (!vg_g.quiet)
		printf(_("Incident %lld updated.\n"), (long long)id);
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	vg_store_close(store);
	return rc;
}

const struct vg_cmd cmd_respond_incident_set_entry = {
	.name = "respond incident set",
	.usage = N_("[--personal-data yes|no|unknown] [OPTION]..."),
	.summary = N_("change what is known about the incident"),
	.help = N_("Changes the facts of the open incident as they become "
	    "known; "
	    "the checklist follows (for instance --personal-data no removes "
	    "the CNIL steps). Each change is written in the timeline. "
	    "Options as for 'open': --t0, --personal-data, --high-risk, "
	    "--ransomware, --insured, --nis2, --what, --data, --people, "
	    "--records, --by, and --incident ID.\n"),
	.exec = cmd_respond_incident_set,
};

/* ---- log, done, undo, close --------------------------------------- */

static int
add_event(const struct vg_cmd *self, int argc, char **argv,
    enum incident_ev kind)
{
	struct vg_store *store = NULL;
	struct checklist *cl = NULL;
	const struct cl_step *step = NULL;
	struct opts o;
	char err[VG_ERRLEN], when[64];
	const char *text = NULL, *arg = NULL;
	int64_t commune, id;
	time_t now = deadline_now(), at = now;
	int rc, nargs = kind == IEV_CLOSE ? 0 : 1;

	if ((rc = parse(self, event_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (argc - optind < nargs)
		return vg_usage_error(self, "%s", kind == IEV_LOG ?
		    _("the text to add is missing") :
		    _("the step is missing (its id: vigie respond checklist "
		    "shows them)"));
	if (argc - optind > nargs)
		return vg_usage_error(self, kind == IEV_LOG ?
		    _("unexpected argument '%s' (quote the whole text)") :
		    _("unexpected argument '%s'"), argv[optind + nargs]);
	if (nargs == 1)
		arg = argv[optind];
	if (kind == IEV_LOG) {
		if (*arg == '\0')
			return vg_usage_error(self, "%s",
			    _("the text to add is empty"));
		if (check_text(self, "TEXT", arg) == -1)
			return VG_EXIT_ERROR;
		text = arg;
	} else
		text = o.note;
	if (o.at != NULL && parse_time(self, "--at", o.at, now, &at) == -1)
		return VG_EXIT_ERROR;
	if (kind == IEV_DONE || kind == IEV_UNDO) {
		if (checklist_load(NULL, &cl, err) == -1) {
			vg_warn("%s", err);
			return VG_EXIT_ERROR;
		}
		if ((step = checklist_step(cl, arg)) == NULL) {
			char *ids = xstrdup(""), *t;
			int i;

			for (i = 0; i < cl->nsteps; i++) {
				t = xasprintf("%s%s%s", ids, i ? ", " : "",
				    cl->steps[i].id);
				free(ids);
				ids = t;
			}
			rc = vg_usage_error(self, _("no step \"%s\" in the "
			    "checklist (steps: %s)"), arg, ids);
			free(ids);
			checklist_free(cl);
			return rc;
		}
	}
	if (find_incident(&o, 0, &store, &commune, &id) == -1) {
		checklist_free(cl);
		return VG_EXIT_ERROR;
	}
	rc = VG_EXIT_ERROR;
	if (incident_event_add(store, id, kind, at, step ? step->id : NULL,
	    text, o.by, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	deadline_format(at, when, sizeof(when));
	if (vg_g.json)
		vg_json_emit(json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id,
		    "kind", incident_ev_name(kind), "step",
		    step ? json_string(step->id) : json_null()));
	else if (!vg_g.quiet) {
		switch (kind) {
		case IEV_LOG:
			printf(_("Added to the timeline of incident %lld at "
			    "%s.\n"), (long long)id, when);
			break;
		case IEV_DONE:
			printf(_("Step \"%s\" done at %s.\n"), step->title,
			    when);
			break;
		case IEV_UNDO:
			printf(_("Step \"%s\" marked as not done.\n"),
			    step->title);
			break;
		default:
			printf(_("Incident %lld closed at %s.\n"),
			    (long long)id, when);
		}
	}
	rc = VG_EXIT_OK;
out:
	checklist_free(cl);
	vg_store_close(store);
	return rc;
}

static int
cmd_respond_incident_log(const struct vg_cmd *self, int argc, char **argv)
{
	return add_event(self, argc, argv, IEV_LOG);
}

const struct vg_cmd cmd_respond_incident_log_entry = {
	.name = "respond incident log",
	.usage = N_("[--at TIME] [--by NAME] TEXT"),
	.summary = N_("add a dated entry to the incident timeline"),
	.help = N_("Adds TEXT to the timeline of the open incident, dated now "
	    "or at --at TIME (same forms as --t0). Each entry is saved at once."
	    "\n\n"
	    "  --at TIME          when it happened (default now)\n"
	    "  --by NAME          who writes it\n"
	    "  --incident ID      another incident than the open one\n"),
	.exec = cmd_respond_incident_log,
};

static int
cmd_respond_incident_done(const struct vg_cmd *self, int argc, char **argv)
{
	return add_event(self, argc, argv, IEV_DONE);
}

const struct vg_cmd cmd_respond_incident_done_entry = {
	.name = "respond incident done",
	.usage = N_("[--at TIME] [--note TEXT] STEP"),
	.summary = N_("tick a step of the incident checklist"),
	.help = N_("Marks STEP (its id, shown by 'vigie respond checklist') as "
	    "done now or at --at TIME, in the timeline of the open "
	    "incident.\n\n"
	    "  --at TIME          when it was done (default now)\n"
	    "  --note TEXT        a word on how (number called, receipt...)\n"
	    "  --by NAME          who did it\n"
	    "  --incident ID      another incident than the open one\n"),
	.exec = cmd_respond_incident_done,
};

static int
cmd_respond_incident_undo(const struct vg_cmd *self, int argc, char **argv)
{
	return add_event(self, argc, argv, IEV_UNDO);
}

const struct vg_cmd cmd_respond_incident_undo_entry = {
	.name = "respond incident undo",
	.usage = N_("[--note TEXT] STEP"),
	.summary = N_("untick a step ticked by mistake"),
	.help = N_("Marks STEP as not done. The timeline keeps both "
	    "entries.\n\n"
	    "  --note TEXT        why\n"
	    "  --by NAME          who\n"
	    "  --incident ID      another incident than the open one\n"),
	.exec = cmd_respond_incident_undo,
};

static int
cmd_respond_incident_close(const struct vg_cmd *self, int argc, char **argv)
{
	return add_event(self, argc, argv, IEV_CLOSE);
}

const struct vg_cmd cmd_respond_incident_close_entry = {
	.name = "respond incident close",
	.usage = N_("[--at TIME] [--note TEXT]"),
	.summary = N_("close the incident"),
	.help = N_("Closes the open incident; its timeline stays readable with "
	    "'show --incident ID'.\n\n"
	    "  --at TIME          when (default now)\n"
	    "  --note TEXT        a closing word\n"
	    "  --by NAME          who\n"
	    "  --incident ID      another incident than the open one\n"),
	.exec = cmd_respond_incident_close,
};

/* ---- show ---------------------------------------------------------- */

/* "personal-data=yes;people=12" in words. Owned by the caller. */
static char *
describe_set(const char *text)
{
	char *copy = xstrdup(text ? text : ""), *tok, *save = NULL, *eq;
	char *out = xstrdup(""), *t;
	const char *label, *value;
	enum cl_cond c;
	enum cl_tri tri;

	for (tok = strtok_r(copy, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		label = tok;
		value = NULL;
		if ((eq = strchr(tok, '=')) != NULL) {
			*eq = '\0';
			value = eq + 1;
		}
		if (checklist_cond_parse(tok, &c) == 0) {
			label = checklist_cond_title(c);
			if (value != NULL && checklist_tri_parse(value, &tri) ==
			    0)
				value = checklist_tri_label(tri);
		} else if (strcmp(tok, "people") == 0)
			label = _("People concerned");
		else if (strcmp(tok, "records") == 0)
			label = _("Records concerned");
		else if (strcmp(tok, "what") == 0)
			label = _("What happened");
		else if (strcmp(tok, "data") == 0)
			label = _("Personal data involved");
		else if (strcmp(tok, "t0") == 0)
			label = _("Discovery time (T0)");
		t = xasprintf("%s%s%s%s%s", out, *out ? "; " : "", label,
		    value ? ": " : "", value ? value : "");
		free(out);
		out = t;
	}
	free(copy);
	return out;
}

/* One line of the timeline in words. Owned by the caller. */
char *
incident_event_words(const struct checklist *cl,
    const struct incident_event *e)
{
	const struct cl_step *s = NULL;
	char *set = NULL, *r;
	const char *what;

	if (e->step != NULL && cl != NULL)
		s = checklist_step(cl, e->step);
	switch (e->kind) {
	case IEV_OPEN:
		what = _("Incident opened");
		break;
	case IEV_DONE:
		what = _("Done");
		break;
	case IEV_UNDO:
		what = _("Marked as not done");
		break;
	case IEV_SET:
		what = _("Changed");
		break;
	case IEV_CLOSE:
		what = _("Incident closed");
		break;
	default:
		what = _("Note");
	}
	if (e->kind == IEV_SET)
		set = describe_set(e->text);
	r = xasprintf("%s%s%s%s%s%s%s%s", what,
	    e->step ? ": " : "", e->step ? (s ? s->title : e->step) : "",
	    (set || e->text) ? " — " : "", set ? set : e->text ? e->text : "",
	    e->author ? " (" : "", e->author ? e->author : "",
	    e->author ? ")" : "");
	free(set);
	return r;
}

static void
print_clean(const char *label, const char *value)
{
	char *v = vg_term_clean(value);

	printf(_("  %s: %s\n"), label, v);
	free(v);
}

static void
show_text(const struct incident *inc, const struct incident_event *ev,
    int n, const struct checklist *cl, enum cl_tri insured)
{
	char when[64], num[32], *w, *c;
	int i;

	printf(_("Incident %lld — %s\n"), (long long)inc->id,
	    inc->closed ? _("closed") : _("in progress"));
	deadline_format(inc->t0, when, sizeof(when));
	print_clean(_("Discovered (T0)"), when);
	if (inc->closed) {
		deadline_format(inc->closed, when, sizeof(when));
		print_clean(_("Closed"), when);
	}
	for (i = 0; i < CL_NCOND; i++) {
		/* Insurance: what the checklist goes by, with its source. */
		if (i == CL_INSURED && inc->cond[i] == CL_UNKNOWN &&
		    insured == CL_YES) {
			print_clean(checklist_cond_title(i), _("yes (the "
			    "profile names an insurer)"));
			continue;
		}
		print_clean(checklist_cond_title(i),
		    checklist_tri_label(inc->cond[i]));
	}
	if (inc->what != NULL)
		print_clean(_("What happened"), inc->what);
	if (inc->data != NULL)
		print_clean(_("Personal data involved"), inc->data);
	if (inc->people >= 0) {
		snprintf(num, sizeof(num), "%lld", inc->people);
		print_clean(_("People concerned"), num);
	}
	if (inc->records >= 0) {
		snprintf(num, sizeof(num), "%lld", inc->records);
		print_clean(_("Records concerned"), num);
	}
	printf("\n%s\n", _("Timeline (Paris time):"));
	for (i = 0; i < n; i++) {
		deadline_format(ev[i].at, when, sizeof(when));
		w = incident_event_words(cl, &ev[i]);
		c = vg_term_clean(w);
		printf("  %s  %s\n", when, c);
		free(c);
		free(w);
	}
}

json_t *
incident_json(const struct incident *inc, const struct incident_event *ev,
    int n)
{
	json_t *o, *conds, *tl, *e;
	char iso[64];
	int i;

	o = json_object();
	json_object_set_new(o, "id", json_integer(inc->id));
	json_object_set_new(o, "commune", json_integer(inc->commune));
	deadline_format_iso(inc->t0, iso, sizeof(iso));
	json_object_set_new(o, "t0", json_string(iso));
	deadline_format_iso(inc->opened, iso, sizeof(iso));
	json_object_set_new(o, "opened", json_string(iso));
	if (inc->closed) {
		deadline_format_iso(inc->closed, iso, sizeof(iso));
		json_object_set_new(o, "closed", json_string(iso));
	} else
		json_object_set_new(o, "closed", json_null());
	conds = json_object();
	for (i = 0; i < CL_NCOND; i++)
		json_object_set_new(conds, checklist_cond_name(i),
		    json_string(checklist_tri_name(inc->cond[i])));
	json_object_set_new(o, "conditions", conds);
	json_object_set_new(o, "what", vg_json_str(inc->what));
	json_object_set_new(o, "data", vg_json_str(inc->data));
	json_object_set_new(o, "people", inc->people >= 0 ?
	    json_integer(inc->people) : json_null());
	json_object_set_new(o, "records", inc->records >= 0 ?
	    json_integer(inc->records) : json_null());
	tl = json_array();
	for (i = 0; i < n; i++) {
		e = json_object();
		deadline_format_iso(ev[i].at, iso, sizeof(iso));
		json_object_set_new(e, "at", json_string(iso));
		deadline_format_iso(ev[i].recorded, iso, sizeof(iso));
		json_object_set_new(e, "recorded", json_string(iso));
		json_object_set_new(e, "kind",
		    json_string(incident_ev_name(ev[i].kind)));
		json_object_set_new(e, "step", vg_json_str(ev[i].step));
		json_object_set_new(e, "text", vg_json_str(ev[i].text));
		json_object_set_new(e, "author", vg_json_str(ev[i].author));
		json_array_append_new(tl, e);
	}
	json_object_set_new(o, "timeline", tl);
	return o;
}

static int
cmd_respond_incident_show(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *store = NULL;
	struct checklist *cl = NULL;
	struct incident inc;
	struct incident_event *ev = NULL;
	struct opts o;
	char err[VG_ERRLEN];
	int64_t commune, id;
	int rc, n = 0;

	memset(&inc, 0, sizeof(inc));
	if ((rc = parse(self, show_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	if (find_incident(&o, 1, &store, &commune, &id) == -1)
		return VG_EXIT_ERROR;
	rc = VG_EXIT_ERROR;
	if (incident_get(store, id, &inc, err) == -1 ||
	    incident_events(store, id, &ev, &n, err) == -1)
		goto fail;
	/* Step titles are a nicety: show ids if the checklist is broken. */
	if (checklist_load(NULL, &cl, err) == -1)
		vg_warn("%s", err);
	if (vg_g.json)
		vg_json_emit_pretty(incident_json(&inc, ev, n));
	else
		show_text(&inc, ev, n, cl, checklist_insured(&inc, store,
		    commune));
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	checklist_free(cl);
	incident_events_free(ev, n);
	incident_clear(&inc);
	vg_store_close(store);
	return rc;
}

const struct vg_cmd cmd_respond_incident_show_entry = {
	.name = "respond incident show",
	.usage = N_("[--incident ID] [--json]"),
	.summary = N_("show the incident and its timeline"),
	.help = N_("Shows the open incident (else the last one): T0, what is "
	    "known, and the timeline in Paris time.\n\n"
	    "  --incident ID      another incident\n"),
	.exec = cmd_respond_incident_show,
};

/* ---- list ---------------------------------------------------------- */

static int
cmd_respond_incident_list(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *store = NULL;
	sqlite3_stmt *st = NULL;
	struct opts o;
	char err[VG_ERRLEN], when[64], iso[64], *what;
	int64_t commune, id;
	json_t *arr = NULL, *e;
	int rc, n = 0;

	if ((rc = parse(self, show_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	rc = VG_EXIT_ERROR;
	if (vg_store_open(NULL, &store, err) == -1 ||
	    incident_select(store, NULL, 1, &commune, &id, err) == -1)
		goto fail;
	st = vg_store_prepare(store, "SELECT id, t0, closed, what FROM "
	    "incident WHERE commune = ?1 ORDER BY id", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, commune);
	if (vg_g.json)
		arr = json_array();
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *w = sqlite3_column_text(st, 3);
		time_t t0 = (time_t)sqlite3_column_int64(st, 1);
		int closed = sqlite3_column_type(st, 2) != SQLITE_NULL;

		n++;
		if (arr != NULL) {
			deadline_format_iso(t0, iso, sizeof(iso));
			e = json_pack("{s:I, s:s, s:b, s:o}", "id",
			    (json_int_t)sqlite3_column_int64(st, 0), "t0", iso,
			    "open", !closed, "what",
			    vg_json_str((const char *)w));
			json_array_append_new(arr, e);
			continue;
		}
		deadline_format(t0, when, sizeof(when));
		what = vg_term_clean(w ? (const char *)w : "");
		printf("%4lld  %s  %-9s %s\n",
		    (long long)sqlite3_column_int64(st, 0), when,
		    closed ? _("closed") : _("open"), what);
		free(what);
	}
	if (arr != NULL)
		vg_json_emit_pretty(arr);
	else if (n == 0 && !vg_g.quiet)
		printf("%s\n", _("No incident recorded."));
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	sqlite3_finalize(st);
	vg_store_close(store);
	return rc;
}

const struct vg_cmd cmd_respond_incident_list_entry = {
	.name = "respond incident list",
	.usage = N_("[--json]"),
	.summary = N_("list the incidents of the commune"),
	.help = N_("One line per incident: number, T0, open or closed, what "
	    "happened.\n"),
	.exec = cmd_respond_incident_list,
};

/* ---- incident mode ------------------------------------------------- */

static int
cmd_respond_incident(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *store = NULL;
	struct opts o;
	char err[VG_ERRLEN];
	int rc;

	if ((rc = parse(self, show_longopts, argc, argv, &o)) !=
	    VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unknown subcommand '%s' (open, "
		    "log, done, undo, set, close, show, list)"), argv[optind]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return vg_usage_error(self, "%s", _("the incident screens need "
		    "a terminal; otherwise give a subcommand (open, log, done,"
		    " undo, set, close, show, list)"));
	if (vg_store_open(NULL, &store, err) == -1) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	rc = incident_tui(store);
	vg_store_close(store);
	return rc;
}

const struct vg_cmd cmd_respond_incident_entry = {
	.name = "respond incident",
	.usage = N_("[open|log|done|undo|set|close|show|list] ..."),
	.summary = N_("incident mode: what to do now, whom to call, the "
	    "timeline"),
	.help = N_("Run on a terminal without a subcommand, opens the incident "
	    "screens: the first actions, then the checklist step by step "
	    "with the time left before each deadline, and the timeline. "
	    "Otherwise give a subcommand:\n"
	    "  open    record an incident (when it was discovered: T0)\n"
	    "  log     add a dated entry to its timeline\n"
	    "  done    tick a step of the checklist\n"
	    "  undo    untick a step ticked by mistake\n"
	    "  set     change what is known (personal data, ransom...)\n"
	    "  close   close the incident\n"
	    "  show    the incident and its timeline\n"
	    "  list    every incident of the commune\n"
	    "'vigie respond incident SUBCOMMAND --help' gives the details.\n"),
	.exec = cmd_respond_incident,
};

/* The home screen's "Incident in progress" (module.h, modules.c). */
const struct vg_home_mode incident_home_mode = {
	.name = "incident",
	.run = incident_tui,
};
