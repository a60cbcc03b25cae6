/*
 * output_owner.c — whose each name in and beside a results folder is.
 *
 * huikuan's: the files it writes (at the top only those its list,
 * .huikuan-files, names, where there is one), its charts in plots/, a
 * batch's rows in rows/, and the temporaries a writer names after itself
 * (NAME.tmp-HOST-PID-XXXXXX), which may go once that process is gone.
 * Anything else is the user's, and a folder holding it is never
 * replaced. Results inside results are refused, at any depth.
 */
#define _GNU_SOURCE
#include "huikuan/batch_settings.h"
#include "huikuan/output.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/batch_settings.h"
#include "huikuan/charts.h"
#include "huikuan/manifest.h"
#include "output_internal.h"

/* A name that huikuan writes at the top of a results folder: the files of
 * run, compare, sweep, calibrate, batch and bench, and what plot and
 * report add later. Anything else is the user's, and a folder holding it
 * is never replaced (removed). */
static int result_name(const char *name)
{
    static const char *const names[] = {
        OUTPUT_MARKER, MANIFEST_NAME, BATCH_SETTINGS_NAME, "run.ini", "summary.csv", "replications.csv",
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

/* What the temporary names in plots/ are made of: .probe and .NAME. */
static int chart_staging_base(const char *base)
{
    return base[0] == '.' && (strcmp(base, ".probe") == 0 || chart_find(base + 1) != NULL);
}

/* OWNER "HOST-PID-XXXXXX", as output_owned_template() writes it: 1 with the
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

/* Whether process pid has exited and not yet been reaped. Its locks and
 * files are closed; kill() still finds it. */
static int zombie(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int dead = 0;
    if (fgets(line, sizeof line, f)) {
        const char *paren = strrchr(line, ')'); /* the name may hold blanks and ')' */
        dead = paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
    }
    fclose(f);
    return dead;
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
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    return zombie((pid_t)pid); /* dead, its parent yet to reap it */
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
                        const char **owner, char stem_of[256])
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
    if (stem_of) { /* a leading dot left off, the terminator kept */
        const char *from = stem[0] == '.' && stem[1] ? stem + 1 : stem;
        memcpy(stem_of, from, n + 1 - (size_t)(from - stem));
    }
    return base(stem) || (stem[0] == '.' && stem[1] && base(stem + 1));
}

int output_left_behind(const char *name, int in_rows, int list_locked)
{
    const char *owner = NULL;
    char stem[256];
    int ours = in_rows ? temporary_of(name, row_name, 1, &owner, stem)
                       : temporary_of(name, result_name, 0, &owner, stem);
    if (!ours)
        return 0;
    /* An owner-less name is an earlier version's: nobody still writes it. */
    if (!owned_suffix(owner))
        return 1;
    /* What only a batch writes, it writes holding the lock the caller
     * now holds, and the list of files every writer replaces holding the
     * list's: its writer is gone, on whichever host it ran. */
    int list = strcmp(stem, MANIFEST_NAME + 1) == 0;
    if (in_rows || (list && list_locked) ||
        (!list && strcmp(stem, "report.html") != 0 && strcmp(stem, "plots") != 0))
        return 1;
    char host[256];
    output_host_name(host, sizeof host);
    return owner_gone(owner, host);
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
        if (temporary_of(name, result_name, 0, NULL, NULL))
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
        return temporary_of(name, chart_staging_base, 0, NULL, NULL) ||
               (charts_file_name(name) && S_ISREG(mode) &&
                (!listed || (snprintf(listed_as, sizeof listed_as, "plots/%s", name) <
                                 (int)sizeof listed_as &&
                             manifest_lists(listed, listed_as))));
    }
    case ROWS_FOLDER:
        if (temporary_of(name, row_name, 1, NULL, NULL))
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
           : kind == PLOTS_FOLDER ? charts_file_name(name) : row_name(name);
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

/* The probe takes a shared lock for an instant; a batch taking its lock
 * then retries. */
int output_held_by_batch(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return 0;
    int busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

int output_folder_replaceable(const char *path, int *exists, struct hk_error *err)
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
    if (S_ISLNK(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: a symbolic link; name the folder it points to "
                            "(results take a folder's place by a rename, which would replace the "
                            "link, not its folder), or choose another -o", path);
    if (!S_ISDIR(st.st_mode))
        return hk_error_set(err, HK_EINPUT,
                            "%s: exists and is not a folder; choose another -o", path);
    /* A batch holds its folder locked while it writes (batch.c): this
     * one, or DIR.unfinished, where a batch builds what is to take DIR's
     * place. */
    if (output_held_by_batch(path))
        return hk_error_set(err, HK_EINPUT, "%s: a huikuan batch is writing this folder; "
                            "wait for it or choose another -o", path);
    char work[PATH_MAX];
    if (snprintf(work, sizeof work, "%s.unfinished", path) < (int)sizeof work && output_held_by_batch(work))
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
        marked |= strcmp(de->d_name, OUTPUT_MARKER) == 0;
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
    /* A batch's rows are what is left of hours of work until the batch
     * finishes: only the batch itself may take up the folder again. */
    if (marked && output_holds_unfinished_batch(path)) {
        char hint[8400];
        batch_settings_resume_hint(path, path, hint, sizeof hint);
        return hk_error_set(err, HK_EINPUT, "%s: holds an unfinished batch (no summary.csv "
                            "yet); continue it with '%s', or remove the folder to start over",
                            path, hint);
    }
    *exists = entries > 0 ? 2 : 1;
    return HK_OK;
}

int output_holds_batch(const char *dir)
{
    char batch[PATH_MAX];
    struct stat st;
    return snprintf(batch, sizeof batch, "%s/batch.csv", dir) < (int)sizeof batch &&
           lstat(batch, &st) == 0;
}

int output_holds_unfinished_batch(const char *dir)
{
    char batch[PATH_MAX], summary[PATH_MAX];
    struct stat st;
    return snprintf(batch, sizeof batch, "%s/batch.csv", dir) < (int)sizeof batch &&
           snprintf(summary, sizeof summary, "%s/summary.csv", dir) < (int)sizeof summary &&
           lstat(batch, &st) == 0 && lstat(summary, &st) != 0;
}

int output_dir_check(const char *final_dir, struct hk_error *err)
{
    int exists;
    return output_folder_replaceable(final_dir, &exists, err);
}

void output_host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) != 0)
        snprintf(buf, size, "localhost");
    buf[size < 65 ? size - 1 : 64] = '\0'; /* names stay short */
    for (char *p = buf; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
            *p = '_';
}

