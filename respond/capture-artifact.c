/*
 * capture-artifact.c — the artifact writer. Every file a capture step
 * produces goes through here: created strictly beneath DIR (each folder
 * made by the step itself and walked one level at a time with
 * O_NOFOLLOW; the file with O_EXCL, O_NOFOLLOW, 0600), hashed with SHA-256 as the
 * bytes are written (never read back), then reported to the parent
 * process, which lists it in the manifest and SHA256SUMS.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define ART_BUF		(64 * 1024)
#define COPY_CHUNK	(256 * 1024)

struct artifact {
	struct capture_ctx	*ctx;
	int			 fd;
	char			*rel;		/* path under DIR */
	char			*source;
	char			 time[32];
	struct vg_hash		*hash;
	uint64_t		 size;
	int			 failed;	/* errno of a failed write */
	size_t			 used;
	unsigned char		 buf[ART_BUF];
};

static int
safe_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("._+,=@~-", c) != NULL;
}

char *
artifact_safe_name(const char *name, int slashes)
{
	const unsigned char	*p;
	char			*out, *o;
	int			 start = 1;

	o = out = xmalloc(strlen(name) * 3 + 2);
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p == '/' && slashes) {
			if (!start)	/* no empty components */
				*o++ = '/';
			start = 1;
			continue;
		}
		/* A leading dot would hide the file or make "..". */
		if (safe_byte(*p) && !(start && *p == '.')) {
			*o++ = (char)*p;
		} else {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		}
		start = 0;
	}
	if (o > out && o[-1] == '/')
		o--;
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return out;
}

/* ---- folders beneath DIR ------------------------------------------- */

/*
 * Every folder under DIR is created by the process that writes in it,
 * one level at a time from a descriptor of its parent, and opened with
 * O_DIRECTORY|O_NOFOLLOW: a folder that already exists and was not made
 * here, or a symbolic link planted in its place while the capture runs,
 * is refused instead of followed. Each step runs in its own process
 * (forked with an empty list), so a step only ever writes in folders it
 * made itself.
 */
struct made_dir {
	char	*rel;
	dev_t	 dev;
	ino_t	 ino;
};
static struct made_dir	*made;
static int		 nmade;
/* The last folder a file was created in, kept open. */
static char		*last_rel;
static int		 last_fd = -1;

static struct made_dir *
made_find(const char *rel)
{
	int	i;

	for (i = nmade - 1; i >= 0; i--)
		if (strcmp(made[i].rel, rel) == 0)
			return &made[i];
	return NULL;
}

