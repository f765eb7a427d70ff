/*
 * walk.c — the directory walker of `vigie scan files`.
 *
 * Depth first, entries of each folder sorted by name (byte order) so a
 * scan of an unchanged tree always reports in the same order. Every
 * system call is relative to an open folder (openat, fstatat), so paths
 * longer than PATH_MAX work; the full path is only built for display.
 * One fstatat per entry (the yara CLI does lstat then stat); symbolic
 * links, FIFOs, sockets and devices are skipped from d_type without a
 * stat. Loops through symbolic links are cut by remembering every folder
 * entered (device, inode) when links are followed, and the folders on
 * the current path otherwise (bind mounts).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "walk.h"

/* File system magics that hold no user files (linux/magic.h). */
static const unsigned long walk_pseudo[] = {
	0x9fa0,		/* proc */
	0x62656572,	/* sysfs */
	0x1cd1,		/* devpts */
	0x27e0eb,	/* cgroup */
	0x63677270,	/* cgroup2 */
	0x64626720,	/* debugfs */
	0x74726163,	/* tracefs */
	0x73636673,	/* securityfs */
	0xcafe4a11,	/* bpf */
	0x62656570,	/* configfs */
	0x65735543,	/* fusectl */
	0x6165676c,	/* pstore */
	0x42494e4d,	/* binfmt_misc */
	0x67596969,	/* rpc_pipefs */
	0xde5e81e4,	/* efivarfs */
};

struct walk_dirid {
	dev_t	dev;
	ino_t	ino;
};

struct walk {
	const struct walk_opts	*o;
	char			*path;		/* current path, grown */
	size_t			 pathcap;
	struct walk_dirid	*stack;		/* folders on the path */
	int			 depth;
	struct walk_dirid	*seen;		/* hash set when following */
	size_t			 seencap, nseen;
	dev_t			 rootdev;
	dev_t			 lastdev;	/* last device checked for */
	int			 lastpseudo;	/* pseudo file systems */
	int			 stopped;
};

struct walk_name {
	char		*name;
	unsigned char	 type;
};

static int	walk_dir(struct walk *, int dfd, size_t pathlen);

static int
walk_emit(struct walk *w, struct walk_entry *e)
{
	if (w->stopped)
		return -1;
	if (w->o->stop != NULL && *w->o->stop) {
		w->stopped = 1;
		return -1;
	}
	if (w->o->cb(w->o->arg, e) == -1) {
		w->stopped = 1;
		return -1;
	}
	return 0;
}

static int
walk_error(struct walk *w, int dfd, const char *name, int err,
    const char *what)
{
	struct walk_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = WALK_ERROR;
	e.err = err;
	e.what = what;
	e.dirfd = dfd;
	e.name = name;
	e.path = w->path;
	e.root = w->depth == 0 && strcmp(w->path, name) == 0;
	return walk_emit(w, &e);
}

static int
walk_skip(struct walk *w, int dfd, const char *name,
    enum walk_reason reason, const struct stat *st)
{
	struct walk_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = WALK_SKIP;
	e.reason = reason;
	e.dirfd = dfd;
	e.name = name;
	e.path = w->path;
	if (st != NULL)
		e.st = *st;
	return walk_emit(w, &e);
}

/* Append "/NAME" (or NAME at the start) to the current path. */
static size_t
walk_push(struct walk *w, size_t len, const char *name)
{
	size_t n = strlen(name), need;
	int slash = len > 0 && w->path[len - 1] != '/';

	need = len + slash + n + 1;
	if (need > w->pathcap) {
		w->pathcap = need * 2;
		w->path = xreallocarray(w->path, w->pathcap, 1);
	}
	if (slash)
		w->path[len++] = '/';
	memcpy(w->path + len, name, n + 1);
	return len + n;
}

int
walk_excluded(const struct walk_opts *o, const char *name, const char *path)
{
	int i;

	for (i = 0; i < o->nexcludes; i++) {
		if (strchr(o->excludes[i], '/') != NULL) {
			if (fnmatch(o->excludes[i], path, 0) == 0)
				return 1;
		} else if (fnmatch(o->excludes[i], name, FNM_PERIOD) == 0)
			return 1;
	}
	return 0;
}

static size_t
walk_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15ull ^ (uint64_t)dev;

	return (size_t)(h ^ (h >> 29));
}

