/*
 * fuzz-proc.c — the readers of the capture's process step
 * (respond/capture-proc.c) on what a hostile process can put in /proc:
 * /proc/PID/stat (a command name with spaces and parentheses),
 * cmdline and environ (NUL-separated), status (Uid:, Gid:) and maps.
 * The first byte picks the reader. Never a crash or an overread; what is
 * accepted stays within its fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/json.h"
#include "vigie/capture.h"
#include "../../respond/capture-proc.h"

/* J is a JSON value that can be written out; it is released. */
static void
dump_ok(json_t *j)
{
	char	*s;

	if (j == NULL || (s = json_dumps(j, 0)) == NULL)
		abort();
	free(s);
	json_decref(j);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct proc_stat	 st;
	char			*text;
	json_t			*j;

	if (len < 1)
		return 0;
	/* The readers get what read_all() gives: a NUL-terminated copy. */
	text = xmalloc(len);
	memcpy(text, data + 1, len - 1);
	text[len - 1] = '\0';
	switch (data[0] % 4) {
	case 0:
		if (proc_parse_stat(text, &st) == 0 &&
		    (st.pid <= 0 || strlen(st.comm) >= sizeof(st.comm)))
			abort();
		break;
	case 1:
		j = proc_strings(text, len - 1);
		if (!json_is_array(j))
			abort();
		dump_ok(j);
		break;
	case 2:
		json_decref(proc_status_ids(text, "Uid"));
		json_decref(proc_status_ids(text, "Gid"));
		json_decref(proc_status_ids(text, "Groups"));
		break;
	default:
		dump_ok(proc_maps_json(text));
		break;
	}
	free(text);
	return 0;
}
