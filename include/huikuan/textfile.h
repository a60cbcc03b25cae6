/*
 * textfile.h — reading a small input file (scenario, grid) whole, or
 * any file huikuan reads back (a results folder's tables and lists).
 *
 * Input files are read into memory before anything is parsed, so a
 * parser never sees a half-read file. Only regular files are read: a
 * folder, a FIFO or a device is refused at once, without blocking on it
 * (a FIFO with no writer would otherwise hang the run) and without
 * reading an endless /dev/zero. A run must be reproducible from its
 * recorded command line, which a pipe is not.
 */
#ifndef HUIKUAN_TEXTFILE_H
#define HUIKUAN_TEXTFILE_H

#include <stdio.h>

#include "huikuan/error.h"

/* Reads all of path into a new buffer, NUL-terminated (*length excludes
 * the terminator; the text may hold NUL bytes of its own). what names
 * the kind of file in messages ("scenario", "grid file"). Files over
 * max_bytes are refused. On failure: HK_EINPUT with "path: ..." (HK_EIO
 * when out of memory) and *text is NULL. The caller frees *text. */
int textfile_read(const char *path, const char *what, long max_bytes, char **text,
                  long *length, struct hk_error *err);

/* Opens path for reading line by line, on the same terms: a regular
 * file only, a FIFO or device refused without blocking on it. On
 * failure NULL, errno set (ENOENT where there is no such file, EINVAL
 * where it is not a regular file) and, if why is not NULL, *why saying
 * what stands in the way ("No such file or directory", "it is a pipe,
 * not a regular file"). */
FILE *textfile_open(const char *path, const char **why);

#endif
