/*
 * config-hive.c — the registry of a Windows installation read offline
 * from its hive files with libhivex (the library behind virt-win-reg):
 * SYSTEM (through Select\Current to the current control set), SOFTWARE,
 * SAM, SECURITY and each user's NTUSER.DAT. Keys are looked up by their
 * usual names ("HKLM\SYSTEM\CurrentControlSet\...", "HKCU\...") and
 * cached, so that values read from hives and from .reg exports go through
 * the same checks.
 *
 * From the SAM: local accounts (F value: last logon, account flags; V
 * value: the name), members of Administrators (Builtin alias 0x220, C
 * value) and the account policy (domain F value). Offsets follow the
 * public descriptions of these structures (libyal winreg-kb, plaso).
 */
#include <dirent.h>
#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/config.h"

#define FILETIME_UNIX	11644473600LL	/* seconds from 1601 to 1970 */

struct hive_user {
	char		*name;		/* profile folder name */
	hive_h		*h;
};

struct hive_set {
	char		*mount;
	hive_h		*system, *software, *sam, *security;
	char		*ccs;		/* "ControlSet001" */
	struct hive_user *users;
	int		 nusers;
	struct reg_key	**cache;	/* each allocated alone: stable */
	char		**cache_ids;
	size_t		 ncache;
	char		*computer;
	int		 computer_read;
	char		**notes;	/* profiles that could not be read */
	int		 nnotes;
};

/* ---- Files -------------------------------------------------------- */

/*
 * DIR/NAME with NAME matched without case; caller frees, NULL if none.
 * A symbolic link on the examined volume is never followed (it could
 * lead out of it, to the analyst's own files): NULL with errno ELOOP.
 */
static char *
ci_child(const char *dir, const char *name)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char *out = NULL;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (strcasecmp(de->d_name, name) == 0) {
			out = xasprintf("%s/%s", dir, de->d_name);
			break;
		}
	closedir(d);
	if (out != NULL && (lstat(out, &st) == -1 || S_ISLNK(st.st_mode))) {
		free(out);
		errno = ELOOP;
		return NULL;
	}
	errno = 0;
	return out;
}

/* MOUNT/a/b/c matched component by component without case. */
static char *
ci_path(const char *mount, const char *rel)
{
	char *cur = xstrdup(mount), *copy = xstrdup(rel), *tok, *save = NULL;

	for (tok = strtok_r(copy, "/", &save); tok != NULL && cur != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		char *next = ci_child(cur, tok);

		free(cur);
		cur = next;
	}
	free(copy);
	return cur;
}

static hive_h *
open_hive(const char *mount, const char *rel, char **why)
{
	char *path = ci_path(mount, rel);
	hive_h *h;

	*why = NULL;
	if (path == NULL && errno == ELOOP) {
		*why = xasprintf(_("%s/%s: a symbolic link (or one in its "
		    "path) on the examined volume: refused, it could lead "
		    "outside the volume"), mount, rel);
		return NULL;
	}
	if (path == NULL)
		return NULL;
	if ((h = hivex_open(path, 0)) == NULL)
		*why = xasprintf(_("%s: not a readable registry hive: %s"),
		    path, strerror(errno));
	free(path);
	return h;
}

static void
set_free(struct hive_set *s)
{
	size_t i;
	int u;

	if (s == NULL)
		return;
	if (s->system)
		hivex_close(s->system);
	if (s->software)
		hivex_close(s->software);
	if (s->sam)
		hivex_close(s->sam);
	if (s->security)
		hivex_close(s->security);
	for (u = 0; u < s->nusers; u++) {
		hivex_close(s->users[u].h);
		free(s->users[u].name);
	}
	free(s->users);
	for (u = 0; u < s->nnotes; u++)
		free(s->notes[u]);
	free(s->notes);
	for (i = 0; i < s->ncache; i++) {
		struct reg_db one = { .keys = s->cache[i], .nkeys = 1,
		    .cap = 1 };

		reg_db_clear(&one);
		free(s->cache_ids[i]);
	}
	free(s->cache);
	free(s->cache_ids);
	free(s->ccs);
	free(s->mount);
	free(s->computer);
	free(s);
}

