/*
 * fuzz-key4.c — the reader of NSS's password check (scan/mail-key4.c):
 * arbitrary DER where key4.db keeps item2. The first byte picks the
 * length of the global salt taken from the rest. An input that starts
 * like an SQLite file is a whole key4.db instead, read as the mail
 * client check reads it (key4_check_file).
 *
 * Seeds certutil-empty and certutil-password come from real key4.db
 * files made by NSS itself (Debian libnss3-tools):
 *	certutil -N -d sql:DIR --empty-password
 *	certutil -N -d sql:DIR -f PASSWORD-FILE
 * as one byte (20, the salt length), metaData.item1 (the global salt)
 * and metaData.item2 of the row id = 'password'; certutil-*.db are the
 * two files whole.
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
	const char	*why;
	size_t		 salt;

	if (len < 1)
		return 0;
	if (len >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		char path[4200];

		fuzz_tmp_write("key4.db", data, len);
		snprintf(path, sizeof(path), "%s/key4.db", fuzz_tmp());
		if (key4_check_file(path, &why) == -1 && why == NULL)
			abort();
		return 0;
	}
	salt = data[0] % 32;
	if (salt > len - 1)
		salt = len - 1;
	(void)key4_password_empty(data + 1, salt, data + 1 + salt,
	    len - 1 - salt, &why);
	return 0;
}
