/*
 * vigie.c — main(): the locale, the global options, then the command
 * named on the command line (see cmd.c). With no command on a terminal,
 * the home screen opens.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/progress.h"
#include "vigie/store.h"
#include "vigie/tui.h"

/* The command table (cmd.c). */
extern const struct vg_cmd *const vg_cmds[];

static const char usage_hint[] = N_(
"Usage: vigie [OPTION]... COMMAND [ARG]...; see 'vigie --help'");

static void
usage(void)
{
	const struct vg_cmd *const *t, *c;
	char *line;

	vg_help_print(_("Usage: vigie [OPTION]... COMMAND [ARG]...\n"
	    "Cyber-security toolkit for small communes: assess, scan, "
	    "respond.\n\n"
	    "Commands:"));
	putchar('\n');
	for (t = vg_cmds; (c = *t) != NULL; t++) {
		if (c->summary == NULL)
			continue;
		line = xasprintf("  %-23s %s\n", c->name, _(c->summary));
		vg_help_print(line);
		free(line);
	}
	vg_help_print(_("\n'vigie COMMAND --help' explains each command.\n\n"
	    "Options:\n"
	    "  --lang fr|en      language of messages (default: from LANG...)\n"
	    "  --db PATH         the store (default: $VIGIE_DB, else\n"
	    "                    $XDG_DATA_HOME/vigie/vigie.db)\n"
	    "  --commune NAME    the commune to work on\n"
	    "  --json            machine-readable output (JSON)\n"
	    "  -q, --quiet       no progress, only errors on stderr\n"
	    "  -h, --help        this help\n"
	    "  -V, --version     the version\n\n"
	    "Exit status: 0 ran and found nothing, 1 ran and found something, "
	    "2 error."));
	putchar('\n');
}

/* Text for roff: backslashes, dashes, and dots or quotes that would
 * start a request at the beginning of a line. */
static void
roff_puts(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if ((*p == '.' || *p == '\'') && (p == s || p[-1] == '\n'))
			fputs("\\&", stdout);
		if (*p == '\\')
			fputs("\\e", stdout);
		else if (*p == '-')
			fputs("\\-", stdout);
		else
			putchar(*p);
	}
}

/* Print the COMMANDS section of the man page (roff), from the table. The
 * help text sits 14 columns in (the page's indentation and .TP's). */
#define MAN_WIDTH	(80 - 14)
static void
man_commands(void)
{
	const struct vg_cmd *const *t, *c;
	char *help;

	for (t = vg_cmds; (c = *t) != NULL; t++) {
		fputs(".TP\n.B vigie ", stdout);
		roff_puts(c->name);
		putchar(' ');
		roff_puts(c->usage);
		putchar('\n');
		roff_puts(c->summary);
		puts(".");
		if (c->help == NULL || *c->help == '\0')
			continue;
		/* Filled by hand: .nf keeps the option lists aligned, and
		 * the text fits 80 columns under the .TP indentation. */
		puts(".nf");
		help = vg_help_wrap(c->help, MAN_WIDTH);
		roff_puts(help);
		free(help);
		puts(".fi");
	}
}

/* UTF-8 for the terminal whatever locales are installed; C numbers. */
static void
locale_setup(void)
{
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_NUMERIC, "C");
}

/* "vigie respond --help": the commands that start with that word, with
 * their summaries. Returns -1 when no command starts with WORD. */
static int
group_help(const char *word)
{
	const struct vg_cmd *const *t, *c;
	size_t n = strlen(word);
	int found = 0;

	for (t = vg_cmds; (c = *t) != NULL; t++) {
		if (strncmp(c->name, word, n) != 0 || c->name[n] != ' ' ||
		    c->summary == NULL)
			continue;
		if (!found)
			printf(_("Usage: vigie %s COMMAND [OPTION]...\n\n"
			    "Commands:\n"), word);
		found = 1;
		printf("  %-23s %s\n", c->name, _(c->summary));
	}
	if (found)
		printf(_("\n'vigie COMMAND --help' explains each command.\n"));
	return found ? 0 : -1;
}

