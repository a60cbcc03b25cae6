/*
 * engine_events.c — what happens to invoices and customers on a day.
 *
 * Money moves only through post_payment() and write_off() here, which
 * post to the ledger and to every accumulator in one place. Invoice
 * events are stale (ignored) once their invoice is closed or its slot
 * reused; case events once the customer's collection case has closed.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "engine_internal.h"
#include "huikuan/collection.h"

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

/* The customer's last overdue invoice closed: the case is over. An
 * insolvent customer whose books are now settled makes way for a new one. */
static int32_t oldest_past_due(const struct engine *e, int32_t ci, int32_t day);

static void overdue_closed(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (--c->overdue == 0) {
        c->ladder = 0;
        c->stopped = 0;
        c->case_stamp++;
    } else if (c->stopped && !c->insolvent) {
        /* Supply resumes once what is left is younger than the lawyer's letter. */
        const struct collection_params *cp = &e->sc->collection;
        if (oldest_past_due(e, ci, day) < collection_threshold(cp, c->term_days, STEP_LAWYER_LETTER)) {
            c->stopped = 0;
            if (c->ladder > STEP_WARNING_LETTER && c->ladder < STEP_LITIGATION)
                c->ladder = STEP_WARNING_LETTER;
        }
    }
    if (c->insolvent && c->overdue == 0 && ledger_customer_first(e->ledger, ci) < 0)
        engine_push(e, day + 1, 1, EV_NEW_CUSTOMER, ci, 0);
}

static void post_payment(struct engine *e, int32_t id, cents_t amount, int32_t day)
{
    struct ledger_invoice snap = *ledger_invoice(e->ledger, id); /* slot recycles when paid */
    struct book *b = &e->books[snap.book];
    struct customer *c = &e->cust[snap.customer];
    cents_t applied = ledger_post_payment(e->ledger, id, amount);
    double late = fmax(0.0, (double)(day - snap.due_day));
    b->period.collected += applied;
    if (snap.plan.penalised)
        b->penalty_base -= applied;
    if (snap.overdue)
        b->overdue -= applied;
    b->resolved += (double)applied;
    b->paid += (double)applied;
    e->firm_resolved += (double)applied;
    b->late_weighted += (double)applied * late;
    c->rated_paid += (double)applied;
    c->rated_late_days += (double)applied * late;
    c->record_paid += (double)applied;
    c->record_late_days += (double)applied * late;
    e->seg_paid[c->segment] += (double)applied;
    e->seg_late[c->segment] += (double)applied * late;
    if (engine_in_window(e, day)) {
        struct replication_result *r = e->out;
        e->w.collected += applied;
        e->w.paid += (double)applied;
        e->w.late_weighted += (double)applied * late;
        e->month.collected += applied;
        e->month.paid += (double)applied;
        e->month.late_weighted += (double)applied * late;
        r->segment_paid[c->segment] += (double)applied / 100.0;
        r->segment_late[c->segment] += (double)applied / 100.0 * late;
        int m = (day - e->window_start) / PERIOD_DAYS;
        if (m < r->months) {
            r->segment_monthly_paid[m][c->segment] += (double)applied / 100.0;
            r->segment_monthly_late[m][c->segment] += (double)applied / 100.0 * late;
        }
        if (e->sc->segment[c->segment].report_blackout_days > 0) {
            int32_t since = day - (customer_next_report(&e->sc->firm, day + 1) -
                                   e->sc->firm.report_period_days);
            int bin = since / WEEK_DAYS;
            if (bin >= 0 && bin < REPORT_WEEKS)
                r->report_paid[bin] += (double)applied / 100.0;
        }
    }
    note_resolution(e, &snap, day, applied, 0);
    if (snap.overdue && applied == snap.amount - snap.paid)
        overdue_closed(e, snap.customer, day);
}

static void write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice snap = *ledger_invoice(e->ledger, id);
    struct book *b = &e->books[snap.book];
    struct customer *c = &e->cust[snap.customer];
    cents_t lost = ledger_write_off(e->ledger, id);
    b->period.written_off += lost;
    if (snap.plan.penalised)
        b->penalty_base -= lost;
    if (snap.overdue)
        b->overdue -= lost;
    b->resolved += (double)lost;
    b->bad += (double)lost;
    e->firm_resolved += (double)lost;
    e->firm_bad += (double)lost;
    c->rated_lost += (double)lost;
    if (engine_in_window(e, day)) {
        e->w.bad_debt += lost;
        e->month.bad_debt += lost;
        e->out->segment_bad[c->segment] += (double)lost / 100.0;
    }
    note_resolution(e, &snap, day, lost, 1);
    if (snap.overdue)
        overdue_closed(e, snap.customer, day);
}

