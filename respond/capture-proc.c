/*
 * capture-proc.c — the process table, read from /proc/PID/ directly:
 * identity (pid, ppid, user, start time, state), command line, current
 * folder, executable with its SHA-256 read through /proc/PID/exe (so a
 * deleted or memfd executable is still hashed, and copied, since it
 * disappears with the process), open files and sockets, a summary of
 * the memory maps, and the environment in the full profile.
 *
 * A process can end while it is read: whatever was read is kept and the
 * record says "vanished"; other read errors are reported as warnings and
 * the walk goes on.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "capture-proc.h"

#define PROC_MAX_FDS	4096		/* fds listed per process */
#define PROC_MAX_TEXT	(1 << 20)	/* cmdline, environ, status */
#define PROC_MAX_MAPS	(16 << 20)

/* Executables already hashed, by inode: most processes share a few. */
struct proc_exe {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
	char		 sha[65];
	int		 hashed;
	char		*copy;		/* artifact of a deleted/memfd exe */
};

struct proc_walk {
	struct capture_ctx	*ctx;
	struct read_user	*users;
	int			 nusers;
	struct proc_exe		*exes;
	int			 nexes;
	int			 nprocs, nvanished, ncopied;
	struct artifact		*txt;
	struct proc_node	*nodes;		/* for the tree */
	int			 nnodes;
};

int
proc_parse_stat(const char *buf, struct proc_stat *st)
{
	const char	*open, *close, *p;
	char		*end;
	int		 field;
	unsigned long long v;
	size_t		 n;

	memset(st, 0, sizeof(*st));
	/* "PID (COMM) S PPID ...": COMM may hold spaces and parentheses,
	 * so it ends at the LAST ')'. */
	if ((open = strchr(buf, '(')) == NULL ||
	    (close = strrchr(buf, ')')) == NULL || close < open)
		return -1;
	st->pid = (int)strtol(buf, &end, 10);
	if (end == buf || st->pid <= 0)
		return -1;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, n);
	st->comm[n] = '\0';
	p = close + 1;
	if (*p++ != ' ' || *p == '\0')
		return -1;
	st->state = *p++;
	/* Fields are counted from 1 as in proc(5); state is field 3. */
	for (field = 4; field <= 24 && *p != '\0'; field++) {
		while (*p == ' ')
			p++;
		errno = 0;
		if (*p == '-') {
			long long s = strtoll(p, &end, 10);
			v = (unsigned long long)s;
		} else
			v = strtoull(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
		switch (field) {
		case 4: st->ppid = (int)v; break;
		case 20: st->threads = (long)v; break;
		case 22: st->starttime = v; break;
		case 23: st->vsize = v; break;
		case 24: st->rss = (int64_t)v; break;
		}
	}
	return field > 24 ? 0 : -1;
}

/* errno values meaning the process has gone. */
static int
gone(int e)
{
	return e == ENOENT || e == ESRCH;
}

/* Read PROC/PID/WHAT; on failure, warn unless the process is gone. */
static char *
proc_file(struct proc_walk *w, int pid, const char *what, size_t max,
    size_t *len, int *vanished)
{
	char	*path, *buf;

	path = capture_proc(w->ctx, "/%d/%s", pid, what);
	if ((buf = read_all(path, max, len, NULL)) == NULL) {
		if (gone(errno))
			*vanished = 1;
		else
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
	}
	free(path);
	return buf;
}

static char *
proc_link(struct proc_walk *w, int pid, const char *what, int *vanished,
    int quiet_enoent)
{
	char	*path, *target;

	path = capture_proc(w->ctx, "/%d/%s", pid, what);
	if ((target = read_link(path)) == NULL) {
		if (gone(errno)) {
			/* Kernel threads have no exe: not a vanishing. */
			if (!quiet_enoent)
				*vanished = 1;
		} else
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
	}
	free(path);
	return target;
}

/* NUL-separated strings (cmdline, environ) as a JSON array. */
json_t *
proc_strings(const char *buf, size_t len)
{
	json_t	*a = json_array();
	size_t	 i = 0, n;

	while (i < len) {
		n = strnlen(buf + i, len - i);
		json_array_append_new(a, vg_json_strn(buf + i, n));
		i += n + 1;
	}
	return a;
}

