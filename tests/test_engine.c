/* test_engine.c — whole replications: exact cases, identities, determinism,
 * also across threads within a replication (run under ThreadSanitizer too:
 * make tsan). Collection, credit and the book over whole replications are
 * in test_engine_collection.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_statistics_double.h>

#include "huikuan/engine.h"
#include "engine_fixture.h"

static const char *const PRESETS[] = {
    "scenarios/baseline.ini", "scenarios/late_penalty.ini",
    "scenarios/collections_commission.ini", "scenarios/buy_sell.ini",
    "scenarios/hybrid.ini", "scenarios/seed_example.ini",
};

static void seed_example_is_exact(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/seed_example.ini", &sc);
    /* In every replication, as the file says: a dispute (1 % by default)
     * had held replication 34's payment back 10 more days, and a rep had
     * sometimes quit over a period the penalty left without pay. */
    for (int r = 0; r < 100; r++) {
        struct replication_result res;
        run(&sc, r, &res);
        assert_true(res.metric[M_REP_TURNOVER] == 0);
        assert_int_equal(cents(res.metric[M_COMMISSION]), 300000);
        assert_int_equal(cents(res.metric[M_PENALTIES]), 30000);
        assert_int_equal(res.sales, 10000000);
        assert_int_equal(res.collected, 10000000);
        /* Issued day 0, due day 30, paid day 60: DSO over 120 days = 60 x 100,000 / 100,000. */
        assert_true(fabs(res.metric[M_DSO] - 60.0) < 1e-9);
        engine_result_free(&res);
    }
}

static void seed_example_with_grace_and_cap(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/seed_example.ini", &sc);
    set(&sc, "scheme.penalty_grace_days=10"); /* 20 penalised days: 200.00 */
    struct replication_result res;
    run(&sc, 0, &res);
    assert_int_equal(cents(res.metric[M_PENALTIES]), 20000);
    engine_result_free(&res);
    set(&sc, "scheme.penalty_cap=50.00"); /* per period: 190 and 10 -> 50 + 10 */
    run(&sc, 0, &res);
    assert_int_equal(cents(res.metric[M_PENALTIES]), 6000);
    engine_result_free(&res);
}

