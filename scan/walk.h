/*
 * walk.h — the directory walker of `vigie scan files` (internal to
 * scan/): depth first, names in byte order, one fstatat per entry,
 * paths of any length (every call is relative to an open folder).
 */
#ifndef VIGIE_SCAN_WALK_H
#define VIGIE_SCAN_WALK_H

#include <sys/stat.h>
#include <sys/types.h>

enum walk_kind {
	WALK_FILE,	/* a regular file to scan */
	WALK_DIR,	/* entering a folder (for progress) */
	WALK_SKIP,	/* not scanned, for REASON */
	WALK_ERROR,	/* could not be read: ERRNO during WHAT */
};

enum walk_reason {
	WALK_R_SYMLINK,		/* symbolic link, not followed */
	WALK_R_SPECIAL,		/* FIFO, socket, device */
	WALK_R_EXCLUDED,	/* --exclude */
	WALK_R_OTHERFS,		/* another file system, no --cross-fs */
	WALK_R_PSEUDOFS,	/* /proc, /sys and the like */
	WALK_R_LOOP,		/* folder already on the path or seen */
	WALK_R_DEPTH,		/* deeper than WALK_MAXDEPTH */
	WALK_R_OWN,		/* vigie's own rules */
	WALK_R_TOOBIG,		/* --max-size (decided by the engine) */
	WALK_R_DANGLING,	/* followed link to nothing */
	WALK_R_COUNT
};
#define WALK_MAXDEPTH	512

struct walk_entry {
	enum walk_kind	 kind;
	enum walk_reason reason;
	int		 err;		/* errno for WALK_ERROR */
	const char	*what;		/* N_() step that failed */
	int		 dirfd;		/* folder holding NAME, valid during
					   the callback only */
	const char	*name;
	const char	*path;		/* full path for display */
	struct stat	 st;		/* of the file (target if followed) */
	int		 followed;	/* reached through a symbolic link */
	int		 root;		/* the entry is a root as given */
};

struct walk_opts {
	const char    **excludes;
	int		nexcludes;
	int		follow;		/* follow symbolic links */
	int		cross_fs;
	const dev_t    *own_dev;	/* folders never entered unless */
	const ino_t    *own_ino;	/* given as a root */
	int		nown;
	/* Called for every entry; return -1 to stop the walk. */
	int	      (*cb)(void *arg, const struct walk_entry *);
	void	       *arg;
	volatile int   *stop;		/* set by another thread to stop */
};

/*
 * Walk ROOTS in order. Roots that are files are passed as files (a root
 * given as a symbolic link is followed, like the yara CLI). Returns 0,
 * or -1 if the callback asked to stop.
 */
int	walk_run(const struct walk_opts *, const char *const *roots,
	    int nroots);

/* Whether GLOB excludes the entry NAME at PATH (see --exclude). */
int	walk_excluded(const struct walk_opts *, const char *name,
	    const char *path);

#endif
