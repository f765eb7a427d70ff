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

/* event.category from the source module. */
static const char *
ecs_category(const char *source)
{
	if (strncmp(source, "scan.files", 10) == 0 ||
	    strncmp(source, "scan.processes", 14) == 0)
		return "malware";
	if (strncmp(source, "scan.config", 11) == 0)
		return "configuration";
	if (strncmp(source, "scan.mail", 9) == 0)
		return "email";
	return "host";
}

long
vg_ecs_export(struct vg_store *s, int64_t commune, FILE *fp, char *err)
{
	sqlite3_stmt *st;
	json_t *ev, *data;
	const char *status, *source;
	char *line;
	long n = 0;

	st = vg_store_prepare(s, "SELECT f.time, f.source, f.ref, f.status, "
	    "f.severity, f.subject, f.title, f.detail, f.remediation, f.data, "
	    "r.id, r.kind, c.name, p.value, f.id, f.lang "
	    "FROM finding f JOIN run r ON r.id = f.run_id "
	    "LEFT JOIN commune c ON c.id = r.commune_id "
	    "LEFT JOIN profile p ON p.commune_id = c.id AND p.key = 'insee' "
	    "WHERE ?1 = 0 OR r.commune_id = ?1 ORDER BY f.time, f.id", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, commune);
	while (sqlite3_step(st) == SQLITE_ROW) {
		status = vg_store_col(st, 3);
		source = vg_store_col(st, 1);
		ev = json_pack("{s:s, s:{s:s, s:s, s:s, s:[s], s:[s], s:s,"
		    " s:i, s:o}, s:{s:s, s:s, s:s}, s:{s:s, s:o, s:o, s:s},"
		    " s:o, s:{s:s}}",
		    "@timestamp", vg_store_col(st, 0),
		    "event",
		      "kind", strcmp(status, "pass") == 0 ||
		        strcmp(status, "info") == 0 ? "state" : "alert",
		      "module", "vigie",
		      "dataset", source,
		      "category", ecs_category(source),
		      "type", "info",
		      "outcome", strcmp(status, "pass") == 0 ? "success" :
		        strcmp(status, "fail") == 0 ||
		        strcmp(status, "match") == 0 ? "failure" : "unknown",
		      "severity", ecs_severity(vg_store_col(st, 4)),
		      "id", json_sprintf("vigie-%lld",
		        (long long)sqlite3_column_int64(st, 14)),
		    "observer", "vendor", "vigie", "product", "vigie",
		      "version", VG_VERSION,
		    "rule", "id", vg_store_col(st, 2),
		      "name", vg_json_str(vg_store_col(st, 6)),
		      "description", vg_json_str(vg_store_col(st, 7)),
		      "category", source,
		    "message", vg_json_str(vg_store_col(st, 6) ? vg_store_col(st, 6) : vg_store_col(st, 2)),
		    "ecs", "version", "8.11.0");
		if (ev == NULL)
			fatal("out of memory (ECS event)");
		if (vg_store_col(st, 12) != NULL)
			json_object_set_new(ev, "organization", json_pack(
			    "{s:o, s:o}", "name", vg_json_str(vg_store_col(st, 12)),
			    "id", vg_json_str(vg_store_col(st, 13))));
		data = vg_store_col(st, 9) ? json_loads(vg_store_col(st, 9), 0, NULL) : NULL;
		json_object_set_new(ev, "vigie", json_pack(
		    "{s:s, s:s, s:o, s:o, s:{s:I, s:s}, s:o, s:o}",
		    "status", status, "severity", vg_store_col(st, 4),
		    "subject", vg_json_str(vg_store_col(st, 5)),
		    "remediation", vg_json_str(vg_store_col(st, 8)),
		    "run", "id", (json_int_t)sqlite3_column_int64(st, 10),
		      "kind", vg_store_col(st, 11),
		    "lang", vg_json_str(vg_store_col(st, 15)),
		    "data", data ? data : json_null()));
		line = json_dumps(ev, JSON_COMPACT);
		json_decref(ev);
		if (line == NULL)
			fatal("out of memory (ECS event)");
		if (fprintf(fp, "%s\n", line) < 0) {
			free(line);
			vg_seterr(err, "cannot write the events");
			sqlite3_finalize(st);
			return -1;
		}
		free(line);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
