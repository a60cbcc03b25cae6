/* test_scenario.c — parsing, validation and messages of scenario files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/scenario.h"

static int load(const char *text, struct scenario *sc, struct hk_error *err)
{
    scenario_init_defaults(sc);
    hk_error_clear(err);
    return scenario_load_string(sc, text, "t.ini", err);
}

/* The text fails with exit-2 status and a message containing each want. */
static void expect_error(const char *text, const char *want1, const char *want2)
{
    struct scenario sc;
    struct hk_error err;
    int rc = load(text, &sc, &err);
    if (rc != HK_EINPUT || !strstr(err.message, want1) || (want2 && !strstr(err.message, want2)))
        fail_msg("for input:\n%s\ngot rc %d and message: %s\nwanted: %s / %s", text, rc,
                 err.message, want1, want2 ? want2 : "");
}

static void defaults_are_valid(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_validate(&sc, "defaults", &err), HK_OK);
    assert_int_equal(sc.sim.days, 365);
    assert_int_equal(sc.orders.amount_mean, 500000);
    assert_true(sc.scheme.commission_sales == 0.03);
}

static void reads_every_type(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    const char *text = "; comment\n# another\n[sim]\nname = my-case_1\ndays = 200\n"
                       "seed = 18446744073709551615\n[orders]\nprocess = regular\n"
                       "amount_mean = 1234.5\n[scheme]\npenalty_daily_rate = 0.0001 ; inline\n";
    assert_int_equal(load(text, &sc, &err), HK_OK);
    assert_string_equal(sc.name, "my-case_1");
    assert_int_equal(sc.sim.days, 200);
    assert_true(sc.sim.seed == UINT64_MAX);
    assert_int_equal(sc.orders.process, ORDERS_REGULAR);
    assert_int_equal(sc.orders.amount_mean, 123450);
    assert_true(sc.scheme.penalty_daily_rate == 0.0001);
}

static void rejects_bad_input_naming_line_and_key(void **state)
{
    (void)state;
    expect_error("[sim]\ndays = 10\n[nope]\nx = 1\n", "t.ini:3:", "[nope]: unknown section");
    expect_error("[sim]\ndayz = 10\n", "t.ini:2:", "sim.dayz: unknown key");
    expect_error("days = 10\n", "t.ini:1:", "outside any section");
    expect_error("[sim]\ndays = 10\ndays = 20\n", "t.ini:3:", "set twice (first on line 2)");
    expect_error("[sim]\ndays = ten\n", "t.ini:2: sim.days = ten: not an integer", "1 to 3650");
    expect_error("[sim]\ndays = 0\n", "sim.days = 0: out of range", "from 1 to 3650");
    expect_error("[sim]\ndays = 12.5\n", "sim.days = 12.5: not an integer", NULL);
    expect_error("[scheme]\npenalty_daily_rate = -0.001\n",
                 "t.ini:2: scheme.penalty_daily_rate = -0.001: out of range", "from 0 to 1");
    expect_error("[segment.distressed]\ndefault_prob = 1.3\n",
                 "segment.distressed.default_prob = 1.3: out of range", "from 0 to 1");
    expect_error("[scheme]\ncommission_sales = nan\n", "must be a finite number", NULL);
    expect_error("[scheme]\ncommission_sales = inf\n", "must be a finite number", NULL);
    expect_error("[scheme]\ncommission_sales = 1e400\n", "commission_sales", NULL);
    expect_error("[scheme]\nbase_salary = -100.00\n", "scheme.base_salary = -100.00: out of range",
                 NULL);
    expect_error("[scheme]\nbase_salary = 10.001\n", "not an amount", "two decimals");
    expect_error("[orders]\nprocess = sometimes\n", "unknown value", "poisson|regular");
    expect_error("[sim]\nname = has space\n", "not a valid name", NULL);
    expect_error("[sim]\nseed = -1\n", "not a seed", NULL);
    expect_error("[sim]\nseed = 99999999999999999999999\n", "not a seed", NULL);
    expect_error("[sim]\ndays\n", "t.ini:2: syntax error", "'days'");
    expect_error("[sim\ndays = 3\n", "t.ini:1: syntax error", NULL);
    expect_error("[sim]\ndays =\n", "t.ini:2:", "value is empty");
    expect_error("[segment.prompt]\nshare = 0.5\n", "t.ini:2: segment.prompt.share",
                 "sum to 1.2");
}