/* "Uid:\t0\t0\t0\t0" and the like from /proc/PID/status. */
json_t *
proc_status_ids(const char *status, const char *key)
{
	const char	*p;
	json_t		*a;
	char		*end;
	size_t		 klen = strlen(key);
	unsigned long	 v;

	for (p = status; p != NULL && *p != '\0'; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, key, klen) == 0 && p[klen] == ':')
			break;
	}
	if (p == NULL || *p == '\0')
		return NULL;
	a = json_array();
	p += klen + 1;
	for (;;) {
		while (*p == '\t' || *p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		v = strtoul(p, &end, 10);
		json_array_append_new(a, json_integer((json_int_t)v));
		p = end;
	}
	return a;
}

/* ---- executable ----------------------------------------------------- */

static struct proc_exe *
exe_cached(struct proc_walk *w, const struct stat *st)
{
	int	i;

	for (i = 0; i < w->nexes; i++)
		if (w->exes[i].dev == st->st_dev &&
		    w->exes[i].ino == st->st_ino &&
		    w->exes[i].size == st->st_size &&
		    w->exes[i].mtime.tv_sec == st->st_mtim.tv_sec &&
		    w->exes[i].mtime.tv_nsec == st->st_mtim.tv_nsec)
			return &w->exes[i];
	return NULL;
}

/*
 * Hash the executable through PROC/PID/exe. Deleted and memfd ones are
 * also copied: once the process ends they are gone.
 */
static void
proc_exe(struct proc_walk *w, int pid, const char *comm, json_t *j,
    int deleted, int memfd)
{
	const struct capture_opts *o = w->ctx->opts;
	struct proc_exe	*e;
	struct stat	 st;
	char		*path, *name, *safe, *p, err[VG_ERRLEN], sha[65];
	uint64_t	 size;
	int		 fd;

	path = capture_proc(w->ctx, "/%d/exe", pid);
	if ((fd = read_open(path, 0)) == -1) {
		if (!gone(errno))
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		free(path);
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		free(path);
		return;
	}
	json_object_set_new(j, "exe_size", json_integer(st.st_size));
	json_object_set_new(j, "exe_inode", json_integer((json_int_t)
	    st.st_ino));
	e = exe_cached(w, &st);
	if ((deleted || memfd) && (e == NULL || e->copy == NULL)) {
		/* Copied whole (up to --copy-max), hashed as it is copied. */
		safe = xstrdup(comm);
		for (p = safe; *p != '\0'; p++)
			if (*p == '/')
				*p = '_';
		name = xasprintf("exe/%d-%s.bin", pid, safe);
		free(safe);
		if (artifact_copy_fd(w->ctx, fd, path, name, o->copy_max,
		    sha, err) == 0) {
			if (e == NULL) {
				w->exes = xreallocarray(w->exes, w->nexes + 1,
				    sizeof(*e));
				e = &w->exes[w->nexes++];
				memset(e, 0, sizeof(*e));
				e->dev = st.st_dev;
				e->ino = st.st_ino;
				e->size = st.st_size;
				e->mtime = st.st_mtim;
			}
			safe = artifact_safe_name(name, 1);
			e->copy = xasprintf("%s/%s", w->ctx->step->dir, safe);
			free(safe);
			if (o->copy_max == 0 ||
			    (uint64_t)st.st_size <= o->copy_max) {
				memcpy(e->sha, sha, sizeof(e->sha));
				e->hashed = 1;
			}
			w->ncopied++;
		} else
			capture_warn(w->ctx, "%s", err);
		free(name);
	}
	if (e != NULL && e->copy != NULL)
		json_object_set_new(j, "exe_copy", vg_json_str(e->copy));
	if (e == NULL) {
		w->exes = xreallocarray(w->exes, w->nexes + 1, sizeof(*e));
		e = &w->exes[w->nexes++];
		memset(e, 0, sizeof(*e));
		e->dev = st.st_dev;
		e->ino = st.st_ino;
		e->size = st.st_size;
		e->mtime = st.st_mtim;
		if (o->hash_max == 0 || (uint64_t)st.st_size <= o->hash_max) {
			if (read_hash_fd(fd, 0, e->sha, &size) == 0)
				e->hashed = 1;
			else
				capture_warn(w->ctx, "%s: %s", path,
				    strerror(errno));
		}
	}
	if (e->hashed)
		json_object_set_new(j, "exe_sha256", json_string(e->sha));
	else
		json_object_set_new(j, "exe_sha256_skipped", json_string(
		    e->copy != NULL ? "copy cut at --copy-max" :
		    "larger than --hash-max"));
	close(fd);
	free(path);
}

