/*
 * engine_fixture.h — loading, changing and running a scenario inside a
 * cmocka test, failing the test with the library's message. For the
 * test programs that run whole replications; include after cmocka.h.
 */
#ifndef HUIKUAN_TESTS_ENGINE_FIXTURE_H
#define HUIKUAN_TESTS_ENGINE_FIXTURE_H

#include <math.h>

#include "huikuan/engine.h"

/* An amount in currency units as whole cents (llround: halves away from 0). */
static inline cents_t cents(double units)
{
    return (cents_t)llround(units * 100.0);
}

static inline void load(const char *path, struct scenario *sc)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_load(sc, path, &err) != HK_OK)
        fail_msg("%s", err.message);
}

static inline void set(struct scenario *sc, const char *assignment)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_set(sc, assignment, &err) != HK_OK)
        fail_msg("%s", err.message);
}

static inline void run(const struct scenario *sc, int replication, struct replication_result *res)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (engine_run(sc, replication, res, &err) != HK_OK)
        fail_msg("%s replication %d: %s", sc->name, replication, err.message);
}

#endif