static void rejects_over_long_lines(void **state)
{
    (void)state;
    char text[2000];
    snprintf(text, sizeof text, "[sim]\nname = %0400d\ndays = 3\n", 0);
    expect_error(text, "t.ini:2: line too long", NULL);
    /* The first problem is named: a syntax error before a long line (the
     * long line had been named first), and a long line before one. */
    snprintf(text, sizeof text, "[sim]\njust some words\nname = %0400d\n", 0);
    expect_error(text, "t.ini:2: syntax error", NULL);
    snprintf(text, sizeof text, "[sim]\nname = %0400d\njust some words\n", 0);
    expect_error(text, "t.ini:2: line too long", NULL);
    /* Regression: comments may be long (run.ini records long command
     * lines in one), and were refused like any other line. */
    struct scenario sc;
    struct hk_error err;
    snprintf(text, sizeof text, "[sim]\n; %0400d\n  #%0180d\ndays = 3\n", 0, 0);
    assert_int_equal(load(text, &sc, &err), HK_OK);
    assert_int_equal(sc.sim.days, 3);
    /* 198 bytes are allowed however the line ends: LF, CRLF or the end
     * of the file; 199 are not. */
    const char *ends[] = {"\n", "\r\n", ""};
    for (int e = 0; e < 3; e++) {
        snprintf(text, sizeof text, "[sim]%s;\ndays = 3%*s%s", ends[e][0] ? ends[e] : "\n", 190,
                 "", ends[e]);
        assert_int_equal(load(text, &sc, &err), HK_OK);
        assert_int_equal(sc.sim.days, 3);
        snprintf(text, sizeof text, "[sim]%s;\ndays = 3%*s%s", ends[e][0] ? ends[e] : "\n", 191,
                 "", ends[e]);
        expect_error(text, "t.ini:3: line too long (at most 198 bytes, not counting a comment", NULL);
    }
    /* A line long only by its inline comment is read without it: a note
     * of 140 Chinese characters (420 bytes) had been refused. */
    char note[512] = ""; /* 140 characters, 420 bytes */
    for (int i = 0; i < 70; i++)
        strcat(note, "\xe5\x9b\x9e\xe6\xac\xbe"); /* 回款 */
    snprintf(text, sizeof text, "[sim] ; %s\ndays = 45 ; %s\nname = tail\t; %s\n", note, note, note);
    assert_int_equal(load(text, &sc, &err), HK_OK);
    assert_int_equal(sc.sim.days, 45);
    assert_string_equal(sc.name, "tail");
    /* A section header's comment may follow its ']' directly, or be a
     * '#' one: so it may be long too. */
    const char *headers[] = {"[sim];", "[sim] #", "[sim]#"};
    for (int h = 0; h < 3; h++) {
        snprintf(text, sizeof text, "%s %s\ndays = 46\n", headers[h], note);
        assert_int_equal(load(text, &sc, &err), HK_OK);
        assert_int_equal(sc.sim.days, 46);
    }
    /* What follows a header's ']' that is not a comment is still an error. */
    snprintf(text, sizeof text, "[sim] x ; %s\ndays = 46\n", note);
    expect_error(text, "t.ini:1: syntax error: text after the ']' of a section header", NULL);
    /* Without a comment to leave out it is refused, in bytes. */
    snprintf(text, sizeof text, "[sim]\nname = %s\n", note);
    expect_error(text, "t.ini:2: line too long (at most 198 bytes", NULL);
}

static void rejects_bare_carriage_returns(void **state)
{
    (void)state;
    expect_error("[sim]\rdays = 30\r", "t.ini:1: a line ends in a bare carriage return", NULL);
    expect_error("[sim]\r\ndays = 30\r\n; note\r\rreplications = 2\n",
                 "t.ini:3: a line ends in a bare carriage return", NULL);
}

static void negative_zero_is_zero(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    assert_int_equal(load("[scheme]\npenalty_daily_rate = -0\n", &sc, &err), HK_OK);
    assert_true(sc.scheme.penalty_daily_rate == 0 && !signbit(sc.scheme.penalty_daily_rate));
}

/* A number just beyond a bound is out of range, though it rounds to the
 * bound as a double; one just inside is kept (as the bound, rounded). */
