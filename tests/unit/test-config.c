/*
 * test-config.c — the readers behind `vigie scan config`: text decoding
 * (UTF-16 with and without BOM, CP850), .reg exports, secedit INF,
 * gpresult XML, command-output lines, dpkg versions, key=value files,
 * sysctl values and the hardening index.
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
#include "vigie/util.h"
#include "vigie/config.h"
#include "testutil.h"

/* UTF-8 text as UTF-16 LE bytes, with a BOM when BOM; caller frees. */
static unsigned char *
u16(const char *s, int bom, size_t *len)
{
	unsigned char *w = decode_to_utf16le(s, len), *out;

	*len -= 2;			/* no final NUL, as files have */
	out = malloc(*len + 2);
	if (bom) {
		out[0] = 0xFF;
		out[1] = 0xFE;
	}
	memcpy(out + (bom ? 2 : 0), w, *len);
	*len += bom ? 2 : 0;
	free(w);
	return out;
}

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

/* ---- decoding ------------------------------------------------------ */

static void
test_decode(void **state)
{
	(void)state;
	unsigned char *b;
	const char *enc;
	char *s;
	size_t len, n;
	/* "État : Actif\r\n" in CP850: É = 0x90 */
	static const unsigned char cp850[] = {
		0x90, 't', 'a', 't', ' ', ':', ' ', 'A', 'c', 't', 'i', 'f',
		'\r', '\n',
	};
	static const unsigned char latin1[] = { 'S', 0xE9, 'c', 'u' };
	static const unsigned char u8bom[] = { 0xEF, 0xBB, 0xBF, 'o', 'k' };

	b = u16("Domain Profile\r\nÉtat\r\n", 1, &len);
	s = decode_text(b, len, &n, &enc);
	assert_string_equal(s, "Domain Profile\nÉtat\n");
	assert_string_equal(enc, "UTF-16LE (BOM)");
	free(s);
	free(b);

	b = u16("State  ON\r\n", 0, &len);
	s = decode_text(b, len, &n, &enc);
	assert_string_equal(s, "State  ON\n");
	assert_string_equal(enc, "UTF-16LE");
	free(s);
	/* Cut in the middle of a code unit: U+FFFD, no overread. */
	s = decode_text(b, len - 1, &n, NULL);
	assert_non_null(strstr(s, "\xEF\xBF\xBD"));
	free(s);
	free(b);

	s = decode_text(cp850, sizeof cp850, &n, &enc);
	assert_string_equal(s, "État : Actif\n");
	assert_string_equal(enc, "CP850");
	free(s);
	s = decode_text(latin1, sizeof latin1, &n, &enc);
	assert_string_equal(s, "Sécu");
	assert_string_equal(enc, "CP1252");
	free(s);
	s = decode_text(u8bom, sizeof u8bom, &n, &enc);
	assert_string_equal(s, "ok");
	free(s);
	s = decode_text("a\rb\r\nc", 6, &n, NULL);
	assert_string_equal(s, "a\nb\nc");
	free(s);
	/* A lone high surrogate becomes U+FFFD. */
	s = decode_utf16le("\x00\xD8" "a\x00", 4);
	assert_string_equal(s, "\xEF\xBF\xBD" "a");
	free(s);
}

/* ---- .reg ------------------------------------------------------------ */

static const char reg5[] =
"Windows Registry Editor Version 5.00\r\n"
"\r\n"
"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa]\r\n"
"\"NoLMHash\"=dword:00000001\r\n"
"\"Name\"=\"Mairie \\\"d'Été\\\" C:\\\\x\"\r\n"
"@=\"défaut\"\r\n"
"\"Packages\"=hex(7):6b,00,65,00,72,00,00,00,6d,00,73,00,76,00,00,00,\\\r\n"
"  00,00\r\n"
"\"Path\"=hex(2):25,00,53,00,25,00,00,00\r\n"
"\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n"
"\"Bin\"=hex:de,ad,\\\r\n"
"  be,ef\r\n"
"\"Gone\"=dword:00000005\r\n"
"\"Gone\"=-\r\n"
"\r\n"
"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Sub]\r\n"
"\r\n"
"[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Absent]\r\n";

