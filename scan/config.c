/*
 * config.c — `vigie scan config`: run the checks of rules/checks/ on the
 * running Linux system, a Linux tree (--root), a folder of Windows
 * artifacts (--windows) or a mounted Windows volume (--windows-root);
 * print the findings (text or JSON Lines), the hardening index, and
 * record the run in the store for the commune report.
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
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
#include "vigie/store.h"
#include "vigie/util.h"
#include "vigie/config.h"

/* ---- The hardening index ------------------------------------------- */

int
config_weight(enum vg_severity s)
{
	switch (s) {
	case VG_SEV_CRITICAL:	return 8;
	case VG_SEV_HIGH:	return 4;
	case VG_SEV_MEDIUM:	return 2;
	case VG_SEV_LOW:	return 1;
	default:		return 0;
	}
}

int
config_index(const struct check *c, const enum cfg_res *r, size_t n)
{
	long got = 0, max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i] != CFG_PASS && r[i] != CFG_FAIL)
			continue;
		max += config_weight(c[i].severity);
		if (r[i] == CFG_PASS)
			got += config_weight(c[i].severity);
	}
	if (max == 0)
		return -1;
	return (int)((got * 100 + max / 2) / max);
}

struct result {
	const struct check	*c;
	enum cfg_res		 r;
	char			*detail;
};

/*
 * How sure the index is: the share (percent) of the weight of the checks
 * that count (pass, fail, error) that was evaluated. 100 with no error; a
 * check in error could have failed, so errors lower it.
 */
static int
config_certainty(const struct result *res, size_t n, size_t *over)
{
	long done = 0, all = 0;
	size_t i;

	*over = 0;
	for (i = 0; i < n; i++) {
		if (res[i].r == CFG_NA)
			continue;
		all += config_weight(res[i].c->severity);
		if (res[i].r != CFG_ERROR) {
			done += config_weight(res[i].c->severity);
			(*over)++;
		}
	}
	return all == 0 ? 100 : (int)(done * 100 / all);
}

/* ---- Output ----------------------------------------------------------- */

static const char *
res_name(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return "pass";
	case CFG_FAIL:	return "fail";
	case CFG_NA:	return "skip";
	default:	return "error";
	}
}

static const char *
res_label(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return _("PASS");
	case CFG_FAIL:	return _("FAIL");
	case CFG_NA:	return _("N/A");
	default:	return _("ERROR");
	}
}

static enum vg_status
res_status(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return VG_ST_PASS;
	case CFG_FAIL:	return VG_ST_FAIL;
	case CFG_NA:	return VG_ST_INFO;
	default:	return VG_ST_ERROR;
	}
}

/* S then spaces up to WIDTH columns (accents count once). */
static void
print_padded(const char *s, int width)
{
	int pad = width - vg_text_width(s);

	printf("%s%*s", s, pad > 0 ? pad : 1, "");
}

/*
 * TEXT folded at 78 columns: it starts at column COL (what is already on
 * the line) and goes on at column INDENT.
 */
static void
fold(const char *text, int col, int indent)
{
	char *clean = vg_term_clean(text), *p = clean;
	int first = 1;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		char *word = xstrndup(p, n);
		int w = vg_text_width(word);

		if (!first && col + 1 + w > 78) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			putchar(' ');
			col++;
		}
		fputs(word, stdout);
		col += w;
		first = 0;
		free(word);
		p += n;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
	free(clean);
}

/* PREFIX then TEXT, at INDENT, folded with 2 more spaces. */
static void
print_folded(const char *prefix, const char *text, int indent)
{
	printf("%*s%s", indent, "", prefix);
	fold(text, indent + vg_text_width(prefix), indent + 2);
}


static int
rank(enum cfg_res r)
{
	switch (r) {
	case CFG_FAIL:	return 0;
	case CFG_ERROR:	return 1;
	case CFG_PASS:	return 2;
	default:	return 3;
	}
}

static int
cmp_result(const void *a, const void *b)
{
	const struct result *x = a, *y = b;

	if (rank(x->r) != rank(y->r))
		return rank(x->r) - rank(y->r);
	if (x->c->severity != y->c->severity)
		return (int)y->c->severity - (int)x->c->severity;
	return strcmp(x->c->id, y->c->id);
}

