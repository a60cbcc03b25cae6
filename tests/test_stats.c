/* test_stats.c — mean, sd and the t interval against hand values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

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
    cut = stats_summarise_within(shares, 1, 3, scratch, 0.0, 1.0);
    assert_true(cut.ci95_high == 1.0);
    assert_true(cut.ci95_low > 0.8 && cut.ci95_low < cut.mean);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interval_is_cut_to_what_is_possible),
        cmocka_unit_test(t_interval_of_one_to_five),
        cmocka_unit_test(skips_non_finite_values),
        cmocka_unit_test(constant_values_give_a_zero_width_interval),
        cmocka_unit_test(one_value_has_no_interval),
        cmocka_unit_test(paired_differences),
        cmocka_unit_test(ratio_of_totals_by_hand),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
