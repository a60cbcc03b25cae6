/*
 * scenario.c — the scenario file: key table, INI parsing (inih), checks.
 *
 * The key table below is the single source of truth for every key's
 * section, name, type, range and default. Parsing, --set overrides,
 * run.ini output and the key listing all walk the same table, so a key
 * cannot be accepted in one place and unknown in another.
 *
 * Invariant: after scenario_load()/scenario_set() return HK_OK, every
 * field is inside its range and scenario_validate() holds.
 */
#include "huikuan/scenario.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

#define F(field) offsetof(struct scenario, field)
#define D(sec, name, field, lo, hi, dflt) {sec, name, KT_DOUBLE, F(field), lo, hi, dflt, NULL}
#define I(sec, name, field, lo, hi, dflt) {sec, name, KT_INT, F(field), lo, hi, dflt, NULL}
#define M(sec, name, field, lo, hi, dflt) {sec, name, KT_MONEY, F(field), lo, hi, dflt, NULL}
#define B(sec, name, field, dflt) {sec, name, KT_BOOL, F(field), 0, 1, dflt, NULL}

/* One row per segment: the defaults of every segment key, in this order:
 * share, delay mean, delay sd, default prob, pressure response, cure prob,
 * order rate factor, cash ratio, leniency learning, leniency delay factor,
 * dispute prob, remedy days, report blackout days, stock months, push
 * factor, insolvency hazard, distress onset days, distress order factor,
 * distress delay factor. */
#define SEGMENT_KEYS(id, sec, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, t) \
    D(sec, "share", segment[id].share, 0, 1, a),                                         \
    D(sec, "delay_mean_days", segment[id].delay_mean_days, 0, 3650, b),                  \
    D(sec, "delay_sd_days", segment[id].delay_sd_days, 0, 3650, c),                      \
    D(sec, "default_prob", segment[id].default_prob, 0, 1, d),                           \
    D(sec, "pressure_response", segment[id].pressure_response, 0, 1, e),                 \
    D(sec, "cure_prob", segment[id].cure_prob, 0, 1, f),                                 \
    D(sec, "order_rate_factor", segment[id].order_rate_factor, 0, 100, g),               \
    D(sec, "cash_ratio", segment[id].cash_ratio, 0, 100, h),                             \
    D(sec, "leniency_learning", segment[id].leniency_learning, 0, 1, i),                 \
    D(sec, "leniency_delay_factor", segment[id].leniency_delay_factor, 1, 100, j),       \
    D(sec, "dispute_prob", segment[id].dispute_prob, 0, 1, k),                           \
    D(sec, "remedy_days", segment[id].remedy_days, 0, 3650, l),                          \
    D(sec, "report_blackout_days", segment[id].report_blackout_days, 0, 3650, m),        \
    D(sec, "stock_months", segment[id].stock_months, 0, 120, n),                         \
    D(sec, "push_factor", segment[id].push_factor, 0, 100, o),                           \
    D(sec, "insolvency_hazard", segment[id].insolvency_hazard, 0, 1, p),                 \
    D(sec, "distress_onset_days", segment[id].distress_onset_days, 0, 36500, q),         \
    D(sec, "distress_order_factor", segment[id].distress_order_factor, 0, 10, r),        \
    D(sec, "distress_delay_factor", segment[id].distress_delay_factor, 0, 100, t)

