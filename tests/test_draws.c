/* test_draws.c — the counted samplers: what they return, what they count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "huikuan/draws.h"

/* Two generators in the same state: one for the sampler under test, one
 * for what it should have drawn. */
static gsl_rng *rng, *twin;

static int setup(void **state)
{
    (void)state;
    rng = gsl_rng_alloc(gsl_rng_taus2);
    twin = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 7);
    gsl_rng_set(twin, 7);
    draws_reset();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gsl_rng_free(rng);
    gsl_rng_free(twin);
    return 0;
}

static void each_kind_is_counted_once_per_draw(void **state)
{
    (void)state;
    double p[3] = {0.2, 0.3, 0.5};
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(3, p);
    for (int i = 0; i < 5; i++)
        draw_uniform(rng);
    for (int i = 0; i < 4; i++)
        draw_gaussian(rng, 2.0);
    for (int i = 0; i < 3; i++)
        draw_lognormal(rng, 0.0, 0.5);
    for (int i = 0; i < 2; i++)
        draw_geometric(rng, 0.1);
    draw_exponential(rng, 3.0);
    draw_discrete(rng, table);
    draw_discrete(rng, table);
    gsl_ran_discrete_free(table);
    struct draw_counts c = draws_get();
    assert_int_equal(c.n[DRAW_UNIFORM], 5);
    assert_int_equal(c.n[DRAW_GAUSSIAN], 4);
    assert_int_equal(c.n[DRAW_LOGNORMAL], 3);
    assert_int_equal(c.n[DRAW_GEOMETRIC], 2);
    assert_int_equal(c.n[DRAW_EXPONENTIAL], 1);
    assert_int_equal(c.n[DRAW_DISCRETE], 2);
    assert_int_equal(draws_total(&c), 17);
    /* A tally taken away and put back is the same tally. */
    draws_reset();
    struct draw_counts zero = draws_get();
    assert_int_equal(draws_total(&zero), 0);
    draws_set(&c);
    assert_memory_equal(draws_get().n, c.n, sizeof c.n);
}

static void a_lognormal_is_exp_of_one_normal_draw(void **state)
{
    (void)state;
    for (int i = 0; i < 1000; i++) {
        double got = draw_lognormal(rng, -0.3, 0.7);
        double want = exp(-0.3 + 0.7 * gsl_ran_gaussian_ziggurat(twin, 1.0));
        assert_true(got == want); /* bit for bit: the same numbers */
    }
}

/* mean and sd as asked, the stream one normal further each time */
static void lognormal_by_mean_and_sd(void **state)
{
    (void)state;
    enum { N = 200000 };
    static double x[N];
    for (int i = 0; i < N; i++)
        x[i] = draw_lognormal_mean_sd(rng, 50.0, 20.0);
    double mean = gsl_stats_mean(x, 1, N), sd = gsl_stats_sd(x, 1, N);
    /* The sample mean's standard error is 20 / sqrt(N) = 0.045: 5 of them. */
    assert_true(fabs(mean - 50.0) < 5 * 20.0 / sqrt(N));
    assert_true(fabs(sd - 20.0) < 0.5);
    for (int i = 0; i < N; i++)
        assert_true(x[i] > 0);
    assert_int_equal(draws_get().n[DRAW_LOGNORMAL], N);
    for (int i = 0; i < N; i++)
        gsl_ran_gaussian_ziggurat(twin, 1.0);
    assert_true(gsl_rng_get(rng) == gsl_rng_get(twin));
}

/* Parameters are remembered per (mean, sd) in a few slots: with many
 * pairs taking turns, slots are shared and overwritten, and every draw
 * must still use its own pair's parameters, bit for bit. */
static void remembered_parameters_are_never_another_pairs(void **state)
{
    (void)state;
    enum { PAIRS = 40 };
    for (int i = 0; i < 20000; i++) {
        int k = (i * 7) % PAIRS;
        /* pairs share a mean, or an sd, with others */
        double mean = 5.0 + 3.0 * (k / 2), sd = k % 2 ? 1.0 : 0.5 * mean;
        double got = draw_lognormal_mean_sd(rng, mean, sd);
        double sigma2 = log1p((sd * sd) / (mean * mean));
        double want = exp(log(mean) - 0.5 * sigma2 +
                          sqrt(sigma2) * gsl_ran_gaussian_ziggurat(twin, 1.0));
        assert_true(got == want);
    }
}

static void degenerate_lognormals_still_draw_one_normal(void **state)
{
    (void)state;
    assert_true(draw_lognormal_mean_sd(rng, 42.0, 0.0) == 42.0);
    assert_true(draw_lognormal_mean_sd(rng, 0.0, 5.0) == 0.0);
    assert_true(draw_lognormal_mean_sd(rng, -3.0, 5.0) == 0.0);
    /* A mean whose square underflows (a delay of 1e-200 days, in range):
     * as good as 0, not exp(-inf + inf z), which is NaN. */
    assert_true(draw_lognormal_mean_sd(rng, 1e-200, 5.0) == 1e-200);
    struct draw_counts c = draws_get();
    assert_int_equal(c.n[DRAW_GAUSSIAN], 4);
    assert_int_equal(c.n[DRAW_LOGNORMAL], 0);
    /* Both generators have moved four normals on: they agree again. */
    for (int i = 0; i < 4; i++)
        gsl_ran_gaussian_ziggurat(twin, 1.0);
    assert_true(gsl_rng_get(rng) == gsl_rng_get(twin));
}

