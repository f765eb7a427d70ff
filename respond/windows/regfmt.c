/*
 * regfmt.c — the portable part of vigie-collect.exe (see regfmt.h):
 * buffers, UTF-16 LE / UTF-8 conversions, JSON strings and .reg lines.
 * Built for Windows into the collector and, on Linux, into the unit test
 * (tests/unit/test-regfmt.c) and the fuzz harness (tests/fuzz/
 * fuzz-regfmt.c), which read every line back with vigie's own .reg
 * reader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regfmt.h"

/* ---- buffer --------------------------------------------------------- */

static int
rb_grow(struct rbuf *b, size_t more)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (b->n + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + more + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
rb_add(struct rbuf *b, const void *d, size_t n)
{
	if (rb_grow(b, n) == -1)
		return;
	if (n > 0)
		memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
rb_str(struct rbuf *b, const char *s)
{
	rb_add(b, s, strlen(s));
}

void
rb_printf(struct rbuf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;
	char	small[256];

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		rb_add(b, small, (size_t)n);
		return;
	}
	if (rb_grow(b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void
rb_free(struct rbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* ---- text ----------------------------------------------------------- */

static void
put_utf8(struct rbuf *b, unsigned long c)
{
	unsigned char	o[4];
	size_t		n;

	if (c < 0x80) {
		o[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		o[0] = (unsigned char)(0xF0 | (c >> 18));
		o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (c & 0x3F));
		n = 4;
	}
	rb_add(b, o, n);
}

/* The code unit at I of S (LE). */
static unsigned
u16at(const unsigned char *s, size_t i)
{
	return (unsigned)s[2 * i] | (unsigned)s[2 * i + 1] << 8;
}

/* Whether the UTF-16 LE text has a lone surrogate. */
static int
u16_bad(const unsigned char *s, size_t units)
{
	size_t	 i;
	unsigned c;

	for (i = 0; i < units; i++) {
		c = u16at(s, i);
		if (c >= 0xD800 && c <= 0xDBFF) {
			if (i + 1 < units && u16at(s, i + 1) >= 0xDC00 &&
			    u16at(s, i + 1) <= 0xDFFF) {
				i++;
				continue;
			}
			return 1;
		}
		if (c >= 0xDC00 && c <= 0xDFFF)
			return 1;
	}
	return 0;
}

int
rf_utf16_to_utf8(struct rbuf *b, const unsigned char *s, size_t nbytes,
    int strict)
{
	size_t		units = nbytes / 2, i;
	unsigned long	c, d;

	if (strict && u16_bad(s, units))
		return -1;
	for (i = 0; i < units; i++) {
		c = u16at(s, i);
		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units &&
		    (d = u16at(s, i + 1)) >= 0xDC00 && d <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
			i++;
		} else if (c >= 0xD800 && c <= 0xDFFF)
			c = 0xFFFD;
		put_utf8(b, c);
	}
	return 0;
}

/*
 * Decode one UTF-8 character at S (N bytes left): the code point, or
 * 0xFFFD for an invalid sequence (overlong, surrogate, > U+10FFFF,
 * truncated), with *LEN the bytes used (at least 1).
 */
static unsigned long
utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long	c;
	size_t		k, need;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 1, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 2, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 3, c = s[0] & 0x07;
	else
		return 0xFFFD;
	if (n < need + 1)
		return 0xFFFD;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0xFFFD;
		c = c << 6 | (s[k] & 0x3F);
	}
	if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	*len = need + 1;
	return c;
}

static void
put_u16(struct rbuf *b, unsigned c)
{
	unsigned char o[2] = { (unsigned char)(c & 0xFF),
	    (unsigned char)(c >> 8) };

	rb_add(b, o, 2);
}

void
rf_utf8_to_utf16_file(struct rbuf *b, const char *text, size_t n)
{
	const unsigned char	*s = (const unsigned char *)text;
	unsigned long		 c;
	size_t			 i = 0, l;

	put_u16(b, 0xFEFF);
	while (i < n) {
		c = utf8_next(s + i, n - i, &l);
		i += l;
		if (c == '\n')
			put_u16(b, '\r');
		if (c >= 0x10000) {
			c -= 0x10000;
			put_u16(b, (unsigned)(0xD800 + (c >> 10)));
			put_u16(b, (unsigned)(0xDC00 + (c & 0x3FF)));
		} else
			put_u16(b, (unsigned)c);
	}
}

void
rf_json_str(struct rbuf *b, const char *text, size_t n)
{
	const unsigned char	*s = (const unsigned char *)text;
	unsigned long		 c;
	size_t			 i = 0, l;

	rb_add(b, "\"", 1);
	while (i < n) {
		c = utf8_next(s + i, n - i, &l);
		i += l;
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			rb_add(b, e, 2);
		} else if (c == '\n')
			rb_str(b, "\\n");
		else if (c == '\r')
			rb_str(b, "\\r");
		else if (c == '\t')
			rb_str(b, "\\t");
		else if (c < 0x20 || (c >= 0x7F && c < 0x10000))
			rb_printf(b, "\\u%04lx", c);
		else if (c >= 0x10000) {
			c -= 0x10000;
			rb_printf(b, "\\u%04lx\\u%04lx", 0xD800 + (c >> 10),
			    0xDC00 + (c & 0x3FF));
		} else {
			char ch = (char)c;
			rb_add(b, &ch, 1);
		}
	}
	rb_add(b, "\"", 1);
}

/* ---- .reg lines ----------------------------------------------------- */

/* Whether UTF-16 LE text holds CR, LF or NUL (not writable in a line). */
static int
u16_has_break(const unsigned char *s, size_t units)
{
	size_t	 i;
	unsigned c;

	for (i = 0; i < units; i++)
		if ((c = u16at(s, i)) == 0 || c == '\r' || c == '\n')
			return 1;
	return 0;
}

int
rf_reg_key(struct rbuf *b, const char *root, const unsigned char *path,
    size_t nbytes, int absent)
{
	size_t units = nbytes / 2;

	if (u16_has_break(path, units) || u16_bad(path, units))
		return -1;
	rb_printf(b, "[%s%s", absent ? "-" : "", root);
	if (units > 0) {
		rb_add(b, "\\", 1);
		rf_utf16_to_utf8(b, path, units * 2, 1);
	}
	rb_str(b, "]\n");
	return 0;
}

/* UTF-8 with '"' and '\' escaped as regedit does. */
static void
reg_quoted(struct rbuf *b, const unsigned char *s, size_t units)
{
	struct rbuf	u = { 0 };
	size_t		i;

	rf_utf16_to_utf8(&u, s, units * 2, 1);
	rb_add(b, "\"", 1);
	for (i = 0; i < u.n; i++) {
		if (u.p[i] == '"' || u.p[i] == '\\')
			rb_add(b, "\\", 1);
		rb_add(b, &u.p[i], 1);
	}
	rb_add(b, "\"", 1);
	rb_free(&u);
}

/* hex:/hex(N): data, wrapped as regedit wraps it (about 80 columns). */
static void
reg_hex(struct rbuf *b, size_t col, uint32_t type, const unsigned char *d,
    size_t len)
{
	char	head[24];
	size_t	i;

	if (type == RF_REG_BINARY)
		snprintf(head, sizeof(head), "hex:");
	else
		snprintf(head, sizeof(head), "hex(%x):", (unsigned)type);
	rb_str(b, head);
	col += strlen(head);
	for (i = 0; i < len; i++) {
		rb_printf(b, "%02x", d[i]);
		col += 2;
		if (i + 1 < len) {
			rb_add(b, ",", 1);
			col++;
			if (col > 76) {
				rb_str(b, "\\\n  ");
				col = 2;
			}
		}
	}
	rb_add(b, "\n", 1);
}

int
rf_reg_value(struct rbuf *b, const unsigned char *name, size_t nbytes,
    uint32_t type, const unsigned char *data, size_t len)
{
	size_t	units = nbytes / 2, col, start = b->n, dunits;

	if (u16_has_break(name, units) || u16_bad(name, units))
		return -1;
	if (units == 0)
		rb_add(b, "@", 1);
	else
		reg_quoted(b, name, units);
	rb_add(b, "=", 1);
	col = b->n - start;
	dunits = len / 2;
	if (type == RF_REG_SZ && len >= 2 && len % 2 == 0 &&
	    u16at(data, dunits - 1) == 0 &&
	    !u16_has_break(data, dunits - 1) && !u16_bad(data, dunits - 1)) {
		reg_quoted(b, data, dunits - 1);
		rb_add(b, "\n", 1);
	} else if (type == RF_REG_DWORD && len == 4)
		rb_printf(b, "dword:%08lx\n", (unsigned long)data[0] |
		    (unsigned long)data[1] << 8 | (unsigned long)data[2] << 16 |
		    (unsigned long)data[3] << 24);
	else
		reg_hex(b, col, type, data, len);
	return 0;
}

/* ---- service binaries ------------------------------------------------ */

static int
prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (*s == '\0' || (*s | 0x20) != (*p | 0x20))
			return 0;
	return 1;
}

