/*
 * fuzz-reg.c — the .reg reader (scan/config-reg.c) on arbitrary bytes:
 * every file is parsed or refused with a message, and whatever was read
 * can be looked up and printed without crashing or leaking.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct reg_db db = { 0 };
	char err[VG_ERRLEN], **subs;
	size_t i, j, n;
	int64_t num;

	(void)reg_parse(&db, data, len, "fuzz.reg", err);
	for (i = 0; i < db.nkeys; i++) {
		const struct reg_key *k = &db.keys[i];

		(void)reg_cover(&db, k->path);
		subs = reg_subkeys(&db, k->path, &n);
		for (j = 0; j < n; j++)
			free(subs[j]);
		free(subs);
		for (j = 0; j < k->nvalues; j++) {
			free(reg_value_text(&k->values[j]));
			(void)reg_value_number(&k->values[j], &num);
		}
	}
	reg_db_clear(&db);
	return 0;
}
