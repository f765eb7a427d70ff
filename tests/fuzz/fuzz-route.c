/*
 * fuzz-route.c — the parser of /proc/net/route and /proc/net/ipv6_route
 * lines used by `vigie respond capture` (respond/capture-net.c) on
 * arbitrary bytes: each line as IPv4 and as IPv6; a parsed route has a
 * NUL-terminated destination, gateway and interface and a prefix within
 * its family's bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/capture.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct net_route r;
	char *buf, *line, *next;
	int fam;

	buf = malloc(len + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, len);
	buf[len] = '\0';
	for (line = buf; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		for (fam = 0; fam < 2; fam++) {
			if (net_parse_route(line, fam ? AF_INET6 : AF_INET,
			    &r) == -1)
				continue;
			if (memchr(r.dest, '\0', sizeof(r.dest)) == NULL ||
			    memchr(r.gateway, '\0', sizeof(r.gateway)) ==
			    NULL || memchr(r.iface, '\0', sizeof(r.iface)) ==
			    NULL || r.prefix > (fam ? 128u : 32u))
				abort();
		}
	}
	free(buf);
	return 0;
}
