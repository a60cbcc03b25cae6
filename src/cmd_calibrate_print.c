/*
 * cmd_calibrate_print.c — what `huikuan calibrate` prints: the chosen
 * value, its figures with how sure each is, the values as good within
 * Monte Carlo error, where the grid puts the optimum, and the figures on
 * replications that took no part in the choice; or why nothing was
 * chosen.
 */
#include <math.h>
#include <stdio.h>

#include "cmd_calibrate_internal.h"
#include "huikuan/analysis.h"
#include "huikuan/metrics.h"

/* "5000.00 (95% CI 4990.00 to 5010.00, n = 10)" */
static void print_metric(const struct job *j, int k, const struct stats_summary *s)
{
    int kind = metric_info(j->metric[k])->kind;
    char mean[64], lo[64], hi[64];
    metric_format(kind, s->mean, mean, sizeof mean);
    metric_format(kind, s->ci95_low, lo, sizeof lo);
    metric_format(kind, s->ci95_high, hi, sizeof hi);
    printf("%s (95%% CI %s to %s, n = %zu)", mean, lo, hi, s->n);
}

/* The objective and each constraint with how sure it is, one line
 * each: a constraint whose 95 % interval straddles its limit is called
 * uncertain, not held, even where its mean holds. Counts the
 * constraints of each verdict into verdicts[CALIB_HOLDS..CALIB_FAILS]. */
static void print_figures(const struct job *j, const struct stats_summary *s, int verdicts[3])
{
    printf("  %s: %s = ", j->spec.goal == CALIB_TARGET ? "target" : "objective",
           metric_info(j->metric[0])->name);
    print_metric(j, 0, &s[0]);
    printf("\n");
    verdicts[CALIB_HOLDS] = verdicts[CALIB_UNCERTAIN] = verdicts[CALIB_FAILS] = 0;
    for (int k = 1; k < j->metrics; k++) {
        const struct metric_condition *c = &j->spec.constraint[k - 1];
        char cond[128];
        analysis_condition_text(c, cond, sizeof cond);
        printf("  constraint %s: ", cond);
        print_metric(j, k, &s[k]);
        int v = calib_verdict(c, s[k].ci95_low, s[k].ci95_high);
        verdicts[v]++;
        if (v == CALIB_HOLDS)
            printf(", holds\n");
        else if (v == CALIB_FAILS)
            printf(", FAILS: the whole interval is beyond the limit\n");
        else if (s[k].n == 0)
            printf(", UNCERTAIN: no replication gave it a value\n");
        else if (!isfinite(s[k].ci95_low) || !isfinite(s[k].ci95_high))
            printf(", UNCERTAIN: no interval, a value in only %d replication (the mean %s)\n",
                   (int)s[k].n, analysis_condition_holds(c, s[k].mean) ? "holds" : "does not");
        else
            printf(", UNCERTAIN: the interval straddles the limit (the mean %s)\n",
                   analysis_condition_holds(c, s[k].mean) ? "holds" : "does not");
    }
}

/* For a target, whether the confirmation meets it (j->target_verdict):
 * the search chose the value whose mean came nearest X on its own
 * replications, with an error of its own. */
static void print_target_verdict(const struct job *j, const struct calib_result *res)
{
    if (j->target_verdict < 0 || calibrate_target_jump(j, res) >= 0)
        return; /* a target no value reaches was said to be so */
    const struct stats_summary *s = &j->confirm[0], *search = &j->stats[res->chosen][0];
    char target[64];
    metric_format(metric_info(j->metric[0])->kind, j->spec.target, target, sizeof target);
    const char *side = s->ci95_high < j->spec.target ? "below" : "above";
    int held = holds_target(j, search);
    if (j->target_verdict == CALIB_HOLDS)
        printf("the interval holds the target, %s: these replications cannot tell the chosen "
               "value's mean from it\n", target);
    else if (j->target_verdict == CALIB_FAILS && held)
        printf("the chosen value misses the target, %s, on other replications: the whole "
               "interval is %s it, and the mean by more than its and the search's Monte Carlo "
               "error together; the search's mean came near it by the luck of its replications, and "
               "more replications (-n) would place it better\n", target, side);
    else if (j->target_verdict == CALIB_FAILS)
        printf("the chosen value misses the target, %s, on other replications too: the whole "
               "interval is %s it, as the search's interval did not hold it either; the search "
               "did not reach it\n", target, side);
    else if (isfinite(s->ci95_low) && isfinite(s->ci95_high))
        printf("the interval misses the target, %s, but the mean by less than its and the "
               "search's Monte Carlo error together: more replications (-n) would tell whether the "
               "chosen value reaches it\n", target);
    else
        printf("the target, %s, is not settled on other replications (no interval there): "
               "more replications (-n) would tell whether the chosen value reaches it\n",
               target);
}

