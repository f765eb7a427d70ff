/*
 * test-doc.c — the document model and its three writers. A document with
 * every kind of node is written as HTML, ODT and Markdown into a temporary
 * folder and read back: structure, escaping of hostile text, file modes;
 * the ODT package is opened with libarchive (entry order, "mimetype"
 * first and stored), its XML parsed with libxml2 and its text read by
 * odt2txt, the reader the tests of reports rely on.
 *
 * With VIGIE_DOC_SAMPLES=DIR in the environment the program only writes
 * the sample report (sample.html, .odt, .md), the one-page sheet
 * (sheet.html, .odt), sections.html and hostile.* into DIR:
 * tests/e2e/0100-doc-render.sh renders them with Chromium.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include "vigie/vigie.h"
#include "vigie/doc.h"
#include "vigie/util.h"
#include "testutil.h"

#define HOSTILE	"<script>alert(\"x&y\")</script> 'q'"

/* ---- documents ------------------------------------------------------ */

/* A report like the assessment's, with every kind of node. */
static struct vg_doc *
sample_report(void)
{
	static const struct vg_doc_bar bars[] = {
		{ "Gouvernance et responsabilités", 2, 1, "2 — en cours",
		    VG_DT_L2 },
		{ "Sauvegardes", 3, 1, "3 — en place", VG_DT_L3 },
		{ "Mots de passe et comptes", 1, 2, "1 — initial", VG_DT_L1 },
		{ "Messagerie", 0, -1, "0 — absent", VG_DT_L0 },
		{ "Postes de travail et mises à jour", 4, 4, "4 — maîtrisé",
		    VG_DT_L4 },
		{ "Réseau et wifi", 2.5, -1, NULL, VG_DT_L2 },
		{ "Prestataires et contrats", -1, -1, NULL, VG_DT_NONE },
	};
	static const char *const head[] = { "Niveau", "Question", "À faire" };
	static const char *const rows[][3] = {
		{ "0 — absent", "Les sauvegardes sont-elles testées ?",
		    "Restaurer un fichier chaque mois et noter la date." },
		{ "1 — initial", "Chaque agent a-t-il son propre compte ?",
		    "Créer un compte par agent ; supprimer le compte "
		    "« mairie » partagé." },
		{ "2 — en cours", "Les mises à jour sont-elles automatiques ?",
		    "Vérifier Windows Update sur les 4 postes." },
		{ "Je ne sais pas", "Le pare-feu de la box est-il actif ?",
		    "Demander au prestataire informatique." },
		{ "4 — maîtrisé", "L'antivirus est-il à jour ?", "Rien." },
	};
	static const enum vg_doc_tone tones[] = {
		VG_DT_L0, VG_DT_L1, VG_DT_L2, VG_DT_WARN, VG_DT_L4,
	};
	struct vg_doc *d;
	size_t i;

	d = vg_doc_new("Évaluation cyber — Saint-Julien-du-Lac", "fr");
	vg_doc_heading(d, 1, "Évaluation de la cybersécurité");
	vg_doc_paraf(d, VG_DS_NOTE, "Commune de Saint-Julien-du-Lac — %d "
	    "habitants — évaluation du 25 novembre 2026", 1240);
	vg_doc_para(d, VG_DS_LEAD, "La commune a progressé depuis mars : "
	    "les sauvegardes sont en place. Il reste trois points urgents, "
	    "listés ci-dessous.");
	vg_doc_para(d, VG_DS_WARNING, "Les sauvegardes ne sont pas testées : "
	    "en cas de rançongiciel, la commune pourrait tout perdre.");
	vg_doc_heading(d, 2, "Niveau par domaine");
	vg_doc_bars(d, bars, sizeof(bars) / sizeof(bars[0]), 4,
	    "Niveaux de 0 (absent) à 4 (maîtrisé)");
	vg_doc_heading(d, 2, "Les cinq choses à faire d'abord");
	vg_doc_list_begin(d, VG_DL_ORDERED);
	vg_doc_item_strong(d, "Tester une restauration.",
	    "Choisir un fichier, le restaurer, noter la date.");
	vg_doc_item_strong(d, "Un compte par agent.", NULL);
	vg_doc_item(d, "Activer la double authentification sur la "
	    "messagerie.");
	vg_doc_list_begin(d, VG_DL_BULLET);
	vg_doc_item(d, "d'abord pour le maire et le secrétariat ;");
	vg_doc_item(d, "ensuite pour les élus.");
	vg_doc_list_end(d);
	vg_doc_item(d, "Publier un enregistrement DMARC.");
	vg_doc_item(d, "Inscrire les contacts d'urgence\nsur la fiche "
	    "réflexe.");
	vg_doc_list_end(d);
	vg_doc_heading(d, 2, "Réponses à travailler");
	vg_doc_table_begin(d, 3, head);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		vg_doc_row(d, rows[i], tones[i]);
	vg_doc_table_end(d);
	vg_doc_heading(d, 3, "Détail des questions");
	vg_doc_table_begin(d, 3, head);
	for (i = 0; i < 30; i++) {
		char q[64];
		const char *row[3] = { "2 — en cours", q,
		    "Une action de suivi, décrite en une ou deux lignes "
		    "pour voir comment le texte se replie." };

		snprintf(q, sizeof(q), "Question %zu du questionnaire", i + 1);
		vg_doc_row(d, row, i % 3 == 0 ? VG_DT_L2 : VG_DT_NONE);
	}
	vg_doc_table_end(d);
	vg_doc_pagebreak(d);
	vg_doc_heading(d, 2, "Contacts en cas d'incident");
	vg_doc_field(d, "Prestataire informatique", "Informatique du Lac — "
	    "04 00 00 00 00");
	vg_doc_field(d, "Assureur (contrat cyber)", NULL);
	vg_doc_field(d, "CSIRT régional", "urgence@csirt.example.fr");
	vg_doc_heading(d, 2, "Premiers gestes");
	vg_doc_list_begin(d, VG_DL_CHECK);
	vg_doc_item_strong(d, "Débrancher le câble réseau", "du poste "
	    "touché. Ne pas l'éteindre.");
	vg_doc_item(d, "Prévenir le maire.");
	vg_doc_item(d, "Noter l'heure et ce qui est affiché à l'écran.");
	vg_doc_list_end(d);
	vg_doc_para_strong(d, VG_DS_NORMAL, "Ne payez pas la rançon.",
	    "Elle ne garantit ni le retour des données ni la discrétion.");
	vg_doc_para(d, VG_DS_STRONG, "Porter plainte dans les 72 heures.");
	vg_doc_heading(d, 4, "Sources");
	vg_doc_para(d, VG_DS_NOTE, "Questionnaire vigie 2026.1, d'après les "
	    "guides de l'ANSSI et de cybermalveillance.gouv.fr.");
	return d;
}

