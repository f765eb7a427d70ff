/*
 * dossier.h — the commune dossier (one document that brings the
 * questionnaire, the scans and incident readiness together for the
 * mayor) and the overview of every commune of a store (for an IT
 * contractor, an intercommunality or a CSIRT).
 */
#ifndef VIGIE_DOSSIER_H
#define VIGIE_DOSSIER_H

#include <stdint.h>

struct vg_store;
struct vg_doc;

struct vg_dossier_section;

/*
 * Write the dossier of COMMUNE to PATH ("-": stdout, not for odt) in
 * FORMAT: html, odt, md (doc.h) or json. The file is created 0600. What
 * the dossier showed is recorded in the store, so that the next one can
 * say what changed. SECTIONS (ended by NULL; module.h) are the parts
 * other modules add to incident readiness, in order: the program's list
 * is vg_dossier_sections (modules.c). Returns -1 with err set.
 */
int	dossier_write(struct vg_store *,
	    const struct vg_dossier_section *const *sections, int64_t commune,
	    const char *format, const char *path, char *err);

/* Write the overview of every commune of the store (same formats). */
int	overview_write(struct vg_store *, const char *format,
	    const char *path, char *err);

/* Write TEXT and a newline to PATH, created 0600, or to stdout ("-"). */
int	dossier_write_text(const char *path, const char *text, char *err);

/* The dossier table's schema (vigie/store.h; report/dossier.c), listed by
 * modules.c. */
struct vg_schema;
extern const struct vg_schema dossier_schema;

#endif
