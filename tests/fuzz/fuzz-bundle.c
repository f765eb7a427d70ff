/*
 * fuzz-bundle.c — `vigie import` (report/bundle.c and the parts of each
 * module) on arbitrary bytes. The harness puts the right seal on any JSON
 * object, so that the parts' readers are reached rather than the hash
 * check: every input is refused with a message or merged into a store,
 * never a crash, a leak or a half-written store.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/bundle.h"
#include "vigie/store.h"
#include "fuzz-data.h"

static struct vg_store *s;
static char dir[] = "/tmp/vigie-fuzz-bundle.XXXXXX";

/* The store lives for the whole run, then goes with its folder. */
static void
cleanup(void)
{
	static const char *const files[] = {
		"vigie.db", "vigie.db-wal", "vigie.db-shm",
	};
	char *p;
	size_t i;

	vg_store_close(s);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = xasprintf("%s/%s", dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char err[VG_ERRLEN], hex[65], *path, *name = NULL;
	json_t *b;
	int added;

	if (s == NULL) {
		fuzz_data_init();
		if (mkdtemp(dir) == NULL)
			fatal("fuzz-bundle: mkdtemp");
		path = xasprintf("%s/vigie.db", dir);
		if (vg_store_open(path, &s, err) == -1)
			fatal("fuzz-bundle: %s", err);
		free(path);
		atexit(cleanup);
	}
	if ((b = json_loadb((const char *)data, len, 0, NULL)) == NULL)
		return 0;
	if (json_is_object(b)) {
		vg_bundle_hash(b, hex);
		json_object_set_new(b, "sha256", json_string(hex));
	}
	if (vg_bundle_import(s, b, &name, &added, err) == 0)
		free(name);
	json_decref(b);
	return 0;
}
