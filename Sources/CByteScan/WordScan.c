#include "ByteScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/// Bit i: byte i of the 16 at `v` is an ASCII letter or digit, or above 0x7F.
static inline uint32_t word_bytes16(__m128i v) {
    // A byte b is in low...low+width when (b - low) wrapped is at most width.
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    const __m128i lower = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), twenty_five = _mm_set1_epi8(25);
    const __m128i digit = _mm_sub_epi8(v, zero);
    const __m128i letter = _mm_sub_epi8(_mm_or_si128(v, lower), a);
    const __m128i in = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(digit, nine), digit),
                                    _mm_cmpeq_epi8(_mm_min_epu8(letter, twenty_five), letter));
    // The sign bit of each byte is set for bytes above 0x7F.
    return (uint32_t)_mm_movemask_epi8(in) | (uint32_t)_mm_movemask_epi8(v);
}

static inline uint64_t word_bytes64(const uint8_t *bytes) {
    const uint64_t m0 = word_bytes16(_mm_loadu_si128((const __m128i *)bytes));
    const uint64_t m1 = word_bytes16(_mm_loadu_si128((const __m128i *)(bytes + 16)));
    const uint64_t m2 = word_bytes16(_mm_loadu_si128((const __m128i *)(bytes + 32)));
    const uint64_t m3 = word_bytes16(_mm_loadu_si128((const __m128i *)(bytes + 48)));
    return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
}

#else

static inline uint64_t word_bytes64(const uint8_t *bytes) {
    uint64_t words = 0;
    for (int i = 0; i < 64; i++) {
        const uint8_t byte = bytes[i];
        const int word = byte >= 0x80 || (uint8_t)(byte - '0') < 10 || (uint8_t)((byte | 0x20) - 'a') < 26;
        words |= (uint64_t)word << i;
    }
    return words;
}

#endif

uint64_t piimask_word_starts64(const uint8_t *bytes, size_t count, int32_t previous_is_word, uint64_t *words) {
    uint64_t mask;
    if (count >= 64) {
        mask = word_bytes64(bytes);
    } else if (count == 0) {
        mask = 0;
    } else {
        // A short block is padded with zero bytes, which are no word bytes.
        uint8_t padded[64] = {0};
        memcpy(padded, bytes, count);
        mask = word_bytes64(padded);
    }
    *words = mask;
    return mask & ~((mask << 1) | (uint64_t)(previous_is_word != 0));
}
