/*
 * doc.c — the document model behind doc.h: a flat list of nodes (heading,
 * paragraph, field, list begin/item/end, table begin/row/end, bar chart,
 * page break) that owns a cleaned copy of every string, the registry of
 * writers (lib/doc-html.c, doc-odt.c, doc-md.c, doc-pdf.c) and
 * vg_doc_write(), which
 * renders into memory and then writes the file atomically with mode 0600.
 * Also the small helpers the writers share (buffer, escaping, numbers).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "doc-int.h"

static const struct doc_writer *const doc_writers[] = {
	&doc_html_writer,
	&doc_odt_writer,
	&doc_md_writer,
	&doc_pdf_writer,
};
#define NWRITERS (sizeof(doc_writers) / sizeof(doc_writers[0]))

/* ---- byte buffer ---------------------------------------------------- */

/* Escaping and numbers on a struct vg_buf: see doc-int.h. */
void
doc_xml(struct vg_buf *b, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *ent;

		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		default: continue;
		}
		vg_buf_add(b, run, s - run);
		vg_buf_puts(b, ent);
		run = s + 1;
	}
	vg_buf_add(b, run, s - run);
}

/* X rounded to two decimals with SEP, trailing zeros dropped. */
static void
fmt_number(double x, const char *sep, char *out, size_t size)
{
	long long v, ip;
	int fp;
	const char *sign = "";

	if (!isfinite(x))
		x = 0;
	v = llround(x * 100);
	if (v < 0) {
		sign = "-";
		v = -v;
	}
	ip = v / 100;
	fp = (int)(v % 100);
	if (fp == 0)
		snprintf(out, size, "%s%lld", sign, ip);
	else if (fp % 10 == 0)
		snprintf(out, size, "%s%lld%s%d", sign, ip, sep, fp / 10);
	else
		snprintf(out, size, "%s%lld%s%02d", sign, ip, sep, fp);
}

void
doc_num(struct vg_buf *b, double x)
{
	char s[64];

	fmt_number(x, ".", s, sizeof(s));
	vg_buf_puts(b, s);
}

const char *
doc_numstr(double x, char *out)
{
	fmt_number(x, ".", out, 32);
	return out;
}

void
doc_value(const struct vg_doc *d, double x, char *out)
{
	fmt_number(x, d->fr ? "," : ".", out, 32);
}

/* ---- words ----------------------------------------------------------- */

static const char *const doc_words[][2] = {
	/* French, English */
	[DOC_W_COLON] = { "\xc2\xa0:", ":" },
	[DOC_W_PAGE] = { "page", "page" },
	[DOC_W_NOW] = { "aujourd\xe2\x80\x99hui", "now" },
	[DOC_W_PREVIOUS] = { "la derni\xc3\xa8re fois", "last time" },
	[DOC_W_PREVIOUS_HEAD] = { "La derni\xc3\xa8re fois", "Last time" },
	[DOC_W_NOT_EVALUATED] = { "non \xc3\xa9valu\xc3\xa9", "not evaluated" },
	[DOC_W_VALUE] = { "Valeur", "Value" },
	[DOC_W_CHART] = { "Graphique", "Chart" },
};

/* The writers' own words follow the document's language, not the
 * interface's: a French report printed from an English session. */
const char *
doc_word(const struct vg_doc *d, enum doc_word w)
{
	return doc_words[w][d->fr ? 0 : 1];
}

const char *
doc_bar_value(const struct vg_doc *d, const struct doc_node *n,
    const struct doc_bar *b, char *out)
{
	char v[32], m[32];

	if (b->text != NULL && *b->text != '\0')
		return b->text;
	if (b->value < 0)
		return doc_word(d, DOC_W_NOT_EVALUATED);
	doc_value(d, b->value, v);
	doc_value(d, n->max, m);
	snprintf(out, 64, "%s/%s", v, m);
	return out;
}

