/*
 * doc-odt.c — the OpenDocument text writer (.odt, ODF 1.3): a zip package
 * built in memory with libarchive. "mimetype" comes first and is stored
 * uncompressed; then META-INF/manifest.xml, meta.xml (title, language,
 * generator, date), styles.xml (A4 page, a footer with the title and page
 * numbers, named paragraph styles the commune can change in LibreOffice:
 * headings, lead, note, warning...), content.xml, and one SVG picture
 * per bar chart (Pictures/chartN.svg) followed by a table of its values
 * so that the text stays readable without the picture (odt2txt).
 *
 * libarchive always gives an entry an "UT" extra field; ODF asks for none
 * on "mimetype". LibreOffice and odt2txt do not mind; `file` then says
 * "Zip archive" rather than "OpenDocument Text".
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "doc-int.h"

#define ODT_MIME	"application/vnd.oasis.opendocument.text"
#define ODT_TEXT_W	17.0	/* cm between the margins of an A4 page */

#define ODT_NS \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
	"xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
	"xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"xsl-fo-compatible:1.0\" " \
	"xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"svg-compatible:1.0\" " \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" " \
	"office:version=\"1.3\""

/* Paragraph styles that can open a page: each gets a "PB_" twin with a
 * page break before it (a pagebreak node applies to what follows). */
static const char *const odt_break_styles[] = {
	"Heading_20_1", "Heading_20_2", "Heading_20_3", "Heading_20_4",
	"Heading_20_5", "Heading_20_6", "Text_20_body", "Lead", "Note",
	"Warning", "Important", "Field", "List_20_Contents", "Chart_20_Title",
	"Chart",
};

struct odt_picture {
	char		*name;		/* "Pictures/chart1.svg" */
	struct vg_buf	 data;
};

struct odt {
	const struct vg_doc *d;
	struct vg_buf	 autos;		/* automatic styles of content.xml */
	struct vg_buf	 body;
	int		 brk;		/* a page break waits for a block */
	struct odt_picture *pics;
	int		 npics;
};

/* ---- text ------------------------------------------------------------ */

/*
 * S escaped for ODF text: newline as <text:line-break/>, tab as
 * <text:tab/>, and runs of spaces kept with <text:s/> (XML whitespace
 * would collapse them).
 */
static void
odt_text(struct vg_buf *o, const char *s)
{
	int bol = 1, sp;

	while (*s != '\0') {
		if (*s == ' ') {
			for (sp = 0; s[sp] == ' '; sp++)
				;
			s += sp;
			if (!bol) {
				vg_buf_puts(o, " ");
				sp--;
			}
			if (sp == 1)
				vg_buf_puts(o, "<text:s/>");
			else if (sp > 1)
				vg_buf_printf(o, "<text:s text:c=\"%d\"/>", sp);
			bol = 0;
			continue;
		}
		bol = 0;
		if (*s == '\n') {
			vg_buf_puts(o, "<text:line-break/>");
			bol = 1;
		} else if (*s == '\t')
			vg_buf_puts(o, "<text:tab/>");
		else {
			const char *e = s;
			char *run;

			while (*e != '\0' && *e != ' ' && *e != '\n' &&
			    *e != '\t')
				e++;
			run = xstrndup(s, e - s);
			doc_xml(o, run);
			free(run);
			s = e;
			continue;
		}
		s++;
	}
}

/* STRONG in bold (if any), a space, then TEXT. */
static void
odt_rich(struct vg_buf *o, const char *strong, const char *text)
{
	if (strong != NULL) {
		vg_buf_puts(o, "<text:span "
		    "text:style-name=\"Strong_20_Emphasis\">");
		odt_text(o, strong);
		vg_buf_puts(o, "</text:span>");
		if (*text != '\0')
			vg_buf_puts(o, " ");
	}
	odt_text(o, text);
}

/* Opens a paragraph (or heading, TAG "h") of STYLE, taking a pending
 * page break. */
static void
odt_p_open(struct odt *x, const char *tag, const char *style, int level)
{
	vg_buf_printf(&x->body, "<text:%s text:style-name=\"%s%s\"", tag,
	    x->brk ? "PB_" : "", style);
	if (level > 0)
		vg_buf_printf(&x->body, " text:outline-level=\"%d\"", level);
	vg_buf_puts(&x->body, ">");
	x->brk = 0;
}

/* The named paragraph style of a vg_doc_style. */
static const char *
odt_para_style(enum vg_doc_style s)
{
	switch (s) {
	case VG_DS_LEAD:
		return "Lead";
	case VG_DS_NOTE:
		return "Note";
	case VG_DS_WARNING:
		return "Warning";
	case VG_DS_STRONG:
		return "Important";
	default:
		return "Text_20_body";
	}
}

