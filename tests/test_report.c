/* test_report.c — provenance from run.ini, scenarios and their settings,
 * and the page: its tables, escaping, charts and missing-chart notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/output.h"
#include "huikuan/report.h"
#include "tiny_png.h"

static char dir[] = "/tmp/hk-report-XXXXXX";

/* Writes text as folder/name. */
static void put_at(const char *folder, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void put(const char *name, const char *text)
{
    put_at(dir, name, text);
}

/* Writes sc as the compare's dir/file (run-NAME.ini). */
static void put_settings(const char *file, const struct scenario *sc)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("; huikuan 9.9.9\n; command: huikuan compare '<a&b>.ini' x.ini -n 3\n\n", f);
    scenario_write_ini(sc, f);
    fclose(f);
}

static void put_scenario(const char *file, const char *name, double commission)
{
    struct scenario sc;
    scenario_init_defaults(&sc);
    snprintf(sc.name, sizeof sc.name, "%s", name);
    sc.scheme.commission_sales = commission;
    sc.sim.seed = 77;
    put_settings(file, &sc);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    put("run.ini", "; huikuan 9.9.9\n; command: huikuan compare '<a&b>.ini' x.ini -n 3\n"
                   "; 2 scenarios\n");
    put("summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
                       "beta,sales,85341482.12,1,83884556.00,86798408.24,3\n"
                       "beta,bad_debt_rate,0.019484,0,0.015032,0.023936,3\n"
                       "alpha,sales,100.5,1,90.25,110.75,3\n");
    put_scenario("run-beta.ini", "beta", 0.03);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    output_remove_tree(dir);
    return 0;
}

static void provenance_comes_from_the_comment_block(void **state)
{
    (void)state;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    struct provenance p;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(report_read_provenance(path, &p, &err), HK_OK);
    assert_string_equal(p.version, "9.9.9");
    assert_string_equal(p.command, "huikuan compare '<a&b>.ini' x.ini -n 3");
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    assert_int_equal(report_read_provenance(path, &p, &err), HK_OK);
    assert_string_equal(p.version, "");
    snprintf(path, sizeof path, "%s/absent.ini", dir);
    assert_int_equal(report_read_provenance(path, &p, &err), HK_EINPUT);
}

static void scenarios_in_summary_order_with_settings(void **state)
{
    (void)state;
    struct report_scenarios *s = calloc(1, sizeof *s);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(report_find_scenarios(dir, s, &err), HK_OK);
    assert_int_equal(s->count, 2);
    assert_string_equal(s->name[0], "beta");
    assert_string_equal(s->name[1], "alpha");
    assert_true(s->loaded[0]);
    assert_true(s->settings[0].scheme.commission_sales == 0.03);
    assert_false(s->loaded[1]); /* no run-alpha.ini, and run.ini is not alpha */
    assert_true(strlen(s->why[1]) > 0);
    free(s);
}

static char *page(const struct report_input *in)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(report_write(m, in, &err), HK_OK);
    fclose(m);
    return text;
}

/* The page of folder, without charts. */
static char *page_of(const char *folder)
{
    struct report_input in = {.dir = folder, .made_on = "x", .made_by = "y"};
    return page(&in);
}

