/*
 * mail-mtasts.c — fetching an MTA-STS policy over HTTPS with libcurl
 * (RFC 8461 §3.3): the address comes from vigie's resolver (handed to
 * curl with CURLOPT_RESOLVE), the certificate must be valid for
 * mta-sts.DOMAIN, redirects are not followed, and at most MTASTS_MAX
 * bytes are read.
 *
 * This is the only file of vigie that needs libcurl, so libcurl is loaded
 * with dlopen() when `scan mail` starts rather than linked: its tree of
 * libraries (TLS, Kerberos, LDAP, HTTP/2...) cost every other command
 * about 6 MB of memory at start (bench/scan.sh compares peak memory with
 * the yara CLI). A build without it (-DVG_NO_CURL, for the static
 * binary), or a machine where libcurl.so.4 cannot be loaded, keeps the
 * record check and reports the policy as not checked.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#ifdef VG_NO_CURL

void
mtasts_global_init(void)
{
}

void
mtasts_global_cleanup(void)
{
}

int
mtasts_fetch(const struct mail_opts *o, const char *domain, char **body,
    size_t *len, char *why, size_t whylen, int *unavailable)
{
	(void)o;
	(void)domain;
	*body = NULL;
	*len = 0;
	*unavailable = 1;
	snprintf(why, whylen, "%s", _("this build of vigie has no HTTPS "
	    "client: the policy was not fetched"));
	return -2;
}

#else

#include <dlfcn.h>

#include <curl/curl.h>

/* libcurl's functions, found by dlsym(); h is NULL when not loaded. */
static struct {
	void		*h;
	char		 why[256];
	CURLcode	(*global_init)(long);
	void		(*global_cleanup)(void);
	CURL		*(*easy_init)(void);
	CURLcode	(*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	(*easy_perform)(CURL *);
	CURLcode	(*easy_getinfo)(CURL *, CURLINFO, ...);
	void		(*easy_cleanup)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		(*slist_free_all)(struct curl_slist *);
} cu;

/* Load libcurl and its functions; on failure say why in cu.why. */
static void
curl_load(void)
{
	static const struct { const char *name; size_t off; } syms[] = {
#define S(f, m) { #f, offsetof(__typeof__(cu), m) }
		S(curl_global_init, global_init),
		S(curl_global_cleanup, global_cleanup),
		S(curl_easy_init, easy_init),
		S(curl_easy_setopt, easy_setopt),
		S(curl_easy_perform, easy_perform),
		S(curl_easy_getinfo, easy_getinfo),
		S(curl_easy_cleanup, easy_cleanup),
		S(curl_easy_strerror, easy_strerror),
		S(curl_slist_append, slist_append),
		S(curl_slist_free_all, slist_free_all),
#undef S
	};
	void *f;
	size_t i;

	if ((cu.h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(cu.why, sizeof cu.why, "%s", dlerror());
		return;
	}
	for (i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		if ((f = dlsym(cu.h, syms[i].name)) == NULL) {
			snprintf(cu.why, sizeof cu.why, "%s", dlerror());
			dlclose(cu.h);
			cu.h = NULL;
			return;
		}
		memcpy((char *)&cu + syms[i].off, &f, sizeof f);
	}
}

struct sink {
	char	*buf;
	size_t	 len;
	int	 toobig;
};

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 add = size * n;

	if (add > MTASTS_MAX - s->len) {
		s->toobig = 1;
		return 0;	/* stops the transfer */
	}
	s->buf = realloc(s->buf, s->len + add + 1);
	if (s->buf == NULL)
		fatal("out of memory");
	memcpy(s->buf + s->len, p, add);
	s->len += add;
	s->buf[s->len] = '\0';
	return add;
}

void
mtasts_global_init(void)
{
	curl_load();
	if (cu.h != NULL)
		cu.global_init(CURL_GLOBAL_DEFAULT);
}

void
mtasts_global_cleanup(void)
{
	if (cu.h != NULL)
		cu.global_cleanup();
}

/* libcurl's error, said in the user's language (its words follow). */
static const char *
curl_phrase(CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
		return _("the connection was refused");
	case CURLE_OPERATION_TIMEDOUT:
		return _("no answer in time");
	case CURLE_PEER_FAILED_VERIFICATION:
		return _("the certificate is not valid for this name");
	case CURLE_SSL_CONNECT_ERROR:
		return _("the TLS handshake failed");
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
		return _("the server closed the connection");
	default:
		return _("the transfer failed");
	}
}

