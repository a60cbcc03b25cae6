/*
 * engine.c — one replication: set-up, the day loop, results (reps, their
 * weekly choice and pay periods: engine_reps.c).
 *
 * Day d: lane-0 events (due dates and grace ends pass, insolvencies),
 * then accruals (receivable-days, penalty balance-days), then lane-1
 * events (orders, payments, contacts, letters, pay runs, write-offs; see
 * engine_events.c). Every 7 days each rep chooses next week's effort;
 * every 30 days (aligned to the start of the horizon) reps are paid,
 * may quit and are replaced, and the ledger identity is checked.
 */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/draws.h"
#include "engine_internal.h"
#include "huikuan/markov.h"

static uint64_t splitmix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t engine_stream_seed(uint64_t seed, int replication, int stream)
{
    /* Chained mixing: distinct (seed, replication, stream) give unrelated
     * seeds. The generator takes 32 bits of them, so two of a
     * replication's streams may still start alike: make_streams_distinct
     * sees to that. */
    return splitmix64(splitmix64(splitmix64(seed) ^ (uint64_t)replication) ^ (uint64_t)stream);
}

struct stream_origin {
    uint64_t seed;
    int replication;
};

uint64_t engine_stream_reseed(uint64_t seed, int replication, int stream, int attempt)
{
    return splitmix64(engine_stream_seed(seed, replication, stream) ^
                      (uint64_t)attempt * 0xD1B54A32D192ED03ULL);
}

/* Generator `index` is stream `index` (the structure's, the customers',
 * the reps'): its attempt-th other seed. */
static unsigned long other_seed(size_t index, int attempt, void *context)
{
    const struct stream_origin *o = context;
    return (unsigned long)engine_stream_reseed(o->seed, o->replication, (int)index, attempt);
}

/* The replication's streams in their numbering (engine.h): the
 * structure's, the customers', the rep slots'. */
static size_t stream_count(const struct scenario *sc)
{
    return STREAM_FIRST_CUSTOMER + (size_t)sc->customers.count * CUSTOMER_DRAWS +
           (size_t)sc->reps.count * REP_DRAWS;
}

static gsl_rng *stream_at(struct engine *e, size_t index)
{
    size_t customer_streams = (size_t)e->sc->customers.count * CUSTOMER_DRAWS;
    if (index < STREAM_FIRST_CUSTOMER)
        return e->structure;
    index -= STREAM_FIRST_CUSTOMER;
    return index < customer_streams ? streams_get(e->cust_rng, index)
                                    : streams_get(e->rep_rng, index - customer_streams);
}

/* Seeds every stream from (seed, replication, its number), then sees to
 * it that no two of them draw the same numbers. */
static int seed_streams(struct engine *e, int replication)
{
    const struct scenario *sc = e->sc;
    size_t n = stream_count(sc);
    gsl_rng **all = malloc(n * sizeof *all);
    if (!all)
        return -1;
    for (size_t i = 0; i < n; i++) {
        all[i] = stream_at(e, i);
        gsl_rng_set(all[i], engine_stream_seed(sc->sim.seed, replication, (int)i));
    }
    struct stream_origin origin = {sc->sim.seed, replication};
    long reseeded = streams_make_distinct(all, n, other_seed, &origin);
    free(all);
    return reseeded < 0 ? -1 : 0;
}

void engine_push(struct engine *e, int32_t day, int lane, int kind, int32_t target, uint32_t stamp)
{
    /* The event's customer: a day's events run customer by customer. */
    int32_t group = kind < EV_ORDER ? ledger_invoice(e->ledger, target)->customer : target;
    struct calendar_event ev = {target, stamp, (uint8_t)kind, group};
    /* A shard books its own customers' events; set-up and the weekly
     * re-timing of orders book into theirs. */
    struct engine *owner = e->cal ? e : &e->shard[ledger_pool_of_book(e->ledger, e->cust[group].book)];
    if (calendar_push(owner->cal, day, lane, ev) != 0)
        owner->out_of_memory = 1; /* an event lost is a wrong result: its lane fails */
}

int32_t engine_next_effort_choice(const struct engine *e, int32_t day)
{
    int32_t next = (day / WEEK_DAYS + 1) * WEEK_DAYS;
    return next < e->window_end ? next : INT32_MAX;
}

double engine_ramp(const struct engine *e, const struct book *b, int32_t day)
{
    return rep_ramp(&b->rep, day, &e->sc->reps);
}

