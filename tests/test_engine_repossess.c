/* test_engine_repossess.c — whole replications: the firm takes back its
 * goods a customer still holds before it sues or writes off
 * (collection.repossess), worked by hand on one reseller (run under
 * ThreadSanitizer too: make tsan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "huikuan/engine.h"
#include "huikuan/money.h"
#include "engine_fixture.h"

#define ONE_RESELLER "tests/data/one_reseller_overstocked.ini"

/* tests/data/one_reseller_overstocked.ini, its one invoice never to be
 * paid: issued on day 0 and due on day 28, for orders.output_base and
 * what its rep's effort adds (A, read from the run's sales). The
 * reseller's stock of the firm's goods, half a month's demand (150.00)
 * and the invoice's A, sells 10.00 a day: 150.00 + A - 10.00 x day is
 * left on its shelves. The statement comes 10 days past due and the
 * lawyer's letter 45 days later, 580.00 in letters; the firm goes to law
 * 100 days past due, on day 128, where A - 1,130.00 is left.
 * - Without taking back, the suit (5,000.00, judged a day or two later)
 *   recovers a tenth of the invoice: 500.00 of 5,000.03, the rest
 *   written off.
 * - Taking back, the firm credits A - 1,130.00 of goods first and sues
 *   for 1,130.00: recovers 113.00 and writes off 1,017.00. The goods are
 *   worth repossess_value (0.8) of their cost (70 % of their value).
 * - With the reseller selling nothing (output_per_effort 0: no demand,
 *   no opening stock), all of A is still on the shelf: taken back, the
 *   case closes and the firm never sues.
 * - Below litigation_min_balance (10,000.00) it does not sue, and the
 *   invoice is written off 90 days past due (firm.write_off_days), on
 *   day 118: A - 1,030.00 is taken back first, 1,030.00 written off.
 *   Written off 200 days past due (day 228), A - 2,130.00: nothing is
 *   taken back on day 128, where the firm decides not to sue.
 * - An invoice of about 1,000.00 has sold through by day 128: nothing
 *   is left to take back, and the run is the run without.
 * - Twelve such invoices, one every 7 days to day 77, with supply
 *   stopped from the lawyer's letter (day 83; 40,000.00 overdue then):
 *   150.00 + A - 1,280.00 is left on day 128 as before (A now the twelve
 *   invoices), which credits all but 1,130.00 of the last invoice, due
 *   on day 105. What is left is younger than the lawyer's letter: supply
 *   resumes and the case steps back to the warning letter, as after a
 *   payment; a second lawyer's letter (500.00) comes at 55 days past
 *   due, and the suit for the 1,130.00 at 100 (see also
 *   what_is_left_is_sued_for_at_its_age). */
struct goods_case {
    const char *set[4];
    int repossess;
    cents_t left_on_day;                   /* A less this is taken back (-1: none) */
    cents_t collected, bad_debt_beyond_a;  /* -1: bad debt is A less what is collected */
    double litigations, collection_cost;
};

