/*
 * report_internal.h — what the report's table modules share: how a
 * metric is shown, and reading a results folder's CSV files. Private to
 * src/report*.c.
 */
#ifndef HUIKUAN_REPORT_INTERNAL_H
#define HUIKUAN_REPORT_INTERNAL_H

#include <stdio.h>

#include "huikuan/csvread.h"
#include "huikuan/error.h"
#include "huikuan/report.h"

enum style { SHOW_MONEY, SHOW_PERCENT, SHOW_DAYS, SHOW_NUMBER };

struct shown {
    const char *metric;
    const char *label;
    const char *unit;
    enum style style;
    int wide; /* also a column of the sweep table, one column per metric */
    int optional; /* a row only where some scenario's value is not 0 */
    int plural;   /* its label takes "are": "Cash discounts are 297,753" */
};

/* How a metric is labelled and formatted (a key metric's own words, or
 * its unit and kind from metrics.h). */
struct shown report_describe(const char *metric);
/* " is " or " are ", as the metric's label takes. */
static inline const char *report_verb(const struct shown *m)
{
    return m->plural ? " are " : " is ";
}
/* One number in the metric's style; sign: a + before positive values. */
void report_number(FILE *out, enum style style, double v, int sign);
/* The same with as many more decimals as the number has (to 12): a
 * limit as the user wrote it, 59.96 days where a mean shows 60.0. */
void report_number_exact(FILE *out, enum style style, double v);
/* "X (95 % interval L – H", for a sentence: the three with the decimals
 * of the largest, as in a table cell. */
void report_quantity(FILE *out, enum style style, double mean, double low, double high);
/* The same in the metric's style, closed with its unit: "X (95 % interval
 * L – H unit)". */
void report_quantity_unit(FILE *out, const struct shown *m, double mean, double low, double high);
/* A mean and, under it, its interval (or why there is none). */
void report_value_cell(FILE *out, enum style style, double mean, double low, double high,
                       int sign);
/* A number written by huikuan (nan if the text holds none). */
double report_num(const char *text);
/* Reads dir/name, checked as report reads every file, and the columns
 * need[] (NULL-ended) into col[]; *t stays NULL (and HK_OK) if the file
 * is absent. */
int report_load(const char *dir, const char *name, const char *const *need,
                struct csv_table **t, int *col, struct hk_error *err);
/* Field col of a row, "" past its end. */
const char *report_field(const struct csv_table *t, int row, int col);

/* report_calibration_grid.c; c[] holds calibrate.csv's columns
 * evaluation, param, value, metric, mean, ci95_low, ci95_high, feasible. */
/* To maximize or minimize, from the grid_as_good column c_grid (if any):
 * where the grid cannot tell its best value from others, the span the
 * optimum may lie in, found and said as calibrate said it. */
int report_grid_span_sentence(FILE *out, const struct csv_table *t, const int *c, int c_grid,
                              const char *goal, int on_the_search, struct hk_error *err);
/* For a target: where the grid's means reach it in more than one place,
 * each place; where they reach it nowhere, the nearest and that the
 * search found it between grid values. Nothing otherwise. The places
 * come from the target_place column c_place where the file has one (-1:
 * from the means as rounded in the file). */
int report_target_grid_sentence(FILE *out, const struct csv_table *t, const int *c, int c_place,
                                double target, struct hk_error *err);

/* report_settings.c */
/* Where the folder keeps its scenarios as resolved, as the page says it:
 * a batch in each row's folder, a compare or sweep in one file per
 * scenario (its run.ini is the command), a run or calibrate in run.ini. */
const char *report_resolved_files(const char *dir);
/* The section on the scenarios and their settings. */
void report_write_settings(FILE *out, const struct report_scenarios *s, const char *resolved);

#endif
