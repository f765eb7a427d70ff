/*
 * cmd-cnil-draft.c — `vigie respond cnil-draft`: the answers the CNIL's online
 * breach notification asks for (GDPR art. 33.3: nature, people and
 * records concerned, DPO, consequences, measures), pre-filled from the
 * incident, its timeline and the commune profile. Nothing is sent: the
 * draft is for copying into https://notifications.cnil.fr. Unknown
 * answers say "to be filled in".
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/cmd.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define CNIL_DEADLINE	(72 * 3600)

/* The draft: a list of sections, each a list of label/value answers. */
struct answer {
	const char	*section;	/* translated; static */
	const char	*key;		/* stable id for JSON */
	const char	*label;		/* translated; static */
	char		*value;		/* NULL: to be filled in */
};

struct draft {
	struct answer	*a;
	int		 n;
	char		*warning;	/* shown first, or NULL */
};

static void
add(struct draft *d, const char *section, const char *key,
    const char *label, char *value)
{
	d->a = xreallocarray(d->a, d->n + 1, sizeof(*d->a));
	d->a[d->n].section = section;
	d->a[d->n].key = key;
	d->a[d->n].label = label;
	d->a[d->n].value = value;
	d->n++;
}

static char *
prof(struct cl_context *x, const char *key)
{
	char *v = NULL, err[VG_ERRLEN];

	if (x->commune == 0 ||
	    vg_profile_get(x->store, x->commune, key, &v, err) == -1)
		return NULL;
	return v;
}

/* "Name — phone — e-mail" from the profile keys PREFIX.*, or NULL. */
static char *
person(struct cl_context *x, const char *prefix)
{
	char *k, *name, *phone, *email, *s;

	k = xasprintf("%s.name", prefix);
	name = prof(x, k);
	free(k);
	k = xasprintf("%s.phone", prefix);
	phone = prof(x, k);
	free(k);
	k = xasprintf("%s.email", prefix);
	email = prof(x, k);
	free(k);
	if (name == NULL && phone == NULL && email == NULL)
		return NULL;
	s = xasprintf("%s — %s — %s", name ? name : checklist_missing(),
	    phone ? phone : checklist_missing(),
	    email ? email : checklist_missing());
	free(name);
	free(phone);
	free(email);
	return s;
}

static int
by_done_at(const void *a, const void *b)
{
	const struct cl_item *x = *(const struct cl_item *const *)a;
	const struct cl_item *y = *(const struct cl_item *const *)b;

	return x->done_at < y->done_at ? -1 : x->done_at > y->done_at;
}

/*
 * Lines "DATE — step title" of the done steps (DONE), in the order they
 * were done; or the titles of the pending steps that remedy the breach
 * or mitigate its effects (GDPR art. 33(3)(d): remedy="yes" in the
 * checklist), not the notification, the complaint or the paperwork.
 */
static char *
steps_list(const struct cl_plan *p, int done)
{
	const struct cl_item **v;
	char *s = NULL, *t, when[64];
	int i, n = 0, k;

	v = xcalloc(p->nitems + 1, sizeof(*v));
	for (i = 0; i < p->nitems; i++)
		if ((p->items[i].state == CL_ST_DONE) == done &&
		    (done || p->items[i].s->remedy))
			v[n++] = &p->items[i];
	if (done && n > 1)
		qsort(v, n, sizeof(*v), by_done_at);
	for (k = 0; k < n; k++) {
		const struct cl_item *it = v[k];

		if (done) {
			deadline_format(it->done_at, when, sizeof(when));
			t = xasprintf("%s%s%s — %s", s ? s : "", s ? "\n" : "",
			    when, it->s->title);
		} else
			t = xasprintf("%s%s%s", s ? s : "", s ? "\n" : "",
			    it->s->title);
		free(s);
		s = t;
	}
	free(v);
	return s;
}

static const struct cl_item *
item(const struct cl_plan *p, const char *id)
{
	int i;

	for (i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].s->id, id) == 0)
			return &p->items[i];
	return NULL;
}

static char *
done_when(const struct cl_plan *p, const char *id, const char *fmt)
{
	const struct cl_item *it = item(p, id);
	char when[64];

	if (it == NULL || it->state != CL_ST_DONE)
		return NULL;
	deadline_format(it->done_at, when, sizeof(when));
	return xasprintf(fmt, when);
}

