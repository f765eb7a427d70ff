/*
 * scancache.h — the rescan cache of `vigie scan files` (internal to
 * scan/): per host, what each file (device, inode, and its path when
 * the rules read the path) looked like when it was last scanned (size,
 * mtime, ctime), with which rules, its digests and its YARA matches. Kept in the store (tables scan_cache and
 * scan_ruleset, whose schema is scancache_schema in scancache.c).
 */
#ifndef VIGIE_SCAN_SCANCACHE_H
#define VIGIE_SCAN_SCANCACHE_H

#include <sys/stat.h>
#include <stdint.h>

#include "vigie/store.h"

struct scancache_entry {
	uint64_t	 dev, ino;
	char		*path;		/* key part, or NULL (not used) */
	size_t		 pathlen;
	int64_t		 size, mtime_ns, ctime_ns;
	int64_t		 ruleset;	/* scan_ruleset.id */
	char		*sha256, *sha1, *md5;	/* hex or NULL */
	char		*matches;	/* JSON [["ns","rule"],...] or NULL */
};

/* A rule set as recorded: its mode and its units (namespace, digest). */
struct scancache_ruleset {
	int64_t		 id;
	char		*mode;
	int		 nunits;
	char	       **ns;
	char	       **digest;
};

struct scancache;

/*
 * Load the entries of this host from STORE into memory (the store stays
 * the caller's and must outlive the cache). Returns NULL with err set on
 * a store error.
 */
struct scancache *scancache_open(struct vg_store *, char *err);
void		  scancache_free(struct scancache *);

/* The entry for the file of ST (at PATH when the rules read the path,
 * else PATH is NULL) if it is unchanged since, or NULL. Read-only: safe
 * from any thread while puts are queued and written. */
const struct scancache_entry *scancache_get(const struct scancache *,
		    const struct stat *, const char *path);

/* Recorded rule sets, for deciding what a rescan needs. */
int		  scancache_nrulesets(const struct scancache *);
const struct scancache_ruleset *scancache_ruleset(const struct scancache *,
		    int i);

/*
 * The id of the current rule set (recorded if new): DIGEST names it,
 * MODE the scan flags that change results, NS/DIGESTS its NUNITS units.
 */
int		  scancache_set_ruleset(struct scancache *, const char *digest,
		    const char *mode, int nunits, const char *const *ns,
		    const char *const *digests, char *err);

/*
 * Queue FILE's new state (PATH as for scancache_get; the strings are
 * copied). Nothing is written here: the one writer of the scan (the
 * reporting thread) writes the queue with scancache_write() inside the
 * transaction it has open, with the findings of the same batch, so
 * there is never a second transaction on the connection.
 */
void		  scancache_put(struct scancache *, const struct stat *,
		    const char *path, const char *sha256, const char *sha1,
		    const char *md5, const char *matches);
/* Rows queued and not written yet. */
size_t		  scancache_pending(const struct scancache *);
/* Write the queue; the caller's transaction must be open (-1 with err
 * otherwise, or on a store error; the queue is emptied either way). */
int		  scancache_write(struct scancache *, char *err);

#endif
