/*
 * grid.c — grid files (libcsv via csvread) into row scenarios.
 *
 * Invariant: after grid_load() returns HK_OK, grid_scenario() succeeds
 * for every row and returns the same scenario each time: the bases are
 * loaded once, and a row is its base plus its cells, applied in order.
 */
#include "huikuan/grid.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "huikuan/markov.h"
#include "huikuan/output.h"

struct base {
    char path[4096];      /* as resolved: grid folder or current folder */
    struct scenario sc;   /* file + -n/--seed/--set */
};

struct grid {
    char path[4096];
    struct csv_table *table;
    int rows;             /* data rows: table rows minus the header */
    int width;            /* digits in row names */
    int *base_of;         /* [rows] index into bases */
    struct base *bases;
    int base_count, base_capacity;
    const char **sets;    /* the command line's --set (the strings are the caller's) */
    int set_count;
};

int grid_rows(const struct grid *g)
{
    return g->rows;
}

int grid_line(const struct grid *g, int row)
{
    return g->table->row[row + 1].line;
}

void grid_row_name(const struct grid *g, int row, char *buf, size_t size)
{
    snprintf(buf, size, "row-%0*d", g->width, row + 1);
}

void grid_free(struct grid *g)
{
    if (!g)
        return;
    csv_table_free(g->table);
    free(g->sets);
    free(g->base_of);
    free(g->bases);
    free(g);
}

/* Whether a --set gives a state's row (markov.STATE): a new chain has only
 * the rows its own row gives, and drops it. */
static int sets_state_row(const char *assignment)
{
    char key[128];
    size_t n = strcspn(assignment, "= ");
    if (n >= sizeof key)
        return 0;
    memcpy(key, assignment, n);
    key[n] = '\0';
    return scenario_is_chain_key(key) && scenario_key_value_type(key) < 0 &&
           strcmp(key, "markov.states") != 0;
}

int grid_next_override(const struct grid *g, const struct cli_options *o, int from,
                       struct grid_override *out)
{
    const struct csv_record *h = &g->table->row[0];
    for (int c = from > 1 ? from : 1; o && c < h->fields; c++) {
        const char *key = h->field[c];
        out->flag[0] = '\0';
        if (o->replications && strcmp(key, "sim.replications") == 0)
            snprintf(out->flag, sizeof out->flag, "-n %s", o->replications);
        if (o->seed && strcmp(key, "sim.seed") == 0)
            snprintf(out->flag, sizeof out->flag, "--seed %s", o->seed);
        for (int i = 0; i < o->set_count && !out->flag[0]; i++)
            if (scenario_assignment_sets(o->sets[i], key))
                snprintf(out->flag, sizeof out->flag, "--set %s", o->sets[i]);
        out->new_chain = 0;
        if (!out->flag[0] && strcmp(key, "markov.states") == 0)
            for (int i = 0; i < o->set_count && !out->new_chain; i++)
                if (sets_state_row(o->sets[i])) {
                    snprintf(out->flag, sizeof out->flag, "--set %s", o->sets[i]);
                    out->new_chain = 1;
                }
        if (!out->flag[0])
            continue;
        out->column = c;
        out->key = key;
        out->rows = 0;
        for (int r = 1; r < g->table->rows; r++)
            out->rows += c < g->table->row[r].fields && g->table->row[r].field[c][0] != '\0';
        if (out->rows > 0) /* a column left empty sets nothing */
            return 1;
    }
    return 0;
}

/* Where a scenario cell points: the grid's folder, else the current one.
 * 1 found, 0 not, -1 if a path to look at does not fit in `size`. */
static int resolve(const struct grid *g, const char *cell, char *out, size_t size)
{
    if (cell[0] == '/') {
        if ((size_t)snprintf(out, size, "%s", cell) >= size)
            return -1;
        return access(out, F_OK) == 0;
    }
    char folder[4096];
    snprintf(folder, sizeof folder, "%s", g->path);
    if ((size_t)snprintf(out, size, "%s/%s", dirname(folder), cell) >= size)
        return -1;
    if (access(out, F_OK) == 0)
        return 1;
    if ((size_t)snprintf(out, size, "%s", cell) >= size)
        return -1;
    return access(out, F_OK) == 0;
}

