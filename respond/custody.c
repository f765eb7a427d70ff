/*
 * custody.c — the chain of custody, DIR/custody.db: one SQLite table
 * where every action on the evidence (capture started, each step,
 * sealed, archived, handed over) is an entry with its time, actor and
 * the hash of the entry before it. An entry's hash covers all its fields
 * and its predecessor's hash, so editing, inserting or deleting an entry
 * breaks the chain. The definition of the hash is in
 * docs/formats/capture.md so that anyone can recheck it without vigie.
 *
 * `vigie respond custody` is cmd-custody.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/cmd.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define CUSTODY_FORMAT	"vigie-custody-1"
#define CUSTODY_ZERO \
	"0000000000000000000000000000000000000000000000000000000000000000"

static const char custody_schema[] =
	"CREATE TABLE custody ("
	" seq INTEGER PRIMARY KEY,"
	" time TEXT NOT NULL,"
	" mono_ns INTEGER NOT NULL,"
	" actor TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" object TEXT NOT NULL,"
	" object_sha256 TEXT NOT NULL,"
	" detail TEXT NOT NULL,"
	" prev TEXT NOT NULL,"
	" hash TEXT NOT NULL);"
	"CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT INTO info VALUES ('format', '" CUSTODY_FORMAT "');";

static void
db_err(sqlite3 *db, char *err, const char *path, const char *what)
{
	vg_seterr(err, "%s: %s: %s", path, what, db != NULL ?
	    sqlite3_errmsg(db) : "out of memory");
}

sqlite3 *
custody_open(const char *dir, int create, int write, char *err)
{
	sqlite3	*db = NULL;
	char	*path, *uri = NULL;
	int	 fd, flags;

	path = xasprintf("%s/%s", dir, CAPTURE_CUSTODY);
	if (create) {
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600)) == -1) {
			vg_seterr(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
		close(fd);
		write = 1;
	} else if (access(path, F_OK) == -1) {
		if (errno == ENOENT && custody_jsonl_exists(dir)) {
			free(path);
			return custody_jsonl_open(dir, write, err);
		}
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	flags = write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOFOLLOW, NULL) !=
	    SQLITE_OK) {
		db_err(db, err, path, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(db, 5000);
	if (create && sqlite3_exec(db, custody_schema, NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_err(db, err, path, "cannot create the custody table");
		goto fail;
	}
	free(uri);
	free(path);
	return db;
fail:
	sqlite3_close(db);
	free(uri);
	free(path);
	return NULL;
}

/* The canonical form: a tag line, then each field as "LEN:BYTES\n". */
static void
field(struct vg_hash *h, const char *s)
{
	char	len[32];

	if (s == NULL)
		s = "";
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	vg_hash_update(h, len, strlen(len));
	vg_hash_update(h, s, strlen(s));
	vg_hash_update(h, "\n", 1);
}

void
custody_entry_hash(const struct custody_entry *e, char hex[65])
{
	struct vg_hash	*h;
	char		 num[32];

	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, CUSTODY_FORMAT "\n", strlen(CUSTODY_FORMAT) + 1);
	snprintf(num, sizeof(num), "%lld", (long long)e->seq);
	field(h, num);
	field(h, e->time);
	snprintf(num, sizeof(num), "%lld", (long long)e->mono_ns);
	field(h, num);
	field(h, e->actor);
	field(h, e->action);
	field(h, e->object);
	field(h, e->object_sha256);
	field(h, e->detail);
	field(h, e->prev);
	vg_hash_final(h, hex);
}

