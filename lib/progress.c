/*
 * progress.c — the status line for long work: on stderr, only when it is
 * a terminal and --quiet was not given, redrawn at most ten times a
 * second so that drawing never costs more than the work.
 */
#include <sys/ioctl.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/progress.h"
#include "vigie/util.h"

static int	shown;
static struct timespec last;

/* Cut S so that it fits on one line of the terminal: a wrapped status
 * line could not be redrawn in place. */
static void
progress_fit(char *s)
{
	struct winsize ws;
	int cols = 80;
	size_t n;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	n = strlen(s);
	while (n > 0 && vg_text_width(s) > cols - 1) {
		/* Drop one character, not one byte. */
		do
			n--;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80);
		s[n] = '\0';
	}
}

/* Set by vg_progress_quiet() (--quiet). */
static int progress_off;

void
vg_progress_quiet(int quiet)
{
	progress_off = quiet;
}

int
vg_progress_enabled(void)
{
	static int tty = -1;

	if (tty == -1)
		tty = isatty(STDERR_FILENO);
	return tty && !progress_off;
}

void
vg_progress(const char *fmt, ...)
{
	struct timespec now;
	char line[256], *clean;
	va_list ap;
	long ms;

	if (!vg_progress_enabled())
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - last.tv_sec) * 1000 +
	    (now.tv_nsec - last.tv_nsec) / 1000000;
	if (shown && ms < 100)
		return;
	last = now;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	clean = vg_term_clean(line);
	progress_fit(clean);
	/* Carriage return, the line, then clear to the end of the line. */
	fprintf(stderr, "\r%s\033[K", clean);
	fflush(stderr);
	free(clean);
	shown = 1;
}

void
vg_progress_clear(void)
{
	if (!shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	shown = 0;
}
