/*
 * scenario.c — the key table, typed values, run.ini and the key listing.
 *
 * The key table below is the single source of truth for every key's
 * section, name, type, range and default. Parsing (scenario_ini.c),
 * --set overrides and cross-key rules (scenario_rules.c), run.ini output
 * and the key listing all walk the same table, so a key cannot be
 * accepted in one place and unknown in another.
 *
 * Invariant: after scenario_load()/scenario_set() return HK_OK, every
 * field is inside its range and scenario_validate() holds.
 */
#include "huikuan/scenario.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_keys.h"

enum key_type { KT_INT, KT_DOUBLE, KT_MONEY, KT_ENUM, KT_NAME, KT_SEED };

struct key_spec {
    const char *section;
    const char *key;
    enum key_type type;
    size_t offset;
    double min, max;
    const char *def;
    const char *choices; /* KT_ENUM: "a|b|c", value stored as the index */
};

#define F(field) offsetof(struct scenario, field)
#define SEGMENT_KEYS(id, sec, d_share, d_dmean, d_dsd, d_dflt, d_recov, d_press, d_cure, d_rate) \
    {sec, "share", KT_DOUBLE, F(segment[id].share), 0, 1, d_share, NULL},                         \
    {sec, "delay_mean_days", KT_DOUBLE, F(segment[id].delay_mean_days), 0, 3650, d_dmean, NULL},  \
    {sec, "delay_sd_days", KT_DOUBLE, F(segment[id].delay_sd_days), 0, 3650, d_dsd, NULL},        \
    {sec, "default_prob", KT_DOUBLE, F(segment[id].default_prob), 0, 1, d_dflt, NULL},            \
    {sec, "recovery_share", KT_DOUBLE, F(segment[id].recovery_share), 0, 1, d_recov, NULL},       \
    {sec, "pressure_response", KT_DOUBLE, F(segment[id].pressure_response), 0, 1, d_press, NULL}, \
    {sec, "cure_prob", KT_DOUBLE, F(segment[id].cure_prob), 0, 1, d_cure, NULL},                  \
    {sec, "order_rate_factor", KT_DOUBLE, F(segment[id].order_rate_factor), 0, 100, d_rate, NULL}

