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
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/data.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/store.h"
#include "yara.h"
#include "yara-route.h"

#define YARA_MAXSRC	(256u << 20)	/* one rule file at most */
#define YARA_CACHE_KEEP	16		/* compiled files kept in the cache
					   (a routed set is two) */

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
	return vg_hash_pair(ns, id);
}

static int
yara_map_add(struct yara_map *m, YR_RULE *rule)
{
	size_t j;

	j = yara_strhash(rule->ns->name, rule->identifier) & (m->cap - 1);
	for (; m->slots[j] != NULL; j = (j + 1) & (m->cap - 1))
		if (strcmp(m->slots[j]->identifier, rule->identifier) == 0 &&
		    strcmp(m->slots[j]->ns->name, rule->ns->name) == 0)
			return 0;	/* a private copy of a moved rule's
					   dependency: the first one counts */
	m->slots[j] = rule;
	return 1;
}

/* (namespace, rule) -> rule over both sets of a routed set, without
 * the prefilter rules. */
static struct yara_map *
yara_map_build(YR_RULES *rules, YR_RULES *pe_rules, int *count, int *moved)
{
	struct yara_map *m;
	YR_RULES *sets[2] = { rules, pe_rules };
	YR_RULE *rule;
	size_t n = 0;
	int i;

	for (i = 0; i < 2; i++)
		if (sets[i] != NULL)
			n += sets[i]->num_rules;
	m = xcalloc(1, sizeof(*m));
	m->cap = 16;
	while (m->cap < n * 2)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	*count = *moved = 0;
	for (i = 0; i < 2; i++) {
		if (sets[i] == NULL)
			continue;
		yr_rules_foreach(sets[i], rule) {
			if (yara_is_prefilter(rule) || !yara_map_add(m, rule))
				continue;
			(*count)++;
			if (i == 1 && !RULE_IS_PRIVATE(rule))
				(*moved)++;
		}
	}
	return m;
}

int
yara_is_prefilter(const YR_RULE *rule)
{
	return strncmp(rule->ns->name, ROUTE_PREFILTER_NS,
	    sizeof(ROUTE_PREFILTER_NS) - 1) == 0;
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
	int	 silent;	/* print nothing (prefilter sources) */
	int	 errors;
	int	 warnings;
	int	 includes;
	char	 first[VG_ERRLEN];
	char	*held;		/* lines kept back until the compile ends */
	size_t	 nheld;
	int	 hold;
};

static void
yara_diag_print(struct yara_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
yara_diag_print(struct yara_diag *d, const char *fmt, ...)
{
	va_list ap;
	char *line;
	size_t l;

	va_start(ap, fmt);
	if (!d->hold) {
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		return;
	}
	line = xvasprintf(fmt, ap);
	va_end(ap);
	l = strlen(line);
	d->held = xreallocarray(d->held, d->nheld + l + 1, 1);
	memcpy(d->held + d->nheld, line, l + 1);
	d->nheld += l;
	free(line);
}

static void
yara_diag_cb(int level, const char *file, int line, const YR_RULE *rule,
    const char *msg, void *arg)
{
	struct yara_diag *d = arg;
	char *clean;

	if (level == YARA_ERROR_LEVEL_ERROR)
		d->errors++;
	if (d->silent)
		return;
	if (level != YARA_ERROR_LEVEL_ERROR)
		d->warnings++;
	clean = vg_term_clean(msg);
	if (level == YARA_ERROR_LEVEL_ERROR) {
		if (d->errors == 1)
			vg_seterr(d->first, "%s:%d: %s",
			    file ? file : "?", line, clean);
		yara_diag_print(d, "%s:%d: %s: %s\n", file ? file : "?",
		    line, _("error"), clean);
	} else if (!d->quiet)
		yara_diag_print(d, "%s:%d: %s: %s%s%s\n",
		    file ? file : "?", line, _("warning"), clean,
		    rule != NULL ? " — rule " : "",
		    rule != NULL ? rule->identifier : "");
	free(clean);
}

/*
 * The source of include NAME found in CALLER's source: resolved beside
 * the including file, as libyara names it; a regular file of at most
 * YARA_MAXSRC bytes only ("/dev/zero" would be read to the cap). Returns
 * the text (caller frees) and the path in *PATHP (caller frees), or NULL
 * with err set. Shared by the compiler's callback and the digests, so
 * that both read the same file.
 */
static char *
yara_include_read(const char *name, const char *caller, char **pathp,
    size_t *len, char *err)
{
	const char *slash;
	struct stat st;
	char *path;

	if (name[0] != '/' && caller != NULL &&
	    (slash = strrchr(caller, '/')) != NULL)
		path = xasprintf("%.*s/%s", (int)(slash - caller), caller,
		    name);
	else
		path = xstrdup(name);
	*pathp = path;
	if (!vg_builtin_is(path) && stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			vg_seterr(err, _("%s: not a regular file: include "
			    "refused"), path);
			return NULL;
		}
		if (st.st_size > (off_t)YARA_MAXSRC) {
			vg_seterr(err, _("%s: larger than %u MB, not read"),
			    path, YARA_MAXSRC >> 20);
			return NULL;
		}
	}
	return vg_read_file(path, YARA_MAXSRC, len, err);
}

