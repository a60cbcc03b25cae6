/*
 * manifest.h — the list of files huikuan wrote at the top of a results
 * folder, DIR/.huikuan-files.
 *
 * One line a file: "NAME SIZE HASH", HASH the FNV-1a checksum of its
 * bytes in 16 hex digits. A run writes the list last, into its staging
 * folder, before the folder takes DIR's place; report's page, a batch's
 * combined files and plot's charts (as plots/NAME.png), written into DIR
 * later, add their name to the list before the file is renamed into
 * place, so that whenever the process stops the file under that name is
 * one the list names.
 *
 * What the list is for:
 *   - a file under one of huikuan's names that the list does not name
 *     (a user's run-notes.ini, compare.csv or report.html put into the
 *     folder) is the user's: a run refuses to replace the folder, and
 *     report refuses to overwrite the page;
 *   - a batch's --resume tells a complete row from one whose files were
 *     since damaged, deleted or replaced (manifest_intact).
 * A folder without a list was written by an earlier version: names
 * alone decide there, as they did.
 */
#ifndef HUIKUAN_MANIFEST_H
#define HUIKUAN_MANIFEST_H

#include <stddef.h>
#include <stdio.h>

#include "huikuan/error.h"

#define MANIFEST_NAME ".huikuan-files"

/* FNV-1a's step: hash taken on over bytes. The lists, and a batch's
 * record of its settings, begin at MANIFEST_HASH_START, not at FNV's own
 * start (14695981039346656037): the value earlier versions wrote them
 * with, kept so that what they wrote still reads as unchanged. */
#define MANIFEST_HASH_START 1469598103934665603ULL
unsigned long long manifest_hash(unsigned long long hash, const void *bytes, size_t n);

/* A file's size and checksum; -1 (errno set) if it cannot be read. */
int manifest_digest(const char *path, unsigned long long *size, unsigned long long *hash);

/* Writes to f the list of every regular file at the top of dir, in name
 * order, but those whose name begins with '.' or holds a space. */
int manifest_write(FILE *f, const char *dir, struct hk_error *err);

struct manifest;

/* Reads dir's list: 1 with it in *out, 0 if dir has none (*out NULL),
 * -1 if it is there and cannot be read or is not a list. */
int manifest_load(const char *dir, struct manifest **out);
/* manifest_load() for a command about to read or add to dir: a list that
 * cannot be read is refused (HK_EINPUT naming it, -1); else 1 or 0. */
int manifest_load_checked(const char *dir, struct manifest **out, struct hk_error *err);
/* 1 if the list names name. */
int manifest_lists(const struct manifest *m, const char *name);
void manifest_free(struct manifest *m);

/* Adds name[k], with the size and checksum of ready[k] (the complete
 * file about to be renamed to dir/name[k]), for each k < count (at most
 * MANIFEST_ADMIT_MAX), to dir's list, replacing what it said of them;
 * the list is itself replaced by one rename, once for all of them. Does
 * nothing if dir has no list (a folder of an earlier version). */
#define MANIFEST_ADMIT_MAX 8
int manifest_admit(const char *dir, const char *const *name, const char *const *ready,
                   int count, struct hk_error *err);

/* The same in steps, for a caller that holds signals off while it moves
 * its files into place and must not wait for the lock with them held
 * (a stop could not land): manifest_lock() waits for the exclusive lock
 * on dir's list (two commands adding to one list at once would each
 * write the one it read) and returns what holds it, MANIFEST_NO_LIST
 * where dir has no list (nothing to add to), or MANIFEST_LOCK_FAILED
 * (err set); manifest_admit_locked() adds, the lock held;
 * manifest_unlock() lets it go (nothing for the two others). */
enum { MANIFEST_NO_LIST = -1, MANIFEST_LOCK_FAILED = -2 };
int manifest_lock(const char *dir, struct hk_error *err);
/* manifest_lock() if the lock is free now, without waiting for it;
 * else MANIFEST_LOCK_FAILED. */
int manifest_lock_now(const char *dir, struct hk_error *err);
int manifest_admit_locked(const char *dir, const char *const *name, const char *const *ready,
                          int count, struct hk_error *err);
void manifest_unlock(int lock);

/* 1 if the list of path's folder names it (whether or not it is there). */
int manifest_names_file(const char *path);

/* 1 if the list of path's folder names it with other bytes than it now
 * holds (edited since huikuan wrote it); 0 if it holds them, or the list
 * does not name it, or there is no list. */
int manifest_changed(const char *path);

/* How many files m names at the top of dir (not the charts in plots/,
 * which plot draws again, nor report.html, nor those in except, a
 * NULL-terminated list) are not there at all; the first of them in
 * first (size bytes), "" if none. */
int manifest_missing(const char *dir, const struct manifest *m, const char *const *except,
                     char *first, size_t size);

/* 1 if dir's list names each of required (NULL-terminated) and every
 * file it names at the top of dir is there with the bytes it lists (the
 * charts it names in plots/ may have gone). */
int manifest_intact(const char *dir, const char *const *required);

#endif
