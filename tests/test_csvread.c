/* test_csvread.c — CSV rows with their line numbers, and malformed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "huikuan/csvread.h"

static void rows_fields_and_lines(void **state)
{
    (void)state;
    const char *text = "scenario,metric,mean\n\nbase,\"sales, net\",12.50\n"
                       "x,\"two\nlines\",3\n\"first\nfield\",y,5\nlast,row,4";
    struct csv_table *t;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(text, (long)strlen(text), "m.csv", &t, &err), HK_OK);
    assert_int_equal(t->rows, 5);
    assert_int_equal(t->row[1].line, 3);
    assert_string_equal(t->row[1].field[1], "sales, net");
    assert_string_equal(t->row[2].field[1], "two\nlines");
    /* A row is on the line it begins on, a quoted line break in its first
     * field or not. */
    assert_int_equal(t->row[2].line, 4);
    assert_string_equal(t->row[3].field[0], "first\nfield");
    assert_int_equal(t->row[3].line, 6);
    assert_int_equal(t->row[4].line, 8);
    assert_string_equal(t->row[4].field[2], "4");
    assert_int_equal(csv_table_column(t, "mean"), 2);
    assert_int_equal(csv_table_column(t, "nope"), -1);
    assert_int_equal(t->lines, 8);
    assert_true(t->last_line_open);
    csv_table_free(t);
    /* A line of blanks between rows is skipped as an empty one is: the
     * next row is on its own line, not the blank one's. */
    const char *blanks = "scenario,rate\nbase,0\n   \n\t\nbase,-1\n \t ";
    assert_int_equal(csv_table_parse(blanks, (long)strlen(blanks), "g.csv", &t, &err), HK_OK);
    assert_int_equal(t->rows, 3);
    assert_int_equal(t->row[1].line, 2);
    assert_int_equal(t->row[2].line, 5);
    assert_string_equal(t->row[2].field[1], "-1");
    assert_int_equal(t->lines, 6);
    assert_true(t->last_line_open);
    csv_table_free(t);
    const char *ended = "scenario,rate\r\nbase,0\r\n";
    assert_int_equal(csv_table_parse(ended, (long)strlen(ended), "g.csv", &t, &err), HK_OK);
    assert_int_equal(t->lines, 2);
    assert_false(t->last_line_open);
    csv_table_free(t);
}

static void malformed_csv_names_the_line(void **state)
{
    (void)state;
    struct csv_table *t;
    struct hk_error err;
    const char *stray = "a,b\n1,2\n3,x\"y\n";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(stray, (long)strlen(stray), "g.csv", &t, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "g.csv:3: malformed CSV"));
    const char *open = "a,b\n1,\"unterminated\n";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(open, (long)strlen(open), "g.csv", &t, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "unterminated"));
    const char nul[] = "a,b\n1,\0\n";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(nul, (long)sizeof nul - 1, "g.csv", &t, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "g.csv:2: binary data"));
}

/* Regression (found by fuzz_csv): libcsv ends a row at a lone CR too, so
 * rows of a file with CR line endings all claimed to be on line 1. */
static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    struct csv_table *t;
    struct hk_error err;
    const char *quoted = "\xef\xbb\xbf\"scenario\",customers.count\nbaseline.ini,50\n";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(quoted, (long)strlen(quoted), "g.csv", &t, &err), HK_OK);
    assert_string_equal(t->row[0].field[0], "scenario");
    assert_int_equal(t->row[1].line, 2);
    csv_table_free(t);
    const char *bare = "\xef\xbb\xbfscenario,customers.count\nbaseline.ini,50\n";
    assert_int_equal(csv_table_parse(bare, (long)strlen(bare), "g.csv", &t, &err), HK_OK);
    assert_int_equal(csv_table_column(t, "scenario"), 0);
    csv_table_free(t);
}

static void every_line_ending_counts(void **state)
{
    (void)state;
    const char *text = "a,b\r1,2\r\n\r\n3,4\n5,6";
    struct csv_table *t;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(text, (long)strlen(text), "m.csv", &t, &err), HK_OK);
    assert_int_equal(t->rows, 4);
    assert_int_equal(t->row[0].line, 1);
    assert_int_equal(t->row[1].line, 2);
    assert_int_equal(t->row[2].line, 4);
    assert_int_equal(t->row[3].line, 5);
    csv_table_free(t);

    const char *bad = "a,b\r1,2\r3,x\"y\r";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(bad, (long)strlen(bad), "g.csv", &t, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "g.csv:3: malformed CSV"));
    const char nul[] = "a,b\r1,\0\n";
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(nul, (long)sizeof nul - 1, "g.csv", &t, &err), HK_EINPUT);
    assert_non_null(strstr(err.message, "g.csv:2: binary data"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fields_and_lines),
        cmocka_unit_test(malformed_csv_names_the_line),
        cmocka_unit_test(every_line_ending_counts),
        cmocka_unit_test(byte_order_mark_is_skipped),
    };
    return cmocka_run_group_tests_name("csvread", tests, NULL, NULL);
}
