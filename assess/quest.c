/*
 * quest.c — the questionnaire model: load a questionnaire XML file
 * (validated against questionnaire.rng by vg_xml_load), check what the
 * schema cannot say, and keep its texts in the current language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"

#define QUEST_DEFAULT	"questionnaire/communes.xml"
#define QUEST_SCHEMA	"questionnaire/questionnaire.rng"
#define QUEST_MAXSIZE	(16 << 20)

static const char *const role_ids[AS_ROLE_COUNT] = {
	"", "secretary", "elected", "provider", "epci", "dpo", "insurer",
	"vendor",
};

const char *
quest_role_id(enum as_role r)
{
	return r >= 0 && r < AS_ROLE_COUNT ? role_ids[r] : "";
}

int
quest_role_parse(const char *s, enum as_role *r)
{
	int i;

	for (i = 1; i < AS_ROLE_COUNT; i++)
		if (strcmp(s, role_ids[i]) == 0) {
			*r = (enum as_role)i;
			return 0;
		}
	return -1;
}

/* ---- Text --------------------------------------------------------- */

/* Collapse every run of white space into one space (XML indentation). */
static char *
quest_squash(char *s)
{
	char *r, *w;
	int space = 0;

	if (s == NULL)
		return NULL;
	for (r = w = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

static char *
quest_text(xmlNodePtr n, const char *name)
{
	return quest_squash(vg_xml_text(n, name));
}

/* ---- Loading ------------------------------------------------------ */

struct quest_ctx {
	struct quest	*q;
	const char	*name;
	char		*err;
};

static int
quest_fail(struct quest_ctx *c, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
quest_fail(struct quest_ctx *c, xmlNodePtr n, const char *fmt, ...)
{
	char msg[VG_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	vg_seterr(c->err, "%s:%ld: %s", c->name, n ? vg_xml_line(n) : 0L,
	    msg);
	return -1;
}

static int
quest_count_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;
	int count = 0;

	VG_XML_FOREACH(n, parent, name)
		count++;
	return count;
}

static int
quest_int_attr(xmlNodePtr n, const char *name, int def)
{
	char *v = vg_xml_attr(n, name);
	int r = def;

	if (v != NULL)
		r = atoi(v);
	free(v);
	return r;
}

static int
quest_yes(xmlNodePtr n, const char *name)
{
	char *v = vg_xml_attr(n, name);
	int r = v != NULL && strcmp(v, "yes") == 0;

	free(v);
	return r;
}

static void
quest_load_terms(xmlNodePtr parent, struct quest_term **terms, int *n)
{
	xmlNodePtr t;
	int i = 0;

	*n = quest_count_children(parent, "term");
	*terms = *n ? xcalloc((size_t)*n, sizeof **terms) : NULL;
	VG_XML_FOREACH(t, parent, "term") {
		(*terms)[i].name = vg_xml_attr(t, "name");
		(*terms)[i].text = quest_text(t, "text");
		i++;
	}
}

static int
quest_load_context(struct quest_ctx *c, xmlNodePtr ctx)
{
	struct quest *q = c->q;
	xmlNodePtr a, o;
	int i = 0, j, k;

	q->nasks = quest_count_children(ctx, "ask");
	q->asks = q->nasks ? xcalloc((size_t)q->nasks, sizeof *q->asks) :
	    NULL;
	VG_XML_FOREACH(a, ctx, "ask") {
		struct quest_ask *ask = &q->asks[i];

		ask->index = i;
		ask->id = vg_xml_attr(a, "id");
		ask->text = quest_text(a, "text");
		ask->why = quest_text(a, "why");
		for (k = 0; k < i; k++)
			if (strcmp(q->asks[k].id, ask->id) == 0)
				return quest_fail(c, a, _("context question "
				    "'%s' appears twice"), ask->id);
		ask->noptions = quest_count_children(a, "option");
		ask->options = xcalloc((size_t)ask->noptions,
		    sizeof *ask->options);
		j = 0;
		VG_XML_FOREACH(o, a, "option") {
			struct quest_option *opt = &ask->options[j];

			opt->value = vg_xml_attr(o, "value");
			opt->label = quest_text(o, "label");
			quest_load_terms(o, &opt->terms, &opt->nterms);
			for (k = 0; k < j; k++)
				if (strcmp(ask->options[k].value,
				    opt->value) == 0)
					return quest_fail(c, o, _("option '%s' "
					    "appears twice in '%s'"),
					    opt->value, ask->id);
			for (k = 0; k < opt->nterms; k++) {
				int d, found = 0;

				for (d = 0; d < q->nterms; d++)
					found |= strcmp(q->terms[d].name,
					    opt->terms[k].name) == 0;
				if (!found)
					return quest_fail(c, o, _("term '%s' "
					    "has no default in <terms>"),
					    opt->terms[k].name);
			}
			j++;
		}
		i++;
	}
	return 0;
}

static int
quest_cmp_choice(const void *a, const void *b)
{
	const struct quest_choice *x = a, *y = b;

	return x->level - y->level;
}

static int
quest_load_question(struct quest_ctx *c, xmlNodePtr x,
    struct quest_question *qq)
{
	struct quest *q = c->q;
	xmlNodePtr n;
	char *v;
	int i, j;

	qq->line = vg_xml_line(x);
	qq->id = vg_xml_attr(x, "id");
	qq->weight = quest_int_attr(x, "weight", 1);
	qq->basic = qq->weight >= 3 || quest_yes(x, "basic");
	qq->quick = quest_yes(x, "quick");
	qq->na = quest_yes(x, "na");
	qq->ask = AS_ROLE_NONE;
	if ((v = vg_xml_attr(x, "ask")) != NULL &&
	    quest_role_parse(v, &qq->ask) == -1) {
		quest_fail(c, x, _("unknown role '%s'"), v);
		free(v);
		return -1;
	}
	free(v);
	qq->text = quest_text(x, "text");
	qq->why = quest_text(x, "why");
	qq->example = quest_text(x, "example");

	qq->nchoices = quest_count_children(x, "choice");
	qq->choices = xcalloc((size_t)qq->nchoices, sizeof *qq->choices);
	i = 0;
	VG_XML_FOREACH(n, x, "choice") {
		qq->choices[i].level = quest_int_attr(n, "level", 0);
		qq->choices[i].label = quest_text(n, "label");
		for (j = 0; j < i; j++)
			if (qq->choices[j].level == qq->choices[i].level)
				return quest_fail(c, n, _("question '%s' has "
				    "two answers at level %d"), qq->id,
				    qq->choices[i].level);
		i++;
	}
	if (qq->nchoices < 2)
		return quest_fail(c, x, _("question '%s' needs at least two "
		    "answers"), qq->id);
	qsort(qq->choices, (size_t)qq->nchoices, sizeof *qq->choices,
	    quest_cmp_choice);

	qq->nna_if = quest_count_children(x, "na-if");
	qq->na_if = qq->nna_if ? xcalloc((size_t)qq->nna_if,
	    sizeof *qq->na_if) : NULL;
	i = 0;
	VG_XML_FOREACH(n, x, "na-if") {
		struct quest_ask *ask;

		qq->na_if[i].ask = vg_xml_attr(n, "ask");
		qq->na_if[i].value = vg_xml_attr(n, "value");
		if ((ask = quest_ask(q, qq->na_if[i].ask)) == NULL)
			return quest_fail(c, n, _("no context question '%s'"),
			    qq->na_if[i].ask);
		if (quest_option(ask, qq->na_if[i].value) == NULL)
			return quest_fail(c, n, _("context question '%s' has "
			    "no option '%s'"), ask->id, qq->na_if[i].value);
		i++;
	}
	qq->replaces = vg_xml_attr(x, "replaces");
	if ((n = vg_xml_child(x, "refs")) != NULL) {
		qq->anssi = vg_xml_attr(n, "anssi");
		qq->cis = vg_xml_attr(n, "cis");
		qq->csf = vg_xml_attr(n, "csf");
	}
	return 0;
}

static int
quest_load_measures(struct quest_ctx *c, xmlNodePtr ms)
{
	static const char *const efforts[] = { "hour", "days", "project" };
	struct quest *q = c->q;
	xmlNodePtr m;
	char *v, *save, *w;
	int i = 0, k;

	q->nmeasures = quest_count_children(ms, "measure");
	q->measures = xcalloc((size_t)q->nmeasures, sizeof *q->measures);
	VG_XML_FOREACH(m, ms, "measure") {
		struct quest_measure *qm = &q->measures[i];

		qm->id = vg_xml_attr(m, "id");
		for (k = 0; k < i; k++)
			if (strcmp(q->measures[k].id, qm->id) == 0)
				return quest_fail(c, m, _("measure '%s' "
				    "appears twice"), qm->id);
		qm->priority = quest_int_attr(m, "priority", 3);
		qm->cost = quest_int_attr(m, "cost", 0);
		v = vg_xml_attr(m, "effort");
		for (k = 0; k < 3; k++)
			if (v != NULL && strcmp(v, efforts[k]) == 0)
				qm->effort = k;
		free(v);
		v = vg_xml_attr(m, "who");
		for (w = strtok_r(v, " \t\n", &save); w != NULL;
		    w = strtok_r(NULL, " \t\n", &save)) {
			enum as_role r;

			if (quest_role_parse(w, &r) == 0)
				qm->who |= 1u << r;
		}
		free(v);
		qm->title = quest_text(m, "title");
		qm->why = quest_text(m, "why");
		qm->step = quest_text(m, "step");
		i++;
	}
	return 0;
}

/* Every {name} of TEXT must be a known term. */
static int
quest_check_terms(struct quest_ctx *c, long line, const char *text)
{
	const char *p, *e;
	char name[64];
	int i, found;

	for (p = text; p != NULL && (p = strchr(p, '{')) != NULL; p = e) {
		e = p + 1;
		while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
		    (*e >= '0' && *e <= '9') || *e == '_')
			e++;
		if (*e != '}' || e == p + 1 || e - p - 1 >= (long)sizeof name)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
		name[0] = (char)(name[0] >= 'A' && name[0] <= 'Z' ?
		    name[0] - 'A' + 'a' : name[0]);
		for (found = 0, i = 0; i < c->q->nterms; i++)
			found |= strcmp(c->q->terms[i].name, name) == 0;
		if (!found) {
			vg_seterr(c->err, _("%s:%ld: unknown term {%s}"),
			    c->name, line, name);
			return -1;
		}
	}
	return 0;
}

static int
quest_build(struct quest_ctx *c, xmlNodePtr root)
{
	struct quest *q = c->q;
	xmlNodePtr d, x;
	int i, di, qi, k;

	q->id = vg_xml_attr(root, "id");
	q->version = vg_xml_attr(root, "version");
	q->title = quest_text(root, "title");
	q->intro = quest_text(root, "intro");
	quest_load_terms(vg_xml_child(root, "terms"), &q->terms, &q->nterms);
	for (i = 0; i < q->nterms; i++)
		for (k = 0; k < i; k++)
			if (strcmp(q->terms[i].name, q->terms[k].name) == 0)
				return quest_fail(c, vg_xml_child(root,
				    "terms"), _("term '%s' appears twice"),
				    q->terms[i].name);
	if ((x = vg_xml_child(root, "context")) != NULL &&
	    quest_load_context(c, x) == -1)
		return -1;
	if (quest_load_measures(c, vg_xml_child(root, "measures")) == -1)
		return -1;

	q->ndomains = quest_count_children(root, "domain");
	q->domains = xcalloc((size_t)q->ndomains, sizeof *q->domains);
	VG_XML_FOREACH(d, root, "domain")
		q->nquestions += quest_count_children(d, "question");
	q->questions = xcalloc((size_t)q->nquestions, sizeof *q->questions);

	di = qi = 0;
	VG_XML_FOREACH(d, root, "domain") {
		struct quest_domain *dom = &q->domains[di];
		int j = 0;

		dom->index = di;
		dom->id = vg_xml_attr(d, "id");
		dom->name = quest_text(d, "name");
		if ((dom->brief = quest_text(d, "short")) == NULL)
			dom->brief = xstrdup(dom->name);
		dom->text = quest_text(d, "text");
		for (k = 0; k < di; k++)
			if (strcmp(q->domains[k].id, dom->id) == 0)
				return quest_fail(c, d, _("domain '%s' "
				    "appears twice"), dom->id);
		dom->nquestions = quest_count_children(d, "question");
		dom->questions = xcalloc((size_t)dom->nquestions,
		    sizeof *dom->questions);
		VG_XML_FOREACH(x, d, "question") {
			struct quest_question *qq = &q->questions[qi];
			char *mid;

			qq->index = qi;
			qq->domain = dom;
			if (quest_load_question(c, x, qq) == -1)
				return -1;
			for (k = 0; k < qi; k++)
				if (strcmp(q->questions[k].id, qq->id) == 0)
					return quest_fail(c, x, _("question "
					    "'%s' appears twice"), qq->id);
			if (quest_ask(q, qq->id) != NULL)
				return quest_fail(c, x, _("'%s' is both a "
				    "question and a context question"),
				    qq->id);
			mid = vg_xml_attr(x, "measure");
			for (k = 0; k < q->nmeasures; k++)
				if (strcmp(q->measures[k].id, mid) == 0)
					qq->measure = &q->measures[k];
			if (qq->measure == NULL) {
				quest_fail(c, x, _("question '%s' names "
				    "measure '%s', which is not in "
				    "<measures>"), qq->id, mid);
				free(mid);
				return -1;
			}
			free(mid);
			if (quest_check_terms(c, qq->line, qq->text) == -1 ||
			    quest_check_terms(c, qq->line, qq->why) == -1 ||
			    quest_check_terms(c, qq->line, qq->example) == -1)
				return -1;
			for (k = 0; k < qq->nchoices; k++)
				if (quest_check_terms(c, qq->line,
				    qq->choices[k].label) == -1)
					return -1;
			dom->questions[j++] = qq;
			qi++;
		}
		di++;
	}
	/* A replaced question is gone: its ID cannot be a current one. */
	for (k = 0; k < q->nquestions; k++) {
		const char *old = q->questions[k].replaces;

		if (old != NULL && (quest_question(q, old) != NULL ||
		    quest_ask(q, old) != NULL)) {
			vg_seterr(c->err, _("%s:%ld: question '%s' replaces "
			    "'%s', which is still in the questionnaire"),
			    c->name, q->questions[k].line,
			    q->questions[k].id, old);
			return -1;
		}
	}
	for (k = 0; k < q->nmeasures; k++) {
		struct quest_measure *m = &q->measures[k];

		if (quest_check_terms(c, 0, m->title) == -1 ||
		    quest_check_terms(c, 0, m->why) == -1 ||
		    quest_check_terms(c, 0, m->step) == -1)
			return -1;
	}
	return 0;
}

struct quest *
quest_load_mem(const char *buf, size_t len, const char *name, char *err)
{
	struct quest_ctx c = { .name = name, .err = err };
	struct quest *q = NULL;
	char *schema;
	xmlDocPtr doc;

	schema = vg_data_path(QUEST_SCHEMA);
	doc = vg_xml_load_mem(buf, len, name, schema, err);
	free(schema);
	if (doc == NULL)
		return NULL;
	q = xcalloc(1, sizeof *q);
	c.q = q;
	q->name = xstrdup(name);
	q->xml = xmalloc(len + 1);
	memcpy(q->xml, buf, len);
	q->xml[len] = '\0';
	q->xmllen = len;
	vg_sha256_hex(buf, len, q->sha256);
	if (quest_build(&c, xmlDocGetRootElement(doc)) == -1) {
		quest_free(q);
		q = NULL;
	}
	xmlFreeDoc(doc);
	return q;
}

struct quest *
quest_load(const char *path, char *err)
{
	struct quest *q;
	char *def = NULL, *buf;
	size_t len;

	if (path == NULL)
		path = def = vg_data_path(QUEST_DEFAULT);
	if ((buf = vg_read_file(path, QUEST_MAXSIZE, &len, err)) == NULL) {
		free(def);
		return NULL;
	}
	q = quest_load_mem(buf, len, path, err);
	free(buf);
	free(def);
	return q;
}

static void
quest_free_terms(struct quest_term *t, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].text);
	}
	free(t);
}

