/*
 * fuzz-unavail.c — unavailable.txt of a folder vigie-collect.exe wrote
 * (scan/config-unavail.c): any encoding, any bytes; the reason found is
 * one line, fit for a terminal.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const files[] = { "bitlocker.txt", "auditpol.txt",
	    "a", "gpresult.xml" };
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *r = unavail_parse(data, len, files[i]);

		if (r != NULL && (strchr(r, '\n') != NULL || *r == '\0'))
			abort();
		free(r);
	}
	return 0;
}
