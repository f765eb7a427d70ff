/*
 * capture-files.c — the file system, least volatile: listings of the
 * temporary folders (/tmp, /var/tmp, /dev/shm) and of download folders,
 * files modified in the last days in system and user paths (size,
 * times, owner, SHA-256), shell histories; then, as separate steps, the
 * system and authentication logs (copied, never moved) and the files
 * named with --collect (copied whole).
 *
 * Walks never follow a symbolic link (O_NOFOLLOW at every level, links
 * are listed with their target), never leave the file system they start
 * on and never enter the capture folder; files and folders are opened
 * with O_NOATIME so that reading them leaves their access times alone.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define FILES_MAX_DEPTH	40

struct walk {
	struct capture_ctx	*ctx;
	struct artifact		*out;
	struct read_user	*users;
	int			 nusers;
	dev_t			 dev;
	time_t			 since;		/* 0: list everything */
	uint64_t		 entries, hashed, matched;
};

static int
dir_open(int dfd, const char *name)
{
	int	fd, flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

	fd = openat(dfd, name, flags | O_NOATIME);
	if (fd == -1 && errno == EPERM)
		fd = openat(dfd, name, flags);
	return fd;
}

static const char *
file_type(mode_t m)
{
	return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ?
	    "symlink" : S_ISFIFO(m) ? "fifo" : S_ISSOCK(m) ? "socket" :
	    S_ISCHR(m) ? "char" : S_ISBLK(m) ? "block" : "?";
}

static json_t *
file_time(const struct timespec *ts)
{
	char	iso[32];

	vg_time_iso(ts->tv_sec, iso);
	return json_string(iso);
}

/* One entry as JSON, hashing a regular file through DFD/NAME. */
static json_t *
file_entry(struct walk *w, int dfd, const char *name, const char *path,
    const struct stat *st)
{
	const struct capture_opts *o = w->ctx->opts;
	json_t		*j;
	char		 mode[8], sha[65], buf[4096];
	const char	*user;
	uint64_t	 size;
	ssize_t		 n;
	int		 fd;

	snprintf(mode, sizeof(mode), "%04o", (unsigned)(st->st_mode & 07777));
	user = read_user_name(w->users, w->nusers, st->st_uid);
	j = json_pack("{s:o, s:s, s:s, s:I, s:i, s:o, s:i, s:I, s:I, s:o,"
	    " s:o, s:o}", "path", vg_json_str(path), "type",
	    file_type(st->st_mode), "mode", mode, "size",
	    (json_int_t)st->st_size, "uid", (int)st->st_uid, "user",
	    vg_json_str(user), "gid", (int)st->st_gid, "inode",
	    (json_int_t)st->st_ino, "nlink", (json_int_t)st->st_nlink,
	    "mtime_utc", file_time(&st->st_mtim), "atime_utc",
	    file_time(&st->st_atim), "ctime_utc", file_time(&st->st_ctim));
	if (S_ISLNK(st->st_mode)) {
		n = readlinkat(dfd, name, buf, sizeof(buf) - 1);
		buf[n < 0 ? 0 : n] = '\0';
		json_object_set_new(j, "target", vg_json_str(buf));
	} else if (S_ISREG(st->st_mode)) {
		if (o->hash_max > 0 && (uint64_t)st->st_size > o->hash_max) {
			json_object_set_new(j, "sha256_skipped",
			    json_string("larger than --hash-max"));
		} else if ((fd = read_openat(dfd, name, 1)) == -1) {
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		} else {
			if (read_hash_fd(fd, 0, sha, &size) == 0) {
				json_object_set_new(j, "sha256",
				    json_string(sha));
				w->hashed++;
			} else
				capture_warn(w->ctx, "%s: %s", path,
				    strerror(errno));
			close(fd);
		}
	}
	return j;
}

static void
walk_dir(struct walk *w, int dfd, const char *path, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	int		 fd, keep;

	if ((d = fdopendir(dfd)) == NULL) {
		capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s%s%s", path, strcmp(path, "/") ? "/" : "",
		    de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1) {
			if (errno != ENOENT)
				capture_warn(w->ctx, "%s: %s", p,
				    strerror(errno));
			free(p);
			continue;
		}
		w->entries++;
		/* Recent files: modified or changed (ctime) in the window;
		 * folders are walked, not listed. */
		keep = w->since == 0 || (!S_ISDIR(st.st_mode) &&
		    (st.st_mtime >= w->since || st.st_ctime >= w->since));
		if (keep) {
			artifact_json(w->out, file_entry(w, dirfd(d),
			    de->d_name, p, &st));
			w->matched++;
		}
		if (S_ISDIR(st.st_mode)) {
			if (st.st_dev == w->ctx->out_dev &&
			    st.st_ino == w->ctx->out_ino)
				;	/* the capture itself */
			else if (st.st_dev != w->dev)
				;	/* another file system: listed only */
			else if (depth >= FILES_MAX_DEPTH)
				capture_warn(w->ctx, "%s: deeper than %d "
				    "levels, not entered", p, FILES_MAX_DEPTH);
			else if ((fd = dir_open(dirfd(d), de->d_name)) == -1)
				capture_warn(w->ctx, "%s: %s", p,
				    strerror(errno));
			else
				walk_dir(w, fd, p, depth + 1);
		}
		free(p);
	}
	closedir(d);
}

