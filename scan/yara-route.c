/*
 * yara-route.c — split a YARA rule file so that its rules needing the
 * `pe` module are scanned only on files they can match (see
 * yara-route.h and docs/scan-routing.md for the reasoning).
 *
 * A small lexer cuts the source into tokens (comments, text strings,
 * regular expressions and hex strings are single tokens, so braces and
 * keywords inside them never count), a parser finds the imports and the
 * rules with their strings and condition sections, and an analysis of
 * each condition answers two questions, always erring on "no":
 *   g: is the rule false on every file that does not start with "MZ"?
 *   f: is it false on such files when none of its own strings matched?
 * On a file without an MZ header the `pe` module finds no PE: every
 * field and function of it is undefined except the constants and
 * `is_pe` (0), and libyara turns undefined operands into an undefined,
 * hence false, result. tests/unit/test-yara-route.c checks these facts
 * against the libyara vigie is linked with.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/buf.h"
#include "yara-route.h"

enum tk {
	T_IDENT, T_STRID, T_COUNT, T_OFFSET, T_LENGTH, T_NUM, T_TEXT,
	T_REGEX, T_HEX, T_PUNCT
};

struct tok {
	enum tk	 k;
	size_t	 off, len;
};

struct rrule {
	size_t	 start, end;		/* modifiers .. closing brace */
	size_t	 name_off, name_len;
	size_t	 strings_off, cond_off;	/* "strings:" and "condition:" */
	int	 c_lo, c_hi;		/* condition tokens */
	int	 private, global, nstrings;
	int	 uses_pe, f, g, moved, needed;
	int	*refs, nrefs;
};

struct rimport {
	size_t	 start, end;
	int	 pe;
};

struct route {
	const char	*s;
	size_t		 n;
	struct tok	*t;
	int		 nt;
	struct rrule	*r;
	int		 nr;
	struct rimport	*imp;
	int		 nimp;
	int		 cur;		/* rule being analysed */
};

/* ---- Lexer ----------------------------------------------------------- */

static int
route_word(int c)
{
	return isalnum(c) || c == '_';
}

static void
route_push(struct route *x, enum tk k, size_t off, size_t len)
{
	if ((x->nt & 255) == 0)
		x->t = xreallocarray(x->t, x->nt + 256, sizeof(*x->t));
	x->t[x->nt].k = k;
	x->t[x->nt].off = off;
	x->t[x->nt].len = len;
	x->nt++;
}

/* End of the comment starting at I (just past it), or 0 if unended. */
static size_t
route_comment(const char *s, size_t n, size_t i)
{
	const char *e;

	if (s[i + 1] == '/') {
		e = memchr(s + i, '\n', n - i);
		return e != NULL ? (size_t)(e - s) : n;
	}
	for (i += 2; i + 1 < n; i++)
		if (s[i] == '*' && s[i + 1] == '/')
			return i + 2;
	return 0;
}

/* End of the quoted text or regular expression starting at I. */
static size_t
route_quoted(const char *s, size_t n, size_t i, char q)
{
	for (i++; i < n && s[i] != q; i++) {
		if (s[i] == '\n')
			return 0;
		if (s[i] == '\\' && ++i == n)
			return 0;
	}
	return i < n ? i + 1 : 0;
}

