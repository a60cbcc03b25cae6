/*
 * cmd_run.c — `huikuan run` and `huikuan compare`.
 *
 * Both load and validate every scenario and open the output folder
 * before simulating anything, so bad input fails in milliseconds and
 * leaves nothing behind. compare runs every scenario on one seed (the
 * --seed given, else the first scenario's sim.seed), so replication i
 * of every scenario draws the same random streams (common random
 * numbers), and writes compare.csv: each scenario's difference from the
 * first, paired replication by replication.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/cli.h"
#include "huikuan/compare_table.h"
#include "huikuan/commands.h"
#include "huikuan/output.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"

/* One seed for all: the pairing of compare.csv depends on it. A scenario
 * run on another seed than its file's is said even under --quiet, which
 * silences progress, not warnings. */
static void common_seed(struct cli_options *o, struct scenario *scenarios, int count)
{
    for (int i = 1; i < count; i++) {
        if (scenarios[i].sim.seed == scenarios[0].sim.seed)
            continue;
        cli_note("note: %s sets sim.seed = %llu; compare runs it on %s's seed %llu so that "
                 "differences are paired", o->positional[i],
                 (unsigned long long)scenarios[i].sim.seed, scenarios[0].name,
                 (unsigned long long)scenarios[0].sim.seed);
        scenarios[i].sim.seed = scenarios[0].sim.seed;
    }
}

/* Whether paths a and b name one file (however each is spelt). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Whether --set gives sim.name, which names every scenario alike. */
static int names_all(const struct cli_options *o)
{
    for (int k = 0; k < o->set_count; k++)
        if (scenario_assignment_sets(o->sets[k], "sim.name"))
            return 1;
    return 0;
}

static int simulate(struct cli_options *o, int min_scenarios, int max_scenarios, int compare)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (max_scenarios == 1 && cli_one_scenario(o, &err) != HK_OK)
        return cli_report(&err);
    if (o->positional_count < min_scenarios || o->positional_count > max_scenarios) {
        hk_error_set(&err, HK_EINPUT, "%s: expects at least %d scenario files, got %d",
                     o->command, min_scenarios, o->positional_count);
        return cli_report(&err);
    }
    int count = o->positional_count;
    struct scenario *scenarios = calloc((size_t)count, sizeof *scenarios);
    if (!scenarios) {
        hk_error_set(&err, HK_EIO, "out of memory");
        return cli_report(&err);
    }
    for (int i = 0; i < count && err.status == HK_OK; i++) {
        cli_load_scenario(o, o->positional[i], &scenarios[i], &err);
        for (int j = 0; j < i && err.status == HK_OK; j++)
            if (same_file(o->positional[i], o->positional[j]))
                hk_error_set(&err, HK_EINPUT, "%s: given twice; each scenario is run once (to "
                             "compare a scenario with a variant of itself, copy the file and "
                             "give the copy another sim.name)", o->positional[i]);
            else if (strcmp(scenarios[i].name, scenarios[j].name) == 0 &&
                     names_all(o))
                hk_error_set(&err, HK_EINPUT, "%s --set sim.name=%s: names every scenario "
                             "%s, and each needs a name of its own; set sim.name in the "
                             "files instead", o->command, scenarios[i].name, scenarios[i].name);
            else if (strcmp(scenarios[i].name, scenarios[j].name) == 0)
                hk_error_set(&err, HK_EINPUT,
                             "%s: scenario name '%s' is also the name of %s; give one of "
                             "them another sim.name", o->positional[i], scenarios[i].name,
                             o->positional[j]);
    }
    if (err.status != HK_OK) {
        free(scenarios);
        return cli_report(&err);
    }

    char dir[4096];
    struct output_dir *od =
        cli_output_begin(o, compare ? "compare" : scenarios[0].name, dir, sizeof dir, &err);
    if (!od) {
        free(scenarios);
        return cli_report(&err);
    }
    /* Once the folder is taken: a refusal stays one line. */
    if (compare)
        common_seed(o, scenarios, count);
    for (int i = 0; i < count; i++)
        cli_note_unused_chain(o->positional[i], &scenarios[i]);

    struct run_set set = {0};
    int rc = runner_run(&set, scenarios, count, o->threads, !o->quiet, &err);
    if (rc == HK_OK)
        rc = results_write(od, &set, compare, o->recorded, &err);
    if (rc == HK_OK && compare)
        rc = results_write_compare(od, &set, &err);
    /* The table first, as calibrate prints its summary: if it cannot be
     * printed, the results are not kept either, and the folder keeps
     * what it held. */
    if (rc == HK_OK)
        rc = compare ? compare_table_print(stdout, &set, "scenarios", 1, &err)
                     : compare_table_print_one(stdout, &set, &err);
    int printed;
    rc = cli_keep_if_printed(od, rc, &printed, &err);
    runner_free(&set);
    free(scenarios);
    if (rc != HK_OK)
        return cli_report(&err);
    if (!printed)
        return 1;
    if (!o->quiet)
        cli_note_results(dir);
    return 0;
}

int cmd_run(int argc, char **argv)
{
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, NULL, &err) != HK_OK)
        return cli_report(&err);
    return simulate(&o, 1, 1, 0);
}

int cmd_compare(int argc, char **argv)
{
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, NULL, &err) != HK_OK)
        return cli_report(&err);
    return simulate(&o, 2, CLI_MAX_ARGS, 1); /* one scenario has nothing to compare with */
}

int cmd_keys(int argc, char **argv)
{
    if (argc > 2) {
        struct hk_error err;
        hk_error_clear(&err);
        hk_error_set(&err, HK_EINPUT, "keys: takes no arguments (got '%s')", argv[2]);
        return cli_report(&err);
    }
    scenario_print_keys(stdout);
    return 0;
}
