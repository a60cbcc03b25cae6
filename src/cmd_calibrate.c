/*
 * cmd_calibrate.c — `huikuan calibrate`: the best value of one key.
 *
 * Each evaluation runs the scenario with the key set to one value on the
 * scenario's seed, so every value sees the same random streams (common
 * random numbers) and the objective is a deterministic function of the
 * value; calibrate.c searches it. The results folder gets calibrate.csv
 * (every value evaluated) and, when a value was chosen, the usual files
 * of a run at that value, whose run.ini reproduces it, and
 * confirmation.csv: the chosen value run again on the next seed. The
 * search's figures at the chosen value are the best of many values on
 * the same random numbers, and so lean in its favour; the confirmation's
 * replications took no part in the choice, and the values as good as the
 * chosen one are judged there.
 *
 * Exit status 3: the search ran but chose nothing (no value met the
 * constraints, or the metric never reached the target). Exit status 4:
 * it chose a value, but on the confirmation's replications a constraint
 * clearly fails there (its whole interval lies beyond the limit), so the
 * value is not one to use as it stands; its results are kept.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/calibrate.h"
#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/metrics.h"
#include "huikuan/output.h"
#include "huikuan/progress.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"
#include "huikuan/stats.h"

#include "cmd_calibrate_internal.h"

enum { EXIT_NOTHING_CHOSEN = 3, EXIT_CONFIRMATION_FAILS = 4 };

/* The scenario with the key at text, run on its seed plus seed_offset. */
static int run_value(struct job *j, const char *text, uint64_t seed_offset, struct run_set *set,
                     struct scenario *sc, struct hk_error *err)
{
    char origin[300];
    snprintf(origin, sizeof origin, "--param %s = %s", j->key, text);
    memset(set, 0, sizeof *set);
    if (analysis_apply(sc, &j->base, j->key, text, origin, err) != HK_OK)
        return err->status;
    sc->sim.seed += seed_offset; /* wraps past 2^64 - 1, as unsigned arithmetic does */
    struct hk_error failed;
    hk_error_clear(&failed);
    if (runner_run(set, sc, 1, j->o->threads, 0, &failed) != HK_OK)
        return hk_error_set(err, failed.status, "%s: %s", origin, failed.message);
    return HK_OK;
}

/* Mean and interval of the objective and each constraint metric over
 * the replications of set. */
static int summarise_metrics(const struct job *j, const struct run_set *set,
                             struct stats_summary *out, struct hk_error *err)
{
    int n = set->scenario[0].sim.replications;
    double *buf = malloc(2 * (size_t)n * sizeof *buf);
    if (!buf)
        return hk_error_set(err, HK_EIO, "out of memory");
    for (int k = 0; k < j->metrics; k++)
        out[k] = results_summarise_metric(set, 0, j->metric[k], buf, buf + n);
    free(buf);
    return HK_OK;
}

/* The objective in each replication of set, run as sc; NaN throughout
 * if the key changed how many replications ran (nothing to pair). */
static void objective_by_replication(const struct job *j, const struct run_set *set,
                                     const struct scenario *sc, double *objective,
                                     struct metric_sizes *sizes)
{
    *sizes = results_metric_sizes(set, 0, j->metric[0]);
    for (int r = 0; r < j->replications; r++)
        objective[r] = sc->sim.replications == j->replications
                           ? set->results[0][r].metric[j->metric[0]] : NAN;
}

