/* test_markov.c — the ageing chain: parsing, checks, absorption by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <stdio.h>

#include "huikuan/engine.h"
#include "huikuan/markov.h"

/* Every state has a row, and every row sums to 1. */
static int rows_valid(const struct markov_params *m, const char *origin, struct hk_error *err)
{
    for (int s = 0; s < m->states; s++)
        if (markov_validate_row(m, s, origin, err) != HK_OK)
            return err->status;
    return HK_OK;
}

static void load_example(struct markov_params *m)
{
    struct hk_error err;
    hk_error_clear(&err);
    markov_clear(m);
    m->period_days = 30;
    assert_int_equal(markov_parse_states(m, "current, d30, d60, d90", "t.ini:3: ", &err), HK_OK);
    assert_int_equal(markov_parse_row(m, "current", "paid:0.70, d30:0.30", "t:4: ", 4, &err), HK_OK);
    assert_int_equal(markov_parse_row(m, "d30", "paid:0.50, d60:0.45, bad_debt:0.05", "t:5: ", 5,
                                      &err), HK_OK);
    assert_int_equal(markov_parse_row(m, "d60", "paid:0.35, d90:0.55, bad_debt:0.10", "t:6: ", 6,
                                      &err), HK_OK);
    assert_int_equal(markov_parse_row(m, "d90", "paid:0.20, d90:0.40, bad_debt:0.40", "t:7: ", 7,
                                      &err), HK_OK);
    assert_int_equal(rows_valid(m, "t.ini", &err), HK_OK);
}

static void absorption_of_the_example_by_hand(void **state)
{
    (void)state;
    struct markov_params m;
    struct hk_error err;
    hk_error_clear(&err);
    load_example(&m);
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    assert_int_equal(markov_absorption(&m, paid, bad, &err), HK_OK);
    /* d90: 0.2 / 0.6 paid; d60: 0.35 + 0.55 x 1/3; d30: 0.5 + 0.45 x p60;
     * current: 0.7 + 0.3 x p30. */
    double expect_paid[] = {0.922, 0.74, 0.35 + 0.55 / 3.0, 1.0 / 3.0};
    for (int s = 0; s < 4; s++) {
        assert_true(fabs(paid[s] - expect_paid[s]) < 1e-12);
        assert_true(fabs(paid[s] + bad[s] - 1.0) < 1e-12);
    }
    /* Periods still to go: d90 stays with 0.4, 1 / 0.6; d60: 1 + 0.55 x
     * t90; d30: 1 + 0.45 x t60; current: 1 + 0.3 x t30 = 1.55875. */
    double periods[MARKOV_MAX_STATES];
    assert_int_equal(markov_periods_to_settle(&m, periods, &err), HK_OK);
    double t90 = 1 / 0.6, t60 = 1 + 0.55 * t90, t30 = 1 + 0.45 * t60;
    double expect_periods[] = {1 + 0.3 * t30, t30, t60, t90};
    for (int s = 0; s < 4; s++)
        assert_true(fabs(periods[s] - expect_periods[s]) < 1e-12);
    assert_true(fabs(periods[0] - 1.55875) < 1e-12);
}

static void written_section_reads_back(void **state)
{
    (void)state;
    struct markov_params m, again;
    struct hk_error err;
    hk_error_clear(&err);
    load_example(&m);
    char buf[2048];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    markov_write(&m, f);
    fclose(f);
    assert_non_null(strstr(buf, "states = current, d30, d60, d90\n"));
    assert_non_null(strstr(buf, "d30 = d60:0.45, paid:0.5, bad_debt:0.05\n"));
    markov_clear(&again);
    char *line = strtok(buf, "\n");
    assert_int_equal(markov_parse_states(&again, line + strlen("states = "), "", &err), HK_OK);
    while ((line = strtok(NULL, "\n")) != NULL) {
        char *eq = strstr(line, " = ");
        *eq = '\0';
        assert_int_equal(markov_parse_row(&again, line, eq + 3, "", 1, &err), HK_OK);
    }
    assert_memory_equal(m.p, again.p, sizeof m.p);
}

