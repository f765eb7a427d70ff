/*
 * fuzz-hive.c — registry hives and the SAM (scan/config-hive.c, through
 * hivex) on arbitrary bytes: the file is opened as SYSTEM, SOFTWARE and
 * SAM in turn and read as the checks read it (keys, subkeys, the control
 * set, local accounts, Administrators, the password policy): refused or
 * read, never a crash or a leak.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "vigie/config.h"

static void
walk(struct hive_set *h, const char *path, int depth)
{
	const struct reg_key *k;
	char err[VG_ERRLEN], **names = NULL, *sub;
	size_t n = 0, i;

	(void)hive_key(h, path, -1, &k, err);
	if (depth > 3 || hive_subkeys(h, path, -1, &names, &n, err) == -1)
		return;
	for (i = 0; i < n; i++) {
		if (i < 8) {
			sub = xasprintf("%s\\%s", path, names[i]);
			walk(h, sub, depth + 1);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const as[] = { "SYSTEM", "SOFTWARE", "SAM" };
	static const char *const pol[] = {
		"EnableGuestAccount", "EnableAdminAccount",
		"MinimumPasswordLength", "LockoutBadCount", "MaximumPasswordAge",
	};
	static char dir[] = "/tmp/fuzz-hive.XXXXXX";
	static int made;
	char err[VG_ERRLEN], path[64];
	struct hive_set *h;
	struct sam_account *acc;
	size_t i, j, na;
	int64_t v;
	int fd;

	if (!made && mkdtemp(dir) == NULL)
		return 0;
	made = 1;
	snprintf(path, sizeof path, "%s/hive", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return 0;
	(void)vg_write_all(fd, data, len);
	close(fd);
	for (i = 0; i < 3; i++) {
		if (hive_open_file(path, as[i], &h, err) == -1)
			continue;
		walk(h, "HKLM\\SYSTEM\\CurrentControlSet\\Control", 0);
		walk(h, "HKLM\\SOFTWARE\\Microsoft\\Windows NT", 0);
		walk(h, "HKLM\\SAM\\SAM\\Domains\\Account", 0);
		(void)hive_computer(h);
		if (hive_accounts(h, &acc, &na, err) == 0)
			hive_accounts_free(acc, na);
		(void)hive_admin_members(h, err);
		for (j = 0; j < sizeof pol / sizeof pol[0]; j++)
			(void)hive_policy(h, pol[j], &v, err);
		hive_close(h);
	}
	return 0;
}