static void page_has_tables_charts_and_provenance(void **state)
{
    (void)state;
    char plots[PATH_MAX];
    snprintf(plots, sizeof plots, "%s/plots", dir);
    mkdir(plots, 0777);
    put("plots/compare.svg", "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\" "
                             "xmlns=\"http://www.w3.org/2000/svg\"><title>Gnuplot</title>"
                             "<g id=\"gnuplot_canvas\"><rect width=\"5\" height=\"5\"/></g>"
                             "</svg>\n");
    struct report_input *in = calloc(1, sizeof *in);
    in->dir = dir;
    in->made_on = "2030-01-02 03:04 UTC";
    in->made_by = "9.9.9";
    in->charts = 2;
    in->chart[0].chart = chart_find("compare");
    snprintf(in->chart[0].svg, sizeof in->chart[0].svg, "%s/plots/compare.svg", dir);
    in->chart[1].chart = chart_find("aging");
    snprintf(in->chart[1].note, sizeof in->chart[1].note, "gnuplot <missing>");
    char *html = page(in);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(html, "</html>\n"));
    assert_non_null(strstr(html, "<table id=\"settings-table\">"));
    assert_non_null(strstr(html, "<table id=\"headline-table\">"));
    assert_null(strstr(html, "differences-table")); /* no compare.csv */
    /* mean and interval, grouped; rates as percentages */
    assert_non_null(strstr(html, "<span class=\"v\">85,341,482</span>"
                                 "<span class=\"ci\">83,884,556 \xE2\x80\x93 86,798,408</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">1.95</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">100.50</span>"));
    /* scenario colours as in the charts */
    assert_non_null(strstr(html, "background:#0072B2\"></span>beta"));
    assert_non_null(strstr(html, "background:#E69F00\"></span>alpha"));
    /* settings from run-beta.ini */
    assert_non_null(strstr(html, "base 4,000.00 a month; 3&nbsp;% of sales"));
    /* provenance, escaped */
    assert_non_null(strstr(html, "huikuan compare &#39;&lt;a&amp;b&gt;.ini&#39; x.ini -n 3"));
    assert_null(strstr(html, "<a&b>"));
    assert_non_null(strstr(html, "2030-01-02 03:04 UTC"));
    assert_non_null(strstr(html, "<dt>Seed</dt><dd>77"));
    assert_non_null(strstr(html, "<p>The same command and seed reproduce every number in this "
                                 "report; the resolved scenarios are in the folder's"));
    assert_null(strstr(html, "whose results may differ"));
    /* charts: inlined, or a note saying why not */
    assert_non_null(strstr(html, "<figure class=\"chart\" id=\"chart-compare\">"));
    assert_non_null(strstr(html, "id=\"c-compare-gnuplot_canvas\""));
    assert_non_null(strstr(html, "<figure class=\"chart\" id=\"chart-aging\">"));
    assert_non_null(strstr(html, "Chart not available: gnuplot &lt;missing&gt;"));
    /* nothing to fetch */
    assert_null(strstr(html, "http"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    free(html);
    free(in);
}

/* A bonus is shown where a scenario pays it: a collection bonus with its
 * amount and target, in the scheme's line and a row of its own; a DSO
 * bonus whose target is 0, never paid, in neither. A cash discount, an
 * exchange offer and instalment plans have a row where one is offered,
 * and taking goods back, which the scheme's line names where a rep is
 * liable or clawed back. */
static void bonuses_paid_are_shown(void **state)
{
    (void)state;
    struct scenario sc;
    scenario_init_defaults(&sc);
    snprintf(sc.name, sizeof sc.name, "alpha");
    sc.scheme.bonus_collection_amount = 500000;
    sc.scheme.bonus_collection_target = 0.7;
    sc.scheme.bonus_dso_amount = 200000; /* no target: no DSO bonus */
    put_settings("run-alpha.ini", &sc);
    char *html = page_of(dir);
    assert_non_null(strstr(html, "; bonus 5,000.00 a month when the collection rate &ge; "
                                 "70&nbsp;%"));
    assert_non_null(strstr(html, "Collection bonus<span class=\"unit\">"
                                 "scheme.bonus_collection_amount, scheme.bonus_collection_target"));
    assert_non_null(strstr(html, "5,000.00 at a collection rate &ge; 70&nbsp;%</td>"));
    assert_null(strstr(html, "a month when DSO"));
    assert_null(strstr(html, "DSO bonus<span"));
    assert_null(strstr(html, "Cash discount<span")); /* none offered */
    assert_null(strstr(html, "Exchange offer<span"));
    assert_null(strstr(html, "Instalment plan<span"));
    assert_null(strstr(html, "Taking goods back<span"));
    free(html);
    sc.firm.cash_discount = 0.02;
    sc.firm.cash_discount_days = 15;
    sc.collection.exchange_discount = 0.03;
    sc.collection.exchange_days = 90;
    sc.collection.instalments = 6;
    sc.collection.repossess = 1;
    sc.collection.repossess_value = 0.6;
    put_settings("run-alpha.ini", &sc);
    html = page_of(dir);
    assert_non_null(strstr(html, "Cash discount<span class=\"unit\">firm.cash_discount, "
                                 "firm.cash_discount_days, customers.cost_of_money"));
    assert_non_null(strstr(html, "2&nbsp;% for paying within 15 days (customers' cost of money "
                                 "12&nbsp;% a year)</td>"));
    assert_non_null(strstr(html, "Exchange offer<span class=\"unit\">"
                                 "collection.exchange_discount, collection.exchange_days"));
    assert_non_null(strstr(html, "3&nbsp;% off an overstocked reseller's orders for 90 days</td>"));
    assert_non_null(strstr(html, "Instalment plan<span class=\"unit\">collection.instalments, "
                                 "collection.instalment_interest"));
    assert_non_null(strstr(html, "6 monthly instalments, offered with the lawyer's letter to a "
                                 "customer short of cash</td>"));
    assert_non_null(strstr(html, "Taking goods back<span class=\"unit\">collection.repossess, "
                                 "collection.repossess_value"));
    assert_non_null(strstr(html, "before a lawsuit, claim or write-off, what the customer holds "
                                 "unsold; worth 60&nbsp;% of their cost</td>"));
    free(html);
    /* A rep liable for bad debt, or clawed back on it, is so on what the
     * goods lose too: the scheme's line says so. */
    sc.scheme.liability_share = 1;
    sc.scheme.transfer_price = 0.95;
    sc.scheme.clawback_share = 0.5;
    put_settings("run-alpha.ini", &sc);
    html = page_of(dir);
    assert_non_null(strstr(html, "; clawback of 50&nbsp;% of the commission on bad debt and on "
                                 "what goods taken back lose; rep bears 100&nbsp;% of bad debt, "
                                 "and of what goods taken back lose, at 95&nbsp;% of invoice "
                                 "value (buy-sell)"));
    free(html);
    sc.scheme.liability_share = 0.2;
    sc.scheme.transfer_price = 1;
    put_settings("run-alpha.ini", &sc);
    html = page_of(dir);
    assert_non_null(strstr(html, "; rep bears 20&nbsp;% of bad debt and of what goods taken back "
                                 "lose"));
    free(html);
    sc.scheme.liability_share = 0;
    sc.scheme.clawback_share = 0;
    sc.collection.instalment_interest = 0.08;
    put_settings("run-alpha.ini", &sc);
    html = page_of(dir);
    assert_non_null(strstr(html, "6 monthly instalments at 8&nbsp;% a year, offered with the "
                                 "lawyer's letter to a customer short of cash</td>"));
    free(html);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/run-alpha.ini", dir);
    remove(path);
}

/* Results another version made: the page says which reproduces them,
 * and that this one may not. */
static void results_of_another_version_say_so(void **state)
{
    (void)state;
    struct report_input in = {.dir = dir, .made_on = "x", .made_by = "10.0.0"};
    char *html = page(&in);
    assert_non_null(strstr(html, "<p class=\"note\">The same command and seed reproduce every "
                                 "number in this report with the huikuan that made them (9.9.9); "
                                 "this is huikuan 10.0.0, whose results may differ (README: "
                                 "Changes to results)."));
    assert_null(strstr(html, "<p>The same command and seed"));
    free(html);
}

static void malformed_summary_names_the_file(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-bad-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean\nbeta,sales,1\n");
    struct report_input in = {.dir = other, .made_on = "x", .made_by = "y"};
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(report_write(m, &in, &err), HK_EINPUT);
    fclose(m);
    free(text);
    assert_non_null(strstr(err.message, "summary.csv:1: no column 'ci95_low'"));
    output_remove_tree(other);
}

/* A calibrate folder's run is at the value the search chose, under the
 * preset's name: the page labels it as calibrated, key and value. */
static void calibrated_value_is_labelled_as_such(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-cal-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "late_penalty,sales,100.5,1,90.25,110.75,3\n");
    put_at(other, "calibrate.csv", "evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen,as_good,"
          "constraint\n"
          "1,scheme.penalty_daily_rate,0,dso,50,49,51,3,1,0,0,\n"
          "2,scheme.penalty_daily_rate,0.0004,dso,44,43,45,3,1,1,1,\n");
    struct report_scenarios *s = calloc(1, sizeof *s);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(report_find_scenarios(other, s, &err), HK_OK);
    assert_int_equal(s->count, 1);
    assert_string_equal(s->name[0], "late_penalty");
    assert_string_equal(s->label[0],
                        "late_penalty, calibrated: scheme.penalty_daily_rate = 0.0004");
    free(s);
    char *html = page_of(other);
    assert_non_null(strstr(html, "</span>late_penalty, calibrated: "
                                 "scheme.penalty_daily_rate = 0.0004</th>"));
    assert_null(strstr(html, "</span>late_penalty</th>"));
    free(html);
    output_remove_tree(other);
}

