/*
 * mail-smtp.c — what an MX host offers on port 25: banner, EHLO,
 * STARTTLS, a TLS handshake with OpenSSL (version, chain, name, expiry),
 * a second handshake limited to TLS 1.0/1.1 to see whether the host still
 * accepts them, and DANE TLSA matching against the chain served.
 *
 * Every step runs on a non-blocking socket against one deadline per
 * connection, so a host that never answers, answers one byte a second or
 * sends a megabyte of banner ends in an error with its reason, in time.
 * Probes are cached per host and address for the whole run: 800
 * communes sharing one provider cost one probe.
 */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"
#include "mail-smtp-int.h"

#define LINE_MAX_SMTP	1000	/* RFC 5321 allows 512 per reply line */
#define REPLY_LINES_MAX	100

struct cache_entry {
	char			*host;
	char			*addr;
	int			 done;
	struct smtp_probe	 p;
	struct cache_entry	*next;
};

struct smtp_cache {
	SSL_CTX			*ctx;		/* TLS 1.2+ */
	SSL_CTX			*old;		/* TLS 1.0-1.1 only */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct cache_entry	*head;
};

struct conn {
	int		 fd;
	SSL		*ssl;
	struct timespec	 deadline;
	char		 buf[LINE_MAX_SMTP + 2];
	size_t		 have;
};

/* ---- time -------------------------------------------------------- */

