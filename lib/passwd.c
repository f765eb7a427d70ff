/*
 * passwd.c — /etc/passwd and /etc/group read directly (see
 * include/vigie/passwd.h for why not getpwuid()). The table is a sorted
 * array searched by bisection: a scan asks for the owner of every file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/util.h"
#include "vigie/passwd.h"

#define IDMAP_MAX	(16 * 1024 * 1024)

struct idmap_ent {
	unsigned long	 id;
	size_t		 order;		/* line number: first one wins */
	char		*name;
};

struct vg_idmap {
	struct idmap_ent *e;
	size_t		  n;
};

static int
ent_cmp(const void *a, const void *b)
{
	const struct idmap_ent *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A decimal id of at most 10 digits (uid_t is 32 bits). */
static int
parse_id(const char *s, size_t len, unsigned long *id)
{
	unsigned long	v = 0;
	size_t		i;

	if (len == 0 || len > 10)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 0xffffffffUL)
		return -1;
	*id = v;
	return 0;
}

struct vg_idmap *
vg_idmap_parse(const char *buf, size_t len)
{
	struct vg_idmap	*m;
	const char	*line, *end, *nl, *c1, *c2, *c3;
	unsigned long	 id;
	size_t		 cap = 0, lines = 0, i, o;

	m = xcalloc(1, sizeof(*m));
	for (line = buf, end = buf + len; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		lines++;
		/* name:password:id:... */
		if ((c1 = memchr(line, ':', (size_t)(nl - line))) == NULL ||
		    c1 == line || *line == '#' || *line == '+' ||
		    *line == '-' ||
		    (c2 = memchr(c1 + 1, ':', (size_t)(nl - c1 - 1))) == NULL)
			continue;
		if ((c3 = memchr(c2 + 1, ':', (size_t)(nl - c2 - 1))) == NULL)
			c3 = nl;
		if (parse_id(c2 + 1, (size_t)(c3 - c2 - 1), &id) == -1 ||
		    memchr(line, '\0', (size_t)(c1 - line)) != NULL)
			continue;
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->e = xreallocarray(m->e, cap, sizeof(*m->e));
		}
		m->e[m->n].id = id;
		m->e[m->n].order = lines;
		m->e[m->n].name = xstrndup(line, (size_t)(c1 - line));
		m->n++;
	}
	if (m->n > 1)
		qsort(m->e, m->n, sizeof(*m->e), ent_cmp);
	/* Keep the first line of each id. */
	for (i = 0, o = 0; i < m->n; i++) {
		if (o > 0 && m->e[o - 1].id == m->e[i].id) {
			free(m->e[i].name);
			continue;
		}
		m->e[o++] = m->e[i];
	}
	m->n = o;
	return m;
}

struct vg_idmap *
vg_idmap_load(const char *path)
{
	struct vg_idmap	*m;
	char		*buf;
	size_t		 used = 0, cap = 65536;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return vg_idmap_parse("", 0);
	buf = xmalloc(cap);
	for (;;) {
		if (used == cap) {
			if (cap >= IDMAP_MAX)
				break;
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + used, cap - used);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	m = vg_idmap_parse(buf, used);
	free(buf);
	return m;
}

const char *
vg_idmap_name(const struct vg_idmap *m, unsigned long id)
{
	size_t	lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->e[mid].id == id)
			return m->e[mid].name;
		if (m->e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
vg_idmap_count(const struct vg_idmap *m)
{
	return m->n;
}

void
vg_idmap_free(struct vg_idmap *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->e[i].name);
	free(m->e);
	free(m);
}

/* ---- the running machine's, read once ------------------------------- */

static pthread_once_t	 sys_once = PTHREAD_ONCE_INIT;
static struct vg_idmap	*sys_users, *sys_groups;

static void
sys_load(void)
{
	sys_users = vg_idmap_load("/etc/passwd");
	sys_groups = vg_idmap_load("/etc/group");
}

const char *
vg_user_name(uid_t uid)
{
	pthread_once(&sys_once, sys_load);
	return vg_idmap_name(sys_users, (unsigned long)uid);
}

const char *
vg_group_name(gid_t gid)
{
	pthread_once(&sys_once, sys_load);
	return vg_idmap_name(sys_groups, (unsigned long)gid);
}
