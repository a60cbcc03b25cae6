/*
 * test_behaviour.c — the behaviours the source material describes, shown
 * end to end. Every comparison runs the scenarios on the same seeds
 * (common random numbers) and compares 95 % intervals, or the paired
 * difference's interval, as a user of summary.csv would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

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

static void load(struct scenario *sc, const char *path)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_load(sc, path, &err) != HK_OK)
        fail_msg("%s", err.message);
}

/* Overrides, then the cross-key checks once all are in (as --set does). */
static void set_all(struct scenario *sc, const char *const *assignments, size_t count)
{
    struct hk_error err;
    hk_error_clear(&err);
    for (size_t i = 0; i < count; i++)
        if (scenario_set(sc, assignments[i], &err) != HK_OK)
            fail_msg("%s", err.message);
    if (scenario_validate(sc, "test", &err) != HK_OK)
        fail_msg("%s", err.message);
}

static void set(struct scenario *sc, const char *assignment)
{
    set_all(sc, &assignment, 1);
}

/* Every customer of one segment (the shares set together, as they must
 * sum to 1). */
static void only_segment(struct scenario *sc, const char *segment)
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

static double ratio_months(const struct replication_result *r, int from, int to)
{
    double paid = 0, late = 0;
    for (int m = from; m < to && m < r->months; m++) {
        paid += r->segment_monthly_paid[m][SEG_CASH_CONSTRAINED];
        late += r->segment_monthly_late[m][SEG_CASH_CONSTRAINED];
    }
    return paid > 0 ? late / paid : NAN;
}

/* Replications first .. first + n - 1, into out's rows 0 .. n - 1. */
static void run_from(const struct scenario *sc, int first, int n, struct sample *out)
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

static void run(const struct scenario *sc, int n, struct sample *out)
{
    run_from(sc, 0, n, out);
}

static struct stats_summary summary(const double *v, int n)
{
    double scratch[REPS_MAX];
    return stats_summarise(v, 1, (size_t)n, scratch);
}

/* b's interval lies entirely above a's. */
static void assert_above(const char *what, const double *a, const double *b, int n)
{
    struct stats_summary sa = summary(a, n), sb = summary(b, n);
    if (!(sb.ci95_low > sa.ci95_high))
        fail_msg("%s: expected [%g, %g] (mean %g) above [%g, %g] (mean %g)", what, sb.ci95_low,
                 sb.ci95_high, sb.mean, sa.ci95_low, sa.ci95_high, sa.mean);
}

/* The paired difference b - a is positive with 95 % confidence. */
static void assert_paired_above(const char *what, const double *a, const double *b, int n)
{
    double scratch[REPS_MAX];
    struct stats_summary d = stats_summarise_paired(a, b, 1, (size_t)n, scratch);
    if (!(d.ci95_low > 0))
        fail_msg("%s: paired difference %g, interval [%g, %g] not above 0", what, d.mean,
                 d.ci95_low, d.ci95_high);
}

/* 1. No accountability: reps collect less, DSO and bad debt are higher. */
static void baseline_collects_less_than_buy_sell(void **state)
{
    (void)state;
    static struct sample base, buysell;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, REPS, &base);
    load(&sc, "scenarios/buy_sell.ini");
    run(&sc, REPS, &buysell);
    assert_above("collecting effort, buy-sell over baseline", base.metric[M_EFFORT_COLLECT],
                 buysell.metric[M_EFFORT_COLLECT], REPS);
    assert_above("DSO, baseline over buy-sell", buysell.metric[M_DSO], base.metric[M_DSO], REPS);
    assert_above("bad-debt rate, baseline over buy-sell", buysell.metric[M_BAD_DEBT_RATE],
                 base.metric[M_BAD_DEBT_RATE], REPS);

    /* 3. Buy-sell: riskier pay, risky customers screened out. */
    double spread_base[REPS], spread_bs[REPS];
    for (int r = 0; r < REPS; r++) {
        spread_base[r] = base.metric[M_REP_PAY_P90][r] - base.metric[M_REP_PAY_P10][r];
        spread_bs[r] = buysell.metric[M_REP_PAY_P90][r] - buysell.metric[M_REP_PAY_P10][r];
    }
    assert_above("rep pay p10-p90 spread, buy-sell over baseline", spread_base, spread_bs, REPS);
    assert_above("risky orders screened out, buy-sell over baseline",
                 base.metric[M_RISKY_SCREENED], buysell.metric[M_RISKY_SCREENED], REPS);

    /* 6. Pay on shipment with no accountability: pushed stock. */
    assert_above("overstocked resellers, baseline over buy-sell",
                 buysell.metric[M_OVERSTOCKED_SHARE], base.metric[M_OVERSTOCKED_SHARE], REPS);
    assert_above("resellers' stock in months, baseline over buy-sell",
                 buysell.metric[M_STOCK_MONTHS], base.metric[M_STOCK_MONTHS], REPS);

    /* 7. Seed 004's collectibility by age past due, within 10 points. */
    static const struct { int age; double reference; } seed004[] = {
        {60, 1.00}, {100, 0.80}, {180, 0.50}, {365, 0.20}};
    for (size_t i = 0; i < sizeof seed004 / sizeof seed004[0]; i++) {
        int point = -1;
        for (int a = 0; a < COLLECT_AGE_POINTS; a++)
            if (COLLECT_AGES[a] == seed004[i].age)
                point = a;
        assert_true(point >= 0);
        double scratch[REPS]; /* money-weighted, as collectibility.csv reports it */
        struct stats_summary s = stats_summarise_ratio(base.collect[point], base.collect_base[point],
                                                       1, REPS, scratch, 0.0, 1.0);
        if (fabs(s.mean - seed004[i].reference) > 0.10)
            fail_msg("collectibility at %d days past due: %.3f, seed 004 says %.2f", seed004[i].age,
                     s.mean, seed004[i].reference);
    }
    /* ... and it never rises with age (seed 004: 26.6 % after one year,
     * 13.6 % after two). By construction of the measure: what is unpaid
     * at an age is unpaid at every later one, written off or not; this
     * guards the measure, not the figures past a year. */
    double before = INFINITY;
    for (int a = 0; a < COLLECT_AGE_POINTS; a++) {
        double scratch[REPS];
        struct stats_summary s = stats_summarise_ratio(base.collect[a], base.collect_base[a], 1,
                                                       REPS, scratch, 0.0, 1.0);
        if (!(s.mean <= before + 1e-12))
            fail_msg("collectibility rises from %.4f to %.4f at %d days past due", before, s.mean,
                     COLLECT_AGES[a]);
        before = s.mean;
    }
}

