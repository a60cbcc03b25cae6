/*
 * cmd_report.c — `huikuan report DIR`: writes DIR/report.html, one
 * self-contained page for the results in DIR.
 *
 * Charts whose SVG is missing or incomplete are drawn first (as `huikuan
 * plot` would). If some cannot be drawn, or an SVG there cannot be
 * inlined, the page is still written, with a note where each missing
 * chart would be, and the exit status is 1: a page that lacks a chart
 * that applies is never reported as a success. The page is written to a
 * temporary file in DIR and renamed into place.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/charts.h"
#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/manifest.h"
#include "huikuan/output.h"
#include "huikuan/report.h"
#include "huikuan/results.h"
#include "huikuan/staging_guard.h"

/* Now in UTC, or SOURCE_DATE_EPOCH for reproducible documents; 0 if it
 * was set to something no date holds (ignored: the date is then now). */
static int made_on(char *buf, size_t size)
{
    int usable = 1;
    time_t t = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;
    if (epoch && epoch[0]) {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        /* Past what a calendar date holds, it is ignored, as one that is
         * not a number is: the date is then now. */
        if (*end == '\0' && v >= 0 && errno == 0 && gmtime_r(&(time_t){(time_t)v}, &tm))
            t = (time_t)v;
        else
            usable = 0;
    }
    if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        snprintf(buf, size, "an unknown date");
    return usable;
}

/* Draws the charts that have no complete SVG yet (one cut short by a
 * full disk is drawn again); a chart that cannot be drawn keeps the
 * reason in its note, and a reason that stops them all (no gnuplot, no
 * usable plots folder) is also copied to shared. */
static void draw_missing(const char *self, const char *dir, struct report_input *in,
                         char *shared, size_t size)
{
    int missing = 0;
    for (int i = 0; i < in->charts; i++)
        missing += !charts_file_complete(in->chart[i].svg);
    if (missing == 0)
        return;
    char gnuplot[PATH_MAX], scripts[PATH_MAX];
    struct hk_error err;
    hk_error_clear(&err);
    int created;
    if (charts_find_gnuplot(gnuplot, sizeof gnuplot, &err) != HK_OK ||
        charts_find_scripts(self, scripts, sizeof scripts, &err) != HK_OK ||
        charts_prepare_folder(dir, &created, &err) != HK_OK) {
        for (int i = 0; i < in->charts; i++)
            if (!charts_file_complete(in->chart[i].svg))
                snprintf(in->chart[i].note, sizeof in->chart[i].note, "%s", err.message);
        snprintf(shared, size, "%s", err.message);
        return;
    }
    for (int i = 0; i < in->charts; i++) {
        struct report_chart *rc = &in->chart[i];
        if (charts_file_complete(rc->svg))
            continue;
        hk_error_clear(&err);
        if (charts_render(gnuplot, scripts, dir, rc->chart, &err) != HK_OK)
            snprintf(rc->note, sizeof rc->note, "%s", err.message);
    }
    charts_release_folder(dir, created);
}

/* Says which charts the page lacks (those not shown[]), and why: a
 * reason shared by several (no gnuplot) once. Returns how many it lacks. */
static int tell_missing(const struct report_input *in, const int *shown, const char *shared)
{
    int missing = 0, for_shared = 0;
    char names[CHART_COUNT * 24] = "";
    for (int i = 0; i < in->charts; i++) {
        const struct report_chart *rc = &in->chart[i];
        if (shown[i])
            continue;
        missing++;
        if (shared[0] && strcmp(rc->note, shared) == 0) {
            for_shared++;
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     names[0] ? ", " : "", rc->chart->name);
        } else {
            cli_note("report.html lacks chart '%s': %s", rc->chart->name, rc->note);
        }
    }
    if (for_shared)
        cli_note("report.html lacks %d chart%s (%s): %s", for_shared,
                 for_shared == 1 ? "" : "s", names, shared);
    return missing;
}

static int write_page(const char *dir, const struct report_input *in, struct hk_error *err)
{
    char base[PATH_MAX], tmp[PATH_MAX + 128], final[PATH_MAX];
    snprintf(final, sizeof final, "%s/report.html", dir);
    snprintf(base, sizeof base, "%s/.report.html", dir);
    output_sweep_abandoned(base, 1); /* a killed report's page */
    /* Stopped while it writes, report removes the page it was writing;
     * a stop as the file is made, or as it goes into place, lands once
     * it is guarded, or in place. */
    staging_guard_hold();
    int fd = output_staging_template(base, tmp, sizeof tmp) == 0 ? mkstemp(tmp) : -1;
    int e = errno;
    if (fd >= 0)
        staging_guard_arm(tmp);
    staging_guard_release();
    if (fd < 0)
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", final, strerror(e));
    FILE *f = fdopen(fd, "w");
    if (!f) {
        e = errno;
        close(fd);
        staging_guard_hold();
        staging_guard_disarm();
        unlink(tmp);
        staging_guard_release();
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", final, strerror(e));
    }
    int rc = report_write(f, in, err);
    int bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (rc == HK_OK && bad)
        rc = hk_error_set(err, HK_EIO, "%s: write failed: %s", final, strerror(errno));
    /* mkstemp makes the file private; a report is as shared as the CSVs. */
    mode_t mask = umask(0);
    umask(mask);
    if (rc == HK_OK && chmod(tmp, 0666 & ~mask) != 0)
        rc = hk_error_set(err, HK_EIO, "%s: cannot write: %s", final, strerror(errno));
    /* The list's lock is waited for before signals are held off: a
     * stop must still land while another command holds it. */
    int lock = rc == HK_OK ? manifest_lock(dir, err) : MANIFEST_NO_LIST;
    if (lock == MANIFEST_LOCK_FAILED)
        rc = err->status;
    staging_guard_hold();
    staging_guard_disarm();
    if (rc == HK_OK && lock >= 0)
        rc = manifest_admit_locked(dir, (const char *[]){"report.html"}, (const char *[]){tmp},
                                   1, err);
    if (rc == HK_OK && rename(tmp, final) != 0)
        rc = hk_error_set(err, HK_EIO, "%s: cannot move into place: %s", final,
                          strerror(errno));
    if (rc != HK_OK)
        unlink(tmp);
    staging_guard_release();
    manifest_unlock(lock);
    return rc;
}

