/*
 * engine_repossess.c — taking goods back (collection.repossess).
 *
 * Seed 004 lists, for a doubtful or dead debt (呆/死帳), an allowance,
 * taking the goods back (收回貨物), disposing of collateral, legal help
 * and litigation's attachment. Before the firm sues, files its claim in
 * an insolvency or writes an invoice off, it takes back its own goods
 * the customer still holds unsold — a reseller's stock, goods on
 * consignment — up to what it owes, and credits them to its oldest
 * invoices first as a sales return: what they credit is neither
 * collected nor lost, and the goods are worth collection.repossess_value
 * of their cost to the firm (engine.c, firm_profit). The firm's terms
 * are taken to keep its title to goods unpaid for (seed 004: terms in
 * writing); the customer has no say. Nothing here draws.
 */
#include <math.h>

#include "engine_internal.h"

/* Takes back, for invoice id of customer c, what goods c holds up to the
 * invoice's balance. */
static cents_t take_back_for(struct engine *e, struct customer *c, int32_t id, int32_t day)
{
    double held = customer_stock_now(c, day);
    cents_t balance = ledger_balance(e->ledger, id);
    cents_t goods = (cents_t)floor(held);
    cents_t back = engine_allow(e, id, goods < balance ? goods : balance, ALLOW_RETURN, day);
    c->stock -= (double)back;
    return back;
}

double engine_repossess_worth(const struct scenario *sc)
{
    return sc->collection.repossess_value * (1.0 - sc->firm.gross_margin);
}

static int repossesses_from(const struct engine *e, const struct customer *c)
{
    return e->sc->collection.repossess && customer_holds_stock(c, &e->sc->segment[c->segment]);
}

cents_t engine_repossess_overdue(struct engine *e, int32_t ci, int32_t day)
{
    struct customer *c = &e->cust[ci];
    if (!repossesses_from(e, c))
        return 0;
    cents_t taken = 0;
    customer_stock_now(c, day);
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0 && c->stock >= 1;) {
        int32_t next = ledger_invoice(e->ledger, id)->od_next; /* a credited invoice closes */
        taken += take_back_for(e, c, id, day);
        id = next;
    }
    return taken;
}

cents_t engine_repossess_invoice(struct engine *e, int32_t id, int32_t day)
{
    struct customer *c = &e->cust[ledger_invoice(e->ledger, id)->customer];
    return repossesses_from(e, c) ? take_back_for(e, c, id, day) : 0;
}
