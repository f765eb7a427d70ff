/*
 * fuzz-custody.c — a capture's custody log as `respond verify` and
 * `respond custody` read it (respond/custody.c, custody-jsonl.c):
 * custody.db (an SQLite file of any bytes) or custody.jsonl (the Windows
 * collector's lines), chosen by the first byte. The log is opened
 * read-only and its chain checked: entries, or problems, or a refusal
 * with a message; never a crash, and the file is not changed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "fuzz-tmp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct custody_entry	*e = NULL;
	struct custody_problem	*p = NULL;
	char			 err[VG_ERRLEN], path[4200], *back;
	sqlite3			*db;
	int			 ne = 0, np = 0, i;
	size_t			 blen;

	if (len < 1)
		return 0;
	fuzz_tmp_clear();
	fuzz_tmp_write(data[0] & 1 ? CAPTURE_CUSTODY_JSONL : CAPTURE_CUSTODY,
	    data + 1, len - 1);
	err[0] = '\0';
	if ((db = custody_open(fuzz_tmp(), 0, 0, err)) == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	if (custody_check(db, &e, &ne, &p, &np, err) == 0) {
		for (i = 0; i < ne; i++)
			if (e[i].time == NULL || e[i].actor == NULL ||
			    strlen(e[i].hash) > 64)
				abort();
		for (i = 0; i < np; i++)
			if (p[i].text == NULL)
				abort();
	} else if (err[0] == '\0')
		abort();
	custody_entries_free(e, ne);
	custody_problems_free(p, np);
	sqlite3_close(db);
	/* Read-only: the bytes are still the ones given. */
	snprintf(path, sizeof(path), "%s/%s", fuzz_tmp(), data[0] & 1 ?
	    CAPTURE_CUSTODY_JSONL : CAPTURE_CUSTODY);
	if ((back = vg_read_file(path, 64 << 20, &blen, err)) == NULL ||
	    blen != len - 1 || memcmp(back, data + 1, blen) != 0)
		abort();
	free(back);
	return 0;
}