static void
test_reg_parse(void **state)
{
	(void)state;
	struct reg_db db = { 0 };
	const struct reg_key *k;
	const struct reg_value *v;
	unsigned char *b;
	char err[VG_ERRLEN], *s, **subs;
	size_t len, n;
	int64_t num;

	b = u16(reg5, 1, &len);
	assert_int_equal(reg_parse(&db, b, len, "lsa.reg", err), 0);
	free(b);
	k = reg_key_find(&db, "hklm\\system\\currentcontrolset\\control\\LSA");
	assert_non_null(k);
	assert_string_equal(k->origin, "lsa.reg");
	v = reg_value_find(k, "nolmhash");
	assert_non_null(v);
	assert_int_equal(v->type, REG_T_DWORD);
	assert_int_equal(reg_value_number(v, &num), 0);
	assert_int_equal(num, 1);
	s = reg_value_text(reg_value_find(k, "Name"));
	assert_string_equal(s, "Mairie \"d'Été\" C:\\x");
	free(s);
	s = reg_value_text(reg_value_find(k, "@"));
	assert_string_equal(s, "défaut");
	free(s);
	s = reg_value_text(reg_value_find(k, "Packages"));
	assert_string_equal(s, "ker|msv");
	free(s);
	s = reg_value_text(reg_value_find(k, "Path"));
	assert_string_equal(s, "%S%");
	free(s);
	assert_int_equal(reg_value_number(reg_value_find(k, "Q"), &num), 0);
	assert_int_equal(num, 1);
	s = reg_value_text(reg_value_find(k, "Bin"));
	assert_string_equal(s, "deadbeef");
	free(s);
	assert_null(reg_value_find(k, "Gone"));
	/* Coverage: subkeys of an exported key are known; [-KEY] too. */
	assert_non_null(reg_cover(&db, "HKLM\\SYSTEM\\CurrentControlSet\\"
	    "Control\\Lsa\\Sub\\Deeper"));
	k = reg_cover(&db, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Absent\\X");
	assert_non_null(k);
	assert_true(k->absent);
	assert_null(reg_cover(&db, "HKLM\\SOFTWARE\\Policies"));
	subs = reg_subkeys(&db, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa",
	    &n);
	assert_int_equal(n, 1);
	assert_string_equal(subs[0], "Sub");
	free(subs[0]);
	free(subs);
	reg_db_clear(&db);

	/* REGEDIT4: 8-bit strings, kept as UTF-16 like Windows. */
	s = "REGEDIT4\n\n[HKEY_CURRENT_USER\\Control Panel\\Desktop]\n"
	    "\"Wallpaper\"=\"C:\\\\Images\\\\\xe9t\xe9.jpg\"\n"
	    "\"M\"=hex(7):61,00,62,00,00\n";
	assert_int_equal(reg_parse(&db, s, strlen(s), "d.reg", err), 0);
	k = reg_key_find(&db, "HKCU\\Control Panel\\Desktop");
	assert_non_null(k);
	s = reg_value_text(reg_value_find(k, "Wallpaper"));
	assert_string_equal(s, "C:\\Images\\été.jpg");
	free(s);
	s = reg_value_text(reg_value_find(k, "M"));
	assert_string_equal(s, "a|b");
	free(s);
	reg_db_clear(&db);

	assert_string_equal((s = reg_path_norm(" HKEY_LOCAL_MACHINE\\\\A\\B\\ ")),
	    "HKLM\\A\\B");
	free(s);
	assert_string_equal((s = reg_path_norm("MACHINE\\System\\X")),
	    "HKLM\\System\\X");
	free(s);
}

static void
reg_fails(const char *text, const char *want)
{
	struct reg_db db = { 0 };
	char err[VG_ERRLEN];

	assert_int_equal(reg_parse(&db, text, strlen(text), "t.reg", err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("error '%s' does not contain '%s'", err, want);
	reg_db_clear(&db);
}

static void
test_reg_errors(void **state)
{
	(void)state;
	static const char h[] = "Windows Registry Editor Version 5.00\n\n";
	char buf[512];

	reg_fails("", "empty file");
	reg_fails("[HKLM\\A]\n", "t.reg:1: not a .reg file");
	snprintf(buf, sizeof buf, "%s\"a\"=dword:1\n", h);
	reg_fails(buf, "t.reg:3: value outside a key");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\"=dword:123456789\n", h);
	reg_fails(buf, "t.reg:4: dword value of 'a'");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\"=\"open\n", h);
	reg_fails(buf, "no closing quote");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\"=hex:0g\n", h);
	reg_fails(buf, "bad byte");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\"=hex:01,\\\n", h);
	reg_fails(buf, "t.reg:4: the file ends inside a continued value");
	snprintf(buf, sizeof buf, "%s[HKLM\\A\n", h);
	reg_fails(buf, "key line without ']'");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\" dword:1\n", h);
	reg_fails(buf, "missing '='");
	snprintf(buf, sizeof buf, "%s[HKLM\\A]\n\"a\"=sz:1\n", h);
	reg_fails(buf, "unknown value type for 'a'");
	{
		static const char nul[] = "Windows Registry Editor Version "
		    "5.00\n\0x";
		struct reg_db db = { 0 };
		char err[VG_ERRLEN];

		assert_int_equal(reg_parse(&db, nul, sizeof nul - 1, "n.reg",
		    err), -1);
		/* NUL bytes are dropped; what is left is judged. */
		assert_non_null(strstr(err, "n.reg:2: value outside a key"));
		reg_db_clear(&db);
	}
}

