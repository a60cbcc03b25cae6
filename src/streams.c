/*
 * streams.c — an array of gsl_rng, each next to its own state.
 *
 * gsl_rng is GSL's public { type, state } pair; gsl_rng_set() and every
 * sampling function work on it through the type's own functions, so a
 * gsl_rng whose state points into our block behaves exactly like one
 * from gsl_rng_alloc(). Each pair and its state share one cache line
 * (for taus2: 16 + 24 bytes): a draw for a customer whose line is cold
 * costs one miss, not two.
 */
#include "huikuan/streams.h"

#include <stdlib.h>

#define LINE 64

struct streams {
    unsigned char *block;
    size_t stride, count;
};

struct streams *streams_alloc(const gsl_rng_type *type, size_t count)
{
    struct streams *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->count = count;
    s->stride = (sizeof(gsl_rng) + type->size + LINE - 1) / LINE * LINE;
    s->block = aligned_alloc(LINE, (count ? count : 1) * s->stride);
    if (!s->block) {
        streams_free(s);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        gsl_rng *r = streams_get(s, i);
        r->type = type;
        r->state = (unsigned char *)r + sizeof(gsl_rng);
    }
    return s;
}

void streams_free(struct streams *s)
{
    if (!s)
        return;
    free(s->block);
    free(s);
}

gsl_rng *streams_get(struct streams *s, size_t index)
{
    return (gsl_rng *)(void *)(s->block + index * s->stride);
}

void streams_seed(struct streams *s, size_t index, unsigned long seed)
{
    gsl_rng_set(streams_get(s, index), seed);
}
