/*
 * yara.c — YARA rule sets: read the sources once, compile them with every
 * warning and error reported as "file:line", keep the compiled set in a
 * cache folder keyed by the SHA-256 of the sources (so later runs skip
 * compilation), accept compiled files (yarac output), and compile
 * subsets of units for delta rescans.
 *
 * Each rule file is a unit compiled in a namespace of its own (its path
 * under the rules folder), so rule names may repeat across files and a
 * global rule only governs its own file. A single file goes to the
 * "default" namespace, as with the yara CLI.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "yara.h"

#define YARA_MAXSRC	(256u << 20)	/* one rule file at most */
#define YARA_CACHE_KEEP	8		/* compiled sets kept in the cache */

const char *const yara_externals[YARA_NEXTERNALS] = {
	"filename", "filepath", "extension", "filetype", "owner",
};

/* ---- (namespace, rule) -> YR_RULE -------------------------------- */

struct yara_map {
	YR_RULE	**slots;
	size_t	  cap;
};

static uint64_t
yara_strhash(const char *ns, const char *id)
{
	uint64_t h = 1469598103934665603ull;

	for (; *ns; ns++)
		h = (h ^ (unsigned char)*ns) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ull;
	return h;
}

static struct yara_map *
yara_map_build(YR_RULES *rules, int *count)
{
	struct yara_map *m;
	YR_RULE *rule;
	size_t n = 0, j;

	yr_rules_foreach(rules, rule) {
		n++;
	}
	*count = (int)n;
	m = xcalloc(1, sizeof(*m));
	m->cap = 16;
	while (m->cap < n * 2)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	yr_rules_foreach(rules, rule) {
		j = yara_strhash(rule->ns->name, rule->identifier) &
		    (m->cap - 1);
		while (m->slots[j] != NULL)
			j = (j + 1) & (m->cap - 1);
		m->slots[j] = rule;
	}
	return m;
}

