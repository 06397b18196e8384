#ifndef SHIFTDESK_CSUPPORT_H
#define SHIFTDESK_CSUPPORT_H

#include <stdint.h>

/// Asks the CPU to start loading the cache line at `address`, without waiting for it.
/// Swift has no prefetch of its own; the inbox loader uses this to overlap the cache
/// misses of its id table with other work.
static inline void csupport_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 1);
}

/// The terminal width of one code point, from the C library the terminal uses:
/// 2 for wide CJK and emoji, 0 for combining marks, -1 when not printable.
/// (glibc hides `wcwidth` from Swift behind `_XOPEN_SOURCE`.)
int csupport_wcwidth(uint32_t scalar);

#endif
