/*
 * rep.c — trait draws, the weekly effort choice, the quit decision.
 *
 * The marginal values are the rep's own reading of the scheme: per unit
 * sold to a customer it earns the sales commission, the collection
 * commission on what will be paid, and loses the liability and clawback
 * on what will not, the late penalty on the days it expects the customer
 * to be overdue (the share of it the cap leaves it to bear), and a risk
 * premium 0.5 r Var on the loss it bears.
 * Selling is worth that summed over the book; screening is worth what the
 * orders worth less than nothing would cost, on the orders selling brings
 * in, so the two are chosen together; collecting is worth the
 * penalty days it saves, the losses it cures, the sales it unblocks and
 * the DSO and collection bonuses it makes likelier.
 */
#include "huikuan/draws.h"
#include "huikuan/libm_inline.h"
#include "huikuan/rep.h"
#include "huikuan/scheme.h"

#include <gsl/gsl_randist.h>
#include <math.h>

#define SMOOTHING 0.5 /* half the weight on the newest pay period */

/* The spread below which a book's DSO is not taken to be known: a rep
 * does not bet its collecting on the bonus's line to within less than a
 * day. */
#define DSO_SD_FLOOR_DAYS 1.0
/* ... and a collection rate's as at least a point. */
#define RATE_SD_FLOOR 0.01