/* ---- tables ---------------------------------------------------------- */

/*
 * Declares table NAME: its style (a page break before it if one waits)
 * and NCOLS columns whose widths are the fractions FRAC of the text
 * width, given both in centimetres and relative (LibreOffice reads the
 * first, ODF wants the second). Opens <table:table>.
 */
static void
odt_table_open(struct odt *x, const char *name, int ncols,
    const double *frac)
{
	char n1[32];
	int i;

	vg_buf_printf(&x->autos, "<style:style style:name=\"%s\" "
	    "style:family=\"table\"><style:table-properties "
	    "style:width=\"%scm\" table:align=\"margins\" "
	    "fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.3cm\"%s/>"
	    "</style:style>\n", name, doc_numstr(ODT_TEXT_W, n1),
	    x->brk ? " fo:break-before=\"page\"" : "");
	x->brk = 0;
	for (i = 0; i < ncols; i++)
		vg_buf_printf(&x->autos, "<style:style style:name=\"%s.C%d\" "
		    "style:family=\"table-column\"><style:table-column-"
		    "properties style:column-width=\"%scm\" "
		    "style:rel-column-width=\"%d*\"/></style:style>\n", name,
		    i + 1, doc_numstr(ODT_TEXT_W * frac[i], n1),
		    (int)(frac[i] * 10000 + 0.5));
	vg_buf_printf(&x->body, "<table:table table:name=\"%s\" "
	    "table:style-name=\"%s\">\n", name, name);
	for (i = 0; i < ncols; i++)
		vg_buf_printf(&x->body, "<table:table-column "
		    "table:style-name=\"%s.C%d\"/>\n", name, i + 1);
}

/* One cell of CELLSTYLE holding TEXT in a paragraph of PSTYLE. */
static void
odt_cell(struct odt *x, const char *cellstyle, const char *pstyle,
    const char *text)
{
	vg_buf_printf(&x->body, "<table:table-cell table:style-name=\"%s\" "
	    "office:value-type=\"string\"><text:p text:style-name=\"%s\">",
	    cellstyle, pstyle);
	odt_text(&x->body, text);
	vg_buf_puts(&x->body, "</text:p></table:table-cell>");
}

/* Table node I: its widths from the rows up to its end. */
static void
odt_table(struct odt *x, size_t i)
{
	const struct vg_doc *d = x->d;
	const struct doc_node *n = &d->nodes[i];
	double *w, avail;
	int c;
	char name[32];

	/* Table text is 0.85 of the body (10 pt Liberation Sans): about
	 * 0.19 cm a character (0.23 in large type), measured in
	 * LibreOffice's PDF; each cell loses 0.25 cm to its padding and
	 * borders. */
	w = xcalloc(n->ncols, sizeof(*w));
	avail = ODT_TEXT_W - n->ncols * 0.25;
	doc_table_widths(d, i, avail / (d->large ? 0.23 : 0.19), w);
	for (c = 0; c < n->ncols; c++)
		w[c] = (w[c] * avail + 0.25) / ODT_TEXT_W;
	snprintf(name, sizeof(name), "Table%d", n->index);
	odt_table_open(x, name, n->ncols, w);
	free(w);
	if (n->cells != NULL) {
		vg_buf_puts(&x->body, "<table:table-header-rows><table:table-row "
		    "table:style-name=\"Row\">");
		for (c = 0; c < n->ncols; c++)
			odt_cell(x, "CellHead", "Table_20_Heading",
			    n->cells[c]);
		vg_buf_puts(&x->body, "</table:table-row>"
		    "</table:table-header-rows>\n");
	}
}

/* One table row; the first cell takes the tone's cell style. */
static void
odt_row(struct odt *x, const struct doc_node *n)
{
	char style[16];
	int c;

	vg_buf_puts(&x->body, "<table:table-row table:style-name=\"Row\">");
	for (c = 0; c < n->ncols; c++) {
		if (c == 0 && n->tone > VG_DT_NONE && n->tone <= VG_DT_BAD)
			snprintf(style, sizeof(style), "CellT%d", n->tone);
		else
			snprintf(style, sizeof(style), "Cell");
		odt_cell(x, style, "Table_20_Contents", n->cells[c]);
	}
	vg_buf_puts(&x->body, "</table:table-row>\n");
}

/* ---- charts ---------------------------------------------------------- */

/*
 * Chart N: its caption, a frame holding the SVG (added to X->pics, owned
 * by X) and a table of the values.
 */
