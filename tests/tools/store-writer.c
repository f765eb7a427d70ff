/*
 * store-writer.c — a writer for the crash test (tests/e2e/0003): records
 * findings one transaction at a time through the store API and prints
 * "committed N" after each commit, until it is killed.
 *
 *	store-writer DB
 */
#include <stdio.h>
#include <stdlib.h>

#include "vigie/vigie.h"
#include "vigie/store.h"

int
main(int argc, char **argv)
{
	struct vg_store *s;
	struct vg_finding f = {
		.source = "test", .status = VG_ST_INFO,
		.severity = VG_SEV_INFO, .title = "crash test",
	};
	char err[VG_ERRLEN], ref[32];
	int64_t run;
	long i;

	if (argc != 2 || vg_store_open(argv[1], &s, err) == -1) {
		fprintf(stderr, "store-writer: %s\n", argc == 2 ? err :
		    "usage: store-writer DB");
		return 2;
	}
	if (vg_run_begin(s, 0, "test.crash", NULL, &run, err) == -1)
		goto fail;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; ; i++) {
		snprintf(ref, sizeof ref, "row-%ld", i);
		f.ref = ref;
		/* Two rows per transaction: both or neither must survive. */
		if (vg_store_begin(s, err) == -1 ||
		    vg_run_add(s, run, &f, err) == -1 ||
		    vg_run_add(s, run, &f, err) == -1 ||
		    vg_store_commit(s, err) == -1)
			goto fail;
		printf("committed %ld\n", i);
	}
fail:
	fprintf(stderr, "store-writer: %s\n", err);
	return 2;
}
