/* test_turnover.c — why reps leave, in whole replications: a scheme
 * under which selling does not pay empties the sales team, through the
 * firm's review of each rep's selling (reps.dismiss_below), and a rep
 * who sells nothing spends nothing on screening orders that never come. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "huikuan/engine.h"
#include "engine_fixture.h"

/* The baseline at 100 customers among 5 reps (books of the nominal 20),
 * with a late penalty of 0.5 % a day: a sale paid more than 6 days late
 * costs its rep more than its 3 % commission, so reps stop selling. */
static void selling_does_not_pay(struct scenario *sc)
{
    load("scenarios/baseline.ini", sc);
    set(sc, "customers.count=100");
    set(sc, "reps.count=5");
    set(sc, "scheme.penalty_daily_rate=0.005");
}

static int dismissed_records(const struct replication_result *res)
{
    int n = 0;
    for (int i = 0; i < res->rep_count; i++)
        n += res->reps[i].dismissed;
    return n;
}

/* Nobody let go, by the reps' records and by the metric. */
static void assert_none_let_go(const struct replication_result *res)
{
    assert_int_equal(dismissed_records(res), 0);
    assert_true(res->metric[M_REP_DISMISSALS] == 0);
}

static void reps_who_stop_selling_are_let_go(void **state)
{
    (void)state;
    struct scenario sc;
    selling_does_not_pay(&sc);
    struct replication_result res;
    run(&sc, 0, &res);
    assert_true(res.metric[M_EFFORT_SELL] < 0.1);
    /* Three periods unjudged in the ramp-up (those that begin within its
     * 90 days), then two below the line: the firm lets each rep go five
     * months after it was hired. */
    int dismissed = dismissed_records(&res);
    double per_year = dismissed / 5.0 * 365.0 / sc.sim.days;
    if (!(per_year > 1.5))
        fail_msg("%d reps let go in the horizon, %.2f a book a year", dismissed, per_year);
    assert_true(fabs(res.metric[M_REP_DISMISSALS] - per_year) < 1e-9);
    assert_true(res.metric[M_REP_TURNOVER] >= res.metric[M_REP_DISMISSALS]);
    for (int i = 0; i < res.rep_count; i++)
        if (res.reps[i].dismissed) {
            assert_true(res.reps[i].left_day >= 0);
            /* In the ramp-up and two periods: never before 150 days. */
            assert_true(res.reps[i].left_day - res.reps[i].hired_day >= 150);
        }
    double turnover = res.metric[M_REP_TURNOVER];
    engine_result_free(&res);

    /* Without the review, the same reps stay on their base salary. */
    set(&sc, "reps.dismiss_below=0");
    run(&sc, 0, &res);
    assert_true(res.metric[M_EFFORT_SELL] < 0.1);
    assert_none_let_go(&res);
    if (!(res.metric[M_REP_TURNOVER] < 0.5 * turnover))
        fail_msg("turnover %.2f without the review against %.2f with it",
                 res.metric[M_REP_TURNOVER], turnover);
    engine_result_free(&res);
}

/* Reps who sell are not let go: neither on the baseline nor where the
 * firm's own credit limit (half a month of purchases) refuses most of the
 * orders they bring in, which a review of sales against the customers'
 * buying had counted against them (1.7 reps a book a year let go). */
static void selling_books_keep_their_reps(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/baseline.ini", &sc);
    set(&sc, "customers.count=100");
    set(&sc, "reps.count=5");
    for (int tight = 0; tight < 2; tight++) {
        if (tight)
            set(&sc, "firm.credit_limit_months=0.5");
        for (int r = 0; r < 4; r++) {
            struct replication_result res;
            run(&sc, r, &res);
            if (tight)
                assert_true(res.metric[M_ORDERS_DECLINED] > 0.5);
            assert_none_let_go(&res);
            engine_result_free(&res);
        }
    }
}

