/*
 * compare_table.c — the tables `huikuan compare`, `sweep` and `run` print
 * (see the header).
 */
#include "huikuan/compare_table.h"

#include <stdlib.h>
#include <string.h>

#include "huikuan/metrics.h"
#include "huikuan/results.h"
#include "huikuan/stats.h"

/* What the design asks of every scheme: sales, collected, DSO, bad debt,
 * firm profit, rep pay and rep turnover. */
static const char *const SHOWN[] = {"sales",       "collected",    "bad_debt_rate", "dso",
                                    "firm_profit", "rep_pay_mean", "rep_turnover"};
enum { SHOWN_COUNT = sizeof SHOWN / sizeof SHOWN[0] };

struct cell {
    char mean[48], low[40], high[40], n[24];
    int resolved; /* a difference whose interval excludes 0 */
};

static void cell_of(int kind, struct stats_summary st, int difference, struct cell *c)
{
    char mean[40];
    metric_format(kind, st.mean, mean, sizeof mean);
    /* A difference says which way it goes. */
    int plus = difference && st.mean > 0 && strspn(mean, "0.") != strlen(mean);
    snprintf(c->mean, sizeof c->mean, "%s%s", plus ? "+" : "", mean);
    metric_format(kind, st.ci95_low, c->low, sizeof c->low);
    metric_format(kind, st.ci95_high, c->high, sizeof c->high);
    snprintf(c->n, sizeof c->n, "%zu", st.n);
    c->resolved = difference && (st.ci95_low > 0 || st.ci95_high < 0);
}

/* Scenario s's own figure for metric m, as summary.csv has it. */
static void own_cell(const struct run_set *set, int s, int m, double *values, double *scratch,
                     struct cell *c)
{
    cell_of(metric_info(m)->kind, results_summarise_metric(set, s, m, values, scratch), 0, c);
}

static int widest(int width, const char *text)
{
    int n = (int)strlen(text);
    return n > width ? n : width;
}

/* One metric's block: own holds each scenario's cell, diff each one's
 * difference from the first (diff[0] unused). */
static void print_metric(FILE *out, const struct run_set *set, int m, double *values,
                         double *first, double *scratch, struct cell *own, struct cell *diff)
{
    const struct metric_info *info = metric_info(m);
    int name_w = 0, mean_w = 0, low_w = 0, high_w = 0, dmean_w = 0, dlow_w = 0, dhigh_w = 0;
    for (int s = 0; s < set->scenarios; s++) {
        own_cell(set, s, m, values, scratch, &own[s]);
        name_w = widest(name_w, set->scenario[s].name);
        mean_w = widest(mean_w, own[s].mean);
        low_w = widest(low_w, own[s].low);
        high_w = widest(high_w, own[s].high);
        if (s == 0)
            continue;
        cell_of(info->kind, results_summarise_difference(set, s, m, first, values, scratch), 1,
                &diff[s]);
        dmean_w = widest(dmean_w, diff[s].mean);
        dlow_w = widest(dlow_w, diff[s].low);
        dhigh_w = widest(dhigh_w, diff[s].high);
    }
    fprintf(out, "\n%s (%s)\n", info->name, info->unit);
    for (int s = 0; s < set->scenarios; s++) {
        const struct cell *c = &own[s];
        fprintf(out, "  %-*s  %*s  [%*s, %*s]  n=%s", name_w, set->scenario[s].name, mean_w,
                c->mean, low_w, c->low, high_w, c->high, c->n);
        if (s > 0) {
            const struct cell *d = &diff[s];
            /* Both ends padded: the brackets, and the stars after them,
             * line up down the block. */
            fprintf(out, "   %*s  [%*s, %*s]%s", dmean_w, d->mean, dlow_w, d->low, dhigh_w,
                    d->high, d->resolved ? " *" : "");
            /* Paired over the replications both ran: say so where that
             * is fewer than either shows. */
            if (strcmp(d->n, c->n) != 0 || strcmp(d->n, own[0].n) != 0)
                fprintf(out, "  n=%s pairs", d->n);
        }
        fputc('\n', out);
    }
}

int compare_table_print(FILE *out, const struct run_set *set, const char *what,
                        int note_sizes, struct hk_error *err)
{
    int most = 0;
    for (int s = 0; s < set->scenarios; s++)
        if (set->scenario[s].sim.replications > most)
            most = set->scenario[s].sim.replications;
    double *buf = malloc(3 * (size_t)most * sizeof *buf);
    struct cell *cells = calloc(2 * (size_t)set->scenarios, sizeof *cells);
    if (!buf || !cells) {
        free(buf);
        free(cells);
        return hk_error_set(err, HK_EIO, "out of memory printing the comparison");
    }
    fprintf(out, "%d %s: each one's mean and 95 %% confidence interval over n "
                 "replications; then its difference from %s, paired replication by "
                 "replication (common random numbers), * where that interval excludes 0\n",
            set->scenarios, what, set->scenario[0].name);
    for (int s = 1; note_sizes && s < set->scenarios; s++) {
        char sizing[160];
        if (scenario_population_differences(&set->scenario[0], &set->scenario[s], sizing,
                                            sizeof sizing) > 0)
            fprintf(out, "note: %s differs from %s in %s: its replications are not paired like "
                         "for like, so its differences include the effect of those settings\n",
                    set->scenario[s].name, set->scenario[0].name, sizing);
    }
    for (int k = 0; k < SHOWN_COUNT; k++) {
        int m = metric_find(SHOWN[k]);
        if (m >= 0)
            print_metric(out, set, m, buf, buf + most, buf + 2 * most, cells,
                         cells + set->scenarios);
    }
    free(buf);
    free(cells);
    return HK_OK;
}

int compare_table_print_one(FILE *out, const struct run_set *set, struct hk_error *err)
{
    const struct scenario *sc = &set->scenario[0];
    int reps = sc->sim.replications;
    double *buf = malloc(2 * (size_t)reps * sizeof *buf);
    if (!buf)
        return hk_error_set(err, HK_EIO, "out of memory printing the key figures");
    struct cell cells[SHOWN_COUNT];
    char label[SHOWN_COUNT][96];
    int shown[SHOWN_COUNT], label_w = 0, mean_w = 0;
    for (int k = 0; k < SHOWN_COUNT; k++) {
        shown[k] = metric_find(SHOWN[k]);
        if (shown[k] < 0)
            continue;
        const struct metric_info *info = metric_info(shown[k]);
        own_cell(set, 0, shown[k], buf, buf + reps, &cells[k]);
        snprintf(label[k], sizeof label[k], "%s (%s)", info->name, info->unit);
        label_w = widest(label_w, label[k]);
        mean_w = widest(mean_w, cells[k].mean);
    }
    free(buf);
    fprintf(out, "%s: each key figure's mean and 95 %% confidence interval over %d "
                 "replication%s (every metric: summary.csv)\n",
            sc->name, reps, reps == 1 ? "" : "s");
    char all[24];
    snprintf(all, sizeof all, "%d", reps);
    for (int k = 0; k < SHOWN_COUNT; k++) {
        if (shown[k] < 0)
            continue;
        /* Each line is another metric: the means line up, not the bounds. */
        fprintf(out, "  %-*s  %*s  [%s, %s]", label_w, label[k], mean_w, cells[k].mean,
                cells[k].low, cells[k].high);
        if (strcmp(cells[k].n, all) != 0) /* some replications gave it no value */
            fprintf(out, "  n=%s", cells[k].n);
        fputc('\n', out);
    }
    return HK_OK;
}
