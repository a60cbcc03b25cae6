/*
 * fuzz_check.h — properties shared by the parser harnesses.
 *
 * FUZZ_CHECK aborts with a message, which libFuzzer reports as a crash
 * and saves the input that caused it.
 */
#ifndef HUIKUAN_FUZZ_CHECK_H
#define HUIKUAN_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/error.h"
#include "huikuan/scenario.h"

#define FUZZ_CHECK(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                               \
        }                                                                          \
    } while (0)

/* A refusal: bad-input status, one line of message that starts with where. */
static inline void fuzz_check_refusal(int rc, const struct hk_error *err, const char *origin)
{
    if (rc != HK_EINPUT || err->status != HK_EINPUT ||
        strncmp(err->message, origin, strlen(origin)) != 0 || strchr(err->message, '\n')) {
        fprintf(stderr, "bad refusal: rc %d, message: %s\n", rc, err->message);
        abort();
    }
}

/* An accepted scenario is valid and survives run.ini unchanged. */
static inline void fuzz_check_accepted(const struct scenario *sc)
{
    static struct scenario again;
    struct hk_error err;
    hk_error_clear(&err);
    FUZZ_CHECK(scenario_validate(sc, "fuzz", &err) == HK_OK);

    char *first = NULL, *second = NULL;
    size_t n1 = 0, n2 = 0;
    FILE *f = open_memstream(&first, &n1);
    FUZZ_CHECK(f != NULL && scenario_write_ini(sc, f) == HK_OK);
    fclose(f);
    scenario_init_defaults(&again);
    if (scenario_load_string(&again, first, "run.ini", &err) != HK_OK) {
        fprintf(stderr, "run.ini does not load again: %s\n%s", err.message, first);
        abort();
    }
    f = open_memstream(&second, &n2);
    FUZZ_CHECK(f != NULL && scenario_write_ini(&again, f) == HK_OK);
    fclose(f);
    if (strcmp(first, second) != 0) {
        fprintf(stderr, "run.ini changes when loaded again:\n%s\n---\n%s", first, second);
        abort();
    }
    free(first);
    free(second);
}

#endif
