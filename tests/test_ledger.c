/* test_ledger.c — postings keep invoiced = collected + discounted + written
 * off + outstanding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "huikuan/ledger.h"

static void assert_identity(const struct ledger_totals t)
{
    assert_int_equal(t.invoiced, t.collected + t.discounted + t.written_off + t.outstanding);
}

static void hand_worked_postings(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(2, 1, 0, 1);
    struct hk_error err;
    hk_error_clear(&err);
    int32_t a = ledger_issue(l, 0, 0, 0, 30, 10000000); /* 100,000.00 */
    int32_t b = ledger_issue(l, 0, 0, 5, 35, 250000);   /* 2,500.00 */
    int32_t c = ledger_issue(l, 1, 0, 6, 36, 99);       /* 0.99 */
    assert_int_equal(ledger_open_count(l), 3);

    assert_int_equal(ledger_post_payment(l, a, 4000000), 4000000); /* partial */
    assert_int_equal(ledger_balance(l, a), 6000000);
    assert_int_equal(ledger_post_payment(l, a, 9999999), 6000000); /* capped at balance */
    assert_int_equal(ledger_open_count(l), 2);
    ledger_mark_overdue(l, b);
    assert_int_equal(ledger_overdue_total(l), 250000);
    assert_int_equal(ledger_post_payment(l, b, 50000), 50000);
    assert_int_equal(ledger_overdue_total(l), 200000);
    assert_int_equal(ledger_write_off(l, b), 200000);
    assert_int_equal(ledger_overdue_total(l), 0);

    struct ledger_totals t0 = ledger_customer_totals(l, 0);
    assert_int_equal(t0.invoiced, 10250000);
    assert_int_equal(t0.collected, 10050000);
    assert_int_equal(t0.written_off, 200000);
    assert_int_equal(t0.outstanding, 0);
    struct ledger_totals t1 = ledger_customer_totals(l, 1);
    assert_int_equal(t1.outstanding, 99);
    struct ledger_totals all = ledger_total(l);
    assert_int_equal(all.invoiced, 10250099);
    assert_identity(all);
    assert_identity(ledger_book_totals(l, 0));
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    (void)c;
    ledger_free(l);
}

/* 2 % off 1,234.57 is 24.69 (24.6914 rounded): the rest, 1,209.88, pays
 * it; a discount is counted apart from cash and from bad debt, and one
 * larger than the balance takes the balance and closes the invoice. */
static void cash_discount_hand_worked(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(2, 2, 0, 2);
    struct hk_error err;
    hk_error_clear(&err);
    int32_t a = ledger_issue(l, 0, 0, 0, 30, 123457);
    int32_t b = ledger_issue(l, 1, 1, 0, 30, 500);
    assert_int_equal(ledger_allow_discount(l, a, 2469), 2469);
    assert_int_equal(ledger_balance(l, a), 120988);
    assert_int_equal(ledger_open_count(l), 2);
    assert_int_equal(ledger_post_payment(l, a, 120988), 120988);
    assert_int_equal(ledger_open_count(l), 1);
    struct ledger_totals t0 = ledger_customer_totals(l, 0);
    assert_int_equal(t0.collected, 120988);
    assert_int_equal(t0.discounted, 2469);
    assert_int_equal(t0.written_off, 0);
    assert_int_equal(t0.outstanding, 0);
    assert_identity(ledger_book_totals(l, 0));

    ledger_mark_overdue(l, b);
    assert_int_equal(ledger_allow_discount(l, b, 700), 500);
    assert_int_equal(ledger_open_count(l), 0);
    assert_int_equal(ledger_overdue_total(l), 0);
    struct ledger_totals all = ledger_total(l);
    assert_int_equal(all.invoiced, 123957);
    assert_int_equal(all.discounted, 2969);
    assert_int_equal(all.collected, 120988);
    assert_identity(all);
    assert_identity(ledger_book_totals(l, 1));
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    ledger_free(l);
}

