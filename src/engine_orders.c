/*
 * engine_orders.c — orders and the invoices they become.
 *
 * A customer's next order is scheduled at a rate set by its demand, the
 * rep's selling effort beside the share that comes anyway
 * (orders.base_demand; bounded for resellers by what they sell through,
 * unless the rep pushes stock), and visible distress. An order may be
 * declined by the rep's screening, a stop on supply or the credit limit;
 * otherwise it becomes an invoice with the customer's payment plan.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "huikuan/draws.h"
#include "huikuan/libm_inline.h"
#include "engine_internal.h"
#include "huikuan/collection.h"

/* ---- orders ------------------------------------------------------------- */

/* An order is risky (risky_screened) whose customer's kind defaults on one
 * invoice in ten or more, or that shows warning signs of distress. */
static int order_is_risky(const struct engine *e, const struct customer *c)
{
    return e->sc->segment[c->segment].default_prob >= 0.1 || c->distress_day >= 0;
}

/* The chance that the customer's next invoice will never be paid unless
 * cured: its kind's, raised by what it already owes (customers.exposure_risk). */
static double default_chance(const struct engine *e, int32_t ci)
{
    const struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    double risk = e->sc->customers.exposure_risk;
    if (risk <= 0) /* at every order and weekly reading: nothing more to look up */
        return seg->default_prob;
    double month = customer_monthly_purchases(c, e->sc); /* as the credit limit counts it */
    if (!(month > 0))
        return seg->default_prob;
    double owed = (double)ledger_customer_totals(e->ledger, ci).outstanding;
    return customer_default_chance(seg, risk, owed / month);
}

void engine_unit_terms(const struct engine *e, int32_t book, struct rep_unit_terms *t)
{
    rep_unit_terms_init(&e->books[book].rep, &e->sc->scheme, &e->sc->reps,
                        (double)e->sc->orders.amount_mean / 100.0, t);
}

double engine_order_value_with(const struct engine *e, int32_t ci, const struct rep_unit_terms *t)
{
    const struct customer *c = &e->cust[ci];
    const struct book *b = &e->books[c->book];
    /* Its own record, against its kind's as a prior worth a month's buying. */
    double weight = c->demand;
    const struct kind_history *h = &e->kind[c->segment];
    double kind = h->paid > 0 ? h->days_late : b->outlook.late_days;
    double seen = c->record_paid + weight; /* 0 for a customer that buys nothing */
    double late = seen > 0 ? (c->record_late_days + kind * weight) / seen : kind;
    /* What its kind has lost of what it settled, against half its chance
     * of default (about half of what defaults is got back) as a prior
     * worth a month of its buying: what collecting cures, and the courts
     * recover, is not lost. Warning signs of distress are visible, and so
     * is what it owes. */
    double prior = 0.5 * default_chance(e, ci);
    double settled = h->resolved + weight;
    double bad = settled > 0 ? (h->bad + prior * weight) / settled : prior;
    if (c->distress_day >= 0)
        bad += 0.25;
    return rep_unit_value_with(t, bad, late);
}

double engine_order_value(const struct engine *e, int32_t ci)
{
    struct rep_unit_terms t;
    engine_unit_terms(e, e->cust[ci].book, &t);
    return engine_order_value_with(e, ci, &t);
}

/* ---- when the next order comes --------------------------------------------
 * A customer orders at a rate set by its demand, its rep's selling (the
 * weekly effort, skill and ramp), its stock and visible distress. The gap
 * to its next order is drawn at the rate of the moment; each week, once
 * reps have chosen their effort, the part of every gap still ahead is
 * stretched or shrunk by the new rate (engine_retime_orders), a change of
 * clock that for a Poisson stream is exact. So a gap drawn in a slack
 * week ends soon after selling picks up, and a rate of zero holds the
 * next order back, with what is left of its gap, until selling resumes.
 * Left at the rate of the order it followed, a gap drawn in a week the
 * rep did not sell had lasted for years, or for ever.
 *
 * An order is booked on the calendar only once it falls before the next
 * weekly re-timing, so it is booked once, whatever the rates do. */

