/*
 * config-inf.c — security templates as `secedit /export /cfg FILE`
 * writes them: an INI file in UTF-16 LE with BOM and CRLF, sections
 * [System Access], [Event Audit], [Registry Values], [Privilege Rights],
 * [Version], lines "Key = Value". Keys are compared without case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/config.h"

#define INF_MAX_LINES	200000

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

void
inf_clear(struct inf *inf)
{
	size_t i;

	for (i = 0; i < inf->n; i++) {
		free(inf->e[i].section);
		free(inf->e[i].key);
		free(inf->e[i].value);
	}
	for (i = 0; i < inf->nsections; i++)
		free(inf->sections[i]);
	free(inf->sections);
	free(inf->e);
	memset(inf, 0, sizeof *inf);
}

int
inf_parse(const void *buf, size_t len, const char *name, struct inf *out,
    char *err)
{
	char *text, *p, *nl, *section = NULL;
	size_t tlen, cap = 0;
	long line = 0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	text = decode_text(buf, len, &tlen, NULL);
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		char *s, *eq, *k, *v;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (++line > INF_MAX_LINES) {
			vg_seterr(err, _("%s:%ld: too many lines"), name, line);
			goto out;
		}
		s = trim(p);
		if (*s == '\0' || *s == ';')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (e == NULL || e[1] != '\0' || e == s + 1) {
				vg_seterr(err, _("%s:%ld: bad section line "
				    "(\"[Name]\" expected)"), name, line);
				goto out;
			}
			*e = '\0';
			section = s + 1;
			out->sections = xreallocarray(out->sections,
			    out->nsections + 1, sizeof *out->sections);
			out->sections[out->nsections++] = xstrdup(section);
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL) {
			vg_seterr(err, _("%s:%ld: \"Key = Value\" expected"),
			    name, line);
			goto out;
		}
		if (section == NULL) {
			vg_seterr(err, _("%s:%ld: setting outside a [section]"),
			    name, line);
			goto out;
		}
		*eq = '\0';
		k = trim(s);
		v = trim(eq + 1);
		if (*k == '\0') {
			vg_seterr(err, _("%s:%ld: empty key"), name, line);
			goto out;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->e = xreallocarray(out->e, cap, sizeof *out->e);
		}
		out->e[out->n].section = xstrdup(section);
		out->e[out->n].key = xstrdup(k);
		out->e[out->n].value = xstrdup(v);
		out->e[out->n].line = line;
		out->n++;
	}
	if (out->nsections == 0) {
		vg_seterr(err, _("%s: no [section] found: not a secedit "
		    "export"), name);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		inf_clear(out);
	free(text);
	return rc;
}

const struct inf_entry *
inf_get(const struct inf *inf, const char *section, const char *key)
{
	size_t i;

	for (i = inf->n; i > 0; i--) {
		const struct inf_entry *e = &inf->e[i - 1];

		if (strcasecmp(e->key, key) == 0 && (section == NULL ||
		    strcasecmp(e->section, section) == 0))
			return e;
	}
	return NULL;
}

int
inf_has_section(const struct inf *inf, const char *section)
{
	size_t i;

	for (i = 0; i < inf->nsections; i++)
		if (strcasecmp(inf->sections[i], section) == 0)
			return 1;
	return 0;
}

/* "1,\"text\"" or "7,a,b": strip one level of quotes. */
static char *
unquote(const char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		return xstrndup(s + 1, n - 2);
	return xstrdup(s);
}

void
inf_to_reg(const struct inf *inf, struct reg_db *db)
{
	size_t i;

	for (i = 0; i < inf->n; i++) {
		const struct inf_entry *e = &inf->e[i];
		char *path, *bs, *end, *data;
		unsigned long type;
		unsigned char *w;
		size_t wl;

		if (strcasecmp(e->section, "Registry Values") != 0)
			continue;
		type = strtoul(e->value, &end, 10);
		if (end == e->value || *end != ',')
			continue;
		path = reg_path_norm(e->key);
		if ((bs = strrchr(path, '\\')) == NULL) {
			free(path);
			continue;
		}
		*bs = '\0';
		data = unquote(end + 1);
		if (type == REG_T_DWORD) {
			unsigned long v = strtoul(data, &end, 0);
			unsigned char d[4] = { v & 0xFF, (v >> 8) & 0xFF,
			    (v >> 16) & 0xFF, (v >> 24) & 0xFF };

			if (end != data && *end == '\0')
				reg_set(db, path, bs + 1, REG_T_DWORD, d, 4);
		} else if (type == REG_T_MULTI_SZ) {
			char *p;

			/* Separated by commas in the template. */
			for (p = data; *p != '\0'; p++)
				if (*p == ',')
					*p = '\n';
			w = decode_to_utf16le(data, &wl);
			for (p = (char *)w; (size_t)(p - (char *)w) + 1 < wl;
			    p += 2)
				if (p[0] == '\n' && p[1] == 0)
					p[0] = 0;
			reg_set(db, path, bs + 1, REG_T_MULTI_SZ, w, wl);
			free(w);
		} else {
			w = decode_to_utf16le(data, &wl);
			reg_set(db, path, bs + 1, type == REG_T_EXPAND_SZ ?
			    REG_T_EXPAND_SZ : REG_T_SZ, w, wl);
			free(w);
		}
		free(data);
		free(path);
	}
}