static const struct key_spec KEYS[] = {
    {"sim", "name", KT_NAME, F(name), 1, 63, "scenario", NULL},
    I("sim", "days", sim.days, 1, 3650, "365"),
    I("sim", "warmup_days", sim.warmup_days, 0, 3650, "450"),
    I("sim", "replications", sim.replications, 2, 1000000, "20"),
    {"sim", "seed", KT_SEED, F(sim.seed), 0, 0, "1", NULL},

    D("firm", "gross_margin", firm.gross_margin, 0, 1, "0.30"),
    I("firm", "term_days", firm.term_days, 0, 365, "30"),
    D("firm", "cost_of_capital", firm.cost_of_capital, 0, 1, "0.08"),
    I("firm", "write_off_days", firm.write_off_days, 1, 3650, "365"),
    D("firm", "credit_limit_months", firm.credit_limit_months, 0, 120, "6"),
    D("firm", "new_customer_limit", firm.new_customer_limit, 0, 1, "0.5"),
    I("firm", "rerate_days", firm.rerate_days, 1, 3650, "182"),
    D("firm", "consignment_share", firm.consignment_share, 0, 1, "0"),
    D("firm", "supplier_value", firm.supplier_value, 0, 1, "0.5"),
    M("firm", "hiring_cost", firm.hiring_cost, 0, 1e9, "5000.00"),
    {"firm", "factoring", KT_ENUM, F(firm.factoring), 0, 0, "none",
     "none|reporting_window|overdue"},
    D("firm", "factoring_discount", firm.factoring_discount, 0, 1, "0.02"),
    I("firm", "factoring_after_days", firm.factoring_after_days, 0, 3650, "10"),
    I("firm", "report_period_days", firm.report_period_days, 1, 3650, "365"),
    I("firm", "report_day", firm.report_day, 0, 3649, "0"),

    I("customers", "count", customers.count, 1, 10000000, "400"),
    D("customers", "size_sd", customers.size_sd, 0, 10, "0.5"),
    I("customers", "pay_run_days", customers.pay_run_days, 1, 365, "7"),
    D("customers", "other_claims", customers.other_claims, 0, 100, "3"),
    D("customers", "priority_value", customers.priority_value, 0, 100, "1"),
    D("customers", "priority_relationship", customers.priority_relationship, 0, 100, "1"),
    D("customers", "priority_pressure", customers.priority_pressure, 0, 100, "1"),
    D("customers", "priority_leniency", customers.priority_leniency, 0, 100, "1"),

    {"orders", "process", KT_ENUM, F(orders.process), 0, 0, "poisson", "poisson|regular"},
    D("orders", "rate_per_month", orders.rate_per_month, 0, 30, "2.0"),
    M("orders", "amount_mean", orders.amount_mean, 0.01, 1e10, "5000.00"),
    M("orders", "amount_sd", orders.amount_sd, 0, 1e10, "3000.00"),
    I("orders", "max_per_customer", orders.max_per_customer, 0, 1000000, "0"),

    B("collection", "reminders", collection.reminders, "yes"),
    I("collection", "escalate_after_days", collection.escalate_after_days, 0, 3650, "0"),
    I("collection", "step_days", collection.step_days, 1, 3650, "15"),
    M("collection", "cost_reminder", collection.cost_reminder, 0, 1e9, "5.00"),
    M("collection", "cost_call", collection.cost_call, 0, 1e9, "20.00"),
    M("collection", "cost_visit", collection.cost_visit, 0, 1e9, "150.00"),
    M("collection", "cost_statement", collection.cost_statement, 0, 1e9, "30.00"),
    M("collection", "cost_warning_letter", collection.cost_warning_letter, 0, 1e9, "50.00"),
    M("collection", "cost_lawyer_letter", collection.cost_lawyer_letter, 0, 1e9, "500.00"),
    M("collection", "cost_litigation", collection.cost_litigation, 0, 1e9, "5000.00"),
    B("collection", "stop_supply", collection.stop_supply, "yes"),
    M("collection", "stop_supply_balance", collection.stop_supply_balance, 0, 1e12, "20000.00"),
    M("collection", "litigation_min_balance", collection.litigation_min_balance, 0, 1e12, "10000.00"),
    I("collection", "litigation_days", collection.litigation_days, 1, 3650, "240"),
    D("collection", "litigation_recovery", collection.litigation_recovery, 0, 1, "0.5"),
    D("collection", "insolvency_recovery", collection.insolvency_recovery, 0, 1, "0.5"),
    D("collection", "recovery_decay_days", collection.recovery_decay_days, 1, 36500, "90"),

    I("reps", "count", reps.count, 1, 1000000, "20"),
    D("reps", "skill_mean", reps.skill_mean, 0.01, 10, "1.0"),
    D("reps", "skill_sd", reps.skill_sd, 0, 10, "0.2"),
    D("reps", "firmness_mean", reps.firmness_mean, 0, 1, "0.6"),
    D("reps", "firmness_sd", reps.firmness_sd, 0, 1, "0.2"),
    D("reps", "risk_aversion", reps.risk_aversion, 0, 1, "0.00005"),
    M("reps", "effort_cost", reps.effort_cost, 0.01, 1e9, "1000.00"),
    M("reps", "outside_option", reps.outside_option, 0, 1e9, "3000.00"),
    D("reps", "quit_prob", reps.quit_prob, 0, 1, "0.15"),
    D("reps", "base_quit_rate", reps.base_quit_rate, 0, 10, "0.10"),
    I("reps", "ramp_days", reps.ramp_days, 0, 3650, "90"),
    D("reps", "orphan_factor", reps.orphan_factor, 0, 1, "0.5"),
    D("reps", "contacts_per_week", reps.contacts_per_week, 0, 7, "2.0"),
    D("reps", "screen_power", reps.screen_power, 0, 100, "1.0"),
    D("reps", "effort_noise", reps.effort_noise, 0, 10, "0.2"),

    M("scheme", "base_salary", scheme.base_salary, 0, 1e9, "4000.00"),
    D("scheme", "commission_sales", scheme.commission_sales, 0, 1, "0.03"),
    D("scheme", "commission_collected", scheme.commission_collected, 0, 1, "0"),
    D("scheme", "penalty_daily_rate", scheme.penalty_daily_rate, 0, 1, "0"),
    I("scheme", "penalty_grace_days", scheme.penalty_grace_days, 0, 3650, "0"),
    M("scheme", "penalty_cap", scheme.penalty_cap, 0, 1e12, "0.00"),
    D("scheme", "clawback_share", scheme.clawback_share, 0, 1, "0"),
    D("scheme", "liability_share", scheme.liability_share, 0, 1, "0"),
    D("scheme", "transfer_price", scheme.transfer_price, 0, 1, "1.0"),
    D("scheme", "bonus_dso_target_days", scheme.bonus_dso_target_days, 0, 3650, "0"),
    M("scheme", "bonus_dso_amount", scheme.bonus_dso_amount, 0, 1e9, "0.00"),

    /*                                            share  dmean dsd  dflt    press cure  rate cash lrn  lenf disp  rem  blk stock push hazard onset dof  ddf */
    SEGMENT_KEYS(SEG_PROMPT, "segment.prompt", "0.33", "3", "5", "0.01", "0.5", "0.3", "1.0", "0", "0", "1", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_CASH_CONSTRAINED, "segment.cash_constrained", "0.20", "5", "5", "0.02", "0.3", "0.3", "1.0", "0.95", "0.05", "1", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_REPORTING_WINDOW, "segment.reporting_window", "0.12", "10", "10", "0.01", "0", "0.2", "1.0", "0", "0", "1", "0.01", "30", "120", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_OVERSTOCKED, "segment.overstocked", "0.10", "20", "20", "0.04", "0.2", "0.3", "1.0", "0", "0", "1", "0.01", "30", "0", "1.5", "1.0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_DISPUTED, "segment.disputed", "0.07", "10", "10", "0.03", "0", "0.2", "0.8", "0", "0", "1", "0.4", "90", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_DISTRESSED, "segment.distressed", "0.06", "40", "40", "0.10", "0.2", "0.2", "0.8", "0", "0", "1", "0.01", "30", "0", "0", "0", "0.05", "120", "0.4", "2.5"),
    SEGMENT_KEYS(SEG_STRATEGIC, "segment.strategic", "0.12", "30", "25", "0.04", "0.5", "0.35", "1.0", "0", "0.1", "3", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),
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

static int key_find(const char *section, const char *key)
{
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEYS[i].section, section) == 0 && strcmp(KEYS[i].key, key) == 0)
            return i;
    return -1;
}