static void slots_are_reused_with_new_stamps(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(1, 1, 0, 1);
    int32_t a = ledger_issue(l, 0, 0, 0, 30, 100);
    uint32_t stamp = ledger_invoice(l, a)->stamp;
    ledger_post_payment(l, a, 100);
    int32_t b = ledger_issue(l, 0, 0, 1, 31, 200);
    assert_int_equal(a, b);
    assert_int_not_equal(ledger_invoice(l, b)->stamp, stamp);
    assert_int_equal(ledger_customer_first(l, 0), b);
    ledger_free(l);
}

static void many_invoices_grow_the_pool(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(7, 3, 2, 1); /* home and shared slots */
    struct hk_error err;
    hk_error_clear(&err);
    for (int i = 0; i < 5000; i++) {
        int32_t id = ledger_issue(l, i % 7, i % 3, i, i + 30, 100 + i);
        if (i % 3 == 0)
            ledger_post_payment(l, id, 50 + i);
        if (i % 5 == 0)
            ledger_mark_overdue(l, id);
        if (i % 11 == 0 && ledger_invoice(l, id)->status == LEDGER_OPEN)
            ledger_write_off(l, id);
    }
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    for (int c = 0; c < 7; c++)
        assert_identity(ledger_customer_totals(l, c));
    ledger_free(l);
}

/* Invoices within the shared slots ledger_reserve() set aside for their
 * pool take no allocation; more than that grows the ledger, counted; the
 * books balance either way, and ledger_free returns slots set aside but
 * never used (the leak checkers would say). */
static void reserved_slots_need_no_allocation(void **state)
{
    (void)state;
    enum { CUSTOMERS = 60, BOOKS = 6, POOLS = 3, BIG = 9000, SMALL = 300 };
    struct ledger *l = ledger_alloc(CUSTOMERS, BOOKS, 0, POOLS); /* books 0-1, 2-3, 4-5 */
    assert_int_equal(ledger_reserve(l, 0, BIG), 0);
    assert_int_equal(ledger_reserve(l, 1, SMALL), 0);
    assert_int_equal(ledger_reserve(l, 2, SMALL), 0);
    struct hk_error err;
    hk_error_clear(&err);
    for (int i = 0; i < BIG; i++) /* pool 0: books 0 and 1, customers 0, 1, 6, 7, ... */
        assert_true(ledger_issue(l, (i % 10) * 6 + i % 2, i % 2, 0, 30, 100) >= 0);
    for (int i = 0; i < 2 * SMALL; i++) /* pools 1 and 2 */
        assert_true(ledger_issue(l, (i % 10) * 6 + 2 + i % 4, 2 + i % 4, 0, 30, 100) >= 0);
    assert_int_equal(ledger_growths(l), 0);
    assert_int_equal(ledger_open_count(l), BIG + 2 * SMALL);
    /* Then 12,000 more in pool 0: its room (three blocks) runs out. */
    for (int i = 0; i < 12000; i++)
        assert_true(ledger_issue(l, (i % 10) * 6 + i % 2, i % 2, 1, 31, 7) >= 0);
    assert_true(ledger_growths(l) >= 2);
    assert_int_equal(ledger_open_count(l), BIG + 2 * SMALL + 12000);
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    assert_int_equal(ledger_total(l).outstanding, (cents_t)(BIG + 2 * SMALL) * 100 + 12000 * 7);
    ledger_free(l);

    /* Set aside and never used. */
    l = ledger_alloc(5, 1, 2, 1);
    assert_int_equal(ledger_reserve(l, 0, 100000), 0);
    assert_int_equal(ledger_growths(l), 0);
    ledger_free(l);
}

/* Issues three invoices to customer 0 of a ledger of one book and two
 * home slots a customer, whose table's entry 0 is its home slots and
 * entry 1 its first shared block: the third invoice must open a block of
 * its own, counted as a growth. */
static void three_invoices_in_a_new_ledger(void)
{
    struct ledger *l = ledger_alloc(5, 1, 2, 1);
    struct hk_error err;
    hk_error_clear(&err);
    int32_t id[3];
    for (int i = 0; i < 3; i++) /* two home slots, then a shared one */
        id[i] = ledger_issue(l, 0, 0, i, i + 30, 1000 + i);
    assert_true(id[2] >= 0);
    assert_int_equal(ledger_growths(l), 1);
    assert_int_equal(ledger_invoice(l, id[2])->amount, 1002);
    assert_int_equal(ledger_open_count(l), 3);
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    assert_int_equal(ledger_total(l).outstanding, 3003);
    ledger_free(l);
}

