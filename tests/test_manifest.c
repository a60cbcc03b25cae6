/* test_manifest.c — the list of files huikuan wrote in a results folder:
 * what it lists, how it is read back, added to, and checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/manifest.h"
#include "huikuan/output.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hk-manifest-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    output_remove_tree(dir);
    return 0;
}

static void put(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The whole of a file, or "" if it is absent. */
static const char *contents(const char *name)
{
    static char buf[1024];
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static void write_list(void)
{
    char path[128];
    struct hk_error err;
    hk_error_clear(&err);
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(manifest_write(f, dir, &err), HK_OK);
    assert_int_equal(fclose(f), 0);
}

/* The step is FNV-1a's: from FNV's own start it gives the published
 * checksums of "", "a" and "abc". The lists start elsewhere (see
 * manifest.h), and a file's checksum is the step from there. */
static void hash_is_the_fnv1a_step(void **state)
{
    (void)state;
    const unsigned long long fnv_start = 0xcbf29ce484222325ULL;
    assert_true(manifest_hash(fnv_start, "", 0) == 0xcbf29ce484222325ULL);
    assert_true(manifest_hash(fnv_start, "a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(manifest_hash(fnv_start, "abc", 3) == 0xe71fa2190541574bULL);
    /* Taken on in pieces, as a file is read. */
    assert_true(manifest_hash(manifest_hash(fnv_start, "a", 1), "bc", 2) ==
                0xe71fa2190541574bULL);
    assert_true(manifest_hash(MANIFEST_HASH_START, "", 0) == 0x14650fb0739d0383ULL);
    assert_true(manifest_hash(MANIFEST_HASH_START, "abc", 3) == 0xe16801510db89efdULL);
}

static void lists_the_files_at_the_top_in_name_order(void **state)
{
    (void)state;
    put("summary.csv", "abc");
    put("aging.csv", "a");
    put(".huikuan-results", "");
    char sub[128];
    snprintf(sub, sizeof sub, "%s/plots", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    write_list();
    assert_string_equal(contents(MANIFEST_NAME), "aging.csv 1 44bd8ad473cd9906\n"
                                                 "summary.csv 3 e16801510db89efd\n");
    struct manifest *m;
    assert_int_equal(manifest_load(dir, &m), 1);
    assert_true(manifest_lists(m, "summary.csv"));
    assert_true(manifest_lists(m, "aging.csv"));
    assert_false(manifest_lists(m, "plots"));
    assert_false(manifest_lists(m, ".huikuan-results"));
    assert_false(manifest_lists(m, "report.html"));
    manifest_free(m);
}

static void a_folder_without_a_list_or_with_a_bad_one(void **state)
{
    (void)state;
    struct manifest *m = (struct manifest *)1;
    assert_int_equal(manifest_load(dir, &m), 0);
    assert_null(m);
    const char *bad[] = {"not a list\n", "summary.csv 3 e71fa2190541574b", /* cut short */
                         "summary.csv 3 e71fa2190541574b extra\n", "summary.csv three 1\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        put(MANIFEST_NAME, bad[i]);
        assert_int_equal(manifest_load(dir, &m), -1);
        assert_null(m);
    }
    put(MANIFEST_NAME, "");
    assert_int_equal(manifest_load(dir, &m), 1); /* a folder of no files */
    assert_false(manifest_lists(m, "summary.csv"));
    manifest_free(m);
}

static int admit1(const char *name, const char *ready, struct hk_error *err)
{
    return manifest_admit(dir, &name, &ready, 1, err);
}

static void admit_adds_or_replaces_one_line(void **state)
{
    (void)state;
    struct hk_error err;
    hk_error_clear(&err);
    char ready[128];
    snprintf(ready, sizeof ready, "%s/ready", dir);
    put("ready", "abc");
    /* No list: the folder is an earlier version's, and stays without one. */
    assert_int_equal(admit1("report.html", ready, &err), HK_OK);
    assert_string_equal(contents(MANIFEST_NAME), "");
    put("summary.csv", "a");
    write_list();
    put("ready", "abc");
    assert_int_equal(admit1("report.html", ready, &err), HK_OK);
    assert_string_equal(contents(MANIFEST_NAME), "ready 3 e16801510db89efd\n"
                                                 "summary.csv 1 44bd8ad473cd9906\n"
                                                 "report.html 3 e16801510db89efd\n");
    put("ready", "a");
    assert_int_equal(admit1("report.html", ready, &err), HK_OK);
    assert_string_equal(contents(MANIFEST_NAME), "ready 3 e16801510db89efd\n"
                                                 "summary.csv 1 44bd8ad473cd9906\n"
                                                 "report.html 1 44bd8ad473cd9906\n");
    /* Several at once: each where the list had it, the new ones after. */
    put("other", "abcd");
    char other[128];
    snprintf(other, sizeof other, "%s/other", dir);
    const char *names[] = {"plots/aging.svg", "report.html", "plots/aging.png"};
    const char *files[] = {ready, other, other};
    assert_int_equal(manifest_admit(dir, names, files, 3, &err), HK_OK);
    assert_string_equal(contents(MANIFEST_NAME), "ready 3 e16801510db89efd\n"
                                                 "summary.csv 1 44bd8ad473cd9906\n"
                                                 "report.html 4 bc58d5ba50b57dfb\n"
                                                 "plots/aging.svg 1 44bd8ad473cd9906\n"
                                                 "plots/aging.png 4 bc58d5ba50b57dfb\n");
    /* One that cannot be read: nothing is listed. */
    files[1] = "/no/such/file";
    assert_int_equal(manifest_admit(dir, names, files, 3, &err), HK_EIO);
    assert_non_null(strstr(err.message, "/no/such/file: cannot read"));
    assert_non_null(strstr(contents(MANIFEST_NAME), "report.html 4 "));
    hk_error_clear(&err);
    /* A list it cannot read is not rewritten. */
    put(MANIFEST_NAME, "garbled\n");
    assert_int_equal(admit1("report.html", ready, &err), HK_EIO);
    assert_non_null(strstr(err.message, "cannot be read, or is not a list of files"));
    assert_string_equal(contents(MANIFEST_NAME), "garbled\n");
}

static void intact_only_with_every_listed_file_unchanged(void **state)
{
    (void)state;
    static const char *const required[] = {"run.ini", "summary.csv", NULL};
    static const char *const more[] = {"run.ini", "summary.csv", "monthly.csv", NULL};
    assert_false(manifest_intact(dir, required)); /* no list */
    put("run.ini", "[sim]\n");
    put("summary.csv", "abc");
    write_list();
    assert_true(manifest_intact(dir, required));
    assert_false(manifest_intact(dir, more)); /* not listed */
    put("summary.csv", "abd"); /* same size, other bytes */
    assert_false(manifest_intact(dir, required));
    put("summary.csv", "abc");
    assert_true(manifest_intact(dir, required));
    /* A chart plot drew and listed may go: it is drawn again from the rest. */
    char ready[128];
    snprintf(ready, sizeof ready, "%s/summary.csv", dir);
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(admit1("plots/aging.png", ready, &err), HK_OK);
    assert_true(manifest_intact(dir, required));
    char path[128];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    unlink(path);
    assert_false(manifest_intact(dir, required));
}

static void changed_only_when_listed_with_other_bytes(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    put("run.ini", "[sim]\ndays = 30\n");
    assert_false(manifest_changed(path)); /* no list */
    write_list();
    assert_false(manifest_changed(path));
    put("run.ini", "[sim]\ndays = 99\n");
    assert_true(manifest_changed(path));
    put("notes.ini", "mine");
    snprintf(path, sizeof path, "%s/notes.ini", dir);
    assert_false(manifest_changed(path)); /* not listed: not huikuan's to judge */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_is_the_fnv1a_step),
        cmocka_unit_test_setup_teardown(lists_the_files_at_the_top_in_name_order, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(a_folder_without_a_list_or_with_a_bad_one, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(admit_adds_or_replaces_one_line, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(intact_only_with_every_listed_file_unchanged, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(changed_only_when_listed_with_other_bytes, make_dir,
                                        remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