/* Whether the page can go where it goes, checked before any chart is
 * drawn: a folder where report.html goes, or a folder that cannot be
 * written, is bad input, with nothing drawn. */
static int page_writable(const char *dir, struct hk_error *err)
{
    char page[PATH_MAX];
    struct stat st;
    if (snprintf(page, sizeof page, "%s/report.html", dir) >= (int)sizeof page)
        return hk_error_set(err, HK_EINPUT, "%s: path too long", dir);
    if (lstat(page, &st) == 0 && !S_ISREG(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: exists and is not a file; move it away",
                            page);
    /* Where huikuan keeps its list of what it wrote, a page it does not
     * name is the user's. */
    struct manifest *listed;
    int have = manifest_load_checked(dir, &listed, err);
    int users = have == 1 && lstat(page, &st) == 0 && !manifest_lists(listed, "report.html");
    manifest_free(listed);
    if (have < 0)
        return err->status;
    if (users)
        return hk_error_set(err, HK_EINPUT, "%s: huikuan did not write it; refusing to "
                            "overwrite it (move it away)", page);
    if (access(dir, W_OK) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: cannot write: %s", dir, strerror(errno));
    return HK_OK;
}

int cmd_report(int argc, char **argv)
{
    struct hk_error err;
    hk_error_clear(&err);
    const char *dir;
    int quiet;
    if (cli_parse_folder(argc, argv, &dir, &quiet, &err) != HK_OK)
        return cli_report(&err);

    struct report_input *in = calloc(1, sizeof *in);
    if (!in) {
        hk_error_set(&err, HK_EIO, "out of memory");
        return cli_report(&err);
    }
    char date[64];
    if (!made_on(date, sizeof date))
        cli_note("note: SOURCE_DATE_EPOCH=%s is not seconds since 1970 that a date holds: "
                 "the page is dated now", getenv("SOURCE_DATE_EPOCH"));
    in->dir = dir;
    in->made_on = date;
    in->made_by = HUIKUAN_VERSION;
    int which[CHART_COUNT];
    in->charts = charts_applicable(dir, which);
    if (cli_unfinished_batch(dir, "report", &err) != HK_OK) {
        free(in);
        return cli_report(&err);
    }
    if (in->charts == 0) {
        free(in);
        hk_error_set(&err, HK_EINPUT, "%s: nothing to report: no summary.csv, compare.csv, "
                     "sweep.csv, calibrate.csv, aging.csv, reps.csv, monthly.csv or "
                     "collectibility.csv with data in it", dir);
        return cli_report(&err);
    }
    for (int i = 0; i < in->charts; i++) {
        in->chart[i].chart = chart_get(which[i]);
        snprintf(in->chart[i].svg, sizeof in->chart[i].svg, "%s/plots/%s.svg", dir,
                 in->chart[i].chart->name);
    }
    /* Read every file the page needs before drawing anything: a malformed
     * one is refused with nothing written. */
    struct hk_notice gone; /* said once the page is written */
    hk_notice_clear(&gone);
    int rc = report_check_written(dir, &gone, &err);
    if (rc == HK_OK)
        rc = report_check_chart_inputs(dir, which, in->charts, &err);
    if (rc == HK_OK)
        rc = charts_check_own(dir, &err);
    FILE *nowhere = rc == HK_OK ? fopen("/dev/null", "w") : NULL;
    if (nowhere)
        rc = report_write(nowhere, in, &err);
    if (nowhere)
        fclose(nowhere);
    if (rc != HK_OK) {
        free(in);
        return cli_report(&err);
    }
    if (page_writable(dir, &err) != HK_OK) {
        free(in);
        return cli_report(&err);
    }
    char shared[HK_ERROR_MAX] = "";
    draw_missing(argv[0], dir, in, shared, sizeof shared);
    charts_sweep_staging(dir);
    int shown[CHART_COUNT];
    for (int i = 0; i < in->charts; i++)
        shown[i] = report_chart_shown(&in->chart[i]); /* its note, if not, for the page */
    rc = write_page(dir, in, &err);
    if (rc != HK_OK) {
        free(in);
        return cli_report(&err);
    }
    int missing = tell_missing(in, shown, shared);
    cli_print_notice(&gone);
    char run_ini[PATH_MAX];
    if (snprintf(run_ini, sizeof run_ini, "%s/run.ini", dir) < (int)sizeof run_ini &&
        access(run_ini, F_OK) != 0)
        cli_note("note: %s has no run.ini: the page says its numbers cannot be traced to "
                 "settings, command or seed", dir);
    free(in);
    if (!quiet || missing)
        cli_note("report in %s/report.html%s", dir, missing ? " (incomplete: see above)" : "");
    return missing ? 1 : 0;
}
