/*
 * contacts.c — reads rules/contacts/contacts.xml (validated against
 * contacts.rng) and picks a commune's regional CSIRT from the département
 * of its INSEE or postal code. No phone number is ever made up: an entry
 * whose number vigie does not know has phone NULL and status "unknown".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"
#include "vigie/contacts.h"

int
vg_contacts_departement(const char *code, char dep[4])
{
	size_t n = code != NULL ? strlen(code) : 0;
	int corsica;

	if (n != 5)
		return -1;
	corsica = code[0] == '2' && (code[1] == 'A' || code[1] == 'B' ||
	    code[1] == 'a' || code[1] == 'b');
	if (corsica) {
		if (strspn(code + 2, "0123456789") != 3)
			return -1;
		dep[0] = '2';
		dep[1] = (char)toupper((unsigned char)code[1]);
		dep[2] = '\0';
		return 0;
	}
	if (strspn(code, "0123456789") != 5)
		return -1;
	if (code[0] == '9' && code[1] == '7') {
		memcpy(dep, code, 3);
		dep[3] = '\0';
		return 0;
	}
	memcpy(dep, code, 2);
	dep[2] = '\0';
	return 0;
}

/* Whether DEP is one of the space-separated LIST ("20": 2A or 2B). */
static int
dep_in(const char *dep, const char *list)
{
	const char *p = list;
	size_t n = strlen(dep);

	while (*p != '\0') {
		size_t k = strcspn(p, " ");

		if ((k == n && strncmp(p, dep, n) == 0) ||
		    (strcmp(dep, "20") == 0 && k == 2 && p[0] == '2' &&
		    (p[1] == 'A' || p[1] == 'B')))
			return 1;
		p += k;
		p += strspn(p, " ");
	}
	return 0;
}

static char *
nonempty(char *s)
{
	if (s != NULL && *s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static void
entry(xmlNodePtr n, const char *region, struct vg_public_contact *out)
{
	memset(out, 0, sizeof(*out));
	out->region = region != NULL ? xstrdup(region) : NULL;
	out->name = vg_xml_attr(n, "name");
	out->phone = nonempty(vg_xml_attr(n, "phone"));
	out->status = vg_xml_attr(n, "status");
	out->email = nonempty(vg_xml_attr(n, "email"));
	out->web = nonempty(vg_xml_attr(n, "web"));
	out->hours = nonempty(vg_xml_attr(n, "hours"));
	out->note = nonempty(vg_xml_text_lang(n, "note", vg_lang()));
	out->source = vg_xml_attr(n, "source");
	out->date = vg_xml_attr(n, "date");
}

static xmlDocPtr
load(const char *file, char *err)
{
	char *path = file != NULL ? xstrdup(file) :
	    vg_data_path("contacts/contacts.xml");
	char *schema = vg_data_path("contacts/contacts.rng");
	xmlDocPtr doc = vg_xml_load(path, schema, err);

	free(path);
	free(schema);
	return doc;
}

int
vg_contacts_csirt(const char *file, const char *code,
    struct vg_public_contact *out, char *err)
{
	xmlDocPtr doc;
	xmlNodePtr r;
	char dep[4];
	int found = 0;

	if (vg_contacts_departement(code, dep) == -1)
		return 0;
	if ((doc = load(file, err)) == NULL)
		return -1;
	VG_XML_FOREACH(r, xmlDocGetRootElement(doc), "region") {
		char *deps = vg_xml_attr(r, "departements");

		if (deps != NULL && dep_in(dep, deps)) {
			char *name = vg_xml_attr(r, "name");

			entry(vg_xml_child(r, "csirt"), name, out);
			free(name);
			found = 1;
		}
		free(deps);
		if (found)
			break;
	}
	xmlFreeDoc(doc);
	return found;
}

int
vg_contacts_national(const char *file, const char *id,
    struct vg_public_contact *out, char *err)
{
	xmlDocPtr doc;
	xmlNodePtr n;
	int found = 0;

	if ((doc = load(file, err)) == NULL)
		return -1;
	VG_XML_FOREACH(n, xmlDocGetRootElement(doc), "national") {
		char *nid = vg_xml_attr(n, "id");

		if (nid != NULL && strcmp(nid, id) == 0) {
			entry(n, NULL, out);
			found = 1;
		}
		free(nid);
		if (found)
			break;
	}
	xmlFreeDoc(doc);
	return found;
}

void
vg_public_contact_free(struct vg_public_contact *c)
{
	free(c->region);
	free(c->name);
	free(c->phone);
	free(c->status);
	free(c->email);
	free(c->web);
	free(c->hours);
	free(c->note);
	free(c->source);
	free(c->date);
	memset(c, 0, sizeof(*c));
}
