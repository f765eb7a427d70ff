/*
 * fuzz-checklist.c — the checklist loader (respond/checklist.c) on
 * arbitrary bytes, without the schema so that its own checks (ids,
 * cross-references, numbers, bounds) are what stands: it must refuse or
 * accept without crashing or leaking, and what it accepts must be
 * consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/incident.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct checklist *cl = NULL;
	char err[VG_ERRLEN];
	int i, j;

	if (checklist_load_mem((const char *)data, len, "fuzz.xml", NULL, &cl,
	    err) == -1) {
		if (cl != NULL || err[0] == '\0')
			abort();	/* a refusal must say why */
		return 0;
	}
	/* Accepted: every reference resolves, every deadline is sane. */
	if (cl->nsteps < 1)
		abort();
	for (i = 0; i < cl->nsteps; i++) {
		const struct cl_step *s = &cl->steps[i];

		if (s->id == NULL || s->title == NULL || s->why == NULL ||
		    s->nwho < 1 || s->deadline_min < -1 ||
		    s->deadline_min > 525600)
			abort();
		for (j = 0; j < s->nwho; j++)
			if (checklist_role(cl, s->who[j]) == NULL)
				abort();
		for (j = 0; j < s->ncontacts; j++)
			if (checklist_contact(cl, s->contacts[j]) == NULL)
				abort();
		if (checklist_step(cl, s->id) != s)
			abort();
	}
	checklist_free(cl);
	return 0;
}
