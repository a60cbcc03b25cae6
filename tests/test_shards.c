/* test_shards.c — a replication split between threads gives what one
 * thread gives, to the bit. Also run under ThreadSanitizer (make tsan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "huikuan/engine.h"

static const char *const PRESETS[] = {
    "scenarios/baseline.ini", "scenarios/late_penalty.ini",
    "scenarios/collections_commission.ini", "scenarios/buy_sell.ini",
    "scenarios/hybrid.ini", "scenarios/seed_example.ini",
};

static void load(const char *path, struct scenario *sc)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_load(sc, path, &err) != HK_OK)
        fail_msg("%s", err.message);
}

static void set(struct scenario *sc, const char *assignment)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (scenario_set(sc, assignment, &err) != HK_OK)
        fail_msg("%s", err.message);
}

/* Every number a replication reports, compared bit for bit. */
static void assert_same_result(const struct replication_result *a, const struct replication_result *b)
{
    assert_memory_equal(a->metric, b->metric, sizeof a->metric);
    assert_int_equal(a->months, b->months);
    size_t months = (size_t)a->months;
    assert_memory_equal(a->monthly, b->monthly, months * sizeof *a->monthly);
    assert_memory_equal(a->segment_monthly_paid, b->segment_monthly_paid,
                        months * sizeof *a->segment_monthly_paid);
    assert_memory_equal(a->segment_monthly_late, b->segment_monthly_late,
                        months * sizeof *a->segment_monthly_late);
    assert_memory_equal(a->aging, b->aging, sizeof a->aging);
    assert_memory_equal(a->collect_share, b->collect_share, sizeof a->collect_share);
    assert_memory_equal(a->collect_base, b->collect_base, sizeof a->collect_base);
    assert_int_equal(a->rep_count, b->rep_count);
    assert_memory_equal(a->reps, b->reps, (size_t)a->rep_count * sizeof *a->reps);
    assert_memory_equal(a->segment_customers, b->segment_customers, sizeof a->segment_customers);
    assert_memory_equal(a->segment_sales, b->segment_sales, sizeof a->segment_sales);
    assert_memory_equal(a->segment_paid, b->segment_paid, sizeof a->segment_paid);
    assert_memory_equal(a->segment_bad, b->segment_bad, sizeof a->segment_bad);
    assert_memory_equal(a->segment_late, b->segment_late, sizeof a->segment_late);
    assert_memory_equal(a->markov_reached, b->markov_reached, sizeof a->markov_reached);
    assert_memory_equal(a->markov_paid, b->markov_paid, sizeof a->markov_paid);
    assert_memory_equal(a->markov_bad, b->markov_bad, sizeof a->markov_bad);
    assert_memory_equal(a->markov_invoices, b->markov_invoices, sizeof a->markov_invoices);
    assert_memory_equal(a->report_paid, b->report_paid, sizeof a->report_paid);
    assert_int_equal(a->ar_start, b->ar_start);
    assert_int_equal(a->ar_end, b->ar_end);
    assert_int_equal(a->sales, b->sales);
    assert_int_equal(a->collected, b->collected);
    assert_int_equal(a->bad_debt, b->bad_debt);
    assert_memory_equal(&a->draws, &b->draws, sizeof a->draws);
    assert_int_equal(a->customer_days, b->customer_days);
    assert_int_equal(a->events, b->events);
    assert_int_equal(a->invoices_issued, b->invoices_issued);
}

static void run_threads(const struct scenario *sc, int replication, int threads,
                        struct replication_result *res)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (engine_run_threads(sc, replication, threads, NULL, res, &err) != HK_OK)
        fail_msg("%s replication %d on %d threads: %s", sc->name, replication, threads,
                 err.message);
}

/* One replication split over 2, 3 or 7 threads gives what one thread
 * gives, bit for bit: every preset, the Markov chain, a book big enough
 * to fetch ahead, and more threads than reps. */
static void threads_within_a_replication_change_nothing(void **state)
{
    (void)state;
    struct scenario cases[9];
    int n = 0;
    for (size_t i = 0; i < sizeof PRESETS / sizeof PRESETS[0]; i++)
        load(PRESETS[i], &cases[n++]);
    load("scenarios/validation/markov.ini", &cases[n++]);
    load("scenarios/baseline.ini", &cases[n]);
    set(&cases[n], "customers.count=12000");
    set(&cases[n], "reps.count=40");
    set(&cases[n], "sim.days=150");
    set(&cases[n++], "sim.warmup_days=30");
    load("scenarios/hybrid.ini", &cases[n]);
    set(&cases[n++], "reps.count=2");
    for (int i = 0; i < n; i++) {
        struct replication_result one, many;
        run_threads(&cases[i], 1, 1, &one);
        assert_true(one.events > 0);
        const int threads[] = {2, 3, 7};
        for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
            run_threads(&cases[i], 1, threads[t], &many);
            assert_same_result(&one, &many);
            engine_result_free(&many);
        }
        engine_result_free(&one);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_within_a_replication_change_nothing),
    };
    return cmocka_run_group_tests_name("shards", tests, NULL, NULL);
}
