/*
 * seal.c — what makes a capture tamper-evident: SHA256SUMS in the
 * coreutils format (written and parsed), manifest.json parsed back for
 * verification, the Ed25519 signing key (created on first use, 0600 and
 * O_EXCL, PEM bytes wiped after use), signatures through OpenSSL's EVP
 * interface, and the tar.gz archive written with libarchive and hashed
 * as it is written.
 *
 * The parsers here read files a stranger may have edited: they are
 * fuzzed (tests/fuzz/fuzz-sums.c, fuzz-manifest.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/hash.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define SEAL_KEY_MAX	16384

/* ---- SHA256SUMS ----------------------------------------------------- */

static int
is_hex64(const char *s)
{
	int	i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/* A relative path that stays inside DIR: not empty, no leading '/', no
 * empty, "." or ".." component (so no trailing '/' either). */
static int
path_inside(const char *p)
{
	const char	*c = p;
	size_t		 n;

	if (*c == '\0' || *c == '/')
		return 0;
	for (;;) {
		n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (c[n] == '\0')
			return 1;
		c += n + 1;
	}
}

void
seal_sums_free(struct seal_sum *s, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(s[i].path);
	free(s);
}

int
seal_sums_parse(const char *buf, size_t len, struct seal_sum **out, int *nout,
    char *err)
{
	struct seal_sum	*s = NULL;
	const char	*line, *end, *p;
	char		*name, *o;
	size_t		 llen;
	int		 n = 0, lineno = 0, escaped, i;

	*out = NULL;
	*nout = 0;
	if (memchr(buf, '\0', len) != NULL) {
		vg_seterr(err, "%s: contains a NUL byte", CAPTURE_SUMS);
		return -1;
	}
	for (line = buf; line < buf + len; line = end + 1) {
		lineno++;
		if ((end = memchr(line, '\n', (size_t)(buf + len - line))) ==
		    NULL)
			end = buf + len;
		llen = (size_t)(end - line);
		if (llen == 0 && end == buf + len)
			break;
		p = line;
		escaped = llen > 0 && *p == '\\';
		if (escaped) {
			p++;
			llen--;
		}
		if (llen < 64 + 3 || !is_hex64(p) || p[64] != ' ' ||
		    (p[65] != ' ' && p[65] != '*')) {
			vg_seterr(err, "%s:%d: not a \"SHA-256  name\" line",
			    CAPTURE_SUMS, lineno);
			goto fail;
		}
		o = name = xmalloc(llen - 66 + 1);
		for (p += 66; p < end; p++) {
			if (escaped && *p == '\\') {
				if (p + 1 < end && p[1] == 'n')
					*o++ = '\n';
				else if (p + 1 < end && p[1] == '\\')
					*o++ = '\\';
				else if (p + 1 < end && p[1] == 'r')
					*o++ = '\r';
				else {
					free(name);
					vg_seterr(err, "%s:%d: bad escape in "
					    "the file name", CAPTURE_SUMS,
					    lineno);
					goto fail;
				}
				p++;
			} else
				*o++ = *p;
		}
		*o = '\0';
		if (!path_inside(name)) {
			free(name);
			vg_seterr(err, "%s:%d: the name leaves the capture "
			    "folder", CAPTURE_SUMS, lineno);
			goto fail;
		}
		s = xreallocarray(s, n + 1, sizeof(*s));
		for (i = 0; i < 64; i++)
			s[n].sha256[i] = (char)(line[escaped + i] |
			    (line[escaped + i] >= 'A' ? 0x20 : 0));
		s[n].sha256[64] = '\0';
		s[n].path = name;
		n++;
		if (end == buf + len)
			break;
	}
	*out = s;
	*nout = n;
	return 0;
fail:
	seal_sums_free(s, n);
	return -1;
}

char *
seal_sums_line(const char *sha256, const char *path)
{
	/* Our names never hold '\\' or '\n' (artifact_safe_name), so the
	 * line needs no escaping. */
	return xasprintf("%s  %s\n", sha256, path);
}

/* ---- manifest.json -------------------------------------------------- */

void
seal_manifest_free(struct seal_manifest *m)
{
	int	i;

	for (i = 0; i < m->nartifacts; i++)
		free(m->artifacts[i].path);
	free(m->artifacts);
	if (m->root != NULL)
		json_decref(m->root);
	memset(m, 0, sizeof(*m));
}

int
seal_manifest_parse(const char *buf, size_t len, struct seal_manifest *m,
    char *err)
{
	json_error_t	 je;
	json_t		*arts, *a, *v, *c;
	const char	*fmt, *path, *sha;
	size_t		 i;
	int		 k;

	memset(m, 0, sizeof(*m));
	if ((m->root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		vg_seterr(err, "%s:%d: %s", CAPTURE_MANIFEST, je.line, je.text);
		return -1;
	}
	if (!json_is_object(m->root) ||
	    (fmt = json_string_value(json_object_get(m->root, "format"))) ==
	    NULL || strcmp(fmt, CAPTURE_FORMAT) != 0) {
		vg_seterr(err, "%s: not a %s manifest (\"format\")",
		    CAPTURE_MANIFEST, CAPTURE_FORMAT);
		goto fail;
	}
	arts = json_object_get(m->root, "artifacts");
	if (!json_is_array(arts)) {
		vg_seterr(err, "%s: no \"artifacts\" list", CAPTURE_MANIFEST);
		goto fail;
	}
	m->artifacts = xcalloc(json_array_size(arts) + 1,
	    sizeof(*m->artifacts));
	json_array_foreach(arts, i, a) {
		path = json_string_value(json_object_get(a, "path"));
		sha = json_string_value(json_object_get(a, "sha256"));
		v = json_object_get(a, "size");
		if (path == NULL || !path_inside(path) || sha == NULL ||
		    strlen(sha) != 64 || !is_hex64(sha) ||
		    !json_is_integer(v) || json_integer_value(v) < 0) {
			vg_seterr(err, "%s: artifact %zu: needs a path inside "
			    "the folder, a sha256 and a size",
			    CAPTURE_MANIFEST, i + 1);
			goto fail;
		}
		for (k = 0; k < m->nartifacts; k++)
			if (strcmp(m->artifacts[k].path, path) == 0) {
				vg_seterr(err, "%s: artifact %zu: %s listed "
				    "twice", CAPTURE_MANIFEST, i + 1, path);
				goto fail;
			}
		m->artifacts[m->nartifacts].path = xstrdup(path);
		memcpy(m->artifacts[m->nartifacts].sha256, sha, 65);
		m->artifacts[m->nartifacts].size =
		    (uint64_t)json_integer_value(v);
		m->artifacts[m->nartifacts].partial =
		    json_is_true(json_object_get(a, "partial"));
		m->nartifacts++;
	}
	m->custody_entries = -1;
	if ((c = json_object_get(m->root, "custody")) != NULL) {
		sha = json_string_value(json_object_get(c, "head"));
		v = json_object_get(c, "entries");
		if (sha == NULL || strlen(sha) != 64 || !is_hex64(sha) ||
		    !json_is_integer(v) || json_integer_value(v) < 1) {
			vg_seterr(err, "%s: \"custody\" needs \"entries\" and "
			    "\"head\"", CAPTURE_MANIFEST);
			goto fail;
		}
		memcpy(m->custody_head, sha, 65);
		m->custody_entries = json_integer_value(v);
	}
	return 0;
fail:
	seal_manifest_free(m);
	return -1;
}

/* ---- keys and signatures -------------------------------------------- */

/* The first OpenSSL error, as text, after WHAT. */
static void
ssl_err(char *err, const char *what)
{
	char	buf[256];
	unsigned long e = ERR_get_error();

	if (e != 0)
		ERR_error_string_n(e, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "unknown OpenSSL error");
	ERR_clear_error();
	vg_seterr(err, "%s: %s", what, buf);
}

static EVP_PKEY *
key_create(const char *path, char *err)
{
	EVP_PKEY	*key = NULL;
	BIO		*bio = NULL;
	char		*pem;
	long		 len;
	int		 fd = -1;

	if ((key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL) {
		ssl_err(err, "Ed25519 key generation");
		return NULL;
	}
	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL)) {
		ssl_err(err, path);
		goto fail;
	}
	len = BIO_get_mem_data(bio, &pem);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1 || vg_write_all(fd, pem, (size_t)len) == -1 ||
	    fsync(fd) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		explicit_bzero(pem, (size_t)len);
		if (fd != -1) {
			close(fd);
			unlink(path);
		}
		goto fail;
	}
	explicit_bzero(pem, (size_t)len);
	close(fd);
	BIO_free(bio);
	return key;
fail:
	BIO_free(bio);
	EVP_PKEY_free(key);
	return NULL;
}

