/*
 * capture-proc.h — the text readers of the process step
 * (capture-proc.c), apart from the /proc walk so that the fuzz harness
 * (tests/fuzz/fuzz-proc.c) can feed them. Private to respond/.
 */
#ifndef VIGIE_CAPTURE_PROC_H
#define VIGIE_CAPTURE_PROC_H

#include <stddef.h>
#include <jansson.h>

/* NUL-separated strings (cmdline, environ) as a new JSON array. */
json_t	*proc_strings(const char *buf, size_t len);
/* The numbers after "KEY:" in a NUL-terminated /proc/PID/status text,
 * as a new JSON array, or NULL when the line is absent. */
json_t	*proc_status_ids(const char *status, const char *key);
/* A NUL-terminated /proc/PID/maps text (cut up in place) summed up as a
 * new JSON object: regions, executable ones, mapped files. */
json_t	*proc_maps_json(char *buf);

#endif
