/*
 * tui.h — shared ncursesw helpers for the full-screen parts of vigie (the
 * assessment and incident mode). Screens own their logic; these helpers
 * only draw and read keys: start and stop curses with UTF-8 and optional
 * colour, word-wrap text, draw the title and key bars, a list of choices.
 *
 * Layout rule: everything must fit and stay readable at 80x24; colours
 * are never the only carrier of meaning (NO_COLOR turns them off).
 */
#ifndef VIGIE_TUI_H
#define VIGIE_TUI_H

#include <curses.h>

/* Colour pairs; with NO_COLOR or a monochrome terminal they are plain. */
enum vg_tui_pair {
	VG_TP_NORMAL = 1, VG_TP_TITLE, VG_TP_KEYS, VG_TP_SELECT, VG_TP_DIM,
	VG_TP_L0, VG_TP_L1, VG_TP_L2, VG_TP_L3, VG_TP_L4,
	VG_TP_GOOD, VG_TP_WARN, VG_TP_BAD,
};

/* Start curses (stdscr); returns -1 with err set if stdin/stdout is not a
 * terminal. vg_tui_end() is safe to call twice and runs at exit. */
int	vg_tui_init(char *err);
/* ON 0 (NO_COLOR, set by the command line): screens without colour. */
void	vg_tui_colour_allow(int on);
void	vg_tui_end(void);

/* Attribute for a pair: COLOR_PAIR when colour is on, else a plain
 * attribute that keeps the meaning visible (bold, reverse). */
attr_t	vg_tui_attr(enum vg_tui_pair);

/*
 * Word-wrap TEXT (UTF-8, '\n' forces a break) into WIDTH columns starting
 * at (Y, X) on W, drawing at most MAXLINES lines (all if MAXLINES <= 0)
 * with ATTR. Returns the number of lines the whole text needs, drawn or
 * not, so callers can measure by passing W = NULL.
 */
int	vg_tui_wrap(WINDOW *w, int y, int x, int width, int maxlines,
	    const char *text, attr_t attr);

/* Clear the screen and draw the title bar (top) and the key bar (bottom,
 * e.g. "↑↓ choisir  Entrée valider  ? aide  Échap retour  q quitter"). */
void	vg_tui_frame(const char *title, const char *keys);

/*
 * Read one key; KEY_RESIZE is returned after curses has resized.
 * Function keys come back as KEY_* codes and characters as their code
 * point, except that a character whose code point falls among the KEY_*
 * codes (U+0101..U+01FF: "œ", "ł"...) comes back with VG_TUI_CHAR set.
 */
#define VG_TUI_CHAR	0x40000000
int	vg_tui_key(void);

/*
 * Draw a vertical list of N choices, numbered from 1, with SELECTED
 * highlighted, in the box (Y, X, WIDTH, HEIGHT); long choices wrap.
 * Returns the number of lines drawn.
 */
int	vg_tui_choices(int y, int x, int width, int height,
	    const char *const *choices, int n, int selected);

/* ---- Extensions (assess; reusable by the incident mode) ----------- */

/* Draw one line of TEXT clipped to WIDTH columns at (Y, X) on stdscr.
 * Returns the columns drawn. */
int	vg_tui_line(int y, int x, int width, const char *text, attr_t attr);

/*
 * A horizontal bar of WIDTH cells at (Y, X): VALUE out of MAX drawn with
 * full blocks (half a block for the rest), the remainder with light
 * shade, so that it reads without colour. A negative VALUE draws only
 * the light shade.
 */
void	vg_tui_bar(int y, int x, int width, double value, double max,
	    attr_t attr);

/*
 * Edit one line of text at (Y, X) over WIDTH columns, starting from
 * INITIAL (may be NULL), at most MAXLEN bytes: arrows, Home, End,
 * Backspace, Delete; Enter accepts, Escape cancels. When the terminal
 * is resized, REDRAW (may be NULL) is called with ARG before the field
 * is drawn again. Returns 1 with *out set (caller frees) on Enter, 0 on
 * Escape.
 */
int	vg_tui_edit(int y, int x, int width, const char *initial,
	    size_t maxlen, char **out, void (*redraw)(void *), void *arg);

/*
 * A scrolled page of paragraphs between the title and key bars: arrows,
 * Page Up/Down, Home and End scroll; any other key closes the page and
 * is returned (KEY_RESIZE redraws). A paragraph with NULL text is an
 * empty line. Texts are wrapped to the width at INDENT columns.
 */
struct vg_tui_para {
	const char	*text;
	attr_t		 attr;
	int		 indent;
};
int	vg_tui_pager(const char *title, const char *keys,
	    const struct vg_tui_para *, int n);

/* The columns one UTF-8 string takes, as drawn by these helpers. */
int	vg_tui_width(const char *text);

#endif
