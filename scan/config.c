/*
 * config.c — the results of `vigie scan config` (the command itself is
 * cmd-config.c): the hardening index and how sure it is, the findings
 * printed as text or JSON Lines, the list of checks, the SAM accounts of
 * a Windows volume, and the run recorded in the store for the commune
 * report.
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/progress.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "vigie/config.h"

/* ---- The hardening index ------------------------------------------- */

int
config_weight(enum vg_severity s)
{
	switch (s) {
	case VG_SEV_CRITICAL:	return 8;
	case VG_SEV_HIGH:	return 4;
	case VG_SEV_MEDIUM:	return 2;
	case VG_SEV_LOW:	return 1;
	default:		return 0;
	}
}

int
config_index(const struct check *c, const enum cfg_res *r, size_t n)
{
	long got = 0, max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i] != CFG_PASS && r[i] != CFG_FAIL)
			continue;
		max += config_weight(c[i].severity);
		if (r[i] == CFG_PASS)
			got += config_weight(c[i].severity);
	}
	if (max == 0)
		return -1;
	return (int)((got * 100 + max / 2) / max);
}

/*
 * How sure the index is: the share (percent) of the weight of the checks
 * that count (pass, fail, error) that was evaluated. 100 with no error; a
 * check in error could have failed, so errors lower it.
 */
static int
config_certainty(const struct config_result *res, size_t n, size_t *over)
{
	long done = 0, all = 0;
	size_t i;

	*over = 0;
	for (i = 0; i < n; i++) {
		if (res[i].r == CFG_NA)
			continue;
		all += config_weight(res[i].c->severity);
		if (res[i].r != CFG_ERROR) {
			done += config_weight(res[i].c->severity);
			(*over)++;
		}
	}
	return all == 0 ? 100 : (int)(done * 100 / all);
}

/* ---- Output ----------------------------------------------------------- */

static const char *
res_name(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return "pass";
	case CFG_FAIL:	return "fail";
	case CFG_NA:	return "skip";
	default:	return "error";
	}
}

static const char *
res_label(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return _("PASS");
	case CFG_FAIL:	return _("FAIL");
	case CFG_NA:	return _("N/A");
	default:	return _("ERROR");
	}
}

static enum vg_status
res_status(enum cfg_res r)
{
	switch (r) {
	case CFG_PASS:	return VG_ST_PASS;
	case CFG_FAIL:	return VG_ST_FAIL;
	case CFG_NA:	return VG_ST_INFO;
	default:	return VG_ST_ERROR;
	}
}

/* S then spaces up to WIDTH columns (accents count once). */
static void
print_padded(const char *s, int width)
{
	int pad = width - vg_text_width(s);

	printf("%s%*s", s, pad > 0 ? pad : 1, "");
}

/*
 * TEXT folded at 78 columns: it starts at column COL (what is already on
 * the line) and goes on at column INDENT.
 */
static void
fold(const char *text, int col, int indent)
{
	char *clean = vg_term_clean(text), *p = clean;
	int first = 1;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		char *word = xstrndup(p, n);
		int w = vg_text_width(word);

		if (!first && col + 1 + w > 78) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			putchar(' ');
			col++;
		}
		fputs(word, stdout);
		col += w;
		first = 0;
		free(word);
		p += n;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
	free(clean);
}

/* PREFIX then TEXT, at INDENT, folded with 2 more spaces. */
static void
print_folded(const char *prefix, const char *text, int indent)
{
	printf("%*s%s", indent, "", prefix);
	fold(text, indent + vg_text_width(prefix), indent + 2);
}


static int
rank(enum cfg_res r)
{
	switch (r) {
	case CFG_FAIL:	return 0;
	case CFG_ERROR:	return 1;
	case CFG_PASS:	return 2;
	default:	return 3;
	}
}

static int
cmp_result(const void *a, const void *b)
{
	const struct config_result *x = a, *y = b;

	if (rank(x->r) != rank(y->r))
		return rank(x->r) - rank(y->r);
	if (x->c->severity != y->c->severity)
		return (int)y->c->severity - (int)x->c->severity;
	return strcmp(x->c->id, y->c->id);
}

