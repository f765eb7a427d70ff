/*
 * collect.h — vigie-collect.exe, the Windows collector (issue 14): the
 * shared state of collect.c (options, output, artifacts, sealing) and
 * steps.c (what each step reads through the Win32 API).
 */
#ifndef VIGIE_COLLECT_H
#define VIGIE_COLLECT_H

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>

#include "regfmt.h"

#define VC_VERSION	"0.1.0"

/* Text in French or English (--lang), both given at the call. */
extern int vc_english;
#define M(fr, en)	(vc_english ? (en) : (fr))
/* U+00A0, before « : ; ? ! » in French. */
#define NB		"\xc2\xa0"
/* ":" after a label: with U+00A0 before it in French. */
#define CO		(vc_english ? ":" : NB ":")

enum vc_status { VC_OK, VC_FAILED, VC_TIMEOUT, VC_UNSUPPORTED, VC_SKIPPED };

struct vc_step {
	const char	*name;
	const char	*folder;
	int		(*run)(struct vc_step *);
	DWORD		 limit_s;	/* time limit */
	/* Set by the runner and the step. */
	enum vc_status	 status;
	char		 reason[512];	/* set by the runner */
	char		 sreason[512];	/* set by the step's thread */
	char		 started[32];
	double		 seconds;
	int		 artifacts;
	uint64_t	 bytes;
	struct rbuf	 warnings;	/* JSON objects, comma-separated */
	int		 nwarnings;
	int		 nunsupported;
	struct rbuf	 stats;		/* JSON members, comma-separated */
	volatile LONG	 closed;	/* time limit passed: writes refused */
};

/* Options the steps read. */
extern int vc_full;		/* --profile full */
extern int vc_admin;		/* running elevated */

/*
 * Write artifact PATH (relative to the output folder, '/' separated,
 * created beneath it only) with DATA; hashed as written, listed in the
 * manifest with SOURCE. -1 with a warning when it cannot be written or
 * the step's time is up.
 */
int	vc_artifact(struct vc_step *, const char *path, const void *data,
	    size_t len, const char *source);
/* A warning of the step: ITEM could not be read because of CAUSE. */
void	vc_warn(struct vc_step *, const char *item, const char *cause);
/* ITEM is not supported by this system (API missing or a stub). */
void	vc_unsupported(struct vc_step *, const char *item, const char *api,
	    DWORD error);
/* "error N: text" for a Win32 error code ("HRESULT 0x...", "NTSTATUS
 * 0x..." for those), in UTF-8 (a buffer of the calling thread). */
const char *vc_strerror(DWORD);
/* Whether E means the API is not there or not implemented. */
int	vc_is_unsupported(DWORD e);
/* Wide string to UTF-8 (malloc'd; "" for NULL). */
char	*vc_utf8(const WCHAR *);
/* UTF-8 to wide string (malloc'd). */
WCHAR	*vc_wide(const char *);
/* JSON string of a wide string / of UTF-8. */
void	vc_json_w(struct rbuf *, const WCHAR *);
void	vc_json_s(struct rbuf *, const char *);
/* ISO 8601 UTC of a FILETIME ("" when zero). */
void	vc_iso(const FILETIME *, char out[32]);
/* SHA-256 of a file, hex; -1 with the cause in CAUSE. */
int	vc_hash_file(const WCHAR *path, uint64_t max, char hex[65],
	    uint64_t *size, char *cause, size_t causelen);

/* Authenticode (sign.c): append the JSON of PATH's embedded signature. */
void	vc_authenticode(struct rbuf *, const WCHAR *path);
/* Whether an exe runs from a folder users can write to. */
int	vc_suspicious_path(const WCHAR *exe);
/* Append ", \"modules\": [...]" of process PID. */
void	vc_modules(struct rbuf *, DWORD pid);

/* The steps (steps.c), in order of volatility. */
int	step_clock(struct vc_step *);
int	step_processes(struct vc_step *);
int	step_network(struct vc_step *);
int	step_sessions(struct vc_step *);
int	step_services(struct vc_step *);
int	step_autoruns(struct vc_step *);
int	step_config(struct vc_step *);
int	step_state(struct vc_step *);
int	step_files(struct vc_step *);
int	step_usb(struct vc_step *);
int	step_eventlogs(struct vc_step *);

/* state.c: the DNS cache (network step), the WMI event subscriptions
 * (autoruns step), each in a thread of its own with a time limit. */
void	vc_dns_cache(struct vc_step *);
void	vc_wmi_subscriptions(struct vc_step *);
/* Why configuration file FILE (a name in 07-config) is missing: a line
 * of 07-config/unavailable.txt, written by the state step. */
void	vc_unavailable(const char *file, const char *why);
void	vc_unavailable_write(struct vc_step *);

/* What the config step writes in its manifest.txt. */
extern char vc_started_utc[32];

#endif
