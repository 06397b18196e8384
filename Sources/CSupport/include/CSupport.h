#ifndef SHIFTDESK_CSUPPORT_H
#define SHIFTDESK_CSUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// Asks the CPU to start loading the cache line at `address`, without waiting for it.
/// Swift has no prefetch of its own; the inbox loader uses this to overlap the cache
/// misses of its id table with other work.
static inline void csupport_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 1);
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
