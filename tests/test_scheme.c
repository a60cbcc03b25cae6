/* test_scheme.c — every pay component, worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "huikuan/scheme.h"

static struct scheme_params none(void)
{
    struct scheme_params s = {0};
    s.transfer_price = 1.0;
    return s;
}

static void assert_net_is_sum(const struct scheme_pay *p)
{
    assert_int_equal(p->net, p->base + p->commission_sales + p->commission_collected +
                                 p->bonus - p->penalty - p->liability - p->clawback);
}

static void base_salary_is_prorated_by_days(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.base_salary = 400000; /* 4,000.00 a month */
    struct scheme_period p = {.days_employed = 30};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.base, 400000);
    p.days_employed = 10; /* hired 10 days before the period end */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.base, 133333); /* 4,000 x 10/30 = 1,333.33 */
    assert_net_is_sum(&pay);
}

static void seed_example_commission_and_penalty(void **state)
{
    (void)state;
    /* Seed 002: 100,000 at 3 % commission; overdue 30 days at 0.01 %/day. */
    struct scheme_params s = none();
    s.commission_sales = 0.03;
    s.penalty_daily_rate = 0.0001;
    struct scheme_period p = {.days_employed = 30, .sales = 10000000,
                              .penalty_cent_days = 30LL * 10000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.commission_sales, 300000);
    assert_int_equal(pay.penalty, 30000);
    assert_int_equal(pay.net, 300000 - 30000);
}

static void penalty_cap_and_grace(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.penalty_daily_rate = 0.001;
    s.penalty_cap = 50000; /* 500.00 */
    s.penalty_grace_days = 10;
    /* 1,000,000.00 overdue for 5 penalised days: 0.1 % x 5 x 1e8 cents = 5,000.00 */
    struct scheme_period p = {.days_employed = 30, .penalty_cent_days = 5LL * 100000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.penalty, 50000); /* capped */
    s.penalty_cap = 0;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.penalty, 500000); /* uncapped */
    assert_int_equal(scheme_penalised_days(&s, 30), 20);
    assert_int_equal(scheme_penalised_days(&s, 10), 0);
    assert_int_equal(scheme_penalised_days(&s, 3), 0);
    /* Uncapped, 1 a day on 10^27 cent-days would be past 2^63 cents: the
     * cap still holds, and the net is its negative exactly. */
    s.penalty_daily_rate = 1;
    s.penalty_cap = 50000;
    p.penalty_cent_days = (__int128)1000000000 * 1000000000 * 1000000000;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.penalty, 50000);
    assert_int_equal(pay.net, -50000);
}

static void commission_on_collections(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.commission_collected = 0.025;
    struct scheme_period p = {.days_employed = 30, .sales = 5000000, .collected = 1234567};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.commission_sales, 0);
    assert_int_equal(pay.commission_collected, 30864); /* 12,345.67 x 2.5 % = 308.64175 */
}

static void clawback_on_write_off(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.commission_sales = 0.03;
    s.clawback_share = 0.5;
    struct scheme_period p = {.days_employed = 30, .written_off = 2000000,
                              .written_off_sold = 2000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.clawback, 30000); /* half of 3 % of 20,000.00 */
    assert_int_equal(pay.net, -30000);
    /* Of an inherited book's losses only what the rep sold itself is
     * clawed back: 5,000.00 of the 20,000.00. */
    p.written_off_sold = 500000;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.clawback, 7500);
    assert_int_equal(pay.liability, 0);
    assert_int_equal(pay.net, -7500);
}

/* Goods taken back lose what they credit beyond their worth, and the
 * liability and the clawback are charged on that as on a write-off:
 * 3,870.03 credited, worth 0.56 of it (2,167.22), loses 1,702.81;
 * beside 1,000.00 written off, 2,702.81 lost: liability at 95 %,
 * 2,567.67 (2,567.6695); clawback of half a 2 % commission, 27.03
 * (27.0281). Of an inherited book's goods only what the rep sold is
 * clawed back. Goods worth all they credit lose nothing. */
