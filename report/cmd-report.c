/*
 * cmd-report.c — `vigie report`: write the report of an assessment (the
 * latest by default) as a self-contained web page, an OpenDocument text,
 * Markdown or JSON. The options are parsed into one structure and the
 * kind of report is chosen in one place, so that other kinds (the
 * commune dossier of issue 9) are one more case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/util.h"
#include "vigie/assess.h"
#include "vigie/cmd.h"
#include "vigie/dossier.h"
#include "vigie/i18n.h"
#include "vigie/module.h"
#include "vigie/store.h"

enum { OPT_ASSESSMENT = 0x2000, OPT_FORMAT, OPT_DOSSIER, OPT_OVERVIEW,
    OPT_PRINT_FORM };

enum report_kind { RK_ASSESSMENT, RK_DOSSIER, RK_OVERVIEW };

struct report_opts {
	enum report_kind kind;
	int64_t		 assessment;	/* 0: the latest */
	const char	*format;	/* NULL: from the file name */
	const char	*output;	/* NULL: stdout for md and json */
};

static const char *
report_opts_format(const struct report_opts *o)
{
	const char *dot;

	if (o->format != NULL)
		return o->format;
	if (vg_g.json)
		return "json";
	if (o->output != NULL && (dot = strrchr(o->output, '.')) != NULL &&
	    strchr(dot, '/') == NULL) {
		if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
			return "html";
		if (strcmp(dot, ".odt") == 0)
			return "odt";
		if (strcmp(dot, ".md") == 0)
			return "md";
		if (strcmp(dot, ".pdf") == 0)
			return "pdf";
		if (strcmp(dot, ".json") == 0)
			return "json";
	}
	return NULL;
}

/* The assessment report, the commune dossier or the overview. */
static int
report_run(const struct vg_cmd *self, const struct report_opts *o)
{
	const char *format = report_opts_format(o);
	const char *path = o->output ? o->output : "-";
	struct vg_store *s = NULL;
	char err[VG_ERRLEN];
	int64_t commune, id = o->assessment;
	int rc = VG_EXIT_ERROR;

	if (format == NULL)
		return vg_usage_error(self, _("say which format with --format "
		    "html|odt|pdf|md|json (or a file name ending in .html, .odt, "
		    ".pdf, .md, .json)"));
	if (strcmp(format, "html") != 0 && strcmp(format, "odt") != 0 &&
	    strcmp(format, "md") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "pdf") != 0)
		return vg_usage_error(self, _("unknown format '%s' (html, odt, "
		    "pdf, md or json)"), format);
	if (o->output == NULL && (strcmp(format, "odt") == 0 ||
	    strcmp(format, "html") == 0 || strcmp(format, "pdf") == 0))
		return vg_usage_error(self, _("a %s report needs a file: add "
		    "-o FILE"), format);
	if (vg_store_open(vg_g.db, &s, err) == -1)
		goto fail;
	/* A report reads what the store holds (bundles, scans): as root,
	 * write nothing but the store, the report's folder and temporary
	 * files (docs/privileges.md). */
	{
		char *sdir = vg_dir_of(vg_store_path(s)), *odir =
		    strcmp(path, "-") != 0 ? vg_dir_of(path) : NULL;
		const char *rw[] = { sdir, "/tmp", "/var/tmp", odir,
		    getenv("TMPDIR") };
		char serr[VG_ERRLEN];

		if (vg_sandbox(rw, 5, serr) == -1)
			vg_warn("%s", serr);
		free(sdir);
		free(odir);
	}
	if (o->kind == RK_OVERVIEW) {
		if (overview_write(s, format, path, err) == -1)
			goto fail;
		if (strcmp(path, "-") != 0 && !vg_g.quiet && !vg_g.json)
			printf(_("Overview written to %s\n"), path);
		rc = VG_EXIT_OK;
		goto out;
	}
	if (o->kind == RK_DOSSIER) {
		if (vg_commune_current(s, 0, &commune, err) == -1 ||
		    dossier_write(s, vg_dossier_sections, commune, format,
		    path, err) == -1)
			goto fail;
		if (strcmp(path, "-") != 0 && !vg_g.quiet && !vg_g.json)
			printf(_("Dossier written to %s\n"), path);
		rc = VG_EXIT_OK;
		goto out;
	}
	if (id == 0) {
		if (vg_commune_current(s, 0, &commune, err) == -1 ||
		    record_latest(s, commune, &id, err) == -1)
			goto fail;
		if (id == 0) {
			vg_seterr(err, _("no assessment yet for this commune: "
			    "start one with 'vigie assess'"));
			goto fail;
		}
	}
	if (report_write(s, id, format, path, err) == -1)
		goto fail;
	if (o->output != NULL && strcmp(path, "-") != 0 && !vg_g.quiet &&
	    !vg_g.json)
		printf(_("Report of assessment no. %lld written to %s\n"),
		    (long long)id, path);
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	vg_store_close(s);
	return rc;
}

