/*
 * checklist.c — loads the incident checklist (rules/checklist/
 * checklist.xml, validated against checklist.rng) into plain structures
 * in the current language, and checks the cross-references the schema
 * cannot: unique ids, declared roles and contacts. Also names the
 * conditions a step may depend on.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/util.h"
#include "vigie/xml.h"

#define CHECKLIST_FILE	"checklist/checklist.xml"
#define CHECKLIST_RNG	"checklist/checklist.rng"
#define MAX_ITEMS	1000	/* of any list: a bound for hostile files */

static const struct {
	const char	*name;
	const char	*label;
	const char	*title;
} conds[CL_NCOND] = {
	{ "personal-data", N_("if personal data is affected"),
	  N_("Personal data affected") },
	{ "high-risk", N_("if the people concerned face a high risk"),
	  N_("High risk for the people concerned") },
	{ "insured", N_("if the commune has cyber insurance"),
	  N_("Cyber insurance") },
	{ "ransomware", N_("if a ransom is demanded"),
	  N_("Ransom demanded") },
	{ "nis2", N_("if the commune is registered with ANSSI under NIS2"),
	  N_("Designated under NIS2") },
};

const char *
checklist_cond_name(enum cl_cond c)
{
	if (c < 0 || c >= CL_NCOND)
		return "always";
	return conds[c].name;
}

const char *
checklist_cond_label(enum cl_cond c)
{
	if (c < 0 || c >= CL_NCOND)
		return "";
	return _(conds[c].label);
}

const char *
checklist_cond_title(enum cl_cond c)
{
	if (c < 0 || c >= CL_NCOND)
		return "";
	return _(conds[c].title);
}

const char *
checklist_tri_label(enum cl_tri t)
{
	return t == CL_YES ? _("yes") : t == CL_NO ? _("no") : _("unknown");
}

int
checklist_cond_parse(const char *s, enum cl_cond *c)
{
	int i;

	for (i = 0; i < CL_NCOND; i++)
		if (strcmp(s, conds[i].name) == 0) {
			*c = (enum cl_cond)i;
			return 0;
		}
	return -1;
}

const char *
checklist_tri_name(enum cl_tri t)
{
	return t == CL_YES ? "yes" : t == CL_NO ? "no" : "unknown";
}

int
checklist_tri_parse(const char *s, enum cl_tri *t)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "oui") == 0)
		*t = CL_YES;
	else if (strcmp(s, "no") == 0 || strcmp(s, "non") == 0)
		*t = CL_NO;
	else if (strcmp(s, "unknown") == 0 || strcmp(s, "inconnu") == 0)
		*t = CL_UNKNOWN;
	else
		return -1;
	return 0;
}

const char *
checklist_missing(void)
{
	return _("to be filled in");
}

/* ---- Loading ------------------------------------------------------- */

