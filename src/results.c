/*
 * results.c — writes the CSV files and run.ini of a run set.
 *
 * Everything here is a pure function of the run set and the command
 * string, so equal inputs give byte-identical files.
 */
#include "huikuan/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/cli.h"
#include "huikuan/metrics.h"
#include "huikuan/stats.h"

static const char *const SUMMARY_HEADER[] = {"scenario", "metric", "mean", "sd",
                                             "ci95_low", "ci95_high", "n"};

static void header(FILE *f, const char *const *names, int count)
{
    struct csv_row row;
    output_csv_begin(&row, f);
    for (int i = 0; i < count; i++)
        output_csv_text(&row, names[i]);
    output_csv_end(&row);
}

static void summary_cells(struct csv_row *row, int kind, struct stats_summary s)
{
    output_csv_number(row, kind, s.mean);
    output_csv_number(row, kind, s.sd);
    output_csv_number(row, kind, s.ci95_low);
    output_csv_number(row, kind, s.ci95_high);
    output_csv_int(row, (long long)s.n);
}

/* An amount written off (or the screening effort, widened_as_lost),
 * where a loss can happen (`loss` > 0, what one loss adds). Where every
 * replication saw none, the t interval, of no width, would say
 * "certainly none": it gets the Poisson interval of no event seen,
 * [0, 3.69 / n] losses a replication (stats_summarise_events).
 * Where a few replications lost, the t interval is narrow again while
 * the next few may lose as much: its high end is taken at least to
 * stats_mean_upper_from_some, with one loss of `loss` counted in beside
 * those seen. Where most replications lose, the t interval stands. Cut
 * to what the metric can be. */
static struct stats_summary summarise_amount_lost(const double *values, size_t n,
                                                  double *scratch, struct metric_range range,
                                                  double loss)
{
    struct stats_summary sum = stats_summarise_within(values, 1, n, scratch, range.lo, range.hi);
    if (!(loss > 0) || sum.n < 2)
        return sum;
    if (sum.mean == 0 && sum.sd == 0)
        sum = stats_summarise_events(values, 1, n, scratch, loss);
    size_t k = 0, kept = 0;
    double lost = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i])) {
            kept++;
            k += values[i] > 0;
            lost += values[i] > 0 ? values[i] : 0;
        }
    if (k > 0)
        sum.ci95_high = fmax(sum.ci95_high, stats_mean_upper_from_some(k, kept, lost, loss));
    sum.ci95_high = fmin(sum.ci95_high, range.hi);
    return sum;
}

/* Metrics whose interval is an amount lost's (summarise_amount_lost). */
static int widened_as_lost(int m)
{
    return m == M_BAD_DEBT || m == M_BAD_DEBT_RATE || m == M_EFFORT_SCREEN;
}

/* What one loss adds to metric m (bad_debt or bad_debt_rate) of
 * scenario s: an invoice of the mean amount, for the rate as a share of
 * the mean sales of the replications that have a rate (those with
 * sales: the bound divides by their count, and the others' zero sales
 * would shrink the mean and stretch the bound). For effort_screen, a
 * rep's week of the most screening (metric_screening_week). */
static double loss_event(const struct run_set *set, int s, int m)
{
    if (m == M_EFFORT_SCREEN)
        return metric_screening_week(&set->scenario[s]);
    double loss = metric_loss_event(&set->scenario[s]);
    if (m == M_BAD_DEBT)
        return loss;
    double sales = 0;
    int n = set->scenario[s].sim.replications, kept = 0;
    for (int r = 0; r < n; r++)
        if (isfinite(set->results[s][r].metric[M_BAD_DEBT_RATE])) {
            sales += set->results[s][r].metric[M_SALES];
            kept++;
        }
    return kept > 0 && sales > 0 ? loss / (sales / kept) : 0.0;
}

