/*
 * incident-tui.c — incident mode on the terminal, for someone frightened
 * and in a hurry: the first actions, then (if no incident is open) when
 * it was discovered and two yes/no questions, the reminder to keep the
 * evidence, then the checklist step by step with the time left before
 * each deadline. One question or one step per screen, plain words, Esc
 * always goes back and never deletes anything. Every answer is written
 * to the store at once.
 *
 * Reached by `vigie respond incident` on a terminal and from the home
 * screen. Drawing uses the shared helpers of tui.h; the logic (plan,
 * deadlines, store) is the same as the command line's.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/store.h"
#include "vigie/tui.h"
#include "vigie/util.h"

#define KEY_ESC		27
#define REFRESH_MS	30000	/* countdowns are redrawn this often */
#define NOTE_MAX	2000	/* bytes of a timeline entry */

struct tui {
	struct vg_store		*store;
	struct checklist	*cl;
	int64_t			 commune;
	int64_t			 id;		/* the open incident, or 0 */
	struct incident		 inc;
	struct incident_event	*ev;
	int			 nev;
	struct cl_plan		 plan;
	int			 loaded;
	char			 msg[256];	/* shown once, then cleared */
	int			 msg_bad;
	char			 err[VG_ERRLEN];
};

/* ---- Data ---------------------------------------------------------- */

static void
unload(struct tui *t)
{
	if (!t->loaded)
		return;
	checklist_plan_free(&t->plan);
	incident_events_free(t->ev, t->nev);
	incident_clear(&t->inc);
	t->ev = NULL;
	t->nev = 0;
	t->loaded = 0;
}

/* Read the incident and its timeline again and rebuild the plan. */
static int
reload(struct tui *t)
{
	unload(t);
	if (t->id == 0)
		return 0;
	if (incident_get(t->store, t->id, &t->inc, t->err) == -1)
		return -1;
	if (incident_events(t->store, t->id, &t->ev, &t->nev, t->err) == -1) {
		incident_clear(&t->inc);
		return -1;
	}
	checklist_plan(t->cl, &t->inc, t->ev, t->nev, t->store, t->commune,
	    deadline_now(), &t->plan, t->err);
	t->loaded = 1;
	return 0;
}

static void
say(struct tui *t, int bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct tui *t, int bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	va_end(ap);
	t->msg_bad = bad;
}

/* Record an event; on failure the message says so (nothing is lost
 * silently: the person can try again). */
static int
record(struct tui *t, enum incident_ev kind, const char *step,
    const char *text)
{
	char when[64];
	time_t now = deadline_now();

	if (incident_event_add(t->store, t->id, kind, now, step, text, NULL,
	    t->err) == -1) {
		say(t, 1, _("Not saved: %s"), t->err);
		return -1;
	}
	deadline_format(now, when, sizeof(when));
	say(t, 0, _("Saved at %s."), when);
	return reload(t);
}

/* ---- Drawing helpers ----------------------------------------------- */

/* S cut to WIDTH columns, with "…" when cut. Owned by the caller. */
static char *
fit(const char *s, int width)
{
	size_t len = strlen(s), cut;
	char *r;

	if (vg_text_width(s) <= width)
		return xstrdup(s);
	for (cut = len; cut > 0; cut--) {
		if (((unsigned char)s[cut] & 0xc0) == 0x80)
			continue;	/* inside a UTF-8 sequence */
		r = xasprintf("%.*s…", (int)cut, s);
		if (vg_text_width(r) <= width)
			return r;
		free(r);
	}
	return xstrdup("…");
}

/*
 * A copy of S where the spaces French puts before ; : ? ! and inside
 * « » are non-breaking, so that no line starts with a colon. Owned by
 * the caller.
 */
static char *
nbsp(const char *s)
{
	static const char nb[] = "\xc2\xa0";	/* U+00A0 */
	char *r = xmalloc(strlen(s) * 2 + 1), *o = r;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == ' ' && (strchr(";:?!", p[1]) != NULL ||
		    strncmp(p + 1, "»", strlen("»")) == 0) && p[1] != '\0') {
			memcpy(o, nb, 2);
			o += 2;
		} else if (strncmp(p, "« ", strlen("« ")) == 0) {
			memcpy(o, "«", strlen("«"));
			o += strlen("«");
			memcpy(o, nb, 2);
			o += 2;
			p += strlen("«");
		} else
			*o++ = *p;
	}
	*o = '\0';
	return r;
}