void
doc_bar_delta(const struct vg_doc *d, const struct doc_bar *b, char *out)
{
	double delta;
	char v[32];

	out[0] = '\0';
	if (b->previous < 0 || b->value < 0)
		return;
	delta = b->value - b->previous;
	if (fabs(delta) < 0.005) {
		snprintf(out, 64, "=");
		return;
	}
	doc_value(d, fabs(delta), v);
	/* U+2212 MINUS SIGN reads better than a hyphen. */
	snprintf(out, 64, "%s%s", delta > 0 ? "+" : "\xe2\x88\x92", v);
}

/* ---- text cleaning --------------------------------------------------- */

/*
 * A copy of S fit for every writer: valid UTF-8 (invalid bytes become
 * U+FFFD), CR LF and lone CR as LF, no control characters other than tab
 * and LF (XML 1.0 forbids them), no U+FFFE/U+FFFF, no blanks at either
 * end. NULL stays NULL.
 * Owned by the caller.
 */
static char *
doc_clean(const char *s)
{
	unsigned char *t, *r, *w;

	if (s == NULL)
		return NULL;
	if (vg_utf8_valid(s, strlen(s)))
		t = (unsigned char *)xstrdup(s);
	else
		t = (unsigned char *)vg_utf8_clean(s, strlen(s));
	for (r = w = t; *r != '\0'; r++) {
		if (*r == '\r') {
			if (r[1] != '\n')
				*w++ = '\n';
			continue;
		}
		if ((*r < 0x20 && *r != '\t' && *r != '\n') || *r == 0x7f)
			continue;
		/* C1 controls U+0080..U+009F: C2 80..C2 9F. */
		if (r[0] == 0xc2 && r[1] >= 0x80 && r[1] <= 0x9f) {
			r++;
			continue;
		}
		/* Noncharacters U+FFFE, U+FFFF: EF BF BE/BF -> U+FFFD. */
		if (r[0] == 0xef && r[1] == 0xbf && (r[2] == 0xbe ||
		    r[2] == 0xbf)) {
			*w++ = 0xef;
			*w++ = 0xbf;
			*w++ = 0xbd;
			r += 2;
			continue;
		}
		*w++ = *r;
	}
	/* Blanks around a text mean nothing and would break Markdown
	 * emphasis: drop them. */
	while (w > t && (w[-1] == ' ' || w[-1] == '\t' || w[-1] == '\n'))
		w--;
	*w = '\0';
	for (r = t; *r == ' ' || *r == '\t' || *r == '\n'; r++)
		;
	if (r > t)
		memmove(t, r, w - r + 1);
	return (char *)t;
}

