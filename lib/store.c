/*
 * store.c — the per-user SQLite database: where it lives, how it is
 * opened (0600, WAL, foreign keys, busy timeout), forward-only migrations
 * and transactions. The tables are defined by the modules that own them,
 * applied in the order of vg_store_schemas[] (modules.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/store.h"
#include "vigie/util.h"

struct vg_store {
	sqlite3	*db;
	char	*path;
};

sqlite3 *
vg_store_db(struct vg_store *s)
{
	return s->db;
}

const char *
vg_store_path(struct vg_store *s)
{
	return s->path;
}

/*
 * The latest version the modules' schemas reach. A version without a
 * step is a hole in the list: an impossible state.
 */
int
vg_store_schema_version(void)
{
	const struct vg_schema *const *m;
	const struct vg_schema_step *st;
	int v, found, latest = 0;

	for (m = vg_store_schemas; *m != NULL; m++)
		for (st = (*m)->steps; st->version > 0; st++)
			if (st->version > latest)
				latest = st->version;
	for (v = 1; v <= latest; v++) {
		found = 0;
		for (m = vg_store_schemas; *m != NULL && !found; m++)
			for (st = (*m)->steps; st->version > 0; st++)
				if (st->version == v)
					found = 1;
		if (!found)
			fatal("store schema: version %d has no step", v);
	}
	return latest;
}


void
vg_store_seterr(struct vg_store *s, char *err, const char *what)
{
	vg_seterr(err, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

/* Where the store is when nobody says: --db, VIGIE_DB, XDG. */
static char *
store_default_path(char *err)
{
	const char *env;
	char *dir, *path;

	if (vg_g.db != NULL)
		return xstrdup(vg_g.db);
	if ((env = getenv("VIGIE_DB")) != NULL && *env != '\0')
		return xstrdup(env);
	dir = vg_user_dir();
	if (vg_mkdir_p(dir, 0700, err) == -1) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/vigie.db", dir);
	free(dir);
	return path;
}

/* Run SQL that returns no rows and takes no parameters (pragmas, DDL). */
static int
store_exec_raw(struct vg_store *s, const char *sql, char *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		vg_seterr(err, "%s: %s", s->path,
		    msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Apply the steps of version V, in the order of vg_store_schemas[]. */
static int
store_apply(struct vg_store *s, int v, char *err)
{
	const struct vg_schema *const *m;
	const struct vg_schema_step *st;
	char inner[VG_ERRLEN];

	for (m = vg_store_schemas; *m != NULL; m++)
		for (st = (*m)->steps; st->version > 0; st++) {
			if (st->version != v)
				continue;
			if (store_exec_raw(s, st->sql, err) == -1) {
				snprintf(inner, sizeof inner, "%s", err);
				vg_seterr(err, "migration %d (%s) failed: %s",
				    v, (*m)->module, inner);
				return -1;
			}
		}
	return 0;
}

static int
store_user_version(struct vg_store *s, int *v, char *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = vg_store_prepare(s, "PRAGMA user_version", err)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		vg_store_seterr(s, err, "cannot read the schema version");
		sqlite3_finalize(st);
		return -1;
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/*
 * Apply the missing migrations, one transaction each. The version is
 * read inside the (IMMEDIATE, so exclusive for writers) transaction:
 * two processes opening a new store at once do not both migrate it.
 */
static int
store_migrate(struct vg_store *s, char *err)
{
	char pragma[64];
	int v, latest = vg_store_schema_version();

	for (;;) {
		if (vg_store_begin(s, err) == -1)
			return -1;
		if (store_user_version(s, &v, err) == -1)
			goto fail;
		if (v > latest) {
			vg_seterr(err, "%s: made by a newer vigie (schema "
			    "version %d; this one knows up to %d)", s->path, v,
			    latest);
			goto fail;
		}
		if (v == latest)
			return vg_store_commit(s, err);
		if (store_apply(s, v + 1, err) == -1)
			goto fail;
		/* PRAGMA takes no bound parameters; v is our own integer. */
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    v + 1);
		if (store_exec_raw(s, pragma, err) == -1 ||
		    vg_store_commit(s, err) == -1)
			goto fail;
	}
fail:
	vg_store_rollback(s);
	return -1;
}

int
vg_store_open_existing(struct vg_store **out, char *err)
{
	const char *env;
	char *dir, *path;
	int rc;

	*out = NULL;
	if (vg_g.db != NULL)
		path = xstrdup(vg_g.db);
	else if ((env = getenv("VIGIE_DB")) != NULL && *env != '\0')
		path = xstrdup(env);
	else {
		dir = vg_user_dir();
		path = xasprintf("%s/vigie.db", dir);
		free(dir);
	}
	if (access(path, F_OK) == -1) {
		free(path);
		return 1;
	}
	rc = vg_store_open(path, out, err);
	free(path);
	return rc;
}

int
vg_store_open(const char *path, struct vg_store **out, char *err)
{
	struct vg_store *s;
	struct stat st;
	int fd;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->path = path ? xstrdup(path) : store_default_path(err);
	if (s->path == NULL)
		goto fail;

	/* Create the file ourselves so it is 0600 from its first byte;
	 * SQLite gives its -wal and -shm files the same mode. */
	if (stat(s->path, &st) == -1) {
		fd = open(s->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST) {
			vg_seterr(err, "%s: cannot create the database: %s",
			    s->path, strerror(errno));
			goto fail;
		}
		if (fd != -1)
			close(fd);
	} else if (!S_ISREG(st.st_mode)) {
		vg_seterr(err, "%s: not a regular file", s->path);
		goto fail;
	}

	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		vg_seterr(err, "%s: cannot open the database: %s", s->path,
		    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (store_exec_raw(s, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;", err) == -1)
		goto fail;
	if (store_exec_raw(s, "SELECT count(*) FROM sqlite_master", err) == -1)
		goto fail;
	if (store_migrate(s, err) == -1)
		goto fail;
	/* Runs left 'running' by a killed vigie become 'interrupted'. */
	vg_runs_sweep(s);
	*out = s;
	return 0;
fail:
	vg_store_close(s);
	return -1;
}

void
vg_store_close(struct vg_store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

int
vg_store_begin(struct vg_store *s, char *err)
{
	return store_exec_raw(s, "BEGIN IMMEDIATE", err);
}

int
vg_store_commit(struct vg_store *s, char *err)
{
	return store_exec_raw(s, "COMMIT", err);
}

void
vg_store_rollback(struct vg_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void
vg_store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text != NULL)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *
vg_store_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

sqlite3_stmt *
vg_store_prepare(struct vg_store *s, const char *sql, char *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		vg_store_seterr(s, err, "cannot prepare a statement");
		return NULL;
	}
	return st;
}

int
vg_store_exec(struct vg_store *s, char *err, const char *sql, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	const char *arg;
	int i = 1, rc;

	if ((st = vg_store_prepare(s, sql, err)) == NULL)
		return -1;
	va_start(ap, sql);
	while ((arg = va_arg(ap, const char *)) != NULL)
		sqlite3_bind_text(st, i++, arg, -1, SQLITE_TRANSIENT);
	va_end(ap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot write");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
