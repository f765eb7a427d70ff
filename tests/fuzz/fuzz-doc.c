/*
 * fuzz-doc.c — the document writers on arbitrary text. Reports carry
 * text from outside (file names, DNS records, YARA rule names, what a
 * contractor typed), so the writers are where it must stop being able to
 * turn into markup. The input is read as a list of operations, each with
 * a text; the document is rendered in the three formats and checked:
 * HTML and Markdown valid UTF-8 with no tag but the writer's own, every
 * XML part of the ODT package well-formed.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/doc.h"
#include "vigie/util.h"
#include "../../lib/doc-int.h"

#define SEP	0x1e	/* separates the operations of the input */

/* Tags the HTML writer itself emits (inline SVG included). */
static const char *const html_tags[] = {
	"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main",
	"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "br",
	"dl", "dt", "dd", "ul", "ol", "li", "table", "thead", "tbody", "tr",
	"th", "td", "figure", "figcaption", "svg", "defs", "pattern", "path",
	"rect", "text", "g", NULL,
};

static void
check_html(const char *s, size_t len)
{
	const char *p;
	size_t i, n;

	if (!vg_utf8_valid(s, len))
		abort();
	for (p = s; (p = strchr(p, '<')) != NULL; p++) {
		const char *t = p[1] == '/' ? p + 2 : p + 1;

		for (i = 0; html_tags[i] != NULL; i++) {
			n = strlen(html_tags[i]);
			if (strncmp(t, html_tags[i], n) == 0 &&
			    strchr(" >/", t[n]) != NULL)
				break;
		}
		if (html_tags[i] == NULL)
			abort();
	}
}

static void
check_md(const char *s, size_t len)
{
	const char *p;

	if (!vg_utf8_valid(s, len))
		abort();
	for (p = s; (p = strchr(p, '<')) != NULL; p++)
		if (!(p > s && p[-1] == '\\') && strncmp(p, "<br>", 4) != 0 &&
		    strncmp(p, "<!-- -->", 8) != 0)
			abort();
}

static void
check_odt(const char *zip, size_t len)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *buf;
	int n = 0;

	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, zip, len) != ARCHIVE_OK)
		abort();
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		la_int64_t size = archive_entry_size(e);
		size_t nl = strlen(name);
		xmlDocPtr x;

		n++;
		if (nl < 4 || (strcmp(name + nl - 4, ".xml") != 0 &&
		    strcmp(name + nl - 4, ".svg") != 0))
			continue;
		buf = xmalloc(size + 1);
		if (archive_read_data(a, buf, size) != size)
			abort();
		x = xmlReadMemory(buf, (int)size, name, NULL, XML_PARSE_NONET |
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (x == NULL)
			abort();
		xmlFreeDoc(x);
		free(buf);
	}
	archive_read_free(a);
	if (n < 5)
		abort();
}

/* The next text of the input (up to SEP), owned by the caller. */
static char *
next_text(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *s = *p;

	while (*p < end && **p != SEP)
		(*p)++;
	/* Texts are C strings: a NUL byte ends one early, as it would for
	 * any caller. */
	return xstrndup((const char *)s, *p - s);
}

static void
render(const struct vg_doc *d, const struct doc_writer *w,
    void (*check)(const char *, size_t))
{
	struct vg_buf out = { NULL, 0, 0 };
	char err[VG_ERRLEN];

	if (w->render(d, &out, err) == -1)
		abort();
	check(out.p != NULL ? out.p : "", out.len);
	free(out.p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const uint8_t *p = data, *end = data + len;
	struct vg_doc *d;
	char *title, *t[4];
	int depth = 0, items = 0, cols = 0, i;

	title = next_text(&p, end);
	d = vg_doc_new(title, len > 0 && data[0] & 1 ? "en" : "fr");
	free(title);
	while (p < end) {
		uint8_t op;

		p++;			/* the separator */
		if (p >= end)
			break;
		op = *p++;
		for (i = 0; i < 4; i++)
			t[i] = NULL;
		t[0] = next_text(&p, end);
		switch (op % 13) {
		case 0:
			vg_doc_heading(d, op / 13 % 8, t[0]);
			depth = cols = 0;
			break;
		case 1:
			vg_doc_para(d, op / 13 % 5, t[0]);
			depth = cols = 0;
			break;
		case 2:
			vg_doc_para_strong(d, op / 13 % 5, t[0],
			    t[0] + strlen(t[0]) / 2);
			depth = cols = 0;
			break;
		case 3:
			vg_doc_field(d, t[0], op & 0x40 ? NULL : t[0]);
			depth = cols = 0;
			break;
		case 4:
			if (depth > 0 && items == 0)
				break;		/* nesting needs an item */
			if (depth == 6)
				break;
			vg_doc_list_begin(d, op / 13 % 3);
			depth++;
			items = 0;
			cols = 0;
			break;
		case 5:
		case 6:
			if (depth == 0)
				break;
			if (op % 13 == 5)
				vg_doc_item(d, t[0]);
			else
				vg_doc_item_strong(d, t[0], t[0]);
			items++;
			break;
		case 7:
			if (depth == 0)
				break;
			vg_doc_list_end(d);
			depth--;
			items = 1;
			break;
		case 8:
			cols = 1 + op / 13 % 4;
			for (i = 0; i < cols; i++)
				t[i] = t[i] != NULL ? t[i] : xstrdup(t[0]);
			vg_doc_table_begin(d, cols, op & 0x80 ? NULL :
			    (const char *const *)t);
			depth = 0;
			break;
		case 9:
			if (cols == 0)
				break;
			for (i = 0; i < cols; i++)
				t[i] = t[i] != NULL ? t[i] : xstrdup(t[0]);
			vg_doc_row(d, (const char *const *)t, op / 13 % 9);
			break;
		case 10:
			if (cols == 0)
				break;
			vg_doc_table_end(d);
			cols = 0;
			break;
		case 11: {
			struct vg_doc_bar b[3];

			for (i = 0; i < 3; i++) {
				b[i].label = t[0];
				b[i].value = (double)(op % 7) - 1 + i * 0.37;
				b[i].previous = (double)(op % 5) - 1;
				b[i].text = op & 0x20 ? t[0] : NULL;
				b[i].tone = (op + i) % 9;
			}
			vg_doc_bars(d, b, 1 + op / 13 % 3, op % 6, op & 0x10 ?
			    t[0] : NULL);
			depth = cols = 0;
			break;
		}
		default:
			vg_doc_pagebreak(d);
			depth = cols = 0;
			break;
		}
		for (i = 0; i < 4; i++)
			free(t[i]);
	}
	/* vg_doc_write() closes what is open; the writers expect it. */
	while (depth-- > 0)
		vg_doc_list_end(d);
	if (cols > 0)
		vg_doc_table_end(d);
	render(d, &doc_html_writer, check_html);
	render(d, &doc_md_writer, check_md);
	render(d, &doc_odt_writer, check_odt);
	vg_doc_free(d);
	return 0;
}
