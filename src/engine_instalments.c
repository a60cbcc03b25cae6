/*
 * engine_instalments.c — instalment plans for customers short of cash.
 *
 * Seed 003: when a customer lacks the cash, offer it a plan to pay in
 * instalments, easing the pressure on it (在客户缺乏资金时,主动提出分期
 * 付款的方案,减轻客户的压力); seed 004 lists instalments among the
 * arrangements (調節) for a debt past the firm's letters, before the law.
 * The firm offers one with its lawyer's letter (engine_cases.c) to a
 * customer that pays by pay runs, shows no warning signs, and whose cash
 * falls short of what it owes overdue: that debt, less what awaits a
 * dispute's remedy, in collection.instalments equal parts, one due every
 * 30 days from the offer. Each pay run pays the interest on what the
 * plan has yet to collect (collection.instalment_interest a year, seed
 * 004's 罰息, penalty interest, beside its 分期付款), then towards the
 * next instalment (all that is due so far), before its cash is shared
 * out with the other suppliers; what interest a broken plan leaves
 * unpaid is not owed. While the customer keeps to it the firm does not
 * sue, nor write off what it covers: it looks when it would have sued,
 * and again the day after each instalment's first pay run on or after
 * its due day (a customer holding its cash for its reporting date pays
 * the plan nothing then, and where the firm waits for it, is looked at
 * after its first run after the date); an instalment short then ends
 * the plan, and the ladder goes on. Nothing here draws.
 */
#include <math.h>

#include "engine_internal.h"

/* What the plan still has to collect: the balance of what it covers. */
static cents_t plan_left(struct engine *e, int32_t ci)
{
    cents_t left = 0;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next)
        if (ledger_invoice(e->ledger, id)->plan.instalment)
            left += ledger_balance(e->ledger, id);
    return left;
}

/* What instalments 1 to k of n ask in all: k n-ths of the plan, in whole
 * cents, the last one the rest. */
static cents_t asked_by(cents_t total, int k, int n)
{
    return k >= n ? total : (cents_t)((__int128)total * k / n);
}

/* The day instalment k (from 1) falls due: k 30 days after the plan. */
static int32_t instalment_due_day(const struct customer *c, int k)
{
    return c->instalments_from + k * INSTALMENT_DAYS;
}

/* The day the plan is looked at for instalment k: the day after the
 * first pay run on or after its due day; where that run falls in the
 * customer's blackout before its reporting date and the firm waits for
 * such customers (collection.wait_for_reports), the day after its first
 * run after the date, which pays what it held back. */
static int32_t look_day(const struct engine *e, int32_t ci, const struct customer *c, int k)
{
    const struct scenario *sc = e->sc;
    int32_t run = engine_pay_run_from(sc, ci, instalment_due_day(c, k));
    if (sc->collection.wait_for_reports) {
        int32_t gate = customer_reporting_gate(&sc->firm, &sc->segment[c->segment], run, 1);
        if (gate > run)
            run = engine_pay_run_from(sc, ci, gate);
    }
    return run + 1;
}

static void end_plan(struct engine *e, int32_t ci, int broken, int32_t day)
{
    struct customer *c = &e->cust[ci];
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next)
        ledger_invoice(e->ledger, id)->plan.instalment = 0;
    c->instalments_from = -1;
    c->instalments_total = 0;
    if (broken) {
        c->instalments_broken = 1;
        e->w.instalment_plans_broken += engine_in_window(e, day);
    }
}

/* A customer in distress is pressed, not given time (seed 004: a rep
 * who sees the warning signs collects early); one that broke a plan in
 * the case is offered no other. */
void engine_offer_instalments(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    if (c->insolvent || c->distress_day >= 0 || seg->cash_ratio <= 0 ||
        c->instalments_from >= 0 || c->instalments_broken)
        return;
    cents_t owed = 0;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next)
        if (!engine_awaits_remedy(ledger_invoice(e->ledger, id), day))
            owed += ledger_balance(e->ledger, id);
    if (owed <= 0 || c->cash >= (double)owed)
        return;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        v->plan.instalment = !engine_awaits_remedy(v, day);
    }
    c->instalments_from = day;
    c->instalments_total = owed;
    c->interest_day = day;
    c->interest_owed = 0;
    e->w.instalment_plans += engine_in_window(e, day);
}

/* Interest on what the plan has yet to collect, from the day it was last
 * worked out to `day`: simple, at collection.instalment_interest a year. */
static void accrue_interest(struct engine *e, struct customer *c, cents_t left, int32_t day)
{
    c->interest_owed += e->sc->collection.instalment_interest * (double)left *
                        (double)(day - c->interest_day) / 365.0;
    c->interest_day = day;
}

cents_t engine_pay_instalment(struct engine *e, int32_t ci, double cash, int32_t day)
{
    struct customer *c = &e->cust[ci];
    const struct scenario *sc = e->sc;
    int n = sc->collection.instalments;
    if (c->instalments_from < 0 || day <= c->instalments_from || cash < 1)
        return 0;
    /* Holding its cash for its reporting date, it pays the plan nothing,
     * its interest neither. */
    if (customer_reporting_gate(&sc->firm, &sc->segment[c->segment], day, 1) > day)
        return 0;
    cents_t budget = (cents_t)floor(cash), left = plan_left(e, ci);
    accrue_interest(e, c, left, day);
    cents_t interest = (cents_t)floor(c->interest_owed);
    if (interest > budget)
        interest = budget;
    if (interest > 0) {
        c->interest_owed -= (double)interest;
        engine_collect_interest(e, interest, day);
    }
    /* The instalment it pays towards: the first not yet due before `day`. */
    int k = (day - c->instalments_from + INSTALMENT_DAYS - 1) / INSTALMENT_DAYS;
    cents_t owed = asked_by(c->instalments_total, k < n ? k : n, n) - (c->instalments_total - left);
    cents_t paid = 0, room = budget - interest < owed ? budget - interest : owed;
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0 && paid < room;) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        int32_t next = v->od_next; /* the slot recycles once paid */
        if (v->plan.instalment && !v->plan.defaulting && engine_payment_blocked_until(e, v, day) == 0) {
            cents_t balance = ledger_balance(e->ledger, id);
            cents_t pay = room - paid < balance ? room - paid : balance;
            engine_post_payment(e, id, pay, day);
            paid += pay;
        }
        id = next;
    }
    if (paid == left)
        end_plan(e, ci, 0, day); /* kept to the end */
    return interest + paid;
}

int32_t engine_review_instalments(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    int n = e->sc->collection.instalments;
    if (c->instalments_from < 0)
        return 0;
    cents_t paid = c->instalments_total - plan_left(e, ci);
    int kept = paid >= c->instalments_total;
    for (int k = 1; k <= n && !kept && !c->insolvent; k++) {
        int32_t looked_at = look_day(e, ci, c, k);
        if (looked_at > day)
            return looked_at;
        if (paid < asked_by(c->instalments_total, k, n))
            break;
    }
    end_plan(e, ci, !kept, day);
    return 0;
}