/* Recovers share of the balance (legal action, judgment) and writes off the rest. */
static void settle_at_loss(struct engine *e, int32_t id, double share, int32_t day)
{
    cents_t recovered = money_apply_rate(share, ledger_balance(e->ledger, id));
    if (recovered > 0)
        post_payment(e, id, recovered, day);
    if (ledger_invoice(e->ledger, id)->status == LEDGER_OPEN)
        write_off(e, id, day);
}

static void add_collection_cost(struct engine *e, cents_t cost, int32_t day)
{
    if (engine_in_window(e, day))
        e->w.collection_cost += cost;
}

/* ---- orders ------------------------------------------------------------- */

static double perceived_risk(const struct engine *e, const struct customer *c)
{
    double risk = e->sc->segment[c->segment].default_prob;
    return c->distress_day >= 0 ? risk + 0.5 : risk; /* warning signs are visible */
}

double engine_order_value(const struct engine *e, int32_t ci)
{
    const struct customer *c = &e->cust[ci];
    const struct book *b = &e->books[c->book];
    /* Its own record, against its kind's as a prior worth a month's buying. */
    double weight = c->demand;
    double kind = e->seg_paid[c->segment] > 0
                      ? e->seg_late[c->segment] / e->seg_paid[c->segment]
                      : b->outlook.late_days;
    double late = (c->record_late_days + kind * weight) / (c->record_paid + weight);
    double bad = 0.5 * perceived_risk(e, c); /* about half of what defaults is got back */
    return rep_unit_value(&e->sc->scheme, &e->sc->reps, bad, late,
                          (double)e->sc->orders.amount_mean / 100.0);
}

static void schedule_next_order(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct book *b = &e->books[c->book];
    double sell = rep_sell_multiplier(&b->rep, engine_ramp(e, b, day));
    double limit = customer_stock_limit(c, seg);
    if (limit > 0) {
        /* A reseller buys what it sells through; selling beyond that is
         * stuffing its shelves, which a rep does only as far as it pays. */
        sell = fmin(1.0, sell) + b->rep.push * fmax(0.0, sell - 1.0);
        sell *= fmax(0.2, 1.0 - customer_stock_now(c, day) / (2.0 * limit));
    }
    double per_day = c->demand / (double)sc->orders.amount_mean / PERIOD_DAYS * sell *
                     (c->distress_day >= 0 ? seg->distress_order_factor : 1.0);
    int32_t gap;
    if (sc->orders.process == ORDERS_REGULAR)
        gap = per_day > 0 ? (int32_t)fmax(1.0, round(1.0 / per_day)) : 0;
    else
        gap = engine_gap_days(e->rng[STREAM_ORDERS], per_day);
    if (gap > 0 && day + gap < e->window_end)
        engine_push(e, day + gap, 1, EV_ORDER, ci, 0);
}

void engine_schedule_first_order(struct engine *e, int32_t ci)
{
    if (e->sc->orders.process == ORDERS_REGULAR) {
        engine_push(e, 0, 1, EV_ORDER, ci, 0);
        return;
    }
    struct customer *c = &e->cust[ci];
    double per_day = c->demand / (double)e->sc->orders.amount_mean / PERIOD_DAYS;
    int32_t gap = engine_gap_days(e->rng[STREAM_ORDERS], per_day);
    if (gap > 0)
        engine_push(e, gap - 1, 1, EV_ORDER, ci, 0);
}

static cents_t draw_amount(const struct order_params *o, gsl_rng *rng)
{
    double z = gsl_ran_gaussian(rng, 1.0); /* always one draw, for stream alignment */
    if (o->amount_sd <= 0)
        return o->amount_mean;
    double m = (double)o->amount_mean, s = (double)o->amount_sd;
    double sigma2 = log1p((s * s) / (m * m));
    double cents = exp(log(m) - 0.5 * sigma2 + sqrt(sigma2) * z);
    return cents < 1 ? 1 : (cents_t)llround(cents);
}