static void identity_holds_across_presets_and_seeds(void **state)
{
    (void)state;
    int64_t conceded = 0, repossessed = 0;
    double plans = 0, interest = 0;
    for (size_t p = 0; p < sizeof PRESETS / sizeof PRESETS[0]; p++) {
        struct scenario sc;
        load(PRESETS[p], &sc);
        set(&sc, "customers.count=120");
        set(&sc, "reps.count=6");
        for (int seed = 1; seed <= 6; seed++) {
            char buf[64];
            snprintf(buf, sizeof buf, "sim.seed=%d", seed * 7919);
            set(&sc, buf);
            /* Every other seed with a cash discount, which takes its share
             * of the invoices paid early out of the identity. */
            set(&sc, seed % 2 ? "firm.cash_discount=0" : "firm.cash_discount=0.03");
            /* Every third with an exchange offer to overstocked resellers,
             * short enough to end and be made again, which concedes its
             * share of their orders. */
            set(&sc, seed % 3 ? "collection.exchange_discount=0"
                              : "collection.exchange_discount=0.05");
            set(&sc, "collection.exchange_days=60");
            /* The other half with instalment plans, which leave invoices
             * overdue and unsued while they are kept. */
            set(&sc, seed % 2 ? "collection.instalments=3" : "collection.instalments=0");
            set(&sc, "collection.instalment_interest=0.1");
            /* Seeds 1, 4 and 5 take goods back, from resellers and from
             * customers on consignment, which credits them out of the
             * identity. */
            set(&sc, seed % 4 < 2 ? "collection.repossess=yes" : "collection.repossess=no");
            set(&sc, seed % 4 < 2 ? "firm.consignment_share=0.2" : "firm.consignment_share=0");
            for (int r = 0; r < 2; r++) {
                struct replication_result res;
                /* engine_run checks the ledger identity per customer, per book
                 * and in total at every period end and fails if it breaks. */
                run(&sc, r, &res);
                /* The horizon's flows reconcile to the cent as well. */
                assert_int_equal(res.ar_start + res.sales,
                                 res.collected + res.discounts + res.concessions +
                                     res.repossessed + res.bad_debt + res.ar_end);
                assert_true(seed % 2 ? res.discounts == 0 : res.discounts > 0);
                assert_int_equal(cents(res.metric[M_DISCOUNTS]), res.discounts);
                assert_int_equal(cents(res.metric[M_CONCESSIONS]), res.concessions);
                assert_int_equal(cents(res.metric[M_REPOSSESSED]), res.repossessed);
                if (seed % 4 >= 2)
                    assert_true(res.repossessed == 0 && res.metric[M_REPOSSESSED_VALUE] == 0);
                repossessed += res.repossessed;
                if (seed % 3)
                    assert_true(res.concessions == 0 && res.metric[M_EXCHANGE_OFFERS] == 0);
                assert_true(res.metric[M_EXCHANGES] <= res.metric[M_EXCHANGE_OFFERS]);
                if (seed % 2 == 0)
                    assert_true(res.metric[M_INSTALMENT_PLANS] == 0);
                plans += res.metric[M_INSTALMENT_PLANS];
                interest += res.metric[M_INTEREST];
                /* segments.csv's shares of them add up to them. */
                int64_t seg_discounted = 0, seg_conceded = 0, seg_repossessed = 0;
                for (int g = 0; g < SEG_COUNT; g++) {
                    seg_discounted += cents(res.segment_discounts[g]);
                    seg_conceded += cents(res.segment_concessions[g]);
                    seg_repossessed += cents(res.segment_repossessed[g]);
                }
                assert_int_equal(seg_discounted, res.discounts);
                assert_int_equal(seg_conceded, res.concessions);
                assert_int_equal(seg_repossessed, res.repossessed);
                conceded += res.concessions;
                /* Month by month too: each month's receivables roll forward
                 * from the last's by its sales, cash, discounts, concessions,
                 * goods taken back and bad debt. */
                int64_t ar = res.ar_start, discounted = 0, month_conceded = 0, month_back = 0;
                for (int m = 0; m < res.months; m++) {
                    const double *mo = res.monthly[m];
                    ar += cents(mo[MO_SALES]) - cents(mo[MO_COLLECTED]) -
                          cents(mo[MO_DISCOUNTS]) - cents(mo[MO_CONCESSIONS]) -
                          cents(mo[MO_REPOSSESSED]) - cents(mo[MO_BAD_DEBT]);
                    assert_int_equal(ar, cents(mo[MO_AR]));
                    discounted += cents(mo[MO_DISCOUNTS]);
                    month_conceded += cents(mo[MO_CONCESSIONS]);
                    month_back += cents(mo[MO_REPOSSESSED]);
                }
                assert_int_equal(ar, res.ar_end);
                assert_int_equal(discounted, res.discounts);
                assert_int_equal(month_conceded, res.concessions);
                assert_int_equal(month_back, res.repossessed);
                assert_int_equal(cents(res.metric[M_SALES]), res.sales);
                /* Profit is defined once: check the reported pieces add up. */
                double profit = res.metric[M_GROSS_MARGIN] + res.metric[M_INTEREST] +
                                res.metric[M_REPOSSESSED_VALUE] - res.metric[M_DISCOUNTS] -
                                res.metric[M_CONCESSIONS] - res.metric[M_REPOSSESSED] -
                                res.metric[M_COMP_COST] -
                                res.metric[M_BAD_DEBT] - res.metric[M_COST_OF_CAPITAL] -
                                res.metric[M_COLLECTION_COST] - res.metric[M_FACTORING_COST] -
                                res.metric[M_HIRING_COST];
                assert_int_equal(cents(profit), cents(res.metric[M_FIRM_PROFIT]));
                double pay = res.metric[M_BASE_PAY] + res.metric[M_COMMISSION] +
                             res.metric[M_BONUSES] - res.metric[M_PENALTIES] -
                             res.metric[M_LIABILITY_CHARGES] - res.metric[M_CLAWBACKS];
                assert_int_equal(cents(pay), cents(res.metric[M_COMP_COST]));
                /* reps.csv's books add up to the horizon's (pay periods
                 * begin with it): pay, and what was sold, written off,
                 * discounted, conceded and taken back. */
                int64_t reps_net = 0, rep_sales = 0, rep_lost = 0, rep_discounted = 0,
                        rep_conceded = 0, rep_back = 0;
                for (int i = 0; i < res.rep_count; i++) {
                    const struct rep_record *rr = &res.reps[i];
                    reps_net += rr->net_pay;
                    rep_sales += rr->sales;
                    rep_lost += rr->written_off;
                    rep_discounted += rr->discounts;
                    rep_conceded += rr->concessions;
                    rep_back += rr->repossessed;
                }
                assert_int_equal(reps_net, cents(res.metric[M_COMP_COST]));
                assert_int_equal(rep_sales, res.sales);
                assert_int_equal(rep_lost, res.bad_debt);
                assert_int_equal(rep_discounted, res.discounts);
                assert_int_equal(rep_conceded, res.concessions);
                assert_int_equal(rep_back, res.repossessed);
                assert_int_equal(res.day_loop_allocations, 0);
                engine_result_free(&res);
            }
        }
    }
    assert_true(conceded > 0); /* the exchange took part */
    assert_true(plans > 0 && interest > 0); /* and plans, with their interest */
    assert_true(repossessed > 0); /* and goods were taken back */
}