static void bounds_are_read_exactly(void **state)
{
    (void)state;
    const char *beyond[][2] = {
        {"firm", "gross_margin = 1.00000000000000001"},
        {"firm", "gross_margin = 100000000000000001e-17"},
        /* the excess past the 63rd significant digit */
        {"firm", "gross_margin = 1.0000000000000000000000000000000000000000000000000000000000000001"},
        {"firm", "gross_margin = -1e-400"},
        {"firm", "gross_margin = -0.00000000000000000000000000000000000000000000000000000000000001"},
        {"reps", "skill_mean = 0.0099999999999999999"},
        {"reps", "skill_mean = 10.000000000000000001"},
        {"collection", "recovery_decay_days = 36500.000000000000001"},
        {"collection", "recovery_decay_days = 0.99999999999999999999"},
    };
    for (size_t i = 0; i < sizeof beyond / sizeof beyond[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "[%s]\n%s\n", beyond[i][0], beyond[i][1]);
        expect_error(text, "t.ini:2: ", "out of range");
    }
    struct scenario sc;
    struct hk_error err;
    const char *on_bound = "[firm]\ngross_margin = 1.000e0\n[reps]\nskill_mean = 0.0100\n"
                           "[collection]\nrecovery_decay_days = 365e2\n"
                           "[scheme]\ncommission_sales = -0.000e5\n";
    assert_int_equal(load(on_bound, &sc, &err), HK_OK);
    assert_true(sc.firm.gross_margin == 1.0 && sc.reps.skill_mean == 0.01);
    assert_true(sc.collection.recovery_decay_days == 36500.0 && sc.scheme.commission_sales == 0);
    const char *inside = "[firm]\ngross_margin = 0.99999999999999999\n"
                         "[reps]\nskill_mean = 0.010000000000000000001\n"
                         "[scheme]\ncommission_sales = 1e-400\n";
    assert_int_equal(load(inside, &sc, &err), HK_OK);
    assert_true(sc.firm.gross_margin == 1.0 && sc.reps.skill_mean == 0.01);
    assert_true(sc.scheme.commission_sales == 0);

    /* The comparison itself, on bounds of several spellings. */
    assert_true(scenario_decimal_within("100", 0, 100));
    assert_true(scenario_decimal_within("00100.000", 0, 100));
    assert_false(scenario_decimal_within("100.0000000000000001", 0, 100));
    assert_true(scenario_decimal_within("-2.5", -2.5, 0));
    assert_false(scenario_decimal_within("-2.50000000000000001", -2.5, 0));
    assert_true(scenario_decimal_within("-2.49999999999999999", -2.5, 0));
    assert_false(scenario_decimal_within("1e999999999999", 0, 1));
    assert_true(scenario_decimal_within("1e-999999999999", 0, 1));
    assert_true(scenario_decimal_within("0e999999999999", 0, 1));
}

static void set_overrides_with_same_checks(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set(&sc, "scheme.penalty_daily_rate=0.0002", &err), HK_OK);
    assert_true(sc.scheme.penalty_daily_rate == 0.0002);
    assert_int_equal(scenario_set(&sc, "segment.strategic.delay_mean_days = 12", &err), HK_OK);
    assert_true(sc.segment[SEG_STRATEGIC].delay_mean_days == 12);

    const char *bad[][2] = {
        {"scheme.penalty_daily_rate=1.3", "out of range"},
        {"scheme.nope=1", "unknown key in [scheme]"},
        {"nosection=1", "not of the form section.key"},
        {"scheme.base_salary", "expected section.key=value"},
        {"sim.days=", "value is empty"},
        {"segment.prompt.share=0.9", "sum to"},
        {"sim.seed=-3", "not a seed"},
        {"bogus.key=3", "unknown section [bogus]"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hk_error_clear(&err);
        scenario_init_defaults(&sc);
        int rc = scenario_set(&sc, bad[i][0], &err);
        if (rc == HK_OK)
            rc = scenario_validate(&sc, "--set", &err);
        assert_int_equal(rc, HK_EINPUT);
        if (!strstr(err.message, bad[i][1]) || !strstr(err.message, "--set"))
            fail_msg("--set %s gave: %s", bad[i][0], err.message);
    }
}

