/*
 * sandbox-probe.c — vg_sandbox() seen from inside: restricted to writing
 * beneath DIR, the probe tries to create a file there and one in OTHER,
 * and to read OTHER/readme; prints what happened, one word each.
 *
 *	sandbox-probe DIR OTHER
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/util.h"

static const char *
try_create(const char *dir)
{
	char *p = xasprintf("%s/probe", dir);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	free(p);
	if (fd == -1)
		return errno == EACCES ? "denied" : strerror(errno);
	close(fd);
	return "written";
}

int
main(int argc, char **argv)
{
	const char *rw[1];
	char err[VG_ERRLEN], *p;
	int rc, fd;

	if (argc != 3)
		return 2;
	rw[0] = argv[1];
	rc = vg_sandbox(rw, 1, err);
	printf("sandbox %s\n", rc == 1 ? "on" : rc == 0 ? "off" : err);
	printf("inside %s\n", try_create(argv[1]));
	printf("outside %s\n", try_create(argv[2]));
	p = xasprintf("%s/readme", argv[2]);
	fd = open(p, O_RDONLY);
	printf("read %s\n", fd == -1 ? "denied" : "allowed");
	free(p);
	return 0;
}