static void goods_taken_back_from_one_reseller(void **state)
{
    (void)state;
    static const struct goods_case cases[] = {
        {{"collection.litigation_min_balance=0", NULL}, 0, -1, 50000, -1, 1, 5580.00},
        {{"collection.litigation_min_balance=0", NULL}, 1, 113000, 11300, 101700, 1, 5580.00},
        {{"collection.litigation_min_balance=0", "collection.repossess_value=0", NULL},
         1, 113000, 11300, 101700, 1, 5580.00},
        {{"collection.litigation_min_balance=0", "orders.output_per_effort=0.00", NULL},
         1, 0, 0, 0, 0, 580.00},
        {{"firm.write_off_days=90", NULL}, 1, 103000, 0, 103000, 0, 580.00},
        {{"firm.write_off_days=200", NULL}, 1, 213000, 0, 213000, 0, 580.00},
        {{"collection.litigation_min_balance=0", "orders.output_base=1000.00", NULL},
         1, -1, -1, -1, 1, 5580.00},
        {{"collection.litigation_min_balance=0", "collection.stop_supply=yes",
          "orders.max_per_customer=12"},
         1, 113000, 11300, 101700, 1, 6080.00},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct goods_case *k = &cases[i];
        struct scenario sc;
        load(ONE_RESELLER, &sc);
        set(&sc, "segment.overstocked.default_prob=1");
        set(&sc, "collection.litigation_days=1");
        if (!k->set[1] || strstr(k->set[1], "output_base") == NULL)
            set(&sc, "orders.output_base=5000.00");
        set(&sc, k->repossess ? "collection.repossess=yes" : "collection.repossess=no");
        for (int s = 0; s < 4 && k->set[s]; s++)
            set(&sc, k->set[s]);
        struct replication_result res;
        run(&sc, 0, &res);
        cents_t a = res.sales;
        print_message("case %zu: A %.2f, taken back %.2f (worth %.2f), collected %.2f, bad debt "
                      "%.2f, lawsuits %g\n",
                      i, a / 100.0, res.repossessed / 100.0, res.metric[M_REPOSSESSED_VALUE],
                      res.collected / 100.0, res.bad_debt / 100.0, res.metric[M_LITIGATIONS]);
        cents_t back = k->left_on_day < 0 ? 0 : a - k->left_on_day;
        assert_int_equal(res.repossessed, back);
        assert_int_equal(cents(res.metric[M_REPOSSESSED]), back);
        double worth = k->set[1] && strstr(k->set[1], "repossess_value=0") ? 0.0 : 0.8 * 0.7;
        assert_int_equal(cents(res.metric[M_REPOSSESSED_VALUE]), money_apply_rate(worth, back));
        cents_t collected = k->collected >= 0 ? k->collected : money_apply_rate(0.1, a);
        assert_int_equal(res.collected, collected);
        assert_int_equal(res.bad_debt, k->bad_debt_beyond_a >= 0 ? k->bad_debt_beyond_a
                                                                 : a - collected);
        assert_true(res.metric[M_LITIGATIONS] == k->litigations);
        assert_int_equal(cents(res.metric[M_COLLECTION_COST]), cents(k->collection_cost));
        assert_int_equal(res.ar_start + res.sales, res.collected + res.discounts +
                                                       res.concessions + res.repossessed +
                                                       res.bad_debt + res.ar_end);
        assert_int_equal(res.ar_end, 0);
        assert_int_equal(cents(res.segment_repossessed[SEG_OVERSTOCKED]), back);
        engine_result_free(&res);
    }
}

/* The one reseller, its invoice of about 5,000.00 never to be paid,
 * sued for however little is left, the judgment a day or two after. */
static void load_sued_reseller(struct scenario *sc)
{
    load(ONE_RESELLER, sc);
    set(sc, "segment.overstocked.default_prob=1");
    set(sc, "collection.litigation_days=1");
    set(sc, "collection.litigation_min_balance=0");
    set(sc, "orders.output_base=5000.00");
}

/* After goods are taken back, what is left is sued for once it is as
 * old as a suit needs, not at once: the twelve invoices of
 * goods_taken_back_from_one_reseller, supply never stopped. On day 128
 * the goods credit all but 1,130.00 of the invoice due on day 105,
 * which the case, still at the lawyer's letter, sues for 100 days past
 * due, on day 205; the judgment, a day or two later (horizon month 6,
 * days 180 to 209), recovers its tenth, 113.00. */
static void what_is_left_is_sued_for_at_its_age(void **state)
{
    (void)state;
    struct scenario sc;
    load_sued_reseller(&sc);
    set(&sc, "orders.max_per_customer=12");
    set(&sc, "collection.repossess=yes");
    struct replication_result res;
    run(&sc, 0, &res);
    assert_int_equal(res.repossessed, res.sales - 113000);
    assert_true(res.metric[M_LITIGATIONS] == 1);
    assert_int_equal(cents(res.metric[M_COLLECTION_COST]), 558000); /* one lawyer's letter */
    for (int m = 0; m < res.months; m++)
        assert_int_equal(cents(res.monthly[m][MO_COLLECTED]), m == 6 ? 11300 : 0);
    assert_int_equal(cents(res.monthly[4][MO_REPOSSESSED]), res.repossessed); /* day 128 */
    engine_result_free(&res);
}

