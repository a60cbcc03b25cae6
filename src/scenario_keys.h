/*
 * scenario_keys.h — the key table as seen from inside the scenario module.
 *
 * scenario_keys.c holds the table itself; scenario.c parses and formats
 * typed values; scenario_ini.c reads INI files and scenario_rules.c checks
 * cross-key rules through the functions below. Private to those files:
 * other modules read struct scenario (include/huikuan/scenario.h).
 */
#ifndef HUIKUAN_SCENARIO_KEYS_H
#define HUIKUAN_SCENARIO_KEYS_H

#include <stddef.h>

#include "huikuan/scenario.h"

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

/* Index of section.key in the table, or -1. */
int scenario_key_index(const char *section, const char *key);

/* A key of [markov] that is not in the table: `states`, or a state's row.
 * at: "where: " for messages; line 0 for --set. */
int scenario_markov_key(struct scenario *sc, const char *name, const char *value, const char *at,
                        int line, struct hk_error *err);

/* 1 if some key lives in [section]. */
int scenario_section_known(const char *section);

/* Parses raw (blanks around it ignored) into the field of key index and
 * records line in sc->key_line. On failure: HK_EINPUT, with a message
 * "origin:line: section.key = value: problem (must be RANGE)". */
int scenario_key_assign(struct scenario *sc, int index, const char *raw,
                        const char *origin, int line, struct hk_error *err);

/* Number of keys, and the section and name of key index. */
int scenario_key_count(void);
const char *scenario_key_section(int index);
/* The text of key index's default value. */
const char *scenario_key_default(int index);
const char *scenario_key_name(int index);

/* The value of key index as it appears in run.ini. */
void scenario_key_format(const struct scenario *sc, int index, char *buf, size_t size);

#endif
