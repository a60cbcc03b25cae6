/*
 * batch.h — the results folder of a batch, built up row by row.
 *
 *   DIR/.huikuan-results     marker: a huikuan results folder
 *   DIR/.huikuan-batch       what the rows' settings were (batch_settings.h)
 *   DIR/batch.csv            the grid with each row's name and line:
 *                            row,line,<the grid's columns>
 *   DIR/rows/row-0001/       a complete results folder per row (summary.csv,
 *                            replications.csv, ..., run.ini)
 *   DIR/replications.csv, monthly.csv, aging.csv, reps.csv,
 *   collectibility.csv, run.ini, summary.csv
 *                            every row's file one after another (header
 *                            once), written when all rows are done;
 *                            summary.csv last
 *
 * Invariants, whatever moment the process is killed at:
 *  - a row folder appears by one rename of a finished staging folder, so
 *    a row folder that exists is complete;
 *  - each combined file appears, or is replaced, by one rename, and only
 *    when its bytes change; summary.csv is written last and never removed,
 *    so DIR/summary.csv exists only once every row and every combined file
 *    has been written whole. A --resume of a finished batch recomputes
 *    only rows damaged since, to the same bytes, and rewrites only combined
 *    files that differ: stopped at any moment, the batch is still finished;
 *  - what is left behind by a kill (staging folders, temporary files) is
 *    recognisable by name (.tmp-) and removed by the next --resume.
 *
 * A batch without --resume into a folder holding an unfinished batch is
 * refused (resume it, or remove it). Into a folder holding earlier
 * results it is built beside them, in DIR.unfinished (same layout), and
 * moved into DIR's place by batch_finish(), so that a batch that fails
 * or is killed leaves them whole; --resume then continues
 * DIR.unfinished, and a new batch into DIR is refused while it exists.
 * One process at a time: the folder written is locked.
 */
#ifndef HUIKUAN_BATCH_H
#define HUIKUAN_BATCH_H

#include <stddef.h>
#include "huikuan/batch_settings.h"
#include "huikuan/error.h"
#include "huikuan/manifest.h"
#include "huikuan/runner.h"
#include "huikuan/scenario.h"

struct batch_dir;

/* Opens DIR for a batch whose index (batch.csv) is index[0..len) and
 * whose rows resolve to `settings` (kept in DIR/.huikuan-batch; a
 * --resume with others is refused, saying what differs; settings must
 * outlive the batch_dir).
 * Fresh: creates DIR, or DIR.unfinished if DIR holds earlier results.
 * resume: continues DIR.unfinished if it exists, else DIR if it holds a
 * batch with this very index, else starts fresh if DIR does not exist;
 * refuses otherwise. Leftovers of a killed run are removed; nothing else
 * changes until a row or combined file is written. `command` is the
 * command line to record in the rows' and the combined run.ini; a
 * resumed batch records the one it was started with (kept in
 * .huikuan-batch) instead, if it knows it. */
int batch_open(const char *dir, const char *index, size_t len,
               const struct batch_settings *settings, const char *command, int resume, struct batch_dir **out, struct hk_error *err);

/* Whether rows/NAME is complete: every file its manifest lists is there
 * and unchanged (a damaged row is not done, so it is computed again). A
 * complete row must have been made from exactly sc (its run.ini holds sc
 * resolved); HK_EINPUT if not. */
int batch_row_done(struct batch_dir *b, const struct scenario *sc, int *done,
                   struct hk_error *err);

/* Writes rows/NAME (NAME = the set's one scenario) atomically. Any
 * failure is HK_EIO: by then the batch folder has been written. */
int batch_write_row(struct batch_dir *b, const struct run_set *set, struct hk_error *err);

/* Writes the combined files from rows/ (rows: names in row order),
 * summary.csv last; one that already holds these bytes is left as it is.
 * A batch built in DIR.unfinished then takes DIR's place. */
int batch_finish(struct batch_dir *b, char (*rows)[32], int count, struct hk_error *err);

/* What the batch's writing left for the user to hear of (earlier results
 * it replaced, in DIR or a row, that could not all be removed), or an
 * empty notice; NULL if b is. */
const struct hk_notice *batch_notice(const struct batch_dir *b);

/* Unlocks and frees; leaves DIR as it is. Safe on NULL. */
void batch_close(struct batch_dir *b);

/* For a batch refused as bad input while it ran (a row whose amounts the
 * engine cannot count to the cent): a folder this command started is
 * removed, rows and all, as a refusal writes nothing, and DIR keeps
 * whatever it held; a resumed batch keeps what earlier runs wrote. Then
 * as batch_close(). */
void batch_discard(struct batch_dir *b);

#endif
