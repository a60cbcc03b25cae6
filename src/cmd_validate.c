/*
 * cmd_validate.c — `huikuan validate`: the engine against known answers.
 *
 * Each check runs a scenario from scenarios/ (found beside the working
 * folder or the program) and compares what the simulation gives with a
 * closed form or a published figure:
 *   1. receivable ageing as an absorbing Markov chain (Cyert, Davidson and
 *      Thompson 1962): the share of each state's amount ending paid
 *      against (I - Q)^-1 R, for the textbook matrix and a random one;
 *   2. the seeds' arithmetic: 3,000.00 of commission and 300.00 of penalty;
 *   3. the optimal linear commission (Holmstrom and Milgrom 1987):
 *      calibrate finds beta* = A^2 / (A^2 + r c sigma^2) for five
 *      settings; for three, the rep's effort is beta A / c, and each
 *      order's output x0 + A e with noise sigma;
 *   4. collectibility by age in the baseline against seed 004, the
 *      figures the model was calibrated to: a regression check.
 * It prints a table and exits 1 if any check fails.
 */
#include <gsl/gsl_randist.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "huikuan/calibrate.h"
#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/datadir.h"
#include "huikuan/markov.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"
#include "huikuan/stats.h"

struct check {
    char reference[96];
    double expected, simulated, low, high, tolerance;
    int relative; /* tolerance is a fraction of expected */
    long n;       /* what the simulated value rests on: replications, calibrations */
    int calibrated; /* the figure the model was calibrated to: not an independent check */
};

struct validation {
    const struct cli_options *o;
    char dir[PATH_MAX + 16]; /* the scenarios folder */
    struct check *checks;
    int count, capacity, failed;
};

static int add_check(struct validation *v, const char *reference, double expected,
                     double simulated, double low, double high, double tolerance, int relative,
                     long n)
{
    if (v->count == v->capacity) {
        int cap = v->capacity ? 2 * v->capacity : 32;
        struct check *grown = realloc(v->checks, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        v->checks = grown;
        v->capacity = cap;
    }
    struct check *c = &v->checks[v->count++];
    snprintf(c->reference, sizeof c->reference, "%s", reference);
    c->expected = expected;
    c->simulated = simulated;
    c->low = low;
    c->high = high;
    c->tolerance = tolerance;
    c->relative = relative;
    c->n = n;
    c->calibrated = 0;
    return 0;
}

static int check_passes(const struct check *c)
{
    double allowed = c->relative ? c->tolerance * fabs(c->expected) : c->tolerance;
    return isfinite(c->simulated) && fabs(c->simulated - c->expected) <= allowed + 1e-12;
}

/* scenarios/ in the working folder, else beside the program (datadir.h:
 * the source tree, or PREFIX/share/huikuan after make install). */
static int find_scenarios(const char *self, char *dir, size_t size)
{
    if (access("scenarios/validation/hm87.ini", R_OK) == 0) {
        snprintf(dir, size, "scenarios");
        return 0;
    }
    return datadir_find(self, "scenarios", "validation/hm87.ini", dir, size);
}

static int load(struct validation *v, const char *file, struct scenario *sc, struct hk_error *err)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", v->dir, file);
    return scenario_load(sc, path, err);
}

static int run(struct validation *v, const struct scenario *sc, struct run_set *set,
               struct hk_error *err)
{
    return runner_run(set, sc, 1, v->o->threads, 0, err);
}

