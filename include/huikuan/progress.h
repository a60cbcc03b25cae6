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
    int64_t total, done;
    double started;
    double last_draw;
    int enabled;
};

/* enabled = want progress (not --quiet); the terminal check is ours. */
void progress_begin(struct progress *p, const char *what, int64_t total, int enabled);
void progress_tick(struct progress *p, int64_t amount);
void progress_end(struct progress *p);

#endif