/* Each leaver in the horizon, and only those, costs the firm a hire: a
 * rep leaving at the warm-up's last pay day is replaced on the horizon's
 * first, and one leaving on its last day is replaced after it. */
static void hiring_cost_is_one_hire_per_leaver(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/buy_sell.ini", &sc); /* reps leave often */
    set(&sc, "customers.count=120");
    set(&sc, "reps.count=12");
    set(&sc, "sim.warmup_days=120");
    set(&sc, "sim.days=95"); /* three periods and a 5-day stub */
    int charged_at_edges = 0;
    for (int r = 0; r < 8; r++) {
        struct replication_result res;
        run(&sc, r, &res);
        int quits = 0;
        for (int i = 0; i < res.rep_count; i++) {
            if (res.reps[i].left_day >= 0)
                quits++;
            /* replaced on the horizon's first day: its predecessor left in the warm-up */
            charged_at_edges += res.reps[i].hired_day == 120;
        }
        assert_int_equal(cents(res.metric[M_HIRING_COST]), (int64_t)quits * sc.firm.hiring_cost);
        assert_true(fabs(res.metric[M_REP_TURNOVER] - quits / 12.0 * 365.0 / 95.0) < 1e-9);
        engine_result_free(&res);
    }
    assert_true(charged_at_edges > 0); /* the case that was charged to the horizon */
}

/* The collection bonus reads the book's balance past due at its period's
 * end (tests/data/one_invoice_period_end.ini: one 1,000.00 invoice on day
 * 0, a period of days 0 to 29, a 100.00 bonus at a rate of 0.5). Unpaid
 * and due on day 28, it is past due on day 29: rate 0, no bonus; due on
 * day 29, it is not yet: nothing to collect, no rate at all. Paid on day
 * 28 or on day 29, the last: rate 1 and the bonus; paid on day 30: rate
 * 0 again. */
