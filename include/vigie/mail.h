/*
 * mail.h — `vigie scan mail`: the parts of the mail checks that other
 * files (and the tests and fuzzers) call. The parsers take untrusted
 * text (DNS records, policy files, a Thunderbird profile) and never
 * trust a length or a count they read.
 *
 *   scan/mail.c          the command: options, workers, results and
 *                        their texts, output, store
 *   scan/mail-checks.c   one function per group of checks
 *   scan/mail-spf.c      SPF parsing and the recursive lookup count
 *   scan/mail-spf-host.c SPF check_host() for a sending IP, macros
 *   scan/mail-dmarc.c    DMARC parsing
 *   scan/mail-dkim.c     DKIM key records
 *   scan/mail-psl.c      the Public Suffix List (organisational domain)
 *   scan/mail-sts.c      MTA-STS record and policy parsing, MX patterns
 *   scan/mail-mtasts.c   fetching the policy over HTTPS (libcurl; the
 *                        only file that needs curl)
 *   scan/mail-smtp.c     SMTP, STARTTLS and TLS probes, DANE matching
 *   scan/mail-prefs.c    Thunderbird prefs.js reading
 *   scan/mail-client.c   client checks: prefs.js and autoconfig XML
 *   scan/mail-key4.c     whether a primary password protects key4.db
 */
#ifndef VIGIE_MAIL_H
#define VIGIE_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "vigie/dns.h"
#include "vigie/store.h"

/* ---- results ---------------------------------------------------------- */

struct mail_result {
	const char		*id;		/* "mail.spf.all", static */
	enum vg_status		 status;
	enum vg_severity	 severity;
	char			*subject;	/* domain or host */
	char			*detail;	/* translated, may be NULL */
	/* Extra JSON fields of this check ("result", "ip"...), owned. */
	char			*fk[4], *fv[4];
	int			 nf;
};

/* All the results for one domain (or one client profile). */
struct mail_report {
	char			*domain;	/* NULL for a client profile */
	char			*profile;	/* --client-profile, or NULL */
	struct mail_result	*v;
	size_t			 n, cap;
};

/*
 * Add a result. ID must be a static string known to mail_text(); DETAIL
 * is a printf format (already translated by the caller) or NULL. The
 * report copies everything.
 */
