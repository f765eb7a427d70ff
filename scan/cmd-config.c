/*
 * cmd-config.c — `vigie scan config`: run the checks of rules/checks/ on
 * the running Linux system, a Linux tree (--root), a folder of Windows
 * artifacts (--windows) or a mounted Windows volume (--windows-root),
 * then hand the results to config.c to print and record.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/util.h"
#include "vigie/config.h"

/* ---- The command -------------------------------------------------------- */

/* key=value lines of DIR/manifest.txt written by the collect scripts. */
static char *
manifest_get(const char *dir, const char *key)
{
	char *path = xasprintf("%s/manifest.txt", dir), *buf, *text, *p, *nl;
	char err[VG_ERRLEN], *out = NULL;
	size_t len, kl = strlen(key);
	struct stat st;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (buf = vg_read_file(path, 65536, &len, err)) == NULL) {
		free(path);
		return NULL;
	}
	free(path);
	text = decode_text(buf, len, NULL, NULL);
	free(buf);
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (strncasecmp(p, key, kl) == 0 && p[kl] == '=') {
			out = xstrdup(p + kl + 1);
			break;
		}
	}
	free(text);
	return out;
}

static char *
strip_slash(const char *dir)
{
	char *s = xstrdup(dir);
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

enum {
	OPT_LIST = 0x2000, OPT_ROOT, OPT_WINDOWS, OPT_WINROOT, OPT_CHECKS,
};

static int
cmd_scan_config(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, OPT_LIST },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "windows", required_argument, NULL, OPT_WINDOWS },
		{ "windows-root", required_argument, NULL, OPT_WINROOT },
		{ "checks", required_argument, NULL, OPT_CHECKS },
		{ "verbose", no_argument, NULL, 'v' },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct check_set cs = { 0 };
	struct cfg_ctx ctx = { 0 };
	struct config_result *res = NULL;
	const char *root = NULL, *windir = NULL, *winroot = NULL,
	    *checks = NULL, *platform;
	char *dir = NULL, *schema = NULL, *rootdir = NULL, *subject = NULL,
	    *what = NULL, *date, err[VG_ERRLEN], host[HOST_NAME_MAX + 1];
	char **arts = NULL;
	json_t *accounts = NULL;
	size_t narts = 0, n = 0, i;
	enum cfg_res *rs = NULL;
	int c, rc, list = 0, verbose = 0, targets, index, failed = 0;
	int errors = 0;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS "v", longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_LIST:
			list = 1;
			break;
		case OPT_ROOT:
			root = optarg;
			break;
		case OPT_WINDOWS:
			windir = optarg;
			break;
		case OPT_WINROOT:
			winroot = optarg;
			break;
		case OPT_CHECKS:
			checks = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	targets = (root != NULL) + (windir != NULL) + (winroot != NULL);
	if (targets > 1)
		return vg_usage_error(self, "%s", _("--root, --windows and "
		    "--windows-root exclude each other"));
	platform = windir != NULL || winroot != NULL ? "windows" :
	    root != NULL ? "linux" : NULL;

	rc = VG_EXIT_ERROR;
	dir = checks != NULL ? xstrdup(checks) : vg_data_path("checks");
	schema = vg_data_path("checks/checks.rng");
	if (check_load_dir(dir, schema, &cs, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (list) {
		config_print_list(&cs, platform);
		rc = VG_EXIT_OK;
		goto out;
	}

	ctx.now = time(NULL);
	ctx.a_reg.name = "reg";
	ctx.a_inf.name = "secedit.inf";
	ctx.a_gpr.name = "gpresult.xml";
	if (windir != NULL) {
		if (!is_dir(windir)) {
			vg_warn(_("%s: not a folder of collected artifacts"),
			    windir);
			goto out;
		}
		ctx.target = CFG_WINDOWS_DIR;
		rootdir = strip_slash(windir);
		ctx.windir = rootdir;
		ctx.root = "";
		if ((date = manifest_get(rootdir, "date")) != NULL) {
			time_t t;

			if (vg_time_parse_iso(date, &t) == 0)
				ctx.now = t;
			free(date);
		}
		if ((subject = manifest_get(rootdir, "computer")) == NULL)
			subject = xstrdup(rootdir);
		what = xasprintf(_("vigie scan config: Windows artifacts in %s "
		    "(computer %s)"), rootdir, subject);
	} else if (winroot != NULL) {
		ctx.target = CFG_WINDOWS_ROOT;
		rootdir = strip_slash(winroot);
		ctx.root = rootdir;
		if (hive_open(rootdir, &ctx.hives, err) == -1) {
			vg_warn("%s", err);
			goto out;
		}
		subject = xstrdup(hive_computer(ctx.hives) ?
		    hive_computer(ctx.hives) : rootdir);
		what = xasprintf(_("vigie scan config: Windows volume %s "
		    "(computer %s, user profiles: %d)"), rootdir, subject,
		    hive_nusers(ctx.hives));
	} else {
		ctx.target = CFG_LINUX;
		if (root != NULL && !is_dir(root)) {
			vg_warn(_("%s: not a folder"), root);
			goto out;
		}
		rootdir = strip_slash(root != NULL ? root : "/");
		ctx.live = strcmp(rootdir, "/") == 0;
		if (ctx.live) {
			rootdir[0] = '\0';	/* paths are used as is */
			if (gethostname(host, sizeof host) == -1)
				snprintf(host, sizeof host, "localhost");
			host[sizeof host - 1] = '\0';
			subject = xstrdup(host);
			what = xasprintf(_("vigie scan config: this Linux "
			    "computer, %s"), subject);
		} else {
			subject = xstrdup(rootdir);
			what = xasprintf(_("vigie scan config: Linux tree "
			    "under %s"), rootdir);
		}
		ctx.root = rootdir;
	}
	platform = ctx.target == CFG_LINUX ? "linux" : "windows";

	res = xcalloc(cs.n ? cs.n : 1, sizeof *res);
	for (i = 0; i < cs.n; i++) {
		const struct check *ck = &cs.c[i];
		struct vg_buf d = { 0 };
		enum cfg_res r;

		if (strcmp(ck->platform, platform) != 0)
			continue;
		if (vg_progress_enabled())
			vg_progress(_("check %s"), ck->id);
		if (ck->applies != NULL) {
			struct vg_buf ad = { 0 };

			r = eval_test(&ctx, ck->applies, &ad);
			if (r != CFG_PASS) {
				vg_buf_printf(&d, r == CFG_ERROR ?
				    _("cannot tell whether it applies: %s") :
				    _("not applicable: %s"), ad.p ? ad.p : "");
				vg_buf_free(&ad);
				res[n].c = ck;
				res[n].r = r == CFG_ERROR ? CFG_ERROR : CFG_NA;
				res[n].detail = d.p;
				n++;
				continue;
			}
			vg_buf_free(&ad);
		}
		r = eval_test(&ctx, ck->test, &d);
		res[n].c = ck;
		res[n].r = r;
		res[n].detail = d.p;
		failed += r == CFG_FAIL;
		errors += r == CFG_ERROR;
		n++;
	}
	if (vg_progress_enabled())
		vg_progress_clear();
	if (ctx.target == CFG_WINDOWS_DIR)
		arts = eval_artifacts(&ctx, &narts);
	else if (ctx.target == CFG_WINDOWS_ROOT) {
		const char *const *notes = hive_notes(ctx.hives, &c);

		for (i = 0; i < (size_t)c; i++) {
			arts = xreallocarray(arts, narts + 1, sizeof *arts);
			arts[narts++] = xstrdup(notes[i]);
		}
		accounts = config_accounts_report(&ctx, &arts, &narts);
	}
	else if (ctx.live && geteuid() != 0) {
		arts = xcalloc(1, sizeof *arts);
		arts[narts++] = xstrdup(_("not run as root: files only root "
		    "can read (/etc/shadow, sudoers) end in errors"));
	}

	/* The index needs the checks side by side with the results. */
	{
		struct check *cc = xcalloc(n ? n : 1, sizeof *cc);

		rs = xcalloc(n ? n : 1, sizeof *rs);
		for (i = 0; i < n; i++) {
			cc[i] = *res[i].c;
			rs[i] = res[i].r;
		}
		index = config_index(cc, rs, n);
		free(cc);
	}
	if (vg_g.json)
		config_print_json(res, n, index, platform, subject, arts,
		    ctx.target == CFG_WINDOWS_DIR ? narts : 0, accounts);
	else
		config_print_text(what, arts, narts, res, n, index, verbose);
	if (config_store_results(subject, res, n, index, err) == -1) {
		vg_warn(_("the results could not be stored: %s"), err);
		goto out;
	}
	/* As scan files and scan mail: something found first, else
	 * something that could not be checked. */
	rc = failed > 0 ? VG_EXIT_FOUND : errors > 0 ? VG_EXIT_ERROR :
	    VG_EXIT_OK;
out:
	json_decref(accounts);
	for (i = 0; i < n; i++)
		free(res[i].detail);
	for (i = 0; i < narts; i++)
		free(arts[i]);
	free(arts);
	free(res);
	free(rs);
	eval_ctx_free(&ctx);
	check_set_free(&cs);
	free(dir);
	free(schema);
	free(rootdir);
	free(subject);
	free(what);
	return rc;
}

const struct vg_cmd cmd_scan_config_entry = {
	.name = "scan config",
	.usage = N_("[OPTION]..."),
	.summary = N_("check the security settings of a Linux or Windows "
	    "computer"),
	.help = N_("Runs the configuration checks of rules/checks/ (SSH, "
	    "firewall, "
	    "updates, encryption, accounts, SMB, passwords...) and prints "
	    "each one as passed, failed or not evaluated, with what was "
	    "found and what to do, then a hardening index from 0 to 100. "
	    "The results are kept in the store for the commune report.\n"
	    "\n"
	    "Where to look (one at most; default: this Linux system):\n"
	    "  --root DIR          a Linux disk mounted at DIR (offline)\n"
	    "  --windows DIR       a folder written on the PC by "
	    "collect.bat or\n"
	    "                      collect.ps1 (run as administrator; in "
	    "rules/collect/,\n"
	    "                      installed in PREFIX/share/vigie/collect/)"
	    "\n"
	    "  --windows-root MOUNT\n"
	    "                      a Windows volume mounted from a Linux "
	    "live USB:\n"
	    "                      its registry hives and local accounts "
	    "are read\n"
	    "Other options:\n"
	    "  --list              list the checks and exit\n"
	    "  --checks DIR        read the checks from DIR instead\n"
	    "  -v, --verbose       show what was found for passed checks "
	    "too\n"
	    "  -q, --quiet         show only failed checks and errors\n"
	    "\n"
	    "With --json: one JSON object per check (id, status, severity, "
	    "title, detail, remediation), then a last {\"summary\": ...} "
	    "object. Status: pass, fail, skip (not evaluated here), "
	    "error.\n"
	    "Exit status 1 when at least one check fails.\n"),
	.exec = cmd_scan_config,
};
