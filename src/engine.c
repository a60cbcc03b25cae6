/*
 * engine.c — the day loop of one replication.
 *
 * Owns: the calendar of events, the books (a rep slot: the rep now in
 * it, its customers, its pay-period figures), the window accumulators.
 * Money moves only through post_payment() and write_off() below, which
 * post to the ledger and to every accumulator in one place, so the
 * identity the ledger checks at each period end also holds for what the
 * engine reports.
 *
 * Day d: lane-0 events (due dates and grace ends pass), then accruals
 * (receivable-days, penalty balance-days), then lane-1 events (orders,
 * payments, contacts, write-offs), then, at a period end, pay, quits
 * and the next period's effort choice.
 */
#include "huikuan/engine.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/calendar.h"
#include "huikuan/customer.h"
#include "huikuan/scheme.h"

enum event_kind { EV_ORDER, EV_DUE, EV_GRACE, EV_PAY, EV_CHASE, EV_WRITE_OFF };
enum { PERIOD_DAYS = 30, MAX_AGE = 731 };

struct book {
    struct rep rep;
    int record;                  /* index into result reps, -1 outside the horizon */
    struct scheme_period period;
    int32_t period_start;
    cents_t penalty_base;        /* balance past due + grace */
    cents_t overdue;             /* balance past due */
    /* What the book has taught its rep (decayed each period). */
    double resolved, bad, late_weighted, paid;
    struct rep_outlook outlook;  /* static parts filled at set-up */
};

struct window {
    cents_t sales, collected, bad_debt, contacts_cost;
    int64_t ar_cent_days, overdue_cent_days;
    int64_t invoices, orders_placed, orders_declined, contacts, quits;
    cents_t base, commission, bonus, penalty, liability, clawback, net;
    double effort_sum[EFFORT_KINDS];
    int64_t effort_n;
};

struct engine {
    const struct scenario *sc;
    struct replication_result *out;
    gsl_rng *rng[STREAM_COUNT];
    struct ledger *ledger;
    struct calendar *cal;
    struct customer *cust;
    struct book *books;
    int32_t next_rep_id;
    int32_t window_start, window_end;
    struct window w;
    struct { cents_t sales, collected, bad_debt, net; int64_t ar_cent_days; int quits; } month;
    double *pay_samples;
    int64_t pay_count, pay_capacity;
    cents_t paid_at_age[MAX_AGE + 1], due_at_age[MAX_AGE + 1];
};

uint64_t engine_stream_seed(uint64_t seed, int replication, int stream)
{
    /* splitmix64 finaliser over a unique combination of the three. */
    uint64_t z = seed ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(replication + 1)) ^
                 (0xD1B54A32D192ED03ULL * (uint64_t)(stream + 1));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int in_window(const struct engine *e, int32_t day)
{
    return day >= e->window_start && day < e->window_end;
}

static void push(struct engine *e, int32_t day, int lane, int kind, int32_t target, uint32_t stamp)
{
    struct calendar_event ev = {target, stamp, (uint8_t)kind};
    calendar_push(e->cal, day, lane, ev);
}

static double ramp_of(const struct engine *e, const struct book *b, int32_t day)
{
    return rep_ramp(&b->rep, day, &e->sc->reps);
}

/* Days until the next event of a daily-probability process, >= 1;
 * 0 if the process never fires. */
static int32_t gap_days(gsl_rng *rng, double per_day)
{
    if (per_day <= 0)
        return 0;
    double p = per_day >= 30 ? 1.0 : -expm1(-per_day);
    unsigned int k = gsl_ran_geometric(rng, p);
    return k > (1U << 24) ? 0 : (int32_t)k;
}

/* ---- money movements ---------------------------------------------------- */

static void note_resolution(struct engine *e, const struct ledger_invoice *v, int32_t day,
                            cents_t amount, int written_off)
{
    if (v->issue_day < e->window_start || v->issue_day >= e->window_end)
        return;
    int age = day - v->due_day;
    age = age < 0 ? 0 : age > MAX_AGE ? MAX_AGE : age;
    e->due_at_age[age] += amount;
    if (!written_off)
        e->paid_at_age[age] += amount;
}