int output_left_by_dead_run(const char *entry, const char *base, const char *tag,
                            const char *host, int unowned)
{
    size_t bl = strlen(base);
    if (strncmp(entry, base, bl) != 0 || strncmp(entry + bl, tag, 5) != 0)
        return 0;
    const char *owner = entry + bl + 5;
    size_t host_len;
    long pid;
    if (unowned == OUTPUT_ANY_OWNER && parse_owner(owner, &host_len, &pid) &&
        (host_len != strlen(host) || strncmp(owner, host, host_len) != 0))
        return 1; /* another host's: the caller tells whether it is gone */
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

int output_owned_template(const char *final, const char *tag, char *buf, size_t size)
{
    char host[256];
    output_host_name(host, sizeof host);
    if (snprintf(buf, size, "%s%s%s-%ld-XXXXXX", final, tag, host, (long)getpid()) >=
        (int)size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int output_staging_template(const char *final, char *buf, size_t size)
{
    return output_owned_template(final, ".tmp-", buf, size);
}

/* Whether folder path holds huikuan results. */
static int holds_results(const char *path)
{
    char marker[PATH_MAX + sizeof OUTPUT_MARKER + 1];
    struct stat st;
    return snprintf(marker, sizeof marker, "%s/%s", path, OUTPUT_MARKER) < (int)sizeof marker &&
           lstat(marker, &st) == 0;
}

/* Named as given as far as the given path goes ("R1" of "R1/rows"),
 * then by its full path, resolved from the start: a symlink in the path
 * may lead into a results folder that the path as given never names. */
int output_results_above(const char *parent, int skip, char *found, size_t size)
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
    if (!realpath(parent, up))
        return 0;
    level = 0;
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
