/*
 * inside.h — the fuzz harnesses' own oracle for "this path stays inside
 * the capture folder" (no leading "/", no empty, "." or ".." component).
 * Written apart from respond/seal.c on purpose: the harnesses check that
 * what the parsers accept agrees with it. Tests only.
 */
#ifndef VIGIE_FUZZ_INSIDE_H
#define VIGIE_FUZZ_INSIDE_H

#include <string.h>

static int
inside(const char *path)
{
	const char	*c = path;
	size_t		 n;

	if (*c == '\0' || *c == '/')
		return 0;
	for (;;) {
		n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (c[n] == '\0')
			return 1;
		c += n + 1;
	}
}

#endif
