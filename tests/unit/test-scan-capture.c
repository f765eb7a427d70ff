/*
 * test-scan-capture.c — vg_scan_capture(), the API other modules (vigie
 * respond capture) call: shipped rules and IOC lists on a list of paths,
 * JSON Lines to a FILE * and a callback, counts back.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/scan.h"
#include "testutil.h"

static int
count_cb(json_t *m, void *arg)
{
	const char *rule = json_string_value(json_object_get(m, "rule"));

	assert_non_null(rule);
	(*(int *)arg)++;
	return 0;
}

static void
write_file(const char *path, const char *a, const char *b)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(a, f);
	fputs(b, f);
	fclose(f);
}

static void
test_capture(void **state)
{
	(void)state;
	struct vg_scan_counts c;
	char err[VG_ERRLEN], *dir, *eicar, *plain, *out, line[4096];
	const char *paths[1];
	json_t *o;
	FILE *f;
	long n;
	int calls = 0, lines = 0;

	/* Shipped rules from the source tree, caches in a private HOME. */
	setenv("VIGIE_DATA", "rules", 1);
	setenv("HOME", tu_tmpdir(), 1);
	dir = tu_path("files");
	assert_int_equal(mkdir(dir, 0700), 0);
	eicar = tu_path("files/eicar.com");
	/* Written in two pieces so this source is no EICAR file itself. */
	write_file(eicar, "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-",
	    "ANTIVIRUS-TEST-FILE!$H+H*");
	plain = tu_path("files/plain.txt");
	write_file(plain, "nothing to see ", "here\n");
	out = tu_path("out.jsonl");
	f = fopen(out, "w+");
	assert_non_null(f);
	paths[0] = dir;
	n = vg_scan_capture(paths, 1, 0, f, count_cb, &calls, &c, err);
	if (n < 0)
		fail_msg("%s", err);
	/* The EICAR rule and the EICAR SHA-256 IOC. */
	assert_int_equal(n, 2);
	assert_int_equal(calls, 2);
	assert_int_equal(c.files, 2);
	assert_int_equal(c.matched_files, 1);
	assert_int_equal(c.errors, 0);
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		o = json_loads(line, 0, NULL);
		assert_non_null(o);
		assert_string_equal(json_string_value(json_object_get(o,
		    "path")), eicar);
		json_decref(o);
		lines++;
	}
	assert_int_equal(lines, 2);
	fclose(f);

	/* No OUT, no callback: counts only. */
	n = vg_scan_capture(paths, 1, 0, NULL, NULL, NULL, NULL, err);
	assert_int_equal(n, 2);
	free(dir);
	free(eicar);
	free(plain);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
