/*
 * test-regfmt.c — the portable part of vigie-collect.exe
 * (respond/windows/regfmt.c), run on Linux: registry values written as
 * reg export writes them and read back by vigie's own .reg reader
 * (the outside check is `reg export`'s format as scan config reads it),
 * hostile names and data refused or kept exact, UTF-16 conversions and
 * JSON strings checked with jansson.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/config.h"
#include "../fuzz/regfmt-check.h"

/* UTF-8 (ASCII or Latin) to UTF-16 LE through the module itself. */
static unsigned char *
w(const char *s, size_t *n, int nul)
{
	struct rbuf b = { 0 };
	unsigned char *out;

	rf_utf8_to_utf16_file(&b, s, strlen(s));
	/* drop the BOM; "\n" became "\r\n" */
	*n = b.n - 2 + (nul ? 2 : 0);
	out = calloc(1, *n + 2);
	memcpy(out, b.p + 2, b.n - 2);
	rb_free(&b);
	return out;
}

/* The line written for one value (UTF-8), or NULL if refused. */
static char *
line(const char *name, uint32_t type, const void *d, size_t len)
{
	struct rbuf b = { 0 };
	size_t nl;
	unsigned char *n = w(name, &nl, 0);

	if (rf_reg_value(&b, n, nl, type, d, len) == -1) {
		free(n);
		return NULL;
	}
	free(n);
	return b.p;
}

static void
rt(const char *name, uint32_t type, const void *d, size_t len, int refuse)
{
	size_t nl;
	unsigned char *n = w(name, &nl, 0);
	int refused;

	assert_int_equal(regfmt_roundtrip(n, nl, type, d, len, &refused), 0);
	assert_int_equal(refused, refuse);
	free(n);
}

static void
test_strings(void **state)
{
	size_t n;
	unsigned char *d = w("C:\\Temp\\\"x\" caf\xc3\xa9", &n, 1);
	char *l = line("a \"q\" \\", RF_REG_SZ, d, n);

	(void)state;
	/* As regedit writes it: '"' and '\' escaped, UTF-8 text. */
	assert_string_equal(l, "\"a \\\"q\\\" \\\\\"=\"C:\\\\Temp\\\\\\\"x\\\" "
	    "caf\xc3\xa9\"\n");
	free(l);
	rt("a \"q\" \\", RF_REG_SZ, d, n, 0);
	rt("", RF_REG_SZ, d, n, 0);		/* the default value, @= */
	l = line("", RF_REG_SZ, d, n);
	assert_true(l[0] == '@');
	free(l);
	free(d);
	/* No final NUL, a line break, a NUL inside: kept exact as hex(1). */
	d = w("abc", &n, 0);
	l = line("x", RF_REG_SZ, d, n);
	assert_non_null(strstr(l, "=hex(1):61,00,62,00,63,00"));
	free(l);
	rt("x", RF_REG_SZ, d, n, 0);
	free(d);
	d = w("a\nb", &n, 1);
	rt("x", RF_REG_SZ, d, n, 0);
	free(d);
	rt("x", RF_REG_SZ, "a\0\0\0b\0\0\0", 8, 0);
	rt("x", RF_REG_SZ, "\0\xd8" "a\0\0\0", 6, 0);	/* lone surrogate */
	rt("x", RF_REG_SZ, "", 0, 0);
	rt("x", RF_REG_SZ, "\0\0", 2, 0);
	rt("odd", RF_REG_SZ, "a\0b", 3, 0);
}

static void
test_numbers(void **state)
{
	char *l;

	(void)state;
	l = line("EnableLUA", RF_REG_DWORD, "\x01\x00\x00\x00", 4);
	assert_string_equal(l, "\"EnableLUA\"=dword:00000001\n");
	free(l);
	rt("EnableLUA", RF_REG_DWORD, "\x01\x00\x00\x00", 4, 0);
	rt("big", RF_REG_DWORD, "\xff\xff\xff\xff", 4, 0);
	rt("short", RF_REG_DWORD, "\x01\x00", 2, 0);	/* hex(4): */
	rt("q", RF_REG_QWORD, "\x01\x02\x03\x04\x05\x06\x07\x08", 8, 0);
	l = line("q", RF_REG_QWORD, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_string_equal(l, "\"q\"=hex(b):01,02,03,04,05,06,07,08\n");
	free(l);
}

static void
test_binary(void **state)
{
	unsigned char big[3000];
	size_t i;
	char *l;

	(void)state;
	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7);
	rt("b", RF_REG_BINARY, big, sizeof(big), 0);
	/* Wrapped with "\" continuation lines of about 80 columns. */
	l = line("b", RF_REG_BINARY, big, 100);
	assert_non_null(strstr(l, ",\\\n  "));
	for (char *p = l; (p = strchr(p, '\n')) != NULL; p++)
		;
	free(l);
	rt("m", RF_REG_MULTI_SZ, "o\0n\0\0\0t\0\0\0\0\0", 12, 0);
	rt("n", RF_REG_NONE, "", 0, 0);
	rt("t", 0x12345, "\x01", 1, 0);		/* unknown type kept */
}