/* The one-page sheet of first actions, in large type. */
static struct vg_doc *
sample_sheet(void)
{
	struct vg_doc *d;

	d = vg_doc_new("En cas de cyberattaque — Mairie de Saint-Julien",
	    "fr");
	vg_doc_set_large(d, 1);
	vg_doc_heading(d, 1, "En cas de cyberattaque");
	vg_doc_para(d, VG_DS_WARNING, "N'éteignez pas l'ordinateur. "
	    "Débranchez le câble réseau ou coupez le wifi.");
	vg_doc_list_begin(d, VG_DL_CHECK);
	vg_doc_item_strong(d, "Isoler :", "débrancher le câble réseau.");
	vg_doc_item_strong(d, "Prévenir", "le maire et le secrétariat.");
	vg_doc_item_strong(d, "Appeler", "le prestataire et le 17Cyber.");
	vg_doc_item_strong(d, "Ne pas payer", "de rançon.");
	vg_doc_item_strong(d, "Porter plainte", "dans les 72 heures.");
	vg_doc_list_end(d);
	vg_doc_heading(d, 2, "Qui appeler");
	vg_doc_field(d, "Maire", "06 00 00 00 01");
	vg_doc_field(d, "Prestataire", "04 00 00 00 00");
	vg_doc_field(d, "Assureur", NULL);
	vg_doc_field(d, "17Cyber", "17cyber.gouv.fr");
	vg_doc_para(d, VG_DS_NOTE, "Fiche imprimée le 25 novembre 2026.");
	return d;
}

/* Many short sections of varied length: without the print rules some
 * heading would fall at the bottom of a page, some row across two. */
static struct vg_doc *
sample_sections(void)
{
	static const char *const head[] = { "Contrôle", "État" };
	struct vg_doc *d;
	int i, j;

	d = vg_doc_new("Sections", "fr");
	for (i = 1; i <= 40; i++) {
		char *text = xstrdup("");

		{
			char h[32];

			snprintf(h, sizeof(h), "Section %d", i);
			vg_doc_heading(d, 3, h);
		}
		for (j = 0; j < 1 + (i * 7) % 9; j++) {
			char *t = xasprintf("%sPhrase %d de la section, assez "
			    "longue pour remplir une ligne. ", text, j + 1);

			free(text);
			text = t;
		}
		vg_doc_para(d, VG_DS_NORMAL, text);
		free(text);
		if (i % 3 == 0) {
			const char *row[] = { "Un contrôle\nsur deux lignes",
			    "à revoir" };

			vg_doc_table_begin(d, 2, head);
			for (j = 0; j < 3; j++)
				vg_doc_row(d, row, VG_DT_WARN);
			vg_doc_table_end(d);
		}
	}
	return d;
}

/* Text that must never turn into markup, and bytes that are not text. */
static struct vg_doc *
hostile_doc(void)
{
	static const char *const head[] = { HOSTILE, "a|b" };
	static const char *const row[] = { "x\xff\xfey", "c|d\nsecond line" };
	static const struct vg_doc_bar bars[] = {
		{ HOSTILE, 1, 0, "]]> & <b>", VG_DT_BAD },
	};
	struct vg_doc *d;

	d = vg_doc_new(HOSTILE, "fr\"><x");
	vg_doc_heading(d, 1, HOSTILE);
	vg_doc_para(d, VG_DS_NORMAL, "ctl\x01\x1b[2J\x7f bad\xc3 end\r\n"
	    "# not a heading\n1. not a list\n**not bold** | pipe ``` "
	    "<b>raw</b> [link](http://x) _u_ ~s~ \\ &amp;");
	vg_doc_para(d, VG_DS_WARNING, HOSTILE);
	vg_doc_field(d, HOSTILE, HOSTILE);
	vg_doc_list_begin(d, VG_DL_CHECK);
	vg_doc_item(d, "- [x] already ticked?");
	vg_doc_list_end(d);
	vg_doc_table_begin(d, 2, head);
	vg_doc_row(d, row, VG_DT_L0);
	vg_doc_table_end(d);
	vg_doc_bars(d, bars, 1, 1, HOSTILE);
	vg_doc_para(d, VG_DS_NOTE, "noncharacter \xef\xbf\xbe, C1 \xc2\x85.");
	return d;
}

