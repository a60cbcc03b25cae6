/*
 * engine_cases.c — collection cases and the customers' own events.
 *
 * A case opens when a customer's first invoice falls overdue and closes
 * when none is left; case events (rep contacts, the firm's letters, the
 * judgment) carry the case's stamp and lapse with it. Customer events:
 * pay runs (cash split by priority, learning), distress and insolvency,
 * credit re-rating, and a new customer in the place of a failed one.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "huikuan/draws.h"
#include "huikuan/libm_inline.h"
#include "engine_internal.h"
#include "huikuan/collection.h"

/* ---- collection cases ------------------------------------------------------ */

/* A letter from the firm presses like a contact from a middling rep. */
#define LETTER_STRENGTH 0.4

/* Applies one contact's pressure to every overdue invoice of a customer.
 * A rep's contact presses with the rep's strength (firmness, ramp-up,
 * whether it is the rep's own invoice); the firm's letters with their
 * own, letter_strength. */
static void press_invoices(struct engine *e, int32_t ci, double letter_strength, int32_t day)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    if (c->insolvent)
        return;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->od_next;
        {
            double strength = letter_strength > 0 ? letter_strength
                                                  : engine_contact_strength(e, b, v, day);
            struct contact_outcome out = customer_respond_to_contact(
                seg, v->plan.defaulting, v->plan.pay_day, day, strength,
                engine_customer_rng(e, ci, CUSTOMER_DRAWS_COLLECTION));
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

void engine_book_chase(struct engine *e, int32_t ci, int32_t day, int32_t earliest)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    const struct rep_params *p = &e->sc->reps;
    double rate = rep_contact_rate(&b->rep, p, engine_ramp(e, b, day));
    if (rate != b->call_rate) { /* the same for every case of the book most days */
        b->call_rate = rate;
        b->call_chance = engine_daily_chance(rate);
        b->call_log_miss = log(1 - b->call_chance); /* 0 at rate 0, as the book starts */
    }
    gsl_rng *rng = engine_customer_rng(e, ci, CUSTOMER_DRAWS_COLLECTION);
    int32_t gap = engine_gap_days(rng, b->call_chance, b->call_log_miss);
    int32_t next_choice = engine_next_effort_choice(e, day); /* none after the horizon */
    if (gap > 0 && earliest + gap - 1 < next_choice)
        engine_push(e, earliest + gap - 1, 1, EV_CHASE, ci, c->case_stamp);
    else if (next_choice < INT32_MAX && p->contacts_per_week > 0)
        /* No call before the next weekly choice of effort: the case waits
         * for it and the gap is drawn again at the new rate. Days between
         * calls are memoryless, so this is exact; a gap drawn in a slack
         * week had run its course after collecting picked up, and a case
         * opened in a week of no collecting was never called on. */
        engine_push(e, next_choice, 1, EV_CHASE_WAIT, ci, c->case_stamp);
}

/* Seed 003: supply stops once the debt exceeds an amount. The firm looks
 * at each of its letters from the lawyer's letter on. */
static void stop_supply_if_owed(struct engine *e, int32_t ci)
{
    if (e->sc->collection.stop_supply &&
        ledger_customer_totals(e->ledger, ci).outstanding >= e->sc->collection.stop_supply_balance)
        e->cust[ci].stopped = 1;
}

/* The ladder stops supply before it sues (DESIGN, seed 004: lawyer's
 * letter, stop supply, litigation): a firm that takes a customer to
 * court ships it nothing more on credit, whatever it owes, until the
 * case is over (engine_money.c: overdue_closed). Under the balance
 * alone a customer sued for 15,000 went on buying through the whole
 * suit (300 days at the default then). */
static void stop_supply_for_suit(struct engine *e, int32_t ci)
{
    if (e->sc->collection.stop_supply)
        e->cust[ci].stopped = 1;
}

static void take_legal_action(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (c->legal_day < 0)
        c->legal_day = day;
    stop_supply_if_owed(e, ci);
    customer_set_relationship(c, day, customer_relationship_now(c, day) - 0.2);
}

