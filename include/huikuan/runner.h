/*
 * runner.h — many replications of many scenarios, across threads.
 *
 * Work items are (scenario, replication) pairs, run in parallel with
 * OpenMP; each result lands at its own index, so output order and
 * content do not depend on the thread count or on scheduling.
 */
#ifndef HUIKUAN_RUNNER_H
#define HUIKUAN_RUNNER_H

#include "huikuan/engine.h"
#include "huikuan/error.h"
#include "huikuan/scenario.h"

struct run_set {
    int scenarios;
    const struct scenario *scenario;      /* [scenarios] */
    struct replication_result **results;  /* [scenarios][sim.replications] */
};

/* A replication's books are split between threads only if each thread
 * gets at least this many customers. */
enum { RUNNER_CUSTOMERS_PER_THREAD = 2000 };

/* threads <= 0: OpenMP's default. */
int runner_run(struct run_set *set, const struct scenario *scenarios, int count,
               int threads, int show_progress, struct hk_error *err);

void runner_free(struct run_set *set);

/* Room for sc's replications' results, zeroed (the caller frees it), or
 * NULL with a message naming the scenario, how many and how much. */
struct replication_result *runner_alloc_results(const struct scenario *sc, struct hk_error *err);

#endif
