/*
 * fuzz_set.c — libFuzzer harness for --set section.key=value overrides.
 *
 * Input: bytes split at newlines into up to 16 assignments, applied to
 * the defaults as `--set A --set B ...` would be (scenario_set_list),
 * then again one by one (scenario_set) followed by scenario_validate,
 * a key given twice refused first: the two must agree. A refusal must be
 * HK_EINPUT with one line naming the --set; whatever is accepted must
 * leave a valid scenario whose run.ini reloads to the same text.
 */
#include <ctype.h>
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
    const char *sets[16];
    int count = 0;
    for (char *line = text; line && count < 16;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        sets[count++] = line;
        line = next;
    }

    static struct scenario sc;
    struct hk_error err;
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    int rc = scenario_set_list(&sc, NULL, sets, count, &err);
    if (rc != HK_OK)
        fuzz_check_refusal(rc, &err, "--set ");
    else
        fuzz_check_accepted(&sc);

    /* One by one, then the cross-key rules once, as a caller of
     * scenario_set must: the same verdict as the list. */
    int verdict = rc;
    scenario_init_defaults(&sc);
    hk_error_clear(&err);
    rc = HK_OK;
    /* A key given twice is refused, whatever the values. */
    for (int i = 1; i < count && rc == HK_OK; i++)
        for (int j = 0; j < i && rc == HK_OK; j++) {
            const char *eq = strchr(sets[j], '=');
            size_t n = eq ? (size_t)(eq - sets[j]) : 0;
            while (n > 0 && isspace((unsigned char)sets[j][n - 1]))
                n--;
            char key[256];
            if (n == 0 || n >= sizeof key)
                continue;
            memcpy(key, sets[j], n);
            key[n] = '\0';
            if (scenario_assignment_sets(sets[i], key))
                rc = hk_error_set(&err, HK_EINPUT, "--set %s: %s is set twice", sets[i], key);
        }
    for (int i = 0; i < count && rc == HK_OK; i++)
        rc = scenario_set(&sc, sets[i], &err);
    if (rc == HK_OK)
        rc = scenario_validate(&sc, "--set ", &err);
    FUZZ_CHECK(rc == verdict);
    if (rc != HK_OK)
        fuzz_check_refusal(rc, &err, "--set ");
    else
        fuzz_check_accepted(&sc);
    free(text);
    return 0;
}