/* Runs sc and summarises metric m over its replications (t interval). */
static int run_metric(struct validation *v, const struct scenario *sc, int m,
                      struct stats_summary *out, struct hk_error *err)
{
    struct run_set set = {0};
    if (run(v, sc, &set, err) != HK_OK) {
        runner_free(&set);
        return err->status;
    }
    int n = sc->sim.replications;
    double *values = malloc(2 * (size_t)n * sizeof *values);
    if (!values) {
        runner_free(&set);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    for (int r = 0; r < n; r++)
        values[r] = set.results[0][r].metric[m];
    runner_free(&set);
    *out = stats_summarise(values, 1, (size_t)n, values + n);
    free(values);
    return HK_OK;
}

/* ---- 1. Markov chain ------------------------------------------------------- */

static int check_markov(struct validation *v, const struct scenario *sc, const char *label,
                        struct hk_error *err)
{
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    if (markov_absorption(&sc->markov, paid, bad, err) != HK_OK)
        return err->status;
    struct run_set set = {0};
    if (run(v, sc, &set, err) != HK_OK) {
        runner_free(&set);
        return err->status;
    }
    double sim_paid[MARKOV_MAX_STATES], sim_bad[MARKOV_MAX_STATES];
    int64_t invoices[MARKOV_MAX_STATES];
    results_markov_shares(&set, 0, sim_paid, sim_bad, invoices);
    for (int k = 0; k < sc->markov.states; k++) {
        /* The pooled share and its own interval: one estimator for both. */
        struct stats_summary s = results_markov_paid(&set, 0, k);
        /* Monte Carlo error: four standard errors of the ratio, so that
         * nine such checks pass together on a sound engine (three had
         * failed one of them on one seed in 41). */
        double se = s.sd / sqrt((double)sc->sim.replications);
        char ref[80];
        snprintf(ref, sizeof ref, "%s: paid from %s", label, sc->markov.state[k]);
        add_check(v, ref, paid[k], sim_paid[k], s.ci95_low, s.ci95_high, fmax(4.0 * se, 0.002), 0,
                  (long)s.n);
    }
    runner_free(&set);
    return HK_OK;
}

/* 80 replications: with 20, one of 21 seeds put the random chain's DSO
 * 4.4 of its standard errors off. 2,000 days of warm-up: after 730 sales
 * still rose about 2 % over the horizon, receivables lagging them, and
 * the DSO sat 0.3 % below Little's law for CDT 1962 over 20 seeds (46.63
 * days on average, the farthest seed 0.55 % off, beyond 4 standard
 * errors); after 2,000, 46.74 against 46.76 and 88.51 against 88.54 for
 * the random chain, every seed within 4 standard errors. */
enum { TIMING_REPLICATIONS = 80, TIMING_WARMUP_DAYS = 2000 };

/* When, not only where: in steady state receivables are sales a day
 * times the days an invoice stays open (Little's law), so DSO is the
 * period times the periods an invoice entering the first state has to
 * go, (I - Q)^-1 1, weighted by amount, which the chain does not look
 * at. The run needs a warm-up to reach that steady state (without one,
 * markov.ini's DSO is 42.18 days against 46.76). A chain moved every day
 * instead of every period passes the shares above; not this. */
static int check_markov_timing(struct validation *v, const struct scenario *base,
                               const char *label, struct hk_error *err)
{
    double periods[MARKOV_MAX_STATES];
    if (markov_periods_to_settle(&base->markov, periods, err) != HK_OK)
        return err->status;
    struct scenario sc = *base;
    sc.sim.warmup_days = TIMING_WARMUP_DAYS;
    sc.sim.replications = TIMING_REPLICATIONS;
    struct stats_summary s;
    if (run_metric(v, &sc, M_DSO, &s, err) != HK_OK)
        return err->status;
    char ref[96];
    snprintf(ref, sizeof ref, "%s: DSO, period x periods to settle", label);
    /* Four standard errors, as the shares above. */
    add_check(v, ref, sc.markov.period_days * periods[0], s.mean, s.ci95_low, s.ci95_high,
              fmax(4.0 * s.sd / sqrt((double)s.n), 0.05), 0, (long)s.n);
    return HK_OK;
}

/* A random chain: every state moves on, pays or is lost; fixed seed. */
static void random_chain(struct markov_params *m)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 20261125);
    int period = m->period_days;
    markov_clear(m);
    m->period_days = period;
    m->states = 5;
    for (int s = 0; s < m->states; s++) {
        snprintf(m->state[s], sizeof m->state[0], "age%d", s);
        double alpha[MARKOV_MAX_STATES + 2], theta[MARKOV_MAX_STATES + 2];
        for (int t = 0; t < m->states + 2; t++)
            alpha[t] = 1.0;
        gsl_ran_dirichlet(rng, (size_t)m->states + 2, alpha, theta);
        double total = 0;
        for (int t = 0; t < m->states + 2; t++) {
            /* Round to 1e-6 so the row sums exactly as the file would say. */
            theta[t] = round(theta[t] * 1e6) / 1e6;
            total += theta[t];
        }
        theta[MARKOV_PAID(m)] += 1.0 - total;
        memcpy(m->p[s], theta, sizeof theta);
        m->row_set[s] = 0;
    }
    gsl_rng_free(rng);
}

