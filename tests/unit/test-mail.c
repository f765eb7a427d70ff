/*
 * test-mail.c — the parsers of `vigie scan mail` on good and broken
 * input: SPF, DMARC, DKIM keys (real keys made with OpenSSL), MTA-STS
 * records, policies and MX patterns, prefs.js, DANE TLSA matching
 * against a certificate made here, and the check texts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

/* ---- SPF ------------------------------------------------------------ */

static void
test_spf_good(void **state)
{
	(void)state;
	struct spf_record r;

	spf_parse("v=spf1 mx a:mail.example.fr/24//64 ip4:192.0.2.0/24 "
	    "ip6:2001:db8::/32 include:_spf.example.fr ~all", &r);
	assert_null(r.error);
	assert_null(r.warning);
	assert_int_equal(r.n, 6);
	assert_int_equal(r.t[0].kind, SPF_MX);
	assert_null(r.t[0].value);
	assert_int_equal(r.t[1].kind, SPF_A);
	/* The value keeps its prefix lengths; spf_cidr_split() cuts them. */
	assert_string_equal(r.t[1].value, "mail.example.fr/24//64");
	{
		char	v[] = "foo:bar/baz.example.com/24//64";
		int	b4, b6;

		assert_int_equal(spf_cidr_split(v, &b4, &b6), 0);
		assert_string_equal(v, "foo:bar/baz.example.com");
		assert_int_equal(b4, 24);
		assert_int_equal(b6, 64);
	}
	assert_int_equal(r.t[4].kind, SPF_INCLUDE);
	assert_int_equal(r.t[5].kind, SPF_ALL);
	assert_int_equal(r.t[5].qual, '~');
	spf_free(&r);

	spf_parse("V=SPF1 MX/24 Redirect=_spf.example.fr", &r);
	assert_null(r.error);
	assert_int_equal(r.t[1].kind, SPF_REDIRECT);
	spf_free(&r);

	spf_parse("v=spf1 exists:%{i}.%{l1r-}._spf.%{d2} -all", &r);
	assert_null(r.error);
	assert_true(r.t[0].macro);
	spf_free(&r);
}

static void
test_spf_bad(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"v=spf1 foo:bar -all",		/* unknown mechanism */
		"v=spf1 a: -all",		/* ':' and no domain */
		"v=spf1 a:/24 -all",
		"v=spf1 exp= -all",		/* empty exp */
		"v=spf1 a:example.-com",	/* bad top label */
		"v=spf1 ip4:300.1.1.1",		/* bad address */
		"v=spf1 ip4:192.0.2.0/33",	/* bad prefix */
		"v=spf1 ip6:zz::1",
		"v=spf1 include",		/* value required */
		"v=spf1 all:x.example.fr",	/* all takes none */
		"v=spf1 include:nodot",
		"v=spf1 include:example.123",	/* numeric TLD */
		"v=spf1 exists:%{z}.example.fr",	/* bad macro letter */
		"v=spf1 exists:%{i.example.fr",	/* unfinished */
		"v=spf1 a:x.example.fr %",
		"v=spf1 redirect=a.example.fr redirect=b.example.fr",
		"v=spf1 mx/40",
		"spf1 -all",
		"v=spf10 -all",
		NULL
	};
	struct spf_record r;
	int i;

	for (i = 0; bad[i] != NULL; i++) {
		spf_parse(bad[i], &r);
		if (r.error == NULL)
			fail_msg("no error for '%s'", bad[i]);
		spf_free(&r);
	}
	spf_parse("v=spf1 ptr -all", &r);
	assert_null(r.error);
	assert_non_null(r.warning);
	spf_free(&r);
	spf_parse("v=spf1 moo=bar -all", &r);
	assert_null(r.error);
	assert_non_null(strstr(r.warning, "moo"));
	spf_free(&r);
	assert_true(spf_is_record("v=spf1"));
	assert_false(spf_is_record("v=spf10"));
}

/* ---- DMARC ---------------------------------------------------------- */

