/* test_customer.c — each customer rule on small hand-worked cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <math.h>

#include "huikuan/customer.h"

static gsl_rng *rng;

static int setup(void **state)
{
    (void)state;
    rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 42);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gsl_rng_free(rng);
    return 0;
}

static void cash_goes_first_to_the_higher_priority(void **state)
{
    (void)state;
    double others;
    /* Equal claims, equal priority: an even split. */
    double firm = customer_allocate_cash(100, 100, 100, 0, 0, &others);
    assert_true(fabs(firm - 50) < 1e-9 && fabs(others - 50) < 1e-9);
    /* Priority 1 against 0: e/(e+1) of the cash. */
    firm = customer_allocate_cash(100, 100, 100, 1.0, 0, &others);
    assert_true(fabs(firm - 100 * M_E / (M_E + 1)) < 1e-9);
    /* No side gets more than it is owed; the rest goes to the other. */
    firm = customer_allocate_cash(100, 10, 500, 5.0, 0, &others);
    assert_true(fabs(firm - 10) < 1e-9 && fabs(others - 90) < 1e-9);
    firm = customer_allocate_cash(100, 500, 30, -5.0, 0, &others);
    assert_true(fabs(others - 30) < 1e-9 && fabs(firm - 70) < 1e-9);
    /* Enough cash for everyone pays everyone. */
    firm = customer_allocate_cash(1000, 100, 200, -3, 0, &others);
    assert_true(fabs(firm - 100) < 1e-9 && fabs(others - 200) < 1e-9);
    /* No cash, nothing paid. */
    assert_true(customer_allocate_cash(0, 100, 100, 0, 0, &others) == 0 && others == 0);
}

/* A judgment against a customer short of cash is paid from its cash:
 * what it lacks it owes its next runs, which pay no one until it is made
 * good. It had been paid from nowhere, the cash shared out again at the
 * next run. */
static void a_judgment_is_paid_from_the_cash(void **state)
{
    (void)state;
    struct segment_params short_of_cash = {.cash_ratio = 0.9}, plans = {.cash_ratio = 0};
    struct customer c = {.cash = 300.0};
    customer_pay_judgment(&c, &short_of_cash, 1000.0);
    assert_true(c.cash == -700.0);
    double others;
    assert_true(customer_allocate_cash(c.cash + 500.0, 100, 100, 0, 0, &others) == 0 &&
                others == 0);
    assert_true(customer_allocate_cash(c.cash + 900.0, 100, 100, 0, 0, &others) == 100 &&
                others == 100);
    struct customer failed = {.cash = 300.0, .insolvent = 1}, planner = {.cash = 0};
    customer_pay_judgment(&failed, &short_of_cash, 1000.0);
    customer_pay_judgment(&planner, &plans, 1000.0);
    assert_true(failed.cash == 300.0 && planner.cash == 0);
}

static void priority_rewards_value_relationship_pressure_strictness(void **state)
{
    (void)state;
    struct customer_params p = {.priority_value = 1, .priority_relationship = 1,
                                .priority_pressure = 1, .priority_leniency = 1};
    double middling = customer_priority(&p, 0.5, 0.5, log(2.0), 0.5); /* felt pressure 0.5 */
    assert_true(fabs(middling) < 1e-12);  /* other suppliers sit at 0 */
    assert_true(customer_priority(&p, 0.9, 0.5, log(2.0), 0.5) > middling);
    assert_true(customer_priority(&p, 0.5, 0.9, log(2.0), 0.5) > middling);
    assert_true(customer_priority(&p, 0.5, 0.5, 3.0, 0.5) > middling);
    assert_true(customer_priority(&p, 0.5, 0.5, log(2.0), 0.9) < middling);
    /* The strictest, most valuable supplier is paid first. */
    double first = customer_priority(&p, 1, 1, 10, 0), last = customer_priority(&p, 0, 0, 0, 1);
    double others;
    assert_true(customer_allocate_cash(100, 100, 100, first, 0, &others) > 80);
    assert_true(customer_allocate_cash(100, 100, 100, last, 0, &others) < 20);
}

