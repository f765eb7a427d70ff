/*
 * capture-sessions.c — who is and was logged in: utmp (current
 * sessions), wtmp (logins, logouts, reboots), btmp (failed logins), the
 * logind session files, sudo use found in the authentication logs, and
 * the SSH authorised keys of every account. The utmp family is parsed
 * here from the raw records (no getutent), and copied raw in the same
 * read.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utmp.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

_Static_assert(sizeof(struct utmp) == SESSIONS_UTMP_SIZE,
    "utmp record layout");

#define SESS_MAX_FILE	(512 << 20)
#define SESS_MAX_SUDO	100000		/* lines kept from auth logs */

static const char *const utmp_types[] = {
	"EMPTY", "RUN_LVL", "BOOT_TIME", "NEW_TIME", "OLD_TIME",
	"INIT_PROCESS", "LOGIN_PROCESS", "USER_PROCESS", "DEAD_PROCESS",
	"ACCOUNTING",
};

json_t *
sessions_utmp_json(const void *buf, size_t len)
{
	struct utmp	u;
	char		addr[INET6_ADDRSTRLEN], iso[32];
	json_t		*j;

	if (len < sizeof(u))
		return NULL;
	memcpy(&u, buf, sizeof(u));
	j = json_pack("{s:s, s:i}", "type", u.ut_type >= 0 &&
	    u.ut_type < (short)(sizeof(utmp_types) / sizeof(utmp_types[0])) ?
	    utmp_types[u.ut_type] : "?", "pid", (int)u.ut_pid);
	json_object_set_new(j, "line", vg_json_strn(u.ut_line,
	    strnlen(u.ut_line, sizeof(u.ut_line))));
	json_object_set_new(j, "user", vg_json_strn(u.ut_user,
	    strnlen(u.ut_user, sizeof(u.ut_user))));
	json_object_set_new(j, "host", vg_json_strn(u.ut_host,
	    strnlen(u.ut_host, sizeof(u.ut_host))));
	addr[0] = '\0';
	if (u.ut_addr_v6[1] == 0 && u.ut_addr_v6[2] == 0 &&
	    u.ut_addr_v6[3] == 0) {
		if (u.ut_addr_v6[0] != 0)
			inet_ntop(AF_INET, &u.ut_addr_v6[0], addr,
			    sizeof(addr));
	} else
		inet_ntop(AF_INET6, u.ut_addr_v6, addr, sizeof(addr));
	if (addr[0] != '\0')
		json_object_set_new(j, "address", json_string(addr));
	vg_time_iso((time_t)u.ut_tv.tv_sec, iso);
	json_object_set_new(j, "time_utc", json_string(iso));
	json_object_set_new(j, "session", json_integer(u.ut_session));
	return j;
}

/*
 * Read a utmp-format file once: copy it raw into RAW and write its
 * records as JSON lines into PARSED.
 */
static void
sessions_utmp_file(struct capture_ctx *ctx, const char *path,
    const char *raw, const char *parsed)
{
	struct artifact	*a;
	char		*buf, err[VG_ERRLEN];
	size_t		 len, off;
	int		 cut;
	json_t		*j;

	if ((buf = read_all(path, SESS_MAX_FILE, &len, &cut)) == NULL) {
		if (errno != ENOENT)
			capture_warn(ctx, "%s: %s", path, strerror(errno));
		return;
	}
	if ((a = artifact_open(ctx, raw, path, err)) != NULL) {
		artifact_write(a, buf, len);
		if (artifact_close(a, cut, err) == -1)
			capture_warn(ctx, "%s", err);
	} else
		capture_warn(ctx, "%s", err);
	if ((a = artifact_open(ctx, parsed, path, err)) == NULL) {
		capture_warn(ctx, "%s", err);
		free(buf);
		return;
	}
	for (off = 0; off + SESSIONS_UTMP_SIZE <= len;
	    off += SESSIONS_UTMP_SIZE)
		if ((j = sessions_utmp_json(buf + off, len - off)) != NULL)
			artifact_json(a, j);
	if (len % SESSIONS_UTMP_SIZE != 0)
		capture_warn(ctx, "%s: %zu trailing bytes (not a whole record)",
		    path, len % SESSIONS_UTMP_SIZE);
	if (artifact_close(a, cut, err) == -1)
		capture_warn(ctx, "%s", err);
	free(buf);
}

