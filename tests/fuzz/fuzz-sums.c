/*
 * fuzz-sums.c — the SHA256SUMS parser used by `vigie respond verify`
 * (respond/seal.c) on arbitrary bytes: it must accept or refuse without
 * crashing or leaking, and never return a path that leaves DIR.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/capture.h"

/* Whether PATH names something inside DIR: no "/" at the start, no
 * empty, "." or ".." component. */
static int
inside(const char *path)
{
	const char	*c = path;
	size_t		 n;

	if (*c == '\0' || *c == '/')
		return 0;
	for (;;) {
		n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (c[n] == '\0')
			return 1;
		c += n + 1;
	}
}

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
