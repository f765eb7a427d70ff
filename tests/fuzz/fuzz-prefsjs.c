/*
 * fuzz-prefsjs.c — the Thunderbird prefs.js reader (scan/mail-prefs.c)
 * on arbitrary bytes: strings, escapes, comments, numbers; every setting
 * kept is found again through the sorted index, and no more than
 * PREFS_MAX are kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct prefs	p;
	int		i;

	prefs_parse((const char *)data, len, &p);
	(void)prefs_get(&p, "mail.server.server1.socketType");
	/* Each setting kept is found again by its name, once. */
	if (p.n > PREFS_MAX || (p.dropped > 0 && p.n != PREFS_MAX))
		abort();
	for (i = 0; i < p.n; i++)
		if (prefs_get(&p, p.v[i].name) != &p.v[i])
			abort();
	prefs_free(&p);
	return 0;
}