static void collection_rate_at_a_period_end(void **state)
{
    (void)state;
    static const struct {
        const char *term, *delay;
        double rate; /* NAN: none */
        double collected, bonus;
    } cases[] = {
        {"firm.term_days=28", "segment.prompt.delay_mean_days=100", 0.0, 0, 0},
        {"firm.term_days=29", "segment.prompt.delay_mean_days=100", NAN, 0, 0},
        {"firm.term_days=27", "segment.prompt.delay_mean_days=1", 1.0, 1000, 100},
        {"firm.term_days=28", "segment.prompt.delay_mean_days=1", 1.0, 1000, 100},
        {"firm.term_days=28", "segment.prompt.delay_mean_days=2", 0.0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scenario sc;
        load("tests/data/one_invoice_period_end.ini", &sc);
        set(&sc, cases[i].term);
        set(&sc, cases[i].delay);
        struct replication_result res;
        run(&sc, 0, &res);
        double rate = res.metric[M_COLLECTION_RATE];
        print_message("%s, %s: collection rate %g, collected %.2f, bonus %.2f\n", cases[i].term,
                      cases[i].delay, rate, res.metric[M_COLLECTED], res.metric[M_BONUSES]);
        assert_true(res.metric[M_SALES] == 1000);
        assert_true(isnan(cases[i].rate) ? isnan(rate) : rate == cases[i].rate);
        assert_true(res.metric[M_COLLECTED] == cases[i].collected);
        assert_true(res.metric[M_BONUSES] == cases[i].bonus);
        engine_result_free(&res);
    }
}

/* A cash discount of 2 % for paying within 10 days, on the one 1,000.00
 * invoice of tests/data/one_invoice_period_end.ini (issued on day 0, due
 * on day 28, meant to be paid a day later, on day 29). At a cost of money
 * of 12 % a year, paying 19 days sooner is worth it: 980.00 on day 10,
 * 20.00 discounted; receivables (counted each day before its payments
 * and orders) of 1,000.00 on days 1 to 10 over the horizon's sales of
 * 1,000.00 make a DSO of 10 (29 paid on day 29, the last, or unpaid). At
 * 100 % a year it is not worth it (2 % pays for 7.4 days): 1,000.00 on
 * day 29. With 40 days to take it, the due date is the last: 980.00 on
 * day 28. A disputed invoice is neither paid nor discounted in the
 * horizon; nor is anything discounted where no discount is offered. Half
 * of an invoice of 0.03 is 0.015, 0.02 rounded: 0.01 is paid; of 0.01,
 * 0.005 would round to the whole cent: a discount leaves a cent to pay. */
static void a_cash_discount_on_one_invoice(void **state)
{
    (void)state;
    static const struct {
        const char *set[3];
        double sales, collected, discounts, dso;
    } cases[] = {
        {{"firm.cash_discount=0.02", "customers.cost_of_money=0.12", NULL}, 1000, 980, 20, 10},
        {{"firm.cash_discount=0.02", "customers.cost_of_money=1", NULL}, 1000, 1000, 0, 29},
        {{"firm.cash_discount=0.02", "firm.cash_discount_days=40", NULL}, 1000, 980, 20, 28},
        {{"firm.cash_discount=0.02", "segment.prompt.dispute_prob=1", NULL}, 1000, 0, 0, 29},
        {{"firm.cash_discount=0", NULL, NULL}, 1000, 1000, 0, 29},
        {{"firm.cash_discount=0.5", "orders.output_base=0.03", NULL}, 0.03, 0.01, 0.02, 10},
        {{"firm.cash_discount=0.5", "orders.output_base=0.01", NULL}, 0.01, 0.01, 0, 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scenario sc;
        load("tests/data/one_invoice_period_end.ini", &sc);
        set(&sc, "segment.prompt.delay_mean_days=1");
        for (int k = 0; k < 3 && cases[i].set[k]; k++)
            set(&sc, cases[i].set[k]);
        struct replication_result res;
        run(&sc, 0, &res);
        print_message("case %zu: collected %.2f, discounts %.2f, DSO %g\n", i,
                      res.metric[M_COLLECTED], res.metric[M_DISCOUNTS], res.metric[M_DSO]);
        assert_true(res.metric[M_SALES] == cases[i].sales);
        assert_true(res.metric[M_COLLECTED] == cases[i].collected);
        assert_true(res.metric[M_DISCOUNTS] == cases[i].discounts);
        assert_true(fabs(res.metric[M_DSO] - cases[i].dso) < 1e-9);
        assert_int_equal(res.ar_start + res.sales,
                         res.collected + res.discounts + res.bad_debt + res.ar_end);
        engine_result_free(&res);
    }
}

/* The exchange offer, on tests/data/one_reseller_overstocked.ini: one
 * invoice of 1,000.00 (and the cents the rep's effort adds), due on day
 * 28 and meant to be paid then, held back until the reseller's stock
 * sells down, 85 days later (DSO 113). The statement on day 38 offers
 * the exchange; 2 % off 300.00 a month of orders for 180 days is worth
 * 36.00 to the reseller, and paying on day 39 instead of 113 saves it
 * 1,000.00 x 74 days at 12 % a year, 24.33: it is worth taking from
 * 1.352 % up (1.35 % refused, 1.36 % taken: paid on day 39, 11 days
 * late, DSO 39), even where the offer holds for a day only, the day it
 * pays (its cash costing nothing, for a day's discount is worth 0.20).
 * At 50 % a year the 2 % is refused. A reseller paying by pay runs is
 * offered none. A disputed invoice
 * waits for its remedy, not for stock, when the statement comes: nothing
 * to offer for. With an order a week up to seven, the seventh, on day
 * 42, comes after the offer was taken (cash costing nothing): 2 % of it,
 * 20.00, is conceded and the rest paid on its due date; the two held
 * back are paid on day 39. With the offer ending on day 68, before that
 * invoice's due date (70), stock holds it back again, until the next
 * case's statement, on day 80, makes a second offer, taken: paid on day
 * 81, 11 days late. No offer is made while one taken holds: where the
 * sixth invoice (due on day 63) falls due in the reseller's 20-day
 * blackout before its reporting date (day 80), unpaid, a second case's
 * statement on day 73 finds the first offer holding and makes none. The
 * offer holds from the day after it is made: made on day 42 (a statement
 * 14 days past due), with orders on every seventh day, one-day offers
 * concede nothing (each is made on a day of an order, 42 days after it,
 * and holds the next day, when none comes), and seven-day ones the order
 * of day 49 only, 20.00 (the first holds from day 43 to 49; the orders
 * end there). An invoice the reseller means to pay on its own day
 * after the offer would end gains nothing from it: 2,000.00 meant to be
 * paid 100 days late (day 128), which stock would hold back to day 213,
 * is offered no 30-day offer (paid on day 213), and a 180-day one,
 * taken (paid on day 128). */
static void an_exchange_offer_to_one_reseller(void **state)
{
    (void)state;
    static const struct {
        const char *set[5];
        double offers, taken, days_late, dso, concessions;
    } cases[] = {
        {{"collection.exchange_discount=0", NULL, NULL}, 0, 0, 85, 113, 0},
        {{"collection.exchange_discount=0.0135", NULL, NULL}, 1, 0, 85, 113, 0},
        {{"collection.exchange_discount=0.0136", NULL, NULL}, 1, 1, 11, 39, 0},
        {{"collection.exchange_discount=0.02", NULL, NULL}, 1, 1, 11, 39, 0},
        {{"collection.exchange_discount=0.02", "collection.exchange_days=1",
          "customers.cost_of_money=0"},
         1, 1, 11, 39, 0},
        {{"collection.exchange_discount=0.02", "segment.overstocked.cash_ratio=1", NULL}, 0, 0, -1,
         -1, 0},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0.5", NULL}, 1, 0, 85, 113,
         0},
        {{"collection.exchange_discount=0.02", "segment.overstocked.dispute_prob=1", NULL}, 0, 0,
         -1, -1, 0},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.max_per_customer=7"},
         1, 1, -1, -1, 20},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.max_per_customer=7", "segment.overstocked.report_blackout_days=20",
          "firm.report_day=80"},
         1, 1, -1, -1, 20},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.max_per_customer=8", "collection.escalate_after_days=14",
          "collection.exchange_days=1"},
         -1, -1, -1, -1, 0},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.max_per_customer=8", "collection.escalate_after_days=14",
          "collection.exchange_days=7"},
         -1, -1, -1, -1, 20},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.output_base=2000.00", "segment.overstocked.delay_mean_days=100",
          "collection.exchange_days=30"},
         0, 0, 185, 213, 0},
        {{"collection.exchange_discount=0.02", "customers.cost_of_money=0",
          "orders.output_base=2000.00", "segment.overstocked.delay_mean_days=100",
          "collection.exchange_days=180"},
         1, 1, 100, 128, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scenario sc;
        load("tests/data/one_reseller_overstocked.ini", &sc);
        for (int k = 0; k < 5 && cases[i].set[k]; k++)
            set(&sc, cases[i].set[k]);
        struct replication_result res;
        run(&sc, 0, &res);
        print_message("case %zu: offers %g, taken %g, days late %g, DSO %g, concessions %.2f\n", i,
                      res.metric[M_EXCHANGE_OFFERS], res.metric[M_EXCHANGES],
                      res.metric[M_DAYS_LATE], res.metric[M_DSO], res.metric[M_CONCESSIONS]);
        if (cases[i].offers >= 0) {
            assert_true(res.metric[M_EXCHANGE_OFFERS] == cases[i].offers);
            assert_true(res.metric[M_EXCHANGES] == cases[i].taken);
        } else { /* offers come again as short ones end: all taken */
            assert_true(res.metric[M_EXCHANGE_OFFERS] >= 1);
            assert_true(res.metric[M_EXCHANGES] == res.metric[M_EXCHANGE_OFFERS]);
        }
        if (cases[i].days_late >= 0) {
            assert_true(fabs(res.metric[M_DAYS_LATE] - cases[i].days_late) < 1e-9);
            assert_true(fabs(res.metric[M_DSO] - cases[i].dso) < 1e-9);
            assert_int_equal(res.collected, res.sales); /* paid in full */
        }
        assert_true(res.metric[M_CONCESSIONS] == cases[i].concessions);
        assert_int_equal(cents(res.metric[M_CONCESSIONS]), res.concessions);
        assert_int_equal(res.ar_start + res.sales, res.collected + res.discounts +
                                                       res.concessions + res.repossessed +
                                                       res.bad_debt + res.ar_end);
        if (cases[i].concessions > 0)
            assert_int_equal(res.collected, res.sales - res.concessions);
        engine_result_free(&res);
    }
    struct scenario sc;
    load("tests/data/one_reseller_overstocked.ini", &sc);
    set(&sc, "collection.exchange_discount=0.02");
    set(&sc, "customers.cost_of_money=0");
    set(&sc, "orders.max_per_customer=7");
    struct replication_result long_offer, short_offer;
    run(&sc, 0, &long_offer);
    set(&sc, "collection.exchange_days=30");
    run(&sc, 0, &short_offer);
    assert_true(short_offer.metric[M_EXCHANGE_OFFERS] == 2);
    assert_true(short_offer.metric[M_EXCHANGES] == 2);
    assert_int_equal(short_offer.concessions, long_offer.concessions);
    assert_int_equal(short_offer.collected, short_offer.sales - short_offer.concessions);
    assert_true(short_offer.metric[M_DAYS_LATE] > long_offer.metric[M_DAYS_LATE]);
    engine_result_free(&long_offer);
    engine_result_free(&short_offer);
}

