/*
 * test-cfgfmt.c — the portable part of vigie-collect.exe's security
 * state (respond/windows/cfgfmt.c), run on Linux: API values written
 * as the text scan config reads (checked with its own reader,
 * cmdout_split, and the reasons file with unavail_parse), hostile
 * labels and values kept on their line, OLE dates of the Windows Update
 * history, the newest installation first, DNS cache lines as JSON
 * (jansson).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "vigie/vigie.h"
#include "vigie/config.h"
#include "../fuzz/cfgfmt-check.h"

static void
t_roundtrip(void **state)
{
	(void)state;
	assert_int_equal(cfgfmt_roundtrip("Logon", "x", 3), 0);
	assert_int_equal(cfgfmt_roundtrip("Real: Time\nProtection", "True\r\n"
	    "AMRunningMode : Normal", 1), 0);
	assert_int_equal(cfgfmt_roundtrip("", "", 0), 0);
	assert_int_equal(cfgfmt_roundtrip("  a  \t b  ", "  v  w  ", 2), 0);
	assert_int_equal(cfgfmt_roundtrip("Ouverture de session",
	    "Succès et échec", 7), 0);
}

static void
t_kv_hostile(void **state)
{
	struct rbuf b = { 0 };

	(void)state;
	cf_kv(&b, "Real: Time\nX", "True\nAMRunningMode : Normal");
	assert_string_equal(b.p, "Real. Time X : True AMRunningMode : Normal\n");
	rb_free(&b);
	cf_kv(&b, NULL, NULL);
	assert_string_equal(b.p, "? : -\n");
	rb_free(&b);
}

static void
t_audit(void **state)
{
	struct rbuf b = { 0 };
	char *l, *v;

	(void)state;
	assert_string_equal(cf_audit_setting(0), "No Auditing");
	assert_string_equal(cf_audit_setting(4), "No Auditing");
	assert_string_equal(cf_audit_setting(1), "Success");
	assert_string_equal(cf_audit_setting(2), "Failure");
	assert_string_equal(cf_audit_setting(3), "Success and Failure");
	cf_audit_line(&b, "Logon", 3);
	assert_string_equal(b.p, "  Logon                                   "
	    "Success and Failure\n");
	b.p[b.n - 1] = '\0';
	assert_int_equal(cmdout_split(b.p, &l, &v), 0);
	assert_string_equal(l, "Logon");
	assert_string_equal(v, "Success and Failure");
	free(l);
	free(v);
	rb_free(&b);
	/* A name longer than the column keeps two spaces. */
	cf_audit_line(&b, "Other Account Logon Events And Some More Words", 1);
	assert_non_null(strstr(b.p, "Words  Success\n"));
	rb_free(&b);
}

static void
t_bitlocker(void **state)
{
	struct rbuf b = { 0 };
	char buf[32];

	(void)state;
	assert_string_equal(cf_bl_conversion(1, buf), "Fully Encrypted");
	assert_string_equal(cf_bl_conversion(9, buf), "Unknown (9)");
	assert_string_equal(cf_bl_protection(1, buf), "Protection On");
	assert_string_equal(cf_bl_protection(-3, buf), "Unknown (-3)");
	cf_bl_volume(&b, "C:", "\\\\?\\Volume{1}\\", 1, 1);
	assert_string_equal(b.p, "Volume C: [\\\\?\\Volume{1}\\]\n"
	    "    Conversion Status:    Fully Encrypted\n"
	    "    Protection Status:    Protection On\n\n");
	rb_free(&b);
	/* Not a drive letter: never read as volume C:. */
	cf_bl_volume(&b, "C:\nVolume C:", "x", 0, -1);
	assert_string_equal(b.p, "Volume (no letter) [x]\n"
	    "    Conversion Status:    Fully Decrypted\n\n");
	rb_free(&b);
}

static void
t_firewall(void **state)
{
	struct rbuf b = { 0 };

	(void)state;
	assert_int_equal(cf_fw_profile(&b, 1, 1, 1, 0, 0), 0);
	assert_string_equal(b.p, "Domain Profile Settings:\n"
	    "----------------------------------------------------------------"
	    "------\nState                                 ON\n"
	    "Firewall Policy                       BlockInbound,AllowOutbound"
	    "\n\n");
	rb_free(&b);
	assert_int_equal(cf_fw_profile(&b, 4, 0, 0, 1, 1), 0);
	assert_non_null(strstr(b.p, "Public Profile Settings:\n"));
	assert_non_null(strstr(b.p, "State                                 OFF\n"));
	assert_non_null(strstr(b.p, "BlockInboundAlways,BlockOutbound"));
	rb_free(&b);
	/* Unknown values: their lines left out. */
	assert_int_equal(cf_fw_profile(&b, 2, -1, 1, -1, -1), 0);
	assert_null(strstr(b.p, "State"));
	assert_null(strstr(b.p, "Firewall Policy"));
	rb_free(&b);
	assert_int_equal(cf_fw_profile(&b, 3, 1, 1, 1, 1), -1);
	rb_free(&b);
}

