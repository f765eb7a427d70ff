/*
 * base.h — what every vigie source file needs, library and commands
 * alike: exit codes, error strings, out-of-memory-safe allocation and
 * diagnostics on stderr (lib/xmalloc.c).
 */
#ifndef VIGIE_BASE_H
#define VIGIE_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifndef VG_VERSION
#define VG_VERSION "0.1.0"
#endif

/* Exit codes shared by every command. */
#define VG_EXIT_OK	0	/* ran, nothing found */
#define VG_EXIT_FOUND	1	/* ran, findings or matches */
#define VG_EXIT_ERROR	2	/* usage or runtime error */

/*
 * Error strings. A library function that can fail takes a caller-owned
 * buffer "char *err" of VG_ERRLEN bytes, returns 0 or -1, and on failure
 * fills err with a sentence naming the file, the line where there is one,
 * and the cause ("rules/q.xml:12: unknown element <foo>").
 */
#define VG_ERRLEN	1024

void	vg_seterr(char *err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Diagnostics: "vigie: " + message + newline on stderr. */
void	vg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Impossible state or out of memory: message, then exit(VG_EXIT_ERROR). */
void	fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Allocation that never returns NULL: out of memory calls fatal().
 * The caller owns and frees what these return.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *fmt, va_list);

#endif