struct stats_summary results_summarise_metric(const struct run_set *set, int s, int m,
                                              double *values, double *scratch)
{
    const struct scenario *sc = &set->scenario[s];
    int n = sc->sim.replications;
    for (int r = 0; r < n; r++)
        values[r] = set->results[s][r].metric[m];
    double event = metric_event(m, sc);
    if (event > 0)
        return stats_summarise_events(values, 1, (size_t)n, scratch, event);
    struct metric_range range = metric_range(m, sc);
    if (widened_as_lost(m))
        return summarise_amount_lost(values, (size_t)n, scratch, range, loss_event(set, s, m));
    return stats_summarise_within(values, 1, (size_t)n, scratch, range.lo, range.hi);
}

struct metric_sizes results_metric_sizes(const struct run_set *set, int s, int m)
{
    const struct scenario *sc = &set->scenario[s];
    struct metric_sizes z = {metric_event(m, sc), 0.0, metric_range(m, sc).hi};
    if (widened_as_lost(m))
        z.loss = loss_event(set, s, m);
    return z;
}

/* Money written off (or the screening effort), b - a: the paired t
 * interval, but where neither side wrote anything off in any
 * replication, not [0, 0]: from the first side's no-loss bound below 0
 * to the second's above, each at 97.5 %. A replication without a value
 * (a rate without sales) wrote nothing off that counts. */
static struct stats_summary difference_of_losses(const double *a, const double *b, size_t n,
                                                 struct metric_sizes za,
                                                 struct metric_sizes zb, double *scratch)
{
    struct stats_summary d = stats_summarise_paired(a, b, 1, n, scratch);
    for (size_t r = 0; r < n; r++)
        if ((isfinite(a[r]) && a[r] != 0) || (isfinite(b[r]) && b[r] != 0))
            return d;
    if (d.n >= 2) {
        d.ci95_low = -fmin(stats_summarise_events_975(a, 1, n, scratch, za.loss).ci95_high, za.hi);
        d.ci95_high = fmin(stats_summarise_events_975(b, 1, n, scratch, zb.loss).ci95_high, zb.hi);
    }
    return d;
}

struct stats_summary results_difference_of(int m, const double *a, const double *b, size_t n,
                                           struct metric_sizes za, struct metric_sizes zb,
                                           double *scratch)
{
    if (widened_as_lost(m))
        return difference_of_losses(a, b, n, za, zb, scratch);
    double ea = za.event, eb = zb.event;
    if (ea == eb) /* 0 for a metric that counts no events, or none in either */
        return stats_summarise_paired_events(a, b, 1, n, scratch, ea);
    /* A side that rules the event out is 0 throughout: the difference is
     * the other side's count, and its interval that count's own. */
    if (ea == 0)
        return stats_summarise_events(b, 1, n, scratch, eb);
    if (eb == 0) {
        struct stats_summary d = stats_summarise_events(a, 1, n, scratch, ea);
        double low = d.ci95_low;
        d.mean = -d.mean;
        d.ci95_low = -d.ci95_high;
        d.ci95_high = -low;
        return d;
    }
    /* One event adds different amounts on each side (a rate per rep-year
     * over other reps or days): no count of discordant events to take.
     * Each side's own interval then bounds the difference, b's low end
     * less a's high end to b's high less a's low, each side at 97.5 %
     * (Garwood's and the t interval's hull, as for one scenario) so that
     * both hold at least 95 % of the time. */
    struct stats_summary d = stats_summarise_paired(a, b, 1, n, scratch);
    struct stats_summary sa = stats_summarise_events_975(a, 1, n, scratch, ea);
    struct stats_summary sb = stats_summarise_events_975(b, 1, n, scratch, eb);
    if (d.n >= 2 && sa.n >= 2 && sb.n >= 2) {
        d.ci95_low = fmin(d.ci95_low, sb.ci95_low - sa.ci95_high);
        d.ci95_high = fmax(d.ci95_high, sb.ci95_high - sa.ci95_low);
    }
    return d;
}

