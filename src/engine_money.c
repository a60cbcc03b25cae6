/*
 * engine_money.c — the only place money moves in a replication.
 *
 * engine_post_payment() and engine_write_off() post to the ledger and to
 * every accumulator in one go (book period, window, month, segment,
 * collectibility by age, the rep's and the customer's experience), so
 * the identity the ledger checks also holds for what the engine reports.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
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
    e->t.due_at_age[age] += amount;
    if (!written_off)
        e->t.paid_at_age[age] += amount;
}

/* An insolvent customer whose books are settled makes way for a new one,
 * whether its last invoice closed overdue or, under the Markov chain,
 * before it fell due (on_new_customer ignores a second call). */
static void replace_if_settled(struct engine *e, int32_t ci, int32_t day)
{
    const struct customer *c = &e->cust[ci];
    if (c->insolvent && c->overdue == 0 && ledger_customer_first(e->ledger, ci) < 0)
        engine_push(e, day + 1, 1, EV_NEW_CUSTOMER, ci, 0);
}

/* The customer's last overdue invoice closed: the case is over. */
static void overdue_closed(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (--c->overdue == 0) {
        c->ladder = 0;
        c->stopped = 0;
        c->instalments_broken = 0;
        c->case_stamp++;
        if (!c->insolvent)
            c->legal_day = -1; /* a later insolvency finds no legal action under way */
    } else if (c->stopped && !c->insolvent && c->ladder < STEP_LITIGATION &&
               c->instalments_from < 0) {
        /* Supply resumes once what is left is younger than the lawyer's
         * letter; under a lawsuit, once the case is over. Not while an
         * instalment plan is in force: the case stays at the lawyer's
         * letter that offered it, and supply as that letter left it
         * (seed 004 names stopping supply for some periods beside
         * instalments); stepping back, the case would have a second
         * lawyer's letter and a second plan. */
        const struct collection_params *cp = &e->sc->collection;
        if (engine_oldest_past_due(e, ci, day) < collection_threshold(cp, c->term_days, STEP_LAWYER_LETTER)) {
            c->stopped = 0;
            if (c->ladder > STEP_WARNING_LETTER)
                c->ladder = STEP_WARNING_LETTER;
        }
    }
}

void engine_post_payment(struct engine *e, int32_t id, cents_t amount, int32_t day)
{
    struct ledger_invoice snap = *ledger_invoice(e->ledger, id); /* slot recycles when paid */
    struct book *b = &e->books[snap.book];
    struct customer *c = &e->cust[snap.customer];
    cents_t applied = ledger_post_payment(e->ledger, id, amount);
    int64_t late = day > snap.due_day ? day - snap.due_day : 0;
    b->period.collected += applied;
    if (snap.plan.penalised)
        b->penalty_base -= applied;
    b->resolved += (double)applied;
    b->paid += (double)applied;
    b->late_weighted += (double)applied * (double)late;
    c->rated_paid += (double)applied;
    c->rated_late_days += (double)applied * (double)late;
    c->record_paid += (double)applied;
    c->record_late_days += (double)applied * (double)late;
    struct learned_kind *learned = &e->learned.kind[c->segment];
    learned->paid += applied;
    learned->late += (__int128)applied * late;
    learned->resolved += applied;
    if (engine_in_window(e, day)) {
        struct tally *t = &e->t;
        e->w.collected += applied;
        e->w.late_weighted += (__int128)applied * late;
        e->month.collected += applied;
        e->month.late_weighted += (__int128)applied * late;
        e->month.segment_paid[c->segment] += applied;
        e->month.segment_late[c->segment] += (__int128)applied * late;
        if (e->sc->segment[c->segment].report_blackout_days > 0) {
            int32_t since = day - (customer_next_report(&e->sc->firm, day + 1) -
                                   e->sc->firm.report_period_days);
            int bin = since / WEEK_DAYS;
            if (bin >= 0 && bin < REPORT_WEEKS)
                t->report_paid[bin] += applied;
        }
    }
    note_resolution(e, &snap, day, applied, 0);
    if (snap.overdue && applied == snap.amount - snap.paid)
        overdue_closed(e, snap.customer, day);
    replace_if_settled(e, snap.customer, day);
}

