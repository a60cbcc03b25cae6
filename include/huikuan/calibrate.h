/*
 * calibrate.h — the best value of one parameter, under constraints.
 *
 * The search knows nothing of scenarios: it asks a callback for the mean
 * of the objective metric and of each constraint's metric at a value x.
 * With common random numbers that callback is a deterministic function
 * of x, so classical one-dimensional methods apply:
 *
 *  1. a coarse grid of `grid` evenly spaced values over [lo, hi];
 *  2. maximise/minimise: around the best feasible grid value,
 *     - if both grid neighbours are worse, GSL's Brent minimiser
 *       (gsl_min_fminimizer_brent) on the bracket they form;
 *     - if a neighbour is better but breaks a constraint, GSL's Brent
 *       root finder (gsl_root_fsolver_brent) locates where the
 *       constraints start to fail between the two (a binding
 *       constraint puts the optimum there);
 *     - if it is an end of the grid (or its other neighbour has no
 *       value) and its one neighbour is worse,
 *       steps from the neighbour towards it (each to 3/10 of the way)
 *       until a value beats it, then either of the above on the bracket
 *       that makes;
 *     target (metric = X): Brent's root finder on metric - X in every
 *     grid interval where it changes sign; where it changes sign in
 *     none, around the grid value nearest X (if its neighbours are
 *     farther), Brent's minimiser on how far the metric falls short of X
 *     (or the steps beside an end, or beside a neighbour without a
 *     value), stopped at the first value past X,
 *     then the root finder between it and the nearest value short of X;
 *  3. the chosen value is the best *evaluated* value that meets every
 *     constraint (for a target: the feasible value nearest X among those
 *     the root finder bracketed).
 *
 * Every value is snapped to `resolution` (1 for whole-number keys, 0.01
 * for money, 0 = 12 significant digits) and evaluated once: repeated
 * requests for one value are answered from the list of points, which is
 * kept in evaluation order for calibrate.csv. Without a step
 * (resolution 0), the refinement's requests within the tolerance of an
 * evaluated value are answered by the nearest such value; so after each
 * root finding, neighbouring evaluated values across which its function
 * changes sign and that lie more than the tolerance apart are bisected
 * (up to max_iter more evaluations), the root finder's own bracket being
 * of values it asked for.
 */
#ifndef HUIKUAN_CALIBRATE_H
#define HUIKUAN_CALIBRATE_H

#include "huikuan/analysis.h"
#include "huikuan/error.h"

#define CALIB_MAX_CONSTRAINTS 16

enum calib_goal { CALIB_MAXIMIZE, CALIB_MINIMIZE, CALIB_TARGET };

enum calib_outcome {
    CALIB_CHOSEN,     /* a value was chosen */
    CALIB_INFEASIBLE, /* no evaluated value meets every constraint */
    CALIB_NOT_REACHED /* target: the metric does not cross X on the range */
};

struct calib_spec {
    int goal;           /* enum calib_goal */
    double target;      /* CALIB_TARGET: the value the metric should take */
    double lo, hi;      /* lo < hi */
    double resolution;  /* >= 0 */
    double tol;         /* stop refining when the bracket is narrower; <= 0: default */
    int grid;           /* coarse grid values, >= 3 */
    int max_iter;       /* iterations per refinement, >= 1 */
    int constraints;
    struct metric_condition constraint[CALIB_MAX_CONSTRAINTS];
};

struct calib_point {
    double x;
    double value[1 + CALIB_MAX_CONSTRAINTS]; /* objective, then constraints */
    int feasible;                            /* every constraint holds */
};

/* Fills value[0] (objective or target metric) and value[1 + k]
 * (constraint k's metric) with means at x; NaN where undefined. */
typedef int (*calib_eval_fn)(double x, double *value, void *ctx, struct hk_error *err);

struct calib_result {
    int outcome;        /* enum calib_outcome */
    int chosen;         /* index into points, -1 if none */
    int count, capacity;
    struct calib_point *points; /* in evaluation order */
    double tol;         /* the tolerance used */
    int grid_count;     /* the coarse grid's values, as indices into points */
    int *grid;          /* in increasing x, without repeats */
    int grid_best;      /* maximize/minimize: the best feasible grid value (an index
                         * into points), which the refinement starts from; -1 if none */
    /* Target: where no grid value reached it, the grid value nearest it
     * that the look between grid values started from (-1 if none), and
     * the two evaluated values the mean was found to cross it between
     * (between_from > between_to if it was not). */
    int between_near;
    double between_from, between_to;
};

/* The default tolerance: (hi - lo) * 1e-5, at least the resolution. */
double calib_default_tol(const struct calib_spec *spec);

/* Runs the search. HK_OK whatever the outcome; an error only if eval
 * failed or memory ran out. out is freed with calib_result_free(). */
int calib_run(const struct calib_spec *spec, calib_eval_fn eval, void *ctx,
              struct calib_result *out, struct hk_error *err);

