/*
 * test-config-eval.c — the evaluator kinds and their combinations, run on
 * small trees and artifact folders written by the test: operators,
 * "missing" outcomes, all/any/none/first with results that cannot be
 * told, registry coverage, command-output sections and lists, and the
 * checks that loading refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/xml.h"
#include "vigie/config.h"
#include "testutil.h"

static void
put(const char *rel, const char *text)
{
	char err[VG_ERRLEN], *path = tu_path(rel), *dir = strdup(path);

	*strrchr(dir, '/') = '\0';
	assert_int_equal(vg_mkdir_p(dir, 0755, err), 0);
	assert_int_equal(vg_write_file(path, text, strlen(text), err), 0);
	free(dir);
	free(path);
}

/* Evaluate the test XML on CTX; *detail (may be NULL) owned by caller. */
static enum cfg_res
ev(struct cfg_ctx *ctx, const char *xml, char **detail)
{
	char err[VG_ERRLEN];
	xmlDocPtr doc = vg_xml_load_mem(xml, strlen(xml), "t.xml", NULL, err);
	struct vg_buf d = { 0 };
	enum cfg_res r;

	if (doc == NULL)
		fail_msg("%s", err);
	if (eval_validate(xmlDocGetRootElement(doc), err) == -1)
		fail_msg("validate: %s", err);
	r = eval_test(ctx, xmlDocGetRootElement(doc), &d);
	xmlFreeDoc(doc);
	if (detail != NULL)
		*detail = d.p;
	else
		free(d.p);
	return r;
}

static int
invalid(const char *xml, const char *want)
{
	char err[VG_ERRLEN];
	xmlDocPtr doc = vg_xml_load_mem(xml, strlen(xml), "t.xml", NULL, err);
	int rc;

	assert_non_null(doc);
	rc = eval_validate(xmlDocGetRootElement(doc), err);
	xmlFreeDoc(doc);
	if (rc == 0)
		return 0;
	if (strstr(err, want) == NULL)
		fail_msg("'%s' lacks '%s'", err, want);
	return 1;
}

static void
linux_ctx(struct cfg_ctx *ctx, const char *root)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->target = CFG_LINUX;
	ctx->root = root;
	ctx->now = 1795000000;
}

static void
test_ops_and_missing(void **state)
{
	(void)state;
	struct cfg_ctx ctx;
	char *root = tu_path("lin"), *d;

	put("lin/etc/a.conf", "Size uint32 300\nMode 0x1F\nName Mairie\n"
	    "When 2026-11-20\n");
	linux_ctx(&ctx, root);
#define KV(key, op, v) "<keyvalue files=\"/etc/a.conf\" key=\"" key \
	"\" op=\"" op "\" value=\"" v "\"/>"
	assert_int_equal(ev(&ctx, KV("Size", "le", "900"), NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, KV("Size", "gt", "300"), NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, KV("Mode", "eq", "31"), NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, KV("Name", "eq", "MAIRIE"), NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, KV("Name", "in", "a|mairie|b"), NULL),
	    CFG_PASS);
	assert_int_equal(ev(&ctx, KV("Name", "not-in", "mairie"), NULL),
	    CFG_FAIL);
	assert_int_equal(ev(&ctx, KV("Name", "match", "^mai"), NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, KV("Name", "ge", "1"), &d), CFG_ERROR);
	assert_non_null(strstr(d, "'Mairie' is not a number"));
	free(d);
	/* now = 2026-11-18; 2026-11-20 is "0 days" old, in the future. */
	assert_int_equal(ev(&ctx, KV("When", "days-le", "3"), NULL), CFG_PASS);
	ctx.now += 86400 * 10;
	assert_int_equal(ev(&ctx, KV("When", "days-le", "3"), &d), CFG_FAIL);
	assert_non_null(strstr(d, "expected at most 3 days old"));
	free(d);
	/* Not set: default, else the missing outcome (fail by default). */
	assert_int_equal(ev(&ctx, "<keyvalue files=\"/etc/a.conf\" key=\"X\" "
	    "default=\"no\" op=\"eq\" value=\"no\"/>", &d), CFG_PASS);
	assert_non_null(strstr(d, "X = no (default)"));
	free(d);
	assert_int_equal(ev(&ctx, KV("X", "eq", "1"), NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<keyvalue files=\"/etc/a.conf\" key=\"X\" "
	    "op=\"eq\" value=\"1\" missing=\"na\"/>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<regex files=\"/etc/none*\" pattern=\"x\" "
	    "expect=\"absent\"/>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<regex files=\"/etc/none\" pattern=\"x\" "
	    "expect=\"present\" missing=\"fail\"/>", NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<regex files=\"/etc/*.conf\" pattern="
	    "\"^name\" icase=\"yes\" expect=\"present\"/>", &d), CFG_PASS);
	assert_non_null(strstr(d, "/etc/a.conf:3: Name Mairie"));
	free(d);
	/* Windows kinds say nothing on Linux. */
	assert_int_equal(ev(&ctx, "<registry key=\"HKLM\\X\" name=\"a\" "
	    "op=\"eq\" value=\"1\"/>", NULL), CFG_NA);
	eval_ctx_free(&ctx);
	free(root);
#undef KV
}

