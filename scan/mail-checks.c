/*
 * mail-checks.c — every check of `vigie scan mail` on one domain, in the
 * order a contractor reads them: MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT,
 * then each MX host (STARTTLS, TLS, certificate, DANE), DNSSEC and the
 * official address. The results list and the texts are in mail.c.
 */
#include <sys/random.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define MX_MAX		10	/* MX hosts looked at */
#define PROBE_MAX	5	/* MX hosts probed over SMTP */
#define TXT_MAX		16384	/* bytes of TXT at one name */

/* ---- helpers ---------------------------------------------------------- */

/* The TXT records at NAME that PRED accepts. */
struct txtset {
	enum vg_dns_status	 st;
	char			*why;		/* when st is not OK/absent */
	int			 bogus;		/* DNSSEC says forged/broken */
	char			*rec[8];
	int			 n;		/* may exceed 8 */
};

/*
 * Set by checks_domain() for the domain its thread is checking: the
 * domain's zone validates (DNSSEC secure), so every record a verdict
 * rests on is asked for through the validator, and a record whose
 * signature does not match is reported, not used.
 */
static __thread int	tl_signed;
/* Records of the domain being checked that failed validation. */
static __thread char	tl_bogus[512];

static int
qflags(void)
{
	return tl_signed ? VG_DNS_VALIDATE : 0;
}

/* The status of a check whose record could not be read: a forged or
 * broken signature in a signed zone is a failure, the rest an error. */
static enum vg_status
txt_status(const struct txtset *t)
{
	return t->bogus ? VG_ST_FAIL : VG_ST_ERROR;
}

static void
txt_get(const struct mail_opts *o, const char *name,
    int (*pred)(const char *), struct txtset *t)
{
	struct vg_dns_answer	*a;
	char			*s;
	size_t			 len, total = 0;
	int			 i;

	memset(t, 0, sizeof(*t));
	a = vg_dns_query(o->dns, name, VG_DNS_TXT, qflags());
	t->st = a->status;
	if (a->sec == VG_SEC_BOGUS || a->sec == VG_SEC_INDETERMINATE) {
		t->st = VG_DNS_SERVFAIL;
		t->bogus = a->sec == VG_SEC_BOGUS;
		if (t->bogus && strlen(tl_bogus) + strlen(name) + 8 <
		    sizeof(tl_bogus))
			snprintf(tl_bogus + strlen(tl_bogus), sizeof(tl_bogus)
			    - strlen(tl_bogus), " %s TXT", name);
		t->why = xasprintf(_("%s TXT fails DNSSEC validation in a "
		    "signed zone (a forged or broken signature), so it is not "
		    "used: %s"), name, a->why ? a->why : "?");
		goto out;
	}
	if (a->status != VG_DNS_OK) {
		if (a->status != VG_DNS_NXDOMAIN && a->status != VG_DNS_NODATA)
			t->why = xasprintf("%s TXT: %s", name, a->why ?
			    a->why : vg_dns_status_text(a->status));
		goto out;
	}
	for (i = 0; i < a->n; i++)
		total += a->rr[i].len;
	if (total > TXT_MAX) {
		t->st = VG_DNS_SERVFAIL;
		t->why = xasprintf(_("%s TXT: the answer is %zu bytes, more "
		    "than the %d vigie reads"), name, total, TXT_MAX);
		goto out;
	}
	for (i = 0; i < a->n; i++) {
		if ((s = vg_dns_txt(&a->rr[i], &len)) == NULL) {
			t->st = VG_DNS_SERVFAIL;
			t->why = xasprintf(_("%s TXT: a malformed record"),
			    name);
			goto out;
		}
		if (strlen(s) != len || !pred(s)) {
			free(s);
			continue;
		}
		if (t->n < 8)
			t->rec[t->n] = s;
		else
			free(s);
		t->n++;
	}
out:
	vg_dns_answer_free(a);
}

static void
txt_free(struct txtset *t)
{
	int	i;

	for (i = 0; i < t->n && i < 8; i++)
		free(t->rec[i]);
	free(t->why);
}

static int
is_tlsrpt(const char *s)
{
	return strncmp(s, "v=TLSRPTv1", 10) == 0 &&
	    (s[10] == ';' || s[10] == ' ' || s[10] == '\0');
}

/* The value of the rua= tag of a TLS-RPT record (RFC 8460 §3: tags
 * separated by ';'), or NULL: "nrua=" is not rua=. */
static const char *
tlsrpt_rua(const char *s)
{
	const char	*p = s;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (strncmp(p, "rua", 3) == 0) {
			const char *q = p + 3;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				for (q++; *q == ' ' || *q == '\t'; q++)
					;
				return q;
			}
		}
		p = strchr(p, ';');
	}
	return NULL;
}

static int
is_sts(const char *s)
{
	return strncmp(s, "v=STSv1", 7) == 0 &&
	    (s[7] == ';' || s[7] == ' ' || s[7] == '\0');
}

static int
is_any(const char *s)
{
	(void)s;
	return 1;
}

/* Whether S is an IPv4 address written as a name ("192.0.2.1"). */
static int
looks_ip(const char *s)
{
	int	dots = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.')
			dots++;
		else if (!isdigit((unsigned char)*s) && *s != ':')
			return 0;
	}
	return dots == 3 || dots == 0;
}

/* Whether A and B have the same organisational domain (RFC 7489
 * §3.2); without the public suffix list, whether one is under the
 * other. */
static int
same_org(const char *a, const char *b)
{
	char	oa[256], ob[256];
	size_t	la = strlen(a), lb = strlen(b);

	if (psl_org_domain(a, oa, sizeof(oa)) == 0 &&
	    psl_org_domain(b, ob, sizeof(ob)) == 0)
		return strcasecmp(oa, ob) == 0;

	if (la == lb)
		return strcasecmp(a, b) == 0;
	if (la < lb) {
		const char *t = a; a = b; b = t;
		size_t tl = la; la = lb; lb = tl;
	}
	return a[la - lb - 1] == '.' && strcasecmp(a + la - lb, b) == 0;
}

/* ---- MX ------------------------------------------------------------------ */

struct mx {
	char	 host[256];
	int	 pref;
	char	*addr;		/* first address, or NULL */
};

struct domain_state {
	struct mx	 mx[MX_MAX];
	int		 nmx;
	int		 null_mx;
	int		 mx_ok;		/* the MX query succeeded */
	int		 sts_enforce;
	int		 exists;
	int		 dns_dead;	/* the MX query timed out */
};

static int
mx_cmp(const void *a, const void *b)
{
	const struct mx	*x = a, *y = b;

	if (x->pref != y->pref)
		return x->pref - y->pref;
	return strcmp(x->host, y->host);
}

