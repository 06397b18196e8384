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

/// Puts one cell: a base character and its zero-width marks, with attributes and a colour pair.
static inline void shim_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    setcchar(&cell, text, attrs, pair, NULL);
    mvwadd_wch(win, y, x, &cell);
}

#endif