/* ---- helpers -------------------------------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
	char err[VG_ERRLEN];
	char *s;

	s = vg_read_file(path, 64 << 20, len, err);
	if (s == NULL)
		fail_msg("%s", err);
	return s;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("\"%s\" not found in:\n%.3000s", needle, hay);
}

static void
assert_lacks(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	if (p != NULL)
		fail_msg("\"%s\" found: ...%.200s", needle, p);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

/* Every "<" of Markdown S is escaped, or one of the writer's own "<br>"
 * (line break in a cell) and "<!-- -->" (end of a list). */
static void
assert_md_no_html(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '<')) != NULL; p++) {
		if ((p > s && p[-1] == '\\') || strncmp(p, "<br>", 4) == 0 ||
		    strncmp(p, "<!-- -->", 8) == 0)
			continue;
		fail_msg("unescaped '<' in Markdown: ...%.60s", p);
	}
}

/* Writes D as FORMAT into the temporary folder; returns its content. */
static char *
write_doc(struct vg_doc *d, const char *format, const char *name,
    size_t *len)
{
	char err[VG_ERRLEN], *path, *s;
	struct stat st;

	path = tu_path(name);
	if (vg_doc_write(d, format, path, err) == -1)
		fail_msg("%s", err);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	s = slurp(path, len);
	free(path);
	return s;
}

struct zip_entry {
	char	*name;
	char	*data;
	size_t	 len;
};

/* Every entry of the zip at PATH in order, read with libarchive. */
static int
read_zip(const char *path, struct zip_entry *e, int max)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	int n = 0;

	archive_read_support_format_zip(a);
	assert_int_equal(archive_read_open_filename(a, path, 16384),
	    ARCHIVE_OK);
	while (archive_read_next_header(a, &ae) == ARCHIVE_OK) {
		la_int64_t size = archive_entry_size(ae);

		assert_true(n < max);
		assert_true(size >= 0);
		e[n].name = strdup(archive_entry_pathname(ae));
		e[n].data = calloc(1, size + 1);
		e[n].len = size;
		assert_int_equal(archive_read_data(a, e[n].data, size), size);
		n++;
	}
	archive_read_free(a);
	return n;
}

static const struct zip_entry *
zip_find(const struct zip_entry *e, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return &e[i];
	fail_msg("%s not in the package", name);
	return NULL;
}

static void
assert_xml(const struct zip_entry *e)
{
	xmlDocPtr x;

	x = xmlReadMemory(e->data, (int)e->len, e->name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (x == NULL)
		fail_msg("%s is not well-formed XML", e->name);
	xmlFreeDoc(x);
}

/* The output of odt2txt on PATH, owned by the caller. */
static char *
odt2txt(const char *path)
{
	struct doc_buf_ { char *p; size_t len; } b = { NULL, 0 };
	char cmd[512], chunk[4096];
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof(cmd), "odt2txt --encoding=UTF-8 --width=-1 "
	    "'%s' 2>&1", path);
	if ((f = popen(cmd, "r")) == NULL)
		fail_msg("cannot run odt2txt");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		b.p = realloc(b.p, b.len + n + 1);
		memcpy(b.p + b.len, chunk, n);
		b.len += n;
		b.p[b.len] = '\0';
	}
	if (pclose(f) != 0)
		fail_msg("odt2txt failed on %s: %s", path, b.p ? b.p : "");
	return b.p != NULL ? b.p : strdup("");
}

/* ---- HTML ----------------------------------------------------------- */

static void
test_html(void **state)
{
	(void)state;
	struct vg_doc *d = sample_report();
	size_t len;
	char *s;

	s = write_doc(d, "html", "report.html", &len);
	assert_true(vg_utf8_valid(s, len));
	assert_true(strncmp(s, "<!DOCTYPE html>\n<html lang=\"fr\">", 32) ==
	    0);
	assert_contains(s, "<meta charset=\"utf-8\">");
	assert_contains(s, "<title>Évaluation cyber — Saint-Julien-du-Lac"
	    "</title>");
	/* Print rules. */
	assert_contains(s, "@page{size:A4;");
	assert_contains(s, "counter(page)");
	assert_contains(s, "break-after:avoid");
	assert_contains(s, "tr{break-inside:avoid");
	assert_contains(s, ".warning{");
	assert_contains(s, "body{font-size:12pt");
	assert_contains(s, "font-size:16px");
	/* Self-contained: no script, no outside resource. */
	assert_lacks(s, "<script");
	assert_lacks(s, "src=");
	assert_lacks(s, "<link");
	assert_lacks(s, "http://www.w3.org/1999/xlink");
	/* Every node kind. */
	assert_contains(s, "<h1>Évaluation de la cybersécurité</h1>");
	assert_contains(s, "<h4>Sources</h4>");
	assert_contains(s, "<p class=\"note\">Commune de Saint-Julien-du-Lac "
	    "— 1240 habitants");
	assert_contains(s, "<p class=\"lead\">");
	assert_contains(s, "<div class=\"warning\" role=\"note\">");
	assert_contains(s, "<p><strong>Ne payez pas la rançon.</strong> "
	    "Elle ne garantit");
	assert_contains(s, "<p><strong>Porter plainte dans les 72 heures."
	    "</strong></p>");
	assert_contains(s, "<ol>\n<li><strong>Tester une restauration."
	    "</strong> Choisir");
	assert_contains(s, "messagerie.<ul>\n<li>d'abord");
	assert_contains(s, "</ul>\n</li>\n<li>Publier");
	assert_contains(s, "d'urgence<br>\nsur la fiche");
	assert_contains(s, "<ul class=\"check\">\n<li><span class=\"box\" "
	    "aria-hidden=\"true\">☐</span><strong>Débrancher");
	assert_int_equal(count(s, "☐"), 3);
	assert_contains(s, "<thead><tr><th scope=\"col\">Niveau</th>");
	assert_contains(s, "<tr><td class=\"t1\">0 — absent</td>");
	assert_contains(s, "<tr><td>2 — en cours</td>");
	assert_contains(s, "<dl class=\"fields\">\n<div class=\"field\"><dt>"
	    "Prestataire informatique\xc2\xa0:</dt><dd>Informatique du Lac");
	assert_contains(s, "Assureur (contrat cyber)\xc2\xa0:</dt>"
	    "<dd class=\"blank\"></dd>");
	assert_contains(s, "<div class=\"pagebreak\"></div>\n<h2>Contacts");
	/* The chart: inline SVG, each bar with its value, the change since
	 * last time, a marker, a legend, the bar not evaluated. */
	assert_contains(s, "<figure class=\"chart\">\n<figcaption>Niveaux de 0"
	    " (absent) à 4 (maîtrisé)</figcaption>\n<svg xmlns=");
	assert_contains(s, ">3 — en place (+2)</text>");
	assert_contains(s, ">1 — initial (\xe2\x88\x92" "1)</text>");
	assert_contains(s, ">4 — maîtrisé (=)</text>");
	assert_contains(s, ">2,5/4</text>");
	assert_contains(s, ">non évalué</text>");
	assert_contains(s, ">la dernière fois</text>");
	assert_contains(s, "fill=\"url(#vgchart1-h)\"");
	assert_contains(s, "<title>Sauvegardes\xc2\xa0: 3 — en place "
	    "(la dernière fois\xc2\xa0: 1)</title>");
	/* Long labels are wrapped on two even lines. */
	assert_contains(s, ">Postes de travail</text>");
	assert_contains(s, ">et mises à jour</text>");
	assert_int_equal(count(s, "<svg "), 1);
	assert_int_equal(count(s, "</svg>"), 1);
	assert_contains(s, "</main>\n</body>\n</html>\n");
	free(s);
	vg_doc_free(d);
}