/* Orders a day, at least 0. */
static double order_rate(const struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci]; /* its stock is brought up to date */
    const struct segment_params *seg = &sc->segment[c->segment];
    const struct book *b = &e->books[c->book];
    double own = rep_sell_multiplier(&b->rep, engine_ramp(e, b, day));
    double sell = scenario_selling_with_base(sc, own); /* with what comes anyway */
    double limit = customer_stock_limit(c, seg);
    if (limit > 0) {
        /* A reseller buys what it sells through; selling beyond that is
         * stuffing its shelves, which a rep does only as far as it pays. */
        sell = fmin_inline(1.0, sell) + b->rep.push * fmax_inline(0.0, sell - 1.0);
        sell *= fmax_inline(0.2, 1.0 - customer_stock_now(c, day) / (2.0 * limit));
    } else if (c->consignment) {
        /* The firm tops up what it has placed with a consignee towards
         * what it starts with, sending more while it holds less and less
         * while it holds more: the goods sell at the consignee's pace,
         * however hard its rep sells, and only a rep selling slackly
         * leaves it short. */
        double norm = CUSTOMER_OPENING_STOCK_MONTHS * c->demand;
        sell = fmin_inline(1.0, sell) *
               fmax_inline(0.2, 1.5 - customer_stock_now(c, day) / (2.0 * norm));
    }
    return c->pace * sell * (c->distress_day >= 0 ? seg->distress_order_factor : 1.0);
}

/* Below this many orders a day the mean gap is beyond any run. */
#define RATE_AT_REST 1e-6

/* ceil(due) for a due in [INT32_MIN, INT32_MAX): its truncation, one
 * more if that fell short. Without SSE4.1's rounding instruction ceil
 * takes a dozen more instructions, at every order and weekly re-timing. */
static int32_t ceil_day(double due)
{
    int32_t day = (int32_t)due;
    return day + ((double)day < due);
}

/* The next order falls due at `due` (a day and a fraction), at `rate`. */
static void set_due(struct customer *c, double due, double rate)
{
    c->order_rate = rate;
    c->order_due = due;
    c->order_day = due < INT32_MAX ? ceil_day(due) : INT32_MAX;
}

/* It waits for selling to resume, `left` orders' worth of selling away. */
static void set_waiting(struct customer *c, double left)
{
    c->order_rate = 0;
    c->order_left = left;
    c->order_day = INT32_MAX;
}

/* The day before which an order known on `day` is booked: the re-timing
 * after `day` (which re-times orders from its own day on), or the run's
 * end if that comes first. */
static int32_t booking_end(const struct engine *e, int32_t day)
{
    int32_t next = engine_next_effort_choice(e, day);
    return next < e->window_end ? next : e->window_end;
}

/* Books the next order if it falls before `end` (booking_end). */
static void book_if_before(struct engine *e, int32_t ci, int32_t end)
{
    struct customer *c = &e->cust[ci];
    if (c->order_day < end)
        engine_push(e, c->order_day, 1, EV_ORDER, ci, c->order_stamp);
}

/* The gap to the customer's next order starts at the end of `day`. */
static void start_gap(struct engine *e, int32_t ci, int32_t day, double rate)
{
    struct customer *c = &e->cust[ci];
    gsl_rng *rng = engine_customer_rng(e, ci, CUSTOMER_DRAWS_ORDERS);
    int regular = e->sc->orders.process == ORDERS_REGULAR;
    if (rate < RATE_AT_REST) {
        /* The gap, in orders' worth of selling, waits for a rate. */
        set_waiting(c, regular ? 1.0 : draw_exponential(rng, 1.0));
        return;
    }
    double gap = regular ? fmax_inline(1.0, round(1.0 / rate)) : (double)engine_draw_gap(rng, rate);
    set_due(c, (double)day + gap, rate);
    book_if_before(e, ci, booking_end(e, day));
}

void engine_start_orders(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (e->sc->orders.process == ORDERS_REGULAR || e->sc->orders.process == ORDERS_EFFORT) {
        engine_push(e, day, 1, EV_ORDER, ci, c->order_stamp);
        return;
    }
    /* No rep has sold to it yet: a first order at its own pace. */
    double rate = c->pace;
    if (rate > 0)
        start_gap(e, ci, day - 1, rate);
}

void engine_retime_orders(struct engine *e, int32_t first, int32_t end, int32_t day)
{
    const struct scenario *sc = e->sc;
    int nb = sc->reps.count;
    if (sc->orders.process == ORDERS_EFFORT)
        return; /* one invoice a week, whatever the effort */
    /* Every order booked before today fell before today: none is pending. */
    int32_t booked_before = booking_end(e, day);
    for (int32_t row = 0; row < sc->customers.count; row += nb)
        for (int32_t ci = row + first; ci < row + end && ci < sc->customers.count; ci++) {
            struct customer *c = &e->cust[ci];
            if (c->order_rate < 0 || c->insolvent)
                continue; /* no order to come */
            if (c->order_rate == 0 || c->order_due > day) {
                double rate = order_rate(e, ci, day);
                double left = c->order_rate > 0 ? (c->order_due - day) * c->order_rate
                                                : c->order_left;
                if (rate < RATE_AT_REST) {
                    set_waiting(c, left);
                    continue;
                }
                if (rate != c->order_rate)
                    set_due(c, (double)day + left / rate, rate);
            }
            book_if_before(e, ci, booked_before);
        }
}