/* A relationship fades towards neutral with a 180-day time constant:
 * what was above or below 0.5 is e^-1 of it after 180 days. */
static void relationship_fades_to_neutral(void **state)
{
    (void)state;
    struct customer c = {.relationship = 0.5};
    assert_true(customer_relationship_now(&c, 1000) == 0.5); /* neutral stays */
    customer_set_relationship(&c, 10, 0.9);
    assert_true(customer_relationship_now(&c, 10) == 0.9);
    assert_true(fabs(customer_relationship_now(&c, 190) - (0.5 + 0.4 * exp(-1.0))) < 1e-12);
    assert_true(fabs(customer_relationship_now(&c, 370) - (0.5 + 0.4 * exp(-2.0))) < 1e-12);
    /* A visit on day 190 builds on what is left, not on 0.9. */
    customer_set_relationship(&c, 190, customer_relationship_now(&c, 190) + 0.05);
    assert_true(fabs(customer_relationship_now(&c, 190) - (0.55 + 0.4 * exp(-1.0))) < 1e-12);
    /* Harmed below neutral, it recovers towards it from below. */
    customer_set_relationship(&c, 200, 0.1);
    double later = customer_relationship_now(&c, 560);
    assert_true(fabs(later - (0.5 - 0.4 * exp(-2.0))) < 1e-12 && later < 0.5);
    /* Kept within 0..1. */
    customer_set_relationship(&c, 600, 1.3);
    assert_true(customer_relationship_now(&c, 600) == 1.0);
    customer_set_relationship(&c, 600, -0.2);
    assert_true(customer_relationship_now(&c, 600) == 0.0);
}

static void learning_moves_leniency_toward_what_it_sees(void **state)
{
    (void)state;
    struct segment_params seg = {.leniency_learning = 0.1, .leniency_delay_factor = 3};
    struct customer c = {.leniency = 0.5};
    customer_learn(&c, &seg, 0); /* left alone: 0.5 + 0.1 x 0.5 */
    assert_true(fabs(c.leniency - 0.55) < 1e-12);
    customer_learn(&c, &seg, 1); /* pressed: 0.55 - 0.1 x 0.55 */
    assert_true(fabs(c.leniency - 0.495) < 1e-12);
    for (int i = 0; i < 200; i++)
        customer_learn(&c, &seg, 0);
    assert_true(c.leniency > 0.99 && c.leniency <= 1.0);
    /* A fully lax firm is paid f times later, a strict one f times sooner. */
    assert_true(fabs(customer_leniency_multiplier(&seg, 1.0) - 3.0) < 1e-12);
    assert_true(fabs(customer_leniency_multiplier(&seg, 0.0) - 1.0 / 3.0) < 1e-12);
    assert_true(fabs(customer_leniency_multiplier(&seg, 0.5) - 1.0) < 1e-12);
    struct segment_params naive = {.leniency_learning = 0, .leniency_delay_factor = 3};
    assert_true(customer_leniency_multiplier(&naive, 1.0) == 1.0);
}

static void pressure_decays_over_two_weeks(void **state)
{
    (void)state;
    struct customer c = {0};
    customer_add_pressure(&c, 10, 2.0);
    assert_true(fabs(customer_pressure_now(&c, 10) - 2.0) < 1e-12);
    assert_true(fabs(customer_pressure_now(&c, 24) - 2.0 * exp(-1.0)) < 1e-12);
    customer_add_pressure(&c, 24, 1.0);
    assert_true(fabs(customer_pressure_now(&c, 24) - (2.0 * exp(-1.0) + 1.0)) < 1e-12);
}

