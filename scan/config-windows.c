/*
 * config-windows.c — the sources of the Windows checks in a folder of
 * collected artifacts (--windows): the .reg exports, secedit.inf and
 * gpresult.xml loaded once into the context's registry models, the
 * command outputs (*.txt) read on first use, the registry lookup that
 * prefers the exports over the collected policy, and the list of
 * artifacts for the report header. The evaluators of config-eval.c call
 * them.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/util.h"
#include "vigie/config.h"

/* ---- Reading the artifacts ---------------------------------------- */

/* Read ctx->windir/NAME once into a malloc'd buffer; NULL if absent. */
static char *
artifact_read(struct cfg_ctx *ctx, struct cfg_artifact *a, size_t *len)
{
	char *rel = xasprintf("/%s", a->name), *path, *buf = NULL;
	char err[VG_ERRLEN];
	int absent = 0;

	a->loaded = 1;
	/* The folder came from the examined machine: resolved inside it. */
	path = vg_root_path(ctx->windir, rel, 1, err);
	free(rel);
	if (path != NULL)
		buf = config_eval_read_regular(path, a->name, len, &absent, err);
	free(path);
	if (buf == NULL && !absent)
		a->error = xstrdup(err);
	a->present = buf != NULL || !absent;
	return buf;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.reg of ctx->windir/reg/ into ctx->reg. */
static void
load_reg(struct cfg_ctx *ctx)
{
	char *dir = xasprintf("%s/reg", ctx->windir), **names = NULL;
	size_t n = 0, i;
	glob_t g;
	char *pat, *edir = config_eval_glob_escape(dir);
	struct vg_buf errs = { 0 };

	ctx->a_reg.loaded = 1;
	pat = xasprintf("%s/*.[rR][eE][gG]", edir);
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(g.gl_pathv[i]);
		}
		globfree(&g);
	}
	free(pat);
	free(edir);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	ctx->a_reg.present = n > 0;
	for (i = 0; i < n; i++) {
		char err[VG_ERRLEN], *buf, *shown, *rel, *real;
		size_t len;
		int absent;

		shown = xasprintf("reg/%s", strrchr(names[i], '/') + 1);
		rel = xasprintf("/%s", shown);
		real = vg_root_path(ctx->windir, rel, 1, err);
		free(rel);
		buf = NULL;
		if (real == NULL || (buf = config_eval_read_regular(real, shown, &len,
		    &absent, err)) == NULL ||
		    reg_parse(&ctx->reg, buf, len, shown, err) == -1) {
			vg_buf_sep(&errs, "; ");
			vg_buf_printf(&errs, "%s", err);
		}
		free(buf);
		free(real);
		free(shown);
		free(names[i]);
	}
	free(names);
	free(dir);
	ctx->a_reg.error = errs.p;
}

static void
load_inf(struct cfg_ctx *ctx)
{
	size_t len;
	char *buf = artifact_read(ctx, &ctx->a_inf, &len), err[VG_ERRLEN];

	if (buf == NULL)
		return;
	if (inf_parse(buf, len, ctx->a_inf.name, &ctx->inf, err) == -1)
		ctx->a_inf.error = xstrdup(err);
	else {
		ctx->polreg.origin = ctx->a_inf.name;
		inf_to_reg(&ctx->inf, &ctx->polreg);
		ctx->polreg.origin = NULL;
	}
	free(buf);
}

static void
load_gpr(struct cfg_ctx *ctx)
{
	size_t len;
	char *buf = artifact_read(ctx, &ctx->a_gpr, &len), err[VG_ERRLEN];

	if (buf == NULL)
		return;
	if (gpresult_parse(buf, len, ctx->a_gpr.name, &ctx->gpr, err) == -1)
		ctx->a_gpr.error = xstrdup(err);
	else {
		ctx->polreg.origin = ctx->a_gpr.name;
		gpresult_to_reg(&ctx->gpr, &ctx->polreg);
		ctx->polreg.origin = NULL;
	}
	free(buf);
}

