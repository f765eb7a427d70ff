/*
 * capture-manifest.c — the seal of `vigie respond capture`: the manifest
 * (the tool, the host, the clock, the options, every step and every
 * artifact), its Ed25519 signature, the public key and SHA256SUMS,
 * written by the parent once the steps have run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vigie/vigie.h"
#include "vigie/hash.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "capture-manifest.h"

/* Write NAME in DIR (O_EXCL, 0600), hashing the bytes as written. */
static int
capture_manifest_write(struct capture_run *r, const char *name,
    const void *data, size_t len, char sha[65], char *err)
{
	int	fd;

	if ((fd = openat(r->dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    vg_write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		vg_seterr(err, "%s/%s: %s", r->o->out, name, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	vg_sha256_hex(data, len, sha);
	return 0;
}

/* ---- the manifest --------------------------------------------------- */

static char *
capture_manifest_small_file(const char *path)
{
	char	*s;
	size_t	 len;

	if ((s = read_all(path, 4096, &len, NULL)) == NULL)
		return NULL;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		s[--len] = '\0';
	return s;
}

static json_t *
capture_manifest_host(const struct capture_opts *o)
{
	char	host[256], *mid, *bid, *ver, *p;
	json_t	*j;

	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	mid = capture_manifest_small_file("/etc/machine-id");
	p = xasprintf("%s/sys/kernel/random/boot_id", o->proc);
	bid = capture_manifest_small_file(p);
	free(p);
	p = xasprintf("%s/version", o->proc);
	ver = capture_manifest_small_file(p);
	free(p);
	j = json_pack("{s:o, s:o, s:o, s:o}", "hostname", vg_json_str(host),
	    "machine_id", vg_json_str(mid), "boot_id", vg_json_str(bid),
	    "kernel", vg_json_str(ver));
	free(mid);
	free(bid);
	free(ver);
	return j;
}

static json_t *
capture_manifest_tool(void)
{
	char		 sha[65];
	uint64_t	 size;
	json_t		*j;
	int		 fd;

	j = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I}", "name", "vigie",
	    "version", VG_VERSION, "static_build", capture_static_build(),
	    "pid", (json_int_t)getpid(), "uid", (json_int_t)getuid(),
	    "euid", (json_int_t)geteuid());
	/* Our own binary, as DFIR ORC records it. */
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) != -1) {
		if (read_hash_fd(fd, 0, sha, &size) == 0) {
			json_object_set_new(j, "sha256", json_string(sha));
			json_object_set_new(j, "size", json_integer(
			    (json_int_t)size));
		}
		close(fd);
	}
	return j;
}

static json_t *
capture_manifest_clock(const struct capture_opts *o, time_t start)
{
	struct timex	 tx;
	json_t		*j;
	time_t		 ref;
	char		 iso[32];
	int		 state;

	vg_time_iso(start, iso);
	j = json_pack("{s:s}", "system_utc_at_start", iso);
	memset(&tx, 0, sizeof(tx));
	if ((state = adjtimex(&tx)) != -1)
		json_object_set_new(j, "ntp_synchronised", json_boolean(
		    state != TIME_ERROR && !(tx.status & STA_UNSYNC)));
	if (o->clock_ref != NULL) {
		json_object_set_new(j, "reference_typed",
		    vg_json_str(o->clock_ref));
		if (vg_time_parse_iso(o->clock_ref, &ref) == 0)
			json_object_set_new(j, "offset_s", json_integer(
			    (json_int_t)(start - ref)));
	}
	return j;
}

