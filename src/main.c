/*
 * main.c — command dispatch only.
 */
#include <stdio.h>
#include <string.h>

#include "huikuan/commands.h"
#include "huikuan/results.h"

static void usage(FILE *out)
{
    fprintf(out,
            "huikuan %s — Monte Carlo of sales compensation and receivable collection\n"
            "\n"
            "usage:\n"
            "  huikuan run SCENARIO.ini [-o DIR] [-n REPLICATIONS] [--seed N] [-j THREADS]\n"
            "                           [--set section.key=value]... [--quiet]\n"
            "  huikuan compare A.ini B.ini ... [same options]\n"
            "  huikuan keys              every scenario key with its default and range\n"
            "  huikuan version\n"
            "\n"
            "Results go to results/NAME (run) or results/compare unless -o is given.\n"
            "Exit status: 0 ok, 2 bad input (nothing written), 1 failure while running.\n",
            HUIKUAN_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc, argv);
    if (strcmp(cmd, "compare") == 0)
        return cmd_compare(argc, argv);
    if (strcmp(cmd, "keys") == 0)
        return cmd_keys(argc, argv);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("huikuan %s\n", HUIKUAN_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "huikuan: unknown command '%s'; see 'huikuan help'\n", cmd);
    return 2;
}
