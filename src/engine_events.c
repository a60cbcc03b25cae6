/*
 * engine_events.c — a day's events, and what happens to an invoice.
 *
 * Invoice events (reminders, due date, grace end, payment, factoring,
 * write-off) are stale, and ignored, once their invoice is closed or its
 * slot reused; orders go to engine_orders.c, customer and case events to
 * engine_cases.c.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "huikuan/draws.h"
#include "huikuan/libm_inline.h"
#include "engine_internal.h"
#include "huikuan/collection.h"

/* ---- invoice events ------------------------------------------------------ */

double engine_contact_strength(const struct engine *e, const struct book *b,
                               const struct ledger_invoice *v, int32_t day)
{
    double orphan = v->plan.owner == b->rep.id ? 1.0 : e->sc->reps.orphan_factor;
    return b->rep.firmness * engine_ramp(e, b, day) * orphan;
}

/* One reminder, as of day: the rep makes it only if it collects at all. */
static void remind(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct book *b = &e->books[v->book];
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    double u = draw_uniform(engine_customer_rng(e, v->customer, CUSTOMER_DRAWS_COLLECTION));
    if (u >= fmin_inline(1.0, b->rep.effort[EFFORT_COLLECT]))
        return; /* a rep who does not collect does not remind either */
    engine_add_collection_cost(e, e->sc->collection.cost_reminder, day);
    customer_add_pressure(c, day, 0.3);
    if (v->plan.pay_day > v->due_day && !v->plan.defaulting) {
        struct contact_outcome out = customer_respond_to_contact(
            seg, 0, v->plan.pay_day, day, 0.3 * engine_contact_strength(e, b, v, day),
            engine_customer_rng(e, v->customer, CUSTOMER_DRAWS_COLLECTION));
        if (out.pay_day < v->plan.pay_day) {
            v->plan.pay_day = out.pay_day > v->due_day ? out.pay_day : v->due_day;
            engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
        }
    }
}

/* Seed 004: remind a week and three days before the due date. The
 * reminder a week before books the second only if the invoice would
 * still be unpaid then, so most invoices paid early need one event. The
 * second is made on its own day: made with the first, as of three days
 * later, its pressure had been felt four days before it was sent. */
static void on_remind(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    int32_t second = v->due_day - 3;
    remind(e, id, day);
    if (day < second && v->status == LEDGER_OPEN && v->plan.pay_day > second)
        engine_push(e, second, 1, EV_REMIND, id, v->stamp);
}

void engine_open_case(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    c->case_stamp++;
    c->ladder = STEP_NONE;
    engine_book_chase(e, ci, day, day);
    const struct segment_params *seg = &e->sc->segment[c->segment];
    if (!c->pay_runs && seg->leniency_learning > 0) { /* it learns while it owes */
        c->pay_runs = 1;
        engine_push(e, day + e->sc->customers.pay_run_days - 1, 1, EV_PAY_RUN, ci, c->order_stamp);
    }
    int32_t first = collection_threshold(&e->sc->collection, c->term_days, STEP_STATEMENT);
    engine_push(e, day - 1 + first, 1, EV_LETTER, ci, c->case_stamp);
}

static void on_due(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    ledger_mark_overdue(e->ledger, id);
    if (e->sc->customers.behaviour != BEHAVIOUR_MARKOV) { /* the chain needs no collection case */
        if (c->overdue == 0)
            engine_open_case(e, v->customer, day);
        else
            engine_find_later_dispute(e, id, day);
        engine_book_early_write_off(e, id, day);
    }
    c->overdue++;
    if (e->sc->firm.factoring == FACTORING_REPORTING_WINDOW && seg->report_blackout_days > 0 &&
        v->plan.pay_day > day + e->sc->firm.factoring_after_days)
        engine_push(e, day + e->sc->firm.factoring_after_days, 1, EV_FACTOR, id, v->stamp);
}

/* engine_payment_blocked_until(), and whether unsold stock is what holds
 * the payment back (*for_stock). */
static int32_t payment_blocked_until(struct engine *e, const struct ledger_invoice *v,
                                     int32_t day, int *for_stock)
{
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    *for_stock = 0;
    if (engine_awaits_remedy(v, day))
        return v->plan.remedy_day > day ? v->plan.remedy_day : -1; /* waits for a remedy */
    /* A reseller that took an exchange offer pays whatever its stock. */
    int32_t sold = engine_exchange_holds(e->sc, c, day) ? 0
                                                        : customer_days_to_sell_through(c, seg, day);
    if (sold > 0) {
        *for_stock = 1;
        return day + sold;
    }
    int32_t gate = customer_reporting_gate(&e->sc->firm, seg, day, 1);
    if (gate > day)
        return gate;
    return 0;
}