/* ---- 3. Holmstrom-Milgrom ------------------------------------------------------ */

enum { HM_SEEDS = 4 }; /* independent calibrations of each setting */

struct hm_job {
    struct validation *v;
    const struct scenario *base;
};

/* The firm's expected profit at commission x. Profit carries the output
 * shocks the firm keeps, (1 - x) sigma sum z, whose mean is 0 but whose
 * sum on a few replications is not: on common random numbers the search
 * settles at beta* - sigma mean(z) / (A^2 / c + r sigma^2), off by as much
 * as 2 % on hm87.ini's seeds. The shocks' realised sum is known (sales
 * less what effort bought, x0 + A e an order), so it is taken out as a
 * control variate: the same expectation, without that noise. */
static int hm_profit(double x, double *value, void *ctx, struct hk_error *err)
{
    struct hm_job *j = ctx;
    struct scenario sc = *j->base;
    sc.scheme.commission_sales = x;
    struct run_set set = {0};
    int rc = run(j->v, &sc, &set, err);
    double x0 = (double)sc.orders.output_base / 100.0;
    double a = (double)sc.orders.output_per_effort / 100.0;
    double sum = 0;
    for (int r = 0; rc == HK_OK && r < sc.sim.replications; r++) {
        const double *m = set.results[0][r].metric;
        double shocks = m[M_SALES] - m[M_INVOICES] * (x0 + a * m[M_EFFORT_SELL]);
        sum += m[M_FIRM_PROFIT] - (1.0 - x) * shocks;
    }
    runner_free(&set);
    value[0] = sum / sc.sim.replications;
    return rc;
}

/* A variant of hm87.ini: a --set assignment (NULL: the file as it is)
 * and what it changes, for the table. */
struct hm_variant {
    const char *setting, *label;
};

static int check_hm87(struct validation *v, struct hm_variant variant, int index,
                      struct hk_error *err)
{
    const char *setting = variant.setting;
    struct scenario sc;
    if (load(v, "validation/hm87.ini", &sc, err) != HK_OK)
        return err->status;
    if (setting && (scenario_set(&sc, setting, err) != HK_OK ||
                    scenario_validate(&sc, "hm87.ini", err) != HK_OK))
        return err->status;
    double a = (double)sc.orders.output_per_effort / 100.0;
    double c = (double)sc.reps.effort_cost / 100.0;
    double sigma = (double)sc.orders.output_sd / 100.0;
    double expected = a * a / (a * a + sc.reps.risk_aversion * c * sigma * sigma);
    /* No grid point lies within the tolerance of an expected beta*
     * (0.5, 2/3, 0.2, 9/13, 1/3: the nearest are 2.8 % off), so the
     * search must refine to pass; it runs on HM_SEEDS seeds of its own
     * for each setting, and the spread of the values chosen is the
     * answer's uncertainty. */
    struct calib_spec spec = {.goal = CALIB_MAXIMIZE, .lo = 0.09, .hi = 0.89, .grid = 10,
                              .max_iter = 100};
    spec.tol = calib_default_tol(&spec);
    double chosen[HM_SEEDS], scratch[HM_SEEDS];
    uint64_t seed = sc.sim.seed;
    for (int i = 0; i < HM_SEEDS; i++) {
        sc.sim.seed = seed + (uint64_t)(index * HM_SEEDS + i);
        struct hm_job job = {v, &sc};
        struct calib_result res;
        if (calib_run(&spec, hm_profit, &job, &res, err) != HK_OK) {
            calib_result_free(&res);
            return err->status;
        }
        chosen[i] = res.chosen >= 0 ? res.points[res.chosen].x : NAN;
        calib_result_free(&res);
    }
    struct stats_summary s = stats_summarise(chosen, 1, HM_SEEDS, scratch);
    char ref[80];
    snprintf(ref, sizeof ref, "Holmstrom-Milgrom beta*, %s", variant.label);
    add_check(v, ref, expected, s.mean, s.ci95_low, s.ci95_high, 0.005, 1, (long)s.n);
    return HK_OK;
}