/* Like doc_clean() but NULL when nothing is left. */
static char *
doc_clean_opt(const char *s)
{
	char *t = doc_clean(s);

	if (t != NULL && *t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

/* Like doc_clean() but never NULL. */
static char *
doc_clean0(const char *s)
{
	return doc_clean(s != NULL ? s : "");
}

/* ---- the model ------------------------------------------------------- */

/* A new document owned by the caller (vg_doc_free). TITLE and LANG are
 * copied; LANG "fr..." makes the writers' own words French. */
struct vg_doc *
vg_doc_new(const char *title, const char *lang)
{
	struct vg_doc *d;

	d = xcalloc(1, sizeof(*d));
	d->title = doc_clean0(title);
	d->lang = doc_clean0(lang != NULL && *lang != '\0' ? lang : "fr");
	d->fr = strncasecmp(d->lang, "fr", 2) == 0;
	return d;
}

/* Frees D and every string it holds. NULL is fine. */
void
vg_doc_free(struct vg_doc *d)
{
	size_t i;
	int j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nnodes; i++) {
		struct doc_node *n = &d->nodes[i];

		free(n->strong);
		free(n->text);
		if (n->cells != NULL) {
			for (j = 0; j < n->ncols; j++)
				free(n->cells[j]);
			free(n->cells);
		}
		for (j = 0; j < n->nbars; j++) {
			free(n->bars[j].label);
			free(n->bars[j].text);
		}
		free(n->bars);
	}
	free(d->nodes);
	free(d->title);
	free(d->lang);
	free(d);
}

/* A zeroed node at the end of D; the pointer lasts until the next push. */
static struct doc_node *
doc_push(struct vg_doc *d, enum doc_kind kind)
{
	struct doc_node *n;

	if (d->nnodes == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->nodes = xreallocarray(d->nodes, d->cap, sizeof(*d->nodes));
	}
	n = &d->nodes[d->nnodes++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

/* Ends every open list, innermost first. */
static void
doc_close_lists(struct vg_doc *d)
{
	while (d->depth > 0)
		vg_doc_list_end(d);
}

/* Ends the open lists and the open table. */
static void
doc_close_all(struct vg_doc *d)
{
	doc_close_lists(d);
	if (d->table_cols > 0)
		vg_doc_table_end(d);
}

/* Sets the whole document in larger type. */
void
vg_doc_set_large(struct vg_doc *d, int on)
{
	d->large = on != 0;
}

/* A heading of LEVEL 1 (title of a part) to 6; others are clamped.
 * TEXT is copied. */
void
vg_doc_heading(struct vg_doc *d, int level, const char *text)
{
	struct doc_node *n;

	doc_close_all(d);
	n = doc_push(d, DOC_HEADING);
	n->level = level < 1 ? 1 : level > 6 ? 6 : level;
	n->text = doc_clean0(text);
}

/* A paragraph in STYLE opening with STRONG (may be NULL) in bold, then
 * TEXT (may be NULL). Both copied. */
void
vg_doc_para_strong(struct vg_doc *d, enum vg_doc_style style,
    const char *strong, const char *text)
{
	struct doc_node *n;

	doc_close_all(d);
	n = doc_push(d, DOC_PARA);
	n->style = style;
	n->strong = doc_clean_opt(strong);
	n->text = doc_clean0(text);
}

/* A paragraph of TEXT (copied) in STYLE. */
void
vg_doc_para(struct vg_doc *d, enum vg_doc_style style, const char *text)
{
	vg_doc_para_strong(d, style, NULL, text);
}

/* A paragraph formatted like printf; the result is copied and cleaned. */
void
vg_doc_paraf(struct vg_doc *d, enum vg_doc_style style, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	vg_doc_para(d, style, s);
	free(s);
}

/* A "LABEL: VALUE" line; both copied; VALUE NULL or "": a blank. */
void
vg_doc_field(struct vg_doc *d, const char *label, const char *value)
{
	struct doc_node *n;

	doc_close_all(d);
	n = doc_push(d, DOC_FIELD);
	n->strong = doc_clean0(label);
	n->text = doc_clean_opt(value);
}

/* Opens a list of KIND, nested under the last item if a list is open. */
void
vg_doc_list_begin(struct vg_doc *d, enum vg_doc_list kind)
{
	struct doc_node *n;

	if (d->table_cols > 0)
		vg_doc_table_end(d);
	if (d->depth > 0 && d->items[d->depth - 1] == 0)
		fatal("vg_doc_list_begin: a nested list needs an item to "
		    "hang from");
	if (d->depth == DOC_MAXDEPTH)
		fatal("vg_doc_list_begin: lists nested deeper than %d",
		    DOC_MAXDEPTH);
	d->kinds[d->depth] = kind;
	d->items[d->depth] = 0;
	d->depth++;
	n = doc_push(d, DOC_LIST_BEGIN);
	n->list = kind;
	n->level = d->depth;
}

/* An item of the innermost open list: STRONG (may be NULL) in bold, then
 * TEXT (may be NULL). Both copied. */
void
vg_doc_item_strong(struct vg_doc *d, const char *strong, const char *text)
{
	struct doc_node *n;

	if (d->depth == 0)
		fatal("vg_doc_item: no list is open");
	n = doc_push(d, DOC_ITEM);
	n->list = d->kinds[d->depth - 1];
	n->level = d->depth;
	n->strong = doc_clean_opt(strong);
	n->text = doc_clean0(text);
	d->items[d->depth - 1]++;
}

/* An item of TEXT (copied). */
void
vg_doc_item(struct vg_doc *d, const char *text)
{
	vg_doc_item_strong(d, NULL, text);
}

/* Closes the innermost open list. */
void
vg_doc_list_end(struct vg_doc *d)
{
	struct doc_node *n;

	if (d->depth == 0)
		fatal("vg_doc_list_end: no list is open");
	n = doc_push(d, DOC_LIST_END);
	n->list = d->kinds[d->depth - 1];
	n->level = d->depth;
	d->depth--;
}

/* NCOLS cleaned copies of CELLS (a NULL cell becomes ""). */
static char **
doc_copy_cells(int ncols, const char *const *cells)
{
	char **c;
	int i;

	c = xcalloc(ncols, sizeof(*c));
	for (i = 0; i < ncols; i++)
		c[i] = doc_clean0(cells[i]);
	return c;
}

/* Opens a table of NCOLS (1..64) columns; HEADERS (NCOLS strings, copied)
 * may be NULL. */
void
vg_doc_table_begin(struct vg_doc *d, int ncols, const char *const *headers)
{
	struct doc_node *n;

	if (ncols < 1 || ncols > 64)
		fatal("vg_doc_table_begin: %d columns", ncols);
	doc_close_all(d);
	n = doc_push(d, DOC_TABLE_BEGIN);
	n->ncols = ncols;
	n->index = ++d->ntables;
	if (headers != NULL)
		n->cells = doc_copy_cells(ncols, headers);
	d->table_cols = ncols;
}

/* A row of the open table: as many CELLS (copied) as it has columns. */
void
vg_doc_row(struct vg_doc *d, const char *const *cells, enum vg_doc_tone tone)
{
	struct doc_node *n;

	if (d->table_cols == 0)
		fatal("vg_doc_row: no table is open");
	if (cells == NULL)
		fatal("vg_doc_row: no cells");
	n = doc_push(d, DOC_ROW);
	n->ncols = d->table_cols;
	n->cells = doc_copy_cells(n->ncols, cells);
	n->tone = tone;
}

/* Closes the open table. */
void
vg_doc_table_end(struct vg_doc *d)
{
	if (d->table_cols == 0)
		fatal("vg_doc_table_end: no table is open");
	doc_push(d, DOC_TABLE_END);
	d->table_cols = 0;
}

/* A chart node of KIND: the N BARS (copied, labels and texts included)
 * from 0 to MAX (not positive: the largest value, at least 1) and a
 * CAPTION (copied, may be NULL). Values that are NaN count as not
 * evaluated. */
static void
doc_chart(struct vg_doc *d, enum doc_kind kind, const struct vg_doc_bar *bars,
    int nbars, double max, const char *caption)
{
	struct doc_node *n;
	int i;

	if (nbars < 0 || (nbars > 0 && bars == NULL))
		fatal("vg_doc_bars: %d bars", nbars);
	doc_close_all(d);
	n = doc_push(d, kind);
	n->index = ++d->ncharts;
	n->text = doc_clean_opt(caption);
	n->nbars = nbars;
	n->bars = xcalloc(nbars > 0 ? nbars : 1, sizeof(*n->bars));
	if (!(max > 0) || !isfinite(max)) {
		max = 1;
		for (i = 0; i < nbars; i++)
			if (isfinite(bars[i].value) && bars[i].value > max)
				max = bars[i].value;
	}
	n->max = max;
	for (i = 0; i < nbars; i++) {
		struct doc_bar *b = &n->bars[i];

		b->label = doc_clean0(bars[i].label);
		b->text = doc_clean_opt(bars[i].text);
		b->value = isnan(bars[i].value) ? -1 : bars[i].value;
		b->previous = isnan(bars[i].previous) ? -1 :
		    bars[i].previous;
		b->tone = bars[i].tone;
	}
}

/* A bar chart: see doc_chart(). */
void
vg_doc_bars(struct vg_doc *d, const struct vg_doc_bar *bars, int nbars,
    double max, const char *caption)
{
	doc_chart(d, DOC_BARS, bars, nbars, max, caption);
}

/* A radar of the same data: see doc_chart(). */
void
vg_doc_radar(struct vg_doc *d, const struct vg_doc_bar *bars, int nbars,
    double max, const char *caption)
{
	doc_chart(d, DOC_RADAR, bars, nbars, max, caption);
}

/* Starts a new page: the next node begins at the top of a page. */
void
vg_doc_pagebreak(struct vg_doc *d)
{
	doc_close_all(d);
	doc_push(d, DOC_PAGEBREAK);
}

/* ---- writing --------------------------------------------------------- */

/* The writer named FORMAT (any case), or NULL. */
static const struct doc_writer *
doc_writer_find(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; i < NWRITERS; i++)
		if (strcasecmp(doc_writers[i]->name, format) == 0)
			return doc_writers[i];
	return NULL;
}

/* See doc.h. */
int
vg_doc_format_known(const char *format)
{
	return doc_writer_find(format) != NULL;
}

/* Static string, see doc.h. */
const char *
vg_doc_formats(void)
{
	return "html, odt, pdf, md";
}

/*
 * Renders D in FORMAT in memory, then writes it to PATH atomically with
 * mode 0600 (vg_write_file), or to stdout for "-". Closes the lists and
 * the table still open. Returns 0, or -1 with err set and no file left.
 */
int
vg_doc_write(struct vg_doc *d, const char *format, const char *path,
    char *err)
{
	const struct doc_writer *w;
	struct vg_buf out = { NULL, 0, 0 };
	int rc = -1;

	if ((w = doc_writer_find(format)) == NULL) {
		vg_seterr(err, _("unknown document format \"%s\" (known: %s)"),
		    format != NULL ? format : "", vg_doc_formats());
		return -1;
	}
	if (path == NULL || *path == '\0') {
		vg_seterr(err, _("no output file given for the %s document"),
		    w->name);
		return -1;
	}
	if (strcmp(path, "-") == 0 && !w->to_stdout) {
		vg_seterr(err, _("a %s document cannot be written to standard "
		    "output: give a file name (-o report.%s)"), w->name,
		    w->name);
		return -1;
	}
	doc_close_all(d);
	d->pages = 0;
	d->type_size = 0;
	if (w->render(d, &out, err) == -1)
		goto out;
	if (strcmp(path, "-") == 0) {
		if (vg_write_all(STDOUT_FILENO, out.p, out.len) == -1) {
			vg_seterr(err, _("standard output: %s"),
			    strerror(errno));
			goto out;
		}
	} else if (vg_write_file(path, out.p != NULL ? out.p : "", out.len,
	    err) == -1)
		goto out;
	rc = 0;
out:
	free(out.p);
	return rc;
}

/* Results of the PDF writer; see doc.h. */
void
vg_doc_set_fit(struct vg_doc *d, int pages)
{
	d->fit_pages = pages > 0 ? pages : 0;
}

int
vg_doc_pages(const struct vg_doc *d)
{
	return d->pages;
}

double
vg_doc_type_size(const struct vg_doc *d)
{
	return d->type_size;
}

/* See doc-int.h: the two result fields are written through a writer's
 * const pointer, the document's content is not. */
void
doc_set_result(const struct vg_doc *d, int pages, double size)
{
	struct vg_doc *w = (struct vg_doc *)(uintptr_t)d;

	w->pages = pages;
	w->type_size = size;
}

/* ---- table columns --------------------------------------------------- */

/* Code points of the longest word of S (words end at blanks and line
 * breaks; a no-break space joins) into *WORD; the longest line's into
 * *LINE. */
static void
doc_text_widths(const char *s, int *word, int *line)
{
	int w = 0, l = 0;

	*word = *line = 0;
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) == 0x80)
			continue;
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			w = 0;
			if (*s == '\n')
				l = 0;
			else
				l++;
			continue;
		}
		w++;
		l++;
		if (w > *word)
			*word = w;
		if (l > *line)
			*line = l;
	}
}

