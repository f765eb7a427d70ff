/*
 * capture-run.h — the runner of `vigie respond capture`, private to
 * respond/: what the parent keeps of each step and each artifact while
 * the steps run (capture-run.c), read by the manifest
 * (capture-manifest.c) and the command's summary (cmd-capture.c).
 */
#ifndef VIGIE_RESPOND_CAPTURE_RUN_H
#define VIGIE_RESPOND_CAPTURE_RUN_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include <jansson.h>
#include <sqlite3.h>

#include "vigie/capture.h"

struct capture_run_art {
	char		*path;
	char		*source;
	char		 time[32];
	char		 sha256[65];
	uint64_t	 size;
	int		 partial;
	const char	*step;
};

struct capture_run_rec {
	const struct capture_step *step;
	const char	*status;	/* ok, failed, timeout, skipped */
	char		*reason;	/* why not ok, translated */
	char		 started[32];
	double		 seconds;
	int		 limit;
	int		 artifacts;
	uint64_t	 bytes;
	json_t		*warnings;	/* array of strings */
	uint64_t	 nwarnings;
	json_t		*stats;		/* object */
	char		**open;		/* artifacts opened, not closed */
	int		 nopen;
	pid_t		 pid;		/* the child that ran it */
};

struct capture_run {
	const struct capture_opts *o;
	int		 dirfd;
	struct capture_run_art	*arts;
	int		 narts;
	struct capture_run_rec	*steps;
	int		 nsteps;
	uint64_t	 bytes;
	sqlite3		*custody;
	const char	*actor;
	struct timespec	 t0;
};

/*
 * Run every selected step of capture_steps[] in order, each in a child
 * process with its time limit, CTX as what the steps see; fills
 * R->steps and R->arts (owned by R, freed by the caller) and writes one
 * custody entry per step. SIGINT, SIGTERM and SIGHUP kill the running
 * step's process group while it runs. Returns how many steps failed.
 */
int	capture_run_steps(struct capture_run *r, struct capture_ctx *ctx);

/* Seconds since SINCE (CLOCK_MONOTONIC). */
double	capture_run_elapsed(const struct timespec *since);
/* "4,2 Mo" in French, "4.2 MB" in English, into BUF. */
void	capture_run_size_text(uint64_t n, char *buf, size_t len);
/* "1,5 s" in French, "1.5 s" in English, into BUF. */
void	capture_run_seconds_text(double s, char *buf, size_t len);

#endif
