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
	     "  --quick              the quick version (about 15 questions, "
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
	{ "report", N_("[--assessment ID | --dossier | --overview] "
	     "--format html|odt|md|json -o FILE"),
	  N_("write a report: an assessment, the commune dossier, or an "
	     "overview of all communes"),
	  N_("Writes the report of the latest assessment (or --assessment ID): "
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
	     "(to edit and sign), md or json (default: from the file name)\n"
	     "  -o, --output FILE    the file, created readable by you only "
	     "(md and json: standard output when absent)\n"
	     "\n"
	     "Examples: vigie report --format odt -o rapport.odt\n"
	     "          vigie report --dossier -o dossier.html\n"),
	  cmd_report },
	{ "scan mail", N_("[OPTION]... [DOMAIN]..."),
	  N_("check a domain's mail settings (SPF, DMARC, DKIM, TLS...)"),
	  N_("Checks how each DOMAIN receives and protects its mail, as "
	     "internet.nl or MXToolbox would, and says in plain words what "
	     "to fix: MX servers, SPF, DMARC, DKIM keys, MTA-STS, TLS "
	     "reports, encryption (STARTTLS, TLS version, certificate) on "
	     "every MX, DNSSEC and DANE, and whether the official address is "
	     "a consumer mailbox. Without DOMAIN, the commune profile's "
	     "domain is checked. Results are kept in the store for the "
	     "commune report.\n"
	     "\n"
	     "      --domains-file FILE  check the domains listed in FILE (one "
	     "a line, # comments)\n"
	     "      --dkim-selector S    also look for the DKIM key of "
	     "selector S (repeatable)\n"
	     "      --address EMAIL      the commune's official address "
	     "(default: the profile's)\n"
	     "      --client-profile DIR check a Thunderbird profile folder "
	     "(prefs.js) and autoconfig XML files in DIR\n"
	     "      --resolver IP[:PORT] send every DNS query to this "
	     "server (default: resolve from the root)\n"
	     "      --trust-anchor FILE  DNSSEC trust anchors (DS or DNSKEY "
	     "records; default: the root key)\n"
	     "      --smtp-port N        port of the MX servers (default 25)"
	     "\n"
	     "      --https-port N       port of the MTA-STS web server "
	     "(default 443)\n"
	     "      --ca-file FILE       trust these CA certificates instead "
	     "of the system's\n"
	     "      --timeout SECONDS    per host and per query (default 10)"
	     "\n"
	     "      --jobs N             domains checked at once (default 16)"
	     "\n"
	     "      --sender-ip IP       would mail from IP pass SPF? (RFC "
	     "7208 check_host(), check mail.spf.sender)\n"
	     "      --helo NAME          the HELO name of that server\n"
	     "      --sender ADDR        its MAIL FROM (default "
	     "postmaster@DOMAIN); with --sender-ip and no DOMAIN, only that "
	     "check, for ADDR's domain\n"
	     "\n"
	     "Exit status: 0 nothing failed, 1 at least one check failed, 2 "
	     "a check could not be completed (status error) or a usage "
	     "error.\n"
	     "\n"
	     "Example: vigie scan mail mairie-exemple.fr --dkim-selector "
	     "mail\n"),
	  cmd_scan_mail },
	{ "scan config",
	  N_("[OPTION]..."),
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
	     "collect.bat or\n"
	     "                      collect.ps1 (run as administrator; in "
	     "rules/collect/,\n"
	     "                      installed in PREFIX/share/vigie/collect/)"
	     "\n"
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
	{ "scan files", N_("[OPTION]... [PATH]..."),
	  N_("look for malware traces in files (YARA rules and IOC lists)"),
	  N_("Scans the files under each PATH (default: /home, /root, /tmp,\n"
	     "/var/tmp, /var/www, /srv, /opt, /usr/local, /etc, /dev/shm) with "
	     "vigie's\n"
	     "YARA rules (ransomware notes, webshells, macro documents, "
	     "droppers,\n"
	     "encoded PowerShell, credential stealers, EICAR) and IOC lists "
	     "(file\n"
	     "hashes, file names). Prints one line per match, then a summary; "
	     "matches\n"
	     "are recorded in the store for the commune's report. Files "
	     "unchanged since\n"
	     "the last scan with the same rules are not read again.\n"
	     "\n"
	     "  --rules FILE|DIR     YARA rules (.yar/.yara, a folder of them, "
	     "or a\n"
	     "                       compiled file from yarac) instead of the "
	     "shipped ones\n"
	     "  --compiled-rules     accept a compiled --rules FILE (yara -C): "
	     "it is trusted\n"
	     "                       code, libyara does not check it\n"
	     "  --iocs FILE|DIR      IOC lists (.hashes, .names) instead of "
	     "the shipped ones\n"
	     "  --no-iocs            no IOC list\n"
	     "  -j, --threads N      worker threads (default: number of "
	     "cores)\n"
	     "  --exclude GLOB       skip files or folders matching GLOB (a "
	     "name such as\n"
	     "                       '*.iso', or a path if GLOB has a '/'); "
	     "repeatable\n"
	     "  --max-size SIZE      skip files larger than SIZE (50M, 2G)\n"
	     "  --timeout SECONDS    give up on one file after SECONDS "
	     "(default 60)\n"
	     "  --follow-symlinks    follow symbolic links (loops are "
	     "detected)\n"
	     "  --cross-fs           enter other file systems (never /proc, "
	     "/sys)\n"
	     "  --fast               stop at the first match of each string "
	     "(yara -f)\n"
	     "  --strings            report matched string names and "
	     "offsets\n"
	     "  --no-cache           scan every file again, ignoring earlier "
	     "results\n"
	     "  --no-routing         run the rules using the pe module on "
	     "every file\n"
	     "                       (same results, slower; see "
	     "docs/scan-routing.md)\n"
	     "  --cpu-limit PERCENT  keep vigie under PERCENT of the "
	     "machine's CPU and\n"
	     "                       lower its priority (for a PC in use)\n"
	     "  --shared-verdicts    reuse and record verdicts by content "
	     "(SHA-256) shared\n"
	     "                       between the commune's machines through "
	     "its bundle\n"
	     "  -d, --define NAME=VALUE  give the external variable NAME one "
	     "value for\n"
	     "                       every file, like yara -d\n"
	     "  --json               JSON Lines: one object per match, then a "
	     "summary\n"
	     "\n"
	     "Exit status: 1 if something matched; else 2 if files could not "
	     "be read or\n"
	     "were too deep to be examined (they are named); else 0.\n"),
	  cmd_scan_files },
	{ "scan processes", N_("[OPTION]... [--pid N]..."),
	  N_("look for malware traces in the memory of running processes"),
	  N_("Scans the memory of every running process (or only those "
	     "given with\n"
	     "--pid) with vigie's YARA rules, reporting the process number, "
	     "program\n"
	     "and command line of each match. Reading another user's process "
	     "needs root.\n"
	     "\n"
	     "  --pid N              only this process; repeatable\n"
	     "  --rules FILE|DIR     YARA rules instead of the shipped ones\n"
	     "  -j, --threads N      worker threads (default: number of "
	     "cores)\n"
	     "  --timeout SECONDS    give up on one process after SECONDS "
	     "(default 60)\n"
	     "  --fast, --strings, --cpu-limit PERCENT, -d NAME=VALUE: as "
	     "for scan files\n"
	     "  --json               JSON Lines: one object per match, then a "
	     "summary\n"),
	  cmd_scan_processes },
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
	{ "respond capture", N_("--out DIR [OPTION]..."),
	  N_("capture volatile evidence from this machine, sealed"),
	  N_("Collects, in order of volatility, what police and gendarmerie "
	     "need before the machine is switched off: clock, processes "
	     "(with the SHA-256 of each executable, copied when deleted), "
	     "network connections and their processes, sessions, system "
	     "state, recent files, logs. Everything is read directly from "
	     "/proc, /sys and the files (no other program is run), written "
	     "only under DIR, hashed while written and sealed: SHA256SUMS "
	     "(checkable with sha256sum -c), manifest.json signed with "
	     "Ed25519, and the custody log custody.db. Each step has a time "
	     "limit; a step that fails is recorded and the capture goes on.\n"
	     "\n"
	     "  -o, --out DIR          new or empty folder, on a USB key "
	     "(required)\n"
	     "  --case ID              case or complaint number\n"
	     "  --examiner NAME        who runs the capture\n"
	     "  --note TEXT            free note kept in the manifest\n"
	     "  --clock-ref TIME       the real time when you started, read "
	     "on a phone (UTC, \"2026-11-25 17:13:18\"): the clock offset "
	     "is recorded\n"
	     "  --profile quick|full   quick (default): the essentials in "
	     "under a minute; full: also environments, all of /var/log, "
	     "files changed anywhere in /usr and /var\n"
	     "  --recent-days N        window for recently changed files "
	     "(default 7)\n"
	     "  --hash-max SIZE        larger files are listed, not hashed "
	     "(default 64M quick, 1G full)\n"
	     "  --copy-max SIZE        copies of logs and deleted "
	     "executables are cut at SIZE (default 512M)\n"
	     "  --collect PATH         also copy PATH whole (a file or a "
	     "folder; may be repeated)\n"
	     "  --yara                 last, scan process memory and the "
	     "recent and temporary files with the shipped YARA rules and IOC "
	     "lists (always in the full profile)\n"
	     "  --steps LIST           only these steps, e.g. "
	     "clock,processes,network,sessions\n"
	     "  --time-limit SECONDS   time limit of every step (default: "
	     "each step its own, 10 s to 1 h)\n"
	     "  --key PATH             Ed25519 signing key (PEM), created "
	     "there if missing; default: vigie-signing.key beside DIR\n"
	     "  --archive[=FILE]       also pack DIR into FILE (default "
	     "DIR.tar.gz) and record its SHA-256 in the custody log\n"
	     "  --allow-same-disk REASON  accept a DIR on a disk being "
	     "examined (refused otherwise); the reason is recorded\n"
	     "\n"
	     "Exit status: 0 complete, 1 sealed but some steps failed, 2 "
	     "nothing captured. See docs/commands/respond-capture.md.\n"),
	  cmd_respond_capture },
	{ "respond verify", N_("[--head CODE] [--fingerprint CODE] DIR"),
	  N_("check that a capture is as it was sealed"),
	  N_("Checks the signature of DIR/manifest.json, every file against "
	     "the manifest and SHA256SUMS, files added since, and the chain "
	     "of the custody log. Exit 0 when intact; 1 with the list of "
	     "what changed (missing, altered or extra file, manifest, "
	     "signature, custody entry).\n"
	     "\n"
	     "  --head CODE          the custody code written on the paper "
	     "form (at least 16 characters): the log must still hold it\n"
	     "  --fingerprint CODE   the signing key expected (at least 16 "
	     "characters of its fingerprint)\n"),
	  cmd_respond_verify },
	{ "respond custody", N_("DIR [--add TEXT [--actor NAME]]"),
	  N_("show or extend the custody log of a capture"),
	  N_("Without --add, lists the entries of DIR/custody.db and checks "
	     "their chain. With --add, appends an entry (who received the "
	     "evidence, when, how it was stored) and prints the code to "
	     "write on the paper custody form.\n"
	     "\n"
	     "  --add TEXT     the entry, e.g. \"handed to the gendarmerie of "
	     "..., officer ...\"\n"
	     "  --actor NAME   who writes it (default: the login name)\n"
	     "\n"
	     "Exit status: 0 chain intact, 1 chain broken, 2 error.\n"),
	  cmd_respond_custody },
	{ "respond incident", N_("[open|log|done|undo|set|close|show|list] ..."),
	  N_("incident mode: what to do now, whom to call, the timeline"),
	  N_("Run on a terminal without a subcommand, opens the incident "
	     "screens: the first actions, then the checklist step by step "
	     "with the time left before each deadline, and the timeline. "
	     "Otherwise give a subcommand:\n"
	     "  open    record an incident (when it was discovered: T0)\n"
	     "  log     add a dated entry to its timeline\n"
	     "  done    tick a step of the checklist\n"
	     "  undo    untick a step ticked by mistake\n"
	     "  set     change what is known (personal data, ransom...)\n"
	     "  close   close the incident\n"
	     "  show    the incident and its timeline\n"
	     "  list    every incident of the commune\n"
	     "'vigie respond incident SUBCOMMAND --help' gives the details.\n"),
	  cmd_respond_incident },
	{ "respond incident open", N_("[--t0 TIME] [--personal-data yes|no|unknown] [--ransomware] [OPTION]..."),
	  N_("record an incident and start its deadlines"),
	  N_("Records that the commune is under attack. Every deadline of "
	     "the checklist counts from T0, the moment the attack was "
	     "discovered. Only one incident can be open at a time.\n"
	     "\n"
	     "  --t0 TIME          when it was discovered, Paris time: "
	     "\"2026-11-25 08:10\",\n"
	     "                     \"25/11/2026 08:10\", \"08:10\" (today) "
	     "or \"now\" (default);\n"
	     "                     add +01:00, +02:00 or Z to give another "
	     "offset\n"
	     "  --personal-data yes|no|unknown  data about people may be "
	     "affected\n"
	     "                     (CNIL steps; default unknown: they are "
	     "shown)\n"
	     "  --high-risk yes|no|unknown      the people concerned face a "
	     "high risk\n"
	     "  --ransomware[=yes|no|unknown]   a ransom is demanded\n"
	     "  --insured yes|no|unknown        the commune has cyber "
	     "insurance\n"
	     "                     (default: yes if the profile names an "
	     "insurer)\n"
	     "  --nis2[=yes|no]    the commune is registered under NIS2 "
	     "(default no;\n"
	     "                     communes under 30,000 inhabitants are "
	     "outside it)\n"
	     "  --what TEXT        what happened, in a few words\n"
	     "  --data TEXT        the personal data involved (civil "
	     "registry, payroll...)\n"
	     "  --people N         approximate number of people concerned\n"
	     "  --records N        approximate number of records concerned\n"
	     "  --by NAME          who records it\n"),
	  cmd_respond_incident_open },
	{ "respond incident log", N_("[--at TIME] [--by NAME] TEXT"),
	  N_("add a dated entry to the incident timeline"),
	  N_("Adds TEXT to the timeline of the open incident, dated now or "
	     "at --at TIME (same forms as --t0). Each entry is saved at once."
	     "\n\n"
	     "  --at TIME          when it happened (default now)\n"
	     "  --by NAME          who writes it\n"
	     "  --incident ID      another incident than the open one\n"),
	  cmd_respond_incident_log },
	{ "respond incident done", N_("[--at TIME] [--note TEXT] STEP"),
	  N_("tick a step of the incident checklist"),
	  N_("Marks STEP (its id, shown by 'vigie respond checklist') as "
	     "done now or at --at TIME, in the timeline of the open "
	     "incident.\n\n"
	     "  --at TIME          when it was done (default now)\n"
	     "  --note TEXT        a word on how (number called, receipt...)\n"
	     "  --by NAME          who did it\n"
	     "  --incident ID      another incident than the open one\n"),
	  cmd_respond_incident_done },
	{ "respond incident undo", N_("[--note TEXT] STEP"),
	  N_("untick a step ticked by mistake"),
	  N_("Marks STEP as not done. The timeline keeps both entries.\n\n"
	     "  --note TEXT        why\n"
	     "  --by NAME          who\n"
	     "  --incident ID      another incident than the open one\n"),
	  cmd_respond_incident_undo },
	{ "respond incident set", N_("[--personal-data yes|no|unknown] [OPTION]..."),
	  N_("change what is known about the incident"),
	  N_("Changes the facts of the open incident as they become known; "
	     "the checklist follows (for instance --personal-data no removes "
	     "the CNIL steps). Each change is written in the timeline. "
	     "Options as for 'open': --t0, --personal-data, --high-risk, "
	     "--ransomware, --insured, --nis2, --what, --data, --people, "
	     "--records, --by, and --incident ID.\n"),
	  cmd_respond_incident_set },
	{ "respond incident close", N_("[--at TIME] [--note TEXT]"),
	  N_("close the incident"),
	  N_("Closes the open incident; its timeline stays readable with "
	     "'show --incident ID'.\n\n"
	     "  --at TIME          when (default now)\n"
	     "  --note TEXT        a closing word\n"
	     "  --by NAME          who\n"
	     "  --incident ID      another incident than the open one\n"),
	  cmd_respond_incident_close },
	{ "respond incident show", N_("[--incident ID] [--json]"),
	  N_("show the incident and its timeline"),
	  N_("Shows the open incident (else the last one): T0, what is "
	     "known, and the timeline in Paris time.\n\n"
	     "  --incident ID      another incident\n"),
	  cmd_respond_incident_show },
	{ "respond incident list", N_("[--json]"),
	  N_("list the incidents of the commune"),
	  N_("One line per incident: number, T0, open or closed, what "
	     "happened.\n"),
	  cmd_respond_incident_list },
	{ "respond checklist", N_("[--incident ID] [--format text|md|html|odt|json] [-o FILE]"),
	  N_("whom to call, in which order, before which deadline"),
	  N_("Prints the incident checklist filled with the commune's "
	     "contacts (from its profile; missing ones say \"to be filled "
	     "in\") and, when an incident is open, every deadline as a date "
	     "and time in Paris time with the time left, done steps with "
	     "their time and overdue ones marked. Without an incident, "
	     "deadlines are counted from the discovery.\n\n"
	     "  --incident ID      another incident than the open one\n"
	     "  --format FORMAT    text (default), md, html, odt or json\n"
	     "  -o FILE            write to FILE (needed for odt)\n"
	     "\nExit status 1 when a step is overdue.\n"),
	  cmd_respond_checklist },
	{ "respond cnil-draft", N_("[--incident ID] [--format text|md|html|odt|json] [-o FILE]"),
	  N_("draft of the CNIL personal data breach notification"),
	  N_("Prints the answers the CNIL's online notification form asks "
	     "for, filled from the incident and the commune profile, ready "
	     "to copy: who notifies, the DPO, dates, the nature of the "
	     "breach, the people and records concerned, likely consequences, "
	     "measures taken and planned. What is still unknown is marked "
	     "\"to be filled in\". Nothing is sent.\n\n"
	     "  --incident ID      another incident than the open one\n"
	     "  --format FORMAT    text (default), md, html, odt or json\n"
	     "  -o FILE            write to FILE (needed for odt)\n"),
	  cmd_respond_cnil_draft },
	{ "respond sheet", N_("--format pdf|html|odt -o FILE"),
	  N_("one printable page of first actions, to pin up now"),
	  N_("Writes one A4 page, in large type, of what to do in the first "
	     "minutes of an attack and whom to call, with the commune's own "
	     "contacts. Print it and pin it next to the town hall's "
	     "computers before any incident.\n\n"
	     "  --format FORMAT    html (default), pdf (shrunk to fit one "
	     "page) or odt\n"
	     "  -o FILE            the file to write (- for stdout, html "
	     "only)\n"),
	  cmd_respond_sheet },
	{ NULL, NULL, NULL, NULL, NULL }
};