static void
check_mx(const struct mail_opts *o, const char *domain, struct mail_report *r,
    struct domain_state *ds)
{
	struct vg_dns_answer	*a, *h;
	char			*list = xstrdup(""), *tmp, *addrs[1];
	char			 issues[512] = "";
	enum vg_dns_status	 st;
	int			 i, resolved = 0, n, unsure = 0;
	size_t			 off;

	a = vg_dns_query(o->dns, domain, VG_DNS_MX, 0);
	ds->exists = a->status != VG_DNS_NXDOMAIN;
	switch (a->status) {
	case VG_DNS_OK:
		break;
	case VG_DNS_NXDOMAIN:
		mail_add(r, "mail.mx.present", VG_ST_FAIL, domain,
		    _("The domain %s does not exist in the DNS."), domain);
		goto out;
	case VG_DNS_NODATA:
		mail_add(r, "mail.mx.present", VG_ST_FAIL, domain, "%s",
		    _("No MX record: senders fall back to the domain's own "
		    "address, if any."));
		goto out;
	default:
		mail_add(r, "mail.mx.present", VG_ST_ERROR, domain,
		    _("MX lookup failed: %s"), a->why ? a->why :
		    vg_dns_status_text(a->status));
		/* A silent server would make every other lookup wait. */
		ds->dns_dead = a->status == VG_DNS_TIMEOUT;
		goto out;
	}
	ds->mx_ok = 1;
	for (i = 0; i < a->n && ds->nmx < MX_MAX; i++) {
		struct mx	*m = &ds->mx[ds->nmx];

		off = 2;
		if (a->rr[i].len < 3 || vg_dns_name(a->rr[i].data,
		    a->rr[i].len, &off, m->host) == -1 ||
		    off != a->rr[i].len) {
			mail_add(r, "mail.mx.present", VG_ST_ERROR, domain,
			    "%s", _("An MX record in the answer is "
			    "malformed."));
			goto out;
		}
		m->pref = a->rr[i].data[0] << 8 | a->rr[i].data[1];
		ds->nmx++;
	}
	qsort(ds->mx, ds->nmx, sizeof(ds->mx[0]), mx_cmp);
	if (ds->nmx == 1 && strcmp(ds->mx[0].host, ".") == 0) {
		ds->null_mx = 1;
		mail_add(r, "mail.mx.present", VG_ST_INFO, domain, "%s",
		    _("Null MX (RFC 7505): the domain declares it receives "
		    "no mail."));
		goto out;
	}
	for (i = 0; i < ds->nmx; i++) {
		struct mx	*m = &ds->mx[i];

		tmp = xasprintf("%s%s%s (%d)", list, i ? ", " : "", m->host,
		    m->pref);
		free(list);
		list = tmp;
		if (strcmp(m->host, ".") == 0) {
			snprintf(issues + strlen(issues), sizeof(issues) -
			    strlen(issues), "%s", _(" A null MX stands beside "
			    "other MX records."));
			continue;
		}
		if (looks_ip(m->host)) {
			snprintf(issues + strlen(issues), sizeof(issues) -
			    strlen(issues), _(" %s is an IP address, not "
			    "a host name."), m->host);
		}
		h = vg_dns_query(o->dns, m->host, VG_DNS_A, 0);
		if (h->canon != NULL)
			snprintf(issues + strlen(issues), sizeof(issues) -
			    strlen(issues), _(" %s is an alias (CNAME) of "
			    "%s."), m->host, h->canon);
		vg_dns_answer_free(h);
		n = vg_dns_addrs(o->dns, m->host, addrs, 1, &st);
		if (n > 0) {
			m->addr = addrs[0];
			resolved++;
		} else {
			snprintf(issues + strlen(issues), sizeof(issues) -
			    strlen(issues), _(" %s has no address (%s)."),
			    m->host, vg_dns_status_text(st));
			/* An IP literal is wrong whatever the DNS says. */
			unsure += !looks_ip(m->host) &&
			    st != VG_DNS_NXDOMAIN && st != VG_DNS_NODATA;
		}
	}
	if (resolved == 0 && unsure > 0)
		mail_add(r, "mail.mx.present", VG_ST_ERROR, domain,
		    _("MX: %s.%s"), list, issues);
	else if (resolved == 0)
		mail_add(r, "mail.mx.present", VG_ST_FAIL, domain,
		    _("MX: %s.%s No MX host has an address."), list, issues);
	else if (issues[0] != '\0')
		mail_add(r, "mail.mx.present", VG_ST_WARN, domain,
		    _("MX: %s.%s"), list, issues);
	else
		mail_add(r, "mail.mx.present", VG_ST_PASS, domain,
		    _("MX: %s."), list);
out:
	free(list);
	vg_dns_answer_free(a);
}

/* ---- SPF -------------------------------------------------------------- */

static void
check_spf(const struct mail_opts *o, const char *domain,
    struct mail_report *r, const struct domain_state *ds)
{
	struct txtset		 t;
	struct spf_record	 rec;
	struct spf_eval		 ev;
	int			 has_redirect = 0, i;

	(void)ds;	/* the SPF check reads no DNSSEC state */
	txt_get(o, domain, spf_is_record, &t);
	if (t.why != NULL) {
		mail_add(r, "mail.spf.present", txt_status(&t), domain, "%s",
		    t.why);
		goto out;
	}
	if (t.n == 0) {
		mail_add(r, "mail.spf.present", VG_ST_FAIL, domain, "%s",
		    _("No TXT record starting with v=spf1: anyone can send "
		    "mail in this domain's name."));
		goto out;
	}
	mail_add(r, "mail.spf.present", VG_ST_PASS, domain, "%s", t.rec[0]);
	if (t.n > 1)
		mail_add(r, "mail.spf.single", VG_ST_FAIL, domain,
		    vg_ngettext("%d SPF record: receivers treat this as a "
		    "permanent error (permerror).", "%d SPF records: receivers "
		    "treat this as a permanent error (permerror).", t.n), t.n);
	else
		mail_add(r, "mail.spf.single", VG_ST_PASS, domain, NULL);
	spf_parse(t.rec[0], &rec);
	if (rec.error != NULL) {
		mail_add(r, "mail.spf.syntax", VG_ST_FAIL, domain, "%s",
		    rec.error);
		spf_free(&rec);
		goto out;
	}
	if (rec.warning != NULL)
		mail_add(r, "mail.spf.syntax", VG_ST_WARN, domain, "%s",
		    rec.warning);
	else
		mail_add(r, "mail.spf.syntax", VG_ST_PASS, domain, NULL);
	for (i = 0; i < rec.n; i++)
		if (rec.t[i].kind == SPF_REDIRECT)
			has_redirect = 1;

