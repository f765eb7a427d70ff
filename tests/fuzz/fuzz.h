/*
 * fuzz.h — the entry point every harness under tests/fuzz/ defines: libFuzzer
 * calls it (make fuzz), and replay.c calls it on each file of the harness's
 * corpus (make check). DATA is owned by the caller and valid for the call.
 */
#ifndef VIGIE_TESTS_FUZZ_H
#define VIGIE_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#endif
