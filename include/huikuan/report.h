/*
 * report.h — one self-contained HTML page from a results folder.
 *
 * The page holds the scenarios and their key settings (from run.ini or
 * run-NAME.ini), the headline table with 95 % intervals (summary.csv),
 * tables for paired differences, sweeps and calibrations when the folder
 * has them, every chart as inline SVG, and provenance. It loads nothing:
 * no scripts, no external stylesheets, fonts or images.
 *
 * Scenario i (0-based, summary.csv order) wears charts_colour(i), as in
 * the charts. All text from files is escaped.
 */
#ifndef HUIKUAN_REPORT_H
#define HUIKUAN_REPORT_H

#include <limits.h>
#include <stdio.h>
#include "huikuan/charts.h"
#include "huikuan/error.h"
#include "huikuan/scenario.h"

#define REPORT_MAX_SCENARIOS 256

/* What run.ini's comment lines say about the run that made the folder. */
struct provenance {
    char version[64];   /* "; huikuan 0.1.0" */
    char command[8192]; /* "; command: huikuan compare ..." */
};

/* The scenarios of a folder, in summary.csv order. settings[i] is valid
 * when loaded[i]; otherwise why[i] says why not. */
struct report_scenarios {
    int count;
    int total; /* summary.csv's scenarios: past REPORT_MAX_SCENARIOS, more than count */
    char name[REPORT_MAX_SCENARIOS][64];  /* as the CSV files name it */
    char label[REPORT_MAX_SCENARIOS][192]; /* as the page shows it: the name, or for the value
                                              a calibration chose, "name, calibrated: key = x" */
    int loaded[REPORT_MAX_SCENARIOS];
    struct scenario settings[REPORT_MAX_SCENARIOS];
    char why[REPORT_MAX_SCENARIOS][HK_ERROR_MAX];
    int traced;   /* the folder has its run.ini: settings, command and seed known */
    int headline; /* it has summary.csv */
};

/* A chart for the page: its SVG file, or a note saying why there is none. */
struct report_chart {
    const struct chart *chart;
    char svg[PATH_MAX];
    char note[HK_ERROR_MAX];
    /* Set by report_chart_shown: the PNG the page shows in place of an
     * SVG too large to inline ("" to show the SVG), and that SVG's size. */
    char png[PATH_MAX + 8];
    double svg_bytes;
};

struct report_input {
    const char *dir;
    const char *made_on;       /* e.g. "2025-11-25 14:03 UTC" */
    const char *made_by;       /* the version making the report */
    struct report_chart chart[CHART_COUNT];
    int charts;
};

/* 1 if the page can show rc's chart: its SVG is there, complete, not too
 * large and safe to inline, or too large but its PNG (smaller, complete)
 * can stand in, which rc->png then names; report_write shows what this
 * decided. If not, 0, and unless rc->note already says why (a chart that
 * could not be drawn), it is set to what is wrong with the file. */
int report_chart_shown(struct report_chart *rc);

/* Reads the "; huikuan VERSION" and "; command: ..." lines at the top of
 * an INI file. Missing lines leave the fields empty. HK_EINPUT if the
 * file cannot be read. */
int report_read_provenance(const char *path, struct provenance *p, struct hk_error *err);

/* Finds the scenarios of dir (summary.csv, else run.ini) and loads each
 * one's settings from run-NAME.ini or run.ini. A scenario whose settings
 * cannot be loaded is listed with a reason, not an error. */
int report_find_scenarios(const char *dir, struct report_scenarios *s, struct hk_error *err);

/* Whether the results files plot and report read (each chart's input,
 * and confirmation.csv) are those huikuan wrote, unchanged: where the
 * folder keeps its list of what huikuan wrote (.huikuan-files), one it
 * does not name, or names with other bytes, is refused (HK_EINPUT), as
 * the page and the charts show only what a run computed. Each file is
 * checked once, before anything is read or drawn. A file they read that
 * is there and is no plain file (a FIFO, a link) is refused whatever the
 * folder; files the list names that are gone (but run.ini, whose absence
 * report says in its own words) are said in notice. */
int report_check_written(const char *dir, struct hk_notice *notice, struct hk_error *err);

/* Reads the CSV file each of the charts which[0..count) is drawn from,
 * checked as the report reads its tables (rows as wide as the header,
 * numbers where numbers go, the last line ended): HK_EINPUT naming file
 * and line if one is malformed or cut short, so that no chart is drawn
 * from it. */
int report_check_chart_inputs(const char *dir, const int *which, int count,
                              struct hk_error *err);

/* Writes the page. HK_EINPUT names a malformed CSV file. */
int report_write(FILE *out, const struct report_input *in, struct hk_error *err);

/* ---- report_tables.c: the tables, each a <section> or nothing ---------- */

/* Which key metrics have a row: every one, but an optional one (a cost
 * most firms do without, such as a cash discount) only where some
 * scenario's mean in summary.csv is not 0. report_headline works it out
 * from the table it reads; report_differences shows the same rows (a
 * cost all scenarios pay alike differs by 0, and still has its row). */
enum { REPORT_KEY_ROWS_MAX = 16 };
struct report_key_rows {
    int shown[REPORT_KEY_ROWS_MAX];
};
int report_headline(FILE *out, const char *dir, const struct report_scenarios *s,
                    struct report_key_rows *rows, struct hk_error *err);
int report_differences(FILE *out, const char *dir, const struct report_scenarios *s,
                       const struct report_key_rows *rows, struct hk_error *err);
int report_sweep(FILE *out, const char *dir, struct hk_error *err);
/* made_by: the version in the folder's run.ini ("" if none), which says
 * how that version's calibrate judged its grid. */
int report_calibration(FILE *out, const char *dir, const char *made_by, struct hk_error *err);

/* ---- report_numbers.c: a number as the report writes it ----------------- */

/* A metric's mean and interval as a table cell's content. */
void report_cell(FILE *out, const char *metric, double mean, double low, double high);

#endif