/* The page of a calibrate folder that version made, with this
 * calibrate.csv (header, then rows). */
static char *calibrate_page_of(const char *version, const char *header, const char *rows)
{
    char other[] = "/tmp/hk-report-cal-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
           "baseline,firm_profit,105,1,95,115,3\n");
    char ini[128], csv[2048];
    snprintf(ini, sizeof ini, "; huikuan %s\n; command: huikuan calibrate x.ini\n", version);
    put_at(other, "run.ini", ini);
    snprintf(csv, sizeof csv, "%s\n%s", header, rows);
    put_at(other, "calibrate.csv", csv);
    char *html = page_of(other);
    output_remove_tree(other);
    return html;
}

/* The same, calibrate.csv's header as 0.3.0 writes it. */
static char *calibrate_page(const char *version, const char *rows)
{
    return calibrate_page_of(version,
                             "evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,"
                             "chosen,as_good,constraint,goal,grid_as_good,optimum_span",
                             rows);
}

/* The grid's span as calibrate said it: judged on other replications
 * from 0.2.0 on, on the search's own before (the folder's run.ini says
 * which version wrote it). */
static void grid_span_names_the_replications_it_was_judged_on(void **state)
{
    (void)state;
    static const char *const version[] = {"0.1.0", "0.2.0"};
    static const char *const said[] = {"on the search&#39;s replications (3 of its 3 values",
                                       "on other replications (3 of its 3 values"};
    for (int v = 0; v < 2; v++) {
        char *html = calibrate_page(
            version[v],
            "1,scheme.commission_sales,0,firm_profit,100,90,110,3,1,0,1,,maximize,1,1\n"
            "2,scheme.commission_sales,0.1,firm_profit,105,95,115,3,1,1,1,,maximize,2,1\n"
            "3,scheme.commission_sales,0.2,firm_profit,101,91,111,3,1,0,1,,maximize,1,1\n");
        assert_non_null(strstr(html, "The grid cannot tell its best value, 0.1, from 2 others "
                                     "within Monte Carlo error "));
        assert_non_null(strstr(html, said[v]));
        assert_null(strstr(html, said[1 - v]));
        free(html);
    }
}

