/* test_progress.c — the progress line's count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "huikuan/progress.h"

/* A total given as "at most" that proves short is stretched to what was
 * done, so the line never shows more done than its total, nor a time
 * left below zero (calibrate's total is an upper bound it can pass with
 * many crossings of a target). */
static void a_total_passed_is_stretched(void **state)
{
    (void)state;
    struct progress p;
    progress_begin(&p, "values", 5, 0);
    progress_tick(&p, 3);
    assert_int_equal(p.done, 3);
    assert_int_equal(p.total, 5);
    progress_tick(&p, 4);
    assert_int_equal(p.done, 7);
    assert_int_equal(p.total, 7);
    progress_end(&p);
    /* In parts: a replication of 10 parts, 2 replications. */
    progress_begin_parts(&p, "replications", 2, 10, 0);
    progress_tick(&p, 25);
    assert_int_equal(p.total, 25);
    progress_end(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_total_passed_is_stretched),
    };
    return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
