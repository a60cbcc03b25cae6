/*
 * ledger.c — invoice pool and per customer / book / total counters.
 *
 * Invariant kept by every function here, to the cent, for every customer,
 * every book and the total:
 *     invoiced = collected + discounted + written_off + outstanding
 * and outstanding equals the sum of open invoices' balances. Debug builds
 * assert the cheap half after each posting; ledger_check_identity()
 * (ledger_check.c) does the full recomputation.
 */
#include "huikuan/ledger.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ledger_internal.h"

int ledger_pool_of_book(const struct ledger *l, int32_t book)
{
    return l->pools == 1 ? 0 : (int)((int64_t)book * l->pools / l->books);
}

int32_t ledger_pool_first_book(const struct ledger *l, int pool)
{
    /* the least book with book * pools / books >= pool */
    return (int32_t)(((int64_t)pool * l->books + l->pools - 1) / l->pools);
}

/* The block table is mapped, not allocated: its pages appear, zeroed,
 * only where blocks are entered, and a small book uses one of them. The
 * last table freed on a thread, its entries NULL again, is kept for the
 * next ledger the thread allocates: thousands of small replications one
 * after another (validate, a calibration's evaluations) had spent about
 * 6 % of their time mapping 4 MiB, faulting its first page in and
 * unmapping it. A thread's kept table is unmapped when the thread ends
 * (OpenMP ends threads when a smaller team follows a larger one), the
 * main thread's with the process. */
enum { TABLE_BYTES = BLOCKS_MAX * sizeof(struct ledger_invoice *) };
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_kept; /* the key exists: tables can be kept */

static void spare_unmap(void *table)
{
    munmap(table, TABLE_BYTES);
}

static void spare_key_create(void)
{
    spare_kept = pthread_key_create(&spare_key, spare_unmap) == 0;
}