/* 2. Sweeping the daily penalty: DSO falls while reps still sell; at the
 * high end selling stops paying (at 0.5 %/day a sale paid 6 days late
 * costs more than its 3 % commission), so sales fall and the sales team
 * turns over; profit peaks inside; 0.01 %/day barely moves DSO. DSO at
 * 0.5 %/day is not compared: it is old receivables over next to no sales. */
static void penalty_sweep_has_an_interior_optimum(void **state)
{
    (void)state;
    static const char *const rates[] = {"0", "0.0001", "0.0002", "0.0005", "0.001", "0.005"};
    enum { RATES = sizeof rates / sizeof rates[0] };
    static struct sample at[RATES];
    for (int i = 0; i < RATES; i++) {
        struct scenario sc;
        char assignment[64];
        load(&sc, "scenarios/baseline.ini");
        snprintf(assignment, sizeof assignment, "scheme.penalty_daily_rate=%s", rates[i]);
        set(&sc, assignment);
        run(&sc, REPS, &at[i]);
    }
    double mean_dso[RATES], mean_profit[RATES];
    for (int i = 0; i < RATES; i++) {
        mean_dso[i] = summary(at[i].metric[M_DSO], REPS).mean;
        mean_profit[i] = summary(at[i].metric[M_FIRM_PROFIT], REPS).mean;
    }
    assert_above("DSO at 0 over 0.05 %/day", at[3].metric[M_DSO], at[0].metric[M_DSO], REPS);
    assert_above("DSO at 0.05 %/day over 0.1 %/day", at[4].metric[M_DSO], at[3].metric[M_DSO],
                 REPS);
    assert_above("sales at 0 over 0.5 %/day", at[5].metric[M_SALES], at[0].metric[M_SALES], REPS);
    if (!(summary(at[5].metric[M_SALES], REPS).mean < 0.2 * summary(at[0].metric[M_SALES], REPS).mean))
        fail_msg("sales at 0.5 %%/day are %.0f against %.0f without a penalty",
                 summary(at[5].metric[M_SALES], REPS).mean, summary(at[0].metric[M_SALES], REPS).mean);
    assert_above("turnover at 0.5 %/day over 0", at[0].metric[M_REP_TURNOVER],
                 at[5].metric[M_REP_TURNOVER], REPS);
    /* Seed 002's 0.01 %/day is "too weak": under 5 % of DSO, and a small
     * part of what the strongest rate that still leaves reps selling does,
     * which moves it by more than that 5 %. */
    double weak = mean_dso[0] - mean_dso[1], strong = mean_dso[0] - mean_dso[4];
    if (!(strong > 0.05 * mean_dso[0] && fabs(weak) < strong / 3.0 &&
          fabs(weak) < 0.05 * mean_dso[0]))
        fail_msg("DSO moved %.2f days at 0.0001 against %.2f at 0.001 (of %.2f)", weak, strong,
                 mean_dso[0]);
    int best = 0;
    for (int i = 1; i < RATES; i++)
        if (mean_profit[i] > mean_profit[best])
            best = i;
    if (best == 0 || best == RATES - 1)
        fail_msg("profit is highest at the edge of the sweep (rate %s)", rates[best]);
    assert_paired_above("profit at the best rate over 0.5 %/day", at[5].metric[M_FIRM_PROFIT],
                        at[best].metric[M_FIRM_PROFIT], REPS);
    /* The best rate gains under a percent of profit over none (about
     * 65,000 of 8.3 million, standard error 18,000), which 40 replications
     * do not resolve, nor tell 0.01 %/day from 0.02 %/day by. So every
     * rate that did better than none on them is tried again on 320 fresh
     * replications, and one of them must beat none there: the lower end
     * of a two-sided 1 - 0.05 / (rates tried) interval of its gain above
     * 0, so the chance that chance alone passes the test stays under
     * 2.5 %. */
    struct scenario sc;
    char assignment[64];
    static struct sample none, tried;
    load(&sc, "scenarios/baseline.ini");
    set(&sc, "scheme.penalty_daily_rate=0");
    run_from(&sc, REPS, REPS_MAX, &none);
    int candidates = 0;
    for (int i = 1; i < RATES; i++)
        candidates += mean_profit[i] > mean_profit[0];
    double lowest_bound = -INFINITY, gain = 0;
    const char *beat = NULL;
    for (int i = 1; i < RATES; i++) {
        if (!(mean_profit[i] > mean_profit[0]))
            continue;
        load(&sc, "scenarios/baseline.ini");
        snprintf(assignment, sizeof assignment, "scheme.penalty_daily_rate=%s", rates[i]);
        set(&sc, assignment);
        run_from(&sc, REPS, REPS_MAX, &tried);
        double diff[REPS_MAX];
        for (int r = 0; r < REPS_MAX; r++)
            diff[r] = tried.metric[M_FIRM_PROFIT][r] - none.metric[M_FIRM_PROFIT][r];
        double mean = gsl_stats_mean(diff, 1, REPS_MAX), sd = gsl_stats_sd(diff, 1, REPS_MAX);
        double t = gsl_cdf_tdist_Pinv(1.0 - 0.025 / candidates, REPS_MAX - 1);
        double low = mean - t * sd / sqrt(REPS_MAX);
        if (low > lowest_bound) {
            lowest_bound = low;
            gain = mean;
            beat = rates[i];
        }
    }
    print_message("penalty sweep: %s/day beats none by %.0f on %d fresh replications "
                  "(lower bound %.0f, %d rates tried)\n",
                  beat ? beat : "none", gain, (int)REPS_MAX, lowest_bound, candidates);
    if (!(lowest_bound > 0))
        fail_msg("no penalty rate beats none on fresh replications: the best, %s, by %g, bound %g "
                 "(%d tried)", beat ? beat : "none", gain, lowest_bound, candidates);
}

