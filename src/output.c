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
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/batch_settings.h"
#include "huikuan/charts.h"
#include "huikuan/manifest.h"
#include "huikuan/metrics.h"

#define MARKER ".huikuan-results"

struct output_dir {
    char final[4096];
    char staging[4400]; /* final + ".tmp-" + host (255) + pid + 7 */
    int replaces;       /* final held earlier results when begun */
};

/* A name that huikuan writes at the top of a results folder: the files of
 * run, compare, sweep, calibrate, batch and bench, and what plot and
 * report add later. Anything else is the user's, and a folder holding it
 * is never replaced (removed). */
static int result_name(const char *name)
{
    static const char *const names[] = {
        MARKER, MANIFEST_NAME, BATCH_SETTINGS_NAME, "run.ini", "summary.csv", "replications.csv",
        "monthly.csv", "aging.csv",
        "reps.csv", "collectibility.csv", "segments.csv", "markov.csv", "compare.csv",
        "sweep.csv", "calibrate.csv", "confirmation.csv", "batch.csv", "bench.csv", "rows",
        "plots", "report.html",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    size_t n = strlen(name);
    if (strncmp(name, "markov-", 7) == 0 && n > 11 && strcmp(name + n - 4, ".csv") == 0)
        return 1; /* compare: one per Markov scenario */
    if (strncmp(name, "run-", 4) == 0 && n > 8 && strcmp(name + n - 4, ".ini") == 0)
        return 1; /* compare and sweep: one per scenario */
    return 0;
}

/* Inside rows/: a batch's row folder, row-NNNN. */
static int row_name(const char *name)
{
    if (strncmp(name, "row-", 4) != 0 || !name[4])
        return 0;
    for (const char *p = name + 4; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

/* Inside plots/: a chart of the catalogue, NAME.png or NAME.svg. */
static int chart_name(const char *name)
{
    size_t n = strlen(name);
    char stem[64];
    if (n <= 4 || n - 4 >= sizeof stem ||
        (strcmp(name + n - 4, ".png") != 0 && strcmp(name + n - 4, ".svg") != 0))
        return 0;
    memcpy(stem, name, n - 4);
    stem[n - 4] = '\0';
    return chart_find(stem) != NULL;
}

/* What the temporary names in plots/ are made of: .probe and .NAME. */
static int chart_staging_base(const char *base)
{
    return base[0] == '.' && (strcmp(base, ".probe") == 0 || chart_find(base + 1) != NULL);
}

/* OWNER "HOST-PID-XXXXXX", as owned_template() writes it: 1 with the
 * length of HOST and the PID, else 0. */
static int parse_owner(const char *owner, size_t *host_len, long *pid)
{
    const char *last = strrchr(owner, '-');
    if (!last || strlen(last + 1) != 6 || last == owner)
        return 0;
    const char *dash = last - 1;
    while (dash > owner && *dash >= '0' && *dash <= '9')
        dash--;
    if (*dash != '-' || dash + 1 == last || dash == owner)
        return 0;
    *host_len = (size_t)(dash - owner);
    *pid = strtol(dash + 1, NULL, 10);
    return 1;
}

static int owned_suffix(const char *owner)
{
    size_t host_len;
    long pid;
    return parse_owner(owner, &host_len, &pid);
}

/* Whether OWNER names a process of this host (host) that is gone: its
 * leftovers may go. Another host's, or a live one's, stay. */
static int owner_gone(const char *owner, const char *host)
{
    size_t host_len;
    long pid;
    if (!parse_owner(owner, &host_len, &pid) || host_len != strlen(host) ||
        strncmp(owner, host, host_len) != 0 || pid <= 0 || pid == (long)getpid())
        return 0;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Earlier versions named some temporaries STEM.tmp-XXXXXX, no owner: a
 * batch's combined CSV files, report's .report.html, a chart's .NAME,
 * a batch row. A user's "run.ini.tmp-2024v1" is none of them. */
static int made_without_owner(const char *stem)
{
    size_t n = strlen(stem);
    return (n > 4 && strcmp(stem + n - 4, ".csv") == 0) || stem[0] == '.' || row_name(stem);
}

/* name is STEM.tmp-OWNER (with old_too, also STEM.old-OWNER, a folder set
 * aside), a temporary name huikuan gives what it is writing, with
 * base(STEM) true, or base(NAME) for STEM .NAME (report stages its page
 * as .report.html); *owner points at OWNER. */
static int temporary_of(const char *name, int (*base)(const char *), int old_too,
                        const char **owner)
{
    const char *tag = strstr(name, ".tmp-");
    const char *old = old_too ? strstr(name, ".old-") : NULL;
    if (!tag || (old && old < tag))
        tag = old;
    char stem[256];
    size_t n = tag ? (size_t)(tag - name) : 0;
    if (!tag || n == 0 || n >= sizeof stem)
        return 0;
    memcpy(stem, name, n);
    stem[n] = '\0';
    const char *who = tag + 5;
    int bare = strlen(who) == 6 && !strchr(who, '-');
    if (!owned_suffix(who) && !(bare && made_without_owner(stem)))
        return 0;
    if (owner)
        *owner = who;
    return base(stem) || (stem[0] == '.' && stem[1] && base(stem + 1));
}

static void host_name(char *buf, size_t size);

int output_left_behind(const char *name, int in_rows)
{
    const char *owner = NULL;
    int ours = in_rows ? temporary_of(name, row_name, 1, &owner)
                       : temporary_of(name, result_name, 0, &owner);
    if (!ours)
        return 0;
    char host[256];
    host_name(host, sizeof host);
    /* An owner-less name is an earlier version's: nobody still writes it. */
    return !owned_suffix(owner) || owner_gone(owner, host);
}

/* "prefix/name" into found, and what it is if that is why it is not
 * huikuan's (a folder where huikuan writes a file, say). */
static void name_foreign(char *found, size_t size, const char *prefix, const char *name,
                         const char *what)
{
    int n = snprintf(found, size, "%s%s%s%s", prefix, prefix[0] ? "/" : "", name, what);
    if (n < 0 || (size_t)n >= size)
        found[size - 1] = '\0'; /* a long name, shortened in the message */
}


static const char *kind_of(mode_t mode)
{
    return S_ISDIR(mode) ? " (a folder)" : S_ISLNK(mode) ? " (a symbolic link)"
           : S_ISREG(mode) ? " (a file)" : " (neither a file nor a folder)";
}

enum folder_kind { RESULTS_FOLDER, PLOTS_FOLDER, ROWS_FOLDER };

/* Whether entry `name`, of the given mode, in a folder of that kind is
 * huikuan's; *inside says which kind of folder it is itself, to look
 * into (-1: nothing to look into). In a results folder with a list of
 * the files huikuan wrote (listed non-NULL), a file is huikuan's only if
 * the list names it: a user's run-notes.ini is not. */
static int entry_is_ours(enum folder_kind kind, const char *name, mode_t mode,
                         const struct manifest *listed, int *inside)
{
    *inside = -1;
    switch (kind) {
    case RESULTS_FOLDER:
        if (temporary_of(name, result_name, 0, NULL))
            return 1; /* what a writer stopped midway left: removed with the rest */
        if (strcmp(name, "plots") == 0 || strcmp(name, "rows") == 0) {
            *inside = name[0] == 'p' ? PLOTS_FOLDER : ROWS_FOLDER;
            return S_ISDIR(mode);
        }
        if (!result_name(name) || !S_ISREG(mode))
            return 0;
        if (!listed || manifest_lists(listed, name))
            return 1;
        /* A batch's record of its settings is not in its list, being
         * written before it; it belongs with a batch's batch.csv only. */
        if (strcmp(name, BATCH_SETTINGS_NAME) == 0)
            return manifest_lists(listed, "batch.csv");
        return name[0] == '.'; /* the marker, the list itself */
    case PLOTS_FOLDER: {
        /* The results folder's list names the charts plot drew as plots/NAME. */
        char listed_as[300];
        return temporary_of(name, chart_staging_base, 0, NULL) ||
               (chart_name(name) && S_ISREG(mode) &&
                (!listed || (snprintf(listed_as, sizeof listed_as, "plots/%s", name) <
                                 (int)sizeof listed_as &&
                             manifest_lists(listed, listed_as))));
    }
    case ROWS_FOLDER:
        if (temporary_of(name, row_name, 1, NULL))
            return 1;
        *inside = RESULTS_FOLDER; /* a row is a results folder of its own */
        return row_name(name) && S_ISDIR(mode);
    }
    return 0;
}

/* Whether a name, whatever it is, is one huikuan gives in such a folder:
 * if so, what is wrong is its kind (a folder named summary.csv). */
static int name_is_ours(enum folder_kind kind, const char *name)
{
    return kind == RESULTS_FOLDER ? result_name(name)
           : kind == PLOTS_FOLDER ? chart_name(name) : row_name(name);
}

/* The first entry of folder `path` (shown as prefix, "" at the top of a
 * results folder) that huikuan did not write, as "prefix/name" into
 * found (left empty if there is none): a name of the user's, or one of
 * huikuan's of the wrong kind, down to the charts in plots/ and every
 * row folder's files in rows/. `above` is the list of what huikuan wrote
 * in the results folder `path` is in (for plots/). *unreadable is set if
 * what is named could not be read: a folder, or a list. */
static void find_foreign(const char *path, const char *prefix, enum folder_kind kind,
                         const struct manifest *above, char *found, size_t size,
                         int *unreadable)
{
    DIR *d = opendir(path);
    if (!d) {
        name_foreign(found, size, "", prefix, " cannot be read");
        *unreadable = 1;
        return;
    }
    struct manifest *own = NULL;
    if (kind == RESULTS_FOLDER && manifest_load(path, &own) < 0) {
        name_foreign(found, size, prefix, MANIFEST_NAME, " cannot be read as a list of files");
        *unreadable = 1;
    }
    /* The list of the results folder this one is, or is in (plots/). */
    const struct manifest *listed = kind == RESULTS_FOLDER ? own : above;
    struct dirent *de;
    while (!found[0] && (de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char sub[PATH_MAX], subprefix[PATH_MAX];
        struct stat st;
        int inside;
        if (snprintf(sub, sizeof sub, "%s/%s", path, name) >= (int)sizeof sub ||
            snprintf(subprefix, sizeof subprefix, "%s%s%s", prefix, prefix[0] ? "/" : "",
                     name) >= (int)sizeof subprefix ||
            lstat(sub, &st) != 0)
            name_foreign(found, size, prefix, name, "");
        else if (!entry_is_ours(kind, name, st.st_mode, listed, &inside))
            name_foreign(found, size, prefix, name,
                         name_is_ours(kind, name) && !S_ISREG(st.st_mode) ? kind_of(st.st_mode)
                                                                           : "");
        else if (inside >= 0 && S_ISDIR(st.st_mode))
            find_foreign(sub, subprefix, (enum folder_kind)inside, listed, found, size,
                         unreadable);
    }
    manifest_free(own);
    closedir(d);
}

/* Whether folder path is locked by a batch writing it. The probe takes
 * a shared lock for an instant; a batch taking its lock then retries. */
static int held_by_batch(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return 0;
    int busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

/* *exists: 0 if path is absent, 1 if it is an empty folder, 2 if it holds
 * earlier results (and nothing else, down to the charts in plots/ and
 * the files of each row in rows/). */
static int dir_is_replaceable(const char *path, int *exists, struct hk_error *err)
{
    struct stat st;
    *exists = 0;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return HK_OK;
        return hk_error_set(err, HK_EINPUT, "%s: cannot use as output folder: %s", path,
                            strerror(errno));
    }
    *exists = 1;
    if (!S_ISDIR(st.st_mode))
        return hk_error_set(err, HK_EINPUT,
                            "%s: exists and is not a folder; choose another -o", path);
    /* A batch holds its folder locked while it writes (batch.c): this
     * one, or DIR.unfinished, where a batch builds what is to take DIR's
     * place. */
    if (held_by_batch(path))
        return hk_error_set(err, HK_EINPUT, "%s: a huikuan batch is writing this folder; "
                            "wait for it or choose another -o", path);
    char work[PATH_MAX];
    if (snprintf(work, sizeof work, "%s.unfinished", path) < (int)sizeof work && held_by_batch(work))
        return hk_error_set(err, HK_EINPUT, "%s: a huikuan batch is writing %s to take this "
                            "folder's place; wait for it or choose another -o", path, work);
    DIR *d = opendir(path);
    if (!d)
        return hk_error_set(err, HK_EINPUT, "%s: cannot read output folder: %s", path,
                            strerror(errno));
    int entries = 0, marked = 0, unreadable = 0;
    char foreign[320] = "";
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        entries++;
        marked |= strcmp(de->d_name, MARKER) == 0;
    }
    closedir(d);
    if (marked)
        find_foreign(path, "", RESULTS_FOLDER, NULL, foreign, sizeof foreign, &unreadable);
    if (entries > 0 && !marked)
        return hk_error_set(err, HK_EINPUT,
                            "%s: exists, is not empty and holds no huikuan results; "
                            "refusing to replace it (choose another -o)", path);
    if (unreadable)
        return hk_error_set(err, HK_EINPUT, "%s: holds huikuan results, but %s; refusing to "
                            "replace it (move it away or choose another -o)", path, foreign);
    if (foreign[0])
        return hk_error_set(err, HK_EINPUT,
                            "%s: holds huikuan results and also %s, which huikuan did not "
                            "write; refusing to replace it (move it away or choose another -o)",
                            path, foreign);
    *exists = entries > 0 ? 2 : 1;
    return HK_OK;
}

int output_dir_check(const char *final_dir, struct hk_error *err)
{
    int exists;
    return dir_is_replaceable(final_dir, &exists, err);
}

/* This host's name as it appears in staging folder names. */
static void host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) != 0)
        snprintf(buf, size, "localhost");
    buf[size < 65 ? size - 1 : 64] = '\0'; /* names stay short */
    for (char *p = buf; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
            *p = '_';
}

/* entry is "BASE" tag "HOST-PID-XXXXXX" (tag ".tmp-" for staging,
 * ".old-" for earlier results set aside): 1 if HOST is this host and no
 * process has that PID any more. With unowned, also "BASE.tmp-XXXXXX",
 * a name that says nothing of its owner (see output_sweep_abandoned). */
static int left_by_dead_run(const char *entry, const char *base, const char *tag,
                            const char *host, int unowned)
{
    size_t bl = strlen(base);
    if (strncmp(entry, base, bl) != 0 || strncmp(entry + bl, tag, 5) != 0)
        return 0;
    const char *owner = entry + bl + 5;
    if (unowned && strlen(owner) == 6 && !strchr(owner, '-'))
        return 1;
    return owner_gone(owner, host);
}

int output_reserved_name(const char *name)
{
    size_t n = strlen(name), tail = sizeof ".unfinished" - 1;
    return strstr(name, ".tmp-") || strstr(name, ".old-") ||
           (n >= tail && strcmp(name + n - tail, ".unfinished") == 0);
}

/* "FINAL" tag "HOST-PID-XXXXXX", as left_by_dead_run() reads it. */
static int owned_template(const char *final, const char *tag, char *buf, size_t size)
{
    char host[256];
    host_name(host, sizeof host);
    if (snprintf(buf, size, "%s%s%s-%ld-XXXXXX", final, tag, host, (long)getpid()) >=
        (int)size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int output_staging_template(const char *final, char *buf, size_t size)
{
    return owned_template(final, ".tmp-", buf, size);
}

/* Creates this run's staging folder beside final, named as
 * left_by_dead_run() reads it; NULL (errno set) if it cannot. */
static char *make_staging(const char *final, char *buf, size_t size)
{
    return output_staging_template(final, buf, size) == 0 ? mkdtemp(buf) : NULL;
}

/* Calls fn(path, final, ctx) for each entry beside final that a run now
 * gone left (left_by_dead_run() with tag) and that is a folder or a
 * file, until one returns non-zero; returns that (0 if none did). */
static int each_left_by_dead_run(const char *final, const char *tag, int unowned,
                                 int (*fn)(const char *path, const char *final, void *ctx),
                                 void *ctx)
{
    char parent[4096], name[4096], host[256];
    snprintf(parent, sizeof parent, "%s", final);
    snprintf(name, sizeof name, "%s", final);
    const char *dir = dirname(parent), *base = basename(name);
    host_name(host, sizeof host);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    int stop = 0;
    while (!stop && (de = readdir(d)) != NULL) {
        if (!left_by_dead_run(de->d_name, base, tag, host, unowned))
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
    return each_left_by_dead_run(final, ".tmp-", 0, take_if_wanted, &a);
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

/* Whether folder path holds huikuan results. */
static int holds_results(const char *path)
{
    char marker[PATH_MAX + sizeof MARKER + 1];
    struct stat st;
    return snprintf(marker, sizeof marker, "%s/%s", path, MARKER) < (int)sizeof marker &&
           lstat(marker, &st) == 0;
}

/* The folder that holds huikuan results at or above parent (the parent
 * of a folder to be written), into found, the first `skip` levels not
 * looked at: 1 if there is one. Named as given as far as the given
 * path goes ("R1" of "R1/rows"), then by its full path. */
static int results_above(const char *parent, int skip, char *found, size_t size)
{
    char path[PATH_MAX], up[PATH_MAX];
    snprintf(path, sizeof path, "%s", parent);
    int level = 0;
    /* Up the path as given, while dirname() can take it up a level. */
    for (;;) {
        size_t n = strlen(path);
        int dotdot = (n == 2 || (n > 2 && path[n - 3] == '/')) && strcmp(path + n - 2, "..") == 0;
        if (strcmp(path, ".") == 0 || strcmp(path, "/") == 0 || dotdot)
            break;
        if (level++ >= skip && holds_results(path))
            return (size_t)snprintf(found, size, "%s", path) < size;
        snprintf(up, sizeof up, "%s", path);
        snprintf(path, sizeof path, "%s", dirname(up));
    }
    /* Then up the full path, to the root. */
    if (!realpath(path, up))
        return 0;
    for (;;) {
        if (level++ >= skip && holds_results(up))
            return (size_t)snprintf(found, size, "%s", up) < size;
        char *slash = strrchr(up, '/');
        if (!slash || strcmp(up, "/") == 0)
            return 0;
        if (slash == up)
            up[1] = '\0'; /* the root */
        else
            *slash = '\0';
    }
}

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
    const char *last = strrchr(od->final, '/');
    last = last ? last + 1 : od->final;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
        hk_error_set(err, HK_EINPUT, "-o %s: name the results folder itself, not '.' or '..'",
                     final_dir);
        free(od);
        return NULL;
    }
    restore_set_aside(od->final);
    int exists;
    if (dir_is_replaceable(od->final, &exists, err) != HK_OK) {
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
    if (results_above(p, row ? 2 : 0, above, sizeof above)) {
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
    output_sweep_abandoned(od->final, 0);
    if (!make_staging(od->final, od->staging, sizeof od->staging)) {
        hk_error_set(err, HK_EINPUT, "%s: cannot write in %s: %s", od->final, p, strerror(errno));
        free(od);
        return NULL;
    }
    staging_guard_arm(od->staging);
    /* mkdtemp makes the folder private; results are as shared as any file. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(od->staging, 0777 & ~mask);
    FILE *m = output_dir_open(od, MARKER, err);
    if (!m || output_dir_close(od, m, MARKER, err) != HK_OK) {
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
    staging_guard_note(name); /* before it exists: a signal finds it noted */
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

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int output_remove_tree(const char *path)
{
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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
    if (dir_is_replaceable(final, &exists, err) != HK_OK)
        return err->status;
    int rc;
    if (exists) {
        rc = renameat2(AT_FDCWD, ready, AT_FDCWD, final, RENAME_EXCHANGE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
            /* No exchange on this filesystem: the old folder goes aside
             * first, so a crash in between leaves it at DIR.old-... */
            char aside[4400];
            int fd = owned_template(final, ".old-", aside, sizeof aside) == 0 ? mkstemp(aside) : -1;
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

int output_dir_commit(struct output_dir *od, struct hk_error *err)
{
    if (write_manifest(od, err) != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    staging_guard_disarm(); /* from here a signal finds DIR old or new */
    if (swap_into_place(od->final, od->staging, sizeof od->staging, err) != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    if (od->staging[0])
        output_remove_tree(od->staging); /* now holds the previous results */
    free(od);
    return HK_OK;
}

int output_dir_adopt(const char *final_dir, const char *ready_dir, struct hk_error *err)
{
    /* Under this run's staging name first: should the process die after
     * the swap, the previous results are left under a name that the next
     * run into final_dir sweeps away, like any killed run's staging. */
    char staging[4400];
    if (!make_staging(final_dir, staging, sizeof staging))
        return hk_error_set(err, HK_EIO, "%s: cannot write beside it: %s", final_dir,
                            strerror(errno));
    if (rename(ready_dir, staging) != 0) { /* onto the empty folder mkdtemp made */
        int e = errno;
        rmdir(staging);
        return hk_error_set(err, HK_EIO, "%s: cannot move results into place: %s", final_dir,
                            strerror(e));
    }
    if (swap_into_place(final_dir, staging, sizeof staging, err) != HK_OK) {
        rename(staging, ready_dir); /* back where it was */
        return err->status;
    }
    if (staging[0])
        output_remove_tree(staging); /* now holds the previous results */
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
