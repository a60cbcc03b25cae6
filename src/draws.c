/*
 * draws.c — the per-thread tally of draws and its timed replay.
 */
#include "huikuan/draws.h"

#include <math.h>
#include <string.h>
#include <time.h>

_Thread_local struct draw_counts draw_tally;

/* log-space parameters of the last few (mean, sd) pairs: the model uses a
 * handful, and recomputing log1p, log and sqrt for each draw showed up. */
struct lognormal_params {
    double mean, sd, mu, sigma;
    int finite; /* mu and sigma both: tested once, not at every draw */
};
static _Thread_local struct lognormal_params memo[16];

double draw_lognormal_mean_sd(gsl_rng *r, double mean, double sd)
{
    if (mean <= 0 || sd <= 0) {
        draw_gaussian(r, 1.0);
        return mean <= 0 ? 0 : mean;
    }
    uint64_t bits[2];
    memcpy(&bits[0], &mean, sizeof mean);
    memcpy(&bits[1], &sd, sizeof sd);
    /* Fibonacci hashing: the pairs differ mostly in their high bits,
     * which a plain sum would leave colliding. */
    uint64_t key = (bits[0] ^ (bits[1] >> 7 | bits[1] << 57)) * UINT64_C(0x9E3779B97F4A7C15);
    struct lognormal_params *p = &memo[key >> 60];
    if (p->mean != mean || p->sd != sd) {
        double sigma2 = log1p((sd * sd) / (mean * mean));
        double mu = log(mean) - 0.5 * sigma2, sigma = sqrt(sigma2);
        *p = (struct lognormal_params){mean, sd, mu, sigma, isfinite(mu) && isfinite(sigma)};
    }
    if (!p->finite) {
        /* A mean so small beside its sd (below about 1e-154) that mean^2
         * underflows: as good as 0, and exp(-inf + inf z) would be NaN. */
        draw_gaussian(r, 1.0);
        return mean;
    }
    return draw_lognormal(r, p->mu, p->sigma);
}

void draws_reset(void)
{
    draw_tally = (struct draw_counts){{0}};
}

struct draw_counts draws_get(void)
{
    return draw_tally;
}

void draws_set(const struct draw_counts *c)
{
    draw_tally = *c;
}

uint64_t draws_total(const struct draw_counts *c)
{
    uint64_t total = 0;
    for (int k = 0; k < DRAW_KINDS; k++)
        total += c->n[k];
    return total;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double draws_replay_seconds(const struct draw_counts *c, const gsl_rng_type *type)
{
    gsl_rng *r = gsl_rng_alloc(type);
    static const double mix[7] = {0.30, 0.20, 0.15, 0.10, 0.07, 0.06, 0.12};
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(7, mix);
    if (!r || !table) {
        gsl_rng_free(r);
        gsl_ran_discrete_free(table);
        return -1;
    }
    gsl_rng_set(r, 12345);
    /* The sum keeps the compiler from dropping the draws. */
    volatile double sink = 0;
    double acc = 0, start = seconds_now();
    for (uint64_t i = 0; i < c->n[DRAW_UNIFORM]; i++)
        acc += gsl_rng_uniform(r);
    for (uint64_t i = 0; i < c->n[DRAW_GAUSSIAN]; i++)
        acc += gsl_ran_gaussian_ziggurat(r, 1.0);
    for (uint64_t i = 0; i < c->n[DRAW_LOGNORMAL]; i++)
        acc += exp(-0.1 + 0.4 * gsl_ran_gaussian_ziggurat(r, 1.0));
    for (uint64_t i = 0; i < c->n[DRAW_GEOMETRIC]; i++)
        acc += gsl_ran_geometric(r, 0.05);
    double log_q = log(1 - 0.05);
    for (uint64_t i = 0; i < c->n[DRAW_GEOMETRIC_KEPT]; i++)
        acc += log(gsl_rng_uniform_pos(r)) / log_q + 1;
    for (uint64_t i = 0; i < c->n[DRAW_EXPONENTIAL]; i++)
        acc += gsl_ran_exponential(r, 1.0);
    for (uint64_t i = 0; i < c->n[DRAW_DISCRETE]; i++)
        acc += (double)gsl_ran_discrete(r, table);
    double elapsed = seconds_now() - start;
    sink = acc;
    (void)sink;
    gsl_rng_free(r);
    gsl_ran_discrete_free(table);
    return elapsed;
}
