/*
 * capture-manifest.h — the seal of `vigie respond capture`, private to
 * respond/: manifest.json, its Ed25519 signature, the public key and
 * SHA256SUMS, written once every step has run (capture-manifest.c).
 */
#ifndef VIGIE_RESPOND_CAPTURE_MANIFEST_H
#define VIGIE_RESPOND_CAPTURE_MANIFEST_H

#include <time.h>
#include <openssl/evp.h>

#include "capture-run.h"

/*
 * Write and seal the capture R in its folder: manifest.json (anchoring
 * the custody chain as it is now), manifest.json.sig signed with KEY,
 * signing-key.pub and SHA256SUMS, each O_EXCL and 0600, then the "seal"
 * custody entry. START is when the capture started. Fills FPR (the
 * key's fingerprint), MANIFEST_SHA and HEAD (the custody head), 65
 * bytes each. Returns 0, or -1 with err set.
 */
int	capture_manifest_seal(struct capture_run *r, EVP_PKEY *key,
	    time_t start, char *fpr, char *manifest_sha, char *head, char *err);

#endif
