/*
 * report_calibration.c — the report's calibration section: the search,
 * the chosen value, how sure it is (its constraints' verdicts, the run on
 * other replications) and the values as good, read from calibrate.csv
 * and confirmation.csv.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/analysis.h"
#include "huikuan/calibrate.h"
#include "huikuan/csvread.h"
#include "huikuan/html.h"
#include "huikuan/metrics.h"
#include "huikuan/report.h"
#include "report_internal.h"

/* A best value at an end of the range searched (the grid's first and
 * last values are its ends) may only be the best the range allowed. */
static void range_end_sentence(FILE *out, const char *dir, const struct csv_table *t, int chosen,
                               int c_value, const char *goal, const char *objective,
                               const char *param)
{
    if (strcmp(goal, "maximize") != 0 && strcmp(goal, "minimize") != 0)
        return;
    double x = report_num(report_field(t, chosen, c_value)), lo = x, hi = x;
    for (int r = 1; r < t->rows; r++) {
        double v = report_num(report_field(t, r, c_value));
        lo = fmin(lo, v);
        hi = fmax(hi, v);
    }
    if (lo == hi || (x != lo && x != hi))
        return;
    /* As far as the key goes? Some limits depend on other keys: read them
     * against the scenario searched, as calibrate did (run.ini: it differs
     * only in this key), else against the defaults. */
    struct scenario base;
    char path[4096];
    struct hk_error ignored;
    hk_error_clear(&ignored);
    snprintf(path, sizeof path, "%s/run.ini", dir);
    if (scenario_load(&base, path, &ignored) != HK_OK)
        scenario_init_defaults(&base);
    if (scenario_key_value_type(param) >= 0 && !analysis_beyond_allowed(&base, param, x, x == hi)) {
        fprintf(out, " It is the %s end of the range searched, and the %s value ",
                x == lo ? "lower" : "upper", x == lo ? "least" : "greatest");
        html_escape(out, param);
        fputs(" takes.", out);
        return;
    }
    fprintf(out, " It is the %s end of the range searched: ", x == lo ? "lower" : "upper");
    html_escape(out, report_describe(objective).label);
    fputs(" may go on improving beyond it (widen --range to see).", out);
}

/* Where no value reaches a target because the mean jumps over it
 * between the chosen value and the one calibrate.csv's target_jump marks,
 * as the terminal said it. Returns whether it said so. */
static int target_jump_sentence(FILE *out, const struct csv_table *t, const int *c, int c_jump,
                                int chosen, const char *param)
{
    int other = -1;
    for (int r = 1; c_jump >= 0 && r < t->rows && other < 0; r++)
        if (*report_field(t, r, c_jump))
            other = r;
    if (other < 0)
        return 0;
    int type;
    struct hk_error ignored;
    int stepped = analysis_param("--param", param, 1, NULL, 0, &type, &ignored) == HK_OK &&
                  analysis_resolution(type) > 0;
    fputs(" No value reaches the target: the mean jumps over it from ", out);
    html_escape(out, report_field(t, chosen, c[4]));
    fputs(" at ", out);
    html_escape(out, report_field(t, chosen, c[2]));
    fputs(" to ", out);
    html_escape(out, report_field(t, other, c[4]));
    fputs(" at ", out);
    html_escape(out, report_field(t, other, c[2]));
    char apart[300];
    calib_jump_words(apart, sizeof apart, param, stepped);
    fputs(", ", out);
    html_escape(out, apart);
    fprintf(out, ", and the chosen value's interval does not hold it; the value chosen is %s.",
            calib_jump_choice(report_field(t, other, c_jump)));
    return 1;
}

/* Unless each value was judged, which values were run again. */
static void outward_note(FILE *out, int each, int feasible)
{
    if (!each)
        fprintf(out, " (outward from it to the first worse; %d other feasible in all)",
                feasible - 1);
}