struct stats_summary results_summarise_difference(const struct run_set *set, int s, int m,
                                                  double *a, double *b, double *scratch)
{
    int n = set->scenario[s].sim.replications < set->scenario[0].sim.replications
                ? set->scenario[s].sim.replications : set->scenario[0].sim.replications;
    for (int r = 0; r < n; r++) {
        a[r] = set->results[0][r].metric[m];
        b[r] = set->results[s][r].metric[m];
    }
    return results_difference_of(m, a, b, (size_t)n, results_metric_sizes(set, 0, m),
                                 results_metric_sizes(set, s, m), scratch);
}

static void write_summary(FILE *f, const struct run_set *set, double *scratch, double *values)
{
    header(f, SUMMARY_HEADER, 7);
    for (int s = 0; s < set->scenarios; s++) {
        for (int m = 0; m < METRIC_COUNT; m++) {
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_text(&row, set->scenario[s].name);
            output_csv_text(&row, metric_info(m)->name);
            summary_cells(&row, metric_info(m)->kind,
                          results_summarise_metric(set, s, m, values, scratch));
            output_csv_end(&row);
        }
    }
}

static void write_replications(FILE *f, const struct run_set *set)
{
    struct csv_row row;
    output_csv_begin(&row, f);
    output_csv_text(&row, "scenario");
    output_csv_text(&row, "replication");
    for (int m = 0; m < METRIC_COUNT; m++)
        output_csv_text(&row, metric_info(m)->name);
    output_csv_end(&row);
    for (int s = 0; s < set->scenarios; s++)
        for (int r = 0; r < set->scenario[s].sim.replications; r++) {
            output_csv_begin(&row, f);
            output_csv_text(&row, set->scenario[s].name);
            output_csv_int(&row, r + 1);
            for (int m = 0; m < METRIC_COUNT; m++)
                output_csv_number(&row, metric_info(m)->kind, set->results[s][r].metric[m]);
            output_csv_end(&row);
        }
}

static void write_monthly(FILE *f, const struct run_set *set, double *scratch, double *values)
{
    static const char *const names[] = {"scenario", "month", "metric", "mean", "sd",
                                        "ci95_low", "ci95_high", "n"};
    header(f, names, 8);
    for (int s = 0; s < set->scenarios; s++) {
        int n = set->scenario[s].sim.replications;
        int months = set->results[s][0].months;
        for (int mo = 0; mo < months; mo++)
            for (int k = 0; k < MONTHLY_COUNT; k++) {
                for (int r = 0; r < n; r++)
                    values[r] = set->results[s][r].monthly[mo][k];
                struct csv_row row;
                output_csv_begin(&row, f);
                output_csv_text(&row, set->scenario[s].name);
                output_csv_int(&row, mo + 1);
                output_csv_text(&row, monthly_info(k)->name);
                struct metric_range range = monthly_range(k);
                double event = monthly_event(k, &set->scenario[s]);
                summary_cells(&row, monthly_info(k)->kind,
                              event > 0 ? stats_summarise_events(values, 1, (size_t)n, scratch,
                                                                 event)
                              : k == MO_BAD_DEBT
                                  ? summarise_amount_lost(values, (size_t)n, scratch, range,
                                                          metric_loss_event(&set->scenario[s]))
                                  : stats_summarise_within(values, 1, (size_t)n, scratch,
                                                           range.lo, range.hi));
                output_csv_end(&row);
            }
    }
}

