/*
 * behaviour_fixture.h — what the behaviour tests share: replications of a
 * scenario gathered into a struct sample (each replication's metrics,
 * collectibility by age, reporting-window and cash-constrained figures),
 * and the comparisons of 95 % intervals they assert, as a user of
 * summary.csv would. For test_behaviour.c and test_behaviour_customers.c;
 * include after cmocka.h.
 */
#ifndef HUIKUAN_TESTS_BEHAVIOUR_FIXTURE_H
#define HUIKUAN_TESTS_BEHAVIOUR_FIXTURE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "huikuan/engine.h"
#include "huikuan/stats.h"

/* Replications per scenario; a claim about a small difference takes up
 * to REPS_MAX. */
enum { REPS = 40, REPS_MAX = 320 };

struct sample {
    double metric[METRIC_COUNT][REPS_MAX];
    double collect[COLLECT_AGE_POINTS][REPS_MAX];      /* paid of what reached the age unpaid */
    double collect_base[COLLECT_AGE_POINTS][REPS_MAX]; /* what reached it, currency */
    double report_first_weeks[REPS_MAX], report_blackout[REPS_MAX];
    double seg_late_early[REPS_MAX], seg_late_late[REPS_MAX]; /* cash-constrained, months 1-3, 10-12 */
    int n;
};

static inline void load(struct scenario *sc, const char *path)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_load(sc, path, &err) != HK_OK)
        fail_msg("%s", err.message);
}

/* Overrides, then the cross-key checks once all are in (as --set does). */
static inline void set_all(struct scenario *sc, const char *const *assignments, size_t count)
{
    struct hk_error err;
    hk_error_clear(&err);
    for (size_t i = 0; i < count; i++)
        if (scenario_set(sc, assignments[i], &err) != HK_OK)
            fail_msg("%s", err.message);
    if (scenario_validate(sc, "test", &err) != HK_OK)
        fail_msg("%s", err.message);
}

static inline void set(struct scenario *sc, const char *assignment)
{
    set_all(sc, &assignment, 1);
}

/* Every customer of one segment (the shares set together, as they must
 * sum to 1). */
static inline void only_segment(struct scenario *sc, const char *segment)
{
    char text[SEG_COUNT][96];
    const char *assignments[SEG_COUNT];
    for (int g = 0; g < SEG_COUNT; g++) {
        snprintf(text[g], sizeof text[g], "segment.%s.share=%d", scenario_segment_name(g),
                 strcmp(scenario_segment_name(g), segment) == 0);
        assignments[g] = text[g];
    }
    set_all(sc, assignments, SEG_COUNT);
}

static inline double ratio_months(const struct replication_result *r, int from, int to)
{
    double paid = 0, late = 0;
    for (int m = from; m < to && m < r->months; m++) {
        paid += r->segment_monthly_paid[m][SEG_CASH_CONSTRAINED];
        late += r->segment_monthly_late[m][SEG_CASH_CONSTRAINED];
    }
    return paid > 0 ? late / paid : NAN;
}

/* Replications first .. first + n - 1, into out's rows 0 .. n - 1. */
static inline void run_from(const struct scenario *sc, int first, int n, struct sample *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    for (int r = 0; r < n; r++) {
        struct replication_result res;
        struct hk_error err;
        hk_error_clear(&err);
        if (engine_run(sc, (uint64_t)(first + r), &res, &err) != HK_OK)
            fail_msg("%s: %s", sc->name, err.message);
        for (int m = 0; m < METRIC_COUNT; m++)
            out->metric[m][r] = res.metric[m];
        for (int a = 0; a < COLLECT_AGE_POINTS; a++) {
            out->collect_base[a][r] = res.collect_base[a];
            out->collect[a][r] = res.collect_base[a] > 0 ? res.collect_share[a] * res.collect_base[a] : 0;
        }
        double total = 0, first = 0, blackout = 0;
        for (int w = 0; w < REPORT_WEEKS; w++) {
            total += res.report_paid[w];
            first += w < 2 ? res.report_paid[w] : 0;
            blackout += w >= 36 ? res.report_paid[w] : 0; /* the 120 days before the date */
        }
        out->report_first_weeks[r] = total > 0 ? first / total : NAN;
        out->report_blackout[r] = total > 0 ? blackout / total : NAN;
        out->seg_late_early[r] = ratio_months(&res, 0, 3);
        out->seg_late_late[r] = ratio_months(&res, 9, 12);
        engine_result_free(&res);
    }
}

static inline void run(const struct scenario *sc, int n, struct sample *out)
{
    run_from(sc, 0, n, out);
}

static inline struct stats_summary summary(const double *v, int n)
{
    double scratch[REPS_MAX];
    return stats_summarise(v, 1, (size_t)n, scratch);
}

/* b's interval lies entirely above a's. */
static inline void assert_above(const char *what, const double *a, const double *b, int n)
{
    struct stats_summary sa = summary(a, n), sb = summary(b, n);
    if (!(sb.ci95_low > sa.ci95_high))
        fail_msg("%s: expected [%g, %g] (mean %g) above [%g, %g] (mean %g)", what, sb.ci95_low,
                 sb.ci95_high, sb.mean, sa.ci95_low, sa.ci95_high, sa.mean);
}

/* The paired difference b - a is positive with 95 % confidence. */
static inline void assert_paired_above(const char *what, const double *a, const double *b, int n)
{
    double scratch[REPS_MAX];
    struct stats_summary d = stats_summarise_paired(a, b, 1, (size_t)n, scratch);
    if (!(d.ci95_low > 0))
        fail_msg("%s: paired difference %g, interval [%g, %g] not above 0", what, d.mean,
                 d.ci95_low, d.ci95_high);
}

#endif
