/*
 * codepage.h — 8-bit code pages decoded without iconv (see
 * lib/codepage.c for why).
 */
#ifndef VIGIE_CODEPAGE_H
#define VIGIE_CODEPAGE_H

/* 1 when NAME ("CP1252", "CP850") is a code page vigie can decode. */
int		vg_codepage_known(const char *name);
/* The Unicode code point of byte C in code page NAME; U+FFFD for a byte
 * the code page leaves undefined or an unknown NAME. */
unsigned	vg_codepage_char(const char *name, unsigned char c);

#endif
