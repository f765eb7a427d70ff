/*
 * fuzz-dns.c — what vigie makes of the DNS answers it gets (lib/dns.c
 * and the readers of record data in scan/): a libunbound result built
 * from the input (its records and its wire-format answer packet) turned
 * into an answer, the SOA search in the authority section, and each
 * record read as TXT strings, a domain name, an MX (preference + name)
 * and a TLSA compared with a real certificate; plus the owner names of
 * a trust anchor file (DS / DNSKEY lines). The first byte picks which.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "vigie/vigie.h"
#include "vigie/dns.h"
#include "vigie/mail.h"
#include "../../lib/dns-int.h"
#include "fuzz-tmp.h"

#define RR_MAX	8

static struct smtp_probe	probe;

/* A self-signed Ed25519 certificate, the chain TLSA records meet. */
static void
probe_init(void)
{
	static unsigned char	*der[1];
	static int		 derlen[1];
	EVP_PKEY		*k;
	X509			*x;

	if (probe.ncerts != 0)
		return;
	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL ||
	    (x = X509_new()) == NULL)
		abort();
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, k);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN",
	    MBSTRING_ASC, (const unsigned char *)"mx.example.fr", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	if (X509_sign(x, k, NULL) == 0 || (derlen[0] = i2d_X509(x, &der[0]))
	    <= 0)
		abort();
	X509_free(x);
	EVP_PKEY_free(k);
	probe.der = der;
	probe.derlen = derlen;
	probe.ncerts = 1;
	probe.handshake = 1;
}

static void
read_rr(const struct vg_dns_rr *rr)
{
	char		 name[256], *txt;
	const char	*why;
	size_t		 off, n;

	if ((txt = vg_dns_txt(rr, &n)) != NULL) {
		if (n > rr->len || txt[n] != '\0')
			abort();
		free(txt);
	}
	off = 0;
	if (vg_dns_name(rr->data, rr->len, &off, name) == 0 &&
	    (off > rr->len || strlen(name) > 253))
		abort();
	off = 2;
	if (rr->len >= 3 && vg_dns_name(rr->data, rr->len, &off, name) == 0)
		for (n = 0; name[n] != '\0'; n++)
			if ((unsigned char)name[n] <= 0x20 ||
			    (unsigned char)name[n] >= 0x7f)
				abort();
	if (smtp_tlsa_match(&probe, rr->data, rr->len, &why) == -1 &&
	    why == NULL)
		abort();
}

static void
result(const uint8_t *data, size_t len)
{
	struct ub_result	 res;
	struct vg_dns_answer	*a;
	char			*rd[RR_MAX + 1];
	int			 rl[RR_MAX + 1], n = 0, i, flags;
	size_t			 off = 2;

	if (len < 2)
		return;
	flags = data[0];
	memset(&res, 0, sizeof(res));
	res.qname = "example.fr";
	res.qtype = VG_DNS_TXT;
	res.qclass = 1;
	res.rcode = data[1] % 6;
	res.havedata = flags & 1;
	res.nxdomain = (flags >> 1) & 1;
	res.secure = (flags >> 2) & 1;
	res.bogus = (flags >> 3) & 1;
	res.why_bogus = res.bogus ? (char *)"signature expired; no DNSKEY" :
	    NULL;
	res.canonname = flags & 0x10 ? (char *)"alias.example.fr" :
	    (char *)"example.fr";
	/* Records: a length byte, then that many bytes. */
	while (n < RR_MAX && off < len && (flags & 0x40) == 0) {
		size_t l = data[off++];

		if (l > len - off)
			l = len - off;
		rd[n] = xmalloc(l ? l : 1);
		memcpy(rd[n], data + off, l);
		rl[n++] = (int)l;
		off += l;
		if (off < len && data[off++] == 0)
			break;
	}
	rd[n] = NULL;
	rl[n] = 0;
	res.data = rd;
	res.len = rl;
	/* What is left is the answer packet. */
	res.answer_len = (int)(len - off);
	res.answer_packet = res.answer_len > 0 ? (void *)(data + off) : NULL;
	a = vg_dns_answer_from(&res, (flags >> 5) & 1);
	if (a->n != (res.havedata ? n : 0))
		abort();
	for (i = 0; i < a->n; i++)
		read_rr(&a->rr[i]);
	vg_dns_answer_free(a);
	for (i = 0; i < n; i++)
		free(rd[i]);
}

static void
anchors(const uint8_t *data, size_t len)
{
	char	 path[4200], *anchor[16], *p;
	int	 n, i;

	fuzz_tmp_write("anchors", data, len);
	snprintf(path, sizeof(path), "%s/anchors", fuzz_tmp());
	n = vg_dns_anchors_read(path, anchor, 16);
	if (n < 0 || n > 16)
		abort();
	for (i = 0; i < n; i++) {
		for (p = anchor[i]; *p != '\0'; p++)
			if (isupper((unsigned char)*p))
				abort();
		if (p - anchor[i] > 1 && p[-1] == '.')
			abort();
		free(anchor[i]);
	}
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	probe_init();
	if (len < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		result(data + 1, len - 1);
		break;
	case 1:
		(void)vg_dns_has_soa(len > 1 ? data + 1 : NULL, (int)(len - 1));
		break;
	default:
		anchors(data + 1, len - 1);
		break;
	}
	return 0;
}