void
config_windows_sources(struct cfg_ctx *ctx)
{
	if (ctx->target != CFG_WINDOWS_DIR)
		return;
	if (!ctx->a_reg.loaded)
		load_reg(ctx);
	if (!ctx->a_inf.loaded)
		load_inf(ctx);
	if (!ctx->a_gpr.loaded)
		load_gpr(ctx);
}

/* One registry lookup in the artifacts: 1 value found, 0 known absent,
 * -1 unknown (not collected), -2 unknown (its export is damaged). */
int
config_windows_value(struct cfg_ctx *ctx, const char *key, const char *value,
    const struct reg_value **v, const struct reg_key **k, const char **src)
{
	const struct reg_key *c;

	*k = reg_key_find(&ctx->reg, key);
	*v = NULL;
	if (*k != NULL && !(*k)->absent && value != NULL &&
	    (*v = reg_value_find(*k, value)) != NULL) {
		*src = (*k)->origin;
		return 1;
	}
	if ((*k = reg_key_find(&ctx->polreg, key)) != NULL && value != NULL &&
	    (*v = reg_value_find(*k, value)) != NULL) {
		*src = (*k)->origin;
		return 1;
	}
	*k = reg_key_find(&ctx->reg, key);
	if ((c = reg_cover(&ctx->reg, key)) != NULL) {
		*src = c->origin;
		return c->damaged ? -2 : 0;
	}
	return -1;
}

/* The command output NAME, read once. */
struct cmdout *
config_windows_text(struct cfg_ctx *ctx, const char *name, struct cfg_artifact **ap)
{
	size_t i, len;
	char *buf;

	for (i = 0; i < ctx->ntexts; i++)
		if (strcmp(ctx->texts[i].name, name) == 0)
			break;
	if (i == ctx->ntexts) {
		ctx->texts = xreallocarray(ctx->texts, ctx->ntexts + 1,
		    sizeof *ctx->texts);
		ctx->cmdouts = xreallocarray(ctx->cmdouts, ctx->ntexts + 1,
		    sizeof *ctx->cmdouts);
		memset(&ctx->texts[i], 0, sizeof ctx->texts[i]);
		memset(&ctx->cmdouts[i], 0, sizeof ctx->cmdouts[i]);
		ctx->texts[i].name = xstrdup(name);
		ctx->ntexts++;
		if ((buf = artifact_read(ctx, &ctx->texts[i], &len)) != NULL) {
			cmdout_load(&ctx->cmdouts[i], buf, len);
			free(buf);
		}
	}
	*ap = &ctx->texts[i];
	return &ctx->cmdouts[i];
}

/* ---- The artifacts, for the report header --------------------------- */

static const char *const known_texts[] = {
	"firewall.txt", "auditpol.txt", "bitlocker.txt", "defender.txt",
	"admins.txt", "updates.txt", "antivirus.txt",
};

char **
eval_artifacts(struct cfg_ctx *ctx, size_t *np)
{
	char **out = NULL;
	size_t n = 0, i;
	struct cfg_artifact *arts[3] = { &ctx->a_reg, &ctx->a_inf,
	    &ctx->a_gpr };

	config_windows_sources(ctx);
	for (i = 0; i < sizeof known_texts / sizeof known_texts[0]; i++) {
		struct cfg_artifact *a;

		config_windows_text(ctx, known_texts[i], &a);
	}
	for (i = 0; i < 3 + ctx->ntexts; i++) {
		struct cfg_artifact *a = i < 3 ? arts[i] : &ctx->texts[i - 3];
		const char *name = i == 0 ? "reg/*.reg" : a->name;

		out = xreallocarray(out, n + 1, sizeof *out);
		if (a->error != NULL)
			out[n++] = xasprintf(_("%s: ERROR %s"), name, a->error);
		else if (a->present)
			out[n++] = xasprintf(_("%s: read"), name);
		else
			out[n++] = xasprintf(_("%s: not collected"), name);
	}
	*np = n;
	return out;
}
