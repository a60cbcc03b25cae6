/*
 * calibrate.c — grid, then GSL Brent (minimiser or root finder), then
 * the best feasible evaluated value. See calibrate.h for the method.
 *
 * Invariant: every value handed to the callback is snapped and inside
 * [lo, hi], and no value is handed to it twice; points[] holds each
 * evaluation once, in the order made.
 */
#include "huikuan/calibrate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stands in for an undefined objective, so GSL sees finite numbers. */
#define WORST 1e300

struct search {
    const struct calib_spec *spec;
    calib_eval_fn eval;
    void *ctx;
    struct calib_result *res;
    struct hk_error *err;
    double tol;
    int failed;
    double same_within; /* a value this near an evaluated one is that value */
    /* What the minimiser and the steps beside an end minimise: the cost,
     * or while a target is sought between grid values, how far the mean
     * falls short of it (toward_target), stopping once past it. */
    double (*measure)(const struct search *s, int i);
    double toward;      /* +1: the mean must fall to the target, -1: rise */
    int crossed;        /* a point found past the target, -1 if none */
};

double calib_default_tol(const struct calib_spec *spec)
{
    double tol = (spec->hi - spec->lo) * 1e-5;
    return tol > spec->resolution ? tol : spec->resolution;
}

/* x as 12 significant digits give it: how values are written and read. */
static double twelve_digits(double x)
{
    char text[64];
    snprintf(text, sizeof text, "%.12g", x);
    return strtod(text, NULL);
}

static double snap(const struct calib_spec *spec, double x)
{
    if (!(x >= spec->lo))
        x = spec->lo;
    if (x > spec->hi)
        x = spec->hi;
    if (spec->resolution > 0) {
        /* Compared with the range as written: 506 x 0.01 is
         * 5.0600000000000005, past a range that ends at 5.06. */
        double k = round(x / spec->resolution);
        x = twelve_digits(k * spec->resolution);
        if (x < spec->lo)
            x = (k + 1) * spec->resolution;
        if (x > spec->hi)
            x = (k - 1) * spec->resolution;
    }
    return twelve_digits(x);
}

/* Index of the point at x (snapped), or of the nearest evaluated one
 * less than `within` from it, evaluating x if neither; -1 on failure. */
static int point_near(struct search *s, double x, double within)
{
    struct calib_result *r = s->res;
    if (s->failed)
        return -1;
    x = snap(s->spec, x);
    int nearest = -1;
    for (int i = 0; i < r->count; i++) {
        double d = fabs(r->points[i].x - x);
        if (d == 0)
            return i;
        if (d < within && (nearest < 0 || d < fabs(r->points[nearest].x - x)))
            nearest = i;
    }
    if (nearest >= 0)
        return nearest;
    if (r->count == r->capacity) {
        int cap = r->capacity ? 2 * r->capacity : 64;
        struct calib_point *grown = realloc(r->points, (size_t)cap * sizeof *grown);
        if (!grown) {
            s->failed = 1;
            hk_error_set(s->err, HK_EIO, "out of memory");
            return -1;
        }
        r->points = grown;
        r->capacity = cap;
    }
    struct calib_point *p = &r->points[r->count];
    memset(p, 0, sizeof *p);
    p->x = x;
    if (s->eval(x, p->value, s->ctx, s->err) != HK_OK) {
        s->failed = 1;
        return -1;
    }
    p->feasible = 1;
    for (int k = 0; k < s->spec->constraints; k++)
        p->feasible &= analysis_condition_holds(&s->spec->constraint[k], p->value[1 + k]);
    return r->count++;
}

static int point_at(struct search *s, double x)
{
    return point_near(s, x, s->same_within);
}

/* What the search minimises: the objective, signed; WORST if undefined. */
static double cost(const struct search *s, int i)
{
    double v = s->res->points[i].value[0];
    if (isnan(v))
        return WORST;
    return s->spec->goal == CALIB_MAXIMIZE ? -v : v;
}

