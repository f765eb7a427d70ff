/*
 * doc-svg.c — the horizontal bar chart as SVG, shared by the HTML writer
 * (inline) and the ODT writer (a picture in the package). One row per
 * bar: the label on the left (wrapped), a grey track from 0 to max, the
 * bar in its tone's colour, a black marker where it stood last time, and
 * on the right its value and the change ("2 — en cours (+1)"). A scale
 * and a legend close the chart. The same data as a radar for the report
 * and the dossier (doc_svg_radar). Text widths are estimated from the
 * number of characters: SVG has no text layout of its own.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "doc-int.h"

#define SVG_W		680.0	/* minimum width, user units */
#define SVG_PAD		6.0
#define SVG_FS		16.0	/* font size: about 12pt once printed */
#define SVG_CW		(0.58 * SVG_FS)	/* estimated width of a character */
#define SVG_LH		19.0	/* line height */
#define SVG_BAR_H	22.0
#define SVG_ROW_PAD	8.0
#define SVG_GAP		10.0
#define SVG_MIN_BAR	220.0	/* narrowest track */
#define LABEL_CHARS	28	/* wrap labels at this many characters */
#define VALUE_CHARS	26
#define MAXLINES	4

struct svg_lines {
	char	*line[MAXLINES];
	int	 n;
	int	 width;		/* characters of the longest line */
};

/* Characters (code points) in the N bytes at S. */
static int
utf8_count(const char *s, size_t n)
{
	size_t i;
	int c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Byte length of the first C code points of S (its first N bytes). */
static size_t
utf8_prefix(const char *s, size_t n, int c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && c-- == 0)
			break;
	}
	return i;
}

/* Appends a copy of the N bytes at S as a line of L (owned by L). */
static void
lines_add(struct svg_lines *l, const char *s, size_t n)
{
	int w;

	if (l->n == MAXLINES) {
		/* Too long: end the last line with an ellipsis. */
		char *last = l->line[MAXLINES - 1];

		if (strstr(last, "\xe2\x80\xa6") == NULL) {
			l->line[MAXLINES - 1] = xasprintf("%s\xe2\x80\xa6",
			    last);
			free(last);
		}
		return;
	}
	l->line[l->n++] = xstrndup(s, n);
	w = utf8_count(s, n);
	if (w > l->width)
		l->width = w;
}

/*
 * Greedy word wrap of S into lines of at most LIMIT characters (a longer
 * word is cut); a newline forces a break. The lines are owned by L
 * (lines_free).
 */
static void
lines_wrap(struct svg_lines *l, const char *s, int limit)
{
	const char *line = s, *p = s, *brk = NULL;

	memset(l, 0, sizeof(*l));
	for (;;) {
		if (*p == '\0' || *p == '\n') {
			lines_add(l, line, p - line);
			if (*p == '\0')
				break;
			line = ++p;
			brk = NULL;
			continue;
		}
		if (*p == ' ')
			brk = p;
		p++;
		if (utf8_count(line, p - line) > limit) {
			if (brk != NULL) {
				lines_add(l, line, brk - line);
				line = p = brk + 1;
			} else {
				size_t cut = utf8_prefix(line, p - line, limit);

				lines_add(l, line, cut);
				line = p = line + cut;
			}
			brk = NULL;
		}
	}
}

/* Frees the lines of L (not L itself). */
static void
lines_free(struct svg_lines *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->line[i]);
}

/*
 * Like lines_wrap(), but with lines of even length: the narrowest limit
 * that needs no more lines ("Postes de travail" / "et mises à jour"
 * rather than "Postes de travail et mises à" / "jour").
 */
static void
lines_balance(struct svg_lines *l, const char *s, int limit)
{
	struct svg_lines t;
	const char *w = s, *p;
	int lim, word = 1;

	lines_wrap(l, s, limit);
	if (l->n < 2 || l->n == MAXLINES || strchr(s, '\n') != NULL)
		return;
	/* Never below the longest word: it would be cut. */
	for (p = s;; p++) {
		if (*p == ' ' || *p == '\0') {
			if (utf8_count(w, p - w) > word)
				word = utf8_count(w, p - w);
			w = p + 1;
		}
		if (*p == '\0')
			break;
	}
	for (lim = limit - 1; lim >= word; lim--) {
		lines_wrap(&t, s, lim);
		if (t.n > l->n) {
			lines_free(&t);
			break;
		}
		lines_free(l);
		*l = t;
	}
}

