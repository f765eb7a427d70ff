/*
 * test-checklist.c — the incident checklist: the shipped file loads in
 * both languages; broken files are refused with file and line; the plan
 * applies conditions (no personal data: no CNIL step), computes absolute
 * deadlines, reads done steps from the timeline, and fills contacts from
 * the profile, else public defaults, else "to be filled in".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/store.h"
#include "vigie/util.h"
#include "testutil.h"

static struct checklist *
load(const char *lang)
{
	struct checklist *cl;
	char err[VG_ERRLEN];

	assert_int_equal(vg_i18n_init(lang, err), 0);
	if (checklist_load(NULL, &cl, err) == -1)
		fail_msg("%s", err);
	return cl;
}

static const struct cl_item *
item(const struct cl_plan *p, const char *id)
{
	int i;

	for (i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].s->id, id) == 0)
			return &p->items[i];
	return NULL;
}

static void
test_shipped_file(void **state)
{
	struct checklist *fr, *en;
	int i;

	(void)state;
	fr = load("fr");
	en = load("en");
	assert_true(fr->nsteps >= 12);
	assert_int_equal(fr->nsteps, en->nsteps);
	for (i = 0; i < fr->nsteps; i++) {
		/* Both languages present and different for every text. */
		assert_string_equal(fr->steps[i].id, en->steps[i].id);
		assert_string_not_equal(fr->steps[i].title, en->steps[i].title);
		assert_string_not_equal(fr->steps[i].why, en->steps[i].why);
		assert_true(fr->steps[i].nwho > 0);
	}
	/* The ids the code and the docs rely on. */
	assert_non_null(checklist_step(fr, "isolate"));
	assert_non_null(checklist_step(fr, "evidence"));
	assert_non_null(checklist_step(fr, "complaint"));
	assert_non_null(checklist_step(fr, "cnil"));
	assert_non_null(checklist_step(fr, "inform-people"));
	assert_int_equal(checklist_step(fr, "complaint")->deadline_min, 4320);
	/* issue 16: the 72 h is a condition of the insurance (Code des
	 * assurances L. 12-10-1), not a legal duty to file */
	assert_int_equal(checklist_step(fr, "complaint")->basis,
	    CL_BASIS_CONTRACT);
	assert_int_equal(checklist_step(fr, "cnil")->cond, CL_PERSONAL_DATA);
	assert_int_equal(checklist_step(fr, "cnil")->deadline_min, 4320);
	assert_int_equal(checklist_step(fr, "inform-people")->cond,
	    CL_HIGH_RISK);
	assert_int_equal(checklist_step(fr, "no-ransom")->cond, CL_RANSOMWARE);
	assert_string_equal(checklist_step(fr, "insurer")->deadline_key,
	    "insurer.deadline_hours");
	assert_non_null(fr->sheet);
	assert_true(fr->sheet->nactions >= 3);
	assert_string_not_equal(fr->sheet->title, en->sheet->title);
	/* Every profile prefix a contact names is a real profile key. */
	for (i = 0; i < fr->ncontacts; i++) {
		char *k;

		if (fr->contacts[i].profile == NULL)
			continue;
		k = xasprintf("%s.phone", fr->contacts[i].profile);
		if (vg_profile_key(k) == NULL)
			fail_msg("contact %s: no profile key %s",
			    fr->contacts[i].id, k);
		free(k);
	}
	checklist_free(fr);
	checklist_free(en);
}

/* A checklist file that must be refused, and a word of the message. */
static void
refused(const char *xml, const char *want)
{
	struct checklist *cl = NULL;
	char err[VG_ERRLEN];

	err[0] = '\0';
	assert_int_equal(checklist_load_mem(xml, strlen(xml), "t.xml", NULL,
	    &cl, err), -1);
	assert_null(cl);
	if (strstr(err, want) == NULL)
		fail_msg("expected \"%s\" in: %s", want, err);
}

