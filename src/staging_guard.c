/*
 * staging_guard.c — a stopped run removes its staging folder (see the
 * header). Everything the handler touches is set up beforehand, and it
 * calls only kill, waitpid, open, openat, getdents64, lseek, unlinkat,
 * unlink, rmdir, close, write, sigaction and raise, which a handler may
 * (getdents64 is the bare system call, holding no lock).
 */
#define _GNU_SOURCE
#include "huikuan/staging_guard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { GUARD_PATH = 4400, GUARD_FAREWELL = 12800, GUARD_DEPTH = 2 };

static const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};

static int installed;
static sigset_t before_hold;
static char staging[GUARD_PATH], made[GUARD_PATH];
static char farewell[GUARD_FAREWELL];
/* Read by the handler, on whichever thread the signal lands: stored after
 * what they guard, with release, and loaded with acquire. */
static volatile sig_atomic_t armed, writer, farewell_len, made_set;
/* A hold in force: a signal that lands meanwhile, on whichever thread
 * (a blocked mask holds only the thread that set it; OpenMP's workers
 * take a process-wide kill too), is kept in pending for the release. */
static volatile sig_atomic_t held, pending;

/* Removes everything in the folder open as fd, and folders in it down to
 * depth more levels. Listed again until a pass removes nothing: entries
 * removed while a listing runs may move the rest. */
static void empty_folder(int fd, int depth)
{
    char buf[2048] __attribute__((aligned(8)));
    for (int pass = 0; pass < 8; pass++) {
        int removed = 0;
        if (lseek(fd, 0, SEEK_SET) != 0)
            return;
        ssize_t n;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0)
            for (ssize_t at = 0; at < n;) {
                const struct dirent64 *d = (const struct dirent64 *)(buf + at);
                at += d->d_reclen;
                const char *name = d->d_name;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                if (unlinkat(fd, name, 0) == 0) {
                    removed++;
                    continue;
                }
                if (depth <= 0 || errno != EISDIR)
                    continue;
                int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub < 0)
                    continue;
                empty_folder(sub, depth - 1);
                close(sub);
                removed += unlinkat(fd, name, AT_REMOVEDIR) == 0;
            }
        if (removed == 0)
            return;
    }
}

static void on_signal(int sig)
{
    if (__atomic_load_n(&held, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&pending, sig, __ATOMIC_RELEASE);
        return;
    }
    if (__atomic_load_n(&armed, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&armed, 0, __ATOMIC_RELEASE);
        /* A child still writing could create a file after the folder was
         * emptied, and keep it: it stops first. */
        pid_t child = __atomic_load_n(&writer, __ATOMIC_ACQUIRE);
        if (child > 0 && kill(child, SIGKILL) == 0)
            while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
                ;
        /* Everything in it is this run's: the folder's name is made for
         * this process (output_staging_template), and mkdtemp made it. */
        int fd = open(staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            empty_folder(fd, GUARD_DEPTH);
            close(fd);
        } else if (errno == ENOTDIR) {
            unlink(staging); /* a staged file: report's page */
        }
        rmdir(staging); /* fails, harmlessly, if anything is left in it */
    }
    if (__atomic_load_n(&made_set, __ATOMIC_ACQUIRE))
        rmdir(made); /* fails, harmlessly, once anything went into it */
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
    __atomic_store_n(&armed, 1, __ATOMIC_RELEASE);
}

void staging_guard_made(const char *folder)
{
    __atomic_store_n(&made_set, 0, __ATOMIC_RELEASE);
    if (!installed || !folder || strlen(folder) >= sizeof made)
        return;
    memcpy(made, folder, strlen(folder) + 1);
    __atomic_store_n(&made_set, 1, __ATOMIC_RELEASE);
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

/* Holds in force: only the outermost sets the flag, and blocks the
 * signals on its thread, whose system calls they then do not interrupt. */
static int holds;

void staging_guard_hold(void)
{
    if (!installed || holds++ > 0)
        return;
    __atomic_store_n(&held, 1, __ATOMIC_RELEASE);
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; i++)
        sigaddset(&set, SIGNALS[i]);
    pthread_sigmask(SIG_BLOCK, &set, &before_hold);
}

void staging_guard_release(void)
{
    if (!installed || holds == 0 || --holds > 0)
        return;
    __atomic_store_n(&held, 0, __ATOMIC_RELEASE);
    pthread_sigmask(SIG_SETMASK, &before_hold, NULL); /* one blocked here lands now */
    int sig = __atomic_exchange_n(&pending, 0, __ATOMIC_ACQ_REL);
    if (sig)
        raise(sig); /* one another thread took, kept until now */
}
