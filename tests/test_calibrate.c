/* test_calibrate.c — the search on functions whose optimum is known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "huikuan/calibrate.h"

/* value[0] = objective(x), value[1] = constraint metric(x). */
struct fn {
    double (*objective)(double);
    double (*constraint)(double);
    int calls;
    double seen[1000];
};

static int eval(double x, double *value, void *ctx, struct hk_error *err)
{
    (void)err;
    struct fn *f = ctx;
    for (int i = 0; i < f->calls; i++)
        if (f->seen[i] == x)
            fail_msg("value %.17g evaluated twice", x);
    f->seen[f->calls++] = x;
    value[0] = f->objective(x);
    value[1] = f->constraint ? f->constraint(x) : 0;
    return HK_OK;
}

static struct calib_spec spec(int goal, double lo, double hi)
{
    struct calib_spec s;
    memset(&s, 0, sizeof s);
    s.goal = goal;
    s.lo = lo;
    s.hi = hi;
    s.grid = 11;
    s.max_iter = 60;
    return s;
}

static void constrain(struct calib_spec *s, int op, double bound)
{
    s->constraint[s->constraints].metric = 0;
    s->constraint[s->constraints].op = op;
    s->constraint[s->constraints].bound = bound;
    s->constraints++;
}

static double chosen(const struct calib_spec *s, struct fn *f, struct calib_result *r)
{
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(calib_run(s, eval, f, r, &err), HK_OK);
    assert_int_equal(r->count, f->calls);
    for (int i = 0; i < r->count; i++)
        assert_true(r->points[i].x >= s->lo && r->points[i].x <= s->hi);
    return r->chosen >= 0 ? r->points[r->chosen].x : NAN;
}

static double hill(double x) { return -(x - 0.3) * (x - 0.3); }
static double identity(double x) { return x; }
static double square(double x) { return x * x; }
static double cube(double x) { return x * x * x; }
static double bowl(double x) { return (x - 2) * (x - 2); }
static double tilted(double x) { return -(x - 3.4) * (x - 3.4); }
/* 100,000 x rate, rounded to the cent, as the seed example's commission. */
static double commission(double rate) { return round(100000.0 * rate * 100.0) / 100.0; }

static void interior_maximum(void **state)
{
    (void)state;
    struct fn f = {hill, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0.05, 1);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    assert_true(fabs(x - 0.3) < 1e-4);
    assert_true(r.count < 11 + 60);
    calib_result_free(&r);
}

