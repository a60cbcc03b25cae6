/*
 * metrics.c — the metric table. Definitions here are the ones the README
 * repeats; change both together.
 */
#include "huikuan/metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "huikuan/rep.h"
#include "huikuan/scenario.h"

static const struct metric_info METRICS[METRIC_COUNT] = {
    [M_SALES] = {"sales", KIND_MONEY, "currency", "invoiced in the horizon"},
    [M_COLLECTED] = {"collected", KIND_MONEY, "currency",
                     "cash received in the horizon, including legal recoveries"},
    [M_BAD_DEBT] = {"bad_debt", KIND_MONEY, "currency", "written off in the horizon"},
    [M_BAD_DEBT_RATE] = {"bad_debt_rate", KIND_RATE, "fraction", "bad_debt / sales"},
    [M_DSO] = {"dso", KIND_DAYS, "days",
               "average receivables / average daily sales over the horizon"},
    [M_OVERDUE_SHARE] = {"overdue_share", KIND_RATE, "fraction",
                         "time-averaged overdue receivables / time-averaged receivables"},
    [M_AR_END] = {"ar_end", KIND_MONEY, "currency", "receivables outstanding at the end"},
    [M_FIRM_PROFIT] = {"firm_profit", KIND_MONEY, "currency",
                       "gross_margin + interest + repossessed_value - discounts - "
                       "concessions - repossessed - comp_cost - bad_debt - cost_of_capital - "
                       "collection_cost - factoring_cost - hiring_cost"},
    [M_COMP_COST] = {"comp_cost", KIND_MONEY, "currency",
                     "sum of reps' net pay: base + commission + bonuses - penalties - "
                     "liability_charges - clawbacks"},
    [M_COMMISSION] = {"commission", KIND_MONEY, "currency",
                      "commission on sales plus commission on collections"},
    [M_PENALTIES] = {"penalties", KIND_MONEY, "currency", "daily late penalties charged to reps"},
    [M_LIABILITY_CHARGES] = {"liability_charges", KIND_MONEY, "currency",
                             "bad debt charged to reps: liability_share x transfer_price x written off "
                             "(and what goods taken back lose)"},
    [M_COLLECTION_COST] = {"collection_cost", KIND_MONEY, "currency",
                           "reminders, calls, visits, letters and lawsuits, at their costs"},
    [M_REP_PAY_MEAN] = {"rep_pay_mean", KIND_MONEY, "currency per rep-month",
                        "mean net pay per rep per 30 days"},
    [M_REP_PAY_P10] = {"rep_pay_p10", KIND_MONEY, "currency per rep-month",
                       "10th percentile of net pay per rep per 30 days"},
    [M_REP_PAY_P90] = {"rep_pay_p90", KIND_MONEY, "currency per rep-month",
                       "90th percentile of net pay per rep per 30 days"},
    [M_REP_TURNOVER] = {"rep_turnover", KIND_RATE, "per year",
                        "reps who left (quit or were let go) / reps.count, annualised"},
    [M_GROSS_MARGIN] = {"gross_margin", KIND_MONEY, "currency", "firm.gross_margin x sales"},
    [M_COST_OF_CAPITAL] = {"cost_of_capital", KIND_MONEY, "currency",
                           "firm.cost_of_capital / 365 x receivables summed over days"},
    [M_FACTORING_COST] = {"factoring_cost", KIND_MONEY, "currency",
                          "discount paid to the factor on receivables sold"},
    [M_HIRING_COST] = {"hiring_cost", KIND_MONEY, "currency",
                       "firm.hiring_cost x reps who left in the horizon"},
    [M_BASE_PAY] = {"base_pay", KIND_MONEY, "currency", "base salaries paid"},
    [M_BONUSES] = {"bonuses", KIND_MONEY, "currency", "DSO and collection bonuses paid"},
    [M_CLAWBACKS] = {"clawbacks", KIND_MONEY, "currency",
                     "sales commission clawed back on written-off invoices (and what goods "
                     "taken back lose)"},
    [M_DAYS_LATE] = {"days_late", KIND_DAYS, "days",
                     "days after the due date payments arrived, weighted by amount"},
    [M_INVOICES] = {"invoices", KIND_COUNT, "count", "invoices issued in the horizon"},
    [M_ORDERS_DECLINED] = {"orders_declined", KIND_RATE, "fraction",
                           "orders declined by screening or the credit limit / orders placed"},
    [M_RISKY_SCREENED] = {"risky_screened", KIND_RATE, "fraction",
                          "orders from risky customers (default risk >= 0.1, or visibly "
                          "distressed) declined by the rep's screening / such orders placed"},
    [M_OVERSTOCKED_SHARE] = {"overstocked_share", KIND_RATE, "fraction",
                             "share of stock-holding resellers above their stock limit, "
                             "averaged over month ends"},
    [M_STOCK_MONTHS] = {"stock_months", KIND_DAYS, "months of demand",
                        "resellers' stock of the firm's goods in months of their demand"},
    [M_CONTACTS] = {"contacts", KIND_COUNT, "count", "collection contacts in the horizon"},
    [M_LITIGATIONS] = {"litigations", KIND_COUNT, "count", "lawsuits filed"},
    [M_INSOLVENCIES] = {"insolvencies", KIND_COUNT, "count", "customers that became insolvent"},
    [M_EFFORT_SELL] = {"effort_sell", KIND_RATE, "level (1 = nominal)",
                       "mean weekly selling effort of reps"},
    [M_EFFORT_SCREEN] = {"effort_screen", KIND_RATE, "level (1 = nominal)",
                         "mean weekly credit-screening effort of reps"},
    [M_EFFORT_COLLECT] = {"effort_collect", KIND_RATE, "level (1 = nominal)",
                          "mean weekly collecting effort of reps"},
    [M_REP_DISMISSALS] = {"rep_dismissals", KIND_RATE, "per year",
                          "reps let go for selling below reps.dismiss_below / reps.count, "
                          "annualised (part of rep_turnover)"},
    [M_COLLECTION_RATE] = {"collection_rate", KIND_RATE, "fraction",
                           "a book's collected / (collected + written off + balance past due "
                           "at the end) in a full pay period, averaged over the horizon's "
                           "periods and books: what scheme.bonus_collection_target is judged "
                           "against"},
    [M_DISCOUNTS] = {"discounts", KIND_MONEY, "currency",
                     "cash discounts allowed on invoices paid early (firm.cash_discount)"},
    [M_CONCESSIONS] = {"concessions", KIND_MONEY, "currency",
                       "discounts allowed on the orders of resellers that took an exchange "
                       "offer (collection.exchange_discount)"},
    [M_EXCHANGE_OFFERS] = {"exchange_offers", KIND_COUNT, "count",
                           "exchange offers made to resellers holding back payment for unsold "
                           "stock"},
    [M_EXCHANGES] = {"exchanges", KIND_COUNT, "count",
                     "exchange offers taken (the reseller pays what stock held back)"},
    [M_INSTALMENT_PLANS] = {"instalment_plans", KIND_COUNT, "count",
                            "instalment plans agreed with customers short of cash "
                            "(collection.instalments)"},
    [M_INSTALMENT_PLANS_BROKEN] = {"instalment_plans_broken", KIND_COUNT, "count",
                                   "instalment plans ended in the horizon with an instalment "
                                   "unpaid or the customer failed, whenever agreed (the firm "
                                   "may sue)"},
    [M_INTEREST] = {"interest", KIND_MONEY, "currency",
                    "interest collected on instalment plans (collection.instalment_interest)"},
    [M_REPOSSESSED] = {"repossessed", KIND_MONEY, "currency",
                       "goods taken back from customers before a lawsuit, claim or write-off, "
                       "at the invoice value credited for them (collection.repossess)"},
    [M_REPOSSESSED_VALUE] = {"repossessed_value", KIND_MONEY, "currency",
                             "what the goods taken back are worth to the firm: "
                             "collection.repossess_value x (1 - firm.gross_margin) x repossessed"},
};