static void write_reps(FILE *f, const struct run_set *set)
{
    static const char *const names[] = {
        "scenario", "replication", "book", "rep_id", "hired_day", "left_day", "days",
        "sales", "collected", "written_off", "base", "commission", "bonus", "penalties",
        "liability_charges", "clawbacks", "net_pay", "pay_per_month", "effort_sell",
        "effort_screen", "effort_collect", "left_reason", "discounts", "concessions",
        "repossessed"};
    header(f, names, 25);
    for (int s = 0; s < set->scenarios; s++)
        for (int r = 0; r < set->scenario[s].sim.replications; r++) {
            const struct replication_result *res = &set->results[s][r];
            for (int i = 0; i < res->rep_count; i++) {
                const struct rep_record *p = &res->reps[i];
                struct csv_row row;
                output_csv_begin(&row, f);
                output_csv_text(&row, set->scenario[s].name);
                output_csv_int(&row, r + 1);
                output_csv_int(&row, p->book + 1);
                output_csv_int(&row, p->rep_id + 1);
                output_csv_int(&row, p->hired_day);
                if (p->left_day < 0)
                    output_csv_text(&row, "");
                else
                    output_csv_int(&row, p->left_day);
                output_csv_int(&row, p->days);
                const cents_t money[] = {p->sales,   p->collected,  p->written_off, p->base,
                                         p->commission, p->bonus,   p->penalty,     p->liability,
                                         p->clawback,   p->net_pay};
                for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
                    output_csv_number(&row, KIND_MONEY, (double)money[k] / 100.0);
                /* To the cent, half away from zero, as every amount is
                 * rounded: not as the binary value of a half cent falls. */
                output_csv_number(&row, KIND_MONEY,
                                  p->days > 0 ? (double)llround((double)p->net_pay * 30.0 / p->days) / 100.0
                                              : NAN);
                for (int k = 0; k < EFFORT_KINDS; k++)
                    output_csv_number(&row, KIND_RATE, p->effort[k]);
                output_csv_text(&row, p->left_day < 0 ? "" : p->dismissed ? "dismissed" : "quit");
                /* Added after left_reason, so that scripts reading the
                 * columns before by position read them still. */
                output_csv_number(&row, KIND_MONEY, (double)p->discounts / 100.0);
                output_csv_number(&row, KIND_MONEY, (double)p->concessions / 100.0);
                output_csv_number(&row, KIND_MONEY, (double)p->repossessed / 100.0);
                output_csv_end(&row);
            }
        }
}

/* A replication's (numerator, denominator) of a ratio of totals. */
typedef void (*ratio_pair)(const struct replication_result *res, int which, double *num,
                           double *den);

/* Scenario s's ratio of totals over its replications, a share in [0, 1]
 * of money that comes in units of about `unit` (0: not counted so;
 * stats_summarise_share_of_units); NaN throughout if memory ran out. */
static struct stats_summary share_of_totals(const struct run_set *set, int s, ratio_pair pair,
                                            int which, double unit)
{
    size_t n = (size_t)set->scenario[s].sim.replications;
    double *num = malloc(3 * n * sizeof *num);
    struct stats_summary sum = {NAN, NAN, NAN, NAN, 0};
    if (!num)
        return sum;
    double *den = num + n, *scratch = den + n;
    for (size_t r = 0; r < n; r++)
        pair(&set->results[s][r], which, &num[r], &den[r]);
    sum = stats_summarise_share_of_units(num, den, 1, n, scratch, unit);
    free(num);
    return sum;
}

/* A bucket's share of the receivables: its amount over all buckets'. */
static void bucket_of_total(const struct replication_result *res, int bucket, double *num,
                            double *den)
{
    *num = res->aging[bucket];
    *den = 0;
    for (int b = 0; b < AGE_BUCKETS; b++)
        *den += res->aging[b];
}

