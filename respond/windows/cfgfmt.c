/*
 * cfgfmt.c — the portable part of vigie-collect.exe's configuration
 * state: API values written as the text files `vigie scan config
 * --windows` reads (see cfgfmt.h, docs/formats/windows-config.md).
 * Plain C, no Win32: unit-tested and fuzzed on Linux.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfmt.h"

/* S cleaned into B: controls to spaces, trimmed; LABEL: ':' to '.' and
 * runs of spaces to one. */
static void
clean(struct rbuf *b, const char *s, int label)
{
	size_t	start = b->n;
	int	space = 1;	/* drop leading spaces */

	if (s == NULL)
		s = "";
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			c = ' ';
		if (label && c == ':')
			c = '.';
		if (c == ' ') {
			if (space && (label || b->n == start))
				continue;
			space = 1;
		} else
			space = 0;
		rb_add(b, &c, 1);
	}
	while (b->n > start && b->p[b->n - 1] == ' ')
		b->p[--b->n] = '\0';
	if (b->n == start)
		rb_str(b, label ? "?" : "-");
}

void
cf_label(struct rbuf *b, const char *label)
{
	clean(b, label, 1);
}

void
cf_value(struct rbuf *b, const char *value)
{
	clean(b, value, 0);
}

void
cf_kv(struct rbuf *b, const char *label, const char *value)
{
	cf_label(b, label);
	rb_str(b, " : ");
	cf_value(b, value);
	rb_str(b, "\n");
}

/* ---- audit policy --------------------------------------------------- */

const char *
cf_audit_setting(uint32_t info)
{
	/* POLICY_AUDIT_EVENT_SUCCESS 1, _FAILURE 2, _NONE 4. */
	switch (info & 3) {
	case 1:
		return "Success";
	case 2:
		return "Failure";
	case 3:
		return "Success and Failure";
	default:
		return "No Auditing";
	}
}

void
cf_audit_line(struct rbuf *b, const char *name, uint32_t info)
{
	size_t start;

	rb_str(b, "  ");
	start = b->n;
	cf_label(b, name);
	/* At least two spaces: the reader splits there. */
	rb_str(b, "  ");
	while (b->n - start < 40)
		rb_str(b, " ");
	rb_str(b, cf_audit_setting(info));
	rb_str(b, "\n");
}

/* ---- BitLocker -------------------------------------------------------- */

const char *
cf_bl_conversion(long v, char buf[32])
{
	static const char *const n[] = { "Fully Decrypted", "Fully Encrypted",
	    "Encryption in Progress", "Decryption in Progress",
	    "Encryption Paused", "Decryption Paused" };

	if (v >= 0 && v < 6)
		return n[v];
	snprintf(buf, 32, "Unknown (%ld)", v);
	return buf;
}

const char *
cf_bl_protection(long v, char buf[32])
{
	static const char *const n[] = { "Protection Off", "Protection On",
	    "Protection Unknown" };

	if (v >= 0 && v < 3)
		return n[v];
	snprintf(buf, 32, "Unknown (%ld)", v);
	return buf;
}

void
cf_bl_volume(struct rbuf *b, const char *letter, const char *id, long conv,
    long prot)
{
	char buf[32];

	if (letter != NULL && strlen(letter) == 2 && letter[0] >= 'A' &&
	    letter[0] <= 'Z' && letter[1] == ':') {
		rb_printf(b, "Volume %s [", letter);
		cf_value(b, id);
		rb_str(b, "]\n");
	} else {
		rb_str(b, "Volume (no letter) [");
		cf_value(b, id);
		rb_str(b, "]\n");
	}
	if (conv >= 0)
		rb_printf(b, "    Conversion Status:    %s\n",
		    cf_bl_conversion(conv, buf));
	if (prot >= 0)
		rb_printf(b, "    Protection Status:    %s\n",
		    cf_bl_protection(prot, buf));
	rb_str(b, "\n");
}

/* ---- firewall ---------------------------------------------------------- */

