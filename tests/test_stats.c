/* test_stats.c — mean, sd, the skewness-corrected t and the Poisson
 * interval against hand values and coverage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "huikuan/engine.h"
#include "huikuan/metrics.h"
#include "huikuan/results.h"
#include "huikuan/stats.h"

static void t_interval_of_one_to_five(void **state)
{
    (void)state;
    double v[] = {1, 2, 3, 4, 5}, scratch[5];
    struct stats_summary s = stats_summarise(v, 1, 5, scratch);
    /* sd = sqrt(2.5); t(0.975, 4) = 2.7764451; half = 2.7764451 * 1.5811388 / sqrt(5) */
    assert_true(fabs(s.mean - 3.0) < 1e-12);
    assert_true(fabs(s.sd - sqrt(2.5)) < 1e-12);
    assert_true(fabs(s.ci95_high - 3.0 - 1.9632432) < 1e-6);
    assert_true(fabs(3.0 - s.ci95_low - 1.9632432) < 1e-6);
    assert_int_equal(s.n, 5);
}

static void skips_non_finite_values(void **state)
{
    (void)state;
    double v[] = {NAN, 10, INFINITY, 20}, scratch[4];
    struct stats_summary s = stats_summarise(v, 1, 4, scratch);
    assert_int_equal(s.n, 2);
    assert_true(s.mean == 15);
}

static void constant_values_give_a_zero_width_interval(void **state)
{
    (void)state;
    double v[] = {3000, 3000, 3000}, scratch[3];
    struct stats_summary s = stats_summarise(v, 1, 3, scratch);
    assert_true(s.mean == 3000 && s.sd == 0 && s.ci95_low == 3000 && s.ci95_high == 3000);
}

static void one_value_has_no_interval(void **state)
{
    (void)state;
    double v[] = {NAN, 290.035, NAN}, scratch[3];
    struct stats_summary s = stats_summarise(v, 1, 3, scratch);
    assert_int_equal(s.n, 1);
    assert_true(s.mean == 290.035);
    assert_true(isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));
    double a[] = {1, 2}, b[] = {4, NAN};
    s = stats_summarise_paired(a, b, 1, 2, scratch);
    assert_int_equal(s.n, 1);
    assert_true(s.mean == 3 && isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));
    double none[] = {NAN, INFINITY};
    s = stats_summarise(none, 1, 2, scratch);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));
}

static void paired_differences(void **state)
{
    (void)state;
    double a[] = {10, 20, 30}, b[] = {11, 22, 33}, scratch[3];
    struct stats_summary s = stats_summarise_paired(a, b, 1, 3, scratch);
    assert_true(fabs(s.mean - 2.0) < 1e-12);
    assert_true(fabs(s.sd - 1.0) < 1e-12);
}

/* A share's interval stops at 1 and a count's at 0; the mean, sd and n
 * are the whole sample's. */
static void interval_is_cut_to_what_is_possible(void **state)
{
    (void)state;
    double counts[] = {0, 0, 3}, shares[] = {0.9, 1.0, 1.0}, scratch[3];
    struct stats_summary whole = stats_summarise(counts, 1, 3, scratch);
    struct stats_summary cut = stats_summarise_within(counts, 1, 3, scratch, 0.0, INFINITY);
    assert_true(whole.ci95_low < 0);
    assert_true(cut.ci95_low == 0.0);
    assert_true(cut.ci95_high == whole.ci95_high && cut.mean == whole.mean && cut.sd == whole.sd);
    assert_int_equal(cut.n, 3);
    /* By hand (hall_interval_by_hand): [-2.3599807, 10.0579510]. */
    assert_true(fabs(whole.ci95_low + 2.3599807) < 1e-6);
    assert_true(fabs(whole.ci95_high - 10.0579510) < 1e-6);
    cut = stats_summarise_within(shares, 1, 3, scratch, 0.0, 1.0);
    assert_true(cut.ci95_high == 1.0); /* 1.0787 cut */
    assert_true(fabs(cut.ci95_low - 0.6647350) < 1e-6);
    double one[] = {2.0};
    cut = stats_summarise_within(one, 1, 1, scratch, 0.0, 1.0); /* nothing to cut: no interval */
    assert_true(isnan(cut.ci95_low) && isnan(cut.ci95_high));
}

/* Of 8 at stake over four replications (one with nothing at stake), 6
 * paid: 0.75, money-weighted, where the mean of the shares is 0.667.
 * Residuals (num - 0.75 den) / mean(den) = -0.25, 0.25, 0, 0: sd
 * sqrt(0.125 / 3); half-width t(0.975, 2) sd / sqrt(4) = 0.43914. */
static void ratio_of_totals_by_hand(void **state)
{
    (void)state;
    double num[] = {1, 2, 3, 0}, den[] = {2, 2, 4, 0}, scratch[4];
    struct stats_summary s = stats_summarise_ratio(num, den, 1, 4, scratch, 0.0, 1.0);
    assert_int_equal(s.n, 3);
    assert_true(fabs(s.mean - 0.75) < 1e-12);
    assert_true(fabs(s.sd - sqrt(0.125 / 3.0)) < 1e-12);
    assert_true(fabs(s.ci95_low - 0.3108623446385122) < 1e-9);
    assert_true(s.ci95_high == 1.0); /* 1.189 cut to what a share can be */
    /* One replication with anything at stake: a ratio, but no interval. */
    double num1[] = {0, 3, 0}, den1[] = {0, 4, 0};
    s = stats_summarise_ratio(num1, den1, 1, 3, scratch, 0.0, 1.0);
    assert_int_equal(s.n, 1);
    assert_true(fabs(s.mean - 0.75) < 1e-12);
    assert_true(isnan(s.sd) && isnan(s.ci95_low) && isnan(s.ci95_high));
    /* Nothing at stake anywhere, or only non-finite pairs: no ratio. */
    double nan_num[] = {NAN, 1}, nan_den[] = {1, NAN};
    s = stats_summarise_ratio(num1, num1, 1, 1, scratch, 0.0, 1.0);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean));
    s = stats_summarise_ratio(nan_num, nan_den, 1, 2, scratch, 0.0, 1.0);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean));
}

