/*
 * engine_internal.h — state shared by engine.c (set-up, day loop, pay
 * periods, results) and engine_events.c (what happens to invoices and
 * customers). Private to the engine: nothing outside src/engine*.c
 * includes it.
 */
#ifndef HUIKUAN_ENGINE_INTERNAL_H
#define HUIKUAN_ENGINE_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "huikuan/calendar.h"
#include "huikuan/customer.h"
#include "huikuan/draws.h"
#include "huikuan/engine.h"
#include "huikuan/ledger.h"
#include "huikuan/scheme.h"
#include "huikuan/streams.h"

enum event_kind {
    /* invoice events: target is an invoice id, stamp its slot stamp */
    EV_REMIND, EV_DUE, EV_GRACE, EV_PAY, EV_WRITE_OFF, EV_FACTOR, EV_MARKOV,
    /* customer events: target is a customer; case events carry case_stamp */
    EV_ORDER, EV_CHASE, EV_CHASE_WAIT, EV_LETTER, EV_JUDGMENT, EV_PAY_RUN, EV_DISTRESS,
    EV_INSOLVENT, EV_RERATE, EV_NEW_CUSTOMER,
};

enum { PERIOD_DAYS = SCHEME_PERIOD_DAYS, WEEK_DAYS = 7, MAX_AGE = 731 };

/* Below this many customers a book's customers, generators, accounts and
 * invoices stay in cache, and fetching ahead only costs instructions
 * (measured: 23 % slower at 400 customers, even at 5,000, 26 % faster
 * at 20,000). */
enum { PREFETCH_MIN_CUSTOMERS = 10000 };

/* From this many customers a day's events run sorted by customer, a
 * sweep through memory; below it the customers' records stay in the
 * caches and the sort only costs time (measured on one thread: sorted
 * took 7 to 12 % longer from 400 to 100,000 customers, unsorted 6 %
 * longer at 300,000 and 25 % at 1,000,000; README, on performance).
 * The order in which different customers' events run does not change
 * results: customers meet only in what the day's end gathers
 * (engine_shards.c). */
enum { SORT_MIN_CUSTOMERS = 200000 };

/* Shards a thread takes in a split replication, as they come free: with
 * one core slowed by a neighbour, 4 ran a million customers fastest (1, 2
 * and 8 measured too). */
enum { SHARDS_PER_THREAD = 4 };

/* Room set aside at set-up, per customer, so that the day loop allocates
 * nothing. Measured peaks, over the presets and the default scenario
 * from 400 to 300,000 customers: 3.3 shared invoice slots a customer
 * with no home slots (2.4 beside 8 home slots; 10.6 where two reps share
 * 400 customers and cannot chase them all), 18.7 pending events a
 * customer (17 from 20,000 up; 16 were too few at a million), 0.8 events
 * a customer in one lane (2 with one customer) and 1.7 rep records a
 * book. Large room is address space: pages are mapped only as they are
 * used. Beyond it, pools grow and replication_result.day_loop_allocations
 * counts it. */
/* A month's pay for one rep above this many cents (10^15 currency units)
 * stops the run: beyond it a pay figure cannot be held to the cent, and
 * a month's components could leave what 64 bits count. */
#define PAY_PERIOD_MAX_CENTS 1e17

#define RESERVE_SHARED_SLOTS_PER_CUSTOMER 12
#define RESERVE_EVENTS_PER_CUSTOMER 24
#define RESERVE_LANE_EVENTS_PER_CUSTOMER 3
#define RESERVE_RECORDS_PER_BOOK 2

/* What allowances take off invoices, the ledger's discounted, by kind:
 * cash discounts for paying early, an exchange offer's discount on a
 * reseller's orders (engine_allow_share), and goods taken back, credited
 * as a sales return (engine_repossess.c). */
enum allowance { ALLOW_CASH_DISCOUNT, ALLOW_CONCESSION, ALLOW_RETURN, ALLOWANCE_KINDS };