/* Taking the goods back instead of suing for their value: A = 5,000.03,
 * of which 3,870.03 is taken back, worth 0.8 x 0.7 of it (2,167.22).
 * Without, the suit recovers a tenth of A (500.00) and writes off the
 * rest (4,500.03); with, a tenth of 1,130.00 (113.00) and the rest
 * (1,017.00). Nothing else changes but the cost of capital of the days
 * between: profit is higher by 4,500.03 - 1,017.00 - 3,870.03 +
 * 2,167.22 = 1,780.22 and by that. */
static void taking_back_changes_profit_by_the_goods(void **state)
{
    (void)state;
    struct replication_result res[2];
    for (int yes = 0; yes < 2; yes++) {
        struct scenario sc;
        load_sued_reseller(&sc);
        set(&sc, yes ? "collection.repossess=yes" : "collection.repossess=no");
        run(&sc, 0, &res[yes]);
    }
    const double *no = res[0].metric, *yes = res[1].metric;
    cents_t a = res[0].sales;
    assert_int_equal(a, 500003);
    assert_int_equal(res[1].sales, a);
    assert_int_equal(res[0].bad_debt, a - money_apply_rate(0.1, a));
    assert_int_equal(res[1].bad_debt, 101700);
    assert_int_equal(res[1].repossessed, 387003);
    assert_int_equal(cents(yes[M_REPOSSESSED_VALUE]), 216722);
    assert_int_equal(cents(no[M_COMP_COST]), cents(yes[M_COMP_COST])); /* commission on sales */
    assert_int_equal(cents(yes[M_FIRM_PROFIT]) - cents(no[M_FIRM_PROFIT]),
                     178022 + cents(no[M_COST_OF_CAPITAL]) - cents(yes[M_COST_OF_CAPITAL]));
    engine_result_free(&res[0]);
    engine_result_free(&res[1]);
}

/* A rep liable for bad debt (liability at 95 % of invoice value, half
 * of a 2 % sales commission clawed back) bears what goods taken back
 * lose as it bears a write-off: the case of
 * taking_back_changes_profit_by_the_goods, where the rep's selling adds
 * nothing to the invoice under these terms (A = 5,000.00): 3,870.00
 * taken back is worth 0.56 of it, 2,167.20, and so loses 1,702.80,
 * beside 1,017.00 written off (all in the pay period of days 120 to
 * 149): liability 0.95 x 2,719.80 = 2,583.81, clawback 0.01 x 2,719.80
 * = 27.20 (27.198); without taking back, 0.95 and 0.01 of the 4,500.00
 * written off. The firm's profit gains what the rep is charged beside
 * what the goods bring: 4,500.00 - 1,017.00 - 3,870.00 + 2,167.20 =
 * 1,780.20. */
static void the_liable_rep_bears_what_the_goods_lose(void **state)
{
    (void)state;
    struct replication_result res[2];
    for (int yes = 0; yes < 2; yes++) {
        struct scenario sc;
        load_sued_reseller(&sc);
        set(&sc, "scheme.liability_share=1");
        set(&sc, "scheme.transfer_price=0.95");
        set(&sc, "scheme.commission_sales=0.02");
        set(&sc, "scheme.clawback_share=0.5");
        set(&sc, yes ? "collection.repossess=yes" : "collection.repossess=no");
        run(&sc, 0, &res[yes]);
    }
    const double *no = res[0].metric, *yes = res[1].metric;
    assert_int_equal(res[0].sales, 500000);
    assert_int_equal(res[1].sales, 500000);
    assert_int_equal(res[0].bad_debt, 450000);
    assert_int_equal(res[1].bad_debt, 101700);
    assert_int_equal(res[1].repossessed, 387000);
    assert_int_equal(cents(yes[M_REPOSSESSED_VALUE]), 216720);
    assert_int_equal(cents(yes[M_LIABILITY_CHARGES]), 258381);
    assert_int_equal(cents(yes[M_CLAWBACKS]), 2720);
    assert_int_equal(cents(no[M_LIABILITY_CHARGES]), 427500);
    assert_int_equal(cents(no[M_CLAWBACKS]), 4500);
    /* The rep's net pay loses what it is charged; the firm gains it. */
    cents_t charged = 258381 + 2720 - 427500 - 4500;
    assert_int_equal(cents(yes[M_COMP_COST]) - cents(no[M_COMP_COST]), -charged);
    assert_int_equal(cents(yes[M_FIRM_PROFIT]) - cents(no[M_FIRM_PROFIT]),
                     178020 + charged + cents(no[M_COST_OF_CAPITAL]) - cents(yes[M_COST_OF_CAPITAL]));
    engine_result_free(&res[0]);
    engine_result_free(&res[1]);
}