/* From calibrate.csv's as_good column (if it has one): the span of the
 * values the replications cannot tell from the chosen one, and of how
 * many judged. To maximize or minimize, calibrate runs values again on
 * other replications outward from the chosen one to the first worse, and
 * leaves the cells of those it did not judge empty (marks OUTWARD);
 * before 0.3.0 it wrote 0 there too, so such a file tells only which were
 * as good (OUTWARD_UNMARKED). A target's values, and every value in a
 * file without a goal column (older still, which judged them all on the
 * search's replications), were each judged (EACH). */
enum as_good_marks { MARKS_EACH, MARKS_OUTWARD, MARKS_OUTWARD_UNMARKED };

static void as_good_sentence(FILE *out, const struct csv_table *t, int c_eval, int c_value,
                             int c_good, int c_feasible, const char *goal,
                             enum as_good_marks marks)
{
    int target = strncmp(goal, "target", 6) == 0, each = marks == MARKS_EACH;
    /* How calibrate judged it: for a target, each value on its own. */
    const char *how = target ? " (each one's own 95&nbsp;% interval holds the target)."
                      : each ? " (paired 95&nbsp;% intervals of the difference, on the "
                               "search's replications)."
                             : " (paired 95&nbsp;% intervals of the difference).";
    const char *which = each ? "evaluated"
                             : "run again on replications that took no part in the choice";
    if (c_good < 0)
        return;
    int good = 0, feasible = 0, judged = 0;
    double lo = INFINITY, hi = -INFINITY;
    const char *lo_text = "", *hi_text = "", *last = "";
    for (int r = 1; r < t->rows; r++) {
        if (strcmp(report_field(t, r, c_eval), last) == 0)
            continue; /* one row per metric: count each value once */
        last = report_field(t, r, c_eval);
        int is_feasible = strcmp(report_field(t, r, c_feasible), "1") == 0;
        feasible += is_feasible;
        judged += is_feasible && (marks != MARKS_OUTWARD || *report_field(t, r, c_good));
        if (strcmp(report_field(t, r, c_good), "1") != 0)
            continue;
        good++;
        double x = report_num(report_field(t, r, c_value));
        if (x < lo) {
            lo = x;
            lo_text = report_field(t, r, c_value);
        }
        if (x > hi) {
            hi = x;
            hi_text = report_field(t, r, c_value);
        }
    }
    if (good < 1 || feasible < 2)
        return;
    if (marks == MARKS_OUTWARD_UNMARKED) { /* how many were judged is not recorded */
        if (good == 1) {
            fputs(" None of the other feasible values run again on replications that took no "
                  "part in the choice is as good within Monte Carlo error.", out);
            return;
        }
        fprintf(out, " Within Monte Carlo error it is as good as %d other feasible value%s run "
                "again on replications that took no part in the choice, from ", good - 1,
                good > 2 ? "s" : "");
    } else if (good == 1) {
        if (judged < 2)
            return; /* none judged: nothing to say */
        if (judged == 2)
            fprintf(out, " The one other feasible value %s is not as good within Monte Carlo "
                    "error", which);
        else
            fprintf(out, " None of the %d other feasible values %s is as good within Monte "
                    "Carlo error", judged - 1, which);
        outward_note(out, each, feasible);
        fputs(".", out);
        return;
    } else {
        fprintf(out, " Within Monte Carlo error it is as good as %d of the %d other feasible "
                "value%s %s", good - 1, judged - 1, judged > 2 ? "s" : "", which);
        outward_note(out, each, feasible);
        fputs(", from ", out);
    }
    html_escape(out, lo_text);
    fputs(" to ", out);
    html_escape(out, hi_text);
    fputs(how, out);
}

/* A constraint column's condition ("sales >= 35000000"); an empty
 * cell (the objective's row) gives c->metric = -1. */
