/*
 * test-scan-ioc.c — IOC lists (scan/ioc.c): parsing good and bad lines,
 * hash lookups by algorithm, path regular expressions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/store.h"
#include "../../scan/ioc.h"

static const char hashes[] =
    "# comment\n"
    "\n"
    "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f;info;"
    "EICAR fr;EICAR en\n"
    "44D88612FEA8A8F36DE82E1278ABB02F ; high ; seulement en français\n"
    "3395856ce81f2b7382dee72602f798b642f14140;critical;sha1";

static void
test_hashes(void **state)
{
	(void)state;
	struct ioc_set *s = ioc_new();
	const struct ioc_entry *e;
	char err[VG_ERRLEN];

	assert_int_equal(ioc_parse(s, hashes, strlen(hashes), "x.hashes",
	    err), 0);
	ioc_seal(s);
	assert_int_equal(ioc_count(s), 3);
	assert_int_equal(ioc_needs(s), IOC_NEED(VG_MD5) | IOC_NEED(VG_SHA1) |
	    IOC_NEED(VG_SHA256));
	assert_false(ioc_has_names(s));
	e = ioc_match_hash(s, VG_SHA256, "275a021bbfb6489e54d471899f7db9d1"
	    "663fc695ec2fe2a2c4538aabf651fd0f");
	assert_non_null(e);
	assert_string_equal(e->id, "x.hashes:3");
	assert_string_equal(e->desc_fr, "EICAR fr");
	assert_string_equal(e->desc_en, "EICAR en");
	assert_int_equal(e->severity, VG_SEV_INFO);
	/* Upper case in the list, lower case from the digest. */
	e = ioc_match_hash(s, VG_MD5, "44d88612fea8a8f36de82e1278abb02f");
	assert_non_null(e);
	assert_string_equal(e->desc_en, "seulement en français");
	assert_null(ioc_match_hash(s, VG_MD5,
	    "44d88612fea8a8f36de82e1278abb020"));
	/* The right digest for another algorithm is no match. */
	assert_null(ioc_match_hash(s, VG_SHA1,
	    "44d88612fea8a8f36de82e1278abb02f"));
	assert_non_null(ioc_match_hash(s, VG_SHA1,
	    "3395856ce81f2b7382dee72602f798b642f14140"));
	ioc_free(s);
}

static void
count_hit(const struct ioc_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
}

static void
test_names(void **state)
{
	(void)state;
	static const char names[] =
	    "/mimikatz\\.exe$;critical;Mimikatz\n"
	    "\\.lockbit$;high;extension;extension en\n"
	    "a\\;b;low;semicolon escaped\n";
	struct ioc_set *s = ioc_new();
	char err[VG_ERRLEN];
	int n;

	assert_int_equal(ioc_parse(s, names, strlen(names), "t.names", err),
	    0);
	ioc_seal(s);
	assert_true(ioc_has_names(s));
	assert_int_equal(ioc_needs(s), 0);
	n = 0;
	ioc_match_path(s, "/home/x/MimiKatz.EXE", count_hit, &n);
	assert_int_equal(n, 1);
	n = 0;
	ioc_match_path(s, "/home/x/mimikatz.exe.txt", count_hit, &n);
	assert_int_equal(n, 0);
	n = 0;
	ioc_match_path(s, "/srv/budget.xlsx.LockBit", count_hit, &n);
	assert_int_equal(n, 1);
	n = 0;
	ioc_match_path(s, "/srv/a;b", count_hit, &n);
	assert_int_equal(n, 1);
	ioc_free(s);
}

static void
expect_error(const char *text, const char *name, const char *want)
{
	struct ioc_set *s = ioc_new();
	char err[VG_ERRLEN];

	assert_int_equal(ioc_parse(s, text, strlen(text), name, err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, want);
	ioc_free(s);
}

static void
test_bad_lines(void **state)
{
	(void)state;
	expect_error("abc;high;x\n", "a.hashes", "a.hashes:1: not an MD5");
	expect_error("# c\n00;high;x\n", "a.hashes", "a.hashes:2:");
	expect_error("44d88612fea8a8f36de82e1278abb02f;severe;x\n", "a.hashes",
	    "unknown severity");
	expect_error("44d88612fea8a8f36de82e1278abb02f;high\n", "a.hashes",
	    "missing description");
	expect_error("44d88612fea8a8f36de82e1278abb02f\n", "a.hashes",
	    "expected VALUE;SEVERITY;DESCRIPTION");
	expect_error("44d88612fea8a8f36de82e1278abb02f;high;\n", "a.hashes",
	    "empty description");
	expect_error("(unclosed;high;x\n", "b.names", "b.names:1: bad regular");
	expect_error(";high;x\n", "b.names", "empty value");
	expect_error("x;high;\xff\xfe\n", "b.names", "not valid UTF-8");
	expect_error("x;high;y\n", "c.txt", "must end in .hashes or .names");
	{
		struct ioc_set *s = ioc_new();
		char err[VG_ERRLEN];

		assert_int_equal(ioc_parse(s, "x;high;a\0b\n", 9, "b.names",
		    err), -1);
		assert_non_null(strstr(err, "NUL byte"));
		ioc_free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
