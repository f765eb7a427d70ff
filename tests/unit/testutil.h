/*
 * testutil.h — small helpers shared by the cmocka unit tests: a private
 * temporary folder removed at exit. Header-only, tests only.
 */
#ifndef VIGIE_TESTUTIL_H
#define VIGIE_TESTUTIL_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tu_dir[64];

static int
tu_rm(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(path);
}

static void
tu_cleanup(void)
{
	if (tu_dir[0] != '\0')
		nftw(tu_dir, tu_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh folder under $TMPDIR, removed when the test program exits. */
static const char *
tu_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	if (tu_dir[0] != '\0')
		return tu_dir;
	snprintf(tu_dir, sizeof tu_dir, "%s/vigie-unit.XXXXXX",
	    t && *t ? t : "/tmp");
	if (mkdtemp(tu_dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	atexit(tu_cleanup);
	return tu_dir;
}

/* TMPDIR/NAME, owned by the caller. */
static char *
tu_path(const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", tu_tmpdir(), name) == -1)
		abort();
	return p;
}

#endif
