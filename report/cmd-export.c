/*
 * cmd-export.c — `vigie export`: one commune's data as a bundle that `vigie
 * import` merges elsewhere, or every finding as ECS JSON Lines for a SIEM.
 * The file is written beside its name and renamed over it once complete,
 * so a killed export never leaves a half bundle in place of a good one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/bundle.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/module.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

static int
cmd_export(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'a' },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct vg_store *s = NULL;
	const char *out = NULL, *format = "bundle";
	char err[VG_ERRLEN], *text = NULL;
	int c, rc, all = 0, fd = -1;
	char *tmp = NULL;
	struct stat st;
	int64_t commune = 0;
	json_t *b = NULL;
	FILE *fp = NULL;
	long n;

	while ((c = getopt_long(argc, argv, "o:f:" VG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'a':
			all = 1;
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
	if (out == NULL)
		return vg_usage_error(self, _("-o FILE is needed (- for "
		    "stdout)"));
	if (strcmp(format, "bundle") != 0 && strcmp(format, "ecs-jsonl") != 0)
		return vg_usage_error(self, _("unknown format '%s' (bundle or "
		    "ecs-jsonl)"), format);
	if (all && strcmp(format, "bundle") == 0)
		return vg_usage_error(self, _("--all only goes with --format "
		    "ecs-jsonl: a bundle holds one commune"));

	rc = VG_EXIT_ERROR;
	if (vg_store_open(NULL, &s, err) == -1)
		goto fail;
	if (!all && vg_commune_current(s, 0, &commune, err) == -1)
		goto fail;
	if (strcmp(out, "-") == 0)
		fp = stdout;
	else {
		/* Never through a link: a symbolic one, or a hard link that
		 * other names share (the rename would leave them behind). */
		if (lstat(out, &st) == 0 && (!S_ISREG(st.st_mode) ||
		    st.st_nlink > 1)) {
			vg_seterr(err, S_ISLNK(st.st_mode) ? _("%s: a symbolic "
			    "link: refused (give the file's own name)") :
			    S_ISREG(st.st_mode) ? _("%s: the file has other "
			    "names (hard links): refused, they would keep the "
			    "old content") : _("%s: not a regular file"), out);
			goto fail;
		}
		tmp = xasprintf("%s.tmp.%ld", out, (long)getpid());
		if ((fd = vg_create_private(tmp, 1, err)) == -1)
			goto fail;
		if ((fp = fdopen(fd, "w")) == NULL) {
			close(fd);
			vg_seterr(err, "%s: cannot write", out);
			goto fail;
		}
	}

	if (strcmp(format, "bundle") == 0) {
		if ((b = vg_bundle_build(vg_bundle_parts, s, commune,
		    err)) == NULL)
			goto fail;
		text = json_dumps(b, JSON_INDENT(1) | JSON_SORT_KEYS);
		if (text != NULL && strlen(text) + 1 > VG_BUNDLE_MAX) {
			/* vigie import would refuse it: say so now. */
			vg_seterr(err, _("the bundle would be %zu MB, larger "
			    "than the %u MB vigie import reads: not written"),
			    (strlen(text) + 1) >> 20, VG_BUNDLE_MAX >> 20);
			goto fail;
		}
		if (text == NULL || fprintf(fp, "%s\n", text) < 0) {
			vg_seterr(err, "%s: cannot write", out);
			goto fail;
		}
		n = 1;
	} else if ((n = vg_ecs_export(s, commune, fp, err)) == -1)
		goto fail;
	if (fp != stdout && (fflush(fp) != 0 || fsync(fileno(fp)) == -1)) {
		vg_seterr(err, "%s: cannot write: %s", out, strerror(errno));
		goto fail;
	}
	if (fp != stdout && fclose(fp) != 0) {
		fp = NULL;
		vg_seterr(err, "%s: cannot write", out);
		goto fail;
	}
	if (fp != stdout && rename(tmp, out) == -1) {
		fp = NULL;
		vg_seterr(err, "%s: cannot write: %s", out, strerror(errno));
		goto fail;
	}
	free(tmp);
	tmp = NULL;
	if (fp == stdout)
		fflush(stdout);
	fp = NULL;
	if (!vg_g.quiet && strcmp(out, "-") != 0)
		fprintf(stderr, strcmp(format, "bundle") == 0 ?
		    _("%s: bundle written\n") : vg_ngettext("%s: %ld event "
		    "written\n", "%s: %ld events written\n", (unsigned long)n),
		    out, n);
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	if (fp != NULL && fp != stdout)
		fclose(fp);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(text);
	json_decref(b);
	vg_store_close(s);
	return rc;
}

const struct vg_cmd cmd_export_entry = {
	.name = "export",
	.usage = N_("[--format bundle|ecs-jsonl] [--all] -o FILE"),
	.summary = N_("export the commune's data for another store or a SIEM"),
	.help = N_("Writes the commune's data to FILE (- for stdout), created "
	    "0600:\n"
	    "  --format bundle     (default) one JSON bundle with the profile, "
	    "assessments, scan results and incidents, sealed with its "
	    "SHA-256; 'vigie import' merges it into another store\n"
	    "  --format ecs-jsonl  every finding as one line of JSON with "
	    "Elastic Common Schema field names, for Wazuh, OpenSearch or "
	    "Elastic (see docs/formats/ecs.md)\n"
	    "  --all               with ecs-jsonl: every commune of the "
	    "store\n"
	    "  -o, --output FILE   where to write\n"),
	.exec = cmd_export,
};