void
hive_close(struct hive_set *s)
{
	set_free(s);
}

/* ---- Walking a hive ------------------------------------------------ */

/* Node at the '\'-separated PATH under the root; 0 if absent. */
static hive_node_h
walk(hive_h *h, const char *path, int *error)
{
	hive_node_h node = hivex_root(h);
	char *copy = xstrdup(path), *tok, *save = NULL;

	*error = 0;
	for (tok = strtok_r(copy, "\\", &save); tok != NULL && node != 0;
	    tok = strtok_r(NULL, "\\", &save)) {
		errno = 0;
		node = hivex_node_get_child(h, node, tok);
		if (node == 0 && errno != 0)
			*error = errno;
	}
	free(copy);
	return node;
}

/* A DWORD value of NODE, or -1. */
static int64_t
dword_of(hive_h *h, hive_node_h node, const char *name)
{
	hive_value_h v;
	int32_t d;

	errno = 0;
	if ((v = hivex_node_get_value(h, node, name)) == 0)
		return -1;
	d = hivex_value_dword(h, v);
	if (d == -1 && errno != 0)
		return -1;
	return (int64_t)(uint32_t)d;
}

static void
find_control_set(struct hive_set *s)
{
	int e;
	hive_node_h sel = walk(s->system, "Select", &e);
	int64_t cur = sel ? dword_of(s->system, sel, "Current") : -1;

	if (cur < 1 || cur > 999)
		cur = 1;
	s->ccs = xasprintf("ControlSet%03d", (int)cur);
}

static void
open_users(struct hive_set *s)
{
	static const char *const skip[] = {
		"Public", "Default", "Default User", "All Users",
	};
	char *users = ci_path(s->mount, "Users");
	DIR *d;
	struct dirent *de;
	size_t i;

	if (users == NULL || (d = opendir(users)) == NULL) {
		free(users);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *dir, *nt;
		hive_h *h;

		if (de->d_name[0] == '.')
			continue;
		for (i = 0; i < sizeof skip / sizeof skip[0]; i++)
			if (strcasecmp(de->d_name, skip[i]) == 0)
				break;
		if (i < sizeof skip / sizeof skip[0])
			continue;
		dir = xasprintf("%s/%s", users, de->d_name);
		nt = ci_child(dir, "NTUSER.DAT");
		if (nt == NULL && errno == ELOOP) {
			s->notes = xreallocarray(s->notes, (size_t)s->nnotes +
			    1, sizeof *s->notes);
			s->notes[s->nnotes++] = xasprintf(_("%s: a symbolic "
			    "link (or one in its path) on the examined volume: "
			    "refused, it could lead outside the volume (this "
			    "profile is not checked)"), dir);
		}
		free(dir);
		if (nt == NULL)
			continue;
		if ((h = hivex_open(nt, 0)) == NULL) {
			/* Said in the report: this profile is not checked. */
			s->notes = xreallocarray(s->notes, (size_t)s->nnotes +
			    1, sizeof *s->notes);
			s->notes[s->nnotes++] = xasprintf(_("%s: not a readable "
			    "registry hive: %s (this profile is not checked)"),
			    nt, strerror(errno));
			free(nt);
			continue;
		}
		free(nt);
		s->users = xreallocarray(s->users, (size_t)s->nusers + 1,
		    sizeof *s->users);
		s->users[s->nusers].name = xstrdup(de->d_name);
		s->users[s->nusers].h = h;
		s->nusers++;
	}
	closedir(d);
	free(users);
}

