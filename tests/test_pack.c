/* test_pack.c — a replication result survives the trip between ranks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/pack.h"

static void round_trip(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, "scenarios/hybrid.ini", &err), HK_OK);
    assert_int_equal(scenario_set(&sc, "customers.count=60", &err), HK_OK);
    struct replication_result a[2], b[2];
    size_t len = 0;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(engine_run(&sc, i, &a[i], &err), HK_OK);
        len += pack_result_size(&a[i]);
    }
    assert_true(a[0].months > 0 && a[0].rep_count > 0);
    unsigned char *buf = malloc(len), *p = buf;
    for (int i = 0; i < 2; i++)
        p = pack_result(&a[i], p);
    assert_true(p == buf + len);
    const unsigned char *q = buf;
    for (int i = 0; i < 2; i++) {
        q = unpack_result(q, buf + len, &b[i]);
        assert_non_null(q);
        assert_memory_equal(a[i].metric, b[i].metric, sizeof a[i].metric);
        assert_int_equal(a[i].months, b[i].months);
        assert_memory_equal(a[i].monthly, b[i].monthly, (size_t)a[i].months * sizeof *a[i].monthly);
        size_t seg = (size_t)a[i].months * sizeof *a[i].segment_monthly_paid;
        assert_memory_equal(a[i].segment_monthly_paid, b[i].segment_monthly_paid, seg);
        assert_memory_equal(a[i].segment_monthly_late, b[i].segment_monthly_late, seg);
        assert_memory_equal(a[i].segment_sales, b[i].segment_sales, sizeof a[i].segment_sales);
        assert_int_equal(a[i].rep_count, b[i].rep_count);
        assert_memory_equal(a[i].reps, b[i].reps, (size_t)a[i].rep_count * sizeof *a[i].reps);
        assert_memory_equal(a[i].aging, b[i].aging, sizeof a[i].aging);
        assert_memory_equal(a[i].collect_share, b[i].collect_share, sizeof a[i].collect_share);
        assert_true(a[i].ar_end == b[i].ar_end && a[i].sales == b[i].sales);
        assert_true(a[i].monthly != b[i].monthly && a[i].reps != b[i].reps);
    }
    assert_true(q == buf + len);
    /* Short input is refused, not read past. */
    struct replication_result c;
    assert_null(unpack_result(buf, buf + len / 4, &c));
    assert_null(unpack_result(buf, buf + sizeof c + 8, &c));
    for (int i = 0; i < 2; i++) {
        engine_result_free(&a[i]);
        engine_result_free(&b[i]);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
    };
    return cmocka_run_group_tests_name("pack", tests, NULL, NULL);
}