int
custody_add(sqlite3 *db, const char *actor, const char *action,
    const char *object, const char *object_sha256, const char *detail,
    char *hash, char *err)
{
	struct custody_entry e;
	struct timespec	 ts;
	sqlite3_stmt	*st = NULL;
	char		 now[32];
	int		 rc = -1;

	memset(&e, 0, sizeof(e));
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_err(db, err, CAPTURE_CUSTODY, "cannot start a transaction");
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM custody "
	    "ORDER BY seq DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	e.seq = 1;
	memcpy(e.prev, CUSTODY_ZERO, 65);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		e.seq = sqlite3_column_int64(st, 0) + 1;
		snprintf(e.prev, sizeof(e.prev), "%s",
		    (const char *)sqlite3_column_text(st, 1) ?
		    (const char *)sqlite3_column_text(st, 1) : "");
		break;
	case SQLITE_DONE:
		break;
	default:
		goto dberr;
	}
	sqlite3_finalize(st);
	st = NULL;
	vg_time_iso(time(NULL), now);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	e.time = now;
	e.mono_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	e.actor = (char *)(actor ? actor : "");
	e.action = (char *)(action ? action : "");
	e.object = (char *)(object ? object : "");
	e.object_sha256 = (char *)(object_sha256 ? object_sha256 : "");
	e.detail = (char *)(detail ? detail : "");
	custody_entry_hash(&e, e.hash);
	if (sqlite3_prepare_v2(db, "INSERT INTO custody (seq, time, mono_ns,"
	    " actor, action, object, object_sha256, detail, prev, hash) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &st,
	    NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_int64(st, 1, e.seq);
	sqlite3_bind_text(st, 2, e.time, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, e.mono_ns);
	sqlite3_bind_text(st, 4, e.actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e.action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e.object, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e.object_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e.detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, e.prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, e.hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto dberr;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	if (hash != NULL)
		memcpy(hash, e.hash, 65);
	return 0;
dberr:
	db_err(db, err, CAPTURE_CUSTODY, "cannot add an entry");
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- checking the chain --------------------------------------------- */

void
custody_entries_free(struct custody_entry *e, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(e[i].time);
		free(e[i].actor);
		free(e[i].action);
		free(e[i].object);
		free(e[i].object_sha256);
		free(e[i].detail);
	}
	free(e);
}

void
custody_problems_free(struct custody_problem *p, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

static void
problem(struct custody_problem **p, int *n, int64_t seq, char *text)
{
	*p = xreallocarray(*p, *n + 1, sizeof(**p));
	(*p)[*n].seq = seq;
	(*p)[*n].text = text;
	(*n)++;
}

int
custody_check(sqlite3 *db, struct custody_entry **entries, int *nentries,
    struct custody_problem **problems, int *nproblems, char *err)
{
	struct custody_entry *e = NULL, *c;
	sqlite3_stmt	*st = NULL;
	char		 hex[65];
	int		 n = 0, i, rc;

	*problems = NULL;
	*nproblems = 0;
	/* A missing (NULL) text reads as "" in a tampered log. */
	if (sqlite3_prepare_v2(db, "SELECT seq, coalesce(time, ''), mono_ns, "
	    "coalesce(actor, ''), coalesce(action, ''), coalesce(object, ''), "
	    "coalesce(object_sha256, ''), coalesce(detail, ''), "
	    "coalesce(prev, ''), coalesce(hash, '') FROM custody "
	    "ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
		db_err(db, err, CAPTURE_CUSTODY, "cannot read the log");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = xreallocarray(e, n + 1, sizeof(*e));
		c = &e[n++];
		memset(c, 0, sizeof(*c));
		c->seq = sqlite3_column_int64(st, 0);
		c->time = xstrdup(vg_store_col(st, 1));
		c->mono_ns = sqlite3_column_int64(st, 2);
		c->actor = xstrdup(vg_store_col(st, 3));
		c->action = xstrdup(vg_store_col(st, 4));
		c->object = xstrdup(vg_store_col(st, 5));
		c->object_sha256 = xstrdup(vg_store_col(st, 6));
		c->detail = xstrdup(vg_store_col(st, 7));
		snprintf(c->prev, sizeof(c->prev), "%s", vg_store_col(st, 8));
		snprintf(c->hash, sizeof(c->hash), "%s", vg_store_col(st, 9));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_err(db, err, CAPTURE_CUSTODY, "cannot read the log");
		custody_entries_free(e, n);
		return -1;
	}
	if (n == 0)
		problem(problems, nproblems, 0, xstrdup(_("the custody log "
		    "is empty")));
	for (i = 0; i < n; i++) {
		c = &e[i];
		custody_entry_hash(c, hex);
		if (strcmp(hex, c->hash) != 0)
			problem(problems, nproblems, c->seq, xasprintf(
			    _("custody entry %lld was changed after it was "
			    "written (its content no longer matches its "
			    "hash)"), (long long)c->seq));
		if (i == 0) {
			if (c->seq != 1)
				problem(problems, nproblems, c->seq, xasprintf(
				    vg_ngettext("custody entry %lld is missing",
				    "custody entries 1 to %lld are missing",
				    (unsigned long)(c->seq - 1)),
				    (long long)c->seq - 1));
			else if (strcmp(c->prev, CUSTODY_ZERO) != 0)
				problem(problems, nproblems, c->seq, xasprintf(
				    _("custody entry 1 does not start the "
				    "chain")));
			continue;
		}
		if (c->seq == e[i - 1].seq + 2)
			problem(problems, nproblems, c->seq, xasprintf(
			    _("custody entry %lld is missing (deleted)"),
			    (long long)c->seq - 1));
		else if (c->seq != e[i - 1].seq + 1)
			problem(problems, nproblems, c->seq, xasprintf(
			    _("custody entries %lld to %lld are missing "
			    "(deleted)"), (long long)e[i - 1].seq + 1,
			    (long long)c->seq - 1));
		else if (strcmp(c->prev, e[i - 1].hash) != 0)
			problem(problems, nproblems, c->seq, xasprintf(
			    _("custody entry %lld does not follow entry %lld "
			    "(an entry was deleted, inserted or replaced "
			    "before it)"), (long long)c->seq,
			    (long long)e[i - 1].seq));
	}
	if (entries != NULL) {
		*entries = e;
		*nentries = n;
	} else
		custody_entries_free(e, n);
	return 0;
}