/* A ledger allocated on a thread where another was freed takes over its
 * block table (kept to save mapping one for each replication) and must
 * find it empty: its first shared slot is a block of its own, not the
 * freed ledger's block at the same entry of the table (which the
 * sanitizer pass would also report as used after free), whether that
 * entry held the freed ledger's shared slots or its home slots. */
static void a_ledger_after_another_starts_empty(void **state)
{
    (void)state;
    struct ledger *before = ledger_alloc(60, 6, 0, 3); /* no home slots: shared blocks from entry 0 */
    for (int p = 0; p < 3; p++)
        assert_int_equal(ledger_reserve(before, p, 3 * 4096), 0);
    for (int i = 0; i < 600; i++)
        assert_true(ledger_issue(before, i % 60, (i % 60) % 6, 0, 30, 100) >= 0);
    ledger_free(before);
    three_invoices_in_a_new_ledger();

    before = ledger_alloc(2048, 1, 4, 1); /* 8,192 home slots: entries 0 and 1 */
    assert_true(ledger_issue(before, 2047, 0, 0, 30, 100) >= 0);
    ledger_free(before);
    three_invoices_in_a_new_ledger();
}

static void check_catches_a_corrupted_invoice(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(1, 1, 0, 1);
    struct hk_error err;
    hk_error_clear(&err);
    int32_t a = ledger_issue(l, 0, 0, 0, 30, 1000);
    ledger_invoice(l, a)->paid = 1; /* a cent appears from nowhere */
    assert_int_equal(ledger_check_identity(l, &err), HK_EINTERNAL);
    assert_non_null(strstr(err.message, "ledger identity broken for customer 0"));
    ledger_free(l);

    /* Checked in three ranges of customers at once: the breach is still
     * found, and named by the first customer it touches. */
    hk_error_clear(&err);
    l = ledger_alloc(30, 6, 2, 3);
    int32_t ids[30][4];
    for (int32_t c = 0; c < 30; c++)
        for (int i = 0; i < 4; i++)
            ids[c][i] = ledger_issue(l, c, c % 6, i, i + 30, 1000 + c);
    assert_int_equal(ledger_check_identity_threads(l, 3, &err), HK_OK);
    /* Breaches in the second range and the third: the second's is named,
     * as a check on one thread names it. */
    ledger_invoice(l, ids[27][3])->amount += 5;
    ledger_invoice(l, ids[12][0])->amount -= 1;
    assert_int_equal(ledger_check_identity_threads(l, 3, &err), HK_EINTERNAL);
    assert_non_null(strstr(err.message, "ledger identity broken for customer 12:"));
    struct hk_error one;
    hk_error_clear(&one);
    assert_int_equal(ledger_check_identity(l, &one), HK_EINTERNAL);
    assert_string_equal(one.message, err.message);
    /* More threads than pools: as many as there are. */
    hk_error_clear(&err);
    assert_int_equal(ledger_check_identity_threads(l, 8, &err), HK_EINTERNAL);
    assert_string_equal(one.message, err.message);
    ledger_free(l);
}

static void aging_by_days_past_due(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(1, 1, 0, 1);
    ledger_issue(l, 0, 0, 0, 100, 1);   /* not due on day 100 */
    ledger_issue(l, 0, 0, 0, 99, 10);   /* 1 day */
    ledger_issue(l, 0, 0, 0, 40, 100);  /* 60 days */
    ledger_issue(l, 0, 0, 0, 9, 1000);  /* 91 days */
    ledger_issue(l, 0, 0, 0, -300, 10000); /* 400 days */
    cents_t b[AGE_BUCKETS];
    ledger_aging(l, 100, b);
    assert_int_equal(b[AGE_CURRENT], 1);
    assert_int_equal(b[AGE_1_30], 10);
    assert_int_equal(b[AGE_31_60], 100);
    assert_int_equal(b[AGE_61_90], 0);
    assert_int_equal(b[AGE_91_180], 1000);
    assert_int_equal(b[AGE_OVER_365], 10000);
    ledger_free(l);
}