static void bad_sections_are_refused(void **state)
{
    (void)state;
    struct markov_params m;
    struct hk_error err;
    const struct { const char *states, *row_state, *row, *want; } cases[] = {
        {"a, b", "a", "paid:0.5, b:0.6", "sum to 1.1"},
        {"a, b", "a", "paid:0.5, c:0.5", "unknown target 'c'"},
        {"a, b", "c", "paid:1", "not a state listed"},
        {"a, b", "a", "paid:0.5, paid:0.5", "given twice"},
        {"a, b", "a", "paid:1.5", "probability of 'paid' = 1.5: must be a number from 0 to 1"},
        {"a, b", "a", "paid:70% , b:0.3", "probability of 'paid' = 70%: must be"},
        {"a, b", "a", "paid:nan", "from 0 to 1"},
        {"a, b", "a", "paid:1.00000000000000001", "from 0 to 1"}, /* reads as 1.0 */
        {"a, b", "a", "paid:1, b:-1e-400", "from 0 to 1"},        /* reads as -0 */
        {"a, b", "a", "paid 1", "expected target:probability"},
        {"a, b", "a", "", "empty row"},
        {"a, a", NULL, NULL, "listed twice"},
        {"a, paid", NULL, NULL, "is an outcome"},
        {"a; b", NULL, NULL, "expected ','"},
        {"", NULL, NULL, "no states"},
        {"a, b", "a", "paid:1", "state listed without a row"}, /* b has no row */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hk_error_clear(&err);
        markov_clear(&m);
        int rc = markov_parse_states(&m, cases[i].states, "t:1: ", &err);
        if (rc == HK_OK && cases[i].row_state)
            rc = markov_parse_row(&m, cases[i].row_state, cases[i].row, "t:2: ", 2, &err);
        if (rc == HK_OK)
            rc = rows_valid(&m, "t", &err);
        if (rc != HK_EINPUT || !strstr(err.message, cases[i].want))
            fail_msg("case %zu: rc %d, message '%s', wanted '%s'", i, rc, err.message, cases[i].want);
    }
    /* Rows before the list of states. */
    hk_error_clear(&err);
    markov_clear(&m);
    assert_int_equal(markov_parse_row(&m, "a", "paid:1", "t:1: ", 1, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "no Markov chain to add this row to: list "
                                        "markov.states before the rows"));
    /* A probability written long, as a line of a scenario holds it (150
     * zeros), is a number, as a scalar key's is. */
    char row[256] = "bad_debt:0.";
    memset(row + strlen(row), '0', 150);
    strcpy(row + 11 + 150, "1, paid:1");
    hk_error_clear(&err);
    markov_clear(&m);
    assert_int_equal(markov_parse_states(&m, "a", "t:1: ", &err), HK_OK);
    assert_int_equal(markov_parse_row(&m, "a", row, "t:2: ", 2, &err), HK_OK);
}

static void a_state_never_left_is_refused(void **state)
{
    (void)state;
    struct markov_params m;
    struct hk_error err;
    hk_error_clear(&err);
    markov_clear(&m);
    assert_int_equal(markov_parse_states(&m, "a, trap", "", &err), HK_OK);
    assert_int_equal(markov_parse_row(&m, "a", "paid:0.5, trap:0.5", "", 1, &err), HK_OK);
    assert_int_equal(markov_parse_row(&m, "trap", "trap:1", "", 2, &err), HK_OK);
    assert_int_equal(rows_valid(&m, "t", &err), HK_OK);
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    assert_int_equal(markov_absorption(&m, paid, bad, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "state 'trap' is never left"));
}

/* Thirteen states, each kept with 0.9 and left for the next with 0.1, the
 * last settling with 0.1: det(I - Q) = 0.1^13, yet every state settles
 * (paid 1/2 from each). A single state kept with 0.5: left after k
 * periods with probability 0.5^k, so 30 periods take it below 1e-9 and
 * 29 do not; one kept with 0.9999 takes more than 200,000. */
