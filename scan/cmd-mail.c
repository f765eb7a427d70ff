/*
 * cmd-mail.c — `vigie scan mail`: options, the list of domains, a
 * bounded pool of worker threads (one domain each at a time), and the
 * results printed in the order given and recorded in the store through
 * mail-report.c.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/dns.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/mail.h"
#include "vigie/progress.h"
#include "vigie/store.h"
#include "vigie/util.h"

#include "mail-domains.h"

#define DOMAINS_FILE_MAX	(8 * 1024 * 1024)
#define DOMAINS_MAX		100000
#define JOBS_MAX		64

enum {
	OPT_RESOLVER = 0x2000, OPT_SELECTOR, OPT_ADDRESS, OPT_PROFILE,
	OPT_SMTP_PORT, OPT_HTTPS_PORT, OPT_CA_FILE, OPT_DOMAINS_FILE,
	OPT_TRUST_ANCHOR, OPT_TIMEOUT, OPT_JOBS, OPT_SENDER_IP, OPT_HELO,
	OPT_SENDER,
};

/* The work shared by the threads. */
struct pool {
	const struct mail_opts	*o;
	char		       **domains;
	int			 n;
	struct mail_report	*reports;
	int			*done;
	int			 next;		/* next domain to take */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;		/* a domain is done */
};

static void *
mail_worker(void *arg)
{
	struct pool	*p = arg;
	int		 i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next < p->n ? p->next++ : -1;
		pthread_mutex_unlock(&p->lock);
		if (i == -1)
			return NULL;
		if (p->o->sender_only) {
			p->reports[i].domain = xstrdup(p->domains[i]);
			vg_dns_thread_deadline(3 * p->o->timeout_ms);
			checks_sender(p->o, p->domains[i], &p->reports[i]);
			vg_dns_thread_deadline(0);
		} else
			checks_domain(p->o, p->domains[i], &p->reports[i]);
		pthread_mutex_lock(&p->lock);
		p->done[i] = 1;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
}

/* ---- input ---------------------------------------------------------- */

/* Lower-case DOMAIN in place, drop a final dot; -1 if not a host name. */
static int
mail_domain_ok(char *d)
{
	size_t	n = strlen(d), label = 0;
	char	*p;

	if (n > 0 && d[n - 1] == '.')
		d[--n] = '\0';
	if (n == 0 || n > 253 || strchr(d, '.') == NULL)
		return -1;
	for (p = d; *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return -1;
			label = 0;
		} else if (isalnum((unsigned char)*p) || *p == '_' ||
		    (*p == '-' && label > 0)) {
			if (++label > 63)
				return -1;
		} else
			return -1;
	}
	return label == 0 ? -1 : 0;
}

static void
mail_push(char ***v, int *n, const char *d)
{
	*v = xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[(*n)++] = xstrdup(d);
	(*v)[*n] = NULL;
}

