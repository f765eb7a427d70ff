/*
 * config-eval.c — the evaluator kinds of rules/checks/ *.xml, as one table
 * of functions, and the combinations all / any / none / first. Each
 * evaluator reads its attributes from the test element, looks at one
 * source through the readers of the other config-*.c files, compares
 * with the expected value and says in DETAIL what it found.
 *
 * Results: PASS, FAIL, NA (nothing to look at here: file absent, no such
 * artifact, not the running system) and ERROR (the source is there but
 * cannot be read: its message goes into the detail). Sources are read once
 * per run and kept in the context.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"
#include "vigie/config.h"

#define EVAL_MAX_FILE	(64 * 1024 * 1024)
#define EVAL_SHOW	8	/* items listed in a detail */

/* ---- Attributes ---------------------------------------------------- */

/* The attribute's text inside the tree (not a copy), or NULL. */
static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
		else if (strcmp((const char *)a->name, name) == 0)
			return "";
	return NULL;
}

static const char *
attr_or(xmlNodePtr n, const char *name, const char *def)
{
	const char *v = attr(n, name);

	return v != NULL ? v : def;
}

static int
attr_yes(xmlNodePtr n, const char *name, int def)
{
	const char *v = attr(n, name);

	return v == NULL ? def : strcmp(v, "yes") == 0;
}

/* The "missing" attribute: what to conclude when nothing is found. */
static enum cfg_res
missing_res(xmlNodePtr n, enum cfg_res def)
{
	const char *v = attr(n, "missing");

	if (v == NULL)
		return def;
	if (strcmp(v, "pass") == 0)
		return CFG_PASS;
	if (strcmp(v, "fail") == 0)
		return CFG_FAIL;
	return CFG_NA;
}

/* ---- Comparisons --------------------------------------------------- */

/* The first integer in S ("uint32 300" -> 300, "0x1F" -> 31). */
static int
first_number(const char *s, int64_t *out)
{
	const char *p = s;
	char *end;

	while (*p != '\0' && !isdigit((unsigned char)*p) &&
	    !(*p == '-' && isdigit((unsigned char)p[1])))
		p++;
	if (*p == '\0')
		return -1;
	errno = 0;
	*out = (int64_t)strtoll(p, &end, 0);
	return errno == 0 ? 0 : -1;
}

/* The whole of S is an integer. */
static int
whole_number(const char *s, int64_t *out)
{
	char *end;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	*out = (int64_t)strtoll(s, &end, 0);
	while (*end == ' ')
		end++;
	return errno == 0 && *end == '\0' ? 0 : -1;
}

/* A date at the start of S: YYYY-MM-DD[...], DD/MM/YYYY. */
static int
parse_date(const char *s, time_t *out)
{
	struct tm tm;
	int y, m, d;

	memset(&tm, 0, sizeof tm);
	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 ||
	    sscanf(s, "%2d/%2d/%4d", &d, &m, &y) == 3) {
		if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
			return -1;
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = 12;
		*out = timegm(&tm);
		return 0;
	}
	return -1;
}

