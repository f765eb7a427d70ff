/*
 * dns.c — the one resolver of vigie: libunbound in asynchronous mode, a
 * background thread that delivers answers, and per-query deadlines.
 * See include/vigie/dns.h for the contract and docs/dns.md for the why.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unbound.h>

#include "vigie/base.h"
#include "vigie/dns.h"
#include "vigie/i18n.h"
#include "dns-int.h"

#define ROOT_KEY	"/usr/share/dns/root.key"

#define ANCHORS_MAX	16

struct vg_dns {
	struct ub_ctx	*plain;
	int		 anchored;	/* a trust anchor file is there */
	char		*fwd;		/* "IP@PORT" or NULL */
	char		*ta;		/* trust anchor file, or NULL */
	char		*anchor[ANCHORS_MAX];	/* zones of the anchors */
	int		 nanchor;
	int		 timeout_ms;
	pthread_mutex_t	 lock;		/* guards every struct query */
	pthread_t	 thread;
	int		 running;
	int		 stop;
	int		 wake[2];	/* a byte here stops the thread */
};

/* One query in flight; lives on the asking thread's stack. */
struct query {
	pthread_cond_t	 cond;
	int		 done;
	int		 err;
	struct ub_result *res;
	struct vg_dns	*d;		/* whose lock guards this */
};

/* ---- background delivery ------------------------------------------ */

static void
on_answer(void *arg, int err, struct ub_result *res)
{
	struct query	*q = arg;
	struct vg_dns	*d = q->d;

	pthread_mutex_lock(&d->lock);
	q->err = err;
	q->res = res;
	q->done = 1;
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&d->lock);
}

static void *
dispatch(void *arg)
{
	struct vg_dns	*d = arg;
	struct pollfd	 pfd[2];
	int		 stop;

	pfd[0].fd = ub_fd(d->plain);
	pfd[1].fd = d->wake[0];
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		pthread_mutex_lock(&d->lock);
		stop = d->stop;
		pthread_mutex_unlock(&d->lock);
		if (stop)
			break;
		if (poll(pfd, 2, 1000) <= 0)
			continue;
		if (pfd[0].revents)
			ub_process(d->plain);
	}
	return NULL;
}

/* ---- set-up --------------------------------------------------------- */

/* "IP", "IP:PORT", "[IP6]:PORT", "IP6" into unbound's "IP@PORT". */
static int
server_spec(const char *in, char *out, size_t outlen, char *err)
{
	char		 host[INET6_ADDRSTRLEN + 1], buf[16];
	const char	*port = NULL, *p;
	size_t		 n;
	long		 pn;
	char		*end;

	if (in[0] == '[') {
		if ((p = strchr(in, ']')) == NULL)
			goto bad;
		n = p - in - 1;
		if (p[1] == ':')
			port = p + 2;
		else if (p[1] != '\0')
			goto bad;
		in++;
	} else if ((p = strchr(in, ':')) != NULL && strchr(p + 1, ':') == NULL) {
		n = p - in;
		port = p + 1;
	} else
		n = strlen(in);
	if (n == 0 || n >= sizeof(host))
		goto bad;
	memcpy(host, in, n);
	host[n] = '\0';
	if (inet_pton(AF_INET, host, buf) != 1 &&
	    inet_pton(AF_INET6, host, buf) != 1)
		goto bad;
	pn = 53;
	if (port != NULL) {
		errno = 0;
		pn = strtol(port, &end, 10);
		if (errno || *end != '\0' || pn < 1 || pn > 65535)
			goto bad;
	}
	snprintf(out, outlen, "%s@%ld", host, pn);
	return 0;
bad:
	vg_seterr(err, "resolver '%s': expected IP or IP:PORT", in);
	return -1;
}

/* Options, forwarder and trust anchor TA (or NULL) of one context.
 * ub_ctx_zone_add() finalizes the context: it must come last. */
