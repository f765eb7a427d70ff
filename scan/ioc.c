/*
 * ioc.c — IOC lists: known-bad file hashes (MD5, SHA-1, SHA-256) kept in
 * sorted tables and searched by bisection, and file-name/path regular
 * expressions (PCRE2, case-insensitive) matched against the full path.
 * Lists are text, one entry a line; see docs/formats/iocs.md. A list is
 * outside input: compiling and matching its expressions are bounded
 * (pattern length, nesting, compile memory, match steps and memory) so a
 * hostile pattern is refused with its file and line instead of taking all
 * the memory (glibc's regcomp() expands repetitions without limit).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/data.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "ioc.h"

#define IOC_MAXFILE	(64u << 20)	/* a list larger than this is refused */
#define IOC_MAXLINE	4096
/* Bounds of a path expression (docs/formats/iocs.md). */
#define IOC_RE_NEST	32		/* parentheses nested */
#define IOC_RE_COMPILE	(4u << 20)	/* bytes while compiling one */
#define IOC_RE_STEPS	1000000		/* match steps on one path */
#define IOC_RE_HEAP	(1u << 10)	/* KiB of backtracking memory */
#define IOC_RE_DEPTH	10000

struct ioc_hash {
	uint8_t			 digest[VG_HASH_MAX];
	struct ioc_entry	*entry;
};

struct ioc_re {
	pcre2_code		*re;
	struct ioc_entry	*entry;
	int			 warned;	/* limit reached, said once */
};

struct ioc_set {
	struct ioc_entry      **entries;	/* everything, for freeing */
	int			 nentries;
	struct ioc_hash		*hashes[3];	/* by enum vg_hash_alg */
	size_t			 nhashes[3];
	struct ioc_re		*res;
	int			 nres;
	pcre2_match_context	*mctx;		/* the match limits */
};

struct ioc_set *
ioc_new(void)
{
	struct ioc_set *s = xcalloc(1, sizeof(struct ioc_set));

	if ((s->mctx = pcre2_match_context_create(NULL)) == NULL)
		fatal("out of memory (PCRE2 context)");
	pcre2_set_match_limit(s->mctx, IOC_RE_STEPS);
	pcre2_set_heap_limit(s->mctx, IOC_RE_HEAP);
	pcre2_set_depth_limit(s->mctx, IOC_RE_DEPTH);
	return s;
}

static void
ioc_entry_free(struct ioc_entry *e)
{
	free(e->id);
	free(e->desc_fr);
	free(e->desc_en);
	free(e->value);
	free(e);
}

void
ioc_free(struct ioc_set *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nres; i++)
		pcre2_code_free(s->res[i].re);
	free(s->res);
	pcre2_match_context_free(s->mctx);
	for (i = 0; i < 3; i++)
		free(s->hashes[i]);
	for (i = 0; i < s->nentries; i++)
		ioc_entry_free(s->entries[i]);
	free(s->entries);
	free(s);
}

static const char *
ioc_basename(const char *name)
{
	const char *p = strrchr(name, '/');

	return p != NULL ? p + 1 : name;
}

static int
ioc_has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* Trim spaces and tabs at both ends, in place. */
static char *
ioc_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/*
 * Split LINE at the first ';' not preceded by a backslash. Returns the
 * rest (after the ';') or NULL if there is none; LINE is cut in place.
 */
static char *
ioc_split(char *line)
{
	char *p;

	for (p = line; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == ';') {
			*p = '\0';
			return p + 1;
		}
	}
	return NULL;
}

