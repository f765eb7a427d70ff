/*
 * doc-md.c — the Markdown writer (GitHub-flavoured): YAML front matter
 * with the title and language, ATX headings, lists (check lists as task
 * lists "- [ ]"), pipe tables, warnings as block quotes, bar charts as a
 * table of text bars ("████████░░░░ 2/4"). Text is escaped so that no
 * character of the caller's turns into markup or raw HTML.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "doc-int.h"

#define MD_BAR_CELLS	20

enum md_ctx {
	MD_BLOCK,	/* paragraph, list item: newline = hard break */
	MD_CELL,	/* table cell: newline = <br> */
	MD_LINE,	/* heading: newline = space */
};

/*
 * S escaped for Markdown. At the start of a line, a character that could
 * open a block (heading, list, quote, thematic break, ordered list) is
 * escaped too, and leading blanks are dropped (they would make code).
 * After a hard break, continuation lines start with PREFIX.
 */
static void
md_text(struct vg_buf *o, const char *s, enum md_ctx ctx,
    const char *prefix)
{
	int bol = 1;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			if (ctx == MD_CELL)
				vg_buf_puts(o, "<br>");
			else if (ctx == MD_LINE)
				vg_buf_puts(o, " ");
			else {
				vg_buf_puts(o, "\\\n");
				vg_buf_puts(o, prefix);
			}
			bol = ctx != MD_LINE;
			continue;
		}
		if (bol) {
			if (*s == ' ' || *s == '\t')
				continue;
			bol = 0;
			if (strchr("#+-=>", *s) != NULL) {
				vg_buf_printf(o, "\\%c", *s);
				continue;
			}
			if (*s >= '0' && *s <= '9') {
				/* "1." or "1)" would start an ordered list. */
				const char *p = s;

				while (*p >= '0' && *p <= '9')
					p++;
				vg_buf_add(o, s, p - s);
				s = p - 1;
				if (*p == '.' || *p == ')') {
					vg_buf_printf(o, "\\%c", *p);
					s = p;
				}
				continue;
			}
		}
		if (*s == '\t') {
			vg_buf_puts(o, " ");
			continue;
		}
		if (strchr("\\`*_[]<>|&~", *s) != NULL)
			vg_buf_printf(o, "\\%c", *s);
		else
			vg_buf_add(o, s, 1);
	}
}

/* STRONG in bold (if any), a space, then TEXT. */
static void
md_rich(struct vg_buf *o, const char *strong, const char *text,
    const char *prefix)
{
	if (strong != NULL) {
		vg_buf_puts(o, "**");
		md_text(o, strong, MD_BLOCK, prefix);
		vg_buf_puts(o, "**");
		if (*text != '\0')
			vg_buf_puts(o, " ");
	}
	md_text(o, text, MD_BLOCK, prefix);
}

/* S as a double-quoted YAML scalar on one line; < > & as escapes, so a
 * renderer that does not know front matter sees no HTML in it. */
static void
md_yaml(struct vg_buf *o, const char *s)
{
	vg_buf_puts(o, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			vg_buf_printf(o, "\\%c", *s);
		else if (*s == '<' || *s == '>' || *s == '&')
			vg_buf_printf(o, "\\x%02x", (unsigned char)*s);
		else if (*s == '\n' || *s == '\t')
			vg_buf_puts(o, " ");
		else
			vg_buf_add(o, s, 1);
	}
	vg_buf_puts(o, "\"");
}

/* STRONG and TEXT, all in bold: no bold nested in bold. */
static void
md_bold(struct vg_buf *o, const char *strong, const char *text,
    const char *prefix)
{
	vg_buf_puts(o, "**");
	if (strong != NULL) {
		md_text(o, strong, MD_BLOCK, prefix);
		if (*text != '\0')
			vg_buf_puts(o, " ");
	}
	md_text(o, text, MD_BLOCK, prefix);
	vg_buf_puts(o, "**");
}

/* Paragraph N: warnings as block quotes, notes in italics. Nothing for
 * an empty paragraph (it would print bare emphasis marks). */
static void
md_para(const struct doc_node *n, struct vg_buf *o)
{
	if (n->strong == NULL && *n->text == '\0')
		return;
	switch (n->style) {
	case VG_DS_WARNING:
		vg_buf_puts(o, "> \xe2\x9a\xa0 ");
		md_bold(o, n->strong, n->text, "> ");
		break;
	case VG_DS_STRONG:
		md_bold(o, n->strong, n->text, "");
		break;
	case VG_DS_NOTE:
		vg_buf_puts(o, "_");
		md_rich(o, n->strong, n->text, "");
		vg_buf_puts(o, "_");
		break;
	default:
		md_rich(o, n->strong, n->text, "");
		break;
	}
	vg_buf_puts(o, "\n\n");
}

/* One pipe-table row of NCOLS CELLS (NULL: empty cells). */
static void
md_row(struct vg_buf *o, int ncols, char *const *cells)
{
	int i;

	vg_buf_puts(o, "|");
	for (i = 0; i < ncols; i++) {
		vg_buf_puts(o, " ");
		if (cells != NULL)
			md_text(o, cells[i], MD_CELL, "");
		vg_buf_puts(o, " |");
	}
	vg_buf_puts(o, "\n");
}

/* The header row (empty if none) and the delimiter row. */
static void
md_table_begin(const struct doc_node *n, struct vg_buf *o)
{
	int i;

	/* A GFM table needs a header row: empty cells when there is none. */
	md_row(o, n->ncols, n->cells);
	vg_buf_puts(o, "|");
	for (i = 0; i < n->ncols; i++)
		vg_buf_puts(o, " --- |");
	vg_buf_puts(o, "\n");
}