	spf_evaluate(o->dns, qflags(), domain, &rec, &ev);
	if (ev.loop)
		mail_add(r, "mail.spf.lookups", VG_ST_FAIL, domain,
		    _("An include or redirect loop: %s."), ev.path);
	else if (ev.error != NULL && ev.temp)
		mail_add(r, "mail.spf.lookups", VG_ST_ERROR, domain, "%s",
		    ev.error);
	else if (ev.error != NULL)
		mail_add(r, "mail.spf.lookups", VG_ST_FAIL, domain, "%s",
		    ev.error);
	else if (ev.lookups > 10)
		mail_add(r, "mail.spf.lookups", VG_ST_FAIL, domain,
		    vg_ngettext("%d DNS lookup%s; the limit is 10.",
		    "%d DNS lookups%s; the limit is 10.", ev.lookups),
		    ev.lookups,
		    ev.lookups > 20 ? _(" or more") : "");
	else if (ev.mx_names > 10)
		mail_add(r, "mail.spf.lookups", VG_ST_FAIL, domain,
		    vg_ngettext("An mx term names %d host; the limit is 10.",
		    "An mx term names %d hosts; the limit is 10.",
		    ev.mx_names), ev.mx_names);
	else
		mail_add(r, "mail.spf.lookups", ev.ptr ? VG_ST_WARN :
		    VG_ST_PASS, domain, vg_ngettext("%d DNS lookup out of "
		    "10%s.", "%d DNS lookups out of 10%s.", ev.lookups),
		    ev.lookups, ev.ptr ? _(", one of them a ptr term that "
		    "must not be used") : "");
	if (ev.voids > 2)
		mail_add(r, "mail.spf.void", VG_ST_FAIL, domain,
		    vg_ngettext("%d lookup found nothing; receivers stop "
		    "after 2.", "%d lookups found nothing; receivers stop "
		    "after 2.", ev.voids), ev.voids);
	else
		mail_add(r, "mail.spf.void", VG_ST_PASS, domain,
		    vg_ngettext("%d lookup found nothing (at most 2).",
		    "%d lookups found nothing (at most 2).", ev.voids),
		    ev.voids);

	if (ev.all == NULL)
		mail_add(r, "mail.spf.all", VG_ST_WARN, domain, "%s",
		    has_redirect ? _("The redirected record ends without an "
		    "all term: mail from elsewhere is neither accepted nor "
		    "refused.") : _("No all term: mail from servers not "
		    "listed is neither accepted nor refused."));
	else if (ev.all[0] == '-')
		mail_add(r, "mail.spf.all", VG_ST_PASS, domain, "%s",
		    _("-all: mail from servers not listed is refused."));
	else if (ev.all[0] == '~')
		mail_add(r, "mail.spf.all", VG_ST_WARN, domain, "%s",
		    _("~all: mail from servers not listed is only marked "
		    "as suspicious (soft fail)."));
	else
		mail_add(r, "mail.spf.all", VG_ST_FAIL, domain,
		    _("%sall: mail from any server is %s."), ev.all,
		    ev.all[0] == '+' ? _("accepted") : _("neither accepted "
		    "nor refused"));
	spf_eval_free(&ev);
	spf_free(&rec);
out:
	txt_free(&t);
}

/* ---- SPF for a sending server ----------------------------------------- */

void
checks_sender(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	struct spf_macro_env	 env;
	struct spf_host_result	 res;
	enum vg_status		 st;
	char			*sender, *local, *at;

	memset(&env, 0, sizeof(env));
	if (spf_ip_parse(o->sender_ip, &env.ip) == -1)
		fatal("checks_sender: bad IP");
	env.has_ip = 1;
	env.helo = o->helo;
	/* RFC 7208 §2.4, §4.3: an empty MAIL FROM is postmaster@HELO; an
	 * empty local part is postmaster. */
	if (o->sender != NULL && *o->sender != '\0' &&
	    (at = strrchr(o->sender, '@')) != NULL) {
		local = at == o->sender ? xstrdup("postmaster") :
		    xstrndup(o->sender, at - o->sender);
		sender = xasprintf("%s@%s", local, at + 1);
		env.sdomain = at + 1;
	} else {
		local = xstrdup("postmaster");
		sender = xasprintf("postmaster@%s", o->sender != NULL &&
		    o->helo != NULL ? o->helo : domain);
		env.sdomain = o->sender != NULL && o->helo != NULL ? o->helo :
		    domain;
	}
	env.sender = sender;
	env.local = local;
	spf_check_host(o->dns, qflags(), &env, domain, &res);
	switch (res.result) {
	case SPF_R_PASS:
		st = VG_ST_PASS;
		break;
	case SPF_R_FAIL:
	case SPF_R_SOFTFAIL:
	case SPF_R_PERMERROR:
		st = VG_ST_FAIL;
		break;
	case SPF_R_TEMPERROR:
		st = VG_ST_ERROR;
		break;
	default:
		st = VG_ST_WARN;
	}
	if (res.mechanism != NULL)
		mail_add(r, "mail.spf.sender", st, domain, _("Mail from %s "
		    "(sender %s): SPF %s, decided by %s (path: %s)."),
		    o->sender_ip, sender, spf_result_name(res.result),
		    res.mechanism, res.path);
	else
		mail_add(r, "mail.spf.sender", st, domain, _("Mail from %s "
		    "(sender %s): SPF %s%s%s (path: %s)."), o->sender_ip,
		    sender, spf_result_name(res.result), res.why ? ": " : "",
		    res.why ? res.why : "", res.path);
	mail_set_field(r, "result", spf_result_name(res.result));
	mail_set_field(r, "ip", o->sender_ip);
	mail_set_field(r, "mechanism", res.mechanism);
	mail_set_field(r, "explanation", res.explanation);
	spf_host_result_free(&res);
	free(sender);
	free(local);
}

/* ---- DMARC --------------------------------------------------------------- */

static void
check_dmarc_rua(const struct mail_opts *o, const char *domain,
    const char *where, const struct dmarc_record *d, struct mail_report *r)
{
	struct txtset	 t;
	char		*rd, *name, bad[512] = "";
	int		 i;

	if (d->rua == NULL || d->rua[0] == NULL) {
		mail_add(r, "mail.dmarc.rua", VG_ST_WARN, domain, "%s",
		    _("No rua= address: nobody receives the reports that "
		    "show who sends mail in the domain's name."));
		return;
	}
	for (i = 0; d->rua[i] != NULL; i++) {
		if ((rd = dmarc_uri_domain(d->rua[i])) == NULL)
			continue;
		if (!same_org(rd, where)) {
			/* RFC 7489 §7.1: the destination must agree. */
			name = xasprintf("%s._report._dmarc.%s", where, rd);
			txt_get(o, name, dmarc_is_record, &t);
			if (t.why != NULL)
				snprintf(bad + strlen(bad), sizeof(bad) -
				    strlen(bad), " %s", t.why);
			else if (t.n == 0)
				snprintf(bad + strlen(bad), sizeof(bad) -
				    strlen(bad), _(" %s has not authorised "
				    "reports for this domain (no %s)."), rd,
				    name);
			txt_free(&t);
			free(name);
		}
		free(rd);
	}
	if (bad[0] != '\0')
		mail_add(r, "mail.dmarc.rua", VG_ST_WARN, domain,
		    _("Reports go to %s.%s"), d->rua[0], bad);
	else
		mail_add(r, "mail.dmarc.rua", VG_ST_PASS, domain,
		    _("Reports go to %s."), d->rua[0]);
}

