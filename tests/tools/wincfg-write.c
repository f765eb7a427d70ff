/*
 * wincfg-write.c — writes configuration files of a vigie-collect.exe
 * folder with the collector's own formatter (respond/windows/cfgfmt.c)
 * from API values given on the command line, so that test e2e/5081
 * checks what `vigie scan config --windows` concludes from them.
 *
 *	wincfg-write DIR audit NAME INFO
 *	wincfg-write DIR bitlocker LETTER CONVERSION PROTECTION
 *	wincfg-write DIR firewall ENABLED IN_BLOCK OUT_BLOCK (three profiles)
 *	wincfg-write DIR updates OLEDATE OPERATION RESULT [...]
 *	wincfg-write DIR defender LABEL VALUE [LABEL VALUE...]
 *	wincfg-write DIR antivirus NAME STATE [NAME STATE...]
 *	wincfg-write DIR unavailable FILE REASON
 *	wincfg-write - oledate OLEDATE        (prints YYYY-MM-DD)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/vigie.h"
#include "vigie/config.h"
#include "../../respond/windows/regfmt.c"
#include "../../respond/windows/cfgfmt.c"

static int
put(const char *dir, const char *name, const struct rbuf *b)
{
	struct rbuf u = { 0 };
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	rf_utf8_to_utf16_file(&u, b->p ? b->p : "", b->n);
	if ((f = fopen(path, "wb")) == NULL || fwrite(u.p, 1, u.n, f) != u.n ||
	    fclose(f) != 0) {
		perror(path);
		return 1;
	}
	rb_free(&u);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rbuf b = { 0 };
	const char *dir, *what;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: wincfg-write DIR WHAT ARGS...\n");
		return 2;
	}
	dir = argv[1];
	what = argv[2];
	if (strcmp(what, "oledate") == 0 && argc == 4) {
		char d[11];

		if (cf_ole_date(strtod(argv[3], NULL), d) == -1)
			return puts("refused"), 0;
		return puts(d), 0;
	}
	if (strcmp(what, "audit") == 0 && argc == 5) {
		rb_str(&b, "System audit policy\nCategory/Subcategory"
		    "                      Setting\nLogon/Logoff\n");
		cf_audit_line(&b, argv[3], (uint32_t)strtoul(argv[4], NULL, 0));
		return put(dir, "auditpol.txt", &b);
	}
	if (strcmp(what, "bitlocker") == 0 && argc == 6) {
		cf_bl_volume(&b, argv[3], "\\\\?\\Volume{test}\\",
		    strtol(argv[4], NULL, 0), strtol(argv[5], NULL, 0));
		return put(dir, "bitlocker.txt", &b);
	}
	if (strcmp(what, "firewall") == 0 && argc == 6) {
		for (i = 1; i <= 4; i *= 2)
			cf_fw_profile(&b, i, atoi(argv[3]), atoi(argv[4]),
			    atoi(argv[5]), -1);
		return put(dir, "firewall.txt", &b);
	}
	if (strcmp(what, "updates") == 0 && argc >= 6 && (argc - 3) % 3 == 0) {
		size_t n = (size_t)(argc - 3) / 3, k;
		struct cf_update *u = calloc(n, sizeof(*u));

		for (k = 0; k < n; k++) {
			u[k].date = strtod(argv[3 + 3 * k], NULL);
			u[k].operation = atoi(argv[4 + 3 * k]);
			u[k].result = atoi(argv[5 + 3 * k]);
			u[k].title = (char *)"test update";
		}
		cf_updates(&b, u, n);
		free(u);
		return put(dir, "updates.txt", &b);
	}
	if ((strcmp(what, "defender") == 0 || strcmp(what, "antivirus") ==
	    0) && argc >= 5 && (argc - 3) % 2 == 0) {
		for (i = 3; i + 1 < argc; i += 2) {
			if (strcmp(what, "antivirus") == 0) {
				cf_kv(&b, "displayName", argv[i]);
				cf_kv(&b, "productState", argv[i + 1]);
				rb_str(&b, "\n");
			} else
				cf_kv(&b, argv[i], argv[i + 1]);
		}
		return put(dir, strcmp(what, "defender") == 0 ?
		    "defender.txt" : "antivirus.txt", &b);
	}
	if (strcmp(what, "unavailable") == 0 && argc == 5) {
		cf_label(&b, argv[3]);
		rb_str(&b, ": ");
		cf_value(&b, argv[4]);
		rb_str(&b, "\n");
		return put(dir, "unavailable.txt", &b);
	}
	fprintf(stderr, "wincfg-write: bad arguments\n");
	return 2;
}
