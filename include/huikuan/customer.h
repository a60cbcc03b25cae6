/*
 * customer.h — who the customers are and why they pay late.
 *
 * A customer belongs to a segment (the seeds' reasons for paying late)
 * and carries the state those reasons need: cash and other suppliers'
 * dues (cash-constrained), stock on hand (resellers, consignment),
 * distress and insolvency, what it has learned about how lax the firm
 * is, the relationship with its rep, and its credit limit and terms.
 *
 * The functions here are the behaviours, each a small rule on that
 * state; engine.c decides when they run. Money inside the customer's
 * own bookkeeping (cash, stock, demand) is kept in cents as doubles: it
 * never enters the ledger, which is exact.
 */
#ifndef HUIKUAN_CUSTOMER_H
#define HUIKUAN_CUSTOMER_H

#include <gsl/gsl_rng.h>
#include <stdint.h>
#include "huikuan/scenario.h"

struct customer {
    int32_t book;          /* rep slot that serves this customer */
    uint8_t segment;       /* enum segment_id */
    uint8_t consignment;   /* pay-after-sold terms */
    uint8_t stopped;       /* supply stopped by the collection ladder */
    uint8_t insolvent;
    uint8_t ladder;        /* enum collection_step reached in the open case */
    uint8_t pay_runs;      /* its pay-run cycle is running */
    uint8_t instalments_broken; /* broke an instalment plan in the open case */
    int32_t orders;        /* orders placed so far */
    int32_t overdue;       /* open invoices past due */
    int32_t cash_day;      /* cash and other dues last brought up to date */
    uint32_t case_stamp;   /* changes when a collection case opens */
    int32_t exchange_until; /* last day of an exchange offer it took (from the day
                               after it was made); -1 none */
    double demand;         /* expected purchases per 30 days at neutral selling, cents ... */
    double pace, weekly;   /* ... as orders a day (demand / orders.amount_mean / 30) and as
                              currency a week (demand / 100 x 7 / 30): read at every order
                              and weekly reading, worked out once */
    double cash;           /* cash on hand, cents (cash-constrained) */
    double other_dues;     /* owed to other suppliers and due, cents */
    double leniency;       /* 0..1: how lax it has learned the firm is */
    double pressure;       /* recent collection pressure, decays */
    int32_t pressure_day;
    int32_t relationship_day;
    double relationship;   /* 0..1, on relationship_day; fades towards 0.5 */
    double stock;          /* the firm's goods on hand, cents */
    int32_t stock_day;
    int32_t distress_day;  /* warning signs since; -1 none */
    int32_t insolvent_day; /* -1 none */
    int32_t legal_day;     /* first lawyer's letter of the open case; -1 none */
    cents_t credit_limit;  /* 0: no credit at all (only if limits are on) */
    int32_t term_days;
    int32_t judgment_day;  /* the court's, once sued in the open case */
    /* The next order (engine_orders.c): the orders a day it is timed at
     * (0: it waits for selling to resume, order_left orders' worth of
     * selling away; < 0: none to come), when it falls due (order_due, a
     * day and a fraction; order_day, that day), and a stamp that changes
     * when a new customer takes the slot. */
    double order_rate, order_due, order_left;
    int32_t order_day;
    uint32_t order_stamp;
    /* Payment history since the last re-rating. */
    double rated_paid, rated_late_days, rated_lost, rated_bought;
    /* Its whole payment record with the firm (paid, paid x days late). */
    double record_paid, record_late_days;
    /* An instalment plan in force (engine_instalments.c): what it covers
     * and the day it was agreed (-1: none). */
    cents_t instalments_total;
    int32_t instalments_from;
    int32_t interest_day;   /* its interest worked out up to this day ... */
    double interest_owed;   /* ... and owed, unpaid, in cents (a fraction of a cent
                               carries to the next pay run) */
};

/* Segment mix as a GSL discrete distribution. */
struct customer_mix;
struct customer_mix *customer_mix_alloc(const struct scenario *sc);
void customer_mix_free(struct customer_mix *mix);
int customer_draw_segment(const struct customer_mix *mix, gsl_rng *rng);

/* Sets up a customer of a segment: size, demand, limit, terms, state. */
void customer_init(struct customer *c, int segment, int32_t book, const struct scenario *sc,
                   gsl_rng *rng);

/* Days after the due date the customer means to pay, unpressed: a
 * lognormal with the segment's mean and sd (exact if sd = 0), longer
 * while distressed, and scaled by what a strategic delayer has learned. */
