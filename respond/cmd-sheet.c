/*
 * cmd-sheet.c — `vigie respond sheet`: one A4 page to print and pin next to
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
#include "sheet.h"

/*
 * One cell: the person or service's name, the phone number (or, in its
 * place, "phone: to be filled in": on paper the gap must show for every
 * contact, public services included), then the e-mail or web address.
 * *missing is set when there is no phone number.
 */
static char *
reach(const struct cl_contact_view *v, int *missing)
{
	const char *other = v->email.value != NULL ? v->email.value :
	    v->web.value;
	char *ph, *out;

	*missing = v->phone.value == NULL;
	ph = v->phone.value != NULL ? vg_doc_phone(v->phone.value) :
	    xasprintf(_("phone: %s"), checklist_missing());
	out = xasprintf("%s%s%s%s%s", v->name != NULL ? v->name : "",
	    v->name != NULL ? " — " : "", ph, other != NULL ? " — " : "",
	    other != NULL ? other : "");
	free(ph);
	return out;
}

static void
content_free(struct sheet_content *c)
{
	int i;

	for (i = 0; i < c->nrows; i++) {
		free(c->rows[i].who);
		free(c->rows[i].how);
	}
	free(c->rows);
	free((char *)c->page_footer);
	memset(c, 0, sizeof(*c));
}

/* What the sheet says, for every format. Returns -1 with err set. */
static int
sheet_content(struct cl_context *x, struct sheet_content *c, char *err)
{
	const struct cl_sheet *sh = x->cl->sheet;
	struct cl_plan one;
	struct cl_step step;
	int i;

	memset(c, 0, sizeof(*c));
	if (sh == NULL) {
		vg_seterr(err, _("the checklist file has no <sheet> section"));
		return -1;
	}
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
		    x->plan.now, &one, err) == -1)
			return -1;
	}
	c->title = sh->title;
	c->warning = sh->warning;
	c->footer = sh->footer;
	c->actions = (const char *const *)sh->actions;
	c->nactions = sh->nactions;
	c->table_title = _("Whom to call");
	c->page_footer = xstrdup(x->plan.commune_name != NULL ?
	    x->plan.commune_name : "");
	c->rows = xcalloc(one.items[0].ncontacts + 1, sizeof(*c->rows));
	for (i = 0; i < one.items[0].ncontacts; i++) {
		c->rows[i].who = xstrdup(one.items[0].contacts[i].c->name);
		c->rows[i].how = reach(&one.items[0].contacts[i],
		    &c->rows[i].missing);
	}
	c->nrows = one.items[0].ncontacts;
	checklist_plan_free(&one);
	return 0;
}

/* The sheet as a document (HTML, ODT, PDF, Markdown), in large type
 * when it fits one page so. */
static struct vg_doc *
sheet_doc(struct cl_context *x, const struct sheet_content *c, int large)
{
	struct vg_doc *doc;
	const char *head[2], *row[2];
	char *title;
	int i;

	/* The commune's name goes in the title (the page footer), so that
	 * the body fits one printed page in large type. */
	title = x->plan.commune_name != NULL ? xasprintf("%s — %s",
	    c->title, x->plan.commune_name) : xstrdup(c->title);
	doc = vg_doc_new(title, vg_lang());
	free(title);
	vg_doc_set_large(doc, large);
	vg_doc_heading(doc, 1, c->title);
	vg_doc_para(doc, VG_DS_WARNING, c->warning);
	vg_doc_list_begin(doc, VG_DL_ORDERED);
	for (i = 0; i < c->nactions; i++)
		vg_doc_item(doc, c->actions[i]);
	vg_doc_list_end(doc);
	head[0] = c->table_title;
	head[1] = _("Name and phone");
	vg_doc_table_begin(doc, 2, head);
	for (i = 0; i < c->nrows; i++) {
		row[0] = c->rows[i].who;
		row[1] = c->rows[i].how;
		vg_doc_row(doc, row, c->rows[i].missing ? VG_DT_WARN :
		    VG_DT_NONE);
	}
	vg_doc_table_end(doc);
	if (c->footer != NULL)
		vg_doc_para(doc, VG_DS_STRONG, c->footer);
	return doc;
}

/* Remember that the sheet was written (a run of kind VG_RUN_RESPOND_SHEET):
 * the commune dossier says when it was last printed. */
static int
record_sheet(struct cl_context *x, const char *output, char *err)
{
	int64_t run;

	if (vg_store_begin(x->store, err) == -1)
		return -1;
	if (vg_run_begin(x->store, x->commune, VG_RUN_RESPOND_SHEET, output,
	    &run, err) == -1 || vg_run_end(x->store, run, "done", NULL, err) == -1 ||
	    vg_store_commit(x->store, err) == -1) {
		vg_store_rollback(x->store);
		return -1;
	}
	return 0;
}

