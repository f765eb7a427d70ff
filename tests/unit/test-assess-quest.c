/*
 * test-assess-quest.c — the questionnaire loader: the shipped file loads
 * in both languages and keeps the promises of issue 3 (10 domains, 55-65
 * questions of 3 to 5 answers, a quick mode of about 12, every text in
 * French and English); broken and hostile files are refused with the
 * file, the line and the cause.
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
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"
#include "testutil.h"

static int
setup(void **state)
{
	char cwd[4096], *data;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof cwd));
	data = xasprintf("%s/rules", cwd);
	setenv("VIGIE_DATA", data, 1);
	free(data);
	return 0;
}

static void
test_shipped_fr(void **state)
{
	(void)state;
	char err[VG_ERRLEN];
	struct quest *q;
	int i, quick = 0, socle = 0;

	assert_int_equal(vg_i18n_init("fr", err), 0);
	q = quest_load(NULL, err);
	if (q == NULL)
		fail_msg("%s", err);
	assert_string_equal(q->id, "communes");
	assert_int_equal(q->ndomains, 10);
	/* 76 since issue 16: 67, five questions split in 11, and ACC-12,
	 * PC-8, NET-12 (docs/scoring.md) */
	assert_int_equal(q->nquestions, 76);
	assert_true(q->nasks >= 9);
	for (i = 0; i < q->nquestions; i++) {
		const struct quest_question *qq = &q->questions[i];

		assert_in_range(qq->nchoices, 3, 5);
		assert_non_null(qq->why);
		assert_non_null(qq->measure);
		assert_non_null(qq->measure->step);
		assert_in_range(qq->weight, 1, 3);
		quick += qq->quick;
		socle += qq->weight == 3;
		/* the lowest answer is "nothing in place" */
		assert_int_equal(qq->choices[0].level, 0);
	}
	assert_int_equal(quick, 15);	/* NET-5 joined in issue 16 */
	assert_int_equal(quest_count(q, 1), quick);
	assert_int_equal(socle, 9);	/* NET-5 weighs 3 (MonAideCyber) */
	{
		static const struct { const char *id; int n; } per[] = {
			{ "GOV", 8 }, { "INV", 6 }, { "ACC", 11 }, { "PC", 8 },
			{ "BAK", 6 }, { "MAIL", 6 }, { "NET", 10 },
			{ "SUP", 7 }, { "INC", 8 }, { "DATA", 6 },
		};

		for (i = 0; i < q->ndomains; i++) {
			assert_string_equal(q->domains[i].id, per[i].id);
			assert_int_equal(q->domains[i].nquestions, per[i].n);
		}
	}
	/* Split questions name the question they replace (issue 16). */
	assert_null(quest_question(q, "NET-4"));
	assert_string_equal(quest_question(q, "NET-11")->replaces, "NET-4");
	assert_null(quest_question(q, "PC-8")->replaces);
	/* French texts are French. */
	assert_non_null(strstr(quest_question(q, "BAK-1")->text,
	    "sauvegard"));
	quest_free(q);
}

static void
test_shipped_en(void **state)
{
	(void)state;
	char err[VG_ERRLEN];
	struct quest *q;

	assert_int_equal(vg_i18n_init("en", err), 0);
	q = quest_load(NULL, err);
	if (q == NULL)
		fail_msg("%s", err);
	assert_non_null(strstr(quest_question(q, "BAK-1")->text, "backed up"));
	assert_string_equal(quest_question(q, "BAK-1")->choices[0].label,
	    "No, there is no backup");
	quest_free(q);
	assert_int_equal(vg_i18n_init("fr", err), 0);
}

/* Every French text of the shipped file has an English sibling. */
static int
both_languages(xmlNodePtr n, char *where, size_t size)
{
	xmlNodePtr c, d;
	xmlChar *l;
	int fr, en;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((l = xmlNodeGetLang(c)) != NULL &&
		    xmlStrcmp(l, (const xmlChar *)"fr") == 0) {
			fr = en = 0;
			for (d = n->children; d != NULL; d = d->next) {
				xmlChar *m;

				if (d->type != XML_ELEMENT_NODE ||
				    xmlStrcmp(d->name, c->name) != 0)
					continue;
				if ((m = xmlNodeGetLang(d)) != NULL) {
					fr += xmlStrcmp(m,
					    (const xmlChar *)"fr") == 0;
					en += xmlStrcmp(m,
					    (const xmlChar *)"en") == 0;
					VG_XML_FREE(m);
				}
			}
			if (fr != 1 || en != 1) {
				snprintf(where, size, "line %ld <%s>",
				    vg_xml_line(c), (const char *)c->name);
				VG_XML_FREE(l);
				return -1;
			}
		}
		VG_XML_FREE(l);
		if (both_languages(c, where, size) == -1)
			return -1;
	}
	return 0;
}