static int
cmd_report(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "assessment", required_argument, NULL, OPT_ASSESSMENT },
		{ "dossier", no_argument, NULL, OPT_DOSSIER },
		{ "overview", no_argument, NULL, OPT_OVERVIEW },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "print-form", no_argument, NULL, OPT_PRINT_FORM },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct report_opts o = { 0 };
	char *end;
	int c, rc;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS "o:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ASSESSMENT:
			o.assessment = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' ||
			    o.assessment <= 0)
				return vg_usage_error(self, _("--assessment "
				    "takes a number, as shown by 'vigie "
				    "assess' (got '%s')"), optarg);
			break;
		case OPT_FORMAT:
			o.format = optarg;
			break;
		case OPT_DOSSIER:
			o.kind = RK_DOSSIER;
			break;
		case OPT_OVERVIEW:
			o.kind = RK_OVERVIEW;
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_PRINT_FORM:	/* a natural guess: say where it is */
			return vg_usage_error(self, "%s", _("the blank form "
			    "is printed by 'vigie assess --print-form', not by "
			    "'vigie report'"));
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind < argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	if (o.kind != RK_ASSESSMENT && o.assessment != 0)
		return vg_usage_error(self, _("--assessment goes with the "
		    "report of one assessment, not with --dossier or "
		    "--overview"));
	return report_run(self, &o);
}

const struct vg_cmd cmd_report_entry = {
	.name = "report",
	.usage = N_("[--assessment ID | --dossier | --overview] "
	    "--format html|odt|pdf|md|json -o FILE"),
	.summary = N_("write a report: an assessment, the commune dossier, or "
	    "an overview of all communes"),
	.help = N_("Writes the report of the latest assessment (or "
	    "--assessment ID): "
	    "results by domain, the action plan, what to find out, the "
	    "change since the previous assessment, every answer, and a place "
	    "to sign. With --dossier, the commune dossier instead: one "
	    "document for the mayor that brings the questionnaire, the scans "
	    "(machines, mail domain) and incident readiness together, with "
	    "the five things to do first and what changed since the last "
	    "dossier. With --overview, a table of every commune of the store "
	    "by domain level and serious findings.\n"
	    "\n"
	    "  --assessment ID      which assessment (default: the latest)\n"
	    "  --dossier            the commune dossier (--commune NAME)\n"
	    "  --overview           every commune of the store\n"
	    "  --format FORMAT      html (a web page that prints on A4), odt "
	    "(to edit and sign), pdf (to print or send), md or json (default: from the file name)\n"
	    "  -o, --output FILE    the file, created readable by you only "
	    "(md and json: standard output when absent)\n"
	    "\n"
	    "Examples: vigie report --format odt -o rapport.odt\n"
	    "          vigie report --dossier -o dossier.html\n"),
	.exec = cmd_report,
};
