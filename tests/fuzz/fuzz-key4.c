/*
 * fuzz-key4.c — the reader of NSS's password check (scan/mail-key4.c):
 * arbitrary DER where key4.db keeps item2. The first byte picks the
 * length of the global salt taken from the rest.
 */
#include <stdint.h>
#include <stdlib.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char	*why;
	size_t		 salt;

	if (len < 1)
		return 0;
	salt = data[0] % 32;
	if (salt > len - 1)
		salt = len - 1;
	(void)key4_password_empty(data + 1, salt, data + 1 + salt,
	    len - 1 - salt, &why);
	return 0;
}
