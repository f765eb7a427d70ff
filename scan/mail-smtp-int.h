/*
 * mail-smtp-int.h — the SMTP dialogue of scan/mail-smtp.c over a socket
 * already open, for the fuzz harness (tests/fuzz/fuzz-smtp.c): the
 * server's replies are what it reads. Private to scan/.
 */
#ifndef VIGIE_MAIL_SMTP_INT_H
#define VIGIE_MAIL_SMTP_INT_H

#include "vigie/mail.h"

/*
 * Banner, EHLO and STARTTLS over FD (plain, non-blocking or not), each
 * reply read within TIMEOUT_MS in all: 1 when TLS may start, 0 when the
 * server does not offer it, -1 with p->error set (caller frees it).
 */
int	smtp_greet_fd(int fd, int timeout_ms, struct smtp_probe *p);

#endif
