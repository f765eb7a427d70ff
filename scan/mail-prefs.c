/*
 * mail-prefs.c — reading a Thunderbird (Mozilla) prefs.js: a list of
 * user_pref("name", value); calls where value is a string, an integer or
 * a boolean. Comments (//, #, and C style) are skipped. A line that does
 * not parse is counted and skipped; nothing here trusts the file. Names
 * are found in a sorted index and at most PREFS_MAX settings are kept,
 * so a file of any length is read in time linear in its length.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/mail.h"
#include "vigie/util.h"

#define PREFS_STRMAX	4096	/* bytes of one string */

struct lex {
	const char	*p, *end;
};

static void
skip_space(struct lex *l)
{
	while (l->p < l->end) {
		if (isspace((unsigned char)*l->p))
			l->p++;
		else if (*l->p == '#' || (*l->p == '/' && l->p + 1 < l->end &&
		    l->p[1] == '/')) {
			while (l->p < l->end && *l->p != '\n')
				l->p++;
		} else if (*l->p == '/' && l->p + 1 < l->end &&
		    l->p[1] == '*') {
			const char *e = NULL;

			for (const char *q = l->p + 2; q + 1 < l->end; q++)
				if (q[0] == '*' && q[1] == '/') {
					e = q + 2;
					break;
				}
			l->p = e != NULL ? e : l->end;
		} else
			break;
	}
}

static int
expect(struct lex *l, char c)
{
	skip_space(l);
	if (l->p < l->end && *l->p == c) {
		l->p++;
		return 0;
	}
	return -1;
}