/* include "x": read for the compiler; a refusal is said on stderr. */
static const char *
yara_include_cb(const char *name, const char *caller, const char *ns,
    void *arg)
{
	struct yara_diag *d = arg;
	char *path, *buf, err[VG_ERRLEN];
	size_t len;

	(void)ns;
	d->includes = 1;
	if ((buf = yara_include_read(name, caller, &path, &len, err)) ==
	    NULL) {
		vg_term_fputs(err, stderr);
		fputc('\n', stderr);
	}
	free(path);
	return buf;
}

static void
yara_include_free(const char *p, void *arg)
{
	(void)arg;
	free((void *)p);
}

/* A compiler with our callbacks and the externals defined. */
static YR_COMPILER *
yara_compiler(struct yara_diag *d, const char *const *defines,
    int ndefines, char *err)
{
	YR_COMPILER *c;

	if (yr_compiler_create(&c) != ERROR_SUCCESS) {
		vg_seterr(err, "%s", _("out of memory"));
		return NULL;
	}
	yr_compiler_set_callback(c, yara_diag_cb, d);
	yr_compiler_set_include_callback(c, yara_include_cb,
	    yara_include_free, d);
	if (yara_define_all(c, defines, ndefines, err) == -1) {
		yr_compiler_destroy(c);
		return NULL;
	}
	return c;
}

/* Add SRC (LEN bytes) to C; 0 or -1 if the compiler reported errors. */
static int
yara_add(YR_COMPILER *c, const char *src, size_t len, const char *ns,
    const char *path)
{
	FILE *f;
	int rc;

	if (len == 0)
		return 0;
	if ((f = fmemopen((void *)src, len, "r")) == NULL)
		fatal("fmemopen: %s", strerror(errno));
	rc = yr_compiler_add_file(c, f, ns, path) != 0 ? -1 : 0;
	fclose(f);
	return rc;
}

/*
 * Compile UNITS (N of them) as they are. Every unit is tried, so every
 * error is printed, even after the first bad file.
 */