static void reporting_blackout_moves_payment_after_the_date(void **state)
{
    (void)state;
    struct firm_params f = {.report_period_days = 365, .report_day = 0};
    struct segment_params seg = {.report_blackout_days = 90};
    assert_int_equal(customer_next_report(&f, 100), 365);
    assert_int_equal(customer_next_report(&f, 365), 365);
    assert_int_equal(customer_next_report(&f, 366), 730);
    /* Day 300 is in the 90 days before day 365: pays on 365 + 3. */
    assert_int_equal(customer_reporting_gate(&f, &seg, 300, 3), 368);
    assert_int_equal(customer_reporting_gate(&f, &seg, 275, 3), 368);
    assert_int_equal(customer_reporting_gate(&f, &seg, 274, 3), 274); /* before the blackout */
    assert_int_equal(customer_reporting_gate(&f, &seg, 365, 3), 365); /* the date itself */
    f.report_day = 100;
    assert_int_equal(customer_next_report(&f, 50), 100);
    assert_int_equal(customer_reporting_gate(&f, &seg, 50, 1), 101);
    struct segment_params open = {.report_blackout_days = 0};
    assert_int_equal(customer_reporting_gate(&f, &open, 50, 1), 50);
}

/* Hand-counted: report dates every 365 days from day 0, a blackout of
 * 120 days before each (days 245 to 364, 610 to 729, ...). */
static void blackout_days_count_the_union_of_segments_with_customers(void **state)
{
    (void)state;
    struct firm_params f = {.report_period_days = 365, .report_day = 0};
    struct segment_params segs[3] = {
        {.share = 0.85},
        {.share = 0.15, .report_blackout_days = 120},
        {.share = 0.0, .report_blackout_days = 300}, /* no customers: holds nothing back */
    };
    assert_int_equal(customer_blackout_days(&f, segs, 3, 240, 269), 25);
    assert_int_equal(customer_blackout_days(&f, segs, 3, 270, 299), 30);
    assert_int_equal(customer_blackout_days(&f, segs, 3, 360, 364), 5);
    assert_int_equal(customer_blackout_days(&f, segs, 3, 365, 394), 0); /* the date and after */
    assert_int_equal(customer_blackout_days(&f, segs, 3, 0, 729), 240);
    /* A second segment's shorter blackout adds nothing; a longer one does,
     * and a day in both counts once. */
    segs[0].report_blackout_days = 30;
    assert_int_equal(customer_blackout_days(&f, segs, 3, 240, 364), 120);
    segs[0].report_blackout_days = 130;
    assert_int_equal(customer_blackout_days(&f, segs, 3, 230, 364), 130);
    segs[0].report_blackout_days = 0;
    segs[1].report_blackout_days = 0;
    assert_int_equal(customer_blackout_days(&f, segs, 3, 0, 729), 0);
    /* A part of a day is a whole day held back, as the gate rounds up. */
    segs[1].report_blackout_days = 0.5;
    assert_int_equal(customer_blackout_days(&f, segs, 3, 0, 729), 2);
}

static void stock_sells_through_and_gates_payment(void **state)
{
    (void)state;
    struct segment_params seg = {.stock_months = 1.5};
    struct customer c = {.demand = 3000.0, .stock = 9000.0, .stock_day = 0};
    assert_true(customer_holds_stock(&c, &seg));
    assert_true(fabs(customer_stock_limit(&c, &seg) - 4500.0) < 1e-9);
    /* Sells 100 a day: at day 10, 8000 on hand; 3500 above the limit = 35 days. */
    assert_int_equal(customer_days_to_sell_through(&c, &seg, 10), 35);
    assert_true(fabs(c.stock - 8000.0) < 1e-9);
    assert_int_equal(customer_days_to_sell_through(&c, &seg, 45), 0);
    assert_true(customer_stock_now(&c, 200) == 0); /* never below zero */
    struct segment_params none = {.stock_months = 0};
    struct customer plain = {.demand = 3000.0};
    assert_false(customer_holds_stock(&plain, &none));
    plain.consignment = 1;
    assert_true(customer_holds_stock(&plain, &none));
    /* 9000 cents at 100 a day: 90 days. A tiny demand beside its stock
     * waits 2^24 days, not a count past 2^31 that wraps negative. */
    assert_int_equal(customer_days_to_sell(&plain, 9000.0), 90);
    struct customer slow = {.demand = 1e-8};
    assert_int_equal(customer_days_to_sell(&slow, 1e12), CUSTOMER_WAIT_DAYS_MAX);
    assert_int_equal(customer_days_to_sell(&slow, 1e-6), 3000); /* 1e-6 at 1e-8 a month */
}

