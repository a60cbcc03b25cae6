/*
 * child.c — a child process that does not outlive huikuan.
 */
#include "huikuan/child.h"

#include <signal.h>
#include <stddef.h>

static volatile sig_atomic_t watched; /* the child's pid, or 0 */

static const int STOPPING[] = {SIGINT, SIGTERM, SIGHUP};

/* Only what is safe in a handler: kill the child, then take the
 * signal's own action (stop huikuan, with the status the caller expects). */
static void on_stopping(int sig)
{
    pid_t pid = watched;
    if (pid > 0)
        kill(pid, SIGKILL);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_once(void)
{
    static int installed;
    if (installed)
        return;
    installed = 1;
    for (size_t i = 0; i < sizeof STOPPING / sizeof STOPPING[0]; i++) {
        struct sigaction old, sa = {0};
        if (sigaction(STOPPING[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue; /* ignored (a background job's SIGINT): stays so */
        sa.sa_handler = on_stopping;
        sigemptyset(&sa.sa_mask);
        sigaction(STOPPING[i], &sa, NULL);
    }
}

void child_watch(pid_t pid)
{
    install_once();
    watched = pid;
}

void child_unwatch(void)
{
    watched = 0;
}
