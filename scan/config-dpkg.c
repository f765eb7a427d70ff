/*
 * config-dpkg.c — Debian packages read straight from dpkg's database
 * under a root: var/lib/dpkg/status (which packages are installed, their
 * versions) and var/lib/dpkg/info/ *.list (which files they own). Version
 * comparison follows Debian policy (epoch, upstream, revision, '~' sorts
 * before everything).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/config.h"

#define DPKG_MAX_STATUS	(256 * 1024 * 1024)
#define DPKG_MAX_LIST	(64 * 1024 * 1024)

void
dpkg_clear(struct dpkg_db *db)
{
	size_t i;

	for (i = 0; i < db->n; i++) {
		free(db->p[i].name);
		free(db->p[i].version);
	}
	free(db->p);
	for (i = 0; i < db->fcap; i++)
		free(db->files[i]);
	free(db->files);
	memset(db, 0, sizeof *db);
}

static void
add_pkg(struct dpkg_db *db, char *name, char *version, int installed)
{
	if (name == NULL) {
		free(version);
		return;
	}
	db->p = xreallocarray(db->p, db->n + 1, sizeof *db->p);
	db->p[db->n].name = name;
	db->p[db->n].version = version ? version : xstrdup("");
	db->p[db->n].installed = installed;
	db->n++;
}

void
dpkg_parse(struct dpkg_db *db, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	char *name = NULL, *version = NULL;
	int installed = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (l == 0 || (l == 1 && p[0] == '\r')) {
			add_pkg(db, name, version, installed);
			name = version = NULL;
			installed = 0;
		} else if (l > 8 && strncmp(p, "Package:", 8) == 0) {
			free(name);
			name = xstrndup(p + 8, l - 8);
		} else if (l > 8 && strncmp(p, "Version:", 8) == 0) {
			free(version);
			version = xstrndup(p + 8, l - 8);
		} else if (l > 7 && strncmp(p, "Status:", 7) == 0) {
			char *st = xstrndup(p + 7, l - 7);
			size_t sl = strlen(st);

			while (sl > 0 && isspace((unsigned char)st[sl - 1]))
				st[--sl] = '\0';
			installed = sl >= 10 &&
			    strcmp(st + sl - 10, " installed") == 0;
			free(st);
		}
		p += l + 1;
	}
	add_pkg(db, name, version, installed);
	/* Trim the field values. */
	for (size_t i = 0; i < db->n; i++) {
		char *s;

		for (s = db->p[i].name; *s == ' '; s++)
			;
		memmove(db->p[i].name, s, strlen(s) + 1);
		for (s = db->p[i].version; *s == ' '; s++)
			;
		memmove(db->p[i].version, s, strlen(s) + 1);
		for (s = db->p[i].name + strlen(db->p[i].name);
		    s > db->p[i].name && isspace((unsigned char)s[-1]); s--)
			s[-1] = '\0';
		for (s = db->p[i].version + strlen(db->p[i].version);
		    s > db->p[i].version && isspace((unsigned char)s[-1]); s--)
			s[-1] = '\0';
	}
}

int
dpkg_load(struct dpkg_db *db, const char *root, char *err)
{
	char *path = vg_root_path(root, "/var/lib/dpkg/status", 1, err), *buf;
	size_t len;
	struct stat st;

	if (path == NULL)
		return -1;
	if (stat(path, &st) == -1 && errno == ENOENT) {
		free(path);
		return 1;
	}
	buf = vg_read_file(path, DPKG_MAX_STATUS, &len, err);
	free(path);
	if (buf == NULL)
		return -1;
	dpkg_parse(db, buf, len);
	free(buf);
	return 0;
}

const struct dpkg_pkg *
dpkg_find(const struct dpkg_db *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if (db->p[i].installed && strcmp(db->p[i].name, name) == 0)
			return &db->p[i];
	return NULL;
}

/* ---- Version comparison ------------------------------------------- */

