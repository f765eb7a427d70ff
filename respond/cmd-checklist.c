/*
 * cmd-checklist.c — `vigie respond checklist`: the checklist filled from
 * the commune profile and the open incident, as text for the terminal,
 * JSON, or a document (Markdown, HTML, ODT through doc.h). Also the
 * small text-wrapping printer the respond commands share.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define WIDTH	78

enum { OPT_INCIDENT = 0x2000, OPT_FORMAT };

/* French puts a space before ; : ? ! and inside « »: such a word must
 * not start or end a line, so it is glued to its neighbour. */
static int
glue_before(const char *w)
{
	return strcmp(w, ";") == 0 || strcmp(w, ":") == 0 ||
	    strcmp(w, "?") == 0 || strcmp(w, "!") == 0 ||
	    strncmp(w, "»", strlen("»")) == 0;
}

/* One paragraph: FIRST (or INDENT spaces when NULL), then the words. */
static void
wrap_one(FILE *f, const char *first, int indent, const char *text)
{
	char *clean = vg_term_clean(text), **words = NULL, *w, *save = NULL;
	int col, width, fresh = 1, n = 0, i;

	for (w = strtok_r(clean, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (n > 0 && (glue_before(w) ||
		    strcmp(words[n - 1], "«") == 0)) {
			char *j = xasprintf("%s %s", words[n - 1], w);

			free(words[n - 1]);
			words[n - 1] = j;
			continue;
		}
		words = xreallocarray(words, n + 1, sizeof(*words));
		words[n++] = xstrdup(w);
	}
	if (first == NULL) {
		fprintf(f, "%*s", indent, "");
		col = indent;
	} else {
		fputs(first, f);
		col = vg_text_width(first);
	}
	for (i = 0; i < n; i++) {
		width = vg_text_width(words[i]);
		if (!fresh && col + 1 + width > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (!fresh) {
			fputc(' ', f);
			col++;
		}
		fputs(words[i], f);
		col += width;
		fresh = 0;
		free(words[i]);
	}
	fputc('\n', f);
	free(words);
	free(clean);
}

/*
 * Print TEXT word-wrapped to WIDTH columns, the first line after FIRST
 * (a prefix such as "  Why: "), the next ones indented by INDENT spaces;
 * a newline in TEXT starts a new indented line. Control characters are
 * made visible.
 */
void
checklist_print_wrapped(FILE *f, const char *first, int indent,
    const char *text)
{
	const char *line = text, *nl;
	char *one;

	for (;;) {
		nl = strchr(line, '\n');
		one = nl != NULL ? xstrndup(line, (size_t)(nl - line)) :
		    xstrdup(line);
		wrap_one(f, line == text ? first : NULL, indent, one);
		free(one);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
}

/* ---- Text ---------------------------------------------------------- */

/* "    Why:       ": a label padded so that values line up. */
#define LABELW	17

static void
field_bullet(const char *label, const char *bullet, const char *value)
{
	char *first;
	int pad = LABELW - 4 - vg_text_width(label);

	first = xasprintf("    %s%*s%s", label, pad > 1 ? pad : 1, "",
	    bullet);
	checklist_print_wrapped(stdout, first, vg_text_width(first), value);
	free(first);
}

static void
field(const char *label, const char *value)
{
	field_bullet(label, "", value);
}

static void
print_text(const struct cl_plan *p)
{
	const struct cl_item *it;
	char when[256], t0[64], now[64], *who, *line, *first, *cmd;
	int i, j;

	if (p->inc != NULL) {
		deadline_format(p->inc->t0, t0, sizeof(t0));
		deadline_format(p->now, now, sizeof(now));
		printf(_("Incident %lld%s%s — checklist\n"),
		    (long long)p->inc->id, p->commune_name ? ", " : "",
		    p->commune_name ? p->commune_name : "");
		line = xasprintf(_("Attack discovered (T0): %s. Now: %s (Paris "
		    "time)."), t0, now);
		checklist_print_wrapped(stdout, "", 0, line);
		free(line);
		if (p->overdue > 0)
			printf(vg_ngettext("%d step is OVERDUE.\n",
			    "%d steps are OVERDUE.\n", p->overdue),
			    p->overdue);
	} else {
		printf("%s\n", _("Incident checklist — no incident is open"));
		checklist_print_wrapped(stdout, "", 0, _("Deadlines count from "
		    "the discovery of the attack (T0). To start them: vigie "
		    "respond incident open."));
	}
	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		putchar('\n');
		first = xasprintf("%2d. [%s] ", i + 1,
		    checklist_item_state(it));
		checklist_print_wrapped(stdout, first, 4, it->s->title);
		free(first);
		checklist_item_when(p, it, when, sizeof(when));
		field(_("When:"), when);
		if (it->state == CL_ST_DONE)
			continue;
		if (it->maybe)
			field(_("Applies:"), checklist_cond_label(it->s->cond));
		who = checklist_item_who(p, it);
		field(_("Who:"), who);
		free(who);
		for (j = 0; j < it->ncontacts; j++) {
			line = checklist_contact_line(&it->contacts[j], 1);
			field(j == 0 ? _("Call:") : "", line);
			free(line);
		}
		field(_("Why:"), it->s->why);
		if (it->s->law != NULL)
			field(_("Law:"), it->s->law);
		for (j = 0; j < it->s->nready; j++)
			field_bullet(j == 0 ? _("Have ready:") : "", "- ",
			    it->s->ready[j]);
		if (p->inc != NULL) {
			cmd = xasprintf("vigie respond incident done %s",
			    it->s->id);
			field(_("Done?"), cmd);
			free(cmd);
		}
	}
	if (p->skipped > 0)
		printf("\n%s\n", vg_ngettext("(1 step left out: its condition "
		    "does not apply to this incident.)", "(Some steps left "
		    "out: their condition does not apply to this incident.)",
		    p->skipped));
}

/* ---- JSON ---------------------------------------------------------- */

static json_t *
channel_json(const struct cl_channel *ch)
{
	if (ch->value == NULL && ch->key == NULL)
		return json_null();
	return json_pack("{s:o, s:s, s:o}", "value", vg_json_str(ch->value),
	    "source", ch->value == NULL ? "missing" : ch->from_profile ?
	    "profile" : "default", "key", vg_json_str(ch->key));
}

static const char *
state_name(enum cl_state s)
{
	switch (s) {
	case CL_ST_DONE:
		return "done";
	case CL_ST_OVERDUE:
		return "overdue";
	case CL_ST_PENDING:
		return "pending";
	default:
		return "open";
	}
}

static json_t *
iso_or_null(time_t t)
{
	char iso[64];

	if (t == 0)
		return json_null();
	deadline_format_iso(t, iso, sizeof(iso));
	return json_string(iso);
}

static json_t *
plan_json(const struct cl_plan *p)
{
	static const char *const basis[] = { "advice", "law", "contract" };
	const struct cl_item *it;
	const struct cl_role *r;
	json_t *o, *steps, *s, *a, *c;
	int i, j;

	o = json_object();
	json_object_set_new(o, "incident", p->inc ?
	    json_integer(p->inc->id) : json_null());
	json_object_set_new(o, "commune", vg_json_str(p->commune_name));
	json_object_set_new(o, "t0", p->inc ? iso_or_null(p->inc->t0) :
	    json_null());
	json_object_set_new(o, "now", iso_or_null(p->now));
	json_object_set_new(o, "overdue", json_integer(p->overdue));
	steps = json_array();
	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		s = json_object();
		json_object_set_new(s, "id", json_string(it->s->id));
		json_object_set_new(s, "title", json_string(it->s->title));
		json_object_set_new(s, "why", json_string(it->s->why));
		a = json_array();
		for (j = 0; j < it->s->nwho; j++) {
			r = checklist_role(p->cl, it->s->who[j]);
			json_array_append_new(a, json_pack("{s:s, s:s}", "id",
			    it->s->who[j], "name", r ? r->name : ""));
		}
		json_object_set_new(s, "who", a);
		json_object_set_new(s, "condition", it->s->cond == CL_ALWAYS ?
		    json_null() : json_string(checklist_cond_name(
		    it->s->cond)));
		json_object_set_new(s, "applies", json_string(it->maybe ?
		    "maybe" : "yes"));
		json_object_set_new(s, "deadline_minutes",
		    it->s->deadline_min >= 0 ?
		    json_integer(it->s->deadline_min) : json_null());
		json_object_set_new(s, "basis",
		    json_string(basis[it->s->basis]));
		json_object_set_new(s, "law", vg_json_str(it->s->law));
		json_object_set_new(s, "timing", vg_json_str(it->s->timing));
		json_object_set_new(s, "deadline", iso_or_null(it->deadline));
		json_object_set_new(s, "seconds_left", it->deadline != 0 &&
		    it->state != CL_ST_DONE ?
		    json_integer((json_int_t)(it->deadline - p->now)) :
		    json_null());
		json_object_set_new(s, "state",
		    json_string(state_name(it->state)));
		json_object_set_new(s, "done_at", iso_or_null(it->done_at));
		a = json_array();
		for (j = 0; j < it->ncontacts; j++) {
			const struct cl_contact_view *v = &it->contacts[j];

			c = json_object();
			json_object_set_new(c, "id", json_string(v->c->id));
			json_object_set_new(c, "service",
			    json_string(v->c->name));
			json_object_set_new(c, "name", vg_json_str(v->name));
			json_object_set_new(c, "phone",
			    channel_json(&v->phone));
			json_object_set_new(c, "email",
			    channel_json(&v->email));
			json_object_set_new(c, "web", channel_json(&v->web));
			json_array_append_new(a, c);
		}
		json_object_set_new(s, "contacts", a);
		a = json_array();
		for (j = 0; j < it->s->nready; j++)
			json_array_append_new(a, json_string(it->s->ready[j]));
		json_object_set_new(s, "ready", a);
		json_array_append_new(steps, s);
	}
	json_object_set_new(o, "steps", steps);
	return o;
}

/* ---- The command --------------------------------------------------- */

/*
 * Load what a respond document needs: the checklist, the store, the
 * incident (ARG or the open one; none is fine when ALLOW_NONE), its
 * events and the plan at the current time. Prints errors itself.
 */
int
checklist_context(const char *arg, int allow_none, struct cl_context *x)
{
	char err[VG_ERRLEN];
	int64_t id;

	memset(x, 0, sizeof(*x));
	if (checklist_load(NULL, &x->cl, err) == -1 ||
	    vg_store_open(NULL, &x->store, err) == -1 ||
	    incident_select(x->store, arg, 0, &x->commune, &id, err) == -1)
		goto fail;
	if (id == 0 && !allow_none) {
		vg_warn("%s", _("no incident is open (vigie respond incident "
		    "open, or --incident ID)"));
		checklist_context_free(x);
		return -1;
	}
	if (id != 0) {
		if (incident_get(x->store, id, &x->inc, err) == -1 ||
		    incident_events(x->store, id, &x->ev, &x->nev, err) == -1)
			goto fail;
		x->has_inc = 1;
	}
	if (checklist_plan(x->cl, x->has_inc ? &x->inc : NULL, x->ev, x->nev,
	    x->store, x->commune, deadline_now(), &x->plan, err) == -1)
		goto fail;
	return 0;
fail:
	vg_warn("%s", err);
	checklist_context_free(x);
	return -1;
}

void
checklist_context_free(struct cl_context *x)
{
	checklist_plan_free(&x->plan);
	incident_events_free(x->ev, x->nev);
	if (x->has_inc)
		incident_clear(&x->inc);
	vg_store_close(x->store);
	checklist_free(x->cl);
	memset(x, 0, sizeof(*x));
}

/*
 * Parse --incident, --format, -o; FORMATS lists the accepted ones.
 * Returns VG_OPT_CONTINUE or an exit code.
 */
int
checklist_doc_opts(const struct vg_cmd *self, int argc, char **argv,
    const char *const *formats, const char **incident, const char **format,
    const char **output)
{
	static const struct option longopts[] = {
		{ "incident", required_argument, NULL, OPT_INCIDENT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc, i, ok = 0, given = 0;
	const char *ext;

	*incident = NULL;
	*format = formats[0];
	*output = NULL;
	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS "o:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case OPT_INCIDENT:
			*incident = optarg;
			break;
		case OPT_FORMAT:
			*format = optarg;
			given = 1;
			break;
		case 'o':
			*output = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	/* No --format: the file name's (fiche.pdf), if it is one of ours. */
	if (!given && *output != NULL && (ext = strrchr(*output, '.')) !=
	    NULL && strchr(ext, '/') == NULL)
		for (i = 0; formats[i] != NULL; i++)
			if (strcasecmp(formats[i], ext + 1) == 0)
				*format = formats[i];
	if (vg_g.json)
		*format = "json";
	for (i = 0; formats[i] != NULL; i++)
		ok |= strcmp(formats[i], *format) == 0;
	if (!ok)
		return vg_usage_error(self, _("unknown format '%s'"), *format);
	if (strcmp(*format, "odt") == 0 && (*output == NULL ||
	    strcmp(*output, "-") == 0))
		return vg_usage_error(self, "%s", _("odt needs a file: -o "
		    "FILE.odt"));
	return VG_OPT_CONTINUE;
}

int
checklist_stdout_begin(const char *path, struct cl_redirect *r, char *err)
{
	int fd;

	memset(r, 0, sizeof(*r));
	r->saved = -1;
	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	r->tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	if ((fd = vg_create_private(r->tmp, 1, err)) == -1) {
		free(r->tmp);
		r->tmp = NULL;
		return -1;
	}
	fflush(stdout);
	if ((r->saved = dup(STDOUT_FILENO)) == -1 ||
	    dup2(fd, STDOUT_FILENO) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		close(fd);
		if (r->saved != -1)
			close(r->saved);
		r->saved = -1;
		unlink(r->tmp);
		free(r->tmp);
		r->tmp = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

int
checklist_stdout_end(const char *path, struct cl_redirect *r, int ok,
    char *err)
{
	int rc = 0;

	if (r->tmp == NULL)
		return 0;
	if (fflush(stdout) == EOF || ferror(stdout) ||
	    fsync(STDOUT_FILENO) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	clearerr(stdout);
	dup2(r->saved, STDOUT_FILENO);
	close(r->saved);
	if (ok && rc == 0 && rename(r->tmp, path) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (!ok || rc == -1)
		unlink(r->tmp);
	free(r->tmp);
	r->tmp = NULL;
	return rc;
}

static int
cmd_respond_checklist(const struct vg_cmd *self, int argc, char **argv)
{
	static const char *const formats[] = { "text", "md", "html", "odt",
	    "pdf", "json", NULL };
	struct cl_context x;
	struct cl_redirect red;
	struct vg_doc *doc;
	const char *incident, *format, *output;
	char err[VG_ERRLEN], *title;
	int rc;

	if ((rc = checklist_doc_opts(self, argc, argv, formats, &incident,
	    &format, &output)) != VG_OPT_CONTINUE)
		return rc;
	if (checklist_context(incident, 1, &x) == -1)
		return VG_EXIT_ERROR;
	rc = x.plan.overdue > 0 ? VG_EXIT_FOUND : VG_EXIT_OK;
	if (strcmp(format, "json") == 0 || strcmp(format, "text") == 0) {
		/* -o FILE: written beside it, then renamed (0600). */
		if (checklist_stdout_begin(output, &red, err) == -1) {
			vg_warn("%s", err);
			checklist_context_free(&x);
			return VG_EXIT_ERROR;
		}
		if (strcmp(format, "json") == 0)
			vg_json_emit_pretty(plan_json(&x.plan));
		else
			print_text(&x.plan);
		if (checklist_stdout_end(output, &red, 1, err) == -1) {
			vg_warn("%s", err);
			rc = VG_EXIT_ERROR;
		}
	} else {
		if (x.has_inc)
			title = xasprintf(_("Incident %lld — checklist"),
			    (long long)x.inc.id);
		else
			title = xstrdup(_("Incident checklist"));
		doc = vg_doc_new(title, vg_lang());
		vg_doc_heading(doc, 1, title);
		if (x.plan.commune_name != NULL)
			vg_doc_para(doc, VG_DS_STRONG, x.plan.commune_name);
		checklist_plan_doc(&x.plan, doc);
		if (vg_doc_write(doc, format, output ? output : "-", err) ==
		    -1) {
			vg_warn("%s", err);
			rc = VG_EXIT_ERROR;
		}
		vg_doc_free(doc);
		free(title);
	}
	checklist_context_free(&x);
	return rc;
}

const struct vg_cmd cmd_respond_checklist_entry = {
	.name = "respond checklist",
	.usage = N_("[--incident ID] [--format text|md|html|odt|json] [-o "
	    "FILE]"),
	.summary = N_("whom to call, in which order, before which deadline"),
	.help = N_("Prints the incident checklist filled with the commune's "
	    "contacts (from its profile; missing ones say \"to be filled "
	    "in\") and, when an incident is open, every deadline as a date "
	    "and time in Paris time with the time left, done steps with "
	    "their time and overdue ones marked. Without an incident, "
	    "deadlines are counted from the discovery.\n\n"
	    "  --incident ID      another incident than the open one\n"
	    "  --format FORMAT    text (default), md, html, odt or json\n"
	    "  -o FILE            write to FILE (needed for odt)\n"
	    "\nExit status 1 when a step is overdue.\n"),
	.exec = cmd_respond_checklist,
};