static int evaluate(double x, double *value, void *ctx, struct hk_error *err)
{
    struct job *j = ctx;
    int reps = j->replications;
    if (j->evaluated == j->capacity) {
        int cap = j->capacity ? 2 * j->capacity : 64;
        void *grown = realloc(j->stats, (size_t)cap * sizeof *j->stats);
        if (grown)
            j->stats = grown;
        void *values = grown ? realloc(j->objective, (size_t)cap * reps * sizeof(double)) : NULL;
        if (values)
            j->objective = values;
        void *sizes = values ? realloc(j->sizes, (size_t)cap * sizeof *j->sizes) : NULL;
        if (sizes)
            j->sizes = sizes;
        void *flags = sizes ? realloc(j->as_good, (size_t)cap) : NULL;
        if (!flags)
            return hk_error_set(err, HK_EIO, "out of memory");
        j->as_good = flags;
        j->capacity = cap;
    }
    char text[ANALYSIS_VALUE_MAX];
    analysis_format_value(j->type, x, text, sizeof text);
    struct scenario sc;
    struct run_set set = {0};
    int rc = run_value(j, text, 0, &set, &sc, err);
    if (rc == HK_OK)
        rc = summarise_metrics(j, &set, j->stats[j->evaluated], err);
    for (int k = 0; rc == HK_OK && k < j->metrics; k++)
        value[k] = j->stats[j->evaluated][k].mean;
    if (rc == HK_OK)
        objective_by_replication(j, &set, &sc, j->objective + (size_t)j->evaluated * reps,
                                 &j->sizes[j->evaluated]);
    j->as_good[j->evaluated] = -1; /* until judged */
    runner_free(&set);
    if (rc == HK_OK)
        j->evaluated++;
    progress_tick(&j->prog, 1);
    return rc;
}

static int parse_int_option(const struct cli_options *o, const char *name, int lo, int hi,
                            int *out, struct hk_error *err)
{
    const char *text = cli_extra(o, name);
    if (!text)
        return HK_OK;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    /* Digits alone, as -j: strtol takes a blank or a sign before them. */
    if (!isdigit((unsigned char)text[0]) || end == text || *end || errno || v < lo || v > hi)
        return hk_error_set(err, HK_EINPUT, "calibrate %s %s: must be a whole number from %d "
                            "to %d", name, text, lo, hi);
    *out = (int)v;
    return HK_OK;
}

static int parse_goal(struct job *j, struct hk_error *err)
{
    const struct cli_options *o = j->o;
    int goals = 0;
    for (int i = 0; i < o->extra_count; i++) {
        const char *name = o->extra_names[i], *value = o->extra_values[i];
        if (strcmp(name, "--maximize") == 0 || strcmp(name, "--minimize") == 0) {
            goals++;
            j->spec.goal = name[3] == 'a' ? CALIB_MAXIMIZE : CALIB_MINIMIZE;
            if (analysis_parse_metric(name, value, &j->metric[0], err) != HK_OK)
                return err->status;
        } else if (strcmp(name, "--target") == 0) {
            struct metric_condition c;
            goals++;
            j->spec.goal = CALIB_TARGET;
            if (analysis_parse_condition(name, value, 1, &c, err) != HK_OK)
                return err->status;
            j->metric[0] = c.metric;
            j->spec.target = c.bound;
        } else if (strcmp(name, "--constraint") == 0) {
            struct calib_spec *s = &j->spec;
            if (s->constraints == CALIB_MAX_CONSTRAINTS)
                return hk_error_set(err, HK_EINPUT, "calibrate: at most %d --constraint",
                                    CALIB_MAX_CONSTRAINTS);
            if (analysis_parse_condition(name, value, 0, &s->constraint[s->constraints], err))
                return err->status;
            j->metric[1 + s->constraints] = s->constraint[s->constraints].metric;
            s->constraints++;
        }
    }
    if (goals != 1)
        return hk_error_set(err, HK_EINPUT, "calibrate: give exactly one of --maximize METRIC, "
                            "--minimize METRIC or --target 'METRIC=VALUE' (got %d)", goals);
    j->metrics = 1 + j->spec.constraints;
    return HK_OK;
}

