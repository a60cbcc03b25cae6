/*
 * engine_shards.c — a replication's books split into shards that run a
 * day's events side by side.
 *
 * Customers of different books meet only in what the firm learns (its
 * loss history, how late each kind of customer pays) and in what the
 * replication reports. So each shard runs its own books' customers with
 * its own calendar, and adds what happens into its own window, month
 * and tally. At the end of each day the replication takes in what the
 * firm learned in every shard, and before the next it hands every shard
 * the firm's view as of then; the rest it folds in, shard by shard, when
 * it reports (a month's end, the run's end). All of it is in integer
 * cents, and each customer's events run in the same order whatever the
 * split, so the results are the same, to the bit, for any number of
 * shards and threads.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

int engine_shards_alloc(struct engine *e, int shards, int32_t days)
{
    e->shard = calloc((size_t)shards, sizeof *e->shard);
    e->shard_err = calloc((size_t)shards, sizeof *e->shard_err);
    if (!e->shard || !e->shard_err)
        return -1;
    e->shards = shards;
    for (int s = 0; s < shards; s++) {
        struct engine *sh = &e->shard[s];
        *sh = *e; /* shares the scenario, customers, books, generators, ledger */
        memset(&sh->w, 0, sizeof sh->w);
        memset(&sh->month, 0, sizeof sh->month);
        memset(&sh->t, 0, sizeof sh->t);
        memset(&sh->learned, 0, sizeof sh->learned);
        sh->cal = calendar_alloc(days);
        if (!sh->cal)
            return -1;
    }
    return 0;
}

void engine_shards_free(struct engine *e)
{
    for (int s = 0; e->shard && s < e->shards; s++)
        calendar_free(e->shard[s].cal);
    free(e->shard);
    free(e->shard_err);
    e->shard = NULL;
    e->shard_err = NULL;
    e->shards = 0;
}

/* One shard's lane; the draws it makes are counted as the shard's,
 * whichever thread runs it. */
static int run_shard_lane(struct engine *sh, int32_t day, int lane, struct hk_error *err)
{
    struct draw_counts before = draws_get();
    draws_reset();
    int rc = engine_run_lane(sh, day, lane, err);
    struct draw_counts made = draws_get();
    for (int k = 0; k < DRAW_KINDS; k++)
        sh->t.draws.n[k] += made.n[k];
    draws_set(&before);
    return rc;
}

int engine_shards_run_lane(struct engine *e, int32_t day, int lane, struct hk_error *err)
{
    if (e->shards == 1)
        return run_shard_lane(&e->shard[0], day, lane, err);
    int failed = 0;
#pragma omp parallel for num_threads(e->threads) schedule(dynamic, 1) reduction(| : failed)
    for (int s = 0; s < e->shards; s++) {
        hk_error_clear(&e->shard_err[s]);
        failed |= run_shard_lane(&e->shard[s], day, lane, &e->shard_err[s]) != HK_OK;
    }
    for (int s = 0; failed && s < e->shards; s++)
        if (e->shard_err[s].status != HK_OK)
            return hk_error_set(err, e->shard_err[s].status, "%s", e->shard_err[s].message);
    return HK_OK;
}

void engine_shards_each(struct engine *e,
                        void (*fn)(struct engine *e, int32_t first, int32_t end, int32_t day),
                        int32_t day)
{
    if (e->shards == 1) {
        fn(e, 0, e->sc->reps.count, day);
        return;
    }
#pragma omp parallel for num_threads(e->threads) schedule(dynamic, 1)
    for (int s = 0; s < e->shards; s++)
        fn(e, ledger_pool_first_book(e->ledger, s), ledger_pool_first_book(e->ledger, s + 1), day);
}

static void window_add(struct window *to, const struct window *w)
{
    to->sales += w->sales;
    to->collected += w->collected;
    to->bad_debt += w->bad_debt;
    to->collection_cost += w->collection_cost;
    to->factoring_cost += w->factoring_cost;
    for (int k = 0; k < ALLOWANCE_KINDS; k++)
        to->allowed[k] += w->allowed[k];
    to->exchange_offers += w->exchange_offers;
    to->exchanges += w->exchanges;
    to->instalment_plans += w->instalment_plans;
    to->instalment_plans_broken += w->instalment_plans_broken;
    to->interest += w->interest;
    to->hiring_cost += w->hiring_cost;
    to->ar_cent_days += w->ar_cent_days;
    to->overdue_cent_days += w->overdue_cent_days;
    to->invoices += w->invoices;
    to->orders_placed += w->orders_placed;
    to->orders_declined += w->orders_declined;
    to->risky_placed += w->risky_placed;
    to->risky_declined += w->risky_declined;
    to->contacts += w->contacts;
    to->litigations += w->litigations;
    to->quits += w->quits;
    to->dismissals += w->dismissals;
    to->insolvencies += w->insolvencies;
    to->base += w->base;
    to->commission += w->commission;
    to->bonus += w->bonus;
    to->penalty += w->penalty;
    to->liability += w->liability;
    to->clawback += w->clawback;
    to->net += w->net;
    to->late_weighted += w->late_weighted;
    /* Effort samples (weekly), stock samples (monthly) and pay periods'
     * collection rates are the replication's own. */
}