/* One level: NAME in PARENT, whose path under DIR is REL. */
static int
level_open(int parent, const char *name, const char *rel, int create,
    char *err, const char *out)
{
	struct made_dir	*m;
	struct stat	 st;
	int		 fd;

	m = made_find(rel);
	if (m == NULL && create) {
		if (mkdirat(parent, name, 0700) == -1) {
			if (errno == EEXIST)
				vg_seterr(err, _("%s/%s: already exists and "
				    "was not created by this capture; refused "
				    "(nothing is written through a folder or "
				    "link put there by someone else)"), out,
				    rel);
			else
				vg_seterr(err, "%s/%s: %s", out, rel,
				    strerror(errno));
			return -1;
		}
	}
	if ((fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(fd, &st) == -1) {
		vg_seterr(err, errno == ELOOP || errno == ENOTDIR ?
		    _("%s/%s: replaced by a link or a file while the capture "
		    "ran; refused") : "%s/%s: %s", out, rel, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (m == NULL && create) {
		made = xreallocarray(made, nmade + 1, sizeof(*made));
		made[nmade].rel = xstrdup(rel);
		made[nmade].dev = st.st_dev;
		made[nmade].ino = st.st_ino;
		nmade++;
	} else if (m != NULL && (m->dev != st.st_dev || m->ino != st.st_ino)) {
		vg_seterr(err, _("%s/%s: replaced by another folder while "
		    "the capture ran; refused"), out, rel);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A descriptor of the folder REL (may be "") beneath DIRFD, walked one
 * level at a time without following links; with CREATE missing levels
 * are made (and existing ones not made by this process refused). Returns
 * a descriptor the caller closes, or -1 with err set.
 */
static int
beneath_dir(int dirfd, const char *rel, int create, const char *out,
    char *err)
{
	char	*copy, *p, *name;
	int	 fd, next;

	if ((fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0)) == -1) {
		vg_seterr(err, "%s: %s", out, strerror(errno));
		return -1;
	}
	copy = xstrdup(rel);
	for (name = copy; *name != '\0'; name = p) {
		if ((p = strchr(name, '/')) != NULL)
			*p = '\0';
		next = level_open(fd, name, copy, create, err, out);
		close(fd);
		if ((fd = next) == -1)
			break;
		if (p == NULL)
			break;
		*p++ = '/';
	}
	free(copy);
	return fd;
}

/* Split REL into its folder (allocated, "" for none) and its name. */
static char *
split_rel(const char *rel, const char **name)
{
	const char	*slash = strrchr(rel, '/');

	*name = slash != NULL ? slash + 1 : rel;
	return slash != NULL ? xstrndup(rel, (size_t)(slash - rel)) :
	    xstrdup("");
}

int
capture_open_beneath(int dirfd, const char *rel, int flags, mode_t mode,
    const char *out, char *err)
{
	const char	*name;
	char		*dir;
	int		 dfd, fd = -1, create = (flags & O_CREAT) != 0;

	dir = split_rel(rel, &name);
	if (create && last_fd != -1 && strcmp(last_rel, dir) == 0) {
		dfd = last_fd;		/* checked when it was opened */
	} else if ((dfd = beneath_dir(dirfd, dir, create, out, err)) == -1) {
		free(dir);
		return -1;
	} else if (create) {
		if (last_fd != -1)
			close(last_fd);
		free(last_rel);
		last_fd = dfd;
		last_rel = xstrdup(dir);
	}
	if ((fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC,
	    mode)) == -1)
		vg_seterr(err, "%s/%s: %s", out, rel, strerror(errno));
	if (dfd != last_fd)
		close(dfd);
	free(dir);
	return fd;
}

struct artifact *
artifact_open(struct capture_ctx *ctx, const char *name, const char *source,
    char *err)
{
	struct artifact	*a;
	char		*safe, *rel;
	int		 fd;

	safe = artifact_safe_name(name, 1);
	rel = xasprintf("%s/%s", ctx->step->dir, safe);
	free(safe);
	if ((fd = capture_open_beneath(ctx->dirfd, rel, O_WRONLY | O_CREAT |
	    O_EXCL, 0600, ctx->opts->out, err)) == -1) {
		free(rel);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->ctx = ctx;
	a->fd = fd;
	a->rel = rel;
	a->source = xstrdup(source != NULL ? source : "");
	vg_time_iso(time(NULL), a->time);
	a->hash = vg_hash_new(VG_SHA256);
	capture_send(ctx, json_pack("{s:s, s:o}", "t", "open", "path",
	    vg_json_str(rel)));
	return a;
}

static void
art_flush(struct artifact *a)
{
	if (a->used > 0 && a->failed == 0 &&
	    vg_write_all(a->fd, a->buf, a->used) == -1)
		a->failed = errno != 0 ? errno : EIO;
	a->used = 0;
}

int
artifact_write(struct artifact *a, const void *data, size_t len)
{
	vg_hash_update(a->hash, data, len);
	a->size += len;
	if (len > sizeof(a->buf) - a->used) {
		art_flush(a);
		if (len >= sizeof(a->buf)) {
			if (a->failed == 0 &&
			    vg_write_all(a->fd, data, len) == -1)
				a->failed = errno != 0 ? errno : EIO;
			return a->failed == 0 ? 0 : -1;
		}
	}
	memcpy(a->buf + a->used, data, len);
	a->used += len;
	return a->failed == 0 ? 0 : -1;
}

int
artifact_printf(struct artifact *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 rc;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	rc = artifact_write(a, s, strlen(s));
	free(s);
	return rc;
}

int
artifact_json(struct artifact *a, json_t *v)
{
	char	*s;
	int	 rc;

	if (v == NULL)
		return -1;
	s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(v);
	if (s == NULL)
		return -1;
	rc = artifact_write(a, s, strlen(s));
	if (rc == 0)
		rc = artifact_write(a, "\n", 1);
	free(s);
	return rc;
}

/* Finish A; SHA (may be NULL) receives its hash. Frees A. */
static int
art_finish(struct artifact *a, int partial, char *sha, char *err)
{
	char	hex[VG_HASH_HEXMAX];
	int	rc = 0;

	art_flush(a);
	vg_hash_final(a->hash, hex);
	if (close(a->fd) == -1 && a->failed == 0)
		a->failed = errno;
	if (a->failed != 0) {
		vg_seterr(err, "%s/%s: %s", a->ctx->opts->out, a->rel,
		    strerror(a->failed));
		rc = -1;
		partial = 1;
	}
	/* Reported even when a write failed: the file is there. */
	capture_send(a->ctx, json_pack("{s:s, s:o, s:I, s:s, s:o, s:s, s:b}",
	    "t", "artifact", "path", vg_json_str(a->rel),
	    "size", (json_int_t)a->size, "sha256", hex,
	    "source", vg_json_str(a->source), "time", a->time,
	    "partial", partial));
	if (sha != NULL)
		memcpy(sha, hex, 65);
	free(a->rel);
	free(a->source);
	free(a);
	return rc;
}

int
artifact_close(struct artifact *a, int partial, char *err)
{
	return art_finish(a, partial, NULL, err);
}

int
artifact_copy_fd(struct capture_ctx *ctx, int fd, const char *source,
    const char *name, uint64_t max, char *sha, char *err)
{
	struct artifact	*a;
	unsigned char	*buf;
	uint64_t	 total = 0;
	ssize_t		 n;
	size_t		 want;
	int		 cut = 0, rerr = 0;
	char		 c;

	if ((a = artifact_open(ctx, name, source, err)) == NULL)
		return -1;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	buf = xmalloc(COPY_CHUNK);
	for (;;) {
		want = COPY_CHUNK;
		if (max > 0 && max - total < want)
			want = (size_t)(max - total);
		if (want == 0) {
			/* At the limit: is there more? */
			if (read(fd, &c, 1) == 1)
				cut = 1;
			break;
		}
		n = read(fd, buf, want);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rerr = errno;
			break;
		}
		if (n == 0)
			break;
		/* Big chunks bypass the buffer: hashed and written once. */
		if (artifact_write(a, buf, (size_t)n) == -1)
			break;
		total += (uint64_t)n;
	}
	free(buf);
	if (rerr != 0)
		capture_warn(ctx, "%s: %s (copy cut after %llu bytes)",
		    source, strerror(rerr), (unsigned long long)total);
	if (cut)
		capture_warn(ctx, "%s: copy limited to %llu bytes", source,
		    (unsigned long long)max);
	return art_finish(a, cut || rerr != 0, sha, err);
}

int
artifact_copy(struct capture_ctx *ctx, const char *src, const char *name,
    int nofollow, uint64_t max, char *sha, char *err)
{
	struct stat	st;
	int		fd, rc;

	if ((fd = read_open(src, nofollow)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		vg_seterr(err, "%s: %s", src, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		vg_seterr(err, "%s: not a regular file", src);
		close(fd);
		return -1;
	}
	rc = artifact_copy_fd(ctx, fd, src, name, max, sha, err);
	close(fd);
	return rc;
}

/* ---- whole trees ---------------------------------------------------- */

struct tree {
	struct capture_ctx	*ctx;
	uint64_t		 max;
	struct artifact		*links;	/* symbolic links met, not followed */
	const char		*prefix;
	int			 files;
	dev_t			 dev;
};

static void
tree_walk(struct tree *t, int dfd, const char *src, const char *rel,
    int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*s, *r, *target, err[VG_ERRLEN];
	int		 fd;

	if ((d = fdopendir(dfd)) == NULL) {
		capture_warn(t->ctx, "%s: %s", src, strerror(errno));
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		s = xasprintf("%s/%s", src, de->d_name);
		r = xasprintf("%s/%s", rel, de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1) {
			capture_warn(t->ctx, "%s: %s", s, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			char buf[4096];
			ssize_t n = readlinkat(dirfd(d), de->d_name, buf,
			    sizeof(buf) - 1);
			buf[n < 0 ? 0 : n] = '\0';
			target = buf;
			if (t->links == NULL) {
				char *ln = xasprintf("%s/symlinks.jsonl",
				    t->prefix);
				t->links = artifact_open(t->ctx, ln, src, err);
				free(ln);
			}
			if (t->links != NULL)
				artifact_json(t->links, json_pack("{s:o, s:o}",
				    "path", vg_json_str(s), "target",
				    vg_json_str(target)));
		} else if (S_ISDIR(st.st_mode)) {
			if (st.st_dev != t->dev)
				capture_warn(t->ctx, "%s: other file system, "
				    "not entered", s);
			else if (st.st_dev == t->ctx->out_dev &&
			    st.st_ino == t->ctx->out_ino)
				;	/* the capture folder itself */
			else if (depth >= 32)
				capture_warn(t->ctx, "%s: too deep", s);
			else if ((fd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC |
			    O_NOATIME)) == -1 && (errno != EPERM ||
			    (fd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1))
				capture_warn(t->ctx, "%s: %s", s,
				    strerror(errno));
			else
				tree_walk(t, fd, s, r, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			if ((fd = read_openat(dirfd(d), de->d_name, 1)) == -1)
				capture_warn(t->ctx, "%s: %s", s,
				    strerror(errno));
			else {
				if (artifact_copy_fd(t->ctx, fd, s, r, t->max,
				    NULL, err) == -1)
					capture_warn(t->ctx, "%s", err);
				else
					t->files++;
				close(fd);
			}
		}
		free(s);
		free(r);
	}
	closedir(d);
}

int
artifact_copy_tree(struct capture_ctx *ctx, const char *src,
    const char *prefix, uint64_t max, char *err)
{
	struct tree	t;
	struct stat	st;
	int		fd;

	memset(&t, 0, sizeof(t));
	t.ctx = ctx;
	t.max = max;
	t.prefix = prefix;
	fd = open(src, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC |
	    O_NOATIME);
	if (fd == -1 && errno == EPERM)
		fd = open(src, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return 1;
		vg_seterr(err, "%s: %s", src, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		vg_seterr(err, "%s: %s", src, strerror(errno));
		close(fd);
		return -1;
	}
	t.dev = st.st_dev;
	tree_walk(&t, fd, src, prefix, 0);
	if (t.links != NULL && artifact_close(t.links, 0, err) == -1)
		return -1;
	return 0;
}
