/*
 * profile.c — the commune vigie works for and its profile: identity,
 * official address, and the contacts that `vigie respond` calls during an
 * incident. Values are validated against the key's type before storing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/store.h"
#include "vigie/util.h"

static const struct vg_profile_key keys[] = {
	{ "name", N_("Commune name"), VG_PT_TEXT },
	{ "insee", N_("INSEE code"), VG_PT_INSEE },
	{ "population", N_("Population"), VG_PT_INT },
	{ "email", N_("Official e-mail address"), VG_PT_EMAIL },
	{ "domain", N_("Mail domain"), VG_PT_TEXT },
	{ "mayor.name", N_("Mayor — name"), VG_PT_TEXT },
	{ "mayor.phone", N_("Mayor — phone"), VG_PT_PHONE },
	{ "mayor.email", N_("Mayor — e-mail"), VG_PT_EMAIL },
	{ "secretary.name", N_("Town hall secretary-general — name"), VG_PT_TEXT },
	{ "secretary.phone", N_("Town hall secretary-general — phone"), VG_PT_PHONE },
	{ "secretary.email", N_("Town hall secretary-general — e-mail"), VG_PT_EMAIL },
	{ "it_provider.name", N_("IT provider — name"), VG_PT_TEXT },
	{ "it_provider.phone", N_("IT provider — phone"), VG_PT_PHONE },
	{ "it_provider.email", N_("IT provider — e-mail"), VG_PT_EMAIL },
	{ "dpo.name", N_("Data protection officer (DPO) — name"), VG_PT_TEXT },
	{ "dpo.phone", N_("Data protection officer (DPO) — phone"), VG_PT_PHONE },
	{ "dpo.email", N_("Data protection officer (DPO) — e-mail"), VG_PT_EMAIL },
	{ "insurer.name", N_("Insurer — name"), VG_PT_TEXT },
	{ "insurer.phone", N_("Insurer — phone"), VG_PT_PHONE },
	{ "insurer.email", N_("Insurer — e-mail"), VG_PT_EMAIL },
	{ "insurer.policy", N_("Insurer — policy number"), VG_PT_TEXT },
	{ "insurer.deadline_hours",
	  N_("Insurer — hours allowed to declare a claim"), VG_PT_HOURS },
	{ "csirt.name", N_("Regional CSIRT — name"), VG_PT_TEXT },
	{ "csirt.phone", N_("Regional CSIRT — phone"), VG_PT_PHONE },
	{ "csirt.email", N_("Regional CSIRT — e-mail"), VG_PT_EMAIL },
	{ "police.name", N_("Local gendarmerie or police — name"), VG_PT_TEXT },
	{ "police.phone", N_("Local gendarmerie or police — phone"), VG_PT_PHONE },
	{ "police.email", N_("Local gendarmerie or police — e-mail"), VG_PT_EMAIL },
	{ "epci.name", N_("Intercommunality — name"), VG_PT_TEXT },
	{ "epci.phone", N_("Intercommunality — phone"), VG_PT_PHONE },
	{ "epci.email", N_("Intercommunality — e-mail"), VG_PT_EMAIL },
	{ "prefecture.name", N_("Prefecture — name"), VG_PT_TEXT },
	{ "prefecture.phone", N_("Prefecture — phone"), VG_PT_PHONE },
	{ "prefecture.email", N_("Prefecture — e-mail"), VG_PT_EMAIL },
};

const struct vg_profile_key *
vg_profile_keys(int *n)
{
	*n = (int)(sizeof keys / sizeof keys[0]);
	return keys;
}

const struct vg_profile_key *
vg_profile_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

/* ---- Values ------------------------------------------------------- */

static int
valid_email(const char *v)
{
	const char *at, *p;

	if ((at = strchr(v, '@')) == NULL || at == v || strchr(at + 1, '@'))
		return 0;
	if (strchr(at + 1, '.') == NULL || at[1] == '.' ||
	    v[strlen(v) - 1] == '.')
		return 0;
	for (p = v; *p != '\0'; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return 0;
	return 1;
}

static int
valid_phone(const char *v)
{
	int digits = 0;

	if (*v == '+')
		v++;
	for (; *v != '\0'; v++) {
		if (isdigit((unsigned char)*v))
			digits++;
		else if (strchr(" .-()", *v) == NULL)
			return 0;
	}
	return digits >= 3 && digits <= 20;
}

static int
valid_int(const char *v, long max)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*v))
		return 0;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 && n <= max;
}