static void post_payment(struct engine *e, int32_t id, cents_t amount, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct ledger_invoice snapshot = *v; /* the slot is recycled when paid */
    struct book *b = &e->books[snapshot.book];
    cents_t applied = ledger_post_payment(e->ledger, id, amount);
    b->period.collected += applied;
    if (snapshot.plan.penalised)
        b->penalty_base -= applied;
    if (snapshot.overdue)
        b->overdue -= applied;
    b->resolved += (double)applied;
    b->paid += (double)applied;
    b->late_weighted += (double)applied * fmax(0.0, (double)(day - snapshot.due_day));
    if (in_window(e, day)) {
        e->w.collected += applied;
        e->month.collected += applied;
    }
    note_resolution(e, &snapshot, day, applied, 0);
}

static void write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    const struct segment_params *seg = &e->sc->segment[e->cust[v->customer].segment];
    cents_t recovery = money_apply_rate(seg->recovery_share, ledger_balance(e->ledger, id));
    if (recovery > 0)
        post_payment(e, id, recovery, day);
    if (v->status != LEDGER_OPEN)
        return;
    struct ledger_invoice snapshot = *v;
    struct book *b = &e->books[snapshot.book];
    cents_t lost = ledger_write_off(e->ledger, id);
    b->period.written_off += lost;
    if (snapshot.plan.penalised)
        b->penalty_base -= lost;
    if (snapshot.overdue)
        b->overdue -= lost;
    b->resolved += (double)lost;
    b->bad += (double)lost;
    if (in_window(e, day)) {
        e->w.bad_debt += lost;
        e->month.bad_debt += lost;
    }
    note_resolution(e, &snapshot, day, lost, 1);
}

/* ---- events ------------------------------------------------------------- */

static cents_t draw_amount(const struct order_params *o, gsl_rng *rng)
{
    double draw = gsl_ran_gaussian(rng, 1.0); /* always one draw, for stream alignment */
    if (o->amount_sd <= 0)
        return o->amount_mean;
    double m = (double)o->amount_mean, s = (double)o->amount_sd;
    double sigma2 = log1p((s * s) / (m * m));
    double cents = exp(log(m) - 0.5 * sigma2 + sqrt(sigma2) * draw);
    return cents < 1 ? 1 : (cents_t)llround(cents);
}

static void schedule_next_order(struct engine *e, int32_t c, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct book *b = &e->books[e->cust[c].book];
    double rate = sc->orders.rate_per_month / PERIOD_DAYS *
                  sc->segment[e->cust[c].segment].order_rate_factor *
                  rep_sell_multiplier(&b->rep, ramp_of(e, b, day));
    int32_t gap;
    if (sc->orders.process == ORDERS_REGULAR)
        gap = rate > 0 ? (int32_t)fmax(1.0, round(1.0 / rate)) : 0;
    else
        gap = gap_days(e->rng[STREAM_ORDERS], rate);
    if (gap > 0 && day + gap < e->window_end)
        push(e, day + gap, 1, EV_ORDER, c, 0);
}

static void on_order(struct engine *e, int32_t c, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *cu = &e->cust[c];
    struct book *b = &e->books[cu->book];
    const struct segment_params *seg = &sc->segment[cu->segment];
    if (sc->orders.max_per_customer > 0 && cu->orders >= sc->orders.max_per_customer)
        return;
    cu->orders++;
    cents_t amount = draw_amount(&sc->orders, e->rng[STREAM_ORDERS]);
    double u_screen = gsl_rng_uniform(e->rng[STREAM_ORDERS]);
    int counted = in_window(e, day);
    e->w.orders_placed += counted;

    int declined = u_screen < rep_decline_prob(&b->rep, &sc->reps, seg->default_prob);
    if (!declined && sc->firm.credit_limit > 0)
        declined = ledger_customer_totals(e->ledger, c).outstanding + amount > sc->firm.credit_limit;
    if (declined) {
        e->w.orders_declined += counted;
    } else {
        int32_t due = day + sc->firm.term_days;
        int32_t id = ledger_issue(e->ledger, c, cu->book, day, due, amount);
        if (id < 0)
            return; /* out of memory: caught by the identity check's caller */
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        double delay = customer_draw_delay(seg, e->rng[STREAM_PAYMENT]);
        v->plan.defaulting = (uint8_t)customer_draw_default(seg, e->rng[STREAM_PAYMENT]);
        v->plan.owner = b->rep.id;
        v->plan.pay_day = v->plan.defaulting ? -1 : due + (int32_t)lround(delay);
        push(e, due + 1, 0, EV_DUE, id, v->stamp);
        push(e, due + sc->scheme.penalty_grace_days + 1, 0, EV_GRACE, id, v->stamp);
        if (!v->plan.defaulting)
            push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
        push(e, due + sc->firm.write_off_days, 1, EV_WRITE_OFF, id, v->stamp);
        b->period.sales += amount;
        if (counted) {
            e->w.sales += amount;
            e->w.invoices++;
            e->month.sales += amount;
        }
    }
    schedule_next_order(e, c, day);
}