/* ---- secedit INF ------------------------------------------------------- */

static void
test_inf(void **state)
{
	(void)state;
	static const char inf[] =
	    "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\n"
	    "MinimumPasswordLength = 12\r\n; comment\r\n"
	    "NewGuestName = \"Invité\"\r\n[Registry Values]\r\n"
	    "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1\r\n"
	    "MACHINE\\Software\\X\\Legal=7,Mairie,Accès\r\n"
	    "MACHINE\\Software\\X\\Text=1,\"Bonjour\"\r\n"
	    "[Version]\r\nsignature=\"$CHICAGO$\"\r\n";
	struct inf in;
	struct reg_db db = { 0 };
	const struct inf_entry *e;
	unsigned char *b;
	char err[VG_ERRLEN], *s;
	size_t len;
	int64_t n;

	b = u16(inf, 1, &len);
	assert_int_equal(inf_parse(b, len, "secedit.inf", &in, err), 0);
	free(b);
	e = inf_get(&in, "system access", "minimumpasswordlength");
	assert_non_null(e);
	assert_string_equal(e->value, "12");
	assert_int_equal(e->line, 4);
	assert_string_equal(inf_get(&in, NULL, "NewGuestName")->value,
	    "\"Invité\"");
	assert_true(inf_has_section(&in, "Version"));
	inf_to_reg(&in, &db);
	assert_int_equal(reg_value_number(reg_value_find(reg_key_find(&db,
	    "HKLM\\System\\CurrentControlSet\\Control\\Lsa"), "NoLMHash"), &n),
	    0);
	assert_int_equal(n, 1);
	s = reg_value_text(reg_value_find(reg_key_find(&db, "HKLM\\Software\\X"),
	    "Legal"));
	assert_string_equal(s, "Mairie|Accès");
	free(s);
	s = reg_value_text(reg_value_find(reg_key_find(&db, "HKLM\\Software\\X"),
	    "Text"));
	assert_string_equal(s, "Bonjour");
	free(s);
	reg_db_clear(&db);
	inf_clear(&in);

	assert_int_equal(inf_parse("", 0, "e.inf", &in, err), -1);
	assert_non_null(strstr(err, "e.inf: no [section]"));
	s = "[System Access]\nMinimumPassword";
	assert_int_equal(inf_parse(s, strlen(s), "c.inf", &in, err), -1);
	assert_non_null(strstr(err, "c.inf:2: \"Key = Value\" expected"));
	s = "Key = 1\n";
	assert_int_equal(inf_parse(s, strlen(s), "c.inf", &in, err), -1);
	assert_non_null(strstr(err, "c.inf:1: setting outside a [section]"));
	s = "[Open\nKey=1\n";
	assert_int_equal(inf_parse(s, strlen(s), "c.inf", &in, err), -1);
	assert_non_null(strstr(err, "c.inf:1: bad section line"));
}

/* ---- gpresult XML ----------------------------------------------------- */

