/*
 * run-holder.c — begins a run through the findings API, as a scan does,
 * says "ready" and waits to be killed: the test of leftover runs kills it
 * and checks that the next vigie marks the run interrupted.
 *
 *	run-holder DB KIND SUBJECT
 */
#include <stdio.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/store.h"

int
main(int argc, char **argv)
{
	struct vg_store *s;
	char err[VG_ERRLEN];
	int64_t commune, run;

	if (argc != 4) {
		fprintf(stderr, "usage: run-holder DB KIND SUBJECT\n");
		return 2;
	}
	if (vg_store_open(argv[1], &s, err) == -1 ||
	    vg_commune_current(s, 0, &commune, err) == -1 ||
	    vg_run_begin(s, commune, argv[2], argv[3], &run, err) == -1) {
		fprintf(stderr, "run-holder: %s\n", err);
		return 2;
	}
	printf("ready %lld\n", (long long)run);
	fflush(stdout);
	for (;;)
		pause();
}
