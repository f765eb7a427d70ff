/*
 * capture.c — `vigie respond capture`: the step registry, the runner and
 * the seal.
 *
 * Each step of capture_steps[] runs in a child process (fork, no exec)
 * with a time limit: the parent reads the child's messages (artifacts
 * written, warnings, statistics) from a pipe, shows the progress, and
 * kills the child when its time is up; a step that fails, crashes or
 * times out is recorded with its reason and the capture goes on with the
 * next one. Files still open in a killed step are hashed and listed as
 * partial. Only the parent writes the custody log, the manifest, the
 * signature and SHA256SUMS.
 *
 * Nothing is written outside DIR, except the signing key on first use
 * (beside DIR unless --key says where) and the --archive file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/util.h"
#include "vigie/capture.h"

/* ---- the registry --------------------------------------------------- */

/* In order of volatility (RFC 3227 section 2.1). */
const struct capture_step capture_steps[] = {
	{ "clock", "01-clock", N_("Clock"), 1, 10, clock_step },
	{ "processes", "02-processes", N_("Processes"), 1, 120, proc_step },
	{ "network", "03-network", N_("Network"), 1, 60, net_step },
	{ "sessions", "04-sessions", N_("Sessions"), 1, 60, sessions_step },
	{ "system", "05-system", N_("System"), 0, 120, system_step },
	{ "files", "06-files", N_("Files"), 0, 600, files_step },
	{ "logs", "07-logs", N_("Logs"), 0, 600, files_logs_step },
	{ "collect", "08-collect", N_("Files named with --collect"), 0, 3600,
	    files_collect_step },
	/* Analysis, last: it reads what the steps above listed. */
	{ "yara", "09-yara", N_("YARA scan"), 0, 900, capture_yara_step },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

int
capture_static_build(void)
{
#ifdef VG_STATIC
	return 1;
#else
	return 0;
#endif
}

/* ---- what steps call (in the child) ---------------------------------- */

void
capture_send(struct capture_ctx *ctx, json_t *msg)
{
	char	*s;

	if (msg == NULL)
		return;
	if (ctx->report != -1 &&
	    (s = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII)) != NULL) {
		size_t len = strlen(s);
		s = xreallocarray(s, len + 2, 1);
		s[len] = '\n';
		(void)vg_write_all(ctx->report, s, len + 1);
		free(s);
	}
	json_decref(msg);
}

void
capture_warn(struct capture_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ctx->warnings++;
	capture_send(ctx, json_pack("{s:s, s:o}", "t", "warn", "text",
	    vg_json_str(s)));
	free(s);
}

char *
capture_proc(struct capture_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*rel, *p;

	va_start(ap, fmt);
	rel = xvasprintf(fmt, ap);
	va_end(ap);
	p = xasprintf("%s%s", ctx->opts->proc, rel);
	free(rel);
	return p;
}

/* ---- the runner (in the parent) ------------------------------------- */

#define MAX_WARNINGS	200	/* kept per step in the manifest */

struct art_rec {
	char		*path;
	char		*source;
	char		 time[32];
	char		 sha256[65];
	uint64_t	 size;
	int		 partial;
	const char	*step;
};

struct step_rec {
	const struct capture_step *step;
	const char	*status;	/* ok, failed, timeout, skipped */
	char		*reason;	/* why not ok, translated */
	char		 started[32];
	double		 seconds;
	int		 limit;
	int		 artifacts;
	uint64_t	 bytes;
	json_t		*warnings;	/* array of strings */
	uint64_t	 nwarnings;
	json_t		*stats;		/* object */
	char		**open;		/* artifacts opened, not closed */
	int		 nopen;
	pid_t		 pid;		/* the child that ran it */
};

struct run {
	const struct capture_opts *o;
	int		 dirfd;
	struct art_rec	*arts;
	int		 narts;
	struct step_rec	*steps;
	int		 nsteps;
	uint64_t	 bytes;
	sqlite3		*custody;
	const char	*actor;
	struct timespec	 t0;
};

static double
elapsed(const struct timespec *since)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* "4,2 Mo" in French, "4.2 MB" in English. */
static void
human_size(uint64_t n, char *buf, size_t len)
{
	static const char *const fr[] = { "o", "ko", "Mo", "Go", "To" };
	static const char *const en[] = { "B", "kB", "MB", "GB", "TB" };
	const char *const *u = strcmp(vg_lang(), "fr") == 0 ? fr : en;
	double	 v = (double)n;
	int	 i = 0;
	char	*c;

	while (v >= 1000 && i < 4) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%llu %s", (unsigned long long)n, u[0]);
	else
		snprintf(buf, len, "%.1f %s", v, u[i]);
	if (u == fr && (c = strchr(buf, '.')) != NULL)
		*c = ',';
}

static void
seconds_text(double s, char *buf, size_t len)
{
	char	*c;

	snprintf(buf, len, "%.1f s", s);
	if (strcmp(vg_lang(), "fr") == 0 && (c = strchr(buf, '.')) != NULL)
		*c = ',';
}

static void
step_open(struct step_rec *sr, const char *path)
{
	sr->open = xreallocarray(sr->open, sr->nopen + 1, sizeof(char *));
	sr->open[sr->nopen++] = xstrdup(path);
}

static void
step_closed(struct step_rec *sr, const char *path)
{
	int	i;

	for (i = 0; i < sr->nopen; i++)
		if (strcmp(sr->open[i], path) == 0) {
			free(sr->open[i]);
			sr->open[i] = sr->open[--sr->nopen];
			return;
		}
}

static void
run_add_art(struct run *r, struct step_rec *sr, const char *path,
    const char *source, const char *time, const char *sha, uint64_t size,
    int partial)
{
	struct art_rec	*a;

	r->arts = xreallocarray(r->arts, r->narts + 1, sizeof(*r->arts));
	a = &r->arts[r->narts++];
	memset(a, 0, sizeof(*a));
	a->path = xstrdup(path);
	a->source = xstrdup(source != NULL ? source : "");
	snprintf(a->time, sizeof(a->time), "%s", time != NULL ? time : "");
	snprintf(a->sha256, sizeof(a->sha256), "%s", sha);
	a->size = size;
	a->partial = partial;
	a->step = sr->step->name;
	sr->artifacts++;
	sr->bytes += size;
	r->bytes += size;
}

