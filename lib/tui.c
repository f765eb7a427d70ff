/*
 * tui.c — shared ncursesw helpers (see tui.h): start and stop curses,
 * colour pairs that fall back to plain attributes under NO_COLOR, UTF-8
 * word wrapping, the title and key bars, a numbered list of choices, a
 * text bar chart and a one-line editor. Screens own their logic; nothing
 * here knows about questionnaires or incidents.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/tui.h"

static int tui_on;		/* curses is running */
static int tui_colour;		/* colour pairs are in use */
static SCREEN *tui_screen;

/* Set by vg_tui_colour_allow() (NO_COLOR). */
static int colour_allowed = 1;

void
vg_tui_colour_allow(int on)
{
	colour_allowed = on;
}

int
vg_tui_init(char *err)
{
	static int registered;

	if (tui_on)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		vg_seterr(err, _("this screen needs a terminal (stdin and "
		    "stdout are not one)"));
		return -1;
	}
	if ((tui_screen = newterm(NULL, stdout, stdin)) == NULL) {
		vg_seterr(err, _("the terminal type '%s' is unknown (set TERM, "
		    "e.g. TERM=xterm)"), getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(tui_screen);
	tui_on = 1;
	if (!registered) {
		atexit(vg_tui_end);
		registered = 1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	tui_colour = colour_allowed && has_colors();
	if (tui_colour) {
		start_color();
		use_default_colors();
		init_pair(VG_TP_NORMAL, -1, -1);
		init_pair(VG_TP_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(VG_TP_KEYS, COLOR_BLACK, COLOR_CYAN);
		init_pair(VG_TP_SELECT, COLOR_BLACK, COLOR_YELLOW);
		init_pair(VG_TP_DIM, -1, -1);
		init_pair(VG_TP_L0, COLOR_RED, -1);
		init_pair(VG_TP_L1, COLOR_RED, -1);
		init_pair(VG_TP_L2, COLOR_YELLOW, -1);
		init_pair(VG_TP_L3, COLOR_GREEN, -1);
		init_pair(VG_TP_L4, COLOR_GREEN, -1);
		init_pair(VG_TP_GOOD, COLOR_GREEN, -1);
		init_pair(VG_TP_WARN, COLOR_YELLOW, -1);
		init_pair(VG_TP_BAD, COLOR_RED, -1);
	}
	return 0;
}

void
vg_tui_end(void)
{
	if (!tui_on)
		return;
	tui_on = 0;
	curs_set(1);
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
}

attr_t
vg_tui_attr(enum vg_tui_pair p)
{
	if (tui_colour) {
		switch (p) {
		case VG_TP_TITLE:
		case VG_TP_SELECT:
		case VG_TP_L0:
		case VG_TP_L4:
		case VG_TP_BAD:
			return COLOR_PAIR(p) | A_BOLD;
		case VG_TP_DIM:
			return COLOR_PAIR(p) | A_DIM;
		default:
			return COLOR_PAIR(p);
		}
	}
	/* Without colour: attributes that keep the meaning visible. */
	switch (p) {
	case VG_TP_TITLE:
	case VG_TP_KEYS:
		return A_REVERSE;
	case VG_TP_SELECT:
		return A_REVERSE | A_BOLD;
	case VG_TP_L0:
	case VG_TP_BAD:
	case VG_TP_WARN:
		return A_BOLD;
	default:
		return A_NORMAL;
	}
}

/* ---- Text --------------------------------------------------------- */

/* Decode one character of S: its length in bytes (1 for invalid bytes,
 * drawn as one column) and its width in columns. */
static size_t
tui_char(const char *s, int *cols)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int w;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int
vg_tui_width(const char *s)
{
	int w = 0, c;

	while (*s != '\0') {
		s += tui_char(s, &c);
		w += c;
	}
	return w;
}

/*
 * The next line of S in WIDTH columns: [s, *end) is drawn, *next starts
 * the following line (NULL at the end of the text).
 */
static void
tui_wrap_next(const char *s, int width, const char **end, const char **next)
{
	const char *p = s, *brk = NULL, *brk_next = NULL;
	int cols = 0, c;
	size_t n;

	while (*p != '\0' && *p != '\n') {
		n = tui_char(p, &c);
		if (*p == ' ') {
			brk = p;
			brk_next = p + 1;
		}
		if (cols + c > width && *p != ' ') {
			if (brk != NULL) {
				*end = brk;
				p = brk_next;
			} else {
				if (p == s)	/* wider than the line */
					p += n;
				*end = p;
			}
			while (*p == ' ')
				p++;
			*next = *p == '\0' ? NULL : p;
			return;
		}
		cols += c;
		p += n;
	}
	*end = p;
	while (*end > s && (*end)[-1] == ' ')
		(*end)--;
	*next = *p == '\n' ? p + 1 : NULL;
}

int
vg_tui_wrap(WINDOW *w, int y, int x, int width, int maxlines,
    const char *text, attr_t attr)
{
	const char *p = text, *end, *next;
	int lines = 0;

	if (text == NULL)
		return 0;
	if (width < 1)
		width = 1;
	while (p != NULL) {
		tui_wrap_next(p, width, &end, &next);
		if (w != NULL && (maxlines <= 0 || lines < maxlines)) {
			wattrset(w, attr);
			mvwaddnstr(w, y + lines, x, p, (int)(end - p));
			wattrset(w, A_NORMAL);
		}
		lines++;
		p = next;
	}
	return lines;
}

int
vg_tui_line(int y, int x, int width, const char *text, attr_t attr)
{
	const char *p = text;
	int cols = 0, c;
	size_t n;

	if (text == NULL || width <= 0)
		return 0;
	while (*p != '\0' && *p != '\n') {
		n = tui_char(p, &c);
		if (cols + c > width)
			break;
		cols += c;
		p += n;
	}
	attrset(attr);
	mvaddnstr(y, x, text, (int)(p - text));
	attrset(A_NORMAL);
	return cols;
}

void
vg_tui_frame(const char *title, const char *keys)
{
	int i;

	erase();
	attrset(vg_tui_attr(VG_TP_TITLE));
	for (i = 0; i < COLS; i++)
		mvaddch(0, i, ' ');
	vg_tui_line(0, 1, COLS - 2, title, vg_tui_attr(VG_TP_TITLE));
	attrset(vg_tui_attr(VG_TP_KEYS));
	for (i = 0; i < COLS; i++)
		mvaddch(LINES - 1, i, ' ');
	vg_tui_line(LINES - 1, 1, COLS - 2, keys, vg_tui_attr(VG_TP_KEYS));
	attrset(A_NORMAL);
}

int
vg_tui_key(void)
{
	wint_t wc;
	int r;

	for (;;) {
		r = get_wch(&wc);
		if (r == ERR)
			continue;
		if (r == OK && wc >= KEY_MIN && wc <= KEY_MAX)
			return (int)wc | VG_TUI_CHAR;
		return (int)wc;
	}
}

/* ---- Choices ------------------------------------------------------ */

int
vg_tui_choices(int y, int x, int width, int height,
    const char *const *choices, int n, int selected)
{
	char num[16];
	int *h, i, first = 0, used, line, lw, total;
	attr_t a;

	if (n <= 0 || height <= 0)
		return 0;
	lw = width - 5;		/* "> 1  " */
	if (lw < 1)
		lw = 1;
	h = xcalloc((size_t)n, sizeof *h);
	for (i = 0; i < n; i++)
		h[i] = vg_tui_wrap(NULL, 0, 0, lw, 0, choices[i], 0);
	/* Scroll so that the selected choice is in view. */
	for (;;) {
		for (total = 0, i = first; i <= selected && i < n; i++)
			total += h[i];
		if (total <= height || first >= selected)
			break;
		first++;
	}
	line = 0;
	for (i = first; i < n && line < height; i++) {
		used = h[i] < height - line ? h[i] : height - line;
		a = i == selected ? vg_tui_attr(VG_TP_SELECT) : A_NORMAL;
		snprintf(num, sizeof num, "%c %d ", i == selected ? '>' : ' ',
		    i + 1);
		if (i == selected) {
			int k, j;

			attrset(a);
			for (k = 0; k < used; k++)
				for (j = 0; j < width; j++)
					mvaddch(y + line + k, x + j, ' ');
		}
		vg_tui_line(y + line, x, 5, num, a | A_BOLD);
		vg_tui_wrap(stdscr, y + line, x + 5, lw, used, choices[i], a);
		line += used;
	}
	free(h);
	return line;
}

/* ---- Bars --------------------------------------------------------- */

void
vg_tui_bar(int y, int x, int width, double value, double max, attr_t attr)
{
	int halves = 0, i;

	if (width <= 0)
		return;
	if (value >= 0 && max > 0) {
		if (value > max)
			value = max;
		halves = (int)(value / max * width * 2 + 0.5);
	}
	move(y, x);
	for (i = 0; i < width; i++) {
		if (halves >= 2) {
			attrset(attr);
			addstr("\u2588");	/* full block */
			halves -= 2;
		} else if (halves == 1) {
			attrset(attr);
			addstr("\u258c");	/* left half block */
			halves = 0;
		} else {
			attrset(vg_tui_attr(VG_TP_DIM));
			addstr("\u2591");	/* light shade */
		}
	}
	attrset(A_NORMAL);
}

/* ---- One-line editor ---------------------------------------------- */

struct tui_edit {
	wchar_t	*buf;
	size_t	 len, cap, pos, off;
};

static void
tui_edit_draw(const struct tui_edit *e, int y, int x, int width)
{
	size_t i;
	int cols = 0, c, cur = 0;

	/* Scroll so that the cursor shows. */
	attrset(A_UNDERLINE);
	for (i = 0; (int)i < width; i++)
		mvaddch(y, x + (int)i, ' ');
	move(y, x);
	for (i = e->off; i < e->len; i++) {
		c = wcwidth(e->buf[i]);
		if (c < 0)
			c = 1;
		if (cols + c > width - 1)
			break;
		if (i == e->pos)
			cur = cols;
		addnwstr(&e->buf[i], 1);
		cols += c;
	}
	if (e->pos >= i)
		cur = cols;
	attrset(A_NORMAL);
	move(y, x + cur);
}

static void
tui_edit_scroll(struct tui_edit *e, int width)
{
	int cols;
	size_t i;

	if (e->pos < e->off)
		e->off = e->pos;
	for (;;) {
		for (cols = 0, i = e->off; i < e->pos; i++)
			cols += wcwidth(e->buf[i]) > 0 ? wcwidth(e->buf[i]) : 1;
		if (cols < width - 1 || e->off >= e->pos)
			break;
		e->off++;
	}
}

static char *
tui_edit_utf8(const struct tui_edit *e)
{
	mbstate_t ps;
	char *out, *p;
	size_t i, n;

	out = xmalloc(e->len * MB_CUR_MAX + 1);
	memset(&ps, 0, sizeof ps);
	for (p = out, i = 0; i < e->len; i++) {
		n = wcrtomb(p, e->buf[i], &ps);
		if (n != (size_t)-1)
			p += n;
	}
	*p = '\0';
	return out;
}

int
vg_tui_edit(int y, int x, int width, const char *initial, size_t maxlen,
    char **out, void (*redraw)(void *), void *arg)
{
	struct tui_edit e = { 0 };
	mbstate_t ps;
	const char *s = initial ? initial : "";
	wchar_t wc;
	size_t n;
	int k, rc = 0;
	char *u;

	e.cap = strlen(s) + 64;
	e.buf = xcalloc(e.cap, sizeof *e.buf);
	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = 0xfffd;
			n = 1;
			memset(&ps, 0, sizeof ps);
		}
		e.buf[e.len++] = wc;
		s += n;
	}
	e.pos = e.len;
	curs_set(1);
	for (;;) {
		tui_edit_scroll(&e, width);
		tui_edit_draw(&e, y, x, width);
		refresh();
		k = vg_tui_key();
		if (k == KEY_RESIZE) {
			if (redraw != NULL)
				redraw(arg);
			continue;
		}
		if (k == '\r' || k == '\n' || k == KEY_ENTER) {
			*out = tui_edit_utf8(&e);
			rc = 1;
			break;
		}
		if (k == 27)		/* Escape */
			break;
		if (k == KEY_LEFT && e.pos > 0)
			e.pos--;
		else if (k == KEY_RIGHT && e.pos < e.len)
			e.pos++;
		else if (k == KEY_HOME || k == 1)	/* ^A */
			e.pos = 0;
		else if (k == KEY_END || k == 5)	/* ^E */
			e.pos = e.len;
		else if ((k == KEY_BACKSPACE || k == 127 || k == 8) &&
		    e.pos > 0) {
			memmove(&e.buf[e.pos - 1], &e.buf[e.pos],
			    (e.len - e.pos) * sizeof *e.buf);
			e.pos--;
			e.len--;
		} else if (k == KEY_DC && e.pos < e.len) {
			memmove(&e.buf[e.pos], &e.buf[e.pos + 1],
			    (e.len - e.pos - 1) * sizeof *e.buf);
			e.len--;
		} else if (k == 21) {			/* ^U */
			e.len = e.pos = e.off = 0;
		} else if (((k >= 32 && k < KEY_MIN && k != 127) ||
		    (k & VG_TUI_CHAR) || k > KEY_MAX) &&
		    iswprint((wint_t)(k & ~VG_TUI_CHAR))) {
			k &= ~VG_TUI_CHAR;
			u = tui_edit_utf8(&e);
			if (strlen(u) + MB_CUR_MAX > maxlen) {
				free(u);
				beep();
				continue;
			}
			free(u);
			if (e.len + 1 >= e.cap)
				e.buf = xreallocarray(e.buf, e.cap *= 2,
				    sizeof *e.buf);
			memmove(&e.buf[e.pos + 1], &e.buf[e.pos],
			    (e.len - e.pos) * sizeof *e.buf);
			e.buf[e.pos++] = (wchar_t)k;
			e.len++;
		}
	}
	curs_set(0);
	free(e.buf);
	return rc;
}

/* ---- Pager -------------------------------------------------------- */

/* Lines the paragraphs take in WIDTH columns. */
static int
tui_pager_lines(const struct vg_tui_para *p, int n, int width)
{
	int i, lines = 0;

	for (i = 0; i < n; i++)
		lines += p[i].text == NULL ? 1 : vg_tui_wrap(NULL, 0, 0,
		    width - p[i].indent, 0, p[i].text, 0);
	return lines;
}

static void
tui_pager_draw(const char *title, const char *keys,
    const struct vg_tui_para *p, int n, int top)
{
	int i, y = 1, line = 0, h, width = COLS - 2, rows = LINES - 2;
	int total = tui_pager_lines(p, n, width);
	char more[64];

	vg_tui_frame(title, keys);
	for (i = 0; i < n && y <= rows; i++) {
		h = p[i].text == NULL ? 1 : vg_tui_wrap(NULL, 0, 0,
		    width - p[i].indent, 0, p[i].text, 0);
		if (line + h <= top) {
			line += h;
			continue;
		}
		if (p[i].text != NULL) {
			/* Draw the part of the paragraph below TOP. */
			WINDOW *pad = newpad(h, width);
			int skip = top > line ? top - line : 0;
			int show = h - skip;

			if (show > rows - y + 1)
				show = rows - y + 1;
			vg_tui_wrap(pad, 0, p[i].indent, width - p[i].indent,
			    0, p[i].text, p[i].attr);
			copywin(pad, stdscr, skip, 0, y, 1, y + show - 1,
			    width, FALSE);
			delwin(pad);
			y += show;
		} else if (line >= top)
			y++;
		line += h;
	}
	if (total > rows) {
		snprintf(more, sizeof more, " %d%% ", (top + rows) >= total ?
		    100 : (top + rows) * 100 / total);
		vg_tui_line(LINES - 1, COLS - 7, 6, more,
		    vg_tui_attr(VG_TP_KEYS));
	}
}

int
vg_tui_pager(const char *title, const char *keys,
    const struct vg_tui_para *p, int n)
{
	int top = 0, k, total, rows;

	for (;;) {
		rows = LINES - 2;
		total = tui_pager_lines(p, n, COLS - 2);
		if (top > total - rows)
			top = total - rows;
		if (top < 0)
			top = 0;
		tui_pager_draw(title, keys, p, n, top);
		refresh();
		k = vg_tui_key();
		switch (k) {
		case KEY_RESIZE:
			break;
		case KEY_UP:
			top--;
			break;
		case KEY_DOWN:
			top++;
			break;
		case KEY_PPAGE:
			top -= rows - 1;
			break;
		case KEY_NPAGE:
		case ' ':
			top += rows - 1;
			break;
		case KEY_HOME:
			top = 0;
			break;
		case KEY_END:
			top = total;
			break;
		default:
			return k;
		}
	}
}
