/*
 * cmd-home.c — `vigie home`, also what `vigie` alone opens on a
 * terminal: the home screen of the assessment (profile and contacts,
 * progress by domain, results, action plan, export).
 */
#include <stddef.h>

#include "vigie/base.h"
#include "vigie/cmd.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/module.h"
#include "tui-screens.h"

enum { OPT_QUESTIONNAIRE = 0x2000 };

static int
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
	/* "Incident in progress" opens the program's first home mode
	 * (respond's incident screens); the home screen (tui-home.c) reads
	 * it from vg_home_incident_hook. */
	vg_home_incident_hook = vg_home_modes[0] != NULL ?
	    vg_home_modes[0]->run : NULL;
	return tui_session_main(qpath, 0, 1);
}

const struct vg_cmd cmd_home_entry = {
	.name = "home",
	.usage = N_("[--questionnaire FILE]"),
	.summary = N_("the home screen: profile, progress, results, plan, "
	    "export"),
	.help = N_("Opens the home screen (also what 'vigie' alone opens on a "
	    "terminal): the commune profile and its emergency contacts, the "
	    "progress of the assessment domain by domain, and the actions: "
	    "continue, results as a bar chart, action plan, export the "
	    "report, start a new quick or full assessment. Keyboard only; "
	    "readable without colour (NO_COLOR).\n"),
	.exec = cmd_home,
};
