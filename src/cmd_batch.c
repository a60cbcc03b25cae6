/*
 * cmd_batch.c — `huikuan batch GRID.csv`: one scenario per grid row,
 * across threads (-j) and MPI ranks (mpirun), resumable (--resume).
 *
 * Work is (row, replication) items. Pending rows are taken in chunks of
 * whole rows; within a chunk, item i goes to rank i mod K and each rank
 * runs its items on its threads. Ranks send their results to rank 0,
 * which writes every row of the chunk (atomically, see batch.h) before
 * the next chunk starts. A row's files are a function of its results,
 * stored by (row, replication), and nothing else, so the folder is
 * byte-identical for any K, any thread count, and any pattern of kills
 * and resumes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "huikuan/batch.h"
#include "huikuan/batch_settings.h"
#include "huikuan/cli.h"
#include "huikuan/cluster.h"
#include "huikuan/commands.h"
#include "huikuan/grid.h"
#include "huikuan/pack.h"
#include "huikuan/progress.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"
#include "huikuan/staging_guard.h"

/* Items per chunk per rank-thread: enough to keep threads busy, few
 * enough that a kill loses little (rows are written chunk by chunk). */
enum { CHUNK_ITEMS_PER_THREAD = 8 };

struct batch_run {
    struct cli_options o;
    struct grid *grid;
    struct batch_dir *dir;         /* rank 0 only */
    char out[4096];
    unsigned char *pending;        /* [rows] 1 = still to compute */
    struct batch_settings settings; /* what every row resolves to */
    int rank, size, threads;
    struct progress prog;
};

struct chunk {
    int count;                     /* rows */
    struct scenario *sc;           /* [count] */
    int *grid_row;                 /* [count]: each one's row of the grid */
    struct replication_result **res; /* [count][replications] */
    int items;
    int *item_row, *item_rep;      /* [items] */
    struct hk_error *item_err;     /* [items] */
};

static void chunk_free(struct chunk *c)
{
    for (int j = 0; c->res && j < c->count; j++) {
        for (int r = 0; c->res[j] && r < c->sc[j].sim.replications; r++)
            engine_result_free(&c->res[j][r]);
        free(c->res[j]);
    }
    free(c->res);
    free(c->sc);
    free(c->grid_row);
    free(c->item_row);
    free(c->item_rep);
    free(c->item_err);
    memset(c, 0, sizeof *c);
}

static int chunk_grow(struct chunk *c, int *capacity, struct hk_error *err)
{
    int cap = *capacity ? 2 * *capacity : 16;
    struct scenario *sc = realloc(c->sc, (size_t)cap * sizeof *sc);
    if (sc)
        c->sc = sc;
    struct replication_result **res = realloc(c->res, (size_t)cap * sizeof *res);
    if (res)
        c->res = res;
    int *grid_row = realloc(c->grid_row, (size_t)cap * sizeof *grid_row);
    if (grid_row)
        c->grid_row = grid_row;
    if (!sc || !res || !grid_row)
        return hk_error_set(err, HK_EIO, "out of memory");
    *capacity = cap;
    return HK_OK;
}

/* Pending rows from *next on, until the chunk holds target items. */
static int chunk_take(struct batch_run *b, int *next, int target, struct chunk *c,
                      struct hk_error *err)
{
    int rows = grid_rows(b->grid), items = 0, capacity = 0;
    memset(c, 0, sizeof *c);
    for (; *next < rows && (items < target || c->count == 0); (*next)++) {
        if (!b->pending[*next])
            continue;
        if (c->count == capacity && chunk_grow(c, &capacity, err) != HK_OK)
            return err->status;
        struct scenario *sc = &c->sc[c->count];
        c->res[c->count] = NULL;
        c->grid_row[c->count] = *next;
        if (grid_scenario(b->grid, *next, sc, err) != HK_OK)
            return err->status;
        if (!(c->res[c->count] = runner_alloc_results(sc, err)))
            return err->status;
        items += sc->sim.replications;
        c->count++;
    }
    c->item_row = malloc((size_t)items * sizeof *c->item_row + 1);
    c->item_rep = malloc((size_t)items * sizeof *c->item_rep + 1);
    c->item_err = calloc((size_t)items + 1, sizeof *c->item_err);
    if (!c->item_row || !c->item_rep || !c->item_err)
        return hk_error_set(err, HK_EIO, "out of memory for %lld replications' work items; give "
                            "fewer (-n, sim.replications)", (long long)items);
    for (int j = 0; j < c->count; j++)
        for (int r = 0; r < c->sc[j].sim.replications; r++) {
            c->item_row[c->items] = j;
            c->item_rep[c->items++] = r;
        }
    return HK_OK;
}

