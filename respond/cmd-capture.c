/*
 * cmd-capture.c — `vigie respond capture`: the options, the checks
 * before anything is written (never on an examined disk, a new folder
 * of our own), the signing key, then the runner (capture-run.c) and the
 * seal (capture-manifest.c), the optional archive and the summary.
 *
 * Nothing is written outside DIR, except the signing key on first use
 * (beside DIR unless --key says where) and the --archive file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"
#include "capture-run.h"
#include "capture-manifest.h"

/* ---- checks before starting ----------------------------------------- */

/*
 * Refuse a DIR on a file system the capture examines: writing there
 * could overwrite deleted files and changes what is being preserved.
 */
static int
cmd_capture_same_disk(const struct capture_opts *o, const char *dir,
    char **which)
{
	static const char *const examined[] = {
		"/", "/var", "/var/log", "/home", "/root", "/tmp", "/var/tmp",
		"/etc", "/usr", "/dev/shm", "/boot", "/srv", "/opt",
	};
	struct stat	 d, e;
	char		*p, *slash;
	size_t		 i;
	int		 k;

	/* The nearest existing folder of DIR. */
	p = xstrdup(dir);
	while (stat(p, &d) == -1) {
		if ((slash = strrchr(p, '/')) == NULL) {
			free(p);
			p = xstrdup(".");
		} else if (slash == p)
			p[1] = '\0';
		else
			*slash = '\0';
		if (stat(p, &d) == 0)
			break;
		if (strcmp(p, ".") == 0 || strcmp(p, "/") == 0)
			break;
	}
	free(p);
	for (i = 0; i < sizeof(examined) / sizeof(examined[0]); i++)
		if (stat(examined[i], &e) == 0 && e.st_dev == d.st_dev) {
			*which = xstrdup(examined[i]);
			return 1;
		}
	for (k = 0; k < o->ncollect; k++)
		if (stat(o->collect[k], &e) == 0 && e.st_dev == d.st_dev) {
			*which = xstrdup(o->collect[k]);
			return 1;
		}
	return 0;
}

/*
 * Create DIR (0700) or accept an empty existing folder that belongs to
 * us and that nobody else can write to; returns its descriptor (opened
 * O_NOFOLLOW, checked through the descriptor, not the name) or -1.
 */
