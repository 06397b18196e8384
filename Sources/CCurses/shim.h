#ifndef SHIFTDESK_CCURSES_SHIM_H
#define SHIFTDESK_CCURSES_SHIM_H

// SwiftPM drops ncursesw.pc's -D_XOPEN_SOURCE; without these the wide-character API
// (wget_wch, setcchar, cchar_t) stays invisible to Swift.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>

// Attribute macros Swift cannot import.
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }

// SIGINT, SIGTERM and SIGHUP only set a flag; the main loop sees it on its next tick and
// ends the session cleanly (ncurses' own handler would exit on the spot).
static volatile sig_atomic_t shim_signal_seen = 0;
static void shim_on_signal(int sig) { shim_signal_seen = sig; }
static inline int shim_take_signal(void) { int s = shim_signal_seen; shim_signal_seen = 0; return s; }

// A crash (a Swift trap is SIGILL on x86_64) restores the terminal before dying, so the
// user is not left on the alternate screen with echo off.
static void shim_on_crash(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Installs the handlers; call before initscr so ncurses leaves these signals alone.
static inline void shim_install_signal_handlers(void) {
    struct sigaction quiet;
    memset(&quiet, 0, sizeof quiet);
    quiet.sa_handler = shim_on_signal;
    sigemptyset(&quiet.sa_mask);
    sigaction(SIGINT, &quiet, NULL);
    sigaction(SIGTERM, &quiet, NULL);
    sigaction(SIGHUP, &quiet, NULL);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = shim_on_crash;
    sigemptyset(&crash.sa_mask);
    int fatal[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &crash, NULL);
}

/// Puts one cell: a base character and its zero-width marks, with attributes and a colour pair.
static inline void shim_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    setcchar(&cell, text, attrs, pair, NULL);
    mvwadd_wch(win, y, x, &cell);
}

#endif