static int section_known(const char *section)
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
    case KT_BOOL:
        snprintf(buf, size, "yes or no");
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

/* Parses text into the field of key k; on failure fills err. */
static int key_assign(struct scenario *sc, int index, const char *raw,
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
        if (end == text || *end != '\0')
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
    case KT_BOOL: {
        int v = enum_index("no|yes|false|true|0|1", text);
        if (v < 0)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not yes or no",
                                at, k->section, k->key, text);
        *(int *)field = v % 2;
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
        int rc = key_assign(sc, i, KEYS[i].def, "default", 0, &err);
        /* A default outside its own range is a bug in the table above. */
        assert(rc == HK_OK);
        (void)rc;
    }
}

/* ---- cross-key rules -------------------------------------------------- */

int scenario_validate(const struct scenario *sc, const char *origin, struct hk_error *err)
{
    double total = 0;
    int last = 0, last_line = 0;
    for (int s = 0; s < SEG_COUNT; s++)
        total += sc->segment[s].share;
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(KEYS[i].key, "share") == 0 && sc->key_line[i] >= last_line) {
            last = i;
            last_line = sc->key_line[i];
        }
    if (fabs(total - 1.0) > 1e-9) {
        char at[4200];
        where(at, sizeof at, origin, last_line);
        return hk_error_set(err, HK_EINPUT,
                            "%s%s.%s: segment shares sum to %.12g; the share keys of all "
                            "[segment.*] sections must sum to 1",
                            at, KEYS[last].section, KEYS[last].key, total);
    }
    if (sc->scheme.liability_share > 0 && sc->scheme.transfer_price <= 0) {
        int i = key_find("scheme", "transfer_price");
        char at[4200];
        where(at, sizeof at, origin, sc->key_line[i]);
        return hk_error_set(err, HK_EINPUT,
                            "%sscheme.transfer_price = %g: must be above 0 when "
                            "scheme.liability_share is above 0",
                            at, sc->scheme.transfer_price);
    }
    return HK_OK;
}