static void
odt_bars(struct odt *x, const struct doc_node *n)
{
	const struct vg_doc *d = x->d;
	struct odt_picture *pic;
	char name[32], vbuf[64], delta[64], prev[32], n1[32];
	double w, h, fw;
	int i, any_prev = 0;
	double fr2[2] = { 0.6, 0.4 }, fr3[3] = { 0.48, 0.32, 0.2 };

	if (n->text != NULL) {
		odt_p_open(x, "p", "Chart_20_Title", 0);
		odt_text(&x->body, n->text);
		vg_buf_puts(&x->body, "</text:p>\n");
	}
	if (n->nbars == 0)
		return;

	x->pics = xreallocarray(x->pics, x->npics + 1, sizeof(*x->pics));
	pic = &x->pics[x->npics++];
	memset(pic, 0, sizeof(*pic));
	pic->name = xasprintf("Pictures/chart%d.svg", n->index);
	if (n->kind == DOC_RADAR)
		doc_svg_radar(d, n, 1, &pic->data, &w, &h);
	else
		doc_svg_bars(d, n, 1, &pic->data, &w, &h);
	/* A radar is square: two thirds of the width are enough. */
	fw = n->kind == DOC_RADAR ? ODT_TEXT_W * 0.66 : ODT_TEXT_W;

	odt_p_open(x, "p", "Chart", 0);
	vg_buf_printf(&x->body, "<draw:frame draw:style-name=\"Frame\" "
	    "draw:name=\"%s %d\" text:anchor-type=\"as-char\" "
	    "svg:width=\"%scm\" svg:height=\"", doc_word(d, DOC_W_CHART),
	    n->index, doc_numstr(fw, n1));
	doc_num(&x->body, fw * h / w);
	vg_buf_printf(&x->body, "cm\" draw:z-index=\"0\"><draw:image "
	    "xlink:href=\"%s\" xlink:type=\"simple\" xlink:show=\"embed\" "
	    "xlink:actuate=\"onLoad\" draw:mime-type=\"image/svg+xml\"/>",
	    pic->name);
	if (n->text != NULL) {
		vg_buf_puts(&x->body, "<svg:title>");
		doc_xml(&x->body, n->text);
		vg_buf_puts(&x->body, "</svg:title>");
	}
	vg_buf_puts(&x->body, "</draw:frame></text:p>\n");
	if (n->kind == DOC_RADAR)
		return;	/* the bar chart before it has the values */

	/* The values as text: readable without the picture, editable. */
	for (i = 0; i < n->nbars; i++)
		if (n->bars[i].previous >= 0)
			any_prev = 1;
	snprintf(name, sizeof(name), "ChartValues%d", n->index);
	odt_table_open(x, name, any_prev ? 3 : 2, any_prev ? fr3 : fr2);
	vg_buf_puts(&x->body, "<table:table-header-rows><table:table-row "
	    "table:style-name=\"Row\">");
	odt_cell(x, "CellHead", "Chart_20_Values", "");
	odt_cell(x, "CellHead", "Chart_20_Values", doc_word(d, DOC_W_VALUE));
	if (any_prev)
		odt_cell(x, "CellHead", "Chart_20_Values",
		    doc_word(d, DOC_W_PREVIOUS_HEAD));
	vg_buf_puts(&x->body, "</table:table-row></table:table-header-rows>\n");
	for (i = 0; i < n->nbars; i++) {
		const struct doc_bar *b = &n->bars[i];
		char *v;

		doc_bar_delta(d, b, delta);
		v = *delta != '\0' ? xasprintf("%s (%s)",
		    doc_bar_value(d, n, b, vbuf), delta) :
		    xstrdup(doc_bar_value(d, n, b, vbuf));
		vg_buf_puts(&x->body, "<table:table-row "
		    "table:style-name=\"Row\">");
		odt_cell(x, "Cell", "Chart_20_Values", b->label);
		odt_cell(x, "Cell", "Chart_20_Values", v);
		if (any_prev) {
			*prev = '\0';
			if (b->previous >= 0)
				doc_value(d, b->previous, prev);
			odt_cell(x, "Cell", "Chart_20_Values", prev);
		}
		vg_buf_puts(&x->body, "</table:table-row>\n");
		free(v);
	}
	vg_buf_puts(&x->body, "</table:table>\n");
}

/* ---- content.xml ----------------------------------------------------- */

/* content.xml into O: the fixed automatic styles, then one pass over
 * the nodes that fills X->autos (tables) and X->body. */
