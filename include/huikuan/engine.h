/*
 * engine.h — one replication of one scenario, start to finish.
 *
 * engine_run() simulates warm-up, horizon and run-off days and returns
 * per-replication results. Everything random comes from GSL generators
 * seeded by engine_stream_seed(sim.seed, replication, stream): the same
 * scenario, seed and replication give the same result on any thread,
 * rank or machine, and two scenarios with the same seed share streams
 * (common random numbers), so their differences are paired.
 *
 * Days: [0, warmup) warm-up, [warmup, warmup + days) the horizon that
 * all metrics describe, then run-off with no new orders until every
 * invoice issued in the horizon is paid or written off (only so that
 * collectibility by age is measured on complete histories).
 */
#ifndef HUIKUAN_ENGINE_H
#define HUIKUAN_ENGINE_H

#include <stdint.h>
#include "huikuan/draws.h"
#include "huikuan/error.h"
#include "huikuan/ledger.h"
#include "huikuan/metrics.h"
#include "huikuan/progress.h"
#include "huikuan/rep.h"
#include "huikuan/scenario.h"

/* Generators: one for the set-up of the structure, then CUSTOMER_DRAWS
 * per customer (customer ci's draws of use u are stream
 * STREAM_FIRST_CUSTOMER + ci * CUSTOMER_DRAWS + u), then REP_DRAWS per
 * rep slot (slot k's of use u: the customers' streams, then
 * k * REP_DRAWS + u). */
enum engine_stream { STREAM_STRUCTURE = 0, STREAM_FIRST_CUSTOMER = 1 };

/* What a customer's draws are for, each from a stream of its own: a
 * scheme that has a customer chased more often takes more collection
 * draws, and leaves its orders and its invoices' payment plans drawing
 * the very numbers they draw under another scheme (common random
 * numbers hold use by use, not only customer by customer). */
enum customer_draws {
    CUSTOMER_DRAWS_LIFE,     /* who it is, when distress comes and failure follows, a successor */
    CUSTOMER_DRAWS_ORDERS,   /* gaps between orders, their amounts and screening, weekly output */
    CUSTOMER_DRAWS_INVOICES, /* each invoice's payment plan, a Markov chain's moves */
    /* all whose number follows how it is chased: responses to reminders,
     * calls and letters, the gaps between calls, the courts, and the cash
     * each pay run finds (it runs them while it owes) */
    CUSTOMER_DRAWS_COLLECTION,
    CUSTOMER_DRAWS
};

/* A rep slot's draws, likewise: a rep who quits under one scheme and not
 * another draws a successor's traits, and leaves the weekly effort noise
 * and the monthly chances of leaving (drawn every week and month) on the
 * same numbers in both. */
enum rep_draws {
    REP_DRAWS_HIRES, /* each new rep's skill and firmness */
    REP_DRAWS_TERMS, /* the weekly effort noise, the monthly chances of leaving */
    REP_DRAWS
};

enum { REPORT_WEEKS = 53 };

/* One person's time in a book within the horizon (a row of reps.csv). */
struct rep_record {
    int32_t book, rep_id, hired_day, left_day; /* left_day -1: still there */
    int dismissed;          /* it left because the firm let it go */
    int periods;            /* pay periods in the horizon */
    int weeks;              /* effort choices in the horizon */
    int days;               /* days employed in the horizon */
    /* In cents, summed exactly over its pay periods, as the horizon's
     * totals are: they add up to those to the cent however large. */
    cents_t sales, collected, written_off;
    cents_t discounts, concessions, repossessed; /* allowances on the book */
    cents_t base, commission, bonus, penalty, liability, clawback, net_pay;
    double effort[EFFORT_KINDS]; /* mean level over its weeks */
};

struct replication_result {
    int replication;
    double metric[METRIC_COUNT];
    int months;
    double (*monthly)[MONTHLY_COUNT];
    double aging[AGE_BUCKETS];              /* currency, at the end of the horizon */
    double collect_share[COLLECT_AGE_POINTS];/* NaN where nothing reached that age */
    double collect_base[COLLECT_AGE_POINTS]; /* currency that reached each age unpaid */
    struct rep_record *reps;
    int rep_count, rep_capacity;
    /* Per segment over the horizon (currency), for segments.csv. */
    int segment_customers[SEG_COUNT];
    double segment_sales[SEG_COUNT], segment_paid[SEG_COUNT], segment_bad[SEG_COUNT];
    double segment_late[SEG_COUNT]; /* paid x days late */
    double segment_discounts[SEG_COUNT], segment_concessions[SEG_COUNT];
    double segment_repossessed[SEG_COUNT];
    double (*segment_monthly_paid)[SEG_COUNT], (*segment_monthly_late)[SEG_COUNT];
    /* customers.behaviour = markov: of invoices issued in the horizon,
     * the amount that reached each state and how it ended (currency). */
    double markov_reached[MARKOV_MAX_STATES], markov_paid[MARKOV_MAX_STATES];
    double markov_bad[MARKOV_MAX_STATES];
    int64_t markov_invoices[MARKOV_MAX_STATES];
    /* Reporting-window customers' payments by week since their last
     * reporting date (currency). */
    double report_paid[REPORT_WEEKS];
    cents_t ar_start, ar_end;  /* receivables when the horizon starts and ends */
    cents_t sales, collected, bad_debt; /* horizon flows, exact: */
    cents_t discounts, concessions, repossessed; /* ar_start + sales = collected +
                                                    discounts + concessions +
                                                    repossessed + bad_debt + ar_end */
    struct draw_counts draws; /* random numbers drawn, by kind */
    int64_t customer_days;  /* customers x simulated days, for throughput */
    int64_t events;         /* calendar events processed */
    int64_t invoices_issued;/* over the whole run, warm-up included */
    int64_t pay_runs;       /* customers' pay runs held in the horizon */
    /* Allocations the day loop had to make beyond the room set-up set
     * aside for invoices, events and rep records (0 when it sufficed). */
    int64_t day_loop_allocations;
};

/* Seed of one generator; a pure function of its arguments. */
uint64_t engine_stream_seed(uint64_t seed, int replication, int stream);
/* The attempt-th (from 1) other seed of that stream, for one whose state
 * met another's (streams_make_distinct). */
uint64_t engine_stream_reseed(uint64_t seed, int replication, int stream, int attempt);

/* Runs replication `replication` (0-based) of sc into out, which the
 * caller frees with engine_result_free() whatever the return. Returns
 * HK_OK, or HK_EINTERNAL if the ledger identity broke (a bug). */
int engine_run(const struct scenario *sc, int replication, struct replication_result *out,
               struct hk_error *err);

/* Progress reported by a replication: this many parts in all, as the
 * warm-up's and horizon's days pass, the rest (the run-off) when it ends. */
enum { ENGINE_PROGRESS_PARTS = 1000 };

/* The same on up to `threads` threads: the books are split into that
 * many ranges, whose events run side by side. The result is the same,
 * to the bit, for any thread count. prog (NULL: none) gets
 * ENGINE_PROGRESS_PARTS ticks in all. */
int engine_run_threads(const struct scenario *sc, int replication, int threads,
                       struct progress *prog, struct replication_result *out,
                       struct hk_error *err);

void engine_result_free(struct replication_result *res);

#endif
