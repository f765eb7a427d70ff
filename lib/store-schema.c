/*
 * store-schema.c — the order in which the store applies the modules'
 * schemas (see vigie/store.h). The tables themselves are defined beside
 * the code that owns them; docs/formats/store.md describes them. Adding a
 * module that owns tables: define its `const struct vg_schema` in its
 * folder and add one line here (new modules at the end).
 */
#include "vigie/vigie.h"
#include "vigie/store.h"

extern const struct vg_schema vg_profile_schema;	/* lib/profile.c */
extern const struct vg_schema vg_findings_schema;	/* lib/findings.c */
extern const struct vg_schema scancache_schema;		/* scan/scancache.c */
extern const struct vg_schema verdicts_schema;		/* scan/verdicts.c */
extern const struct vg_schema record_schema;		/* assess/record.c */
extern const struct vg_schema dossier_schema;		/* report/dossier.c */
extern const struct vg_schema incident_schema;		/* respond/incident.c */

/*
 * The versions so far: 1 core and findings, 2 scan cache, 3 assess,
 * 4 dossier, 5 incidents, 6 scan cache keyed by path and shared verdicts.
 */
const struct vg_schema *const vg_store_schemas[] = {
	&vg_profile_schema,
	&vg_findings_schema,
	&scancache_schema,
	&verdicts_schema,
	&record_schema,
	&dossier_schema,
	&incident_schema,
	NULL
};
