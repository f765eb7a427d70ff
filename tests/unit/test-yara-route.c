/*
 * test-yara-route.c — splitting rule files for the pe module
 * (scan/yara-route.c): the facts about libyara the analysis relies on,
 * checked against the libyara vigie is linked with; which conditions are
 * recognised and which are refused; hostile sources; and, for a set of
 * rule files, that the split pieces match exactly what the file matches
 * as a whole, on files with and without an MZ header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../fuzz/route-check.h"

/* Compile SRC (and PREFILTER), or fail the test. */
static YR_RULES *
compile(const char *src, const char *prefilter)
{
	YR_RULES *rules = rc_compile(src, strlen(src), prefilter);

	if (rules == NULL)
		fail_msg("does not compile:\n%s\n%s", src,
		    prefilter ? prefilter : "");
	return rules;
}

/* Does CONDITION (with `import "pe"`) match DATA? */
static int
matches(const char *condition, const char *data, size_t len)
{
	char src[1024];
	struct rc_seen h;
	YR_RULES *rules;

	snprintf(src, sizeof(src), "import \"pe\"\nrule t { condition: %s }",
	    condition);
	rules = compile(src, NULL);
	memset(&h, 0, sizeof(h));
	assert_int_equal(yr_rules_scan_mem(rules, (const uint8_t *)data, len,
	    SCAN_FLAGS_REPORT_RULES_MATCHING, rc_collect, &h, 0),
	    ERROR_SUCCESS);
	yr_rules_destroy(rules);
	return h.names[0] != '\0';
}

static const char notpe[] = "just text, no MZ header: not a PE file\n";

/*
 * On a file that is not PE, each value of pe the analysis accepts is
 * undefined, so any comparison with it is false, either way round;
 * is_pe is 0; loops over pe ranges and arrays run zero times.
 */
static void
test_libyara_facts(void **state)
{
	(void)state;
	static const char *const never[] = {
		"pe.imphash() == \"\"", "pe.imphash() != \"x\"",
		"pe.exports(\"a\") == 0", "pe.exports(\"a\") != 1",
		"pe.exports(0) == 0", "pe.exports_index(\"a\") == 0",
		"pe.imports(\"a.dll\") == 0", "pe.imports(\"a.dll\", \"f\") "
		"== 0", "pe.imports(/a/, /b/) == 0",
		"pe.section_index(\".text\") == 0", "pe.is_dll() == 0",
		"pe.is_32bit() == 0", "pe.is_64bit() == 0",
		"pe.rva_to_offset(0) == 0", "pe.calculate_checksum() == 0",
		"pe.locale(0) == 0", "pe.language(0) == 0",
		"pe.characteristics == 0", "pe.characteristics & pe.DLL == 0",
		"pe.checksum == 0", "pe.dll_characteristics == 0",
		"pe.dll_name == \"\"", "pe.entry_point == 0",
		"pe.export_timestamp == 0", "pe.image_base == 0",
		"pe.machine == 0", "pe.machine != pe.MACHINE_I386",
		"pe.number_of_exports == 0", "pe.number_of_imports == 0",
		"pe.number_of_resources == 0", "pe.number_of_sections == 0",
		"pe.number_of_signatures == 0",
		"pe.number_of_signatures < 1", "pe.overlay.size == 0",
		"pe.overlay.offset == 0", "pe.pdb_path == \"\"",
		"pe.resources[0].type == 0",
		"pe.rich_signature.clear_data == \"\"",
		"pe.rich_signature.toolid(1) == 0",
		"pe.sections[0].name == \"\"", "pe.signatures[0].issuer == \"\"",
		"pe.size_of_image == 0", "pe.subsystem == 0",
		"pe.timestamp == 0", "pe.timestamp < 1",
		"pe.version_info[\"CompanyName\"] == \"\"",
		"pe.number_of_sections + 1 > 0", "uint8(pe.entry_point) == 0",
		"pe.imphash() matches /.*/", "pe.pdb_path contains \"\"",
		"pe.is_pe", "pe.is_pe == 1", "uint16(0) == 0x5a4d",
		"uint16be(0) == 0x4d5a",
		"for any i in (0..pe.number_of_sections - 1) : (true)",
		"for any i in (0 .. pe.number_of_signatures) : (true)",
		"for 1 i in (0..pe.number_of_resources) : (true)",
		"for any s in pe.sections : (true)",
		"for any s in pe.signatures : (true)",
	};
	/* Controls: the harness does see matches. */
	static const char *const always[] = {
		"pe.is_pe == 0", "pe.DLL == 0x2000", "true",
	};
	size_t i, l;
	const char *data[] = { notpe, "M", "" };

	for (l = 0; l < 3; l++) {
		for (i = 0; i < sizeof(never) / sizeof(never[0]); i++)
			if (matches(never[i], data[l], strlen(data[l])))
				fail_msg("true on a non-PE file: %s",
				    never[i]);
		for (i = 0; i < sizeof(always) / sizeof(always[0]); i++)
			assert_true(matches(always[i], data[l],
			    strlen(data[l])));
	}
}

