/*
 * cmd-profile.c — `vigie profile show` and `vigie profile set`: the
 * commune profile from the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* Parse the common options only; returns VG_OPT_CONTINUE or an exit. */
static int
profile_opts(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = vg_opt_common(self, c, argv)) != VG_OPT_CONTINUE)
			return rc;
	return VG_OPT_CONTINUE;
}

static int
commune_count(struct vg_store *s, int *n, char *err)
{
	sqlite3_stmt *st;

	if ((st = vg_store_prepare(s, "SELECT count(*) FROM commune",
	    err)) == NULL)
		return -1;
	*n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

static void
show_text(const struct vg_profile_key *keys, int nkeys, char **values,
    const char *path)
{
	int i, missing = 0, pad;

	printf(_("Commune profile (%s)\n\n"), path);
	for (i = 0; i < nkeys; i++) {
		const char *label = _(keys[i].label);
		char *v = values[i] ? vg_term_clean(values[i]) : NULL;

		pad = 44 - vg_text_width(label);
		printf("  %s%*s %s\n", label, pad > 0 ? pad : 0, "",
		    v ? v : _("(to fill in)"));
		if (v == NULL) {
			printf("  %*s [%s]\n", 44, "", keys[i].key);
			missing++;
		}
		free(v);
	}
	if (missing > 0)
		printf(vg_ngettext("\n%d value to fill in, with: vigie profile "
		    "set KEY VALUE (KEY in brackets above)\n", "\n%d values to "
		    "fill in, with: vigie profile set KEY VALUE (KEY in brackets "
		    "above)\n", (unsigned long)missing), missing);
}

static int
cmd_profile_show(const struct vg_cmd *self, int argc, char **argv)
{
	const struct vg_profile_key *keys;
	struct vg_store *s = NULL;
	char err[VG_ERRLEN], **values = NULL;
	int64_t id = 0;
	int rc, i, nkeys, ncommunes;
	json_t *o;

	if ((rc = profile_opts(self, argc, argv)) != VG_OPT_CONTINUE)
		return rc;
	if (optind != argc)
		return vg_usage_error(self, _("unexpected argument '%s'"),
		    argv[optind]);
	keys = vg_profile_keys(&nkeys);
	values = xcalloc((size_t)nkeys, sizeof *values);
	rc = VG_EXIT_ERROR;
	if (vg_store_open(NULL, &s, err) == -1)
		goto fail;
	if (commune_count(s, &ncommunes, err) == -1)
		goto fail;
	if ((ncommunes > 0 || vg_g.commune != NULL) &&
	    vg_commune_current(s, 0, &id, err) == -1)
		goto fail;
	for (i = 0; id != 0 && i < nkeys; i++)
		if (vg_profile_get(s, id, keys[i].key, &values[i], err) == -1)
			goto fail;

	if (vg_g.json) {
		json_t *p = json_object();

		for (i = 0; i < nkeys; i++)
			json_object_set_new(p, keys[i].key,
			    vg_json_str(values[i]));
		o = json_pack("{s:o, s:o}", "id",
		    id ? json_integer(id) : json_null(), "profile", p);
		vg_json_emit_pretty(o);
	} else {
		if (id == 0)
			printf(_("No commune yet in %s. Start with:\n  vigie "
			    "profile set name \"Your commune\"\n\n"),
			    vg_store_path(s));
		show_text(keys, nkeys, values, vg_store_path(s));
	}
	rc = VG_EXIT_OK;
	goto out;
fail:
	vg_warn("%s", err);
out:
	for (i = 0; values != NULL && i < nkeys; i++)
		free(values[i]);
	free(values);
	vg_store_close(s);
	return rc;
}

const struct vg_cmd cmd_profile_show_entry = {
	.name = "profile show",
	.usage = N_("[--json]"),
	.summary = N_("show the commune profile and its contacts"),
	.help = N_("Shows every value of the commune profile: identity, "
	    "official address, and the contacts vigie respond calls during an "
	    "incident. Values not yet filled in are shown as such.\n"),
	.exec = cmd_profile_show,
};

static int
cmd_profile_set(const struct vg_cmd *self, int argc, char **argv)
{
	struct vg_store *s = NULL;
	char err[VG_ERRLEN];
	const char *key, *value;
	int64_t id;
	int rc;

	if ((rc = profile_opts(self, argc, argv)) != VG_OPT_CONTINUE)
		return rc;
	if (argc - optind != 2)
		return vg_usage_error(self, "%s", argc - optind < 2 ?
		    _("KEY and VALUE are needed") : _("too many arguments"));
	key = argv[optind];
	value = argv[optind + 1];
	if (vg_profile_key(key) == NULL)
		return vg_usage_error(self, _("unknown key '%s' ('vigie "
		    "profile show' lists them)"), key);

	if (vg_store_open(NULL, &s, err) == -1)
		goto fail;
	if (vg_store_begin(s, err) == -1)
		goto fail;
	if (vg_commune_current(s, 1, &id, err) == -1 ||
	    vg_profile_set(s, id, key, value, err) == -1 ||
	    vg_store_commit(s, err) == -1) {
		vg_store_rollback(s);
		goto fail;
	}
	if (vg_g.json)
		vg_json_emit(json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id,
		    "key", key, "value", *value ? vg_json_str(value) :
		    json_null()));
	else if (!vg_g.quiet)
		printf(*value ? _("%s saved.\n") : _("%s removed.\n"),
		    _(vg_profile_key(key)->label));
	vg_store_close(s);
	return VG_EXIT_OK;
fail:
	vg_warn("%s", err);
	vg_store_close(s);
	return VG_EXIT_ERROR;
}

const struct vg_cmd cmd_profile_set_entry = {
	.name = "profile set",
	.usage = N_("KEY VALUE"),
	.summary = N_("set one value of the commune profile"),
	.help = N_("Sets KEY to VALUE after checking it (an INSEE code has 5 "
	    "characters, a phone number digits...). An empty VALUE removes "
	    "it. 'vigie profile show' lists the keys. The first 'profile "
	    "set' creates the commune in the store; with --commune NAME "
	    "another commune is created or chosen.\n"
	    "\n"
	    "Example: vigie profile set mayor.phone \"02 99 00 00 00\"\n"),
	.exec = cmd_profile_set,
};
