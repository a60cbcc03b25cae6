/*
 * cmd_run.c — `huikuan run` and `huikuan compare`.
 *
 * Both load and validate every scenario and open the output folder
 * before simulating anything, so bad input fails in milliseconds and
 * leaves nothing behind. compare runs every scenario on the same seeds
 * (common random numbers) unless a scenario sets its own sim.seed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/output.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"

#define DEFAULT_ROOT "results"

static int simulate(struct cli_options *o, int min_scenarios, int max_scenarios,
                    const char *default_dir)
{
    struct hk_error err;
    hk_error_clear(&err);
    if (o->positional_count < min_scenarios || o->positional_count > max_scenarios) {
        if (max_scenarios == 1)
            hk_error_set(&err, HK_EINPUT, "%s: expects one scenario file, got %d",
                         o->command, o->positional_count);
        else
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
            if (strcmp(scenarios[i].name, scenarios[j].name) == 0)
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
    if (o->out_dir) {
        snprintf(dir, sizeof dir, "%s", o->out_dir);
    } else {
        if (mkdir(DEFAULT_ROOT, 0777) != 0 && errno != EEXIST) {
            hk_error_set(&err, HK_EIO, "%s: cannot create: %s", DEFAULT_ROOT, strerror(errno));
            free(scenarios);
            return cli_report(&err);
        }
        snprintf(dir, sizeof dir, "%s/%s", DEFAULT_ROOT,
                 default_dir ? default_dir : scenarios[0].name);
    }
    struct output_dir *od = output_dir_begin(dir, &err);
    if (!od) {
        free(scenarios);
        return cli_report(&err);
    }

    struct run_set set;
    int rc = runner_run(&set, scenarios, count, o->threads, !o->quiet, &err);
    if (rc == HK_OK)
        rc = results_write(od, &set, o->recorded, &err);
    if (rc == HK_OK)
        rc = output_dir_commit(od, &err);
    else
        output_dir_abort(od);
    runner_free(&set);
    free(scenarios);
    if (rc != HK_OK)
        return cli_report(&err);
    if (!o->quiet)
        fprintf(stderr, "huikuan: results in %s\n", dir);
    return 0;
}

int cmd_run(int argc, char **argv)
{
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, NULL, &err) != HK_OK)
        return cli_report(&err);
    return simulate(&o, 1, 1, NULL);
}

int cmd_compare(int argc, char **argv)
{
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, NULL, &err) != HK_OK)
        return cli_report(&err);
    return simulate(&o, 1, CLI_MAX_ARGS, "compare");
}

int cmd_keys(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    scenario_print_keys(stdout);
    return 0;
}
