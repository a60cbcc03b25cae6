/* test_collection.c — the ladder's thresholds and legal recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "huikuan/collection.h"

static struct collection_params defaults(void)
{
    struct scenario sc;
    scenario_init_defaults(&sc);
    return sc.collection;
}

static void seed_004_thresholds(void **state)
{
    (void)state;
    struct collection_params p = defaults(); /* escalate at a third of the term, steps of 15 */
    /* 30-day term: act at 10 days overdue (last collection day 40). */
    assert_int_equal(collection_threshold(&p, 30, STEP_STATEMENT), 10);
    assert_int_equal(collection_threshold(&p, 60, STEP_STATEMENT), 20); /* 60 -> 80 */
    assert_int_equal(collection_threshold(&p, 30, STEP_CALL), 1);
    assert_int_equal(collection_threshold(&p, 30, STEP_VISIT), 5);
    assert_int_equal(collection_threshold(&p, 30, STEP_WARNING_LETTER), 25);
    assert_int_equal(collection_threshold(&p, 30, STEP_LAWYER_LETTER), 55);
    assert_int_equal(collection_threshold(&p, 30, STEP_LITIGATION), 100);
    p.escalate_after_days = 7;
    assert_int_equal(collection_threshold(&p, 30, STEP_STATEMENT), 7);
    for (int step = STEP_CALL; step < STEP_LITIGATION; step++)
        assert_true(collection_threshold(&p, 30, step) <= collection_threshold(&p, 30, step + 1));
}

static void one_step_at_a_time_when_due(void **state)
{
    (void)state;
    struct collection_params p = defaults();
    assert_int_equal(collection_next_step(&p, 30, STEP_NONE, 3), STEP_CALL);
    assert_int_equal(collection_next_step(&p, 30, STEP_CALL, 3), STEP_CALL);   /* visit at 5 */
    assert_int_equal(collection_next_step(&p, 30, STEP_CALL, 6), STEP_VISIT);
    assert_int_equal(collection_next_step(&p, 30, STEP_VISIT, 200), STEP_STATEMENT); /* no skipping */
    assert_int_equal(collection_next_step(&p, 30, STEP_LITIGATION, 999), STEP_LITIGATION);
}

static void costs_and_pressure_by_step(void **state)
{
    (void)state;
    struct collection_params p = defaults();
    assert_int_equal(collection_step_cost(&p, STEP_CALL), p.cost_call);
    assert_int_equal(collection_step_cost(&p, STEP_LITIGATION), p.cost_litigation);
    assert_int_equal(collection_step_cost(&p, STEP_NONE), 0);
    assert_true(collection_step_pressure(STEP_LAWYER_LETTER) > collection_step_pressure(STEP_CALL));
    assert_true(collection_step_pressure(STEP_CALL) == 1.0);
}

static void early_legal_action_recovers_more(void **state)
{
    (void)state;
    struct collection_params p = defaults(); /* 0.5 recovered, decaying e-fold per 90 days */
    assert_true(fabs(collection_insolvency_recovery(&p, 100, 80) - 0.5) < 1e-12); /* before */
    assert_true(fabs(collection_insolvency_recovery(&p, 100, 100) - 0.5) < 1e-12);
    assert_true(fabs(collection_insolvency_recovery(&p, 100, 190) - 0.5 * exp(-1.0)) < 1e-12);
    assert_true(collection_insolvency_recovery(&p, 100, 130) >
                collection_insolvency_recovery(&p, 100, 250));
    assert_true(collection_insolvency_recovery(&p, 100, -1) == 0); /* never acted */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_004_thresholds),
        cmocka_unit_test(one_step_at_a_time_when_due),
        cmocka_unit_test(costs_and_pressure_by_step),
        cmocka_unit_test(early_legal_action_recovers_more),
    };
    return cmocka_run_group_tests_name("collection", tests, NULL, NULL);
}
