/*
 * mail-spf-host.c — RFC 7208 check_host(): would mail from a given IP,
 * with a given HELO and MAIL FROM, pass the domain's SPF? Macros (§7),
 * every mechanism, include and redirect, the limits of §4.6.4 (10
 * DNS-querying terms, 2 void lookups, 10 names behind mx and ptr) and
 * the explanation of exp= (§6.2). Checked against the openspf RFC 7208
 * test suite (tests/e2e/3080-mail-spf-suite.py). The grammar of one
 * record is spf_parse() of mail-spf.c.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/buf.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define LOOKUP_LIMIT	10	/* §4.6.4 */
#define VOID_LIMIT	2
#define NAMES_LIMIT	10	/* names behind one mx or ptr */
#define DEPTH_LIMIT	20	/* include/redirect nesting (loops) */
#define EXPAND_MAX	8192

struct host {
	struct vg_dns	*dns;
	int		 dnsflags;
	const struct spf_macro_env *env;
	int		 lookups;
	int		 voids;
	int		 depth;
	char		 path[1024];	/* domains walked, for the report */
	char		*why;		/* the first problem */
};

static void
host_why(struct host *h, const char *fmt, ...)
{
	va_list	ap;

	if (h->why != NULL)
		return;
	va_start(ap, fmt);
	h->why = xvasprintf(fmt, ap);
	va_end(ap);
}

const char *
spf_result_name(enum spf_result r)
{
	static const char *const names[] = {
		"none", "neutral", "pass", "fail", "softfail", "temperror",
		"permerror",
	};

	return (unsigned)r < sizeof(names) / sizeof(names[0]) ?
	    names[r] : "?";
}

/* ---- the IP ---------------------------------------------------------- */

int
spf_ip_parse(const char *text, struct spf_ip *ip)
{
	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, text, ip->a) == 1) {
		ip->v6 = 0;
		return 0;
	}
	if (inet_pton(AF_INET6, text, ip->a) != 1)
		return -1;
	ip->v6 = 1;
	/* §5: an IPv4-mapped IPv6 address is the IPv4 address. */
	if (memcmp(ip->a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
		memmove(ip->a, ip->a + 12, 4);
		memset(ip->a + 4, 0, 12);
		ip->v6 = 0;
	}
	return 0;
}

static int
prefix_match(const unsigned char *a, const unsigned char *b, int bits)
{
	int	full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[full] ^ b[full]) & (0xff << (8 - rest))) == 0;
}

/* ---- macros (§7) ------------------------------------------------------ */

/* The validated domain name of the IP (§5.5), for %{p}: a PTR name whose
 * addresses include the IP, preferring DOMAIN or a name under it. */
static char *ptr_validated(struct host *, const char *domain, int *matched);
static char *spf_expand_host(struct host *, const char *, const char *,
    int, int);

static char *
macro_value(struct host *h, char letter, const char *domain, int *err)
{
	const struct spf_macro_env *e = h->env;
	char	 buf[INET6_ADDRSTRLEN + 80];
	int	 i, o;

	/* Without a connection (counting only), its macros are unknown. */
	if (!e->has_ip && strchr("ivpch", letter) != NULL) {
		*err = 1;
		return NULL;
	}
	switch (letter) {
	case 's':
		return xstrdup(e->sender);
	case 'l':
		return xstrdup(e->local);
	case 'o':
		return xstrdup(e->sdomain);
	case 'd':
		return xstrdup(domain);
	case 'h':
		return xstrdup(e->helo != NULL ? e->helo : "unknown");
	case 'v':
		return xstrdup(e->ip.v6 ? "ip6" : "in-addr");
	case 'i':
		if (!e->ip.v6) {
			snprintf(buf, sizeof(buf), "%u.%u.%u.%u", e->ip.a[0],
			    e->ip.a[1], e->ip.a[2], e->ip.a[3]);
			return xstrdup(buf);
		}
		for (i = 0, o = 0; i < 16; i++)
			o += snprintf(buf + o, sizeof(buf) - o, "%s%x.%x",
			    i ? "." : "", e->ip.a[i] >> 4, e->ip.a[i] & 15);
		return xstrdup(buf);
	case 'c':
		inet_ntop(e->ip.v6 ? AF_INET6 : AF_INET, e->ip.a, buf,
		    sizeof(buf));
		return xstrdup(buf);
	case 'p': {
		int	m;
		char	*v;

		if (h->dns == NULL)	/* spf_expand() without DNS */
			return xstrdup("unknown");
		v = ptr_validated(h, domain, &m);

		return v != NULL ? v : xstrdup("unknown");
	}
	case 'r':
		return xstrdup(e->receiver != NULL ? e->receiver : "unknown");
	case 't':
		snprintf(buf, sizeof(buf), "%lld", (long long)time(NULL));
		return xstrdup(buf);
	}
	*err = 1;
	return NULL;
}