int
hive_open(const char *mount, struct hive_set **out, char *err)
{
	struct hive_set *s = xcalloc(1, sizeof *s);
	char *why = NULL;
	const char *cfg = "Windows/System32/config";

	s->mount = xstrdup(mount);
	if ((s->system = open_hive(mount, "Windows/System32/config/SYSTEM",
	    &why)) == NULL) {
		if (why != NULL)
			vg_seterr(err, "%s", why);
		else
			vg_seterr(err, _("%s: no %s/SYSTEM: is this the "
			    "Windows volume, mounted?"), mount, cfg);
		goto fail;
	}
	if ((s->software = open_hive(mount,
	    "Windows/System32/config/SOFTWARE", &why)) == NULL) {
		if (why != NULL)
			vg_seterr(err, "%s", why);
		else
			vg_seterr(err, _("%s: no %s/SOFTWARE"), mount, cfg);
		goto fail;
	}
	s->sam = open_hive(mount, "Windows/System32/config/SAM", &why);
	free(why);
	s->security = open_hive(mount, "Windows/System32/config/SECURITY",
	    &why);
	free(why);
	find_control_set(s);
	open_users(s);
	*out = s;
	return 0;
fail:
	free(why);
	set_free(s);
	*out = NULL;
	return -1;
}

int
hive_open_file(const char *path, const char *as, struct hive_set **out,
    char *err)
{
	struct hive_set *s = xcalloc(1, sizeof *s);
	hive_h *h;

	s->mount = xstrdup(path);
	if ((h = hivex_open(path, 0)) == NULL) {
		vg_seterr(err, _("%s: not a readable registry hive: %s"), path,
		    strerror(errno));
		set_free(s);
		return -1;
	}
	if (strcasecmp(as, "SYSTEM") == 0) {
		s->system = h;
		find_control_set(s);
	} else if (strcasecmp(as, "SOFTWARE") == 0)
		s->software = h;
	else if (strcasecmp(as, "SAM") == 0)
		s->sam = h;
	else if (strcasecmp(as, "SECURITY") == 0)
		s->security = h;
	else {
		s->users = xcalloc(1, sizeof *s->users);
		s->users[0].name = xstrdup(as);
		s->users[0].h = h;
		s->nusers = 1;
	}
	*out = s;
	return 0;
}

const char *const *
hive_notes(const struct hive_set *s, int *n)
{
	*n = s->nnotes;
	return (const char *const *)s->notes;
}

int
hive_nusers(const struct hive_set *s)
{
	return s->nusers;
}

const char *
hive_user_name(const struct hive_set *s, int user)
{
	return user >= 0 && user < s->nusers ? s->users[user].name : NULL;
}

/* The hive and the path inside it for a registry PATH. */
static hive_h *
route(struct hive_set *s, const char *norm, int user, char **inner,
    const char **hname)
{
	static const struct {
		const char	*prefix;
		int		 which;
	} map[] = {
		{ "HKLM\\SYSTEM\\CurrentControlSet", 0 },
		{ "HKLM\\SYSTEM", 1 }, { "HKLM\\SOFTWARE", 2 },
		{ "HKLM\\SAM", 3 }, { "HKLM\\SECURITY", 4 }, { "HKCU", 5 },
	};
	size_t i, n;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		n = strlen(map[i].prefix);
		if (strncasecmp(norm, map[i].prefix, n) == 0 &&
		    (norm[n] == '\0' || norm[n] == '\\'))
			break;
	}
	if (i == sizeof map / sizeof map[0])
		return NULL;
	norm += n;
	while (*norm == '\\')
		norm++;
	switch (map[i].which) {
	case 0:
		*hname = "SYSTEM";
		if (s->ccs == NULL)
			return NULL;
		*inner = xasprintf("%s\\%s", s->ccs, norm);
		return s->system;
	case 1:
		*hname = "SYSTEM";
		*inner = xstrdup(norm);
		return s->system;
	case 2:
		*hname = "SOFTWARE";
		*inner = xstrdup(norm);
		return s->software;
	case 3:
		*hname = "SAM";
		*inner = xstrdup(norm);
		return s->sam;
	case 4:
		*hname = "SECURITY";
		*inner = xstrdup(norm);
		return s->security;
	default:
		*hname = "NTUSER.DAT";
		*inner = xstrdup(norm);
		return user >= 0 && user < s->nusers ? s->users[user].h : NULL;
	}
}

