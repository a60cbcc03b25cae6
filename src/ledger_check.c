/*
 * ledger_check.c — the ledger's identities recomputed from its open
 * invoices, for every customer, every book and the total, on as many
 * threads as it has pools (see ledger_check_identity in ledger.h).
 */
#include <stdint.h>
#include <string.h>

#include "huikuan/ledger.h"
#include "ledger_internal.h"

static int totals_check(const struct ledger_totals *t, cents_t open_sum, const char *what,
                        int index, struct hk_error *err)
{
    if (t->invoiced != t->collected + t->discounted + t->written_off + t->outstanding ||
        t->outstanding != open_sum)
        return hk_error_set(err, HK_EINTERNAL,
                            "ledger identity broken for %s %d: invoiced %lld, collected %lld, "
                            "discounted %lld, written off %lld, outstanding %lld, open invoices "
                            "%lld (cents)",
                            what, index, (long long)t->invoiced, (long long)t->collected,
                            (long long)t->discounted, (long long)t->written_off,
                            (long long)t->outstanding,
                            (long long)open_sum);
    return HK_OK;
}

/* Inline: it runs for every open invoice at each monthly check. */
static inline void part_add(struct check_part *part, const struct ledger_invoice *v, cents_t *by_customer,
                     cents_t *by_book)
{
    cents_t balance = v->amount - v->paid;
    by_customer[v->customer] += balance;
    by_book[v->book] += balance;
    part->total += balance;
    part->overdue += v->overdue ? balance : 0;
    part->overdue_invoices += v->overdue;
    part->open++;
}

/* Customer c's totals against its open invoices' sum, and its overdue
 * list: each entry counted, in due-date order, ending. */
static int check_customer(const struct ledger *l, int32_t c, cents_t open_sum, int32_t kept_open,
                          int32_t *listed, struct hk_error *err)
{
    int rc = totals_check(&l->acct[c].t, open_sum, "customer", c, err);
    int32_t due = INT32_MIN, steps = 0;
    for (int32_t id = l->acct[c].od_first; id >= 0 && rc == HK_OK; id = slot(l, id)->od_next) {
        const struct ledger_invoice *v = slot(l, id);
        if (++steps > kept_open)
            return hk_error_set(err, HK_EINTERNAL, "customer %d's overdue list does not end", c);
        *listed += v->status == LEDGER_OPEN && v->overdue && v->customer == c;
        if (v->due_day < due) /* ledger_customer_overdue_beyond relies on it */
            rc = hk_error_set(err, HK_EINTERNAL,
                              "customer %d's overdue invoices are not in due-date order", c);
        due = v->due_day;
    }
    return rc;
}

/* Customers [from, to): their home slots into by_customer and by_book,
 * then each one checked; stops at the first that fails. by_customer
 * already holds their shared slots. */
static void check_customers(const struct ledger *l, int32_t from, int32_t to, int32_t kept_open,
                            cents_t *by_book, struct check_part *part)
{
    cents_t *by_customer = l->check_customer;
    for (int32_t c = from; c < to; c++) {
        FOR_EACH_HOME_OPEN(l, c, v, { part_add(part, v, by_customer, by_book); });
        if (check_customer(l, c, by_customer[c], kept_open, &part->listed, &part->err) != HK_OK)
            return;
    }
}

int ledger_check_identity(const struct ledger *l, struct hk_error *err)
{
    return ledger_check_identity_threads(l, 1, err);
}

int ledger_check_identity_threads(const struct ledger *l, int threads, struct hk_error *err)
{
    /* A thread per range of customers, each with its own book sums: at
     * most one per pool, for which there is room. */
    int parts = threads < 1 ? 1 : threads > l->pools ? l->pools : threads;
    cents_t *by_customer = l->check_customer;
    memset(by_customer, 0, (size_t)l->customers * sizeof *by_customer);
    memset(l->check_book, 0, (size_t)parts * l->books * sizeof *l->check_book);
    for (int t = 0; t < parts; t++) {
        l->check_part[t] = (struct check_part){0};
        hk_error_clear(&l->check_part[t].err);
    }
    FOR_EACH_SHARED_OPEN(l, v, { part_add(&l->check_part[0], v, by_customer, l->check_book); });
    int32_t kept_open = ledger_open_count(l);
#pragma omp parallel for num_threads(parts) schedule(static, 1) if (parts > 1)
    for (int t = 0; t < parts; t++)
        check_customers(l, (int32_t)((int64_t)l->customers * t / parts),
                        (int32_t)((int64_t)l->customers * (t + 1) / parts), kept_open,
                        l->check_book + (size_t)t * l->books, &l->check_part[t]);
    /* The first customer that fails is the first failure of the first
     * part with one: the same message as a check on one thread. */
    for (int t = 0; t < parts; t++)
        if (l->check_part[t].err.status != HK_OK)
            return hk_error_set(err, l->check_part[t].err.status, "%s", l->check_part[t].err.message);
    struct check_part sum = {0};
    for (int t = 0; t < parts; t++) {
        sum.total += l->check_part[t].total;
        sum.overdue += l->check_part[t].overdue;
        sum.open += l->check_part[t].open;
        sum.overdue_invoices += l->check_part[t].overdue_invoices;
        sum.listed += l->check_part[t].listed;
    }
    cents_t *by_book = l->check_book;
    for (int t = 1; t < parts; t++)
        for (int b = 0; b < l->books; b++)
            by_book[b] += l->check_book[(size_t)t * l->books + b];
    int rc = HK_OK;
    for (int b = 0; b < l->books && rc == HK_OK; b++)
        rc = totals_check(&l->by_book[b], by_book[b], "book", b, err);
    struct ledger_totals all = ledger_total(l);
    if (rc == HK_OK)
        rc = totals_check(&all, sum.total, "total", 0, err);
    cents_t kept_overdue = ledger_overdue_total(l);
    if (rc == HK_OK && (sum.overdue != kept_overdue || sum.open != kept_open))
        rc = hk_error_set(err, HK_EINTERNAL, "ledger overdue/open counters drifted: "
                          "%lld vs %lld cents, %d vs %d invoices", (long long)sum.overdue,
                          (long long)kept_overdue, sum.open, kept_open);
    /* Every overdue invoice sits on its customer's overdue list, once. */
    if (rc == HK_OK && sum.listed != sum.overdue_invoices)
        rc = hk_error_set(err, HK_EINTERNAL, "overdue lists hold %d invoices, %d are overdue",
                          sum.listed, sum.overdue_invoices);
    return rc;
}