static int
cmd_capture_make_dir(const char *dir, struct stat *st, char *err)
{
	DIR		*d;
	struct dirent	*de;
	int		 fd, fd2, empty = 1, created = 0;

	if (mkdir(dir, 0700) == 0)
		created = 1;
	else if (errno == ENOENT) {
		if (vg_mkdir_p(dir, 0700, err) == -1)
			return -1;
		created = 1;
	} else if (errno != EEXIST) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(fd, st) == -1) {
		vg_seterr(err, "%s: %s", dir, strerror(errno == ELOOP ?
		    ENOTDIR : errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	/* Only for a folder found there: one just made has our owner,
	 * and on a FAT key its mode is whatever the mount says. */
	if (!created && (st->st_uid != geteuid() ||
	    (st->st_mode & 022) != 0)) {
		vg_seterr(err, _("%s: the folder belongs to someone else or "
		    "others can write in it; give a new folder for each "
		    "capture"), dir);
		close(fd);
		return -1;
	}
	if ((fd2 = dup(fd)) == -1 || (d = fdopendir(fd2)) == NULL) {
		vg_seterr(err, "%s: %s", dir, strerror(errno));
		if (fd2 != -1)
			close(fd2);
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	if (!empty) {
		vg_seterr(err, created ? _("%s: files appeared in the new "
		    "folder before the capture started; refused") :
		    _("%s: the folder is not empty; give a new "
		    "folder for each capture"), dir);
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- the command ---------------------------------------------------- */

static int
cmd_capture_parse_steps(const char *list, char *bad, size_t badlen)
{
	char	*copy, *tok, *save = NULL;
	int	 i, ok = 1;

	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; capture_steps[i].name != NULL; i++)
			if (strcmp(capture_steps[i].name, tok) == 0)
				break;
		if (capture_steps[i].name == NULL) {
			snprintf(bad, badlen, "%s", tok);
			ok = 0;
			break;
		}
	}
	free(copy);
	return ok;
}

/* A 64-hex code in four groups of 16, so that it fits 80 columns and
 * the first group is easy to copy onto paper. */
static void
cmd_capture_print_code(const char *label, const char *hex)
{
	printf("  %s\n      %.16s %.16s %.16s %.16s\n", label, hex, hex + 16,
	    hex + 32, hex + 48);
}

static void
cmd_capture_print_summary(struct capture_run *r, const char *fpr,
    int key_created, const char *keypath, const char *manifest_sha,
    const char *head, const char *archive, const char *archive_sha,
    int nfailed)
{
	char	size[32], secs[32], iso[32];
	int	i, ran = 0;

	for (i = 0; i < r->nsteps; i++)
		ran += strcmp(r->steps[i].status, "skipped") != 0;
	capture_run_size_text(r->bytes, size, sizeof(size));
	capture_run_seconds_text(capture_run_elapsed(&r->t0), secs,
	    sizeof(secs));
	vg_time_iso(time(NULL), iso);
	printf("\n");
	printf(nfailed ? _("Capture finished, INCOMPLETE, in %s\n") :
	    _("Capture finished in %s\n"), r->o->out);
	printf(vg_ngettext("  %d step run, %d failed; ",
	    "  %d steps run, %d failed; ", (unsigned long)ran), ran, nfailed);
	printf(vg_ngettext("%d file, %s, in %s\n", "%d files, %s, in %s\n",
	    (unsigned long)r->narts), r->narts, size, secs);
	cmd_capture_print_code(_("Manifest (SHA-256):"), manifest_sha);
	cmd_capture_print_code(_("Signing key (fingerprint):"), fpr);
	if (key_created)
		printf(_("      new key created: %s\n"
		    "      keep it for the next captures\n"), keypath);
	cmd_capture_print_code(_("Custody log (last entry):"), head);
	if (archive != NULL) {
		printf(_("  Archive: %s\n"), archive);
		cmd_capture_print_code(_("Archive (SHA-256):"), archive_sha);
	}
	if (nfailed > 0) {
		printf(_("Steps that failed (details in manifest.json):\n"));
		for (i = 0; i < r->nsteps; i++)
			if (strcmp(r->steps[i].status, "ok") != 0 &&
			    strcmp(r->steps[i].status, "skipped") != 0)
				printf("  - %s: %s\n",
				    _(r->steps[i].step->title),
				    r->steps[i].reason);
	}
	printf(_("\nWhat to do now:\n"));
	printf(_("  1. Write on the paper custody form the time now (%s,\n"
	    "     machine clock, UTC), the machine's name, and the first\n"
	    "     group of each code above.\n"), iso);
	printf(_("  2. Unplug the USB key and keep it locked away; never plug "
	    "it\n     into a suspect machine again.\n"));
	printf(_("  3. Do not switch off or restart this machine; keep it off "
	    "the\n     network until the investigators say otherwise.\n"));
	printf(_("  4. Call the contacts listed by \"vigie respond "
	    "checklist\"\n     (17Cyber, gendarmerie, regional CSIRT, "
	    "insurer).\n"));
	printf(_("  5. Each time the key changes hands, record it:\n"
	    "     vigie respond custody %s --add \"handed to ...\"\n"),
	    r->o->out);
	printf(_("  6. To check the capture later:\n"
	    "     vigie respond verify %s\n"), r->o->out);
}

static void
cmd_capture_json_summary(struct capture_run *r, const char *fpr,
    const char *keypath, int key_created, const char *manifest_sha,
    const char *head, const char *archive, const char *archive_sha,
    int nfailed)
{
	json_t	*j, *s;
	int	 i;

	s = json_array();
	for (i = 0; i < r->nsteps; i++)
		json_array_append_new(s, json_pack("{s:s, s:s, s:o, s:i, s:I,"
		    " s:f, s:I}", "name", r->steps[i].step->name, "status",
		    r->steps[i].status, "reason",
		    vg_json_str(r->steps[i].reason), "artifacts",
		    r->steps[i].artifacts, "bytes",
		    (json_int_t)r->steps[i].bytes, "seconds",
		    r->steps[i].seconds, "warnings",
		    (json_int_t)r->steps[i].nwarnings));
	j = json_pack("{s:o, s:b, s:i, s:o, s:i, s:I, s:f, s:s, s:s, s:o,"
	    " s:b, s:s, s:b}", "dir", vg_json_str(r->o->out), "complete",
	    nfailed == 0, "failed_steps", nfailed, "steps", s, "artifacts",
	    r->narts, "bytes", (json_int_t)r->bytes, "seconds",
	    capture_run_elapsed(&r->t0), "manifest_sha256", manifest_sha,
	    "key_fingerprint", fpr, "key", vg_json_str(keypath),
	    "key_created", key_created, "custody_head", head,
	    "static_build", capture_static_build());
	if (archive != NULL)
		json_object_set_new(j, "archive", json_pack("{s:o, s:s}",
		    "path", vg_json_str(archive), "sha256", archive_sha));
	vg_json_emit(j);
}

enum {
	OPT_CASE = 0x2000, OPT_EXAMINER, OPT_NOTE, OPT_PROFILE, OPT_CLOCK,
	OPT_RECENT, OPT_HASHMAX, OPT_COPYMAX, OPT_LIMIT, OPT_STEPS,
	OPT_COLLECT, OPT_KEY, OPT_ARCHIVE, OPT_SAMEDISK, OPT_YARA,
};

/*
 * The command line into O (strings point into argv; o->collect is
 * allocated) and *archive (allocated, NULL without --archive). Returns
 * VG_OPT_CONTINUE, or the exit code when the command must stop.
 */
static int
cmd_capture_options(const struct vg_cmd *self, int argc, char **argv,
    struct capture_opts *o, char **archive)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "case", required_argument, NULL, OPT_CASE },
		{ "examiner", required_argument, NULL, OPT_EXAMINER },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "clock-ref", required_argument, NULL, OPT_CLOCK },
		{ "recent-days", required_argument, NULL, OPT_RECENT },
		{ "hash-max", required_argument, NULL, OPT_HASHMAX },
		{ "copy-max", required_argument, NULL, OPT_COPYMAX },
		{ "time-limit", required_argument, NULL, OPT_LIMIT },
		{ "steps", required_argument, NULL, OPT_STEPS },
		{ "collect", required_argument, NULL, OPT_COLLECT },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "archive", optional_argument, NULL, OPT_ARCHIVE },
		{ "allow-same-disk", required_argument, NULL, OPT_SAMEDISK },
		{ "yara", no_argument, NULL, OPT_YARA },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	char		 bad[64], *end;
	uint64_t	 v;
	time_t		 t;
	long		 num;
	int		 c, rc, hash_set = 0;

	o->profile = CAPTURE_QUICK;
	o->recent_days = 7;
	o->copy_max = 512ULL << 20;
	o->proc = getenv("VIGIE_CAPTURE_PROC");
	if (o->proc == NULL || *o->proc == '\0')
		o->proc = "/proc";
	while ((c = getopt_long(argc, argv, "o:" VG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case OPT_CASE:
			o->case_id = optarg;
			break;
		case OPT_EXAMINER:
			o->examiner = optarg;
			break;
		case OPT_NOTE:
			o->note = optarg;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "quick") == 0)
				o->profile = CAPTURE_QUICK;
			else if (strcmp(optarg, "full") == 0)
				o->profile = CAPTURE_FULL;
			else
				return vg_usage_error(self, _("--profile: "
				    "\"%s\" is neither quick nor full"),
				    optarg);
			break;
		case OPT_CLOCK:
			if (vg_time_parse_iso(optarg, &t) == -1)
				return vg_usage_error(self, _("--clock-ref: "
				    "\"%s\" is not a time like 2026-11-25 "
				    "17:13:18 (UTC)"), optarg);
			o->clock_ref = optarg;
			break;
		case OPT_RECENT:
		case OPT_LIMIT:
			num = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || num < 1 ||
			    num > 100000)
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not a whole number from 1 to 100000"),
				    c == OPT_RECENT ? "--recent-days" :
				    "--time-limit", optarg);
			if (c == OPT_RECENT)
				o->recent_days = (int)num;
			else
				o->time_limit = (int)num;
			break;
		case OPT_HASHMAX:
		case OPT_COPYMAX:
			if (vg_parse_size(optarg, &v) == -1)
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not a size like 64M"), c == OPT_HASHMAX ?
				    "--hash-max" : "--copy-max", optarg);
			if (c == OPT_HASHMAX) {
				o->hash_max = v;
				hash_set = 1;
			} else
				o->copy_max = v;
			break;
		case OPT_STEPS:
			if (!cmd_capture_parse_steps(optarg, bad, sizeof(bad)))
				return vg_usage_error(self, _("--steps: "
				    "unknown step \"%s\""), bad);
			o->steps = optarg;
			break;
		case OPT_COLLECT:
			o->collect = xreallocarray(o->collect, o->ncollect + 1,
			    sizeof(char *));
			o->collect[o->ncollect++] = optarg;
			break;
		case OPT_KEY:
			o->key = optarg;
			break;
		case OPT_YARA:
			o->yara = 1;
			break;
		case OPT_ARCHIVE:
			free(*archive);
			*archive = xstrdup(optarg != NULL ? optarg : "");
			break;
		case OPT_SAMEDISK:
			if (*optarg == '\0')
				return vg_usage_error(self, "%s",
				    _("--allow-same-disk needs the reason"));
			o->same_disk = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument \"%s\""),
		    argv[optind]);
	if (o->out == NULL)
		return vg_usage_error(self, "%s", _("--out DIR is required "
		    "(a new folder on the USB key)"));
	if (!hash_set)
		o->hash_max = o->profile == CAPTURE_FULL ? 1ULL << 30 :
		    64ULL << 20;
	if (*archive != NULL && **archive == '\0') {
		free(*archive);
		*archive = xasprintf("%s.tar.gz", o->out);
	}
	return VG_OPT_CONTINUE;
}