static int prepare(struct job *j, struct hk_error *err)
{
    const struct cli_options *o = j->o;
    const char *range = cli_extra(o, "--range");
    j->key = cli_extra(o, "--param");
    if (cli_one_scenario(o, err) != HK_OK)
        return err->status;
    if (!j->key || !range)
        return hk_error_set(err, HK_EINPUT, "calibrate: %s is required (calibrate S.ini --param "
                            "section.key --range FROM:TO --maximize METRIC ...)",
                            j->key ? "--range" : "--param");
    j->spec.grid = 11;
    j->spec.max_iter = 50;
    if (parse_goal(j, err) != HK_OK ||
        parse_int_option(o, "--grid", 3, 1000, &j->spec.grid, err) != HK_OK ||
        parse_int_option(o, "--max-iter", 1, 1000, &j->spec.max_iter, err) != HK_OK)
        return err->status;
    const char *tol = cli_extra(o, "--tol");
    if (tol) {
        char *end;
        j->spec.tol = strtod(tol, &end);
        if (end == tol || *end || !scenario_decimal_syntax(tol) || !(j->spec.tol > 0) ||
            !isfinite(j->spec.tol))
            return hk_error_set(err, HK_EINPUT, "calibrate --tol %s: must be a number above 0",
                                tol);
    }
    if (cli_load_scenario(o, o->positional[0], &j->base, err) != HK_OK ||
        analysis_param("--param", j->key, 1, (const char *const *)o->sets, o->set_count,
                       &j->type, err) != HK_OK ||
        analysis_parse_range(j->key, range, &j->base, &j->spec.lo, &j->spec.hi, err) != HK_OK)
        return err->status;
    j->spec.resolution = analysis_resolution(j->type);
    j->lo_is_limit = !analysis_beyond_allowed(&j->base, j->key, j->spec.lo, 0);
    j->hi_is_limit = !analysis_beyond_allowed(&j->base, j->key, j->spec.hi, 1);
    j->replications = j->base.sim.replications;
    return HK_OK;
}

/* A metric's name, mean, 95 % interval and n, as calibrate.csv and
 * confirmation.csv both give them. */
static void summary_cells(struct csv_row *row, int metric, const struct stats_summary *s)
{
    int kind = metric_info(metric)->kind;
    output_csv_text(row, metric_info(metric)->name);
    output_csv_number(row, kind, s->mean);
    output_csv_number(row, kind, s->ci95_low);
    output_csv_number(row, kind, s->ci95_high);
    output_csv_int(row, (long long)s->n);
}

/* The constraint column: row k's condition with its limit
 * ("sales >= 35000000"), empty on the objective's row (k = 0). */
static void write_constraint_cell(struct csv_row *row, const struct job *j, int k)
{
    char cond[128] = "";
    if (k > 0)
        analysis_condition_text(&j->spec.constraint[k - 1], cond, sizeof cond);
    output_csv_text(row, cond);
}

/* The goal cell: on the objective's row what the search sought of it
 * ("maximize", "minimize", "target 5000"); empty on a constraint's. */
static void write_goal_cell(struct csv_row *row, const struct job *j, int k)
{
    char goal[64] = "";
    if (k == 0 && j->spec.goal == CALIB_TARGET)
        snprintf(goal, sizeof goal, "target %.12g", j->spec.target);
    else if (k == 0)
        snprintf(goal, sizeof goal, "%s", j->spec.goal == CALIB_MAXIMIZE ? "maximize" : "minimize");
    output_csv_text(row, goal);
}

/* The target_place cell of value e's objective row: for a target, on a
 * grid value's, "at" where its mean equals the target, "between" where
 * the mean crosses it before the next grid value, "none" otherwise, from
 * the means before rounding, as the terminal said them (the report
 * reading calibrate.csv's rounded means could find a place otherwise);
 * empty on every other row. */
static const char *target_place(const struct job *j, const struct calib_result *res, int e)
{
    for (int k = 0; j->spec.goal == CALIB_TARGET && k < res->grid_count; k++) {
        double from, to;
        if (res->grid[k] != e)
            continue;
        if (!calib_grid_crossing(res->points, res->grid, res->grid_count, j->spec.target, k,
                                 &from, &to))
            return "none";
        return from == to ? "at" : "between";
    }
    return "";
}

