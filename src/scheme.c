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

void scheme_pay_period(const struct scheme_params *s, const struct scheme_period *p,
                       struct scheme_pay *pay)
{
    pay->base = p->base_given ? p->base
                              : money_apply_rate((double)p->days_employed / 30.0, s->base_salary);
    pay->commission_sales = money_apply_rate(s->commission_sales, p->sales);
    pay->commission_collected = money_apply_rate(s->commission_collected, p->collected);

    pay->bonus = 0;
    if (s->bonus_dso_target_days > 0 && p->sales > 0) {
        /* Book DSO over the period: average receivables / average daily sales. */
        double dso = (double)p->ar_cent_days / (double)p->sales;
        if (dso <= s->bonus_dso_target_days)
            pay->bonus = s->bonus_dso_amount;
    }

    pay->penalty = (cents_t)0;
    if (s->penalty_daily_rate > 0) {
        /* Exact while the balance-days fit a double's 53 bits, as they do
         * for any book that could be paid from. */
        pay->penalty = (cents_t)llround(s->penalty_daily_rate * (double)p->penalty_cent_days);
        if (s->penalty_cap > 0 && pay->penalty > s->penalty_cap)
            pay->penalty = s->penalty_cap;
    }
    pay->liability = money_apply_rate(s->liability_share * s->transfer_price, p->written_off);
    pay->clawback = money_apply_rate(s->clawback_share * s->commission_sales, p->written_off);

    pay->net = pay->base + pay->commission_sales + pay->commission_collected + pay->bonus -
               pay->penalty - pay->liability - pay->clawback;
}

int scheme_penalised_days(const struct scheme_params *s, int days_late)
{
    int d = days_late - s->penalty_grace_days;
    return d > 0 ? d : 0;
}
