/*
 * test_streams.c — many generators in one block, none drawing another's
 * numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/engine.h"
#include "huikuan/streams.h"

static int by_state(const void *a, const void *b)
{
    gsl_rng *const *x = a, *const *y = b;
    return memcmp(gsl_rng_state(*x), gsl_rng_state(*y), gsl_rng_size(*x));
}

/* Pairs of generators in r[0..n) with the same state. */
static size_t shared_states(gsl_rng *const *r, size_t n)
{
    gsl_rng **sorted = malloc(n * sizeof *sorted);
    assert_non_null(sorted);
    memcpy(sorted, r, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_state);
    size_t pairs = 0;
    for (size_t i = 1; i < n; i++)
        pairs += by_state(&sorted[i - 1], &sorted[i]) == 0;
    free(sorted);
    return pairs;
}

struct origin {
    uint64_t seed;
    int replication;
};

/* The engine's own other seeds. */
static unsigned long engine_reseed(size_t index, int attempt, void *context)
{
    const struct origin *o = context;
    return (unsigned long)engine_stream_reseed(o->seed, o->replication, (int)index, attempt);
}

static unsigned long counting(size_t index, int attempt, void *context)
{
    (void)context;
    return 1000000UL + index * 16UL + (unsigned long)attempt;
}

/* Seeds that repeat every 100 generators: the first of each keeps its
 * state (the numbers a fresh generator with that seed draws), the other
 * 900 are seeded again, and then no two share a state. */
static void repeated_seeds_are_made_distinct(void **state)
{
    (void)state;
    enum { N = 1000 };
    struct streams *s = streams_alloc(gsl_rng_taus2, N);
    assert_non_null(s);
    gsl_rng *r[N];
    for (size_t i = 0; i < N; i++) {
        r[i] = streams_get(s, i);
        gsl_rng_set(r[i], 1 + i % 100);
    }
    assert_int_equal(shared_states(r, N), 900);
    assert_int_equal(streams_make_distinct(r, N, counting, NULL), 900);
    assert_int_equal(shared_states(r, N), 0);
    gsl_rng *fresh = gsl_rng_alloc(gsl_rng_taus2);
    for (size_t i = 0; i < 100; i++) {
        gsl_rng_set(fresh, 1 + i);
        assert_memory_equal(gsl_rng_state(fresh), gsl_rng_state(r[i]), gsl_rng_size(fresh));
    }
    gsl_rng_set(fresh, counting(100, 1, NULL)); /* generator 100's first other seed */
    assert_memory_equal(gsl_rng_state(fresh), gsl_rng_state(r[100]), gsl_rng_size(fresh));
    gsl_rng_free(fresh);
    streams_free(s);
}

/* taus2 takes 32 bits of a seed: 300,000 streams of one replication
 * seeded as the engine seeds them start alike in about ten pairs (n^2 /
 * 2^33), and in none once made distinct; a second pass changes nothing. */
static void engine_seeds_collide_until_made_distinct(void **state)
{
    (void)state;
    enum { N = 300000 };
    struct streams *s = streams_alloc(gsl_rng_taus2, N);
    gsl_rng **r = malloc(N * sizeof *r);
    assert_non_null(s);
    assert_non_null(r);
    struct origin o = {1, 0};
    for (size_t i = 0; i < N; i++) {
        r[i] = streams_get(s, i);
        gsl_rng_set(r[i], (unsigned long)engine_stream_seed(o.seed, o.replication, (int)i));
    }
    size_t before = shared_states(r, N);
    assert_true(before > 0);
    long reseeded = streams_make_distinct(r, N, engine_reseed, &o);
    assert_int_equal(reseeded, (long)before);
    assert_int_equal(shared_states(r, N), 0);
    assert_int_equal(streams_make_distinct(r, N, engine_reseed, &o), 0);
    free(r);
    streams_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repeated_seeds_are_made_distinct),
        cmocka_unit_test(engine_seeds_collide_until_made_distinct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
