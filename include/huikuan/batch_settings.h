/*
 * batch_settings.h — what a batch was started with, and what differs now.
 *
 * A batch keeps, in DIR/.huikuan-batch, a checksum of every row's fully
 * resolved scenario (the scenario files, -n, --seed, --set and the row's
 * cells), each row's own checksum and the first row's settings in full:
 *
 *   settings <checksum over every row in turn>
 *   command <the command line the batch was started with>
 *   row <row 1's checksum>
 *   row <row 2's checksum> ...
 *   first-row
 *   <row 1's resolved scenario, as its run.ini holds it, comments left out>
 *
 * A --resume whose rows resolve to other settings is refused; the record
 * lets the refusal say which row differs first and, where the earlier
 * settings of that row are known, which key: "row-0001 (grid.csv:2):
 * sim.replications was 3, now 4". Records written by earlier versions
 * hold the first two lines only, and are read as before.
 */
#ifndef HUIKUAN_BATCH_SETTINGS_H
#define HUIKUAN_BATCH_SETTINGS_H

#include <stddef.h>
#include <stdio.h>
#include "huikuan/error.h"
#include "huikuan/grid.h"
#include "huikuan/manifest.h"
#include "huikuan/scenario.h"

/* The record's name in a batch folder. */
#define BATCH_SETTINGS_NAME ".huikuan-batch"

/* The checksum over every row begins here and is taken on over each row
 * in turn, so that records of earlier versions still read as the same. */
#define BATCH_DIGEST_START MANIFEST_HASH_START

struct batch_settings {
    unsigned long long digest;  /* over every row in turn */
    unsigned long long *row;    /* [rows] each row's own checksum */
    int rows, cap;
    char *first;                /* row 1's settings (batch_settings_only) */
    size_t first_len;
    const struct grid *grid;    /* where the rows come from; not owned */
    const char *path;           /* the grid file, for messages; not owned */
};

void batch_settings_init(struct batch_settings *s, const struct grid *grid, const char *path);

/* Takes the next row of the grid into the record: sc, resolved. */
int batch_settings_add(struct batch_settings *s, const struct scenario *sc, struct hk_error *err);

void batch_settings_free(struct batch_settings *s);

/* Writes the record (see above); 0, or -1 if f failed. */
int batch_settings_write(const struct batch_settings *s, const char *command, FILE *f);

/* What dir's record holds: 1 with the checksum over every row in *digest
 * (and, with command, the command line the batch was started with, into
 * it), 0 if there is no record (a batch made by an earlier version). */
int batch_settings_recorded(const char *dir, unsigned long long *digest, char *command,
                            size_t size);

/* How to go on with a batch started as `started` (its recorded command)
 * into dir: "STARTED --resume -o DIR", DIR quoted for the shell where it
 * must be, into buf. */
void batch_settings_resume_command(const char *started, const char *dir, char *buf, size_t size);

/* The same for the unfinished batch whose work is in `work`, as its
 * record has it ("huikuan batch GRID" for a batch that kept no record),
 * into `target` (work itself, or the folder its DIR.unfinished is for). */
void batch_settings_resume_hint(const char *work, const char *target, char *buf, size_t size);

/* Why s differs from what dir's record says the batch was started with:
 * one clause into buf. Where the first row finished was made by another
 * version, that (whose keys may differ); else the first row that differs
 * and, where its earlier settings are known (the record's first row, or
 * the row's own run.ini), the first key and both values. Empty if the
 * record says nothing more than that the checksums differ. */
void batch_settings_explain(const struct batch_settings *s, const char *dir, char *buf,
                            size_t size);

/* The version that made a results folder, from its run.ini's text
 * text[0..len): its first line "; huikuan VERSION" whole, VERSION of
 * digits and dots (at most 40), copied to version (size > 40). 0 if the
 * text does not begin so (cut short, or not a version), which says
 * nothing of its version. */
int batch_settings_made_by(const char *text, size_t len, char *version, size_t size);

/* The ini text text[0..len) without comments and blank lines, in place:
 * what makes a scenario. Returns the new length. */
size_t batch_settings_only(char *text, size_t len);

#endif
