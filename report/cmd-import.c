/*
 * cmd-import.c — `vigie import FILE...`: merge commune bundles into the
 * store. Each bundle is checked (format, version, SHA-256, every field)
 * and merged in one transaction; importing it again changes nothing.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/vigie.h"
#include "vigie/bundle.h"
#include "vigie/cmd.h"
#include "vigie/i18n.h"
#include "vigie/module.h"
#include "vigie/json.h"
#include "vigie/store.h"
#include "vigie/util.h"

/* jansson reads the bundle through this, a buffer at a time (its
 * json_loadfd reads one byte per system call). */
struct import_reader {
	int	fd;
};

static size_t
import_read(void *out, size_t size, void *arg)
{
	struct import_reader *r = arg;
	ssize_t n;

	do
		n = read(r->fd, out, size);
	while (n == -1 && errno == EINTR);
	return n < 0 ? (size_t)-1 : (size_t)n;
}

static int
cmd_import(const struct vg_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		VG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct vg_store *s = NULL;
	char err[VG_ERRLEN], *name;
	json_error_t jerr;
	json_t *b;
	struct stat st;
	struct import_reader rd;
	int c, rc, i, fd, added, failed = 0;

	while ((c = getopt_long(argc, argv, VG_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = vg_opt_common(self, c, argv)) != VG_OPT_CONTINUE)
			return rc;
	if (optind == argc)
		return vg_usage_error(self, _("at least one FILE is needed"));
	if (vg_store_open(NULL, &s, err) == -1) {
		vg_warn("%s", err);
		return VG_EXIT_ERROR;
	}
	/* Bundles come from elsewhere: as root, write nothing but the
	 * store (and SQLite's temporary files). */
	{
		char *dir = vg_dir_of(vg_store_path(s));
		const char *rw[] = { dir, "/tmp", "/var/tmp",
		    getenv("TMPDIR") };

		if (vg_sandbox(rw, getenv("TMPDIR") ? 4 : 3, err) == -1)
			vg_warn("%s", err);
		free(dir);
	}
	for (i = optind; i < argc; i++) {
		name = NULL;
		added = 0;
		/* The size is checked before anything is read, and the text
		 * is parsed as it is read (no copy of it in memory). */
		if ((fd = open(argv[i], O_RDONLY | O_CLOEXEC)) == -1) {
			vg_seterr(err, "%s: cannot open: %s", argv[i],
			    strerror(errno));
			goto refused;
		}
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			vg_seterr(err, _("%s: not a regular file"), argv[i]);
			close(fd);
			goto refused;
		}
		if (st.st_size > (off_t)VG_BUNDLE_MAX) {
			vg_seterr(err, _("%s: %lld MB, larger than the %u MB a "
			    "bundle may have (docs/formats/bundle.md): not "
			    "read"), argv[i], (long long)(st.st_size >> 20),
			    VG_BUNDLE_MAX >> 20);
			close(fd);
			goto refused;
		}
		rd.fd = fd;
		b = json_load_callback(import_read, &rd, JSON_REJECT_DUPLICATES,
		    &jerr);
		close(fd);
		if (b == NULL) {
			vg_seterr(err, _("%s:%d: not JSON: %s"), argv[i],
			    jerr.line, jerr.text);
			goto refused;
		}
		rc = vg_bundle_merge(vg_bundle_parts, s, b, &name, &added,
		    err);
		json_decref(b);
		if (rc == -1) {
			char inner[VG_ERRLEN];

			snprintf(inner, sizeof inner, "%s", err);
			vg_seterr(err, "%s: %s", argv[i], inner);
			goto refused;
		}
		if (vg_g.json)
			vg_json_emit(json_pack("{s:o, s:o, s:i, s:b}", "file",
			    vg_json_str(argv[i]), "commune", vg_json_str(name),
			    "added", added, "imported", 1));
		else if (!vg_g.quiet) {
			/* The name comes from the bundle: never raw. */
			char *cf = vg_term_clean(argv[i]), *cn =
			    vg_term_clean(name);

			if (added)
				printf(vg_ngettext("%s: %s: %d record added\n",
				    "%s: %s: %d records added\n",
				    (unsigned long)added), cf, cn, added);
			else
				printf(_("%s: %s: already up to date (nothing "
				    "added)\n"), cf, cn);
			free(cf);
			free(cn);
		}
		free(name);
		continue;
refused:
		failed++;
		vg_warn(_("refused: %s"), err);
		if (vg_g.json)
			vg_json_emit(json_pack("{s:o, s:b, s:o}", "file",
			    vg_json_str(argv[i]), "imported", 0, "error",
			    vg_json_str(err)));
	}
	vg_store_close(s);
	return failed ? VG_EXIT_ERROR : VG_EXIT_OK;
}

const struct vg_cmd cmd_import_entry = {
	.name = "import",
	.usage = N_("FILE..."),
	.summary = N_("merge commune bundles made by 'vigie export'"),
	.help = N_("Checks each bundle (format, version, SHA-256 of its "
	    "content, "
	    "every field) and merges it into the store in one transaction: "
	    "a bundle that fails is refused whole, with the reason. "
	    "Importing the same bundle twice changes nothing.\n"),
	.exec = cmd_import,
};
