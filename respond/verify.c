/*
 * verify.c — is a capture as it was sealed? (the checks behind `vigie
 * respond verify DIR`, cmd-verify.c). Checks the Ed25519 signature of
 * manifest.json, SHA256SUMS against the manifest, every file against
 * both, files added since, and the custody chain with its anchor in the
 * signed manifest (and, with --head, against the code written on the
 * paper form), into a list of what changed.
 *
 * DIR is untrusted input: names are resolved beneath DIR without
 * following links (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/store.h"
#include "vigie/cmd.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

#define VERIFY_MAX_MANIFEST	(256 << 20)
#define VERIFY_MAX_SUMS		(256 << 20)

static const char *const kind_names[] = {
	"missing", "altered", "extra", "sums", "manifest", "signature",
	"custody",
};

const char *
verify_kind_name(enum verify_kind k)
{
	return kind_names[k];
}

static void
add(struct verify_result *res, enum verify_kind k, const char *path,
    char *text)
{
	res->problems = xreallocarray(res->problems, res->nproblems + 1,
	    sizeof(*res->problems));
	res->problems[res->nproblems].kind = k;
	res->problems[res->nproblems].path = path ? xstrdup(path) : NULL;
	res->problems[res->nproblems].text = text;
	res->nproblems++;
}

void
verify_result_free(struct verify_result *res)
{
	int	i;

	for (i = 0; i < res->nproblems; i++) {
		free(res->problems[i].path);
		free(res->problems[i].text);
	}
	free(res->problems);
	memset(res, 0, sizeof(*res));
}

/* Open PATH beneath DFD, following no link at all. */
static int
open_beneath(int dfd, const char *path)
{
	struct open_how	how;
	int		fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
	    RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dfd, path, &how, sizeof(how));
	if (fd == -1 && (errno == ENOSYS || errno == E2BIG || errno == EPERM))
		fd = openat(dfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	return fd;
}

/* Read a whole file of DIR; NULL with errno. */
static char *
slurp(int dfd, const char *name, size_t max, size_t *len)
{
	char	*buf;
	size_t	 cap = 65536, used = 0;
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = open_beneath(dfd, name)) == -1)
		return NULL;
	buf = xmalloc(cap);
	for (;;) {
		if (used + 1 >= cap) {
			if (cap >= max) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + used, cap - used - 1);
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
	buf[used] = '\0';
	*len = used;
	return buf;
}

/* The files a capture has, beside its artifacts. */
static int
seal_file(const char *p)
{
	return strcmp(p, CAPTURE_MANIFEST) == 0 ||
	    strcmp(p, CAPTURE_SIGNATURE) == 0 ||
	    strcmp(p, CAPTURE_PUBKEY) == 0 || strcmp(p, CAPTURE_SUMS) == 0;
}

static int
custody_file(const char *p)
{
	return strcmp(p, CAPTURE_CUSTODY) == 0 ||
	    strcmp(p, CAPTURE_CUSTODY_JSONL) == 0 ||
	    strcmp(p, CAPTURE_CUSTODY "-journal") == 0 ||
	    strcmp(p, CAPTURE_CUSTODY "-wal") == 0 ||
	    strcmp(p, CAPTURE_CUSTODY "-shm") == 0;
}

/*
 * The names DIR should hold, sorted once and searched with bsearch: a
 * capture can hold many thousands of files.
 */
struct names {
	char	**v;
	int	  n;
};

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
names_has(const struct names *s, const char *p)
{
	return s->n > 0 && bsearch(&p, s->v, s->n, sizeof(char *), str_cmp) !=
	    NULL;
}

static void
names_add(struct names *s, const char *p)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof(char *));
	s->v[s->n++] = xstrdup(p);
}

static void
names_sort(struct names *s)
{
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(char *), str_cmp);
}