int
rf_service_file(const char *ip, const char *sysroot, char *out, size_t n)
{
	const char	*p = ip, *end;
	size_t		 l, k;
	int		 w;

	if (n == 0)
		return -1;
	out[0] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		p++;
		end = strchr(p, '"');
		l = end != NULL ? (size_t)(end - p) : strlen(p);
	} else {
		/* Unquoted: up to the first ".exe", ".sys" or ".dll" that
		 * ends a word, else the first space. */
		l = strcspn(p, " \t");
		for (k = 0; p[k] != '\0'; k++)
			if (p[k] == '.' && (prefix_ci(p + k, ".exe") ||
			    prefix_ci(p + k, ".sys") || prefix_ci(p + k,
			    ".dll")) && (p[k + 4] == '\0' || p[k + 4] == ' ' ||
			    p[k + 4] == '\t')) {
				l = k + 4;
				break;
			}
	}
	if (l == 0)
		return -1;
	if (l >= 4 && strncmp(p, "\\??\\", 4) == 0) {
		p += 4;
		l -= 4;
	}
	if (l >= 12 && prefix_ci(p, "\\SystemRoot\\")) {
		w = snprintf(out, n, "%s%.*s", sysroot, (int)(l - 11), p + 11);
	} else if (l >= 9 && prefix_ci(p, "System32\\"))
		w = snprintf(out, n, "%s\\%.*s", sysroot, (int)l, p);
	else
		w = snprintf(out, n, "%.*s", (int)l, p);
	if (w < 0 || (size_t)w >= n || l == 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
