/*
 * capture-uac.c — what UAC collects on Linux and the other steps did
 * not: the process tree (processes step), a hidden-PID check (processes
 * visible to a kill(pid, 0) probe across the whole PID range but missing
 * from the /proc listing: the mark of a user-space or kernel rootkit),
 * and, in the system step, every sysctl (read from /proc/sys directly,
 * no sysctl(8)), the kernel ring buffer (read from /dev/kmsg, no
 * dmesg(1)), the installed packages with their versions (parsed from
 * /var/lib/dpkg/status) and the container state of Docker and Podman
 * where present. Files and system calls only: no program is run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define UAC_MAX_FILE	(64 << 20)

/* ---- process tree ---------------------------------------------------- */

static int
tree_cmp(const void *a, const void *b)
{
	const struct proc_node *x = a, *y = b;

	if (x->ppid != y->ppid)
		return x->ppid < y->ppid ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static void
tree_print(struct artifact *a, const struct proc_node *v, int n, int ppid,
    int depth, int *printed)
{
	int lo = 0, hi = n, mid, i;

	/* v is sorted by ppid: find the first child of PPID. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (v[mid].ppid < ppid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < n && v[i].ppid == ppid; i++) {
		if (v[i].pid == ppid || depth > 64)
			continue;	/* a loop: never from a real /proc */
		artifact_printf(a, "%*s%d %s\n", depth * 2, "", v[i].pid,
		    v[i].name);
		(*printed)++;
		tree_print(a, v, n, v[i].pid, depth + 1, printed);
	}
}

void
uac_proc_tree(struct capture_ctx *ctx, struct proc_node *v, int n)
{
	struct artifact	*a;
	char		 err[VG_ERRLEN];
	int		 printed = 0, i, k;

	if ((a = artifact_open(ctx, "process-tree.txt", "ppid of "
	    "PROC/PID/stat", err)) == NULL) {
		capture_warn(ctx, "%s", err);
		return;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), tree_cmp);
	artifact_printf(a, "PID NAME (children indented under their "
	    "parent)\n");
	tree_print(a, v, n, 0, 0, &printed);
	/* Orphans whose parent is not in the list (it ended, or it is
	 * hidden): printed at the top level, parent named. */
	for (i = 0; i < n; i++) {
		int found = v[i].ppid == 0;

		for (k = 0; k < n && !found; k++)
			found = v[k].pid == v[i].ppid;
		if (!found) {
			artifact_printf(a, "%d %s   (parent %d not listed)\n",
			    v[i].pid, v[i].name, v[i].ppid);
			printed++;
			tree_print(a, v, n, v[i].pid, 1, &printed);
		}
	}
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* ---- hidden PIDs ----------------------------------------------------- */