/* A grid value that breaks a constraint is not judged against the
 * grid's best, and from 0.4.0 its grid_as_good cell is empty: it is a
 * grid value still (the grid is the values that rise from the first),
 * so the span counts it, as calibrate did ("3 of its 4 values"), and the
 * refinement's value after the grid is not one. */
static void grid_span_counts_grid_values_not_judged(void **state)
{
    (void)state;
    char *html = calibrate_page(
        "0.4.0", "1,scheme.commission_sales,0,firm_profit,100,90,110,3,1,0,1,,maximize,1,1\n"
                 "2,scheme.commission_sales,0.1,firm_profit,104,94,114,3,1,0,1,,maximize,1,1\n"
                 "3,scheme.commission_sales,0.2,firm_profit,105,95,115,3,1,1,1,,maximize,2,1\n"
                 "4,scheme.commission_sales,0.3,firm_profit,120,110,130,3,0,0,,,maximize,,0\n"
                 "5,scheme.commission_sales,0.15,firm_profit,103,93,113,3,1,0,1,,maximize,,1\n");
    assert_non_null(strstr(html, "The grid cannot tell its best value, 0.2, from 2 others within "
                                 "Monte Carlo error on other replications (3 of its 4 values, 0 "
                                 "to 0.2): the optimum may lie anywhere from 0 to 0.3"));
    free(html);
}

/* As good as the chosen value, of how many: calibrate runs values again
 * outward from it to the first worse, and from 0.3.0 on leaves the
 * as_good cells of the others empty, so the page counts only those
 * judged; an older file's 0s do not say which were, and the page gives
 * no count. */
static void as_good_counts_only_the_values_judged(void **state)
{
    (void)state;
    static const char *const version[] = {"0.3.0", "0.2.0"};
    static const char *const unjudged[] = {"", "0"};
    static const char *const said[] = {
        "as good as 1 of the 2 other feasible values run again on replications that took no "
        "part in the choice (outward from it to the first worse; 3 other feasible in all), "
        "from 0 to 0.1 (paired",
        "as good as 1 other feasible value run again on replications that took no part in "
        "the choice, from 0 to 0.1 (paired"};
    for (int v = 0; v < 2; v++) {
        char rows[1024];
        snprintf(rows, sizeof rows,
                 "1,scheme.commission_sales,0,firm_profit,104,94,114,3,1,0,1,,maximize,,\n"
                 "2,scheme.commission_sales,0.1,firm_profit,105,95,115,3,1,1,1,,maximize,,\n"
                 "3,scheme.commission_sales,0.2,firm_profit,90,80,100,3,1,0,0,,maximize,,\n"
                 "4,scheme.commission_sales,0.3,firm_profit,80,70,90,3,1,0,%s,,maximize,,\n"
                 "5,scheme.commission_sales,0.4,firm_profit,70,60,80,3,0,0,%s,,maximize,,\n",
                 unjudged[v], unjudged[v]);
        char *html = calibrate_page(version[v], rows);
        assert_non_null(strstr(html, said[v]));
        assert_null(strstr(html, "of the 3 other feasible values"));
        free(html);
    }
}

/* A label that names several things takes "are" (Cash discounts,
 * Sales, and a metric without a label of its own named for a count,
 * litigations); one that names one thing "is". */
static void labels_take_their_verb(void **state)
{
    (void)state;
    static const char *const metric[] = {"discounts", "sales", "litigations", "firm_profit"};
    static const char *const said[] = {"</strong>, where Cash discounts are 104",
                                       "</strong>, where Sales are 104",
                                       "</strong>, where litigations are 104",
                                       "</strong>, where Firm profit is 104"};
    for (int k = 0; k < 4; k++) {
        char rows[512];
        snprintf(rows, sizeof rows,
                 "1,scheme.commission_sales,0,%s,104,94,114,3,1,1,1,,minimize,,\n"
                 "2,scheme.commission_sales,0.1,%s,105,95,115,3,1,0,1,,minimize,,\n",
                 metric[k], metric[k]);
        char *html = calibrate_page("0.4.0", rows);
        if (!strstr(html, said[k]))
            fail_msg("%s: no \"%s\" in the page", metric[k], said[k]);
        free(html);
    }
}

/* Where a target's grid means reach it, as calibrate said on the
 * terminal: in more than one place, each named; nowhere, the grid's
 * nearest mean with its interval, and that the search found the target
 * between grid values; in one place, neither. The grid is the values
 * that rise from the first evaluation (the refinement's come after). */
