/*
 * custody-jsonl.c — the custody log of vigie-collect.exe (the Windows
 * collector, respond/windows/), DIR/custody.jsonl: one JSON object per
 * line with the columns of custody.db (seq, time, mono_ns, actor,
 * action, object, object_sha256, detail, prev, hash) and the same hash
 * (docs/formats/capture.md). SQLite is not available for that target,
 * so the file is read here into an in-memory database of the custody
 * table: custody_check(), `vigie respond verify` and `vigie respond
 * custody` then work on it as on custody.db. With write, a temporary
 * trigger appends each entry added (custody --add) to the file.
 *
 * The file is untrusted input: a line that is not such an object, or a
 * number repeated, is an error naming the line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define JSONL_MAX	(64 << 20)

static const char *const jl_fields[] = { "time", "actor", "action",
	"object", "object_sha256", "detail", "prev", "hash" };

int
custody_jsonl_exists(const char *dir)
{
	char		*p = xasprintf("%s/%s", dir, CAPTURE_CUSTODY_JSONL);
	struct stat	 st;
	int		 rc;

	rc = lstat(p, &st) == 0;
	free(p);
	return rc;
}

/* SQL function jsonl_append(seq, time, mono_ns, actor, action, object,
 * object_sha256, detail, prev, hash): one line at the end of the file. */