static void
free_strv(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
checklist_free(struct checklist *cl)
{
	int i, j;

	if (cl == NULL)
		return;
	if (cl->sheet != NULL) {
		free(cl->sheet->title);
		free(cl->sheet->warning);
		free(cl->sheet->footer);
		free_strv(cl->sheet->actions, cl->sheet->nactions);
		free_strv(cl->sheet->contacts, cl->sheet->ncontacts);
		free(cl->sheet);
	}
	for (i = 0; i < cl->nroles; i++) {
		free(cl->roles[i].id);
		free(cl->roles[i].name);
	}
	free(cl->roles);
	for (i = 0; i < cl->ncontacts; i++) {
		struct cl_contact *c = &cl->contacts[i];

		free(c->id);
		free(c->profile);
		free(c->name);
		free(c->phone);
		free(c->email);
		free(c->web);
		free(c->note);
		for (j = 0; j < c->nfields; j++) {
			free(c->fields[j].key);
			free(c->fields[j].label);
		}
		free(c->fields);
	}
	free(cl->contacts);
	for (i = 0; i < cl->nsteps; i++) {
		struct cl_step *s = &cl->steps[i];

		free(s->id);
		free(s->title);
		free(s->why);
		free(s->timing);
		free(s->law);
		free(s->deadline_key);
		free_strv(s->who, s->nwho);
		free_strv(s->contacts, s->ncontacts);
		free_strv(s->ready, s->nready);
	}
	free(cl->steps);
	free(cl);
}

/* Count the element children of PARENT named NAME. */
static int
count(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;
	int k = 0;

	VG_XML_FOREACH(n, parent, name)
		k++;
	return k;
}

/* The language of element N ("fr", "en"...) compared with LANG. */
static int
lang_is(xmlNodePtr n, const char *lang)
{
	xmlChar *l = xmlNodeGetLang(n);
	int r = l != NULL && strcmp((const char *)l, lang) == 0;

	VG_XML_FREE(l);
	return r;
}

/* Among the children NAME of PARENT, the one in the current language,
 * else French, else English, else the first. */
static xmlNodePtr
lang_child(xmlNodePtr parent, const char *name)
{
	const char *order[3] = { vg_lang(), "fr", "en" };
	xmlNodePtr n;
	int i;

	for (i = 0; i < 3; i++)
		VG_XML_FOREACH(n, parent, name)
			if (lang_is(n, order[i]))
				return n;
	return vg_xml_child(parent, name);
}

/* A required text in the current language; NULL with err set if none. */
static char *
need_text(xmlNodePtr parent, const char *name, const char *file,
    char *err)
{
	char *s = vg_xml_text(parent, name);

	if (s == NULL || *s == '\0') {
		free(s);
		vg_seterr(err, _("%s:%ld: <%s> needs a <%s>"), file,
		    vg_xml_line(parent), (const char *)parent->name, name);
		return NULL;
	}
	return s;
}

/* Split a space-separated attribute into a vector. */
static int
split_words(const char *s, char ***out)
{
	char **v = NULL, *copy, *tok, *save = NULL;
	int n = 0;

	copy = xstrdup(s);
	for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == MAX_ITEMS)
			break;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = xstrdup(tok);
	}
	free(copy);
	*out = v;
	return n;
}

/* An id attribute: present, short, lower-case letters, digits, - and _. */
static char *
need_id(xmlNodePtr n, const char *attr, const char *file, char *err)
{
	char *id = vg_xml_attr(n, attr);
	size_t i, len;

	if (id == NULL) {
		vg_seterr(err, _("%s:%ld: <%s> has no %s attribute"), file,
		    vg_xml_line(n), (const char *)n->name, attr);
		return NULL;
	}
	len = strlen(id);
	for (i = 0; i < len; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '-' ||
		    id[i] == '_'))
			break;
	if (len == 0 || len > 40 || i < len) {
		vg_seterr(err, _("%s:%ld: bad %s \"%s\" (lower-case letters, "
		    "digits, - and _, at most 40)"), file, vg_xml_line(n), attr,
		    id);
		free(id);
		return NULL;
	}
	return id;
}

/* The element's items as a vector; N set. */
static char **
items(xmlNodePtr list, int *n, const char *file, char *err)
{
	xmlNodePtr it;
	char **v;
	int k = count(list, "item");

	*n = 0;
	if (k > MAX_ITEMS) {
		vg_seterr(err, _("%s:%ld: too many items"), file,
		    vg_xml_line(list));
		return NULL;
	}
	v = xcalloc(k ? k : 1, sizeof(*v));
	VG_XML_FOREACH(it, list, "item")
		v[(*n)++] = vg_xml_content(it);
	return v;
}

/* Collect the ref attributes of the <contact> children of N. */
static int
contact_refs(struct checklist *cl, xmlNodePtr n, char ***out, int *nout,
    const char *what, const char *file, char *err)
{
	xmlNodePtr c;
	char *v;
	int k = count(n, "contact");

	*nout = 0;
	if (k > MAX_ITEMS) {
		vg_seterr(err, _("%s:%ld: too many contacts"), file,
		    vg_xml_line(n));
		return -1;
	}
	*out = xcalloc(k ? k : 1, sizeof(**out));
	VG_XML_FOREACH(c, n, "contact") {
		if ((v = need_id(c, "ref", file, err)) == NULL)
			return -1;
		(*out)[(*nout)++] = v;
		if (checklist_contact(cl, v) == NULL) {
			vg_seterr(err, _("%s:%ld: %s: unknown contact \"%s\""),
			    file, vg_xml_line(c), what, v);
			return -1;
		}
	}
	return 0;
}