/* What the confirmation's verdicts mean for the chosen value. */
static void print_confirmation_verdict(const int verdicts[3])
{
    if (verdicts[CALIB_FAILS] > 0)
        printf("the chosen value misses %d constraint%s on other replications (the whole interval "
               "is beyond the limit): it does not meet %s; choose a value with more room, or "
               "more replications (-n) for the search\n", verdicts[CALIB_FAILS],
               verdicts[CALIB_FAILS] > 1 ? "s" : "", verdicts[CALIB_FAILS] > 1 ? "them" : "it");
    else if (verdicts[CALIB_UNCERTAIN] > 0)
        printf("%d constraint%s not settled on other replications (within Monte Carlo error of "
               "%s limit, or without an interval): more replications (-n) would tell whether "
               "the chosen value meets %s\n",
               verdicts[CALIB_UNCERTAIN], verdicts[CALIB_UNCERTAIN] > 1 ? "s are" : " is",
               verdicts[CALIB_UNCERTAIN] > 1 ? "their" : "its",
               verdicts[CALIB_UNCERTAIN] > 1 ? "them" : "it");
}


/* Whether the objective had a value at some value evaluated. */
static int any_objective(const struct calib_result *res)
{
    for (int e = 0; e < res->count; e++)
        if (isfinite(res->points[e].value[0]))
            return 1;
    return 0;
}

static int any_feasible(const struct calib_result *res)
{
    for (int e = 0; e < res->count; e++)
        if (res->points[e].feasible)
            return 1;
    return 0;
}

/* " (a >= 1, b <= 2)": the constraints, as given. */
static void print_constraints(const struct job *j)
{
    for (int k = 0; k < j->spec.constraints; k++) {
        char cond[128];
        analysis_condition_text(&j->spec.constraint[k], cond, sizeof cond);
        printf("%s%s", k ? ", " : " (", cond);
    }
    printf("%s", j->spec.constraints ? ")" : "");
}

/* Where the grid cannot tell its best value from others, the span the
 * optimum may lie in: the refinement's own span of values as good only
 * covers what it evaluated, beside one peak. */
static void print_grid_span(const struct job *j, const struct calib_result *res)
{
    const struct calib_grid_span g = j->span;
    if (g.as_good < 2)
        return;
    char best[ANALYSIS_VALUE_MAX], first[ANALYSIS_VALUE_MAX], last[ANALYSIS_VALUE_MAX],
        from[ANALYSIS_VALUE_MAX], to[ANALYSIS_VALUE_MAX], sentence[1024];
    analysis_format_value(j->type, res->points[g.best].x, best, sizeof best);
    analysis_format_value(j->type, res->points[res->grid[g.first]].x, first, sizeof first);
    analysis_format_value(j->type, res->points[res->grid[g.last]].x, last, sizeof last);
    analysis_format_value(j->type, g.from, from, sizeof from);
    analysis_format_value(j->type, g.to, to, sizeof to);
    struct calib_span_words w = {best, first, last, from, to, metric_info(j->metric[0])->name,
                                 "; grid_as_good in calibrate.csv", res->grid_count, 0};
    calib_grid_span_sentence(&g, &w, sentence, sizeof sentence);
    printf("  %s\n", sentence);
}

static double target_gap(const struct job *j, const struct calib_result *res, int e)
{
    return res->points[e].value[0] - j->spec.target;
}

/* The grid's places where the mean reaches the target (a grid value that
 * hits it, or an interval where it crosses), those that meet [lo, hi]. */
static int count_crossings_within(const struct job *j, const struct calib_result *res, double lo,
                                  double hi)
{
    int crossings = 0;
    double from, to;
    for (int k = 0; j->spec.goal == CALIB_TARGET && k < res->grid_count; k++)
        crossings += calib_grid_crossing(res->points, res->grid, res->grid_count, j->spec.target,
                                         k, &from, &to) &&
                     to >= lo && from <= hi;
    return crossings;
}