double engine_daily_chance(double per_day)
{
    if (per_day <= 0)
        return 0;
    return per_day >= 30 ? 1.0 : -expm1(-per_day);
}

unsigned int engine_draw_gap(gsl_rng *rng, double per_day)
{
    return draw_geometric(rng, engine_daily_chance(per_day));
}

int32_t engine_gap_days(gsl_rng *rng, double p, double log_q)
{
    if (p <= 0)
        return 0;
    if (1.0 - p == 1.0) {
        /* A chance too small for 1 - p to differ from 1: GSL would divide
         * by log(1) = 0. Never, after the same one draw. */
        draw_geometric(rng, 1.0);
        return 0;
    }
    /* Kept as a double: at a contact rate all but 0 the count can pass
     * what GSL's unsigned int holds. It is at least 1, so truncating it
     * rounds it down, and rounded down it passes 2^24 just when it is
     * 2^24 + 1 or more. */
    double k = draw_geometric_unrounded_log(rng, p, log_q);
    return k >= (1U << 24) + 1.0 ? 0 : (int32_t)k;
}

/* ---- set-up and results ----------------------------------------------------- */

/* Customers of books [0, book): customer c is book c % books's. */
static int64_t customers_before(const struct scenario *sc, int64_t book)
{
    int64_t customers = sc->customers.count, books = sc->reps.count;
    int64_t rest = customers % books;
    return customers / books * book + (book < rest ? book : rest);
}

/* Sets aside what the day loop's pools will need (see RESERVE_*): each
 * shard's shared invoice slots (its pool's) and events, for the customers
 * of its books, and the rep records. */
static int reserve(struct engine *e)
{
    const struct scenario *sc = e->sc;
    int64_t counted = 0;
    for (int s = 0; s < e->shards; s++) {
        int64_t own = customers_before(sc, ledger_pool_first_book(e->ledger, s + 1)) -
                      customers_before(sc, ledger_pool_first_book(e->ledger, s));
        counted += own;
        if (ledger_reserve(e->ledger, s, own * RESERVE_SHARED_SLOTS_PER_CUSTOMER) != 0 ||
            calendar_reserve(e->shard[s].cal, own * RESERVE_EVENTS_PER_CUSTOMER,
                             e->sort_lanes ? own * RESERVE_LANE_EVENTS_PER_CUSTOMER + 64 : 0) != 0)
            return -1;
    }
    assert(counted == sc->customers.count); /* every customer in one shard */
    struct replication_result *r = e->out;
    int cap = sc->reps.count * RESERVE_RECORDS_PER_BOOK + 64;
    r->reps = malloc((size_t)cap * sizeof *r->reps);
    if (!r->reps)
        return -1;
    r->rep_capacity = cap;
    return 0;
}

