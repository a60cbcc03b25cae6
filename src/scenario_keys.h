/*
 * scenario_keys.h — the key table as seen from inside the scenario module.
 *
 * scenario.c owns the table and the typed parsing of values; scenario_ini.c
 * reads INI files and scenario_rules.c checks cross-key rules through these
 * functions. Other modules never use them: they read struct scenario
 * (include/huikuan/scenario.h).
 */
#ifndef HUIKUAN_SCENARIO_KEYS_H
#define HUIKUAN_SCENARIO_KEYS_H

#include "huikuan/scenario.h"

/* Index of section.key in the table, or -1. */
int scenario_key_index(const char *section, const char *key);

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
const char *scenario_key_name(int index);

/* The value of key index as it appears in run.ini. */
void scenario_key_format(const struct scenario *sc, int index, char *buf, size_t size);

#endif
