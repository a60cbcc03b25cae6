/* test_grid.c — grid files: rows to scenarios, and every kind of bad row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/grid.h"
#include "huikuan/markov.h"
#include "huikuan/output.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/huikuan-grid-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_file("s.ini", "[sim]\nreplications = 2\n\n[scheme]\npenalty_daily_rate = 0.0001\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    output_remove_tree(dir);
    return 0;
}

static struct grid *load(const char *text, struct hk_error *err)
{
    char path[256];
    struct grid *g = NULL;
    write_file("grid.csv", text);
    snprintf(path, sizeof path, "%s/grid.csv", dir);
    hk_error_clear(err);
    grid_load(path, NULL, &g, err);
    return g;
}

static void rows_become_scenarios(void **state)
{
    (void)state;
    struct hk_error err;
    struct grid *g = load("scenario,scheme.penalty_daily_rate,reps.count\n"
                          "s.ini,0.0002,7\n"
                          "\n"
                          "s.ini,,\n", &err);
    if (!g)
        fail_msg("%s", err.message);
    assert_int_equal(grid_rows(g), 2);
    assert_int_equal(grid_line(g, 1), 4);
    struct scenario sc;
    assert_int_equal(grid_scenario(g, 0, &sc, &err), HK_OK);
    assert_string_equal(sc.name, "row-0001");
    assert_true(sc.scheme.penalty_daily_rate == 0.0002);
    assert_int_equal(sc.reps.count, 7);
    assert_int_equal(sc.sim.replications, 2);
    assert_int_equal(grid_scenario(g, 1, &sc, &err), HK_OK);
    assert_string_equal(sc.name, "row-0002");
    assert_true(sc.scheme.penalty_daily_rate == 0.0001); /* empty cell: the file's value */
    size_t len;
    char *index = grid_index_csv(g, &len);
    assert_string_equal(index, "row,line,scenario,scheme.penalty_daily_rate,reps.count\n"
                               "row-0001,2,s.ini,0.0002,7\n"
                               "row-0002,4,s.ini,,\n");
    free(index);
    grid_free(g);
}

static void expect_refusal(const char *text, const char *want)
{
    struct hk_error err;
    struct grid *g = load(text, &err);
    if (g)
        fail_msg("accepted: %s", text);
    assert_int_equal(err.status, HK_EINPUT);
    if (!strstr(err.message, want))
        fail_msg("'%s' lacks '%s'", err.message, want);
    if (!strstr(err.message, "grid.csv"))
        fail_msg("'%s' does not name the grid", err.message);
}

static void bad_grids_name_file_line_and_key(void **state)
{
    (void)state;
    expect_refusal("scenario,scheme.penalty_daily_rate,scheme.bogus\ns.ini,0.1,1\n",
                   "grid.csv:1: column 3: scheme.bogus: unknown key in [scheme]");
    expect_refusal("scenario,scheme.penalty_daily_rate\ns.ini,0.1\ns.ini,-1\n",
                   "grid.csv:3: scheme.penalty_daily_rate = -1: out of range");
    expect_refusal("scenario,scheme.penalty_daily_rate\ns.ini,lots\n",
                   "grid.csv:2: scheme.penalty_daily_rate = lots: not a number");
    expect_refusal("scenario,scheme.penalty_daily_rate,reps.count\ns.ini,0.1,3\ns.ini,0.1\n",
                   "grid.csv:3: 2 fields but the header has 3 (truncated row?)");
    expect_refusal("scenario,reps.count\ns.ini,3,4\n", "grid.csv:2: 3 fields but the header has 2");
    expect_refusal("scenario,reps.count\nnope.ini,3\n",
                   "grid.csv:2: scenario file 'nope.ini' not found");
    /* An absolute path is looked for where it says alone: the message
     * names no folder it was not looked for in. */
    expect_refusal("scenario,reps.count\n/no/such/folder/nope.ini,3\n",
                   "grid.csv:2: scenario file '/no/such/folder/nope.ini' not found");
    struct hk_error absolute;
    assert_null(load("scenario,reps.count\n/no/such/folder/nope.ini,3\n", &absolute));
    assert_null(strstr(absolute.message, "looked"));
    expect_refusal("scenario,reps.count\n,3\n", "grid.csv:2: no scenario file");
    expect_refusal("", "grid.csv: empty grid");
    expect_refusal("scenario,reps.count\n", "grid.csv:1: a header but no rows");
    expect_refusal("scenario,sim.name\ns.ini,x\n", "grid.csv:1: column 2: sim.name");
    expect_refusal("scenario,reps.count,reps.count\ns.ini,1,2\n",
                   "grid.csv:1: column 3: reps.count: also column 2");
    expect_refusal("scenario,reps.count\ns.ini,\"3\n", "grid.csv:2: malformed CSV");
    expect_refusal("scenario,segment.prompt.share\ns.ini,0.9\n",
                   "grid.csv:2: segment.prompt.share: segment shares sum to");
    expect_refusal("scenario,scheme.liability_share,scheme.transfer_price\ns.ini,0.5,0\n",
                   "grid.csv:2: scheme.transfer_price = 0: must be above 0");
    /* A last line without its line end may be a file cut short in its
     * last cell: 20 read as 2. */
    expect_refusal("scenario,reps.count\ns.ini,20\ns.ini,2",
                   "grid.csv:3: the last line has no line end, as a file cut short leaves it");
    /* Cut inside a value (1e for 1e-4), or short of its last cells: the
     * cut is named, not the value or the count of cells. */
    expect_refusal("scenario,scheme.penalty_daily_rate\ns.ini,1e-4\ns.ini,1e",
                   "grid.csv:3: the last line has no line end, as a file cut short leaves it");
    expect_refusal("scenario,scheme.penalty_daily_rate,reps.count\ns.ini,1e-4,3\ns.ini,0.1",
                   "grid.csv:3: the last line has no line end, as a file cut short leaves it");
    /* A bad row before the cut is still named for itself. */
    expect_refusal("scenario,reps.count\ns.ini,lots\ns.ini,2",
                   "grid.csv:2: reps.count = lots: not");
    /* The line named is the file's last, not the last row's. */
    expect_refusal("scenario,reps.count\ns.ini,20\n  ",
                   "grid.csv:3: the last line has no line end, as a file cut short leaves it");
    /* A bad row after a line of blanks is named on its own line. */
    expect_refusal("scenario,reps.count\ns.ini,3\n   \ns.ini,lots\n",
                   "grid.csv:4: reps.count = lots: not");
    struct hk_error err;
    struct grid *g = load("scenario,reps.count\r\ns.ini,20\r\ns.ini,2\r\n", &err);
    if (!g)
        fail_msg("a grid with CRLF line ends: %s", err.message);
    grid_free(g);
}

