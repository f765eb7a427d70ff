/*
 * doc-text.c — small text helpers for what a reader must never see
 * broken across two lines: a phone number ("02 33 44 55 66" with
 * no-break spaces), a date in running text ("7 décembre 2026", not ISO)
 * and a count ("1 240" grouped with a no-break space). Shared by the
 * documents (report, dossier, sheet) and the respond commands' text
 * output, whose word wrap breaks at ASCII spaces only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/doc.h"

#define NBSP	"\xc2\xa0"

/* See doc.h. Owned by the caller. */
char *
vg_doc_phone(const char *ph)
{
	char *out, *o;

	if (ph == NULL)
		return NULL;
	out = o = xmalloc(strlen(ph) * 2 + 1);
	for (; *ph != '\0'; ph++) {
		if (*ph == ' ' || *ph == '\t') {
			*o++ = (char)0xC2;
			*o++ = (char)0xA0;
		} else
			*o++ = *ph;
	}
	*o = '\0';
	return out;
}

/* See doc.h. Owned by the caller. */
char *
vg_doc_date(const char *iso, int fr)
{
	static const char *const mfr[12] = {
		"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre",
		"décembre",
	};
	static const char *const men[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	int y, m, d;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	if (fr)
		return xasprintf("%d%s" NBSP "%s" NBSP "%04d", d, d == 1 ?
		    "er" : "", mfr[m - 1], y);
	return xasprintf("%d" NBSP "%s" NBSP "%04d", d, men[m - 1], y);
}

/* See doc.h. Owned by the caller. */
char *
vg_doc_count(long long n, int fr)
{
	char digits[32], *out, *o;
	const char *sep = fr ? NBSP : ",";
	size_t len, i;
	int neg = n < 0;

	snprintf(digits, sizeof(digits), "%llu", neg ?
	    0ULL - (unsigned long long)n : (unsigned long long)n);
	len = strlen(digits);
	out = o = xmalloc(len * 3 + 2);
	if (neg)
		*o++ = '-';
	for (i = 0; i < len; i++) {
		/* Groups of three from the right: "1 240", "12 500". */
		if (i > 0 && (len - i) % 3 == 0) {
			memcpy(o, sep, strlen(sep));
			o += strlen(sep);
		}
		*o++ = digits[i];
	}
	*o = '\0';
	return out;
}
