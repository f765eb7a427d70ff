/*
 * fuzz-xml.c — the safe XML loader (lib/xml.c) on arbitrary bytes: it
 * must refuse or accept without crashing, leaking or fetching anything.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/xml.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char err[VG_ERRLEN];
	xmlDocPtr doc;
	xmlNodePtr root, n;
	char *s;

	doc = vg_xml_load_mem((const char *)data, len, "fuzz.xml", NULL, err);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	VG_XML_FOREACH(n, root, NULL) {
		free(vg_xml_attr(n, "id"));
		s = vg_xml_text(n, "title");
		free(s);
	}
	xmlFreeDoc(doc);
	return 0;
}