static void issue_invoice(struct engine *e, int32_t ci, int32_t day, cents_t amount)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct book *b = &e->books[c->book];
    gsl_rng *pay = e->rng[STREAM_PAYMENT];

    int32_t due = day + c->term_days;
    if (customer_holds_stock(c, seg)) {
        double stock = customer_stock_now(c, day) + (double)amount;
        c->stock = stock;
        if (c->consignment && c->demand > 0) /* pay after sold */
            due = day + (int32_t)ceil(stock / (c->demand / PERIOD_DAYS));
    }
    double delay = customer_draw_delay(c, seg, pay);
    int defaulting = customer_draw_default(seg, pay) || c->insolvent;
    double u_dispute = gsl_rng_uniform(pay), u_after = gsl_rng_uniform(pay);

    int32_t id = ledger_issue(e->ledger, ci, c->book, day, due, amount);
    if (id < 0)
        return; /* out of memory shows as a shortfall the identity check reports */
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    v->plan.defaulting = (uint8_t)defaulting;
    v->plan.disputed = u_dispute < seg->dispute_prob;
    v->plan.remedy_day = -1;
    v->plan.owner = b->rep.id;
    v->plan.pay_day = -1;
    if (seg->cash_ratio <= 0) {
        int32_t planned = due + (int32_t)lround(delay);
        v->plan.pay_day = customer_reporting_gate(&sc->firm, seg, planned, 1 + (int32_t)(u_after * 7));
    }
    if (sc->collection.reminders) {
        if (due - 7 > day)
            engine_push(e, due - 7, 1, EV_REMIND, id, v->stamp);
        if (due - 3 > day)
            engine_push(e, due - 3, 1, EV_REMIND, id, v->stamp);
    }
    engine_push(e, due + 1, 0, EV_DUE, id, v->stamp);
    engine_push(e, due + sc->scheme.penalty_grace_days + 1, 0, EV_GRACE, id, v->stamp);
    if (v->plan.pay_day >= 0 && !defaulting && !v->plan.disputed)
        engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
    engine_push(e, due + sc->firm.write_off_days, 1, EV_WRITE_OFF, id, v->stamp);

    b->period.sales += amount;
    c->rated_bought += (double)amount;
    if (engine_in_window(e, day)) {
        e->w.sales += amount;
        e->w.invoices++;
        e->month.sales += amount;
        e->out->segment_sales[c->segment] += (double)amount / 100.0;
    }
}

static void on_order(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct book *b = &e->books[c->book];
    if (c->insolvent || (sc->orders.max_per_customer > 0 && c->orders >= sc->orders.max_per_customer))
        return;
    c->orders++;
    cents_t amount = draw_amount(&sc->orders, e->rng[STREAM_ORDERS]);
    double u_screen = gsl_rng_uniform(e->rng[STREAM_ORDERS]);
    if (customer_holds_stock(c, seg) && seg->push_factor > 0) {
        /* Channel stuffing: selling effort beyond nominal goes into bigger orders. */
        double push = 1.0 + seg->push_factor * b->rep.push *
                                fmax(0.0, b->rep.effort[EFFORT_SELL] - 1.0);
        amount = (cents_t)llround((double)amount * push);
    }
    double risk = perceived_risk(e, c);
    int risky = risk >= 0.1;
    int counted = engine_in_window(e, day);
    int screened = u_screen < rep_decline_prob(&b->rep, &sc->reps, engine_order_value(e, ci));
    int declined = c->stopped || screened;
    if (!declined && c->credit_limit >= 0)
        declined = ledger_customer_totals(e->ledger, ci).outstanding + amount > c->credit_limit;
    if (counted) {
        e->w.orders_placed++;
        e->w.orders_declined += declined;
        e->w.risky_placed += risky;
        e->w.risky_declined += risky && screened && !c->stopped;
    }
    if (!declined)
        issue_invoice(e, ci, day, amount);
    schedule_next_order(e, ci, day);
}

/* ---- invoice events ------------------------------------------------------ */

static double contact_strength(const struct engine *e, const struct book *b,
                               const struct ledger_invoice *v, int32_t day)
{
    double orphan = v->plan.owner == b->rep.id ? 1.0 : e->sc->reps.orphan_factor;
    return b->rep.firmness * engine_ramp(e, b, day) * orphan;
}

