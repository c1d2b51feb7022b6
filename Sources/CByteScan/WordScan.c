#include "ByteScan.h"

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

/// The word bytes of `bytes[0..<count]`, `count` below 64: whole 16-byte chunks loaded as
/// they are, the last part of one as the end of the 16 bytes that end at `count` (which may
/// begin in the `before` bytes before `bytes`), copied only when there are not 16 bytes.
static inline uint64_t word_bytes_short(const uint8_t *bytes, size_t count, size_t before) {
    uint64_t mask = 0;
    const size_t full = count & ~(size_t)15;
    for (size_t index = 0; index < full; index += 16) {
        mask |= (uint64_t)word_bytes16(_mm_loadu_si128((const __m128i *)(bytes + index))) << index;
    }
    const size_t rest = count - full;
    if (rest == 0) return mask;
    uint32_t tail;
    if (count >= 16 || before + count >= 16) {
        tail = word_bytes16(_mm_loadu_si128((const __m128i *)(bytes + count - 16))) >> (16 - rest);
    } else {
        uint8_t padded[16] = {0};
        for (size_t index = 0; index < rest; index++) padded[index] = bytes[full + index];
        tail = word_bytes16(_mm_loadu_si128((const __m128i *)padded));
    }
    return mask | ((uint64_t)tail << full);
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

static inline uint64_t word_bytes_short(const uint8_t *bytes, size_t count, size_t before) {
    (void)before;
    uint64_t words = 0;
    for (size_t i = 0; i < count; i++) {
        const uint8_t byte = bytes[i];
        const int word = byte >= 0x80 || (uint8_t)(byte - '0') < 10 || (uint8_t)((byte | 0x20) - 'a') < 26;
        words |= (uint64_t)word << i;
    }
    return words;
}

#endif

uint64_t piimask_word_starts64(const uint8_t *bytes, size_t count, size_t before, int32_t previous_is_word,
                               uint64_t *words) {
    uint64_t mask = 0;
    if (count >= 64) {
        mask = word_bytes64(bytes);
    } else if (count > 0) {
        mask = word_bytes_short(bytes, count, before);
    }
    *words = mask;
    return mask & ~((mask << 1) | (uint64_t)(previous_is_word != 0));
}

size_t piimask_line_start(const uint8_t *bytes, size_t floor, size_t offset) {
    size_t index = offset;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (index >= floor + 16) {
        const uint32_t hits = (uint32_t)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + index - 16)), newline));
        if (hits != 0) return index - 16 + (size_t)(32 - __builtin_clz(hits));
        index -= 16;
    }
#endif
    while (index > floor && bytes[index - 1] != '\n') index--;
    return index;
}
