/*
 * fuzz-ioc.c — the IOC list parser (scan/ioc.c) on arbitrary bytes, as a
 * hash list and as a name list: it must accept or refuse without
 * crashing or leaking, and lookups on what it accepted must work.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "../../scan/ioc.h"

static void
hit(const struct ioc_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const names[] = { "fuzz.hashes", "fuzz.names" };
	char err[VG_ERRLEN];
	struct ioc_set *s;
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		s = ioc_new();
		(void)ioc_parse(s, (const char *)data, len, names[i], err);
		ioc_seal(s);
		(void)ioc_match_hash(s, VG_SHA256, "275a021bbfb6489e54d471899f"
		    "7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
		(void)ioc_match_hash(s, VG_MD5,
		    "44d88612fea8a8f36de82e1278abb02f");
		ioc_match_path(s, "/home/mairie/Documents/facture.pdf.lockbit",
		    hit, &n);
		ioc_free(s);
	}
	return 0;
}