static void
test_gpresult(void **state)
{
	(void)state;
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
	    "<Rsop xmlns=\"http://www.microsoft.com/GroupPolicy/Rsop\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
	    "<ComputerResults><Name>WORKGROUP\\PC1</Name><ExtensionData>"
	    "<Extension xmlns:q7=\"http://www.microsoft.com/GroupPolicy/"
	    "Settings/Security\" xsi:type=\"q7:SecuritySettings\">"
	    "<q7:Account><q7:Name>MinimumPasswordLength</q7:Name>"
	    "<q7:SettingNumber>14</q7:SettingNumber></q7:Account>"
	    "<q7:Account><q7:Name>ClearTextPassword</q7:Name>"
	    "<q7:SettingBoolean>false</q7:SettingBoolean></q7:Account>"
	    "<q7:Audit><q7:Name>AuditLogonEvents</q7:Name>"
	    "<q7:SuccessAttempts>true</q7:SuccessAttempts>"
	    "<q7:FailureAttempts>true</q7:FailureAttempts></q7:Audit>"
	    "<q7:SecurityOptions><q7:KeyName>MACHINE\\System\\CurrentControlSet"
	    "\\Control\\Lsa\\NoLMHash</q7:KeyName><q7:SettingNumber>1"
	    "</q7:SettingNumber></q7:SecurityOptions>"
	    "</Extension></ExtensionData><ExtensionData><Extension "
	    "xmlns:z=\"http://www.microsoft.com/GroupPolicy/Settings/Registry\">"
	    "<z:Policy><z:Name>Désactiver LLMNR</z:Name><z:State>Enabled"
	    "</z:State></z:Policy><z:RegistrySetting><z:KeyPath>Software\\"
	    "Policies\\Microsoft\\Windows NT\\DNSClient</z:KeyPath><z:Value>"
	    "<z:Name>EnableMulticast</z:Name><z:Number>0</z:Number></z:Value>"
	    "</z:RegistrySetting></Extension></ExtensionData>"
	    "</ComputerResults></Rsop>\n";
	struct gpresult g;
	struct reg_db db = { 0 };
	unsigned char *b;
	char err[VG_ERRLEN];
	size_t len;
	int64_t n;

	b = u16(xml, 1, &len);
	assert_int_equal(gpresult_parse(b, len, "gp.xml", &g, err), 0);
	free(b);
	assert_string_equal(g.computer, "WORKGROUP\\PC1");
	assert_string_equal(gpresult_get(&g, "Account",
	    "minimumpasswordlength")->value, "14");
	assert_string_equal(gpresult_get(&g, "Account",
	    "ClearTextPassword")->value, "0");
	assert_string_equal(gpresult_get(&g, "Audit",
	    "AuditLogonEvents")->value, "success,failure");
	assert_string_equal(gpresult_get(&g, "Policy",
	    "Désactiver LLMNR")->value, "Enabled");
	gpresult_to_reg(&g, &db);
	assert_int_equal(reg_value_number(reg_value_find(reg_key_find(&db,
	    "HKLM\\Software\\Policies\\Microsoft\\Windows NT\\DNSClient"),
	    "EnableMulticast"), &n), 0);
	assert_int_equal(n, 0);
	assert_non_null(reg_value_find(reg_key_find(&db,
	    "HKLM\\System\\CurrentControlSet\\Control\\Lsa"), "NoLMHash"));
	reg_db_clear(&db);
	gpresult_clear(&g);

	assert_int_equal(gpresult_parse("<GPO/>", 6, "x.xml", &g, err), -1);
	assert_non_null(strstr(err, "not a gpresult /x report"));
	assert_int_equal(gpresult_parse("<Rsop><Comp", 11, "t.xml", &g, err),
	    -1);
	assert_non_null(strstr(err, "t.xml:1:"));
}

/* ---- command outputs ----------------------------------------------------- */

static void
split_is(const char *line, const char *label, const char *value)
{
	char *l, *v;

	if (label == NULL) {
		assert_int_equal(cmdout_split(line, &l, &v), -1);
		return;
	}
	assert_int_equal(cmdout_split(line, &l, &v), 0);
	assert_string_equal(l, label);
	assert_string_equal(v, value);
	free(l);
	free(v);
}

