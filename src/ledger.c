/*
 * ledger.c — invoice pool and per customer / book / total counters.
 *
 * Invariant kept by every function here, to the cent, for every customer,
 * every book and the total:
 *     invoiced = collected + written_off + outstanding
 * and outstanding equals the sum of open invoices' balances. Debug builds
 * assert the cheap half after each posting; ledger_check_identity() does
 * the full recomputation.
 */
#include "huikuan/ledger.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Everything the ledger keeps per customer, in one cache line: an event
 * touches all of it, and at a million customers each separate array was
 * a separate miss. */
struct account {
    struct ledger_totals t;
    int32_t first, last;       /* open invoices */
    int32_t od_first, od_last; /* overdue invoices */
    uint32_t home_free;        /* bit k: the customer's home slot k is free */
    char pad[64 - sizeof(struct ledger_totals) - 5 * sizeof(int32_t)];
};

/* Each customer may have a few home slots, side by side, that only its
 * own invoices use; further invoices go to shared slots after the home
 * region. A customer's open invoices then sit in one short stretch of
 * memory that can be fetched ahead whole, instead of one random place
 * per invoice reached by following links. The region is capped so that
 * a huge customer count does not reserve room for invoices it may never
 * have. */
#define HOME_SLOTS_MAX 32 /* bits of home_free */
#define HOME_REGION_MAX (16 * 1024 * 1024)

struct ledger {
    struct ledger_invoice *inv;
    int32_t capacity, used, free_head, open;
    int32_t home, home_end; /* home slots per customer; end of the home region */
    int customers, books;
    struct account *acct;
    struct ledger_totals *by_book, total;
    cents_t overdue;
    cents_t *check_customer, *check_book; /* scratch for ledger_check_identity */
};

struct ledger *ledger_alloc(int customers, int books, int home_slots, int capacity_hint)
{
    struct ledger *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->customers = customers;
    l->books = books;
    l->home = home_slots < HOME_SLOTS_MAX ? home_slots : HOME_SLOTS_MAX;
    if (l->home < 0 || customers <= 0)
        l->home = 0;
    else if (l->home > HOME_REGION_MAX / customers)
        l->home = HOME_REGION_MAX / customers;
    l->home_end = l->home * customers;
    l->used = l->home_end;
    l->capacity = l->home_end + (capacity_hint > 16 ? capacity_hint : 16);
    l->inv = calloc((size_t)l->capacity, sizeof *l->inv); /* every slot free */
    l->acct = aligned_alloc(64, (size_t)(customers > 0 ? customers : 1) * sizeof *l->acct);
    l->by_book = calloc((size_t)books, sizeof *l->by_book);
    l->check_customer = malloc((size_t)customers * sizeof *l->check_customer);
    l->check_book = malloc((size_t)books * sizeof *l->check_book);
    l->free_head = -1;
    if (!l->inv || !l->acct || !l->by_book || !l->check_customer || !l->check_book) {
        ledger_free(l);
        return NULL;
    }
    for (int c = 0; c < customers; c++)
        l->acct[c] = (struct account){.first = -1, .last = -1, .od_first = -1, .od_last = -1,
                                      .home_free = (uint32_t)((1ull << l->home) - 1)};
    return l;
}

void ledger_free(struct ledger *l)
{
    if (!l)
        return;
    free(l->inv);
    free(l->acct);
    free(l->by_book);
    free(l->check_customer);
    free(l->check_book);
    free(l);
}

