/*
 * import.c — `vigie import FILE...`: merge commune bundles into the
 * store. Each bundle is checked (format, version, SHA-256, every field)
 * and merged in one transaction; importing it again changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/bundle.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define BUNDLE_MAX	(512u << 20)	/* bytes */

int
cmd_import(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct vg_store *s = NULL;
	char err[VG_ERRLEN], *buf, *name;
	json_error_t jerr;
	json_t *b;
	size_t len;
	int c, rc, i, added, failed = 0;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = vg_opt_common(self, c, argv)) != VG_OPT_CONTINUE)
			return rc;
	if (optind == argc)
		return vg_usage_error(self, _("at least one FILE is needed"));
	if (vg_store_open(NULL, &s, err) == -1) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	for (i = optind; i < argc; i++) {
		name = NULL;
		added = 0;
		if ((buf = vg_read_file(argv[i], BUNDLE_MAX, &len, err)) ==
		    NULL)
			goto refused;
		b = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
		free(buf);
		if (b == NULL) {
			vg_seterr(err, _("%s:%d: not JSON: %s"), argv[i],
			    jerr.line, jerr.text);
			goto refused;
		}
		rc = vg_bundle_import(s, b, &name, &added, err);
		json_decref(b);
		if (rc == -1) {
			char inner[VG_ERRLEN];

			snprintf(inner, sizeof inner, "%s", err);
			vg_seterr(err, "%s: %s", argv[i], inner);
			goto refused;
		}
		if (vg_g.json)
			vg_json_emit(json_pack("{s:o, s:o, s:i, s:b}", "file",
			    vg_json_str(argv[i]), "commune", vg_json_str(name),
			    "added", added, "imported", 1));
		else if (!vg_g.quiet) {
			/* The name comes from the bundle: never raw. */
			char *cf = vg_term_clean(argv[i]), *cn =
			    vg_term_clean(name);

			if (added)
				printf(vg_ngettext("%s: %s: %d record added\n",
				    "%s: %s: %d records added\n",
				    (unsigned long)added), cf, cn, added);
			else
				printf(_("%s: %s: already up to date (nothing "
				    "added)\n"), cf, cn);
			free(cf);
			free(cn);
		}
		free(name);
		continue;
refused:
		failed++;
		vg_warn(_("refused: %s"), err);
		if (vg_g.json)
			vg_json_emit(json_pack("{s:o, s:b, s:o}", "file",
			    vg_json_str(argv[i]), "imported", 0, "error",
			    vg_json_str(err)));
	}
	vg_store_close(s);
	return failed ? VG_EXIT_ERROR : VG_EXIT_OK;
}
