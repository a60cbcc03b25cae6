/* test_rep.c — the rep's reading of a scheme, its effort choice, quitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <math.h>

#include "huikuan/rep.h"

static struct rep_params params(void)
{
    struct scenario sc;
    scenario_init_defaults(&sc);
    sc.reps.risk_aversion = 0;
    sc.reps.effort_noise = 0;
    return sc.reps;
}

static void unit_value_by_scheme(void **state)
{
    (void)state;
    struct rep_params p = params();
    struct rep face = {.penalty_share = 1}; /* reads the penalty at face value */
    struct scheme_params sales = {.commission_sales = 0.03, .transfer_price = 1};
    /* Paid on shipment: lateness and losses do not matter to the rep. */
    assert_true(fabs(rep_unit_value(&face, &sales, &p, 0.2, 60, 5000) - 0.03) < 1e-12);
    struct scheme_params penalty = sales;
    penalty.penalty_daily_rate = 0.0001;
    penalty.penalty_grace_days = 10; /* 30 days late, 20 penalised: 0.002 */
    assert_true(fabs(rep_unit_value(&face, &penalty, &p, 0, 30, 5000) - 0.028) < 1e-12);
    struct scheme_params buysell = {.commission_collected = 0.05, .liability_share = 1,
                                    .transfer_price = 0.95};
    /* 0.05 x 0.9 collected - 0.95 x 0.1 lost = -0.05: a customer to screen out. */
    assert_true(fabs(rep_unit_value(&face, &buysell, &p, 0.1, 0, 5000) - (-0.05)) < 1e-12);
    p.risk_aversion = 0.0001; /* 0.5 x 1e-4 x 1^2 x 5000 x 0.1 x 0.9 = 0.0225 */
    assert_true(fabs(rep_unit_value(&face, &buysell, &p, 0.1, 0, 5000) - (-0.0725)) < 1e-12);
}

/* A capped penalty: the rep bears, of each day's penalty, the share the
 * cap leaves, and weighs only that share. */
static void penalty_cap_share(void **state)
{
    (void)state;
    struct rep_params p = params();
    struct scheme_params penalty = {.commission_sales = 0.03, .transfer_price = 1,
                                    .penalty_daily_rate = 0.0001, .penalty_grace_days = 10};
    /* No cap: exactly 1, whatever the book. */
    assert_true(rep_penalty_share(&penalty, 1e6, 1e6, 90) == 1.0);
    penalty.penalty_cap = 30000; /* 300.00 a month */
    /* 50,000 past grace: 0.0001 x 30 x 50,000 = 150 a month, under the cap. */
    assert_true(rep_penalty_share(&penalty, 50000, 0, 0) == 1.0);
    /* 400,000 past grace: 1,200 a month uncapped, a quarter of it borne. */
    assert_true(fabs(rep_penalty_share(&penalty, 400000, 0, 0) - 0.25) < 1e-12);
    /* Nothing past grace yet, but 300,000 of sales a month paid 30 days
     * late (20 past grace) keep 200,000 past grace: 600 uncapped, half borne. */
    assert_true(fabs(rep_penalty_share(&penalty, 0, 300000, 30) - 0.5) < 1e-12);
    assert_true(fabs(rep_penalty_share(&penalty, 400000, 300000, 30) - 0.25) < 1e-12);
    penalty.penalty_daily_rate = 0; /* a cap without a rate */
    assert_true(rep_penalty_share(&penalty, 400000, 0, 0) == 1.0);

    penalty.penalty_daily_rate = 0.0001;
    struct rep r = {.penalty_share = 0.25}; /* 20 penalised days: 0.002, a quarter borne */
    assert_true(fabs(rep_unit_value(&r, &penalty, &p, 0, 30, 5000) - 0.0295) < 1e-12);
    /* Collecting saves penalty days: worth a quarter as much to this rep. */
    struct rep_outlook o = {.contact_penalty_days = 180000, .late_days = 20, .mean_invoice = 5000};
    struct rep full = {.skill = 1, .firmness = 1, .penalty_share = 1};
    struct rep quarter = full;
    quarter.penalty_share = 0.25;
    double v_full[EFFORT_KINDS], v_quarter[EFFORT_KINDS];
    rep_effort_values(&full, &penalty, &p, &o, 1.0, v_full);
    rep_effort_values(&quarter, &penalty, &p, &o, 1.0, v_quarter);
    assert_true(v_full[EFFORT_COLLECT] > 0);
    assert_true(fabs(v_quarter[EFFORT_COLLECT] - 0.25 * v_full[EFFORT_COLLECT]) < 1e-9);
}