/* A ratio whose residuals are skewed: 12 over 8, R = 1.5; residuals
 * (num - 1.5 den) / 2 = -1, -0.5, 0, 1.5, sd sqrt(3.5 / 3) = 1.0801234,
 * skewness (1/4) sum (r / sd)^3 = 0.4463775; Hall's interval as for a
 * mean (t(0.975, 3) = 3.1824463, n = 4): [0.0920861, 4.0021887], where
 * the symmetric one is [-0.2187, 3.2187]. */
static void skewed_ratio_by_hand(void **state)
{
    (void)state;
    double num[] = {1, 2, 3, 6}, den[] = {2, 2, 2, 2}, scratch[4];
    struct stats_summary s = stats_summarise_ratio(num, den, 1, 4, scratch, 0.0, INFINITY);
    assert_true(fabs(s.mean - 1.5) < 1e-12);
    assert_true(fabs(s.sd - sqrt(3.5 / 3.0)) < 1e-12);
    assert_true(fabs(s.ci95_low - 0.0920861) < 1e-6);
    assert_true(fabs(s.ci95_high - 4.0021887) < 1e-6);
}

/* A share of money in invoices of about `unit` each, by hand. */
static void share_of_units_by_hand(void **state)
{
    (void)state;
    double scratch[4];
    /* Nothing won in three replications, with 1,000, 2,000 and 1,000 at
     * stake: the delta method says exactly 0. At most 1 - 0.025^(1/3) of
     * replications win anything (Clopper-Pearson, 0 of 3), and one that
     * does wins a unit of 100 of the 1333.33 at stake in a replication. */
    double none[] = {0, 0, 0}, stake[] = {1000, 2000, 1000};
    double bound = (1 - pow(0.025, 1.0 / 3)) * 100 / (4000.0 / 3);
    struct stats_summary s = stats_summarise_share_of_units(none, stake, 1, 3, scratch, 100);
    assert_int_equal(s.n, 3);
    assert_true(s.mean == 0 && s.ci95_low == 0);
    assert_true(fabs(s.ci95_high - bound) < 1e-12);
    assert_true(fabs(s.ci95_high - 0.0530698670) < 1e-9);
    /* All of it won: the same bound on what is lost, below 1. */
    s = stats_summarise_share_of_units(stake, stake, 1, 3, scratch, 100);
    assert_true(s.mean == 1 && s.ci95_high == 1);
    assert_true(fabs(s.ci95_low - (1 - bound)) < 1e-12);
    /* One replication with anything at stake: still no interval. */
    double half[] = {0, 500, 0}, ten[] = {0, 1000, 0};
    s = stats_summarise_share_of_units(half, ten, 1, 3, scratch, 100);
    assert_int_equal(s.n, 1);
    assert_true(fabs(s.mean - 0.5) < 1e-12 && isnan(s.ci95_low) && isnan(s.ci95_high));
    /* Most replications won and lost something: the delta method's
     * interval stands (the bounds, 0.5625 above and 0.752 below, are
     * inside it); so it does without a unit. */
    double num[] = {1e6, 2e6, 3e6, 0}, den[] = {2e6, 2e6, 4e6, 0};
    struct stats_summary ratio = stats_summarise_ratio(num, den, 1, 4, scratch, 0.0, 1.0);
    s = stats_summarise_share_of_units(num, den, 1, 4, scratch, 100);
    assert_true(s.ci95_low == ratio.ci95_low && s.ci95_high == ratio.ci95_high);
    s = stats_summarise_share_of_units(none, stake, 1, 3, scratch, 0);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
}

/* Garwood's interval from chi-square tables: no event in 10 replications
 * gives [0, chi2(0.975; 2) / 20] = [0, -ln(0.025) / 10] where the t
 * interval has no width; one event in each of 10 gives [chi2(0.025; 20)
 * / 20, chi2(0.975; 22) / 20] = [9.59078 / 20, 36.7807 / 20] where t
 * again has none. Five events in 10, one each: t's lower end is below
 * Garwood's chi2(0.025; 10) / 20 = 3.24697 / 20 and is kept, Garwood's
 * upper end chi2(0.975; 12) / 20 = 23.3367 / 20 is above t's and is
 * taken. A rate's values count in units of one
 * event. */
