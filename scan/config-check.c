/*
 * config-check.c — loading the checks of rules/checks/ *.xml: each file
 * validated against rules/checks/checks.rng, then checked further (IDs
 * unique across files, operators known, regular expressions that
 * compile) so that a mistake in the data is reported with its file and
 * line before anything runs. Texts are taken in the current language.
 */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/data.h"
#include "vigie/i18n.h"
#include "vigie/xml.h"
#include "vigie/config.h"

void
check_set_free(struct check_set *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		struct check *c = &cs->c[i];

		free(c->id);
		free(c->platform);
		free(c->title);
		free(c->rationale);
		free(c->remediation);
		free(c->anssi);
		free(c->cis);
		free(c->file);
	}
	free(cs->c);
	for (i = 0; i < cs->ndocs; i++)
		xmlFreeDoc(cs->docs[i]);
	free(cs->docs);
	memset(cs, 0, sizeof *cs);
}

/* The texts of every child NAME, joined with spaces. */
static char *
joined(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;
	char *out = xstrdup(""), *t, *o;

	VG_XML_FOREACH(c, n, name) {
		t = vg_xml_content(c);
		o = xasprintf("%s%s%s", out, *out ? " " : "", t);
		free(out);
		free(t);
		out = o;
	}
	return out;
}

/* The one test element inside N's child WRAPPER, or NULL. */
static xmlNodePtr
test_of(xmlNodePtr n, const char *wrapper)
{
	xmlNodePtr w = vg_xml_child(n, wrapper);

	return w != NULL ? vg_xml_child(w, NULL) : NULL;
}

int
check_load_file(const char *path, const char *schema, struct check_set *cs,
    char *err)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	char cause[VG_ERRLEN];
	size_t i;

	if ((doc = vg_xml_load(path, schema, err)) == NULL)
		return -1;
	cs->docs = xreallocarray(cs->docs, cs->ndocs + 1, sizeof *cs->docs);
	cs->docs[cs->ndocs++] = doc;
	root = xmlDocGetRootElement(doc);
	VG_XML_FOREACH(n, root, "check") {
		struct check c = { 0 };
		char *sev;

		c.id = vg_xml_attr(n, "id");
		c.platform = vg_xml_attr(n, "platform");
		c.file = xstrdup(path);
		c.line = vg_xml_line(n);
		sev = vg_xml_attr(n, "severity");
		if (sev == NULL || vg_severity_parse(sev, &c.severity) == -1) {
			vg_seterr(err, _("%s:%ld: check %s: unknown severity "
			    "'%s'"), path, c.line, c.id, sev ? sev : "");
			free(sev);
			goto bad;
		}
		free(sev);
		for (i = 0; i < cs->n; i++)
			if (strcmp(cs->c[i].id, c.id) == 0) {
				vg_seterr(err, _("%s:%ld: check %s is already "
				    "defined in %s:%ld"), path, c.line, c.id,
				    cs->c[i].file, cs->c[i].line);
				goto bad;
			}
		c.title = vg_xml_text(n, "title");
		c.rationale = vg_xml_text(n, "rationale");
		c.remediation = vg_xml_text(n, "remediation");
		c.anssi = joined(n, "anssi");
		c.cis = joined(n, "cis");
		c.applies = test_of(n, "applies");
		c.test = test_of(n, "test");
		if (c.test == NULL || eval_validate(c.test, cause) == -1 ||
		    (c.applies != NULL &&
		    eval_validate(c.applies, cause) == -1)) {
			if (c.test == NULL)
				snprintf(cause, sizeof cause, "%s",
				    _("no test"));
			vg_seterr(err, _("%s:%ld: check %s: %s"), path, c.line,
			    c.id, cause);
			goto bad;
		}
		cs->c = xreallocarray(cs->c, cs->n + 1, sizeof *cs->c);
		cs->c[cs->n++] = c;
		continue;
bad:
		free(c.id);
		free(c.platform);
		free(c.file);
		free(c.title);
		free(c.rationale);
		free(c.remediation);
		free(c.anssi);
		free(c.cis);
		return -1;
	}
	return 0;
}

/* check_load_dir() on the check files built into the binary. */
static int
check_load_builtin(const char *dir, const char *schema, struct check_set *cs,
    char *err)
{
	char **names, *p;
	size_t i, l;
	int rc = 0, n = 0;

	if ((names = vg_builtin_list(dir, NULL)) == NULL) {
		vg_seterr(err, _("%s: no check file (*.xml)"), dir);
		return -1;
	}
	for (i = 0; names[i] != NULL && rc == 0; i++) {
		l = strlen(names[i]);
		if (l < 4 || strcmp(names[i] + l - 4, ".xml") != 0)
			continue;
		p = xasprintf("%s/%s", dir, names[i]);
		rc = check_load_file(p, schema, cs, err);
		free(p);
		n++;
	}
	vg_builtin_list_free(names, NULL);
	if (rc == 0 && n == 0) {
		vg_seterr(err, _("%s: no check file (*.xml)"), dir);
		rc = -1;
	}
	if (rc == -1)
		check_set_free(cs);
	return rc;
}

int
check_load_dir(const char *dir, const char *schema, struct check_set *cs,
    char *err)
{
	char *pat = xasprintf("%s/*.xml", dir);
	glob_t g;
	size_t i;
	int rc = 0;

	memset(cs, 0, sizeof *cs);
	if (vg_builtin_is(dir)) {
		free(pat);
		return check_load_builtin(dir, schema, cs, err);
	}
	if (glob(pat, 0, NULL, &g) != 0) {
		vg_seterr(err, _("%s: no check file (*.xml)"), dir);
		free(pat);
		return -1;
	}
	free(pat);
	for (i = 0; i < g.gl_pathc && rc == 0; i++)
		rc = check_load_file(g.gl_pathv[i], schema, cs, err);
	globfree(&g);
	if (rc == -1)
		check_set_free(cs);
	return rc;
}