static void
print_text(const char *what, char **arts, size_t narts, struct result *res,
    size_t n, int index, int verbose)
{
	size_t i, counts[4] = { 0 };
	struct result *sorted = xcalloc(n ? n : 1, sizeof *sorted);

	for (i = 0; i < n; i++)
		counts[res[i].r]++;
	printf("%s\n", what);
	for (i = 0; i < narts; i++) {
		char *a = vg_term_clean(arts[i]);

		printf("  %s\n", a);
		free(a);
	}
	printf(_("Checks: %zu; failed: %zu, passed: %zu, not evaluated: %zu, "
	    "errors: %zu\n\n"), n, counts[CFG_FAIL], counts[CFG_PASS],
	    counts[CFG_NA], counts[CFG_ERROR]);
	memcpy(sorted, res, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_result);
	for (i = 0; i < n; i++) {
		const struct result *r = &sorted[i];
		char *title = vg_term_clean(r->c->title ? r->c->title : "");

		if (vg_g.quiet && r->r != CFG_FAIL && r->r != CFG_ERROR) {
			free(title);
			continue;
		}
		print_padded(res_label(r->r), 7);
		print_padded(vg_severity_label(r->c->severity), 11);
		print_padded(r->c->id, 12);
		fold(title, 30, 30);
		free(title);
		if (r->detail != NULL && (r->r != CFG_PASS || verbose))
			print_folded("", r->detail, 7);
		if (r->r == CFG_FAIL && r->c->remediation != NULL)
			print_folded(_("To do: "), r->c->remediation, 7);
	}
	if (index >= 0) {
		size_t over;
		int sure = config_certainty(res, n, &over);

		printf(_("\nHardening index: %d/100 (see "
		    "docs/hardening-index.md)\n"), index);
		if (over < counts[CFG_PASS] + counts[CFG_FAIL] +
		    counts[CFG_ERROR])
			printf(vg_ngettext("  over %zu check only: %zu in "
			    "error could not be judged (certainty %d%%)\n",
			    "  over %zu checks only: %zu in error could not be "
			    "judged (certainty %d%%)\n", (unsigned long)over),
			    over, counts[CFG_ERROR], sure);
	} else
		printf("%s", _("\nHardening index: none (no check could be "
		    "evaluated)\n"));
	free(sorted);
}

static void
print_json(struct result *res, size_t n, int index, const char *target,
    const char *subject, char **arts, size_t narts, json_t *accounts)
{
	size_t i, counts[4] = { 0 };
	json_t *a, *sum;

	for (i = 0; i < n; i++) {
		const struct check *c = res[i].c;

		counts[res[i].r]++;
		vg_json_emit(json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s, "
		    "s:s, s:s}", "id", c->id, "status", res_name(res[i].r),
		    "severity", vg_severity_name(c->severity),
		    "title", vg_json_str(c->title),
		    "detail", vg_json_str(res[i].detail),
		    "remediation", vg_json_str(c->remediation),
		    "platform", c->platform, "anssi", c->anssi,
		    "cis", c->cis));
	}
	a = json_array();
	for (i = 0; i < narts; i++)
		json_array_append_new(a, vg_json_str(arts[i]));
	size_t over;
	int sure = config_certainty(res, n, &over);

	sum = json_pack("{s:s, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
	    "s:o}",
	    "target", target, "subject", vg_json_str(subject), "index",
	    index >= 0 ? json_integer(index) : json_null(), "checks", (int)n,
	    "over", (int)over, "certainty", sure,
	    "pass", (int)counts[CFG_PASS], "fail", (int)counts[CFG_FAIL],
	    "skip", (int)counts[CFG_NA], "error", (int)counts[CFG_ERROR],
	    "artifacts", a);
	if (accounts != NULL)
		json_object_set(sum, "accounts", accounts);
	vg_json_emit(json_pack("{s:o}", "summary", sum));
}

/*
 * The local accounts of the SAM (--windows-root): one header line each
 * appended to *LINES, and a JSON array (new reference, caller's).
 */
