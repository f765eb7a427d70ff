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
	{ "scan config",
	  N_("[--root DIR | --windows DIR | --windows-root MOUNT] [--list]"),
	  N_("check the security settings of a Linux or Windows computer"),
	  N_("Runs the configuration checks of rules/checks/ (SSH, firewall, "
	     "updates, encryption, accounts, SMB, passwords...) and prints "
	     "each one as passed, failed or not evaluated, with what was "
	     "found and what to do, then a hardening index from 0 to 100. "
	     "The results are kept in the store for the commune report.\n"
	     "\n"
	     "Where to look (one at most; default: this Linux system):\n"
	     "  --root DIR          a Linux disk mounted at DIR (offline)\n"
	     "  --windows DIR       a folder written on the PC by "
	     "rules/collect/\n"
	     "                      collect.bat or collect.ps1 (run as "
	     "administrator)\n"
	     "  --windows-root MOUNT\n"
	     "                      a Windows volume mounted from a Linux "
	     "live USB:\n"
	     "                      its registry hives and local accounts "
	     "are read\n"
	     "Other options:\n"
	     "  --list              list the checks and exit\n"
	     "  --checks DIR        read the checks from DIR instead\n"
	     "  -v, --verbose       show what was found for passed checks "
	     "too\n"
	     "  -q, --quiet         show only failed checks and errors\n"
	     "\n"
	     "With --json: one JSON object per check (id, status, severity, "
	     "title, detail, remediation), then a last {\"summary\": ...} "
	     "object. Status: pass, fail, skip (not evaluated here), "
	     "error.\n"
	     "Exit status 1 when at least one check fails.\n"),
	  cmd_scan_config },
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