int
hive_key(struct hive_set *s, const char *path, int user,
    const struct reg_key **keyp, char *err)
{
	char *norm = reg_path_norm(path), *inner = NULL, *id, *origin = NULL;
	const char *hname = NULL;
	hive_h *h;
	hive_node_h node;
	hive_value_h *vals = NULL;
	struct reg_db one = { 0 };
	size_t i;
	int e, rc = -1;

	id = xasprintf("%d:%s", strncasecmp(norm, "HKCU", 4) == 0 ? user : -1,
	    norm);
	for (i = 0; i < s->ncache; i++)
		if (strcasecmp(s->cache_ids[i], id) == 0) {
			*keyp = s->cache[i];
			free(id);
			free(norm);
			return s->cache[i]->absent ? 0 : 1;
		}
	if ((h = route(s, norm, user, &inner, &hname)) == NULL) {
		if (hname == NULL)
			vg_seterr(err, _("%s: not under a hive vigie reads "
			    "(HKLM\\SYSTEM, SOFTWARE, SAM, SECURITY, HKCU)"),
			    path);
		else {
			vg_seterr(err, _("the %s hive is not available"),
			    hname);
			rc = -2;
		}
		goto out;
	}
	node = walk(h, inner, &e);
	if (e != 0 && e != ENOENT) {
		vg_seterr(err, _("%s hive: cannot read %s: %s"), hname, path,
		    strerror(e));
		goto out;
	}
	origin = user >= 0 && user < s->nusers && h == s->users[user].h ?
	    xasprintf("%s/NTUSER.DAT", s->users[user].name) :
	    xasprintf(_("%s hive"), hname);
	one.origin = origin;
	reg_key_add(&one, norm);
	if (node == 0)
		one.keys[0].absent = 1;
	else if ((vals = hivex_node_values(h, node)) != NULL) {
		for (i = 0; vals[i] != 0; i++) {
			char *vname = hivex_value_key(h, vals[i]), *data;
			hive_type t;
			size_t len;

			if (vname == NULL)
				continue;
			if ((data = hivex_value_value(h, vals[i], &t, &len))
			    != NULL) {
				reg_set(&one, norm, vname, (uint32_t)t, data,
				    len);
				free(data);
			}
			free(vname);
		}
		free(vals);
	}
	s->cache = xreallocarray(s->cache, s->ncache + 1, sizeof *s->cache);
	s->cache_ids = xreallocarray(s->cache_ids, s->ncache + 1,
	    sizeof *s->cache_ids);
	s->cache[s->ncache] = one.keys;	/* the array of one key */
	free(one.slots);
	s->cache_ids[s->ncache] = id;
	id = NULL;
	*keyp = s->cache[s->ncache];
	s->ncache++;
	rc = node != 0;
out:
	free(origin);
	free(id);
	free(inner);
	free(norm);
	return rc;
}

int
hive_subkeys(struct hive_set *s, const char *path, int user, char ***names,
    size_t *n, char *err)
{
	char *norm = reg_path_norm(path), *inner = NULL;
	const char *hname = NULL;
	hive_h *h;
	hive_node_h node, *kids;
	size_t i;
	int e;

	*names = NULL;
	*n = 0;
	if ((h = route(s, norm, user, &inner, &hname)) == NULL) {
		vg_seterr(err, _("the %s hive is not available"),
		    hname ? hname : path);
		free(inner);
		free(norm);
		return -2;
	}
	node = walk(h, inner, &e);
	free(inner);
	free(norm);
	if (node == 0)
		return 0;
	if ((kids = hivex_node_children(h, node)) == NULL) {
		vg_seterr(err, _("%s hive: cannot list %s: %s"), hname, path,
		    strerror(errno));
		return -1;
	}
	for (i = 0; kids[i] != 0; i++) {
		char *nm = hivex_node_name(h, kids[i]);

		if (nm == NULL)
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = nm;
	}
	free(kids);
	return 0;
}

