/* test_money.c — text <-> cents must be exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "huikuan/money.h"

static void parses_exact_cents(void **state)
{
    (void)state;
    cents_t v;
    assert_int_equal(money_parse("100000.00", &v), 0);
    assert_int_equal(v, 10000000);
    assert_int_equal(money_parse("0.29", &v), 0);
    assert_int_equal(v, 29);
    assert_int_equal(money_parse("12.5", &v), 0);
    assert_int_equal(v, 1250);
    assert_int_equal(money_parse("-3.07", &v), 0);
    assert_int_equal(v, -307);
    assert_int_equal(money_parse("7", &v), 0);
    assert_int_equal(v, 700);
    /* A digit on one side of the point is enough, as for other numbers. */
    assert_int_equal(money_parse(".5", &v), 0);
    assert_int_equal(v, 50);
    assert_int_equal(money_parse("-.07", &v), 0);
    assert_int_equal(v, -7);
    assert_int_equal(money_parse("5.", &v), 0);
    assert_int_equal(v, 500);
}

static void rejects_what_is_not_money(void **state)
{
    (void)state;
    cents_t v;
    const char *bad[] = {"", "abc", "1.234", "1e5", ".", "-.", "+", ".123", "1 000", "12,50", "nan",
                         "inf", "--1", "99999999999999999999", "1.2.3", "0x10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_not_equal(money_parse(bad[i], &v), 0);
}

static void formats_two_decimals(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(money_format(30000, buf, sizeof buf), "300.00");
    assert_string_equal(money_format(-5, buf, sizeof buf), "-0.05");
    assert_string_equal(money_format(0, buf, sizeof buf), "0.00");
    assert_string_equal(money_format(123456789, buf, sizeof buf), "1234567.89");
}

static void applies_rates_with_one_rounding(void **state)
{
    (void)state;
    /* The seeds' example: 3 % of 100,000.00 and 0.01 % of 30 x 100,000.00. */
    assert_int_equal(money_apply_rate(0.03, 10000000), 300000);
    assert_int_equal(money_apply_rate(0.0001, 300000000), 30000);
    assert_int_equal(money_apply_rate(0.5, 1), 1);   /* half away from zero */
    assert_int_equal(money_apply_rate(0.5, -1), -1);
    assert_int_equal(money_apply_rate(0.0, 123456), 0);
}

/* A rate as the scenario writes it is a decimal: its product with an
 * amount is rounded from the exact value, not from binary's neighbour. */
static void decimal_rates_round_exact_halves(void **state)
{
    (void)state;
    /* 0.0003 x 5000 = 1.5 (binary: 1.4999999999999998) */
    assert_int_equal(money_apply_rate(0.0003, 5000), 2);
    assert_int_equal(money_apply_rate(0.0003, -5000), -2);
    assert_int_equal(money_apply_rate(0.03, 150), 5);     /* 4.5 */
    assert_int_equal(money_apply_rate(0.07, 50), 4);      /* 3.5 (binary: 3.5000000000000004) */
    assert_int_equal(money_apply_rate(0.0001, 14999), 1); /* 1.4999 */
    assert_int_equal(money_apply_rate(0.5 * 0.97, 100), 49); /* products of rates: 48.5 */
    assert_int_equal(money_apply_rate_wide(0.0003, (__int128)5000 * 4000000000000LL),
                     6000000000000LL); /* balance-days beyond 64 bits' doubles, exact */
    /* A rate the model computed (not a short decimal) from its binary value. */
    assert_int_equal(money_apply_rate(1.0 / 3.0, 100), 33);
    assert_int_equal(money_apply_rate(2.0 / 3.0, 100), 67);
}

static void proration_is_exact(void **state)
{
    (void)state;
    assert_int_equal(money_prorate(400000, 10, 30), 133333);
    assert_int_equal(money_prorate(45, 5, 30), 8);    /* 7.5 */
    assert_int_equal(money_prorate(-45, 5, 30), -8);
    assert_int_equal(money_prorate(400000, 30, 30), 400000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_exact_cents),
        cmocka_unit_test(rejects_what_is_not_money),
        cmocka_unit_test(formats_two_decimals),
        cmocka_unit_test(applies_rates_with_one_rounding),
        cmocka_unit_test(decimal_rates_round_exact_halves),
        cmocka_unit_test(proration_is_exact),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
