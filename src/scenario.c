/*
 * scenario.c — typed values of the key table, run.ini and the key listing.
 *
 * The key table in scenario_keys.c is the single source of truth for
 * every key's section, name, type, range and default. Parsing
 * (scenario_ini.c), --set overrides and cross-key rules
 * (scenario_rules.c), run.ini output and the key listing all walk the
 * same table, so a key cannot be accepted in one place and unknown in
 * another.
 *
 * Invariant: after scenario_load()/scenario_set() return HK_OK, every
 * field is inside its range and scenario_validate() holds.
 */
#include "huikuan/scenario.h"

#include "huikuan/output.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/markov.h"
#include "scenario_keys.h"

#define KEYS SCENARIO_KEYS
#define KEY_COUNT SCENARIO_KEY_COUNT

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
        snprintf(buf, size, "1 to 63 characters from A-Z a-z 0-9 _ . -, other than . and .., "
                            "without .tmp- or .old- or a last .unfinished");
        break;
    case KT_SEED:
        snprintf(buf, size, "an integer from 0 to %llu", (unsigned long long)UINT64_MAX);
        break;
    case KT_BOOL:
        snprintf(buf, size, "yes or no (true and 1, false and 0 too)");
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
    if (n == 0 || n > 63 || strcmp(text, ".") == 0 || strcmp(text, "..") == 0)
        return 0; /* a name is also a folder's: . and .. are not */
    for (const char *p = text; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
            return 0;
    /* A results folder named so would be taken for another's temporary,
     * and removed by a run into that one. */
    return !output_reserved_name(text);
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
        if (!(parsed && !isfinite(v)) && !scenario_decimal_syntax(text))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a number (must be %s)",
                                at, k->section, k->key, text, range);
        if (!isfinite(v))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: must be a finite number (%s)",
                                at, k->section, k->key, text, range);
        if (!scenario_decimal_within(text, k->min, k->max))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: out of range (must be %s)",
                                at, k->section, k->key, text, range);
        *(double *)field = v == 0 ? 0.0 : v; /* -0 is 0: one value, written one way */
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
        /* A plain decimal, "+3" as every other number may be written. */
        const char *digits = text[0] == '+' ? text + 1 : text;
        if (!isdigit((unsigned char)digits[0]))
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a seed (must be %s)",
                                at, k->section, k->key, text, range);
        unsigned long long v = strtoull(digits, &end, 10);
        if (*end != '\0' || errno == ERANGE)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not a seed (must be %s)",
                                at, k->section, k->key, text, range);
        *(uint64_t *)field = (uint64_t)v;
        break;
    }
    case KT_BOOL: {
        int v = enum_index("no|yes|false|true|0|1", text);
        if (v < 0)
            return hk_error_set(err, HK_EINPUT, "%s%s.%s = %s: not yes or no (true and 1, "
                                "false and 0 are read too)", at, k->section, k->key, text);
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
    markov_clear(&sc->markov);
    struct hk_error err;
    hk_error_clear(&err);
    for (int i = 0; i < KEY_COUNT; i++) {
        int rc = scenario_key_assign(sc, i, KEYS[i].def, "default", 0, &err);
        /* A default outside its own range is a bug in the table above. */
        assert(rc == HK_OK);
        (void)rc;
    }
}

int scenario_markov_key(struct scenario *sc, const char *name, const char *value, const char *at,
                        int line, struct hk_error *err)
{
    /* inih trims values; --set does not. */
    char text[512];
    while (isspace((unsigned char)*value))
        value++;
    size_t n = strlen(value);
    while (n > 0 && isspace((unsigned char)value[n - 1]))
        n--;
    if (n >= sizeof text) /* cut, it would name other states than those given */
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: value is too long (at most %zu bytes)",
                            at, name, sizeof text - 1);
    memcpy(text, value, n);
    text[n] = '\0';
    if (strcmp(name, "states") == 0) {
        if (sc->markov.states_line > 0 && line > 0)
            return hk_error_set(err, HK_EINPUT, "%smarkov.states: set twice (first on line %d); "
                                "a key may appear once", at, sc->markov.states_line);
        int rc = markov_parse_states(&sc->markov, text, at, err);
        sc->markov.states_line = line;
        /* A state's row is a key of [markov], so no key may name one. */
        for (int k = 0; rc == HK_OK && k < sc->markov.states; k++)
            if (strcmp(sc->markov.state[k], "states") == 0 ||
                scenario_key_index("markov", sc->markov.state[k]) >= 0)
                rc = hk_error_set(err, HK_EINPUT, "%smarkov.states: '%s' is a key of [markov], "
                                  "not a state name", at, sc->markov.state[k]);
        return rc;
    }
    return markov_parse_row(&sc->markov, name, text, at, line, err);
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
    if (index < 0 && strcmp(section, "markov") == 0) {
        char at[4200];
        snprintf(at, sizeof at, "%s: ", origin);
        return scenario_markov_key(sc, dot + 1, value, at, line, err);
    }
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

