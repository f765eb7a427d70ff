/*
 * mail-psl.c — the organisational domain (RFC 7489 §3.2) from the Public
 * Suffix List that Debian's `publicsuffix` package installs, read once
 * at the first DMARC check (not at start-up), with the list's own
 * algorithm: the longest matching rule, wildcards, exceptions, and the
 * implicit "*" rule. Names are compared as ASCII; the list's Unicode
 * rules match no A-label, a known limit (docs/dns.md).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigie/base.h"
#include "vigie/mail.h"
#include "vigie/util.h"

#define PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"
#define PSL_MAX		(4 * 1024 * 1024)

static char		 *psl_text;	/* the file, rules cut in place */
static const char	**psl_rule;	/* sorted, "!x", "*.x" or "x" */
static size_t		  psl_n;
static pthread_once_t	  psl_once = PTHREAD_ONCE_INIT;

static int
rule_cmp(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

static void
psl_load(void)
{
	char	 err[VG_ERRLEN], *line, *nl, *e;
	size_t	 len, cap = 0;
	const char *path = getenv("VIGIE_PSL_FILE");

	if (path == NULL || *path == '\0')
		path = PSL_FILE;
	if ((psl_text = vg_read_file(path, PSL_MAX, &len, err)) == NULL)
		return;
	for (line = psl_text; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		/* A rule is the first word of a line; // starts a comment. */
		for (e = line; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\r'; e++)
			;
		*e = '\0';
		if (*line == '\0' || strncmp(line, "//", 2) == 0)
			continue;
		if (psl_n == cap) {
			cap = cap ? cap * 2 : 8192;
			psl_rule = xreallocarray(psl_rule, cap,
			    sizeof(*psl_rule));
		}
		psl_rule[psl_n++] = line;
	}
	qsort(psl_rule, psl_n, sizeof(*psl_rule), rule_cmp);
}

static int
has_rule(const char *prefix, const char *name)
{
	char		 buf[300];
	const char	*key = buf;

	if (snprintf(buf, sizeof(buf), "%s%s", prefix, name) >=
	    (int)sizeof(buf))
		return 0;
	return bsearch(&key, psl_rule, psl_n, sizeof(*psl_rule),
	    rule_cmp) != NULL;
}

int
psl_org_domain(const char *domain, char *out, size_t outlen)
{
	const char	*labels[128], *p, *ps = NULL;
	int		 n = 0, i;

	pthread_once(&psl_once, psl_load);
	if (psl_n == 0)
		return -1;
	/* labels[i]: the name from the i-th label on. */
	labels[n++] = domain;
	for (p = domain; *p != '\0' && n < 128; p++)
		if (*p == '.' && p[1] != '\0')
			labels[n++] = p + 1;
	/* The longest rule wins; an exception beats its wildcard. */
	for (i = 0; i < n && ps == NULL; i++) {
		if (has_rule("!", labels[i]))
			ps = i + 1 < n ? labels[i + 1] : labels[i];
		else if (has_rule("", labels[i]) ||
		    (i + 1 < n && has_rule("*.", labels[i + 1])))
			ps = labels[i];
	}
	if (ps == NULL)
		ps = labels[n - 1];	/* the implicit "*" rule */
	/* The organisational domain: the suffix and one label more. */
	for (i = 0; i < n; i++)
		if (labels[i] == ps)
			break;
	p = i > 0 ? labels[i - 1] : domain;
	if (strlen(p) >= outlen)
		return -1;
	memcpy(out, p, strlen(p) + 1);
	return 0;
}