static void
test_dmarc(void **state)
{
	(void)state;
	struct dmarc_record d;
	char *s;

	assert_true(dmarc_is_record("v=DMARC1; p=none"));
	assert_true(dmarc_is_record(" v = DMARC1"));
	assert_false(dmarc_is_record("v=spf1 -all"));

	dmarc_parse("v=DMARC1; p=quarantine; sp=none; pct=30; "
	    "rua=mailto:a@x.example.fr!10m, mailto:b@Y.example; t=y", &d);
	assert_null(d.error);
	assert_string_equal(d.p, "quarantine");
	assert_string_equal(d.sp, "none");
	assert_int_equal(d.pct, 30);
	assert_true(d.testing);
	assert_string_equal(d.rua[0], "mailto:a@x.example.fr");
	assert_string_equal(d.rua[1], "mailto:b@Y.example");
	assert_null(d.rua[2]);
	s = dmarc_uri_domain(d.rua[1]);
	assert_string_equal(s, "y.example");
	free(s);
	dmarc_free(&d);

	dmarc_parse("v=DMARC1; p=maybe", &d);
	assert_non_null(d.error);
	dmarc_free(&d);
	dmarc_parse("p=reject; v=DMARC1", &d);
	assert_non_null(d.error);
	dmarc_free(&d);
	dmarc_parse("v=DMARC1; rua=mailto:a@b.example", &d);
	assert_non_null(strstr(d.error, "p="));
	dmarc_free(&d);
	dmarc_parse("v=DMARC1; p=reject; pct=101", &d);
	assert_non_null(d.error);
	dmarc_free(&d);
	dmarc_parse("v=DMARC1; p=reject; rua=https://x.example", &d);
	assert_non_null(d.error);
	dmarc_free(&d);
	dmarc_parse("v=DMARC1; p=reject; zz=1", &d);
	assert_null(d.error);
	assert_string_equal(d.unknown, "zz");
	dmarc_free(&d);
	assert_null(dmarc_uri_domain("https://x.example"));
	assert_null(dmarc_uri_domain("mailto:nobody@"));
}

/* ---- DKIM ------------------------------------------------------------ */

static char *
b64(const unsigned char *der, int len)
{
	char *out = xmalloc(len * 2 + 8);

	EVP_EncodeBlock((unsigned char *)out, der, len);
	return out;
}

static char *
rsa_record(int bits, int pkcs1)
{
	EVP_PKEY *pk = EVP_RSA_gen(bits);
	unsigned char *der = NULL;
	char *p, *rec;
	int len;

	assert_non_null(pk);
	len = pkcs1 ? i2d_PublicKey(pk, &der) : i2d_PUBKEY(pk, &der);
	assert_true(len > 0);
	p = b64(der, len);
	rec = xasprintf("v=DKIM1; k=rsa; p=%.20s %s", p, p + 20);
	OPENSSL_free(der);
	EVP_PKEY_free(pk);
	free(p);
	return rec;
}

static void
test_dkim(void **state)
{
	(void)state;
	struct dkim_key k;
	char *rec;

	rec = rsa_record(1024, 0);
	dkim_parse(rec, &k);
	assert_null(k.error);
	assert_string_equal(k.type, "rsa");
	assert_int_equal(k.bits, 1024);
	dkim_free(&k);
	free(rec);
	rec = rsa_record(2048, 1);		/* PKCS#1, as RFC 6376 says */
	dkim_parse(rec, &k);
	assert_null(k.error);
	assert_int_equal(k.bits, 2048);
	dkim_free(&k);
	free(rec);

	dkim_parse("v=DKIM1; k=ed25519; "
	    "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", &k);
	assert_null(k.error);
	assert_int_equal(k.bits, 256);
	dkim_free(&k);
	dkim_parse("v=DKIM1; p=", &k);
	assert_true(k.revoked);
	dkim_free(&k);
	dkim_parse("v=DKIM1; t=y; p=AAAA", &k);
	assert_true(k.testing);
	assert_non_null(k.error);		/* not a key */
	dkim_free(&k);
	dkim_parse("v=DKIM1; p=!!!", &k);
	assert_non_null(k.error);
	dkim_free(&k);
	dkim_parse("v=DKIM1; k=dsa; p=AAAA", &k);
	assert_non_null(k.error);
	dkim_free(&k);
	dkim_parse("v=DKIM1", &k);
	assert_non_null(k.error);
	dkim_free(&k);
}