/* A fixed, varied sequence of postings for customer c (of book c % books). */
static void post_history(struct ledger *l, int32_t c, int books, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        int32_t id = ledger_issue(l, c, c % books, i, i + 30, 100 + (c * 7 + i) % 900);
        if ((i + c) % 3 == 0)
            ledger_post_payment(l, id, 50 + i % 80);
        if ((i + c) % 5 == 0 && ledger_invoice(l, id)->status == LEDGER_OPEN)
            ledger_mark_overdue(l, id);
        if ((i + c) % 4 == 0 && ledger_invoice(l, id)->status == LEDGER_OPEN)
            ledger_post_payment(l, id, 1000);
        if ((i + c) % 11 == 0 && ledger_invoice(l, id)->status == LEDGER_OPEN)
            ledger_write_off(l, id);
    }
}

static void pools_never_change_balances(void **state)
{
    (void)state;
    enum { CUSTOMERS = 40, BOOKS = 6, ROUNDS = 3000 };
    struct hk_error err;
    hk_error_clear(&err);
    struct ledger *one = ledger_alloc(CUSTOMERS, BOOKS, 2, 1);
    struct ledger *three = ledger_alloc(CUSTOMERS, BOOKS, 2, 3);
    assert_non_null(one);
    assert_non_null(three);
    /* Books split into consecutive ranges: 0-1, 2-3, 4-5. */
    assert_int_equal(ledger_pool_of_book(three, 1), 0);
    assert_int_equal(ledger_pool_of_book(three, 2), 1);
    assert_int_equal(ledger_pool_of_book(three, 5), 2);
    for (int32_t c = 0; c < CUSTOMERS; c++)
        post_history(one, c, BOOKS, ROUNDS);
    /* The same histories, each pool's customers on a thread of its own. */
#pragma omp parallel for num_threads(3) schedule(static, 1)
    for (int p = 0; p < 3; p++)
        for (int32_t c = 0; c < CUSTOMERS; c++)
            if (ledger_pool_of_book(three, c % BOOKS) == p)
                post_history(three, c, BOOKS, ROUNDS);
    assert_int_equal(ledger_check_identity(one, &err), HK_OK);
    assert_int_equal(ledger_check_identity(three, &err), HK_OK);
    assert_int_equal(ledger_check_identity_threads(three, 3, &err), HK_OK);
    for (int32_t c = 0; c < CUSTOMERS; c++)
        assert_memory_equal(&(struct ledger_totals[1]){ledger_customer_totals(one, c)},
                            &(struct ledger_totals[1]){ledger_customer_totals(three, c)},
                            sizeof(struct ledger_totals));
    for (int b = 0; b < BOOKS; b++) {
        struct ledger_totals x = ledger_book_totals(one, b), y = ledger_book_totals(three, b);
        assert_int_equal(x.invoiced, y.invoiced);
        assert_int_equal(x.collected, y.collected);
        assert_int_equal(x.written_off, y.written_off);
        assert_int_equal(x.outstanding, y.outstanding);
    }
    struct ledger_totals x = ledger_total(one), y = ledger_total(three);
    assert_int_equal(x.invoiced, y.invoiced);
    assert_int_equal(x.collected, y.collected);
    assert_int_equal(x.outstanding, y.outstanding);
    assert_true(x.outstanding > 0 && x.written_off > 0);
    assert_int_equal(ledger_overdue_total(one), ledger_overdue_total(three));
    assert_int_equal(ledger_open_count(one), ledger_open_count(three));
    cents_t a1[AGE_BUCKETS], a3[AGE_BUCKETS];
    ledger_aging(one, ROUNDS, a1);
    ledger_aging(three, ROUNDS, a3);
    assert_memory_equal(a1, a3, sizeof a1);
    /* What is long overdue, read from the overdue lists, against a sum
     * over every open invoice, on days when different invoices count. */
    for (int32_t day = ROUNDS - 40; day <= ROUNDS + 120; day += 20)
        for (int32_t c = 0; c < CUSTOMERS; c++) {
            cents_t all = 0;
            for (int32_t id = ledger_customer_first(three, c); id >= 0;
                 id = ledger_invoice(three, id)->next) {
                const struct ledger_invoice *v = ledger_invoice(three, id);
                if (v->overdue && day - v->due_day > 60)
                    all += v->amount - v->paid;
            }
            assert_int_equal(ledger_customer_overdue_beyond(three, c, day, 60), all);
            assert_int_equal(ledger_customer_overdue_beyond(one, c, day, 60), all);
        }
    ledger_free(one);
    ledger_free(three);
}