static void
test_cmdout(void **state)
{
	(void)state;
	struct cmdout c;
	static const char text[] = "a  \r\n\r\nb\r\n";

	split_is("State                                 ON", "State", "ON");
	split_is("    Conversion Status:    Fully Encrypted", "Conversion Status",
	    "Fully Encrypted");
	split_is("    État de la conversion :         Chiffrement complet",
	    "État de la conversion", "Chiffrement complet");
	split_is("RealTimeProtectionEnabled       : True",
	    "RealTimeProtectionEnabled", "True");
	split_is("FileName    %systemroot%\\system32\\LogFiles\\pfirewall.log",
	    "FileName", "%systemroot%\\system32\\LogFiles\\pfirewall.log");
	split_is("Volume C: [Windows]", "Volume C", "[Windows]");
	split_is("  Logon                                   Success and Failure",
	    "Logon", "Success and Failure");
	split_is("Domain Profile Settings: ", NULL, NULL);
	split_is("------------", NULL, NULL);
	split_is("", NULL, NULL);
	cmdout_load(&c, text, sizeof text - 1);
	assert_int_equal(c.nlines, 3);
	assert_string_equal(c.lines[0], "a");
	assert_string_equal(c.lines[2], "b");
	cmdout_clear(&c);
}

/* ---- dpkg ------------------------------------------------------------- */

static void
test_dpkg(void **state)
{
	(void)state;
	static const char status[] =
	    "Package: sudo\nStatus: install ok installed\nVersion: 1.9.13p3-1+deb12u1\n"
	    "Description: x\n more\n\nPackage: telnetd\n"
	    "Status: deinstall ok config-files\nVersion: 0.17\n\n"
	    "Package: base-files\nStatus: install ok installed\n"
	    "Version: 12.4+deb12u8\n";
	struct dpkg_db db = { 0 };
	char err[VG_ERRLEN];

	assert_true(dpkg_vercmp("1.0", "1.0") == 0);
	assert_true(dpkg_vercmp("1.0~rc1", "1.0") < 0);
	assert_true(dpkg_vercmp("1:0.1", "2.0") > 0);
	assert_true(dpkg_vercmp("12.4+deb12u8", "12") > 0);
	assert_true(dpkg_vercmp("11.1+deb11u9", "12") < 0);
	assert_true(dpkg_vercmp("1.2-10", "1.2-9") > 0);
	assert_true(dpkg_vercmp("1.9.5p2", "1.9.13") < 0);
	assert_true(dpkg_vercmp("2.0a", "2.0") > 0);
	assert_true(dpkg_vercmp("2.0", "2.0+") < 0);
	dpkg_parse(&db, status, sizeof status - 1);
	assert_non_null(dpkg_find(&db, "sudo"));
	assert_string_equal(dpkg_find(&db, "base-files")->version,
	    "12.4+deb12u8");
	assert_null(dpkg_find(&db, "telnetd"));
	dpkg_clear(&db);

	put("root/var/lib/dpkg/info/passwd.list", "/.\n/usr/bin/passwd\n"
	    "/bin/su\n");
	put("root/var/lib/dpkg/info/x.md5sums", "/not/a/list\n");
	{
		char *root = tu_path("root");

		assert_int_equal(dpkg_load_files(&db, root, err), 0);
		free(root);
	}
	assert_true(dpkg_owns(&db, "/usr/bin/passwd"));
	assert_true(dpkg_owns(&db, "/usr/bin/su"));	/* merged /usr */
	assert_true(dpkg_owns(&db, "/bin/passwd"));
	assert_false(dpkg_owns(&db, "/usr/local/bin/x"));
	assert_false(dpkg_owns(&db, "/not/a/list"));
	dpkg_clear(&db);
}

/* ---- key = value files and sysctl ----------------------------------- */