void
quest_free(struct quest *q)
{
	int i, j;

	if (q == NULL)
		return;
	for (i = 0; i < q->nasks; i++) {
		struct quest_ask *a = &q->asks[i];

		for (j = 0; j < a->noptions; j++) {
			free(a->options[j].value);
			free(a->options[j].label);
			quest_free_terms(a->options[j].terms,
			    a->options[j].nterms);
		}
		free(a->options);
		free(a->id);
		free(a->text);
		free(a->why);
	}
	free(q->asks);
	for (i = 0; i < q->nquestions; i++) {
		struct quest_question *qq = &q->questions[i];

		for (j = 0; j < qq->nchoices; j++)
			free(qq->choices[j].label);
		free(qq->choices);
		for (j = 0; j < qq->nna_if; j++) {
			free(qq->na_if[j].ask);
			free(qq->na_if[j].value);
		}
		free(qq->na_if);
		free(qq->id);
		free(qq->text);
		free(qq->why);
		free(qq->example);
		free(qq->anssi);
		free(qq->cis);
		free(qq->csf);
		free(qq->replaces);
	}
	free(q->questions);
	for (i = 0; i < q->ndomains; i++) {
		free(q->domains[i].id);
		free(q->domains[i].name);
		free(q->domains[i].brief);
		free(q->domains[i].text);
		free(q->domains[i].questions);
	}
	free(q->domains);
	for (i = 0; i < q->nmeasures; i++) {
		free(q->measures[i].id);
		free(q->measures[i].title);
		free(q->measures[i].why);
		free(q->measures[i].step);
	}
	free(q->measures);
	quest_free_terms(q->terms, q->nterms);
	free(q->id);
	free(q->version);
	free(q->title);
	free(q->intro);
	free(q->name);
	free(q->xml);
	free(q);
}

