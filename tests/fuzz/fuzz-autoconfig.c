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
#include "fuzz-tmp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mail_report	r;
	size_t			i;

	fuzz_tmp_clear();
	fuzz_tmp_write("config-v1.1.xml", data, len);
	memset(&r, 0, sizeof(r));
	client_check_profile(fuzz_tmp(), &r);
	for (i = 0; i < r.n; i++)
		if (r.v[i].id == NULL)
			abort();
	mail_report_free(&r);
	return 0;
}