static int
ctx_setup(struct ub_ctx *ctx, const char *fwd, const char *ta, char *err)
{
	int	r;

	if ((r = ub_ctx_async(ctx, 1)) != 0)
		goto fail;
	/* Quiet: libunbound would log to stderr otherwise. */
	if ((r = ub_ctx_set_option(ctx, "verbosity:", "0")) != 0)
		goto fail;
	if (fwd != NULL) {
		if ((r = ub_ctx_set_fwd(ctx, fwd)) != 0)
			goto fail;
		/* A lab resolver on loopback serves RFC 6761 test names. */
		if ((r = ub_ctx_set_option(ctx, "do-not-query-localhost:",
		    "no")) != 0)
			goto fail;
		/* The resolver given answers for private reverse zones too
		 * (10.in-addr.arpa...): libunbound would answer them itself
		 * otherwise, and ptr or %{p} would never see them. */
		if ((r = ub_ctx_set_option(ctx, "unblock-lan-zones:",
		    "yes")) != 0 || (r = ub_ctx_set_option(ctx,
		    "insecure-lan-zones:", "yes")) != 0)
			goto fail;
	}
	if (ta != NULL && (r = ub_ctx_add_ta_file(ctx, ta)) != 0) {
		vg_seterr(err, "%s: trust anchor: %s", ta, ub_strerror(r));
		return -1;
	}
	if (fwd != NULL && (r = ub_ctx_zone_add(ctx, "test.", "nodefault")) != 0)
		goto fail;
	return 0;
fail:
	vg_seterr(err, "DNS resolver set-up: %s", ub_strerror(r));
	return -1;
}

/*
 * The owner names of the DS and DNSKEY lines of trust anchor file PATH
 * into ANCHOR (at most MAX; "." for the root; see dns-int.h), so a
 * validation failure can be placed: at the anchor itself (the chain
 * cannot be built through this resolver) or below it (the zone is
 * bogus).
 */