static void liability_and_clawback_on_goods_taken_back(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.commission_sales = 0.02;
    s.clawback_share = 0.5;
    s.liability_share = 1.0;
    s.transfer_price = 0.95;
    struct scheme_period p = {.days_employed = 30, .written_off = 100000,
                              .written_off_sold = 100000, .returned = 387003,
                              .returned_sold = 387003, .returned_worth = 0.56};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.liability, 256767);
    assert_int_equal(pay.clawback, 2703);
    assert_int_equal(pay.net, -256767 - 2703);
    p.returned_sold = 0;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.liability, 256767);
    assert_int_equal(pay.clawback, 1000); /* 0.01 x 1,000.00 written off */
    p.returned_worth = 1.0;
    p.returned_sold = 387003;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.liability, 95000);
    assert_int_equal(pay.clawback, 1000);
}

static void buy_sell_spread_and_full_liability(void **state)
{
    (void)state;
    /* Rep buys at 97 %: collects 100,000 and loses 10,000 to bad debt. */
    struct scheme_params s = none();
    s.commission_collected = 0.03;
    s.liability_share = 1.0;
    s.transfer_price = 0.97;
    struct scheme_period p = {.days_employed = 30, .sales = 11000000,
                              .collected = 10000000, .written_off = 1000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.commission_collected, 300000);
    assert_int_equal(pay.liability, 970000);
    assert_int_equal(pay.net, 300000 - 970000); /* collected - 0.97 x invoiced */
    assert_net_is_sum(&pay);
}

static void partial_liability(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.liability_share = 0.2;
    struct scheme_period p = {.days_employed = 30, .written_off = 333333};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.liability, 66667); /* 0.2 x 3,333.33 = 666.666 */
}

static void dso_bonus_only_at_or_below_target(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.bonus_dso_target_days = 45;
    s.bonus_dso_amount = 50000;
    /* 30 days of 1,000,000.00 receivables on 900,000.00 of sales: DSO 33.3. */
    struct scheme_period p = {.days_employed = 30, .sales = 90000000,
                              .ar_cent_days = 30LL * 100000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 50000);
    p.sales = 60000000; /* DSO 50 */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    p.sales = 0; /* no sales, no DSO, no bonus */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
}

/* The collection rate: collected / (collected + written off + past due at
 * the period's end). 90,000.00 collected with 10,000.00 past due is 0.9,
 * which a target of 0.9 pays and 0.91 does not; a write-off counts as
 * uncollected; receivables not yet due (what ar_cent_days adds up) do
 * not count; a book with nothing to collect has no rate and earns no
 * bonus. */
static void collection_bonus_at_or_above_target(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.bonus_collection_target = 0.9;
    s.bonus_collection_amount = 80000; /* 800.00 */
    struct scheme_period p = {.days_employed = 30, .sales = 50000000, .collected = 9000000,
                              .overdue_end = 1000000, .ar_cent_days = 30LL * 400000000};
    assert_true(scheme_collection_rate(&p, NULL) == 0.9);
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 80000);
    assert_net_is_sum(&pay);
    s.bonus_collection_target = 0.91;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    s.bonus_collection_target = 0.9;
    p.written_off = 1000000; /* 90,000 / 110,000 = 0.818... */
    assert_true(fabs(scheme_collection_rate(&p, NULL) - 9.0 / 11.0) < 1e-15);
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    s.bonus_collection_target = 0.8;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 80000);
    /* Nothing collected, nothing lost, nothing past due: no rate. */
    p = (struct scheme_period){.days_employed = 30, .sales = 50000000};
    assert_true(isnan(scheme_collection_rate(&p, NULL)));
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    /* All past due and nothing collected: 0, which no target above 0 pays. */
    p.overdue_end = 1;
    assert_true(scheme_collection_rate(&p, NULL) == 0.0);
    s.bonus_collection_target = 1e-9;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    /* Target 0: no bonus, whatever the book collected. */
    s.bonus_collection_target = 0;
    p.collected = 100;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
}

