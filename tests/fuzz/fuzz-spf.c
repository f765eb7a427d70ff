/*
 * fuzz-spf.c — the SPF record parser (scan/mail-spf.c) on arbitrary
 * text: every term, modifier and macro path, without crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/mail.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct spf_record	 r;
	char			*s;

	s = xstrndup((const char *)data, len);
	(void)spf_is_record(s);
	spf_parse(s, &r);
	spf_free(&r);
	free(s);
	return 0;
}