/* See doc-int.h. */
void
doc_table_widths(const struct vg_doc *d, size_t i, double chars,
    double *frac)
{
	const struct doc_node *t = &d->nodes[i];
	int nc = t->ncols, c;
	double *minw = xcalloc(nc, sizeof(double));
	double *want = xcalloc(nc, sizeof(double));
	double smin = 0, swant = 0, k, sum = 0;
	int *filled = xcalloc(nc, sizeof(int));
	size_t j;

	for (j = i; j < d->nnodes; j++) {
		const struct doc_node *n = &d->nodes[j];

		if (j > i && n->kind != DOC_ROW)
			break;
		if (n->cells == NULL)
			continue;
		for (c = 0; c < nc; c++) {
			int wd, ln;

			doc_text_widths(n->cells[c], &wd, &ln);
			/* Headers are bold: wider letters. */
			if (j == i)
				wd = (int)ceil(wd * 1.2);
			if (wd > minw[c])
				minw[c] = wd;
			if (ln > want[c])
				want[c] = ln;
			if (j > i && *n->cells[c] != '\0')
				filled[c] = 1;
		}
	}
	for (c = 0; c < nc; c++) {
		/* A word longer than 16 characters (an address) may break. */
		minw[c] = minw[c] < 3 ? 3 : minw[c] > 16 ? 16 : minw[c];
		minw[c] += 1;
		if (!filled[c] && j > i + 1)
			want[c] = 24;	/* room to write by hand */
		want[c] = want[c] > 60 ? 60 : want[c] + 1;
		if (want[c] < minw[c])
			want[c] = minw[c];
		smin += minw[c];
		swant += want[c];
	}
	if (swant <= chars || swant <= smin)
		k = 1;
	else if (smin >= chars)
		k = 0;
	else
		k = (chars - smin) / (swant - smin);
	for (c = 0; c < nc; c++) {
		frac[c] = minw[c] + k * (want[c] - minw[c]);
		sum += frac[c];
	}
	for (c = 0; c < nc; c++)
		frac[c] /= sum;
	free(minw);
	free(want);
	free(filled);
}

