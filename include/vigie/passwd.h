/*
 * passwd.h — names of users and groups read from /etc/passwd and
 * /etc/group by vigie itself, never through the C library's getpwuid()
 * or getgrgid(): those go through NSS (/etc/nsswitch.conf), which makes
 * a static binary load the examined machine's libnss_*.so modules and
 * run its code inside the collector (RFC 3227; docs/static-build.md).
 * Accounts known only to LDAP, SSSD or systemd-userdb are shown by
 * number, which is what a collector should record anyway.
 */
#ifndef VIGIE_PASSWD_H
#define VIGIE_PASSWD_H

#include <stddef.h>
#include <sys/types.h>

/* A table of id -> name from one passwd or group file. */
struct vg_idmap;

/*
 * Parse the text of a passwd or group file (both have the name first
 * and the numeric id third; other fields are ignored). Lines that do not
 * have a name and a decimal id are skipped; the first line for an id
 * wins, as in glibc's files module. Never NULL; owned by the caller
 * (vg_idmap_free).
 */
struct vg_idmap	*vg_idmap_parse(const char *buf, size_t len);
/* The same from the file PATH (at most 16 MB read; an unreadable file
 * gives an empty table). */
struct vg_idmap	*vg_idmap_load(const char *path);
/* The name of ID, or NULL when the table does not know it. Points into
 * the table. */
const char	*vg_idmap_name(const struct vg_idmap *, unsigned long id);
size_t		 vg_idmap_count(const struct vg_idmap *);
void		 vg_idmap_free(struct vg_idmap *);

/*
 * The running machine's /etc/passwd and /etc/group, read once per
 * process on first use (thread-safe). NULL when unknown. The strings
 * live until the process ends.
 */
const char	*vg_user_name(uid_t);
const char	*vg_group_name(gid_t);

#endif
