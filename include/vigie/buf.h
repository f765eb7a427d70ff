/*
 * buf.h — the one growing buffer of vigie: bytes or text appended at the
 * end, always NUL-terminated once something was added, grown by doubling.
 * Out of memory stops the program (xmalloc), so appending never fails.
 */
#ifndef VIGIE_BUF_H
#define VIGIE_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A buffer starts zeroed (VG_BUF_INIT or memset): P is NULL until the
 * first append, even an empty one, which allocates and NUL-terminates.
 * The buffer owns P: vg_buf_free() releases it, vg_buf_take() hands it
 * to the caller. LEN counts the bytes before the final NUL. Callers may
 * read P and LEN directly; only the functions below change them.
 */
struct vg_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};
#define VG_BUF_INIT	{ NULL, 0, 0 }

/* Append N bytes of DATA (may be NULL when N is 0). */
void	 vg_buf_add(struct vg_buf *, const void *data, size_t n);
/* Append the string S. */
void	 vg_buf_puts(struct vg_buf *, const char *s);
/* Append formatted text. */
void	 vg_buf_printf(struct vg_buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 vg_buf_vprintf(struct vg_buf *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Append SEP when the buffer already holds something ("; " lists). */
void	 vg_buf_sep(struct vg_buf *, const char *sep);
/* Empty the buffer, keeping its memory for reuse. */
void	 vg_buf_reset(struct vg_buf *);
/* The contents, now owned by the caller (free; NULL if nothing was
 * ever added); the buffer is left empty, as after vg_buf_free(). */
char	*vg_buf_take(struct vg_buf *);
/* Release the contents; the buffer may be used again. */
void	 vg_buf_free(struct vg_buf *);

#endif
