/*
 * dns-int.h — the readers of lib/dns.c that take what the resolver
 * returned (answer packet, libunbound result), exposed for the fuzz
 * harness (tests/fuzz/fuzz-dns.c). Private to lib/dns.c.
 */
#ifndef VIGIE_DNS_INT_H
#define VIGIE_DNS_INT_H

#include <unbound.h>

#include "vigie/dns.h"

/* Whether the authority section of the wire-format answer PKT (PLEN
 * bytes, may be NULL) holds an SOA: 1 yes, 0 no or malformed. */
int	vg_dns_has_soa(const void *pkt, int plen);
/* RES as a new answer (vg_dns_answer_free); RES stays the caller's.
 * VALIDATED: whether RES came from the validating context. */
struct vg_dns_answer *vg_dns_answer_from(struct ub_result *res,
	    int validated);
/* The owner names of the DS and DNSKEY lines of the trust anchor file
 * PATH, lower case, no final dot, each once, into ANCHOR (at most MAX,
 * each the caller's to free). Returns how many; 0 when PATH is absent. */
int	vg_dns_anchors_read(const char *path, char **anchor, int max);

#endif