static int engine_setup(struct engine *e, const struct scenario *sc, int replication,
                        int shards, int threads, struct replication_result *out)
{
    memset(e, 0, sizeof *e);
    e->sc = sc;
    e->out = out;
    e->threads = threads; /* set-up's first effort choice already runs on them */
    e->window_start = sc->sim.warmup_days;
    e->window_end = sc->sim.warmup_days + sc->sim.days;
    /* Room for the run-off: the slowest path to settlement is a consignment
     * or term due date, then write-off (or a judgment on the way). */
    int32_t days = e->window_end + 2 * (sc->firm.term_days + 180) + sc->firm.write_off_days +
                   4 * sc->collection.litigation_days + 2;
    if (sc->collection.instalments > 0) /* a plan kept holds its write-offs to its end, */
        days += sc->collection.instalments * INSTALMENT_DAYS + 2 * sc->customers.pay_run_days +
                sc->firm.report_period_days + 1; /* or the first pay run after a report */
    if (sc->customers.behaviour == BEHAVIOUR_MARKOV) {
        /* ... or, under a chain, as long as it takes to settle (validated) */
        const struct markov_params *m = &sc->markov;
        int periods = markov_settle_periods(m, MARKOV_SETTLED_TAIL,
                                            MARKOV_RUNOFF_MAX_DAYS / m->period_days);
        int32_t settled = e->window_end + (periods + 1) * m->period_days + 2;
        if (periods > 0 && settled > days)
            days = settled;
    }

    e->structure = gsl_rng_alloc(gsl_rng_taus2);
    e->cust_rng = streams_alloc(gsl_rng_taus2, (size_t)sc->customers.count * CUSTOMER_DRAWS);
    e->rep_rng = streams_alloc(gsl_rng_taus2, (size_t)sc->reps.count * REP_DRAWS);
    if (!e->structure || !e->cust_rng || !e->rep_rng || seed_streams(e, replication) != 0)
        return -1;
    e->prefetch = sc->customers.count >= PREFETCH_MIN_CUSTOMERS;
    e->sort_lanes = sc->customers.count >= SORT_MIN_CUSTOMERS;
    /* Home slots pay only when the book is bigger than the caches. */
    shards = shards < 1 ? 1 : shards > sc->reps.count ? sc->reps.count : shards;
    e->ledger = ledger_alloc(sc->customers.count, sc->reps.count, e->prefetch ? 8 : 0, shards);
    e->cust = calloc((size_t)sc->customers.count, sizeof *e->cust);
    e->books = calloc((size_t)sc->reps.count, sizeof *e->books);
    out->months = (sc->sim.days + PERIOD_DAYS - 1) / PERIOD_DAYS;
    out->monthly = calloc((size_t)out->months, sizeof *out->monthly);
    out->segment_monthly_paid = calloc((size_t)out->months, sizeof *out->segment_monthly_paid);
    out->segment_monthly_late = calloc((size_t)out->months, sizeof *out->segment_monthly_late);
    e->pay_capacity = (int64_t)sc->reps.count * (out->months + 1);
    e->pay_samples = malloc((size_t)e->pay_capacity * sizeof *e->pay_samples);
    e->at_risk = malloc((size_t)sc->reps.count * sizeof *e->at_risk);
    e->mix = customer_mix_alloc(sc);
    if (sc->customers.behaviour == BEHAVIOUR_MARKOV)
        for (int s = 0; s < sc->markov.states; s++) {
            e->markov[s] = gsl_ran_discrete_preproc((size_t)sc->markov.states + 2, sc->markov.p[s]);
            if (!e->markov[s])
                return -1;
        }
    if (!e->ledger || !e->cust || !e->books || !out->monthly || !e->pay_samples || !e->at_risk ||
        !out->segment_monthly_paid || !out->segment_monthly_late || !e->mix)
        return -1;
    if (engine_shards_alloc(e, shards, days) != 0 || reserve(e) != 0)
        return -1;
    for (int32_t ci = 0; ci < sc->customers.count; ci++) {
        int segment = customer_draw_segment(e->mix, e->structure);
        customer_init(&e->cust[ci], segment, ci % sc->reps.count, sc,
                      engine_customer_rng(e, ci, CUSTOMER_DRAWS_LIFE));
        out->segment_customers[segment]++;
    }
    for (int32_t k = 0; k < sc->reps.count; k++) {
        engine_hire(e, k, 0, 0); /* records open when the horizon starts */
        e->books[k].record = -1;
        /* ... which, without warm-up, is now: the first week's choice
         * counts in each rep's record as in the replication's mean. */
        if (e->window_start == 0 && (e->books[k].record = engine_record_open(e, k)) < 0)
            return -1;
    }
    engine_choose_efforts(e, 0);
    for (int32_t ci = 0; ci < sc->customers.count; ci++) {
        engine_start_orders(e, ci, 0);
        engine_schedule_customer_events(e, ci, 0);
    }
    /* A shard's lane reports an event it lost; these were booked before any ran. */
    for (int s = 0; s < e->shards; s++)
        if (e->shard[s].out_of_memory)
            return -1;
    return 0;
}

/* Allocations by the pools and the rep records since they were set up. */
static int64_t growths(const struct engine *e)
{
    int64_t n = ledger_growths(e->ledger) + e->record_growths;
    for (int s = 0; s < e->shards; s++)
        n += calendar_growths(e->shard[s].cal);
    return n;
}

static void engine_teardown(struct engine *e)
{
    if (e->structure)
        gsl_rng_free(e->structure);
    streams_free(e->cust_rng);
    streams_free(e->rep_rng);
    ledger_free(e->ledger);
    engine_shards_free(e);
    customer_mix_free(e->mix);
    for (int s = 0; s < MARKOV_MAX_STATES; s++)
        if (e->markov[s])
            gsl_ran_discrete_free(e->markov[s]);
    free(e->cust);
    free(e->books);
    free(e->pay_samples);
    free(e->at_risk);
}