/* See doc.h: vg_doc_write() without the file. */
int
vg_doc_layout(struct vg_doc *d, const char *format, char *err)
{
	const struct doc_writer *w;
	struct vg_buf out = { NULL, 0, 0 };
	int rc;

	if ((w = doc_writer_find(format)) == NULL) {
		vg_seterr(err, _("unknown document format \"%s\" (known: %s)"),
		    format != NULL ? format : "", vg_doc_formats());
		return -1;
	}
	doc_close_all(d);
	d->pages = 0;
	d->type_size = 0;
	rc = w->render(d, &out, err);
	free(out.p);
	return rc;
}

/* ---- colours --------------------------------------------------------- */

/* Red to green through orange and amber; the writers always print the
 * level or state as text too, so colour is never the only cue. */
static const char *const doc_tones[][2] = {
	/* fill, tint */
	[VG_DT_NONE] = { "#4f6d9a", "#ffffff" },
	[VG_DT_L0] = { "#c62828", "#f9d6d5" },
	[VG_DT_L1] = { "#e65100", "#fde2cc" },
	[VG_DT_L2] = { "#f2a900", "#fff0c2" },
	[VG_DT_L3] = { "#7cb342", "#e4f1d4" },
	[VG_DT_L4] = { "#2e7d32", "#cfe8cf" },
	[VG_DT_GOOD] = { "#2e7d32", "#cfe8cf" },
	[VG_DT_WARN] = { "#e65100", "#fde2cc" },
	[VG_DT_BAD] = { "#c62828", "#f9d6d5" },
};

/* Static strings, see doc-int.h. */
const char *
doc_tone_fill(enum vg_doc_tone t)
{
	if ((unsigned)t > VG_DT_BAD)
		t = VG_DT_NONE;
	return doc_tones[t][0];
}

const char *
doc_tone_tint(enum vg_doc_tone t)
{
	if ((unsigned)t > VG_DT_BAD)
		t = VG_DT_NONE;
	return doc_tones[t][1];
}