/* Whether ACTUAL is one of the '|'-separated LIST (no case). */
static int
in_list(const char *actual, const char *list)
{
	const char *p = list;
	int64_t a, b;
	int anum = whole_number(actual, &a) == 0;

	for (;;) {
		size_t n = strcspn(p, "|");
		char *item = xstrndup(p, n);
		int eq = strcasecmp(item, actual) == 0 ||
		    (anum && whole_number(item, &b) == 0 && a == b);

		free(item);
		if (eq)
			return 1;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

/* Words for what was expected, e.g. "at least 12". Owned by caller. */
static char *
expected_text(const char *op, const char *value)
{
	char *list, *p;

	if (value == NULL)
		value = "";
	list = xstrdup(value);
	for (p = list; *p != '\0'; p++)
		if (*p == '|')
			*p = '/';
	p = NULL;
	if (strcmp(op, "eq") == 0)
		p = xasprintf("%s", list);
	else if (strcmp(op, "ne") == 0)
		p = xasprintf(_("not %s"), list);
	else if (strcmp(op, "in") == 0)
		p = xasprintf(_("one of %s"), list);
	else if (strcmp(op, "not-in") == 0)
		p = xasprintf(_("none of %s"), list);
	else if (strcmp(op, "ge") == 0)
		p = xasprintf(_("at least %s"), list);
	else if (strcmp(op, "le") == 0)
		p = xasprintf(_("at most %s"), list);
	else if (strcmp(op, "gt") == 0)
		p = xasprintf(_("more than %s"), list);
	else if (strcmp(op, "lt") == 0)
		p = xasprintf(_("less than %s"), list);
	else if (strcmp(op, "match") == 0)
		p = xasprintf(_("matching %s"), value);
	else if (strcmp(op, "not-match") == 0)
		p = xasprintf(_("not matching %s"), value);
	else if (strcmp(op, "days-le") == 0)
		p = xasprintf(_("at most %s days old"), list);
	else if (strcmp(op, "exists") == 0)
		p = xstrdup(_("present"));
	else if (strcmp(op, "absent") == 0)
		p = xstrdup(_("absent"));
	else
		p = xasprintf("%s %s", op, list);
	free(list);
	return p;
}

static const char *const ops[] = {
	"eq", "ne", "in", "not-in", "lt", "le", "gt", "ge", "match",
	"not-match", "days-le", "exists", "absent",
};

static int
op_known(const char *op)
{
	size_t i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

static int
op_numeric(const char *op)
{
	return strcmp(op, "lt") == 0 || strcmp(op, "le") == 0 ||
	    strcmp(op, "gt") == 0 || strcmp(op, "ge") == 0 ||
	    strcmp(op, "days-le") == 0;
}

/*
 * Compare ACTUAL with EXPECTED under OP. ERROR when a number or a date
 * was needed and ACTUAL has none (WHY says so).
 */
static enum cfg_res
compare(struct cfg_ctx *ctx, const char *op, const char *actual,
    const char *expected, struct vg_buf *why)
{
	int64_t a, b;
	regex_t re;
	int r;

	if (expected == NULL)
		expected = "";
	if (strcmp(op, "exists") == 0)
		return CFG_PASS;
	if (strcmp(op, "absent") == 0)
		return CFG_FAIL;
	if (strcmp(op, "eq") == 0 || strcmp(op, "ne") == 0) {
		r = (whole_number(actual, &a) == 0 &&
		    whole_number(expected, &b) == 0) ? a == b :
		    strcasecmp(actual, expected) == 0;
		return (r == (strcmp(op, "eq") == 0)) ? CFG_PASS : CFG_FAIL;
	}
	if (strcmp(op, "in") == 0)
		return in_list(actual, expected) ? CFG_PASS : CFG_FAIL;
	if (strcmp(op, "not-in") == 0)
		return in_list(actual, expected) ? CFG_FAIL : CFG_PASS;
	if (strcmp(op, "match") == 0 || strcmp(op, "not-match") == 0) {
		if (regcomp(&re, expected, REG_EXTENDED | REG_ICASE |
		    REG_NOSUB) != 0) {
			vg_buf_printf(why, _("bad pattern %s"), expected);
			return CFG_ERROR;
		}
		r = regexec(&re, actual, 0, NULL, 0) == 0;
		regfree(&re);
		return (r == (strcmp(op, "match") == 0)) ? CFG_PASS : CFG_FAIL;
	}
	if (strcmp(op, "days-le") == 0) {
		time_t t;

		if (parse_date(actual, &t) == -1) {
			vg_buf_printf(why, _("'%s' is not a date"), actual);
			return CFG_ERROR;
		}
		whole_number(expected, &b);
		return (ctx->now - t) / 86400 <= b ? CFG_PASS : CFG_FAIL;
	}
	if (first_number(actual, &a) == -1) {
		vg_buf_printf(why, _("'%s' is not a number"), actual);
		return CFG_ERROR;
	}
	if (whole_number(expected, &b) == -1)
		b = 0;
	if (strcmp(op, "lt") == 0)
		return a < b ? CFG_PASS : CFG_FAIL;
	if (strcmp(op, "le") == 0)
		return a <= b ? CFG_PASS : CFG_FAIL;
	if (strcmp(op, "gt") == 0)
		return a > b ? CFG_PASS : CFG_FAIL;
	return a >= b ? CFG_PASS : CFG_FAIL;
}

/* Compare and write "WHAT = ACTUAL (WHERE)[, expected ...]". */
static enum cfg_res
judge(struct cfg_ctx *ctx, xmlNodePtr n, const char *what,
    const char *actual, const char *where, struct vg_buf *d)
{
	const char *op = attr_or(n, "op", "eq"), *value = attr(n, "value");
	struct vg_buf why = { 0 };
	enum cfg_res r;
	char *clean = vg_term_clean(actual);

	r = compare(ctx, op, actual, value, &why);
	vg_buf_sep(d, "; ");
	if (where != NULL)
		vg_buf_printf(d, "%s = %s (%s)", what, clean, where);
	else
		vg_buf_printf(d, "%s = %s", what, clean);
	if (r == CFG_FAIL) {
		char *e = expected_text(op, value);

		vg_buf_printf(d, _(", expected %s"), e);
		free(e);
	} else if (r == CFG_ERROR)
		vg_buf_printf(d, ": %s", why.p);
	vg_buf_free(&why);
	free(clean);
	return r;
}

/* Nothing found: the "missing" outcome, said plainly. */
static enum cfg_res
not_found(xmlNodePtr n, enum cfg_res def, struct vg_buf *d,
    const char *fmt, const char *what)
{
	enum cfg_res r = missing_res(n, def);

	vg_buf_sep(d, "; ");
	vg_buf_printf(d, fmt, what);
	return r;
}

/* ---- Files under the root ------------------------------------------ */

struct files {
	char	**real;		/* paths to open */
	char	**shown;	/* paths as on the target */
	size_t	  n;
	char	 *error;	/* a path that cannot be resolved, or NULL */
};

static void
files_free(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->real[i]);
		free(f->shown[i]);
	}
	free(f->real);
	free(f->shown);
	free(f->error);
	memset(f, 0, sizeof *f);
}

/* The root with glob's special characters escaped. */
char *
config_eval_glob_escape(const char *s)
{
	char *out = xmalloc(strlen(s) * 2 + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (strchr("*?[]\\", *s) != NULL)
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/*
 * glob() under an offline root: every directory it opens and every name
 * it stats is resolved inside the root (vg_root_path), so a link on the
 * examined disk never leads glob to the analyst's own files.
 */
static __thread const char *glob_root;

static char *
glob_real(const char *name, int follow)
{
	size_t rl = strlen(glob_root);

	if (strncmp(name, glob_root, rl) != 0)
		return NULL;
	return vg_root_path(glob_root, name[rl] ? name + rl : "/", follow,
	    NULL);
}

static void *
glob_opendir(const char *name)
{
	char *real = glob_real(name, 1);
	DIR *d = real != NULL ? opendir(real) : NULL;

	free(real);
	return d;
}

static void *
glob_readdir(void *d)
{
	return readdir(d);
}

static void
glob_closedir(void *d)
{
	closedir(d);
}

static int
glob_lstat(const char *name, struct stat *st)
{
	char *real = glob_real(name, 0);
	int rc = real != NULL ? lstat(real, st) : -1;

	if (real == NULL)
		errno = ENOENT;
	free(real);
	return rc;
}

static int
glob_stat(const char *name, struct stat *st)
{
	char *real = glob_real(name, 1);
	int rc = real != NULL ? stat(real, st) : -1;

	if (real == NULL)
		errno = ENOENT;
	free(real);
	return rc;
}

/* Expand the space-separated target globs of LIST under the root. */
static void
expand(struct cfg_ctx *ctx, const char *list, struct files *f)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	char *eroot = config_eval_glob_escape(ctx->root);
	size_t rl = strlen(ctx->root), i;

	memset(f, 0, sizeof *f);
	for (tok = strtok_r(copy, " \t\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\n", &save)) {
		char *pat, rerr[VG_ERRLEN];
		glob_t g;
		int flags = 0;

		if (rl > 0 && strpbrk(tok, "*?[\\") == NULL) {
			/* A plain path: resolved inside the root, and a
			 * loop is an error rather than an absent file. */
			char *real = vg_root_path(ctx->root, tok, 1, rerr);

			if (real == NULL) {
				if (f->error == NULL)
					f->error = xstrdup(rerr);
				continue;
			}
			f->real = xreallocarray(f->real, f->n + 1,
			    sizeof *f->real);
			f->shown = xreallocarray(f->shown, f->n + 1,
			    sizeof *f->shown);
			f->real[f->n] = real;
			f->shown[f->n] = xstrdup(tok);
			f->n++;
			continue;
		}
		pat = xasprintf("%s%s", eroot, tok);
		memset(&g, 0, sizeof g);
		if (rl > 0) {
			glob_root = ctx->root;
			g.gl_opendir = glob_opendir;
			g.gl_readdir = (struct dirent *(*)(void *))glob_readdir;
			g.gl_closedir = glob_closedir;
			g.gl_lstat = glob_lstat;
			g.gl_stat = glob_stat;
			flags = GLOB_ALTDIRFUNC;
		}
		if (glob(pat, flags, NULL, &g) == 0) {
			for (i = 0; i < g.gl_pathc; i++) {
				char *real = vg_root_path(ctx->root,
				    g.gl_pathv[i] + rl, 1, rerr);

				if (real == NULL) {
					if (f->error == NULL)
						f->error = xstrdup(rerr);
					continue;
				}
				f->real = xreallocarray(f->real, f->n + 1,
				    sizeof *f->real);
				f->shown = xreallocarray(f->shown, f->n + 1,
				    sizeof *f->shown);
				f->real[f->n] = real;
				f->shown[f->n] = xstrdup(g.gl_pathv[i] + rl);
				f->n++;
			}
			globfree(&g);
		}
		free(pat);
	}
	free(eroot);
	free(copy);
}

/* Read a regular file; NULL with err set (ENOENT: *absent set). */
char *
config_eval_read_regular(const char *path, const char *shown, size_t *len, int *absent,
    char *err)
{
	struct stat st;
	char *buf;

	*absent = 0;
	if (stat(path, &st) == -1) {
		*absent = errno == ENOENT || errno == ENOTDIR;
		vg_seterr(err, "%s: %s", shown, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		vg_seterr(err, _("%s: not a regular file"), shown);
		return NULL;
	}
	if (st.st_size > EVAL_MAX_FILE) {
		vg_seterr(err, _("%s: larger than %d MB, not read"), shown,
		    EVAL_MAX_FILE / (1024 * 1024));
		return NULL;
	}
	if ((buf = vg_read_file(path, EVAL_MAX_FILE, len, err)) == NULL)
		vg_seterr(err, _("%s: cannot be read"), shown);
	return buf;
}

/* Name or number of a user or group in the target's passwd/group. */
static int
target_id(struct cfg_ctx *ctx, const char *file, const char *name,
    long *id)
{
	char err[VG_ERRLEN], *path = vg_root_path(ctx->root, file, 1, err),
	    *text, *p, *nl;
	size_t len, nl_len = strlen(name);
	int absent, rc = -1;
	char *end;

	*id = strtol(name, &end, 10);
	if (end != name && *end == '\0') {
		free(path);
		return 0;
	}
	if (strcmp(name, "root") == 0) {
		*id = 0;
		free(path);
		return 0;
	}
	text = path == NULL ? NULL :
	    config_eval_read_regular(path, file, &len, &absent, err);
	free(path);
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (strncmp(p, name, nl_len) == 0 && p[nl_len] == ':') {
			char *f = strchr(p + nl_len + 1, ':');

			if (f != NULL) {
				*id = strtol(f + 1, NULL, 10);
				rc = 0;
			}
			break;
		}
	}
	free(text);
	return rc;
}

static enum cfg_res
ev_file(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *path = attr(n, "path"), *mode = attr(n, "mode-max"),
	    *owner = attr(n, "owner"), *group = attr(n, "group");
	char err[VG_ERRLEN], *real;
	struct stat st;
	enum cfg_res r = CFG_PASS;
	long id;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if ((real = vg_root_path(ctx->root, path, 0, err)) == NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	if (lstat(real, &st) == -1) {
		int e = errno;

		free(real);
		if (attr_yes(n, "exists", 1) == 0 && (e == ENOENT ||
		    e == ENOTDIR)) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("%s is absent"), path);
			return CFG_PASS;
		}
		if (e != ENOENT && e != ENOTDIR) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s: %s", path, strerror(e));
			return CFG_ERROR;
		}
		return not_found(n, CFG_FAIL, d, _("%s is absent"), path);
	}
	free(real);
	if (!attr_yes(n, "exists", 1)) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("%s exists"), path);
		return CFG_FAIL;
	}
	vg_buf_sep(d, "; ");
	vg_buf_printf(d, _("%s exists (mode %04o, owner %ld, group %ld)"),
	    path, (unsigned)(st.st_mode & 07777), (long)st.st_uid,
	    (long)st.st_gid);
	if (mode != NULL) {
		unsigned long max = strtoul(mode, NULL, 8);

		if ((st.st_mode & 07777 & ~max) != 0) {
			vg_buf_printf(d, _(", mode wider than %s"), mode);
			r = CFG_FAIL;
		}
	}
	if (owner != NULL) {
		if (target_id(ctx, "/etc/passwd", owner, &id) == -1) {
			vg_buf_printf(d, _(", unknown user %s"), owner);
			return CFG_ERROR;
		}
		if ((long)st.st_uid != id) {
			vg_buf_printf(d, _(", owner is not %s"), owner);
			r = CFG_FAIL;
		}
	}
	if (group != NULL) {
		if (target_id(ctx, "/etc/group", group, &id) == -1) {
			vg_buf_printf(d, _(", unknown group %s"), group);
			return CFG_ERROR;
		}
		if ((long)st.st_gid != id) {
			vg_buf_printf(d, _(", group is not %s"), group);
			r = CFG_FAIL;
		}
	}
	return r;
}

