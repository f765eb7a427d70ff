/*
 * doc.h — a small document model for everything vigie prints on paper:
 * assessment reports, the blank form, the incident checklist and sheet,
 * the commune dossier. A module builds a vg_doc with headings,
 * paragraphs, lists, tables and bar charts; writers turn it into
 * self-contained HTML (inline CSS and SVG, A4 print), OpenDocument text
 * (.odt, editable), PDF (Pango and cairo) or Markdown. Writers are a
 * table of functions, one file each (lib/doc-html.c, lib/doc-odt.c,
 * lib/doc-pdf.c, lib/doc-md.c).
 *
 * All text is plain UTF-8: writers escape it. The document copies every
 * string it is given (invalid UTF-8 becomes U+FFFD, control characters
 * other than newline and tab are dropped, so are blanks at either end),
 * so the caller keeps and frees its own. A newline in a text is a line
 * break.
 *
 * The title is metadata (<title>, the ODT properties, the page footer
 * "title — page n / N"): add a heading if the body should show it too.
 * Misuse is a programming error and calls fatal(): an item outside a
 * list, a row outside a table. A heading, paragraph, field, table, chart
 * or page break closes the lists still open; vg_doc_write() closes what
 * is left. See docs/formats/reports.md.
 */
#ifndef VIGIE_DOC_H
#define VIGIE_DOC_H

#include <stddef.h>

struct vg_doc;

enum vg_doc_style {
	VG_DS_NORMAL,
	VG_DS_LEAD,	/* larger text: the first thing to read */
	VG_DS_NOTE,	/* smaller, grey: sources, dates */
	VG_DS_WARNING,	/* framed: an urgent instruction */
	VG_DS_STRONG,	/* bold */
};

enum vg_doc_list { VG_DL_BULLET, VG_DL_ORDERED, VG_DL_CHECK };

/* Colours of levels 0..4 and states, chosen by the writer. */
enum vg_doc_tone {
	VG_DT_NONE, VG_DT_L0, VG_DT_L1, VG_DT_L2, VG_DT_L3, VG_DT_L4,
	VG_DT_GOOD, VG_DT_WARN, VG_DT_BAD,
};

struct vg_doc_bar {
	const char	*label;		/* "Sauvegardes" */
	double		 value;		/* 0..max; negative: not evaluated */
	double		 previous;	/* last time, negative if none */
	const char	*text;		/* shown beside the bar: "2 — en cours" */
	enum vg_doc_tone tone;
};

/* A new empty document; TITLE and LANG ("fr"/"en") go in its metadata. */
struct vg_doc	*vg_doc_new(const char *title, const char *lang);
void		 vg_doc_free(struct vg_doc *);

void	vg_doc_heading(struct vg_doc *, int level, const char *text);
void	vg_doc_para(struct vg_doc *, enum vg_doc_style, const char *text);
void	vg_doc_paraf(struct vg_doc *, enum vg_doc_style, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* "Label: value" lines (a definition list). VALUE NULL or "": a blank
 * line to fill in by hand (printed forms). */
void	vg_doc_field(struct vg_doc *, const char *label, const char *value);
/* A paragraph that opens with STRONG in bold, then TEXT:
 * "Ne payez pas la rançon. Elle ne garantit rien." */
void	vg_doc_para_strong(struct vg_doc *, enum vg_doc_style,
	    const char *strong, const char *text);

/* A list; VG_DL_CHECK prints an empty box (☐) before each item. A list
 * begun inside a list nests under its last item (6 levels at most). */
void	vg_doc_list_begin(struct vg_doc *, enum vg_doc_list);
void	vg_doc_item(struct vg_doc *, const char *text);
/* An item that opens with STRONG in bold, then TEXT (may be NULL). */
void	vg_doc_item_strong(struct vg_doc *, const char *strong,
	    const char *text);
void	vg_doc_list_end(struct vg_doc *);

/* A table of NCOLS columns; HEADERS has NCOLS strings (NULL: no header
 * row). The header row repeats on each printed page; a row is never
 * split across pages. */
void	vg_doc_table_begin(struct vg_doc *, int ncols,
	    const char *const *headers);
/* One row of NCOLS strings (a NULL cell is empty); TONE colours the
 * row's first cell (VG_DT_NONE: none). Colour is never the only cue: the
 * cell's text must say the level or state. */
void	vg_doc_row(struct vg_doc *, const char *const *cells,
	    enum vg_doc_tone);
void	vg_doc_table_end(struct vg_doc *);

/* A horizontal bar chart, values from 0 to MAX. Each bar shows its text
 * (else its value), a marker where it stood last time and the change
 * ("+1"); a legend explains the marker. HTML: inline SVG; ODT: an SVG
 * picture and a table of the values; Markdown: text bars. */
void	vg_doc_bars(struct vg_doc *, const struct vg_doc_bar *, int n,
	    double max, const char *caption);

/* The same data as a radar (one axis per bar, today's outline filled,
 * last time's dashed): HTML and ODT an SVG picture, PDF drawn, Markdown
 * nothing (the bar chart already says it in text). Put it right after
 * the bar chart of the same bars. */
void	vg_doc_radar(struct vg_doc *, const struct vg_doc_bar *, int n,
	    double max, const char *caption);

void	vg_doc_pagebreak(struct vg_doc *);

/* Larger type for the whole document (ON != 0): the one-page sheet to
 * pin beside the computers. */
void	vg_doc_set_large(struct vg_doc *, int on);
/* PDF: shrink the type (from the large or normal size down to 7.5 pt)
 * until the document fits PAGES pages (0: never shrink). */
void	vg_doc_set_fit(struct vg_doc *, int pages);
/* After vg_doc_write() in "pdf": the pages written and the body type
 * size in points (0 for the other formats). */
int	vg_doc_pages(const struct vg_doc *);
double	vg_doc_type_size(const struct vg_doc *);

/*
 * Write the document to PATH (created 0600: reports hold the commune's
 * data) in FORMAT: "html", "odt", "pdf" or "md". PATH "-" writes to
 * stdout (not for odt and pdf). Returns -1 with err set. PDF needs
 * Pango, cairo and librsvg, loaded on first use; a build without them
 * (make static) fails here with "PDF not available in this build".
 */
int	vg_doc_write(struct vg_doc *, const char *format, const char *path,
	    char *err);
/* Lays D out in FORMAT without writing it anywhere: for
 * vg_doc_pages() and vg_doc_type_size() of "pdf". -1 with err set. */
int	vg_doc_layout(struct vg_doc *, const char *format, char *err);
/* Whether FORMAT names a writer. */
int	vg_doc_format_known(const char *format);
/* The writers' names, "html, odt, md", for messages and --help. Static. */
const char *vg_doc_formats(void);

/* ---- text that must not break (lib/doc-text.c) ---------------------- */

/* PH with its spaces as no-break spaces (U+00A0): "02 33 44 55 66"
 * never splits across lines. NULL for NULL; owned by the caller. */
char	*vg_doc_phone(const char *ph);
/* The date of ISO ("2026-12-07...") for running text: "7 décembre 2026"
 * (FR set, "1er" for the first) or "7 December 2026", no-break spaces
 * inside. NULL when ISO is not a date; owned by the caller. */
char	*vg_doc_date(const char *iso, int fr);
/* N grouped by thousands: "1 240" with a no-break space (FR set), else
 * "1,240". Owned by the caller. */
char	*vg_doc_count(long long n, int fr);

#endif