const char *scenario_key_default(int index)
{
    return KEYS[index].def;
}

int scenario_key_count(void)
{
    return KEY_COUNT;
}

int scenario_key_dotted(int index, char *buf, size_t size)
{
    if (index < 0 || index >= KEY_COUNT)
        return -1;
    snprintf(buf, size, "%s.%s", KEYS[index].section, KEYS[index].key);
    return 0;
}

void scenario_format_real(double v, char *buf, size_t size)
{
    char plain[64];
    for (int decimals = 0; decimals <= 20; decimals++) {
        snprintf(plain, sizeof plain, "%.*f", decimals, v);
        if (strtod(plain, NULL) == v) {
            snprintf(buf, size, "%s", plain);
            return;
        }
    }
    snprintf(buf, size, "%.17g", v);
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
        scenario_format_real(*(const double *)field, buf, size);
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
            scenario_key_format(sc, i, buf, size);
            return HK_OK;
        }
    }
    return HK_EINPUT;
}

int scenario_is_chain_key(const char *dotted_key)
{
    return strncmp(dotted_key, "markov.", 7) == 0 && dotted_key[7] != '\0' &&
           !strchr(dotted_key + 7, '.');
}

/* The table's entry for "section.key", or NULL. */
static const struct key_spec *dotted_spec(const char *dotted_key)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        size_t sl = strlen(KEYS[i].section);
        if (strncmp(dotted_key, KEYS[i].section, sl) == 0 && dotted_key[sl] == '.' &&
            strcmp(dotted_key + sl + 1, KEYS[i].key) == 0)
            return &KEYS[i];
    }
    return NULL;
}

int scenario_key_value_type(const char *dotted_key)
{
    const struct key_spec *k = dotted_spec(dotted_key);
    if (!k)
        return -1;
    switch (k->type) {
    case KT_INT:
        return SCENARIO_VALUE_INT;
    case KT_DOUBLE:
        return SCENARIO_VALUE_REAL;
    case KT_MONEY:
        return SCENARIO_VALUE_MONEY;
    default:
        return SCENARIO_VALUE_TEXT;
    }
}

int scenario_key_allowed(const char *dotted_key, char *buf, size_t size)
{
    const struct key_spec *k = dotted_spec(dotted_key);
    if (!k)
        return -1;
    range_text(k, buf, size);
    return 0;
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
        if (i + 1 == KEY_COUNT || strcmp(section, KEYS[i + 1].section) != 0)
            if (strcmp(section, "markov") == 0)
                markov_write(&sc->markov, out);
    }
    return ferror(out) ? HK_EIO : HK_OK;
}

/* The [markov] keys that are not in KEYS: their names come from the
 * file (a row per listed state), so they are described by their form.
 * [markov] is the last section of KEYS, so they follow period_days. */
static void print_markov_keys(FILE *out, int width)
{
    fprintf(out, "%-*s %-8s %d to %d state names (letters, digits, _; up to %d characters; "
            "not paid or bad_debt), separated by commas; needs customers.behaviour = markov\n",
            width, "markov.states", "(none)", 1, MARKOV_MAX_STATES,
            (int)sizeof ((struct markov_params *)0)->state[0] - 1);
    fprintf(out, "%-*s %-8s for each state listed: target:probability, ... (targets: the "
            "states, paid, bad_debt; numbers from 0 to 1 summing to 1)\n", width, "markov.STATE",
            "(none)");
}

/* What the listing's default and range alone would not say: where 0 means
 * something other than nothing, a default that is not the table's, and
 * where a key has no effect (a segment's, whichever segment: by the key's
 * name in its section). */
