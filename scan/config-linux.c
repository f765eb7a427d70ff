/*
 * config-linux.c — Linux probes that are more than one file: walking
 * system directories for risky permissions (world-writable files,
 * set-user-ID programs no package owns), the programs cron and systemd
 * run and whether others could replace them, and the TCP sockets that
 * listen on every address (/proc/net). Paths are given as on the target
 * ("/usr/bin/su") and read under the root.
 */
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

#define WALK_MAX_DEPTH	48
#define LINUX_MAX_FILE	(4 * 1024 * 1024)

static void
push(char ***list, int *n, char *s)
{
	*list = xreallocarray(*list, (size_t)*n + 1, sizeof **list);
	(*list)[(*n)++] = s;
}

/* ---- Walking directories ------------------------------------------- */

struct walk {
	const char		*root;
	const struct linux_search *s;
	const struct dpkg_db	*dpkg;
	dev_t			 dev;
	char		       **hits;
	int			 n;
};

static void
walk_dir(struct walk *w, const char *rel, int depth)
{
	char *full = vg_root_path(w->root, rel, 1, NULL);
	DIR *d;
	struct dirent *de;

	if (full == NULL || depth > WALK_MAX_DEPTH ||
	    (w->s->max > 0 && w->n >= w->s->max) ||
	    (d = opendir(full)) == NULL) {
		free(full);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *crel, *cfull;
		struct stat st;
		int match;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		crel = xasprintf("%s/%s", strcmp(rel, "/") == 0 ? "" : rel,
		    de->d_name);
		cfull = xasprintf("%s/%s", full, de->d_name);
		if (lstat(cfull, &st) == -1 || S_ISLNK(st.st_mode)) {
			free(crel);
			free(cfull);
			continue;
		}
		match = (w->s->type == 0 ||
		    (w->s->type == 'f' && S_ISREG(st.st_mode)) ||
		    (w->s->type == 'd' && S_ISDIR(st.st_mode))) &&
		    (st.st_mode & w->s->perm_any) != 0 &&
		    (st.st_mode & w->s->perm_none) == 0;
		if (match && w->s->unowned && w->dpkg != NULL &&
		    dpkg_owns(w->dpkg, crel))
			match = 0;
		if (match && (w->s->max == 0 || w->n < w->s->max))
			push(&w->hits, &w->n, xstrdup(crel));
		if (S_ISDIR(st.st_mode) && (!w->s->xdev || st.st_dev == w->dev))
			walk_dir(w, crel, depth + 1);
		free(crel);
		free(cfull);
	}
	closedir(d);
	free(full);
}

