/*
 * manifest.c — DIR/.huikuan-files: which files at the top of a results
 * folder huikuan wrote, with their sizes and checksums.
 */
#define _GNU_SOURCE
#include "huikuan/manifest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/output.h"
#include "huikuan/textfile.h"

#define NAME_MAX_LISTED 255

struct manifest_entry {
    char name[NAME_MAX_LISTED + 1];
    unsigned long long size, hash;
};

struct manifest {
    struct manifest_entry *entry;
    int count;
};

unsigned long long manifest_hash(unsigned long long hash, const void *bytes, size_t n)
{
    const unsigned char *b = bytes;
    for (size_t i = 0; i < n; i++)
        hash = (hash ^ b[i]) * 1099511628211ULL;
    return hash;
}

int manifest_digest(const char *path, unsigned long long *size, unsigned long long *hash)
{
    FILE *f = textfile_open(path, NULL);
    if (!f)
        return -1;
    unsigned char buf[65536];
    size_t n;
    *size = 0;
    *hash = MANIFEST_HASH_START;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        *hash = manifest_hash(*hash, buf, n);
        *size += n;
    }
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

static int listed_line(FILE *f, const char *name, unsigned long long size,
                       unsigned long long hash)
{
    return fprintf(f, "%s %llu %016llx\n", name, size, hash) < 0 ? -1 : 0;
}

int manifest_write(FILE *f, const char *dir, struct hk_error *err)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return hk_error_set(err, HK_EIO, "%s: cannot read: %s", dir, strerror(errno));
    int rc = HK_OK;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char path[PATH_MAX];
        struct stat st;
        unsigned long long size, hash;
        if (rc == HK_OK && name[0] != '.' && strlen(name) <= NAME_MAX_LISTED &&
            !strpbrk(name, " \t\n") &&
            snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
            lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (manifest_digest(path, &size, &hash) != 0)
                rc = hk_error_set(err, HK_EIO, "%s: cannot read: %s", path, strerror(errno));
            else
                listed_line(f, name, size, hash);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Reads a list from f; -1 if a line is not "NAME SIZE HASH". */
static int read_entries(FILE *f, struct manifest *m)
{
    char line[NAME_MAX_LISTED + 64];
    int cap = 0;
    while (fgets(line, sizeof line, f)) {
        struct manifest_entry e;
        char tail;
        if (!strchr(line, '\n') ||
            sscanf(line, "%255s %llu %llx%c", e.name, &e.size, &e.hash, &tail) != 4 ||
            tail != '\n')
            return -1;
        if (m->count == cap) {
            cap = cap ? 2 * cap : 16;
            struct manifest_entry *grown = realloc(m->entry, (size_t)cap * sizeof *grown);
            if (!grown)
                return -1;
            m->entry = grown;
        }
        m->entry[m->count++] = e;
    }
    return ferror(f) ? -1 : 0;
}

int manifest_load(const char *dir, struct manifest **out)
{
    char path[PATH_MAX];
    *out = NULL;
    if (snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME) >= (int)sizeof path)
        return -1;
    FILE *f = textfile_open(path, NULL);
    if (!f)
        return errno == ENOENT ? 0 : -1;
    struct manifest *m = calloc(1, sizeof *m);
    int bad = !m || read_entries(f, m) != 0;
    fclose(f);
    if (bad) {
        manifest_free(m);
        return -1;
    }
    *out = m;
    return 1;
}

static const struct manifest_entry *find(const struct manifest *m, const char *name)
{
    for (int i = 0; m && i < m->count; i++)
        if (strcmp(m->entry[i].name, name) == 0)
            return &m->entry[i];
    return NULL;
}

int manifest_load_checked(const char *dir, struct manifest **out, struct hk_error *err)
{
    int have = manifest_load(dir, out);
    if (have < 0)
        hk_error_set(err, HK_EINPUT, "%s/%s: cannot be read as a list of files; move it away",
                     dir, MANIFEST_NAME);
    return have;
}

