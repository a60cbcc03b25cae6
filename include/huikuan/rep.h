/*
 * rep.h — sales reps: traits, the weekly effort choice, turnover.
 *
 * Each week a rep chooses an effort level for selling (including pushing
 * stock onto resellers), screening credit and collecting. Level 1 is
 * nominal: the attention a customer gets at the nominal pace. Effort
 * costs effort_cost x level^2 / 2 per activity per week on a book of
 * nominal_book customers, and in proportion on a bigger or smaller one
 * (book_scale), so the best response to a marginal value v (expected pay
 * per unit of effort, net of a CARA risk premium on the pay variance it
 * brings) is v / (effort_cost x book_scale); the rep's actual level is
 * that times a lognormal noise of log-sd effort_noise with mean 1 ("a
 * noisy best response"). What the rep expects of its book comes from
 * struct rep_outlook.
 *
 * A rep whose smoothed risk-adjusted pay minus effort cost stays below
 * the outside option quits with probability quit_prob a month; reps
 * also leave at base_quit_rate a year for reasons outside the model.
 * The firm lets go a rep whose selling (skill x selling effort, against
 * the customers it may ship to) stays below dismiss_below two pay periods
 * running.
 */
#ifndef HUIKUAN_REP_H
#define HUIKUAN_REP_H

#include <gsl/gsl_rng.h>
#include <stdint.h>
#include "huikuan/scenario.h"

enum effort_kind { EFFORT_SELL, EFFORT_SCREEN, EFFORT_COLLECT, EFFORT_KINDS };

#define REP_EFFORT_MAX 5.0
/* The least skill a rep is drawn with (skill_mean + skill_sd x N(0,1)
 * below it is taken as it). */
#define REP_SKILL_MIN 0.05

struct rep {
    int32_t id;           /* person, unique within a replication */
    int32_t hired_day;
    double skill;         /* multiplies the book's sales */
    double firmness;      /* in [0,1]: how hard each contact presses */
    double effort[EFFORT_KINDS]; /* levels, 1 = nominal */
    double push;          /* 0..1: how far extra selling is pushed as excess stock */
    double effort_cost_month;    /* cost of effort since the last pay period (currency) */
    double effort_cost_week;     /* cost of the current week's effort (currency) */
    double utility_avg;   /* smoothed risk-adjusted pay minus effort cost */
    double penalty_share; /* of the late penalty the rep expects to bear under
                             the scheme's cap (rep_penalty_share); 1 without one */
    double pay_avg, pay_var; /* smoothed net pay and its variance (currency) */
    int periods;          /* pay periods completed */
    int low_periods;      /* judged pay periods running its selling was
                             below reps.dismiss_below */
};

/* What the rep expects of its book, per week, in currency units. */
struct rep_outlook {
    double sales_potential;   /* book's sales at selling effort 1, full skill,
                                 to customers it may ship to */
    double sell_value;        /* pay those sales bring, net of risk, with
                                 nothing screened */
    double screen_value;      /* pay lost on orders worth less than nothing,
                                 at selling effort 1 (already in sell_value) */
    double mean_invoice;
    double bad_share;         /* expected written-off share of a sale */
    double late_days;         /* expected days paid after due */
    double contact_days;      /* currency-days of receivables one contact at
                                 full strength would take off the book's
                                 overdue invoices as they stand: balance x
                                 pressure_response x days to the planned
                                 payment, or for one that will not be paid
                                 cure_prob x days to its write-off
                                 (inherited invoices at reps.orphan_factor;
                                 engine_reps.c says which count) ... */
    double contact_penalty_days; /* ... of which days past the penalty's
                                    grace: a planned payment's if it comes
                                    past grace, a cure's from grace on */
    double at_risk_balance;   /* of which more than 60 days past due (seed 004:
                                 collectibility falls fast from there), at
                                 customers that have not failed */
    double letter_saves;      /* what the lawyer's letter a contact may send
                                 early would preserve at customers showing
                                 warning signs, per unit of firmness x ramp */
    double blocked_sales;     /* sales potential blocked (limit, stop supply) */
    double cure_prob;         /* average cure probability of a contact */
    double book_scale;        /* cost of effort against a nominal book: its
                                 customers / reps.nominal_book (1 for the
                                 effort process's single account) */
    double dso_expected;      /* the book's DSO as pay periods have judged it
                                 (NAN before the first with sales) ... */
    double dso_sd;            /* ... how much it varies from one to the next */
    double period_sales;      /* ... and the sales of a period, currency */
    double rate_expected;     /* the book's collection rate as pay periods have
                                 judged it (NAN before the first read) ... */
    double rate_sd;           /* ... how much it varies from one to the next */
    double rate_owed;         /* ... and what it had to collect in a period
                                 (scheme_collection_rate), currency */
};

/* What one unit sold to a customer with this expected bad share and
 * lateness is worth to rep r under the scheme: commissions earned,
 * minus liability, clawback and late penalties expected (the share of
 * them the cap leaves it to bear, r->penalty_share), minus a CARA risk
 * premium 0.5 r Var on the loss borne (an invoice of mean_invoice). */
double rep_unit_value(const struct rep *r, const struct scheme_params *s,
                      const struct rep_params *p, double bad_share, double late_days,
                      double mean_invoice);

/* rep_unit_value in two steps, for a reading of many customers: what it
 * takes from the rep and the scheme alone, once (rep_unit_terms_init), then a
 * customer's value from those (rep_unit_value_with), the same to the
 * bit: each term is the leading part of the product or sum it stood in. */