/* One message from the child. Returns 1 for "end". */
static int
run_message(struct run *r, struct step_rec *sr, const char *line, int *rc,
    char **error)
{
	json_t		*m;
	const char	*t, *path;
	int		 end = 0;

	if ((m = json_loads(line, 0, NULL)) == NULL)
		return 0;
	t = json_string_value(json_object_get(m, "t"));
	path = json_string_value(json_object_get(m, "path"));
	if (t == NULL)
		;
	else if (strcmp(t, "open") == 0 && path != NULL)
		step_open(sr, path);
	else if (strcmp(t, "artifact") == 0 && path != NULL) {
		step_closed(sr, path);
		run_add_art(r, sr, path,
		    json_string_value(json_object_get(m, "source")),
		    json_string_value(json_object_get(m, "time")),
		    json_string_value(json_object_get(m, "sha256")) ?
		    json_string_value(json_object_get(m, "sha256")) : "",
		    (uint64_t)json_integer_value(json_object_get(m, "size")),
		    json_is_true(json_object_get(m, "partial")));
	} else if (strcmp(t, "warn") == 0) {
		sr->nwarnings++;
		if (json_array_size(sr->warnings) < MAX_WARNINGS)
			json_array_append(sr->warnings,
			    json_object_get(m, "text"));
	} else if (strcmp(t, "stats") == 0) {
		json_object_del(m, "t");
		json_object_update(sr->stats, m);
	} else if (strcmp(t, "end") == 0) {
		*rc = (int)json_integer_value(json_object_get(m, "rc"));
		if (json_string_value(json_object_get(m, "error")) != NULL) {
			free(*error);
			*error = xstrdup(json_string_value(
			    json_object_get(m, "error")));
		}
		end = 1;
	}
	json_decref(m);
	return end;
}

/* Hash an artifact the killed child left open: listed as partial. */
static void
run_orphan(struct run *r, struct step_rec *sr, const char *path)
{
	char		sha[65], iso[32];
	uint64_t	size = 0;
	int		fd;
	char		err[VG_ERRLEN];

	vg_time_iso(time(NULL), iso);
	if ((fd = capture_open_beneath(r->dirfd, path, O_RDONLY, 0,
	    r->o->out, err)) == -1)
		return;
	if (read_hash_fd(fd, 0, sha, &size) == 0)
		run_add_art(r, sr, path, "(cut short: the step was stopped)",
		    iso, sha, size, 1);
	close(fd);
}

static void
run_progress(struct run *r, struct step_rec *sr, int index, int total,
    const struct timespec *start)
{
	char	size[32], secs[32];

	if (!vg_progress_enabled() || vg_g.json)
		return;
	human_size(sr->bytes, size, sizeof(size));
	seconds_text(elapsed(start), secs, sizeof(secs));
	vg_progress(_("Step %d/%d — %s: files %d, %s, %s"), index, total,
	    _(sr->step->title), sr->artifacts, size, secs);
	(void)r;
}

/*
 * The step's process group, for the signal handlers: killed on every
 * way out of the parent, so that no step goes on writing in DIR after
 * the capture has stopped.
 */
static volatile sig_atomic_t	step_pgid;