/* Both bonuses at once are one component, their sum; in a 5-day stub
 * each is pro rata, and the monthly rate counts each at its monthly
 * amount. A stub's collections count at a month's pace against the
 * balance past due at its end: 1,250.00 collected in 5 days with 2,500.00
 * past due is 7,500.00 a month against 2,500.00, a rate of 0.75 (not
 * 1,250 / 3,750). */
static void dso_and_collection_bonuses_add_up(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.bonus_dso_target_days = 45;
    s.bonus_dso_amount = 100000;       /* 1,000.00 */
    s.bonus_collection_target = 0.75;
    s.bonus_collection_amount = 50000; /* 500.00 */
    /* DSO 30 (10,000.00 of receivables on 10,000.00 of sales over 30
     * days); 7,500.00 collected, 2,500.00 past due: rate 0.75. */
    struct scheme_period p = {.days_employed = 30, .sales = 1000000, .collected = 750000,
                              .overdue_end = 250000, .ar_cent_days = 30LL * 1000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 150000);
    assert_true(pay.monthly_rate == 150000.0);
    p.overdue_end = 250001; /* just short of 0.75: the DSO bonus alone */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 100000);
    p.overdue_end = 250000;
    p.days_employed = 5;
    p.collected = 125000;
    p.ar_cent_days = 5LL * 1000000;
    double owed;
    assert_true(scheme_collection_rate(&p, &owed) == 0.75);
    assert_true(owed == 1000000.0);
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 16667 + 8333); /* 1,000 and 500 x 5/30: 166.67, 83.33 */
    assert_net_is_sum(&pay);
    assert_true(pay.monthly_rate == 150000.0);
    p.ar_cent_days = 5LL * 100000000; /* DSO 500: the collection bonus alone */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 8333);
    assert_true(pay.monthly_rate == 50000.0);
    /* Its write-offs at a month's pace too: 250.00 lost in 5 days is 1,500.00
     * a month, 7,500 / 11,500 = 0.652..., short of 0.75. */
    p.written_off = 25000;
    assert_true(fabs(scheme_collection_rate(&p, &owed) - 7500.0 / 11500.0) < 1e-15);
    assert_true(owed == 1150000.0);
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 0);
    /* No day employed: no rate. */
    p.days_employed = 0;
    assert_true(isnan(scheme_collection_rate(&p, NULL)));
}

/* The horizon's last period may be a stub: base, bonus and penalty cap
 * pro rata, so 5 days earn a sixth of a month, not a whole bonus. */
static void short_period_earns_pro_rata(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.base_salary = 300000;     /* 3,000.00 a month */
    s.bonus_dso_target_days = 45;
    s.bonus_dso_amount = 100000; /* 1,000.00 */
    s.penalty_daily_rate = 0.01;
    s.penalty_cap = 60000;      /* 600.00 a month */
    struct scheme_period p = {.days_employed = 5, .sales = 90000000,
                              .ar_cent_days = 5LL * 100000000,
                              .penalty_cent_days = 5LL * 10000000}; /* 5,000.00 of penalty uncapped */
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.base, 50000);    /* 3,000 x 5/30 */
    assert_int_equal(pay.bonus, 16667);   /* 1,000 x 5/30 = 166.666... */
    assert_int_equal(pay.penalty, 10000); /* capped at 600 x 5/30 */
    assert_net_is_sum(&pay);
    p.days_employed = 30;
    p.ar_cent_days = 30LL * 100000000;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.bonus, 100000);
    assert_int_equal(pay.penalty, 60000);
}

/* Pay as a rate per 30 days: a 5-day stub's fixed base is 4,000.00 a
 * month, not its rounded 666.67 times 6 (4,000.02); what is not pro
 * rata (commission) scales by 30/5; the bonus and a capped penalty at
 * their monthly amounts; a full period is its net. */
