/*
 * report.c — the report page: head and style, the scenarios it shows,
 * charts inlined as SVG, provenance. The tables are in report_tables.c,
 * the settings in report_settings.c.
 *
 * Invariant: everything the page shows comes from the results folder
 * (or from report_input); every string from a file is escaped; the page
 * references nothing outside itself.
 */
#include "huikuan/report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/charts.h"
#include "huikuan/csvread.h"
#include "huikuan/html.h"
#include "huikuan/manifest.h"
#include "huikuan/textfile.h"
#include "report_internal.h"

#define SVG_MAX_BYTES (32L << 20)
/* Past this an SVG is left out for its PNG: a page of tens of MiB of
 * SVG (thousands of scenarios' boxes or lines) takes a browser minutes to open. */
#define SVG_INLINE_BYTES (4L << 20)
#define PNG_MAX_BYTES (32L << 20)

int report_read_provenance(const char *path, struct provenance *p, struct hk_error *err)
{
    memset(p, 0, sizeof *p);
    const char *why;
    FILE *f = textfile_open(path, &why);
    if (!f)
        return hk_error_set(err, HK_EINPUT, "%s: cannot open: %s", path, why);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (line[0] != ';' && line[0] != '#') {
            if (n == 0)
                continue;
            break; /* provenance is the comment block at the top */
        }
        const char *text = line + 1 + strspn(line + 1, " \t");
        if (strncmp(text, "huikuan ", 8) == 0 && !p->version[0])
            snprintf(p->version, sizeof p->version, "%s", text + 8);
        else if (strncmp(text, "command: ", 9) == 0 && !p->command[0])
            snprintf(p->command, sizeof p->command, "%s", text + 9);
    }
    free(line);
    fclose(f);
    return HK_OK;
}

static int exists(const char *path)
{
    FILE *f = textfile_open(path, NULL);
    if (f)
        fclose(f);
    return f != NULL;
}

/* Whether anything is at path, of whatever kind. */
static int there(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static int is_folder(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add_scenario(struct report_scenarios *s, const char *name)
{
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->name[i], name) == 0)
            return 0;
    if (s->count == REPORT_MAX_SCENARIOS)
        return -1;
    snprintf(s->name[s->count], sizeof s->name[0], "%s", name);
    snprintf(s->label[s->count], sizeof s->label[0], "%s", name);
    s->count++;
    return 0;
}

/* A calibrate folder's results are a run at the value it chose, under
 * the preset's name: label that scenario "name, calibrated: key = x"
 * (from calibrate.csv's chosen row), so no reader takes it for the
 * preset's own value. A malformed calibrate.csv is left to the
 * calibration table, which refuses it. */
static void label_calibrated(const char *dir, struct report_scenarios *s)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/calibrate.csv", dir);
    struct csv_table *t;
    struct hk_error ignored;
    if (s->count != 1 || !exists(path) || csv_table_read(path, 256L << 20, &t, &ignored) != HK_OK)
        return;
    int c_param = csv_table_column(t, "param"), c_value = csv_table_column(t, "value");
    int c_chosen = csv_table_column(t, "chosen");
    for (int r = 1; c_param >= 0 && c_value >= 0 && c_chosen >= 0 && r < t->rows; r++) {
        const struct csv_record *row = &t->row[r];
        if (row->fields > c_chosen && row->fields > c_value && row->fields > c_param &&
            strcmp(row->field[c_chosen], "1") == 0) {
            snprintf(s->label[0], sizeof s->label[0], "%s, calibrated: %s = %s", s->name[0],
                     row->field[c_param], row->field[c_value]);
            break;
        }
    }
    csv_table_free(t);
}

/* Whether an INI file has a section, so holds settings: a compare's
 * run.ini holds only comments (each scenario is in its run-NAME.ini),
 * but one with settings that do not load is malformed, and refused
 * rather than shown as "n/a". */
static int holds_settings(const char *path)
{
    FILE *f = textfile_open(path, NULL);
    if (!f)
        return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        const char *p = line + strspn(line, " \t");
        found = *p == '[';
    }
    fclose(f);
    return found;
}

