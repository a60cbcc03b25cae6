/*
 * fuzz_set.c — libFuzzer harness for --set section.key=value overrides.
 *
 * Input: bytes split at newlines into up to 16 assignments, applied in
 * order to the defaults as `--set A --set B ...` would be. Each refusal
 * must be HK_EINPUT with one line naming the --set; whatever is accepted
 * must leave a valid scenario whose run.ini reloads to the same text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "huikuan/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return 0;
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';

    static struct scenario sc;
    scenario_init_defaults(&sc);
    char *line = text;
    for (int i = 0; i < 16 && line; i++) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        struct hk_error err;
        hk_error_clear(&err);
        int rc = scenario_set(&sc, line, &err);
        if (rc != HK_OK) {
            fuzz_check_refusal(rc, &err, "--set ");
            break;
        }
        fuzz_check_accepted(&sc);
        line = next;
    }
    free(text);
    return 0;
}
