/*
 * child.h — a child process that does not outlive huikuan.
 *
 * bench measures in a child and plot draws with gnuplot. Stopped by a
 * signal aimed at huikuan alone (kill PID, a scheduler's time limit, a
 * hang-up), huikuan would leave that child working on for nobody. While
 * a child is watched, SIGINT, SIGTERM and SIGHUP kill it first, then stop
 * huikuan as they would have. A signal the caller set to be ignored stays
 * ignored. One child at a time, watched from one thread.
 */
#ifndef HUIKUAN_CHILD_H
#define HUIKUAN_CHILD_H

#include <sys/types.h>

/* From now until child_unwatch(), a stopping signal kills pid first. */
void child_watch(pid_t pid);

/* The child has been waited for: nothing to kill any more. */
void child_unwatch(void);

#endif