static struct ledger_invoice **table_take(void)
{
    pthread_once(&spare_once, spare_key_create);
    struct ledger_invoice **table = spare_kept ? pthread_getspecific(spare_key) : NULL;
    if (table && pthread_setspecific(spare_key, NULL) == 0)
        return table;
    void *mapped = mmap(NULL, TABLE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
    return mapped == MAP_FAILED ? NULL : mapped;
}

/* Every entry of table must be NULL. */
static void table_give_back(struct ledger_invoice **table)
{
    if (!table)
        return;
    pthread_once(&spare_once, spare_key_create);
    if (!(spare_kept && !pthread_getspecific(spare_key) &&
          pthread_setspecific(spare_key, table) == 0))
        munmap(table, TABLE_BYTES);
}

struct ledger *ledger_alloc(int customers, int books, int home_slots, int pools)
{
    struct ledger *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->customers = customers;
    l->books = books > 0 ? books : 1;
    l->pools = pools < 1 ? 1 : pools > l->books ? l->books : pools;
    l->home = home_slots < HOME_SLOTS_MAX ? home_slots : HOME_SLOTS_MAX;
    if (l->home < 0 || customers <= 0)
        l->home = 0;
    else if (l->home > HOME_REGION_MAX / customers)
        l->home = HOME_REGION_MAX / customers;
    l->home_end = l->home * customers;
    l->home_blocks = (l->home_end + BLOCK_SLOTS - 1) / BLOCK_SLOTS;
    l->block = table_take();
    if (l->home_blocks > 0) /* every slot free */
        l->home_region = calloc((size_t)l->home_blocks * BLOCK_SLOTS, sizeof *l->home_region);
    l->acct = aligned_alloc(64, (size_t)(customers > 0 ? customers : 1) * sizeof *l->acct);
    l->by_book = calloc((size_t)l->books, sizeof *l->by_book);
    l->pool = aligned_alloc(64, (size_t)l->pools * sizeof *l->pool);
    for (int p = 0; l->pool && p < l->pools; p++) /* before anything can fail: ledger_free reads them */
        l->pool[p] = (struct pool){.free_head = -1};
    l->check_customer = malloc((size_t)(customers > 0 ? customers : 1) * sizeof *l->check_customer);
    l->check_book = malloc((size_t)l->pools * l->books * sizeof *l->check_book);
    l->check_part = malloc((size_t)l->pools * sizeof *l->check_part);
    if (!l->block || (l->home_blocks > 0 && !l->home_region) || !l->acct || !l->by_book ||
        !l->pool || !l->check_customer || !l->check_book || !l->check_part) {
        ledger_free(l);
        return NULL;
    }
    for (int32_t b = 0; b < l->home_blocks; b++)
        l->block[b] = l->home_region + (size_t)b * BLOCK_SLOTS;
    for (int c = 0; c < customers; c++)
        l->acct[c] = (struct account){.first = -1, .last = -1, .od_first = -1, .od_last = -1,
                                      .home_free = (uint32_t)((1ull << l->home) - 1)};
    return l;
}

void ledger_free(struct ledger *l)
{
    if (!l)
        return;
    for (int p = 0; l->block && l->pool && p < l->pools; p++) /* taken or set aside */
        for (int64_t b = pool_block(l, p, 0); b < BLOCKS_MAX && l->block[b]; b += l->pools) {
            free(l->block[b]);
            l->block[b] = NULL;
        }
    for (int32_t b = 0; l->block && b < l->home_blocks; b++)
        l->block[b] = NULL;
    table_give_back(l->block);
    free(l->home_region);
    free(l->acct);
    free(l->by_book);
    free(l->pool);
    free(l->check_customer);
    free(l->check_book);
    free(l->check_part);
    free(l);
}

/* Allocates block b of shared slots. Not zeroed: a slot counts only once
 * taken, so the system maps only the pages a book comes to use. Only the
 * block's pool writes its entry of the table. */
static int block_alloc(struct ledger *l, int64_t b)
{
    l->block[b] = malloc(BLOCK_SLOTS * sizeof **l->block);
    return l->block[b] ? 0 : -1;
}

int ledger_reserve(struct ledger *l, int pool, int64_t shared_slots)
{
    for (int32_t n = 0; n * (int64_t)BLOCK_SLOTS < shared_slots; n++) {
        int64_t b = pool_block(l, pool, n);
        if (b >= BLOCKS_MAX)
            break; /* no more ids to give out anyway */
        if (!l->block[b] && block_alloc(l, b) != 0)
            return -1;
    }
    return 0;
}

int64_t ledger_growths(const struct ledger *l)
{
    int64_t n = 0;
    for (int p = 0; p < l->pools; p++)
        n += l->pool[p].growths;
    return n;
}

static int32_t slot_take(struct ledger *l, int32_t customer, int pool)
{
    struct account *a = &l->acct[customer];
    if (a->home_free) {
        int k = __builtin_ctz(a->home_free);
        a->home_free &= a->home_free - 1;
        return customer * l->home + k;
    }
    struct pool *p = &l->pool[pool];
    if (p->free_head >= 0) {
        int32_t id = p->free_head;
        p->free_head = slot(l, id)->next;
        return id;
    }
    int64_t b = pool_block(l, pool, p->taken >> BLOCK_BITS);
    if (b >= BLOCKS_MAX)
        return -1;
    if ((p->taken & BLOCK_MASK) == 0 && !l->block[b]) {
        if (block_alloc(l, b) != 0)
            return -1;
        p->growths++;
    }
    int32_t id = (int32_t)(b << BLOCK_BITS) + (p->taken & BLOCK_MASK);
    p->taken++;
    slot(l, id)->stamp = 0;
    slot(l, id)->status = LEDGER_FREE;
    return id;
}

int32_t ledger_issue(struct ledger *l, int32_t customer, int32_t book,
                     int32_t issue_day, int32_t due_day, cents_t amount)
{
    assert(customer >= 0 && customer < l->customers && book >= 0 && book < l->books);
    assert(amount > 0);
    int pool = ledger_pool_of_book(l, book);
    struct pool *p = &l->pool[pool];
    int32_t id = slot_take(l, customer, pool);
    if (id < 0)
        return -1;
    struct ledger_invoice *v = slot(l, id);
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
        slot(l, v->prev)->next = id;
    else
        l->acct[customer].first = id;
    l->acct[customer].last = id;

    l->acct[customer].t.invoiced += amount;
    l->acct[customer].t.outstanding += amount;
    l->by_book[book].invoiced += amount;
    l->by_book[book].outstanding += amount;
    p->total.invoiced += amount;
    p->total.outstanding += amount;
    p->open++;
    return id;
}

static void slot_release(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = slot(l, id);
    struct pool *p = &l->pool[ledger_pool_of_book(l, v->book)];
    int32_t c = v->customer;
    if (v->prev >= 0)
        slot(l, v->prev)->next = v->next;
    else
        l->acct[c].first = v->next;
    if (v->next >= 0)
        slot(l, v->next)->prev = v->prev;
    else
        l->acct[c].last = v->prev;
    if (v->overdue) {
        if (v->od_prev >= 0)
            slot(l, v->od_prev)->od_next = v->od_next;
        else
            l->acct[c].od_first = v->od_next;
        if (v->od_next >= 0)
            slot(l, v->od_next)->od_prev = v->od_prev;
        else
            l->acct[c].od_last = v->od_prev;
    }
    v->status = LEDGER_FREE;
    v->stamp++;
    if (id < l->home_end) {
        l->acct[c].home_free |= 1u << (id - c * l->home);
    } else {
        v->next = p->free_head;
        p->free_head = id;
    }
    p->open--;
}

enum settlement { SETTLE_PAID, SETTLE_DISCOUNTED, SETTLE_WRITTEN_OFF };

/* Moves delta out of outstanding into collected, discounted or written_off. */
static void settle(struct ledger *l, struct ledger_invoice *v, cents_t delta, enum settlement how)
{
    struct pool *p = &l->pool[ledger_pool_of_book(l, v->book)];
    struct ledger_totals *t[3] = {&l->acct[v->customer].t, &l->by_book[v->book], &p->total};
    for (int i = 0; i < 3; i++) {
        t[i]->outstanding -= delta;
        if (how == SETTLE_WRITTEN_OFF)
            t[i]->written_off += delta;
        else if (how == SETTLE_DISCOUNTED)
            t[i]->discounted += delta;
        else
            t[i]->collected += delta;
        assert(t[i]->invoiced ==
               t[i]->collected + t[i]->discounted + t[i]->written_off + t[i]->outstanding);
    }
    if (v->overdue)
        p->overdue -= delta;
}

/* Applies up to amount to the invoice's balance, as cash or as a
 * discount; closes the invoice when its balance reaches zero. */
static cents_t apply_to_balance(struct ledger *l, int32_t id, cents_t amount,
                                enum settlement how)
{
    struct ledger_invoice *v = slot(l, id);
    assert(v->status == LEDGER_OPEN && amount >= 0);
    cents_t balance = v->amount - v->paid;
    cents_t applied = amount < balance ? amount : balance;
    v->paid += applied;
    settle(l, v, applied, how);
    if (v->paid == v->amount)
        slot_release(l, id);
    return applied;
}

cents_t ledger_post_payment(struct ledger *l, int32_t id, cents_t amount)
{
    return apply_to_balance(l, id, amount, SETTLE_PAID);
}

cents_t ledger_allow_discount(struct ledger *l, int32_t id, cents_t amount)
{
    return apply_to_balance(l, id, amount, SETTLE_DISCOUNTED);
}

cents_t ledger_write_off(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = slot(l, id);
    assert(v->status == LEDGER_OPEN);
    cents_t balance = v->amount - v->paid;
    settle(l, v, balance, SETTLE_WRITTEN_OFF);
    slot_release(l, id);
    return balance;
}

void ledger_mark_overdue(struct ledger *l, int32_t id)
{
    struct ledger_invoice *v = slot(l, id);
    assert(v->status == LEDGER_OPEN);
    if (!v->overdue) {
        int32_t c = v->customer;
        v->overdue = 1;
        l->pool[ledger_pool_of_book(l, v->book)].overdue += v->amount - v->paid;
        v->od_next = -1;
        v->od_prev = l->acct[c].od_last;
        if (v->od_prev >= 0)
            slot(l, v->od_prev)->od_next = id;
        else
            l->acct[c].od_first = id;
        l->acct[c].od_last = id;
    }
}

struct ledger_invoice *ledger_invoice(struct ledger *l, int32_t id)
{
    return slot(l, id);
}

cents_t ledger_balance(const struct ledger *l, int32_t id)
{
    const struct ledger_invoice *v = slot(l, id);
    return v->amount - v->paid;
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
    struct ledger_totals t = {0, 0, 0, 0, 0};
    for (int p = 0; p < l->pools; p++) {
        t.invoiced += l->pool[p].total.invoiced;
        t.collected += l->pool[p].total.collected;
        t.discounted += l->pool[p].total.discounted;
        t.written_off += l->pool[p].total.written_off;
        t.outstanding += l->pool[p].total.outstanding;
    }
    return t;
}

cents_t ledger_overdue_total(const struct ledger *l)
{
    cents_t overdue = 0;
    for (int p = 0; p < l->pools; p++)
        overdue += l->pool[p].overdue;
    return overdue;
}

int32_t ledger_open_count(const struct ledger *l)
{
    int32_t open = 0;
    for (int p = 0; p < l->pools; p++)
        open += l->pool[p].open;
    return open;
}

cents_t ledger_customer_overdue_beyond(const struct ledger *l, int32_t customer, int32_t day,
                                       int32_t min_days_past_due)
{
    cents_t sum = 0;
    for (int32_t id = l->acct[customer].od_first; id >= 0;) {
        const struct ledger_invoice *v = slot(l, id);
        if (day - v->due_day <= min_days_past_due)
            break; /* the rest fell due later still */
        sum += v->amount - v->paid;
        id = v->od_next;
    }
    return sum;
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
        const char *from = (const char *)&l->home_region[customer * l->home];
        const char *to = (const char *)&l->home_region[(customer + 1) * l->home];
        for (; from < to; from += 64)
            __builtin_prefetch(from);
        __builtin_prefetch(to - 1);
    }
    if (a->first >= l->home_end)
        __builtin_prefetch(slot(l, a->first));
    if (a->od_first >= l->home_end)
        __builtin_prefetch(slot(l, a->od_first));
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
    FOR_EACH_OPEN(l, v, { buckets[bucket_of(day - v->due_day)] += v->amount - v->paid; });
}

const char *ledger_bucket_name(int bucket)
{
    static const char *const names[AGE_BUCKETS] = {
        "current", "1-30", "31-60", "61-90", "91-180", "181-365", "over_365",
    };
    return bucket >= 0 && bucket < AGE_BUCKETS ? names[bucket] : "?";
}