/* Receivable accountability in the rep's evaluation (seeds 001, 002, 004): a
 * DSO bonus the book can reach makes its rep collect, and DSO falls; one
 * it cannot (10 days on 30-day terms) moves next to nothing, though
 * both cost the same when won. */
static void dso_bonus_within_reach_makes_reps_collect(void **state)
{
    (void)state;
    static struct sample none, reach, beyond;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, REPS, &none);
    const char *within[] = {"scheme.bonus_dso_amount=5000", "scheme.bonus_dso_target_days=45"};
    set_all(&sc, within, 2);
    run(&sc, REPS, &reach);
    set(&sc, "scheme.bonus_dso_target_days=10");
    run(&sc, REPS, &beyond);
    assert_above("collecting effort, a bonus at 45 days over none", none.metric[M_EFFORT_COLLECT],
                 reach.metric[M_EFFORT_COLLECT], REPS);
    assert_above("DSO, no bonus over a bonus at 45 days", reach.metric[M_DSO], none.metric[M_DSO],
                 REPS);
    double base = summary(none.metric[M_EFFORT_COLLECT], REPS).mean;
    double moved = summary(reach.metric[M_EFFORT_COLLECT], REPS).mean - base;
    double moved_beyond = summary(beyond.metric[M_EFFORT_COLLECT], REPS).mean - base;
    print_message("DSO bonus: collecting effort %.3f without, %.3f at 45 days, %.3f at 10\n", base,
                  base + moved, base + moved_beyond);
    if (!(moved > 0.1 && fabs(moved_beyond) < 0.1 * moved))
        fail_msg("collecting effort moved %g with a bonus at 45 days, %g at 10", moved,
                 moved_beyond);
    if (!(summary(beyond.metric[M_BONUSES], REPS).mean == 0))
        fail_msg("a bonus at 10 days DSO on 30-day terms was paid");
}