/* "vigie scan": say which commands start with that word. */
static int
unknown_command(const char *word)
{
	const struct vg_cmd *const *t, *c;
	size_t n = strlen(word);
	char subs[256] = "";

	for (t = vg_cmds; (c = *t) != NULL; t++) {
		if (strncmp(c->name, word, n) != 0 || c->name[n] != ' ')
			continue;
		if (strlen(subs) + strlen(c->name + n) + 2 >= sizeof subs)
			break;
		strcat(subs, subs[0] ? "," : "");
		strcat(subs, c->name + n);
	}
	if (subs[0] != '\0')
		vg_warn(_("'%s' needs a subcommand:%s (%s)"), word, subs,
		    _(usage_hint));
	else
		vg_warn(_("unknown command '%s' (%s)"), word, _(usage_hint));
	return VG_EXIT_ERROR;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, VG_OPT_JSON },
		{ "lang", required_argument, NULL, VG_OPT_LANG },
		{ "db", required_argument, NULL, VG_OPT_DB },
		{ "commune", required_argument, NULL, VG_OPT_COMMUNE },
		{ "help-man", no_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	const struct vg_cmd *cmd;
	const char *lang = NULL;
	char err[VG_ERRLEN];
	int c, used;

#ifdef VG_STATIC
	/* The static build never reads the examined machine's openssl.cnf:
	 * it can name providers and engines, i.e. load that machine's code
	 * (docs/static-build.md). Must come before any other OpenSSL call. */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
#endif
	locale_setup();
	vg_g.argc = argc;
	vg_g.argv = argv;
	vg_tui_colour_allow(getenv("NO_COLOR") == NULL ||
	    *getenv("NO_COLOR") == '\0');
	/* --lang first, wherever it is, so that every message (usage
	 * errors included) is in the right language. */
	for (c = 1; c < argc; c++) {
		if (strcmp(argv[c], "--") == 0)
			break;
		if (strcmp(argv[c], "--lang") == 0 && c + 1 < argc)
			lang = argv[++c];
		else if (strncmp(argv[c], "--lang=", 7) == 0)
			lang = argv[c] + 7;
	}
	if (vg_i18n_init(lang, err) == -1) {
		vg_warn("%s (%s)", err, _(usage_hint));
		return VG_EXIT_ERROR;
	}

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hVq", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return VG_EXIT_OK;
		case 'V':
			printf("vigie %s (store schema %d)\n", VG_VERSION,
			    vg_store_schema_version());
			return VG_EXIT_OK;
		case 'M':
			man_commands();
			return VG_EXIT_OK;
		case 'q':
			vg_g.quiet = 1;
			vg_progress_quiet(1);
			break;
		case VG_OPT_JSON:
			vg_g.json = 1;
			break;
		case VG_OPT_LANG:
			break;	/* done above */
		case VG_OPT_DB:
			vg_g.db = optarg;
			break;
		case VG_OPT_COMMUNE:
			vg_g.commune = optarg;
			break;
		case ':':
			vg_warn(_("option %s needs a value (%s)"),
			    argv[optind - 1], _(usage_hint));
			return VG_EXIT_ERROR;
		default:
			vg_warn(_("unknown option %s (%s)"), argv[optind - 1],
			    _(usage_hint));
			return VG_EXIT_ERROR;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0) {
		static char *home[] = { "home", NULL };

		cmd = vg_cmd_find(vg_cmds, 1, home, &used);
		if (cmd != NULL && isatty(STDIN_FILENO) &&
		    isatty(STDOUT_FILENO)) {
			optind = 0;
			return cmd->exec(cmd, 1, home);
		}
		vg_warn(_("no command given (%s)"), _(usage_hint));
		return VG_EXIT_ERROR;
	}
	if ((cmd = vg_cmd_find(vg_cmds, argc, argv, &used)) == NULL) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) && group_help(argv[0]) == 0)
			return VG_EXIT_OK;
		return unknown_command(argv[0]);
	}
	/* The handler sees its own name as argv[0]. */
	argc -= used - 1;
	argv += used - 1;
	optind = 0;
	return cmd->exec(cmd, argc, argv);
}