static const struct key_spec KEYS[] = {
    {"sim", "name", KT_NAME, F(name), 1, 63, "scenario", NULL},
    {"sim", "days", KT_INT, F(sim.days), 1, 3650, "365", NULL},
    {"sim", "warmup_days", KT_INT, F(sim.warmup_days), 0, 3650, "450", NULL},
    {"sim", "replications", KT_INT, F(sim.replications), 2, 1000000, "20", NULL},
    {"sim", "seed", KT_SEED, F(sim.seed), 0, 0, "1", NULL},

    {"firm", "gross_margin", KT_DOUBLE, F(firm.gross_margin), 0, 1, "0.30", NULL},
    {"firm", "term_days", KT_INT, F(firm.term_days), 0, 365, "30", NULL},
    {"firm", "cost_of_capital", KT_DOUBLE, F(firm.cost_of_capital), 0, 1, "0.08", NULL},
    {"firm", "collection_action_cost", KT_MONEY, F(firm.collection_action_cost), 0, 1e9, "20.00", NULL},
    {"firm", "write_off_days", KT_INT, F(firm.write_off_days), 1, 3650, "365", NULL},
    {"firm", "credit_limit", KT_MONEY, F(firm.credit_limit), 0, 1e12, "0.00", NULL},

    {"customers", "count", KT_INT, F(customers.count), 1, 10000000, "400", NULL},

    {"orders", "process", KT_ENUM, F(orders.process), 0, 0, "poisson", "poisson|regular"},
    {"orders", "rate_per_month", KT_DOUBLE, F(orders.rate_per_month), 0, 1000, "2.0", NULL},
    {"orders", "amount_mean", KT_MONEY, F(orders.amount_mean), 0.01, 1e10, "5000.00", NULL},
    {"orders", "amount_sd", KT_MONEY, F(orders.amount_sd), 0, 1e10, "3000.00", NULL},
    {"orders", "max_per_customer", KT_INT, F(orders.max_per_customer), 0, 1000000, "0", NULL},

    {"reps", "count", KT_INT, F(reps.count), 1, 1000000, "20", NULL},
    {"reps", "skill_mean", KT_DOUBLE, F(reps.skill_mean), 0.01, 10, "1.0", NULL},
    {"reps", "skill_sd", KT_DOUBLE, F(reps.skill_sd), 0, 10, "0.2", NULL},
    {"reps", "firmness_mean", KT_DOUBLE, F(reps.firmness_mean), 0, 1, "0.6", NULL},
    {"reps", "firmness_sd", KT_DOUBLE, F(reps.firmness_sd), 0, 1, "0.2", NULL},
    {"reps", "risk_aversion", KT_DOUBLE, F(reps.risk_aversion), 0, 1, "0.0001", NULL},
    {"reps", "effort_cost", KT_MONEY, F(reps.effort_cost), 0, 1e9, "1500.00", NULL},
    {"reps", "outside_option", KT_MONEY, F(reps.outside_option), 0, 1e9, "5000.00", NULL},
    {"reps", "quit_prob", KT_DOUBLE, F(reps.quit_prob), 0, 1, "0.25", NULL},
    {"reps", "base_quit_rate", KT_DOUBLE, F(reps.base_quit_rate), 0, 10, "0.10", NULL},
    {"reps", "ramp_days", KT_INT, F(reps.ramp_days), 0, 3650, "90", NULL},
    {"reps", "orphan_factor", KT_DOUBLE, F(reps.orphan_factor), 0, 1, "0.5", NULL},
    {"reps", "contacts_per_week", KT_DOUBLE, F(reps.contacts_per_week), 0, 7, "1.0", NULL},
    {"reps", "screen_power", KT_DOUBLE, F(reps.screen_power), 0, 10, "1.0", NULL},
    {"reps", "effort_noise", KT_DOUBLE, F(reps.effort_noise), 0.001, 100, "0.3", NULL},

    {"scheme", "base_salary", KT_MONEY, F(scheme.base_salary), 0, 1e9, "4000.00", NULL},
    {"scheme", "commission_sales", KT_DOUBLE, F(scheme.commission_sales), 0, 1, "0.03", NULL},
    {"scheme", "commission_collected", KT_DOUBLE, F(scheme.commission_collected), 0, 1, "0", NULL},
    {"scheme", "penalty_daily_rate", KT_DOUBLE, F(scheme.penalty_daily_rate), 0, 1, "0", NULL},
    {"scheme", "penalty_grace_days", KT_INT, F(scheme.penalty_grace_days), 0, 3650, "0", NULL},
    {"scheme", "penalty_cap", KT_MONEY, F(scheme.penalty_cap), 0, 1e12, "0.00", NULL},
    {"scheme", "clawback_share", KT_DOUBLE, F(scheme.clawback_share), 0, 1, "0", NULL},
    {"scheme", "liability_share", KT_DOUBLE, F(scheme.liability_share), 0, 1, "0", NULL},
    {"scheme", "transfer_price", KT_DOUBLE, F(scheme.transfer_price), 0, 1, "1.0", NULL},
    {"scheme", "bonus_dso_target_days", KT_DOUBLE, F(scheme.bonus_dso_target_days), 0, 3650, "0", NULL},
    {"scheme", "bonus_dso_amount", KT_MONEY, F(scheme.bonus_dso_amount), 0, 1e9, "0.00", NULL},

    SEGMENT_KEYS(SEG_PROMPT, "segment.prompt", "0.40", "2", "3", "0.002", "0.5", "0.5", "0.3", "1.0"),
    SEGMENT_KEYS(SEG_CASH_CONSTRAINED, "segment.cash_constrained", "0.20", "25", "20", "0.02", "0.4", "0.3", "0.1", "1.0"),
    SEGMENT_KEYS(SEG_REPORTING_WINDOW, "segment.reporting_window", "0.08", "45", "30", "0.005", "0.5", "0.0", "0.05", "1.0"),
    SEGMENT_KEYS(SEG_OVERSTOCKED, "segment.overstocked", "0.08", "60", "40", "0.03", "0.4", "0.2", "0.05", "1.0"),
    SEGMENT_KEYS(SEG_DISPUTED, "segment.disputed", "0.06", "90", "60", "0.05", "0.3", "0.0", "0.05", "0.8"),
    SEGMENT_KEYS(SEG_DISTRESSED, "segment.distressed", "0.06", "80", "60", "0.35", "0.2", "0.15", "0.05", "0.8"),
    SEGMENT_KEYS(SEG_STRATEGIC, "segment.strategic", "0.12", "40", "25", "0.01", "0.5", "0.6", "0.2", "1.0"),
};
#undef F

