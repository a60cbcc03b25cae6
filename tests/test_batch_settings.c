/* test_batch_settings.c — a batch's record of its rows' settings: what it
 * holds, how earlier records read, and what a refused --resume is told. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/batch_settings.h"
#include "huikuan/cli.h"
#include "huikuan/output.h"

static char dir[64];
static char grid_path[128];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hk-batch-settings-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_file("s.ini", "[sim]\nreplications = 2\n");
    write_file("t.ini", "[sim]\nreplications = 2\n[firm]\nterm_days = 30\n");
    write_file("grid.csv", "scenario,reps.count\ns.ini,7\nt.ini,8\n\nt.ini,9\n");
    snprintf(grid_path, sizeof grid_path, "%s/grid.csv", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    output_remove_tree(dir);
    return 0;
}

/* The grid's rows, resolved with -n `replications` (NULL: none), into s. */
static struct grid *record(struct batch_settings *s, const char *replications)
{
    struct cli_options o;
    memset(&o, 0, sizeof o);
    o.replications = replications;
    struct hk_error err;
    hk_error_clear(&err);
    struct grid *g = NULL;
    if (grid_load(grid_path, &o, &g, &err) != HK_OK)
        fail_msg("%s", err.message);
    batch_settings_init(s, g, "grid.csv");
    for (int r = 0; r < grid_rows(g); r++) {
        struct scenario sc;
        assert_int_equal(grid_scenario(g, r, &sc, &err), HK_OK);
        assert_int_equal(batch_settings_add(s, &sc, &err), HK_OK);
    }
    return g;
}

static void keep(const struct batch_settings *s, const char *command)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, BATCH_SETTINGS_NAME);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(batch_settings_write(s, command, f), 0);
    assert_int_equal(fclose(f), 0);
}

/* The checksum over every row is the one earlier versions kept: each
 * row's run.ini text in turn, from BATCH_DIGEST_START. */
static void the_checksum_is_the_one_earlier_versions_kept(void **state)
{
    (void)state;
    struct batch_settings s;
    struct grid *g = record(&s, NULL);
    unsigned long long want = BATCH_DIGEST_START;
    for (int r = 0; r < grid_rows(g); r++) {
        struct scenario sc;
        struct hk_error err;
        assert_int_equal(grid_scenario(g, r, &sc, &err), HK_OK);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        scenario_write_ini(&sc, f);
        fclose(f);
        want = manifest_hash(want, text, len);
        free(text);
    }
    assert_int_equal(s.rows, 3);
    assert_true(s.digest == want);
    assert_true(s.row[1] != s.row[2]); /* reps.count 8 and 9 */
    batch_settings_free(&s);
    grid_free(g);
}

static void the_record_reads_back(void **state)
{
    (void)state;
    struct batch_settings s;
    struct grid *g = record(&s, NULL);
    keep(&s, "huikuan batch grid.csv -n 2");
    unsigned long long digest = 0;
    char command[128] = "unchanged";
    assert_int_equal(batch_settings_recorded(dir, &digest, command, sizeof command), 1);
    assert_true(digest == s.digest);
    assert_string_equal(command, "huikuan batch grid.csv -n 2");
    char why[600];
    batch_settings_explain(&s, dir, why, sizeof why);
    assert_string_equal(why, ""); /* nothing differs */
    batch_settings_free(&s);
    grid_free(g);
}

/* -n changes every row: row 1 is named, with the key, from the record. */
static void another_n_names_row_one_and_the_key(void **state)
{
    (void)state;
    struct batch_settings was, now;
    struct grid *g1 = record(&was, NULL), *g2 = record(&now, "5");
    keep(&was, "huikuan batch grid.csv");
    char why[600];
    batch_settings_explain(&now, dir, why, sizeof why);
    assert_string_equal(why, "row-0001 (grid.csv:2): sim.replications was 2, now 5");
    batch_settings_free(&was);
    batch_settings_free(&now);
    grid_free(g1);
    grid_free(g2);
}

