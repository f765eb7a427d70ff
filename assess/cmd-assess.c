/*
 * cmd-assess.c — `vigie assess`: the questionnaire in the terminal (the
 * default), and its batch and paper forms: --template prints an answers
 * file to fill in, --answers FILE records one, --print-form writes the
 * blank paper form, --compare shows what changed since the previous
 * assessment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/assess.h"
#include "vigie/cmd.h"
#include "vigie/doc.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "tui-screens.h"

#define ANSWERS_MAXSIZE	(4 << 20)

enum {
	OPT_QUICK = 0x2000, OPT_COMPARE, OPT_PRINT_FORM, OPT_TEMPLATE,
	OPT_ANSWERS, OPT_QUESTIONNAIRE, OPT_FORMAT,
};

struct assess_opts {
	int		 quick;
	int		 compare;
	int		 print_form;
	int		 template;
	const char	*answers;
	const char	*questionnaire;
	const char	*output;
	const char	*format;
};

/* The format named by --format, else guessed from the file's extension,
 * else DEF. */
static const char *
assess_format(const char *format, const char *path, const char *def)
{
	const char *dot;

	if (format != NULL)
		return format;
	if (path != NULL && strcmp(path, "-") != 0 &&
	    (dot = strrchr(path, '.')) != NULL && strchr(dot, '/') == NULL) {
		if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
			return "html";
		if (strcmp(dot, ".odt") == 0)
			return "odt";
		if (strcmp(dot, ".md") == 0)
			return "md";
		if (strcmp(dot, ".json") == 0)
			return "json";
	}
	return def;
}

static int
assess_template(const struct assess_opts *o)
{
	char err[VG_ERRLEN], *text;
	struct quest *q;
	json_t *t;
	int rc = VG_EXIT_ERROR;

	if ((q = quest_load(o->questionnaire, err)) == NULL) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	t = batch_template(q, o->quick, vg_g.commune);
	if (o->output == NULL || strcmp(o->output, "-") == 0) {
		rc = vg_json_emit_pretty(t) == 0 ? VG_EXIT_OK : VG_EXIT_ERROR;
		goto out;
	}
	text = json_dumps(t, JSON_INDENT(2));
	json_decref(t);
	if (vg_write_file(o->output, text, strlen(text), err) == -1)
		vg_warn("%s", err);
	else
		rc = VG_EXIT_OK;
	free(text);
out:
	quest_free(q);
	return rc;
}

static int
assess_print_form(const struct assess_opts *o)
{
	const char *format = assess_format(o->format, o->output,
	    o->output ? "html" : "md");
	char err[VG_ERRLEN], *title;
	struct quest *q;
	struct vg_doc *d;
	int rc = VG_EXIT_ERROR;

	if (!vg_doc_format_known(format)) {
		vg_warn(_("unknown format '%s' for the form (html, odt or md)"),
		    format);
		return VG_EXIT_ERROR;
	}
	if (strcmp(format, "odt") == 0 && (o->output == NULL ||
	    strcmp(o->output, "-") == 0)) {
		vg_warn(_("an .odt form needs a file: add -o FILE.odt"));
		return VG_EXIT_ERROR;
	}
	if ((q = quest_load(o->questionnaire, err)) == NULL) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	title = xasprintf(_("Questionnaire %s \u2014 paper form"), q->id);
	d = vg_doc_new(title, vg_lang());
	form_doc(q, o->quick, d);
	if (vg_doc_write(d, format, o->output ? o->output : "-", err) == -1)
		vg_warn("%s", err);
	else
		rc = VG_EXIT_OK;
	vg_doc_free(d);
	free(title);
	quest_free(q);
	return rc;
}

/* One line per domain: "  Backups              2 Under way". */
static void
assess_print_scores(const struct report *r)
{
	int i, pad;

	for (i = 0; i < r->score.ndomains; i++) {
		const struct score_domain *sd = &r->score.domains[i];

		pad = 30 - vg_text_width(sd->domain->brief);
		if (sd->state == SCORE_OK && sd->capped)
			printf(_("  %s%*s %d %s (held at %d: %s, %s)%s\n"),
			    sd->domain->brief, pad > 0 ? pad : 0, "",
			    sd->level, score_level_word(sd->level),
			    sd->cap_level, score_cap_reason(sd),
			    sd->cap_by->id,
			    sd->to_confirm ? _(" (to confirm)") : "");
		else if (sd->state == SCORE_OK)
			printf("  %s%*s %d %s%s\n", sd->domain->brief,
			    pad > 0 ? pad : 0, "", sd->level,
			    score_level_word(sd->level),
			    sd->to_confirm ? _(" (to confirm)") : "");
		else
			printf("  %s%*s %s\n", sd->domain->brief,
			    pad > 0 ? pad : 0, "", score_domain_word(sd));
	}
}

