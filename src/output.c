/*
 * output.c — staging folder, atomic swap, CSV fields via libcsv.
 *
 * Invariant: the target folder is only ever touched by one rename (or
 * one exchange); everything else happens in the staging folder.
 *
 * Staging folders are named DIR.tmp-HOST-PID-XXXXXX after the process
 * that owns them. A run killed before its swap leaves its staging folder
 * behind (a run killed after the swap, the previous results under that
 * name); the next run into DIR removes those whose owner is gone: same
 * host, and no process with that PID. A folder from another host, or
 * whose PID is alive (possibly reused), is left alone. plot and report
 * name their staging in plots/ and beside report.html the same way and
 * sweep it with the same rule. Where two folders cannot be exchanged in
 * one step, earlier results wait as DIR.old-HOST-PID-XXXXXX during the
 * swap; the next run puts back, or removes, those a killed run left.
 */
#define _GNU_SOURCE
#include "huikuan/output.h"
#include "huikuan/staging_guard.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/manifest.h"
#include "huikuan/metrics.h"
#include "output_internal.h"

struct output_dir {
    char final[4096];
    char staging[4400]; /* final + ".tmp-" + host (255) + pid + 7 */
    int replaces;       /* final held earlier results when begun */
    int row;            /* a batch's row, DIR/rows/NAME */
};


/* Creates this run's staging folder beside final, named as
 * output_left_by_dead_run() reads it; NULL (errno set) if it cannot. */
static char *make_staging(const char *final, char *buf, size_t size)
{
    return output_staging_template(final, buf, size) == 0 ? mkdtemp(buf) : NULL;
}

/* Calls fn(path, final, ctx) for each entry beside final that a run now
 * gone left (output_left_by_dead_run() with tag) and that is a folder or a
 * file, until one returns non-zero; returns that (0 if none did). */
static int each_left_by_dead_run(const char *final, const char *tag, int unowned,
                                 int (*fn)(const char *path, const char *final, void *ctx),
                                 void *ctx)
{
    char parent[4096], name[4096], host[256];
    snprintf(parent, sizeof parent, "%s", final);
    snprintf(name, sizeof name, "%s", final);
    const char *dir = dirname(parent), *base = basename(name);
    output_host_name(host, sizeof host);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    int stop = 0;
    while (!stop && (de = readdir(d)) != NULL) {
        if (!output_left_by_dead_run(de->d_name, base, tag, host, unowned))
            continue;
        char path[8300];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
            stop = fn(path, final, ctx);
    }
    closedir(d);
    return stop;
}

struct abandoned_search {
    int (*wanted)(const char *path, void *ctx);
    void *ctx;
    char *found;
    size_t size;
};

static int take_if_wanted(const char *path, const char *final, void *ctx)
{
    (void)final;
    struct abandoned_search *a = ctx;
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || !a->wanted(path, a->ctx))
        return 0;
    return (size_t)snprintf(a->found, a->size, "%s", path) < a->size;
}

int output_find_abandoned(const char *final, int (*wanted)(const char *path, void *ctx),
                          void *ctx, char *found, size_t size)
{
    struct abandoned_search a = {wanted, ctx, found, size};
    return each_left_by_dead_run(final, ".tmp-", OUTPUT_ANY_OWNER, take_if_wanted, &a);
}

static int remove_left(const char *path, const char *final, void *ctx)
{
    (void)final;
    (void)ctx;
    output_remove_tree(path);
    return 0;
}

void output_sweep_abandoned(const char *final, int unowned)
{
    each_left_by_dead_run(final, ".tmp-", unowned, remove_left, NULL);
}

/* Earlier results a run set aside and did not remove: put back in
 * final's place if it is empty, else removed. */
static int put_back_or_remove(const char *path, const char *final, void *ctx)
{
    (void)ctx;
    struct stat st, aside;
    if (lstat(path, &aside) == 0 && S_ISDIR(aside.st_mode) && lstat(final, &st) != 0 &&
        errno == ENOENT && rename(path, final) == 0)
        return 0; /* the earlier results, back in their place */
    output_remove_tree(path);
    return 0;
}

/* Where a filesystem cannot exchange two folders in one step, earlier
 * results go aside (DIR.old-HOST-PID-XXXXXX) before the new take their
 * place, and are removed after. A run killed between the two moves left
 * no DIR: its earlier results are put back, so DIR holds the earlier set
 * or the new one, as it does elsewhere. One killed after the second move
 * left the earlier set aside beside the new: it goes. */
static void restore_set_aside(const char *final)
{
    each_left_by_dead_run(final, ".old-", 0, put_back_or_remove, NULL);
}