/* Settings the page shows must be those behind its numbers: a file the
 * folder's list of what huikuan wrote names with other bytes was edited
 * since the run, and is refused. */
static int settings_unchanged(const char *path, struct hk_error *err)
{
    if (manifest_changed(path))
        return hk_error_set(err, HK_EINPUT, "%s: changed since huikuan wrote it (%s lists "
                            "other bytes for it), so it may not hold the settings behind these "
                            "results; restore it, or run again", path, MANIFEST_NAME);
    return HK_OK;
}

/* A run.ini there must be the one huikuan wrote, first line "; huikuan
 * VERSION" (every command writes it so): one replaced or cut to nothing
 * would leave the page unable to say where its numbers come from, and
 * is refused. A folder without one (only a sweep.csv kept, say) is
 * reported, and the page says its numbers cannot be traced. */
static int check_run_ini(const char *run_ini, struct hk_error *err)
{
    const char *why;
    FILE *f = textfile_open(run_ini, &why);
    if (!f)
        return errno == ENOENT ? HK_OK
                               : hk_error_set(err, HK_EINPUT, "%s: cannot read: %s", run_ini, why);
    char line[64] = "";
    int ours = fgets(line, sizeof line, f) && strncmp(line, "; huikuan ", 10) == 0;
    fclose(f);
    if (!ours)
        return hk_error_set(err, HK_EINPUT, "%s:1: not the run.ini huikuan wrote (its first "
                            "line is not '; huikuan VERSION'); restore it, or run again", run_ini);
    return settings_unchanged(run_ini, err);
}

int report_find_scenarios(const char *dir, struct report_scenarios *s, struct hk_error *err)
{
    s->count = s->total = 0;
    char path[PATH_MAX], run_ini[PATH_MAX];
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    snprintf(run_ini, sizeof run_ini, "%s/run.ini", dir);
    if (check_run_ini(run_ini, err) != HK_OK)
        return err->status;
    s->traced = exists(run_ini);
    s->headline = exists(path);
    if (s->headline) {
        struct csv_table *t;
        if (csv_table_read(path, 256L << 20, &t, err) != HK_OK)
            return err->status;
        int c = csv_table_column(t, "scenario");
        /* Past the page's room, a scenario's rows still lie together:
         * count the rest where the name changes. */
        const char *last = NULL;
        for (int r = 1; c >= 0 && r < t->rows; r++) {
            if (c >= t->row[r].fields)
                continue;
            const char *name = t->row[r].field[c];
            if (s->count < REPORT_MAX_SCENARIOS)
                add_scenario(s, name);
            else if (!last || strcmp(last, name) != 0)
                s->total++;
            last = name;
        }
        s->total += s->count;
        csv_table_free(t);
        if (c < 0)
            return hk_error_set(err, HK_EINPUT, "%s:1: no column 'scenario' in the header", path);
    }
    struct hk_error ignored;
    char rows[PATH_MAX];
    snprintf(rows, sizeof rows, "%s/rows", dir);
    int batch = is_folder(rows);
    int record_only = s->traced && !holds_settings(run_ini); /* a compare's, a sweep's */
    for (int i = 0; i < s->count; i++) {
        char own[PATH_MAX], row[PATH_MAX];
        snprintf(own, sizeof own, "%s/run-%s.ini", dir, s->name[i]);
        /* A batch keeps each row's settings in its own results folder. */
        snprintf(row, sizeof row, "%s/rows/%s/run.ini", dir, s->name[i]);
        const char *from = there(own) ? own : there(row) ? row : run_ini;
        /* A scenario's settings that huikuan wrote and are gone leave its
         * numbers without the settings behind them, as an edit does. */
        if (from == run_ini && (batch || manifest_names_file(own)))
            return hk_error_set(err, HK_EINPUT, "%s: gone, though huikuan wrote it, so the page "
                                "cannot say what settings made %s's numbers; restore it, or "
                                "run again", batch ? row : own, s->name[i]);
        const char *why;
        FILE *readable = from != run_ini ? textfile_open(from, &why) : NULL;
        if (from != run_ini && !readable)
            return hk_error_set(err, HK_EINPUT, "%s: cannot read: %s", from, why);
        if (readable)
            fclose(readable);
        if (from != run_ini && settings_unchanged(from, err) != HK_OK)
            return err->status; /* run.ini was checked above */
        hk_error_clear(&ignored);
        if (from == run_ini && record_only) {
            s->loaded[i] = 0;
            snprintf(s->why[i], sizeof s->why[i], "no run-%s.ini for it", s->name[i]);
            continue;
        }
        int loaded = scenario_load(&s->settings[i], from, &ignored) == HK_OK;
        if (!loaded && holds_settings(from))
            return hk_error_set(err, HK_EINPUT, "%s", ignored.message);
        s->loaded[i] = loaded && strcmp(s->settings[i].name, s->name[i]) == 0;
        if (!s->loaded[i])
            snprintf(s->why[i], sizeof s->why[i], "%s",
                     ignored.status ? ignored.message : "no run-NAME.ini or run.ini for it");
    }
    /* No summary (a calibration that chose nothing, say): the folder's
     * one scenario is in run.ini, if anywhere. */
    if (s->count == 0 && s->traced) {
        hk_error_clear(&ignored);
        if (scenario_load(&s->settings[0], run_ini, &ignored) == HK_OK) {
            snprintf(s->name[0], sizeof s->name[0], "%s", s->settings[0].name);
            snprintf(s->label[0], sizeof s->label[0], "%s", s->settings[0].name);
            s->loaded[0] = 1;
            s->count = 1;
        }
    }
    label_calibrated(dir, s);
    return HK_OK;
}

