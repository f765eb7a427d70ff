/*
 * config-decode.c — text as Windows writes it, turned into UTF-8 with LF
 * line ends: UTF-16 LE (reg export, secedit, PowerShell's ">" and
 * Out-File), with or without its BOM, UTF-8 with or without BOM, and the
 * 8-bit code pages of French Windows (CP850 for what cmd.exe redirects,
 * CP1252 for ANSI files). Never fails: bytes that make no sense become
 * U+FFFD.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/util.h"
#include "vigie/codepage.h"
#include "vigie/config.h"

/* Append code point CP to OUT (room for 4 bytes is the caller's job). */
static size_t
put_utf8(unsigned char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* UTF-16 (LE when BE is 0) to UTF-8; stops at a NUL when STOP. */
static char *
utf16_to_utf8(const unsigned char *p, size_t len, int be, int stop,
    size_t *outlen)
{
	unsigned char *out;
	size_t i, o = 0, n = len / 2;

	out = xmalloc(n * 3 + 4);
	for (i = 0; i < n; i++) {
		uint32_t u = be ? (uint32_t)(p[2 * i] << 8 | p[2 * i + 1]) :
		    (uint32_t)(p[2 * i] | p[2 * i + 1] << 8);

		if (u == 0 && stop)
			break;
		if (u >= 0xD800 && u < 0xDC00 && i + 1 < n) {
			uint32_t l = be ?
			    (uint32_t)(p[2 * i + 2] << 8 | p[2 * i + 3]) :
			    (uint32_t)(p[2 * i + 2] | p[2 * i + 3] << 8);

			if (l >= 0xDC00 && l < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) +
				    (l - 0xDC00);
				i++;
			} else
				u = 0xFFFD;
		} else if (u >= 0xD800 && u < 0xE000)
			u = 0xFFFD;
		o += put_utf8(out + o, u);
	}
	/* An odd last byte: the text was cut. */
	if (len % 2 == 1 && !(stop && i < n))
		o += put_utf8(out + o, 0xFFFD);
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return (char *)out;
}

char *
decode_utf16le(const void *buf, size_t len)
{
	return utf16_to_utf8(buf, len, 0, 1, NULL);
}

unsigned char *
decode_to_utf16le(const char *s, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0;
	unsigned char *out = xmalloc(n * 4 + 2);

	while (i < n) {
		uint32_t cp;
		size_t k;

		if (p[i] < 0x80)
			cp = p[i], k = 1;
		else if ((p[i] & 0xE0) == 0xC0 && i + 1 < n)
			cp = (uint32_t)(p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F),
			    k = 2;
		else if ((p[i] & 0xF0) == 0xE0 && i + 2 < n)
			cp = (uint32_t)(p[i] & 0x0F) << 12 |
			    (uint32_t)(p[i + 1] & 0x3F) << 6 |
			    (p[i + 2] & 0x3F), k = 3;
		else if ((p[i] & 0xF8) == 0xF0 && i + 3 < n)
			cp = (uint32_t)(p[i] & 0x07) << 18 |
			    (uint32_t)(p[i + 1] & 0x3F) << 12 |
			    (uint32_t)(p[i + 2] & 0x3F) << 6 |
			    (p[i + 3] & 0x3F), k = 4;
		else
			cp = 0xFFFD, k = 1;
		i += k;
		if (cp >= 0x10000 && cp < 0x110000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10),
			    lo = 0xDC00 + (v & 0x3FF);

			out[o++] = hi & 0xFF, out[o++] = hi >> 8;
			out[o++] = lo & 0xFF, out[o++] = lo >> 8;
		} else {
			if (cp >= 0x10000)
				cp = 0xFFFD;
			out[o++] = cp & 0xFF, out[o++] = (cp >> 8) & 0xFF;
		}
	}
	out[o++] = 0;
	out[o++] = 0;
	*outlen = o;
	return out;
}

int
decode_is_utf16le(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i, pairs = 0, zodd = 0, zeven = 0;

	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return 1;
	/* ASCII-heavy text in UTF-16 LE: every second byte is zero. */
	for (i = 0; i + 1 < len && pairs < 256; i += 2, pairs++) {
		zeven += p[i] == 0;
		zodd += p[i + 1] == 0;
	}
	return pairs >= 1 && zodd * 10 >= pairs * 7 && zeven * 10 < pairs;
}

/* 8-bit code page to UTF-8 by table (lib/codepage.c: no iconv, whose
 * modules the static build would load from the examined machine);
 * undefined bytes -> U+FFFD. */
static char *
codepage_to_utf8(const unsigned char *p, size_t len, const char *cp,
    size_t *outlen)
{
	unsigned char *out = xmalloc(len * 3 + 4);
	size_t o = 0, i;

	for (i = 0; i < len; i++)
		o += put_utf8(out + o, vg_codepage_char(cp, p[i]));
	out[o] = '\0';
	*outlen = o;
	return (char *)out;
}

/* CRLF and lone CR to LF, NUL bytes dropped; in place. */
static size_t
normalise_eol(char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else if (s[i] != '\0')
			s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

char *
decode_text(const void *buf, size_t len, size_t *outlen, const char **enc)
{
	const unsigned char *p = buf;
	const char *e;
	char *s;
	size_t n, i;
	int high = 0, c1 = 0;

	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		e = "UTF-16LE (BOM)";
		s = utf16_to_utf8(p + 2, len - 2, 0, 0, &n);
	} else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		e = "UTF-16BE (BOM)";
		s = utf16_to_utf8(p + 2, len - 2, 1, 0, &n);
	} else if (decode_is_utf16le(p, len)) {
		e = "UTF-16LE";
		s = utf16_to_utf8(p, len, 0, 0, &n);
	} else if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		e = "UTF-8 (BOM)";
		s = vg_utf8_clean((const char *)p + 3, len - 3);
		n = strlen(s);
	} else if (vg_utf8_valid((const char *)p, len)) {
		e = "UTF-8";
		s = xmalloc(len + 1);
		if (len > 0)
			memcpy(s, p, len);
		s[len] = '\0';
		n = len;
	} else {
		/*
		 * 8-bit: cmd.exe redirections use the OEM page (CP850 in
		 * France), where accented letters sit in 0x80-0x9F; ANSI
		 * files (CP1252) rarely use that range.
		 */
		for (i = 0; i < len; i++) {
			high += p[i] >= 0x80;
			c1 += p[i] >= 0x80 && p[i] < 0xA0;
		}
		e = c1 * 2 >= high ? "CP850" : "CP1252";
		s = codepage_to_utf8(p, len, e, &n);
	}
	n = normalise_eol(s, n);
	if (outlen != NULL)
		*outlen = n;
	if (enc != NULL)
		*enc = e;
	return s;
}