static int load_base(struct grid *g, const struct cli_options *o, int row, struct hk_error *err)
{
    const struct csv_record *rec = &g->table->row[row + 1];
    const char *cell = rec->field[0];
    if (cell[0] == '\0')
        return hk_error_set(err, HK_EINPUT, "%s:%d: no scenario file in the first column",
                            g->path, rec->line);
    /* Two grids joined whole (cat a.csv b.csv) repeat the header. */
    const struct csv_record *h = &g->table->row[0];
    int header = rec->fields == h->fields;
    for (int c = 0; c < rec->fields && header; c++)
        header = strcmp(rec->field[c], h->field[c]) == 0;
    if (header)
        return hk_error_set(err, HK_EINPUT, "%s:%d: the header line again (line %d is the "
                            "header); a grid has one header line: remove this one", g->path,
                            rec->line, h->line);
    char path[4096];
    int found = resolve(g, cell, path, sizeof path);
    if (found < 0)
        return hk_error_set(err, HK_EINPUT, "%s:%d: scenario file '%.200s...': path too long "
                            "(at most %zu bytes)", g->path, rec->line, cell, sizeof path - 1);
    if (!found && cell[0] == '/')
        return hk_error_set(err, HK_EINPUT, "%s:%d: scenario file '%s' not found", g->path,
                            rec->line, cell);
    if (!found) {
        char folder[4096];
        snprintf(folder, sizeof folder, "%s", g->path);
        const char *beside = dirname(folder);
        if (strcmp(beside, ".") == 0)
            return hk_error_set(err, HK_EINPUT, "%s:%d: scenario file '%s' not found (looked "
                                "in the current folder, where the grid is)", g->path, rec->line,
                                cell);
        return hk_error_set(err, HK_EINPUT, "%s:%d: scenario file '%s' not found (looked in %s/ "
                            "and in the current folder)", g->path, rec->line, cell, beside);
    }
    for (int b = 0; b < g->base_count; b++)
        if (strcmp(g->bases[b].path, path) == 0) {
            g->base_of[row] = b;
            return HK_OK;
        }
    if (g->base_count == g->base_capacity) {
        int cap = g->base_capacity ? 2 * g->base_capacity : 8;
        struct base *grown = realloc(g->bases, (size_t)cap * sizeof *grown);
        if (!grown)
            return hk_error_set(err, HK_EIO, "out of memory reading %s", g->path);
        g->bases = grown;
        g->base_capacity = cap;
    }
    struct base *b = &g->bases[g->base_count];
    snprintf(b->path, sizeof b->path, "%s", path);
    struct hk_error inner;
    hk_error_clear(&inner);
    int rc = scenario_load(&b->sc, path, &inner);
    if (rc != HK_OK)
        return hk_error_set(err, rc, "%s:%d: %s", g->path, rec->line, inner.message);
    /* The rules spanning keys wait for the row's cells, which may bring
     * one back (a --set share every row's share column completes). */
    if (o && cli_apply_overrides_unchecked(o, &b->sc, err) != HK_OK) /* the flag's own message */
        return err->status;
    g->base_of[row] = g->base_count++;
    return HK_OK;
}

/* One cell onto the row's scenario. A chain's cell replaces the file's
 * states or row as --set does (line 0), and its messages name the grid
 * line, given in the origin. */
static int apply_cell(const struct grid *g, const struct csv_record *rec, const char *key,
                      const char *value, struct scenario *sc, struct hk_error *err)
{
    if (!scenario_is_chain_key(key) || scenario_key_value_type(key) >= 0)
        return scenario_set_key(sc, key, value, g->path, rec->line, err);
    char origin[4200];
    snprintf(origin, sizeof origin, "%s:%d", g->path, rec->line);
    return scenario_set_key(sc, key, value, origin, 0, err);
}

