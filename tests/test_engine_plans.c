/* test_engine_plans.c — whole replications: instalment plans offered with
 * the lawyer's letter to a customer short of cash (collection.instalments),
 * worked by hand on one customer (run under ThreadSanitizer too: make
 * tsan). */
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

#define ONE_CUSTOMER "tests/data/one_customer_short_of_cash.ini"

struct plan_case {
    const char *set[7];
    double plans, broken, litigations;
    double collected, bad_debt, collection_cost; /* currency; -1: not worked out */
    double interest;
};

/* tests/data/one_customer_short_of_cash.ini: twelve invoices of 1,000.00,
 * issued on days 0 to 88 and due 30 days later; weekly pay runs (days
 * 35, 42, ...) whose cash all goes to the other suppliers, which are
 * always owed. Without a plan the firm collects nothing in the year
 * and sues at 100 days past due (day 130; the judgment comes after the
 * year): letters 580.00 and the suit 5,000.00. The lawyer's letter, on
 * day 85 (55 days past due), finds seven invoices overdue (due days 30
 * to 78): a plan for 7,000.00.
 * - In 4 instalments (1,750.00 due on days 115, 145, 175 and 205) the
 *   cash of each week's run (about 750.00) pays them first: the seven
 *   invoices are paid, the plan kept, the firm sues only for the five
 *   others, once the plan is paid off (1,000.00 a week and no judgment
 *   in the year): collected exactly 7,000.00.
 * - In 36 (194.44 a month, the last 194.60) the plan outlasts the year
 *   and the firm never sues: by the runs of days 357 and 364 it has paid
 *   towards the tenth instalment (due on day 385, after the ninth on day
 *   355): ten 36ths of 7,000.00, 1,944.44, and letters only, 580.00.
 * - With cash at a twentieth of what it owes (cash_ratio 0.05: about
 *   90.00 a week) the first instalment is short by the day after its
 *   run (day 120): the plan is broken, and on day 130 the firm sues as
 *   it would have without one, at the same cost: within a horizon of
 *   150 days (a plan not found broken would hold the suit past it).
 * - Written off at 90 days past due, the seven invoices the plan covers
 *   are not written off while it is kept (each would be, from day 120):
 *   collected 7,000.00, and the five later ones written off, 5,000.00;
 *   without a plan all twelve are.
 * - A customer in distress is offered none (distress from its first days,
 *   failing hardly ever), nor
 *   is one that plans its payments (cash_ratio 0: it pays 150 days
 *   late, whatever is said to it).
 * - With interest at 36.5 % a year (0.1 % a day) on what the plan has
 *   yet to collect, paid at each pay run before the instalment, over
 *   120 days (runs on days 91 to 119): on 7,000.00 for the 6 days to
 *   day 91, 42.00, paid with the first instalment (194.44); on 6,805.56
 *   for the 28 days to day 119, 190.55568, paid run by run (47.63,
 *   47.64, 47.64, 47.64), the second instalment with the last: 232.55
 *   in whole cents (a fraction of a cent carries over), beside
 *   388.88 collected on the invoices, and the firm's profit higher by
 *   exactly that much.
 * - The instalment due on a run's own day is paid that day, the next
 *   one from the run after: instalment 3 falls due on day 175, a pay
 *   run, and a horizon ending after it holds three 36ths of 7,000.00,
 *   583.33, not four.
 * - A plan covers no invoice whose dispute awaits its remedy (half of
 *   them, 300 days in coming): it is kept, the disputed ones wait.
 * - While a plan is in force the case stays at the lawyer's letter and
 *   supply as it left it: buying for two years, supply stopped from
 *   5,000.00 owed and cash at 0.6 of its needs, the customer is offered
 *   one plan, which it keeps; had the case stepped back as the oldest
 *   debts were paid, supply would have resumed and a second lawyer's
 *   letter offered a second plan.
 * - Only a customer short of cash is offered one. Where a 300-day
 *   blackout before its reporting date (day 200) holds its payments
 *   back and the firm does not wait for it, its cash piles up: at the
 *   whole of what it buys (cash_ratio 1, no other suppliers) it has
 *   about 11,000.00 on hand at the lawyer's letter, more than the
 *   7,000.00 overdue, and is offered none; at 0.4 of it, about 4,500.00,
 *   it is offered one, which the blackout breaks. Both pay everything
 *   after the date. */
