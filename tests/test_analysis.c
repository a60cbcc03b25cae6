/* test_analysis.c — --values, --range and conditions on metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "huikuan/analysis.h"
#include "huikuan/metrics.h"

static struct scenario base;

static int setup(void **state)
{
    (void)state;
    scenario_init_defaults(&base);
    return 0;
}

static int values(const char *key, const char *spec, struct param_values *v,
                  struct hk_error *err)
{
    int type;
    hk_error_clear(err);
    if (analysis_param("--param", key, 0, NULL, 0, &type, err) != HK_OK)
        return err->status;
    return analysis_parse_values(key, type, spec, &base, v, err);
}

static void steps_are_evenly_spaced_and_rounded(void **state)
{
    (void)state;
    struct param_values v = {0};
    struct hk_error err;
    assert_int_equal(values("scheme.penalty_daily_rate", "0:0.0004:5", &v, &err), HK_OK);
    assert_int_equal(v.count, 5);
    assert_string_equal(v.text[0], "0");
    assert_string_equal(v.text[3], "0.0003");
    assert_string_equal(v.text[4], "0.0004");
    analysis_values_free(&v);
    assert_int_equal(values("sim.days", "30:90:4", &v, &err), HK_OK);
    assert_string_equal(v.text[1], "50");
    analysis_values_free(&v);
    assert_int_equal(values("scheme.base_salary", "1000:2000:4", &v, &err), HK_OK);
    assert_string_equal(v.text[1], "1333.33");
    analysis_values_free(&v);
    /* Descending is fine. */
    assert_int_equal(values("scheme.commission_sales", "0.05:0.01:3", &v, &err), HK_OK);
    assert_string_equal(v.text[1], "0.03");
    analysis_values_free(&v);
}

static void lists_keep_their_text(void **state)
{
    (void)state;
    struct param_values v = {0};
    struct hk_error err;
    assert_int_equal(values("orders.process", "poisson, regular", &v, &err), HK_OK);
    assert_int_equal(v.count, 2);
    assert_string_equal(v.text[1], "regular");
    analysis_values_free(&v);
    assert_int_equal(values("scheme.commission_sales", "0.03", &v, &err), HK_OK);
    assert_int_equal(v.count, 1);
    analysis_values_free(&v);
    /* Distinct values that a double would not tell apart, and names
     * that read as the same number, are all kept. */
    assert_int_equal(analysis_parse_values("sim.seed", scenario_key_value_type("sim.seed"),
                                           "9007199254740992,9007199254740993", &base, &v,
                                           &err), HK_OK);
    assert_int_equal(v.count, 2);
    analysis_values_free(&v);
    assert_int_equal(analysis_parse_values("sim.name", scenario_key_value_type("sim.name"),
                                           "1,1.0,01", &base, &v, &err), HK_OK);
    assert_int_equal(v.count, 3);
    analysis_values_free(&v);
}

/* Whether a value lies at the end of what a key takes: the next value at
 * the key's resolution (12 significant digits for a real key) is out of
 * range. */
static void ends_of_what_a_key_takes(void **state)
{
    (void)state;
    const char *rate = "scheme.penalty_daily_rate"; /* 0 to 1 */
    assert_false(analysis_beyond_allowed(&base, rate, 0, 0));
    assert_true(analysis_beyond_allowed(&base, rate, 0, 1));
    assert_false(analysis_beyond_allowed(&base, rate, 1, 1));
    assert_true(analysis_beyond_allowed(&base, rate, 1, 0));
    /* Nearer 0 than any fixed least step: 0 is still below. */
    assert_true(analysis_beyond_allowed(&base, rate, 1e-13, 0));
    assert_true(analysis_beyond_allowed(&base, rate, 1e-300, 0));
    assert_true(analysis_beyond_allowed(&base, rate, 1 - 1e-12, 1));
    assert_true(analysis_beyond_allowed(&base, rate, 0.5, 1));
    assert_true(analysis_beyond_allowed(&base, rate, 0.5, 0));
    /* Just inside a limit by a unit of the 12th digit: beyond it lies
     * the limit itself, which the key takes. */
    assert_true(analysis_beyond_allowed(&base, rate, 0.999999999999, 1));
    assert_true(analysis_beyond_allowed(&base, rate, 1e-12, 0));
    const char *grace = "scheme.penalty_grace_days"; /* whole days from 0 */
    assert_false(analysis_beyond_allowed(&base, grace, 0, 0));
    assert_true(analysis_beyond_allowed(&base, grace, 1, 0));
}