static void insolvency_hazard_rises_linearly(void **state)
{
    (void)state;
    struct segment_params seg = {.insolvency_hazard = 0.05};
    /* H(t) = 0.05 t^2 / 1800 = E ~ Exp(1): P(T > t) = exp(-H(t)). */
    int n = 20000, survived_190 = 0;
    for (int i = 0; i < n; i++)
        survived_190 += customer_draw_insolvency_delay(&seg, rng) > 190.0;
    double expected = exp(-0.05 * 190.0 * 190.0 / 1800.0);
    assert_true(fabs((double)survived_190 / n - expected) < 0.015);
    struct segment_params healthy = {.insolvency_hazard = 0};
    assert_true(isinf(customer_draw_insolvency_delay(&healthy, rng)));
    /* What a rep reads of it: the chance of failing between 100 and 150
     * days of distress, among those that last 100, is what the draws
     * give (and the closed form: 1 - exp(-0.05 (150^2 - 100^2) / 1800)). */
    int lasted = 0, failed = 0;
    for (int i = 0; i < 4 * n; i++) {
        double t = customer_draw_insolvency_delay(&seg, rng);
        lasted += t > 100.0;
        failed += t > 100.0 && t <= 150.0;
    }
    double chance = customer_insolvency_chance(&seg, 100.0, 150.0);
    assert_true(fabs(chance - -expm1(-0.05 * (150.0 * 150.0 - 100.0 * 100.0) / 1800.0)) < 1e-12);
    double seen = (double)failed / lasted, se = sqrt(chance * (1 - chance) / lasted);
    if (!(fabs(seen - chance) < 4 * se))
        fail_msg("failing between 100 and 150 days: %g of draws against %g", seen, chance);
    assert_true(customer_insolvency_chance(&seg, 80.0, 80.0) == 0.0);
    assert_true(customer_insolvency_chance(&healthy, 0.0, 1000.0) == 0.0);
}

/* Seed 004: customers pay promptly to take a cash discount, when it is
 * worth more than their cash meanwhile. 2 % for paying 20 days sooner
 * (2/10 net 30) is worth 0.02 / 0.98 x 365 / 20 = 37.2 % a year: taken at
 * a cost of money of 36 %, not at 38 %. At 12 % a year 2 % pays for up to
 * 0.02 / (0.98 x 0.12) x 365 = 62.07 days: 62 days sooner yes, 63 no.
 * Cash that costs nothing takes any discount; no discount, nobody. */
static void a_cash_discount_is_taken_when_worth_the_cash(void **state)
{
    (void)state;
    assert_true(customer_takes_discount(0.02, 0.36, 20));
    assert_false(customer_takes_discount(0.02, 0.38, 20));
    assert_true(customer_takes_discount(0.02, 0.12, 62));
    assert_false(customer_takes_discount(0.02, 0.12, 63));
    assert_true(customer_takes_discount(0.001, 0.0, 3000));
    assert_false(customer_takes_discount(0.0, 0.0, 1));
    assert_true(customer_takes_discount(0.5, 10.0, 36));  /* 0.5 x 10 x 36 / 365 = 0.4932 */
    assert_false(customer_takes_discount(0.5, 10.0, 37)); /* ... 37 days: 0.5068 */
}

