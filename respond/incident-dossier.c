/*
 * incident-dossier.c — the incident part of the commune dossier
 * (`vigie report --dossier`, a section listed by the program): whether
 * the sheet of first actions has been written, and the commune's
 * incidents with their timelines, latest first.
 */

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "vigie/base.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/module.h"
#include "vigie/store.h"
#include "vigie/util.h"

#define DOSSIER_INCIDENTS	5	/* the latest ones, in full */

/* When the sheet was last written for COMMUNE (0: never). */
static int
sheet_written(struct vg_store *s, int64_t commune, time_t *when, char *err)
{
	char *started;

	*when = 0;
	if (vg_run_last_started(s, commune, VG_RUN_RESPOND_SHEET, &started,
	    err) == -1) {
		vg_store_seterr(s, err, _("reading when the sheet was "
		    "written"));
		return -1;
	}
	if (started != NULL && vg_time_parse_iso(started, when) == -1)
		*when = 0;
	free(started);
	return 0;
}

/* One incident: what is known, then its timeline as a table. */
static int
one(struct vg_store *s, const struct checklist *cl, int64_t id,
    struct vg_doc *doc, char *err)
{
	struct incident inc;
	struct incident_event *ev = NULL;
	const char *head[2], *row[2];
	char when[64], *title, *words;
	int n = 0, i;

	if (incident_get(s, id, &inc, err) == -1)
		return -1;
	if (incident_events(s, id, &ev, &n, err) == -1) {
		incident_clear(&inc);
		return -1;
	}
	deadline_format(inc.t0, when, sizeof(when));
	title = xasprintf(_("Incident %lld — discovered %s"), (long long)id,
	    when);
	vg_doc_heading(doc, 3, title);
	free(title);
	if (inc.closed) {
		deadline_format(inc.closed, when, sizeof(when));
		vg_doc_field(doc, _("Closed"), when);
	} else
		vg_doc_field(doc, _("State"), _("in progress"));
	if (inc.what != NULL)
		vg_doc_field(doc, _("What happened"), inc.what);
	for (i = 0; i < CL_NCOND; i++)
		vg_doc_field(doc, checklist_cond_title(i),
		    checklist_tri_label(inc.cond[i]));
	head[0] = _("When (Paris time)");
	head[1] = _("Timeline");
	vg_doc_table_begin(doc, 2, head);
	for (i = 0; i < n; i++) {
		deadline_format(ev[i].at, when, sizeof(when));
		words = incident_event_words(cl, &ev[i]);
		row[0] = when;
		row[1] = words;
		vg_doc_row(doc, row, ev[i].kind == IEV_DONE ? VG_DT_GOOD :
		    VG_DT_NONE);
		free(words);
	}
	vg_doc_table_end(doc);
	incident_events_free(ev, n);
	incident_clear(&inc);
	return 0;
}

int
incident_dossier(struct vg_store *s, int64_t commune, struct vg_doc *doc,
    char *err)
{
	struct checklist *cl = NULL;
	sqlite3_stmt *st = NULL;
	char when[64], lerr[VG_ERRLEN];
	time_t sheet;
	int64_t *ids = NULL;
	int n = 0, total = 0, i, r = -1;

	if (sheet_written(s, commune, &sheet, err) == -1)
		return -1;
	if (sheet != 0) {
		deadline_format(sheet, when, sizeof(when));
		vg_doc_paraf(doc, VG_DS_NORMAL, _("The sheet of first actions "
		    "was last written on %s (vigie respond sheet): check that "
		    "it is pinned next to the computers, with today's "
		    "numbers."), when);
	} else
		vg_doc_para(doc, VG_DS_WARNING, _("The sheet of first actions "
		    "has never been written: print it and pin it next to the "
		    "computers (vigie respond sheet -o fiche.html)."));

	vg_doc_heading(doc, 2, _("Incidents"));
	st = vg_store_prepare(s, "SELECT id FROM incident WHERE commune = ?1 "
	    "ORDER BY t0 DESC, id DESC", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	while (sqlite3_step(st) == SQLITE_ROW) {
		total++;
		if (n == DOSSIER_INCIDENTS)
			continue;
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (total == 0) {
		vg_doc_para(doc, VG_DS_NORMAL, _("No incident recorded."));
		r = 0;
		goto out;
	}
	/* Step titles are a nicety: ids do if the checklist is broken. */
	if (checklist_load(NULL, &cl, lerr) == -1)
		cl = NULL;
	for (i = 0; i < n; i++)
		if (one(s, cl, ids[i], doc, err) == -1)
			goto out;
	if (total > n)
		vg_doc_paraf(doc, VG_DS_NOTE, vg_ngettext("%d older incident: "
		    "vigie respond incident list.", "%d older incidents: vigie "
		    "respond incident list.", total - n), total - n);
	r = 0;
out:
	checklist_free(cl);
	free(ids);
	return r;
}

const struct vg_dossier_section incident_dossier_section = {
	.name = "incidents",
	.write = incident_dossier,
};