static int read_limit(const char *path, const struct csv_table *t, int r, int col,
                      struct metric_condition *c, struct hk_error *err)
{
    const char *text = col >= 0 ? report_field(t, r, col) : "";
    c->metric = -1;
    if (!text[0])
        return HK_OK;
    char where[PATH_MAX + 40];
    snprintf(where, sizeof where, "%s:%d: constraint", path, r + 1);
    return analysis_parse_condition(where, text, 0, c, err);
}

/* "Sales ≥ 35,000,000": a constraint with its limit, as the tables
 * show the metric. Nothing for a row without one. */
static void limit_words_unit(FILE *out, const struct metric_condition *c, int with_unit)
{
    static const char *const ops[] = {"\xE2\x89\xA4", "&lt;", "\xE2\x89\xA5", "&gt;", "="};
    if (c->metric < 0)
        return;
    struct shown m = report_describe(metric_info(c->metric)->name);
    html_escape(out, m.label);
    fprintf(out, "&nbsp;%s&nbsp;", ops[c->op]);
    report_number_exact(out, m.style, c->bound);
    if (with_unit && m.style == SHOW_PERCENT)
        fputs("&nbsp;%", out);
    else if (with_unit && m.style == SHOW_DAYS)
        fputs("&nbsp;days", out);
}

static void limit_words(FILE *out, const struct metric_condition *c)
{
    limit_words_unit(out, c, 1);
}

/* What the search sought, from calibrate.csv's goal cell ("maximize",
 * "minimize", "target 5000"; absent from older files): a sentence. */
static void goal_sentence(FILE *out, const char *goal, const char *objective)
{
    struct shown m = report_describe(objective);
    if (strcmp(goal, "maximize") == 0 || strcmp(goal, "minimize") == 0) {
        fprintf(out, "The search sought the value that %ss ", goal);
        html_escape(out, m.label);
        fputs(". ", out);
    } else if (strncmp(goal, "target ", 7) == 0 && metric_find(objective) >= 0) {
        struct metric_condition target = {metric_find(objective), OP_EQ, strtod(goal + 7, NULL)};
        fputs("The search sought the value at which ", out);
        limit_words(out, &target);
        fputs(" (a target). ", out);
    }
}

/* The objective's column header: what was sought of it. */
static const char *goal_header(const char *goal)
{
    return strcmp(goal, "maximize") == 0   ? "objective, maximized: "
           : strcmp(goal, "minimize") == 0 ? "objective, minimized: "
           : strncmp(goal, "target ", 7) == 0 ? "target: "
                                              : "objective: ";
}

/* A constraint's verdict as confirmation.csv gives it: its verdict
 * column (holds, uncertain, fails: what the 95 % interval says), or in
 * files from before that column, its holds column (the mean alone, as
 * -1 - CALIB_HOLDS or -1 - CALIB_FAILS). Anything else is HK_EINPUT. */
static int read_verdict(const char *path, const struct csv_table *t, int r, int c_holds,
                        int c_verdict, int *verdict, struct hk_error *err)
{
    const char *v = c_verdict >= 0 ? report_field(t, r, c_verdict) : report_field(t, r, c_holds);
    for (int k = CALIB_HOLDS; c_verdict >= 0 && k <= CALIB_FAILS; k++)
        if (strcmp(v, calib_verdict_name(k)) == 0) {
            *verdict = k;
            return HK_OK;
        }
    if (c_verdict < 0 && (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)) {
        *verdict = -1 - (v[0] == '1' ? CALIB_HOLDS : CALIB_FAILS);
        return HK_OK;
    }
    return hk_error_set(err, HK_EINPUT, "%s:%d: %s = '%s': must be %s", path, r + 1,
                        c_verdict >= 0 ? "verdict" : "holds", v,
                        c_verdict >= 0 ? "holds, uncertain or fails" : "1 or 0");
}

/* ", within its constraint (Sales ≥ 35,000,000)" and the like: what a
 * verdict says, naming the limit when the file gives it. */