/* The rep's side of the same setting: at commission beta, effort is
 * beta A / c, whatever the risk (CARA and a linear scheme). beta* above
 * hardly tells it: with effort k times too strong, the firm's best beta
 * is k A^2 / (k^2 A^2 + r c sigma^2), which at r c sigma^2 = A^2 moves
 * only to second order in k - 1. */
static int check_hm87_effort(struct validation *v, struct hm_variant variant, struct hk_error *err)
{
    const char *setting = variant.setting;
    struct scenario sc;
    if (load(v, "validation/hm87.ini", &sc, err) != HK_OK)
        return err->status;
    if (setting && (scenario_set(&sc, setting, err) != HK_OK ||
                    scenario_validate(&sc, "hm87.ini", err) != HK_OK))
        return err->status;
    sc.scheme.commission_sales = 0.3;
    struct run_set set = {0};
    int n = sc.sim.replications;
    double *values = malloc(3 * (size_t)n * sizeof *values);
    if (!values || run(v, &sc, &set, err) != HK_OK) {
        free(values);
        runner_free(&set);
        return values ? err->status : hk_error_set(err, HK_EIO, "out of memory");
    }
    double a = (double)sc.orders.output_per_effort / 100.0;
    double c = (double)sc.reps.effort_cost / 100.0;
    double x0 = (double)sc.orders.output_base / 100.0;
    double sigma = (double)sc.orders.output_sd / 100.0;
    /* What the effort bought: each order's output is x0 + A e + sigma z.
     * A replication's mean output over its k orders is x0 + A e give or
     * take sigma / sqrt(k), so sum k (mean - x0 - A e)^2 / sigma^2 over
     * the n replications is chi-square with n degrees of freedom: the
     * noise is estimated from it, and its interval is chi-square's. The
     * firm's best commission above cannot see either (its realised shocks
     * are taken out), nor the effort check the output effort brings. */
    double squares = 0;
    for (int r = 0; r < n; r++) {
        const double *m = set.results[0][r].metric;
        values[r] = m[M_EFFORT_SELL];
        values[n + r] = m[M_SALES] / m[M_INVOICES];
        double off = values[n + r] - (x0 + a * m[M_EFFORT_SELL]);
        squares += m[M_INVOICES] * off * off;
    }
    runner_free(&set);
    char ref[96];
    struct stats_summary s = stats_summarise(values, 1, (size_t)n, values + 2 * n);
    snprintf(ref, sizeof ref, "Holmstrom-Milgrom effort 0.3 A / c, %s", variant.label);
    add_check(v, ref, 0.3 * a / c, s.mean, s.ci95_low, s.ci95_high, 0.01, 1, (long)s.n);
    s = stats_summarise(values + n, 1, (size_t)n, values + 2 * n);
    snprintf(ref, sizeof ref, "Holmstrom-Milgrom output x0 + A e an order, %s", variant.label);
    add_check(v, ref, x0 + a * 0.3 * a / c, s.mean, s.ci95_low, s.ci95_high, 0.005, 1, (long)s.n);
    /* Half off fails a sound engine about once in 2,000 seeds at 24
     * replications (chi-square's tails beyond 0.25 n and 2.25 n); one
     * with twice the noise passes about once in 25, three times never. */
    double hat = sqrt(squares / n);
    snprintf(ref, sizeof ref, "Holmstrom-Milgrom output noise sigma, %s", variant.label);
    add_check(v, ref, sigma, hat, hat * sqrt(n / stats_chisq_quantile(0.975, n)),
              hat * sqrt(n / stats_chisq_quantile(0.025, n)), 0.5, 1, n);
    free(values);
    return HK_OK;
}

/* ---- 2. and 4. -------------------------------------------------------------- */