int32_t engine_payment_blocked_until(struct engine *e, const struct ledger_invoice *v, int32_t day)
{
    int for_stock;
    return payment_blocked_until(e, v, day, &for_stock);
}

static void on_pay(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    if (v->plan.pay_day != day || v->plan.defaulting)
        return;
    int for_stock;
    int32_t later = payment_blocked_until(e, v, day, &for_stock);
    if (later != 0) {
        v->plan.held_for_stock = (uint8_t)for_stock; /* what an exchange offer frees */
        v->plan.pay_day = later;
        if (later > 0)
            engine_push(e, later, 1, EV_PAY, id, v->stamp);
        return;
    }
    engine_pay_in_full(e, id, day);
}

static void on_write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct customer *c = &e->cust[v->customer];
    if (c->ladder == STEP_LITIGATION)
        return; /* the judgment will settle it */
    if (v->plan.instalment) { /* not while its customer keeps to a plan */
        int32_t again = engine_review_instalments(e, v->customer, day);
        if (again > 0) {
            engine_push(e, again, 1, EV_WRITE_OFF, id, v->stamp);
            return;
        }
    }
    /* The firm takes back its goods before it writes off (seed 004). */
    if (engine_repossess_invoice(e, id, day) > 0 &&
        ledger_invoice(e->ledger, id)->status != LEDGER_OPEN)
        return;
    double share = 0;
    if (c->insolvent) /* what legal action, if any, preserved */
        share = collection_insolvency_recovery(&e->sc->collection, c->insolvent_day, c->legal_day);
    engine_settle_at_loss(e, id, share, day);
}

/* One period of the receivable-ageing chain: paid, written off, or on to
 * the next state. */
static void on_markov(struct engine *e, int32_t id, int32_t day)
{
    const struct markov_params *m = &e->sc->markov;
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    size_t to = draw_discrete(engine_customer_rng(e, v->customer, CUSTOMER_DRAWS_INVOICES),
                              e->markov[v->plan.markov_state]);
    if ((int)to < m->states) {
        v->plan.markov_state = (uint8_t)to;
        v->plan.markov_seen |= (uint16_t)(1u << to);
        engine_push(e, day + m->period_days, 1, EV_MARKOV, id, v->stamp);
        return;
    }
    if (v->issue_day >= e->window_start && v->issue_day < e->window_end) {
        struct tally *t = &e->t;
        for (int s = 0; s < m->states; s++)
            if (v->plan.markov_seen & (1u << s)) {
                t->markov_reached[s] += v->amount;
                t->markov_invoices[s]++;
                if ((int)to == MARKOV_PAID(m))
                    t->markov_paid[s] += v->amount;
                else
                    t->markov_bad[s] += v->amount;
            }
    }
    if ((int)to == MARKOV_PAID(m))
        engine_post_payment(e, id, ledger_balance(e->ledger, id), day);
    else
        engine_write_off(e, id, day);
}

/* The factor confirms each invoice with the customer before it buys: a
 * disputed one, its remedy not yet added, is not bought (its payment is
 * blocked until then, seed 000), and it is paid, or pressed for, as any
 * other. */
static void on_factor(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    if (v->plan.defaulting || e->cust[v->customer].insolvent)
        return;
    if (engine_awaits_remedy(v, day))
        return;
    cents_t balance = ledger_balance(e->ledger, id);
    if (engine_in_window(e, day))
        e->w.factoring_cost += money_apply_rate(e->sc->firm.factoring_discount, balance);
    engine_post_payment(e, id, balance, day);
}

/* The event `ahead` places after the next one: from the rest of the run
 * taken from the calendar, or else from the calendar's lists. */
static int upcoming(const struct engine *e, int32_t day, int lane, const struct calendar_event *run,
                    int32_t run_count, int ahead, struct calendar_event *next)
{
    if (ahead < run_count) {
        *next = run[ahead];
        return 1;
    }
    return calendar_peek(e->cal, day, lane, ahead - run_count, next);
}

/* The customer's stream an event of each kind draws from first, -1 for
 * one that draws nothing (an order draws its payment plan too). */
static const signed char draws_from[] = {
    [EV_REMIND] = CUSTOMER_DRAWS_COLLECTION, [EV_DUE] = CUSTOMER_DRAWS_COLLECTION,
    [EV_GRACE] = -1, [EV_PAY] = -1, [EV_WRITE_OFF] = -1, [EV_FACTOR] = -1,
    [EV_MARKOV] = CUSTOMER_DRAWS_INVOICES, [EV_ORDER] = CUSTOMER_DRAWS_ORDERS,
    [EV_CHASE] = CUSTOMER_DRAWS_COLLECTION, [EV_CHASE_WAIT] = CUSTOMER_DRAWS_COLLECTION,
    [EV_LETTER] = CUSTOMER_DRAWS_COLLECTION, [EV_JUDGMENT] = -1,
    [EV_PAY_RUN] = CUSTOMER_DRAWS_COLLECTION, [EV_DISTRESS] = CUSTOMER_DRAWS_LIFE,
    [EV_INSOLVENT] = -1, [EV_RERATE] = -1,
    [EV_NEW_CUSTOMER] = CUSTOMER_DRAWS_LIFE,
};