static void verdict_words(FILE *out, int verdict, const struct metric_condition *c,
                          int has_interval)
{
    int known = c->metric >= 0;
    switch (verdict) {
    case CALIB_HOLDS:
        fputs(", within its constraint", out);
        break;
    case CALIB_UNCERTAIN:
        fputs(has_interval ? ", <strong>uncertain</strong>: its 95&nbsp;% interval straddles "
                             "the limit of its constraint"
                           : ", <strong>uncertain</strong>: it has no 95&nbsp;% interval to "
                             "set against the limit of its constraint", out);
        break;
    case CALIB_FAILS:
        fputs(", <strong>outside its constraint</strong>", out);
        break;
    case -1 - CALIB_HOLDS:
        fputs(", its mean within its constraint", out);
        break;
    default:
        fputs(", its mean <strong>outside its constraint</strong>", out);
    }
    if (known) {
        fputs(" (", out);
        limit_words(out, c);
        fputs(")", out);
    }
    if (verdict == CALIB_UNCERTAIN)
        fputs(", so these replications cannot tell whether it holds", out);
    else if (verdict == CALIB_FAILS)
        fputs(": its whole 95&nbsp;% interval is beyond the limit", out);
}

/* The chosen value on the replications confirmation.csv holds, which
 * took no part in the choice: the objective, and how sure each
 * constraint is there. jumped: the target was said to be reached by no
 * value (the mean jumps over it): no verdict on it is given, as the
 * terminal gives none. */