static json_t *
accounts_report(struct cfg_ctx *ctx, char ***lines, size_t *n)
{
	struct sam_account *a = NULL;
	size_t na = 0, i;
	char err[VG_ERRLEN], when[32];
	json_t *arr = json_array();

	if (hive_accounts(ctx->hives, &a, &na, err) < 0) {
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf(_("local accounts: %s"), err);
		return arr;
	}
	for (i = 0; i < na; i++) {
		int enabled = !(a[i].flags & 0x1);

		if (a[i].last_logon != 0)
			vg_time_iso(a[i].last_logon, when);
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf(_("local account %s: %s%s, last "
		    "logon: %s"), a[i].name, enabled ? _("enabled") :
		    _("disabled"), a[i].admin ? _(", administrator") : "",
		    a[i].last_logon != 0 ? when : _("never"));
		json_array_append_new(arr, json_pack("{s:o, s:i, s:b, s:b, "
		    "s:o, s:i}", "name", vg_json_str(a[i].name), "rid",
		    (int)a[i].rid, "enabled", enabled, "admin", a[i].admin,
		    "last_logon", a[i].last_logon != 0 ? json_string(when) :
		    json_null(), "logons", (int)a[i].logons));
	}
	hive_accounts_free(a, na);
	return arr;
}

static void
print_list(const struct check_set *cs, const char *platform)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		const struct check *c = &cs->c[i];

		if (platform != NULL && strcmp(c->platform, platform) != 0)
			continue;
		if (vg_g.json) {
			vg_json_emit(json_pack("{s:s, s:s, s:s, s:o, s:s, "
			    "s:s}", "id", c->id, "platform", c->platform,
			    "severity", vg_severity_name(c->severity),
			    "title", vg_json_str(c->title), "anssi",
			    c->anssi, "cis", c->cis));
		} else {
			char *t = vg_term_clean(c->title ? c->title : "");

			print_padded(c->id, 12);
			print_padded(c->platform, 9);
			print_padded(vg_severity_label(c->severity), 11);
			fold(t, 32, 32);
			free(t);
		}
	}
}

/* ---- The store ---------------------------------------------------------- */

static int
store_results(const char *subject, struct result *res, size_t n,
    int index, char *err)
{
	struct vg_store *s = NULL;
	int64_t commune = 0, run;
	size_t i;
	int rc = -1;
	char *stats = NULL;
	json_t *st;

	if (vg_store_open(vg_g.db, &s, err) == -1)
		return -1;
	/* A scan needs no commune; attach it when one is known. */
	if (vg_commune_current(s, 0, &commune, err) == -1)
		commune = 0;
	if (vg_store_begin(s, err) == -1)
		goto out;
	if (vg_run_begin(s, commune, "scan.config", subject, &run, err) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		const struct check *c = res[i].c;
		char *data = NULL;
		json_t *j = json_pack("{s:s, s:s, s:s}", "platform",
		    c->platform, "anssi", c->anssi, "cis", c->cis);
		struct vg_finding f = {
			.source = "scan.config",
			.ref = c->id,
			.status = res_status(res[i].r),
			.severity = c->severity,
			.subject = subject,
			.title = c->title,
			.detail = res[i].detail,
			.remediation = res[i].r == CFG_FAIL ?
			    c->remediation : NULL,
		};

		data = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		f.data = data;
		if (vg_run_add(s, run, &f, err) == -1) {
			free(data);
			goto fail;
		}
		free(data);
	}
	{
		size_t over;
		int sure = config_certainty(res, n, &over);

		st = json_pack("{s:o, s:i, s:i, s:i}", "index", index >= 0 ?
		    json_integer(index) : json_null(), "checks", (int)n,
		    "over", (int)over, "certainty", sure);
	}
	stats = json_dumps(st, JSON_COMPACT);
	json_decref(st);
	if (vg_run_end(s, run, "done", stats, err) == -1 ||
	    vg_store_commit(s, err) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	vg_store_rollback(s);
out:
	free(stats);
	vg_store_close(s);
	return rc;
}

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

int
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
	struct result *res = NULL;
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
		print_list(&cs, platform);
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
		accounts = accounts_report(&ctx, &arts, &narts);
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
		print_json(res, n, index, platform, subject, arts,
		    ctx.target == CFG_WINDOWS_DIR ? narts : 0, accounts);
	else
		print_text(what, arts, narts, res, n, index, verbose);
	if (store_results(subject, res, n, index, err) == -1) {
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