static void the_replay_takes_time_for_draws_and_none_without(void **state)
{
    (void)state;
    struct draw_counts none = {{0}}, some = {{0}};
    for (int k = 0; k < DRAW_KINDS; k++)
        some.n[k] = 100000;
    double t0 = draws_replay_seconds(&none, gsl_rng_taus2);
    double t1 = draws_replay_seconds(&some, gsl_rng_taus2);
    assert_true(t0 >= 0 && t0 < 0.01);
    assert_true(t1 > 0);
}

/* The wide geometric is GSL's draw from the same uniform, kept as a
 * double: equal to gsl_ran_geometric where that fits its unsigned int,
 * and at a chance of 1e-12, where GSL's count wraps past 2^32, a count
 * of trials about 1e12 on average (the mean of 4,000 within 5 %), never
 * below 1. */
static void a_wide_geometric_is_gsls_without_the_wrap(void **state)
{
    (void)state;
    const double p[] = {1.0, 0.5, 0.01, 1e-6};
    /* At least 1, and rounded down GSL's count */
    for (size_t k = 0; k < sizeof p / sizeof p[0]; k++)
        for (int i = 0; i < 1000; i++)
            assert_true(floor(draw_geometric_unrounded_log(rng, p[k], log(1 - p[k]))) ==
                        (double)gsl_ran_geometric(twin, p[k]));
    for (size_t k = 0; k < sizeof p / sizeof p[0]; k++)
        for (int i = 0; i < 1000; i++) {
            double n = draw_geometric_unrounded_log(rng, p[k], log(1 - p[k]));
            assert_true(n >= 1);
            assert_true((unsigned int)n == gsl_ran_geometric(twin, p[k]));
        }
    draws_reset();
    double sum = 0, least = INFINITY;
    for (int i = 0; i < 4000; i++) {
        double n = floor(draw_geometric_unrounded_log(rng, 1e-12, log1p(-1e-12)));
        sum += n;
        least = fmin(least, n);
    }
    assert_true(least >= 1);
    assert_true(fabs(sum / 4000 / 1e12 - 1.0) < 0.05);
    assert_int_equal(draws_get().n[DRAW_GEOMETRIC_KEPT], 4000);
    /* With log(1 - p) kept by the caller: one logarithm a draw, counted
     * apart so that the RNG-only bound replays it as cheaply. */
    draws_reset();
    for (int i = 0; i < 10; i++)
        draw_geometric_unrounded_log(rng, 0.1, log(0.9));
    assert_int_equal(draws_get().n[DRAW_GEOMETRIC_KEPT], 10);
    assert_int_equal(draws_get().n[DRAW_GEOMETRIC], 0);
}

/* A draw that takes no logarithm is replayed as what it is, a uniform:
 * GSL's geometric at p = 1 (which a call gap at a chance too small for
 * 1 - p to differ from 1 draws, for "never") and the kept-log draw at 1. */
static void a_geometric_without_a_logarithm_counts_as_a_uniform(void **state)
{
    (void)state;
    draws_reset();
    assert_int_equal(draw_geometric(rng, 1.0), 1);
    assert_true(draw_geometric_unrounded_log(rng, 1.0, log(0.0)) == 1.0);
    struct draw_counts c = draws_get();
    assert_int_equal(c.n[DRAW_UNIFORM], 2);
    assert_int_equal(c.n[DRAW_GEOMETRIC] + c.n[DRAW_GEOMETRIC_KEPT], 0);
    /* The same numbers as GSL's: one uniform each. */
    for (int i = 0; i < 2; i++)
        gsl_rng_uniform_pos(twin);
    assert_true(gsl_rng_get(rng) == gsl_rng_get(twin));
    /* Below 1 they are geometrics, of their two kinds. */
    draw_geometric(rng, 0.5);
    draw_geometric_unrounded_log(rng, 0.5, log(0.5));
    assert_int_equal(draws_get().n[DRAW_GEOMETRIC], 1);
    assert_int_equal(draws_get().n[DRAW_GEOMETRIC_KEPT], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_kind_is_counted_once_per_draw, setup, teardown),
        cmocka_unit_test_setup_teardown(a_lognormal_is_exp_of_one_normal_draw, setup, teardown),
        cmocka_unit_test_setup_teardown(a_wide_geometric_is_gsls_without_the_wrap, setup, teardown),
        cmocka_unit_test_setup_teardown(a_geometric_without_a_logarithm_counts_as_a_uniform, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(lognormal_by_mean_and_sd, setup, teardown),
        cmocka_unit_test_setup_teardown(remembered_parameters_are_never_another_pairs, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(degenerate_lognormals_still_draw_one_normal, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_replay_takes_time_for_draws_and_none_without, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