/* ---- INI parsing with line numbers ------------------------------------ */

/* inih is built without line numbers in its handler; reading lines
 * through our own reader gives them, and lets us refuse over-long lines
 * that inih would otherwise split silently. */
struct parse_state {
    struct scenario *sc;
    const char *origin;
    const char *text;   /* whole file, NUL-terminated */
    const char *cursor; /* next unread byte */
    int line;           /* line most recently handed to inih */
    int long_line;      /* first line that did not fit, 0 if none */
    int section_line;   /* line of the latest [section] header */
    unsigned char seen[KEY_COUNT];
    struct hk_error *err;
    int failed_line;
};

static char *parse_reader(char *str, int num, void *stream)
{
    struct parse_state *ps = stream;
    if (*ps->cursor == '\0' || ps->long_line)
        return NULL;
    const char *nl = strchr(ps->cursor, '\n');
    size_t len = nl ? (size_t)(nl - ps->cursor) + 1 : strlen(ps->cursor);
    ps->line++;
    if (len > (size_t)num - 1) {
        ps->long_line = ps->line;
        return NULL;
    }
    memcpy(str, ps->cursor, len);
    str[len] = '\0';
    const char *first = str + strspn(str, " \t");
    if (*first == '[')
        ps->section_line = ps->line;
    ps->cursor += len;
    return str;
}

static int parse_handler(void *user, const char *section, const char *name, const char *value)
{
    struct parse_state *ps = user;
    char at[4200];
    where(at, sizeof at, ps->origin, ps->line);
    if (ps->err->status != HK_OK)
        return 1; /* keep the first error; let inih finish quietly */

    int index = key_find(section, name);
    if (index < 0) {
        if (section[0] == '\0')
            hk_error_set(ps->err, HK_EINPUT,
                         "%s%s: key outside any section (put it under [sim], [firm], ...)",
                         at, name);
        else if (!section_known(section)) {
            where(at, sizeof at, ps->origin, ps->section_line);
            hk_error_set(ps->err, HK_EINPUT, "%s[%s]: unknown section; "
                         "run 'huikuan keys' for the list", at, section);
        }
        else
            hk_error_set(ps->err, HK_EINPUT, "%s%s.%s: unknown key in [%s]; "
                         "run 'huikuan keys' for the list", at, section, name, section);
        ps->failed_line = ps->line;
        return 0;
    }
    if (ps->seen[index]) {
        hk_error_set(ps->err, HK_EINPUT,
                     "%s%s.%s: set twice (first on line %d); a key may appear once",
                     at, section, name, ps->sc->key_line[index]);
        ps->failed_line = ps->line;
        return 0;
    }
    ps->seen[index] = 1;
    if (key_assign(ps->sc, index, value, ps->origin, ps->line, ps->err) != HK_OK) {
        ps->failed_line = ps->line;
        return 0;
    }
    return 1;
}

/* The text of line n, for quoting a syntax error; non-printables escaped. */
static void quote_line(const char *text, int n, char *buf, size_t size)
{
    const char *p = text;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    size_t o = 0;
    for (; p && *p && *p != '\n' && *p != '\r' && o + 5 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (o > 60) {
            o += (size_t)snprintf(buf + o, size - o, "...");
            break;
        }
        if (isprint(c))
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
    }
    buf[o < size ? o : size - 1] = '\0';
}

int scenario_load_string(struct scenario *sc, const char *text, const char *origin,
                         struct hk_error *err)
{
    struct parse_state ps = {0};
    ps.sc = sc;
    ps.origin = origin;
    ps.text = text;
    ps.cursor = text;
    ps.err = err;