static void rare_events_get_a_poisson_interval(void **state)
{
    (void)state;
    double none[10] = {0}, scratch[10];
    struct stats_summary s = stats_summarise_events(none, 1, 10, scratch, 1.0);
    assert_true(s.mean == 0 && s.sd == 0 && s.ci95_low == 0);
    assert_true(fabs(s.ci95_high + log(0.025) / 10) < 1e-9);
    assert_int_equal(s.n, 10);
    double ones[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    s = stats_summarise_events(ones, 1, 10, scratch, 1.0);
    assert_true(fabs(s.ci95_low - 9.59078 / 20) < 1e-5);
    assert_true(fabs(s.ci95_high - 36.7807 / 20) < 1e-4);
    double five[10] = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
    s = stats_summarise_events(five, 1, 10, scratch, 1.0);
    struct stats_summary t = stats_summarise_within(five, 1, 10, scratch, 0.0, INFINITY);
    assert_true(t.ci95_low < 3.24697 / 20 && s.ci95_low == t.ci95_low);
    assert_true(t.ci95_high < 23.3367 / 20 && fabs(s.ci95_high - 23.3367 / 20) < 1e-4);
    assert_true(s.mean == t.mean && s.sd == t.sd && s.n == t.n);
    /* The same ten events as a rate, a quarter per event. */
    double rate[10];
    for (int i = 0; i < 10; i++)
        rate[i] = ones[i] * 0.25;
    s = stats_summarise_events(rate, 1, 10, scratch, 0.25);
    assert_true(fabs(s.ci95_low - 0.25 * 9.59078 / 20) < 1e-5);
    assert_true(fabs(s.ci95_high - 0.25 * 36.7807 / 20) < 1e-4);
}

/* Events that cluster (twenty in one replication of ten) spread wider
 * than a Poisson count: the t interval's upper end is kept, its lower
 * end cut at 0. One value, or no event size, is as before. */
static void clustered_events_keep_the_t_interval(void **state)
{
    (void)state;
    double lumpy[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 20}, scratch[10];
    struct stats_summary s = stats_summarise_events(lumpy, 1, 10, scratch, 1.0);
    /* sd sqrt(40); t(0.975, 9) = 2.2621572: the symmetric t interval,
     * which a count's Poisson interval stands beside (Hall's reads 10.33
     * here: hall_interval_by_hand). */
    assert_true(fabs(s.ci95_high - (2.0 + 2.2621572 * sqrt(40.0) / sqrt(10.0))) < 1e-6);
    assert_true(s.ci95_low == 0);
    double one[1] = {3};
    s = stats_summarise_events(one, 1, 1, scratch, 1.0);
    assert_true(s.mean == 3 && isnan(s.ci95_low) && isnan(s.ci95_high));
    double none[3] = {0, 0, 0};
    s = stats_summarise_events(none, 1, 3, scratch, 0.0);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
}

/* Every total from 0 to 20,000 events (two replications alike, so the t
 * interval has no width and the Poisson one is the interval): finite
 * ends on the quantiles chi2 is inverted at, to 10^-9. GSL's own
 * inversion aborts the process at scattered totals from about 1,160 on;
 * from 10^5 events the normal's cube is used, K ± 1.96 sqrt(K), about. */
static void every_total_of_events_gets_an_interval(void **state)
{
    (void)state;
    double v[10], scratch[10];
    for (int each = 0; each <= 10000; each++) {
        v[0] = v[1] = each;
        struct stats_summary s = stats_summarise_events(v, 1, 2, scratch, 1.0);
        double k = 2.0 * each; /* x / 2n, n = 2 */
        assert_true(isfinite(s.ci95_low) && isfinite(s.ci95_high));
        assert_true(s.ci95_low <= each && each < s.ci95_high);
        assert_true(fabs(gsl_cdf_chisq_P(4 * s.ci95_high, 2 * k + 2) - 0.975) < 1e-9);
        if (each > 0)
            assert_true(fabs(gsl_cdf_chisq_P(4 * s.ci95_low, 2 * k) - 0.025) < 1e-9);
        else
            assert_true(s.ci95_low == 0);
    }
    for (int i = 0; i < 10; i++)
        v[i] = 10000;
    struct stats_summary s = stats_summarise_events(v, 1, 10, scratch, 1.0);
    double half = 1.959964 * sqrt(1e5) / 10;
    assert_true(fabs(s.ci95_low - (1e4 - half)) < 0.5);
    assert_true(fabs(s.ci95_high - (1e4 + half)) < 0.5);
    /* Not counts: no Poisson interval, and nothing for GSL to refuse. */
    double negative[3] = {-3, -1, -2};
    s = stats_summarise_events(negative, 1, 3, scratch, 1.0);
    struct stats_summary t = stats_summarise_within(negative, 1, 3, scratch, 0.0, INFINITY);
    assert_true(s.ci95_low == t.ci95_low && s.ci95_high == t.ci95_high);
}

/* The reps' screening effort, none in every one of ten replications: not
 * "certainly none" (most settings screen in a few weeks of a few books),
 * but no rep's week at the most effort a rep can show (5) among the 20
 * books' 52 weekly choices of the horizon (days 735 to 1092 after 730 of
 * warm-up): [0, 3.68888 / 10] such weeks a replication, as for money
 * written off. A difference of two runs that both saw none reaches
 * -ln(0.0125) / 10 such weeks either way. Where a few replications
 * screened, the high end is taken to what those few and one such week
 * more could mean; at screen_power 0 no rep screens, and none is
 * certain. */
static void screening_seen_nowhere_is_not_certain(void **state)
{
    (void)state;
    struct scenario sc;
    scenario_init_defaults(&sc);
    sc.reps.count = 20;
    sc.sim.days = 365;
    sc.sim.warmup_days = 730;
    sc.sim.replications = 10;
    struct replication_result rows[10] = {{0}}, *results[1] = {rows};
    struct run_set set = {1, &sc, results};
    double values[10], scratch[20], other[10];
    double week = 5.0 / (20 * 52);
    assert_true(fabs(metric_screening_week(&sc) - week) < 1e-15);
    struct stats_summary s = results_summarise_metric(&set, 0, M_EFFORT_SCREEN, values, scratch);
    assert_true(s.mean == 0 && s.ci95_low == 0 && fabs(s.ci95_high + log(0.025) / 10 * week) < 1e-12);
    struct metric_sizes z = results_metric_sizes(&set, 0, M_EFFORT_SCREEN);
    for (int r = 0; r < 10; r++)
        values[r] = other[r] = 0;
    s = results_difference_of(M_EFFORT_SCREEN, values, other, 10, z, z, scratch);
    assert_true(s.mean == 0 && fabs(s.ci95_high + log(0.0125) / 10 * week) < 1e-12 &&
                s.ci95_low == -s.ci95_high);
    /* Four replications screened a little: the t interval, its high end
     * taken at least to Clopper-Pearson's high end for 4 of 10 (0.737622,
     * qbeta(0.975, 5, 6)) times the mean of the four and one week more. */
    double sum = 0;
    for (int r = 0; r < 10; r++) {
        rows[r].metric[M_EFFORT_SCREEN] = r % 3 == 0 ? 0.0123 * (r + 1) : 0;
        sum += rows[r].metric[M_EFFORT_SCREEN];
    }
    s = results_summarise_metric(&set, 0, M_EFFORT_SCREEN, values, scratch);
    struct stats_summary t = stats_summarise_within(values, 1, 10, scratch, 0, INFINITY);
    double some = stats_mean_upper_from_some(4, 10, sum, week);
    assert_true(s.mean == t.mean && s.ci95_low == t.ci95_low &&
                fabs(some - 0.737622 * (sum + week) / 5) < 1e-6 &&
                s.ci95_high == fmax(t.ci95_high, some));
    /* One replication of ten screened a little, on 2 books (a week 5 /
     * 104): there the rule binds, Clopper-Pearson's 0.445016 for 1 of 10
     * (qbeta(0.975, 2, 9)) times the one seen and a week more, halved,
     * above the t interval's high end. */
    sc.reps.count = 2;
    double two = 5.0 / (2 * 52);
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_EFFORT_SCREEN] = r == 0 ? 0.01 : 0;
    s = results_summarise_metric(&set, 0, M_EFFORT_SCREEN, values, scratch);
    t = stats_summarise_within(values, 1, 10, scratch, 0, INFINITY);
    some = 0.445016 * (0.01 + two) / 2;
    assert_true(s.mean == t.mean && s.ci95_low == t.ci95_low && some > t.ci95_high &&
                fabs(s.ci95_high - some) < 1e-6 * some);
    /* No screening possible: none is certain. */
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_EFFORT_SCREEN] = 0;
    sc.reps.screen_power = 0;
    assert_true(metric_screening_week(&sc) == 0);
    s = results_summarise_metric(&set, 0, M_EFFORT_SCREEN, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
}