static int write_calibrate_csv(struct output_dir *od, const struct job *j,
                               const struct calib_result *res, struct hk_error *err)
{
    FILE *f = output_dir_open(od, "calibrate.csv", err);
    if (!f)
        return err->status;
    fputs("evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen,as_good,"
          "constraint,goal,grid_as_good,optimum_span,target_place,target_jump\n", f);
    const struct calib_grid_span *g = &j->span;
    /* target_jump: on the objective row of the value the mean jumps over a
     * target to from the chosen value's, where no value reaches it (as the
     * terminal says), how that value stands (calibrate_jump_kind). */
    int jump = calibrate_target_jump(j, res);
    for (int e = 0; e < res->count; e++) {
        char text[ANALYSIS_VALUE_MAX];
        analysis_format_value(j->type, res->points[e].x, text, sizeof text);
        for (int k = 0; k < j->metrics; k++) {
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_int(&row, e + 1);
            output_csv_text(&row, j->key);
            output_csv_text(&row, text);
            summary_cells(&row, j->metric[k], &j->stats[e][k]);
            output_csv_int(&row, res->points[e].feasible);
            output_csv_int(&row, e == res->chosen);
            if (j->as_good[e] < 0)
                output_csv_text(&row, "");
            else
                output_csv_int(&row, j->as_good[e]);
            write_constraint_cell(&row, j, k);
            write_goal_cell(&row, j, k);
            if (j->grid_good[e] < 0)
                output_csv_text(&row, "");
            else
                output_csv_int(&row, j->grid_good[e]);
            if (g->as_good < 2)
                output_csv_text(&row, "");
            else
                output_csv_int(&row, res->points[e].x >= g->from && res->points[e].x <= g->to);
            output_csv_text(&row, k == 0 ? target_place(j, res, e) : "");
            output_csv_text(&row, k == 0 && e == jump ? calibrate_jump_kind(j, res, e) : "");
            output_csv_end(&row);
        }
    }
    return output_dir_close(od, f, "calibrate.csv", err);
}

/* Whether the replications cannot tell the objective's values at
 * evaluation e from those at ref, both run on the confirmation's seed
 * (each one per replication, on the same random numbers): to maximize,
 * the paired 95 % interval of e's minus ref's reaches 0 (e may be as
 * good, 1); to minimize, the same the other way; -1 where fewer than two
 * replications give both a value, and the interval says nothing. The
 * interval is compare.csv's: for a count of rare events or money written
 * off, wider than the t interval where the pairs mostly agree. */
static int objectives_as_good(const struct job *j, int ref, int e, double *scratch)
{
    size_t reps = (size_t)j->replications;
    struct stats_summary d = results_difference_of(j->metric[0], j->fresh + ref * reps,
                                                   j->fresh + e * reps, reps, j->fresh_sizes[ref],
                                                   j->fresh_sizes[e], scratch);
    if (d.n < 2)
        return -1;
    return j->spec.goal == CALIB_MAXIMIZE ? d.ci95_high >= 0 : d.ci95_low <= 0;
}

/* For a target: which feasible values' own interval holds it. */
static void mark_target_as_good(struct job *j, const struct calib_result *res)
{
    for (int e = 0; e < res->count; e++)
        j->as_good[e] = !res->points[e].feasible ? -1
                        : (signed char)(e == res->chosen || holds_target(j, &j->stats[e][0]));
}

static int by_value(const void *a, const void *b)
{
    const struct calib_point *p = *(const struct calib_point *const *)a;
    const struct calib_point *q = *(const struct calib_point *const *)b;
    return (p->x > q->x) - (p->x < q->x);
}

/* Evaluation e run again on the confirmation's seed: its objective in
 * each replication there into j->fresh. */
static int run_fresh(struct job *j, const struct calib_result *res, int e, struct hk_error *err)
{
    char text[ANALYSIS_VALUE_MAX];
    analysis_format_value(j->type, res->points[e].x, text, sizeof text);
    struct scenario sc;
    struct run_set set = {0};
    int rc = run_value(j, text, 1, &set, &sc, err);
    if (rc == HK_OK) {
        objective_by_replication(j, &set, &sc, j->fresh + (size_t)e * j->replications,
                                 &j->fresh_sizes[e]);
        j->fresh_run[e] = 1;
    }
    runner_free(&set);
    return rc;
}

/* To maximize or minimize: which feasible values are as good as the
 * chosen one, judged on the confirmation's replications (j->fresh
 * holds the chosen value's objective there, and takes each value run
 * again). On the search's own
 * replications the chosen value is the best of everything compared, and
 * its lead is partly luck: a value a little off it, called worse there,
 * may do as well on others. So each feasible value is run again on the
 * confirmation's seed, outward from the chosen one on either side, until
 * the first that those replications tell to be worse; the values beyond
 * it are not run again, and are not marked (nor is one that has a value
 * in fewer than two of the replications the chosen one has, which does
 * not end the look); those not judged are marked -1. */
