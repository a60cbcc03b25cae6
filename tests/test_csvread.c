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
                       "x,\"two\nlines\",3\nlast,row,4";
    struct csv_table *t;
    struct hk_error err;
    hk_error_clear(&err);
    assert_int_equal(csv_table_parse(text, (long)strlen(text), "m.csv", &t, &err), HK_OK);
    assert_int_equal(t->rows, 4);
    assert_int_equal(t->row[1].line, 3);
    assert_string_equal(t->row[1].field[1], "sales, net");
    assert_string_equal(t->row[2].field[1], "two\nlines");
    assert_int_equal(t->row[3].line, 6);
    assert_string_equal(t->row[3].field[2], "4");
    assert_int_equal(csv_table_column(t, "mean"), 2);
    assert_int_equal(csv_table_column(t, "nope"), -1);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fields_and_lines),
        cmocka_unit_test(malformed_csv_names_the_line),
    };
    return cmocka_run_group_tests_name("csvread", tests, NULL, NULL);
}
