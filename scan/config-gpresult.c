/*
 * config-gpresult.c — the resultant set of policy as `gpresult /x FILE`
 * writes it (UTF-16 XML, root Rsop). Namespace prefixes (q1:, q2:...)
 * change from one machine to the next, so elements are matched on their
 * local names only. The settings are flattened to (kind, name, value):
 *
 *   Account          MinimumPasswordLength = 12   (numbers, booleans 1/0)
 *   SecurityOptions  MACHINE\System\...\Lsa\NoLMHash = 1
 *   Audit            AuditLogonEvents = success,failure
 *   Policy           <display name> = Enabled
 *   Registry         HKLM\Software\Policies\...\Value = 0
 *
 * The XML goes through vg_xml_load_mem (no DTD, no entities, no network).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/xml.h"
#include "vigie/config.h"

void
gpresult_clear(struct gpresult *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->e[i].kind);
		free(g->e[i].name);
		free(g->e[i].value);
	}
	free(g->e);
	free(g->computer);
	memset(g, 0, sizeof *g);
}

static void
add(struct gpresult *g, const char *kind, const char *name,
    const char *value, int user)
{
	if (name == NULL || value == NULL || *name == '\0')
		return;
	g->e = xreallocarray(g->e, g->n + 1, sizeof *g->e);
	g->e[g->n].kind = xstrdup(kind);
	g->e[g->n].name = xstrdup(name);
	g->e[g->n].value = xstrdup(value);
	g->e[g->n].user = user;
	g->n++;
}

/* Text of the first child named NAME, or NULL; owned by the caller. */
static char *
child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = vg_xml_child(n, name);

	return c != NULL ? vg_xml_content(c) : NULL;
}

/* SettingNumber, SettingBoolean (as 1/0) or SettingString. */
static char *
setting(xmlNodePtr n)
{
	char *s;

	if ((s = child_text(n, "SettingNumber")) != NULL)
		return s;
	if ((s = child_text(n, "SettingBoolean")) != NULL) {
		char *b = xstrdup(strcasecmp(s, "true") == 0 ? "1" : "0");

		free(s);
		return b;
	}
	return child_text(n, "SettingString");
}

static void
extension(struct gpresult *g, xmlNodePtr ext, int user)
{
	xmlNodePtr n;

	VG_XML_FOREACH(n, ext, NULL) {
		const char *ln = (const char *)n->name;
		char *name = NULL, *value = NULL, *s, *f;

		if (strcmp(ln, "Account") == 0) {
			name = child_text(n, "Name");
			value = setting(n);
			add(g, "Account", name, value, user);
		} else if (strcmp(ln, "SecurityOptions") == 0) {
			value = setting(n);
			if ((name = child_text(n, "KeyName")) != NULL)
				add(g, "SecurityOptions", name, value, user);
			else if ((name = child_text(n,
			    "SystemAccessPolicyName")) != NULL)
				add(g, "Account", name, value, user);
		} else if (strcmp(ln, "Audit") == 0) {
			name = child_text(n, "Name");
			s = child_text(n, "SuccessAttempts");
			f = child_text(n, "FailureAttempts");
			value = xasprintf("%s%s%s",
			    s && strcasecmp(s, "true") == 0 ? "success" : "",
			    s && strcasecmp(s, "true") == 0 && f &&
			    strcasecmp(f, "true") == 0 ? "," : "",
			    f && strcasecmp(f, "true") == 0 ? "failure" : "");
			if (*value == '\0') {
				free(value);
				value = xstrdup("none");
			}
			add(g, "Audit", name, value, user);
			free(s);
			free(f);
		} else if (strcmp(ln, "Policy") == 0) {
			name = child_text(n, "Name");
			value = child_text(n, "State");
			add(g, "Policy", name, value, user);
		} else if (strcmp(ln, "RegistrySetting") == 0) {
			xmlNodePtr v = vg_xml_child(n, "Value");
			char *kp = child_text(n, "KeyPath"), *vn;

			if (v != NULL && kp != NULL &&
			    (vn = child_text(v, "Name")) != NULL) {
				if ((value = child_text(v, "Number")) == NULL)
					value = child_text(v, "String");
				name = xasprintf("%s\\%s\\%s",
				    user ? "HKCU" : "HKLM", kp, vn);
				add(g, "Registry", name, value, user);
				free(vn);
			}
			free(kp);
		}
		free(name);
		free(value);
	}
}

static void
results(struct gpresult *g, xmlNodePtr res, int user)
{
	xmlNodePtr d, e;

	if (!user && g->computer == NULL)
		g->computer = child_text(res, "Name");
	VG_XML_FOREACH(d, res, "ExtensionData")
		VG_XML_FOREACH(e, d, "Extension")
			extension(g, e, user);
}

int
gpresult_parse(const void *buf, size_t len, const char *name,
    struct gpresult *out, char *err)
{
	xmlDocPtr doc;
	xmlNodePtr root, r;

	memset(out, 0, sizeof *out);
	if ((doc = vg_xml_load_mem(buf, len, name, NULL, err)) == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (strcmp((const char *)root->name, "Rsop") != 0) {
		vg_seterr(err, _("%s: not a gpresult /x report (root element "
		    "<%s>, <Rsop> expected)"), name, (const char *)root->name);
		xmlFreeDoc(doc);
		return -1;
	}
	VG_XML_FOREACH(r, root, "ComputerResults")
		results(out, r, 0);
	VG_XML_FOREACH(r, root, "UserResults")
		results(out, r, 1);
	xmlFreeDoc(doc);
	return 0;
}

const struct gpresult_entry *
gpresult_get(const struct gpresult *g, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (strcasecmp(g->e[i].kind, kind) == 0 &&
		    strcasecmp(g->e[i].name, name) == 0)
			return &g->e[i];
	return NULL;
}

/* A number or a string, as REG_DWORD or REG_SZ. */
static void
set_text(struct reg_db *db, const char *full, const char *value)
{
	char *path = reg_path_norm(full), *bs, *end;
	unsigned long v;

	if ((bs = strrchr(path, '\\')) == NULL) {
		free(path);
		return;
	}
	*bs = '\0';
	v = strtoul(value, &end, 10);
	if (*value != '\0' && *end == '\0') {
		unsigned char d[4] = { v & 0xFF, (v >> 8) & 0xFF,
		    (v >> 16) & 0xFF, (v >> 24) & 0xFF };

		reg_set(db, path, bs + 1, REG_T_DWORD, d, 4);
	} else {
		size_t wl;
		unsigned char *w = decode_to_utf16le(value, &wl);

		reg_set(db, path, bs + 1, REG_T_SZ, w, wl);
		free(w);
	}
	free(path);
}

void
gpresult_to_reg(const struct gpresult *g, struct reg_db *db)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (strcmp(g->e[i].kind, "SecurityOptions") == 0 ||
		    strcmp(g->e[i].kind, "Registry") == 0)
			set_text(db, g->e[i].name, g->e[i].value);
	}
}
