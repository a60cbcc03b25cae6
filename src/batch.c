/*
 * batch.c — the batch results folder: fresh or resumed, row folders
 * renamed into place, combined files last (see batch.h for the layout
 * and the invariants that make a SIGKILL at any moment harmless).
 */
#define _GNU_SOURCE
#include "huikuan/batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/manifest.h"
#include "huikuan/output.h"
#include "huikuan/results.h"
#include "huikuan/textfile.h"
#include "batch_combine.h"

/* Where a batch builds its results when DIR holds earlier ones: beside
 * it, so that they stay whole until the batch is finished. */
#define WORK_SUFFIX ".unfinished"

struct batch_dir {
    char target[4096];                     /* DIR, as given */
    char dir[4096 + sizeof WORK_SUFFIX];   /* where rows and combined files are written */
    int adopt;         /* dir is DIR.unfinished: moved into DIR when finished */
    int lock_fd;
    const struct batch_settings *settings; /* the rows', now */
    int recorded;      /* DIR's .huikuan-batch holds these settings */
    int started_here;  /* dir was created by this command, not resumed */
    char command[8400]; /* the command line the batch was started with */
    struct hk_notice notice; /* earlier results it replaced and could not all remove */
};

#define SETTINGS BATCH_SETTINGS_NAME

