/*
 * ledger.h — invoices and the money identity.
 *
 * The ledger owns every invoice's money state and keeps, per customer,
 * per book (a rep's territory, which outlives the rep) and in total:
 *
 *     invoiced = collected + discounted + written_off + outstanding
 *                                                        (to the cent)
 *
 * where discounted is what allowances took off invoices: cash discounts
 * for paying early, and an exchange offer's discount on a reseller's orders.
 * Each of the five is a separately maintained counter, so the identity
 * is a real check: ledger_check_identity() recomputes outstanding from
 * the open invoices themselves and compares everything.
 *
 * Invoice ids are slots in a pool: a closed invoice's slot is reused,
 * so memory is bounded by the number of open invoices, not by days.
 * A reused slot gets a new stamp; callers that remember an id keep its
 * stamp too and compare.
 *
 * Pools: the books are split into `pools` ranges of consecutive books,
 * and each range keeps its own slots and running totals. Postings for
 * customers of books in different pools may run at the same time, on
 * different threads; anything that reads across pools (the totals, the
 * ageing, the checks) runs only while nothing posts. Ids, and so pools,
 * never change balances: the same postings give the same totals with
 * any number of pools.
 */
#ifndef HUIKUAN_LEDGER_H
#define HUIKUAN_LEDGER_H

#include <stdint.h>
#include "huikuan/error.h"
#include "huikuan/money.h"

enum ledger_status { LEDGER_FREE, LEDGER_OPEN };

/* Ageing buckets of open receivables by days past due. */
enum ledger_bucket {
    AGE_CURRENT,   /* not yet due */
    AGE_1_30,
    AGE_31_60,
    AGE_61_90,
    AGE_91_180,
    AGE_181_365,
    AGE_OVER_365,
    AGE_BUCKETS
};

struct ledger_totals {
    cents_t invoiced, collected, discounted, written_off, outstanding;
};

/* Behaviour state the engine keeps per invoice; the ledger never reads it. */
struct invoice_plan {
    int32_t pay_day;      /* day the customer intends to pay in full; -1 none */
    int32_t owner;        /* rep (person) who owned the book when issued */
    int32_t remedy_day;   /* a dispute's remedy takes effect; -1 not started */
    uint8_t defaulting;   /* will not pay unless cured */
    uint8_t penalised;    /* past due + grace, counted in the book's penalty base */
    uint8_t disputed;     /* blocked by an acceptance dispute until remedied */
    uint8_t write_off_due; /* its write-off is on the calendar */
    uint8_t discount;     /* paid by the cash discount's last day, it is allowed */
    uint8_t held_for_stock; /* its payment was last held back for unsold stock */
    uint8_t instalment;   /* covered by its customer's instalment plan in force */
    uint8_t markov_state; /* customers.behaviour = markov: its ageing state ... */
    uint16_t markov_seen; /* ... and every state it has been in (bit per state) */
};

struct ledger_invoice {
    cents_t amount;
    cents_t paid;         /* so far, cash and any allowance */
    int32_t customer, book;
    int32_t issue_day, due_day;
    int32_t prev, next;   /* the customer's open invoices, oldest first */
    int32_t od_prev, od_next; /* the customer's overdue invoices, in the order they fell due */
    uint32_t stamp;       /* changes each time the slot is reused or rescheduled */
    uint8_t status;       /* enum ledger_status */
    uint8_t overdue;      /* counted in the overdue total */
    struct invoice_plan plan;
};

struct ledger;

/* home_slots: invoice slots each customer keeps for itself (at most 32,
 * fewer for a very large book; 0 for none), which keeps its invoices
 * together in memory; further invoices take shared slots, which grow as
 * needed. pools: see above (at least 1, at most books). */
struct ledger *ledger_alloc(int customers, int books, int home_slots, int pools);
void ledger_free(struct ledger *l);

/* Sets aside shared slots in `pool` for at least `shared_slots` invoices
 * at once, so that issuing them allocates nothing (pages are mapped only
 * as slots are used). Beyond them the ledger grows as it must, and
 * ledger_growths() counts each allocation it makes. Returns -1 on no
 * memory, else 0. */
int ledger_reserve(struct ledger *l, int pool, int64_t shared_slots);
int64_t ledger_growths(const struct ledger *l);

/* Opens an invoice; returns its id, or -1 if memory ran out. */
int32_t ledger_issue(struct ledger *l, int32_t customer, int32_t book,
                     int32_t issue_day, int32_t due_day, cents_t amount);

/* Applies up to amount to the invoice; returns what was applied. Closes
 * the invoice when its balance reaches zero. */
cents_t ledger_post_payment(struct ledger *l, int32_t id, cents_t amount);

/* Takes up to amount off the invoice's balance as an allowance (a cash
 * discount, an exchange offer's discount); returns what was taken.
 * Closes the invoice when its balance reaches zero (a discount is
 * allowed before the payment that settles the rest). */
cents_t ledger_allow_discount(struct ledger *l, int32_t id, cents_t amount);

/* Writes off the remaining balance and closes the invoice; returns it. */
cents_t ledger_write_off(struct ledger *l, int32_t id);

/* The invoice passed its due date: its balance now counts as overdue. */
void ledger_mark_overdue(struct ledger *l, int32_t id);

struct ledger_invoice *ledger_invoice(struct ledger *l, int32_t id);
cents_t ledger_balance(const struct ledger *l, int32_t id);

/* Oldest open invoice of a customer, or -1; then follow .next. */
int32_t ledger_customer_first(const struct ledger *l, int32_t customer);

/* First overdue invoice of a customer, or -1; then follow .od_next. */
int32_t ledger_customer_first_overdue(const struct ledger *l, int32_t customer);

struct ledger_totals ledger_customer_totals(const struct ledger *l, int32_t customer);
struct ledger_totals ledger_book_totals(const struct ledger *l, int32_t book);
struct ledger_totals ledger_total(const struct ledger *l);
cents_t ledger_overdue_total(const struct ledger *l);
int32_t ledger_open_count(const struct ledger *l);

/* The pool a book's postings go to: books * pool / pools up to the next. */
int ledger_pool_of_book(const struct ledger *l, int32_t book);

/* The first book of a pool (pools: the first past the last book). */
int32_t ledger_pool_first_book(const struct ledger *l, int pool);

/* The open balance of the customer's invoices more than
 * min_days_past_due past due on day. Its overdue invoices are listed in
 * the order they were marked, which must be the order of their due days
 * (ledger_check_identity checks it): only those that count are read, and
 * the one after. */
cents_t ledger_customer_overdue_beyond(const struct ledger *l, int32_t customer, int32_t day,
                                       int32_t min_days_past_due);

/* Cache hints, for a caller that knows which customer comes next: its
 * account; then, once the account is in cache, the invoices a contact
 * or pay run walks (its home slots, and the heads of its lists). */
void ledger_prefetch_account(const struct ledger *l, int32_t customer);
void ledger_prefetch_lists(const struct ledger *l, int32_t customer);

/* Open balance per ageing bucket on the given day. */
void ledger_aging(const struct ledger *l, int32_t day, cents_t buckets[AGE_BUCKETS]);
const char *ledger_bucket_name(int bucket);

/* Recomputes outstanding from open invoices and checks the identity per
 * customer, per book and in total. HK_EINTERNAL with the first breach. */
int ledger_check_identity(const struct ledger *l, struct hk_error *err);
/* The same on up to `threads` threads (no more than the ledger's pools),
 * each taking a range of customers; the same result and message. */
int ledger_check_identity_threads(const struct ledger *l, int threads, struct hk_error *err);

#endif
