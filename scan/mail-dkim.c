/*
 * mail-dkim.c — DKIM key records (RFC 6376, ed25519 from RFC 8463): the
 * key type and size behind a selector, read with OpenSSL.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define DKIM_MAX_KEY	8192	/* bytes of base64 read at most */

static void
seterr(char **slot, const char *fmt, ...)
{
	va_list	ap;

	if (*slot != NULL)
		return;
	va_start(ap, fmt);
	*slot = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Decode base64 in S (whitespace ignored). Returns the length or -1. */
static int
unbase64(const char *s, unsigned char **out)
{
	char		*clean;
	size_t		 n = 0, i;
	int		 len, pad = 0;

	*out = NULL;
	clean = xmalloc(strlen(s) + 1);
	for (i = 0; s[i] != '\0'; i++)
		if (!isspace((unsigned char)s[i]))
			clean[n++] = s[i];
	clean[n] = '\0';
	if (n == 0 || n % 4 != 0 || n > DKIM_MAX_KEY) {
		free(clean);
		return -1;
	}
	if (clean[n - 1] == '=')
		pad++;
	if (clean[n - 2] == '=')
		pad++;
	*out = xmalloc(n / 4 * 3 + 1);
	len = EVP_DecodeBlock(*out, (unsigned char *)clean, n);
	free(clean);
	if (len < 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return len - pad;
}

void
dkim_parse(const char *txt, struct dkim_key *k)
{
	char			*copy, *tok, *save = NULL, *eq, *tag, *val;
	char			*p = NULL;
	unsigned char		*der = NULL;
	const unsigned char	*q;
	EVP_PKEY		*pk = NULL;
	int			 len, first = 1;

	memset(k, 0, sizeof(*k));
	snprintf(k->type, sizeof(k->type), "rsa");	/* k= default */
	copy = xstrdup(txt);
	for (tok = strtok_r(copy, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		if (*tok == '\0')
			continue;
		if ((eq = strchr(tok, '=')) == NULL) {
			seterr(&k->error, _("'%s' is not tag=value"), tok);
			continue;
		}
		*eq = '\0';
		tag = tok;
		val = eq + 1;
		for (char *e = eq; e > tag && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		while (isspace((unsigned char)*val))
			val++;
		for (char *e = val + strlen(val);
		    e > val && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (strcmp(tag, "v") == 0) {
			if (!first || strcmp(val, "DKIM1") != 0)
				seterr(&k->error, "%s", _("v= must come "
				    "first and be DKIM1"));
		} else if (strcmp(tag, "k") == 0) {
			snprintf(k->type, sizeof(k->type), "%.15s", val);
		} else if (strcmp(tag, "t") == 0) {
			if (strchr(val, 'y') != NULL)
				k->testing = 1;
		} else if (strcmp(tag, "h") == 0) {
			/* RFC 8301: rsa-sha1 signatures are not valid. */
			char *hs, *h, *hsave = NULL;

			k->sha1_only = 1;
			hs = xstrdup(val);
			for (h = strtok_r(hs, ": \t", &hsave); h != NULL;
			    h = strtok_r(NULL, ": \t", &hsave))
				if (strcasecmp(h, "sha256") == 0)
					k->sha1_only = 0;
			free(hs);
		} else if (strcmp(tag, "p") == 0 && p == NULL)
			p = xstrdup(val);
		first = 0;
	}
	if (p == NULL) {
		seterr(&k->error, "%s", _("no p= tag (the public key)"));
		goto out;
	}
	if (*p == '\0') {
		k->revoked = 1;
		goto out;
	}
	if ((len = unbase64(p, &der)) < 0) {
		seterr(&k->error, "%s", _("the key is not valid base64"));
		goto out;
	}
	if (strcmp(k->type, "ed25519") == 0) {
		if (len != 32)
			seterr(&k->error, _("an ed25519 key has 32 bytes, "
			    "not %d"), len);
		else
			k->bits = 256;
		goto out;
	}
	if (strcmp(k->type, "rsa") != 0) {
		seterr(&k->error, _("unknown key type k=%s"), k->type);
		goto out;
	}
	/* In practice SubjectPublicKeyInfo; RFC 6376 also allows PKCS#1. */
	q = der;
	if ((pk = d2i_PUBKEY(NULL, &q, len)) == NULL) {
		q = der;
		pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &q, len);
	}
	if (pk == NULL || EVP_PKEY_get_base_id(pk) != EVP_PKEY_RSA)
		seterr(&k->error, "%s", _("the key is not a readable RSA "
		    "public key"));
	else
		k->bits = EVP_PKEY_get_bits(pk);
out:
	EVP_PKEY_free(pk);
	free(der);
	free(p);
	free(copy);
}

void
dkim_free(struct dkim_key *k)
{
	free(k->error);
	memset(k, 0, sizeof(*k));
}