static void schedule_chase(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct book *b = &e->books[v->book];
    int32_t gap = gap_days(e->rng[STREAM_REPS],
                           rep_contact_rate(&b->rep, &e->sc->reps, ramp_of(e, b, day)));
    if (gap > 0)
        push(e, day + gap, 1, EV_CHASE, id, v->stamp);
}

static void on_chase(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct book *b = &e->books[v->book];
    const struct segment_params *seg = &e->sc->segment[e->cust[v->customer].segment];
    double strength = b->rep.firmness * ramp_of(e, b, day) *
                      (v->plan.owner == b->rep.id ? 1.0 : e->sc->reps.orphan_factor);
    struct contact_outcome out = customer_respond_to_contact(
        seg, v->plan.defaulting, v->plan.pay_day, day, strength, e->rng[STREAM_RESPONSE]);
    if (in_window(e, day)) {
        e->w.contacts++;
        e->w.contacts_cost += e->sc->firm.collection_action_cost;
    }
    if (out.cured)
        v->plan.defaulting = 0;
    if (out.pay_day != v->plan.pay_day && out.pay_day >= 0) {
        v->plan.pay_day = out.pay_day;
        push(e, out.pay_day, 1, EV_PAY, id, v->stamp);
    }
    schedule_chase(e, id, day);
}

static void run_lane(struct engine *e, int32_t day, int lane)
{
    struct calendar_event ev;
    while (calendar_pop(e->cal, day, lane, &ev)) {
        e->out->events++;
        if (ev.kind == EV_ORDER) {
            if (day < e->window_end)
                on_order(e, ev.target, day);
            continue;
        }
        struct ledger_invoice *v = ledger_invoice(e->ledger, ev.target);
        if (v->status != LEDGER_OPEN || v->stamp != ev.stamp)
            continue; /* paid or written off since, or the slot was reused */
        switch (ev.kind) {
        case EV_DUE:
            ledger_mark_overdue(e->ledger, ev.target);
            e->books[v->book].overdue += ledger_balance(e->ledger, ev.target);
            schedule_chase(e, ev.target, day);
            break;
        case EV_GRACE:
            v->plan.penalised = 1;
            e->books[v->book].penalty_base += ledger_balance(e->ledger, ev.target);
            break;
        case EV_PAY:
            if (v->plan.pay_day == day && !v->plan.defaulting)
                post_payment(e, ev.target, ledger_balance(e->ledger, ev.target), day);
            break;
        case EV_CHASE:
            on_chase(e, ev.target, day);
            break;
        case EV_WRITE_OFF:
            write_off(e, ev.target, day);
            break;
        }
    }
}

/* ---- books, pay periods, reps -------------------------------------------- */

