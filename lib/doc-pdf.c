/*
 * doc-pdf.c — the PDF writer of the document model: A4 pages laid out
 * with Pango (line breaking, French text, no-break spaces that hold,
 * kerning) and drawn with cairo's PDF surface, which embeds a subset of
 * the fonts (DejaVu Sans). Bar charts and radars are the SVG that the
 * HTML and ODT writers use, drawn by librsvg. Nothing of the PDF format
 * is written by hand.
 *
 * The three libraries are loaded with dlopen() when a PDF is first
 * written (like libcurl in scan/mail-mtasts.c), so the other commands do
 * not pay for them; a missing one is an error that names its Debian
 * package. The static build has no pango to link (Debian ships no .a):
 * there the writer says "PDF is not available in this build".
 *
 * Layout rules: a heading stays with what follows it; a run of fields
 * (the signature block) is never split and stays with its heading; a
 * table row is never split and the header row repeats on each page; a
 * chart is never split. The footer of each page is "title — page n / N".
 * vg_doc_set_fit() shrinks the type until the document fits N pages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "doc-int.h"

#if defined(VG_STATIC) || defined(VG_NO_PDF)

static int
pdf_render(const struct vg_doc *d, struct vg_buf *out, char *err)
{
	(void)d;
	(void)out;
	vg_seterr(err, "%s", _("PDF not available in this build (the static "
	    "build cannot link the Pango library): use --format html or "
	    "odt, or the ordinary vigie"));
	return -1;
}

#else

#include <dlfcn.h>
#include <pthread.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* librsvg's few functions, declared here (its header is not needed). */
typedef struct {
	double	x, y, width, height;
} pdf_rsvg_rect;
typedef void *(*rsvg_new_fn)(const unsigned char *, size_t, GError **);
typedef int (*rsvg_render_fn)(void *, cairo_t *, const pdf_rsvg_rect *,
    GError **);

#define PDF_SYMS(X)							\
	X(cairo_pdf_surface_create_for_stream)				\
	X(cairo_pdf_surface_set_metadata)				\
	X(cairo_surface_finish)						\
	X(cairo_surface_destroy)					\
	X(cairo_surface_status)						\
	X(cairo_create)							\
	X(cairo_destroy)						\
	X(cairo_show_page)						\
	X(cairo_move_to)						\
	X(cairo_line_to)						\
	X(cairo_close_path)						\
	X(cairo_new_path)						\
	X(cairo_rectangle)						\
	X(cairo_set_source_rgb)						\
	X(cairo_set_line_width)						\
	X(cairo_fill)							\
	X(cairo_stroke)							\
	X(cairo_save)							\
	X(cairo_restore)						\
	X(pango_cairo_create_layout)					\
	X(pango_cairo_show_layout)					\
	X(pango_layout_set_width)					\
	X(pango_layout_set_wrap)					\
	X(pango_layout_set_markup)					\
	X(pango_layout_set_font_description)				\
	X(pango_layout_get_size)					\
	X(pango_font_description_from_string)				\
	X(pango_font_description_set_absolute_size)			\
	X(pango_font_description_free)					\
	X(g_object_unref)						\
	X(g_error_free)

static struct {
#define PDF_FIELD(name) __typeof__(name) *name;
	PDF_SYMS(PDF_FIELD)
#undef PDF_FIELD
	rsvg_new_fn	 rsvg_handle_new_from_data;
	rsvg_render_fn	 rsvg_handle_render_document;
	int		 state;		/* 0 not tried, 1 loaded, -1 failed */
	char		 why[VG_ERRLEN];
} pc;
static pthread_mutex_t pc_mu = PTHREAD_MUTEX_INITIALIZER;

