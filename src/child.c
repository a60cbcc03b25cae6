/*
 * child.c — a child process that does not outlive huikuan.
 */
#include "huikuan/child.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

int child_die_with(pid_t parent)
{
    /* Checked after the request: a parent that died before it took
     * effect has left the child to init, which getppid() shows. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        return -1;
    return 0;
}
