/*
 * xml.c — the only way vigie reads XML. libxml2 is asked for no network,
 * no entity substitution and no DTD loading, and a document that carries
 * a DOCTYPE at all is refused at its first line: none of vigie's formats
 * needs one, and that shuts out external entities and entity-expansion
 * bombs before they are parsed. Optional RELAX NG validation. Errors are
 * "FILE:LINE: cause".
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "vigie/base.h"
#include "vigie/data.h"
#include "vigie/i18n.h"
#include "vigie/xml.h"

#define XML_OPTIONS	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | \
			 XML_PARSE_NOWARNING)

/* What the error handlers collect for one load. */
struct xml_errors {
	const char	*name;
	char		 first[VG_ERRLEN];
	int		 count;
	int		 doctype;	/* a DOCTYPE was seen */
	int		 line;
};

static xmlExternalEntityLoader default_loader;
/* The load in progress on this thread, for the error handlers. */
static __thread struct xml_errors *xml_cur;

/* Schemas may include local files; nothing is ever fetched. */
static xmlParserInputPtr
xml_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (url != NULL && (strncmp(url, "http:", 5) == 0 ||
	    strncmp(url, "https:", 6) == 0 || strncmp(url, "ftp:", 4) == 0))
		return NULL;
	return default_loader(url, id, ctxt);
}

static void
xml_init_once(void)
{
	xmlInitParser();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xml_loader);
}

static void
xml_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xml_init_once);
}

/* libxml2 prints what has no structured handler: nothing, here. */
static void
xml_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void
xml_error(void *arg, xmlErrorPtr e)
{
	struct xml_errors *xe = arg != NULL ? arg : xml_cur;
	char msg[512];
	size_t n;

	if (xe == NULL || e == NULL || e->level == XML_ERR_WARNING)
		return;
	/* Keep the first error; a later one that knows its line replaces
	 * a first one that does not (RELAX NG reports "failed to validate
	 * attributes" without a line, then the attribute with it). */
	if (xe->count++ > 0 && (xe->line > 0 || (e->line <= 0 &&
	    e->node == NULL)))
		return;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "?");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	xe->line = e->line;
	/* Some RELAX NG errors (attributes) carry the node, not the line. */
	if (xe->line <= 0 && e->node != NULL &&
	    ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		xe->line = (int)xmlGetLineNo((xmlNodePtr)e->node);
	if (xe->line > 0)
		snprintf(xe->first, sizeof xe->first, "%s:%d: %s", xe->name,
		    xe->line, msg);
	else
		snprintf(xe->first, sizeof xe->first, "%s: %s", xe->name, msg);
}

/* SAX hook: a DOCTYPE stops the parse before anything in it is read. */
static void
xml_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	(void)eid;
	(void)name;
	(void)sid;
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_errors *xe = xml_cur;

	xe->doctype = 1;
	xe->line = xmlSAX2GetLineNumber(ctxt);
	xmlStopParser(ctxt);
}

static int
xml_validate(xmlDocPtr doc, const char *schema, struct xml_errors *xe,
    char *err)
{
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr rng = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	struct xml_errors se = { .name = schema };
	int rc = -1;

	if (vg_builtin_is(schema)) {
		const struct vg_blob *b = vg_builtin_find(schema);

		if (b == NULL) {
			vg_seterr(err, _("%s: missing (no such built-in "
			    "file)"), schema);
			return -1;
		}
		pctxt = xmlRelaxNGNewMemParserCtxt(b->data, (int)b->len);
	} else if (access(schema, F_OK) == -1) {
		vg_seterr(err, _("%s: the schema cannot be read: %s"), schema,
		    errno == ENOENT ? _("missing (no such file)") :
		    strerror(errno));
		return -1;
	} else
		pctxt = xmlRelaxNGNewParserCtxt(schema);
	if (pctxt == NULL)
		fatal("out of memory (RELAX NG)");
	xmlRelaxNGSetParserStructuredErrors(pctxt, xml_error, &se);
	if ((rng = xmlRelaxNGParse(pctxt)) == NULL) {
		vg_seterr(err, _("%s: the schema cannot be read: %s"), schema,
		    se.count ? se.first : _("unknown cause"));
		goto out;
	}
	if ((vctxt = xmlRelaxNGNewValidCtxt(rng)) == NULL)
		fatal("out of memory (RELAX NG)");
	xmlRelaxNGSetValidStructuredErrors(vctxt, xml_error, xe);
	if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
		if (xe->count > 1)
			vg_seterr(err, vg_ngettext("%s (and %d more problem; "
			    "does not follow %s)", "%s (and %d more problems; "
			    "does not follow %s)", (unsigned long)(xe->count -
			    1)), xe->first, xe->count - 1, schema);
		else
			vg_seterr(err, _("%s (does not follow %s)"),
			    xe->count ? xe->first : xe->name, schema);
		goto out;
	}
	rc = 0;
out:
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return rc;
}