/* A target met in more than one place: the grid intervals where the mean
 * crosses X (or grid values that hit it), which the search refined each
 * on its own; the value chosen is only the one whose mean came nearest. */
static void print_crossings(const struct job *j, const struct calib_result *res)
{
    int crossings = count_crossings_within(j, res, -INFINITY, INFINITY);
    if (crossings < 2)
        return;
    char target[64];
    metric_format(metric_info(j->metric[0])->kind, j->spec.target, target, sizeof target);
    printf("  the mean of %s reaches %s in %d places on the grid (", metric_info(j->metric[0])->name,
           target, crossings);
    double from, to;
    for (int k = 0, said = 0; k < res->grid_count; k++) {
        if (!calib_grid_crossing(res->points, res->grid, res->grid_count, j->spec.target, k, &from,
                                 &to))
            continue;
        char a[ANALYSIS_VALUE_MAX], b[ANALYSIS_VALUE_MAX];
        analysis_format_value(j->type, from, a, sizeof a);
        analysis_format_value(j->type, to, b, sizeof b);
        if (from == to)
            printf("%sat %s", said++ ? ", " : "", a);
        else
            printf("%sbetween %s and %s", said++ ? ", " : "", a, b);
    }
    printf("): more than one value meets the target, and the one chosen is the one whose mean "
           "came nearest it on these replications\n");
}

/* No grid value reached the target, but the look between grid values,
 * where the grid's means came nearest it, did. */
static void print_between(const struct job *j, const struct calib_result *res)
{
    if (!(res->between_from <= res->between_to))
        return;
    const struct metric_info *m = metric_info(j->metric[0]);
    const struct calib_point *p = &res->points[res->between_near];
    char target[64], at[ANALYSIS_VALUE_MAX], a[ANALYSIS_VALUE_MAX], b[ANALYSIS_VALUE_MAX];
    metric_format(m->kind, j->spec.target, target, sizeof target);
    analysis_format_value(j->type, p->x, at, sizeof at);
    analysis_format_value(j->type, res->between_from, a, sizeof a);
    analysis_format_value(j->type, res->between_to, b, sizeof b);
    printf("  no grid value's mean reaches %s; the nearest: %s = ", target, m->name);
    print_metric(j, 0, &j->stats[res->between_near][0]);
    printf(" at %s; between grid values, where they came nearest it, the mean reaches it "
           "between %s and %s (it may reach it elsewhere between grid values too: a finer "
           "--grid would show)\n", at, a, b);
}

int calibrate_target_jump(const struct job *j, const struct calib_result *res)
{
    int c = res->chosen;
    if (j->spec.goal != CALIB_TARGET || c < 0)
        return -1;
    const struct stats_summary *s = &j->stats[c][0];
    double gc = target_gap(j, res, c);
    if (gc == 0 || !isfinite(s->ci95_low) || !isfinite(s->ci95_high) ||
        holds_target(j, s))
        return -1;
    int other = -1;
    for (int e = 0; e < res->count; e++)
        if (target_gap(j, res, e) * gc < 0 &&
            (other < 0 || fabs(res->points[e].x - res->points[c].x) <
                              fabs(res->points[other].x - res->points[c].x)))
            other = e;
    if (other < 0)
        return -1;
    double apart = fabs(res->points[other].x - res->points[c].x);
    int no_room = j->spec.resolution > 0 ? apart <= j->spec.resolution * (1 + 1e-9)
                                         : apart <= res->tol;
    return no_room ? other : -1;
}

const char *calibrate_jump_kind(const struct job *j, const struct calib_result *res, int other)
{
    const struct calib_point *p = res->points;
    if (!p[other].feasible)
        return "infeasible";
    return calib_as_near(p[other].value[0], p[res->chosen].value[0], j->spec.target) ? "as_near"
                                                                                    : "farther";
}