/* Whether path is where a filesystem is mounted (a volume bound into a
 * container, a tmpfs): the kernel's own mark where it gives one, else a
 * device other than its parent's. */
static int is_mount_point(const char *path, const char *parent)
{
    struct statx sx;
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0 &&
        (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
        return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
    struct stat a, b;
    return stat(path, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev;
}

static struct output_dir *dir_begin(const char *final_dir, int row, struct hk_error *err);

struct output_dir *output_dir_begin(const char *final_dir, struct hk_error *err)
{
    return dir_begin(final_dir, 0, err);
}

struct output_dir *output_dir_begin_row(const char *row_dir, struct hk_error *err)
{
    return dir_begin(row_dir, 1, err);
}

/* With row, final is a batch's row, DIR/rows/row-NNNN: inside DIR. */
static struct output_dir *dir_begin(const char *final_dir, int row, struct hk_error *err)
{
    size_t len = strlen(final_dir);
    while (len > 1 && final_dir[len - 1] == '/')
        len--;
    if (len == 0 || len >= sizeof ((struct output_dir *)0)->final) {
        hk_error_set(err, HK_EINPUT, "-o '%s': not a usable folder name", final_dir);
        return NULL;
    }
    struct output_dir *od = calloc(1, sizeof *od);
    if (!od) {
        hk_error_set(err, HK_EIO, "out of memory");
        return NULL;
    }
    memcpy(od->final, final_dir, len);
    od->final[len] = '\0';
    od->row = row;
    const char *last = strrchr(od->final, '/');
    last = last ? last + 1 : od->final;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
        hk_error_set(err, HK_EINPUT, "-o %s: name the results folder itself, not '.' or '..'",
                     final_dir);
        free(od);
        return NULL;
    }
    /* Results are made beside the folder under its name and a tail, a
     * batch's under DIR.unfinished and a tail (.tmp-HOST-PID-XXXXXX, the
     * PID up to 7 digits): the longest must fit too, so that any command
     * may write there. A batch's work folder is judged as its DIR. */
    static const char work[] = ".unfinished";
    size_t base = strlen(last), w = sizeof work - 1;
    if (base > w && strcmp(last + base - w, work) == 0)
        base -= w;
    char host[256];
    output_host_name(host, sizeof host);
    size_t tail = w + strlen(".tmp-") + strlen(host) + strlen("-1234567-XXXXXX");
    if (base + tail > NAME_MAX) {
        hk_error_set(err, HK_EINPUT, "%.*s: a folder name of %zu bytes is too long: results are "
                     "made beside it under its name and up to %zu bytes more "
                     "(%s.tmp-%s-PID-XXXXXX), and a name may have at most %d bytes; name it "
                     "in at most %zu", (int)(strlen(od->final) - (strlen(last) - base)),
                     od->final, base, tail, work, host, NAME_MAX,
                     tail < NAME_MAX ? NAME_MAX - tail : 0);
        free(od);
        return NULL;
    }
    /* What a killed run left beside the folder. Not for a batch's row:
     * the batch swept rows/ as it began, holding the lock no other
     * writer there can take, and a look through rows/ for every row
     * would make a batch of many thousand rows slower with each row. */
    if (!row)
        restore_set_aside(od->final);
    int exists;
    if (output_folder_replaceable(od->final, &exists, err) != HK_OK) {
        free(od);
        return NULL;
    }
    /* The parent must exist; make it if it is the default results tree. */
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", od->final);
    char *p = dirname(parent);
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
        hk_error_set(err, HK_EINPUT, "%s: parent folder %s does not exist", od->final, p);
        free(od);
        return NULL;
    }
    /* Results inside results, at any depth: the outer folder would then
     * hold files of no kind it knows, and every later run into it would
     * be refused; or a run would take the place of a batch's row. */
    char above[PATH_MAX];
    if (output_results_above(p, row ? 2 : 0, above, sizeof above)) {
        hk_error_set(err, HK_EINPUT, "%s: inside %s, which holds huikuan results; choose a "
                     "folder outside it", od->final, above);
        free(od);
        return NULL;
    }
    /* Results are made beside the folder and moved into its place, which
     * a mount point refuses: say so now, not after the whole run. */
    if (exists && is_mount_point(od->final, p)) {
        hk_error_set(err, HK_EINPUT, "%s: is a mount point; results are made beside a folder "
                     "and moved into its place, which a mount point refuses: name a folder "
                     "inside it (-o %s/results)", od->final, od->final);
        free(od);
        return NULL;
    }
    od->replaces = exists == 2;
    if (!row)
        output_sweep_abandoned(od->final, 0);
    /* Made and guarded as one step: a stop between them would leave the
     * folder behind. */
    staging_guard_hold();
    if (!make_staging(od->final, od->staging, sizeof od->staging)) {
        int e = errno;
        staging_guard_release();
        /* A full disk is a failure while writing (1), not bad input. */
        hk_error_set(err, e == ENOSPC || e == EDQUOT || e == EIO ? HK_EIO : HK_EINPUT,
                     "%s: cannot write in %s: %s", od->final, p, strerror(e));
        free(od);
        return NULL;
    }
    staging_guard_arm(od->staging);
    staging_guard_release();
    /* mkdtemp makes the folder private; results are as shared as any file. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(od->staging, 0777 & ~mask);
    FILE *m = output_dir_open(od, OUTPUT_MARKER, err);
    if (!m || output_dir_close(od, m, OUTPUT_MARKER, err) != HK_OK) {
        output_dir_abort(od);
        return NULL;
    }
    return od;
}

const char *output_dir_staging_path(const struct output_dir *od)
{
    return od->staging;
}

FILE *output_dir_open(struct output_dir *od, const char *name, struct hk_error *err)
{
    char path[4800];
    snprintf(path, sizeof path, "%s/%s", od->staging, name);
    FILE *f = fopen(path, "w");
    if (!f)
        hk_error_set(err, HK_EIO, "%s: cannot create: %s", path, strerror(errno));
    return f;
}

int output_dir_close(struct output_dir *od, FILE *f, const char *name, struct hk_error *err)
{
    int bad = ferror(f);
    if (fflush(f) != 0)
        bad = 1;
    if (fsync(fileno(f)) != 0 && errno != EINVAL)
        bad = 1;
    if (fclose(f) != 0)
        bad = 1;
    if (bad)
        return hk_error_set(err, HK_EIO, "%s/%s: write failed: %s", od->final, name,
                            strerror(errno));
    return HK_OK;
}

/* nftw passes no context: the first failure of this thread's walk. */
static _Thread_local int remove_failure;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    if (remove(path) != 0 && remove_failure == 0)
        remove_failure = errno;
    return 0; /* on with the rest: leave as little as can be helped */
}