static void on_remind(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct book *b = &e->books[v->book];
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    double u = gsl_rng_uniform(e->rng[STREAM_REPS]);
    if (u >= fmin(1.0, b->rep.effort[EFFORT_COLLECT]))
        return; /* a rep who does not collect does not remind either */
    add_collection_cost(e, e->sc->collection.cost_reminder, day);
    customer_add_pressure(c, day, 0.3);
    if (v->plan.pay_day > v->due_day && !v->plan.defaulting) {
        struct contact_outcome out = customer_respond_to_contact(
            seg, 0, v->plan.pay_day, day, 0.3 * contact_strength(e, b, v, day),
            e->rng[STREAM_RESPONSE]);
        if (out.pay_day < v->plan.pay_day) {
            v->plan.pay_day = out.pay_day > v->due_day ? out.pay_day : v->due_day;
            engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
        }
    }
}

static void open_case(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    c->case_stamp++;
    c->ladder = STEP_NONE;
    int32_t gap = engine_gap_days(e->rng[STREAM_REPS],
                                  rep_contact_rate(&b->rep, &e->sc->reps, engine_ramp(e, b, day)));
    if (gap > 0)
        engine_push(e, day + gap - 1, 1, EV_CHASE, ci, c->case_stamp);
    int32_t first = collection_threshold(&e->sc->collection, c->term_days, STEP_STATEMENT);
    engine_push(e, day - 1 + first, 1, EV_LETTER, ci, c->case_stamp);
}

static void on_due(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    ledger_mark_overdue(e->ledger, id);
    e->books[v->book].overdue += ledger_balance(e->ledger, id);
    if (c->overdue++ == 0)
        open_case(e, v->customer, day);
    if (e->sc->firm.factoring == FACTORING_REPORTING_WINDOW && seg->report_blackout_days > 0 &&
        v->plan.pay_day > day + e->sc->firm.factoring_after_days)
        engine_push(e, day + e->sc->firm.factoring_after_days, 1, EV_FACTOR, id, v->stamp);
}

/* The reasons a customer may not pay an invoice today, whatever it meant
 * to: returns the day to look again, or 0 if nothing stands in the way. */
static int32_t payment_blocked_until(struct engine *e, const struct ledger_invoice *v, int32_t day)
{
    struct customer *c = &e->cust[v->customer];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    if (v->plan.disputed && (v->plan.remedy_day < 0 || v->plan.remedy_day > day))
        return v->plan.remedy_day > day ? v->plan.remedy_day : -1; /* waits for a remedy */
    int32_t sold = customer_days_to_sell_through(c, seg, day);
    if (sold > 0)
        return day + sold;
    int32_t gate = customer_reporting_gate(&e->sc->firm, seg, day, 1);
    if (gate > day)
        return gate;
    return 0;
}

static void on_pay(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    if (v->plan.pay_day != day || v->plan.defaulting)
        return;
    int32_t later = payment_blocked_until(e, v, day);
    if (later != 0) {
        v->plan.pay_day = later;
        if (later > 0)
            engine_push(e, later, 1, EV_PAY, id, v->stamp);
        return;
    }
    post_payment(e, id, ledger_balance(e->ledger, id), day);
}

static void on_write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    struct customer *c = &e->cust[v->customer];
    if (c->ladder == STEP_LITIGATION)
        return; /* the judgment will settle it */
    double share = 0;
    if (c->insolvent) /* what legal action, if any, preserved */
        share = collection_insolvency_recovery(&e->sc->collection, c->insolvent_day, c->legal_day);
    settle_at_loss(e, id, share, day);
}

static void on_factor(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    if (v->plan.defaulting || e->cust[v->customer].insolvent)
        return;
    cents_t balance = ledger_balance(e->ledger, id);
    if (engine_in_window(e, day))
        e->w.factoring_cost += money_apply_rate(e->sc->firm.factoring_discount, balance);
    post_payment(e, id, balance, day);
}

/* ---- collection cases ------------------------------------------------------ */

/* A letter from the firm presses like a contact from a middling rep. */
#define LETTER_STRENGTH 0.4