/* Add (DEV, INO) to the seen set; returns 1 if it was there already. */
static int
walk_seen(struct walk *w, dev_t dev, ino_t ino)
{
	struct walk_dirid *old;
	size_t i, j, oldcap;

	if (w->nseen * 2 >= w->seencap) {
		old = w->seen;
		oldcap = w->seencap;
		w->seencap = oldcap ? oldcap * 2 : 256;
		w->seen = xcalloc(w->seencap, sizeof(*w->seen));
		w->nseen = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].ino == 0)
				continue;
			j = walk_hash(old[i].dev, old[i].ino) &
			    (w->seencap - 1);
			while (w->seen[j].ino != 0)
				j = (j + 1) & (w->seencap - 1);
			w->seen[j] = old[i];
			w->nseen++;
		}
		free(old);
	}
	j = walk_hash(dev, ino) & (w->seencap - 1);
	while (w->seen[j].ino != 0) {
		if (w->seen[j].ino == ino && w->seen[j].dev == dev)
			return 1;
		j = (j + 1) & (w->seencap - 1);
	}
	w->seen[j].dev = dev;
	w->seen[j].ino = ino == 0 ? 1 : ino;
	w->nseen++;
	return 0;
}

static int
walk_pseudofs(struct walk *w, int fd, dev_t dev)
{
	struct statfs sfs;
	size_t i;

	if (dev == w->lastdev)
		return w->lastpseudo;
	w->lastdev = dev;
	w->lastpseudo = 0;
	if (fstatfs(fd, &sfs) == 0)
		for (i = 0; i < sizeof(walk_pseudo) / sizeof(*walk_pseudo);
		    i++)
			if ((unsigned long)sfs.f_type == walk_pseudo[i])
				w->lastpseudo = 1;
	return w->lastpseudo;
}

static int
walk_is_own(struct walk *w, const struct stat *st)
{
	int i;

	for (i = 0; i < w->o->nown; i++)
		if (w->o->own_dev[i] == st->st_dev &&
		    w->o->own_ino[i] == st->st_ino)
			return 1;
	return 0;
}

/*
 * Enter folder NAME of DFD, whose stat is ST; the current path already
 * names it (PATHLEN bytes). ROOT: given on the command line.
 */
static int
walk_enter(struct walk *w, int dfd, const char *name, const struct stat *st,
    size_t pathlen, int root)
{
	struct walk_entry e;
	int fd, i, rc;

	if (!root && !w->o->cross_fs && st->st_dev != w->rootdev)
		return walk_skip(w, dfd, name, WALK_R_OTHERFS, st);
	if (!root && walk_is_own(w, st))
		return walk_skip(w, dfd, name, WALK_R_OWN, st);
	for (i = 0; i < w->depth; i++)
		if (w->stack[i].dev == st->st_dev &&
		    w->stack[i].ino == st->st_ino)
			return walk_skip(w, dfd, name, WALK_R_LOOP, st);
	if (w->o->follow && walk_seen(w, st->st_dev, st->st_ino))
		return walk_skip(w, dfd, name, WALK_R_LOOP, st);
	if (w->depth >= WALK_MAXDEPTH)
		return walk_skip(w, dfd, name, WALK_R_DEPTH, st);

	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    O_NOCTTY | (w->o->follow || root ? 0 : O_NOFOLLOW));
	if (fd == -1)
		return walk_error(w, dfd, name, errno, N_("open folder"));
	if (walk_pseudofs(w, fd, st->st_dev)) {
		close(fd);
		return walk_skip(w, dfd, name, WALK_R_PSEUDOFS, st);
	}
	memset(&e, 0, sizeof(e));
	e.kind = WALK_DIR;
	e.dirfd = dfd;
	e.name = name;
	e.path = w->path;
	e.st = *st;
	if (walk_emit(w, &e) == -1) {
		close(fd);
		return -1;
	}
	w->stack = xreallocarray(w->stack, w->depth + 1, sizeof(*w->stack));
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	w->depth++;
	rc = walk_dir(w, fd, pathlen);	/* closes fd */
	w->depth--;
	return rc;
}

static int
walk_namecmp(const void *a, const void *b)
{
	return strcmp(((const struct walk_name *)a)->name,
	    ((const struct walk_name *)b)->name);
}