static void chunk_compute(struct batch_run *b, struct chunk *c)
{
    int mine = c->items > b->rank ? (c->items - b->rank + b->size - 1) / b->size : 0;
#pragma omp parallel for schedule(dynamic, 1)
    for (int k = 0; k < mine; k++) {
        int i = b->rank + k * b->size;
        /* ticking as its days pass, so a long replication moves the line */
        engine_run_threads(&c->sc[c->item_row[i]], c->item_rep[i], 1, &b->prog,
                           &c->res[c->item_row[i]][c->item_rep[i]], &c->item_err[i]);
    }
}

/* Header of what a rank sends: its first failure, if any, and which
 * work item it was (INT32_MAX if none), so that rank 0 names the first
 * of the chunk's failures, whichever rank ran it: the same message for
 * any rank count. */
struct report {
    int32_t status;
    int32_t item;
    char message[HK_ERROR_MAX];
};

static void first_failure(const struct batch_run *b, const struct chunk *c, int rank,
                          struct report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->item = INT32_MAX;
    for (int i = rank; i < c->items; i += b->size)
        if (c->item_err[i].status != HK_OK) {
            rep->item = i;
            /* Named as the grid names it: its file and line, then the row. */
            int j = c->item_row[i];
            rep->status = c->item_err[i].status;
            snprintf(rep->message, sizeof rep->message, "%.300s:%d: %.63s: %.600s",
                     b->o.positional[0], grid_line(b->grid, c->grid_row[j]), c->sc[j].name,
                     c->item_err[i].message);
            return;
        }
}

static int send_results(struct batch_run *b, struct chunk *c)
{
    size_t len = sizeof(struct report);
    for (int i = b->rank; i < c->items; i += b->size)
        len += pack_result_size(&c->res[c->item_row[i]][c->item_rep[i]]);
    unsigned char *buf = malloc(len);
    struct report rep;
    first_failure(b, c, b->rank, &rep);
    if (!buf) {
        rep.status = HK_EIO;
        snprintf(rep.message, sizeof rep.message, "rank %d: out of memory", b->rank);
        return cluster_send(&rep, sizeof rep, 0);
    }
    memcpy(buf, &rep, sizeof rep);
    unsigned char *p = buf + sizeof rep;
    for (int i = b->rank; i < c->items; i += b->size)
        p = pack_result(&c->res[c->item_row[i]][c->item_rep[i]], p);
    int rc = cluster_send(buf, len, 0);
    free(buf);
    return rc;
}

static int receive_results(struct batch_run *b, struct chunk *c, int from, struct report *first,
                           struct hk_error *err)
{
    void *data;
    size_t len;
    if (cluster_recv(&data, &len, from) != HK_OK)
        return hk_error_set(err, HK_EIO, "rank %d: results did not arrive", from);
    const unsigned char *p = data, *end = p + len;
    struct report rep;
    int rc = HK_OK;
    if (len < sizeof rep) {
        rc = hk_error_set(err, HK_EIO, "rank %d: a short message", from);
    } else {
        memcpy(&rep, p, sizeof rep);
        p += sizeof rep;
        if (rep.status != HK_OK) {
            rc = rep.status;
            if (rep.item < first->item)
                *first = rep;
        }
    }
    for (int i = from; rc == HK_OK && i < c->items; i += b->size) {
        p = unpack_result(p, end, &c->res[c->item_row[i]][c->item_rep[i]]);
        if (!p)
            rc = hk_error_set(err, HK_EIO, "rank %d: results cut short", from);
        progress_tick(&b->prog, ENGINE_PROGRESS_PARTS); /* another rank's replication, whole */
    }
    free(data);
    return rc;
}

/* Rank 0: gather, then write every row of the chunk. */
static int chunk_collect(struct batch_run *b, struct chunk *c, struct hk_error *err)
{
    struct report first;
    first_failure(b, c, 0, &first);
    for (int from = 1; from < b->size; from++)
        receive_results(b, c, from, &first, err); /* every rank must be heard */
    if (first.status != HK_OK)
        hk_error_set(err, first.status, "%s", first.message);
    for (int j = 0; err->status == HK_OK && j < c->count; j++) {
        struct run_set set = {1, &c->sc[j], &c->res[j]};
        batch_write_row(b->dir, &set, err);
    }
    return err->status;
}

/* What every rank does before the first simulation: read the grid and
 * the scenario files it names, resolve every row. */
