/*
 * fuzz-verify.c — `respond verify` on a capture folder built from the
 * input (respond/verify.c): the manifest, its signature, the public key,
 * SHA256SUMS, the custody log and the artifacts, walked and checked as a
 * handed-over capture is. The input is a list of files: NAME, a NUL, a
 * two-byte length, then that many bytes; a NAME that starts with "L:"
 * makes a symbolic link to the bytes instead. Names stay inside the
 * folder (tests/fuzz/inside.h). Never a crash; a folder that cannot be
 * read is an error with a message, and nothing in it is changed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "fuzz-tmp.h"
#include "inside.h"

#define FILES_MAX	48

/* Make the folders above NAME (relative to the temporary folder). */
static int
parents(const char *name)
{
	char	path[4200];
	char	*s;

	snprintf(path, sizeof(path), "%s/%s", fuzz_tmp(), name);
	for (s = path + strlen(fuzz_tmp()) + 1; (s = strchr(s, '/')) != NULL;
	    s++) {
		*s = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct verify_result	 res;
	char			 err[VG_ERRLEN], name[256], path[4200];
	char			 target[512];
	const uint8_t		*nul;
	size_t			 off = 0, n, l;
	int			 files = 0, link;

	fuzz_tmp_clear();
	while (off < len && files < FILES_MAX) {
		if ((nul = memchr(data + off, '\0', len - off)) == NULL)
			break;
		n = (size_t)(nul - (data + off));
		if (n >= sizeof(name) || len - off - n - 1 < 2)
			break;
		memcpy(name, data + off, n);
		name[n] = '\0';
		off += n + 1;
		l = (size_t)data[off] << 8 | data[off + 1];
		off += 2;
		if (l > len - off)
			l = len - off;
		link = strncmp(name, "L:", 2) == 0;
		if (inside(name + (link ? 2 : 0)) &&
		    parents(name + (link ? 2 : 0)) == 0) {
			if (link) {
				snprintf(target, sizeof(target), "%.*s",
				    (int)(l < sizeof(target) - 1 ? l :
				    sizeof(target) - 1), (const char *)data + off);
				snprintf(path, sizeof(path), "%s/%s",
				    fuzz_tmp(), name + 2);
				(void)symlink(target, path);
			} else
				fuzz_tmp_write(name, data + off, l);
			files++;
		}
		off += l;
	}
	memset(&res, 0, sizeof(res));
	err[0] = '\0';
	if (verify_dir(fuzz_tmp(), NULL, NULL, &res, err) == -1) {
		if (err[0] == '\0')
			abort();
	} else if (res.unsealed == 0 && res.nproblems == 0 &&
	    res.fingerprint[0] == '\0')
		abort();	/* "intact" needs a key that signed it */
	verify_result_free(&res);
	return 0;
}
