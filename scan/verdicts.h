/*
 * verdicts.h — the verdicts shared between the commune's machines
 * (`vigie scan files --shared-verdicts`, internal to scan/): what a rule
 * set said of a content, keyed by the content's SHA-256, the rule set
 * (its digest and scan mode, libyara's version included) and the values
 * of the externals the rules read. Kept in the store (table
 * scan_verdict) and carried by the commune's bundle (part
 * "scan_verdicts"), so that the second and later PCs of a visit read
 * and hash their files but scan only what no machine scanned yet.
 */
#ifndef VIGIE_SCAN_VERDICTS_H
#define VIGIE_SCAN_VERDICTS_H

#include <stdint.h>

#include "vigie/store.h"

struct verdicts;

/*
 * Load the verdicts of rule set RULES from STORE (which must outlive
 * them). NULL with err set on a store error.
 */
struct verdicts	*verdicts_open(struct vg_store *, const char *rules,
		    char *err);
void		 verdicts_free(struct verdicts *);

/*
 * Whether a verdict is known for SHA256 (hex) with the externals' key
 * EXT (hex or ""): 1 and *matches (JSON [["ns","rule"],...] or NULL for
 * none; owned by the table) or 0. Read-only: safe from any thread while
 * puts are queued and written.
 */
int		 verdicts_get(const struct verdicts *, const char *sha256,
		    const char *ext, const char **matches);

/* Queue a new verdict (copied); written by verdicts_write() inside the
 * transaction of the scan's one writer. */
void		 verdicts_put(struct verdicts *, const char *sha256,
		    const char *ext, int64_t size, const char *matches);
size_t		 verdicts_pending(const struct verdicts *);
int		 verdicts_write(struct verdicts *, char *err);

#endif