/* summary.csv's figures: 20 books over 365 days, so a quit adds 1/20 to
 * rep_turnover; ten replications with no quit give [0, 3.68888 / 10]
 * quits a replication, [0, 0.0184444] a year. Lawsuits, one a
 * replication, get Garwood's interval for ten events. DSO, not a count,
 * keeps the t interval of zero width. */
static void summary_widens_only_counts_of_events(void **state)
{
    (void)state;
    struct scenario sc;
    scenario_init_defaults(&sc);
    sc.reps.count = 20;
    sc.sim.days = 365;
    sc.sim.replications = 10;
    struct replication_result rows[10] = {{0}}, *results[1] = {rows};
    for (int r = 0; r < 10; r++) {
        rows[r].metric[M_LITIGATIONS] = 1;
        rows[r].metric[M_DSO] = 45;
    }
    struct run_set set = {1, &sc, results};
    double values[10], scratch[10];
    struct stats_summary s = results_summarise_metric(&set, 0, M_REP_TURNOVER, values, scratch);
    assert_true(s.ci95_low == 0 && fabs(s.ci95_high + log(0.025) / 10 / 20) < 1e-9);
    s = results_summarise_metric(&set, 0, M_REP_DISMISSALS, values, scratch);
    assert_true(s.ci95_low == 0 && fabs(s.ci95_high + log(0.025) / 10 / 20) < 1e-9);
    s = results_summarise_metric(&set, 0, M_LITIGATIONS, values, scratch);
    assert_true(fabs(s.ci95_low - 9.59078 / 20) < 1e-5 && fabs(s.ci95_high - 36.7807 / 20) < 1e-4);
    s = results_summarise_metric(&set, 0, M_DSO, values, scratch);
    assert_true(s.mean == 45 && s.ci95_low == 45 && s.ci95_high == 45);
    /* Hiring cost is a hire for every rep who left, at firm.hiring_cost:
     * the leavers' count in currency. */
    sc.firm.hiring_cost = 500000; /* 5,000.00 */
    s = results_summarise_metric(&set, 0, M_HIRING_COST, values, scratch);
    assert_true(s.ci95_low == 0 && fabs(s.ci95_high + 5000.0 * log(0.025) / 10) < 1e-6);
    sc.firm.hiring_cost = 0;
    s = results_summarise_metric(&set, 0, M_HIRING_COST, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    /* Nothing written off in 10 replications: not "certainly none", but
     * up to 3.69 / 10 losses a replication, each an invoice of the mean
     * amount; as a share of sales, of the mean sales. */
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_SALES] = r < 5 ? 100000 : 300000; /* mean 200,000 */
    double loss = (double)sc.orders.amount_mean / 100.0, bound = -log(0.025) / 10;
    s = results_summarise_metric(&set, 0, M_BAD_DEBT, values, scratch);
    assert_true(s.mean == 0 && s.ci95_low == 0 && fabs(s.ci95_high - bound * loss) < 1e-6);
    s = results_summarise_metric(&set, 0, M_BAD_DEBT_RATE, values, scratch);
    assert_true(s.ci95_low == 0 && fabs(s.ci95_high - bound * loss / 200000) < 1e-12);
    /* Half of them sold nothing, and have no rate: 3.69 losses over the
     * 5 that have one, each a share of their mean sales, 300,000 (over
     * all ten, the mean 150,000 had doubled the bound). */
    for (int r = 0; r < 5; r++) {
        rows[r].metric[M_SALES] = 0;
        rows[r].metric[M_BAD_DEBT_RATE] = NAN;
    }
    s = results_summarise_metric(&set, 0, M_BAD_DEBT_RATE, values, scratch);
    assert_true(s.n == 5 && s.ci95_low == 0 &&
                fabs(s.ci95_high - -log(0.025) / 5 * loss / 300000) < 1e-12);
    /* Sales of a tenth of an invoice: 3.69 / 5 invoices are 7.4 times
     * them; with a warm-up, sales before the horizon may be written off
     * in it and the rate may pass 1; without one it cannot, and the
     * bound stops at 1. */
    for (int r = 5; r < 10; r++)
        rows[r].metric[M_SALES] = loss / 10;
    s = results_summarise_metric(&set, 0, M_BAD_DEBT_RATE, values, scratch);
    assert_true(fabs(s.ci95_high - -log(0.025) / 5 * 10) < 1e-9);
    int warmup = sc.sim.warmup_days;
    sc.sim.warmup_days = 0;
    s = results_summarise_metric(&set, 0, M_BAD_DEBT_RATE, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 1);
    sc.sim.warmup_days = warmup;
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_SALES] = r < 5 ? 100000 : 300000;
    for (int r = 0; r < 5; r++) {
        rows[r].metric[M_SALES] = 100000;
        rows[r].metric[M_BAD_DEBT_RATE] = 0;
    }
    /* One replication lost something: the t interval's high end, 0.07
     * losses a replication, would be narrower than none seen gave; it is
     * taken to the share of replications that lose, Clopper-Pearson's
     * 0.445016 for 1 of 10 (qbeta(0.975, 2, 9), closed form for whole
     * parameters), times what a losing replication loses, the one seen
     * and one loss of the mean invoice counted in: (700 + loss) / 2. */
    rows[3].metric[M_BAD_DEBT] = 700;
    s = results_summarise_metric(&set, 0, M_BAD_DEBT, values, scratch);
    struct stats_summary t = stats_summarise_within(values, 1, 10, scratch, 0, INFINITY);
    assert_true(s.ci95_low == t.ci95_low && s.ci95_high > t.ci95_high);
    assert_true(fabs(s.ci95_high - 0.445016 * (700 + loss) / 2) < 1e-5 * loss);

    /* Every replication lost: the t interval stands. */
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_BAD_DEBT] = 10000 + 1000 * r; /* many invoices each */
    s = results_summarise_metric(&set, 0, M_BAD_DEBT, values, scratch);
    t = stats_summarise_within(values, 1, 10, scratch, 0, INFINITY);
    assert_true(s.ci95_low == t.ci95_low && s.ci95_high == t.ci95_high);
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_BAD_DEBT] = 0;
    /* Customers that pay every invoice after the same fixed delay, short
     * of the write-off, with nothing to hold it back: no loss can happen,
     * and none seen is certain. */
    struct scenario safe = sc;
    for (int k = 0; k < SEG_COUNT; k++) {
        struct segment_params *g = &safe.segment[k];
        g->default_prob = g->insolvency_hazard = g->delay_sd_days = g->dispute_prob = 0;
        g->cash_ratio = g->leniency_learning = g->report_blackout_days = g->stock_months = 0;
        g->delay_mean_days = 30;
    }
    safe.firm.consignment_share = 0;
    struct run_set safe_set = {1, &safe, results};
    s = results_summarise_metric(&safe_set, 0, M_BAD_DEBT, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    /* Any one of them can: a dispute whose remedy outlasts the
     * write-off, or a fixed delay past it. */
    safe.segment[0].share = 1;
    safe.segment[0].dispute_prob = 0.01;
    s = results_summarise_metric(&safe_set, 0, M_BAD_DEBT, values, scratch);
    assert_true(s.ci95_high > 0);
    safe.segment[0].dispute_prob = 0;
    safe.segment[0].delay_mean_days = safe.firm.write_off_days;
    s = results_summarise_metric(&safe_set, 0, M_BAD_DEBT, values, scratch);
    assert_true(s.ci95_high > 0);
    /* What the scenario rules out is certain: no dismissal below a
     * selling level of 0, no lawsuit under the Markov chain, no
     * insolvency without its hazard, no rep leaving without a reason. */
    sc.orders.process = ORDERS_EFFORT; /* selling is not judged there */
    s = results_summarise_metric(&set, 0, M_REP_DISMISSALS, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    sc.orders.process = ORDERS_POISSON;
    s = results_summarise_metric(&set, 0, M_REP_DISMISSALS, values, scratch);
    assert_true(s.ci95_high > 0);
    sc.reps.dismiss_below = 0;
    s = results_summarise_metric(&set, 0, M_REP_DISMISSALS, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    s = results_summarise_metric(&set, 0, M_REP_TURNOVER, values, scratch);
    assert_true(s.ci95_high > 0);
    sc.reps.quit_prob = sc.reps.base_quit_rate = 0;
    s = results_summarise_metric(&set, 0, M_REP_TURNOVER, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    for (int k = 0; k < SEG_COUNT; k++)
        sc.segment[k].insolvency_hazard = 0;
    s = results_summarise_metric(&set, 0, M_INSOLVENCIES, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_LITIGATIONS] = 0;
    s = results_summarise_metric(&set, 0, M_LITIGATIONS, values, scratch);
    assert_true(s.ci95_high > 0);
    sc.customers.behaviour = BEHAVIOUR_MARKOV;
    s = results_summarise_metric(&set, 0, M_LITIGATIONS, values, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    /* Half the books, twice the days: a quit adds 1/10 x 365/730. */
    sc.reps.quit_prob = 0.1;
    sc.reps.count = 10;
    sc.sim.days = 730;
    for (int r = 0; r < 10; r++)
        rows[r].metric[M_REP_TURNOVER] = 0.05;
    s = results_summarise_metric(&set, 0, M_REP_TURNOVER, values, scratch);
    assert_true(fabs(s.ci95_low - 0.05 * 9.59078 / 20) < 1e-6);
    assert_true(fabs(s.ci95_high - 0.05 * 36.7807 / 20) < 1e-5);
}

/* What the interval is for: a rare Poisson event (0.1 a replication)
 * over 10 replications. Most runs see none, and the t interval, of zero
 * width there, misses the mean in over a third of them; the events'
 * interval covers it at least 95 % of the time. */
/* Hall's interval by hand: for {0 x 9, 20}, mean 2, sd sqrt(40),
 * skewness (1/10) sum ((x - 2) / sd)^3 = 2.2768399; with
 * q = t(0.975, 9) = 2.2621572 and x = y - skew / 60, c = cbrt(1 + skew x),
 * g^-1(y) = 3x / (c^2 + c + 1): g^-1(q / sqrt 10) = 0.4807060, so the
 * low end is 2 - sd 0.4807060 = -1.0402517. At y = -q / sqrt 10,
 * 1 + skew x = -0.7151532: past the flat point of Hall's cubic, so the
 * high end is held there, 2 + 3 sd / skew = 2 + 48000 / 5760 = 10.3333333
 * (read past it, 17.79), where the symmetric t interval's is 6.5242.
 * Values with no skewness keep the t interval (t_interval_of_one_to_five). */
static void hall_interval_by_hand(void **state)
{
    (void)state;
    double v[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 20}, scratch[10];
    struct stats_summary s = stats_summarise(v, 1, 10, scratch);
    assert_true(fabs(s.mean - 2.0) < 1e-12 && fabs(s.sd - sqrt(40.0)) < 1e-12);
    assert_true(fabs(s.ci95_low + 1.0402517277) < 1e-9);
    assert_true(fabs(s.ci95_high - 10.3333333333) < 1e-9);
    /* Mirrored values give the mirrored interval. */
    for (int i = 0; i < 10; i++)
        v[i] = -v[i];
    struct stats_summary m = stats_summarise(v, 1, 10, scratch);
    assert_true(fabs(m.ci95_low + 10.3333333333) < 1e-9);
    assert_true(fabs(m.ci95_high - 1.0402517277) < 1e-9);
    /* A shift moves it, a scale stretches it, whatever the skewness. */
    double w[10], u[10];
    for (int i = 0; i < 10; i++) {
        w[i] = 1e6 + 1000.0 * (i == 9 ? 20.0 : 0.0) + (i % 3);
        u[i] = 5.0 + 0.5 * (w[i] - 1e6);
    }
    struct stats_summary a = stats_summarise(w, 1, 10, scratch);
    struct stats_summary b = stats_summarise(u, 1, 10, scratch);
    assert_true(fabs(b.ci95_low - (5.0 + 0.5 * (a.ci95_low - 1e6))) < 1e-6);
    assert_true(fabs(b.ci95_high - (5.0 + 0.5 * (a.ci95_high - 1e6))) < 1e-6);
    assert_true(a.ci95_low < a.mean && a.mean < a.ci95_high);
}

/* Whatever the values, the interval holds their mean: its ends are the
 * mean less sd h(+-t / sqrt n), and h keeps the sign of its argument
 * while 6 t sqrt(n) exceeds the skewness, which never passes sqrt(n).
 * Drawn here from 2 to 40 values of a lognormal (sigma 2), its mirror,
 * and a mix of zeros and one large value, the most skewed n values get. */
static void interval_always_holds_the_mean(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 35);
    double v[40], scratch[40];
    for (int k = 0; k < 3000; k++) {
        int n = 2 + k % 39;
        for (int i = 0; i < n; i++) {
            double x = gsl_ran_lognormal(r, 0.0, 2.0);
            v[i] = k % 3 == 0 ? x : k % 3 == 1 ? -x : (i == k % n ? 1e9 : 0.0);
        }
        struct stats_summary s = stats_summarise(v, 1, (size_t)n, scratch);
        assert_true(s.ci95_low <= s.mean && s.mean <= s.ci95_high);
        assert_true(s.ci95_low < s.mean || s.sd == 0);
        assert_true(isfinite(s.ci95_low) && isfinite(s.ci95_high));
    }
    gsl_rng_free(r);
}

/* How often each interval holds the true mean, over trials of n values
 * drawn by draw(): the interval summarise gives, and the symmetric t
 * interval from the same mean and sd. */
struct coverage {
    int hall, symmetric;
};

static struct coverage cover(double (*draw)(gsl_rng *), double mean, int n, int trials,
                             unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, seed);
    double v[40], scratch[40];
    struct coverage c = {0, 0};
    double q = gsl_cdf_tdist_Pinv(0.975, n - 1.0);
    for (int k = 0; k < trials; k++) {
        for (int i = 0; i < n; i++)
            v[i] = draw(r);
        struct stats_summary s = stats_summarise(v, 1, (size_t)n, scratch);
        double half = q * s.sd / sqrt((double)n);
        c.hall += s.ci95_low <= mean && mean <= s.ci95_high;
        c.symmetric += s.mean - half <= mean && mean <= s.mean + half;
    }
    gsl_rng_free(r);
    return c;
}

static double draw_lognormal_unit(gsl_rng *r)
{
    return gsl_ran_lognormal(r, 0.0, 1.0);
}

static double draw_exponential_unit(gsl_rng *r)
{
    return gsl_ran_exponential(r, 1.0);
}

static double draw_normal_unit(gsl_rng *r)
{
    return gsl_ran_gaussian(r, 1.0);
}

/* Skewed values: the symmetric t interval of 10 lognormal values (sigma
 * 1) holds their mean about 84 % of the time and 20 exponential ones
 * about 92 %; Hall's about 90 % and 94.5 %. Normal values: both about
 * 95 %, the skewness the sample shows notwithstanding. */
static void skewed_values_are_covered_better(void **state)
{
    (void)state;
    const int trials = 4000;
    struct coverage c = cover(draw_lognormal_unit, exp(0.5), 10, trials, 31);
    assert_true(c.symmetric < 0.86 * trials);
    assert_true(c.hall >= 0.88 * trials);
    c = cover(draw_exponential_unit, 1.0, 20, trials, 32);
    assert_true(c.symmetric < 0.93 * trials);
    assert_true(c.hall >= 0.935 * trials);
    c = cover(draw_normal_unit, 0.0, 10, trials, 33);
    assert_true(c.hall >= 0.94 * trials && c.hall <= 0.96 * trials);
    assert_true(c.symmetric >= 0.94 * trials && c.symmetric <= 0.96 * trials);
}

static void rare_events_are_covered(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2718);
    const double mean = 0.1;
    const int trials = 4000;
    int covered = 0, t_covered = 0;
    double v[10], scratch[10];
    for (int k = 0; k < trials; k++) {
        for (int i = 0; i < 10; i++)
            v[i] = gsl_ran_poisson(r, mean);
        struct stats_summary s = stats_summarise_events(v, 1, 10, scratch, 1.0);
        struct stats_summary t = stats_summarise_within(v, 1, 10, scratch, 0.0, INFINITY);
        covered += s.ci95_low <= mean && mean <= s.ci95_high;
        t_covered += t.ci95_low <= mean && mean <= t.ci95_high;
    }
    gsl_rng_free(r);
    assert_true(covered >= 0.95 * trials);
    assert_true(t_covered < 0.7 * trials);
}

/* Paired counts: with every pair agreeing the t interval is [0, 0], the
 * discordant events' bound +-(-ln 0.0125) events / n. With 6 more in b
 * and 2 more in a over 10 pairs, by hand (chi2 of even degrees and beta
 * of whole parameters in closed form, inverted by bisection): Garwood's
 * 97.5 % interval for K = 8 is [chi2(0.0125; 16), chi2(0.9875; 18)] / 2
 * = [3.027072, 17.013383], Clopper-Pearson's for 6 of 8 is
 * [beta(0.0125; 6, 3), beta(0.9875; 7, 2)] = [0.305801, 0.977914], so
 * the difference lies in [(2 x 0.305801 - 1), (2 x 0.977914 - 1)]
 * x 17.013383 / 10 = [-0.660796, 1.626188]. */
static void paired_events_keep_a_poisson_bound(void **state)
{
    (void)state;
    double a[10] = {1, 0, 2, 0, 0, 1, 0, 0, 3, 0}, scratch[10];
    struct stats_summary s = stats_summarise_paired_events(a, a, 1, 10, scratch, 1.0);
    assert_true(s.mean == 0);
    assert_true(fabs(s.ci95_high + log(0.0125) / 10) < 1e-9 && s.ci95_low == -s.ci95_high);
    s = stats_summarise_paired(a, a, 1, 10, scratch);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0); /* what it widens */
    /* A rate: each event adds 0.25. */
    double rate[10];
    for (int i = 0; i < 10; i++)
        rate[i] = 0.25 * a[i];
    s = stats_summarise_paired_events(rate, rate, 1, 10, scratch, 0.25);
    assert_true(fabs(s.ci95_high + 0.25 * log(0.0125) / 10) < 1e-9);
    double from[10] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 0}, to[10] = {2, 1, 1, 2, 0, 0, 0, 0, 0, 0};
    s = stats_summarise_paired_events(from, to, 1, 10, scratch, 1.0);
    assert_true(fabs(s.mean - 0.4) < 1e-12);
    assert_true(fabs(s.ci95_low + 0.660796) < 2e-6 && fabs(s.ci95_high - 1.626188) < 2e-6);
    struct stats_summary t = stats_summarise_paired(from, to, 1, 10, scratch);
    assert_true(s.ci95_low <= t.ci95_low && s.ci95_high >= t.ci95_high);
    /* Not whole events, or no event size: the t interval alone. */
    to[4] = 0.5;
    s = stats_summarise_paired_events(from, to, 1, 10, scratch, 1.0);
    t = stats_summarise_paired(from, to, 1, 10, scratch);
    assert_true(s.ci95_low == t.ci95_low && s.ci95_high == t.ci95_high);
    s = stats_summarise_paired_events(a, a, 1, 10, scratch, 0.0);
    assert_true(s.ci95_low == 0 && s.ci95_high == 0);
    /* 2 up against 232 down over 20 pairs (a late penalty's lawsuits
     * against the baseline's): GSL's beta inverse fails there, and its
     * error handler had aborted the program. The bound, [-13.5153,
     * -9.3643] by hand, lies inside the symmetric t interval, [-13.6767,
     * -9.3233], which stands; the differences' own, corrected for their
     * skewness, is [-13.4128, -8.9015]. */
    double d[20] = {-18, -16, -8, -9, -10, -7, -19, -13, -10, -16,
                    2, -11, -14, -11, -8, -14, -15, -13, -10, -10};
    double x[20], y[20], work[20];
    for (int i = 0; i < 20; i++) {
        x[i] = d[i] < 0 ? -d[i] : 0;
        y[i] = d[i] > 0 ? d[i] : 0;
    }
    s = stats_summarise_paired_events(x, y, 1, 20, work, 1.0);
    t = stats_summarise_paired(x, y, 1, 20, work);
    assert_true(fabs(t.ci95_low + 13.4127707) < 1e-6 && fabs(t.ci95_high + 8.9014720) < 1e-6);
    assert_true(fabs(s.ci95_low + 13.6767238) < 1e-6 && fabs(s.ci95_high + 9.3232762) < 1e-6);
}