static int
ms_left(const struct conn *c)
{
	struct timespec	now;
	long		ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (c->deadline.tv_sec - now.tv_sec) * 1000 +
	    (c->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* Wait for EVENTS on the socket; 0 when ready, -1 at the deadline. */
static int
wait_fd(struct conn *c, short events)
{
	struct pollfd	pfd;
	int		left, r;

	for (;;) {
		if ((left = ms_left(c)) == 0)
			return -1;
		pfd.fd = c->fd;
		pfd.events = events;
		r = poll(&pfd, 1, left);
		if (r > 0)
			return 0;
		if (r == 0)
			return -1;
		if (errno != EINTR)
			return -1;
	}
}

/* ---- the line protocol ------------------------------------------------- */

static void
seterr(struct smtp_probe *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
seterr(struct smtp_probe *p, const char *fmt, ...)
{
	va_list	ap;

	if (p->error != NULL)
		return;
	va_start(ap, fmt);
	p->error = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Read up to LEN bytes, plain or TLS. >0 bytes, 0 closed, -1 timeout,
 * -2 other error. */
static int
conn_read(struct conn *c, char *dst, size_t len)
{
	ssize_t	n;
	int	r, e;

	for (;;) {
		if (c->ssl == NULL) {
			n = read(c->fd, dst, len);
			if (n >= 0)
				return (int)n;
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				return -2;
			if (wait_fd(c, POLLIN) == -1)
				return -1;
			continue;
		}
		r = SSL_read(c->ssl, dst, (int)len);
		if (r > 0)
			return r;
		e = SSL_get_error(c->ssl, r);
		if (e == SSL_ERROR_ZERO_RETURN)
			return 0;
		if (e == SSL_ERROR_WANT_READ) {
			if (wait_fd(c, POLLIN) == -1)
				return -1;
		} else if (e == SSL_ERROR_WANT_WRITE) {
			if (wait_fd(c, POLLOUT) == -1)
				return -1;
		} else
			return -2;
	}
}

static int
conn_write(struct conn *c, const char *s)
{
	size_t	len = strlen(s), off = 0;
	ssize_t	n;
	int	r, e;

	while (off < len) {
		if (c->ssl == NULL) {
			n = write(c->fd, s + off, len - off);
			if (n > 0) {
				off += n;
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
			    && wait_fd(c, POLLOUT) == 0)
				continue;
			return -1;
		}
		r = SSL_write(c->ssl, s + off, (int)(len - off));
		if (r > 0) {
			off += r;
			continue;
		}
		e = SSL_get_error(c->ssl, r);
		if ((e == SSL_ERROR_WANT_READ && wait_fd(c, POLLIN) == 0) ||
		    (e == SSL_ERROR_WANT_WRITE && wait_fd(c, POLLOUT) == 0))
			continue;
		return -1;
	}
	return 0;
}

/*
 * Read one reply (all its lines). Returns the code, or -1 with the
 * probe's error set. When EXT is not NULL, sets *EXT if a line of the
 * reply is that keyword (EHLO extensions).
 */
static int
read_reply(struct conn *c, struct smtp_probe *p, const char *what,
    const char *ext, int *found)
{
	char	*nl, line[LINE_MAX_SMTP + 1];
	int	 n, code = -1, lines = 0;
	size_t	 len;

	for (;;) {
		while ((nl = memchr(c->buf, '\n', c->have)) == NULL) {
			if (c->have >= LINE_MAX_SMTP) {
				seterr(p, _("%s: a reply line longer than %d "
				    "bytes"), what, LINE_MAX_SMTP);
				return -1;
			}
			n = conn_read(c, c->buf + c->have,
			    LINE_MAX_SMTP - c->have);
			if (n == -1) {
				seterr(p, _("%s: no complete reply within "
				    "the time allowed (%zu bytes received)"),
				    what, c->have);
				return -1;
			}
			if (n <= 0) {
				seterr(p, _("%s: the server closed the "
				    "connection"), what);
				return -1;
			}
			c->have += n;
		}
		len = nl - c->buf;
		memcpy(line, c->buf, len);
		line[len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		c->have -= nl + 1 - c->buf;
		memmove(c->buf, nl + 1, c->have);
		if (len < 3 || line[0] < '1' || line[0] > '5' ||
		    line[1] < '0' || line[1] > '9' || line[2] < '0' ||
		    line[2] > '9' || (len > 3 && line[3] != ' ' &&
		    line[3] != '-')) {
			seterr(p, _("%s: not an SMTP reply"), what);
			return -1;
		}
		n = (line[0] - '0') * 100 + (line[1] - '0') * 10 +
		    (line[2] - '0');
		if (code != -1 && n != code) {
			seterr(p, _("%s: reply codes change within a reply"),
			    what);
			return -1;
		}
		code = n;
		if (ext != NULL && len >= 4 + strlen(ext) &&
		    strncasecmp(line + 4, ext, strlen(ext)) == 0 &&
		    (line[4 + strlen(ext)] == '\0' ||
		    line[4 + strlen(ext)] == ' '))
			*found = 1;
		if (len == 3 || line[3] == ' ')
			return code;
		if (++lines >= REPLY_LINES_MAX) {
			seterr(p, _("%s: more than %d reply lines"), what,
			    REPLY_LINES_MAX);
			return -1;
		}
	}
}

/* ---- connecting ----------------------------------------------------------- */

static int
conn_open(struct conn *c, const char *addr, int port, int timeout_ms,
    struct smtp_probe *p)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*s6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 sl;
	int			 e = 0;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += timeout_ms / 1000;
	c->deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (c->deadline.tv_nsec >= 1000000000L) {
		c->deadline.tv_sec++;
		c->deadline.tv_nsec -= 1000000000L;
	}
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		sl = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		sl = sizeof(*s6);
	} else {
		seterr(p, _("'%s' is not an address"), addr);
		return -1;
	}
	c->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (c->fd == -1) {
		seterr(p, _("socket: %s"), strerror(errno));
		return -1;
	}
	if (connect(c->fd, (struct sockaddr *)&ss, sl) == -1) {
		if (errno != EINPROGRESS) {
			e = errno;
		} else if (wait_fd(c, POLLOUT) == -1) {
			seterr(p, _("connecting to %s port %d: no answer "
			    "within the time allowed"), addr, port);
			return -1;
		} else {
			sl = sizeof(e);
			getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &sl);
		}
	}
	if (e != 0) {
		seterr(p, _("connecting to %s port %d: %s"), addr, port,
		    strerror(e));
		return -1;
	}
	return 0;
}

static void
conn_close(struct conn *c)
{
	if (c->ssl != NULL)
		SSL_free(c->ssl);
	if (c->fd != -1)
		close(c->fd);
	c->ssl = NULL;
	c->fd = -1;
}

/* Banner, EHLO, STARTTLS: 1 when TLS may start, 0 when not offered. */
static int
smtp_greet(struct conn *c, struct smtp_probe *p)
{
	struct sockaddr_storage	 ss;
	socklen_t		 sl = sizeof(ss);
	char			 me[INET6_ADDRSTRLEN], *ehlo;
	int			 code, tls = 0;

	if ((code = read_reply(c, p, _("banner"), NULL, NULL)) == -1)
		return -1;
	if (code != 220) {
		seterr(p, _("banner: the server answered %d, not 220"), code);
		return -1;
	}
	/* EHLO with our own address as an address literal (RFC 5321). */
	me[0] = '\0';
	if (getsockname(c->fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->
			    sin_addr, me, sizeof(me));
		else
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->
			    sin6_addr, me, sizeof(me));
	}
	ehlo = xasprintf("EHLO [%s%s]\r\n", ss.ss_family == AF_INET6 ?
	    "IPv6:" : "", me);
	code = conn_write(c, ehlo);
	free(ehlo);
	if (code == -1) {
		seterr(p, "%s", _("EHLO: the connection was lost"));
		return -1;
	}
	if ((code = read_reply(c, p, "EHLO", "STARTTLS", &tls)) == -1)
		return -1;
	if (code != 250) {
		seterr(p, _("EHLO: the server answered %d"), code);
		return -1;
	}
	if (!tls)
		return 0;
	if (conn_write(c, "STARTTLS\r\n") == -1) {
		seterr(p, "%s", _("STARTTLS: the connection was lost"));
		return -1;
	}
	if ((code = read_reply(c, p, "STARTTLS", NULL, NULL)) == -1)
		return -1;
	if (code != 220) {
		seterr(p, _("STARTTLS: the server answered %d"), code);
		return -1;
	}
	if (c->have > 0) {
		/* Bytes after 220 would be injected into TLS. */
		seterr(p, "%s", _("STARTTLS: data sent before TLS began"));
		return -1;
	}
	return 1;
}

/* The greeting over an open socket (see mail-smtp-int.h). */
int
smtp_greet_fd(int fd, int timeout_ms, struct smtp_probe *p)
{
	struct conn	c;

	memset(&c, 0, sizeof(c));
	c.fd = fd;
	clock_gettime(CLOCK_MONOTONIC, &c.deadline);
	c.deadline.tv_sec += timeout_ms / 1000;
	c.deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (c.deadline.tv_nsec >= 1000000000L) {
		c.deadline.tv_sec++;
		c.deadline.tv_nsec -= 1000000000L;
	}
	return smtp_greet(&c, p);
}

/* OpenSSL's reason for a failed handshake, in the user's language for
 * the usual ones (the library's own words otherwise). */
static const char *
ssl_reason(void)
{
	unsigned long	e = ERR_peek_last_error();
	const char	*r;

	if (e != 0 && ERR_GET_LIB(e) == ERR_LIB_SSL)
		switch (ERR_GET_REASON(e)) {
		case SSL_R_UNEXPECTED_EOF_WHILE_READING:
			return _("the server closed the connection during the "
			    "handshake");
		case SSL_R_UNSUPPORTED_PROTOCOL:
		case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
		case SSL_R_NO_PROTOCOLS_AVAILABLE:
			return _("no TLS version in common");
		case SSL_R_WRONG_VERSION_NUMBER:
			return _("the answer is not TLS");
		case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
		case SSL_R_NO_SHARED_CIPHER:
			return _("no cipher suite in common");
		}
	r = e ? ERR_reason_error_string(e) : NULL;
	return r != NULL ? r : _("the handshake failed");
}

/* X509_verify_cert_error_string(), in the user's language for the
 * usual reasons. */
static const char *
verify_reason(long res)
{
	switch (res) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return _("the certificate has expired");
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return _("the certificate is not valid yet");
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		return _("the certificate is self-signed");
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		return _("the chain ends with an authority that is not "
		    "trusted");
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		return _("the certificate is not signed by a known authority "
		    "(or the chain is incomplete)");
	case X509_V_ERR_HOSTNAME_MISMATCH:
		return _("the certificate is for another name");
	case X509_V_ERR_CERT_REVOKED:
		return _("the certificate is revoked");
	}
	return X509_verify_cert_error_string(res);
}