static int all_loaded(const struct report_scenarios *s)
{
    for (int i = 0; i < s->count; i++)
        if (!s->loaded[i])
            return 0;
    return 1;
}

/* Common random numbers hold only when every scenario ran on the same
 * seed (replication r of each then draws the same customers, orders
 * and payments); a batch's rows, say, may each have their own. */
static int share_random_numbers(const struct report_scenarios *s)
{
    if (!all_loaded(s))
        return 0;
    for (int i = 1; i < s->count; i++)
        if (s->settings[i].sim.seed != s->settings[0].sim.seed)
            return 0;
    return 1;
}

/* ---- charts and provenance ----------------------------------------------- */

/* Reads chart file path whole (textfile_read: a regular file only, so a
 * FIFO does not block) into *buf, its length into *n. *buf is NULL if
 * path cannot be read, is empty, or is larger than max; HK_EIO only if
 * memory runs out. */
static int read_whole(const char *path, long max, char **buf, size_t *n, struct hk_error *err)
{
    struct hk_error why;
    hk_error_clear(&why);
    long length = 0;
    int rc = textfile_read(path, "chart", max, buf, &length, &why);
    if (rc == HK_EIO)
        return hk_error_set(err, HK_EIO, "%s", why.message);
    if (rc != HK_OK || length == 0) {
        free(*buf);
        *buf = NULL;
        length = 0;
    }
    *n = (size_t)length;
    return HK_OK;
}

static int read_svg(const char *path, char **buf, size_t *n, struct hk_error *err)
{
    return read_whole(path, SVG_MAX_BYTES, buf, n, err);
}

/* 1 if rc's SVG is too large to inline well and its PNG, complete and
 * smaller, is to be shown instead: png is then its path, and bytes the
 * SVG's size. */
static int png_instead(const struct report_chart *rc, char *png, size_t size, double *bytes)
{
    struct stat svg, img;
    size_t len = strlen(rc->svg);
    if (len < 4 || strcmp(rc->svg + len - 4, ".svg") != 0 || stat(rc->svg, &svg) != 0 ||
        svg.st_size <= SVG_INLINE_BYTES)
        return 0;
    if (snprintf(png, size, "%.*s.png", (int)(len - 4), rc->svg) >= (int)size ||
        stat(png, &img) != 0 || !S_ISREG(img.st_mode) || img.st_size > PNG_MAX_BYTES ||
        img.st_size >= svg.st_size || !charts_file_complete(png))
        return 0;
    *bytes = (double)svg.st_size;
    return 1;
}

