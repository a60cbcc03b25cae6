/*
 * rep.c — trait draws, the logit effort choice, and the quit decision.
 *
 * Effort shares always sum to 1 and each stays at least EFFORT_FLOOR:
 * nobody stops answering the phone entirely, and the logit never
 * returns an exact zero anyway.
 */
#include "huikuan/rep.h"

#include <gsl/gsl_randist.h>
#include <math.h>

#define EFFORT_FLOOR 0.02
/* Relative unpleasantness of each activity, times reps.effort_cost. */
static const double EFFORT_WEIGHT[EFFORT_KINDS] = {0.4, 0.6, 1.0};
/* A period of smoothing: half the weight on the newest period. */
#define SMOOTHING 0.5

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double rep_sell_multiplier(const struct rep *r, double ramp)
{
    return r->skill * ramp * (0.5 + 1.5 * r->effort[EFFORT_SELL]);
}

double rep_contact_rate(const struct rep *r, const struct rep_params *p, double ramp)
{
    return p->contacts_per_week / 7.0 * 3.0 * r->effort[EFFORT_COLLECT] * ramp;
}

double rep_decline_prob(const struct rep *r, const struct rep_params *p, double default_prob)
{
    /* Screening at neutral effort (1/3) with power 1 declines a customer
     * that defaults on one invoice in ten with probability 0.1 * 10 / 3. */
    return clamp(3.0 * r->effort[EFFORT_SCREEN] * p->screen_power * default_prob * 10.0 / 3.0,
                 0.0, 1.0);
}

double rep_ramp(const struct rep *r, int32_t day, const struct rep_params *p)
{
    if (p->ramp_days <= 0)
        return 1.0;
    double t = (double)(day - r->hired_day) / p->ramp_days;
    return clamp(0.3 + 0.7 * t, 0.3, 1.0);
}

void rep_hire(struct rep *r, int32_t id, int32_t day, const struct rep_params *p, gsl_rng *rng)
{
    r->id = id;
    r->hired_day = day;
    r->skill = fmax(0.05, p->skill_mean + (p->skill_sd > 0 ? gsl_ran_gaussian(rng, p->skill_sd) : 0));
    r->firmness = clamp(p->firmness_mean + (p->firmness_sd > 0 ? gsl_ran_gaussian(rng, p->firmness_sd) : 0),
                        0.0, 1.0);
    for (int k = 0; k < EFFORT_KINDS; k++)
        r->effort[k] = 1.0 / EFFORT_KINDS;
    r->utility_avg = 0;
    r->pay_avg = 0;
    r->pay_var = 0;
    r->periods = 0;
}

void rep_effort_values(const struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, double value[EFFORT_KINDS])
{
    double cs = s->commission_sales, cc = s->commission_collected;
    /* What the rep loses per unit of a sale that goes bad. */
    double loss = s->liability_share * s->transfer_price + s->clawback_share * cs + cc;
    double grace = s->penalty_grace_days;
    double penalised = fmax(0.0, o->late_days - grace);

    /* Selling: the book's potential at full effort is 1.5x neutral more
     * sales (see rep_sell_multiplier); each unit sold earns this much. */
    double per_unit = cs + cc * (1.0 - o->bad_share) -
                      (loss - cc) * o->bad_share - s->penalty_daily_rate * penalised;
    double risk = 0.5 * p->risk_aversion * loss * loss * o->mean_invoice * o->bad_share *
                  (1.0 - o->bad_share);
    double sold = o->sales_potential * r->skill * ramp * 1.5;
    value[EFFORT_SELL] = sold * (per_unit - risk);

    /* Screening: declines risky orders, avoiding their losses and risk
     * but also their commission. */
    double risky = sold * o->risky_share * fmin(1.0, p->screen_power * o->risky_bad_share * 10.0);
    double risky_risk = 0.5 * p->risk_aversion * loss * loss * o->mean_invoice *
                        o->risky_bad_share * (1.0 - o->risky_bad_share);
    value[EFFORT_SCREEN] =
        risky * ((loss - cc) * o->risky_bad_share + risky_risk - cs - cc * (1.0 - o->risky_bad_share));

    /* Collecting: contacts per period on each overdue invoice shorten
     * delays (less penalty) and cure some defaults (less loss). */
    double contacts = p->contacts_per_week * 30.0 / 7.0 * 3.0 * r->firmness * ramp;
    double days_saved = fmin(o->late_days, contacts * o->pressure_response * o->late_days * 0.5);
    double cured = 1.0 - pow(1.0 - fmin(1.0, o->cure_prob * r->firmness), contacts);
    double bad_in_overdue = fmin(1.0, o->bad_share * 3.0);
    value[EFFORT_COLLECT] = o->overdue_balance *
                            (s->penalty_daily_rate * days_saved + loss * cured * bad_in_overdue);

    double cost = (double)p->effort_cost / 100.0;
    for (int k = 0; k < EFFORT_KINDS; k++)
        value[k] -= cost * EFFORT_WEIGHT[k];
}

void rep_choose_effort(struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, gsl_rng *rng)
{
    double value[EFFORT_KINDS];
    rep_effort_values(r, s, p, o, ramp, value);
    /* Temperature in currency: effort_noise times the cost of effort
     * (at least 100 units, so free effort still gets a scale). */
    double temperature = p->effort_noise * fmax(100.0, (double)p->effort_cost / 100.0);
    double best = value[0];
    for (int k = 1; k < EFFORT_KINDS; k++)
        best = fmax(best, value[k]);
    double weight[EFFORT_KINDS], total = 0;
    for (int k = 0; k < EFFORT_KINDS; k++) {
        double shock = gsl_ran_gaussian(rng, 0.3);
        weight[k] = exp((value[k] - best) / temperature + shock);
        total += weight[k];
    }
    double floor_total = EFFORT_FLOOR * EFFORT_KINDS;
    for (int k = 0; k < EFFORT_KINDS; k++)
        r->effort[k] = EFFORT_FLOOR + (1.0 - floor_total) * weight[k] / total;
}

int rep_end_period(struct rep *r, double net_pay, int32_t day, const struct rep_params *p,
                   gsl_rng *rng)
{
    if (r->periods == 0) {
        r->pay_avg = net_pay;
        r->pay_var = 0;
    } else {
        double d = net_pay - r->pay_avg;
        r->pay_avg += SMOOTHING * d;
        r->pay_var = (1.0 - SMOOTHING) * (r->pay_var + SMOOTHING * d * d);
    }
    double effort_cost = 0;
    for (int k = 0; k < EFFORT_KINDS; k++)
        effort_cost += EFFORT_WEIGHT[k] * r->effort[k];
    effort_cost *= (double)p->effort_cost / 100.0;
    double utility = r->pay_avg - 0.5 * p->risk_aversion * r->pay_var - effort_cost;
    r->utility_avg = r->periods == 0 ? utility
                                     : r->utility_avg + SMOOTHING * (utility - r->utility_avg);
    r->periods++;

    /* Both draws are taken every period so the stream does not depend on
     * which branch fires. */
    double u_exog = gsl_rng_uniform(rng), u_pay = gsl_rng_uniform(rng);
    if (u_exog < 1.0 - exp(-p->base_quit_rate * 30.0 / 365.0))
        return 1;
    int settled = day - r->hired_day >= 60; /* a new rep gives it two months */
    if (settled && r->utility_avg < (double)p->outside_option / 100.0 && u_pay < p->quit_prob)
        return 1;
    return 0;
}