static void screening_catches_only_bad_orders(void **state)
{
    (void)state;
    struct rep_params p = params();
    struct rep r = {.effort = {1, 0.4, 1}};
    assert_true(rep_decline_prob(&r, &p, 0.01) == 0);
    assert_true(fabs(rep_decline_prob(&r, &p, -0.01) - 0.4) < 1e-12);
    r.effort[EFFORT_SCREEN] = 3;
    assert_true(rep_decline_prob(&r, &p, -0.01) == 1.0);
}

static void best_response_is_value_over_cost(void **state)
{
    (void)state;
    struct rep_params p = params(); /* effort cost 1000 per unit^2 per week */
    double value[EFFORT_KINDS] = {1500, -20, 500}, level[EFFORT_KINDS];
    rep_best_response(&p, 1.0, value, level);
    assert_true(fabs(level[EFFORT_SELL] - 1.5) < 1e-12);
    assert_true(level[EFFORT_SCREEN] == 0);
    assert_true(fabs(level[EFFORT_COLLECT] - 0.5) < 1e-12);
    /* Cost 1000/2 x (1.5^2 + 0.5^2) = 1250 a week. */
    assert_true(fabs(rep_effort_cost(&p, 1.0, level) - 1250) < 1e-9);
    /* A book twice the nominal: twice the value at twice the cost, the
     * same levels, and the week costs twice as much. */
    double doubled[EFFORT_KINDS] = {3000, -40, 1000}, same[EFFORT_KINDS];
    rep_best_response(&p, 2.0, doubled, same);
    for (int k = 0; k < EFFORT_KINDS; k++)
        assert_true(fabs(same[k] - level[k]) < 1e-12);
    assert_true(fabs(rep_effort_cost(&p, 2.0, same) - 2500) < 1e-9);
    value[EFFORT_SELL] = 1e9;
    rep_best_response(&p, 1.0, value, level);
    assert_true(level[EFFORT_SELL] == REP_EFFORT_MAX);
}

/* Screening catches only orders that selling brings in: the week is worth
 * s (sell + screen k) - c (s^2 + k^2) / 2 at cost c = 1000, worked by
 * hand below for each kind of optimum. */
static void selling_and_screening_are_chosen_together(void **state)
{
    (void)state;
    struct rep_params p = params(); /* screen_power 1: k = 1 catches every bad order */
    double level[EFFORT_KINDS];
    /* Where the conditions meet: k = 1000 x 500 / (1000^2 - 500^2) = 2/3,
     * s = (1000 + 500 x 2/3) / 1000 = 4/3, worth 666.7 against 500 at
     * k = 0 and 625 at k = 1. */
    double inside[EFFORT_KINDS] = {1000, 500, 0};
    rep_best_response(&p, 1.0, inside, level);
    assert_true(fabs(level[EFFORT_SELL] - 4.0 / 3.0) < 1e-12);
    assert_true(fabs(level[EFFORT_SCREEN] - 2.0 / 3.0) < 1e-12);
    /* Twice the power: k = 1/2 already catches every bad order, so the
     * meeting point (2/3) is out of reach; at 1/2, s = 1.25, worth 656.25. */
    p.screen_power = 2;
    rep_best_response(&p, 1.0, inside, level);
    assert_true(fabs(level[EFFORT_SELL] - 1.25) < 1e-12);
    assert_true(fabs(level[EFFORT_SCREEN] - 0.5) < 1e-12);
    p.screen_power = 1;
    /* Selling loses money unscreened and screening it all costs more than
     * the good orders bring (k = 1: s = 0.1, worth 10 - 505): no selling,
     * and so no screening, where screening alone had been worth 0.3. */
    double losing[EFFORT_KINDS] = {-200, 300, 0};
    rep_best_response(&p, 1.0, losing, level);
    assert_true(level[EFFORT_SELL] == 0 && level[EFFORT_SCREEN] == 0);
    /* Screening worth more than its cost (screen >= c): all or nothing.
     * Screening all, s = 1.3, worth 345 against 5 without. */
    double worth_all[EFFORT_KINDS] = {100, 1200, 0};
    rep_best_response(&p, 1.0, worth_all, level);
    assert_true(fabs(level[EFFORT_SELL] - 1.3) < 1e-12);
    assert_true(level[EFFORT_SCREEN] == 1.0);
    double not_worth[EFFORT_KINDS] = {-400, 1200, 0}; /* k = 1: worth 640 - 820 */
    rep_best_response(&p, 1.0, not_worth, level);
    assert_true(level[EFFORT_SELL] == 0 && level[EFFORT_SCREEN] == 0);
    /* Selling at its most, 5: screening is then worth 5 x 500 k - 500 k^2,
     * best at k = 2.5 (worth 40,625 against 37,500 without), which only
     * screening up to 5 (power 0.2) allows. */
    p.screen_power = 0.2;
    double capped[EFFORT_KINDS] = {10000, 500, 0};
    rep_best_response(&p, 1.0, capped, level);
    assert_true(level[EFFORT_SELL] == REP_EFFORT_MAX);
    assert_true(fabs(level[EFFORT_SCREEN] - 2.5) < 1e-12);
    p.screen_power = 1;
    /* No screening power: screening is worth nothing. */
    p.screen_power = 0;
    rep_best_response(&p, 1.0, inside, level);
    assert_true(level[EFFORT_SELL] == 1.0 && level[EFFORT_SCREEN] == 0);
}