static enum cfg_res
ev_keyvalue(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *sep = attr_or(n, "sep", "space"), *key = attr(n, "key"),
	    *def = attr(n, "default");
	struct kv_opts o = {
		.sep = strcmp(sep, "space") == 0 ? ' ' : sep[0],
		.icase = attr_yes(n, "icase", 0),
		.squash = attr_yes(n, "squash", 0),
		.section = attr(n, "section"),
		.stop = attr(n, "stop"),
		.last = strcmp(attr_or(n, "pick", "first"), "last") == 0,
	};
	struct files f;
	struct kv_hit hit;
	char err[VG_ERRLEN], *where;
	enum cfg_res r;
	int rc;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	expand(ctx, attr(n, "files"), &f);
	if (f.error != NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", f.error);
		files_free(&f);
		return CFG_ERROR;
	}
	rc = kv_find(f.real, (const char *const *)f.shown, f.n, key, &o, &hit,
	    err);
	files_free(&f);
	if (rc == -1) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	if (rc == 0) {
		if (def != NULL) {
			where = xstrdup(_("default"));
			r = judge(ctx, n, key, def, where, d);
			free(where);
			return r;
		}
		return not_found(n, CFG_FAIL, d, _("%s is not set"), key);
	}
	where = xasprintf("%s:%ld", hit.file, hit.line);
	r = judge(ctx, n, hit.key, hit.value, where, d);
	free(where);
	kv_hit_clear(&hit);
	return r;
}

static enum cfg_res
ev_regex(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *pattern = attr(n, "pattern");
	int present = strcmp(attr_or(n, "expect", "present"), "present") == 0;
	struct files f;
	regex_t re;
	size_t i, read = 0;
	int hits = 0, absent;
	enum cfg_res r = CFG_PASS;
	char err[VG_ERRLEN];
	struct vg_buf found = { 0 };

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE |
	    (attr_yes(n, "icase", 0) ? REG_ICASE : 0)) != 0)
		return CFG_ERROR;	/* check_load compiled it already */
	expand(ctx, attr(n, "files"), &f);
	if (f.error != NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", f.error);
		r = CFG_ERROR;
	}
	for (i = 0; i < f.n; i++) {
		size_t len;
		char *text = config_eval_read_regular(f.real[i], f.shown[i], &len,
		    &absent, err), *p, *nl;
		long line = 0;

		if (text == NULL) {
			if (absent)
				continue;
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", err);
			r = CFG_ERROR;
			continue;
		}
		read++;
		for (p = text; p != NULL && *p != '\0'; p = nl) {
			if ((nl = strchr(p, '\n')) != NULL)
				*nl++ = '\0';
			line++;
			if (regexec(&re, p, 0, NULL, 0) != 0)
				continue;
			if (hits++ < EVAL_SHOW) {
				char *c = vg_term_clean(p);

				vg_buf_sep(&found, "; ");
				vg_buf_printf(&found, "%s:%ld: %s",
				    f.shown[i], line, c);
				free(c);
			}
		}
		free(text);
	}
	regfree(&re);
	if (r == CFG_ERROR)
		goto out;
	if (read == 0) {
		r = not_found(n, CFG_NA, d, _("no file to read (%s)"),
		    attr(n, "files"));
		goto out;
	}
	vg_buf_sep(d, "; ");
	if (hits > 0) {
		vg_buf_printf(d, vg_ngettext("%d line matches: %s",
		    "%d lines match: %s", (unsigned long)hits), hits, found.p);
		r = present ? CFG_PASS : CFG_FAIL;
	} else {
		vg_buf_printf(d, _("no line matches %s"), pattern);
		r = present ? CFG_FAIL : CFG_PASS;
	}
out:
	vg_buf_free(&found);
	files_free(&f);
	return r;
}

/* Lines of a colon-separated table (passwd, shadow, group). */
static enum cfg_res
ev_records(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *file = attr(n, "file"), *sep = attr_or(n, "sep", ":");
	int none = strcmp(attr_or(n, "expect", "none"), "none") == 0;
	char err[VG_ERRLEN], *real, *text, *p, *nl;
	struct vg_buf found = { 0 };
	size_t len;
	int absent = 0, hits = 0;
	long line = 0;
	enum cfg_res r;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	real = vg_root_path(ctx->root, file, 1, err);
	text = real == NULL ? NULL :
	    config_eval_read_regular(real, file, &len, &absent, err);
	free(real);
	if (text == NULL) {
		if (absent)
			return not_found(n, CFG_NA, d, _("%s is absent"), file);
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		char *fields[64], *s = p;
		int nf = 0, all = 1;
		xmlNodePtr w;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		if (*p == '#' || *p == '\0')
			continue;
		/* Split keeping empty fields. */
		while (nf < 64) {
			fields[nf++] = s;
			if ((s = strchr(s, sep[0])) == NULL)
				break;
			*s++ = '\0';
		}
		VG_XML_FOREACH(w, n, "where") {
			const char *fv = attr(w, "field");
			long fi = fv ? strtol(fv, NULL, 10) : 0;
			struct vg_buf why = { 0 };

			if (fi < 1 || fi > nf || compare(ctx,
			    attr_or(w, "op", "eq"), fields[fi - 1],
			    attr(w, "value"), &why) != CFG_PASS)
				all = 0;
			vg_buf_free(&why);
		}
		if (!all)
			continue;
		if (hits++ < EVAL_SHOW) {
			char *c = vg_term_clean(fields[0]);

			vg_buf_sep(&found, "; ");
			vg_buf_printf(&found, "%s (%s:%ld)", c, file, line);
			free(c);
		}
	}
	free(text);
	vg_buf_sep(d, "; ");
	if (hits > 0) {
		vg_buf_printf(d, vg_ngettext("%d entry: %s", "%d entries: %s",
		    (unsigned long)hits), hits, found.p);
		r = none ? CFG_FAIL : CFG_PASS;
	} else {
		vg_buf_printf(d, _("no entry of %s is concerned"), file);
		r = none ? CFG_PASS : CFG_FAIL;
	}
	vg_buf_free(&found);
	return r;
}