static void print_jump(const struct job *j, const struct calib_result *res)
{
    int c = res->chosen, other = calibrate_target_jump(j, res);
    if (other < 0)
        return;
    const struct metric_info *m = metric_info(j->metric[0]);
    char target[64], at[ANALYSIS_VALUE_MAX], mean[64], other_at[ANALYSIS_VALUE_MAX],
        other_mean[64];
    metric_format(m->kind, j->spec.target, target, sizeof target);
    analysis_format_value(j->type, res->points[c].x, at, sizeof at);
    metric_format(m->kind, res->points[c].value[0], mean, sizeof mean);
    analysis_format_value(j->type, res->points[other].x, other_at, sizeof other_at);
    metric_format(m->kind, res->points[other].value[0], other_mean, sizeof other_mean);
    char apart[300];
    calib_jump_words(apart, sizeof apart, j->key, j->spec.resolution > 0);
    printf("  no value reaches %s: the mean of %s jumps over it from %s at %s to %s at %s, %s, "
           "and the interval above does not hold it; the value chosen is %s\n", target, m->name,
           mean, at, other_mean, other_at, apart,
           calib_jump_choice(calibrate_jump_kind(j, res, other)));
}

void calibrate_print_summary(const struct job *j, const struct calib_result *res,
                             const char *dir)
{
    const char *goal = j->spec.goal == CALIB_MAXIMIZE ? "maximize"
                       : j->spec.goal == CALIB_MINIMIZE ? "minimize" : "target";
    printf("calibrate %s on [%.12g, %.12g], %s %s", j->key, j->spec.lo, j->spec.hi, goal,
           metric_info(j->metric[0])->name);
    if (j->spec.goal == CALIB_TARGET)
        printf(" = %.12g", j->spec.target);
    printf("; %d values evaluated\n", res->count);
    if (res->chosen >= 0) {
        char text[ANALYSIS_VALUE_MAX];
        analysis_format_value(j->type, res->points[res->chosen].x, text, sizeof text);
        printf("chosen: %s = %s\n", j->key, text);
        double x = res->points[res->chosen].x;
        int low_end = x <= j->spec.lo;
        if (j->spec.goal != CALIB_TARGET && (low_end || x >= j->spec.hi)) {
            if (low_end ? j->lo_is_limit : j->hi_is_limit)
                printf("  it is the %s end of --range, and the %s value %s takes\n",
                       low_end ? "lower" : "upper", low_end ? "least" : "greatest", j->key);
            else
                printf("  it is the %s end of --range: %s may go on improving beyond it; "
                       "widen --range to see\n", low_end ? "lower" : "upper",
                       metric_info(j->metric[0])->name);
        }
        int verdicts[3];
        /* Feasible: every constraint's mean holds; its interval may not. */
        print_figures(j, j->stats[res->chosen], verdicts);
        if (j->spec.goal == CALIB_TARGET) {
            print_jump(j, res);
            print_crossings(j, res);
            print_between(j, res);
        }
        if (verdicts[CALIB_UNCERTAIN] > 0)
            printf("  the means meet every constraint, but %d %s uncertain (an interval that "
                   "straddles the limit, or none): the search cannot tell whether the value "
                   "meets %s\n",
                   verdicts[CALIB_UNCERTAIN], verdicts[CALIB_UNCERTAIN] > 1 ? "are" : "is",
                   verdicts[CALIB_UNCERTAIN] > 1 ? "them" : "it");
        int good = 0, feasible = 0, judged = 0;
        double lo = INFINITY, hi = -INFINITY;
        for (int e = 0; e < res->count; e++) {
            feasible += res->points[e].feasible;
            judged += j->as_good[e] >= 0 && e != res->chosen;
            if (j->as_good[e] != 1)
                continue;
            good++;
            lo = fmin(lo, res->points[e].x);
            hi = fmax(hi, res->points[e].x);
        }
        char from[ANALYSIS_VALUE_MAX], to[ANALYSIS_VALUE_MAX];
        analysis_format_value(j->type, lo, from, sizeof from);
        analysis_format_value(j->type, hi, to, sizeof to);
        /* A target's values are judged each on its own interval here; to
         * maximize or minimize, against the chosen value on the
         * confirmation's replications, those run again there
         * (mark_as_good_on_fresh). */
        char where[96] = "on these replications", which[160];
        const char *values = judged == 1 ? "value" : "values";
        snprintf(which, sizeof which, "other feasible %s evaluated", values);
        if (j->spec.goal != CALIB_TARGET) {
            snprintf(where, sizeof where, "judged on other replications (seed %llu, below)",
                     (unsigned long long)j->confirm_seed);
            snprintf(which, sizeof which, "other feasible %s run again there (outward from it "
                     "to the first worse; %d other feasible in all)", values, feasible - 1);
        }
        if (good > 1)
            printf("  as good within Monte Carlo error %s: %d of the %d %s, from %s to %s%s "
                   "(as_good in calibrate.csv)\n", where, good - 1, judged, which, from, to,
                   count_crossings_within(j, res, lo, hi) > 1
                       ? ", a span that takes in more than one of those places" : "");
        else if (judged == 0)
            printf("  as good within Monte Carlo error %s: no other feasible value to judge\n",
                   where);
        else if (judged == 1)
            printf("  as good within Monte Carlo error %s: not the one %s\n", where, which);
        else
            printf("  as good within Monte Carlo error %s: none of the %d %s\n", where, judged,
                   which);
        print_grid_span(j, res);
        printf("on other replications (seed %llu), which took no part in the choice (the "
               "figures above favour the value chosen):\n", (unsigned long long)j->confirm_seed);
        print_figures(j, j->confirm, verdicts);
        print_target_verdict(j, res);
        print_confirmation_verdict(verdicts);
    } else if (res->outcome == CALIB_NOT_REACHED) {
        /* The search goes by means; say how near the nearest came, with
         * its interval, which may well hold the target. */
        int near = -1;
        for (int e = 0; e < res->count; e++)
            if (!isnan(res->points[e].value[0]) &&
                (near < 0 || fabs(res->points[e].value[0] - j->spec.target) <
                                 fabs(res->points[near].value[0] - j->spec.target)))
                near = e;
        const struct metric_info *m = metric_info(j->metric[0]);
        char target[64], at[ANALYSIS_VALUE_MAX];
        metric_format(m->kind, j->spec.target, target, sizeof target);
        printf("no value chosen: the mean of %s reaches %s at no value of %s evaluated in "
               "[%.12g, %.12g]\n", m->name, target, j->key, j->spec.lo, j->spec.hi);
        if (near >= 0) {
            const struct stats_summary *s = &j->stats[near][0];
            analysis_format_value(j->type, res->points[near].x, at, sizeof at);
            printf("  nearest: %s = ", m->name);
            print_metric(j, 0, s);
            const char *verdict =
                isnan(s->ci95_low) || isnan(s->ci95_high)
                    ? "it has no interval (a value in fewer than two replications)"
                : holds_target(j, s)
                    ? "its interval holds the target: these replications cannot tell that it "
                      "falls short; give it more (-n), or widen --range, or a finer --grid "
                      "(the search looks for the target where the grid's means cross it, and "
                      "between grid values only where they come nearest it)"
                    : "its interval does not hold the target; a wider --range, or a finer "
                      "--grid where the mean turns between grid values, may find where it is "
                      "reached";
            printf(" at %s = %s; %s\n", j->key, at, verdict);
        }
    } else if (!any_objective(res)) {
        /* Not the constraints' doing: there was nothing to optimise. */
        printf("no value chosen: %s has no value at any value of %s evaluated in [%.12g, "
               "%.12g] (a ratio with nothing to divide by, such as dso without sales)\n",
               metric_info(j->metric[0])->name, j->key, j->spec.lo, j->spec.hi);
    } else if (!any_feasible(res)) {
        printf("no value chosen: no value of %s evaluated in [%.12g, %.12g] meets the "
               "constraints", j->key, j->spec.lo, j->spec.hi);
        print_constraints(j);
        printf("\n");
    } else if (j->spec.goal == CALIB_TARGET) {
        /* Some values meet them, but not where the mean crosses X. */
        char target[64];
        metric_format(metric_info(j->metric[0])->kind, j->spec.target, target, sizeof target);
        printf("no value chosen: the values of %s where the mean of %s reaches %s do not "
               "meet every constraint", j->key, metric_info(j->metric[0])->name, target);
        print_constraints(j);
        printf("; other values in [%.12g, %.12g] do (feasible in calibrate.csv)\n",
               j->spec.lo, j->spec.hi);
    } else {
        printf("no value chosen: %s has no value at any value of %s evaluated in [%.12g, "
               "%.12g] that meets the constraints", metric_info(j->metric[0])->name, j->key,
               j->spec.lo, j->spec.hi);
        print_constraints(j);
        printf(" (a ratio with nothing to divide by, such as dso without sales)\n");
    }
    printf("every value evaluated: %s/calibrate.csv\n", dir);
}
