/*
 * hash.h — SHA-256, SHA-1 and MD5 through OpenSSL's EVP interface, in one
 * pass over the data, and hex output.
 */
#ifndef VIGIE_HASH_H
#define VIGIE_HASH_H

#include <stddef.h>
#include <stdint.h>

enum vg_hash_alg { VG_MD5, VG_SHA1, VG_SHA256 };
#define VG_HASH_MAX	32			/* bytes of the largest digest */
#define VG_HASH_HEXMAX	(2 * VG_HASH_MAX + 1)	/* with the NUL */

struct vg_hash;		/* opaque; one running digest */

/* Start a digest; the caller owns it and ends it with vg_hash_final(). */
struct vg_hash	*vg_hash_new(enum vg_hash_alg);
void		 vg_hash_update(struct vg_hash *, const void *, size_t);
/* Write the digest as lower-case hex into HEX (VG_HASH_HEXMAX bytes) and
 * free the context. Returns the digest length in bytes. */
size_t		 vg_hash_final(struct vg_hash *, char *hex);

size_t		 vg_hash_len(enum vg_hash_alg);
/* One-shot helpers. */
void		 vg_sha256_hex(const void *, size_t, char hex[65]);
/* Hash a whole file, opened read-only (O_NOATIME when allowed). */
int		 vg_hash_file(const char *path, enum vg_hash_alg, char *hex,
		    uint64_t *size, char *err);

void		 vg_hex(const uint8_t *, size_t, char *out);

#endif