int report_chart_shown(struct report_chart *rc)
{
    const char *why = NULL;
    size_t n;
    char *buf = NULL;
    struct hk_error err;
    hk_error_clear(&err);
    if (png_instead(rc, rc->png, sizeof rc->png, &rc->svg_bytes))
        return 1;
    rc->png[0] = '\0';
    if (access(rc->svg, R_OK) != 0)
        why = "missing or unreadable";
    else if (!charts_file_complete(rc->svg))
        why = "incomplete (no closing </svg>)";
    else if (read_svg(rc->svg, &buf, &n, &err) != HK_OK)
        why = "out of memory reading it";
    else if (!buf) {
        struct stat st;
        why = stat(rc->svg, &st) == 0 && st.st_size > SVG_MAX_BYTES
                  ? "larger than 32 MiB, too large to inline"
                  : "cannot be read";
    }
    else if (!html_svg_inlinable(buf, n))
        why = "not an SVG a self-contained page can inline (a script, an event handler or "
              "an external reference)";
    free(buf);
    if (why && !rc->note[0])
        snprintf(rc->note, sizeof rc->note, "plots/%s.svg: %s", rc->chart->name, why);
    return why == NULL;
}

static int write_chart(FILE *out, const struct report_chart *rc, struct hk_error *err)
{
    const struct chart *c = rc->chart;
    fprintf(out, "<figure class=\"chart\" id=\"chart-%s\">\n<figcaption><strong>", c->name);
    html_escape(out, c->title);
    fputs(".</strong> ", out);
    html_escape(out, c->caption);
    fputs("</figcaption>\n", out);
    int shown = 0;
    size_t n;
    char *buf = NULL;
    char size[48];
    if (rc->png[0]) {
        if (read_whole(rc->png, PNG_MAX_BYTES, &buf, &n, err) != HK_OK)
            return err->status;
        if (buf && html_png_inline(out, (const unsigned char *)buf, n, c->title) == 0) {
            fprintf(out, "<p class=\"small\">Drawn from plots/%s.png: plots/%s.svg, %s bytes, "
                         "is over the page's 4&nbsp;MiB for a chart.</p>", c->name, c->name,
                    html_number(rc->svg_bytes, 0, size, sizeof size));
            free(buf);
            fputs("\n</figure>\n", out);
            return HK_OK;
        }
        free(buf);
        buf = NULL;
    }
    if (rc->svg[0] && read_svg(rc->svg, &buf, &n, err) != HK_OK)
        return err->status;
    if (buf) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "c-%s", c->name);
        shown = html_svg_inline(out, buf, n, prefix, c->title) == 0;
        free(buf);
    }
    if (!shown) {
        fputs("<p class=\"missing\">Chart not available: ", out);
        html_escape(out, rc->note[0] ? rc->note : "its SVG file is missing or unreadable");
        fputs("</p>", out);
    }
    fputs("\n</figure>\n", out);
    return HK_OK;
}

/* The folder's run.ini's version and command, empty where it has none. */
static void read_folder_provenance(const char *dir, struct provenance *p)
{
    char path[PATH_MAX];
    struct hk_error ignored;
    hk_error_clear(&ignored);
    snprintf(path, sizeof path, "%s/run.ini", dir);
    if (report_read_provenance(path, p, &ignored) != HK_OK)
        memset(p, 0, sizeof *p);
}