/* An exchange offer of 2 % off a reseller's orders for 180 days, on
 * which it buys 300.00 a 30 days, is worth 3,600 cents to it. At 12 % a
 * year that is what 10,950,000 cent-days of cash earn: 1,000.00 paid
 * 109 days sooner is less (taken), 110 days more (refused). With cash
 * costing nothing any discount is worth taking; no discount never is. */
static void an_exchange_is_taken_when_worth_the_cash(void **state)
{
    (void)state;
    assert_true(customer_takes_exchange(0.02, 0.12, 100000.0 * 109, 30000.0, 180));
    assert_false(customer_takes_exchange(0.02, 0.12, 100000.0 * 110, 30000.0, 180));
    assert_true(customer_takes_exchange(0.02, 0.12, 100000.0 * 54, 30000.0, 90));
    assert_false(customer_takes_exchange(0.02, 0.12, 100000.0 * 55, 30000.0, 90));
    assert_true(customer_takes_exchange(0.0001, 0.0, 1e12, 30000.0, 1));
    assert_false(customer_takes_exchange(0.0, 0.0, 1.0, 30000.0, 730));
    assert_false(customer_takes_exchange(0.5, 0.12, 1.0, 0.0, 730)); /* buys nothing */
}

/* Seed 001: the more owed, the harder to collect. A customer of a kind
 * that defaults on 2 % of invoices, owing a month and a half of its
 * purchases, at exposure_risk 1: 2 % x (1 + 1.5) = 5 %; owing nothing,
 * or with exposure_risk 0, its kind's 2 %; never past 1; and the draw at
 * that chance takes one uniform number whatever the chance. */
static void what_is_owed_raises_the_chance_of_default(void **state)
{
    (void)state;
    struct segment_params seg = {.default_prob = 0.02};
    assert_true(fabs(customer_default_chance(&seg, 1.0, 1.5) - 0.05) < 1e-15);
    assert_true(fabs(customer_default_chance(&seg, 0.5, 1.5) - 0.035) < 1e-15);
    assert_true(customer_default_chance(&seg, 1.0, 0.0) == 0.02);
    assert_true(customer_default_chance(&seg, 0.0, 12.0) == 0.02);
    assert_true(customer_default_chance(&seg, 1.0, NAN) == 0.02);
    assert_true(customer_default_chance(&seg, 100.0, 1000.0) == 1.0);
    struct segment_params never = {.default_prob = 0};
    assert_true(customer_default_chance(&never, 100.0, 1000.0) == 0.0);
    assert_true(customer_default_chance(&never, 100.0, 1e307) == 0.0); /* not 0 x inf */
    int n = 40000, defaulted = 0;
    gsl_rng *twin = gsl_rng_clone(rng);
    for (int i = 0; i < n; i++)
        defaulted += customer_draw_default(0.05, rng);
    double se = sqrt(0.05 * 0.95 / n);
    if (!(fabs((double)defaulted / n - 0.05) < 4 * se))
        fail_msg("defaulted %d of %d at 0.05", defaulted, n);
    for (int i = 0; i < n; i++)
        assert_false(customer_draw_default(0.0, twin));
    assert_true(gsl_rng_get(rng) == gsl_rng_get(twin)); /* as many draws either way */
    gsl_rng_free(twin);
}

static void contacts_shorten_delay_or_cure(void **state)
{
    (void)state;
    struct segment_params seg = {.pressure_response = 0.5, .cure_prob = 1.0};
    /* 40 days left, half removed at full strength: pays in 20. */
    struct contact_outcome out = customer_respond_to_contact(&seg, 0, 140, 100, 1.0, rng);
    assert_int_equal(out.pay_day, 120);
    out = customer_respond_to_contact(&seg, 0, 140, 100, 0.5, rng); /* a quarter removed */
    assert_int_equal(out.pay_day, 130);
    struct segment_params deaf = {.pressure_response = 0, .cure_prob = 0};
    out = customer_respond_to_contact(&deaf, 0, 140, 100, 1.0, rng);
    assert_int_equal(out.pay_day, 140);
    out = customer_respond_to_contact(&seg, 1, -1, 100, 1.0, rng); /* cure_prob 1 */
    assert_true(out.cured && out.pay_day > 100 && out.pay_day <= 108);
    out = customer_respond_to_contact(&deaf, 1, -1, 100, 1.0, rng);
    assert_false(out.cured);
}