/* Under a late penalty a cure is worth the days until the debt is gone:
 * its write-off or, where a lawsuit is filed first (a pending lawsuit
 * stops write-offs), the judgment. With every debtor sued (no minimum
 * balance) the lawsuit comes at 100 days past due on the late-penalty
 * preset, or the day after a dispute's remedy (about 100 days past due
 * at most: the statement finds it 10 days past due, and the disputed
 * segment's remedy takes 90), so a write-off at 200, 730 or 3,650 days
 * never happens and must change nothing: not what reps see, nor what
 * they do. Counted to the write-off, reps collected at 0.17 at 730 days
 * and 0.35 at 3,650 (10 replications); counted to the judgment where
 * that came before the write-off, at 0.104 at 200 days and 0.123 at
 * 730. */
static void a_cure_is_worth_the_days_to_the_judgment(void **state)
{
    (void)state;
    enum { N = 6 };
    static const char *const write_off[] = {"firm.write_off_days=200", "firm.write_off_days=730",
                                            "firm.write_off_days=3650"};
    static struct sample at[3];
    struct scenario sc;
    load(&sc, "scenarios/late_penalty.ini");
    set(&sc, "collection.litigation_min_balance=0");
    for (int k = 0; k < 3; k++) {
        set(&sc, write_off[k]);
        run(&sc, N, &at[k]);
    }
    for (int k = 1; k < 3; k++)
        for (int r = 0; r < N; r++)
            if (at[0].metric[M_EFFORT_COLLECT][r] != at[k].metric[M_EFFORT_COLLECT][r] ||
                at[0].metric[M_FIRM_PROFIT][r] != at[k].metric[M_FIRM_PROFIT][r])
                fail_msg("replication %d: collecting effort %g with %s, %g with %s; profit "
                         "%.2f, %.2f", r + 1, at[0].metric[M_EFFORT_COLLECT][r], write_off[0],
                         at[k].metric[M_EFFORT_COLLECT][r], write_off[k],
                         at[0].metric[M_FIRM_PROFIT][r], at[k].metric[M_FIRM_PROFIT][r]);
    if (!(summary(at[0].metric[M_LITIGATIONS], N).mean > 0 &&
          summary(at[0].metric[M_EFFORT_COLLECT], N).mean > 0.05))
        fail_msg("nobody was sued, or reps did not collect: the test shows nothing");
}

/* Seed 003: supply stops once the debt exceeds an amount, whenever the
 * firm's letters find it there, not only on the lawyer's letter's day.
 * Customers that never pay, no credit limit, never sued (the firm
 * reconciles again every step_days): on the lawyer's letter they owe
 * about 23,000, under the 50,000 line, which their debt crosses some
 * months later. Looked at on that day only, 4.3 % of orders were
 * declined (these 10 replications) and the firm shipped on for ever. */
static void supply_stops_once_a_debt_grows_past_the_line(void **state)
{
    (void)state;
    static struct sample stopping, shipping;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "prompt");
    const char *never_pay[] = {"segment.prompt.default_prob=1", "segment.prompt.cure_prob=0",
                               "segment.prompt.dispute_prob=0", "firm.credit_limit_months=0",
                               "customers.size_sd=0", "collection.litigation_min_balance=1000000000",
                               "collection.stop_supply_balance=50000"};
    set_all(&sc, never_pay, sizeof never_pay / sizeof never_pay[0]);
    run(&sc, 10, &stopping);
    set(&sc, "collection.stop_supply=no");
    run(&sc, 10, &shipping);
    double declined = summary(stopping.metric[M_ORDERS_DECLINED], 10).mean;
    if (!(declined > 0.3))
        fail_msg("%.3f of orders declined to customers owing past the line", declined);
    if (!(summary(shipping.metric[M_ORDERS_DECLINED], 10).mean < 0.01))
        fail_msg("orders declined without a stop on supply");
    assert_above("sales, shipping on over stopping", stopping.metric[M_SALES],
                 shipping.metric[M_SALES], 10);
}

/* A penalty its cap holds to a trifle is read as one: reps learn from their
 * pay how little of it they bear, and do not screen out sales or quit
 * over the rate alone. */
static void capped_penalty_is_read_as_capped(void **state)
{
    (void)state;
    static struct sample none, uncapped, capped;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, REPS, &none);
    set(&sc, "scheme.penalty_daily_rate=0.005");
    run(&sc, REPS, &uncapped);
    set(&sc, "scheme.penalty_cap=1.00"); /* at most 1.00 a month */
    run(&sc, REPS, &capped);
    assert_above("sales, the capped penalty over the uncapped", uncapped.metric[M_SALES],
                 capped.metric[M_SALES], REPS);
    assert_above("turnover, the uncapped penalty over the capped",
                 capped.metric[M_REP_TURNOVER], uncapped.metric[M_REP_TURNOVER], REPS);
    double scratch[REPS];
    struct stats_summary d =
        stats_summarise_paired(none.metric[M_SALES], capped.metric[M_SALES], 1, REPS, scratch);
    double base = summary(none.metric[M_SALES], REPS).mean;
    if (fabs(d.mean) > 0.05 * base)
        fail_msg("sales with a penalty capped at 1.00 a month differ from none by %.0f (%.1f %%)",
                 d.mean, 100 * d.mean / base);
}