static int
load_roles(struct checklist *cl, xmlNodePtr sec, const char *file,
    char *err)
{
	xmlNodePtr n;
	int k = count(sec, "role");

	if (k > MAX_ITEMS) {
		vg_seterr(err, _("%s: too many roles"), file);
		return -1;
	}
	cl->roles = xcalloc(k ? k : 1, sizeof(*cl->roles));
	VG_XML_FOREACH(n, sec, "role") {
		struct cl_role *r = &cl->roles[cl->nroles];

		if ((r->id = need_id(n, "id", file, err)) == NULL)
			return -1;
		cl->nroles++;
		if (checklist_role(cl, r->id) != r) {
			vg_seterr(err, _("%s:%ld: role \"%s\" declared twice"),
			    file, vg_xml_line(n), r->id);
			return -1;
		}
		if ((r->name = need_text(n, "name", file, err)) == NULL)
			return -1;
	}
	return 0;
}

static int
load_contacts(struct checklist *cl, xmlNodePtr sec, const char *file,
    char *err)
{
	xmlNodePtr n, f;
	int k = count(sec, "contact");

	if (k > MAX_ITEMS) {
		vg_seterr(err, _("%s: too many contacts"), file);
		return -1;
	}
	cl->contacts = xcalloc(k ? k : 1, sizeof(*cl->contacts));
	VG_XML_FOREACH(n, sec, "contact") {
		struct cl_contact *c = &cl->contacts[cl->ncontacts];

		if ((c->id = need_id(n, "id", file, err)) == NULL)
			return -1;
		cl->ncontacts++;
		if (checklist_contact(cl, c->id) != c) {
			vg_seterr(err, _("%s:%ld: contact \"%s\" declared "
			    "twice"), file, vg_xml_line(n), c->id);
			return -1;
		}
		if (xmlHasProp(n, (const xmlChar *)"profile") != NULL &&
		    (c->profile = need_id(n, "profile", file, err)) == NULL)
			return -1;
		if ((c->name = need_text(n, "name", file, err)) == NULL)
			return -1;
		if (vg_xml_child(n, "phone") != NULL)
			c->phone = vg_xml_content(vg_xml_child(n, "phone"));
		if (vg_xml_child(n, "email") != NULL)
			c->email = vg_xml_content(vg_xml_child(n, "email"));
		if (vg_xml_child(n, "web") != NULL)
			c->web = vg_xml_content(vg_xml_child(n, "web"));
		c->note = vg_xml_text(n, "note");
		k = count(n, "field");
		if (k > MAX_ITEMS) {
			vg_seterr(err, _("%s:%ld: too many fields"), file,
			    vg_xml_line(n));
			return -1;
		}
		c->fields = xcalloc(k ? k : 1, sizeof(*c->fields));
		VG_XML_FOREACH(f, n, "field") {
			struct cl_field *fl = &c->fields[c->nfields];

			if ((fl->key = need_id(f, "key", file, err)) == NULL)
				return -1;
			c->nfields++;
			if ((fl->label = need_text(f, "label", file, err)) ==
			    NULL)
				return -1;
		}
	}
	return 0;
}