/* ---- fds and maps --------------------------------------------------- */

static json_t *
proc_fds(struct proc_walk *w, int pid, int *vanished)
{
	DIR		*d;
	struct dirent	*de;
	json_t		*a;
	char		*path, *lpath, *target;
	int		 n = 0, total = 0;

	path = capture_proc(w->ctx, "/%d/fd", pid);
	if ((d = opendir(path)) == NULL) {
		if (gone(errno))
			*vanished = 1;
		else
			capture_warn(w->ctx, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	a = json_array();
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		total++;
		if (n >= PROC_MAX_FDS)
			continue;
		lpath = xasprintf("%s/%s", path, de->d_name);
		if ((target = read_link(lpath)) != NULL) {
			json_array_append_new(a, json_pack("{s:i, s:o}",
			    "fd", atoi(de->d_name), "target",
			    vg_json_str(target)));
			free(target);
			n++;
		}
		free(lpath);
	}
	closedir(d);
	free(path);
	if (total > n)
		json_array_append_new(a, json_pack("{s:i}",
		    "not_listed_or_unreadable", total - n));
	return a;
}

/* The summary of a /proc/PID/maps text (see capture-proc.h). */
json_t *
proc_maps_json(char *buf)
{
	char		*line, *next, perms[8], *file;
	unsigned long long lo, hi, total = 0;
	json_t		*libs, *deleted, *m;
	int		 regions = 0, execs = 0, rwx = 0, anon_x = 0, off;

	libs = json_array();
	deleted = json_array();
	for (line = buf; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		off = 0;
		if (sscanf(line, "%llx-%llx %7s %*s %*s %*s%n", &lo, &hi,
		    perms, &off) < 3 || off == 0)
			continue;
		file = line + off;
		while (*file == ' ')
			file++;
		regions++;
		total += hi - lo;
		if (perms[2] == 'x') {
			execs++;
			if (perms[1] == 'w')
				rwx++;
			if (*file == '\0')
				anon_x++;
		}
		if (*file == '/') {
			size_t fl = strlen(file);
			int del = fl > 10 &&
			    strcmp(file + fl - 10, " (deleted)") == 0;
			json_t *target = del ? deleted : perms[2] == 'x' ?
			    libs : NULL;
			size_t k;
			json_t *v;
			int seen = 0;

			if (target == NULL)
				continue;
			json_array_foreach(target, k, v)
				if (strcmp(json_string_value(v), file) == 0)
					seen = 1;
			if (!seen && json_array_size(target) < 512)
				json_array_append_new(target,
				    vg_json_str(file));
		}
	}
	m = json_pack("{s:i, s:I, s:i, s:i, s:i, s:o, s:o}",
	    "regions", regions, "mapped_kib", (json_int_t)(total / 1024),
	    "exec_regions", execs, "rwx_regions", rwx,
	    "anonymous_exec_regions", anon_x,
	    "exec_files", libs, "deleted_files", deleted);
	return m;
}

static json_t *
proc_maps(struct proc_walk *w, int pid, int *vanished)
{
	char		*buf;
	json_t		*m;
	size_t		 len;

	if ((buf = proc_file(w, pid, "maps", PROC_MAX_MAPS, &len,
	    vanished)) == NULL)
		return NULL;
	m = proc_maps_json(buf);
	free(buf);
	return m;
}

/* ---- one process ---------------------------------------------------- */

/* Whether PID is still the process that started at STARTTIME. */
static int
still_there(struct proc_walk *w, int pid, uint64_t starttime)
{
	struct proc_stat st;
	char		*path, *buf;
	int		 there = 0;

	path = capture_proc(w->ctx, "/%d/stat", pid);
	if ((buf = read_all(path, 4096, NULL, NULL)) != NULL) {
		there = proc_parse_stat(buf, &st) == 0 &&
		    st.starttime == starttime;
		free(buf);
	}
	free(path);
	return there;
}

static void
proc_one(struct proc_walk *w, struct artifact *a, int pid)
{
	struct capture_ctx *ctx = w->ctx;
	struct proc_stat st;
	json_t		*j, *ids, *v;
	char		*buf, *exe, *cwd, *root, iso[32], *cmd;
	const char	*user;
	size_t		 len, i;
	int		 vanished = 0, maybe = 0, deleted = 0, memfd = 0,
			 have_stat = 0;

	if ((buf = proc_file(w, pid, "stat", 4096, NULL, &vanished)) ==
	    NULL) {
		if (vanished)
			w->nvanished++;
		return;
	}
	j = json_pack("{s:i}", "pid", pid);
	if (proc_parse_stat(buf, &st) == 0) {
		have_stat = 1;
		w->nodes = xreallocarray(w->nodes, w->nnodes + 1,
		    sizeof(*w->nodes));
		w->nodes[w->nnodes].pid = pid;
		w->nodes[w->nnodes].ppid = st.ppid;
		snprintf(w->nodes[w->nnodes].name,
		    sizeof(w->nodes[w->nnodes].name), "%s", st.comm);
		w->nnodes++;
		json_object_set_new(j, "ppid", json_integer(st.ppid));
		json_object_set_new(j, "name", vg_json_str(st.comm));
		json_object_set_new(j, "state", json_stringn(&st.state, 1));
		json_object_set_new(j, "threads", json_integer(st.threads));
		json_object_set_new(j, "rss_kib", json_integer(
		    st.rss * (sysconf(_SC_PAGESIZE) / 1024)));
		if (ctx->hz > 0 && ctx->boot_time > 0) {
			vg_time_iso(ctx->boot_time +
			    (time_t)(st.starttime / (uint64_t)ctx->hz), iso);
			json_object_set_new(j, "start_utc", json_string(iso));
		}
		json_object_set_new(j, "start_ticks", json_integer(
		    (json_int_t)st.starttime));
	} else
		capture_warn(ctx, "%s/%d/stat: unexpected format",
		    ctx->opts->proc, pid);
	free(buf);

	if ((buf = proc_file(w, pid, "status", PROC_MAX_TEXT, NULL,
	    &vanished)) != NULL) {
		if ((ids = proc_status_ids(buf, "Uid")) != NULL) {
			json_object_set_new(j, "uid", ids);
			v = json_array_get(ids, 0);
			user = read_user_name(w->users, w->nusers,
			    (uid_t)json_integer_value(v));
			json_object_set_new(j, "user", vg_json_str(user));
		}
		if ((ids = proc_status_ids(buf, "Gid")) != NULL)
			json_object_set_new(j, "gid", ids);
		free(buf);
	}
	if ((buf = proc_file(w, pid, "cmdline", PROC_MAX_TEXT, &len,
	    &vanished)) != NULL) {
		json_object_set_new(j, "cmdline", proc_strings(buf, len));
		free(buf);
	}
	if ((cwd = proc_link(w, pid, "cwd", &maybe, 1)) != NULL) {
		json_object_set_new(j, "cwd", vg_json_str(cwd));
		free(cwd);
	}
	if ((root = proc_link(w, pid, "root", &maybe, 1)) != NULL) {
		if (strcmp(root, "/") != 0)
			json_object_set_new(j, "root", vg_json_str(root));
		free(root);
	}
	if ((exe = proc_link(w, pid, "exe", &maybe, 1)) != NULL) {
		len = strlen(exe);
		deleted = len > 10 && strcmp(exe + len - 10, " (deleted)") == 0;
		memfd = strncmp(exe, "/memfd:", 7) == 0;
		json_object_set_new(j, "exe", vg_json_str(exe));
		json_object_set_new(j, "exe_deleted", json_boolean(deleted));
		json_object_set_new(j, "exe_memfd", json_boolean(memfd));
		proc_exe(w, pid, st.comm, j, deleted, memfd);
	} else
		json_object_set_new(j, "kernel_thread", json_boolean(
		    json_array_size(json_object_get(j, "cmdline")) == 0));
	if ((v = proc_fds(w, pid, &maybe)) != NULL)
		json_object_set_new(j, "fds", v);
	if ((v = proc_maps(w, pid, &maybe)) != NULL)
		json_object_set_new(j, "maps", v);
	if (ctx->opts->profile == CAPTURE_FULL &&
	    (buf = proc_file(w, pid, "environ", PROC_MAX_TEXT, &len,
	    &maybe)) != NULL) {
		json_object_set_new(j, "environ", proc_strings(buf, len));
		free(buf);
	}
	if (pid == ctx->collector || pid == getpid())
		json_object_set_new(j, "collector", json_true());
	/* stat, status and cmdline exist for every live process; ENOENT or
	 * ESRCH on the others does not prove it gone (a kernel thread
	 * answers ESRCH for environ and has no exe): vanished only when its
	 * stat is no longer there for the same start time. */
	if (!vanished && maybe && (!have_stat ||
	    !still_there(w, pid, st.starttime)))
		vanished = 1;
	if (vanished) {
		json_object_set_new(j, "vanished", json_true());
		w->nvanished++;
	}

	/* The human-readable line: PID PPID USER START COMMAND. */
	v = json_object_get(j, "cmdline");
	cmd = NULL;
	if (json_array_size(v) > 0) {
		json_t *s;
		json_array_foreach(v, i, s) {
			char *t = xasprintf("%s%s%s", cmd ? cmd : "",
			    cmd ? " " : "", json_string_value(s));
			free(cmd);
			cmd = t;
		}
	} else
		cmd = xasprintf("[%s]", st.comm);
	buf = vg_term_clean(cmd);
	artifact_printf(w->txt, "%7d %7d %-12s %-20s %c %s%s%s\n", pid,
	    st.ppid, (user = json_string_value(json_object_get(j, "user")))
	    ? user : "?",
	    (v = json_object_get(j, "start_utc")) ? json_string_value(v) :
	    "?", st.state ? st.state : '?', buf, deleted ? "  [exe deleted]" :
	    "", memfd ? "  [exe memfd]" : "");
	free(buf);
	free(cmd);
	free(exe);
	artifact_json(a, j);
	w->nprocs++;
}

static int
pid_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

int
proc_step(struct capture_ctx *ctx, char *err)
{
	struct proc_walk w;
	struct artifact	*a = NULL;
	struct dirent	*de;
	DIR		*d;
	int		*pids = NULL, npids = 0, i, rc = -1;
	char		*src = NULL;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.users = read_users("/etc/passwd", &w.nusers);
	if ((d = opendir(ctx->opts->proc)) == NULL) {
		vg_seterr(err, "%s: %s", ctx->opts->proc, strerror(errno));
		goto out;
	}
	/* The list first, sorted: the table reads in pid order. */
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || end == de->d_name)
			continue;
		pids = xreallocarray(pids, npids + 1, sizeof(*pids));
		pids[npids++] = (int)pid;
	}
	closedir(d);
	if (npids > 0)
		qsort(pids, npids, sizeof(*pids), pid_cmp);

	src = xasprintf("%s/PID/{stat,status,cmdline,cwd,root,exe,fd,maps%s}",
	    ctx->opts->proc, ctx->opts->profile == CAPTURE_FULL ?
	    ",environ" : "");
	if ((a = artifact_open(ctx, "processes.jsonl", src, err)) == NULL ||
	    (w.txt = artifact_open(ctx, "processes.txt", src, err)) == NULL)
		goto out;
	artifact_printf(w.txt, "%7s %7s %-12s %-20s %s %s\n", "PID", "PPID",
	    "USER", "START (UTC)", "S", "COMMAND");
	for (i = 0; i < npids; i++)
		proc_one(&w, a, pids[i]);
	rc = 0;
	if (artifact_close(a, 0, err) == -1)
		rc = -1;
	a = NULL;
	if (artifact_close(w.txt, 0, err) == -1)
		rc = -1;
	w.txt = NULL;
	capture_send(ctx, json_pack("{s:s, s:i, s:i, s:i}", "t", "stats",
	    "processes", w.nprocs, "vanished", w.nvanished,
	    "executables_copied", w.ncopied));
	uac_proc_tree(ctx, w.nodes, w.nnodes);
	uac_hidden_pids(ctx, pids, npids);
out:
	if (w.txt != NULL)
		artifact_close(w.txt, 1, err);
	if (a != NULL)
		artifact_close(a, 1, err);
	free(src);
	free(pids);
	free(w.nodes);
	for (i = 0; i < w.nexes; i++)
		free(w.exes[i].copy);
	free(w.exes);
	read_users_free(w.users, w.nusers);
	return rc;
}
