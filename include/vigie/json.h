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

#endif
