/*
 * checklist-plan.c — the checklist applied to one incident: which steps
 * apply given its conditions, each deadline as an absolute time, what is
 * done, overdue or ahead, and each contact filled from the commune
 * profile (else the public default, else "to be filled in"). Also the
 * words and the document every output (text, doc, TUI) shares.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/contacts.h"
#include "vigie/store.h"

/* A profile value, or NULL when unset, unknown key or no commune. */
static char *
profile(struct vg_store *store, int64_t commune, const char *prefix,
    const char *field)
{
	char *key, *v = NULL, err[VG_ERRLEN];

	if (store == NULL || commune == 0)
		return NULL;
	key = xasprintf("%s.%s", prefix, field);
	if (vg_profile_key(key) != NULL &&
	    vg_profile_get(store, commune, key, &v, err) == -1)
		v = NULL;
	free(key);
	if (v != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}

/* Fill one channel: the profile's value, else the public default; when
 * both are missing and the profile has the key, remember the key. */
static void
channel(struct cl_channel *ch, struct vg_store *store, int64_t commune,
    const char *prefix, const char *field, const char *def)
{
	char *key;

	memset(ch, 0, sizeof(*ch));
	if (prefix != NULL &&
	    (ch->value = profile(store, commune, prefix, field)) != NULL) {
		ch->from_profile = 1;
		return;
	}
	if (def != NULL) {
		ch->value = xstrdup(def);
		return;
	}
	if (prefix == NULL)
		return;
	key = xasprintf("%s.%s", prefix, field);
	if (vg_profile_key(key) != NULL)
		ch->key = key;
	else
		free(key);
}

/*
 * The regional CSIRT from the commune's INSEE code (rules/contacts/
 * contacts.xml, issue 16), for what the profile does not give: its name,
 * its phone when vigie knows it (never a guessed one), its web page.
 */
static void
regional_csirt(struct cl_contact_view *v, struct vg_store *store,
    int64_t commune)
{
	struct vg_public_contact pc;
	char *insee = NULL, err[VG_ERRLEN];

	if (store == NULL || commune == 0 ||
	    vg_profile_get(store, commune, "insee", &insee, err) == -1 ||
	    insee == NULL)
		return;
	if (vg_contacts_csirt(NULL, insee, &pc, err) == 1) {
		if (v->name == NULL)
			v->name = xstrdup(pc.name);
		if (!v->phone.from_profile && pc.phone != NULL) {
			free(v->phone.value);
			free(v->phone.key);
			v->phone.key = NULL;
			v->phone.value = xstrdup(pc.phone);
		}
		if (!v->web.from_profile && pc.web != NULL) {
			free(v->web.value);
			v->web.value = xstrdup(pc.web);
		}
		vg_public_contact_free(&pc);
	}
	free(insee);
}

static void
contact_view(struct cl_contact_view *v, const struct cl_contact *c,
    struct vg_store *store, int64_t commune)
{
	char *val;
	int i;

	memset(v, 0, sizeof(*v));
	v->c = c;
	v->name = c->profile != NULL ?
	    profile(store, commune, c->profile, "name") : NULL;
	channel(&v->phone, store, commune, c->profile, "phone", c->phone);
	channel(&v->email, store, commune, c->profile, "email", c->email);
	channel(&v->web, store, commune, c->profile, "web", c->web);
	if (strcmp(c->id, "csirt") == 0)
		regional_csirt(v, store, commune);
	v->fields = xcalloc(c->nfields ? c->nfields : 1, sizeof(*v->fields));
	for (i = 0; i < c->nfields; i++) {
		val = c->profile != NULL ?
		    profile(store, commune, c->profile, c->fields[i].key) :
		    NULL;
		v->fields[v->nfields++] = xasprintf(_("%s: %s"),
		    c->fields[i].label, val != NULL ? val :
		    checklist_missing());
		free(val);
	}
}

static void
contact_view_free(struct cl_contact_view *v)
{
	int i;

	free(v->name);
	free(v->phone.value);
	free(v->phone.key);
	free(v->email.value);
	free(v->email.key);
	free(v->web.value);
	free(v->web.key);
	for (i = 0; i < v->nfields; i++)
		free(v->fields[i]);
	free(v->fields);
}

void
checklist_plan_free(struct cl_plan *p)
{
	int i, j;

	for (i = 0; i < p->nitems; i++) {
		for (j = 0; j < p->items[i].ncontacts; j++)
			contact_view_free(&p->items[i].contacts[j]);
		free(p->items[i].contacts);
	}
	free(p->items);
	free(p->commune_name);
	memset(p, 0, sizeof(*p));
}

/* Is the commune insured? The incident says so, else the profile does
 * when it names an insurer or a policy. */
enum cl_tri
checklist_insured(const struct incident *inc, struct vg_store *store,
    int64_t commune)
{
	char *v;
	enum cl_tri t;

	if (inc != NULL && inc->cond[CL_INSURED] != CL_UNKNOWN)
		return inc->cond[CL_INSURED];
	if ((v = profile(store, commune, "insurer", "policy")) == NULL)
		v = profile(store, commune, "insurer", "name");
	t = v != NULL ? CL_YES : CL_UNKNOWN;
	free(v);
	return t;
}

int
checklist_plan(const struct checklist *cl, const struct incident *inc,
    const struct incident_event *ev, int nev, struct vg_store *store,
    int64_t commune, time_t now, struct cl_plan *out, char *err)
{
	const struct cl_step *s;
	struct cl_item *it;
	enum cl_tri t;
	char *hours, *end;
	long h;
	int i, j;

	memset(out, 0, sizeof(*out));
	out->cl = cl;
	out->inc = inc;
	out->now = now;
	if (store != NULL && commune != 0 && vg_profile_get(store, commune,
	    "name", &out->commune_name, err) == -1)
		out->commune_name = NULL;
	out->items = xcalloc(cl->nsteps, sizeof(*out->items));
	for (i = 0; i < cl->nsteps; i++) {
		s = &cl->steps[i];
		t = CL_UNKNOWN;
		if (s->cond == CL_INSURED)
			t = checklist_insured(inc, store, commune);
		else if (s->cond != CL_ALWAYS && inc != NULL)
			t = inc->cond[s->cond];
		/* No personal data affected: no high risk to it either. */
		if (s->cond == CL_HIGH_RISK && inc != NULL &&
		    inc->cond[CL_PERSONAL_DATA] == CL_NO)
			t = CL_NO;
		if (s->cond != CL_ALWAYS && t == CL_NO) {
			out->skipped++;
			continue;
		}
		it = &out->items[out->nitems++];
		it->s = s;
		it->maybe = s->cond != CL_ALWAYS && t == CL_UNKNOWN;
		if (inc != NULL && s->deadline_min > 0)
			it->deadline = inc->t0 + s->deadline_min * 60;
		if (inc != NULL && s->deadline_key != NULL &&
		    (hours = profile(store, commune, "insurer",
		    "deadline_hours")) != NULL) {
			h = strtol(hours, &end, 10);
			if (*end == '\0' && h > 0 && h < 24 * 366 &&
			    strncmp(s->deadline_key, "insurer.", 8) == 0)
				it->deadline = inc->t0 + h * 3600;
			free(hours);
		}
		it->done_at = inc != NULL ?
		    incident_step_done(ev, nev, s->id) : 0;
		if (it->done_at != 0)
			it->state = CL_ST_DONE;
		else if (it->deadline != 0 && now > it->deadline)
			it->state = CL_ST_OVERDUE;
		else if (it->deadline != 0)
			it->state = CL_ST_PENDING;
		else
			it->state = CL_ST_OPEN;
		if (it->state == CL_ST_OVERDUE)
			out->overdue++;
		it->contacts = xcalloc(s->ncontacts ? s->ncontacts : 1,
		    sizeof(*it->contacts));
		for (j = 0; j < s->ncontacts; j++)
			contact_view(&it->contacts[it->ncontacts++],
			    checklist_contact(cl, s->contacts[j]), store,
			    commune);
	}
	return 0;
}

/* ---- Words --------------------------------------------------------- */

/* "72 h" or "15 min" for a relative deadline. */
static void
relative(long min, char *buf, size_t len)
{
	if (min % 60 == 0)
		snprintf(buf, len, _("%ld h"), min / 60);
	else
		snprintf(buf, len, _("%ld min"), min);
}

void
checklist_item_when(const struct cl_plan *p, const struct cl_item *it,
    char *buf, size_t len)
{
	const struct cl_step *s = it->s;
	char at[64], dur[64], rel[32];

	if (it->state == CL_ST_DONE) {
		deadline_format(it->done_at, at, sizeof(at));
		snprintf(buf, len, _("done %s"), at);
		return;
	}
	if (s->deadline_min == 0) {
		snprintf(buf, len, "%s", _("right away"));
		return;
	}
	if (p->inc == NULL && s->deadline_min > 0) {
		relative(s->deadline_min, rel, sizeof(rel));
		snprintf(buf, len, _("within %s of discovery"), rel);
		return;
	}
	if (it->deadline == 0) {
		snprintf(buf, len, "%s", s->timing != NULL ? s->timing :
		    _("as soon as possible"));
		return;
	}
	deadline_format(it->deadline, at, sizeof(at));
	if (it->state == CL_ST_OVERDUE) {
		deadline_duration((long long)(p->now - it->deadline), dur,
		    sizeof(dur));
		snprintf(buf, len, _("OVERDUE by %s (deadline %s)"), dur, at);
	} else {
		deadline_duration((long long)(it->deadline - p->now), dur,
		    sizeof(dur));
		snprintf(buf, len, _("before %s (%s left)"), at, dur);
	}
}

const char *
checklist_item_state(const struct cl_item *it)
{
	switch (it->state) {
	case CL_ST_DONE:
		return _("DONE");
	case CL_ST_OVERDUE:
		return _("OVERDUE");
	default:
		return it->maybe ? _("IF IT APPLIES") : _("TO DO");
	}
}

char *
checklist_item_who(const struct cl_plan *p, const struct cl_item *it)
{
	const struct cl_role *r;
	char *s = xstrdup(""), *t;
	int i;

	for (i = 0; i < it->s->nwho; i++) {
		r = checklist_role(p->cl, it->s->who[i]);
		t = xasprintf("%s%s%s", s, i ? ", " : "",
		    r != NULL ? r->name : it->s->who[i]);
		free(s);
		s = t;
	}
	return s;
}

static char *
append_channel(char *s, const char *label, const struct cl_channel *ch,
    int hints)
{
	char *t, *v;

	if (ch->value != NULL) {
		/* A phone number, a web or e-mail address: one word for the
		 * line breaker (no-break spaces inside). */
		v = vg_doc_phone(ch->value);
		t = xasprintf("%s — %s %s", s, label, v);
		free(v);
	}
	else if (ch->key != NULL && !hints)
		t = xasprintf("%s — %s %s", s, label, checklist_missing());
	else if (ch->key != NULL)
		t = xasprintf("%s — %s %s (vigie profile set %s)", s, label,
		    checklist_missing(), ch->key);
	else
		return s;
	free(s);
	return t;
}

char *
checklist_contact_line(const struct cl_contact_view *v, int hints)
{
	char *s, *t;
	int i;

	if (v->name != NULL)
		s = xasprintf("%s (%s)", v->c->name, v->name);
	else
		s = xstrdup(v->c->name);
	/* A missing phone says which key to fill in; a missing e-mail or
	 * web address is not worth the noise. */
	s = append_channel(s, _("phone:"), &v->phone, hints);
	if (v->email.value != NULL)
		s = append_channel(s, _("e-mail:"), &v->email, hints);
	if (v->web.value != NULL)
		s = append_channel(s, _("web:"), &v->web, hints);
	for (i = 0; i < v->nfields; i++) {
		t = xasprintf("%s — %s", s, v->fields[i]);
		free(s);
		s = t;
	}
	return s;
}

/* ---- The document -------------------------------------------------- */

static enum vg_doc_tone
tone(const struct cl_item *it)
{
	switch (it->state) {
	case CL_ST_DONE:
		return VG_DT_GOOD;
	case CL_ST_OVERDUE:
		return VG_DT_BAD;
	default:
		return it->deadline != 0 || it->s->deadline_min == 0 ?
		    VG_DT_WARN : VG_DT_NONE;
	}
}

void
checklist_plan_doc(const struct cl_plan *p, struct vg_doc *doc)
{
	const struct cl_item *it;
	const char *head[3];
	const char *row[3];
	char when[256], t0[64], now[64], *who, *line, *title;
	int i, j;

	if (p->inc != NULL) {
		deadline_format(p->inc->t0, t0, sizeof(t0));
		deadline_format(p->now, now, sizeof(now));
		vg_doc_paraf(doc, VG_DS_LEAD, _("Attack discovered (T0): %s. "
		    "Situation at %s (Paris time)."), t0, now);
		if (p->overdue > 0)
			vg_doc_paraf(doc, VG_DS_WARNING, vg_ngettext(
			    "%d step is overdue.", "%d steps are overdue.",
			    p->overdue), p->overdue);
	} else
		vg_doc_para(doc, VG_DS_LEAD, _("No incident is open: deadlines "
		    "count from the moment the attack is discovered (T0)."));

	/* The summary table first: what, by when, state. */
	head[0] = _("Step");
	head[1] = _("Deadline");
	head[2] = _("State");
	vg_doc_table_begin(doc, 3, head);
	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		checklist_item_when(p, it, when, sizeof(when));
		title = xasprintf("%d. %s", i + 1, it->s->title);
		row[0] = title;
		row[1] = when;
		row[2] = checklist_item_state(it);
		vg_doc_row(doc, row, tone(it));
		free(title);
	}
	vg_doc_table_end(doc);

	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		title = xasprintf("%d. %s", i + 1, it->s->title);
		vg_doc_heading(doc, 2, title);
		free(title);
		checklist_item_when(p, it, when, sizeof(when));
		vg_doc_field(doc, _("When"), when);
		vg_doc_field(doc, _("State"), checklist_item_state(it));
		if (it->maybe)
			vg_doc_field(doc, _("Applies"),
			    checklist_cond_label(it->s->cond));
		who = checklist_item_who(p, it);
		vg_doc_field(doc, _("Who acts"), who);
		free(who);
		if (it->s->law != NULL)
			vg_doc_field(doc, _("Legal basis"), it->s->law);
		vg_doc_para(doc, VG_DS_NORMAL, it->s->why);
		if (it->ncontacts > 0) {
			vg_doc_para(doc, VG_DS_STRONG, _("Whom to contact"));
			vg_doc_list_begin(doc, VG_DL_BULLET);
			for (j = 0; j < it->ncontacts; j++) {
				line = checklist_contact_line(&it->contacts[j], 1);
				if (it->contacts[j].c->note != NULL) {
					char *t = xasprintf("%s\n%s", line,
					    it->contacts[j].c->note);

					free(line);
					line = t;
				}
				vg_doc_item(doc, line);
				free(line);
			}
			vg_doc_list_end(doc);
		}
		if (it->s->nready > 0) {
			vg_doc_para(doc, VG_DS_STRONG, _("Have ready"));
			vg_doc_list_begin(doc, VG_DL_CHECK);
			for (j = 0; j < it->s->nready; j++)
				vg_doc_item(doc, it->s->ready[j]);
			vg_doc_list_end(doc);
		}
	}
	if (p->skipped > 0)
		vg_doc_paraf(doc, VG_DS_NOTE, vg_ngettext("%d step left out: "
		    "its condition does not apply to this incident.",
		    "%d steps left out: their condition does not apply to "
		    "this incident.", p->skipped), p->skipped);
}
