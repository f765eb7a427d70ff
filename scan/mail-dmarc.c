/*
 * mail-dmarc.c — DMARC records (RFC 7489, with the np= tag of DMARCbis):
 * tag=value pairs, v=DMARC1 first, the policies and report addresses.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define DMARC_MAX_URIS	16

int
dmarc_is_record(const char *txt)
{
	while (*txt == ' ' || *txt == '\t')
		txt++;
	if (strncasecmp(txt, "v", 1) != 0)
		return 0;
	txt++;
	while (*txt == ' ' || *txt == '\t')
		txt++;
	if (*txt++ != '=')
		return 0;
	while (*txt == ' ' || *txt == '\t')
		txt++;
	return strncmp(txt, "DMARC1", 6) == 0 &&
	    (txt[6] == '\0' || txt[6] == ';' || txt[6] == ' ' ||
	    txt[6] == '\t');
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

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int
policy_ok(const char *v)
{
	return strcmp(v, "none") == 0 || strcmp(v, "quarantine") == 0 ||
	    strcmp(v, "reject") == 0;
}

/* Split a comma list of URIs; each must be mailto: or https:. */
static char **
uris(const char *tag, char *v, char **error)
{
	char	**out, *tok, *save = NULL, *u, *bang;
	int	  n = 0;

	out = xcalloc(DMARC_MAX_URIS + 1, sizeof(*out));
	for (tok = strtok_r(v, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		u = trim(tok);
		/* A size limit may follow: mailto:a@b.fr!10m */
		if ((bang = strchr(u, '!')) != NULL)
			*bang = '\0';
		if (strncasecmp(u, "mailto:", 7) != 0 ||
		    strchr(u + 7, '@') == NULL) {
			seterr(error, _("%s: '%s' is not a mailto: address"),
			    tag, u);
			continue;
		}
		if (n < DMARC_MAX_URIS)
			out[n++] = xstrdup(u);
	}
	return out;
}

void
dmarc_parse(const char *txt, struct dmarc_record *r)
{
	char	*copy, *tok, *save = NULL, *eq, *k, *v, *end;
	int	 first = 1;
	long	 pct;

	memset(r, 0, sizeof(*r));
	r->pct = 100;
	copy = xstrdup(txt);
	for (tok = strtok_r(copy, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		if (*trim(tok) == '\0')
			continue;
		if ((eq = strchr(tok, '=')) == NULL) {
			seterr(&r->error, _("'%s' is not tag=value"),
			    trim(tok));
			continue;
		}
		*eq = '\0';
		k = trim(tok);
		v = trim(eq + 1);
		if (first) {
			if (strcmp(k, "v") != 0 || strcmp(v, "DMARC1") != 0)
				seterr(&r->error, "%s", _("the record must "
				    "start with v=DMARC1"));
			first = 0;
			continue;
		}
		/* Keyword values are case-insensitive (RFC 7489 §6.4 ABNF
		 * literals): p=Reject is p=reject. */
		if (strcmp(k, "p") == 0 || strcmp(k, "sp") == 0 ||
		    strcmp(k, "np") == 0 || strcmp(k, "adkim") == 0 ||
		    strcmp(k, "aspf") == 0 || strcmp(k, "t") == 0)
			for (char *c = v; *c != '\0'; c++)
				*c = tolower((unsigned char)*c);
		if (strcmp(k, "p") == 0 || strcmp(k, "sp") == 0 ||
		    strcmp(k, "np") == 0) {
			char **slot = k[0] == 'p' ? &r->p : k[0] == 's' ?
			    &r->sp : &r->np;
			if (!policy_ok(v))
				seterr(&r->error, _("%s=%s: expected none, "
				    "quarantine or reject"), k, v);
			else if (*slot == NULL)
				*slot = xstrdup(v);
		} else if (strcmp(k, "pct") == 0) {
			pct = strtol(v, &end, 10);
			if (*v == '\0' || *end != '\0' || pct < 0 || pct > 100)
				seterr(&r->error, _("pct=%s: expected a "
				    "number from 0 to 100"), v);
			else
				r->pct = pct;
		} else if (strcmp(k, "rua") == 0) {
			if (r->rua == NULL)
				r->rua = uris("rua", v, &r->error);
		} else if (strcmp(k, "ruf") == 0) {
			if (r->ruf == NULL)
				r->ruf = uris("ruf", v, &r->error);
		} else if (strcmp(k, "adkim") == 0 || strcmp(k, "aspf") == 0) {
			if (strcmp(v, "r") != 0 && strcmp(v, "s") != 0)
				seterr(&r->error, _("%s=%s: expected r or s"),
				    k, v);
		} else if (strcmp(k, "t") == 0) {
			if (strcmp(v, "y") == 0)
				r->testing = 1;
			else if (strcmp(v, "n") != 0)
				seterr(&r->error, _("t=%s: expected y or n"),
				    v);
		} else if (strcmp(k, "fo") == 0 || strcmp(k, "rf") == 0 ||
		    strcmp(k, "ri") == 0 || strcmp(k, "psd") == 0) {
			/* Known, and nothing we judge. */
		} else
			seterr(&r->unknown, "%s", k);
	}
	if (first)
		seterr(&r->error, "%s", _("the record is empty"));
	else if (r->p == NULL)
		seterr(&r->error, "%s", _("the p= tag (the policy) is "
		    "missing"));
	free(copy);
}

static void
strv_free(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

void
dmarc_free(struct dmarc_record *r)
{
	free(r->p);
	free(r->sp);
	free(r->np);
	strv_free(r->rua);
	strv_free(r->ruf);
	free(r->error);
	free(r->unknown);
	memset(r, 0, sizeof(*r));
}

char *
dmarc_uri_domain(const char *uri)
{
	const char	*at;
	char		*d, *p;

	if (strncasecmp(uri, "mailto:", 7) != 0 ||
	    (at = strrchr(uri, '@')) == NULL || at[1] == '\0')
		return NULL;
	d = xstrdup(at + 1);
	for (p = d; *p != '\0'; p++) {
		if (*p == '!' || *p == '?' || *p == '>') {
			*p = '\0';
			break;
		}
		*p = tolower((unsigned char)*p);
	}
	if (*d == '\0') {
		free(d);
		return NULL;
	}
	return d;
}