/* URL-escape (uppercase macro letters, §7.3). */
static char *
url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char	*o = xmalloc(strlen(s) * 3 + 1), *p = o;

	for (; *s != '\0'; s++) {
		unsigned char c = *s;

		if (isalnum(c) || strchr("-._~", c) != NULL)
			*p++ = c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return o;
}

/* Apply DIGITS, R and DELIMS to VALUE (§7.3). */
static char *
transform(const char *value, long digits, int reverse, const char *delims)
{
	char	*copy = xstrdup(value), **part = NULL, *p, *start, *out;
	size_t	 n = 0, i, first, len = 0;

	for (start = p = copy;; p++) {
		if (*p == '\0' || strchr(delims, *p) != NULL) {
			int end = *p == '\0';

			*p = '\0';
			part = xreallocarray(part, n + 1, sizeof(*part));
			part[n++] = start;
			if (end)
				break;
			start = p + 1;
		}
	}
	if (reverse)
		for (i = 0; i < n / 2; i++) {
			char *t = part[i];

			part[i] = part[n - 1 - i];
			part[n - 1 - i] = t;
		}
	first = digits > 0 && (size_t)digits < n ? n - digits : 0;
	for (i = first; i < n; i++)
		len += strlen(part[i]) + 1;
	out = xmalloc(len + 1);
	out[0] = '\0';
	for (i = first; i < n; i++) {
		if (i > first)
			strcat(out, ".");
		strcat(out, part[i]);
	}
	free(part);
	free(copy);
	return out;
}

static char *
spf_expand_host(struct host *h, const char *s, const char *domain, int exp,
    int isdomain)
{
	struct vg_buf	 out = VG_BUF_INIT;
	char		*v, *t, *p;
	size_t		 i = 0, len = strlen(s);
	int		 err = 0;

	vg_buf_add(&out, "", 0);
	while (i < len) {
		if (s[i] != '%') {
			vg_buf_add(&out, s + i, 1);
			i++;
			continue;
		}
		if (i + 1 >= len)
			goto bad;
		if (s[i + 1] == '%' || s[i + 1] == '_' || s[i + 1] == '-') {
			vg_buf_add(&out, s[i + 1] == '%' ? "%" :
			    s[i + 1] == '_' ? " " : "%20", s[i + 1] == '-' ?
			    3 : 1);
			i += 2;
			continue;
		}
		if (s[i + 1] != '{' || i + 2 >= len)
			goto bad;
		{
			char	 letter = s[i + 2], delims[16] = "";
			long	 digits = 0;
			int	 reverse = 0, upper, nd = 0;
			size_t	 j = i + 3;

			upper = isupper((unsigned char)letter);
			letter = tolower((unsigned char)letter);
			if (strchr("slodiphv", letter) == NULL &&
			    !(exp && strchr("crt", letter) != NULL))
				goto bad;
			while (j < len && isdigit((unsigned char)s[j])) {
				digits = digits * 10 + (s[j++] - '0');
				if (digits > 1000)
					goto bad;
				nd++;
			}
			if (nd > 0 && digits == 0)
				goto bad;
			if (j < len && (s[j] == 'r' || s[j] == 'R')) {
				reverse = 1;
				j++;
			}
			while (j < len && strchr(".-+,/_=", s[j]) != NULL) {
				if (strlen(delims) + 1 < sizeof(delims))
					strncat(delims, s + j, 1);
				j++;
			}
			if (j >= len || s[j] != '}')
				goto bad;
			if ((v = macro_value(h, letter, domain, &err)) == NULL)
				goto bad;
			t = transform(v, digits, reverse, delims[0] ? delims :
			    ".");
			free(v);
			if (upper) {
				v = url_escape(t);
				free(t);
				t = v;
			}
			vg_buf_add(&out, t, strlen(t));
			free(t);
			i = j + 1;
		}
		if (out.len > EXPAND_MAX)
			goto bad;
	}
	/* §7.3: a domain over 253 characters loses labels on the left. */
	if (isdomain) {
		p = out.p;
		while (strlen(p) > 253 && strchr(p, '.') != NULL)
			p = strchr(p, '.') + 1;
		if (p != out.p)
			memmove(out.p, p, strlen(p) + 1);
	}
	return vg_buf_take(&out);
bad:
	vg_buf_free(&out);
	return NULL;
}