static json_t *
capture_manifest_build(struct capture_run *r, time_t start, time_t end,
    const char *fpr, int64_t entries, const char *head)
{
	const struct capture_opts *o = r->o;
	json_t	*m, *a, *s, *f, *argv;
	char	 iso[32];
	int	 i;

	argv = json_array();
	for (i = 0; i < vg_g.argc; i++)
		json_array_append_new(argv, vg_json_str(vg_g.argv[i]));
	m = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
	    "format", CAPTURE_FORMAT, "tool", capture_manifest_tool(),
	    "command_line", argv, "case", vg_json_str(o->case_id),
	    "examiner", vg_json_str(o->examiner), "note",
	    vg_json_str(o->note), "host", capture_manifest_host(o), "profile",
	    o->profile == CAPTURE_FULL ? "full" : "quick");
	a = json_array();
	for (i = 0; i < o->ncollect; i++)
		json_array_append_new(a, vg_json_str(o->collect[i]));
	json_object_set_new(m, "options", json_pack("{s:i, s:I, s:I, s:i,"
	    " s:o, s:s, s:o}", "recent_days", o->recent_days, "hash_max",
	    (json_int_t)o->hash_max, "copy_max", (json_int_t)o->copy_max,
	    "time_limit", o->time_limit, "steps", vg_json_str(o->steps),
	    "proc_root", o->proc, "collect", a));
	json_object_set_new(m, "same_disk_reason", vg_json_str(o->same_disk));
	vg_time_iso(start, iso);
	json_object_set_new(m, "started_utc", json_string(iso));
	vg_time_iso(end, iso);
	json_object_set_new(m, "ended_utc", json_string(iso));
	json_object_set_new(m, "duration_s",
	    json_real(capture_run_elapsed(&r->t0)));
	json_object_set_new(m, "clock", capture_manifest_clock(o, start));

	s = json_array();
	f = json_array();
	for (i = 0; i < r->nsteps; i++) {
		struct capture_run_rec *sr = &r->steps[i];
		json_t *js = json_pack("{s:s, s:s, s:s, s:o, s:s, s:f, s:i,"
		    " s:i, s:I, s:I, s:O, s:O}", "name", sr->step->name,
		    "folder", sr->step->dir, "status", sr->status, "reason",
		    vg_json_str(sr->reason), "started_utc", sr->started,
		    "seconds", sr->seconds, "time_limit_s", sr->limit,
		    "artifacts", sr->artifacts, "bytes",
		    (json_int_t)sr->bytes, "warnings_count",
		    (json_int_t)sr->nwarnings, "warnings", sr->warnings,
		    "stats", sr->stats);
		if (sr->pid > 0)
			json_object_set_new(js, "pid", json_integer(sr->pid));
		json_array_append_new(s, js);
		if (strcmp(sr->status, "ok") != 0 &&
		    strcmp(sr->status, "skipped") != 0)
			json_array_append_new(f, json_pack("{s:s, s:s, s:o}",
			    "name", sr->step->name, "status", sr->status,
			    "reason", vg_json_str(sr->reason)));
	}
	json_object_set_new(m, "steps", s);
	json_object_set_new(m, "failed_steps", f);

	a = json_array();
	for (i = 0; i < r->narts; i++)
		json_array_append_new(a, json_pack("{s:o, s:I, s:s, s:o, s:s,"
		    " s:s, s:b}", "path", vg_json_str(r->arts[i].path),
		    "size", (json_int_t)r->arts[i].size, "sha256",
		    r->arts[i].sha256, "source", vg_json_str(r->arts[i].source),
		    "time_utc", r->arts[i].time, "step", r->arts[i].step,
		    "partial", r->arts[i].partial));
	json_object_set_new(m, "artifacts", a);
	json_object_set_new(m, "signature", json_pack("{s:s, s:s, s:s, s:s}",
	    "algorithm", "Ed25519", "file", CAPTURE_SIGNATURE, "public_key",
	    CAPTURE_PUBKEY, "key_fingerprint_sha256", fpr));
	json_object_set_new(m, "custody", json_pack("{s:s, s:I, s:s}",
	    "file", CAPTURE_CUSTODY, "entries", (json_int_t)entries, "head",
	    head));
	return m;
}

/* ---- seal ----------------------------------------------------------- */

int
capture_manifest_seal(struct capture_run *r, EVP_PKEY *key, time_t start,
    char *fpr, char *manifest_sha, char *head, char *err)
{
	unsigned char	 sig[64];
	json_t		*m;
	char		*pub = NULL, *text = NULL, sha[65], *sums = NULL,
			*line, h2[65];
	size_t		 slen = 0;
	int		 i, rc = -1;
	sqlite3_stmt	*st = NULL;
	int64_t		 entries = 0;

	if ((pub = seal_pubkey_pem(key, fpr, err)) == NULL)
		goto out;
	/* The custody chain as it is now, anchored in the signed manifest. */
	if (sqlite3_prepare_v2(r->custody, "SELECT count(*), (SELECT hash "
	    "FROM custody ORDER BY seq DESC LIMIT 1) FROM custody", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		vg_seterr(err, "%s: %s", CAPTURE_CUSTODY,
		    sqlite3_errmsg(r->custody));
		goto out;
	}
	entries = sqlite3_column_int64(st, 0);
	snprintf(head, 65, "%s", sqlite3_column_text(st, 1) ?
	    (const char *)sqlite3_column_text(st, 1) : "");
	m = capture_manifest_build(r, start, time(NULL), fpr, entries, head);
	text = json_dumps(m, JSON_INDENT(1) | JSON_ENSURE_ASCII);
	json_decref(m);
	if (text == NULL) {
		vg_seterr(err, "%s: cannot encode", CAPTURE_MANIFEST);
		goto out;
	}
	text = xreallocarray(text, strlen(text) + 2, 1);
	strcat(text, "\n");
	if (capture_manifest_write(r, CAPTURE_MANIFEST, text, strlen(text),
	    manifest_sha, err) == -1 ||
	    seal_sign(key, text, strlen(text), sig, err) == -1 ||
	    capture_manifest_write(r, CAPTURE_SIGNATURE, sig, sizeof(sig), sha,
	    err) == -1 ||
	    capture_manifest_write(r, CAPTURE_PUBKEY, pub, strlen(pub), h2,
	    err) == -1)
		goto out;
	/* SHA256SUMS: every artifact, then the sealing files. */
	for (i = 0; i < r->narts + 3; i++) {
		if (i < r->narts)
			line = seal_sums_line(r->arts[i].sha256,
			    r->arts[i].path);
		else if (i == r->narts)
			line = seal_sums_line(manifest_sha, CAPTURE_MANIFEST);
		else if (i == r->narts + 1)
			line = seal_sums_line(sha, CAPTURE_SIGNATURE);
		else
			line = seal_sums_line(h2, CAPTURE_PUBKEY);
		sums = xreallocarray(sums, slen + strlen(line) + 1, 1);
		memcpy(sums + slen, line, strlen(line) + 1);
		slen += strlen(line);
		free(line);
	}
	if (capture_manifest_write(r, CAPTURE_SUMS, sums ? sums : "", slen, h2,
	    err) == -1)
		goto out;
	if (custody_add(r->custody, r->actor, "seal", CAPTURE_MANIFEST,
	    manifest_sha, "manifest signed (Ed25519), SHA256SUMS written",
	    head, err) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(pub);
	free(text);
	free(sums);
	return rc;
}