int manifest_lists(const struct manifest *m, const char *name)
{
    return find(m, name) != NULL;
}

void manifest_free(struct manifest *m)
{
    if (!m)
        return;
    free(m->entry);
    free(m);
}

/* An exclusive lock on the list at path, as it is when the lock is
 * taken: a list replaced while this process waited (its lock was on the
 * one renamed over) is opened again. Returns the descriptor holding it,
 * -1 with errno set where there is no list or it cannot be locked (a
 * list that is no regular file: EINVAL, without waiting on a FIFO). Two
 * commands adding to one folder's list at once (plot and report) would
 * otherwise each write the list it read, without the other's files. */
static int lock_list(const char *path, int wait)
{
    for (;;) {
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            return -1;
        struct stat held, now;
        int e = fstat(fd, &held) != 0 ? errno
                : !S_ISREG(held.st_mode) ? EINVAL
                : flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 ? errno
                                          : 0;
        if (e != 0) {
            close(fd);
            errno = e;
            return -1;
        }
        if (stat(path, &now) == 0 && now.st_dev == held.st_dev && now.st_ino == held.st_ino)
            return fd;
        close(fd);
    }
}

static int lock_dir_list(const char *dir, int wait, struct hk_error *err)
{
    char final[PATH_MAX];
    if (snprintf(final, sizeof final, "%s/%s", dir, MANIFEST_NAME) >= (int)sizeof final) {
        hk_error_set(err, HK_EIO, "%s: name too long", dir);
        return MANIFEST_LOCK_FAILED;
    }
    int fd = lock_list(final, wait);
    if (fd < 0 && errno == ENOENT)
        return MANIFEST_NO_LIST; /* a folder of an earlier version */
    if (fd < 0) {
        hk_error_set(err, HK_EIO, "%s: cannot be read, or is not a list of files; move it away",
                     final);
        return MANIFEST_LOCK_FAILED;
    }
    return fd;
}

int manifest_lock(const char *dir, struct hk_error *err)
{
    return lock_dir_list(dir, 1, err);
}

int manifest_lock_now(const char *dir, struct hk_error *err)
{
    return lock_dir_list(dir, 0, err);
}

void manifest_unlock(int lock)
{
    if (lock >= 0)
        close(lock); /* and with it the lock */
}

int manifest_admit_locked(const char *dir, const char *const *name, const char *const *ready,
                          int count, struct hk_error *err)
{
    char final[PATH_MAX];
    if (snprintf(final, sizeof final, "%s/%s", dir, MANIFEST_NAME) >= (int)sizeof final)
        return hk_error_set(err, HK_EIO, "%s: name too long", dir);
    struct manifest *m;
    char tmp[PATH_MAX + 128];
    int have = manifest_load(dir, &m);
    if (have == 0)
        return HK_OK;
    if (have < 0)
        return hk_error_set(err, HK_EIO, "%s: cannot be read, or is not a list of files; "
                            "move it away", final);
    unsigned long long size[MANIFEST_ADMIT_MAX], hash[MANIFEST_ADMIT_MAX];
    int placed[MANIFEST_ADMIT_MAX] = {0};
    for (int k = 0; k < count; k++) {
        if (k >= MANIFEST_ADMIT_MAX || strlen(name[k]) > NAME_MAX_LISTED ||
            strchr(name[k], ' ') || strchr(name[k], '\n')) {
            manifest_free(m);
            return hk_error_set(err, HK_EIO, "%s/%s: name too long for its list", dir, name[k]);
        }
        if (manifest_digest(ready[k], &size[k], &hash[k]) != 0) {
            manifest_free(m);
            return hk_error_set(err, HK_EIO, "%s: cannot read: %s", ready[k], strerror(errno));
        }
    }
    /* Named as a run's temporary, so that one a killed run left is swept
     * away with the rest, and one of a live run is not. */
    int fd = output_staging_template(final, tmp, sizeof tmp) == 0 ? mkstemp(tmp) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        manifest_free(m);
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", final, strerror(errno));
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    int bad = 0;
    for (int i = 0; i < m->count; i++) {
        const struct manifest_entry *e = &m->entry[i];
        int k = 0;
        while (k < count && strcmp(e->name, name[k]) != 0)
            k++;
        if (k == count)
            bad |= listed_line(f, e->name, e->size, e->hash);
        else if (!placed[k]) /* where the list had it, once */
            bad |= listed_line(f, name[k], size[k], hash[k]);
        if (k < count)
            placed[k] = 1;
    }
    for (int k = 0; k < count; k++)
        if (!placed[k])
            bad |= listed_line(f, name[k], size[k], hash[k]);
    manifest_free(m);
    bad |= fflush(f) != 0 || ferror(f) || fsync(fd) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, final) != 0) {
        int e = errno;
        unlink(tmp);
        return hk_error_set(err, HK_EIO, "%s: write failed: %s", final, strerror(e));
    }
    return HK_OK;
}