static void
test_html_hostile(void **state)
{
	(void)state;
	struct vg_doc *d = hostile_doc();
	size_t len;
	char *s;

	s = write_doc(d, "html", "hostile.html", &len);
	assert_true(vg_utf8_valid(s, len));
	assert_lacks(s, "<script");
	assert_lacks(s, "<b>");
	assert_lacks(s, "<x");
	assert_contains(s, "<html lang=\"fr&quot;&gt;&lt;x\">");
	assert_contains(s, "<title>&lt;script&gt;alert(&quot;x&amp;y&quot;)"
	    "&lt;/script&gt; 'q'</title>");
	assert_contains(s, "<h1>&lt;script&gt;");
	assert_contains(s, "x\xef\xbf\xbd\xef\xbf\xbdy");
	assert_contains(s, "ctl[2J bad\xef\xbf\xbd end<br>\n# not");
	assert_lacks(s, "\x01");
	assert_lacks(s, "\x1b");
	assert_lacks(s, "\x7f");
	assert_lacks(s, "\r");
	assert_lacks(s, "\xc2\x85");
	assert_contains(s, "noncharacter \xef\xbf\xbd, C1 .");
	assert_contains(s, "&amp;amp;");
	assert_contains(s, "]]&gt; &amp; &lt;b&gt;");
	/* The title in the CSS footer cannot close the style element. */
	assert_contains(s, "content:\"\\3c script\\3e alert(\\22 x\\26 y\\22 )"
	    "\\3c /script\\3e  'q' \\2014  page \" counter(page)");
	assert_int_equal(count(s, "</style>"), 1);
	free(s);
	vg_doc_free(d);
}

/* ---- Markdown ------------------------------------------------------- */

static void
test_md(void **state)
{
	(void)state;
	struct vg_doc *d = sample_report();
	size_t len;
	char *s;

	s = write_doc(d, "md", "report.md", &len);
	assert_true(vg_utf8_valid(s, len));
	assert_contains(s, "---\ntitle: \"Évaluation cyber — "
	    "Saint-Julien-du-Lac\"\nlang: \"fr\"\n");
	assert_contains(s, "\n# Évaluation de la cybersécurité\n\n");
	assert_contains(s, "\n#### Sources\n\n");
	assert_contains(s, "\n_Commune de Saint-Julien-du-Lac — 1240 "
	    "habitants");
	assert_contains(s, "\n> ⚠ **Les sauvegardes ne sont pas testées");
	assert_contains(s, "\n1. **Tester une restauration.** Choisir");
	assert_contains(s, "\n2. **Un compte par agent.**\n");
	assert_contains(s, "\n3. Activer la double authentification sur la "
	    "messagerie.\n    - d'abord pour le maire");
	assert_contains(s, "\n4. Publier un enregistrement DMARC.\n");
	assert_contains(s, "\n5. Inscrire les contacts d'urgence\\\n   "
	    "sur la fiche");
	assert_contains(s, "\n- [ ] **Débrancher le câble réseau** du poste");
	assert_contains(s, "\n| Niveau | Question | À faire |\n"
	    "| --- | --- | --- |\n| 0 — absent | Les sauvegardes");
	assert_contains(s, "\n**Prestataire informatique\xc2\xa0:** "
	    "Informatique du Lac — 04 00 00 00 00\\\n**Assureur (contrat "
	    "cyber)\xc2\xa0:** \\_\\_");
	assert_contains(s, "\n**Ne payez pas la rançon.** Elle");
	assert_contains(s, "\n**Porter plainte dans les 72 heures.**\n");
	assert_contains(s, "\n---\n\n## Contacts en cas d'incident");
	/* Bars as text. */
	assert_contains(s, "\n**Niveaux de 0 (absent) à 4 (maîtrisé)**\n\n"
	    "| | | Valeur | La dernière fois |\n");
	assert_contains(s, "| Sauvegardes | `███████████████░░░░░` | "
	    "3 — en place (+2) | 1 |");
	assert_contains(s, "| Messagerie | `░░░░░░░░░░░░░░░░░░░░` | "
	    "0 — absent | |");
	assert_contains(s, "| Réseau et wifi | `█████████████░░░░░░░` | "
	    "2,5/4 | |");
	assert_contains(s, "| Prestataires et contrats | "
	    "`░░░░░░░░░░░░░░░░░░░░` | non évalué | |");
	free(s);
	vg_doc_free(d);
}