void	mail_add(struct mail_report *, const char *id, enum vg_status,
	    const char *subject, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Give the last result added the JSON field KEY (static) = VALUE
 * (copied; NULL gives null). At most 4 fields. */
void	mail_set_field(struct mail_report *, const char *key,
	    const char *value);
void	mail_report_free(struct mail_report *);
/* The worst status: FAIL > ERROR > WARN > the rest. */
int	mail_report_failed(const struct mail_report *);
int	mail_report_errored(const struct mail_report *);

/*
 * The texts of the checks (mail-texts.c), data in rules/mail/checks.xml:
 * mail_texts_load() reads and validates it once per process (0, or -1
 * with err set; safe from any thread); mail_texts_free() releases it.
 * mail_text() gives a check's TITLE (what is checked) and REMEDIATION
 * for a given status (NULL when there is nothing to do) in the current
 * language, owned by the loaded texts; SEVERITY is the check's weight
 * when it fails. -1 for an unknown ID; a file that cannot be loaded
 * there is fatal (the command loads it first).
 */
int	mail_texts_load(char *err);
/* The output of one report (mail-report.c): as text on stdout; as a
 * JSON document (a new reference, the caller's); recorded as one run of
 * the findings model for COMMUNE (0 or -1 with err set, rolled back). */
void	 mail_report_print(const struct mail_report *);
json_t	*mail_report_json(const struct mail_report *);
int	 mail_report_store(struct vg_store *, int64_t commune,
	    const struct mail_report *, char *err);
void	mail_texts_free(void);
int	mail_text(const char *id, enum vg_status, const char **title,
	    const char **remediation, enum vg_severity *severity);

/* ---- the settings of one run ----------------------------------------- */

struct mail_opts {
	struct vg_dns	*dns;
	int		 timeout_ms;	/* per host: SMTP session, HTTPS */
	int		 smtp_port;	/* 25 */
	int		 https_port;	/* 443 */
	const char	*ca_file;	/* NULL: the system's */
	const char	*address;	/* the commune's official address */
	char	       **selectors;	/* --dkim-selector, NULL-terminated */
	const char	*sender_ip;	/* --sender-ip, or NULL */
	const char	*helo;		/* --helo, or NULL */
	const char	*sender;	/* --sender, or NULL */
	int		 sender_only;	/* only mail.spf.sender */
	struct smtp_cache *cache;	/* probes shared between domains */
};

/* Run every check on DOMAIN into R (mail-checks.c). */
void	checks_domain(const struct mail_opts *, const char *domain,
	    struct mail_report *r);
/*
 * Only mail.spf.sender: would mail from O->sender_ip pass DOMAIN's SPF
 * (mail-checks.c)? checks_domain() runs it too when sender_ip is set.
 */
void	checks_sender(const struct mail_opts *, const char *domain,
	    struct mail_report *r);
/* Check the client settings under DIR into R (mail-client.c). */
void	client_check_profile(const char *dir, struct mail_report *r);

/* Whether DOMAIN (or an address's domain) is a consumer webmail. */
int	checks_consumer_domain(const char *domain);

/* ---- SPF (RFC 7208) ---------------------------------------------------- */

enum spf_kind {
	SPF_ALL, SPF_INCLUDE, SPF_A, SPF_MX, SPF_PTR, SPF_IP4, SPF_IP6,
	SPF_EXISTS, SPF_REDIRECT, SPF_EXP, SPF_UNKNOWN_MOD,
};

struct spf_term {
	enum spf_kind	 kind;
	char		 qual;		/* '+', '-', '~', '?' */
	char		*value;		/* domain-spec or address, or NULL */
	int		 macro;		/* value holds a macro */
};

struct spf_record {
	struct spf_term	*t;
	int		 n;
	char		*error;		/* first syntax error, or NULL */
	char		*warning;	/* first doubtful term, or NULL */
};

/* Whether TXT text is an SPF record ("v=spf1" then space or end). */
int	spf_is_record(const char *txt);
/*
 * Parse TXT into REC (owned by the caller, released with spf_free). A
 * syntax error sets rec->error and parsing stops there; it never fails
 * otherwise.
 */
void	spf_parse(const char *txt, struct spf_record *rec);
void	spf_free(struct spf_record *);
/*
 * Cut the "/4cidr//6cidr" lengths off the end of the a or mx value V
 * (in place) into *B4 and *B6 (32 and 128 when absent). -1 when a
 * length is out of range.
 */
int	spf_cidr_split(char *v, int *b4, int *b6);

/* What a recursive evaluation found. */
struct spf_eval {
	int	 lookups;	/* DNS-querying terms, includes and redirects */
	int	 voids;		/* lookups that found nothing */
	int	 mx_names;	/* most names behind one mx term */
	int	 loop;		/* an include or redirect came back */
	int	 ptr;		/* a ptr term was seen */
	char	*all;		/* qualifier of the effective all, or NULL */
	char	*error;		/* first problem deeper in, or NULL */
	int	 temp;		/* that problem is a DNS failure */
	char	*path;		/* where the loop or the problem was */
};

/*
 * Follow the record of DOMAIN through include and redirect, counting as
 * RFC 7208 §4.6.4 does (exists and a/mx that find nothing are void
 * lookups; macros expanded for DOMAIN before a target is followed; the
 * records read with DNSFLAGS, VG_DNS_VALIDATE in a signed zone). Stops at 30 records and on loops. Owned strings
 * in EV are released with spf_eval_free().
 */
void	spf_evaluate(struct vg_dns *, int dnsflags, const char *domain,
	    const struct spf_record *top, struct spf_eval *ev);
void	spf_eval_free(struct spf_eval *);

/* ---- SPF check_host() (RFC 7208 §4), mail-spf-host.c ----------------- */

struct spf_ip {
	unsigned char	a[16];		/* 4 bytes when !v6 */
	int		v6;
};

/* What the macros of §7 stand for; the strings belong to the caller. */
struct spf_macro_env {
	const char	*sender;	/* "local@domain" (s) */
	const char	*local;		/* l */
	const char	*sdomain;	/* o */
	const char	*helo;		/* h, or NULL */
	const char	*receiver;	/* r, or NULL ("unknown") */
	struct spf_ip	 ip;		/* i, c, v, p */
	int		 has_ip;	/* 0: counting only, no connection */
};

enum spf_result {
	SPF_R_NONE, SPF_R_NEUTRAL, SPF_R_PASS, SPF_R_FAIL, SPF_R_SOFTFAIL,
	SPF_R_TEMPERROR, SPF_R_PERMERROR,
};

struct spf_host_result {
	enum spf_result	 result;
	char		*mechanism;	/* the term that matched, or NULL */
	char		*explanation;	/* from exp= on a fail, or NULL */
	char		*path;		/* "d > include > ... => redirect" */
	char		*why;		/* the first problem met, or NULL */
	int		 lookups, voids;
};

/* Parse an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4). */
int	spf_ip_parse(const char *, struct spf_ip *);
/* "pass", "fail"... (the RFC 7208 words), static. */
const char *spf_result_name(enum spf_result);
/*
 * check_host(ENV->ip, DOMAIN, ENV->sender) through DNS (DNSFLAGS: 0 or
 * VG_DNS_VALIDATE). OUT's strings are owned by the caller and released
 * with spf_host_result_free().
 */
void	spf_check_host(struct vg_dns *, int dnsflags,
	    const struct spf_macro_env *, const char *domain,
	    struct spf_host_result *out);
void	spf_host_result_free(struct spf_host_result *);
/*
 * Expand the macros of domain-spec S for DOMAIN (§7); DNS may be NULL
 * (then %{p} is "unknown"). Returns a string
 * owned by the caller, or NULL when S is malformed or needs what ENV
 * does not know (no connection: i, p, v, c, h).
 */
char	*spf_expand(struct vg_dns *, const struct spf_macro_env *,
	    const char *s, const char *domain);

/* ---- DMARC (RFC 7489) --------------------------------------------------- */

struct dmarc_record {
	char	*p, *sp, *np;	/* policies, or NULL */
	int	 pct;		/* 100 when absent */
	char   **rua;		/* NULL-terminated URIs */
	char   **ruf;
	int	 testing;	/* t=y */
	char	*error;		/* first syntax error, or NULL */
	char	*unknown;	/* first unknown tag, or NULL */
};

int	dmarc_is_record(const char *txt);
void	dmarc_parse(const char *txt, struct dmarc_record *);
void	dmarc_free(struct dmarc_record *);
/* The host part of a mailto: URI, lower-cased, owned by caller, or NULL. */
char	*dmarc_uri_domain(const char *uri);
/*
 * The organisational domain of DOMAIN (RFC 7489 §3.2) by the Public
 * Suffix List (mail-psl.c) into OUT; DOMAIN itself when it is a public
 * suffix. -1 when the list cannot be read (package publicsuffix) or OUT
 * is too small. Thread-safe; the list is read once, on first use.
 */
int	psl_org_domain(const char *domain, char *out, size_t outlen);

/* ---- DKIM (RFC 6376, 8463) ---------------------------------------------- */

struct dkim_key {
	char	 type[16];	/* "rsa", "ed25519" or what k= said */
	int	 bits;		/* key size, 0 if unknown */
	int	 revoked;	/* p= empty */
	int	 testing;	/* t=y */
	int	 sha1_only;	/* h= without sha256 (RFC 8301) */
	char	*error;		/* why the key cannot be used, or NULL */
};

void	dkim_parse(const char *txt, struct dkim_key *);
void	dkim_free(struct dkim_key *);

/* ---- MTA-STS (RFC 8461) --------------------------------------------- */

struct sts_policy {
	char	 *version;
	char	 *mode;		/* "enforce", "testing", "none" */
	long	  max_age;	/* -1 when absent or bad */
	char	**mx;		/* NULL-terminated patterns */
	int	  nmx;
	char	 *error;	/* first problem, or NULL */
};

/* The id= of an "v=STSv1; id=..." record; -1 with *why if malformed. */
int	sts_record_parse(const char *txt, char *id, size_t idlen,
	    const char **why);
void	sts_parse(const char *text, size_t len, struct sts_policy *);
void	sts_free(struct sts_policy *);
/* Whether HOST matches PATTERN ("mx.example.fr", "*.example.fr"). */
int	sts_match(const char *pattern, const char *host);

/*
 * Fetch https://mta-sts.DOMAIN/.well-known/mta-sts.txt (mail-mtasts.c).
 * The address comes from the resolver; no redirect is followed; at most
 * 64 KB is read. On success *body (owned by the caller) and *len are
 * set. Returns -1 with WHY (a translated sentence) otherwise, and
 * *unavailable set when this build has no HTTPS client.
 */
#define MTASTS_MAX	65536
int	mtasts_fetch(const struct mail_opts *, const char *domain,
	    char **body, size_t *len, char *why, size_t whylen,
	    int *unavailable);
/* Set up / release the HTTPS client once per process. */
void	mtasts_global_init(void);
void	mtasts_global_cleanup(void);

/* ---- SMTP and TLS probes ---------------------------------------------- */

struct smtp_probe {
	int	 connected;
	int	 starttls;	/* offered in EHLO */
	int	 handshake;	/* TLS handshake done */
	char	 version[16];	/* "TLSv1.3" */
	int	 old_accepted;	/* TLS 1.0 or 1.1 accepted too */
	int	 old_tested;
	int	 verify_ok;	/* chain and name verified */
	char	*verify_why;	/* OpenSSL's reason when not */
	long	 days_left;	/* until the leaf certificate expires */
	int	 expired;	/* it has, even by a second */
	int	 tls_timeout;	/* STARTTLS accepted, then no TLS */
	int	 old_only;	/* only TLS 1.0/1.1 work (version says which) */
	/* The parameters of the first handshake (mail.tls.params). */
	char	 cipher[64];	/* OpenSSL's name of the suite */
	int	 cipher_bits;
	int	 aead;		/* GCM, CCM or ChaCha20-Poly1305 */
	int	 kx_fs;		/* key exchange with forward secrecy */
	char	 group[32];	/* "X25519", "ffdhe2048"... or "" */
	int	 group_bits;	/* of the server's ephemeral key */
	char	 certkey[16];	/* "RSA", "EC", "ED25519"... */
	int	 certbits;
	char	 sigalg[48];	/* the leaf's signature algorithm */
	int	 sig_weak;	/* signed with MD5 or SHA-1 */
	int	 reneg;		/* secure renegotiation: 1, 0, -1 n/a */
	int	 compressed;	/* TLS compression on (CRIME) */
	int	 ncerts;
	unsigned char **der;	/* the chain served, leaf first */
	int	*derlen;
	char	*error;		/* why the probe stopped, or NULL */
	char	*addr;		/* the address probed */
};

struct smtp_cache;
/* TLS contexts (CA_FILE or the system's CAs) and the probe cache; NULL
 * with err set if CA_FILE cannot be read. */
struct smtp_cache *smtp_cache_new(const char *ca_file, char *err);
void	smtp_cache_free(struct smtp_cache *);
/*
 * Probe HOST at ADDR (port from O) once per run: a second caller for
 * the same host waits for the first and gets the same result. The
 * result belongs to the cache; the caller must not free it.
 */
const struct smtp_probe *smtp_probe_cached(const struct mail_opts *,
	    const char *host, const char *addr);
/* One probe, for the tests. The caller frees with smtp_probe_free(). */
void	smtp_probe(const struct mail_opts *, const char *host,
	    const char *addr, struct smtp_probe *);
void	smtp_probe_free(struct smtp_probe *);
/*
 * Compare a TLSA rdata with the chain of P. Returns 1 when it matches,
 * 0 when not, -1 when the TLSA is malformed or unusable (*why says).
 */
int	smtp_tlsa_match(const struct smtp_probe *, const unsigned char *,
	    size_t, const char **why);

/* ---- Thunderbird prefs.js --------------------------------------------- */

struct prefs_entry {
	char	*name;
	char	*str;		/* string value, or NULL */
	long	 num;		/* integer value (booleans 0/1) */
	int	 is_str;
};

/* Settings kept from one prefs.js; more are counted in dropped. */
#define PREFS_MAX	5000

struct prefs {
	struct prefs_entry *v;
	int		 n, cap;
	int		 bad_lines;	/* lines that could not be read */
	int		 dropped;	/* settings past PREFS_MAX, not kept */
	int		*slot;		/* indexes into v, sorted by name */
};

/*
 * Parse the text of a prefs.js, in time linear in its length. Never
 * fails; bad lines are counted, settings past PREFS_MAX too.
 */
void	prefs_parse(const char *text, size_t len, struct prefs *);
void	prefs_free(struct prefs *);
const struct prefs_entry *prefs_get(const struct prefs *, const char *name);

/* ---- Thunderbird key4.db ------------------------------------------- */

/*
 * Whether NSS's password check (key4.db metaData "password": global
 * SALT, encrypted ITEM2) opens with the empty password: 1 yes (no
 * primary password), 0 no (one is set), -1 unknown with *why (static,
 * untranslated msgid) saying why.
 */
int	key4_password_empty(const unsigned char *salt, size_t saltlen,
	    const unsigned char *item2, size_t len, const char **why);
/* The same, reading PATH (opened read-only). */
int	key4_check_file(const char *path, const char **why);

#endif