/* Puts the invoice's write-off on the calendar, once: at write_off_days
 * past due, or today if a late letter finds that day passed. */
static void book_write_off(struct engine *e, struct ledger_invoice *v, int32_t id, int32_t day)
{
    if (v->plan.write_off_due)
        return;
    int32_t when = v->due_day + e->sc->firm.write_off_days;
    v->plan.write_off_due = 1;
    engine_push(e, when > day ? when : day, 1, EV_WRITE_OFF, id, v->stamp);
}

void engine_book_early_write_off(struct engine *e, int32_t id, int32_t day)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    /* From the lawyer's letter on, each letter books what has reached
     * its age; they come at most three steps apart, so an invoice is
     * booked by the age the ladder reaches litigation. */
    int32_t booked_by = collection_threshold(&e->sc->collection, e->cust[v->customer].term_days,
                                             STEP_LITIGATION);
    if (e->sc->firm.write_off_days < booked_by)
        book_write_off(e, v, id, day);
}

/* Books the write-offs of the customer's overdue invoices that fell due
 * on or before due_by. */
static void book_write_offs_due_by(struct engine *e, int32_t ci, int32_t due_by, int32_t day)
{
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->due_day > due_by)
            break; /* the list runs oldest first */
        book_write_off(e, v, id, day);
    }
}

/* Long overdue invoices go on the calendar for write-off. Doing it here,
 * from the lawyer's letter on, rather than when each invoice falls due,
 * keeps the many invoices paid in the first weeks off the calendar; an
 * early write-off is booked at the due date (engine_book_early_write_off). */
static void schedule_write_offs(struct engine *e, int32_t ci, int32_t day)
{
    int32_t after = collection_threshold(&e->sc->collection, e->cust[ci].term_days,
                                         STEP_LAWYER_LETTER);
    book_write_offs_due_by(e, ci, day - after, day);
}

/* The letter of step `step` (statement to litigation), the firm's or the
 * lawyer's letter a rep sends early: the case climbs to that step, the
 * letter costs and presses, and a lawyer's letter begins legal action. */
static void send_letter(struct engine *e, int32_t ci, int step, int32_t day)
{
    struct customer *c = &e->cust[ci];
    c->ladder = (uint8_t)step;
    engine_add_collection_cost(e, collection_step_cost(&e->sc->collection, step), day);
    customer_add_pressure(c, day, collection_step_pressure(step));
    press_invoices(e, ci, LETTER_STRENGTH, day);
    if (step == STEP_LAWYER_LETTER)
        take_legal_action(e, ci, day);
}

/* Reconciliation finds the disputed invoices; the remedy (a clause, a
 * deposit) takes remedy_days, pressure or not (seed 000). The statement,
 * or a lawyer's letter a rep sends before it, finds those overdue by
 * then; an invoice that falls due after it is
 * found at the age the statement found the first
 * (engine_find_later_dispute). Later letters look again, for a case
 * that reached them without a statement. */
static void start_remedy(struct engine *e, int32_t id, int32_t found)
{
    struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    const struct segment_params *seg = &e->sc->segment[e->cust[v->customer].segment];
    v->plan.remedy_day = found + (int32_t)ceil(seg->remedy_days);
    /* A customer that pays by pay runs plans no day: its runs pay the
     * invoice once the remedy is done, as far as its cash goes. */
    if (seg->cash_ratio <= 0 && v->plan.pay_day < v->plan.remedy_day)
        v->plan.pay_day = v->plan.remedy_day;
    if (!v->plan.defaulting && seg->cash_ratio <= 0)
        engine_push(e, v->plan.pay_day, 1, EV_PAY, id, v->stamp);
}

static void start_remedies(struct engine *e, int32_t ci, int32_t day)
{
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->plan.disputed && v->plan.remedy_day < 0)
            start_remedy(e, id, day);
    }
}

