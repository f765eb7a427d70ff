/*
 * cmd-custody.c — `vigie respond custody DIR`: lists the custody log of
 * a capture and checks its chain (custody.c), or appends an entry (who
 * received the evidence, when, how it was stored) and prints the code to
 * write on the paper custody form.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/cmd.h"
#include "vigie/hash.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

static char *
default_actor(void)
{
	const char	*u = getenv("USER");

	if (u == NULL || *u == '\0')
		u = getenv("LOGNAME");
	if (u != NULL && *u != '\0')
		return xstrdup(u);
	return xasprintf("uid %u", (unsigned)getuid());
}

static int
cmd_respond_custody(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "add", required_argument, NULL, 'a' },
		{ "actor", required_argument, NULL, 'A' },
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct custody_entry	*e = NULL;
	struct custody_problem	*p = NULL;
	sqlite3			*db = NULL;
	const char		*add = NULL, *dir;
	char			*actor = NULL, err[VG_ERRLEN], head[65];
	json_t			*j, *arr;
	int			 c, rc, n = 0, np = 0, i, ret = VG_EXIT_ERROR;

	while ((c = getopt_long(argc, argv, "a:" VG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			add = optarg;
			break;
		case 'A':
			free(actor);
			actor = xstrdup(optarg);
			break;
		default:
			if ((rc = vg_opt_common(self, c, argv)) !=
			    VG_OPT_CONTINUE) {
				free(actor);
				return rc;
			}
		}
	}
	if (optind != argc - 1) {
		free(actor);
		return vg_usage_error(self, "%s", _("one capture folder "
		    "expected"));
	}
	dir = argv[optind];
	if (add != NULL && *add == '\0') {
		free(actor);
		return vg_usage_error(self, "%s", _("--add needs a text"));
	}
	if ((db = custody_open(dir, 0, add != NULL, err)) == NULL) {
		vg_warn("%s", err);
		goto out;
	}
	if (add != NULL) {
		if (actor == NULL)
			actor = default_actor();
		if (custody_add(db, actor, "note", "", "", add, head, err) ==
		    -1) {
			vg_warn("%s", err);
			goto out;
		}
	}
	if (custody_check(db, &e, &n, &p, &np, err) == -1) {
		vg_warn("%s", err);
		goto out;
	}
	ret = np > 0 ? VG_EXIT_FOUND : VG_EXIT_OK;
	if (vg_g.json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:I,"
			    " s:o, s:s, s:o, s:s, s:o, s:s, s:s}",
			    "seq", (json_int_t)e[i].seq, "time", e[i].time,
			    "mono_ns", (json_int_t)e[i].mono_ns,
			    "actor", vg_json_str(e[i].actor),
			    "action", e[i].action,
			    "object", vg_json_str(e[i].object),
			    "object_sha256", e[i].object_sha256,
			    "detail", vg_json_str(e[i].detail),
			    "prev", e[i].prev, "hash", e[i].hash));
		j = json_pack("{s:o, s:b, s:o, s:o}", "dir", vg_json_str(dir),
		    "intact", np == 0, "entries", arr, "problems",
		    json_array());
		for (i = 0; i < np; i++)
			json_array_append_new(json_object_get(j, "problems"),
			    json_pack("{s:I, s:s}", "seq", (json_int_t)p[i].seq,
			    "text", p[i].text));
		if (add != NULL)
			json_object_set_new(j, "added", json_string(head));
		vg_json_emit(j);
		goto out;
	}
	if (add == NULL) {
		for (i = 0; i < n; i++) {
			char *a = vg_term_clean(e[i].actor);
			char *d = vg_term_clean(e[i].detail);
			char *o = vg_term_clean(e[i].object);
			printf("%3lld  %s  %-16s %s\n", (long long)e[i].seq,
			    e[i].time, e[i].action, a);
			if (*o != '\0')
				printf("     %s %s\n", o, e[i].object_sha256);
			if (*d != '\0')
				printf("     %s\n", d);
			free(a);
			free(d);
			free(o);
		}
	} else {
		printf(_("Entry %d added to the custody log.\n"), n);
		printf(_("Write this on the paper custody form: %.16s\n"),
		    head);
	}
	for (i = 0; i < np; i++)
		printf(_("BROKEN: %s\n"), p[i].text);
	if (np == 0 && n > 0)
		printf(vg_ngettext("Chain intact: %d entry, last %.16s\n",
		    "Chain intact: %d entries, last %.16s\n", n), n,
		    e[n - 1].hash);
out:
	custody_entries_free(e, n);
	custody_problems_free(p, np);
	sqlite3_close(db);
	free(actor);
	return ret;
}

const struct vg_cmd cmd_respond_custody_entry = {
	.name = "respond custody",
	.usage = N_("DIR [--add TEXT [--actor NAME]]"),
	.summary = N_("show or extend the custody log of a capture"),
	.help = N_("Without --add, lists the entries of DIR/custody.db and "
	    "checks "
	    "their chain. With --add, appends an entry (who received the "
	    "evidence, when, how it was stored) and prints the code to "
	    "write on the paper custody form.\n"
	    "\n"
	    "  --add TEXT     the entry, e.g. \"handed to the gendarmerie of "
	    "..., officer ...\"\n"
	    "  --actor NAME   who writes it (default: the login name)\n"
	    "\n"
	    "Exit status: 0 chain intact, 1 chain broken, 2 error.\n"),
	.exec = cmd_respond_custody,
};
