/*
 * fuzz-cmdout.c — command outputs collected on Windows PCs
 * (scan/config-cmdout.c, scan/config-decode.c): any encoding, any bytes,
 * every line split into label and value.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cmdout c;
	char *l, *v;
	size_t i;

	cmdout_load(&c, data, len);
	for (i = 0; i < c.nlines; i++)
		if (cmdout_split(c.lines[i], &l, &v) == 0) {
			free(l);
			free(v);
		}
	cmdout_clear(&c);
	return 0;
}