void
config_print_text(const char *what, char **arts, size_t narts,
    struct config_result *res, size_t n, int index, int verbose)
{
	size_t i, counts[4] = { 0 };
	struct config_result *sorted = xcalloc(n ? n : 1, sizeof *sorted);

	for (i = 0; i < n; i++)
		counts[res[i].r]++;
	printf("%s\n", what);
	for (i = 0; i < narts; i++) {
		char *a = vg_term_clean(arts[i]);

		printf("  %s\n", a);
		free(a);
	}
	printf(_("Checks: %zu; failed: %zu, passed: %zu, not evaluated: %zu, "
	    "errors: %zu\n\n"), n, counts[CFG_FAIL], counts[CFG_PASS],
	    counts[CFG_NA], counts[CFG_ERROR]);
	memcpy(sorted, res, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_result);
	for (i = 0; i < n; i++) {
		const struct config_result *r = &sorted[i];
		char *title = vg_term_clean(r->c->title ? r->c->title : "");

		if (vg_g.quiet && r->r != CFG_FAIL && r->r != CFG_ERROR) {
			free(title);
			continue;
		}
		print_padded(res_label(r->r), 7);
		print_padded(vg_severity_label(r->c->severity), 11);
		print_padded(r->c->id, 12);
		fold(title, 30, 30);
		free(title);
		if (r->detail != NULL && (r->r != CFG_PASS || verbose))
			print_folded("", r->detail, 7);
		if (r->r == CFG_FAIL && r->c->remediation != NULL)
			print_folded(_("To do: "), r->c->remediation, 7);
	}
	if (index >= 0) {
		size_t over;
		int sure = config_certainty(res, n, &over);

		printf(_("\nHardening index: %d/100 (see "
		    "docs/hardening-index.md)\n"), index);
		if (over < counts[CFG_PASS] + counts[CFG_FAIL] +
		    counts[CFG_ERROR])
			printf(vg_ngettext("  over %zu check only: %zu in "
			    "error could not be judged (certainty %d%%)\n",
			    "  over %zu checks only: %zu in error could not be "
			    "judged (certainty %d%%)\n", (unsigned long)over),
			    over, counts[CFG_ERROR], sure);
	} else
		printf("%s", _("\nHardening index: none (no check could be "
		    "evaluated)\n"));
	free(sorted);
}

void
config_print_json(struct config_result *res, size_t n, int index,
    const char *target, const char *subject, char **arts, size_t narts,
    json_t *accounts)
{
	size_t i, counts[4] = { 0 };
	json_t *a, *sum;

	for (i = 0; i < n; i++) {
		const struct check *c = res[i].c;

		counts[res[i].r]++;
		vg_json_emit(json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s, "
		    "s:s, s:s}", "id", c->id, "status", res_name(res[i].r),
		    "severity", vg_severity_name(c->severity),
		    "title", vg_json_str(c->title),
		    "detail", vg_json_str(res[i].detail),
		    "remediation", vg_json_str(c->remediation),
		    "platform", c->platform, "anssi", c->anssi,
		    "cis", c->cis));
	}
	a = json_array();
	for (i = 0; i < narts; i++)
		json_array_append_new(a, vg_json_str(arts[i]));
	size_t over;
	int sure = config_certainty(res, n, &over);

	sum = json_pack("{s:s, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
	    "s:o}",
	    "target", target, "subject", vg_json_str(subject), "index",
	    index >= 0 ? json_integer(index) : json_null(), "checks", (int)n,
	    "over", (int)over, "certainty", sure,
	    "pass", (int)counts[CFG_PASS], "fail", (int)counts[CFG_FAIL],
	    "skip", (int)counts[CFG_NA], "error", (int)counts[CFG_ERROR],
	    "artifacts", a);
	if (accounts != NULL)
		json_object_set(sum, "accounts", accounts);
	vg_json_emit(json_pack("{s:o}", "summary", sum));
}

/*
 * The local accounts of the SAM (--windows-root): one header line each
 * appended to *LINES, and a JSON array (new reference, caller's).
 */
