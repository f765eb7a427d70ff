/*
 * mail-spf.c — SPF records (RFC 7208): the grammar of one record, and a
 * walk through include and redirect that counts DNS-querying terms and
 * void lookups the way a receiver would, without ever looping.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define SPF_MAX_RECORDS	30	/* records read in one evaluation */
#define SPF_MAX_LOOKUPS	20	/* counting stops past this */
#define SPF_MAX_TERMS	200	/* terms in one record */

int
spf_is_record(const char *txt)
{
	return strncasecmp(txt, "v=spf1", 6) == 0 &&
	    (txt[6] == '\0' || txt[6] == ' ');
}

static void
seterr(char **slot, const char *fmt, ...)
{
	va_list	ap;

	if (*slot != NULL)
		return;
	va_start(ap, fmt);
	*slot = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * Check a macro-string (RFC 7208 §7.1) of LEN bytes. Sets *macro when a
 * macro is present. EXP allows the letters only valid in exp= (c, r, t).
 * Returns NULL when valid, else a static reason.
 */
static const char *
macro_check(const char *s, size_t len, int exp, int *macro)
{
	size_t	 i = 0;
	char	 c;

	*macro = 0;
	while (i < len) {
		c = s[i];
		if (c != '%') {
			if ((unsigned char)c < 0x21 || (unsigned char)c > 0x7e)
				return N_("a character not allowed here");
			i++;
			continue;
		}
		*macro = 1;
		if (i + 1 >= len)
			return N_("a lone '%' at the end");
		c = s[i + 1];
		if (c == '%' || c == '_' || c == '-') {
			i += 2;
			continue;
		}
		if (c != '{')
			return N_("'%' must be followed by {, %, _ or -");
		i += 2;
		if (i >= len)
			return N_("an unfinished macro");
		c = tolower((unsigned char)s[i]);
		if (strchr("slodiphv", c) == NULL &&
		    !(exp && strchr("crt", c) != NULL))
			return N_("an unknown macro letter");
		i++;
		while (i < len && isdigit((unsigned char)s[i]))
			i++;
		if (i < len && tolower((unsigned char)s[i]) == 'r')
			i++;
		while (i < len && strchr(".-+,/_=", s[i]) != NULL)
			i++;
		if (i >= len || s[i] != '}')
			return N_("an unfinished macro");
		i++;
	}
	return NULL;
}

/* A domain-spec without macros must look like a host name. */
static const char *
domain_check(const char *s)
{
	const char	*last;
	size_t		 n = strlen(s);
	int		 alpha = 0;

	if (n == 0 || n > 253)
		return N_("an empty or too long domain");
	if (s[n - 1] == '.')
		n--;
	if (memchr(s, '.', n) == NULL)
		return N_("a domain without a dot");
	last = s;
	for (const char *p = s; p < s + n; p++)
		if (*p == '.')
			last = p + 1;
	if (*last == '-' || s[n - 1] == '-')
		return N_("a bad top-level label");
	for (const char *p = last; p < s + n; p++) {
		if (isalpha((unsigned char)*p))
			alpha = 1;
		else if (!isdigit((unsigned char)*p) && *p != '-')
			return N_("a bad top-level label");
	}
	if (!alpha)
		return N_("a numeric top-level label");
	return NULL;
}

/* Digits of a CIDR length in S, at most MAX. */
static int
cidr_ok(const char *s, int max)
{
	char	*end;
	long	 v;

	if (!isdigit((unsigned char)*s) || (s[0] == '0' && s[1] != '\0'))
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= max;
}

/* The digits of a CIDR length at the end of V (after its last '/'), or
 * NULL. */
static char *
cidr_tail(char *v)
{
	char	*slash = strrchr(v, '/');

	if (slash == NULL || slash[1] == '\0' ||
	    strspn(slash + 1, "0123456789") != strlen(slash + 1))
		return NULL;
	return slash;
}

int
spf_cidr_split(char *v, int *b4, int *b6)
{
	char	*s;

	*b4 = 32;
	*b6 = 128;
	/* "[domain-spec][/4cidr][//6cidr]": lengths only at the end, so a
	 * '/' inside a domain-spec is the domain's. */
	if ((s = cidr_tail(v)) != NULL && s > v && s[-1] == '/') {
		if (!cidr_ok(s + 1, 128))
			return -1;
		*b6 = atoi(s + 1);
		s[-1] = '\0';
	}
	if ((s = cidr_tail(v)) != NULL && !(s > v && s[-1] == '/')) {
		if (!cidr_ok(s + 1, 32))
			return -1;
		*b4 = atoi(s + 1);
		*s = '\0';
	}
	return 0;
}

/* "[domain-spec][/4cidr][//6cidr]" of a or mx, cut to its domain. */
static const char *
dual_cidr(char *v)
{
	int	b4, b6;

	return spf_cidr_split(v, &b4, &b6) == -1 ? N_("a bad prefix "
	    "length") : NULL;
}

static const char *
ip_term(const char *v, int six)
{
	char		 addr[64];
	unsigned char	 buf[16];
	const char	*slash = strchr(v, '/');
	size_t		 n = slash ? (size_t)(slash - v) : strlen(v);

	if (n == 0 || n >= sizeof(addr))
		return N_("a bad address");
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (inet_pton(six ? AF_INET6 : AF_INET, addr, buf) != 1)
		return six ? N_("a bad IPv6 address") : N_("a bad IPv4 address");
	if (slash != NULL && !cidr_ok(slash + 1, six ? 128 : 32))
		return N_("a bad prefix length");
	return NULL;
}

static void
add_term(struct spf_record *r, enum spf_kind k, char q, const char *value,
    int macro)
{
	struct spf_term	*t;

	r->t = xreallocarray(r->t, r->n + 1, sizeof(*r->t));
	t = &r->t[r->n++];
	t->kind = k;
	t->qual = q;
	t->value = value != NULL ? xstrdup(value) : NULL;
	t->macro = macro;
}

void
spf_parse(const char *txt, struct spf_record *r)
{
	static const struct {
		const char	*name;
		enum spf_kind	 kind;
		int		 arg;	/* 0 none, 1 optional, 2 required */
	} mechs[] = {
		{ "all", SPF_ALL, 0 }, { "include", SPF_INCLUDE, 2 },
		{ "a", SPF_A, 1 }, { "mx", SPF_MX, 1 }, { "ptr", SPF_PTR, 1 },
		{ "ip4", SPF_IP4, 2 }, { "ip6", SPF_IP6, 2 },
		{ "exists", SPF_EXISTS, 2 },
	};
	char		*copy, *tok, *save = NULL, *name, *val, q;
	const char	*why;
	size_t		 i, nlen;
	int		 macro, redirect = 0, exp = 0;

	memset(r, 0, sizeof(*r));
	if (!spf_is_record(txt)) {
		seterr(&r->error, "%s", _("the record does not start with "
		    "v=spf1"));
		return;
	}
	copy = xstrdup(txt + 6);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (r->n >= SPF_MAX_TERMS) {
			seterr(&r->error, "%s", _("more than 200 terms"));
			break;
		}
		/* A modifier: name=value, name starting with a letter. */
		nlen = strcspn(tok, "=:/");
		if (tok[nlen] == '=' && isalpha((unsigned char)tok[0])) {
			tok[nlen] = '\0';
			name = tok;
			val = tok + nlen + 1;
			for (i = 0; i < nlen; i++)
				if (!isalnum((unsigned char)name[i]) &&
				    strchr("-_.", name[i]) == NULL) {
					seterr(&r->error, _("'%s': a bad "
					    "modifier name"), name);
					goto out;
				}
			if (strcasecmp(name, "redirect") == 0) {
				if (redirect++) {
					seterr(&r->error, "%s", _("redirect= "
					    "appears twice"));
					goto out;
				}
				if ((why = macro_check(val, strlen(val), 0,
				    &macro)) != NULL ||
				    (!macro && (why = domain_check(val)))) {
					seterr(&r->error, "redirect=%s: %s",
					    val, _(why));
					goto out;
				}
				add_term(r, SPF_REDIRECT, '+', val, macro);
			} else if (strcasecmp(name, "exp") == 0) {
				if (exp++) {
					seterr(&r->error, "%s", _("exp= appears "
					    "twice"));
					goto out;
				}
				if ((why = macro_check(val, strlen(val), 0,
				    &macro)) != NULL ||
				    (!macro && (why = domain_check(val)))) {
					seterr(&r->error, "exp=%s: %s", val,
					    _(why));
					goto out;
				}
				add_term(r, SPF_EXP, '+', val, macro);
			} else {
				if ((why = macro_check(val, strlen(val), 1,
				    &macro)) != NULL) {
					seterr(&r->error, "%s=%s: %s", name,
					    val, _(why));
					goto out;
				}
				seterr(&r->warning, _("unknown modifier "
				    "'%s', ignored by receivers"), name);
				add_term(r, SPF_UNKNOWN_MOD, '+', name, macro);
			}
			continue;
		}
		q = '+';
		if (strchr("+-~?", tok[0]) != NULL)
			q = *tok++;
		nlen = strcspn(tok, ":/");
		for (i = 0; i < sizeof(mechs) / sizeof(mechs[0]); i++)
			if (strlen(mechs[i].name) == nlen &&
			    strncasecmp(tok, mechs[i].name, nlen) == 0)
				break;
		if (i == sizeof(mechs) / sizeof(mechs[0])) {
			seterr(&r->error, _("'%s': unknown mechanism"), tok);
			goto out;
		}
		val = NULL;
		if (tok[nlen] == ':') {
			val = tok + nlen + 1;
			/* "a:" or "a:/24": ':' promises a domain-spec. */
			if (*val == '\0' || *val == '/') {
				seterr(&r->error, _("'%s': a domain is required "
				    "after ':'"), tok);
				goto out;
			}
		}
		else if (tok[nlen] == '/' && (mechs[i].kind == SPF_A ||
		    mechs[i].kind == SPF_MX))
			val = tok + nlen;	/* only a prefix */
		else if (tok[nlen] != '\0') {
			seterr(&r->error, _("'%s': unexpected text after the "
			    "mechanism"), tok);
			goto out;
		}
		if ((mechs[i].arg == 0 && val != NULL) ||
		    (mechs[i].arg == 2 && (val == NULL || *val == '\0'))) {
			seterr(&r->error, mechs[i].arg ? _("'%s': a value is "
			    "required") : _("'%s': takes no value"), tok);
			goto out;
		}
		macro = 0;
		why = NULL;
		switch (mechs[i].kind) {
		case SPF_IP4:
		case SPF_IP6:
			why = ip_term(val, mechs[i].kind == SPF_IP6);
			break;
		case SPF_A:
		case SPF_MX:
			/* The domain part is checked; the value kept with
			 * its prefix lengths. */
			if (val != NULL) {
				char *dom = xstrdup(val);

				if ((why = dual_cidr(dom)) == NULL &&
				    *dom != '\0' && (why = macro_check(dom,
				    strlen(dom), 0, &macro)) == NULL && !macro)
					why = domain_check(dom);
				free(dom);
			}
			break;
		default:
			if (why == NULL && val != NULL &&
			    (why = macro_check(val, strlen(val), 0,
			    &macro)) == NULL && !macro)
				why = domain_check(val);
			break;
		}
		if (why != NULL) {
			seterr(&r->error, "%s%s%s: %s", mechs[i].name,
			    val ? ":" : "", val ? val : "", _(why));
			goto out;
		}
		if (mechs[i].kind == SPF_PTR)
			seterr(&r->warning, "%s", _("the ptr mechanism is "
			    "slow and must not be used (RFC 7208 §5.5)"));
		add_term(r, mechs[i].kind, q, val, macro);
	}
out:
	free(copy);
}

