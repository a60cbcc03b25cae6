/*
 * batch_combine.h — a batch's combined files, written from its finished
 * rows (rows/row-NNNN/) into its folder. Private to batch.c and
 * batch_combine.c.
 */
#ifndef HUIKUAN_BATCH_COMBINE_H
#define HUIKUAN_BATCH_COMBINE_H

#include "huikuan/error.h"

/* Written last and never removed, so that a batch that has it stays
 * finished whenever a --resume of it stops. */
#define BATCH_COMBINE_LAST "summary.csv"

/* The tables every row holds, each with its `scenario` column naming
 * the row, in name order, then run.ini, and BATCH_COMBINE_LAST last.
 * What only some rows have (a Markov chain's markov.csv, without that
 * column) stays in their own folders. Freed with
 * batch_combine_free_names(), also after an error. */
int batch_combine_names(char ***out, int *count, struct hk_error *err);
void batch_combine_free_names(char **names, int count);

/* Whether dir/name already holds exactly the bytes the rows (names in
 * row order) combine to: then it is left as it is, so that a --resume of
 * a finished batch writes nothing, and stopping it at any moment leaves
 * nothing changed behind. command is recorded in the combined run.ini. */
int batch_combine_current(const char *dir, const char *name, char (*rows)[32], int count,
                          const char *command);

/* Replaces dir/name by one rename of a complete temporary file, named in
 * dir's list of what huikuan wrote first, so that it holds, whenever the
 * process stops, its earlier bytes or the new. */
int batch_combine_write(const char *dir, const char *name, char (*rows)[32], int count,
                        const char *command, struct hk_error *err);

#endif