/* What every value shares is no key to vary, nor is a key a --set fixes. */
static void keys_not_to_vary(void **state)
{
    (void)state;
    struct hk_error err;
    int type;
    /* The chain's states and rows are lists, not in the table of keys,
     * and not unknown either. */
    const char *never[] = {"sim.seed", "sim.replications", "sim.name", "markov.states",
                           "markov.d30"};
    for (int i = 0; i < 5; i++) {
        hk_error_clear(&err);
        assert_int_equal(analysis_param("--param", never[i], 0, NULL, 0, &type, &err), HK_EINPUT);
        assert_non_null(strstr(err.message, "not a key to vary"));
    }
    const char *sets[] = {"sim.days=30", "scheme.commission_sales = 0.02"};
    hk_error_clear(&err);
    assert_int_equal(analysis_param("--param", "scheme.commission_sales", 1, sets, 2, &type,
                                     &err), HK_EINPUT);
    assert_string_equal(err.message, "--set scheme.commission_sales = 0.02: "
                                     "scheme.commission_sales is what --param varies; leave it "
                                     "out of --set");
    /* A key that only begins like it is another key. */
    const char *other[] = {"scheme.commission_sales_extra=1"};
    hk_error_clear(&err);
    assert_int_equal(analysis_param("--param", "scheme.commission_sales", 1, other, 1, &type,
                                     &err), HK_OK);
    assert_int_equal(analysis_param("--param", "sim.days", 0, sets + 1, 1, &type, &err), HK_OK);
}

static void expect_error(const char *key, const char *spec, const char *text)
{
    struct param_values v = {0};
    struct hk_error err;
    assert_int_equal(values(key, spec, &v, &err), HK_EINPUT);
    if (!strstr(err.message, text))
        fail_msg("'%s' lacks '%s'", err.message, text);
    assert_null(v.text);
}

static void bad_values_name_flag_and_key(void **state)
{
    (void)state;
    expect_error("scheme.bogus", "1,2", "--param scheme.bogus: scheme.bogus: unknown key in [scheme]");
    expect_error("scheme.penalty_daily_rate", "0:2:3",
                 "--values 0:2:3: scheme.penalty_daily_rate = 2: out of range");
    expect_error("scheme.penalty_daily_rate", "0:x:3", "--values 0:x:3: TO 'x' is not a number");
    expect_error("scheme.penalty_daily_rate", "0:1", "expected FROM:TO:STEPS");
    expect_error("scheme.penalty_daily_rate", "0:0.1:1", "STEPS '1' must be a count of values from 2");
    expect_error("scheme.penalty_daily_rate", "0:0.1:2.5", "STEPS '2.5'");
    /* numbers as a scenario writes them: no hexadecimal, no 3.0 or 1e1 for a count */
    expect_error("scheme.penalty_daily_rate", "0:0.1:3.0", "STEPS '3.0' must be a count");
    expect_error("scheme.penalty_daily_rate", "0:0.1:1e1", "STEPS '1e1' must be a count");
    expect_error("scheme.penalty_daily_rate", "0:0.1:0x3", "STEPS '0x3' must be a count");
    expect_error("scheme.penalty_daily_rate", "0x0:0.1:3", "FROM '0x0' is not a number");
    expect_error("scheme.penalty_daily_rate", "0.1,,0.2", "value 2 is empty");
    expect_error("scheme.penalty_daily_rate", "0.1,0.1", "scheme.penalty_daily_rate = 0.1 appears twice");
    /* the same value, written otherwise */
    expect_error("scheme.penalty_daily_rate", "0.1,0.10", "scheme.penalty_daily_rate = 0.10 appears twice");
    expect_error("scheme.penalty_daily_rate", "0.0001,1e-4", "= 1e-4 appears twice");
    expect_error("scheme.penalty_daily_rate", "0,0.1,-0", "= -0 appears twice");
    expect_error("orders.process", "poisson,regular,poisson", "orders.process = poisson appears twice");
    /* a value is checked before it is compared with the others */
    expect_error("sim.days", "100,1e2", "sim.days = 1e2: not an integer");
    expect_error("sim.days", "1:2:5", "sim.days = 1 appears twice");
    expect_error("orders.process", "0:1:3", "orders.process does not take numbers");
    expect_error("orders.process", "poisson,never", "orders.process = never: unknown value");
    expect_error("segment.prompt.share", "0.5,0.6", "segment shares sum to");
}