static int
pid_listed(const int *pids, int n, int pid)
{
	int lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (pids[mid] == pid)
			return 1;
		if (pids[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The thread group of PID from PROC/PID/status, or -1. */
static long
tgid_of(struct capture_ctx *ctx, int pid)
{
	char	*p, *buf, *t;
	long	 tgid = -1;

	p = capture_proc(ctx, "/%d/status", pid);
	if ((buf = read_all(p, 65536, NULL, NULL)) != NULL) {
		if ((t = strstr(buf, "\nTgid:")) != NULL)
			tgid = strtol(t + 6, NULL, 10);
		free(buf);
	}
	free(p);
	return tgid;
}

/*
 * Every PID from 1 to pid_max probed with kill(pid, 0) (no signal is
 * sent); one that answers but is not in the /proc listing PIDS (sorted)
 * is looked at again: a thread of a listed process is normal; the rest
 * is recorded in hidden-pids.json. Only against the real /proc.
 */
void
uac_hidden_pids(struct capture_ctx *ctx, const int *pids, int npids)
{
	struct artifact	*a;
	json_t		*hidden, *j;
	char		*s, err[VG_ERRLEN];
	long		 pid_max = 4194304, pid, tgid, alive = 0, threads = 0;

	if (strcmp(ctx->opts->proc, "/proc") != 0)
		return;		/* a fake /proc: kill() probes this machine */
	if ((s = read_all("/proc/sys/kernel/pid_max", 64, NULL, NULL)) !=
	    NULL) {
		pid_max = strtol(s, NULL, 10);
		free(s);
	}
	if (pid_max < 2 || pid_max > 4194304)
		pid_max = 4194304;
	hidden = json_array();
	for (pid = 1; pid < pid_max; pid++) {
		if (kill((pid_t)pid, 0) == -1 && errno != EPERM)
			continue;
		alive++;
		if (pid_listed(pids, npids, (int)pid))
			continue;
		tgid = tgid_of(ctx, (int)pid);
		if (tgid > 0 && tgid != pid && pid_listed(pids, npids,
		    (int)tgid)) {
			threads++;
			continue;
		}
		/* Started after the listing? Then /proc lists it now. */
		if (tgid == pid) {
			DIR *d = opendir("/proc");
			struct dirent *de;
			int now = 0;
			while (d != NULL && (de = readdir(d)) != NULL)
				if (strtol(de->d_name, NULL, 10) == pid)
					now = 1;
			if (d != NULL)
				closedir(d);
			if (now)
				continue;
		}
		if (kill((pid_t)pid, 0) == -1 && errno != EPERM)
			continue;	/* ended meanwhile */
		json_array_append_new(hidden, json_pack("{s:I, s:I, s:s}",
		    "pid", (json_int_t)pid, "tgid", (json_int_t)tgid,
		    "why", tgid == -1 ? "answers kill(pid, 0) but has no "
		    "/proc entry" : "answers kill(pid, 0) and has a /proc "
		    "entry, but the /proc listing hides it"));
	}
	j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "method",
	    "kill(pid, 0) for every pid from 1 to pid_max, compared with "
	    "the readdir of /proc", "pid_max", (json_int_t)pid_max,
	    "listed", (json_int_t)npids, "answered", (json_int_t)alive,
	    "threads", (json_int_t)threads, "hidden", hidden);
	capture_send(ctx, json_pack("{s:s, s:I}", "t", "stats",
	    "hidden_pids", (json_int_t)json_array_size(hidden)));
	if (json_array_size(hidden) > 0)
		capture_warn(ctx, "%zu process(es) answer kill(pid, 0) but are "
		    "hidden from /proc: see hidden-pids.json",
		    json_array_size(hidden));
	if ((a = artifact_open(ctx, "hidden-pids.json", "kill(pid, 0) probe "
	    "and readdir of /proc", err)) == NULL) {
		json_decref(j);
		capture_warn(ctx, "%s", err);
		return;
	}
	artifact_json(a, j);
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* ---- sysctl ---------------------------------------------------------- */

static void
sysctl_walk(struct capture_ctx *ctx, struct artifact *a, const char *dir,
    const char *key, int depth, int *n)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*path, *k, *v;
	size_t		 len, i;

	if (depth > 16 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		k = *key ? xasprintf("%s.%s", key, de->d_name) :
		    xstrdup(de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			sysctl_walk(ctx, a, path, k, depth + 1, n);
		else if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 0444) != 0 &&
		    strcmp(k, "vm.compact_memory") != 0 &&
		    strstr(k, ".flush") == NULL &&
		    (v = read_all(path, 1 << 20, &len, NULL)) != NULL) {
			while (len > 0 && v[len - 1] == '\n')
				v[--len] = '\0';
			for (i = 0; i < len; i++)
				if (v[i] == '\n' || v[i] == '\t')
					v[i] = ' ';
			artifact_printf(a, "%s = %s\n", k, v);
			free(v);
			(*n)++;
		}
		free(k);
		free(path);
	}
	closedir(d);
}

static void
uac_sysctl(struct capture_ctx *ctx)
{
	struct artifact	*a;
	char		*dir, err[VG_ERRLEN];
	int		 n = 0;

	dir = capture_proc(ctx, "/sys");
	if ((a = artifact_open(ctx, "sysctl.txt", "PROC/sys, read directly "
	    "(as sysctl -a prints it)", err)) == NULL) {
		capture_warn(ctx, "%s", err);
		free(dir);
		return;
	}
	sysctl_walk(ctx, a, dir, "", 0, &n);
	free(dir);
	capture_send(ctx, json_pack("{s:s, s:i}", "t", "stats", "sysctl", n));
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* ---- the kernel ring buffer ----------------------------------------- */

static void
uac_dmesg(struct capture_ctx *ctx)
{
	struct artifact	*a;
	char		 buf[8192], err[VG_ERRLEN];
	ssize_t		 r;
	int		 fd, n = 0;

	if ((fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC)) ==
	    -1) {
		capture_warn(ctx, "/dev/kmsg: %s", strerror(errno));
		return;
	}
	if ((a = artifact_open(ctx, "kmsg.txt", "/dev/kmsg (the kernel ring "
	    "buffer, as dmesg -r prints it: priority,sequence,microseconds "
	    "since boot,flags;message)", err)) == NULL) {
		capture_warn(ctx, "%s", err);
		close(fd);
		return;
	}
	/* One record per read(); EAGAIN at the end, EPIPE when records
	 * were overwritten while reading (go on). */
	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r == -1 && (errno == EINTR || errno == EPIPE))
			continue;
		if (r <= 0)
			break;
		artifact_write(a, buf, (size_t)r);
		if (buf[r - 1] != '\n')
			artifact_write(a, "\n", 1);
		n++;
	}
	close(fd);
	capture_send(ctx, json_pack("{s:s, s:i}", "t", "stats",
	    "kmsg_records", n));
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* ---- installed packages --------------------------------------------- */

