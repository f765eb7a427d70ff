/*
 * doc-html.c — the HTML writer: one self-contained file (inline CSS, bar
 * charts as inline SVG, no script, no external resource) that reads well
 * on screen (16px) and prints on A4 (12pt body, a footer with the title
 * and page numbers, headings kept with what follows, table rows and
 * warnings never split). Every text goes through doc_xml().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "doc-int.h"

static const char html_css[] =
"*{box-sizing:border-box}\n"
"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"body{font-family:Arial,\"Liberation Sans\",\"DejaVu Sans\",Helvetica,"
"sans-serif;font-size:16px;line-height:1.5;color:#111;background:#fff;"
"max-width:50rem;margin:2rem auto;padding:0 1.25rem}\n"
"body.large{font-size:20px;max-width:56rem}\n"
"h1,h2,h3,h4,h5,h6{line-height:1.25;break-after:avoid;"
"page-break-after:avoid;break-inside:avoid}\n"
"h1{font-size:1.9em;margin:0 0 .5em}\n"
"h2{font-size:1.45em;margin:1.4em 0 .5em;padding-bottom:.1em;"
"border-bottom:2px solid #333}\n"
"h3{font-size:1.2em;margin:1.2em 0 .4em}\n"
"h4,h5,h6{font-size:1.05em;margin:1em 0 .3em}\n"
"p{margin:0 0 .7em;orphans:3;widows:3}\n"
".lead{font-size:1.2em}\n"
".note{font-size:.9em;color:#444}\n"
".warning{border:3px solid #111;border-left-width:12px;background:#fff4e0;"
"padding:.6em .9em;margin:1em 0;font-weight:bold;break-inside:avoid;"
"page-break-inside:avoid}\n"
".warning p{margin:0}\n"
".sign{font-size:1.15em}\n"
"dl.fields{margin:0 0 1em}\n"
".field{display:flex;gap:.5em;margin:.25em 0;break-inside:avoid;"
"page-break-inside:avoid}\n"
".field dt{font-weight:bold;flex:0 1 auto;max-width:50%}\n"
".field dd{margin:0;flex:1 1 auto}\n"
".field dd.blank{border-bottom:1px solid #111;min-height:1.5em}\n"
"ul,ol{margin:0 0 .8em;padding-left:1.7em}\n"
"li{margin:.25em 0;break-inside:avoid;page-break-inside:avoid}\n"
"li>ul,li>ol{margin:.25em 0 0}\n"
"ul.check{list-style:none;padding-left:0}\n"
"li>ul.check{padding-left:1.9em}\n"
"ul.check>li{position:relative;padding-left:1.9em}\n"
".box{position:absolute;left:0;top:-.15em;font-size:1.3em;"
"line-height:1.3}\n"
"table{border-collapse:collapse;width:100%;margin:.5em 0 1.2em;"
"font-size:.95em}\n"
"th,td{border:1px solid #777;padding:.35em .5em;text-align:left;"
"vertical-align:top}\n"
"th{background:#e6e6e6}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"figure.chart{margin:.8em 0 1.2em;break-inside:avoid;"
"page-break-inside:avoid}\n"
"figure.chart figcaption{font-weight:bold;margin-bottom:.3em}\n"
"figure.chart svg{display:block;width:100%;height:auto}\n"
"figure.radar svg{max-width:30rem;margin:0 auto}\n"
".pagebreak{break-before:page;page-break-before:always}\n"
"@media screen{.pagebreak{border-top:2px dashed #bbb;margin:2em 0}}\n"
"@media print{body{font-size:12pt;max-width:none;margin:0;padding:0}"
"body.large{font-size:14pt;max-width:none}}\n";

/* TEXT escaped, newlines as <br>. */
static void
html_text(struct vg_buf *o, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		char *line = xstrndup(s, nl - s);

		doc_xml(o, line);
		vg_buf_puts(o, "<br>\n");
		free(line);
		s = nl + 1;
	}
	doc_xml(o, s);
}

/* STRONG in bold (if any), a space, then TEXT. */
static void
html_rich(struct vg_buf *o, const char *strong, const char *text)
{
	if (strong != NULL) {
		vg_buf_puts(o, "<strong>");
		html_text(o, strong);
		vg_buf_puts(o, "</strong>");
		if (*text != '\0')
			vg_buf_puts(o, " ");
	}
	html_text(o, text);
}

