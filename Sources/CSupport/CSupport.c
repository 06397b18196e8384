#define _XOPEN_SOURCE 700
#define _GNU_SOURCE 1
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include "CSupport.h"

// Widths are measured in a UTF-8 locale of their own, whatever the process's locale is,
// so that they do not change when some code calls setlocale (or has not yet).
static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;
static void make_utf8_locale(void) { utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

int csupport_wcwidth(uint32_t scalar) {
    pthread_once(&utf8_once, make_utf8_locale);
    if (!utf8_locale) return wcwidth((wchar_t)scalar);
    locale_t previous = uselocale(utf8_locale);
    int width = wcwidth((wchar_t)scalar);
    uselocale(previous);
    return width;
}

static volatile sig_atomic_t signal_seen = 0;
static void (*crash_cleanup)(void) = 0;

static volatile sig_atomic_t wake_fd = -1;

static void on_signal(int sig) {
    signal_seen = sig;
    int fd = wake_fd;
    if (fd >= 0) {
        int saved = errno;
        ssize_t ignored = write(fd, "s", 1);  // a full pipe already wakes the loop
        (void)ignored;
        errno = saved;
    }
}

void csupport_set_wake_fd(int fd) { wake_fd = fd; }

static void on_crash(int sig) {
    if (crash_cleanup) crash_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

void csupport_install_signal_handlers(void (*cleanup)(void)) {
    crash_cleanup = cleanup;
    struct sigaction quiet;
    memset(&quiet, 0, sizeof quiet);
    quiet.sa_handler = on_signal;
    sigemptyset(&quiet.sa_mask);
    sigaction(SIGINT, &quiet, NULL);
    sigaction(SIGTERM, &quiet, NULL);
    sigaction(SIGHUP, &quiet, NULL);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = on_crash;
    sigemptyset(&crash.sa_mask);
    int fatal[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &crash, NULL);
    // A parent may have started us with these blocked (Foundation's Process does): the
    // handlers above would then never run, and SIGTERM would not end the session.
    sigset_t ours;
    sigemptyset(&ours);
    sigaddset(&ours, SIGINT);
    sigaddset(&ours, SIGTERM);
    sigaddset(&ours, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &ours, NULL);
}

int csupport_take_signal(void) {
    int sig = signal_seen;
    signal_seen = 0;
    return sig;
}

int csupport_open_pty(char *name, size_t length, unsigned short rows, unsigned short columns) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return -1;
    struct winsize size = { .ws_row = rows, .ws_col = columns };
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, length) != 0
        || ioctl(master, TIOCSWINSZ, &size) != 0) {
        close(master);
        return -1;
    }
    return master;
}
