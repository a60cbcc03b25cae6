/*
 * report_tables.c — the report's tables, read from the CSV files of a
 * results folder with csvread and written as escaped HTML.
 *
 * Every table cell shows a mean and, under it, its 95 % interval, as the
 * file gives them; nothing is recomputed here. A file that is absent
 * gives no section; a file without the columns the contract names is
 * HK_EINPUT naming the file and the column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/calibrate.h"
#include "huikuan/csvread.h"
#include "huikuan/html.h"
#include "huikuan/metrics.h"
#include "huikuan/report.h"

#define CSV_MAX_BYTES (256L << 20)

enum style { SHOW_MONEY, SHOW_PERCENT, SHOW_DAYS, SHOW_NUMBER };

struct shown {
    const char *metric;
    const char *label;
    const char *unit;
    enum style style;
    int wide; /* also a column of the sweep table, one column per metric */
};

/* The key metrics, in the order every table shows them. */
static const struct shown KEY_METRICS[] = {
    {"sales", "Sales", "currency units", SHOW_MONEY, 1},
    {"collected", "Cash collected", "currency units", SHOW_MONEY, 0},
    {"bad_debt", "Bad debt", "currency units", SHOW_MONEY, 0},
    {"bad_debt_rate", "Bad debt rate", "% of sales", SHOW_PERCENT, 1},
    {"dso", "DSO", "days", SHOW_DAYS, 1},
    {"firm_profit", "Firm profit", "currency units", SHOW_MONEY, 1},
    {"comp_cost", "Rep pay cost", "currency units", SHOW_MONEY, 0},
    {"rep_pay_mean", "Rep pay", "currency units per rep per 30 days", SHOW_MONEY, 1},
    {"rep_turnover", "Rep turnover", "% of reps quitting per year", SHOW_PERCENT, 1},
};
enum { KEY_COUNT = sizeof KEY_METRICS / sizeof KEY_METRICS[0] };

static struct shown describe(const char *metric)
{
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEY_METRICS[i].metric, metric) == 0)
            return KEY_METRICS[i];
    struct shown s = {metric, metric, "", SHOW_NUMBER, 0};
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

static void number(FILE *out, enum style style, double v, int sign)
{
    char buf[96];
    if (style == SHOW_PERCENT)
        v *= 100;
    int decimals = style == SHOW_MONEY ? (fabs(v) >= 1000 ? 0 : 2)
                   : style == SHOW_PERCENT ? 2 : style == SHOW_DAYS ? 1
                   : (fabs(v) >= 100 ? 0 : 3);
    html_number(v, decimals, buf, sizeof buf);
    if (sign && isfinite(v) && v > 0 && strspn(buf, "0.,") != strlen(buf))
        fputc('+', out);
    fputs(buf, out);
}

static void cell(FILE *out, enum style style, double mean, double low, double high, int sign)
{
    fputs("<span class=\"v\">", out);
    number(out, style, mean, sign);
    fputs("</span>", out);
    if (isfinite(low) && isfinite(high)) {
        fputs("<span class=\"ci\">", out);
        number(out, style, low, sign);
        fputs(" \xE2\x80\x93 ", out);
        number(out, style, high, sign);
        fputs("</span>", out);
    } else if (isfinite(mean)) {
        /* A mean from a single replication: it says nothing of its spread. */
        fputs("<span class=\"ci\">one replication: no interval</span>", out);
    }
}

void report_cell(FILE *out, const char *metric, double mean, double low, double high)
{
    cell(out, describe(metric).style, mean, low, high, 0);
}

static double num(const char *text)
{
    char *end;
    double v = strtod(text, &end);
    return end == text ? NAN : v;
}

/* The columns huikuan writes as numbers: a number in full ("nan" is
 * one: a metric without a value), never text that merely starts with
 * one ("12junk") or an empty cell. n counts replications: a whole
 * number, not negative. */