/* ---- Packages, services, kernel ------------------------------------- */

static int
dpkg_ready(struct cfg_ctx *ctx, struct vg_buf *d)
{
	char err[VG_ERRLEN];
	int rc;

	if (ctx->dpkg_state == 0) {
		rc = dpkg_load(&ctx->dpkg, ctx->root, err);
		ctx->dpkg_state = rc == 0 ? 1 : rc == 1 ? 2 : -1;
		if (rc == -1)
			ctx->dpkg_err = xstrdup(err);
	}
	if (ctx->dpkg_state == 2) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", _("no dpkg database "
		    "(/var/lib/dpkg/status): not a Debian-like system"));
	} else if (ctx->dpkg_state == -1) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", ctx->dpkg_err);
	}
	return ctx->dpkg_state;
}

static enum cfg_res
ev_package(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *name = attr(n, "name"), *op = attr(n, "op"),
	    *version = attr(n, "version");
	const struct dpkg_pkg *p;
	int want = attr_yes(n, "installed", 1), st, c;
	enum cfg_res r;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if ((st = dpkg_ready(ctx, d)) != 1)
		return st == 2 ? CFG_NA : CFG_ERROR;
	p = dpkg_find(&ctx->dpkg, name);
	vg_buf_sep(d, "; ");
	if (p == NULL) {
		vg_buf_printf(d, _("package %s is not installed"), name);
		return want ? CFG_FAIL : CFG_PASS;
	}
	vg_buf_printf(d, _("package %s %s is installed"), name, p->version);
	if (!want)
		return CFG_FAIL;
	if (op == NULL || version == NULL)
		return CFG_PASS;
	c = dpkg_vercmp(p->version, version);
	if (strcmp(op, "ge") == 0)
		r = c >= 0 ? CFG_PASS : CFG_FAIL;
	else if (strcmp(op, "gt") == 0)
		r = c > 0 ? CFG_PASS : CFG_FAIL;
	else if (strcmp(op, "le") == 0)
		r = c <= 0 ? CFG_PASS : CFG_FAIL;
	else if (strcmp(op, "lt") == 0)
		r = c < 0 ? CFG_PASS : CFG_FAIL;
	else if (strcmp(op, "ne") == 0)
		r = c != 0 ? CFG_PASS : CFG_FAIL;
	else
		r = c == 0 ? CFG_PASS : CFG_FAIL;
	if (r == CFG_FAIL) {
		char *e = expected_text(op, version);

		vg_buf_printf(d, _(", expected %s"), e);
		free(e);
	}
	return r;
}

static enum cfg_res
ev_service(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *unit = attr(n, "unit");
	int want = attr_yes(n, "enabled", 1);
	enum systemd_state s;
	struct stat st;
	char *a, *b;
	int systemd;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	a = vg_root_path(ctx->root, "/lib/systemd/system", 1, NULL);
	b = vg_root_path(ctx->root, "/usr/lib/systemd/system", 1, NULL);
	systemd = (a != NULL && stat(a, &st) == 0) ||
	    (b != NULL && stat(b, &st) == 0);
	free(a);
	free(b);
	if (!systemd) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", _("no systemd unit directory"));
		return CFG_NA;
	}
	s = systemd_state(ctx->root, unit);
	vg_buf_sep(d, "; ");
	vg_buf_printf(d, _("service %s: %s"), unit, systemd_state_name(s));
	return (s == SD_ENABLED) == want ? CFG_PASS : CFG_FAIL;
}

static enum cfg_res
ev_sysctl(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *key = attr(n, "key"), *def = attr(n, "default");
	char *value, *where, err[VG_ERRLEN];
	enum cfg_res r;
	int rc;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	rc = sysctl_get(ctx->root, ctx->live, key, &value, &where, err);
	if (rc == -1) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	if (rc == 0) {
		if (def != NULL)
			return judge(ctx, n, key, def, _("kernel default"), d);
		return not_found(n, CFG_NA, d, _("%s is not set"), key);
	}
	r = judge(ctx, n, key, value, where, d);
	free(value);
	free(where);
	return r;
}

/* ---- Linux walks ----------------------------------------------------- */

/* "N found: a, b, c..." */
static void
list_hits(struct vg_buf *d, char **hits, int n)
{
	int i;

	vg_buf_sep(d, "; ");
	vg_buf_printf(d, vg_ngettext("%d found: ", "%d found: ",
	    (unsigned long)n), n);
	for (i = 0; i < n && i < EVAL_SHOW; i++) {
		char *c = vg_term_clean(hits[i]);

		vg_buf_printf(d, "%s%s", i ? ", " : "", c);
		free(c);
	}
	if (n > EVAL_SHOW)
		vg_buf_printf(d, "%s", ", ...");
}

static void
free_hits(char **hits, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(hits[i]);
	free(hits);
}

static enum cfg_res
ev_search(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *type = attr_or(n, "type", "");
	struct linux_search s = {
		.dirs = attr(n, "dirs"),
		.type = type[0],
		.perm_any = (unsigned)strtoul(attr_or(n, "perm-any", "0"),
		    NULL, 8),
		.perm_none = (unsigned)strtoul(attr_or(n, "perm-none", "0"),
		    NULL, 8),
		.unowned = attr_yes(n, "unowned", 0),
		.xdev = 1,
		.max = 1000,
	};
	char **hits, err[VG_ERRLEN];
	int nh, st;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if (s.unowned) {
		if ((st = dpkg_ready(ctx, d)) != 1)
			return st == 2 ? CFG_NA : CFG_ERROR;
		if (dpkg_load_files(&ctx->dpkg, ctx->root, err) == -1) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", err);
			return CFG_ERROR;
		}
	}
	nh = linux_search(ctx->root, &s, &ctx->dpkg, &hits);
	if (nh == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("none in %s"), s.dirs);
		return CFG_PASS;
	}
	list_hits(d, hits, nh);
	free_hits(hits, nh);
	return CFG_FAIL;
}

static enum cfg_res
ev_execpaths(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *source = attr(n, "source");
	char **hits, err[VG_ERRLEN];
	int nh;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if ((nh = linux_execpaths(ctx->root, source, &hits, err)) == -1) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	if (nh == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("no %s command runs from a path others can "
		    "write"), source);
		return CFG_PASS;
	}
	list_hits(d, hits, nh);
	free_hits(hits, nh);
	return CFG_FAIL;
}

static enum cfg_res
ev_listen(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	char **hits, err[VG_ERRLEN];
	int nh, found;

	if (ctx->target != CFG_LINUX)
		return CFG_NA;
	if ((nh = linux_listen(ctx->root, attr_or(n, "allow", ""), &hits,
	    &found, err)) == -1) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return CFG_ERROR;
	}
	if (!found) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", _("no /proc/net here: listening "
		    "sockets are only seen on the running system"));
		return CFG_NA;
	}
	if (nh == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", _("no service listens on every "
		    "address"));
		return CFG_PASS;
	}
	list_hits(d, hits, nh);
	free_hits(hits, nh);
	return CFG_FAIL;
}

/* Judge one registry value of one key (one user for HKCU hives). */
static enum cfg_res
reg_one(struct cfg_ctx *ctx, xmlNodePtr n, const char *key, int user,
    struct vg_buf *d)
{
	const char *value = attr(n, "name"), *op = attr_or(n, "op", "eq");
	const struct reg_key *k = NULL;
	const struct reg_value *v = NULL;
	const char *src = NULL;
	char err[VG_ERRLEN], *what, *text;
	enum cfg_res r;
	int rc;