static void
odt_content(struct odt *x, struct vg_buf *o)
{
	const struct vg_doc *d = x->d;
	int li_open[DOC_MAXDEPTH + 1] = { 0 };
	size_t i, k;
	int t;

	for (k = 0; k < sizeof(odt_break_styles) / sizeof(*odt_break_styles);
	    k++)
		vg_buf_printf(&x->autos, "<style:style style:name=\"PB_%s\" "
		    "style:family=\"paragraph\" style:parent-style-name=\"%s\">"
		    "<style:paragraph-properties fo:break-before=\"page\"/>"
		    "</style:style>\n", odt_break_styles[k],
		    odt_break_styles[k]);
	vg_buf_puts(&x->autos, "<style:style style:name=\"Row\" "
	    "style:family=\"table-row\"><style:table-row-properties "
	    "fo:keep-together=\"always\"/></style:style>\n"
	    "<style:style style:name=\"Cell\" style:family=\"table-cell\">"
	    "<style:table-cell-properties fo:padding=\"0.1cm\" "
	    "fo:border=\"0.5pt solid #777777\"/></style:style>\n"
	    "<style:style style:name=\"CellHead\" style:family=\"table-cell\">"
	    "<style:table-cell-properties fo:padding=\"0.1cm\" "
	    "fo:background-color=\"#e6e6e6\" "
	    "fo:border=\"0.5pt solid #777777\"/></style:style>\n"
	    "<style:style style:name=\"Frame\" style:family=\"graphic\">"
	    "<style:graphic-properties style:vertical-pos=\"top\" "
	    "style:vertical-rel=\"baseline\" fo:padding=\"0cm\" "
	    "fo:border=\"none\"/></style:style>\n");
	for (t = VG_DT_L0; t <= VG_DT_BAD; t++)
		vg_buf_printf(&x->autos, "<style:style style:name=\"CellT%d\" "
		    "style:family=\"table-cell\"><style:table-cell-properties "
		    "fo:padding=\"0.1cm\" fo:background-color=\"%s\" "
		    "fo:border-left=\"0.2cm solid %s\" "
		    "fo:border-right=\"0.5pt solid #777777\" "
		    "fo:border-top=\"0.5pt solid #777777\" "
		    "fo:border-bottom=\"0.5pt solid #777777\"/>"
		    "</style:style>\n",
		    t, doc_tone_tint(t), doc_tone_fill(t));

	for (i = 0; i < d->nnodes; i++) {
		const struct doc_node *n = &d->nodes[i];
		struct vg_buf *b = &x->body;

		switch (n->kind) {
		case DOC_HEADING: {
			char style[32];

			snprintf(style, sizeof(style), "Heading_20_%d",
			    n->level);
			odt_p_open(x, "h", style, n->level);
			odt_text(b, n->text);
			vg_buf_puts(b, "</text:h>\n");
			break;
		}
		case DOC_PARA:
			odt_p_open(x, "p", odt_para_style(n->style), 0);
			if (n->style == VG_DS_WARNING)
				vg_buf_puts(b, "\xe2\x9a\xa0 ");
			odt_rich(b, n->strong, n->text);
			vg_buf_puts(b, "</text:p>\n");
			break;
		case DOC_FIELD:
			odt_p_open(x, "p", "Field", 0);
			vg_buf_puts(b, "<text:span "
			    "text:style-name=\"Strong_20_Emphasis\">");
			odt_text(b, n->strong);
			doc_xml(b, doc_word(d, DOC_W_COLON));
			vg_buf_puts(b, "</text:span> ");
			odt_text(b, n->text != NULL ? n->text :
			    "______________________________");
			vg_buf_puts(b, "</text:p>\n");
			break;
		case DOC_LIST_BEGIN:
			/* Nested lists name their style too: they would
			 * take their parent's otherwise. */
			vg_buf_printf(b, "<text:list text:style-name=\"%s\">\n",
			    n->list == VG_DL_ORDERED ? "List_20_Number" :
			    n->list == VG_DL_CHECK ? "List_20_Check" :
			    "List_20_Bullet");
			li_open[n->level] = 0;
			break;
		case DOC_ITEM:
			if (li_open[n->level])
				vg_buf_puts(b, "</text:list-item>\n");
			vg_buf_puts(b, "<text:list-item>");
			odt_p_open(x, "p", "List_20_Contents", 0);
			odt_rich(b, n->strong, n->text);
			vg_buf_puts(b, "</text:p>");
			li_open[n->level] = 1;
			break;
		case DOC_LIST_END:
			if (li_open[n->level])
				vg_buf_puts(b, "</text:list-item>\n");
			li_open[n->level] = 0;
			vg_buf_puts(b, "</text:list>\n");
			break;
		case DOC_TABLE_BEGIN:
			odt_table(x, i);
			break;
		case DOC_ROW:
			odt_row(x, n);
			break;
		case DOC_TABLE_END:
			vg_buf_puts(b, "</table:table>\n");
			break;
		case DOC_BARS:
		case DOC_RADAR:
			odt_bars(x, n);
			break;
		case DOC_PAGEBREAK:
			x->brk = 1;
			break;
		}
	}
	/* ODF wants at least one paragraph. */
	if (d->nnodes == 0)
		vg_buf_puts(&x->body,
		    "<text:p text:style-name=\"Text_20_body\"/>\n");

	vg_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content " ODT_NS ">\n"
	    "<office:automatic-styles>\n");
	vg_buf_add(o, x->autos.p, x->autos.len);
	vg_buf_puts(o, "</office:automatic-styles>\n<office:body>\n"
	    "<office:text>\n");
	vg_buf_add(o, x->body.p, x->body.len);
	vg_buf_puts(o, "</office:text>\n</office:body>\n"
	    "</office:document-content>\n");
}

