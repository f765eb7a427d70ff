/*
 * cmd-files.c — `vigie scan files` and `vigie scan processes`: options, the
 * text and JSON Lines output, the summary in plain words, and the run
 * recorded in the store. The scanning itself is files-engine.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/scan.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "yara.h"

enum {
	OPT_RULES = 0x2000, OPT_IOCS, OPT_NO_IOCS, OPT_EXCLUDE, OPT_MAX_SIZE,
	OPT_TIMEOUT, OPT_FOLLOW, OPT_CROSS_FS, OPT_FAST, OPT_STRINGS,
	OPT_NO_CACHE, OPT_NO_ROUTING, OPT_CPU_LIMIT, OPT_PID, OPT_SHARED,
	OPT_COMPILED,
};

/* Where to look when no path is given (those that exist). */
static const char *const files_default_paths[] = {
	"/home", "/root", "/tmp", "/var/tmp", "/var/www", "/srv", "/opt",
	"/usr/local", "/etc", "/dev/shm",
};

/* Words for the summary's reasons (keys of vg_scan_summary()). */
static const char *const files_reasons[][2] = {
	{ "symlink", N_("symbolic links") },
	{ "special", N_("special files") },
	{ "excluded", N_("excluded") },
	{ "other_fs", N_("other file systems") },
	{ "pseudo_fs", N_("system pseudo-files") },
	{ "loop", N_("loops") },
	{ "too_deep", N_("too deep") },
	{ "own_rules", N_("vigie's own rules") },
	{ "too_big", N_("too big") },
	{ "dangling", N_("links to nothing") },
	{ "missing", N_("not found") },
	{ "unreadable", N_("unreadable") },
	{ "vanished", N_("vanished during the scan") },
	{ "timeout", N_("too slow, timed out") },
	{ "yara", N_("YARA errors") },
	{ "attach", N_("process memory not readable") },
	{ "shrunk", N_("cut short while being read") },
};

static const char *
files_reason(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(files_reasons) / sizeof(*files_reasons); i++)
		if (strcmp(files_reasons[i][0], key) == 0)
			return _(files_reasons[i][1]);
	return key;
}

struct files_out {
	int	json;
	int	shown;
	int	werr;		/* errno of a failed write of the output */
};

/* The path of M for display: from its bytes when it is not UTF-8. */
static char *
files_match_path(json_t *m)
{
	const char *hex = json_string_value(json_object_get(m, "path_bytes"));
	const char *path = json_string_value(json_object_get(m, "path"));
	char *raw, *txt;
	size_t n, i;
	unsigned v;

	if (hex == NULL)
		return vg_scan_name_text(path ? path : "");
	n = strlen(hex) / 2;
	raw = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			v = '?';
		raw[i] = v != 0 ? (char)v : '?';
	}
	raw[n] = '\0';
	txt = vg_scan_name_text(raw);
	free(raw);
	return txt;
}

