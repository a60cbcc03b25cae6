/*
 * scheme.c — one pay period's pay from one book's period figures.
 *
 * Invariant: net equals the signed sum of the components, exactly.
 * Buy-sell is not a separate code path: it is commission_collected =
 * 1 - transfer_price with liability_share = 1, i.e. the rep earns the
 * spread on what is collected and pays the transfer price of bad debt.
 */
#include "huikuan/scheme.h"

#include <math.h>

double scheme_unbounded_penalty(const struct scheme_params *s, const struct scheme_period *p)
{
    if (s->penalty_daily_rate <= 0 || s->penalty_cap > 0)
        return 0;
    return s->penalty_daily_rate * (double)p->penalty_cent_days;
}

static cents_t lost_on_return(cents_t returned, double worth)
{
    return returned - money_apply_rate(worth, returned);
}

void scheme_pay_period(const struct scheme_params *s, const struct scheme_period *p,
                       struct scheme_pay *pay)
{
    /* A period cut short (by the end of the horizon) earns base, bonus and
     * penalty cap pro rata: a 5-day stub is a sixth of a month. */
    int days = p->days_employed < SCHEME_PERIOD_DAYS ? p->days_employed : SCHEME_PERIOD_DAYS;
    pay->base = p->base_given ? p->base : money_prorate(s->base_salary, days, SCHEME_PERIOD_DAYS);
    pay->commission_sales = money_apply_rate(s->commission_sales, p->sales);
    pay->commission_collected = money_apply_rate(s->commission_collected, p->collected);

    cents_t dso_bonus = 0, collection_bonus = 0;
    if (s->bonus_dso_target_days > 0 && p->sales > 0) {
        /* Book DSO over the period: average receivables / average daily sales. */
        double dso = (double)p->ar_cent_days / (double)p->sales;
        if (dso <= s->bonus_dso_target_days)
            dso_bonus = money_prorate(s->bonus_dso_amount, days, SCHEME_PERIOD_DAYS);
    }
    if (s->bonus_collection_target > 0) {
        double rate = scheme_collection_rate(p, NULL); /* NAN fails the test */
        if (rate >= s->bonus_collection_target)
            collection_bonus = money_prorate(s->bonus_collection_amount, days, SCHEME_PERIOD_DAYS);
    }
    pay->bonus = dso_bonus + collection_bonus;

    pay->penalty = (cents_t)0;
    if (s->penalty_daily_rate > 0) {
        cents_t cap = money_prorate(s->penalty_cap, days, SCHEME_PERIOD_DAYS);
        /* Beyond the cap (by more than a double's rounding), the uncapped
         * amount need not fit in 64 bits: it is not computed. */
        double uncapped = s->penalty_daily_rate * (double)p->penalty_cent_days;
        if (s->penalty_cap > 0 && uncapped > (double)cap + 1.0)
            pay->penalty = cap;
        else
            pay->penalty = money_apply_rate_wide(s->penalty_daily_rate, p->penalty_cent_days);
        if (s->penalty_cap > 0 && pay->penalty > cap)
            pay->penalty = cap;
    }
    /* Goods taken back settle a debt at less than it was worth: what they
     * credit beyond their worth is lost as a bad debt is, and charged the
     * same (a rep spared it would gain by letting goods come back). */
    cents_t lost = p->written_off + lost_on_return(p->returned, p->returned_worth);
    cents_t lost_sold = p->written_off_sold + lost_on_return(p->returned_sold, p->returned_worth);
    pay->liability = money_apply_rate(s->liability_share * s->transfer_price, lost);
    pay->clawback = money_apply_rate(s->clawback_share * s->commission_sales, lost_sold);

    pay->net = pay->base + pay->commission_sales + pay->commission_collected + pay->bonus -
               pay->penalty - pay->liability - pay->clawback;

    /* The rate: the pro-rata parts at their monthly amounts, the rest scaled. */
    double scale = (double)SCHEME_PERIOD_DAYS / p->days_employed;
    cents_t pro_rata = 0;
    double monthly = 0;
    if (p->days_employed < SCHEME_PERIOD_DAYS) {
        if (!p->base_given) {
            pro_rata += pay->base;
            monthly += (double)s->base_salary;
        }
        if (dso_bonus > 0) {
            pro_rata += dso_bonus;
            monthly += (double)s->bonus_dso_amount;
        }
        if (collection_bonus > 0) {
            pro_rata += collection_bonus;
            monthly += (double)s->bonus_collection_amount;
        }
        if (s->penalty_cap > 0 &&
            pay->penalty == money_prorate(s->penalty_cap, days, SCHEME_PERIOD_DAYS)) {
            pro_rata -= pay->penalty;
            monthly -= (double)s->penalty_cap;
        }
    }
    pay->monthly_rate = p->days_employed > 0 ? (double)(pay->net - pro_rata) * scale + monthly
                                             : NAN;
}

double scheme_collection_rate(const struct scheme_period *p, double *owed)
{
    double pace = p->days_employed > 0 && p->days_employed < SCHEME_PERIOD_DAYS
                      ? (double)SCHEME_PERIOD_DAYS / p->days_employed
                      : 1.0;
    /* Each term is at most the book's receivables: the sum fits. */
    double due = (double)(p->collected + p->written_off) * pace + (double)p->overdue_end;
    if (owed)
        *owed = due;
    return due > 0 && p->days_employed > 0 ? (double)p->collected * pace / due : NAN;
}

int scheme_penalised_days(const struct scheme_params *s, int days_late)
{
    int d = days_late - s->penalty_grace_days;
    return d > 0 ? d : 0;
}