/* > 0 where some constraint fails, <= 0 (< 0 for strict ones) where all hold. */
static double violation(const struct search *s, int i)
{
    double worst = -INFINITY;
    for (int k = 0; k < s->spec->constraints; k++) {
        const struct metric_condition *c = &s->spec->constraint[k];
        double m = analysis_condition_margin(c, s->res->points[i].value[1 + k]);
        if (isnan(m))
            return WORST;
        if ((c->op == OP_LT || c->op == OP_GT) && m == 0)
            m = s->tol * 1e-9 + 1e-300; /* equality breaks a strict constraint */
        worst = m > worst ? m : worst;
    }
    return worst;
}

static double target_gap(const struct search *s, int i)
{
    double v = s->res->points[i].value[0];
    return isnan(v) ? NAN : v - s->spec->target;
}

/* The mean's distance short of the target (< 0 once past it), from the
 * side the grid's nearest value lies on; WORST if undefined. */
static double toward_target(const struct search *s, int i)
{
    double g = target_gap(s, i);
    return isnan(g) ? WORST : s->toward * g;
}

/* The point at x, as point_at; a first value past a target sought is
 * noted in crossed. */
static int probe(struct search *s, double x)
{
    int i = point_at(s, x);
    if (i >= 0 && s->measure == toward_target && s->crossed < 0 && toward_target(s, i) < 0)
        s->crossed = i;
    return i;
}

static double gsl_measure(double x, void *p)
{
    struct search *s = p;
    int i = probe(s, x);
    return i < 0 ? GSL_NAN : s->measure(s, i);
}

static double gsl_violation(double x, void *p)
{
    struct search *s = p;
    int i = point_at(s, x);
    return i < 0 ? GSL_NAN : violation(s, i);
}

static double gsl_target(double x, void *p)
{
    struct search *s = p;
    int i = point_at(s, x);
    return i < 0 ? GSL_NAN : target_gap(s, i);
}

/* Brent's minimiser on (a, m, b) with measure(m) below both ends; it
 * stops early once a target is passed. */
static void refine_minimum(struct search *s, int a, int m, int b)
{
    gsl_function f = {gsl_measure, s};
    gsl_min_fminimizer *mz = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!mz)
        return;
    const struct calib_point *p = s->res->points;
    double xa = p[a].x, xm = p[m].x, xb = p[b].x;
    int status = gsl_min_fminimizer_set_with_values(mz, &f, xm, s->measure(s, m), xa,
                                                    s->measure(s, a), xb, s->measure(s, b));
    for (int it = 0; status == GSL_SUCCESS && it < s->spec->max_iter && !s->failed &&
                     s->crossed < 0;
         it++) {
        status = gsl_min_fminimizer_iterate(mz);
        if (status != GSL_SUCCESS)
            break;
        double lo = gsl_min_fminimizer_x_lower(mz), hi = gsl_min_fminimizer_x_upper(mz);
        if (gsl_min_test_interval(lo, hi, s->tol, 0) == GSL_SUCCESS)
            break;
    }
    gsl_min_fminimizer_free(mz);
}

static int ascending(const void *a, const void *b)
{
    double xa = *(const double *)a, xb = *(const double *)b;
    return (xa > xb) - (xa < xb);
}

/* Brent's bracket is of the values it asked for, and a value asked for
 * within --tol of one evaluated is answered by that one (point_at): the
 * evaluated values either side of a crossing can then lie up to about
 * three times --tol apart, with values between them that reach what
 * neither does (a target missed where it was reachable, a feasible value
 * better than the one chosen). So every pair of neighbouring evaluated
 * values in [lo, hi] between which fn changes sign, wider than --tol, is
 * bisected, each midpoint evaluated itself, until none is (or max_iter
 * evaluations, or fn is 0 at one). */
