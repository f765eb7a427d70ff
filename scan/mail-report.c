/*
 * mail-report.c — the results of `vigie scan mail`: the list each check
 * adds to (mail_add), and its output with the texts of mail-texts.c,
 * the domain put in the remediations: text for people, one JSON document
 * per domain, and one run per domain in the store for the commune
 * report.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/mail.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* ---- results ------------------------------------------------------- */

void
mail_add(struct mail_report *r, const char *id, enum vg_status st,
    const char *subject, const char *fmt, ...)
{
	struct mail_result	*m;
	const char		*title, *rem;
	va_list			 ap;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	m = &r->v[r->n++];
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->status = st;
	if (mail_text(id, st, &title, &rem, &m->severity) == -1)
		fatal("mail check %s has no text", id);
	if (st == VG_ST_PASS || st == VG_ST_INFO)
		m->severity = VG_SEV_INFO;
	m->subject = xstrdup(subject);
	if (fmt != NULL) {
		va_start(ap, fmt);
		m->detail = xvasprintf(fmt, ap);
		va_end(ap);
	}
}

void
mail_set_field(struct mail_report *r, const char *key, const char *value)
{
	struct mail_result	*m;

	if (r->n == 0 || (m = &r->v[r->n - 1])->nf >= 4)
		fatal("mail_set_field: no room");
	m->fk[m->nf] = xstrdup(key);
	m->fv[m->nf] = value != NULL ? xstrdup(value) : NULL;
	m->nf++;
}

void
mail_report_free(struct mail_report *r)
{
	size_t	i;
	int	j;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].subject);
		free(r->v[i].detail);
		for (j = 0; j < r->v[i].nf; j++) {
			free(r->v[i].fk[j]);
			free(r->v[i].fv[j]);
		}
	}
	free(r->v);
	free(r->domain);
	free(r->profile);
	memset(r, 0, sizeof(*r));
}

int
mail_report_failed(const struct mail_report *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].status == VG_ST_FAIL)
			return 1;
	return 0;
}

int
mail_report_errored(const struct mail_report *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].status == VG_ST_ERROR)
			return 1;
	return 0;
}

/* ---- output ----------------------------------------------------------- */

/*
 * The remediation TEXT with its placeholder (DOMAIN, DOMAINE in French)
 * replaced by the domain checked; a copy owned by the caller, or NULL.
 */
static char *
mail_placeholder(const char *text, const char *domain)
{
	static const char *const words[] = { "DOMAINE", "DOMAIN" };
	const char	*p, *w;
	char		*out, *tmp;
	size_t		 i, wl;

	if (text == NULL)
		return NULL;
	out = xstrdup(text);
	if (domain == NULL)
		return out;
	for (i = 0; i < 2; i++) {
		w = words[i];
		wl = strlen(w);
		while ((p = strstr(out, w)) != NULL) {
			tmp = xasprintf("%.*s%s%s", (int)(p - out), out,
			    domain, p + wl);
			free(out);
			out = tmp;
		}
	}
	return out;
}

json_t *
mail_report_json(const struct mail_report *r)
{
	json_t		*checks = json_array(), *o;
	const char	*title, *rem;
	enum vg_severity sev;
	size_t		 i;

	for (i = 0; i < r->n; i++) {
		const struct mail_result *m = &r->v[i];
		json_t	*c;
		char	*remd;
		int	 j;

		mail_text(m->id, m->status, &title, &rem, &sev);
		remd = mail_placeholder(rem, r->domain);
		c = json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:o}",
		    "id", m->id,
		    "status", vg_status_name(m->status),
		    "severity", vg_severity_name(m->severity),
		    "subject", vg_json_str(m->subject),
		    "title", title,
		    "detail", vg_json_str(m->detail),
		    "remediation", vg_json_str(remd));
		for (j = 0; j < m->nf; j++)
			json_object_set_new(c, m->fk[j], vg_json_str(m->fv[j]));
		json_array_append_new(checks, c);
		free(remd);
	}
	if (r->domain != NULL)
		o = json_pack("{s:o, s:o}", "domain", vg_json_str(r->domain),
		    "checks", checks);
	else
		o = json_pack("{s:n, s:o, s:o}", "domain", "profile",
		    vg_json_str(r->profile), "checks", checks);
	return o;
}

/*
 * Print TEXT word-wrapped to 80 columns, lines indented by INDENT; when
 * STARTED, the caller has already printed the first line's indent.
 */
