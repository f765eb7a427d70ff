/*
 * fuzz-dpkg-status.c — the capture's reader of /var/lib/dpkg/status
 * (respond/capture-uac.c) on arbitrary bytes: every package it reports
 * has a name, and no field holds a newline.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/capture.h"

static void
check(const char *name, const char *status, const char *version,
    const char *arch, void *arg)
{
	(void)arg;
	if (name == NULL || strchr(name, '\n') != NULL ||
	    (status != NULL && strchr(status, '\n') != NULL) ||
	    (version != NULL && strchr(version, '\n') != NULL) ||
	    (arch != NULL && strchr(arch, '\n') != NULL))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	(void)uac_dpkg_parse((const char *)data, len, check, NULL);
	return 0;
}