/* ---- MTA-STS ------------------------------------------------------------ */

static void
test_sts(void **state)
{
	(void)state;
	static const char good[] = "version: STSv1\r\nmode: enforce\r\n"
	    "mx: mx1.example.fr\r\nmx: *.example.fr\r\nmax_age: 604800\r\n";
	static const char bad1[] = "version: STSv1\nmode: sometimes\n"
	    "mx: a\nmax_age: 1\n";
	static const char bad2[] = "version: STSv1\nmode: enforce\n"
	    "mx: a\nmax_age: 99999999999\n";
	struct sts_policy p;
	const char *why;
	char id[40];

	sts_parse(good, strlen(good), &p);
	assert_null(p.error);
	assert_string_equal(p.mode, "enforce");
	assert_int_equal(p.max_age, 604800);
	assert_int_equal(p.nmx, 2);
	assert_string_equal(p.mx[1], "*.example.fr");
	sts_free(&p);

	sts_parse(bad1, strlen(bad1), &p);
	assert_non_null(p.error);
	sts_free(&p);
	sts_parse(bad2, strlen(bad2), &p);
	assert_non_null(p.error);
	sts_free(&p);
	sts_parse("version: STSv1\0mode", 19, &p);
	assert_non_null(p.error);
	sts_free(&p);

	assert_true(sts_match("mx1.example.fr", "MX1.example.fr."));
	assert_true(sts_match("*.example.fr", "mx2.example.fr"));
	assert_false(sts_match("*.example.fr", "a.b.example.fr"));
	assert_false(sts_match("*.example.fr", "example.fr"));
	assert_false(sts_match("mx1.example.fr", "mx2.example.fr"));

	assert_int_equal(sts_record_parse("v=STSv1; id=20261125", id,
	    sizeof(id), &why), 0);
	assert_string_equal(id, "20261125");
	assert_int_equal(sts_record_parse("v=STSv1; id=bad-id", id,
	    sizeof(id), &why), -1);
	assert_int_equal(sts_record_parse("v=STSv1;", id, sizeof(id), &why),
	    -1);
	assert_int_equal(sts_record_parse("id=1; v=STSv1", id, sizeof(id),
	    &why), -1);
}

/* ---- prefs.js --------------------------------------------------------- */

static void
test_prefs(void **state)
{
	(void)state;
	static const char text[] =
	    "// comment\n/* block\n comment */\n"
	    "user_pref(\"a.str\", \"x\\\"y\\u00e9\");\n"
	    "user_pref(\"a.num\", -12);\n"
	    "user_pref(\"a.bool\", true);\n"
	    "user_pref(\"a.num\", 7);\n"
	    "garbage here\n"
	    "user_pref('single', 'q');\n"
	    "user_pref(\"unterminated, 1);\n";
	struct prefs p;
	const struct prefs_entry *e;

	prefs_parse(text, strlen(text), &p);
	assert_int_equal(p.bad_lines, 2);
	e = prefs_get(&p, "a.str");
	assert_non_null(e);
	assert_true(e->is_str);
	assert_string_equal(e->str, "x\"y\xc3\xa9");
	e = prefs_get(&p, "a.num");
	assert_int_equal(e->num, 7);		/* the later line wins */
	assert_int_equal(prefs_get(&p, "a.bool")->num, 1);
	assert_string_equal(prefs_get(&p, "single")->str, "q");
	assert_null(prefs_get(&p, "nothing"));
	prefs_free(&p);
}

/* ---- DANE ------------------------------------------------------------- */