double customer_draw_delay(const struct customer *c, const struct segment_params *seg,
                           gsl_rng *rng);

/* The day an invoice due on `due` is paid `delay` days late (rounded),
 * at most CUSTOMER_WAIT_DAYS_MAX days after it: distress and learned
 * leniency can stretch a delay past what a day count holds. */
int32_t customer_pay_day(int32_t due, double delay);

/* Whether a customer pays an invoice `sooner` days before it meant to,
 * for a cash discount of `discount` (a share of the invoice): it does
 * when the discount is worth more than the cash it pays, 1 - discount of
 * the invoice, earns in those days at its cost of money (a year, simple
 * interest): discount > (1 - discount) x cost_of_money x sooner / 365. */
int customer_takes_discount(double discount, double cost_of_money, int32_t sooner);

/* Whether a reseller takes an exchange offer of `discount` off its
 * orders for `days` days, on which it would buy `demand` cents a 30
 * days, in return for paying without waiting for its stock to sell:
 * `sooner` is what it would pay sooner, in cent-days (each invoice's
 * balance x the days sooner). It does when the discount is worth more
 * than that cash would earn it at its cost of money (a year, simple
 * interest): discount x demand x days / 30 > cost_of_money x sooner / 365. */
int customer_takes_exchange(double discount, double cost_of_money, double sooner, double demand,
                            int32_t days);

/* The chance that a new invoice will never be paid voluntarily, for a
 * customer of kind seg that already owes months_owed months of its
 * purchases: its kind's default_prob x (1 + exposure_risk x months_owed),
 * at most 1 (seed 001: 欠款越多越難收回, the more owed, the harder to
 * collect). Its kind's default_prob where exposure_risk is 0. */
double customer_default_chance(const struct segment_params *seg, double exposure_risk,
                               double months_owed);

/* Whether this invoice will never be paid voluntarily, at that chance:
 * one uniform draw, whatever the chance. */
int customer_draw_default(double chance, gsl_rng *rng);

/* A strategic delayer's delay multiplier: 1/f for a firm it sees as
 * strict (leniency 0), f for a fully lax one, 1 in between. */
double customer_leniency_multiplier(const struct segment_params *seg, double leniency);

/* Pressure decays with a two-week time constant. */
double customer_pressure_now(const struct customer *c, int32_t day);
void customer_add_pressure(struct customer *c, int32_t day, double amount);

/* The relationship with the firm, 0..1, 0.5 neutral: a visit builds it, a
 * lawyer's letter harms it, a new rep starts over with half of it. Left
 * alone, what is above or below neutral fades with a time constant of
 * RELATIONSHIP_DAYS (180): without it, a customer visited often stayed at
 * the top for good, and one sent a letter at the bottom. */
double customer_relationship_now(const struct customer *c, int32_t day);
/* Sets it on `day`, kept within 0..1. */
void customer_set_relationship(struct customer *c, int32_t day, double value);

/* Learning, once per pay run / week: pressed while overdue teaches that
 * the firm is strict, left alone that it is lax. */
void customer_learn(struct customer *c, const struct segment_params *seg, int pressed);

/* The firm's place in the queue of a customer's suppliers (seed 002):
 * value of its goods, relationship, pressure received, leniency learned.
 * Other suppliers sit at the middle of every scale. */
double customer_priority(const struct customer_params *p, double supplier_value,
                         double relationship, double pressure, double leniency);

/* The same for customer c on `day`: its relationship and the pressure
 * it feels then, and the leniency it has learned. */
double customer_firm_priority(const struct customer *c, const struct scenario *sc, int32_t day);

/* What a customer that pays by pay runs takes in from its last run to
 * `day`, at average luck (cash_ratio x what it and its other suppliers'
 * claims come to), and in *others_owed what falls due to its other
 * suppliers meanwhile. */
double customer_pay_run_income(const struct customer *c, const struct scenario *sc, int32_t day,
                               double *others_owed);

/* A court judgment (or a settlement) makes the customer pay `cents`: one
 * that pays by pay runs pays it from its cash, and owes what it lacks to
 * its next runs, which share nothing until it is made good (cash below
 * 0). Others plan their payments without a cash account. */
void customer_pay_judgment(struct customer *c, const struct segment_params *seg, double cents);

/* Splits cash between the firm's due claims and the other suppliers'.
 * Each side gets cash in proportion to claim x exp(priority), no side
 * more than it is owed, and what one side cannot use goes to the other.
 * Returns what the firm gets; *to_others what the others get. */