/*
 * Draw PREFIX at (y, 2) and TEXT wrapped beside it, its next lines
 * lined up under its first (a hanging indent), at most MAX lines and
 * never over the key bar; returns the lines used.
 */
static int
hang(int y, int max, const char *prefix, const char *s, attr_t attr)
{
	char *glued;
	int x = 2, n;

	if (y + max > LINES - 1)
		max = LINES - 1 - y;
	if (max <= 0)
		return 0;
	if (prefix != NULL) {
		attron(attr);
		mvaddstr(y, x, prefix);
		attroff(attr);
		x += vg_text_width(prefix);
	}
	if (COLS - x - 2 < 10)
		return 0;
	glued = nbsp(s);
	n = vg_tui_wrap(stdscr, y, x, COLS - x - 2, max, glued, attr);
	free(glued);
	return n < max ? n : max;
}

/* Draw TEXT wrapped at (y, 2) over the screen width, at most MAX lines;
 * returns the lines used. */
static int
text(int y, int max, const char *s, attr_t attr)
{
	return hang(y, max, NULL, s, attr);
}

/* The pending message, just above the key bar. */
static void
show_msg(struct tui *t)
{
	if (t->msg[0] == '\0')
		return;
	move(LINES - 2, 0);
	clrtoeol();
	text(LINES - 2, 1, t->msg, vg_tui_attr(t->msg_bad ? VG_TP_BAD :
	    VG_TP_GOOD) | A_BOLD);
	t->msg[0] = '\0';
}

/*
 * One key, or ERR when REFRESH_MS pass without one, so that countdowns
 * move on screen (vg_tui_key() waits for a key). Same codes as
 * vg_tui_key() for what these screens use.
 */
static int
key_or_tick(void)
{
	wint_t wc;
	int r;

	timeout(REFRESH_MS);
	r = get_wch(&wc);
	timeout(-1);
	if (r == ERR)
		return ERR;
	return (int)wc;
}

static int
is_enter(int k)
{
	return k == '\n' || k == '\r' || k == KEY_ENTER;
}

/*
 * One question, one list of answers. Returns the index chosen, or -1
 * for Esc. DEF is the answer selected at first.
 */
static int
ask(struct tui *t, const char *title, const char *question,
    const char *note, const char *const *choices, int n, int def)
{
	int sel = def, k, y;

	for (;;) {
		vg_tui_frame(title, _("↑↓ choose  Enter confirm  Esc back"));
		y = 2;
		y += text(y, 10, question, A_BOLD) + 1;
		if (note != NULL)
			y += text(y, 6, note, A_NORMAL) + 1;
		vg_tui_choices(y, 4, COLS - 8, LINES - y - 3, choices, n, sel);
		show_msg(t);
		refresh();
		k = vg_tui_key();
		if (k == KEY_UP || k == 'k')
			sel = (sel + n - 1) % n;
		else if (k == KEY_DOWN || k == 'j' || k == '\t')
			sel = (sel + 1) % n;
		else if (is_enter(k))
			return sel;
		else if (k == KEY_ESC)
			return -1;
		else if (k >= '1' && k < '1' + n)
			return k - '1';
	}
}

/* What an input screen shows around its field, for redrawing. */
struct ask_text {
	const char	*title, *prompt, *example, *errmsg;
	int		 y;		/* the field's line, set by the drawing */
};

static void
input_draw(void *arg)
{
	struct ask_text *a = arg;
	int y;

	vg_tui_frame(a->title, _("Enter save  Esc cancel (nothing is "
	    "saved)"));
	y = 2;
	y += text(y, 6, a->prompt, A_BOLD) + 1;
	if (a->example != NULL)
		y += text(y, 3, a->example, vg_tui_attr(VG_TP_DIM)) + 1;
	mvaddstr(y, 2, "> ");
	if (a->errmsg != NULL)
		text(y + 2, 4, a->errmsg, vg_tui_attr(VG_TP_BAD) | A_BOLD);
	a->y = y;
}

/*
 * A line of text typed by the person (the shared line editor: arrows,
 * Home, End, Backspace). Returns it (owned by the caller) or NULL for
 * Esc. ERRMSG, if not NULL, is shown in red under the field.
 */