/* Refuse an archive inside DIR: it would be packed into itself. */
static int
cmd_capture_archive_inside(const char *dir, const char *archive)
{
	char	*real, *adir, *slash, *areal;
	size_t	 n;
	int	 inside = 0;

	adir = xstrdup(archive);
	if ((slash = strrchr(adir, '/')) != NULL)
		*slash = '\0';
	real = realpath(dir, NULL);
	areal = realpath(slash == NULL ? "." : *adir ? adir : "/", NULL);
	if (real != NULL && areal != NULL) {
		n = strlen(real);
		inside = strncmp(areal, real, n) == 0 &&
		    (areal[n] == '/' || areal[n] == '\0');
	}
	free(real);
	free(areal);
	free(adir);
	return inside;
}

/* vigie-signing.key beside DIR (same medium). Owned by the caller. */
static char *
cmd_capture_keypath(const char *dir)
{
	char	*parent, *p, *path;
	size_t	 n;

	parent = xstrdup(dir);
	while ((n = strlen(parent)) > 1 && parent[n - 1] == '/')
		parent[n - 1] = '\0';
	if ((p = strrchr(parent, '/')) == NULL)
		path = xstrdup(CAPTURE_KEYNAME);
	else if (p == parent)
		path = xstrdup("/" CAPTURE_KEYNAME);
	else {
		*p = '\0';
		path = xasprintf("%s/%s", parent, CAPTURE_KEYNAME);
	}
	free(parent);
	return path;
}