/* A reminder to a prompt payer: 10 days left, 0.5 x 0.18 of them removed,
 * 9.1 days. Rounded up it was 10, as if no reminder had come; now it is
 * 9 or 10, 9.1 on average. */
static void a_contact_takes_off_part_of_a_day_on_average(void **state)
{
    (void)state;
    struct segment_params seg = {.pressure_response = 0.5};
    int n = 100000, early = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        struct contact_outcome out = customer_respond_to_contact(&seg, 0, 110, 100, 0.18, rng);
        assert_true(out.pay_day == 109 || out.pay_day == 110);
        early += out.pay_day == 109;
        sum += out.pay_day - 100;
    }
    /* 9 with probability 0.9: sd of the share sqrt(0.09 / n) < 0.001 */
    assert_true(fabs((double)early / n - 0.9) < 0.005);
    assert_true(fabs(sum / n - 9.1) < 0.005);
    /* Never today: a day left, nearly all of it removed, is still a day. */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(customer_respond_to_contact(&seg, 0, 101, 100, 1.0, rng).pay_day, 101);
}

static void delays_follow_the_segment(void **state)
{
    (void)state;
    struct segment_params fixed = {.delay_mean_days = 30, .delay_sd_days = 0,
                                   .distress_delay_factor = 2, .leniency_delay_factor = 1};
    struct customer c = {.distress_day = -1, .leniency = 0.5};
    assert_true(customer_draw_delay(&c, &fixed, rng) == 30);
    c.distress_day = 5; /* slower payments are a warning sign */
    assert_true(customer_draw_delay(&c, &fixed, rng) == 60);
    struct segment_params spread = {.delay_mean_days = 20, .delay_sd_days = 10,
                                    .distress_delay_factor = 1, .leniency_delay_factor = 1};
    c.distress_day = -1;
    double sum = 0, sq = 0;
    int n = 40000;
    for (int i = 0; i < n; i++) {
        double d = customer_draw_delay(&c, &spread, rng);
        sum += d;
        sq += d * d;
    }
    double mean = sum / n, sd = sqrt(sq / n - mean * mean);
    assert_true(fabs(mean - 20) < 0.3 && fabs(sd - 10) < 0.4);
}

static void rerating_follows_payment_history(void **state)
{
    (void)state;
    struct scenario sc;
    scenario_init_defaults(&sc); /* 30-day terms, limit 6 months, re-rated every 182 days */
    struct customer c = {.demand = 100000.0, .term_days = 30, .credit_limit = 300000};
    c.rated_paid = 1000;
    c.rated_late_days = 1000 * 3.0; /* 3 days late on average: prompt */
    c.rated_bought = 6.0 * 100000.0;
    customer_rerate(&c, &sc, 0);
    assert_int_equal(c.credit_limit, 600000); /* six months of what it buys */
    assert_int_equal(c.term_days, 30);
    c.rated_paid = 1000;
    c.rated_late_days = 1000 * 25.0; /* slower than a third of the term */
    customer_rerate(&c, &sc, 0);
    assert_int_equal(c.credit_limit, 450000);
    assert_int_equal(c.term_days, 20);
    c.rated_lost = 1;
    customer_rerate(&c, &sc, 0);
    assert_int_equal(c.credit_limit, 150000);
    assert_true(c.rated_paid == 0 && c.rated_lost == 0); /* history restarts */
    /* Nothing paid in the period: kept as it was if nothing it owes is
     * late (it bought nothing, or only just), rated slow if its oldest
     * invoice is as late as a slow payer's (it had kept its full limit). */
    struct customer idle = {.demand = 100000.0, .term_days = 30, .credit_limit = 600000};
    idle.rated_bought = 6.0 * 100000.0;
    customer_rerate(&idle, &sc, 5);
    assert_int_equal(idle.credit_limit, 600000);
    assert_int_equal(idle.term_days, 30);
    idle.rated_bought = 6.0 * 100000.0;
    customer_rerate(&idle, &sc, 40);
    assert_int_equal(idle.credit_limit, 450000);
    assert_int_equal(idle.term_days, 20);
}

