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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

/* Slots live in blocks of BLOCK_SLOTS, found through a table: id >> BLOCK_BITS
 * is the block. The home region is the first blocks, in one allocation;
 * after it, shared blocks are dealt round-robin to the pools, so a pool
 * grows without moving what another pool's thread is using. */
#define BLOCK_BITS 12
#define BLOCK_SLOTS (1 << BLOCK_BITS)
#define BLOCK_MASK (BLOCK_SLOTS - 1)
#define BLOCKS_MAX (1 << (31 - BLOCK_BITS)) /* ids are int32 */

/* What postings to one pool's books change besides their own books and
 * customers: kept apart, a cache line each, so pools can post at once. */
struct pool {
    struct ledger_totals total;
    cents_t overdue;
    int32_t open, free_head;
    int32_t taken;     /* shared slots handed out so far, in block order */
    int32_t growths;   /* blocks allocated beyond ledger_reserve()'s */
    char pad[64 - sizeof(struct ledger_totals) - sizeof(cents_t) - 4 * sizeof(int32_t)];
};

/* What one thread of the identity check adds up over its customers, and
 * what is wrong with the first of them that fails (err.status HK_OK: none). */
struct check_part {
    cents_t total, overdue;
    int32_t open, overdue_invoices, listed;
    struct hk_error err;
};

struct ledger {
    struct ledger_invoice **block; /* [BLOCKS_MAX], NULL where not allocated */
    struct ledger_invoice *home_region;
    int32_t home, home_end; /* home slots per customer; end of the home region */
    int32_t home_blocks;    /* blocks of the home region */
    int customers, books, pools;
    struct account *acct;
    struct ledger_totals *by_book;
    struct pool *pool;
    /* scratch for ledger_check_identity: per customer; per book for each
     * thread (as many as pools); each thread's findings */
    cents_t *check_customer, *check_book;
    struct check_part *check_part;
};

/* A pool's n-th block of shared slots. */
static int64_t pool_block(const struct ledger *l, int pool, int32_t n)
{
    return l->home_blocks + (int64_t)n * l->pools + pool;
}

static inline struct ledger_invoice *slot(const struct ledger *l, int32_t id)
{
    return &l->block[id >> BLOCK_BITS][id & BLOCK_MASK];
}

int ledger_pool_of_book(const struct ledger *l, int32_t book)
{
    return l->pools == 1 ? 0 : (int)((int64_t)book * l->pools / l->books);
}

int32_t ledger_pool_first_book(const struct ledger *l, int pool)
{
    /* the least book with book * pools / books >= pool */
    return (int32_t)(((int64_t)pool * l->books + l->pools - 1) / l->pools);
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
    /* The table is mapped, not allocated: its pages appear, zeroed, only
     * where blocks are entered, and a small book uses one of them. */
    void *table = mmap(NULL, BLOCKS_MAX * sizeof *l->block, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    l->block = table == MAP_FAILED ? NULL : table;
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
        for (int64_t b = pool_block(l, p, 0); b < BLOCKS_MAX && l->block[b]; b += l->pools)
            free(l->block[b]);
    if (l->block)
        munmap(l->block, BLOCKS_MAX * sizeof *l->block);
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

/* Moves delta out of outstanding into collected or written_off. */
static void settle(struct ledger *l, struct ledger_invoice *v, cents_t delta, int written_off)
{
    struct pool *p = &l->pool[ledger_pool_of_book(l, v->book)];
    struct ledger_totals *t[3] = {&l->acct[v->customer].t, &l->by_book[v->book], &p->total};
    for (int i = 0; i < 3; i++) {
        t[i]->outstanding -= delta;
        if (written_off)
            t[i]->written_off += delta;
        else
            t[i]->collected += delta;
        assert(t[i]->invoiced == t[i]->collected + t[i]->written_off + t[i]->outstanding);
    }
    if (v->overdue)
        p->overdue -= delta;
}

cents_t ledger_post_payment(struct ledger *l, int32_t id, cents_t amount)
{
    struct ledger_invoice *v = slot(l, id);
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
    struct ledger_invoice *v = slot(l, id);
    assert(v->status == LEDGER_OPEN);
    cents_t balance = v->amount - v->paid;
    settle(l, v, balance, 1);
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
    struct ledger_totals t = {0, 0, 0, 0};
    for (int p = 0; p < l->pools; p++) {
        t.invoiced += l->pool[p].total.invoiced;
        t.collected += l->pool[p].total.collected;
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

/* Calls body for each open invoice v in customer c's home slots, found
 * from its account's free bits (so a sweep reads the accounts and the
 * taken slots, not the whole home region, most of which is free). */
#define FOR_EACH_HOME_OPEN(l, c, v, body)                                         \
    do {                                                                          \
        uint32_t bits_ = ~(l)->acct[c].home_free & (uint32_t)((1ull << (l)->home) - 1); \
        for (; bits_; bits_ &= bits_ - 1) { /* none when home is 0 */             \
            const struct ledger_invoice *v =                                      \
                &(l)->home_region[(c) * (l)->home + __builtin_ctz(bits_)];        \
            if (v->status == LEDGER_OPEN) {                                       \
                body                                                              \
            }                                                                     \
        }                                                                         \
    } while (0)

/* ... in the pools' shared slots, as far as handed out. */
#define FOR_EACH_SHARED_OPEN(l, v, body)                                          \
    do {                                                                          \
        for (int p_ = 0; p_ < (l)->pools; p_++)                                   \
            for (int32_t k_ = 0; k_ < (l)->pool[p_].taken; k_++) {                \
                const struct ledger_invoice *v =                                  \
                    &(l)->block[pool_block(l, p_, k_ >> BLOCK_BITS)][k_ & BLOCK_MASK]; \
                if (v->status == LEDGER_OPEN) {                                   \
                    body                                                          \
                }                                                                 \
            }                                                                     \
    } while (0)

/* ... and every open invoice. */
#define FOR_EACH_OPEN(l, v, body)                                                 \
    do {                                                                          \
        for (int32_t c__ = 0; (l)->home > 0 && c__ < (l)->customers; c__++)       \
            FOR_EACH_HOME_OPEN(l, c__, v, body);                                  \
        FOR_EACH_SHARED_OPEN(l, v, body);                                         \
    } while (0)

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

static void part_add(struct check_part *part, const struct ledger_invoice *v, cents_t *by_customer,
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