static int confirmation_sentence(FILE *out, const char *dir, double target, int held,
                                 int jumped, struct hk_error *err)
{
    static const char *const need[] = {"seed", "metric", "mean", "ci95_low", "ci95_high",
                                       "holds", NULL};
    int c[6];
    struct csv_table *t;
    if (report_load(dir, "confirmation.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/confirmation.csv", dir);
    int c_verdict = csv_table_column(t, "verdict"); /* absent from older files */
    int c_limit = csv_table_column(t, "constraint"); /* likewise */
    int verdict[CALIB_MAX_CONSTRAINTS + 1], misses = 0, unsure = 0, target_verdict = -1;
    /* A target's verdict, on the objective's row from 0.3.0 on (as
     * calibrate judged it, with the search's error beside this one's). */
    if (isfinite(target) && c_verdict >= 0 && t->rows > 1 && *report_field(t, 1, c_verdict) &&
        read_verdict(path, t, 1, c[5], c_verdict, &target_verdict, err) != HK_OK) {
        csv_table_free(t);
        return err->status;
    }
    if (jumped)
        target_verdict = -1; /* no value reaches it: nothing to judge, as on the terminal */
    struct metric_condition limit[CALIB_MAX_CONSTRAINTS + 1];
    for (int r = 2; r < t->rows && r - 2 < CALIB_MAX_CONSTRAINTS; r++) {
        if (read_verdict(path, t, r, c[5], c_verdict, &verdict[r - 2], err) != HK_OK ||
            read_limit(path, t, r, c_limit, &limit[r - 2], err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
        misses += verdict[r - 2] == CALIB_FAILS;
        unsure += verdict[r - 2] == CALIB_UNCERTAIN;
    }
    for (int r = 1; r < t->rows && r - 2 < CALIB_MAX_CONSTRAINTS; r++) {
        struct shown m = report_describe(report_field(t, r, c[1]));
        if (r == 1) {
            fputs(" On other replications (seed ", out);
            html_escape(out, report_field(t, r, c[0]));
            fputs("), which took no part in the choice, ", out);
        } else {
            fputs("; ", out);
        }
        html_escape(out, m.label);
        fputs(report_verb(&m), out);
        double low = report_num(report_field(t, r, c[3])), high = report_num(report_field(t, r, c[4]));
        report_quantity_unit(out, &m, report_num(report_field(t, r, c[2])), low, high);
        if (r == 1 && target_verdict >= 0) {
            const char *side = low > target ? "above" : "below";
            if (target_verdict == CALIB_HOLDS)
                fputs(", an interval that holds the target", out);
            else if (target_verdict == CALIB_FAILS)
                fprintf(out, ", <strong>wholly %s the target</strong>, the mean by more than its "
                        "and the search's Monte Carlo error together", side);
            else if (isfinite(low) && isfinite(high))
                fprintf(out, ", wholly %s the target, but the mean by less than its and the "
                        "search's Monte Carlo error together", side);
            else
                fputs(", without an interval to tell it from the target", out);
        }
        if (r > 1)
            verdict_words(out, verdict[r - 2], &limit[r - 2],
                          isfinite(report_num(report_field(t, r, c[3]))) &&
                              isfinite(report_num(report_field(t, r, c[4]))));
    }
    if (t->rows > 1)
        fputs(". The figures of the search favour the value it chose.", out);
    if (target_verdict == CALIB_FAILS && !held)
        fputs(" As on the search's replications, the chosen value's interval does not hold the "
              "target: the search did not reach it.", out);
    else if (target_verdict == CALIB_FAILS)
        fputs(" <strong>On these replications the chosen value misses the target</strong>: its "
              "mean came near it on the search's by their luck, and more replications would "
              "place it better.", out);
    else if (target_verdict == CALIB_UNCERTAIN)
        fputs(" More replications would tell whether the chosen value reaches the target.", out);
    if (misses > 0)
        fputs(" <strong>On these replications the chosen value clearly misses a "
              "constraint</strong>: it does not meet it.", out);
    else if (unsure > 0)
        fputs(" A constraint is within Monte Carlo error of its limit on these replications (or "
              "has no interval there): more replications would tell whether the chosen value "
              "meets it.", out);
    csv_table_free(t);
    return HK_OK;
}

/* The constraints of calibrate.csv with their limits, from the
 * constraint column of the first evaluation's rows: limit[k] for the
 * evaluation's row k (metric -1 on the objective's, and everywhere in
 * files from before that column). Returns how many rows an evaluation
 * has, or -1 (err set) on a malformed condition. */
static int read_limits(const char *dir, const struct csv_table *t, const char *first_eval,
                       int c_eval, struct metric_condition *limit, struct hk_error *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/calibrate.csv", dir);
    int col = csv_table_column(t, "constraint"), k = 0;
    for (int r = 1; r < t->rows && k <= CALIB_MAX_CONSTRAINTS &&
                    strcmp(report_field(t, r, c_eval), first_eval) == 0; r++, k++)
        if (read_limit(path, t, r, col, &limit[k], err) != HK_OK)
            return -1;
    return k;
}

/* At the chosen value in the search: each constraint's figure and how
 * sure it is. The search chose from the means; the intervals say
 * whether these replications can tell the value meets each limit. */
static void search_constraints_sentence(FILE *out, const struct csv_table *t, int chosen,
                                        const int *c, const struct metric_condition *limit,
                                        int metrics)
{
    for (int k = 1; k < metrics && chosen + k < t->rows; k++) {
        int r = chosen + k;
        if (limit[k].metric < 0)
            return;
        struct shown m = report_describe(report_field(t, r, c[3]));
        double mean = report_num(report_field(t, r, c[4])), low = report_num(report_field(t, r, c[5])),
               high = report_num(report_field(t, r, c[6]));
        fputs(k == 1 ? " In the search, at this value, " : "; ", out);
        html_escape(out, m.label);
        fputs(report_verb(&m), out);
        report_quantity_unit(out, &m, mean, low, high);
        verdict_words(out, calib_verdict(&limit[k], low, high), &limit[k],
                      isfinite(low) && isfinite(high));
        if (k == metrics - 1)
            fputs(".", out);
    }
}

/* Whether version `made_by` (from run.ini; "" if unknown, taken as this
 * one) came before major.minor. */
static int made_before(const char *made_by, int major, int minor)
{
    int was_major, was_minor;
    return sscanf(made_by, "%d.%d", &was_major, &was_minor) == 2 &&
           (was_major < major || (was_major == major && was_minor < minor));
}

int report_calibration(FILE *out, const char *dir, const char *made_by, struct hk_error *err)
{
    static const char *const need[] = {"evaluation", "param", "value", "metric", "mean",
                                       "ci95_low", "ci95_high", "feasible", "chosen", NULL};
    int c[9];
    struct csv_table *t;
    if (report_load(dir, "calibrate.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    if (t->rows < 2) {
        csv_table_free(t);
        return HK_OK;
    }
    const char *param = report_field(t, 1, c[1]), *objective = report_field(t, 1, c[3]);
    const char *first_eval = report_field(t, 1, c[0]);
    int c_good = csv_table_column(t, "as_good"); /* absent from older files */
    int c_goal = csv_table_column(t, "goal");    /* likewise */
    int c_grid = csv_table_column(t, "grid_as_good"); /* likewise */
    int c_place = csv_table_column(t, "target_place"); /* likewise */
    int c_jump = csv_table_column(t, "target_jump");   /* likewise */
    const char *goal = c_goal >= 0 ? report_field(t, 1, c_goal) : "";
    struct metric_condition limit[1 + CALIB_MAX_CONSTRAINTS];
    int metrics = read_limits(dir, t, first_eval, c[0], limit, err);
    if (metrics < 0) {
        csv_table_free(t);
        return err->status;
    }
    int chosen = -1;
    for (int r = 1; r < t->rows && chosen < 0; r++)
        if (strcmp(report_field(t, r, c[8]), "1") == 0 && strcmp(report_field(t, r, c[3]), objective) == 0)
            chosen = r;
    fputs("<section id=\"calibration\">\n<h2>Calibration of ", out);
    html_escape(out, param);
    fputs("</h2>\n<p>", out);
    goal_sentence(out, goal, objective);
    if (chosen > 0) {
        fputs("Chosen value: <strong>", out);
        html_escape(out, param);
        fputs(" = ", out);
        html_escape(out, report_field(t, chosen, c[2]));
        fputs("</strong>, where ", out);
        struct shown m = report_describe(objective);
        html_escape(out, m.label);
        fputs(report_verb(&m), out);
        report_quantity_unit(out, &m, report_num(report_field(t, chosen, c[4])),
                             report_num(report_field(t, chosen, c[5])),
                             report_num(report_field(t, chosen, c[6])));
        fputs(".", out);
        search_constraints_sentence(out, t, chosen, c, limit, metrics);
        range_end_sentence(out, dir, t, chosen, c[2], goal, objective, param);
        double target = strncmp(goal, "target ", 7) == 0 ? strtod(goal + 7, NULL) : NAN;
        if (report_target_grid_sentence(out, t, c, c_place, target, err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
        int jumped = target_jump_sentence(out, t, c, c_jump, chosen, param);
        /* Before 0.3.0 as_good marked 0 what it did not judge; before
         * 0.2.0 the grid was judged on the search's replications. */
        enum as_good_marks marks = c_goal < 0 || isfinite(target) ? MARKS_EACH
                                   : made_before(made_by, 0, 3) ? MARKS_OUTWARD_UNMARKED
                                                                : MARKS_OUTWARD;
        as_good_sentence(out, t, c[0], c[2], c_good, c[7], goal, marks);
        int on_the_search = made_before(made_by, 0, 2);
        if (report_grid_span_sentence(out, t, c, c_grid, goal, on_the_search, err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
        /* For a target: whether the search's own interval held it (a
         * target the mean jumps over is held by none). */
        int held = !(report_num(report_field(t, chosen, c[5])) > target) &&
                   !(report_num(report_field(t, chosen, c[6])) < target);
        if (confirmation_sentence(out, dir, target, held, jumped, err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
    } else if (strncmp(goal, "target ", 7) == 0 && metrics <= 1) {
        fputs("The mean reached the target at no evaluated value.", out);
    } else {
        int feasible = 0;
        for (int r = 1; r < t->rows && !feasible; r++)
            feasible = strcmp(report_field(t, r, c[7]), "1") == 0;
        fputs(strncmp(goal, "target ", 7) == 0
                  ? "No evaluated value both reached the target and met every constraint"
              : feasible ? "The objective had no value at any evaluated value that met every "
                           "constraint (a ratio with nothing to divide by, such as DSO without "
                           "sales)"
                         : "No evaluated value met every constraint", out);
        for (int k = 1; k < metrics; k++) {
            fputs(k == 1 ? " (" : "; ", out);
            limit_words(out, &limit[k]);
        }
        fputs(metrics > 1 && limit[1].metric >= 0 ? ")." : ".", out);
    }
    fputs(" Every evaluated value, in the order evaluated:</p>\n<div class=\"scroll\">"
          "<table id=\"calibration-table\">\n<thead><tr><th scope=\"col\">#</th>"
          "<th scope=\"col\">", out);
    html_escape(out, param);
    fputs("</th>", out);
    for (int r = 1; r < t->rows && strcmp(report_field(t, r, c[0]), first_eval) == 0; r++) {
        struct shown m = report_describe(report_field(t, r, c[3]));
        fputs("<th scope=\"col\">", out);
        html_escape(out, r == 1 ? goal_header(goal) : "constraint: ");
        if (r - 1 < metrics && limit[r - 1].metric >= 0)
            limit_words_unit(out, &limit[r - 1], 0); /* the unit follows */
        else
            html_escape(out, m.label);
        fputs("<span class=\"unit\">", out);
        html_escape(out, m.unit);
        fputs("</span></th>", out);
    }
    fputs("<th scope=\"col\">feasible: every mean meets its constraint</th><th scope=\"col\">chosen</th></tr></thead>\n"
          "<tbody>\n", out);
    for (int r = 1; r < t->rows;) {
        const char *e = report_field(t, r, c[0]);
        int is_chosen = strcmp(report_field(t, r, c[8]), "1") == 0;
        int as_good = c_good >= 0 && strcmp(report_field(t, r, c_good), "1") == 0;
        fputs(is_chosen ? "<tr class=\"chosen\"><th scope=\"row\">" : "<tr><th scope=\"row\">",
              out);
        html_escape(out, e);
        fputs("</th><td>", out);
        html_escape(out, report_field(t, r, c[2]));
        fputs("</td>", out);
        int feasible = strcmp(report_field(t, r, c[7]), "1") == 0;
        for (int k = 0; r < t->rows && strcmp(report_field(t, r, c[0]), e) == 0; r++, k++) {
            double low = report_num(report_field(t, r, c[5]));
            double high = report_num(report_field(t, r, c[6]));
            fputs("<td>", out);
            report_cell(out, report_field(t, r, c[3]), report_num(report_field(t, r, c[4])), low,
                        high);
            /* Said in words: rounded, an end can read as the limit itself
             * (0.40 % for 0.4038 % against 0.40 %). */
            if (k > 0 && k < metrics && limit[k].metric >= 0) {
                int v = calib_verdict(&limit[k], low, high);
                if (v == CALIB_UNCERTAIN)
                    fputs("<br><span class=\"unit\">uncertain: straddles its limit</span>", out);
                else if (v == CALIB_FAILS)
                    fputs("<br><span class=\"unit\">wholly beyond its limit</span>", out);
            }
            fputs("</td>", out);
        }
        fprintf(out, "<td>%s</td><td>%s</td></tr>\n", feasible ? "yes" : "no",
                is_chosen ? "\xE2\x98\x85 chosen" : as_good ? "as good, within Monte Carlo error"
                                                          : "");
    }
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}
