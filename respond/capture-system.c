/*
 * capture-system.c — the state of the system: kernel (version, command
 * line, taint, modules), mounts and disks, uptime and load, scheduled
 * tasks (cron, at, systemd timers), services (the running ones from the
 * cgroup tree, with their processes; the enabled ones from the unit
 * folders), accounts and groups, and the classic places of persistence
 * (ld.so.preload, rc.local, sudoers). No systemctl, no D-Bus: files only.
 * /etc/shadow is deliberately not collected (password hashes).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define SYS_MAX_FILE	(64 << 20)

/* Small text file, trailing newline cut, or NULL. */
static char *
sys_line(const char *path)
{
	char	*s;
	size_t	 len;

	if ((s = read_all(path, 65536, &len, NULL)) == NULL)
		return NULL;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = '\0';
	return s;
}

static void
sys_set_file(json_t *j, const char *key, const char *path)
{
	char	*s = sys_line(path);

	json_object_set_new(j, key, vg_json_str(s));
	free(s);
}

static int
sys_kernel(struct capture_ctx *ctx, char *err)
{
	struct utsname	 u;
	struct artifact	*a;
	json_t		*j;
	char		*p;

	j = json_object();
	if (uname(&u) == 0)
		json_object_set_new(j, "uname", json_pack("{s:o, s:o, s:o,"
		    " s:o, s:o}", "sysname", vg_json_str(u.sysname),
		    "nodename", vg_json_str(u.nodename), "release",
		    vg_json_str(u.release), "version", vg_json_str(u.version),
		    "machine", vg_json_str(u.machine)));
	p = capture_proc(ctx, "/version");
	sys_set_file(j, "proc_version", p);
	free(p);
	p = capture_proc(ctx, "/cmdline");
	sys_set_file(j, "kernel_cmdline", p);
	free(p);
	p = capture_proc(ctx, "/sys/kernel/tainted");
	sys_set_file(j, "tainted", p);
	free(p);
	p = capture_proc(ctx, "/sys/kernel/random/boot_id");
	sys_set_file(j, "boot_id", p);
	free(p);
	sys_set_file(j, "machine_id", "/etc/machine-id");
	sys_set_file(j, "hostname_file", "/etc/hostname");
	if ((a = artifact_open(ctx, "kernel.json", "uname, /proc/version, "
	    "/proc/cmdline, /proc/sys/kernel, /etc/machine-id", err)) ==
	    NULL) {
		json_decref(j);
		return -1;
	}
	artifact_json(a, j);
	return artifact_close(a, 0, err);
}

static void
sys_modules(struct capture_ctx *ctx)
{
	struct artifact	*a;
	char		*path, *buf, *line, *next, name[256], deps[4096],
			 state[32], err[VG_ERRLEN];
	unsigned long	 size;
	int		 refs;

	path = capture_proc(ctx, "/modules");
	if ((buf = read_all(path, SYS_MAX_FILE, NULL, NULL)) == NULL) {
		if (errno != ENOENT)
			capture_warn(ctx, "%s: %s", path, strerror(errno));
		free(path);
		return;
	}
	if ((a = artifact_open(ctx, "modules.jsonl", path, err)) == NULL) {
		capture_warn(ctx, "%s", err);
		goto out;
	}
	for (line = buf; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		/* name size refcount deps state address [taint] */
		if (sscanf(line, "%255s %lu %d %4095s %31s", name, &size,
		    &refs, deps, state) != 5)
			continue;
		artifact_json(a, json_pack("{s:o, s:I, s:i, s:o, s:o, s:o}",
		    "name", vg_json_str(name), "size", (json_int_t)size,
		    "refcount", refs, "used_by", vg_json_str(deps), "state",
		    vg_json_str(state), "line", vg_json_str(line)));
	}
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
out:
	free(buf);
	free(path);
}

static void
sys_disks(struct capture_ctx *ctx)
{
	struct artifact	*a;
	DIR		*d;
	struct dirent	*de;
	json_t		*j;
	char		*p, err[VG_ERRLEN];

	if ((d = opendir("/sys/block")) == NULL) {
		capture_warn(ctx, "/sys/block: %s", strerror(errno));
		return;
	}
	if ((a = artifact_open(ctx, "disks.jsonl", "/sys/block", err)) ==
	    NULL) {
		capture_warn(ctx, "%s", err);
		closedir(d);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		j = json_pack("{s:o}", "name", vg_json_str(de->d_name));
#define SYSF(key, rel) do {						\
		p = xasprintf("/sys/block/%s/%s", de->d_name, rel);	\
		sys_set_file(j, key, p);				\
		free(p);						\
	} while (0)
		SYSF("sectors_512", "size");
		SYSF("removable", "removable");
		SYSF("read_only", "ro");
		SYSF("model", "device/model");
		SYSF("vendor", "device/vendor");
		SYSF("serial", "device/serial");
#undef SYSF
		artifact_json(a, j);
	}
	closedir(d);
	if (artifact_close(a, 0, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* Every cgroup that holds processes: running services and sessions. */
static void
sys_cgroups_walk(struct artifact *a, const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	char		*p, *procs, *line, *next;
	json_t		*pids;
	size_t		 len;

	p = xasprintf("%s/cgroup.procs", dir);
	procs = read_all(p, 1 << 20, &len, NULL);
	free(p);
	if (procs != NULL && len > 0) {
		pids = json_array();
		for (line = procs; *line != '\0'; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			if (isdigit((unsigned char)*line))
				json_array_append_new(pids,
				    json_integer(atoi(line)));
		}
		artifact_json(a, json_pack("{s:o, s:o}", "cgroup",
		    vg_json_str(dir + strlen("/sys/fs/cgroup")), "pids",
		    pids));
	}
	free(procs);
	if (depth >= 8 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || de->d_type != DT_DIR)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		sys_cgroups_walk(a, p, depth + 1);
		free(p);
	}
	closedir(d);
}

/* Names and links of a systemd unit folder (the .wants links say what
 * is enabled). */
static void
sys_units(struct artifact *a, const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*p, *target, iso[32];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == -1) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < 2) {
			sys_units(a, p, depth + 1);
			free(p);
			continue;
		}
		target = S_ISLNK(st.st_mode) ? read_link(p) : NULL;
		vg_time_iso(st.st_mtime, iso);
		artifact_json(a, json_pack("{s:o, s:o, s:s, s:o}", "path",
		    vg_json_str(p), "link", vg_json_str(target), "mtime_utc",
		    iso, "enabled_by", vg_json_str(strstr(dir, ".wants") ||
		    strstr(dir, ".requires") ? dir : NULL)));
		free(target);
		free(p);
	}
	closedir(d);
}