static int
route_lex(struct route *x)
{
	const char *s = x->s;
	size_t n = x->n, i = 0, j;
	const struct tok *prev;
	static const char *const two[] = {
		"==", "!=", "<=", ">=", "<<", ">>", "..",
	};
	size_t k;

	while (i < n) {
		if (isspace((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (s[i] == '/' && i + 1 < n && (s[i + 1] == '/' ||
		    s[i + 1] == '*')) {
			if ((i = route_comment(s, n, i)) == 0)
				return -1;
			continue;
		}
		j = i + 1;
		prev = x->nt > 0 ? &x->t[x->nt - 1] : NULL;
		if (s[i] == '"') {
			if ((j = route_quoted(s, n, i, '"')) == 0)
				return -1;
			route_push(x, T_TEXT, i, j - i);
		} else if (s[i] == '/') {
			if ((j = route_quoted(s, n, i, '/')) == 0)
				return -1;
			while (j < n && isalpha((unsigned char)s[j]))
				j++;
			route_push(x, T_REGEX, i, j - i);
		} else if (s[i] == '{' && prev != NULL &&
		    prev->k == T_PUNCT && s[prev->off] == '=' &&
		    prev->len == 1) {
			/* A hex string, comments allowed inside. */
			while (j < n && s[j] != '}') {
				if (s[j] == '/' && j + 1 < n &&
				    (s[j + 1] == '/' || s[j + 1] == '*')) {
					if ((j = route_comment(s, n, j)) == 0)
						return -1;
				} else
					j++;
			}
			if (j == n)
				return -1;
			route_push(x, T_HEX, i, ++j - i);
		} else if (s[i] == '$' || s[i] == '#' || s[i] == '@' ||
		    (s[i] == '!' && j < n && route_word(s[j]))) {
			while (j < n && route_word(s[j]))
				j++;
			if (s[i] == '$' && j < n && s[j] == '*')
				j++;
			route_push(x, s[i] == '$' ? T_STRID : s[i] == '#' ?
			    T_COUNT : s[i] == '@' ? T_OFFSET : T_LENGTH, i,
			    j - i);
		} else if (isdigit((unsigned char)s[i])) {
			if (s[i] == '0' && j < n && (s[j] == 'x' ||
			    s[j] == 'o'))
				j++;
			while (j < n && isxdigit((unsigned char)s[j]))
				j++;
			if (j + 1 < n && s[j] == '.' && isdigit(
			    (unsigned char)s[j + 1]))
				for (j++; j < n && isdigit(
				    (unsigned char)s[j]); j++)
					;
			if (j + 1 < n && (s[j] == 'K' || s[j] == 'M') &&
			    s[j + 1] == 'B')
				j += 2;
			route_push(x, T_NUM, i, j - i);
		} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
			while (j < n && route_word(s[j]))
				j++;
			route_push(x, T_IDENT, i, j - i);
		} else {
			for (k = 0; k < sizeof(two) / sizeof(two[0]); k++)
				if (i + 1 < n && s[i] == two[k][0] &&
				    s[i + 1] == two[k][1])
					j = i + 2;
			route_push(x, T_PUNCT, i, j - i);
		}
		i = j;
	}
	return 0;
}

/* ---- Token helpers ----------------------------------------------------- */

static int
route_is(const struct route *x, int i, enum tk k, const char *text)
{
	const struct tok *t;

	if (i < 0 || i >= x->nt)
		return 0;
	t = &x->t[i];
	return t->k == k && (text == NULL || (t->len == strlen(text) &&
	    memcmp(x->s + t->off, text, t->len) == 0));
}

#define IS_ID(x, i, w)	route_is((x), (i), T_IDENT, (w))
#define IS_P(x, i, w)	route_is((x), (i), T_PUNCT, (w))

/* Value of the integer literal at I (-1 if it is not one). */
static long long
route_num(const struct route *x, int i)
{
	char buf[32], *end;
	const struct tok *t = &x->t[i];
	long long v;

	if (t->k != T_NUM || t->len >= sizeof(buf))
		return -1;
	memcpy(buf, x->s + t->off, t->len);
	buf[t->len] = '\0';
	if (strchr(buf, '.') != NULL || strchr(buf, 'B') != NULL)
		return -1;
	if (buf[0] == '0' && buf[1] == 'o')
		v = strtoll(buf + 2, &end, 8);
	else
		v = strtoll(buf, &end, 0);
	return *end == '\0' ? v : -1;
}

/* Index of the ')' closing the '(' at I, below HI, or -1. */
static int
route_close(const struct route *x, int i, int hi)
{
	int depth = 0;

	for (; i < hi; i++) {
		if (IS_P(x, i, "("))
			depth++;
		else if (IS_P(x, i, ")") && --depth == 0)
			return i;
	}
	return -1;
}

/* Index of the rule named like token I among the rules before the
 * current one, or -1. */
static int
route_rule_ref(const struct route *x, int i)
{
	const struct tok *t = &x->t[i];
	int r;

	if (t->k != T_IDENT || IS_P(x, i - 1, "."))
		return -1;
	for (r = 0; r < x->cur; r++)
		if (x->r[r].name_len == t->len && memcmp(x->s +
		    x->r[r].name_off, x->s + t->off, t->len) == 0)
			return r;
	return -1;
}

/*
 * The members of `pe` known to be undefined on a file that is not PE
 * (tests/unit/test-yara-route.c checks each against libyara): the
 * rules of signature-base use these. Constants (upper case) and is_pe
 * (0, not undefined) are not among them.
 */
static const char *const route_pe_members[] = {
	"calculate_checksum", "characteristics", "checksum",
	"dll_characteristics", "dll_name", "entry_point", "export_timestamp",
	"exports", "exports_index", "image_base", "imphash", "imports",
	"is_32bit", "is_64bit", "is_dll", "language", "locale", "machine",
	"number_of_exports", "number_of_imports", "number_of_resources",
	"number_of_sections", "number_of_signatures", "overlay", "pdb_path",
	"resources", "rich_signature", "rva_to_offset", "section_index",
	"sections", "signatures", "size_of_image", "subsystem", "timestamp",
	"version_info",
};

/* "pe" "." MEMBER at I, with MEMBER one of route_pe_members. */
static int
route_pe_value(const struct route *x, int i)
{
	size_t k;

	if (!IS_ID(x, i, "pe") || IS_P(x, i - 1, ".") || !IS_P(x, i + 1, "."))
		return 0;
	for (k = 0; k < sizeof(route_pe_members) /
	    sizeof(route_pe_members[0]); k++)
		if (IS_ID(x, i + 2, route_pe_members[k]))
			return 1;
	return 0;
}

/* ---- Condition analysis ---------------------------------------------- */

static void route_or(struct route *, int, int, int *, int *);

/* uint16(0) == 0x5a4d, uint16be(0) == 0x4d5a, either way round. */
static int
route_mz(const struct route *x, int lo, int hi)
{
	int read = lo, num = lo + 5;

	if (hi - lo != 6)
		return 0;
	if (route_is(x, lo, T_NUM, NULL)) {
		num = lo;
		read = lo + 2;
		if (!IS_P(x, lo + 1, "=="))
			return 0;
	} else if (!IS_P(x, lo + 4, "=="))
		return 0;
	if (!IS_P(x, read + 1, "(") || route_num(x, read + 2) != 0 ||
	    !IS_P(x, read + 3, ")"))
		return 0;
	if (IS_ID(x, read, "uint16"))
		return route_num(x, num) == 0x5a4d;
	if (IS_ID(x, read, "uint16be"))
		return route_num(x, num) == 0x4d5a;
	return 0;
}

/* "N of them", "any of ($a*, $b)", "all of them" with N >= 1. */
static int
route_of(const struct route *x, int lo, int hi)
{
	int i;

	if (!(IS_ID(x, lo, "any") || IS_ID(x, lo, "all") ||
	    route_num(x, lo) >= 1) || !IS_ID(x, lo + 1, "of"))
		return 0;
	if (IS_ID(x, lo + 2, "them"))
		return hi == lo + 3;
	if (!IS_P(x, lo + 2, "(") || route_close(x, lo + 2, hi) != hi - 1)
		return 0;
	for (i = lo + 3; i < hi - 1; i++)
		if (!((i - lo) % 2 == 1 ? route_is(x, i, T_STRID, NULL) &&
		    x->t[i].len > 1 : IS_P(x, i, ",")))
			return 0;
	return hi - 1 > lo + 3;
}

/*
 * A value of `pe` compared, combined or passed on: undefined on a file
 * that is not PE, so the whole is. Anything that could turn undefined
 * into true (not, defined, and, or, loops, other modules' functions,
 * `is_pe`, which is 0 rather than undefined) is refused.
 */
static int
route_pe_atom(const struct route *x, int lo, int hi)
{
	static const char *const refuse[] = {
		"not", "defined", "and", "or", "for", "of", "them", "in",
		"at", "is_pe",
	};
	size_t k;
	int i, seen = 0;

	if (hi - lo == 3 && IS_ID(x, lo, "pe") && IS_P(x, lo + 1, ".") &&
	    IS_ID(x, lo + 2, "is_pe"))
		return 1;		/* 0 on non-PE files: false */
	for (i = lo; i < hi; i++) {
		if (route_pe_value(x, i))
			seen = 1;
		if (IS_P(x, i, "..") || IS_P(x, i, ":"))
			return 0;
		if (x->t[i].k != T_IDENT)
			continue;
		for (k = 0; k < sizeof(refuse) / sizeof(refuse[0]); k++)
			if (IS_ID(x, i, refuse[k]))
				return 0;
		/* Another module's member (math.entropy...). */
		if (IS_P(x, i + 1, ".") && !IS_P(x, i - 1, ".") &&
		    !IS_ID(x, i, "pe"))
			return 0;
	}
	return seen;
}

/*
 * "for any i in (0..pe.number_of_sections - 1) : (...)" or
 * "for any s in pe.sections : (...)": on a file that is not PE the
 * range or the array is empty, so "any" (or N >= 1) is false.
 */
static int
route_pe_loop(const struct route *x, int lo, int hi)
{
	int i = lo + 1, end;

	if (!IS_ID(x, lo, "for"))
		return 0;
	if (!(IS_ID(x, i, "any") || (route_num(x, i) >= 1 &&
	    !IS_P(x, i + 1, "%"))))
		return 0;
	i++;
	if (!route_is(x, i, T_IDENT, NULL) || IS_ID(x, i, "of") ||
	    !IS_ID(x, i + 1, "in"))
		return 0;
	i += 2;
	if (IS_P(x, i, "(")) {
		/* (NUMBER .. expression with a pe value) */
		if ((end = route_close(x, i, hi)) == -1 ||
		    route_num(x, i + 1) < 0 || !IS_P(x, i + 2, "..") ||
		    !route_pe_atom(x, i + 3, end))
			return 0;
		i = end + 1;
	} else {
		/* pe.array(.member)* */
		if (!route_pe_value(x, i))
			return 0;
		for (i += 3; IS_P(x, i, ".") &&
		    route_is(x, i + 1, T_IDENT, NULL); i += 2)
			;
	}
	return IS_P(x, i, ":") && IS_P(x, i + 1, "(") &&
	    route_close(x, i + 1, hi) == hi - 1;
}

/* A part true only if one of the rule's strings matched: $a, $a at X,
 * $a in (X..Y), #a > N (N >= 0), #a >= N or #a == N (N >= 1), N of
 * (...) (N >= 1), any of, all of. */
static int
route_str_atom(const struct route *x, int lo, int hi)
{
	long long v;

	if (route_is(x, lo, T_STRID, NULL) && x->t[lo].len > 1 &&
	    x->s[x->t[lo].off + x->t[lo].len - 1] != '*')
		return hi - lo == 1 || IS_ID(x, lo + 1, "at") ||
		    IS_ID(x, lo + 1, "in");
	if (hi - lo == 3 && route_is(x, lo, T_COUNT, NULL) &&
	    x->t[lo].len > 1 && (v = route_num(x, lo + 2)) >= 0)
		return IS_P(x, lo + 1, ">") || ((IS_P(x, lo + 1, ">=") ||
		    IS_P(x, lo + 1, "==")) && v >= 1);
	return route_of(x, lo, hi);
}

/* One operand of and/or, without and/or/not at its top. */
static void
route_atom(struct route *x, int lo, int hi, int *f, int *g)
{
	int r;

	*f = *g = 0;
	if (hi - lo == 1 && (r = route_rule_ref(x, lo)) != -1)
		*f = *g = x->r[r].g;
	else if (route_mz(x, lo, hi) || route_pe_atom(x, lo, hi) ||
	    route_pe_loop(x, lo, hi))
		*f = *g = 1;
	else if (route_str_atom(x, lo, hi))
		*f = 1;
}

static void
route_not(struct route *x, int lo, int hi, int *f, int *g)
{
	*f = *g = 0;
	if (lo >= hi || IS_ID(x, lo, "not") || IS_ID(x, lo, "defined"))
		return;
	if (IS_P(x, lo, "(") && route_close(x, lo, hi) == hi - 1)
		route_or(x, lo + 1, hi - 1, f, g);
	else
		route_atom(x, lo, hi, f, g);
}

/*
 * End of the operand starting at I in [I, HI): the index of the next
 * WORD ("and" or "or") outside brackets, or HI; -1 if brackets do not
 * pair up.
 */
static int
route_operand_end(const struct route *x, int i, int hi, const char *word)
{
	int depth = 0;

	for (; i < hi; i++) {
		if (IS_P(x, i, "(") || IS_P(x, i, "["))
			depth++;
		else if (IS_P(x, i, ")") || IS_P(x, i, "]"))
			depth--;
		else if (depth == 0 && IS_ID(x, i, word))
			return i;
		if (depth < 0)
			return -1;
	}
	return depth == 0 ? hi : -1;
}

/* f and g of the operands of WORD ("and" or "or") in [LO, HI). */
static void
route_split_on(struct route *x, int lo, int hi, const char *word,
    int *f, int *g)
{
	int start, end, cf, cg, conj = word[0] == 'a';

	*f = *g = conj ? 0 : 1;
	for (start = lo;; start = end + 1) {
		if ((end = route_operand_end(x, start, hi, word)) == -1) {
			*f = *g = 0;
			return;
		}
		if (conj)
			route_not(x, start, end, &cf, &cg);
		else
			route_split_on(x, start, end, "and", &cf, &cg);
		if (conj) {
			*f |= cf;
			*g |= cg;
		} else {
			*f &= cf;
			*g &= cg;
		}
		if (end == hi)
			return;
	}
}

static void
route_or(struct route *x, int lo, int hi, int *f, int *g)
{
	route_split_on(x, lo, hi, "or", f, g);
}

/* ---- Prefilter conditions ------------------------------------------- */

/*
 * The prefilter condition of a moved rule: its condition with every part
 * that is false on a file without MZ (MZ tests, pe values) replaced by
 * false, every part that is not about its strings by true, and the parts
 * about its strings kept. On such a file it is true whenever the
 * condition is, and libyara needs only the rule's strings to compute it.
 */
#define SB(b, lit)	vg_buf_add((b), (lit), sizeof(lit) - 1)

static void route_s_split(struct route *, int, int, const char *,
    struct vg_buf *);

static void
route_s_atom(struct route *x, int lo, int hi, struct vg_buf *b)
{
	int i, r, member = 0;

	if (hi - lo == 1 && (r = route_rule_ref(x, lo)) != -1) {
		if (x->r[r].g)
			SB(b, "false");
		else
			SB(b, "true");
		return;
	}
	if (route_mz(x, lo, hi) || route_pe_atom(x, lo, hi) ||
	    route_pe_loop(x, lo, hi)) {
		SB(b, "false");
		return;
	}
	if (!route_str_atom(x, lo, hi)) {
		SB(b, "true");
		return;
	}
	/* "$a at pe.entry_point": the prefilter has no module; "$a"
	 * is true whenever that is. */
	for (i = lo; i + 1 < hi; i++)
		if (x->t[i].k == T_IDENT && IS_P(x, i + 1, ".") &&
		    !IS_P(x, i - 1, "."))
			member = 1;
	if (member)
		hi = lo + 1;
	vg_buf_add(b, x->s + x->t[lo].off,
	    x->t[hi - 1].off + x->t[hi - 1].len - x->t[lo].off);
}

static void
route_s_not(struct route *x, int lo, int hi, struct vg_buf *b)
{
	if (lo >= hi || IS_ID(x, lo, "not") || IS_ID(x, lo, "defined"))
		SB(b, "true");
	else if (IS_P(x, lo, "(") && route_close(x, lo, hi) == hi - 1) {
		SB(b, "(");
		route_s_split(x, lo + 1, hi - 1, "or", b);
		SB(b, ")");
	} else
		route_s_atom(x, lo, hi, b);
}

/* As route_split_on, writing the operands joined by WORD. */
static void
route_s_split(struct route *x, int lo, int hi, const char *word,
    struct vg_buf *b)
{
	int start, end;

	SB(b, "(");
	for (start = lo;; start = end + 1) {
		if ((end = route_operand_end(x, start, hi, word)) == -1) {
			SB(b, "true");	/* not reached: analysed first */
			break;
		}
		if (start > lo) {
			SB(b, " ");
			vg_buf_add(b, word, strlen(word));
			SB(b, " ");
		}
		if (word[0] == 'a')
			route_s_not(x, start, end, b);
		else
			route_s_split(x, start, end, "and", b);
		if (end == hi)
			break;
	}
	SB(b, ")");
}

/* ---- Rule files -------------------------------------------------------- */

static int
route_parse_rule(struct route *x, int *pi)
{
	struct rrule r;
	int i = *pi, close;

	memset(&r, 0, sizeof(r));
	r.start = x->t[i].off;
	for (;; i++) {
		if (IS_ID(x, i, "private"))
			r.private = 1;
		else if (IS_ID(x, i, "global"))
			r.global = 1;
		else
			break;
	}
	if (!IS_ID(x, i, "rule") || !route_is(x, i + 1, T_IDENT, NULL))
		return -1;
	r.name_off = x->t[i + 1].off;
	r.name_len = x->t[i + 1].len;
	i += 2;
	if (IS_P(x, i, ":"))
		for (i++; route_is(x, i, T_IDENT, NULL); i++)
			;
	if (!IS_P(x, i, "{"))
		return -1;
	r.c_lo = -1;
	for (close = ++i; close < x->nt && !IS_P(x, close, "}"); close++) {
		if (IS_P(x, close, "{"))
			return -1;
		if (!IS_P(x, close + 1, ":") || r.c_lo != -1)
			continue;
		if (IS_ID(x, close, "strings"))
			r.strings_off = x->t[close].off;
		else if (IS_ID(x, close, "condition")) {
			r.cond_off = x->t[close].off;
			r.c_lo = close + 2;
		}
	}
	if (close == x->nt || r.c_lo == -1 || r.c_lo >= close)
		return -1;
	for (i = *pi; i < r.c_lo; i++)
		if (r.strings_off != 0 && x->t[i].off > r.strings_off &&
		    route_is(x, i, T_STRID, NULL) && IS_P(x, i + 1, "="))
			r.nstrings++;
	r.c_hi = close;
	r.end = x->t[close].off + 1;
	x->r = xreallocarray(x->r, x->nr + 1, sizeof(*x->r));
	x->r[x->nr++] = r;
	*pi = close + 1;
	return 0;
}

static int
route_parse(struct route *x)
{
	int i = 0;

	while (i < x->nt) {
		if (IS_ID(x, i, "import") && route_is(x, i + 1, T_TEXT, NULL)) {
			x->imp = xreallocarray(x->imp, x->nimp + 1,
			    sizeof(*x->imp));
			x->imp[x->nimp].start = x->t[i].off;
			x->imp[x->nimp].end = x->t[i + 1].off + x->t[i + 1].len;
			x->imp[x->nimp].pe = x->t[i + 1].len == 4 &&
			    memcmp(x->s + x->t[i + 1].off, "\"pe\"", 4) == 0;
			x->nimp++;
			i += 2;
		} else if (IS_ID(x, i, "private") || IS_ID(x, i, "global") ||
		    IS_ID(x, i, "rule")) {
			if (route_parse_rule(x, &i) == -1)
				return -1;
		} else
			return -1;	/* include, or not understood */
	}
	return 0;
}

/* Fill uses_pe, refs, f and g of every rule, in order. */
static void
route_analyse(struct route *x)
{
	struct rrule *r;
	int i, ref;

	for (x->cur = 0; x->cur < x->nr; x->cur++) {
		r = &x->r[x->cur];
		for (i = r->c_lo; i < r->c_hi; i++) {
			if (route_pe_value(x, i) || (IS_ID(x, i, "pe") &&
			    IS_P(x, i + 1, ".")))
				r->uses_pe = 1;
			if ((ref = route_rule_ref(x, i)) == -1)
				continue;
			r->refs = xreallocarray(r->refs, r->nrefs + 1,
			    sizeof(int));
			r->refs[r->nrefs++] = ref;
			if (x->r[ref].uses_pe)
				r->uses_pe = 1;
		}
		route_or(x, r->c_lo, r->c_hi, &r->f, &r->g);
		if (r->g)
			r->f = 1;
	}
}

static void
route_need(struct route *x, int i)
{
	int k;

	if (x->r[i].needed)
		return;
	x->r[i].needed = 1;
	for (k = 0; k < x->r[i].nrefs; k++)
		route_need(x, x->r[i].refs[k]);
}

/* Copy SRC[FROM, TO) into OUT, blanked (newlines kept) unless KEEP. */
static void
route_copy(char *out, size_t *o, const char *src, size_t from, size_t to,
    int keep)
{
	for (; from < to; from++)
		out[(*o)++] = keep || src[from] == '\n' ? src[from] : ' ';
}

/* The source with only what KEEP_RULE / KEEP_PE_IMPORT say, line
 * numbers unchanged; kept rules that are not moved become private. */
static char *
route_piece(const struct route *x, int pe_piece, size_t *len)
{
	static const char priv[] = "private ";
	char *out;
	size_t o = 0, at = 0;
	int i, r;

	out = xmalloc(x->n + (size_t)x->nr * (sizeof(priv) - 1) + 1);
	/* Imports and rules are in source order; walk both. */
	for (i = 0, r = 0; i < x->nimp || r < x->nr;) {
		int take_imp = r == x->nr || (i < x->nimp &&
		    x->imp[i].start < x->r[r].start);
		size_t start, end;
		int keep, private = 0;

		if (take_imp) {
			start = x->imp[i].start;
			end = x->imp[i].end;
			keep = pe_piece || !x->imp[i].pe;
			i++;
		} else {
			start = x->r[r].start;
			end = x->r[r].end;
			keep = pe_piece ? x->r[r].moved || x->r[r].needed :
			    !x->r[r].moved;
			private = pe_piece && keep && !x->r[r].moved &&
			    !x->r[r].private;
			r++;
		}
		route_copy(out, &o, x->s, at, start, 0);
		if (private) {
			memcpy(out + o, priv, sizeof(priv) - 1);
			o += sizeof(priv) - 1;
		}
		route_copy(out, &o, x->s, start, end, keep);
		at = end;
	}
	route_copy(out, &o, x->s, at, x->n, 0);
	out[o] = '\0';
	*len = o;
	return out;
}

/*
 * "rule pN { strings: <the moved rule's strings> condition: <S> }" for
 * each moved rule that only its strings (not MZ) keep false, S as
 * route_s_atom says; "any of them or true" only references every string,
 * as libyara requires.
 */
static char *
route_prefilter(struct route *x, size_t *len)
{
	struct vg_buf b = VG_BUF_INIT;
	char head[64];
	int i;

	for (i = 0; i < x->nr; i++) {
		const struct rrule *r = &x->r[i];

		if (!r->moved || r->private || r->g)
			continue;
		snprintf(head, sizeof(head), "rule p%d\n{\n", i);
		vg_buf_add(&b, head, strlen(head));
		vg_buf_add(&b, x->s + r->strings_off, r->cond_off -
		    r->strings_off);
		SB(&b, "\ncondition:\n\t");
		x->cur = i;
		route_s_split(x, r->c_lo, r->c_hi, "or", &b);
		SB(&b, " and (any of them or true)\n}\n");
	}
	*len = b.len;
	return vg_buf_take(&b);
}

int
route_split(const char *src, size_t len, struct route_split *out)
{
	struct route x;
	int i, pe_import = 0, uses_pe = 0, moved = 0, ok = 0;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.s = src;
	x.n = len;
	if (memchr(src, '\0', len) != NULL || route_lex(&x) == -1 ||
	    route_parse(&x) == -1)
		goto out;
	for (i = 0; i < x.nimp; i++)
		pe_import |= x.imp[i].pe;
	if (!pe_import)
		goto out;
	route_analyse(&x);
	for (i = 0; i < x.nr; i++) {
		if (x.r[i].global)
			goto out;
		if (!x.r[i].uses_pe)
			continue;
		/* A reported rule that could match anything stops it. */
		if (!x.r[i].private && !x.r[i].f)
			goto out;
		if (!x.r[i].private && !x.r[i].g && x.r[i].nstrings == 0)
			goto out;
		x.r[i].moved = 1;
		moved += !x.r[i].private;
	}
	for (i = 0; i < x.nr; i++)
		uses_pe |= x.r[i].uses_pe;
	if (uses_pe && moved == 0)
		goto out;	/* only private rules use pe: left alone */
	for (i = 0; i < x.nr; i++)
		if (x.r[i].moved)
			route_need(&x, i);
	/* Without rules using pe, the import alone is dropped. */
	out->every = route_piece(&x, 0, &out->every_len);
	if (moved > 0) {
		out->pe = route_piece(&x, 1, &out->pe_len);
		out->prefilter = route_prefilter(&x, &out->prefilter_len);
	}
	out->moved = moved;
	ok = 1;
out:
	for (i = 0; i < x.nr; i++)
		free(x.r[i].refs);
	free(x.r);
	free(x.imp);
	free(x.t);
	return ok;
}

void
route_split_free(struct route_split *s)
{
	free(s->every);
	free(s->pe);
	free(s->prefilter);
	memset(s, 0, sizeof(*s));
}
