/*
 * run-recorder.c — records a scan run with findings for the current
 * commune through the findings API, as a scan module does; used by the
 * export/import tests before real scans fill the store.
 *
 *	run-recorder DB KIND SUBJECT STATUS:SEVERITY:REF...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/store.h"

int
main(int argc, char **argv)
{
	struct vg_store *s;
	struct vg_finding f = { 0 };
	char err[VG_ERRLEN], *spec, *sev, *ref;
	int64_t commune, run;
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: run-recorder DB KIND SUBJECT "
		    "STATUS:SEVERITY:REF...\n");
		return 2;
	}
	if (vg_store_open(argv[1], &s, err) == -1 ||
	    vg_commune_current(s, 0, &commune, err) == -1 ||
	    vg_run_begin(s, commune, argv[2], argv[3], &run, err) == -1)
		goto fail;
	for (i = 4; i < argc; i++) {
		spec = xstrdup(argv[i]);
		if ((sev = strchr(spec, ':')) == NULL ||
		    (ref = strchr(sev + 1, ':')) == NULL) {
			fprintf(stderr, "bad finding %s\n", argv[i]);
			return 2;
		}
		*sev++ = '\0';
		*ref++ = '\0';
		if (vg_status_parse(spec, &f.status) == -1 ||
		    vg_severity_parse(sev, &f.severity) == -1) {
			fprintf(stderr, "bad status or severity %s\n", argv[i]);
			return 2;
		}
		f.source = argv[2];
		f.ref = ref;
		f.subject = argv[3];
		f.title = "Test finding « é »";
		f.remediation = "Do something";
		f.data = "{\"line\":3}";
		if (vg_run_add(s, run, &f, err) == -1)
			goto fail;
		free(spec);
	}
	if (vg_run_end(s, run, "done", "{\"files\":10,\"seconds\":1.5}",
	    err) == -1)
		goto fail;
	vg_store_close(s);
	return 0;
fail:
	fprintf(stderr, "run-recorder: %s\n", err);
	return 2;
}
