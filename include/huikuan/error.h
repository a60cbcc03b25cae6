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
};

/* Records the first failure only: later calls keep the original message,
 * because the first cause is the one the user must fix. Returns status. */
int hk_error_set(struct hk_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void hk_error_clear(struct hk_error *err);

/* What the user should hear of though a call succeeded (the results
 * kept, but what they replaced not all removed; a file huikuan wrote
 * gone): the command layer prints it as a note. Apart from struct
 * hk_error, of which commands keep one a replication. */
struct hk_notice {
    char text[HK_ERROR_MAX]; /* empty if none */
};

void hk_notice_clear(struct hk_notice *notice);

/* Records a notice, the first only; nothing if notice is NULL. */
void hk_notice_set(struct hk_notice *notice, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