static int
load_deadline(struct cl_step *s, xmlNodePtr n, const char *file,
    char *err)
{
	char *v, *end;
	long m;
	int r = 0;

	s->deadline_min = -1;
	if ((v = vg_xml_attr(n, "deadline")) != NULL) {
		errno = 0;
		m = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || m < 0 ||
		    m > 525600) {
			vg_seterr(err, _("%s:%ld: deadline \"%s\" is not a "
			    "number of minutes (0 to 525600)"), file,
			    vg_xml_line(n), v);
			r = -1;
		} else
			s->deadline_min = m;
		free(v);
	}
	if (r == 0)
		s->deadline_key = vg_xml_attr(n, "deadline-hours-key");
	if (r == 0 && s->deadline_key != NULL && s->deadline_min >= 0) {
		vg_seterr(err, _("%s:%ld: a step has either deadline or "
		    "deadline-hours-key, not both"), file, vg_xml_line(n));
		r = -1;
	}
	s->basis = s->deadline_key != NULL ? CL_BASIS_CONTRACT :
	    CL_BASIS_ADVICE;
	if (r == 0 && (v = vg_xml_attr(n, "remedy")) != NULL) {
		s->remedy = strcmp(v, "yes") == 0;
		free(v);
	}
	if (r == 0 && (v = vg_xml_attr(n, "basis")) != NULL) {
		if (strcmp(v, "law") == 0)
			s->basis = CL_BASIS_LAW;
		else if (strcmp(v, "contract") == 0)
			s->basis = CL_BASIS_CONTRACT;
		else if (strcmp(v, "advice") == 0)
			s->basis = CL_BASIS_ADVICE;
		else {
			vg_seterr(err, _("%s:%ld: unknown basis \"%s\""), file,
			    vg_xml_line(n), v);
			r = -1;
		}
		free(v);
	}
	return r;
}

static int
load_step(struct checklist *cl, struct cl_step *s, xmlNodePtr n,
    const char *file, char *err)
{
	xmlNodePtr ready;
	char *v;
	int i;

	s->line = vg_xml_line(n);
	s->cond = CL_ALWAYS;
	if ((v = vg_xml_attr(n, "if")) != NULL) {
		if (checklist_cond_parse(v, &s->cond) == -1) {
			vg_seterr(err, _("%s:%ld: unknown condition \"%s\""),
			    file, s->line, v);
			free(v);
			return -1;
		}
		free(v);
	}
	if ((v = vg_xml_attr(n, "who")) == NULL) {
		vg_seterr(err, _("%s:%ld: step \"%s\" says nobody acts (who)"),
		    file, s->line, s->id);
		return -1;
	}
	s->nwho = split_words(v, &s->who);
	free(v);
	for (i = 0; i < s->nwho; i++)
		if (checklist_role(cl, s->who[i]) == NULL) {
			vg_seterr(err, _("%s:%ld: step \"%s\": unknown role "
			    "\"%s\""), file, s->line, s->id, s->who[i]);
			return -1;
		}
	if (s->nwho == 0) {
		vg_seterr(err, _("%s:%ld: step \"%s\" says nobody acts (who)"),
		    file, s->line, s->id);
		return -1;
	}
	if (load_deadline(s, n, file, err) == -1)
		return -1;
	if ((s->title = need_text(n, "title", file, err)) == NULL ||
	    (s->why = need_text(n, "why", file, err)) == NULL)
		return -1;
	s->timing = vg_xml_text(n, "timing");
	s->law = vg_xml_text(n, "law");

	if (contact_refs(cl, n, &s->contacts, &s->ncontacts, s->id, file,
	    err) == -1)
		return -1;
	if ((ready = lang_child(n, "ready")) != NULL &&
	    (s->ready = items(ready, &s->nready, file, err)) == NULL)
		return -1;
	return 0;
}

static int
load_steps(struct checklist *cl, xmlNodePtr sec, const char *file,
    char *err)
{
	xmlNodePtr n;
	int k = count(sec, "step");

	if (k > MAX_ITEMS) {
		vg_seterr(err, _("%s: too many steps"), file);
		return -1;
	}
	cl->steps = xcalloc(k ? k : 1, sizeof(*cl->steps));
	VG_XML_FOREACH(n, sec, "step") {
		struct cl_step *s = &cl->steps[cl->nsteps];

		if ((s->id = need_id(n, "id", file, err)) == NULL)
			return -1;
		cl->nsteps++;
		if (checklist_step(cl, s->id) != s) {
			vg_seterr(err, _("%s:%ld: step \"%s\" declared twice"),
			    file, vg_xml_line(n), s->id);
			return -1;
		}
		if (load_step(cl, s, n, file, err) == -1)
			return -1;
	}
	return 0;
}

