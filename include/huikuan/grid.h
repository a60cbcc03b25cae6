/*
 * grid.h — a batch grid file: one scenario per row.
 *
 *     scenario,scheme.penalty_daily_rate,reps.count
 *     baseline.ini,0.0001,20
 *     hybrid.ini,,40
 *
 * Line 1 is the header: the first column names a scenario file (its
 * header text is free, "scenario" by convention), every other column a
 * scenario key, section.key. Each later line is one scenario: the file,
 * then the command line's -n/--seed/--set, then the row's cells in
 * column order (a markov.states cell first, as it starts a new chain);
 * an empty cell keeps the value from before. The rules spanning keys
 * (segment shares summing to 1) hold for each row as it ends, so a --set
 * the row's cells complete is accepted. A relative
 * scenario path is looked up in the grid's folder first, then in the
 * current folder. Row i (1-based) is named row-NNNN (at least 4 digits,
 * more when the grid needs them) in every output.
 *
 * grid_load() checks every row — file, keys, values, cross-key rules —
 * before returning, so a bad row is reported (GRID:LINE: key = value:
 * why) before anything runs. It keeps the parsed file and one copy of
 * each distinct scenario file, not a scenario per row: grid_scenario()
 * rebuilds a row's scenario on demand, identically each time.
 */
#ifndef HUIKUAN_GRID_H
#define HUIKUAN_GRID_H

#include <stddef.h>
#include "huikuan/cli.h"
#include "huikuan/csvread.h"
#include "huikuan/error.h"
#include "huikuan/scenario.h"

/* Grid files are text tables; anything larger is a mistake. */
#define GRID_MAX_BYTES (256L << 20)

struct grid;

/* o supplies -n/--seed/--set for every row (NULL: none). The grid keeps
 * its own list of the --set strings, which must outlive it (they are the
 * command line's). */
int grid_load(const char *path, const struct cli_options *o, struct grid **out,
              struct hk_error *err);
void grid_free(struct grid *g);

int grid_rows(const struct grid *g);

/* Line of the grid file that row (0-based) comes from. */
int grid_line(const struct grid *g, int row);

/* "row-0001" for row 0. */
void grid_row_name(const struct grid *g, int row, char *buf, size_t size);

/* The fully resolved scenario of a row (0-based), named row-NNNN. */
int grid_scenario(const struct grid *g, int row, struct scenario *sc, struct hk_error *err);

/* A column that sets a key the command line also sets for every row
 * (-n sets sim.replications, --seed sim.seed, --set its key): where the
 * row's cell is not empty, the cell wins. Or a markov.states column,
 * whose cell starts a new chain: a --set of a state's row
 * (markov.STATE) is dropped in that row. */
struct grid_override {
    int column;       /* in the header, from 0 (the scenario column) */
    const char *key;  /* the column's name */
    char flag[256];   /* the command line's setting, as given ("-n 20") */
    int rows;         /* rows whose cell is not empty */
    int new_chain;    /* the column is markov.states and flag a state's row */
};

/* The first such column at or after column `from` (1: the first key
 * column) into *out; 0 when there is none. */
int grid_next_override(const struct grid *g, const struct cli_options *o, int from,
                       struct grid_override *out);

/* The index written as DIR/batch.csv: "row,line," and the grid's header,
 * then one line per row with its name, line and cells. malloc'd text. */
char *grid_index_csv(const struct grid *g, size_t *length);

#endif
