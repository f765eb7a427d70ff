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
	{ "assess", N_("[--quick] [--questionnaire FILE] | --template [-o FILE] "
	    "| --answers FILE | --print-form [-o FILE] | --compare"),
	  N_("the questionnaire: where the town hall stands, what to do first"),
	  N_("Without options, opens the questionnaire in the terminal: one "
	     "question per screen, help on '?', every answer saved at once. "
	     "An assessment left open is resumed at its first unanswered "
	     "question; otherwise a new one starts.\n"
	     "\n"
	     "  --quick              the quick version (about 12 questions, "
	     "10 minutes)\n"
	     "  --questionnaire FILE another questionnaire file (default: "
	     "questionnaire/communes.xml)\n"
	     "  --template           print an answers file to fill in (JSON; "
	     "with --quick: the quick questions)\n"
	     "  --answers FILE       record a whole assessment from an answers "
	     "file; a file with any problem is refused and nothing is "
	     "recorded\n"
	     "  --print-form         the blank paper form, to fill in around a "
	     "table\n"
	     "  --compare            what changed since the previous "
	     "assessment\n"
	     "  -o, --output FILE    where --template or --print-form write "
	     "(default: standard output)\n"
	     "  --format FORMAT      html, odt or md for --print-form (default: "
	     "from the file name, else md)\n"
	     "\n"
	     "In an answers file each answer is a level 0-4 (see the form), "
	     "\"dk\" (I don't know), \"na\" (not concerned) or null "
	     "(unanswered).\n"
	     "\n"
	     "Examples:\n"
	     "  vigie assess --quick\n"
	     "  vigie assess --template > answers.json; vigie assess --answers "
	     "answers.json\n"
	     "  vigie assess --print-form -o form.html\n"),
	  cmd_assess },
	{ "home", N_("[--questionnaire FILE]"),
	  N_("the home screen: profile, progress, results, plan, export"),
	  N_("Opens the home screen (also what 'vigie' alone opens on a "
	     "terminal): the commune profile and its emergency contacts, the "
	     "progress of the assessment domain by domain, and the actions: "
	     "continue, results as a bar chart, action plan, export the "
	     "report, start a new quick or full assessment. Keyboard only; "
	     "readable without colour (NO_COLOR).\n"),
	  cmd_home },
	{ "report", N_("[--assessment ID] --format html|odt|md|json -o FILE"),
	  N_("write the report of an assessment"),
	  N_("Writes the report of the latest assessment (or --assessment ID): "
	     "results by domain, the action plan, what to find out, the "
	     "change since the previous assessment, every answer, and a place "
	     "to sign.\n"
	     "\n"
	     "  --assessment ID      which assessment (default: the latest)\n"
	     "  --format FORMAT      html (a web page that prints on A4), odt "
	     "(to edit and sign), md or json (default: from the file name)\n"
	     "  -o, --output FILE    the file, created readable by you only "
	     "(md and json: standard output when absent)\n"
	     "\n"
	     "Example: vigie report --format odt -o rapport.odt\n"),
	  cmd_report },
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