/* 3b. A week without selling leaves no lasting mark. A rep's first week
 * reads a penalty of 100 % a day at face value (its cap, 0.01 a month,
 * is read from the book from the next week on), so no one sells; the
 * orders that week would have drawn wait for selling to resume. Once,
 * they were lost for good, and sales stayed 16 % below for years. */
static void slack_week_leaves_no_mark(void **state)
{
    (void)state;
    enum { N = 12 };
    static struct sample none, slack;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, N, &none);
    const char *absurd[] = {"scheme.penalty_daily_rate=1", "scheme.penalty_cap=0.01"};
    set_all(&sc, absurd, 2);
    run(&sc, N, &slack);
    double scratch[REPS];
    struct stats_summary d =
        stats_summarise_paired(none.metric[M_SALES], slack.metric[M_SALES], 1, N, scratch);
    double base = summary(none.metric[M_SALES], N).mean;
    if (fabs(d.mean) > 0.03 * base)
        fail_msg("sales after a slack first week differ from none by %.0f (%.1f %%)", d.mean,
                 100 * d.mean / base);
}

/* 4. Reporting-window customers pay in a cluster right after the date,
 * whether pressed or not. */
static void reporting_window_pays_after_the_date(void **state)
{
    (void)state;
    static struct sample calm, pressed;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, 8, &calm);
    load(&sc, "scenarios/buy_sell.ini");
    set(&sc, "reps.contacts_per_week=7");
    run(&sc, 8, &pressed);
    const struct sample *both[] = {&calm, &pressed};
    for (int k = 0; k < 2; k++) {
        struct stats_summary first = summary(both[k]->report_first_weeks, 8);
        struct stats_summary blackout = summary(both[k]->report_blackout, 8);
        /* Two weeks of 52 would carry ~4 % if payments were spread evenly. */
        if (!(first.ci95_low > 0.15 && blackout.mean < 0.02))
            fail_msg("%s: %.3f of payments in the two weeks after the reporting date, "
                     "%.3f in the blackout", k ? "pressed" : "calm", first.mean, blackout.mean);
    }
}

/* 5. A cash-constrained customer pays the most valuable, strictest
 * supplier first; left alone, it learns the firm is lax and pays later. */
static void cash_constrained_pays_by_priority(void **state)
{
    (void)state;
    struct scenario sc;
    static struct sample valued, ordinary, lax, strict;
    const char *common[] = {
        "sim.warmup_days=0", "sim.days=360", "customers.count=200",
        "reps.count=10",     "firm.credit_limit_months=0",
    };
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    set_all(&sc, common, sizeof common / sizeof common[0]);
    set(&sc, "firm.supplier_value=0.95");
    run(&sc, 8, &valued);
    set(&sc, "firm.supplier_value=0.05");
    run(&sc, 8, &ordinary);
    assert_paired_above("days late, ordinary over most valuable supplier",
                        valued.metric[M_DAYS_LATE], ordinary.metric[M_DAYS_LATE], 8);

    /* A lax firm: no rep contacts, no letters before the horizon ends. */
    set(&sc, "firm.supplier_value=0.5");
    set(&sc, "reps.contacts_per_week=0");
    set(&sc, "collection.reminders=no");
    set(&sc, "collection.escalate_after_days=3000");
    run(&sc, 8, &lax);
    assert_paired_above("lax firm: paid later in months 10-12 than in months 1-3",
                        lax.seg_late_early, lax.seg_late_late, 8);
    /* A strict one presses every overdue customer hard and often. */
    set(&sc, "reps.contacts_per_week=7");
    set(&sc, "reps.firmness_mean=1");
    set(&sc, "collection.reminders=yes");
    set(&sc, "collection.escalate_after_days=0");
    run(&sc, 8, &strict);
    assert_paired_above("months 10-12: lax firm paid later than strict", strict.seg_late_late,
                        lax.seg_late_late, 8);
}

/* Seed 002: a customer short of cash pays the supplier that presses.
 * Under a late penalty a rep reads what its contacts are worth there
 * too: the cash a call moves its way at the customer's next pay run,
 * and the invoices it would never pay, which a call may cure. Reading
 * neither (these customers plan no payment day), reps collected at
 * 0.014 at 0.1 %/day and let 0.93 % of sales go bad; without defaults,
 * where only the pay runs are left to move, at 0.0025 (8 replications
 * each). */
