/*
 * fuzz-logins.c — a Thunderbird profile's saved passwords (logins.json)
 * and the NSS key database beside it (key4.db, an SQLite file read by
 * scan/mail-key4.c), as scan/mail-client.c reads them. The first two
 * bytes give the length of logins.json; the rest, when there is any, is
 * key4.db. Never a crash; a file that cannot be read gives a warning
 * result, never a verdict.
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
	size_t	n;

	if (len < 2)
		return 0;
	n = (size_t)data[0] << 8 | data[1];
	if (n > len - 2)
		n = len - 2;
	fuzz_tmp_clear();
	fuzz_tmp_write("logins.json", data + 2, n);
	if (len - 2 - n > 0)
		fuzz_tmp_write("key4.db", data + 2 + n, len - 2 - n);
	/* An empty prefs.js: the profile has no account to judge. */
	fuzz_tmp_write("prefs.js", "", 0);
	fuzz_profile_check();
	return 0;
}
