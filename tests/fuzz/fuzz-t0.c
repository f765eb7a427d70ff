/*
 * fuzz-t0.c — the T0 parser (respond/deadline.c) on arbitrary text: it
 * must refuse or accept without crashing, and what it accepts must be a
 * moment that is not in the future and that reads back the same once
 * formatted with its Paris offset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"

#define NOW	((time_t)1795000000)	/* 2026-11-17, a fixed clock */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char err[VG_ERRLEN], iso[64], *s;
	time_t t, back;
	int amb, amb2;

	if (len > 256)
		return 0;
	s = malloc(len + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	if (deadline_parse_t0(s, NOW, &t, &amb, err) == 0) {
		if (t > NOW + 300)
			abort();	/* the future is refused */
		/* "2026-11-17T08:10:00+01:00" parses back to the same. */
		deadline_format_iso(t, iso, sizeof(iso));
		if (deadline_parse_t0(iso, NOW, &back, &amb2, err) != 0 ||
		    back != t)
			abort();
	} else if (err[0] == '\0')
		abort();
	free(s);
	return 0;
}
