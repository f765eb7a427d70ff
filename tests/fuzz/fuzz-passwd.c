/*
 * fuzz-passwd.c — vigie's own /etc/passwd and /etc/group reader
 * (lib/passwd.c), used instead of getpwuid() so that no NSS module is
 * loaded, on arbitrary bytes: every name it returns is non-empty, has no
 * ':' or newline, and lookups agree with the table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/passwd.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct vg_idmap *m;
	const char *n;
	unsigned long id;

	m = vg_idmap_parse((const char *)data, len);
	for (id = 0; id < 70000; id += id < 2000 ? 1 : 997) {
		if ((n = vg_idmap_name(m, id)) == NULL)
			continue;
		if (*n == '\0' || strchr(n, ':') != NULL ||
		    strchr(n, '\n') != NULL)
			abort();
	}
	(void)vg_idmap_name(m, 0xffffffffUL);
	(void)vg_idmap_count(m);
	vg_idmap_free(m);
	return 0;
}