static const struct metric_info MONTHLY[MONTHLY_COUNT] = {
    [MO_SALES] = {"sales", KIND_MONEY, "currency", "invoiced in the month"},
    [MO_COLLECTED] = {"collected", KIND_MONEY, "currency", "cash received in the month"},
    [MO_BAD_DEBT] = {"bad_debt", KIND_MONEY, "currency", "written off in the month"},
    [MO_AR] = {"ar", KIND_MONEY, "currency", "receivables at month end"},
    [MO_OVERDUE] = {"overdue", KIND_MONEY, "currency", "overdue receivables at month end"},
    [MO_DSO] = {"dso", KIND_DAYS, "days", "average receivables / average daily sales in the month"},
    [MO_DAYS_LATE] = {"days_late", KIND_DAYS, "days", "days late of the month's payments"},
    [MO_COMP_COST] = {"comp_cost", KIND_MONEY, "currency", "reps' net pay for the month"},
    [MO_QUITS] = {"quits", KIND_COUNT, "count",
                  "reps who left (quit or were let go) at the month end"},
    [MO_OVERSTOCKED] = {"overstocked", KIND_RATE, "fraction",
                        "share of resellers above their stock limit at month end"},
    [MO_DAYS] = {"days", KIND_DAYS, "days",
                 "days of the horizon in the month: 30, fewer in a last month cut short"},
    [MO_BLACKOUT_DAYS] = {"blackout_days", KIND_DAYS, "days",
                          "days of the month on which a segment's customers hold back payment "
                          "before the firm's reporting date (report_blackout_days)"},
    [MO_DISCOUNTS] = {"discounts", KIND_MONEY, "currency",
                      "cash discounts allowed in the month (firm.cash_discount)"},
    [MO_CONCESSIONS] = {"concessions", KIND_MONEY, "currency",
                        "exchange offers' discounts allowed on the month's orders "
                        "(collection.exchange_discount)"},
    [MO_REPOSSESSED] = {"repossessed", KIND_MONEY, "currency",
                        "goods taken back in the month, at the invoice value credited for "
                        "them (collection.repossess)"},
};

