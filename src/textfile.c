/*
 * textfile.c — reads of regular files only, whole or line by line (see
 * textfile.h).
 *
 * The file is opened non-blocking so that opening a FIFO returns at once;
 * fstat on the open descriptor then decides, so there is no window
 * between checking a path and reading it.
 */
#include "huikuan/textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "it is a folder, not a file";
    if (S_ISFIFO(mode))
        return "it is a pipe, not a regular file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "it is a device, not a regular file";
    if (S_ISSOCK(mode))
        return "it is a socket, not a regular file";
    return "not a regular file";
}

/* Opens path non-blocking and keeps it only if it is a regular file:
 * the descriptor, or -1 with errno set, *why saying why and *opened
 * whether the open itself succeeded (a FIFO, a device or a folder opens,
 * and is refused after). st gets the file's status. */
static int open_regular(const char *path, struct stat *st, const char **why, int *opened)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    *opened = fd >= 0;
    if (fd < 0 || fstat(fd, st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        *why = strerror(e);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        *why = kind_of(st->st_mode);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

FILE *textfile_open(const char *path, const char **why)
{
    const char *ignored;
    why = why ? why : &ignored;
    struct stat st;
    int opened;
    int fd = open_regular(path, &st, why, &opened);
    if (fd < 0)
        return NULL;
    /* Reads from a regular file do not block; the flag only mattered
     * for the open. */
    FILE *f = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        int e = errno;
        close(fd);
        *why = strerror(e);
        errno = e;
    }
    return f;
}

int textfile_read(const char *path, const char *what, long max_bytes, char **text,
                  long *length, struct hk_error *err)
{
    *text = NULL;
    *length = 0;
    struct stat st;
    const char *why;
    int opened;
    int fd = open_regular(path, &st, &why, &opened);
    if (fd < 0)
        return hk_error_set(err, HK_EINPUT, "%s: cannot %s %s: %s", path,
                            opened ? "read" : "open", what, why);
    if (st.st_size > max_bytes) {
        close(fd);
        return hk_error_set(err, HK_EINPUT, "%s: file too large for a %s (over %ld bytes)",
                            path, what, max_bytes);
    }
    /* st_size is a hint only (files in /proc say 0, a file may grow): read
     * until end of file, but never more than max_bytes + 1. */
    size_t cap = (size_t)st.st_size + 1 < 4096 ? 4096 : (size_t)st.st_size + 1;
    size_t used = 0;
    char *buf = NULL;
    int rc = HK_OK;
    for (;;) {
        if (used + 1 >= cap || !buf) {
            if (buf)
                cap *= 2;
            if (cap > (size_t)max_bytes + 2)
                cap = (size_t)max_bytes + 2;
            char *grown = realloc(buf, cap);
            if (!grown) {
                rc = hk_error_set(err, HK_EIO, "%s: out of memory reading %s", path, what);
                break;
            }
            buf = grown;
        }
        ssize_t n = read(fd, buf + used, cap - 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = hk_error_set(err, HK_EINPUT, "%s: cannot read %s: %s", path, what,
                              strerror(errno));
            break;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used > (size_t)max_bytes) {
            rc = hk_error_set(err, HK_EINPUT, "%s: file too large for a %s (over %ld bytes)",
                              path, what, max_bytes);
            break;
        }
    }
    close(fd);
    if (rc != HK_OK) {
        free(buf);
        return rc;
    }
    buf[used] = '\0';
    *text = buf;
    *length = (long)used;
    return HK_OK;
}
