/*
 * progress.c — rate-limited progress line on a terminal's stderr.
 */
#include "huikuan/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void progress_begin(struct progress *p, const char *what, int64_t total, int enabled)
{
    progress_begin_parts(p, what, total, 1, enabled);
}

void progress_begin_parts(struct progress *p, const char *what, int64_t total, int64_t per_unit,
                          int enabled)
{
    p->what = what;
    p->per_unit = per_unit > 0 ? per_unit : 1;
    p->total = total * p->per_unit;
    p->done = 0;
    p->started = now_seconds();
    p->last_draw = 0;
    p->enabled = enabled && isatty(STDERR_FILENO);
}

static void draw(struct progress *p, double t)
{
    double elapsed = t - p->started;
    double rate = elapsed > 0 ? p->done / elapsed : 0;
    double left = rate > 0 ? (p->total - p->done) / rate : 0;
    int ls = (int)(left + 0.5);
    double unit = (double)p->per_unit;
    int decimals = p->per_unit > 1; /* units in parts: show a tenth */
    /* A rate read off the first instants (a few parts done, set-up still
     * in them) would say minutes for a run of seconds: none until a
     * second and a fiftieth of the run have gone by. */
    if (p->done < p->total && (elapsed < 1.0 || p->done * 50 < p->total))
        fprintf(stderr, "\r%s: %.*f/%lld, time left not yet known   ", p->what, decimals,
                p->done / unit, (long long)(p->total / p->per_unit));
    else
        fprintf(stderr, "\r%s: %.*f/%lld, %.*f/s, %d:%02d left   ", p->what, decimals,
                p->done / unit, (long long)(p->total / p->per_unit), 1 + decimals,
                rate / unit, ls / 60, ls % 60);
    fflush(stderr);
    p->last_draw = t;
}

void progress_tick(struct progress *p, int64_t amount)
{
#pragma omp critical(huikuan_progress)
    {
        p->done += amount;
        if (p->done > p->total) /* a total given as "at most" that proved short */
            p->total = p->done;
        if (p->enabled) {
            double t = now_seconds();
            if (t - p->last_draw >= 0.2 || p->done == p->total)
                draw(p, t);
        }
    }
}

void progress_end(struct progress *p)
{
    if (p->enabled) {
        draw(p, now_seconds());
        fputc('\n', stderr);
    }
}