/* ---- styles.xml ------------------------------------------------------ */

/* A named paragraph style: NAME, its DISPLAY name, PARENT, then the
 * paragraph PROPS and TEXT properties (attribute lists, may be ""). */
static void
odt_pstyle(struct vg_buf *o, const char *name, const char *display,
    const char *parent, const char *next, const char *props,
    const char *text)
{
	vg_buf_printf(o, "<style:style style:name=\"%s\" "
	    "style:display-name=\"", name);
	doc_xml(o, display);
	vg_buf_printf(o, "\" style:family=\"paragraph\" "
	    "style:parent-style-name=\"%s\"", parent);
	if (*next != '\0')
		vg_buf_printf(o, " style:next-style-name=\"%s\"", next);
	vg_buf_puts(o, " style:class=\"text\">");
	if (*props != '\0')
		vg_buf_printf(o, "<style:paragraph-properties %s/>", props);
	if (*text != '\0')
		vg_buf_printf(o, "<style:text-properties %s/>", text);
	vg_buf_puts(o, "</style:style>\n");
}

/* A list style of 6 levels; BULLET is the character, or NULL for
 * numbers "1.". */
static void
odt_list_style(struct vg_buf *o, const char *name, const char *display,
    const char *bullet)
{
	char n1[32];
	int l;

	vg_buf_printf(o, "<text:list-style style:name=\"%s\" "
	    "style:display-name=\"%s\">\n", name, display);
	for (l = 1; l <= DOC_MAXDEPTH; l++) {
		if (bullet != NULL)
			vg_buf_printf(o, "<text:list-level-style-bullet "
			    "text:level=\"%d\" text:bullet-char=\"%s\"%s>", l,
			    bullet, strcmp(bullet, "\xe2\x80\xa2") != 0 ?
			    " text:bullet-relative-size=\"130%\"" : "");
		else
			vg_buf_printf(o, "<text:list-level-style-number "
			    "text:level=\"%d\" style:num-suffix=\".\" "
			    "style:num-format=\"1\">", l);
		vg_buf_printf(o, "<style:list-level-properties "
		    "text:list-level-position-and-space-mode="
		    "\"label-alignment\"><style:list-level-label-alignment "
		    "text:label-followed-by=\"listtab\" "
		    "text:list-tab-stop-position=\"%scm\" "
		    "fo:text-indent=\"-0.7cm\" fo:margin-left=\"%scm\"/>"
		    "</style:list-level-properties>", doc_numstr(0.9 * l, n1),
		    n1);
		if (bullet != NULL)
			vg_buf_puts(o, "<style:text-properties "
			    "style:font-name=\"DejaVu Sans\"/>"
			    "</text:list-level-style-bullet>\n");
		else
			vg_buf_puts(o, "</text:list-level-style-number>\n");
	}
	vg_buf_puts(o, "</text:list-style>\n");
}