static void
test_md_hostile(void **state)
{
	(void)state;
	struct vg_doc *d = hostile_doc();
	size_t len;
	char *s;

	s = write_doc(d, "md", "hostile.md", &len);
	assert_true(vg_utf8_valid(s, len));
	assert_md_no_html(s);
	assert_contains(s, "title: \"\\x3cscript\\x3ealert(\\\"x\\x26y\\\")"
	    "\\x3c/script\\x3e 'q'\"");
	assert_contains(s, "\n# \\<script\\>alert(\"x\\&y\")\\</script\\> "
	    "'q'\n");
	assert_contains(s, "\\\n\\# not a heading\\\n1\\. not a list\\\n"
	    "\\*\\*not bold\\*\\* \\| pipe \\`\\`\\` \\<b\\>raw\\</b\\> "
	    "\\[link\\](http://x) \\_u\\_ \\~s\\~ \\\\ \\&amp;");
	assert_contains(s, "\n- [ ] \\- \\[x\\] already ticked?\n");
	assert_contains(s, "| \\<script\\>alert(\"x\\&y\")\\</script\\> 'q' "
	    "| a\\|b |\n");
	assert_contains(s, "| x\xef\xbf\xbd\xef\xbf\xbdy | c\\|d<br>second "
	    "line |\n");
	free(s);
	vg_doc_free(d);
}

/* ---- ODT ------------------------------------------------------------ */

static const char *const odt_order[] = {
	"mimetype", "META-INF/manifest.xml", "meta.xml", "styles.xml",
	"content.xml", "Pictures/chart1.svg",
};
#define MIME "application/vnd.oasis.opendocument.text"

static void
check_odt_package(const char *path, struct zip_entry *e, int *np)
{
	const unsigned char *u;
	size_t len, nlen, xlen;
	char *raw;
	int n, i;

	/* The first local header: "mimetype", stored, then its content. */
	raw = slurp(path, &len);
	u = (const unsigned char *)raw;
	assert_true(len > 30 + 8 + strlen(MIME));
	assert_memory_equal(raw, "PK\003\004", 4);
	assert_int_equal(u[8] | u[9] << 8, 0);		/* method: stored */
	nlen = u[26] | u[27] << 8;
	xlen = u[28] | u[29] << 8;
	assert_int_equal(nlen, 8);
	assert_memory_equal(raw + 30, "mimetype", 8);
	assert_int_equal(u[18] | u[19] << 8 | u[20] << 16 | u[21] << 24,
	    strlen(MIME));				/* compressed size */
	assert_memory_equal(raw + 30 + nlen + xlen, MIME, strlen(MIME));
	free(raw);

	n = read_zip(path, e, 16);
	assert_int_equal(n, (int)(sizeof(odt_order) / sizeof(odt_order[0])));
	for (i = 0; i < n; i++)
		assert_string_equal(e[i].name, odt_order[i]);
	assert_string_equal(e[0].data, MIME);
	for (i = 1; i < n; i++)
		assert_xml(&e[i]);
	*np = n;
}

static void
free_zip(struct zip_entry *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].data);
	}
}

