#define _XOPEN_SOURCE 700
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include "CSupport.h"

int csupport_wcwidth(uint32_t scalar) {
    return wcwidth((wchar_t)scalar);
}

static volatile sig_atomic_t signal_seen = 0;
static void (*crash_cleanup)(void) = 0;

static void on_signal(int sig) { signal_seen = sig; }

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
}

int csupport_take_signal(void) {
    int sig = signal_seen;
    signal_seen = 0;
    return sig;
}
