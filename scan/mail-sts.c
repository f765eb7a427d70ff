/*
 * mail-sts.c — MTA-STS (RFC 8461) without the network: the _mta-sts TXT
 * record, the policy file's "key: value" lines, and MX name patterns.
 * Fetching the policy is mail-mtasts.c's job.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"

#define STS_MAX_MX	64
#define STS_MAX_AGE	31557600L	/* one year, RFC 8461 §3.2 */

int
sts_record_parse(const char *txt, char *id, size_t idlen, const char **why)
{
	const char	*p = txt, *v;
	size_t		 n;
	int		 first = 1, have_id = 0;

	*why = NULL;
	id[0] = '\0';
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, "=;");
		if (p[n] != '=') {
			*why = N_("a field is not name=value");
			return -1;
		}
		v = p + n + 1;
		if (first) {
			if (n != 1 || p[0] != 'v' || strncmp(v, "STSv1", 5) != 0 ||
			    (v[5] != '\0' && v[5] != ';' && v[5] != ' ')) {
				*why = N_("the record must start with v=STSv1");
				return -1;
			}
			first = 0;
		} else if (n == 2 && strncmp(p, "id", 2) == 0) {
			size_t	k = strcspn(v, "; \t");

			if (k < 1 || k > 32) {
				*why = N_("id= must have 1 to 32 letters or "
				    "digits");
				return -1;
			}
			for (size_t i = 0; i < k; i++)
				if (!isalnum((unsigned char)v[i])) {
					*why = N_("id= must have 1 to 32 "
					    "letters or digits");
					return -1;
				}
			snprintf(id, idlen, "%.*s", (int)k, v);
			have_id = 1;
		}
		p = v + strcspn(v, ";");
	}
	if (!have_id) {
		*why = N_("the id= field is missing");
		return -1;
	}
	return 0;
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

void
sts_parse(const char *text, size_t len, struct sts_policy *p)
{
	const char	*line = text, *end = text + len, *nl, *colon;
	char		 key[32], *val, *e;
	size_t		 n, vlen;
	int		 lineno = 0;
	long		 age;

	memset(p, 0, sizeof(*p));
	p->max_age = -1;
	p->mx = xcalloc(STS_MAX_MX + 1, sizeof(*p->mx));
	if (memchr(text, '\0', len) != NULL) {
		seterr(&p->error, "%s", _("the policy holds a NUL byte"));
		return;
	}
	while (line < end) {
		lineno++;
		nl = memchr(line, '\n', end - line);
		n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 0)
			goto next;
		colon = memchr(line, ':', n);
		if (colon == NULL || colon == line ||
		    (size_t)(colon - line) >= sizeof(key)) {
			seterr(&p->error, _("line %d: expected 'key: value'"),
			    lineno);
			goto next;
		}
		snprintf(key, sizeof(key), "%.*s", (int)(colon - line), line);
		colon++;
		vlen = n - (colon - line);
		while (vlen > 0 && (*colon == ' ' || *colon == '\t')) {
			colon++;
			vlen--;
		}
		while (vlen > 0 && (colon[vlen - 1] == ' ' ||
		    colon[vlen - 1] == '\t'))
			vlen--;
		val = xstrndup(colon, vlen);
		if (strcmp(key, "version") == 0) {
			if (p->version == NULL)
				p->version = xstrdup(val);
		} else if (strcmp(key, "mode") == 0) {
			if (p->mode == NULL)
				p->mode = xstrdup(val);
		} else if (strcmp(key, "max_age") == 0) {
			age = strtol(val, &e, 10);
			if (*val == '\0' || *e != '\0' || age < 0 ||
			    !isdigit((unsigned char)*val))
				seterr(&p->error, _("line %d: max_age is not "
				    "a number"), lineno);
			else if (age > STS_MAX_AGE)
				seterr(&p->error, _("line %d: max_age is over "
				    "one year (31557600)"), lineno);
			else
				p->max_age = age;
		} else if (strcmp(key, "mx") == 0) {
			if (p->nmx < STS_MAX_MX && *val != '\0')
				p->mx[p->nmx++] = xstrdup(val);
		}
		/* Other keys are extensions, ignored (RFC 8461 §3.2). */
		free(val);
next:
		line = nl ? nl + 1 : end;
	}
	if (p->version == NULL || strcmp(p->version, "STSv1") != 0)
		seterr(&p->error, "%s", _("version: STSv1 is missing"));
	if (p->mode == NULL)
		seterr(&p->error, "%s", _("mode: is missing"));
	else if (strcmp(p->mode, "enforce") != 0 &&
	    strcmp(p->mode, "testing") != 0 && strcmp(p->mode, "none") != 0)
		seterr(&p->error, _("mode: %s is not enforce, testing or "
		    "none"), p->mode);
	if (p->max_age < 0)
		seterr(&p->error, "%s", _("max_age: is missing"));
	if (p->nmx == 0 && p->mode != NULL && strcmp(p->mode, "none") != 0)
		seterr(&p->error, "%s", _("no mx: line"));
}

void
sts_free(struct sts_policy *p)
{
	int	i;

	for (i = 0; i < p->nmx; i++)
		free(p->mx[i]);
	free(p->mx);
	free(p->version);
	free(p->mode);
	free(p->error);
	memset(p, 0, sizeof(*p));
}

int
sts_match(const char *pattern, const char *host)
{
	const char	*dot;
	size_t		 pl = strlen(pattern), hl = strlen(host);

	/* Compare without a trailing dot. */
	if (pl > 0 && pattern[pl - 1] == '.')
		pl--;
	if (hl > 0 && host[hl - 1] == '.')
		hl--;
	if (pl > 2 && pattern[0] == '*' && pattern[1] == '.') {
		/* "*.example.fr" covers exactly one more label. */
		if ((dot = memchr(host, '.', hl)) == NULL || dot == host)
			return 0;
		return (size_t)(host + hl - dot) == pl - 1 &&
		    strncasecmp(dot, pattern + 1, pl - 1) == 0;
	}
	return pl == hl && strncasecmp(pattern, host, hl) == 0;
}
