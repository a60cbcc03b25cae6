/* test_extremes.c — whole replications at the edges of what a scenario
 * may ask: nothing overflows, nothing turns into NaN, and what the model
 * says still happens (run under the sanitizers too: make san). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "huikuan/engine.h"
#include "engine_fixture.h"

/* 40 customers, 4 reps, 60 days of warm-up and 120 of horizon. */
static void small(struct scenario *sc)
{
    scenario_init_defaults(sc);
    set(sc, "sim.days=120");
    set(sc, "sim.warmup_days=60");
    set(sc, "customers.count=40");
    set(sc, "reps.count=4");
}

/* Every customer of one segment. */
static void only(struct scenario *sc, const char *segment)
{
    for (int s = 0; s < SEG_COUNT; s++) {
        char assignment[96];
        snprintf(assignment, sizeof assignment, "segment.%s.share=%d", scenario_segment_name(s),
                 strcmp(scenario_segment_name(s), segment) == 0);
        set(sc, assignment);
    }
}

/* Customers that buy once and hardly sell: the day their stock sells
 * through lies some 10^10 days ahead, past what 32-bit days hold. A
 * reseller does not pay for stock it has not sold, and a consignment
 * invoice does not fall due: nothing is collected in the horizon, and
 * every invoice is still owed at its end. (The day count had wrapped to
 * about -2^31: resellers paid at once, which the first case catches; a
 * consignment invoice fell due 5.9 million years before it was issued,
 * which changed nothing a run reports, as a day before the run is never
 * booked: the sanitizer pass catches that case, and test_customer the
 * cap itself.) */
static void stock_that_never_sells_is_never_paid_for(void **state)
{
    (void)state;
    const char *kinds[][2] = {{"overstocked", "firm.consignment_share=0"},
                              {"prompt", "firm.consignment_share=1"}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        struct scenario sc;
        small(&sc);
        only(&sc, kinds[k][0]);
        set(&sc, kinds[k][1]);
        set(&sc, "orders.process=regular");
        set(&sc, "orders.rate_per_month=0.00000001");
        set(&sc, "firm.credit_limit_months=0");
        for (int r = 0; r < 2; r++) {
            struct replication_result res;
            run(&sc, r, &res);
            assert_true(res.metric[M_COLLECTED] == 0);
            assert_true(res.metric[M_BAD_DEBT] == 0);
            assert_true(res.metric[M_AR_END] > 0);
            engine_result_free(&res);
        }
    }
}

/* Five reps and one customer: four books are empty. Their reps work at
 * nothing (effort 0, not 0/0), so the replication's mean effort is a
 * number, and paid nothing below their outside option they quit once
 * settled, as any rep would. */
static void reps_with_no_customers_choose_no_effort(void **state)
{
    (void)state;
    struct scenario sc;
    small(&sc);
    set(&sc, "customers.count=1");
    set(&sc, "reps.count=5");
    set(&sc, "scheme.base_salary=0");
    set(&sc, "reps.quit_prob=1");
    set(&sc, "reps.base_quit_rate=0");
    struct replication_result res;
    run(&sc, 0, &res);
    for (int k = 0; k < EFFORT_KINDS; k++)
        assert_false(isnan(res.metric[M_EFFORT_SELL + k]));
    int empty_left = 0;
    for (int i = 0; i < res.rep_count; i++) {
        const struct rep_record *rr = &res.reps[i];
        for (int k = 0; k < EFFORT_KINDS; k++)
            assert_false(rr->weeks > 0 && isnan(rr->effort[k]));
        if (rr->book != 0) {
            for (int k = 0; k < EFFORT_KINDS; k++)
                assert_true(rr->weeks == 0 || rr->effort[k] == 0);
            empty_left += rr->left_day >= 0;
        }
    }
    assert_true(empty_left >= 4);
    engine_result_free(&res);
}

/* A credit limit of a twentieth of a month's purchases leaves no room for
 * an order of the usual size (5,000): the firm ships nothing. Reps read
 * such customers as stopped, so they do not sell to them, and are not
 * judged for it; a rep had counted a customer as one it could ship to
 * until its balance reached the limit, and sold at 1.16 of nominal here
 * for orders every one of which was refused. */
static void reps_do_not_sell_what_the_firm_will_not_ship(void **state)
{
    (void)state;
    struct scenario sc;
    small(&sc);
    set(&sc, "firm.credit_limit_months=0.05");
    struct replication_result res;
    run(&sc, 0, &res);
    assert_true(res.metric[M_SALES] == 0);
    assert_true(res.metric[M_EFFORT_SELL] == 0);
    assert_true(res.metric[M_REP_DISMISSALS] == 0);
    engine_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stock_that_never_sells_is_never_paid_for),
        cmocka_unit_test(reps_with_no_customers_choose_no_effort),
        cmocka_unit_test(reps_do_not_sell_what_the_firm_will_not_ship),
    };
    return cmocka_run_group_tests_name("extremes", tests, NULL, NULL);
}
