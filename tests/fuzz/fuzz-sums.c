/*
 * fuzz-sums.c — the SHA256SUMS parser used by `vigie respond verify`
 * (respond/seal.c) on arbitrary bytes: it must accept or refuse without
 * crashing or leaking, and never return a path that leaves DIR.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/capture.h"
#include "inside.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct seal_sum	*s;
	char		 err[VG_ERRLEN];
	int		 n, i;

	if (seal_sums_parse((const char *)data, len, &s, &n, err) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (!inside(s[i].path) || strlen(s[i].sha256) != 64)
			abort();
	seal_sums_free(s, n);
	return 0;
}