/* Days past due of the customer's oldest overdue invoice (0 if none). */
static int32_t oldest_past_due(const struct engine *e, int32_t ci, int32_t day)
{
    int32_t oldest = 0;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->overdue && day - v->due_day > oldest)
            oldest = day - v->due_day;
    }
    return oldest;
}

/* Applies one contact's pressure to every overdue invoice of a customer.
 * A rep's contact presses with the rep's strength (firmness, ramp-up,
 * whether it is the rep's own invoice); the firm's letters with their
 * own, letter_strength. */
static void press_invoices(struct engine *e, int32_t ci, double letter_strength, int32_t day)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->next;
        if (v->overdue && !c->insolvent) {
            double strength = letter_strength > 0 ? letter_strength
                                                  : contact_strength(e, b, v, day);
            struct contact_outcome out = customer_respond_to_contact(
                seg, v->plan.defaulting, v->plan.pay_day, day, strength, e->rng[STREAM_RESPONSE]);
            if (out.cured) {
                v->plan.defaulting = 0;
                if (seg->cash_ratio > 0)
                    out.pay_day = -1; /* back in the queue of its pay runs */
            }
            if (out.pay_day >= 0 && (out.pay_day != v->plan.pay_day || out.cured)) {
                v->plan.pay_day = out.pay_day;
                engine_push(e, out.pay_day, 1, EV_PAY, id, v->stamp);
            }
        }
        id = next;
    }
}

static void take_legal_action(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (c->legal_day < 0)
        c->legal_day = day;
    if (e->sc->collection.stop_supply &&
        ledger_customer_totals(e->ledger, ci).outstanding >= e->sc->collection.stop_supply_balance)
        c->stopped = 1;
    c->relationship = fmax(0.0, c->relationship - 0.2);
}

static void on_chase(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    const struct collection_params *cp = &e->sc->collection;
    if (c->overdue == 0)
        return;
    int32_t dpd = oldest_past_due(e, ci, day);
    int visit = dpd >= collection_threshold(cp, c->term_days, STEP_VISIT);
    int step = visit ? STEP_VISIT : STEP_CALL;
    add_collection_cost(e, collection_step_cost(cp, step), day);
    if (engine_in_window(e, day))
        e->w.contacts++;
    double ramp = engine_ramp(e, b, day);
    customer_add_pressure(c, day, collection_step_pressure(step) * b->rep.firmness * ramp);
    if (visit)
        c->relationship = fmin(1.0, c->relationship + 0.05);
    press_invoices(e, ci, 0.0, day);
    /* A rep who watches sees the warning signs and acts early (seed 004). */
    double u = gsl_rng_uniform(e->rng[STREAM_REPS]);
    if (c->distress_day >= 0 && u < b->rep.firmness * ramp * 0.5)
        take_legal_action(e, ci, day);
    int32_t gap = engine_gap_days(e->rng[STREAM_REPS], rep_contact_rate(&b->rep, &e->sc->reps, ramp));
    if (gap > 0)
        engine_push(e, day + gap, 1, EV_CHASE, ci, c->case_stamp);
}

