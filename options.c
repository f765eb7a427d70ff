/*
 * options.c — what the command line sets for every command: the global
 * options (vg_g: --json, --quiet, --db, --commune, the command line
 * itself), the common option parser of the commands, and the
 * commune the command line chose. Not in lib/: the library takes these
 * as parameters (the commune: vg_commune_choose()).
 */
#include <getopt.h>
#include <stdint.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/progress.h"
#include "vigie/store.h"

struct vg_global vg_g;

int
vg_commune_current(struct vg_store *s, int create, int64_t *id, char *err)
{
	return vg_commune_choose(s, vg_g.commune, create, id, err);
}

int
vg_opt_common(const struct vg_cmd *self, int c, char **argv)
{
	char err[VG_ERRLEN];

	switch (c) {
	case 'h':
		vg_cmd_help(self);
		return VG_EXIT_OK;
	case 'q':
		vg_g.quiet = 1;
		vg_progress_quiet(1);
		return VG_OPT_CONTINUE;
	case VG_OPT_JSON:
		vg_g.json = 1;
		return VG_OPT_CONTINUE;
	case VG_OPT_DB:
		vg_g.db = optarg;
		return VG_OPT_CONTINUE;
	case VG_OPT_COMMUNE:
		vg_g.commune = optarg;
		return VG_OPT_CONTINUE;
	case VG_OPT_LANG:
		if (vg_i18n_init(optarg, err) == -1)
			return vg_usage_error(self, "%s", err);
		return VG_OPT_CONTINUE;
	case ':':
		return vg_usage_error(self, _("option %s needs a value"),
		    argv[optind - 1]);
	case '?':
		if (optopt != 0 && optopt < 0x100)
			return vg_usage_error(self, _("unknown option -%c"),
			    optopt);
		return vg_usage_error(self, _("unknown option %s"),
		    argv[optind - 1]);
	}
	return vg_usage_error(self, _("unknown option %s"), argv[optind - 1]);
}
