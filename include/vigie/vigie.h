/*
 * vigie.h — the options of the command line that every command accepts
 * (vg_g), for the commands and the program. The rest of what every
 * file needs is base.h, which this includes.
 */
#ifndef VIGIE_VIGIE_H
#define VIGIE_VIGIE_H

#include "vigie/base.h"

/* Options that every command accepts, set once by the command line. */
struct vg_global {
	const char	*db;		/* --db PATH, else VIGIE_DB, else NULL */
	const char	*commune;	/* --commune NAME, else NULL */
	int		 json;		/* --json */
	int		 quiet;		/* --quiet */
	int		 argc;		/* the whole command line, for manifests */
	char	       **argv;
};
extern struct vg_global vg_g;

struct vg_store;
/*
 * The commune the command works on: the one named --commune
 * (vg_g.commune) if given, else the only one or the current one (see
 * vg_commune_choose() in store.h). With CREATE, a missing commune is
 * created. Returns -1 with err set if none can be chosen. (options.c)
 */
int	vg_commune_current(struct vg_store *, int create, int64_t *id,
	    char *err);

#endif