static int check_header(const struct grid *g, struct hk_error *err)
{
    const struct csv_record *h = &g->table->row[0];
    if (h->field[0][0] == '\0')
        return hk_error_set(err, HK_EINPUT, "%s:%d: column 1 has no name; the first column "
                            "names the scenario file (call it 'scenario')", g->path, h->line);
    /* No column's name holds a ';' or a tab: a grid saved with another
     * separator would be read as one column of odd file names. */
    const char *other = h->fields == 1 ? strpbrk(h->field[0], ";\t") : NULL;
    if (other)
        return hk_error_set(err, HK_EINPUT, "%s:%d: one column, whose name holds a %s: a grid's "
                            "columns are separated by commas; save it as comma-separated",
                            g->path, h->line, *other == ';' ? "';'" : "tab");
    for (int c = 1; c < h->fields; c++) {
        const char *key = h->field[c];
        if (key[0] == '\0')
            return hk_error_set(err, HK_EINPUT, "%s:%d: column %d has no name; name a scenario "
                                "key (section.key)", g->path, h->line, c + 1);
        /* markov.states and the rows name states of the row's own file,
         * so they are checked on each row, after its file, as --set is. */
        if (scenario_key_value_type(key) < 0 && !scenario_is_chain_key(key)) {
            char origin[4200];
            snprintf(origin, sizeof origin, "%s:%d: column %d", g->path, h->line, c + 1);
            struct scenario sc;
            scenario_init_defaults(&sc);
            return scenario_set_key(&sc, key, "0", origin, 0, err);
        }
        if (strcmp(key, "sim.name") == 0)
            return hk_error_set(err, HK_EINPUT, "%s:%d: column %d: sim.name: a batch names its "
                                "rows row-NNNN itself; remove this column", g->path, h->line,
                                c + 1);
        for (int d = 1; d < c; d++)
            if (strcmp(h->field[d], key) == 0)
                return hk_error_set(err, HK_EINPUT, "%s:%d: column %d: %s: also column %d; a "
                                    "key may appear once", g->path, h->line, c + 1, key, d + 1);
    }
    return HK_OK;
}

int grid_scenario(const struct grid *g, int row, struct scenario *sc, struct hk_error *err)
{
    const struct csv_record *h = &g->table->row[0], *rec = &g->table->row[row + 1];
    *sc = g->bases[g->base_of[row]].sc;
    /* Messages about this row name grid lines only: forget the file's. */
    memset(sc->key_line, 0, sizeof sc->key_line);
    markov_forget_lines(&sc->markov);
    /* markov.states first: it starts a new chain, which would wipe a
     * state's row given in an earlier column. */
    for (int states_pass = 1; states_pass >= 0; states_pass--)
        for (int c = 1; c < h->fields; c++)
            if (rec->field[c][0] != '\0' &&
                (strcmp(h->field[c], "markov.states") == 0) == states_pass &&
                apply_cell(g, rec, h->field[c], rec->field[c], sc, err) != HK_OK)
                return err->status;
    /* A --set the row's cells replaced is not what broke a rule: of a
     * key the row set, or of the chain if the row changed it. */
    const char *sets[CLI_MAX_ARGS];
    int kept = 0, chain = 0;
    for (int c = 1; c < h->fields; c++)
        chain |= rec->field[c][0] != '\0' && scenario_is_chain_key(h->field[c]);
    for (int i = 0; i < g->set_count && kept < CLI_MAX_ARGS; i++) {
        int replaced = chain && strncmp(g->sets[i], "markov.", 7) == 0;
        for (int c = 1; c < h->fields && !replaced; c++)
            replaced = rec->field[c][0] != '\0' && scenario_assignment_sets(g->sets[i], h->field[c]);
        if (!replaced)
            sets[kept++] = g->sets[i];
    }
    struct hk_error inner;
    hk_error_clear(&inner);
    if (scenario_validate_after(sc, g->path, sets, kept, &inner) != HK_OK) {
        /* A rule broken by keys the row did not set (the file's, a
         * --set's) still belongs to the row. */
        size_t n = strlen(g->path);
        const char *rest = inner.message;
        if (strncmp(rest, g->path, n) != 0)
            return hk_error_set(err, inner.status, "%s:%d: %s", g->path, rec->line, rest);
        if (strncmp(rest + n, ": ", 2) == 0)
            return hk_error_set(err, inner.status, "%s:%d: %s", g->path, rec->line, rest + n + 2);
        return hk_error_set(err, inner.status, "%s", inner.message);
    }
    grid_row_name(g, row, sc->name, sizeof sc->name);
    return HK_OK;
}

/* A chain-row column whose every cell is empty sets nothing, so no row
 * checks its key: one that names a state of no row's chain is a typo
 * ("markov.d45" for d60), refused as a column of unknown key is. */
static int check_unused_markov_columns(const struct grid *g, struct hk_error *err)
{
    const struct csv_record *h = &g->table->row[0];
    for (int c = 1; c < h->fields; c++) {
        const char *key = h->field[c];
        if (!scenario_is_chain_key(key) || scenario_key_value_type(key) >= 0 ||
            strcmp(key, "markov.states") == 0)
            continue;
        int filled = 0, named = 0;
        for (int r = 0; r < g->rows; r++) {
            filled |= g->table->row[r + 1].field[c][0] != '\0';
            named |= markov_has_state(&g->bases[g->base_of[r]].sc.markov, key + 7);
        }
        if (!filled && !named)
            return hk_error_set(err, HK_EINPUT, "%s:%d: column %d: %s: not a state listed in "
                                "markov.states of any row's scenario (and every cell is empty)",
                                g->path, h->line, c + 1, key);
    }
    return HK_OK;
}