/*
 * Measures the sheet as the PDF writer lays it out (large type, shrunk
 * to fit one page): *size is the body type it needs, *pages the pages
 * even so. Without PDF in this build: large type, one page assumed.
 */
static void
sheet_measure(struct vg_doc *doc, double *size, int *pages)
{
	char err[VG_ERRLEN];

	*size = 14;
	*pages = 1;
	if (vg_doc_layout(doc, "pdf", err) == 0) {
		*size = vg_doc_type_size(doc);
		*pages = vg_doc_pages(doc);
	}
}

static int
cmd_respond_sheet(const struct vg_cmd *self, int argc, char **argv)
{
	static const char *const formats[] = { "html", "odt", "pdf", "md",
	    NULL };
	struct cl_context x;
	struct sheet_content c;
	struct vg_doc *doc = NULL;
	const char *incident, *format, *output;
	char err[VG_ERRLEN];
	double size = 14;
	int rc, pages = 1, ok, pdf, to_term = 0;

	if ((rc = checklist_doc_opts(self, argc, argv, formats, &incident,
	    &format, &output)) != VG_OPT_CONTINUE)
		return rc;
	if (incident != NULL)
		return vg_usage_error(self, "%s", _("the sheet is for before "
		    "an incident: --incident does not apply"));
	pdf = strcmp(format, "pdf") == 0;
	if (output == NULL || strcmp(output, "-") == 0) {
		if (pdf)
			return vg_usage_error(self, "%s", _("a PDF cannot go "
			    "to the terminal: give -o FILE.pdf"));
		/* No file: the sheet as text on the terminal, and how to
		 * get one to print. */
		if (output == NULL) {
			format = "md";
			to_term = 1;
		}
		output = "-";
	}
	if (checklist_context(NULL, 1, &x) == -1)
		return VG_EXIT_ERROR;
	rc = VG_EXIT_ERROR;
	if (sheet_content(&x, &c, err) == -1) {
		vg_warn("%s", err);
		checklist_context_free(&x);
		return rc;
	}
	/* One page: in PDF the type shrinks until it fits; HTML and ODT
	 * print in 14 pt (large) or 12 pt, chosen from the PDF's layout. */
	doc = sheet_doc(&x, &c, 1);
	vg_doc_set_fit(doc, 1);
	if (pdf) {
		ok = vg_doc_write(doc, format, output, err) == 0;
		if (ok) {
			size = vg_doc_type_size(doc);
			pages = vg_doc_pages(doc);
		}
	} else {
		sheet_measure(doc, &size, &pages);
		vg_doc_set_large(doc, size >= 14);
		ok = vg_doc_write(doc, format, output, err) == 0;
		if (ok && pages == 1 && size < 12)
			vg_warn(_("the sheet may run over one page in this "
			    "format: --format pdf shrinks the type to fit"));
	}
	if (ok && (to_term || record_sheet(&x, output, err) == 0)) {
		rc = VG_EXIT_OK;
		if (pages > 1)
			vg_warn(vg_ngettext("the sheet does not fit one page "
			    "even in small type (%d page): shorten the "
			    "contacts' names and notes in the profile",
			    "the sheet does not fit one page even in small "
			    "type (%d pages): shorten the contacts' names and "
			    "notes in the profile", (unsigned long)pages),
			    pages);
		if (to_term && !vg_g.quiet)
			fprintf(stderr, "%s\n", _("To print it: vigie respond "
			    "sheet -o fiche.pdf (or fiche.html, fiche.odt)."));
		else if (!vg_g.quiet && strcmp(output, "-") != 0)
			fprintf(stderr, _("Written to %s: print it and pin it "
			    "next to the computers.\n"), output);
	} else
		vg_warn("%s", err);
	vg_doc_free(doc);
	content_free(&c);
	checklist_context_free(&x);
	return rc;
}

const struct vg_cmd cmd_respond_sheet_entry = {
	.name = "respond sheet",
	.usage = N_("--format pdf|html|odt -o FILE"),
	.summary = N_("one printable page of first actions, to pin up now"),
	.help = N_("Writes one A4 page, in large type, of what to do in the "
	    "first "
	    "minutes of an attack and whom to call, with the commune's own "
	    "contacts. Print it and pin it next to the town hall's "
	    "computers before any incident.\n\n"
	    "  --format FORMAT    html (default), pdf (shrunk to fit one "
	    "page) or odt\n"
	    "  -o FILE            the file to write (- for stdout, html "
	    "only)\n"),
	.exec = cmd_respond_sheet,
};
