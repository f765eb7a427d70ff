/*
 * config-sysctl.c — kernel parameters: on the running system from
 * /proc/sys, for a mounted disk from the files `sysctl --system` reads
 * (sysctl.d directories by file name, a name in /etc hiding the same name
 * further down, then /etc/sysctl.conf; the last assignment wins).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vigie/base.h"
#include "vigie/util.h"
#include "vigie/config.h"

#define SYSCTL_MAX_FILE	(1024 * 1024)

static const char *const sysctl_dirs[] = {
	"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d",
	"/usr/lib/sysctl.d", "/lib/sysctl.d",
};

/* "net/ipv4/ip_forward" and "net.ipv4.ip_forward" are the same key. */
static char *
key_norm(const char *k)
{
	char *s = xstrdup(k), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '/')
			*p = '.';
	return s;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int
cmp_base(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	return strcmp(strrchr(x, '/') + 1, strrchr(y, '/') + 1);
}

/* Look for KEY in one file; the last hit replaces *value. */
static int
scan_file(const char *root, const char *shown, const char *key,
    char **value, char **where, char *err)
{
	char *path = vg_root_path(root, shown, 1, err), *text, *p, *nl;
	size_t len;
	long line = 0;
	struct stat st;

	if (path == NULL)
		return -1;
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode)) {
		free(path);
		return 0;
	}
	text = vg_read_file(path, SYSCTL_MAX_FILE, &len, err);
	free(path);
	if (text == NULL)
		return -1;
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		char *s, *eq, *k;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = trim(p);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if ((eq = strchr(s, '=')) == NULL)
			continue;
		*eq = '\0';
		s = trim(s);
		if (*s == '-')
			s++;
		k = key_norm(s);
		if (strcmp(k, key) == 0) {
			free(*value);
			free(*where);
			*value = xstrdup(trim(eq + 1));
			*where = xasprintf("%s:%ld", shown, line);
		}
		free(k);
	}
	free(text);
	return 0;
}

int
sysctl_get(const char *root, int live, const char *key, char **value,
    char **where, char *err)
{
	char *k = key_norm(key), **files = NULL;
	size_t nfiles = 0, i, j;
	int rc = -1;

	*value = *where = NULL;
	if (strstr(k, "..") != NULL || k[0] == '.') {
		vg_seterr(err, "%s: bad sysctl key", key);
		free(k);
		return -1;
	}
	if (live) {
		char *rel = xasprintf("/proc/sys/%s", k), *path, *p, *buf;
		size_t len;
		struct stat st;

		for (p = rel; *p != '\0'; p++)
			if (*p == '.')
				*p = '/';
		path = vg_root_path(root, rel, 1, NULL);
		if (path != NULL && stat(path, &st) == 0) {
			buf = vg_read_file(path, 65536, &len, err);
			free(path);
			if (buf == NULL) {
				free(rel);
				free(k);
				return -1;
			}
			*value = xstrdup(trim(buf));
			*where = rel;
			free(buf);
			free(k);
			return 1;
		}
		free(path);
		free(rel);
	}
	for (i = 0; i < sizeof sysctl_dirs / sizeof sysctl_dirs[0]; i++) {
		char *dir = vg_root_path(root, sysctl_dirs[i], 1, NULL);
		DIR *d;
		struct dirent *de;

		if (dir == NULL || (d = opendir(dir)) == NULL) {
			free(dir);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);

			if (l < 6 || strcmp(de->d_name + l - 5, ".conf") != 0)
				continue;
			for (j = 0; j < nfiles; j++)
				if (strcmp(strrchr(files[j], '/') + 1,
				    de->d_name) == 0)
					break;
			if (j < nfiles)
				continue;
			files = xreallocarray(files, nfiles + 1,
			    sizeof *files);
			files[nfiles++] = xasprintf("%s/%s", sysctl_dirs[i],
			    de->d_name);
		}
		closedir(d);
		free(dir);
	}
	if (nfiles > 0)
		qsort(files, nfiles, sizeof *files, cmp_base);
	files = xreallocarray(files, nfiles + 1, sizeof *files);
	files[nfiles++] = xstrdup("/etc/sysctl.conf");
	for (i = 0; i < nfiles; i++)
		if (scan_file(root, files[i], k, value, where, err) == -1)
			goto out;
	rc = *value != NULL;
out:
	if (rc == -1) {
		free(*value);
		free(*where);
		*value = *where = NULL;
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(k);
	return rc;
}