/* A step for the scale of 0..MAX: 1 for levels, else about 5 ticks. */
static double
svg_step(double max)
{
	double raw, mag, f;

	if (max <= 10 && max == floor(max))
		return 1;
	raw = max / 5;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/* <text> at X, Y of S, escaped, with extra attributes ATTR. */
static void
svg_text(struct vg_buf *o, double x, double y, const char *attr,
    const char *s)
{
	vg_buf_puts(o, "<text x=\"");
	doc_num(o, x);
	vg_buf_puts(o, "\" y=\"");
	doc_num(o, y);
	vg_buf_printf(o, "\"%s%s>", *attr != '\0' ? " " : "", attr);
	doc_xml(o, s);
	vg_buf_puts(o, "</text>\n");
}

/* <rect> at X, Y of W x H with extra attributes ATTR. */
static void
svg_rect(struct vg_buf *o, double x, double y, double w, double h,
    const char *attr)
{
	vg_buf_puts(o, "<rect x=\"");
	doc_num(o, x);
	vg_buf_puts(o, "\" y=\"");
	doc_num(o, y);
	vg_buf_puts(o, "\" width=\"");
	doc_num(o, w < 0 ? 0 : w);
	vg_buf_puts(o, "\" height=\"");
	doc_num(o, h);
	vg_buf_printf(o, "\" %s/>\n", attr);
}

/* The previous-value marker: a line across the bar and a small triangle
 * above it, at X on a bar that spans Y..Y+H. */
static void
svg_marker(struct vg_buf *o, double x, double y, double h)
{
	vg_buf_puts(o, "<path d=\"M");
	doc_num(o, x);
	vg_buf_puts(o, " ");
	doc_num(o, y - 3);
	vg_buf_puts(o, "V");
	doc_num(o, y + h + 3);
	vg_buf_puts(o, "\" stroke=\"#111\" stroke-width=\"2.5\"/>\n<path d=\"M");
	doc_num(o, x - 5.5);
	vg_buf_puts(o, " ");
	doc_num(o, y - 10);
	vg_buf_puts(o, "H");
	doc_num(o, x + 5.5);
	vg_buf_puts(o, "L");
	doc_num(o, x);
	vg_buf_puts(o, " ");
	doc_num(o, y - 2);
	vg_buf_puts(o, "Z\" fill=\"#111\"/>\n");
}

/* The <svg> element of W x H user units named ID, up to its <title>
 * text (the caption of N); with the XML declaration when STANDALONE. */
static void
svg_open(const struct vg_doc *d, const struct doc_node *n, int standalone,
    struct vg_buf *o, const char *id, double w, double h)
{
	if (standalone)
		vg_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	vg_buf_puts(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 ");
	doc_num(o, w);
	vg_buf_puts(o, " ");
	doc_num(o, h);
	vg_buf_puts(o, "\" width=\"");
	doc_num(o, w);
	vg_buf_puts(o, "\" height=\"");
	doc_num(o, h);
	vg_buf_printf(o, "\" role=\"img\" aria-labelledby=\"%s-t\" "
	    "font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" "
	    "font-size=\"%d\">\n<title id=\"%s-t\">", id, (int)SVG_FS, id);
	doc_xml(o, n->text != NULL ? n->text : doc_word(d, DOC_W_CHART));
}

/* See doc-int.h. Two passes over the bars: sizes, then drawing. */
void
doc_svg_bars(const struct vg_doc *d, const struct doc_node *n,
    int standalone, struct vg_buf *o, double *wp, double *hp)
{
	struct svg_lines *labels, *values;
	char vbuf[64], delta[64], tick[32], id[32];
	const char *v;
	double labw = 0, valw = 0, w, x0, x1, y, h, rowh, step, t, top;
	int i, j, any_prev = 0, any_unset = 0, lw = 0, vw = 0;

	labels = xcalloc(n->nbars + 1, sizeof(*labels));
	values = xcalloc(n->nbars + 1, sizeof(*values));
	for (i = 0; i < n->nbars; i++) {
		const struct doc_bar *b = &n->bars[i];
		int extra;

		lines_balance(&labels[i], b->label, LABEL_CHARS);
		v = doc_bar_value(d, n, b, vbuf);
		lines_balance(&values[i], v, VALUE_CHARS);
		doc_bar_delta(d, b, delta);
		/* The change goes after the last line: " (+1)". */
		extra = *delta != '\0' ? utf8_count(delta, strlen(delta)) + 3 :
		    0;
		if (labels[i].width > lw)
			lw = labels[i].width;
		if (values[i].width + extra > vw)
			vw = values[i].width + extra;
		if (b->previous >= 0)
			any_prev = 1;
		if (b->value < 0)
			any_unset = 1;
	}
	labw = lw * SVG_CW;
	valw = vw * SVG_CW;
	w = SVG_PAD + labw + SVG_GAP + SVG_MIN_BAR + SVG_GAP + valw + SVG_PAD;
	if (w < SVG_W)
		w = SVG_W;
	x0 = SVG_PAD + labw + SVG_GAP;
	x1 = w - SVG_PAD - valw - SVG_GAP;

	/* Heights first: the <svg> element carries them. */
	h = SVG_PAD + 10;	/* room for the first marker's triangle */
	for (i = 0; i < n->nbars; i++) {
		int nl = labels[i].n > values[i].n ? labels[i].n :
		    values[i].n;

		rowh = nl * SVG_LH > SVG_BAR_H ? nl * SVG_LH : SVG_BAR_H;
		h += rowh + 2 * SVG_ROW_PAD;
	}
	top = h;
	h += 22;		/* scale */
	if (any_prev || any_unset)
		h += 24;	/* legend */
	h += SVG_PAD;

	snprintf(id, sizeof(id), "vgchart%d", n->index);
	svg_open(d, n, standalone, o, id, w, h);
	vg_buf_printf(o, "</title>\n<defs><pattern id=\"%s-h\" "
	    "patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">"
	    "<path d=\"M0 8L8 0\" stroke=\"#888\" stroke-width=\"1.5\"/>"
	    "</pattern></defs>\n", id);

	/* Scale: grid lines and their values. */
	step = svg_step(n->max);
	for (t = 0; t <= n->max + step / 1000; t += step) {
		double x = x0 + (x1 - x0) * t / n->max;

		vg_buf_puts(o, "<path d=\"M");
		doc_num(o, x);
		vg_buf_puts(o, " ");
		doc_num(o, SVG_PAD + 4);
		vg_buf_puts(o, "V");
		doc_num(o, top + 4);
		vg_buf_puts(o, "\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\n");
		doc_value(d, t, tick);
		svg_text(o, x, top + 18, "text-anchor=\"middle\" "
		    "font-size=\"13\" fill=\"#444\"", tick);
	}

	y = SVG_PAD + 10;
	for (i = 0; i < n->nbars; i++) {
		const struct doc_bar *b = &n->bars[i];
		double cy, by, bw, ly;
		int nl = labels[i].n > values[i].n ? labels[i].n :
		    values[i].n;

		rowh = nl * SVG_LH > SVG_BAR_H ? nl * SVG_LH : SVG_BAR_H;
		cy = y + SVG_ROW_PAD + rowh / 2;
		by = cy - SVG_BAR_H / 2;
		v = doc_bar_value(d, n, b, vbuf);
		doc_bar_delta(d, b, delta);

		vg_buf_puts(o, "<g>\n<title>");
		doc_xml(o, b->label);
		doc_xml(o, doc_word(d, DOC_W_COLON));
		vg_buf_puts(o, " ");
		doc_xml(o, v);
		if (b->previous >= 0) {
			doc_value(d, b->previous, tick);
			vg_buf_printf(o, " (%s", doc_word(d, DOC_W_PREVIOUS));
			doc_xml(o, doc_word(d, DOC_W_COLON));
			vg_buf_printf(o, " %s)", tick);
		}
		vg_buf_puts(o, "</title>\n");

		ly = cy - (labels[i].n - 1) * SVG_LH / 2 + SVG_FS * 0.35;
		for (j = 0; j < labels[i].n; j++)
			svg_text(o, x0 - SVG_GAP, ly + j * SVG_LH,
			    "text-anchor=\"end\" fill=\"#111\"",
			    labels[i].line[j]);

		if (b->value < 0) {
			char attr[64];

			snprintf(attr, sizeof(attr), "fill=\"url(#%s-h)\" "
			    "stroke=\"#888\"", id);
			svg_rect(o, x0, by, x1 - x0, SVG_BAR_H, attr);
		} else {
			char attr[96];

			svg_rect(o, x0, by, x1 - x0, SVG_BAR_H,
			    "fill=\"#f1f1f1\" stroke=\"#bbb\"");
			bw = (x1 - x0) * (b->value > n->max ? n->max :
			    b->value) / n->max;
			snprintf(attr, sizeof(attr), "fill=\"%s\" "
			    "stroke=\"#222\" stroke-width=\"0.8\"",
			    doc_tone_fill(b->tone));
			if (bw > 0)
				svg_rect(o, x0, by, bw, SVG_BAR_H, attr);
		}
		if (b->previous >= 0) {
			double p = b->previous > n->max ? n->max :
			    b->previous;

			svg_marker(o, x0 + (x1 - x0) * p / n->max, by,
			    SVG_BAR_H);
		}

		ly = cy - (values[i].n - 1) * SVG_LH / 2 + SVG_FS * 0.35;
		for (j = 0; j < values[i].n; j++) {
			vg_buf_puts(o, "<text x=\"");
			doc_num(o, x1 + SVG_GAP);
			vg_buf_puts(o, "\" y=\"");
			doc_num(o, ly + j * SVG_LH);
			vg_buf_puts(o, "\" fill=\"#111\">");
			doc_xml(o, values[i].line[j]);
			/* One run of text: LibreOffice misplaces a <tspan>
			 * that follows text. */
			if (j == values[i].n - 1 && *delta != '\0') {
				vg_buf_puts(o, " (");
				doc_xml(o, delta);
				vg_buf_puts(o, ")");
			}
			vg_buf_puts(o, "</text>\n");
		}
		vg_buf_puts(o, "</g>\n");
		y += rowh + 2 * SVG_ROW_PAD;
	}

	/* Legend: what the marker and the hatching mean, from the left of
	 * the bars, moved left if it would not fit. */
	if (any_prev || any_unset) {
		double lx, ly = top + 30, legw;

		legw = 24 + SVG_CW * (utf8_count(doc_word(d, DOC_W_NOW),
		    strlen(doc_word(d, DOC_W_NOW))) + 3);
		if (any_prev)
			legw += 18 + SVG_CW * (utf8_count(doc_word(d,
			    DOC_W_PREVIOUS), strlen(doc_word(d,
			    DOC_W_PREVIOUS))) + 3);
		if (any_unset)
			legw += 24 + SVG_CW * utf8_count(doc_word(d,
			    DOC_W_NOT_EVALUATED), strlen(doc_word(d,
			    DOC_W_NOT_EVALUATED)));
		lx = x0 + legw <= w - SVG_PAD ? x0 : w - SVG_PAD - legw;
		if (lx < SVG_PAD)
			lx = SVG_PAD;

		svg_rect(o, lx, ly, 18, 12, "fill=\"#888\" stroke=\"#222\" "
		    "stroke-width=\"0.8\"");
		svg_text(o, lx + 24, ly + 11, "font-size=\"13\" fill=\"#333\"",
		    doc_word(d, DOC_W_NOW));
		lx += 24 + SVG_CW * (utf8_count(doc_word(d, DOC_W_NOW),
		    strlen(doc_word(d, DOC_W_NOW))) + 3);
		if (any_prev) {
			svg_marker(o, lx + 6, ly, 12);
			svg_text(o, lx + 18, ly + 11,
			    "font-size=\"13\" fill=\"#333\"",
			    doc_word(d, DOC_W_PREVIOUS));
			lx += 18 + SVG_CW * (utf8_count(doc_word(d,
			    DOC_W_PREVIOUS), strlen(doc_word(d,
			    DOC_W_PREVIOUS))) + 3);
		}
		if (any_unset) {
			char attr[64];

			snprintf(attr, sizeof(attr), "fill=\"url(#%s-h)\" "
			    "stroke=\"#888\"", id);
			svg_rect(o, lx, ly, 18, 12, attr);
			svg_text(o, lx + 24, ly + 11,
			    "font-size=\"13\" fill=\"#333\"",
			    doc_word(d, DOC_W_NOT_EVALUATED));
		}
	}
	vg_buf_puts(o, "</svg>\n");

	for (i = 0; i < n->nbars; i++) {
		lines_free(&labels[i]);
		lines_free(&values[i]);
	}
	free(labels);
	free(values);
	if (wp != NULL)
		*wp = w;
	if (hp != NULL)
		*hp = h;
}

/* ---- radar ------------------------------------------------------------ */

#define RADAR_R		150.0	/* radius of the outer ring */
#define RADAR_LABEL	18	/* wrap labels at this many characters */

/* The point at value V on axis I of N, around centre CX, CY. */
static void
radar_point(int i, int n, double v, double max, double cx, double cy,
    double *x, double *y)
{
	double a = -M_PI / 2 + 2 * M_PI * i / n, r = RADAR_R * (v < 0 ? 0 :
	    v > max ? max : v) / max;

	*x = cx + r * cos(a);
	*y = cy + r * sin(a);
}

/* A closed path through the N values of field PREV (1) or VALUE (0). */
static void
radar_path(struct vg_buf *o, const struct doc_node *n, int prev, double cx,
    double cy, const char *attr)
{
	double x, y;
	int i;

	vg_buf_puts(o, "<path d=\"");
	for (i = 0; i < n->nbars; i++) {
		const struct doc_bar *b = &n->bars[i];

		radar_point(i, n->nbars, prev ? b->previous : b->value,
		    n->max, cx, cy, &x, &y);
		vg_buf_puts(o, i == 0 ? "M" : "L");
		doc_num(o, x);
		vg_buf_puts(o, " ");
		doc_num(o, y);
	}
	vg_buf_printf(o, "Z\" %s/>\n", attr);
}

/* See doc-int.h: rings at each step, one axis per bar, the labels
 * around, today's outline filled, last time's dashed, a legend. */
void
doc_svg_radar(const struct vg_doc *d, const struct doc_node *n,
    int standalone, struct vg_buf *o, double *wp, double *hp)
{
	const double lw = RADAR_LABEL * SVG_CW + SVG_GAP;
	double w = 2 * (RADAR_R + lw + SVG_PAD), cx = w / 2, cy, h, x, y, t,
	    step;
	char id[32], tick[32];
	int i, j, any_prev = 0;

	for (i = 0; i < n->nbars; i++)
		if (n->bars[i].previous >= 0)
			any_prev = 1;
	cy = SVG_PAD + 3 * SVG_LH + RADAR_R;
	h = cy + RADAR_R + 3 * SVG_LH + 30 + SVG_PAD;
	snprintf(id, sizeof(id), "vgradar%d", n->index);
	svg_open(d, n, standalone, o, id, w, h);
	vg_buf_puts(o, "</title>\n");
	if (n->nbars < 3) {	/* no surface to draw: the bars say it */
		vg_buf_puts(o, "</svg>\n");
		goto out;
	}
	step = svg_step(n->max);
	for (t = step; t <= n->max + step / 1000; t += step) {
		struct doc_node ring = *n;
		struct doc_bar *rb = xcalloc(n->nbars, sizeof(*rb));

		for (i = 0; i < n->nbars; i++)
			rb[i].value = t;
		ring.bars = rb;
		radar_path(o, &ring, 0, cx, cy, "fill=\"none\" "
		    "stroke=\"#d0d0d0\" stroke-width=\"1\"");
		free(rb);
		doc_value(d, t, tick);
		svg_text(o, cx + 4, cy - RADAR_R * t / n->max + 13,
		    "font-size=\"12\" fill=\"#666\"", tick);
	}
	for (i = 0; i < n->nbars; i++) {
		struct svg_lines l;
		double a = -M_PI / 2 + 2 * M_PI * i / n->nbars, lx, ly;
		const char *anchor;

		radar_point(i, n->nbars, n->max, n->max, cx, cy, &x, &y);
		vg_buf_puts(o, "<path d=\"M");
		doc_num(o, cx);
		vg_buf_puts(o, " ");
		doc_num(o, cy);
		vg_buf_puts(o, "L");
		doc_num(o, x);
		vg_buf_puts(o, " ");
		doc_num(o, y);
		vg_buf_puts(o, "\" stroke=\"#bbb\" stroke-width=\"1\"/>\n");
		lines_balance(&l, n->bars[i].label, RADAR_LABEL);
		lx = cx + (RADAR_R + 8) * cos(a);
		ly = cy + (RADAR_R + 8) * sin(a);
		anchor = cos(a) > 0.2 ? "start" : cos(a) < -0.2 ? "end" :
		    "middle";
		if (sin(a) < -0.2)
			ly -= (l.n - 1) * SVG_LH + 4;
		else if (sin(a) > 0.2)
			ly += SVG_FS;
		else
			ly -= (l.n - 1) * SVG_LH / 2 - SVG_FS * 0.35;
		for (j = 0; j < l.n; j++) {
			char attr[64];

			snprintf(attr, sizeof(attr), "text-anchor=\"%s\" "
			    "fill=\"#111\"", anchor);
			svg_text(o, lx, ly + j * SVG_LH, attr, l.line[j]);
		}
		lines_free(&l);
	}
	radar_path(o, n, 0, cx, cy, "fill=\"#4f6d9a\" fill-opacity=\"0.35\" "
	    "stroke=\"#1f3550\" stroke-width=\"2.5\"");
	if (any_prev)
		radar_path(o, n, 1, cx, cy, "fill=\"none\" stroke=\"#111\" "
		    "stroke-width=\"2\" stroke-dasharray=\"7 5\"");
	for (i = 0; i < n->nbars; i++) {
		if (n->bars[i].value < 0)
			continue;
		radar_point(i, n->nbars, n->bars[i].value, n->max, cx, cy,
		    &x, &y);
		vg_buf_puts(o, "<circle cx=\"");
		doc_num(o, x);
		vg_buf_puts(o, "\" cy=\"");
		doc_num(o, y);
		vg_buf_printf(o, "\" r=\"4\" fill=\"%s\" stroke=\"#222\"/>\n",
		    doc_tone_fill(n->bars[i].tone));
	}
	/* Legend. */
	y = h - SVG_PAD - 10;
	x = SVG_PAD + 20;
	svg_rect(o, x, y - 11, 22, 12, "fill=\"#4f6d9a\" fill-opacity=\"0.35\" "
	    "stroke=\"#1f3550\" stroke-width=\"2\"");
	svg_text(o, x + 28, y, "font-size=\"13\" fill=\"#333\"",
	    doc_word(d, DOC_W_NOW));
	if (any_prev) {
		x += 28 + SVG_CW * (utf8_count(doc_word(d, DOC_W_NOW),
		    strlen(doc_word(d, DOC_W_NOW))) + 3);
		vg_buf_puts(o, "<path d=\"M");
		doc_num(o, x);
		vg_buf_puts(o, " ");
		doc_num(o, y - 5);
		vg_buf_puts(o, "h24\" stroke=\"#111\" stroke-width=\"2\" "
		    "stroke-dasharray=\"7 5\"/>\n");
		svg_text(o, x + 30, y, "font-size=\"13\" fill=\"#333\"",
		    doc_word(d, DOC_W_PREVIOUS));
	}
	vg_buf_puts(o, "</svg>\n");
out:
	if (wp != NULL)
		*wp = w;
	if (hp != NULL)
		*hp = h;
}