/* ---- Lookups ------------------------------------------------------ */

struct quest_question *
quest_question(const struct quest *q, const char *id)
{
	int i;

	for (i = 0; i < q->nquestions; i++)
		if (q->questions[i].id != NULL &&
		    strcmp(q->questions[i].id, id) == 0)
			return &q->questions[i];
	return NULL;
}

struct quest_ask *
quest_ask(const struct quest *q, const char *id)
{
	int i;

	for (i = 0; i < q->nasks; i++)
		if (q->asks[i].id != NULL && strcmp(q->asks[i].id, id) == 0)
			return &q->asks[i];
	return NULL;
}

struct quest_option *
quest_option(const struct quest_ask *a, const char *value)
{
	int i;

	for (i = 0; i < a->noptions; i++)
		if (a->options[i].value != NULL &&
		    strcmp(a->options[i].value, value) == 0)
			return &a->options[i];
	return NULL;
}

const struct quest_choice *
quest_choice(const struct quest_question *qq, int level)
{
	int i;

	for (i = 0; i < qq->nchoices; i++)
		if (qq->choices[i].level == level)
			return &qq->choices[i];
	return NULL;
}

int
quest_in_mode(const struct quest_question *qq, int quick)
{
	return !quick || qq->quick;
}

int
quest_count(const struct quest *q, int quick)
{
	int i, n = 0;

	for (i = 0; i < q->nquestions; i++)
		n += quest_in_mode(&q->questions[i], quick);
	return n;
}