static char *
input(struct tui *t, const char *title, const char *prompt,
    const char *example, const char *errmsg)
{
	struct ask_text a = { title, prompt, example, errmsg, 0 };
	char *out = NULL;

	input_draw(&a);
	show_msg(t);
	if (vg_tui_edit(a.y, 4, COLS - 6, NULL, NOTE_MAX, &out, input_draw,
	    &a) == 0)
		return NULL;
	return out;
}

/* ---- The first screens --------------------------------------------- */

/* The first actions, always shown first. Returns -1 for Esc. */
static int
first_actions(struct tui *t)
{
	const struct cl_sheet *sh = t->cl->sheet;
	char *line;
	int y, i, k;

	for (;;) {
		vg_tui_frame(_("Incident in progress — the first actions"),
		    _("Enter continue  Esc quit"));
		y = 2;
		if (sh != NULL) {
			y += text(y, 2, sh->warning, vg_tui_attr(VG_TP_BAD) |
			    A_BOLD | A_REVERSE) + 1;
			for (i = 0; i < sh->nactions; i++) {
				line = xasprintf("%d. ", i + 1);
				y += hang(y, 3, line, sh->actions[i], A_BOLD) +
				    1;
				free(line);
			}
		}
		text(y, 2, _("Then press Enter: vigie guides you through the "
		    "next steps and their deadlines."), A_NORMAL);
		show_msg(t);
		refresh();
		k = vg_tui_key();
		if (is_enter(k) || k == ' ')
			return 0;
		if (k == KEY_ESC || k == 'q')
			return -1;
	}
}

/* Ask the T0, record the incident. Returns -1 for Esc (nothing saved). */
static int
open_incident(struct tui *t)
{
	static const char *choices[2];
	struct incident in;
	char *typed = NULL, err[VG_ERRLEN], *errmsg = NULL;
	time_t now, t0;
	int amb, c;

	choices[0] = _("Just now");
	choices[1] = _("Earlier: I give the time");
	for (;;) {
		c = ask(t, _("New incident"), _("When did you discover the "
		    "problem?"), _("The 72-hour deadlines count from that moment: "
		    "the complaint (the insurer's condition for paying, not "
		    "a legal duty) and the CNIL (for a personal data "
		    "breach, unless it puts nobody at risk)."),
		    choices, 2, 0);
		if (c == -1)
			return -1;
		now = deadline_now();
		t0 = now;
		if (c == 0)
			break;
		for (;;) {
			typed = input(t, _("New incident"), _("At what time "
			    "did you discover it? (Paris time)"),
			    _("For example 08:10 (today), or 24/11/2026 "
			    "17:30"), errmsg);
			free(errmsg);
			errmsg = NULL;
			if (typed == NULL)
				break;
			if (deadline_parse_t0(typed, deadline_now(), &t0, &amb,
			    err) == 0)
				break;
			errmsg = xstrdup(err);
			free(typed);
		}
		if (typed != NULL) {
			free(typed);
			break;
		}
	}
	memset(&in, 0, sizeof(in));
	in.t0 = t0;
	in.people = in.records = -1;
	in.cond[CL_NIS2] = CL_NO;
	if (incident_commune(t->store, &t->commune, t->err) == -1)
		goto fail;
	in.commune = t->commune;
	if (incident_open(t->store, &in, NULL, &t->id, t->err) == -1)
		goto fail;
	say(t, 0, _("Incident recorded."));
	return reload(t);
fail:
	say(t, 1, _("Not saved: %s"), t->err);
	return -1;
}

/* One yes / no / don't know question about the incident; Esc keeps it
 * unknown. */
static void
ask_condition(struct tui *t, enum cl_cond cond, const char *question,
    const char *note)
{
	static const char *choices[3];
	static const enum cl_tri value[3] = { CL_YES, CL_NO, CL_UNKNOWN };
	struct incident in;
	int c;

	choices[0] = _("Yes");
	choices[1] = _("No");
	choices[2] = _("I don't know yet");
	c = ask(t, _("What we know"), question, note, choices, 3, 2);
	if (c == -1 || value[c] == t->inc.cond[cond])
		return;
	in = t->inc;
	in.cond[cond] = value[c];
	if (incident_update(t->store, &in, NULL, t->err) == -1)
		say(t, 1, _("Not saved: %s"), t->err);
	reload(t);
}