const char *
hive_computer(struct hive_set *s)
{
	const struct reg_key *k;
	const struct reg_value *v;
	char err[VG_ERRLEN];

	if (s->computer_read)
		return s->computer;
	s->computer_read = 1;
	if (s->system != NULL && hive_key(s, "HKLM\\SYSTEM\\CurrentControlSet"
	    "\\Control\\ComputerName\\ComputerName", -1, &k, err) == 1 &&
	    (v = reg_value_find(k, "ComputerName")) != NULL)
		s->computer = reg_value_text(v);
	return s->computer;
}

/* ---- The SAM ---------------------------------------------------------- */

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static time_t
filetime(uint64_t ft)
{
	if (ft == 0 || ft >= 0x7FFFFFFFFFFFFFFFULL ||
	    ft / 10000000 <= (uint64_t)FILETIME_UNIX)
		return 0;
	return (time_t)(ft / 10000000 - (uint64_t)FILETIME_UNIX);
}

void
hive_accounts_free(struct sam_account *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(a[i].name);
	free(a);
}

/* RIDs of local members of Administrators (alias 0x220). */
static int
admin_rids(struct hive_set *s, uint32_t **rids, size_t *n, char *err)
{
	const struct reg_key *k;
	const struct reg_value *c;
	size_t off, count, i;
	int rc;

	*rids = NULL;
	*n = 0;
	rc = hive_key(s, "HKLM\\SAM\\SAM\\Domains\\Builtin\\Aliases\\00000220",
	    -1, &k, err);
	if (rc <= 0)
		return rc;
	if ((c = reg_value_find(k, "C")) == NULL || c->len < 0x34)
		return 0;
	off = 0x34 + le32(c->data + 0x28);
	count = le32(c->data + 0x30);
	for (i = 0; i < count && i < 1024; i++) {
		size_t sublen;
		unsigned nsub;

		if (off + 8 > c->len)
			break;
		nsub = c->data[off + 1];
		sublen = 8 + 4 * (size_t)nsub;
		if (nsub == 0 || off + sublen > c->len)
			break;
		*rids = xreallocarray(*rids, *n + 1, sizeof **rids);
		/* Local accounts: S-1-5-21-x-y-z-RID; others count as
		 * members with no local RID. */
		(*rids)[(*n)++] = nsub == 5 ?
		    le32(c->data + off + sublen - 4) : 0;
		off += sublen;
	}
	return 1;
}

int
hive_accounts(struct hive_set *s, struct sam_account **out, size_t *np,
    char *err)
{
	static const char users[] = "HKLM\\SAM\\SAM\\Domains\\Account\\Users";
	struct sam_account *a = NULL;
	char **names = NULL;
	size_t n = 0, nn = 0, i, j, nadm = 0;
	uint32_t *adm = NULL;
	int rc = -1;

	*out = NULL;
	*np = 0;
	if (s->sam == NULL) {
		vg_seterr(err, "%s", _("the SAM hive is not available"));
		return -2;
	}
	if (hive_subkeys(s, users, -1, &names, &nn, err) == -1)
		return -1;
	if (admin_rids(s, &adm, &nadm, err) == -1)
		goto out;
	for (i = 0; i < nn; i++) {
		const struct reg_key *k;
		const struct reg_value *f, *v;
		char *path;
		struct sam_account acc = { 0 };

		if (strlen(names[i]) != 8 ||
		    strspn(names[i], "0123456789abcdefABCDEF") != 8)
			continue;
		path = xasprintf("%s\\%s", users, names[i]);
		if (hive_key(s, path, -1, &k, err) != 1) {
			free(path);
			continue;
		}
		free(path);
		if ((f = reg_value_find(k, "F")) == NULL || f->len < 0x44)
			continue;
		acc.last_logon = filetime(le64(f->data + 8));
		acc.rid = le32(f->data + 48);
		acc.flags = le32(f->data + 56);
		acc.logons = (uint16_t)(f->data[66] | f->data[67] << 8);
		if ((v = reg_value_find(k, "V")) != NULL && v->len >= 0xCC) {
			size_t off = 0xCC + le32(v->data + 0x0C);
			size_t len = le32(v->data + 0x10);

			if (len > 0 && len < 512 && off + len <= v->len)
				acc.name = decode_utf16le(v->data + off, len);
		}
		if (acc.name == NULL)
			acc.name = xasprintf("RID %u", acc.rid);
		for (j = 0; j < nadm; j++)
			if (adm[j] == acc.rid)
				acc.admin = 1;
		a = xreallocarray(a, n + 1, sizeof *a);
		a[n++] = acc;
	}
	*out = a;
	*np = n;
	a = NULL;
	n = 0;
	rc = 0;
out:
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(adm);
	hive_accounts_free(a, n);
	return rc;
}

