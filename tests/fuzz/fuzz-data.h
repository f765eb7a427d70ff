/*
 * fuzz-data.h — point vg_data_path() at the source tree's rules/ for the
 * fuzz harnesses (built in build/tests/ or build-fuzz/), so that the
 * questionnaire schema is found. Header-only, fuzz harnesses only.
 */
#ifndef VIGIE_FUZZ_DATA_H
#define VIGIE_FUZZ_DATA_H

#include <stdlib.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/util.h"

static void
fuzz_data_init(void)
{
	static const char *const up[] = { "/../../rules", "/../rules" };
	char *dir, *p;
	size_t i;

	if (getenv("VIGIE_DATA") != NULL)
		return;
	dir = vg_exe_dir();
	for (i = 0; i < sizeof up / sizeof up[0]; i++) {
		p = xasprintf("%s%s/questionnaire/questionnaire.rng", dir, up[i]);
		if (access(p, R_OK) == 0) {
			free(p);
			p = xasprintf("%s%s", dir, up[i]);
			setenv("VIGIE_DATA", p, 1);
			free(p);
			break;
		}
		free(p);
	}
	free(dir);
}

#endif
