/*
 * cmd-common.c — what every command shares: finding a command in the
 * table, --help, the common options and one-line usage errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
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
vg_cmd_find(const struct vg_cmd *const *table, int argc, char **argv,
    int *used)
{
	const struct vg_cmd *c, *best = NULL;
	char joined[128];
	int words, i;

	for (; (c = *table) != NULL; table++) {
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

/* Display width of the LEN bytes at P. */
static int
help_width(const char *p, size_t len)
{
	char *chunk = xstrndup(p, len);
	int w = vg_text_width(chunk);

	free(chunk);
	return w;
}

/*
 * Write the line P..END to F wrapped at WIDTH columns: it breaks at
 * spaces, continuations start at column INDENT; a word longer than the
 * line is left whole.
 */
static void
help_wrap_line(FILE *f, const char *p, const char *end, int indent,
    int width)
{
	const char *q, *brk;
	int col = 0;

	while (p < end) {
		if (col + help_width(p, (size_t)(end - p)) <= width) {
			fwrite(p, 1, (size_t)(end - p), f);
			break;
		}
		/* The last space that keeps the line within WIDTH. */
		brk = NULL;
		for (q = p; q < end; q++) {
			if (*q != ' ')
				continue;
			if (col + help_width(p, (size_t)(q - p)) > width)
				break;
			brk = q;
		}
		if (brk == NULL || brk == p) {
			/* No room: break after the first word instead. */
			if ((brk = memchr(p + 1, ' ', (size_t)(end - p - 1)))
			    == NULL) {
				fwrite(p, 1, (size_t)(end - p), f);
				break;
			}
		}
		fwrite(p, 1, (size_t)(brk - p), f);
		fprintf(f, "\n%*s", indent, "");
		col = indent;
		for (p = brk; p < end && *p == ' '; p++)
			;
	}
}

char *
vg_help_wrap(const char *text, int width)
{
	const char *line = text, *end, *p;
	char *buf = NULL;
	size_t len = 0;
	int indent, optindent = -1;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("out of memory");
	for (; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		/* Continuations align after "  --opt ARG   " when present
		 * (or as the option above when ARG leaves one space only). */
		indent = (int)strspn(line, " ");
		if ((p = strstr(line + indent, "  ")) != NULL && p < end &&
		    line[0] == ' ') {
			indent = (int)(p - line) + (int)strspn(p, " ");
			if (line[strspn(line, " ")] == '-')
				optindent = indent;
		} else if (line[0] == ' ' && line[indent] == '-' &&
		    optindent > 0)
			indent = optindent;
		if (indent > width / 2)
			indent = 8;
		help_wrap_line(f, line, end, indent, width);
		if (*end == '\0')
			break;
		fputc('\n', f);
	}
	if (fclose(f) != 0)
		fatal("out of memory");
	return buf;
}

void
vg_help_print(const char *text)
{
	char *s = vg_help_wrap(text, VG_HELP_WIDTH);

	fputs(s, stdout);
	free(s);
}

void
vg_cmd_help(const struct vg_cmd *c)
{
	const char *summary;

	char *line;

	/* The usage line hangs by 7 columns when it wraps. */
	line = xasprintf(_("Usage: vigie %s %s\n"), c->name, _(c->usage));
	help_wrap_line(stdout, line, line + strlen(line), 7, VG_HELP_WIDTH);
	free(line);
	summary = _(c->summary);
	/* Summaries are written for lists ("show the..."): capitalise. */
	if (*summary >= 'a' && *summary <= 'z')
		line = xasprintf("%c%s.\n\n", *summary - 'a' + 'A',
		    summary + 1);
	else
		line = xasprintf("%s.\n\n", summary);
	vg_help_print(line);
	free(line);
	if (c->help != NULL && *c->help != '\0') {
		vg_help_print(_(c->help));
		putchar('\n');
		putchar('\n');
	}
	vg_help_print(_(common_help));
	vg_help_print(_("\nExit status: 0 nothing found, 1 findings, 2 error."));
	putchar('\n');
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