static void
jl_append(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char	*path = sqlite3_user_data(cx);
	json_t		*o;
	char		*line;
	int		 fd, i, rc;

	o = json_pack("{s:I}", "seq",
	    (json_int_t)sqlite3_value_int64(argv[0]));
	json_object_set_new(o, "time", json_string(
	    (const char *)sqlite3_value_text(argv[1])));
	json_object_set_new(o, "mono_ns", json_integer(
	    sqlite3_value_int64(argv[2])));
	for (i = 3; i < argc; i++) {
		const char *v = (const char *)sqlite3_value_text(argv[i]);
		json_object_set_new(o, jl_fields[i - 2], json_string(v ? v :
		    ""));
	}
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (line == NULL) {
		sqlite3_result_error(cx, "cannot format the entry", -1);
		return;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	rc = fd != -1 && vg_write_all(fd, line, strlen(line)) == 0 &&
	    vg_write_all(fd, "\n", 1) == 0 && fsync(fd) == 0;
	if (fd != -1)
		close(fd);
	free(line);
	if (!rc)
		sqlite3_result_error(cx, strerror(errno), -1);
	else
		sqlite3_result_null(cx);
}

/* Read one line into the table; -1 with ERR naming the line. */
static int
jl_line(sqlite3 *db, sqlite3_stmt *ins, const char *line, size_t len,
    long no, char *err)
{
	json_error_t	 je;
	json_t		*o, *v;
	size_t		 i;
	int		 rc = -1;

	if ((o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		vg_seterr(err, "%s:%ld: %s", CAPTURE_CUSTODY_JSONL, no,
		    je.text);
		return -1;
	}
	if (!json_is_object(o) || !json_is_integer(json_object_get(o,
	    "seq")) || !json_is_integer(json_object_get(o, "mono_ns"))) {
		vg_seterr(err, _("%s:%ld: not a custody entry (\"seq\", "
		    "\"mono_ns\")"), CAPTURE_CUSTODY_JSONL, no);
		goto out;
	}
	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, json_integer_value(json_object_get(o,
	    "seq")));
	sqlite3_bind_int64(ins, 3, json_integer_value(json_object_get(o,
	    "mono_ns")));
	for (i = 0; i < sizeof(jl_fields) / sizeof(jl_fields[0]); i++) {
		v = json_object_get(o, jl_fields[i]);
		if (!json_is_string(v)) {
			vg_seterr(err, _("%s:%ld: not a custody entry (\"%s\")"),
			    CAPTURE_CUSTODY_JSONL, no, jl_fields[i]);
			goto out;
		}
		sqlite3_bind_text(ins, i == 0 ? 2 : (int)i + 3,
		    json_string_value(v), (int)json_string_length(v),
		    SQLITE_TRANSIENT);
	}
	if (sqlite3_step(ins) != SQLITE_DONE) {
		vg_seterr(err, "%s:%ld: entry %lld: %s", CAPTURE_CUSTODY_JSONL,
		    no, (long long)json_integer_value(json_object_get(o,
		    "seq")), sqlite3_errcode(db) == SQLITE_CONSTRAINT ?
		    _("its number appears twice") : sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

sqlite3 *
custody_jsonl_open(const char *dir, int write, char *err)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*ins = NULL;
	char		*path, *buf = NULL, *p, *nl;
	size_t		 cap = 65536, used = 0;
	ssize_t		 n;
	long		 no = 0;
	int		 fd;

	path = xasprintf("%s/%s", dir, CAPTURE_CUSTODY_JSONL);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	buf = xmalloc(cap);
	while ((n = read(fd, buf + used, cap - used - 1)) > 0) {
		used += (size_t)n;
		if (used + 1 >= cap) {
			if (cap >= JSONL_MAX) {
				vg_seterr(err, _("%s: larger than %d MiB"), path,
				    JSONL_MAX >> 20);
				close(fd);
				goto fail;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	close(fd);
	if (n == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	buf[used] = '\0';
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE TABLE custody (seq INTEGER PRIMARY KEY,"
	    " time TEXT NOT NULL, mono_ns INTEGER NOT NULL, actor TEXT NOT "
	    "NULL, action TEXT NOT NULL, object TEXT NOT NULL, object_sha256 "
	    "TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash "
	    "TEXT NOT NULL); CREATE TABLE info (key TEXT PRIMARY KEY, value "
	    "TEXT NOT NULL); INSERT INTO info VALUES ('format', "
	    "'vigie-custody-1');", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO custody (seq, time, mono_ns, "
	    "actor, action, object, object_sha256, detail, prev, hash) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &ins, NULL) !=
	    SQLITE_OK) {
		vg_seterr(err, "%s: %s", path, db ? sqlite3_errmsg(db) :
		    "out of memory");
		goto fail;
	}
	for (p = buf; p < buf + used; p = nl + 1) {
		size_t l;

		no++;
		if ((nl = memchr(p, '\n', (size_t)(buf + used - p))) == NULL)
			nl = buf + used;
		l = (size_t)(nl - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (l == 0)
			continue;
		if (memchr(p, '\0', l) != NULL) {
			vg_seterr(err, _("%s:%ld: NUL byte"), CAPTURE_CUSTODY_JSONL,
			    no);
			goto fail;
		}
		if (jl_line(db, ins, p, l, no, err) == -1)
			goto fail;
	}
	sqlite3_finalize(ins);
	ins = NULL;
	if (write) {
		/* PATH is the function's data, freed with it (even when
		 * creating it fails). */
		int frc = sqlite3_create_function_v2(db, "jsonl_append", 10,
		    SQLITE_UTF8, path, jl_append, NULL, NULL, free);
		path = NULL;
		if (frc != SQLITE_OK) {
			vg_seterr(err, "%s: %s", CAPTURE_CUSTODY_JSONL,
			    sqlite3_errmsg(db));
			goto fail;
		}
	}
	if (write && (sqlite3_exec(db, "CREATE TEMP TRIGGER jl AFTER INSERT ON custody "
	    "BEGIN SELECT jsonl_append(NEW.seq, NEW.time, NEW.mono_ns, "
	    "NEW.actor, NEW.action, NEW.object, NEW.object_sha256, "
	    "NEW.detail, NEW.prev, NEW.hash); END;", NULL, NULL, NULL) !=
	    SQLITE_OK)) {
		vg_seterr(err, "%s: %s", CAPTURE_CUSTODY_JSONL,
		    sqlite3_errmsg(db));
		goto fail;
	}
	free(buf);
	free(path);
	return db;
fail:
	sqlite3_finalize(ins);
	sqlite3_close(db);
	free(buf);
	free(path);
	return NULL;
}
