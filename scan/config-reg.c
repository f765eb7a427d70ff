/*
 * config-reg.c — registry keys and values held in memory, and the reader
 * of .reg files as `reg export` and regedit write them: "Windows Registry
 * Editor Version 5.00" (UTF-16 LE with BOM) or "REGEDIT4" (ANSI), CRLF,
 * [KEY] and [-KEY] sections, "name"=... and @=... values of the types
 * "string", dword:, hex:, hex(N): with "\" continuation lines.
 *
 * A file that breaks the grammar stops at the offending line with a
 * message naming it; what was read before stays usable. String data is
 * stored as Windows does (UTF-16 LE with a final NUL) so that values read
 * from hives and from exports compare the same way.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/config.h"
#include "vigie/util.h"

#define REG_MAX_DATA	(1024 * 1024)	/* one value, in bytes */

/* ---- Paths --------------------------------------------------------- */

static const struct {
	const char	*name;
	const char	*as;
} reg_roots[] = {
	{ "HKEY_LOCAL_MACHINE", "HKLM" }, { "HKLM", "HKLM" },
	{ "MACHINE", "HKLM" },
	{ "HKEY_CURRENT_USER", "HKCU" }, { "HKCU", "HKCU" },
	{ "USER", "HKCU" },
	{ "HKEY_USERS", "HKU" }, { "HKU", "HKU" },
	{ "HKEY_CLASSES_ROOT", "HKCR" }, { "HKCR", "HKCR" },
	{ "HKEY_CURRENT_CONFIG", "HKCC" }, { "HKCC", "HKCC" },
};

char *
reg_path_norm(const char *path)
{
	char *out, *o;
	const char *p = path, *rest;
	size_t i, n;

	while (*p == ' ' || *p == '\t' || *p == '\\')
		p++;
	n = strcspn(p, "\\");
	rest = p + n;
	out = xmalloc(strlen(p) + 8);
	o = out;
	for (i = 0; i < sizeof reg_roots / sizeof reg_roots[0]; i++)
		if (strlen(reg_roots[i].name) == n &&
		    strncasecmp(p, reg_roots[i].name, n) == 0)
			break;
	if (i < sizeof reg_roots / sizeof reg_roots[0]) {
		memcpy(o, reg_roots[i].as, strlen(reg_roots[i].as));
		o += strlen(reg_roots[i].as);
	} else {
		memcpy(o, p, n);
		o += n;
	}
	for (p = rest; *p != '\0'; p++) {
		if (*p == '\\' && (o > out && o[-1] == '\\'))
			continue;
		*o++ = *p;
	}
	while (o > out && (o[-1] == '\\' || o[-1] == ' ' || o[-1] == '\t'))
		o--;
	*o = '\0';
	return out;
}

/* ---- The in-memory set --------------------------------------------- */

static void
value_free(struct reg_value *v)
{
	free(v->name);
	free(v->data);
}

void
reg_db_clear(struct reg_db *db)
{
	size_t i, j;

	for (i = 0; i < db->nkeys; i++) {
		for (j = 0; j < db->keys[i].nvalues; j++)
			value_free(&db->keys[i].values[j]);
		free(db->keys[i].values);
		free(db->keys[i].path);
		free(db->keys[i].origin);
	}
	free(db->keys);
	free(db->slots);
	memset(db, 0, sizeof *db);
}

/* Paths are compared without (ASCII) case: so is their hash. */
static size_t
path_hash(const char *s)
{
	size_t h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 ^ (size_t)tolower((unsigned char)*s);
	return h;
}

/* Slot of NORM in the hash (its key, or the free slot to use). */
static size_t *
slot_of(const struct reg_db *db, const char *norm)
{
	size_t i = path_hash(norm) & (db->nslots - 1);

	while (db->slots[i] != 0 &&
	    strcasecmp(db->keys[db->slots[i] - 1].path, norm) != 0)
		i = (i + 1) & (db->nslots - 1);
	return &db->slots[i];
}

static void
rehash(struct reg_db *db)
{
	size_t i;

	free(db->slots);
	db->nslots = db->nslots ? db->nslots * 2 : 64;
	db->slots = xcalloc(db->nslots, sizeof *db->slots);
	for (i = 0; i < db->nkeys; i++)
		*slot_of(db, db->keys[i].path) = i + 1;
}

