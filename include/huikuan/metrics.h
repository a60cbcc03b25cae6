/*
 * metrics.h — the names, units and meanings of everything reported.
 *
 * One table serves summary.csv, replications.csv, the README and the
 * report, so a metric cannot be named one way in one file and another
 * way elsewhere. Money metrics are stored in currency units (double),
 * computed from exact cents.
 */
#ifndef HUIKUAN_METRICS_H
#define HUIKUAN_METRICS_H

enum metric_kind { KIND_MONEY, KIND_RATE, KIND_DAYS, KIND_COUNT };

enum metric_id {
    M_SALES,
    M_COLLECTED,
    M_BAD_DEBT,
    M_BAD_DEBT_RATE,
    M_DSO,
    M_OVERDUE_SHARE,
    M_AR_END,
    M_FIRM_PROFIT,
    M_COMP_COST,
    M_COMMISSION,
    M_PENALTIES,
    M_LIABILITY_CHARGES,
    M_COLLECTION_COST,
    M_REP_PAY_MEAN,
    M_REP_PAY_P10,
    M_REP_PAY_P90,
    M_REP_TURNOVER,
    M_GROSS_MARGIN,
    M_COST_OF_CAPITAL,
    M_FACTORING_COST,
    M_HIRING_COST,
    M_BASE_PAY,
    M_BONUSES,
    M_CLAWBACKS,
    M_DAYS_LATE,
    M_INVOICES,
    M_ORDERS_DECLINED,
    M_RISKY_SCREENED,
    M_OVERSTOCKED_SHARE,
    M_STOCK_MONTHS,
    M_CONTACTS,
    M_LITIGATIONS,
    M_INSOLVENCIES,
    M_EFFORT_SELL,
    M_EFFORT_SCREEN,
    M_EFFORT_COLLECT,
    M_REP_DISMISSALS,
    M_COLLECTION_RATE,
    M_DISCOUNTS,
    M_CONCESSIONS,
    M_EXCHANGE_OFFERS,
    M_EXCHANGES,
    M_INSTALMENT_PLANS,
    M_INSTALMENT_PLANS_BROKEN,
    M_INTEREST,
    M_REPOSSESSED,
    M_REPOSSESSED_VALUE,
    METRIC_COUNT
};

/* Per window month, for monthly.csv. */
enum monthly_id {
    MO_SALES,
    MO_COLLECTED,
    MO_BAD_DEBT,
    MO_AR,
    MO_OVERDUE,
    MO_DSO,
    MO_DAYS_LATE,
    MO_COMP_COST,
    MO_QUITS,
    MO_OVERSTOCKED,
    MO_DAYS,
    MO_BLACKOUT_DAYS,
    MO_DISCOUNTS,
    MO_CONCESSIONS,
    MO_REPOSSESSED,
    MONTHLY_COUNT
};

/* The values a metric can take, for cutting its interval to them. */
struct metric_range {
    double lo, hi;
};

struct metric_info {
    const char *name;
    int kind;               /* enum metric_kind */
    const char *unit;
    const char *definition;
};

struct scenario;
const struct metric_info *metric_info(int id);
const struct metric_info *monthly_info(int id);
/* [0, 1] for shares, [0, inf) for amounts, counts, days and rates that
 * cannot be negative, unbounded for profit and pay. The bad debt rate is
 * a share where sc has no warm-up: with one, what was sold before the
 * horizon may be written off in it. */
struct metric_range metric_range(int id, const struct scenario *sc);
struct metric_range monthly_range(int id);

/* What one event adds to a metric that counts rare events (lawsuits,
 * insolvencies, reps who quit or are dismissed; a month's quits), whose
 * interval then also covers a Poisson count's (stats_summarise_events):
 * 1 for a count, 365 / (reps x days) for a rate per rep and year. 0 for
 * every other metric, and for an event the scenario rules out (no
 * lawsuit under the Markov behaviour, no dismissal with dismiss_below 0,
 * ...): a count that cannot be anything but 0 is not uncertain. */
double metric_event(int id, const struct scenario *sc);
/* What one loss adds to bad debt, in currency, for the interval of an
 * amount written off (or collected) where few replications or none saw
 * any: an invoice of the mean amount (orders.amount_mean); 0 where the
 * scenario plainly can lose nothing (every kind of customer with customers pays each invoice
 * after the same fixed delay, short of the write-off, with nothing that
 * could hold it back; not the Markov chain). */
double metric_loss_event(const struct scenario *sc);
/* What one rep's week of screening at the most effort a rep can show
 * (REP_EFFORT_MAX: its choice, at most 1 / screen_power, times the
 * weekly noise, is cut there) adds to effort_screen, the mean over the
 * horizon's weekly choices: in most settings reps screen in a few weeks
 * of a few books, and a run may see none in any replication, which is
 * not "none certainly"; its interval is then widened as that of money
 * written off (metric_loss_event), this week for the loss. 0 where no
 * rep screens (reps.screen_power 0) or the horizon holds no weekly
 * choice. */
double metric_screening_week(const struct scenario *sc);
/* Whether metric id counts rare events or money written off (or the
 * screening effort, as such), whose interval is widened where few or
 * none are seen (metric_event, metric_loss_event, metric_screening_week),
 * unless the scenario rules them out: the same count of none in a few
 * replications is not certain. */
int metric_rare(int id);
/* The same for one customer segment (SEG_*): 0 where it has no customers
 * or plainly can lose nothing. */
double metric_segment_loss_event(const struct scenario *sc, int segment);
/* A count over a horizon of `days` with `reps` books, per rep and year
 * (rep_turnover, rep_dismissals). */
double metric_per_rep_year(double count, int reps, int days);
double monthly_event(int id, const struct scenario *sc);

/* Index of a metric by name, or -1. */
int metric_find(const char *name);

/* Writes value as the kind dictates: money "%.2f", rates "%.6f", days
 * "%.3f", counts "%.3f". Non-finite values are written as "nan". */
void metric_format(int kind, double value, char *buf, unsigned size);

/* Ages (days past due) at which collectibility is reported. */
enum { COLLECT_AGE_POINTS = 16 };
extern const int COLLECT_AGES[COLLECT_AGE_POINTS];

#endif