int
uac_dpkg_parse(const char *buf, size_t len, uac_pkg_fn fn, void *arg)
{
	const char	*p = buf, *end = buf + len, *nl;
	char		*f[4] = { NULL, NULL, NULL, NULL };
	static const char *const keys[4] = { "Package:", "Status:",
	    "Version:", "Architecture:" };
	int		 i, n = 0;

	for (;;) {
		nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		if (nl == NULL)
			nl = end;
		if (p >= end || nl == p) {	/* end of a paragraph */
			if (f[0] != NULL) {
				fn(f[0], f[1], f[2], f[3], arg);
				n++;
			}
			for (i = 0; i < 4; i++) {
				free(f[i]);
				f[i] = NULL;
			}
			if (p >= end)
				break;
		} else
			for (i = 0; i < 4; i++) {
				size_t kl = strlen(keys[i]);
				if ((size_t)(nl - p) > kl &&
				    memcmp(p, keys[i], kl) == 0 &&
				    f[i] == NULL) {
					const char *v = p + kl;
					while (v < nl && *v == ' ')
						v++;
					f[i] = xstrndup(v, (size_t)(nl - v));
				}
			}
		p = nl + 1;
	}
	return n;
}

static void
pkg_line(const char *name, const char *status, const char *version,
    const char *arch, void *arg)
{
	artifact_json(arg, json_pack("{s:o, s:o, s:o, s:o}", "package",
	    vg_json_str(name), "version", vg_json_str(version),
	    "architecture", vg_json_str(arch), "status", vg_json_str(status)));
}

static void
uac_packages(struct capture_ctx *ctx)
{
	static const char path[] = "/var/lib/dpkg/status";
	struct artifact	*a;
	char		*buf, err[VG_ERRLEN];
	size_t		 len;
	int		 n;

	if ((buf = read_all(path, UAC_MAX_FILE, &len, NULL)) == NULL) {
		if (errno != ENOENT)
			capture_warn(ctx, "%s: %s", path, strerror(errno));
		return;
	}
	if (artifact_copy(ctx, path, "packages/dpkg-status", 1, UAC_MAX_FILE,
	    NULL, err) == -1)
		capture_warn(ctx, "%s", err);
	if ((a = artifact_open(ctx, "packages/packages.jsonl", "/var/lib/"
	    "dpkg/status, parsed", err)) == NULL) {
		capture_warn(ctx, "%s", err);
		free(buf);
		return;
	}
	n = uac_dpkg_parse(buf, len, pkg_line, a);
	free(buf);
	capture_send(ctx, json_pack("{s:s, s:i}", "t", "stats", "packages",
	    n));
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* ---- containers ------------------------------------------------------ */

/* Small state files of each container: configuration, not layers. */
static void
containers_of(struct capture_ctx *ctx, const char *root, const char *name,
    const char *const *files, int *n)
{
	DIR		*d;
	struct dirent	*de;
	char		*src, *dst, err[VG_ERRLEN];
	size_t		 i;

	if ((d = opendir(root)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		for (i = 0; files[i] != NULL; i++) {
			src = xasprintf("%s/%s/%s", root, de->d_name,
			    files[i]);
			dst = xasprintf("containers/%s/%s/%s", name,
			    de->d_name, files[i]);
			if (artifact_copy(ctx, src, dst, 1, UAC_MAX_FILE, NULL,
			    err) == -1)
				capture_warn(ctx, "%s", err);
			free(src);
			free(dst);
		}
		(*n)++;
	}
	closedir(d);
}

static void
uac_containers(struct capture_ctx *ctx)
{
	static const char *const docker[] = { "config.v2.json",
	    "hostconfig.json", "resolv.conf", "hosts", "hostname", NULL };
	static const char *const single[] = {
		("/var/lib/containers/storage/overlay-containers/"
		"containers.json"),
		"/var/lib/containers/storage/db.sql",
		"/var/lib/docker/network/files/local-kv.db",
		"/etc/containers/registries.conf",
		"/etc/docker/daemon.json",
	};
	char	*dst, err[VG_ERRLEN];
	size_t	 i;
	int	 n = 0;

	containers_of(ctx, "/var/lib/docker/containers", "docker", docker,
	    &n);
	for (i = 0; i < sizeof(single) / sizeof(single[0]); i++) {
		dst = xasprintf("containers/files%s", single[i]);
		if (artifact_copy(ctx, single[i], dst, 1, UAC_MAX_FILE, NULL,
		    err) == -1)
			capture_warn(ctx, "%s", err);
		free(dst);
	}
	capture_send(ctx, json_pack("{s:s, s:i}", "t", "stats",
	    "docker_containers", n));
}

void
uac_system(struct capture_ctx *ctx)
{
	uac_sysctl(ctx);
	uac_dmesg(ctx);
	uac_packages(ctx);
	uac_containers(ctx);
}
