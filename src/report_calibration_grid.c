/*
 * report_calibration_grid.c — what the report says of calibrate's grid,
 * read back from calibrate.csv as calibrate said it on the terminal:
 * where the optimum may lie when the grid cannot tell its best value
 * from others, and where a target's grid means reach it.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/analysis.h"
#include "huikuan/calibrate.h"
#include "huikuan/html.h"
#include "huikuan/metrics.h"
#include "report_internal.h"

/* calibrate.csv's evaluations, one per value (its objective's row), as
 * the search had them. */
struct evaluations {
    struct calib_result r;
    const char **text; /* each value as written */
    int *row;          /* each one's objective row */
};

static void evaluations_free(struct evaluations *ev)
{
    free(ev->r.points);
    free(ev->r.grid);
    free(ev->text);
    free(ev->row);
}

static int evaluations_read(const struct csv_table *t, const int *c, struct evaluations *ev,
                            struct hk_error *err)
{
    memset(ev, 0, sizeof *ev);
    ev->r.points = calloc((size_t)t->rows, sizeof *ev->r.points);
    ev->r.grid = calloc((size_t)t->rows, sizeof *ev->r.grid);
    ev->text = calloc((size_t)t->rows, sizeof *ev->text);
    ev->row = calloc((size_t)t->rows, sizeof *ev->row);
    if (!ev->r.points || !ev->r.grid || !ev->text || !ev->row) {
        evaluations_free(ev);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    for (int row = 1; row < t->rows; row++) {
        if (row > 1 && strcmp(report_field(t, row, c[0]), report_field(t, row - 1, c[0])) == 0)
            continue; /* a constraint's row */
        struct calib_point *p = &ev->r.points[ev->r.count];
        ev->text[ev->r.count] = report_field(t, row, c[2]);
        ev->row[ev->r.count] = row;
        p->x = report_num(ev->text[ev->r.count]);
        p->value[0] = report_num(report_field(t, row, c[4]));
        p->feasible = strcmp(report_field(t, row, c[7]), "1") == 0;
        ev->r.count++;
    }
    /* The grid comes first, in increasing order, and ends at the range's
     * upper end: the values that rise from the first are the grid. */
    for (int e = 0; e < ev->r.count && (e == 0 || ev->r.points[e].x > ev->r.points[e - 1].x); e++)
        ev->r.grid[ev->r.grid_count++] = e;
    return HK_OK;
}

/* The file keeps means and intervals, not replications: grid values as
 * good as the best with its mean and interval to the digit are taken to
 * be the same in every replication, as calibrate judged them; but not
 * a count of rare events or money written off with an interval of any
 * width (none seen is not none), as calibrate does not. */
static int same_as_best(const struct csv_table *t, const int *c, const signed char *good,
                        const struct evaluations *ev, int best)
{
    if (metric_rare(metric_find(report_field(t, ev->row[best], c[3]))) &&
        strcmp(report_field(t, ev->row[best], c[5]), report_field(t, ev->row[best], c[6])) != 0)
        return 0;
    for (int k = 0; k < ev->r.grid_count; k++) {
        int e = ev->r.grid[k];
        if (e == best || good[e] != 1)
            continue;
        for (int col = 4; col <= 6; col++) /* mean, ci95_low, ci95_high */
            if (strcmp(report_field(t, ev->row[best], c[col]), report_field(t, ev->row[e], c[col])) != 0)
                return 0;
    }
    return 1;
}

int report_grid_span_sentence(FILE *out, const struct csv_table *t, const int *c, int c_grid,
                              const char *goal, int on_the_search, struct hk_error *err)
{
    if (c_grid < 0 || (strcmp(goal, "maximize") != 0 && strcmp(goal, "minimize") != 0))
        return HK_OK;
    struct calib_spec spec = {.goal = goal[1] == 'i' ? CALIB_MINIMIZE : CALIB_MAXIMIZE};
    int type;
    struct hk_error ignored;
    if (analysis_param("--param", report_field(t, 1, c[1]), 1, NULL, 0, &type, &ignored) == HK_OK)
        spec.resolution = analysis_resolution(type); /* else none: a key of another version */
    struct evaluations ev;
    if (evaluations_read(t, c, &ev, err) != HK_OK)
        return err->status;
    signed char *good = calloc((size_t)t->rows, 1);
    if (!good) {
        evaluations_free(&ev);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    int marked = 0; /* none where no grid value was feasible */
    for (int e = 0; e < ev.r.count; e++) {
        const char *cell = report_field(t, ev.row[e], c_grid);
        good[e] = (signed char)(cell[0] ? atoi(cell) : -1); /* empty: not judged */
        marked += cell[0] != '\0';
    }
    if (!marked) {
        free(good);
        evaluations_free(&ev);
        return HK_OK;
    }
    struct calib_grid_span g = calib_grid_span(&ev.r, &spec, good);
    if (g.as_good >= 2) {
        g.same_everywhere = same_as_best(t, c, good, &ev, g.best);
        const char *from = "", *to = "";
        for (int e = 0; e < ev.r.count; e++) {
            from = ev.r.points[e].x == g.from && !from[0] ? ev.text[e] : from;
            to = ev.r.points[e].x == g.to && !to[0] ? ev.text[e] : to;
        }
        struct calib_span_words w = {ev.text[g.best], ev.text[ev.r.grid[g.first]],
                                     ev.text[ev.r.grid[g.last]], from, to,
                                     report_field(t, 1, c[3]), "", ev.r.grid_count,
                                     on_the_search};
        char sentence[1024];
        calib_grid_span_sentence(&g, &w, sentence, sizeof sentence);
        fputc(' ', out);
        fputc(toupper((unsigned char)sentence[0]), out);
        html_escape(out, sentence + 1);
        fputc('.', out);
    }
    free(good);
    evaluations_free(&ev);
    return HK_OK;
}

/* Whether the k-th grid value starts a place where the mean reaches the
 * target, and whether the place runs to the next grid value: from
 * calibrate.csv's target_place, worked out from the means before
 * rounding, where the file has it; in older files, from the means as
 * rounded there. */
static int grid_place(const struct csv_table *t, const struct evaluations *ev, int c_place,
                      double target, int k, int *between)
{
    double from, to;
    if (c_place < 0) {
        int place = calib_grid_crossing(ev->r.points, ev->r.grid, ev->r.grid_count, target, k,
                                        &from, &to);
        *between = place && from != to;
        return place;
    }
    const char *cell = report_field(t, ev->row[ev->r.grid[k]], c_place);
    *between = k + 1 < ev->r.grid_count && strcmp(cell, "between") == 0;
    return *between || strcmp(cell, "at") == 0;
}

int report_target_grid_sentence(FILE *out, const struct csv_table *t, const int *c, int c_place,
                                double target, struct hk_error *err)
{
    if (!isfinite(target))
        return HK_OK;
    struct evaluations ev;
    if (evaluations_read(t, c, &ev, err) != HK_OK)
        return err->status;
    int places = 0, near = -1;
    for (int k = 0; k < ev.r.grid_count; k++) {
        int between;
        places += grid_place(t, &ev, c_place, target, k, &between);
        double gap = ev.r.points[ev.r.grid[k]].value[0] - target;
        if (!isnan(gap) && (near < 0 || fabs(gap) < fabs(ev.r.points[near].value[0] - target)))
            near = ev.r.grid[k]; /* the first of the nearest, as calibrate takes it */
    }
    if (places >= 2) {
        fprintf(out, " The grid's means reach the target in %d places (", places);
        for (int k = 0, said = 0; k < ev.r.grid_count; k++) {
            int between;
            if (!grid_place(t, &ev, c_place, target, k, &between))
                continue;
            fputs(said++ ? ", " : "", out);
            int at = ev.r.grid[k];
            if (!between) {
                fputs("at ", out);
                html_escape(out, ev.text[at]);
            } else {
                fputs("between ", out);
                html_escape(out, ev.text[at]);
                fputs(" and ", out);
                html_escape(out, ev.text[ev.r.grid[k + 1]]);
            }
        }
        fputs("): more than one value meets it, and the one chosen is the one whose mean came "
              "nearest it on these replications.", out);
    } else if (places == 0 && near >= 0) {
        struct shown m = report_describe(report_field(t, 1, c[3]));
        int row = ev.row[near];
        fputs(" No grid value's mean reaches the target: the nearest is ", out);
        report_quantity_unit(out, &m, report_num(report_field(t, row, c[4])),
                             report_num(report_field(t, row, c[5])),
                             report_num(report_field(t, row, c[6])));
        fputs(", at ", out);
        html_escape(out, ev.text[near]);
        fputs(". Between grid values, where their means came nearest it, the search found "
              "where the mean reaches it (it may reach it elsewhere between grid values too: a "
              "finer grid would show).", out);
    }
    evaluations_free(&ev);
    return HK_OK;
}