static void target_grid_places_are_said(void **state)
{
    (void)state;
    char *two = calibrate_page(
        "0.4.0", "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,0,,target 100,,\n"
                 "2,scheme.commission_sales,0.1,firm_profit,110,100,120,3,1,0,1,,target 100,,\n"
                 "3,scheme.commission_sales,0.2,firm_profit,95,85,105,3,1,0,1,,target 100,,\n"
                 "4,scheme.commission_sales,0.3,firm_profit,80,70,90,3,1,0,0,,target 100,,\n"
                 "5,scheme.commission_sales,0.05,firm_profit,100.25,90,110,3,1,1,1,,target 100,,\n");
    assert_non_null(strstr(two, "The grid's means reach the target in 2 places (between 0 and "
                                "0.1, between 0.1 and 0.2): more than one value meets it"));
    assert_null(strstr(two, "No grid value"));
    free(two);
    char *none = calibrate_page(
        "0.4.0", "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,0,,target 100,,\n"
                 "2,scheme.commission_sales,0.1,firm_profit,97,87,107,3,1,0,1,,target 100,,\n"
                 "3,scheme.commission_sales,0.2,firm_profit,92,82,102,3,1,0,1,,target 100,,\n"
                 "4,scheme.commission_sales,0.15,firm_profit,96,86,106,3,1,0,1,,target 100,,\n"
                 "5,scheme.commission_sales,0.12,firm_profit,100.25,90,110,3,1,1,1,,target 100,,\n");
    assert_non_null(strstr(none, "No grid value's mean reaches the target: the nearest is 97.00 "
                                 "(95&nbsp;% interval 87.00 – 107.00 currency units), at 0.1. Between "
                                 "grid values"));
    assert_null(strstr(none, "places ("));
    free(none);
    char *one = calibrate_page(
        "0.4.0", "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,0,,target 100,,\n"
                 "2,scheme.commission_sales,0.1,firm_profit,95,85,105,3,1,0,1,,target 100,,\n"
                 "3,scheme.commission_sales,0.2,firm_profit,110,100,120,3,1,0,1,,target 100,,\n"
                 "4,scheme.commission_sales,0.15,firm_profit,100.25,90,110,3,1,1,1,,target 100,,\n");
    assert_non_null(strstr(one, "Chosen value"));
    assert_null(strstr(one, "places ("));
    assert_null(strstr(one, "No grid value"));
    free(one);
}

/* Where calibrate.csv says where a target's grid means reach it
 * (target_place, from the means before rounding), the report says that,
 * not what the rounded means would: a mean written as 100.00 may be a
 * fraction of a cent either side of a target of 100. */
static void target_places_come_from_the_file(void **state)
{
    (void)state;
    static const char header[] = "evaluation,param,value,metric,mean,ci95_low,ci95_high,n,"
                                 "feasible,chosen,as_good,constraint,goal,grid_as_good,"
                                 "optimum_span,target_place";
    char *above = calibrate_page_of(
        "0.9.1", header,
        "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,1,,target 100,,,between\n"
        "2,scheme.commission_sales,0.1,firm_profit,100.00,90,110,3,1,1,1,,target 100,,,between\n"
        "3,scheme.commission_sales,0.2,firm_profit,95,85,105,3,1,0,1,,target 100,,,none\n");
    assert_non_null(strstr(above, "The grid's means reach the target in 2 places (between 0 and "
                                  "0.1, between 0.1 and 0.2): more than one value meets it"));
    free(above);
    char *below = calibrate_page_of(
        "0.9.1", header,
        "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,1,,target 100,,,none\n"
        "2,scheme.commission_sales,0.1,firm_profit,100.00,90,110,3,1,0,1,,target 100,,,none\n"
        "3,scheme.commission_sales,0.2,firm_profit,95,85,105,3,1,0,1,,target 100,,,none\n"
        "4,scheme.commission_sales,0.05,firm_profit,100.00,90,110,3,1,1,1,,target 100,,,\n");
    assert_non_null(strstr(below, "No grid value's mean reaches the target: the nearest is 100.00 "
                                  "(95&nbsp;% interval 90.00 – 110.00 currency units), at 0.1."));
    assert_null(strstr(below, "places ("));
    free(below);
    char *hit = calibrate_page_of(
        "0.9.1", header,
        "1,scheme.commission_sales,0,firm_profit,90,80,100,3,1,0,1,,target 100,,,between\n"
        "2,scheme.commission_sales,0.1,firm_profit,100.01,90,110,3,1,1,1,,target 100,,,at\n"
        "3,scheme.commission_sales,0.2,firm_profit,95,85,105,3,1,0,1,,target 100,,,between\n"
        "4,scheme.commission_sales,0.3,firm_profit,105,95,115,3,1,0,1,,target 100,,,none\n");
    assert_non_null(strstr(hit, "The grid's means reach the target in 3 places (between 0 and "
                                "0.1, at 0.1, between 0.2 and 0.3)"));
    free(hit);
}

/* An SVG of more than 4 MiB (thousands of scenarios' bars) gives way to
 * its PNG, which the page says; with a PNG no smaller, it is inlined
 * still. */
