/*
 * test-buf.c — the growing buffer (lib/buf.c): an empty append allocates
 * and terminates, text far larger than the first allocation, formatted
 * text that needs a second pass, NUL bytes kept, separators, reset,
 * take and free.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/buf.h"

static void
test_empty(void **state)
{
	struct vg_buf b = VG_BUF_INIT;

	(void)state;
	assert_null(b.p);
	assert_null(vg_buf_take(&b));
	vg_buf_add(&b, NULL, 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	assert_int_equal(b.len, 0);
	vg_buf_sep(&b, "; ");		/* nothing yet: no separator */
	assert_string_equal(b.p, "");
	vg_buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void
test_grow(void **state)
{
	struct vg_buf b = VG_BUF_INIT;
	char want[10001], *s;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		want[i] = (char)('a' + i % 26);
		vg_buf_add(&b, &want[i], 1);
	}
	want[10000] = '\0';
	assert_int_equal(b.len, 10000);
	assert_string_equal(b.p, want);
	assert_true(b.cap > b.len);
	s = vg_buf_take(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_string_equal(s, want);
	free(s);
}

static void
test_printf(void **state)
{
	struct vg_buf b = VG_BUF_INIT;
	char big[5000];

	(void)state;
	vg_buf_printf(&b, "%d-%s", 42, "x");
	assert_string_equal(b.p, "42-x");
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	/* Longer than the room left: formatted again after growing. */
	vg_buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 4 + 2 + 4999);
	assert_int_equal(b.p[4], '[');
	assert_int_equal(b.p[b.len - 1], ']');
	assert_int_equal(b.p[b.len], '\0');
	assert_int_equal(strspn(b.p + 5, "z"), 4999);
	vg_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	vg_buf_printf(&b, "%s", "");
	assert_string_equal(b.p, "");
	vg_buf_free(&b);
}

static void
test_sep_and_bytes(void **state)
{
	struct vg_buf b = VG_BUF_INIT;

	(void)state;
	vg_buf_puts(&b, "one");
	vg_buf_sep(&b, "; ");
	vg_buf_puts(&b, "two");
	assert_string_equal(b.p, "one; two");
	vg_buf_add(&b, "\0z", 2);	/* bytes, NUL included */
	assert_int_equal(b.len, 10);
	assert_memory_equal(b.p, "one; two\0z", 11);
	vg_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_sep_and_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
