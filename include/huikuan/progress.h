/*
 * progress.h — "12/50 replications, 3.4/s, 0:11 left" on stderr.
 *
 * Shown only when enabled and stderr is a terminal; a script piping
 * stderr, or --quiet, sees nothing. Thread-safe: ticks may come from
 * any OpenMP thread.
 */
#ifndef HUIKUAN_PROGRESS_H
#define HUIKUAN_PROGRESS_H

#include <stdint.h>

struct progress {
    const char *what;
    int64_t total, done;   /* in parts */
    int64_t per_unit;      /* parts per unit shown */
    double started;
    double last_draw;
    int enabled;
};

/* enabled = want progress (not --quiet); the terminal check is ours. */
void progress_begin(struct progress *p, const char *what, int64_t total, int enabled);

/* The same for units that report as they go, each in per_unit parts
 * (a replication, day by day): ticks then count parts, and the line
 * shows units to one decimal ("0.4/2 replications"). */
void progress_begin_parts(struct progress *p, const char *what, int64_t total, int64_t per_unit,
                          int enabled);
void progress_tick(struct progress *p, int64_t amount);
void progress_end(struct progress *p);

#endif
