/*
 * scancache.c — the rescan cache: the entries of this host are loaded
 * into a hash table keyed by (device, inode, path) when the scan starts
 * (the path is empty unless the rules read it), read by the walker
 * without locks, and new states are queued, then written back by the
 * thread that writes results, inside its own batch transaction.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "vigie/base.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "scancache.h"

#define SCANCACHE_KEEP_DAYS	"90"	/* rows older than this are dropped */

struct scancache_put {
	uint64_t	 dev, ino;
	char		*path;
	size_t		 pathlen;
	int64_t		 size, mtime_ns, ctime_ns;
	char		*sha256, *sha1, *md5, *matches;
};

struct scancache {
	struct vg_store		 *store;
	char			  host[256];
	struct scancache_entry	**slots;
	size_t			  cap, n;
	struct scancache_ruleset *rulesets;
	int			  nrulesets;
	int64_t			  current;	/* ruleset id of this scan */
	struct scancache_put	 *puts;
	size_t			  nputs;
};

static int64_t
scancache_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static size_t
scancache_hash(uint64_t dev, uint64_t ino, const char *path, size_t len)
{
	uint64_t h = ino * 0x9e3779b97f4a7c15ull ^ dev * 0xc2b2ae3d27d4eb4full;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)path[i]) * 1099511628211ull;
	return (size_t)(h ^ (h >> 31));
}

static void
scancache_insert(struct scancache *c, struct scancache_entry *e)
{
	struct scancache_entry **old;
	size_t oldcap, i, j;

	if (c->n * 2 >= c->cap) {
		old = c->slots;
		oldcap = c->cap;
		c->cap = oldcap ? oldcap * 2 : 1024;
		c->slots = xcalloc(c->cap, sizeof(*c->slots));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = scancache_hash(old[i]->dev, old[i]->ino,
			    old[i]->path, old[i]->pathlen) & (c->cap - 1);
			while (c->slots[j] != NULL)
				j = (j + 1) & (c->cap - 1);
			c->slots[j] = old[i];
		}
		free(old);
	}
	j = scancache_hash(e->dev, e->ino, e->path, e->pathlen) &
	    (c->cap - 1);
	while (c->slots[j] != NULL)
		j = (j + 1) & (c->cap - 1);
	c->slots[j] = e;
	c->n++;
}

static int
scancache_load_rulesets(struct scancache *c, char *err)
{
	struct scancache_ruleset *r;
	sqlite3_stmt *st;
	json_t *units, *v;
	const char *k, *txt;
	int rc;

	st = vg_store_prepare(c->store,
	    "SELECT id, mode, units FROM scan_ruleset", err);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->rulesets = xreallocarray(c->rulesets, c->nrulesets + 1,
		    sizeof(*c->rulesets));
		r = &c->rulesets[c->nrulesets++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->mode = vg_strdup_null(vg_store_col(st, 1));
		txt = (const char *)sqlite3_column_text(st, 2);
		units = txt ? json_loads(txt, 0, NULL) : NULL;
		if (json_is_object(units)) {
			r->ns = xcalloc(json_object_size(units) + 1,
			    sizeof(char *));
			r->digest = xcalloc(json_object_size(units) + 1,
			    sizeof(char *));
			json_object_foreach(units, k, v) {
				if (!json_is_string(v))
					continue;
				r->ns[r->nunits] = xstrdup(k);
				r->digest[r->nunits] =
				    xstrdup(json_string_value(v));
				r->nunits++;
			}
		}
		json_decref(units);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(c->store, err, "scan_ruleset");
		return -1;
	}
	return 0;
}

