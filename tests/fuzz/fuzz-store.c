/*
 * fuzz-store.c — a foreign store given with --db (lib/store.c): a file of
 * arbitrary bytes is opened (SQLite, then the migrations, then the sweep
 * of leftover runs) and read as the commands do, or refused with a
 * message; never a crash.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/store.h"
#include "vigie/util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char dir[] = "/tmp/fuzz-store.XXXXXX";
	static int made;
	char err[VG_ERRLEN], path[64], side[80], *v = NULL;
	struct vg_store *s;
	int64_t commune;
	int fd;

	if (!made && mkdtemp(dir) == NULL)
		return 0;
	made = 1;
	snprintf(path, sizeof path, "%s/vigie.db", dir);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return 0;
	(void)vg_write_all(fd, data, len);
	close(fd);
	if (vg_store_open(path, &s, err) == -1) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	if (vg_commune_current(s, 0, &commune, err) == 0) {
		(void)vg_profile_get(s, commune, "name", &v, err);
		free(v);
	}
	vg_store_close(s);
	return 0;
}