/* The day's list says what comes next: fetch it ahead, in stages, each
 * reading only what an earlier one brought into cache. Far ahead the
 * invoice; nearer, its customer (record, generator, account); nearest,
 * that customer's invoices and its rep's book. At a million customers
 * every one of these is a miss, and the events of a day do not depend
 * on each other's memory, so the misses overlap. run holds the n events
 * taken from the calendar after the one about to run. */
static void prefetch_ahead(struct engine *e, int32_t day, int lane, const struct calendar_event *run,
                           int32_t n)
{
    struct calendar_event next;
    if (upcoming(e, day, lane, run, n, 12, &next) && next.kind < EV_ORDER)
        __builtin_prefetch(ledger_invoice(e->ledger, next.target));
    if (upcoming(e, day, lane, run, n, 6, &next)) {
        int32_t ci = next.group; /* engine_push: the event's customer */
        const char *c = (const char *)&e->cust[ci];
        for (size_t at = 0; at < sizeof(struct customer); at += 64)
            __builtin_prefetch(c + at);
        __builtin_prefetch(c + sizeof(struct customer) - 1);
        int use = draws_from[next.kind];
        if (use >= 0)
            __builtin_prefetch(engine_customer_rng(e, ci, (enum customer_draws)use));
        if (next.kind == EV_ORDER)
            __builtin_prefetch(engine_customer_rng(e, ci, CUSTOMER_DRAWS_INVOICES));
        ledger_prefetch_account(e->ledger, ci);
    }
    if (upcoming(e, day, lane, run, n, 2, &next)) {
        ledger_prefetch_lists(e->ledger, next.group);
        const char *b = (const char *)&e->books[e->cust[next.group].book];
        __builtin_prefetch(b);
        __builtin_prefetch(b + 64);
    }
}

/* One event of the lane, unless it has gone stale. */
static void run_event(struct engine *e, struct calendar_event ev, int32_t day)
{
    if (ev.kind == EV_ORDER) {
        engine_on_order(e, ev.target, ev.stamp, day);
        return;
    }
    if (ev.kind > EV_ORDER) {
        engine_on_customer_event(e, ev.kind, ev.target, ev.stamp, day);
        return;
    }
    struct ledger_invoice *v = ledger_invoice(e->ledger, ev.target);
    if (v->status != LEDGER_OPEN || v->stamp != ev.stamp)
        return; /* paid or written off since, or the slot was reused */
    switch (ev.kind) {
    case EV_REMIND:
        on_remind(e, ev.target, day);
        break;
    case EV_DUE:
        on_due(e, ev.target, day);
        break;
    case EV_GRACE:
        v->plan.penalised = 1;
        e->books[v->book].penalty_base += ledger_balance(e->ledger, ev.target);
        break;
    case EV_PAY:
        on_pay(e, ev.target, day);
        break;
    case EV_WRITE_OFF:
        on_write_off(e, ev.target, day);
        break;
    case EV_FACTOR:
        on_factor(e, ev.target, day);
        break;
    case EV_MARKOV:
        on_markov(e, ev.target, day);
        break;
    }
}

/* Events taken from the calendar at a time: as many as a chunk of it
 * holds, so a take empties a chunk. */
enum { LANE_RUN = CALENDAR_CHUNK_EVENTS };

int engine_run_lane(struct engine *e, int32_t day, int lane, struct hk_error *err)
{
    /* A day's events are simultaneous; each customer's run in the order
     * they were booked. At a million customers, running them customer by
     * customer turns random visits to customers, their generators and
     * accounts into one sweep through memory. */
    if (e->sort_lanes && calendar_sort_lane(e->cal, day, lane, e->sc->customers.count) != 0)
        return hk_error_set(err, HK_EINTERNAL, "out of memory sorting day %d's events", day);
    /* The events are taken a run at a time, in the order calendar_pop
     * would give them, and run from a copy (a push may move the
     * calendar's chunks); those an event pushes to this lane come with a
     * later run. */
    struct calendar_event run[LANE_RUN];
    int32_t n;
    while ((n = calendar_take(e->cal, day, lane, run, LANE_RUN)) > 0) {
        e->t.events += n;
        for (int32_t i = 0; i < n; i++) {
            if (e->prefetch)
                prefetch_ahead(e, day, lane, run + i + 1, n - i - 1);
            run_event(e, run[i], day);
        }
    }
    if (e->out_of_memory)
        return hk_error_set(err, HK_EINTERNAL, "out of memory booking day %d's invoices and events",
                            day);
    return HK_OK;
}
