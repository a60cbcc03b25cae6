/*
 * results.h — the files of a results folder, from a finished run set.
 *
 * summary.csv       scenario,metric,mean,sd,ci95_low,ci95_high,n
 * replications.csv  scenario,replication,<every metric>
 * monthly.csv       scenario,month,metric,mean,sd,ci95_low,ci95_high,n
 * aging.csv         scenario,bucket,days_past_due_from,days_past_due_to,
 *                   amount,amount_ci95_low,amount_ci95_high,share,n
 * reps.csv          a row per rep per replication (see README)
 * collectibility.csv scenario,age_days,collectible_share,ci95_low,ci95_high,n
 * segments.csv      scenario,segment,metric,mean,sd,ci95_low,ci95_high,n
 * markov.csv        (Markov scenarios) state,paid_share,bad_debt_share,n,
 *                   paid_ci95_low,paid_ci95_high; markov-NAME.csv for several
 * compare.csv       (compare, sweep) scenario,metric,diff_mean,
 *                   diff_ci95_low,diff_ci95_high,n
 * run.ini           the resolved scenario (one scenario), or provenance plus
 *                   run-NAME.ini per scenario (several)
 */
#ifndef HUIKUAN_RESULTS_H
#define HUIKUAN_RESULTS_H

#include "huikuan/error.h"
#include "huikuan/output.h"
#include "huikuan/runner.h"
#include "huikuan/stats.h"

/* Metric m over scenario s's replications, as summary.csv has it: its
 * interval cut to the values m can take (metric_range) and, for a count
 * of rare events, widened to cover a Poisson count's
 * (stats_summarise_events). values and scratch hold a double per
 * replication. */
struct stats_summary results_summarise_metric(const struct run_set *set, int s, int m,
                                              double *values, double *scratch);

/* Metric m of scenario s minus that of scenario 0, replication by
 * replication over the replications both ran (common random numbers), as
 * compare.csv gives it: the paired t interval, and for a count of rare
 * events the hull with the discordant events' Poisson bound
 * (stats_summarise_paired_events); where one side rules the event out,
 * the other side's count's own interval; where one event adds different
 * amounts on each side, the hull with both sides' 97.5 % intervals. a, b
 * and scratch hold a double per replication. */
struct stats_summary results_summarise_difference(const struct run_set *set, int s, int m,
                                                  double *a, double *b, double *scratch);

/* What weighs a difference of metric m of scenario s: what one event
 * adds to it (metric_event), what one loss adds to money written off
 * (an invoice of the mean amount, for the rate over the mean sales of
 * the replications that have one; for effort_screen, a rep's week of the
 * most screening; 0 for other metrics), and the most it can be
 * (metric_range). */
struct metric_sizes {
    double event, loss, hi;
};
struct metric_sizes results_metric_sizes(const struct run_set *set, int s, int m);

/* results_summarise_difference's interval for values a and b of metric
 * m, n paired replications, weighed by each side's sizes. */
struct stats_summary results_difference_of(int m, const double *a, const double *b, size_t n,
                                           struct metric_sizes za, struct metric_sizes zb,
                                           double *scratch);

/* customers.behaviour = markov, scenario s: of the amount of invoices
 * issued in the horizon that reached each state (pooled over
 * replications), the share that ended paid and written off; and how many
 * invoices reached it. */
void results_markov_shares(const struct run_set *set, int s, double *paid, double *bad,
                           int64_t *invoices);
/* The paid share of a state as a ratio of totals over replications (the
 * pooled share above), with its delta-method interval, bounded where few
 * replications paid, or lost, anything of it as results_collectible is;
 * n counts the replications in which an invoice reached the state. */
struct stats_summary results_markov_paid(const struct run_set *set, int s, int state);
/* markov.csv: state,paid_share,bad_debt_share,n,paid_ci95_low,paid_ci95_high. */
void results_write_markov(FILE *f, const struct run_set *set, int s);

/* Amounts are counted in int64 cents, but reported as doubles in
 * currency units, which hold every amount to the cent only below about
 * 0.005 x 2^53 units. */
#define RESULTS_EXACT_UNITS 4.5e13

/* command: the result-affecting part of the command line, recorded in
 * run.ini (no -j, -o or --quiet, so that thread counts do not change
 * a single byte). per_scenario (compare, sweep): each scenario's
 * settings go in run-NAME.ini and a Markov scenario's shares in
 * markov-NAME.csv, run.ini holding only the command, however many
 * scenarios there are (a sweep of one value too); otherwise (run,
 * calibrate, a batch's row) the one scenario is in run.ini. If an amount
 * reached RESULTS_EXACT_UNITS, a note on stderr says so. */
int results_write(struct output_dir *od, const struct run_set *set, int per_scenario,
                  const char *command, struct hk_error *err);

/* Scenario s's collectibility at COLLECT_AGES[point]: of the money that
 * reached that age unpaid, over all replications, the share later paid
 * (money-weighted: a ratio of totals, in invoices of the scenario's mean
 * amount where they are few: stats_summarise_share_of_units); n counts
 * the replications in which anything reached that age. */
struct stats_summary results_collectible(const struct run_set *set, int s, int point);

/* compare.csv, scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n:
 * each scenario's paired difference from the first, replication by
 * replication (the scenarios ran on one seed: common random numbers). */
int results_write_compare(struct output_dir *od, const struct run_set *set, struct hk_error *err);

/* The k-th of the tables every results folder holds, each with a
 * `scenario` column first ("summary.csv", "replications.csv", ...);
 * NULL past the last. markov.csv and run.ini are not among them. */
const char *results_table_name(int k);

/* Writes "summary" rows for one scenario's metric m into row. */
#define HUIKUAN_VERSION "0.9.3"

#endif
