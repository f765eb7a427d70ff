/*
 * fuzz-mtasts.c — the MTA-STS policy parser, record parser and MX
 * pattern matching (scan/mail-sts.c) on arbitrary bytes.
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
	struct sts_policy	 p;
	const char		*why;
	char			 id[40], *s;
	int			 i;

	sts_parse((const char *)data, len, &p);
	for (i = 0; i < p.nmx; i++) {
		(void)sts_match(p.mx[i], "mx1.example.fr");
		(void)sts_match(p.mx[i], p.mx[i]);
	}
	sts_free(&p);
	s = xstrndup((const char *)data, len);
	(void)sts_record_parse(s, id, sizeof(id), &why);
	(void)sts_match(s, "mail.example.fr");
	(void)sts_match("*.example.fr", s);
	free(s);
	return 0;
}
