/*
 * json.c — printing jansson values on stdout, and JSON strings from bytes
 * that may not be UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/json.h"
#include "vigie/util.h"

static int
json_emit_flags(json_t *v, size_t flags)
{
	int rc;

	rc = json_dumpf(v, stdout, flags | JSON_ENCODE_ANY);
	json_decref(v);
	if (rc == -1 || fputc('\n', stdout) == EOF)
		return -1;
	return fflush(stdout) == EOF ? -1 : 0;
}

int
vg_json_emit(json_t *v)
{
	return json_emit_flags(v, JSON_COMPACT);
}

int
vg_json_emit_pretty(json_t *v)
{
	return json_emit_flags(v, JSON_INDENT(2));
}

json_t *
vg_json_strn(const char *s, size_t len)
{
	json_t *v;
	char *clean;

	if (s == NULL)
		return json_null();
	if (vg_utf8_valid(s, len) && memchr(s, '\0', len) == NULL)
		v = json_stringn(s, len);
	else {
		/* Invalid bytes become U+FFFD; an embedded NUL ends it. */
		clean = vg_utf8_clean(s, strnlen(s, len));
		v = json_string(clean);
		free(clean);
	}
	if (v == NULL)
		fatal("out of memory (JSON string)");
	return v;
}

json_t *
vg_json_str(const char *s)
{
	return s == NULL ? json_null() : vg_json_strn(s, strlen(s));
}

int
vg_json_get_str(json_t *o, const char *path, const char *key, int required,
    size_t max, const char **out, char *err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		vg_seterr(err, _("%s.%s: missing"), path, key);
		return -1;
	}
	if (!json_is_string(v)) {
		vg_seterr(err, _("%s.%s: must be a string"), path, key);
		return -1;
	}
	if (max > 0 && json_string_length(v) > max) {
		vg_seterr(err, vg_ngettext("%s.%s: must be a string of at most "
		    "%zu byte", "%s.%s: must be a string of at most %zu bytes",
		    (unsigned long)max), path, key, max);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}