static int
handshake(struct conn *c, SSL_CTX *ctx, const char *host,
    struct smtp_probe *p, int quiet)
{
	int	r, e;

	ERR_clear_error();
	if ((c->ssl = SSL_new(ctx)) == NULL)
		fatal("out of memory");
	SSL_set_fd(c->ssl, c->fd);
	SSL_set_tlsext_host_name(c->ssl, host);
	SSL_set1_host(c->ssl, host);
	for (;;) {
		r = SSL_connect(c->ssl);
		if (r == 1)
			return 0;
		e = SSL_get_error(c->ssl, r);
		if (e == SSL_ERROR_WANT_READ && wait_fd(c, POLLIN) == 0)
			continue;
		if (e == SSL_ERROR_WANT_WRITE && wait_fd(c, POLLOUT) == 0)
			continue;
		if (!quiet) {
			if (e == SSL_ERROR_WANT_READ ||
			    e == SSL_ERROR_WANT_WRITE) {
				seterr(p, "%s", _("TLS handshake: no answer "
				    "within the time allowed"));
				p->tls_timeout = 1;
			}
			else
				seterr(p, _("TLS handshake: %s"),
				    ssl_reason());
		}
		return -1;
	}
}

/* What internet.nl judges of a TLS session, from the one negotiated. */
static void
record_params(struct conn *c, struct smtp_probe *p)
{
	const SSL_CIPHER	*ci = SSL_get_current_cipher(c->ssl);
	X509			*leaf = SSL_get0_peer_certificate(c->ssl);
	EVP_PKEY		*k = NULL;
	const char		*g;
	int			 nid, md = NID_undef, pk = NID_undef, kx;

	if (ci != NULL) {
		snprintf(p->cipher, sizeof(p->cipher), "%s",
		    SSL_CIPHER_get_name(ci));
		p->cipher_bits = SSL_CIPHER_get_bits(ci, NULL);
		p->aead = SSL_CIPHER_is_aead(ci);
		kx = SSL_CIPHER_get_kx_nid(ci);
		/* TLS 1.3 suites (kx "any") always exchange ephemeral keys. */
		p->kx_fs = kx == NID_kx_ecdhe || kx == NID_kx_dhe ||
		    kx == NID_kx_any;
	}
	nid = SSL_get_negotiated_group(c->ssl);
	if (nid != 0 && nid != NID_undef &&
	    (g = SSL_group_to_name(c->ssl, nid)) != NULL)
		snprintf(p->group, sizeof(p->group), "%s", g);
	if (SSL_get_peer_tmp_key(c->ssl, &k) == 1 && k != NULL) {
		p->group_bits = EVP_PKEY_get_bits(k);
		if (p->group[0] == '\0' && EVP_PKEY_get_base_id(k) ==
		    EVP_PKEY_DH)
			snprintf(p->group, sizeof(p->group), "DHE");
		EVP_PKEY_free(k);
	}
	if (leaf != NULL) {
		EVP_PKEY *pub = X509_get0_pubkey(leaf);

		if (pub != NULL) {
			int id = EVP_PKEY_get_base_id(pub);

			snprintf(p->certkey, sizeof(p->certkey), "%s",
			    id == EVP_PKEY_RSA ? "RSA" : id == EVP_PKEY_EC ?
			    "EC" : id == EVP_PKEY_ED25519 ? "ED25519" :
			    id == EVP_PKEY_ED448 ? "ED448" : id ==
			    EVP_PKEY_DSA ? "DSA" : "?");
			p->certbits = EVP_PKEY_get_bits(pub);
		}
		nid = X509_get_signature_nid(leaf);
		snprintf(p->sigalg, sizeof(p->sigalg), "%s", OBJ_nid2sn(nid));
		if (OBJ_find_sigid_algs(nid, &md, &pk) == 1)
			p->sig_weak = md == NID_sha1 || md == NID_md5 ||
			    md == NID_md5_sha1;
	}
	p->reneg = SSL_version(c->ssl) >= TLS1_3_VERSION ? -1 :
	    SSL_get_secure_renegotiation_support(c->ssl) ? 1 : 0;
	p->compressed = SSL_get_current_compression(c->ssl) != NULL;
}