static int mark_as_good_on_fresh(struct job *j, const struct calib_result *res,
                                 double *scratch, struct hk_error *err)
{
    int n = res->count, rc = HK_OK, pos = 0, feasible = 0;
    const struct calib_point **order = malloc((size_t)n * sizeof *order);
    if (!order)
        return hk_error_set(err, HK_EIO, "out of memory");
    for (int e = 0; e < n; e++) {
        order[e] = &res->points[e];
        j->as_good[e] = e == res->chosen ? 1 : -1;
        feasible += res->points[e].feasible && e != res->chosen;
    }
    qsort(order, (size_t)n, sizeof *order, by_value);
    while (order[pos] != &res->points[res->chosen])
        pos++;
    progress_begin(&j->prog, "calibrate: values run again on other replications (at most)",
                   feasible, !j->o->quiet);
    for (int step = -1; step <= 1 && rc == HK_OK; step += 2)
        for (int at = pos + step; at >= 0 && at < n && rc == HK_OK; at += step) {
            int e = (int)(order[at] - res->points);
            if (!res->points[e].feasible || isnan(res->points[e].value[0]))
                continue; /* not a candidate, or nothing to compare */
            rc = run_fresh(j, res, e, err);
            progress_tick(&j->prog, 1);
            int good = rc == HK_OK ? objectives_as_good(j, res->chosen, e, scratch) : -1;
            j->as_good[e] = (signed char)good;
            if (good == 0)
                break;
        }
    progress_end(&j->prog);
    free(order);
    return rc;
}

/* A grid value the grid's marks need on other replications, not run there yet. */
static int grid_value_to_rerun(const struct job *j, const struct calib_result *res, int e)
{
    return !j->fresh_run[e] && (e == res->grid_best || (res->points[e].feasible &&
                                                        !isnan(res->points[e].value[0])));
}

/* Which grid values the confirmation's replications cannot tell from
 * the grid's best feasible one (marked 2, so that what reads
 * calibrate.csv back need not break ties between means rounded there).
 * The refinement looks for one peak beside that value; where others are
 * as good, the optimum may lie among them instead. The best is the best
 * of the grid on the search's replications, and its lead over the
 * others there is partly the luck that made it best, so they are
 * compared on others, as as_good is: each feasible grid value with a
 * mean, and the best, is run again there unless the as_good look did.
 * finish() sets grid_good to -1 (nothing judged) before. */
static int mark_grid_as_good(struct job *j, const struct calib_result *res, double *scratch,
                             struct hk_error *err)
{
    int best = res->grid_best, pending = 0; /* best: -1 for a target */
    for (int k = 0; best >= 0 && k < res->grid_count; k++)
        pending += grid_value_to_rerun(j, res, res->grid[k]);
    progress_begin(&j->prog, "calibrate: grid values run again on other replications", pending,
                   !j->o->quiet && pending > 0);
    int rc = HK_OK;
    for (int k = 0; best >= 0 && k < res->grid_count && rc == HK_OK; k++) {
        if (!grid_value_to_rerun(j, res, res->grid[k]))
            continue;
        rc = run_fresh(j, res, res->grid[k], err);
        progress_tick(&j->prog, 1);
    }
    progress_end(&j->prog);
    for (int k = 0; best >= 0 && k < res->grid_count && rc == HK_OK; k++) {
        int e = res->grid[k];
        if (e == best) {
            j->grid_good[e] = 2;
            continue;
        }
        if (!res->points[e].feasible || !j->fresh_run[e])
            continue; /* not judged: its cell stays empty, as as_good's */
        j->grid_good[e] = (signed char)objectives_as_good(j, best, e, scratch);
    }
    return rc;
}

/* Whether every grid value as good as the grid's best has the best's
 * objective in every replication: then no Monte Carlo error is at work.
 * Not said of a count of rare events or of money written off: none seen
 * in a few replications at every value is not none at any. */
static int same_everywhere(const struct job *j, const struct calib_result *res)
{
    int best = res->grid_best, reps = j->replications;
    if (best < 0 || j->sizes[best].event > 0 || j->sizes[best].loss > 0)
        return 0;
    const double *b = j->objective + (size_t)best * reps;
    for (int k = 0; k < res->grid_count; k++) {
        int e = res->grid[k];
        if (e == best || j->grid_good[e] != 1)
            continue;
        if (j->sizes[e].event > 0 || j->sizes[e].loss > 0)
            return 0;
        const double *v = j->objective + (size_t)e * reps;
        for (int r = 0; r < reps; r++)
            if (!(v[r] == b[r])) /* NaN, as when the key changed the replications, is not */
                return 0;
    }
    return 1;
}