/* One domain a line; blank lines and # comments skipped (mail-domains.h). */
int
mail_read_domains(const char *path, char ***v, int *n, char *err)
{
	char	*text, *line, *hash, *s, *e;
	size_t	 len;
	int	 lineno = 0, rc = -1;

	if ((text = vg_read_file(path, DOMAINS_FILE_MAX, &len, err)) == NULL)
		return -1;
	if (memchr(text, '\0', len) != NULL) {
		vg_seterr(err, "%s: not a text file", path);
		goto out;
	}
	for (line = text; line != NULL; ) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		lineno++;
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		for (s = line; isspace((unsigned char)*s); s++)
			;
		for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (*s != '\0') {
			if (mail_domain_ok(s) == -1) {
				char *clean = vg_term_clean(s);

				vg_seterr(err, "%s:%d: '%s' is not a domain "
				    "name", path, lineno, clean);
				free(clean);
				goto out;
			}
			if (*n >= DOMAINS_MAX) {
				vg_seterr(err, "%s:%d: more than %d domains",
				    path, lineno, DOMAINS_MAX);
				goto out;
			}
			mail_push(v, n, s);
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	rc = 0;
out:
	free(text);
	return rc;
}

static int
mail_number(const char *s, int min, int max, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* ---- the command ------------------------------------------------------ */

static int
cmd_scan_mail(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "resolver", required_argument, NULL, OPT_RESOLVER },
		{ "dkim-selector", required_argument, NULL, OPT_SELECTOR },
		{ "address", required_argument, NULL, OPT_ADDRESS },
		{ "client-profile", required_argument, NULL, OPT_PROFILE },
		{ "smtp-port", required_argument, NULL, OPT_SMTP_PORT },
		{ "https-port", required_argument, NULL, OPT_HTTPS_PORT },
		{ "ca-file", required_argument, NULL, OPT_CA_FILE },
		{ "domains-file", required_argument, NULL, OPT_DOMAINS_FILE },
		{ "trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "sender-ip", required_argument, NULL, OPT_SENDER_IP },
		{ "helo", required_argument, NULL, OPT_HELO },
		{ "sender", required_argument, NULL, OPT_SENDER },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct mail_opts	 o;
	struct vg_dns_opts	 dopts;
	struct pool		 p;
	struct mail_report	 client;
	struct vg_store		*store = NULL;
	pthread_t		 th[JOBS_MAX];
	char			 err[VG_ERRLEN], **domains = NULL;
	char			**selectors = NULL, *profile_addr = NULL;
	char			*profile_domain = NULL;
	const char		*client_dir = NULL, *domains_file = NULL;
	int64_t			 commune = 0;
	int			 c, rc, i, ndom = 0, nsel = 0, jobs = 16;
	int			 timeout = 10, started = 0, failed = 0;
	int			 errored = 0, store_failed = 0;

	memset(&o, 0, sizeof(o));
	memset(&dopts, 0, sizeof(dopts));
	memset(&p, 0, sizeof(p));
	memset(&client, 0, sizeof(client));
	o.smtp_port = 25;
	o.https_port = 443;
	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_RESOLVER:
			dopts.server = optarg;
			break;
		case OPT_SELECTOR:
			if (mail_domain_ok(optarg) == -1 &&
			    strchr(optarg, '.') != NULL) {
				rc = vg_usage_error(self, _("'%s' is not a "
				    "DKIM selector"), optarg);
				goto out;
			}
			mail_push(&selectors, &nsel, optarg);
			break;
		case OPT_ADDRESS:
			if (strchr(optarg, '@') == NULL) {
				rc = vg_usage_error(self, _("'%s' is not an "
				    "e-mail address"), optarg);
				goto out;
			}
			o.address = optarg;
			break;
		case OPT_PROFILE:
			client_dir = optarg;
			break;
		case OPT_SMTP_PORT:
		case OPT_HTTPS_PORT:
			if (mail_number(optarg, 1, 65535, c == OPT_SMTP_PORT ?
			    &o.smtp_port : &o.https_port) == -1) {
				rc = vg_usage_error(self, _("'%s' is not a "
				    "port number"), optarg);
				goto out;
			}
			break;
		case OPT_CA_FILE:
			o.ca_file = optarg;
			break;
		case OPT_DOMAINS_FILE:
			domains_file = optarg;
			break;
		case OPT_TRUST_ANCHOR:
			dopts.trust_anchor = optarg;
			break;
		case OPT_TIMEOUT:
			if (mail_number(optarg, 1, 300, &timeout) == -1) {
				rc = vg_usage_error(self, _("--timeout takes "
				    "1 to 300 seconds, not '%s'"), optarg);
				goto out;
			}
			break;
		case OPT_SENDER_IP: {
			struct spf_ip ip;

			if (spf_ip_parse(optarg, &ip) == -1) {
				rc = vg_usage_error(self, _("'%s' is not an "
				    "IP address"), optarg);
				goto out;
			}
			o.sender_ip = optarg;
			break;
		}
		case OPT_HELO:
			o.helo = optarg;
			break;
		case OPT_SENDER:
			o.sender = optarg;
			break;
		case OPT_JOBS:
			if (mail_number(optarg, 1, JOBS_MAX, &jobs) == -1) {
				rc = vg_usage_error(self, _("--jobs takes 1 "
				    "to %d, not '%s'"), JOBS_MAX, optarg);
				goto out;
			}
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				goto out;
		}
	}
	for (i = optind; i < argc; i++) {
		char *d = xstrdup(argv[i]);

		if (mail_domain_ok(d) == -1) {
			free(d);
			rc = vg_usage_error(self, _("'%s' is not a domain "
			    "name"), argv[i]);
			goto out;
		}
		mail_push(&domains, &ndom, d);
		free(d);
	}
	rc = VG_EXIT_ERROR;
	if (mail_texts_load(err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	if (domains_file != NULL &&
	    mail_read_domains(domains_file, &domains, &ndom, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}

	/* The store: the commune's profile, and where results go. */
	if (vg_store_open(NULL, &store, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	/* DNS, SMTP and HTTPS answers are parsed from here on: as root,
	 * write nothing but the store (docs/privileges.md). */
	if (vg_sandbox_store(vg_store_path(store), err) == -1)
		vg_warn("%s", err);
	if (vg_commune_current(store, 0, &commune, err) == -1)
		commune = 0;
	if (commune != 0) {
		if (vg_profile_get(store, commune, "email", &profile_addr,
		    err) == -1 || vg_profile_get(store, commune, "domain",
		    &profile_domain, err) == -1) {
			vg_warn("%s", err);
			goto out;
		}
	}
	if (o.address == NULL)
		o.address = profile_addr;
	if ((o.helo != NULL || o.sender != NULL) && o.sender_ip == NULL) {
		rc = vg_usage_error(self, "%s", _("--helo and --sender go with "
		    "--sender-ip"));
		goto out;
	}
	/* Only the sending server asked about: its SPF, for the domain of
	 * --sender (or --helo when the sender is empty, RFC 7208 §2.4).
	 * That name is not checked here: check_host() says none for a
	 * malformed one. */
	if (ndom == 0 && client_dir == NULL && domains_file == NULL &&
	    o.sender_ip != NULL && (o.sender != NULL || o.helo != NULL)) {
		const char *at = o.sender != NULL ? strrchr(o.sender, '@') :
		    NULL;
		char *d;

		if (o.sender != NULL && *o.sender != '\0' && at == NULL) {
			rc = vg_usage_error(self, _("'%s' is not an e-mail "
			    "address"), o.sender);
			goto out;
		}
		d = xstrdup(at != NULL ? at + 1 : o.helo != NULL ? o.helo :
		    "");
		if (*d == '\0') {
			free(d);
			rc = vg_usage_error(self, "%s", _("an empty sender "
			    "needs --helo"));
			goto out;
		}
		if (d[strlen(d) - 1] == '.' && strlen(d) > 1)
			d[strlen(d) - 1] = '\0';
		mail_push(&domains, &ndom, d);
		free(d);
		o.sender_only = 1;
	}
	if (ndom == 0 && client_dir == NULL) {
		const char *d = profile_domain;

		if (d == NULL && o.address != NULL)
			d = strrchr(o.address, '@') + 1;
		if (d == NULL) {
			rc = vg_usage_error(self, "%s", _("no domain given, and "
			    "none in the commune profile (vigie profile set "
			    "domain ...)"));
			goto out;
		}
		/* A consumer address has no domain of the commune's. */
		if (profile_domain != NULL || !checks_consumer_domain(d)) {
			char *copy = xstrdup(d);

			if (mail_domain_ok(copy) == 0)
				mail_push(&domains, &ndom, copy);
			free(copy);
		}
		if (ndom == 0) {
			rc = vg_usage_error(self, _("the commune's address %s "
			    "is on a consumer webmail; give the domain to "
			    "check"), o.address);
			goto out;
		}
	}

	o.timeout_ms = timeout * 1000;
	o.selectors = selectors;
	dopts.timeout_ms = o.timeout_ms < 5000 ? o.timeout_ms : 5000;
	if (ndom > 0) {
		if (vg_dns_new(&dopts, &o.dns, err) == -1) {
			vg_warn("%s", err);
			goto out;
		}
		if ((o.cache = smtp_cache_new(o.ca_file, err)) == NULL) {
			vg_warn("%s", err);
			goto out;
		}
		mtasts_global_init();
	}

	p.o = &o;
	p.domains = domains;
	p.n = ndom;
	p.reports = xcalloc(ndom > 0 ? ndom : 1, sizeof(*p.reports));
	p.done = xcalloc(ndom > 0 ? ndom : 1, sizeof(*p.done));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.cond, NULL);
	if (jobs > ndom)
		jobs = ndom;
	for (started = 0; started < jobs; started++)
		if (pthread_create(&th[started], NULL, mail_worker, &p) != 0)
			break;
	if (ndom > 0 && started == 0) {
		vg_warn("%s", _("cannot start the worker threads"));
		goto out;
	}
	/* Print and record in the order given, as domains finish. */
	for (i = 0; i < ndom; i++) {
		pthread_mutex_lock(&p.lock);
		while (!p.done[i]) {
			pthread_mutex_unlock(&p.lock);
			if (vg_progress_enabled())
				vg_progress(vg_ngettext("%d of %d domain checked",
				    "%d of %d domains checked", ndom), i,
				    ndom);
			pthread_mutex_lock(&p.lock);
			if (!p.done[i])
				pthread_cond_wait(&p.cond, &p.lock);
		}
		pthread_mutex_unlock(&p.lock);
		vg_progress_clear();
		failed |= mail_report_failed(&p.reports[i]);
		errored |= mail_report_errored(&p.reports[i]);
		if (vg_g.json)
			vg_json_emit(mail_report_json(&p.reports[i]));
		else
			mail_report_print(&p.reports[i]);
		if (mail_report_store(store, commune, &p.reports[i], err) == -1 &&
		    !store_failed++)
			vg_warn("%s", err);
		mail_report_free(&p.reports[i]);
	}
	if (client_dir != NULL) {
		client_check_profile(client_dir, &client);
		failed |= mail_report_failed(&client);
		errored |= mail_report_errored(&client);
		if (vg_g.json)
			vg_json_emit(mail_report_json(&client));
		else
			mail_report_print(&client);
		if (mail_report_store(store, commune, &client, err) == -1 &&
		    !store_failed++)
			vg_warn("%s", err);
	}
	fflush(stdout);
	rc = failed ? VG_EXIT_FOUND : (errored || store_failed) ?
	    VG_EXIT_ERROR : VG_EXIT_OK;
out:
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (p.reports != NULL) {
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.cond);
	}
	free(p.reports);
	free(p.done);
	mail_report_free(&client);
	if (o.dns != NULL) {
		vg_dns_free(o.dns);
		mtasts_global_cleanup();
	}
	smtp_cache_free(o.cache);
	vg_store_close(store);
	for (i = 0; i < ndom; i++)
		free(domains[i]);
	free(domains);
	for (i = 0; i < nsel; i++)
		free(selectors[i]);
	free(selectors);
	free(profile_addr);
	free(profile_domain);
	mail_texts_free();
	return rc;
}

const struct vg_cmd cmd_scan_mail_entry = {
	.name = "scan mail",
	.usage = N_("[OPTION]... [DOMAIN]..."),
	.summary = N_("check a domain's mail settings (SPF, DMARC, DKIM, "
	    "TLS...)"),
	.help = N_("Checks how each DOMAIN receives and protects its mail, as "
	    "internet.nl or MXToolbox would, and says in plain words what "
	    "to fix: MX servers, SPF, DMARC, DKIM keys, MTA-STS, TLS "
	    "reports, encryption (STARTTLS, TLS version, certificate) on "
	    "every MX, DNSSEC and DANE, and whether the official address is "
	    "a consumer mailbox. Without DOMAIN, the commune profile's "
	    "domain is checked. Results are kept in the store for the "
	    "commune report.\n"
	    "\n"
	    "      --domains-file FILE  check the domains listed in FILE (one "
	    "a line, # comments)\n"
	    "      --dkim-selector S    also look for the DKIM key of "
	    "selector S (repeatable)\n"
	    "      --address EMAIL      the commune's official address "
	    "(default: the profile's)\n"
	    "      --client-profile DIR check a Thunderbird profile folder "
	    "(prefs.js) and autoconfig XML files in DIR\n"
	    "      --resolver IP[:PORT] send every DNS query to this "
	    "server (default: resolve from the root)\n"
	    "      --trust-anchor FILE  DNSSEC trust anchors (DS or DNSKEY "
	    "records; default: the root key)\n"
	    "      --smtp-port N        port of the MX servers (default 25)"
	    "\n"
	    "      --https-port N       port of the MTA-STS web server "
	    "(default 443)\n"
	    "      --ca-file FILE       trust these CA certificates instead "
	    "of the system's\n"
	    "      --timeout SECONDS    per host and per query (default 10)"
	    "\n"
	    "      --jobs N             domains checked at once (default 16)"
	    "\n"
	    "      --sender-ip IP       would mail from IP pass SPF? (RFC "
	    "7208 check_host(), check mail.spf.sender)\n"
	    "      --helo NAME          the HELO name of that server\n"
	    "      --sender ADDR        its MAIL FROM (default "
	    "postmaster@DOMAIN); with --sender-ip and no DOMAIN, only that "
	    "check, for ADDR's domain\n"
	    "\n"
	    "Exit status: 0 nothing failed, 1 at least one check failed, 2 "
	    "a check could not be completed (status error) or a usage "
	    "error.\n"
	    "\n"
	    "Example: vigie scan mail mairie-exemple.fr --dkim-selector "
	    "mail\n"),
	.exec = cmd_scan_mail,
};
