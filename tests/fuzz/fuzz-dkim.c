/*
 * fuzz-dkim.c — the DKIM key record parser (scan/mail-dkim.c): tags,
 * base64 and the DER key read by OpenSSL, on arbitrary text.
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
	struct dkim_key	 k;
	char		*s;

	s = xstrndup((const char *)data, len);
	dkim_parse(s, &k);
	dkim_free(&k);
	free(s);
	return 0;
}