int
mtasts_fetch(const struct mail_opts *o, const char *domain, char **body,
    size_t *len, char *why, size_t whylen, int *unavailable)
{
	CURL			*c = NULL;
	struct curl_slist	*resolve = NULL;
	struct sink		 s = { NULL, 0, 0 };
	char			*host = NULL, *url = NULL, *entry = NULL;
	char			*addrs[8], ebuf[CURL_ERROR_SIZE];
	const char		*ctype = NULL;
	char			*redir = NULL;
	enum vg_dns_status	 st;
	long			 code = 0;
	int			 i, n = 0, rc = -1;
	CURLcode		 cc;

	*body = NULL;
	*len = 0;
	*unavailable = 0;
	if (cu.h == NULL) {
		*unavailable = 1;
		snprintf(why, whylen, _("the HTTPS client (libcurl) could not be "
		    "loaded (%s): the policy was not fetched"), cu.why);
		return -2;
	}
	host = xasprintf("mta-sts.%s", domain);
	n = vg_dns_addrs(o->dns, host, addrs, 8, &st);
	if (n == 0) {
		snprintf(why, whylen, _("%s has no address: %s"), host,
		    vg_dns_status_text(st));
		rc = -2;
		goto out;
	}
	/* "host:port:addr,addr", IPv6 addresses in brackets. */
	entry = xasprintf("%s:%d:", host, o->https_port);
	for (i = 0; i < n; i++) {
		char	*next;

		next = xasprintf("%s%s%s%s%s", entry, i ? "," : "",
		    strchr(addrs[i], ':') ? "[" : "", addrs[i],
		    strchr(addrs[i], ':') ? "]" : "");
		free(entry);
		entry = next;
	}
	resolve = cu.slist_append(NULL, entry);
	url = xasprintf("https://%s:%d/.well-known/mta-sts.txt", host,
	    o->https_port);
	if ((c = cu.easy_init()) == NULL || resolve == NULL)
		fatal("out of memory");
	ebuf[0] = '\0';
	cu.easy_setopt(c, CURLOPT_URL, url);
	cu.easy_setopt(c, CURLOPT_RESOLVE, resolve);
	cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	cu.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	/* No proxy, whatever https_proxy says: the policy comes from the
	 * address our resolver found (docs/dns.md). */
	cu.easy_setopt(c, CURLOPT_PROXY, "");
	cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
	cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)o->timeout_ms);
	cu.easy_setopt(c, CURLOPT_MAXFILESIZE, (long)MTASTS_MAX);
	cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	cu.easy_setopt(c, CURLOPT_WRITEDATA, &s);
	cu.easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	cu.easy_setopt(c, CURLOPT_USERAGENT, "vigie/" VG_VERSION);
	if (o->ca_file != NULL)
		cu.easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	cc = cu.easy_perform(c);
	if (s.toobig || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(why, whylen, _("the policy is larger than %d bytes"),
		    MTASTS_MAX);
		rc = -2;
		goto out;
	}
	if (cc != CURLE_OK) {
		snprintf(why, whylen, _("fetching %s failed: %s (%s)"), url,
		    curl_phrase(cc), ebuf[0] ? ebuf : cu.easy_strerror(cc));
		/* A certificate refused is the server's fault; the rest
		 * (timeout, connection refused) is an incomplete check. */
		rc = cc == CURLE_PEER_FAILED_VERIFICATION ? -1 : -2;
		goto out;
	}
	cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	cu.easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	if (code >= 300 && code < 400) {
		cu.easy_getinfo(c, CURLINFO_REDIRECT_URL, &redir);
		snprintf(why, whylen, _("%s answers with a redirect (HTTP "
		    "%ld to %s); RFC 8461 forbids following it"), url, code,
		    redir ? redir : "?");
		goto out;
	}
	if (code != 200) {
		snprintf(why, whylen, _("%s answers HTTP %ld"), url, code);
		goto out;
	}
	if (ctype == NULL || strncasecmp(ctype, "text/plain", 10) != 0) {
		snprintf(why, whylen, _("%s is served as %s, not text/plain"),
		    url, ctype ? ctype : "?");
		goto out;
	}
	*body = s.buf != NULL ? s.buf : xstrdup("");
	*len = s.len;
	s.buf = NULL;
	rc = 0;
out:
	if (c != NULL)
		cu.easy_cleanup(c);
	cu.slist_free_all(resolve);
	for (i = 0; i < n; i++)
		free(addrs[i]);
	free(s.buf);
	free(entry);
	free(url);
	free(host);
	return rc;
}

#endif
