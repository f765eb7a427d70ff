/*
 * replay.c — runs a libFuzzer harness (LLVMFuzzerTestOneInput) over every
 * file of its corpus folder, so `make check` exercises each harness with
 * gcc and without libFuzzer. Prints one TAP line per file.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/util.h"

#include "fuzz.h"

int
main(int argc, char **argv)
{
	struct dirent **names;
	char err[VG_ERRLEN], *path, *buf;
	size_t len;
	int i, n, t = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: replay CORPUS-DIR\n");
		return 2;
	}
	if ((n = scandir(argv[1], &names, NULL, alphasort)) == -1) {
		printf("not ok 1 - corpus %s cannot be read\n", argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] == '.') {
			free(names[i]);
			continue;
		}
		path = xasprintf("%s/%s", argv[1], names[i]->d_name);
		if ((buf = vg_read_file(path, 64 << 20, &len, err)) == NULL)
			printf("not ok %d - %s\n# %s\n", ++t, path, err);
		else {
			LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
			printf("ok %d - %s\n", ++t, names[i]->d_name);
		}
		free(buf);
		free(path);
		free(names[i]);
	}
	free(names);
	if (t == 0)
		printf("not ok 1 - corpus %s is empty\n", argv[1]);
	printf("1..%d\n", t ? t : 1);
	return t == 0;
}
