/*
 * cmd.h — the command table and the option conventions every command
 * follows (--help, --json, --quiet, --lang, --db, --commune; usage errors
 * exit 2 with a one-line hint).
 */
#ifndef VIGIE_CMD_H
#define VIGIE_CMD_H

#include <getopt.h>

struct vg_cmd;
typedef int (*vg_cmd_fn)(const struct vg_cmd *self, int argc, char **argv);

struct vg_cmd {
	const char	*name;		/* "scan files": one or two words */
	const char	*usage;		/* N_("[OPTION]... [PATH]...") */
	const char	*summary;	/* N_() one line for `vigie --help` */
	const char	*help;		/* N_() the option list for --help */
	vg_cmd_fn	 exec;		/* argv[0] is the command name */
};

/*
 * Each command file defines its entry beside its handler:
 *
 *	const struct vg_cmd cmd_scan_files_entry = {
 *		.name = "scan files", .usage = N_("..."), ...,
 *		.exec = cmd_scan_files,
 *	};
 *
 * and the program's table (cmd.c, outside the library) lists pointers
 * to them, ended by NULL.
 */

/*
 * Find in TABLE (pointers ended by NULL) the command named by argv[0]
 * (and argv[1]... for commands of several words; the longest match
 * wins). Returns the entry and sets *used to the number of words
 * consumed, or NULL if nothing matches.
 */
const struct vg_cmd *vg_cmd_find(const struct vg_cmd *const *table,
	    int argc, char **argv, int *used);

/* Print the full help of a command on stdout. */
void	vg_cmd_help(const struct vg_cmd *);

/* Width of --help text: it fits an 80-column terminal. */
#define VG_HELP_WIDTH	79
/*
 * TEXT wrapped at WIDTH display columns: lines break at spaces, and a
 * continuation keeps the line's indentation (after "  --opt ARG   " for
 * option lists). Returns a string owned by the caller (free).
 */
char	*vg_help_wrap(const char *text, int width);
/* TEXT wrapped at VG_HELP_WIDTH on stdout. */
void	 vg_help_print(const char *text);

/*
 * Common options. Put VG_COMMON_LONGOPTS at the end of a command's
 * struct option table and VG_COMMON_SHORTOPTS in its optstring, call
 * getopt_long() with opterr = 0 (vigie.c sets it), and send every case
 * the command does not handle itself to vg_opt_common():
 *
 *	default:
 *		if ((rc = vg_opt_common(self, c, argv)) != VG_OPT_CONTINUE)
 *			return rc;
 *
 * It (options.c) records --json, --quiet, --lang, --db and --commune in
 * vg_g (vigie.h), prints
 * the help for -h/--help (returns VG_EXIT_OK) and prints a one-line usage
 * hint for unknown options and missing arguments (returns VG_EXIT_ERROR).
 */
#define VG_OPT_CONTINUE	(-1)
enum {
	VG_OPT_JSON = 0x1000,
	VG_OPT_LANG,
	VG_OPT_DB,
	VG_OPT_COMMUNE,
};
#define VG_COMMON_SHORTOPTS	":hq"
#define VG_COMMON_LONGOPTS						\
	{ "help", no_argument, NULL, 'h' },				\
	{ "quiet", no_argument, NULL, 'q' },				\
	{ "json", no_argument, NULL, VG_OPT_JSON },			\
	{ "lang", required_argument, NULL, VG_OPT_LANG },		\
	{ "db", required_argument, NULL, VG_OPT_DB },			\
	{ "commune", required_argument, NULL, VG_OPT_COMMUNE }

int	vg_opt_common(const struct vg_cmd *self, int c, char **argv);

/*
 * Print "vigie NAME: MESSAGE (usage: vigie NAME USAGE; see --help)" on
 * stderr as one line and return VG_EXIT_ERROR.
 */
int	vg_usage_error(const struct vg_cmd *self, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