static void
check_dmarc(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	struct txtset		 t;
	struct dmarc_record	 d;
	const char		*where = domain, *pol;
	char			*name, *sub = NULL, org[256];

	name = xasprintf("_dmarc.%s", domain);
	txt_get(o, name, dmarc_is_record, &t);
	/* RFC 7489 §6.6.3: no record here, look at the organisational
	 * domain, found with the Public Suffix List. */
	if (t.n == 0 && t.why == NULL) {
		if (psl_org_domain(domain, org, sizeof(org)) == -1) {
			mail_add(r, "mail.dmarc.present", VG_ST_ERROR, domain,
			    _("No v=DMARC1 record at _dmarc.%s, and the public "
			    "suffix list (package publicsuffix) cannot be read "
			    "to find the organisational domain."), domain);
			goto out;
		}
		if (strcasecmp(org, domain) != 0) {
			where = org;
			txt_free(&t);
			free(name);
			name = xasprintf("_dmarc.%s", where);
			txt_get(o, name, dmarc_is_record, &t);
		}
	}
	if (t.why != NULL) {
		mail_add(r, "mail.dmarc.present", txt_status(&t), domain, "%s",
		    t.why);
		goto out;
	}
	if (t.n == 0 && where != domain) {
		mail_add(r, "mail.dmarc.present", VG_ST_FAIL, domain,
		    _("No v=DMARC1 record at _dmarc.%s, nor at _dmarc.%s "
		    "(the organisational domain, by the public suffix "
		    "list)."), domain, where);
		goto out;
	}
	if (t.n == 0) {
		mail_add(r, "mail.dmarc.present", VG_ST_FAIL, domain,
		    _("No v=DMARC1 record at _dmarc.%s."), domain);
		goto out;
	}
	if (where != domain)
		sub = xasprintf(_("Inherited from %s (the organisational "
		    "domain, by the public suffix list): "), where);
	mail_add(r, "mail.dmarc.present", VG_ST_PASS, domain, "%s%s",
	    sub ? sub : "", t.rec[0]);
	if (t.n > 1)
		mail_add(r, "mail.dmarc.single", VG_ST_FAIL, domain,
		    vg_ngettext("%d DMARC record at %s: receivers ignore "
		    "it.", "%d DMARC records at %s: receivers ignore them all.",
		    t.n), t.n, name);
	else
		mail_add(r, "mail.dmarc.single", VG_ST_PASS, domain, NULL);
	dmarc_parse(t.rec[0], &d);
	if (d.error != NULL)
		mail_add(r, "mail.dmarc.syntax", VG_ST_FAIL, domain, "%s",
		    d.error);
	else if (d.unknown != NULL)
		mail_add(r, "mail.dmarc.syntax", VG_ST_WARN, domain,
		    _("Unknown tag %s=, ignored by receivers."), d.unknown);
	else
		mail_add(r, "mail.dmarc.syntax", VG_ST_PASS, domain, NULL);

	/* The policy that applies to this domain. */
	pol = d.p;
	if (where != domain && d.sp != NULL)
		pol = d.sp;
	if (pol == NULL)
		mail_add(r, "mail.dmarc.policy", VG_ST_FAIL, domain, "%s",
		    _("No policy (p=) can be read."));
	else if (strcmp(pol, "none") == 0)
		mail_add(r, "mail.dmarc.policy", VG_ST_WARN, domain, "%s",
		    _("p=none: forged mail is only reported, still "
		    "delivered."));
	else if (d.pct < 100)
		mail_add(r, "mail.dmarc.policy", VG_ST_WARN, domain,
		    _("p=%s applies to only %d%% of forged mail (pct=%d)."),
		    pol, d.pct, d.pct);
	else if (d.testing)
		mail_add(r, "mail.dmarc.policy", VG_ST_WARN, domain,
		    _("p=%s, but t=y asks receivers to apply one level "
		    "less."), pol);
	else if (where == domain && d.sp != NULL &&
	    strcmp(d.sp, "none") == 0)
		mail_add(r, "mail.dmarc.policy", VG_ST_WARN, domain,
		    _("p=%s, but sp=none leaves subdomains unprotected."),
		    pol);
	else
		mail_add(r, "mail.dmarc.policy", VG_ST_PASS, domain,
		    _("p=%s."), pol);
	check_dmarc_rua(o, domain, where, &d, r);
	dmarc_free(&d);
out:
	free(sub);
	free(name);
	txt_free(&t);
}

/* ---- DKIM ------------------------------------------------------------------ */

static const char *const common_selectors[] = {
	"default", "dkim", "mail", "selector1", "selector2", "google", "k1",
	"k2", "s1", "s2", "smtp", "key1", "mx", "email", NULL
};

static int
dkim_one(const struct mail_opts *o, const char *domain, const char *sel,
    int asked, const char *wild, struct mail_report *r, char **why)
{
	struct txtset	 t;
	struct dkim_key	 k;
	char		*name;
	int		 found = 0;

	name = xasprintf("%s._domainkey.%s", sel, domain);
	txt_get(o, name, is_any, &t);
	if (t.why != NULL && t.bogus) {
		mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name, "%s",
		    t.why);
		found = 1;
		goto out;
	}
	if (t.why != NULL) {
		if (asked)
			mail_add(r, "mail.dkim.selector", VG_ST_ERROR, name,
			    "%s", t.why);
		else if (*why == NULL)
			*why = xstrdup(t.why);
		goto out;
	}
	if (t.n == 0) {
		if (asked)
			mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name,
			    _("No key at %s."), name);
		goto out;
	}
	if (wild != NULL && t.n == 1 && strcmp(t.rec[0], wild) == 0) {
		/* Only the wildcard answers here: no key of its own. */
		if (asked)
			mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name,
			    _("No key at %s: only the wildcard record "
			    "answers."), name);
		goto out;
	}
	found = 1;
	dkim_parse(t.rec[0], &k);
	if (k.error != NULL)
		mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name,
		    _("Unusable key: %s."), k.error);
	else if (k.revoked)
		mail_add(r, "mail.dkim.selector", VG_ST_INFO, name, "%s",
		    _("Revoked key (empty p=)."));
	else if (k.sha1_only)
		mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name, "%s",
		    _("The key is restricted to SHA-1 (h=sha1): receivers "
		    "no longer accept such signatures (RFC 8301)."));
	else if (strcmp(k.type, "rsa") == 0 && k.bits < 1024)
		mail_add(r, "mail.dkim.selector", VG_ST_FAIL, name,
		    _("RSA key of %d bits: under 1024, receivers ignore it."),
		    k.bits);
	else if (strcmp(k.type, "rsa") == 0 && k.bits < 2048)
		mail_add(r, "mail.dkim.selector", VG_ST_WARN, name,
		    _("RSA key of %d bits: 2048 is recommended."), k.bits);
	else if (k.testing)
		mail_add(r, "mail.dkim.selector", VG_ST_WARN, name,
		    _("%s key of %d bits in test mode (t=y)."), k.type,
		    k.bits);
	else
		mail_add(r, "mail.dkim.selector", VG_ST_PASS, name,
		    _("%s key of %d bits."), k.type, k.bits);
	dkim_free(&k);
