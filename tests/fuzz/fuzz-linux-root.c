/*
 * fuzz-linux-root.c — the readers of a Linux tree (scan config --root):
 * dpkg status and file lists, sysctl files, key=value files (sshd_config),
 * systemd units, cron tables, passwd/shadow tables, /proc/net/tcp. The
 * input is cut at NUL bytes into the files of a temporary root (a part
 * may also make a file a symbolic link, absolute or with "..", to test
 * the confinement); every reader then runs on that root: a verdict or an
 * error, never a crash, a leak, or a read outside the root.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "vigie/config.h"

static const char *const files[] = {
	"etc/ssh/sshd_config", "etc/passwd", "etc/shadow",
	"var/lib/dpkg/status", "etc/sysctl.conf", "etc/crontab",
	"etc/systemd/system/fz.service", "proc/net/tcp", "etc/cron.d/job",
	"var/lib/dpkg/info/fz.list", "etc/sysctl.d/10-fz.conf",
};
#define NFILES	(sizeof files / sizeof files[0])

static void
free_hits(char **hits, int n)
{
	while (n > 0)
		free(hits[--n]);
	free(hits);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char root[] = "/tmp/fuzz-root.XXXXXX";
	static int made;
	const uint8_t *p = data, *end = data + len, *z;
	char err[VG_ERRLEN], path[256], *v, *where, **hits, **units;
	char *real[1];
	const char *shown[1] = { "/etc/ssh/sshd_config" };
	struct kv_opts o = { .sep = ' ', .icase = 1, .stop = "Match" };
	struct kv_hit hit;
	struct dpkg_db db;
	size_t i, nu;
	int n, found, fd;

	if (!made) {
		if (mkdtemp(root) == NULL)
			return 0;
		made = 1;
	}
	for (i = 0; i < NFILES; i++) {
		char *dir;

		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		unlink(path);
		dir = xstrdup(path);
		*strrchr(dir, '/') = '\0';
		(void)vg_mkdir_p(dir, 0755, NULL);
		free(dir);
		if (p >= end)
			continue;
		z = memchr(p, '\0', (size_t)(end - p));
		if (z == NULL)
			z = end;
		if (z - p > 2 && p[0] == '@' && p[1] == '>') {
			/* "@>TARGET": a symbolic link. */
			char *t = xstrndup((const char *)p + 2,
			    (size_t)(z - p - 2));

			(void)symlink(t, path);
			free(t);
		} else if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
		    0644)) != -1) {
			(void)vg_write_all(fd, p, (size_t)(z - p));
			close(fd);
		}
		p = z < end ? z + 1 : end;
	}

	memset(&db, 0, sizeof db);
	if (dpkg_load(&db, root, err) == 0) {
		(void)dpkg_find(&db, "base-files");
		if (db.n > 0)
			(void)dpkg_vercmp(db.p[0].version ? db.p[0].version :
			    "", "1:2.3-4~b");
		if (dpkg_load_files(&db, root, err) == 0)
			(void)dpkg_owns(&db, "/usr/bin/fz");
	}
	dpkg_clear(&db);
	if (sysctl_get(root, 0, "kernel.randomize_va_space", &v, &where,
	    err) == 1) {
		free(v);
		free(where);
	}
	units = systemd_units(root, &nu);
	for (i = 0; i < nu; i++)
		free(units[i]);
	free(units);
	(void)systemd_state(root, "fz.service");
	if ((n = linux_execpaths(root, "cron", &hits, err)) > 0)
		free_hits(hits, n);
	if ((n = linux_execpaths(root, "systemd", &hits, err)) > 0)
		free_hits(hits, n);
	if ((n = linux_listen(root, "22", &hits, &found, err)) > 0)
		free_hits(hits, n);
	real[0] = vg_root_path(root, "/etc/ssh/sshd_config", 1, err);
	if (real[0] != NULL && kv_find(real, shown, 1, "PermitRootLogin", &o,
	    &hit, err) == 1)
		kv_hit_clear(&hit);
	free(real[0]);
	/* Whatever the links say, a resolved path stays in the root. */
	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "/%s", files[i]);
		if ((v = vg_root_path(root, path, 1, err)) != NULL) {
			if (strncmp(v, root, strlen(root)) != 0)
				abort();
			free(v);
		}
	}
	return 0;
}