static void write_aging(FILE *f, const struct run_set *set, double *scratch, double *values)
{
    static const char *const names[] = {"scenario", "bucket", "days_past_due_from",
                                        "days_past_due_to", "amount", "amount_ci95_low",
                                        "amount_ci95_high", "share", "n", "share_ci95_low",
                                        "share_ci95_high", "share_n"};
    static const int from[AGE_BUCKETS] = {-1, 1, 31, 61, 91, 181, 366};
    static const int to[AGE_BUCKETS] = {0, 30, 60, 90, 180, 365, -1};
    header(f, names, 12);
    for (int s = 0; s < set->scenarios; s++) {
        int n = set->scenario[s].sim.replications;
        for (int b = 0; b < AGE_BUCKETS; b++) {
            for (int r = 0; r < n; r++)
                values[r] = set->results[s][r].aging[b];
            struct stats_summary sum =
                stats_summarise_within(values, 1, (size_t)n, scratch, 0.0, INFINITY);
            /* A ratio of totals: no receivables anywhere, no share. */
            struct stats_summary share = share_of_totals(set, s, bucket_of_total, b, 0.0);
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_text(&row, set->scenario[s].name);
            output_csv_text(&row, ledger_bucket_name(b));
            if (from[b] < 0)
                output_csv_text(&row, "");
            else
                output_csv_int(&row, from[b]);
            if (to[b] < 0)
                output_csv_text(&row, "");
            else
                output_csv_int(&row, to[b]);
            output_csv_number(&row, KIND_MONEY, sum.mean);
            output_csv_number(&row, KIND_MONEY, sum.ci95_low);
            output_csv_number(&row, KIND_MONEY, sum.ci95_high);
            output_csv_number(&row, KIND_RATE, share.mean);
            output_csv_int(&row, (long long)sum.n);
            output_csv_number(&row, KIND_RATE, share.ci95_low);
            output_csv_number(&row, KIND_RATE, share.ci95_high);
            output_csv_int(&row, (long long)share.n); /* the replications with receivables */
            output_csv_end(&row);
        }
    }
}

static void collected_of_base(const struct replication_result *res, int point, double *num,
                              double *den)
{
    *den = res->collect_base[point];
    *num = *den > 0 ? res->collect_share[point] * *den : 0.0;
}

struct stats_summary results_collectible(const struct run_set *set, int s, int point)
{
    /* Money is lost, and got back, an invoice at a time: what one loss
     * is, as for bad_debt (0 where none can happen: all is collected). */
    return share_of_totals(set, s, collected_of_base, point, metric_loss_event(&set->scenario[s]));
}

static void write_collectibility(FILE *f, const struct run_set *set, double *scratch,
                                 double *values)
{
    (void)scratch;
    (void)values;
    static const char *const names[] = {"scenario", "age_days", "collectible_share",
                                        "ci95_low", "ci95_high", "n"};
    header(f, names, 6);
    for (int s = 0; s < set->scenarios; s++) {
        for (int a = 0; a < COLLECT_AGE_POINTS; a++) {
            struct stats_summary sum = results_collectible(set, s, a);
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_text(&row, set->scenario[s].name);
            output_csv_int(&row, COLLECT_AGES[a]);
            output_csv_number(&row, KIND_RATE, sum.mean);
            output_csv_number(&row, KIND_RATE, sum.ci95_low);
            output_csv_number(&row, KIND_RATE, sum.ci95_high);
            output_csv_int(&row, (long long)sum.n);
            output_csv_end(&row);
        }
    }
}

/* loss_event() for segment g's bad debt, or with `rate` its bad debt
 * rate: a share of the segment's mean sales. None where no replication
 * gave the segment a customer: then nothing lost is certain. */
static double segment_loss_event(const struct run_set *set, int s, int g, int rate)
{
    double loss = metric_segment_loss_event(&set->scenario[s], g);
    double sales = 0;
    int n = set->scenario[s].sim.replications, kept = 0, held = 0;
    for (int r = 0; r < n; r++) {
        held += set->results[s][r].segment_customers[g] > 0;
        if (set->results[s][r].segment_sales[g] > 0) {
            sales += set->results[s][r].segment_sales[g];
            kept++;
        }
    }
    if (!held || !rate)
        return held ? loss : 0.0;
    return kept > 0 ? loss / (sales / kept) : 0.0;
}

/* Per segment: who the customers are and how each kind pays; money
 * written off bounded as in summary.csv where none or few lost any. */