void
spf_free(struct spf_record *r)
{
	int	i;

	for (i = 0; i < r->n; i++)
		free(r->t[i].value);
	free(r->t);
	free(r->error);
	free(r->warning);
	memset(r, 0, sizeof(*r));
}

/* ---- the recursive count ------------------------------------------- */

struct walk {
	struct vg_dns	*dns;
	int		 dnsflags;
	struct spf_eval	*ev;
	char		*stack[SPF_MAX_RECORDS];	/* the include path */
	int		 depth;
	int		 records;		/* read so far */
};

/*
 * The SPF record of DOMAIN: 1 and *out filled, 0 when there is none
 * (with *void set for NXDOMAIN/NODATA), -1 on error (ev->error set).
 */
static int
fetch(struct walk *w, const char *domain, struct spf_record *out, int *isvoid)
{
	struct vg_dns_answer	*a;
	char			*txt, *found = NULL;
	int			 i, count = 0, rc = 0;

	*isvoid = 0;
	a = vg_dns_query(w->dns, domain, VG_DNS_TXT, w->dnsflags);
	if (a->sec == VG_SEC_BOGUS) {
		seterr(&w->ev->error, _("%s: the TXT record fails DNSSEC "
		    "validation: %s"), domain, a->why ? a->why : "?");
		rc = -1;
		goto out;
	}
	if (a->status == VG_DNS_NXDOMAIN || a->status == VG_DNS_NODATA) {
		*isvoid = 1;
		goto out;
	}
	if (a->status != VG_DNS_OK) {
		seterr(&w->ev->error, _("%s: TXT lookup failed: %s"), domain,
		    a->why ? a->why : vg_dns_status_text(a->status));
		w->ev->temp = 1;
		rc = -1;
		goto out;
	}
	for (i = 0; i < a->n; i++) {
		if ((txt = vg_dns_txt(&a->rr[i], NULL)) == NULL)
			continue;
		if (spf_is_record(txt) && count++ == 0)
			found = txt;
		else
			free(txt);
	}
	if (count > 1) {
		seterr(&w->ev->error, vg_ngettext("%s: %d SPF record (permerror)",
		    "%s: %d SPF records (permerror)", count), domain, count);
		rc = -1;
	} else if (found != NULL) {
		spf_parse(found, out);
		if (out->error != NULL) {
			seterr(&w->ev->error, "%s: %s", domain, out->error);
			spf_free(out);
			rc = -1;
		} else
			rc = 1;
	}
	free(found);
out:
	vg_dns_answer_free(a);
	return rc;
}

