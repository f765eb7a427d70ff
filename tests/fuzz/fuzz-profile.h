/*
 * fuzz-profile.h — the mail client check (scan/mail-client.c) run on the
 * fuzz harnesses' temporary folder (fuzz-tmp.h) as a Thunderbird
 * profile: every result must name its check. Fuzz harnesses only.
 */
#ifndef VIGIE_FUZZ_PROFILE_H
#define VIGIE_FUZZ_PROFILE_H

#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"
#include "fuzz-tmp.h"

static inline void
fuzz_profile_check(void)
{
	struct mail_report	r;
	size_t			i;

	memset(&r, 0, sizeof(r));
	client_check_profile(fuzz_tmp(), &r);
	for (i = 0; i < r.n; i++)
		if (r.v[i].id == NULL)
			abort();
	mail_report_free(&r);
}

#endif
