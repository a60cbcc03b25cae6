/*
 * scenario_keys.h — the key table shared by scenario.c (parsing, checks,
 * writing) and scenario_keys.c (the table itself). Private to those two.
 */
#ifndef HUIKUAN_SCENARIO_KEYS_H
#define HUIKUAN_SCENARIO_KEYS_H

#include <stddef.h>

enum key_type { KT_INT, KT_DOUBLE, KT_MONEY, KT_ENUM, KT_NAME, KT_SEED, KT_BOOL };

struct key_spec {
    const char *section;
    const char *key;
    enum key_type type;
    size_t offset;
    double min, max;
    const char *def;
    const char *choices; /* KT_ENUM: "a|b|c", value stored as the index */
};

extern const struct key_spec SCENARIO_KEYS[];
extern const int SCENARIO_KEY_COUNT;

#endif
