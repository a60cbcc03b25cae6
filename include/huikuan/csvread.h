/*
 * csvread.h — reading a CSV file (libcsv) into rows with line numbers.
 *
 * For grid files and for reading results back (plot, report). Fields are
 * NUL-terminated strings; each row remembers the physical line it starts
 * on, so an error can say "grid.csv:14: ...". Parsing is strict: a stray
 * quote or an unterminated quoted field is an error naming its line.
 */
#ifndef HUIKUAN_CSVREAD_H
#define HUIKUAN_CSVREAD_H

#include "huikuan/error.h"

struct csv_record {
    int line;      /* 1-based line the row starts on */
    int fields;
    char **field;
};

struct csv_table {
    int rows;      /* including the header row, if any */
    struct csv_record *row;
    int lines;     /* physical lines in the text, a last one without its line end included */
    int last_line_open; /* the text ends without a line end */
};

/* Reads the whole file (a regular file only, see textfile.h). Blank
 * lines (and lines of spaces and tabs) are skipped; lines end at LF,
 * CRLF or a lone CR. HK_EINPUT with
 * "path:line: ..." on malformed CSV, NUL bytes, or files over max_bytes. */
int csv_table_read(const char *path, long max_bytes, struct csv_table **out,
                   struct hk_error *err);

/* Same, from memory (origin names it in messages). */
int csv_table_parse(const char *text, long length, const char *origin,
                    struct csv_table **out, struct hk_error *err);

void csv_table_free(struct csv_table *t);

/* Column index of name in row 0, or -1. */
int csv_table_column(const struct csv_table *t, const char *name);

#endif