out:
	txt_free(&t);
	free(name);
	return found;
}

static void
check_dkim(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	struct vg_dns_answer	*a;
	struct txtset		 w;
	char			*name, *why = NULL, *wild = NULL;
	unsigned char		 rnd[6];
	int			 i, j, found = 0, tried = 0, dup;

	/* A name no one would pick: if it answers, a wildcard does, and
	 * every usual selector would "find" that same record. */
	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd))
		memset(rnd, 0x5a, sizeof(rnd));
	name = xasprintf("vg%02x%02x%02x%02x%02x%02x._domainkey.%s", rnd[0],
	    rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], domain);
	txt_get(o, name, is_any, &w);
	if (w.why == NULL && w.n > 0)
		wild = xstrdup(w.rec[0]);
	txt_free(&w);
	free(name);
	for (i = 0; o->selectors != NULL && o->selectors[i] != NULL; i++) {
		found += dkim_one(o, domain, o->selectors[i], 1, wild, r,
		    &why);
		tried++;
	}
	if (wild != NULL) {
		mail_add(r, "mail.dkim.selector", VG_ST_WARN, domain,
		    _("A wildcard TXT record answers for any name under "
		    "_domainkey.%s (\"%s\"): the usual selectors cannot be "
		    "told apart from it. Give your provider's selector with "
		    "--dkim-selector."), domain, wild);
		free(wild);
		free(why);
		return;
	}
	for (i = 0; common_selectors[i] != NULL; i++) {
		dup = 0;
		for (j = 0; o->selectors != NULL && o->selectors[j] != NULL;
		    j++)
			if (strcasecmp(o->selectors[j],
			    common_selectors[i]) == 0)
				dup = 1;
		if (!dup) {
			found += dkim_one(o, domain, common_selectors[i], 0,
			    NULL, r, &why);
			tried++;
		}
	}
	if (found > 0 || (o->selectors != NULL && o->selectors[0] != NULL)) {
		free(why);
		return;
	}
	if (why != NULL) {
		mail_add(r, "mail.dkim.selector", VG_ST_ERROR, domain, "%s",
		    why);
		free(why);
		return;
	}
	/* Like internet.nl: an existing _domainkey suggests keys exist. */
	name = xasprintf("_domainkey.%s", domain);
	a = vg_dns_query(o->dns, name, VG_DNS_TXT, 0);
	if (a->status == VG_DNS_NODATA || a->status == VG_DNS_OK)
		mail_add(r, "mail.dkim.selector", VG_ST_INFO, domain,
		    vg_ngettext("No key under the %d usual selector, but %s "
		    "exists: give the provider's selector with "
		    "--dkim-selector.", "No key under the %d usual selectors, "
		    "but %s exists: give the provider's selector with "
		    "--dkim-selector.", tried), tried, name);
	else
		mail_add(r, "mail.dkim.selector", VG_ST_WARN, domain,
		    vg_ngettext("No DKIM key under the %d usual selector "
		    "(give yours with --dkim-selector).", "No DKIM key under "
		    "the %d usual selectors (give yours with --dkim-selector).",
		    tried), tried);
	vg_dns_answer_free(a);
	free(name);
}

/* ---- MTA-STS and TLS-RPT ---------------------------------------------- */

static void
check_mtasts(const struct mail_opts *o, const char *domain,
    struct mail_report *r, struct domain_state *ds)
{
	struct txtset		 t;
	struct sts_policy	 p;
	char			*name, *body = NULL, why[512], id[40];
	char			 missing[512] = "";
	const char		*bad;
	size_t			 len;
	int			 rc, un, i, j, covered;

	name = xasprintf("_mta-sts.%s", domain);
	txt_get(o, name, is_sts, &t);
	if (t.why != NULL) {
		mail_add(r, "mail.mtasts.record", txt_status(&t), domain, "%s",
		    t.why);
		goto out;
	}
	if (t.n == 0) {
		mail_add(r, "mail.mtasts.record", VG_ST_WARN, domain,
		    _("No v=STSv1 record at %s."), name);
		goto out;
	}
	if (t.n > 1) {
		mail_add(r, "mail.mtasts.record", VG_ST_FAIL, domain,
		    vg_ngettext("%d MTA-STS record at %s: senders ignore "
		    "it.", "%d MTA-STS records at %s: senders ignore them.",
		    t.n), t.n, name);
		goto out;
	}
	if (sts_record_parse(t.rec[0], id, sizeof(id), &bad) == -1) {
		mail_add(r, "mail.mtasts.record", VG_ST_FAIL, domain,
		    "%s: %s", t.rec[0], _(bad));
		goto out;
	}
	mail_add(r, "mail.mtasts.record", VG_ST_PASS, domain, "%s", t.rec[0]);

