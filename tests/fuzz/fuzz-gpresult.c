/*
 * fuzz-gpresult.c — the gpresult /x reader (scan/config-gpresult.c) on
 * arbitrary bytes: parsed through the safe XML loader (no DTD, no
 * entities, no network), flattened, turned into registry values.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gpresult g;
	struct reg_db db = { 0 };
	char err[VG_ERRLEN];

	if (gpresult_parse(data, len, "fuzz.xml", &g, err) == -1)
		return 0;
	(void)gpresult_get(&g, "Account", "MinimumPasswordLength");
	gpresult_to_reg(&g, &db);
	reg_db_clear(&db);
	gpresult_clear(&g);
	return 0;
}
