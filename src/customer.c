/*
 * customer.c — the customers' rules: delays, learning, priority, cash
 * allocation, reporting windows, stock, distress, contacts, re-rating.
 *
 * Each rule is a small function of the customer's state and its
 * segment's parameters, so each can be checked by hand in a unit test.
 */
#include "huikuan/draws.h"
#include "huikuan/customer.h"
#include "huikuan/libm_inline.h"

#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#define PRESSURE_DAYS 14.0      /* time constant of remembered pressure */
#define RELATIONSHIP_DAYS 180.0 /* time constant of a relationship's fading */

struct customer_mix {
    gsl_ran_discrete_t *table;
};

struct customer_mix *customer_mix_alloc(const struct scenario *sc)
{
    struct customer_mix *mix = malloc(sizeof *mix);
    if (!mix)
        return NULL;
    double shares[SEG_COUNT];
    for (int s = 0; s < SEG_COUNT; s++)
        shares[s] = sc->segment[s].share;
    mix->table = gsl_ran_discrete_preproc(SEG_COUNT, shares);
    if (!mix->table) {
        free(mix);
        return NULL;
    }
    return mix;
}

void customer_mix_free(struct customer_mix *mix)
{
    if (!mix)
        return;
    gsl_ran_discrete_free(mix->table);
    free(mix);
}

int customer_draw_segment(const struct customer_mix *mix, gsl_rng *rng)
{
    return (int)draw_discrete(rng, mix->table);
}


double customer_monthly_purchases(const struct customer *c, const struct scenario *sc)
{
    if (sc->orders.process == ORDERS_EFFORT)
        return ((double)sc->orders.output_base + (double)sc->orders.output_per_effort) * 30.0 / 7.0;
    return c->demand;
}

/* A credit limit of x cents, rounded. A customer drawn far out in the
 * tail of its size can buy so much that months of it pass what 64-bit
 * cents hold, where llround is undefined: its limit is then the most
 * there is, as good as none. */
static cents_t limit_cents(double x)
{
    return x < 9.2e18 ? (cents_t)llround_inline(x) : INT64_MAX;
}

cents_t customer_full_limit(const struct customer *c, const struct scenario *sc)
{
    if (sc->firm.credit_limit_months <= 0)
        return -1;
    return limit_cents(sc->firm.credit_limit_months * customer_monthly_purchases(c, sc));
}

void customer_init(struct customer *c, int segment, int32_t book, const struct scenario *sc,
                   gsl_rng *rng)
{
    const struct segment_params *seg = &sc->segment[segment];
    double size = draw_lognormal_mean_sd(rng, 1.0, sc->customers.size_sd);
    double u_consign = draw_uniform(rng);
    *c = (struct customer){0};
    c->book = book;
    c->segment = (uint8_t)segment;
    c->consignment = u_consign < sc->firm.consignment_share;
    c->demand = sc->orders.rate_per_month * seg->order_rate_factor * size *
                (double)sc->orders.amount_mean;
    /* Under the effort process demand is what a unit of selling effort
     * adds a week, per 30 days: the rep weighs its effort by it, and the
     * output base, which effort does not move, stays out of it. */
    if (sc->orders.process == ORDERS_EFFORT)
        c->demand = (double)sc->orders.output_per_effort * 30.0 / 7.0;
    c->pace = c->demand / (double)sc->orders.amount_mean / 30;
    c->weekly = c->demand / 100.0 * 7 / 30;
    c->leniency = 0.5;
    c->relationship = 0.5;
    c->relationship_day = 0;
    c->stock = customer_holds_stock(c, seg) ? CUSTOMER_OPENING_STOCK_MONTHS * c->demand : 0;
    c->distress_day = -1;
    c->exchange_until = -1;
    c->instalments_from = -1;
    c->insolvent_day = -1;
    c->legal_day = -1;
    c->judgment_day = -1;
    c->order_rate = -1; /* until the engine starts its orders */
    c->pressure_day = 0;
    c->term_days = sc->firm.term_days;
    cents_t full = customer_full_limit(c, sc);
    c->credit_limit = full < 0 ? -1 : limit_cents(sc->firm.new_customer_limit * (double)full);
}

