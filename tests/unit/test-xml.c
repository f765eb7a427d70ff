/*
 * test-xml.c — the safe XML loader: hostile documents refused with the
 * file and line, schema errors located, bilingual text chosen by language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"
#include "testutil.h"

static char *
write_tmp(const char *name, const char *text)
{
	char err[VG_ERRLEN], *path = tu_path(name);

	assert_int_equal(vg_write_file(path, text, strlen(text), err), 0);
	return path;
}

static const char rng[] =
"<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n"
"  <start><element name=\"list\"><oneOrMore>\n"
"    <element name=\"item\"><attribute name=\"id\"/>\n"
"      <oneOrMore><element name=\"title\">\n"
"        <attribute name=\"xml:lang\"/><text/></element></oneOrMore>\n"
"    </element></oneOrMore></element></start>\n"
"</grammar>\n";

static void
test_valid_and_text(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *schema, *path, *s;
	xmlDocPtr doc;
	xmlNodePtr item;

	schema = write_tmp("list.rng", rng);
	path = write_tmp("ok.xml", "<?xml version=\"1.0\"?>\n<list>\n"
	    "<item id=\"q1\"><title xml:lang=\"fr\"> Sauvegardes </title>"
	    "<title xml:lang=\"en\">Backups</title></item>\n"
	    "<item id=\"q2\"><title xml:lang=\"en\">Only English</title>"
	    "</item>\n</list>\n");
	doc = vg_xml_load(path, schema, err);
	assert_non_null(doc);
	item = vg_xml_child(xmlDocGetRootElement(doc), "item");
	assert_non_null(item);
	s = vg_xml_attr(item, "id");
	assert_string_equal(s, "q1");
	free(s);

	assert_int_equal(vg_i18n_init("fr", err), 0);
	s = vg_xml_text(item, "title");
	assert_string_equal(s, "Sauvegardes");		/* trimmed */
	free(s);
	assert_int_equal(vg_i18n_init("en", err), 0);
	s = vg_xml_text(item, "title");
	assert_string_equal(s, "Backups");
	free(s);
	/* Falls back to the language that exists. */
	assert_int_equal(vg_i18n_init("fr", err), 0);
	s = vg_xml_text(vg_xml_next(item, "item"), "title");
	assert_string_equal(s, "Only English");
	free(s);
	assert_int_equal(vg_xml_line(item), 3);
	xmlFreeDoc(doc);
	free(schema);
	free(path);
}

static void
test_schema_error_has_line(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *schema, *path;

	schema = write_tmp("list.rng", rng);
	path = write_tmp("bad.xml", "<list>\n<item id=\"a\">\n"
	    "<title xml:lang=\"fr\">x</title>\n<oops/>\n</item>\n</list>\n");
	assert_null(vg_xml_load(path, schema, err));
	assert_non_null(strstr(err, "bad.xml:4:"));
	assert_non_null(strstr(err, "oops"));
	free(schema);
	free(path);
}

static void
expect_refused(const char *text, const char *want)
{
	char err[VG_ERRLEN];

	assert_null(vg_xml_load_mem(text, strlen(text), "t.xml", NULL, err));
	if (strstr(err, want) == NULL)
		fail_msg("error '%s' lacks '%s'", err, want);
}

static void
test_hostile(void **state)
{
	(void)state;
	char err[VG_ERRLEN];

	vg_i18n_init("en", err);
	/* Entity-expansion bomb and external entities: DOCTYPE refused. */
	expect_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE l [\n"
	    "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
	    "<l>&b;</l>", "t.xml:2: a DOCTYPE is not accepted");
	expect_refused("<!DOCTYPE r [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><r>&x;</r>", "DOCTYPE");
	expect_refused("<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/x.dtd\"><r/>",
	    "DOCTYPE");
	/* Undeclared entity, broken UTF-8, truncation, empty input. */
	expect_refused("<r>&x;</r>", "t.xml:1:");
	expect_refused("<r>\xff\xfe</r>", "t.xml:1:");
	expect_refused("<r><a>", "t.xml:1:");
	expect_refused("", "t.xml");
}

static void
test_missing_file(void **state)
{
	(void)state;
	char err[VG_ERRLEN];

	assert_null(vg_xml_load("/nonexistent/q.xml", NULL, err));
	assert_non_null(strstr(err, "/nonexistent/q.xml"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_and_text),
		cmocka_unit_test(test_schema_error_has_line),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