	rc = mtasts_fetch(o, domain, &body, &len, why, sizeof(why), &un);
	if (rc == -2) {
		mail_add(r, "mail.mtasts.policy", un ? VG_ST_INFO :
		    VG_ST_ERROR, domain, "%s", why);
		goto out;
	}
	if (rc == -1) {
		mail_add(r, "mail.mtasts.policy", VG_ST_FAIL, domain, "%s",
		    why);
		goto out;
	}
	sts_parse(body, len, &p);
	if (p.error != NULL) {
		mail_add(r, "mail.mtasts.policy", VG_ST_FAIL, domain,
		    _("The policy is malformed: %s."), p.error);
		sts_free(&p);
		goto out;
	}
	ds->sts_enforce = strcmp(p.mode, "enforce") == 0;
	for (i = 0, covered = 1; i < ds->nmx && !ds->null_mx; i++) {
		for (j = 0; j < p.nmx; j++)
			if (sts_match(p.mx[j], ds->mx[i].host))
				break;
		if (j == p.nmx) {
			covered = 0;
			snprintf(missing + strlen(missing), sizeof(missing) -
			    strlen(missing), " %s", ds->mx[i].host);
		}
	}
	if (!covered)
		mail_add(r, "mail.mtasts.policy", ds->sts_enforce ?
		    VG_ST_FAIL : VG_ST_WARN, domain, _("mode: %s; MX not "
		    "listed in the policy:%s."), p.mode, missing);
	else if (strcmp(p.mode, "enforce") != 0)
		mail_add(r, "mail.mtasts.policy", VG_ST_WARN, domain,
		    _("mode: %s: senders do not yet insist on encryption."),
		    p.mode);
	else if (p.max_age < 604800)
		mail_add(r, "mail.mtasts.policy", VG_ST_WARN, domain,
		    _("mode: enforce, but max_age is %ld seconds (less "
		    "than a week)."), p.max_age);
	else
		mail_add(r, "mail.mtasts.policy", VG_ST_PASS, domain,
		    _("mode: enforce, max_age %ld, every MX listed."),
		    p.max_age);
	sts_free(&p);
out:
	free(body);
	free(name);
	txt_free(&t);
}

static void
check_tlsrpt(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	struct txtset	 t;
	char		*name;
	const char	*rua;

	name = xasprintf("_smtp._tls.%s", domain);
	txt_get(o, name, is_tlsrpt, &t);
	if (t.why != NULL)
		mail_add(r, "mail.tlsrpt.present", txt_status(&t), domain,
		    "%s", t.why);
	else if (t.n == 0)
		mail_add(r, "mail.tlsrpt.present", VG_ST_WARN, domain,
		    _("No v=TLSRPTv1 record at %s."), name);
	else if (t.n > 1)
		mail_add(r, "mail.tlsrpt.present", VG_ST_FAIL, domain,
		    vg_ngettext("%d TLS-RPT record at %s: senders ignore "
		    "it.", "%d TLS-RPT records at %s: senders ignore them.",
		    t.n), t.n, name);
	else if ((rua = tlsrpt_rua(t.rec[0])) == NULL ||
	    (strncmp(rua, "mailto:", 7) != 0 &&
	    strncmp(rua, "https:", 6) != 0))
		mail_add(r, "mail.tlsrpt.present", VG_ST_FAIL, domain,
		    _("%s: no rua=mailto: or rua=https: address."), t.rec[0]);
	else
		mail_add(r, "mail.tlsrpt.present", VG_ST_PASS, domain, "%s",
		    t.rec[0]);
	txt_free(&t);
	free(name);
}

/* ---- each MX host ------------------------------------------------------ */

static void	check_params(const struct smtp_probe *, const char *host,
		    struct mail_report *);

static const char *
sec_text(enum vg_dnssec s)
{
	switch (s) {
	case VG_SEC_SECURE:	return _("signed and valid");
	case VG_SEC_INSECURE:	return _("not signed");
	case VG_SEC_BOGUS:	return _("signed but failing validation");
	case VG_SEC_INDETERMINATE: return _("cannot be judged through this "
				    "resolver");
	default:		return _("not validated");
	}
}

/* The mail.dnssec result of NAME from A, a validated answer. */
static void
dnssec_report(const char *name, const struct vg_dns_answer *a,
    struct mail_report *r)
{
	if (a->sec == VG_SEC_BOGUS)
		mail_add(r, "mail.dnssec", VG_ST_FAIL, name, "%s: %s",
		    sec_text(a->sec), a->why ? a->why : "?");
	else if (a->sec == VG_SEC_INDETERMINATE)
		mail_add(r, "mail.dnssec", VG_ST_ERROR, name, _("DNSSEC "
		    "cannot be judged: %s. Run without --resolver (vigie then "
		    "validates from the root itself), or give the zone's key "
		    "with --trust-anchor."), a->why ? a->why : "?");
	else if (a->status == VG_DNS_TIMEOUT || a->status == VG_DNS_FAIL ||
	    (a->status == VG_DNS_SERVFAIL && a->sec != VG_SEC_SECURE))
		mail_add(r, "mail.dnssec", VG_ST_ERROR, name, "%s",
		    a->why ? a->why : vg_dns_status_text(a->status));
	else if (a->sec == VG_SEC_SECURE && tl_bogus[0] != '\0')
		mail_add(r, "mail.dnssec", VG_ST_FAIL, name, _("The zone is "
		    "signed, but records fail validation:%s."), tl_bogus);
	else
		mail_add(r, "mail.dnssec", a->sec == VG_SEC_SECURE ?
		    VG_ST_PASS : VG_ST_WARN, name, "%s", sec_text(a->sec));
}

static int
no_validator(const struct mail_opts *o, const char *name,
    struct mail_report *r)
{
	if (vg_dns_can_validate(o->dns))
		return 0;
	mail_add(r, "mail.dnssec", VG_ST_ERROR, name, "%s",
	    _("No DNSSEC trust anchor (install dns-root-data or give "
	    "--trust-anchor)."));
	return 1;
}

static void
check_dnssec(const struct mail_opts *o, const char *name, int type,
    struct mail_report *r)
{
	struct vg_dns_answer	*a;

	if (no_validator(o, name, r))
		return;
	a = vg_dns_query(o->dns, name, type, VG_DNS_VALIDATE);
	dnssec_report(name, a, r);
	vg_dns_answer_free(a);
}