/*
 * OpenSSL's pass phrase callback: never ask. Without one, OpenSSL
 * prompts on the terminal for an encrypted key (and waits there); the
 * key must be usable unattended, so an encrypted one is refused.
 */
static int
no_pass_phrase(char *buf, int size, int rwflag, void *asked)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	*(int *)asked = 1;
	return -1;
}

EVP_PKEY *
seal_key_load(const char *path, int create, int *created, char *err)
{
	EVP_PKEY	*key = NULL;
	BIO		*bio;
	char		*buf;
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd, asked = 0;

	if (created != NULL)
		*created = 0;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && create) {
			if ((key = key_create(path, err)) != NULL &&
			    created != NULL)
				*created = 1;
			return key;
		}
		vg_seterr(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(SEAL_KEY_MAX);
	while (len < SEAL_KEY_MAX - 1 &&
	    (n = read(fd, buf + len, SEAL_KEY_MAX - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	if ((bio = BIO_new_mem_buf(buf, (int)len)) != NULL) {
		key = PEM_read_bio_PrivateKey(bio, NULL, no_pass_phrase,
		    &asked);
		BIO_free(bio);
	}
	explicit_bzero(buf, SEAL_KEY_MAX);
	free(buf);
	if (key == NULL && asked) {
		ERR_clear_error();
		vg_seterr(err, _("%s: the key is protected by a pass phrase; "
		    "vigie needs an Ed25519 key without one"), path);
		return NULL;
	}
	if (key == NULL) {
		ssl_err(err, path);
		return NULL;
	}
	if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
		vg_seterr(err, "%s: not an Ed25519 private key", path);
		EVP_PKEY_free(key);
		return NULL;
	}
	return key;
}

static int
key_fingerprint(EVP_PKEY *key, char fpr[65], char *err)
{
	unsigned char	raw[32];
	size_t		len = sizeof(raw);

	if (!EVP_PKEY_get_raw_public_key(key, raw, &len) || len != 32) {
		ssl_err(err, "Ed25519 public key");
		return -1;
	}
	vg_sha256_hex(raw, len, fpr);
	return 0;
}

char *
seal_pubkey_pem(EVP_PKEY *key, char fpr[65], char *err)
{
	BIO	*bio;
	char	*pem, *out = NULL;
	long	 len;

	if (key_fingerprint(key, fpr, err) == -1)
		return NULL;
	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_PUBKEY(bio, key)) {
		ssl_err(err, "public key");
		BIO_free(bio);
		return NULL;
	}
	len = BIO_get_mem_data(bio, &pem);
	out = xstrndup(pem, (size_t)len);
	BIO_free(bio);
	return out;
}

int
seal_sign(EVP_PKEY *key, const void *data, size_t len, unsigned char sig[64],
    char *err)
{
	EVP_MD_CTX	*md;
	size_t		 siglen = 64;
	int		 rc = -1;

	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, NULL, NULL, key) != 1 ||
	    EVP_DigestSign(md, sig, &siglen, data, len) != 1 || siglen != 64)
		ssl_err(err, "Ed25519 signature");
	else
		rc = 0;
	EVP_MD_CTX_free(md);
	return rc;
}