/* Buy-sell with every customer risky (a default chance of 0.2, nothing
 * cured and nothing recovered in court): a rep bears each loss, so
 * selling unscreened loses money. Whatever it chooses, a rep that never
 * sold in the horizon never screened either; screening had been chosen
 * from the customers' nominal buying, and such a rep screened at 2.7
 * times nominal, and quit over its cost. */
static void a_rep_who_sells_nothing_screens_nothing(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/buy_sell.ini", &sc);
    set(&sc, "customers.count=100");
    set(&sc, "reps.count=5");
    set(&sc, "collection.litigation_recovery=0");
    for (int s = 0; s < SEG_COUNT; s++) {
        char assignment[96];
        snprintf(assignment, sizeof assignment, "segment.%s.default_prob=0.2",
                 scenario_segment_name(s));
        set(&sc, assignment);
        snprintf(assignment, sizeof assignment, "segment.%s.cure_prob=0", scenario_segment_name(s));
        set(&sc, assignment);
    }
    struct replication_result res;
    run(&sc, 0, &res);
    int idle = 0;
    for (int i = 0; i < res.rep_count; i++)
        if (res.reps[i].effort[EFFORT_SELL] == 0) {
            idle++;
            assert_true(res.reps[i].effort[EFFORT_SCREEN] == 0);
        }
    assert_true(idle > 0);
    assert_true(res.metric[M_EFFORT_SCREEN] < 0.05);
    engine_result_free(&res);
}

/* One invoice of 100,000.00, never paid (seed_example.ini's customer,
 * made to default): written off at 365 days past due, on day 395. */
static void one_bad_invoice(struct scenario *sc, const char *quit_prob)
{
    char assignment[64];
    load("scenarios/seed_example.ini", sc);
    set(sc, "sim.days=600");
    set(sc, "segment.prompt.default_prob=1");
    set(sc, "segment.prompt.cure_prob=0");
    set(sc, "scheme.liability_share=1");
    set(sc, "scheme.transfer_price=0.95");
    set(sc, "scheme.clawback_share=1");
    set(sc, "reps.dismiss_below=0");
    set(sc, "collection.litigation_min_balance=1000000.00");
    set(sc, "collection.stop_supply=no");
    snprintf(assignment, sizeof assignment, "reps.quit_prob=%s", quit_prob);
    set(sc, assignment);
    if (quit_prob[0] != '0')
        set(sc, "reps.outside_option=100000.00"); /* every rep leaves when it may */
}

/* A successor inherits the book's receivables and with them the liability
 * for what is lost; the clawback takes back commission, so only from the
 * rep paid it, and lapses once that rep has left. */
static void a_clawback_falls_on_the_rep_who_sold(void **state)
{
    (void)state;
    struct scenario sc;
    struct replication_result res;
    one_bad_invoice(&sc, "0");
    run(&sc, 0, &res);
    assert_int_equal(res.rep_count, 1); /* the seller stays */
    assert_int_equal(res.reps[0].written_off, 10000000);
    assert_int_equal(res.reps[0].commission, 300000);
    assert_int_equal(res.reps[0].clawback, 300000); /* all of 3 % of what was lost */
    assert_int_equal(res.reps[0].liability, 9500000);
    engine_result_free(&res);

    one_bad_invoice(&sc, "1");
    run(&sc, 0, &res);
    int charged = 0;
    for (int i = 0; i < res.rep_count; i++) {
        const struct rep_record *r = &res.reps[i];
        assert_int_equal(r->clawback, 0); /* the seller had left by day 395 */
        if (r->written_off > 0) {
            charged++;
            assert_true(r->sales == 0 && r->hired_day > 0); /* a successor */
            assert_int_equal(r->liability, 9500000);
        }
    }
    assert_int_equal(charged, 1);
    engine_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reps_who_stop_selling_are_let_go),
        cmocka_unit_test(selling_books_keep_their_reps),
        cmocka_unit_test(a_rep_who_sells_nothing_screens_nothing),
        cmocka_unit_test(a_clawback_falls_on_the_rep_who_sold),
    };
    return cmocka_run_group_tests_name("turnover", tests, NULL, NULL);
}