static void
check_host(const struct mail_opts *o, const struct domain_state *ds,
    const struct mx *m, struct mail_report *r)
{
	const struct smtp_probe	*p;
	struct vg_dns_answer	*a;
	char			*name;
	const char		*why = NULL;
	int			 i, match = 0, bad = 0, dane_ee = 0;

	p = smtp_probe_cached(o, m->host, m->addr);
	if (!p->connected || (!p->starttls && p->error != NULL))
		mail_add(r, "mail.starttls.offered", VG_ST_ERROR, m->host,
		    "%s", p->error);
	else if (!p->starttls)
		mail_add(r, "mail.starttls.offered", VG_ST_FAIL, m->host,
		    _("%s (%s) does not offer STARTTLS."), m->host, p->addr);
	else if (!p->handshake && p->tls_timeout)
		mail_add(r, "mail.starttls.offered", VG_ST_ERROR, m->host,
		    _("STARTTLS is accepted, then TLS never starts: %s"),
		    p->error);
	else if (!p->handshake && p->old_only)
		mail_add(r, "mail.starttls.offered", VG_ST_FAIL, m->host,
		    _("STARTTLS is offered, but the server only speaks %s: "
		    "TLS 1.2 and 1.3 are refused."), p->version);
	else if (!p->handshake)
		mail_add(r, "mail.starttls.offered", VG_ST_FAIL, m->host,
		    _("STARTTLS is offered but TLS fails: %s"), p->error);
	else
		mail_add(r, "mail.starttls.offered", VG_ST_PASS, m->host,
		    _("STARTTLS offered by %s (%s)."), m->host, p->addr);

	check_dnssec(o, m->host, VG_DNS_A, r);

	name = xasprintf("_25._tcp.%s", m->host);
	/* Whether a TLSA exists at all comes first: without one there is
	 * no DANE to judge, whatever the validator can or cannot do. */
	a = vg_dns_query(o->dns, name, VG_DNS_TLSA, 0);
	if (a->status == VG_DNS_OK && vg_dns_can_validate(o->dns)) {
		vg_dns_answer_free(a);
		a = vg_dns_query(o->dns, name, VG_DNS_TLSA, VG_DNS_VALIDATE);
	}
	if (a->sec == VG_SEC_INDETERMINATE)
		mail_add(r, "mail.dane.tlsa", VG_ST_ERROR, m->host,
		    _("TLSA records at %s, but DNSSEC cannot be judged: %s"),
		    name, a->why ? a->why : "?");
	else if (a->sec == VG_SEC_BOGUS)
		mail_add(r, "mail.dane.tlsa", VG_ST_FAIL, m->host,
		    _("The TLSA records at %s fail DNSSEC validation: %s"),
		    name, a->why ? a->why : "?");
	else if (a->status == VG_DNS_NXDOMAIN || a->status == VG_DNS_NODATA)
		mail_add(r, "mail.dane.tlsa", VG_ST_INFO, m->host,
		    _("No TLSA record at %s: DANE is not used."), name);
	else if (a->status != VG_DNS_OK)
		mail_add(r, "mail.dane.tlsa", VG_ST_ERROR, m->host, "%s: %s",
		    name, a->why ? a->why : vg_dns_status_text(a->status));
	else if (a->sec != VG_SEC_SECURE)
		mail_add(r, "mail.dane.tlsa", VG_ST_WARN, m->host,
		    _("TLSA records at %s, but the zone is not signed: "
		    "senders ignore them."), name);
	else if (!p->handshake)
		mail_add(r, "mail.dane.tlsa", VG_ST_ERROR, m->host,
		    _("TLSA records at %s, but no TLS certificate to compare "
		    "them with."), name);
	else {
		for (i = 0; i < a->n && !match; i++) {
			int rc = smtp_tlsa_match(p, a->rr[i].data,
			    a->rr[i].len, &why);
			if (rc == 1) {
				match = 1;
				/* DANE-EE: names and dates do not count. */
				dane_ee = a->rr[i].len > 0 &&
				    a->rr[i].data[0] == 3;
			}
			else if (rc == -1)
				bad++;
		}
		if (match)
			mail_add(r, "mail.dane.tlsa", VG_ST_PASS, m->host,
			    _("A TLSA record at %s matches the certificate."),
			    name);
		else
			mail_add(r, "mail.dane.tlsa", VG_ST_FAIL, m->host,
			    vg_ngettext("The %d TLSA record at %s does not "
			    "match the certificate served%s%s.", "None of the "
			    "%d TLSA records at %s matches the certificate "
			    "served%s%s.", a->n), a->n, name,
			    bad ? "; " : "", bad ? _(why) : "");
	}
	vg_dns_answer_free(a);
	free(name);

	if (!p->handshake && p->old_only)
		mail_add(r, "mail.tls.version", VG_ST_FAIL, m->host,
		    _("Only %s is offered: TLS 1.2 or later is refused."),
		    p->version);
	if (p->handshake) {
		if (p->old_accepted)
			mail_add(r, "mail.tls.version", VG_ST_FAIL, m->host,
			    _("%s negotiated, but TLS 1.0 or 1.1 is accepted "
			    "too."), p->version);
		else
			mail_add(r, "mail.tls.version", VG_ST_PASS, m->host,
			    _("%s negotiated; TLS 1.0 and 1.1 refused."),
			    p->version);
		if (p->expired && dane_ee)
			mail_add(r, "mail.tls.cert", VG_ST_PASS, m->host, "%s",
			    _("The certificate has expired, but a DANE-EE "
			    "record (TLSA usage 3) pins it: with DANE, its dates "
			    "and names do not count (RFC 7672 §3.1.1)."));
		else if (p->expired && p->days_left == 0)
			mail_add(r, "mail.tls.cert", VG_ST_FAIL, m->host, "%s",
			    _("The certificate expired less than a day ago."));
		else if (p->expired)
			mail_add(r, "mail.tls.cert", VG_ST_FAIL, m->host,
			    vg_ngettext("The certificate expired %ld day ago.",
			    "The certificate expired %ld days ago.",
			    -p->days_left), -p->days_left);
		else if (!p->verify_ok && dane_ee)
			mail_add(r, "mail.tls.cert", VG_ST_PASS, m->host,
			    _("The certificate is not verified by an authority "
			    "(%s), but a DANE-EE record (TLSA usage 3) pins it: "
			    "senders that use DANE accept it (RFC 7672 "
			    "§3.1.1)."), p->verify_why);
		else if (!p->verify_ok)
			mail_add(r, "mail.tls.cert", ds->sts_enforce ?
			    VG_ST_FAIL : VG_ST_WARN, m->host,
			    _("The certificate is not valid for %s: %s."),
			    m->host, p->verify_why);
		else if (p->days_left < 30)
			mail_add(r, "mail.tls.cert", VG_ST_WARN, m->host,
			    vg_ngettext("The certificate expires in %ld day.",
			    "The certificate expires in %ld days.",
			    p->days_left), p->days_left);
		else
			mail_add(r, "mail.tls.cert", VG_ST_PASS, m->host,
			    vg_ngettext("Valid for %s, %ld day left.",
			    "Valid for %s, %ld days left.", p->days_left),
			    m->host, p->days_left);
		check_params(p, m->host, r);
	}

}

/*
 * mail.tls.params: the session negotiated, judged as internet.nl does
 * with the NCSC-NL TLS guidelines (and the ANSSI recommendations, which
 * agree on these points): "insufficient" fails, "phase out" warns.
 */