static void an_instalment_plan_for_one_customer(void **state)
{
    (void)state;
    static const struct plan_case cases[] = {
        {{"collection.instalments=0"}, 0, 0, 1, 0, 0, 5580, 0},
        {{"collection.instalments=4"}, 1, 0, 1, 7000, 0, 5580, 0},
        {{"collection.instalments=36"}, 1, 0, 0, 1944.44, 0, 580, 0},
        {{"collection.instalments=0", "segment.cash_constrained.cash_ratio=0.05", "sim.days=150"},
         0, 0, 1, 0, 0, 5580, 0},
        {{"collection.instalments=4", "segment.cash_constrained.cash_ratio=0.05", "sim.days=150"},
         1, 1, 1, -1, 0, 5580, 0},
        {{"collection.instalments=4", "firm.write_off_days=90"}, 1, 0, 0, 7000, 5000, 580, 0},
        {{"collection.instalments=0", "firm.write_off_days=90"}, 0, 0, 0, 0, 12000, 580, 0},
        {{"collection.instalments=4", "segment.cash_constrained.distress_onset_days=1",
          "segment.cash_constrained.insolvency_hazard=0.000001"},
         0, 0, -1, -1, -1, -1, 0},
        {{"collection.instalments=4", "segment.cash_constrained.cash_ratio=0",
          "segment.cash_constrained.delay_mean_days=150"},
         0, 0, 1, -1, 0, 5580, 0},
        {{"collection.instalments=4", "segment.cash_constrained.cash_ratio=1",
          "customers.other_claims=0", "segment.cash_constrained.report_blackout_days=300",
          "firm.report_day=200", "firm.report_period_days=365", "collection.wait_for_reports=no"},
         0, 0, 1, 12000, 0, 5580, 0},
        {{"collection.instalments=4", "segment.cash_constrained.cash_ratio=0.4",
          "customers.other_claims=0", "segment.cash_constrained.report_blackout_days=300",
          "firm.report_day=200", "firm.report_period_days=365", "collection.wait_for_reports=no"},
         1, 1, 1, 12000, 0, 5580, 0},
        {{"collection.instalments=36", "collection.instalment_interest=0.365", "sim.days=120"},
         1, 0, 0, 388.88, 0, 580, 232.55},
        {{"collection.instalments=36", "sim.days=176"}, 1, 0, 0, 583.33, 0, 580, 0},
        {{"collection.instalments=4", "segment.cash_constrained.dispute_prob=0.5",
          "segment.cash_constrained.remedy_days=300"},
         1, 0, 1, -1, 0, 5580, 0},
        {{"collection.instalments=4", "orders.max_per_customer=60", "sim.days=730",
          "collection.stop_supply=yes", "collection.stop_supply_balance=5000",
          "segment.cash_constrained.cash_ratio=0.6"},
         1, 0, -1, -1, -1, -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scenario sc;
        load(ONE_CUSTOMER, &sc);
        for (int k = 0; k < 7 && cases[i].set[k]; k++)
            set(&sc, cases[i].set[k]);
        struct replication_result res;
        run(&sc, 0, &res);
        const double *m = res.metric;
        print_message("case %zu: plans %g, broken %g, litigations %g, collected %.2f, bad debt "
                      "%.2f, collection cost %.2f\n",
                      i, m[M_INSTALMENT_PLANS], m[M_INSTALMENT_PLANS_BROKEN], m[M_LITIGATIONS],
                      m[M_COLLECTED], m[M_BAD_DEBT], m[M_COLLECTION_COST]);
        assert_true(m[M_INSTALMENT_PLANS] == cases[i].plans);
        assert_true(m[M_INSTALMENT_PLANS_BROKEN] == cases[i].broken);
        if (sc.orders.max_per_customer == 12)
            assert_int_equal(res.sales, cents(12000));
        if (cases[i].litigations >= 0)
            assert_true(m[M_LITIGATIONS] == cases[i].litigations);
        if (cases[i].collected >= 0)
            assert_int_equal(res.collected, cents(cases[i].collected));
        else if (cases[i].broken > 0) /* towards the first instalment only */
            assert_true(res.collected > 0 && res.collected < cents(1750));
        if (cases[i].bad_debt >= 0)
            assert_int_equal(res.bad_debt, cents(cases[i].bad_debt));
        if (cases[i].collection_cost >= 0)
            assert_int_equal(cents(m[M_COLLECTION_COST]), cents(cases[i].collection_cost));
        assert_int_equal(cents(m[M_INTEREST]), cents(cases[i].interest));
        assert_int_equal(res.ar_start + res.sales, res.collected + res.discounts +
                                                       res.concessions + res.repossessed +
                                                       res.bad_debt + res.ar_end);
        engine_result_free(&res);
    }
    /* The interest is the firm's income: profit by exactly as much. */
    struct scenario sc;
    load(ONE_CUSTOMER, &sc);
    set(&sc, "collection.instalments=36");
    set(&sc, "sim.days=120");
    struct replication_result free_of_interest, with_interest;
    run(&sc, 0, &free_of_interest);
    set(&sc, "collection.instalment_interest=0.365");
    run(&sc, 0, &with_interest);
    assert_int_equal(cents(with_interest.metric[M_FIRM_PROFIT]) -
                         cents(free_of_interest.metric[M_FIRM_PROFIT]),
                     cents(232.55));
    assert_int_equal(with_interest.collected, free_of_interest.collected);
    engine_result_free(&free_of_interest);
    engine_result_free(&with_interest);
}

/* The one customer with no other suppliers, its cash at 0.4 of what it
 * buys, a 60-day blackout before its reporting date on day 200 of each
 * 365, and plans of twelve instalments. */
static void load_blackout_case(struct scenario *sc)
{
    load(ONE_CUSTOMER, sc);
    set(sc, "collection.instalments=12");
    set(sc, "customers.other_claims=0");
    set(sc, "segment.cash_constrained.cash_ratio=0.4");
    set(sc, "segment.cash_constrained.report_blackout_days=60");
    set(sc, "firm.report_day=200");
    set(sc, "firm.report_period_days=365");
}

/* While the firm waits for a customer holding its cash for its reporting
 * date (collection.wait_for_reports, the default), it waits for the
 * plan's instalments too: with its 60-day blackout before day 200
 * covering two of the plan's days, a customer with no other suppliers
 * pays the arrears at its first run after the date and keeps the plan;
 * pressed through the blackout (wait_for_reports = no), it breaks it
 * and is sued. Twelve instalments, three replications (in the first,
 * the ladder waiting, the customer is offered none). */
static void a_plan_waits_for_the_report(void **state)
{
    (void)state;
    for (int r = 1; r <= 3; r++) {
        for (int wait = 0; wait < 2; wait++) {
            struct scenario sc;
            load_blackout_case(&sc);
            set(&sc, wait ? "collection.wait_for_reports=yes" : "collection.wait_for_reports=no");
            struct replication_result res;
            run(&sc, r, &res);
            const double *m = res.metric;
            print_message("replication %d, waiting %d: plans %g, broken %g, litigations %g\n", r,
                          wait, m[M_INSTALMENT_PLANS], m[M_INSTALMENT_PLANS_BROKEN],
                          m[M_LITIGATIONS]);
            assert_true(m[M_INSTALMENT_PLANS] == 1);
            assert_true(m[M_INSTALMENT_PLANS_BROKEN] == !wait);
            assert_true(m[M_LITIGATIONS] == !wait);
            engine_result_free(&res);
        }
    }
}

/* A customer holding its cash for its reporting date pays its plan
 * nothing, interest included: with the 60-day blackout before day 200,
 * a horizon ending on day 199 holds no more collected and no more
 * interest than one ending on day 139 (24 % a year, twelve
 * instalments). */
static void a_plan_is_paid_nothing_in_the_blackout(void **state)
{
    (void)state;
    double interest = 0;
    for (int r = 1; r <= 3; r++) {
        struct replication_result before, through;
        struct scenario sc;
        load_blackout_case(&sc);
        set(&sc, "collection.instalment_interest=0.24");
        set(&sc, "sim.days=140");
        run(&sc, r, &before);
        set(&sc, "sim.days=200");
        run(&sc, r, &through);
        assert_true(before.metric[M_INSTALMENT_PLANS] == 1);
        assert_int_equal(cents(through.metric[M_INTEREST]), cents(before.metric[M_INTEREST]));
        assert_int_equal(through.collected, before.collected);
        interest += before.metric[M_INTEREST];
        engine_result_free(&before);
        engine_result_free(&through);
    }
    assert_true(interest > 0);
}

/* A customer that broke a plan is offered none again in that case, but
 * a new case may have one: the one customer with cash at a twentieth
 * of what it owes (cash_ratio 0.05), never sued (a suing minimum of
 * 1,000,000.00), its supply stopped from 5,000.00 owed, over two years.
 * The first case's lawyer's letter stops supply after eleven invoices
 * (days 0 to 75) and offers a plan, which breaks after paying 726.24;
 * the rest, 10,273.76, is written off 365 days past due (horizon months
 * 13 to 15), which closes the case: supply resumes (nine invoices from
 * month 16), and the new case's lawyer's letter offers a second plan,
 * which breaks too. Were the broken plan to bar the customer beyond its
 * case, there would be one plan. */
static void a_new_case_is_offered_a_new_plan(void **state)
{
    (void)state;
    struct scenario sc;
    load(ONE_CUSTOMER, &sc);
    set(&sc, "sim.days=730");
    set(&sc, "orders.max_per_customer=100");
    set(&sc, "collection.stop_supply=yes");
    set(&sc, "collection.stop_supply_balance=5000");
    set(&sc, "collection.litigation_min_balance=1000000.00");
    set(&sc, "segment.cash_constrained.cash_ratio=0.05");
    set(&sc, "collection.instalments=4");
    struct replication_result res;
    run(&sc, 0, &res);
    const double *m = res.metric;
    print_message("plans %g, broken %g, litigations %g\n", m[M_INSTALMENT_PLANS],
                  m[M_INSTALMENT_PLANS_BROKEN], m[M_LITIGATIONS]);
    assert_true(m[M_INSTALMENT_PLANS] == 2);
    assert_true(m[M_INSTALMENT_PLANS_BROKEN] == 2);
    assert_true(m[M_LITIGATIONS] == 0);
    assert_int_equal(res.sales, cents(20000));
    cents_t sold = 0, paid = 0, lost = 0;
    for (int k = 0; k < 16; k++) {
        sold += cents(res.monthly[k][MO_SALES]);
        paid += cents(res.monthly[k][MO_COLLECTED]);
        lost += cents(res.monthly[k][MO_BAD_DEBT]);
    }
    assert_int_equal(sold, cents(11000));
    assert_int_equal(paid, cents(726.24));
    assert_int_equal(lost, cents(10273.76));
    assert_true(res.monthly[13][MO_BAD_DEBT] > 0 && res.monthly[15][MO_BAD_DEBT] > 0);
    assert_true(res.monthly[15][MO_SALES] == 0 && res.monthly[16][MO_SALES] > 0);
    engine_result_free(&res);
}

/* On a baseline book, plans of three instalments are agreed, some kept
 * and some broken, and the horizon's flows reconcile to the cent (the
 * engine checks the ledger's identity at every period end). */
static void plans_on_a_baseline_book(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/baseline.ini", &sc);
    set(&sc, "customers.count=200");
    set(&sc, "reps.count=10");
    set(&sc, "collection.instalments=3");
    double plans = 0, broken = 0;
    for (int r = 0; r < 3; r++) {
        struct replication_result res;
        run(&sc, r, &res);
        assert_int_equal(res.ar_start + res.sales, res.collected + res.discounts +
                                                       res.concessions + res.repossessed +
                                                       res.bad_debt + res.ar_end);
        plans += res.metric[M_INSTALMENT_PLANS];
        broken += res.metric[M_INSTALMENT_PLANS_BROKEN];
        engine_result_free(&res);
    }
    print_message("plans %g, broken %g\n", plans, broken);
    assert_true(plans > 0);
    assert_true(broken > 0 && broken < plans);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_instalment_plan_for_one_customer),
        cmocka_unit_test(a_plan_waits_for_the_report),
        cmocka_unit_test(a_plan_is_paid_nothing_in_the_blackout),
        cmocka_unit_test(a_new_case_is_offered_a_new_plan),
        cmocka_unit_test(plans_on_a_baseline_book),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