static void incentives_point_effort_where_the_scheme_pays(void **state)
{
    (void)state;
    struct rep_params p = params();
    struct rep r = {.skill = 1, .firmness = 0.8, .effort = {1, 1, 1}, .penalty_share = 1};
    struct rep_outlook o = {.sales_potential = 40000, .sell_value = 1200, .screen_value = 0,
                            .mean_invoice = 5000, .bad_share = 0.01, .late_days = 20,
                            .contact_days = 180000, .contact_penalty_days = 180000,
                            .at_risk_balance = 20000, .cure_prob = 0.25};
    struct scheme_params sales = {.commission_sales = 0.03, .transfer_price = 1};
    struct scheme_params buysell = {.commission_collected = 0.05, .liability_share = 1,
                                    .transfer_price = 0.95, .penalty_daily_rate = 0.0003};
    double v_sales[EFFORT_KINDS], v_bs[EFFORT_KINDS];
    rep_effort_values(&r, &sales, &p, &o, 1.0, v_sales);
    rep_effort_values(&r, &buysell, &p, &o, 1.0, v_bs);
    assert_true(v_sales[EFFORT_COLLECT] == 0); /* nothing to gain from collecting */
    assert_true(v_bs[EFFORT_COLLECT] > 100);
    assert_true(fabs(v_sales[EFFORT_SELL] - 1200) < 1e-9);
    /* Pushing stock pays only as well as shipping under pay on shipment. */
    assert_true(fabs(rep_push_share(&r, &sales, &o) - 1.0) < 1e-12);
    assert_true(rep_push_share(&r, &buysell, &o) < 0.5);
}

/* The chance a collection bonus at `target` is paid, the period's rate
 * normal about collected / (collected + past due) with spread sd. */
static double collection_bonus_chance(double target, double collected, double past_due, double sd)
{
    return gsl_cdf_ugaussian_Q((target - collected / (collected + past_due)) / sd);
}

/* The collection bonus, worked by hand: 5,000.00 a month when the
 * period's collection rate is at least 0.8, on a book that has shown 0.8
 * give or take 0.05 with 200,000 to collect a period (160,000 collected,
 * 40,000 past due at the end). A currency less past due, period after
 * period, raises the rate by 0.8 / 200,000, the bonus likelier by
 * phi(0) / 0.05 for each unit of rate; a currency-day less over a 30-day
 * period is a thirtieth of a currency less at its end. The same as the
 * chance's own derivative in that balance, taken numerically. */
