/*
 * fuzz-mo.c — the .mo catalog reader (lib/i18n.c) on arbitrary bytes: a
 * catalog is accepted only when every table entry lies inside it, and
 * lookups (plain, plural, with context) on an accepted one stay inside.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/i18n.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const ids[] = {
		"no IOC list", "%s: not a regular file", "", "a",
		"refused: %s", "\xff\xfe", "zzzzzzzzzzzzzzzzzzzzzzzz",
	};
	unsigned char *copy = malloc(len ? len : 1);
	size_t i, n;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, len);
	if (vg_i18n_use_catalog(copy, len) == 0) {
		for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
			(void)strlen(vg_gettext(ids[i]));
			for (n = 0; n < 3; n++)
				(void)strlen(vg_ngettext(ids[i], "many", n));
			(void)strlen(vg_pgettext("ctx", ids[i]));
		}
		/* A key taken from the input itself, so lookups hit. */
		if (len > 1 && memchr(copy, '\0', len) != NULL)
			(void)strlen(vg_gettext((const char *)copy));
	}
	vg_i18n_use_catalog(NULL, 0);
	free(copy);
	return 0;
}