/* confirmation.csv: the chosen value on the next seed; holds is 1 or 0
 * (the mean alone), constraint the condition with its limit and verdict
 * holds, uncertain or fails (the 95 % interval) on each constraint's
 * row; on the objective's, holds and constraint empty, and verdict, for
 * a target, j->target_verdict's (else empty). */
static int write_confirmation_csv(struct output_dir *od, const struct job *j, const char *text,
                                  struct hk_error *err)
{
    FILE *f = output_dir_open(od, "confirmation.csv", err);
    if (!f)
        return err->status;
    fputs("param,value,seed,metric,mean,ci95_low,ci95_high,n,holds,constraint,verdict\n", f);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)j->confirm_seed);
    for (int k = 0; k < j->metrics; k++) {
        const struct stats_summary *s = &j->confirm[k];
        struct csv_row row;
        output_csv_begin(&row, f);
        output_csv_text(&row, j->key);
        output_csv_text(&row, text);
        output_csv_text(&row, seed);
        summary_cells(&row, j->metric[k], s);
        const struct metric_condition *c = k > 0 ? &j->spec.constraint[k - 1] : NULL;
        if (c)
            output_csv_int(&row, analysis_condition_holds(c, s->mean));
        else
            output_csv_text(&row, "");
        write_constraint_cell(&row, j, k);
        if (c)
            output_csv_text(&row, calib_verdict_name(calib_verdict(c, s->ci95_low, s->ci95_high)));
        else /* the objective's: for a target, whether it is met here */
            output_csv_text(&row, j->target_verdict >= 0 ? calib_verdict_name(j->target_verdict)
                                                         : "");
        output_csv_end(&row);
    }
    return output_dir_close(od, f, "confirmation.csv", err);
}

/* run.ini when nothing was chosen: the scenario searched, with provenance. */
static int write_base_ini(struct output_dir *od, const struct job *j, struct hk_error *err)
{
    FILE *f = output_dir_open(od, "run.ini", err);
    if (!f)
        return err->status;
    fprintf(f, "; huikuan %s\n; command: %s\n; no value was chosen; the scenario searched:\n\n",
            HUIKUAN_VERSION, j->o->recorded);
    scenario_write_ini(&j->base, f);
    return output_dir_close(od, f, "run.ini", err);
}