/* A pool's books run from its first book to the next pool's, for even
 * and uneven splits, capped pool counts and one pool. */
static void pools_are_ranges_of_books(void **state)
{
    (void)state;
    static const int cases[][2] = {{6, 3}, {7, 3}, {10, 4}, {5, 8}, {1, 1}, {9, 1}, {100, 7}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int books = cases[k][0], asked = cases[k][1];
        struct ledger *l = ledger_alloc(books, books, 0, asked);
        assert_non_null(l);
        int pools = asked < books ? asked : books;
        assert_int_equal(ledger_pool_first_book(l, 0), 0);
        assert_int_equal(ledger_pool_first_book(l, pools), books);
        for (int32_t b = 0; b < books; b++) {
            int p = ledger_pool_of_book(l, b);
            assert_true(p >= 0 && p < pools);
            assert_true(ledger_pool_first_book(l, p) <= b && b < ledger_pool_first_book(l, p + 1));
        }
        for (int p = 0; p < pools; p++) /* none empty */
            assert_true(ledger_pool_first_book(l, p) < ledger_pool_first_book(l, p + 1));
        ledger_free(l);
    }
}

static void long_overdue_hand_worked(void **state)
{
    (void)state;
    struct ledger *l = ledger_alloc(3, 2, 0, 2);
    int32_t a = ledger_issue(l, 0, 0, 0, 10, 500);  /* 90 days past due on day 100 */
    int32_t b = ledger_issue(l, 1, 1, 0, 39, 700);  /* 61 days */
    int32_t c = ledger_issue(l, 2, 1, 0, 40, 900);  /* 60 days: not more than 60 */
    int32_t d = ledger_issue(l, 2, 1, 0, 10, 300);  /* not marked overdue */
    int32_t e = ledger_issue(l, 1, 1, 0, 20, 250);  /* 80 days, behind b on the list */
    ledger_mark_overdue(l, a);
    ledger_mark_overdue(l, b);
    ledger_mark_overdue(l, c);
    ledger_post_payment(l, a, 125);
    assert_int_equal(ledger_customer_overdue_beyond(l, 0, 100, 60), 375);
    assert_int_equal(ledger_customer_overdue_beyond(l, 1, 100, 60), 700);
    assert_int_equal(ledger_customer_overdue_beyond(l, 2, 100, 60), 0);
    assert_int_equal(ledger_customer_overdue_beyond(l, 2, 101, 60), 900);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(ledger_check_identity(l, &err), HK_OK);
    /* Marked after an invoice that fell due later, e breaks the order the
     * sum relies on: the check names the customer. */
    ledger_mark_overdue(l, e);
    assert_int_equal(ledger_check_identity(l, &err), HK_EINTERNAL);
    assert_non_null(strstr(err.message, "customer 1's overdue invoices are not in due-date order"));
    (void)d;
    ledger_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_worked_postings),
        cmocka_unit_test(cash_discount_hand_worked),
        cmocka_unit_test(slots_are_reused_with_new_stamps),
        cmocka_unit_test(many_invoices_grow_the_pool),
        cmocka_unit_test(reserved_slots_need_no_allocation),
        cmocka_unit_test(a_ledger_after_another_starts_empty),
        cmocka_unit_test(check_catches_a_corrupted_invoice),
        cmocka_unit_test(aging_by_days_past_due),
        cmocka_unit_test(pools_never_change_balances),
        cmocka_unit_test(pools_are_ranges_of_books),
        cmocka_unit_test(long_overdue_hand_worked),
    };
    return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