struct scancache *
scancache_open(struct vg_store *store, char *err)
{
	struct scancache *c;
	struct scancache_entry *e;
	sqlite3_stmt *st;
	int rc;

	c = xcalloc(1, sizeof(*c));
	c->store = store;
	if (gethostname(c->host, sizeof(c->host) - 1) == -1)
		snprintf(c->host, sizeof(c->host), "localhost");
	/* Rows not written for SCANCACHE_KEEP_DAYS go (the files of the
	 * rows of deleted files are never seen again; a file still there
	 * is only read once more), and so do rule sets no row uses. */
	if (vg_store_exec(store, err, "DELETE FROM scan_cache WHERE host = ?1 "
	    "AND scanned < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-"
	    SCANCACHE_KEEP_DAYS " days')", c->host, (char *)NULL) == -1 ||
	    vg_store_exec(store, err, "DELETE FROM scan_ruleset WHERE id NOT "
	    "IN (SELECT ruleset FROM scan_cache)", (char *)NULL) == -1)
		goto fail;
	if (scancache_load_rulesets(c, err) == -1)
		goto fail;
	/* A first scan writes a row per file: SQLite's page cache would
	 * grow to its default 2 MB, a tenth of the scan's memory beyond
	 * the yara CLI's (issue 4); 512 KB costs nothing measurable. */
	if (vg_store_exec(store, err, "PRAGMA cache_size = -512",
	    (char *)NULL) == -1)
		goto fail;
	st = vg_store_prepare(store, "SELECT dev, ino, size, mtime_ns, "
	    "ctime_ns, ruleset, sha256, sha1, md5, matches, path FROM "
	    "scan_cache WHERE host = ?1", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, c->host, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = xcalloc(1, sizeof(*e));
		e->dev = (uint64_t)sqlite3_column_int64(st, 0);
		e->ino = (uint64_t)sqlite3_column_int64(st, 1);
		e->size = sqlite3_column_int64(st, 2);
		e->mtime_ns = sqlite3_column_int64(st, 3);
		e->ctime_ns = sqlite3_column_int64(st, 4);
		e->ruleset = sqlite3_column_int64(st, 5);
		e->sha256 = vg_strdup_null(vg_store_col(st, 6));
		e->sha1 = vg_strdup_null(vg_store_col(st, 7));
		e->md5 = vg_strdup_null(vg_store_col(st, 8));
		e->matches = vg_strdup_null(vg_store_col(st, 9));
		if ((e->pathlen = (size_t)sqlite3_column_bytes(st, 10)) > 0) {
			e->path = xmalloc(e->pathlen);
			memcpy(e->path, sqlite3_column_blob(st, 10),
			    e->pathlen);
		}
		scancache_insert(c, e);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(store, err, "scan_cache");
		goto fail;
	}
	return c;
fail:
	scancache_free(c);
	return NULL;
}

static void
scancache_put_free(struct scancache_put *p)
{
	free(p->path);
	free(p->sha256);
	free(p->sha1);
	free(p->md5);
	free(p->matches);
}

void
scancache_free(struct scancache *c)
{
	size_t i;
	int r, u;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++) {
		if (c->slots[i] == NULL)
			continue;
		free(c->slots[i]->sha256);
		free(c->slots[i]->sha1);
		free(c->slots[i]->md5);
		free(c->slots[i]->matches);
		free(c->slots[i]->path);
		free(c->slots[i]);
	}
	free(c->slots);
	for (r = 0; r < c->nrulesets; r++) {
		for (u = 0; u < c->rulesets[r].nunits; u++) {
			free(c->rulesets[r].ns[u]);
			free(c->rulesets[r].digest[u]);
		}
		free(c->rulesets[r].ns);
		free(c->rulesets[r].digest);
		free(c->rulesets[r].mode);
	}
	free(c->rulesets);
	for (i = 0; i < c->nputs; i++)
		scancache_put_free(&c->puts[i]);
	free(c->puts);
	free(c);
}