static void on_chase(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    struct book *b = &e->books[c->book];
    const struct collection_params *cp = &e->sc->collection;
    if (c->overdue == 0)
        return;
    int32_t dpd = engine_oldest_past_due(e, ci, day);
    int visit = dpd >= collection_threshold(cp, c->term_days, STEP_VISIT);
    int step = visit ? STEP_VISIT : STEP_CALL;
    engine_add_collection_cost(e, collection_step_cost(cp, step), day);
    if (engine_in_window(e, day))
        e->w.contacts++;
    double ramp = engine_ramp(e, b, day);
    customer_add_pressure(c, day, collection_step_pressure(step) * b->rep.firmness * ramp);
    if (visit)
        customer_set_relationship(c, day, customer_relationship_now(c, day) + 0.05);
    press_invoices(e, ci, 0.0, day);
    /* A rep who watches sees the warning signs and acts early (seed 004):
     * the case's lawyer's letter goes now, unless it has gone. It states
     * what is owed, as the statement would have: the disputes it finds
     * start their remedies now, not at the firm's next letter (past the
     * lawyer's letter, the lawsuit). */
    double u = draw_uniform(engine_customer_rng(e, ci, CUSTOMER_DRAWS_COLLECTION));
    if (c->distress_day >= 0 && u < b->rep.firmness * ramp * 0.5 && c->ladder < STEP_LAWYER_LETTER) {
        start_remedies(e, ci, day);
        schedule_write_offs(e, ci, day);
        send_letter(e, ci, STEP_LAWYER_LETTER, day);
    }
    engine_book_chase(e, ci, day, day + 1);
}

void engine_find_later_dispute(struct engine *e, int32_t id, int32_t day)
{
    const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
    const struct customer *c = &e->cust[v->customer];
    if (!v->plan.disputed || v->plan.remedy_day >= 0 || c->ladder < STEP_STATEMENT)
        return;
    /* Found as old as the case's first invoice was when its statement
     * found that one (day is the first day past due). */
    int32_t age = collection_threshold(&e->sc->collection, c->term_days, STEP_STATEMENT);
    start_remedy(e, id, day - 1 + (age > 1 ? age : 1));
}

int32_t engine_ladder_waits_until(const struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    const struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    if (c->insolvent || !sc->collection.wait_for_reports || seg->report_blackout_days <= 0)
        return day;
    /* The report it holds its cash for: the coming one in its blackout,
     * else the last, whose payments may still be to come. */
    int32_t report = customer_reporting_gate(&sc->firm, seg, day, 0);
    if (report <= day) {
        int32_t next = customer_next_report(&sc->firm, day);
        report = next == day ? day : next - sc->firm.report_period_days;
    }
    /* A debt it left unpaid in the week after the report before is not
     * waited for again (with blackouts back to back it would be for
     * ever). */
    int32_t first = ledger_customer_first_overdue(e->ledger, ci);
    int32_t promised = report - sc->firm.report_period_days + CUSTOMER_REPORT_PAY_DAYS;
    if (first >= 0 && ledger_invoice(e->ledger, first)->due_day <= promised)
        return day;
    /* A customer that pays by pay runs pays at its first run after it. */
    int32_t paid_by = seg->cash_ratio > 0 ? engine_pay_run_from(sc, ci, report + 1)
                                          : report + CUSTOMER_REPORT_PAY_DAYS;
    return day <= paid_by ? paid_by + 1 : day;
}

/* Days past due of the customer's oldest overdue invoice that the firm
 * presses: not one whose dispute awaits its remedy (seed 000: the remedy
 * takes its time, pressure or not), nor any while the customer holds
 * its cash for its reporting date, unless the customer has failed and
 * neither matters. -1 if nothing is pressed; *resume is then the day
 * the wait for the report is over, or the day after the first remedy is
 * due, when the invoice is paid or pressed again. */