int
linux_search(const char *root, const struct linux_search *s,
    const struct dpkg_db *dpkg, char ***hits)
{
	struct walk w = { .root = root, .s = s, .dpkg = dpkg };
	const char *p = s->dirs;

	while (*p != '\0') {
		size_t n;
		char *dir, *full;
		struct stat st;

		while (*p == ' ')
			p++;
		if ((n = strcspn(p, " ")) == 0)
			break;
		dir = xstrndup(p, n);
		p += n;
		full = vg_root_path(root, dir, 0, NULL);
		/* A directory that is a link (/bin -> usr/bin) is seen
		 * through its target, also listed. */
		if (full != NULL && lstat(full, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			w.dev = st.st_dev;
			walk_dir(&w, dir, 0);
		}
		free(full);
		free(dir);
	}
	*hits = w.hits;
	return w.n;
}

/* ---- What cron and systemd run -------------------------------------- */

/* Why others could replace PATH (target path), or NULL. */
static char *
writable_by_others(const char *root, const char *path)
{
	char *p = xstrdup(path), *s, *why = NULL;
	struct stat st;
	char *full = vg_root_path(root, p, 0, NULL);

	if (full != NULL && lstat(full, &st) == 0 && !S_ISLNK(st.st_mode) &&
	    (st.st_mode & S_IWOTH)) {
		why = xasprintf(_("%s can be written by everyone"), path);
		goto out;
	}
	while ((s = strrchr(p, '/')) != NULL) {
		*s = '\0';
		free(full);
		full = vg_root_path(root, *p ? p : "/", 0, NULL);
		if (full != NULL && lstat(full, &st) == 0 &&
		    S_ISDIR(st.st_mode) &&
		    (st.st_mode & S_IWOTH)) {
			why = xasprintf(_("%s is in %s, which everyone can "
			    "write"), path, *p ? p : "/");
			break;
		}
	}
out:
	free(full);
	free(p);
	return why;
}

/* Every absolute path in a command line. */
static void
check_command(const char *root, const char *shown, long line,
    const char *cmd, char ***hits, int *n)
{
	char *c = xstrdup(cmd), *tok, *save = NULL;

	for (tok = strtok_r(c, " \t;|&()<>'\"`", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t;|&()<>'\"`", &save)) {
		char *why;

		if (tok[0] != '/' || strcmp(tok, "/dev/null") == 0)
			continue;
		if ((why = writable_by_others(root, tok)) != NULL) {
			push(hits, n, xasprintf("%s:%ld: %s", shown, line,
			    why));
			free(why);
		}
	}
	free(c);
}

static void
cron_file(const char *root, const char *shown, int system, char ***hits,
    int *n)
{
	char err[VG_ERRLEN];
	char *path = vg_root_path(root, shown, 1, err), *text, *p, *nl;
	size_t len;
	long line = 0;

	text = path == NULL ? NULL :
	    vg_read_file(path, LINUX_MAX_FILE, &len, err);
	free(path);
	if (text == NULL)
		return;
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		char *s = p;
		int fields, i;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		/* NAME=value lines set the environment. */
		if (strcspn(s, "=") < strcspn(s, " \t"))
			continue;
		fields = (*s == '@' ? 1 : 5) + (system ? 1 : 0);
		for (i = 0; i < fields && *s != '\0'; i++) {
			s += strcspn(s, " \t");
			s += strspn(s, " \t");
		}
		if (*s != '\0')
			check_command(root, shown, line, s, hits, n);
	}
	free(text);
}

/* Entries of ROOT/DIR as target paths (caller frees). */
static char **
list_dir(const char *root, const char *dir, int *n)
{
	char *full = vg_root_path(root, dir, 1, NULL), **out = NULL;
	DIR *d;
	struct dirent *de;

	*n = 0;
	if (full != NULL && (d = opendir(full)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				push(&out, n, xasprintf("%s/%s", dir,
				    de->d_name));
		closedir(d);
	}
	free(full);
	return out;
}

static void
execpaths_cron(const char *root, char ***hits, int *n)
{
	static const char *const periodic[] = {
		"/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly",
		"/etc/cron.monthly",
	};
	char **files;
	int nf, i;
	size_t k;

	cron_file(root, "/etc/crontab", 1, hits, n);
	files = list_dir(root, "/etc/cron.d", &nf);
	for (i = 0; i < nf; i++) {
		cron_file(root, files[i], 1, hits, n);
		free(files[i]);
	}
	free(files);
	files = list_dir(root, "/var/spool/cron/crontabs", &nf);
	for (i = 0; i < nf; i++) {
		cron_file(root, files[i], 0, hits, n);
		free(files[i]);
	}
	free(files);
	/* The scripts run-parts starts are programs themselves. */
	for (k = 0; k < sizeof periodic / sizeof periodic[0]; k++) {
		files = list_dir(root, periodic[k], &nf);
		for (i = 0; i < nf; i++) {
			char *why = writable_by_others(root, files[i]);

			if (why != NULL) {
				push(hits, n, xasprintf("%s: %s", files[i],
				    why));
				free(why);
			}
			free(files[i]);
		}
		free(files);
	}
}

static void
execpaths_systemd(const char *root, char ***hits, int *n)
{
	char **units, err[VG_ERRLEN];
	size_t nu, i;

	units = systemd_units(root, &nu);
	for (i = 0; i < nu; i++) {
		char *path = vg_root_path(root, units[i], 1, err), *text, *p,
		    *nl;
		size_t len;
		long line = 0;

		text = path == NULL ? NULL :
		    vg_read_file(path, LINUX_MAX_FILE, &len, err);
		free(path);
		for (p = text; p != NULL && *p != '\0'; p = nl) {
			char *s = p, *eq;

			if ((nl = strchr(p, '\n')) != NULL)
				*nl++ = '\0';
			line++;
			while (*s == ' ' || *s == '\t')
				s++;
			if (strncmp(s, "Exec", 4) != 0 ||
			    (eq = strchr(s, '=')) == NULL)
				continue;
			s = eq + 1;
			/* Prefixes: @ - : + ! change how it runs. */
			s += strspn(s, " \t@-:+!");
			check_command(root, units[i], line, s, hits, n);
		}
		free(text);
		free(units[i]);
	}
	free(units);
}

int
linux_execpaths(const char *root, const char *source, char ***hits,
    char *err)
{
	int n = 0;

	*hits = NULL;
	if (strcmp(source, "cron") == 0)
		execpaths_cron(root, hits, &n);
	else if (strcmp(source, "systemd") == 0)
		execpaths_systemd(root, hits, &n);
	else {
		vg_seterr(err, "unknown source '%s'", source);
		return -1;
	}
	return n;
}

/* ---- Listening sockets ---------------------------------------------- */

static int
port_allowed(const char *allow, unsigned port)
{
	const char *p = allow;

	while (p != NULL && *p != '\0') {
		char *end;
		unsigned long v;

		while (*p == ' ')
			p++;
		v = strtoul(p, &end, 10);
		if (end == p)
			break;
		if (v == port)
			return 1;
		p = end;
	}
	return 0;
}

int
linux_listen(const char *root, const char *allow, char ***hits, int *found,
    char *err)
{
	static const char *const files[] = { "tcp", "tcp6" };
	unsigned seen[2][64];
	int nseen[2] = { 0, 0 };
	size_t i;
	int n = 0;

	*hits = NULL;
	*found = 0;
	for (i = 0; i < 2; i++) {
		char *rel = xasprintf("/proc/net/%s", files[i]), *text, *p,
		    *nl, *path = vg_root_path(root, rel, 1, NULL);
		size_t len;
		struct stat st;

		free(rel);
		if (path == NULL || stat(path, &st) == -1) {
			free(path);
			continue;
		}
		text = vg_read_file(path, LINUX_MAX_FILE, &len, err);
		free(path);
		if (text == NULL) {
			while (n > 0)
				free((*hits)[--n]);
			free(*hits);
			*hits = NULL;
			return -1;
		}
		*found = 1;
		for (p = text; p != NULL && *p != '\0'; p = nl) {
			char local[64], remote[64], state[8], *colon;
			unsigned port;
			int j, wildcard;

			if ((nl = strchr(p, '\n')) != NULL)
				*nl++ = '\0';
			if (sscanf(p, " %*s %63s %63s %7s", local, remote,
			    state) != 3 || strcmp(state, "0A") != 0)
				continue;
			if ((colon = strchr(local, ':')) == NULL)
				continue;
			*colon = '\0';
			port = (unsigned)strtoul(colon + 1, NULL, 16);
			wildcard = strspn(local, "0") == strlen(local);
			if (!wildcard || port_allowed(allow, port))
				continue;
			for (j = 0; j < nseen[i]; j++)
				if (seen[i][j] == port)
					break;
			if (j < nseen[i] || nseen[i] == 64)
				continue;
			seen[i][nseen[i]++] = port;
			push(hits, &n, xasprintf(i == 0 ? "tcp 0.0.0.0:%u" :
			    "tcp6 [::]:%u", port));
		}
		free(text);
	}
	return n;
}