static void
record_chain(struct conn *c, struct smtp_probe *p)
{
	STACK_OF(X509)	*chain = SSL_get_peer_cert_chain(c->ssl);
	X509		*leaf;
	long		 res;
	int		 i, n, days = 0, secs = 0;

	snprintf(p->version, sizeof(p->version), "%s",
	    SSL_get_version(c->ssl));
	res = SSL_get_verify_result(c->ssl);
	p->verify_ok = res == X509_V_OK;
	if (!p->verify_ok)
		p->verify_why = xstrdup(verify_reason(res));
	n = chain ? sk_X509_num(chain) : 0;
	if (n > 10)
		n = 10;
	p->der = xcalloc(n > 0 ? n : 1, sizeof(*p->der));
	p->derlen = xcalloc(n > 0 ? n : 1, sizeof(*p->derlen));
	for (i = 0; i < n; i++) {
		unsigned char	*der = NULL;
		int		 len = i2d_X509(sk_X509_value(chain, i), &der);

		if (len <= 0)
			break;
		p->der[i] = xmalloc(len);
		memcpy(p->der[i], der, len);
		p->derlen[i] = len;
		OPENSSL_free(der);
		p->ncerts++;
	}
	record_params(c, p);
	if ((leaf = SSL_get0_peer_certificate(c->ssl)) != NULL &&
	    ASN1_TIME_diff(&days, &secs, NULL, X509_get0_notAfter(leaf))) {
		p->days_left = days;
		p->expired = days < 0 || secs < 0;
	}
}

