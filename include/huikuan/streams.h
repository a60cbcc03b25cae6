/*
 * streams.h — many independent GSL generators in one allocation.
 *
 * Each customer and each rep slot draws from its own generator, so a
 * change in one part of the model (a rep's effort, a scheme parameter)
 * shifts only the draws that depend on it: the k-th order of a customer
 * uses that customer's k-th draws in every scenario run on the same
 * seed. That is what makes paired comparisons (common random numbers)
 * tight. The generators are ordinary gsl_rng values whose states sit in
 * one block, so a million of them cost one allocation, not a million.
 */
#ifndef HUIKUAN_STREAMS_H
#define HUIKUAN_STREAMS_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

struct streams;

/* count generators of the given type, not yet seeded. NULL if no memory. */
struct streams *streams_alloc(const gsl_rng_type *type, size_t count);
void streams_free(struct streams *s);

gsl_rng *streams_get(struct streams *s, size_t index);
void streams_seed(struct streams *s, size_t index, unsigned long seed);

#endif