static void collection_bonus_is_worth_most_near_its_line(void **state)
{
    (void)state;
    const double phi0 = 0.3989422804014327;
    struct scheme_params bonus = {.commission_sales = 0.03, .transfer_price = 1,
                                  .bonus_collection_target = 0.8,
                                  .bonus_collection_amount = 500000};
    struct rep_outlook o = {.rate_expected = 0.8, .rate_sd = 0.05, .rate_owed = 200000};
    double by_hand = 5000 * phi0 / 0.05 * 0.8 / 200000 / 30;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - by_hand) < 1e-15);
    double h = 1e-3; /* currency less past due */
    double numeric = 5000 *
                     (collection_bonus_chance(0.8, 160000, 40000 - h, 0.05) -
                      collection_bonus_chance(0.8, 160000, 40000 + h, 0.05)) / (2 * h) / 30;
    assert_true(fabs(numeric / by_hand - 1) < 1e-6);
    /* A book at 0.9: two spreads above the line, the bonus as good as won. */
    o.rate_expected = 0.9;
    double above = 5000 * phi0 * exp(-2.0) / 0.05 * 0.9 / 200000 / 30;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - above) < 1e-15);
    numeric = 5000 *
              (collection_bonus_chance(0.8, 180000, 20000 - h, 0.05) -
               collection_bonus_chance(0.8, 180000, 20000 + h, 0.05)) / (2 * h) / 30;
    assert_true(fabs(numeric / above - 1) < 1e-6);
    /* A book that has shown the same rate every period: read to a point. */
    o.rate_expected = 0.8;
    o.rate_sd = 0;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - 5000 * phi0 / 0.01 * 0.8 / 200000 / 30) <
                1e-15);
    /* Nothing to weigh: no period read, nothing to collect, no bonus. */
    o.rate_expected = NAN;
    assert_true(rep_bonus_day_value(&bonus, &o) == 0);
    o.rate_expected = 0.8;
    o.rate_owed = 0;
    assert_true(rep_bonus_day_value(&bonus, &o) == 0);
    o.rate_owed = 200000;
    struct scheme_params none = bonus;
    none.bonus_collection_target = 0;
    assert_true(rep_bonus_day_value(&none, &o) == 0);
    none = bonus;
    none.bonus_collection_amount = 0;
    assert_true(rep_bonus_day_value(&none, &o) == 0);
    /* With a DSO bonus too, the two add up. */
    struct scheme_params both = bonus;
    both.bonus_dso_target_days = 45;
    both.bonus_dso_amount = 500000;
    o.rate_sd = 0.05;
    o.dso_expected = 45;
    o.dso_sd = 5;
    o.period_sales = 100000;
    assert_true(fabs(rep_bonus_day_value(&both, &o) - (by_hand + 5000 * phi0 / 5 / 1e5)) < 1e-15);
}

/* The DSO bonus, worked by hand: 5,000.00 a month when the period's DSO
 * is at most 45 days, on a book that has shown 45 days give or take 5
 * and sells 100,000 a period. A currency-day of receivables less is
 * 1e-5 days of DSO less, which makes the bonus likelier by
 * phi(0) / 5 = 0.0797885 a day: worth 5,000 x 0.0797885 x 1e-5. */
static void dso_bonus_is_worth_most_near_its_line(void **state)
{
    (void)state;
    const double phi0 = 0.3989422804014327;
    struct scheme_params bonus = {.commission_sales = 0.03, .transfer_price = 1,
                                  .bonus_dso_target_days = 45, .bonus_dso_amount = 500000};
    struct rep_outlook o = {.dso_expected = 45, .dso_sd = 5, .period_sales = 100000};
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - 5000 * phi0 / 5 / 1e5) < 1e-15);
    /* Two spreads above the line: phi(2) = phi(0) e^-2. */
    o.dso_expected = 55;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - 5000 * phi0 * exp(-2.0) / 5 / 1e5) < 1e-15);
    /* As far below it: as little, the bonus as good as won. */
    o.dso_expected = 35;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - 5000 * phi0 * exp(-2.0) / 5 / 1e5) < 1e-15);
    /* A book that has shown the same DSO every period is read to within a day. */
    o.dso_expected = 45;
    o.dso_sd = 0;
    assert_true(fabs(rep_bonus_day_value(&bonus, &o) - 5000 * phi0 / 1e5) < 1e-15);
    /* Nothing to weigh: no period read yet, no sales, no bonus. */
    o.dso_expected = NAN;
    assert_true(rep_bonus_day_value(&bonus, &o) == 0);
    o.dso_expected = 45;
    o.period_sales = 0;
    assert_true(rep_bonus_day_value(&bonus, &o) == 0);
    o.period_sales = 100000;
    struct scheme_params none = bonus;
    none.bonus_dso_amount = 0;
    assert_true(rep_bonus_day_value(&none, &o) == 0);

    /* Collecting is worth it on the days its contacts save: 2 contacts a
     * week at firmness 1, each taking 180,000 currency-days off (60,000
     * planned 10 days on, at a response of 0.3), 360,000 a week, worth
     * 360,000 x 0.0039894. */
    struct rep_params p = params();
    struct rep r = {.skill = 1, .firmness = 1, .effort = {1, 1, 1}, .penalty_share = 1};
    o = (struct rep_outlook){.mean_invoice = 5000, .late_days = 20, .contact_days = 180000,
                             .dso_expected = 45, .dso_sd = 5, .period_sales = 100000};
    double v[EFFORT_KINDS], v_none[EFFORT_KINDS];
    rep_effort_values(&r, &bonus, &p, &o, 1.0, v);
    rep_effort_values(&r, &none, &p, &o, 1.0, v_none);
    assert_true(v_none[EFFORT_COLLECT] == 0);
    assert_true(fabs(v[EFFORT_COLLECT] - 360000 * 5000 * phi0 / 5 / 1e5) < 1e-9);
    assert_true(v[EFFORT_SELL] == v_none[EFFORT_SELL]); /* weighed in collecting only */
    /* Half ramped up: half the calls, each pressing half as hard. */
    double v_half[EFFORT_KINDS];
    rep_effort_values(&r, &bonus, &p, &o, 0.5, v_half);
    assert_true(fabs(v_half[EFFORT_COLLECT] - 0.25 * v[EFFORT_COLLECT]) < 1e-9);
}

