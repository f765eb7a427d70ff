/*
 * module.h — what a feature (assess/, scan/, respond/...) implements to
 * plug its data into the program's shared documents, without knowing
 * who reads them: a part of the commune bundle (`vigie export` /
 * `import`), a section of the commune dossier (`vigie report
 * --dossier`), and a mode of the home screen. Each feature exports its structs through its own header
 * (assess.h, scan.h, incident.h); the program lists them (modules.c)
 * and hands the lists to report/, which never names a feature.
 */
#ifndef VIGIE_MODULE_H
#define VIGIE_MODULE_H

#include <stdint.h>
#include <jansson.h>

struct vg_store;
struct vg_doc;

/* One part of the commune bundle (docs/formats/bundle.md). */
struct vg_bundle_part {
	const char	*name;	/* key under "parts" */
	/*
	 * Return the commune's data as a new JSON value (the caller owns
	 * the reference), or NULL with err set.
	 */
	json_t	*(*export)(struct vg_store *, int64_t commune, char *err);
	/*
	 * Merge VALUE (borrowed) into the store for COMMUNE, inside the
	 * caller's transaction. Must be idempotent: what is already there
	 * (same natural key) is left alone. Adds to *added the number of
	 * records written. Returns -1 with err naming the JSON path of what
	 * is wrong ("runs[3].findings[0].status: ...").
	 */
	int	 (*import)(struct vg_store *, int64_t commune, json_t *value,
		    int *added, char *err);
};

/* One section of the commune dossier, after the report's own ones. */
struct vg_dossier_section {
	const char	*name;	/* what it is about, for messages */
	/*
	 * Append the section for COMMUNE to DOC (headings included).
	 * Returns 0, or -1 with err set (the dossier is then not written).
	 */
	int	(*write)(struct vg_store *, int64_t commune, struct vg_doc *,
		    char *err);
};

/* A full-screen mode the home screen opens ("Incident in progress"). */
struct vg_home_mode {
	const char	*name;
	/* Run the screens on the terminal; returns an exit code. */
	int	(*run)(struct vg_store *);
};

/*
 * The program's lists (modules.c), each ended by NULL. Commands read
 * them and pass them on (report's commands, the home screen's command);
 * library functions take them as parameters.
 */
extern const struct vg_bundle_part *const vg_bundle_parts[];
extern const struct vg_dossier_section *const vg_dossier_sections[];
extern const struct vg_home_mode *const vg_home_modes[];

#endif