int
cf_fw_profile(struct rbuf *b, int profile, int enabled, int in_block,
    int out_block, int block_all)
{
	const char *name;

	switch (profile) {
	case 1:
		name = "Domain";
		break;
	case 2:
		name = "Private";
		break;
	case 4:
		name = "Public";
		break;
	default:
		return -1;
	}
	rb_printf(b, "%s Profile Settings:\n", name);
	rb_str(b, "----------------------------------------------------------"
	    "------------\n");
	if (enabled >= 0)
		rb_printf(b, "State                                 %s\n",
		    enabled ? "ON" : "OFF");
	if (in_block >= 0 && out_block >= 0)
		rb_printf(b, "Firewall Policy                       %s,%s\n",
		    block_all == 1 ? "BlockInboundAlways" : in_block ?
		    "BlockInbound" : "AllowInbound", out_block ?
		    "BlockOutbound" : "AllowOutbound");
	rb_str(b, "\n");
	return 0;
}

/* ---- Windows Update history -------------------------------------------- */

int
cf_ole_date(double d, char out[11])
{
	long long z, era, doe, yoe, y, doy, mp, day, m;

	/* 1900-01-01 is day 2, 9999-12-31 is day 2958465. */
	if (!(d >= 2.0 && d < 2958466.0))
		return -1;
	/* Days from 1970-01-01 (OLE day 25569), then the civil date
	 * (H. Hinnant's days_from_civil inverse). */
	z = (long long)floor(d) - 25569 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	day = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || day < 1 || day > 31)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)day);
	return 0;
}

static int
newest_first(const void *a, const void *b)
{
	const struct cf_update *x = a, *y = b;
	int xd = x->date >= 2.0 && x->date < 2958466.0;
	int yd = y->date >= 2.0 && y->date < 2958466.0;

	if (xd != yd)
		return yd - xd;		/* dates first */
	if (!xd || x->date == y->date)
		return 0;
	return x->date < y->date ? 1 : -1;
}

void
cf_updates(struct rbuf *b, struct cf_update *u, size_t n)
{
	static const char *const op[] = { "?", "Installation",
	    "Uninstallation", "Other" };
	static const char *const res[] = { "Not Started", "In Progress",
	    "Succeeded", "Succeeded With Errors", "Failed", "Aborted" };
	size_t	i;
	char	date[11];

	if (n > 1)
		qsort(u, n, sizeof(*u), newest_first);
	for (i = 0; i < n; i++) {
		int ok = u[i].operation == 1 && (u[i].result == 2 ||
		    u[i].result == 3);

		if (cf_ole_date(u[i].date, date) == -1)
			snprintf(date, sizeof(date), "?");
		rb_printf(b, "%s : %s\n", ok && date[0] != '?' ?
		    "InstalledOn" : "Date", date);
		rb_printf(b, "Operation : %s\n", u[i].operation >= 1 &&
		    u[i].operation <= 3 ? op[u[i].operation] : "?");
		rb_printf(b, "Result : %s\n", u[i].result >= 0 &&
		    u[i].result <= 5 ? res[u[i].result] : "?");
		if (u[i].hresult != 0)
			rb_printf(b, "HResult : 0x%08lx\n",
			    (unsigned long)u[i].hresult & 0xffffffffUL);
		cf_kv(b, "Title", u[i].title);
		rb_str(b, "\n");
	}
}

/* ---- DNS cache ------------------------------------------------------------ */

const char *
cf_dns_type(unsigned type)
{
	static const struct { unsigned t; const char *n; } types[] = {
		{ 1, "A" }, { 2, "NS" }, { 5, "CNAME" }, { 6, "SOA" },
		{ 12, "PTR" }, { 15, "MX" }, { 16, "TXT" }, { 28, "AAAA" },
		{ 33, "SRV" }, { 65, "HTTPS" }, { 255, "ANY" },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].t == type)
			return types[i].n;
	return NULL;
}

void
cf_dns_json(struct rbuf *b, const char *name, unsigned type,
    unsigned long ttl, const char *data, unsigned long flags)
{
	const char *t = cf_dns_type(type);

	rb_str(b, "{\"name\": ");
	rf_json_str(b, name ? name : "", name ? strlen(name) : 0);
	if (t != NULL)
		rb_printf(b, ", \"type\": \"%s\"", t);
	else
		rb_printf(b, ", \"type\": \"TYPE%u\"", type);
	rb_printf(b, ", \"ttl\": %lu, \"data\": ", ttl);
	if (data == NULL)
		rb_str(b, "null");
	else
		rf_json_str(b, data, strlen(data));
	rb_printf(b, ", \"flags\": %lu}\n", flags);
}