int manifest_admit(const char *dir, const char *const *name, const char *const *ready,
                   int count, struct hk_error *err)
{
    int lock = manifest_lock(dir, err);
    if (lock == MANIFEST_NO_LIST)
        return HK_OK;
    if (lock == MANIFEST_LOCK_FAILED)
        return err->status;
    int rc = manifest_admit_locked(dir, name, ready, count, err);
    manifest_unlock(lock);
    return rc;
}

int manifest_intact(const char *dir, const char *const *required)
{
    struct manifest *m;
    if (manifest_load(dir, &m) != 1)
        return 0;
    int ok = 1;
    for (int i = 0; ok && i < m->count; i++) {
        if (strchr(m->entry[i].name, '/'))
            continue; /* charts: drawn again from the files at the top */
        char path[PATH_MAX];
        unsigned long long size, hash;
        ok = snprintf(path, sizeof path, "%s/%s", dir, m->entry[i].name) < (int)sizeof path &&
             manifest_digest(path, &size, &hash) == 0 && size == m->entry[i].size &&
             hash == m->entry[i].hash;
    }
    for (int i = 0; ok && required[i]; i++)
        ok = manifest_lists(m, required[i]);
    manifest_free(m);
    return ok;
}

int manifest_missing(const char *dir, const struct manifest *m, const char *const *except,
                     char *first, size_t size)
{
    int missing = 0;
    if (size > 0)
        first[0] = '\0';
    for (int i = 0; m && i < m->count; i++) {
        const char *name = m->entry[i].name;
        char path[PATH_MAX];
        struct stat st;
        int excepted = 0;
        for (int k = 0; except && except[k]; k++)
            excepted |= strcmp(name, except[k]) == 0;
        if (excepted || strchr(name, '/') || strcmp(name, "report.html") == 0 ||
            snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
            lstat(path, &st) == 0 || errno != ENOENT)
            continue;
        if (missing++ == 0)
            snprintf(first, size, "%s", name);
    }
    return missing;
}

/* The list of path's folder (1, in *m) and path's name in it (*name,
 * inside path); 0 if that folder has none or path is too long. */
static int list_of_folder(const char *path, struct manifest **m, const char **name)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return 0;
    char *slash = strrchr(dir, '/');
    *name = slash ? path + (slash - dir) + 1 : path;
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    return manifest_load(dir, m) == 1;
}

int manifest_names_file(const char *path)
{
    struct manifest *m;
    const char *name;
    if (!list_of_folder(path, &m, &name))
        return 0;
    int named = find(m, name) != NULL;
    manifest_free(m);
    return named;
}

int manifest_changed(const char *path)
{
    struct manifest *m;
    const char *name;
    if (!list_of_folder(path, &m, &name))
        return 0;
    const struct manifest_entry *e = find(m, name);
    unsigned long long size, hash;
    int changed = e && (manifest_digest(path, &size, &hash) != 0 || size != e->size ||
                        hash != e->hash);
    manifest_free(m);
    return changed;
}
