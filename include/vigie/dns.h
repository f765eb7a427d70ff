/*
 * dns.h — the one resolver of vigie, built on libunbound (see docs/dns.md
 * for why). Every name vigie looks up goes through it: mail checks, SMTP
 * probes, and libcurl (the caller hands curl the addresses found here
 * with CURLOPT_RESOLVE), so `--resolver` holds end to end.
 *
 * A resolver is shared by every thread. Queries are asynchronous inside:
 * one background thread drives libunbound, and each vg_dns_query() waits
 * for its own answer at most the resolver's timeout, after which the query
 * is cancelled and reported as VG_DNS_TIMEOUT.
 *
 * Two kinds of libunbound contexts sit behind one resolver: a plain one
 * for the data, shared, and validating ones (DNSSEC), one per thread and
 * domain (vg_dns_fresh), used when the query asks for VG_DNS_VALIDATE.
 * A bogus answer whose trust anchor cannot itself be validated through
 * the resolver is VG_SEC_INDETERMINATE, not VG_SEC_BOGUS.
 */
#ifndef VIGIE_DNS_H
#define VIGIE_DNS_H

#include <stddef.h>
#include <stdint.h>

/* Record types vigie asks for. */
#define VG_DNS_A	1
#define VG_DNS_CNAME	5
#define VG_DNS_SOA	6
#define VG_DNS_MX	15
#define VG_DNS_TXT	16
#define VG_DNS_AAAA	28
#define VG_DNS_TLSA	52

struct vg_dns;

struct vg_dns_opts {
	/*
	 * "IP", "IP:PORT", "[IPv6]:PORT" or NULL. With a server every query
	 * is forwarded to it; without, libunbound resolves from the root.
	 */
	const char	*server;
	/*
	 * File of DS or DNSKEY records (zone-file syntax) to trust; NULL
	 * takes the root key of dns-root-data (/usr/share/dns/root.key)
	 * when it is there. Without any anchor nothing validates.
	 */
	const char	*trust_anchor;
	int		 timeout_ms;	/* per query; 0 means 5000 */
};

/*
 * Create a resolver. On success *out is owned by the caller and released
 * with vg_dns_free() (after every thread using it has stopped).
 */
int	vg_dns_new(const struct vg_dns_opts *, struct vg_dns **out, char *err);
void	vg_dns_free(struct vg_dns *);
/* Whether the validating context has a trust anchor. */
int	vg_dns_can_validate(const struct vg_dns *);
/*
 * Forget the calling thread's validation state (its libunbound
 * validating context and cache): call it before and after each domain,
 * so that no domain's validation depends on another's. Validating
 * queries (VG_DNS_VALIDATE) are answered by a context private to the
 * calling thread; plain ones by the shared context.
 */
void	vg_dns_fresh(struct vg_dns *);

enum vg_dns_status {
	VG_DNS_OK,		/* records of the type asked for */
	VG_DNS_NODATA,		/* the name exists, without that type */
	VG_DNS_NXDOMAIN,	/* the name does not exist */
	VG_DNS_SERVFAIL,	/* server failure, refusal, bad answer */
	VG_DNS_TIMEOUT,		/* no answer within the timeout */
	VG_DNS_FAIL,		/* the query could not be sent */
};

enum vg_dnssec {
	VG_SEC_NONE,		/* not validated (plain query) */
	VG_SEC_INSECURE,	/* validated: no signatures on the path */
	VG_SEC_SECURE,		/* validated: signed and correct */
	VG_SEC_BOGUS,		/* validated: signatures wrong or missing */
	VG_SEC_INDETERMINATE,	/* the chain of trust cannot be built
				   through this resolver (RFC 4035 §4.3) */
};

struct vg_dns_rr {
	size_t		 len;
	unsigned char	*data;		/* rdata, names uncompressed */
};

struct vg_dns_answer {
	enum vg_dns_status	 status;
	int			 rcode;
	enum vg_dnssec		 sec;
	char			*why;	/* reason for SERVFAIL/BOGUS, or NULL */
	char			*canon;	/* name after CNAMEs, or NULL */
	int			 n;
	struct vg_dns_rr	*rr;
};

#define VG_DNS_VALIDATE	0x1

/*
 * Ask for NAME/TYPE. Always returns an answer owned by the caller
 * (vg_dns_answer_free); its status says what happened. Thread-safe.
 */
struct vg_dns_answer	*vg_dns_query(struct vg_dns *, const char *name,
			    int type, int flags);
void			 vg_dns_answer_free(struct vg_dns_answer *);

/*
 * A deadline for the calling thread's queries, MS milliseconds from now
 * (0 removes it). Past it, vg_dns_query() answers VG_DNS_TIMEOUT at once,
 * and no query waits beyond it: a time budget for one domain, so a
 * server that answers some questions and drops the others cannot hold a
 * scan for minutes.
 */
void			 vg_dns_thread_deadline(int ms);

/* A short translated phrase for a status ("no such name"...), static. */
const char		*vg_dns_status_text(enum vg_dns_status);

/*
 * TXT rdata as one string: its character-strings joined without
 * separators (RFC 7208 §3.3). Returns a NUL-terminated copy owned by the
 * caller, or NULL if the rdata is malformed. *len gets the length (a TXT
 * may hold NUL bytes: callers that need text reject those).
 */
char	*vg_dns_txt(const struct vg_dns_rr *, size_t *len);

/*
 * Read a wire-format name from DATA (LEN bytes) at *off, uncompressed,
 * into OUT (at least 256 bytes) as dotted text without the final dot
 * ("." for the root). Advances *off. Returns -1 if malformed.
 */
int	vg_dns_name(const unsigned char *data, size_t len, size_t *off,
	    char *out);

/*
 * The addresses of HOST (A, then AAAA) as text, at most MAX of them,
 * into ADDRS (each owned by the caller). Returns the count; *st gets the
 * A query's status when nothing was found (OK when something was).
 */
int	vg_dns_addrs(struct vg_dns *, const char *host, char **addrs,
	    int max, enum vg_dns_status *st);

#endif