static int32_t pressed_past_due(const struct engine *e, int32_t ci, int32_t day, int32_t *resume)
{
    if (e->cust[ci].insolvent)
        return engine_oldest_past_due(e, ci, day);
    int32_t waits = engine_ladder_waits_until(e, ci, day);
    if (waits > day) {
        *resume = waits;
        return -1;
    }
    int32_t first_remedy = INT32_MAX;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (!v->plan.disputed || v->plan.remedy_day <= day)
            return day - v->due_day;
        if (v->plan.remedy_day < first_remedy)
            first_remedy = v->plan.remedy_day;
    }
    *resume = first_remedy < INT32_MAX ? first_remedy + 1 : day + 1;
    return -1;
}

/* The firm's own letters: statement, warning, lawyer's letter, litigation. */
static void on_letter(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    const struct collection_params *cp = &e->sc->collection;
    if (c->overdue == 0 || c->ladder >= STEP_LITIGATION)
        return;
    /* The ladder waits while the customer keeps to an instalment plan,
     * and looks again after each instalment (engine_instalments.c). */
    int32_t plan_again = engine_review_instalments(e, ci, day);
    if (plan_again > 0) {
        engine_push(e, plan_again, 1, EV_LETTER, ci, c->case_stamp);
        return;
    }
    int next = c->ladder < STEP_STATEMENT ? STEP_STATEMENT : c->ladder + 1;
    int32_t dpd = engine_oldest_past_due(e, ci, day);
    int32_t due = collection_threshold(cp, c->term_days, next);
    if (dpd < due) { /* the oldest invoice was paid: wait for the next one to age */
        engine_push(e, day + due - dpd, 1, EV_LETTER, ci, c->case_stamp);
        return;
    }
    start_remedies(e, ci, day);
    if (next > STEP_STATEMENT) {
        /* Past the statement the ladder climbs over what no remedy awaits. */
        int32_t resume = day + 1, pressed = pressed_past_due(e, ci, day, &resume);
        if (pressed < due) {
            /* Reconciled again each step_days meanwhile, for the invoices
             * that fall due in the meantime. */
            int32_t again = pressed >= 0 ? day + due - pressed : resume;
            if (again > day + cp->step_days)
                again = day + cp->step_days;
            /* What is not paid is still written off at its age, however
             * long the remedy runs: booked here if that comes before the
             * next letter, which looks again (the lawyer's letter books
             * it otherwise). */
            book_write_offs_due_by(e, ci, again - e->sc->firm.write_off_days, day);
            engine_push(e, again, 1, EV_LETTER, ci, c->case_stamp);
            return;
        }
    }
    if (next >= STEP_LAWYER_LETTER)
        schedule_write_offs(e, ci, day);
    /* A claim is for what is due: invoices not yet due do not make a
     * debt worth suing for. */
    int small = next == STEP_LITIGATION &&
                ledger_customer_overdue_beyond(e->ledger, ci, day, 0) < cp->litigation_min_balance;
    if (small && !c->insolvent) {
        /* Not worth suing: reconcile again later and see whether it
         * grows; supply stops on a debt grown since the lawyer's letter. */
        stop_supply_if_owed(e, ci);
        engine_push(e, day + cp->step_days, 1, EV_LETTER, ci, c->case_stamp);
        return;
    }
    /* Before the law, the firm takes back its goods (seed 004). What is
     * left is looked at the next day as after a payment: it may be too
     * young or too small to sue for, or nothing (the case is over); a
     * case stepped back (overdue_closed) climbs again from there. The
     * stock is gone then, and nothing more is taken back. */
    if (next == STEP_LITIGATION && engine_repossess_overdue(e, ci, day) > 0) {
        if (c->overdue > 0)
            engine_push(e, day + 1, 1, EV_LETTER, ci, c->case_stamp);
        return;
    }
    if (next == STEP_LITIGATION && !c->insolvent) /* a claim: it orders nothing more anyway */
        stop_supply_for_suit(e, ci);
    /* An insolvency settles anyway: the firm files its claim in it, at no
     * cost, whatever it is owed, and it is settled as a judgment would be
     * (a lawsuit would recover no more). Left to its write-off, the
     * failed customer's slot waited a year for its successor. */
    int claim = next == STEP_LITIGATION && c->insolvent;
    if (claim)
        c->ladder = STEP_LITIGATION;
    else
        send_letter(e, ci, next, day);
    /* Raise the level and offer an exchange (seed 000): with the
     * statement, once a case. */
    if (next == STEP_STATEMENT && cp->exchange_discount > 0)
        engine_offer_exchange(e, ci, day);
    /* A customer short of cash is offered instalments (seeds 003, 004)
     * with the lawyer's letter, before the firm goes to law. */
    if (next == STEP_LAWYER_LETTER && cp->instalments > 0)
        engine_offer_instalments(e, ci, day);
    if (next == STEP_LITIGATION) {
        /* Courts take their time: lognormal, sd half the mean. */
        double sigma2 = log1p(0.25);
        double factor = draw_lognormal(engine_customer_rng(e, ci, CUSTOMER_DRAWS_COLLECTION),
                                       -0.5 * sigma2, sqrt(sigma2));
        int32_t takes = (int32_t)ceil(cp->litigation_days * factor);
        if (!claim && engine_in_window(e, day))
            e->w.litigations++;
        c->judgment_day = day + takes;
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
    const struct segment_params *seg = &e->sc->segment[c->segment];
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->od_next;
        /* A solvent customer that meant to pay pays in full under judgment;
         * what it would never have paid is recovered in part. */
        if (v->overdue) {
            cents_t paid = engine_settle_at_loss(
                e, id, v->plan.defaulting || c->insolvent ? share : 1.0, day);
            customer_pay_judgment(c, seg, (double)paid); /* not from nowhere */
        }
        id = next;
    }
}