struct rep_unit_terms {
    double commission_sales, commission_collected;
    double charge;          /* liability and clawback on a unit lost */
    double penalty_per_day; /* the late penalty's daily rate x the share borne */
    double grace_days;
    double risk_scale;      /* 0.5 r lost^2 x mean_invoice: the risk premium
                               is risk_scale b (1 - b) */
};
void rep_unit_terms_init(const struct rep *r, const struct scheme_params *s,
                         const struct rep_params *p, double mean_invoice, struct rep_unit_terms *t);
double rep_unit_value_with(const struct rep_unit_terms *t, double bad_share, double late_days);

/* Multiplier on the book's order rate: skill x ramp x selling effort. */
double rep_sell_multiplier(const struct rep *r, double ramp);

/* Contacts per day the rep makes on one overdue customer. */
double rep_contact_rate(const struct rep *r, const struct rep_params *p, double ramp);

/* Probability the rep declines an order worth unit_value to it: orders
 * worth less than nothing are caught in proportion to screening effort
 * and power; others are never declined. */
double rep_decline_prob(const struct rep *r, const struct rep_params *p, double unit_value);
/* The most it declines: the chance for an order worth less than nothing. */
double rep_screen_chance(const struct rep *r, const struct rep_params *p);

/* 0.3..1: how far a new rep has ramped up. */
double rep_ramp(const struct rep *r, int32_t day, const struct rep_params *p);

void rep_hire(struct rep *r, int32_t id, int32_t day, const struct rep_params *p, gsl_rng *rng);

/* Days a pushed reseller takes to sell the excess through and pay. */
#define REP_PUSH_DELAY_DAYS 45.0

/* How far a rep pushes extra stock onto resellers: the value of a pushed
 * unit (paid late, lost more often: overstocked resellers refuse to pay)
 * relative to a normal sale, in [0,1]. Only pay on shipment makes
 * pushing as good as selling. */
double rep_push_share(const struct rep *r, const struct scheme_params *s,
                      const struct rep_outlook *o);

/* What the bonuses make a currency-day less of overdue receivables in a
 * pay period worth to the rep. The DSO bonus: the bonus x the density of
 * the period's DSO at the target (normal, about dso_expected with dso_sd,
 * at least a day) / the period's sales; 0 without that bonus or before
 * the book's first period with sales. The collection bonus: the bonus x
 * the density of the period's collection rate at its target (normal,
 * about rate_expected with rate_sd, at least 0.01) x rate_expected /
 * rate_owed (what a currency less past due at the period's end adds to
 * the rate) / SCHEME_PERIOD_DAYS (a currency-day less over a period is
 * that share of a currency less at its end); 0 without that bonus or
 * before the book's first period read. Collecting is worth it on the
 * days its contacts save, as it is worth the late penalty. */
double rep_bonus_day_value(const struct scheme_params *s, const struct rep_outlook *o);

/* Exponential smoothing of a reading, half the weight on the newest:
 * its mean and, unless var is NULL, variance (the first sets the mean,
 * variance 0). */
void rep_smooth_reading(double *avg, double *var, int first, double x);

/* Marginal value (currency per week) of one more unit of each effort;
 * screening's per unit of selling too (see rep_best_response). */
void rep_effort_values(const struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, double value[EFFORT_KINDS]);

/* The best-response levels before noise on a book of book_scale nominal
 * books, at most REP_EFFORT_MAX, with c = effort_cost x book_scale:
 * collecting max(0, value) / c; selling and screening together, since
 * screening only works on the orders selling brings in. value[SELL] is
 * selling's worth with nothing screened, value[SCREEN] what screening
 * saves per unit of it and of selling: the pair maximising
 * s (sell + screen k) - c (s^2 + k^2) / 2, with k no more than catches
 * every bad order (1 / screen_power). So a rep that sells nothing
 * screens nothing. */
void rep_best_response(const struct rep_params *p, double book_scale,
                       const double value[EFFORT_KINDS], double level[EFFORT_KINDS]);

/* Sets r->effort for the coming week and books its cost. */
void rep_choose_effort(struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, gsl_rng *rng);

/* Weekly cost of effort levels on a book of book_scale nominal books
 * (currency). */
double rep_effort_cost(const struct rep_params *p, double book_scale,
                       const double level[EFFORT_KINDS]);

/* Cost of the effort of a pay period of `days` days employed (currency):
 * the weeks chosen in a full period, the current week's pro rata in a
 * shorter one. */
double rep_period_effort_cost(const struct rep *r, int days);

/* The share of the late penalty a rep expects to bear under the
 * scheme's monthly cap: cap / the month's penalty uncapped, at most 1.
 * The uncapped penalty is the daily rate on the balance past grace: the
 * book's now (penalised_now, currency), or, if more, its steady level,
 * a day's sales (monthly_sales / 30) for each day paid past grace
 * (late_days - grace). Exactly 1 without a cap or a rate. */
double rep_penalty_share(const struct scheme_params *s, double penalised_now,
                         double monthly_sales, double late_days);

enum rep_leaving { REP_STAYS, REP_QUITS, REP_DISMISSED };

/* Records the net pay of a period of `days` days employed, and the
 * firm's reading of the rep's selling in it (`selling`: skill x selling
 * effort against the customers it may ship to, 1 = nominal; NAN where the
 * firm does not judge it: see engine_close_periods); says whether the rep
 * leaves now. A period shorter than a full one (the end of the horizon)
 * counts at its monthly rate, and the chance of quitting in it shrinks
 * with its length. A rep is let go after two judged periods running
 * below dismiss_below (a period not judged breaks the run); one who
 * would both quit and be let go quits. */
enum rep_leaving rep_end_period(struct rep *r, double net_pay, double selling, int days,
                                int32_t day, const struct rep_params *p, gsl_rng *rng);

#endif
