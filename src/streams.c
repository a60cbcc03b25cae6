/*
 * streams.c — an array of gsl_rng sharing one state block.
 *
 * gsl_rng is GSL's public { type, state } pair; gsl_rng_set() and every
 * sampling function work on it through the type's own functions, so a
 * gsl_rng whose state points into our block behaves exactly like one
 * from gsl_rng_alloc().
 */
#include "huikuan/streams.h"

#include <stdlib.h>

struct streams {
    gsl_rng *rng;
    unsigned char *state;
    size_t count;
};

struct streams *streams_alloc(const gsl_rng_type *type, size_t count)
{
    struct streams *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->count = count;
    s->rng = malloc((count ? count : 1) * sizeof *s->rng);
    s->state = malloc((count ? count : 1) * type->size);
    if (!s->rng || !s->state) {
        streams_free(s);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        s->rng[i].type = type;
        s->rng[i].state = s->state + i * type->size;
    }
    return s;
}

void streams_free(struct streams *s)
{
    if (!s)
        return;
    free(s->rng);
    free(s->state);
    free(s);
}

gsl_rng *streams_get(struct streams *s, size_t index)
{
    return &s->rng[index];
}

void streams_seed(struct streams *s, size_t index, unsigned long seed)
{
    gsl_rng_set(&s->rng[index], seed);
}