double customer_leniency_multiplier(const struct segment_params *seg, double leniency)
{
    if (seg->leniency_learning <= 0 || seg->leniency_delay_factor <= 1)
        return 1.0;
    return pow(seg->leniency_delay_factor, 2.0 * leniency - 1.0);
}

double customer_draw_delay(const struct customer *c, const struct segment_params *seg,
                           gsl_rng *rng)
{
    double d = draw_lognormal_mean_sd(rng, seg->delay_mean_days, seg->delay_sd_days);
    if (c->distress_day >= 0)
        d *= seg->distress_delay_factor;
    return d * customer_leniency_multiplier(seg, c->leniency);
}

int customer_takes_discount(double discount, double cost_of_money, int32_t sooner)
{
    return discount > (1.0 - discount) * cost_of_money * (double)sooner / 365.0;
}

int customer_takes_exchange(double discount, double cost_of_money, double sooner, double demand,
                            int32_t days)
{
    return discount * demand * (double)days / 30.0 > cost_of_money * sooner / 365.0;
}

double customer_default_chance(const struct segment_params *seg, double exposure_risk,
                               double months_owed)
{
    if (seg->default_prob <= 0) /* 0 stays 0, however much is owed */
        return 0;
    if (exposure_risk <= 0 || !(months_owed > 0))
        return seg->default_prob;
    return fmin(1.0, seg->default_prob * (1.0 + exposure_risk * months_owed));
}

int customer_draw_default(double chance, gsl_rng *rng)
{
    double u = draw_uniform(rng);
    return chance > 0 && u < chance;
}

/* exp(-days / scale): the same values exp() gives, for whole days below
 * `size` kept in `table` the first time they are asked for instead of
 * recomputed at every contact and pay run (0 there: not yet worked out;
 * no kept factor comes near it). Each thread keeps its own tables. */
static double decay_factor(double *table, int size, int32_t days, double scale)
{
    if (days < 0 || days >= size)
        return exp(-(double)days / scale);
    if (table[days] == 0)
        table[days] = exp(-(double)days / scale);
    return table[days];
}

/* Pressure fades over two weeks: 512 days reach e^-36. */
enum { PRESSURE_TABLE_DAYS = 512 };
static _Thread_local double pressure_table[PRESSURE_TABLE_DAYS];

static double pressure_decay(int32_t days)
{
    return decay_factor(pressure_table, PRESSURE_TABLE_DAYS, days, PRESSURE_DAYS);
}

double customer_pressure_now(const struct customer *c, int32_t day)
{
    return c->pressure * pressure_decay(day - c->pressure_day);
}

void customer_add_pressure(struct customer *c, int32_t day, double amount)
{
    /* Pressure is felt from the day it is put on, never before. */
    assert(day >= c->pressure_day);
    c->pressure = customer_pressure_now(c, day) + amount;
    c->pressure_day = day;
}

void customer_learn(struct customer *c, const struct segment_params *seg, int pressed)
{
    double rate = seg->leniency_learning;
    if (pressed)
        c->leniency -= rate * c->leniency;
    else
        c->leniency += rate * (1.0 - c->leniency);
}

/* A relationship's gaps run the length of the horizon, mostly over a
 * few hundred days: 2048 days reach e^-11. */
enum { RELATIONSHIP_TABLE_DAYS = 2048 };
static _Thread_local double relationship_table[RELATIONSHIP_TABLE_DAYS];

static double relationship_fade(int32_t days)
{
    return decay_factor(relationship_table, RELATIONSHIP_TABLE_DAYS, days, RELATIONSHIP_DAYS);
}

double customer_relationship_now(const struct customer *c, int32_t day)
{
    double away = c->relationship - 0.5;
    if (away == 0 || day <= c->relationship_day)
        return c->relationship;
    return 0.5 + away * relationship_fade(day - c->relationship_day);
}

void customer_set_relationship(struct customer *c, int32_t day, double value)
{
    c->relationship = fmin_inline(1.0, fmax_inline(0.0, value));
    c->relationship_day = day;
}