static void
on_fatal_signal(int sig)
{
	if (step_pgid > 0)
		kill(-(pid_t)step_pgid, SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
stop_group(pid_t pid)
{
	if (pid > 0)
		kill(-pid, SIGKILL);
	step_pgid = 0;
}

/*
 * In the child, before the step runs: its own process group (so that
 * the parent can kill everything it may start), killed when the parent
 * dies whatever the way (PR_SET_PDEATHSIG, checked against a parent
 * that died before the call), and the step's time limit armed in the
 * child itself (SIGALRM ends it even if the parent cannot).
 */
static void
child_tie(pid_t parent, int limit)
{
	(void)setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(127);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	alarm((unsigned)limit + 1);
}

static void
child_run(struct capture_ctx *ctx, int fd)
{
	char	err[VG_ERRLEN] = "";
	int	rc;

	ctx->report = fd;
	rc = ctx->step->run(ctx, err);
	capture_send(ctx, json_pack("{s:s, s:i, s:o}", "t", "end", "rc", rc,
	    "error", rc == 0 ? json_null() : vg_json_str(err)));
	close(fd);
	_exit(0);
}

static void
run_step(struct run *r, struct capture_ctx *base, struct step_rec *sr,
    int index, int total)
{
	struct capture_ctx ctx = *base;
	struct timespec	 start;
	struct pollfd	 pfd;
	char		*buf = NULL, *nl, *error = NULL;
	size_t		 used = 0, cap = 0;
	ssize_t		 n;
	pid_t		 pid, parent;
	int		 fds[2], status = 0, rc = -1, ended = 0, timedout = 0,
			 waited = 0, i, ms;

	ctx.step = sr->step;
	clock_gettime(CLOCK_MONOTONIC, &start);
	vg_time_iso(time(NULL), sr->started);
	if (pipe2(fds, O_CLOEXEC) == -1) {
		sr->status = "failed";
		sr->reason = xasprintf("pipe: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	fflush(stderr);
	parent = getpid();
	if ((pid = fork()) == -1) {
		sr->status = "failed";
		sr->reason = xasprintf("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL);
		child_tie(parent, sr->limit);
		child_run(&ctx, fds[1]);
	}
	/* Also here: the group must exist before any kill(-pid). */
	(void)setpgid(pid, pid);
	step_pgid = pid;
	close(fds[1]);
	sr->pid = pid;
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (;;) {
		ms = (int)((sr->limit - elapsed(&start)) * 1000);
		if (ms <= 0) {
			timedout = 1;
			break;
		}
		if (ms > 100)
			ms = 100;	/* redraw the progress line */
		if (poll(&pfd, 1, ms) == -1 && errno != EINTR)
			break;
		run_progress(r, sr, index, total, &start);
		if (!(pfd.revents & (POLLIN | POLLHUP)))
			continue;
		if (cap - used < 65536) {
			cap = cap ? cap * 2 : 131072;
			buf = xreallocarray(buf, cap, 1);
		}
		if ((n = read(fds[0], buf + used, cap - used - 1)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			break;		/* the child closed its end */
		}
		used += (size_t)n;
		buf[used] = '\0';
		while ((nl = memchr(buf, '\n', used)) != NULL) {
			*nl = '\0';
			ended |= run_message(r, sr, buf, &rc, &error);
			used -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, used);
		}
	}
	if (timedout) {
		stop_group(pid);
		/* A child stuck in the kernel may not die: wait 2 s. */
		for (i = 0; i < 40 && !waited; i++) {
			if (waitpid(pid, &status, WNOHANG) == pid)
				waited = 1;
			else
				usleep(50000);
		}
		/* Messages sent before the kill still count. */
		(void)fcntl(fds[0], F_SETFL, O_NONBLOCK);
		if (cap - used < 65536) {
			cap = cap ? cap * 2 : 131072;
			buf = xreallocarray(buf, cap, 1);
		}
		while ((n = read(fds[0], buf + used, cap - used - 1)) > 0) {
			used += (size_t)n;
			buf[used] = '\0';
			while ((nl = memchr(buf, '\n', used)) != NULL) {
				*nl = '\0';
				run_message(r, sr, buf, &rc, &error);
				used -= (size_t)(nl + 1 - buf);
				memmove(buf, nl + 1, used);
			}
			if (cap - used < 65536) {
				cap *= 2;
				buf = xreallocarray(buf, cap, 1);
			}
		}
	} else if (waitpid(pid, &status, 0) == pid)
		waited = 1;
	/* Whatever the step may have started dies with it. */
	stop_group(pid);
	close(fds[0]);
	free(buf);
	while (sr->nopen > 0) {
		run_orphan(r, sr, sr->open[sr->nopen - 1]);
		free(sr->open[--sr->nopen]);
	}
	sr->seconds = elapsed(&start);
	/* The child's own alarm (child_tie) fired first: a parent that
	 * was held up did not see the limit pass, but it did. */
	if (!timedout && waited && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGALRM) {
		timedout = 1;
		waited = 1;
	}
	if (timedout) {
		sr->status = "timeout";
		sr->reason = xasprintf(_("time limit reached (%d s)%s"),
		    sr->limit, waited ? "" : _("; the step could not be "
		    "stopped"));
	} else if (waited && WIFSIGNALED(status)) {
		sr->status = "failed";
		sr->reason = xasprintf(_("stopped by signal %d"),
		    WTERMSIG(status));
	} else if (!ended) {
		sr->status = "failed";
		sr->reason = xstrdup(_("ended without reporting"));
	} else if (rc != 0) {
		sr->status = "failed";
		sr->reason = xstrdup(error != NULL ? error : "?");
	} else
		sr->status = "ok";
	free(error);
}

/* ---- checks before starting ----------------------------------------- */

/*
 * Refuse a DIR on a file system the capture examines: writing there
 * could overwrite deleted files and changes what is being preserved.
 */
static int
same_disk(const struct capture_opts *o, const char *dir, char **which)
{
	static const char *const examined[] = {
		"/", "/var", "/var/log", "/home", "/root", "/tmp", "/var/tmp",
		"/etc", "/usr", "/dev/shm", "/boot", "/srv", "/opt",
	};
	struct stat	 d, e;
	char		*p, *slash;
	size_t		 i;
	int		 k;

	/* The nearest existing folder of DIR. */
	p = xstrdup(dir);
	while (stat(p, &d) == -1) {
		if ((slash = strrchr(p, '/')) == NULL) {
			free(p);
			p = xstrdup(".");
		} else if (slash == p)
			p[1] = '\0';
		else
			*slash = '\0';
		if (stat(p, &d) == 0)
			break;
		if (strcmp(p, ".") == 0 || strcmp(p, "/") == 0)
			break;
	}
	free(p);
	for (i = 0; i < sizeof(examined) / sizeof(examined[0]); i++)
		if (stat(examined[i], &e) == 0 && e.st_dev == d.st_dev) {
			*which = xstrdup(examined[i]);
			return 1;
		}
	for (k = 0; k < o->ncollect; k++)
		if (stat(o->collect[k], &e) == 0 && e.st_dev == d.st_dev) {
			*which = xstrdup(o->collect[k]);
			return 1;
		}
	return 0;
}

/*
 * Create DIR (0700) or accept an empty existing folder that belongs to
 * us and that nobody else can write to; returns its descriptor (opened
 * O_NOFOLLOW, checked through the descriptor, not the name) or -1.
 */
static int
make_dir(const char *dir, struct stat *st, char *err)
{
	DIR		*d;
	struct dirent	*de;
	int		 fd, fd2, empty = 1, created = 0;

	if (mkdir(dir, 0700) == 0)
		created = 1;
	else if (errno == ENOENT) {
		if (vg_mkdir_p(dir, 0700, err) == -1)
			return -1;
		created = 1;
	} else if (errno != EEXIST) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(fd, st) == -1) {
		vg_seterr(err, "%s: %s", dir, strerror(errno == ELOOP ?
		    ENOTDIR : errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	/* Only for a folder found there: one just made has our owner,
	 * and on a FAT key its mode is whatever the mount says. */
	if (!created && (st->st_uid != geteuid() ||
	    (st->st_mode & 022) != 0)) {
		vg_seterr(err, _("%s: the folder belongs to someone else or "
		    "others can write in it; give a new folder for each "
		    "capture"), dir);
		close(fd);
		return -1;
	}
	if ((fd2 = dup(fd)) == -1 || (d = fdopendir(fd2)) == NULL) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		if (fd2 != -1)
			close(fd2);
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	if (!empty) {
		vg_seterr(err, created ? _("%s: files appeared in the new "
		    "folder before the capture started; refused") :
		    _("%s: the folder is not empty; give a new "
		    "folder for each capture"), dir);
		close(fd);
		return -1;
	}
	return fd;
}

/* Write NAME in DIR (O_EXCL, 0600), hashing the bytes as written. */
static int
write_sealed(struct run *r, const char *name, const void *data, size_t len,
    char sha[65], char *err)
{
	int	fd;

	if ((fd = openat(r->dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    vg_write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		vg_seterr(err, "%s/%s: %s", r->o->out, name, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	vg_sha256_hex(data, len, sha);
	return 0;
}

/* ---- the manifest --------------------------------------------------- */

static char *
small_file(const char *path)
{
	char	*s;
	size_t	 len;

	if ((s = read_all(path, 4096, &len, NULL)) == NULL)
		return NULL;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = '\0';
	return s;
}

static json_t *
manifest_host(const struct capture_opts *o)
{
	char	host[256], *mid, *bid, *ver, *p;
	json_t	*j;

	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	mid = small_file("/etc/machine-id");
	p = xasprintf("%s/sys/kernel/random/boot_id", o->proc);
	bid = small_file(p);
	free(p);
	p = xasprintf("%s/version", o->proc);
	ver = small_file(p);
	free(p);
	j = json_pack("{s:o, s:o, s:o, s:o}", "hostname", vg_json_str(host),
	    "machine_id", vg_json_str(mid), "boot_id", vg_json_str(bid),
	    "kernel", vg_json_str(ver));
	free(mid);
	free(bid);
	free(ver);
	return j;
}

static json_t *
manifest_tool(void)
{
	char		 sha[65];
	uint64_t	 size;
	json_t		*j;
	int		 fd;

	j = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I}", "name", "vigie",
	    "version", VG_VERSION, "static_build", capture_static_build(),
	    "pid", (json_int_t)getpid(), "uid", (json_int_t)getuid(),
	    "euid", (json_int_t)geteuid());
	/* Our own binary, as DFIR ORC records it. */
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) != -1) {
		if (read_hash_fd(fd, 0, sha, &size) == 0) {
			json_object_set_new(j, "sha256", json_string(sha));
			json_object_set_new(j, "size", json_integer(
			    (json_int_t)size));
		}
		close(fd);
	}
	return j;
}

static json_t *
manifest_clock(const struct capture_opts *o, time_t start)
{
	struct timex	 tx;
	json_t		*j;
	time_t		 ref;
	char		 iso[32];
	int		 state;

	vg_time_iso(start, iso);
	j = json_pack("{s:s}", "system_utc_at_start", iso);
	memset(&tx, 0, sizeof(tx));
	if ((state = adjtimex(&tx)) != -1)
		json_object_set_new(j, "ntp_synchronised", json_boolean(
		    state != TIME_ERROR && !(tx.status & STA_UNSYNC)));
	if (o->clock_ref != NULL) {
		json_object_set_new(j, "reference_typed",
		    vg_json_str(o->clock_ref));
		if (vg_time_parse_iso(o->clock_ref, &ref) == 0)
			json_object_set_new(j, "offset_s", json_integer(
			    (json_int_t)(start - ref)));
	}
	return j;
}

static json_t *
manifest_build(struct run *r, time_t start, time_t end, const char *fpr,
    int64_t entries, const char *head)
{
	const struct capture_opts *o = r->o;
	json_t	*m, *a, *s, *f, *argv;
	char	 iso[32];
	int	 i;

	argv = json_array();
	for (i = 0; i < vg_g.argc; i++)
		json_array_append_new(argv, vg_json_str(vg_g.argv[i]));
	m = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
	    "format", CAPTURE_FORMAT, "tool", manifest_tool(),
	    "command_line", argv, "case", vg_json_str(o->case_id),
	    "examiner", vg_json_str(o->examiner), "note",
	    vg_json_str(o->note), "host", manifest_host(o), "profile",
	    o->profile == CAPTURE_FULL ? "full" : "quick");
	a = json_array();
	for (i = 0; i < o->ncollect; i++)
		json_array_append_new(a, vg_json_str(o->collect[i]));
	json_object_set_new(m, "options", json_pack("{s:i, s:I, s:I, s:i,"
	    " s:o, s:s, s:o}", "recent_days", o->recent_days, "hash_max",
	    (json_int_t)o->hash_max, "copy_max", (json_int_t)o->copy_max,
	    "time_limit", o->time_limit, "steps", vg_json_str(o->steps),
	    "proc_root", o->proc, "collect", a));
	json_object_set_new(m, "same_disk_reason", vg_json_str(o->same_disk));
	vg_time_iso(start, iso);
	json_object_set_new(m, "started_utc", json_string(iso));
	vg_time_iso(end, iso);
	json_object_set_new(m, "ended_utc", json_string(iso));
	json_object_set_new(m, "duration_s", json_real(elapsed(&r->t0)));
	json_object_set_new(m, "clock", manifest_clock(o, start));

	s = json_array();
	f = json_array();
	for (i = 0; i < r->nsteps; i++) {
		struct step_rec *sr = &r->steps[i];
		json_t *js = json_pack("{s:s, s:s, s:s, s:o, s:s, s:f, s:i,"
		    " s:i, s:I, s:I, s:O, s:O}", "name", sr->step->name,
		    "folder", sr->step->dir, "status", sr->status, "reason",
		    vg_json_str(sr->reason), "started_utc", sr->started,
		    "seconds", sr->seconds, "time_limit_s", sr->limit,
		    "artifacts", sr->artifacts, "bytes",
		    (json_int_t)sr->bytes, "warnings_count",
		    (json_int_t)sr->nwarnings, "warnings", sr->warnings,
		    "stats", sr->stats);
		if (sr->pid > 0)
			json_object_set_new(js, "pid", json_integer(sr->pid));
		json_array_append_new(s, js);
		if (strcmp(sr->status, "ok") != 0 &&
		    strcmp(sr->status, "skipped") != 0)
			json_array_append_new(f, json_pack("{s:s, s:s, s:o}",
			    "name", sr->step->name, "status", sr->status,
			    "reason", vg_json_str(sr->reason)));
	}
	json_object_set_new(m, "steps", s);
	json_object_set_new(m, "failed_steps", f);

	a = json_array();
	for (i = 0; i < r->narts; i++)
		json_array_append_new(a, json_pack("{s:o, s:I, s:s, s:o, s:s,"
		    " s:s, s:b}", "path", vg_json_str(r->arts[i].path),
		    "size", (json_int_t)r->arts[i].size, "sha256",
		    r->arts[i].sha256, "source", vg_json_str(r->arts[i].source),
		    "time_utc", r->arts[i].time, "step", r->arts[i].step,
		    "partial", r->arts[i].partial));
	json_object_set_new(m, "artifacts", a);
	json_object_set_new(m, "signature", json_pack("{s:s, s:s, s:s, s:s}",
	    "algorithm", "Ed25519", "file", CAPTURE_SIGNATURE, "public_key",
	    CAPTURE_PUBKEY, "key_fingerprint_sha256", fpr));
	json_object_set_new(m, "custody", json_pack("{s:s, s:I, s:s}",
	    "file", CAPTURE_CUSTODY, "entries", (json_int_t)entries, "head",
	    head));
	return m;
}

/* The hash of a step's artifact list, for its custody entry. */
static void
step_digest(struct run *r, const struct step_rec *sr, char hex[65])
{
	struct vg_hash	*h;
	char		*line;
	int		 i;

	h = vg_hash_new(VG_SHA256);
	for (i = 0; i < r->narts; i++) {
		if (r->arts[i].step != sr->step->name)
			continue;
		line = seal_sums_line(r->arts[i].sha256, r->arts[i].path);
		vg_hash_update(h, line, strlen(line));
		free(line);
	}
	vg_hash_final(h, hex);
}

/* ---- seal ----------------------------------------------------------- */

static int
run_seal(struct run *r, EVP_PKEY *key, time_t start, char *fpr,
    char *manifest_sha, char *head, char *err)
{
	unsigned char	 sig[64];
	json_t		*m;
	char		*pub = NULL, *text = NULL, sha[65], *sums = NULL,
			*line, h2[65];
	size_t		 slen = 0;
	int		 i, rc = -1;
	sqlite3_stmt	*st = NULL;
	int64_t		 entries = 0;

	if ((pub = seal_pubkey_pem(key, fpr, err)) == NULL)
		goto out;
	/* The custody chain as it is now, anchored in the signed manifest. */
	if (sqlite3_prepare_v2(r->custody, "SELECT count(*), (SELECT hash "
	    "FROM custody ORDER BY seq DESC LIMIT 1) FROM custody", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		vg_seterr(err, "%s: %s", CAPTURE_CUSTODY,
		    sqlite3_errmsg(r->custody));
		goto out;
	}
	entries = sqlite3_column_int64(st, 0);
	snprintf(head, 65, "%s", sqlite3_column_text(st, 1) ?
	    (const char *)sqlite3_column_text(st, 1) : "");
	m = manifest_build(r, start, time(NULL), fpr, entries, head);
	text = json_dumps(m, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	json_decref(m);
	if (text == NULL) {
		vg_seterr(err, "%s: cannot encode", CAPTURE_MANIFEST);
		goto out;
	}
	text = xreallocarray(text, strlen(text) + 2, 1);
	strcat(text, "\n");
	if (write_sealed(r, CAPTURE_MANIFEST, text, strlen(text),
	    manifest_sha, err) == -1 ||
	    seal_sign(key, text, strlen(text), sig, err) == -1 ||
	    write_sealed(r, CAPTURE_SIGNATURE, sig, sizeof(sig), sha,
	    err) == -1 ||
	    write_sealed(r, CAPTURE_PUBKEY, pub, strlen(pub), h2, err) == -1)
		goto out;
	/* SHA256SUMS: every artifact, then the sealing files. */
	for (i = 0; i < r->narts + 3; i++) {
		if (i < r->narts)
			line = seal_sums_line(r->arts[i].sha256,
			    r->arts[i].path);
		else if (i == r->narts)
			line = seal_sums_line(manifest_sha, CAPTURE_MANIFEST);
		else if (i == r->narts + 1)
			line = seal_sums_line(sha, CAPTURE_SIGNATURE);
		else
			line = seal_sums_line(h2, CAPTURE_PUBKEY);
		sums = xreallocarray(sums, slen + strlen(line) + 1, 1);
		memcpy(sums + slen, line, strlen(line) + 1);
		slen += strlen(line);
		free(line);
	}
	if (write_sealed(r, CAPTURE_SUMS, sums ? sums : "", slen, h2,
	    err) == -1)
		goto out;
	if (custody_add(r->custody, r->actor, "seal", CAPTURE_MANIFEST,
	    manifest_sha, "manifest signed (Ed25519), SHA256SUMS written",
	    head, err) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(pub);
	free(text);
	free(sums);
	return rc;
}

/* ---- the command ---------------------------------------------------- */

static int
parse_steps(const char *list, char *bad, size_t badlen)
{
	char	*copy, *tok, *save = NULL;
	int	 i, ok = 1;

	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; capture_steps[i].name != NULL; i++)
			if (strcmp(capture_steps[i].name, tok) == 0)
				break;
		if (capture_steps[i].name == NULL) {
			snprintf(bad, badlen, "%s", tok);
			ok = 0;
			break;
		}
	}
	free(copy);
	return ok;
}

static int
step_selected(const struct capture_opts *o, const char *name)
{
	const char	*p;
	size_t		 n = strlen(name);

	if (o->steps == NULL) {
		if (strcmp(name, "collect") == 0)
			return o->ncollect > 0;
		if (strcmp(name, "yara") == 0)
			return o->yara || o->profile == CAPTURE_FULL;
		return 1;
	}
	for (p = o->steps; (p = strstr(p, name)) != NULL; p += n)
		if ((p == o->steps || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A 64-hex code in four groups of 16, so that it fits 80 columns and
 * the first group is easy to copy onto paper. */
static void
print_code(const char *label, const char *hex)
{
	printf("  %s\n      %.16s %.16s %.16s %.16s\n", label, hex, hex + 16,
	    hex + 32, hex + 48);
}

static void
print_summary(struct run *r, const char *fpr, int key_created,
    const char *keypath, const char *manifest_sha, const char *head,
    const char *archive, const char *archive_sha, int nfailed)
{
	char	size[32], secs[32], iso[32];
	int	i, ran = 0;

	for (i = 0; i < r->nsteps; i++)
		ran += strcmp(r->steps[i].status, "skipped") != 0;
	human_size(r->bytes, size, sizeof(size));
	seconds_text(elapsed(&r->t0), secs, sizeof(secs));
	vg_time_iso(time(NULL), iso);
	printf("\n");
	printf(nfailed ? _("Capture finished, INCOMPLETE, in %s\n") :
	    _("Capture finished in %s\n"), r->o->out);
	printf(vg_ngettext("  %d step run, %d failed; ",
	    "  %d steps run, %d failed; ", (unsigned long)ran), ran, nfailed);
	printf(vg_ngettext("%d file, %s, in %s\n", "%d files, %s, in %s\n",
	    (unsigned long)r->narts), r->narts, size, secs);
	print_code(_("Manifest (SHA-256):"), manifest_sha);
	print_code(_("Signing key (fingerprint):"), fpr);
	if (key_created)
		printf(_("      new key created: %s\n"
		    "      keep it for the next captures\n"), keypath);
	print_code(_("Custody log (last entry):"), head);
	if (archive != NULL) {
		printf(_("  Archive: %s\n"), archive);
		print_code(_("Archive (SHA-256):"), archive_sha);
	}
	if (nfailed > 0) {
		printf(_("Steps that failed (details in manifest.json):\n"));
		for (i = 0; i < r->nsteps; i++)
			if (strcmp(r->steps[i].status, "ok") != 0 &&
			    strcmp(r->steps[i].status, "skipped") != 0)
				printf("  - %s: %s\n",
				    _(r->steps[i].step->title),
				    r->steps[i].reason);
	}
	printf(_("\nWhat to do now:\n"));
	printf(_("  1. Write on the paper custody form the time now (%s,\n"
	    "     machine clock, UTC), the machine's name, and the first\n"
	    "     group of each code above.\n"), iso);
	printf(_("  2. Unplug the USB key and keep it locked away; never plug "
	    "it\n     into a suspect machine again.\n"));
	printf(_("  3. Do not switch off or restart this machine; keep it off "
	    "the\n     network until the investigators say otherwise.\n"));
	printf(_("  4. Call the contacts listed by \"vigie respond "
	    "checklist\"\n     (17Cyber, gendarmerie, regional CSIRT, "
	    "insurer).\n"));
	printf(_("  5. Each time the key changes hands, record it:\n"
	    "     vigie respond custody %s --add \"handed to ...\"\n"),
	    r->o->out);
	printf(_("  6. To check the capture later:\n"
	    "     vigie respond verify %s\n"), r->o->out);
}

static void
json_summary(struct run *r, const char *fpr, const char *keypath,
    int key_created, const char *manifest_sha, const char *head,
    const char *archive, const char *archive_sha, int nfailed)
{
	json_t	*j, *s;
	int	 i;

	s = json_array();
	for (i = 0; i < r->nsteps; i++)
		json_array_append_new(s, json_pack("{s:s, s:s, s:o, s:i, s:I,"
		    " s:f, s:I}", "name", r->steps[i].step->name, "status",
		    r->steps[i].status, "reason",
		    vg_json_str(r->steps[i].reason), "artifacts",
		    r->steps[i].artifacts, "bytes",
		    (json_int_t)r->steps[i].bytes, "seconds",
		    r->steps[i].seconds, "warnings",
		    (json_int_t)r->steps[i].nwarnings));
	j = json_pack("{s:o, s:b, s:i, s:o, s:i, s:I, s:f, s:s, s:s, s:o,"
	    " s:b, s:s, s:b}", "dir", vg_json_str(r->o->out), "complete",
	    nfailed == 0, "failed_steps", nfailed, "steps", s, "artifacts",
	    r->narts, "bytes", (json_int_t)r->bytes, "seconds",
	    elapsed(&r->t0), "manifest_sha256", manifest_sha,
	    "key_fingerprint", fpr, "key", vg_json_str(keypath),
	    "key_created", key_created, "custody_head", head,
	    "static_build", capture_static_build());
	if (archive != NULL)
		json_object_set_new(j, "archive", json_pack("{s:o, s:s}",
		    "path", vg_json_str(archive), "sha256", archive_sha));
	vg_json_emit(j);
}

enum {
	OPT_CASE = 0x2000, OPT_EXAMINER, OPT_NOTE, OPT_PROFILE, OPT_CLOCK,
	OPT_RECENT, OPT_HASHMAX, OPT_COPYMAX, OPT_LIMIT, OPT_STEPS,
	OPT_COLLECT, OPT_KEY, OPT_ARCHIVE, OPT_SAMEDISK, OPT_YARA,
};

/*
 * The command line into O (strings point into argv; o->collect is
 * allocated) and *archive (allocated, NULL without --archive). Returns
 * VG_OPT_CONTINUE, or the exit code when the command must stop.
 */
static int
capture_options(const struct vg_cmd *self, int argc, char **argv,
    struct capture_opts *o, char **archive)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "case", required_argument, NULL, OPT_CASE },
		{ "examiner", required_argument, NULL, OPT_EXAMINER },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "clock-ref", required_argument, NULL, OPT_CLOCK },
		{ "recent-days", required_argument, NULL, OPT_RECENT },
		{ "hash-max", required_argument, NULL, OPT_HASHMAX },
		{ "copy-max", required_argument, NULL, OPT_COPYMAX },
		{ "time-limit", required_argument, NULL, OPT_LIMIT },
		{ "steps", required_argument, NULL, OPT_STEPS },
		{ "collect", required_argument, NULL, OPT_COLLECT },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "archive", optional_argument, NULL, OPT_ARCHIVE },
		{ "allow-same-disk", required_argument, NULL, OPT_SAMEDISK },
		{ "yara", no_argument, NULL, OPT_YARA },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	char		 bad[64], *end;
	uint64_t	 v;
	time_t		 t;
	long		 num;
	int		 c, rc, hash_set = 0;

	o->profile = CAPTURE_QUICK;
	o->recent_days = 7;
	o->copy_max = 512ULL << 20;
	o->proc = getenv("VIGIE_CAPTURE_PROC");
	if (o->proc == NULL || *o->proc == '\0')
		o->proc = "/proc";
	while ((c = getopt_long(argc, argv, "o:" VG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case OPT_CASE:
			o->case_id = optarg;
			break;
		case OPT_EXAMINER:
			o->examiner = optarg;
			break;
		case OPT_NOTE:
			o->note = optarg;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "quick") == 0)
				o->profile = CAPTURE_QUICK;
			else if (strcmp(optarg, "full") == 0)
				o->profile = CAPTURE_FULL;
			else
				return vg_usage_error(self, _("--profile: "
				    "\"%s\" is neither quick nor full"),
				    optarg);
			break;
		case OPT_CLOCK:
			if (vg_time_parse_iso(optarg, &t) == -1)
				return vg_usage_error(self, _("--clock-ref: "
				    "\"%s\" is not a time like 2026-11-25 "
				    "17:13:18 (UTC)"), optarg);
			o->clock_ref = optarg;
			break;
		case OPT_RECENT:
		case OPT_LIMIT:
			num = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || num < 1 ||
			    num > 100000)
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not a whole number from 1 to 100000"),
				    c == OPT_RECENT ? "--recent-days" :
				    "--time-limit", optarg);
			if (c == OPT_RECENT)
				o->recent_days = (int)num;
			else
				o->time_limit = (int)num;
			break;
		case OPT_HASHMAX:
		case OPT_COPYMAX:
			if (vg_parse_size(optarg, &v) == -1)
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not a size like 64M"), c == OPT_HASHMAX ?
				    "--hash-max" : "--copy-max", optarg);
			if (c == OPT_HASHMAX) {
				o->hash_max = v;
				hash_set = 1;
			} else
				o->copy_max = v;
			break;
		case OPT_STEPS:
			if (!parse_steps(optarg, bad, sizeof(bad)))
				return vg_usage_error(self, _("--steps: "
				    "unknown step \"%s\""), bad);
			o->steps = optarg;
			break;
		case OPT_COLLECT:
			o->collect = xreallocarray(o->collect, o->ncollect + 1,
			    sizeof(char *));
			o->collect[o->ncollect++] = optarg;
			break;
		case OPT_KEY:
			o->key = optarg;
			break;
		case OPT_YARA:
			o->yara = 1;
			break;
		case OPT_ARCHIVE:
			free(*archive);
			*archive = xstrdup(optarg != NULL ? optarg : "");
			break;
		case OPT_SAMEDISK:
			if (*optarg == '\0')
				return vg_usage_error(self, "%s",
				    _("--allow-same-disk needs the reason"));
			o->same_disk = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument \"%s\""),
		    argv[optind]);
	if (o->out == NULL)
		return vg_usage_error(self, "%s", _("--out DIR is required "
		    "(a new folder on the USB key)"));
	if (!hash_set)
		o->hash_max = o->profile == CAPTURE_FULL ? 1ULL << 30 :
		    64ULL << 20;
	if (*archive != NULL && **archive == '\0') {
		free(*archive);
		*archive = xasprintf("%s.tar.gz", o->out);
	}
	return VG_OPT_CONTINUE;
}

/* Refuse an archive inside DIR: it would be packed into itself. */
static int
archive_inside(const char *dir, const char *archive)
{
	char	*real, *adir, *slash, *areal;
	size_t	 n;
	int	 inside = 0;

	adir = xstrdup(archive);
	if ((slash = strrchr(adir, '/')) != NULL)
		*slash = '\0';
	real = realpath(dir, NULL);
	areal = realpath(slash == NULL ? "." : *adir ? adir : "/", NULL);
	if (real != NULL && areal != NULL) {
		n = strlen(real);
		inside = strncmp(areal, real, n) == 0 &&
		    (areal[n] == '/' || areal[n] == '\0');
	}
	free(real);
	free(areal);
	free(adir);
	return inside;
}

/* vigie-signing.key beside DIR (same medium). Owned by the caller. */
static char *
default_keypath(const char *dir)
{
	char	*parent, *p, *path;
	size_t	 n;

	parent = xstrdup(dir);
	while ((n = strlen(parent)) > 1 && parent[n - 1] == '/')
		parent[n - 1] = '\0';
	if ((p = strrchr(parent, '/')) == NULL)
		path = xstrdup(CAPTURE_KEYNAME);
	else if (p == parent)
		path = xstrdup("/" CAPTURE_KEYNAME);
	else {
		*p = '\0';
		path = xasprintf("%s/%s", parent, CAPTURE_KEYNAME);
	}
	free(parent);
	return path;
}

/* The first custody entry: who, what, and the leave-no-trace reason. */
static int
custody_start(struct run *r, char *err)
{
	const struct capture_opts *o = r->o;
	json_t	*d;
	char	*ds;
	int	 rc;

	d = json_pack("{s:o, s:o, s:o, s:s, s:I, s:o, s:b}", "case",
	    vg_json_str(o->case_id), "examiner", vg_json_str(o->examiner),
	    "note", vg_json_str(o->note), "profile", o->profile ==
	    CAPTURE_FULL ? "full" : "quick", "pid", (json_int_t)getpid(),
	    "same_disk_reason", vg_json_str(o->same_disk), "static_build",
	    capture_static_build());
	ds = json_dumps(d, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(d);
	rc = custody_add(r->custody, r->actor, "capture.start", o->out, "",
	    ds, NULL, err);
	free(ds);
	return rc;
}

/* Boot time from the btime line of PROC/stat (0 if unknown). */
static time_t
boot_time(const char *proc)
{
	char	*path, *buf, *b;
	time_t	 t = 0;

	path = xasprintf("%s/stat", proc);
	if ((buf = read_all(path, 1 << 20, NULL, NULL)) != NULL) {
		if ((b = strstr(buf, "\nbtime ")) != NULL)
			t = (time_t)strtoll(b + 7, NULL, 10);
		free(buf);
	}
	free(path);
	return t;
}

/* Run every selected step; returns how many failed. */
static int
run_steps(struct run *r, struct capture_ctx *ctx)
{
	struct step_rec	*sr;
	char		 size[32], secs[32], dig[65], err[VG_ERRLEN], *detail;
	int		 total, i, nfailed = 0;

	for (total = 0; capture_steps[total].name != NULL; total++)
		;
	r->steps = xcalloc(total, sizeof(*r->steps));
	for (i = 0; i < total; i++) {
		sr = &r->steps[r->nsteps++];
		sr->step = &capture_steps[i];
		sr->limit = r->o->time_limit > 0 ? r->o->time_limit :
		    capture_steps[i].limit;
		sr->warnings = json_array();
		sr->stats = json_object();
		if (!step_selected(r->o, capture_steps[i].name)) {
			sr->status = "skipped";
			sr->reason = xstrdup(r->o->steps != NULL ?
			    _("not in --steps") : strcmp(sr->step->name,
			    "yara") == 0 ? _("not asked for (--yara)") :
			    _("nothing to collect"));
			continue;
		}
		run_step(r, ctx, sr, i + 1, total);
		vg_progress_clear();
		human_size(sr->bytes, size, sizeof(size));
		seconds_text(sr->seconds, secs, sizeof(secs));
		if (strcmp(sr->status, "ok") != 0)
			nfailed++;
		if (!vg_g.quiet && !vg_g.json) {
			if (strcmp(sr->status, "ok") == 0)
				fprintf(stderr, vg_ngettext("  [%d/%d] %s: "
				    "done, %d file, %s, %s\n", "  [%d/%d] %s: "
				    "done, %d files, %s, %s\n",
				    (unsigned long)sr->artifacts), i + 1,
				    total, _(sr->step->title), sr->artifacts,
				    size, secs);
			else
				fprintf(stderr, _("  [%d/%d] %s: FAILED (%s); "
				    "files kept: %d\n"), i + 1, total,
				    _(sr->step->title), sr->reason,
				    sr->artifacts);
		}
		/* The custody entry binds the step to its artifacts. */
		step_digest(r, sr, dig);
		detail = xasprintf("%s: %d artifacts, %llu bytes, %llu "
		    "warnings%s%s", sr->status, sr->artifacts,
		    (unsigned long long)sr->bytes,
		    (unsigned long long)sr->nwarnings, sr->reason ? "; " : "",
		    sr->reason ? sr->reason : "");
		if (custody_add(r->custody, r->actor, "capture.step",
		    sr->step->name, dig, detail, NULL, err) == -1)
			vg_warn("%s", err);
		free(detail);
	}
	return nfailed;
}

static int
cmd_respond_capture(const struct vg_cmd *self, int argc, char **argv)
{
	struct capture_opts	 o;
	struct capture_ctx	 ctx;
	struct run		 r;
	struct stat		 st;
	EVP_PKEY		*key = NULL;
	char			 err[VG_ERRLEN], fpr[65] = "",
				 manifest_sha[65] = "", head[65] = "",
				 archive_sha[65] = "", *which = NULL,
				*keypath = NULL, *archive = NULL, *detail;
	const char		*done_archive = NULL;
	uint64_t		 archive_size;
	int			 i, key_created = 0, nfailed = 0,
				 ret = VG_EXIT_ERROR;
	time_t			 start;

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	r.dirfd = -1;
	if ((ret = capture_options(self, argc, argv, &o, &archive)) !=
	    VG_OPT_CONTINUE)
		goto out;
	ret = VG_EXIT_ERROR;

	/* Leave no trace: never write on the examined file systems. */
	if (same_disk(&o, o.out, &which)) {
		if (o.same_disk == NULL) {
			vg_warn(_("%s is on the same disk as %s, which this "
			    "capture examines: writing there could overwrite "
			    "deleted files and change the evidence. Write to "
			    "a USB key (--out /media/KEY/capture), or give "
			    "--allow-same-disk \"REASON\" to accept it; the "
			    "reason is recorded."), o.out, which);
			goto out;
		}
	} else
		o.same_disk = NULL;	/* nothing to excuse */
	if ((r.dirfd = make_dir(o.out, &st, err)) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (archive != NULL && archive_inside(o.out, archive)) {
		vg_warn(_("%s: the archive cannot be inside the capture "
		    "folder"), archive);
		goto out;
	}

	/* The signing key: --key, else beside DIR on the same medium. */
	keypath = o.key != NULL ? xstrdup(o.key) : default_keypath(o.out);
	if ((key = seal_key_load(keypath, 1, &key_created, err)) == NULL) {
		vg_warn("%s", err);
		goto out;
	}

	r.o = &o;
	/* Who acts in the custody log: the examiner, else the login. */
	if ((r.actor = o.examiner) == NULL && (r.actor = getenv("USER")) ==
	    NULL)
		r.actor = "?";
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	start = time(NULL);
	if ((r.custody = custody_open(o.out, 1, 1, err)) == NULL ||
	    custody_start(&r, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &o;
	ctx.dirfd = r.dirfd;
	ctx.report = -1;
	ctx.out_dev = st.st_dev;
	ctx.out_ino = st.st_ino;
	ctx.collector = getpid();
	ctx.hz = sysconf(_SC_CLK_TCK);
	ctx.boot_time = boot_time(o.proc);
	if (!vg_g.quiet && !vg_g.json)
		fprintf(stderr, _("vigie %s: capturing evidence into %s\n"
		    "(vigie is pid %ld). Do not switch the machine off.\n"),
		    VG_VERSION, o.out, (long)getpid());
	signal(SIGINT, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
	nfailed = run_steps(&r, &ctx);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);

	if (run_seal(&r, key, start, fpr, manifest_sha, head, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (archive != NULL) {
		if (seal_archive(o.out, archive, archive_sha, &archive_size,
		    err) == -1) {
			vg_warn("%s", err);
			nfailed++;
		} else {
			done_archive = archive;
			detail = xasprintf("tar.gz of %s, %llu bytes", o.out,
			    (unsigned long long)archive_size);
			if (custody_add(r.custody, r.actor, "archive", archive,
			    archive_sha, detail, head, err) == -1)
				vg_warn("%s", err);
			free(detail);
		}
	}
	if (vg_g.json)
		json_summary(&r, fpr, keypath, key_created, manifest_sha, head,
		    done_archive, archive_sha, nfailed);
	else if (!vg_g.quiet)
		print_summary(&r, fpr, key_created, keypath, manifest_sha,
		    head, done_archive, archive_sha, nfailed);
	ret = nfailed > 0 ? VG_EXIT_FOUND : VG_EXIT_OK;
out:
	for (i = 0; i < r.nsteps; i++) {
		free(r.steps[i].reason);
		json_decref(r.steps[i].warnings);
		json_decref(r.steps[i].stats);
		free(r.steps[i].open);
	}
	free(r.steps);
	for (i = 0; i < r.narts; i++) {
		free(r.arts[i].path);
		free(r.arts[i].source);
	}
	free(r.arts);
	if (r.custody != NULL)
		sqlite3_close(r.custody);
	if (r.dirfd != -1)
		close(r.dirfd);
	EVP_PKEY_free(key);
	free(keypath);
	free(archive);
	free(which);
	free(o.collect);
	/* Reap a step that could not be stopped, if it ended since. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return ret;
}

const struct vg_cmd cmd_respond_capture_entry = {
	.name = "respond capture",
	.usage = N_("--out DIR [OPTION]..."),
	.summary = N_("capture volatile evidence from this machine, sealed"),
	.help = N_("Collects, in order of volatility, what police and "
	    "gendarmerie "
	    "need before the machine is switched off: clock, processes "
	    "(with the SHA-256 of each executable, copied when deleted), "
	    "network connections and their processes, sessions, system "
	    "state, recent files, logs. Everything is read directly from "
	    "/proc, /sys and the files (no other program is run), written "
	    "only under DIR, hashed while written and sealed: SHA256SUMS "
	    "(checkable with sha256sum -c), manifest.json signed with "
	    "Ed25519, and the custody log custody.db. Each step has a time "
	    "limit; a step that fails is recorded and the capture goes on.\n"
	    "\n"
	    "  -o, --out DIR          new or empty folder, on a USB key "
	    "(required)\n"
	    "  --case ID              case or complaint number\n"
	    "  --examiner NAME        who runs the capture\n"
	    "  --note TEXT            free note kept in the manifest\n"
	    "  --clock-ref TIME       the real time when you started, read "
	    "on a phone (UTC, \"2026-11-25 17:13:18\"): the clock offset "
	    "is recorded\n"
	    "  --profile quick|full   quick (default): the essentials in "
	    "under a minute; full: also environments, all of /var/log, "
	    "files changed anywhere in /usr and /var\n"
	    "  --recent-days N        window for recently changed files "
	    "(default 7)\n"
	    "  --hash-max SIZE        larger files are listed, not hashed "
	    "(default 64M quick, 1G full)\n"
	    "  --copy-max SIZE        copies of logs and deleted "
	    "executables are cut at SIZE (default 512M)\n"
	    "  --collect PATH         also copy PATH whole (a file or a "
	    "folder; may be repeated)\n"
	    "  --yara                 last, scan process memory and the "
	    "recent and temporary files with the shipped YARA rules and IOC "
	    "lists (always in the full profile)\n"
	    "  --steps LIST           only these steps, e.g. "
	    "clock,processes,network,sessions\n"
	    "  --time-limit SECONDS   time limit of every step (default: "
	    "each step its own, 10 s to 1 h)\n"
	    "  --key PATH             Ed25519 signing key (PEM), created "
	    "there if missing; default: vigie-signing.key beside DIR\n"
	    "  --archive[=FILE]       also pack DIR into FILE (default "
	    "DIR.tar.gz) and record its SHA-256 in the custody log\n"
	    "  --allow-same-disk REASON  accept a DIR on a disk being "
	    "examined (refused otherwise); the reason is recorded\n"
	    "\n"
	    "Exit status: 0 complete, 1 sealed but some steps failed, 2 "
	    "nothing captured. See docs/commands/respond-capture.md.\n"),
	.exec = cmd_respond_capture,
};