/* Walk ROOT into W->out; a missing root or a root that is a link is
 * skipped (with merged /usr, /bin is a link to usr/bin). */
static void
walk_root(struct walk *w, const char *root)
{
	struct stat	st;
	int		fd;

	if ((fd = dir_open(AT_FDCWD, root)) == -1) {
		if (errno != ENOENT && errno != ELOOP && errno != ENOTDIR)
			capture_warn(w->ctx, "%s: %s", root, strerror(errno));
		return;
	}
	if (fstat(fd, &st) == -1) {
		close(fd);
		return;
	}
	if (st.st_dev == w->ctx->out_dev && st.st_ino == w->ctx->out_ino) {
		close(fd);
		return;
	}
	w->dev = st.st_dev;
	walk_dir(w, fd, root, 0);
}

/* ---- listings, recent files, histories ------------------------------ */

static const char *const recent_quick[] = {
	"/etc", "/root", "/home", "/usr/local", "/opt", "/srv", "/var/www",
	"/var/spool", "/usr/bin", "/usr/sbin", "/bin", "/sbin",
	"/usr/lib/systemd", "/lib/systemd", "/boot",
};
static const char *const recent_full[] = {
	"/etc", "/root", "/home", "/usr", "/opt", "/srv", "/var", "/boot",
	"/bin", "/sbin", "/lib", "/lib64", "/run", "/media", "/mnt",
};

static const char *const histories[] = {
	".bash_history", ".zsh_history", ".zhistory", ".sh_history",
	".ash_history", ".history", ".python_history", ".mysql_history",
	".psql_history", ".sqlite_history", ".lesshst", ".viminfo",
	".local/share/fish/fish_history", ".wget-hsts",
};

static int
files_listing(struct walk *w, const char *root, const char *name, char *err)
{
	char	*an;

	an = xasprintf("listings/%s.jsonl", name);
	w->out = artifact_open(w->ctx, an, root, err);
	free(an);
	if (w->out == NULL)
		return -1;
	w->since = 0;
	walk_root(w, root);
	return artifact_close(w->out, 0, err);
}

int
files_step(struct capture_ctx *ctx, char *err)
{
	const struct capture_opts *o = ctx->opts;
	const char *const *roots;
	struct walk	 w;
	size_t		 i, nroots, h;
	char		*p, *n, e2[VG_ERRLEN];
	int		 rc = 0, u;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.users = read_users("/etc/passwd", &w.nusers);

	if (files_listing(&w, "/tmp", "tmp", e2) == -1 ||
	    files_listing(&w, "/var/tmp", "var-tmp", e2) == -1 ||
	    files_listing(&w, "/dev/shm", "dev-shm", e2) == -1)
		capture_warn(ctx, "%s", e2);
	for (u = 0; u < w.nusers; u++) {
		static const char *const dl[] = { "Downloads",
		    "Téléchargements" };
		if (w.users[u].home[0] != '/' ||
		    strcmp(w.users[u].home, "/") == 0)
			continue;
		for (i = 0; i < 2; i++) {
			struct stat st;
			p = xasprintf("%s/%s", w.users[u].home, dl[i]);
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
				n = xasprintf("downloads-%s-%s",
				    w.users[u].name, dl[i]);
				if (files_listing(&w, p, n, e2) == -1)
					capture_warn(ctx, "%s", e2);
				free(n);
			}
			free(p);
		}
		/* Shell histories, copied (never through a link). */
		for (h = 0; h < sizeof(histories) / sizeof(histories[0]);
		    h++) {
			p = xasprintf("%s/%s", w.users[u].home, histories[h]);
			n = xasprintf("histories/%s/%s", w.users[u].name,
			    histories[h]);
			if (artifact_copy(ctx, p, n, 1, o->copy_max, NULL,
			    e2) == -1)
				capture_warn(ctx, "%s", e2);
			free(n);
			free(p);
		}
	}

	/* Files modified or changed in the window. */
	if (o->profile == CAPTURE_FULL) {
		roots = recent_full;
		nroots = sizeof(recent_full) / sizeof(recent_full[0]);
	} else {
		roots = recent_quick;
		nroots = sizeof(recent_quick) / sizeof(recent_quick[0]);
	}
	p = xasprintf("files changed in the last %d days under the system "
	    "and user folders", o->recent_days);
	w.out = artifact_open(ctx, "recent.jsonl", p, err);
	free(p);
	if (w.out == NULL) {
		rc = -1;
		goto out;
	}
	w.since = time(NULL) - (time_t)o->recent_days * 86400;
	for (i = 0; i < nroots; i++)
		walk_root(&w, roots[i]);
	if (artifact_close(w.out, 0, err) == -1)
		rc = -1;
	capture_send(ctx, json_pack("{s:s, s:I, s:I, s:I}", "t", "stats",
	    "entries_seen", (json_int_t)w.entries, "recent_files",
	    (json_int_t)w.matched, "files_hashed", (json_int_t)w.hashed));
