/*
 * route-check.h — compile a rule file whole and as the pieces
 * scan/yara-route.c splits it into, scan a buffer with both as `vigie
 * scan files` would, and compare the rules reported. Shared by
 * tests/unit/test-yara-route.c and tests/fuzz/fuzz-yara-route.c.
 * Header-only, tests only.
 */
#ifndef VIGIE_ROUTE_CHECK_H
#define VIGIE_ROUTE_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yara.h>

#include "vigie/vigie.h"
#include "../../scan/yara-route.h"

struct rc_seen {
	char	 names[8192];	/* reported rules, one per line */
	int	 prefilter;	/* a prefilter rule matched */
};

static int
rc_collect(YR_SCAN_CONTEXT *ctx, int msg, void *data, void *arg)
{
	struct rc_seen *s = arg;
	YR_RULE *r = data;
	size_t l = strlen(s->names);

	(void)ctx;
	if (msg != CALLBACK_MSG_RULE_MATCHING)
		return CALLBACK_CONTINUE;
	if (strncmp(r->ns->name, ROUTE_PREFILTER_NS,
	    strlen(ROUTE_PREFILTER_NS)) == 0)
		s->prefilter = 1;
	else
		snprintf(s->names + l, sizeof(s->names) - l, "%s\n",
		    r->identifier);
	return CALLBACK_CONTINUE;
}

static void
rc_quiet(int level, const char *file, int line, const YR_RULE *rule,
    const char *msg, void *arg)
{
	(void)level; (void)file; (void)line; (void)rule; (void)msg;
	(void)arg;
}

/* SRC (LEN bytes) and PREFILTER compiled, or NULL if libyara refuses. */
static YR_RULES *
rc_compile(const char *src, size_t len, const char *prefilter)
{
	YR_COMPILER *c;
	YR_RULES *rules = NULL;
	char *copy;
	int bad;

	if (yr_compiler_create(&c) != ERROR_SUCCESS)
		abort();
	yr_compiler_set_callback(c, rc_quiet, NULL);
	copy = xstrndup(src, len);
	bad = yr_compiler_add_string(c, copy, "f") != 0;
	if (!bad && prefilter != NULL)
		bad = yr_compiler_add_string(c, prefilter,
		    ROUTE_PREFILTER_NS " f") != 0;
	if (!bad && yr_compiler_get_rules(c, &rules) != ERROR_SUCCESS)
		rules = NULL;
	yr_compiler_destroy(c);
	free(copy);
	return rules;
}

/* Lines of S (N bytes): the pieces must keep the file's. */
static int
rc_lines(const char *s, size_t n)
{
	int k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

static int
rc_cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of S in sorted order. */
static void
rc_sort(char *s)
{
	char *v[512], *p, *save, out[8192];
	size_t n = 0, i, o = 0;

	for (p = strtok_r(s, "\n", &save); p != NULL && n < 512;
	    p = strtok_r(NULL, "\n", &save))
		v[n++] = p;
	qsort(v, n, sizeof(*v), rc_cmpstr);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s\n", v[i]);
	memcpy(s, out, strlen(out) + 1);
}

/*
 * The rules WHOLE reports on DATA into A; those EVERY reports, then PE
 * when DATA starts with "MZ" or a prefilter rule matched, into B; both
 * sorted, for strcmp.
 */
static void
rc_scan_both(YR_RULES *whole, YR_RULES *every, YR_RULES *pe,
    const char *data, size_t n, struct rc_seen *a, struct rc_seen *b)
{
	const uint8_t *d = (const uint8_t *)data;
	int flags = SCAN_FLAGS_REPORT_RULES_MATCHING;

	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	yr_rules_scan_mem(whole, d, n, flags, rc_collect, a, 0);
	yr_rules_scan_mem(every, d, n, flags, rc_collect, b, 0);
	if (pe != NULL && (b->prefilter || (n >= 2 && d[0] == 'M' &&
	    d[1] == 'Z')))
		yr_rules_scan_mem(pe, d, n, flags, rc_collect, b, 0);
	rc_sort(a->names);
	rc_sort(b->names);
}

#endif