static void
test_odt(void **state)
{
	(void)state;
	struct vg_doc *d = sample_report();
	struct zip_entry e[16];
	const char *c, *st, *m, *svg, *man;
	char *path, *txt, err[VG_ERRLEN];
	int n;

	path = tu_path("report.odt");
	if (vg_doc_write(d, "odt", path, err) == -1)
		fail_msg("%s", err);
	check_odt_package(path, e, &n);
	man = zip_find(e, n, "META-INF/manifest.xml")->data;
	assert_contains(man, "manifest:full-path=\"/\" "
	    "manifest:version=\"1.3\" manifest:media-type=\"" MIME "\"");
	assert_contains(man, "manifest:full-path=\"content.xml\"");
	assert_contains(man, "manifest:full-path=\"Pictures/chart1.svg\" "
	    "manifest:media-type=\"image/svg+xml\"");
	m = zip_find(e, n, "meta.xml")->data;
	assert_contains(m, "<dc:title>Évaluation cyber — Saint-Julien-du-Lac"
	    "</dc:title>");
	assert_contains(m, "<dc:language>fr</dc:language>");
	assert_contains(m, "<meta:generator>vigie/");
	st = zip_find(e, n, "styles.xml")->data;
	assert_contains(st, "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\"");
	assert_contains(st, "fo:language=\"fr\" fo:country=\"FR\"");
	assert_contains(st, "style:name=\"Heading_20_1\"");
	assert_contains(st, "style:name=\"Lead\" "
	    "style:display-name=\"Chapeau\"");
	assert_contains(st, "style:name=\"Note\"");
	assert_contains(st, "style:name=\"Warning\" "
	    "style:display-name=\"Avertissement\"");
	assert_contains(st, "text:bullet-char=\"☐\"");
	assert_contains(st, "<text:page-number");
	assert_contains(st, "Évaluation cyber — Saint-Julien-du-Lac — page ");
	c = zip_find(e, n, "content.xml")->data;
	assert_contains(c, "<text:h text:style-name=\"Heading_20_1\" "
	    "text:outline-level=\"1\">Évaluation de la cybersécurité</text:h>");
	assert_contains(c, "<text:h text:style-name=\"Heading_20_4\" "
	    "text:outline-level=\"4\">Sources</text:h>");
	assert_contains(c, "<text:p text:style-name=\"Lead\">");
	assert_contains(c, "<text:p text:style-name=\"Note\">Commune");
	assert_contains(c, "<text:p text:style-name=\"Warning\">⚠ Les "
	    "sauvegardes");
	assert_contains(c, "<text:p text:style-name=\"Important\">Porter");
	assert_contains(c, "<text:p text:style-name=\"Text_20_body\"><text:span"
	    " text:style-name=\"Strong_20_Emphasis\">Ne payez pas la rançon."
	    "</text:span> Elle");
	assert_contains(c, "<text:list text:style-name=\"List_20_Number\">");
	assert_contains(c, "<text:list text:style-name=\"List_20_Check\">");
	assert_contains(c, "messagerie.</text:p><text:list text:style-name="
	    "\"List_20_Bullet\">\n<text:list-item>");
	assert_contains(c, "d'urgence<text:line-break/>sur la fiche");
	assert_contains(c, "<table:table-header-rows><table:table-row "
	    "table:style-name=\"Row\"><table:table-cell "
	    "table:style-name=\"CellHead\" office:value-type=\"string\">"
	    "<text:p text:style-name=\"Table_20_Heading\">Niveau</text:p>");
	assert_contains(c, "<table:table-cell table:style-name=\"CellT1\" "
	    "office:value-type=\"string\"><text:p text:style-name="
	    "\"Table_20_Contents\">0 — absent</text:p>");
	assert_contains(c, "style:name=\"Row\" style:family=\"table-row\">"
	    "<style:table-row-properties fo:keep-together=\"always\"/>");
	/* The page break lands on the heading that follows it. */
	assert_contains(c, "<text:h text:style-name=\"PB_Heading_20_2\" "
	    "text:outline-level=\"2\">Contacts en cas d'incident</text:h>");
	assert_contains(c, "style:name=\"PB_Heading_20_2\" "
	    "style:family=\"paragraph\" style:parent-style-name="
	    "\"Heading_20_2\"><style:paragraph-properties "
	    "fo:break-before=\"page\"/>");
	assert_contains(c, "Assureur (contrat cyber)\xc2\xa0:</text:span> "
	    "______");
	/* The chart: a picture and its values as text. */
	assert_contains(c, "<draw:frame draw:style-name=\"Frame\" "
	    "draw:name=\"Graphique 1\" text:anchor-type=\"as-char\" "
	    "svg:width=\"17cm\"");
	assert_contains(c, "<draw:image xlink:href=\"Pictures/chart1.svg\"");
	assert_contains(c, ">3 — en place (+2)</text:p>");
	svg = zip_find(e, n, "Pictures/chart1.svg")->data;
	assert_true(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"", 78) == 0);
	assert_contains(svg, ">3 — en place (+2)</text>");

	/* A real reader: odt2txt. */
	txt = odt2txt(path);
	assert_contains(txt, "Évaluation de la cybersécurité");
	assert_contains(txt, "Les cinq choses à faire d'abord");
	assert_contains(txt, "Tester une restauration. Choisir un fichier");
	assert_contains(txt, "d'abord pour le maire");
	assert_contains(txt, "Les sauvegardes sont-elles testées ?");
	assert_contains(txt, "Prestataire informatique\xc2\xa0: Informatique "
	    "du Lac");
	assert_contains(txt, "3 — en place (+2)");
	assert_contains(txt, "Gouvernance et responsabilités");
	assert_contains(txt, "non évalué");
	assert_contains(txt, "Ne pas l'éteindre.");
	free(txt);
	free_zip(e, n);
	free(path);
	vg_doc_free(d);
}

static void
test_odt_hostile(void **state)
{
	(void)state;
	struct vg_doc *d = hostile_doc();
	struct zip_entry e[16];
	const char *c;
	char *path, *txt, err[VG_ERRLEN];
	int n;

	path = tu_path("hostile.odt");
	if (vg_doc_write(d, "odt", path, err) == -1)
		fail_msg("%s", err);
	check_odt_package(path, e, &n);		/* every part parses */
	c = zip_find(e, n, "content.xml")->data;
	assert_lacks(c, "<script");
	assert_lacks(c, "<b>");
	assert_contains(c, "&lt;script&gt;alert(&quot;x&amp;y&quot;)");
	assert_contains(c, "ctl[2J bad\xef\xbf\xbd end<text:line-break/>");
	assert_contains(zip_find(e, n, "meta.xml")->data,
	    "<dc:language>fr&quot;&gt;&lt;x</dc:language>");
	txt = odt2txt(path);
	assert_contains(txt, "<script>alert(\"x&y\")</script> 'q'");
	assert_contains(txt, "]]> & <b>");
	free(txt);
	free_zip(e, n);
	free(path);
	vg_doc_free(d);
}

