/*
 * fuzz-checks.c — check files (scan/config-check.c) on arbitrary bytes:
 * an XML file of checks is validated against checks.rng and then checked
 * further (unique IDs, known test kinds, regular expressions): accepted
 * or refused with a message, never a crash or a leak.
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
#include "vigie/config.h"
#include "fuzz-data.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char dir[] = "/tmp/fuzz-checks.XXXXXX";
	static char *schema;
	static int made;
	char err[VG_ERRLEN], path[64];
	struct check_set cs;
	int fd;

	if (!made) {
		if (mkdtemp(dir) == NULL)
			return 0;
		fuzz_data_init();
		schema = vg_data_path("checks/checks.rng");
		made = 1;
	}
	snprintf(path, sizeof path, "%s/fuzz.xml", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return 0;
	(void)vg_write_all(fd, data, len);
	close(fd);
	memset(&cs, 0, sizeof cs);
	if (check_load_file(path, schema, &cs, err) == -1 && err[0] == '\0')
		abort();
	check_set_free(&cs);
	return 0;
}