/* Handle one entry NAME of the open folder DFD. */
static int
walk_one(struct walk *w, int dfd, const char *name, unsigned char type,
    size_t pathlen)
{
	struct walk_entry e;
	struct stat st;
	size_t len;
	int followed = 0;

	len = walk_push(w, pathlen, name);
	if (w->o->nexcludes > 0 && walk_excluded(w->o, name, w->path))
		return walk_skip(w, dfd, name, WALK_R_EXCLUDED, NULL);
	switch (type) {
	case DT_LNK:
		if (!w->o->follow)
			return walk_skip(w, dfd, name, WALK_R_SYMLINK, NULL);
		break;
	case DT_FIFO: case DT_SOCK: case DT_CHR: case DT_BLK:
		return walk_skip(w, dfd, name, WALK_R_SPECIAL, NULL);
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return walk_error(w, dfd, name, errno, N_("read file status"));
	if (S_ISLNK(st.st_mode)) {
		if (!w->o->follow)
			return walk_skip(w, dfd, name, WALK_R_SYMLINK, &st);
		if (fstatat(dfd, name, &st, 0) == -1) {
			if (errno == ELOOP)
				return walk_skip(w, dfd, name, WALK_R_LOOP,
				    NULL);
			if (errno == ENOENT)
				return walk_skip(w, dfd, name,
				    WALK_R_DANGLING, NULL);
			return walk_error(w, dfd, name, errno,
			    N_("follow symbolic link"));
		}
		followed = 1;
	}
	if (S_ISDIR(st.st_mode))
		return walk_enter(w, dfd, name, &st, len, 0);
	if (!S_ISREG(st.st_mode))
		return walk_skip(w, dfd, name, WALK_R_SPECIAL, &st);
	memset(&e, 0, sizeof(e));
	e.kind = WALK_FILE;
	e.dirfd = dfd;
	e.name = name;
	e.path = w->path;
	e.st = st;
	e.followed = followed;
	return walk_emit(w, &e);
}

/* Read folder FD (owned: closed here) whose path has PATHLEN bytes. */
static int
walk_dir(struct walk *w, int fd, size_t pathlen)
{
	struct walk_name *names = NULL;
	struct dirent *de;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int rc = 0;

	if ((d = fdopendir(fd)) == NULL) {
		rc = walk_error(w, AT_FDCWD, w->path, errno,
		    N_("open folder"));
		close(fd);
		return rc;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			if (errno != 0) {
				w->path[pathlen] = '\0';
				rc = walk_error(w, AT_FDCWD, w->path, errno,
				    N_("read folder"));
			}
			break;
		}
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n].name = xstrdup(de->d_name);
		names[n].type = de->d_type;
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), walk_namecmp);
	for (i = 0; i < n && rc == 0; i++)
		rc = walk_one(w, dirfd(d), names[i].name, names[i].type,
		    pathlen);
	for (i = 0; i < n; i++)
		free(names[i].name);
	free(names);
	closedir(d);
	w->path[pathlen] = '\0';
	return w->stopped ? -1 : 0;
}

static int
walk_root(struct walk *w, const char *root)
{
	struct walk_entry e;
	struct stat st;
	size_t len;

	w->depth = 0;
	len = walk_push(w, 0, root);
	/* A root is followed if it is a link, like the yara CLI does. */
	if (stat(root, &st) == -1)
		return walk_error(w, AT_FDCWD, root, errno,
		    N_("read file status"));
	w->rootdev = st.st_dev;
	if (S_ISDIR(st.st_mode))
		return walk_enter(w, AT_FDCWD, root, &st, len, 1);
	if (!S_ISREG(st.st_mode))
		return walk_skip(w, AT_FDCWD, root, WALK_R_SPECIAL, &st);
	if (w->o->nexcludes > 0 && walk_excluded(w->o, root, root))
		return walk_skip(w, AT_FDCWD, root, WALK_R_EXCLUDED, &st);
	memset(&e, 0, sizeof(e));
	e.kind = WALK_FILE;
	e.dirfd = AT_FDCWD;
	e.name = root;
	e.path = w->path;
	e.st = st;
	return walk_emit(w, &e);
}

int
walk_run(const struct walk_opts *o, const char *const *roots, int nroots)
{
	struct walk w;
	int i, rc = 0;

	memset(&w, 0, sizeof(w));
	w.o = o;
	w.lastdev = (dev_t)-1;
	for (i = 0; i < nroots && rc == 0; i++)
		rc = walk_root(&w, roots[i]);
	free(w.path);
	free(w.stack);
	free(w.seen);
	return rc;
}
