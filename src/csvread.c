/*
 * csvread.c — libcsv callbacks building a table, fed one line at a time
 * so that each row knows the line it came from.
 */
#include "huikuan/csvread.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/textfile.h"

struct builder {
    struct csv_table *t;
    int capacity;
    struct csv_record current;
    int field_capacity;
    int line;
    int row_line;     /* the line the row being read began on */
    int between_rows; /* no byte of the next row read yet */
    int failed;
};

static void on_field(void *data, size_t len, void *user)
{
    struct builder *b = user;
    if (b->failed)
        return;
    if (b->current.fields == 0)
        b->current.line = b->row_line; /* not the line it ends on, for a quoted line break */
    if (b->current.fields == b->field_capacity) {
        int cap = b->field_capacity ? b->field_capacity * 2 : 8;
        char **grown = realloc(b->current.field, (size_t)cap * sizeof *grown);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->current.field = grown;
        b->field_capacity = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        b->failed = 1;
        return;
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    b->current.field[b->current.fields++] = copy;
}

static void on_row(int terminator, void *user)
{
    (void)terminator;
    struct builder *b = user;
    b->between_rows = 1;
    if (b->failed)
        return;
    if (b->current.fields == 0)
        return;
    struct csv_table *t = b->t;
    if (t->rows == b->capacity) {
        int cap = b->capacity ? b->capacity * 2 : 64;
        struct csv_record *grown = realloc(t->row, (size_t)cap * sizeof *grown);
        if (!grown) {
            b->failed = 1;
            return;
        }
        t->row = grown;
        b->capacity = cap;
    }
    t->row[t->rows++] = b->current;
    memset(&b->current, 0, sizeof b->current);
    b->field_capacity = 0;
}

static void record_free(struct csv_record *r)
{
    for (int i = 0; i < r->fields; i++)
        free(r->field[i]);
    free(r->field);
}

void csv_table_free(struct csv_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->rows; i++)
        record_free(&t->row[i]);
    free(t->row);
    free(t);
}

/* Bytes up to and including the end of the physical line at p: "\n",
 * "\r\n" or a lone "\r" (libcsv ends rows at either, so line numbers
 * must count both, or a file with old Mac line endings is all "line 1"). */
static size_t line_length(const char *p, const char *end)
{
    for (const char *q = p; q < end; q++) {
        if (*q == '\n')
            return (size_t)(q - p) + 1;
        if (*q == '\r')
            return (size_t)(q - p) + (q + 1 < end && q[1] == '\n' ? 2 : 1);
    }
    return (size_t)(end - p);
}

/* Spaces and tabs only, up to its line end: libcsv passes over such a
 * line between rows as over an empty one. */
static int blank_line(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

int csv_table_parse(const char *text, long length, const char *origin,
                    struct csv_table **out, struct hk_error *err)
{
    *out = NULL;
    const char *nul = memchr(text, '\0', (size_t)length);
    if (nul) {
        int line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n' || (*p == '\r' && p[1] != '\n');
        return hk_error_set(err, HK_EINPUT, "%s:%d: binary data (NUL byte) in a CSV file",
                            origin, line);
    }
    /* A UTF-8 byte order mark (spreadsheets save one) is not data: left
     * in, it makes a quoted first field malformed and an unquoted one a
     * column name nobody typed. Scenario files skip it too. */
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        length -= 3;
    }
    struct builder b = {.between_rows = 1};
    b.t = calloc(1, sizeof *b.t);
    struct csv_parser p;
    if (!b.t || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(b.t);
        return hk_error_set(err, HK_EIO, "%s: out of memory", origin);
    }
    int rc = HK_OK;
    const char *cursor = text, *end = text + length;
    while (cursor < end && rc == HK_OK) {
        size_t len = line_length(cursor, end);
        b.line++;
        /* A row begins on the first line after the last with anything on
         * it but blanks (libcsv skips empty and blank lines), and each
         * physical line is fed whole, so a row never begins mid-line. */
        if (b.between_rows && !blank_line(cursor, len)) {
            b.row_line = b.line;
            b.between_rows = 0;
        }
        if (csv_parse(&p, cursor, len, on_field, on_row, &b) != len)
            rc = hk_error_set(err, HK_EINPUT, "%s:%d: malformed CSV (%s)", origin, b.line,
                              csv_strerror(csv_error(&p)));
        cursor += len;
    }
    if (rc == HK_OK && csv_fini(&p, on_field, on_row, &b) != 0)
        rc = hk_error_set(err, HK_EINPUT, "%s:%d: malformed CSV (unterminated quoted field)",
                          origin, b.line);
    if (rc == HK_OK && b.failed)
        rc = hk_error_set(err, HK_EIO, "%s: out of memory reading CSV", origin);
    csv_free(&p);
    record_free(&b.current);
    if (rc != HK_OK) {
        csv_table_free(b.t);
        return rc;
    }
    b.t->lines = b.line;
    b.t->last_line_open = length > 0 && text[length - 1] != '\n' && text[length - 1] != '\r';
    *out = b.t;
    return HK_OK;
}

int csv_table_read(const char *path, long max_bytes, struct csv_table **out,
                   struct hk_error *err)
{
    *out = NULL;
    char *text;
    long length;
    if (textfile_read(path, "CSV file", max_bytes, &text, &length, err) != HK_OK)
        return err->status;
    int rc = csv_table_parse(text, length, path, out, err);
    free(text);
    return rc;
}

int csv_table_column(const struct csv_table *t, const char *name)
{
    if (t->rows == 0)
        return -1;
    for (int i = 0; i < t->row[0].fields; i++)
        if (strcmp(t->row[0].field[i], name) == 0)
            return i;
    return -1;
}