enum { KEY_COUNT = sizeof KEYS / sizeof KEYS[0] };
_Static_assert(KEY_COUNT <= SCENARIO_MAX_KEYS, "raise SCENARIO_MAX_KEYS");

static const char *const SEGMENT_NAMES[SEG_COUNT] = {
    "prompt", "cash_constrained", "reporting_window", "overstocked",
    "disputed", "distressed", "strategic",
};

const char *scenario_segment_name(int segment)
{
    return segment >= 0 && segment < SEG_COUNT ? SEGMENT_NAMES[segment] : "?";
}

/* ---- locating keys -------------------------------------------------- */

int scenario_key_index(const char *section, const char *key)
{
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEYS[i].section, section) == 0 && strcmp(KEYS[i].key, key) == 0)
            return i;
    return -1;
}

int scenario_section_known(const char *section)
{
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEYS[i].section, section) == 0)
            return 1;
    return 0;
}

/* "path:line: " or "origin: " — every message starts with where. */
static void where(char *buf, size_t size, const char *origin, int line)
{
    if (line > 0)
        snprintf(buf, size, "%s:%d: ", origin, line);
    else
        snprintf(buf, size, "%s: ", origin);
}

static void range_text(const struct key_spec *k, char *buf, size_t size)
{
    switch (k->type) {
    case KT_INT:
        snprintf(buf, size, "an integer from %.0f to %.0f", k->min, k->max);
        break;
    case KT_DOUBLE:
        snprintf(buf, size, "a number from %g to %g", k->min, k->max);
        break;
    case KT_MONEY:
        snprintf(buf, size, "an amount from %.2f to %.2f with at most two decimals",
                 k->min, k->max);
        break;
    case KT_ENUM:
        snprintf(buf, size, "one of %s", k->choices);
        break;
    case KT_NAME:
        snprintf(buf, size, "1 to 63 characters from A-Z a-z 0-9 _ . -");
        break;
    case KT_SEED:
        snprintf(buf, size, "an integer from 0 to %llu", (unsigned long long)UINT64_MAX);
        break;
    }
}

/* ---- typed value parsing -------------------------------------------- */