static void
mail_wrap(const char *text, int indent, int started)
{
	char	*copy, *word, *save = NULL;
	int	 col = 0, w;

	copy = vg_term_clean(text);
	for (word = strtok_r(copy, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		w = vg_text_width(word);
		if (col > 0 && indent + col + 1 + w > 80) {
			printf("\n");
			col = 0;
			started = 0;
		}
		if (col == 0)
			printf("%*s%s", started ? 0 : indent, "", word);
		else
			printf(" %s", word);
		col += (col > 0) + w;
	}
	printf("\n");
	free(copy);
}

void
mail_report_print(const struct mail_report *r)
{
	const char	*title, *rem, *what;
	enum vg_severity sev;
	char		*clean, *label, *line;
	size_t		 i;
	int		 w, count[VG_ST_MATCH + 1] = { 0 };

	what = r->domain != NULL ? r->domain : r->profile;
	clean = vg_term_clean(what);
	printf(r->domain != NULL ? _("Mail checks for %s\n") :
	    _("Mail client settings in %s\n"), clean);
	free(clean);
	for (i = 0; i < r->n; i++) {
		const struct mail_result *m = &r->v[i];

		mail_text(m->id, m->status, &title, &rem, &sev);
		count[m->status]++;
		label = xasprintf("[%s]", vg_status_label(m->status));
		w = 16 - vg_text_width(label);
		printf("  %s%*s ", label, w > 0 ? w : 0, "");
		free(label);
		mail_wrap(title, 19, 1);	/* on the label's line */
		clean = vg_term_clean(m->subject);
		printf("%19s%s (%s)\n", "", clean, m->id);
		free(clean);
		if (m->detail != NULL)
			mail_wrap(m->detail, 19, 0);
		if (rem != NULL) {
			char *remd = mail_placeholder(rem, r->domain);

			line = xasprintf("%s %s", _("To do:"), remd);
			mail_wrap(line, 19, 0);
			free(line);
			free(remd);
		}
	}
	/* Each count with its own plural: "1 non conforme". */
	printf("  ");
	printf(vg_ngettext("%d passed", "%d passed", count[VG_ST_PASS]),
	    count[VG_ST_PASS]);
	printf(", ");
	printf(vg_ngettext("%d warning", "%d warnings", count[VG_ST_WARN]),
	    count[VG_ST_WARN]);
	printf(", ");
	printf(vg_ngettext("%d failed", "%d failed", count[VG_ST_FAIL]),
	    count[VG_ST_FAIL]);
	printf(", ");
	printf(vg_ngettext("%d error", "%d errors", count[VG_ST_ERROR]),
	    count[VG_ST_ERROR]);
	printf(", ");
	printf(vg_ngettext("%d for information", "%d for information",
	    count[VG_ST_INFO]), count[VG_ST_INFO]);
	printf("\n\n");
}

/* Record one report as a run of the findings model. */
int
mail_report_store(struct vg_store *s, int64_t commune, const struct mail_report *r,
    char *err)
{
	struct vg_finding	 f;
	const char		*title, *rem;
	enum vg_severity	 sev;
	json_t			*counts;
	char			*stats = NULL;
	int64_t			 run;
	size_t			 i;

	if (vg_store_begin(s, err) == -1)
		return -1;
	if (vg_run_begin(s, commune, VG_RUN_SCAN_MAIL, r->domain ? r->domain :
	    r->profile, &run, err) == -1)
		goto fail;
	for (i = 0; i < r->n; i++) {
		char *remd;

		mail_text(r->v[i].id, r->v[i].status, &title, &rem, &sev);
		remd = mail_placeholder(rem, r->domain);
		memset(&f, 0, sizeof(f));
		f.source = VG_RUN_SCAN_MAIL;
		f.ref = r->v[i].id;
		f.status = r->v[i].status;
		f.severity = r->v[i].severity;
		f.subject = r->v[i].subject;
		f.title = title;
		f.detail = r->v[i].detail;
		f.remediation = remd;
		if (vg_run_add(s, run, &f, err) == -1) {
			free(remd);
			goto fail;
		}
		free(remd);
	}
	/* The run's statistics: how many results of each status. */
	counts = json_object();
	for (i = 0; i < r->n; i++) {
		const char *k = vg_status_name(r->v[i].status);
		json_t *c = json_object_get(counts, k);

		json_object_set_new(counts, k, json_integer(c ?
		    json_integer_value(c) + 1 : 1));
	}
	stats = json_dumps(counts, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(counts);
	if (stats == NULL)
		fatal("out of memory");
	if (vg_run_end(s, run, "done", stats, err) == -1 ||
	    vg_store_commit(s, err) == -1)
		goto fail;
	free(stats);
	return 0;
fail:
	free(stats);
	vg_store_rollback(s);
	return -1;
}