	if (ctx->target == CFG_WINDOWS_DIR) {
		rc = config_windows_value(ctx, key, value, &v, &k, &src);
		if (rc == -2) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("%s cannot be told: %s is damaged "
			    "(%s)"), key, src, ctx->a_reg.error);
			return CFG_ERROR;
		}
		if (rc == -1) {
			if (ctx->a_reg.error != NULL) {
				vg_buf_sep(d, "; ");
				vg_buf_printf(d, _("%s not found, and some "
				    "exports are damaged: %s"), key,
				    ctx->a_reg.error);
				return CFG_ERROR;
			}
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("%s was not collected"), key);
			return CFG_NA;
		}
	} else {
		rc = hive_key(ctx->hives, key, user, &k, err);
		if (rc == -1 || rc == -2) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", err);
			return rc == -2 ? CFG_NA : CFG_ERROR;
		}
		src = k->origin;
		if (rc == 1 && value != NULL)
			v = reg_value_find(k, value);
	}
	if (value == NULL) {
		/* The key itself: exists / absent. */
		int there = k != NULL && !k->absent;

		vg_buf_sep(d, "; ");
		vg_buf_printf(d, there ? _("key %s is present") :
		    _("key %s is absent"), key);
		if (strcmp(op, "absent") == 0)
			return there ? CFG_FAIL : CFG_PASS;
		return there ? CFG_PASS : CFG_FAIL;
	}
	if (user >= 0)
		what = xasprintf("%s: %s\\%s", hive_user_name(ctx->hives, user),
		    key, value);
	else
		what = xasprintf("%s\\%s", key, value);
	if (v == NULL) {
		if (strcmp(op, "absent") == 0) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("%s is not set"), what);
			free(what);
			return CFG_PASS;
		}
		r = not_found(n, CFG_FAIL, d, _("%s is not set"), what);
		free(what);
		return r;
	}
	if (strcmp(op, "absent") == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("%s is set"), what);
		free(what);
		return CFG_FAIL;
	}
	text = reg_value_text(v);
	r = judge(ctx, n, what, text, src, d);
	free(text);
	free(what);
	return r;
}

/* Subkeys of KEY (its last part is "*"). */
static int
reg_children(struct cfg_ctx *ctx, const char *key, int user, char ***names,
    size_t *n, struct vg_buf *d)
{
	char err[VG_ERRLEN];
	int rc;

	if (ctx->target == CFG_WINDOWS_DIR) {
		if (reg_cover(&ctx->reg, key) == NULL)
			return -1;
		*names = reg_subkeys(&ctx->reg, key, n);
		return 0;
	}
	if ((rc = hive_subkeys(ctx->hives, key, user, names, n, err)) < 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return rc;
	}
	return 0;
}

/* A key for one user (or the machine); "\*" at the end: every subkey. */
static enum cfg_res
reg_user(struct cfg_ctx *ctx, xmlNodePtr n, const char *key, int user,
    struct vg_buf *d)
{
	size_t kl = strlen(key), i, nk;
	char *parent, **names;
	enum cfg_res r, worst = CFG_PASS;
	int rc, fail = 0, error = 0, na = 0;

	if (kl < 2 || strcmp(key + kl - 2, "\\*") != 0)
		return reg_one(ctx, n, key, user, d);
	parent = xstrndup(key, kl - 2);
	if ((rc = reg_children(ctx, parent, user, &names, &nk, d)) < 0) {
		if (rc == -1 && ctx->target == CFG_WINDOWS_DIR) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("%s was not collected"), parent);
		}
		free(parent);
		return rc == -1 && ctx->target != CFG_WINDOWS_DIR ? CFG_ERROR :
		    CFG_NA;
	}
	if (nk == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("%s has no subkey"), parent);
		free(parent);
		return missing_res(n, CFG_NA);
	}
	for (i = 0; i < nk; i++) {
		char *sub = xasprintf("%s\\%s", parent, names[i]);

		r = reg_one(ctx, n, sub, user, d);
		fail += r == CFG_FAIL;
		error += r == CFG_ERROR;
		na += r == CFG_NA;
		free(sub);
		free(names[i]);
	}
	free(names);
	free(parent);
	if (fail)
		worst = CFG_FAIL;
	else if (error)
		worst = CFG_ERROR;
	else if (na)
		worst = CFG_NA;
	return worst;
}

static enum cfg_res
ev_registry(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *key = attr(n, "key");
	char *norm;
	enum cfg_res r, all = CFG_PASS;
	int u, users, fail = 0, error = 0, na = 0;

	if (ctx->target == CFG_LINUX)
		return CFG_NA;
	config_windows_sources(ctx);
	norm = reg_path_norm(key);
	if (ctx->target == CFG_WINDOWS_DIR ||
	    strncasecmp(norm, "HKCU", 4) != 0) {
		r = reg_user(ctx, n, norm, -1, d);
		free(norm);
		return r;
	}
	/* Offline: every user's NTUSER.DAT must pass. */
	if ((users = hive_nusers(ctx->hives)) == 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", _("no user profile (NTUSER.DAT) "
		    "found"));
		free(norm);
		return CFG_NA;
	}
	for (u = 0; u < users; u++) {
		r = reg_user(ctx, n, norm, u, d);
		fail += r == CFG_FAIL;
		error += r == CFG_ERROR;
		na += r == CFG_NA;
	}
	free(norm);
	if (fail)
		all = CFG_FAIL;
	else if (error)
		all = CFG_ERROR;
	else if (na == users)
		all = CFG_NA;
	return all;
}

static enum cfg_res
ev_policy(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *name = attr(n, "name"), *source = attr_or(n, "source",
	    "any"), *section = attr_or(n, "section", "System Access"),
	    *kind = attr_or(n, "kind", "Account");
	int any = strcmp(source, "any") == 0;
	struct vg_buf errs = { 0 };
	char err[VG_ERRLEN];
	enum cfg_res r;

	if (ctx->target == CFG_LINUX)
		return CFG_NA;
	config_windows_sources(ctx);
	if (ctx->target == CFG_WINDOWS_ROOT && (any ||
	    strcmp(source, "sam") == 0)) {
		int64_t v;
		int rc = hive_policy(ctx->hives, name, &v, err);

		if (rc == 1) {
			char *s = xasprintf("%" PRId64, v);

			r = judge(ctx, n, name, s, "SAM", d);
			free(s);
			return r;
		}
		if (rc < 0) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", err);
			return rc == -2 ? CFG_NA : CFG_ERROR;
		}
		return not_found(n, CFG_NA, d, _("%s is not in the SAM"),
		    name);
	}
	if (ctx->target != CFG_WINDOWS_DIR)
		return CFG_NA;
	if (any || strcmp(source, "secedit") == 0) {
		const struct inf_entry *e;

		if (ctx->a_inf.error != NULL) {
			vg_buf_sep(&errs, "; ");
			vg_buf_printf(&errs, "%s", ctx->a_inf.error);
		} else if (ctx->a_inf.present &&
		    (e = inf_get(&ctx->inf, section, name)) != NULL) {
			char *where = xasprintf("%s:%ld", ctx->a_inf.name,
			    e->line);

			r = judge(ctx, n, name, e->value, where, d);
			free(where);
			vg_buf_free(&errs);
			return r;
		}
	}
	if (any || strcmp(source, "gpresult") == 0) {
		const struct gpresult_entry *e;

		if (ctx->a_gpr.error != NULL) {
			vg_buf_sep(&errs, "; ");
			vg_buf_printf(&errs, "%s", ctx->a_gpr.error);
		} else if (ctx->a_gpr.present &&
		    (e = gpresult_get(&ctx->gpr, kind, name)) != NULL) {
			r = judge(ctx, n, name, e->value, ctx->a_gpr.name, d);
			if (errs.p != NULL)
				vg_buf_printf(d, _(" (not checked against the "
				    "local policy: %s)"), errs.p);
			vg_buf_free(&errs);
			return r;
		}
	}
	if (errs.p != NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", errs.p);
		vg_buf_free(&errs);
		return CFG_ERROR;
	}
	return not_found(n, CFG_NA, d, _("%s was not found in the collected "
	    "policy (secedit.inf, gpresult.xml)"), name);
}

