/*
 * test-util.c — text cleaning for JSON and terminals, sizes, times,
 * private files, hashes, and the language choice.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "testutil.h"

static void
test_utf8(void **state)
{
	(void)state;
	char *s;

	assert_true(vg_utf8_valid("héllo €", strlen("héllo €")));
	assert_false(vg_utf8_valid("\xff", 1));
	assert_false(vg_utf8_valid("\xc0\xaf", 2));		/* overlong */
	assert_false(vg_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(vg_utf8_valid("\xe2\x82", 2));		/* truncated */
	s = vg_utf8_clean("a\xffz", 3);
	assert_string_equal(s, "a\xef\xbf\xbdz");
	free(s);
	s = vg_term_clean("a\nb\tc\033[2J\xff\xc2\x9bé");
	assert_string_equal(s, "a\\nb\\tc\\x1b[2J\\xff\\xc2\\x9bé");
	free(s);
}

static void
test_json_str(void **state)
{
	(void)state;
	json_t *v = vg_json_strn("ok\xff", 3);

	assert_string_equal(json_string_value(v), "ok\xef\xbf\xbd");
	json_decref(v);
	v = vg_json_str(NULL);
	assert_true(json_is_null(v));
	json_decref(v);
}

static void
test_sizes_and_times(void **state)
{
	(void)state;
	uint64_t n;
	time_t t;
	char buf[32];

	assert_int_equal(vg_parse_size("10M", &n), 0);
	assert_int_equal(n, 10ULL << 20);
	assert_int_equal(vg_parse_size("512k", &n), 0);
	assert_int_equal(n, 512ULL << 10);
	assert_int_equal(vg_parse_size("7", &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(vg_parse_size("2GB", &n), 0);
	assert_int_equal(vg_parse_size("x", &n), -1);
	assert_int_equal(vg_parse_size("-1", &n), -1);
	assert_int_equal(vg_parse_size("99999999999999999999T", &n), -1);

	assert_int_equal(vg_time_parse_iso("2026-11-25T08:10:00Z", &t), 0);
	vg_time_iso(t, buf);
	assert_string_equal(buf, "2026-11-25T08:10:00Z");
	assert_int_equal(vg_time_parse_iso("2026-11-25 08:10", &t), 0);
	assert_int_equal(vg_time_parse_iso("yesterday", &t), -1);
	assert_int_equal(vg_time_parse_iso("2026-11-25T08:10:00Zjunk", &t),
	    -1);
}

static void
test_private_files(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *p = tu_path("secret"), *back;
	struct stat st;
	size_t len;
	int fd;

	assert_int_equal(vg_write_file(p, "abc", 3, err), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	back = vg_read_file(p, 100, &len, err);
	assert_non_null(back);
	assert_int_equal(len, 3);
	assert_string_equal(back, "abc");
	free(back);
	assert_null(vg_read_file(p, 2, &len, err));	/* over the limit */
	assert_non_null(strstr(err, "larger than"));
	/* O_EXCL refuses an existing file. */
	assert_int_equal(vg_create_private(p, 1, err), -1);
	fd = vg_create_private(p, 0, err);
	assert_true(fd >= 0);
	close(fd);
	free(p);
}

static void
test_hash(void **state)
{
	(void)state;
	char hex[VG_HASH_HEXMAX], err[VG_ERRLEN], *p = tu_path("h");
	uint64_t size;

	vg_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(vg_write_file(p, "abc", 3, err), 0);
	assert_int_equal(vg_hash_file(p, VG_MD5, hex, &size, err), 0);
	assert_string_equal(hex, "900150983cd24fb0d6963f7d28e17f72");
	assert_int_equal(size, 3);
	assert_int_equal(vg_hash_file(p, VG_SHA1, hex, NULL, err), 0);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	assert_int_equal(vg_hash_file("/nonexistent", VG_SHA1, hex, NULL,
	    err), -1);
	free(p);
}

static void
test_language_choice(void **state)
{
	(void)state;
	char err[VG_ERRLEN];

	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	assert_int_equal(vg_i18n_init(NULL, err), 0);
	assert_string_equal(vg_lang(), "en");
	/* French from the environment even if no fr_FR locale exists. */
	setenv("LANG", "fr_FR.UTF-8", 1);
	assert_int_equal(vg_i18n_init(NULL, err), 0);
	assert_string_equal(vg_lang(), "fr");
	assert_string_equal(_("(to fill in)"), "(à renseigner)");
	/* LANGUAGE comes first; "C" values are skipped. */
	setenv("LANGUAGE", "en_GB", 1);
	assert_int_equal(vg_i18n_init(NULL, err), 0);
	assert_string_equal(vg_lang(), "en");
	setenv("LANGUAGE", "", 1);
	setenv("LC_ALL", "C", 1);
	setenv("LC_MESSAGES", "fr_BE.UTF-8", 1);
	assert_int_equal(vg_i18n_init(NULL, err), 0);
	assert_string_equal(vg_lang(), "fr");
	/* --lang wins; unknown languages are refused. */
	assert_int_equal(vg_i18n_init("en", err), 0);
	assert_string_equal(_("(to fill in)"), "(to fill in)");
	assert_int_equal(vg_i18n_init("de", err), -1);
	assert_non_null(strstr(err, "de"));
	/* Unknown msgids come back unchanged. */
	assert_int_equal(vg_i18n_init("fr", err), 0);
	assert_string_equal(_("no such message"), "no such message");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_json_str),
		cmocka_unit_test(test_sizes_and_times),
		cmocka_unit_test(test_private_files),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_language_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
