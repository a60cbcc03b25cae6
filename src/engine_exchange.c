/*
 * engine_exchange.c — the exchange offer to overstocked resellers.
 *
 * Seed 000's third reason a customer pays late: a reseller its rep
 * overstocked will not pay until its stock sells, and feels the firm
 * owes it (客户觉得你欠我的). The fix it gives is to raise the level and
 * offer an exchange, future discounts (以后的优惠); seed 003 a small
 * concession in exchange for timely payment. The offer is made with a
 * case's statement (engine_cases.c); what it concedes is taken off the
 * orders placed while it holds (engine_orders.c), as an allowance the
 * ledger books beside cash discounts (engine_allow_share): invoiced at
 * the full price, so the firm's sales are what it invoiced and its
 * margin bears the discount.
 */
#include "engine_internal.h"

/* What an exchange offer would have the customer pay sooner than its
 * stock lets it, in cent-days: each open invoice it means to pay and
 * does not dispute, from the day it would pay under the offer (the next
 * day for one its stock holds back already, else its own day) to the day
 * its stock sells down as it stands (`sold`). An invoice whose own day
 * comes after the offer's last day (`last`) gains nothing: its stock
 * holds it back again then. */
static double cent_days_sooner(struct engine *e, int32_t ci, int32_t day, int32_t sold,
                               int32_t last)
{
    double sooner = 0;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->plan.defaulting || v->plan.pay_day < 0 || engine_awaits_remedy(v, day))
            continue;
        int32_t now = v->plan.held_for_stock || v->plan.pay_day <= day ? day + 1 : v->plan.pay_day;
        if (now <= last && sold > now)
            sooner += (double)ledger_balance(e->ledger, id) * (double)(sold - now);
    }
    return sooner;
}

/* The offer is for the customer's future orders and asks it to pay as it
 * meant to: a customer paying by pay runs plans no day, its cash decides
 * when it pays, and it is offered none. It draws nothing. */
void engine_offer_exchange(struct engine *e, int32_t ci, int32_t day)
{
    const struct scenario *sc = e->sc;
    const struct collection_params *cp = &sc->collection;
    struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    if (c->insolvent || seg->cash_ratio > 0 || engine_exchange_holds(sc, c, day))
        return; /* failed, paying by pay runs, or one it took still holds */
    int32_t wait = customer_days_to_sell_through(c, seg, day);
    int32_t last = day + cp->exchange_days;
    double sooner = wait > 0 ? cent_days_sooner(e, ci, day, day + wait, last) : 0;
    if (sooner <= 0)
        return;
    int counted = engine_in_window(e, day);
    e->w.exchange_offers += counted;
    if (!customer_takes_exchange(cp->exchange_discount, sc->customers.cost_of_money, sooner,
                                 c->demand, cp->exchange_days))
        return;
    e->w.exchanges += counted;
    c->exchange_until = last;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->plan.held_for_stock) {
            v->plan.held_for_stock = 0;
            v->plan.pay_day = day + 1;
            engine_push(e, day + 1, 1, EV_PAY, id, v->stamp);
        }
    }
}