/* S as the body of a CSS string: quotes, backslashes and anything that
 * could close the <style> element as hexadecimal escapes. */
static void
html_css_string(struct vg_buf *o, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\"\\<>&\n\t", *s) != NULL)
			vg_buf_printf(o, "\\%x ", (unsigned char)*s);
		else
			vg_buf_add(o, s, 1);
	}
}

/* The document up to <main>: doctype, language, title, the CSS (page
 * footer with the title, tone classes from the palette). */
static void
html_head(const struct vg_doc *d, struct vg_buf *o)
{
	int t;

	vg_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"");
	doc_xml(o, d->lang);
	vg_buf_puts(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"vigie " VG_VERSION "\">\n"
	    "<title>");
	doc_xml(o, d->title);
	vg_buf_puts(o, "</title>\n<style>\n");
	vg_buf_puts(o, "@page{size:A4;margin:16mm 16mm 18mm 18mm;"
	    "@bottom-center{content:\"");
	if (*d->title != '\0') {
		html_css_string(o, d->title);
		vg_buf_puts(o, " \\2014  ");
	}
	vg_buf_printf(o, "%s \" counter(page) \" / \" counter(pages);"
	    "font:9pt Arial,sans-serif;color:#555}}\n",
	    doc_word(d, DOC_W_PAGE));
	vg_buf_puts(o, html_css);
	for (t = VG_DT_L0; t <= VG_DT_BAD; t++)
		vg_buf_printf(o, "td.t%d{background:%s;box-shadow:inset 7px 0 0 "
		    "%s;padding-left:calc(.5em + 7px)}\n", t,
		    doc_tone_tint(t), doc_tone_fill(t));
	vg_buf_puts(o, "</style>\n</head>\n");
	vg_buf_printf(o, "<body%s>\n<main>\n", d->large ? " class=\"large\"" :
	    "");
}

/* "ol" or "ul" (bullets and check boxes). */
static const char *
html_list_tag(enum vg_doc_list l)
{
	return l == VG_DL_ORDERED ? "ol" : "ul";
}

/* Paragraph N in its style; a warning is a framed <div>. */
static void
html_para(const struct vg_doc *d, const struct doc_node *n,
    struct vg_buf *o)
{
	(void)d;
	switch (n->style) {
	case VG_DS_LEAD:
		vg_buf_puts(o, "<p class=\"lead\">");
		break;
	case VG_DS_NOTE:
		vg_buf_puts(o, "<p class=\"note\">");
		break;
	case VG_DS_WARNING:
		vg_buf_puts(o, "<div class=\"warning\" role=\"note\"><p>"
		    "<span class=\"sign\" aria-hidden=\"true\">"
		    "\xe2\x9a\xa0</span> ");
		break;
	case VG_DS_STRONG:
		vg_buf_puts(o, "<p><strong>");
		break;
	default:
		vg_buf_puts(o, "<p>");
		break;
	}
	html_rich(o, n->strong, n->text);
	switch (n->style) {
	case VG_DS_WARNING:
		vg_buf_puts(o, "</p></div>\n");
		break;
	case VG_DS_STRONG:
		vg_buf_puts(o, "</strong></p>\n");
		break;
	default:
		vg_buf_puts(o, "</p>\n");
		break;
	}
}

/* <table>, its header row if it has one, and <tbody>. */
static void
html_table_begin(const struct doc_node *n, struct vg_buf *o)
{
	int i;

	vg_buf_puts(o, "<table>\n");
	if (n->cells != NULL) {
		vg_buf_puts(o, "<thead><tr>");
		for (i = 0; i < n->ncols; i++) {
			vg_buf_puts(o, "<th scope=\"col\">");
			html_text(o, n->cells[i]);
			vg_buf_puts(o, "</th>");
		}
		vg_buf_puts(o, "</tr></thead>\n");
	}
	vg_buf_puts(o, "<tbody>\n");
}