static int setup_grid(struct batch_run *b, struct hk_error *err)
{
    if (b->o.positional_count != 1)
        return hk_error_set(err, HK_EINPUT, "batch: expects one grid file, got %d",
                            b->o.positional_count);
    for (int i = 0; i < b->o.set_count; i++)
        if (scenario_assignment_sets(b->o.sets[i], "sim.name"))
            return hk_error_set(err, HK_EINPUT, "--set %s: a batch names its rows row-NNNN "
                                "itself; leave sim.name out", b->o.sets[i]);
    if (grid_load(b->o.positional[0], &b->o, &b->grid, err) != HK_OK)
        return err->status;
    int rows = grid_rows(b->grid);
    /* Said, not refused: a grid may set a key in some rows and leave the
     * command line's value to the others. --quiet, for scripts that know
     * the rule, silences it. */
    struct grid_override over;
    for (int from = 1; b->rank == 0 && !b->o.quiet && grid_next_override(b->grid, &b->o, from, &over);
         from = over.column + 1) {
        if (over.new_chain)
            cli_note("note: %s: column %d, %s, starts a new chain in %d of the %d rows, from "
                     "the row's own cells: the command line's %s is dropped there",
                     b->o.positional[0], over.column + 1, over.key, over.rows, rows, over.flag);
        else
            cli_note("note: %s: column %d, %s, sets it in %d of the %d rows, where the cell "
                     "wins over the command line's %s", b->o.positional[0], over.column + 1,
                     over.key, over.rows, rows, over.flag);
    }
    b->pending = malloc((size_t)rows);
    if (!b->pending)
        return hk_error_set(err, HK_EIO, "out of memory");
    memset(b->pending, 1, (size_t)rows);
    batch_settings_init(&b->settings, b->grid, b->o.positional[0]);
    for (int r = 0; r < rows; r++) {
        struct scenario sc;
        if (grid_scenario(b->grid, r, &sc, err) != HK_OK ||
            batch_settings_add(&b->settings, &sc, err) != HK_OK)
            return err->status;
    }
    return HK_OK;
}

/* Every rank must run the rows rank 0 runs: a scenario file that differs
 * between machines would make results depend on the rank count. */
static int same_settings_as_leader(struct batch_run *b, struct hk_error *err)
{
    /* Ranks send rank 0 their results as bytes: a build of another
     * layout on some machine (another version, or one of the same
     * version built from other sources) would be misread, not refused. */
    struct {
        char version[16];
        uint64_t layout;
    } mine = {HUIKUAN_VERSION, sizeof(struct replication_result) * 1000003u +
                                   sizeof(struct rep_record)},
      leads = mine;
    cluster_bcast(&leads, sizeof leads);
    if (memcmp(&leads, &mine, sizeof mine) != 0)
        return hk_error_set(err, HK_EINPUT, "rank %d runs another build of huikuan than rank 0 "
                            "(%s against %s, or built from other sources); install one build "
                            "on every machine", b->rank, mine.version, leads.version);
    unsigned long long leader = b->settings.digest;
    cluster_bcast(&leader, sizeof leader);
    if (leader != b->settings.digest)
        return hk_error_set(err, HK_EINPUT, "%s: rank %d resolves the grid's rows to other "
                            "settings than rank 0 (do the scenario files differ between "
                            "machines?)", b->o.positional[0], b->rank);
    return HK_OK;
}

/* Ctrl-C (or SIGTERM, SIGHUP) stops a batch where it is, its finished
 * rows kept: it says, as it dies, how to go on, below the progress line
 * if one is shown. */
static void say_on_stop(const struct batch_run *b)
{
    char command[12700], text[12800];
    batch_settings_resume_command(b->o.recorded, b->out, command, sizeof command);
    snprintf(text, sizeof text, "%shuikuan: batch stopped; continue it with: %s%s\n",
             !b->o.quiet && isatty(STDERR_FILENO) ? "\n" : "",
             cluster_launched() ? "mpirun [as before] " : "", command);
    staging_guard_farewell(text);
}

/* Rank 0, once every rank has read the grid: open DIR, see which rows
 * are done. */
static int setup_dir(struct batch_run *b, struct hk_error *err)
{
    int rows = grid_rows(b->grid);
    char name[300];
    const char *base = strrchr(b->o.positional[0], '/');
    snprintf(name, sizeof name, "%s", base ? base + 1 : b->o.positional[0]);
    char *dot = strrchr(name, '.');
    if (dot && dot != name)
        *dot = '\0';
    strncat(name, "-batch", sizeof name - strlen(name) - 1);
    size_t len;
    char *index = grid_index_csv(b->grid, &len);
    if (!index)
        return hk_error_set(err, HK_EIO, "out of memory");
    if (cli_output_path(&b->o, name, b->out, sizeof b->out, err) == HK_OK) {
        /* A stop while the batch's folder is made (or found, resumed) lands
         * once it is there, and then says how to go on with it; one
         * refused says nothing of going on. */
        staging_guard_hold();
        if (batch_open(b->out, index, len, &b->settings, b->o.recorded,
                       cli_flag(&b->o, "--resume"), &b->dir, err) == HK_OK)
            say_on_stop(b);
        staging_guard_release();
    }
    free(index);
    for (int r = 0; r < rows && err->status == HK_OK; r++) {
        struct scenario sc;
        int done;
        if (grid_scenario(b->grid, r, &sc, err) == HK_OK &&
            batch_row_done(b->dir, &sc, &done, err) == HK_OK)
            b->pending[r] = !done;
    }
    return err->status;
}