static void scenario_errors_name_the_grid_line_too(void **state)
{
    (void)state;
    write_file("broken.ini", "[sim]\ndays = forever\n");
    expect_refusal("scenario\ns.ini\nbroken.ini\n", "grid.csv:3: ");
    struct hk_error err;
    assert_null(load("scenario\ns.ini\nbroken.ini\n", &err));
    assert_non_null(strstr(err.message, "broken.ini:2: sim.days = forever: not an integer"));
}

static struct grid *load_with_sets(const char *text, const char *const *sets, int count,
                                   struct hk_error *err)
{
    struct cli_options o = {.command = "batch"};
    for (int i = 0; i < count; i++)
        o.sets[i] = sets[i];
    o.set_count = count;
    char path[256];
    struct grid *g = NULL;
    write_file("grid.csv", text);
    snprintf(path, sizeof path, "%s/grid.csv", dir);
    hk_error_clear(err);
    grid_load(path, &o, &g, err);
    return g;
}

/* A --set is applied before the row's cells, and the rules spanning keys
 * hold for the row as it ends: a share the --set moves and every row's
 * column brings back to a sum of 1 is accepted, and only a row left
 * broken is refused, by its line, naming what broke it. */
static void rows_complete_what_a_set_began(void **state)
{
    (void)state;
    const char *sets[] = {"segment.prompt.share=0.32"};
    struct hk_error err;
    struct grid *g = load_with_sets("scenario,segment.strategic.share\n"
                                    "s.ini,0.10\n"
                                    "s.ini,0.1\n", sets, 1, &err);
    if (!g)
        fail_msg("%s", err.message);
    struct scenario sc;
    assert_int_equal(grid_scenario(g, 1, &sc, &err), HK_OK);
    assert_true(sc.segment[SEG_PROMPT].share == 0.32);
    assert_true(sc.segment[SEG_STRATEGIC].share == 0.1);
    grid_free(g);

    assert_null(load_with_sets("scenario,segment.strategic.share\n"
                               "s.ini,0.10\n"
                               "s.ini,0.12\n", sets, 1, &err));
    if (!strstr(err.message, "/grid.csv:3: segment.strategic.share: segment shares sum to "
                             "1.02; the share keys of all [segment.*] sections must sum to 1"))
        fail_msg("%s", err.message);
    assert_null(load_with_sets("scenario,reps.count\ns.ini,3\n", sets, 1, &err));
    if (!strstr(err.message, "grid.csv:2: --set segment.prompt.share=0.32: "
                             "segment.prompt.share: segment shares sum to 1.02"))
        fail_msg("%s", err.message);
    /* A --set the row's cell replaced is not named for what the cell did:
     * neither for the scale nor for a chain's row. */
    const char *scale[] = {"orders.amount_mean=1000", "customers.count=1000000"};
    assert_null(load_with_sets("scenario,orders.amount_mean\ns.ini,1000000000\n", scale, 2, &err));
    if (!strstr(err.message, "/grid.csv:2: orders.amount_mean = 1000000000.00: scenario too large"))
        fail_msg("%s", err.message);
    const char *chain[] = {"customers.behaviour=markov", "markov.states=current,late",
                           "markov.current=paid:0.5,late:0.5", "markov.late=paid:1"};
    assert_null(load_with_sets("scenario,markov.late\ns.ini,\"paid:0.5,late:0.4\"\n", chain, 4,
                               &err));
    if (!strstr(err.message, "/grid.csv:2: markov.late: probabilities sum to 0.9"))
        fail_msg("%s", err.message);
}

/* markov.states starts a new chain: its column applies first, wherever
 * it stands, so a state's row in an earlier column is kept. */
static void a_chains_states_apply_before_its_rows(void **state)
{
    (void)state;
    struct hk_error err;
    struct grid *g = load("scenario,markov.late,markov.current,markov.states\n"
                          "s.ini,\"paid:0.5,bad_debt:0.5\",\"paid:0.7,late:0.3\",\"current,late\"\n",
                          &err);
    if (!g)
        fail_msg("%s", err.message);
    struct scenario sc;
    assert_int_equal(grid_scenario(g, 0, &sc, &err), HK_OK);
    assert_int_equal(sc.markov.states, 2);
    assert_true(markov_has_state(&sc.markov, "late"));
    grid_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_become_scenarios),
        cmocka_unit_test(bad_grids_name_file_line_and_key),
        cmocka_unit_test(scenario_errors_name_the_grid_line_too),
        cmocka_unit_test(rows_complete_what_a_set_began),
        cmocka_unit_test(a_chains_states_apply_before_its_rows),
    };
    return cmocka_run_group_tests_name("grid", tests, setup, teardown);
}