static int
files_print_match(json_t *m, void *arg)
{
	struct files_out *o = arg;
	const char *sev, *rule, *desc, *type, *reason;
	char *cpath, *cdesc, *crule;
	enum vg_severity s;
	json_t *pid;

	if (o->json) {
		errno = 0;
		if (vg_json_emit(json_incref(m)) == -1) {
			o->werr = errno ? errno : EIO;
			return -1;
		}
		return 0;
	}
	type = json_string_value(json_object_get(m, "type"));
	if (type != NULL && strcmp(type, "skip") == 0) {
		/* Not examined: said where it was, on stderr. */
		cpath = files_match_path(m);
		reason = json_string_value(json_object_get(m, "reason"));
		if (reason != NULL && strcmp(reason, "too_deep") == 0)
			vg_warn(_("%s: not examined: more than %d folders "
			    "deep"), cpath, 512);
		else
			vg_warn(_("%s: not examined: larger than --max-size"),
			    cpath);
		free(cpath);
		return 0;
	}
	sev = json_string_value(json_object_get(m, "severity"));
	rule = json_string_value(json_object_get(m, "rule"));
	desc = json_string_value(json_object_get(m, "description"));
	if (sev == NULL || vg_severity_parse(sev, &s) == -1)
		s = VG_SEV_MEDIUM;
	cpath = files_match_path(m);
	crule = vg_term_clean(rule ? rule : "");
	cdesc = desc ? vg_term_clean(desc) : NULL;
	if ((pid = json_object_get(m, "pid")) != NULL)
		printf("%-9s %s  [pid %lld] %s%s%s\n", vg_severity_label(s),
		    crule, (long long)json_integer_value(pid), cpath,
		    cdesc ? "  — " : "", cdesc ? cdesc : "");
	else
		printf("%-9s %s  %s%s%s\n", vg_severity_label(s), crule, cpath,
		    cdesc ? "  — " : "", cdesc ? cdesc : "");
	free(cpath);
	free(crule);
	free(cdesc);
	o->shown++;
	errno = 0;
	if (ferror(stdout) || fflush(stdout) == EOF) {
		o->werr = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

static void
files_size_text(uint64_t bytes, char *buf, size_t len)
{
	if (bytes >= 1000000000ull)
		snprintf(buf, len, _("%.1f GB"), bytes / 1e9);
	else if (bytes >= 1000000)
		snprintf(buf, len, _("%.1f MB"), bytes / 1e6);
	else
		snprintf(buf, len, _("%.1f kB"), bytes / 1e3);
}

/* "N (reason: n, reason: n)" for the reasons of KEY in the summary. */
static void
files_reasons_text(json_t *sum, const char *key)
{
	json_t *reasons, *v;
	const char *k;
	int first = 1;

	reasons = json_object_get(sum, key);
	json_object_foreach(reasons, k, v) {
		printf("%s%s: %lld", first ? "" : ", ", files_reason(k),
		    (long long)json_integer_value(v));
		first = 0;
	}
}

/* The summary a non-specialist can read, on stdout. */
static void
files_summary_text(struct vg_scan *s, int procs)
{
	struct vg_scan_counts c;
	json_t *sum;
	char size[32];
	unsigned long long n;

	vg_scan_get_counts(s, &c);
	sum = vg_scan_summary(s);
	printf("\n");
	if (procs) {
		n = c.processes;
		printf(vg_ngettext("Scan finished in %.0f s: %llu process "
		    "examined.\n", "Scan finished in %.0f s: %llu processes "
		    "examined.\n", n), c.seconds, n);
	} else {
		files_size_text(c.bytes, size, sizeof(size));
		n = c.files;
		printf(vg_ngettext("Scan finished in %.0f s: %llu file "
		    "examined, %s read.\n", "Scan finished in %.0f s: %llu "
		    "files examined, %s read.\n", n), c.seconds, n, size);
		if (c.cached > 0)
			printf(vg_ngettext("%llu of them was unchanged since "
			    "the last scan with the same rules: its earlier "
			    "results are repeated.\n", "%llu of them were "
			    "unchanged since the last scan with the same "
			    "rules: their earlier results are repeated.\n",
			    c.cached), (unsigned long long)c.cached);
		if (c.shared > 0)
			printf(vg_ngettext("%llu was known from another of "
			    "the commune's machines (same content, same "
			    "rules).\n", "%llu were known from another of the "
			    "commune's machines (same content, same rules).\n",
			    c.shared), (unsigned long long)c.shared);
	}
	if (c.matches == 0 && c.errors == 0 && c.unexamined == 0)
		printf("%s\n", _("Nothing suspicious was found."));
	else if (c.matches == 0)
		printf("%s\n", _("Nothing suspicious was found in what could "
		    "be examined, but not everything was examined (see "
		    "below)."));
	else {
		printf(vg_ngettext("%llu suspicious item found",
		    "%llu suspicious items found", c.matches),
		    (unsigned long long)c.matches);
		if (procs)
			printf(vg_ngettext(" in %llu process (listed above).\n",
			    " in %llu processes (listed above).\n",
			    c.matched_files),
			    (unsigned long long)c.matched_files);
		else
			printf(vg_ngettext(" in %llu file (listed above).\n",
			    " in %llu files (listed above).\n",
			    c.matched_files),
			    (unsigned long long)c.matched_files);
	}
	if (c.skipped > 0) {
		printf(vg_ngettext("%llu item skipped (", "%llu items "
		    "skipped (", c.skipped), (unsigned long long)c.skipped);
		files_reasons_text(sum, "skipped_reasons");
		printf(").\n");
	}
	if (c.unexamined > 0)
		printf(vg_ngettext("%llu file was not examined at all: it is "
		    "named above.\n", "%llu files were not examined at all: "
		    "they are named above.\n", c.unexamined),
		    (unsigned long long)c.unexamined);
	if (c.errors > 0) {
		printf(vg_ngettext("%llu could not be checked (", "%llu could "
		    "not be checked (", c.errors),
		    (unsigned long long)c.errors);
		files_reasons_text(sum, "error_reasons");
		printf(vg_ngettext("): it was not checked, see the messages "
		    "above.\n", "): they were not checked, see the messages "
		    "above.\n", c.errors));
	}
	printf("\n%s\n", _("What to do:"));
	if (c.severe > 0)
		printf(vg_ngettext("  %llu match is of high or critical "
		    "severity: unplug the machine from\n  the network (keep "
		    "it switched on) and call your IT contractor or your\n"
		    "  regional CSIRT.\n", "  %llu matches are of high or "
		    "critical severity: unplug the machine from\n  the network "
		    "(keep it switched on) and call your IT contractor or "
		    "your\n  regional CSIRT.\n", c.severe),
		    (unsigned long long)c.severe);
	else if (c.matches > 0)
		printf("%s\n", _("  No match is of high or critical severity: "
		    "have your IT contractor look at\n  them soon; the machine "
		    "can stay on the network meanwhile."));
	if (c.matches > 0)
		printf("%s\n", procs ? _("  Do not stop these processes nor "
		    "delete their programs yourself: the\n  investigators "
		    "need them as they are. Matches are recorded for the\n"
		    "  commune's report.") : _("  Do not open or delete these "
		    "files: the investigators need them as\n  they are. "
		    "Matches are recorded for the commune's report."));
	else if (c.errors > 0 || c.unexamined > 0)
		printf("%s\n", _("  What was not examined may hide something: "
		    "fix the cause given above\n  (or a wider --max-size) and "
		    "scan again."));
	else
		printf("%s\n", _("  No known trace was found. This is no "
		    "guarantee: keep updates and backups\n"
		    "  going."));
	json_decref(sum);
}

/* Open the store and begin the run; failures only disable both. */
static struct vg_store *
files_store(const char *kind, const char *subject, int64_t *run)
{
	struct vg_store *st = NULL;
	char err[VG_ERRLEN];
	int64_t commune = 0;

	*run = 0;
	if (vg_store_open(NULL, &st, err) == -1) {
		vg_warn(_("results will not be recorded: %s"), err);
		return NULL;
	}
	if (vg_commune_current(st, 0, &commune, err) == -1)
		commune = 0;
	if (vg_run_begin(st, commune, kind, subject, run, err) == -1) {
		vg_warn(_("results will not be recorded: %s"), err);
		*run = 0;
	}
	return st;
}

static int
files_parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int
files_main(const struct vg_cmd *self, int argc, char **argv, int procs)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "iocs", required_argument, NULL, OPT_IOCS },
		{ "no-iocs", no_argument, NULL, OPT_NO_IOCS },
		{ "threads", required_argument, NULL, 'j' },
		{ "exclude", required_argument, NULL, OPT_EXCLUDE },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
		{ "cross-fs", no_argument, NULL, OPT_CROSS_FS },
		{ "fast", no_argument, NULL, OPT_FAST },
		{ "strings", no_argument, NULL, OPT_STRINGS },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "no-routing", no_argument, NULL, OPT_NO_ROUTING },
		{ "cpu-limit", required_argument, NULL, OPT_CPU_LIMIT },
		{ "define", required_argument, NULL, 'd' },
		{ "pid", required_argument, NULL, OPT_PID },
		{ "shared-verdicts", no_argument, NULL, OPT_SHARED },
		{ "compiled-rules", no_argument, NULL, OPT_COMPILED },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct vg_scan_opts o;
	struct vg_scan *s = NULL;
	struct vg_store *st = NULL;
	struct vg_scan_counts c;
	struct files_out out = { 0, 0, 0 };
	const char **paths = NULL, **excludes = NULL, **defines = NULL;
	pid_t *pids = NULL;
	int npaths = 0, nexcl = 0, ndef = 0, npids = 0, v, ch, rc, i;
	char err[VG_ERRLEN], host[256], *stats;
	const char *status;
	int werr;
	int64_t run = 0;
	struct stat sb;
	json_t *sum;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, VG_COMMON_SHORTOPTS "j:d:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_RULES:
			o.rules = optarg;
			break;
		case OPT_IOCS:
			o.iocs = optarg;
			break;
		case OPT_NO_IOCS:
			o.iocs = "";
			break;
		case 'j':
			if (files_parse_int(optarg, 1, 64, &o.threads) == -1)
				return vg_usage_error(self, _("--threads wants "
				    "a number from 1 to 64, not '%s'"), optarg);
			break;
		case OPT_EXCLUDE:
			excludes = xreallocarray(excludes, nexcl + 1,
			    sizeof(*excludes));
			excludes[nexcl++] = optarg;
			break;
		case OPT_MAX_SIZE:
			if (vg_parse_size(optarg, &o.max_size) == -1)
				return vg_usage_error(self, _("--max-size wants "
				    "a size such as 50M or 2G, not '%s'"),
				    optarg);
			break;
		case OPT_TIMEOUT:
			if (files_parse_int(optarg, 1, 86400, &o.timeout)
			    == -1)
				return vg_usage_error(self, _("--timeout wants "
				    "seconds from 1 to 86400, not '%s'"),
				    optarg);
			break;
		case OPT_FOLLOW:
			o.follow_symlinks = 1;
			break;
		case OPT_CROSS_FS:
			o.cross_fs = 1;
			break;
		case OPT_FAST:
			o.fast = 1;
			break;
		case OPT_STRINGS:
			o.strings = 1;
			break;
		case OPT_NO_CACHE:
			o.no_cache = 1;
			break;
		case OPT_NO_ROUTING:
			o.no_routing = 1;
			break;
		case OPT_SHARED:
			o.shared = !procs;
			break;
		case OPT_COMPILED:
			yara_allow_compiled(1);
			break;
		case OPT_CPU_LIMIT:
			if (files_parse_int(optarg, 5, 100, &o.cpu_limit)
			    == -1)
				return vg_usage_error(self, _("--cpu-limit "
				    "wants a percentage from 5 to 100, not "
				    "'%s'"), optarg);
			break;
		case 'd':
			if (strchr(optarg, '=') == NULL || *optarg == '=')
				return vg_usage_error(self, _("--define wants "
				    "NAME=VALUE, not '%s'"), optarg);
			defines = xreallocarray(defines, ndef + 1,
			    sizeof(*defines));
			defines[ndef++] = optarg;
			break;
		case OPT_PID:
			if (!procs || files_parse_int(optarg, 1, INT_MAX, &v)
			    == -1)
				return vg_usage_error(self, _("--pid wants a "
				    "process number, not '%s'"), optarg);
			pids = xreallocarray(pids, npids + 1, sizeof(*pids));
			pids[npids++] = (pid_t)v;
			break;
		default:
			if ((rc = vg_opt_common(self, ch, argv)) !=
			    VG_OPT_CONTINUE)
				goto out_early;
		}
	}
	if (procs && optind < argc) {
		rc = vg_usage_error(self, _("unexpected argument '%s' (use "
		    "--pid N)"), argv[optind]);
		goto out_early;
	}
	o.excludes = excludes;
	o.nexcludes = nexcl;
	o.defines = defines;
	o.ndefines = ndef;
	o.progress = !vg_g.quiet && !vg_g.json;
	o.report_skips = 1;
	out.json = vg_g.json;
	if (!procs) {
		if (optind < argc) {
			paths = xcalloc(argc - optind, sizeof(*paths));
			for (i = optind; i < argc; i++)
				paths[npaths++] = argv[i];
		} else {
			paths = xcalloc(sizeof(files_default_paths) /
			    sizeof(*files_default_paths), sizeof(*paths));
			for (i = 0; i < (int)(sizeof(files_default_paths) /
			    sizeof(*files_default_paths)); i++)
				if (stat(files_default_paths[i], &sb) == 0)
					paths[npaths++] =
					    files_default_paths[i];
		}
	}

	rc = VG_EXIT_ERROR;
	if (vg_scan_new(&o, vg_g.quiet, &s, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (gethostname(host, sizeof(host) - 1) == -1)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	st = files_store(procs ? VG_RUN_SCAN_PROCESSES : VG_RUN_SCAN_FILES,
	    host, &run);
	vg_scan_set_store(s, st, run);
	/* A reader that goes (| head) is a write error, not a signal that
	 * leaves the run "running". */
	signal(SIGPIPE, SIG_IGN);
	if ((procs ? vg_scan_procs(s, pids, npids, files_print_match, &out,
	    err) : vg_scan_files(s, paths, npaths, files_print_match, &out,
	    err)) == -1) {
		if (out.werr != 0) {
			vg_warn(_("the results could not be written: %s"),
			    vg_scan_strerror(out.werr));
			status = "interrupted";
		} else {
			vg_warn("%s", err);
			status = "error";
		}
		if (st != NULL && run != 0) {
			sum = vg_scan_summary(s);
			stats = json_dumps(sum, JSON_COMPACT);
			json_decref(sum);
			if (vg_run_end(st, run, status, stats, err) == -1)
				vg_warn("%s", err);
			free(stats);
		}
		goto out;
	}
	vg_scan_get_counts(s, &c);
	sum = vg_scan_summary(s);
	stats = json_dumps(sum, JSON_COMPACT);
	errno = 0;
	if (vg_g.json)
		werr = vg_json_emit(sum) == -1;
	else {
		json_decref(sum);
		if (!vg_g.quiet || c.matches > 0)
			files_summary_text(s, procs);
		werr = ferror(stdout) || fflush(stdout) == EOF;
	}
	if (werr) {
		out.werr = errno ? errno : EIO;
		vg_warn(_("the results could not be written: %s"),
		    vg_scan_strerror(out.werr));
	}
	if (st != NULL && run != 0 &&
	    vg_run_end(st, run, werr ? "interrupted" : "done", stats,
	    err) == -1)
		vg_warn("%s", err);
	free(stats);
	/* Matches: 1. Else anything not examined that the user did not
	 * choose to leave out (errors, too deep): 2. Files left out by
	 * --max-size are named but chosen. */
	rc = werr ? VG_EXIT_ERROR : c.matches > 0 ? VG_EXIT_FOUND :
	    c.errors > 0 || c.incomplete > 0 ? VG_EXIT_ERROR : VG_EXIT_OK;
out:
	vg_scan_free(s);
	if (st != NULL)
		vg_store_close(st);
out_early:
	free(paths);
	free(excludes);
	free(defines);
	free(pids);
	return rc;
}

static int
cmd_scan_files(const struct vg_cmd *self, int argc, char **argv)
{
	return files_main(self, argc, argv, 0);
}

const struct vg_cmd cmd_scan_files_entry = {
	.name = "scan files",
	.usage = N_("[OPTION]... [PATH]..."),
	.summary = N_("look for malware traces in files (YARA rules and IOC "
	    "lists)"),
	.help = N_("Scans the files under each PATH (default: /home, /root, "
	    "/tmp,\n"
	    "/var/tmp, /var/www, /srv, /opt, /usr/local, /etc, /dev/shm) with "
	    "vigie's\n"
	    "YARA rules (ransomware notes, webshells, macro documents, "
	    "droppers,\n"
	    "encoded PowerShell, credential stealers, EICAR) and IOC lists "
	    "(file\n"
	    "hashes, file names). Prints one line per match, then a summary; "
	    "matches\n"
	    "are recorded in the store for the commune's report. Files "
	    "unchanged since\n"
	    "the last scan with the same rules are not read again.\n"
	    "\n"
	    "  --rules FILE|DIR     YARA rules (.yar/.yara, a folder of them, "
	    "or a\n"
	    "                       compiled file from yarac) instead of the "
	    "shipped ones\n"
	    "  --compiled-rules     accept a compiled --rules FILE (yara -C): "
	    "it is trusted\n"
	    "                       code, libyara does not check it\n"
	    "  --iocs FILE|DIR      IOC lists (.hashes, .names) instead of "
	    "the shipped ones\n"
	    "  --no-iocs            no IOC list\n"
	    "  -j, --threads N      worker threads (default: number of "
	    "cores)\n"
	    "  --exclude GLOB       skip files or folders matching GLOB (a "
	    "name such as\n"
	    "                       '*.iso', or a path if GLOB has a '/'); "
	    "repeatable\n"
	    "  --max-size SIZE      skip files larger than SIZE (50M, 2G)\n"
	    "  --timeout SECONDS    give up on one file after SECONDS "
	    "(default 60)\n"
	    "  --follow-symlinks    follow symbolic links (loops are "
	    "detected)\n"
	    "  --cross-fs           enter other file systems (never /proc, "
	    "/sys)\n"
	    "  --fast               stop at the first match of each string "
	    "(yara -f)\n"
	    "  --strings            report matched string names and "
	    "offsets\n"
	    "  --no-cache           scan every file again, ignoring earlier "
	    "results\n"
	    "  --no-routing         run the rules using the pe module on "
	    "every file\n"
	    "                       (same results, slower; see "
	    "docs/scan-routing.md)\n"
	    "  --cpu-limit PERCENT  keep vigie under PERCENT of the "
	    "machine's CPU and\n"
	    "                       lower its priority (for a PC in use)\n"
	    "  --shared-verdicts    reuse and record verdicts by content "
	    "(SHA-256) shared\n"
	    "                       between the commune's machines through "
	    "its bundle\n"
	    "  -d, --define NAME=VALUE  give the external variable NAME one "
	    "value for\n"
	    "                       every file, like yara -d\n"
	    "  --json               JSON Lines: one object per match, then a "
	    "summary\n"
	    "\n"
	    "Exit status: 1 if something matched; else 2 if files could not "
	    "be read or\n"
	    "were too deep to be examined (they are named); else 0.\n"),
	.exec = cmd_scan_files,
};

static int
cmd_scan_processes(const struct vg_cmd *self, int argc, char **argv)
{
	return files_main(self, argc, argv, 1);
}

const struct vg_cmd cmd_scan_processes_entry = {
	.name = "scan processes",
	.usage = N_("[OPTION]... [--pid N]..."),
	.summary = N_("look for malware traces in the memory of running "
	    "processes"),
	.help = N_("Scans the memory of every running process (or only those "
	    "given with\n"
	    "--pid) with vigie's YARA rules, reporting the process number, "
	    "program\n"
	    "and command line of each match. Reading another user's process "
	    "needs root.\n"
	    "\n"
	    "  --pid N              only this process; repeatable\n"
	    "  --rules FILE|DIR     YARA rules instead of the shipped ones\n"
	    "  -j, --threads N      worker threads (default: number of "
	    "cores)\n"
	    "  --timeout SECONDS    give up on one process after SECONDS "
	    "(default 60)\n"
	    "  --fast, --strings, --cpu-limit PERCENT, -d NAME=VALUE: as "
	    "for scan files\n"
	    "  --json               JSON Lines: one object per match, then a "
	    "summary\n"),
	.exec = cmd_scan_processes,
};
