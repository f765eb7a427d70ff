/*
 * xml.h — loading XML safely with libxml2 and reading bilingual data.
 *
 * Every document vigie reads, ours or a stranger's, goes through
 * vg_xml_load*: no DTD is accepted (so no entities, no entity bombs), no
 * network, no external loading; input must be well-formed UTF-8 (or
 * declare its encoding); optional RELAX NG validation. Errors name the
 * file and line.
 */
#ifndef VIGIE_XML_H
#define VIGIE_XML_H

#include <stddef.h>
#include <stdlib.h>
#include <libxml/tree.h>

/*
 * Parse PATH (or BUF/LEN, called NAME in messages) and, if SCHEMA is not
 * NULL, validate it against that RELAX NG file. Returns a document owned
 * by the caller (xmlFreeDoc) or NULL with err set to "NAME:LINE: cause".
 */
/* vg_xml_load() reads only a regular file of at most this size. */
#define VG_XML_MAX	(16u << 20)
xmlDocPtr	 vg_xml_load(const char *path, const char *schema, char *err);
xmlDocPtr	 vg_xml_load_mem(const char *buf, size_t len, const char *name,
		    const char *schema, char *err);

/*
 * Free what libxml2 returned (xmlGetProp, xmlNodeGetLang...). libxml2's
 * xmlFree is free() as vigie never calls xmlMemSetup; it is a variable,
 * which lib/lazylib.c cannot forward, so it is not used.
 */
#define VG_XML_FREE(p)	free(p)

/* First child element of PARENT named NAME (any when NAME is NULL). */
xmlNodePtr	 vg_xml_child(xmlNodePtr parent, const char *name);
/* Next sibling element after NODE with the same name (or any if NULL). */
xmlNodePtr	 vg_xml_next(xmlNodePtr node, const char *name);
#define VG_XML_FOREACH(n, parent, name)				\
	for ((n) = vg_xml_child((parent), (name)); (n) != NULL;	\
	    (n) = vg_xml_next((n), (name)))

/* Attribute value, owned by the caller (free), or NULL. */
char		*vg_xml_attr(xmlNodePtr, const char *name);
/* Text content of NODE, whitespace trimmed, owned by the caller. */
char		*vg_xml_content(xmlNodePtr);

/*
 * Bilingual text: among the children of PARENT named NAME, the one whose
 * xml:lang is the current language, else "fr", else "en", else the first.
 * Returns its trimmed text, owned by the caller, or NULL if none.
 */
char		*vg_xml_text(xmlNodePtr parent, const char *name);
/* The same for a given language ("fr" or "en"). */
char		*vg_xml_text_lang(xmlNodePtr parent, const char *name,
		    const char *lang);

/* Line of NODE in its file. */
long		 vg_xml_line(xmlNodePtr);

#endif