static void write_segments(FILE *f, const struct run_set *set, double *scratch, double *values)
{
    static const char *const names[] = {"scenario", "segment", "metric", "mean", "sd",
                                        "ci95_low", "ci95_high", "n"};
    enum { GAINED, LOST, LOST_SHARE }; /* money written off: LOST, or as a share of sales */
    static const struct { const char *name; int kind, lost; } metrics[] = {
        {"customers", KIND_COUNT, GAINED}, {"sales", KIND_MONEY, GAINED},
        {"collected", KIND_MONEY, GAINED}, {"bad_debt", KIND_MONEY, LOST},
        {"bad_debt_rate", KIND_RATE, LOST_SHARE}, {"days_late", KIND_DAYS, GAINED},
        {"discounts", KIND_MONEY, GAINED}, {"concessions", KIND_MONEY, GAINED},
        {"repossessed", KIND_MONEY, GAINED},
    }; /* none of them negative (an early payment is 0 days late) */
    header(f, names, 8);
    for (int s = 0; s < set->scenarios; s++) {
        int n = set->scenario[s].sim.replications;
        for (int g = 0; g < SEG_COUNT; g++)
            for (size_t m = 0; m < sizeof metrics / sizeof metrics[0]; m++) {
                for (int r = 0; r < n; r++) {
                    const struct replication_result *res = &set->results[s][r];
                    double v[] = {res->segment_customers[g], res->segment_sales[g],
                                  res->segment_paid[g], res->segment_bad[g],
                                  res->segment_sales[g] > 0 ? res->segment_bad[g] / res->segment_sales[g] : NAN,
                                  res->segment_paid[g] > 0 ? res->segment_late[g] / res->segment_paid[g] : NAN,
                                  res->segment_discounts[g], res->segment_concessions[g],
                                  res->segment_repossessed[g]};
                    values[r] = v[m];
                }
                struct csv_row row;
                output_csv_begin(&row, f);
                output_csv_text(&row, set->scenario[s].name);
                output_csv_text(&row, scenario_segment_name(g));
                output_csv_text(&row, metrics[m].name);
                double loss = metrics[m].lost != GAINED
                                  ? segment_loss_event(set, s, g, metrics[m].lost == LOST_SHARE)
                                  : 0;
                struct metric_range range = {0.0, metrics[m].lost == LOST_SHARE
                                                       ? metric_range(M_BAD_DEBT_RATE, &set->scenario[s]).hi
                                                       : INFINITY};
                summary_cells(&row, metrics[m].kind,
                              loss > 0 ? summarise_amount_lost(values, (size_t)n, scratch, range, loss)
                                       : stats_summarise_within(values, 1, (size_t)n, scratch,
                                                                range.lo, range.hi));
                output_csv_end(&row);
            }
    }
}

void results_markov_shares(const struct run_set *set, int s, double *paid, double *bad,
                           int64_t *invoices)
{
    const struct markov_params *m = &set->scenario[s].markov;
    for (int k = 0; k < m->states; k++) {
        double reached = 0, p = 0, b = 0;
        invoices[k] = 0;
        for (int r = 0; r < set->scenario[s].sim.replications; r++) {
            const struct replication_result *res = &set->results[s][r];
            reached += res->markov_reached[k];
            p += res->markov_paid[k];
            b += res->markov_bad[k];
            invoices[k] += res->markov_invoices[k];
        }
        paid[k] = reached > 0 ? p / reached : NAN;
        bad[k] = reached > 0 ? b / reached : NAN;
    }
}

static void paid_of_reached(const struct replication_result *res, int state, double *num,
                            double *den)
{
    *num = res->markov_paid[state];
    *den = res->markov_reached[state];
}

struct stats_summary results_markov_paid(const struct run_set *set, int s, int state)
{
    return share_of_totals(set, s, paid_of_reached, state, metric_loss_event(&set->scenario[s]));
}