static int
re_compile(regex_t *re, const char *pattern)
{
	return regcomp(re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
}

static enum cfg_res
ev_text(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *file = attr(n, "file"), *section = attr(n, "section"),
	    *send = attr(n, "section-end"), *label = attr(n, "label"),
	    *after = attr(n, "after"), *until = attr(n, "until");
	int each = attr_yes(n, "each", 0);
	struct cfg_artifact *a;
	struct cmdout *c;
	regex_t rs, re, rl, ra, ru;
	size_t i, start = 0, end;
	int hits = 0, fail = 0, error = 0, in = 0;
	enum cfg_res r = CFG_NA;
	char *where;

	if (ctx->target != CFG_WINDOWS_DIR)
		return CFG_NA;
	c = config_windows_text(ctx, file, &a);
	if (a->error != NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", a->error);
		return CFG_ERROR;
	}
	if (!a->present) {
		unavail_not_collected(ctx->windir, file, d);
		return CFG_NA;
	}
	end = c->nlines;
	if (section != NULL) {
		re_compile(&rs, section);
		for (i = 0; i < c->nlines; i++)
			if (regexec(&rs, c->lines[i], 0, NULL, 0) == 0)
				break;
		regfree(&rs);
		if (i == c->nlines)
			return not_found(n, CFG_NA, d, _("no section %s in "
			    "the output"), section);
		start = i + 1;
		if (send != NULL) {
			re_compile(&re, send);
			for (i = start; i < c->nlines; i++)
				if (regexec(&re, c->lines[i], 0, NULL, 0) == 0)
					break;
			end = i;
			regfree(&re);
		}
	}
	if (after != NULL) {
		/* Count the items of a list. */
		int count = 0;
		char *s;

		re_compile(&ra, after);
		if (until != NULL)
			re_compile(&ru, until);
		for (i = start; i < end; i++) {
			if (!in) {
				in = regexec(&ra, c->lines[i], 0, NULL, 0) == 0;
				continue;
			}
			if (until != NULL &&
			    regexec(&ru, c->lines[i], 0, NULL, 0) == 0)
				break;
			if (c->lines[i][strspn(c->lines[i], " \t")] != '\0')
				count++;
		}
		regfree(&ra);
		if (until != NULL)
			regfree(&ru);
		if (!in)
			return not_found(n, CFG_NA, d, _("the list is not in "
			    "%s"), file);
		s = xasprintf("%d", count);
		r = judge(ctx, n, _("number of entries"), s, file, d);
		free(s);
		return r;
	}
	re_compile(&rl, label);
	for (i = start; i < end; i++) {
		char *l, *v;

		if (cmdout_split(c->lines[i], &l, &v) == -1)
			continue;
		if (regexec(&rl, l, 0, NULL, 0) == 0) {
			where = xasprintf("%s:%zu", file, i + 1);
			r = judge(ctx, n, l, v, where, d);
			free(where);
			hits++;
			fail += r == CFG_FAIL;
			error += r == CFG_ERROR;
		}
		free(l);
		free(v);
		if (hits > 0 && !each)
			break;
	}
	regfree(&rl);
	if (hits == 0)
		return not_found(n, CFG_NA, d, _("no line %s in the output"),
		    label);
	return fail ? CFG_FAIL : error ? CFG_ERROR : CFG_PASS;
}

static int
accounts_ready(struct cfg_ctx *ctx, struct vg_buf *d)
{
	char err[VG_ERRLEN];

	int rc;

	if (ctx->accounts_state == 0) {
		rc = hive_accounts(ctx->hives, &ctx->accounts,
		    &ctx->naccounts, err);
		if (rc < 0) {
			ctx->accounts_state = rc;
			ctx->accounts_err = xstrdup(err);
		} else
			ctx->accounts_state = 1;
	}
	if (ctx->accounts_state < 0) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", ctx->accounts_err);
	}
	return ctx->accounts_state;
}

static enum cfg_res
ev_sam(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *what = attr(n, "what");
	char err[VG_ERRLEN], *s, day[32];
	struct vg_buf list = { 0 };
	size_t i;
	int cnt = 0, st;
	enum cfg_res r;

	if (ctx->target != CFG_WINDOWS_ROOT)
		return CFG_NA;
	if (strcmp(what, "admins") == 0) {
		int m = hive_admin_members(ctx->hives, err);

		if (m < 0) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", err);
			return m == -2 ? CFG_NA : CFG_ERROR;
		}
		if (accounts_ready(ctx, d) == 1)
			for (i = 0; i < ctx->naccounts; i++)
				if (ctx->accounts[i].admin) {
					vg_buf_sep(&list, "; ");
					vg_buf_printf(&list, "%s",
					    ctx->accounts[i].name);
				}
		s = xasprintf("%d", m);
		r = judge(ctx, n, _("members of Administrators"), s,
		    list.p ? list.p : "SAM", d);
		free(s);
		vg_buf_free(&list);
		return r;
	}
	/* "unused": enabled accounts not used for DAYS days. */
	if ((st = accounts_ready(ctx, d)) != 1)
		return st == -2 ? CFG_NA : CFG_ERROR;
	for (i = 0; i < ctx->naccounts; i++) {
		const struct sam_account *a = &ctx->accounts[i];
		long days = strtol(attr_or(n, "days", "90"), NULL, 10);

		if (a->flags & 0x1)
			continue;
		if (a->last_logon != 0 &&
		    ctx->now - a->last_logon <= days * 86400)
			continue;
		if (a->last_logon == 0)
			snprintf(day, sizeof day, "%s", _("never"));
		else {
			struct tm tm;

			gmtime_r(&a->last_logon, &tm);
			strftime(day, sizeof day, "%Y-%m-%d", &tm);
		}
		vg_buf_sep(&list, "; ");
		vg_buf_printf(&list, _("%s (last logon: %s)"), a->name, day);
		cnt++;
	}
	vg_buf_sep(d, "; ");
	if (cnt == 0) {
		vg_buf_printf(d, vg_ngettext("%zu local account, all in use "
		    "or disabled", "%zu local accounts, all in use or "
		    "disabled", ctx->naccounts), ctx->naccounts);
		return CFG_PASS;
	}
	vg_buf_printf(d, vg_ngettext("%d enabled account unused for %s "
	    "days: %s", "%d enabled accounts unused for %s days: %s",
	    (unsigned long)cnt), cnt, attr_or(n, "days", "90"), list.p);
	vg_buf_free(&list);
	return CFG_FAIL;
}

/* ---- Dated lifecycle tables (<lifecycle>) --------------------------- */

/*
 * The scan date: the collection date of a Windows folder (its manifest),
 * else now; VIGIE_NOW (ISO 8601) stands for now in tests, as for the
 * incident deadlines.
 */
static time_t
lc_scan_date(struct cfg_ctx *ctx)
{
	const char *s = getenv("VIGIE_NOW");
	time_t t;

	if (ctx->target != CFG_WINDOWS_DIR && s != NULL && *s != '\0' &&
	    vg_time_parse_iso(s, &t) == 0)
		return t;
	return ctx->now;
}

/*
 * The text of machine registry value NAME of KEY, from the artifacts or
 * the hives: 1 found (*out malloc'd, *src static), 0 not set, -1 cannot
 * tell (D says why).
 */
static int
lc_reg_text(struct cfg_ctx *ctx, const char *key, const char *name,
    char **out, const char **src, struct vg_buf *d)
{
	const struct reg_key *k = NULL;
	const struct reg_value *v = NULL;
	char err[VG_ERRLEN];
	int rc;

	*out = NULL;
	*src = NULL;
	if (ctx->target == CFG_WINDOWS_DIR) {
		config_windows_sources(ctx);
		rc = config_windows_value(ctx, key, name, &v, &k, src);
		if (rc == 1) {
			*out = reg_value_text(v);
			return 1;
		}
		if (rc == 0)
			return 0;
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, _("%s was not collected"), key);
		return -1;
	}
	rc = hive_key(ctx->hives, key, -1, &k, err);
	if (rc == -1 || rc == -2) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", err);
		return -1;
	}
	if (rc == 1 && (v = reg_value_find(k, name)) != NULL) {
		*src = k->origin;
		*out = reg_value_text(v);
		return 1;
	}
	return 0;
}