static void
sys_services(struct capture_ctx *ctx)
{
	static const char *const unit_dirs[] = {
		"/etc/systemd/system", "/run/systemd/system",
		"/run/systemd/transient", "/usr/lib/systemd/system",
		"/lib/systemd/system", "/var/lib/systemd/timers",
	};
	struct artifact	*a;
	char		 err[VG_ERRLEN];
	size_t		 i;

	if ((a = artifact_open(ctx, "cgroups.jsonl", "/sys/fs/cgroup/**/"
	    "cgroup.procs", err)) != NULL) {
		sys_cgroups_walk(a, "/sys/fs/cgroup", 0);
		if (artifact_close(a, 0, err) == -1)
			capture_warn(ctx, "%s", err);
	} else
		capture_warn(ctx, "%s", err);
	if ((a = artifact_open(ctx, "systemd-units.jsonl", "systemd unit "
	    "folders and /var/lib/systemd/timers", err)) != NULL) {
		for (i = 0; i < sizeof(unit_dirs) / sizeof(unit_dirs[0]); i++)
			sys_units(a, unit_dirs[i], 0);
		if (artifact_close(a, 0, err) == -1)
			capture_warn(ctx, "%s", err);
	} else
		capture_warn(ctx, "%s", err);
}

/* ---- the step ------------------------------------------------------- */

static const char *const sys_proc_raw[] = {
	"modules", "mounts", "self/mountinfo", "partitions", "uptime",
	"loadavg", "meminfo", "swaps", "filesystems", "cpuinfo",
	"diskstats", "cmdline", "version", "sys/kernel/tainted",
};

static const char *const sys_files[] = {
	"/etc/os-release", "/etc/debian_version", "/etc/fstab",
	"/etc/passwd", "/etc/group", "/etc/sudoers", "/etc/crontab",
	"/etc/anacrontab", "/etc/ld.so.preload", "/etc/rc.local",
	"/etc/environment", "/etc/machine-id", "/etc/hostname",
};

static const char *const sys_trees[] = {
	"/etc/sudoers.d", "/etc/cron.d", "/etc/cron.hourly",
	"/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly",
	"/var/spool/cron", "/var/spool/anacron", "/etc/systemd/system",
	"/run/systemd/system", "/run/systemd/transient",
};

static const char *const sys_trees_full[] = {
	"/etc/profile.d", "/etc/init.d", "/etc/ld.so.conf.d",
	"/etc/modprobe.d", "/etc/modules-load.d", "/etc/udev/rules.d",
};

int
system_step(struct capture_ctx *ctx, char *err)
{
	char	*src, *name, e2[VG_ERRLEN];
	size_t	 i;

	if (sys_kernel(ctx, err) == -1)
		return -1;
	for (i = 0; i < sizeof(sys_proc_raw) / sizeof(sys_proc_raw[0]); i++) {
		src = capture_proc(ctx, "/%s", sys_proc_raw[i]);
		name = xasprintf("proc/%s", sys_proc_raw[i]);
		if (artifact_copy(ctx, src, name, 0, SYS_MAX_FILE, NULL,
		    e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
		free(src);
	}
	sys_modules(ctx);
	sys_disks(ctx);
	sys_services(ctx);
	uac_system(ctx);
	for (i = 0; i < sizeof(sys_files) / sizeof(sys_files[0]); i++) {
		name = xasprintf("etc-files%s", sys_files[i]);
		if (artifact_copy(ctx, sys_files[i], name, 0, SYS_MAX_FILE,
		    NULL, e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
	}
	for (i = 0; i < sizeof(sys_trees) / sizeof(sys_trees[0]); i++) {
		name = xasprintf("trees%s", sys_trees[i]);
		if (artifact_copy_tree(ctx, sys_trees[i], name, SYS_MAX_FILE,
		    e2) == -1)
			capture_warn(ctx, "%s", e2);
		free(name);
	}
	if (ctx->opts->profile == CAPTURE_FULL)
		for (i = 0; i < sizeof(sys_trees_full) /
		    sizeof(sys_trees_full[0]); i++) {
			name = xasprintf("trees%s", sys_trees_full[i]);
			if (artifact_copy_tree(ctx, sys_trees_full[i], name,
			    SYS_MAX_FILE, e2) == -1)
				capture_warn(ctx, "%s", e2);
			free(name);
		}
	return 0;
}