json_t *
config_accounts_report(struct cfg_ctx *ctx, char ***lines, size_t *n)
{
	struct sam_account *a = NULL;
	size_t na = 0, i;
	char err[VG_ERRLEN], when[32];
	json_t *arr = json_array();

	if (hive_accounts(ctx->hives, &a, &na, err) < 0) {
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf(_("local accounts: %s"), err);
		return arr;
	}
	for (i = 0; i < na; i++) {
		int enabled = !(a[i].flags & 0x1);

		if (a[i].last_logon != 0)
			vg_time_iso(a[i].last_logon, when);
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf(_("local account %s: %s%s, last "
		    "logon: %s"), a[i].name, enabled ? _("enabled") :
		    _("disabled"), a[i].admin ? _(", administrator") : "",
		    a[i].last_logon != 0 ? when : _("never"));
		json_array_append_new(arr, json_pack("{s:o, s:i, s:b, s:b, "
		    "s:o, s:i}", "name", vg_json_str(a[i].name), "rid",
		    (int)a[i].rid, "enabled", enabled, "admin", a[i].admin,
		    "last_logon", a[i].last_logon != 0 ? json_string(when) :
		    json_null(), "logons", (int)a[i].logons));
	}
	hive_accounts_free(a, na);
	return arr;
}

void
config_print_list(const struct check_set *cs, const char *platform)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		const struct check *c = &cs->c[i];

		if (platform != NULL && strcmp(c->platform, platform) != 0)
			continue;
		if (vg_g.json) {
			vg_json_emit(json_pack("{s:s, s:s, s:s, s:o, s:s, "
			    "s:s}", "id", c->id, "platform", c->platform,
			    "severity", vg_severity_name(c->severity),
			    "title", vg_json_str(c->title), "anssi",
			    c->anssi, "cis", c->cis));
		} else {
			char *t = vg_term_clean(c->title ? c->title : "");

			print_padded(c->id, 12);
			print_padded(c->platform, 9);
			print_padded(vg_severity_label(c->severity), 11);
			fold(t, 32, 32);
			free(t);
		}
	}
}

/* ---- The store ---------------------------------------------------------- */

int
config_store_results(const char *subject, struct config_result *res, size_t n,
    int index, char *err)
{
	struct vg_store *s = NULL;
	int64_t commune = 0, run;
	size_t i;
	int rc = -1;
	char *stats = NULL;
	json_t *st;

	if (vg_store_open(vg_g.db, &s, err) == -1)
		return -1;
	/* A scan needs no commune; attach it when one is known. */
	if (vg_commune_current(s, 0, &commune, err) == -1)
		commune = 0;
	if (vg_store_begin(s, err) == -1)
		goto out;
	if (vg_run_begin(s, commune, VG_RUN_SCAN_CONFIG, subject, &run,
	    err) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		const struct check *c = res[i].c;
		char *data = NULL;
		json_t *j = json_pack("{s:s, s:s, s:s}", "platform",
		    c->platform, "anssi", c->anssi, "cis", c->cis);
		struct vg_finding f = {
			.source = VG_RUN_SCAN_CONFIG,
			.ref = c->id,
			.status = res_status(res[i].r),
			.severity = c->severity,
			.subject = subject,
			.title = c->title,
			.detail = res[i].detail,
			.remediation = res[i].r == CFG_FAIL ?
			    c->remediation : NULL,
		};

		data = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		f.data = data;
		if (vg_run_add(s, run, &f, err) == -1) {
			free(data);
			goto fail;
		}
		free(data);
	}
	{
		size_t over;
		int sure = config_certainty(res, n, &over);

		st = json_pack("{s:o, s:i, s:i, s:i}", "index", index >= 0 ?
		    json_integer(index) : json_null(), "checks", (int)n,
		    "over", (int)over, "certainty", sure);
	}
	stats = json_dumps(st, JSON_COMPACT);
	json_decref(st);
	if (vg_run_end(s, run, "done", stats, err) == -1 ||
	    vg_store_commit(s, err) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	vg_store_rollback(s);
out:
	free(stats);
	vg_store_close(s);
	return rc;
}
