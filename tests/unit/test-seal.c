/*
 * test-seal.c — SHA256SUMS and manifest parsers (good, odd and hostile
 * input), the signing key (created 0600 once, then loaded), signatures,
 * and the names artifacts get in DIR.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "vigie/vigie.h"
#include "vigie/hash.h"
#include "vigie/capture.h"
#include "testutil.h"

#define H1 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static int
sums(const char *text, struct seal_sum **s, int *n, char *err)
{
	return seal_sums_parse(text, strlen(text), s, n, err);
}

static void
test_sums(void **state)
{
	(void)state;
	struct seal_sum	*s;
	char		 err[VG_ERRLEN];
	int		 n;

	assert_int_equal(sums(H1 "  a/b.txt\n" H1 " *bin.dat\n", &s, &n,
	    err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].path, "a/b.txt");
	assert_string_equal(s[1].path, "bin.dat");
	assert_string_equal(s[0].sha256, H1);
	seal_sums_free(s, n);

	/* Upper-case hex is accepted and lowered; no final newline. */
	assert_int_equal(sums("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934"
	    "CA495991B7852B855  x", &s, &n, err), 0);
	assert_string_equal(s[0].sha256, H1);
	seal_sums_free(s, n);

	/* coreutils escapes: leading backslash, \n and \\ in the name. */
	assert_int_equal(sums("\\" H1 "  a\\nb\\\\c\n", &s, &n, err), 0);
	assert_string_equal(s[0].path, "a\nb\\c");
	seal_sums_free(s, n);

	assert_int_equal(sums("", &s, &n, err), 0);
	assert_int_equal(n, 0);
	seal_sums_free(s, n);

	/* Refused, with the line number. */
	assert_int_equal(sums(H1 "  ok\nnot a line\n", &s, &n, err), -1);
	assert_non_null(strstr(err, "SHA256SUMS:2:"));
	assert_int_equal(sums(H1 "  /etc/shadow\n", &s, &n, err), -1);
	assert_non_null(strstr(err, "leaves the capture folder"));
	assert_int_equal(sums(H1 "  a/../../x\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  ./x\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  a//b\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  a/b/\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  a/..\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  ..\n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "  a..b/..c\n", &s, &n, err), 0);
	seal_sums_free(s, n);
	assert_int_equal(sums(H1 "  \n", &s, &n, err), -1);
	assert_int_equal(sums(H1 "\tx\n", &s, &n, err), -1);
	assert_int_equal(sums("\\" H1 "  a\\q\n", &s, &n, err), -1);
	assert_int_equal(seal_sums_parse(H1 "  a\0b\n", 69, &s, &n, err), -1);
	assert_non_null(strstr(err, "NUL"));
}

static void
test_sums_line(void **state)
{
	(void)state;
	char	*l = seal_sums_line(H1, "01-clock/clock.json");

	assert_string_equal(l, H1 "  01-clock/clock.json\n");
	free(l);
}

static int
manifest(const char *text, struct seal_manifest *m, char *err)
{
	return seal_manifest_parse(text, strlen(text), m, err);
}

static void
test_manifest(void **state)
{
	(void)state;
	struct seal_manifest	m;
	char			err[VG_ERRLEN];

	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[{\"path\":\"a/b\",\"size\":3,\"sha256\":\"" H1
	    "\",\"partial\":true}],\"custody\":{\"entries\":4,\"head\":\""
	    H1 "\"}}", &m, err), 0);
	assert_int_equal(m.nartifacts, 1);
	assert_string_equal(m.artifacts[0].path, "a/b");
	assert_int_equal(m.artifacts[0].size, 3);
	assert_true(m.artifacts[0].partial);
	assert_int_equal(m.custody_entries, 4);
	assert_string_equal(m.custody_head, H1);
	seal_manifest_free(&m);

	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\",\n"
	    "\"artifacts\": [}", &m, err), -1);
	assert_non_null(strstr(err, "manifest.json:2:"));
	assert_int_equal(manifest("{\"format\":\"other\",\"artifacts\":[]}",
	    &m, err), -1);
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"format\":\"vigie-capture-1\",\"artifacts\":[]}", &m, err), -1);
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[{\"path\":\"../x\",\"size\":1,\"sha256\":\"" H1
	    "\"}]}", &m, err), -1);
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[{\"path\":\"x\",\"size\":-1,\"sha256\":\"" H1
	    "\"}]}", &m, err), -1);
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[{\"path\":\"x\",\"size\":1,\"sha256\":\"abc\"}]}",
	    &m, err), -1);
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[{\"path\":\"x\",\"size\":1,\"sha256\":\"" H1
	    "\"},{\"path\":\"x\",\"size\":1,\"sha256\":\"" H1 "\"}]}", &m,
	    err), -1);
	assert_non_null(strstr(err, "twice"));
	assert_int_equal(manifest("{\"format\":\"vigie-capture-1\","
	    "\"artifacts\":[],\"custody\":{\"entries\":0,\"head\":\"" H1
	    "\"}}", &m, err), -1);
	assert_int_equal(manifest("[]", &m, err), -1);
}