static int32_t slot_take(struct ledger *l, int32_t customer)
{
    struct account *a = &l->acct[customer];
    if (a->home_free) {
        int k = __builtin_ctz(a->home_free);
        a->home_free &= a->home_free - 1;
        return customer * l->home + k;
    }
    if (l->free_head >= 0) {
        int32_t id = l->free_head;
        l->free_head = l->inv[id].next;
        return id;
    }
    if (l->used == l->capacity) {
        int32_t cap = l->home_end + 2 * (l->capacity - l->home_end); /* shared slots double */
        struct ledger_invoice *grown = realloc(l->inv, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        l->inv = grown;
        l->capacity = cap;
    }
    l->inv[l->used].stamp = 0;
    return l->used++;
}

int32_t ledger_issue(struct ledger *l, int32_t customer, int32_t book,
                     int32_t issue_day, int32_t due_day, cents_t amount)
{
    assert(customer >= 0 && customer < l->customers && book >= 0 && book < l->books);
    assert(amount > 0);
    int32_t id = slot_take(l, customer);
    if (id < 0)
        return -1;
    struct ledger_invoice *v = &l->inv[id];
    uint32_t stamp = v->stamp + 1;
    memset(v, 0, sizeof *v);
    v->stamp = stamp;
    v->amount = amount;
    v->customer = customer;
    v->book = book;
    v->issue_day = issue_day;
    v->due_day = due_day;
    v->status = LEDGER_OPEN;
    v->plan.pay_day = -1;
    v->next = -1;
    v->prev = l->acct[customer].last;
    if (v->prev >= 0)
        l->inv[v->prev].next = id;
    else
        l->acct[customer].first = id;
    l->acct[customer].last = id;

    l->acct[customer].t.invoiced += amount;
    l->acct[customer].t.outstanding += amount;
    l->by_book[book].invoiced += amount;
    l->by_book[book].outstanding += amount;
    l->total.invoiced += amount;
    l->total.outstanding += amount;
    l->open++;
    return id;
}

static void slot_release(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = &l->inv[id];
    int32_t c = v->customer;
    if (v->prev >= 0)
        l->inv[v->prev].next = v->next;
    else
        l->acct[c].first = v->next;
    if (v->next >= 0)
        l->inv[v->next].prev = v->prev;
    else
        l->acct[c].last = v->prev;
    if (v->overdue) {
        if (v->od_prev >= 0)
            l->inv[v->od_prev].od_next = v->od_next;
        else
            l->acct[c].od_first = v->od_next;
        if (v->od_next >= 0)
            l->inv[v->od_next].od_prev = v->od_prev;
        else
            l->acct[c].od_last = v->od_prev;
    }
    v->status = LEDGER_FREE;
    v->stamp++;
    if (id < l->home_end) {
        l->acct[c].home_free |= 1u << (id - c * l->home);
    } else {
        v->next = l->free_head;
        l->free_head = id;
    }
    l->open--;
}

/* Moves delta out of outstanding into collected or written_off. */
static void settle(struct ledger *l, struct ledger_invoice *v, cents_t delta, int written_off)
{
    struct ledger_totals *t[3] = {&l->acct[v->customer].t, &l->by_book[v->book], &l->total};
    for (int i = 0; i < 3; i++) {
        t[i]->outstanding -= delta;
        if (written_off)
            t[i]->written_off += delta;
        else
            t[i]->collected += delta;
        assert(t[i]->invoiced == t[i]->collected + t[i]->written_off + t[i]->outstanding);
    }
    if (v->overdue)
        l->overdue -= delta;
}

cents_t ledger_post_payment(struct ledger *l, int32_t id, cents_t amount)
{
    struct ledger_invoice *v = &l->inv[id];
    assert(v->status == LEDGER_OPEN && amount >= 0);
    cents_t balance = v->amount - v->paid;
    cents_t applied = amount < balance ? amount : balance;
    v->paid += applied;
    settle(l, v, applied, 0);
    if (v->paid == v->amount)
        slot_release(l, id);
    return applied;
}

cents_t ledger_write_off(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = &l->inv[id];
    assert(v->status == LEDGER_OPEN);
    cents_t balance = v->amount - v->paid;
    settle(l, v, balance, 1);
    slot_release(l, id);
    return balance;
}

void ledger_mark_overdue(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = &l->inv[id];
    assert(v->status == LEDGER_OPEN);
    if (!v->overdue) {
        int32_t c = v->customer;
        v->overdue = 1;
        l->overdue += v->amount - v->paid;
        v->od_next = -1;
        v->od_prev = l->acct[c].od_last;
        if (v->od_prev >= 0)
            l->inv[v->od_prev].od_next = id;
        else
            l->acct[c].od_first = id;
        l->acct[c].od_last = id;
    }
}

struct ledger_invoice *ledger_invoice(struct ledger *l, int32_t id)
{
    return &l->inv[id];
}

cents_t ledger_balance(const struct ledger *l, int32_t id)
{
    return l->inv[id].amount - l->inv[id].paid;
}

int32_t ledger_customer_first(const struct ledger *l, int32_t customer)
{
    return l->acct[customer].first;
}

int32_t ledger_customer_first_overdue(const struct ledger *l, int32_t customer)
{
    return l->acct[customer].od_first;
}

struct ledger_totals ledger_customer_totals(const struct ledger *l, int32_t customer)
{
    return l->acct[customer].t;
}

struct ledger_totals ledger_book_totals(const struct ledger *l, int32_t book)
{
    return l->by_book[book];
}

struct ledger_totals ledger_total(const struct ledger *l)
{
    return l->total;
}

cents_t ledger_overdue_total(const struct ledger *l)
{
    return l->overdue;
}

int32_t ledger_open_count(const struct ledger *l)
{
    return l->open;
}

int32_t ledger_id_bound(const struct ledger *l)
{
    return l->used;
}

void ledger_prefetch_account(const struct ledger *l, int32_t customer)
{
    __builtin_prefetch(&l->acct[customer]);
}

void ledger_prefetch_lists(const struct ledger *l, int32_t customer)
{
    const struct account *a = &l->acct[customer];
    if (a->first < 0)
        return;
    if (l->home > 0) { /* the customer's home slots, used or free: one stretch */
        const char *from = (const char *)&l->inv[customer * l->home];
        const char *to = (const char *)&l->inv[(customer + 1) * l->home];
        for (; from < to; from += 64)
            __builtin_prefetch(from);
        __builtin_prefetch(to - 1);
    }
    if (a->first >= l->home_end)
        __builtin_prefetch(&l->inv[a->first]);
    if (a->od_first >= l->home_end)
        __builtin_prefetch(&l->inv[a->od_first]);
}

static int bucket_of(int32_t days_past_due)
{
    if (days_past_due <= 0)
        return AGE_CURRENT;
    if (days_past_due <= 30)
        return AGE_1_30;
    if (days_past_due <= 60)
        return AGE_31_60;
    if (days_past_due <= 90)
        return AGE_61_90;
    if (days_past_due <= 180)
        return AGE_91_180;
    if (days_past_due <= 365)
        return AGE_181_365;
    return AGE_OVER_365;
}

void ledger_aging(const struct ledger *l, int32_t day, cents_t buckets[AGE_BUCKETS])
{
    memset(buckets, 0, AGE_BUCKETS * sizeof buckets[0]);
    for (int32_t id = 0; id < l->used; id++) {
        const struct ledger_invoice *v = &l->inv[id];
        if (v->status == LEDGER_OPEN)
            buckets[bucket_of(day - v->due_day)] += v->amount - v->paid;
    }
}

const char *ledger_bucket_name(int bucket)
{
    static const char *const names[AGE_BUCKETS] = {
        "current", "1-30", "31-60", "61-90", "91-180", "181-365", "over_365",
    };
    return bucket >= 0 && bucket < AGE_BUCKETS ? names[bucket] : "?";
}

static int totals_check(const struct ledger_totals *t, cents_t open_sum, const char *what,
                        int index, struct hk_error *err)
{
    if (t->invoiced != t->collected + t->written_off + t->outstanding || t->outstanding != open_sum)
        return hk_error_set(err, HK_EINTERNAL,
                            "ledger identity broken for %s %d: invoiced %lld, collected %lld, "
                            "written off %lld, outstanding %lld, open invoices %lld (cents)",
                            what, index, (long long)t->invoiced, (long long)t->collected,
                            (long long)t->written_off, (long long)t->outstanding,
                            (long long)open_sum);
    return HK_OK;
}

int ledger_check_identity(const struct ledger *l, struct hk_error *err)
{
    cents_t *by_customer = l->check_customer, *by_book = l->check_book;
    memset(by_customer, 0, (size_t)l->customers * sizeof *by_customer);
    memset(by_book, 0, (size_t)l->books * sizeof *by_book);
    cents_t total = 0, overdue = 0;
    int32_t open = 0, overdue_invoices = 0, listed = 0;
    for (int32_t id = 0; id < l->used; id++) {
        const struct ledger_invoice *v = &l->inv[id];
        if (v->status != LEDGER_OPEN)
            continue;
        cents_t balance = v->amount - v->paid;
        by_customer[v->customer] += balance;
        by_book[v->book] += balance;
        total += balance;
        overdue += v->overdue ? balance : 0;
        overdue_invoices += v->overdue;
        open++;
    }
    int rc = HK_OK;
    for (int c = 0; c < l->customers && rc == HK_OK; c++) {
        rc = totals_check(&l->acct[c].t, by_customer[c], "customer", c, err);
        for (int32_t id = l->acct[c].od_first; id >= 0 && listed <= l->open; id = l->inv[id].od_next)
            listed += l->inv[id].status == LEDGER_OPEN && l->inv[id].overdue &&
                      l->inv[id].customer == c;
    }
    for (int b = 0; b < l->books && rc == HK_OK; b++)
        rc = totals_check(&l->by_book[b], by_book[b], "book", b, err);
    if (rc == HK_OK)
        rc = totals_check(&l->total, total, "total", 0, err);
    if (rc == HK_OK && (overdue != l->overdue || open != l->open))
        rc = hk_error_set(err, HK_EINTERNAL, "ledger overdue/open counters drifted: "
                          "%lld vs %lld cents, %d vs %d invoices", (long long)overdue,
                          (long long)l->overdue, open, l->open);
    /* Every overdue invoice sits on its customer's overdue list, once. */
    if (rc == HK_OK && listed != overdue_invoices)
        rc = hk_error_set(err, HK_EINTERNAL, "overdue lists hold %d invoices, %d are overdue",
                          listed, overdue_invoices);
    return rc;
}
