/*
 * progress.h — one status line on stderr for long work, shown only when
 * stderr is a terminal and --quiet is not given; redrawn at most ten
 * times a second.
 */
#ifndef VIGIE_PROGRESS_H
#define VIGIE_PROGRESS_H

int	vg_progress_enabled(void);
/* QUIET (--quiet, set by the command line): no progress at all. */
void	vg_progress_quiet(int quiet);
/* Replace the status line (no newline in FMT). */
void	vg_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Erase the status line, e.g. before printing results. */
void	vg_progress_clear(void);

#endif