/* Parse HEX into OUT; returns the algorithm or -1. */
static int
ioc_parse_hash(const char *hex, uint8_t *out)
{
	size_t n = strlen(hex), i;
	int alg, hi, lo;

	switch (n) {
	case 32: alg = VG_MD5; break;
	case 40: alg = VG_SHA1; break;
	case 64: alg = VG_SHA256; break;
	default: return -1;
	}
	for (i = 0; i < n / 2; i++) {
		if ((hi = vg_hexval((unsigned char)hex[2 * i])) < 0 ||
		    (lo = vg_hexval((unsigned char)hex[2 * i + 1])) < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return alg;
}

static void
ioc_add_entry(struct ioc_set *s, struct ioc_entry *e)
{
	s->entries = xreallocarray(s->entries, s->nentries + 1,
	    sizeof(*s->entries));
	s->entries[s->nentries++] = e;
}

/* Compiling one expression may use at most IOC_RE_COMPILE bytes. */
struct ioc_budget {
	size_t	used;
};

static void *
ioc_re_malloc(size_t n, void *arg)
{
	struct ioc_budget *b = arg;
	size_t *p;

	if (n > IOC_RE_COMPILE || b->used + n > IOC_RE_COMPILE)
		return NULL;
	if ((p = malloc(n + sizeof(size_t))) == NULL)
		return NULL;
	b->used += n;
	*p = n;
	return p + 1;
}

static void
ioc_re_free(void *q, void *arg)
{
	struct ioc_budget *b = arg;
	size_t *p = q;

	if (p == NULL)
		return;
	p--;
	b->used -= *p;
	free(p);
}

/* VALUE compiled with the limits; NULL with err set (FILE:LINE: cause). */
static pcre2_code *
ioc_re_compile(const char *value, const char *name, int lineno, char *err)
{
	struct ioc_budget b = { 0 };
	pcre2_general_context *g;
	pcre2_compile_context *c;
	pcre2_code *re;
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off;
	int rc;

	g = pcre2_general_context_create(ioc_re_malloc, ioc_re_free, &b);
	if (g == NULL || (c = pcre2_compile_context_create(g)) == NULL)
		fatal("out of memory (PCRE2 context)");
	pcre2_set_max_pattern_length(c, IOC_MAXLINE);
	pcre2_set_parens_nest_limit(c, IOC_RE_NEST);
	re = pcre2_compile((PCRE2_SPTR)value, PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_NO_AUTO_CAPTURE, &rc, &off, c);
	if (re == NULL) {
		if (rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_NOMEMORY)
			vg_seterr(err, "%s:%d: regular expression too large "
			    "(it needs more than %u MB to compile)", name,
			    lineno, IOC_RE_COMPILE >> 20);
		else {
			if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
				snprintf((char *)msg, sizeof msg, "error %d",
				    rc);
			vg_seterr(err, "%s:%d: bad regular expression: %s "
			    "(at offset %zu)", name, lineno, (char *)msg,
			    (size_t)off);
		}
	}
	pcre2_compile_context_free(c);
	pcre2_general_context_free(g);
	/* The compiled code lives on after the budget: copy it out with
	 * the default allocator. */
	if (re != NULL) {
		pcre2_code *copy = pcre2_code_copy(re);

		pcre2_code_free(re);
		if ((re = copy) == NULL)
			fatal("out of memory (PCRE2 copy)");
	}
	return re;
}

/* One non-empty, non-comment line. */
static int
ioc_line(struct ioc_set *s, char *line, int hashes, const char *name,
    int lineno, char *err)
{
	char *value, *sev, *fr, *en;
	struct ioc_entry *e;
	enum vg_severity severity;
	uint8_t digest[VG_HASH_MAX];
	int alg = -1;
	pcre2_code *re = NULL;

	value = line;
	if ((sev = ioc_split(value)) == NULL) {
		vg_seterr(err, "%s:%d: %s", name, lineno,
		    "expected VALUE;SEVERITY;DESCRIPTION");
		return -1;
	}
	if ((fr = ioc_split(sev)) == NULL) {
		vg_seterr(err, "%s:%d: %s", name, lineno,
		    "missing description after the severity");
		return -1;
	}
	en = ioc_split(fr);
	value = ioc_trim(value);
	sev = ioc_trim(sev);
	fr = ioc_trim(fr);
	en = en != NULL ? ioc_trim(en) : NULL;
	if (*value == '\0') {
		vg_seterr(err, "%s:%d: empty value", name, lineno);
		return -1;
	}
	if (vg_severity_parse(sev, &severity) == -1) {
		vg_seterr(err, "%s:%d: unknown severity \"%.40s\" (info, low, "
		    "medium, high or critical)", name, lineno, sev);
		return -1;
	}
	if (*fr == '\0') {
		vg_seterr(err, "%s:%d: empty description", name, lineno);
		return -1;
	}
	if (hashes) {
		if ((alg = ioc_parse_hash(value, digest)) == -1) {
			vg_seterr(err, "%s:%d: not an MD5, SHA-1 or SHA-256 "
			    "digest in hexadecimal", name, lineno);
			return -1;
		}
	} else {
		if ((re = ioc_re_compile(value, name, lineno, err)) == NULL)
			return -1;
	}

	e = xcalloc(1, sizeof(*e));
	e->id = xasprintf("%s:%d", ioc_basename(name), lineno);
	e->severity = severity;
	e->desc_fr = xstrdup(fr);
	e->desc_en = xstrdup(en != NULL && *en != '\0' ? en : fr);
	e->value = xstrdup(value);
	ioc_add_entry(s, e);

	if (hashes) {
		s->hashes[alg] = xreallocarray(s->hashes[alg],
		    s->nhashes[alg] + 1, sizeof(struct ioc_hash));
		memset(&s->hashes[alg][s->nhashes[alg]], 0,
		    sizeof(struct ioc_hash));
		memcpy(s->hashes[alg][s->nhashes[alg]].digest, digest,
		    vg_hash_len(alg));
		s->hashes[alg][s->nhashes[alg]].entry = e;
		s->nhashes[alg]++;
	} else {
		s->res = xreallocarray(s->res, s->nres + 1,
		    sizeof(struct ioc_re));
		s->res[s->nres].re = re;
		s->res[s->nres].entry = e;
		s->res[s->nres].warned = 0;
		s->nres++;
	}
	return 0;
}

int
ioc_parse(struct ioc_set *s, const char *buf, size_t len, const char *name,
    char *err)
{
	const char *p = buf, *end = buf + len, *nl;
	char line[IOC_MAXLINE + 1], *l;
	int hashes, lineno = 0;
	size_t n;

	if (ioc_has_suffix(name, ".hashes"))
		hashes = 1;
	else if (ioc_has_suffix(name, ".names"))
		hashes = 0;
	else {
		vg_seterr(err, "%s: an IOC list must end in .hashes or .names",
		    name);
		return -1;
	}
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', end - p);
		n = (nl != NULL ? nl : end) - p;
		if (n > IOC_MAXLINE) {
			vg_seterr(err, "%s:%d: line longer than %d bytes",
			    name, lineno, IOC_MAXLINE);
			return -1;
		}
		if (memchr(p, '\0', n) != NULL) {
			vg_seterr(err, "%s:%d: NUL byte in the line", name,
			    lineno);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl != NULL);
		l = ioc_trim(line);
		if (*l == '\0' || *l == '#')
			continue;
		if (!vg_utf8_valid(l, strlen(l))) {
			vg_seterr(err, "%s:%d: not valid UTF-8", name, lineno);
			return -1;
		}
		if (ioc_line(s, l, hashes, name, lineno, err) == -1)
			return -1;
	}
	return 0;
}

static int
ioc_load_file(struct ioc_set *s, const char *path, char *err)
{
	char *buf;
	size_t len;
	int rc;

	if ((buf = vg_read_file(path, IOC_MAXFILE, &len, err)) == NULL)
		return -1;
	rc = ioc_parse(s, buf, len, path, err);
	free(buf);
	return rc;
}

static int
ioc_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ioc_load(struct ioc_set *s, const char *path, char *err)
{
	struct stat st;
	DIR *d = NULL;
	struct dirent *de;
	char **names = NULL, *p;
	int n = 0, i, rc = -1;

	if (vg_builtin_is(path)) {
		/* The lists built into the binary (see data.h). */
		char **bn;

		if (vg_builtin_find(path) != NULL)
			return ioc_load_file(s, path, err);
		if ((bn = vg_builtin_list(path, NULL)) == NULL) {
			vg_seterr(err, _("%s: missing (no such built-in "
			    "file)"), path);
			return -1;
		}
		for (i = 0; bn[i] != NULL; i++) {
			if (!ioc_has_suffix(bn[i], ".hashes") &&
			    !ioc_has_suffix(bn[i], ".names"))
				continue;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(bn[i]);
		}
		vg_builtin_list_free(bn, NULL);
	} else {
		if (stat(path, &st) == -1) {
			vg_seterr(err, "%s: %s", path, strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode))
			return ioc_load_file(s, path, err);
		if ((d = opendir(path)) == NULL) {
			vg_seterr(err, "%s: %s", path, strerror(errno));
			return -1;
		}
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' ||
			    (!ioc_has_suffix(de->d_name, ".hashes") &&
			    !ioc_has_suffix(de->d_name, ".names")))
				continue;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	qsort(names, n, sizeof(*names), ioc_namecmp);
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", path, names[i]);
		rc = ioc_load_file(s, p, err);
		free(p);
		if (rc == -1)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (d != NULL)
		closedir(d);
	return rc;
}

static int
ioc_hashcmp(const void *a, const void *b)
{
	return memcmp(((const struct ioc_hash *)a)->digest,
	    ((const struct ioc_hash *)b)->digest, VG_HASH_MAX);
}

void
ioc_seal(struct ioc_set *s)
{
	int alg;

	for (alg = 0; alg < 3; alg++)
		if (s->nhashes[alg] > 1)
			qsort(s->hashes[alg], s->nhashes[alg],
			    sizeof(struct ioc_hash), ioc_hashcmp);
}

int
ioc_count(const struct ioc_set *s)
{
	return s != NULL ? s->nentries : 0;
}

unsigned
ioc_needs(const struct ioc_set *s)
{
	unsigned need = 0;
	int alg;

	if (s == NULL)
		return 0;
	for (alg = 0; alg < 3; alg++)
		if (s->nhashes[alg] > 0)
			need |= IOC_NEED(alg);
	return need;
}

int
ioc_has_names(const struct ioc_set *s)
{
	return s != NULL && s->nres > 0;
}

const struct ioc_entry *
ioc_match_hash(const struct ioc_set *s, enum vg_hash_alg alg,
    const char *hex)
{
	struct ioc_hash key, *hit;

	if (s == NULL || s->nhashes[alg] == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	if (ioc_parse_hash(hex, key.digest) != (int)alg)
		return NULL;
	hit = bsearch(&key, s->hashes[alg], s->nhashes[alg],
	    sizeof(struct ioc_hash), ioc_hashcmp);
	return hit != NULL ? hit->entry : NULL;
}

void
ioc_match_path(const struct ioc_set *s, const char *path,
    void (*fn)(const struct ioc_entry *, void *), void *arg)
{
	pcre2_match_data *md;
	int i, rc;

	if (s == NULL || s->nres == 0)
		return;
	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		fatal("out of memory (PCRE2 match data)");
	for (i = 0; i < s->nres; i++) {
		rc = pcre2_match(s->res[i].re, (PCRE2_SPTR)path,
		    PCRE2_ZERO_TERMINATED, 0, 0, md, s->mctx);
		if (rc >= 0)
			fn(s->res[i].entry, arg);
		else if (rc != PCRE2_ERROR_NOMATCH && !__atomic_exchange_n(
		    &s->res[i].warned, 1, __ATOMIC_RELAXED)) {
			char *c = vg_term_clean(path);

			vg_warn("%s: the expression gave up on %s (match "
			    "limit reached): not matched", s->res[i].entry->id,
			    c);
			free(c);
		}
	}
	pcre2_match_data_free(md);
}