static void large_svg_gives_way_to_its_png(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-png-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
                                 "a,sales,100,1,90,110,3\n");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/plots", other);
    mkdir(path, 0777);
    const char *big[] = {"compare", "aging"};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/plots/%s.svg", other, big[k]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("<svg viewBox=\"0 0 10 10\"><g id=\"gnuplot_canvas\">", f);
        for (int i = 0; i < 110000; i++) /* 4.3 MiB */
            fputs("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"/>\n", f);
        fputs("</g></svg>\n", f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/plots/compare.png", other);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(TINY_PNG, 1, sizeof TINY_PNG - 1, f);
    fclose(f);
    /* aging's PNG is larger than its SVG: no gain, the SVG stays */
    snprintf(path, sizeof path, "%s/plots/aging.png", other);
    f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(TINY_PNG, 1, 33, f);
    for (int i = 0; i < 5000000; i++)
        fputc(0, f);
    fwrite(TINY_PNG + sizeof TINY_PNG - 1 - 12, 1, 12, f);
    fclose(f);
    struct report_input *in = calloc(1, sizeof *in);
    in->dir = other;
    in->made_on = "x";
    in->made_by = "y";
    in->charts = 2;
    for (int k = 0; k < 2; k++) {
        in->chart[k].chart = chart_find(big[k]);
        snprintf(in->chart[k].svg, sizeof in->chart[k].svg, "%s/plots/%s.svg", other, big[k]);
        assert_true(report_chart_shown(&in->chart[k]));
    }
    char *html = page(in);
    const char *compare = strstr(html, "<figure class=\"chart\" id=\"chart-compare\">");
    const char *aging = strstr(html, "<figure class=\"chart\" id=\"chart-aging\">");
    assert_non_null(compare);
    assert_non_null(aging);
    assert_true(compare < aging);
    assert_non_null(strstr(compare, "<img alt=\"Policy comparison\" src=\"data:image/png;base64,iVBORw0KGgo"));
    assert_non_null(strstr(compare, "Drawn from plots/compare.png: plots/compare.svg, 4,510,059 bytes, "
                                    "is over the page's 4&nbsp;MiB for a chart."));
    const char *svg = strstr(compare, "<svg");
    assert_true(svg > aging); /* the only SVG is aging's */
    assert_null(strstr(aging, "data:image/png"));
    free(html);
    free(in);
    output_remove_tree(other);
}

/* A mean and its interval show the same decimals, those of the largest:
 * an interval cut to 0 is "0", not "0.00", beside thousands. */
static void cell_numbers_share_their_decimals(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-dec-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "wide,sales,16921,9000,0,34125,3\n"
          "wide,bad_debt,500,700,0,1500.7,3\n"
          "wide,firm_profit,12.5,1,10.25,14.75,3\n");
    char *html = page_of(other);
    assert_non_null(strstr(html, "<span class=\"v\">16,921</span><span class=\"ci\">0 \xE2\x80\x93 34,125</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">500</span><span class=\"ci\">0 \xE2\x80\x93 1,501</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">12.50</span><span class=\"ci\">10.25 \xE2\x80\x93 14.75</span>"));
    assert_null(strstr(html, ">0.00 \xE2\x80\x93"));
    free(html);
    /* A share is shown as a percent rounded from its six decimals as
     * written, half away from zero: 0.026150 is 2.62 %, as the CSV's
     * reader rounds it, though 0.02615 x 100 in binary is 2.6149... */
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "wide,rep_turnover,0.456250,0.1,0.026150,0.133850,10\n"
          "wide,bad_debt_rate,-0.006150,0.1,-0.012345,0.000005,10\n");
    html = page_of(other);
    assert_non_null(strstr(html, "<span class=\"v\">45.63</span><span class=\"ci\">2.62 \xE2\x80\x93 13.39</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">-0.62</span><span class=\"ci\">-1.23 \xE2\x80\x93 0.00</span>"));
    free(html);
    /* An unbounded side is shown as infinite, not as a missing interval;
     * a missing one (a single replication) says so. */
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "wide,sales,16921,inf,-inf,inf,3\n"
          "wide,bad_debt,500,nan,nan,nan,1\n");
    html = page_of(other);
    assert_non_null(strstr(html, "<span class=\"v\">16,921</span><span class=\"ci\">"
                                 "-\xE2\x88\x9E \xE2\x80\x93 \xE2\x88\x9E</span>"));
    assert_non_null(strstr(html, "<span class=\"v\">500.00</span><span class=\"ci\">one replication: no interval</span>"));
    const char *once = strstr(html, "one replication: no interval");
    assert_null(strstr(once + 1, "one replication: no interval")); /* not for sales */
    free(html);
    output_remove_tree(other);
}

/* Scenarios with different replication counts: the headline gives each
 * count, and the differences say how many pairs they rest on. */
