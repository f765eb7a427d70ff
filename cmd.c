/*
 * cmd.c — the command table: one entry per command with its usage, its
 * one-line summary, its --help text and its handler. `vigie --help`, each
 * `vigie COMMAND --help` and the man page (docs/vigie.1, `make man`) are
 * all printed from here.
 */
#include <stddef.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"

const struct vg_cmd vg_cmds[] = {
	{ "profile show", N_("[--json]"),
	  N_("show the commune profile and its contacts"),
	  N_("Shows every value of the commune profile: identity, official "
	     "address, and the contacts vigie respond calls during an "
	     "incident. Values not yet filled in are shown as such.\n"),
	  cmd_profile_show },
	{ "profile set", N_("KEY VALUE"),
	  N_("set one value of the commune profile"),
	  N_("Sets KEY to VALUE after checking it (an INSEE code has 5 "
	     "characters, a phone number digits...). An empty VALUE removes "
	     "it. 'vigie profile show' lists the keys. The first 'profile "
	     "set' creates the commune in the store; with --commune NAME "
	     "another commune is created or chosen.\n"
	     "\n"
	     "Example: vigie profile set mayor.phone \"02 99 00 00 00\"\n"),
	  cmd_profile_set },
	{ "export", N_("[--format bundle|ecs-jsonl] [--all] -o FILE"),
	  N_("export the commune's data for another store or a SIEM"),
	  N_("Writes the commune's data to FILE (- for stdout), created "
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
	  cmd_export },
	{ "import", N_("FILE..."),
	  N_("merge commune bundles made by 'vigie export'"),
	  N_("Checks each bundle (format, version, SHA-256 of its content, "
	     "every field) and merges it into the store in one transaction: "
	     "a bundle that fails is refused whole, with the reason. "
	     "Importing the same bundle twice changes nothing.\n"),
	  cmd_import },
	{ NULL, NULL, NULL, NULL, NULL }
};
