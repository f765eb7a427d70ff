/*
 * sheet.c — `vigie respond sheet`: one A4 page to print and pin next to
 * the town hall's computers before any incident: the first actions in
 * large type and whom to call, with the commune's own contacts (missing
 * ones say "to be filled in", so the gap shows on paper). The words come
 * from the <sheet> of rules/checklist/checklist.xml.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/store.h"

/* One cell: the person or service's name, then the best way to reach
 * them (phone, else e-mail, else web), or "to be filled in". */
static char *
reach(const struct cl_contact_view *v)
{
	const struct cl_channel *ch[3] = { &v->phone, &v->email, &v->web };
	const char *how = NULL;
	int i;

	for (i = 0; i < 3 && how == NULL; i++)
		if (ch[i]->value != NULL)
			how = ch[i]->value;
	if (how == NULL)
		how = checklist_missing();
	if (v->name != NULL)
		return xasprintf("%s — %s", v->name, how);
	return xstrdup(how);
}

/* Build the sheet document; returns NULL with err set. */
static struct vg_doc *
sheet_doc(struct cl_context *x, char *err)
{
	const struct cl_sheet *sh = x->cl->sheet;
	struct cl_contact_view v;
	struct cl_item fake;
	struct cl_plan one;
	struct cl_step step;
	struct vg_doc *doc;
	const char *head[2], *row[2];
	char *title, *how;
	int i;

	if (sh == NULL) {
		vg_seterr(err, _("the checklist file has no <sheet> section"));
		return NULL;
	}
	/* The commune's name goes in the title (the page footer), so that
	 * the body fits one printed page in large type. */
	title = x->plan.commune_name != NULL ? xasprintf("%s — %s",
	    sh->title, x->plan.commune_name) : xstrdup(sh->title);
	doc = vg_doc_new(title, vg_lang());
	free(title);
	vg_doc_set_large(doc, 1);
	vg_doc_heading(doc, 1, sh->title);
	vg_doc_para(doc, VG_DS_WARNING, sh->warning);
	vg_doc_list_begin(doc, VG_DL_ORDERED);
	for (i = 0; i < sh->nactions; i++)
		vg_doc_item(doc, sh->actions[i]);
	vg_doc_list_end(doc);

	/* The contacts through the same resolution as the checklist: a
	 * one-step plan listing the sheet's contacts. */
	memset(&step, 0, sizeof(step));
	step.id = "sheet";
	step.title = step.why = "";
	step.cond = CL_ALWAYS;
	step.deadline_min = -1;
	step.contacts = sh->contacts;
	step.ncontacts = sh->ncontacts;
	{
		struct checklist tmp = *x->cl;

		tmp.steps = &step;
		tmp.nsteps = 1;
		if (checklist_plan(&tmp, NULL, NULL, 0, x->store, x->commune,
		    x->plan.now, &one, err) == -1) {
			vg_doc_free(doc);
			return NULL;
		}
	}
	fake = one.items[0];
	head[0] = _("Whom to call");
	head[1] = _("Name and phone");
	vg_doc_table_begin(doc, 2, head);
	for (i = 0; i < fake.ncontacts; i++) {
		v = fake.contacts[i];
		how = reach(&v);
		row[0] = v.c->name;
		row[1] = how;
		vg_doc_row(doc, row, v.phone.value == NULL &&
		    v.email.value == NULL && v.web.value == NULL ?
		    VG_DT_WARN : VG_DT_NONE);
		free(how);
	}
	vg_doc_table_end(doc);
	checklist_plan_free(&one);
	if (sh->footer != NULL)
		vg_doc_para(doc, VG_DS_STRONG, sh->footer);
	return doc;
}

/* Remember that the sheet was written (a run of kind "respond.sheet"):
 * the commune dossier says when it was last printed. */
static int
record_sheet(struct cl_context *x, const char *output, char *err)
{
	int64_t run;

	if (vg_store_begin(x->store, err) == -1)
		return -1;
	if (vg_run_begin(x->store, x->commune, "respond.sheet", output, &run,
	    err) == -1 || vg_run_end(x->store, run, "done", NULL, err) == -1 ||
	    vg_store_commit(x->store, err) == -1) {
		vg_store_rollback(x->store);
		return -1;
	}
	return 0;
}

int
cmd_respond_sheet(const struct vg_cmd *self, int argc, char **argv)
{
	static const char *const formats[] = { "html", "odt", NULL };
	struct cl_context x;
	struct vg_doc *doc;
	const char *incident, *format, *output;
	char err[VG_ERRLEN];
	int rc;

	if ((rc = checklist_doc_opts(self, argc, argv, formats, &incident,
	    &format, &output)) != VG_OPT_CONTINUE)
		return rc;
	if (incident != NULL)
		return vg_usage_error(self, "%s", _("the sheet is for before "
		    "an incident: --incident does not apply"));
	if (output == NULL)
		return vg_usage_error(self, "%s", _("where to write it: -o "
		    "FILE"));
	if (checklist_context(NULL, 1, &x) == -1)
		return VG_EXIT_ERROR;
	rc = VG_EXIT_ERROR;
	if ((doc = sheet_doc(&x, err)) == NULL ||
	    vg_doc_write(doc, format, output, err) == -1 ||
	    record_sheet(&x, output, err) == -1)
		vg_warn("%s", err);
	else {
		rc = VG_EXIT_OK;
		if (!vg_g.quiet && strcmp(output, "-") != 0)
			fprintf(stderr, _("Written to %s: print it and pin it "
			    "next to the computers.\n"), output);
	}
	if (doc != NULL)
		vg_doc_free(doc);
	checklist_context_free(&x);
	return rc;
}