static cents_t draw_amount(const struct order_params *o, gsl_rng *rng)
{
    if (o->amount_sd <= 0) {
        draw_gaussian(rng, 1.0); /* always one draw, for stream alignment */
        return o->amount_mean;
    }
    double cents = draw_lognormal_mean_sd(rng, (double)o->amount_mean, (double)o->amount_sd);
    return cents < 1 ? 1 : (cents_t)llround_inline(cents);
}

/* A cash discount (seed 004: most customers pay promptly to take it): an
 * invoice the customer means to pay by the discount's last day gets it;
 * one it means to pay later is paid on that day instead if the discount
 * is worth the cash meanwhile (customer_takes_discount) and nothing
 * stops it paying then. Not an invoice it means never to pay or
 * disputes, nor one of a customer in visible distress, paying from the
 * sales of its stock, or holding its cash for its reporting date on
 * that day. It draws nothing. */
static void offer_cash_discount(struct engine *e, int32_t ci, struct ledger_invoice *v)
{
    const struct scenario *sc = e->sc;
    const struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    if (v->plan.defaulting || v->plan.disputed || c->distress_day >= 0 ||
        customer_holds_stock(c, seg))
        return;
    int32_t last = engine_discount_last_day(sc, v);
    if (v->plan.pay_day > last) {
        if (customer_reporting_gate(&sc->firm, seg, last, 1) != last ||
            !customer_takes_discount(sc->firm.cash_discount, sc->customers.cost_of_money,
                                     v->plan.pay_day - last))
            return;
        v->plan.pay_day = last;
    }
    v->plan.discount = 1;
}

/* When and how the customer means to pay a new invoice, and what the rep
 * and the firm do about it. */
static void plan_payment(struct engine *e, int32_t ci, int32_t id, int32_t day, double delay,
                         double u_after)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    int32_t due = v->due_day;
    if (seg->cash_ratio <= 0) {
        int32_t planned = customer_pay_day(due, delay);
        v->plan.pay_day = customer_reporting_gate(&sc->firm, seg, planned, 1 + (int32_t)(u_after * CUSTOMER_REPORT_PAY_DAYS));
        if (sc->firm.cash_discount > 0)
            offer_cash_discount(e, ci, v);
    }
    if (sc->collection.reminders) { /* the first books the second */
        if (due - 7 > day)
            engine_push(e, due - 7, 1, EV_REMIND, id, v->stamp);
        else if (due - 3 > day)
            engine_push(e, due - 3, 1, EV_REMIND, id, v->stamp);
    }
    if (v->plan.pay_day >= 0 && !v->plan.defaulting && !v->plan.disputed)
        engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
    if (seg->cash_ratio > 0 && !c->pay_runs) {
        c->pay_runs = 1; /* from the due date on */
        engine_push(e, engine_pay_run_from(sc, ci, due), 1, EV_PAY_RUN, ci, c->order_stamp);
    }
}

static void issue_invoice(struct engine *e, int32_t ci, int32_t day, cents_t amount)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct book *b = &e->books[c->book];
    gsl_rng *pay = engine_customer_rng(e, ci, CUSTOMER_DRAWS_INVOICES);

    int32_t due = day + c->term_days;
    if (customer_holds_stock(c, seg)) {
        double stock = customer_stock_now(c, day) + (double)amount;
        c->stock = stock;
        if (c->consignment && c->demand > 0) /* pay after sold */
            due = day + customer_days_to_sell(c, stock);
    }
    double delay = customer_draw_delay(c, seg, pay);
    double chance = default_chance(e, ci); /* before this invoice is owed */
    int defaulting = customer_draw_default(chance, pay) || c->insolvent;
    double u_dispute = draw_uniform(pay), u_after = draw_uniform(pay);

    int32_t id = ledger_issue(e->ledger, ci, c->book, day, due, amount);
    if (id < 0) {
        e->out_of_memory = 1; /* the lane reports it */
        return;
    }
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    v->plan.defaulting = (uint8_t)defaulting;
    v->plan.disputed = u_dispute < seg->dispute_prob;
    v->plan.remedy_day = -1;
    v->plan.owner = b->rep.id;
    v->plan.pay_day = -1;
    engine_push(e, due + 1, 0, EV_DUE, id, v->stamp);
    /* The grace end matters only to a penalty, which a late invoice
     * costs its rep whichever behaviour makes it late. */
    if (sc->scheme.penalty_daily_rate > 0)
        engine_push(e, due + sc->scheme.penalty_grace_days + 1, 0, EV_GRACE, id, v->stamp);
    if (sc->customers.behaviour == BEHAVIOUR_MARKOV) {
        /* The chain alone decides when it is paid or lost. */
        v->plan.markov_state = 0;
        v->plan.markov_seen = 1;
        engine_push(e, day + sc->markov.period_days, 1, EV_MARKOV, id, v->stamp);
    } else {
        plan_payment(e, ci, id, day, delay, u_after);
    }
    if (engine_exchange_holds(sc, c, day))
        engine_allow_share(e, id, sc->collection.exchange_discount, ALLOW_CONCESSION, day);
    b->period.sales += amount;
    c->rated_bought += (double)amount;
    e->t.invoices_issued++;
    if (engine_in_window(e, day)) {
        e->w.sales += amount;
        e->w.invoices++;
        e->month.sales += amount;
        e->t.segment_sales[c->segment] += amount;
    }
}