static void differences_state_their_pairs(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-pairs-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "b6,sales,100,1,90,110,6\n"
          "b12,sales,100,1,95,105,12\n");
    put_at(other, "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n"
          "b12,sales,0.00,0.00,0.00,6\n");
    char *html = page_of(other);
    assert_non_null(strstr(html, "Replications: b6 6, b12 12."));
    assert_non_null(strstr(html, "The differences rest on 6 pairs of replications."));
    free(html);
    /* A difference's infinite side is signed as its numbers are. */
    put_at(other, "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n"
          "b12,sales,10,4.5,inf,6\n");
    html = page_of(other);
    assert_non_null(strstr(html, "<span class=\"v\">+10.00</span><span class=\"ci\">+4.50 \xE2\x80\x93 +\xE2\x88\x9E</span>"));
    free(html);
    /* An interval that excludes zero, shown bold, does not read as
     * reaching it when rounded: its bound near zero keeps two decimals. */
    put_at(other, "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n"
          "b12,dso,-0.9,-1.8,-0.048,6\n");
    html = page_of(other);
    assert_non_null(strstr(html, "<td class=\"resolved\"><span class=\"v\">-0.90</span>"
                                 "<span class=\"ci\">-1.80 \xE2\x80\x93 -0.05</span>"));
    free(html);
    output_remove_tree(other);
}

/* A headline mean over fewer replications than its scenario ran (a
 * metric some left without a value) says over how many, under it. */
static void headline_counts_a_mean_over_fewer_replications(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-fewer-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "a,sales,100,1,90,110,3\n"
          "a,dso,41.5,nan,nan,nan,1\n"
          "a,bad_debt_rate,0.02,0.01,0.01,0.03,2\n"
          "a,rep_turnover,nan,nan,nan,nan,0\n"
          "a,firm_profit,10,1,9,11,3\n");
    char *html = page_of(other);
    assert_non_null(strstr(html, "<span class=\"ci\">one replication: no interval</span>"
                                 "<span class=\"ci\">n&nbsp;=&nbsp;1 of 3 replications</span>"));
    assert_non_null(strstr(html, "3.00</span><span class=\"ci\">n&nbsp;=&nbsp;2 of 3 "
                                 "replications</span>"));
    assert_non_null(strstr(html, "<span class=\"ci\">no value in any of 3 replications</span>"));
    /* sales and firm profit are over all three: no note */
    assert_null(strstr(html, "3 of 3"));
    free(html);
    output_remove_tree(other);
}

/* A cash discount or an exchange offer has its cost in the headline and
 * the differences where some scenario pays one (the first only, or all
 * alike), and no row where none does: most firms offer neither, and a
 * row of zeros would say nothing. So has the interest collected on
 * instalment plans, where some scenario collects it. */
static void discounts_have_rows_only_where_paid(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-discounts-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "a,sales,100,1,90,110,3\n"
          "a,discounts,0,0,0,0,3\n"
          "a,concessions,0,0,0,0,3\n"
          "b,sales,100,1,90,110,3\n"
          "b,discounts,2.5,0.5,2,3,3\n"
          "b,concessions,0,0,0,0,3\n"
          "b,interest,1.5,0.5,1,2,3\n"
          "b,repossessed,7,1,6,8,3\n"
          "b,repossessed_value,3.5,0.5,3,4,3\n");
    put_at(other, "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n"
          "b,sales,0,-1,1,3\n"
          "b,discounts,2.5,2,3,3\n"
          "b,concessions,0,0,0,3\n"
          "b,interest,1.5,1,2,3\n"
          "b,repossessed,7,6,8,3\n"
          "b,repossessed_value,3.5,3,4,3\n");
    char *html = page_of(other);
    char *diff = strstr(html, "<table id=\"differences-table\">");
    assert_non_null(diff);
    assert_non_null(strstr(html, "<th scope=\"row\">Cash discounts"));
    assert_non_null(strstr(diff, "<th scope=\"row\">Cash discounts"));
    assert_null(strstr(html, "Exchange concessions"));
    assert_non_null(strstr(diff, "<th scope=\"row\">Instalment interest"));
    assert_non_null(strstr(diff, "<th scope=\"row\">Goods taken back<"));
    assert_non_null(strstr(diff, "<th scope=\"row\">Goods taken back: worth<"));
    free(html);
    /* Only the first scenario pays; then both alike (a difference of 0,
     * still a cost they pay). */
    for (int alike = 0; alike < 2; alike++) {
        put_at(other, "summary.csv", alike ? "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
                                             "a,sales,100,1,90,110,3\n"
                                             "a,concessions,4,0,4,4,3\n"
                                             "b,sales,100,1,90,110,3\n"
                                             "b,concessions,4,0,4,4,3\n"
                                           : "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
                                             "a,sales,100,1,90,110,3\n"
                                             "a,concessions,4,0,4,4,3\n"
                                             "b,sales,100,1,90,110,3\n"
                                             "b,concessions,0,0,0,0,3\n");
        put_at(other, "compare.csv", alike ? "scenario,metric,diff_mean,diff_ci95_low,"
                                             "diff_ci95_high,n\n"
                                             "b,sales,0,-1,1,3\n"
                                             "b,concessions,0,0,0,3\n"
                                           : "scenario,metric,diff_mean,diff_ci95_low,"
                                             "diff_ci95_high,n\n"
                                             "b,sales,0,-1,1,3\n"
                                             "b,concessions,-4,-4,-4,3\n");
        html = page_of(other);
        diff = strstr(html, "<table id=\"differences-table\">");
        assert_non_null(diff);
        assert_non_null(strstr(html, "<th scope=\"row\">Exchange concessions"));
        assert_non_null(strstr(diff, "<th scope=\"row\">Exchange concessions"));
        assert_null(strstr(html, "Cash discounts"));
        assert_null(strstr(html, "Instalment interest"));
        assert_null(strstr(html, "Goods taken back"));
        free(html);
    }
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "a,sales,100,1,90,110,3\n"
          "a,discounts,0,0,0,0,3\n"
          "a,concessions,0,0,0,0,3\n");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/compare.csv", other);
    assert_int_equal(remove(path), 0);
    html = page_of(other);
    assert_non_null(strstr(html, "<table id=\"headline-table\">"));
    assert_null(strstr(html, "Cash discounts"));
    free(html);
    output_remove_tree(other);
}

