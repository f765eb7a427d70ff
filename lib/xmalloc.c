/*
 * xmalloc.c — allocation that stops the program when memory runs out,
 * diagnostics on stderr and the error-string helper. Modelled on tmux's
 * xmalloc.c: callers never test for NULL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/util.h"

void
vg_seterr(char *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err, VG_ERRLEN, fmt, ap);
	va_end(ap);
}

/*
 * Messages often carry outside text (file names, values from a bundle, a
 * rule file, the network): every control character but newline and tab
 * is shown escaped (vg_term_clean_lines), so nothing reaches the
 * terminal raw. Formatted on the stack: fatal() may run out of memory.
 */
static void
warn_out(const char *prefix, const char *fmt, va_list ap)
{
	char buf[8192];

	vsnprintf(buf, sizeof buf, fmt, ap);
	fputs(prefix, stderr);
	vg_term_fputs(buf, stderr);
	fputc('\n', stderr);
}

void
vg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_out("vigie: ", fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_out("vigie: fatal: ", fmt, ap);
	va_end(ap);
	exit(VG_EXIT_ERROR);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = reallocarray(old, n, size)) == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		fatal("out of memory");
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) == -1)
		fatal("out of memory");
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