double customer_priority(const struct customer_params *p, double supplier_value,
                         double relationship, double pressure, double leniency)
{
    double felt = 1.0 - exp(-pressure); /* pressure felt saturates */
    return p->priority_value * (supplier_value - 0.5) +
           p->priority_relationship * (relationship - 0.5) +
           p->priority_pressure * (felt - 0.5) - p->priority_leniency * (leniency - 0.5);
}

double customer_firm_priority(const struct customer *c, const struct scenario *sc, int32_t day)
{
    return customer_priority(&sc->customers, sc->firm.supplier_value,
                             customer_relationship_now(c, day), customer_pressure_now(c, day),
                             c->leniency);
}

double customer_pay_run_income(const struct customer *c, const struct scenario *sc, int32_t day,
                               double *others_owed)
{
    double demand = c->demand / 30.0 * (day - c->cash_day); /* demand is a 30 days' */
    *others_owed = demand * sc->customers.other_claims;
    return sc->segment[c->segment].cash_ratio * (demand + *others_owed);
}

double customer_allocate_cash(double cash, double due_firm, double due_others,
                              double priority_firm, double priority_others,
                              double *to_others)
{
    double wf = due_firm * exp(priority_firm), wo = due_others * exp(priority_others);
    double firm = 0, others = 0;
    if (cash > 0 && wf + wo > 0) {
        firm = fmin_inline(due_firm, cash * wf / (wf + wo));
        others = fmin_inline(due_others, cash - firm);
        firm = fmin_inline(due_firm, cash - others); /* what the others cannot use */
    }
    *to_others = others;
    return firm;
}

void customer_pay_judgment(struct customer *c, const struct segment_params *seg, double cents)
{
    if (seg->cash_ratio > 0 && !c->insolvent)
        c->cash -= cents;
}

int32_t customer_next_report(const struct firm_params *f, int32_t day)
{
    int32_t period = f->report_period_days, offset = f->report_day % period;
    int32_t k = (day - offset + period - 1) / period;
    if (day - offset < 0)
        k = 0;
    return offset + k * period;
}

int32_t customer_reporting_gate(const struct firm_params *f, const struct segment_params *seg,
                                int32_t day, int32_t after)
{
    if (seg->report_blackout_days <= 0)
        return day;
    int32_t report = customer_next_report(f, day);
    if (day < report && day >= report - (int32_t)ceil(seg->report_blackout_days))
        return report + after;
    return day;
}

int32_t customer_blackout_days(const struct firm_params *f, const struct segment_params *segs,
                               int nsegs, int32_t from, int32_t to)
{
    int32_t n = 0;
    for (int32_t d = from; d <= to; d++)
        for (int g = 0; g < nsegs; g++)
            if (segs[g].share > 0 && customer_reporting_gate(f, &segs[g], d, 0) > d) {
                n++;
                break;
            }
    return n;
}

int customer_holds_stock(const struct customer *c, const struct segment_params *seg)
{
    return seg->stock_months > 0 || c->consignment;
}

double customer_stock_limit(const struct customer *c, const struct segment_params *seg)
{
    return seg->stock_months > 0 ? seg->stock_months * c->demand : 0;
}

double customer_stock_at(const struct customer *c, int32_t day)
{
    return day > c->stock_day ? fmax_inline(0.0, c->stock - c->demand / 30.0 * (day - c->stock_day))
                              : c->stock;
}

double customer_stock_now(struct customer *c, int32_t day)
{
    if (day > c->stock_day) {
        c->stock = customer_stock_at(c, day);
        c->stock_day = day;
    }
    return c->stock;
}

int32_t customer_days_to_sell_through(struct customer *c, const struct segment_params *seg,
                                      int32_t day)
{
    double limit = customer_stock_limit(c, seg);
    double stock = customer_stock_now(c, day);
    if (limit <= 0 || stock <= limit || c->demand <= 0)
        return 0;
    return customer_days_to_sell(c, stock - limit);
}