/* The firm's own letters: statement, warning, lawyer's letter, litigation. */
static void on_letter(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    const struct collection_params *cp = &e->sc->collection;
    if (c->overdue == 0 || c->ladder >= STEP_LITIGATION)
        return;
    int next = c->ladder < STEP_STATEMENT ? STEP_STATEMENT : c->ladder + 1;
    int32_t dpd = oldest_past_due(e, ci, day);
    int32_t due = collection_threshold(cp, c->term_days, next);
    if (dpd < due) { /* the oldest invoice was paid: wait for the next one to age */
        engine_push(e, day + due - dpd, 1, EV_LETTER, ci, c->case_stamp);
        return;
    }
    c->ladder = (uint8_t)next;
    add_collection_cost(e, collection_step_cost(cp, next), day);
    customer_add_pressure(c, day, collection_step_pressure(next));
    press_invoices(e, ci, LETTER_STRENGTH, day);
    {
        /* Reconciliation finds the disputed invoices; the remedy (a clause,
         * a deposit) takes remedy_days, pressure or not (seed 000). Each
         * later letter picks up disputes that have come due since. */
        const struct segment_params *seg = &e->sc->segment[c->segment];
        for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
             id = ledger_invoice(e->ledger, id)->next) {
            struct ledger_invoice *v = ledger_invoice(e->ledger, id);
            if (v->plan.disputed && v->plan.remedy_day < 0) {
                v->plan.remedy_day = day + (int32_t)ceil(seg->remedy_days);
                if (v->plan.pay_day < v->plan.remedy_day)
                    v->plan.pay_day = v->plan.remedy_day;
                if (!v->plan.defaulting && seg->cash_ratio <= 0)
                    engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
            }
        }
    }
    if (next == STEP_LAWYER_LETTER)
        take_legal_action(e, ci, day);
    if (next == STEP_LITIGATION) {
        cents_t owed = ledger_customer_totals(e->ledger, ci).outstanding;
        if (owed < cp->litigation_min_balance && !c->insolvent) {
            c->ladder = STEP_LAWYER_LETTER; /* not worth suing: written off in time */
            return;
        }
        /* Courts take their time: lognormal, sd half the mean. */
        double z = gsl_ran_gaussian(e->rng[STREAM_RESPONSE], 1.0);
        double sigma2 = log1p(0.25);
        int32_t takes = (int32_t)ceil(cp->litigation_days * exp(sqrt(sigma2) * z - 0.5 * sigma2));
        if (engine_in_window(e, day))
            e->w.litigations++;
        engine_push(e, day + takes, 1, EV_JUDGMENT, ci, c->case_stamp);
    } else {
        int32_t then = collection_threshold(cp, c->term_days, next + 1);
        engine_push(e, day + (then - dpd > 1 ? then - dpd : 1), 1, EV_LETTER, ci, c->case_stamp);
    }
}

static void on_judgment(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    const struct collection_params *cp = &e->sc->collection;
    double share = c->insolvent ? collection_insolvency_recovery(cp, c->insolvent_day, c->legal_day)
                                : cp->litigation_recovery;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->next;
        /* A solvent customer that meant to pay pays in full under judgment;
         * what it would never have paid is recovered in part. */
        if (v->overdue)
            settle_at_loss(e, id, v->plan.defaulting || c->insolvent ? share : 1.0, day);
        id = next;
    }
}

/* ---- customer events ---------------------------------------------------- */

/* A cash-constrained customer's pay run: cash comes in and is shared with
 * the other suppliers by priority (seed 002). Every learning customer
 * also updates what it thinks of the firm here. */
static void on_pay_run(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    double z = gsl_ran_gaussian(e->rng[STREAM_PAYMENT], 0.3);
    int32_t every = sc->customers.pay_run_days;
    if (day + every < calendar_days(e->cal))
        engine_push(e, day + every, 1, EV_PAY_RUN, ci, 0);
    double pressure = customer_pressure_now(c, day);
    if (c->overdue > 0)
        customer_learn(c, seg, pressure > 0.3);
    if (seg->cash_ratio <= 0 || c->insolvent)
        return;

    double run_demand = c->demand / PERIOD_DAYS * every;
    double others_owed = run_demand * sc->customers.other_claims;
    c->cash += seg->cash_ratio * (run_demand + others_owed) * exp(z - 0.045);
    c->other_dues += others_owed;
    double due_firm = 0;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->due_day <= day && !v->plan.defaulting && payment_blocked_until(e, v, day) == 0)
            due_firm += (double)(v->amount - v->paid);
    }
    double priority = customer_priority(&sc->customers, sc->firm.supplier_value,
                                        c->relationship, pressure, c->leniency);
    double to_others;
    double to_firm = customer_allocate_cash(c->cash, due_firm, c->other_dues, priority, 0.0,
                                            &to_others);
    c->cash -= to_others;
    c->other_dues -= to_others;
    cents_t budget = (cents_t)floor(to_firm);
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0 && budget > 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->next;
        if (v->due_day <= day && !v->plan.defaulting && payment_blocked_until(e, v, day) == 0) {
            cents_t pay = budget < v->amount - v->paid ? budget : v->amount - v->paid;
            post_payment(e, id, pay, day);
            budget -= pay;
            c->cash -= (double)pay;
        }
        id = next;
    }
}

static void on_distress(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (c->insolvent || c->distress_day >= 0)
        return;
    double t = customer_draw_insolvency_delay(&e->sc->segment[c->segment], e->rng[STREAM_PAYMENT]);
    c->distress_day = day;
    if (isfinite(t) && day + t < calendar_days(e->cal))
        engine_push(e, day + 1 + (int32_t)t, 0, EV_INSOLVENT, ci, 0);
}