struct book {
    struct rep rep;
    int record;                  /* index into result reps, -1 outside the horizon */
    struct scheme_period period;
    cents_t allowed[ALLOWANCE_KINDS]; /* this pay period's allowances on the book, by kind */
    int32_t period_start;
    cents_t penalty_base;        /* balance past due + grace */
    double resolved, bad, late_weighted, paid; /* experience, decayed monthly */
    double expected_output, output_variance;   /* process = effort: this period, cents */
    double selling_sum;          /* this pay period's weekly readings of its rep's
                                    selling (engine_choose_efforts) ... */
    int selling_weeks;           /* ... and how many */
    double dso_avg, dso_var;     /* the book's DSO as its pay periods judged it,
                                    smoothed (engine_close_periods) ... */
    double sales_avg;            /* ... and its sales a period, currency */
    int dso_periods;             /* periods with sales read so far */
    double rate_avg, rate_var;   /* its collection rate as its pay periods judged it,
                                    smoothed (engine_close_periods) ... */
    double rate_owed_avg;        /* ... what it had to collect in a period, currency ... */
    int rate_periods;            /* ... and periods read so far */
    double call_rate, call_chance; /* its rep's last contact rate and the
                                      daily chance of a call at it ... */
    double call_log_miss;        /* ... and log(1 - that chance), for the gaps */
    struct rep_outlook outlook;
    struct rep_unit_terms unit_terms; /* the terms of a unit's value to its rep, for
                                         gather_outlooks' reading only: stale once
                                         the rep chooses or a new one is hired */
};

struct window {
    cents_t sales, collected, bad_debt, collection_cost, factoring_cost, hiring_cost;
    cents_t allowed[ALLOWANCE_KINDS];
    int64_t exchange_offers, exchanges; /* made, and taken */
    int64_t instalment_plans, instalment_plans_broken; /* agreed, and broken */
    cents_t interest;            /* collected on instalment plans */
    __int128 ar_cent_days, overdue_cent_days; /* sums over days: 64 bits could overflow */
    int64_t invoices, orders_placed, orders_declined, risky_placed, risky_declined;
    int64_t contacts, litigations, quits, dismissals, insolvencies;
    /* Pay is not bounded by the scale rule (a participation base carries
     * a premium on output variance, a penalty compounds over days), so
     * its sums are 128-bit; a month's pay itself is checked (close_period). */
    __int128 base, commission, bonus, penalty, liability, clawback, net;
    __int128 late_weighted;      /* collected x days late, for mean days late */
    double effort_sum[EFFORT_KINDS];
    int64_t effort_n;
    double overstocked_sum, stock_months_sum;
    int64_t stock_samples;
    double collection_rate_sum;  /* books' full pay periods' collection rates ... */
    int64_t collection_rate_n;   /* ... and how many */
};

struct month {
    cents_t sales, collected, bad_debt, allowed[ALLOWANCE_KINDS];
    __int128 net;                /* pay: see struct window */
    __int128 ar_cent_days, late_weighted;
    int quits;
    cents_t segment_paid[SEG_COUNT];
    __int128 segment_late[SEG_COUNT];
};

/* What the firm learns from a shard's payments and losses, kind by kind
 * of customer (its own loss history is their sum): shared with every
 * shard once a day. */
struct learned_kind {
    cents_t paid;     /* how late it pays: collected ... */
    __int128 late;    /* ... x days late */
    cents_t resolved; /* what it loses: settled (paid or written off) ... */
    cents_t bad;      /* ... of which written off */
};
struct learned {
    struct learned_kind kind[SEG_COUNT];
};

/* The same, as the firm has seen it up to the end of the day before
 * (decayed monthly), and the days late that makes (late / paid, NAN
 * while nothing is paid): read for every customer of the kind at each
 * weekly reading, worked out once a day (kind_history_days_late). */
struct kind_history {
    double paid, late, resolved, bad;
    double days_late;
};