/* ---- Which files are split ------------------------------------------ */

/* Split SRC; on success check the pieces keep its lines. */
static int
split(const char *src, struct route_split *sp)
{
	int ok = route_split(src, strlen(src), sp);

	if (ok) {
		assert_int_equal(rc_lines(sp->every, sp->every_len),
		    rc_lines(src, strlen(src)));
		if (sp->pe != NULL)
			assert_int_equal(rc_lines(sp->pe, sp->pe_len),
			    rc_lines(src, strlen(src)));
	}
	return ok;
}

static void
expect_refused(const char *src)
{
	struct route_split sp;

	if (split(src, &sp)) {
		route_split_free(&sp);
		fail_msg("split, but should not be:\n%s", src);
	}
}

static void
test_refused(void **state)
{
	(void)state;
	/* no pe */
	expect_refused("rule a { strings: $a = \"x\" condition: $a }");
	/* a reported rule that could match any file */
	expect_refused("import \"pe\" rule a { condition: filesize > 0 or "
	    "pe.is_dll() }");
	expect_refused("import \"pe\" rule a { condition: not pe.is_dll() }");
	expect_refused("import \"pe\" rule a { condition: pe.is_pe == 0 }");
	expect_refused("import \"pe\" rule a { condition: defined "
	    "pe.entry_point }");
	expect_refused("import \"pe\" rule a { strings: $a = \"x\" "
	    "condition: 50% of them or pe.is_dll() }");
	expect_refused("import \"pe\" rule a { strings: $a = \"x\" "
	    "condition: none of them or pe.is_dll() }");
	expect_refused("import \"pe\" rule a { condition: "
	    "for all i in (0..pe.number_of_sections) : (true) }");
	expect_refused("import \"pe\" rule a { strings: $a = \"x\" "
	    "condition: for any of ($a) : (not $) and pe.is_dll() or "
	    "#a == 0 }");
	expect_refused("import \"pe\" import \"math\" rule a { condition: "
	    "math.entropy(0, pe.size_of_image) >= 0 or pe.machine == 0 or "
	    "filesize > 1 }");
	/* a member not known to be undefined */
	expect_refused("import \"pe\" rule a { condition: "
	    "pe.some_new_field == 0 }");
	/* global rules, include */
	expect_refused("import \"pe\" global rule g { condition: filesize "
	    "> 0 } rule a { condition: pe.is_dll() }");
	expect_refused("import \"pe\" include \"other.yar\" rule a { "
	    "condition: pe.is_dll() }");
	/* broken or hostile text */
	expect_refused("import \"pe\" rule a { condition: pe.is_dll()");
	expect_refused("import \"pe\" rule a { strings: $a = \"x condition: "
	    "$a and pe.is_dll() }");
	expect_refused("import \"pe\" rule a { strings: $a = /x condition: "
	    "$a and pe.is_dll() }");
	expect_refused("import \"pe\" rule a { strings: $a = { 41 42 "
	    "condition: $a and pe.is_dll() }");
	expect_refused("import \"pe\" /* rule a { condition: pe.is_dll() }");
	expect_refused("import \"pe\" rule a { condition: (pe.is_dll() }");
	expect_refused("import \"pe\" rule { condition: pe.is_dll() }");
	expect_refused("import \"pe\" rule a { }");
	expect_refused("import \"pe\" rule a { condition: }");
	expect_refused("import \"pe\" }{ rule a { condition: pe.is_dll() }");
	expect_refused("");
}