const int COLLECT_AGES[COLLECT_AGE_POINTS] = {0,   30,  60,  90,  100, 120, 150, 180,
                                              240, 270, 300, 365, 450, 540, 630, 730};

const struct metric_info *metric_info(int id)
{
    return &METRICS[id];
}

const struct metric_info *monthly_info(int id)
{
    return &MONTHLY[id];
}

static const struct metric_range SHARE = {0.0, 1.0}, NON_NEGATIVE = {0.0, INFINITY},
                                  ANY = {-INFINITY, INFINITY};

struct metric_range metric_range(int id, const struct scenario *sc)
{
    switch (id) {
    case M_BAD_DEBT_RATE:
        return sc->sim.warmup_days == 0 ? SHARE : NON_NEGATIVE;
    case M_FIRM_PROFIT:
    case M_COMP_COST:
    case M_REP_PAY_MEAN:
    case M_REP_PAY_P10:
    case M_REP_PAY_P90:
    case M_BASE_PAY: /* a participation base may be negative */
        return ANY;
    case M_OVERDUE_SHARE: /* bad_debt_rate is not: warm-up sales written off count */
    case M_ORDERS_DECLINED:
    case M_RISKY_SCREENED:
    case M_OVERSTOCKED_SHARE:
    case M_COLLECTION_RATE:
        return SHARE;
    default:
        return NON_NEGATIVE;
    }
}

struct metric_range monthly_range(int id)
{
    switch (id) {
    case MO_COMP_COST:
        return ANY;
    case MO_OVERSTOCKED:
        return SHARE;
    default:
        return NON_NEGATIVE;
    }
}

/* Whether any customer can fail: some segment with customers has a
 * hazard of insolvency once in distress. */
static int insolvency_possible(const struct scenario *sc)
{
    for (int k = 0; k < SEG_COUNT; k++)
        if (sc->segment[k].share > 0 && sc->segment[k].insolvency_hazard > 0)
            return 1;
    return 0;
}

/* Whether the firm can let a rep go: for selling below dismiss_below,
 * which it does not judge under the effort process (output is effort
 * plus noise there, and no rep sells below 0). */
static int dismissal_possible(const struct scenario *sc)
{
    return sc->reps.dismiss_below > 0 && sc->orders.process != ORDERS_EFFORT;
}

/* Whether a rep can leave: quitting, for reasons inside the model or
 * outside it, or dismissal. */
static int leaving_possible(const struct scenario *sc)
{
    return sc->reps.quit_prob > 0 || sc->reps.base_quit_rate > 0 || dismissal_possible(sc);
}