YR_RULE *
yara_find(const struct yara_set *s, const char *ns, const char *id)
{
	struct yara_map *m = s->map;
	size_t j;

	if (m == NULL)
		return NULL;
	j = yara_strhash(ns, id) & (m->cap - 1);
	while (m->slots[j] != NULL) {
		if (strcmp(m->slots[j]->identifier, id) == 0 &&
		    strcmp(m->slots[j]->ns->name, ns) == 0)
			return m->slots[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

int
yara_unit_index(const struct yara_set *s, const char *ns)
{
	int i;

	for (i = 0; i < s->nunits; i++)
		if (strcmp(s->units[i].ns, ns) == 0)
			return i;
	return -1;
}

const char *
yara_meta(const YR_RULE *rule, const char *key, char *buf)
{
	const YR_META *meta;

	yr_rule_metas_foreach(rule, meta) {
		if (strcmp(meta->identifier, key) != 0)
			continue;
		switch (meta->type) {
		case META_TYPE_STRING:
			return meta->string;
		case META_TYPE_INTEGER:
			snprintf(buf, 32, "%lld", (long long)meta->integer);
			return buf;
		case META_TYPE_BOOLEAN:
			return meta->integer ? "true" : "false";
		}
	}
	return NULL;
}

const char *
yara_strerror(int code)
{
	switch (code) {
	case ERROR_INSUFFICIENT_MEMORY:
		return N_("out of memory");
	case ERROR_COULD_NOT_ATTACH_TO_PROCESS:
		return N_("could not attach to the process");
	case ERROR_COULD_NOT_OPEN_FILE:
		return N_("could not open the file");
	case ERROR_COULD_NOT_MAP_FILE:
		return N_("could not read the file (it may have shrunk)");
	case ERROR_INVALID_FILE:
		return N_("not a compiled rules file");
	case ERROR_CORRUPT_FILE:
		return N_("corrupt compiled rules file");
	case ERROR_UNSUPPORTED_FILE_VERSION:
		return N_("compiled rules of another YARA version");
	case ERROR_SCAN_TIMEOUT:
		return N_("timed out");
	case ERROR_TOO_MANY_MATCHES:
		return N_("too many matches of one string");
	case ERROR_EXEC_STACK_OVERFLOW:
		return N_("rule condition too deep (stack overflow)");
	case ERROR_COULD_NOT_READ_PROCESS_MEMORY:
		return N_("could not read the process memory");
	case ERROR_COULD_NOT_READ_FILE:
		return N_("could not read the file");
	case ERROR_WRITING_FILE:
		return N_("could not write the file");
	case ERROR_TOO_MANY_RE_FIBERS:
		return N_("regular expression too complex for this data");
	default:
		return N_("YARA error");
	}
}

/* ---- Defines and externals --------------------------------------- */

static const char *
yara_define_value(const char *const *defines, int n, const char *name)
{
	size_t len = strlen(name);
	int i;

	for (i = 0; i < n; i++)
		if (strncmp(defines[i], name, len) == 0 &&
		    defines[i][len] == '=')
			return defines[i] + len + 1;
	return NULL;
}

static int
yara_is_integer(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
yara_is_float(const char *s)
{
	char *end;

	if (*s == '\0' || strchr(s, '.') == NULL)
		return 0;
	(void)strtod(s, &end);
	return *end == '\0';
}

void
yara_scanner_defines(YR_SCANNER *sc, const char *const *defines, int n)
{
	const char *eq, *v;
	char *name;
	int i;

	for (i = 0; i < n; i++) {
		if ((eq = strchr(defines[i], '=')) == NULL)
			continue;
		name = xstrndup(defines[i], eq - defines[i]);
		v = eq + 1;
		/* Errors mean the rules do not use NAME: nothing to set. */
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
			yr_scanner_define_boolean_variable(sc, name,
			    strcmp(v, "true") == 0);
		else if (yara_is_integer(v))
			yr_scanner_define_integer_variable(sc, name,
			    strtoll(v, NULL, 10));
		else if (yara_is_float(v))
			yr_scanner_define_float_variable(sc, name,
			    strtod(v, NULL));
		else
			yr_scanner_define_string_variable(sc, name, v);
		free(name);
	}
}

/* Define the externals on C: the forced ones typed like `yara -d`. */
static int
yara_define_all(YR_COMPILER *c, const char *const *defines, int ndefines,
    char *err)
{
	const char *eq, *v;
	char *name;
	int i, rc;

	for (i = 0; i < ndefines; i++) {
		if ((eq = strchr(defines[i], '=')) == NULL ||
		    eq == defines[i]) {
			vg_seterr(err, _("bad definition \"%s\": expected "
			    "NAME=VALUE"), defines[i]);
			return -1;
		}
		name = xstrndup(defines[i], eq - defines[i]);
		v = eq + 1;
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
			rc = yr_compiler_define_boolean_variable(c, name,
			    strcmp(v, "true") == 0);
		else if (yara_is_integer(v))
			rc = yr_compiler_define_integer_variable(c, name,
			    strtoll(v, NULL, 10));
		else if (yara_is_float(v))
			rc = yr_compiler_define_float_variable(c, name,
			    strtod(v, NULL));
		else
			rc = yr_compiler_define_string_variable(c, name, v);
		free(name);
		if (rc != ERROR_SUCCESS) {
			vg_seterr(err, _("could not define \"%s\" (defined "
			    "twice?)"), defines[i]);
			return -1;
		}
	}
	for (i = 0; i < YARA_NEXTERNALS; i++) {
		if (yara_define_value(defines, ndefines, yara_externals[i]))
			continue;
		if (yr_compiler_define_string_variable(c, yara_externals[i],
		    "") != ERROR_SUCCESS) {
			vg_seterr(err, "%s", _("out of memory"));
			return -1;
		}
	}
	return 0;
}

/* ---- Compiling ---------------------------------------------------- */

struct yara_diag {
	int	 quiet;
	int	 errors;
	int	 warnings;
	int	 includes;
	char	 first[VG_ERRLEN];
};

static void
yara_diag_cb(int level, const char *file, int line, const YR_RULE *rule,
    const char *msg, void *arg)
{
	struct yara_diag *d = arg;
	char *clean;

	clean = vg_term_clean(msg);
	if (level == YARA_ERROR_LEVEL_ERROR) {
		if (d->errors++ == 0)
			vg_seterr(d->first, "%s:%d: %s",
			    file ? file : "?", line, clean);
		fprintf(stderr, "%s:%d: %s: %s\n", file ? file : "?", line,
		    _("error"), clean);
	} else {
		d->warnings++;
		if (!d->quiet)
			fprintf(stderr, "%s:%d: %s: %s%s%s\n",
			    file ? file : "?", line, _("warning"), clean,
			    rule != NULL ? " — rule " : "",
			    rule != NULL ? rule->identifier : "");
	}
	free(clean);
}

/* include "x": resolved beside the including file, read here. */
static const char *
yara_include_cb(const char *name, const char *caller, const char *ns,
    void *arg)
{
	struct yara_diag *d = arg;
	const char *slash;
	char *path, *buf, err[VG_ERRLEN];
	size_t len;

	d->includes = 1;
	if (name[0] != '/' && caller != NULL &&
	    (slash = strrchr(caller, '/')) != NULL)
		path = xasprintf("%.*s/%s", (int)(slash - caller), caller,
		    name);
	else
		path = xstrdup(name);
	buf = vg_read_file(path, YARA_MAXSRC, &len, err);
	if (buf == NULL)
		fprintf(stderr, "%s\n", err);
	free(path);
	return buf;
}

static void
yara_include_free(const char *p, void *arg)
{
	free((void *)p);
}

/*
 * Compile the units IDX (all when IDX is NULL) of UNITS. Every unit is
 * tried, so every error is printed, even after the first bad file.
 */
static int
yara_compile(struct yara_unit *units, int nunits, const int *idx, int n,
    const char *const *defines, int ndefines, int quiet, int *nwarn,
    int *includes, YR_RULES **out, char *err)
{
	YR_COMPILER *c = NULL, *scratch;
	struct yara_diag d;
	struct yara_unit *u;
	FILE *f;
	int i, rc = -1, bad = 0;

	memset(&d, 0, sizeof(d));
	d.quiet = quiet;
	if (yr_compiler_create(&c) != ERROR_SUCCESS) {
		vg_seterr(err, "%s", _("out of memory"));
		return -1;
	}
	yr_compiler_set_callback(c, yara_diag_cb, &d);
	yr_compiler_set_include_callback(c, yara_include_cb,
	    yara_include_free, &d);
	if (yara_define_all(c, defines, ndefines, err) == -1)
		goto out;
	for (i = 0; i < (idx != NULL ? n : nunits); i++) {
		u = &units[idx != NULL ? idx[i] : i];
		if ((f = fmemopen(u->src, u->len ? u->len : 1, "r")) == NULL)
			fatal("fmemopen: %s", strerror(errno));
		if (u->len == 0) {
			fclose(f);
			continue;
		}
		if (!bad) {
			if (yr_compiler_add_file(c, f, u->ns, u->path) != 0)
				bad = 1;
		} else {
			/* The main compiler is spent: check the rest
			 * alone, only for their diagnostics. */
			if (yr_compiler_create(&scratch) == ERROR_SUCCESS) {
				yr_compiler_set_callback(scratch,
				    yara_diag_cb, &d);
				yr_compiler_set_include_callback(scratch,
				    yara_include_cb, yara_include_free, &d);
				if (yara_define_all(scratch, defines,
				    ndefines, err) == 0)
					yr_compiler_add_file(scratch, f,
					    u->ns, u->path);
				yr_compiler_destroy(scratch);
			}
		}
		fclose(f);
	}
	if (nwarn != NULL)
		*nwarn = d.warnings;
	if (includes != NULL)
		*includes = d.includes;
	if (d.errors > 0) {
		if (d.errors == 1)
			vg_seterr(err, "%s", d.first);
		else
			vg_seterr(err, _("%s (and %d more errors, listed "
			    "above)"), d.first, d.errors - 1);
		goto out;
	}
	if (yr_compiler_get_rules(c, out) != ERROR_SUCCESS) {
		vg_seterr(err, "%s", _("could not build the compiled rules"));
		goto out;
	}
	rc = 0;
out:
	yr_compiler_destroy(c);
	return rc;
}

/* ---- The compiled-rules cache ------------------------------------- */

static char *
yara_cache_dir(void)
{
	char *user, *dir;

	if ((user = vg_user_dir()) == NULL)
		return NULL;
	dir = xasprintf("%s/cache/rules", user);
	free(user);
	return dir;
}

static YR_RULES *
yara_cache_get(const char *digest)
{
	YR_RULES *rules = NULL;
	char *dir, *path;
	struct stat st;

	if ((dir = yara_cache_dir()) == NULL)
		return NULL;
	path = xasprintf("%s/%s.yarc", dir, digest);
	/* Only our own files: owned by us, not writable by others. */
	if (stat(path, &st) == 0 && st.st_uid == geteuid() &&
	    (st.st_mode & 022) == 0) {
		if (yr_rules_load(path, &rules) != ERROR_SUCCESS)
			rules = NULL;
		else
			utimensat(AT_FDCWD, path, NULL, 0);
	}
	free(path);
	free(dir);
	return rules;
}

struct yara_cfile {
	char	*name;
	time_t	 mtime;
};

static int
yara_cfile_cmp(const void *a, const void *b)
{
	const struct yara_cfile *x = a, *y = b;

	return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : 0;
}

/* Keep the YARA_CACHE_KEEP most recently used compiled sets. */
static void
yara_cache_prune(const char *dir)
{
	struct yara_cfile *f = NULL;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int n = 0, i;
	size_t l;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l != 69 || strcmp(de->d_name + 64, ".yarc") != 0 ||
		    fstatat(dirfd(d), de->d_name, &st, 0) == -1)
			continue;
		f = xreallocarray(f, n + 1, sizeof(*f));
		f[n].name = xstrdup(de->d_name);
		f[n].mtime = st.st_mtime;
		n++;
	}
	if (n > YARA_CACHE_KEEP) {
		qsort(f, n, sizeof(*f), yara_cfile_cmp);
		for (i = YARA_CACHE_KEEP; i < n; i++)
			unlinkat(dirfd(d), f[i].name, 0);
	}
	for (i = 0; i < n; i++)
		free(f[i].name);
	free(f);
	closedir(d);
}

static void
yara_cache_put(const char *digest, YR_RULES *rules)
{
	char *dir, *path = NULL, *tmp = NULL, err[VG_ERRLEN];
	int fd;

	if ((dir = yara_cache_dir()) == NULL)
		return;
	if (vg_mkdir_p(dir, 0700, err) == -1)
		goto out;
	path = xasprintf("%s/%s.yarc", dir, digest);
	tmp = xasprintf("%s/.%s.%ld.tmp", dir, digest, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		goto out;
	close(fd);
	if (yr_rules_save(rules, tmp) != ERROR_SUCCESS ||
	    rename(tmp, path) == -1) {
		unlink(tmp);
		goto out;
	}
	yara_cache_prune(dir);
out:
	free(tmp);
	free(path);
	free(dir);
}

/* ---- Reading sources ---------------------------------------------- */

static int
yara_is_rule_file(const char *name)
{
	size_t l = strlen(name);

	return (l > 4 && strcmp(name + l - 4, ".yar") == 0) ||
	    (l > 5 && strcmp(name + l - 5, ".yara") == 0);
}

static int
yara_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect rule files under DIR/REL (REL "" at the top), sorted. */
static int
yara_list(const char *dir, const char *rel, char ***list, int *n,
    int depth, char *err)
{
	char *path, **names = NULL, *sub, *full;
	struct dirent *de;
	struct stat st;
	int nn = 0, i, rc = 0;
	DIR *d;

	path = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	if ((d = opendir(path)) == NULL) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, nn + 1, sizeof(*names));
		names[nn++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof(*names), yara_strcmp);
	for (i = 0; i < nn && rc == 0; i++) {
		sub = *rel ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		full = xasprintf("%s/%s", path, names[i]);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < 16)
				rc = yara_list(dir, sub, list, n, depth + 1, err);
		} else if (yara_is_rule_file(names[i])) {
			*list = xreallocarray(*list, *n + 1, sizeof(**list));
			(*list)[(*n)++] = sub;
			sub = NULL;
		}
		free(full);
		free(sub);
	}
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(path);
	return rc;
}

