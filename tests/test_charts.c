/* test_charts.c — which charts fit a folder, finding scripts, quoting for
 * gnuplot, the palette agreeing with plots/common.gp, and telling a
 * complete PNG or SVG from one cut short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/charts.h"
#include "huikuan/output.h"

static void put(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int applies(const char *dir, const char *name)
{
    int which[CHART_COUNT];
    int n = charts_applicable(dir, which);
    for (int i = 0; i < n; i++)
        if (strcmp(chart_get(which[i])->name, name) == 0)
            return 1;
    return 0;
}

static void charts_follow_the_files_present(void **state)
{
    (void)state;
    char dir[] = "/tmp/hk-charts-XXXXXX";
    assert_non_null(mkdtemp(dir));
    int which[CHART_COUNT];
    assert_int_equal(charts_applicable(dir, which), 0);
    put(dir, "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n\n"
                            "a,sales,1,0,1,1,2\n");
    put(dir, "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n\n\n");
    put(dir, "sweep.csv", "param,value,metric,mean,sd,ci95_low,ci95_high,n\n"
                          "scheme.x,1,sales,1,0,1,1,2\n");
    assert_int_equal(charts_applicable(dir, which), 2);
    assert_true(applies(dir, "compare"));
    assert_true(applies(dir, "sweep"));
    assert_false(applies(dir, "differences")); /* header only: nothing to draw */
    assert_false(applies(dir, "aging"));
    output_remove_tree(dir);
}

static void catalogue_is_complete(void **state)
{
    (void)state;
    static const char *const names[] = {"compare", "differences", "sweep", "calibrate",
                                        "aging", "rep_pay", "monthly", "collectibility"};
    for (int i = 0; i < CHART_COUNT; i++) {
        const struct chart *c = chart_get(i);
        assert_non_null(c);
        assert_string_equal(c->name, names[i]);
        assert_ptr_equal(chart_find(names[i]), c);
        assert_true(strlen(c->title) > 0 && strlen(c->caption) > 20);
        char script[PATH_MAX];
        snprintf(script, sizeof script, "plots/%s.gp", c->name);
        FILE *f = fopen(script, "r");
        assert_non_null(f); /* every chart has its script */
        fclose(f);
    }
    assert_null(chart_get(CHART_COUNT));
    assert_null(chart_find("pie"));
}

static void palette_matches_common_gp(void **state)
{
    (void)state;
    FILE *f = fopen("plots/common.gp", "r");
    assert_non_null(f);
    char line[512], want[256];
    int found = 0;
    snprintf(want, sizeof want, "hk_palette = \"%s\"\n", charts_palette_words());
    while (fgets(line, sizeof line, f))
        found |= strcmp(line, want) == 0;
    fclose(f);
    assert_true(found);
    assert_string_equal(charts_colour(0), "#0072B2");
    assert_string_equal(charts_colour(8), charts_colour(0)); /* wraps around */
}

/* The report's swatches tell a ninth scenario from the first, which
 * shares its colour: hatched, as its bars are. */
static void ninth_swatch_is_hatched(void **state)
{
    (void)state;
    char first[128], ninth[128], want[64];
    charts_swatch_css(0, first, sizeof first);
    charts_swatch_css(8, ninth, sizeof ninth);
    snprintf(want, sizeof want, "background:%s", charts_colour(0));
    assert_string_equal(first, want);
    assert_non_null(strstr(ninth, "repeating-linear-gradient"));
    assert_non_null(strstr(ninth, charts_colour(0)));
    assert_string_not_equal(first, ninth);
}

static void quoting_for_gnuplot(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(charts_gnuplot_quote("results/x", out, sizeof out), 0);
    assert_string_equal(out, "'results/x'");
    assert_int_equal(charts_gnuplot_quote("it's \"here\"", out, sizeof out), 0);
    assert_string_equal(out, "'it''s \"here\"'");
    assert_int_equal(charts_gnuplot_quote("two\nlines", out, sizeof out), -1);
    assert_int_equal(charts_gnuplot_quote("0123456789", out, 8), -1);
}