struct reg_key *
reg_key_find(const struct reg_db *db, const char *path)
{
	char *norm;
	size_t idx;

	if (db->nslots == 0)
		return NULL;
	norm = reg_path_norm(path);
	idx = *slot_of(db, norm);
	free(norm);
	return idx != 0 ? &db->keys[idx - 1] : NULL;
}

struct reg_key *
reg_key_add(struct reg_db *db, const char *path)
{
	struct reg_key *k;

	if ((k = reg_key_find(db, path)) != NULL) {
		k->absent = 0;
		return k;
	}
	if (db->nkeys == db->cap) {
		db->cap = db->cap ? db->cap * 2 : 32;
		db->keys = xreallocarray(db->keys, db->cap, sizeof *db->keys);
	}
	k = &db->keys[db->nkeys++];
	memset(k, 0, sizeof *k);
	k->path = reg_path_norm(path);
	k->origin = db->origin != NULL ? xstrdup(db->origin) : NULL;
	if (db->nkeys * 2 > db->nslots)
		rehash(db);
	else
		*slot_of(db, k->path) = db->nkeys;
	return k;
}

/* Mark PATH known absent, dropping what was known under it. */
static void
key_absent(struct reg_db *db, const char *path)
{
	struct reg_key *k = reg_key_add(db, path);
	size_t j;

	for (j = 0; j < k->nvalues; j++)
		value_free(&k->values[j]);
	k->nvalues = 0;
	k->absent = 1;
}

const struct reg_value *
reg_value_find(const struct reg_key *k, const char *name)
{
	size_t i;

	if (k == NULL)
		return NULL;
	if (name == NULL || strcmp(name, "@") == 0)
		name = "";
	for (i = 0; i < k->nvalues; i++)
		if (strcasecmp(k->values[i].name, name) == 0)
			return &k->values[i];
	return NULL;
}

static void
key_set(struct reg_key *k, const char *name, uint32_t type,
    const void *data, size_t len)
{
	struct reg_value *v = NULL;
	size_t i;

	for (i = 0; i < k->nvalues; i++)
		if (strcasecmp(k->values[i].name, name) == 0) {
			v = &k->values[i];
			value_free(v);
			break;
		}
	if (v == NULL) {
		k->values = xreallocarray(k->values, k->nvalues + 1,
		    sizeof *k->values);
		v = &k->values[k->nvalues++];
	}
	v->name = xstrdup(name);
	v->type = type;
	v->len = len;
	v->data = xmalloc(len + 2);
	if (len > 0)
		memcpy(v->data, data, len);
	v->data[len] = v->data[len + 1] = 0;
}

static void
key_unset(struct reg_key *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->nvalues; i++)
		if (strcasecmp(k->values[i].name, name) == 0) {
			value_free(&k->values[i]);
			memmove(&k->values[i], &k->values[i + 1],
			    (k->nvalues - i - 1) * sizeof *k->values);
			k->nvalues--;
			return;
		}
}

void
reg_set(struct reg_db *db, const char *key, const char *name, uint32_t type,
    const void *data, size_t len)
{
	key_set(reg_key_add(db, key), name, type, data, len);
}

const struct reg_key *
reg_cover(const struct reg_db *db, const char *path)
{
	char *p = reg_path_norm(path), *s;
	const struct reg_key *k = NULL;

	for (;;) {
		if ((k = reg_key_find(db, p)) != NULL)
			break;
		if ((s = strrchr(p, '\\')) == NULL)
			break;
		*s = '\0';
	}
	free(p);
	return k;
}

char **
reg_subkeys(const struct reg_db *db, const char *path, size_t *n)
{
	char *p = reg_path_norm(path), **out = NULL;
	size_t i, j, plen = strlen(p), cnt = 0;

	for (i = 0; i < db->nkeys; i++) {
		const char *kp = db->keys[i].path, *rest;
		char *name;

		if (db->keys[i].absent || strlen(kp) <= plen + 1 ||
		    strncasecmp(kp, p, plen) != 0 || kp[plen] != '\\')
			continue;
		rest = kp + plen + 1;
		name = xstrndup(rest, strcspn(rest, "\\"));
		for (j = 0; j < cnt; j++)
			if (strcasecmp(out[j], name) == 0)
				break;
		if (j < cnt) {
			free(name);
			continue;
		}
		out = xreallocarray(out, cnt + 1, sizeof *out);
		out[cnt++] = name;
	}
	free(p);
	*n = cnt;
	return out;
}

