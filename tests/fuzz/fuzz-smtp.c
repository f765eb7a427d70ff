/*
 * fuzz-smtp.c — the SMTP replies a mail server sends (scan/mail-smtp.c):
 * banner, EHLO extensions and the STARTTLS answer, read by vigie's own
 * line reader over a real loopback TCP connection whose far end sends the
 * input and then closes. Never a crash, an overread or a hang; a bad
 * reply ends with the probe's error set.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/mail.h"
#include "../../scan/mail-smtp-int.h"

#define SMTP_FUZZ_MAX	(48 * 1024)	/* below the socket buffers */

static int	lfd = -1;
static struct sockaddr_in addr;

static void
listen_once(void)
{
	socklen_t	sl = sizeof(addr);

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == -1 ||
	    listen(lfd, 4) == -1 ||
	    getsockname(lfd, (struct sockaddr *)&addr, &sl) == -1)
		abort();
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct smtp_probe	p;
	int			cfd, sfd, rc;
	size_t			off = 0;
	ssize_t			n;

	if (lfd == -1)
		listen_once();
	if (len > SMTP_FUZZ_MAX)
		len = SMTP_FUZZ_MAX;
	if ((cfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(cfd, (struct sockaddr *)&addr, sizeof(addr)) == -1 ||
	    (sfd = accept(lfd, NULL, NULL)) == -1)
		abort();
	/* The server's side: everything at once, then end of stream. */
	while (off < len) {
		if ((n = write(sfd, data + off, len - off)) <= 0)
			abort();
		off += (size_t)n;
	}
	shutdown(sfd, SHUT_WR);
	fcntl(cfd, F_SETFL, fcntl(cfd, F_GETFL) | O_NONBLOCK);
	memset(&p, 0, sizeof(p));
	rc = smtp_greet_fd(cfd, 2000, &p);
	/* -1 and only -1 says why. */
	if ((rc == -1) != (p.error != NULL))
		abort();
	free(p.error);
	close(cfd);
	close(sfd);
	return 0;
}
