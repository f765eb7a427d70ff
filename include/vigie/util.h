/*
 * util.h — small shared helpers: where data and user files live, files
 * created private (0600), whole-file reads, UTC time stamps, and text made
 * safe for JSON and terminals.
 */
#ifndef VIGIE_UTIL_H
#define VIGIE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

/*
 * Path of a data file REL ("questionnaire/communes.xml") from the first
 * place that has it: $VIGIE_DATA, the rules/ folder beside the binary or
 * one level up (source tree), ../share/vigie from the binary (installed
 * under any PREFIX). When none has it, the path in the last place tried.
 * Owned by the caller (free).
 */
char	*vg_data_path(const char *rel);

/* $XDG_DATA_HOME/vigie, else $HOME/.local/share/vigie. Owned by caller. */
char	*vg_user_dir(void);

/* Directory of the running binary (from /proc/self/exe). Owned by caller. */
char	*vg_exe_dir(void);

/* mkdir -p with MODE for the directories it creates. */
int	 vg_mkdir_p(const char *path, mode_t mode, char *err);

/*
 * Create PATH for writing with mode 0600 (O_EXCL when EXCL: fails if it
 * exists; else truncates). Returns the descriptor or -1 with err set.
 */
int	 vg_create_private(const char *path, int excl, char *err);

/*
 * Write LEN bytes to PATH atomically (temporary file in the same folder,
 * fsync, rename) with mode 0600.
 */
int	 vg_write_file(const char *path, const void *, size_t len, char *err);

/*
 * Read at most MAX bytes of PATH. Returns a NUL-terminated buffer owned
 * by the caller (free) and its length in *len, or NULL with err set (also
 * when the file is larger than MAX).
 */
char	*vg_read_file(const char *path, size_t max, size_t *len, char *err);

/*
 * REL (an absolute path as the examined system sees it) resolved inside
 * the offline root ROOT the way that system would resolve it: absolute
 * links are taken relative to ROOT and ".." never climbs above it, so
 * nothing outside ROOT is ever reached. Every component but the last is
 * followed, the last too when FOLLOW. Returns a newly allocated path (the
 * caller frees it) with no link left in it (but the last when !FOLLOW),
 * or NULL with err set (a loop of links). ROOT NULL or "" (the running
 * system) returns a copy of REL.
 */
char	*vg_root_path(const char *root, const char *rel, int follow,
	    char *err);

/*
 * When run as root (or VIGIE_SANDBOX is set), let the process write only
 * beneath the N folders DIRS from now on (Linux Landlock; reading is left
 * alone), for good. Returns 1 when restricted, 0 when not needed, -1 with
 * err set when the kernel cannot (the caller warns and goes on).
 */
int	 vg_sandbox(const char *const *dirs, size_t n, char *err);
/*
 * vg_sandbox() for a command whose only writes are its store: the
 * folder of STORE_PATH (the database and its journal), /tmp, /var/tmp
 * and $TMPDIR (SQLite's temporary files). Same returns.
 */
int	 vg_sandbox_store(const char *store_path, char *err);
/* The folder of PATH ("." for a bare name); caller frees. */
char	*vg_dir_of(const char *path);

/*
 * A 64-bit hash (FNV-1a) of the pair of strings A and B, for in-memory
 * hash tables (never stored, not cryptographic).
 */
uint64_t vg_hash_pair(const char *a, const char *b);

/* Write all LEN bytes to FD, retrying on EINTR and short writes. */
int	 vg_write_all(int fd, const void *, size_t len);

/* UTC time as "2026-11-25T17:13:18Z" into OUT (at least 32 bytes). */
void	 vg_time_iso(time_t, char *out);
/* Parse that form (and "YYYY-MM-DD HH:MM[:SS]" taken as UTC). */
int	 vg_time_parse_iso(const char *, time_t *);

/* The value of the hexadecimal digit C (0-9, a-f, A-F), or -1 for any
 * other value, EOF and negative chars included. */
int	 vg_hexval(int c);

/*
 * Text made safe. vg_utf8_valid() tells whether S (LEN bytes) is valid
 * UTF-8. vg_utf8_clean() returns a valid UTF-8 copy where each invalid
 * byte becomes U+FFFD. vg_term_clean() returns a copy fit for a terminal:
 * control characters (newline included) and invalid bytes shown as
 * \n, \t, \xHH. Both results are owned by the caller (free).
 */
int	 vg_utf8_valid(const char *s, size_t len);
char	*vg_utf8_clean(const char *s, size_t len);
char	*vg_term_clean(const char *s);
/* The same, but newlines and tabs are kept (messages of several lines). */
char	*vg_term_clean_lines(const char *s);
/* S on FP through vg_term_clean_lines(): for any text that may hold
 * outside bytes (vg_warn, fatal and usage errors use it). */
void	 vg_term_fputs(const char *s, FILE *fp);

/* Columns S takes on a terminal (wide characters count 2). */
int	 vg_text_width(const char *s);

/* Parse "10M", "2G", "512k", "100" (bytes). Returns -1 on bad input. */
int	 vg_parse_size(const char *, uint64_t *);

/* A copy of S (xstrdup), or NULL when S is NULL. Owned by the caller. */
char	*vg_strdup_null(const char *s);

#endif