static int path_exists(const char *dir, const char *name)
{
    char path[8400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = textfile_open(path, NULL);
    if (!f)
        return NULL;
    char *text = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&text, &cap);
    char buf[65536];
    size_t n;
    while (m && (n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, m);
    int bad = ferror(f);
    fclose(f);
    if (!m || fclose(m) != 0 || bad) {
        free(text);
        return NULL;
    }
    *len = cap;
    return text;
}

/* The length of the line at p (before its newline), and where the next
 * begins. */
static size_t line_at(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *next = nl ? nl + 1 : end;
    return (size_t)((nl ? nl : end) - p);
}

/* A line of a grid index without its first two fields (the row's name
 * and grid line, or their headings): the grid's own cells. */
static const char *cells_of(const char *line, size_t len, size_t *cells_len)
{
    const char *p = line;
    for (int commas = 0; p < line + len && commas < 2; p++)
        commas += *p == ',';
    *cells_len = len - (size_t)(p - line);
    return p;
}

/* The rows of a grid index: its lines after the header. */
static int rows_in(const char *text, size_t len)
{
    int lines = 0;
    for (const char *p = text, *end = text + len; p < end; lines++)
        line_at(p, end, &p);
    return lines > 0 ? lines - 1 : 0;
}

/* Up to 120 characters of text around offset at (where two texts
 * first differ), "..." marking what is left out. */
static void excerpt(const char *text, size_t len, size_t at, char *out, size_t size)
{
    size_t from = at > 40 ? at - 40 : 0, n = len - from > 120 ? 120 : len - from;
    snprintf(out, size, "%s%.*s%s", from > 0 ? "..." : "", (int)n, text + from,
             from + n < len ? "..." : "");
}

/* Where two grid indexes (batch.csv, grid_index_csv) first differ, into
 * what. Each row reads "row-NNNN,LINE,cells": its name and grid line,
 * then the grid's cells; the header, "row,line,columns". */
static void index_difference(const char *have, size_t have_len, const char *index, size_t len,
                             char *what, size_t size)
{
    const char *a = have, *b = index, *a_end = have + have_len, *b_end = index + len, *next;
    int line = 1;
    for (; a < a_end && b < b_end; line++) {
        const char *a_next, *b_next;
        size_t al = line_at(a, a_end, &a_next), bl = line_at(b, b_end, &b_next);
        if (al != bl || memcmp(a, b, al) != 0)
            break;
        a = a_next;
        b = b_next;
    }
    if (b >= b_end) {
        snprintf(what, size, " (the batch has %d rows, this grid %d)", rows_in(have, have_len),
                 rows_in(index, len));
        return;
    }
    /* The first lines that differ (the batch's empty if it ended). */
    size_t al = a < a_end ? line_at(a, a_end, &next) : 0, bl = line_at(b, b_end, &next);
    size_t ac_len, bc_len;
    const char *ac = cells_of(a, al, &ac_len), *bc = cells_of(b, bl, &bc_len);
    const char *b_line = memchr(b, ',', bl);
    int b_name_len = b_line ? (int)(b_line - b) : (int)bl;
    int b_line_no = b_line ? atoi(b_line + 1) : 0;
    if (a >= a_end) {
        snprintf(what, size, " (this grid has more rows, from %.*s, its line %d, on)", b_name_len,
                 b, b_line_no);
        return;
    }
    size_t at = 0;
    while (at < ac_len && at < bc_len && ac[at] == bc[at])
        at++;
    char was[160], now[160];
    excerpt(ac, ac_len, at, was, sizeof was);
    excerpt(bc, bc_len, at, now, sizeof now);
    if (line == 1) {
        snprintf(what, size, " (its columns: the batch's '%s', this grid's '%s')", was, now);
        return;
    }
    if (ac_len == bc_len && at == ac_len) { /* the same cells on another line, or named otherwise */
        const char *a_line = memchr(a, ',', al);
        snprintf(what, size, " (first at %.*s: the same cells on this grid's line %d as on the "
                 "batch's line %d: a line added or removed before it)", b_name_len, b, b_line_no,
                 a_line ? atoi(a_line + 1) : 0);
        return;
    }
    snprintf(what, size, " (first at %.*s: this grid's line %d reads '%s', the batch's row '%s')",
             b_name_len, b, b_line_no, now, was);
}

/* Whether dir/batch.csv holds exactly index[0..len): the grid a batch
 * there was started with; if not, where they differ, into what (if not
 * NULL). */
static int same_index(const char *dir, const char *index, size_t len, char *what, size_t size)
{
    char path[8400];
    size_t have_len = 0;
    snprintf(path, sizeof path, "%s/batch.csv", dir);
    char *have = read_all(path, &have_len);
    int same = have && have_len == len && memcmp(have, index, len) == 0;
    if (what && size > 0)
        what[0] = '\0';
    if (what && have && !same)
        index_difference(have, have_len, index, len, what, size);
    free(have);
    return same;
}

/* Locks folder `path` for this batch: the lock is on the folder itself,
 * so it moves with it (a staging folder locked before it takes DIR's
 * place is DIR's, locked, from the moment it is there). */
static int lock(struct batch_dir *b, const char *path, struct hk_error *err)
{
    b->lock_fd = open(path, O_RDONLY | O_DIRECTORY);
    if (b->lock_fd < 0)
        return hk_error_set(err, HK_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* A run checking whether a batch holds the folder takes a shared lock
     * for an instant: a few tries tell that from a batch writing it. */
    for (int tries = 0; flock(b->lock_fd, LOCK_EX | LOCK_NB) != 0; tries++) {
        if (errno != EWOULDBLOCK)
            return hk_error_set(err, HK_EIO, "%s: cannot lock: %s", path, strerror(errno));
        if (tries == 20)
            return hk_error_set(err, HK_EINPUT, "%s: another huikuan batch is writing this "
                                "folder", b->dir);
        usleep(10000);
    }
    return HK_OK;
}

/* Whether DIR is still the folder this batch locked: two batches begun
 * into one folder at the same moment can swap each other's out, and
 * rows must never go into another batch's folder. */
static int still_ours(const struct batch_dir *b, struct hk_error *err)
{
    struct stat mine, there;
    if (fstat(b->lock_fd, &mine) != 0 || stat(b->dir, &there) != 0 ||
        mine.st_dev != there.st_dev || mine.st_ino != there.st_ino)
        return hk_error_set(err, HK_EIO, "%s: another huikuan batch took this folder's place "
                            "while this one ran; nothing more is written to it", b->dir);
    return HK_OK;
}

/* Staging folders and temporary files a killed run left behind, at the
 * top of the batch folder or (in_rows) in rows/; the caller holds the
 * batch's lock on it. */
static void remove_leftovers(const char *dir, int in_rows)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    /* Not waited for: the caller may hold stops off. Held by another
     * (a report adding its page), the list's temporaries are judged by
     * their owner. */
    struct hk_error ignored;
    int list = in_rows ? MANIFEST_NO_LIST : manifest_lock_now(dir, &ignored);
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (output_left_behind(de->d_name, in_rows, list >= 0)) {
            char path[8400];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            output_remove_tree(path);
        }
    manifest_unlock(list);
    closedir(d);
}

/* DIR.unfinished exists, so a new batch into DIR (which keeps its work
 * there) cannot start: say what is there, as only a batch's own work
 * folder can be resumed. */
static int work_in_the_way(const struct batch_dir *b, const char *work, const struct stat *st,
                           struct hk_error *err)
{
    if (S_ISDIR(st->st_mode) && path_exists(work, ".huikuan-results") &&
        path_exists(work, "batch.csv")) {
        char hint[8400];
        batch_settings_resume_hint(work, b->target, hint, sizeof hint);
        return hk_error_set(err, HK_EINPUT, "%s: an unfinished batch into this folder is in %s; "
                            "continue it with '%s', or remove %s to start over", b->target,
                            work, hint, work);
    }
    const char *what = S_ISDIR(st->st_mode) ? "a folder that holds no unfinished batch"
                       : S_ISLNK(st->st_mode) ? "a symbolic link, not an unfinished batch"
                       : S_ISREG(st->st_mode) ? "a plain file, not an unfinished batch"
                                              : "neither a file nor a folder";
    return hk_error_set(err, HK_EINPUT, "%s: %s is in the way: it is %s, and a batch into %s "
                        "keeps its work there; move it away or choose another -o", b->target,
                        work, what, b->target);
}

static int open_fresh(struct batch_dir *b, const char *work, const char *index, size_t len,
                      struct hk_error *err)
{
    struct stat st;
    if (output_holds_unfinished_batch(b->dir)) {
        char hint[8400];
        batch_settings_resume_hint(b->dir, b->dir, hint, sizeof hint);
        return hk_error_set(err, HK_EINPUT, "%s: holds an unfinished batch; continue it with "
                            "'%s', or remove the folder to start over", b->dir, hint);
    }
    if (lstat(work, &st) == 0)
        return work_in_the_way(b, work, &st, err);
    int existed = lstat(b->dir, &st) == 0;
    struct output_dir *od = output_dir_begin(b->dir, err);
    if (od && (output_dir_replaces(od) || existed)) {
        /* The results there, or the empty folder made for them, stay as
         * they are until this batch is finished: a row refused on the
         * way leaves them so. */
        output_dir_abort(od);
        snprintf(b->dir, sizeof b->dir, "%s", work);
        b->adopt = 1;
        od = output_dir_begin(b->dir, err);
    }
    if (!od)
        return err->status;
    /* Locked before anything says whose batch it is: a resume looking
     * for a stranded batch takes one whose lock is free. */
    if (lock(b, output_dir_staging_path(od), err) != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    char rows[8400];
    snprintf(rows, sizeof rows, "%s/rows", output_dir_staging_path(od));
    FILE *f = output_dir_open(od, SETTINGS, err);
    if (f) {
        if (batch_settings_write(b->settings, b->command, f) != 0)
            hk_error_set(err, HK_EIO, "%s/%s: cannot write: %s", b->dir, SETTINGS,
                         strerror(errno));
        if (output_dir_close(od, f, SETTINGS, err) == HK_OK)
            f = output_dir_open(od, "batch.csv", err);
        else
            f = NULL;
    }
    if (f) {
        fwrite(index, 1, len, f);
        if (output_dir_close(od, f, "batch.csv", err) == HK_OK && mkdir(rows, 0777) != 0)
            hk_error_set(err, HK_EIO, "%s: cannot create: %s", rows, strerror(errno));
    }
    if (err->status != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    b->recorded = 1;
    if (output_dir_commit(od, &b->notice, err) != HK_OK)
        return err->status;
    b->started_here = 1;
    return still_ours(b, err);
}

/* A file of the user's under the name of a combined file (one DIR's list
 * of what huikuan wrote does not name) would be overwritten as the batch
 * finishes: refused now, before any row is computed. */
static int user_files_in_the_way(const struct batch_dir *b, struct hk_error *err)
{
    struct manifest *listed;
    int have = manifest_load(b->dir, &listed);
    if (have == 0)
        return HK_OK; /* a batch of an earlier version: names alone decide */
    if (have < 0)
        return hk_error_set(err, HK_EINPUT, "%s/%s: cannot be read as a list of files; move it "
                            "away, then --resume", b->dir, MANIFEST_NAME);
    char **names = NULL;
    int n = 0;
    int rc = batch_combine_names(&names, &n, err);
    for (int i = 0; rc == HK_OK && i < n; i++)
        if (path_exists(b->dir, names[i]) && !manifest_lists(listed, names[i]))
            rc = hk_error_set(err, HK_EINPUT, "%s/%s: huikuan did not write it, and this batch "
                              "writes its combined %s there as it finishes; move it away, then "
                              "--resume", b->dir, names[i], names[i]);
    batch_combine_free_names(names, n);
    manifest_free(listed);
    return rc;
}

/* Whether dir may be written in: access() says EROFS for a read-only
 * file system even to root, whose rights pass any permission. */
static int can_write_in(const char *dir, struct hk_error *err)
{
    if (access(dir, W_OK) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: cannot write in it: %s; a resumed batch "
                            "writes its rows and combined files there", dir, strerror(errno));
    return HK_OK;
}

static int open_resumed(struct batch_dir *b, const char *index, size_t len, struct hk_error *err)
{
    struct stat st;
    if (stat(b->dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        !path_exists(b->dir, ".huikuan-results") || !path_exists(b->dir, "batch.csv"))
        return hk_error_set(err, HK_EINPUT, "%s: not a batch results folder; --resume continues "
                            "a batch in the folder it was started in", b->dir);
    if (lock(b, b->dir, err) != HK_OK)
        return err->status;
    char path[8400], what[1000];
    if (!same_index(b->dir, index, len, what, sizeof what))
        return hk_error_set(err, HK_EINPUT, "%s/batch.csv: its batch.csv differs from this "
                            "grid%s; a batch resumes only with the grid it was started with "
                            "(remove the folder or choose another -o to start over)", b->dir,
                            what);
    /* A batch from before the record was kept is held to its rows' own
     * run.ini only (batch_row_done). */
    unsigned long long started;
    char then[sizeof b->command] = "";
    int known = batch_settings_recorded(b->dir, &started, then, sizeof then);
    if (then[0])
        memcpy(b->command, then, sizeof then);
    b->recorded = known && started == b->settings->digest;
    if (known && started != b->settings->digest) {
        char why[600], as[sizeof b->command + 32] = "";
        batch_settings_explain(b->settings, b->dir, why, sizeof why);
        if (then[0])
            snprintf(as, sizeof as, "it was started as '%s', and ", then);
        return hk_error_set(err, HK_EINPUT, "%s: this batch was started with other settings "
                            "(%s); %sa batch resumes only with the settings it was started with "
                            "(remove the folder or choose another -o to start over)", b->dir,
                            why[0] ? why : "-n, --seed, --set or a scenario file differ", as);
    }
    if (user_files_in_the_way(b, err) != HK_OK)
        return err->status;
    remove_leftovers(b->dir, 0);
    snprintf(path, sizeof path, "%s/rows", b->dir);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return hk_error_set(err, HK_EINPUT, "%s: cannot create: %s", path, strerror(errno));
    remove_leftovers(path, 1);
    /* Said now, not after a row's hours of computing. */
    if (can_write_in(b->dir, err) != HK_OK || can_write_in(path, err) != HK_OK)
        return err->status;
    return HK_OK;
}

/* A batch resumed in DIR.unfinished takes DIR's place when finished:
 * whatever in DIR forbids that (a user's file) is refused now, as bad
 * input, not after every row is computed. */
static int target_replaceable(struct batch_dir *b, struct hk_error *err)
{
    struct stat st;
    if (lstat(b->target, &st) != 0)
        return HK_OK; /* nothing there to replace */
    struct output_dir *od = output_dir_begin(b->target, err);
    if (!od)
        return err->status;
    output_dir_abort(od);
    return HK_OK;
}

/* What a batch killed while taking DIR's place leaves: its finished work
 * moved out of DIR.unfinished under a staging name, not yet swapped in.
 * It is this batch if it holds this grid's index and settings, and its
 * writer is gone if its process is (this host's) and the lock a batch
 * holds on its folder from its first file on is free: on whichever host
 * it ran (a cluster's job may be resumed on another). */
struct stranded {
    const char *index;
    size_t len;
    unsigned long long settings;
};

static int is_this_batch(const char *path, void *ctx)
{
    const struct stranded *want = ctx;
    unsigned long long started;
    if (!same_index(path, want->index, want->len, NULL, 0) ||
        !batch_settings_recorded(path, &started, NULL, 0) || started != want->settings ||
        !path_exists(path, ".huikuan-results"))
        return 0;
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    int free_now = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (fd >= 0)
        close(fd); /* the lock with it: lock() takes it again */
    return free_now;
}

int batch_open(const char *dir, const char *index, size_t len,
               const struct batch_settings *settings,
               const char *command, int resume, struct batch_dir **out, struct hk_error *err)
{
    *out = NULL;
    struct batch_dir *b = calloc(1, sizeof *b);
    if (!b)
        return hk_error_set(err, HK_EIO, "out of memory");
    b->lock_fd = -1;
    b->settings = settings;
    snprintf(b->command, sizeof b->command, "%s", command);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 0 || n >= sizeof b->target) {
        free(b);
        return hk_error_set(err, HK_EINPUT, "-o '%s': not a usable folder name", dir);
    }
    memcpy(b->dir, dir, n);
    memcpy(b->target, dir, n);
    char work[sizeof b->dir];
    snprintf(work, sizeof work, "%s%s", b->target, WORK_SUFFIX);
    struct stat st;
    int rc;
    struct stranded want = {index, len, settings->digest};
    char left[8400];
    if (resume && lstat(work, &st) != 0 && errno == ENOENT &&
        output_find_abandoned(b->target, is_this_batch, &want, left, sizeof left))
        rename(left, work); /* killed as it took DIR's place: finish it from there */
    if (resume && lstat(work, &st) == 0) {
        snprintf(b->dir, sizeof b->dir, "%s", work);
        b->adopt = 1;
        rc = target_replaceable(b, err);
        if (rc == HK_OK)
            rc = open_resumed(b, index, len, err);
    } else if (resume && lstat(b->dir, &st) == 0) {
        rc = open_resumed(b, index, len, err);
    } else {
        rc = open_fresh(b, work, index, len, err);
    }
    if (rc != HK_OK) {
        batch_close(b);
        return rc;
    }
    *out = b;
    return HK_OK;
}

/* Whether every file the row's list names is there, unchanged, and the
 * row's run.ini and summary.csv are among them. */
static int row_intact(const char *row)
{
    static const char *const required[] = {"run.ini", BATCH_COMBINE_LAST, NULL};
    return manifest_intact(row, required);
}

/* A row to compute again must be one its results may replace: say so
 * before any row is computed, with what to do about a row, not about -o. */
static int row_replaceable(const char *row, struct hk_error *err)
{
    struct hk_error why;
    hk_error_clear(&why);
    if (output_dir_check(row, &why) == HK_OK)
        return HK_OK;
    const char *reason = why.message;
    size_t skip = strlen(row);
    if (strncmp(reason, row, skip) == 0 && strncmp(reason + skip, ": ", 2) == 0)
        reason += skip + 2;
    int keep = (int)strlen(reason);
    const char *hint = strstr(reason, "choose another -o");
    while (hint && hint > reason && hint[-1] != '(' && hint[-1] != ';')
        hint--;
    if (hint && hint > reason)
        keep = (int)(hint - 1 - reason);
    while (keep > 0 && reason[keep - 1] == ' ')
        keep--;
    return hk_error_set(err, why.status, "%s: %.*s; this row is to be computed again: move that "
                        "folder away, then --resume", row, keep, reason);
}

/* A row another version made ("; huikuan VERSION" first in its run.ini)
 * may hold other results than this one gives for the same settings and
 * seed: finishing the batch here would mix the two in one table. A first
 * line that is not that line whole (cut short, or not a version of
 * digits and dots) says nothing of its version: the row is damaged, and
 * its files judge it as before. */
static int made_by_another_version(const char *text, size_t len, const char *path,
                                   struct hk_error *err)
{
    char version[48];
    if (!batch_settings_made_by(text, len, version, sizeof version) ||
        strcmp(version, HUIKUAN_VERSION) == 0)
        return 0;
    hk_error_set(err, HK_EINPUT, "%s:1: this row was made by huikuan %s, and this is huikuan %s, "
                 "whose results may differ (README: Changes to results): finish the batch with "
                 "huikuan %s, or run it again into another folder", path, version,
                 HUIKUAN_VERSION, version);
    return 1;
}

int batch_row_done(struct batch_dir *b, const struct scenario *sc, int *done,
                   struct hk_error *err)
{
    char path[8400];
    struct stat st;
    snprintf(path, sizeof path, "%s/rows/%s", b->dir, sc->name);
    *done = lstat(path, &st) == 0;
    if (!*done)
        return HK_OK;
    char row[8400];
    snprintf(row, sizeof row, "%s", path);
    snprintf(path, sizeof path, "%s/rows/%s/run.ini", b->dir, sc->name);
    size_t have_len = 0, want_len = 0;
    char *have = read_all(path, &have_len), *want = NULL;
    /* A row whose files were damaged since (run.ini gone, or any file
     * changed) is computed again: the same settings and seed give the same
     * files. A row whose run.ini, as written, holds other settings is
     * refused; so is one whose run.ini changed in a batch that kept no
     * record of its settings (made by an earlier version), as nothing
     * else says which settings its rows were made from. */
    if (!have) {
        *done = 0;
        return row_replaceable(row, err);
    }
    if (made_by_another_version(have, have_len, path, err)) {
        free(have);
        return err->status;
    }
    FILE *m = open_memstream(&want, &want_len);
    if (m) {
        scenario_write_ini(sc, m);
        fclose(m);
    }
    int same = have && want;
    if (same) {
        have_len = batch_settings_only(have, have_len);
        want_len = batch_settings_only(want, want_len);
        same = have_len == want_len && memcmp(have, want, have_len) == 0;
    }
    free(have);
    free(want);
    int intact = row_intact(row);
    if (!same && (intact || !b->recorded))
        return hk_error_set(err, HK_EINPUT, "%s: this row was computed from other settings than "
                            "the grid and scenario files give now; remove the folder (or that "
                            "row) to recompute", path);
    *done = same && intact;
    return *done ? HK_OK : row_replaceable(row, err);
}

/* The batch folder was checked and written before any row: a row folder
 * that cannot be begun or moved into place later (a full disk, the folder
 * removed or changed meanwhile), or a finished batch that cannot take
 * DIR's place (a user's file put there meanwhile), is a failure while
 * writing, exit status 1, though output_dir_begin() and
 * output_dir_adopt() call an unusable folder bad input. */
static int failed_while_writing(struct hk_error *err)
{
    if (err->status == HK_EINPUT)
        err->status = HK_EIO;
    return err->status;
}

int batch_write_row(struct batch_dir *b, const struct run_set *set, struct hk_error *err)
{
    if (still_ours(b, err) != HK_OK)
        return err->status;
    char path[8400];
    snprintf(path, sizeof path, "%s/rows/%s", b->dir, set->scenario[0].name);
    struct output_dir *od = output_dir_begin_row(path, err);
    if (!od)
        return failed_while_writing(err);
    if (results_write(od, set, 0, b->command, err) != HK_OK) {
        output_dir_abort(od);
        return failed_while_writing(err);
    }
    return output_dir_commit(od, &b->notice, err) == HK_OK ? HK_OK : failed_while_writing(err);
}

int batch_finish(struct batch_dir *b, char (*rows)[32], int count, struct hk_error *err)
{
    if (still_ours(b, err) != HK_OK)
        return err->status;
    char **names = NULL;
    int n = 0;
    int rc = batch_combine_names(&names, &n, err);
    sync_dir(b->dir);
    for (int i = 0; rc == HK_OK && i < n; i++) {
        if (i == n - 1)
            sync_dir(b->dir); /* everything else is in place before summary.csv */
        if (!batch_combine_current(b->dir, names[i], rows, count, b->command))
            rc = batch_combine_write(b->dir, names[i], rows, count, b->command, err);
    }
    batch_combine_free_names(names, n);
    if (rc == HK_OK)
        sync_dir(b->dir);
    if (rc == HK_OK && b->adopt && output_dir_adopt(b->target, b->dir, &b->notice, err) != HK_OK)
        rc = failed_while_writing(err); /* finished, but not in place: kept in DIR.unfinished */
    return rc;
}

const struct hk_notice *batch_notice(const struct batch_dir *b)
{
    return b ? &b->notice : NULL;
}

void batch_discard(struct batch_dir *b)
{
    if (b && b->started_here)
        output_remove_tree(b->dir);
    batch_close(b);
}

void batch_close(struct batch_dir *b)
{
    if (!b)
        return;
    if (b->lock_fd >= 0)
        close(b->lock_fd);
    free(b);
}
