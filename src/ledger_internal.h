/*
 * ledger_internal.h — the ledger's layout, shared by ledger.c (postings,
 * counters, sweeps) and ledger_check.c (the full recomputation of its
 * identities). Not part of the module's contract (ledger.h).
 */
#ifndef HUIKUAN_LEDGER_INTERNAL_H
#define HUIKUAN_LEDGER_INTERNAL_H

#include <stdint.h>

#include "huikuan/error.h"
#include "huikuan/ledger.h"

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
static inline int64_t pool_block(const struct ledger *l, int pool, int32_t n)
{
    return l->home_blocks + (int64_t)n * l->pools + pool;
}

static inline struct ledger_invoice *slot(const struct ledger *l, int32_t id)
{
    return &l->block[id >> BLOCK_BITS][id & BLOCK_MASK];
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

#endif