const struct scancache_entry *
scancache_get(const struct scancache *c, const struct stat *st,
    const char *path)
{
	const struct scancache_entry *e;
	size_t j, len = path != NULL ? strlen(path) : 0;

	if (c == NULL || c->cap == 0)
		return NULL;
	j = scancache_hash(st->st_dev, st->st_ino, path, len) & (c->cap - 1);
	while ((e = c->slots[j]) != NULL) {
		if (e->dev == (uint64_t)st->st_dev &&
		    e->ino == (uint64_t)st->st_ino && e->pathlen == len &&
		    (len == 0 || memcmp(e->path, path, len) == 0)) {
			if (e->size == (int64_t)st->st_size &&
			    e->mtime_ns == scancache_ns(&st->st_mtim) &&
			    e->ctime_ns == scancache_ns(&st->st_ctim))
				return e;
			return NULL;
		}
		j = (j + 1) & (c->cap - 1);
	}
	return NULL;
}

int
scancache_nrulesets(const struct scancache *c)
{
	return c != NULL ? c->nrulesets : 0;
}

const struct scancache_ruleset *
scancache_ruleset(const struct scancache *c, int i)
{
	return &c->rulesets[i];
}

int
scancache_set_ruleset(struct scancache *c, const char *digest,
    const char *mode, int nunits, const char *const *ns,
    const char *const *digests, char *err)
{
	sqlite3_stmt *st = NULL;
	json_t *units;
	char *txt = NULL;
	int i, rc = -1;

	units = json_object();
	for (i = 0; i < nunits; i++)
		json_object_set_new(units, ns[i], json_string(digests[i]));
	txt = json_dumps(units, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(units);
	if (vg_store_begin(c->store, err) == -1)
		goto out;
	st = vg_store_prepare(c->store, "INSERT OR IGNORE INTO scan_ruleset "
	    "(digest, mode, units) VALUES (?1, ?2, ?3)", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, txt, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		vg_store_seterr(c->store, err, "scan_ruleset");
		goto fail;
	}
	sqlite3_finalize(st);
	st = vg_store_prepare(c->store, "SELECT id FROM scan_ruleset WHERE "
	    "digest = ?1 AND mode = ?2", err);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mode, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		vg_store_seterr(c->store, err, "scan_ruleset");
		goto fail;
	}
	c->current = sqlite3_column_int64(st, 0);
	if (vg_store_commit(c->store, err) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	vg_store_rollback(c->store);
out:
	sqlite3_finalize(st);
	free(txt);
	return rc;
}

void
scancache_put(struct scancache *c, const struct stat *sb, const char *path,
    const char *sha256, const char *sha1, const char *md5,
    const char *matches)
{
	struct scancache_put *p;

	if (c == NULL || c->current == 0)
		return;
	c->puts = xreallocarray(c->puts, c->nputs + 1, sizeof(*c->puts));
	p = &c->puts[c->nputs++];
	p->dev = sb->st_dev;
	p->ino = sb->st_ino;
	p->pathlen = path != NULL ? strlen(path) : 0;
	p->path = p->pathlen > 0 ? xstrdup(path) : NULL;
	p->size = sb->st_size;
	p->mtime_ns = scancache_ns(&sb->st_mtim);
	p->ctime_ns = scancache_ns(&sb->st_ctim);
	p->sha256 = sha256 ? xstrdup(sha256) : NULL;
	p->sha1 = sha1 ? xstrdup(sha1) : NULL;
	p->md5 = md5 ? xstrdup(md5) : NULL;
	p->matches = matches ? xstrdup(matches) : NULL;
}

size_t
scancache_pending(const struct scancache *c)
{
	return c != NULL ? c->nputs : 0;
}

int
scancache_write(struct scancache *c, char *err)
{
	sqlite3_stmt *st = NULL;
	struct scancache_put *p;
	size_t i;
	int rc = -1;

	if (c == NULL || c->nputs == 0)
		return 0;
	if (sqlite3_get_autocommit(vg_store_db(c->store))) {
		vg_seterr(err, "%s: %s", vg_store_path(c->store),
		    "scan_cache: written outside the scan's transaction");
		goto out;
	}
	st = vg_store_prepare(c->store, "INSERT OR REPLACE INTO scan_cache "
	    "(host, dev, ino, path, size, mtime_ns, ctime_ns, ruleset, "
	    "sha256, sha1, md5, matches, scanned) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ','now'))", err);
	if (st == NULL)
		goto out;
	for (i = 0; i < c->nputs; i++) {
		p = &c->puts[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, c->host, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)p->dev);
		sqlite3_bind_int64(st, 3, (int64_t)p->ino);
		sqlite3_bind_blob(st, 4, p->path != NULL ? p->path : "",
		    (int)p->pathlen, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, p->size);
		sqlite3_bind_int64(st, 6, p->mtime_ns);
		sqlite3_bind_int64(st, 7, p->ctime_ns);
		sqlite3_bind_int64(st, 8, c->current);
		vg_store_bind_text(st, 9, p->sha256);
		vg_store_bind_text(st, 10, p->sha1);
		vg_store_bind_text(st, 11, p->md5);
		vg_store_bind_text(st, 12, p->matches);
		if (sqlite3_step(st) != SQLITE_DONE) {
			vg_store_seterr(c->store, err, "scan_cache");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	for (i = 0; i < c->nputs; i++)
		scancache_put_free(&c->puts[i]);
	c->nputs = 0;
	return rc;
}

/* ---- Schema ------------------------------------------------------- */

/*
 * The rescan cache. 2: a rule set is recorded once with its units
 * (namespace -> digest) so a rescan after new rules scans with those
 * only. 6 (issue 21): the cache is keyed by the path too when the rules
 * read it (filename, filepath, extension); the old rows could be shared
 * by hard links or stale after a folder was renamed, so they go.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step scancache_schema_steps[] = {
	{ 2,
	    "CREATE TABLE scan_ruleset ("
	    "  id INTEGER PRIMARY KEY,"
	    "  digest TEXT NOT NULL,"
	    "  mode TEXT NOT NULL,"
	    "  units TEXT NOT NULL,"
	    "  UNIQUE (digest, mode));"
	    "CREATE TABLE scan_cache ("
	    "  host TEXT NOT NULL,"
	    "  dev INTEGER NOT NULL,"
	    "  ino INTEGER NOT NULL,"
	    "  size INTEGER NOT NULL,"
	    "  mtime_ns INTEGER NOT NULL,"
	    "  ctime_ns INTEGER NOT NULL,"
	    "  ruleset INTEGER NOT NULL REFERENCES scan_ruleset(id),"
	    "  sha256 TEXT,"
	    "  sha1 TEXT,"
	    "  md5 TEXT,"
	    "  matches TEXT,"
	    "  scanned TEXT NOT NULL,"
	    "  PRIMARY KEY (host, dev, ino));" },
	{ 6,
	    "DROP TABLE scan_cache;"
	    "DELETE FROM scan_ruleset;"
	    "CREATE TABLE scan_cache ("
	    "  host TEXT NOT NULL,"
	    "  dev INTEGER NOT NULL,"
	    "  ino INTEGER NOT NULL,"
	    "  path BLOB NOT NULL DEFAULT x'',"
	    "  size INTEGER NOT NULL,"
	    "  mtime_ns INTEGER NOT NULL,"
	    "  ctime_ns INTEGER NOT NULL,"
	    "  ruleset INTEGER NOT NULL REFERENCES scan_ruleset(id),"
	    "  sha256 TEXT,"
	    "  sha1 TEXT,"
	    "  md5 TEXT,"
	    "  matches TEXT,"
	    "  scanned TEXT NOT NULL,"
	    "  PRIMARY KEY (host, dev, ino, path));" },
	{ 0, NULL }
};
const struct vg_schema scancache_schema = {
	"scan", scancache_schema_steps
};