static void
lc_day(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * <lifecycle>: which <release> of the table the system is (its version:
 * the first number of registry value VERSION-NAME of KEY, or of the
 * version of dpkg PACKAGE; its edition: registry value EDITION-NAME,
 * matched against the release's EDITIONS), then its end of support
 * against the scan date. Support ends at the end of the END day. Between
 * END and EXTENDED only paid extended updates cover the system, which
 * the artifacts do not show: ERROR (cannot tell), with what to check.
 * Newer than the table: ERROR (the table needs an update), never a pass.
 */
static enum cfg_res
ev_lifecycle(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *key = attr(n, "key"), *vname = attr(n, "version-name"),
	    *ename = attr(n, "edition-name"), *pkg = attr(n, "package"),
	    *src = NULL, *esrc = NULL;
	char *version = NULL, *edition = NULL, day[11], end_day[11];
	xmlNodePtr c, hit = NULL;
	int64_t have, want, lowest = INT64_MAX, highest = INT64_MIN;
	time_t now = lc_scan_date(ctx), end, ext;
	enum cfg_res r = CFG_ERROR;
	int rc;

	if (pkg != NULL) {
		const struct dpkg_pkg *p;

		if (ctx->target != CFG_LINUX)
			return CFG_NA;
		if ((rc = dpkg_ready(ctx, d)) != 1)
			return rc == 2 ? CFG_NA : CFG_ERROR;
		if ((p = dpkg_find(&ctx->dpkg, pkg)) == NULL) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, _("package %s is not installed"),
			    pkg);
			return CFG_ERROR;
		}
		version = xstrdup(p->version);
		src = "/var/lib/dpkg/status";
	} else {
		if (ctx->target == CFG_LINUX)
			return CFG_NA;
		if ((rc = lc_reg_text(ctx, key, vname, &version, &src, d)) !=
		    1) {
			if (rc == 0) {
				vg_buf_sep(d, "; ");
				vg_buf_printf(d, _("%s\\%s is not set"), key,
				    vname);
			}
			return CFG_ERROR;
		}
		if (ename != NULL && lc_reg_text(ctx, key, ename, &edition,
		    &esrc, d) == -1) {
			free(version);
			return CFG_ERROR;
		}
	}
	vg_buf_sep(d, "; ");
	if (first_number(version, &have) == -1) {
		vg_buf_printf(d, _("'%s' is not a number"), version);
		goto out;
	}
	VG_XML_FOREACH(c, n, "release") {
		const char *eds = attr(c, "editions");

		if (whole_number(attr_or(c, "version", ""), &want) == -1)
			continue;
		lowest = want < lowest ? want : lowest;
		highest = want > highest ? want : highest;
		if (want != have)
			continue;
		if (eds != NULL && (edition == NULL || !in_list(edition, eds)))
			continue;
		hit = c;
		break;
	}
	lc_day(now, day);
	if (hit == NULL) {
		if (have < lowest) {
			vg_buf_printf(d, _("version %s (%s) is older than "
			    "every release of the table: no longer supported "
			    "on %s"), version, src, day);
			r = CFG_FAIL;
		} else
			vg_buf_printf(d, _("version %s%s%s (%s) is not in "
			    "vigie's lifecycle table: its end of support "
			    "cannot be told (update the rules)"), version,
			    edition ? ", " : "", edition ? edition : "", src);
		goto out;
	}
	if (parse_date(attr_or(hit, "end", ""), &end) == -1) {
		vg_buf_printf(d, _("release %s: bad end date"),
		    attr_or(hit, "name", version));
		goto out;
	}
	lc_day(end, end_day);
	/* parse_date gives noon: the day of END is still supported. */
	end += 12 * 3600 - 1;
	vg_buf_printf(d, "%s (%s%s%s, %s)", attr_or(hit, "name", version),
	    version, edition ? ", " : "", edition ? edition : "", src);
	if (now <= end) {
		vg_buf_printf(d, _(": supported until %s (scan date %s)"),
		    end_day, day);
		r = CFG_PASS;
	} else if (attr(hit, "extended") != NULL &&
	    parse_date(attr(hit, "extended"), &ext) == 0 &&
	    now <= ext + 12 * 3600 - 1) {
		vg_buf_printf(d, _(": support ended on %s; only paid "
		    "extended security updates (ESU, until %s at most) cover "
		    "it, and the collected data cannot show whether this "
		    "computer is enrolled: check it (scan date %s)"), end_day,
		    attr(hit, "extended"), day);
		r = CFG_ERROR;
	} else {
		vg_buf_printf(d, _(": support ended on %s (scan date %s)"),
		    end_day, day);
		r = CFG_FAIL;
	}
	if (attr(hit, "source") != NULL)
		vg_buf_printf(d, _("; source: %s"), attr(hit, "source"));
	(void)highest;
out:
	free(version);
	free(edition);
	return r;
}

/* ---- Registered antivirus products (<antivirus>) -------------------- */

/*
 * <antivirus>: the products Windows Security Center knows (collected as
 * "displayName : NAME" then "productState : NUMBER" lines in FILE). In
 * productState, bits 12-15 are the real-time state (1 on) and bits 4-7
 * the signatures (0 up to date). PASS when at least one product is on
 * and up to date; FAIL when products are listed and none is; NA when the
 * file was not collected (another test then answers).
 */
static enum cfg_res
ev_antivirus(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *file = attr_or(n, "file", "antivirus.txt");
	struct cfg_artifact *a;
	struct cmdout *c;
	struct vg_buf list = { 0 };
	char *name = NULL;
	size_t i;
	int products = 0, good = 0, bad_line = 0;

	if (ctx->target != CFG_WINDOWS_DIR)
		return CFG_NA;
	c = config_windows_text(ctx, file, &a);
	if (a->error != NULL) {
		vg_buf_sep(d, "; ");
		vg_buf_printf(d, "%s", a->error);
		return CFG_ERROR;
	}
	if (!a->present) {
		unavail_not_collected(ctx->windir, file, d);
		return CFG_NA;
	}
	for (i = 0; i < c->nlines; i++) {
		char *l, *v;
		int64_t st;

		if (cmdout_split(c->lines[i], &l, &v) == -1)
			continue;
		if (strcasecmp(l, "displayName") == 0) {
			free(name);
			name = vg_term_clean(v);
		} else if (strcasecmp(l, "productState") == 0) {
			int on, fresh;

			if (whole_number(v, &st) == -1 || st < 0) {
				bad_line++;
				free(l);
				free(v);
				continue;
			}
			on = ((st >> 12) & 0xf) == 1;
			fresh = ((st >> 4) & 0xf) == 0;
			products++;
			good += on && fresh;
			vg_buf_sep(&list, "; ");
			vg_buf_printf(&list, "%s (%s, %s)", name ? name : "?",
			    on ? _("on") : _("off"),
			    fresh ? _("up to date") : _("out of date"));
		}
		free(l);
		free(v);
	}
	free(name);
	vg_buf_sep(d, "; ");
	if (products == 0) {
		vg_buf_printf(d, bad_line ? _("%s: productState is not a "
		    "number") : _("%s: no antivirus product registered in "
		    "Windows Security Center"), file);
		vg_buf_free(&list);
		return bad_line ? CFG_ERROR : CFG_FAIL;
	}
	vg_buf_printf(d, vg_ngettext("%d antivirus product registered: %s",
	    "%d antivirus products registered: %s", (unsigned long)products),
	    products, list.p);
	vg_buf_free(&list);
	return good > 0 ? CFG_PASS : CFG_FAIL;
}

/* ---- The table ------------------------------------------------------ */

typedef enum cfg_res (*eval_fn)(struct cfg_ctx *, xmlNodePtr,
    struct vg_buf *);

static const struct evaluator {
	const char	*kind;
	eval_fn		 fn;
	const char	*regexes[6];	/* attributes holding patterns */
} evaluators[] = {
	{ "file", ev_file, { NULL } },
	{ "keyvalue", ev_keyvalue, { NULL } },
	{ "regex", ev_regex, { "pattern", NULL } },
	{ "records", ev_records, { NULL } },
	{ "package", ev_package, { NULL } },
	{ "service", ev_service, { NULL } },
	{ "sysctl", ev_sysctl, { NULL } },
	{ "search", ev_search, { NULL } },
	{ "execpaths", ev_execpaths, { NULL } },
	{ "listen", ev_listen, { NULL } },
	{ "registry", ev_registry, { NULL } },
	{ "policy", ev_policy, { NULL } },
	{ "text", ev_text, { "section", "section-end", "label", "after",
	    "until", NULL } },
	{ "sam", ev_sam, { NULL } },
	{ "lifecycle", ev_lifecycle, { NULL } },
	{ "antivirus", ev_antivirus, { NULL } },
};
#define NEVALUATORS	(sizeof evaluators / sizeof evaluators[0])

