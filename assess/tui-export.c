/*
 * tui-export.c — export the report from the TUI: choose a format (a web
 * page to read and print, an OpenDocument file to edit and sign,
 * Markdown or JSON for the IT provider), confirm where to save it, write
 * it with report_write().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/i18n.h"
#include "vigie/tui.h"
#include "vigie/util.h"
#include "tui-screens.h"

#define EXPORT_PATHMAX	1024

static const struct {
	const char	*format;
	const char	*ext;
	const char	*label;
} export_formats[] = {
	{ "html", "html", N_("Web page (.html): to read on screen and print, "
	    "opens in any web browser") },
	{ "odt", "odt", N_("Text document (.odt): to edit and sign, opens in "
	    "LibreOffice or Word") },
	{ "md", "md", N_("Markdown (.md): plain text, for your IT provider") },
	{ "json", "json", N_("JSON (.json): data for other programs") },
};
#define EXPORT_NFORMATS	(int)(sizeof export_formats / sizeof export_formats[0])

/* ~/vigie-report-NAME-DATE.EXT, NAME without characters that bother
 * file names. Owned by the caller. */
static char *
export_default_path(struct tui_session *t, const char *ext)
{
	const char *home = getenv("HOME");
	char *name = tui_session_commune(t), *p, date[32];

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == ' ' || *p == '\'' || *p == '"' ||
		    (unsigned char)*p < 32)
			*p = '-';
	vg_time_iso(time(NULL), date);
	date[10] = '\0';
	p = xasprintf("%s/%s-%s-%s.%s", home && *home ? home : ".",
	    _("vigie-report"), name, date, ext);
	free(name);
	return p;
}

struct export_view {
	struct tui_session	*t;
	const char		*labels[EXPORT_NFORMATS];
	int			 sel;
	const char		*msg;
	char			*path;
};

static void
export_draw(struct export_view *e)
{
	int y;

	vg_tui_frame(_("Export the report"), _("1-4 or \u2191 \u2193 and "
	    "Enter   Esc back   q quit"));
	y = 2 + vg_tui_wrap(stdscr, 2, 2, COLS - 4, 3, _("In which form? The "
	    "report holds the results, the action plan and every answer; it "
	    "stays on this computer until you send it."), A_BOLD);
	y += 1 + vg_tui_choices(y + 1, 2, COLS - 4, LINES - y - 6, e->labels,
	    EXPORT_NFORMATS, e->sel);
	if (e->msg != NULL)
		vg_tui_wrap(stdscr, y + 1, 2, COLS - 4, LINES - y - 3, e->msg,
		    A_BOLD);
}

static void
export_redraw(void *arg)
{
	export_draw(arg);
}

static void
export_write(struct export_view *e)
{
	struct tui_session *t = e->t;
	char err[VG_ERRLEN], *path, *out = NULL, *msg;
	const char *prompt = _("Save as: ");
	int w, x, y = LINES - 3, ok;

	path = export_default_path(t, export_formats[e->sel].ext);
	export_draw(e);
	for (x = 0; x < COLS; x++)
		mvaddch(y, x, ' ');
	w = vg_tui_line(y, 2, COLS / 3, prompt, A_BOLD);
	vg_tui_line(LINES - 2, 2, COLS - 4, _("Enter save here   Esc cancel"),
	    vg_tui_attr(VG_TP_DIM));
	ok = vg_tui_edit(y, 2 + w, COLS - 4 - w, path, EXPORT_PATHMAX, &out,
	    export_redraw, e);
	free(path);
	if (ok != 1 || *out == '\0') {
		free(out);
		return;
	}
	if (report_write(t->store, t->assessment,
	    export_formats[e->sel].format, out, err) == -1)
		msg = xasprintf(_("Not saved: %s"), err);
	else
		msg = xasprintf(_("The report is saved in %s"), out);
	free(e->path);
	e->path = msg;
	e->msg = msg;
	free(out);
}

static void *
export_enter(struct tui_session *t, int arg)
{
	struct export_view *e;
	int i;

	(void)arg;
	if (t->assessment == 0)
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->t = t;
	for (i = 0; i < EXPORT_NFORMATS; i++)
		e->labels[i] = _(export_formats[i].label);
	return e;
}

static int
export_key(void *view, int k, struct tui_go *go)
{
	struct export_view *e = view;

	(void)go;
	if (k >= '1' && k < '1' + EXPORT_NFORMATS) {
		e->sel = k - '1';
		k = '\r';
	}
	if (k == KEY_UP && e->sel > 0)
		e->sel--;
	else if (k == KEY_DOWN && e->sel + 1 < EXPORT_NFORMATS)
		e->sel++;
	else if (k == '\r' || k == '\n' || k == KEY_ENTER)
		export_write(e);
	else if (k == 27)
		return TUI_BACK;
	else if (k == 'q')
		return TUI_QUIT;
	return TUI_STAY;
}

static void
export_leave(void *view)
{
	struct export_view *e = view;

	free(e->path);
	free(e);
}

const struct tui_screen tui_export_screen = {
	.name = "export",
	.enter = export_enter,
	.draw = export_redraw,
	.key = export_key,
	.leave = export_leave,
};