/* styles.xml into O: fonts, named styles, the A4 page and its footer. */
static void
odt_styles(const struct vg_doc *d, struct vg_buf *o)
{
	static const double hsize[] = { 1.6, 1.35, 1.17, 1.05, 1, 1 };
	double base = d->large ? 14 : 12;
	char props[256], text[256], n1[32];
	const char *country;
	int l, fr = d->fr;

	country = strncasecmp(d->lang, "fr", 2) == 0 ? "FR" :
	    strncasecmp(d->lang, "en", 2) == 0 ? "GB" : NULL;
	vg_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-styles " ODT_NS ">\n"
	    "<office:font-face-decls>\n"
	    "<style:font-face style:name=\"Liberation Sans\" "
	    "svg:font-family=\"&apos;Liberation Sans&apos;\" "
	    "style:font-family-generic=\"swiss\" "
	    "style:font-pitch=\"variable\"/>\n"
	    "<style:font-face style:name=\"DejaVu Sans\" "
	    "svg:font-family=\"&apos;DejaVu Sans&apos;\" "
	    "style:font-family-generic=\"swiss\" "
	    "style:font-pitch=\"variable\"/>\n"
	    "</office:font-face-decls>\n<office:styles>\n"
	    "<style:default-style style:family=\"paragraph\">"
	    "<style:paragraph-properties style:writing-mode=\"lr-tb\"/>"
	    "<style:text-properties style:font-name=\"Liberation Sans\" ");
	vg_buf_printf(o, "fo:font-size=\"%spt\" fo:hyphenate=\"false\" "
	    "fo:language=\"", doc_numstr(base, n1));
	doc_xml(o, country != NULL ? (fr ? "fr" : "en") : d->lang);
	vg_buf_printf(o, "\" fo:country=\"%s\"/></style:default-style>\n",
	    country != NULL ? country : "none");
	vg_buf_puts(o, "<style:default-style style:family=\"table\">"
	    "<style:table-properties table:border-model=\"collapsing\"/>"
	    "</style:default-style>\n"
	    "<style:style style:name=\"Standard\" style:family=\"paragraph\" "
	    "style:class=\"text\"/>\n");
	odt_pstyle(o, "Text_20_body", "Text body", "Standard", "",
	    "fo:margin-top=\"0cm\" fo:margin-bottom=\"0.25cm\" "
	    "fo:line-height=\"130%\" fo:orphans=\"2\" fo:widows=\"2\"", "");
	odt_pstyle(o, "Heading", "Heading", "Standard", "Text_20_body",
	    "fo:margin-top=\"0.45cm\" fo:margin-bottom=\"0.2cm\" "
	    "fo:keep-with-next=\"always\"", "fo:font-weight=\"bold\"");
	for (l = 1; l <= 6; l++) {
		char name[32], display[32];

		snprintf(name, sizeof(name), "Heading_20_%d", l);
		snprintf(display, sizeof(display), "Heading %d", l);
		snprintf(text, sizeof(text), "fo:font-size=\"%spt\"",
		    doc_numstr(base * hsize[l - 1], n1));
		vg_buf_printf(o, "<style:style style:name=\"%s\" "
		    "style:display-name=\"%s\" style:family=\"paragraph\" "
		    "style:parent-style-name=\"Heading\" "
		    "style:next-style-name=\"Text_20_body\" "
		    "style:default-outline-level=\"%d\" style:class=\"text\">"
		    "<style:text-properties %s/></style:style>\n", name,
		    display, l, text);
	}
	snprintf(text, sizeof(text), "fo:font-size=\"%spt\"",
	    doc_numstr(base * 1.2, n1));
	odt_pstyle(o, "Lead", fr ? "Chapeau" : "Lead", "Text_20_body", "",
	    "fo:margin-bottom=\"0.35cm\"", text);
	snprintf(text, sizeof(text), "fo:font-size=\"%spt\" "
	    "fo:color=\"#444444\"", doc_numstr(base * 0.85, n1));
	odt_pstyle(o, "Note", "Note", "Text_20_body", "", "", text);
	odt_pstyle(o, "Warning", fr ? "Avertissement" : "Warning",
	    "Text_20_body", "", "fo:margin-top=\"0.3cm\" "
	    "fo:margin-bottom=\"0.3cm\" fo:padding=\"0.25cm\" "
	    "fo:border=\"0.08cm solid #000000\" "
	    "fo:border-left=\"0.3cm solid #000000\" "
	    "fo:background-color=\"#fff4e0\" fo:keep-together=\"always\"",
	    "fo:font-weight=\"bold\"");
	odt_pstyle(o, "Important", "Important", "Text_20_body", "", "",
	    "fo:font-weight=\"bold\"");
	odt_pstyle(o, "Field", fr ? "Champ" : "Field", "Text_20_body", "",
	    "fo:margin-bottom=\"0.12cm\" fo:keep-together=\"always\"", "");
	odt_pstyle(o, "List_20_Contents", "List Contents", "Text_20_body", "",
	    "fo:margin-bottom=\"0.12cm\"", "");
	snprintf(text, sizeof(text), "fo:font-size=\"%spt\"",
	    doc_numstr(base * 0.85, n1));
	odt_pstyle(o, "Table_20_Contents", "Table Contents", "Standard", "",
	    "", text);
	odt_pstyle(o, "Table_20_Heading", "Table Heading", "Table_20_Contents",
	    "", "", "fo:font-weight=\"bold\"");
	odt_pstyle(o, "Chart_20_Title", fr ? "Titre de graphique" :
	    "Chart title", "Text_20_body", "", "fo:keep-with-next=\"always\" "
	    "fo:margin-top=\"0.2cm\"", "fo:font-weight=\"bold\"");
	odt_pstyle(o, "Chart", fr ? "Graphique" : "Chart", "Standard", "",
	    "fo:text-align=\"center\" fo:keep-with-next=\"always\" "
	    "fo:margin-bottom=\"0.2cm\"", "");
	snprintf(text, sizeof(text), "fo:font-size=\"%spt\"",
	    doc_numstr(base * 0.85, n1));
	odt_pstyle(o, "Chart_20_Values", fr ? "Valeurs de graphique" :
	    "Chart values", "Table_20_Contents", "", "", text);
	snprintf(props, sizeof(props), "fo:text-align=\"center\"");
	odt_pstyle(o, "Footer", "Footer", "Standard", "", props,
	    "fo:font-size=\"9pt\" fo:color=\"#555555\"");
	vg_buf_puts(o, "<style:style style:name=\"Strong_20_Emphasis\" "
	    "style:display-name=\"Strong Emphasis\" style:family=\"text\">"
	    "<style:text-properties fo:font-weight=\"bold\"/>"
	    "</style:style>\n");
	odt_list_style(o, "List_20_Bullet", "List Bullet", "\xe2\x80\xa2");
	odt_list_style(o, "List_20_Number", "Numbering 123", NULL);
	odt_list_style(o, "List_20_Check", fr ? "Cases \xc3\xa0 cocher" :
	    "Check boxes", "\xe2\x98\x90");
	vg_buf_puts(o, "</office:styles>\n<office:automatic-styles>\n"
	    "<style:page-layout style:name=\"A4\">"
	    "<style:page-layout-properties fo:page-width=\"21cm\" "
	    "fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
	    "fo:margin-top=\"1.6cm\" fo:margin-bottom=\"1.2cm\" "
	    "fo:margin-left=\"2cm\" fo:margin-right=\"2cm\"/>"
	    "<style:footer-style><style:header-footer-properties "
	    "fo:min-height=\"0.6cm\" fo:margin-top=\"0.4cm\"/>"
	    "</style:footer-style></style:page-layout>\n"
	    "</office:automatic-styles>\n<office:master-styles>\n"
	    "<style:master-page style:name=\"Standard\" "
	    "style:page-layout-name=\"A4\"><style:footer>"
	    "<text:p text:style-name=\"Footer\">");
	if (*d->title != '\0') {
		odt_text(o, d->title);
		vg_buf_puts(o, " \xe2\x80\x94 ");
	}
	vg_buf_printf(o, "%s <text:page-number text:select-page=\"current\">1"
	    "</text:page-number> / <text:page-count>1</text:page-count>"
	    "</text:p></style:footer></style:master-page>\n"
	    "</office:master-styles>\n</office:document-styles>\n",
	    doc_word(d, DOC_W_PAGE));
}