static void
build(struct cl_context *x, struct draft *d)
{
	const struct incident *inc = &x->inc;
	const char *sec;
	char when[64], *v, *w;
	int ransom = inc->cond[CL_RANSOMWARE] == CL_YES;

	memset(d, 0, sizeof(*d));
	if (inc->cond[CL_PERSONAL_DATA] == CL_NO)
		d->warning = xstrdup(_("This incident is recorded with no "
		    "personal data affected: no notification to the CNIL is "
		    "due. If that changes: vigie respond incident set "
		    "--personal-data yes."));
	else if (x->plan.now > inc->t0 + CNIL_DEADLINE) {
		deadline_format(inc->t0 + CNIL_DEADLINE, when, sizeof(when));
		d->warning = xasprintf(_("The 72-hour deadline passed on %s: "
		    "notify anyway, and give the reasons for the delay."),
		    when);
	}

	sec = _("Notification");
	add(d, sec, "kind", _("Kind"), xstrdup(_("Initial notification (to "
	    "be completed once the facts are known)")));
	deadline_format(inc->t0 + CNIL_DEADLINE, when, sizeof(when));
	add(d, sec, "deadline", _("Deadline"), xasprintf(_("without undue "
	    "delay and at the latest 72 hours after becoming aware of the "
	    "breach: before %s"), when));
	add(d, sec, "service", _("Where"),
	    xstrdup("https://notifications.cnil.fr/notifications/index"));

	sec = _("Organisation (data controller)");
	add(d, sec, "organisation", _("Name"), x->plan.commune_name ?
	    xasprintf(_("Commune of %s"), x->plan.commune_name) : NULL);
	add(d, sec, "insee", _("INSEE code"), prof(x, "insee"));
	add(d, sec, "siren", _("SIREN number"), NULL);
	add(d, sec, "representative", _("Legal representative (the mayor)"),
	    person(x, "mayor"));
	add(d, sec, "email", _("Official e-mail address"), prof(x, "email"));

	sec = _("Contact for the CNIL");
	add(d, sec, "dpo", _("Data protection officer (DPO)"),
	    person(x, "dpo"));
	add(d, sec, "contact", _("Other contact"), person(x, "secretary"));

	sec = _("Dates");
	add(d, sec, "start", _("Start of the breach"), NULL);
	deadline_format(inc->t0, when, sizeof(when));
	add(d, sec, "discovery", _("Discovery (T0)"),
	    xasprintf(_("%s, Paris time"), when));
	add(d, sec, "ongoing", _("Still going on?"),
	    inc->closed ? xstrdup(_("no")) : NULL);
	if (x->plan.now > inc->t0 + CNIL_DEADLINE)
		add(d, sec, "delay", _("Reasons for notifying after 72 hours"),
		    NULL);

	sec = _("Nature of the breach");
	add(d, sec, "what", _("What happened"),
	    inc->what ? xstrdup(inc->what) : NULL);
	add(d, sec, "origin", _("Origin"), xstrdup(_("malicious act from "
	    "outside (cyber attack)")));
	add(d, sec, "availability", _("Loss of availability (data "
	    "unreachable or encrypted)"), ransom ?
	    xstrdup(_("yes (ransomware)")) : NULL);
	add(d, sec, "confidentiality", _("Loss of confidentiality (data "
	    "seen or copied by others)"), ransom ? xstrdup(_("possible: "
	    "ransomware gangs often copy data before encrypting it; to be "
	    "checked")) : NULL);
	add(d, sec, "integrity", _("Loss of integrity (data altered)"),
	    NULL);

	sec = _("People and data concerned");
	add(d, sec, "people_categories", _("Categories of people"), NULL);
	add(d, sec, "people", _("Approximate number of people"),
	    inc->people >= 0 ? xasprintf("%lld", inc->people) : NULL);
	add(d, sec, "data_categories", _("Categories of data"),
	    inc->data ? xstrdup(inc->data) : NULL);
	add(d, sec, "records", _("Approximate number of records"),
	    inc->records >= 0 ? xasprintf("%lld", inc->records) : NULL);

	sec = _("Consequences and measures");
	v = NULL;
	if (ransom)
		v = xstrdup(_("services interrupted (civil registry, payroll, "
		    "social aid...) while data is unavailable; if data was "
		    "copied: fraud or phishing aimed at the people concerned. "
		    "To be adapted."));
	add(d, sec, "consequences", _("Likely consequences for the people"),
	    v);
	add(d, sec, "measures_taken", _("Measures taken"),
	    steps_list(&x->plan, 1));
	add(d, sec, "measures_planned", _("Measures planned"),
	    steps_list(&x->plan, 0));
	w = done_when(&x->plan, "inform-people", _("yes, %s"));
	add(d, sec, "people_informed", _("People informed"), w != NULL ? w :
	    inc->cond[CL_HIGH_RISK] == CL_NO ? xstrdup(_("no: the risk to "
	    "them is not high")) : NULL);
	add(d, sec, "complaint", _("Complaint filed"), done_when(&x->plan,
	    "complaint", _("yes, %s")));
}

static void
draft_free(struct draft *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->a[i].value);
	free(d->a);
	free(d->warning);
}