int
seal_verify(const char *pub, size_t publen, const void *data, size_t len,
    const unsigned char *sig, size_t siglen, char fpr[65], char *err)
{
	EVP_PKEY	*key = NULL;
	EVP_MD_CTX	*md = NULL;
	BIO		*bio;
	int		 rc = -1;

	fpr[0] = '\0';
	if (publen > INT32_MAX ||
	    (bio = BIO_new_mem_buf(pub, (int)publen)) == NULL)
		return -1;
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (key == NULL) {
		ssl_err(err, CAPTURE_PUBKEY);
		return -1;
	}
	if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
		vg_seterr(err, "%s: not an Ed25519 public key", CAPTURE_PUBKEY);
		goto out;
	}
	if (key_fingerprint(key, fpr, err) == -1)
		goto out;
	if (siglen != 64) {
		vg_seterr(err, "%s: %zu bytes, an Ed25519 signature has 64",
		    CAPTURE_SIGNATURE, siglen);
		goto out;
	}
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) != 1) {
		ssl_err(err, "Ed25519 verification");
		goto out;
	}
	if (EVP_DigestVerify(md, sig, siglen, data, len) != 1) {
		ERR_clear_error();
		vg_seterr(err, "%s does not match %s for this public key",
		    CAPTURE_SIGNATURE, CAPTURE_MANIFEST);
		goto out;
	}
	rc = 0;
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return rc;
}

