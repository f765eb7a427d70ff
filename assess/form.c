/*
 * form.c — the blank paper form of a questionnaire (`vigie assess
 * --print-form`): every question with a box per answer, "I don't know"
 * and "not concerned" where offered, and room for a note, to fill in
 * around a table and type in later (or send as an answers file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"

void
form_doc(const struct quest *q, int quick, struct vg_doc *d)
{
	struct answers *a = answers_new(q);	/* default wording */
	char *s, *item, *nq, *nd;
	int i, j, k, num = 0, n = quest_count(q, quick);

	s = answers_subst(a, q->title);
	vg_doc_heading(d, 1, s);
	free(s);
	nq = xasprintf(vg_ngettext("%d question", "%d questions",
	    (unsigned long)n), n);
	nd = xasprintf(vg_ngettext("%d domain", "%d domains",
	    (unsigned long)q->ndomains), q->ndomains);
	if (quick)
		vg_doc_paraf(d, VG_DS_LEAD, _("Quick questionnaire: %s, about "
		    "10 minutes."), nq);
	else
		vg_doc_paraf(d, VG_DS_LEAD, _("Full questionnaire: %s in %s, "
		    "about an hour."), nq, nd);
	free(nq);
	free(nd);
	if (q->intro != NULL)
		vg_doc_para(d, VG_DS_NORMAL, q->intro);
	vg_doc_para(d, VG_DS_NORMAL, _("Tick one box per question, the one "
	    "closest to how things really are. \"I don't know\" is a good "
	    "answer: it tells whom to ask. Then type the answers into vigie "
	    "(vigie assess), or give the form to whoever fills in the answers "
	    "file (vigie assess --answers)."));
	vg_doc_field(d, _("Commune"), "");
	vg_doc_field(d, _("Filled in by"), "");
	vg_doc_field(d, _("Date"), "");

	if (q->nasks > 0) {
		vg_doc_heading(d, 2, _("The commune"));
		for (i = 0; i < q->nasks; i++) {
			s = answers_subst(a, q->asks[i].text);
			vg_doc_paraf(d, VG_DS_STRONG, "%s", s);
			free(s);
			vg_doc_list_begin(d, VG_DL_CHECK);
			for (j = 0; j < q->asks[i].noptions; j++)
				vg_doc_item(d, q->asks[i].options[j].label);
			vg_doc_list_end(d);
		}
	}
	for (i = 0; i < q->ndomains; i++) {
		const struct quest_domain *dom = &q->domains[i];
		int shown = 0;

		for (j = 0; j < dom->nquestions; j++) {
			const struct quest_question *qq = dom->questions[j];

			if (!quest_in_mode(qq, quick))
				continue;
			if (!shown++) {
				vg_doc_heading(d, 2, dom->name);
				if (dom->text != NULL)
					vg_doc_para(d, VG_DS_NOTE, dom->text);
			}
			s = answers_subst(a, qq->text);
			vg_doc_paraf(d, VG_DS_STRONG, "%d. %s", ++num, s);
			free(s);
			vg_doc_list_begin(d, VG_DL_CHECK);
			for (k = 0; k < qq->nchoices; k++) {
				s = answers_subst(a, qq->choices[k].label);
				vg_doc_item(d, s);
				free(s);
			}
			/* Like the screen: whom to ask (issue 16). */
			s = plan_role_name(a, qq->ask ? qq->ask :
			    AS_ROLE_SECRETARY);
			item = xasprintf(_("I don't know (who can answer: %s)"),
			    s);
			vg_doc_item(d, item);
			free(item);
			free(s);
			if (qq->na)
				vg_doc_item(d, _("Not concerned"));
			vg_doc_list_end(d);
			item = xasprintf(_("[%s] Note"), qq->id);
			vg_doc_field(d, item, "");
			free(item);
		}
	}
	answers_free(a);
}
