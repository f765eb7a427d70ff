/*
 * fuzz-prefsjs.c — the Thunderbird prefs.js reader (scan/mail-prefs.c)
 * on arbitrary bytes: strings, escapes, comments, numbers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct prefs	p;

	prefs_parse((const char *)data, len, &p);
	(void)prefs_get(&p, "mail.server.server1.socketType");
	prefs_free(&p);
	return 0;
}
