/*
 * child.h — a child process that does not outlive huikuan.
 *
 * bench measures in a forked child and plot draws with gnuplot. However
 * huikuan stops — Ctrl-C, kill PID, a scheduler's time limit, SIGKILL —
 * the child must not work on for nobody. The kernel's parent-death
 * signal does that for every way of dying, so no signal handler is
 * needed.
 */
#ifndef HUIKUAN_CHILD_H
#define HUIKUAN_CHILD_H

#include <sys/types.h>

/* Called in the child right after fork(): the child is killed when
 * huikuan (parent, the pid fork() was called in) dies. Returns -1 if that
 * cannot be arranged or parent has died already; the child should then
 * _exit(). Async-signal-safe, as code between fork() and exec must be. */
int child_die_with(pid_t parent);

#endif