static inline void kind_history_days_late(struct kind_history *h)
{
    h->days_late = h->paid > 0 ? h->late / h->paid : NAN;
}

/* What a shard's events add up for the results, besides its window and
 * month; merged into the replication at the end. Integers only, so the
 * sums cannot depend on how the books were split. */
struct tally {
    int64_t events, invoices_issued, pay_runs;
    /* In the horizon, per segment (paid and late: the replication adds
     * up its months' instead): */
    cents_t segment_sales[SEG_COUNT], segment_paid[SEG_COUNT], segment_bad[SEG_COUNT];
    cents_t segment_allowed[ALLOWANCE_KINDS][SEG_COUNT];
    __int128 segment_late[SEG_COUNT];
    cents_t report_paid[REPORT_WEEKS];
    cents_t markov_reached[MARKOV_MAX_STATES], markov_paid[MARKOV_MAX_STATES];
    cents_t markov_bad[MARKOV_MAX_STATES];
    int64_t markov_invoices[MARKOV_MAX_STATES];
    cents_t paid_at_age[MAX_AGE + 1], due_at_age[MAX_AGE + 1];
    struct draw_counts draws;
};

/* A replication's state. Its books are split into shards (ranges of
 * books, the ledger's pools), whose events may run on threads of their
 * own: each shard is a copy of the engine that shares the customers,
 * books, generators and ledger, and has its own calendar, window, month,
 * tally and what it learned; engine_shards.c folds them back in. */
struct engine {
    const struct scenario *sc;
    struct replication_result *out;
    gsl_rng *structure;           /* set-up only */
    struct streams *cust_rng;     /* CUSTOMER_DRAWS per customer, side by side */
    struct streams *rep_rng;      /* REP_DRAWS per rep slot, side by side */
    struct ledger *ledger;
    int prefetch;                 /* the book is too big for the caches */
    int sort_lanes;               /* run a day's events customer by customer */
    int out_of_memory;            /* an invoice or an event found no room */
    const char *pay_overflow;     /* the first month's pay beyond PAY_PERIOD_MAX_CENTS ... */
    double pay_overflow_cents;    /* ... its amount */
    const char *pay_overflow_keys; /* ... and the keys it grows with */
    int64_t record_growths;       /* times the rep records outgrew their room */
    struct calendar *cal;         /* a shard's own; NULL in the replication */
    struct engine *shard;         /* [shards] */
    struct hk_error *shard_err;   /* [shards] */
    int shards, threads;          /* threads share out the shards as they come free */
    struct customer *cust;
    struct customer_mix *mix;
    gsl_ran_discrete_t *markov[MARKOV_MAX_STATES]; /* transition row of each state */
    struct book *books;
    int32_t next_rep_id;
    int32_t window_start, window_end;
    /* The firm's own loss history, which every rep sees (decayed monthly). */
    double firm_resolved, firm_bad;
    struct kind_history kind[SEG_COUNT];
    struct window w;
    struct month month;
    struct tally t;
    struct learned learned;       /* a shard's, since the end of the day before */
    cents_t *at_risk;             /* per book: more than 60 days past due, weekly */
    double *pay_samples;
    int64_t pay_count, pay_capacity;
};

static inline gsl_rng *engine_customer_rng(struct engine *e, int32_t ci, enum customer_draws use)
{
    return streams_get(e->cust_rng, (size_t)ci * CUSTOMER_DRAWS + (size_t)use);
}

static inline gsl_rng *engine_rep_rng(struct engine *e, int32_t book, enum rep_draws use)
{
    return streams_get(e->rep_rng, (size_t)book * REP_DRAWS + (size_t)use);
}

static inline int engine_in_window(const struct engine *e, int32_t day)
{
    return day >= e->window_start && day < e->window_end;
}

void engine_push(struct engine *e, int32_t day, int lane, int kind, int32_t target,
                 uint32_t stamp);