static void monthly_rate_of_a_short_period(void **state)
{
    (void)state;
    struct scheme_params s = none();
    s.base_salary = 400000;
    struct scheme_period p = {.days_employed = 5};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.net, 66667);
    assert_true(pay.monthly_rate == 400000.0);
    s.commission_sales = 0.03;
    s.bonus_dso_target_days = 45;
    s.bonus_dso_amount = 100000;
    s.penalty_daily_rate = 0.01;
    s.penalty_cap = 60000;
    p.sales = 1000001; /* 30,000.03 of commission: 300.00 */
    p.ar_cent_days = 5LL * 100000;
    p.penalty_cent_days = 5LL * 10000000;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.net, 66667 + 30000 + 16667 - 10000);
    assert_true(pay.monthly_rate == 400000.0 + 6 * 30000 + 100000 - 60000);
    /* Under the cap the penalty is not pro rata: it scales as earned. */
    p.penalty_cent_days = 5LL * 100000; /* 50.00 */
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.penalty, 5000);
    assert_true(pay.monthly_rate == 400000.0 + 6 * 30000 + 100000 - 6 * 5000);
    /* A base the firm set for the period is the period's: scaled. */
    p.base_given = 1;
    p.base = 70000;
    scheme_pay_period(&s, &p, &pay);
    assert_true(pay.monthly_rate == 6 * 70000.0 + 6 * 30000 + 100000 - 6 * 5000);
    p = (struct scheme_period){.days_employed = 30, .sales = 1000001};
    scheme_pay_period(&s, &p, &pay);
    assert_true(pay.monthly_rate == (double)pay.net);
}

static void all_components_together(void **state)
{
    (void)state;
    struct scheme_params s = {.base_salary = 400000, .commission_sales = 0.02,
                              .commission_collected = 0.01, .penalty_daily_rate = 0.0002,
                              .penalty_cap = 100000, .clawback_share = 1.0,
                              .liability_share = 0.2, .transfer_price = 1.0,
                              .bonus_dso_target_days = 60, .bonus_dso_amount = 20000};
    struct scheme_period p = {.days_employed = 30, .sales = 20000000, .collected = 18000000,
                              .written_off = 500000, .written_off_sold = 500000,
                              .penalty_cent_days = 2000000000LL,
                              .ar_cent_days = 30LL * 30000000};
    struct scheme_pay pay;
    scheme_pay_period(&s, &p, &pay);
    assert_int_equal(pay.base, 400000);
    assert_int_equal(pay.commission_sales, 400000);
    assert_int_equal(pay.commission_collected, 180000);
    assert_int_equal(pay.penalty, 100000); /* 400,000 cents uncapped */
    assert_int_equal(pay.clawback, 10000);
    assert_int_equal(pay.liability, 100000);
    assert_int_equal(pay.bonus, 20000);    /* DSO 45 */
    assert_int_equal(pay.net, 400000 + 400000 + 180000 + 20000 - 100000 - 100000 - 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base_salary_is_prorated_by_days),
        cmocka_unit_test(seed_example_commission_and_penalty),
        cmocka_unit_test(penalty_cap_and_grace),
        cmocka_unit_test(commission_on_collections),
        cmocka_unit_test(clawback_on_write_off),
        cmocka_unit_test(liability_and_clawback_on_goods_taken_back),
        cmocka_unit_test(buy_sell_spread_and_full_liability),
        cmocka_unit_test(partial_liability),
        cmocka_unit_test(dso_bonus_only_at_or_below_target),
        cmocka_unit_test(collection_bonus_at_or_above_target),
        cmocka_unit_test(dso_and_collection_bonuses_add_up),
        cmocka_unit_test(short_period_earns_pro_rata),
        cmocka_unit_test(monthly_rate_of_a_short_period),
        cmocka_unit_test(all_components_together),
    };
    return cmocka_run_group_tests_name("scheme", tests, NULL, NULL);
}