static void
yara_unit_digest(struct yara_unit *u, const char *const *defines,
    int ndefines)
{
	struct vg_hash *h;
	int i;

	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, "vigie-unit-1", 13);
	vg_hash_update(h, u->ns, strlen(u->ns) + 1);
	for (i = 0; i < ndefines; i++)
		vg_hash_update(h, defines[i], strlen(defines[i]) + 1);
	vg_hash_update(h, "", 1);
	vg_hash_update(h, u->src, u->len);
	vg_hash_final(h, u->digest);
}

static int
yara_digest_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Digest of the set: its units' digests, sorted, and libyara's version. */
static void
yara_set_digest(struct yara_set *s, const int *idx, int n)
{
	struct vg_hash *h;
	const char **d;
	int i, count = idx != NULL ? n : s->nunits;

	d = xcalloc(count ? count : 1, sizeof(*d));
	for (i = 0; i < count; i++)
		d[i] = s->units[idx != NULL ? idx[i] : i].digest;
	qsort(d, count, sizeof(*d), yara_digest_cmp);
	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, "vigie-set-1 " YR_VERSION, 12 + strlen(YR_VERSION));
	for (i = 0; i < count; i++)
		vg_hash_update(h, d[i], 64);
	vg_hash_final(h, s->digest);
	free(d);
}