/* Spaces, tabs and line breaks survive ODF's whitespace rules. */
static void
test_odt_spaces(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new("s", "en");
	struct zip_entry e[16];
	const char *c;
	char *path, err[VG_ERRLEN];
	int n;

	vg_doc_para(d, VG_DS_NORMAL, "a  b   c\td\n  e");
	path = tu_path("spaces.odt");
	assert_int_equal(vg_doc_write(d, "odt", path, err), 0);
	n = read_zip(path, e, 16);
	c = zip_find(e, n, "content.xml")->data;
	assert_contains(c, ">a <text:s/>b <text:s text:c=\"2\"/>c<text:tab/>d"
	    "<text:line-break/><text:s text:c=\"2\"/>e</text:p>");
	/* English document: English style names and words. */
	assert_contains(zip_find(e, n, "styles.xml")->data,
	    "fo:language=\"en\" fo:country=\"GB\"");
	free_zip(e, n);
	free(path);
	vg_doc_free(d);
}

/* ---- writing -------------------------------------------------------- */

static void
test_write_errors(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new("t", "fr");
	char err[VG_ERRLEN], *path;

	vg_doc_para(d, VG_DS_NORMAL, "x");
	assert_int_equal(vg_doc_write(d, "docx", "x.docx", err), -1);
	assert_contains(err, "\"docx\"");
	assert_contains(err, "html, odt, pdf, md");
	assert_int_equal(vg_doc_write(d, NULL, "x", err), -1);
	assert_int_equal(vg_doc_write(d, "odt", "-", err), -1);
	assert_contains(err, "standard output");
	assert_int_equal(vg_doc_write(d, "html", "", err), -1);
	assert_int_equal(vg_doc_write(d, "html", "/nonexistent/dir/x.html",
	    err), -1);
	assert_contains(err, "/nonexistent/dir/x.html");
	assert_true(vg_doc_format_known("html"));
	assert_true(vg_doc_format_known("ODT"));
	assert_true(vg_doc_format_known("md"));
	assert_true(vg_doc_format_known("pdf"));
	assert_false(vg_doc_format_known("docx"));
	assert_false(vg_doc_format_known(NULL));

	/* An existing file is replaced and made private. */
	path = tu_path("old.md");
	assert_int_equal(vg_write_file(path, "old", 3, err), 0);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(vg_doc_write(d, "md", path, err), 0);
	{
		struct stat st;
		size_t len;
		char *s;

		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		s = slurp(path, &len);
		assert_lacks(s, "old");
		free(s);
	}
	free(path);
	vg_doc_free(d);
}

static void
test_stdout(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new("t", "en");
	char err[VG_ERRLEN], *path, *s;
	size_t len;
	int fd, saved;

	vg_doc_heading(d, 2, "On stdout");
	path = tu_path("stdout.md");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	assert_int_equal(vg_doc_write(d, "md", "-", err), 0);
	assert_int_equal(vg_doc_write(d, "html", "-", err), 0);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	s = slurp(path, &len);
	assert_contains(s, "\n## On stdout\n");
	assert_contains(s, "<h2>On stdout</h2>");
	free(s);
	free(path);
	vg_doc_free(d);
}

/* ---- the model ------------------------------------------------------ */

/* The caller's strings are copied: changing them later changes nothing. */
static void
test_copies(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new("t", "en");
	struct vg_doc_bar bar = { NULL, 1, -1, NULL, VG_DT_GOOD };
	char label[16], cell[16], *s, *h[1], *r[1];
	size_t len;

	snprintf(label, sizeof(label), "before");
	snprintf(cell, sizeof(cell), "before");
	bar.label = label;
	h[0] = cell;
	r[0] = cell;
	vg_doc_para(d, VG_DS_NORMAL, label);
	vg_doc_field(d, label, label);
	vg_doc_bars(d, &bar, 1, 0, label);	/* max 0: the largest value */
	vg_doc_table_begin(d, 1, (const char *const *)h);
	vg_doc_row(d, (const char *const *)r, VG_DT_NONE);
	memset(label, 'X', sizeof(label) - 1);
	memset(cell, 'X', sizeof(cell) - 1);
	s = write_doc(d, "md", "copies.md", &len);
	assert_lacks(s, "XXX");
	assert_int_equal(count(s, "before"), 7);
	assert_contains(s, "| before | `████████████████████` | 1/1 |");
	free(s);
	vg_doc_free(d);
	vg_doc_free(NULL);
}

/* Open lists and tables are closed by the next block and by write. */
static void
test_autoclose(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new("t", "en");
	const char *cells[] = { "c" };
	size_t len;
	char *s;

	vg_doc_list_begin(d, VG_DL_BULLET);
	vg_doc_item(d, "one");
	vg_doc_list_begin(d, VG_DL_ORDERED);
	vg_doc_item(d, "nested");
	vg_doc_heading(d, 2, "after");		/* closes both lists */
	vg_doc_table_begin(d, 1, NULL);
	vg_doc_row(d, cells, VG_DT_BAD);
	vg_doc_list_begin(d, VG_DL_CHECK);	/* closes the table */
	vg_doc_item(d, "left open");
	s = write_doc(d, "html", "autoclose.html", &len);
	assert_contains(s, "<ul>\n<li>one<ol>\n<li>nested</li>\n</ol>\n"
	    "</li>\n</ul>\n<h2>after</h2>");
	assert_contains(s, "<table>\n<tbody>\n<tr><td class=\"t8\">c</td></tr>"
	    "\n</tbody>\n</table>\n<ul class=\"check\">");
	assert_contains(s, "left open</li>\n</ul>\n</main>");
	free(s);
	/* Writing twice gives the same document. */
	s = write_doc(d, "md", "autoclose.md", &len);
	assert_contains(s, "|  |\n| --- |\n| c |\n");
	free(s);
	vg_doc_free(d);
}