/* ---- DNS ------------------------------------------------------------- */

/* Whether NAME can be looked up (§4.3: labels of 1-63 characters,
 * several labels, 253 in all). */
static int
name_ok(const char *name)
{
	size_t	 n = strlen(name), label = 0, labels = 0, i;

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i == n || name[i] == '.') {
			if (label == 0 || label > 63)
				return 0;
			labels++;
			label = 0;
		} else
			label++;
	}
	return labels >= 2;
}

/* An answer: 1 records, 0 nothing (void), -1 temperror (h->why). */
static int
lookup(struct host *h, const char *name, int type, struct vg_dns_answer **out)
{
	struct vg_dns_answer	*a;

	*out = NULL;
	if (!name_ok(name))
		return 0;
	a = vg_dns_query(h->dns, name, type, h->dnsflags);
	if (a->sec == VG_SEC_BOGUS) {
		host_why(h, _("%s fails DNSSEC validation: %s"), name,
		    a->why ? a->why : "?");
		vg_dns_answer_free(a);
		return -1;
	}
	if (a->status == VG_DNS_OK) {
		*out = a;
		return 1;
	}
	if (a->status == VG_DNS_NXDOMAIN || a->status == VG_DNS_NODATA) {
		vg_dns_answer_free(a);
		return 0;
	}
	host_why(h, _("%s: DNS lookup failed: %s"), name, a->why ? a->why :
	    vg_dns_status_text(a->status));
	vg_dns_answer_free(a);
	return -1;
}

/* Whether NAME has an address equal to the IP (within BITS). */
static int
addr_match(struct host *h, const char *name, int bits4, int bits6, int *temp)
{
	struct vg_dns_answer	*a;
	int			 i, rc, match = 0, v6 = h->env->ip.v6;

	rc = lookup(h, name, v6 ? VG_DNS_AAAA : VG_DNS_A, &a);
	if (rc == -1)
		*temp = 1;
	if (rc <= 0)
		return rc;
	for (i = 0; i < a->n && !match; i++)
		if (a->rr[i].len == (v6 ? 16u : 4u) &&
		    prefix_match(a->rr[i].data, h->env->ip.a, v6 ? bits6 :
		    bits4))
			match = 1;
	vg_dns_answer_free(a);
	return match ? 2 : 1;
}

static char *
reverse_name(const struct spf_ip *ip)
{
	char	buf[80];
	int	i, o = 0;

	if (!ip->v6) {
		snprintf(buf, sizeof(buf), "%u.%u.%u.%u.in-addr.arpa",
		    ip->a[3], ip->a[2], ip->a[1], ip->a[0]);
		return xstrdup(buf);
	}
	for (i = 15; i >= 0; i--)
		o += snprintf(buf + o, sizeof(buf) - o, "%x.%x.",
		    ip->a[i] & 15, ip->a[i] >> 4);
	snprintf(buf + o, sizeof(buf) - o, "ip6.arpa");
	return xstrdup(buf);
}

static int
under(const char *name, const char *domain)
{
	size_t	ln = strlen(name), ld = strlen(domain);

	while (ln > 0 && name[ln - 1] == '.')
		ln--;
	while (ld > 0 && domain[ld - 1] == '.')
		ld--;
	if (ln == ld)
		return strncasecmp(name, domain, ln) == 0;
	return ln > ld && name[ln - ld - 1] == '.' &&
	    strncasecmp(name + ln - ld, domain, ld) == 0;
}

