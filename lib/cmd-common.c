/*
 * cmd-common.c — what every command shares: finding a command in the
 * table, --help, the common options and one-line usage errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/util.h"

/* Number of words in a command name ("scan files" -> 2). */
static int
cmd_words(const char *name)
{
	int n = 1;

	for (; *name != '\0'; name++)
		if (*name == ' ')
			n++;
	return n;
}

const struct vg_cmd *
vg_cmd_find(int argc, char **argv, int *used)
{
	const struct vg_cmd *c, *best = NULL;
	char joined[128];
	int words, i;

	for (c = vg_cmds; c->name != NULL; c++) {
		words = cmd_words(c->name);
		if (words > argc)
			continue;
		joined[0] = '\0';
		for (i = 0; i < words; i++) {
			if (strlen(joined) + strlen(argv[i]) + 2 >
			    sizeof joined)
				break;
			if (i > 0)
				strcat(joined, " ");
			strcat(joined, argv[i]);
		}
		if (i == words && strcmp(joined, c->name) == 0 &&
		    (best == NULL || words > cmd_words(best->name)))
			best = c;
	}
	if (best != NULL)
		*used = cmd_words(best->name);
	return best;
}

static const char common_help[] = N_(
"Common options:\n"
"  --json            machine-readable output (JSON) on stdout\n"
"  -q, --quiet       no progress, only errors on stderr\n"
"  --lang fr|en      language of messages (default: from LANG...)\n"
"  --db PATH         the store (default: $VIGIE_DB, else\n"
"                    $XDG_DATA_HOME/vigie/vigie.db)\n"
"  --commune NAME    the commune to work on when the store holds several\n"
"  -h, --help        this help\n");

/*
 * Print TEXT wrapped at 79 columns: a long line breaks at spaces and its
 * continuation keeps the line's indentation (option lists stay aligned
 * when their description starts at the second space run).
 */
static void
help_print(const char *text)
{
	const char *line = text, *end, *p, *brk;
	char *chunk;
	int indent, width;

	for (; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		/* Continuations align after "  --opt ARG   " when present. */
		indent = (int)strspn(line, " ");
		if ((p = strstr(line + indent, "  ")) != NULL && p < end &&
		    line[0] == ' ')
			indent = (int)(p - line) + (int)strspn(p, " ");
		if (indent > 40)
			indent = 8;
		width = 0;
		for (p = line; p < end; ) {
			chunk = xstrndup(p, (size_t)(end - p));
			if (vg_text_width(chunk) + width <= 79) {
				fputs(chunk, stdout);
				free(chunk);
				break;
			}
			/* The last space that keeps the line within 79. */
			brk = NULL;
			for (const char *q = p; q < end; q++) {
				if (*q != ' ')
					continue;
				free(chunk);
				chunk = xstrndup(p, (size_t)(q - p));
				if (vg_text_width(chunk) + width > 79)
					break;
				brk = q;
			}
			free(chunk);
			if (brk == NULL || brk == p) {
				fwrite(p, 1, (size_t)(end - p), stdout);
				break;
			}
			fwrite(p, 1, (size_t)(brk - p), stdout);
			printf("\n%*s", indent, "");
			width = indent;
			p = brk + 1;
		}
		putchar('\n');
		if (*end == '\0')
			break;
	}
}

void
vg_cmd_help(const struct vg_cmd *c)
{
	const char *summary;

	printf(_("Usage: vigie %s %s\n"), c->name, _(c->usage));
	summary = _(c->summary);
	/* Summaries are written for lists ("show the..."): capitalise. */
	if (*summary >= 'a' && *summary <= 'z')
		printf("%c%s.\n\n", *summary - 'a' + 'A', summary + 1);
	else
		printf("%s.\n\n", summary);
	if (c->help != NULL && *c->help != '\0') {
		help_print(_(c->help));
		putchar('\n');
	}
	fputs(_(common_help), stdout);
	puts(_("\nExit status: 0 nothing found, 1 findings, 2 error."));
}

int
vg_usage_error(const struct vg_cmd *self, const char *fmt, ...)
{
	va_list ap;
	char buf[8192];

	fprintf(stderr, "vigie %s: ", self->name);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	vg_term_fputs(buf, stderr);	/* may hold a bad value, as given */
	fprintf(stderr, _(" (usage: vigie %s %s; see --help)\n"), self->name,
	    _(self->usage));
	return VG_EXIT_ERROR;
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