double engine_ramp(const struct engine *e, const struct book *b, int32_t day);
/* Whole days to the next of a stream of events at per_day (> 0) a day:
 * geometric, at least 1. */
unsigned int engine_draw_gap(gsl_rng *rng, double per_day);
/* The chance of at least one event a day at per_day a day (0 at or
 * below 0). */
double engine_daily_chance(double per_day);
/* Whole days to the next event at chance p a day, at least 1, or 0 for
 * never: p = 0, or beyond 2^24 days. log_q is log(1 - p), which the
 * caller keeps with p. */
int32_t engine_gap_days(gsl_rng *rng, double p, double log_q);

/* engine_money.c: the only way money moves */
void engine_post_payment(struct engine *e, int32_t id, cents_t amount, int32_t day);
/* Pays the invoice's balance on `day`, less the cash discount if it has
 * one and day is not past its last day. */
void engine_pay_in_full(struct engine *e, int32_t id, int32_t day);
/* Takes `share` of invoice id's amount off its balance as an allowance
 * of `kind`, booked on `day`; returns what was taken. It leaves at least
 * a cent to pay (half of a cent rounds up to the whole of it), so the
 * invoice is settled as any other. */
cents_t engine_allow_share(struct engine *e, int32_t id, double share, enum allowance kind,
                           int32_t day);
/* Takes `amount` (at most the balance) off invoice id as an allowance
 * of `kind`, booked on `day`; returns what was taken. An invoice it
 * settles closes as a paid one does. */
cents_t engine_allow(struct engine *e, int32_t id, cents_t amount, enum allowance kind, int32_t day);
void engine_write_off(struct engine *e, int32_t id, int32_t day);
/* Recovers share of the balance and writes off the rest; returns what
 * was recovered. */
cents_t engine_settle_at_loss(struct engine *e, int32_t id, double share, int32_t day);
void engine_add_collection_cost(struct engine *e, cents_t cost, int32_t day);
/* Interest a customer pays on its instalment plan: the firm's income,
 * beside the invoices (not cash collected on them). */
void engine_collect_interest(struct engine *e, cents_t amount, int32_t day);
/* Days past due of the customer's oldest overdue invoice (0 if none). */
int32_t engine_oldest_past_due(const struct engine *e, int32_t ci, int32_t day);

/* engine_orders.c */
/* What an order from this customer is worth to its rep, per unit, from
 * the customer's kind (risk; visible distress) and payment history. */
double engine_order_value(const struct engine *e, int32_t ci);
/* The same in two steps, for a reading of a whole book: its rep's terms
 * once, then each customer's value from them. */
void engine_unit_terms(const struct engine *e, int32_t book, struct rep_unit_terms *t);
double engine_order_value_with(const struct engine *e, int32_t ci, const struct rep_unit_terms *t);
/* A customer's orders begin: the first on `day` or after a gap at its
 * own pace, by the scenario's order process. */
void engine_start_orders(struct engine *e, int32_t ci, int32_t day);
/* Each week, once reps have chosen their effort: the pending orders of
 * the customers of books [first, end) move with their new rates. */
void engine_retime_orders(struct engine *e, int32_t first, int32_t end, int32_t day);
/* An EV_ORDER event: the order, unless its customer was replaced since. */
void engine_on_order(struct engine *e, int32_t ci, uint32_t stamp, int32_t day);

/* engine_events.c */
int engine_run_lane(struct engine *e, int32_t day, int lane, struct hk_error *err);
double engine_contact_strength(const struct engine *e, const struct book *b,
                               const struct ledger_invoice *v, int32_t day);
void engine_open_case(struct engine *e, int32_t ci, int32_t day);
/* The first day on or after `day` of customer ci's pay runs, which fall
 * on its own weekday (ci mod pay_run_days). */
