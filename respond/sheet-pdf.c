/*
 * sheet-pdf.c — the emergency sheet as a PDF of one A4 page, written by
 * vigie itself (no PDF library): PDF 1.4, the standard Helvetica and
 * Helvetica-Bold fonts in WinAnsiEncoding (French letters, « », the
 * no-break space), text laid out with the fonts' own widths. The type
 * is shrunk step by step until everything fits one page; if it still
 * does not at the smallest size, the rest goes on a second page and the
 * caller is told (sheet.c warns). Phone numbers never break: spaces
 * inside them are no-break spaces, which the line breaker keeps.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/codepage.h"
#include "vigie/util.h"
#include "sheet.h"

/* Widths of Helvetica and Helvetica-Bold, 1/1000 em, ASCII 32..126. */
static const short helv[95] = {
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,
	278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
	584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
	500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
	667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556,
	278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
	278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};
static const short helvb[95] = {
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333,
	278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333,
	584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278,
	556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
	667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556,
	333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556,
	333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
};

/* The WinAnsi byte of code point U, '?' when it has none. */
static unsigned char
winansi(unsigned u)
{
	unsigned b;

	if (u < 0x80)
		return (unsigned char)u;
	if (u == 0x202F)
		return 0xA0;	/* narrow no-break space */
	for (b = 0x80; b < 0x100; b++)
		if (vg_codepage_char("CP1252", (unsigned char)b) == u)
			return (unsigned char)b;
	return '?';
}

/* UTF-8 to WinAnsi bytes (owned by the caller). */
static char *
to_winansi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	unsigned u;
	int n;

	while (*p != '\0') {
		if (*p < 0x80) {
			u = *p++;
			n = 0;
		} else if ((*p & 0xE0) == 0xC0) {
			u = *p++ & 0x1F;
			n = 1;
		} else if ((*p & 0xF0) == 0xE0) {
			u = *p++ & 0x0F;
			n = 2;
		} else if ((*p & 0xF8) == 0xF0) {
			u = *p++ & 0x07;
			n = 3;
		} else {
			p++;
			*o++ = '?';
			continue;
		}
		while (n-- > 0 && (*p & 0xC0) == 0x80)
			u = (u << 6) | (*p++ & 0x3F);
		*o++ = (char)winansi(u);
	}
	*o = '\0';
	return out;
}

/* The width of WinAnsi byte C, 1/1000 em: accented letters as their
 * base letter, the few wide signs as such. */
static int
cw(unsigned char c, int bold)
{
	static const char base[] =
	    /* 0xC0..0xFF */
	    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPsaaaaaaaceeeeiiiidnooooo/ouuuuypy";
	const short *t = bold ? helvb : helv;

	if (c >= 32 && c < 127)
		return t[c - 32];
	if (c >= 0xC0)
		return c == 0xC6 ? 1000 : c == 0xE6 ? (bold ? 889 : 889) :
		    c == 0xDF ? 611 : t[base[c - 0xC0] - 32];
	switch (c) {
	case 0x8C: return 1000;		/* Œ */
	case 0x9C: return 944;		/* œ */
	case 0x97: case 0x85: case 0x89: return 1000;	/* — … ‰ */
	case 0x96: case 0x80: case 0xAB: case 0xBB: return 556;
	case 0x91: case 0x92: return bold ? 278 : 222;
	case 0x93: case 0x94: return bold ? 500 : 333;
	case 0xA0: return 278;
	case 0xB0: return 400;
	default: return 556;
	}
}

static double
text_width(const char *s, size_t n, int bold, double size)
{
	double w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w += cw((unsigned char)s[i], bold);
	return w * size / 1000.0;
}

/* ---- layout ---------------------------------------------------------- */

#define PAGE_W		595.0
#define PAGE_H		842.0
#define MARGIN		42.0
#define PAGE_FOOT	24.0

struct pdf {
	char	**pages;	/* content streams */
	size_t	 *plen;
	int	  npages;
	char	 *cur;		/* the page being laid out */
	size_t	  len, cap;
	double	  y;
	int	  emit;		/* 0: only measure */
};

static void
put(struct pdf *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct pdf *p, const char *fmt, ...)
{
	va_list ap;
	char *s;
	size_t n;

	if (!p->emit)
		return;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(s);
	if (p->len + n + 1 > p->cap) {
		p->cap = (p->len + n + 1) * 2;
		p->cur = xreallocarray(p->cur, p->cap, 1);
	}
	memcpy(p->cur + p->len, s, n + 1);
	p->len += n;
	free(s);
}

