/*
 * cmd-verify.c — `vigie respond verify DIR`: runs verify_dir()
 * (verify.c) on a capture, prints what changed (text or JSON) and
 * records the verified capture in the analyst's store for the commune
 * dossier. Exit 0 when intact, 1 when anything changed, 2 on error.
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

#include "vigie/vigie.h"
#include "vigie/store.h"
#include "vigie/cmd.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

static int
hexprefix(const char *s)
{
	size_t	i, n = strlen(s);

	if (n < 16 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

/*
 * Record the verification in the analyst's store (not the capture's), as
 * a run VG_RUN_RESPOND_CAPTURE of the commune, so the commune dossier lists
 * the captures and whether they are intact. Quietly skipped when the
 * store has no commune: verify is also run by people who keep none.
 */
static void
verify_record(const char *dir, const struct verify_result *res)
{
	struct vg_store *s = NULL;
	struct vg_finding f = { 0 };
	char err[VG_ERRLEN], *path, *detail = NULL, *t, *stats;
	const char *host = NULL;
	json_t *m = NULL, *st;
	int64_t commune, run;
	int i;

	path = xasprintf("%s/manifest.json", dir);
	m = json_load_file(path, 0, NULL);
	free(path);
	if (m != NULL)
		host = json_string_value(json_object_get(json_object_get(m,
		    "host"), "hostname"));
	if (vg_store_open_existing(&s, err) != 0 ||
	    vg_commune_current(s, 0, &commune, err) == -1)
		goto out;
	for (i = 0; i < res->nproblems; i++) {
		t = xasprintf("%s%s%s", detail ? detail : "", detail ? "; " :
		    "", res->problems[i].text);
		free(detail);
		detail = t;
	}
	st = json_pack("{s:o, s:o, s:o, s:o, s:i, s:I, s:s}",
	    "dir", vg_json_str(dir),
	    "case", vg_json_str(m ? json_string_value(json_object_get(m,
	    "case")) : NULL),
	    "examiner", vg_json_str(m ? json_string_value(json_object_get(m,
	    "examiner")) : NULL),
	    "captured", vg_json_str(m ? json_string_value(json_object_get(m,
	    "started_utc")) : NULL),
	    "files", res->nartifacts,
	    "custody_entries", (json_int_t)res->custody_entries,
	    "key_fingerprint", res->fingerprint);
	stats = json_dumps(st, JSON_COMPACT);
	json_decref(st);
	f.source = VG_RUN_RESPOND_CAPTURE;
	f.ref = "capture.sealed";
	f.status = res->nproblems == 0 ? VG_ST_PASS : VG_ST_FAIL;
	f.severity = res->nproblems == 0 ? VG_SEV_INFO : VG_SEV_HIGH;
	f.subject = host ? host : dir;
	f.title = res->nproblems == 0 ? _("Evidence capture intact") :
	    res->unsealed ? _("Evidence capture never sealed (capture "
	    "interrupted)") :
	    _("Evidence capture changed since it was sealed");
	f.detail = detail;
	f.data = stats;
	if (vg_store_begin(s, err) == 0) {
		if (vg_run_begin(s, commune, VG_RUN_RESPOND_CAPTURE, f.subject,
		    &run, err) == 0 && vg_run_add(s, run, &f, err) == 0 &&
		    vg_run_end(s, run, "done", stats, err) == 0)
			vg_store_commit(s, err);
		else
			vg_store_rollback(s);
	}
	free(stats);
	free(detail);
out:
	json_decref(m);
	vg_store_close(s);
}