/* ---- customer events ---------------------------------------------------- */

/* Whether a pay run's cash, as it is shared out, goes to invoice v: due,
 * meant to be paid, outside an instalment plan (which its run paid
 * first) and held back by nothing. */
static int shared_out_to(struct engine *e, const struct ledger_invoice *v, int32_t day)
{
    return v->due_day <= day && !v->plan.defaulting && !v->plan.instalment &&
           engine_payment_blocked_until(e, v, day) == 0;
}

/* A cash-constrained customer's pay run: cash comes in and is shared with
 * the other suppliers by priority (seed 002). Every learning customer
 * also updates what it thinks of the firm here. */
static void on_pay_run(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    int32_t every = sc->customers.pay_run_days;
    if (engine_in_window(e, day))
        e->t.pay_runs++;
    /* Runs go on while there is something to pay (a cash-constrained
     * customer) or to learn from (an overdue one); issuing an invoice or
     * opening a case starts them again. */
    c->pay_runs = seg->cash_ratio > 0 ? ledger_customer_first(e->ledger, ci) >= 0 : c->overdue > 0;
    if (c->pay_runs && day + every < calendar_days(e->cal))
        engine_push(e, day + every, 1, EV_PAY_RUN, ci, c->order_stamp);
    double pressure = customer_pressure_now(c, day);
    if (c->overdue > 0)
        customer_learn(c, seg, pressure > 0.3);
    if (seg->cash_ratio <= 0 || c->insolvent)
        return;

    /* Cash and the other suppliers' dues since the last run (or since it
     * last owed the firm anything). */
    double luck = draw_lognormal(engine_customer_rng(e, ci, CUSTOMER_DRAWS_COLLECTION), -0.045,
                                 0.3); /* mean 1 */
    double others_owed;
    c->cash += customer_pay_run_income(c, sc, day, &others_owed) * luck;
    c->other_dues += others_owed;
    c->cash_day = day;
    /* What an instalment plan asks, with its interest, is paid first: the
     * customer agreed to it as a sum it can pay (seed 003). */
    c->cash -= (double)engine_pay_instalment(e, ci, c->cash, day);
    double due_firm = 0;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (shared_out_to(e, v, day))
            due_firm += (double)(v->amount - v->paid);
    }
    double to_others;
    double to_firm = customer_allocate_cash(c->cash, due_firm, c->other_dues,
                                            customer_firm_priority(c, sc, day), 0.0, &to_others);
    c->cash -= to_others;
    c->other_dues -= to_others;
    cents_t budget = (cents_t)floor(to_firm);
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0 && budget > 0;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->next;
        if (shared_out_to(e, v, day)) {
            cents_t pay = budget < v->amount - v->paid ? budget : v->amount - v->paid;
            engine_post_payment(e, id, pay, day);
            budget -= pay;
            c->cash -= (double)pay;
        }
        id = next;
    }
}