/* ---- Values as text and numbers ------------------------------------ */

const char *
reg_type_name(uint32_t t)
{
	switch (t) {
	case REG_T_NONE:	return "REG_NONE";
	case REG_T_SZ:		return "REG_SZ";
	case REG_T_EXPAND_SZ:	return "REG_EXPAND_SZ";
	case REG_T_BINARY:	return "REG_BINARY";
	case REG_T_DWORD:	return "REG_DWORD";
	case REG_T_DWORD_BE:	return "REG_DWORD_BIG_ENDIAN";
	case REG_T_LINK:	return "REG_LINK";
	case REG_T_MULTI_SZ:	return "REG_MULTI_SZ";
	case REG_T_QWORD:	return "REG_QWORD";
	default:		return "REG_?";
	}
}

int
reg_value_number(const struct reg_value *v, int64_t *out)
{
	const unsigned char *d = v->data;
	char *s, *end;
	long long n;

	switch (v->type) {
	case REG_T_DWORD:
		if (v->len < 4)
			return -1;
		*out = (int64_t)((uint32_t)d[0] | (uint32_t)d[1] << 8 |
		    (uint32_t)d[2] << 16 | (uint32_t)d[3] << 24);
		return 0;
	case REG_T_DWORD_BE:
		if (v->len < 4)
			return -1;
		*out = (int64_t)((uint32_t)d[3] | (uint32_t)d[2] << 8 |
		    (uint32_t)d[1] << 16 | (uint32_t)d[0] << 24);
		return 0;
	case REG_T_QWORD:
		if (v->len < 8)
			return -1;
		*out = (int64_t)((uint64_t)d[0] | (uint64_t)d[1] << 8 |
		    (uint64_t)d[2] << 16 | (uint64_t)d[3] << 24 |
		    (uint64_t)d[4] << 32 | (uint64_t)d[5] << 40 |
		    (uint64_t)d[6] << 48 | (uint64_t)d[7] << 56);
		return 0;
	case REG_T_SZ:
	case REG_T_EXPAND_SZ:
		s = decode_utf16le(d, v->len);
		n = strtoll(s, &end, 0);
		if (end == s || *end != '\0') {
			free(s);
			return -1;
		}
		free(s);
		*out = (int64_t)n;
		return 0;
	default:
		return -1;
	}
}

char *
reg_value_text(const struct reg_value *v)
{
	int64_t n;
	char *s, *out;
	size_t i, o;

	switch (v->type) {
	case REG_T_DWORD:
	case REG_T_DWORD_BE:
	case REG_T_QWORD:
		if (reg_value_number(v, &n) == 0)
			return xasprintf("%" PRId64, n);
		break;
	case REG_T_SZ:
	case REG_T_EXPAND_SZ:
	case REG_T_LINK:
		return decode_utf16le(v->data, v->len);
	case REG_T_MULTI_SZ:
		/* NUL-separated UTF-16 strings, joined with "|". */
		out = xstrdup("");
		for (i = 0; i + 1 < v->len;) {
			size_t j = i;

			while (j + 1 < v->len &&
			    (v->data[j] != 0 || v->data[j + 1] != 0))
				j += 2;
			if (j == i)
				break;
			s = decode_utf16le(v->data + i, j - i);
			o = strlen(out);
			out = xreallocarray(out, o + strlen(s) + 2, 1);
			if (o > 0)
				out[o++] = '|';
			memcpy(out + o, s, strlen(s) + 1);
			free(s);
			i = j + 2;
		}
		return out;
	default:
		break;
	}
	out = xmalloc(v->len * 2 + 1);
	for (i = o = 0; i < v->len; i++, o += 2)
		snprintf(out + o, 3, "%02x", v->data[i]);
	out[o] = '\0';
	return out;
}

/* ---- The .reg reader ------------------------------------------------ */

struct reg_reader {
	struct reg_db	*db;
	const char	*name;
	long		 line;
	int		 ansi;		/* REGEDIT4: 8-bit strings */
	struct reg_key	*key;
	char		*err;
};

static int
rd_error(struct reg_reader *r, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof msg, fmt, arg);
	vg_seterr(r->err, "%s:%ld: %s", r->name, r->line, msg);
	return -1;
}