int32_t engine_pay_run_from(const struct scenario *sc, int32_t ci, int32_t day);
/* Whether an exchange offer customer c took holds on `day`: from the day
 * after it was made through collection.exchange_days days, its
 * exchange_until the last (engine_exchange.c). */
static inline int engine_exchange_holds(const struct scenario *sc, const struct customer *c,
                                        int32_t day)
{
    return day <= c->exchange_until && day > c->exchange_until - sc->collection.exchange_days;
}
/* The last day an invoice is paid with the cash discount: cash_discount_days
 * after its issue, or its due date if that comes first. */
static inline int32_t engine_discount_last_day(const struct scenario *sc,
                                               const struct ledger_invoice *v)
{
    int32_t last = v->issue_day + sc->firm.cash_discount_days;
    return last < v->due_day ? last : v->due_day;
}
/* Whether a dispute holds the invoice's payment back on `day`: its
 * remedy not begun, or not yet added. */
static inline int engine_awaits_remedy(const struct ledger_invoice *v, int32_t day)
{
    return v->plan.disputed && (v->plan.remedy_day < 0 || v->plan.remedy_day > day);
}
/* The day the firm's ladder presses customer ci again while it holds its
 * cash for its reporting date (seed 000: once it has said so, wait): the
 * day after the week it said it would pay in (a pay-run customer: after
 * its first run past the date). `day` itself where it does not hold its
 * cash on `day`, has failed, owes a debt it left unpaid after its last
 * report, or the firm does not wait (collection.wait_for_reports). */
int32_t engine_ladder_waits_until(const struct engine *e, int32_t ci, int32_t day);
/* The day to look again if something stops the customer paying this
 * invoice today (-1: until a remedy starts), or 0 if nothing does. */
int32_t engine_payment_blocked_until(struct engine *e, const struct ledger_invoice *v, int32_t day);

/* engine_shards.c: shards copy e (set up first) and get calendars of
 * `days` days; run_lane runs one lane of every shard, shards handed out to
 * threads as they come free;
 * learn folds what the firm learned today into e (each day's end);
 * share_view gives the shards e's view of how late each kind of customer
 * pays (before each day); merge folds their windows, months and tallies
 * into e (before e reads them). */
int engine_shards_alloc(struct engine *e, int shards, int32_t days);
void engine_shards_free(struct engine *e);
int engine_shards_run_lane(struct engine *e, int32_t day, int lane, struct hk_error *err);
void engine_shards_learn(struct engine *e);
void engine_shards_share_view(struct engine *e);
void engine_shards_merge(struct engine *e);
/* Runs fn(e, first, end, day) on each shard's books [first, end), the
 * shards side by side. fn may change only those books, their customers
 * and entries for them, and must not draw: draws are counted per thread. */
void engine_shards_each(struct engine *e,
                        void (*fn)(struct engine *e, int32_t first, int32_t end, int32_t day),
                        int32_t day);
void engine_shards_finish_day(struct engine *e, int32_t day);

/* engine.c */
/* The first day after `day` on which reps choose their weekly effort, or
 * INT32_MAX if none comes before the horizon ends. */
int32_t engine_next_effort_choice(const struct engine *e, int32_t day);

/* engine_exchange.c. The exchange offer (collection.exchange_discount),
 * made with a case's statement to customer ci if its unsold stock holds
 * back a payment it means to make: its discount off the customer's
 * orders for collection.exchange_days days from the next (the last
 * its exchange_until), against paying as it meant to. Taken when
 * customer_takes_exchange says so: what stock held back is paid the next
 * day, and stock holds back nothing of its through that last day. An
 * order it places while the offer holds (engine_exchange_holds) is
 * allowed the discount at its issue (ALLOW_CONCESSION). */
void engine_offer_exchange(struct engine *e, int32_t ci, int32_t day);

/* engine_instalments.c. An instalment plan (collection.instalments),
 * offered with the lawyer's letter to customer ci if it pays by pay
 * runs, shows no warning signs, has broken no plan in the case, and its
 * cash falls short of what it owes overdue, less what awaits a remedy:
 * that debt in equal parts, one due every 30 days from the offer. Its
 * invoices are flagged plan.instalment while it is in force
 * (instalments_from >= 0). */