/* One <tr>; the first cell carries the tone's class. */
static void
html_row(const struct doc_node *n, struct vg_buf *o)
{
	int i;

	vg_buf_puts(o, "<tr>");
	for (i = 0; i < n->ncols; i++) {
		if (i == 0 && n->tone > VG_DT_NONE && n->tone <= VG_DT_BAD)
			vg_buf_printf(o, "<td class=\"t%d\">", n->tone);
		else
			vg_buf_puts(o, "<td>");
		html_text(o, n->cells[i]);
		vg_buf_puts(o, "</td>");
	}
	vg_buf_puts(o, "</tr>\n");
}

/* The whole page into O; never fails. Lists keep their <li> open until
 * the next item or their end, so a nested list lands inside it. */
static int
html_render(const struct vg_doc *d, struct vg_buf *o, char *err)
{
	int li_open[DOC_MAXDEPTH + 1] = { 0 };
	int fields = 0;
	size_t i;

	(void)err;
	html_head(d, o);
	for (i = 0; i < d->nnodes; i++) {
		const struct doc_node *n = &d->nodes[i];

		if (fields && n->kind != DOC_FIELD) {
			vg_buf_puts(o, "</dl>\n");
			fields = 0;
		}
		switch (n->kind) {
		case DOC_HEADING:
			vg_buf_printf(o, "<h%d>", n->level);
			html_text(o, n->text);
			vg_buf_printf(o, "</h%d>\n", n->level);
			break;
		case DOC_PARA:
			html_para(d, n, o);
			break;
		case DOC_FIELD:
			if (!fields)
				vg_buf_puts(o, "<dl class=\"fields\">\n");
			fields = 1;
			vg_buf_puts(o, "<div class=\"field\"><dt>");
			html_text(o, n->strong);
			doc_xml(o, doc_word(d, DOC_W_COLON));
			if (n->text == NULL)
				vg_buf_puts(o, "</dt><dd class=\"blank\"></dd>"
				    "</div>\n");
			else {
				vg_buf_puts(o, "</dt><dd>");
				html_text(o, n->text);
				vg_buf_puts(o, "</dd></div>\n");
			}
			break;
		case DOC_LIST_BEGIN:
			vg_buf_printf(o, "<%s%s>\n", html_list_tag(n->list),
			    n->list == VG_DL_CHECK ? " class=\"check\"" : "");
			li_open[n->level] = 0;
			break;
		case DOC_ITEM:
			if (li_open[n->level])
				vg_buf_puts(o, "</li>\n");
			vg_buf_puts(o, "<li>");
			if (n->list == VG_DL_CHECK)
				vg_buf_puts(o, "<span class=\"box\" "
				    "aria-hidden=\"true\">\xe2\x98\x90</span>");
			html_rich(o, n->strong, n->text);
			li_open[n->level] = 1;
			break;
		case DOC_LIST_END:
			if (li_open[n->level])
				vg_buf_puts(o, "</li>\n");
			li_open[n->level] = 0;
			vg_buf_printf(o, "</%s>\n", html_list_tag(n->list));
			break;
		case DOC_TABLE_BEGIN:
			html_table_begin(n, o);
			break;
		case DOC_ROW:
			html_row(n, o);
			break;
		case DOC_TABLE_END:
			vg_buf_puts(o, "</tbody>\n</table>\n");
			break;
		case DOC_BARS:
		case DOC_RADAR:
			vg_buf_printf(o, "<figure class=\"chart%s\">\n",
			    n->kind == DOC_RADAR ? " radar" : "");
			if (n->text != NULL) {
				vg_buf_puts(o, "<figcaption>");
				html_text(o, n->text);
				vg_buf_puts(o, "</figcaption>\n");
			}
			if (n->kind == DOC_RADAR)
				doc_svg_radar(d, n, 0, o, NULL, NULL);
			else if (n->nbars > 0)
				doc_svg_bars(d, n, 0, o, NULL, NULL);
			vg_buf_puts(o, "</figure>\n");
			break;
		case DOC_PAGEBREAK:
			vg_buf_puts(o, "<div class=\"pagebreak\"></div>\n");
			break;
		}
	}
	if (fields)
		vg_buf_puts(o, "</dl>\n");
	vg_buf_puts(o, "</main>\n</body>\n</html>\n");
	return 0;
}

const struct doc_writer doc_html_writer = { "html", 1, html_render };