/* A quoted string at *P (opening quote included); unescapes \" and \\. */
static char *
rd_quoted(const char **pp)
{
	const char *p = *pp + 1;
	char *out = xmalloc(strlen(p) + 1), *o = out;

	for (; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		*o++ = *p;
	}
	*o = '\0';
	if (*p != '"') {
		free(out);
		return NULL;
	}
	*pp = p + 1;
	return out;
}

/* Store a UTF-8 string as UTF-16 LE. */
static void
rd_set_string(struct reg_reader *r, const char *name, uint32_t type,
    const char *s)
{
	unsigned char *w;
	size_t wl;

	w = decode_to_utf16le(s, &wl);
	key_set(r->key, name, type, w, wl);
	free(w);
}

/* Value data after '=' for value NAME. */
static int
rd_data(struct reg_reader *r, const char *name, const char *p)
{
	unsigned char *bytes = NULL;
	size_t n = 0, cap = 0;
	uint32_t type;
	char *s, *end;
	unsigned long ul;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		if ((s = rd_quoted(&p)) == NULL)
			return rd_error(r, _("string value of '%s' has no "
			    "closing quote"), name);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0') {
			free(s);
			return rd_error(r, _("unexpected text after the "
			    "value of '%s'"), name);
		}
		rd_set_string(r, name, REG_T_SZ, s);
		free(s);
		return 0;
	}
	if (strcmp(p, "-") == 0) {
		key_unset(r->key, name);
		return 0;
	}
	if (strncasecmp(p, "dword:", 6) == 0) {
		unsigned char d[4];

		p += 6;
		if (strlen(p) == 0 || strlen(p) > 8 ||
		    strspn(p, "0123456789abcdefABCDEF") != strlen(p))
			return rd_error(r, _("dword value of '%s' is not 1 to "
			    "8 hexadecimal digits"), name);
		ul = strtoul(p, &end, 16);
		d[0] = ul & 0xFF, d[1] = (ul >> 8) & 0xFF;
		d[2] = (ul >> 16) & 0xFF, d[3] = (ul >> 24) & 0xFF;
		key_set(r->key, name, REG_T_DWORD, d, 4);
		return 0;
	}
	if (strncasecmp(p, "hex", 3) != 0)
		return rd_error(r, _("unknown value type for '%s'"), name);
	p += 3;
	type = REG_T_BINARY;
	if (*p == '(') {
		ul = strtoul(p + 1, &end, 16);
		if (end == p + 1 || *end != ')' || ul > 0xFFFFFFFFUL)
			return rd_error(r, _("bad hex(type) for '%s'"), name);
		type = (uint32_t)ul;
		p = end + 1;
	}
	if (*p++ != ':')
		return rd_error(r, _("missing ':' after hex for '%s'"), name);
	while (*p != '\0') {
		int h, l;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		if ((h = vg_hexval(p[0])) < 0 || (l = vg_hexval(p[1])) < 0 ||
		    (p[2] != '\0' && p[2] != ',' && p[2] != ' ')) {
			free(bytes);
			return rd_error(r, _("bad byte in the hex data of "
			    "'%s'"), name);
		}
		if (n == REG_MAX_DATA) {
			free(bytes);
			return rd_error(r, _("value '%s' is too large"), name);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			bytes = xreallocarray(bytes, cap, 1);
		}
		bytes[n++] = (unsigned char)(h << 4 | l);
		p += 2;
	}
	if (r->ansi && (type == REG_T_SZ || type == REG_T_EXPAND_SZ ||
	    type == REG_T_MULTI_SZ)) {
		/*
		 * REGEDIT4 strings are 8-bit (ANSI): convert each
		 * NUL-separated piece and keep UTF-16 LE as Windows would.
		 */
		unsigned char *w = NULL;
		size_t wl = 0, i = 0;

		while (i < n) {
			size_t j = i, pl;
			unsigned char *piece;
			char *u8;

			while (j < n && bytes[j] != 0)
				j++;
			u8 = decode_text(bytes + i, j - i, NULL, NULL);
			piece = decode_to_utf16le(u8, &pl);
			w = xreallocarray(w, wl + pl, 1);
			memcpy(w + wl, piece, pl);
			wl += pl;
			free(piece);
			free(u8);
			i = j + 1;
		}
		key_set(r->key, name, type, w, wl);
		free(w);
	} else
		key_set(r->key, name, type, bytes, n);
	free(bytes);
	return 0;
}

