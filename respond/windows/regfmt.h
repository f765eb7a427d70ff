/*
 * regfmt.h — the portable part of vigie-collect.exe (no Win32 here, so
 * that it is unit-tested and fuzzed on Linux): a growable byte buffer,
 * UTF-16 LE to UTF-8, JSON strings (ASCII, \u escapes), and registry
 * values written as `reg export` writes them (.reg, version 5.00), the
 * format `vigie scan config --windows` reads (scan/config-reg.c).
 *
 * Registry names and data come from the examined machine: they are
 * untrusted bytes. Every function here accepts any bytes and either
 * writes a faithful representation or refuses (returns -1) without
 * writing anything.
 */
#ifndef VIGIE_REGFMT_H
#define VIGIE_REGFMT_H

#include <stddef.h>
#include <stdint.h>

/* A growable buffer; rb_free releases it. p is NUL-terminated. */
struct rbuf {
	char	*p;
	size_t	 n, cap;
	int	 oom;		/* an allocation failed: content is cut */
};

void	rb_add(struct rbuf *, const void *, size_t);
void	rb_str(struct rbuf *, const char *);
#ifdef __MINGW32__
#define RF_PRINTF	gnu_printf
#else
#define RF_PRINTF	printf
/*
 * The file a service's ImagePath names (UTF-8, from the registry of the
 * examined PC, environment variables already expanded): "quoted path"
 * args, \SystemRoot\..., \??\C:\..., System32\... (relative to
 * SYSROOT, "C:\Windows"), or an unquoted path cut after its ".exe" /
 * ".sys" / ".dll" or at its first space. Written to OUT (size N, always
 * NUL-terminated); -1 when nothing usable (empty, too long).
 */
int	rf_service_file(const char *imagepath, const char *sysroot, char *out,
	    size_t n);

#endif
void	rb_printf(struct rbuf *, const char *, ...)
	    __attribute__((format(RF_PRINTF, 2, 3)));
void	rb_free(struct rbuf *);

/*
 * UTF-16 LE bytes (NBYTES, an odd last byte is ignored) appended as
 * UTF-8. STRICT: -1 (nothing appended) on a lone surrogate; otherwise
 * each one becomes U+FFFD. Stops at nothing: NULs are copied.
 */
int	rf_utf16_to_utf8(struct rbuf *, const unsigned char *, size_t nbytes,
	    int strict);

/* UTF-8 text appended as UTF-16 LE with a BOM, "\n" written "\r\n". */
void	rf_utf8_to_utf16_file(struct rbuf *, const char *, size_t);

/* A JSON string (quotes included) of UTF-8 bytes: ASCII output, every
 * non-ASCII character \u-escaped, invalid bytes as U+FFFD. */
void	rf_json_str(struct rbuf *, const char *, size_t);

/* Registry value types. */
#define RF_REG_NONE		0
#define RF_REG_SZ		1
#define RF_REG_EXPAND_SZ	2
#define RF_REG_BINARY		3
#define RF_REG_DWORD		4
#define RF_REG_MULTI_SZ		7
#define RF_REG_QWORD		11

/*
 * The line "[ROOT\PATH]" for key PATH (UTF-16 LE) under ROOT
 * ("HKEY_LOCAL_MACHINE"...), or "[-ROOT\PATH]" when ABSENT. -1 when the
 * name cannot be written in a .reg file (a CR, LF or NUL in it).
 */
int	rf_reg_key(struct rbuf *, const char *root, const unsigned char *path,
	    size_t nbytes, int absent);

/*
 * One value line ("name"=..., @= for the default value) as reg export
 * writes it: strings as "text" when the data is a well-formed
 * NUL-terminated UTF-16 string without line breaks, else hex(1):; DWORD
 * as dword:; other types and odd sizes as hex: / hex(N): with "\"
 * continuation lines. -1 (nothing written) when the name cannot be
 * written (CR, LF, NUL or a lone surrogate in it).
 */
int	rf_reg_value(struct rbuf *, const unsigned char *name, size_t nbytes,
	    uint32_t type, const unsigned char *data, size_t len);

/*
 * The file a service's ImagePath names (UTF-8, from the registry of the
 * examined PC, environment variables already expanded): "quoted path"
 * args, \SystemRoot\..., \??\C:\..., System32\... (relative to
 * SYSROOT, "C:\Windows"), or an unquoted path cut after its ".exe" /
 * ".sys" / ".dll" or at its first space. Written to OUT (size N, always
 * NUL-terminated); -1 when nothing usable (empty, too long).
 */
int	rf_service_file(const char *imagepath, const char *sysroot, char *out,
	    size_t n);

#endif
