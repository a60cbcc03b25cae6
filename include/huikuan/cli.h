/*
 * cli.h — the options every simulating command shares.
 *
 *   -o DIR  -n REPLICATIONS  --seed N  -j THREADS  --set section.key=value
 *   --quiet
 *
 * -n and --seed are overrides of sim.replications and sim.seed and go
 * through the same validation as the scenario file.
 */
#ifndef HUIKUAN_CLI_H
#define HUIKUAN_CLI_H

#include "huikuan/error.h"
#include "huikuan/scenario.h"

#define CLI_MAX_ARGS 256

struct cli_options {
    const char *command;     /* "run", "compare", ... */
    const char *out_dir;     /* NULL: the command's default */
    const char *replications;
    const char *seed;
    const char *sets[CLI_MAX_ARGS];
    int set_count;
    int threads;             /* 0: all cores */
    int quiet;
    const char *positional[CLI_MAX_ARGS];
    int positional_count;
    /* Extra options a command accepts (e.g. "--param"), with values. */
    const char *extra_names[8];
    const char *extra_values[8];
    int extra_count;
    char recorded[8192];     /* result-affecting command line, for run.ini */
};

/* Parses argv[2..]. extra: NULL-terminated list of "--name" options that
 * take a value and that this command accepts besides the shared ones. */
int cli_parse(struct cli_options *o, int argc, char **argv, const char *const *extra,
              struct hk_error *err);

/* The value of an extra option, or NULL. */
const char *cli_extra(const struct cli_options *o, const char *name);

/* Loads a scenario file and applies -n, --seed and every --set in order. */
int cli_load_scenario(const struct cli_options *o, const char *path, struct scenario *sc,
                      struct hk_error *err);

/* For commands that take one existing results folder and --quiet
 * (plot, report): "huikuan CMD DIR [--quiet]". DIR must be a folder. */
int cli_parse_folder(int argc, char **argv, const char **dir, int *quiet,
                     struct hk_error *err);

/* Prints "huikuan: message" on stderr, as one line (control characters
 * shown as \xNN), and returns the exit status for it. */
int cli_report(const struct hk_error *err);

#endif
