/*
 * buf.c — the growing buffer (include/vigie/buf.h): room is found once
 * per append, doubling from 64 bytes, and formatted text is written in
 * place, without a temporary copy.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/buf.h"

#define BUF_FIRST	64

/* Make room for N more bytes and the final NUL. */
static void
buf_room(struct vg_buf *b, size_t n)
{
	size_t need, cap;

	if (n > SIZE_MAX - b->len - 1)
		fatal("buffer too large");
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : BUF_FIRST;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

void
vg_buf_add(struct vg_buf *b, const void *data, size_t n)
{
	buf_room(b, n);
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
vg_buf_puts(struct vg_buf *b, const char *s)
{
	vg_buf_add(b, s, strlen(s));
}

void
vg_buf_vprintf(struct vg_buf *b, const char *fmt, va_list ap)
{
	va_list	copy;
	int	n;

	buf_room(b, 0);
	va_copy(copy, ap);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, copy);
	va_end(copy);
	if (n < 0)
		fatal("vg_buf_printf: bad format");
	if ((size_t)n >= b->cap - b->len) {
		buf_room(b, (size_t)n);
		if (vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap) != n)
			fatal("vg_buf_printf: the text changed");
	}
	b->len += (size_t)n;
}

void
vg_buf_printf(struct vg_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
vg_buf_sep(struct vg_buf *b, const char *sep)
{
	if (b->len > 0)
		vg_buf_puts(b, sep);
}

void
vg_buf_reset(struct vg_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

char *
vg_buf_take(struct vg_buf *b)
{
	char *p = b->p;

	memset(b, 0, sizeof *b);
	return p;
}

void
vg_buf_free(struct vg_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