static void same_seed_same_result_other_replication_differs(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/hybrid.ini", &sc);
    set(&sc, "customers.count=150");
    struct replication_result a, b, c;
    run(&sc, 3, &a);
    run(&sc, 3, &b);
    run(&sc, 4, &c);
    assert_memory_equal(a.metric, b.metric, sizeof a.metric);
    assert_memory_equal(a.monthly, b.monthly, sizeof *a.monthly * (size_t)a.months);
    assert_true(a.metric[M_SALES] != c.metric[M_SALES]);
    engine_result_free(&a);
    engine_result_free(&b);
    engine_result_free(&c);
}

static void stream_seeds_are_distinct(void **state)
{
    (void)state;
    enum { R = 20, S = 500 };
    static uint64_t seen[R * S];
    int n = 0;
    for (int r = 0; r < R; r++)
        for (int s = 0; s < S; s++)
            seen[n++] = engine_stream_seed(1, r, s);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (seen[i] == seen[j])
                fail_msg("streams %d and %d share a seed", i, j);
    assert_true(engine_stream_seed(1, 0, 0) != engine_stream_seed(2, 0, 0));
}

/* A late penalty has reps chase harder: more reminders, calls and
 * letters, so more collection draws. Those come from a stream of their
 * own, so each customer's orders and each invoice's payment plan still
 * draw what they draw without the penalty, and the scenarios' paired
 * replications stay close. With one stream for all of a customer's
 * draws, the extra calls shifted every later order and plan: on these
 * 150 pairs days late correlated 0.749 and DSO 0.644 (0.823 and 0.781
 * with a stream for each use). */