/* Keep the evidence: the command to give the IT provider. */
static void
capture_screen(struct tui *t)
{
	static const char *choices[2];
	int c;

	choices[0] = _("The evidence has been copied");
	choices[1] = _("Not yet: continue");
	c = ask(t, _("Keep the evidence"), _("Before anything is repaired, "
	    "the IT provider copies the traces of the attack onto an empty "
	    "USB key. On each affected computer, as administrator, they "
	    "type:\n\n"
	    "    vigie respond capture --out /path/of/the/key/evidence-pc1\n\n"
	    "(about a minute per computer; 'vigie respond capture --help' "
	    "explains it)."), _("Do not switch the computers off before "
	    "that."), choices, 2, 1);
	if (c == 0)
		record(t, IEV_DONE, "evidence", NULL);
}

/* ---- The checklist ------------------------------------------------- */

/* Short words for the list: "done 08:20", "3 h 05 min left"... */
static void
compact_when(const struct tui *t, const struct cl_item *it, char *buf,
    size_t len)
{
	char d[64];
	struct tm tm;

	switch (it->state) {
	case CL_ST_DONE:
		deadline_paris_tm(it->done_at, &tm);
		snprintf(buf, len, _("done %02d:%02d"), tm.tm_hour, tm.tm_min);
		break;
	case CL_ST_OVERDUE:
		deadline_duration((long long)(t->plan.now - it->deadline), d,
		    sizeof(d));
		snprintf(buf, len, _("LATE %s"), d);
		break;
	case CL_ST_PENDING:
		deadline_duration((long long)(it->deadline - t->plan.now), d,
		    sizeof(d));
		snprintf(buf, len, _("%s left"), d);
		break;
	default:
		snprintf(buf, len, "%s", it->s->deadline_min == 0 ?
		    _("right away") : it->maybe ? _("if it applies") :
		    _("no set time"));
	}
}

static attr_t
state_attr(const struct cl_item *it)
{
	switch (it->state) {
	case CL_ST_DONE:
		return vg_tui_attr(VG_TP_GOOD);
	case CL_ST_OVERDUE:
		return vg_tui_attr(VG_TP_BAD) | A_BOLD;
	case CL_ST_PENDING:
		return vg_tui_attr(VG_TP_WARN);
	default:
		return it->s->deadline_min == 0 ? A_BOLD : A_NORMAL;
	}
}

/* Marks readable without colour: [x] done, [!] late, [ ] to do. */
static const char *
mark(const struct cl_item *it)
{
	return it->state == CL_ST_DONE ? "[x]" :
	    it->state == CL_ST_OVERDUE ? "[!]" : "[ ]";
}

static void
note_screen(struct tui *t)
{
	char *s;

	s = input(t, _("Add to the timeline"), _("What did you do or see? "
	    "(who called whom, what was said, what changed)"), NULL, NULL);
	if (s == NULL)
		return;		/* Esc: nothing saved */
	if (*s != '\0')
		record(t, IEV_LOG, NULL, s);
	free(s);
}

static void
journal_screen(struct tui *t)
{
	char when[64], *w, *line;
	int top, y, i, k, rows, n;

	/* The latest entries first in view (one or two lines each). */
	rows = LINES - 4;
	top = t->nev > rows / 2 ? t->nev - rows / 2 : 0;
	for (;;) {
		vg_tui_frame(_("Timeline"), _("↑↓ scroll  n add  Esc back"));
		rows = LINES - 4;
		n = t->nev;
		if (top > n - 1)
			top = n > 0 ? n - 1 : 0;
		y = 2;
		for (i = top; i < n && y < 2 + rows; i++) {
			deadline_format(t->ev[i].at, when, sizeof(when));
			w = incident_event_words(t->cl, &t->ev[i]);
			line = xasprintf("%s  ", when);
			y += hang(y, 2 + rows - y, line, w, A_NORMAL);
			free(line);
			free(w);
		}
		show_msg(t);
		refresh();
		k = vg_tui_key();
		if (k == KEY_ESC || k == 'q')
			return;
		if (k == KEY_UP && top > 0)
			top--;
		else if (k == KEY_DOWN && top < n - 1)
			top++;
		else if (k == 'n')
			note_screen(t);
	}
}

