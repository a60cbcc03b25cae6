/*
 * cmd_plot.c — `huikuan plot DIR`: draws every chart that fits what DIR
 * holds, as DIR/plots/NAME.png and NAME.svg.
 *
 * gnuplot missing is one message and exit 1 before anything is touched;
 * a failing script, or a chart that comes out incomplete (a full disk),
 * is reported by name, its earlier images are kept and the others are
 * still drawn. The CSV files are only read.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/charts.h"
#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/report.h"

/* A chart's input that is there but cannot be one (empty, a folder) is a
 * damaged folder, not a chart to leave out: left out, its chart's earlier
 * images would stand for results that are gone. */
static int inputs_readable(const char *dir, struct hk_error *err)
{
    for (int i = 0; i < CHART_COUNT; i++) {
        char path[PATH_MAX];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, chart_get(i)->input) >= (int)sizeof path ||
            stat(path, &st) != 0)
            continue;
        if (!S_ISREG(st.st_mode))
            return hk_error_set(err, HK_EINPUT, "%s: not a plain file, so not a results "
                                "table; run the command that made the folder again", path);
        if (st.st_size == 0)
            return hk_error_set(err, HK_EINPUT, "%s: empty, not even a header; run the "
                                "command that made the folder again", path);
    }
    return HK_OK;
}

int cmd_plot(int argc, char **argv)
{
    struct hk_error err;
    hk_error_clear(&err);
    const char *dir;
    int quiet;
    if (cli_parse_folder(argc, argv, &dir, &quiet, &err) != HK_OK)
        return cli_report(&err);
    if (inputs_readable(dir, &err) != HK_OK || charts_check_own(dir, &err) != HK_OK)
        return cli_report(&err);
    int which[CHART_COUNT];
    int n = charts_applicable(dir, which);
    if (cli_unfinished_batch(dir, "plot", &err) != HK_OK)
        return cli_report(&err);
    if (n == 0) {
        hk_error_set(&err, HK_EINPUT, "%s: nothing to plot: no summary.csv, compare.csv, "
                     "sweep.csv, calibrate.csv, aging.csv, reps.csv, monthly.csv or "
                     "collectibility.csv with data in it", dir);
        return cli_report(&err);
    }
    /* A chart drawn from a file cut short or edited out of shape would
     * show what no run produced. */
    struct hk_notice gone;
    hk_notice_clear(&gone);
    if (report_check_written(dir, &gone, &err) != HK_OK ||
        report_check_chart_inputs(dir, which, n, &err) != HK_OK)
        return cli_report(&err);
    cli_print_notice(&gone); /* files huikuan wrote that are gone */
    char gnuplot[PATH_MAX], scripts[PATH_MAX];
    int created;
    if (charts_find_gnuplot(gnuplot, sizeof gnuplot, &err) != HK_OK ||
        charts_find_scripts(argv[0], scripts, sizeof scripts, &err) != HK_OK ||
        charts_prepare_folder(dir, &created, &err) != HK_OK)
        return cli_report(&err);
    charts_sweep_staging(dir);

    int failed = 0;
    char drawn[CHART_COUNT * 24] = "";
    for (int k = 0; k < n; k++) {
        const struct chart *c = chart_get(which[k]);
        hk_error_clear(&err);
        if (charts_render(gnuplot, scripts, dir, c, &err) != HK_OK) {
            cli_report(&err);
            failed++;
            continue;
        }
        snprintf(drawn + strlen(drawn), sizeof drawn - strlen(drawn), "%s%s",
                 drawn[0] ? ", " : "", c->name);
    }
    charts_release_folder(dir, created);
    if (failed) {
        cli_note("%d of %d charts failed; the CSV files in %s are unchanged", failed, n, dir);
        return 1;
    }
    if (!quiet)
        cli_note("charts in %s/plots (.png and .svg): %s", dir, drawn);
    return 0;
}
