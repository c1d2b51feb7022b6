#ifndef PIIMASK_BYTE_SCAN_H
#define PIIMASK_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// What `piimask_scan_chunks` looks for: bytes in up to four ranges of ASCII bytes
/// (`low[i]...high[i]`; unused ranges repeat the first), and, as "special" bytes, every byte
/// above 0x7F (`flag_high`) and each `a` or `A` followed by `t` or `T` (`flag_at`).
typedef struct {
    uint8_t low[4];
    uint8_t high[4];
    int32_t flag_high;
    int32_t flag_at;
} piimask_scan_spec;

/// Scans `bytes[from..<count]` 16 bytes at a time (SSE2; each chunk needs 17 bytes, as `at`
/// looks one byte ahead) for the first chunk holding a byte in a range or a special byte.
/// Returns the chunk's offset and sets `*ranges` (bit i: byte offset + i is in a range) and
/// `*special` (bit i: byte offset + i is special); when no chunk holds one, returns the
/// offset where fewer than 17 bytes remain (or `from`, without SSE2) with both masks 0.
size_t piimask_scan_chunks(const uint8_t *bytes, size_t from, size_t count, const piimask_scan_spec *spec,
                           uint32_t *ranges, uint32_t *special);

/// The word bytes and word starts of `bytes[0..<count]`, `count` at most 64 (more is read
/// as 64): bit i of `*words` is set when byte i is an ASCII letter or digit or above 0x7F
/// (`TokenDictionary.isWordByte`), and bit i of the result when byte i is a word byte and
/// the byte before it is not (for byte 0: when `previous_is_word` is 0). Bits at and past
/// `count` are 0 in both. `before`: how many bytes of the same buffer precede `bytes` (a
/// block shorter than 16 bytes is then read as the end of 16 from there, not copied).
/// SSE2, 16 bytes at a time (a plain loop elsewhere); in `WordScan.c`.
uint64_t piimask_word_starts64(const uint8_t *bytes, size_t count, size_t before, int32_t previous_is_word,
                               uint64_t *words);
/// The offset just after the last `\n` in `bytes[floor..<offset]`, or `floor` when there is
/// none: 16 bytes at a time from `offset` back (SSE2). In `WordScan.c`.
size_t piimask_line_start(const uint8_t *bytes, size_t floor, size_t offset);

#endif