static void
names_free(struct names *s)
{
	int	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void
walk_extra(struct verify_result *res, const struct names *known, int dfd,
    const char *rel, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*p;
	int		 fd;

	if ((fd = openat(dfd, rel[0] ? rel : ".", O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = rel[0] ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		if (fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (depth < 64)
					walk_extra(res, known, dfd, p,
					    depth + 1);
			} else if (!names_has(known, p) && !(rel[0] == '\0' &&
			    custody_file(p)))
				add(res, VERIFY_EXTRA, p, xasprintf(
				    _("%s is not part of the sealed capture "
				    "(added later)"), p));
		}
		free(p);
	}
	closedir(d);
}

/* Hash one listed file and compare. */
static void
check_file(struct verify_result *res, int dfd, const char *path,
    const char *sha, int64_t size)
{
	struct stat	st;
	char		got[65];
	uint64_t	n;
	int		fd;

	if ((fd = open_beneath(dfd, path)) == -1) {
		if (errno == ENOENT)
			add(res, VERIFY_MISSING, path, xasprintf(
			    _("%s is missing"), path));
		else if (errno == ELOOP || errno == EXDEV)
			add(res, VERIFY_ALTERED, path, xasprintf(
			    _("%s was replaced by a symbolic link"), path));
		else
			add(res, VERIFY_ALTERED, path, xasprintf(
			    _("%s cannot be read: %s"), path,
			    strerror(errno)));
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		add(res, VERIFY_ALTERED, path, xasprintf(_("%s is no longer a "
		    "regular file"), path));
		close(fd);
		return;
	}
	if (read_hash_fd(fd, 0, got, &n) == -1) {
		add(res, VERIFY_ALTERED, path, xasprintf(_("%s cannot be "
		    "read: %s"), path, strerror(errno)));
		close(fd);
		return;
	}
	close(fd);
	res->nartifacts++;
	res->bytes += n;
	if (strcmp(got, sha) != 0 && size < 0)
		add(res, VERIFY_ALTERED, path, xasprintf(vg_ngettext("%s was "
		    "altered: SHA-256 %.16s… expected, %.16s… found (%llu "
		    "byte)", "%s was altered: SHA-256 %.16s… expected, %.16s… "
		    "found (%llu bytes)", (unsigned long)n), path, sha, got,
		    (unsigned long long)n));
	else if (strcmp(got, sha) != 0)
		add(res, VERIFY_ALTERED, path, xasprintf(_("%s was altered: "
		    "SHA-256 %.16s… expected, %.16s… found (%llu bytes, "
		    "%lld sealed)"), path, sha, got, (unsigned long long)n,
		    (long long)size));
	else if (size >= 0 && (uint64_t)size != n)
		add(res, VERIFY_ALTERED, path, xasprintf(_("%s: size %llu, "
		    "%lld sealed"), path, (unsigned long long)n,
		    (long long)size));
}

static void
check_signature(struct verify_result *res, int dfd, const char *manifest,
    size_t mlen)
{
	char	*pub, *sig, err[VG_ERRLEN];
	size_t	 publen, siglen;

	if ((pub = slurp(dfd, CAPTURE_PUBKEY, 65536, &publen)) == NULL) {
		add(res, VERIFY_SIGNATURE, CAPTURE_PUBKEY, xasprintf(
		    _("%s: %s: the signature cannot be checked"),
		    CAPTURE_PUBKEY, strerror(errno)));
		return;
	}
	if ((sig = slurp(dfd, CAPTURE_SIGNATURE, 65536, &siglen)) == NULL) {
		add(res, VERIFY_SIGNATURE, CAPTURE_SIGNATURE, xasprintf(
		    "%s: %s", CAPTURE_SIGNATURE, strerror(errno)));
		free(pub);
		return;
	}
	if (seal_verify(pub, publen, manifest, mlen, (unsigned char *)sig,
	    siglen, res->fingerprint, err) == -1)
		add(res, VERIFY_SIGNATURE, CAPTURE_SIGNATURE, xasprintf(
		    _("signature: %s"), err));
	free(pub);
	free(sig);
}

static void
check_custody(struct verify_result *res, const char *dir,
    const struct seal_manifest *m, const char *manifest_sha,
    const char *head)
{
	struct custody_entry	*e = NULL;
	struct custody_problem	*p = NULL;
	sqlite3			*db;
	char			 err[VG_ERRLEN];
	int			 n = 0, np = 0, i, found;

	if ((db = custody_open(dir, 0, 0, err)) == NULL) {
		add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xstrdup(err));
		return;
	}
	if (custody_check(db, &e, &n, &p, &np, err) == -1) {
		add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xstrdup(err));
		sqlite3_close(db);
		return;
	}
	for (i = 0; i < np; i++) {
		add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, p[i].text);
		p[i].text = NULL;
	}
	res->custody_entries = n;
	if (n > 0)
		memcpy(res->custody_head, e[n - 1].hash, 65);
	/* The anchor: entry N as the signed manifest saw it at sealing. */
	if (m != NULL && m->custody_entries > 0) {
		for (i = 0; i < n && e[i].seq != m->custody_entries; i++)
			;
		if (i == n)
			add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xasprintf(
			    _("the custody log lost entry %lld, which the "
			    "signed manifest anchors"),
			    (long long)m->custody_entries));
		else if (strcmp(e[i].hash, m->custody_head) != 0)
			add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xasprintf(
			    _("custody entry %lld differs from the one the "
			    "signed manifest anchors: the log was rewritten"),
			    (long long)m->custody_entries));
		else if (i + 1 >= n || strcmp(e[i + 1].action, "seal") != 0 ||
		    strcmp(e[i + 1].object_sha256, manifest_sha) != 0)
			add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xasprintf(
			    _("the custody log has no \"seal\" entry for this "
			    "manifest after entry %lld"),
			    (long long)m->custody_entries));
	}
	if (head != NULL) {
		size_t hl = strlen(head);
		for (i = 0, found = 0; i < n; i++)
			if (strncasecmp(e[i].hash, head, hl) == 0)
				found = 1;
		if (!found)
			add(res, VERIFY_CUSTODY, CAPTURE_CUSTODY, xasprintf(
			    _("the custody log has no entry %s (the code "
			    "written on paper): entries were removed or the "
			    "log was replaced"), head));
	}
	custody_entries_free(e, n);
	custody_problems_free(p, np);
	sqlite3_close(db);
}

