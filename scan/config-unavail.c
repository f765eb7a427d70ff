/*
 * config-unavail.c — why a Windows configuration file is missing from a
 * folder vigie-collect.exe wrote (docs/formats/windows-config.md):
 * unavailable.txt, UTF-16 LE or UTF-8, one line "FILE: reason" per file
 * it could not write (an API the PC lacks, a time limit, no rights). The
 * checks that read such a file then say "not evaluated" with the reason.
 * The file comes from the examined PC: read inside the folder, size
 * capped, reasons cleaned before they reach a terminal.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/config.h"

#define UNAVAIL_MAX	(1024 * 1024)

char *
unavail_parse(const void *buf, size_t len, const char *file)
{
	char *text, *p, *nl, *found = NULL;
	size_t tlen, fl = strlen(file);

	if (buf == NULL || fl == 0)
		return NULL;
	text = decode_text(buf, len, &tlen, NULL);
	for (p = text; p != NULL && *p != '\0' && found == NULL; p = nl) {
		char *r;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (strncasecmp(p, file, fl) != 0 || p[fl] != ':')
			continue;
		r = p + fl + 1;
		while (*r == ' ' || *r == '\t')
			r++;
		r[strcspn(r, "\r")] = '\0';
		if (*r != '\0')
			found = vg_term_clean(r);
	}
	free(text);
	return found;
}

char *
unavail_reason(const char *windir, const char *file)
{
	char err[VG_ERRLEN], *path, *buf = NULL, *r;
	size_t len;
	struct stat st;

	if (windir == NULL)
		return NULL;
	if ((path = vg_root_path(windir, "/unavailable.txt", 1, err)) == NULL)
		return NULL;
	/* A regular file only: a FIFO planted there would block. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		buf = vg_read_file(path, UNAVAIL_MAX, &len, err);
	free(path);
	r = unavail_parse(buf, buf ? len : 0, file);
	free(buf);
	return r;
}

void
unavail_not_collected(const char *windir, const char *file,
    struct vg_buf *d)
{
	char *r = unavail_reason(windir, file);

	vg_buf_sep(d, "; ");
	if (r != NULL)
		vg_buf_printf(d, _("%s was not collected: %s"), file, r);
	else
		vg_buf_printf(d, _("%s was not collected"), file);
	free(r);
}