static int parse_int(const char *text, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

/* Plain decimal notation: [+-]digits[.digits][e[+-]digits], digits on at
 * least one side of the point. strtod alone would also take hexadecimal
 * ("0x10" = 16, "0x1p-3"), which nobody means in a scenario. */
static int decimal_syntax(const char *p)
{
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; isdigit((unsigned char)*p); p++)
        digits++;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            digits++;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

static int enum_index(const char *choices, const char *text)
{
    size_t len = strlen(text);
    int index = 0;
    for (const char *p = choices; *p; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, text, n) == 0)
            return index;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

static const char *enum_name(const char *choices, int index, char *buf, size_t size)
{
    const char *p = choices;
    for (int i = 0; i < index && p; i++) {
        p = strchr(p, '|');
        if (p)
            p++;
    }
    if (!p)
        return "?";
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    if (n >= size)
        n = size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

static int name_valid(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > 63)
        return 0;
    for (const char *p = text; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
            return 0;
    return 1;
}

int scenario_key_assign(struct scenario *sc, int index, const char *raw,
                        const char *origin, int line, struct hk_error *err)
{
    const struct key_spec *k = &KEYS[index];
    char *field = (char *)sc + k->offset;
    char at[4200], range[160];
    where(at, sizeof at, origin, line);
    range_text(k, range, sizeof range);

    /* inih trims, --set does not: trim here so both behave alike. */
    char text[512];
    while (isspace((unsigned char)*raw))
        raw++;
    size_t n = strlen(raw);
    while (n > 0 && isspace((unsigned char)raw[n - 1]))
        n--;
    if (n >= sizeof text)
        return hk_error_set(err, HK_EINPUT, "%s%s.%s: value is too long (must be %s)",
                            at, k->section, k->key, range);
    memcpy(text, raw, n);
    text[n] = '\0';
    if (n == 0)
        return hk_error_set(err, HK_EINPUT, "%s%s.%s: value is empty (must be %s)",
                            at, k->section, k->key, range);

    switch (k->type) {
    case KT_INT: {
        long long v;
        if (parse_int(text, &v) != 0)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not an integer (must be %s)",
                                at, k->section, k->key, text, range);
        if ((double)v < k->min || (double)v > k->max)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: out of range (must be %s)",
                                at, k->section, k->key, text, range);
        *(int *)field = (int)v;
        break;
    }
    case KT_DOUBLE: {
        char *end;
        errno = 0;
        double v = strtod(text, &end);
        int parsed = end != text && *end == '\0';
        if (!(parsed && !isfinite(v)) && !decimal_syntax(text))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a number (must be %s)",
                                at, k->section, k->key, text, range);
        if (!isfinite(v))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: must be a finite number (%s)",
                                at, k->section, k->key, text, range);
        if (v < k->min || v > k->max)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: out of range (must be %s)",
                                at, k->section, k->key, text, range);
        *(double *)field = v;
        break;
    }
    case KT_MONEY: {
        cents_t v;
        if (money_parse(text, &v) != 0)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not an amount (must be %s)",
                                at, k->section, k->key, text, range);
        if ((double)v < k->min * 100.0 - 0.5 || (double)v > k->max * 100.0 + 0.5)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: out of range (must be %s)",
                                at, k->section, k->key, text, range);
        *(cents_t *)field = v;
        break;
    }
    case KT_ENUM: {
        int v = enum_index(k->choices, text);
        if (v < 0)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: unknown value (must be %s)",
                                at, k->section, k->key, text, range);
        *(int *)field = v;
        break;
    }
    case KT_NAME:
        if (!name_valid(text))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a valid name (must be %s)",
                                at, k->section, k->key, text, range);
        snprintf(field, 64, "%s", text);
        break;
    case KT_SEED: {
        char *end;
        errno = 0;
        if (text[0] == '-' || !isdigit((unsigned char)text[0]))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a seed (must be %s)",
                                at, k->section, k->key, text, range);
        unsigned long long v = strtoull(text, &end, 10);
        if (*end != '\0' || errno == ERANGE)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a seed (must be %s)",
                                at, k->section, k->key, text, range);
        *(uint64_t *)field = (uint64_t)v;
        break;
    }
    }
    sc->key_line[index] = line;
    return HK_OK;
}

void scenario_init_defaults(struct scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    struct hk_error err;
    hk_error_clear(&err);
    for (int i = 0; i < KEY_COUNT; i++) {
        int rc = scenario_key_assign(sc, i, KEYS[i].def, "default", 0, &err);
        /* A default outside its own range is a bug in the table above. */
        assert(rc == HK_OK);
        (void)rc;
    }
}