static const char *const NUMBER_COLUMNS[] = {"mean", "sd", "ci95_low", "ci95_high", "diff_mean",
                                             "diff_ci95_low", "diff_ci95_high", NULL};

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
    unsigned long long v = strtoull(text, &end, 10);
    (void)v;
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
        for (int i = 0; NUMBER_COLUMNS[i]; i++) {
            int c = csv_table_column(t, NUMBER_COLUMNS[i]);
            if (c >= 0 && !is_number(t->row[r].field[c]))
                return hk_error_set(err, HK_EINPUT, "%s:%d: column '%s' = '%s': not a number",
                                    path, t->row[r].line, NUMBER_COLUMNS[i], t->row[r].field[c]);
        }
        if (c_n >= 0 && !is_count(t->row[r].field[c_n]))
            return hk_error_set(err, HK_EINPUT, "%s:%d: column 'n' = '%s': must be a whole "
                                "number, 0 or more", path, t->row[r].line, t->row[r].field[c_n]);
    }
    if (strcmp(name, "summary.csv") == 0 || strcmp(name, "compare.csv") == 0)
        return check_unique(path, t, err);
    return HK_OK;
}

/* Reads dir/name; *t stays NULL (and HK_OK) if the file is absent. */
static int load(const char *dir, const char *name, const char *const *need,
                struct csv_table **t, int *col, struct hk_error *err)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *probe = fopen(path, "r");
    if (!probe)
        return HK_OK;
    fclose(probe);
    if (csv_table_read(path, CSV_MAX_BYTES, t, err) != HK_OK)
        return err->status;
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

static const char *field(const struct csv_table *t, int row, int col)
{
    return col < t->row[row].fields ? t->row[row].field[col] : "";
}

/* First data row whose column c1 is v1 and column c2 is v2, or -1. */
static int find_row(const struct csv_table *t, int c1, const char *v1, int c2, const char *v2)
{
    for (int r = 1; r < t->rows; r++)
        if (strcmp(field(t, r, c1), v1) == 0 && strcmp(field(t, r, c2), v2) == 0)
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
    fprintf(out, "<th scope=\"col\"><span class=\"swatch\" style=\"background:%s\"></span>",
            charts_colour(i));
    html_escape(out, s->label[i]);
    fputs("</th>", out);
}

