/*
 * fuzz-tmp.h — a private folder for the fuzz harnesses whose parser reads
 * a file or a folder (made once per process under $TMPDIR, removed at
 * exit), and the helpers to fill and empty it. Header-only, fuzz
 * harnesses only.
 */
#ifndef VIGIE_FUZZ_TMP_H
#define VIGIE_FUZZ_TMP_H

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_tmp_dir[1024];

static int
fuzz_tmp_rm(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	(void)remove(path);
	return 0;
}

static void
fuzz_tmp_atexit(void)
{
	nftw(fuzz_tmp_dir, fuzz_tmp_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* The folder, made on first call. */
static inline const char *
fuzz_tmp(void)
{
	const char *t;

	if (fuzz_tmp_dir[0] == '\0') {
		t = getenv("TMPDIR");
		snprintf(fuzz_tmp_dir, sizeof(fuzz_tmp_dir), "%s/vigie-fuzz-XXXXXX",
		    t != NULL && *t != '\0' ? t : "/tmp");
		if (mkdtemp(fuzz_tmp_dir) == NULL)
			abort();
		atexit(fuzz_tmp_atexit);
	}
	return fuzz_tmp_dir;
}

/* Empty the folder (it stays). */
static inline void
fuzz_tmp_clear(void)
{
	/* nftw removes the folder itself last: make it again. */
	nftw(fuzz_tmp(), fuzz_tmp_rm, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(fuzz_tmp_dir, 0700) == -1)
		abort();
}

/* Write LEN bytes as NAME in the folder (mode 0600); abort on failure. */
static inline void
fuzz_tmp_write(const char *name, const void *data, size_t len)
{
	char	path[4200];
	int	fd;
	ssize_t	n;
	size_t	off = 0;

	snprintf(path, sizeof(path), "%s/%s", fuzz_tmp(), name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		abort();
	while (off < len) {
		if ((n = write(fd, (const char *)data + off, len - off)) <= 0)
			abort();
		off += (size_t)n;
	}
	close(fd);
}

#endif