/* Lines of the authentication logs that record a sudo use. */
static void
sessions_sudo(struct capture_ctx *ctx)
{
	static const char *const logs[] = {
		"/var/log/auth.log.1", "/var/log/auth.log",
		"/var/log/secure.1", "/var/log/secure",
	};
	struct artifact	*a = NULL;
	char		*buf, *line, *next, err[VG_ERRLEN];
	size_t		 i, len;
	int		 kept = 0;

	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		if ((buf = read_all(logs[i], SESS_MAX_FILE, &len, NULL)) ==
		    NULL) {
			if (errno != ENOENT)
				capture_warn(ctx, "%s: %s", logs[i],
				    strerror(errno));
			continue;
		}
		if (a == NULL && (a = artifact_open(ctx, "sudo.jsonl",
		    "/var/log/auth.log, /var/log/secure", err)) == NULL) {
			capture_warn(ctx, "%s", err);
			free(buf);
			return;
		}
		for (line = buf; *line != '\0' && kept < SESS_MAX_SUDO;
		    line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			if (strstr(line, " sudo:") == NULL &&
			    strstr(line, " sudo[") == NULL &&
			    strstr(line, " su:") == NULL &&
			    strstr(line, " su[") == NULL)
				continue;
			artifact_json(a, json_pack("{s:s, s:o}", "file",
			    logs[i], "line", vg_json_str(line)));
			kept++;
		}
		free(buf);
	}
	if (a != NULL && artifact_close(a, kept >= SESS_MAX_SUDO, err) == -1)
		capture_warn(ctx, "%s", err);
}

/* Copy FILE of a user's home, never following a link. */
static void
sessions_user_file(struct capture_ctx *ctx, const struct read_user *u,
    const char *rel)
{
	char		*src, *name, *target, err[VG_ERRLEN];
	struct stat	 st;

	src = xasprintf("%s/%s", u->home, rel);
	if (lstat(src, &st) == 0 && S_ISLNK(st.st_mode)) {
		target = read_link(src);
		capture_warn(ctx, "%s: symbolic link to %s, not followed", src,
		    target ? target : "?");
		free(target);
	} else {
		name = xasprintf("ssh/%s/%s", u->name, rel);
		if (artifact_copy(ctx, src, name, 1, SESS_MAX_FILE, NULL,
		    err) == -1)
			capture_warn(ctx, "%s", err);
		free(name);
	}
	free(src);
}

static void
sessions_copy_dir(struct capture_ctx *ctx, const char *dir,
    const char *prefix)
{
	char	err[VG_ERRLEN];

	if (artifact_copy_tree(ctx, dir, prefix, SESS_MAX_FILE, err) == -1)
		capture_warn(ctx, "%s", err);
}

int
sessions_step(struct capture_ctx *ctx, char *err)
{
	struct read_user *users;
	struct stat	  st;
	int		  nusers, i;
	const char	 *utmp;
	char		  e2[VG_ERRLEN];

	utmp = stat("/run/utmp", &st) == 0 ? "/run/utmp" : "/var/run/utmp";
	sessions_utmp_file(ctx, utmp, "raw/utmp", "utmp.jsonl");
	sessions_utmp_file(ctx, "/var/log/wtmp", "raw/wtmp", "wtmp.jsonl");
	sessions_utmp_file(ctx, "/var/log/wtmp.1", "raw/wtmp.1",
	    "wtmp.1.jsonl");
	sessions_utmp_file(ctx, "/var/log/btmp", "raw/btmp", "btmp.jsonl");
	sessions_utmp_file(ctx, "/var/log/btmp.1", "raw/btmp.1",
	    "btmp.1.jsonl");
	sessions_copy_dir(ctx, "/run/systemd/sessions", "logind-sessions");
	sessions_copy_dir(ctx, "/run/systemd/users", "logind-users");
	sessions_sudo(ctx);

	users = read_users("/etc/passwd", &nusers);
	for (i = 0; i < nusers; i++) {
		if (users[i].home[0] != '/' || strcmp(users[i].home, "/") == 0)
			continue;
		sessions_user_file(ctx, &users[i], ".ssh/authorized_keys");
		sessions_user_file(ctx, &users[i], ".ssh/authorized_keys2");
		if (ctx->opts->profile == CAPTURE_FULL) {
			sessions_user_file(ctx, &users[i], ".ssh/known_hosts");
			sessions_user_file(ctx, &users[i], ".ssh/config");
		}
	}
	read_users_free(users, nusers);
	if (artifact_copy(ctx, "/etc/ssh/sshd_config", "sshd/sshd_config", 1,
	    SESS_MAX_FILE, NULL, e2) == -1)
		capture_warn(ctx, "%s", e2);
	sessions_copy_dir(ctx, "/etc/ssh/sshd_config.d", "sshd/sshd_config.d");
	(void)err;
	return 0;
}