/* A difference between scenarios as compare.csv gives it: where one side
 * rules the event out (no insolvency hazard), the difference is the
 * other side's count, with that count's own interval; where one event
 * adds different amounts on each side (turnover over other numbers of
 * reps), each side's 97.5 % interval bounds it. */
static void differences_of_counts_between_scenarios(void **state)
{
    (void)state;
    struct scenario sc[2];
    scenario_init_defaults(&sc[0]);
    scenario_init_defaults(&sc[1]);
    for (int k = 0; k < SEG_COUNT; k++)
        sc[0].segment[k].insolvency_hazard = 0;
    sc[0].sim.replications = sc[1].sim.replications = 5;
    struct replication_result ra[5] = {{0}}, rb[5] = {{0}}, *results[2] = {ra, rb};
    struct run_set set = {2, sc, results};
    double a[5], b[5], scratch[5];
    /* None seen on either side: not [0, 0] but the second's own bound. */
    struct stats_summary d = results_summarise_difference(&set, 1, M_INSOLVENCIES, a, b, scratch);
    struct stats_summary own = results_summarise_metric(&set, 1, M_INSOLVENCIES, b, scratch);
    assert_true(d.mean == 0 && d.ci95_low == 0 && d.ci95_high == own.ci95_high);
    assert_true(fabs(d.ci95_high + log(0.025) / 5) < 1e-9);
    /* The other way round: minus it. */
    set.scenario = (const struct scenario[]){sc[1], sc[0]};
    d = results_summarise_difference(&set, 1, M_INSOLVENCIES, a, b, scratch);
    assert_true(d.ci95_high == 0 && fabs(d.ci95_low - log(0.025) / 5) < 1e-9);
    /* Turnover on 20 reps against 10: a quit adds 365 / (20 x 365) and
     * 365 / (10 x 365). The difference's interval holds b's low end less
     * a's high end to b's high end less a's low end, at 97.5 % each. */
    set.scenario = sc;
    sc[0].reps.count = 20;
    sc[1].reps.count = 10;
    for (int r = 0; r < 5; r++) {
        ra[r].metric[M_REP_TURNOVER] = r < 2 ? 0.05 : 0;
        rb[r].metric[M_REP_TURNOVER] = r == 4 ? 0.1 : 0;
    }
    d = results_summarise_difference(&set, 1, M_REP_TURNOVER, a, b, scratch);
    struct stats_summary sa = stats_summarise_events_975(a, 1, 5, scratch, 0.05);
    struct stats_summary sb = stats_summarise_events_975(b, 1, 5, scratch, 0.1);
    assert_true(fabs(d.mean - 0.0) < 1e-12);
    assert_true(d.ci95_low <= sb.ci95_low - sa.ci95_high + 1e-12);
    assert_true(d.ci95_high >= sb.ci95_high - sa.ci95_low - 1e-12);
    assert_true(sb.ci95_high > stats_summarise_events(b, 1, 5, scratch, 0.1).ci95_high);
    /* Nothing written off on either side: not [0, 0], but each side's
     * no-loss bound at 97.5 %, -ln(0.0125) / 5 invoices of the mean
     * amount a replication, below 0 for the first and above for the
     * second. */
    double invoice = (double)sc[0].orders.amount_mean / 100.0;
    d = results_summarise_difference(&set, 1, M_BAD_DEBT, a, b, scratch);
    assert_true(d.mean == 0);
    assert_true(fabs(d.ci95_high + log(0.0125) / 5 * invoice) < 1e-6 * invoice);
    assert_true(d.ci95_low == -d.ci95_high);
    /* The rate where two replications sold nothing (no rate, NaN): the
     * three that sold lost nothing either side, so the no-loss bound
     * stands, over those three and their mean sales (100,000), not the
     * paired interval of zeros, [0, 0]. */
    for (int r = 0; r < 5; r++) {
        ra[r].metric[M_SALES] = rb[r].metric[M_SALES] = r < 2 ? 0 : 100000;
        ra[r].metric[M_BAD_DEBT_RATE] = rb[r].metric[M_BAD_DEBT_RATE] = r < 2 ? NAN : 0;
    }
    d = results_summarise_difference(&set, 1, M_BAD_DEBT_RATE, a, b, scratch);
    assert_true(d.n == 3 && d.mean == 0);
    assert_true(fabs(d.ci95_high + log(0.0125) / 3 * invoice / 100000) < 1e-12);
    assert_true(d.ci95_low == -d.ci95_high);
    /* Where either lost something, the paired t interval. */
    rb[2].metric[M_BAD_DEBT] = 1234;
    d = results_summarise_difference(&set, 1, M_BAD_DEBT, a, b, scratch);
    struct stats_summary t = stats_summarise_paired(a, b, 1, 5, scratch);
    assert_true(d.ci95_low == t.ci95_low && d.ci95_high == t.ci95_high);
}