static const char *key_note(const char *section, const char *key)
{
    static const struct {
        const char *section, *key, *note;
    } NOTES[] = {
        {"sim", "name", "; in a file, its name without .ini"},
        {"firm", "credit_limit_months", "; 0: no credit limits"},
        {"firm", "cash_discount", "; 0: none; the share of an invoice a customer that plans "
                                  "its payments keeps when, at its issue, it means to pay within "
                                  "firm.cash_discount_days (by the due date at the latest), or "
                                  "moves its payment there because the discount is worth more "
                                  "than the cash at customers.cost_of_money; not for one paying "
                                  "by pay runs, holding stock, disputing, in distress, never "
                                  "paying or in its reporting blackout on that day; none under "
                                  "customers.behaviour = markov"},
        {"firm", "cash_discount_days", "; read only with firm.cash_discount above 0"},
        {"customers", "exposure_risk", "; each month of its purchases a customer already owes "
                                       "adds this many times its kind's default_prob to its "
                                       "chance of never paying a new invoice, up to 1; 0: what "
                                       "it owes does not matter; under customers.behaviour = "
                                       "markov only a rep's reading of an order"},
        {"customers", "cost_of_money", "; a year, what paying early costs a customer against a "
                                       "cash discount or an exchange offer; read only with "
                                       "firm.cash_discount or collection.exchange_discount above "
                                       "0"},
        {"customers", "priority_value", "; weighs firm.supplier_value less 0.5 (the firm's worth "
                                        "against the customer's other suppliers): no effect at "
                                        "supplier_value 0.5"},
        {"orders", "max_per_customer", "; 0: no limit"},
        {"orders", "base_demand", "; the share of each customer's orders that come at its pace "
                                  "whatever its rep sells (the rest at the rep's selling); no "
                                  "effect under orders.process = effort"},
        {"collection", "escalate_after_days", "; 0: a third of firm.term_days, rounded up"},
        {"collection", "stop_supply_balance", "; looked at from the lawyer's letter on; a "
                                              "lawsuit stops supply whatever is owed"},
        {"collection", "exchange_discount", "; 0: none; the share off a reseller's orders for "
                                            "collection.exchange_days, offered with a case's "
                                            "statement to one holding back payment for unsold "
                                            "stock, which it takes, and pays what it held back, "
                                            "when that is worth more than the cash at "
                                            "customers.cost_of_money (not while one it took "
                                            "holds; none to one paying by pay runs; none under "
                                            "customers.behaviour = markov)"},
        {"collection", "exchange_days", "; read only with collection.exchange_discount above 0"},
        {"collection", "instalments", "; 0: none; the monthly instalments of a plan offered with "
                                      "the lawyer's letter to a customer paying by pay runs "
                                      "whose cash falls short of what it owes overdue (not in "
                                      "distress, not after breaking one in the same case): one "
                                      "due every 30 days from the offer, each paid first out of "
                                      "its pay runs' cash; while it keeps to the plan the firm "
                                      "does not sue nor write off what it covers (none under "
                                      "customers.behaviour = markov)"},
        {"collection", "instalment_interest", "; a year, simple, on what an instalment plan has "
                                              "yet to collect, paid at each pay run before the "
                                              "instalment; read only with collection.instalments "
                                              "above 0"},
        {"collection", "repossess", "; yes: before it sues, files a claim or writes off, the firm "
                                    "takes back its goods a customer still holds unsold (a "
                                    "reseller's stock, goods on consignment), up to what it "
                                    "owes, oldest invoice first, and credits them to it as a "
                                    "sales return (none under customers.behaviour = markov)"},
        {"collection", "repossess_value", "; what goods taken back are worth to the firm, a "
                                          "share of their cost (1 - firm.gross_margin of their "
                                          "invoice value): resold or restocked, less carriage "
                                          "and what no longer sells; read only with "
                                          "collection.repossess = yes"},
        {"scheme", "penalty_cap", "; 0: no cap"},
        {"scheme", "bonus_dso_target_days", "; 0: no DSO bonus"},
        {"scheme", "bonus_collection_target", "; the share of what the book had to collect in a "
                                              "pay period that it collected; 0: no collection "
                                              "bonus"},
        {"segment", "delay_mean_days", "; no effect where cash_ratio is above 0 (the segment "
                                       "pays by pay runs)"},
        {"segment", "delay_sd_days", "; no effect where cash_ratio is above 0"},
        {"segment", "pressure_response", "; no effect where cash_ratio is above 0"},
    };
    for (size_t i = 0; i < sizeof NOTES / sizeof NOTES[0]; i++) {
        size_t n = strlen(NOTES[i].section);
        if (strncmp(section, NOTES[i].section, n) == 0 && (section[n] == '\0' || section[n] == '.') &&
            strcmp(key, NOTES[i].key) == 0)
            return NOTES[i].note;
    }
    return "";
}

void scenario_print_keys(FILE *out)
{
    /* One column as wide as the longest name, so that every default and
     * range lines up under its heading. */
    int width = 3;
    for (int i = 0; i < KEY_COUNT; i++) {
        int n = (int)(strlen(KEYS[i].section) + 1 + strlen(KEYS[i].key));
        width = n > width ? n : width;
    }
    fprintf(out, "%-*s %-8s %s\n", width, "key", "default", "allowed");
    for (int i = 0; i < KEY_COUNT; i++) {
        char dotted[128], range[160];
        snprintf(dotted, sizeof dotted, "%s.%s", KEYS[i].section, KEYS[i].key);
        range_text(&KEYS[i], range, sizeof range);
        fprintf(out, "%-*s %-8s %s%s\n", width, dotted, KEYS[i].def, range,
                key_note(KEYS[i].section, KEYS[i].key));
    }
    print_markov_keys(out, width);
    fprintf(out, "\nrules that span keys (see the README for each):\n"
                 "  segment shares across [segment.*] sum to 1;\n"
                 "  firm.report_day is below firm.report_period_days;\n"
                 "  a segment's report_blackout_days (where its share is above 0) is at most\n"
                 "    firm.report_period_days less 8 days;\n"
                 "  orders.process = effort needs customers.count = reps.count;\n"
                 "  scheme.base_salary_mode = participation needs orders.process = effort;\n"
                 "  scheme.transfer_price is above 0 when scheme.liability_share is;\n"
                 "  customers.behaviour = markov needs a [markov] section with its states;\n"
                 "  what a run could invoice fits 64-bit cents.\n");
}