static int
assess_answers(const struct assess_opts *o)
{
	char err[VG_ERRLEN], *buf = NULL, *name = NULL;
	struct vg_store *s = NULL;
	struct quest *q = NULL;
	struct batch b = { 0 };
	struct report r;
	int64_t commune, id;
	size_t len;
	int rc = VG_EXIT_ERROR;

	if ((q = quest_load(o->questionnaire, err)) == NULL)
		goto fail;
	if ((buf = vg_read_file(o->answers, ANSWERS_MAXSIZE, &len, err)) ==
	    NULL)
		goto fail;
	if (batch_parse(q, buf, len, o->answers, &b, err) == -1)
		goto fail;
	if (o->quick && !b.quick) {
		vg_seterr(err, _("%s: --quick given but the file's \"mode\" is "
		    "\"full\""), o->answers);
		goto fail;
	}
	if (vg_g.commune == NULL && b.commune != NULL)
		vg_g.commune = b.commune;
	if (vg_store_open(vg_g.db, &s, err) == -1 ||
	    vg_commune_current(s, 1, &commune, err) == -1)
		goto fail;
	/* A new commune named by the file gets that name in its profile. */
	if (b.commune != NULL && vg_profile_get(s, commune, "name", &name,
	    err) == 0 && name == NULL &&
	    vg_profile_set(s, commune, "name", b.commune, err) == -1)
		goto fail;
	if (record_all(s, commune, b.answers, b.quick, "batch", &id,
	    err) == -1)
		goto fail;
	if (report_load(s, id, &r, err) == -1)
		goto fail;
	if (vg_g.json)
		rc = vg_json_emit(report_json(&r)) == 0 ? VG_EXIT_OK :
		    VG_EXIT_ERROR;
	else {
		char *c = vg_term_clean(r.commune_name);

		if (!vg_g.quiet) {
			printf(vg_ngettext("Assessment no. %lld recorded for %s: "
			    "%d question answered out of %d, %d \"I don't "
			    "know\".\n", "Assessment no. %lld recorded for %s: "
			    "%d questions answered out of %d, %d \"I don't "
			    "know\".\n", r.score.answered),
			    (long long)id, c, r.score.answered,
			    r.score.questions, r.score.dk);
			assess_print_scores(&r);
			printf(_("Report: vigie report --assessment %lld "
			    "--format html -o report.html\n"), (long long)id);
		}
		free(c);
		rc = VG_EXIT_OK;
	}
	report_free(&r);
	goto out;
fail:
	vg_warn("%s", err);
out:
	if (vg_g.commune == b.commune)
		vg_g.commune = NULL;
	batch_free(&b);
	free(name);
	free(buf);
	quest_free(q);
	vg_store_close(s);
	return rc;
}

/* A number with the decimal comma in French. */
static void
assess_num(double v, const char *fmt, char *out, size_t size)
{
	char *dot;

	snprintf(out, size, fmt, v);
	if (strcmp(vg_lang(), "fr") == 0 && (dot = strchr(out, '.')) != NULL)
		*dot = ',';
}

static void
assess_print_changes(const struct report *r, int worse)
{
	const struct compare_change *ch = worse ? r->compare.worse :
	    r->compare.better;
	int i, n = worse ? r->compare.nworse : r->compare.nbetter;

	printf("\n%s\n", worse ? _("Answers that went down:") :
	    _("Answers that improved:"));
	if (n == 0)
		printf("  %s\n", _("none"));
	for (i = 0; i < n; i++) {
		const struct quest_question *qq = ch[i].question;
		char *t = answers_subst(r->answers, qq->text);

		printf("  %s  %s\n", qq->id, t);
		printf("      %s %s  ->  %s\n", _("was:"),
		    answers_value_label(qq, ch[i].before),
		    answers_value_label(qq, ch[i].after));
		free(t);
	}
}

static int
assess_compare(void)
{
	char err[VG_ERRLEN], b[16], a[16], d[16];
	struct vg_store *s = NULL;
	struct report r;
	int64_t commune, id;
	int i, rc = VG_EXIT_ERROR, pad;
	json_t *j;

	if (vg_store_open(vg_g.db, &s, err) == -1 ||
	    vg_commune_current(s, 0, &commune, err) == -1 ||
	    record_latest(s, commune, &id, err) == -1)
		goto fail;
	if (id == 0) {
		vg_seterr(err, _("no assessment yet: start one with 'vigie "
		    "assess'"));
		goto fail;
	}
	if (report_load(s, id, &r, err) == -1)
		goto fail;
	if (vg_g.json) {
		j = report_json(&r);
		json_t *out = json_pack("{s:I, s:O}", "assessment",
		    (json_int_t)id, "previous", json_object_get(j, "previous"));
		json_decref(j);
		rc = vg_json_emit(out) == 0 ? VG_EXIT_OK : VG_EXIT_ERROR;
		report_free(&r);
		goto out;
	}
	if (!r.has_previous) {
		printf(_("Only one assessment so far (no. %lld): nothing to "
		    "compare yet.\n"), (long long)id);
		report_free(&r);
		rc = VG_EXIT_OK;
		goto out;
	}
	printf(_("Assessment no. %lld compared with no. %lld:\n\n"),
	    (long long)id, (long long)r.prev_info.id);
	for (i = 0; i < r.compare.ndomains; i++) {
		const struct compare_domain *c = &r.compare.domains[i];

		snprintf(b, sizeof b, "-");
		snprintf(a, sizeof a, "-");
		if (c->before >= 0)
			assess_num(c->before, "%.1f", b, sizeof b);
		if (c->after >= 0)
			assess_num(c->after, "%.1f", a, sizeof a);
		pad = 30 - vg_text_width(c->domain->brief);
		printf("  %s%*s %4s -> %-4s", c->domain->brief,
		    pad > 0 ? pad : 0, "", b, a);
		if (c->before >= 0 && c->after >= 0) {
			assess_num(c->after - c->before, "%+.1f", d, sizeof d);
			printf("  (%s)", d);
		}
		printf("\n");
	}
	assess_print_changes(&r, 0);
	assess_print_changes(&r, 1);
	report_free(&r);
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	vg_store_close(s);
	return rc;
}

