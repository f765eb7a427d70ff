/*
 * sandbox.c — commands that read outside data (bundles, and what reports
 * are made of) need no power to write where they like. When vigie runs as
 * root, they call vg_sandbox() once their store is open: with Linux
 * Landlock, the process may then write (create, change, remove, rename,
 * link) only beneath the folders given (the store's, the output's, the
 * temporary ones); reading is left alone (data files, libraries). Like
 * OpenBSD's pledge/unveil, the restriction cannot be lifted. `scan mail`
 * (answers from the network) does the same. See
 * docs/privileges.md for what each command may touch.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/util.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif

int
vg_sandbox(const char *const *dirs, size_t n, char *err)
{
	struct landlock_ruleset_attr attr = { 0 };
	struct landlock_path_beneath_attr pb;
	long abi;
	size_t i;
	int rs, fd;

	if (geteuid() != 0 && getenv("VIGIE_SANDBOX") == NULL)
		return 0;
	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) {
		vg_seterr(err, "Landlock is not available (%s): not "
		    "restricted", strerror(errno));
		return -1;
	}
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if ((rs = (int)syscall(SYS_landlock_create_ruleset, &attr,
	    sizeof attr, 0)) == -1) {
		vg_seterr(err, "Landlock: %s: not restricted", strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (dirs[i] == NULL || *dirs[i] == '\0' ||
		    (fd = open(dirs[i], O_PATH | O_CLOEXEC)) == -1)
			continue;
		pb.allowed_access = attr.handled_access_fs;
		pb.parent_fd = fd;
		if (syscall(SYS_landlock_add_rule, rs,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0) == -1) {
			vg_seterr(err, "Landlock: %s: %s: not restricted",
			    dirs[i], strerror(errno));
			close(fd);
			close(rs);
			return -1;
		}
		close(fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    syscall(SYS_landlock_restrict_self, rs, 0) == -1) {
		vg_seterr(err, "Landlock: %s: not restricted", strerror(errno));
		close(rs);
		return -1;
	}
	close(rs);
	return 1;
}

char *
vg_dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(s - path));
}

int
vg_sandbox_store(const char *store_path, char *err)
{
	char		*dir = vg_dir_of(store_path);
	const char	*rw[] = { dir, "/tmp", "/var/tmp", getenv("TMPDIR") };
	int		 rc;

	rc = vg_sandbox(rw, rw[3] != NULL ? 4 : 3, err);
	free(dir);
	return rc;
}