static void
test_kv(void **state)
{
	(void)state;
	char *files[3], err[VG_ERRLEN], *value, *where, *root;
	const char *shown[3] = { "/a.conf", "/none", "/b.conf" };
	struct kv_opts o = { .sep = ' ', .icase = 1, .stop = "Match" };
	struct kv_hit h;

	put("kv/a.conf", "# PermitRootLogin yes\n  permitrootlogin=no\n"
	    "Match User x\nPasswordAuthentication yes\n");
	put("kv/b.conf", "PermitRootLogin yes\nPasswordAuthentication no\n"
	    "[global]\n  Server  Min Protocol = NT1\n[share]\n"
	    "server min protocol = SMB3\n");
	files[0] = tu_path("kv/a.conf");
	files[1] = tu_path("kv/none");
	files[2] = tu_path("kv/b.conf");
	assert_int_equal(kv_find(files, shown, 3, "PermitRootLogin", &o, &h,
	    err), 1);
	assert_string_equal(h.value, "no");
	assert_string_equal(h.file, "/a.conf");
	assert_int_equal(h.line, 2);
	kv_hit_clear(&h);
	/* After "Match" nothing counts: the next file answers. */
	assert_int_equal(kv_find(files, shown, 3, "PasswordAuthentication", &o,
	    &h, err), 1);
	assert_string_equal(h.value, "no");
	assert_string_equal(h.file, "/b.conf");
	kv_hit_clear(&h);
	o = (struct kv_opts){ .sep = '=', .squash = 1, .section = "global",
	    .last = 1 };
	assert_int_equal(kv_find(files, shown, 3, "server min protocol|"
	    "min protocol", &o, &h, err), 1);
	assert_string_equal(h.value, "NT1");
	kv_hit_clear(&h);
	assert_int_equal(kv_find(files, shown, 3, "absent", &o, &h, err), 0);
	free(files[0]);
	free(files[1]);
	free(files[2]);

	put("sys/proc/sys/net/ipv4/ip_forward", "1\n");
	put("sys/usr/lib/sysctl.d/50-default.conf",
	    "net.ipv4.conf.all.accept_redirects = 1\nkernel.x = 1\n");
	put("sys/etc/sysctl.d/50-default.conf", "kernel.x = 2\n");
	put("sys/etc/sysctl.d/90-local.conf",
	    "-net/ipv4/conf/all/accept_redirects=0\n");
	root = tu_path("sys");
	assert_int_equal(sysctl_get(root, 1, "net.ipv4.ip_forward", &value,
	    &where, err), 1);
	assert_string_equal(value, "1");
	assert_string_equal(where, "/proc/sys/net/ipv4/ip_forward");
	free(value);
	free(where);
	/* Offline: /etc hides the same file name of /usr/lib. */
	assert_int_equal(sysctl_get(root, 0, "kernel.x", &value, &where, err),
	    1);
	assert_string_equal(value, "2");
	free(value);
	free(where);
	assert_int_equal(sysctl_get(root, 0, "net.ipv4.conf.all."
	    "accept_redirects", &value, &where, err), 1);
	assert_string_equal(value, "0");
	assert_string_equal(where, "/etc/sysctl.d/90-local.conf:1");
	free(value);
	free(where);
	assert_int_equal(sysctl_get(root, 0, "vm.none", &value, &where, err),
	    0);
	assert_int_equal(sysctl_get(root, 1, "../../etc", &value, &where, err),
	    -1);
	free(root);
}

/* ---- the index ---------------------------------------------------------- */

static void
test_index(void **state)
{
	(void)state;
	struct check c[4] = {
		{ .severity = VG_SEV_CRITICAL }, { .severity = VG_SEV_LOW },
		{ .severity = VG_SEV_MEDIUM }, { .severity = VG_SEV_HIGH },
	};
	enum cfg_res r[4] = { CFG_PASS, CFG_FAIL, CFG_NA, CFG_ERROR };
	enum cfg_res all_na[4] = { CFG_NA, CFG_NA, CFG_ERROR, CFG_NA };
	enum cfg_res mix[4] = { CFG_FAIL, CFG_PASS, CFG_PASS, CFG_PASS };

	/* critical 8 passed, low 1 failed; N/A and errors left out. */
	assert_int_equal(config_index(c, r, 4), 89);
	assert_int_equal(config_index(c, all_na, 4), -1);
	/* 1 + 2 + 4 of 15. */
	assert_int_equal(config_index(c, mix, 4), 47);
	assert_int_equal(config_weight(VG_SEV_INFO), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_reg_parse),
		cmocka_unit_test(test_reg_errors),
		cmocka_unit_test(test_inf),
		cmocka_unit_test(test_gpresult),
		cmocka_unit_test(test_cmdout),
		cmocka_unit_test(test_dpkg),
		cmocka_unit_test(test_kv),
		cmocka_unit_test(test_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