double customer_allocate_cash(double cash, double due_firm, double due_others,
                              double priority_firm, double priority_others,
                              double *to_others);

/* Days of [from, to] on which the customers of some segment with a
 * share of them hold back payment for the reporting date
 * (customer_reporting_gate); 0 where no segment has a blackout. */
int32_t customer_blackout_days(const struct firm_params *f, const struct segment_params *segs,
                               int nsegs, int32_t from, int32_t to);

/* Next reporting date on or after day. */
int32_t customer_next_report(const struct firm_params *f, int32_t day);

/* A customer that held its cash for its reporting date pays within
 * this many days after it. */
#define CUSTOMER_REPORT_PAY_DAYS 7

/* A reporting-window customer holds cash in the blackout before its
 * reporting date: a payment planned for such a day moves to just after
 * the date (returns the day it will pay; day itself outside blackouts). */
int32_t customer_reporting_gate(const struct firm_params *f, const struct segment_params *seg,
                                int32_t day, int32_t after);

/* Stock on hand on `day`, after selling through since it was last
 * updated: _at reads it, _now also records it. */
double customer_stock_at(const struct customer *c, int32_t day);
double customer_stock_now(struct customer *c, int32_t day);
int customer_holds_stock(const struct customer *c, const struct segment_params *seg);
/* Stock above which a reseller refuses to pay; 0 if it holds none. */
double customer_stock_limit(const struct customer *c, const struct segment_params *seg);
/* The longest wait a day count carries, beyond any run (46,000 years),
 * so that a day plus it, and dates counted from that, stay in 32 bits. */
#define CUSTOMER_WAIT_DAYS_MAX (1 << 24)

/* A customer that holds stock (a reseller, a consignee) starts with this
 * many months of its sales; a consignee's is topped up towards it. */
#define CUSTOMER_OPENING_STOCK_MONTHS 0.5

/* Whole days to sell `cents` of stock at the customer's demand (> 0),
 * at most CUSTOMER_WAIT_DAYS_MAX. */
int32_t customer_days_to_sell(const struct customer *c, double cents);
/* Days until stock sells down to its limit (0 if already there). */
int32_t customer_days_to_sell_through(struct customer *c, const struct segment_params *seg,
                                      int32_t day);

/* Days from the onset of distress to insolvency, for a hazard that rises
 * linearly: h(t) = insolvency_hazard x (t / 30 days) per 30 days. */
double customer_draw_insolvency_delay(const struct segment_params *seg, gsl_rng *rng);

/* The chance that a customer in distress for `since` days fails before
 * it has been for `until` days (until >= since), by the same hazard. */
double customer_insolvency_chance(const struct segment_params *seg, double since, double until);

/* Outcome of one collection contact on a pressure-sensitive invoice. */
struct contact_outcome {
    int cured;          /* a defaulting invoice will be paid after all */
    int32_t pay_day;    /* new intended payment day (unchanged if no effect) */
};

/* strength in [0,1]. The remaining delay shrinks by pressure_response x
 * strength, to the day before or after, drawn so that on average it is
 * exactly the shrunk delay (and at least a day); a defaulting invoice is
 * cured with probability cure_prob x strength and then paid within a
 * week. */
struct contact_outcome customer_respond_to_contact(const struct segment_params *seg,
                                                   int defaulting, int32_t pay_day,
                                                   int32_t today, double strength,
                                                   gsl_rng *rng);

/* Half-yearly re-rating of credit limit and terms from payment history:
 * the full limit is credit_limit_months of what it buys; customers paying
 * within a third of the term of the due date on average get all of it,
 * slower ones three quarters and a third less time (so does one that paid
 * nothing while its oldest invoice, oldest_past_due days past due, is
 * that late), and a customer that cost the firm a loss a quarter, on the
 * shorter terms. One that paid nothing and owes nothing that late keeps
 * what it had. */
void customer_rerate(struct customer *c, const struct scenario *sc, int32_t oldest_past_due);

/* What the customer is expected to buy in 30 days, in cents: its demand,
 * or under the effort process its account's output at nominal effort,
 * output base included (demand there is what a unit of effort adds). */
double customer_monthly_purchases(const struct customer *c, const struct scenario *sc);

/* Full credit limit for what this customer is expected to buy. */
cents_t customer_full_limit(const struct customer *c, const struct scenario *sc);

#endif
