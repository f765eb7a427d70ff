/*
 * json.h — JSON output through jansson. Commands never build JSON by
 * hand: they build json_t values and print them with vg_json_emit().
 */
#ifndef VIGIE_JSON_H
#define VIGIE_JSON_H

#include <stddef.h>
#include <jansson.h>

/*
 * Print VALUE on stdout as one compact line (JSON Lines) and release it
 * (the call steals the reference). Returns -1 if stdout failed.
 */
int	 vg_json_emit(json_t *value);
/* Print VALUE indented (one document), then release it. */
int	 vg_json_emit_pretty(json_t *value);

/*
 * A JSON string from bytes that may not be UTF-8 (file names): invalid
 * bytes become U+FFFD. Never returns NULL; NULL input gives JSON null.
 * New reference owned by the caller.
 */
json_t	*vg_json_str(const char *s);
json_t	*vg_json_strn(const char *s, size_t len);

/*
 * Read the string member KEY of object O, in JSON from outside (bundles,
 * answers files). *out is the string (borrowed from O) or NULL when the
 * member is absent or null. Returns -1 with err "PATH.KEY: cause" when it
 * is missing but REQUIRED, not a string, or longer than MAX bytes (0: no
 * limit).
 */
int	 vg_json_get_str(json_t *o, const char *path, const char *key,
	    int required, size_t max, const char **out, char *err);

#endif
