/*
 * batch_combine.c — a batch's combined files: each row folder's table
 * appended in row order under one header, written beside the rows and
 * renamed into place (see batch_combine.h).
 */
#define _GNU_SOURCE
#include "batch_combine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huikuan/manifest.h"
#include "huikuan/output.h"
#include "huikuan/results.h"
#include "huikuan/textfile.h"

/* Appends rows/NAME/file to out, with its header line only if first. */
static int append_row_file(FILE *out, const char *path, int first)
{
    FILE *in = textfile_open(path, NULL);
    if (!in)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    for (int i = 0; (n = getline(&line, &cap, in)) > 0; i++)
        if (i > 0 || first)
            fwrite(line, 1, (size_t)n, out);
    free(line);
    int bad = ferror(in);
    fclose(in);
    return bad ? -1 : 0;
}

/* Writes combined file `name` (rows: names in row order) to out; on a
 * row file that cannot be read, -1 with its path in src. */
static int combine(const char *dir, const char *name, char (*rows)[32], int count,
                   const char *command, FILE *out, char *src, size_t size)
{
    if (strcmp(name, "run.ini") == 0) {
        fprintf(out, "; huikuan %s\n; command: %s\n; %d rows, each fully resolved in "
                "rows/row-NNNN/run.ini;\n; 'huikuan run rows/row-NNNN/run.ini' reproduces one "
                "row\n", HUIKUAN_VERSION, command, count);
        return 0;
    }
    for (int r = 0; r < count; r++) {
        snprintf(src, size, "%s/rows/%s/%s", dir, rows[r], name);
        if (append_row_file(out, src, r == 0) != 0)
            return -1;
    }
    return 0;
}

/* A stream that compares what is written to it with a file's bytes. */
struct same_bytes {
    FILE *have;
    int differs;
};

static ssize_t same_bytes_write(void *cookie, const char *buf, size_t len)
{
    struct same_bytes *s = cookie;
    char have[8192];
    for (size_t done = 0; !s->differs && done < len;) {
        size_t n = len - done < sizeof have ? len - done : sizeof have;
        s->differs = fread(have, 1, n, s->have) != n || memcmp(have, buf + done, n) != 0;
        done += n;
    }
    return (ssize_t)len;
}

int batch_combine_current(const char *dir, const char *name, char (*rows)[32], int count,
                          const char *command)
{
    char path[8400], src[8400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct same_bytes s = {textfile_open(path, NULL), 0};
    if (!s.have)
        return 0;
    cookie_io_functions_t io = {.write = same_bytes_write};
    FILE *f = fopencookie(&s, "w", io);
    int bad = !f || combine(dir, name, rows, count, command, f, src, sizeof src) != 0;
    if (f)
        bad |= fclose(f) != 0;
    s.differs |= fgetc(s.have) != EOF || ferror(s.have);
    fclose(s.have);
    return !bad && !s.differs;
}

int batch_combine_write(const char *dir, const char *name, char (*rows)[32], int count,
                        const char *command, struct hk_error *err)
{
    char tmp[8500], final[8400], src[8400];
    snprintf(final, sizeof final, "%s/%s", dir, name);
    /* Named for this process, so that a --resume running beside it, or a
     * run replacing the folder, can tell it from one a killed run left. */
    int fd = output_staging_template(final, tmp, sizeof tmp) == 0 ? mkstemp(tmp) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return hk_error_set(err, HK_EIO, "%s: cannot create: %s", tmp, strerror(errno));
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (combine(dir, name, rows, count, command, f, src, sizeof src) != 0) {
        int e = errno;
        fclose(f);
        unlink(tmp);
        /* textfile_open's EINVAL: there, but not a regular file. */
        return hk_error_set(err, HK_EIO, "%s: cannot read: %s", src,
                            e == EINVAL ? "not a regular file (a pipe, a device or a folder)"
                                        : strerror(e));
    }
    int bad = fflush(f) != 0 || ferror(f) || fsync(fd) != 0;
    bad |= fclose(f) != 0;
    if (!bad && manifest_admit(dir, &name, (const char *[]){tmp}, 1, err) != HK_OK) {
        unlink(tmp);
        return err->status;
    }
    if (bad || rename(tmp, final) != 0) {
        int e = errno;
        unlink(tmp);
        return hk_error_set(err, HK_EIO, "%s: write failed: %s", final, strerror(e));
    }
    return HK_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int batch_combine_names(char ***out, int *count, struct hk_error *err)
{
    int n = 0;
    while (results_table_name(n))
        n++;
    char **names = calloc((size_t)n + 1, sizeof *names);
    if (!names)
        return hk_error_set(err, HK_EIO, "out of memory");
    int k = 0;
    for (int t = 0; t < n; t++)
        if (strcmp(results_table_name(t), BATCH_COMBINE_LAST) != 0)
            names[k++] = strdup(results_table_name(t));
    names[k++] = strdup("run.ini");
    names[k++] = strdup(BATCH_COMBINE_LAST);
    *out = names;
    *count = k;
    for (int i = 0; i < k; i++)
        if (!names[i])
            return hk_error_set(err, HK_EIO, "out of memory");
    qsort(names, (size_t)k - 2, sizeof *names, by_name); /* run.ini, then summary.csv, last */
    return HK_OK;
}

void batch_combine_free_names(char **names, int count)
{
    for (int i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}
