/*
 * capture-read.c — reading evidence without changing it: read-only
 * opens with O_NOATIME where the kernel allows it, whole-file reads of
 * /proc files (which report no size), link targets, hashing a descriptor
 * in one pass, and our own /etc/passwd reader (no NSS: a static binary
 * must not load the examined system's libraries).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/hash.h"
#include "vigie/capture.h"

#define READ_CHUNK	(256 * 1024)

int
read_openat(int dirfd, const char *name, int nofollow)
{
	int	flags, fd;

	flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	if (nofollow)
		flags |= O_NOFOLLOW;
	/*
	 * O_NONBLOCK keeps a FIFO planted in a walked folder from blocking
	 * the open; it is cleared right after for regular reads.
	 */
	fd = openat(dirfd, name, flags | O_NOATIME);
	if (fd == -1 && errno == EPERM)
		fd = openat(dirfd, name, flags);
	if (fd != -1)
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
read_open(const char *path, int nofollow)
{
	return read_openat(AT_FDCWD, path, nofollow);
}

char *
read_all(const char *path, size_t max, size_t *len, int *truncated)
{
	char	*buf = NULL;
	size_t	 cap = 0, used = 0;
	ssize_t	 n;
	int	 fd, saved;

	if (truncated != NULL)
		*truncated = 0;
	/* /proc files must block normally: no O_NONBLOCK trick here. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOATIME);
	if (fd == -1 && errno == EPERM)
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd == -1)
		return NULL;
	for (;;) {
		if (used == max) {
			char c;
			if (truncated != NULL && read(fd, &c, 1) == 1)
				*truncated = 1;
			break;
		}
		if (cap - used < 4096 + 1) {
			cap = cap == 0 ? 8192 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + used, cap - used - 1 < max - used ?
		    cap - used - 1 : max - used);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return NULL;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (buf == NULL)
		buf = xmalloc(1);
	buf[used] = '\0';
	if (len != NULL)
		*len = used;
	return buf;
}

char *
read_link(const char *path)
{
	char	buf[PATH_MAX + 1];
	ssize_t	n;

	n = readlink(path, buf, sizeof(buf) - 1);
	if (n == -1)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

int
read_hash_fd(int fd, uint64_t max, char hex[65], uint64_t *size)
{
	struct vg_hash	*h;
	unsigned char	*buf;
	uint64_t	 total = 0;
	ssize_t		 n;
	size_t		 want;
	int		 saved = 0;

	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	buf = xmalloc(READ_CHUNK);
	h = vg_hash_new(VG_SHA256);
	for (;;) {
		want = READ_CHUNK;
		if (max > 0 && max - total < want)
			want = (size_t)(max - total);
		if (want == 0)
			break;
		n = read(fd, buf, want);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			break;
		}
		if (n == 0)
			break;
		vg_hash_update(h, buf, (size_t)n);
		total += (uint64_t)n;
	}
	vg_hash_final(h, hex);
	free(buf);
	if (size != NULL)
		*size = total;
	if (saved != 0) {
		errno = saved;
		return -1;
	}
	return 0;
}

/* ---- /etc/passwd ---------------------------------------------------- */

struct read_user *
read_users(const char *path, int *n)
{
	struct read_user	*u = NULL;
	char			*buf, *line, *next, *f[7];
	int			 count = 0, i;

	*n = 0;
	if ((buf = read_all(path, 16 * 1024 * 1024, NULL, NULL)) == NULL)
		return xcalloc(1, sizeof(*u));
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		for (i = 0; i < 7; i++) {
			f[i] = line;
			if (i < 6) {
				if ((line = strchr(line, ':')) == NULL)
					break;
				*line++ = '\0';
			}
		}
		if (i < 7 || f[0][0] == '\0' || f[0][0] == '#')
			continue;
		u = xreallocarray(u, count + 1, sizeof(*u));
		u[count].name = xstrdup(f[0]);
		u[count].uid = (uid_t)strtoul(f[2], NULL, 10);
		u[count].gid = (gid_t)strtoul(f[3], NULL, 10);
		u[count].home = xstrdup(f[5]);
		u[count].shell = xstrdup(f[6]);
		count++;
	}
	free(buf);
	*n = count;
	return u != NULL ? u : xcalloc(1, sizeof(*u));
}

void
read_users_free(struct read_user *u, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(u[i].name);
		free(u[i].home);
		free(u[i].shell);
	}
	free(u);
}

const char *
read_user_name(const struct read_user *u, int n, uid_t uid)
{
	int	i;

	for (i = 0; i < n; i++)
		if (u[i].uid == uid)
			return u[i].name;
	return NULL;
}
