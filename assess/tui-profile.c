/*
 * tui-profile.c — the commune profile and its emergency contacts, edited
 * one value at a time through vg_profile_get / vg_profile_set (which
 * check each value: an INSEE code, a phone number, an e-mail address).
 * `vigie respond` calls these contacts during an incident.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/tui.h"
#include "vigie/util.h"
#include "tui-screens.h"

#define PROFILE_VALUEMAX	200

struct profile_view {
	struct tui_session		*t;
	const struct vg_profile_key	*keys;
	int				 nkeys;
	char				**values;
	int				 sel, top;
	char				 msg[VG_ERRLEN];
	int				 msg_bad;
};

static void
profile_load(struct profile_view *p)
{
	char err[VG_ERRLEN];
	int i;

	for (i = 0; i < p->nkeys; i++) {
		free(p->values[i]);
		p->values[i] = NULL;
		if (vg_profile_get(p->t->store, p->t->commune, p->keys[i].key,
		    &p->values[i], err) == -1)
			snprintf(p->msg, sizeof p->msg, "%s", err);
	}
}

static void
profile_draw(struct profile_view *p)
{
	int y, i, rows, labelw, width = COLS - 4;
	char *v;

	vg_tui_frame(_("Commune profile and emergency contacts"),
	    _("\u2191 \u2193 choose   Enter change   Esc back   q quit"));
	y = 1 + vg_tui_wrap(stdscr, 1, 2, width, 3, _("These details go in "
	    "the report, and during an incident vigie uses the contacts to "
	    "tell you whom to call. Fill in what you know; the rest can wait."),
	    A_NORMAL);
	y++;
	rows = LINES - 3 - y;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (labelw = 0, i = 0; i < p->nkeys; i++)
		if (vg_tui_width(_(p->keys[i].label)) > labelw)
			labelw = vg_tui_width(_(p->keys[i].label));
	if (labelw > COLS - 24)
		labelw = COLS - 24;
	if (labelw < COLS / 3)
		labelw = COLS / 3;
	for (i = p->top; i < p->nkeys && i < p->top + rows; i++, y++) {
		attr_t a = i == p->sel ? vg_tui_attr(VG_TP_SELECT) : A_NORMAL;
		int x;

		if (i == p->sel) {
			attrset(a);
			for (x = 1; x < COLS - 1; x++)
				mvaddch(y, x, ' ');
			attrset(A_NORMAL);
		}
		vg_tui_line(y, 2, labelw, _(p->keys[i].label), a);
		v = p->values[i] ? vg_term_clean(p->values[i]) : NULL;
		vg_tui_line(y, 3 + labelw, COLS - labelw - 5, v ? v :
		    _("(to fill in)"), v ? a | A_BOLD :
		    (i == p->sel ? a : vg_tui_attr(VG_TP_DIM)));
		free(v);
	}
	if (p->msg[0] != '\0')
		vg_tui_line(LINES - 2, 2, width, p->msg, p->msg_bad ?
		    vg_tui_attr(VG_TP_BAD) : vg_tui_attr(VG_TP_GOOD));
}

static void
profile_redraw(void *arg)
{
	profile_draw(arg);
}

static void
profile_edit(struct profile_view *p)
{
	const struct vg_profile_key *k = &p->keys[p->sel];
	char err[VG_ERRLEN], *out = NULL, *prompt;
	int w, x, y = LINES - 2;

	p->msg[0] = '\0';
	profile_draw(p);
	for (x = 0; x < COLS; x++)
		mvaddch(y, x, ' ');
	prompt = xasprintf("%s: ", _(k->label));
	w = vg_tui_line(y, 2, COLS / 2, prompt, A_BOLD);
	free(prompt);
	vg_tui_line(LINES - 1, 1, COLS - 2, _("Enter save   Esc cancel   "
	    "(empty: remove the value)"), vg_tui_attr(VG_TP_KEYS));
	if (vg_tui_edit(y, 2 + w, COLS - 4 - w, p->values[p->sel],
	    PROFILE_VALUEMAX, &out, profile_redraw, p) != 1)
		return;
	if (vg_profile_set(p->t->store, p->t->commune, k->key, out,
	    err) == -1) {
		snprintf(p->msg, sizeof p->msg, "%s", err);
		p->msg_bad = 1;
	} else {
		snprintf(p->msg, sizeof p->msg, _("Saved: %s"), _(k->label));
		p->msg_bad = 0;
	}
	free(out);
	profile_load(p);
}

static void *
profile_enter(struct tui_session *t, int arg)
{
	struct profile_view *p;

	(void)arg;
	p = xcalloc(1, sizeof *p);
	p->t = t;
	p->keys = vg_profile_keys(&p->nkeys);
	p->values = xcalloc((size_t)p->nkeys, sizeof *p->values);
	profile_load(p);
	return p;
}

static int
profile_key(void *view, int k, struct tui_go *go)
{
	struct profile_view *p = view;

	(void)go;
	if (k == KEY_UP && p->sel > 0)
		p->sel--;
	else if (k == KEY_DOWN && p->sel + 1 < p->nkeys)
		p->sel++;
	else if (k == KEY_PPAGE)
		p->sel = p->sel > 10 ? p->sel - 10 : 0;
	else if (k == KEY_NPAGE)
		p->sel = p->sel + 10 < p->nkeys ? p->sel + 10 : p->nkeys - 1;
	else if (k == '\r' || k == '\n' || k == KEY_ENTER)
		profile_edit(p);
	else if (k == 27)
		return TUI_BACK;
	else if (k == 'q')
		return TUI_QUIT;
	return TUI_STAY;
}

static void
profile_leave(void *view)
{
	struct profile_view *p = view;
	int i;

	for (i = 0; i < p->nkeys; i++)
		free(p->values[i]);
	free(p->values);
	free(p);
}

const struct tui_screen tui_profile_screen = {
	.name = "profile",
	.enter = profile_enter,
	.draw = profile_redraw,
	.key = profile_key,
	.leave = profile_leave,
};