static int
rd_line(struct reg_reader *r, char *line)
{
	char *p = line, *name, *end;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == ';')
		return 0;
	if (*p == '[') {
		if ((end = strrchr(p, ']')) == NULL)
			return rd_error(r, "%s", _("key line without ']'"));
		*end = '\0';
		if (end[1] != '\0' && strspn(end + 1, " \t") != strlen(end + 1))
			return rd_error(r, "%s", _("text after a key line"));
		if (p[1] == '-') {
			key_absent(r->db, p + 2);
			r->key = NULL;
			return 0;
		}
		if (p[1] == '\0')
			return rd_error(r, "%s", _("empty key name"));
		r->key = reg_key_add(r->db, p + 1);
		return 0;
	}
	if (r->key == NULL)
		return rd_error(r, "%s", _("value outside a key"));
	if (*p == '@') {
		name = xstrdup("");
		p++;
	} else if (*p == '"') {
		if ((name = rd_quoted((const char **)&p)) == NULL)
			return rd_error(r, "%s", _("value name has no closing "
			    "quote"));
	} else
		return rd_error(r, "%s", _("expected a key, a \"name\"= or "
		    "@="));
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '=') {
		int rc = rd_error(r, _("missing '=' after value name '%s'"),
		    name);

		free(name);
		return rc;
	}
	if (rd_data(r, name, p + 1) == -1) {
		free(name);
		return -1;
	}
	free(name);
	return 0;
}

int
reg_parse(struct reg_db *db, const void *buf, size_t len, const char *name,
    char *err)
{
	struct reg_reader r = { .db = db, .name = name, .err = err };
	char *text, *p, *nl, *joined = NULL;
	const char *origin = db->origin;
	size_t tlen, jlen = 0;
	long first = 0;
	int rc = -1, header = 0;

	db->origin = name;

	/* NUL bytes are dropped by the decoding. */
	text = decode_text(buf, len, &tlen, NULL);
	for (p = text; p != NULL && *p != '\0'; p = nl) {
		size_t l;

		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		r.line++;
		l = strlen(p);
		while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			p[--l] = '\0';
		if (!header) {
			if (l == 0)
				continue;
			if (strcmp(p, "Windows Registry Editor Version 5.00")
			    == 0)
				header = 5;
			else if (strcmp(p, "REGEDIT4") == 0)
				header = 4, r.ansi = 1;
			else {
				rd_error(&r, _("not a .reg file: the first line "
				    "is not \"Windows Registry Editor Version "
				    "5.00\" nor \"REGEDIT4\" (%.40s)"), p);
				goto out;
			}
			continue;
		}
		/* "\" at the end continues a hex value on the next line. */
		if (l > 0 && p[l - 1] == '\\' && (joined != NULL ||
		    strcasestr(p, "=hex") != NULL)) {
			p[l - 1] = '\0';
			if (joined == NULL)
				first = r.line;
			joined = xreallocarray(joined, jlen + l + 1, 1);
			memcpy(joined + jlen, p, l);
			jlen += l - 1;
			joined[jlen] = '\0';
			continue;
		}
		if (joined != NULL) {
			long at = r.line;

			joined = xreallocarray(joined, jlen + l + 1, 1);
			memcpy(joined + jlen, p, l + 1);
			jlen = 0;
			r.line = first;
			if (rd_line(&r, joined) == -1)
				goto out;
			r.line = at;
			free(joined);
			joined = NULL;
			continue;
		}
		if (rd_line(&r, p) == -1)
			goto out;
	}
	if (!header) {
		vg_seterr(err, _("%s: empty file, not a .reg export"), name);
		goto out;
	}
	if (joined != NULL) {
		r.line = first;
		rd_error(&r, "%s", _("the file ends inside a continued value "
		    "(truncated?)"));
		goto out;
	}
	rc = 0;
out:
	if (rc == -1) {
		size_t i;

		/* What this file said may be incomplete. */
		for (i = 0; i < db->nkeys; i++)
			if (db->keys[i].origin != NULL &&
			    strcmp(db->keys[i].origin, name) == 0)
				db->keys[i].damaged = 1;
	}
	db->origin = origin;
	free(joined);
	free(text);
	return rc;
}