int report_headline(FILE *out, const char *dir, const struct report_scenarios *s,
                    struct hk_error *err)
{
    static const char *const need[] = {"scenario", "metric", "mean", "ci95_low", "ci95_high",
                                       "n", NULL};
    int c[6];
    struct csv_table *t;
    if (load(dir, "summary.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    fputs("<section id=\"headline\">\n<h2>Headline results</h2>\n"
          "<p>Each cell: the mean over replications, and under it the 95&nbsp;% confidence "
          "interval of that mean.", out);
    /* Every replication has sales (a number, if 0): its n is the count. */
    int same = 1, first = s->count > 0 ? find_row(t, c[0], s->name[0], c[1], "sales") : -1;
    for (int i = 1; i < s->count && first > 0; i++) {
        int r = find_row(t, c[0], s->name[i], c[1], "sales");
        same = same && r > 0 && strcmp(field(t, r, c[5]), field(t, first, c[5])) == 0;
    }
    if (first > 0 && same) {
        fputs(" Replications per scenario: ", out);
        html_escape(out, field(t, first, c[5]));
        fputs(".", out);
    } else if (first > 0) {
        fputs(" Replications: ", out);
        for (int i = 0; i < s->count; i++) {
            int r = find_row(t, c[0], s->name[i], c[1], "sales");
            fputs(i > 0 ? ", " : "", out);
            html_escape(out, s->label[i]);
            fputs(" ", out);
            html_escape(out, r > 0 ? field(t, r, c[5]) : "n/a");
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
        fputs("<tr>", out);
        metric_header(out, &KEY_METRICS[k]);
        for (int i = 0; i < s->count; i++) {
            fputs("<td>", out);
            int row = find_row(t, c[0], s->name[i], c[1], KEY_METRICS[k].metric);
            if (row > 0)
                cell(out, KEY_METRICS[k].style, num(field(t, row, c[2])),
                     num(field(t, row, c[3])), num(field(t, row, c[4])), 0);
            else
                fputs("<span class=\"v\">n/a</span>", out);
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
        same = same && strcmp(field(t, r, c[5]), field(t, first, c[5])) == 0;
    }
    if (first < 0)
        return;
    if (same) {
        fputs(s->count > 2 ? " Each difference rests on " : " The differences rest on ", out);
        html_escape(out, field(t, first, c[5]));
        fputs(" pairs of replications.", out);
        return;
    }
    fputs(" Pairs of replications each difference rests on: ", out);
    for (int i = 1; i < s->count; i++) {
        fputs(i > 1 ? ", " : "", out);
        html_escape(out, s->label[i]);
        fputs(" ", out);
        html_escape(out, field(t, find_row(t, c[0], s->name[i], c[1], "sales"), c[5]));
    }
    fputs(".", out);
}

int report_differences(FILE *out, const char *dir, const struct report_scenarios *s,
                       struct hk_error *err)
{
    static const char *const need[] = {"scenario", "metric", "diff_mean", "diff_ci95_low",
                                       "diff_ci95_high", "n", NULL};
    int c[6];
    struct csv_table *t;
    if (load(dir, "compare.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
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
        if (!any)
            continue;
        rows++;
        fputs("<tr>", out);
        metric_header(out, &KEY_METRICS[k]);
        for (int i = 1; i < s->count; i++) {
            int row = find_row(t, c[0], s->name[i], c[1], KEY_METRICS[k].metric);
            double lo = row > 0 ? num(field(t, row, c[3])) : NAN;
            double hi = row > 0 ? num(field(t, row, c[4])) : NAN;
            fputs(lo > 0 || hi < 0 ? "<td class=\"resolved\">" : "<td>", out);
            if (row > 0)
                cell(out, KEY_METRICS[k].style, num(field(t, row, c[2])), lo, hi, 1);
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
                                       "ci95_high", NULL};
    int c[6];
    struct csv_table *t;
    if (load(dir, "sweep.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    const char *param = t->rows > 1 ? field(t, 1, c[0]) : "";
    fputs("<section id=\"sweep\">\n<h2>Sweep of ", out);
    html_escape(out, param);
    fputs("</h2>\n<p>Key metrics at each value of ", out);
    html_escape(out, param);
    fputs(": mean and 95&nbsp;% confidence interval (the chart below has more).</p>\n<div class=\"scroll\">"
          "<table id=\"sweep-table\">\n<thead><tr><th scope=\"col\">", out);
    html_escape(out, param);
    fputs("</th>", out);
    int shown[KEY_COUNT], nshown = 0;
    for (int k = 0; k < KEY_COUNT; k++)
        for (int r = 1; r < t->rows && KEY_METRICS[k].wide; r++)
            if (strcmp(field(t, r, c[2]), KEY_METRICS[k].metric) == 0) {
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
        const char *value = field(t, r, c[1]);
        if (find_row(t, c[0], param, c[1], value) != r)
            continue; /* first row of each value starts its table row */
        fputs("<tr><th scope=\"row\">", out);
        html_escape(out, value);
        fputs("</th>", out);
        for (int j = 0; j < nshown; j++) {
            const struct shown *m = &KEY_METRICS[shown[j]];
            int row = -1;
            for (int q = 1; q < t->rows && row < 0; q++)
                if (strcmp(field(t, q, c[1]), value) == 0 &&
                    strcmp(field(t, q, c[2]), m->metric) == 0)
                    row = q;
            fputs("<td>", out);
            if (row > 0)
                cell(out, m->style, num(field(t, row, c[3])), num(field(t, row, c[4])),
                     num(field(t, row, c[5])), 0);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}

/* "X (95 % interval L – H unit)", for a sentence. */
static void quantity(FILE *out, const struct shown *m, double mean, double low, double high)
{
    number(out, m->style, mean, 0);
    fputs(" (95&nbsp;% interval ", out);
    number(out, m->style, low, 0);
    fputs(" \xE2\x80\x93 ", out);
    number(out, m->style, high, 0);
    fprintf(out, "%s%s)", m->unit[0] ? " " : "", m->unit);
}

/* From calibrate.csv's as_good column (if it has one): the span of the
 * values the replications cannot tell from the chosen one. */
static void as_good_sentence(FILE *out, const struct csv_table *t, int c_eval, int c_value,
                             int c_good, int c_feasible)
{
    if (c_good < 0)
        return;
    int good = 0, feasible = 0;
    double lo = INFINITY, hi = -INFINITY;
    const char *lo_text = "", *hi_text = "", *last = "";
    for (int r = 1; r < t->rows; r++) {
        if (strcmp(field(t, r, c_eval), last) == 0)
            continue; /* one row per metric: count each value once */
        last = field(t, r, c_eval);
        feasible += strcmp(field(t, r, c_feasible), "1") == 0;
        if (strcmp(field(t, r, c_good), "1") != 0)
            continue;
        good++;
        double x = num(field(t, r, c_value));
        if (x < lo) {
            lo = x;
            lo_text = field(t, r, c_value);
        }
        if (x > hi) {
            hi = x;
            hi_text = field(t, r, c_value);
        }
    }
    if (good > 1) {
        fprintf(out, " Within Monte Carlo error it is as good as %d of the %d other feasible "
                "values evaluated, from ", good - 1, feasible - 1);
        html_escape(out, lo_text);
        fputs(" to ", out);
        html_escape(out, hi_text);
        fputs(" (paired 95&nbsp;% intervals of the difference).", out);
    } else if (good == 1) {
        fprintf(out, " None of the %d other feasible values evaluated is as good within Monte "
                "Carlo error.", feasible - 1);
    }
}

/* A constraint column's condition ("sales >= 35000000"); an empty
 * cell (the objective's row) gives c->metric = -1. */
static int read_limit(const char *path, const struct csv_table *t, int r, int col,
                      struct metric_condition *c, struct hk_error *err)
{
    const char *text = col >= 0 ? field(t, r, col) : "";
    c->metric = -1;
    if (!text[0])
        return HK_OK;
    char where[PATH_MAX + 40];
    snprintf(where, sizeof where, "%s:%d: constraint", path, r + 1);
    return analysis_parse_condition(where, text, 0, c, err);
}

/* "Sales ≥ 35,000,000": a constraint with its limit, as the tables
 * show the metric. Nothing for a row without one. */
static void limit_words(FILE *out, const struct metric_condition *c)
{
    static const char *const ops[] = {"\xE2\x89\xA4", "&lt;", "\xE2\x89\xA5", "&gt;", "="};
    if (c->metric < 0)
        return;
    struct shown m = describe(metric_info(c->metric)->name);
    html_escape(out, m.label);
    fprintf(out, "&nbsp;%s&nbsp;", ops[c->op]);
    number(out, m.style, c->bound, 0);
    if (m.style == SHOW_PERCENT)
        fputs("&nbsp;%", out);
    else if (m.style == SHOW_DAYS)
        fputs("&nbsp;days", out);
}

/* A constraint's verdict as confirmation.csv gives it: its verdict
 * column (holds, uncertain, fails: what the 95 % interval says), or in
 * files from before that column, its holds column (the mean alone, as
 * -1 - CALIB_HOLDS or -1 - CALIB_FAILS). Anything else is HK_EINPUT. */
static int read_verdict(const char *path, const struct csv_table *t, int r, int c_holds,
                        int c_verdict, int *verdict, struct hk_error *err)
{
    const char *v = c_verdict >= 0 ? field(t, r, c_verdict) : field(t, r, c_holds);
    for (int k = CALIB_HOLDS; c_verdict >= 0 && k <= CALIB_FAILS; k++)
        if (strcmp(v, calib_verdict_name(k)) == 0) {
            *verdict = k;
            return HK_OK;
        }
    if (c_verdict < 0 && (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)) {
        *verdict = -1 - (v[0] == '1' ? CALIB_HOLDS : CALIB_FAILS);
        return HK_OK;
    }
    return hk_error_set(err, HK_EINPUT, "%s:%d: %s = '%s': must be %s", path, r + 1,
                        c_verdict >= 0 ? "verdict" : "holds", v,
                        c_verdict >= 0 ? "holds, uncertain or fails" : "1 or 0");
}

/* ", within its constraint (Sales ≥ 35,000,000)" and the like: what a
 * verdict says, naming the limit when the file gives it. */
static void verdict_words(FILE *out, int verdict, const struct metric_condition *c)
{
    int known = c->metric >= 0;
    switch (verdict) {
    case CALIB_HOLDS:
        fputs(", within its constraint", out);
        break;
    case CALIB_UNCERTAIN:
        fputs(", <strong>uncertain</strong>: its 95&nbsp;% interval straddles the limit of its "
              "constraint", out);
        break;
    case CALIB_FAILS:
        fputs(", <strong>outside its constraint</strong>", out);
        break;
    case -1 - CALIB_HOLDS:
        fputs(", its mean within its constraint", out);
        break;
    default:
        fputs(", its mean <strong>outside its constraint</strong>", out);
    }
    if (known) {
        fputs(" (", out);
        limit_words(out, c);
        fputs(")", out);
    }
    if (verdict == CALIB_UNCERTAIN)
        fputs(", so these replications cannot tell whether it holds", out);
    else if (verdict == CALIB_FAILS)
        fputs(": its whole 95&nbsp;% interval is beyond the limit", out);
}

/* The chosen value on the replications confirmation.csv holds, which
 * took no part in the choice: the objective, and how sure each
 * constraint is there. */
static int confirmation_sentence(FILE *out, const char *dir, struct hk_error *err)
{
    static const char *const need[] = {"seed", "metric", "mean", "ci95_low", "ci95_high",
                                       "holds", NULL};
    int c[6];
    struct csv_table *t;
    if (load(dir, "confirmation.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/confirmation.csv", dir);
    int c_verdict = csv_table_column(t, "verdict"); /* absent from older files */
    int c_limit = csv_table_column(t, "constraint"); /* likewise */
    int verdict[CALIB_MAX_CONSTRAINTS + 1], misses = 0, unsure = 0;
    struct metric_condition limit[CALIB_MAX_CONSTRAINTS + 1];
    for (int r = 2; r < t->rows && r - 2 < CALIB_MAX_CONSTRAINTS; r++) {
        if (read_verdict(path, t, r, c[5], c_verdict, &verdict[r - 2], err) != HK_OK ||
            read_limit(path, t, r, c_limit, &limit[r - 2], err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
        misses += verdict[r - 2] == CALIB_FAILS;
        unsure += verdict[r - 2] == CALIB_UNCERTAIN;
    }
    for (int r = 1; r < t->rows && r - 2 < CALIB_MAX_CONSTRAINTS; r++) {
        struct shown m = describe(field(t, r, c[1]));
        if (r == 1) {
            fputs(" On other replications (seed ", out);
            html_escape(out, field(t, r, c[0]));
            fputs("), which took no part in the choice, ", out);
        } else {
            fputs("; ", out);
        }
        html_escape(out, m.label);
        fputs(" is ", out);
        quantity(out, &m, num(field(t, r, c[2])), num(field(t, r, c[3])), num(field(t, r, c[4])));
        if (r > 1)
            verdict_words(out, verdict[r - 2], &limit[r - 2]);
    }
    if (t->rows > 1)
        fputs(". The figures of the search favour the value it chose.", out);
    if (misses > 0)
        fputs(" <strong>On these replications the chosen value clearly misses a "
              "constraint</strong>: it does not meet it.", out);
    else if (unsure > 0)
        fputs(" A constraint is within Monte Carlo error of its limit on these replications: "
              "more replications would tell whether the chosen value meets it.", out);
    csv_table_free(t);
    return HK_OK;
}

/* The constraints of calibrate.csv with their limits, from the
 * constraint column of the first evaluation's rows: limit[k] for the
 * evaluation's row k (metric -1 on the objective's, and everywhere in
 * files from before that column). Returns how many rows an evaluation
 * has, or -1 (err set) on a malformed condition. */
static int read_limits(const char *dir, const struct csv_table *t, const char *first_eval,
                       int c_eval, struct metric_condition *limit, struct hk_error *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/calibrate.csv", dir);
    int col = csv_table_column(t, "constraint"), k = 0;
    for (int r = 1; r < t->rows && k <= CALIB_MAX_CONSTRAINTS &&
                    strcmp(field(t, r, c_eval), first_eval) == 0; r++, k++)
        if (read_limit(path, t, r, col, &limit[k], err) != HK_OK)
            return -1;
    return k;
}

/* At the chosen value in the search: each constraint's figure and how
 * sure it is. The search chose from the means; the intervals say
 * whether these replications can tell the value meets each limit. */
static void search_constraints_sentence(FILE *out, const struct csv_table *t, int chosen,
                                        const int *c, const struct metric_condition *limit,
                                        int metrics)
{
    for (int k = 1; k < metrics && chosen + k < t->rows; k++) {
        int r = chosen + k;
        if (limit[k].metric < 0)
            return;
        struct shown m = describe(field(t, r, c[3]));
        double mean = num(field(t, r, c[4])), low = num(field(t, r, c[5])),
               high = num(field(t, r, c[6]));
        fputs(k == 1 ? " In the search, at this value, " : "; ", out);
        html_escape(out, m.label);
        fputs(" is ", out);
        quantity(out, &m, mean, low, high);
        verdict_words(out, calib_verdict(&limit[k], mean, low, high), &limit[k]);
        if (k == metrics - 1)
            fputs(".", out);
    }
}

int report_calibration(FILE *out, const char *dir, struct hk_error *err)
{
    static const char *const need[] = {"evaluation", "param", "value", "metric", "mean",
                                       "ci95_low", "ci95_high", "feasible", "chosen", NULL};
    int c[9];
    struct csv_table *t;
    if (load(dir, "calibrate.csv", need, &t, c, err) != HK_OK)
        return err->status;
    if (!t)
        return HK_OK;
    if (t->rows < 2) {
        csv_table_free(t);
        return HK_OK;
    }
    const char *param = field(t, 1, c[1]), *objective = field(t, 1, c[3]);
    const char *first_eval = field(t, 1, c[0]);
    int c_good = csv_table_column(t, "as_good"); /* absent from older files */
    struct metric_condition limit[1 + CALIB_MAX_CONSTRAINTS];
    int metrics = read_limits(dir, t, first_eval, c[0], limit, err);
    if (metrics < 0) {
        csv_table_free(t);
        return err->status;
    }
    int chosen = -1;
    for (int r = 1; r < t->rows && chosen < 0; r++)
        if (strcmp(field(t, r, c[8]), "1") == 0 && strcmp(field(t, r, c[3]), objective) == 0)
            chosen = r;
    fputs("<section id=\"calibration\">\n<h2>Calibration of ", out);
    html_escape(out, param);
    fputs("</h2>\n<p>", out);
    if (chosen > 0) {
        fputs("Chosen value: <strong>", out);
        html_escape(out, param);
        fputs(" = ", out);
        html_escape(out, field(t, chosen, c[2]));
        fputs("</strong>, where ", out);
        struct shown m = describe(objective);
        html_escape(out, m.label);
        fputs(" is ", out);
        quantity(out, &m, num(field(t, chosen, c[4])), num(field(t, chosen, c[5])),
                 num(field(t, chosen, c[6])));
        fputs(".", out);
        search_constraints_sentence(out, t, chosen, c, limit, metrics);
        as_good_sentence(out, t, c[0], c[2], c_good, c[7]);
        if (confirmation_sentence(out, dir, err) != HK_OK) {
            csv_table_free(t);
            return err->status;
        }
    } else {
        fputs("No evaluated value met every constraint", out);
        for (int k = 1; k < metrics; k++) {
            fputs(k == 1 ? " (" : "; ", out);
            limit_words(out, &limit[k]);
        }
        fputs(metrics > 1 && limit[1].metric >= 0 ? ")." : ".", out);
    }
    fputs(" Every evaluated value, in the order evaluated:</p>\n<div class=\"scroll\">"
          "<table id=\"calibration-table\">\n<thead><tr><th scope=\"col\">#</th>"
          "<th scope=\"col\">", out);
    html_escape(out, param);
    fputs("</th>", out);
    for (int r = 1; r < t->rows && strcmp(field(t, r, c[0]), first_eval) == 0; r++) {
        struct shown m = describe(field(t, r, c[3]));
        fputs("<th scope=\"col\">", out);
        html_escape(out, r == 1 ? "objective: " : "constraint: ");
        if (r - 1 < metrics && limit[r - 1].metric >= 0)
            limit_words(out, &limit[r - 1]);
        else
            html_escape(out, m.label);
        fputs("<span class=\"unit\">", out);
        html_escape(out, m.unit);
        fputs("</span></th>", out);
    }
    fputs("<th scope=\"col\">constraints hold</th><th scope=\"col\">chosen</th></tr></thead>\n"
          "<tbody>\n", out);
    for (int r = 1; r < t->rows;) {
        const char *e = field(t, r, c[0]);
        int is_chosen = strcmp(field(t, r, c[8]), "1") == 0;
        int as_good = c_good >= 0 && strcmp(field(t, r, c_good), "1") == 0;
        fputs(is_chosen ? "<tr class=\"chosen\"><th scope=\"row\">" : "<tr><th scope=\"row\">",
              out);
        html_escape(out, e);
        fputs("</th><td>", out);
        html_escape(out, field(t, r, c[2]));
        fputs("</td>", out);
        int feasible = strcmp(field(t, r, c[7]), "1") == 0;
        for (; r < t->rows && strcmp(field(t, r, c[0]), e) == 0; r++) {
            fputs("<td>", out);
            report_cell(out, field(t, r, c[3]), num(field(t, r, c[4])), num(field(t, r, c[5])),
                        num(field(t, r, c[6])));
            fputs("</td>", out);
        }
        fprintf(out, "<td>%s</td><td>%s</td></tr>\n", feasible ? "yes" : "no",
                is_chosen ? "\xE2\x98\x85 chosen" : as_good ? "as good, within Monte Carlo error"
                                                          : "");
    }
    fputs("</tbody></table></div>\n</section>\n", out);
    csv_table_free(t);
    return HK_OK;
}