#define HEAD	"<checklist version=\"1\"><roles><role id=\"mayor\">" \
		"<name xml:lang=\"fr\">le maire</name></role></roles>" \
		"<contacts><contact id=\"c\"><name xml:lang=\"fr\">C</name>" \
		"</contact></contacts>\n"
#define STEP(attrs, body) "<step id=\"s\" " attrs "><title xml:lang=\"fr\">" \
		"T</title><why xml:lang=\"fr\">W</why>" body "</step>"

static void
test_broken_files(void **state)
{
	struct checklist *cl;
	char err[VG_ERRLEN];
	const char *ok = HEAD "<steps>" STEP("who=\"mayor\" deadline=\"60\"",
	    "<contact ref=\"c\"/>") "</steps></checklist>";

	(void)state;
	assert_int_equal(vg_i18n_init("en", err), 0);
	if (checklist_load_mem(ok, strlen(ok), "t.xml", NULL, &cl, err) == -1)
		fail_msg("%s", err);
	assert_int_equal(cl->nsteps, 1);
	assert_int_equal(cl->steps[0].deadline_min, 60);
	checklist_free(cl);

	refused("<list/>", "not a checklist");
	refused("<checklist version=\"1\"><roles/></checklist>", "required");
	refused(HEAD "<steps></steps></checklist>", "no step");
	refused(HEAD "<steps>\n" STEP("who=\"nobody\"", "") "</steps>"
	    "</checklist>", "t.xml:3: step \"s\": unknown role \"nobody\"");
	refused(HEAD "<steps>" STEP("", "") "</steps></checklist>",
	    "nobody acts");
	refused(HEAD "<steps>" STEP("who=\"mayor\"", "<contact ref=\"x\"/>")
	    "</steps></checklist>", "unknown contact \"x\"");
	refused(HEAD "<steps>" STEP("who=\"mayor\" deadline=\"-1\"", "")
	    "</steps></checklist>", "not a number of minutes");
	refused(HEAD "<steps>" STEP("who=\"mayor\" deadline=\"9999999999\"",
	    "") "</steps></checklist>", "not a number of minutes");
	refused(HEAD "<steps>" STEP("who=\"mayor\" if=\"rain\"", "")
	    "</steps></checklist>", "unknown condition \"rain\"");
	refused(HEAD "<steps>" STEP("who=\"mayor\"", "") STEP("who=\"mayor\"",
	    "") "</steps></checklist>", "declared twice");
	refused(HEAD "<steps><step id=\"s\" who=\"mayor\"><why xml:lang="
	    "\"fr\">W</why></step></steps></checklist>", "needs a <title>");
	refused(HEAD "<steps>" STEP("who=\"mayor\"", "") "</steps><sheet>"
	    "<title xml:lang=\"fr\">S</title><warning xml:lang=\"fr\">W"
	    "</warning><contact ref=\"c\"/></sheet></checklist>",
	    "needs <actions>");
	refused("<checklist version=\"1\"><roles><role id=\"Bad Id\"><name "
	    "xml:lang=\"fr\">x</name></role></roles></checklist>", "bad id");
	/* Not well-formed, and a DTD: refused by the safe loader. */
	refused("<checklist", "t.xml");
	refused("<!DOCTYPE c [<!ENTITY x \"y\">]><checklist/>", "t.xml");
}

/* The shipped schema refuses what the code alone would accept. */
static void
test_schema(void **state)
{
	struct checklist *cl = NULL;
	char err[VG_ERRLEN], *rng = vg_data_path("checklist/checklist.rng");
	const char *xml = HEAD "<steps>" STEP("who=\"mayor\" colour=\"red\"",
	    "") "</steps></checklist>";

	(void)state;
	assert_int_equal(checklist_load_mem(xml, strlen(xml), "t.xml", NULL,
	    &cl, err), 0);
	checklist_free(cl);
	cl = NULL;
	assert_int_equal(checklist_load_mem(xml, strlen(xml), "t.xml", rng,
	    &cl, err), -1);
	assert_non_null(strstr(err, "t.xml"));
	free(rng);
}