static void
test_key_and_signature(void **state)
{
	(void)state;
	EVP_PKEY	*k, *k2;
	struct stat	 st;
	unsigned char	 sig[64];
	char		*path, *pub, fpr[65], fpr2[65], err[VG_ERRLEN];
	int		 created;

	path = tu_path("key.pem");
	k = seal_key_load(path, 0, &created, err);
	assert_null(k);		/* absent and not to be created */
	k = seal_key_load(path, 1, &created, err);
	assert_non_null(k);
	assert_true(created);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	pub = seal_pubkey_pem(k, fpr, err);
	assert_non_null(strstr(pub, "BEGIN PUBLIC KEY"));
	assert_int_equal(strlen(fpr), 64);

	/* Loaded again: the same key, not a new one. */
	k2 = seal_key_load(path, 1, &created, err);
	assert_non_null(k2);
	assert_false(created);
	free(seal_pubkey_pem(k2, fpr2, err));
	assert_string_equal(fpr, fpr2);

	assert_int_equal(seal_sign(k, "data", 4, sig, err), 0);
	assert_int_equal(seal_verify(pub, strlen(pub), "data", 4, sig, 64,
	    fpr2, err), 0);
	assert_string_equal(fpr, fpr2);
	assert_int_equal(seal_verify(pub, strlen(pub), "datA", 4, sig, 64,
	    fpr2, err), -1);
	assert_non_null(strstr(err, "does not match"));
	sig[0] ^= 1;
	assert_int_equal(seal_verify(pub, strlen(pub), "data", 4, sig, 64,
	    fpr2, err), -1);
	assert_int_equal(seal_verify(pub, strlen(pub), "data", 4, sig, 63,
	    fpr2, err), -1);
	assert_int_equal(seal_verify("junk", 4, "data", 4, sig, 64, fpr2,
	    err), -1);
	free(pub);
	EVP_PKEY_free(k);
	EVP_PKEY_free(k2);

	/* Not an Ed25519 key: refused. */
	free(path);
	path = tu_path("notkey.pem");
	{
		FILE *f = fopen(path, "w");
		fputs("-----BEGIN PRIVATE KEY-----\nAAAA\n"
		    "-----END PRIVATE KEY-----\n", f);
		fclose(f);
	}
	assert_null(seal_key_load(path, 1, &created, err));
	free(path);

	/* An encrypted key: refused with the reason, never a prompt for
	 * its pass phrase (OpenSSL's default asks on the terminal). */
	path = tu_path("encrypted.pem");
	{
		EVP_PKEY *e = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		FILE *f = fopen(path, "w");

		assert_non_null(e);
		assert_int_equal(PEM_write_PrivateKey(f, e,
		    EVP_aes_256_cbc(), (unsigned char *)"secret", 6, NULL,
		    NULL), 1);
		fclose(f);
		EVP_PKEY_free(e);
	}
	assert_null(seal_key_load(path, 0, &created, err));
	assert_non_null(strstr(err, "pass phrase"));
	free(path);
}

static void
test_safe_names(void **state)
{
	(void)state;
	char	*s;

	s = artifact_safe_name("a/b c/../.hidden/x\n", 1);
	assert_string_equal(s, "a/b%20c/%2E./%2Ehidden/x%0A");
	free(s);
	s = artifact_safe_name("/abs//path/", 1);
	assert_string_equal(s, "abs/path");
	free(s);
	s = artifact_safe_name("a/b", 0);
	assert_string_equal(s, "a%2Fb");
	free(s);
	s = artifact_safe_name("", 1);
	assert_string_equal(s, "_");
	free(s);
	s = artifact_safe_name("Téléchargements", 1);
	assert_string_equal(s, "T%C3%A9l%C3%A9chargements");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sums),
		cmocka_unit_test(test_sums_line),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_key_and_signature),
		cmocka_unit_test(test_safe_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