int32_t customer_pay_day(int32_t due, double delay)
{
    /* Every invoice comes here: within the cap, round(delay) is the same
     * whole number as llround_inline gives without a call, and at most
     * the cap itself. */
    if (fabs(delay) < CUSTOMER_WAIT_DAYS_MAX)
        return due + (int32_t)llround_inline(delay);
    double days = round(delay);
    return due + (days < CUSTOMER_WAIT_DAYS_MAX ? (int32_t)days : CUSTOMER_WAIT_DAYS_MAX);
}

int32_t customer_days_to_sell(const struct customer *c, double cents)
{
    double days = ceil(cents / (c->demand / 30.0));
    return days < CUSTOMER_WAIT_DAYS_MAX ? (int32_t)days : CUSTOMER_WAIT_DAYS_MAX;
}

/* The cumulative hazard of insolvency t days after the onset of distress:
 * hazard t^2 / (2 x 30 x 30). */
static double insolvency_cumulative_hazard(const struct segment_params *seg, double t)
{
    return seg->insolvency_hazard * t * t / 1800.0;
}

double customer_draw_insolvency_delay(const struct segment_params *seg, gsl_rng *rng)
{
    double e = draw_exponential(rng, 1.0);
    if (seg->insolvency_hazard <= 0)
        return INFINITY;
    /* Solves insolvency_cumulative_hazard(t) = e. */
    return sqrt(1800.0 * e / seg->insolvency_hazard);
}

double customer_insolvency_chance(const struct segment_params *seg, double since, double until)
{
    return -expm1(insolvency_cumulative_hazard(seg, since) -
                  insolvency_cumulative_hazard(seg, until));
}

struct contact_outcome customer_respond_to_contact(const struct segment_params *seg,
                                                   int defaulting, int32_t pay_day,
                                                   int32_t today, double strength,
                                                   gsl_rng *rng)
{
    struct contact_outcome out = {0, pay_day};
    double u = draw_uniform(rng);
    double v = draw_uniform(rng);
    strength = fmin_inline(1.0, fmax_inline(0.0, strength));
    if (defaulting) {
        if (u < seg->cure_prob * strength) {
            out.cured = 1;
            out.pay_day = today + 1 + (int32_t)(v * 7.0);
        }
        return out;
    }
    if (pay_day > today && seg->pressure_response > 0) {
        double remaining = (double)(pay_day - today);
        double shrunk = remaining * (1.0 - seg->pressure_response * strength);
        /* Rounded up or down at random, so that the day comes on average
         * exactly `shrunk` days on: rounded up, a contact that takes less
         * than a day off, as a reminder to a prompt payer mostly does,
         * took nothing off at all. */
        out.pay_day = today + (int32_t)floor(shrunk + v);
        if (out.pay_day <= today)
            out.pay_day = today + 1;
    }
    return out;
}

void customer_rerate(struct customer *c, const struct scenario *sc, int32_t oldest_past_due)
{
    const struct firm_params *f = &sc->firm;
    double slow = fmax_inline(10.0, f->term_days / 3.0);
    double late = c->rated_paid > 0 ? c->rated_late_days / c->rated_paid : 0;
    /* The limit follows what the customer actually buys, not only its size. */
    double months = (double)f->rerate_days / 30.0;
    double bought = fmax_inline(customer_monthly_purchases(c, sc), c->rated_bought / months);
    cents_t full = f->credit_limit_months > 0 ? limit_cents(f->credit_limit_months * bought) : -1;
    if (c->insolvent) {
        c->credit_limit = full < 0 ? -1 : 0;
        c->term_days = 0;
    } else if (c->rated_lost > 0) {
        c->credit_limit = full < 0 ? -1 : limit_cents(0.25 * (double)full);
        c->term_days = f->term_days * 2 / 3;
    } else if (late > slow || (c->rated_paid <= 0 && oldest_past_due > slow)) {
        c->credit_limit = full < 0 ? -1 : limit_cents(0.75 * (double)full);
        c->term_days = f->term_days * 2 / 3;
    } else if (c->rated_paid > 0) {
        c->credit_limit = full;
        c->term_days = f->term_days;
    }
    c->rated_paid = c->rated_late_days = c->rated_lost = c->rated_bought = 0;
}