static int
cmd_respond_verify(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "fingerprint", required_argument, NULL, 'F' },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct verify_result	 res;
	const char		*head = NULL, *fpr = NULL, *dir;
	char			 err[VG_ERRLEN], size[64];
	json_t			*j, *a;
	int			 c, rc, i;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'H':
		case 'F':
			if (!hexprefix(optarg))
				return vg_usage_error(self, _("%s: \"%s\" is "
				    "not 16 to 64 hexadecimal characters"),
				    c == 'H' ? "--head" : "--fingerprint",
				    optarg);
			if (c == 'H')
				head = optarg;
			else
				fpr = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind != argc - 1)
		return vg_usage_error(self, "%s", _("one capture folder "
		    "expected"));
	dir = argv[optind];
	if (verify_dir(dir, head, fpr, &res, err) == -1) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	if (vg_g.json) {
		a = json_array();
		for (i = 0; i < res.nproblems; i++)
			json_array_append_new(a, json_pack("{s:s, s:o, s:s}",
			    "kind", verify_kind_name(res.problems[i].kind),
			    "path", vg_json_str(res.problems[i].path),
			    "text", res.problems[i].text));
		j = json_pack("{s:o, s:b, s:b, s:i, s:I, s:s, s:I, s:s, s:o}",
		    "dir", vg_json_str(dir), "intact", res.nproblems == 0,
		    "sealed", !res.unsealed,
		    "files_checked", res.nartifacts, "bytes",
		    (json_int_t)res.bytes, "key_fingerprint",
		    res.fingerprint, "custody_entries",
		    (json_int_t)res.custody_entries, "custody_head",
		    res.custody_head, "problems", a);
		vg_json_emit(j);
	} else {
		snprintf(size, sizeof(size), "%llu",
		    (unsigned long long)res.bytes);
		if (res.nproblems == 0) {
			printf(_("%s: intact.\n"), dir);
			printf(vg_ngettext("  %d file checked (%s bytes), signature "
			    "good.\n", "  %d files checked (%s bytes), signature "
			    "good.\n", res.nartifacts), res.nartifacts, size);
			printf(_("  Signing key: %s\n"), res.fingerprint);
			printf(vg_ngettext("  Custody log: %lld entry, chain intact, "
			    "last %.16s\n", "  Custody log: %lld entries, chain "
			    "intact, last %.16s\n", res.custody_entries),
			    (long long)res.custody_entries,
			    res.custody_head);
			if (fpr == NULL)
				printf(_("  Compare the signing key with the "
				    "one written on the paper form, or give "
				    "--fingerprint.\n"));
		} else if (res.unsealed) {
			printf(_("%s: never sealed (capture interrupted): no "
			    "manifest, signature or SHA256SUMS, so nothing in "
			    "it can be vouched for. Take a new capture.\n"),
			    dir);
			printf(vg_ngettext("  Custody log: %lld entry, last "
			    "%.16s\n", "  Custody log: %lld entries, last "
			    "%.16s\n", (unsigned long)res.custody_entries),
			    (long long)res.custody_entries, res.custody_head);
		} else {
			printf(vg_ngettext("%s: CHANGED since it was sealed, "
			    "%d problem:\n", "%s: CHANGED since it was "
			    "sealed, %d problems:\n",
			    (unsigned long)res.nproblems), dir,
			    res.nproblems);
			for (i = 0; i < res.nproblems; i++) {
				char *t = vg_term_clean(res.problems[i].text);
				printf("  %-9s %s\n", verify_kind_name(
				    res.problems[i].kind), t);
				free(t);
			}
		}
	}
	verify_record(dir, &res);
	rc = res.nproblems == 0 ? VG_EXIT_OK : VG_EXIT_FOUND;
	verify_result_free(&res);
	return rc;
}

const struct vg_cmd cmd_respond_verify_entry = {
	.name = "respond verify",
	.usage = N_("[--head CODE] [--fingerprint CODE] DIR"),
	.summary = N_("check that a capture is as it was sealed"),
	.help = N_("Checks the signature of DIR/manifest.json, every file "
	    "against "
	    "the manifest and SHA256SUMS, files added since, and the chain "
	    "of the custody log. Exit 0 when intact; 1 with the list of "
	    "what changed (missing, altered or extra file, manifest, "
	    "signature, custody entry).\n"
	    "\n"
	    "  --head CODE          the custody code written on the paper "
	    "form (at least 16 characters): the log must still hold it\n"
	    "  --fingerprint CODE   the signing key expected (at least 16 "
	    "characters of its fingerprint)\n"),
	.exec = cmd_respond_verify,
};