static void
page_end(struct pdf *p)
{
	p->pages = xreallocarray(p->pages, p->npages + 1, sizeof(char *));
	p->plen = xreallocarray(p->plen, p->npages + 1, sizeof(size_t));
	p->pages[p->npages] = p->cur != NULL ? p->cur : xstrdup("");
	p->plen[p->npages] = p->len;
	p->npages++;
	p->cur = NULL;
	p->len = p->cap = 0;
	p->y = PAGE_H - MARGIN;
}

/* Room for H more points, else a new page. */
static void
need(struct pdf *p, double h)
{
	if (p->y - h < MARGIN + PAGE_FOOT)
		page_end(p);
}

/* A PDF string literal of N WinAnsi bytes. */
static void
put_str(struct pdf *p, const char *s, size_t n)
{
	char *e = xmalloc(n * 2 + 1), *o = e;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
			*o++ = '\\';
		*o++ = s[i];
	}
	*o = '\0';
	put(p, "(%s) Tj\n", e);
	free(e);
}

/*
 * Lay out TEXT (WinAnsi) in the box from X, width W, size SIZE; breaks
 * at ordinary spaces only (no-break spaces hold). Returns the height
 * used. With DRAW unset only measures. R, G, B: the colour.
 */
static double
para(struct pdf *p, const char *text, double x, double w, double size,
    int bold, double lead, int draw, const double *rgb)
{
	const char *s = text, *line, *brk, *q;
	double h = 0, lw;
	size_t n;

	while (*s == ' ')
		s++;
	while (*s != '\0') {
		line = s;
		brk = NULL;
		for (q = s; *q != '\0'; q++) {
			if (*q == ' ')
				brk = q;
			if (text_width(line, (size_t)(q - line + 1), bold,
			    size) > w && brk != NULL)
				break;
		}
		if (*q == '\0')
			n = (size_t)(q - line);
		else
			n = (size_t)(brk - line);
		lw = size * lead;
		if (draw) {
			need(p, lw);
			put(p, "BT /%s %.2f Tf %.3f %.3f %.3f rg %.2f %.2f Td ",
			    bold ? "F2" : "F1", size, rgb[0], rgb[1], rgb[2],
			    x, p->y - size);
			put_str(p, line, n);
			put(p, "ET\n");
			p->y -= lw;
		}
		h += lw;
		s = line + n;
		while (*s == ' ')
			s++;
	}
	return h;
}

static const double black[3] = { 0, 0, 0 };
static const double red[3] = { 0.70, 0, 0 };

/* Everything at base size S; returns the number of pages used. */
static int
layout(struct pdf *p, const struct sheet_content *c, double s)
{
	const double w = PAGE_W - 2 * MARGIN, c1 = w * 0.36, pad = 3;
	double h1, h2, h;
	char *t, *u, num[16];
	int i;

	p->y = PAGE_H - MARGIN;
	t = to_winansi(c->title);
	para(p, t, MARGIN, w, s * 1.9, 1, 1.2, 1, black);
	free(t);
	p->y -= s * 0.3;
	t = to_winansi(c->warning);
	para(p, t, MARGIN, w, s * 1.35, 1, 1.25, 1, red);
	free(t);
	p->y -= s * 0.4;
	for (i = 0; i < c->nactions; i++) {
		snprintf(num, sizeof(num), "%d.", i + 1);
		t = to_winansi(c->actions[i]);
		h = para(p, t, MARGIN + s * 1.6, w - s * 1.6, s, 0, 1.3, 0,
		    black);
		need(p, h);
		put(p, "BT /F2 %.2f Tf 0 0 0 rg %.2f %.2f Td ", s, MARGIN,
		    p->y - s);
		put_str(p, num, strlen(num));
		put(p, "ET\n");
		para(p, t, MARGIN + s * 1.6, w - s * 1.6, s, 0, 1.3, 1, black);
		p->y -= s * 0.35;
		free(t);
	}
	p->y -= s * 0.4;
	t = to_winansi(c->table_title);
	para(p, t, MARGIN, w, s * 1.2, 1, 1.3, 1, black);
	free(t);
	for (i = 0; i < c->nrows; i++) {
		t = to_winansi(c->rows[i].who);
		u = to_winansi(c->rows[i].how);
		h1 = para(p, t, 0, c1 - 2 * pad, s, 1, 1.25, 0, black);
		h2 = para(p, u, 0, w - c1 - 2 * pad, s, 0, 1.25, 0, black);
		h = (h1 > h2 ? h1 : h2) + 2 * pad;
		need(p, h);
		if (c->rows[i].missing)
			put(p, "1 0.88 0.75 rg %.2f %.2f %.2f %.2f re f\n",
			    MARGIN, p->y - h, w, h);
		put(p, "0.5 w 0 0 0 RG %.2f %.2f %.2f %.2f re S\n", MARGIN,
		    p->y - h, w, h);
		{
			double top = p->y;
			p->y = top - pad;
			para(p, t, MARGIN + pad, c1 - 2 * pad, s, 1, 1.25, 1,
			    black);
			p->y = top - pad;
			para(p, u, MARGIN + c1 + pad, w - c1 - 2 * pad, s, 0,
			    1.25, 1, c->rows[i].missing ? red : black);
			p->y = top - h;
		}
		free(t);
		free(u);
	}
	if (c->footer != NULL) {
		p->y -= s * 0.6;
		t = to_winansi(c->footer);
		para(p, t, MARGIN, w, s, 1, 1.3, 1, black);
		free(t);
	}
	page_end(p);
	return p->npages;
}

