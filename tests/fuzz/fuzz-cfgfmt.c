/*
 * fuzz-cfgfmt.c — the Windows collector's writer of API values as the
 * text scan config reads (respond/windows/cfgfmt.c), on arbitrary bytes
 * as WMI strings of a suspect PC may hold: every label and value makes
 * one line that splits back into the cleaned label and value
 * (cfgfmt-check.h); OLE dates either refused or a valid YYYY-MM-DD;
 * the update history and DNS lines written without fault.
 *
 * Input: 4 bytes of audit flags, 8 bytes of an OLE date, then the label,
 * a NUL, the value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/config.h"
#include "cfgfmt-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint32_t	 info = 0;
	double		 d = 0;
	char		*text, *value, date[11];
	struct rbuf	 b = { 0 };
	struct cf_update u[2];
	int		 y, m, dd;

	if (len < 12)
		return 0;
	memcpy(&info, data, 4);
	memcpy(&d, data + 4, 8);
	text = calloc(1, len - 12 + 2);
	if (text == NULL)
		return 0;
	memcpy(text, data + 12, len - 12);
	value = text + strlen(text) + 1;
	if (value > text + (len - 12))
		value = text + strlen(text);
	if (cfgfmt_roundtrip(text, value, info) != 0)
		abort();
	if (cf_ole_date(d, date) == 0 && (sscanf(date, "%4d-%2d-%2d", &y, &m,
	    &dd) != 3 || strlen(date) != 10 || y < 1900 || y > 9999 ||
	    m < 1 || m > 12 || dd < 1 || dd > 31))
		abort();
	memset(u, 0, sizeof(u));
	u[0].date = d;
	u[0].operation = (int)(info & 3);
	u[0].result = (int)((info >> 2) & 7);
	u[0].title = text;
	u[1].date = -d;
	u[1].title = value;
	cf_updates(&b, u, 2);
	cf_dns_json(&b, text, info & 0xffff, info, value, info);
	cf_bl_volume(&b, text, value, (long)(info & 7) - 1, (long)(info >> 29));
	cf_fw_profile(&b, (int)(info & 7), 1, 0, 1, -1);
	rb_free(&b);
	free(text);
	return 0;
}
