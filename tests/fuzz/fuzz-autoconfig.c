/*
 * fuzz-autoconfig.c — an autoconfig XML file (clientConfig, the format
 * Thunderbird fetches from providers) in a client profile folder, read by
 * scan/mail-client.c through the safe XML loader: every server judged or
 * the file refused with an error result; never a crash or a network or
 * entity fetch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"
#include "fuzz-profile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_tmp_clear();
	fuzz_tmp_write("config-v1.1.xml", data, len);
	fuzz_profile_check();
	return 0;
}