/* Parse from a file (BUF NULL) or memory; then validate. */
static xmlDocPtr
xml_load(const char *path, const char *buf, size_t len, const char *name,
    const char *schema, char *err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	struct xml_errors xe = { .name = name };

	/* A built-in data file is parsed from memory. */
	if (buf == NULL && vg_builtin_is(path)) {
		const struct vg_blob *b = vg_builtin_find(path);

		if (b == NULL) {
			vg_seterr(err, _("%s: missing (no such built-in "
			    "file)"), path);
			return NULL;
		}
		buf = b->data, len = b->len;
	}
	xml_init();
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		fatal("out of memory (XML parser)");
	xml_cur = &xe;
	ctxt->sax->internalSubset = xml_refuse_doctype;
	ctxt->sax->externalSubset = xml_refuse_doctype;
	ctxt->sax->serror = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	/* Per thread in libxml2: set on every load. */
	xmlSetGenericErrorFunc(NULL, xml_silent);
	xmlSetStructuredErrorFunc(NULL, xml_error);
	if (buf == NULL)
		doc = xmlCtxtReadFile(ctxt, path, NULL, XML_OPTIONS);
	else if (len > (size_t)INT32_MAX)
		xe.count = 1, snprintf(xe.first, sizeof xe.first,
		    "%s: too large", name);
	else
		doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
		    XML_OPTIONS);
	xml_cur = NULL;

	if (xe.doctype) {
		vg_seterr(err, _("%s:%d: a DOCTYPE is not accepted (entities "
		    "and external references are refused)"), name, xe.line);
		goto fail;
	}
	if (doc == NULL || !ctxt->wellFormed || xe.count > 0) {
		if (xe.count > 0)
			vg_seterr(err, "%s", xe.first);
		else
			vg_seterr(err, _("%s: cannot be read as XML"), name);
		goto fail;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		vg_seterr(err, _("%s: empty document"), name);
		goto fail;
	}
	if (schema != NULL && xml_validate(doc, schema, &xe, err) == -1)
		goto fail;
	xmlFreeParserCtxt(ctxt);
	return doc;
fail:
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return NULL;
}

xmlDocPtr
vg_xml_load(const char *path, const char *schema, char *err)
{
	struct stat st;

	/* A file named by data or the user: a regular file of a sane size
	 * (libxml2 would read /dev/zero, or 100 MB into 600 MB of tree). */
	if (vg_builtin_is(path))	/* in the binary, see data.h */
		return xml_load(path, NULL, 0, path, schema, err);
	if (stat(path, &st) == -1) {
		if (errno == ENOENT)
			vg_seterr(err, _("%s: missing (no such file)"), path);
		else
			vg_seterr(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		vg_seterr(err, _("%s: not a regular file"), path);
		return NULL;
	}
	if (st.st_size > (off_t)VG_XML_MAX) {
		vg_seterr(err, _("%s: larger than %u MB, not read"), path,
		    VG_XML_MAX >> 20);
		return NULL;
	}
	return xml_load(path, NULL, 0, path, schema, err);
}

xmlDocPtr
vg_xml_load_mem(const char *buf, size_t len, const char *name,
    const char *schema, char *err)
{
	return xml_load(NULL, buf, len, name, schema, err);
}

/* ---- Walking ------------------------------------------------------ */

static int
xml_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    (name == NULL || xmlStrcmp(n->name, (const xmlChar *)name) == 0);
}

xmlNodePtr
vg_xml_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	if (parent == NULL)
		return NULL;
	for (n = parent->children; n != NULL; n = n->next)
		if (xml_is(n, name))
			return n;
	return NULL;
}

xmlNodePtr
vg_xml_next(xmlNodePtr node, const char *name)
{
	xmlNodePtr n;

	for (n = node->next; n != NULL; n = n->next)
		if (xml_is(n, name))
			return n;
	return NULL;
}

char *
vg_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if (n == NULL || (v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	VG_XML_FREE(v);
	return s;
}

char *
vg_xml_content(xmlNodePtr n)
{
	xmlChar *v;
	const char *b, *e;
	char *s;

	if (n == NULL || (v = xmlNodeGetContent(n)) == NULL)
		return NULL;
	b = (const char *)v;
	while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	s = xstrndup(b, (size_t)(e - b));
	VG_XML_FREE(v);
	return s;
}

/* The language of N: its own or inherited xml:lang. */
static int
xml_lang_is(xmlNodePtr n, const char *lang)
{
	xmlChar *l;
	int r;

	if ((l = xmlNodeGetLang(n)) == NULL)
		return 0;
	r = xmlStrncmp(l, (const xmlChar *)lang, 2) == 0;
	VG_XML_FREE(l);
	return r;
}

char *
vg_xml_text_lang(xmlNodePtr parent, const char *name, const char *lang)
{
	xmlNodePtr n;

	VG_XML_FOREACH(n, parent, name)
		if (xml_lang_is(n, lang))
			return vg_xml_content(n);
	return NULL;
}

char *
vg_xml_text(xmlNodePtr parent, const char *name)
{
	char *s;

	if ((s = vg_xml_text_lang(parent, name, vg_lang())) != NULL)
		return s;
	if ((s = vg_xml_text_lang(parent, name, "fr")) != NULL)
		return s;
	if ((s = vg_xml_text_lang(parent, name, "en")) != NULL)
		return s;
	return vg_xml_content(vg_xml_child(parent, name));
}

long
vg_xml_line(xmlNodePtr n)
{
	return xmlGetLineNo(n);
}