/* A delay stretched past what a day count holds (distress and learned
 * leniency each multiply it by up to 100) stops at CUSTOMER_WAIT_DAYS_MAX
 * after the due date; it had wrapped, 8.57e9 days to -20,231,447. A
 * credit limit past what 64-bit cents hold is the most there is, not
 * llround's undefined result (on x86, the most negative: no limit). */
static void waits_and_limits_stay_in_range(void **state)
{
    (void)state;
    assert_int_equal(customer_pay_day(100, 3.4), 103);
    assert_int_equal(customer_pay_day(100, 3.5), 104);
    assert_int_equal(customer_pay_day(100, 0), 100);
    assert_int_equal(customer_pay_day(100, 8569703145.0), 100 + CUSTOMER_WAIT_DAYS_MAX);
    assert_int_equal(customer_pay_day(100, 1e300), 100 + CUSTOMER_WAIT_DAYS_MAX);
    /* Just inside the cap a half rounds up to it; a little less does not. */
    assert_int_equal(customer_pay_day(100, CUSTOMER_WAIT_DAYS_MAX - 0.5),
                     100 + CUSTOMER_WAIT_DAYS_MAX);
    assert_int_equal(customer_pay_day(100, CUSTOMER_WAIT_DAYS_MAX - 0.75),
                     100 + CUSTOMER_WAIT_DAYS_MAX - 1);
    struct scenario sc;
    scenario_init_defaults(&sc);
    struct customer c = {0};
    c.demand = 9.59e18 / sc.firm.credit_limit_months; /* cents a month */
    assert_true(customer_full_limit(&c, &sc) == INT64_MAX);
    c.demand = 1000000;
    assert_true(customer_full_limit(&c, &sc) == (cents_t)llround(1000000 * sc.firm.credit_limit_months));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cash_goes_first_to_the_higher_priority),
        cmocka_unit_test(a_judgment_is_paid_from_the_cash),
        cmocka_unit_test(priority_rewards_value_relationship_pressure_strictness),
        cmocka_unit_test(relationship_fades_to_neutral),
        cmocka_unit_test(learning_moves_leniency_toward_what_it_sees),
        cmocka_unit_test(pressure_decays_over_two_weeks),
        cmocka_unit_test(reporting_blackout_moves_payment_after_the_date),
        cmocka_unit_test(blackout_days_count_the_union_of_segments_with_customers),
        cmocka_unit_test(stock_sells_through_and_gates_payment),
        cmocka_unit_test(insolvency_hazard_rises_linearly),
        cmocka_unit_test(what_is_owed_raises_the_chance_of_default),
        cmocka_unit_test(a_cash_discount_is_taken_when_worth_the_cash),
        cmocka_unit_test(an_exchange_is_taken_when_worth_the_cash),
        cmocka_unit_test(contacts_shorten_delay_or_cure),
        cmocka_unit_test(a_contact_takes_off_part_of_a_day_on_average),
        cmocka_unit_test(delays_follow_the_segment),
        cmocka_unit_test(rerating_follows_payment_history),
        cmocka_unit_test(waits_and_limits_stay_in_range),
    };
    return cmocka_run_group_tests_name("customer", tests, setup, teardown);
}