static int
yara_compile_plain(struct yara_unit *units, int n,
    const char *const *defines, int ndefines, struct yara_diag *d,
    YR_RULES **out, char *err)
{
	YR_COMPILER *c, *scratch;
	int i, bad = 0;

	if ((c = yara_compiler(d, defines, ndefines, err)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (!bad) {
			bad = yara_add(c, units[i].src, units[i].len,
			    units[i].ns, units[i].path) == -1;
			continue;
		}
		/* The main compiler is spent: check the rest alone, only
		 * for their diagnostics. */
		if ((scratch = yara_compiler(d, defines, ndefines,
		    err)) != NULL) {
			yara_add(scratch, units[i].src, units[i].len,
			    units[i].ns, units[i].path);
			yr_compiler_destroy(scratch);
		}
	}
	if (d->errors == 0 && yr_compiler_get_rules(c, out) !=
	    ERROR_SUCCESS) {
		vg_seterr(err, "%s", _("could not build the compiled rules"));
		d->errors++;
	}
	yr_compiler_destroy(c);
	return d->errors > 0 ? -1 : 0;
}

/*
 * Compile UNITS routed (see yara-route.h): the rules using `pe` that
 * can only match MZ files or files where one of their strings matched
 * go to *PE_OUT (NULL when no file could be split), the rest, with the
 * prefilter rules, to *OUT. Returns 0, or -1 when a piece did not
 * compile (the caller compiles the units as they are instead).
 */
static int
yara_compile_routed(struct yara_unit *units, int n,
    const char *const *defines, int ndefines, struct yara_diag *d,
    YR_RULES **out, YR_RULES **pe_out)
{
	struct route_split *sp;
	YR_COMPILER *c = NULL, *cpe = NULL;
	char err[VG_ERRLEN], *ns;
	int i, rc = -1, split = 0, moved = 0, bad;

	*out = *pe_out = NULL;
	sp = xcalloc(n ? n : 1, sizeof(*sp));
	for (i = 0; i < n; i++)
		if (route_split(units[i].src, units[i].len, &sp[i])) {
			split++;
			moved += sp[i].pe != NULL;
		}
	if (split == 0 || (c = yara_compiler(d, defines, ndefines,
	    err)) == NULL || (cpe = yara_compiler(d, defines, ndefines,
	    err)) == NULL)
		goto out;
	for (i = 0, bad = 0; i < n && !bad; i++) {
		if (sp[i].every == NULL) {
			bad = yara_add(c, units[i].src, units[i].len,
			    units[i].ns, units[i].path) == -1;
			continue;
		}
		bad = yara_add(c, sp[i].every, sp[i].every_len, units[i].ns,
		    units[i].path) == -1;
		if (!bad && sp[i].pe != NULL)
			bad = yara_add(cpe, sp[i].pe, sp[i].pe_len,
			    units[i].ns, units[i].path) == -1;
		if (!bad && sp[i].prefilter != NULL) {
			ns = xasprintf("%s %s", ROUTE_PREFILTER_NS,
			    units[i].ns);
			d->silent = 1;
			bad = yara_add(c, sp[i].prefilter,
			    sp[i].prefilter_len, ns, units[i].path) == -1;
			d->silent = 0;
			free(ns);
		}
	}
	if (bad || d->errors > 0 ||
	    yr_compiler_get_rules(c, out) != ERROR_SUCCESS)
		goto out;
	/* The moved rules, or an empty set that says "none". */
	if (moved > 0 ? yr_compiler_get_rules(cpe, pe_out) != ERROR_SUCCESS :
	    0)
		goto out;
	rc = 0;
out:
	if (rc == -1 && *out != NULL) {
		yr_rules_destroy(*out);
		*out = NULL;
	}
	if (c != NULL)
		yr_compiler_destroy(c);
	if (cpe != NULL)
		yr_compiler_destroy(cpe);
	for (i = 0; i < n; i++)
		route_split_free(&sp[i]);
	free(sp);
	return rc;
}

/*
 * Compile UNITS (N of them), routed unless PE_OUT is NULL; *ROUTED (if
 * not NULL) says whether files were split. Diagnostics are printed as
 * "file:line" of the original files either way: the routed pieces keep
 * their lines, and if they fail to compile the units are compiled as
 * they are.
 */
static int
yara_compile(struct yara_unit *units, int n, const char *const *defines,
    int ndefines, int quiet, int *nwarn, int *includes, YR_RULES **out,
    YR_RULES **pe_out, int *routed, char *err)
{
	struct yara_diag d;
	int rc = -1, split = 0;

	memset(&d, 0, sizeof(d));
	d.quiet = quiet;
	if (pe_out != NULL) {
		*pe_out = NULL;
		d.hold = 1;
		if (yara_compile_routed(units, n, defines, ndefines, &d, out,
		    pe_out) == 0) {
			if (d.held != NULL)
				fputs(d.held, stderr);
			split = 1;
			rc = 0;
			goto done;
		}
		free(d.held);
		memset(&d, 0, sizeof(d));
		d.quiet = quiet;
	}
	if (yara_compile_plain(units, n, defines, ndefines, &d, out,
	    err) == -1) {
		/* Every error has been printed as file:line: the message
		 * does not repeat them. */
		if (d.errors > 0)
			vg_seterr(err, vg_ngettext("the rules do not compile: "
			    "%d error, listed above", "the rules do not compile: "
			    "%d errors, listed above", d.errors), d.errors);
		goto out;
	}
	rc = 0;
done:
	if (nwarn != NULL)
		*nwarn = d.warnings;
	if (includes != NULL)
		*includes = d.includes;
	if (routed != NULL)
		*routed = split;
out:
	free(d.held);
	return rc;
}

/* ---- The compiled-rules cache ------------------------------------- */

static int yara_compiled_ok;	/* --compiled-rules given */

void
yara_allow_compiled(int yes)
{
	yara_compiled_ok = yes;
}

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

/*
 * libyara does not check a compiled file: a damaged one makes it abort or
 * crash. So the store records the SHA-256 of each compiled file vigie
 * writes (table meta, key "yarc:NAME"), and a cache file is loaded only
 * from memory, after its digest was found equal to the record.
 */
#define YARA_CACHE_MAXFILE	(512u << 20)

static char *
yara_cache_recorded(const char *digest)
{
	struct vg_store *st;
	sqlite3_stmt *q;
	char *key, *out = NULL;

	if (vg_store_open(NULL, &st, NULL) == -1)
		return NULL;
	key = xasprintf("yarc:%s", digest);
	if ((q = vg_store_prepare(st, "SELECT value FROM meta WHERE key = ?",
	    NULL)) != NULL) {
		sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(q) == SQLITE_ROW &&
		    sqlite3_column_text(q, 0) != NULL)
			out = xstrdup((const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
	}
	free(key);
	vg_store_close(st);
	return out;
}

static int
yara_cache_record(const char *digest, const char *hex)
{
	struct vg_store *st;
	char *key;
	int rc;

	if (vg_store_open(NULL, &st, NULL) == -1)
		return -1;
	key = xasprintf("yarc:%s", digest);
	rc = vg_store_exec(st, NULL, "INSERT OR REPLACE INTO meta (key, value) "
	    "VALUES (?, ?)", key, hex, (const char *)NULL);
	free(key);
	vg_store_close(st);
	return rc;
}

struct yara_mem {
	const char	*p;
	size_t		 len, off;
};

static size_t
yara_mem_read(void *ptr, size_t size, size_t count, void *arg)
{
	struct yara_mem *m = arg;
	size_t n;

	if (size == 0 || count == 0)
		return 0;
	n = (m->len - m->off) / size;
	if (n > count)
		n = count;
	memcpy(ptr, m->p + m->off, n * size);
	m->off += n * size;
	return n;
}

static YR_RULES *
yara_cache_get(const char *digest)
{
	YR_RULES *rules = NULL;
	char *dir, *path, *buf = NULL, *want = NULL, hex[65];
	struct stat st;
	size_t len;
	int fd;

	if ((dir = yara_cache_dir()) == NULL)
		return NULL;
	path = xasprintf("%s/%s.yarc", dir, digest);
	/* Only our own files: owned by us, not writable by others, not a
	 * link, and with the digest the store recorded when we wrote it. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		goto out;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0 ||
	    st.st_size > (off_t)YARA_CACHE_MAXFILE) {
		close(fd);
		goto out;
	}
	close(fd);
	if ((buf = vg_read_file(path, YARA_CACHE_MAXFILE, &len, NULL)) == NULL)
		goto out;
	vg_sha256_hex(buf, len, hex);
	if ((want = yara_cache_recorded(digest)) == NULL ||
	    strcmp(want, hex) != 0) {
		/* Not what vigie wrote: never given to libyara. */
		if (!vg_g.quiet)
			vg_warn(_("%s: compiled rules in the cache that vigie "
			    "did not write (digest %s): not loaded, the "
			    "rules are compiled again"), path, want == NULL ?
			    _("not recorded in the store") : _("differs"));
		unlink(path);
		goto out;
	}
	{
		struct yara_mem m = { buf, len, 0 };
		YR_STREAM stream = { .user_data = &m, .read = yara_mem_read };

		if (yr_rules_load_stream(&stream, &rules) != ERROR_SUCCESS)
			rules = NULL;
		else
			utimensat(AT_FDCWD, path, NULL, 0);
	}
out:
	free(want);
	free(buf);
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
	char *dir, *path = NULL, *tmp = NULL, err[VG_ERRLEN], hex[65];
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
	    vg_hash_file(tmp, VG_SHA256, hex, NULL, err) == -1 ||
	    yara_cache_record(digest, hex) == -1 ||
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
	char *path, **names = NULL, *sub, *full, **bnames = NULL;
	struct dirent *de;
	struct stat st;
	int nn = 0, i, rc = 0, *bdir = NULL;
	DIR *d;

	path = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	if (vg_builtin_is(path)) {
		/* The rules built into the binary (see data.h). */
		if ((bnames = vg_builtin_list(path, &bdir)) == NULL) {
			vg_seterr(err, _("%s: missing (no such built-in "
			    "file)"), path);
			free(path);
			return -1;
		}
		for (i = 0; bnames[i] != NULL; i++) {
			names = xreallocarray(names, nn + 1, sizeof(*names));
			names[nn++] = xstrdup(bnames[i]);
		}
	} else {
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
	}
	for (i = 0; i < nn && rc == 0; i++) {
		sub = *rel ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		full = xasprintf("%s/%s", path, names[i]);
		if (bnames != NULL ? bdir[i] :
		    stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
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
	vg_builtin_list_free(bnames, bdir);
	free(path);
	return rc;
}

/* Whether SRC (LEN bytes) holds the word W (over-approximate: comments
 * and strings count too, which only costs cache hits). */
static int
yara_has_word(const char *src, size_t len, const char *w)
{
	size_t wl = strlen(w), i;
	const char *p;

	for (i = 0; i + wl <= len; i++) {
		p = src + i;
		if (*p != *w || memcmp(p, w, wl) != 0)
			continue;
		if ((i == 0 || !(p[-1] == '_' || (p[-1] >= '0' &&
		    p[-1] <= '9') || ((p[-1] | 32) >= 'a' &&
		    (p[-1] | 32) <= 'z'))) && (i + wl == len ||
		    !(p[wl] == '_' || (p[wl] >= '0' && p[wl] <= '9') ||
		    ((p[wl] | 32) >= 'a' && (p[wl] | 32) <= 'z'))))
			return 1;
	}
	return 0;
}

/*
 * Hash SRC (LEN bytes) and, recursively, the files it includes, each
 * resolved as yara_include_cb() does (CALLER is the name the compiler
 * gives the including file), into H; *USES gets the externals the
 * sources mention (bit i for yara_externals[i]). A missing include is
 * hashed as missing, so that its later appearance changes the digest.
 */
static void
yara_src_digest(struct vg_hash *h, const char *src, size_t len,
    const char *caller, int depth, unsigned *uses)
{
	const char *p, *end = src + len, *q, *n0;
	char *name, *path, *inc, err[VG_ERRLEN];
	size_t ilen;
	int i;

	vg_hash_update(h, src, len);
	for (i = 0; i < YARA_NEXTERNALS; i++)
		if (yara_has_word(src, len, yara_externals[i]))
			*uses |= 1u << i;
	if (depth >= 16)
		return;
	p = src;
	while ((p = memmem(p, (size_t)(end - p), "include", 7)) != NULL) {
		q = p + 7;
		p = q;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '"')
			continue;
		for (n0 = ++q; q < end && *q != '"' && *q != '\n'; q++)
			;
		if (q >= end || *q != '"')
			continue;
		p = q + 1;
		name = xstrndup(n0, (size_t)(q - n0));
		inc = yara_include_read(name, caller, &path, &ilen, err);
		vg_hash_update(h, "\0include\0", 9);
		vg_hash_update(h, path, strlen(path) + 1);
		if (inc != NULL) {
			yara_src_digest(h, inc, ilen, name, depth + 1, uses);
			free(inc);
		} else
			vg_hash_update(h, "\0missing", 9);
		free(path);
		free(name);
	}
}

/* The unit's digest: libyara's version, its namespace, the defines, its
 * source and the sources it includes. */
static void
yara_unit_digest(struct yara_unit *u, const char *src,
    const char *const *defines, int ndefines, char *digest)
{
	struct vg_hash *h;
	int i;

	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, "vigie-unit-2 " YR_VERSION,
	    13 + strlen(YR_VERSION) + 1);
	vg_hash_update(h, u->ns, strlen(u->ns) + 1);
	for (i = 0; i < ndefines; i++)
		vg_hash_update(h, defines[i], strlen(defines[i]) + 1);
	vg_hash_update(h, "", 1);
	u->uses = 0;
	yara_src_digest(h, src, u->len, u->path, 0, &u->uses);
	vg_hash_final(h, digest);
}

/*
 * Read the sources of S's units for compiling, checking that each is
 * still the file that was hashed when S was loaded.
 */
static int
yara_units_read(struct yara_set *s, const char *const *defines,
    int ndefines, char *err)
{
	struct yara_unit *u;
	char digest[65];
	int i;

	for (i = 0; i < s->nunits; i++) {
		u = &s->units[i];
		if ((u->src = vg_read_file(u->path, YARA_MAXSRC, &u->len,
		    err)) == NULL)
			return -1;
		yara_unit_digest(u, u->src, defines, ndefines, digest);
		if (strcmp(digest, u->digest) != 0) {
			vg_seterr(err, _("%s: changed while vigie was reading "
			    "it"), u->path);
			return -1;
		}
	}
	return 0;
}

static void
yara_units_drop(struct yara_set *s)
{
	int i;

	for (i = 0; i < s->nunits; i++) {
		free(s->units[i].src);
		s->units[i].src = NULL;
	}
}

static int
yara_digest_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Digest of the set: its units' digests, sorted, and libyara's version. */
static void
yara_set_digest(struct yara_set *s)
{
	struct vg_hash *h;
	const char **d;
	int i;

	d = xcalloc(s->nunits ? s->nunits : 1, sizeof(*d));
	s->uses = 0;
	for (i = 0; i < s->nunits; i++) {
		d[i] = s->units[i].digest;
		s->uses |= s->units[i].uses;
	}
	qsort(d, s->nunits, sizeof(*d), yara_digest_cmp);
	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, "vigie-set-1 " YR_VERSION, 12 + strlen(YR_VERSION));
	for (i = 0; i < s->nunits; i++)
		vg_hash_update(h, d[i], 64);
	vg_hash_final(h, s->digest);
	free(d);
}