int output_remove_tree(const char *path)
{
    remove_failure = 0;
    if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return errno == ENOENT ? 0 : -1;
    errno = remove_failure;
    return remove_failure ? -1 : 0;
}

static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Swaps the complete folder `ready` into final's place. On success
 * `ready` names what is left to remove (the previous results, or "" if
 * there were none); on failure it is untouched and still ready. */
static int swap_into_place(const char *final, char *ready, size_t size, struct hk_error *err)
{
    sync_dir(ready);
    int exists;
    /* Check again: the folder may have changed while we computed. */
    if (output_folder_replaceable(final, &exists, err) != HK_OK)
        return err->status;
    int rc;
    if (exists) {
        /* The folder keeps the access its owner gave group and others
         * (700 kept private; setgid kept), the owner's own always whole:
         * a folder made 555 would leave the results unwritable to plot
         * and report, and what they replace to the next run. */
        struct stat was;
        if (stat(final, &was) == 0)
            chmod(ready, (was.st_mode & 02077) | 0700);
        rc = renameat2(AT_FDCWD, ready, AT_FDCWD, final, RENAME_EXCHANGE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
            /* No exchange on this filesystem: the old folder goes aside
             * first, so a crash in between leaves it at DIR.old-... */
            char aside[4400];
            int fd = output_owned_template(final, ".old-", aside, sizeof aside) == 0 ? mkstemp(aside) : -1;
            if (fd >= 0) {
                close(fd);
                unlink(aside);
                rc = rename(final, aside);
                if (rc == 0 && (rc = rename(ready, final)) != 0)
                    rename(aside, final); /* put the previous results back */
                if (rc == 0)
                    snprintf(ready, size, "%s", aside);
            }
        }
    } else {
        rc = rename(ready, final);
        if (rc == 0)
            ready[0] = '\0';
    }
    if (rc != 0)
        return hk_error_set(err, HK_EIO, "%s: cannot move results into place: %s", final,
                            strerror(errno));
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", final);
    sync_dir(dirname(parent));
    return HK_OK;
}

/* Removes the previous results swapped out of final's place; where some
 * cannot go (a folder of them made unwritable), the results stay in
 * place and the user hears where the rest is. row: final is a batch's
 * row, which the batch's next --resume sweeps, not a run into it. */
