/*
 * capture-run.c — the runner of `vigie respond capture`: each step of
 * capture_steps[] runs in a child process (fork, no exec) with a time
 * limit; the parent reads the child's messages (artifacts written,
 * warnings, statistics) from a pipe, shows the progress, and kills the
 * child when its time is up. A step that fails, crashes or times out is
 * recorded with its reason and the capture goes on with the next one.
 * Files still open in a killed step are hashed and listed as partial.
 * Only the parent writes the custody log.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "capture-run.h"

#define MAX_WARNINGS	200	/* kept per step in the manifest */

double
capture_run_elapsed(const struct timespec *since)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* "4,2 Mo" in French, "4.2 MB" in English. */
void
capture_run_size_text(uint64_t n, char *buf, size_t len)
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

void
capture_run_seconds_text(double s, char *buf, size_t len)
{
	char	*c;

	snprintf(buf, len, "%.1f s", s);
	if (strcmp(vg_lang(), "fr") == 0 && (c = strchr(buf, '.')) != NULL)
		*c = ',';
}

static void
capture_run_step_open(struct capture_run_rec *sr, const char *path)
{
	sr->open = xreallocarray(sr->open, sr->nopen + 1, sizeof(char *));
	sr->open[sr->nopen++] = xstrdup(path);
}

static void
capture_run_step_closed(struct capture_run_rec *sr, const char *path)
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
capture_run_add_art(struct capture_run *r, struct capture_run_rec *sr,
    const char *path, const char *source, const char *time, const char *sha,
    uint64_t size, int partial)
{
	struct capture_run_art	*a;

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
capture_run_message(struct capture_run *r, struct capture_run_rec *sr,
    const char *line, int *rc, char **error)
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
		capture_run_step_open(sr, path);
	else if (strcmp(t, "artifact") == 0 && path != NULL) {
		capture_run_step_closed(sr, path);
		capture_run_add_art(r, sr, path,
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
capture_run_orphan(struct capture_run *r, struct capture_run_rec *sr,
    const char *path)
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
		capture_run_add_art(r, sr, path,
		    "(cut short: the step was stopped)",
		    iso, sha, size, 1);
	close(fd);
}

static void
capture_run_progress(struct capture_run *r, struct capture_run_rec *sr,
    int index, int total, const struct timespec *start)
{
	char	size[32], secs[32];

	if (!vg_progress_enabled() || vg_g.json)
		return;
	capture_run_size_text(sr->bytes, size, sizeof(size));
	capture_run_seconds_text(capture_run_elapsed(start), secs,
	    sizeof(secs));
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
capture_run_on_signal(int sig)
{
	if (step_pgid > 0)
		kill(-(pid_t)step_pgid, SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
capture_run_stop_group(pid_t pid)
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
capture_run_child_tie(pid_t parent, int limit)
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
capture_run_child(struct capture_ctx *ctx, int fd)
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
capture_run_step(struct capture_run *r, struct capture_ctx *base,
    struct capture_run_rec *sr, int index, int total)
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
		capture_run_child_tie(parent, sr->limit);
		capture_run_child(&ctx, fds[1]);
	}
	/* Also here: the group must exist before any kill(-pid). */
	(void)setpgid(pid, pid);
	step_pgid = pid;
	close(fds[1]);
	sr->pid = pid;
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (;;) {
		ms = (int)((sr->limit - capture_run_elapsed(&start)) * 1000);
		if (ms <= 0) {
			timedout = 1;
			break;
		}
		if (ms > 100)
			ms = 100;	/* redraw the progress line */
		if (poll(&pfd, 1, ms) == -1 && errno != EINTR)
			break;
		capture_run_progress(r, sr, index, total, &start);
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
			ended |= capture_run_message(r, sr, buf, &rc, &error);
			used -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, used);
		}
	}
	if (timedout) {
		capture_run_stop_group(pid);
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
				capture_run_message(r, sr, buf, &rc, &error);
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
	capture_run_stop_group(pid);
	close(fds[0]);
	free(buf);
	while (sr->nopen > 0) {
		capture_run_orphan(r, sr, sr->open[sr->nopen - 1]);
		free(sr->open[--sr->nopen]);
	}
	sr->seconds = capture_run_elapsed(&start);
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

/* The hash of a step's artifact list, for its custody entry. */
static void
capture_run_step_digest(struct capture_run *r,
    const struct capture_run_rec *sr, char hex[65])
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

static int
capture_run_selected(const struct capture_opts *o, const char *name)
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

/* Run every selected step; returns how many failed. */
int
capture_run_steps(struct capture_run *r, struct capture_ctx *ctx)
{
	struct capture_run_rec	*sr;
	char		 size[32], secs[32], dig[65], err[VG_ERRLEN], *detail;
	int		 total, i, nfailed = 0;

	for (total = 0; capture_steps[total].name != NULL; total++)
		;
	r->steps = xcalloc(total, sizeof(*r->steps));
	signal(SIGINT, capture_run_on_signal);
	signal(SIGTERM, capture_run_on_signal);
	signal(SIGHUP, capture_run_on_signal);
	for (i = 0; i < total; i++) {
		sr = &r->steps[r->nsteps++];
		sr->step = &capture_steps[i];
		sr->limit = r->o->time_limit > 0 ? r->o->time_limit :
		    capture_steps[i].limit;
		sr->warnings = json_array();
		sr->stats = json_object();
		if (!capture_run_selected(r->o, capture_steps[i].name)) {
			sr->status = "skipped";
			sr->reason = xstrdup(r->o->steps != NULL ?
			    _("not in --steps") : strcmp(sr->step->name,
			    "yara") == 0 ? _("not asked for (--yara)") :
			    _("nothing to collect"));
			continue;
		}
		capture_run_step(r, ctx, sr, i + 1, total);
		vg_progress_clear();
		capture_run_size_text(sr->bytes, size, sizeof(size));
		capture_run_seconds_text(sr->seconds, secs, sizeof(secs));
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
		capture_run_step_digest(r, sr, dig);
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
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	return nfailed;
}