static int
cmd_assess(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, NULL, OPT_QUICK },
		{ "compare", no_argument, NULL, OPT_COMPARE },
		{ "print-form", no_argument, NULL, OPT_PRINT_FORM },
		{ "template", no_argument, NULL, OPT_TEMPLATE },
		{ "answers", required_argument, NULL, OPT_ANSWERS },
		{ "questionnaire", required_argument, NULL, OPT_QUESTIONNAIRE },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct assess_opts o = { 0 };
	int c, rc, modes;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS "o:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case OPT_QUICK:
			o.quick = 1;
			break;
		case OPT_COMPARE:
			o.compare = 1;
			break;
		case OPT_PRINT_FORM:
			o.print_form = 1;
			break;
		case OPT_TEMPLATE:
			o.template = 1;
			break;
		case OPT_ANSWERS:
			o.answers = optarg;
			break;
		case OPT_QUESTIONNAIRE:
			o.questionnaire = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_FORMAT:
			o.format = optarg;
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE)
				return rc;
		}
	}
	if (optind < argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	modes = o.compare + o.print_form + o.template + (o.answers != NULL);
	if (modes > 1)
		return vg_usage_error(self, _("choose one of --compare, "
		    "--print-form, --template and --answers"));
	if ((o.output != NULL || o.format != NULL) && !o.print_form &&
	    !o.template)
		return vg_usage_error(self, _("-o and --format go with "
		    "--print-form or --template (reports: vigie report)"));
	if (o.template && o.format != NULL && strcmp(o.format, "json") != 0)
		return vg_usage_error(self, _("the template is JSON: drop "
		    "--format"));
	if (o.template)
		return assess_template(&o);
	if (o.print_form)
		return assess_print_form(&o);
	if (o.answers != NULL)
		return assess_answers(&o);
	if (o.compare)
		return assess_compare();
	return tui_session_main(o.questionnaire, o.quick, 0);
}

const struct vg_cmd cmd_assess_entry = {
	.name = "assess",
	.usage = N_("[--quick] [--questionnaire FILE] | --template [-o FILE] "
	    "| --answers FILE | --print-form [-o FILE] | --compare"),
	.summary = N_("the questionnaire: where the town hall stands, what to "
	    "do first"),
	.help = N_("Without options, opens the questionnaire in the terminal: "
	    "one question per screen, help on '?', every answer saved at once. "
	    "An assessment left open is resumed at its first unanswered "
	    "question; otherwise a new one starts.\n"
	    "\n"
	    "  --quick              the quick version (about 15 questions, "
	    "10 minutes)\n"
	    "  --questionnaire FILE another questionnaire file (default: "
	    "questionnaire/communes.xml)\n"
	    "  --template           print an answers file to fill in (JSON; "
	    "with --quick: the quick questions)\n"
	    "  --answers FILE       record a whole assessment from an answers "
	    "file; a file with any problem is refused and nothing is "
	    "recorded\n"
	    "  --print-form         the blank paper form, to fill in around a "
	    "table\n"
	    "  --compare            what changed since the previous "
	    "assessment\n"
	    "  -o, --output FILE    where --template or --print-form write "
	    "(default: standard output)\n"
	    "  --format FORMAT      html, odt or md for --print-form (default: "
	    "from the file name, else md)\n"
	    "\n"
	    "In an answers file each answer is a level 0-4 (see the form), "
	    "\"dk\" (I don't know), \"na\" (not concerned) or null "
	    "(unanswered).\n"
	    "\n"
	    "Examples:\n"
	    "  vigie assess --quick\n"
	    "  vigie assess --template > answers.json; vigie assess --answers "
	    "answers.json\n"
	    "  vigie assess --print-form -o form.html\n"),
	.exec = cmd_assess,
};