/* ---- meta.xml, manifest ---------------------------------------------- */

/* meta.xml into O, dated NOW. */
static void
odt_meta(const struct vg_doc *d, time_t now, struct vg_buf *o)
{
	char date[32];

	vg_time_iso(now, date);
	vg_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-meta "
	    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "office:version=\"1.3\">\n<office:meta>\n"
	    "<meta:generator>vigie/" VG_VERSION "</meta:generator>\n"
	    "<dc:title>");
	doc_xml(o, d->title);
	vg_buf_puts(o, "</dc:title>\n<dc:language>");
	doc_xml(o, d->lang);
	vg_buf_printf(o, "</dc:language>\n<meta:creation-date>%s"
	    "</meta:creation-date>\n<dc:date>%s</dc:date>\n"
	    "</office:meta>\n</office:document-meta>\n", date, date);
}

/* META-INF/manifest.xml into O: every part of the package. */
static void
odt_manifest(const struct odt *x, struct vg_buf *o)
{
	int i;

	vg_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:"
	    "opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n"
	    "<manifest:file-entry manifest:full-path=\"/\" "
	    "manifest:version=\"1.3\" manifest:media-type=\"" ODT_MIME
	    "\"/>\n"
	    "<manifest:file-entry manifest:full-path=\"content.xml\" "
	    "manifest:media-type=\"text/xml\"/>\n"
	    "<manifest:file-entry manifest:full-path=\"styles.xml\" "
	    "manifest:media-type=\"text/xml\"/>\n"
	    "<manifest:file-entry manifest:full-path=\"meta.xml\" "
	    "manifest:media-type=\"text/xml\"/>\n");
	for (i = 0; i < x->npics; i++)
		vg_buf_printf(o, "<manifest:file-entry manifest:full-path=\"%s\" "
		    "manifest:media-type=\"image/svg+xml\"/>\n",
		    x->pics[i].name);
	vg_buf_puts(o, "</manifest:manifest>\n");
}

