/*
 * fuzz-spfmacro.c — SPF macro expansion (scan/mail-spf-host.c) on
 * arbitrary domain-specs: every letter, digit count, reversal and
 * delimiter, the URL escaping and the 253-character cut, without crash
 * or leak. No DNS: %{p} is "unknown".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/mail.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct spf_macro_env	 env;
	char			*s, *r;

	memset(&env, 0, sizeof(env));
	env.sender = "Jo.Dupont+x@mairie-exemple.fr";
	env.local = "Jo.Dupont+x";
	env.sdomain = "mairie-exemple.fr";
	env.helo = "mx.mairie-exemple.fr";
	(void)spf_ip_parse(len > 0 && data[0] & 1 ? "2001:db8::cb01" :
	    "192.0.2.3", &env.ip);
	env.has_ip = len > 0 && (data[0] & 2) == 0;
	s = xstrndup((const char *)data, len);
	r = spf_expand(NULL, &env, s, "mairie-exemple.fr");
	free(r);
	free(s);
	return 0;
}
