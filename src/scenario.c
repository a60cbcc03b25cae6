/*
 * scenario.c — the scenario file: INI parsing (inih), checks, writing.
 *
 * The key table in scenario_keys.c is the single source of truth for
 * every key's section, name, type, range and default. Parsing, --set overrides,
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

#include "scenario_keys.h"

#define KEYS SCENARIO_KEYS
#define KEY_COUNT SCENARIO_KEY_COUNT

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
    if (sc->orders.process == ORDERS_EFFORT && sc->customers.count != sc->reps.count) {
        int i = key_find("orders", "process");
        char at[4200];
        where(at, sizeof at, origin, sc->key_line[i]);
        return hk_error_set(err, HK_EINPUT,
                            "%sorders.process = effort: needs customers.count = reps.count "
                            "(one account per rep), not %d and %d",
                            at, sc->customers.count, sc->reps.count);
    }
    if (sc->scheme.base_salary_mode == BASE_PARTICIPATION && sc->orders.process != ORDERS_EFFORT) {
        int i = key_find("scheme", "base_salary_mode");
        char at[4200];
        where(at, sizeof at, origin, sc->key_line[i]);
        return hk_error_set(err, HK_EINPUT,
                            "%sscheme.base_salary_mode = participation: needs orders.process = "
                            "effort, where the rep's expected output is known", at);
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
    unsigned char seen[SCENARIO_MAX_KEYS];
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
    return scenario_set_key(sc, key, eq + 1, origin, 0, err);
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

int scenario_key_value_type(const char *dotted_key)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        size_t sl = strlen(KEYS[i].section);
        if (strncmp(dotted_key, KEYS[i].section, sl) != 0 || dotted_key[sl] != '.' ||
            strcmp(dotted_key + sl + 1, KEYS[i].key) != 0)
            continue;
        switch (KEYS[i].type) {
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
    return -1;
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
