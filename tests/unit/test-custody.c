/*
 * test-custody.c — the custody chain: entries link, and an edited,
 * deleted or inserted entry is found, with its number.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/capture.h"
#include "testutil.h"

static sqlite3 *
fresh(const char *name, char *err)
{
	char	*dir = tu_path(name);
	sqlite3	*db;

	assert_int_equal(mkdir(dir, 0700), 0);
	db = custody_open(dir, 1, 1, err);
	free(dir);
	assert_non_null(db);
	assert_int_equal(custody_add(db, "A. Martin", "capture.start", "/x",
	    "", "start", NULL, err), 0);
	assert_int_equal(custody_add(db, "A. Martin", "capture.step", "clock",
	    "ab", "ok", NULL, err), 0);
	assert_int_equal(custody_add(db, "Gendarme B", "note", "", "",
	    "remis à la gendarmerie", NULL, err), 0);
	assert_int_equal(custody_add(db, "Gendarme B", "note", "", "",
	    "placé sous scellé", NULL, err), 0);
	return db;
}

static int
problems(sqlite3 *db, char *first, size_t len)
{
	struct custody_entry	*e;
	struct custody_problem	*p;
	char			 err[VG_ERRLEN];
	int			 n, np;

	assert_int_equal(custody_check(db, &e, &n, &p, &np, err), 0);
	if (np > 0 && first != NULL)
		snprintf(first, len, "%s", p[0].text);
	custody_entries_free(e, n);
	custody_problems_free(p, np);
	return np;
}

static void
exec(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void
test_chain(void **state)
{
	(void)state;
	struct custody_entry	*e;
	struct custody_problem	*p;
	char			 err[VG_ERRLEN], hex[65];
	sqlite3			*db = fresh("chain", err);
	int			 n, np;

	assert_int_equal(custody_check(db, &e, &n, &p, &np, err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(np, 0);
	assert_int_equal(e[0].seq, 1);
	assert_string_equal(e[0].prev, "000000000000000000000000000000000000"
	    "0000000000000000000000000000");
	assert_string_equal(e[1].prev, e[0].hash);
	assert_string_equal(e[3].detail, "placé sous scellé");
	custody_entry_hash(&e[2], hex);
	assert_string_equal(hex, e[2].hash);
	custody_entries_free(e, n);
	custody_problems_free(p, np);
	sqlite3_close(db);
}

static void
test_tamper(void **state)
{
	(void)state;
	char	err[VG_ERRLEN], first[512];
	sqlite3	*db;

	db = fresh("edit", err);
	exec(db, "UPDATE custody SET detail='remis à personne' WHERE seq=3");
	assert_int_equal(problems(db, first, sizeof(first)), 1);
	assert_non_null(strstr(first, "entry 3 was changed"));
	sqlite3_close(db);

	db = fresh("delete", err);
	exec(db, "DELETE FROM custody WHERE seq=2");
	assert_int_equal(problems(db, first, sizeof(first)), 1);
	assert_non_null(strstr(first, "custody entry 2 is missing (deleted)"));
	sqlite3_close(db);

	/* Deleted, then renumbered to hide the gap: the links break. */
	db = fresh("renumber", err);
	exec(db, "DELETE FROM custody WHERE seq=2;"
	    "UPDATE custody SET seq=seq-1 WHERE seq>2");
	assert_true(problems(db, first, sizeof(first)) >= 1);
	sqlite3_close(db);

	/* Inserted with a well-formed hash of its own, in the middle. */
	db = fresh("insert", err);
	exec(db, "UPDATE custody SET seq=seq+10 WHERE seq>=3;"
	    "UPDATE custody SET seq=seq-9 WHERE seq>=13;"
	    "INSERT INTO custody SELECT 3, time, mono_ns, 'x', 'note', '', '',"
	    " 'inserted', hash, hash FROM custody WHERE seq=2");
	assert_true(problems(db, first, sizeof(first)) >= 1);
	sqlite3_close(db);

	/* The first entry removed. */
	db = fresh("head", err);
	exec(db, "DELETE FROM custody WHERE seq=1");
	assert_int_equal(problems(db, first, sizeof(first)), 1);
	assert_non_null(strstr(first, "custody entry 1 is missing"));
	sqlite3_close(db);

	/* Empty log. */
	db = fresh("empty", err);
	exec(db, "DELETE FROM custody");
	assert_int_equal(problems(db, first, sizeof(first)), 1);
	sqlite3_close(db);
}

static void
test_open(void **state)
{
	(void)state;
	char	err[VG_ERRLEN], *dir = tu_path("none");

	assert_null(custody_open(dir, 0, 0, err));
	assert_non_null(strstr(err, "custody.db"));
	free(dir);
	dir = tu_path("twice");
	assert_int_equal(mkdir(dir, 0700), 0);
	sqlite3_close(custody_open(dir, 1, 1, err));
	/* Created with O_EXCL: never over an existing log. */
	assert_null(custody_open(dir, 1, 1, err));
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