static struct incident
incident_at(time_t t0, enum cl_tri pd)
{
	struct incident in;

	memset(&in, 0, sizeof(in));
	in.id = 1;
	in.t0 = t0;
	in.people = in.records = -1;
	in.cond[CL_PERSONAL_DATA] = pd;
	in.cond[CL_NIS2] = CL_NO;
	return in;
}

static void
test_conditions(void **state)
{
	struct checklist *cl = load("en");
	struct incident in;
	struct cl_plan p;
	char err[VG_ERRLEN];
	time_t t0 = 1790000000;

	(void)state;
	/* No personal data: no CNIL step, no register step. */
	in = incident_at(t0, CL_NO);
	assert_int_equal(checklist_plan(cl, &in, NULL, 0, NULL, 0, t0, &p,
	    err), 0);
	assert_null(item(&p, "cnil"));
	assert_null(item(&p, "register"));
	assert_null(item(&p, "inform-people"));	/* no data, no risk to it */
	assert_null(item(&p, "nis2"));
	assert_non_null(item(&p, "complaint"));
	assert_int_equal(p.skipped, 4);
	checklist_plan_free(&p);
	/* Personal data affected: the CNIL step, for sure. */
	in = incident_at(t0, CL_YES);
	checklist_plan(cl, &in, NULL, 0, NULL, 0, t0, &p, err);
	assert_non_null(item(&p, "cnil"));
	assert_int_equal(item(&p, "cnil")->maybe, 0);
	checklist_plan_free(&p);
	/* Unknown: shown, marked as "if it applies". */
	in = incident_at(t0, CL_UNKNOWN);
	checklist_plan(cl, &in, NULL, 0, NULL, 0, t0, &p, err);
	assert_non_null(item(&p, "cnil"));
	assert_int_equal(item(&p, "cnil")->maybe, 1);
	assert_int_equal(item(&p, "complaint")->maybe, 0);
	checklist_plan_free(&p);
	/* No incident at all: every step, deadlines relative. */
	checklist_plan(cl, NULL, NULL, 0, NULL, 0, t0, &p, err);
	assert_int_equal(p.nitems, cl->nsteps);
	assert_int_equal(item(&p, "complaint")->deadline, 0);
	checklist_plan_free(&p);
	checklist_free(cl);
}

static void
test_deadlines_and_done(void **state)
{
	struct checklist *cl = load("en");
	struct incident in;
	struct incident_event ev[3];
	struct cl_plan p;
	const struct cl_item *it;
	char err[VG_ERRLEN], buf[256];
	time_t t0;

	(void)state;
	/* T0 two days before the spring change; now 1 h before the
	 * complaint deadline. */
	assert_int_equal(deadline_from_paris(2026, 3, 28, 10, 0, 0, &t0), 0);
	in = incident_at(t0, CL_YES);
	memset(ev, 0, sizeof(ev));
	ev[0].id = 1;
	ev[0].kind = IEV_DONE;
	ev[0].step = "isolate";
	ev[0].at = t0 + 300;
	ev[1].id = 2;
	ev[1].kind = IEV_DONE;
	ev[1].step = "alert";
	ev[1].at = t0 + 600;
	ev[2].id = 3;
	ev[2].kind = IEV_UNDO;
	ev[2].step = "alert";
	ev[2].at = t0 + 900;
	checklist_plan(cl, &in, ev, 3, NULL, 0, t0 + 71 * 3600, &p, err);
	it = item(&p, "complaint");
	assert_int_equal(it->deadline, t0 + 72 * 3600);
	assert_int_equal(it->state, CL_ST_PENDING);
	checklist_item_when(&p, it, buf, sizeof(buf));
	assert_string_equal(buf, "before Tue 2026-03-31 11:00 (1 h 00 min "
	    "left)");
	assert_int_equal(item(&p, "isolate")->state, CL_ST_DONE);
	assert_int_equal(item(&p, "isolate")->done_at, t0 + 300);
	/* Ticked then unticked: not done, and its 15 minutes are long
	 * gone. */
	assert_int_equal(item(&p, "alert")->state, CL_ST_OVERDUE);
	assert_int_equal(item(&p, "help")->state, CL_ST_OVERDUE);
	assert_int_equal(item(&p, "evidence")->state, CL_ST_OPEN);
	assert_int_equal(p.overdue, 4);	/* alert, help, authorities,
					 * communicate */
	checklist_plan_free(&p);

	/* One hour later, the complaint is late. */
	checklist_plan(cl, &in, ev, 3, NULL, 0, t0 + 73 * 3600 + 60, &p, err);
	it = item(&p, "complaint");
	assert_int_equal(it->state, CL_ST_OVERDUE);
	checklist_item_when(&p, it, buf, sizeof(buf));
	assert_string_equal(buf, "OVERDUE by 1 h 01 min (deadline Tue "
	    "2026-03-31 11:00)");
	checklist_plan_free(&p);
	assert_int_equal(incident_step_done(ev, 3, "alert"), 0);
	assert_int_equal(incident_step_done(ev, 3, "isolate"), t0 + 300);
	checklist_free(cl);
}