/* Output is effort plus normal noise: one invoice a week for what the
 * rep's effort produced (Holmstrom and Milgrom's setting). The firm ships
 * it as it ships any order: never to a customer that failed (whose slot
 * a new customer takes, with its own weekly output), nor past a credit
 * stop or limit; output it does not ship is neither sold nor expected. */
static void on_effort_output(struct engine *e, int32_t ci, int32_t day)
{
    const struct order_params *o = &e->sc->orders;
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    if (c->insolvent || (o->max_per_customer > 0 && c->orders >= o->max_per_customer))
        return; /* no more output for this customer */
    double z = draw_gaussian(engine_customer_rng(e, ci, CUSTOMER_DRAWS_ORDERS), 1.0);
    double mean = (double)o->output_base +
                  (double)o->output_per_effort * rep_sell_multiplier(&b->rep, engine_ramp(e, b, day));
    double cents = mean + (double)o->output_sd * z;
    cents_t amount = cents < 1 ? 1 : (cents_t)llround_inline(cents);
    c->orders++;
    int declined = c->stopped;
    if (!declined && c->credit_limit >= 0)
        declined = ledger_customer_totals(e->ledger, ci).outstanding + amount > c->credit_limit;
    if (engine_in_window(e, day)) {
        e->w.orders_placed++;
        e->w.orders_declined += declined;
    }
    if (!declined) {
        b->expected_output += mean;
        b->output_variance += (double)o->output_sd * (double)o->output_sd;
        issue_invoice(e, ci, day, amount);
    }
    if (day + WEEK_DAYS < e->window_end)
        engine_push(e, day + WEEK_DAYS, 1, EV_ORDER, ci, c->order_stamp);
}

static void take_order(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    struct book *b = &e->books[c->book];
    if (sc->orders.process == ORDERS_EFFORT) {
        on_effort_output(e, ci, day);
        return;
    }
    if (c->insolvent || (sc->orders.max_per_customer > 0 && c->orders >= sc->orders.max_per_customer)) {
        c->order_rate = -1; /* no more orders */
        return;
    }
    c->orders++;
    cents_t amount = draw_amount(&sc->orders, engine_customer_rng(e, ci, CUSTOMER_DRAWS_ORDERS));
    double u_screen = draw_uniform(engine_customer_rng(e, ci, CUSTOMER_DRAWS_ORDERS));
    if (customer_holds_stock(c, seg) && seg->push_factor > 0) {
        /* Channel stuffing: selling effort beyond nominal goes into bigger orders. */
        double push = 1.0 + seg->push_factor * b->rep.push *
                                fmax_inline(0.0, b->rep.effort[EFFORT_SELL] - 1.0);
        amount = (cents_t)llround_inline((double)amount * push);
    }
    int risky = order_is_risky(e, c);
    int counted = engine_in_window(e, day);
    /* A rep who does not screen declines nothing, whatever the order is
     * worth to it: the worth, a reading of the customer's record, is
     * wanted only by one who does. */
    int screened = rep_screen_chance(&b->rep, &sc->reps) > 0 &&
                   u_screen < rep_decline_prob(&b->rep, &sc->reps, engine_order_value(e, ci));
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
    start_gap(e, ci, day, order_rate(e, ci, day));
}

void engine_on_order(struct engine *e, int32_t ci, uint32_t stamp, int32_t day)
{
    /* A stamp from before the customer's slot was taken by a new one. */
    if (day < e->window_end && stamp == e->cust[ci].order_stamp)
        take_order(e, ci, day);
}