static void
test_tlsa(void **state)
{
	(void)state;
	EVP_PKEY *pk = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	struct smtp_probe p;
	unsigned char rd[3 + 64], *der = NULL, *spki = NULL, *full;
	unsigned int mdlen;
	const char *why;
	int len, slen;

	assert_non_null(pk);
	X509_set_version(x, 2);
	X509_set_pubkey(x, pk);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_sign(x, pk, EVP_sha256());
	len = i2d_X509(x, &der);
	slen = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki);
	assert_true(len > 0 && slen > 0);

	memset(&p, 0, sizeof(p));
	p.ncerts = 1;
	p.der = &der;
	p.derlen = &len;

	rd[0] = 3; rd[1] = 1; rd[2] = 1;	/* DANE-EE, SPKI, SHA-256 */
	EVP_Digest(spki, slen, rd + 3, &mdlen, EVP_sha256(), NULL);
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 32, &why), 1);
	rd[10] ^= 1;
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 32, &why), 0);
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 20, &why), -1);
	assert_non_null(why);
	rd[0] = 9;
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 32, &why), -1);
	rd[0] = 3; rd[1] = 1; rd[2] = 2;	/* SHA-512 */
	EVP_Digest(spki, slen, rd + 3, &mdlen, EVP_sha512(), NULL);
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 64, &why), 1);
	/* DANE-TA looks past the leaf: a lone leaf cannot match. */
	rd[0] = 2;
	assert_int_equal(smtp_tlsa_match(&p, rd, 3 + 64, &why), 0);
	/* 3 0 0: the whole certificate. */
	full = xmalloc(3 + len);
	full[0] = 3; full[1] = 0; full[2] = 0;
	memcpy(full + 3, der, len);
	assert_int_equal(smtp_tlsa_match(&p, full, 3 + len, &why), 1);
	free(full);

	OPENSSL_free(der);
	OPENSSL_free(spki);
	X509_free(x);
	EVP_PKEY_free(pk);
}

/* ---- key4.db ------------------------------------------------------------ */

static void
test_key4(void **state)
{
	(void)state;
	static const unsigned char junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
	const char *why;

	assert_int_equal(key4_password_empty((const unsigned char *)"s", 1,
	    junk, sizeof(junk), &why), -1);
	assert_non_null(why);
	assert_int_equal(key4_password_empty(NULL, 0, NULL, 0, &why), -1);
	assert_int_equal(key4_check_file("/nonexistent/key4.db", &why), -1);
	assert_non_null(why);
}

/* ---- texts --------------------------------------------------------- */

static void
test_texts(void **state)
{
	(void)state;
	static const char *const ids[] = {
		"mail.mx.present", "mail.spf.present", "mail.spf.single",
		"mail.spf.syntax", "mail.spf.lookups", "mail.spf.void",
		"mail.spf.all", "mail.dmarc.present", "mail.dmarc.single",
		"mail.dmarc.syntax", "mail.dmarc.policy", "mail.dmarc.rua",
		"mail.dkim.selector", "mail.mtasts.record",
		"mail.mtasts.policy", "mail.tlsrpt.present",
		"mail.starttls.offered", "mail.tls.version", "mail.tls.cert",
		"mail.dnssec", "mail.dane.tlsa", "mail.provider.consumer",
		"mail.client.incoming.tls", "mail.client.smtp.tls",
		"mail.client.password.clear", "mail.client.primary-password",
		"mail.client.autoconfig", "mail.client.profile", NULL
	};
	const char *title, *rem;
	enum vg_severity sev;
	char err[VG_ERRLEN];
	int i;

	assert_int_equal(vg_i18n_init("fr", err), 0);
	for (i = 0; ids[i] != NULL; i++) {
		assert_int_equal(mail_text(ids[i], VG_ST_FAIL, &title, &rem,
		    &sev), 0);
		assert_non_null(rem);
		assert_int_equal(mail_text(ids[i], VG_ST_PASS, &title, &rem,
		    &sev), 0);
		assert_null(rem);
	}
	mail_text("mail.spf.all", VG_ST_FAIL, &title, &rem, &sev);
	assert_string_equal(title, "SPF se termine par une règle stricte "
	    "pour tous les autres (-all)");
	assert_int_equal(mail_text("mail.nothing", VG_ST_FAIL, &title, &rem,
	    &sev), -1);
	assert_true(checks_consumer_domain("Wanadoo.fr"));
	assert_false(checks_consumer_domain("mairie-exemple.fr"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spf_good),
		cmocka_unit_test(test_spf_bad),
		cmocka_unit_test(test_dmarc),
		cmocka_unit_test(test_dkim),
		cmocka_unit_test(test_sts),
		cmocka_unit_test(test_prefs),
		cmocka_unit_test(test_tlsa),
		cmocka_unit_test(test_key4),
		cmocka_unit_test(test_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