void results_write_markov(FILE *f, const struct run_set *set, int s)
{
    static const char *const names[] = {"state", "paid_share", "bad_debt_share", "n",
                                        "paid_ci95_low", "paid_ci95_high"};
    const struct markov_params *m = &set->scenario[s].markov;
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    int64_t invoices[MARKOV_MAX_STATES];
    results_markov_shares(set, s, paid, bad, invoices);
    header(f, names, 6);
    for (int k = 0; k < m->states; k++) {
        struct stats_summary ci = results_markov_paid(set, s, k);
        struct csv_row row;
        output_csv_begin(&row, f);
        output_csv_text(&row, m->state[k]);
        output_csv_number(&row, KIND_RATE, paid[k]);
        output_csv_number(&row, KIND_RATE, bad[k]);
        output_csv_int(&row, (long long)invoices[k]);
        output_csv_number(&row, KIND_RATE, ci.ci95_low);
        output_csv_number(&row, KIND_RATE, ci.ci95_high);
        output_csv_end(&row);
    }
}

/* command is cli_options.recorded: one line, its control characters
 * already escaped. */
static void write_provenance(FILE *f, const char *command)
{
    fprintf(f, "; huikuan %s\n; command: %s\n", HUIKUAN_VERSION, command);
}

static int write_run_ini(struct output_dir *od, const struct run_set *set, int per_scenario,
                         const char *command, struct hk_error *err)
{
    FILE *f = output_dir_open(od, "run.ini", err);
    if (!f)
        return err->status;
    write_provenance(f, command);
    if (!per_scenario) {
        fprintf(f, "; the fully resolved scenario: 'huikuan run run.ini' reproduces these results\n\n");
        scenario_write_ini(&set->scenario[0], f);
    } else if (set->scenarios == 1) {
        fprintf(f, "; 1 scenario, fully resolved in its own file; reproduce with\n"
                   "; huikuan run run-%s.ini\n", set->scenario[0].name);
    } else {
        fprintf(f, "; %d scenarios, each fully resolved in its own file; reproduce with\n",
                set->scenarios);
        fprintf(f, "; huikuan compare");
        for (int s = 0; s < set->scenarios; s++)
            fprintf(f, " run-%s.ini", set->scenario[s].name);
        fprintf(f, "\n");
    }
    if (output_dir_close(od, f, "run.ini", err) != HK_OK)
        return err->status;
    for (int s = 0; per_scenario && s < set->scenarios; s++) {
        char name[128];
        snprintf(name, sizeof name, "run-%s.ini", set->scenario[s].name);
        f = output_dir_open(od, name, err);
        if (!f)
            return err->status;
        write_provenance(f, command);
        fprintf(f, "\n");
        scenario_write_ini(&set->scenario[s], f);
        if (output_dir_close(od, f, name, err) != HK_OK)
            return err->status;
    }
    return HK_OK;
}

typedef void (*table_writer)(FILE *, const struct run_set *, double *, double *);

static void summary_writer(FILE *f, const struct run_set *s, double *a, double *b) { write_summary(f, s, a, b); }
static void replications_writer(FILE *f, const struct run_set *s, double *a, double *b) { (void)a; (void)b; write_replications(f, s); }
static void monthly_writer(FILE *f, const struct run_set *s, double *a, double *b) { write_monthly(f, s, a, b); }
static void aging_writer(FILE *f, const struct run_set *s, double *a, double *b) { write_aging(f, s, a, b); }
static void reps_writer(FILE *f, const struct run_set *s, double *a, double *b) { (void)a; (void)b; write_reps(f, s); }
static void collectibility_writer(FILE *f, const struct run_set *s, double *a, double *b) { write_collectibility(f, s, a, b); }
static void segments_writer(FILE *f, const struct run_set *s, double *a, double *b) { write_segments(f, s, a, b); }

/* A run whose amounts outgrow what a double holds to the cent says so,
 * rather than let a total be a few cents off unannounced. */
