/*
 * fuzz-inf.c — the secedit INF reader (scan/config-inf.c) on arbitrary
 * bytes, including its copy of [Registry Values] into registry values.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct inf inf;
	struct reg_db db = { 0 };
	char err[VG_ERRLEN];
	size_t i, j;

	if (inf_parse(data, len, "fuzz.inf", &inf, err) == -1)
		return 0;
	(void)inf_get(&inf, "System Access", "MinimumPasswordLength");
	inf_to_reg(&inf, &db);
	for (i = 0; i < db.nkeys; i++)
		for (j = 0; j < db.keys[i].nvalues; j++)
			free(reg_value_text(&db.keys[i].values[j]));
	reg_db_clear(&db);
	inf_clear(&inf);
	return 0;
}