static void remove_previous(const char *final, const char *previous, int row,
                            struct hk_notice *notice)
{
    if (output_remove_tree(previous) == 0)
        return;
    int e = errno;
    hk_notice_set(notice, "note: %s: the previous results could not all be removed (%s): "
                  "what is left of them is in %s; remove it by hand (%s%s tries again)", final,
                  strerror(e), previous, row ? "the batch's next --resume" : "a later run into ",
                  row ? "" : final);
}

/* Lists every file of the staged folder in its .huikuan-files. */
static int write_manifest(struct output_dir *od, struct hk_error *err)
{
    FILE *f = output_dir_open(od, MANIFEST_NAME, err);
    if (!f)
        return err->status;
    if (manifest_write(f, od->staging, err) != HK_OK) {
        fclose(f);
        return err->status;
    }
    return output_dir_close(od, f, MANIFEST_NAME, err);
}

/* last: the hold taken for the swap is kept (output_dir_commit_last). */
static int commit(struct output_dir *od, int last, struct hk_notice *notice,
                  struct hk_error *err)
{
    if (write_manifest(od, err) != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    /* From here a signal finds DIR old or new: held off until the new
     * results are in place and the previous ones removed, not half of
     * them left under the staging name. */
    staging_guard_hold();
    if (last)
        staging_guard_hold(); /* never released: the process ends */
    staging_guard_disarm();
    if (swap_into_place(od->final, od->staging, sizeof od->staging, err) != HK_OK) {
        output_dir_abort(od);
        staging_guard_release();
        return err->status;
    }
    if (od->staging[0])
        remove_previous(od->final, od->staging, od->row, notice); /* the previous results */
    free(od);
    staging_guard_release();
    return HK_OK;
}

int output_dir_commit(struct output_dir *od, struct hk_notice *notice, struct hk_error *err)
{
    return commit(od, 0, notice, err);
}

int output_dir_commit_last(struct output_dir *od, struct hk_notice *notice,
                           struct hk_error *err)
{
    return commit(od, 1, notice, err);
}

int output_dir_adopt(const char *final_dir, const char *ready_dir, struct hk_notice *notice,
                     struct hk_error *err)
{
    /* Under this run's staging name first: should the process die after
     * the swap, the previous results are left under a name that the next
     * run into final_dir sweeps away, like any killed run's staging. */
    char staging[4400];
    /* A stop is held off from here: it would find the finished results
     * under a staging name, which the next run into final_dir would take
     * for a killed run's and remove. Once they are in place the hold is
     * kept to the end of the process, as output_dir_commit_last() keeps
     * it: done, the command is not turned into a failure by a stop. */
    staging_guard_hold();
    if (!make_staging(final_dir, staging, sizeof staging)) {
        staging_guard_release();
        return hk_error_set(err, HK_EIO, "%s: cannot write beside it: %s", final_dir,
                            strerror(errno));
    }
    if (rename(ready_dir, staging) != 0) { /* onto the empty folder mkdtemp made */
        int e = errno;
        rmdir(staging);
        staging_guard_release();
        return hk_error_set(err, HK_EIO, "%s: cannot move results into place: %s", final_dir,
                            strerror(e));
    }
    if (swap_into_place(final_dir, staging, sizeof staging, err) != HK_OK) {
        rename(staging, ready_dir); /* back where it was */
        staging_guard_release();
        return err->status;
    }
    if (staging[0])
        remove_previous(final_dir, staging, 0, notice); /* now holds the previous results */
    return HK_OK;
}

int output_dir_replaces(const struct output_dir *od)
{
    return od->replaces;
}

void output_dir_abort(struct output_dir *od)
{
    if (!od)
        return;
    staging_guard_disarm();
    output_remove_tree(od->staging);
    free(od);
}

/* ---- CSV ---------------------------------------------------------------- */

void output_csv_begin(struct csv_row *row, FILE *f)
{
    row->f = f;
    row->fields = 0;
}

void output_csv_text(struct csv_row *row, const char *text)
{
    if (row->fields++)
        fputc(',', row->f);
    if (strpbrk(text, ",\"\r\n") != NULL || text[0] == ' ')
        csv_fwrite(row->f, text, strlen(text));
    else
        fputs(text, row->f);
}

void output_csv_int(struct csv_row *row, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    output_csv_text(row, buf);
}

void output_csv_number(struct csv_row *row, int kind, double value)
{
    char buf[64];
    metric_format(kind, value, buf, sizeof buf);
    output_csv_text(row, buf);
}

void output_csv_end(struct csv_row *row)
{
    fputc('\n', row->f);
    row->fields = 0;
}
