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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

struct keyed {
    uint64_t hash;
    size_t index;
};

static uint64_t state_hash(const gsl_rng *r)
{
    const unsigned char *p = gsl_rng_state(r);
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < gsl_rng_size(r); i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static int by_hash_then_index(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int same_state(const gsl_rng *a, const gsl_rng *b)
{
    return gsl_rng_size(a) == gsl_rng_size(b) &&
           memcmp(gsl_rng_state(a), gsl_rng_state(b), gsl_rng_size(a)) == 0;
}

long streams_make_distinct(gsl_rng *const *r, size_t n, streams_reseed_fn reseed, void *context)
{
    struct keyed *k = malloc((n ? n : 1) * sizeof *k);
    int *attempts = calloc(n ? n : 1, sizeof *attempts);
    if (!k || !attempts) {
        free(k);
        free(attempts);
        return -1;
    }
    long reseeded = 0;
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < n; i++)
            k[i] = (struct keyed){state_hash(r[i]), i};
        qsort(k, n, sizeof *k, by_hash_then_index);
        /* Within a run of equal hashes, in index order, a generator keeps
         * its state unless one before it in the run has the same. */
        for (size_t a = 0; a < n;) {
            size_t end = a + 1;
            while (end < n && k[end].hash == k[a].hash)
                end++;
            for (size_t i = a + 1; i < end; i++) {
                size_t j = a;
                while (j < i && !same_state(r[k[j].index], r[k[i].index]))
                    j++;
                if (j == i)
                    continue;
                size_t index = k[i].index;
                gsl_rng_set(r[index], reseed(index, ++attempts[index], context));
                reseeded++;
                again = 1; /* its new state may meet another */
            }
            a = end;
        }
    }
    free(k);
    free(attempts);
    return reseeded;
}
