/*
 * staging_guard.h — a run stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP
 * removes its staging folder (DIR.tmp-HOST-PID-XXXXXX) before it dies,
 * instead of leaving it for the next run into DIR to sweep away.
 *
 * The handler does only what a signal handler may: it empties the
 * staging folder (its files, and folders in it two levels down), however
 * many files the run wrote, and removes it, then dies of the signal as it
 * would have, with the same exit status. Once the folder is about to be
 * moved into place the guard is disarmed: a signal then finds DIR old or
 * new, as before. Should anything be left in the folder (deeper than
 * that), it stays, for the next run to sweep away, as a SIGKILL leaves it.
 *
 * A command may also leave a line for the handler to print as it dies
 * (batch: the command that continues it).
 *
 * One staging folder is guarded at a time (run, compare, sweep,
 * calibrate and bench write one; plot and report one per chart as
 * gnuplot draws it; batch each row's folder as it is written, its
 * combined files' temporaries left for --resume to remove), or one
 * staged file, which a stop removes (report's page as it is written).
 */
#ifndef HUIKUAN_STAGING_GUARD_H
#define HUIKUAN_STAGING_GUARD_H

#include <sys/types.h>

/* Installs the handlers; until it is called the calls below do nothing. */
void staging_guard_install(void);

/* Guards this staging folder, or staged file (its path is copied). */
void staging_guard_arm(const char *staging);
/* A child process writing into the guarded folder (0: none any more): a
 * stop kills it, and waits for it, before emptying the folder, so that
 * it creates nothing there after the folder was emptied. */
void staging_guard_writer(pid_t pid);
/* The folder is about to be moved into place, or removed: no longer guarded. */
void staging_guard_disarm(void);

/* A folder the command made to write into (plot's plots/), which a stop
 * removes too if nothing went into it; NULL for none any more. */
void staging_guard_made(const char *folder);

/* What to say on stderr when a signal stops the command (how to go on
 * with it), copied (its first 12,799 bytes); NULL or "" for nothing. */
void staging_guard_farewell(const char *text);

/* Hold the signals off, process-wide, until staging_guard_release():
 * over the short steps in which a folder is neither guarded nor gone
 * (made but not yet armed; disarmed but not yet moved into place and
 * removed), so that a stop finds one or the other. Holds nest: only
 * the outermost release lets a held signal land. Taken and released on
 * the main thread only. A command's last commit (output_dir_commit_last)
 * holds them to the end: done, it is not turned into a failure by a
 * stop. */
void staging_guard_hold(void);
void staging_guard_release(void);

#endif
