/*
 * fuzz-dmarc.c — the DMARC record parser (scan/mail-dmarc.c) and the
 * report address reader on arbitrary text.
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
	struct dmarc_record	 d;
	char			*s;
	int			 i;

	s = xstrndup((const char *)data, len);
	(void)dmarc_is_record(s);
	dmarc_parse(s, &d);
	for (i = 0; d.rua != NULL && d.rua[i] != NULL; i++)
		free(dmarc_uri_domain(d.rua[i]));
	dmarc_free(&d);
	free(dmarc_uri_domain(s));
	free(s);
	return 0;
}