static void
ready_screen(struct tui *t, const struct cl_item *it)
{
	int y, i, k;

	(void)t;
	for (;;) {
		vg_tui_frame(_("What to have ready"), _("Esc back"));
		y = 2;
		y += text(y, 3, it->s->title, A_BOLD) + 1;
		for (i = 0; i < it->s->nready; i++)
			y += hang(y, 3, "- ", it->s->ready[i], A_NORMAL);
		refresh();
		k = vg_tui_key();
		if (k == KEY_ESC || is_enter(k) || k == 'q')
			return;
	}
}

/*
 * One step: what, by when, who, whom to call, why; then one choice.
 * Returns the index of the step to show next, or -1 for the list.
 */
static int
step_screen(struct tui *t, int i)
{
	const struct cl_item *it;
	const char *choices[4];
	char when[256], *title, *who, *line;
	int k, y, sel = 0, n, j, avail;

	for (;;) {
		if (i >= t->plan.nitems)
			return -1;
		it = &t->plan.items[i];
		n = 0;
		choices[n++] = it->state == CL_ST_DONE ?
		    _("Not done after all (untick)") : _("Done");
		choices[n++] = _("Next step");
		choices[n++] = _("Add a note to the timeline");
		if (it->s->nready > 0)
			choices[n++] = _("What to have ready");
		if (sel >= n)
			sel = 0;

		title = xasprintf(_("Step %d of %d"), i + 1, t->plan.nitems);
		vg_tui_frame(title, _("↑↓ choose  Enter confirm  ←→ steps  "
		    "Esc list"));
		free(title);
		y = 2;
		y += text(y, 3, it->s->title, A_BOLD);
		y++;
		checklist_item_when(&t->plan, it, when, sizeof(when));
		line = xasprintf("%s ", mark(it));
		y += hang(y, 2, line, when, state_attr(it));
		free(line);
		if (it->maybe) {
			line = xasprintf(_("Only %s."),
			    checklist_cond_label(it->s->cond));
			y += text(y, 1, line, vg_tui_attr(VG_TP_DIM));
			free(line);
		}
		who = checklist_item_who(&t->plan, it);
		y += hang(y, 2, _("Who: "), who, A_NORMAL);
		free(who);
		for (j = 0; j < it->ncontacts && j < 3; j++) {
			who = checklist_contact_line(&it->contacts[j], 0);
			line = xasprintf("%*s", vg_text_width(_("Call: ")), "");
			y += hang(y, 2, j == 0 ? _("Call: ") : line, who,
			    A_NORMAL);
			free(line);
			free(who);
		}
		y++;
		avail = LINES - 3 - n - 1 - y;
		y += text(y, avail, it->s->why, A_NORMAL) + 1;
		vg_tui_choices(LINES - 3 - n, 4, COLS - 8, n, choices, n, sel);
		show_msg(t);
		refresh();
		k = key_or_tick();
		if (k == ERR) {		/* time passes: redraw countdowns */
			reload(t);
			continue;
		}
		if (k == KEY_ESC || k == 'q')
			return -1;
		if (k == KEY_UP)
			sel = (sel + n - 1) % n;
		else if (k == KEY_DOWN || k == '\t')
			sel = (sel + 1) % n;
		else if (k == KEY_RIGHT)
			return i + 1 < t->plan.nitems ? i + 1 : -1;
		else if (k == KEY_LEFT && i > 0)
			return i - 1;
		else if (is_enter(k) || (k >= '1' && k < '1' + n)) {
			if (!is_enter(k))
				sel = k - '1';
			switch (sel) {
			case 0:
				record(t, it->state == CL_ST_DONE ? IEV_UNDO :
				    IEV_DONE, it->s->id, NULL);
				if (t->plan.items[i].state == CL_ST_DONE)
					return i + 1 < t->plan.nitems ?
					    i + 1 : -1;
				break;
			case 1:
				return i + 1 < t->plan.nitems ? i + 1 : -1;
			case 2:
				note_screen(t);
				break;
			default:
				ready_screen(t, it);
			}
		}
	}
}

/* The first step not done, else 0. */
static int
first_open_step(const struct tui *t)
{
	int i;

	for (i = 0; i < t->plan.nitems; i++)
		if (t->plan.items[i].state != CL_ST_DONE)
			return i;
	return 0;
}

