/*
 * mail-texts.c — the texts of the mail checks, read from
 * rules/mail/checks.xml (validated against checks.rng): each check's
 * severity, title and remediation in French and English, loaded once
 * for the whole process and looked up by mail_text() in the current
 * language.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "vigie/xml.h"

#define MAIL_TEXTS_FILE	"mail/checks.xml"
#define MAIL_TEXTS_RNG	"mail/checks.rng"

enum { LANG_FR, LANG_EN, NLANGS };
static const char *const mail_texts_langs[NLANGS] = { "fr", "en" };

struct mail_check_text {
	char			*id;
	enum vg_severity	 severity;
	char			*title[NLANGS];
	char			*remediation[NLANGS];
};

/* Loaded once, under the lock; kept until mail_texts_free(). */
static pthread_mutex_t		 mail_texts_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mail_check_text	*mail_texts;
static size_t			 mail_ntexts;
static int			 mail_texts_loaded;

/* S with every run of spaces, tabs and newlines made one space (the
 * file may wrap its texts; no-break spaces are kept). In place. */
static void
mail_texts_squeeze(char *s)
{
	char	*o = s, *start = s;
	int	 space = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space && o > start)
			*o++ = ' ';
		space = 0;
		*o++ = *s;
	}
	*o = '\0';
}

static void
mail_texts_clear(struct mail_check_text *v, size_t n)
{
	size_t	i;
	int	l;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		for (l = 0; l < NLANGS; l++) {
			free(v[i].title[l]);
			free(v[i].remediation[l]);
		}
	}
	free(v);
}

/* The checks of DOC into *OUT (*N of them); 0, or -1 with err set. */
static int
mail_texts_read(xmlDocPtr doc, const char *file, struct mail_check_text **out,
    size_t *np, char *err)
{
	struct mail_check_text	*v = NULL, *t;
	xmlNodePtr		 n;
	char			*sev;
	size_t			 cnt = 0, i;
	int			 l;

	VG_XML_FOREACH(n, xmlDocGetRootElement(doc), "check") {
		v = xreallocarray(v, cnt + 1, sizeof *v);
		t = &v[cnt++];
		memset(t, 0, sizeof *t);
		t->id = vg_xml_attr(n, "id");
		sev = vg_xml_attr(n, "severity");
		if (t->id == NULL || sev == NULL ||
		    vg_severity_parse(sev, &t->severity) == -1) {
			free(sev);
			vg_seterr(err, "%s:%ld: a check needs an id and a "
			    "severity", file, vg_xml_line(n));
			goto fail;
		}
		free(sev);
		for (i = 0; i + 1 < cnt; i++)
			if (strcmp(v[i].id, t->id) == 0) {
				vg_seterr(err, "%s:%ld: check %s is listed "
				    "twice", file, vg_xml_line(n), t->id);
				goto fail;
			}
		for (l = 0; l < NLANGS; l++) {
			t->title[l] = vg_xml_text_lang(n, "title",
			    mail_texts_langs[l]);
			t->remediation[l] = vg_xml_text_lang(n,
			    "remediation", mail_texts_langs[l]);
			if (t->title[l] == NULL || *t->title[l] == '\0' ||
			    t->remediation[l] == NULL ||
			    *t->remediation[l] == '\0') {
				vg_seterr(err, "%s:%ld: check %s needs a title "
				    "and a remediation in %s", file,
				    vg_xml_line(n), t->id,
				    mail_texts_langs[l]);
				goto fail;
			}
			mail_texts_squeeze(t->title[l]);
			mail_texts_squeeze(t->remediation[l]);
		}
	}
	*out = v;
	*np = cnt;
	return 0;
fail:
	mail_texts_clear(v, cnt);
	return -1;
}

int
mail_texts_load(char *err)
{
	xmlDocPtr	 doc = NULL;
	char		*path = NULL, *schema = NULL;
	int		 rc = -1;

	pthread_mutex_lock(&mail_texts_lock);
	if (mail_texts_loaded) {
		rc = 0;
		goto out;
	}
	path = vg_data_path(MAIL_TEXTS_FILE);
	schema = vg_data_path(MAIL_TEXTS_RNG);
	if ((doc = vg_xml_load(path, schema, err)) == NULL)
		goto out;
	if (mail_texts_read(doc, path, &mail_texts, &mail_ntexts, err) == -1)
		goto out;
	mail_texts_loaded = 1;
	rc = 0;
out:
	pthread_mutex_unlock(&mail_texts_lock);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(path);
	free(schema);
	return rc;
}

void
mail_texts_free(void)
{
	pthread_mutex_lock(&mail_texts_lock);
	mail_texts_clear(mail_texts, mail_ntexts);
	mail_texts = NULL;
	mail_ntexts = 0;
	mail_texts_loaded = 0;
	pthread_mutex_unlock(&mail_texts_lock);
}

int
mail_text(const char *id, enum vg_status st, const char **title,
    const char **remediation, enum vg_severity *severity)
{
	char	err[VG_ERRLEN];
	size_t	i;
	int	l = strcmp(vg_lang(), "fr") == 0 ? LANG_FR : LANG_EN;

	if (mail_texts_load(err) == -1)
		fatal("%s", err);
	for (i = 0; i < mail_ntexts; i++) {
		if (strcmp(mail_texts[i].id, id) != 0)
			continue;
		*title = mail_texts[i].title[l];
		*severity = mail_texts[i].severity;
		if (st == VG_ST_WARN || st == VG_ST_FAIL)
			*remediation = mail_texts[i].remediation[l];
		else if (st == VG_ST_ERROR)
			*remediation = _("vigie could not finish this check: "
			    "see the detail, check the network or the server "
			    "named, and run the scan again.");
		else
			*remediation = NULL;
		return 0;
	}
	return -1;
}
