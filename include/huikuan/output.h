/*
 * output.h — results folders that appear whole or not at all.
 *
 * A run writes every file into a fresh staging folder beside the target
 * (DIR.tmp-HOST-PID-XXXXXX) and, only when all are written and flushed,
 * swaps it into place with one atomic rename (renameat2 RENAME_EXCHANGE
 * when DIR already exists). A run that fails or is killed leaves DIR
 * exactly as it was: the previous complete results, or nothing. A killed
 * run may leave its staging folder beside DIR; the next run into DIR on
 * the same host removes it once its PID is gone.
 *
 * An existing DIR is replaced only if it is empty or is a huikuan
 * results folder (it holds the marker file .huikuan-results), so that
 * "-o ~" can never swap away a home directory, and only if everything in
 * it is huikuan's: names huikuan gives, and at the top only files its
 * list of what it wrote names (.huikuan-files, manifest.h), which
 * output_dir_commit() writes last.
 *
 * CSV fields go through libcsv for quoting when they need it; plain
 * fields (numbers, simple names) are written bare so headers read
 * exactly "scenario,metric,mean,...".
 */
#ifndef HUIKUAN_OUTPUT_H
#define HUIKUAN_OUTPUT_H

#include <stdio.h>
#include "huikuan/error.h"

struct output_dir;

/* 1 if name (a folder's last component) has the form of huikuan's
 * temporaries — NAME.tmp-..., NAME.old-..., NAME.unfinished — which a
 * run into NAME may remove: no results folder may be named so. */
int output_reserved_name(const char *name);

/* Checks that final_dir may be written (or replaced) and creates the
 * staging folder. Call before any long computation, so a bad -o fails
 * at once. final_dir may not end in "." or "..": it names the folder. */
struct output_dir *output_dir_begin(const char *final_dir, struct hk_error *err);

/* output_dir_begin() for a batch's row, DIR/rows/row-NNNN, which alone
 * may be written inside a results folder (DIR). */
struct output_dir *output_dir_begin_row(const char *row_dir, struct hk_error *err);

/* HK_OK if output_dir_begin() would take final_dir as it is now (absent,
 * empty, or holding only huikuan's results), else the message it would
 * give; nothing is created. A batch asks this of every row it will
 * compute again before it computes any. */
int output_dir_check(const char *final_dir, struct hk_error *err);

/* Opens name (a plain file name) inside the staging folder. */
FILE *output_dir_open(struct output_dir *od, const char *name, struct hk_error *err);

/* Closes f, reporting any write error against name. */
int output_dir_close(struct output_dir *od, FILE *f, const char *name, struct hk_error *err);

/* Flushes everything to disk and moves the folder into place; frees od.
 * A stop (SIGINT, SIGTERM, SIGHUP) while the new results take the
 * folder's place and the previous ones are removed lands after that.
 * Previous results that cannot all be removed leave a note in notice
 * naming where the rest is; the call still succeeds. A folder that was
 * there keeps its group's and others' access (the owner's made whole). */
int output_dir_commit(struct output_dir *od, struct hk_notice *notice, struct hk_error *err);

/* The same, as a command's last step: once the new results begin to take
 * the folder's place, a stop is held off to the end of the process, which
 * has done its work and exits as it would have (0), not as stopped. */
int output_dir_commit_last(struct output_dir *od, struct hk_notice *notice,
                           struct hk_error *err);

/* Moves ready_dir, a complete results folder built elsewhere beside
 * final_dir, into final_dir's place as output_dir_commit_last() does (the
 * previous results are removed once replaced; a stop is held off from
 * the start of the move to the end of the process, once it succeeded;
 * what of them cannot be removed is a notice, as there).
 * On failure ready_dir and final_dir are both left as they were. Killed
 * (SIGKILL) in the middle, it leaves final_dir whole, old or new, and at
 * most a staging folder that the next run into final_dir removes. */
int output_dir_adopt(const char *final_dir, const char *ready_dir, struct hk_notice *notice,
                     struct hk_error *err);

/* 1 if the folder od will replace held earlier results when begun. */
int output_dir_replaces(const struct output_dir *od);

/* Removes the staging folder; frees od. Safe on NULL. */
void output_dir_abort(struct output_dir *od);

const char *output_dir_staging_path(const struct output_dir *od);

/* Writes into buf the mkdtemp()/mkstemp() template of this process's
 * staging name for final, "FINAL.tmp-HOST-PID-XXXXXX", so that a later
 * output_sweep_abandoned() can tell whether its owner is gone. -1 with
 * errno ENAMETOOLONG if it does not fit. */
int output_staging_template(const char *final, char *buf, size_t size);

/* Removes the staging folders and files beside final that writers killed
 * on this host left: FINAL.tmp-HOST-PID-XXXXXX whose PID is gone. With
 * unowned, also FINAL.tmp-XXXXXX, the name earlier versions gave a
 * chart's or report's staging: it names no owner, and no huikuan that
 * could still be using it makes it any more. */
void output_sweep_abandoned(const char *final, int unowned);

/* The first staging folder beside final (FINAL.tmp-HOST-PID-XXXXXX,
 * this host's whose PID is gone, or another host's) that wanted(path,
 * ctx) accepts: 1 with its path in found, else 0. wanted must refuse
 * another host's live writer's folder (as a batch's, whose writer holds
 * a lock on it). */
int output_find_abandoned(const char *final, int (*wanted)(const char *path, void *ctx),
                          void *ctx, char *found, size_t size);

/* Removes a folder tree (used for staging and replaced results), as much
 * of it as can go. 0 if it is gone (or was not there); -1 with errno the
 * first failure's if something is left. */
int output_remove_tree(const char *path);

/* 1 if dir holds a batch not yet finished: its batch.csv, and no
 * summary.csv, which a batch writes last. Only that batch, resumed, may
 * take up the folder; plot and report refuse it until it has finished. */
int output_holds_unfinished_batch(const char *dir);
/* 1 if dir holds a batch, finished or not (its batch.csv). */
int output_holds_batch(const char *dir);

/* 1 if a batch is writing folder path now (it holds the folder locked). */
int output_held_by_batch(const char *path);

/* Whether a name at the top of a batch's results folder (or, with
 * in_rows, in its rows/) is what a killed writer left, for a caller that
 * holds the batch's lock on the folder: NAME.tmp-HOST-PID-XXXXXX (in
 * rows/ also NAME.old-..., a row set aside), NAME one of huikuan's files
 * or row folders, whatever HOST and PID where only a batch writes NAME
 * (it writes holding that lock) or, with list_locked (the caller holds
 * manifest_lock), NAME is the list of files; else (the report's page,
 * the charts, which plot and report write without either lock) only
 * where PID is gone from this host. Or the NAME.tmp-XXXXXX earlier
 * versions gave a combined CSV file, the report's page or a row. A
 * user's "notes.tmp-1.txt" or "summary.csv.old-backup" is not. */
int output_left_behind(const char *name, int in_rows, int list_locked);

/* ---- CSV rows ----------------------------------------------------------- */

struct csv_row {
    FILE *f;
    int fields;
};

void output_csv_begin(struct csv_row *row, FILE *f);
void output_csv_text(struct csv_row *row, const char *text);
void output_csv_int(struct csv_row *row, long long value);
/* A number formatted by metric kind (see metric_format). */
void output_csv_number(struct csv_row *row, int kind, double value);
void output_csv_end(struct csv_row *row);

#endif
