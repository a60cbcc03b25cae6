/*
 * staging_guard.c — a stopped run removes its staging folder (see the
 * header). Everything the handler touches is set up beforehand, and it
 * calls only kill, waitpid, unlink, rmdir, write, sigaction and raise,
 * which a handler may.
 */
#include "huikuan/staging_guard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { GUARD_NAMES = 64, GUARD_NAME = 128, GUARD_PATH = 4400, GUARD_FAREWELL = 12800 };

static const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};

static int installed;
static sigset_t before_hold;
static char staging[GUARD_PATH];
static char names[GUARD_NAMES][GUARD_NAME];
static char farewell[GUARD_FAREWELL];
/* Read by the handler, on whichever thread the signal lands: stored after
 * what they guard, with release, and loaded with acquire. */
static volatile sig_atomic_t armed, noted, writer, farewell_len;

/* dir/name into out, or 0 if it does not fit; no snprintf in a handler. */
static int join(char *out, size_t size, const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    if (d + 1 + n + 1 > size)
        return 0;
    memcpy(out, dir, d);
    out[d] = '/';
    memcpy(out + d + 1, name, n + 1);
    return 1;
}

static void on_signal(int sig)
{
    if (__atomic_load_n(&armed, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&armed, 0, __ATOMIC_RELEASE);
        /* A child still writing could create a file after its name was
         * unlinked, and keep the folder: it stops first. */
        pid_t child = __atomic_load_n(&writer, __ATOMIC_ACQUIRE);
        if (child > 0 && kill(child, SIGKILL) == 0)
            while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
                ;
        int count = __atomic_load_n(&noted, __ATOMIC_ACQUIRE);
        char path[GUARD_PATH + GUARD_NAME];
        for (int i = 0; i < count; i++)
            if (join(path, sizeof path, staging, names[i]))
                unlink(path);
        rmdir(staging); /* fails, harmlessly, if anything else is in it */
    }
    int len = __atomic_load_n(&farewell_len, __ATOMIC_ACQUIRE);
    if (len > 0 && write(STDERR_FILENO, farewell, (size_t)len) < 0) {
        /* nothing more to be done about stderr here */
    }
    /* Die of the signal, as without the guard: it is blocked while this
     * handler runs and is delivered, to the default action, on return. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

void staging_guard_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++)
        sigaddset(&sa.sa_mask, SIGNALS[i]); /* one cleans up, the others wait */
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++) {
        struct sigaction old;
        /* A signal the caller ignores (nohup's SIGHUP) stays ignored. */
        if (sigaction(SIGNALS[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(SIGNALS[i], &sa, NULL);
    }
    installed = 1;
}

void staging_guard_arm(const char *path)
{
    if (!installed || strlen(path) >= sizeof staging)
        return;
    staging_guard_disarm();
    memcpy(staging, path, strlen(path) + 1);
    __atomic_store_n(&noted, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&armed, 1, __ATOMIC_RELEASE);
}

void staging_guard_note(const char *name)
{
    int count = __atomic_load_n(&noted, __ATOMIC_ACQUIRE);
    /* A name not noted leaves the folder, as a SIGKILL would, for the next
     * run to sweep away. */
    if (!installed || !armed || count >= GUARD_NAMES || strlen(name) >= GUARD_NAME)
        return;
    memcpy(names[count], name, strlen(name) + 1);
    __atomic_store_n(&noted, count + 1, __ATOMIC_RELEASE);
}

void staging_guard_farewell(const char *text)
{
    __atomic_store_n(&farewell_len, 0, __ATOMIC_RELEASE);
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof farewell)
        n = sizeof farewell - 1;
    memcpy(farewell, text ? text : "", n);
    __atomic_store_n(&farewell_len, (sig_atomic_t)n, __ATOMIC_RELEASE);
}

void staging_guard_disarm(void)
{
    __atomic_store_n(&armed, 0, __ATOMIC_RELEASE);
}

void staging_guard_writer(pid_t pid)
{
    __atomic_store_n(&writer, pid, __ATOMIC_RELEASE);
}

void staging_guard_hold(void)
{
    if (!installed)
        return;
    sigset_t held;
    sigemptyset(&held);
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++)
        sigaddset(&held, SIGNALS[i]);
    pthread_sigmask(SIG_BLOCK, &held, &before_hold);
}

void staging_guard_release(void)
{
    if (installed)
        pthread_sigmask(SIG_SETMASK, &before_hold, NULL); /* a signal held off lands now */
}
