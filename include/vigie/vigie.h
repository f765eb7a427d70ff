/*
 * vigie.h — what every vigie source file needs: exit codes, the global
 * options set on the command line, error strings, out-of-memory-safe
 * allocation and diagnostics on stderr.
 */
#ifndef VIGIE_VIGIE_H
#define VIGIE_VIGIE_H

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

/* Options that every command accepts, set once by the command line. */
struct vg_global {
	const char	*db;		/* --db PATH, else VIGIE_DB, else NULL */
	const char	*commune;	/* --commune NAME, else NULL */
	const char	*lang;		/* "fr" or "en" once i18n is set up */
	int		 json;		/* --json */
	int		 quiet;		/* --quiet */
	int		 color;		/* 0 when NO_COLOR is set */
	int		 argc;		/* the whole command line, for manifests */
	char	       **argv;
};
extern struct vg_global vg_g;

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
