/*
 * mail-domains.h — the reader of `scan mail --domains-file` (scan/mail.c),
 * exposed for the fuzz harness (tests/fuzz/fuzz-domains.c). Private to
 * scan/.
 */
#ifndef VIGIE_MAIL_DOMAINS_H
#define VIGIE_MAIL_DOMAINS_H

/*
 * Append each domain of the file PATH (one a line, # comments and blank
 * lines skipped) to the NULL-terminated vector *V of *N strings, both
 * the caller's (free each, then the vector). Returns -1 with err naming
 * the file and line at the first bad one.
 */
int	mail_read_domains(const char *path, char ***v, int *n, char *err);

#endif