static void
test_split(void **state)
{
	(void)state;
	struct route_split sp;
	const char *src;

	/* Imported but unused: the import alone goes. */
	src = "import \"pe\"\nrule a { strings: $a = \"x\" condition: $a }\n";
	assert_true(split(src, &sp));
	assert_null(sp.pe);
	assert_null(strstr(sp.every, "import"));
	assert_non_null(strstr(sp.every, "rule a"));
	route_split_free(&sp);

	/* MZ-gated: moved, no prefilter needed. */
	src = "import \"pe\"\n"
	    "rule a { strings: $a = \"x\" condition: uint16(0) == 0x5A4D "
	    "and $a and pe.is_dll() }\n"
	    "rule b { strings: $b = \"y\" condition: $b }\n";
	assert_true(split(src, &sp));
	assert_int_equal(sp.moved, 1);
	assert_null(sp.prefilter);
	assert_null(strstr(sp.every, "rule a"));
	assert_non_null(strstr(sp.every, "rule b"));
	assert_null(strstr(sp.every, "import"));
	assert_non_null(strstr(sp.pe, "import \"pe\""));
	assert_non_null(strstr(sp.pe, "rule a"));
	assert_null(strstr(sp.pe, "rule b"));
	route_split_free(&sp);

	/* Gated by its strings only: a prefilter rule with them. */
	src = "import \"pe\"\n"
	    "rule a { strings: $a = \"x\" $b = { 41 ?? 42 } "
	    "condition: $a or $b or pe.exports(\"f\") }\n";
	assert_true(split(src, &sp));
	assert_non_null(sp.prefilter);
	assert_non_null(strstr(sp.prefilter, "$b = { 41 ?? 42 }"));
	/* its condition: the string parts kept, the pe part false */
	assert_non_null(strstr(sp.prefilter, "(($a) or ($b) or (false))"));
	route_split_free(&sp);

	/* A dependency is copied, private, beside the moved rule; braces
	 * and keywords inside strings, regexes and comments are text. */
	src = "import \"pe\"\n"
	    "rule dep { strings: $d = \"} condition: {\" $r = /a\\/}b/ "
	    "$h = { 41 /* } */ 42 } condition: any of them }\n"
	    "// rule fake { condition: true }\n"
	    "rule a { condition: dep and pe.number_of_signatures > 0 }\n";
	assert_true(split(src, &sp));
	assert_int_equal(sp.moved, 1);
	assert_non_null(strstr(sp.every, "rule dep"));
	assert_null(strstr(sp.every, "rule a "));
	assert_non_null(strstr(sp.pe, "private rule dep"));
	assert_null(strstr(sp.pe, "fake"));
	route_split_free(&sp);
}

/* ---- The pieces match what the whole file matches -------------------- */

static const char *const files[] = {
	"import \"pe\"\n"
	"rule mz { strings: $a = \"alpha\" condition: uint16(0) == 0x5a4d "
	"and $a }\n"
	"rule plain { strings: $a = \"alpha\" condition: $a }\n"
	"rule either { strings: $a = \"beta\" condition: $a or "
	"pe.exports(\"f\") }\n"
	"rule count { strings: $a = \"beta\" condition: #a > 1 and "
	"pe.number_of_sections < 100 or pe.is_dll() }\n"
	"rule at0 { strings: $a = \"beta\" condition: $a at 0 or "
	"pe.imphash() == \"x\" }\n",

	"import \"pe\"\nimport \"math\"\n"
	"private rule p { strings: $g = \"gamma\" condition: $g }\n"
	"rule usesp { condition: p and pe.timestamp > 0 or "
	"uint16(0) == 0x5a4d }\n"
	"rule ofs { strings: $x1 = \"delta\" $x2 = \"epsilon\" condition: "
	"1 of ($x*) and (pe.number_of_signatures == 0 or $x2) }\n"
	"rule ent { condition: math.entropy(0, filesize) >= 0 }\n"
	"rule loop { condition: for any i in (0..pe.number_of_sections - 1) "
	": (pe.sections[i].name == \".text\") }\n",

	"import \"pe\"\n"
	"rule any_of { strings: $a = \"zeta\" $b = \"eta\" condition: "
	"any of them and not pe.is_dll() }\n"
	"rule all_of { strings: $a = \"zeta\" $b = \"eta\" condition: "
	"all of them or pe.is_pe }\n",
};

static void
check_equal(const char *src, const char *data, size_t len)
{
	struct route_split sp;
	struct rc_seen whole, part;
	YR_RULES *all, *every, *pe;

	assert_true(route_split(src, strlen(src), &sp));
	all = compile(src, NULL);
	every = compile(sp.every, sp.prefilter);
	pe = sp.pe != NULL ? compile(sp.pe, NULL) : NULL;
	rc_scan_both(all, every, pe, data, len, &whole, &part);
	if (strcmp(whole.names, part.names) != 0)
		fail_msg("on \"%.*s\": whole:\n%ssplit:\n%s", (int)len, data,
		    whole.names, part.names);
	yr_rules_destroy(all);
	yr_rules_destroy(every);
	if (pe != NULL)
		yr_rules_destroy(pe);
	route_split_free(&sp);
}

static void
test_equivalence(void **state)
{
	(void)state;
	static const char *const data[] = {
		"", "M", "MZ", "MZ alpha beta gamma delta zeta eta",
		"alpha", "beta", "beta beta", "betaXbeta", "gamma",
		"delta", "epsilon", "delta epsilon", "zeta", "zeta eta",
		"nothing to see", "ZM alpha beta",
	};
	size_t f, d;

	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++)
		for (d = 0; d < sizeof(data) / sizeof(data[0]); d++)
			check_equal(files[f], data[d], strlen(data[d]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libyara_facts),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_equivalence),
	};
	int rc;

	if (yr_initialize() != ERROR_SUCCESS)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	yr_finalize();
	return rc;
}
