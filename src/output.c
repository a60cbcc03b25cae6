/*
 * output.c — staging folder, atomic swap, CSV fields via libcsv.
 *
 * Invariant: the target folder is only ever touched by one rename (or
 * one exchange); everything else happens in the staging folder.
 */
#define _GNU_SOURCE
#include "huikuan/output.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/metrics.h"

#define MARKER ".huikuan-results"

struct output_dir {
    char final[4096];
    char staging[4400];
};

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
    DIR *d = opendir(path);
    if (!d)
        return hk_error_set(err, HK_EINPUT, "%s: cannot read output folder: %s", path,
                            strerror(errno));
    int entries = 0, marked = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        entries++;
        marked |= strcmp(de->d_name, MARKER) == 0;
    }
    closedir(d);
    if (entries > 0 && !marked)
        return hk_error_set(err, HK_EINPUT,
                            "%s: exists, is not empty and holds no huikuan results; "
                            "refusing to replace it (choose another -o)", path);
    return HK_OK;
}

struct output_dir *output_dir_begin(const char *final_dir, struct hk_error *err)
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
    snprintf(od->staging, sizeof od->staging, "%s.tmp-XXXXXX", od->final);
    if (!mkdtemp(od->staging)) {
        hk_error_set(err, HK_EINPUT, "%s: cannot write in %s: %s", od->final, p, strerror(errno));
        free(od);
        return NULL;
    }
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

int output_dir_commit(struct output_dir *od, struct hk_error *err)
{
    sync_dir(od->staging);
    int exists;
    /* Check again: the folder may have changed while we computed. */
    if (dir_is_replaceable(od->final, &exists, err) != HK_OK) {
        output_dir_abort(od);
        return err->status;
    }
    int rc;
    if (exists) {
        rc = renameat2(AT_FDCWD, od->staging, AT_FDCWD, od->final, RENAME_EXCHANGE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
            /* No exchange on this filesystem: the old folder goes aside
             * first, so a crash in between leaves it at DIR.old-... */
            char aside[4300];
            snprintf(aside, sizeof aside, "%s.old-XXXXXX", od->final);
            int fd = mkstemp(aside);
            if (fd >= 0) {
                close(fd);
                unlink(aside);
                rc = rename(od->final, aside);
                if (rc == 0)
                    rc = rename(od->staging, od->final);
                if (rc == 0)
                    snprintf(od->staging, sizeof od->staging, "%s", aside);
            }
        }
    } else {
        rc = rename(od->staging, od->final);
    }
    if (rc != 0) {
        hk_error_set(err, HK_EIO, "%s: cannot move results into place: %s", od->final,
                     strerror(errno));
        output_dir_abort(od);
        return HK_EIO;
    }
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", od->final);
    sync_dir(dirname(parent));
    if (exists)
        output_remove_tree(od->staging); /* now holds the previous results */
    free(od);
    return HK_OK;
}

void output_dir_abort(struct output_dir *od)
{
    if (!od)
        return;
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