int grid_load(const char *path, const struct cli_options *o, struct grid **out,
              struct hk_error *err)
{
    *out = NULL;
    struct grid *g = calloc(1, sizeof *g);
    if (!g)
        return hk_error_set(err, HK_EIO, "out of memory");
    snprintf(g->path, sizeof g->path, "%s", path);
    if (o && o->set_count > 0) {
        g->sets = malloc((size_t)o->set_count * sizeof *g->sets);
        if (!g->sets) {
            grid_free(g);
            return hk_error_set(err, HK_EIO, "out of memory");
        }
        memcpy(g->sets, o->sets, (size_t)o->set_count * sizeof *g->sets);
        g->set_count = o->set_count;
    }
    if (csv_table_read(path, GRID_MAX_BYTES, &g->table, err) != HK_OK) {
        grid_free(g);
        return err->status;
    }
    int rc = HK_OK;
    if (g->table->rows == 0)
        rc = hk_error_set(err, HK_EINPUT, "%s: empty grid; expected a header line (scenario,"
                          "section.key,...) and one line per scenario", path);
    else if (g->table->rows == 1)
        rc = hk_error_set(err, HK_EINPUT, "%s:%d: a header but no rows; add one line per "
                          "scenario", path, g->table->row[0].line);
    if (rc == HK_OK)
        rc = check_header(g, err);
    if (rc != HK_OK) {
        grid_free(g);
        return rc;
    }
    g->rows = g->table->rows - 1;
    g->width = 4;
    for (int r = g->rows; r >= 10000; r /= 10)
        g->width++;
    g->base_of = calloc((size_t)g->rows, sizeof *g->base_of);
    if (!g->base_of)
        rc = hk_error_set(err, HK_EIO, "out of memory");
    int columns = g->table->row[0].fields;
    /* A last row without its line end may be cut short anywhere, in a
     * value too (1e for 1e-4): it is refused as that, not for the value. */
    int checked = g->rows;
    if (g->table->last_line_open && g->table->row[g->rows].line == g->table->lines)
        checked--;
    for (int r = 0; r < checked && rc == HK_OK; r++) {
        const struct csv_record *rec = &g->table->row[r + 1];
        if (rec->fields != columns)
            rc = hk_error_set(err, HK_EINPUT, "%s:%d: %d field%s but the header has %d (%s); "
                              "leave a cell empty to keep the scenario's value", path,
                              rec->line, rec->fields, rec->fields == 1 ? "" : "s", columns,
                              rec->fields < columns ? "truncated row?" : "extra commas?");
        else if (load_base(g, o, r, err) == HK_OK) {
            struct scenario sc;
            rc = grid_scenario(g, r, &sc, err);
        } else {
            rc = err->status;
        }
    }
    if (rc == HK_OK && g->table->last_line_open)
        rc = hk_error_set(err, HK_EINPUT, "%s:%d: the last line has no line end, as a file cut "
                          "short leaves it, and its last cell may be a value cut short (20 "
                          "read as 2); if the line is whole, end it with a line break", path,
                          g->table->lines);
    if (rc == HK_OK)
        rc = check_unused_markov_columns(g, err);
    if (rc != HK_OK) {
        grid_free(g);
        return rc;
    }
    *out = g;
    return HK_OK;
}

char *grid_index_csv(const struct grid *g, size_t *length)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, length);
    if (!f)
        return NULL;
    const struct csv_record *h = &g->table->row[0];
    struct csv_row row;
    output_csv_begin(&row, f);
    output_csv_text(&row, "row");
    output_csv_text(&row, "line");
    for (int c = 0; c < h->fields; c++)
        output_csv_text(&row, h->field[c]);
    output_csv_end(&row);
    for (int r = 0; r < g->rows; r++) {
        const struct csv_record *rec = &g->table->row[r + 1];
        char name[32];
        grid_row_name(g, r, name, sizeof name);
        output_csv_begin(&row, f);
        output_csv_text(&row, name);
        output_csv_int(&row, rec->line);
        for (int c = 0; c < rec->fields; c++)
            output_csv_text(&row, rec->field[c]);
        output_csv_end(&row);
    }
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
