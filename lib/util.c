/*
 * util.c — where files live, private file creation, whole-file reads,
 * UTC time stamps, sizes, and text made safe for JSON and terminals.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "vigie/base.h"
#include "vigie/data.h"
#include "vigie/i18n.h"
#include "vigie/util.h"

/* ---- Paths -------------------------------------------------------- */

char *
vg_exe_dir(void)
{
	char buf[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return xstrdup(".");
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return xstrdup(".");
	if (slash == buf)
		slash++;
	*slash = '\0';
	return xstrdup(buf);
}

char *
vg_data_path(const char *rel)
{
	static const char *const places[] = {
		"%s/rules/%s",		/* source tree: ./vigie */
		"%s/../rules/%s",	/* source tree: build-san/vigie */
		"%s/../share/vigie/%s",	/* installed: PREFIX/bin/vigie */
	};
	const char *env;
	char *dir, *p = NULL;
	size_t i;

	if ((env = getenv("VIGIE_DATA")) != NULL && *env != '\0')
		return xasprintf("%s/%s", env, rel);
	/* Relative to the binary, so an installed tree or a USB key can be
	 * moved anywhere. */
	dir = vg_exe_dir();
	for (i = 0; i < sizeof places / sizeof places[0]; i++) {
		free(p);
		p = xasprintf(places[i], dir, rel);
		if (access(p, F_OK) == 0)
			break;
	}
	free(dir);
	/* Else the copy built into the binary, if it has one. */
	if (i == sizeof places / sizeof places[0] && vg_builtin_has(rel)) {
		free(p);
		p = xasprintf("%s/%s", VG_BUILTIN, rel);
	}
	return p;
}

char *
vg_user_dir(void)
{
	const char *xdg, *home;

	if ((xdg = getenv("XDG_DATA_HOME")) != NULL && *xdg == '/')
		return xasprintf("%s/vigie", xdg);
	if ((home = getenv("HOME")) == NULL || *home == '\0')
		home = ".";
	return xasprintf("%s/.local/share/vigie", home);
}

int
vg_mkdir_p(const char *path, mode_t mode, char *err)
{
	char *p, *s;
	struct stat st;

	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST) {
			vg_seterr(err, "%s: cannot create folder: %s", p,
			    strerror(errno));
			free(p);
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
		vg_seterr(err, "%s: not a folder", path);
		return -1;
	}
	return 0;
}

/* ---- Files -------------------------------------------------------- */