static int
load_sheet(struct checklist *cl, xmlNodePtr n, const char *file, char *err)
{
	struct cl_sheet *sh = xcalloc(1, sizeof(*sh));
	xmlNodePtr list;

	cl->sheet = sh;
	if ((sh->title = need_text(n, "title", file, err)) == NULL ||
	    (sh->warning = need_text(n, "warning", file, err)) == NULL)
		return -1;
	sh->footer = vg_xml_text(n, "footer");
	if ((list = lang_child(n, "actions")) == NULL) {
		vg_seterr(err, _("%s:%ld: <sheet> needs <actions>"), file,
		    vg_xml_line(n));
		return -1;
	}
	if ((sh->actions = items(list, &sh->nactions, file, err)) == NULL)
		return -1;
	return contact_refs(cl, n, &sh->contacts, &sh->ncontacts, "sheet",
	    file, err);
}

static int
from_doc(xmlDocPtr doc, const char *file, struct checklist **out,
    char *err)
{
	struct checklist *cl = xcalloc(1, sizeof(*cl));
	xmlNodePtr root = xmlDocGetRootElement(doc), sec;
	int r = -1;

	if (root == NULL || strcmp((const char *)root->name, "checklist") !=
	    0) {
		vg_seterr(err, _("%s: not a checklist (root element must be "
		    "<checklist>)"), file);
		goto out;
	}
	if ((sec = vg_xml_child(root, "roles")) == NULL ||
	    load_roles(cl, sec, file, err) == -1)
		goto missing;
	if ((sec = vg_xml_child(root, "contacts")) == NULL ||
	    load_contacts(cl, sec, file, err) == -1)
		goto missing;
	if ((sec = vg_xml_child(root, "steps")) == NULL ||
	    load_steps(cl, sec, file, err) == -1)
		goto missing;
	if (cl->nsteps == 0) {
		vg_seterr(err, _("%s: the checklist has no step"), file);
		goto out;
	}
	if ((sec = vg_xml_child(root, "sheet")) != NULL &&
	    load_sheet(cl, sec, file, err) == -1)
		goto out;
	r = 0;
	goto out;
missing:
	if (sec == NULL)
		vg_seterr(err, _("%s: <roles>, <contacts> and <steps> are "
		    "required"), file);
out:
	if (r == 0)
		*out = cl;
	else
		checklist_free(cl);
	return r;
}

int
checklist_load_mem(const char *buf, size_t len, const char *name,
    const char *schema, struct checklist **out, char *err)
{
	xmlDocPtr doc;
	int r;

	if ((doc = vg_xml_load_mem(buf, len, name, schema, err)) == NULL)
		return -1;
	r = from_doc(doc, name, out, err);
	xmlFreeDoc(doc);
	return r;
}

int
checklist_load(const char *path, struct checklist **out, char *err)
{
	char *def = NULL, *schema = vg_data_path(CHECKLIST_RNG);
	xmlDocPtr doc = NULL;
	int r = -1;

	if (path == NULL)
		path = def = vg_data_path(CHECKLIST_FILE);
	if ((doc = vg_xml_load(path, schema, err)) == NULL)
		goto out;
	r = from_doc(doc, path, out, err);
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(schema);
	free(def);
	return r;
}

/* ---- Look-ups ------------------------------------------------------ */

const struct cl_step *
checklist_step(const struct checklist *cl, const char *id)
{
	int i;

	for (i = 0; i < cl->nsteps; i++)
		if (cl->steps[i].id != NULL && strcmp(cl->steps[i].id, id) == 0)
			return &cl->steps[i];
	return NULL;
}

const struct cl_role *
checklist_role(const struct checklist *cl, const char *id)
{
	int i;

	for (i = 0; i < cl->nroles; i++)
		if (cl->roles[i].id != NULL && strcmp(cl->roles[i].id, id) == 0)
			return &cl->roles[i];
	return NULL;
}

const struct cl_contact *
checklist_contact(const struct checklist *cl, const char *id)
{
	int i;

	for (i = 0; i < cl->ncontacts; i++)
		if (cl->contacts[i].id != NULL &&
		    strcmp(cl->contacts[i].id, id) == 0)
			return &cl->contacts[i];
	return NULL;
}
