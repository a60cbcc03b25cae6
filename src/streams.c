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

/* A 64-bit hash of a generator's state, word by word. */
static uint64_t state_hash(const unsigned char *p, size_t size)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t at = 0; at < size; at += 8) {
        uint64_t w = 0;
        memcpy(&w, p + at, size - at < 8 ? size - at : 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h;
}

/* A slot of the table of states seen: the hash's low 32 bits and the
 * generator's index + 1 (0: empty). */
struct seen {
    uint32_t tag, index_plus_one;
};

long streams_make_distinct(gsl_rng *const *r, size_t n, streams_reseed_fn reseed, void *context)
{
    if (n == 0)
        return 0;
    if (n >= UINT32_MAX)
        return -1;
    /* Open addressing, at most half full. */
    size_t slots = 2;
    while (slots < 2 * n)
        slots *= 2;
    struct seen *table = calloc(slots, sizeof *table);
    if (!table)
        return -1;
    long reseeded = 0;
    /* In index order, so the generators before this one keep their final
     * states: it takes its first seed whose state none of them has. */
    for (size_t i = 0; i < n; i++) {
        size_t size = gsl_rng_size(r[i]);
        for (int attempt = 0;; attempt++) {
            if (attempt > 0) {
                gsl_rng_set(r[i], reseed(i, attempt, context));
                reseeded++;
            }
            const unsigned char *state = gsl_rng_state(r[i]);
            uint64_t h = state_hash(state, size);
            size_t at = (size_t)(h >> 32) & (slots - 1);
            int shared = 0;
            for (; table[at].index_plus_one != 0; at = (at + 1) & (slots - 1)) {
                const gsl_rng *other = r[table[at].index_plus_one - 1];
                if (table[at].tag == (uint32_t)h && gsl_rng_size(other) == size &&
                    memcmp(gsl_rng_state(other), state, size) == 0) {
                    shared = 1;
                    break;
                }
            }
            if (!shared) {
                table[at] = (struct seen){(uint32_t)h, (uint32_t)(i + 1)};
                break;
            }
        }
    }
    free(table);
    return reseeded;
}