static void written_ini_reloads_identically(void **state)
{
    (void)state;
    struct scenario a, b;
    struct hk_error err;
    assert_int_equal(load("[sim]\nname = x\n[scheme]\npenalty_daily_rate = 0.00012345678901234\n"
                          "base_salary = 1234.56\n[segment.prompt]\nshare = 0.3\n"
                          "[segment.strategic]\nshare = 0.12\n", &a, &err), HK_OK);
    char *buf1 = NULL, *buf2 = NULL;
    size_t n1 = 0, n2 = 0;
    FILE *f = open_memstream(&buf1, &n1);
    scenario_write_ini(&a, f);
    fclose(f);
    assert_int_equal(load(buf1, &b, &err), HK_OK);
    f = open_memstream(&buf2, &n2);
    scenario_write_ini(&b, f);
    fclose(f);
    assert_string_equal(buf1, buf2);
    assert_true(a.scheme.penalty_daily_rate == b.scheme.penalty_daily_rate);
    assert_int_equal(b.scheme.base_salary, 123456);
    /* Rates as the decimals stated, not as their binary expansions. */
    assert_non_null(strstr(buf1, "\ncommission_sales = 0.03\n"));
    assert_non_null(strstr(buf1, "\ngross_margin = 0.3\n"));
    assert_non_null(strstr(buf1, "\nnominal_book = 20\n")); /* not 2e+01 */
    assert_non_null(strstr(buf1, "\nrecovery_decay_days = 90\n"));
    assert_non_null(strstr(buf1, "\npenalty_daily_rate = 0.00012345678901234\n"));
    free(buf1);
    free(buf2);
    /* Each the plain decimal with the fewest decimals that reads back bit
     * for bit, however many that takes (0.1 + 0.2 needs 17). */
    const double rates[] = {0.1 + 0.2, 1.0 / 3.0, 0.000200310561947, 2.5e-9, 1.0, 0.0};
    const char *want[] = {"0.30000000000000004", "0.3333333333333333", "0.000200310561947",
                          "0.0000000025", "1", "0"};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        char text[64];
        a.scheme.penalty_daily_rate = rates[i];
        assert_int_equal(scenario_get_key(&a, "scheme.penalty_daily_rate", text, sizeof text), HK_OK);
        assert_string_equal(text, want[i]);
        assert_true(strtod(text, NULL) == rates[i]);
    }
}

static void missing_and_binary_files(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, "/nonexistent/x.ini", &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "/nonexistent/x.ini: cannot open"));

    char path[] = "/tmp/huikuan-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fwrite("[sim]\n\0\1\2", 1, 9, f);
    fclose(f);
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, path, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, ":2: binary data"));
    remove(path);
}

static void name_defaults_to_file_base_name(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, "scenarios/buy_sell.ini", &err), HK_OK);
    assert_string_equal(sc.name, "buy_sell");
    assert_true(sc.scheme.liability_share == 1.0);
}

static void accepts_layout_variants(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    /* CRLF, a byte order mark, indentation, tabs, blanks inside brackets,
     * "key: value", comments after a header, a section seen twice. */
    assert_int_equal(load("\xef\xbb\xbf[sim]\r\ndays = 30\r\n  seed = 4\r\n", &sc, &err), HK_OK);
    assert_int_equal(sc.sim.days, 30);
    assert_true(sc.sim.seed == 4);
    assert_int_equal(load("  [ scheme ]  ; the scheme\n\tbase_salary\t=\t1.50\t\n"
                          "[sim]\ndays: 40\n[scheme]\ncommission_sales = .5e-1\n", &sc, &err),
                     HK_OK);
    assert_int_equal(sc.scheme.base_salary, 150);
    assert_int_equal(sc.sim.days, 40);
    assert_true(sc.scheme.commission_sales == 0.05);
    assert_int_equal(load("", &sc, &err), HK_OK);
    assert_int_equal(load("\n\n; only comments\n# and blanks\n   \n", &sc, &err), HK_OK);
}

static void rejects_malformed_syntax(void **state)
{
    (void)state;
    /* Regression: an indented key was taken as a continuation of the
     * value above it ("set twice"); a section with no keys was never
     * checked; text after "]" and "[ x ]" blanks were silently dropped
     * or refused. */
    expect_error("[sim]\ndays = 3\n[bogus]\n", "t.ini:3: [bogus]: unknown section", NULL);
    expect_error("[]\ndays = 3\n", "t.ini:1: []: empty section name", NULL);
    expect_error("[sim] days = 3\n", "t.ini:1: syntax error", "after the ']'");
    expect_error("[sim\n", "t.ini:1: syntax error", "without a closing ']'");
    expect_error("[sim]\n= 3\n", "t.ini:2: syntax error", "no key name");
    expect_error("[sim]\nname = x\n  more\n", "t.ini:3: syntax error", "'  more'");
    expect_error("[sim]\ndays = 3\n[scheme]\nbase_salary = 1\n[sim]\ndays = 4\n",
                 "t.ini:6: sim.days: set twice (first on line 2)", NULL);
    expect_error("[sim]\nname = a\x01b\n", "t.ini:2: sim.name", "not a valid name");
}