/* Add the unit NS read from PATH, SRC (LEN bytes, freed here): only
 * its digest is kept, the source is read again to compile. */
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
	u->len = len;
	yara_unit_digest(u, src, defines, ndefines, u->digest);
	free(src);
}

/* Finish S once its rules are set. */
static void
yara_set_ready(struct yara_set *s)
{
	s->map = yara_map_build(s->rules, s->pe_rules, &s->nrules,
	    &s->nmoved);
}

/* The externals compiled rules declare (those they may read). */
static unsigned
yara_compiled_uses(const YR_RULES *rules)
{
	const YR_EXTERNAL_VARIABLE *e;
	unsigned uses = 0;
	int i;

	for (e = rules->ext_vars_table; !EXTERNAL_VARIABLE_IS_NULL(e); e++)
		for (i = 0; i < YARA_NEXTERNALS; i++)
			if (strcmp(e->identifier, yara_externals[i]) == 0)
				uses |= 1u << i;
	return uses;
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

/* Cache name of S's compiled rules of kind WHAT. */
static void
yara_cache_key(const struct yara_set *s, const char *what, char *key)
{
	struct vg_hash *h;

	h = vg_hash_new(VG_SHA256);
	vg_hash_update(h, what, strlen(what) + 1);
	vg_hash_update(h, s->digest, 64);
	vg_hash_final(h, key);
}

/* A compiled set without rules: cached to say "nothing was moved". */
static YR_RULES *
yara_empty_rules(void)
{
	YR_COMPILER *c;
	YR_RULES *r = NULL;

	if (yr_compiler_create(&c) != ERROR_SUCCESS)
		return NULL;
	if (yr_compiler_get_rules(c, &r) != ERROR_SUCCESS)
		r = NULL;
	yr_compiler_destroy(c);
	return r;
}

/*
 * The compiled rules of S's units, from the cache or compiled then
 * cached: routed (s->pe_rules set when rules were moved) when ROUTE.
 * The cache tells "split" (two files), "nothing to split" (the set's
 * digest alone) and "not routed on request" apart.
 */
static int
yara_set_rules(struct yara_set *s, const char *const *defines, int ndefines,
    int quiet, int *nwarn, int route, char *err)
{
	char every[65], pe[65];
	YR_RULES *pe_rules = NULL, *empty;
	int includes = 0, routed = 0;

	yara_cache_key(s, route ? ROUTE_VERSION " every" : "unrouted",
	    every);
	yara_cache_key(s, ROUTE_VERSION " pe", pe);
	if (route) {
		if ((s->rules = yara_cache_get(every)) != NULL &&
		    (pe_rules = yara_cache_get(pe)) != NULL)
			goto done;
		if (s->rules != NULL)
			yr_rules_destroy(s->rules);
		if ((s->rules = yara_cache_get(s->digest)) != NULL)
			return 0;
	} else if ((s->rules = yara_cache_get(every)) != NULL)
		return 0;
	if (yara_units_read(s, defines, ndefines, err) == -1 ||
	    yara_compile(s->units, s->nunits, defines, ndefines,
	    quiet, nwarn, &includes, &s->rules, route ? &pe_rules : NULL,
	    &routed, err) == -1) {
		yara_units_drop(s);
		return -1;
	}
	yara_units_drop(s);
	s->includes = includes;
	/* With include, the digest does not cover every source. */
	if (!includes && routed) {
		yara_cache_put(every, s->rules);
		if (pe_rules != NULL)
			yara_cache_put(pe, pe_rules);
		else if ((empty = yara_empty_rules()) != NULL) {
			yara_cache_put(pe, empty);
			yr_rules_destroy(empty);
		}
	} else if (!includes)
		yara_cache_put(route ? s->digest : every, s->rules);
done:
	if (pe_rules != NULL && pe_rules->num_rules == 0) {
		yr_rules_destroy(pe_rules);
		pe_rules = NULL;
	}
	s->pe_rules = pe_rules;
	s->routed = routed || pe_rules != NULL;
	return 0;
}

YR_RULES *
yara_set_whole(struct yara_set *s, const char *const *defines, int ndefines)
{
	char key[65], err[VG_ERRLEN];
	YR_RULES *r;

	pthread_mutex_lock(&s->whole_mu);
	if ((r = s->whole) == NULL && !s->whole_failed) {
		/* The --no-routing compile: cached under the same name. */
		yara_cache_key(s, "unrouted", key);
		if ((r = yara_cache_get(key)) == NULL) {
			if (yara_units_read(s, defines, ndefines, err) == 0 &&
			    yara_compile(s->units, s->nunits, defines,
			    ndefines, 1, NULL, NULL, &r, NULL, NULL,
			    err) == 0)
				yara_cache_put(key, r);
			else
				r = NULL;
			yara_units_drop(s);
		}
		s->whole = r;
		s->whole_failed = r == NULL;
	}
	pthread_mutex_unlock(&s->whole_mu);
	return r;
}

int
yara_set_load(const char *path, const char *const *defines, int ndefines,
    int quiet, int route, int *nwarn, struct yara_set **out, char *err)
{
	struct yara_set *s;
	struct stat st;
	char **list = NULL, *full, *src, hex[VG_HASH_HEXMAX];
	size_t len;
	int n = 0, i, rc = -1, yr;

	*out = NULL;
	if (nwarn != NULL)
		*nwarn = 0;
	s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->whole_mu, NULL);
	if (vg_builtin_is(path)) {
		/* Built-in rules are sources, never compiled files. */
		memset(&st, 0, sizeof st);
		st.st_mode = vg_builtin_find(path) != NULL ? S_IFREG : S_IFDIR;
	} else if (stat(path, &st) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (S_ISREG(st.st_mode) && !vg_builtin_is(path) &&
	    yara_is_compiled(path)) {
		/* libyara runs a compiled file without checking it: it is
		 * code, loaded only when the user says so (yara -C). */
		if (!yara_compiled_ok) {
			vg_seterr(err, _("%s: compiled YARA rules: refused "
			    "without --compiled-rules (a compiled file is "
			    "trusted code, libyara does not check it: load "
			    "only one you made yourself)"), path);
			goto out;
		}
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
		s->uses = yara_compiled_uses(s->rules);
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
	yara_set_digest(s);
	if (yara_set_rules(s, defines, ndefines, quiet, nwarn, route,
	    err) == -1)
		goto out;
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
	const struct yara_unit *u;
	char *src;
	size_t len;
	int i;

	*out = NULL;
	if (full->compiled || full->includes) {
		vg_seterr(err, "%s", "no subset of compiled rules");
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->whole_mu, NULL);
	/* The same files, as they were when FULL was loaded. */
	for (i = 0; i < n; i++) {
		u = &full->units[idx[i]];
		if ((src = vg_read_file(u->path, YARA_MAXSRC, &len,
		    err)) == NULL) {
			yara_set_free(s);
			return -1;
		}
		yara_add_unit(s, u->ns, u->path, src, len, defines, ndefines);
		if (strcmp(s->units[i].digest, u->digest) != 0) {
			vg_seterr(err, _("%s: changed during the scan"),
			    u->path);
			yara_set_free(s);
			return -1;
		}
	}
	yara_set_digest(s);
	if (yara_set_rules(s, defines, ndefines, 1, NULL, full->routed,
	    err) == -1) {
		yara_set_free(s);
		return -1;
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
	if (s->pe_rules != NULL)
		yr_rules_destroy(s->pe_rules);
	if (s->whole != NULL)
		yr_rules_destroy(s->whole);
	pthread_mutex_destroy(&s->whole_mu);
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