static void narrow_crossings(struct search *s, double (*fn)(double, void *), double lo, double hi)
{
    for (int it = 0; it < s->spec->max_iter && !s->failed;) {
        const struct calib_result *r = s->res;
        double *in = malloc((size_t)r->count * sizeof *in);
        int n = 0;
        if (!in)
            return;
        for (int i = 0; i < r->count; i++)
            if (r->points[i].x >= lo && r->points[i].x <= hi)
                in[n++] = r->points[i].x;
        qsort(in, (size_t)n, sizeof *in, ascending);
        double wide[2] = {0, 0}, f_left = NAN;
        int found = 0;
        for (int k = 0; k < n; k++) {
            double f = fn(in[k], s); /* evaluated: answered, not run */
            if (f == 0) { /* met exactly */
                free(in);
                return;
            }
            if (!found && k > 0 && f_left * f < 0 && in[k] - in[k - 1] > s->tol) {
                wide[0] = in[k - 1];
                wide[1] = in[k];
                found = 1;
            }
            f_left = f;
        }
        free(in);
        if (!found)
            return;
        int before = s->res->count;
        point_near(s, wide[0] + (wide[1] - wide[0]) / 2, 0);
        if (s->res->count == before)
            return; /* the midpoint rounds onto an end: as narrow as values go */
        it++;
    }
}