static void rejects_odd_numbers(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"0x10", "not a number"},      {"0x1p-3", "not a number"}, {".", "not a number"},
        {"1e", "not a number"},        {"--", "not a number"},     {"1.2.3", "not a number"},
        {"1e309", "finite"},           {"-1e309", "finite"},       {"-inf", "finite"},
        {"infinity", "finite"},        {"NaN", "finite"},          {"0.5 0.5", "not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "[scheme]\ncommission_sales = %s\n", bad[i][0]);
        expect_error(text, "t.ini:2: scheme.commission_sales", bad[i][1]);
    }
    expect_error("[sim]\ndays = 0x10\n", "sim.days = 0x10: not an integer", NULL);
    expect_error("[sim]\ndays = 99999999999999999999\n", "not an integer", NULL);
    expect_error("[scheme]\nbase_salary = 1e3\n", "not an amount", NULL);
    expect_error("[scheme]\nbase_salary = 99999999999999999999.00\n", "not an amount", NULL);
}

/* Files that are not regular files are refused at once, never read. */
static void refuses_what_is_not_a_file(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    char dir[] = "/tmp/huikuan-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64], big[64];
    snprintf(fifo, sizeof fifo, "%s/fifo.ini", dir);
    snprintf(big, sizeof big, "%s/big.ini", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, fifo, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "fifo.ini: cannot read scenario: it is a pipe"));
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, dir, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "it is a folder"));

    FILE *f = fopen(big, "w");
    assert_non_null(f);
    for (int i = 0; i < (1 << 20) / 16 + 1; i++)
        fputs(";;;;;;;;;;;;;;;\n", f);
    fclose(f);
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, big, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "big.ini: file too large for a scenario"));
    assert_int_equal(truncate(big, 1 << 20), 0); /* exactly the limit: accepted */
    hk_error_clear(&err);
    assert_int_equal(scenario_load(&sc, big, &err), HK_OK);
    remove(big);
    remove(fifo);
    rmdir(dir);
}

static void overrides_checked_together(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    /* Regression: each --set was checked against the cross-key rules on
     * its own, so two shares could never be moved together. */
    const char *shares[] = {"segment.prompt.share=0.2", "sim.days=40", "segment.strategic.share=0.22"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, shares, 3, &err), HK_OK);
    assert_true(sc.segment[SEG_PROMPT].share == 0.2);
    /* A broken rule is blamed on the last override that touched it. */
    const char *broken[] = {"segment.prompt.share=0.2", "segment.disputed.share=0.1", "sim.days=40"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, broken, 3, &err), HK_EINPUT);
    if (!strstr(err.message, "--set segment.disputed.share=0.1: segment.disputed.share: "
                             "segment shares sum to 0.93"))
        fail_msg("got: %s", err.message);
    /* The effort process needs one account per rep: together, fine. */
    const char *effort[] = {"orders.process=effort", "customers.count=20", "reps.count=20"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, effort, 3, &err), HK_OK);
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, effort, 2, &err), HK_OK); /* 20 reps by default */
    const char *accounts[] = {"orders.process=effort", "reps.count=30"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, accounts, 2, &err), HK_EINPUT);
    if (!strstr(err.message, "--set reps.count=30: orders.process = effort: needs "
                             "customers.count = reps.count"))
        fail_msg("got: %s", err.message);
    const char *big[] = {"customers.count=100000", "orders.amount_mean=1000000000", "sim.name=x"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, big, 3, &err), HK_EINPUT);
    if (!strstr(err.message, "--set orders.amount_mean=1000000000: orders.amount_mean = "
                             "1000000000.00: scenario too large"))
        fail_msg("got: %s", err.message);
    /* markov.states starts a new chain, so it applies first: a state's
     * row given before it is kept, not refused as a row of no chain. */
    const char *chain[] = {"markov.late=paid:0.5,bad_debt:0.5", "markov.current=paid:1",
                           "markov.states=current,late"};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    if (scenario_set_list(&sc, NULL, chain, 3, &err) != HK_OK)
        fail_msg("got: %s", err.message);
    assert_int_equal(sc.markov.states, 2);
}

