#include "ByteScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>

size_t piimask_scan_chunks(const uint8_t *bytes, size_t from, size_t count, const piimask_scan_spec *spec,
                           uint32_t *ranges, uint32_t *special) {
    // A byte b is in low...high when (b - low) wrapped is at most (high - low).
    const __m128i low0 = _mm_set1_epi8((char)spec->low[0]), width0 = _mm_set1_epi8((char)(spec->high[0] - spec->low[0]));
    const __m128i low1 = _mm_set1_epi8((char)spec->low[1]), width1 = _mm_set1_epi8((char)(spec->high[1] - spec->low[1]));
    const __m128i low2 = _mm_set1_epi8((char)spec->low[2]), width2 = _mm_set1_epi8((char)(spec->high[2] - spec->low[2]));
    const __m128i low3 = _mm_set1_epi8((char)spec->low[3]), width3 = _mm_set1_epi8((char)(spec->high[3] - spec->low[3]));
    const __m128i lower = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), t = _mm_set1_epi8('t');
    const int flag_high = spec->flag_high, flag_at = spec->flag_at;
    size_t index = from;
    while (index + 17 <= count) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i d0 = _mm_sub_epi8(v, low0), d1 = _mm_sub_epi8(v, low1);
        __m128i d2 = _mm_sub_epi8(v, low2), d3 = _mm_sub_epi8(v, low3);
        __m128i in = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d0, width0), d0),
                                  _mm_cmpeq_epi8(_mm_min_epu8(d1, width1), d1));
        in = _mm_or_si128(in, _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d2, width2), d2),
                                           _mm_cmpeq_epi8(_mm_min_epu8(d3, width3), d3)));
        uint32_t range_bits = (uint32_t)_mm_movemask_epi8(in);
        uint32_t special_bits = flag_high ? (uint32_t)_mm_movemask_epi8(v) : 0;
        if (flag_at) {
            const __m128i next = _mm_loadu_si128((const __m128i *)(bytes + index + 1));
            const __m128i pairs = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, lower), a),
                                                _mm_cmpeq_epi8(_mm_or_si128(next, lower), t));
            special_bits |= (uint32_t)_mm_movemask_epi8(pairs);
        }
        if (range_bits | special_bits) {
            *ranges = range_bits;
            *special = special_bits;
            return index;
        }
        index += 16;
    }
    *ranges = 0;
    *special = 0;
    return index;
}

#else

size_t piimask_scan_chunks(const uint8_t *bytes, size_t from, size_t count, const piimask_scan_spec *spec,
                           uint32_t *ranges, uint32_t *special) {
    (void)bytes;
    (void)count;
    (void)spec;
    *ranges = 0;
    *special = 0;
    return from;
}

#endif