static void
test_shipped_bilingual(void **state)
{
	(void)state;
	char err[VG_ERRLEN], where[128] = "", *path;
	xmlDocPtr doc;

	path = vg_data_path("questionnaire/communes.xml");
	doc = vg_xml_load(path, NULL, err);
	assert_non_null(doc);
	if (both_languages(xmlDocGetRootElement(doc), where,
	    sizeof where) == -1)
		fail_msg("%s: %s lacks its French/English pair", path, where);
	xmlFreeDoc(doc);
	free(path);
}

/* ---- Broken and hostile files ------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
static const char good[] = HEAD
"<questionnaire id=\"t\" version=\"1\">\n"				/* 2 */
"  <title xml:lang=\"fr\">Test</title>\n"
"  <terms><term name=\"provider\"><text xml:lang=\"fr\">le presta"
"</text></term></terms>\n"						/* 4 */
"  <context><ask id=\"C-WIFI\"><text xml:lang=\"fr\">Wi-Fi ?</text>\n"
"    <option value=\"yes\"><label xml:lang=\"fr\">Oui</label></option>\n"
"    <option value=\"no\"><label xml:lang=\"fr\">Non</label></option>\n"
"  </ask></context>\n"							/* 8 */
"  <domain id=\"D\"><name xml:lang=\"fr\">Domaine</name>\n"
"    <question id=\"Q-1\" weight=\"3\" measure=\"M-1\">\n"		/* 10 */
"      <text xml:lang=\"fr\">Demander à {provider} ?</text>\n"
"      <why xml:lang=\"fr\">Parce que.</why>\n"
"      <choice level=\"0\"><label xml:lang=\"fr\">Non</label></choice>\n"
"      <choice level=\"3\"><label xml:lang=\"fr\">Oui</label></choice>\n"
"      <na-if ask=\"C-WIFI\" value=\"no\"/>\n"			/* 15 */
"    </question>\n"
"  </domain>\n"
"  <measures><measure id=\"M-1\" priority=\"1\" who=\"provider\" "
"effort=\"hour\" cost=\"0\"><title xml:lang=\"fr\">Faire</title>"
"<why xml:lang=\"fr\">Car.</why><step xml:lang=\"fr\">Pas.</step>"
"</measure></measures>\n"
"</questionnaire>\n";

/* GOOD with the first FROM replaced by TO. */
static char *
mutate(const char *from, const char *to)
{
	const char *p = strstr(good, from);
	char *s;

	assert_non_null(p);
	s = xasprintf("%.*s%s%s", (int)(p - good), good, to, p + strlen(from));
	return s;
}

/* Loading TEXT from a file named NAME fails with EXPECT in the error. */
static void
refused(const char *name, const char *text, size_t len, const char *expect)
{
	char err[VG_ERRLEN], *path = tu_path(name);
	struct quest *q;

	assert_int_equal(vg_write_file(path, text, len, err), 0);
	q = quest_load(path, err);
	if (q != NULL)
		fail_msg("%s was accepted", name);
	if (strstr(err, expect) == NULL)
		fail_msg("error for %s: \"%s\" lacks \"%s\"", name, err,
		    expect);
	if (strstr(err, path) == NULL)
		fail_msg("error for %s does not name the file: %s", name, err);
	free(path);
}

static void
test_good_minimal(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *path = tu_path("good.xml"), *s;
	struct answers *a;
	struct quest *q;

	assert_int_equal(vg_write_file(path, good, strlen(good), err), 0);
	q = quest_load(path, err);
	if (q == NULL)
		fail_msg("%s", err);
	assert_int_equal(q->nquestions, 1);
	assert_int_equal(q->questions[0].weight, 3);
	assert_int_equal(q->questions[0].line, 10);
	a = answers_new(q);
	s = answers_subst(a, q->questions[0].text);
	assert_string_equal(s, "Demander à le presta ?");
	free(s);
	s = answers_subst(a, "{Provider} et {unknown} {");
	assert_string_equal(s, "Le presta et {unknown} {");
	free(s);
	assert_false(answers_auto_na(a, &q->questions[0]));
	a->ctx[0] = xstrdup("no");
	assert_true(answers_auto_na(a, &q->questions[0]));
	assert_int_equal(answers_get(a, &q->questions[0]), AS_NA);
	answers_free(a);
	quest_free(q);
	free(path);
}