static void note_inexact_amounts(const struct run_set *set)
{
    for (int s = 0; s < set->scenarios; s++)
        for (int r = 0; r < set->scenario[s].sim.replications; r++)
            for (int m = 0; m < METRIC_COUNT; m++) {
                double v = set->results[s][r].metric[m];
                if (metric_info(m)->kind == KIND_MONEY && fabs(v) >= RESULTS_EXACT_UNITS) {
                    cli_note("note: %s: %s reached %.3g currency units; above %.2g a figure "
                             "may be off by a few cents (state amounts in thousands to keep "
                             "them exact)", set->scenario[s].name, metric_info(m)->name, v,
                             RESULTS_EXACT_UNITS);
                    return;
                }
            }
}

static const struct {
    const char *name;
    table_writer write;
} tables[] = {
    {"summary.csv", summary_writer},       {"replications.csv", replications_writer},
    {"monthly.csv", monthly_writer},       {"aging.csv", aging_writer},
    {"reps.csv", reps_writer},             {"collectibility.csv", collectibility_writer},
    {"segments.csv", segments_writer},
};

const char *results_table_name(int k)
{
    return k >= 0 && k < (int)(sizeof tables / sizeof tables[0]) ? tables[k].name : NULL;
}

int results_write(struct output_dir *od, const struct run_set *set, int per_scenario,
                  const char *command, struct hk_error *err)
{
    note_inexact_amounts(set);
    int most = 1;
    for (int s = 0; s < set->scenarios; s++)
        if (set->scenario[s].sim.replications > most)
            most = set->scenario[s].sim.replications;
    double *scratch = malloc((size_t)most * sizeof *scratch);
    double *values = malloc((size_t)most * sizeof *values);
    if (!scratch || !values) {
        free(scratch);
        free(values);
        return hk_error_set(err, HK_EIO, "out of memory writing results");
    }
    int rc = HK_OK;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0] && rc == HK_OK; t++) {
        FILE *f = output_dir_open(od, tables[t].name, err);
        if (!f) {
            rc = err->status;
            break;
        }
        tables[t].write(f, set, scratch, values);
        rc = output_dir_close(od, f, tables[t].name, err);
    }
    free(scratch);
    free(values);
    for (int s = 0; s < set->scenarios && rc == HK_OK; s++) {
        if (set->scenario[s].customers.behaviour != BEHAVIOUR_MARKOV)
            continue;
        char name[128];
        if (!per_scenario)
            snprintf(name, sizeof name, "markov.csv");
        else
            snprintf(name, sizeof name, "markov-%s.csv", set->scenario[s].name);
        FILE *f = output_dir_open(od, name, err);
        if (!f) {
            rc = err->status;
            break;
        }
        results_write_markov(f, set, s);
        rc = output_dir_close(od, f, name, err);
    }
    if (rc == HK_OK)
        rc = write_run_ini(od, set, per_scenario, command, err);
    return rc;
}

static void write_compare(FILE *f, const struct run_set *set, double *scratch, double *a,
                          double *b)
{
    fputs("scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n", f);
    for (int s = 1; s < set->scenarios; s++) {
        for (int m = 0; m < METRIC_COUNT; m++) {
            struct stats_summary d = results_summarise_difference(set, s, m, a, b, scratch);
            int kind = metric_info(m)->kind;
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_text(&row, set->scenario[s].name);
            output_csv_text(&row, metric_info(m)->name);
            output_csv_number(&row, kind, d.mean);
            output_csv_number(&row, kind, d.ci95_low);
            output_csv_number(&row, kind, d.ci95_high);
            output_csv_int(&row, (long long)d.n);
            output_csv_end(&row);
        }
    }
}

int results_write_compare(struct output_dir *od, const struct run_set *set, struct hk_error *err)
{
    size_t n = (size_t)set->scenario[0].sim.replications;
    double *buf = malloc(3 * n * sizeof *buf);
    if (!buf)
        return hk_error_set(err, HK_EIO, "out of memory writing compare.csv");
    FILE *f = output_dir_open(od, "compare.csv", err);
    int rc = err->status;
    if (f) {
        write_compare(f, set, buf, buf + n, buf + 2 * n);
        rc = output_dir_close(od, f, "compare.csv", err);
    }
    free(buf);
    return rc;
}