static void reps_press_customers_short_of_cash(void **state)
{
    (void)state;
    enum { N = 8 };
    struct scenario sc;
    static struct sample none, strong, no_defaults;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    run(&sc, N, &none);
    set(&sc, "scheme.penalty_daily_rate=0.001");
    run(&sc, N, &strong);
    set(&sc, "segment.cash_constrained.default_prob=0");
    run(&sc, N, &no_defaults);
    double effort = summary(strong.metric[M_EFFORT_COLLECT], N).mean;
    double pay_runs_only = summary(no_defaults.metric[M_EFFORT_COLLECT], N).mean;
    print_message("customers short of cash, 0.1 %%/day: collecting effort %.3f, %.4f with no "
                  "defaults\n", effort, pay_runs_only);
    if (!(effort > 0.1 && effort < 0.6 && pay_runs_only > 0.01 && pay_runs_only < 0.1))
        fail_msg("collecting effort %g at 0.1 %%/day, %g without defaults", effort, pay_runs_only);
    assert_above("bad-debt rate, no penalty over 0.1 %/day", strong.metric[M_BAD_DEBT_RATE],
                 none.metric[M_BAD_DEBT_RATE], N);
}

/* A rep that bears the losses (buy-sell) prices a sale with what its
 * customer's kind actually loses, not with its chance of default: here
 * one invoice in five defaults, but the courts recover all of it, so
 * nothing is lost and reps sell almost as if none defaulted (their
 * lateness still costs the late penalty). Priced at half the chance of
 * default, these customers were sold nothing at all (selling effort 0
 * here, against 2.14 with no defaults). */
static void reps_price_the_losses_their_customers_show(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample sound, recovered;
    load(&sc, "scenarios/buy_sell.ini");
    only_segment(&sc, "prompt");
    set(&sc, "customers.count=100");
    set(&sc, "reps.count=5");
    set(&sc, "collection.litigation_recovery=1");
    set(&sc, "segment.prompt.default_prob=0");
    run(&sc, N, &sound);
    set(&sc, "segment.prompt.default_prob=0.2");
    run(&sc, N, &recovered);
    double none = summary(sound.metric[M_EFFORT_SELL], N).mean;
    double all_back = summary(recovered.metric[M_EFFORT_SELL], N).mean;
    double lost = summary(recovered.metric[M_BAD_DEBT_RATE], N).mean;
    print_message("selling effort %.3f with no defaults, %.3f with a fifth recovered in full "
                  "(bad-debt rate %.5f)\n", none, all_back, lost);
    if (!(lost < 0.001 && all_back > 0.75 * none))
        fail_msg("a fifth defaulting, all recovered: selling %g against %g (bad-debt rate %g)",
                 all_back, none, lost);
}

/* Seed 000/004: early legal action preserves part of what a failed
 * customer owes. A call cures nothing there, but a rep who bears the
 * loss calls all the same, for the lawyer's letter it sends early: here
 * customers pay on time until they fail, so failed customers are all
 * there is to collect from (buy-sell without a penalty). The letter is
 * worth what it brings forward: with the firm's own lawyer's letter at
 * 4 days past due rather than 55, there is nothing left to bring forward
 * and reps hardly call. 4 replications: collecting effort 0.025 and 27
 * contacts against 0.001 and 0.5. Read as a cure of what is long
 * overdue there, reps had called as much either way (0.155 and 160
 * contacts against 0.149 and 168); left out, they made no call at all. */
static void reps_chase_failed_customers_for_early_legal_action(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample slow, prompt;
    load(&sc, "scenarios/buy_sell.ini");
    only_segment(&sc, "prompt");
    const char *settings[] = {
        "segment.prompt.share=0.5", "segment.distressed.share=0.5",
        "scheme.penalty_daily_rate=0", "customers.count=100", "reps.count=5",
        "segment.prompt.default_prob=0", "segment.prompt.dispute_prob=0",
        "segment.prompt.delay_mean_days=0", "segment.prompt.delay_sd_days=0",
        "segment.distressed.default_prob=0", "segment.distressed.dispute_prob=0",
        "segment.distressed.delay_mean_days=0", "segment.distressed.delay_sd_days=0",
        "segment.distressed.insolvency_hazard=1", "segment.distressed.distress_onset_days=30"};
    set_all(&sc, settings, sizeof settings / sizeof settings[0]);
    run(&sc, N, &slow);
    set(&sc, "collection.escalate_after_days=1");
    set(&sc, "collection.step_days=1");
    run(&sc, N, &prompt);
    double effort = summary(slow.metric[M_EFFORT_COLLECT], N).mean;
    double contacts = summary(slow.metric[M_CONTACTS], N).mean;
    double effort_prompt = summary(prompt.metric[M_EFFORT_COLLECT], N).mean;
    double contacts_prompt = summary(prompt.metric[M_CONTACTS], N).mean;
    print_message("collecting effort %.4f, %.1f contacts; firm's lawyer's letter at 4 days: "
                  "%.4f, %.1f\n", effort, contacts, effort_prompt, contacts_prompt);
    if (!(effort > 0.01 && contacts > 10))
        fail_msg("only failed customers to collect from: collecting effort %g, %g contacts",
                 effort, contacts);
    if (!(effort_prompt < effort / 4 && contacts_prompt < contacts / 4))
        fail_msg("nothing to bring forward: collecting effort %g, %g contacts (against %g, %g)",
                 effort_prompt, contacts_prompt, effort, contacts);
}

