/*
 * mail-key4.c — does a primary password protect the passwords a
 * Thunderbird (NSS) profile saved? NSS keeps, in key4.db table metaData
 * row "password", a global salt (item1) and the text "password-check"
 * encrypted with a key derived from the primary password (item2). If it
 * decrypts with the empty password, there is no primary password.
 *
 * item2 is a DER SEQUENCE { AlgorithmIdentifier, OCTET STRING }, the shape
 * of X509_SIG. Current NSS (Thunderbird 78 and later) uses PBES2:
 * PBKDF2-HMAC-SHA256 over SHA-1(global salt || password), AES-256-CBC with
 * a 14-byte IV stored as an OCTET STRING (the 16-byte IV is its DER
 * encoding, 04 0e + 14 bytes). The older triple-DES scheme is not
 * decoded: vigie says it cannot tell.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <sqlite3.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define KEY4_MAX_ITER	10000000L

int
key4_password_empty(const unsigned char *salt, size_t saltlen,
    const unsigned char *item2, size_t len, const char **why)
{
	const unsigned char	*p = item2;
	const X509_ALGOR	*alg;
	const ASN1_OCTET_STRING	*ct;
	const ASN1_OBJECT	*oid;
	X509_SIG		*sig = NULL;
	PBE2PARAM		*pbe2 = NULL;
	PBKDF2PARAM		*kdf = NULL;
	ASN1_OCTET_STRING	*ivs = NULL;
	EVP_CIPHER_CTX		*cx = NULL;
	unsigned char		 pw[SHA_DIGEST_LENGTH], key[32], iv[16];
	unsigned char		 out[256];
	const void		*param;
	int			 ptype, n, m, rc = -1;
	long			 iter;

	*why = N_("the key database is in a format vigie does not read");
	if (len > 4096 || saltlen > 1024)
		return -1;
	if ((sig = d2i_X509_SIG(NULL, &p, (long)len)) == NULL)
		goto out;
	X509_SIG_get0(sig, &alg, &ct);
	X509_ALGOR_get0(&oid, &ptype, &param, alg);
	if (OBJ_obj2nid(oid) != NID_pbes2) {
		*why = N_("an older key database (triple-DES): vigie cannot "
		    "tell");
		goto out;
	}
	if (ptype != V_ASN1_SEQUENCE || (pbe2 = ASN1_TYPE_unpack_sequence(
	    ASN1_ITEM_rptr(PBE2PARAM), alg->parameter)) == NULL)
		goto out;
	if (OBJ_obj2nid(pbe2->keyfunc->algorithm) != NID_id_pbkdf2 ||
	    pbe2->keyfunc->parameter == NULL ||
	    (kdf = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM),
	    pbe2->keyfunc->parameter)) == NULL)
		goto out;
	if (kdf->salt->type != V_ASN1_OCTET_STRING ||
	    (kdf->prf != NULL &&
	    OBJ_obj2nid(kdf->prf->algorithm) != NID_hmacWithSHA256) ||
	    OBJ_obj2nid(pbe2->encryption->algorithm) != NID_aes_256_cbc ||
	    pbe2->encryption->parameter == NULL ||
	    pbe2->encryption->parameter->type != V_ASN1_OCTET_STRING)
		goto out;
	iter = ASN1_INTEGER_get(kdf->iter);
	if (iter < 1 || iter > KEY4_MAX_ITER)
		goto out;
	/* The IV: the DER of the OCTET STRING, which must make 16 bytes. */
	ivs = pbe2->encryption->parameter->value.octet_string;
	if (ASN1_STRING_length(ivs) != 14 || ct == NULL ||
	    ASN1_STRING_length(ct) <= 0 ||
	    ASN1_STRING_length(ct) > (int)sizeof(out) - 32 ||
	    ASN1_STRING_length(ct) % 16 != 0)
		goto out;
	iv[0] = 0x04;
	iv[1] = 0x0e;
	memcpy(iv + 2, ASN1_STRING_get0_data(ivs), 14);

	/* The empty password: SHA-1 of the global salt alone. */
	SHA1(salt, saltlen, pw);
	if (PKCS5_PBKDF2_HMAC((const char *)pw, sizeof(pw),
	    kdf->salt->value.octet_string->data,
	    kdf->salt->value.octet_string->length, (int)iter, EVP_sha256(),
	    sizeof(key), key) != 1)
		goto out;
	if ((cx = EVP_CIPHER_CTX_new()) == NULL)
		fatal("out of memory");
	rc = 0;		/* from here on, the format was understood */
	*why = NULL;
	if (EVP_DecryptInit_ex(cx, EVP_aes_256_cbc(), NULL, key, iv) == 1 &&
	    EVP_DecryptUpdate(cx, out, &n, ASN1_STRING_get0_data(ct),
	    ASN1_STRING_length(ct)) == 1 &&
	    EVP_DecryptFinal_ex(cx, out + n, &m) == 1 &&
	    n + m == 14 && memcmp(out, "password-check", 14) == 0)
		rc = 1;
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(out, sizeof(out));
	EVP_CIPHER_CTX_free(cx);
	PBKDF2PARAM_free(kdf);
	PBE2PARAM_free(pbe2);
	X509_SIG_free(sig);
	return rc;
}

int
key4_check_file(const char *path, const char **why)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	*why = N_("key4.db cannot be read");
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT item1, item2 FROM metaData "
	    "WHERE id = 'password'", -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW) {
		*why = N_("key4.db holds no password check");
		goto out;
	}
	rc = key4_password_empty(sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0), sqlite3_column_blob(st, 1),
	    (size_t)sqlite3_column_bytes(st, 1), why);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
