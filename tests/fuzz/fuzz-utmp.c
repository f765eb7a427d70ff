/*
 * fuzz-utmp.c — the capture's reader of utmp, wtmp and btmp records
 * (respond/capture-sessions.c): a file of any bytes read record by
 * record (384 bytes each) as the sessions step does; names, lines and
 * hosts of any bytes become valid JSON strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/json.h"
#include "vigie/capture.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	json_t	*j;
	char	*s;
	size_t	 off;

	for (off = 0; off + SESSIONS_UTMP_SIZE <= len;
	    off += SESSIONS_UTMP_SIZE) {
		if ((j = sessions_utmp_json(data + off, len - off)) == NULL)
			abort();
		if ((s = json_dumps(j, 0)) == NULL)
			abort();
		free(s);
		json_decref(j);
	}
	/* Less than one record: nothing. */
	if (sessions_utmp_json(data + off, len - off) != NULL)
		abort();
	return 0;
}