/* The whole checklist, one line per step. Returns when Esc is pressed. */
static void
list_screen(struct tui *t, int sel)
{
	const struct cl_item *it;
	char when[64], t0[64], *title, *line;
	int k, y, i, top = 0, rows, tw, next;

	for (;;) {
		title = xasprintf(_("Incident %lld — what to do"),
		    (long long)t->id);
		vg_tui_frame(title, _("↑↓ choose  Enter open  n note  "
		    "t timeline  g first actions  Esc quit"));
		free(title);
		deadline_format(t->inc.t0, t0, sizeof(t0));
		line = t->plan.overdue > 0 ? xasprintf(vg_ngettext(
		    "Discovered %s. %d step is late.",
		    "Discovered %s. %d steps are late.", t->plan.overdue), t0,
		    t->plan.overdue) : xasprintf(_("Discovered %s."), t0);
		text(1, 1, line, t->plan.overdue ? vg_tui_attr(VG_TP_BAD) |
		    A_BOLD : A_NORMAL);
		free(line);
		rows = LINES - 5;
		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		y = 3;
		for (i = top; i < t->plan.nitems && y < 3 + rows; i++, y++) {
			it = &t->plan.items[i];
			compact_when(t, it, when, sizeof(when));
			/* The title takes what the state on the right leaves. */
			tw = COLS - 1 - 4 - 2 - vg_text_width(when) - 2;
			title = fit(it->s->title, tw > 10 ? tw : 10);
			move(y, 0);
			clrtoeol();
			if (i == sel)
				attron(vg_tui_attr(VG_TP_SELECT));
			mvprintw(y, 1, "%s %s", mark(it), title);
			if (i == sel)
				attroff(vg_tui_attr(VG_TP_SELECT));
			attron(state_attr(it));
			mvaddstr(y, COLS - 2 - vg_text_width(when), when);
			attroff(state_attr(it));
			free(title);
		}
		show_msg(t);
		refresh();
		k = key_or_tick();
		if (k == ERR) {
			reload(t);
			continue;
		}
		if (k == KEY_ESC || k == 'q')
			return;
		if (k == KEY_UP && sel > 0)
			sel--;
		else if (k == KEY_DOWN && sel < t->plan.nitems - 1)
			sel++;
		else if (is_enter(k)) {
			next = sel;
			while (next >= 0) {
				sel = next;
				next = step_screen(t, next);
			}
		} else if (k == 'n')
			note_screen(t);
		else if (k == 't')
			journal_screen(t);
		else if (k == 'g')
			first_actions(t);
	}
}

int
incident_tui(struct vg_store *store)
{
	struct tui t;
	int rc = VG_EXIT_ERROR, step;

	memset(&t, 0, sizeof(t));
	t.store = store;
	if (checklist_load(NULL, &t.cl, t.err) == -1 ||
	    incident_select(store, NULL, 0, &t.commune, &t.id, t.err) == -1 ||
	    reload(&t) == -1) {
		vg_warn("%s", t.err);
		goto out;
	}
	if (vg_tui_init(t.err) == -1) {
		vg_warn("%s", t.err);
		goto out;
	}
	rc = VG_EXIT_OK;
	curs_set(0);
	if (first_actions(&t) == -1)
		goto out;
	if (t.id == 0) {
		while (open_incident(&t) == -1) {
			if (t.msg_bad)		/* the store failed */
				goto out;
			if (first_actions(&t) == -1)
				goto out;
		}
		ask_condition(&t, CL_PERSONAL_DATA, _("Could information about "
		    "people have been reached?"), _("Civil registry, electoral "
		    "rolls, payroll, social aid, school lists, residents' "
		    "e-mails... If so, the CNIL must be told within 72 "
		    "hours."));
		ask_condition(&t, CL_RANSOMWARE, _("Does a message ask for "
		    "money (a ransom)?"), _("Whatever the answer: pay nothing."));
		capture_screen(&t);
	}
	step = first_open_step(&t);
	step = step_screen(&t, step);
	while (step >= 0)
		step = step_screen(&t, step);
	list_screen(&t, first_open_step(&t));
out:
	vg_tui_end();
	unload(&t);
	checklist_free(t.cl);
	return rc;
}