/* Chart N as its caption in bold and a table of text bars. */
static void
md_bars(const struct vg_doc *d, const struct doc_node *n, struct vg_buf *o)
{
	char vbuf[64], delta[64], prev[32];
	int i, j, full, any_prev = 0;

	if (n->text != NULL) {
		vg_buf_puts(o, "**");
		md_text(o, n->text, MD_BLOCK, "");
		vg_buf_puts(o, "**\n\n");
	}
	if (n->nbars == 0)
		return;
	for (i = 0; i < n->nbars; i++)
		if (n->bars[i].previous >= 0)
			any_prev = 1;
	vg_buf_printf(o, "| | | %s |", doc_word(d, DOC_W_VALUE));
	if (any_prev)
		vg_buf_printf(o, " %s |", doc_word(d, DOC_W_PREVIOUS_HEAD));
	vg_buf_printf(o, "\n| --- | --- | --- |%s\n", any_prev ? " --- |" : "");
	for (i = 0; i < n->nbars; i++) {
		const struct doc_bar *b = &n->bars[i];

		vg_buf_puts(o, "| ");
		md_text(o, b->label, MD_CELL, "");
		vg_buf_puts(o, " | `");
		full = b->value < 0 ? 0 : (int)lround(MD_BAR_CELLS *
		    (b->value > n->max ? n->max : b->value) / n->max);
		for (j = 0; j < MD_BAR_CELLS; j++)
			vg_buf_puts(o, j < full ? "\xe2\x96\x88" : "\xe2\x96\x91");
		vg_buf_puts(o, "` | ");
		md_text(o, doc_bar_value(d, n, b, vbuf), MD_CELL, "");
		doc_bar_delta(d, b, delta);
		if (*delta != '\0')
			vg_buf_printf(o, " (%s)", delta);
		vg_buf_puts(o, " |");
		if (any_prev) {
			if (b->previous >= 0) {
				doc_value(d, b->previous, prev);
				vg_buf_printf(o, " %s |", prev);
			} else
				vg_buf_puts(o, " |");
		}
		vg_buf_puts(o, "\n");
	}
	vg_buf_puts(o, "\n");
}

/* The whole Markdown file into O; never fails. */
static int
md_render(const struct vg_doc *d, struct vg_buf *o, char *err)
{
	int number[DOC_MAXDEPTH + 1] = { 0 };
	char prefix[64], marker[32];
	size_t i;

	(void)err;	int h;

	vg_buf_puts(o, "---\ntitle: ");
	md_yaml(o, d->title);
	vg_buf_puts(o, "\nlang: ");
	md_yaml(o, d->lang);
	vg_buf_puts(o, "\ngenerator: \"vigie " VG_VERSION "\"\n---\n\n");

	for (i = 0; i < d->nnodes; i++) {
		const struct doc_node *n = &d->nodes[i];
		int indent = n->level > 0 ? 4 * (n->level - 1) : 0;

		switch (n->kind) {
		case DOC_HEADING:
			for (h = 0; h < n->level; h++)
				vg_buf_puts(o, "#");
			vg_buf_puts(o, " ");
			md_text(o, n->text, MD_LINE, "");
			vg_buf_puts(o, "\n\n");
			break;
		case DOC_PARA:
			md_para(n, o);
			break;
		case DOC_FIELD:
			/* A run of fields: lines joined by hard breaks. */
			vg_buf_puts(o, "**");
			md_text(o, n->strong, MD_BLOCK, "");
			vg_buf_puts(o, doc_word(d, DOC_W_COLON));
			vg_buf_puts(o, "** ");
			if (n->text != NULL)
				md_text(o, n->text, MD_BLOCK, "");
			else
				vg_buf_puts(o, "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
				    "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_");
			if (i + 1 < d->nnodes && n[1].kind == DOC_FIELD)
				vg_buf_puts(o, "\\\n");
			else
				vg_buf_puts(o, "\n\n");
			break;
		case DOC_LIST_BEGIN:
			/* Two lists in a row would merge: part them. */
			if (n->level == 1 && i > 0 &&
			    n[-1].kind == DOC_LIST_END)
				vg_buf_puts(o, "<!-- -->\n\n");
			number[n->level] = 0;
			break;
		case DOC_ITEM:
			if (n->list == VG_DL_ORDERED)
				snprintf(marker, sizeof(marker), "%d. ",
				    ++number[n->level]);
			else if (n->list == VG_DL_CHECK)
				snprintf(marker, sizeof(marker), "- [ ] ");
			else
				snprintf(marker, sizeof(marker), "- ");
			snprintf(prefix, sizeof(prefix), "%*s", indent +
			    (int)(n->list == VG_DL_CHECK ? 2 :
			    strlen(marker)), "");
			vg_buf_printf(o, "%*s%s", indent, "", marker);
			md_rich(o, n->strong, n->text, prefix);
			vg_buf_puts(o, "\n");
			break;
		case DOC_LIST_END:
			if (n->level == 1)
				vg_buf_puts(o, "\n");
			break;
		case DOC_TABLE_BEGIN:
			md_table_begin(n, o);
			break;
		case DOC_ROW:
			md_row(o, n->ncols, n->cells);
			break;
		case DOC_TABLE_END:
			vg_buf_puts(o, "\n");
			break;
		case DOC_BARS:
			md_bars(d, n, o);
			break;
		case DOC_RADAR:
			break;	/* the bar chart before it says it in text */
		case DOC_PAGEBREAK:
			vg_buf_puts(o, "---\n\n");
			break;
		}
	}
	return 0;
}

const struct doc_writer doc_md_writer = { "md", 1, md_render };