static void chasing_harder_leaves_orders_and_plans_paired(void **state)
{
    (void)state;
    enum { N = 150 };
    struct scenario base, penalty;
    load("scenarios/baseline.ini", &base);
    load("scenarios/late_penalty.ini", &penalty);
    const char *small[] = {"customers.count=100", "reps.count=5", "sim.warmup_days=200"};
    for (size_t i = 0; i < sizeof small / sizeof *small; i++) {
        set(&base, small[i]);
        set(&penalty, small[i]);
    }
    assert_int_equal(base.sim.seed, penalty.sim.seed);
    double late[2][N], dso[2][N];
    for (int r = 0; r < N; r++) {
        struct replication_result a, b;
        run(&base, r, &a);
        run(&penalty, r, &b);
        late[0][r] = a.metric[M_DAYS_LATE];
        late[1][r] = b.metric[M_DAYS_LATE];
        dso[0][r] = a.metric[M_DSO];
        dso[1][r] = b.metric[M_DSO];
        engine_result_free(&a);
        engine_result_free(&b);
    }
    double r_late = gsl_stats_correlation(late[0], 1, late[1], 1, N);
    double r_dso = gsl_stats_correlation(dso[0], 1, dso[1], 1, N);
    print_message("paired correlation: days late %.3f, dso %.3f\n", r_late, r_dso);
    assert_true(r_late > 0.79);
    assert_true(r_dso > 0.72);
}