static void binding_constraint(void **state)
{
    (void)state;
    /* max x subject to x^2 <= 0.5: x = sqrt(0.5), approached from inside. */
    struct fn f = {identity, square, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    constrain(&s, OP_LE, 0.5);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    assert_true(x <= sqrt(0.5));
    assert_true(sqrt(0.5) - x <= 2 * r.tol);
    assert_true(r.points[r.chosen].feasible);
    calib_result_free(&r);
}

static void minimum_against_a_lower_bound(void **state)
{
    (void)state;
    /* min (x-2)^2 subject to x >= 2.5 on [0, 5]: x = 2.5. */
    struct fn f = {bowl, identity, 0, {0}};
    struct calib_spec s = spec(CALIB_MINIMIZE, 0, 5.3);
    constrain(&s, OP_GE, 2.5);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_true(x >= 2.5 && x - 2.5 <= 2 * r.tol);
    calib_result_free(&r);
}

static void target_by_root_finding(void **state)
{
    (void)state;
    struct fn f = {cube, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_TARGET, 0.05, 1);
    s.target = 0.125;
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    assert_true(fabs(x - 0.5) < 1e-5);
    calib_result_free(&r);
}

static void target_on_a_rounded_metric(void **state)
{
    (void)state;
    struct fn f = {commission, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_TARGET, 0.01, 0.2);
    s.target = 5000;
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_true(fabs(x - 0.05) < 1e-6);
    assert_true(commission(x) == 5000);
    calib_result_free(&r);
}

/* 300 - 10 x: the seed example's penalties against whole grace days. */
static double falling_steps(double x) { return 300 - 10 * x; }
static double rising_steps(double x) { return 10 * x; }
/* 0.7 at 4, 0.9 at 5 (farther from 0.8 elsewhere): as near 0.8 in
 * decimals, but not in binary (0.10000000000000009 below,
 * 0.09999999999999998 above). */
static double tenths(double x) { return x < 4.5 ? 0.7 - (4 - x) : 0.9 + (x - 5); }

/* A target halfway between two whole numbers' means: both are as near,
 * and the lower is chosen, whichever the search evaluated first (falling,
 * it comes to 5 before 4; rising, to 26 before 25 on 0..30 with a grid of
 * 11: 24 and 27 bracket it). */
static void of_two_as_near_the_lower(void **state)
{
    (void)state;
    double (*metric[])(double) = {falling_steps, rising_steps, tenths};
    double target[] = {255, 255, 0.8}, lower[] = {4, 25, 4};
    for (int k = 0; k < 3; k++) {
        struct fn f = {metric[k], NULL, 0, {0}};
        struct calib_spec s = spec(CALIB_TARGET, 0, 30);
        s.resolution = 1;
        s.target = target[k];
        struct calib_result r;
        double x = chosen(&s, &f, &r);
        assert_true(x == lower[k]);
        int seen_above = 0;
        for (int i = 0; i < r.count; i++)
            seen_above |= r.points[i].x == lower[k] + 1;
        assert_true(seen_above);
        calib_result_free(&r);
    }
}

static void nothing_feasible(void **state)
{
    (void)state;
    struct fn f = {identity, identity, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    constrain(&s, OP_LT, -1);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_true(isnan(x));
    assert_int_equal(r.outcome, CALIB_INFEASIBLE);
    assert_int_equal(r.count, 11);
    for (int i = 0; i < r.count; i++)
        assert_false(r.points[i].feasible);
    calib_result_free(&r);
}

static void target_out_of_reach(void **state)
{
    (void)state;
    struct fn f = {cube, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_TARGET, 0, 1);
    s.target = 5;
    struct calib_result r;
    chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_NOT_REACHED);
    assert_int_equal(r.chosen, -1);
    calib_result_free(&r);
}

/* A target the grid's means all fall short of, reached at a narrow peak
 * between grid values (inside the grid, and in its first cell): found by
 * looking where the grid came nearest, not called out of reach. */
static double narrow_peak_at;
static double narrow_peak(double x)
{
    double z = (x - narrow_peak_at) / 0.02;
    return exp(-z * z);
}

static void target_between_grid_values(void **state)
{
    (void)state;
    static const double peaks[] = {0.33, 0.03, 0.97};
    double half = 0.02 * sqrt(log(2.0)); /* the peak is 0.5 at +-half */
    for (size_t k = 0; k < sizeof peaks / sizeof *peaks; k++) {
        narrow_peak_at = peaks[k];
        struct fn f = {narrow_peak, NULL, 0, {0}};
        struct calib_spec s = spec(CALIB_TARGET, 0, 1);
        s.target = 0.5;
        struct calib_result r;
        double x = chosen(&s, &f, &r);
        for (int j = 0; j < r.grid_count; j++)
            assert_true(r.points[r.grid[j]].value[0] < 0.5);
        assert_int_equal(r.outcome, CALIB_CHOSEN);
        if (fabs(fabs(x - narrow_peak_at) - half) > 2 * r.tol)
            fail_msg("peak at %g: target found at %.9g, not %g or %g", narrow_peak_at, x,
                     narrow_peak_at - half, narrow_peak_at + half);
        assert_true(r.between_from <= x && x <= r.between_to);
        calib_result_free(&r);
    }
    /* Under a constraint that rules out one side of the peak, the other:
     * x >= 0.34 with the peak at 0.35 (crossing at 0.3334 and 0.3667),
     * x <= 0.96 with it at 0.97, inside the grid's last cell (0.9533 and
     * 0.9867). */
    static const struct { double at; int op; double bound, want; } side[] = {
        {0.35, OP_GE, 0.34, 0.35 + 0.02 * 0.83255461115769775},
        {0.97, OP_LE, 0.96, 0.97 - 0.02 * 0.83255461115769775},
    };
    for (size_t k = 0; k < sizeof side / sizeof *side; k++) {
        narrow_peak_at = side[k].at;
        struct fn f = {narrow_peak, identity, 0, {0}};
        struct calib_spec s = spec(CALIB_TARGET, 0, 1);
        s.target = 0.5;
        constrain(&s, side[k].op, side[k].bound);
        struct calib_result r;
        double x = chosen(&s, &f, &r);
        assert_int_equal(r.outcome, CALIB_CHOSEN);
        if (fabs(x - side[k].want) > 2 * r.tol)
            fail_msg("peak at %g under a limit at %g: target found at %.9g, not %.9g",
                     side[k].at, side[k].bound, x, side[k].want);
        calib_result_free(&r);
    }
    /* A peak that does not reach it: still out of reach, after a look. */
    narrow_peak_at = 0.33;
    struct fn g = {narrow_peak, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_TARGET, 0, 1);
    s.target = 1.5;
    struct calib_result r;
    chosen(&s, &g, &r);
    assert_int_equal(r.outcome, CALIB_NOT_REACHED);
    assert_true(r.count > r.grid_count && r.between_from > r.between_to);
    calib_result_free(&r);
}

static void whole_numbers(void **state)
{
    (void)state;
    struct fn f = {tilted, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 30);
    s.resolution = 1;
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_true(x == 3);
    for (int i = 0; i < r.count; i++)
        assert_true(r.points[i].x == floor(r.points[i].x));
    calib_result_free(&r);
}

/* A range written to the cent ends where it is written: 506 x 0.01 is
 * 5.0600000000000005, and the grid had stopped at 5.05. */
static void grid_reaches_a_range_end_in_cents(void **state)
{
    (void)state;
    struct fn f = {identity, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 5, 5.06);
    s.resolution = 0.01;
    s.grid = 7;
    struct calib_result r;
    assert_true(chosen(&s, &f, &r) == 5.06);
    assert_int_equal(r.grid_count, 7);
    for (int k = 0; k < r.grid_count; k++)
        assert_true(r.points[r.grid[k]].x == 5 + k / 100.0 ||
                    fabs(r.points[r.grid[k]].x - (5 + k / 100.0)) < 1e-12);
    calib_result_free(&r);
}

/* The grid: the first evaluations, in increasing x, each value once
 * even where rounding to whole numbers makes two grid values one. */
static void grid_in_order_without_repeats(void **state)
{
    (void)state;
    struct fn f = {tilted, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 4);
    s.resolution = 1;
    struct calib_result r;
    chosen(&s, &f, &r);
    assert_int_equal(r.grid_count, 5);
    for (int k = 0; k < r.grid_count; k++) {
        assert_int_equal(r.grid[k], k);
        assert_true(r.points[r.grid[k]].x == k);
    }
    calib_result_free(&r);
    assert_null(r.grid);
}

/* Where the optimum may lie, from hand-set verdicts on a grid. */
/* good[0] is the grid's best (2), the rest as good as it (1). */
static struct calib_grid_span span_of(const struct calib_result *r, const struct calib_spec *s,
                                      const int *good, int n)
{
    signed char flags[1000];
    memset(flags, -1, sizeof flags);
    for (int k = 0; k < r->grid_count; k++)
        flags[r->grid[k]] = 0;
    for (int i = 0; i < n; i++)
        flags[r->grid[good[i]]] = i == 0 ? 2 : 1;
    return calib_grid_span(r, s, flags);
}

/* An 11-value grid over [0, 1] (0, 0.1, ..., 1) on hill(x), whose best
 * grid value is 0.3. */
static void grid_span_from_verdicts(void **state)
{
    (void)state;
    struct fn f = {hill, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    struct calib_result r;
    chosen(&s, &f, &r);
    assert_int_equal(r.grid_count, 11);
    assert_true(r.count > 11); /* refinement points are not the grid's */

    struct calib_grid_span g = span_of(&r, &s, NULL, 0);
    assert_int_equal(g.as_good, 0);

    /* The best alone: between its neighbours, as the refinement assumes. */
    g = span_of(&r, &s, (int[]){3}, 1);
    assert_int_equal(g.as_good, 1);
    assert_true(g.from == 0.2 && g.to == 0.4);

    /* Two side by side: from the value before the first to the one after
     * the last; the best named is the one marked so. */
    g = span_of(&r, &s, (int[]){3, 4}, 2);
    assert_int_equal(g.as_good, 2);
    assert_int_equal(g.first, 3);
    assert_int_equal(g.last, 4);
    assert_true(r.points[g.best].x == 0.3);
    assert_int_equal(g.worse_between, 0);
    assert_int_equal(g.excluded_between, 0);
    assert_true(g.unevaluated);
    assert_true(g.from == 0.2 && g.to == 0.5);

    /* At the ends of the range the span stops there; worse values between
     * two as good are counted (more than one local optimum), and values
     * that break a constraint apart from them. */
    r.points[r.grid[5]].feasible = 0;
    r.points[r.grid[6]].feasible = 0;
    g = span_of(&r, &s, (int[]){3, 0, 2, 10}, 4);
    assert_int_equal(g.as_good, 4);
    assert_true(r.points[g.best].x == 0.3);
    assert_int_equal(g.worse_between, 5); /* 1, 4, 7, 8, 9 */
    assert_int_equal(g.excluded_between, 2);
    assert_true(g.from == 0 && g.to == 1);

    calib_result_free(&r);
}

/* Whole numbers one apart: nothing lies between two grid values, so the
 * span ends at the first and last as good, and every value in it was
 * evaluated; a gap of two leaves one value between, unevaluated. */
static void grid_span_of_whole_numbers(void **state)
{
    (void)state;
    struct fn f = {tilted, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 6);
    s.resolution = 1;
    s.grid = 7;
    struct calib_result r;
    chosen(&s, &f, &r);
    assert_int_equal(r.grid_count, 7);
    struct calib_grid_span g = span_of(&r, &s, (int[]){3, 2, 4}, 3);
    assert_true(g.from == 2 && g.to == 4);
    assert_int_equal(g.unevaluated, 0);
    calib_result_free(&r);

    struct fn f2 = {tilted, NULL, 0, {0}};
    s = spec(CALIB_MAXIMIZE, 0, 12);
    s.resolution = 1;
    s.grid = 7; /* 0, 2, ..., 12 */
    s.max_iter = 1;
    chosen(&s, &f2, &r);
    g = span_of(&r, &s, (int[]){2, 1}, 2); /* 4 and 2 */
    assert_true(g.from == 0 && g.to == 6);
    assert_int_equal(g.unevaluated, 1); /* 1 and 5 at least */
    calib_result_free(&r);
}

/* The sentence calibrate prints and the report shows. */
static void grid_span_sentence(void **state)
{
    (void)state;
    struct calib_grid_span g = {.as_good = 3, .worse_between = 1, .excluded_between = 2,
                                .unevaluated = 1};
    struct calib_span_words w = {"0.09", "0.06", "0.12", "0.03", "0.15", "firm_profit", "; note", 11,
                                 0};
    char buf[1024];
    assert_int_equal(calib_grid_span_sentence(&g, &w, buf, sizeof buf), 1);
    assert_string_equal(buf,
        "the grid cannot tell its best value, 0.09, from 2 others within Monte Carlo error on "
        "other replications (3 of its 11 values, 0.06 to 0.12; note): the optimum may lie "
        "anywhere from 0.03 to 0.15, and values there that the search did not evaluate may do "
        "better than the one chosen; worse "
        "grid values lie between them, so firm_profit may have more than one local optimum, and "
        "the value chosen lies beside one; 2 grid values between them break a constraint; more "
        "replications (-n) would narrow it");
    g = (struct calib_grid_span){.as_good = 2};
    calib_grid_span_sentence(&g, &w, buf, sizeof buf);
    assert_string_equal(buf,
        "the grid cannot tell its best value, 0.09, from 1 other within Monte Carlo error on "
        "other replications (2 of its 11 values, 0.06 to 0.12; note): the optimum may lie "
        "anywhere from 0.03 to 0.15 (every value there was evaluated); more replications (-n) "
        "would narrow it");
    /* The same in every replication: not Monte Carlo error. */
    g = (struct calib_grid_span){.as_good = 3, .same_everywhere = 1};
    calib_grid_span_sentence(&g, &w, buf, sizeof buf);
    assert_string_equal(buf,
        "firm_profit is the same in every replication of the search at the grid's best value, "
        "0.09, and at 2 others (3 of its 11 values, 0.06 to 0.12; note): the key does not move it there, and "
        "the optimum may lie anywhere from 0.03 to 0.15 (every value there was evaluated); more "
        "replications (-n) would not tell them apart");
    g = (struct calib_grid_span){.as_good = 2};
    /* Cut short, never past the buffer. */
    char small[40];
    calib_grid_span_sentence(&g, &w, small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    g.as_good = 1;
    assert_int_equal(calib_grid_span_sentence(&g, &w, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

static void monotone_objective_picks_the_end(void **state)
{
    (void)state;
    struct fn f = {identity, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MINIMIZE, 0.1, 0.9);
    struct calib_result r;
    assert_true(chosen(&s, &f, &r) == 0.1);
    calib_result_free(&r);
}

static double peak_at;
static double peak(double x) { return -(x - peak_at) * (x - peak_at); }
static double near_zero(double x) { return -(x - 0.015) * (x - 0.015); }
static double near_one(double x) { return -(x - 0.97) * (x - 0.97); }

/* The optimum inside the grid's first or last cell: the grid's best is
 * the end, its one neighbour worse, and only a look between them finds
 * the peak (a late penalty's best rate is often just above 0). */
static void optimum_beside_an_end_of_the_range(void **state)
{
    (void)state;
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    struct calib_result r;
    double x;
    /* Anywhere in the first cell, and in the last: found to the tolerance. */
    static const double peaks[] = {0.003, 0.012, 0.015, 0.016, 0.017, 0.02, 0.029, 0.045,
                                   0.955, 0.97, 0.985, 0.997};
    for (size_t i = 0; i < sizeof peaks / sizeof peaks[0]; i++) {
        peak_at = peaks[i];
        struct fn f = {peak, NULL, 0, {0}};
        x = chosen(&s, &f, &r);
        assert_int_equal(r.outcome, CALIB_CHOSEN);
        assert_true(r.points[r.grid_best].x == (peak_at < 0.5 ? 0 : 1));
        if (fabs(x - peak_at) > 2 * r.tol)
            fail_msg("peak at %g found at %.9g (tolerance %g)", peak_at, x, r.tol);
        calib_result_free(&r);
    }
    struct fn g = {near_one, NULL, 0, {0}};
    x = chosen(&s, &g, &r);
    assert_true(fabs(x - 0.97) <= 2 * r.tol);
    calib_result_free(&r);

    /* ... and where a constraint binds inside that cell: max -(x-0.015)^2
     * with x <= 0.01 lies at 0.01. */
    struct fn h = {near_zero, identity, 0, {0}};
    constrain(&s, OP_LE, 0.01);
    x = chosen(&s, &h, &r);
    assert_true(x <= 0.01 && 0.01 - x <= 2 * r.tol);
    calib_result_free(&r);
    /* ... or does not: max -(x-0.02)^2 with x <= 0.03 lies at 0.02. */
    peak_at = 0.02;
    struct fn k = {peak, identity, 0, {0}};
    s.constraint[0].bound = 0.03;
    x = chosen(&s, &k, &r);
    if (fabs(x - 0.02) > 2 * r.tol)
        fail_msg("peak at 0.02 below a limit at 0.03 found at %.9g", x);
    calib_result_free(&r);
}

/* Undefined below 0.25 (no replication had a value there): the grid's
 * 0, 0.1 and 0.2 have none. */
static double peak_defined_from_quarter(double x) { return x < 0.25 ? NAN : peak(x); }
static double narrow_peak_defined_from_quarter(double x) { return x < 0.25 ? NAN : narrow_peak(x); }

/* The grid's best value has a neighbour without a value: the cell on
 * its other side is looked at as beside an end of the range (it had not
 * been: the peak at 0.33 was given as 0.3, the target beside it called
 * out of reach). */
static void optimum_beside_a_value_undefined(void **state)
{
    (void)state;
    peak_at = 0.33;
    struct fn f = {peak_defined_from_quarter, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    assert_true(r.points[r.grid_best].x == 0.3);
    if (fabs(x - 0.33) > 2 * r.tol)
        fail_msg("peak at 0.33 beside undefined values found at %.9g", x);
    calib_result_free(&r);

    narrow_peak_at = 0.33;
    struct fn g = {narrow_peak_defined_from_quarter, NULL, 0, {0}};
    s = spec(CALIB_TARGET, 0, 1);
    s.target = 0.5;
    x = chosen(&s, &g, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    double half = 0.02 * sqrt(log(2.0));
    if (fabs(fabs(x - 0.33) - half) > 2 * r.tol)
        fail_msg("target beside undefined values found at %.9g, not %g or %g", x, 0.33 - half,
                 0.33 + half);
    calib_result_free(&r);
}

/* A whole-number key's cell of one holds nothing to look at. */
static void no_look_between_whole_numbers_one_apart(void **state)
{
    (void)state;
    struct fn f = {identity, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MINIMIZE, 0, 10);
    s.resolution = 1;
    struct calib_result r;
    assert_true(chosen(&s, &f, &r) == 0);
    assert_int_equal(r.count, 11); /* the grid, and nothing more */
    calib_result_free(&r);
}

/* A constraint holds only when its whole interval meets it: the mean
 * alone (the search's feasibility) says nothing of the replications. */
static void verdict_from_the_interval(void **state)
{
    (void)state;
    struct metric_condition ge = {0, OP_GE, 35e6}, lt = {0, OP_LT, 0.15};
    assert_int_equal(calib_verdict(&ge, 35.5e6, 36.5e6), CALIB_HOLDS);
    assert_int_equal(calib_verdict(&ge, 33.5e6, 37.9e6), CALIB_UNCERTAIN);
    assert_int_equal(calib_verdict(&ge, 33e6, 36e6), CALIB_UNCERTAIN);
    assert_int_equal(calib_verdict(&ge, 28e6, 33.1e6), CALIB_FAILS);
    assert_int_equal(calib_verdict(&ge, 35e6, 35e6), CALIB_HOLDS);
    assert_int_equal(calib_verdict(&lt, 0.05, 0.15), CALIB_UNCERTAIN);
    assert_int_equal(calib_verdict(&lt, 0.15, 0.25), CALIB_FAILS);
    /* A value in one replication or none: no interval, nothing sure. */
    assert_int_equal(calib_verdict(&lt, NAN, NAN), CALIB_UNCERTAIN);
    assert_int_equal(calib_verdict(&ge, NAN, NAN), CALIB_UNCERTAIN);
    assert_int_equal(calib_verdict(&ge, 36e6, INFINITY), CALIB_UNCERTAIN);
    assert_string_equal(calib_verdict_name(CALIB_UNCERTAIN), "uncertain");
}

/* A target on other replications: held where their interval holds it;
 * a miss is clear only beyond that interval's and the search's
 * half-widths on the facing sides together: here 3 and 4 make 5. */
static void target_verdict_beside_the_search(void **state)
{
    (void)state;
    double search[3] = {100.2, 96.2, 104.5}; /* met 100 with 4 below */
    double here[3] = {98, 95, 101};
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_HOLDS);
    here[0] = 95.5, here[1] = 92.5, here[2] = 98.5; /* misses by 4.5: within 5 */
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_UNCERTAIN);
    here[0] = 94.9, here[1] = 91.9, here[2] = 97.9; /* by 5.1 */
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_FAILS);
    /* Above: this run's lower half (3) and the search's upper (4.3). */
    here[0] = 105.2, here[1] = 102.2, here[2] = 108.2; /* by 5.2: within 5.24 */
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_UNCERTAIN);
    here[0] = 105.3, here[1] = 102.3, here[2] = 108.3;
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_FAILS);
    /* No interval here: nothing sure; none in the search: this one's alone. */
    here[1] = here[2] = NAN;
    assert_int_equal(calib_target_verdict(100, search, here), CALIB_UNCERTAIN);
    double none[3] = {100, NAN, NAN}, near[3] = {96.5, 93.5, 99.5};
    assert_int_equal(calib_target_verdict(100, none, near), CALIB_FAILS);
}

static double peak_at_a_grid_value(double x) { return -fabs(x - 0.2); }

/* Brent probes as near as 1.5e-8 x |x| to its best point; a value within
 * the tolerance of one evaluated is answered by it, not run again. */
static void no_two_values_within_the_tolerance(void **state)
{
    (void)state;
    struct fn f = {peak_at_a_grid_value, NULL, 0, {0}};
    struct calib_spec s = spec(CALIB_MAXIMIZE, 0, 1);
    struct calib_result r;
    double x = chosen(&s, &f, &r);
    assert_int_equal(r.outcome, CALIB_CHOSEN);
    assert_true(fabs(x - 0.2) < r.tol);
    assert_true(r.count > s.grid); /* it did refine */
    for (int i = 0; i < r.count; i++)
        for (int j = 0; j < i; j++)
            if (fabs(r.points[i].x - r.points[j].x) < r.tol)
                fail_msg("%.17g and %.17g were both evaluated, %.3g apart (tolerance %.3g)",
                         r.points[i].x, r.points[j].x, fabs(r.points[i].x - r.points[j].x),
                         r.tol);
    calib_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interior_maximum),
        cmocka_unit_test(of_two_as_near_the_lower),
        cmocka_unit_test(binding_constraint),
        cmocka_unit_test(minimum_against_a_lower_bound),
        cmocka_unit_test(target_by_root_finding),
        cmocka_unit_test(target_on_a_rounded_metric),
        cmocka_unit_test(nothing_feasible),
        cmocka_unit_test(target_out_of_reach),
        cmocka_unit_test(target_between_grid_values),
        cmocka_unit_test(whole_numbers),
        cmocka_unit_test(grid_in_order_without_repeats),
        cmocka_unit_test(grid_reaches_a_range_end_in_cents),
        cmocka_unit_test(grid_span_from_verdicts),
        cmocka_unit_test(grid_span_of_whole_numbers),
        cmocka_unit_test(grid_span_sentence),
        cmocka_unit_test(monotone_objective_picks_the_end),
        cmocka_unit_test(optimum_beside_an_end_of_the_range),
        cmocka_unit_test(optimum_beside_a_value_undefined),
        cmocka_unit_test(no_look_between_whole_numbers_one_apart),
        cmocka_unit_test(verdict_from_the_interval),
        cmocka_unit_test(target_verdict_beside_the_search),
        cmocka_unit_test(no_two_values_within_the_tolerance),
    };
    return cmocka_run_group_tests_name("calibrate", tests, NULL, NULL);
}