void engine_pay_in_full(struct engine *e, int32_t id, int32_t day)
{
    const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    /* The discount is a share of the invoice, taken off before the cash
     * that settles the rest; an invoice already part paid (a plan's
     * payments are in full) is not discounted. */
    if (v->plan.discount && v->paid == 0 && day <= engine_discount_last_day(e->sc, v))
        engine_allow_share(e, id, e->sc->firm.cash_discount, ALLOW_CASH_DISCOUNT, day);
    engine_post_payment(e, id, ledger_balance(e->ledger, id), day);
}

cents_t engine_allow_share(struct engine *e, int32_t id, double share, enum allowance kind,
                           int32_t day)
{
    cents_t amount = ledger_invoice(e->ledger, id)->amount;
    cents_t off = money_apply_rate(share, amount);
    return engine_allow(e, id, off < amount ? off : amount - 1, kind, day);
}

cents_t engine_allow(struct engine *e, int32_t id, cents_t amount, enum allowance kind, int32_t day)
{
    struct ledger_invoice snap = *ledger_invoice(e->ledger, id); /* slot recycles when closed */
    struct book *b = &e->books[snap.book];
    int segment = e->cust[snap.customer].segment;
    cents_t off = ledger_allow_discount(e->ledger, id, amount);
    if (snap.plan.penalised)
        b->penalty_base -= off;
    b->allowed[kind] += off;
    /* The rep's liability falls on what goods taken back lose (scheme.c),
     * as on a write-off, on the book's holder; the clawback on its seller. */
    if (kind == ALLOW_RETURN && snap.plan.owner == b->rep.id)
        b->period.returned_sold += off;
    if (engine_in_window(e, day)) {
        e->w.allowed[kind] += off;
        e->month.allowed[kind] += off;
        e->t.segment_allowed[kind][segment] += off;
    }
    /* Neither paid nor lost: the rep's, the customer's and the firm's
     * experience of the invoice and collectibility by age leave it out.
     * An allowance that settles the invoice closes it as a payment would
     * (goods taken back can; a share leaves a cent). */
    if (off == snap.amount - snap.paid) {
        if (snap.overdue)
            overdue_closed(e, snap.customer, day);
        replace_if_settled(e, snap.customer, day);
    }
    return off;
}

void engine_write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice snap = *ledger_invoice(e->ledger, id);
    struct book *b = &e->books[snap.book];
    struct customer *c = &e->cust[snap.customer];
    cents_t lost = ledger_write_off(e->ledger, id);
    b->period.written_off += lost;
    /* A successor inherits the receivables, and with them the liability
     * for what is lost (as it earns the commission on what it collects);
     * a clawback takes back commission paid, from the rep it was paid to. */
    if (snap.plan.owner == b->rep.id)
        b->period.written_off_sold += lost;
    if (snap.plan.penalised)
        b->penalty_base -= lost;
    b->resolved += (double)lost;
    b->bad += (double)lost;
    e->learned.kind[c->segment].resolved += lost;
    e->learned.kind[c->segment].bad += lost;
    c->rated_lost += (double)lost;
    if (engine_in_window(e, day)) {
        e->w.bad_debt += lost;
        e->month.bad_debt += lost;
        e->t.segment_bad[c->segment] += lost;
    }
    note_resolution(e, &snap, day, lost, 1);
    if (snap.overdue)
        overdue_closed(e, snap.customer, day);
    replace_if_settled(e, snap.customer, day);
}

/* Recovers share of the balance (legal action, judgment) and writes off the rest. */
cents_t engine_settle_at_loss(struct engine *e, int32_t id, double share, int32_t day)
{
    cents_t recovered = money_apply_rate(share, ledger_balance(e->ledger, id));
    if (recovered > 0)
        engine_post_payment(e, id, recovered, day);
    if (ledger_invoice(e->ledger, id)->status == LEDGER_OPEN)
        engine_write_off(e, id, day);
    return recovered > 0 ? recovered : 0;
}

void engine_add_collection_cost(struct engine *e, cents_t cost, int32_t day)
{
    if (engine_in_window(e, day))
        e->w.collection_cost += cost;
}

void engine_collect_interest(struct engine *e, cents_t amount, int32_t day)
{
    if (engine_in_window(e, day))
        e->w.interest += amount;
}

/* Days past due of the customer's oldest overdue invoice (0 if none). */
int32_t engine_oldest_past_due(const struct engine *e, int32_t ci, int32_t day)
{
    /* Invoices join the overdue list as they fall due: the first is the oldest. */
    int32_t first = ledger_customer_first_overdue(e->ledger, ci);
    return first >= 0 ? day - ledger_invoice(e->ledger, first)->due_day : 0;
}

