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
#include "fuzz.h"

#include "route-check.h"

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
	struct rc_seen a, b;
	const char *src = (const char *)data;
	size_t i;

	if (!init) {
		if (yr_initialize() != ERROR_SUCCESS)
			abort();
		init = 1;
	}
	if (len > 65536 || !route_split(src, len, &sp))
		return 0;
	if (rc_lines(sp.every, sp.every_len) != rc_lines(src, len) ||
	    (sp.pe != NULL && rc_lines(sp.pe, sp.pe_len) != rc_lines(src, len)))
		abort();
	if ((whole = rc_compile(src, len, NULL)) == NULL) {
		route_split_free(&sp);
		return 0;
	}
	every = rc_compile(sp.every, sp.every_len, sp.prefilter);
	pe = sp.pe != NULL ? rc_compile(sp.pe, sp.pe_len, NULL) : NULL;
	if (every == NULL || (sp.pe != NULL && pe == NULL)) {
		fprintf(stderr, "the whole compiles, a piece does not\n");
		abort();
	}
	for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
		rc_scan_both(whole, every, pe, bufs[i], strlen(bufs[i]), &a,
		    &b);
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