/* Goods taken back from a book its seller has left: the successor
 * holding the book bears the liability on what they lose, as on what is
 * written off, and no clawback (the commission was not paid to it). The
 * one reseller's case, every rep leaving when it may (at each pay
 * period's end): the rep holding the book in the period of day 128 is
 * charged 95 % of the write-off and of the goods' credit less their
 * worth (0.56 of it, in whole cents), and reps.csv gives that rep the
 * goods and the write-off; no rep is clawed back. */
static void a_successor_bears_the_liability_not_the_clawback(void **state)
{
    (void)state;
    struct scenario sc;
    load_sued_reseller(&sc);
    set(&sc, "scheme.liability_share=1");
    set(&sc, "scheme.transfer_price=0.95");
    set(&sc, "scheme.clawback_share=1");
    set(&sc, "reps.quit_prob=1");
    set(&sc, "reps.outside_option=100000.00");
    set(&sc, "reps.dismiss_below=0");
    set(&sc, "collection.repossess=yes");
    struct replication_result res;
    run(&sc, 0, &res);
    cents_t back = res.repossessed;
    assert_true(back > 0 && res.bad_debt == 101700);
    cents_t lost = res.bad_debt + back - money_apply_rate(0.56, back);
    int holders = 0;
    for (int i = 0; i < res.rep_count; i++) {
        const struct rep_record *r = &res.reps[i];
        assert_int_equal(r->clawback, 0);
        if (r->repossessed > 0) {
            holders++;
            assert_true(r->hired_day > 0 && r->sales == 0); /* a successor */
            assert_int_equal(r->repossessed, back);
            assert_int_equal(r->written_off, res.bad_debt);
            assert_int_equal(r->liability, money_apply_rate(0.95, lost));
        }
    }
    assert_int_equal(holders, 1);
    assert_int_equal(cents(res.metric[M_LIABILITY_CHARGES]), money_apply_rate(0.95, lost));
    assert_true(res.metric[M_CLAWBACKS] == 0);
    engine_result_free(&res);
}

/* On a baseline book with customers on consignment: goods come back
 * from resellers and consignees, fewer lawsuits are filed, and what is
 * taken back reconciles with the ledger. */
static void goods_taken_back_on_a_baseline_book(void **state)
{
    (void)state;
    double back[2] = {0, 0}, suits[2] = {0, 0};
    for (int yes = 0; yes < 2; yes++) {
        struct scenario sc;
        load("scenarios/baseline.ini", &sc);
        set(&sc, "customers.count=200");
        set(&sc, "reps.count=10");
        set(&sc, "firm.consignment_share=0.3");
        set(&sc, yes ? "collection.repossess=yes" : "collection.repossess=no");
        for (int r = 0; r < 3; r++) {
            struct replication_result res;
            run(&sc, r, &res);
            assert_int_equal(res.ar_start + res.sales,
                             res.collected + res.discounts + res.concessions + res.repossessed +
                                 res.bad_debt + res.ar_end);
            back[yes] += res.metric[M_REPOSSESSED];
            suits[yes] += res.metric[M_LITIGATIONS];
            engine_result_free(&res);
        }
    }
    print_message("taken back %.2f, lawsuits %g against %g\n", back[1], suits[1], suits[0]);
    assert_true(back[0] == 0 && back[1] > 0);
    assert_true(suits[1] < suits[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(goods_taken_back_from_one_reseller),
        cmocka_unit_test(what_is_left_is_sued_for_at_its_age),
        cmocka_unit_test(taking_back_changes_profit_by_the_goods),
        cmocka_unit_test(the_liable_rep_bears_what_the_goods_lose),
        cmocka_unit_test(a_successor_bears_the_liability_not_the_clawback),
        cmocka_unit_test(goods_taken_back_on_a_baseline_book),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
