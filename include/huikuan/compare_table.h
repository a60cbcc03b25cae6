/*
 * compare_table.h — the table `huikuan compare` and `huikuan sweep`
 * print: the figures management weighs, side by side, each with its
 * uncertainty; and the same figures of one scenario, as `huikuan run`
 * prints them.
 *
 * For each of sales, collected, bad_debt_rate, dso, firm_profit,
 * rep_pay_mean and rep_turnover (the design's question), a block: one
 * line per scenario with its mean, 95 % interval and replications, and
 * from the second scenario on its paired difference from the first, with
 * the difference's interval, marked * where that interval excludes 0.
 * Numbers are written as in summary.csv and compare.csv, so that a
 * script or a reader can find them there.
 */
#ifndef HUIKUAN_COMPARE_TABLE_H
#define HUIKUAN_COMPARE_TABLE_H

#include <stdio.h>

#include "huikuan/error.h"
#include "huikuan/runner.h"

/* Writes the table for set (two scenarios or more) to out, its heading
 * naming them as `what` ("scenarios", or a sweep's "values of KEY"), with
 * a note under it for each scenario of another size than the first if
 * note_sizes (a sweep's values differ only in the key swept). HK_EIO if
 * out of memory. */
int compare_table_print(FILE *out, const struct run_set *set, const char *what,
                        int note_sizes, struct hk_error *err);

/* The same figures for the first scenario of set alone, a line each:
 * name and unit, mean, 95 % interval, and n where fewer replications
 * than the run's gave the metric a value. HK_EIO if out of memory. */
int compare_table_print_one(FILE *out, const struct run_set *set, struct hk_error *err);

#endif
