/*
 * fuzz-regfmt.c — the Windows collector's formatter of registry values
 * and JSON strings (respond/windows/regfmt.c) on arbitrary bytes, as the
 * registry of a suspect PC may hold: every value is either refused or
 * written so that vigie's .reg reader reads back the same name, type and
 * data; every JSON string is valid and, for UTF-8 input, exact.
 *
 * The whole input is also read as a service's ImagePath.
 *
 * Input: byte 0 the type (0-11), byte 1 the length of the name in
 * bytes, the name (UTF-16 LE), then the data.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/config.h"
#include "regfmt-check.h"

/* Whether S is valid UTF-8 (as rf_json_str decodes it). */
static int
is_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, l;

	while (i < n) {
		if (utf8_next(s + i, n - i, &l) == 0xFFFD &&
		    !(l == 3 && s[i] == 0xEF && s[i + 1] == 0xBF &&
		    s[i + 2] == 0xBD))
			return 0;
		i += l;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	size_t	nlen;
	int	refused;

	if (len < 2)
		return 0;
	nlen = data[1];
	if (nlen > len - 2)
		nlen = len - 2;
	if (regfmt_roundtrip(data + 2, nlen & ~(size_t)1, data[0] % 12,
	    data + 2 + nlen, len - 2 - nlen, &refused) != 0)
		abort();
	if (regfmt_json((const char *)data, len, is_utf8(data, len)) != 0)
		abort();
	/* A service's ImagePath: the file is a substring, or refused. */
	{
		char *ip = malloc(len + 1), out[512];

		memcpy(ip, data, len);
		ip[len] = '\0';
		if (rf_service_file(ip, "C:\\Windows", out, sizeof(out)) == 0 &&
		    (out[0] == '\0' || (strstr(ip, out) == NULL &&
		    strncmp(out, "C:\\Windows", 10) != 0)))
			abort();
		free(ip);
	}
	return 0;
}