static int
valid_date(const char *v)
{
	struct tm tm;
	const char *end;
	int y, m, d;

	memset(&tm, 0, sizeof tm);
	if (strlen(v) != 10 || (end = strptime(v, "%Y-%m-%d", &tm)) == NULL ||
	    *end != '\0')
		return 0;
	/* strptime accepts 2026-02-31: check the day really exists. */
	y = tm.tm_year; m = tm.tm_mon; d = tm.tm_mday;
	tm.tm_isdst = -1;
	timegm(&tm);
	return tm.tm_year == y && tm.tm_mon == m && tm.tm_mday == d;
}

static int
valid_insee(const char *v)
{
	if (strlen(v) != 5)
		return 0;
	if (v[0] == '2' && (v[1] == 'A' || v[1] == 'B'))
		return isdigit((unsigned char)v[2]) &&
		    isdigit((unsigned char)v[3]) && isdigit((unsigned char)v[4]);
	return strspn(v, "0123456789") == 5;
}

/* Check VALUE for KEY; err explains what is expected. */
static int
profile_check(const struct vg_profile_key *k, const char *v, char *err)
{
	int ok = 1;
	const char *want = NULL;

	if (!vg_utf8_valid(v, strlen(v)) || strlen(v) > 500) {
		vg_seterr(err, _("%s: the value must be UTF-8 text of at most "
		    "500 bytes"), k->key);
		return -1;
	}
	switch (k->type) {
	case VG_PT_TEXT:
		for (const char *p = v; *p != '\0'; p++)
			if (iscntrl((unsigned char)*p))
				ok = 0;
		want = _("text without control characters");
		break;
	case VG_PT_INSEE:
		ok = valid_insee(v);
		want = _("5 characters: digits, or 2A/2B then 3 digits "
		    "(e.g. 35238)");
		break;
	case VG_PT_INT:
		ok = valid_int(v, 100000000);
		want = _("a whole number");
		break;
	case VG_PT_EMAIL:
		ok = valid_email(v);
		want = _("an e-mail address (name@domain.fr)");
		break;
	case VG_PT_PHONE:
		ok = valid_phone(v);
		want = _("a phone number (digits, spaces, +, dots, dashes)");
		break;
	case VG_PT_DATE:
		ok = valid_date(v);
		want = _("a date YYYY-MM-DD");
		break;
	case VG_PT_HOURS:
		ok = valid_int(v, 24 * 366) && atoi(v) > 0;
		want = _("a number of hours (e.g. 72)");
		break;
	}
	if (!ok) {
		vg_seterr(err, _("%s: '%s' is not valid: expected %s"), k->key,
		    v, want);
		return -1;
	}
	return 0;
}

/* ---- The commune -------------------------------------------------- */

static int
commune_by_name(struct vg_store *s, const char *name, int64_t *id, char *err)
{
	sqlite3_stmt *st;
	int rc;

	st = vg_store_prepare(s, "SELECT id FROM commune WHERE name = ?1",
	    err);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		vg_store_seterr(s, err, "cannot read communes");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
vg_profile_check(const char *key, const char *value, char *err)
{
	const struct vg_profile_key *k;
	const char *p;

	if ((k = vg_profile_key(key)) == NULL) {
		vg_seterr(err, _("unknown profile key '%s' (see 'vigie profile "
		    "show')"), key);
		return -1;
	}
	if (strcmp(key, "name") == 0) {
		for (p = value; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0') {
			vg_seterr(err, _("name: a commune cannot be unnamed"));
			return -1;
		}
	}
	return *value != '\0' ? profile_check(k, value, err) : 0;
}

static int
commune_create(struct vg_store *s, const char *name, int64_t *id, char *err)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	/* Every way in (--commune, profile set name, a bundle) checks the
	 * name with the one validator. */
	if (name != NULL && vg_profile_check("name", name, err) == -1)
		return -1;
	vg_time_iso(time(NULL), now);
	st = vg_store_prepare(s,
	    "INSERT INTO commune (name, created) VALUES (?1, ?2)", err);
	if (st == NULL)
		return -1;
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot create the commune");
		return -1;
	}
	*id = sqlite3_last_insert_rowid(vg_store_db(s));
	return 0;
}

static int
commune_make_current(struct vg_store *s, int64_t id, char *err)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)id);
	return vg_store_exec(s, err, "INSERT INTO meta (key, value) "
	    "VALUES ('current_commune', ?1) ON CONFLICT (key) DO UPDATE "
	    "SET value = excluded.value", v, (char *)NULL);
}