void engine_offer_instalments(struct engine *e, int32_t ci, int32_t day);
enum { INSTALMENT_DAYS = 30 }; /* between a plan's instalments */
/* A pay run of customer ci on `day` pays its plan first, out of `cash`
 * (cents): the interest owed on it (collection.instalment_interest),
 * then what the plan asks up to the next instalment's due day on or
 * after `day` (every instalment after the last), to its invoices oldest
 * first, as far as the customer means to pay them and nothing blocks
 * them. Returns what it paid in all; 0 with no plan in force and on the
 * plan's own day. A plan paid off ends, kept. */
cents_t engine_pay_instalment(struct engine *e, int32_t ci, double cash, int32_t day);
/* Whether customer ci keeps to its plan on `day`: each instalment paid
 * by the day after the first pay run on or after its due day. Returns
 * the next such day while it does; 0 where no plan is in force, and
 * where the plan ends now, paid off, broken (an instalment short) or
 * with the customer failed. */
int32_t engine_review_instalments(struct engine *e, int32_t ci, int32_t day);

/* engine_repossess.c. Taking goods back (collection.repossess), before
 * the firm sues or files a claim (engine_repossess_overdue: for every
 * overdue invoice of customer ci, oldest first) and before it writes an
 * invoice off (engine_repossess_invoice): the firm's goods the customer
 * holds unsold, up to what it owes, credited as ALLOW_RETURN (engine_allow). Each
 * returns what it took back; 0 with repossess off or no stock held. */
cents_t engine_repossess_overdue(struct engine *e, int32_t ci, int32_t day);
cents_t engine_repossess_invoice(struct engine *e, int32_t id, int32_t day);
/* What goods taken back are worth to the firm, a share of what they
 * credit: their cost (1 - firm.gross_margin) at collection.repossess_value. */
double engine_repossess_worth(const struct scenario *sc);

/* engine_cases.c */
/* Books the rep's next contact in customer ci's open case, at the rep's
 * contact rate on `day`, the earliest on `earliest`. */
void engine_book_chase(struct engine *e, int32_t ci, int32_t day, int32_t earliest);
/* At an invoice's due date (day): books its write-off now if the
 * collection letters might book it too late. */
void engine_book_early_write_off(struct engine *e, int32_t id, int32_t day);
/* At an invoice's due date (day, its first day past due): a dispute on
 * it, in a case whose statement has already reconciled the account, is
 * found as a statement would find it, not at the case's next letter
 * (which, past the lawyer's letter, is the judgment). */
void engine_find_later_dispute(struct engine *e, int32_t id, int32_t day);
void engine_schedule_customer_events(struct engine *e, int32_t c, int32_t day);
void engine_on_customer_event(struct engine *e, int kind, int32_t ci, uint32_t stamp, int32_t day);

/* engine_reps.c */
/* Opens the record of book's current rep in the results: its index, or
 * -1 on no memory. */
int engine_record_open(struct engine *e, int32_t book);
/* Each week: what every rep sees in its book, then its effort choice,
 * then every customer's next order re-timed at the new rates. */
void engine_choose_efforts(struct engine *e, int32_t day);
/* A new rep for book from `day`, its record opened with open_record. */
void engine_hire(struct engine *e, int32_t book, int32_t day, int open_record);
/* Every book's pay period ends on `day`: each rep is paid, and may quit
 * and be replaced. */
void engine_close_periods(struct engine *e, int32_t day);
/* Whether `day` ends a pay period: every 30 days from the horizon's start,
 * and its last day. */
int engine_is_period_end(const struct engine *e, int32_t day);
/* The month ending on `day` into the results' monthly rows. */
void engine_record_month(struct engine *e, int32_t day);

#endif
