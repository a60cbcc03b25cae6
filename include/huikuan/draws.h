/*
 * draws.h — every random number the model draws, counted.
 *
 * The model draws through these wrappers of GSL's samplers and nothing
 * else, so each thread's tally says exactly how many numbers of each
 * kind a replication drew. `huikuan bench` replays the same draws with
 * nothing around them to measure the RNG-only bound of a run.
 */
#ifndef HUIKUAN_DRAWS_H
#define HUIKUAN_DRAWS_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

/* DRAW_GEOMETRIC_KEPT: a geometric whose log(1 - p) the caller keeps,
 * one logarithm a draw where GSL's takes two; replayed so. */
enum draw_kind { DRAW_UNIFORM, DRAW_GAUSSIAN, DRAW_LOGNORMAL, DRAW_GEOMETRIC, DRAW_EXPONENTIAL,
                 DRAW_DISCRETE, DRAW_GEOMETRIC_KEPT, DRAW_KINDS };

struct draw_counts {
    uint64_t n[DRAW_KINDS];
};

/* This thread's tally since draws_reset(). */
extern _Thread_local struct draw_counts draw_tally;

static inline double draw_uniform(gsl_rng *r)
{
    draw_tally.n[DRAW_UNIFORM]++;
    return gsl_rng_uniform(r);
}

/* Normal with mean 0 (GSL's ziggurat sampler). */
static inline double draw_gaussian(gsl_rng *r, double sd)
{
    draw_tally.n[DRAW_GAUSSIAN]++;
    return gsl_ran_gaussian_ziggurat(r, sd);
}

/* exp(mu + sigma z), z a standard normal from the same sampler. */
static inline double draw_lognormal(gsl_rng *r, double mu, double sigma)
{
    draw_tally.n[DRAW_LOGNORMAL]++;
    return exp(mu + sigma * gsl_ran_gaussian_ziggurat(r, 1.0));
}

/* At p = 1 GSL's sampler draws its uniform and takes no logarithm: the
 * bound replays it as a uniform. */
static inline unsigned int draw_geometric(gsl_rng *r, double p)
{
    draw_tally.n[p == 1 ? DRAW_UNIFORM : DRAW_GEOMETRIC]++;
    return gsl_ran_geometric(r, p);
}

/* The same draw for a chance so small that the count of trials may pass
 * 2^32 (p below about 5e-9), where GSL's unsigned int result wraps: its
 * formula, log(u) / log(1 - p) + 1 from the same uniform (drawn even at
 * p = 1, as GSL draws it), before GSL's conversion rounds it down; at
 * least 1 for 0 < p <= 1 where 1 - p differs from 1 (below about
 * 1.1e-16 it does not, log_q is 0 and the draw -infinity: a caller
 * rules such a p out first, as GSL's own formula would divide by 0).
 * For a caller that keeps log_q = log(1 - p) beside p, as one that
 * draws many gaps at one chance can: one logarithm a draw, not two; and
 * that converts the count to an integer itself, when truncating rounds
 * it down (floor, without SSE4.1, is a dozen instructions more).
 * geometric_unrounded draws it uncounted, for the counted wrappers. */
static inline double geometric_unrounded(gsl_rng *r, double p, double log_q)
{
    double u = gsl_rng_uniform_pos(r);
    return p == 1 ? 1.0 : log(u) / log_q + 1;
}

static inline double draw_geometric_unrounded_log(gsl_rng *r, double p, double log_q)
{
    draw_tally.n[p == 1 ? DRAW_UNIFORM : DRAW_GEOMETRIC_KEPT]++; /* no log at 1 */
    return geometric_unrounded(r, p, log_q);
}

static inline double draw_exponential(gsl_rng *r, double mean)
{
    draw_tally.n[DRAW_EXPONENTIAL]++;
    return gsl_ran_exponential(r, mean);
}

static inline size_t draw_discrete(gsl_rng *r, const gsl_ran_discrete_t *table)
{
    draw_tally.n[DRAW_DISCRETE]++;
    return gsl_ran_discrete(r, table);
}

/* Lognormal with the given mean and sd (exactly the mean if sd <= 0,
 * 0 if mean <= 0); always one normal draw, so a stream stays aligned
 * whatever the parameters (counted as a normal draw when nothing more is
 * done with it). */
double draw_lognormal_mean_sd(gsl_rng *r, double mean, double sd);

void draws_reset(void);
struct draw_counts draws_get(void);
/* Puts back a tally taken with draws_get(). */
void draws_set(const struct draw_counts *c);
uint64_t draws_total(const struct draw_counts *c);

/* Seconds to draw exactly these numbers with the given generator type and
 * nothing else (discrete draws from a seven-way table, like the segment
 * mix). */
double draws_replay_seconds(const struct draw_counts *c, const gsl_rng_type *type);

#endif