int
vg_commune_choose(struct vg_store *s, const char *name, int create,
    int64_t *id, char *err)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if (name != NULL) {
		if ((rc = commune_by_name(s, name, id, err)) != 0)
			return rc == 1 ? 0 : -1;
		if (!create) {
			vg_seterr(err, _("no commune named '%s' in %s (see "
			    "'vigie profile show')"), name, vg_store_path(s));
			return -1;
		}
		if (commune_create(s, name, id, err) == -1)
			return -1;
		return commune_make_current(s, *id, err);
	}

	/* The current one, if it still exists. */
	st = vg_store_prepare(s, "SELECT c.id FROM meta m JOIN commune c ON "
	    "c.id = CAST(m.value AS INTEGER) WHERE m.key = 'current_commune'",
	    err);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;

	st = vg_store_prepare(s, "SELECT id FROM commune", err);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	if (n == 1)
		return 0;
	if (n > 1) {
		vg_seterr(err, _("%s holds several communes: choose one with "
		    "--commune NAME"), vg_store_path(s));
		return -1;
	}
	if (!create) {
		vg_seterr(err, _("no commune yet in %s: start with 'vigie "
		    "profile set name \"Your commune\"'"), vg_store_path(s));
		return -1;
	}
	if (commune_create(s, NULL, id, err) == -1)
		return -1;
	return commune_make_current(s, *id, err);
}

/* ---- Reading and writing ------------------------------------------ */

int
vg_profile_get(struct vg_store *s, int64_t commune, const char *key,
    char **value, char *err)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc;

	*value = NULL;
	if (vg_profile_key(key) == NULL) {
		vg_seterr(err, _("unknown profile key '%s' (see 'vigie profile "
		    "show')"), key);
		return -1;
	}
	if (strcmp(key, "name") == 0)
		st = vg_store_prepare(s, "SELECT name FROM commune "
		    "WHERE id = ?1", err);
	else
		st = vg_store_prepare(s, "SELECT value FROM profile "
		    "WHERE commune_id = ?1 AND key = ?2", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	if (strcmp(key, "name") != 0)
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (v = sqlite3_column_text(st, 0)) != NULL)
		*value = xstrdup((const char *)v);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		vg_store_seterr(s, err, "cannot read the profile");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
vg_profile_set(struct vg_store *s, int64_t commune, const char *key,
    const char *value, char *err)
{
	const struct vg_profile_key *k;
	sqlite3_stmt *st;
	char now[32], id[32];
	int rc;

	if ((k = vg_profile_key(key)) == NULL || vg_profile_check(key, value,
	    err) == -1)
		return -1;
	vg_time_iso(time(NULL), now);
	snprintf(id, sizeof id, "%lld", (long long)commune);

	if (strcmp(key, "name") == 0) {
		int64_t other;

		if (*value == '\0') {
			vg_seterr(err, _("name: a commune cannot be unnamed"));
			return -1;
		}
		if ((rc = commune_by_name(s, value, &other, err)) == -1)
			return -1;
		if (rc == 1 && other != commune) {
			vg_seterr(err, _("name: another commune in this store "
			    "is already called '%s'"), value);
			return -1;
		}
		st = vg_store_prepare(s, "UPDATE commune SET name = ?1 "
		    "WHERE id = ?2", err);
		if (st == NULL)
			return -1;
		sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, commune);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			vg_store_seterr(s, err, "cannot rename the commune");
			return -1;
		}
		return 0;
	}
	if (*value == '\0')
		return vg_store_exec(s, err, "DELETE FROM profile WHERE "
		    "commune_id = ?1 AND key = ?2", id, key, (char *)NULL);
	return vg_store_exec(s, err, "INSERT INTO profile (commune_id, key, "
	    "value, updated) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
	    "(commune_id, key) DO UPDATE SET value = excluded.value, "
	    "updated = excluded.updated", id, key, value, now, (char *)NULL);
}

/* ---- Schema ------------------------------------------------------- */

/*
 * The store's settings (meta), the communes and their profiles.
 * Steps that have shipped are never edited (see vigie/store.h).
 */
static const struct vg_schema_step vg_profile_schema_steps[] = {
	{ 1,
	    "CREATE TABLE meta ("
	    "  key TEXT PRIMARY KEY,"
	    "  value TEXT NOT NULL);"
	    "CREATE TABLE commune ("
	    "  id INTEGER PRIMARY KEY,"
	    "  name TEXT UNIQUE,"
	    "  created TEXT NOT NULL);"
	    "CREATE TABLE profile ("
	    "  commune_id INTEGER NOT NULL"
	    "    REFERENCES commune(id) ON DELETE CASCADE,"
	    "  key TEXT NOT NULL,"
	    "  value TEXT NOT NULL,"
	    "  updated TEXT NOT NULL,"
	    "  PRIMARY KEY (commune_id, key));" },
	{ 0, NULL }
};
const struct vg_schema vg_profile_schema = {
	"core", vg_profile_schema_steps
};