static void
test_broken(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *s;

	assert_int_equal(vg_i18n_init("en", err), 0);
	/* schema errors: the line of the offending element */
	s = mutate("<why xml:lang=\"fr\">Parce que.</why>", "");
	refused("nowhy.xml", s, strlen(s), ":13:");
	free(s);
	s = mutate("weight=\"3\"", "weight=\"7\"");
	refused("weight.xml", s, strlen(s), ":10:");
	free(s);
	s = mutate("<choice level=\"3\">", "<choix level=\"3\">");
	refused("element.xml", s, strlen(s), ":14:");
	free(s);
	/* what the schema cannot see */
	s = mutate("measure=\"M-1\"", "measure=\"M-404\"");
	refused("measure.xml", s, strlen(s), ":10: question 'Q-1' names "
	    "measure 'M-404'");
	free(s);
	s = mutate("<choice level=\"3\">", "<choice level=\"0\">");
	refused("twice.xml", s, strlen(s), ":14: question 'Q-1' has two "
	    "answers at level 0");
	free(s);
	s = mutate("<na-if ask=\"C-WIFI\" value=\"no\"/>",
	    "<na-if ask=\"C-WIFI\" value=\"maybe\"/>");
	refused("naif.xml", s, strlen(s), ":15: context question 'C-WIFI' "
	    "has no option 'maybe'");
	free(s);
	s = mutate("{provider}", "{prestataire}");
	refused("term.xml", s, strlen(s), ":10: unknown term {prestataire}");
	free(s);
	s = mutate("</domain>", "</domain><domain id=\"D\"><name xml:lang="
	    "\"fr\">Bis</name><question id=\"Q-1\" weight=\"1\" measure="
	    "\"M-1\"><text xml:lang=\"fr\">T</text><why xml:lang=\"fr\">W"
	    "</why><choice level=\"0\"><label xml:lang=\"fr\">a</label>"
	    "</choice><choice level=\"1\"><label xml:lang=\"fr\">b</label>"
	    "</choice></question></domain>");
	refused("dup.xml", s, strlen(s), "appears twice");
	free(s);
	/* a question cannot replace one that is still there */
	s = mutate("measure=\"M-1\"", "measure=\"M-1\" replaces=\"Q-1\"");
	refused("replaces.xml", s, strlen(s), ":10: question 'Q-1' replaces "
	    "'Q-1', which is still in the questionnaire");
	free(s);
	refused("truncated.xml", good, strlen(good) / 2, "truncated.xml:");
	refused("empty.xml", "", 0, "empty.xml");
}

static void
test_hostile(void **state)
{
	(void)state;
	static const char xxe[] = HEAD
	    "<!DOCTYPE questionnaire [\n"
	    "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<questionnaire id=\"t\" version=\"1\">&secret;</questionnaire>\n";
	static const char bomb[] = HEAD
	    "<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    "]>\n<questionnaire id=\"t\" version=\"1\">&lol4;"
	    "</questionnaire>\n";
	static const char net[] = HEAD
	    "<!DOCTYPE questionnaire SYSTEM "
	    "\"http://127.0.0.1:9/questionnaire.dtd\">\n"
	    "<questionnaire id=\"t\" version=\"1\"/>\n";
	static const char xinclude[] = HEAD
	    "<questionnaire xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
	    "id=\"t\" version=\"1\">\n"
	    "<xi:include href=\"http://127.0.0.1:9/evil.xml\"/>\n"
	    "</questionnaire>\n";
	char err[VG_ERRLEN], *bad;

	assert_int_equal(vg_i18n_init("en", err), 0);
	refused("xxe.xml", xxe, strlen(xxe), ":2: a DOCTYPE is not accepted");
	refused("bomb.xml", bomb, strlen(bomb), ":2: a DOCTYPE is not "
	    "accepted");
	refused("net.xml", net, strlen(net), ":2: a DOCTYPE is not accepted");
	/* not fetched: an unknown element for the schema */
	refused("xinclude.xml", xinclude, strlen(xinclude), "xinclude.xml:");
	/* invalid UTF-8 in a text */
	bad = mutate("Parce que.", "Parce \xff\xfe que.");
	refused("utf8.xml", bad, strlen(bad), "utf8.xml:12:");
	free(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_fr),
		cmocka_unit_test(test_shipped_en),
		cmocka_unit_test(test_shipped_bilingual),
		cmocka_unit_test(test_good_minimal),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
