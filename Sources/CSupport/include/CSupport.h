#ifndef SHIFTDESK_CSUPPORT_H
#define SHIFTDESK_CSUPPORT_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Asks the CPU to start loading the cache line at `address`, without waiting for it.
/// Swift has no prefetch of its own; the inbox loader uses this to overlap the cache
/// misses of its id table with other work.
static inline void csupport_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 1);
}

/// Asks the CPU to start loading the cache line at `address` for reading: the triage
/// classifier uses it for the next message's text, far away in the mapped inbox.
static inline void csupport_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Classifies the 64 bytes at `block` for the triage rules' word matcher, one bit a byte
/// (byte 0 in bit 0): `separators` gets the ASCII bytes other than letters, digits and the
/// apostrophe; `specials` the lead bytes of multi-byte characters other than the Cyrillic
/// letters of U+0400 to U+047F (lead bytes 0xD0 and 0xD1), which the matcher decodes to
/// see whether they separate words. Swift has no movemask: its own vector code for this
/// was twice as slow, and the matcher runs on every message of an inbox as it loads.
static inline void csupport_word_masks(const void *block, uint64_t *separators, uint64_t *specials) {
    const uint8_t *bytes = (const uint8_t *)block;
    uint64_t sep = 0, special = 0;
#if defined(__SSE2__)
    for (int part = 0; part < 4; part++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        // Unsigned "x - low <= span": the minimum of the difference and the span is the difference.
        __m128i letterOffset = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(letterOffset, _mm_set1_epi8(25)), letterOffset);
        __m128i digitOffset = _mm_sub_epi8(x, _mm_set1_epi8('0'));
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(digitOffset, _mm_set1_epi8(9)), digitOffset);
        __m128i apostrophe = _mm_cmpeq_epi8(x, _mm_set1_epi8('\''));
        unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), apostrophe))
            | (unsigned)_mm_movemask_epi8(x);
        __m128i lead = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0xC0));
        __m128i cyrillic = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xD0));
        sep |= (uint64_t)(~word & 0xFFFF) << (16 * part);
        special |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_andnot_si128(cyrillic, lead)) << (16 * part);
    }
#else
    for (int i = 0; i < 64; i++) {
        uint8_t b = bytes[i];
        uint8_t lower = b | 0x20;
        int word = b >= 0x80 || (lower >= 'a' && lower <= 'z') || (b >= '0' && b <= '9') || b == '\'';
        sep |= (uint64_t)!word << i;
        special |= (uint64_t)(b >= 0xC0 && (b & 0xFE) != 0xD0) << i;
    }
#endif
    *separators = sep;
    *specials = special;
}

/// The terminal width of one code point, from the C library the terminal uses, in the
/// C.UTF-8 locale whatever the process's own: 2 for wide CJK and emoji, 0 for combining
/// marks, -1 when not printable. (glibc hides `wcwidth` from Swift behind `_XOPEN_SOURCE`.)
int csupport_wcwidth(uint32_t scalar);

/// Installs signal handlers for a full-screen program; call before initscr, so that
/// ncurses leaves these signals alone. SIGINT, SIGTERM and SIGHUP only set a flag that
/// `csupport_take_signal` returns, so the main loop can end the session cleanly. A crash
/// (a Swift trap is SIGILL on x86_64, SIGSEGV, SIGBUS, SIGFPE, SIGABRT) calls `cleanup`
/// to restore the terminal, then dies of the same signal.
///
/// These live in a compiled C file, not a header: a `static` flag in a header would be
/// copied into every Swift file that uses it, and the handler would set another copy.
void csupport_install_signal_handlers(void (*cleanup)(void));

/// The signal that arrived since the last call, or 0.
int csupport_take_signal(void);

/// From now on, SIGINT, SIGTERM and SIGHUP also write a byte to `fd` (the write end of a
/// non-blocking pipe the main loop polls), so a loop waiting in `poll` wakes at once.
/// -1 turns it off.
void csupport_set_wake_fd(int fd);

/// Opens a pseudo-terminal of `rows` x `columns` for the benchmark's curses draw: returns
/// the master's descriptor and writes the slave's path to `name`, or -1.
int csupport_open_pty(char *name, size_t length, unsigned short rows, unsigned short columns);

#endif
