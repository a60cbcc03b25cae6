/*
 * report_tables.c — the report's tables, read from the CSV files of a
 * results folder with csvread and written as escaped HTML.
 *
 * Every table cell shows a mean and, under it, its 95 % interval, as the
 * file gives them; nothing is recomputed here. A file that is absent
 * gives no section; a file without the columns the contract names is
 * HK_EINPUT naming the file and the column.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/csvread.h"
#include "huikuan/html.h"
#include "huikuan/metrics.h"
#include "huikuan/report.h"
#include "huikuan/manifest.h"
#include "huikuan/textfile.h"
#include "report_internal.h"

#define CSV_MAX_BYTES (256L << 20)


/* The key metrics, in the order every table shows them. */
static const struct shown KEY_METRICS[] = {
    {"sales", "Sales", "currency units", SHOW_MONEY, 1, 0, 1},
    {"collected", "Cash collected", "currency units", SHOW_MONEY, 0, 0, 0},
    {"bad_debt", "Bad debt", "currency units", SHOW_MONEY, 0, 0, 0},
    {"bad_debt_rate", "Bad debt rate", "% of sales", SHOW_PERCENT, 1, 0, 0},
    {"dso", "DSO", "days", SHOW_DAYS, 1, 0, 0},
    {"firm_profit", "Firm profit", "currency units", SHOW_MONEY, 1, 0, 0},
    {"discounts", "Cash discounts", "currency units", SHOW_MONEY, 0, 1, 1},
    {"concessions", "Exchange concessions", "currency units", SHOW_MONEY, 0, 1, 1},
    {"interest", "Instalment interest", "currency units", SHOW_MONEY, 0, 1, 0},
    {"repossessed", "Goods taken back", "currency units, at invoice value", SHOW_MONEY, 0, 1, 1},
    {"repossessed_value", "Goods taken back: worth", "currency units, to the firm", SHOW_MONEY, 0, 1, 0},
    {"comp_cost", "Rep pay cost", "currency units", SHOW_MONEY, 0, 0, 0},
    {"rep_pay_mean", "Rep pay", "currency units per rep per 30 days", SHOW_MONEY, 1, 0, 0},
    {"rep_turnover", "Rep turnover", "% of reps leaving per year (quit or let go)", SHOW_PERCENT, 1, 0, 0},
};
enum { KEY_COUNT = sizeof KEY_METRICS / sizeof KEY_METRICS[0] };
_Static_assert((int)KEY_COUNT <= (int)REPORT_KEY_ROWS_MAX, "struct report_key_rows holds every key metric");

struct shown report_describe(const char *metric)
{
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEY_METRICS[i].metric, metric) == 0)
            return KEY_METRICS[i];
    /* Another metric is labelled by its name: a count of things
     * (litigations, contacts) is plural. */
    size_t len = strlen(metric);
    struct shown s = {metric, metric, "", SHOW_NUMBER, 0, 0, len > 0 && metric[len - 1] == 's'};
    int id = metric_find(metric);
    if (id >= 0) {
        const struct metric_info *m = metric_info(id);
        s.unit = m->unit;
        s.style = m->kind == KIND_MONEY ? SHOW_MONEY
                  : m->kind == KIND_RATE ? SHOW_PERCENT
                  : m->kind == KIND_DAYS ? SHOW_DAYS : SHOW_NUMBER;
        if (s.style == SHOW_PERCENT)
            s.unit = "%";
    }
    return s;
}

/* The columns huikuan writes as numbers in every row: a number in full
 * ("nan" is one: a metric without a value), never text that merely
 * starts with one ("12junk") or an empty cell. n counts replications: a
 * whole number, not negative. */
static const char *const NUMBER_COLUMNS[] = {"mean", "sd", "ci95_low", "ci95_high", "diff_mean",
                                             "diff_ci95_low", "diff_ci95_high", NULL};
/* The columns of the files the page and the charts read that hold words
 * (a sweep's value may be one: orders.process = effort). Every other
 * cell is a number or empty (a rep still employed has no left_day): the
 * charts would drop text where a number goes without a word. */
static const char *const TEXT_COLUMNS[] = {"scenario", "metric", "bucket", "param", "value",
                                           "constraint", "goal", "target_place", "target_jump",
                                           "holds", "verdict", "left_reason", NULL};