/* A quoted string ('...' or "..."); returns a copy or NULL. */
static char *
string(struct lex *l)
{
	char	 q, *out;
	size_t	 n = 0;
	int	 v, i, h;

	skip_space(l);
	if (l->p >= l->end || (*l->p != '"' && *l->p != '\''))
		return NULL;
	q = *l->p++;
	out = xmalloc(PREFS_STRMAX + 8);
	while (l->p < l->end && *l->p != q) {
		if (n >= PREFS_STRMAX)
			goto bad;
		if (*l->p == '\n')
			goto bad;
		if (*l->p != '\\') {
			out[n++] = *l->p++;
			continue;
		}
		if (++l->p >= l->end)
			goto bad;
		switch (*l->p) {
		case 'n': out[n++] = '\n'; l->p++; break;
		case 't': out[n++] = '\t'; l->p++; break;
		case 'r': out[n++] = '\r'; l->p++; break;
		case 'x':
		case 'u':
			i = *l->p == 'x' ? 2 : 4;
			v = 0;
			l->p++;
			for (; i > 0; i--, l->p++) {
				if (l->p >= l->end ||
				    (h = vg_hexval(*l->p)) < 0)
					goto bad;
				v = v * 16 + h;
			}
			/* Keep it simple: UTF-8 for the BMP. */
			if (v < 0x80)
				out[n++] = v ? v : '?';
			else if (v < 0x800) {
				out[n++] = 0xc0 | (v >> 6);
				out[n++] = 0x80 | (v & 0x3f);
			} else {
				out[n++] = 0xe0 | (v >> 12);
				out[n++] = 0x80 | ((v >> 6) & 0x3f);
				out[n++] = 0x80 | (v & 0x3f);
			}
			break;
		default:
			out[n++] = *l->p++;
			break;
		}
	}
	if (l->p >= l->end)
		goto bad;
	l->p++;
	out[n] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/*
 * Binary search of NAME in pr->slot (indexes into pr->v, sorted by
 * name): 1 with *at its position when found, 0 with *at where it would
 * go. A sorted index rather than a hash table: no crafted set of names
 * can make the look-ups slow.
 */
static int
find(const struct prefs *pr, const char *name, int *at)
{
	int	lo = 0, hi = pr->n, mid, c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(pr->v[pr->slot[mid]].name, name);
		if (c == 0) {
			*at = mid;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return 0;
}

static void
add(struct prefs *pr, char *name, char *str, long num)
{
	struct prefs_entry	*e;
	int			 at;

	/* A later line wins, as in Firefox and Thunderbird. */
	if (find(pr, name, &at)) {
		e = &pr->v[pr->slot[at]];
		free(e->str);
		free(name);
		e->str = str;
		e->num = num;
		e->is_str = str != NULL;
		return;
	}
	if (pr->n >= PREFS_MAX) {
		free(name);
		free(str);
		pr->dropped++;
		return;
	}
	if (pr->n == pr->cap) {
		pr->cap = pr->cap ? pr->cap * 2 : 64;
		pr->v = xreallocarray(pr->v, pr->cap, sizeof(*pr->v));
		pr->slot = xreallocarray(pr->slot, pr->cap,
		    sizeof(*pr->slot));
	}
	/* At most PREFS_MAX insertions: the moves stay small. */
	memmove(pr->slot + at + 1, pr->slot + at,
	    (size_t)(pr->n - at) * sizeof(*pr->slot));
	pr->slot[at] = pr->n;
	e = &pr->v[pr->n++];
	e->name = name;
	e->str = str;
	e->num = num;
	e->is_str = str != NULL;
}

/* One pref call at l->p; 0 done, -1 malformed. */
static int
one(struct lex *l, struct prefs *pr)
{
	static const char *const fns[] = { "user_pref", "pref",
	    "sticky_pref", "lockPref", NULL };
	char		*name = NULL, *str = NULL;
	const char	*start;
	long		 num = 0;
	int		 i, neg = 0;
	size_t		 n;

	start = l->p;
	while (l->p < l->end && (isalnum((unsigned char)*l->p) ||
	    *l->p == '_'))
		l->p++;
	n = l->p - start;
	for (i = 0; fns[i] != NULL; i++)
		if (strlen(fns[i]) == n && strncmp(fns[i], start, n) == 0)
			break;
	if (fns[i] == NULL || expect(l, '(') == -1 ||
	    (name = string(l)) == NULL || expect(l, ',') == -1)
		goto bad;
	skip_space(l);
	if (l->p < l->end && (*l->p == '"' || *l->p == '\'')) {
		if ((str = string(l)) == NULL)
			goto bad;
	} else if (l->end - l->p >= 4 && strncmp(l->p, "true", 4) == 0) {
		num = 1;
		l->p += 4;
	} else if (l->end - l->p >= 5 && strncmp(l->p, "false", 5) == 0) {
		l->p += 5;
	} else {
		if (l->p < l->end && (*l->p == '-' || *l->p == '+'))
			neg = *l->p++ == '-';
		if (l->p >= l->end || !isdigit((unsigned char)*l->p))
			goto bad;
		while (l->p < l->end && isdigit((unsigned char)*l->p)) {
			if (num < 100000000000L)
				num = num * 10 + (*l->p - '0');
			l->p++;
		}
		if (neg)
			num = -num;
	}
	if (expect(l, ')') == -1)
		goto bad;
	/* The final ';' is optional on the last line. */
	(void)expect(l, ';');
	add(pr, name, str, num);
	return 0;
bad:
	free(name);
	free(str);
	return -1;
}

void
prefs_parse(const char *text, size_t len, struct prefs *pr)
{
	struct lex	l = { text, text + len };

	memset(pr, 0, sizeof(*pr));
	for (;;) {
		skip_space(&l);
		if (l.p >= l.end)
			break;
		if (one(&l, pr) == -1) {
			pr->bad_lines++;
			/* Resume after the end of this line. */
			while (l.p < l.end && *l.p != '\n')
				l.p++;
		}
	}
}

void
prefs_free(struct prefs *pr)
{
	int	i;

	for (i = 0; i < pr->n; i++) {
		free(pr->v[i].name);
		free(pr->v[i].str);
	}
	free(pr->v);
	free(pr->slot);
	memset(pr, 0, sizeof(*pr));
}

const struct prefs_entry *
prefs_get(const struct prefs *pr, const char *name)
{
	int	at;

	return find(pr, name, &at) ? &pr->v[pr->slot[at]] : NULL;
}