/*
 * What the manifest says about itself must be true too: the key it names
 * is the key in signing-key.pub (a forger who re-signs with his own key
 * but leaves the legitimate fingerprint in the field must not pass: the
 * docs tell readers to compare that field with the paper form), the
 * sealing files are the ones it names, and each step's count of
 * artifacts and bytes is what the artifact list holds for it, in its own
 * folder.
 */
static void
check_claims(struct verify_result *res, const struct seal_manifest *m,
    int dfd)
{
	json_t		*sig, *cus, *steps, *st;
	const char	*fpr, *name, *folder, *v, *custody;
	int64_t		 count, bytes;
	size_t		 i, fl;
	int		 k;

	sig = json_object_get(m->root, "signature");
	fpr = json_string_value(json_object_get(sig, "key_fingerprint_sha256"));
	if (fpr == NULL)
		add(res, VERIFY_SIGNATURE, CAPTURE_MANIFEST, xstrdup(_("the "
		    "manifest names no signing key (key_fingerprint_sha256)")));
	else if (res->fingerprint[0] != '\0' &&
	    strcasecmp(fpr, res->fingerprint) != 0)
		add(res, VERIFY_SIGNATURE, CAPTURE_PUBKEY, xasprintf(_("the "
		    "manifest says the capture was signed with key %.16s…, "
		    "but %s holds key %.16s…: the capture was signed again "
		    "with another key"), fpr, CAPTURE_PUBKEY,
		    res->fingerprint));
	if ((v = json_string_value(json_object_get(sig, "algorithm"))) ==
	    NULL || strcmp(v, "Ed25519") != 0 ||
	    (v = json_string_value(json_object_get(sig, "file"))) == NULL ||
	    strcmp(v, CAPTURE_SIGNATURE) != 0 ||
	    (v = json_string_value(json_object_get(sig, "public_key"))) ==
	    NULL || strcmp(v, CAPTURE_PUBKEY) != 0)
		add(res, VERIFY_MANIFEST, CAPTURE_MANIFEST, xasprintf(_("the "
		    "manifest's signature block does not name Ed25519, %s "
		    "and %s"), CAPTURE_SIGNATURE, CAPTURE_PUBKEY));
	/* custody.db, or custody.jsonl for the Windows collector's captures
	 * (no SQLite there): the one the manifest names must be the one in
	 * the folder. */
	cus = json_object_get(m->root, "custody");
	v = json_string_value(json_object_get(cus, "file"));
	custody = faccessat(dfd, CAPTURE_CUSTODY, F_OK,
	    AT_SYMLINK_NOFOLLOW) == -1 && faccessat(dfd,
	    CAPTURE_CUSTODY_JSONL, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ?
	    CAPTURE_CUSTODY_JSONL : CAPTURE_CUSTODY;
	if (v == NULL || strcmp(v, custody) != 0)
		add(res, VERIFY_MANIFEST, CAPTURE_MANIFEST, xasprintf(_("the "
		    "manifest's custody block does not name %s"), custody));
	steps = json_object_get(m->root, "steps");
	json_array_foreach(steps, i, st) {
		name = json_string_value(json_object_get(st, "name"));
		folder = json_string_value(json_object_get(st, "folder"));
		if (name == NULL || folder == NULL)
			continue;
		fl = strlen(folder);
		count = bytes = 0;
		for (k = 0; k < m->nartifacts; k++) {
			const char *ap = m->artifacts[k].path;
			const char *as = json_string_value(json_object_get(
			    json_array_get(json_object_get(m->root,
			    "artifacts"), (size_t)k), "step"));
			if (as == NULL || strcmp(as, name) != 0)
				continue;
			count++;
			bytes += (int64_t)m->artifacts[k].size;
			if (strncmp(ap, folder, fl) != 0 || ap[fl] != '/')
				add(res, VERIFY_MANIFEST, ap, xasprintf(_("the "
				    "manifest puts %s in step %s, whose folder "
				    "is %s"), ap, name, folder));
		}
		if (json_integer_value(json_object_get(st, "artifacts")) !=
		    count || json_integer_value(json_object_get(st,
		    "bytes")) != bytes)
			add(res, VERIFY_MANIFEST, CAPTURE_MANIFEST, xasprintf(
			    vg_ngettext("the manifest says step %s wrote "
			    "%lld file (%lld bytes) but lists %lld (%lld "
			    "bytes) for it", "the manifest says step %s wrote "
			    "%lld files (%lld bytes) but lists %lld (%lld "
			    "bytes) for it", (unsigned long)json_integer_value(
			    json_object_get(st, "artifacts"))),
			    name, (long long)json_integer_value(
			    json_object_get(st, "artifacts")), (long long)
			    json_integer_value(json_object_get(st, "bytes")),
			    (long long)count, (long long)bytes));
	}
}

/* The line of SUMS for PATH: SHA256SUMS is sorted by the caller. */
static const struct seal_sum *
sum_find(const struct seal_sum *sums, int n, const char *path)
{
	int	lo = 0, hi = n, mid, c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(sums[mid].path, path)) == 0)
			return &sums[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether line K repeats the path of line K-1 (sorted). */
static int
sum_seen(const struct seal_sum *sums, int k)
{
	return strcmp(sums[k].path, sums[k - 1].path) == 0;
}

static int
sum_cmp(const void *a, const void *b)
{
	return strcmp(((const struct seal_sum *)a)->path,
	    ((const struct seal_sum *)b)->path);
}

int
verify_dir(const char *dir, const char *head, const char *fingerprint,
    struct verify_result *res, char *err)
{
	struct seal_manifest	 m;
	struct seal_sum		*sums = NULL;
	struct names		 known, inman;
	char			*mtext = NULL, *stext = NULL, e2[VG_ERRLEN],
				 msha[65] = "";
	size_t			 mlen = 0, slen = 0;
	int			 dfd, nsums = 0, have_m = 0, i, k;

	memset(res, 0, sizeof(*res));
	memset(&m, 0, sizeof(m));
	memset(&known, 0, sizeof(known));
	memset(&inman, 0, sizeof(inman));
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	/* A capture stopped before its seal has none of the sealing files:
	 * say so rather than "changed since it was sealed". */
	if (faccessat(dfd, CAPTURE_MANIFEST, F_OK, AT_SYMLINK_NOFOLLOW) ==
	    -1 && errno == ENOENT && faccessat(dfd, CAPTURE_SIGNATURE, F_OK,
	    AT_SYMLINK_NOFOLLOW) == -1 && errno == ENOENT &&
	    faccessat(dfd, CAPTURE_SUMS, F_OK, AT_SYMLINK_NOFOLLOW) == -1 &&
	    errno == ENOENT)
		res->unsealed = 1;
	/* Manifest and its signature. */
	if ((mtext = slurp(dfd, CAPTURE_MANIFEST, VERIFY_MAX_MANIFEST,
	    &mlen)) == NULL)
		add(res, VERIFY_MANIFEST, CAPTURE_MANIFEST, xasprintf("%s: %s",
		    CAPTURE_MANIFEST, strerror(errno)));
	else {
		vg_sha256_hex(mtext, mlen, msha);
		check_signature(res, dfd, mtext, mlen);
		if (seal_manifest_parse(mtext, mlen, &m, e2) == -1)
			add(res, VERIFY_MANIFEST, CAPTURE_MANIFEST,
			    xstrdup(e2));
		else
			have_m = 1;
	}
	if (have_m)
		check_claims(res, &m, dfd);
	if (fingerprint != NULL && res->fingerprint[0] != '\0' &&
	    strncasecmp(res->fingerprint, fingerprint,
	    strlen(fingerprint)) != 0)
		add(res, VERIFY_SIGNATURE, CAPTURE_PUBKEY, xasprintf(
		    _("the capture was signed with key %.16s…, not with the "
		    "expected key %s"), res->fingerprint, fingerprint));

	/* SHA256SUMS. */
	if ((stext = slurp(dfd, CAPTURE_SUMS, VERIFY_MAX_SUMS, &slen)) ==
	    NULL)
		add(res, VERIFY_SUMS, CAPTURE_SUMS, xasprintf("%s: %s",
		    CAPTURE_SUMS, strerror(errno)));
	else if (seal_sums_parse(stext, slen, &sums, &nsums, e2) == -1)
		add(res, VERIFY_SUMS, CAPTURE_SUMS, xstrdup(e2));
	else if (nsums > 0)
		qsort(sums, nsums, sizeof(*sums), sum_cmp);

	/* The two lists must agree: each is indexed by path. */
	for (i = 0; have_m && i < m.nartifacts; i++)
		names_add(&inman, m.artifacts[i].path);
	names_sort(&inman);
	if (have_m) {
		for (i = 0; i < m.nartifacts; i++) {
			const struct seal_sum *ss = sum_find(sums, nsums,
			    m.artifacts[i].path);
			if (stext != NULL && ss == NULL)
				add(res, VERIFY_SUMS, m.artifacts[i].path,
				    xasprintf(_("%s has no line in SHA256SUMS "
				    "(line removed)"), m.artifacts[i].path));
			else if (ss != NULL && strcmp(ss->sha256,
			    m.artifacts[i].sha256) != 0)
				add(res, VERIFY_SUMS, m.artifacts[i].path,
				    xasprintf(_("SHA256SUMS and the manifest "
				    "disagree on %s"), m.artifacts[i].path));
		}
		for (k = 0; k < nsums; k++)
			if (!seal_file(sums[k].path) &&
			    !names_has(&inman, sums[k].path))
				add(res, VERIFY_SUMS, sums[k].path, xasprintf(
				    _("SHA256SUMS lists %s, which the signed "
				    "manifest does not"), sums[k].path));
	}
	/* Every file named by either list, once. */
	for (i = 0; have_m && i < m.nartifacts; i++) {
		check_file(res, dfd, m.artifacts[i].path,
		    m.artifacts[i].sha256, (int64_t)m.artifacts[i].size);
		names_add(&known, m.artifacts[i].path);
	}
	for (k = 0; k < nsums; k++) {
		if (k > 0 && sum_seen(sums, k)) {
			add(res, VERIFY_SUMS, sums[k].path, xasprintf(
			    _("SHA256SUMS lists %s twice"), sums[k].path));
			continue;
		}
		if (names_has(&inman, sums[k].path))
			continue;
		check_file(res, dfd, sums[k].path, sums[k].sha256, -1);
		names_add(&known, sums[k].path);
	}
	names_add(&known, CAPTURE_MANIFEST);
	names_add(&known, CAPTURE_SIGNATURE);
	names_add(&known, CAPTURE_PUBKEY);
	names_add(&known, CAPTURE_SUMS);
	names_sort(&known);
	walk_extra(res, &known, dfd, "", 0);

	check_custody(res, dir, have_m ? &m : NULL, msha, head);

	names_free(&known);
	names_free(&inman);
	seal_sums_free(sums, nsums);
	seal_manifest_free(&m);
	free(mtext);
	free(stext);
	close(dfd);
	return 0;
}