    int rc = ini_parse_stream(parse_reader, &ps, parse_handler, &ps);
    if (ps.long_line && (ps.failed_line == 0 || ps.long_line < ps.failed_line)) {
        hk_error_clear(err);
        return hk_error_set(err, HK_EINPUT, "%s:%d: line too long (at most 198 characters)",
                            origin, ps.long_line);
    }
    if (rc > 0 && (ps.failed_line == 0 || rc < ps.failed_line)) {
        char quoted[128];
        quote_line(text, rc, quoted, sizeof quoted);
        hk_error_clear(err);
        return hk_error_set(err, HK_EINPUT,
                            "%s:%d: syntax error: expected '[section]' or 'key = value', "
                            "found '%s'", origin, rc, quoted);
    }
    if (err->status != HK_OK)
        return err->status;
    return scenario_validate(sc, origin, err);
}

/* Scenario files are small; anything above this is not a scenario. */
#define SCENARIO_MAX_BYTES (1 << 20)

static char *read_text_file(const char *path, struct hk_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        hk_error_set(err, HK_EINPUT, "%s: cannot open scenario: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(SCENARIO_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        hk_error_set(err, HK_EIO, "%s: out of memory", path);
        return NULL;
    }
    size_t n = fread(buf, 1, SCENARIO_MAX_BYTES + 1, f);
    int read_error = ferror(f);
    fclose(f);
    if (read_error) {
        free(buf);
        hk_error_set(err, HK_EINPUT, "%s: cannot read scenario (is it a directory?)", path);
        return NULL;
    }
    if (n > SCENARIO_MAX_BYTES) {
        free(buf);
        hk_error_set(err, HK_EINPUT, "%s: file too large for a scenario (over %d bytes)",
                     path, SCENARIO_MAX_BYTES);
        return NULL;
    }
    if (memchr(buf, '\0', n)) {
        int line = 1;
        for (const char *p = buf; *p; p++)
            line += *p == '\n';
        free(buf);
        hk_error_set(err, HK_EINPUT, "%s:%d: binary data (NUL byte) in a scenario file",
                     path, line);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

int scenario_load(struct scenario *sc, const char *path, struct hk_error *err)
{
    scenario_init_defaults(sc);
    snprintf(sc->path, sizeof sc->path, "%s", path);

    /* Name defaults to the file's base name, if that is a valid name. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[64];
    snprintf(name, sizeof name, "%s", base);
    char *dot = strstr(name, ".ini");
    if (dot && dot[4] == '\0')
        *dot = '\0';
    if (name_valid(name))
        snprintf(sc->name, sizeof sc->name, "%s", name);

    char *text = read_text_file(path, err);
    if (!text)
        return err->status;
    int rc = scenario_load_string(sc, text, path, err);
    free(text);
    return rc;
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
    int index = key_find(section, dot + 1);
    if (index < 0) {
        if (!section_known(section))
            return hk_error_set(err, HK_EINPUT, "%s: %s: unknown section [%s]; "
                                "run 'huikuan keys' for the list", origin, dotted_key, section);
        return hk_error_set(err, HK_EINPUT, "%s: %s: unknown key in [%s]; "
                            "run 'huikuan keys' for the list", origin, dotted_key, section);
    }
    return key_assign(sc, index, value, origin, line, err);
}

int scenario_set(struct scenario *sc, const char *assignment, struct hk_error *err)
{
    const char *eq = strchr(assignment, '=');
    char origin[600];
    snprintf(origin, sizeof origin, "--set %s", assignment);
    if (!eq)
        return hk_error_set(err, HK_EINPUT, "%s: expected section.key=value", origin);
    char key[256];
    size_t n = (size_t)(eq - assignment);
    while (n > 0 && isspace((unsigned char)assignment[n - 1]))
        n--;
    if (n == 0 || n >= sizeof key)
        return hk_error_set(err, HK_EINPUT, "%s: expected section.key=value", origin);
    memcpy(key, assignment, n);
    key[n] = '\0';
    int rc = scenario_set_key(sc, key, eq + 1, origin, 0, err);
    if (rc != HK_OK)
        return rc;
    return scenario_validate(sc, origin, err);
}

/* ---- writing ------------------------------------------------------------ */

static void key_format(const struct scenario *sc, int index, char *buf, size_t size)
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
    case KT_BOOL:
        snprintf(buf, size, "%s", *(const int *)field ? "yes" : "no");
        break;
    }
}

int scenario_get_key(const struct scenario *sc, const char *dotted_key, char *buf, size_t size)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        size_t sl = strlen(KEYS[i].section);
        if (strncmp(dotted_key, KEYS[i].section, sl) == 0 && dotted_key[sl] == '.' &&
            strcmp(dotted_key + sl + 1, KEYS[i].key) == 0) {
            key_format(sc, i, buf, size);
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
        key_format(sc, i, value, sizeof value);
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