/* ---- the zip --------------------------------------------------------- */

/* libarchive's output: appended to the vg_buf ARG. */
static la_ssize_t
odt_zip_write(struct archive *a, void *arg, const void *p, size_t n)
{
	(void)a;
	vg_buf_add(arg, p, n);
	return (la_ssize_t)n;
}

/* Adds NAME holding the LEN bytes at P; STORE: without compression. */
static int
odt_zip_add(struct archive *a, const char *name, const void *p, size_t len,
    int store, time_t now, char *err)
{
	struct archive_entry *e;
	int rc = -1;

	e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0600);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, now, 0);
	if ((store ? archive_write_zip_set_compression_store(a) :
	    archive_write_zip_set_compression_deflate(a)) != ARCHIVE_OK ||
	    archive_write_header(a, e) != ARCHIVE_OK ||
	    (len > 0 && archive_write_data(a, p, len) != (la_ssize_t)len)) {
		vg_seterr(err, "cannot build the ODT package (%s): %s", name,
		    archive_error_string(a));
		goto out;
	}
	rc = 0;
out:
	archive_entry_free(e);
	return rc;
}

/* The package into OUT, built in memory; -1 with err set if libarchive
 * fails. Every buffer is freed here. */
static int
odt_render(const struct vg_doc *d, struct vg_buf *out, char *err)
{
	struct odt x;
	struct vg_buf content = { NULL, 0, 0 }, styles = { NULL, 0, 0 };
	struct vg_buf meta = { NULL, 0, 0 }, manifest = { NULL, 0, 0 };
	struct archive *a = NULL;
	time_t now = time(NULL);
	int i, rc = -1;

	memset(&x, 0, sizeof(x));
	x.d = d;
	odt_content(&x, &content);
	odt_styles(d, &styles);
	odt_meta(d, now, &meta);
	odt_manifest(&x, &manifest);

	if ((a = archive_write_new()) == NULL) {
		vg_seterr(err, "cannot build the ODT package: out of memory");
		goto out;
	}
	/* No zip64 extra fields: sizes go in the local headers. */
	archive_write_set_format_zip(a);
	archive_write_set_format_option(a, "zip", "zip64", NULL);
	archive_write_set_bytes_per_block(a, 0);
	if (archive_write_open2(a, out, NULL, odt_zip_write, NULL, NULL) !=
	    ARCHIVE_OK) {
		vg_seterr(err, "cannot build the ODT package: %s",
		    archive_error_string(a));
		goto out;
	}
	if (odt_zip_add(a, "mimetype", ODT_MIME, strlen(ODT_MIME), 1, now,
	    err) == -1 ||
	    odt_zip_add(a, "META-INF/manifest.xml", manifest.p, manifest.len,
	    0, now, err) == -1 ||
	    odt_zip_add(a, "meta.xml", meta.p, meta.len, 0, now, err) == -1 ||
	    odt_zip_add(a, "styles.xml", styles.p, styles.len, 0, now,
	    err) == -1 ||
	    odt_zip_add(a, "content.xml", content.p, content.len, 0, now,
	    err) == -1)
		goto out;
	for (i = 0; i < x.npics; i++)
		if (odt_zip_add(a, x.pics[i].name, x.pics[i].data.p,
		    x.pics[i].data.len, 0, now, err) == -1)
			goto out;
	if (archive_write_close(a) != ARCHIVE_OK) {
		vg_seterr(err, "cannot build the ODT package: %s",
		    archive_error_string(a));
		goto out;
	}
	rc = 0;
out:
	if (a != NULL)
		archive_write_free(a);
	for (i = 0; i < x.npics; i++) {
		free(x.pics[i].name);
		free(x.pics[i].data.p);
	}
	free(x.pics);
	free(x.autos.p);
	free(x.body.p);
	free(content.p);
	free(styles.p);
	free(meta.p);
	free(manifest.p);
	return rc;
}

const struct doc_writer doc_odt_writer = { "odt", 0, odt_render };