static void scripts_are_found(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    struct hk_error err;
    hk_error_clear(&err);
    setenv("HUIKUAN_PLOTS", "plots", 1);
    assert_int_equal(charts_find_scripts(NULL, dir, sizeof dir, &err), HK_OK);
    assert_string_equal(dir, "plots");
    setenv("HUIKUAN_PLOTS", "tests", 1);
    assert_int_equal(charts_find_scripts(NULL, dir, sizeof dir, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "HUIKUAN_PLOTS=tests"));
    unsetenv("HUIKUAN_PLOTS");
    hk_error_clear(&err);
    assert_int_equal(charts_find_scripts(NULL, dir, sizeof dir, &err), HK_OK);
    assert_non_null(strstr(dir, "plots"));
}

static void missing_gnuplot_is_one_clear_error(void **state)
{
    (void)state;
    char *saved = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    char path[PATH_MAX];
    struct hk_error err;
    hk_error_clear(&err);
    setenv("PATH", "/nonexistent", 1);
    assert_int_equal(charts_find_gnuplot(path, sizeof path, &err), HK_EIO);
    assert_non_null(strstr(err.message, "gnuplot not found"));
    if (saved) {
        setenv("PATH", saved, 1);
        free(saved);
    }
}

/* Writes n bytes of data to dir/name; returns its path in a static buffer. */
static const char *put_bytes(const char *dir, const char *name, const void *data, size_t n)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

/* gnuplot exits 0 when a full disk cuts its files short, so a chart is
 * known whole only by its ending: a PNG's IEND chunk, an SVG's </svg>. */
static void cut_short_charts_are_not_complete(void **state)
{
    (void)state;
    char dir[] = "/tmp/hk-complete-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',              /* signature */
        0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0,
        0x3a, 0x7e, 0x9b, 0x55,                                    /* IHDR and its CRC */
        0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82}; /* IEND */
    assert_true(charts_file_complete(put_bytes(dir, "good.png", png, sizeof png)));
    assert_false(charts_file_complete(put_bytes(dir, "cut.png", png, sizeof png - 1)));
    assert_false(charts_file_complete(put_bytes(dir, "half.png", png, 25)));
    assert_false(charts_file_complete(put_bytes(dir, "empty.png", "", 0)));
    unsigned char junk[sizeof png];
    memcpy(junk, png, sizeof png);
    junk[1] = 'X'; /* ends like a PNG but does not open like one */
    assert_false(charts_file_complete(put_bytes(dir, "junk.png", junk, sizeof junk)));

    const char *svg = "<?xml version=\"1.0\"?>\n<svg width=\"10\">\n<g>\n</g>\n</svg>\n\n";
    assert_true(charts_file_complete(put_bytes(dir, "good.svg", svg, strlen(svg))));
    assert_false(charts_file_complete(put_bytes(dir, "cut.svg", svg, strlen(svg) - 4)));
    assert_false(charts_file_complete(put_bytes(dir, "mid.svg", svg, 30)));
    assert_false(charts_file_complete(put_bytes(dir, "empty.svg", "", 0)));
    const char *inner = "<svg>\n<svg>\n</svg>\n<g>"; /* a closing tag, but not the last */
    assert_false(charts_file_complete(put_bytes(dir, "inner.svg", inner, strlen(inner))));

    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/none.svg", dir);
    assert_false(charts_file_complete(path)); /* missing */
    assert_false(charts_file_complete(put_bytes(dir, "good.txt", svg, strlen(svg))));
    assert_false(charts_file_complete(dir)); /* a folder */
    output_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(charts_follow_the_files_present),
        cmocka_unit_test(catalogue_is_complete),
        cmocka_unit_test(palette_matches_common_gp),
        cmocka_unit_test(ninth_swatch_is_hatched),
        cmocka_unit_test(quoting_for_gnuplot),
        cmocka_unit_test(scripts_are_found),
        cmocka_unit_test(missing_gnuplot_is_one_clear_error),
        cmocka_unit_test(cut_short_charts_are_not_complete),
    };
    return cmocka_run_group_tests_name("charts", tests, NULL, NULL);
}
