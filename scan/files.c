/*
 * files.c — `vigie scan files` and `vigie scan processes`: options, the
 * text and JSON Lines output, the summary in plain words, and the run
 * recorded in the store. The scanning itself is files-engine.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
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
	OPT_NO_CACHE, OPT_NO_ROUTING, OPT_CPU_LIMIT, OPT_PID, OPT_COMPILED,
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
	{ "unreadable", N_("unreadable") },
	{ "vanished", N_("vanished during the scan") },
	{ "timeout", N_("too slow, timed out") },
	{ "yara", N_("YARA errors") },
	{ "attach", N_("not readable without root") },
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
};

static int
files_print_match(json_t *m, void *arg)
{
	struct files_out *o = arg;
	const char *sev, *rule, *path, *desc;
	char *cpath, *cdesc, *crule;
	enum vg_severity s;
	json_t *pid;

	if (o->json)
		return vg_json_emit(json_incref(m));
	sev = json_string_value(json_object_get(m, "severity"));
	rule = json_string_value(json_object_get(m, "rule"));
	path = json_string_value(json_object_get(m, "path"));
	desc = json_string_value(json_object_get(m, "description"));
	if (sev == NULL || vg_severity_parse(sev, &s) == -1)
		s = VG_SEV_MEDIUM;
	cpath = vg_term_clean(path ? path : "");
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
	return fflush(stdout) == EOF ? -1 : 0;
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

/* The summary a non-specialist can read, on stdout. */
static void
files_summary_text(struct vg_scan *s, int procs)
{
	struct vg_scan_counts c;
	json_t *sum, *reasons, *v;
	const char *k;
	char size[32];
	int first;

	vg_scan_get_counts(s, &c);
	sum = vg_scan_summary(s);
	printf("\n");
	if (procs)
		printf(_("Scan finished in %.0f s: %llu processes examined.\n"),
		    c.seconds, (unsigned long long)c.processes);
	else {
		files_size_text(c.bytes, size, sizeof(size));
		printf(_("Scan finished in %.0f s: %llu files examined, %s "
		    "read.\n"), c.seconds, (unsigned long long)c.files, size);
		if (c.cached > 0)
			printf(_("%llu of them were unchanged since the last "
			    "scan with the same rules: their earlier results "
			    "are repeated.\n"), (unsigned long long)c.cached);
	}
	if (c.matches == 0)
		printf("%s\n", _("Nothing suspicious was found."));
	else
		printf(_("%llu suspicious items found in %llu files or "
		    "processes (listed above).\n"),
		    (unsigned long long)c.matches,
		    (unsigned long long)c.matched_files);
	if (c.skipped > 0) {
		printf(_("%llu items skipped ("), (unsigned long long)c.skipped);
		reasons = json_object_get(sum, "skipped_reasons");
		first = 1;
		json_object_foreach(reasons, k, v) {
			printf("%s%s: %lld", first ? "" : ", ", files_reason(k),
			    (long long)json_integer_value(v));
			first = 0;
		}
		printf(").\n");
	}
	if (c.errors > 0) {
		printf(_("%llu could not be checked ("),
		    (unsigned long long)c.errors);
		reasons = json_object_get(sum, "error_reasons");
		first = 1;
		json_object_foreach(reasons, k, v) {
			printf("%s%s: %lld", first ? "" : ", ", files_reason(k),
			    (long long)json_integer_value(v));
			first = 0;
		}
		printf(_("): they were not checked, see the messages "
		    "above.\n"));
	}
	printf("\n%s\n", _("What to do:"));
	if (c.matches > 0)
		printf("%s\n", _("  Do not open or delete these files. If a "
		    "high or critical item was found,\n"
		    "  unplug the machine from the network (keep it switched "
		    "on) and call your\n"
		    "  IT contractor or your regional CSIRT. Matches are "
		    "recorded for the\n"
		    "  commune's report."));
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
		{ "compiled-rules", no_argument, NULL, OPT_COMPILED },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct vg_scan_opts o;
	struct vg_scan *s = NULL;
	struct vg_store *st = NULL;
	struct vg_scan_counts c;
	struct files_out out = { 0, 0 };
	const char **paths = NULL, **excludes = NULL, **defines = NULL;
	pid_t *pids = NULL;
	int npaths = 0, nexcl = 0, ndef = 0, npids = 0, v, ch, rc, i;
	char err[VG_ERRLEN], host[256], *stats;
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
	st = files_store(procs ? "scan.processes" : "scan.files", host, &run);
	vg_scan_set_store(s, st, run);
	if ((procs ? vg_scan_procs(s, pids, npids, files_print_match, &out,
	    err) : vg_scan_files(s, paths, npaths, files_print_match, &out,
	    err)) == -1) {
		vg_warn("%s", err);
		if (st != NULL && run != 0)
			vg_run_end(st, run, "error", NULL, err);
		goto out;
	}
	vg_scan_get_counts(s, &c);
	sum = vg_scan_summary(s);
	if (st != NULL && run != 0) {
		stats = json_dumps(sum, JSON_COMPACT);
		if (vg_run_end(st, run, "done", stats, err) == -1)
			vg_warn("%s", err);
		free(stats);
	}
	if (vg_g.json)
		vg_json_emit(sum);
	else {
		json_decref(sum);
		if (!vg_g.quiet || c.matches > 0)
			files_summary_text(s, procs);
	}
	rc = c.matches > 0 ? VG_EXIT_FOUND : c.errors > 0 ? VG_EXIT_ERROR :
	    VG_EXIT_OK;
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

int
cmd_scan_files(const struct vg_cmd *self, int argc, char **argv)
{
	return files_main(self, argc, argv, 0);
}

int
cmd_scan_processes(const struct vg_cmd *self, int argc, char **argv)
{
	return files_main(self, argc, argv, 1);
}