static void
print_text(const struct draft *d, const struct incident *inc)
{
	const char *sec = NULL;
	char *first;
	int i;

	printf(_("Draft CNIL notification — incident %lld\n"),
	    (long long)inc->id);
	checklist_print_wrapped(stdout, "", 0, _("Copy these answers into the "
	    "CNIL's online form. Nothing has been sent."));
	if (d->warning != NULL) {
		putchar('\n');
		checklist_print_wrapped(stdout, "!! ", 3, d->warning);
	}
	for (i = 0; i < d->n; i++) {
		if (sec != d->a[i].section) {
			sec = d->a[i].section;
			printf("\n%s\n", sec);
		}
		first = xasprintf(_("  %s: "), d->a[i].label);
		checklist_print_wrapped(stdout, first, 6, d->a[i].value ?
		    d->a[i].value : checklist_missing());
		free(first);
	}
}

static json_t *
draft_json(const struct draft *d, const struct incident *inc)
{
	json_t *o = json_object(), *f = json_object();
	int i;

	json_object_set_new(o, "incident", json_integer(inc->id));
	json_object_set_new(o, "warning", vg_json_str(d->warning));
	for (i = 0; i < d->n; i++)
		json_object_set_new(f, d->a[i].key, vg_json_str(d->a[i].value));
	json_object_set_new(o, "fields", f);
	return o;
}

static struct vg_doc *
draft_doc(const struct draft *d, const struct incident *inc)
{
	struct vg_doc *doc;
	const char *sec = NULL;
	char *title;
	int i;

	title = xasprintf(_("Draft CNIL notification — incident %lld"),
	    (long long)inc->id);
	doc = vg_doc_new(title, vg_lang());
	vg_doc_heading(doc, 1, title);
	free(title);
	vg_doc_para(doc, VG_DS_LEAD, _("Copy these answers into the CNIL's "
	    "online form. Nothing has been sent."));
	if (d->warning != NULL)
		vg_doc_para(doc, VG_DS_WARNING, d->warning);
	for (i = 0; i < d->n; i++) {
		if (sec != d->a[i].section) {
			sec = d->a[i].section;
			vg_doc_heading(doc, 2, sec);
		}
		vg_doc_field(doc, d->a[i].label, d->a[i].value ?
		    d->a[i].value : checklist_missing());
	}
	return doc;
}

static int
cmd_respond_cnil_draft(const struct vg_cmd *self, int argc, char **argv)
{
	static const char *const formats[] = { "text", "md", "html", "odt",
	    "json", NULL };
	struct cl_context x;
	struct draft d;
	struct vg_doc *doc;
	struct cl_redirect red;
	const char *incident, *format, *output;
	char err[VG_ERRLEN];
	int rc;

	if ((rc = checklist_doc_opts(self, argc, argv, formats, &incident,
	    &format, &output)) != VG_OPT_CONTINUE)
		return rc;
	if (checklist_context(incident, 0, &x) == -1)
		return VG_EXIT_ERROR;
	build(&x, &d);
	rc = VG_EXIT_OK;
	if (strcmp(format, "json") == 0 || strcmp(format, "text") == 0) {
		if (checklist_stdout_begin(output, &red, err) == -1) {
			vg_warn("%s", err);
			rc = VG_EXIT_ERROR;
		} else {
			if (strcmp(format, "json") == 0)
				vg_json_emit_pretty(draft_json(&d, &x.inc));
			else
				print_text(&d, &x.inc);
			if (checklist_stdout_end(output, &red, 1, err) ==
			    -1) {
				vg_warn("%s", err);
				rc = VG_EXIT_ERROR;
			}
		}
	} else {
		doc = draft_doc(&d, &x.inc);
		if (vg_doc_write(doc, format, output ? output : "-", err) ==
		    -1) {
			vg_warn("%s", err);
			rc = VG_EXIT_ERROR;
		}
		vg_doc_free(doc);
	}
	draft_free(&d);
	checklist_context_free(&x);
	return rc;
}

const struct vg_cmd cmd_respond_cnil_draft_entry = {
	.name = "respond cnil-draft",
	.usage = N_("[--incident ID] [--format text|md|html|odt|json] [-o "
	    "FILE]"),
	.summary = N_("draft of the CNIL personal data breach notification"),
	.help = N_("Prints the answers the CNIL's online notification form "
	    "asks for, filled from the incident and the commune profile, ready "
	    "to copy: who notifies, the DPO, dates, the nature of the "
	    "breach, the people and records concerned, likely consequences, "
	    "measures taken and planned. What is still unknown is marked "
	    "\"to be filled in\". Nothing is sent.\n\n"
	    "  --incident ID      another incident than the open one\n"
	    "  --format FORMAT    text (default), md, html, odt or json\n"
	    "  -o FILE            write to FILE (needed for odt)\n"),
	.exec = cmd_respond_cnil_draft,
};