/* Regression: a valid but huge scenario overflowed the engine's int64
 * sums of receivables over days; such a scale is refused up front. The
 * message names the key that makes it large, not the last one set (200
 * customers are fewer than the default's 400). */
static void refuses_scenarios_too_large_for_cents(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    expect_error("[orders]\namount_mean = 10000000000\nrate_per_month = 30\n"
                 "[customers]\ncount = 200\n",
                 "t.ini:2: orders.amount_mean = 10000000000.00: scenario too large",
                 "at most 9e+15");
    expect_error("[orders]\namount_mean = 10000000\nrate_per_month = 30\n"
                 "[customers]\ncount = 4000000\n",
                 "t.ini:5: customers.count = 4000000: scenario too large",
                 "at most 9e+15");
    /* Just above the limit, the amount shows it (it had read "up to
     * 9e+15 ...; must be at most 9000000000000000"). */
    expect_error("[orders]\namount_mean = 10000000000\namount_sd = 0\nmax_per_customer = 1\n"
                 "[customers]\ncount = 900010\n[segment.overstocked]\npush_factor = 0\n",
                 "up to 9.0001e+15 currency units could be invoiced", "at most 9e+15,");
    /* A rep pushing stock on an overstocked customer (push_factor 1, the
     * default) grows its order up to 1 + 1 x (5 - 1) times: 180,002
     * customers of one order each are as large. */
    expect_error("[orders]\namount_mean = 10000000000\namount_sd = 0\nmax_per_customer = 1\n"
                 "[customers]\ncount = 180002\n",
                 "up to 9.0001e+15 currency units could be invoiced", "at most 9e+15,");
    /* At push_factor 100, 401 times: 1,000 customers over ten years at
     * 100 million an order, 1.2e+14 without the push, are 4.9e+16 with it
     * (orders like these had run past int64: exit 0, sales negative). */
    const char *pushed = "[sim]\ndays = 3650\nwarmup_days = 0\n[orders]\n"
                         "amount_mean = 100000000.00\namount_sd = 0\n[customers]\ncount = 1000\n"
                         "size_sd = 0\n[reps]\nskill_sd = 0\n[segment.overstocked]\n";
    char text[512];
    snprintf(text, sizeof text, "%spush_factor = 0\n", pushed);
    assert_int_equal(load(text, &sc, &err), HK_OK);
    snprintf(text, sizeof text, "%spush_factor = 100\n", pushed);
    expect_error(text, "scenario too large: up to 4.88e+16", "at most 9e+15,");
    /* Under the effort process a rep's output per unit of effort grows
     * with its skill (up to 10 + 3 x 10 here, against 1 at skill 1). */
    const char *effort = "[orders]\nprocess = effort\noutput_per_effort = 1000000000.00\n"
                         "[customers]\ncount = 1000\n[reps]\ncount = 1000\n";
    assert_int_equal(load(effort, &sc, &err), HK_OK);
    snprintf(text, sizeof text, "%sskill_mean = 10\nskill_sd = 10\n", effort);
    expect_error(text, "scenario too large", "at most 9e+15,");
    assert_int_equal(load("[orders]\namount_mean = 10000000000\nmax_per_customer = 1\n"
                          "[customers]\ncount = 10\n", &sc, &err),
                     HK_OK); /* one invoice per customer: fine */
    /* Reps who can hardly sell keep the scale small, unless the orders
     * come anyway (orders.base_demand: up to 20 times as many here); none
     * pushes stock, which grows an order whatever the rep's skill. */
    const char *weak = "[orders]\namount_mean = 10000000\nrate_per_month = 30\n"
                       "[customers]\ncount = 800000\n[reps]\nskill_mean = 0.01\nskill_sd = 0\n"
                       "[segment.overstocked]\npush_factor = 0\n";
    assert_int_equal(load(weak, &sc, &err), HK_OK);
    char anyway[256];
    snprintf(anyway, sizeof anyway, "%s[orders]\nbase_demand = 1\n", weak);
    expect_error(anyway, "scenario too large: up to 2.19e+16 currency units", "at most 9e+15");
    /* No rep sells with a skill below REP_SKILL_MIN (0.05), whatever
     * skill_mean says: five times as many reps' worth at 0.01. */
    expect_error("[orders]\namount_mean = 10000000\nrate_per_month = 30\n[customers]\n"
                 "count = 4000000\n[reps]\nskill_mean = 0.01\nskill_sd = 0\n"
                 "[segment.overstocked]\npush_factor = 0\n",
                 "scenario too large: up to 2.74e+16", "at most 9e+15");
}

