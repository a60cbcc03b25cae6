/*
 * runner.c — OpenMP over (scenario, replication) work items.
 */
#include "huikuan/runner.h"

#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "huikuan/progress.h"

/* Work item i: replication r of scenario s, on `threads` threads. */
static void run_item(struct run_set *set, const int64_t *scenario_of, const int64_t *first,
                     int64_t i, int threads, struct progress *prog, struct hk_error *errors)
{
    int s = (int)scenario_of[i];
    int r = (int)(i - first[s]);
    engine_run_threads(&set->scenario[s], r, threads, prog, &set->results[s][r], &errors[i]);
}

struct replication_result *runner_alloc_results(const struct scenario *sc, struct hk_error *err)
{
    struct replication_result *r = calloc((size_t)sc->sim.replications, sizeof *r);
    if (!r)
        hk_error_set(err, HK_EIO, "scenario %s: out of memory for the results of %d "
                     "replications (%.0f MiB); give fewer (-n, sim.replications)", sc->name,
                     sc->sim.replications, (double)sc->sim.replications * sizeof *r / 1048576.0);
    return r;
}

int runner_run(struct run_set *set, const struct scenario *scenarios, int count,
               int threads, int show_progress, struct hk_error *err)
{
    memset(set, 0, sizeof *set);
    set->scenarios = count;
    set->scenario = scenarios;
    set->results = calloc((size_t)count, sizeof *set->results);
    if (!set->results)
        return hk_error_set(err, HK_EINTERNAL, "out of memory");
    int64_t total = 0;
    for (int s = 0; s < count; s++) {
        if (!(set->results[s] = runner_alloc_results(&scenarios[s], err)))
            return err->status;
        total += scenarios[s].sim.replications;
    }
    int64_t *scenario_of = malloc((size_t)total * sizeof *scenario_of);
    struct hk_error *errors = calloc((size_t)total, sizeof *errors);
    if (!scenario_of || !errors) {
        free(scenario_of);
        free(errors);
        return hk_error_set(err, HK_EINTERNAL, "out of memory");
    }
    for (int64_t i = 0, s = 0, r = 0; i < total; i++) {
        while (r >= scenarios[s].sim.replications) {
            s++;
            r = 0;
        }
        scenario_of[i] = s;
        r++;
    }
    int64_t *first = calloc((size_t)count + 1, sizeof *first);
    for (int s = 0; s < count && first; s++)
        first[s + 1] = first[s] + scenarios[s].sim.replications;

    struct progress prog;
    progress_begin_parts(&prog, "replications", total, ENGINE_PROGRESS_PARTS, show_progress);
    /* Replications are the unit of work. With fewer of them than threads,
     * and books big enough that a thread's share outweighs meeting the
     * others twice a day, they run one after another, each with its books
     * split between every thread instead (results do not change). */
    int team = 1, split = 0;
#ifdef _OPENMP
    if (threads > 0)
        omp_set_num_threads(threads);
    team = omp_get_max_threads();
#else
    (void)threads;
#endif
    if (total < team) {
        split = team;
        for (int s = 0; s < count; s++) {
            int most = scenarios[s].customers.count / RUNNER_CUSTOMERS_PER_THREAD;
            split = most < split ? most : split;
        }
    }
    /* Not one loop with an if clause: a replication's own threads, inside
     * even an inactive team, would be new threads twice a day. */
    if (split >= 2) {
        for (int64_t i = 0; i < total; i++)
            run_item(set, scenario_of, first, i, split, &prog, errors);
    } else {
#pragma omp parallel for schedule(dynamic, 1)
        for (int64_t i = 0; i < total; i++)
            run_item(set, scenario_of, first, i, 1, &prog, errors);
    }
    progress_end(&prog);

    /* Named as results name it: a compare's or a sweep's scenarios fail
     * alone, and a message without the name left the user to guess. */
    int rc = HK_OK;
    for (int64_t i = 0; i < total && rc == HK_OK; i++)
        if (errors[i].status != HK_OK)
            rc = hk_error_set(err, errors[i].status, "scenario %s: %s",
                              scenarios[scenario_of[i]].name, errors[i].message);
    free(scenario_of);
    free(errors);
    free(first);
    return rc;
}

void runner_free(struct run_set *set)
{
    if (!set->results)
        return;
    for (int s = 0; s < set->scenarios; s++) {
        if (!set->results[s])
            continue;
        for (int r = 0; r < set->scenario[s].sim.replications; r++)
            engine_result_free(&set->results[s][r]);
        free(set->results[s]);
    }
    free(set->results);
    set->results = NULL;
}