static void
yara_add_unit(struct yara_set *s, const char *ns, const char *path,
    char *src, size_t len, const char *const *defines, int ndefines)
{
	struct yara_unit *u;

	s->units = xreallocarray(s->units, s->nunits + 1, sizeof(*s->units));
	u = &s->units[s->nunits++];
	memset(u, 0, sizeof(*u));
	u->ns = xstrdup(ns);
	u->path = xstrdup(path);
	u->src = src;
	u->len = len;
	yara_unit_digest(u, defines, ndefines);
}

/* Finish S once its rules are set. */
static void
yara_set_ready(struct yara_set *s)
{
	s->map = yara_map_build(s->rules, &s->nrules);
}

static int
yara_is_compiled(const char *path)
{
	char magic[4];
	int fd, ok = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	ok = read(fd, magic, 4) == 4 && memcmp(magic, "YARA", 4) == 0;
	close(fd);
	return ok;
}

int
yara_set_load(const char *path, const char *const *defines, int ndefines,
    int quiet, int *nwarn, struct yara_set **out, char *err)
{
	struct yara_set *s;
	struct stat st;
	char **list = NULL, *full, *src, hex[VG_HASH_HEXMAX];
	size_t len;
	int n = 0, i, rc = -1, includes = 0, yr;

	*out = NULL;
	if (nwarn != NULL)
		*nwarn = 0;
	s = xcalloc(1, sizeof(*s));
	if (stat(path, &st) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (S_ISREG(st.st_mode) && yara_is_compiled(path)) {
		if (vg_hash_file(path, VG_SHA256, hex, NULL, err) == -1)
			goto out;
		if ((yr = yr_rules_load(path, &s->rules)) != ERROR_SUCCESS) {
			vg_seterr(err, "%s: %s", path, _(yara_strerror(yr)));
			goto out;
		}
		s->compiled = 1;
		yara_add_unit(s, "compiled", path, xstrdup(""), 0, NULL, 0);
		memcpy(s->units[0].digest, hex, 65);
		memcpy(s->digest, hex, 65);
		yara_set_ready(s);
		*out = s;
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (yara_list(path, "", &list, &n, 0, err) == -1)
			goto out;
		if (n == 0) {
			vg_seterr(err, _("%s: no .yar or .yara file in this "
			    "folder"), path);
			goto out;
		}
		for (i = 0; i < n; i++) {
			full = xasprintf("%s/%s", path, list[i]);
			src = vg_read_file(full, YARA_MAXSRC, &len, err);
			if (src == NULL) {
				free(full);
				goto out;
			}
			yara_add_unit(s, list[i], full, src, len, defines,
			    ndefines);
			free(full);
		}
	} else {
		if ((src = vg_read_file(path, YARA_MAXSRC, &len, err)) == NULL)
			goto out;
		yara_add_unit(s, "default", path, src, len, defines,
		    ndefines);
	}
	yara_set_digest(s, NULL, 0);

	if ((s->rules = yara_cache_get(s->digest)) == NULL) {
		if (yara_compile(s->units, s->nunits, NULL, 0, defines,
		    ndefines, quiet, nwarn, &includes, &s->rules, err) == -1)
			goto out;
		s->includes = includes;
		/* With include, the digest does not cover every source. */
		if (!includes)
			yara_cache_put(s->digest, s->rules);
	}
	yara_set_ready(s);
	*out = s;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	if (rc == -1)
		yara_set_free(s);
	return rc;
}

int
yara_set_subset(const struct yara_set *full, const int *idx, int n,
    const char *const *defines, int ndefines, struct yara_set **out,
    char *err)
{
	struct yara_set *s;
	int i, includes = 0;

	*out = NULL;
	if (full->compiled || full->includes) {
		vg_seterr(err, "%s", "no subset of compiled rules");
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	/* Borrowed units: copied shallowly, freed by nobody here. */
	s->units = xcalloc(n ? n : 1, sizeof(*s->units));
	for (i = 0; i < n; i++)
		s->units[i] = full->units[idx[i]];
	s->nunits = n;
	s->borrowed = 1;
	yara_set_digest(s, NULL, 0);
	if ((s->rules = yara_cache_get(s->digest)) == NULL) {
		if (yara_compile(s->units, s->nunits, NULL, 0, defines,
		    ndefines, 1, NULL, &includes, &s->rules, err) == -1) {
			yara_set_free(s);
			return -1;
		}
		yara_cache_put(s->digest, s->rules);
	}
	yara_set_ready(s);
	*out = s;
	return 0;
}

void
yara_set_free(struct yara_set *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->rules != NULL)
		yr_rules_destroy(s->rules);
	if (!s->borrowed)
		for (i = 0; i < s->nunits; i++) {
			free(s->units[i].ns);
			free(s->units[i].path);
			free(s->units[i].src);
		}
	free(s->units);
	if (s->map != NULL) {
		free(s->map->slots);
		free(s->map);
	}
	free(s);
}