int
vg_dns_anchors_read(const char *path, char **anchor, int max)
{
	FILE	*fp;
	char	 line[4096], owner[256], *p, *tok, *save;
	int	 i, dup, isrr, n = 0;

	if ((fp = fopen(path, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL &&
	    n < max) {
		if ((p = strchr(line, ';')) != NULL)
			*p = '\0';
		save = NULL;
		if ((tok = strtok_r(line, " \t\r\n", &save)) == NULL ||
		    strlen(tok) >= sizeof(owner))
			continue;
		snprintf(owner, sizeof(owner), "%s", tok);
		isrr = 0;
		while ((tok = strtok_r(NULL, " \t\r\n", &save)) != NULL)
			if (strcasecmp(tok, "DS") == 0 ||
			    strcasecmp(tok, "DNSKEY") == 0)
				isrr = 1;
		if (!isrr)
			continue;
		for (p = owner; *p != '\0'; p++)
			*p = tolower((unsigned char)*p);
		/* Not a name (an empty label): no zone to place. */
		if (strstr(owner, "..") != NULL ||
		    (owner[0] == '.' && owner[1] != '\0'))
			continue;
		if (p - owner > 1 && p[-1] == '.')
			p[-1] = '\0';
		for (i = 0, dup = 0; i < n; i++)
			dup |= strcmp(anchor[i], owner) == 0;
		if (!dup)
			anchor[n++] = xstrdup(owner);
	}
	fclose(fp);
	return n;
}

int
vg_dns_new(const struct vg_dns_opts *o, struct vg_dns **out, char *err)
{
	struct vg_dns	*d;
	char		 fwd[128];
	const char	*ta;

	*out = NULL;
	if (o->server != NULL &&
	    server_spec(o->server, fwd, sizeof(fwd), err) == -1)
		return -1;
	d = xcalloc(1, sizeof(*d));
	d->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 5000;
	d->wake[0] = d->wake[1] = -1;
	pthread_mutex_init(&d->lock, NULL);
	if (pipe2(d->wake, O_CLOEXEC) == -1) {
		vg_seterr(err, "DNS resolver: pipe: %s", strerror(errno));
		goto fail;
	}
	d->plain = ub_ctx_create();
	if (d->plain == NULL) {
		vg_seterr(err, "DNS resolver set-up: out of memory");
		goto fail;
	}
	ta = o->trust_anchor;
	if (ta == NULL && access(ROOT_KEY, R_OK) == 0)
		ta = ROOT_KEY;
	if (ta != NULL && access(ta, R_OK) == -1) {
		vg_seterr(err, "%s: %s", ta, strerror(errno));
		goto fail;
	}
	if (o->server != NULL)
		d->fwd = xstrdup(fwd);
	if (ta != NULL) {
		d->ta = xstrdup(ta);
		d->nanchor = vg_dns_anchors_read(ta, d->anchor, ANCHORS_MAX);
		/* Check the file once, with the options the per-domain
		 * validators will use. */
		{
			struct ub_ctx *v = ub_ctx_create();

			if (v == NULL) {
				vg_seterr(err, "DNS resolver set-up: out of "
				    "memory");
				goto fail;
			}
			if (ctx_setup(v, d->fwd, d->ta, err) == -1) {
				ub_ctx_delete(v);
				goto fail;
			}
			ub_ctx_delete(v);
		}
	}
	if (ctx_setup(d->plain, d->fwd, NULL, err) == -1)
		goto fail;
	d->anchored = ta != NULL;
	if (pthread_create(&d->thread, NULL, dispatch, d) != 0) {
		vg_seterr(err, "DNS resolver: cannot start its thread");
		goto fail;
	}
	d->running = 1;
	*out = d;
	return 0;
fail:
	vg_dns_free(d);
	return -1;
}

void
vg_dns_free(struct vg_dns *d)
{
	int	i;

	if (d == NULL)
		return;
	if (d->running) {
		pthread_mutex_lock(&d->lock);
		d->stop = 1;
		pthread_mutex_unlock(&d->lock);
		if (write(d->wake[1], "", 1) == -1) {
			/* The thread still sees stop within a second. */
		}
		pthread_join(d->thread, NULL);
	}
	vg_dns_fresh(d);
	if (d->wake[0] != -1) {
		close(d->wake[0]);
		close(d->wake[1]);
	}
	if (d->plain != NULL)
		ub_ctx_delete(d->plain);
	for (i = 0; i < d->nanchor; i++)
		free(d->anchor[i]);
	free(d->fwd);
	free(d->ta);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

int
vg_dns_can_validate(const struct vg_dns *d)
{
	return d->anchored;
}

/* ---- queries -------------------------------------------------------- */

/* The calling thread's budget (see vg_dns_thread_deadline()). */
static __thread struct timespec	tl_deadline;
static __thread int		tl_has_deadline;

void
vg_dns_thread_deadline(int ms)
{
	tl_has_deadline = ms > 0;
	if (ms <= 0)
		return;
	clock_gettime(CLOCK_REALTIME, &tl_deadline);
	tl_deadline.tv_sec += ms / 1000;
	tl_deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (tl_deadline.tv_nsec >= 1000000000L) {
		tl_deadline.tv_sec++;
		tl_deadline.tv_nsec -= 1000000000L;
	}
}

static int
ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Skip a possibly compressed name in a packet; -1 if malformed. */
static int
skip_name(const unsigned char *p, size_t len, size_t *off)
{
	size_t	i = *off;

	while (i < len) {
		if ((p[i] & 0xc0) == 0xc0) {
			*off = i + 2;
			return i + 2 <= len ? 0 : -1;
		}
		if (p[i] == 0) {
			*off = i + 1;
			return 0;
		}
		i += p[i] + 1;
	}
	return -1;
}

/* Whether the authority section of the answer PKT holds an SOA. */
int
vg_dns_has_soa(const void *pkt, int plen)
{
	const unsigned char	*p = pkt;
	size_t			 len = plen > 0 ? (size_t)plen : 0, off = 12;
	unsigned		 qd, an, ns, i, type, rdlen;

	if (p == NULL || len < 12)
		return 0;
	qd = p[4] << 8 | p[5];
	an = p[6] << 8 | p[7];
	ns = p[8] << 8 | p[9];
	for (i = 0; i < qd; i++) {
		if (skip_name(p, len, &off) == -1 || off + 4 > len)
			return 0;
		off += 4;
	}
	for (i = 0; i < an + ns; i++) {
		if (skip_name(p, len, &off) == -1 || off + 10 > len)
			return 0;
		type = p[off] << 8 | p[off + 1];
		rdlen = p[off + 8] << 8 | p[off + 9];
		off += 10;
		if (i >= an && type == VG_DNS_SOA)
			return 1;
		if (off + rdlen > len)
			return 0;
		off += rdlen;
	}
	return 0;
}

/* libunbound's reason for a bogus answer, said in the user's language
 * (its own words follow, for the expert). */
static const char *
bogus_phrase(const char *why)
{
	if (strcasestr(why, "signature expired") != NULL)
		return _("the signatures have expired");
	if (strcasestr(why, "before inception") != NULL)
		return _("the signatures are not valid yet");
	if (strcasestr(why, "no signature") != NULL)
		return _("the records carry no signature");
	if (strcasestr(why, "no DNSKEY") != NULL ||
	    strcasestr(why, "no keys") != NULL)
		return _("the zone's keys (DNSKEY) cannot be found");
	if (strcasestr(why, "crypto failed") != NULL ||
	    strcasestr(why, "signature") != NULL)
		return _("a signature does not match the records (changed "
		    "after signing, or forged)");
	return _("DNSSEC validation failed");
}

/* libunbound's result as an answer (see dns-int.h). */
struct vg_dns_answer *
vg_dns_answer_from(struct ub_result *res, int validated)
{
	struct vg_dns_answer	*a;
	int			 i, n;

	a = xcalloc(1, sizeof(*a));
	a->rcode = res->rcode;
	if (validated)
		a->sec = res->secure ? VG_SEC_SECURE :
		    res->bogus ? VG_SEC_BOGUS : VG_SEC_INSECURE;
	if (res->bogus && res->why_bogus != NULL)
		a->why = xasprintf(_("%s (validator: %s)"),
		    bogus_phrase(res->why_bogus), res->why_bogus);
	if (res->canonname != NULL && res->qname != NULL &&
	    strcasecmp(res->canonname, res->qname) != 0)
		a->canon = xstrdup(res->canonname);
	if (res->havedata) {
		a->status = VG_DNS_OK;
		for (n = 0; res->data[n] != NULL; n++)
			;
		a->rr = xcalloc(n, sizeof(*a->rr));
		for (i = 0; i < n; i++) {
			a->rr[i].len = res->len[i];
			a->rr[i].data = xmalloc(res->len[i] + 1);
			memcpy(a->rr[i].data, res->data[i], res->len[i]);
		}
		a->n = n;
	} else if (res->nxdomain)
		a->status = VG_DNS_NXDOMAIN;
	else if (res->rcode == 0 && vg_dns_has_soa(res->answer_packet,
	    res->answer_len))
		a->status = VG_DNS_NODATA;
	else if (res->rcode == 0) {
		/* RFC 2308: a real "no such record" carries the zone's
		 * SOA. Without it, the server sent records of another type
		 * (libunbound drops them) or a broken answer. */
		a->status = VG_DNS_SERVFAIL;
		free(a->why);
		a->why = xstrdup(_("the answer has no record of the type "
		    "asked for and no SOA: records of the wrong type or a "
		    "broken server"));
	} else {
		a->status = VG_DNS_SERVFAIL;
		if (a->why == NULL)
			a->why = xasprintf(_("the server answered %s"),
			    res->rcode == 2 ? _("SERVFAIL (it failed, or its "
			    "answer was truncated or malformed)") :
			    res->rcode == 5 ? "REFUSED" :
			    res->rcode == 1 ? "FORMERR" : _("an error"));
	}
	return a;
}

/* ---- the per-domain validator --------------------------------------- */

/*
 * Each thread validates with a context of its own, dropped by
 * vg_dns_fresh() between domains: libunbound remembers a key it found
 * bad and fails later answers "because of a previous validation
 * failure", so a shared validator lets one domain's broken chain leak
 * into the next domain's report. The thread drives its context itself
 * (poll + ub_process), under the same deadlines as plain queries.
 */
static __thread struct ub_ctx	*tl_valid;
static __thread char		 tl_anchor[256];	/* last anchor tested */
static __thread int		 tl_anchor_ok;		/* its result */
static __thread char		 tl_anchor_why[512];	/* why it failed */
/* libunbound's set-up and tear-down touch shared state: one at a time. */
static pthread_mutex_t		 ctx_mu = PTHREAD_MUTEX_INITIALIZER;

#define ANCHOR_CHECK	0x100	/* internal: no anchor check on bogus */

void
vg_dns_fresh(struct vg_dns *d)
{
	(void)d;
	if (tl_valid != NULL) {
		pthread_mutex_lock(&ctx_mu);
		ub_ctx_delete(tl_valid);
		pthread_mutex_unlock(&ctx_mu);
	}
	tl_valid = NULL;
	tl_anchor[0] = '\0';
	tl_anchor_ok = 0;
}

static struct ub_ctx *
valid_ctx(struct vg_dns *d, char *err)
{
	struct ub_ctx	*v;

	if (tl_valid != NULL)
		return tl_valid;
	pthread_mutex_lock(&ctx_mu);
	if ((v = ub_ctx_create()) == NULL)
		vg_seterr(err, "DNS resolver set-up: out of memory");
	else if (ctx_setup(v, d->fwd, d->ta, err) == -1) {
		ub_ctx_delete(v);
		v = NULL;
	}
	pthread_mutex_unlock(&ctx_mu);
	return tl_valid = v;
}

/* The trust anchor zone closest above NAME, or NULL. */
static const char *
anchor_for(const struct vg_dns *d, const char *name)
{
	const char	*best = NULL;
	size_t		 nl = strlen(name), zl, bl = 0;
	int		 i;

	if (nl > 0 && name[nl - 1] == '.')
		nl--;
	for (i = 0; i < d->nanchor; i++) {
		const char *z = d->anchor[i];

		zl = strcmp(z, ".") == 0 ? 0 : strlen(z);
		if (zl > nl || (zl > 0 && strncasecmp(name + nl - zl, z,
		    zl) != 0) || (zl > 0 && zl < nl && name[nl - zl - 1] !=
		    '.'))
			continue;
		if (best == NULL || zl > bl) {
			best = z;
			bl = zl;
		}
	}
	return best;
}

/*
 * A bogus answer for NAME: is the anchor's own DNSKEY set secure through
 * this resolver? If not, the chain cannot be built at all (the resolver
 * does not serve DNSSEC records, or strips them): the state is
 * indeterminate, not bogus (RFC 4035 §4.3).
 */
static void
place_bogus(struct vg_dns *d, const char *name, struct vg_dns_answer *a)
{
	struct vg_dns_answer	*k;
	const char		*z;
	char			*why;

	if ((z = anchor_for(d, name)) == NULL)
		z = ".";
	if (tl_anchor[0] == '\0' || strcmp(tl_anchor, z) != 0) {
		k = vg_dns_query(d, z, 48 /* DNSKEY */, VG_DNS_VALIDATE |
		    ANCHOR_CHECK);
		snprintf(tl_anchor, sizeof(tl_anchor), "%s", z);
		tl_anchor_ok = k->sec == VG_SEC_SECURE;
		snprintf(tl_anchor_why, sizeof(tl_anchor_why), "%s",
		    k->why != NULL ? k->why : vg_dns_status_text(k->status));
		if (!tl_anchor_ok) {
			struct vg_dns_answer *p;

			/* Served but with bad signatures is bogus (an expired
			 * zone); not served, or served without signatures
			 * (a box that strips them), cannot be judged. */
			p = vg_dns_query(d, z, 48, 0);
			tl_anchor_ok = p->status == VG_DNS_OK && k->why !=
			    NULL && strcasestr(k->why, "no signature") == NULL &&
			    strcasestr(k->why, "no DNSKEY") == NULL;
			vg_dns_answer_free(p);
		}
		vg_dns_answer_free(k);
	}
	if (tl_anchor_ok)
		return;
	a->sec = VG_SEC_INDETERMINATE;
	why = xasprintf(_("the chain of trust cannot be built from the "
	    "trust anchor %s through this resolver: it does not serve the "
	    "DNSSEC records needed (%s)"), z, tl_anchor_why);
	free(a->why);
	a->why = why;
}

/* ---- queries, continued --------------------------------------------- */

struct vg_dns_answer *
vg_dns_query(struct vg_dns *d, const char *name, int type, int flags)
{
	struct query		 q;
	struct ub_ctx		*ctx;
	struct vg_dns_answer	*a;
	struct timespec		 until, now;
	struct pollfd		 pfd;
	char			 err[VG_ERRLEN];
	long			 ms;
	int			 id, r, timedout = 0, local;

	local = (flags & VG_DNS_VALIDATE) != 0;
	memset(&q, 0, sizeof(q));
	pthread_cond_init(&q.cond, NULL);
	q.d = d;

	clock_gettime(CLOCK_REALTIME, &now);
	if (tl_has_deadline && !ts_before(&now, &tl_deadline)) {
		a = xcalloc(1, sizeof(*a));
		a->status = VG_DNS_TIMEOUT;
		a->why = xstrdup(_("not asked: the time allowed for this "
		    "domain is spent"));
		goto out;
	}
	if (local) {
		if ((ctx = valid_ctx(d, err)) == NULL) {
			a = xcalloc(1, sizeof(*a));
			a->status = VG_DNS_FAIL;
			a->why = xstrdup(err);
			goto out;
		}
	} else
		ctx = d->plain;
	until = now;
	until.tv_sec += d->timeout_ms / 1000;
	until.tv_nsec += (long)(d->timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	if (tl_has_deadline && ts_before(&tl_deadline, &until))
		until = tl_deadline;
	r = ub_resolve_async(ctx, name, type, 1, &q, on_answer, &id);
	if (r != 0) {
		a = xcalloc(1, sizeof(*a));
		a->status = VG_DNS_FAIL;
		a->why = xasprintf(_("cannot send the query: %s"),
		    ub_strerror(r));
		goto out;
	}
	if (local) {
		/* This thread's own context: it delivers the answer. */
		pfd.fd = ub_fd(ctx);
		pfd.events = POLLIN;
		while (!q.done) {
			clock_gettime(CLOCK_REALTIME, &now);
			ms = (until.tv_sec - now.tv_sec) * 1000L +
			    (until.tv_nsec - now.tv_nsec) / 1000000L;
			if (ms <= 0) {
				timedout = 1;
				break;
			}
			if (poll(&pfd, 1, (int)ms) > 0)
				ub_process(ctx);
		}
		if (timedout)
			ub_cancel(ctx, id);
	} else {
		pthread_mutex_lock(&d->lock);
		while (!q.done) {
			if (pthread_cond_timedwait(&q.cond, &d->lock,
			    &until) == ETIMEDOUT && !q.done) {
				timedout = 1;
				break;
			}
		}
		pthread_mutex_unlock(&d->lock);
		if (timedout && ub_cancel(ctx, id) != 0) {
			/* Too late to cancel: the answer is being
			 * delivered. */
			pthread_mutex_lock(&d->lock);
			while (!q.done)
				pthread_cond_wait(&q.cond, &d->lock);
			pthread_mutex_unlock(&d->lock);
			timedout = 0;
		}
	}
	if (timedout) {
		a = xcalloc(1, sizeof(*a));
		a->status = VG_DNS_TIMEOUT;
		a->why = tl_has_deadline && !ts_before(&until, &tl_deadline) ?
		    xstrdup(_("no answer before the time allowed for this "
		    "domain ran out")) :
		    xasprintf(_("no answer within %d ms"), d->timeout_ms);
	} else if (q.err != 0 || q.res == NULL) {
		a = xcalloc(1, sizeof(*a));
		a->status = VG_DNS_FAIL;
		a->why = xasprintf(_("resolver error: %s"),
		    ub_strerror(q.err));
	} else
		a = vg_dns_answer_from(q.res, local);
	if (q.res != NULL)
		ub_resolve_free(q.res);
	if (local && a->sec == VG_SEC_BOGUS && !(flags & ANCHOR_CHECK))
		place_bogus(d, name, a);
out:
	pthread_cond_destroy(&q.cond);
	return a;
}

void
vg_dns_answer_free(struct vg_dns_answer *a)
{
	int	i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++)
		free(a->rr[i].data);
	free(a->rr);
	free(a->why);
	free(a->canon);
	free(a);
}

const char *
vg_dns_status_text(enum vg_dns_status st)
{
	switch (st) {
	case VG_DNS_OK:		return _("found");
	case VG_DNS_NODATA:	return _("no record of that type");
	case VG_DNS_NXDOMAIN:	return _("no such name");
	case VG_DNS_SERVFAIL:	return _("server failure or unusable answer");
	case VG_DNS_TIMEOUT:	return _("no answer in time");
	case VG_DNS_FAIL:	return _("query failed");
	}
	return "?";
}

/* ---- rdata helpers ---------------------------------------------------- */

char *
vg_dns_txt(const struct vg_dns_rr *rr, size_t *len)
{
	char	*s;
	size_t	 i = 0, o = 0, n;

	s = xmalloc(rr->len + 1);
	while (i < rr->len) {
		n = rr->data[i++];
		if (n > rr->len - i) {
			free(s);
			return NULL;
		}
		memcpy(s + o, rr->data + i, n);
		o += n;
		i += n;
	}
	s[o] = '\0';
	if (len != NULL)
		*len = o;
	return s;
}

int
vg_dns_name(const unsigned char *data, size_t len, size_t *off, char *out)
{
	size_t	i = *off, o = 0, n, k;
	int	c;

	for (;;) {
		if (i >= len)
			return -1;
		n = data[i++];
		if (n == 0)
			break;
		if (n > 63 || n > len - i || o + n + 1 > 254)
			return -1;
		if (o > 0)
			out[o++] = '.';
		for (k = 0; k < n; k++) {
			c = data[i + k];
			/* Keep names printable: a dot or control byte inside
			 * a label could fool whoever reads the name. */
			if (c <= 0x20 || c >= 0x7f || c == '.')
				return -1;
			out[o++] = c;
		}
		i += n;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	*off = i;
	return 0;
}

int
vg_dns_addrs(struct vg_dns *d, const char *host, char **addrs, int max,
    enum vg_dns_status *st)
{
	struct vg_dns_answer	*a;
	char			 buf[INET6_ADDRSTRLEN];
	int			 i, n = 0, pass;
	static const int	 types[2] = { VG_DNS_A, VG_DNS_AAAA };

	*st = VG_DNS_NODATA;
	for (pass = 0; pass < 2 && n < max; pass++) {
		a = vg_dns_query(d, host, types[pass], 0);
		if (pass == 0 || *st != VG_DNS_OK)
			*st = a->status;
		for (i = 0; i < a->n && n < max; i++) {
			if (a->rr[i].len == 4 && pass == 0)
				inet_ntop(AF_INET, a->rr[i].data, buf,
				    sizeof(buf));
			else if (a->rr[i].len == 16 && pass == 1)
				inet_ntop(AF_INET6, a->rr[i].data, buf,
				    sizeof(buf));
			else
				continue;
			addrs[n++] = xstrdup(buf);
		}
		vg_dns_answer_free(a);
		/* No such name: no point asking for AAAA. */
		if (pass == 0 && *st == VG_DNS_NXDOMAIN)
			break;
	}
	if (n > 0)
		*st = VG_DNS_OK;
	return n;
}
