/*
 * fuzz_grid.c — libFuzzer harness for batch grid files (grid_load).
 *
 * Input: arbitrary bytes, written as a grid file into a private folder
 * and loaded as `huikuan batch` would, from the repository root (so a
 * cell "scenarios/baseline.ini" names a preset). A refusal must be
 * HK_EINPUT naming the grid file; an accepted grid must give every row a
 * valid scenario whose run.ini reloads to the same text, and an index
 * (batch.csv) that reads back to the grid's own cells.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_check.h"
#include "huikuan/csvread.h"
#include "huikuan/grid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char grid_path[80];

static char grid_dir[64];

static void remove_grid(void)
{
    unlink(grid_path);
    rmdir(grid_dir);
}

static void write_grid(const uint8_t *data, size_t size)
{
    if (!grid_path[0]) {
        snprintf(grid_dir, sizeof grid_dir, "/tmp/huikuan-fuzz-grid-XXXXXX");
        FUZZ_CHECK(mkdtemp(grid_dir) != NULL);
        snprintf(grid_path, sizeof grid_path, "%s/grid.csv", grid_dir);
        atexit(remove_grid);
    }
    FILE *f = fopen(grid_path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
}

/* The index reads back to the grid: a header "row,line,<header>", then a
 * row per grid row with its name, line and the very same cells. */
static void check_index(const struct grid *g)
{
    size_t length = 0;
    char *index = grid_index_csv(g, &length);
    FUZZ_CHECK(index != NULL);
    struct csv_table *back = NULL, *grid = NULL;
    struct hk_error err;
    hk_error_clear(&err);
    FUZZ_CHECK(csv_table_parse(index, (long)length, "batch.csv", &back, &err) == HK_OK);
    FUZZ_CHECK(csv_table_read(grid_path, GRID_MAX_BYTES, &grid, &err) == HK_OK);
    FUZZ_CHECK(back->rows == grid_rows(g) + 1 && grid->rows == back->rows);
    for (int r = 0; r < back->rows; r++) {
        FUZZ_CHECK(back->row[r].fields == grid->row[r].fields + 2);
        for (int c = 0; c < grid->row[r].fields; c++)
            if (strcmp(back->row[r].field[c + 2], grid->row[r].field[c]) != 0) {
                fprintf(stderr, "index row %d cell %d: '%s' read back as '%s'\n", r, c,
                        grid->row[r].field[c], back->row[r].field[c + 2]);
                abort();
            }
    }
    csv_table_free(back);
    csv_table_free(grid);
    free(index);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return 0;
    write_grid(data, size);
    struct grid *g = NULL;
    struct hk_error err;
    hk_error_clear(&err);
    int rc = grid_load(grid_path, NULL, &g, &err);
    if (rc != HK_OK) {
        FUZZ_CHECK(g == NULL);
        if (rc != HK_EINPUT || strncmp(err.message, grid_path, strlen(grid_path)) != 0) {
            fprintf(stderr, "bad refusal: rc %d, message: %s\n", rc, err.message);
            abort();
        }
        return 0;
    }
    static struct scenario sc;
    for (int r = 0; r < grid_rows(g); r++) {
        hk_error_clear(&err);
        FUZZ_CHECK(grid_scenario(g, r, &sc, &err) == HK_OK);
        fuzz_check_accepted(&sc);
    }
    check_index(g);
    grid_free(g);
    return 0;
}
