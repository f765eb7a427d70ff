/*
 * doc-int.h — what the document writers share, private to lib/doc*.c:
 * the node list behind a struct vg_doc, escaping
 * and number helpers, the words a writer adds itself (in the document's
 * language) and the SVG bar chart used by the HTML and ODT writers.
 */
#ifndef VIGIE_DOC_INT_H
#define VIGIE_DOC_INT_H

#include <stddef.h>

#include "vigie/buf.h"
#include "vigie/doc.h"

#define DOC_MAXDEPTH	6	/* nested lists */

enum doc_kind {
	DOC_HEADING,		/* level, text */
	DOC_PARA,		/* style, strong (may be NULL), text */
	DOC_FIELD,		/* strong = label, text = value (NULL: blank) */
	DOC_LIST_BEGIN,		/* list, level = depth (1 outermost) */
	DOC_ITEM,		/* list, level, strong (may be NULL), text */
	DOC_LIST_END,		/* list, level */
	DOC_TABLE_BEGIN,	/* ncols, cells = headers (NULL: none), index */
	DOC_ROW,		/* ncols, cells, tone */
	DOC_TABLE_END,
	DOC_BARS,		/* bars, nbars, max, text = caption, index */
	DOC_RADAR,		/* the same, drawn as a radar (doc-svg.c) */
	DOC_PAGEBREAK,
};

struct doc_bar {
	char		*label;
	double		 value;		/* < 0: not evaluated */
	double		 previous;	/* < 0: none */
	char		*text;		/* NULL: the writer prints the value */
	enum vg_doc_tone tone;
};

/* Every string of a node is owned by the document (doc.c frees it). */
struct doc_node {
	enum doc_kind	 kind;
	int		 level;
	enum vg_doc_style style;
	enum vg_doc_list list;
	enum vg_doc_tone tone;
	char		*strong;
	char		*text;
	int		 ncols;
	char	       **cells;
	struct doc_bar	*bars;
	int		 nbars;
	double		 max;
	int		 index;		/* 1, 2...: numbers tables and charts */
};

struct vg_doc {
	char		*title;
	char		*lang;		/* as given, cleaned */
	int		 fr;		/* writer words in French */
	int		 large;
	struct doc_node	*nodes;
	size_t		 nnodes, cap;
	int		 depth;		/* open lists */
	enum vg_doc_list kinds[DOC_MAXDEPTH];
	int		 items[DOC_MAXDEPTH];	/* items so far per open list */
	int		 table_cols;	/* 0: no table open */
	int		 ntables, ncharts;
	int		 fit_pages;	/* PDF: shrink the type to fit; 0 */
	int		 pages;		/* PDF: pages of the last one written */
	double		 type_size;	/* PDF: its body type, points */
};

/* ---- byte buffer ---------------------------------------------------- */

/* Documents are written into a struct vg_buf (vigie/buf.h). */

/* S with & < > " as entity references: text and double-quoted
 * attributes of HTML, XML and SVG. (The apostrophe is left alone:
 * odt2txt does not read numeric references, and no attribute here is
 * single-quoted.) */
void	doc_xml(struct vg_buf *, const char *s);
/* X with at most two decimals and a dot, whatever the locale (SVG and
 * ODF lengths). */
void	doc_num(struct vg_buf *, double x);
/* The same into OUT (at least 32 bytes), returned: for "%s" formats. */
const char *doc_numstr(double x, char *out);
/* A value as a reader expects it: "2", "2,5" in French, "2.5" in
 * English. Into OUT (at least 32 bytes). */
void	doc_value(const struct vg_doc *, double x, char *out);

/*
 * Relative widths of the columns of the table that opens at node I,
 * into FRAC (ncols values, sum 1), for a table about CHARS characters
 * wide: each column gets the room of its longest word (header included,
 * so that no word breaks letter by letter), the rest goes to the
 * columns in proportion to their longest text beyond that; an empty
 * column (a note to write by hand) gets room to write in. Shared by the
 * ODT and PDF writers.
 */
void	doc_table_widths(const struct vg_doc *, size_t i, double chars,
	    double *frac);

/* The PDF writer tells what it did (vg_doc_pages, vg_doc_type_size):
 * D is const for writers, these two fields are results. */
void	doc_set_result(const struct vg_doc *, int pages, double size);

/* ---- words the writers add themselves -------------------------------- */

enum doc_word {
	DOC_W_COLON,		/* " :" in French (no-break space), ":" */
	DOC_W_PAGE,		/* "page" */
	DOC_W_NOW,		/* "aujourd'hui" / "now" */
	DOC_W_PREVIOUS,		/* "la dernière fois" / "last time" */
	DOC_W_PREVIOUS_HEAD,	/* the same as a column header */
	DOC_W_NOT_EVALUATED,
	DOC_W_VALUE,
	DOC_W_CHART,		/* "Graphique" / "Chart" (ODT frame name) */
};
const char *doc_word(const struct vg_doc *, enum doc_word);

/* What is shown beside bar B of chart N: its text, else "value/max" or
 * "not evaluated" formatted into OUT (64 bytes). Points into B or OUT. */
const char *doc_bar_value(const struct vg_doc *, const struct doc_node *n,
	    const struct doc_bar *b, char *out);
/* "+1", "−0,5", "=" (change since last time) or "" without previous.
 * OUT: 64 bytes. */
void	doc_bar_delta(const struct vg_doc *, const struct doc_bar *b,
	    char *out);

/* Colours of a tone: FILL for bars and cell borders, TINT for a cell's
 * background (light enough for black text). "#rrggbb", static. */
const char *doc_tone_fill(enum vg_doc_tone);
const char *doc_tone_tint(enum vg_doc_tone);

/* ---- SVG bar chart (lib/doc-svg.c) ---------------------------------- */

/*
 * Append the chart of node N as an <svg> element to OUT (standalone: with
 * the XML declaration, for an ODT picture). Its size in user units goes
 * to *W and *H (may be NULL).
 */
void	doc_svg_bars(const struct vg_doc *, const struct doc_node *n,
	    int standalone, struct vg_buf *out, double *w, double *h);

/* The same data as a radar: one axis per bar from the centre (0) to
 * MAX, today's outline filled, last time's outline dashed. */
void	doc_svg_radar(const struct vg_doc *, const struct doc_node *n,
	    int standalone, struct vg_buf *out, double *w, double *h);

/* ---- writers --------------------------------------------------------- */

/* One output format. render() appends the whole file to OUT; returns -1
 * with err set. The document is complete (lists and tables closed). */
struct doc_writer {
	const char	*name;		/* "html" */
	int		 to_stdout;	/* may be written to "-" */
	int		(*render)(const struct vg_doc *, struct vg_buf *out,
			    char *err);
};

extern const struct doc_writer doc_html_writer;
extern const struct doc_writer doc_odt_writer;
extern const struct doc_writer doc_md_writer;
extern const struct doc_writer doc_pdf_writer;

#endif