int
vg_create_private(const char *path, int excl, char *err)
{
	int fd, flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW;

	flags |= excl ? O_EXCL : O_TRUNC;
	if ((fd = open(path, flags, 0600)) == -1) {
		struct stat st;

		/* O_NOFOLLOW says "Too many levels of symbolic links". */
		if ((errno == ELOOP || errno == EEXIST) &&
		    lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			vg_seterr(err, "%s: a symbolic link: refused (vigie "
			    "never writes a file through a link; give the "
			    "file's own name)", path);
		else
			vg_seterr(err, "%s: cannot create: %s", path,
			    strerror(errno));
		return -1;
	}
	/* An existing file keeps its mode on O_TRUNC: tighten it. */
	if (!excl && fchmod(fd, 0600) == -1) {
		vg_seterr(err, "%s: cannot set mode 0600: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
vg_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
vg_write_file(const char *path, const void *buf, size_t len, char *err)
{
	char *tmp;
	int fd, rc = -1;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if ((fd = vg_create_private(tmp, 1, err)) == -1)
		goto out;
	if (vg_write_all(fd, buf, len) == -1 || fsync(fd) == -1) {
		vg_seterr(err, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		vg_seterr(err, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

uint64_t
vg_hash_pair(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ull;
	return h;
}

char *
vg_read_file(const char *path, size_t max, size_t *lenp, char *err)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	const struct vg_blob *b;
	ssize_t n;
	int fd;

	if (vg_builtin_is(path)) {
		if ((b = vg_builtin_find(path)) == NULL) {
			vg_seterr(err, _("%s: missing (no such built-in "
			    "file)"), path);
			return NULL;
		}
		if (b->len > max) {
			vg_seterr(err, "%s: larger than %zu bytes", path, max);
			return NULL;
		}
		buf = xmalloc(b->len + 1);
		memcpy(buf, b->data, b->len + 1);
		if (lenp != NULL)
			*lenp = b->len;
		return buf;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			vg_seterr(err, _("%s: missing (no such file)"), path);
		else
			vg_seterr(err, "%s: cannot open: %s", path,
			    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 8192;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			vg_seterr(err, "%s: cannot read: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			vg_seterr(err, "%s: larger than %zu bytes", path, max);
			goto fail;
		}
	}
	close(fd);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
fail:
	close(fd);
	free(buf);
	return NULL;
}

/* ---- Offline roots ------------------------------------------------ */

#define ROOT_MAX_LINKS	40

char *
vg_root_path(const char *root, const char *rel, int follow, char *err)
{
	char *done, *todo, *p, *next, target[PATH_MAX];
	size_t rlen;
	int links = 0;

	if (root == NULL || *root == '\0')
		return xstrdup(rel);
	rlen = strlen(root);
	while (rlen > 1 && root[rlen - 1] == '/')
		rlen--;
	done = xstrndup(root, rlen);
	p = todo = xstrdup(rel);
	for (;;) {
		struct stat st;
		size_t n, dl;
		ssize_t tl;
		int last;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, "/");
		last = p[n + strspn(p + n, "/")] == '\0';
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			/* DONE holds no link: ".." is lexical, and stops at
			 * the root as it does on the examined system. */
			dl = strlen(done);
			while (dl > rlen && done[dl - 1] != '/')
				dl--;
			if (dl > rlen)
				dl--;
			done[dl] = '\0';
			p += n;
			continue;
		}
		next = xasprintf("%s/%.*s", done, (int)n, p);
		p += n;
		if ((!last || follow) && lstat(next, &st) == 0 &&
		    S_ISLNK(st.st_mode)) {
			if (++links > ROOT_MAX_LINKS) {
				vg_seterr(err, "%s: more than %d symbolic "
				    "links in a row (a loop?), not followed",
				    rel, ROOT_MAX_LINKS);
				free(next);
				free(todo);
				free(done);
				errno = ELOOP;
				return NULL;
			}
			if ((tl = readlink(next, target,
			    sizeof target - 1)) <= 0) {
				vg_seterr(err, "%s: unreadable symbolic link: "
				    "%s", rel, tl == 0 ? "empty" :
				    strerror(errno));
				free(next);
				free(todo);
				free(done);
				return NULL;
			}
			target[tl] = '\0';
			free(next);
			if (target[0] == '/')
				done[rlen] = '\0';
			next = xasprintf("%s/%s", target, p);
			free(todo);
			p = todo = next;
			continue;
		}
		free(done);
		done = next;
	}
	free(todo);
	if (done[rlen] == '\0') {
		next = xasprintf("%s/", done);
		free(done);
		done = next;
	}
	return done;
}

/* ---- Time --------------------------------------------------------- */

void
vg_time_iso(time_t t, char *out)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
vg_time_parse_iso(const char *s, time_t *t)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof tm);
	if ((end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL &&
	    (end = strptime(s, "%Y-%m-%d %H:%M:%S", &tm)) == NULL &&
	    (end = strptime(s, "%Y-%m-%d %H:%M", &tm)) == NULL)
		return -1;
	if (*end == 'Z')
		end++;
	if (*end != '\0')
		return -1;
	*t = timegm(&tm);
	return 0;
}

/* ---- Sizes -------------------------------------------------------- */

int
vg_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case '\0':
		break;
	case 'k': mul = 1ULL << 10; end++; break;
	case 'm': mul = 1ULL << 20; end++; break;
	case 'g': mul = 1ULL << 30; end++; break;
	case 't': mul = 1ULL << 40; end++; break;
	default:
		return -1;
	}
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end != '\0' || (v != 0 && mul > UINT64_MAX / v))
		return -1;
	*out = (uint64_t)v * mul;
	return 0;
}

/* ---- Text --------------------------------------------------------- */

int
vg_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of the valid UTF-8 sequence at S (at most LEN bytes), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t len)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; cp = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int
vg_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (len > 0) {
		if ((n = utf8_seq(p, len)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

char *
vg_utf8_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	size_t n;

	o = out = xmalloc(len * 3 + 1);
	while (len > 0) {
		if ((n = utf8_seq(p, len)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			n = 1;
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	*o = '\0';
	return out;
}

static char *
term_clean(const char *s, int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	char *out, *o;

	o = out = xmalloc(len * 4 + 1);
	while (len > 0) {
		n = utf8_seq(p, len);
		if (n == 1 && lines && (*p == '\n' || *p == '\t'))
			*o++ = (char)*p;
		else if (n == 1 && (*p < 0x20 || *p == 0x7f)) {
			if (*p == '\n')
				o += sprintf(o, "\\n");
			else if (*p == '\t')
				o += sprintf(o, "\\t");
			else
				o += sprintf(o, "\\x%02x", *p);
		} else if (n == 0) {
			o += sprintf(o, "\\x%02x", *p);
			n = 1;
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			/* C1 control characters: also terminal escapes. */
			o += sprintf(o, "\\x%02x\\x%02x", p[0], p[1]);
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	*o = '\0';
	return out;
}

char *
vg_term_clean(const char *s)
{
	return term_clean(s, 0);
}

char *
vg_term_clean_lines(const char *s)
{
	return term_clean(s, 1);
}

void
vg_term_fputs(const char *s, FILE *fp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;

	/* No allocation: fatal() prints through here when memory is out. */
	while (len > 0) {
		n = utf8_seq(p, len);
		if (n == 1 && (*p == '\n' || *p == '\t'))
			fputc(*p, fp);
		else if (n == 1 && (*p < 0x20 || *p == 0x7f))
			fprintf(fp, "\\x%02x", *p);
		else if (n == 0) {
			fprintf(fp, "\\x%02x", *p);
			n = 1;
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			fprintf(fp, "\\x%02x\\x%02x", p[0], p[1]);
		else
			fwrite(p, 1, n, fp);
		p += n;
		len -= n;
	}
}

int
vg_text_width(const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n, len = strlen(s);
	int w = 0, cw;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof st);
			w++;
			s++;
			len--;
			continue;
		}
		if (n == 0)
			break;
		cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		s += n;
		len -= n;
	}
	return w;
}

char *
vg_strdup_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}