int32_t engine_pay_run_from(const struct scenario *sc, int32_t ci, int32_t day)
{
    int32_t every = sc->customers.pay_run_days, phase = ci % every;
    return day + ((phase - day % every) % every + every) % every;
}

static void on_distress(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (c->insolvent || c->distress_day >= 0)
        return;
    double t = customer_draw_insolvency_delay(&e->sc->segment[c->segment],
                                              engine_customer_rng(e, ci, CUSTOMER_DRAWS_LIFE));
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
    uint32_t stamp = c->case_stamp, order_stamp = c->order_stamp;
    customer_init(c, c->segment, c->book, e->sc, engine_customer_rng(e, ci, CUSTOMER_DRAWS_LIFE));
    c->case_stamp = stamp + 1;
    c->order_stamp = order_stamp + 1;
    c->stock_day = day;
    c->pressure_day = day;
    if (day < e->window_end)
        engine_start_orders(e, ci, day + 1);
    engine_schedule_customer_events(e, ci, day);
}

static void on_rerate(struct engine *e, int32_t ci, int32_t day)
{
    customer_rerate(&e->cust[ci], e->sc, engine_oldest_past_due(e, ci, day));
    if (day + e->sc->firm.rerate_days < e->window_end)
        engine_push(e, day + e->sc->firm.rerate_days, 1, EV_RERATE, ci, e->cust[ci].order_stamp);
}

void engine_schedule_customer_events(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    double u = draw_uniform(engine_customer_rng(e, ci, CUSTOMER_DRAWS_LIFE));
    c->pay_runs = 0; /* the first invoice starts a cash-constrained customer's runs */
    c->cash_day = day;
    if (seg->insolvency_hazard > 0) {
        double onset = day + fmax_inline(1.0, seg->distress_onset_days) * -log1p(-u);
        if (onset < e->window_end)
            engine_push(e, (int32_t)onset, 0, EV_DISTRESS, ci, 0);
    }
    /* Terms are re-rated with or without credit limits (limits of 0
     * months are none: customer_rerate keeps them so). */
    engine_push(e, day + 1 + (int32_t)(ci % sc->firm.rerate_days), 1, EV_RERATE, ci,
                c->order_stamp);
}


void engine_on_customer_event(struct engine *e, int kind, int32_t ci, uint32_t stamp, int32_t day)
{
    int is_case = kind == EV_CHASE || kind == EV_CHASE_WAIT || kind == EV_LETTER ||
                  kind == EV_JUDGMENT;
    if (is_case && stamp != e->cust[ci].case_stamp)
        return; /* that collection case has closed */
    if ((kind == EV_RERATE || kind == EV_PAY_RUN) && stamp != e->cust[ci].order_stamp)
        return; /* the re-rating or pay run of a customer whose slot a new one took */
    switch (kind) {
    case EV_CHASE:
        on_chase(e, ci, day);
        break;
    case EV_CHASE_WAIT:
        engine_book_chase(e, ci, day, day);
        break;
    case EV_LETTER:
        on_letter(e, ci, day);
        break;
    case EV_JUDGMENT:
        on_judgment(e, ci, day);
        break;
    case EV_PAY_RUN:
        on_pay_run(e, ci, day);
        break;
    case EV_DISTRESS:
        on_distress(e, ci, day);
        break;
    case EV_INSOLVENT:
        on_insolvent(e, ci, day);
        break;
    case EV_RERATE:
        on_rerate(e, ci, day);
        break;
    case EV_NEW_CUSTOMER:
        on_new_customer(e, ci, day);
        break;
    }
}