/* Order of a non-digit character: '~' first, then end, letters, rest. */
static int
order(int c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

static int
verrevcmp(const char *a, const char *b)
{
	while (*a || *b) {
		int first_diff = 0;

		while ((*a && !isdigit((unsigned char)*a)) ||
		    (*b && !isdigit((unsigned char)*b))) {
			int ac = order((unsigned char)*a);
			int bc = order((unsigned char)*b);

			if (ac != bc)
				return ac - bc;
			a++;
			b++;
		}
		while (*a == '0')
			a++;
		while (*b == '0')
			b++;
		while (isdigit((unsigned char)*a) &&
		    isdigit((unsigned char)*b)) {
			if (!first_diff)
				first_diff = *a - *b;
			a++;
			b++;
		}
		if (isdigit((unsigned char)*a))
			return 1;
		if (isdigit((unsigned char)*b))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

/* Split "epoch:upstream-revision" in a copy. */
static void
split(const char *v, long *epoch, char **up, char **rev, char **copy)
{
	char *c = xstrdup(v), *colon, *dash;

	*copy = c;
	*epoch = 0;
	if ((colon = strchr(c, ':')) != NULL) {
		*epoch = strtol(c, NULL, 10);
		c = colon + 1;
	}
	*up = c;
	if ((dash = strrchr(c, '-')) != NULL) {
		*dash = '\0';
		*rev = dash + 1;
	} else
		*rev = (char *)"";
}

int
dpkg_vercmp(const char *a, const char *b)
{
	long ea, eb;
	char *ua, *ra, *ub, *rb, *ca, *cb;
	int r;

	split(a, &ea, &ua, &ra, &ca);
	split(b, &eb, &ub, &rb, &cb);
	if (ea != eb)
		r = ea < eb ? -1 : 1;
	else if ((r = verrevcmp(ua, ub)) == 0)
		r = verrevcmp(ra, rb);
	free(ca);
	free(cb);
	return r;
}

/* ---- Files owned by packages (a hash set) ------------------------- */

static size_t
hash(const char *s)
{
	size_t h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 ^ (unsigned char)*s;
	return h;
}

static void
set_add(struct dpkg_db *db, const char *path, size_t len)
{
	size_t i;
	char *s;

	if (db->nfiles * 2 >= db->fcap) {
		char **old = db->files;
		size_t oldcap = db->fcap, j;

		db->fcap = db->fcap ? db->fcap * 2 : 4096;
		db->files = xcalloc(db->fcap, sizeof *db->files);
		db->nfiles = 0;
		for (j = 0; j < oldcap; j++)
			if (old[j] != NULL) {
				i = hash(old[j]) & (db->fcap - 1);
				while (db->files[i] != NULL)
					i = (i + 1) & (db->fcap - 1);
				db->files[i] = old[j];
				db->nfiles++;
			}
		free(old);
	}
	s = xstrndup(path, len);
	i = hash(s) & (db->fcap - 1);
	while (db->files[i] != NULL) {
		if (strcmp(db->files[i], s) == 0) {
			free(s);
			return;
		}
		i = (i + 1) & (db->fcap - 1);
	}
	db->files[i] = s;
	db->nfiles++;
}

static int
set_has(const struct dpkg_db *db, const char *path)
{
	size_t i;

	if (db->fcap == 0)
		return 0;
	i = hash(path) & (db->fcap - 1);
	while (db->files[i] != NULL) {
		if (strcmp(db->files[i], path) == 0)
			return 1;
		i = (i + 1) & (db->fcap - 1);
	}
	return 0;
}

int
dpkg_load_files(struct dpkg_db *db, const char *root, char *err)
{
	char *dir = vg_root_path(root, "/var/lib/dpkg/info", 1, err);
	DIR *d;
	struct dirent *de;
	int rc = -1;

	if (dir == NULL)
		return -1;
	if (db->files_loaded) {
		free(dir);
		return 0;
	}
	if ((d = opendir(dir)) == NULL) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name), len;
		char *path, *buf, *p, *end;

		if (nl < 6 || strcmp(de->d_name + nl - 5, ".list") != 0)
			continue;
		p = xasprintf("/var/lib/dpkg/info/%s", de->d_name);
		path = vg_root_path(root, p, 1, err);
		free(p);
		buf = path == NULL ? NULL :
		    vg_read_file(path, DPKG_MAX_LIST, &len, err);
		free(path);
		if (buf == NULL)
			goto out;
		for (p = buf, end = buf + len; p < end;) {
			char *e = memchr(p, '\n', (size_t)(end - p));
			size_t l = e ? (size_t)(e - p) : (size_t)(end - p);

			if (l > 0)
				set_add(db, p, l);
			p += l + 1;
		}
		free(buf);
	}
	db->files_loaded = 1;
	rc = 0;
out:
	closedir(d);
	free(dir);
	return rc;
}

int
dpkg_owns(const struct dpkg_db *db, const char *path)
{
	static const char *const merged[] = {
		"/bin/", "/sbin/", "/lib/", "/lib32/", "/lib64/", "/libx32/",
	};
	size_t i;
	char *alt;
	int found;

	if (set_has(db, path))
		return 1;
	for (i = 0; i < sizeof merged / sizeof merged[0]; i++) {
		size_t n = strlen(merged[i]);

		if (strncmp(path, "/usr", 4) == 0 &&
		    strncmp(path + 4, merged[i], n) == 0) {
			found = set_has(db, path + 4);
			return found;
		}
		if (strncmp(path, merged[i], n) == 0) {
			alt = xasprintf("/usr%s", path);
			found = set_has(db, alt);
			free(alt);
			return found;
		}
	}
	return 0;
}