static void turnover_is_counted(void **state)
{
    (void)state;
    struct scenario sc;
    load("scenarios/baseline.ini", &sc);
    set(&sc, "customers.count=100");
    set(&sc, "reps.count=10");
    set(&sc, "reps.base_quit_rate=0");
    set(&sc, "reps.outside_option=0.00");
    struct replication_result res;
    run(&sc, 0, &res);
    assert_true(res.metric[M_REP_TURNOVER] == 0);
    assert_int_equal(res.rep_count, 10);
    engine_result_free(&res);

    set(&sc, "reps.outside_option=1000000.00"); /* nobody is paid enough */
    set(&sc, "reps.quit_prob=1");
    run(&sc, 0, &res);
    int left = 0, replaced = 0;
    int32_t end = sc.sim.warmup_days + sc.sim.days;
    for (int i = 0; i < res.rep_count; i++) {
        left += res.reps[i].left_day >= 0;
        /* A replacement's first day is the day after its predecessor's last,
         * and those hired after the horizon have no row. */
        replaced += res.reps[i].left_day >= 0 && res.reps[i].left_day < end;
    }
    assert_true(left > 10);
    assert_int_equal(res.rep_count, 10 + replaced);
    assert_true(fabs(res.metric[M_REP_TURNOVER] - left / 10.0 * 365.0 / sc.sim.days) < 1e-9);
    engine_result_free(&res);
}

/* With no turnover every rep makes every weekly choice of the horizon,
 * so the reps' mean effort is the replication's, with or without warm-up
 * (without, the choice made as the run starts counts in both). */
