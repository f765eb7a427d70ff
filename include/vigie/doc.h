/*
 * doc.h — a small document model for everything vigie prints on paper:
 * assessment reports, the blank form, the incident checklist and sheet,
 * the commune dossier. A module builds a vg_doc with headings,
 * paragraphs, lists, tables and bar charts; writers turn it into
 * self-contained HTML (inline CSS and SVG, A4 print), OpenDocument text
 * (.odt, editable) or Markdown. Writers are a table of functions, one
 * file each (lib/doc-html.c, lib/doc-odt.c, lib/doc-md.c).
 *
 * All text is plain UTF-8: writers escape it. The document copies every
 * string it is given.
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
/* "Label: value" lines (a definition list). */
void	vg_doc_field(struct vg_doc *, const char *label, const char *value);

void	vg_doc_list_begin(struct vg_doc *, enum vg_doc_list);
void	vg_doc_item(struct vg_doc *, const char *text);
void	vg_doc_list_end(struct vg_doc *);

/* A table of NCOLS columns; HEADERS has NCOLS strings. */
void	vg_doc_table_begin(struct vg_doc *, int ncols,
	    const char *const *headers);
/* One row; TONE colours the row's first cell (VG_DT_NONE: none). */
void	vg_doc_row(struct vg_doc *, const char *const *cells,
	    enum vg_doc_tone);
void	vg_doc_table_end(struct vg_doc *);

/* A horizontal bar chart, values from 0 to MAX. */
void	vg_doc_bars(struct vg_doc *, const struct vg_doc_bar *, int n,
	    double max, const char *caption);

void	vg_doc_pagebreak(struct vg_doc *);

/*
 * Write the document to PATH (created 0600: reports hold the commune's
 * data) in FORMAT: "html", "odt" or "md". PATH "-" writes to stdout
 * (not for odt). Returns -1 with err set.
 */
int	vg_doc_write(struct vg_doc *, const char *format, const char *path,
	    char *err);
/* Whether FORMAT names a writer. */
int	vg_doc_format_known(const char *format);

#endif
