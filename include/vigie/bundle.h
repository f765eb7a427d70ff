/*
 * bundle.h — one commune's data as a portable JSON bundle (`vigie
 * export`), merged into another store by `vigie import`, and findings as
 * Elastic Common Schema JSON Lines for SIEMs.
 *
 * A bundle is made of parts, one per module that owns data (profile,
 * scan runs and findings, assessments, incidents). Each part is a pair
 * of functions (struct vg_bundle_part, module.h) that its module
 * exports; the program lists them (vg_bundle_parts, modules.c) and
 * passes the list here: adding a module's data to bundles means one
 * struct in the module and one line in modules.c.
 */
#ifndef VIGIE_BUNDLE_H
#define VIGIE_BUNDLE_H

#include <stdint.h>
#include <jansson.h>

#include "vigie/store.h"

#define VG_BUNDLE_FORMAT	"vigie-bundle"
#define VG_BUNDLE_VERSION	1
/*
 * The largest bundle vigie writes or reads. A bundle is parsed whole
 * (its seal covers the whole text), which takes about 7 times its size in
 * memory: 64 MB keeps an import under half a gigabyte. A commune's real
 * bundle is far smaller (a few MB after years of scans).
 */
#define VG_BUNDLE_MAX		(64u << 20)

struct vg_bundle_part;

/* The parts report/bundle.c owns: the profile, and scan runs with their
 * findings. */
extern const struct vg_bundle_part bundle_profile_part;
extern const struct vg_bundle_part bundle_runs_part;

/*
 * Build the bundle of COMMUNE from PARTS (ended by NULL): a new
 * reference owned by the caller, with its "sha256" member: the SHA-256
 * of the bundle's canonical text (compact, keys sorted) without that
 * member.
 */
json_t	*vg_bundle_build(const struct vg_bundle_part *const *parts,
	    struct vg_store *, int64_t commune, char *err);

/*
 * Check BUNDLE (format, version, hash, commune, every part one of
 * PARTS) and merge it into the store in one transaction: everything or
 * nothing. *commune_name (owned by the caller) and *added report what
 * happened.
 */
int	 vg_bundle_merge(const struct vg_bundle_part *const *parts,
	    struct vg_store *, json_t *bundle, char **commune_name,
	    int *added, char *err);

/* vg_bundle_build() and vg_bundle_merge() with the program's parts,
 * vg_bundle_parts (modules.c). */
json_t	*vg_bundle_export(struct vg_store *, int64_t commune, char *err);
int	 vg_bundle_import(struct vg_store *, json_t *bundle,
	    char **commune_name, int *added, char *err);

/* The canonical hash of BUNDLE, ignoring its "sha256" member. */
void	 vg_bundle_hash(json_t *bundle, char hex[65]);

/*
 * Write the findings of COMMUNE (0: every commune) to FP as ECS JSON
 * Lines. Returns the number of lines or -1 with err set.
 */
long	 vg_ecs_export(struct vg_store *, int64_t commune, FILE *fp,
	    char *err);

#endif