/* What it is for: two scenarios whose rare events (0.3 and 0.2 a
 * replication) mostly coincide, as on common random numbers, compared
 * over 10 pairs. The paired t interval, often of zero width, misses the
 * difference of 0.1 in over a third of the runs; the hull covers it at
 * least 95 % of the time. */
static void paired_rare_events_are_covered(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 31415);
    const int trials = 4000;
    int covered = 0, t_covered = 0;
    double a[10], b[10], scratch[10];
    for (int k = 0; k < trials; k++) {
        for (int i = 0; i < 10; i++) {
            double common = gsl_ran_poisson(r, 0.2);
            a[i] = common;
            b[i] = common + gsl_ran_poisson(r, 0.1);
        }
        struct stats_summary s = stats_summarise_paired_events(a, b, 1, 10, scratch, 1.0);
        struct stats_summary t = stats_summarise_paired(a, b, 1, 10, scratch);
        covered += s.ci95_low <= 0.1 && 0.1 <= s.ci95_high;
        t_covered += t.ci95_low <= 0.1 && 0.1 <= t.ci95_high;
    }
    gsl_rng_free(r);
    assert_true(covered >= 0.95 * trials);
    assert_true(t_covered < 0.7 * trials);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interval_is_cut_to_what_is_possible),
        cmocka_unit_test(t_interval_of_one_to_five),
        cmocka_unit_test(hall_interval_by_hand),
        cmocka_unit_test(skewed_values_are_covered_better),
        cmocka_unit_test(interval_always_holds_the_mean),
        cmocka_unit_test(skips_non_finite_values),
        cmocka_unit_test(constant_values_give_a_zero_width_interval),
        cmocka_unit_test(one_value_has_no_interval),
        cmocka_unit_test(paired_differences),
        cmocka_unit_test(ratio_of_totals_by_hand),
        cmocka_unit_test(skewed_ratio_by_hand),
        cmocka_unit_test(share_of_units_by_hand),
        cmocka_unit_test(rare_events_get_a_poisson_interval),
        cmocka_unit_test(clustered_events_keep_the_t_interval),
        cmocka_unit_test(every_total_of_events_gets_an_interval),
        cmocka_unit_test(summary_widens_only_counts_of_events),
        cmocka_unit_test(screening_seen_nowhere_is_not_certain),
        cmocka_unit_test(rare_events_are_covered),
        cmocka_unit_test(paired_events_keep_a_poisson_bound),
        cmocka_unit_test(paired_rare_events_are_covered),
        cmocka_unit_test(differences_of_counts_between_scenarios),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