/* Agrees on setup across ranks; the exit status if it failed, else 0. */
static int agree(struct batch_run *b, int local, const struct hk_error *err)
{
    int worst = cluster_max(local);
    /* The lowest rank that failed says why, the others nothing: one
     * message, however many ranks met the same bad input. */
    int lowest = b->size - cluster_max(local != HK_OK ? b->size - b->rank : 0);
    if (worst == HK_OK)
        return 0;
    if (local != HK_OK && b->rank == lowest)
        cli_report(err);
    return worst == HK_EINPUT ? 2 : 1;
}

static int run_chunks(struct batch_run *b, struct hk_error *err)
{
    int rows = grid_rows(b->grid);
    int64_t total = 0;
    for (int r = 0; r < rows; r++)
        if (b->pending[r]) {
            struct scenario sc;
            grid_scenario(b->grid, r, &sc, err);
            total += sc.sim.replications;
        }
    int threads = b->threads;
    cluster_bcast(&threads, sizeof threads);
    int target = CHUNK_ITEMS_PER_THREAD * b->size * (threads > 0 ? threads : 1);
    progress_begin_parts(&b->prog, "batch: replications", total, ENGINE_PROGRESS_PARTS,
                         b->rank == 0 && !b->o.quiet && total > 0); /* none: resumed, all done */
    int status = HK_OK;
    for (int next = 0; status == HK_OK && next < rows;) {
        struct chunk c;
        status = chunk_take(b, &next, target, &c, err);
        if (status == HK_OK && c.count > 0) {
            chunk_compute(b, &c);
            status = b->rank == 0 ? chunk_collect(b, &c, err) : send_results(b, &c);
        }
        chunk_free(&c);
        int32_t shared = status;
        cluster_bcast(&shared, sizeof shared);
        status = shared;
    }
    progress_end(&b->prog);
    return status;
}

static int finish(struct batch_run *b, struct hk_error *err)
{
    int rows = grid_rows(b->grid);
    char (*names)[32] = malloc((size_t)rows * sizeof *names);
    if (!names)
        return hk_error_set(err, HK_EIO, "out of memory");
    for (int r = 0; r < rows; r++)
        grid_row_name(b->grid, r, names[r], sizeof names[r]);
    int rc = batch_finish(b->dir, names, rows, err);
    free(names);
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    static const char *const flags[] = {"--resume", NULL};
    struct batch_run *b = calloc(1, sizeof *b);
    struct hk_error err;
    hk_error_clear(&err);
    if (!b) {
        hk_error_set(&err, HK_EIO, "out of memory");
        return cli_report(&err);
    }
    b->rank = cluster_rank();
    b->size = cluster_size();
    int local = cli_parse_flags(&b->o, argc, argv, NULL, flags, &err);
    if (local == HK_OK)
        local = setup_grid(b, &err);
    /* Each step is agreed on by every rank before the next: nothing is
     * written while any rank is still to refuse. */
    int status = agree(b, local, &err);
    if (status == 0)
        status = agree(b, same_settings_as_leader(b, &err), &err);
    if (status == 0)
        status = agree(b, b->rank == 0 ? setup_dir(b, &err) : HK_OK, &err);
    if (status == 0)
        cluster_bcast(b->pending, (size_t)grid_rows(b->grid)); /* rank 0 read DIR */
    else
        staging_guard_farewell(NULL); /* refused: nothing to go on with */
    if (status == 0) {
#ifdef _OPENMP
        if (b->o.threads > 0)
            omp_set_num_threads(b->o.threads);
        b->threads = omp_get_max_threads();
#endif
        int rc = run_chunks(b, &err);
        if (rc == HK_OK && b->rank == 0)
            rc = finish(b, &err);
        staging_guard_farewell(NULL);
        if (rc == HK_OK)
            cli_print_notice(batch_notice(b->dir)); /* earlier results not all removed */
        if (rc != HK_OK && b->rank == 0)
            status = cli_report(&err);
        else if (rc != HK_OK)
            status = rc == HK_EINPUT ? 2 : 1;
        else if (b->rank == 0 && !b->o.quiet)
            cli_note_results(b->out);
    }
    if (status == 2)
        batch_discard(b->dir);
    else
        batch_close(b->dir);
    batch_settings_free(&b->settings);
    grid_free(b->grid);
    free(b->pending);
    free(b);
    return status;
}