/* A chain must read back from run.ini: its list of states is written
 * with ", " between names, so a list that fits a line as given (198
 * bytes with "," alone) may not fit as written; and a value is never cut
 * to fit a buffer (a state's name had been cut short, then called not
 * listed). */
static void markov_chains_fit_run_ini(void **state)
{
    (void)state;
    struct scenario sc;
    struct hk_error err;
    for (int states = 14; states <= 16; states++) {
        char text[4096] = "[customers]\nbehaviour = markov\n[markov]\nstates=";
        for (int k = 0; k < states; k++)
            snprintf(text + strlen(text), sizeof text - strlen(text), "%ss%010d", k ? "," : "",
                     k);
        strcat(text, "\n");
        for (int k = 0; k < states; k++)
            snprintf(text + strlen(text), sizeof text - strlen(text), "s%010d=paid:1\n", k);
        if (states == 14) { /* 189 bytes as written: read back from run.ini */
            assert_int_equal(load(text, &sc, &err), HK_OK);
            char *ini = NULL;
            size_t size = 0;
            FILE *f = open_memstream(&ini, &size);
            scenario_write_ini(&sc, f);
            fclose(f);
            struct scenario again;
            if (load(ini, &again, &err) != HK_OK)
                fail_msg("run.ini of 14 states does not load: %s", err.message);
            assert_int_equal(again.markov.states, 14);
            free(ini);
        } else {
            char want[80];
            snprintf(want, sizeof want, "the list of states takes %d bytes on its line of run.ini",
                     9 + states * 11 + (states - 1) * 2);
            expect_error(text, "t.ini:4: markov.states: ", want);
        }
    }
    /* A row written out wider than its line as given (", " between
     * targets, 0.0625 for .0625), named on its own line. */
    char wide[4096] = "[customers]\nbehaviour = markov\n[markov]\nstates=";
    for (int k = 0; k < 16; k++)
        snprintf(wide + strlen(wide), sizeof wide - strlen(wide), "%sst%02d", k ? "," : "", k);
    strcat(wide, "\nst00=");
    for (int k = 0; k < 16; k++)
        snprintf(wide + strlen(wide), sizeof wide - strlen(wide), "%sst%02d:.0625", k ? "," : "",
                 k);
    for (int k = 1; k < 16; k++)
        snprintf(wide + strlen(wide), sizeof wide - strlen(wide), "\nst%02d=paid:1", k);
    strcat(wide, "\n");
    expect_error(wide, "t.ini:5: markov.st00: the row takes 213 bytes on its line of run.ini",
                 "fewer digits");
    char states[700] = "markov.states=";
    for (int k = 0; k < 40; k++)
        snprintf(states + strlen(states), sizeof states - strlen(states), "%ss%012d", k ? ", " : "",
                 k);
    const char *sets[] = {states};
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    assert_int_equal(scenario_set_list(&sc, NULL, sets, 1, &err), HK_EINPUT);
    if (!strstr(err.message, "markov.states: value is too long (at most 511 bytes)"))
        fail_msg("got: %s", err.message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_valid),
        cmocka_unit_test(markov_chains_fit_run_ini),
        cmocka_unit_test(reads_every_type),
        cmocka_unit_test(rejects_bad_input_naming_line_and_key),
        cmocka_unit_test(rejects_over_long_lines),
        cmocka_unit_test(rejects_bare_carriage_returns),
        cmocka_unit_test(negative_zero_is_zero),
        cmocka_unit_test(accepts_layout_variants),
        cmocka_unit_test(rejects_malformed_syntax),
        cmocka_unit_test(rejects_odd_numbers),
        cmocka_unit_test(bounds_are_read_exactly),
        cmocka_unit_test(refuses_what_is_not_a_file),
        cmocka_unit_test(overrides_checked_together),
        cmocka_unit_test(refuses_scenarios_too_large_for_cents),
        cmocka_unit_test(set_overrides_with_same_checks),
        cmocka_unit_test(written_ini_reloads_identically),
        cmocka_unit_test(missing_and_binary_files),
        cmocka_unit_test(name_defaults_to_file_base_name),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