/* The first custody entry: who, what, and the leave-no-trace reason. */
static int
cmd_capture_custody_start(struct capture_run *r, char *err)
{
	const struct capture_opts *o = r->o;
	json_t	*d;
	char	*ds;
	int	 rc;

	d = json_pack("{s:o, s:o, s:o, s:s, s:I, s:o, s:b}", "case",
	    vg_json_str(o->case_id), "examiner", vg_json_str(o->examiner),
	    "note", vg_json_str(o->note), "profile", o->profile ==
	    CAPTURE_FULL ? "full" : "quick", "pid", (json_int_t)getpid(),
	    "same_disk_reason", vg_json_str(o->same_disk), "static_build",
	    capture_static_build());
	ds = json_dumps(d, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(d);
	rc = custody_add(r->custody, r->actor, "capture.start", o->out, "",
	    ds, NULL, err);
	free(ds);
	return rc;
}

/* Boot time from the btime line of PROC/stat (0 if unknown). */
static time_t
cmd_capture_boot_time(const char *proc)
{
	char	*path, *buf, *b;
	time_t	 t = 0;

	path = xasprintf("%s/stat", proc);
	if ((buf = read_all(path, 1 << 20, NULL, NULL)) != NULL) {
		if ((b = strstr(buf, "\nbtime ")) != NULL)
			t = (time_t)strtoll(b + 7, NULL, 10);
		free(buf);
	}
	free(path);
	return t;
}

static int
cmd_respond_capture(const struct vg_cmd *self, int argc, char **argv)
{
	struct capture_opts	 o;
	struct capture_ctx	 ctx;
	struct capture_run		 r;
	struct stat		 st;
	EVP_PKEY		*key = NULL;
	char			 err[VG_ERRLEN], fpr[65] = "",
				 manifest_sha[65] = "", head[65] = "",
				 archive_sha[65] = "", *which = NULL,
				*keypath = NULL, *archive = NULL, *detail;
	const char		*done_archive = NULL;
	uint64_t		 archive_size;
	int			 i, key_created = 0, nfailed = 0,
				 ret = VG_EXIT_ERROR;
	time_t			 start;

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	r.dirfd = -1;
	if ((ret = cmd_capture_options(self, argc, argv, &o, &archive)) !=
	    VG_OPT_CONTINUE)
		goto out;
	ret = VG_EXIT_ERROR;

	/* Leave no trace: never write on the examined file systems. */
	if (cmd_capture_same_disk(&o, o.out, &which)) {
		if (o.same_disk == NULL) {
			vg_warn(_("%s is on the same disk as %s, which this "
			    "capture examines: writing there could overwrite "
			    "deleted files and change the evidence. Write to "
			    "a USB key (--out /media/KEY/capture), or give "
			    "--allow-same-disk \"REASON\" to accept it; the "
			    "reason is recorded."), o.out, which);
			goto out;
		}
	} else
		o.same_disk = NULL;	/* nothing to excuse */
	if ((r.dirfd = cmd_capture_make_dir(o.out, &st, err)) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (archive != NULL && cmd_capture_archive_inside(o.out, archive)) {
		vg_warn(_("%s: the archive cannot be inside the capture "
		    "folder"), archive);
		goto out;
	}

	/* The signing key: --key, else beside DIR on the same medium. */
	keypath = o.key != NULL ? xstrdup(o.key) : cmd_capture_keypath(o.out);
	if ((key = seal_key_load(keypath, 1, &key_created, err)) == NULL) {
		vg_warn("%s", err);
		goto out;
	}

	r.o = &o;
	/* Who acts in the custody log: the examiner, else the login. */
	if ((r.actor = o.examiner) == NULL && (r.actor = getenv("USER")) ==
	    NULL)
		r.actor = "?";
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	start = time(NULL);
	if ((r.custody = custody_open(o.out, 1, 1, err)) == NULL ||
	    cmd_capture_custody_start(&r, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &o;
	ctx.dirfd = r.dirfd;
	ctx.report = -1;
	ctx.out_dev = st.st_dev;
	ctx.out_ino = st.st_ino;
	ctx.collector = getpid();
	ctx.hz = sysconf(_SC_CLK_TCK);
	ctx.boot_time = cmd_capture_boot_time(o.proc);
	if (!vg_g.quiet && !vg_g.json)
		fprintf(stderr, _("vigie %s: capturing evidence into %s\n"
		    "(vigie is pid %ld). Do not switch the machine off.\n"),
		    VG_VERSION, o.out, (long)getpid());
	nfailed = capture_run_steps(&r, &ctx);

	if (capture_manifest_seal(&r, key, start, fpr, manifest_sha, head,
	    err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (archive != NULL) {
		if (seal_archive(o.out, archive, archive_sha, &archive_size,
		    err) == -1) {
			vg_warn("%s", err);
			nfailed++;
		} else {
			done_archive = archive;
			detail = xasprintf("tar.gz of %s, %llu bytes", o.out,
			    (unsigned long long)archive_size);
			if (custody_add(r.custody, r.actor, "archive", archive,
			    archive_sha, detail, head, err) == -1)
				vg_warn("%s", err);
			free(detail);
		}
	}
	if (vg_g.json)
		cmd_capture_json_summary(&r, fpr, keypath, key_created,
		    manifest_sha, head, done_archive, archive_sha, nfailed);
	else if (!vg_g.quiet)
		cmd_capture_print_summary(&r, fpr, key_created, keypath,
		    manifest_sha, head, done_archive, archive_sha, nfailed);
	ret = nfailed > 0 ? VG_EXIT_FOUND : VG_EXIT_OK;
out:
	for (i = 0; i < r.nsteps; i++) {
		free(r.steps[i].reason);
		json_decref(r.steps[i].warnings);
		json_decref(r.steps[i].stats);
		free(r.steps[i].open);
	}
	free(r.steps);
	for (i = 0; i < r.narts; i++) {
		free(r.arts[i].path);
		free(r.arts[i].source);
	}
	free(r.arts);
	if (r.custody != NULL)
		sqlite3_close(r.custody);
	if (r.dirfd != -1)
		close(r.dirfd);
	EVP_PKEY_free(key);
	free(keypath);
	free(archive);
	free(which);
	free(o.collect);
	/* Reap a step that could not be stopped, if it ended since. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return ret;
}

const struct vg_cmd cmd_respond_capture_entry = {
	.name = "respond capture",
	.usage = N_("--out DIR [OPTION]..."),
	.summary = N_("capture volatile evidence from this machine, sealed"),
	.help = N_("Collects, in order of volatility, what police and "
	    "gendarmerie "
	    "need before the machine is switched off: clock, processes "
	    "(with the SHA-256 of each executable, copied when deleted), "
	    "network connections and their processes, sessions, system "
	    "state, recent files, logs. Everything is read directly from "
	    "/proc, /sys and the files (no other program is run), written "
	    "only under DIR, hashed while written and sealed: SHA256SUMS "
	    "(checkable with sha256sum -c), manifest.json signed with "
	    "Ed25519, and the custody log custody.db. Each step has a time "
	    "limit; a step that fails is recorded and the capture goes on.\n"
	    "\n"
	    "  -o, --out DIR          new or empty folder, on a USB key "
	    "(required)\n"
	    "  --case ID              case or complaint number\n"
	    "  --examiner NAME        who runs the capture\n"
	    "  --note TEXT            free note kept in the manifest\n"
	    "  --clock-ref TIME       the real time when you started, read "
	    "on a phone (UTC, \"2026-11-25 17:13:18\"): the clock offset "
	    "is recorded\n"
	    "  --profile quick|full   quick (default): the essentials in "
	    "under a minute; full: also environments, all of /var/log, "
	    "files changed anywhere in /usr and /var\n"
	    "  --recent-days N        window for recently changed files "
	    "(default 7)\n"
	    "  --hash-max SIZE        larger files are listed, not hashed "
	    "(default 64M quick, 1G full)\n"
	    "  --copy-max SIZE        copies of logs and deleted "
	    "executables are cut at SIZE (default 512M)\n"
	    "  --collect PATH         also copy PATH whole (a file or a "
	    "folder; may be repeated)\n"
	    "  --yara                 last, scan process memory and the "
	    "recent and temporary files with the shipped YARA rules and IOC "
	    "lists (always in the full profile)\n"
	    "  --steps LIST           only these steps, e.g. "
	    "clock,processes,network,sessions\n"
	    "  --time-limit SECONDS   time limit of every step (default: "
	    "each step its own, 10 s to 1 h)\n"
	    "  --key PATH             Ed25519 signing key (PEM), created "
	    "there if missing; default: vigie-signing.key beside DIR\n"
	    "  --archive[=FILE]       also pack DIR into FILE (default "
	    "DIR.tar.gz) and record its SHA-256 in the custody log\n"
	    "  --allow-same-disk REASON  accept a DIR on a disk being "
	    "examined (refused otherwise); the reason is recorded\n"
	    "\n"
	    "Exit status: 0 complete, 1 sealed but some steps failed, 2 "
	    "nothing captured. See docs/commands/respond-capture.md.\n"),
	.exec = cmd_respond_capture,
};