static void walk_record(struct walk *, const char *domain,
    const struct spf_record *, int top);

static void
follow(struct walk *w, const char *from, const char *target, int top,
    int redirect)
{
	struct spf_record	 rec;
	int			 i, rc, isvoid;

	/* A loop is a name already on the path from the top record. */
	for (i = 0; i < w->depth; i++)
		if (strcasecmp(w->stack[i], target) == 0) {
			w->ev->loop = 1;
			if (w->ev->path == NULL)
				w->ev->path = xasprintf("%s -> %s", from,
				    target);
			return;
		}
	if (w->records >= SPF_MAX_RECORDS || w->depth >= SPF_MAX_RECORDS) {
		seterr(&w->ev->error, _("more than %d records to follow"),
		    SPF_MAX_RECORDS);
		return;
	}
	w->records++;
	rc = fetch(w, target, &rec, &isvoid);
	if (rc == 0) {
		if (isvoid)
			w->ev->voids++;
		seterr(&w->ev->error, _("%s:%s has no SPF record "
		    "(permerror)"), redirect ? "redirect=" : "include",
		    target);
		return;
	}
	if (rc == -1)
		return;
	w->stack[w->depth++] = xstrdup(target);
	walk_record(w, target, &rec, top && redirect);
	free(w->stack[--w->depth]);
	spf_free(&rec);
}

