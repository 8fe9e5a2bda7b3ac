#ifndef DUALSCOPE_FUZZ_CLIBFUZZER_H
#define DUALSCOPE_FUZZ_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for programs that have a main of their own (SwiftPM executables do).
/// Defined by the runtime that `-sanitize=fuzzer` links in.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
