/*
 * streams.h — many independent GSL generators in one allocation.
 *
 * Each customer (one generator for each use of its draws) and each rep
 * slot draws from its own generator, so a change in one part of the
 * model (a rep's effort, a scheme parameter) shifts only the draws that
 * depend on it: the k-th order of a customer uses that customer's k-th
 * order draws in every scenario run on the same seed. That is what
 * makes paired comparisons (common random numbers) tight. The generators
 * are ordinary gsl_rng values whose states sit in one block, so a
 * million of them cost one allocation, not a million.
 */
#ifndef HUIKUAN_STREAMS_H
#define HUIKUAN_STREAMS_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

struct streams;

/* count generators of the given type, not yet seeded (gsl_rng_set on
 * each). NULL if no memory. */
struct streams *streams_alloc(const gsl_rng_type *type, size_t count);
void streams_free(struct streams *s);

gsl_rng *streams_get(struct streams *s, size_t index);

/* Seeds for streams_make_distinct(): the attempt-th new seed (from 1)
 * for generator `index`. */
typedef unsigned long (*streams_reseed_fn)(size_t index, int attempt, void *context);

/* Makes the states of r[0..n) pairwise distinct. A generator such as
 * taus2 takes only 32 bits of its seed, so among a million generators a
 * hundred or so pairs would otherwise draw the very same numbers. In
 * index order, each generator whose state equals the final state of one
 * with a lower index is seeded again with reseed(index, 1), then
 * (index, 2), ... until none does: the result depends on the seeds
 * alone. Returns how many seedings that took, or -1 without memory or
 * with 2^32 - 1 generators or more (the generators are then as they were
 * given). Expected time linear in n. */
long streams_make_distinct(gsl_rng *const *r, size_t n, streams_reseed_fn reseed, void *context);

#endif