/* A customer short of cash pays by its pay runs, disputed invoices too:
 * a dispute holds a payment back until its remedy (30 days), and then
 * the runs pay it as the cash goes. Every invoice disputed or none (no
 * defaults, 4 replications): DSO 70.6 against 56.7, the firm collecting
 * no more than without disputes. A remedy had set a payment day, and
 * the invoice was paid in full then, outside the runs and whatever the
 * cash: 28 % more collected with disputes (56.0 million against 43.7),
 * at DSO 59.5. Never paid by the runs at all, DSO would be 252. */
static void disputes_find_no_cash_a_customer_lacks(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample undisputed, disputed;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    set(&sc, "segment.cash_constrained.default_prob=0");
    set(&sc, "segment.cash_constrained.dispute_prob=0");
    run(&sc, N, &undisputed);
    set(&sc, "segment.cash_constrained.dispute_prob=1");
    run(&sc, N, &disputed);
    double none = summary(undisputed.metric[M_DSO], N).mean;
    double all = summary(disputed.metric[M_DSO], N).mean;
    double paid_none = summary(undisputed.metric[M_COLLECTED], N).mean;
    double paid_all = summary(disputed.metric[M_COLLECTED], N).mean;
    double remedy = sc.segment[SEG_CASH_CONSTRAINED].remedy_days;
    if (!(none < all && all < none + remedy && paid_all < 1.05 * paid_none))
        fail_msg("every invoice disputed: DSO %.1f, collected %.0f; none: DSO %.1f, collected "
                 "%.0f", all, paid_all, none, paid_none);
}

/* Seed 000: a disputed invoice waits for its remedy, which pressure does
 * not hasten, and the firm does not sue over it. Every invoice here is
 * disputed and otherwise paid on its due date, and customers buy often,
 * so most fall due while an earlier one's case is open: each is paid
 * remedy_days after reconciliation finds it, found at the age the
 * statement finds a case's first. (A later invoice had waited for the
 * case's next letter, past the lawyer's letter for the judgment: 75 days
 * late at a 30-day remedy, 100 at 60, and 230 lawsuits a year against
 * 400 customers who would all pay.) While a remedy is pending the firm's
 * letters wait: a remedy of 120 days outlasts the 90 from statement to
 * litigation, and had ended in some 270 to 280 lawsuits a replication. */
static void disputes_wait_for_their_remedy_not_the_ladder(void **state)
{
    (void)state;
    static const char *const remedy[] = {"segment.disputed.remedy_days=30",
                                         "segment.disputed.remedy_days=60",
                                         "segment.disputed.remedy_days=120"};
    static const double remedy_days[] = {30, 60, 120};
    static struct sample at[3];
    for (int i = 0; i < 3; i++) {
        struct scenario sc;
        load(&sc, "scenarios/baseline.ini");
        const char *disputes[] = {
            "segment.disputed.default_prob=0", "segment.disputed.delay_mean_days=0",
            "segment.disputed.delay_sd_days=0", "segment.disputed.dispute_prob=1",
            "customers.count=200", "reps.count=10", remedy[i]};
        only_segment(&sc, "disputed");
        set_all(&sc, disputes, sizeof disputes / sizeof disputes[0]);
        run(&sc, 5, &at[i]);
    }
    for (int i = 0; i < 3; i++) {
        struct stats_summary late = summary(at[i].metric[M_DAYS_LATE], 5);
        /* Found on their due date instead, they would be paid about the
         * remedy late; found at the next letter, 75 days. */
        if (!(late.mean > remedy_days[i] + 4 && late.mean < remedy_days[i] + 11))
            fail_msg("remedy %g days: paid %g days late, expected the remedy plus most of "
                     "the statement's 10 days", remedy_days[i], late.mean);
        for (int r = 0; r < 5; r++)
            if (at[i].metric[M_LITIGATIONS][r] != 0)
                fail_msg("remedy %g days, replication %d: %g lawsuits against customers who "
                         "would pay", remedy_days[i], r + 1, at[i].metric[M_LITIGATIONS][r]);
    }
    double longer = summary(at[1].metric[M_DAYS_LATE], 5).mean -
                    summary(at[0].metric[M_DAYS_LATE], 5).mean;
    if (!(longer > 29 && longer < 31))
        fail_msg("a remedy 30 days longer made payment %g days later", longer);
}