/* Loads the libraries once; 0, or -1 with err set (every later call too). */
static int
pdf_load(char *err)
{
	void *h, *r;

	pthread_mutex_lock(&pc_mu);
	if (pc.state == 0) {
		pc.state = -1;
		if ((h = dlopen("libpangocairo-1.0.so.0", RTLD_NOW |
		    RTLD_LOCAL)) == NULL)
			snprintf(pc.why, sizeof(pc.why), _("PDF needs the "
			    "Pango library (Debian package "
			    "libpangocairo-1.0-0): %s"), dlerror());
		else if ((r = dlopen("librsvg-2.so.2", RTLD_NOW |
		    RTLD_LOCAL)) == NULL)
			snprintf(pc.why, sizeof(pc.why), _("PDF needs the "
			    "librsvg library for its charts (Debian package "
			    "librsvg2-2): %s"), dlerror());
		else {
			pc.state = 1;
#define PDF_LOOK(name)							\
			if (pc.state == 1 && (*(void **)&pc.name =	\
			    dlsym(h, #name)) == NULL) {			\
				snprintf(pc.why, sizeof(pc.why),	\
				    "libpangocairo-1.0.so.0: %s", #name); \
				pc.state = -1;				\
			}
			PDF_SYMS(PDF_LOOK)
#undef PDF_LOOK
			*(void **)&pc.rsvg_handle_new_from_data = dlsym(r,
			    "rsvg_handle_new_from_data");
			*(void **)&pc.rsvg_handle_render_document = dlsym(r,
			    "rsvg_handle_render_document");
			if (pc.state == 1 && (pc.rsvg_handle_new_from_data ==
			    NULL || pc.rsvg_handle_render_document == NULL)) {
				snprintf(pc.why, sizeof(pc.why), "%s",
				    _("librsvg-2.so.2 is older than 2.46"));
				pc.state = -1;
			}
		}
	}
	pthread_mutex_unlock(&pc_mu);
	if (pc.state == 1)
		return 0;
	vg_seterr(err, "%s", pc.why);
	return -1;
}

/* ---- page geometry --------------------------------------------------- */

#define PAGE_W		595.28
#define PAGE_H		841.89
#define MARGIN_L	51.0	/* 18 mm, as the HTML's @page */
#define MARGIN_R	45.4	/* 16 mm */
#define MARGIN_T	45.4
#define MARGIN_B	51.0	/* the footer sits in it */
#define TEXT_W		(PAGE_W - MARGIN_L - MARGIN_R)
#define BOTTOM		(PAGE_H - MARGIN_B)
#define CELL_PAD	4.0
#define FONT		"DejaVu Sans"

struct pdf {
	const struct vg_doc *d;
	cairo_t		*cr;
	int		 draw;		/* 0: measure only */
	double		 size;		/* body type, points */
	double		 y;		/* from the top of the page */
	int		 page, npages;	/* 1-based; npages from pass 1 */
	int		 top;		/* nothing drawn on this page yet */
	int		 failed;
	char		*err;
};

static void
rgb(struct pdf *p, const char *hex)
{
	unsigned r = 0, g = 0, b = 0;

	if (sscanf(hex, "#%02x%02x%02x", &r, &g, &b) != 3)
		r = g = b = 0;
	pc.cairo_set_source_rgb(p->cr, r / 255.0, g / 255.0, b / 255.0);
}

/*
 * A layout of MARKUP (Pango markup, already escaped) at WIDTH points,
 * type SIZE times the body size, bold or not. Its height goes to *H.
 * The caller unrefs it.
 */
static PangoLayout *
pdf_layout(struct pdf *p, const char *markup, double width, double scale,
    int bold, double *h)
{
	PangoLayout *l = pc.pango_cairo_create_layout(p->cr);
	PangoFontDescription *f;
	char desc[64];
	int w, hh;

	snprintf(desc, sizeof(desc), FONT "%s", bold ? " Bold" : "");
	f = pc.pango_font_description_from_string(desc);
	pc.pango_font_description_set_absolute_size(f,
	    p->size * scale * PANGO_SCALE);
	pc.pango_layout_set_font_description(l, f);
	pc.pango_font_description_free(f);
	pc.pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pc.pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pc.pango_layout_set_markup(l, markup, -1);
	pc.pango_layout_get_size(l, &w, &hh);
	*h = (double)hh / PANGO_SCALE;
	return l;
}

static void
pdf_show(struct pdf *p, PangoLayout *l, double x, double y, const char *hex)
{
	if (!p->draw)
		return;
	rgb(p, hex);
	pc.cairo_move_to(p->cr, x, y);
	pc.pango_cairo_show_layout(p->cr, l);
}

/* Markup of STRONG (bold, may be NULL) then TEXT: owned by the caller. */
static char *
pdf_markup(const char *strong, const char *text)
{
	struct vg_buf b = { NULL, 0, 0 };

	if (strong != NULL) {
		vg_buf_puts(&b, "<b>");
		doc_xml(&b, strong);
		vg_buf_puts(&b, "</b>");
		if (text != NULL && *text != '\0')
			vg_buf_puts(&b, " ");
	}
	if (text != NULL)
		doc_xml(&b, text);
	if (b.p == NULL)
		vg_buf_puts(&b, "");
	return b.p;
}

/* The footer of the page, then a new page. */
static void
pdf_page_end(struct pdf *p)
{
	struct vg_buf b = { NULL, 0, 0 };
	PangoLayout *l;
	double h, save = p->size;

	if (p->draw) {
		if (*p->d->title != '\0') {
			doc_xml(&b, p->d->title);
			vg_buf_puts(&b, " \xe2\x80\x94 ");
		}
		vg_buf_printf(&b, "%s %d\xc2\xa0/\xc2\xa0%d",
		    doc_word(p->d, DOC_W_PAGE), p->page, p->npages);
		p->size = 8;
		l = pdf_layout(p, b.p, TEXT_W, 1, 0, &h);
		pdf_show(p, l, MARGIN_L, PAGE_H - MARGIN_B + 18, "#555555");
		pc.g_object_unref(l);
		p->size = save;
		free(b.p);
		pc.cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN_T;
	p->top = 1;
}

/* Room for H points below y, else a new page (not when already at the
 * top: what is taller than a page is drawn anyway). */
static void
pdf_need(struct pdf *p, double h)
{
	if (!p->top && p->y + h > BOTTOM)
		pdf_page_end(p);
}

/* ---- blocks ---------------------------------------------------------- */

/* Type scale and weight of a heading of LEVEL. */
static double
heading_scale(int level)
{
	return level == 1 ? 1.7 : level == 2 ? 1.35 : level == 3 ? 1.15 : 1;
}

static double
heading_height(struct pdf *p, const struct doc_node *n)
{
	PangoLayout *l;
	char *m = pdf_markup(NULL, n->text);
	double h;

	l = pdf_layout(p, m, TEXT_W, heading_scale(n->level), 1, &h);
	pc.g_object_unref(l);
	free(m);
	return h + p->size * (n->level <= 2 ? 1.0 : 0.7);
}

static void
heading_draw(struct pdf *p, const struct doc_node *n)
{
	PangoLayout *l;
	char *m = pdf_markup(NULL, n->text);
	double h, before = p->top ? 0 : p->size * (n->level <= 2 ? 0.7 :
	    0.45);

	p->y += before;
	l = pdf_layout(p, m, TEXT_W, heading_scale(n->level), 1, &h);
	pdf_show(p, l, MARGIN_L, p->y, n->level == 1 ? "#1f3550" : "#000000");
	pc.g_object_unref(l);
	free(m);
	p->y += h + p->size * 0.3;
	p->top = 0;
}

/* A paragraph: its height (DRAW 0) or drawn at y. */
static double
para_block(struct pdf *p, const struct doc_node *n, int draw)
{
	double scale = n->style == VG_DS_LEAD ? 1.15 : n->style ==
	    VG_DS_NOTE ? 0.85 : n->style == VG_DS_WARNING ? 1.2 : 1,
	    pad = n->style == VG_DS_WARNING ? 6 : 0;
	double h, total;
	char *m = pdf_markup(n->strong, n->text);
	PangoLayout *l;

	l = pdf_layout(p, m, TEXT_W - 2 * pad - (pad > 0 ? 4 : 0), scale,
	    n->style == VG_DS_STRONG || n->style == VG_DS_WARNING, &h);
	total = h + 2 * pad + p->size * 0.5;
	if (draw) {
		pdf_need(p, total);
		if (pad > 0 && p->draw) {
			rgb(p, "#fde2cc");
			pc.cairo_rectangle(p->cr, MARGIN_L, p->y, TEXT_W,
			    h + 2 * pad);
			pc.cairo_fill(p->cr);
			rgb(p, "#c62828");
			pc.cairo_rectangle(p->cr, MARGIN_L, p->y, 4,
			    h + 2 * pad);
			pc.cairo_fill(p->cr);
		}
		pdf_show(p, l, MARGIN_L + pad + (pad > 0 ? 4 : 0), p->y + pad,
		    n->style == VG_DS_NOTE ? "#555555" : n->style ==
		    VG_DS_WARNING ? "#8e1b1b" : "#000000");
		p->y += total;
		p->top = 0;
	}
	pc.g_object_unref(l);
	free(m);
	return total;
}

/* A field "Label : value", or the label and a line to write on. */
static double
field_block(struct pdf *p, const struct doc_node *n, int draw)
{
	struct vg_buf b = { NULL, 0, 0 };
	PangoLayout *l;
	double h, total;

	vg_buf_puts(&b, "<b>");
	doc_xml(&b, n->strong);
	vg_buf_puts(&b, doc_word(p->d, DOC_W_COLON));
	vg_buf_puts(&b, "</b>");
	if (n->text != NULL) {
		vg_buf_puts(&b, " ");
		doc_xml(&b, n->text);
	}
	l = pdf_layout(p, b.p, TEXT_W, 1, 0, &h);
	total = n->text != NULL ? h + p->size * 0.3 : h + p->size * 1.6;
	if (draw) {
		pdf_need(p, total);
		pdf_show(p, l, MARGIN_L, p->y, "#000000");
		if (n->text == NULL && p->draw) {
			/* The line to write on, under the label. */
			rgb(p, "#777777");
			pc.cairo_set_line_width(p->cr, 0.5);
			pc.cairo_move_to(p->cr, MARGIN_L, p->y + h +
			    p->size * 1.1);
			pc.cairo_line_to(p->cr, MARGIN_L + TEXT_W * 0.75,
			    p->y + h + p->size * 1.1);
			pc.cairo_stroke(p->cr);
		}
		p->y += total;
		p->top = 0;
	}
	pc.g_object_unref(l);
	free(b.p);
	return total;
}

/* An item: its marker (•, "3.", ☐) in the margin of its level. */
static double
item_block(struct pdf *p, const struct doc_node *n, int number, int draw)
{
	double indent = p->size * 1.8 * n->level, h, hm;
	char *m = pdf_markup(n->strong, n->text), mark[32];
	PangoLayout *l, *lm;

	if (n->list == VG_DL_ORDERED)
		snprintf(mark, sizeof(mark), "%d.", number);
	else
		snprintf(mark, sizeof(mark), "%s", n->list == VG_DL_CHECK ?
		    "\xe2\x98\x90" : "\xe2\x80\xa2");
	l = pdf_layout(p, m, TEXT_W - indent, 1, 0, &h);
	if (draw) {
		pdf_need(p, h + p->size * 0.3);
		lm = pdf_layout(p, mark, p->size * 1.7, 1,
		    n->list == VG_DL_ORDERED, &hm);
		pdf_show(p, lm, MARGIN_L + indent - p->size * 1.6, p->y,
		    "#000000");
		pc.g_object_unref(lm);
		pdf_show(p, l, MARGIN_L + indent, p->y, "#000000");
		p->y += h + p->size * 0.3;
		p->top = 0;
	}
	pc.g_object_unref(l);
	free(m);
	return h + p->size * 0.3;
}

/* ---- tables ---------------------------------------------------------- */

struct pdf_table {
	const struct doc_node *head;	/* the TABLE_BEGIN node */
	double	*x, *w;			/* columns */
};

/* Row CELLS: its height; drawn at y when DRAW (header: HEADER set). */
static double
row_block(struct pdf *p, const struct pdf_table *t, char *const *cells,
    enum vg_doc_tone tone, int header, int draw)
{
	int c, nc = t->head->ncols;
	PangoLayout **l = xcalloc(nc, sizeof(*l));
	double hmax = 0, h;

	for (c = 0; c < nc; c++) {
		char *m = pdf_markup(NULL, cells[c]);

		l[c] = pdf_layout(p, m, t->w[c] - 2 * CELL_PAD, 0.92, header,
		    &h);
		if (h > hmax)
			hmax = h;
		free(m);
	}
	hmax += 2 * CELL_PAD;
	if (draw && p->draw) {
		for (c = 0; c < nc; c++) {
			if (header || (c == 0 && tone != VG_DT_NONE)) {
				rgb(p, header ? "#e8ecf2" :
				    doc_tone_tint(tone));
				pc.cairo_rectangle(p->cr, t->x[c], p->y,
				    t->w[c], hmax);
				pc.cairo_fill(p->cr);
			}
			if (c == 0 && !header && tone != VG_DT_NONE) {
				rgb(p, doc_tone_fill(tone));
				pc.cairo_rectangle(p->cr, t->x[c], p->y, 4,
				    hmax);
				pc.cairo_fill(p->cr);
			}
			rgb(p, "#8a94a6");
			pc.cairo_set_line_width(p->cr, 0.5);
			pc.cairo_rectangle(p->cr, t->x[c], p->y, t->w[c],
			    hmax);
			pc.cairo_stroke(p->cr);
			pdf_show(p, l[c], t->x[c] + CELL_PAD + (c == 0 &&
			    tone != VG_DT_NONE && !header ? 3 : 0),
			    p->y + CELL_PAD, "#000000");
		}
	}
	for (c = 0; c < nc; c++)
		pc.g_object_unref(l[c]);
	free(l);
	return hmax;
}

static void
table_setup(struct pdf *p, size_t i, struct pdf_table *t)
{
	const struct doc_node *n = &p->d->nodes[i];
	double *frac = xcalloc(n->ncols, sizeof(double)), x = MARGIN_L;
	double avail = TEXT_W - n->ncols * 2 * CELL_PAD;
	int c;

	/* DejaVu Sans: about 0.62 em a character (bold headers included)
	 * at 0.92 of the body size; the padding comes on top. */
	doc_table_widths(p->d, i, avail / (p->size * 0.92 * 0.62), frac);
	t->head = n;
	t->x = xcalloc(n->ncols, sizeof(double));
	t->w = xcalloc(n->ncols, sizeof(double));
	for (c = 0; c < n->ncols; c++) {
		t->x[c] = x;
		t->w[c] = avail * frac[c] + 2 * CELL_PAD;
		x += t->w[c];
	}
	free(frac);
}

static void
table_free(struct pdf_table *t)
{
	free(t->x);
	free(t->w);
}

/* Table from node I to its end; returns the index of TABLE_END. */
static size_t
table_draw(struct pdf *p, size_t i)
{
	const struct vg_doc *d = p->d;
	struct pdf_table t;
	double hh = 0, h;
	size_t j;

	table_setup(p, i, &t);
	if (t.head->cells != NULL)
		hh = row_block(p, &t, t.head->cells, VG_DT_NONE, 1, 0);
	p->y += p->top ? 0 : p->size * 0.2;
	for (j = i + 1; j < d->nnodes && d->nodes[j].kind == DOC_ROW; j++) {
		h = row_block(p, &t, d->nodes[j].cells, d->nodes[j].tone, 0,
		    0);
		/* The header repeats at the top of each page. */
		if (j == i + 1 || (!p->top && p->y + h > BOTTOM)) {
			pdf_need(p, hh + h);
			if (t.head->cells != NULL) {
				row_block(p, &t, t.head->cells, VG_DT_NONE, 1,
				    1);
				p->y += hh;
			}
		}
		row_block(p, &t, d->nodes[j].cells, d->nodes[j].tone, 0, 1);
		p->y += h;
		p->top = 0;
	}
	if (j == i + 1 && t.head->cells != NULL) {	/* no rows */
		pdf_need(p, hh);
		row_block(p, &t, t.head->cells, VG_DT_NONE, 1, 1);
		p->y += hh;
	}
	p->y += p->size * 0.8;
	p->top = 0;
	table_free(&t);
	return j;
}

/* Height of the table's header and first row (kept with a heading). */
static double
table_start_height(struct pdf *p, size_t i)
{
	struct pdf_table t;
	double h = 0;

	table_setup(p, i, &t);
	if (t.head->cells != NULL)
		h += row_block(p, &t, t.head->cells, VG_DT_NONE, 1, 0);
	if (i + 1 < p->d->nnodes && p->d->nodes[i + 1].kind == DOC_ROW)
		h += row_block(p, &t, p->d->nodes[i + 1].cells, VG_DT_NONE, 0,
		    0);
	table_free(&t);
	return h;
}

/* ---- charts ---------------------------------------------------------- */

/* A chart (SVG of node N, drawn by librsvg) and its caption. */
static double
chart_block(struct pdf *p, const struct doc_node *n, int draw)
{
	struct vg_buf svg = { NULL, 0, 0 };
	double w = 0, h = 0, dw, dh, ch = 0;
	PangoLayout *l = NULL;
	char *m = NULL;
	GError *ge = NULL;
	void *hd;
	pdf_rsvg_rect r;

	if (n->kind == DOC_RADAR)
		doc_svg_radar(p->d, n, 1, &svg, &w, &h);
	else
		doc_svg_bars(p->d, n, 1, &svg, &w, &h);
	/* SVG user units are CSS pixels: 0.75 pt. */
	dw = w * 0.75 * (p->size / 10.5);
	if (dw > TEXT_W * (n->kind == DOC_RADAR ? 0.7 : 1))
		dw = TEXT_W * (n->kind == DOC_RADAR ? 0.7 : 1);
	dh = w > 0 ? h * dw / w : 0;
	if (n->text != NULL) {
		m = pdf_markup(NULL, n->text);
		l = pdf_layout(p, m, TEXT_W, 0.85, 0, &ch);
	}
	if (draw) {
		pdf_need(p, dh + ch + p->size);
		if (p->draw) {
			double x0 = MARGIN_L + (TEXT_W - dw) / 2;

			hd = pc.rsvg_handle_new_from_data(
			    (const unsigned char *)svg.p, svg.len, &ge);
			r.x = x0;
			r.y = p->y;
			r.width = dw;
			r.height = dh;
			if (hd == NULL || !pc.rsvg_handle_render_document(hd,
			    p->cr, &r, &ge)) {
				vg_seterr(p->err, _("the chart cannot be "
				    "drawn: %s"), ge != NULL ? ge->message :
				    "librsvg");
				p->failed = 1;
			}
			if (ge != NULL)
				pc.g_error_free(ge);
			if (hd != NULL)
				pc.g_object_unref(hd);
		}
		p->y += dh + p->size * 0.3;
		if (l != NULL) {
			pdf_show(p, l, MARGIN_L, p->y, "#555555");
			p->y += ch;
		}
		p->y += p->size * 0.7;
		p->top = 0;
	}
	if (l != NULL)
		pc.g_object_unref(l);
	free(m);
	free(svg.p);
	return dh + ch + p->size;
}

/* ---- the document ---------------------------------------------------- */

/* Height of the block that starts at node I, for keeping a heading with
 * it: a run of fields whole, a table's header and first row, else the
 * node itself. */
static double
next_height(struct pdf *p, size_t i)
{
	const struct vg_doc *d = p->d;
	double h = 0;

	if (i >= d->nnodes)
		return 0;
	switch (d->nodes[i].kind) {
	case DOC_HEADING:
		return heading_height(p, &d->nodes[i]) + next_height(p, i + 1);
	case DOC_PARA:
		return para_block(p, &d->nodes[i], 0);
	case DOC_FIELD:
		for (; i < d->nnodes && d->nodes[i].kind == DOC_FIELD; i++)
			h += field_block(p, &d->nodes[i], 0);
		return h;
	case DOC_LIST_BEGIN:
		return i + 1 < d->nnodes && d->nodes[i + 1].kind == DOC_ITEM ?
		    item_block(p, &d->nodes[i + 1], 1, 0) : 0;
	case DOC_TABLE_BEGIN:
		return table_start_height(p, i);
	case DOC_BARS:
	case DOC_RADAR:
		return chart_block(p, &d->nodes[i], 0);
	default:
		return 0;
	}
}

/* Lays out (and when p->draw, draws) every page; the page count. */
static int
pdf_pass(struct pdf *p)
{
	const struct vg_doc *d = p->d;
	int numbers[DOC_MAXDEPTH + 1];
	size_t i, j;
	double h;

	memset(numbers, 0, sizeof(numbers));
	p->page = 1;
	p->y = MARGIN_T;
	p->top = 1;
	for (i = 0; i < d->nnodes && !p->failed; i++) {
		const struct doc_node *n = &d->nodes[i];

		switch (n->kind) {
		case DOC_HEADING:
			pdf_need(p, heading_height(p, n) + next_height(p,
			    i + 1));
			heading_draw(p, n);
			break;
		case DOC_PARA:
			para_block(p, n, 1);
			break;
		case DOC_FIELD:
			if (i == 0 || d->nodes[i - 1].kind != DOC_FIELD) {
				/* A run of fields is one block. */
				for (h = 0, j = i; j < d->nnodes &&
				    d->nodes[j].kind == DOC_FIELD; j++)
					h += field_block(p, &d->nodes[j], 0);
				pdf_need(p, h);
			}
			field_block(p, n, 1);
			break;
		case DOC_LIST_BEGIN:
			if (n->level <= DOC_MAXDEPTH)
				numbers[n->level] = 0;
			break;
		case DOC_ITEM:
			item_block(p, n, n->level <= DOC_MAXDEPTH ?
			    ++numbers[n->level] : 1, 1);
			break;
		case DOC_LIST_END:
			if (n->level == 1)
				p->y += p->size * 0.4;
			break;
		case DOC_TABLE_BEGIN:
			i = table_draw(p, i);
			break;
		case DOC_BARS:
		case DOC_RADAR:
			chart_block(p, n, 1);
			break;
		case DOC_PAGEBREAK:
			if (!p->top)
				pdf_page_end(p);
			break;
		case DOC_ROW:
		case DOC_TABLE_END:
			break;
		}
	}
	if (p->draw)
		pdf_page_end(p);
	return p->page;
}

static cairo_status_t
pdf_sink(void *closure, const unsigned char *data, unsigned int len)
{
	vg_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Body sizes tried, largest first, when the document must fit pages. */
static const double pdf_sizes[] = {
	14.5, 14, 13.5, 13, 12.5, 12, 11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5,
};

static int
pdf_render(const struct vg_doc *d, struct vg_buf *out, char *err)
{
	cairo_surface_t *sf;
	struct pdf p;
	size_t k;
	int rc = -1;

	if (pdf_load(err) == -1)
		return -1;
	sf = pc.cairo_pdf_surface_create_for_stream(pdf_sink, out, PAGE_W,
	    PAGE_H);
	pc.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
	    d->title);
	pc.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "vigie " VG_VERSION);
	memset(&p, 0, sizeof(p));
	p.d = d;
	p.err = err;
	p.cr = pc.cairo_create(sf);
	/* Large type is 14 pt; a document to fit (the sheet pinned by the
	 * computers) starts at 15 and shrinks only as needed. */
	p.size = d->large ? (d->fit_pages > 0 ? 15 : 14) : 10.5;
	/* Pass 1 counts the pages (and finds the size that fits). */
	p.npages = pdf_pass(&p);
	if (d->fit_pages > 0) {
		for (k = 0; k < sizeof(pdf_sizes) / sizeof(pdf_sizes[0]) &&
		    p.npages > d->fit_pages; k++) {
			if (pdf_sizes[k] >= p.size)
				continue;
			p.size = pdf_sizes[k];
			p.npages = pdf_pass(&p);
		}
	}
	p.draw = 1;
	pdf_pass(&p);
	doc_set_result(d, p.npages, p.size);
	pc.cairo_destroy(p.cr);
	pc.cairo_surface_finish(sf);
	if (p.failed)
		goto out;
	if (pc.cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		vg_seterr(err, _("the PDF cannot be written (cairo status "
		    "%d)"), (int)pc.cairo_surface_status(sf));
		goto out;
	}
	rc = 0;
out:
	pc.cairo_surface_destroy(sf);
	return rc;
}

#endif

const struct doc_writer doc_pdf_writer = {
	"pdf", 0, pdf_render,
};
