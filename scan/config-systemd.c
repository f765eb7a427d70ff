/*
 * config-systemd.c — whether a systemd unit is enabled, read from the
 * unit files and their links under a root, as `systemctl is-enabled`
 * would say without a running systemd: a link to /dev/null masks it, a
 * link in some *.wants/ or *.requires/ directory enables it.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/util.h"
#include "vigie/config.h"

/* Unit directories, most important first. */
static const char *const unit_dirs[] = {
	"/etc/systemd/system", "/run/systemd/system",
	"/usr/local/lib/systemd/system", "/usr/lib/systemd/system",
	"/lib/systemd/system",
};
#define NDIRS	(sizeof unit_dirs / sizeof unit_dirs[0])

const char *
systemd_state_name(enum systemd_state s)
{
	switch (s) {
	case SD_ENABLED:	return "enabled";
	case SD_DISABLED:	return "disabled";
	case SD_MASKED:		return "masked";
	default:		return "absent";
	}
}

/* Whether DIR (a unit directory) has UNIT in one of its *.wants/. */
static int
wanted(const char *root, const char *dir, const char *unit)
{
	char *path = vg_root_path(root, dir, 1, NULL);
	DIR *d;
	struct dirent *de;
	struct stat st;
	int found = 0;

	if (path == NULL || (d = opendir(path)) == NULL) {
		free(path);
		return 0;
	}
	while (!found && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *link, *p;

		if (!((n > 6 && strcmp(de->d_name + n - 6, ".wants") == 0) ||
		    (n > 9 && strcmp(de->d_name + n - 9, ".requires") == 0)))
			continue;
		link = xasprintf("%s/%s/%s", dir, de->d_name, unit);
		p = vg_root_path(root, link, 0, NULL);
		found = p != NULL && lstat(p, &st) == 0;
		free(p);
		free(link);
	}
	closedir(d);
	free(path);
	return found;
}

enum systemd_state
systemd_state(const char *root, const char *unit)
{
	enum systemd_state s = SD_ABSENT;
	struct stat st;
	char target[PATH_MAX], *alias = NULL;
	size_t i;
	ssize_t n;

	if (strchr(unit, '/') != NULL || strcmp(unit, "..") == 0)
		return SD_ABSENT;
	for (i = 0; i < NDIRS; i++) {
		char *rel = xasprintf("%s/%s", unit_dirs[i], unit),
		    *p = vg_root_path(root, rel, 0, NULL);

		free(rel);
		if (p != NULL && lstat(p, &st) == 0) {
			if (S_ISLNK(st.st_mode) && (n = readlink(p, target,
			    sizeof target - 1)) > 0) {
				target[n] = '\0';
				if (strcmp(target, "/dev/null") == 0) {
					free(p);
					return SD_MASKED;
				}
				/* An alias: "sshd.service" -> ssh.service. */
				if (alias == NULL && strrchr(target, '/') &&
				    strcmp(strrchr(target, '/') + 1, unit) != 0)
					alias = xstrdup(strrchr(target, '/')
					    + 1);
			}
			if (S_ISREG(st.st_mode) && st.st_size == 0 && i < 2) {
				/* An empty file in /etc masks too. */
				free(p);
				free(alias);
				return SD_MASKED;
			}
			s = SD_DISABLED;
		}
		free(p);
	}
	if (s == SD_ABSENT) {
		free(alias);
		return s;
	}
	for (i = 0; i < NDIRS; i++)
		if (wanted(root, unit_dirs[i], unit) ||
		    (alias != NULL && wanted(root, unit_dirs[i], alias))) {
			s = SD_ENABLED;
			break;
		}
	free(alias);
	return s;
}

char **
systemd_units(const char *root, size_t *np)
{
	char **out = NULL, **names = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < NDIRS; i++) {
		char *path = vg_root_path(root, unit_dirs[i], 1, NULL);
		DIR *d;
		struct dirent *de;

		if (path == NULL || (d = opendir(path)) == NULL) {
			free(path);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			char *full, *rel;
			struct stat st;

			if (l < 9 || strcmp(de->d_name + l - 8, ".service"))
				continue;
			for (j = 0; j < n; j++)
				if (strcmp(names[j], de->d_name) == 0)
					break;
			if (j < n)
				continue;
			full = xasprintf("%s/%s", unit_dirs[i], de->d_name);
			rel = vg_root_path(root, full, 1, NULL);
			free(full);
			full = rel;
			if (full == NULL || stat(full, &st) == -1 ||
			    !S_ISREG(st.st_mode)) {
				free(full);
				continue;
			}
			free(full);
			out = xreallocarray(out, n + 1, sizeof *out);
			names = xreallocarray(names, n + 1, sizeof *names);
			out[n] = xasprintf("%s/%s", unit_dirs[i], de->d_name);
			names[n] = xstrdup(de->d_name);
			n++;
		}
		closedir(d);
		free(path);
	}
	for (j = 0; j < n; j++)
		free(names[j]);
	free(names);
	*np = n;
	return out;
}