/* A rep who sees a customer's warning signs may send the lawyer's letter
 * before the firm's statement (seed 004: act early). That letter states
 * what is owed as the statement would: a dispute it finds starts its
 * remedy then. Distressed customers that never fail and dispute every
 * invoice, on 90-day terms (statement at 30 days past due), and firm reps
 * who call daily: most disputes are found by the reps' letters, and paid
 * the 30-day remedy later, well before the statement's 30 + 30 days
 * (44.2 days late). Found at the firm's next letter instead, the lawsuit,
 * they were paid 75.4 days late (and, before the firm's letters waited
 * for remedies, sued: 155.5 lawsuits a replication). */
static void early_lawyers_letter_starts_the_remedy(void **state)
{
    (void)state;
    enum { N = 4 };
    static struct sample s;
    struct scenario sc;
    load(&sc, "scenarios/late_penalty.ini"); /* reps who chase */
    const char *distressed_disputes[] = {
        "segment.distressed.default_prob=0",
        "segment.distressed.delay_mean_days=0", "segment.distressed.delay_sd_days=0",
        "segment.distressed.dispute_prob=1", "segment.distressed.remedy_days=30",
        "segment.distressed.insolvency_hazard=0.000001", /* distress, hardly ever failure */
        "segment.distressed.distress_onset_days=1", "customers.count=200", "reps.count=10",
        "firm.term_days=90", "reps.contacts_per_week=7", "reps.firmness_mean=1"};
    only_segment(&sc, "distressed");
    set_all(&sc, distressed_disputes, sizeof distressed_disputes / sizeof distressed_disputes[0]);
    run(&sc, N, &s);
    struct stats_summary late = summary(s.metric[M_DAYS_LATE], N);
    if (!(late.mean > 30 && late.ci95_high < 30 + 30))
        fail_msg("paid %g [%g, %g] days late: expected the 30-day remedy from the reps' letters, "
                 "before the statement's 30 days", late.mean, late.ci95_low, late.ci95_high);
    for (int r = 0; r < N; r++) {
        assert_true(s.metric[M_CONTACTS][r] > 0);
        if (s.metric[M_LITIGATIONS][r] != 0)
            fail_msg("replication %d: %g lawsuits against customers who would pay", r + 1,
                     s.metric[M_LITIGATIONS][r]);
    }
}

/* On pay-after-sold terms an invoice falls due when the consignee's
 * stock has sold through, and the firm sends a consignee what it sells,
 * however hard its rep sells: its stock, and with it the DSO, settle
 * rather than growing with the length of the run. 4 replications,
 * 100 customers, all on consignment, no credit limits: DSO 54.2 after a
 * year of warm-up, 54.3 after four. Sent whatever its rep sold, more
 * than it sold through, its stock grew as long as the run lasted: DSO
 * 135 and 262. */
static void consignees_hold_what_they_sell(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample short_run, long_run;
    load(&sc, "scenarios/baseline.ini");
    const char *settings[] = {"customers.count=100", "reps.count=5", "firm.consignment_share=1",
                              "firm.credit_limit_months=0", "sim.warmup_days=365"};
    set_all(&sc, settings, sizeof settings / sizeof settings[0]);
    run(&sc, N, &short_run);
    set(&sc, "sim.warmup_days=1500");
    run(&sc, N, &long_run);
    double after_one = summary(short_run.metric[M_DSO], N).mean;
    double after_four = summary(long_run.metric[M_DSO], N).mean;
    print_message("consignees' DSO %.1f after a year of warm-up, %.1f after four\n", after_one,
                  after_four);
    if (!(after_one < 80 && after_four < 1.15 * after_one))
        fail_msg("consignees' DSO %.1f after a year, %.1f after four", after_one, after_four);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(baseline_collects_less_than_buy_sell),
        cmocka_unit_test(penalty_sweep_has_an_interior_optimum),
        cmocka_unit_test(capped_penalty_is_read_as_capped),
        cmocka_unit_test(a_cure_is_worth_the_days_to_the_judgment),
        cmocka_unit_test(supply_stops_once_a_debt_grows_past_the_line),
        cmocka_unit_test(dso_bonus_within_reach_makes_reps_collect),
        cmocka_unit_test(slack_week_leaves_no_mark),
        cmocka_unit_test(reporting_window_pays_after_the_date),
        cmocka_unit_test(cash_constrained_pays_by_priority),
        cmocka_unit_test(reps_press_customers_short_of_cash),
        cmocka_unit_test(reps_price_the_losses_their_customers_show),
        cmocka_unit_test(reps_chase_failed_customers_for_early_legal_action),
        cmocka_unit_test(disputes_find_no_cash_a_customer_lacks),
        cmocka_unit_test(disputes_wait_for_their_remedy_not_the_ladder),
        cmocka_unit_test(early_lawyers_letter_starts_the_remedy),
        cmocka_unit_test(consignees_hold_what_they_sell),
    };
    return cmocka_run_group_tests_name("behaviour", tests, NULL, NULL);
}
