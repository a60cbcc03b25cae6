/*
 * main.c — command dispatch only. Each command lives in src/cmd_*.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/cli.h"
#include "huikuan/cluster.h"
#include "huikuan/commands.h"
#include "huikuan/datadir.h"
#include "huikuan/results.h"
#include "huikuan/staging_guard.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 2) {
        cli_note("version: takes no arguments; see 'huikuan help'");
        return 2;
    }
    printf("huikuan %s\n", HUIKUAN_VERSION);
    return 0;
}

static void usage(FILE *out);

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    usage(stdout);
    return 0;
}

static const struct command COMMANDS[] = {
    {"run", cmd_run,
     "run SCENARIO.ini [-o DIR] [-n REPLICATIONS] [--seed N] [-j THREADS]\n"
     "                  [--set section.key=value]... [--quiet]"},
    {"compare", cmd_compare, "compare A.ini B.ini ... [same options as run]"},
    {"sweep", cmd_sweep,
     "sweep SCENARIO.ini --param section.key --values FROM:TO:STEPS|v1,v2,...\n"
     "                  [same options as run]"},
    {"calibrate", cmd_calibrate,
     "calibrate SCENARIO.ini --param section.key --range FROM:TO\n"
     "                  (--maximize METRIC | --minimize METRIC | --target 'METRIC=X')\n"
     "                  [--constraint 'METRIC<=X']... [--grid N] [--tol X] [--max-iter N]\n"
     "                  [same options as run]"},
    {"batch", cmd_batch,
     "batch GRID.csv [-o DIR] [--resume] [-n REPLICATIONS] [--seed N] [-j THREADS]\n"
     "                  [--set section.key=value]... [--quiet]"
#ifdef HUIKUAN_MPI
     "   (also under mpirun)"
#else
     "   (under mpirun: handed to the MPI build beside it, make MPI=1)"
#endif
    },
    {"keys", cmd_keys, "keys                every scenario key, its default and range"},
    {"validate", cmd_validate, "validate [-j THREADS]   the engine against closed forms and the seeds' figures"},
    {"bench", cmd_bench, "bench [-o DIR] [quick]  throughput, RNG-only bound, memory, thread speed-up"},
    {"plot", cmd_plot, "plot DIR [--quiet]  charts of a results folder into DIR/plots (gnuplot)"},
    {"report", cmd_report, "report DIR [--quiet]  DIR/report.html: settings, tables, charts, provenance"},
    {"version", cmd_version, "version             this program's version"},
    {"help", cmd_help, "help [COMMAND]      this list, or one command's usage"},
};

static void usage(FILE *out)
{
    fprintf(out, "huikuan %s — Monte Carlo of sales compensation and receivable collection\n\n"
                 "usage:\n", HUIKUAN_VERSION);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  huikuan %s\n", COMMANDS[i].usage);
    fprintf(out, "\n"
                 "Results go to -o DIR, or else under results/: results/NAME for run (NAME\n"
                 "the scenario's), results/compare, results/NAME-sweep, results/NAME-calibrate,\n"
                 "results/GRID-batch, results/bench.\n"
                 "Exit status: 0 ok, 2 bad input (nothing written), 1 failure while running,\n"
                 "3 calibrate chose no value, 4 calibrate's value fails a constraint, or misses\n"
                 "its target, on other replications.\n");
}

static const struct command *command_named(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(name, COMMANDS[i].name) == 0)
            return &COMMANDS[i];
    return NULL;
}

/* "huikuan CMD --help" (or -h): the user asks how, and nothing runs. */
static int asks_for_help(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

static int command_usage(const struct command *c)
{
    printf("usage: huikuan %s\n\n'huikuan help' lists every command and the exit statuses.\n",
           c->usage);
    return 0;
}

/* Set in the environment of the build with MPI a build without it hands
 * a batch over to. */
#define HANDED_OVER "HUIKUAN_HANDED_OVER"
/* make links the build with MPI after the program; one made more than a
 * minute before it is of older sources (a program copied into place by
 * hand a moment after it is not). */
#define STALE_AFTER_S 60

/* Hands a batch under mpirun over to the build with MPI beside this one
 * (execv: no return); returning, it says in why what stood in the way. */
static void hand_over(char **argv, char *why, size_t size)
{
    const char *from = getenv(HANDED_OVER);
    char mpi[PATH_MAX], self[PATH_MAX];
    if (datadir_self(argv[0], self) != 0)
        snprintf(self, sizeof self, "%s", argv[0]);
    struct stat mine, theirs;
    if (from) /* it would hand over again: a loop */
        snprintf(why, size, "%s handed it to this one as the build with MPI, which it is not "
                 "(make MPI=1 again)", from);
    else if (datadir_mpi_program(argv[0], mpi, sizeof mpi) != 0)
        snprintf(why, size, "none is beside this one (build/mpi/huikuan: make MPI=1; then "
                 "make install puts it in PREFIX/libexec/huikuan)");
    else if (stat(self, &mine) == 0 && stat(mpi, &theirs) == 0 &&
             theirs.st_mtime + STALE_AFTER_S < mine.st_mtime)
        snprintf(why, size, "%s is older than this program, built before it: make brings "
                 "it up to date", mpi);
    else {
        setenv(HANDED_OVER, self, 1);
        execv(mpi, argv);
        snprintf(why, size, "%s: cannot start it: %s", mpi, strerror(errno));
    }
}

/* batch, within MPI when this binary has it; under mpirun without it,
 * handed over to the build with MPI beside it, every rank alike, so that
 * `mpirun -n K huikuan batch` works with the huikuan on the PATH. */
static int distributed(int argc, char **argv)
{
    if (!cluster_has_mpi() && cluster_launched_size() > 1) {
        char why[PATH_MAX + 256];
        hand_over(argv, why, sizeof why);
        if (cluster_launched_rank() == 0)
            cli_note("batch under mpirun needs a huikuan built with MPI: %s; this one runs in "
                     "one process", why);
        return 2;
    }
    struct hk_error err;
    hk_error_clear(&err);
    if (cluster_start(&argc, &argv, &err) != HK_OK) {
        return cli_report(&err);
    }
    /* Stopped, a batch leaves no staging folder of the row it was
     * writing (its finished rows stay, for --resume) and says how to go
     * on; after MPI's start, whose own handlers it leaves alone. */
    staging_guard_install();
    int rc = cmd_batch(argc, argv);
    cluster_stop();
    return rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    const struct command *known = command_named(cmd);
    if (known && asks_for_help(argc, argv))
        return command_usage(known);
    /* "huikuan --help run" is "huikuan help run". */
    int asks_help = strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0;
    if (asks_help && argc > 3) {
        cli_note("help: takes one command name (got '%s' after '%s'); see 'huikuan help'",
                 argv[3], argv[2]);
        return 2;
    }
    if (asks_help && argc > 2) {
        const struct command *topic = command_named(argv[2]);
        if (topic)
            return command_usage(topic);
        cli_note("help: no command '%s'; see 'huikuan help'", argv[2]);
        return 2;
    }
    if (strcmp(cmd, "batch") == 0)
        return distributed(argc, argv);
    if (cluster_launched_size() > 1) {
        if (cluster_launched_rank() == 0)
            cli_note("%s runs in one process; of all commands only 'batch' "
                     "spreads its work over MPI ranks (start 'huikuan %s' without mpirun)",
                     cmd, cmd);
        return 2;
    }
    if (known) {
        /* The commands that write one results folder, or draw charts,
         * leave no staging folder behind when stopped (batch: see
         * distributed()). */
        static const char *const guarded[] = {"run", "compare", "sweep", "calibrate", "plot",
                                              "report", "bench", NULL};
        int writes = 0;
        for (int i = 0; guarded[i]; i++)
            if (strcmp(cmd, guarded[i]) == 0) {
                staging_guard_install();
                writes = 1;
            }
        /* A reader that goes away (huikuan sweep ... | head) makes printing
         * the answer fail as a full disk does, for every command that
         * keeps results: said, and the results not kept, where SIGPIPE had
         * killed the command silently with its staging folder left. */
        if (writes)
            signal(SIGPIPE, SIG_IGN);
        return known->run(argc, argv);
    }
    if (strcmp(cmd, "--version") == 0)
        return cmd_version(argc, argv);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    cli_note("unknown command '%s'; see 'huikuan help'", cmd);
    return 2;
}

/* What a command printed on stdout (keys, help, calibrate's answer) is
 * the user's result: if it could not be written (a full disk, a closed
 * pipe), saying nothing and exiting 0 would pass a lost answer off as
 * given. Refusals (2) print nothing there and keep their status. */
static int stdout_written(int rc)
{
    if (cli_stdout_written(NULL) == 0)
        return rc;
    return rc == 2 ? 2 : 1;
}

/* A standard stream the caller closed is opened on /dev/null: otherwise
 * the next file opened (a results CSV) would take its number, and what is
 * printed would land in that file. Writes to a closed stdout then fail
 * as before (stdout_written), as /dev/null opened for reading refuses them.
 * Filled in order, each open takes the lowest free number: fd itself. */
static void fill_closed_standard_streams(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
            open("/dev/null", O_RDONLY);
}

int main(int argc, char **argv)
{
    fill_closed_standard_streams();
    /* A file-size limit (ulimit -f) reached while writing results makes
     * the write fail, as a full disk does: said, and the staging folder
     * removed, where SIGXFSZ had killed the command silently with a CSV
     * cut mid-line left in it. gnuplot inherits the same. */
    signal(SIGXFSZ, SIG_IGN);
    int rc = dispatch(argc, argv);
    if (rc != 0)
        cli_output_root_tidy();
    return stdout_written(rc);
}