static void month_add(struct month *to, const struct month *m)
{
    to->sales += m->sales;
    to->collected += m->collected;
    to->bad_debt += m->bad_debt;
    for (int k = 0; k < ALLOWANCE_KINDS; k++)
        to->allowed[k] += m->allowed[k];
    to->net += m->net;
    to->ar_cent_days += m->ar_cent_days;
    to->late_weighted += m->late_weighted;
    to->quits += m->quits;
    for (int g = 0; g < SEG_COUNT; g++) {
        to->segment_paid[g] += m->segment_paid[g];
        to->segment_late[g] += m->segment_late[g];
    }
}

static void tally_add(struct tally *to, const struct tally *t)
{
    to->events += t->events;
    to->invoices_issued += t->invoices_issued;
    to->pay_runs += t->pay_runs;
    for (int g = 0; g < SEG_COUNT; g++) {
        to->segment_sales[g] += t->segment_sales[g];
        to->segment_bad[g] += t->segment_bad[g];
        for (int k = 0; k < ALLOWANCE_KINDS; k++)
            to->segment_allowed[k][g] += t->segment_allowed[k][g];
    }
    for (int k = 0; k < REPORT_WEEKS; k++)
        to->report_paid[k] += t->report_paid[k];
    for (int s = 0; s < MARKOV_MAX_STATES; s++) {
        to->markov_reached[s] += t->markov_reached[s];
        to->markov_paid[s] += t->markov_paid[s];
        to->markov_bad[s] += t->markov_bad[s];
        to->markov_invoices[s] += t->markov_invoices[s];
    }
    for (int a = 0; a <= MAX_AGE; a++) {
        to->paid_at_age[a] += t->paid_at_age[a];
        to->due_at_age[a] += t->due_at_age[a];
    }
    for (int k = 0; k < DRAW_KINDS; k++)
        to->draws.n[k] += t->draws.n[k];
}

void engine_shards_learn(struct engine *e)
{
    struct learned today;
    memset(&today, 0, sizeof today);
    for (int s = 0; s < e->shards; s++) {
        struct learned *l = &e->shard[s].learned;
        for (int g = 0; g < SEG_COUNT; g++) {
            struct learned_kind *to = &today.kind[g];
            to->paid += l->kind[g].paid;
            to->late += l->kind[g].late;
            to->resolved += l->kind[g].resolved;
            to->bad += l->kind[g].bad;
        }
        memset(l, 0, sizeof *l);
    }
    /* The firm's view takes in the whole day at once; its own loss
     * history is its kinds', summed in cents. */
    cents_t resolved = 0, bad = 0;
    for (int g = 0; g < SEG_COUNT; g++) {
        const struct learned_kind *k = &today.kind[g];
        struct kind_history *h = &e->kind[g];
        h->paid += (double)k->paid;
        h->late += (double)k->late;
        h->resolved += (double)k->resolved;
        h->bad += (double)k->bad;
        kind_history_days_late(h);
        resolved += k->resolved;
        bad += k->bad;
    }
    e->firm_resolved += (double)resolved;
    e->firm_bad += (double)bad;
}

void engine_shards_share_view(struct engine *e)
{
    for (int s = 0; s < e->shards; s++)
        memcpy(e->shard[s].kind, e->kind, sizeof e->kind);
}

void engine_shards_merge(struct engine *e)
{
    for (int s = 0; s < e->shards; s++) {
        struct engine *sh = &e->shard[s];
        window_add(&e->w, &sh->w);
        month_add(&e->month, &sh->month);
        tally_add(&e->t, &sh->t);
        memset(&sh->w, 0, sizeof sh->w);
        memset(&sh->month, 0, sizeof sh->month);
        memset(&sh->t, 0, sizeof sh->t);
    }
}

void engine_shards_finish_day(struct engine *e, int32_t day)
{
    for (int s = 0; s < e->shards; s++)
        calendar_finish_day(e->shard[s].cal, day);
}
