/*
 * yara-route.h — splitting a rule file so that the rules needing the
 * `pe` module run only on files where they can match (internal to scan/).
 *
 * libyara builds the whole `pe` module again for every file scanned
 * with rules that import it, even when the file is not a PE file at all;
 * on small files that is about half of the scan's CPU. A rule that uses
 * `pe` can only be true on a file that starts with "MZ" or on a file
 * where one of its strings matched, when its condition says so: those
 * rules are moved to a second set, scanned only on such files. The
 * analysis is conservative: whatever it does not recognise keeps the
 * whole file unsplit, so results never change (docs/scan-routing.md).
 */
#ifndef VIGIE_SCAN_YARA_ROUTE_H
#define VIGIE_SCAN_YARA_ROUTE_H

#include <stddef.h>

/* Part of the compiled-rules cache names: change it whenever the
 * pieces route_split() writes change, so stale splits are not reused. */
#define ROUTE_VERSION		"route-2"

/* Namespace of the prefilter rules (not a rule file name: no ".yar"). */
#define ROUTE_PREFILTER_NS	"(vigie prefilter)"

/*
 * The three pieces of one rule file. EVERY and PE keep the file's line
 * numbers (what is left out is blanked, newlines kept), so diagnostics
 * point at the right line of the original file.
 */
struct route_split {
	char	*every;		/* for every file: no `import "pe"` */
	size_t	 every_len;
	char	*pe;		/* only for MZ files or prefilter hits; NULL
				   when no rule uses pe */
	size_t	 pe_len;
	char	*prefilter;	/* rules "one of these strings matched", or
				   NULL when every moved rule needs MZ */
	size_t	 prefilter_len;
	int	 moved;		/* reported rules moved to PE */
};

/*
 * Split SRC (LEN bytes, one rule file). Returns 1 with *out filled (the
 * caller frees with route_split_free) when the file imports "pe" and
 * can be split: out->pe is NULL when no rule uses pe at all (the import
 * alone is dropped). Returns 0 when the file must be compiled as it is:
 * it does not import "pe", uses include or global rules, has a reported
 * rule using pe whose condition does not require an MZ header, a pe
 * value or one of its own strings, or is not understood.
 */
int	route_split(const char *src, size_t len, struct route_split *out);
void	route_split_free(struct route_split *);

#endif
