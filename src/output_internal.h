/*
 * output_internal.h — shared between output.c (staging, the swap into
 * place, CSV rows) and output_owner.c (whose each name in and beside a
 * results folder is). Not part of the module's contract (output.h).
 */
#ifndef HUIKUAN_OUTPUT_INTERNAL_H
#define HUIKUAN_OUTPUT_INTERNAL_H

#include <stddef.h>
#include "huikuan/error.h"

/* The file that marks a folder as huikuan results. */
#define OUTPUT_MARKER ".huikuan-results"

/* This host's name as it appears in staging folder names. */
void output_host_name(char *buf, size_t size);

/* "FINAL" tag "HOST-PID-XXXXXX" (tag ".tmp-" for staging, ".old-" for
 * earlier results set aside) into buf, as output_left_by_dead_run()
 * reads it; -1 with errno ENAMETOOLONG if it does not fit. */
int output_owned_template(const char *final, const char *tag, char *buf, size_t size);

/* entry is "BASE" tag "HOST-PID-XXXXXX": 1 if HOST is host and no
 * process has that PID any more. With unowned, also "BASE.tmp-XXXXXX",
 * a name that says nothing of its owner (see output_sweep_abandoned).
 * With unowned OUTPUT_ANY_OWNER, also any other HOST's: the caller tells
 * a live writer's some other way. */
#define OUTPUT_ANY_OWNER 2
int output_left_by_dead_run(const char *entry, const char *base, const char *tag,
                            const char *host, int unowned);

/* *exists: 0 if path is absent, 1 if it is an empty folder, 2 if it holds
 * earlier results (and nothing else, down to the charts in plots/ and
 * the files of each row in rows/); HK_EINPUT, saying why, if a run may
 * not replace it. */
int output_folder_replaceable(const char *path, int *exists, struct hk_error *err);

/* The folder that holds huikuan results at or above parent (the parent
 * of a folder to be written), into found, the first `skip` levels not
 * looked at: 1 if there is one. */
int output_results_above(const char *parent, int skip, char *found, size_t size);

#endif