static int check_seed_example(struct validation *v, struct hk_error *err)
{
    struct scenario sc;
    struct run_set set = {0};
    if (load(v, "seed_example.ini", &sc, err) != HK_OK || run(v, &sc, &set, err) != HK_OK) {
        runner_free(&set);
        return err->status;
    }
    /* Every replication must give the seed's figure: the one farthest
     * from it is shown. */
    static const struct { const char *reference; int metric; double expected; } seed002[] = {
        {"seed 002: commission, 3 % of 100,000", M_COMMISSION, 3000.00},
        {"seed 002: penalty, 0.01 %/day x 30 days", M_PENALTIES, 300.00},
    };
    for (size_t i = 0; i < sizeof seed002 / sizeof seed002[0]; i++) {
        double worst = set.results[0][0].metric[seed002[i].metric];
        for (int r = 1; r < sc.sim.replications && !isnan(worst); r++) {
            double x = set.results[0][r].metric[seed002[i].metric];
            if (isnan(x) || fabs(x - seed002[i].expected) > fabs(worst - seed002[i].expected))
                worst = x;
        }
        add_check(v, seed002[i].reference, seed002[i].expected, worst, NAN, NAN, 0, 0,
                  sc.sim.replications);
    }
    runner_free(&set);
    return HK_OK;
}

static int check_collectibility(struct validation *v, struct hk_error *err)
{
    static const struct { int age; double share; } seed004[] = {
        {60, 1.00}, {100, 0.80}, {180, 0.50}, {365, 0.20}};
    struct scenario sc;
    struct run_set set = {0};
    if (load(v, "baseline.ini", &sc, err) != HK_OK || run(v, &sc, &set, err) != HK_OK) {
        runner_free(&set);
        return err->status;
    }
    for (size_t i = 0; i < sizeof seed004 / sizeof seed004[0]; i++) {
        int point = -1;
        for (int a = 0; a < COLLECT_AGE_POINTS; a++)
            if (COLLECT_AGES[a] == seed004[i].age)
                point = a;
        struct stats_summary s = results_collectible(&set, 0, point);
        char ref[80];
        snprintf(ref, sizeof ref, "seed 004 (calibrated to): collectible at %d days", seed004[i].age);
        if (add_check(v, ref, seed004[i].share, s.mean, s.ci95_low, s.ci95_high, 0.10, 0,
                      (long)s.n) == 0)
            v->checks[v->count - 1].calibrated = 1;
    }
    runner_free(&set);
    return HK_OK;
}

/* x as the table prints it, to four decimals. */
static double as_shown(double x)
{
    char text[64];
    snprintf(text, sizeof text, "%.4f", x);
    return strtod(text, NULL);
}

/* Within the tolerance is not the same as consistent with the answer:
 * whether the interval, to the digits shown, holds the expected value
 * ([0.6667, 0.6667] holds 2/3); -1 for a check without an interval. */
static int interval_holds(const struct check *c)
{
    if (!isfinite(c->low) || !isfinite(c->high))
        return -1;
    return as_shown(c->low) <= as_shown(c->expected) && as_shown(c->expected) <= as_shown(c->high);
}

static void print_table(struct validation *v)
{
    int width = 52;
    for (int i = 0; i < v->count; i++)
        width = (int)strlen(v->checks[i].reference) > width ? (int)strlen(v->checks[i].reference)
                                                             : width;
    printf("%-*s %10s  %-32s %5s %10s  %-6s  %s\n", width, "reference", "expected",
           "simulated [95% CI]", "n", "tolerance", "in CI", "result");
    for (int i = 0; i < v->count; i++) {
        const struct check *c = &v->checks[i];
        char sim[64], tol[32];
        if (isfinite(c->low))
            snprintf(sim, sizeof sim, "%.4f [%.4f, %.4f]", c->simulated, c->low, c->high);
        else
            snprintf(sim, sizeof sim, "%.4f", c->simulated);
        if (c->relative)
            snprintf(tol, sizeof tol, "%g %%", 100.0 * c->tolerance);
        else if (c->tolerance == 0)
            snprintf(tol, sizeof tol, "exact");
        else
            snprintf(tol, sizeof tol, "%.4f", c->tolerance);
        int pass = check_passes(c);
        v->failed += !pass;
        int holds = interval_holds(c);
        const char *inside = holds < 0 ? "-" : holds ? "yes" : "no";
        printf("%-*s %10.4f  %-32s %5ld %10s  %-6s  %s\n", width, c->reference, c->expected, sim,
               c->n, tol, inside, pass ? "PASS" : "FAIL");
    }
}