static void ranges(void **state)
{
    (void)state;
    double lo, hi;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(analysis_parse_range("scheme.commission_sales", " 0.01 : 0.2 ", &base, &lo,
                                          &hi, &err), HK_OK);
    assert_true(lo == 0.01 && hi == 0.2);
    const char *bad[][2] = {
        {"0.2:0.01", "FROM must be below TO"},
        {"0.1", "expected FROM:TO"},
        {"0:1:2", "expected FROM:TO"},
        {"a:1", "FROM 'a' is not a number"},
        {"0:1.5", "scheme.commission_sales = 1.5: out of range"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hk_error_clear(&err);
        assert_int_equal(analysis_parse_range("scheme.commission_sales", bad[i][0], &base, &lo,
                                              &hi, &err), HK_EINPUT);
        if (!strstr(err.message, bad[i][1]))
            fail_msg("'%s' lacks '%s'", err.message, bad[i][1]);
    }
    int type;
    hk_error_clear(&err);
    assert_int_equal(analysis_param("--param", "firm.factoring", 1, NULL, 0, &type, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "does not take a number"));
    /* The seed and the name are written as text, but are refused for what
     * they are, whether a number is wanted or not. */
    const char *fixed[] = {"sim.seed", "sim.name"};
    for (int i = 0; i < 2; i++)
        for (int numeric = 0; numeric < 2; numeric++) {
            hk_error_clear(&err);
            assert_int_equal(analysis_param("--param", fixed[i], numeric, NULL, 0, &type, &err),
                             HK_EINPUT);
            assert_non_null(strstr(err.message, "not a key to vary"));
        }
}

static void conditions(void **state)
{
    (void)state;
    struct metric_condition c;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(analysis_parse_condition("--constraint", " rep_turnover <= 0.15", 0, &c, &err),
                     HK_OK);
    assert_int_equal(c.metric, M_REP_TURNOVER);
    assert_int_equal(c.op, OP_LE);
    assert_true(c.bound == 0.15);
    assert_true(analysis_condition_holds(&c, 0.15));
    assert_false(analysis_condition_holds(&c, 0.151));
    assert_false(analysis_condition_holds(&c, NAN));
    assert_int_equal(analysis_parse_condition("--constraint", "firm_profit>0", 0, &c, &err), HK_OK);
    assert_false(analysis_condition_holds(&c, 0));
    assert_true(analysis_condition_holds(&c, 1));
    assert_int_equal(analysis_parse_condition("--target", "commission=5000", 1, &c, &err), HK_OK);
    assert_int_equal(c.op, OP_EQ);
    /* below the smallest normal double: a number still, as in a scenario */
    assert_int_equal(analysis_parse_condition("--constraint", "bad_debt<=1e-310", 0, &c, &err),
                     HK_OK);
    assert_true(c.bound > 0 && c.bound < 1e-300);
    const char *bad[][3] = {
        {"--constraint", "rep_turnover=0.1", "expected METRIC<=VALUE"},
        {"--constraint", "turnover<=0.1", "unknown metric 'turnover'"},
        {"--constraint", "rep_turnover<=lots", "'lots' is not a number"},
        {"--constraint", "rep_turnover", "expected METRIC<=VALUE"},
        {"--target", "commission<=5", "expected METRIC=VALUE"},
        {"--target", "commission=0x1p12", "'0x1p12' is not a number"},
        {"--constraint", "rep_turnover<=inf", "'inf' is not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hk_error_clear(&err);
        assert_int_equal(analysis_parse_condition(bad[i][0], bad[i][1], bad[i][0][2] == 't', &c,
                                                  &err), HK_EINPUT);
        if (!strstr(err.message, bad[i][2]))
            fail_msg("'%s' lacks '%s'", err.message, bad[i][2]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steps_are_evenly_spaced_and_rounded),
        cmocka_unit_test(lists_keep_their_text),
        cmocka_unit_test(bad_values_name_flag_and_key),
        cmocka_unit_test(ranges),
        cmocka_unit_test(conditions),
        cmocka_unit_test(keys_not_to_vary),
        cmocka_unit_test(ends_of_what_a_key_takes),
    };
    return cmocka_run_group_tests_name("analysis", tests, setup, NULL);
}
