/*
 * fuzz-yara-route.c — the rule file splitter (scan/yara-route.c) on
 * arbitrary bytes. It must never crash or leak; a split must keep the
 * file's lines; and when the whole file compiles, the pieces must
 * compile too and match exactly the rules the whole file matches on a
 * few buffers (with and without an MZ header, with and without the
 * words the seeds use): any difference aborts, as it would be a wrong
 * result in `vigie scan files`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yara.h>

#include "vigie/vigie.h"
#include "../../scan/yara-route.h"

struct seen {
	char	 names[8192];
	int	 prefilter;
};

static int
collect(YR_SCAN_CONTEXT *ctx, int msg, void *data, void *arg)
{
	struct seen *s = arg;
	YR_RULE *r = data;
	size_t l = strlen(s->names);

	if (msg != CALLBACK_MSG_RULE_MATCHING)
		return CALLBACK_CONTINUE;
	if (strncmp(r->ns->name, ROUTE_PREFILTER_NS,
	    strlen(ROUTE_PREFILTER_NS)) == 0)
		s->prefilter = 1;
	else if (!RULE_IS_PRIVATE(r))
		snprintf(s->names + l, sizeof(s->names) - l, "%s\n",
		    r->identifier);
	return CALLBACK_CONTINUE;
}

static void
quiet(int level, const char *file, int line, const YR_RULE *rule,
    const char *msg, void *arg)
{
}

/* Compile SRC (and PREFILTER), or NULL if libyara refuses it. */
static YR_RULES *
compile(const char *src, size_t len, const char *prefilter)
{
	YR_COMPILER *c;
	YR_RULES *rules = NULL;
	char *copy;
	int bad;

	if (yr_compiler_create(&c) != ERROR_SUCCESS)
		abort();
	yr_compiler_set_callback(c, quiet, NULL);
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

/* Sorted lines of S, for comparing sets of rule names. */
static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_lines(char *s)
{
	char *v[512], *p, out[8192];
	size_t n = 0, i, o = 0;

	for (p = strtok(s, "\n"); p != NULL && n < 512; p = strtok(NULL,
	    "\n"))
		v[n++] = p;
	qsort(v, n, sizeof(*v), cmpstr);
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s\n", v[i]);
	memcpy(s, out, o + 1);
}

static int
lines(const char *s, size_t n)
{
	int k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const bufs[] = {
		"", "MZ", "MZ alpha beta gamma delta x",
		"alpha beta gamma delta x }", "nothing here", "beta beta",
	};
	static int init;
	struct route_split sp;
	YR_RULES *whole, *every, *pe;
	struct seen a, b;
	const char *src = (const char *)data;
	size_t i;

	if (!init) {
		if (yr_initialize() != ERROR_SUCCESS)
			abort();
		init = 1;
	}
	if (len > 65536 || !route_split(src, len, &sp))
		return 0;
	if (lines(sp.every, sp.every_len) != lines(src, len) ||
	    (sp.pe != NULL && lines(sp.pe, sp.pe_len) != lines(src, len)))
		abort();
	if ((whole = compile(src, len, NULL)) == NULL) {
		route_split_free(&sp);
		return 0;
	}
	every = compile(sp.every, sp.every_len, sp.prefilter);
	pe = sp.pe != NULL ? compile(sp.pe, sp.pe_len, NULL) : NULL;
	if (every == NULL || (sp.pe != NULL && pe == NULL)) {
		fprintf(stderr, "the whole compiles, a piece does not\n");
		abort();
	}
	for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
		const uint8_t *d = (const uint8_t *)bufs[i];
		size_t n = strlen(bufs[i]);

		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		yr_rules_scan_mem(whole, d, n, SCAN_FLAGS_REPORT_RULES_MATCHING,
		    collect, &a, 0);
		yr_rules_scan_mem(every, d, n, SCAN_FLAGS_REPORT_RULES_MATCHING,
		    collect, &b, 0);
		if (pe != NULL && (b.prefilter || (n >= 2 && d[0] == 'M' &&
		    d[1] == 'Z')))
			yr_rules_scan_mem(pe, d, n,
			    SCAN_FLAGS_REPORT_RULES_MATCHING, collect, &b, 0);
		sort_lines(a.names);
		sort_lines(b.names);
		if (strcmp(a.names, b.names) != 0) {
			fprintf(stderr, "whole:\n%ssplit:\n%s", a.names,
			    b.names);
			abort();
		}
	}
	yr_rules_destroy(whole);
	yr_rules_destroy(every);
	if (pe != NULL)
		yr_rules_destroy(pe);
	route_split_free(&sp);
	return 0;
}