static int listed_in(const char *const *list, const char *name)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static int is_number(const char *text)
{
    char *end;
    if (!text[0])
        return 0;
    strtod(text, &end);
    return *end == '\0';
}

static int is_count(const char *text)
{
    char *end;
    if (!text[0] || text[0] == '-' || text[0] == '+')
        return 0;
    strtoull(text, &end, 10);
    return *end == '\0';
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* summary.csv and compare.csv give one row per (scenario, metric): a
 * second one would make the page show whichever it met first. */
static int check_unique(const char *path, const struct csv_table *t, struct hk_error *err)
{
    int cs = csv_table_column(t, "scenario"), cm = csv_table_column(t, "metric");
    if (cs < 0 || cm < 0 || t->rows < 3)
        return HK_OK;
    char **key = calloc((size_t)t->rows, sizeof *key);
    int rc = key ? HK_OK : hk_error_set(err, HK_EIO, "out of memory");
    int n = 0;
    for (int r = 1; rc == HK_OK && r < t->rows; r++) {
        const char *a = t->row[r].field[cs], *b = t->row[r].field[cm];
        size_t len = strlen(a) + strlen(b) + 16;
        key[n] = malloc(len);
        if (!key[n])
            rc = hk_error_set(err, HK_EIO, "out of memory");
        else
            snprintf(key[n++], len, "%s\x1f%s\x1f%d", a, b, r);
    }
    if (rc == HK_OK)
        qsort(key, (size_t)n, sizeof *key, cmp_text);
    for (int i = 1; rc == HK_OK && i < n; i++) {
        size_t prefix = (size_t)(strrchr(key[i], '\x1f') - key[i]);
        if (strncmp(key[i - 1], key[i], prefix + 1) == 0) {
            int r1 = atoi(strrchr(key[i - 1], '\x1f') + 1), r2 = atoi(strrchr(key[i], '\x1f') + 1);
            int first = r1 < r2 ? r1 : r2, second = r1 < r2 ? r2 : r1;
            rc = hk_error_set(err, HK_EINPUT, "%s:%d: scenario '%s', metric '%s' again (first "
                              "on line %d)", path, t->row[second].line, t->row[second].field[cs],
                              t->row[second].field[cm], t->row[first].line);
        }
    }
    for (int i = 0; key && i < n; i++)
        free(key[i]);
    free(key);
    return rc;
}

/* Every row as wide as the header, every number a number, every count a
 * count, and no (scenario, metric) twice: what huikuan writes. A file
 * edited by hand or cut short is refused here, not shown as "n/a". */
static int check_table(const char *path, const char *name, const struct csv_table *t,
                       struct hk_error *err)
{
    if (t->rows < 1)
        return HK_OK;
    int width = t->row[0].fields, c_n = csv_table_column(t, "n");
    for (int r = 1; r < t->rows; r++) {
        if (t->row[r].fields != width)
            return hk_error_set(err, HK_EINPUT, "%s:%d: %d fields, the header has %d", path,
                                t->row[r].line, t->row[r].fields, width);
        for (int c = 0; c < width; c++) {
            const char *column = t->row[0].field[c], *cell = t->row[r].field[c];
            if (c == c_n || listed_in(TEXT_COLUMNS, column) ||
                (!cell[0] && !listed_in(NUMBER_COLUMNS, column)) || is_number(cell))
                continue;
            return hk_error_set(err, HK_EINPUT, "%s:%d: column '%s' = '%s': not a number", path,
                                t->row[r].line, column, cell);
        }
        if (c_n >= 0 && !is_count(t->row[r].field[c_n]))
            return hk_error_set(err, HK_EINPUT, "%s:%d: column 'n' = '%s': must be a whole "
                                "number, 0 or more", path, t->row[r].line, t->row[r].field[c_n]);
    }
    if (strcmp(name, "summary.csv") == 0 || strcmp(name, "compare.csv") == 0)
        return check_unique(path, t, err);
    return HK_OK;
}

/* huikuan ends every line of a CSV file, the last one too: a file
 * without its last line end was cut short (a copy stopped midway), and
 * its last row, however well it parses, is not what was written. */
static int cut_short(FILE *f)
{
    if (fseek(f, -1, SEEK_END) != 0)
        return 0; /* empty */
    return fgetc(f) != '\n';
}

/* A name the charts or the page read that is there but is no plain file
 * (a FIFO, a link to a device, a folder) would be waited on or misread:
 * gnuplot's awk reads run-NAME.ini for a scenario's size. */
static int plain_where_read(const char *dir, struct hk_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int rc = HK_OK;
    while (d && rc == HK_OK && (de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        size_t len = strlen(name);
        int read = strncmp(name, "run", 3) == 0 && len > 4 && strcmp(name + len - 4, ".ini") == 0;
        for (int i = 0; !read && i <= CHART_COUNT; i++)
            read = strcmp(name, i < CHART_COUNT ? chart_get(i)->input : "confirmation.csv") == 0;
        char path[PATH_MAX + 256];
        struct stat st;
        if (read && snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
            lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
            rc = hk_error_set(err, HK_EINPUT, "%s: not a plain file, so not one huikuan wrote "
                              "(%s); move it away, or run again", path,
                              S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISFIFO(st.st_mode)
                              ? "a FIFO" : S_ISDIR(st.st_mode) ? "a folder" : "a device or socket");
    }
    if (d)
        closedir(d);
    return rc;
}

int report_check_written(const char *dir, struct hk_notice *notice, struct hk_error *err)
{
    if (plain_where_read(dir, err) != HK_OK)
        return err->status;
    struct manifest *listed;
    int have = manifest_load_checked(dir, &listed, err);
    int rc = have < 0 ? err->status : HK_OK;
    char gone[256];
    static const char *const said_apart[] = {"run.ini", NULL};
    int missing = have == 1 ? manifest_missing(dir, listed, said_apart, gone, sizeof gone) : 0;
    if (missing == 1)
        hk_notice_set(notice, "note: %s/%s: huikuan wrote it, and it is gone: what it held is "
                      "not shown", dir, gone);
    else if (missing > 1)
        hk_notice_set(notice, "note: %s/%s and %d other file%s huikuan wrote are gone: what "
                      "they held is not shown", dir, gone, missing - 1, missing > 2 ? "s" : "");
    /* What a chart is drawn from, and the table only the page shows. */
    for (int i = 0; have == 1 && rc == HK_OK && i <= CHART_COUNT; i++) {
        const char *name = i < CHART_COUNT ? chart_get(i)->input : "confirmation.csv";
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (access(path, F_OK) != 0)
            continue;
        if (!manifest_lists(listed, name))
            rc = hk_error_set(err, HK_EINPUT, "%s: huikuan did not write it (%s does not name "
                              "it), so it is not shown as these results; move it away, or run "
                              "again", path, MANIFEST_NAME);
        else if (manifest_changed(path))
            rc = hk_error_set(err, HK_EINPUT, "%s: changed since huikuan wrote it (%s lists "
                              "other bytes for it), so it may not hold what the run computed; "
                              "restore it, or run again", path, MANIFEST_NAME);
    }
    manifest_free(listed);
    return rc;
}

/* Reads dir/name; *t stays NULL (and HK_OK) if the file is absent. */
int report_load(const char *dir, const char *name, const char *const *need,
                struct csv_table **t, int *col, struct hk_error *err)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *why;
    FILE *probe = textfile_open(path, &why);
    if (!probe)
        return errno == ENOENT ? HK_OK
                               : hk_error_set(err, HK_EINPUT, "%s: cannot read: %s", path, why);
    int cut = cut_short(probe);
    fclose(probe);
    if (csv_table_read(path, CSV_MAX_BYTES, t, err) != HK_OK)
        return err->status;
    if (cut) {
        int line = (*t)->rows > 0 ? (*t)->row[(*t)->rows - 1].line : 1;
        csv_table_free(*t);
        *t = NULL;
        return hk_error_set(err, HK_EINPUT, "%s:%d: cut short: the file's last line has no "
                            "line end", path, line);
    }
    if (check_table(path, name, *t, err) != HK_OK) {
        csv_table_free(*t);
        *t = NULL;
        return err->status;
    }
    for (int i = 0; need[i]; i++) {
        col[i] = csv_table_column(*t, need[i]);
        if (col[i] < 0) {
            hk_error_set(err, HK_EINPUT, "%s:1: no column '%s' in the header", path, need[i]);
            csv_table_free(*t);
            *t = NULL;
            return HK_EINPUT;
        }
    }
    return HK_OK;
}

const char *report_field(const struct csv_table *t, int row, int col)
{
    return col < t->row[row].fields ? t->row[row].field[col] : "";
}

/* First data row whose column c1 is v1 and column c2 is v2, or -1. */
static int find_row(const struct csv_table *t, int c1, const char *v1, int c2, const char *v2)
{
    for (int r = 1; r < t->rows; r++)
        if (strcmp(report_field(t, r, c1), v1) == 0 && strcmp(report_field(t, r, c2), v2) == 0)
            return r;
    return -1;
}

static void metric_header(FILE *out, const struct shown *m)
{
    fputs("<th scope=\"row\">", out);
    html_escape(out, m->label);
    if (m->unit[0]) {
        fputs("<span class=\"unit\">", out);
        html_escape(out, m->unit);
        fputs("</span>", out);
    }
    fputs("</th>", out);
}

static void scenario_header(FILE *out, const struct report_scenarios *s, int i)
{
    char css[128];
    charts_swatch_css(i, css, sizeof css);
    fprintf(out, "<th scope=\"col\"><span class=\"swatch\" style=\"%s\"></span>", css);
    html_escape(out, s->label[i]);
    fputs("</th>", out);
}

/* Under a cell whose metric some replications left without a value (a
 * DSO without sales): how many of them its mean is over, beside the
 * scenario's replications (its sales' n); a mean over 2 of 40 reads as
 * surely as one over 40 otherwise. */
static void count_note(FILE *out, const char *n, const char *replications)
{
    if (atof(n) >= atof(replications))
        return;
    fputs("<span class=\"ci\">", out);
    if (atof(n) == 0) {
        fputs("no value in any of ", out);
        html_escape(out, replications);
        fputs(" replications</span>", out);
        return;
    }
    fputs("n&nbsp;=&nbsp;", out);
    html_escape(out, n);
    fputs(" of ", out);
    html_escape(out, replications);
    fputs(" replications</span>", out);
}

/* Whether some scenario's mean of metric in table t (summary.csv's
 * columns scenario, metric, mean) is other than 0. */
static int some_mean_not_zero(const struct csv_table *t, const int *c,
                              const struct report_scenarios *s, const char *metric)
{
    for (int i = 0; i < s->count; i++) {
        int row = find_row(t, c[0], s->name[i], c[1], metric);
        if (row > 0 && report_num(report_field(t, row, c[2])) != 0)
            return 1;
    }
    return 0;
}

int report_headline(FILE *out, const char *dir, const struct report_scenarios *s,
                    struct report_key_rows *key_rows, struct hk_error *err)
{
    static const char *const need[] = {"scenario", "metric", "mean", "ci95_low", "ci95_high",
                                       "n", NULL};
    int c[6];
    struct csv_table *t;
    for (int k = 0; k < KEY_COUNT; k++)
        key_rows->shown[k] = !KEY_METRICS[k].optional;
    if (report_load(dir, "summary.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    for (int k = 0; k < KEY_COUNT; k++)
        key_rows->shown[k] = !KEY_METRICS[k].optional ||
                             some_mean_not_zero(t, c, s, KEY_METRICS[k].metric);
    fputs("<section id=\"headline\">\n<h2>Headline results</h2>\n"
          "<p>Each cell: the mean over replications, and under it the 95&nbsp;% confidence "
          "interval of that mean.", out);
    /* Every replication has sales (a number, if 0): its n is the count. */
    int same = 1, first = s->count > 0 ? find_row(t, c[0], s->name[0], c[1], "sales") : -1;
    for (int i = 1; i < s->count && first > 0; i++) {
        int r = find_row(t, c[0], s->name[i], c[1], "sales");
        same = same && r > 0 && strcmp(report_field(t, r, c[5]), report_field(t, first, c[5])) == 0;
    }
    if (first > 0 && same) {
        fputs(" Replications per scenario: ", out);
        html_escape(out, report_field(t, first, c[5]));
        fputs(".", out);
    } else if (first > 0) {
        fputs(" Replications: ", out);
        for (int i = 0; i < s->count; i++) {
            int r = find_row(t, c[0], s->name[i], c[1], "sales");
            fputs(i > 0 ? ", " : "", out);
            html_escape(out, s->label[i]);
            fputs(" ", out);
            html_escape(out, r > 0 ? report_field(t, r, c[5]) : "n/a");
        }
        fputs(". A paired difference uses only the replications both scenarios ran.", out);
    }
    fputs(" Where a metric had no value in some replications (a DSO without sales), "
          "its mean is over those that had one, as summary.csv's <code>n</code> says.", out);
    fputs("</p>\n<div class=\"scroll\"><table id=\"headline-table\">\n<thead><tr>"
          "<th scope=\"col\">Metric</th>", out);
    for (int i = 0; i < s->count; i++)
        scenario_header(out, s, i);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = 0; k < KEY_COUNT; k++) {
        if (!key_rows->shown[k])
            continue;
        fputs("<tr>", out);
        metric_header(out, &KEY_METRICS[k]);
        for (int i = 0; i < s->count; i++) {
            fputs("<td>", out);
            int row = find_row(t, c[0], s->name[i], c[1], KEY_METRICS[k].metric);
            if (row > 0) {
                report_value_cell(out, KEY_METRICS[k].style, report_num(report_field(t, row, c[2])),
                     report_num(report_field(t, row, c[3])), report_num(report_field(t, row, c[4])), 0);
                int sales = find_row(t, c[0], s->name[i], c[1], "sales");
                if (sales > 0)
                    count_note(out, report_field(t, row, c[5]), report_field(t, sales, c[5]));
            } else {
                fputs("<span class=\"v\">n/a</span>", out);
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}

/* How many pairs each difference rests on (compare.csv's n on the
 * sales row: every replication has sales): the replications both
 * scenarios ran, which is fewer than either ran when their counts
 * differ, and the headline's counts would not say so. */
static void pairs_sentence(FILE *out, const struct csv_table *t, const int *c,
                           const struct report_scenarios *s)
{
    int first = -1, same = 1;
    for (int i = 1; i < s->count; i++) {
        int r = find_row(t, c[0], s->name[i], c[1], "sales");
        if (r < 0)
            return;
        first = first < 0 ? r : first;
        same = same && strcmp(report_field(t, r, c[5]), report_field(t, first, c[5])) == 0;
    }
    if (first < 0)
        return;
    /* A metric without a value in some replications (a DSO without
     * sales) rests on fewer pairs than sales do. */
    int fewer = 0;
    const char *scenario = "";
    double pairs = 0; /* the current scenario's, on its sales row */
    for (int r = 1; r < t->rows && !fewer; r++) {
        if (strcmp(report_field(t, r, c[0]), scenario) != 0) { /* once a scenario: its rows come together */
            scenario = report_field(t, r, c[0]);
            int sales = find_row(t, c[0], scenario, c[1], "sales");
            pairs = sales < 0 ? 0 : atof(report_field(t, sales, c[5]));
        }
        fewer = atof(report_field(t, r, c[5])) < pairs;
    }
    const char *rest = fewer ? ", fewer for a metric without a value in some of them (compare.csv's n)."
                             : ".";
    if (same) {
        fputs(s->count > 2 ? " Each difference rests on " : " The differences rest on ", out);
        html_escape(out, report_field(t, first, c[5]));
        fputs(" pairs of replications", out);
        fputs(rest, out);
        return;
    }
    fputs(" Pairs of replications each difference rests on: ", out);
    for (int i = 1; i < s->count; i++) {
        fputs(i > 1 ? ", " : "", out);
        html_escape(out, s->label[i]);
        fputs(" ", out);
        html_escape(out, report_field(t, find_row(t, c[0], s->name[i], c[1], "sales"), c[5]));
    }
    fputs(rest, out);
}

int report_differences(FILE *out, const char *dir, const struct report_scenarios *s,
                       const struct report_key_rows *key_rows, struct hk_error *err)
{
    static const char *const need[] = {"scenario", "metric", "diff_mean", "diff_ci95_low",
                                       "diff_ci95_high", "n", NULL};
    int c[6];
    struct csv_table *t;
    if (report_load(dir, "compare.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    /* A sweep of one value has nothing to differ from: its compare.csv
     * is a header alone, and the page no section of it. */
    if (t->rows < 2 || s->count < 2) {
        csv_table_free(t);
        return HK_OK;
    }
    const char *first = s->count > 0 ? s->label[0] : "the first scenario";
    fputs("<section id=\"differences\">\n<h2>Paired differences from ", out);
    html_escape(out, first);
    fputs("</h2>\n<p>Each scenario minus ", out);
    html_escape(out, first);
    fputs(", replication by replication on the same random numbers: the mean difference "
          "and its 95&nbsp;% confidence interval.", out);
    pairs_sentence(out, t, c, s);
    fputs(" <strong>Bold</strong>: the interval "
          "excludes zero.</p>\n<div class=\"scroll\"><table id=\"differences-table\">\n"
          "<thead><tr><th scope=\"col\">Metric</th>", out);
    for (int i = 1; i < s->count; i++)
        scenario_header(out, s, i);
    fputs("</tr></thead>\n<tbody>\n", out);
    int rows = 0;
    for (int k = 0; k < KEY_COUNT; k++) {
        int any = 0;
        for (int i = 1; i < s->count && !any; i++)
            any = find_row(t, c[0], s->name[i], c[1], KEY_METRICS[k].metric) > 0;
        if (!any || !key_rows->shown[k])
            continue;
        rows++;
        fputs("<tr>", out);
        metric_header(out, &KEY_METRICS[k]);
        for (int i = 1; i < s->count; i++) {
            int row = find_row(t, c[0], s->name[i], c[1], KEY_METRICS[k].metric);
            double lo = row > 0 ? report_num(report_field(t, row, c[3])) : NAN;
            double hi = row > 0 ? report_num(report_field(t, row, c[4])) : NAN;
            fputs(lo > 0 || hi < 0 ? "<td class=\"resolved\">" : "<td>", out);
            if (row > 0)
                report_value_cell(out, KEY_METRICS[k].style, report_num(report_field(t, row, c[2])), lo, hi, 1);
            else
                fputs("<span class=\"v\">n/a</span>", out);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    if (rows == 0)
        fprintf(out, "<tr><td colspan=\"%d\" class=\"note\">compare.csv has no key metric "
                "for these scenarios.</td></tr>\n", s->count > 1 ? s->count : 2);
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}

int report_sweep(FILE *out, const char *dir, struct hk_error *err)
{
    static const char *const need[] = {"param", "value", "metric", "mean", "ci95_low",
                                       "ci95_high", "n", NULL};
    int c[7];
    struct csv_table *t;
    if (report_load(dir, "sweep.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    const char *param = t->rows > 1 ? report_field(t, 1, c[0]) : "";
    fputs("<section id=\"sweep\">\n<h2>Sweep of ", out);
    html_escape(out, param);
    fputs("</h2>\n<p>Key metrics at each value of ", out);
    html_escape(out, param);
    fputs(": mean and 95&nbsp;% confidence interval (the chart below has more). Where a "
          "metric had no value in some replications (a DSO without sales), its mean is over "
          "those that had one, as the cell says.</p>\n<div class=\"scroll\">"
          "<table id=\"sweep-table\">\n<thead><tr><th scope=\"col\">", out);
    html_escape(out, param);
    fputs("</th>", out);
    int shown[KEY_COUNT], nshown = 0;
    for (int k = 0; k < KEY_COUNT; k++)
        for (int r = 1; r < t->rows && KEY_METRICS[k].wide; r++)
            if (strcmp(report_field(t, r, c[2]), KEY_METRICS[k].metric) == 0) {
                shown[nshown++] = k;
                fputs("<th scope=\"col\">", out);
                html_escape(out, KEY_METRICS[k].label);
                fputs("<span class=\"unit\">", out);
                html_escape(out, KEY_METRICS[k].unit);
                fputs("</span></th>", out);
                break;
            }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int r = 1; r < t->rows; r++) {
        const char *value = report_field(t, r, c[1]);
        if (find_row(t, c[0], param, c[1], value) != r)
            continue; /* first row of each value starts its table row */
        fputs("<tr><th scope=\"row\">", out);
        html_escape(out, value);
        fputs("</th>", out);
        for (int j = 0; j < nshown; j++) {
            const struct shown *m = &KEY_METRICS[shown[j]];
            int row = -1;
            for (int q = 1; q < t->rows && row < 0; q++)
                if (strcmp(report_field(t, q, c[1]), value) == 0 &&
                    strcmp(report_field(t, q, c[2]), m->metric) == 0)
                    row = q;
            fputs("<td>", out);
            if (row > 0) {
                report_value_cell(out, m->style, report_num(report_field(t, row, c[3])), report_num(report_field(t, row, c[4])),
                     report_num(report_field(t, row, c[5])), 0);
                /* The value's replications: its sales' n (every
                 * replication has sales). */
                int sales = find_row(t, c[1], value, c[2], "sales");
                if (sales > 0)
                    count_note(out, report_field(t, row, c[6]), report_field(t, sales, c[6]));
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}

/* The chart scripts read a file's columns by their place and split its
 * lines at every comma: a header other than the one huikuan writes (its
 * columns reordered or renamed, a file of another version) or a quoted
 * field (a spreadsheet's save) would be drawn as numbers no run gave.
 * quotes: look for a quote in the whole file, not only the header. */
static int laid_out_for_chart(const char *path, const char *header, int quotes,
                              struct hk_error *err)
{
    FILE *f = textfile_open(path, NULL);
    if (!f)
        return HK_OK; /* absent: no chart; unreadable: said where it is read */
    char *line = NULL;
    size_t size = 0;
    ssize_t got = getline(&line, &size, f);
    size_t len = got > 0 ? strcspn(line, "\r\n") : 0, want = strlen(header);
    int same = got > 0 && len >= want && strncmp(line, header, want) == 0 &&
               (len == want || line[want] == ',');
    long quoted = got > 0 && memchr(line, '"', len) != NULL ? 1 : 0, at = 1;
    free(line);
    char buf[65536];
    size_t n;
    while (same && quotes && !quoted && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        const char *q = memchr(buf, '"', n);
        for (const char *p = buf; (p = memchr(p, '\n', (size_t)((q ? q : buf + n) - p))); p++)
            at++;
        quoted = q ? at + 1 : 0; /* the header's line was read first */
    }
    fclose(f);
    if (got <= 0)
        return HK_OK; /* empty: refused where it is read */
    if (quoted)
        return hk_error_set(err, HK_EINPUT, "%s:%ld: a quoted field, which huikuan never "
                            "writes there (saved by a spreadsheet?): its chart, which splits "
                            "lines at commas, would misread it; run the command again", path,
                            quoted);
    if (!same)
        return hk_error_set(err, HK_EINPUT, "%s:1: its header does not begin '%s' as huikuan "
                            "writes it, and its chart reads the columns in that order; run the "
                            "command that made the folder again", path, header);
    return HK_OK;
}

int report_check_chart_inputs(const char *dir, const int *which, int count,
                              struct hk_error *err)
{
    static const char *const nothing[] = {NULL};
    for (int i = 0; i < count; i++) {
        const char *name = chart_get(which[i])->input;
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        int large = stat(path, &st) == 0 && st.st_size > CSV_MAX_BYTES;
        if (large) {
            /* Too large to hold whole (a big batch's reps.csv): gnuplot
             * reads it as it goes, so only its end is checked. */
            FILE *f = textfile_open(path, NULL);
            int cut = f && cut_short(f);
            if (f)
                fclose(f);
            if (cut)
                return hk_error_set(err, HK_EINPUT, "%s: cut short: the file's last line has "
                                    "no line end", path);
        } else {
            struct csv_table *t;
            if (report_load(dir, name, nothing, &t, NULL, err) != HK_OK)
                return err->status;
            csv_table_free(t);
        }
        /* Well-formed CSV, then laid out as the chart reads it. */
        if (laid_out_for_chart(path, chart_get(which[i])->header, !large, err) != HK_OK)
            return err->status;
    }
    return HK_OK;
}