static void
t_ole_date(void **state)
{
	char d[11];

	(void)state;
	/* Oracle: Python, datetime(1899, 12, 30) + timedelta(days=N). */
	assert_int_equal(cf_ole_date(25569.0, d), 0);
	assert_string_equal(d, "1970-01-01");
	assert_int_equal(cf_ole_date(2.0, d), 0);
	assert_string_equal(d, "1900-01-01");
	assert_int_equal(cf_ole_date(60.0, d), 0);
	assert_string_equal(d, "1900-02-28");
	assert_int_equal(cf_ole_date(61.0, d), 0);
	assert_string_equal(d, "1900-03-01");
	assert_int_equal(cf_ole_date(46000.99, d), 0);
	assert_string_equal(d, "2025-12-09");
	assert_int_equal(cf_ole_date(36585.0, d), 0);
	assert_string_equal(d, "2000-02-29");
	assert_int_equal(cf_ole_date(2958465.5, d), 0);
	assert_string_equal(d, "9999-12-31");
	assert_int_equal(cf_ole_date(2958466.0, d), -1);
	assert_int_equal(cf_ole_date(1.9, d), -1);
	assert_int_equal(cf_ole_date(-5.0, d), -1);
	assert_int_equal(cf_ole_date(NAN, d), -1);
	assert_int_equal(cf_ole_date(INFINITY, d), -1);
}

static void
t_updates(void **state)
{
	struct cf_update u[4] = {
		{ 46000.0, 1, 2, (char *)"KB-old", 0 },
		{ NAN, 1, 2, (char *)"KB-nodate", 0 },
		{ 46030.0, 1, 4, (char *)"KB-failed", 0x80240022L },
		{ 46020.0, 1, 3, (char *)"KB-new\nInstalledOn : 2099-01-01", 0 },
	};
	struct rbuf b = { 0 };
	const char *p;

	(void)state;
	cf_updates(&b, u, 4);
	/* The newest succeeded installation is the first InstalledOn. */
	p = strstr(b.p, "InstalledOn : ");
	assert_non_null(p);
	assert_memory_equal(p, "InstalledOn : 2025-12-29\n", 25);
	/* The failed one, newer, is only a Date. */
	assert_true(strstr(b.p, "Date : 2026-01-08\n") < p);
	assert_non_null(strstr(b.p, "HResult : 0x80240022\n"));
	/* A title cannot add a line. */
	assert_null(strstr(b.p, "\nInstalledOn : 2099"));
	assert_non_null(strstr(b.p, "Date : ?\n"));
	rb_free(&b);
}

static void
t_dns(void **state)
{
	struct rbuf b = { 0 };
	json_t *j;
	json_error_t e;

	(void)state;
	assert_string_equal(cf_dns_type(28), "AAAA");
	assert_null(cf_dns_type(99));
	cf_dns_json(&b, "exemple.fr\"\n", 1, 300, "192.0.2.1", 0);
	cf_dns_json(&b, "x", 99, 0, NULL, 8);
	j = json_loadb(b.p, strchr(b.p, '\n') - b.p, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    "exemple.fr\"\n");
	assert_string_equal(json_string_value(json_object_get(j, "type")), "A");
	json_decref(j);
	j = json_loads(strchr(b.p, '\n') + 1, JSON_DISABLE_EOF_CHECK, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
	    "TYPE99");
	assert_true(json_is_null(json_object_get(j, "data")));
	json_decref(j);
	rb_free(&b);
}

static void
t_unavail(void **state)
{
	const char *t = "secedit.inf: NetUserModalsGet(0): error 2140\n"
	    "bitlocker.txt: not supported: WMI \x1b[31mX\r\n"
	    "bitlocker.txt.bak: other\nauditpol.txt:\n";
	char *r;
	struct rbuf u = { 0 };

	(void)state;
	r = unavail_parse(t, strlen(t), "secedit.inf");
	assert_string_equal(r, "NetUserModalsGet(0): error 2140");
	free(r);
	r = unavail_parse(t, strlen(t), "BITLOCKER.TXT");
	assert_non_null(r);
	assert_null(strchr(r, '\x1b'));
	assert_null(strchr(r, '\r'));
	free(r);
	assert_null(unavail_parse(t, strlen(t), "auditpol.txt"));
	assert_null(unavail_parse(t, strlen(t), "bitlocker"));
	assert_null(unavail_parse(t, strlen(t), "firewall.txt"));
	/* UTF-16 LE with a BOM, as the collector writes it. */
	rf_utf8_to_utf16_file(&u, t, strlen(t));
	r = unavail_parse(u.p, u.n, "secedit.inf");
	assert_string_equal(r, "NetUserModalsGet(0): error 2140");
	free(r);
	rb_free(&u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_roundtrip),
		cmocka_unit_test(t_kv_hostile),
		cmocka_unit_test(t_audit),
		cmocka_unit_test(t_bitlocker),
		cmocka_unit_test(t_firewall),
		cmocka_unit_test(t_ole_date),
		cmocka_unit_test(t_updates),
		cmocka_unit_test(t_dns),
		cmocka_unit_test(t_unavail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