/* A file only later rows read changed: the first of them is named; its
 * key is known only once the row has its own run.ini. */
static void a_later_row_is_named_and_its_key_once_finished(void **state)
{
    (void)state;
    struct batch_settings was, now;
    struct grid *g1 = record(&was, NULL);
    keep(&was, "huikuan batch grid.csv");
    write_file("t.ini", "[sim]\nreplications = 2\n[firm]\nterm_days = 45\n");
    struct grid *g2 = record(&now, NULL);
    char why[600];
    batch_settings_explain(&now, dir, why, sizeof why);
    assert_string_equal(why, "row-0002 (grid.csv:3) is the first row that differs, by -n, "
                             "--seed, --set or a scenario file it reads");

    /* The row as it was finished: its run.ini, comments and all. */
    struct scenario sc;
    struct hk_error err;
    assert_int_equal(grid_scenario(g1, 1, &sc, &err), HK_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/rows", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/rows/row-0002", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/rows/row-0002/run.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("; huikuan\n; command: huikuan batch grid.csv\n\n", f);
    scenario_write_ini(&sc, f);
    assert_int_equal(fclose(f), 0);
    batch_settings_explain(&now, dir, why, sizeof why);
    assert_string_equal(why, "row-0002 (grid.csv:3): firm.term_days was 30, now 45");

    write_file("t.ini", "[sim]\nreplications = 2\n[firm]\nterm_days = 30\n");
    batch_settings_free(&was);
    batch_settings_free(&now);
    grid_free(g1);
    grid_free(g2);
}

/* A record of an earlier version holds the checksum alone: it reads, and
 * says nothing more, and the command given is left as it was. */
static void an_earlier_record_says_no_more(void **state)
{
    (void)state;
    write_file(BATCH_SETTINGS_NAME, "settings 00000000000000ff\n");
    struct batch_settings now;
    struct grid *g = record(&now, "5");
    unsigned long long digest = 0;
    char command[64] = "as given";
    assert_int_equal(batch_settings_recorded(dir, &digest, command, sizeof command), 1);
    assert_true(digest == 0xff);
    assert_string_equal(command, "as given");
    char why[600] = "x";
    batch_settings_explain(&now, dir, why, sizeof why);
    assert_string_equal(why, "");
    write_file(BATCH_SETTINGS_NAME, "not a record\n");
    assert_int_equal(batch_settings_recorded(dir, &digest, NULL, 0), 0);
    batch_settings_free(&now);
    grid_free(g);
}

/* A results folder's run.ini names the version that made it on its first
 * line, whole: one cut short, or not of digits and dots, names none. */
static void the_version_that_made_a_folder(void **state)
{
    (void)state;
    char v[48];
    const char ok[] = "; huikuan 0.4.0\n; command: huikuan run x.ini\n";
    assert_int_equal(batch_settings_made_by(ok, strlen(ok), v, sizeof v), 1);
    assert_string_equal(v, "0.4.0");
    const char *none[] = {"; huikuan 0.4.0", "; huikuan \n", "; huikuan 0.2.0x\n",
                          "; huikuan0.4.0\n", "[sim]\n", ""};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
        assert_int_equal(batch_settings_made_by(none[k], strlen(none[k]), v, sizeof v), 0);
    /* 41 digits: more than a version has. */
    char longer[64] = "; huikuan ";
    memset(longer + strlen(longer), '1', 41);
    strcat(longer, "\n");
    assert_int_equal(batch_settings_made_by(longer, strlen(longer), v, sizeof v), 0);
    /* Room for the version, not for "0.4.0" in 5 bytes. */
    assert_int_equal(batch_settings_made_by(ok, strlen(ok), v, 5), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_checksum_is_the_one_earlier_versions_kept),
        cmocka_unit_test(the_version_that_made_a_folder),
        cmocka_unit_test(the_record_reads_back),
        cmocka_unit_test(another_n_names_row_one_and_the_key),
        cmocka_unit_test(a_later_row_is_named_and_its_key_once_finished),
        cmocka_unit_test(an_earlier_record_says_no_more),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