static const char *const combinations[] = { "all", "any", "none", "first" };

int
eval_known(const char *name)
{
	size_t i;

	for (i = 0; i < NEVALUATORS; i++)
		if (strcmp(evaluators[i].kind, name) == 0)
			return 1;
	for (i = 0; i < sizeof combinations / sizeof combinations[0]; i++)
		if (strcmp(combinations[i], name) == 0)
			return 1;
	return 0;
}

/*
 * all / any / none / first. Each child writes its own detail; only those
 * that explain the result are kept (the failing parts of a failed <all>,
 * the passing part of a passed <any>, the child <first> chose...).
 */
static enum cfg_res
combine(struct cfg_ctx *ctx, xmlNodePtr n, const char *how,
    struct vg_buf *d)
{
	xmlNodePtr c;
	struct vg_buf *parts = NULL;
	enum cfg_res *res = NULL, r, show;
	size_t k = 0, i, chosen = 0;
	int pass = 0, fail = 0, na = 0, error = 0, first;

	first = strcmp(how, "first") == 0;
	VG_XML_FOREACH(c, n, NULL) {
		if (strcmp((const char *)c->name, "where") == 0)
			continue;
		parts = xreallocarray(parts, k + 1, sizeof *parts);
		res = xreallocarray(res, k + 1, sizeof *res);
		memset(&parts[k], 0, sizeof parts[k]);
		r = res[k] = eval_test(ctx, c, &parts[k]);
		k++;
		pass += r == CFG_PASS;
		fail += r == CFG_FAIL;
		na += r == CFG_NA;
		error += r == CFG_ERROR;
		if (first && r != CFG_NA) {
			chosen = k;
			break;
		}
		/* Stop early where the answer is known. */
		if (strcmp(how, "all") == 0 && r == CFG_FAIL)
			break;
	}
	if (first)
		r = chosen ? res[chosen - 1] : CFG_NA;
	else if (strcmp(how, "all") == 0)
		r = fail ? CFG_FAIL : error ? CFG_ERROR : na ? CFG_NA :
		    CFG_PASS;
	else {
		/* any, and none (its negation). */
		r = pass ? CFG_PASS : error ? CFG_ERROR : na ? CFG_NA :
		    CFG_FAIL;
		if (strcmp(how, "none") == 0)
			r = r == CFG_PASS ? CFG_FAIL : r == CFG_FAIL ?
			    CFG_PASS : r;
	}
	/* Which children explain R; CFG_NA + 1 stands for "all of them". */
	show = (enum cfg_res)(CFG_ERROR + 1);
	if (strcmp(how, "all") == 0 && r != CFG_PASS)
		show = r;
	else if (strcmp(how, "any") == 0 && r != CFG_FAIL)
		show = r;
	else if (strcmp(how, "none") == 0)
		show = r == CFG_FAIL ? CFG_PASS : r == CFG_PASS ?
		    (enum cfg_res)(CFG_ERROR + 1) : r;
	for (i = 0; i < k; i++) {
		if (parts[i].p != NULL && ((first && chosen) ? i + 1 == chosen :
		    (show > CFG_ERROR || res[i] == show))) {
			vg_buf_sep(d, "; ");
			vg_buf_printf(d, "%s", parts[i].p);
		}
		vg_buf_free(&parts[i]);
	}
	free(parts);
	free(res);
	return r;
}

enum cfg_res
eval_test(struct cfg_ctx *ctx, xmlNodePtr n, struct vg_buf *d)
{
	const char *name = (const char *)n->name;
	size_t i;

	for (i = 0; i < sizeof combinations / sizeof combinations[0]; i++)
		if (strcmp(name, combinations[i]) == 0)
			return combine(ctx, n, name, d);
	for (i = 0; i < NEVALUATORS; i++)
		if (strcmp(name, evaluators[i].kind) == 0)
			return evaluators[i].fn(ctx, n, d);
	vg_buf_sep(d, "; ");
	vg_buf_printf(d, _("unknown test <%s>"), name);
	return CFG_ERROR;
}

int
eval_validate(xmlNodePtr n, char *err)
{
	const char *name = (const char *)n->name, *op, *v;
	size_t i, j;
	xmlNodePtr c;
	regex_t re;
	int64_t num;

	if (!eval_known(name)) {
		vg_seterr(err, _("unknown test <%s>"), name);
		return -1;
	}
	VG_XML_FOREACH(c, n, NULL) {
		const char *wop;

		if (strcmp((const char *)c->name, "release") == 0)
			continue;	/* rows of a <lifecycle> table */
		if (strcmp((const char *)c->name, "where") != 0) {
			if (eval_validate(c, err) == -1)
				return -1;
			continue;
		}
		if ((wop = attr(c, "op")) != NULL && !op_known(wop)) {
			vg_seterr(err, _("<where>: unknown operator '%s'"),
			    wop);
			return -1;
		}
	}
	if ((op = attr(n, "op")) != NULL) {
		if (!op_known(op)) {
			vg_seterr(err, _("<%s>: unknown operator '%s'"), name,
			    op);
			return -1;
		}
		v = attr(n, strcmp(name, "package") == 0 ? "version" :
		    "value");
		if (op_numeric(op) && strcmp(name, "package") != 0 &&
		    (v == NULL || whole_number(v, &num) == -1)) {
			vg_seterr(err, _("<%s>: operator %s needs a whole "
			    "number, not '%s'"), name, op, v ? v : "");
			return -1;
		}
		if ((strcmp(op, "match") == 0 || strcmp(op, "not-match") == 0)
		    && (v == NULL || regcomp(&re, v, REG_EXTENDED) != 0)) {
			vg_seterr(err, _("<%s>: bad regular expression '%s'"),
			    name, v ? v : "");
			return -1;
		} else if (strcmp(op, "match") == 0 ||
		    strcmp(op, "not-match") == 0)
			regfree(&re);
	}
	for (i = 0; i < NEVALUATORS; i++) {
		if (strcmp(evaluators[i].kind, name) != 0)
			continue;
		for (j = 0; j < 6 && evaluators[i].regexes[j] != NULL; j++) {
			v = attr(n, evaluators[i].regexes[j]);
			if (v != NULL && regcomp(&re, v, REG_EXTENDED) != 0) {
				vg_seterr(err, _("<%s>: bad regular expression "
				    "in %s: '%s'"), name,
				    evaluators[i].regexes[j], v);
				return -1;
			}
			if (v != NULL)
				regfree(&re);
		}
	}
	if (strcmp(name, "text") == 0 && attr(n, "label") == NULL &&
	    attr(n, "after") == NULL) {
		vg_seterr(err, "%s", _("<text>: label or after is needed"));
		return -1;
	}
	return 0;
}

void
eval_ctx_free(struct cfg_ctx *ctx)
{
	size_t i;

	dpkg_clear(&ctx->dpkg);
	free(ctx->dpkg_err);
	reg_db_clear(&ctx->reg);
	reg_db_clear(&ctx->polreg);
	free(ctx->a_reg.error);
	free(ctx->a_inf.error);
	free(ctx->a_gpr.error);
	inf_clear(&ctx->inf);
	gpresult_clear(&ctx->gpr);
	for (i = 0; i < ctx->ntexts; i++) {
		free((char *)ctx->texts[i].name);
		free(ctx->texts[i].error);
		cmdout_clear(&ctx->cmdouts[i]);
	}
	free(ctx->texts);
	free(ctx->cmdouts);
	if (ctx->hives != NULL)
		hive_close(ctx->hives);
	free(ctx->hive_err);
	hive_accounts_free(ctx->accounts, ctx->naccounts);
	free(ctx->accounts_err);
}