static char *
ptr_validated(struct host *h, const char *domain, int *matched)
{
	struct vg_dns_answer	*a = NULL;
	char			*rev, name[256], *first = NULL, *best = NULL;
	int			 i, temp = 0;
	size_t			 off;

	*matched = 0;
	rev = reverse_name(&h->env->ip);
	a = vg_dns_query(h->dns, rev, 12 /* PTR */, h->dnsflags);
	free(rev);
	for (i = 0; a->status == VG_DNS_OK && i < a->n && i < NAMES_LIMIT;
	    i++) {
		off = 0;
		if (vg_dns_name(a->rr[i].data, a->rr[i].len, &off, name) ==
		    -1)
			continue;
		if (addr_match(h, name, 32, 128, &temp) != 2)
			continue;
		if (under(name, domain)) {
			best = xstrdup(name);
			break;
		}
		if (first == NULL)
			first = xstrdup(name);
	}
	vg_dns_answer_free(a);
	/* A DNS error in ptr only makes it not match (§5.5). */
	free(h->why);
	h->why = NULL;
	if (best != NULL) {
		*matched = 1;
		free(first);
		return best;
	}
	return first;
}

/* ---- check_host() ---------------------------------------------------- */

static enum spf_result check(struct host *, const char *domain,
    struct spf_host_result *, int top);

/* The record of DOMAIN: 1 parsed into REC, or a result to return. */
static int
record(struct host *h, const char *domain, struct spf_record *rec,
    enum spf_result *res)
{
	struct vg_dns_answer	*a;
	char			*txt, *found = NULL;
	int			 i, count = 0, rc, nul = 0;

	if (!name_ok(domain)) {
		*res = SPF_R_NONE;
		host_why(h, _("'%s' is not a valid domain name"), domain);
		return 0;
	}
	rc = lookup(h, domain, VG_DNS_TXT, &a);
	if (rc == -1) {
		*res = SPF_R_TEMPERROR;
		return 0;
	}
	if (rc == 0) {
		*res = SPF_R_NONE;
		host_why(h, _("%s has no SPF record"), domain);
		return 0;
	}
	for (i = 0; i < a->n; i++) {
		size_t len;

		if ((txt = vg_dns_txt(&a->rr[i], &len)) == NULL)
			continue;
		if (!spf_is_record(txt)) {
			free(txt);
			continue;
		}
		if (strlen(txt) != len)
			nul = 1;
		if (count++ == 0)
			found = txt;
		else
			free(txt);
	}
	if (nul && count == 1) {
		free(found);
		*res = SPF_R_PERMERROR;
		host_why(h, _("%s: the SPF record holds a NUL byte"), domain);
		return 0;
	}
	vg_dns_answer_free(a);
	if (count == 0) {
		*res = SPF_R_NONE;
		host_why(h, _("%s has no SPF record"), domain);
		return 0;
	}
	if (count > 1) {
		free(found);
		*res = SPF_R_PERMERROR;
		host_why(h, _("%s: %d SPF records"), domain, count);
		return 0;
	}
	spf_parse(found, rec);
	free(found);
	if (rec->error != NULL) {
		host_why(h, "%s: %s", domain, rec->error);
		spf_free(rec);
		*res = SPF_R_PERMERROR;
		return 0;
	}
	return 1;
}

/* A domain-spec and its CIDR lengths from a term's value. */
static char *
target_of(struct host *h, const struct spf_term *t, const char *domain,
    int *b4, int *b6, int *bad)
{
	char	*v, *exp;

	*b4 = 32;
	*b6 = 128;
	*bad = 0;
	if (t->value == NULL)
		return xstrdup(domain);
	v = xstrdup(t->value);
	if ((t->kind == SPF_A || t->kind == SPF_MX) &&
	    spf_cidr_split(v, b4, b6) == -1) {
		free(v);
		*bad = 1;
		return NULL;
	}
	if (*v == '\0') {
		free(v);
		return xstrdup(domain);
	}
	exp = spf_expand_host(h, v, domain, 0, 1);
	free(v);
	if (exp == NULL)
		*bad = 1;
	return exp;
}

static int
ip_term_match(const struct host *h, const struct spf_term *t)
{
	char		 addr[64], *slash;
	unsigned char	 buf[16];
	int		 bits, six = t->kind == SPF_IP6;

	if (six != h->env->ip.v6)
		return 0;
	snprintf(addr, sizeof(addr), "%s", t->value);
	bits = six ? 128 : 32;
	if ((slash = strchr(addr, '/')) != NULL) {
		bits = atoi(slash + 1);
		*slash = '\0';
	}
	if (inet_pton(six ? AF_INET6 : AF_INET, addr, buf) != 1)
		return 0;
	return prefix_match(buf, h->env->ip.a, bits);
}

static enum spf_result
qual_result(char q)
{
	switch (q) {
	case '-':	return SPF_R_FAIL;
	case '~':	return SPF_R_SOFTFAIL;
	case '?':	return SPF_R_NEUTRAL;
	default:	return SPF_R_PASS;
	}
}

