/*
 * fuzz_csv.c — libFuzzer harness for the CSV reader under grid files.
 *
 * Input: arbitrary bytes (NULs included) as a whole CSV file. A refusal
 * must be HK_EINPUT naming the file; an accepted table must be well
 * formed: rows in order of their lines, each line within the file, every
 * row non-empty and every field a string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "huikuan/csvread.h"

#define ORIGIN "fuzz.csv"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    /* A private copy without a terminator: the reader must honour length. */
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);

    struct csv_table *t = NULL;
    struct hk_error err;
    hk_error_clear(&err);
    int rc = csv_table_parse(text, (long)size, ORIGIN, &t, &err);
    if (rc != HK_OK) {
        FUZZ_CHECK(t == NULL);
        fuzz_check_refusal(rc, &err, ORIGIN);
        free(text);
        return 0;
    }
    int lines = 1;
    for (size_t i = 0; i < size; i++) /* "\n", "\r\n" and a lone "\r" end a line */
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n'));
    FUZZ_CHECK(t != NULL && t->rows >= 0);
    for (int r = 0; r < t->rows; r++) {
        const struct csv_record *row = &t->row[r];
        FUZZ_CHECK(row->fields > 0);
        FUZZ_CHECK(row->line >= 1 && row->line <= lines);
        FUZZ_CHECK(r == 0 || row->line > t->row[r - 1].line);
        for (int f = 0; f < row->fields; f++)
            FUZZ_CHECK(row->field[f] != NULL && strlen(row->field[f]) <= size);
    }
    if (t->rows > 0)
        FUZZ_CHECK(csv_table_column(t, t->row[0].field[0]) == 0);
    csv_table_free(t);
    free(text);
    return 0;
}
