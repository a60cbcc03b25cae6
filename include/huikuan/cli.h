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

struct output_dir;

#define CLI_MAX_ARGS 256
#define CLI_MAX_EXTRA 32

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
    /* Extra options a command accepts (e.g. "--param"), with values, in
     * command-line order (an option may repeat, e.g. --constraint). */
    const char *extra_names[CLI_MAX_EXTRA];
    const char *extra_values[CLI_MAX_EXTRA];
    int extra_count;
    /* Extra value-less flags a command accepts (e.g. "--resume"). They
     * must not change results: they are not recorded in run.ini. */
    const char *flag_names[CLI_MAX_EXTRA];
    int flag_count;
    /* The result-affecting command line, for run.ini, as the shell would
     * take it back (a control character in an argument shown as \xNN,
     * which it would not); one too long to hold ends in CLI_RECORD_CUT. */
    char recorded[8192];
    int recorded_cut;
};

#define CLI_RECORD_CUT " [cut: the command line is longer than 8 KiB]"

/* Parses argv[2..]. extra: NULL-terminated list of "--name" options that
 * take a value and that this command accepts besides the shared ones. */
int cli_parse(struct cli_options *o, int argc, char **argv, const char *const *extra,
              struct hk_error *err);

/* Same, also accepting the value-less flags listed in flags (NULL-terminated). */
int cli_parse_flags(struct cli_options *o, int argc, char **argv, const char *const *extra,
                    const char *const *flags, struct hk_error *err);

/* The shared options, for cli_allow_only(). */
enum { CLI_OUT = 1, CLI_REPLICATIONS = 2, CLI_SEED = 4, CLI_THREADS = 8, CLI_SET = 16,
       CLI_QUIET = 32 };

/* For a command that takes only some of the shared options (validate,
 * bench): refuses any other that was given, so that none is silently
 * ignored. allowed: the CLI_* it takes, or-ed. */
int cli_allow_only(const struct cli_options *o, int allowed, struct hk_error *err);

/* HK_OK if exactly one scenario file was given; else an error naming what
 * was given instead, since a second word is most often an option's value
 * written apart from it ("--set key= 0.1", "--values 0 0.1"). */
int cli_one_scenario(const struct cli_options *o, struct hk_error *err);

/* The value of an extra option (the last one given), or NULL. */
const char *cli_extra(const struct cli_options *o, const char *name);

/* 1 if the flag was given. */
int cli_flag(const struct cli_options *o, const char *name);

/* Refuses an -o folder named like huikuan's temporaries (see
 * output_reserved_name). */
int cli_check_out_dir(const char *out_dir, struct hk_error *err);

/* The results folder: -o if given, else results/default_name (creating
 * results/ if needed). */
int cli_output_path(const struct cli_options *o, const char *default_name, char *buf,
                    size_t size, struct hk_error *err);

/* cli_output_path, and the results folder there begun (output_dir_begin):
 * refused, as bad input, while DIR.unfinished holds a stopped batch into
 * DIR, whose --resume would put the batch's results in the place of
 * these. NULL with err set on failure. */
struct output_dir *cli_output_begin(const struct cli_options *o, const char *default_name,
                                    char *dir, size_t size, struct hk_error *err);

/* After a command that failed: removes results/ if cli_output_path made
 * it and nothing went into it, so a refusal leaves no trace. */
void cli_output_root_tidy(void);

/* Applies -n, --seed and every --set, in that order, to sc (loaded from
 * path), then re-checks the cross-key rules. */
int cli_apply_overrides(const struct cli_options *o, const char *path, struct scenario *sc,
                        struct hk_error *err);

/* cli_apply_overrides() without the rules spanning keys, for a batch
 * grid's rows: see scenario_apply_list(). */
int cli_apply_overrides_unchecked(const struct cli_options *o, struct scenario *sc,
                                  struct hk_error *err);

/* Loads a scenario file and applies -n, --seed and every --set in order. */
int cli_load_scenario(const struct cli_options *o, const char *path, struct scenario *sc,
                      struct hk_error *err);

/* For commands that take one existing results folder and --quiet
 * (plot, report): "huikuan CMD DIR [--quiet]". DIR must be a folder. */
int cli_parse_folder(int argc, char **argv, const char **dir, int *quiet,
                     struct hk_error *err);

/* For plot and report (command): HK_EINPUT saying so if dir holds an
 * unfinished batch (its batch.csv and no summary.csv), whose combined
 * files are whole only once it finishes; HK_OK otherwise. */
int cli_unfinished_batch(const char *dir, const char *command, struct hk_error *err);

/* Prints "huikuan: message" on stderr, as one line (control characters
 * shown as \xNN), and returns the exit status for it. */
int cli_report(const struct hk_error *err);

/* word as a POSIX shell takes it back, quoted where it must be (a quote
 * inside as '\''), with a leading space, into piece; a control character
 * is written \xNN, which no shell reads back (but keeps run.ini's
 * command one comment line). Returns its length, or 0 if it did not fit. */
size_t cli_shell_word(const char *word, char *piece, size_t size);

/* Prints "huikuan: " and the formatted text on stderr, one line as
 * cli_report() prints it: for what a command says besides errors. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The closing note of a command that wrote results into dir: where they
 * are, and the commands that draw their charts and their page. */
void cli_note_results(const char *dir);

/* Notes that the Markov chain a scenario file gives will not run, since
 * its customers.behaviour is not markov. The chain is checked anyway (a
 * batch row or sweep may switch behaviour), so nothing else would say so. */
void cli_note_unused_chain(const char *path, const struct scenario *sc);

/* Flushes stdout. If what was printed could not be written, says so once
 * on stderr ("cannot write to standard output: why", then "; " and
 * consequence if not NULL) and returns -1; later calls return -1 without
 * repeating it. A command calls it before keeping results whose summary
 * it prints, so that a failure to print leaves earlier results as they
 * were; main() calls it last. */
int cli_stdout_written(const char *consequence);

/* Prints notice, if there is one, as a note on stderr. */
void cli_print_notice(const struct hk_notice *notice);

/* After a command printed its answer on stdout: keeps the results in od
 * (output_dir_commit) if rc is HK_OK and what was printed reached stdout,
 * else removes them and the folder keeps what it held. Sets *printed to 0
 * if stdout failed (the command then exits 1; it was said). Returns rc, or
 * the commit's status; prints the commit's notice, if any. */
int cli_keep_if_printed(struct output_dir *od, int rc, int *printed, struct hk_error *err);

#endif