/* Brent's root finder on fn between points a and b (opposite signs). */
static void refine_root(struct search *s, double (*fn)(double, void *), int a, int b)
{
    const struct calib_point *p = s->res->points; /* until the first evaluation moves them */
    double lo = p[a].x < p[b].x ? p[a].x : p[b].x, hi = p[a].x < p[b].x ? p[b].x : p[a].x;
    const double from = lo, to = hi;
    gsl_function f = {fn, s};
    gsl_root_fsolver *rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!rs)
        return;
    int status = gsl_root_fsolver_set(rs, &f, lo, hi);
    for (int it = 0; status == GSL_SUCCESS && it < s->spec->max_iter && !s->failed; it++) {
        status = gsl_root_fsolver_iterate(rs);
        if (status != GSL_SUCCESS)
            break;
        double root = gsl_root_fsolver_root(rs);
        lo = gsl_root_fsolver_x_lower(rs);
        hi = gsl_root_fsolver_x_upper(rs);
        if (fn(root, s) == 0 || gsl_root_test_interval(lo, hi, s->tol, 0) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(rs);
    if (!s->failed)
        narrow_crossings(s, fn, from, to);
}

/* The coarse grid, as point indices in increasing x without repeats. */
static int run_grid(struct search *s, int *grid)
{
    const struct calib_spec *spec = s->spec;
    int n = 0;
    for (int j = 0; j < spec->grid && !s->failed; j++) {
        double x = j == spec->grid - 1 ? spec->hi
                                       : spec->lo + (spec->hi - spec->lo) * j / (spec->grid - 1);
        int i = point_at(s, x);
        if (i >= 0 && (n == 0 || grid[n - 1] != i))
            grid[n++] = i;
    }
    return n;
}

static int feasible_finite(const struct search *s, int i)
{
    return s->res->points[i].feasible && !isnan(s->res->points[i].value[0]);
}

/* The grid's best is an end of the range (or the metric has no value
 * on its other side), and its one neighbour is worse: an optimum inside
 * the cell between them shows only where a value there beats the end.
 * Steps from the neighbour towards the end, each to three tenths of the
 * way from the end, until one does (then Brent's minimiser on the
 * bracket it makes), or the cell is narrower than the tolerance, or
 * holds no other value at the key's resolution. Not the golden
 * section's 0.382: Brent's first step from (end, m, nb) falls there too,
 * on m itself, and it then never looked beyond m (a peak at 0.017 on
 * [0, 1] was found at 0.0146). */
static void refine_beside_end(struct search *s, int end, int nb)
{
    const double step = 0.3;
    for (int it = 0; it < s->spec->max_iter && !s->failed; it++) {
        double xe = s->res->points[end].x, xn = s->res->points[nb].x;
        if (fabs(xn - xe) <= s->tol)
            return;
        int m = probe(s, xe + step * (xn - xe));
        if (m < 0 || m == end || m == nb || s->crossed >= 0)
            return; /* no value between them that is not one of them, or past a target */
        if (s->measure(s, m) < s->measure(s, end)) {
            /* Brent's bracket runs low to high. Where its best breaks a
             * constraint, the constraints' settling (or, for a target,
             * the root finder either side of the crossing) follows. */
            refine_minimum(s, xe < xn ? end : nb, m, xe < xn ? nb : end);
            return;
        }
        nb = m;
    }
}

/* Where the refinement's best value broke a constraint (Brent's minimiser
 * heads for the objective's peak whatever the constraints say), the best
 * feasible value may lie short of where they start to fail: the root
 * finder on the constraints' margin between the best feasible value and
 * the nearest better one that breaks them. */
static void settle_on_the_constraints(struct search *s)
{
    int f = -1;
    for (int i = 0; i < s->res->count; i++)
        if (feasible_finite(s, i) && (f < 0 || cost(s, i) < cost(s, f)))
            f = i;
    if (f < 0)
        return;
    int g = -1;
    const struct calib_point *p = s->res->points;
    for (int i = 0; i < s->res->count; i++)
        if (!p[i].feasible && cost(s, i) < cost(s, f) &&
            (g < 0 || fabs(p[i].x - p[f].x) < fabs(p[g].x - p[f].x)))
            g = i;
    if (g >= 0 && fabs(p[g].x - p[f].x) > s->tol && violation(s, f) < 0 && violation(s, g) > 0)
        refine_root(s, gsl_violation, f, g);
}

/* Looks between grid value m, the best of the grid by s->measure, and
 * its neighbours (-1 past an end of the range): Brent's minimiser where
 * both have a value and are worse; the steps beside an end towards the
 * one that has a value and is worse where the other has none, past the
 * range's end or where the metric is undefined (no replication had a
 * value). Returns whether it looked. */
static int refine_around(struct search *s, int left, int m, int right)
{
    int has_left = left >= 0 && s->measure(s, left) < WORST,
        has_right = right >= 0 && s->measure(s, right) < WORST;
    double here = s->measure(s, m);
    if (has_left && has_right) {
        if (!(s->measure(s, left) > here && s->measure(s, right) > here))
            return 0;
        refine_minimum(s, left, m, right);
        return 1;
    }
    int one = has_left ? left : right;
    if (has_left == has_right || !(s->measure(s, one) > here))
        return 0;
    refine_beside_end(s, m, one);
    return 1;
}

static void refine_from_grid(struct search *s, const int *grid, int n)
{
    int best = -1;
    for (int j = 0; j < n; j++)
        if (feasible_finite(s, grid[j]) && (best < 0 || cost(s, grid[j]) < cost(s, grid[best])))
            best = j;
    if (best < 0)
        return;
    int b = grid[best];
    s->res->grid_best = b;
    int left = best > 0 ? grid[best - 1] : -1, right = best + 1 < n ? grid[best + 1] : -1;
    if (refine_around(s, left, b, right))
        return;
    const struct calib_point *p = s->res->points;
    int side[2] = {left, right};
    for (int k = 0; k < 2 && !s->failed; k++) {
        int nb = side[k];
        if (nb < 0 || p[nb].feasible || cost(s, nb) > cost(s, b))
            continue;
        if (violation(s, b) < 0 && violation(s, nb) > 0)
            refine_root(s, gsl_violation, b, nb);
        p = s->res->points; /* may have moved */
    }
}

static void optimise(struct search *s, const int *grid, int n)
{
    refine_from_grid(s, grid, n);
    if (!s->failed && s->spec->constraints > 0)
        settle_on_the_constraints(s);
}

int calib_grid_crossing(const struct calib_point *points, const int *grid, int n, double target,
                        int k, double *from, double *to)
{
    double g = points[grid[k]].value[0] - target;
    *from = *to = points[grid[k]].x;
    if (g == 0)
        return 1;
    if (k + 1 >= n || !(g * (points[grid[k + 1]].value[0] - target) < 0))
        return 0;
    *to = points[grid[k + 1]].x;
    return 1;
}

/* No grid value reaches the target, nor does the mean cross it between
 * two: where the grid's means come nearest it and turn back (or at an
 * end of the range, its neighbour farther), the mean may still reach it
 * between grid values, at a peak or a trough the grid stepped over. Brent's
 * minimiser on the distance short of the target (or the steps beside an
 * end) looks there, and stops at the first value past it; the root
 * finder then finds the target between that value and the nearest ones
 * short of it on either side. */
static void seek_between(struct search *s, const int *grid, int n)
{
    int near = -1;
    for (int j = 0; j < n; j++)
        if (!isnan(target_gap(s, grid[j])) &&
            (near < 0 || fabs(target_gap(s, grid[j])) < fabs(target_gap(s, grid[near]))))
            near = j;
    if (near < 0)
        return;
    s->res->between_near = grid[near];
    s->toward = target_gap(s, grid[near]) > 0 ? 1.0 : -1.0;
    s->measure = toward_target;
    refine_around(s, near > 0 ? grid[near - 1] : -1, grid[near], near + 1 < n ? grid[near + 1] : -1);
    s->measure = cost;
    int c = s->crossed;
    if (c < 0 || s->failed)
        return;
    /* The nearest values short of it below and above: the mean crosses
     * the target between each and the one past it, on both sides of the
     * peak, where a constraint may rule out one side only. */
    const struct calib_point *p = s->res->points;
    double xc = p[c].x;
    int below = -1, above = -1;
    for (int i = 0; i < s->res->count; i++) {
        if (!(s->toward * target_gap(s, i) > 0))
            continue;
        if (p[i].x < xc && (below < 0 || p[i].x > p[below].x))
            below = i;
        if (p[i].x > xc && (above < 0 || p[i].x < p[above].x))
            above = i;
    }
    s->res->between_from = below >= 0 ? p[below].x : xc;
    s->res->between_to = above >= 0 ? p[above].x : xc;
    if (below >= 0)
        refine_root(s, gsl_target, below, c);
    if (above >= 0 && !s->failed)
        refine_root(s, gsl_target, c, above);
}

static void seek_target(struct search *s, const int *grid, int n)
{
    double from, to;
    int reached = 0;
    for (int j = 0; j < n && !s->failed; j++)
        if (calib_grid_crossing(s->res->points, grid, n, s->spec->target, j, &from, &to)) {
            reached = 1;
            if (from < to)
                refine_root(s, gsl_target, grid[j], grid[j + 1]);
        }
    if (!reached && !s->failed)
        seek_between(s, grid, n);
}

/* Target: the values worth choosing lie in a grid interval where the
 * metric crosses X (or hit it exactly). */
static int target_candidate(const struct search *s, const int *grid, int n, int i)
{
    double x = s->res->points[i].x, from, to;
    if (target_gap(s, i) == 0)
        return 1;
    if (x >= s->res->between_from && x <= s->res->between_to)
        return 1;
    for (int j = 0; j < n; j++)
        if (calib_grid_crossing(s->res->points, grid, n, s->spec->target, j, &from, &to) &&
            x >= from && x <= to)
            return 1;
    return 0;
}

static void choose(struct search *s, const int *grid, int n)
{
    struct calib_result *r = s->res;
    int any_candidate = 0;
    r->chosen = -1;
    for (int i = 0; i < r->count; i++) {
        double score;
        if (s->spec->goal == CALIB_TARGET) {
            if (!target_candidate(s, grid, n, i))
                continue;
            any_candidate = 1;
            score = fabs(target_gap(s, i));
        } else {
            score = cost(s, i);
        }
        if (!feasible_finite(s, i))
            continue;
        if (r->chosen < 0) {
            r->chosen = i;
            continue;
        }
        /* Two means as near a target: the lower value, whichever the
         * search came to first. */
        if (s->spec->goal == CALIB_TARGET &&
            calib_as_near(r->points[i].value[0], r->points[r->chosen].value[0], s->spec->target)) {
            if (r->points[i].x < r->points[r->chosen].x)
                r->chosen = i;
        } else if (score < (s->spec->goal == CALIB_TARGET ? fabs(target_gap(s, r->chosen))
                                                          : cost(s, r->chosen))) {
            r->chosen = i;
        }
    }
    if (r->chosen >= 0)
        r->outcome = CALIB_CHOSEN;
    else if (s->spec->goal == CALIB_TARGET && !any_candidate)
        r->outcome = CALIB_NOT_REACHED;
    else
        r->outcome = CALIB_INFEASIBLE;
}

int calib_run(const struct calib_spec *spec, calib_eval_fn eval, void *ctx,
              struct calib_result *out, struct hk_error *err)
{
    memset(out, 0, sizeof *out);
    out->chosen = -1;
    out->grid_best = -1;
    out->outcome = CALIB_INFEASIBLE;
    out->between_near = -1;
    out->between_from = INFINITY;
    out->between_to = -INFINITY;
    struct search s = {spec, eval, ctx, out, err, spec->tol > 0 ? spec->tol : calib_default_tol(spec),
                       0, 0, cost, 0, -1};
    out->tol = s.tol;
    int *grid = malloc((size_t)spec->grid * sizeof *grid);
    if (!grid)
        return hk_error_set(err, HK_EIO, "out of memory");
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int n = run_grid(&s, grid);
    /* Brent steps as little as 1.5e-8 x |x| from its best point, far
     * inside the tolerance: such a value is not worth a run of its own.
     * Whole-number and money keys are snapped to their step instead. */
    if (spec->resolution == 0)
        s.same_within = s.tol;
    if (!s.failed) {
        if (spec->goal == CALIB_TARGET)
            seek_target(&s, grid, n);
        else
            optimise(&s, grid, n);
    }
    if (!s.failed)
        choose(&s, grid, n);
    gsl_set_error_handler(old);
    out->grid = grid;
    out->grid_count = n;
    return s.failed ? err->status : HK_OK;
}

void calib_result_free(struct calib_result *r)
{
    free(r->points);
    free(r->grid);
    r->points = NULL;
    r->grid = NULL;
    r->count = r->capacity = r->grid_count = 0;
}

/* Whether some value at the resolution lies strictly between a and b. */
static int room_between(const struct calib_spec *spec, double a, double b)
{
    return !(spec->resolution > 0 && fabs(b - a) <= spec->resolution * (1 + 1e-9));
}

struct calib_grid_span calib_grid_span(const struct calib_result *r, const struct calib_spec *spec,
                                       const signed char *good)
{
    struct calib_grid_span g = {0, -1, -1, -1, 0, 0, 0, NAN, NAN, 0};
    for (int k = 0; k < r->grid_count; k++) {
        if (good[r->grid[k]] < 1)
            continue;
        for (int m = g.last + 1; g.last >= 0 && m < k; m++) {
            const struct calib_point *q = &r->points[r->grid[m]];
            g.excluded_between += !q->feasible;
            g.worse_between += q->feasible && !isnan(q->value[0]);
        }
        if (g.first < 0)
            g.first = k;
        g.last = k;
        g.as_good++;
        if (g.best < 0 || good[r->grid[k]] == 2)
            g.best = r->grid[k];
    }
    if (g.as_good == 0)
        return g;
    double first = r->points[r->grid[g.first]].x, last = r->points[r->grid[g.last]].x;
    g.from = first;
    g.to = last;
    if (g.first > 0 && room_between(spec, r->points[r->grid[g.first - 1]].x, first))
        g.from = r->points[r->grid[g.first - 1]].x;
    if (g.last + 1 < r->grid_count && room_between(spec, last, r->points[r->grid[g.last + 1]].x))
        g.to = r->points[r->grid[g.last + 1]].x;
    /* Values the search did not evaluate: at no resolution, any span has
     * them; at one, the span holds more values than were evaluated in it. */
    int evaluated = 0;
    for (int e = 0; e < r->count; e++)
        evaluated += r->points[e].x >= g.from && r->points[e].x <= g.to;
    g.unevaluated = spec->resolution > 0
                        ? evaluated < llround((g.to - g.from) / spec->resolution) + 1
                        : g.to > g.from;
    return g;
}

int calib_grid_span_sentence(const struct calib_grid_span *g, const struct calib_span_words *w,
                             char *buf, size_t size)
{
    buf[0] = 0;
    if (g->as_good < 2)
        return 0;
    size_t n = 0;
#define SAY(...) (n += (size_t)snprintf(buf + (n < size ? n : size), n < size ? size - n : 0, __VA_ARGS__))
    if (g->same_everywhere)
        SAY("%s is the same in every replication of the search at the grid's best value, %s, and "
            "at %d other%s (%d of its %d values, %s to %s%s): the key does not move it there, and "
            "the optimum may lie anywhere from %s to %s", w->metric, w->best, g->as_good - 1,
            g->as_good > 2 ? "s" : "", g->as_good, w->grid_count, w->first, w->last, w->note,
            w->from, w->to);
    else
        SAY("the grid cannot tell its best value, %s, from %d other%s within Monte Carlo error "
            "on %s replications (%d of its %d values, %s to %s%s): the optimum may lie "
            "anywhere from %s to %s",
            w->best, g->as_good - 1, g->as_good > 2 ? "s" : "",
            w->on_the_search ? "the search's" : "other", g->as_good, w->grid_count,
            w->first, w->last, w->note, w->from, w->to);
    if (g->unevaluated)
        SAY(", and values there that the search did not evaluate may do better than the one "
            "chosen");
    else
        SAY(" (every value there was evaluated)");
    if (g->worse_between > 0)
        SAY("; worse grid values lie between them, so %s may have more than one local optimum, "
            "and the value chosen lies beside one", w->metric);
    if (g->excluded_between > 0)
        SAY("; %d grid value%s between them break%s a constraint", g->excluded_between,
            g->excluded_between > 1 ? "s" : "", g->excluded_between > 1 ? "" : "s");
    SAY(g->same_everywhere ? "; more replications (-n) would not tell them apart"
                           : "; more replications (-n) would narrow it");
#undef SAY
    return 1;
}

int calib_as_near(double a, double b, double target)
{
    double scale = fmax(fmax(fabs(a), fabs(b)), fabs(target));
    return fabs(fabs(a - target) - fabs(b - target)) <= 8 * DBL_EPSILON * scale;
}

void calib_jump_words(char *buf, size_t size, const char *key, int stepped)
{
    snprintf(buf, size,
             stepped ? "with no value of %s between them at its resolution"
                     : "within --tol of each other, with no value of %s evaluated between them",
             key);
}

const char *calib_jump_choice(const char *kind)
{
    return strcmp(kind, "infeasible") == 0 ? "the one of the two that meets every constraint"
           : strcmp(kind, "as_near") == 0  ? "the lower, both means being as near"
                                            : "the nearer";
}

int calib_verdict(const struct metric_condition *c, double low, double high)
{
    if (!isfinite(low) || !isfinite(high))
        return CALIB_UNCERTAIN;
    int low_holds = analysis_condition_holds(c, low);
    int high_holds = analysis_condition_holds(c, high);
    if (low_holds && high_holds)
        return CALIB_HOLDS;
    return low_holds || high_holds ? CALIB_UNCERTAIN : CALIB_FAILS;
}

int calib_target_verdict(double target, const double search[3], const double here[3])
{
    if (!isfinite(here[1]) || !isfinite(here[2]))
        return CALIB_UNCERTAIN;
    if (here[1] <= target && target <= here[2])
        return CALIB_HOLDS;
    int below = here[2] < target; /* here below X; the search's mean, about X, above */
    double own = below ? here[2] - here[0] : here[0] - here[1];
    double theirs = !isfinite(search[1]) || !isfinite(search[2]) ? 0
                    : below ? search[0] - search[1] : search[2] - search[0];
    double apart = below ? target - here[0] : here[0] - target;
    return apart > hypot(own, theirs) ? CALIB_FAILS : CALIB_UNCERTAIN;
}

const char *calib_verdict_name(int verdict)
{
    return verdict == CALIB_HOLDS ? "holds" : verdict == CALIB_UNCERTAIN ? "uncertain" : "fails";
}
