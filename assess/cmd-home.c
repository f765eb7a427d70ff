/*
 * cmd-home.c — `vigie home`, also what `vigie` alone opens on a
 * terminal: the home screen of the assessment (profile and contacts,
 * progress by domain, results, action plan, export).
 */
#include <stddef.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "tui-screens.h"

enum { OPT_QUESTIONNAIRE = 0x2000 };

int
cmd_home(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "questionnaire", required_argument, NULL, OPT_QUESTIONNAIRE },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *qpath = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (c == OPT_QUESTIONNAIRE)
			qpath = optarg;
		else if ((rc = vg_opt_common(self, c, argv)) !=
		    VG_OPT_CONTINUE)
			return rc;
	}
	if (optind < argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	return tui_session_main(qpath, 0, 1);
}