static void reps_effort_is_the_replications(void **state)
{
    (void)state;
    const char *warmups[] = {"sim.warmup_days=0", "sim.warmup_days=70"};
    for (size_t w = 0; w < 2; w++) {
        struct scenario sc;
        load("scenarios/baseline.ini", &sc);
        set(&sc, "sim.days=28");
        set(&sc, warmups[w]);
        set(&sc, "reps.outside_option=0");
        set(&sc, "reps.base_quit_rate=0");
        set(&sc, "reps.quit_prob=0");
        struct replication_result res;
        run(&sc, 1, &res);
        assert_int_equal(res.rep_count, sc.reps.count);
        const int kinds[EFFORT_KINDS] = {M_EFFORT_SELL, M_EFFORT_SCREEN, M_EFFORT_COLLECT};
        for (int x = 0; x < EFFORT_KINDS; x++) {
            double sum = 0;
            for (int k = 0; k < res.rep_count; k++) {
                assert_int_equal(res.reps[k].weeks, 4);
                sum += res.reps[k].effort[x];
            }
            double mean = sum / res.rep_count, want = res.metric[kinds[x]];
            if (!(fabs(mean - want) <= 1e-12 * fabs(want)))
                fail_msg("%s, effort %d: reps' mean %.9g, replication's %.9g", warmups[w], x,
                         mean, want);
        }
        engine_result_free(&res);
    }
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

/* One customer ordering weekly and paying every invoice 20 days late keeps
 * more events pending than a customer's share of the room set-up sets
 * aside (24 events; up to 84 of the calendar's chunks in use at once in
 * a year): the calendar's floor of lists holds them, and the day
 * loop allocates nothing, on one thread or two. */
static void a_lone_busy_customer_needs_no_allocation(void **state)
{
    (void)state;
    struct scenario sc;
    load("tests/data/slack_week_case.ini", &sc);
    set(&sc, "sim.days=1095");
    for (int threads = 1; threads <= 2; threads++)
        for (int r = 0; r < 3; r++) {
            struct replication_result res;
            run_threads(&sc, r, threads, &res);
            assert_true(res.invoices_issued > 100); /* weekly, three years */
            assert_int_equal(res.day_loop_allocations, 0);
            engine_result_free(&res);
        }
}

/* One replication split over 2, 3 or 7 threads gives what one thread
 * gives, bit for bit: every preset, the Markov chain, a book big enough
 * to fetch ahead, more threads than reps, more reps than customers, and
 * customers enough that a day's events run sorted by customer.
 * None of them allocates in its day loop. */
static void threads_within_a_replication_change_nothing(void **state)
{
    (void)state;
    struct scenario cases[11];
    int n = 0;
    for (size_t i = 0; i < sizeof PRESETS / sizeof PRESETS[0]; i++)
        load(PRESETS[i], &cases[n++]);
    load("scenarios/validation/markov.ini", &cases[n++]);
    load("scenarios/baseline.ini", &cases[n]);
    set(&cases[n], "customers.count=12000");
    set(&cases[n], "reps.count=40");
    set(&cases[n], "scheme.bonus_dso_amount=5000"); /* each book's DSO history read */
    set(&cases[n], "scheme.bonus_dso_target_days=45");
    set(&cases[n], "scheme.bonus_collection_amount=5000"); /* and its collection rate */
    set(&cases[n], "scheme.bonus_collection_target=0.6");
    set(&cases[n], "customers.exposure_risk=1"); /* what each customer owes, read at each order */
    set(&cases[n], "firm.cash_discount=0.02"); /* discounts summed over the shards */
    set(&cases[n], "collection.exchange_discount=0.03"); /* and concessions */
    set(&cases[n], "collection.instalments=4");          /* plans counted over the shards */
    set(&cases[n], "collection.instalment_interest=0.2"); /* and their interest */
    set(&cases[n], "collection.repossess=yes");      /* goods taken back over the shards */
    set(&cases[n], "firm.consignment_share=0.1");   /* from consignees too */
    set(&cases[n], "sim.days=150");
    set(&cases[n++], "sim.warmup_days=30");
    load("scenarios/hybrid.ini", &cases[n]);
    set(&cases[n++], "reps.count=2");
    /* More reps than customers: the first shards own every customer, the
     * rest none, and the room each sets aside must follow. */
    load("scenarios/baseline.ini", &cases[n]);
    set(&cases[n], "customers.count=5000");
    set(&cases[n], "reps.count=10000");
    set(&cases[n], "sim.days=120");
    set(&cases[n++], "sim.warmup_days=0");
    /* Big enough that a day's events run sorted by customer. */
    load("scenarios/baseline.ini", &cases[n]);
    set(&cases[n], "customers.count=200000");
    set(&cases[n], "reps.count=2000");
    set(&cases[n], "sim.days=12");
    set(&cases[n++], "sim.warmup_days=0");
    for (int i = 0; i < n; i++) {
        struct replication_result one, many;
        run_threads(&cases[i], 1, 1, &one);
        assert_true(one.events > 0);
        assert_int_equal(one.day_loop_allocations, 0); /* set-up set enough aside */
        const int threads[] = {2, 3, 7};
        for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
            run_threads(&cases[i], 1, threads[t], &many);
            assert_same_result(&one, &many);
            assert_int_equal(many.day_loop_allocations, 0); /* each shard's share too */
            engine_result_free(&many);
        }
        engine_result_free(&one);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_example_is_exact),
        cmocka_unit_test(seed_example_with_grace_and_cap),
        cmocka_unit_test(identity_holds_across_presets_and_seeds),
        cmocka_unit_test(hiring_cost_is_one_hire_per_leaver),
        cmocka_unit_test(collection_rate_at_a_period_end),
        cmocka_unit_test(a_cash_discount_on_one_invoice),
        cmocka_unit_test(an_exchange_offer_to_one_reseller),
        cmocka_unit_test(same_seed_same_result_other_replication_differs),
        cmocka_unit_test(stream_seeds_are_distinct),
        cmocka_unit_test(chasing_harder_leaves_orders_and_plans_paired),
        cmocka_unit_test(turnover_is_counted),
        cmocka_unit_test(threads_within_a_replication_change_nothing),
        cmocka_unit_test(a_lone_busy_customer_needs_no_allocation),
        cmocka_unit_test(reps_effort_is_the_replications),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