/* Whether the firm can lose money on a customer. Said of a scenario only
 * where it plainly cannot: every kind of customer with customers pays
 * every invoice after the same fixed delay, short of the write-off, with
 * nothing that could hold a payment back past it (no default, failure,
 * dispute, cash constraint, learnt leniency, reporting blackout, stock to
 * sell through or goods on consignment). Anything else can, and so can
 * the Markov chain's write-off state. */
static int segment_loss_possible(const struct scenario *sc, int k)
{
    const struct segment_params *g = &sc->segment[k];
    if (!(g->share > 0))
        return 0;
    if (sc->customers.behaviour == BEHAVIOUR_MARKOV || sc->firm.consignment_share > 0)
        return 1;
    return g->default_prob > 0 || g->insolvency_hazard > 0 || g->delay_sd_days > 0 ||
           g->dispute_prob > 0 || g->cash_ratio > 0 || g->leniency_learning > 0 ||
           g->report_blackout_days > 0 || g->stock_months > 0 ||
           g->delay_mean_days >= sc->firm.write_off_days;
}

static int loss_possible(const struct scenario *sc)
{
    for (int k = 0; k < SEG_COUNT; k++)
        if (segment_loss_possible(sc, k))
            return 1;
    return 0;
}

double metric_segment_loss_event(const struct scenario *sc, int segment)
{
    return segment_loss_possible(sc, segment) ? (double)sc->orders.amount_mean / 100.0 : 0.0;
}

double metric_loss_event(const struct scenario *sc)
{
    return loss_possible(sc) ? (double)sc->orders.amount_mean / 100.0 : 0.0;
}

double metric_screening_week(const struct scenario *sc)
{
    /* effort_screen is the mean over the horizon's weekly choices (days
     * that are multiples of a week), one a book each. */
    int32_t from = sc->sim.warmup_days, to = sc->sim.warmup_days + sc->sim.days;
    double choices = (double)sc->reps.count * ((to + 6) / 7 - (from + 6) / 7);
    return sc->reps.screen_power > 0 && choices > 0 ? REP_EFFORT_MAX / choices : 0.0;
}

double metric_per_rep_year(double count, int reps, int days)
{
    return count / reps * 365.0 / days;
}

double metric_event(int id, const struct scenario *sc)
{
    double rate = metric_per_rep_year(1.0, sc->reps.count, sc->sim.days);
    switch (id) {
    case M_LITIGATIONS: /* the Markov chain has no collection cases */
        return sc->customers.behaviour != BEHAVIOUR_MARKOV ? 1.0 : 0.0;
    case M_INSOLVENCIES:
        return insolvency_possible(sc) ? 1.0 : 0.0;
    case M_REP_TURNOVER:
        return leaving_possible(sc) ? rate : 0.0;
    case M_REP_DISMISSALS:
        return dismissal_possible(sc) ? rate : 0.0;
    case M_HIRING_COST: /* a hire for every rep who left: in currency, as the metric */
        return leaving_possible(sc) && sc->firm.hiring_cost > 0 ? (double)sc->firm.hiring_cost / 100.0
                                                                : 0.0;
    default:
        return 0.0;
    }
}

int metric_rare(int id)
{
    return id == M_LITIGATIONS || id == M_INSOLVENCIES || id == M_REP_TURNOVER ||
           id == M_REP_DISMISSALS || id == M_HIRING_COST || id == M_EFFORT_SCREEN ||
           id == M_BAD_DEBT || id == M_BAD_DEBT_RATE;
}

double monthly_event(int id, const struct scenario *sc)
{
    return id == MO_QUITS && leaving_possible(sc) ? 1.0 : 0.0;
}

int metric_find(const char *name)
{
    for (int i = 0; i < METRIC_COUNT; i++)
        if (strcmp(METRICS[i].name, name) == 0)
            return i;
    return -1;
}

void metric_format(int kind, double value, char *buf, unsigned size)
{
    if (!isfinite(value)) {
        snprintf(buf, size, "nan");
        return;
    }
    const char *fmt = kind == KIND_MONEY ? "%.2f" : kind == KIND_RATE ? "%.6f" : "%.3f";
    snprintf(buf, size, fmt, value);
    if (strcmp(buf, "-0.00") == 0 || strcmp(buf, "-0.000000") == 0 || strcmp(buf, "-0.000") == 0)
        memmove(buf, buf + 1, strlen(buf)); /* no negative zero in files */
}