static void on_insolvent(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (c->insolvent || c->distress_day < 0)
        return;
    c->insolvent = 1;
    c->insolvent_day = day;
    if (engine_in_window(e, day))
        e->w.insolvencies++;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next)
        ledger_invoice(e->ledger, id)->plan.defaulting = 1;
    if (ledger_customer_first(e->ledger, ci) < 0)
        engine_push(e, day + 1, 1, EV_NEW_CUSTOMER, ci, 0);
}

/* A new customer of the same kind takes the slot of one that failed, so
 * the segment mix stays as the scenario says; it starts on a new
 * customer's credit (seed 004: small credit first). */
static void on_new_customer(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (!c->insolvent || ledger_customer_first(e->ledger, ci) >= 0)
        return;
    uint32_t stamp = c->case_stamp;
    customer_init(c, c->segment, c->book, e->sc, e->rng[STREAM_STRUCTURE]);
    c->case_stamp = stamp + 1;
    c->stock_day = day;
    c->pressure_day = day;
    if (day < e->window_end) {
        double per_day = c->demand / (double)e->sc->orders.amount_mean / PERIOD_DAYS;
        int32_t gap = engine_gap_days(e->rng[STREAM_ORDERS], per_day);
        if (gap > 0)
            engine_push(e, day + gap, 1, EV_ORDER, ci, 0);
    }
    engine_schedule_customer_events(e, ci, day);
}

static void on_rerate(struct engine *e, int32_t ci, int32_t day)
{
    customer_rerate(&e->cust[ci], e->sc);
    if (day + e->sc->firm.rerate_days < e->window_end)
        engine_push(e, day + e->sc->firm.rerate_days, 1, EV_RERATE, ci, 0);
}

void engine_schedule_customer_events(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    double u = gsl_rng_uniform(e->rng[STREAM_STRUCTURE]);
    if (seg->cash_ratio > 0 || seg->leniency_learning > 0)
        engine_push(e, day + (int32_t)(ci % sc->customers.pay_run_days), 1, EV_PAY_RUN, ci, 0);
    if (seg->insolvency_hazard > 0) {
        double onset = day + fmax(1.0, seg->distress_onset_days) * -log1p(-u);
        if (onset < e->window_end)
            engine_push(e, (int32_t)onset, 0, EV_DISTRESS, ci, 0);
    }
    if (sc->firm.credit_limit_months > 0)
        engine_push(e, day + 1 + (int32_t)(ci % sc->firm.rerate_days), 1, EV_RERATE, ci, 0);
}

void engine_run_lane(struct engine *e, int32_t day, int lane)
{
    struct calendar_event ev;
    while (calendar_pop(e->cal, day, lane, &ev)) {
        e->out->events++;
        if (ev.kind >= EV_ORDER) {
            struct customer *c = &e->cust[ev.target];
            int is_case = ev.kind == EV_CHASE || ev.kind == EV_LETTER || ev.kind == EV_JUDGMENT;
            if (is_case && ev.stamp != c->case_stamp)
                continue; /* that collection case has closed */
            switch (ev.kind) {
            case EV_ORDER:
                if (day < e->window_end)
                    on_order(e, ev.target, day);
                break;
            case EV_CHASE:
                on_chase(e, ev.target, day);
                break;
            case EV_LETTER:
                on_letter(e, ev.target, day);
                break;
            case EV_JUDGMENT:
                on_judgment(e, ev.target, day);
                break;
            case EV_PAY_RUN:
                on_pay_run(e, ev.target, day);
                break;
            case EV_DISTRESS:
                on_distress(e, ev.target, day);
                break;
            case EV_INSOLVENT:
                on_insolvent(e, ev.target, day);
                break;
            case EV_RERATE:
                on_rerate(e, ev.target, day);
                break;
            case EV_NEW_CUSTOMER:
                on_new_customer(e, ev.target, day);
                break;
            }
            continue;
        }
        struct ledger_invoice *v = ledger_invoice(e->ledger, ev.target);
        if (v->status != LEDGER_OPEN || v->stamp != ev.stamp)
            continue; /* paid or written off since, or the slot was reused */
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
        }
    }
}
