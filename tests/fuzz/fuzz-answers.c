/*
 * fuzz-answers.c — the answers file reader (assess/batch.c) on arbitrary
 * bytes, against the shipped questionnaire: refused with a message or
 * accepted, never a crash or a leak; what it accepts is scored.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/assess.h"
#include "fuzz-data.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct quest *q;
	char err[VG_ERRLEN];
	struct batch b;
	struct score sc;
	struct plan p;

	if (q == NULL) {
		fuzz_data_init();
		if ((q = quest_load(NULL, err)) == NULL)
			fatal("fuzz-answers: %s", err);
	}
	if (batch_parse(q, (const char *)data, len, "fuzz.json", &b,
	    err) == -1)
		return 0;
	score_compute(b.answers, b.quick, &sc);
	score_free(&sc);
	plan_build(b.answers, b.quick, &p);
	plan_free(&p);
	batch_free(&b);
	return 0;
}