static void slow_chains_settle(void **state)
{
    (void)state;
    struct markov_params m;
    struct hk_error err;
    hk_error_clear(&err);
    markov_clear(&m);
    assert_int_equal(markov_parse_states(&m, "a,b,c,d,e,f,g,h,i,j,k,l,z", "", &err), HK_OK);
    const char *names = "abcdefghijkl";
    for (int i = 0; i < 12; i++) {
        char name[2] = {names[i], 0}, row[32];
        snprintf(row, sizeof row, "%c:0.9, %c:0.1", names[i], i < 11 ? names[i + 1] : 'z');
        assert_int_equal(markov_parse_row(&m, name, row, "", 2 + i, &err), HK_OK);
    }
    assert_int_equal(markov_parse_row(&m, "z", "z:0.9, paid:0.05, bad_debt:0.05", "", 14, &err),
                     HK_OK);
    assert_int_equal(rows_valid(&m, "t", &err), HK_OK);
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    assert_int_equal(markov_absorption(&m, paid, bad, &err), HK_OK);
    for (int i = 0; i < 13; i++)
        assert_float_equal(paid[i], 0.5, 1e-9);
    assert_true(markov_settle_periods(&m, 1e-9, 100000) > 13);

    markov_clear(&m);
    assert_int_equal(markov_parse_states(&m, "s", "", &err), HK_OK);
    assert_int_equal(markov_parse_row(&m, "s", "s:0.5, paid:0.5", "", 2, &err), HK_OK);
    assert_int_equal(markov_settle_periods(&m, 1e-9, 100), 30);
    assert_int_equal(markov_settle_periods(&m, 1e-9, 29), -1);
    markov_clear(&m);
    assert_int_equal(markov_parse_states(&m, "s", "", &err), HK_OK);
    assert_int_equal(markov_parse_row(&m, "s", "s:0.9999, bad_debt:0.0001", "", 2, &err), HK_OK);
    assert_int_equal(markov_settle_periods(&m, MARKOV_SETTLED_TAIL, MARKOV_RUNOFF_MAX_DAYS), -1);
}

/* The engine's chain against (I - Q)^-1 R, for the example and for
 * random chains: the paid share of each state within Monte Carlo error. */
static void simulated_chains_match_absorption(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 7);
    for (int trial = 0; trial < 4; trial++) {
        struct scenario sc;
        struct hk_error err;
        hk_error_clear(&err);
        assert_int_equal(scenario_load(&sc, "scenarios/validation/markov.ini", &err), HK_OK);
        sc.customers.count = 300;
        if (trial > 0) { /* a random chain of 2 to 6 states */
            markov_clear(&sc.markov);
            sc.markov.period_days = 30;
            sc.markov.states = 2 + trial + (trial == 3);
            for (int s = 0; s < sc.markov.states; s++) {
                snprintf(sc.markov.state[s], sizeof sc.markov.state[0], "s%d", s);
                double alpha[MARKOV_MAX_STATES + 2];
                for (int t = 0; t < sc.markov.states + 2; t++)
                    alpha[t] = 0.5 + gsl_rng_uniform(rng);
                gsl_ran_dirichlet(rng, (size_t)sc.markov.states + 2, alpha, sc.markov.p[s]);
                sc.markov.row_set[s] = 0;
            }
        }
        double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
        assert_int_equal(markov_absorption(&sc.markov, paid, bad, &err), HK_OK);
        double reached[MARKOV_MAX_STATES] = {0}, got[MARKOV_MAX_STATES] = {0};
        int64_t invoices[MARKOV_MAX_STATES] = {0};
        for (int r = 0; r < 6; r++) {
            struct replication_result res;
            assert_int_equal(engine_run(&sc, r, &res, &err), HK_OK);
            for (int s = 0; s < sc.markov.states; s++) {
                reached[s] += res.markov_reached[s];
                got[s] += res.markov_paid[s];
                invoices[s] += res.markov_invoices[s];
            }
            engine_result_free(&res);
        }
        for (int s = 0; s < sc.markov.states; s++) {
            /* Binomial error of a share over that many invoices, four times
             * over, widened for the spread of invoice amounts. */
            double share = got[s] / reached[s];
            double se = sqrt(paid[s] * (1 - paid[s]) / (double)invoices[s]) * 1.5;
            if (fabs(share - paid[s]) > 4 * se + 1e-9)
                fail_msg("trial %d state %d: simulated %.4f, expected %.4f (se %.4f, n %lld)",
                         trial, s, share, paid[s], se, (long long)invoices[s]);
        }
    }
    gsl_rng_free(rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absorption_of_the_example_by_hand),
        cmocka_unit_test(written_section_reads_back),
        cmocka_unit_test(bad_sections_are_refused),
        cmocka_unit_test(a_state_never_left_is_refused),
        cmocka_unit_test(slow_chains_settle),
        cmocka_unit_test(simulated_chains_match_absorption),
    };
    return cmocka_run_group_tests_name("markov", tests, NULL, NULL);
}
