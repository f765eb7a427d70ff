/*
 * hash.c — message digests through OpenSSL's EVP interface.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vigie/base.h"
#include "vigie/hash.h"

struct vg_hash {
	EVP_MD_CTX	*ctx;
};

static const EVP_MD *
hash_md(enum vg_hash_alg alg)
{
	switch (alg) {
	case VG_MD5:
		return EVP_md5();
	case VG_SHA1:
		return EVP_sha1();
	case VG_SHA256:
		return EVP_sha256();
	}
	fatal("unknown hash algorithm %d", (int)alg);
}

size_t
vg_hash_len(enum vg_hash_alg alg)
{
	return (size_t)EVP_MD_get_size(hash_md(alg));
}

struct vg_hash *
vg_hash_new(enum vg_hash_alg alg)
{
	struct vg_hash *h = xmalloc(sizeof *h);

	if ((h->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->ctx, hash_md(alg), NULL) != 1)
		fatal("cannot start a digest (OpenSSL)");
	return h;
}

void
vg_hash_update(struct vg_hash *h, const void *buf, size_t len)
{
	if (EVP_DigestUpdate(h->ctx, buf, len) != 1)
		fatal("digest update failed (OpenSSL)");
}

size_t
vg_hash_final(struct vg_hash *h, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1)
		fatal("digest final failed (OpenSSL)");
	vg_hex(md, len, hex);
	EVP_MD_CTX_free(h->ctx);
	free(h);
	return len;
}

void
vg_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

void
vg_sha256_hex(const void *buf, size_t len, char hex[65])
{
	struct vg_hash *h = vg_hash_new(VG_SHA256);

	vg_hash_update(h, buf, len);
	vg_hash_final(h, hex);
}

int
vg_hash_file(const char *path, enum vg_hash_alg alg, char *hex,
    uint64_t *size, char *err)
{
	enum { BUFLEN = 1 << 16 };
	struct vg_hash *h;
	char *buf;
	uint64_t total = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME);
	if (fd == -1 && errno == EPERM)	/* O_NOATIME needs ownership */
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		vg_seterr(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	h = vg_hash_new(alg);
	buf = xmalloc(BUFLEN);
	for (;;) {
		n = read(fd, buf, BUFLEN);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			vg_seterr(err, "%s: cannot read: %s", path,
			    strerror(errno));
			vg_hash_final(h, hex);
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		vg_hash_update(h, buf, (size_t)n);
		total += (uint64_t)n;
	}
	free(buf);
	close(fd);
	vg_hash_final(h, hex);
	if (size != NULL)
		*size = total;
	return 0;
}