static void
pdf_reset(struct pdf *p)
{
	int i;

	for (i = 0; i < p->npages; i++)
		free(p->pages[i]);
	free(p->pages);
	free(p->plen);
	free(p->cur);
	memset(p, 0, sizeof(*p));
}

double
sheet_fit(const struct sheet_content *c, int *pages)
{
	struct pdf p;
	double s;

	memset(&p, 0, sizeof(p));
	for (s = 15; s >= 8.5; s -= 0.5) {
		pdf_reset(&p);
		if ((*pages = layout(&p, c, s)) == 1)
			break;
	}
	if (s < 8.5)
		s = 8.5;
	pdf_reset(&p);
	return s;
}

int
sheet_pdf_write(const struct sheet_content *c, const char *path,
    int *pages, char *err)
{
	struct pdf p;
	char *buf = NULL, *obj, *foot;
	size_t len = 0, *off = NULL;
	int i, nobj, rc;
	double s;

	s = sheet_fit(c, pages);
	memset(&p, 0, sizeof(p));
	p.emit = 1;
	layout(&p, c, s);
	*pages = p.npages;
	foot = to_winansi(c->page_footer);
	/* Objects: 1 catalog, 2 pages, 3 F1, 4 F2, then page+content. */
	nobj = 4 + 2 * p.npages;
	off = xcalloc(nobj + 1, sizeof(*off));
#define ADD(...) do { \
	obj = xasprintf(__VA_ARGS__); \
	buf = xreallocarray(buf, len + strlen(obj) + 1, 1); \
	memcpy(buf + len, obj, strlen(obj) + 1); \
	len += strlen(obj); free(obj); } while (0)
	ADD("%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	off[1] = len;
	ADD("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = len;
	ADD("2 0 obj << /Type /Pages /Count %d /Kids [", p.npages);
	for (i = 0; i < p.npages; i++)
		ADD(" %d 0 R", 5 + 2 * i);
	ADD(" ] /MediaBox [0 0 595 842] >> endobj\n");
	off[3] = len;
	ADD("3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >> endobj\n");
	off[4] = len;
	ADD("4 0 obj << /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica-Bold /Encoding /WinAnsiEncoding >> endobj\n");
	for (i = 0; i < p.npages; i++) {
		char *stream, *e, *q;
		size_t k;

		/* The page footer: the commune and the page number. */
		e = xmalloc(strlen(foot) * 2 + 1);
		for (q = e, k = 0; foot[k] != '\0'; k++) {
			if (strchr("()\\", foot[k]) != NULL)
				*q++ = '\\';
			*q++ = foot[k];
		}
		*q = '\0';
		stream = xasprintf("%sBT /F1 8 Tf 0.3 0.3 0.3 rg %.2f %.2f Td "
		    "(%s%s%d/%d) Tj ET\n", p.pages[i], MARGIN, MARGIN - 10, e,
		    *e ? " \x97 " : "", i + 1, p.npages);
		free(e);
		off[5 + 2 * i] = len;
		ADD("%d 0 obj << /Type /Page /Parent 2 0 R /Resources << "
		    "/Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >> "
		    "endobj\n", 5 + 2 * i, 6 + 2 * i);
		off[6 + 2 * i] = len;
		ADD("%d 0 obj << /Length %zu >> stream\n", 6 + 2 * i,
		    strlen(stream));
		buf = xreallocarray(buf, len + strlen(stream) + 1, 1);
		memcpy(buf + len, stream, strlen(stream) + 1);
		len += strlen(stream);
		ADD("\nendstream endobj\n");
		free(stream);
	}
	{
		size_t xref = len;
		ADD("xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
		for (i = 1; i <= nobj; i++)
			ADD("%010zu 00000 n \n", off[i]);
		ADD("trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n"
		    "%%%%EOF\n", nobj + 1, xref);
	}
#undef ADD
	rc = vg_write_file(path, buf, len, err);
	free(buf);
	free(off);
	free(foot);
	pdf_reset(&p);
	return rc;
}