out:
	read_users_free(w.users, w.nusers);
	return rc;
}

/* ---- logs ----------------------------------------------------------- */

static const char *const logs_quick[] = {
	"auth.log", "auth.log.1", "syslog", "syslog.1", "messages",
	"messages.1", "secure", "secure.1", "kern.log", "daemon.log",
	"user.log", "audit/audit.log", "audit/audit.log.1", "dpkg.log",
	"apt/history.log", "faillog", "cron.log", "boot.log", "ufw.log",
	"fail2ban.log", "nginx/access.log", "nginx/error.log",
	"apache2/access.log", "apache2/error.log",
};

/* The active journal files (no '@' in their name: not archived ones). */
static void
logs_journal(struct capture_ctx *ctx, const char *root, const char *prefix)
{
	DIR		*d, *m;
	struct dirent	*de, *fe;
	char		*p, *f, *n, err[VG_ERRLEN];

	if ((d = opendir(root)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", root, de->d_name);
		if ((m = opendir(p)) != NULL) {
			while ((fe = readdir(m)) != NULL) {
				size_t l = strlen(fe->d_name);
				if (strchr(fe->d_name, '@') != NULL || l < 9 ||
				    strcmp(fe->d_name + l - 8, ".journal"))
					continue;
				f = xasprintf("%s/%s", p, fe->d_name);
				n = xasprintf("%s/%s/%s", prefix, de->d_name,
				    fe->d_name);
				if (artifact_copy(ctx, f, n, 1,
				    ctx->opts->copy_max, NULL, err) == -1)
					capture_warn(ctx, "%s", err);
				free(n);
				free(f);
			}
			closedir(m);
		}
		free(p);
	}
	closedir(d);
}

int
files_logs_step(struct capture_ctx *ctx, char *err)
{
	const struct capture_opts *o = ctx->opts;
	char	*src, *name, e2[VG_ERRLEN];
	size_t	 i;

	if (o->profile == CAPTURE_FULL) {
		if (artifact_copy_tree(ctx, "/var/log", "var-log", o->copy_max,
		    err) == -1)
			return -1;
		return 0;
	}
	for (i = 0; i < sizeof(logs_quick) / sizeof(logs_quick[0]); i++) {
		src = xasprintf("/var/log/%s", logs_quick[i]);
		name = xasprintf("var-log/%s", logs_quick[i]);
		if (artifact_copy(ctx, src, name, 1, o->copy_max, NULL,
		    e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
		free(src);
	}
	logs_journal(ctx, "/var/log/journal", "var-log/journal");
	logs_journal(ctx, "/run/log/journal", "run-log/journal");
	return 0;
}

/* ---- --collect ------------------------------------------------------ */

int
files_collect_step(struct capture_ctx *ctx, char *err)
{
	const struct capture_opts *o = ctx->opts;
	struct stat	 st;
	char		*abs, *name, *target, e2[VG_ERRLEN], cwd[4096];
	int		 i, rc;

	for (i = 0; i < o->ncollect; i++) {
		if (o->collect[i][0] == '/')
			abs = xstrdup(o->collect[i]);
		else
			abs = xasprintf("%s/%s", getcwd(cwd, sizeof(cwd)) ?
			    cwd : ".", o->collect[i]);
		name = xasprintf("collected%s", abs);
		if (lstat(abs, &st) == -1) {
			capture_warn(ctx, "%s: %s", abs, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			target = read_link(abs);
			capture_warn(ctx, "%s: symbolic link to %s, not "
			    "followed (name the target to collect it)", abs,
			    target ? target : "?");
			free(target);
		} else if (S_ISDIR(st.st_mode)) {
			if ((rc = artifact_copy_tree(ctx, abs, name, 0,
			    e2)) == -1)
				capture_warn(ctx, "%s", e2);
		} else if (artifact_copy(ctx, abs, name, 1, 0, NULL, e2) ==
		    -1)
			capture_warn(ctx, "%s", e2);
		free(name);
		free(abs);
	}
	(void)err;
	return 0;
}
