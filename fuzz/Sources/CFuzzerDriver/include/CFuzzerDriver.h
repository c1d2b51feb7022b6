#ifndef PIIMASK_CFUZZERDRIVER_H
#define PIIMASK_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs with their own `main` (in libclang_rt.fuzzer, linked by
/// `-sanitize=fuzzer`): parses libFuzzer's flags from argc/argv and runs `callback` on
/// every input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
