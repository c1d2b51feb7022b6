#ifndef PIIMASK_CPCRE2_SHIM_H
#define PIIMASK_CPCRE2_SHIM_H

/* piimask works on UTF-8 bytes: the 8-bit library, whose functions carry the _8 suffix. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros Swift does not import, exposed as functions. */
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
