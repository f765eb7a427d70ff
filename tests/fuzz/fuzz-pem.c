/*
 * fuzz-pem.c — the PEM keys of the seal (respond/seal.c): the signing
 * key given with --key (a private key file, first byte 0) and a
 * capture's signing-key.pub checked against a signature (first byte 1:
 * the key, then the last 64 bytes are the signature of a fixed text).
 * Only Ed25519 is accepted; anything else is refused with a message,
 * never a crash and never a prompt for a pass phrase.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "vigie/vigie.h"
#include "vigie/capture.h"
#include "fuzz-tmp.h"

static const char text[] = "vigie fuzz-pem signed text\n";

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	EVP_PKEY	*k;
	char		 path[4200], err[VG_ERRLEN], fpr[65];
	int		 created = 1;

	if (len < 1)
		return 0;
	err[0] = '\0';
	if (data[0] % 2 == 0) {
		fuzz_tmp_write("key.pem", data + 1, len - 1);
		snprintf(path, sizeof(path), "%s/key.pem", fuzz_tmp());
		k = seal_key_load(path, 0, &created, err);
		if (created != 0 || (k == NULL && err[0] == '\0'))
			abort();
		if (k != NULL && EVP_PKEY_get_id(k) != EVP_PKEY_ED25519)
			abort();
		EVP_PKEY_free(k);
		return 0;
	}
	if (len < 1 + 64)
		return 0;
	if (seal_verify((const char *)data + 1, len - 1 - 64, text,
	    sizeof(text) - 1, data + len - 64, 64, fpr, err) == 0) {
		if (strlen(fpr) != 64)
			abort();
	} else if (err[0] == '\0')
		abort();
	return 0;
}
