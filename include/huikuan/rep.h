/*
 * rep.h — sales reps: traits, the effort choice, turnover.
 *
 * Each pay period a rep splits one unit of effort between selling,
 * screening credit and collecting. The split is a noisy best response
 * (logit) to the scheme: the rep values each activity by what it adds
 * to expected pay, minus its effort cost, minus a CARA risk premium on
 * the pay variance it brings (0.5 * r * variance). What the rep expects
 * of its book comes from struct rep_outlook, learned from experience.
 *
 * A rep whose smoothed risk-adjusted pay stays below the outside option
 * quits with probability quit_prob a period; reps also leave at
 * base_quit_rate a year for reasons outside the model.
 */
#ifndef HUIKUAN_REP_H
#define HUIKUAN_REP_H

#include <gsl/gsl_rng.h>
#include <stdint.h>
#include "huikuan/scenario.h"

enum effort_kind { EFFORT_SELL, EFFORT_SCREEN, EFFORT_COLLECT, EFFORT_KINDS };

struct rep {
    int32_t id;           /* person, unique within a replication */
    int32_t hired_day;
    double skill;         /* multiplies order rate */
    double firmness;      /* in [0,1]: how hard each contact presses */
    double effort[EFFORT_KINDS]; /* shares, sum to 1 */
    double utility_avg;   /* smoothed risk-adjusted pay minus effort cost */
    double pay_avg, pay_var; /* smoothed net pay and its variance (currency) */
    int periods;          /* pay periods completed */
};

/* What the rep expects of its book, per pay period (currency units). */
struct rep_outlook {
    double sales_potential;  /* sales at neutral selling effort */
    double mean_invoice;     /* average invoice, for the risk premium */
    double overdue_balance;  /* receivables past due now */
    double bad_share;        /* expected written-off share of a sale */
    double late_days;        /* expected days paid after due */
    double risky_share;      /* share of sales to customers that default often */
    double risky_bad_share;  /* bad share among those */
    double pressure_response;/* average response of the book to a contact */
    double cure_prob;        /* average cure probability of a contact */
};

/* Order-rate multiplier at neutral selling effort (1/3) is 1. */
double rep_sell_multiplier(const struct rep *r, double ramp);

/* Contacts per day on one overdue invoice. */
double rep_contact_rate(const struct rep *r, const struct rep_params *p, double ramp);

/* Probability an order from a customer with this default probability is
 * declined by the rep's screening. */
double rep_decline_prob(const struct rep *r, const struct rep_params *p, double default_prob);

/* 0..1: how far a new rep has ramped up. */
double rep_ramp(const struct rep *r, int32_t day, const struct rep_params *p);

void rep_hire(struct rep *r, int32_t id, int32_t day, const struct rep_params *p, gsl_rng *rng);

/* The value (currency per period) of putting all effort into each activity. */
void rep_effort_values(const struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, double value[EFFORT_KINDS]);

/* Sets r->effort to the noisy logit best response. */
void rep_choose_effort(struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, gsl_rng *rng);

/* Records a period's net pay; returns 1 if the rep quits now. */
int rep_end_period(struct rep *r, double net_pay, int32_t day, const struct rep_params *p,
                   gsl_rng *rng);

#endif