static void
check_params(const struct smtp_probe *p, const char *host,
    struct mail_report *r)
{
	char		 bad[768] = "", old[512] = "", kx[64];
	enum vg_status	 st;
	size_t		 n;

#define ADD(buf, ...) do {						\
	n = strlen(buf);						\
	snprintf(buf + n, sizeof(buf) - n, __VA_ARGS__);		\
} while (0)
	if (p->cipher_bits < 128 || strstr(p->cipher, "RC4") != NULL ||
	    strstr(p->cipher, "DES") != NULL || strstr(p->cipher, "NULL") !=
	    NULL || strstr(p->cipher, "EXP") != NULL ||
	    strstr(p->cipher, "MD5") != NULL)
		ADD(bad, _(" The cipher suite %s is insufficient."),
		    p->cipher);
	if (!p->kx_fs)
		ADD(old, "%s", _(" The key exchange has no forward secrecy "
		    "(RSA): to phase out."));
	if (strcmp(p->group, "DHE") == 0 || strncmp(p->group, "ffdhe", 5) ==
	    0) {
		if (p->group_bits > 0 && p->group_bits < 2048)
			ADD(bad, _(" Finite-field Diffie-Hellman of %d bits is "
			    "insufficient."), p->group_bits);
		else if (p->group_bits > 0 && p->group_bits < 3072)
			ADD(old, _(" Finite-field Diffie-Hellman of %d bits: "
			    "to phase out (3072 or elliptic curves)."),
			    p->group_bits);
	} else if (p->group_bits > 0 && p->group_bits < 224)
		ADD(bad, _(" An elliptic curve of %d bits is insufficient."),
		    p->group_bits);
	if ((strcmp(p->certkey, "RSA") == 0 || strcmp(p->certkey, "DSA") ==
	    0) && p->certbits < 2048)
		ADD(bad, _(" A certificate key of %d bits is insufficient "
		    "(2048 at least)."), p->certbits);
	else if (strcmp(p->certkey, "EC") == 0 && p->certbits < 256)
		ADD(bad, _(" A certificate key of %d bits is insufficient "
		    "(256 at least)."), p->certbits);
	if (p->sig_weak)
		ADD(bad, _(" The certificate is signed with %s: SHA-1 and MD5 "
		    "are insufficient."), p->sigalg);
	if (p->reneg == 0)
		ADD(bad, "%s", _(" Secure renegotiation (RFC 5746) is not "
		    "supported."));
	if (p->compressed)
		ADD(bad, "%s", _(" TLS compression is on (CRIME attack)."));
#undef ADD
	if (p->group[0] != '\0' && p->group_bits > 0)
		snprintf(kx, sizeof(kx), "%s (%d bits)", p->group,
		    p->group_bits);
	else
		snprintf(kx, sizeof(kx), "%s", p->group[0] ? p->group :
		    p->kx_fs ? "?" : "RSA");
	st = bad[0] ? VG_ST_FAIL : old[0] ? VG_ST_WARN : VG_ST_PASS;
	mail_add(r, "mail.tls.params", st, host, _("%s with %s, key "
	    "exchange %s, certificate key %s of %d bits signed with %s.%s%s"),
	    p->version, p->cipher, kx, p->certkey, p->certbits, p->sigalg,
	    bad, old);
}

/* ---- the official address -------------------------------------------- */

static const char *const consumer[] = {
	"orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr",
	"laposte.net", "bbox.fr", "gmail.com", "googlemail.com",
	"hotmail.fr", "hotmail.com", "outlook.fr", "outlook.com", "live.fr",
	"live.com", "msn.com", "yahoo.fr", "yahoo.com", "icloud.com",
	"me.com", "gmx.fr", "gmx.com", "aol.com", "aol.fr", "club-internet.fr",
	"numericable.fr", "cegetel.net", "aliceadsl.fr", "proton.me",
	"protonmail.com", NULL
};

int
checks_consumer_domain(const char *domain)
{
	int	i;

	for (i = 0; consumer[i] != NULL; i++)
		if (strcasecmp(domain, consumer[i]) == 0)
			return 1;
	return 0;
}

static void
check_address(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	const char	*at;

	if (o->address == NULL)
		return;
	if ((at = strrchr(o->address, '@')) == NULL || at[1] == '\0') {
		mail_add(r, "mail.provider.consumer", VG_ST_ERROR, domain,
		    _("'%s' is not an e-mail address."), o->address);
		return;
	}
	if (checks_consumer_domain(at + 1))
		mail_add(r, "mail.provider.consumer", VG_ST_FAIL, o->address,
		    _("%s is a consumer mailbox (%s), not the commune's "
		    "domain."), o->address, at + 1);
	else if (!same_org(at + 1, domain))
		mail_add(r, "mail.provider.consumer", VG_ST_INFO, o->address,
		    _("%s is on %s, not on %s."), o->address, at + 1, domain);
	else
		mail_add(r, "mail.provider.consumer", VG_ST_PASS, o->address,
		    _("%s is on the commune's domain."), o->address);
}

/* ---- all of it -------------------------------------------------------- */

void
checks_domain(const struct mail_opts *o, const char *domain,
    struct mail_report *r)
{
	struct domain_state	ds;
	int			i, probed = 0;

	struct vg_dns_answer	*sec = NULL;

	memset(&ds, 0, sizeof(ds));
	r->domain = xstrdup(domain);
	/* Nothing of another domain's validation carries over. */
	vg_dns_fresh(o->dns);
	tl_signed = 0;
	tl_bogus[0] = '\0';
	/* All DNS of one domain within three timeouts. */
	vg_dns_thread_deadline(3 * o->timeout_ms);
	check_mx(o, domain, r, &ds);
	if (ds.dns_dead) {
		mail_add(r, "mail.spf.present", VG_ST_ERROR, domain, "%s",
		    _("Not checked: the DNS server did not answer for this "
		    "domain."));
		check_address(o, domain, r);
		goto out;
	}
	if (!ds.exists) {
		check_address(o, domain, r);
		goto out;
	}
	/* A signed zone: the records below come from validated answers. */
	if (vg_dns_can_validate(o->dns)) {
		sec = vg_dns_query(o->dns, domain, VG_DNS_MX, VG_DNS_VALIDATE);
		tl_signed = sec->sec == VG_SEC_SECURE;
	}
	check_spf(o, domain, r, &ds);
	if (o->sender_ip != NULL)
		checks_sender(o, domain, r);
	check_dmarc(o, domain, r);
	if (!ds.null_mx)
		check_dkim(o, domain, r);
	check_mtasts(o, domain, r, &ds);
	check_tlsrpt(o, domain, r);
	if (!no_validator(o, domain, r))
		dnssec_report(domain, sec, r);
	for (i = 0; i < ds.nmx && !ds.null_mx; i++) {
		if (ds.mx[i].addr == NULL || strcmp(ds.mx[i].host, ".") == 0)
			continue;
		if (probed++ >= PROBE_MAX)
			break;
		check_host(o, &ds, &ds.mx[i], r);
	}
	check_address(o, domain, r);
out:
	for (i = 0; i < ds.nmx; i++)
		free(ds.mx[i].addr);
	vg_dns_answer_free(sec);
	tl_signed = 0;
	vg_dns_fresh(o->dns);
	vg_dns_thread_deadline(0);
}