void calib_result_free(struct calib_result *r);

/* Target: whether the k-th of the n grid values (indices into points, in
 * increasing x) starts a place where the mean reaches target: it hits it
 * (*from = *to = its value) or the mean crosses it before the next grid
 * value (*from, *to: the two). */
int calib_grid_crossing(const struct calib_point *points, const int *grid, int n, double target,
                        int k, double *from, double *to);

/* ---- what the grid says about the optimum --------------------------------
 * The refinement assumes one peak near the grid's best value. Where the
 * replications cannot tell that value from other grid values, the
 * optimum may lie anywhere among them, whatever the refinement found. */
struct calib_grid_span {
    int as_good;          /* grid values as good as the grid's best, itself included; 0: none */
    int best;             /* index into points of the grid's best */
    int first, last;      /* positions in grid[] of the first and last of them */
    int worse_between;    /* feasible grid values between first and last whose objective is
                           * worse: more than one local optimum */
    int excluded_between; /* grid values between first and last that break a constraint */
    int unevaluated;      /* from..to holds values the search did not evaluate */
    double from, to;      /* where the optimum may lie: the grid values just beyond first
                           * and last, or first's and last's own at the ends of the range or
                           * where no value lies between (whole numbers one apart) */
    int same_everywhere;  /* set by the caller: those values' objective equals the best's in
                           * every replication, so the key does not move it there and more
                           * replications would not tell them apart (0 from calib_grid_span) */
};

/* good[e] is 2 where evaluation e is the grid's best (its best feasible
 * mean), 1 where it is a grid value as good as that best within Monte
 * Carlo error, as the caller judges from the replications; any other
 * value means it is neither. The spec gives the resolution. */
struct calib_grid_span calib_grid_span(const struct calib_result *r, const struct calib_spec *spec,
                                       const signed char *good);

/* The values a span's sentence names, as the caller formats them. */
struct calib_span_words {
    const char *best, *first, *last, *from, *to; /* values of the parameter */
    const char *metric;                          /* the objective's name */
    const char *note;                            /* after "first to last", or "" */
    int grid_count;
    int on_the_search; /* judged on the search's replications (before 0.2.0) */
};

/* The sentence a span calls for, without a capital or a full stop, into
 * buf ("the grid cannot tell its best value, 0.09, from 1 other within
 * Monte Carlo error on other replications (...): the optimum may lie
 * anywhere from 0.06 to 0.15, ..."); calibrate prints it and the report
 * shows it. 0 and buf empty when there is nothing to say (fewer than two
 * as good). */
int calib_grid_span_sentence(const struct calib_grid_span *g, const struct calib_span_words *w,
                             char *buf, size_t size);

/* ---- how sure a constraint is --------------------------------------------
 * The search calls a value feasible from the means alone; a reader needs
 * to know whether the replications can tell the mean from the limit. */
enum calib_verdict {
    CALIB_HOLDS,     /* the whole 95 % interval meets the constraint */
    CALIB_UNCERTAIN, /* the interval straddles the limit, or there is none */
    CALIB_FAILS      /* the whole interval is beyond the limit */
};

/* The verdict for a metric with this 95 % interval (its mean is the
 * search's feasibility, not how sure it is). Without an interval (a value
 * in one replication or none: NaN ends) nothing is sure either way:
 * uncertain. */
int calib_verdict(const struct metric_condition *c, double low, double high);

/* The same for a target X, on the chosen value's run on other
 * replications (here: mean, low and high end of its 95 % interval)
 * beside its run in the search (search, the same): it holds where here's
 * interval holds X. The
 * search's mean met X with an error of its own, as large as this run's
 * at as many replications, so an interval that misses X by less than
 * the two intervals' half-widths on the sides facing each other,
 * together (the root of their squares' sum), is no clear miss
 * (uncertain: at equal errors about 5 % of good searches miss by more,
 * against 17 % missing the interval alone); it fails where X lies
 * farther. Without an interval, uncertain; a search interval without
 * ends counts as none. */
int calib_target_verdict(double target, const double search[3], const double here[3]);

/* Whether means a and b lie as near target: their distances equal but
 * for the rounding of the subtractions (0.7 and 0.9 about 0.8 differ in
 * the 17th digit). A tie goes to the lower value of the key. */
int calib_as_near(double a, double b, double target);

/* How a target's jump between the chosen value and another is said, on
 * the terminal and in the report alike: into buf, "with no value of KEY
 * between them at its resolution" (stepped: a key with a step) or
 * "within --tol of each other, with no value of KEY evaluated between
 * them"; and, for the other value's kind as calibrate.csv's target_jump
 * writes it ("farther", "as_near", "infeasible"), which the value chosen
 * is ("the nearer", ...). */
void calib_jump_words(char *buf, size_t size, const char *key, int stepped);
const char *calib_jump_choice(const char *kind);

/* "holds", "uncertain" or "fails": as written in confirmation.csv. */
const char *calib_verdict_name(int verdict);

#endif