static void
test_hostile_names(void **state)
{
	struct rbuf b = { 0 };

	(void)state;
	rt("a\nb", RF_REG_SZ, "x\0\0\0", 4, 1);	/* refused, not mangled */
	rt("a\rb", RF_REG_DWORD, "\0\0\0\0", 4, 1);
	rt("=hex:", RF_REG_SZ, "\\\0\0\0", 4, 0);
	rt("ends with \\", RF_REG_BINARY, "\x01", 1, 0);
	rt("]", RF_REG_SZ, "[\0\0\0", 4, 0);
	/* A NUL in a name, a lone surrogate. */
	assert_int_equal(rf_reg_value(&b, (const unsigned char *)"a\0\0\0",
	    4, RF_REG_SZ, (const unsigned char *)"\0\0", 2), -1);
	assert_int_equal(rf_reg_value(&b, (const unsigned char *)"\0\xdc",
	    2, RF_REG_SZ, (const unsigned char *)"\0\0", 2), -1);
	assert_int_equal(b.n, 0);		/* nothing written */
	/* Key names: the same rules. */
	assert_int_equal(rf_reg_key(&b, "HKEY_LOCAL_MACHINE",
	    (const unsigned char *)"a\0\n\0", 4, 0), -1);
	assert_int_equal(rf_reg_key(&b, "HKEY_LOCAL_MACHINE",
	    (const unsigned char *)"S\0]\0", 4, 1), 0);
	assert_string_equal(b.p, "[-HKEY_LOCAL_MACHINE\\S]]\n");
	rb_free(&b);
}

static void
test_text(void **state)
{
	struct rbuf b = { 0 };

	(void)state;
	/* A surrogate pair, a lone surrogate replaced unless strict. */
	assert_int_equal(rf_utf16_to_utf8(&b, (const unsigned char *)
	    "\x3d\xd8\x00\xde", 4, 1), 0);
	assert_string_equal(b.p, "\xf0\x9f\x98\x80");
	b.n = 0;
	assert_int_equal(rf_utf16_to_utf8(&b, (const unsigned char *)
	    "\x3d\xd8" "a\0", 4, 1), -1);
	assert_int_equal(rf_utf16_to_utf8(&b, (const unsigned char *)
	    "\x3d\xd8" "a\0", 4, 0), 0);
	assert_string_equal(b.p, "\xef\xbf\xbd" "a");
	rb_free(&b);
	assert_int_equal(regfmt_json("caf\xc3\xa9 \"\\\n\t\x01\x7f", 13, 1),
	    0);
	assert_int_equal(regfmt_json("\xf0\x9f\x98\x80", 4, 1), 0);
	assert_int_equal(regfmt_json("a\0b", 3, 1), 0);
	assert_int_equal(regfmt_json("\xff\xc0\x80\xed\xa0\x80", 6, 0), 0);
	rf_json_str(&b, "\xc3\xa9\xff", 3);
	assert_string_equal(b.p, "\"\\u00e9\\ufffd\"");	/* ASCII out */
	rb_free(&b);
}

static void
sf(const char *ip, const char *want)
{
	char out[256];
	int rc = rf_service_file(ip, "C:\\Windows", out, sizeof(out));

	if (want == NULL)
		assert_int_equal(rc, -1);
	else {
		assert_int_equal(rc, 0);
		assert_string_equal(out, want);
	}
}

static void
test_service_file(void **state)
{
	char small[8];

	(void)state;
	sf("\"C:\\Program Files\\A B\\svc.exe\" -k x",
	    "C:\\Program Files\\A B\\svc.exe");
	sf("C:\\Windows\\system32\\svchost.exe -k netsvcs -p",
	    "C:\\Windows\\system32\\svchost.exe");
	/* Unquoted with spaces: cut after ".exe", as Windows would find. */
	sf("C:\\Program Files\\Evil Co\\up.exe /run",
	    "C:\\Program Files\\Evil Co\\up.exe");
	sf("\\SystemRoot\\System32\\drivers\\x.sys",
	    "C:\\Windows\\System32\\drivers\\x.sys");
	sf("System32\\drivers\\y.SYS", "C:\\Windows\\System32\\drivers\\y.SYS");
	sf("\\??\\C:\\x\\z.sys", "C:\\x\\z.sys");
	sf("  C:\\a.executable b", "C:\\a.executable");
	sf("\"unterminated", "unterminated");
	sf("", NULL);
	sf("   ", NULL);
	sf("\"\"", NULL);
	assert_int_equal(rf_service_file("C:\\very\\long\\name.exe", "C:",
	    small, sizeof(small)), -1);
	assert_string_equal(small, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_service_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