/* Half the weight on the newest reading: 40, then 50, then 50. */
static void readings_are_smoothed_by_halves(void **state)
{
    (void)state;
    double avg = -1, var = -1;
    rep_smooth_reading(&avg, &var, 1, 40);
    assert_true(avg == 40 && var == 0);
    rep_smooth_reading(&avg, &var, 0, 50); /* d = 10: var 0.5 (0 + 0.5 x 100) */
    assert_true(avg == 45 && var == 25);
    rep_smooth_reading(&avg, &var, 0, 50); /* d = 5: var 0.5 (25 + 0.5 x 25) */
    assert_true(avg == 47.5 && var == 18.75);
}

static void new_reps_ramp_up(void **state)
{
    (void)state;
    struct rep_params p = params(); /* 90 ramp days */
    struct rep r = {.hired_day = 100};
    assert_true(fabs(rep_ramp(&r, 100, &p) - 0.3) < 1e-12);
    assert_true(fabs(rep_ramp(&r, 145, &p) - 0.65) < 1e-12);
    assert_true(rep_ramp(&r, 400, &p) == 1.0);
    /* Fully ramped from the ramp's end on, as the formula has it there. */
    assert_true(rep_ramp(&r, 190, &p) == 1.0 && 0.3 + 0.7 * (90.0 / 90) == 1.0);
    assert_true(rep_ramp(&r, 189, &p) < 1.0);
}

/* Reps who leave only when underpaid, then surely: outside option 5,000 a month. */
static struct rep_params quit_when_underpaid(void)
{
    struct rep_params p = params();
    p.base_quit_rate = 0;
    p.quit_prob = 1;
    p.outside_option = 500000;
    return p;
}

static void underpaid_reps_quit(void **state)
{
    (void)state;
    struct rep_params p = quit_when_underpaid();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    struct rep r = {.hired_day = 0, .effort = {1, 0, 0}};
    r.effort_cost_month = 2000;
    /* Settled (60+ days), paid 6,000 with 2,000 of effort cost: 4,000 < 5,000. */
    assert_int_equal(rep_end_period(&r, 6000, NAN, 30, 90, &p, rng), REP_QUITS);
    struct rep happy = {.hired_day = 0};
    happy.effort_cost_month = 1000;
    assert_int_equal(rep_end_period(&happy, 9000, NAN, 30, 90, &p, rng), REP_STAYS);
    struct rep fresh = {.hired_day = 60}; /* too new to judge */
    fresh.effort_cost_month = 2000;
    assert_int_equal(rep_end_period(&fresh, 100, NAN, 30, 90, &p, rng), REP_STAYS);
    gsl_rng_free(rng);
}

/* The horizon's last period may be 5 days: its pay and effort count at
 * their monthly rate, and the chance of leaving in it is a 5-day one. */
