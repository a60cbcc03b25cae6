/*
 * cmd_calibrate_internal.h — shared between cmd_calibrate.c (the search,
 * its files) and cmd_calibrate_print.c (what calibrate prints). Not a
 * contract beyond those two files.
 */
#ifndef HUIKUAN_CMD_CALIBRATE_INTERNAL_H
#define HUIKUAN_CMD_CALIBRATE_INTERNAL_H

#include <stdint.h>

#include "huikuan/calibrate.h"
#include "huikuan/cli.h"
#include "huikuan/progress.h"
#include "huikuan/results.h"
#include "huikuan/stats.h"

struct job {
    struct cli_options *o;
    struct scenario base;
    const char *key;
    int type;
    int metric[1 + CALIB_MAX_CONSTRAINTS]; /* objective, then constraints */
    int metrics;
    struct calib_spec spec;
    int lo_is_limit, hi_is_limit; /* the range's ends are as far as the key goes */
    struct progress prog;
    /* Per evaluation, in order: statistics of each metric, the objective
     * in each replication (NaN throughout if the key changed how many
     * replications ran), and whether it is as good as the chosen value
     * within Monte Carlo error: 1 or 0, -1 where it was not judged (not
     * feasible, or not run again: mark_as_good_on_fresh,
     * mark_target_as_good). */
    struct stats_summary (*stats)[1 + CALIB_MAX_CONSTRAINTS];
    double *objective; /* [capacity * replications] */
    struct metric_sizes *sizes; /* what weighs a difference of the objective */
    signed char *as_good;
    /* Per evaluation: 2 for the grid's best, 1 or 0 for a grid value as
     * good as it or not, -1 off the grid or where nothing was judged (a
     * target, or no feasible grid value); see mark_grid_as_good. */
    signed char *grid_good;
    /* Per evaluation, the objective in each replication on the
     * confirmation's seed, where it was run again there (fresh_run). */
    double *fresh;
    unsigned char *fresh_run;
    struct metric_sizes *fresh_sizes;
    struct calib_grid_span span; /* where the grid puts the optimum, from grid_good */
    int replications; /* the scenario's */
    int evaluated, capacity;
    /* The chosen value on replications the search did not see. */
    struct stats_summary confirm[1 + CALIB_MAX_CONSTRAINTS];
    uint64_t confirm_seed;
    /* For a target, calib_target_verdict on the confirmation; -1 otherwise. */
    int target_verdict;
};

/* Whether interval s holds the target (false without one). */
static inline int holds_target(const struct job *j, const struct stats_summary *s)
{
    return s->ci95_low <= j->spec.target && j->spec.target <= s->ci95_high;
}

/* A target the mean jumps over between the chosen value and another
 * with no value of the key between them (a whole-number key one apart,
 * or values within --tol), where the chosen value's interval does not
 * hold it: no value meets it, and the value chosen is only the nearer of
 * the two. Returns that other evaluation, or -1. */
int calibrate_target_jump(const struct job *j, const struct calib_result *res);
/* How that other value stands beside the chosen one: "farther" (its
 * mean), "as_near" (the chosen is the lower) or "infeasible" (it breaks
 * a constraint); as calibrate.csv's target_jump writes it. */
const char *calibrate_jump_kind(const struct job *j, const struct calib_result *res, int other);

/* The summary on stdout: the chosen value with its figures and how sure
 * they are, or why nothing was chosen; dir is the results folder. */
void calibrate_print_summary(const struct job *j, const struct calib_result *res,
                             const char *dir);

#endif