/* Misuse stops the program: run it in a child. */
static void
expect_fatal(void (*fn)(struct vg_doc *))
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct vg_doc *d = vg_doc_new("t", "en");
		int fd = open("/dev/null", O_WRONLY);

		/* fatal() exits: keep the parent's temporary folder. */
		tu_dir[0] = '\0';
		dup2(fd, STDERR_FILENO);
		fn(d);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), VG_EXIT_ERROR);
}

static void misuse_item(struct vg_doc *d) { vg_doc_item(d, "x"); }
static void misuse_end(struct vg_doc *d) { vg_doc_list_end(d); }
static void misuse_row(struct vg_doc *d)
{
	const char *c[] = { "x" };

	vg_doc_row(d, c, VG_DT_NONE);
}
static void misuse_cols(struct vg_doc *d) { vg_doc_table_begin(d, 0, NULL); }
static void misuse_nest(struct vg_doc *d)
{
	vg_doc_list_begin(d, VG_DL_BULLET);
	vg_doc_list_begin(d, VG_DL_BULLET);
}

static void
test_misuse(void **state)
{
	(void)state;
	expect_fatal(misuse_item);
	expect_fatal(misuse_end);
	expect_fatal(misuse_row);
	expect_fatal(misuse_cols);
	expect_fatal(misuse_nest);
}

/* An empty document is still a valid file in every format. */
static void
test_empty(void **state)
{
	(void)state;
	struct vg_doc *d = vg_doc_new(NULL, NULL);
	struct zip_entry e[16];
	char *s, *path, err[VG_ERRLEN];
	size_t len;
	int n;

	s = write_doc(d, "html", "empty.html", &len);
	assert_contains(s, "<html lang=\"fr\">");
	assert_contains(s, "<title></title>");
	free(s);
	s = write_doc(d, "md", "empty.md", &len);
	assert_contains(s, "title: \"\"");
	free(s);
	path = tu_path("empty.odt");
	assert_int_equal(vg_doc_write(d, "odt", path, err), 0);
	n = read_zip(path, e, 16);
	assert_int_equal(n, 5);
	assert_xml(zip_find(e, n, "content.xml"));
	free_zip(e, n);
	free(path);
	vg_doc_free(d);
}

/* ---- samples for the rendering test --------------------------------- */

static int
write_samples(const char *dir)
{
	static const char *const fmts[] = { "html", "odt", "md" };
	struct vg_doc *r = sample_report(), *s = sample_sheet();
	char err[VG_ERRLEN], *p;
	size_t i;
	int rc = 0;

	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/sample.%s", dir, fmts[i]);
		if (vg_doc_write(r, fmts[i], p, err) == -1) {
			fprintf(stderr, "%s\n", err);
			rc = 1;
		}
		free(p);
		if (i == 2)
			break;
		p = xasprintf("%s/sheet.%s", dir, fmts[i]);
		if (vg_doc_write(s, fmts[i], p, err) == -1) {
			fprintf(stderr, "%s\n", err);
			rc = 1;
		}
		free(p);
	}
	vg_doc_free(r);
	vg_doc_free(s);
	r = sample_sections();
	p = xasprintf("%s/sections.html", dir);
	if (vg_doc_write(r, "html", p, err) == -1) {
		fprintf(stderr, "%s\n", err);
		rc = 1;
	}
	free(p);
	vg_doc_free(r);
	r = hostile_doc();
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/hostile.%s", dir, fmts[i]);
		if (vg_doc_write(r, fmts[i], p, err) == -1) {
			fprintf(stderr, "%s\n", err);
			rc = 1;
		}
		free(p);
	}
	vg_doc_free(r);
	return rc;
}

/* Phone numbers, dates and counts never break (issue 17). */
static void
test_nobreak_text(void **state)
{
	char *t;

	(void)state;
	t = vg_doc_phone("02 33 44 55 66");
	assert_string_equal(t, "02\xc2\xa0" "33\xc2\xa0" "44\xc2\xa0"
	    "55\xc2\xa0" "66");
	free(t);
	assert_null(vg_doc_phone(NULL));
	t = vg_doc_date("2026-12-07T10:00:00Z", 1);
	assert_string_equal(t, "7\xc2\xa0" "d\xc3\xa9" "cembre\xc2\xa0" "2026");
	free(t);
	t = vg_doc_date("2026-05-01", 1);
	assert_string_equal(t, "1er\xc2\xa0mai\xc2\xa0" "2026");
	free(t);
	t = vg_doc_date("2026-12-07", 0);
	assert_string_equal(t, "7\xc2\xa0" "December\xc2\xa0" "2026");
	free(t);
	assert_null(vg_doc_date("07/12/2026", 1));
	assert_null(vg_doc_date("2026-13-07", 1));
	t = vg_doc_count(1240, 1);
	assert_string_equal(t, "1\xc2\xa0" "240");
	free(t);
	t = vg_doc_count(1234567, 1);
	assert_string_equal(t, "1\xc2\xa0" "234\xc2\xa0" "567");
	free(t);
	t = vg_doc_count(999, 1);
	assert_string_equal(t, "999");
	free(t);
	t = vg_doc_count(-12500, 0);
	assert_string_equal(t, "-12,500");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_hostile),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_md_hostile),
		cmocka_unit_test(test_odt),
		cmocka_unit_test(test_odt_hostile),
		cmocka_unit_test(test_odt_spaces),
		cmocka_unit_test(test_write_errors),
		cmocka_unit_test(test_stdout),
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_autoclose),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_nobreak_text),
	};
	const char *samples = getenv("VIGIE_DOC_SAMPLES");

	if (samples != NULL && *samples != '\0')
		return write_samples(samples);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