/* A sweep's cell whose metric some of the value's replications left
 * without a value says over how many, as the headline's do. */
static void sweep_counts_a_mean_over_fewer_replications(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-sweep-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "sweep.csv", "param,value,metric,mean,sd,ci95_low,ci95_high,n\n"
          "orders.rate_per_month,0,sales,0,0,0,0,3\n"
          "orders.rate_per_month,0,dso,nan,nan,nan,nan,0\n"
          "orders.rate_per_month,0.1,sales,50,1,40,60,3\n"
          "orders.rate_per_month,0.1,dso,41.5,nan,nan,nan,1\n"
          "orders.rate_per_month,1,sales,500,1,490,510,3\n"
          "orders.rate_per_month,1,dso,40,1,38,42,3\n");
    char *html = page_of(other);
    assert_non_null(strstr(html, "<table id=\"sweep-table\">"));
    assert_non_null(strstr(html, "<span class=\"ci\">no value in any of 3 replications</span>"));
    assert_non_null(strstr(html, "<span class=\"ci\">one replication: no interval</span>"
                                 "<span class=\"ci\">n&nbsp;=&nbsp;1 of 3 replications</span>"));
    /* at 1, DSO is over all three: no note */
    assert_null(strstr(html, "3 of 3"));
    free(html);
    output_remove_tree(other);
}

static void put_row(const char *root, const char *row, uint64_t seed)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/rows", root);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/rows/%s", root, row);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/rows/%s/run.ini", root, row);
    struct scenario sc;
    scenario_init_defaults(&sc);
    snprintf(sc.name, sizeof sc.name, "%s", row);
    sc.sim.seed = seed;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    scenario_write_ini(&sc, f);
    fclose(f);
}

/* A batch's rows keep their settings in rows/row-NNNN/run.ini; common
 * random numbers are claimed only when the rows share a seed. */
static void batch_rows_settings_and_seeds(void **state)
{
    (void)state;
    char other[] = "/tmp/hk-report-batch-XXXXXX";
    assert_non_null(mkdtemp(other));
    put_at(other, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
          "row-0001,sales,100,1,90,110,3\n"
          "row-0002,sales,100,1,95,105,3\n");
    put_row(other, "row-0001", 1);
    put_row(other, "row-0002", 2);
    char *html = page_of(other);
    assert_null(strstr(html, "common random numbers"));
    assert_non_null(strstr(html, "2 scenarios on different seeds"));
    assert_non_null(strstr(html, "<dt>Seed</dt><dd>1, 2"));
    free(html);
    put_row(other, "row-0002", 1);
    html = page_of(other);
    assert_non_null(strstr(html, "(common random numbers)"));
    /* A batch's scenarios are resolved in its rows' folders. */
    assert_non_null(strstr(html, "resolved scenarios are in this folder's rows/row-NNNN/run.ini, one per row"));
    free(html);
    output_remove_tree(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(provenance_comes_from_the_comment_block),
        cmocka_unit_test(scenarios_in_summary_order_with_settings),
        cmocka_unit_test(page_has_tables_charts_and_provenance),
        cmocka_unit_test(results_of_another_version_say_so),
        cmocka_unit_test(malformed_summary_names_the_file),
        cmocka_unit_test(calibrated_value_is_labelled_as_such),
        cmocka_unit_test(grid_span_names_the_replications_it_was_judged_on),
        cmocka_unit_test(grid_span_counts_grid_values_not_judged),
        cmocka_unit_test(as_good_counts_only_the_values_judged),
        cmocka_unit_test(target_grid_places_are_said),
        cmocka_unit_test(target_places_come_from_the_file),
        cmocka_unit_test(labels_take_their_verb),
        cmocka_unit_test(cell_numbers_share_their_decimals),
        cmocka_unit_test(large_svg_gives_way_to_its_png),
        cmocka_unit_test(differences_state_their_pairs),
        cmocka_unit_test(headline_counts_a_mean_over_fewer_replications),
        cmocka_unit_test(discounts_have_rows_only_where_paid),
        cmocka_unit_test(sweep_counts_a_mean_over_fewer_replications),
        cmocka_unit_test(batch_rows_settings_and_seeds),
        cmocka_unit_test(bonuses_paid_are_shown),
    };
    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