int cmd_validate(int argc, char **argv)
{
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, NULL, &err) != HK_OK ||
        cli_allow_only(&o, CLI_THREADS, &err) != HK_OK)
        return cli_report(&err);
    if (o.positional_count > 0) {
        hk_error_set(&err, HK_EINPUT, "validate: takes no arguments (got '%s')", o.positional[0]);
        return cli_report(&err);
    }
    struct validation v = {.o = &o};
    if (find_scenarios(argv[0], v.dir, sizeof v.dir) != 0) {
        hk_error_set(&err, HK_EINPUT, "validate: cannot find scenarios/validation/ in the "
                     "working folder, beside the program or in share/huikuan beside an "
                     "installed one; run it from the source tree, or make install");
        return cli_report(&err);
    }
    struct scenario sc;
    int rc = load(&v, "validation/markov.ini", &sc, &err);
    if (rc == HK_OK)
        rc = check_markov(&v, &sc, "Markov ageing (CDT 1962)", &err);
    if (rc == HK_OK)
        rc = check_markov_timing(&v, &sc, "Markov ageing (CDT 1962)", &err);
    if (rc == HK_OK) {
        random_chain(&sc.markov);
        rc = check_markov(&v, &sc, "Markov, random 5-state chain", &err);
    }
    if (rc == HK_OK)
        rc = check_markov_timing(&v, &sc, "Markov, random 5-state chain", &err);
    if (rc == HK_OK)
        rc = check_seed_example(&v, &err);
    /* A / c away from 1 too: a response that dropped it, or swapped A and
     * c, would pass where they are equal. */
    static const struct hm_variant hm[] = {
        {NULL, "A = c = 1000, r c sigma^2 = A^2"},
        {"reps.risk_aversion=0.0005", "r halved"},
        {"orders.output_sd=2000.00", "sigma doubled"},
        {"orders.output_per_effort=1500.00", "A = 1500"},
        {"reps.effort_cost=2000.00", "c = 2000"},
    };
    for (size_t i = 0; rc == HK_OK && i < sizeof hm / sizeof hm[0]; i++)
        rc = check_hm87(&v, hm[i], (int)i, &err);
    for (size_t i = 0; rc == HK_OK && i < sizeof hm / sizeof hm[0]; i++)
        if (i == 0 || i >= 3) /* effort does not depend on r or sigma */
            rc = check_hm87_effort(&v, hm[i], &err);
    if (rc == HK_OK)
        rc = check_collectibility(&v, &err);
    if (rc != HK_OK) {
        free(v.checks);
        return cli_report(&err);
    }
    print_table(&v);
    printf("\n%d of %d checks passed\n", v.count - v.failed, v.count);
    int calibrated = 0;
    for (int i = 0; i < v.count; i++)
        calibrated += v.checks[i].calibrated;
    if (calibrated > 0)
        printf("%d of them (\"calibrated to\") compare with the figures the model was "
               "calibrated to, round figures from a survey: they tell a large change in "
               "behaviour (a shift of less than their tolerance passes), not that the model is "
               "right\n",
               calibrated);
    /* A 95 % interval misses one time in twenty: among many, a "no" is
     * expected now and then, and the tolerance, not the interval,
     * decides PASS. Said, so that one reads as what it is; counted over
     * the intervals that chance can move, not those of no width (an
     * effort the rep chooses, a best commission every seed agrees on). */
    int with_interval = 0, missed = 0;
    for (int i = 0; i < v.count; i++) {
        const struct check *c = &v.checks[i];
        int holds = interval_holds(c);
        if (c->calibrated || holds < 0 || as_shown(c->low) == as_shown(c->high))
            continue;
        with_interval++;
        missed += !holds;
    }
    if (with_interval > 0)
        printf("%d of the %d other checks with an interval of some width %s outside it; by "
               "chance alone about %.1f would, and at least one %.0f %% of the time were they "
               "independent: the tolerance decides PASS\n",
               missed, with_interval, missed == 1 ? "lies" : "lie", 0.05 * with_interval,
               100.0 * (1.0 - pow(0.95, with_interval)));
    free(v.checks);
    return v.failed ? 1 : 0;
}