static int finish(struct job *j, const struct calib_result *res, struct output_dir *od,
                  struct hk_error *err)
{
    size_t reps = (size_t)j->replications, n = (size_t)res->count + 1;
    double *scratch = malloc(reps * sizeof *scratch);
    j->grid_good = malloc(n);
    j->fresh = malloc(n * reps * sizeof *j->fresh);
    j->fresh_run = calloc(n, 1);
    j->fresh_sizes = malloc(n * sizeof *j->fresh_sizes);
    if (!scratch || !j->grid_good || !j->fresh || !j->fresh_run || !j->fresh_sizes) {
        free(scratch);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    memset(j->grid_good, -1, n);
    int rc = HK_OK;
    if (res->chosen < 0) {
        free(scratch);
        j->span = calib_grid_span(res, &j->spec, j->grid_good);
        rc = write_calibrate_csv(od, j, res, err);
        return rc == HK_OK ? write_base_ini(od, j, err) : rc;
    }
    char text[ANALYSIS_VALUE_MAX];
    analysis_format_value(j->type, res->points[res->chosen].x, text, sizeof text);
    struct scenario sc;
    struct run_set set = {0};
    rc = run_value(j, text, 0, &set, &sc, err);
    if (rc == HK_OK)
        rc = results_write(od, &set, 0, j->o->recorded, err);
    runner_free(&set);
    if (rc == HK_OK)
        rc = run_value(j, text, 1, &set, &sc, err);
    if (rc == HK_OK) {
        j->confirm_seed = sc.sim.seed;
        objective_by_replication(j, &set, &sc, j->fresh + (size_t)res->chosen * reps,
                                 &j->fresh_sizes[res->chosen]);
        j->fresh_run[res->chosen] = 1;
        rc = summarise_metrics(j, &set, j->confirm, err);
    }
    runner_free(&set);
    if (rc == HK_OK && j->spec.goal == CALIB_TARGET) {
        const struct stats_summary *s = &j->stats[res->chosen][0], *f = &j->confirm[0];
        double search[3] = {s->mean, s->ci95_low, s->ci95_high};
        double here[3] = {f->mean, f->ci95_low, f->ci95_high};
        j->target_verdict = calib_target_verdict(j->spec.target, search, here);
        mark_target_as_good(j, res);
    } else if (rc == HK_OK) {
        rc = mark_as_good_on_fresh(j, res, scratch, err);
    }
    if (rc == HK_OK)
        rc = mark_grid_as_good(j, res, scratch, err);
    free(scratch);
    j->span = calib_grid_span(res, &j->spec, j->grid_good);
    j->span.same_everywhere = same_everywhere(j, res);
    if (rc == HK_OK)
        rc = write_calibrate_csv(od, j, res, err);
    return rc == HK_OK ? write_confirmation_csv(od, j, text, err) : rc;
}

/* Whether a constraint clearly fails on the confirmation's replications. */
static int confirmation_fails(const struct job *j, const struct calib_result *res)
{
    if (j->target_verdict == CALIB_FAILS && calibrate_target_jump(j, res) < 0)
        return 1;
    for (int k = 1; k < j->metrics; k++)
        if (calib_verdict(&j->spec.constraint[k - 1], j->confirm[k].ci95_low,
                          j->confirm[k].ci95_high) == CALIB_FAILS)
            return 1;
    return 0;
}

int cmd_calibrate(int argc, char **argv)
{
    static const char *const extra[] = {"--param", "--range", "--maximize", "--minimize",
                                        "--target", "--constraint", "--grid", "--tol",
                                        "--max-iter", NULL};
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, extra, &err) != HK_OK)
        return cli_report(&err);
    struct job *j = calloc(1, sizeof *j);
    if (!j) {
        hk_error_set(&err, HK_EIO, "out of memory");
        return cli_report(&err);
    }
    j->o = &o;
    j->target_verdict = -1;
    char dir[4096], name[128];
    struct output_dir *od = NULL;
    if (prepare(j, &err) == HK_OK) {
        snprintf(name, sizeof name, "%s-calibrate", j->base.name);
        od = cli_output_begin(&o, name, dir, sizeof dir, &err);
    }
    if (!od) {
        free(j);
        return cli_report(&err);
    }
    cli_note_unused_chain(o.positional[0], &j->base);
    struct calib_result res;
    /* The grid, then at most: steps beside an end and Brent's minimiser,
     * and the root finder on the constraints, max_iter each; for a
     * target, the root finder in each grid interval the mean crosses, of
     * which there are seldom more than two, or where it crosses none, a
     * look between grid values (steps beside an end, the minimiser) and
     * the root finder on either side of what it found. */
    int refinements = j->spec.goal == CALIB_TARGET ? 4 : 2 + (j->spec.constraints > 0);
    progress_begin(&j->prog, "calibrate: values evaluated (at most)",
                   j->spec.grid + refinements * j->spec.max_iter, !o.quiet);
    int rc = calib_run(&j->spec, evaluate, j, &res, &err);
    progress_end(&j->prog);
    if (rc == HK_OK)
        rc = finish(j, &res, od, &err);
    /* The summary first: if it cannot be printed, the results are not
     * kept, and the folder keeps what it held. */
    if (rc == HK_OK)
        calibrate_print_summary(j, &res, dir);
    int printed;
    rc = cli_keep_if_printed(od, rc, &printed, &err);
    if (rc == HK_OK && printed && !o.quiet)
        cli_note_results(dir);
    int status = rc != HK_OK           ? cli_report(&err)
                 : !printed               ? 1
                 : res.chosen < 0         ? EXIT_NOTHING_CHOSEN
                 : confirmation_fails(j, &res) ? EXIT_CONFIRMATION_FAILS
                                          : 0;
    calib_result_free(&res);
    free(j->stats);
    free(j->objective);
    free(j->as_good);
    free(j->grid_good);
    free(j->fresh);
    free(j->fresh_run);
    free(j->fresh_sizes);
    free(j->sizes);
    free(j);
    return status;
}