static double units(__int128 c)
{
    return (double)c / 100.0;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

static void finish_metrics(struct engine *e)
{
    const struct scenario *sc = e->sc;
    struct replication_result *r = e->out;
    const struct window *w = &e->w;
    double *m = r->metric;
    cents_t gross = money_apply_rate(sc->firm.gross_margin, w->sales);
    cents_t capital = (cents_t)llround(sc->firm.cost_of_capital / 365.0 * (double)w->ar_cent_days);
    cents_t goods_back = money_apply_rate(engine_repossess_worth(sc), w->allowed[ALLOW_RETURN]);
    __int128 profit = (__int128)gross + w->interest + goods_back - w->allowed[ALLOW_CASH_DISCOUNT] -
                      w->allowed[ALLOW_CONCESSION] - w->allowed[ALLOW_RETURN] - w->net -
                      w->bad_debt - capital - w->collection_cost - w->factoring_cost -
                      w->hiring_cost;

    r->sales = w->sales;
    r->collected = w->collected;
    r->bad_debt = w->bad_debt;
    r->discounts = w->allowed[ALLOW_CASH_DISCOUNT];
    r->concessions = w->allowed[ALLOW_CONCESSION];
    r->repossessed = w->allowed[ALLOW_RETURN];
    m[M_SALES] = units(w->sales);
    m[M_COLLECTED] = units(w->collected);
    m[M_BAD_DEBT] = units(w->bad_debt);
    m[M_BAD_DEBT_RATE] = ratio((double)w->bad_debt, (double)w->sales);
    m[M_DSO] = ratio((double)w->ar_cent_days, (double)w->sales);
    m[M_OVERDUE_SHARE] = ratio((double)w->overdue_cent_days, (double)w->ar_cent_days);
    m[M_FIRM_PROFIT] = units(profit);
    m[M_COMP_COST] = units(w->net);
    m[M_COMMISSION] = units(w->commission);
    m[M_PENALTIES] = units(w->penalty);
    m[M_LIABILITY_CHARGES] = units(w->liability);
    m[M_COLLECTION_COST] = units(w->collection_cost);
    m[M_GROSS_MARGIN] = units(gross);
    m[M_COST_OF_CAPITAL] = units(capital);
    m[M_FACTORING_COST] = units(w->factoring_cost);
    m[M_DISCOUNTS] = units(r->discounts);
    m[M_CONCESSIONS] = units(r->concessions);
    m[M_EXCHANGE_OFFERS] = (double)w->exchange_offers;
    m[M_EXCHANGES] = (double)w->exchanges;
    m[M_INSTALMENT_PLANS] = (double)w->instalment_plans;
    m[M_INSTALMENT_PLANS_BROKEN] = (double)w->instalment_plans_broken;
    m[M_INTEREST] = units(w->interest);
    m[M_REPOSSESSED] = units(r->repossessed);
    m[M_REPOSSESSED_VALUE] = units(goods_back);
    m[M_HIRING_COST] = units(w->hiring_cost);
    m[M_BASE_PAY] = units(w->base);
    m[M_BONUSES] = units(w->bonus);
    m[M_CLAWBACKS] = units(w->clawback);
    m[M_DAYS_LATE] = ratio((double)w->late_weighted, (double)w->collected);
    m[M_INVOICES] = (double)w->invoices;
    m[M_ORDERS_DECLINED] = ratio((double)w->orders_declined, (double)w->orders_placed);
    m[M_RISKY_SCREENED] = ratio((double)w->risky_declined, (double)w->risky_placed);
    m[M_OVERSTOCKED_SHARE] = ratio(w->overstocked_sum, (double)w->stock_samples);
    m[M_STOCK_MONTHS] = ratio(w->stock_months_sum, (double)w->stock_samples);
    m[M_CONTACTS] = (double)w->contacts;
    m[M_LITIGATIONS] = (double)w->litigations;
    m[M_INSOLVENCIES] = (double)w->insolvencies;
    m[M_REP_TURNOVER] = metric_per_rep_year((double)w->quits, sc->reps.count, sc->sim.days);
    m[M_REP_DISMISSALS] = metric_per_rep_year((double)w->dismissals, sc->reps.count, sc->sim.days);
    m[M_COLLECTION_RATE] = ratio(w->collection_rate_sum, (double)w->collection_rate_n);
    for (int k = 0; k < EFFORT_KINDS; k++)
        m[M_EFFORT_SELL + k] = ratio(w->effort_sum[k], (double)w->effort_n);

    const struct tally *t = &e->t;
    for (int g = 0; g < SEG_COUNT; g++) {
        r->segment_sales[g] = units(t->segment_sales[g]);
        r->segment_paid[g] = units(t->segment_paid[g]);
        r->segment_bad[g] = units(t->segment_bad[g]);
        r->segment_discounts[g] = units(t->segment_allowed[ALLOW_CASH_DISCOUNT][g]);
        r->segment_concessions[g] = units(t->segment_allowed[ALLOW_CONCESSION][g]);
        r->segment_repossessed[g] = units(t->segment_allowed[ALLOW_RETURN][g]);
        r->segment_late[g] = (double)t->segment_late[g] / 100.0;
    }
    for (int k = 0; k < REPORT_WEEKS; k++)
        r->report_paid[k] = units(t->report_paid[k]);
    for (int s = 0; s < MARKOV_MAX_STATES; s++) {
        r->markov_reached[s] = units(t->markov_reached[s]);
        r->markov_paid[s] = units(t->markov_paid[s]);
        r->markov_bad[s] = units(t->markov_bad[s]);
        r->markov_invoices[s] = t->markov_invoices[s];
    }

    gsl_sort(e->pay_samples, 1, (size_t)e->pay_count);
    size_t n = (size_t)e->pay_count;
    m[M_REP_PAY_MEAN] = n ? gsl_stats_mean(e->pay_samples, 1, n) : NAN;
    m[M_REP_PAY_P10] = n ? gsl_stats_quantile_from_sorted_data(e->pay_samples, 1, n, 0.10) : NAN;
    m[M_REP_PAY_P90] = n ? gsl_stats_quantile_from_sorted_data(e->pay_samples, 1, n, 0.90) : NAN;

    /* A rep who made no weekly choice in the horizon (hired in its last
     * days, or a horizon under a week) has no mean effort, as the
     * replication's effort metrics have none then. */
    for (int i = 0; i < r->rep_count; i++)
        for (int k = 0; k < EFFORT_KINDS; k++)
            r->reps[i].effort[k] = ratio(r->reps[i].effort[k], (double)r->reps[i].weeks);

    /* Collectibility: of what reached age a unpaid, the share later paid.
     * Money written off is unpaid at every age, before and after its
     * write-off: leaving it out once written off made the curve rise past
     * the write-off age, where only debts at law were left (seed 004: it
     * falls, to 13.6 % after two years). */
    cents_t paid = 0, due = 0;
    for (int age = 0; age <= MAX_AGE; age++)
        due += e->t.due_at_age[age] - e->t.paid_at_age[age];
    int point = COLLECT_AGE_POINTS - 1;
    for (int age = MAX_AGE; age >= 0; age--) {
        paid += e->t.paid_at_age[age];
        due += e->t.paid_at_age[age];
        while (point >= 0 && COLLECT_AGES[point] == age) {
            r->collect_base[point] = units(due);
            r->collect_share[point] = due > 0 ? (double)paid / (double)due : NAN;
            point--;
        }
    }
}

static void accrue(struct engine *e, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct ledger_totals t = ledger_total(e->ledger);
    if (engine_in_window(e, day)) {
        e->w.ar_cent_days += t.outstanding;
        e->w.overdue_cent_days += ledger_overdue_total(e->ledger);
        e->month.ar_cent_days += t.outstanding;
    }
    for (int32_t k = 0; k < sc->reps.count; k++) {
        struct book *b = &e->books[k];
        b->period.penalty_cent_days += b->penalty_base;
        b->period.ar_cent_days += ledger_book_totals(e->ledger, k).outstanding;
    }
    e->out->customer_days += sc->customers.count;
}

int engine_run(const struct scenario *sc, int replication, struct replication_result *out,
               struct hk_error *err)
{
    return engine_run_threads(sc, replication, 1, NULL, out, err);
}

int engine_run_threads(const struct scenario *sc, int replication, int threads,
                       struct progress *prog, struct replication_result *out,
                       struct hk_error *err)
{
    memset(out, 0, sizeof *out);
    out->replication = replication;
    draws_reset();
    struct engine *e = malloc(sizeof *e);
    /* Several shards a thread, handed out as threads come free, so that a
     * slower core takes fewer of them (virtual cores can differ by a third)
     * and one busy shard does not hold the day up. */
    threads = threads < 1 ? 1 : threads;
    int shards = threads == 1 ? 1 : threads * SHARDS_PER_THREAD;
    if (!e || engine_setup(e, sc, replication, shards, threads, out) != 0) {
        if (e)
            engine_teardown(e);
        free(e);
        if (prog) /* the line still reaches its total */
            progress_tick(prog, ENGINE_PROGRESS_PARTS);
        return hk_error_set(err, HK_EINTERNAL, "out of memory setting up replication %d",
                            replication + 1);
    }
    int rc = HK_OK;
    int64_t set_up = growths(e);
    int32_t last = calendar_days(e->shard[0].cal);
    int64_t reported = 0; /* progress parts */
    for (int32_t d = 0; d < last && rc == HK_OK; d++) {
        if (d == e->window_start) {
            out->ar_start = ledger_total(e->ledger).outstanding;
            for (int32_t k = 0; k < sc->reps.count; k++)
                if (e->books[k].record < 0) /* not hired this very day */
                    e->books[k].record = engine_record_open(e, k);
        }
        if (d > 0 && engine_next_effort_choice(e, d - 1) == d)
            engine_choose_efforts(e, d);
        engine_shards_share_view(e);
        rc = engine_shards_run_lane(e, d, 0, err);
        if (d < e->window_end)
            accrue(e, d);
        if (rc == HK_OK)
            rc = engine_shards_run_lane(e, d, 1, err);
        engine_shards_learn(e);
        if (engine_is_period_end(e, d)) {
            engine_close_periods(e, d);
            engine_shards_merge(e);
            if (engine_in_window(e, d))
                engine_record_month(e, d);
            e->firm_resolved *= 0.9;
            e->firm_bad *= 0.9;
            for (int g = 0; g < SEG_COUNT; g++) {
                struct kind_history *h = &e->kind[g];
                h->paid *= 0.9;
                h->late *= 0.9;
                h->resolved *= 0.9;
                h->bad *= 0.9;
                kind_history_days_late(h);
            }
            if (rc == HK_OK) /* an earlier failure's message stands */
                rc = ledger_check_identity_threads(e->ledger, e->threads, err);
        }
        if (d == e->window_end - 1) {
            cents_t aging[AGE_BUCKETS];
            ledger_aging(e->ledger, d, aging);
            for (int b = 0; b < AGE_BUCKETS; b++)
                out->aging[b] = units(aging[b]);
            out->ar_end = ledger_total(e->ledger).outstanding;
            out->metric[M_AR_END] = units(out->ar_end);
        }
        engine_shards_finish_day(e, d);
        if (prog && d < e->window_end) {
            int64_t due = (int64_t)(d + 1) * ENGINE_PROGRESS_PARTS / e->window_end;
            if (due > reported)
                progress_tick(prog, due - reported);
            reported = due;
        }
        if (d >= e->window_end && ledger_open_count(e->ledger) == 0)
            break;
    }
    out->day_loop_allocations = growths(e) - set_up;
    engine_shards_merge(e);
    if (prog)
        progress_tick(prog, ENGINE_PROGRESS_PARTS - reported);
    if (rc == HK_OK)
        rc = ledger_check_identity_threads(e->ledger, e->threads, err);
    if (rc == HK_OK && e->pay_overflow)
        rc = hk_error_set(err, HK_EINPUT,
                          "replication %d: a rep's %s for one month came to %.3g currency units, "
                          "beyond the %.0g to which pay is counted to the cent; the scenario's "
                          "amounts are too large (state them in thousands); it grows with %s",
                          replication + 1, e->pay_overflow, e->pay_overflow_cents / 100.0,
                          PAY_PERIOD_MAX_CENTS / 100.0, e->pay_overflow_keys);
    if (rc == HK_OK)
        finish_metrics(e);
    out->draws = draws_get(); /* what set-up and the weekly and monthly steps drew */
    for (int k = 0; k < DRAW_KINDS; k++)
        out->draws.n[k] += e->t.draws.n[k];
    out->events = e->t.events;
    out->pay_runs = e->t.pay_runs;
    out->invoices_issued = e->t.invoices_issued;
    engine_teardown(e);
    free(e);
    return rc;
}

void engine_result_free(struct replication_result *res)
{
    free(res->monthly);
    free(res->reps);
    free(res->segment_monthly_paid);
    free(res->segment_monthly_late);
    res->monthly = NULL;
    res->reps = NULL;
    res->segment_monthly_paid = res->segment_monthly_late = NULL;
}
