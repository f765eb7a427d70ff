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

/* Read one key; KEY_RESIZE is returned after curses has resized. */
int	vg_tui_key(void);

/*
 * Draw a vertical list of N choices, numbered from 1, with SELECTED
 * highlighted, in the box (Y, X, WIDTH, HEIGHT); long choices wrap.
 * Returns the number of lines drawn.
 */
int	vg_tui_choices(int y, int x, int width, int height,
	    const char *const *choices, int n, int selected);

#endif