static void
test_combinations(void **state)
{
	(void)state;
	struct cfg_ctx ctx;
	char *root = tu_path("comb");
	/* P pass, F fail, N cannot tell, E error. */
#define P "<file path=\"/here\"/>"
#define F "<file path=\"/nothere\"/>"
#define N "<file path=\"/nothere\" missing=\"na\"/>"
#define E "<keyvalue files=\"/here\" key=\"n\" op=\"ge\" value=\"1\"/>"

	put("comb/here", "n x\n");
	linux_ctx(&ctx, root);
	assert_int_equal(ev(&ctx, P, NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, F, NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, N, NULL), CFG_NA);
	assert_int_equal(ev(&ctx, E, NULL), CFG_ERROR);

	assert_int_equal(ev(&ctx, "<all>" P P "</all>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<all>" P N "</all>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<all>" E F "</all>", NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<all>" P E N "</all>", NULL), CFG_ERROR);
	assert_int_equal(ev(&ctx, "<any>" F P "</any>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<any>" F N "</any>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<any>" F E "</any>", NULL), CFG_ERROR);
	assert_int_equal(ev(&ctx, "<any>" F F "</any>", NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<none>" F F "</none>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<none>" F P "</none>", NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<none>" F N "</none>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<first>" N F P "</first>", NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, "<first>" N N "</first>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<first>" N E "</first>", NULL), CFG_ERROR);
	eval_ctx_free(&ctx);
	free(root);
#undef P
#undef F
#undef N
#undef E
}

static void
test_linux_kinds(void **state)
{
	(void)state;
	struct cfg_ctx ctx;
	char *root = tu_path("kinds"), *d, *p;

	put("kinds/etc/passwd", "root:x:0:0::/root:/bin/sh\n"
	    "op:x:0:0::/:/bin/sh\nalice:x:1000:1000::/home/a:/bin/sh\n");
	put("kinds/etc/shadow", "root:$6$x:1::::::\nalice::1::::::\n");
	put("kinds/var/lib/dpkg/status", "Package: sudo\nStatus: install ok "
	    "installed\nVersion: 1.9.13p3-1\n");
	put("kinds/lib/systemd/system/ssh.service", "[Service]\n");
	put("kinds/lib/systemd/system/cron.service", "[Service]\n");
	p = tu_path("kinds/etc/systemd/system/multi-user.target.wants");
	assert_int_equal(vg_mkdir_p(p, 0755, (char[VG_ERRLEN]){ 0 }), 0);
	free(p);
	p = tu_path("kinds/etc/systemd/system/multi-user.target.wants/"
	    "ssh.service");
	assert_int_equal(symlink("/lib/systemd/system/ssh.service", p), 0);
	free(p);
	p = tu_path("kinds/etc/systemd/system/cron.service");
	assert_int_equal(symlink("/dev/null", p), 0);
	free(p);
	p = tu_path("kinds/etc/shadow");
	chmod(p, 0644);
	free(p);
	linux_ctx(&ctx, root);

	assert_int_equal(ev(&ctx, "<records file=\"/etc/passwd\" sep=\":\">"
	    "<where field=\"3\" op=\"eq\" value=\"0\"/><where field=\"1\" "
	    "op=\"ne\" value=\"root\"/></records>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "op (/etc/passwd:2)"));
	free(d);
	assert_int_equal(ev(&ctx, "<records file=\"/etc/shadow\"><where "
	    "field=\"2\" op=\"eq\" value=\"\"/></records>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "alice (/etc/shadow:2)"));
	free(d);
	assert_int_equal(ev(&ctx, "<file path=\"/etc/shadow\" mode-max=\"0640\""
	    "/>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "mode wider than 0640"));
	free(d);
	assert_int_equal(ev(&ctx, "<file path=\"/etc/gone\" exists=\"no\"/>",
	    NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<package name=\"sudo\" op=\"ge\" "
	    "version=\"1.9.5p2\"/>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<package name=\"sudo\" op=\"lt\" "
	    "version=\"1.9.5p2\"/>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "expected less than 1.9.5p2"));
	free(d);
	assert_int_equal(ev(&ctx, "<package name=\"telnetd\" installed=\"no\"/>",
	    NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<service unit=\"ssh.service\"/>", NULL),
	    CFG_PASS);
	assert_int_equal(ev(&ctx, "<service unit=\"cron.service\"/>", &d),
	    CFG_FAIL);
	assert_non_null(strstr(d, "masked"));
	free(d);
	assert_int_equal(ev(&ctx, "<service unit=\"none.service\" "
	    "enabled=\"no\"/>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<service unit=\"../../x\"/>", NULL),
	    CFG_FAIL);
	assert_int_equal(ev(&ctx, "<search dirs=\"/etc\" type=\"f\" "
	    "perm-any=\"0004\"/>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "/etc/shadow"));
	free(d);
	assert_int_equal(ev(&ctx, "<listen/>", NULL), CFG_NA);
	eval_ctx_free(&ctx);
	free(root);
}

static void
test_windows_kinds(void **state)
{
	(void)state;
	struct cfg_ctx ctx = { 0 };
	char *dir = tu_path("win"), *d;

	put("win/reg/a.reg", "Windows Registry Editor Version 5.00\r\n\r\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies]\r\n\r\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\A]\r\n"
	    "\"V\"=dword:00000002\r\n\r\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Net\\If\\One]\r\n"
	    "\"N\"=dword:00000002\r\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Net\\If\\Two]\r\n"
	    "\"N\"=dword:00000001\r\n"
	    "[-HKEY_LOCAL_MACHINE\\SYSTEM\\Gone]\r\n");
	put("win/firewall.txt", "Domain Profile Settings:\r\n------\r\n"
	    "State                                 ON\r\n\r\n"
	    "Public Profile Settings:\r\n------\r\n"
	    "State                                 OFF\r\n");
	put("win/admins.txt", "Alias name     Administrators\r\n\r\nMembers\r\n"
	    "\r\n-------------------------------\r\nAdministrator\r\nalice\r\n"
	    "bob\r\nThe command completed successfully.\r\n");
	ctx.target = CFG_WINDOWS_DIR;
	ctx.windir = dir;
	ctx.root = "";
	ctx.a_reg.name = "reg";
	ctx.a_inf.name = "secedit.inf";
	ctx.a_gpr.name = "gpresult.xml";
	ctx.now = 1795000000;
#define R(key, name, op, v, m) "<registry key=\"" key "\" name=\"" name \
	"\" op=\"" op "\" value=\"" v "\" missing=\"" m "\"/>"
	assert_int_equal(ev(&ctx, R("HKLM\\SOFTWARE\\Policies\\Microsoft\\A",
	    "v", "eq", "2", "fail"), &d), CFG_PASS);
	assert_non_null(strstr(d, "(reg/a.reg)"));
	free(d);
	/* Under an exported key: absence is known. */
	assert_int_equal(ev(&ctx, R("HKLM\\SOFTWARE\\Policies\\Microsoft\\B",
	    "v", "eq", "2", "fail"), NULL), CFG_FAIL);
	assert_int_equal(ev(&ctx, R("HKLM\\SOFTWARE\\Policies\\Microsoft\\B",
	    "v", "eq", "2", "pass"), NULL), CFG_PASS);
	/* Not exported: cannot tell. */
	assert_int_equal(ev(&ctx, R("HKLM\\SOFTWARE\\Other", "v", "eq", "2",
	    "fail"), &d), CFG_NA);
	assert_non_null(strstr(d, "HKLM\\SOFTWARE\\Other was not collected"));
	free(d);
	assert_int_equal(ev(&ctx, "<registry key=\"HKLM\\SYSTEM\\Gone\\Sub\" "
	    "op=\"absent\"/>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, R("HKLM\\SOFTWARE\\Policies\\Net\\If\\*",
	    "N", "eq", "2", "fail"), &d), CFG_FAIL);
	assert_non_null(strstr(d, "If\\Two\\N = 1"));
	free(d);
	assert_int_equal(ev(&ctx, "<text file=\"firewall.txt\" section=\"^Domain"
	    "\" section-end=\"Profile Settings\" label=\"^State$\" op=\"eq\" "
	    "value=\"ON\"/>", NULL), CFG_PASS);
	assert_int_equal(ev(&ctx, "<text file=\"firewall.txt\" label=\"^State$\" "
	    "each=\"yes\" op=\"eq\" value=\"ON\"/>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "State = OFF (firewall.txt:7)"));
	free(d);
	assert_int_equal(ev(&ctx, "<text file=\"admins.txt\" after=\"^-{5,}\" "
	    "until=\"^The command\" op=\"le\" value=\"2\"/>", &d), CFG_FAIL);
	assert_non_null(strstr(d, "number of entries = 3"));
	free(d);
	assert_int_equal(ev(&ctx, "<text file=\"nothere.txt\" label=\"x\" "
	    "op=\"eq\" value=\"1\"/>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<policy name=\"MinimumPasswordLength\" "
	    "op=\"ge\" value=\"12\"/>", NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<sam what=\"admins\" op=\"le\" value=\"2\"/>",
	    NULL), CFG_NA);
	assert_int_equal(ev(&ctx, "<file path=\"/etc/passwd\"/>", NULL), CFG_NA);
	eval_ctx_free(&ctx);
	free(dir);
#undef R
}

static void
test_validation(void **state)
{
	(void)state;
	char err[VG_ERRLEN], *dir, *schema;
	struct check_set cs;

	assert_true(invalid("<keyvalue files=\"/a\" key=\"k\" op=\"like\" "
	    "value=\"1\"/>", "unknown operator 'like'"));
	assert_true(invalid("<keyvalue files=\"/a\" key=\"k\" op=\"ge\" "
	    "value=\"many\"/>", "needs a whole number, not 'many'"));
	assert_true(invalid("<regex files=\"/a\" pattern=\"(\" "
	    "expect=\"present\"/>", "bad regular expression in pattern"));
	assert_true(invalid("<all><text file=\"f\" op=\"eq\"/></all>",
	    "label or after is needed"));
	assert_true(invalid("<any><frobnicate/></any>", "unknown test"));
	assert_true(invalid("<records file=\"/a\"><where field=\"1\" op=\"sort\""
	    "/></records>", "unknown operator 'sort'"));
	assert_false(invalid("<none><package name=\"x\"/></none>", ""));

	/* The shipped checks load and validate. */
	dir = vg_data_path("checks");
	schema = vg_data_path("checks/checks.rng");
	assert_int_equal(check_load_dir(dir, schema, &cs, err), 0);
	assert_true(cs.n >= 50);
	check_set_free(&cs);
	/* The same file twice: duplicate IDs. */
	{
		char *file = vg_data_path("checks/linux.xml");

		memset(&cs, 0, sizeof cs);
		assert_int_equal(check_load_file(file, schema, &cs, err), 0);
		assert_int_equal(check_load_file(file, schema, &cs, err), -1);
		assert_non_null(strstr(err, "is already defined in"));
		check_set_free(&cs);
		free(file);
	}
	free(dir);
	free(schema);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ops_and_missing),
		cmocka_unit_test(test_combinations),
		cmocka_unit_test(test_linux_kinds),
		cmocka_unit_test(test_windows_kinds),
		cmocka_unit_test(test_validation),
	};
	char err[VG_ERRLEN];

	vg_i18n_init("en", err);
	/* tests/run starts unit tests from the top of the source tree. */
	setenv("VIGIE_DATA", "rules", 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