/*
 * The target of a term for DOMAIN, its macros expanded as far as they
 * can be without a connection (the sender taken as postmaster@DOMAIN),
 * owned by the caller; NULL when a macro needs the connection.
 */
static char *
term_target(struct walk *w, const struct spf_term *t, const char *domain)
{
	struct spf_macro_env	 env;
	char			*v, *r;
	char			 sender[300];
	int			 b4, b6;

	if (t->value == NULL)
		return xstrdup(domain);
	v = xstrdup(t->value);
	if (t->kind == SPF_A || t->kind == SPF_MX)
		(void)spf_cidr_split(v, &b4, &b6);
	if (*v == '\0') {
		free(v);
		return xstrdup(domain);
	}
	if (!t->macro)
		return v;
	memset(&env, 0, sizeof(env));
	snprintf(sender, sizeof(sender), "postmaster@%s", domain);
	env.sender = sender;
	env.local = "postmaster";
	env.sdomain = domain;
	r = spf_expand(w->dns, &env, v, domain);
	free(v);
	return r;
}

static void
walk_record(struct walk *w, const char *domain, const struct spf_record *r,
    int top)
{
	struct vg_dns_answer	*a;
	struct spf_eval		*ev = w->ev;
	const struct spf_term	*redirect = NULL;
	char			*target;
	int			 i, has_all = 0, isvoid;

	for (i = 0; i < r->n; i++) {
		const struct spf_term *t = &r->t[i];

		if (ev->lookups > SPF_MAX_LOOKUPS)
			return;
		target = NULL;
		if (t->kind != SPF_ALL && t->kind != SPF_IP4 &&
		    t->kind != SPF_IP6 && t->kind != SPF_REDIRECT &&
		    t->kind != SPF_EXP && t->kind != SPF_UNKNOWN_MOD)
			target = term_target(w, t, domain);
		switch (t->kind) {
		case SPF_ALL:
			has_all = 1;
			if (top && ev->all == NULL)
				ev->all = xasprintf("%c", t->qual);
			break;
		case SPF_INCLUDE:
			ev->lookups++;
			if (target != NULL)
				follow(w, domain, target, top, 0);
			break;
		case SPF_A:
			ev->lookups++;
			if (target == NULL)
				break;
			a = vg_dns_query(w->dns, target, VG_DNS_A, 0);
			isvoid = a->status == VG_DNS_NXDOMAIN;
			if (a->status == VG_DNS_NODATA) {
				vg_dns_answer_free(a);
				a = vg_dns_query(w->dns, target, VG_DNS_AAAA,
				    0);
				isvoid = a->status == VG_DNS_NODATA ||
				    a->status == VG_DNS_NXDOMAIN;
			}
			ev->voids += isvoid;
			vg_dns_answer_free(a);
			break;
		case SPF_MX:
			ev->lookups++;
			if (target == NULL)
				break;
			a = vg_dns_query(w->dns, target, VG_DNS_MX, 0);
			if (a->status == VG_DNS_NXDOMAIN ||
			    a->status == VG_DNS_NODATA)
				ev->voids++;
			if (a->n > ev->mx_names)
				ev->mx_names = a->n;
			vg_dns_answer_free(a);
			break;
		case SPF_PTR:
			ev->lookups++;
			ev->ptr = 1;
			break;
		case SPF_EXISTS:
			/* §4.6.4: an exists that finds nothing is a void
			 * lookup too. */
			ev->lookups++;
			if (target == NULL)
				break;
			a = vg_dns_query(w->dns, target, VG_DNS_A, 0);
			if (a->status == VG_DNS_NXDOMAIN ||
			    a->status == VG_DNS_NODATA)
				ev->voids++;
			vg_dns_answer_free(a);
			break;
		case SPF_REDIRECT:
			redirect = t;
			break;
		default:
			break;
		}
		free(target);
	}
	/* redirect= is ignored when the record has an all. */
	if (redirect != NULL && !has_all) {
		ev->lookups++;
		target = term_target(w, redirect, domain);
		if (target != NULL)
			follow(w, domain, target, top, 1);
		free(target);
	}
}

void
spf_evaluate(struct vg_dns *dns, int dnsflags, const char *domain,
    const struct spf_record *top, struct spf_eval *ev)
{
	struct walk	w;

	memset(ev, 0, sizeof(*ev));
	memset(&w, 0, sizeof(w));
	w.dns = dns;
	w.dnsflags = dnsflags;
	w.ev = ev;
	w.stack[w.depth++] = xstrdup(domain);
	walk_record(&w, domain, top, 1);
	free(w.stack[0]);
}

void
spf_eval_free(struct spf_eval *ev)
{
	free(ev->all);
	free(ev->error);
	free(ev->path);
	memset(ev, 0, sizeof(*ev));
}
