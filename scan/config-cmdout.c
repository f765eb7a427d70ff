/*
 * config-cmdout.c — command outputs saved by the collection scripts
 * (netsh advfirewall, auditpol, manage-bde, Get-MpComputerStatus, net
 * localgroup...), in English or French, UTF-16 or the console code page.
 * They are kept as lines; a line "Label   value", "Label: value" or
 * "Label : value" (French typography) splits into its two parts.
 */
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/config.h"

void
cmdout_clear(struct cmdout *c)
{
	free(c->text);
	free(c->lines);
	memset(c, 0, sizeof *c);
}

void
cmdout_load(struct cmdout *c, const void *buf, size_t len)
{
	char *p, *nl;
	size_t tlen;

	memset(c, 0, sizeof *c);
	c->text = decode_text(buf, len, &tlen, NULL);
	for (p = c->text; p != NULL && *p != '\0'; p = nl) {
		size_t l;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		l = strlen(p);
		while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			p[--l] = '\0';
		c->lines = xreallocarray(c->lines, c->nlines + 1,
		    sizeof *c->lines);
		c->lines[c->nlines++] = p;
	}
}

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

int
cmdout_split(const char *line, char **label, char **value)
{
	char *copy, *s, *sp = NULL, *colon = NULL, *p, *l, *v;

	*label = *value = NULL;
	copy = xstrdup(line);
	s = copy;
	while (*s == ' ' || *s == '\t')
		s++;
	for (p = s; *p != '\0'; p++) {
		if (sp == NULL && (*p == '\t' || (p[0] == ' ' && p[1] == ' ')))
			sp = p;
		/* "C:\" is a path, "Volume C: [OS]" a label. */
		if (colon == NULL && *p == ':' &&
		    (p[1] == ' ' || p[1] == '\t' || p[1] == '\0'))
			colon = p;
	}
	if (colon != NULL && (sp == NULL || colon < sp)) {
		*colon = '\0';
		l = trim(s);
		v = trim(colon + 1);
	} else if (sp != NULL) {
		*sp = '\0';
		l = trim(s);
		v = trim(sp + 1);
		if (*v == ':')
			v = trim(v + 1);
	} else {
		free(copy);
		return -1;
	}
	if (*l == '\0' || *v == '\0') {
		free(copy);
		return -1;
	}
	*value = xstrdup(v);
	memmove(copy, l, strlen(l) + 1);
	*label = copy;
	return 0;
}
