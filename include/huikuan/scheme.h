/*
 * scheme.h — what a rep is paid for one pay period.
 *
 * A pay period is normally 30 days. The scheme sees only what the rep's
 * book did in the period (struct scheme_period) and returns each pay
 * component in cents, with
 *
 *   net = base + commission_sales + commission_collected + bonus
 *         - penalty - liability - clawback                 (to the cent)
 *
 * where bonus is the DSO bonus and the collection bonus together. The
 * liability and the clawback are charged on what is lost: bad debt
 * written off, and what goods taken back credit beyond their worth.
 *
 * Rounding: each component is rounded once, half away from zero, from
 * its exact product (the goods' worth, which the loss is reckoned from,
 * is in whole cents, a period's at once); nothing is rounded per invoice
 * or per day. A period
 * shorter than SCHEME_PERIOD_DAYS earns base, bonus and penalty cap pro
 * rata.
 */
#ifndef HUIKUAN_SCHEME_H
#define HUIKUAN_SCHEME_H

#include <stdint.h>
#include "huikuan/money.h"
#include "huikuan/scenario.h"

enum { SCHEME_PERIOD_DAYS = 30 }; /* a full pay period */

struct scheme_period {
    int days_employed;          /* days of the period the rep was employed */
    cents_t sales;              /* invoiced on the book in the period */
    cents_t collected;          /* cash received on the book */
    cents_t written_off;        /* bad debt written off on the book (liability) ... */
    cents_t written_off_sold;   /* ... of it, on invoices this rep sold: its clawback
                                   takes back commission this rep was paid */
    cents_t returned;           /* goods taken back on the book (collection.repossess) ... */
    cents_t returned_sold;      /* ... of them, on invoices this rep sold */
    double returned_worth;      /* what they are worth to the firm, a share of what they
                                   credit: the rest is lost, and is charged as bad debt
                                   (their worth in whole cents, as the firm counts it) */
    __int128 penalty_cent_days; /* sum over days of balance past due + grace */
    __int128 ar_cent_days;      /* sum over days of the book's receivables */
    cents_t overdue_end;        /* the book's balance past due on the period's
                                   last day (read only by the collection bonus) */
    int base_given;             /* the firm set this period's base itself ... */
    cents_t base;               /* ... to this (participation-binding base) */
};

struct scheme_pay {
    cents_t base, commission_sales, commission_collected, bonus;
    cents_t penalty, liability, clawback;
    cents_t net;
    /* net as a rate per SCHEME_PERIOD_DAYS days: scaled by
     * SCHEME_PERIOD_DAYS / days employed, but for a period cut short with
     * what is pro rata (a fixed base, a bonus, a penalty at its
     * cap) at its monthly amount rather than its share rounded to the
     * cent and scaled back up (a 5-day stub's base of 4,000.00 is 666.67,
     * times 6 4,000.02). NaN for a period with no day employed. */
    double monthly_rate;
};

/* The late penalty period p would carry, in cents, when no cap bounds
 * it (0 under a cap, which keeps it within 10^12 units): what could pass
 * the limit to which pay is counted. */
double scheme_unbounded_penalty(const struct scheme_params *s, const struct scheme_period *p);

void scheme_pay_period(const struct scheme_params *s, const struct scheme_period *p,
                       struct scheme_pay *pay);

/* Whether the scheme can pay a DSO bonus, or a collection bonus: an
 * amount above 0 and a target (a target of 0 is none). */
static inline int scheme_has_dso_bonus(const struct scheme_params *s)
{
    return s->bonus_dso_target_days > 0 && s->bonus_dso_amount > 0;
}

static inline int scheme_has_collection_bonus(const struct scheme_params *s)
{
    return s->bonus_collection_target > 0 && s->bonus_collection_amount > 0;
}

/* The book's collection rate over period p, which the collection bonus
 * judges (seed 004: tie what is collected to the rep's evaluation): what
 * it collected over what it had to collect, collected + written off +
 * balance past due at the end, so in [0, 1] (the collection
 * effectiveness index: an invoice collected before its due date counts
 * in both). A period cut short has its collections and write-offs at a
 * full period's pace: against the balance past due, a stock, a few
 * days' collections would make the rate of a 5-day stub a fraction of a
 * month's. NAN when the book had nothing to collect or no day employed.
 * Unless owed is NULL, sets it to what the book had to collect (at a full
 * period's pace), in cents. */
double scheme_collection_rate(const struct scheme_period *p, double *owed);

/* Days of payment delay beyond the grace period that the daily penalty
 * charges for a payment made days_late days after the due date. */
int scheme_penalised_days(const struct scheme_params *s, int days_late);

#endif