static const char *const kind_names[] = {
	"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists",
	"redirect", "exp", "?",
};

/* §6.2: the explanation of a fail, from exp= of the record. */
static char *
explain(struct host *h, const struct spf_record *rec, const char *domain)
{
	struct vg_dns_answer	*a = NULL;
	char			*name = NULL, *txt = NULL, *out = NULL, *why;
	int			 i;

	for (i = 0; i < rec->n; i++)
		if (rec->t[i].kind == SPF_EXP)
			break;
	if (i == rec->n)
		return NULL;
	why = h->why;
	h->why = NULL;
	if ((name = spf_expand_host(h, rec->t[i].value, domain, 0, 1)) ==
	    NULL || lookup(h, name, VG_DNS_TXT, &a) != 1 || a->n != 1 ||
	    (txt = vg_dns_txt(&a->rr[0], NULL)) == NULL)
		goto out;
	for (i = 0; txt[i] != '\0'; i++)
		if ((unsigned char)txt[i] < 0x20 ||
		    (unsigned char)txt[i] > 0x7e)
			goto out;
	out = spf_expand_host(h, txt, domain, 1, 0);
out:
	free(h->why);
	h->why = why;
	vg_dns_answer_free(a);
	free(txt);
	free(name);
	return out;
}

static void
path_add(struct host *h, const char *sep, const char *domain)
{
	size_t	n = strlen(h->path);

	snprintf(h->path + n, sizeof(h->path) - n, "%s%s", n ? sep : "",
	    domain);
}

static int
count_lookup(struct host *h)
{
	if (++h->lookups > LOOKUP_LIMIT) {
		host_why(h, _("more than %d DNS lookups"), LOOKUP_LIMIT);
		return -1;
	}
	return 0;
}

static int
count_void(struct host *h, const char *name)
{
	if (++h->voids > VOID_LIMIT) {
		host_why(h, _("more than %d lookups found nothing (the last: "
		    "%s)"), VOID_LIMIT, name);
		return -1;
	}
	return 0;
}

