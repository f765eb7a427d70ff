/*
 * fuzz-yara-include.c — YARA rule files and their includes (scan/yara.c):
 * the input is a rule file beside two others (a.yar, a valid rule; b.yar,
 * including a.yar); it may include them, itself, a folder, /dev/zero or
 * a missing file. Loading compiles or refuses with file:line, never a
 * crash, a hang or an unbounded read.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "../../scan/yara.h"

static void
put(const char *dir, const char *name, const void *data, size_t len)
{
	char path[128];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return;
	(void)vg_write_all(fd, data, len);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char dir[] = "/tmp/fuzz-yinc.XXXXXX";
	static int made;
	char err[VG_ERRLEN], path[128], *env;
	struct yara_set *s;
	int nwarn;

	if (len > 65536)
		return 0;
	if (!made) {
		const char a[] =
		    "rule A { strings: $a = \"abc\" condition: $a }\n";
		const char b[] = "include \"a.yar\"\nrule B { condition: A }\n";

		if (mkdtemp(dir) == NULL || yr_initialize() != ERROR_SUCCESS)
			return 0;
		put(dir, "a.yar", a, sizeof a - 1);
		put(dir, "b.yar", b, sizeof b - 1);
		/* The compiled cache and the store stay in the folder. */
		env = xasprintf("%s/home", dir);
		setenv("HOME", env, 1);
		free(env);
		env = xasprintf("%s/vigie.db", dir);
		setenv("VIGIE_DB", env, 1);
		free(env);
		made = 1;
	}
	put(dir, "main.yar", data, len);
	snprintf(path, sizeof path, "%s/main.yar", dir);
	if (yara_set_load(path, NULL, 0, 1, 1, &nwarn, &s, err) == 0)
		yara_set_free(s);
	else if (err[0] == '\0')
		abort();
	return 0;
}