static void short_period_counts_at_its_monthly_rate(void **state)
{
    (void)state;
    struct rep_params p = quit_when_underpaid();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    /* 1,500 in 5 days is 9,000 a month; a week's effort of 700 is 3,000 a month. */
    struct rep happy = {.hired_day = 0, .effort_cost_week = 700};
    assert_int_equal(rep_end_period(&happy, 1500, NAN, 5, 90, &p, rng), REP_STAYS);
    struct rep poor = {.hired_day = 0, .effort_cost_week = 700}; /* 6,000 - 3,000 < 5,000 */
    assert_int_equal(rep_end_period(&poor, 1000, NAN, 5, 90, &p, rng), REP_QUITS);
    assert_true(fabs(rep_period_effort_cost(&happy, 5) - 500.0) < 1e-9);

    /* Leaving anyway: a book loses base_quit_rate reps a year, so a
     * period of d days loses one with chance rate x d/365 (at most one
     * leaves a period). At 3 a year, 4.11 % in 5 days; at 10 a year, 82 %
     * of full periods, where 1 - exp(-10 x 30/365) = 56 % would lose 6.8
     * a year. */
    const struct {
        double rate;
        int days;
    } cases[] = {{3, 5}, {10, 30}};
    p.outside_option = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        p.base_quit_rate = cases[k].rate;
        int quits = 0, n = 40000;
        for (int i = 0; i < n; i++) {
            struct rep r = {.hired_day = 0};
            quits += REP_QUITS == rep_end_period(&r, 1000, NAN, cases[k].days, 90, &p, rng);
        }
        double share = (double)quits / n, expected = cases[k].rate * cases[k].days / 365.0;
        assert_true(fabs(share - expected) < 4 * sqrt(expected * (1 - expected) / n));
    }
    gsl_rng_free(rng);
}

/* The firm lets go a rep whose selling stayed below dismiss_below (a
 * quarter of nominal) two judged pay periods running; a period it does
 * not judge (NAN) breaks the run. */
static void a_book_that_stops_selling_loses_its_rep(void **state)
{
    (void)state;
    struct rep_params p = quit_when_underpaid();
    p.outside_option = 0; /* it would never quit */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    struct rep r = {.hired_day = 0};
    assert_int_equal(rep_end_period(&r, 5000, 0.1, 30, 150, &p, rng), REP_STAYS);
    assert_int_equal(rep_end_period(&r, 5000, 0.3, 30, 180, &p, rng), REP_STAYS);
    assert_int_equal(rep_end_period(&r, 5000, 0.2, 30, 210, &p, rng), REP_STAYS);
    assert_int_equal(rep_end_period(&r, 5000, NAN, 30, 240, &p, rng), REP_STAYS);
    assert_int_equal(rep_end_period(&r, 5000, 0.0, 30, 270, &p, rng), REP_STAYS);
    assert_int_equal(rep_end_period(&r, 5000, 0.0, 30, 300, &p, rng), REP_DISMISSED);
    /* At exactly the line it stays; with the rule off, never let go. */
    struct rep at_line = {.hired_day = 0};
    for (int k = 0; k < 3; k++)
        assert_int_equal(rep_end_period(&at_line, 5000, 0.25, 30, 150 + 30 * k, &p, rng),
                         REP_STAYS);
    p.dismiss_below = 0;
    struct rep idle = {.hired_day = 0};
    for (int k = 0; k < 3; k++)
        assert_int_equal(rep_end_period(&idle, 5000, 0.0, 30, 150 + 30 * k, &p, rng), REP_STAYS);
    /* Underpaid (4,000 against 5,000) and selling nothing a second period:
     * it quits before it is let go. */
    p = quit_when_underpaid();
    struct rep both = {.hired_day = 0, .low_periods = 1};
    assert_int_equal(rep_end_period(&both, 4000, 0.0, 30, 150, &p, rng), REP_QUITS);
    gsl_rng_free(rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_value_by_scheme),
        cmocka_unit_test(penalty_cap_share),
        cmocka_unit_test(screening_catches_only_bad_orders),
        cmocka_unit_test(best_response_is_value_over_cost),
        cmocka_unit_test(selling_and_screening_are_chosen_together),
        cmocka_unit_test(incentives_point_effort_where_the_scheme_pays),
        cmocka_unit_test(dso_bonus_is_worth_most_near_its_line),
        cmocka_unit_test(collection_bonus_is_worth_most_near_its_line),
        cmocka_unit_test(readings_are_smoothed_by_halves),
        cmocka_unit_test(new_reps_ramp_up),
        cmocka_unit_test(underpaid_reps_quit),
        cmocka_unit_test(short_period_counts_at_its_monthly_rate),
        cmocka_unit_test(a_book_that_stops_selling_loses_its_rep),
    };
    return cmocka_run_group_tests_name("rep", tests, NULL, NULL);
}
