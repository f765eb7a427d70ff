/*
 * ecs.c — findings as Elastic Common Schema JSON Lines, one event per
 * finding, for a SIEM (Wazuh, OpenSearch, Elastic) that reads files with
 * its standard input. Field choices are in docs/formats/ecs.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/bundle.h"
#include "vigie/json.h"
#include "vigie/store.h"

/* ECS event.severity is a number: ours spread over 0-100. */
static int
ecs_severity(const char *sev)
{
	static const struct { const char *name; int n; } map[] = {
		{ "info", 1 }, { "low", 21 }, { "medium", 47 },
		{ "high", 73 }, { "critical", 99 },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(sev, map[i].name) == 0)
			return map[i].n;
	return 0;
}

/* Whether SOURCE is KIND or one of its parts ("scan.mail.spf"). */
static int
ecs_is(const char *source, const char *kind)
{
	return strncmp(source, kind, strlen(kind)) == 0;
}

/* event.category from the source module. */
static const char *
ecs_category(const char *source)
{
	if (ecs_is(source, VG_RUN_SCAN_FILES) ||
	    ecs_is(source, VG_RUN_SCAN_PROCESSES))
		return "malware";
	if (ecs_is(source, VG_RUN_SCAN_CONFIG))
		return "configuration";
	if (ecs_is(source, VG_RUN_SCAN_MAIL))
		return "email";
	return "host";
}

struct ecs_out {
	FILE	*fp;
	long	 n;
};

/* One finding as one event line. */
static int
ecs_event(const struct vg_finding_rec *f, const struct vg_finding_ctx *r,
    void *arg, char *err)
{
	struct ecs_out *o = arg;
	json_t *ev, *data;
	char *line;

	ev = json_pack("{s:s, s:{s:s, s:s, s:s, s:[s], s:[s], s:s,"
	    " s:i, s:o}, s:{s:s, s:s, s:s}, s:{s:s, s:o, s:o, s:s},"
	    " s:o, s:{s:s}}",
	    "@timestamp", f->time,
	    "event",
	      "kind", strcmp(f->status, "pass") == 0 ||
	        strcmp(f->status, "info") == 0 ? "state" : "alert",
	      "module", "vigie",
	      "dataset", f->source,
	      "category", ecs_category(f->source),
	      "type", "info",
	      "outcome", strcmp(f->status, "pass") == 0 ? "success" :
	        strcmp(f->status, "fail") == 0 ||
	        strcmp(f->status, "match") == 0 ? "failure" : "unknown",
	      "severity", ecs_severity(f->severity),
	      "id", json_sprintf("vigie-%lld", (long long)f->id),
	    "observer", "vendor", "vigie", "product", "vigie",
	      "version", VG_VERSION,
	    "rule", "id", f->ref,
	      "name", vg_json_str(f->title),
	      "description", vg_json_str(f->detail),
	      "category", f->source,
	    "message", vg_json_str(f->title ? f->title : f->ref),
	    "ecs", "version", "8.11.0");
	if (ev == NULL)
		fatal("out of memory (ECS event)");
	if (r->commune != NULL)
		json_object_set_new(ev, "organization", json_pack(
		    "{s:o, s:o}", "name", vg_json_str(r->commune),
		    "id", vg_json_str(r->insee)));
	data = f->data ? json_loads(f->data, 0, NULL) : NULL;
	json_object_set_new(ev, "vigie", json_pack(
	    "{s:s, s:s, s:o, s:o, s:{s:I, s:s}, s:o, s:o}",
	    "status", f->status, "severity", f->severity,
	    "subject", vg_json_str(f->subject),
	    "remediation", vg_json_str(f->remediation),
	    "run", "id", (json_int_t)r->run,
	      "kind", r->kind,
	    "lang", vg_json_str(f->lang),
	    "data", data ? data : json_null()));
	line = json_dumps(ev, JSON_COMPACT);
	json_decref(ev);
	if (line == NULL)
		fatal("out of memory (ECS event)");
	if (fprintf(o->fp, "%s\n", line) < 0) {
		free(line);
		vg_seterr(err, "cannot write the events");
		return -1;
	}
	free(line);
	o->n++;
	return 0;
}

long
vg_ecs_export(struct vg_store *s, int64_t commune, FILE *fp, char *err)
{
	struct ecs_out o = { fp, 0 };

	if (vg_findings_each(s, commune, ecs_event, &o, err) == -1)
		return -1;
	return o.n;
}