int
hive_admin_members(struct hive_set *s, char *err)
{
	uint32_t *rids;
	size_t n;
	int rc;

	if (s->sam == NULL) {
		vg_seterr(err, "%s", _("the SAM hive is not available"));
		return -2;
	}
	if ((rc = admin_rids(s, &rids, &n, err)) <= 0)
		return rc;
	free(rids);
	return (int)n;
}

/* A negative 100 ns interval as days or minutes (0 = never). */
static int64_t
interval(const unsigned char *p, int64_t unit)
{
	int64_t v = (int64_t)le64(p);

	if (v == INT64_MIN || v == 0)
		return 0;
	if (v < 0)
		v = -v;
	return v / 10000000 / unit;
}

int
hive_policy(struct hive_set *s, const char *name, int64_t *value, char *err)
{
	const struct reg_key *k;
	const struct reg_value *f;
	int rc;

	if (strcasecmp(name, "EnableGuestAccount") == 0 ||
	    strcasecmp(name, "EnableAdminAccount") == 0) {
		const char *rid = strcasecmp(name, "EnableGuestAccount") == 0 ?
		    "000001F5" : "000001F4";
		char *path = xasprintf("HKLM\\SAM\\SAM\\Domains\\Account\\"
		    "Users\\%s", rid);

		if (s->sam == NULL) {
			free(path);
			vg_seterr(err, "%s", _("the SAM hive is not "
			    "available"));
			return -2;
		}
		rc = hive_key(s, path, -1, &k, err);
		free(path);
		if (rc <= 0)
			return rc;
		if ((f = reg_value_find(k, "F")) == NULL || f->len < 0x3C)
			return 0;
		*value = (le32(f->data + 56) & 0x1) ? 0 : 1;
		return 1;
	}
	if (s->sam == NULL) {
		vg_seterr(err, "%s", _("the SAM hive is not available"));
		return -2;
	}
	rc = hive_key(s, "HKLM\\SAM\\SAM\\Domains\\Account", -1, &k, err);
	if (rc <= 0)
		return rc;
	if ((f = reg_value_find(k, "F")) == NULL || f->len < 0x58)
		return 0;
	if (strcasecmp(name, "MinimumPasswordLength") == 0)
		*value = f->data[80] | f->data[81] << 8;
	else if (strcasecmp(name, "PasswordHistorySize") == 0)
		*value = f->data[82] | f->data[83] << 8;
	else if (strcasecmp(name, "LockoutBadCount") == 0)
		*value = f->data[84] | f->data[85] << 8;
	else if (strcasecmp(name, "PasswordComplexity") == 0)
		*value = le32(f->data + 76) & 0x1;
	else if (strcasecmp(name, "ClearTextPassword") == 0)
		*value = (le32(f->data + 76) & 0x10) ? 1 : 0;
	else if (strcasecmp(name, "MaximumPasswordAge") == 0)
		*value = interval(f->data + 24, 86400);
	else if (strcasecmp(name, "MinimumPasswordAge") == 0)
		*value = interval(f->data + 32, 86400);
	else if (strcasecmp(name, "LockoutDuration") == 0)
		*value = interval(f->data + 48, 60);
	else if (strcasecmp(name, "ResetLockoutCount") == 0)
		*value = interval(f->data + 56, 60);
	else
		return 0;
	return 1;
}