void
smtp_probe(const struct mail_opts *o, const char *host, const char *addr,
    struct smtp_probe *p)
{
	struct conn	c;
	int		r;

	memset(p, 0, sizeof(*p));
	p->addr = xstrdup(addr);
	if (conn_open(&c, addr, o->smtp_port, o->timeout_ms, p) == -1)
		goto out;
	p->connected = 1;
	if ((r = smtp_greet(&c, p)) <= 0)
		goto out;
	p->starttls = 1;
	if (handshake(&c, o->cache->ctx, host, p, 0) == -1) {
		struct smtp_probe	scratch;

		conn_close(&c);
		if (p->tls_timeout)
			goto out;
		/* Refused with TLS 1.2 and later: does the server only speak
		 * TLS 1.0 or 1.1? Then the version is the verdict. */
		memset(&scratch, 0, sizeof(scratch));
		if (conn_open(&c, addr, o->smtp_port, o->timeout_ms,
		    &scratch) == 0 && smtp_greet(&c, &scratch) == 1 &&
		    handshake(&c, o->cache->old, host, &scratch, 1) == 0) {
			p->old_tested = p->old_accepted = p->old_only = 1;
			snprintf(p->version, sizeof(p->version), "%s",
			    SSL_get_version(c.ssl));
		}
		free(scratch.error);
		goto out;
	}
	p->handshake = 1;
	record_chain(&c, p);
	conn_write(&c, "QUIT\r\n");
	conn_close(&c);

	/* A second connection that offers only TLS 1.0 and 1.1. */
	{
		struct smtp_probe	scratch;

		memset(&scratch, 0, sizeof(scratch));
		if (conn_open(&c, addr, o->smtp_port, o->timeout_ms,
		    &scratch) == 0 && smtp_greet(&c, &scratch) == 1) {
			p->old_tested = 1;
			p->old_accepted = handshake(&c, o->cache->old, host,
			    &scratch, 1) == 0;
		}
		free(scratch.error);
	}
out:
	conn_close(&c);
}

void
smtp_probe_free(struct smtp_probe *p)
{
	int	i;

	for (i = 0; i < p->ncerts; i++)
		free(p->der[i]);
	free(p->der);
	free(p->derlen);
	free(p->verify_why);
	free(p->error);
	free(p->addr);
	memset(p, 0, sizeof(*p));
}

/* ---- the cache ------------------------------------------------------------ */

