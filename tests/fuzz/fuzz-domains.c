/*
 * fuzz-domains.c — the list given with `scan mail --domains-file`
 * (scan/mail.c): one domain a line, comments and blanks skipped; any
 * other line refused naming the file and line. What is accepted is a
 * host name by the harness's own rule: lower-case labels of 1 to 63
 * letters, digits, '-' or '_', two at least, 253 bytes at most.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "../../scan/mail-domains.h"
#include "fuzz-tmp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	 path[4200], err[VG_ERRLEN], **v = NULL;
	int	 n = 0, i, rc;
	size_t	 k;

	fuzz_tmp_write("domains.txt", data, len);
	snprintf(path, sizeof(path), "%s/domains.txt", fuzz_tmp());
	err[0] = '\0';
	rc = mail_read_domains(path, &v, &n, err);
	if (rc == -1 && err[0] == '\0')
		abort();
	for (i = 0; i < n; i++) {
		/* Lower case letters, digits, '-', '_' in labels of 1 to
		 * 63 bytes, two labels at least, 253 bytes at most. */
		size_t label = 0, dots = 0;

		for (k = 0; v[i][k] != '\0'; k++) {
			char c = v[i][k];

			if (c == '.') {
				if (label == 0)
					abort();
				label = 0;
				dots++;
			} else if ((c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_') {
				if (++label > 63)
					abort();
			} else
				abort();
		}
		if (k == 0 || k > 253 || label == 0 || dots == 0)
			abort();
		free(v[i]);
	}
	free(v);
	return 0;
}
