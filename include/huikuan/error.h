/*
 * error.h — how library code reports a failure to the command layer.
 *
 * Library functions never print and never exit: they fill a struct
 * hk_error and return a non-zero status. The command layer prints
 * err.message once, prefixed with "huikuan: ", and picks the exit code.
 * Messages that concern user input name the file, the line and the key
 * ("scenarios/x.ini:14: scheme.penalty_daily_rate = -0.001: must be >= 0").
 */
#ifndef HUIKUAN_ERROR_H
#define HUIKUAN_ERROR_H

#include <stddef.h>

#define HK_ERROR_MAX 1024

/* Status codes returned by library functions. */
enum hk_status {
    HK_OK = 0,
    HK_EINPUT = 2,  /* bad user input: scenario, grid, flag (exit status 2) */
    HK_EIO = 3,     /* a file could not be read or written */
    HK_EINTERNAL = 4 /* a broken invariant: a bug, never the user's fault */
};

struct hk_error {
    int status;
    char message[HK_ERROR_MAX];
    /* What the user should hear of though the call succeeded (results
     * kept, but something beside them could not be cleared away): the
     * command layer prints it as a note. Empty if none. */
    char notice[HK_ERROR_MAX];
};

/* Records the first failure only: later calls keep the original message,
 * because the first cause is the one the user must fix. Returns status. */
int hk_error_set(struct hk_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a notice, the first only, whatever the status. */
void hk_error_notice(struct hk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void hk_error_clear(struct hk_error *err);

#endif