struct smtp_cache *
smtp_cache_new(const char *ca_file, char *err)
{
	struct smtp_cache	*sc;

	sc = xcalloc(1, sizeof(*sc));
	pthread_mutex_init(&sc->lock, NULL);
	pthread_cond_init(&sc->cond, NULL);
	sc->ctx = SSL_CTX_new(TLS_client_method());
	sc->old = SSL_CTX_new(TLS_client_method());
	if (sc->ctx == NULL || sc->old == NULL)
		fatal("out of memory");
	SSL_CTX_set_min_proto_version(sc->ctx, TLS1_2_VERSION);
	/* Verification is recorded, not enforced: we want to see it all. */
	SSL_CTX_set_verify(sc->ctx, SSL_VERIFY_NONE, NULL);
	if (ca_file != NULL) {
		if (SSL_CTX_load_verify_locations(sc->ctx, ca_file,
		    NULL) != 1) {
			vg_seterr(err, "%s: cannot read these CA "
			    "certificates", ca_file);
			smtp_cache_free(sc);
			return NULL;
		}
	} else
		SSL_CTX_set_default_verify_paths(sc->ctx);
	SSL_CTX_set_verify(sc->old, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_min_proto_version(sc->old, TLS1_VERSION);
	SSL_CTX_set_max_proto_version(sc->old, TLS1_1_VERSION);
	SSL_CTX_set_cipher_list(sc->old, "DEFAULT:@SECLEVEL=0");
	return sc;
}

void
smtp_cache_free(struct smtp_cache *sc)
{
	struct cache_entry	*e, *next;

	if (sc == NULL)
		return;
	for (e = sc->head; e != NULL; e = next) {
		next = e->next;
		smtp_probe_free(&e->p);
		free(e->host);
		free(e->addr);
		free(e);
	}
	SSL_CTX_free(sc->ctx);
	SSL_CTX_free(sc->old);
	pthread_mutex_destroy(&sc->lock);
	pthread_cond_destroy(&sc->cond);
	free(sc);
}

const struct smtp_probe *
smtp_probe_cached(const struct mail_opts *o, const char *host,
    const char *addr)
{
	struct smtp_cache	*sc = o->cache;
	struct cache_entry	*e;

	pthread_mutex_lock(&sc->lock);
	for (e = sc->head; e != NULL; e = e->next)
		if (strcasecmp(e->host, host) == 0 &&
		    strcmp(e->addr, addr) == 0)
			break;
	if (e != NULL) {
		while (!e->done)
			pthread_cond_wait(&sc->cond, &sc->lock);
		pthread_mutex_unlock(&sc->lock);
		return &e->p;
	}
	e = xcalloc(1, sizeof(*e));
	e->host = xstrdup(host);
	e->addr = xstrdup(addr);
	e->next = sc->head;
	sc->head = e;
	pthread_mutex_unlock(&sc->lock);

	smtp_probe(o, host, addr, &e->p);

	pthread_mutex_lock(&sc->lock);
	e->done = 1;
	pthread_cond_broadcast(&sc->cond);
	pthread_mutex_unlock(&sc->lock);
	return &e->p;
}

/* ---- DANE ------------------------------------------------------------------ */

int
smtp_tlsa_match(const struct smtp_probe *p, const unsigned char *rd,
    size_t len, const char **why)
{
	unsigned char		 md[EVP_MAX_MD_SIZE], *spki = NULL;
	const unsigned char	*q, *data;
	unsigned int		 mdlen;
	size_t			 dlen;
	X509			*x;
	int			 usage, sel, mt, i, first, last, match = 0;

	*why = NULL;
	if (len < 4) {
		*why = N_("a TLSA record too short");
		return -1;
	}
	usage = rd[0];
	sel = rd[1];
	mt = rd[2];
	data = rd + 3;
	dlen = len - 3;
	if (usage > 3 || sel > 1 || mt > 2) {
		*why = N_("a TLSA record with unknown parameters");
		return -1;
	}
	if ((mt == 1 && dlen != 32) || (mt == 2 && dlen != 64)) {
		*why = N_("a TLSA digest of the wrong length");
		return -1;
	}
	if (p->ncerts == 0)
		return 0;
	/* End-entity usages look at the leaf, trust anchors at the rest. */
	first = (usage == 1 || usage == 3) ? 0 : 1;
	last = (usage == 1 || usage == 3) ? 0 : p->ncerts - 1;
	for (i = first; i <= last && !match; i++) {
		const unsigned char	*obj;
		int			 olen;

		q = p->der[i];
		if ((x = d2i_X509(NULL, &q, p->derlen[i])) == NULL)
			continue;
		if (sel == 0) {
			obj = p->der[i];
			olen = p->derlen[i];
		} else {
			spki = NULL;
			olen = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki);
			obj = spki;
		}
		if (olen > 0) {
			if (mt == 0)
				match = (size_t)olen == dlen &&
				    memcmp(obj, data, dlen) == 0;
			else {
				EVP_Digest(obj, olen, md, &mdlen, mt == 1 ?
				    EVP_sha256() : EVP_sha512(), NULL);
				match = mdlen == dlen &&
				    memcmp(md, data, dlen) == 0;
			}
		}
		OPENSSL_free(spki);
		spki = NULL;
		X509_free(x);
	}
	return match;
}