static enum spf_result
check(struct host *h, const char *domain, struct spf_host_result *out,
    int top)
{
	struct spf_record	 rec;
	struct vg_dns_answer	*a;
	const struct spf_term	*redirect = NULL;
	enum spf_result		 res = SPF_R_NEUTRAL, sub;
	char			*target, name[256];
	int			 i, j, b4, b6, bad, match, temp, rc, m;
	size_t			 off;

	if (++h->depth > DEPTH_LIMIT) {
		host_why(h, "%s", _("includes or redirects nested too deep "
		    "(a loop)"));
		h->depth--;
		return SPF_R_PERMERROR;
	}
	if (!record(h, domain, &rec, &res)) {
		h->depth--;
		return res;
	}
	for (i = 0; i < rec.n; i++) {
		const struct spf_term *t = &rec.t[i];

		match = 0;
		temp = 0;
		target = NULL;
		switch (t->kind) {
		case SPF_ALL:
			match = 1;
			break;
		case SPF_IP4:
		case SPF_IP6:
			match = ip_term_match(h, t);
			break;
		case SPF_INCLUDE:
			if (count_lookup(h) == -1)
				goto perm;
			target = target_of(h, t, domain, &b4, &b6, &bad);
			if (bad)
				goto macro;
			path_add(h, " > ", target);
			sub = check(h, target, NULL, 0);
			if (sub == SPF_R_PASS)
				match = 1;
			else if (sub == SPF_R_TEMPERROR)
				goto tempout;
			else if (sub == SPF_R_PERMERROR || sub == SPF_R_NONE) {
				host_why(h, _("include:%s gives %s"), target,
				    spf_result_name(sub));
				goto perm;
			}
			break;
		case SPF_A:
			if (count_lookup(h) == -1)
				goto perm;
			target = target_of(h, t, domain, &b4, &b6, &bad);
			if (bad)
				goto macro;
			rc = addr_match(h, target, b4, b6, &temp);
			if (temp)
				goto tempout;
			if (rc == 0 && count_void(h, target) == -1)
				goto perm;
			match = rc == 2;
			break;
		case SPF_MX:
			if (count_lookup(h) == -1)
				goto perm;
			target = target_of(h, t, domain, &b4, &b6, &bad);
			if (bad)
				goto macro;
			rc = lookup(h, target, VG_DNS_MX, &a);
			if (rc == -1)
				goto tempout;
			if (rc == 0) {
				if (count_void(h, target) == -1)
					goto perm;
				break;
			}
			if (a->n > NAMES_LIMIT) {
				host_why(h, _("mx:%s names %d hosts, more than "
				    "%d"), target, a->n, NAMES_LIMIT);
				vg_dns_answer_free(a);
				goto perm;
			}
			for (j = 0; j < a->n && !match; j++) {
				off = 2;
				if (a->rr[j].len < 3 || vg_dns_name(
				    a->rr[j].data, a->rr[j].len, &off, name) ==
				    -1)
					continue;
				rc = addr_match(h, name, b4, b6, &temp);
				if (temp) {
					vg_dns_answer_free(a);
					goto tempout;
				}
				match = rc == 2;
			}
			vg_dns_answer_free(a);
			break;
		case SPF_PTR:
			if (count_lookup(h) == -1)
				goto perm;
			target = target_of(h, t, domain, &b4, &b6, &bad);
			if (bad)
				goto macro;
			free(ptr_validated(h, target, &m));
			match = m;
			break;
		case SPF_EXISTS:
			if (count_lookup(h) == -1)
				goto perm;
			target = target_of(h, t, domain, &b4, &b6, &bad);
			if (bad)
				goto macro;
			rc = lookup(h, target, VG_DNS_A, &a);
			if (rc == -1)
				goto tempout;
			if (rc == 0 && count_void(h, target) == -1)
				goto perm;
			match = rc == 1;
			vg_dns_answer_free(a);
			break;
		case SPF_REDIRECT:
			redirect = t;
			break;
		default:
			break;
		}
		if (match) {
			res = qual_result(t->qual);
			if (out != NULL && out->mechanism == NULL)
				out->mechanism = xasprintf("%s%s%s%s",
				    t->qual == '+' ? "" : (char[2]){ t->qual,
				    0 }, kind_names[t->kind], t->value ?
				    ":" : "", t->value ? t->value : "");
			if (res == SPF_R_FAIL && out != NULL && top)
				out->explanation = explain(h, &rec, domain);
			free(target);
			goto done;
		}
		free(target);
		continue;
macro:
		host_why(h, _("%s: a bad macro in %s"), domain, t->value);
		goto perm;
tempout:
		free(target);
		res = SPF_R_TEMPERROR;
		goto done;
	}
	if (redirect != NULL) {
		if (count_lookup(h) == -1)
			goto perm;
		target = spf_expand_host(h, redirect->value, domain, 0, 1);
		if (target == NULL) {
			host_why(h, _("%s: a bad macro in %s"), domain,
			    redirect->value);
			goto perm;
		}
		path_add(h, " => ", target);
		spf_free(&rec);
		h->depth--;
		/* The target's record decides, with its own exp=. */
		res = check(h, target, out, top);
		if (res == SPF_R_NONE) {
			host_why(h, _("redirect=%s has no SPF record"),
			    target);
			res = SPF_R_PERMERROR;
		}
		free(target);
		return res;
	}
	res = SPF_R_NEUTRAL;
	goto done;
perm:
	res = SPF_R_PERMERROR;
done:
	spf_free(&rec);
	h->depth--;
	return res;
}

void
spf_check_host(struct vg_dns *dns, int dnsflags,
    const struct spf_macro_env *env, const char *domain,
    struct spf_host_result *out)
{
	struct host	h;

	memset(out, 0, sizeof(*out));
	memset(&h, 0, sizeof(h));
	h.dns = dns;
	h.dnsflags = dnsflags;
	h.env = env;
	path_add(&h, "", domain);
	out->result = check(&h, domain, out, 1);
	out->lookups = h.lookups;
	out->voids = h.voids;
	out->path = xstrdup(h.path);
	out->why = h.why;
}

void
spf_host_result_free(struct spf_host_result *r)
{
	free(r->mechanism);
	free(r->explanation);
	free(r->path);
	free(r->why);
	memset(r, 0, sizeof(*r));
}

char *
spf_expand(struct vg_dns *dns, const struct spf_macro_env *env,
    const char *s, const char *domain)
{
	struct host	h;
	char		*r;

	memset(&h, 0, sizeof(h));
	h.dns = dns;
	h.env = env;
	r = spf_expand_host(&h, s, domain, 0, 1);
	free(h.why);
	return r;
}