static void write_provenance(FILE *out, const struct report_input *in, const char *resolved,
                             const struct report_scenarios *s, const struct provenance *p)
{
    fputs("<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl>\n"
          "<dt>Results made by</dt><dd>", out);
    html_escape(out, p->version[0] ? "huikuan " : "unknown (no run.ini)");
    html_escape(out, p->version);
    fputs("</dd>\n<dt>Command</dt><dd><code>", out);
    html_escape(out, p->command[0] ? p->command : "unknown");
    fputs("</code></dd>\n<dt>Seed</dt><dd>", out);
    int shown = 0;
    for (int i = 0; i < s->count; i++) {
        if (!s->loaded[i])
            continue;
        int repeat = 0;
        for (int j = 0; j < i && !repeat; j++)
            repeat = s->loaded[j] && s->settings[j].sim.seed == s->settings[i].sim.seed;
        if (!repeat)
            fprintf(out, "%s%llu", shown++ ? ", " : "",
                    (unsigned long long)s->settings[i].sim.seed);
    }
    fputs(shown > 1 ? " (scenarios differ)" : shown ? "" : "unknown", out);
    fputs("</dd>\n<dt>Results folder</dt><dd><code>", out);
    html_escape(out, in->dir);
    fputs("</code></dd>\n<dt>Report made</dt><dd>", out);
    html_escape(out, in->made_on);
    fputs(" by huikuan ", out);
    html_escape(out, in->made_by);
    if (s->traced && strcmp(p->version, in->made_by) != 0) {
        /* Results of another version: its command and seed give them
         * back, this version's may differ. */
        fputs("</dd>\n</dl>\n<p class=\"note\">The same command and seed reproduce every number "
              "in this report with the huikuan that made them (", out);
        html_escape(out, p->version);
        fputs("); this is huikuan ", out);
        html_escape(out, in->made_by);
        fprintf(out, ", whose results may differ (README: Changes to results). The resolved "
                "scenarios are in the folder's %s.</p>\n</section>\n", resolved);
    } else if (s->traced)
        fprintf(out, "</dd>\n</dl>\n<p>The same command and seed reproduce every number in this "
                "report; the resolved scenarios are in the folder's %s.</p>\n</section>\n",
                resolved);
    else
        fputs("</dd>\n</dl>\n<p class=\"note\">This folder has no run.ini: which settings, "
              "command and seed these numbers come from is not known, and they cannot be "
              "reproduced from it.</p>\n</section>\n", out);
}

static const char STYLE[] =
    "body{font:15px/1.45 'DejaVu Sans',system-ui,sans-serif;color:#222;background:#fff;"
    "margin:0 auto;max-width:1180px;padding:1.5em 2em 4em}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.8em 0 .5em;"
    "border-bottom:2px solid #0072B2;padding-bottom:.2em}"
    "p.lede{font-size:1.05em;color:#444}nav a{margin-right:1em;color:#0072B2}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5em 0;font-size:.93em}"
    "th,td{border:1px solid #d5d5d5;padding:.35em .6em;vertical-align:top}"
    "thead th{background:#f3f5f7;text-align:center;white-space:nowrap}"
    "tbody th{text-align:left;background:#fafafa;font-weight:600}"
    "td{text-align:right;white-space:nowrap}tr.words td{text-align:left;white-space:normal;"
    "min-width:12em}"
    ".unit{display:block;font-weight:400;font-size:.82em;color:#666}"
    ".v{display:block}.ci{display:block;font-size:.82em;color:#666}"
    "td.resolved .v{font-weight:700}tr.chosen{background:#fff7d6}"
    ".swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;"
    "margin-right:.4em;vertical-align:-.1em;border:1px solid rgba(0,0,0,.25)}"
    "figure.chart{margin:1.2em 0 2em;padding:.8em;border:1px solid #e2e2e2;border-radius:4px}"
    "figure.chart svg,figure.chart img{display:block;width:100%;height:auto;max-width:1100px;margin:0 auto}"
    "figcaption{font-size:.92em;color:#333;margin-bottom:.6em}"
    "p.missing,p.note{color:#8a1f11;background:#fdecea;padding:.6em;border-radius:3px}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1.2em}"
    "p.small{font-size:.85em;color:#555}dt{font-weight:600}dd{margin:0}code{font-size:.9em;word-break:break-all}"
    "@media print{figure.chart{break-inside:avoid}nav{display:none}}";

