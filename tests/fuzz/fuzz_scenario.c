/*
 * fuzz_scenario.c — libFuzzer harness for the scenario file parser.
 *
 * Input: arbitrary bytes, taken as the text of a scenario file (up to the
 * first NUL, as scenario_load sees it after its binary check). Properties
 * checked besides "no crash, leak or undefined behaviour":
 *   - a refusal is HK_EINPUT with one line of message naming the file;
 *   - an accepted scenario passes scenario_validate, and the run.ini
 *     written from it loads again into the very same scenario text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "huikuan/scenario.h"

#define ORIGIN "fuzz.ini"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';

    static struct scenario sc;
    struct hk_error err;
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    int rc = scenario_load_string(&sc, text, ORIGIN, &err);
    free(text);
    if (rc != HK_OK) {
        fuzz_check_refusal(rc, &err, ORIGIN);
        return 0;
    }
    fuzz_check_accepted(&sc);
    return 0;
}