/* Contacts: the profile's, else the public default, else a placeholder
 * naming the key to set. */
static void
test_contacts_from_profile(void **state)
{
	struct checklist *cl = load("en");
	struct vg_store *s;
	struct incident in;
	struct cl_plan p;
	const struct cl_item *it;
	char err[VG_ERRLEN], *path = tu_path("contacts.db"), *line;
	int64_t commune;
	int j;

	(void)state;
	if (vg_store_open(path, &s, err) == -1)
		fail_msg("%s", err);
	assert_int_equal(vg_commune_current(s, 1, &commune, err), 0);
	assert_int_equal(vg_profile_set(s, commune, "name", "Trifouilly",
	    err), 0);
	assert_int_equal(vg_profile_set(s, commune, "police.name",
	    "Brigade de Trifouilly", err), 0);
	assert_int_equal(vg_profile_set(s, commune, "police.phone",
	    "02 99 00 00 17", err), 0);
	assert_int_equal(vg_profile_set(s, commune, "insurer.name", "SMACL",
	    err), 0);
	assert_int_equal(vg_profile_set(s, commune, "insurer.deadline_hours",
	    "48", err), 0);
	in = incident_at(1790000000, CL_UNKNOWN);
	assert_int_equal(checklist_plan(cl, &in, NULL, 0, s, commune,
	    in.t0, &p, err), 0);
	assert_string_equal(p.commune_name, "Trifouilly");

	it = item(&p, "complaint");
	assert_string_equal(it->contacts[0].c->id, "police");
	assert_string_equal(it->contacts[0].name, "Brigade de Trifouilly");
	assert_string_equal(it->contacts[0].phone.value, "02 99 00 00 17");
	assert_int_equal(it->contacts[0].phone.from_profile, 1);
	/* 17Cyber has no profile: the public web address. */
	assert_string_equal(it->contacts[1].c->id, "17cyber");
	assert_string_equal(it->contacts[1].web.value,
	    "https://17cyber.gouv.fr");
	assert_null(it->contacts[1].phone.key);

	/* The mayor's phone is missing: placeholder and key. */
	it = item(&p, "alert");
	assert_string_equal(it->contacts[0].c->id, "mayor");
	assert_null(it->contacts[0].phone.value);
	assert_string_equal(it->contacts[0].phone.key, "mayor.phone");
	line = checklist_contact_line(&it->contacts[0], 1);
	assert_string_equal(line, "Mayor — phone: to be filled in (vigie "
	    "profile set mayor.phone)");
	free(line);
	line = checklist_contact_line(&it->contacts[0], 0);
	assert_string_equal(line, "Mayor — phone: to be filled in");
	free(line);

	/* The profile names an insurer: the insurer step applies, with the
	 * contract's 48 hours, and the missing policy number shows. */
	it = item(&p, "insurer");
	assert_non_null(it);
	assert_int_equal(it->maybe, 0);
	assert_int_equal(it->deadline, in.t0 + 48 * 3600);
	for (j = 0; j < it->contacts[0].nfields; j++)
		assert_non_null(strstr(it->contacts[0].fields[j],
		    "to be filled in"));
	checklist_plan_free(&p);

	/* Said not insured: the insurer step goes. */
	in.cond[CL_INSURED] = CL_NO;
	checklist_plan(cl, &in, NULL, 0, s, commune, in.t0, &p, err);
	assert_null(item(&p, "insurer"));
	checklist_plan_free(&p);
	vg_store_close(s);
	free(path);
	checklist_free(cl);
}