/* ---- archive -------------------------------------------------------- */

struct arch_sink {
	int		 fd;
	struct vg_hash	*hash;
	uint64_t	 size;
};

static la_ssize_t
arch_write(struct archive *a, void *data, const void *buf, size_t len)
{
	struct arch_sink *s = data;

	if (vg_write_all(s->fd, buf, len) == -1) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	vg_hash_update(s->hash, buf, len);
	s->size += len;
	return (la_ssize_t)len;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
arch_add(struct archive *a, int dfd, const char *name, const char *entry,
    char *err)
{
	struct archive_entry *e;
	struct stat	 st;
	char		*buf;
	ssize_t		 n;
	int		 fd, rc = 0;

	if ((fd = read_openat(dfd, name, 1)) == -1 || fstat(fd, &st) == -1) {
		vg_seterr(err, "%s: %s", entry, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	e = archive_entry_new();
	archive_entry_set_pathname(e, entry);
	archive_entry_copy_stat(e, &st);
	archive_entry_set_uname(e, "");
	archive_entry_set_gname(e, "");
	if (archive_write_header(a, e) != ARCHIVE_OK) {
		vg_seterr(err, "%s: %s", entry, archive_error_string(a));
		rc = -1;
	} else if (S_ISREG(st.st_mode)) {
		buf = xmalloc(1 << 16);
		while ((n = read(fd, buf, 1 << 16)) > 0)
			if (archive_write_data(a, buf, (size_t)n) != n) {
				vg_seterr(err, "%s: %s", entry,
				    archive_error_string(a));
				rc = -1;
				break;
			}
		if (n == -1) {
			vg_seterr(err, "%s: %s", entry, strerror(errno));
			rc = -1;
		}
		free(buf);
	}
	archive_entry_free(e);
	if (rc == 0 && S_ISDIR(st.st_mode)) {
		DIR *d;
		struct dirent *de;
		char **names = NULL;
		int nn = 0, i;

		if ((d = fdopendir(fd)) == NULL) {
			vg_seterr(err, "%s: %s", entry, strerror(errno));
			close(fd);
			return -1;
		}
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0) {
				names = xreallocarray(names, nn + 1,
				    sizeof(*names));
				names[nn++] = xstrdup(de->d_name);
			}
		}
		/* Sorted, so the archive is the same for the same folder. */
		if (nn > 0)
			qsort(names, nn, sizeof(*names), name_cmp);
		for (i = 0; i < nn; i++) {
			char *sub = xasprintf("%s/%s", entry, names[i]);
			if (rc == 0 && arch_add(a, dirfd(d), names[i], sub,
			    err) == -1)
				rc = -1;
			free(sub);
			free(names[i]);
		}
		free(names);
		closedir(d);
		return rc;
	}
	close(fd);
	return rc;
}

int
seal_archive(const char *dir, const char *path, char sha[65], uint64_t *size,
    char *err)
{
	struct archive	*a;
	struct arch_sink s;
	char		*copy, *base;
	size_t		 len;
	int		 rc = -1;

	memset(&s, 0, sizeof(s));
	if ((s.fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	s.hash = vg_hash_new(VG_SHA256);
	copy = xstrdup(dir);
	while ((len = strlen(copy)) > 1 && copy[len - 1] == '/')
		copy[len - 1] = '\0';
	base = strrchr(copy, '/') ? strrchr(copy, '/') + 1 : copy;
	a = archive_write_new();
	if (archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
	    archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_open(a, &s, NULL, arch_write, NULL) != ARCHIVE_OK) {
		vg_seterr(err, "%s: %s", path, archive_error_string(a));
		goto out;
	}
	if (arch_add(a, AT_FDCWD, copy, base, err) == -1)
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK) {
		vg_seterr(err, "%s: %s", path, archive_error_string(a));
		goto out;
	}
	if (fsync(s.fd) == -1) {
		vg_seterr(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	archive_write_free(a);
	vg_hash_final(s.hash, sha);
	if (size != NULL)
		*size = s.size;
	close(s.fd);
	if (rc == -1)
		unlink(path);
	free(copy);
	return rc;
}
