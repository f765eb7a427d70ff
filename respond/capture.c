/*
 * capture.c — `vigie respond capture`'s step registry, and what steps
 * call from their child process (messages to the parent, /proc paths).
 *
 * The capture is cut in four files:
 *   capture.c           the registry (capture_steps[]) and the steps' side
 *                       of the pipe to the parent;
 *   capture-run.c       the runner: each step in a child process with a
 *                       time limit, its messages read by the parent;
 *   capture-manifest.c  manifest.json, its signature and SHA256SUMS;
 *   cmd-capture.c       the command: options, checks before starting,
 *                       the summary.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

/* ---- the registry --------------------------------------------------- */

/* In order of volatility (RFC 3227 section 2.1). */
const struct capture_step capture_steps[] = {
	{ "clock", "01-clock", N_("Clock"), 1, 10, clock_step },
	{ "processes", "02-processes", N_("Processes"), 1, 120, proc_step },
	{ "network", "03-network", N_("Network"), 1, 60, net_step },
	{ "sessions", "04-sessions", N_("Sessions"), 1, 60, sessions_step },
	{ "system", "05-system", N_("System"), 0, 120, system_step },
	{ "files", "06-files", N_("Files"), 0, 600, files_step },
	{ "logs", "07-logs", N_("Logs"), 0, 600, files_logs_step },
	{ "collect", "08-collect", N_("Files named with --collect"), 0, 3600,
	    files_collect_step },
	/* Analysis, last: it reads what the steps above listed. */
	{ "yara", "09-yara", N_("YARA scan"), 0, 900, capture_yara_step },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

int
capture_static_build(void)
{
#ifdef VG_STATIC
	return 1;
#else
	return 0;
#endif
}

/* ---- what steps call (in the child) ---------------------------------- */

void
capture_send(struct capture_ctx *ctx, json_t *msg)
{
	char	*s;

	if (msg == NULL)
		return;
	if (ctx->report != -1 &&
	    (s = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII)) != NULL) {
		size_t len = strlen(s);
		s = xreallocarray(s, len + 2, 1);
		s[len] = '\n';
		(void)vg_write_all(ctx->report, s, len + 1);
		free(s);
	}
	json_decref(msg);
}

void
capture_warn(struct capture_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ctx->warnings++;
	capture_send(ctx, json_pack("{s:s, s:o}", "t", "warn", "text",
	    vg_json_str(s)));
	free(s);
}

char *
capture_proc(struct capture_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*rel, *p;

	va_start(ap, fmt);
	rel = xvasprintf(fmt, ap);
	va_end(ap);
	p = xasprintf("%s%s", ctx->opts->proc, rel);
	free(rel);
	return p;
}