static int record_open(struct engine *e, int32_t book, int32_t day)
{
    struct replication_result *r = e->out;
    if (r->rep_count == r->rep_capacity) {
        int cap = r->rep_capacity ? r->rep_capacity * 2 : 64;
        struct rep_record *grown = realloc(r->reps, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        r->reps = grown;
        r->rep_capacity = cap;
    }
    struct rep_record *rec = &r->reps[r->rep_count];
    memset(rec, 0, sizeof *rec);
    rec->book = book;
    rec->rep_id = e->books[book].rep.id;
    rec->hired_day = e->books[book].rep.hired_day;
    rec->left_day = -1;
    (void)day;
    return r->rep_count++;
}

/* The rep's view of its book for the effort choice: static structure
 * from set-up plus what resolved invoices have taught it. */
static void refresh_outlook(struct engine *e, struct book *b)
{
    struct rep_outlook *o = &b->outlook;
    o->overdue_balance = (double)b->overdue / 100.0;
    if (b->resolved > 0) {
        o->bad_share = b->bad / b->resolved;
        o->late_days = b->paid > 0 ? b->late_weighted / b->paid : o->late_days;
    }
    (void)e;
}

static void hire(struct engine *e, int32_t book, int32_t day, int open_record)
{
    struct book *b = &e->books[book];
    rep_hire(&b->rep, e->next_rep_id++, day, &e->sc->reps, e->rng[STREAM_STRUCTURE]);
    refresh_outlook(e, b);
    rep_choose_effort(&b->rep, &e->sc->scheme, &e->sc->reps, &b->outlook, ramp_of(e, b, day),
                      e->rng[STREAM_REPS]);
    b->record = open_record && in_window(e, day) ? record_open(e, book, day) : -1;
}

static void add_pay_sample(struct engine *e, double value)
{
    if (e->pay_count < e->pay_capacity)
        e->pay_samples[e->pay_count++] = value;
}

static void close_period(struct engine *e, int32_t book, int32_t day)
{
    struct book *b = &e->books[book];
    int32_t from = b->period_start > b->rep.hired_day ? b->period_start : b->rep.hired_day;
    b->period.days_employed = day + 1 - from;
    struct scheme_pay pay;
    scheme_pay_period(&e->sc->scheme, &b->period, &pay);

    if (in_window(e, day)) {
        struct window *w = &e->w;
        w->base += pay.base;
        w->commission += pay.commission_sales + pay.commission_collected;
        w->bonus += pay.bonus;
        w->penalty += pay.penalty;
        w->liability += pay.liability;
        w->clawback += pay.clawback;
        w->net += pay.net;
        e->month.net += pay.net;
        for (int k = 0; k < EFFORT_KINDS; k++)
            w->effort_sum[k] += b->rep.effort[k];
        w->effort_n++;
        if (b->period.days_employed > 0)
            add_pay_sample(e, (double)pay.net / 100.0 * PERIOD_DAYS / b->period.days_employed);
        if (b->record >= 0) {
            struct rep_record *rec = &e->out->reps[b->record];
            rec->periods++;
            rec->days += b->period.days_employed;
            rec->sales += (double)b->period.sales / 100.0;
            rec->collected += (double)b->period.collected / 100.0;
            rec->written_off += (double)b->period.written_off / 100.0;
            rec->base += (double)pay.base / 100.0;
            rec->commission += (double)(pay.commission_sales + pay.commission_collected) / 100.0;
            rec->bonus += (double)pay.bonus / 100.0;
            rec->penalty += (double)pay.penalty / 100.0;
            rec->liability += (double)pay.liability / 100.0;
            rec->clawback += (double)pay.clawback / 100.0;
            rec->net_pay += (double)pay.net / 100.0;
            for (int k = 0; k < EFFORT_KINDS; k++)
                rec->effort[k] += b->rep.effort[k];
        }
    }

    int quits = rep_end_period(&b->rep, (double)pay.net / 100.0, day, &e->sc->reps,
                               e->rng[STREAM_REPS]);
    memset(&b->period, 0, sizeof b->period);
    b->period_start = day + 1;
    /* Older experience counts for less. */
    b->resolved *= 0.7;
    b->bad *= 0.7;
    b->paid *= 0.7;
    b->late_weighted *= 0.7;

    if (quits) {
        if (b->record >= 0)
            e->out->reps[b->record].left_day = day + 1;
        if (in_window(e, day)) {
            e->w.quits++;
            e->month.quits++;
        }
        hire(e, book, day + 1, 1);
    } else {
        refresh_outlook(e, b);
        rep_choose_effort(&b->rep, &e->sc->scheme, &e->sc->reps, &b->outlook,
                          ramp_of(e, b, day + 1), e->rng[STREAM_REPS]);
    }
}

static int is_period_end(const struct engine *e, int32_t day)
{
    if (day >= e->window_end)
        return 0;
    if (day == e->window_end - 1)
        return 1;
    int32_t k = (day + 1 - e->window_start) % PERIOD_DAYS;
    return k == 0;
}

static void record_month(struct engine *e, int32_t day)
{
    struct replication_result *r = e->out;
    int m = (day - e->window_start) / PERIOD_DAYS;
    if (m >= r->months)
        return;
    double *row = r->monthly[m];
    struct ledger_totals t = ledger_total(e->ledger);
    row[MO_SALES] = (double)e->month.sales / 100.0;
    row[MO_COLLECTED] = (double)e->month.collected / 100.0;
    row[MO_BAD_DEBT] = (double)e->month.bad_debt / 100.0;
    row[MO_AR] = (double)t.outstanding / 100.0;
    row[MO_OVERDUE] = (double)ledger_overdue_total(e->ledger) / 100.0;
    row[MO_DSO] = e->month.sales > 0 ? (double)e->month.ar_cent_days / (double)e->month.sales : NAN;
    row[MO_COMP_COST] = (double)e->month.net / 100.0;
    row[MO_QUITS] = e->month.quits;
    memset(&e->month, 0, sizeof e->month);
}

/* ---- set-up, loop, results ------------------------------------------------ */

static void book_priors(struct engine *e)
{
    const struct scenario *sc = e->sc;
    int nb = sc->reps.count;
    double *weight = calloc((size_t)nb, sizeof *weight);
    double *risky = calloc((size_t)nb, sizeof *risky);
    double *risky_bad = calloc((size_t)nb, sizeof *risky_bad);
    double *bad = calloc((size_t)nb, sizeof *bad);
    double *late = calloc((size_t)nb, sizeof *late);
    if (!weight || !risky || !risky_bad || !bad || !late)
        goto done;
    for (int32_t c = 0; c < sc->customers.count; c++) {
        const struct segment_params *seg = &sc->segment[e->cust[c].segment];
        struct book *b = &e->books[e->cust[c].book];
        int k = e->cust[c].book;
        double potential = sc->orders.rate_per_month * seg->order_rate_factor *
                           (double)sc->orders.amount_mean / 100.0;
        double seg_bad = seg->default_prob * (1.0 - seg->recovery_share);
        b->outlook.sales_potential += potential;
        b->outlook.pressure_response += potential * seg->pressure_response;
        b->outlook.cure_prob += potential * seg->cure_prob;
        weight[k] += potential;
        bad[k] += potential * seg_bad;
        late[k] += potential * seg->delay_mean_days;
        if (seg->default_prob >= 0.1) {
            risky[k] += potential;
            risky_bad[k] += potential * seg_bad;
        }
    }
    for (int k = 0; k < nb; k++) {
        struct book *b = &e->books[k];
        struct rep_outlook *o = &b->outlook;
        o->mean_invoice = (double)sc->orders.amount_mean / 100.0;
        if (weight[k] > 0) {
            o->pressure_response /= weight[k];
            o->cure_prob /= weight[k];
            o->bad_share = bad[k] / weight[k];
            o->late_days = late[k] / weight[k];
            o->risky_share = risky[k] / weight[k];
            o->risky_bad_share = risky[k] > 0 ? risky_bad[k] / risky[k] : 0;
        }
        /* The prior is worth one period of the book's sales. */
        b->resolved = weight[k] * 100.0;
        b->bad = b->resolved * o->bad_share;
        b->paid = b->resolved - b->bad;
        b->late_weighted = b->paid * o->late_days;
    }
done:
    free(weight);
    free(risky);
    free(risky_bad);
    free(bad);
    free(late);
}

static int engine_setup(struct engine *e, const struct scenario *sc, int replication,
                        struct replication_result *out)
{
    memset(e, 0, sizeof *e);
    e->sc = sc;
    e->out = out;
    e->window_start = sc->sim.warmup_days;
    e->window_end = sc->sim.warmup_days + sc->sim.days;
    int32_t days = e->window_end + sc->firm.term_days + sc->firm.write_off_days + 2;

    for (int s = 0; s < STREAM_COUNT; s++) {
        e->rng[s] = gsl_rng_alloc(gsl_rng_taus2);
        if (!e->rng[s])
            return -1;
        gsl_rng_set(e->rng[s], engine_stream_seed(sc->sim.seed, replication, s));
    }
    e->ledger = ledger_alloc(sc->customers.count, sc->reps.count, sc->customers.count * 4);
    e->cal = calendar_alloc(days);
    e->cust = calloc((size_t)sc->customers.count, sizeof *e->cust);
    e->books = calloc((size_t)sc->reps.count, sizeof *e->books);
    out->months = (sc->sim.days + PERIOD_DAYS - 1) / PERIOD_DAYS;
    out->monthly = calloc((size_t)out->months, sizeof *out->monthly);
    e->pay_capacity = (int64_t)sc->reps.count * (out->months + 1);
    e->pay_samples = malloc((size_t)e->pay_capacity * sizeof *e->pay_samples);
    struct customer_mix *mix = customer_mix_alloc(sc);
    if (!e->ledger || !e->cal || !e->cust || !e->books || !out->monthly || !e->pay_samples || !mix) {
        customer_mix_free(mix);
        return -1;
    }
    for (int32_t c = 0; c < sc->customers.count; c++) {
        e->cust[c].book = c % sc->reps.count;
        e->cust[c].segment = (uint8_t)customer_draw_segment(mix, e->rng[STREAM_STRUCTURE]);
    }
    customer_mix_free(mix);
    book_priors(e);
    for (int32_t k = 0; k < sc->reps.count; k++) {
        hire(e, k, 0, 0); /* records open when the horizon starts */
    }
    for (int32_t c = 0; c < sc->customers.count; c++) {
        if (sc->orders.process == ORDERS_REGULAR) {
            push(e, 0, 1, EV_ORDER, c, 0);
        } else {
            double rate = sc->orders.rate_per_month / PERIOD_DAYS *
                          sc->segment[e->cust[c].segment].order_rate_factor;
            int32_t gap = gap_days(e->rng[STREAM_ORDERS], rate);
            if (gap > 0)
                push(e, gap - 1, 1, EV_ORDER, c, 0);
        }
    }
    return 0;
}

static void engine_teardown(struct engine *e)
{
    for (int s = 0; s < STREAM_COUNT; s++)
        if (e->rng[s])
            gsl_rng_free(e->rng[s]);
    ledger_free(e->ledger);
    calendar_free(e->cal);
    free(e->cust);
    free(e->books);
    free(e->pay_samples);
}

static double cents_to_units(cents_t c)
{
    return (double)c / 100.0;
}

static void finish_metrics(struct engine *e)
{
    const struct scenario *sc = e->sc;
    struct replication_result *r = e->out;
    const struct window *w = &e->w;
    double *m = r->metric;
    cents_t gross = money_apply_rate(sc->firm.gross_margin, w->sales);
    cents_t capital = (cents_t)llround(sc->firm.cost_of_capital / 365.0 * (double)w->ar_cent_days);
    cents_t profit = gross - w->net - w->bad_debt - capital - w->contacts_cost;

    r->sales = w->sales;
    r->collected = w->collected;
    r->bad_debt = w->bad_debt;
    m[M_SALES] = cents_to_units(w->sales);
    m[M_COLLECTED] = cents_to_units(w->collected);
    m[M_BAD_DEBT] = cents_to_units(w->bad_debt);
    m[M_BAD_DEBT_RATE] = w->sales > 0 ? (double)w->bad_debt / (double)w->sales : NAN;
    m[M_DSO] = w->sales > 0 ? (double)w->ar_cent_days / (double)w->sales : NAN;
    m[M_OVERDUE_SHARE] = w->ar_cent_days > 0 ? (double)w->overdue_cent_days / (double)w->ar_cent_days : 0;
    m[M_FIRM_PROFIT] = cents_to_units(profit);
    m[M_COMP_COST] = cents_to_units(w->net);
    m[M_COMMISSION] = cents_to_units(w->commission);
    m[M_PENALTIES] = cents_to_units(w->penalty);
    m[M_LIABILITY_CHARGES] = cents_to_units(w->liability);
    m[M_COLLECTION_COST] = cents_to_units(w->contacts_cost);
    m[M_GROSS_MARGIN] = cents_to_units(gross);
    m[M_COST_OF_CAPITAL] = cents_to_units(capital);
    m[M_BASE_PAY] = cents_to_units(w->base);
    m[M_BONUSES] = cents_to_units(w->bonus);
    m[M_CLAWBACKS] = cents_to_units(w->clawback);
    m[M_INVOICES] = (double)w->invoices;
    m[M_ORDERS_DECLINED] = w->orders_placed > 0 ? (double)w->orders_declined / w->orders_placed : 0;
    m[M_CONTACTS] = (double)w->contacts;
    m[M_REP_TURNOVER] = (double)w->quits / sc->reps.count * 365.0 / sc->sim.days;
    for (int k = 0; k < EFFORT_KINDS; k++)
        m[M_EFFORT_SELL + k] = w->effort_n > 0 ? w->effort_sum[k] / (double)w->effort_n : NAN;

    gsl_sort(e->pay_samples, 1, (size_t)e->pay_count);
    m[M_REP_PAY_MEAN] = gsl_stats_mean(e->pay_samples, 1, (size_t)e->pay_count);
    m[M_REP_PAY_P10] = gsl_stats_quantile_from_sorted_data(e->pay_samples, 1, (size_t)e->pay_count, 0.10);
    m[M_REP_PAY_P90] = gsl_stats_quantile_from_sorted_data(e->pay_samples, 1, (size_t)e->pay_count, 0.90);

    for (int i = 0; i < r->rep_count; i++)
        for (int k = 0; k < EFFORT_KINDS; k++)
            r->reps[i].effort[k] /= r->reps[i].periods > 0 ? r->reps[i].periods : 1;

    /* Collectibility: of what reached age a unpaid, the share later paid. */
    cents_t paid = 0, due = 0;
    int point = COLLECT_AGE_POINTS - 1;
    for (int age = MAX_AGE; age >= 0; age--) {
        paid += e->paid_at_age[age];
        due += e->due_at_age[age];
        while (point >= 0 && COLLECT_AGES[point] == age) {
            r->collect_base[point] = cents_to_units(due);
            r->collect_share[point] = due > 0 ? (double)paid / (double)due : NAN;
            point--;
        }
    }
}

int engine_run(const struct scenario *sc, int replication, struct replication_result *out,
               struct hk_error *err)
{
    memset(out, 0, sizeof *out);
    out->replication = replication;
    struct engine e;
    if (engine_setup(&e, sc, replication, out) != 0) {
        engine_teardown(&e);
        return hk_error_set(err, HK_EINTERNAL, "out of memory setting up replication %d",
                            replication + 1);
    }
    int rc = HK_OK;
    int32_t last = calendar_days(e.cal);
    for (int32_t d = 0; d < last && rc == HK_OK; d++) {
        if (d == e.window_start) {
            out->ar_start = ledger_total(e.ledger).outstanding;
            for (int32_t k = 0; k < sc->reps.count; k++)
                if (e.books[k].record < 0) /* not hired this very day */
                    e.books[k].record = record_open(&e, k, d);
        }
        run_lane(&e, d, 0);
        if (d < e.window_end) {
            struct ledger_totals t = ledger_total(e.ledger);
            if (in_window(&e, d)) {
                e.w.ar_cent_days += t.outstanding;
                e.w.overdue_cent_days += ledger_overdue_total(e.ledger);
                e.month.ar_cent_days += t.outstanding;
            }
            for (int32_t k = 0; k < sc->reps.count; k++) {
                struct book *b = &e.books[k];
                b->period.penalty_cent_days += b->penalty_base;
                b->period.ar_cent_days += ledger_book_totals(e.ledger, k).outstanding;
            }
            out->customer_days += sc->customers.count;
        }
        run_lane(&e, d, 1);
        if (is_period_end(&e, d)) {
            for (int32_t k = 0; k < sc->reps.count; k++)
                close_period(&e, k, d);
            if (in_window(&e, d))
                record_month(&e, d);
            rc = ledger_check_identity(e.ledger, err);
        }
        if (d == e.window_end - 1) {
            cents_t aging[AGE_BUCKETS];
            ledger_aging(e.ledger, d, aging);
            for (int b = 0; b < AGE_BUCKETS; b++)
                out->aging[b] = cents_to_units(aging[b]);
            out->ar_end = ledger_total(e.ledger).outstanding;
            out->metric[M_AR_END] = cents_to_units(out->ar_end);
        }
        if (d >= e.window_end && ledger_open_count(e.ledger) == 0)
            break;
    }
    if (rc == HK_OK)
        rc = ledger_check_identity(e.ledger, err);
    if (rc == HK_OK)
        finish_metrics(&e);
    engine_teardown(&e);
    return rc;
}

void engine_result_free(struct replication_result *res)
{
    free(res->monthly);
    free(res->reps);
    res->monthly = NULL;
    res->reps = NULL;
}