/* The timeline in the store, read back by a second connection. */
static void
test_incident_store(void **state)
{
	struct vg_store *s, *s2;
	struct incident in, got;
	struct incident_event *ev;
	char err[VG_ERRLEN], *path = tu_path("incident.db");
	int64_t commune, id, cur, c2;
	int n;

	(void)state;
	if (vg_store_open(path, &s, err) == -1)
		fail_msg("%s", err);
	assert_int_equal(vg_commune_current(s, 1, &commune, err), 0);
	in = incident_at(1790000000, CL_UNKNOWN);
	in.commune = commune;
	in.what = "écran rouge";
	in.people = 1200;
	assert_int_equal(incident_open(s, &in, "Mme Dupont", &id, err), 0);
	assert_int_equal(incident_event_add(s, id, IEV_LOG, in.t0 + 60, NULL,
	    "appel au prestataire", NULL, err), 0);
	assert_int_equal(incident_event_add(s, id, IEV_DONE, in.t0 + 120,
	    "isolate", NULL, NULL, err), 0);
	in.id = id;
	in.cond[CL_PERSONAL_DATA] = CL_YES;
	assert_int_equal(incident_update(s, &in, NULL, err), 0);

	if (vg_store_open(path, &s2, err) == -1)
		fail_msg("%s", err);
	assert_int_equal(incident_select(s2, NULL, 0, &c2, &cur, err), 0);
	assert_int_equal(cur, id);
	assert_int_equal(c2, commune);
	assert_int_equal(incident_get(s2, id, &got, err), 0);
	assert_string_equal(got.what, "écran rouge");
	assert_int_equal(got.people, 1200);
	assert_int_equal(got.records, -1);
	assert_int_equal(got.cond[CL_PERSONAL_DATA], CL_YES);
	incident_clear(&got);
	assert_int_equal(incident_events(s2, id, &ev, &n, err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(ev[0].kind, IEV_OPEN);
	assert_string_equal(ev[0].author, "Mme Dupont");
	assert_int_equal(ev[1].kind, IEV_LOG);
	assert_string_equal(ev[1].text, "appel au prestataire");
	assert_int_equal(ev[2].kind, IEV_DONE);
	assert_int_equal(ev[3].kind, IEV_SET);
	assert_string_equal(ev[3].text, "personal-data=yes");
	assert_int_equal(incident_step_done(ev, n, "isolate"), in.t0 + 120);
	incident_events_free(ev, n);

	/* Closed: no longer current, still shown as the last one. */
	assert_int_equal(incident_event_add(s, id, IEV_CLOSE, in.t0 + 999,
	    NULL, NULL, NULL, err), 0);
	assert_int_equal(incident_current(s2, commune, 0, &cur, err), 0);
	assert_int_equal(cur, 0);
	assert_int_equal(incident_current(s2, commune, 1, &cur, err), 0);
	assert_int_equal(cur, id);
	assert_int_equal(incident_select(s2, "abc", 0, &c2, &cur, err), -1);
	assert_int_equal(incident_select(s2, "99", 0, &c2, &cur, err), -1);
	vg_store_close(s2);
	vg_store_close(s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_file),
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_deadlines_and_done),
		cmocka_unit_test(test_contacts_from_profile),
		cmocka_unit_test(test_incident_store),
	};

	setenv("VIGIE_DATA", "rules", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
