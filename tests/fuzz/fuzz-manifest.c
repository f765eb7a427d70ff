/*
 * fuzz-manifest.c — the manifest.json reader used by `vigie respond
 * verify` (respond/seal.c) on arbitrary bytes: accept or refuse, never
 * crash, leak, or return an artifact path that leaves DIR.
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
	struct seal_manifest	m;
	char			err[VG_ERRLEN];
	int			i;

	if (seal_manifest_parse((const char *)data, len, &m, err) == -1)
		return 0;
	for (i = 0; i < m.nartifacts; i++)
		if (!inside(m.artifacts[i].path) ||
		    strlen(m.artifacts[i].sha256) != 64)
			abort();
	seal_manifest_free(&m);
	return 0;
}