void rep_smooth_reading(double *avg, double *var, int first, double x)
{
    if (first) {
        *avg = x;
        if (var)
            *var = 0;
        return;
    }
    double d = x - *avg;
    *avg += SMOOTHING * d;
    if (var)
        *var = (1.0 - SMOOTHING) * (*var + SMOOTHING * d * d);
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double rep_sell_multiplier(const struct rep *r, double ramp)
{
    return r->skill * ramp * r->effort[EFFORT_SELL];
}

double rep_contact_rate(const struct rep *r, const struct rep_params *p, double ramp)
{
    return p->contacts_per_week / 7.0 * r->effort[EFFORT_COLLECT] * ramp;
}

double rep_screen_chance(const struct rep *r, const struct rep_params *p)
{
    return clamp(r->effort[EFFORT_SCREEN] * p->screen_power, 0.0, 1.0);
}

double rep_decline_prob(const struct rep *r, const struct rep_params *p, double unit_value)
{
    if (unit_value >= 0)
        return 0;
    return rep_screen_chance(r, p);
}

double rep_ramp(const struct rep *r, int32_t day, const struct rep_params *p)
{
    if (p->ramp_days <= 0)
        return 1.0;
    /* Ramped up: at t = 1, 0.3 + 0.7 rounds to exactly 1.0, and beyond it
     * the sum only grows, so the clamp gives 1.0. Said so directly, most
     * calls (every order, contact and weekly reading of a settled rep)
     * need not wait for the division. */
    if (day - r->hired_day >= p->ramp_days)
        return 1.0;
    double t = (double)(day - r->hired_day) / p->ramp_days;
    return clamp(0.3 + 0.7 * t, 0.3, 1.0);
}

void rep_hire(struct rep *r, int32_t id, int32_t day, const struct rep_params *p, gsl_rng *rng)
{
    double zs = draw_gaussian(rng, 1.0), zf = draw_gaussian(rng, 1.0);
    *r = (struct rep){0};
    r->id = id;
    r->hired_day = day;
    r->skill = fmax_inline(REP_SKILL_MIN, p->skill_mean + p->skill_sd * zs);
    r->firmness = clamp(p->firmness_mean + p->firmness_sd * zf, 0.0, 1.0);
    for (int k = 0; k < EFFORT_KINDS; k++)
        r->effort[k] = 1.0;
    r->penalty_share = 1.0; /* a book's first rep reads the rate at face value */
}

void rep_effort_values(const struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, double value[EFFORT_KINDS])
{
    double charge = s->liability_share * s->transfer_price +
                    s->clawback_share * s->commission_sales;
    double lost = charge + s->commission_collected; /* a unit written off costs the rep */
    double reach = r->skill * ramp;

    value[EFFORT_SELL] = o->sell_value * reach;
    value[EFFORT_SCREEN] = o->screen_value * reach * p->screen_power;

    /* Collecting: each contact brings planned payments forward and cures
     * some that would never come, so fewer receivable-days (penalty days
     * past grace, a lower DSO) and, on what is long overdue, fewer losses;
     * at a customer showing warning signs it may bring the lawyer's letter
     * forward, which preserves part of what a failure would lose;
     * paid-up customers can be sold to again. Contacts come at the rep's
     * rate and press at its firmness, both ramping up. What one takes off
     * is read from the book as it stands (o->contact_days), so the more
     * the rep already collects, the less the next contact finds. */
    double contacts = p->contacts_per_week * r->firmness * ramp;
    double per_unit = rep_unit_value(r, s, p, o->bad_share, o->late_days, o->mean_invoice);
    double unblocked = 0.25 * o->blocked_sales * reach * fmax_inline(0.0, per_unit);
    value[EFFORT_COLLECT] =
        contacts * (ramp * (o->contact_penalty_days * s->penalty_daily_rate * r->penalty_share +
                            o->contact_days * rep_bonus_day_value(s, o)) +
                    o->at_risk_balance * lost * o->cure_prob * 0.1 +
                    o->letter_saves * r->firmness * ramp * lost + unblocked);
}

static double dso_day_value(const struct scheme_params *s, const struct rep_outlook *o)
{
    if (!scheme_has_dso_bonus(s) || !isfinite(o->dso_expected) || !(o->period_sales > 0))
        return 0;
    /* The bonus is paid when the period's DSO, receivable-days over sales,
     * is at most the target: with the DSO normal about what the book has
     * shown, a day less on average makes it likelier by the density at
     * the target, and a currency-day of receivables less in the period
     * is 1 / sales days less. */
    double sd = fmax_inline(o->dso_sd, DSO_SD_FLOOR_DAYS);
    double density = gsl_ran_ugaussian_pdf((s->bonus_dso_target_days - o->dso_expected) / sd) / sd;
    double bonus = (double)s->bonus_dso_amount / 100.0;
    return bonus * density / o->period_sales;
}

static double collection_day_value(const struct scheme_params *s, const struct rep_outlook *o)
{
    if (!scheme_has_collection_bonus(s) || !isfinite(o->rate_expected) || !(o->rate_owed > 0))
        return 0;
    /* The bonus is paid when the period's collection rate, collected over
     * collected + written off + past due at its end, reaches the target:
     * with the rate normal about what the book has shown, a higher rate
     * on average makes it likelier by the density at the target. A
     * payment brought forward by a day crosses the period's end if that
     * end falls on the day in between, one chance in a period's days.
     * Across it, the payment is collected in this period rather than
     * past due at its end, the rate up by 1 / owed a currency, and the
     * next period collects that much less, its rate down by
     * (1 - rate) / owed: rate / owed net, at the same density in both.
     * (A book that keeps a currency less past due, period after period,
     * gains the same.) */
    double sd = fmax_inline(o->rate_sd, RATE_SD_FLOOR);
    double density =
        gsl_ran_ugaussian_pdf((s->bonus_collection_target - o->rate_expected) / sd) / sd;
    double bonus = (double)s->bonus_collection_amount / 100.0;
    return bonus * density * o->rate_expected / o->rate_owed / SCHEME_PERIOD_DAYS;
}

double rep_bonus_day_value(const struct scheme_params *s, const struct rep_outlook *o)
{
    return dso_day_value(s, o) + collection_day_value(s, o);
}

/* What a unit's pay depends on besides its bad share and lateness, for
 * a rep who bears penalty_share of the late penalty. */
static void pay_terms(const struct scheme_params *s, double penalty_share, struct rep_unit_terms *t)
{
    t->commission_sales = s->commission_sales;
    t->commission_collected = s->commission_collected;
    t->charge = s->liability_share * s->transfer_price + s->clawback_share * s->commission_sales;
    t->penalty_per_day = s->penalty_daily_rate * penalty_share;
    t->grace_days = s->penalty_grace_days;
}

/* Expected pay per unit of a sale with bad share b paid late days late. */
static double unit_pay_with(const struct rep_unit_terms *t, double b, double late)
{
    double penalised = fmax_inline(0.0, late - t->grace_days);
    return t->commission_sales + t->commission_collected * (1.0 - b) - t->charge * b -
           t->penalty_per_day * penalised;
}

/* The same for a rep who bears penalty_share of the late penalty. */
static double unit_pay(const struct scheme_params *s, double b, double late, double penalty_share)
{
    struct rep_unit_terms t;
    pay_terms(s, penalty_share, &t);
    return unit_pay_with(&t, b, late);
}

void rep_unit_terms_init(const struct rep *r, const struct scheme_params *s,
                         const struct rep_params *p, double mean_invoice, struct rep_unit_terms *t)
{
    pay_terms(s, r->penalty_share, t);
    double lost = t->charge + t->commission_collected;
    t->risk_scale = 0.5 * p->risk_aversion * lost * lost * mean_invoice;
}

double rep_unit_value_with(const struct rep_unit_terms *t, double bad_share, double late_days)
{
    double b = clamp(bad_share, 0.0, 1.0);
    double risk = t->risk_scale * b * (1.0 - b);
    return unit_pay_with(t, b, late_days) - risk;
}

double rep_unit_value(const struct rep *r, const struct scheme_params *s,
                      const struct rep_params *p, double bad_share, double late_days,
                      double mean_invoice)
{
    struct rep_unit_terms t;
    rep_unit_terms_init(r, s, p, mean_invoice, &t);
    return rep_unit_value_with(&t, bad_share, late_days);
}

double rep_push_share(const struct rep *r, const struct scheme_params *s,
                      const struct rep_outlook *o)
{
    double normal = unit_pay(s, o->bad_share, o->late_days, r->penalty_share);
    double pushed = unit_pay(s, fmin_inline(1.0, 3.0 * o->bad_share + 0.05),
                             o->late_days + REP_PUSH_DELAY_DAYS, r->penalty_share);
    if (normal <= 0 || pushed <= 0)
        return 0;
    return clamp(pushed / normal, 0.0, 1.0);
}

/* Selling s and screening k together, at cost c per unit squared: the
 * week is worth s (sell + screen k) - c (s^2 + k^2) / 2 while k catches
 * fewer than all bad orders (k < most). For each k the best s is
 * (sell + screen k) / c within [0, REP_EFFORT_MAX], and what that is worth
 * is smooth in k, so its best k is 0, `most`, or where its derivative is
 * 0: where the two first-order conditions meet, k = sell screen /
 * (c^2 - screen^2), or, with selling at its most S, k = S screen / c. Of
 * these the one worth most (no screening on a tie). */
static void best_sell_and_screen(double c, double sell, double screen, double most,
                                 double *s_best, double *k_best)
{
    double candidates[4] = {0, most, 0, 0};
    int n = most > 0 ? 2 : 1;
    if (screen > 0 && c * c > screen * screen) {
        double meet = sell * screen / (c * c - screen * screen);
        if (meet > 0 && meet < most)
            candidates[n++] = meet;
    }
    double at_most_selling = REP_EFFORT_MAX * screen / c;
    if (at_most_selling > 0 && at_most_selling < most)
        candidates[n++] = at_most_selling;
    double best = -INFINITY;
    for (int i = 0; i < n; i++) {
        double k = candidates[i], margin = sell + screen * k;
        double s = clamp(margin / c, 0.0, REP_EFFORT_MAX);
        double worth = s * margin - 0.5 * c * (s * s + k * k);
        if (worth > best) {
            best = worth;
            *s_best = s;
            *k_best = k;
        }
    }
}

void rep_best_response(const struct rep_params *p, double book_scale,
                       const double value[EFFORT_KINDS], double level[EFFORT_KINDS])
{
    if (book_scale <= 0) { /* an empty book: nothing to work on */
        for (int k = 0; k < EFFORT_KINDS; k++)
            level[k] = 0;
        return;
    }
    double c = (double)p->effort_cost / 100.0 * book_scale;
    /* Screening beyond 1 / screen_power catches nothing more. */
    double most = p->screen_power > 0 ? fmin_inline(REP_EFFORT_MAX, 1.0 / p->screen_power) : 0;
    best_sell_and_screen(c, value[EFFORT_SELL], fmax_inline(0.0, value[EFFORT_SCREEN]), most,
                         &level[EFFORT_SELL], &level[EFFORT_SCREEN]);
    level[EFFORT_COLLECT] = clamp(value[EFFORT_COLLECT] / c, 0.0, REP_EFFORT_MAX);
}

double rep_effort_cost(const struct rep_params *p, double book_scale,
                       const double level[EFFORT_KINDS])
{
    double total = 0;
    for (int k = 0; k < EFFORT_KINDS; k++)
        total += level[k] * level[k];
    return 0.5 * (double)p->effort_cost / 100.0 * total * book_scale;
}

void rep_choose_effort(struct rep *r, const struct scheme_params *s,
                       const struct rep_params *p, const struct rep_outlook *o,
                       double ramp, gsl_rng *rng)
{
    double value[EFFORT_KINDS], level[EFFORT_KINDS];
    rep_effort_values(r, s, p, o, ramp, value);
    rep_best_response(p, o->book_scale, value, level);
    double sigma = p->effort_noise;
    for (int k = 0; k < EFFORT_KINDS; k++) {
        double noise = draw_lognormal(rng, -(0.5 * sigma * sigma), sigma); /* one draw each, always */
        r->effort[k] = clamp(level[k] * noise, 0.0, REP_EFFORT_MAX);
    }
    r->effort_cost_week = rep_effort_cost(p, o->book_scale, r->effort);
    r->effort_cost_month += r->effort_cost_week;
    r->push = rep_push_share(r, s, o);
}

double rep_period_effort_cost(const struct rep *r, int days)
{
    return days >= SCHEME_PERIOD_DAYS ? r->effort_cost_month : r->effort_cost_week * days / 7.0;
}

double rep_penalty_share(const struct scheme_params *s, double penalised_now,
                         double monthly_sales, double late_days)
{
    if (s->penalty_cap <= 0 || s->penalty_daily_rate <= 0)
        return 1.0;
    double steady =
        monthly_sales / SCHEME_PERIOD_DAYS * fmax_inline(0.0, late_days - s->penalty_grace_days);
    double uncapped =
        s->penalty_daily_rate * SCHEME_PERIOD_DAYS * fmax_inline(penalised_now, steady);
    double cap = (double)s->penalty_cap / 100.0;
    /* Once the cap binds, a day more late costs only in proportion. */
    return uncapped > cap ? cap / uncapped : 1.0;
}

enum rep_leaving rep_end_period(struct rep *r, double net_pay, double selling, int days,
                                int32_t day, const struct rep_params *p, gsl_rng *rng)
{
    /* A short period's pay and effort at their monthly rate: a 5-day stub
     * paying a sixth of a month is not a pay cut. */
    int full = days >= SCHEME_PERIOD_DAYS;
    double cost = full ? r->effort_cost_month : r->effort_cost_week * SCHEME_PERIOD_DAYS / 7.0;
    if (!full)
        net_pay *= (double)SCHEME_PERIOD_DAYS / days;
    rep_smooth_reading(&r->pay_avg, &r->pay_var, r->periods == 0, net_pay);
    double utility = r->pay_avg - 0.5 * p->risk_aversion * r->pay_var - cost;
    r->effort_cost_month = 0;
    r->utility_avg = r->periods == 0 ? utility
                                     : r->utility_avg + SMOOTHING * (utility - r->utility_avg);
    r->periods++;

    /* The firm's review: next to no selling in two judged periods running. */
    r->low_periods = !isnan(selling) && selling < p->dismiss_below ? r->low_periods + 1 : 0;

    /* Both draws every period, so the stream does not depend on branches. */
    double u_exog = draw_uniform(rng), u_pay = draw_uniform(rng);
    /* base_quit_rate reps a year leave each book: its rep leaves at the
     * period's end, and the replacement starts the next day. At most one
     * leaves a period, so the chance is the expected number itself; the
     * chance a rep's clock of that rate runs out, 1 - exp(-rate x span),
     * lost a third of the leavers at 10 a year. */
    int span = full ? SCHEME_PERIOD_DAYS : days;
    if (u_exog < p->base_quit_rate * (double)span / 365.0)
        return REP_QUITS;
    int settled = day - r->hired_day >= 60; /* a new rep gives it two months */
    double quit = full ? p->quit_prob : -expm1(log1p(-p->quit_prob) * days / SCHEME_PERIOD_DAYS);
    if (settled && r->utility_avg < (double)p->outside_option / 100.0 && u_pay < quit)
        return REP_QUITS;
    if (r->low_periods >= 2)
        return REP_DISMISSED;
    return REP_STAYS;
}