int report_write(FILE *out, const struct report_input *in, struct hk_error *err)
{
    struct report_scenarios *s = calloc(1, sizeof *s);
    if (!s)
        return hk_error_set(err, HK_EIO, "out of memory");
    int rc = report_find_scenarios(in->dir, s, err);
    if (rc != HK_OK) {
        free(s);
        return rc;
    }
    struct provenance made;
    read_folder_provenance(in->dir, &made);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>huikuan report: ", out);
    for (int i = 0; i < s->count; i++) {
        fputs(i ? ", " : "", out);
        html_escape(out, s->label[i]);
    }
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
            "<h1>Sales compensation and collection: simulation report</h1>\n"
            "<p class=\"lede\">", STYLE);
    /* Scenarios sized unlike the first, and the keys of the first of them. */
    char sizing[160] = "";
    int unlike = 0, first_unlike = 0;
    int crn = s->count > 1 && share_random_numbers(s);
    for (int i = 1; crn && i < s->count; i++)
        if (scenario_population_differences(&s->settings[0], &s->settings[i], NULL, 0) > 0 &&
            unlike++ == 0)
            first_unlike = i;
    if (unlike)
        scenario_population_differences(&s->settings[0], &s->settings[first_unlike], sizing,
                                        sizeof sizing);
    if (crn && !unlike) {
        fprintf(out, "%d scenarios compared on the same customers, orders and payment draws "
                "(common random numbers). ", s->count);
    } else if (crn) {
        fprintf(out, "%d scenarios on common random numbers: in each replication a customer "
                "draws the same numbers in every scenario. But ", s->count);
        html_escape(out, s->label[first_unlike]);
        if (unlike > 1)
            fprintf(out, " (and %d more)", unlike - 1);
        fputs(" differs from ", out);
        html_escape(out, s->label[0]);
        fputs(" in ", out);
        html_escape(out, sizing);
        fputs(": its replications are not paired like for like, so differences from it "
              "include the effect of those settings. ", out);
    } else if (s->count > 1)
        fprintf(out, "%d scenarios%s: differences between them include chance as well as "
                "their settings. ", s->count, all_loaded(s) ? " on different seeds"
                : " whose seeds are not all known");
    if (s->total > s->count)
        fprintf(out, "<strong>This page shows the first %d of the %d scenarios</strong>; "
                "summary.csv and the other CSV files hold them all. ", s->count, s->total);
    fputs("Every figure is a mean over Monte Carlo replications with its 95&nbsp;% "
          "confidence interval. Money is in currency units; rates are shares.</p>\n", out);
    const char *resolved = report_resolved_files(in->dir);
    /* The tables go first to memory, so that the page's links name the
     * sections it has: a comparison's differences, a sweep, a
     * calibration's chosen value are what a reader looks for first. */
    char *tables = NULL;
    size_t length = 0;
    FILE *mem = open_memstream(&tables, &length);
    if (!mem) {
        free(s);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    report_write_settings(mem, s, resolved);
    long before[3], after[3];
    struct report_key_rows rows;
    if (rc == HK_OK)
        rc = report_headline(mem, in->dir, s, &rows, err);
    before[0] = ftell(mem);
    if (rc == HK_OK)
        rc = report_differences(mem, in->dir, s, &rows, err);
    after[0] = before[1] = ftell(mem);
    if (rc == HK_OK)
        rc = report_sweep(mem, in->dir, err);
    after[1] = before[2] = ftell(mem);
    if (rc == HK_OK)
        rc = report_calibration(mem, in->dir, made.version, err);
    after[2] = ftell(mem);
    if (fclose(mem) != 0 && rc == HK_OK)
        rc = hk_error_set(err, HK_EIO, "out of memory");
    fprintf(out, "<nav><a href=\"#scenarios\">Scenarios</a>%s%s%s%s"
            "<a href=\"#charts\">Charts</a><a href=\"#provenance\">Provenance</a></nav>\n"
            "</header>\n<main>\n",
            s->headline ? "<a href=\"#headline\">Headline results</a>" : "",
            after[0] > before[0] ? "<a href=\"#differences\">Paired differences</a>" : "",
            after[1] > before[1] ? "<a href=\"#sweep\">Sweep</a>" : "",
            after[2] > before[2] ? "<a href=\"#calibration\">Calibration</a>" : "");
    if (rc == HK_OK && length > 0)
        fwrite(tables, 1, length, out);
    free(tables);
    if (rc == HK_OK) {
        fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", out);
        if (in->charts == 0)
            fputs("<p class=\"note\">No chart fits the files in this folder.</p>\n", out);
        for (int i = 0; i < in->charts && rc == HK_OK; i++)
            rc = write_chart(out, &in->chart[i], err);
        fputs("</section>\n", out);
    }
    if (rc == HK_OK) {
        write_provenance(out, in, resolved, s, &made);
        fputs("</main>\n</body>\n</html>\n", out);
    }
    free(s);
    return rc;
}
