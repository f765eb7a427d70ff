/*
 * modules.c — the program's lists of what features plug into the
 * documents report/ builds: the parts of a commune bundle (`vigie
 * export` / `import`) and the sections of the commune dossier, and the
 * modes the home screen opens; and the schemas of the store's tables,
 * which lib/store.c applies. report/ receives these lists and never
 * names a feature; each feature exports its struct (module.h) through its
 * own header.
 *
 * Adding a bundle part: write its `const struct vg_bundle_part` in the
 * module that owns the data (copy respond/incident-bundle.c), declare it
 * in the module's header, add one line to vg_bundle_parts. A dossier
 * section: the same with a `const struct vg_dossier_section` (copy the
 * end of respond/incident-dossier.c) and vg_dossier_sections.
 *
 * In libvigie.a (unlike the command table, cmd.c) because the library's
 * own tests import bundles with every part (tests/fuzz/fuzz-bundle.c)
 * and open stores, which need every table's schema.
 */
#include <stddef.h>

#include "vigie/base.h"
#include "vigie/assess.h"
#include "vigie/bundle.h"
#include "vigie/dossier.h"
#include "vigie/incident.h"
#include "vigie/module.h"
#include "vigie/scan.h"
#include "vigie/store.h"

/*
 * The store's tables, in the order their migration steps run (see
 * vigie/store.h). Versions so far: 1 core and findings, 2 scan cache,
 * 3 assess, 4 dossier, 5 incidents, 6 scan cache keyed by path and shared
 * verdicts. A module that owns tables defines its schema beside its code
 * and adds one line here (new modules at the end); the order of the
 * existing lines never changes (e2e/0016).
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

/* In the order of a bundle's "parts" (export writes them in this order). */
const struct vg_bundle_part *const vg_bundle_parts[] = {
	&bundle_profile_part,
	&bundle_runs_part,
	&assess_bundle_part,
	&incident_bundle_part,
	&scan_verdicts_bundle_part,
	NULL
};

/* Appended, in this order, to the dossier's incident readiness. */
const struct vg_dossier_section *const vg_dossier_sections[] = {
	&incident_dossier_section,
	NULL
};

/* The first one is the home screen's "Incident in progress". */
const struct vg_home_mode *const vg_home_modes[] = {
	&incident_home_mode,
	NULL
};

json_t *
vg_bundle_export(struct vg_store *s, int64_t commune, char *err)
{
	return vg_bundle_build(vg_bundle_parts, s, commune, err);
}

int
vg_bundle_import(struct vg_store *s, json_t *bundle, char **commune_name,
    int *added, char *err)
{
	return vg_bundle_merge(vg_bundle_parts, s, bundle, commune_name, added,
	    err);
}