int scenario_set_key(struct scenario *sc, const char *dotted_key, const char *value,
                     const char *origin, int line, struct hk_error *err)
{
    const char *dot = strrchr(dotted_key, '.');
    char section[128];
    if (!dot || dot == dotted_key || (size_t)(dot - dotted_key) >= sizeof section)
        return hk_error_set(err, HK_EINPUT, "%s: '%s' is not of the form section.key",
                            origin, dotted_key);
    memcpy(section, dotted_key, (size_t)(dot - dotted_key));
    section[dot - dotted_key] = '\0';
    int index = scenario_key_index(section, dot + 1);
    if (index < 0) {
        if (!scenario_section_known(section))
            return hk_error_set(err, HK_EINPUT, "%s: %s: unknown section [%s]; "
                                "run 'huikuan keys' for the list", origin, dotted_key, section);
        return hk_error_set(err, HK_EINPUT, "%s: %s: unknown key in [%s]; "
                            "run 'huikuan keys' for the list", origin, dotted_key, section);
    }
    return scenario_key_assign(sc, index, value, origin, line, err);
}

/* ---- writing ------------------------------------------------------------ */

const char *scenario_key_section(int index)
{
    return KEYS[index].section;
}

const char *scenario_key_name(int index)
{
    return KEYS[index].key;
}

int scenario_key_count(void)
{
    return KEY_COUNT;
}

void scenario_key_format(const struct scenario *sc, int index, char *buf, size_t size)
{
    const struct key_spec *k = &KEYS[index];
    const char *field = (const char *)sc + k->offset;
    switch (k->type) {
    case KT_INT:
        snprintf(buf, size, "%d", *(const int *)field);
        break;
    case KT_DOUBLE:
        snprintf(buf, size, "%.17g", *(const double *)field);
        break;
    case KT_MONEY:
        money_format(*(const cents_t *)field, buf, size);
        break;
    case KT_ENUM:
        enum_name(k->choices, *(const int *)field, buf, size);
        break;
    case KT_NAME:
        snprintf(buf, size, "%s", field);
        break;
    case KT_SEED:
        snprintf(buf, size, "%llu", (unsigned long long)*(const uint64_t *)field);
        break;
    }
}

int scenario_get_key(const struct scenario *sc, const char *dotted_key, char *buf, size_t size)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        size_t sl = strlen(KEYS[i].section);
        if (strncmp(dotted_key, KEYS[i].section, sl) == 0 && dotted_key[sl] == '.' &&
            strcmp(dotted_key + sl + 1, KEYS[i].key) == 0) {
            scenario_key_format(sc, i, buf, size);
            return HK_OK;
        }
    }
    return HK_EINPUT;
}

int scenario_write_ini(const struct scenario *sc, FILE *out)
{
    const char *section = "";
    for (int i = 0; i < KEY_COUNT; i++) {
        if (strcmp(section, KEYS[i].section) != 0) {
            section = KEYS[i].section;
            fprintf(out, "%s[%s]\n", i ? "\n" : "", section);
        }
        char value[128];
        scenario_key_format(sc, i, value, sizeof value);
        fprintf(out, "%s = %s\n", KEYS[i].key, value);
    }
    return ferror(out) ? HK_EIO : HK_OK;
}

void scenario_print_keys(FILE *out)
{
    fprintf(out, "%-36s %-8s %s\n", "key", "default", "allowed");
    for (int i = 0; i < KEY_COUNT; i++) {
        char dotted[128], range[160];
        snprintf(dotted, sizeof dotted, "%s.%s", KEYS[i].section, KEYS[i].key);
        range_text(&KEYS[i], range, sizeof range);
        fprintf(out, "%-36s %-8s %s\n", dotted, KEYS[i].def, range);
    }
    fprintf(out, "\nsegment shares across [segment.*] must sum to 1.\n");
}
