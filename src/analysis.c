/*
 * analysis.c — parsing --param, --values, --range, --constraint and
 * --target, and applying a parameter value to a scenario.
 *
 * Invariant: a value that leaves this module (in struct param_values or
 * from analysis_format_value) is text that scenario_set_key accepts for
 * its key and that parses back to exactly the value meant.
 */
#include "huikuan/analysis.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/metrics.h"

/* Why key is no setting to vary, or NULL: what a sweep or calibration
 * holds fixed so that every value is run on the same random numbers. */
static const char *not_a_setting(const char *key)
{
    if (strcmp(key, "sim.seed") == 0)
        return "every value runs on the same seeds, so that values are compared on common "
               "random numbers; the seed's effect is what the intervals measure (-n adds "
               "replications)";
    if (strcmp(key, "sim.replications") == 0)
        return "it is how many replications each value gets: give it with -n";
    if (strcmp(key, "sim.name") == 0)
        return "it names the results; it is no setting of the model";
    /* markov.states and a state's row (markov.STATE), which no table of
     * keys lists: their values are lists, whose commas --values would
     * split. */
    if (scenario_is_chain_key(key) && scenario_key_value_type(key) < 0)
        return "a Markov chain's states and rows are lists (markov.period_days is its one "
               "number); give each chain a scenario file and compare them, or a column of a "
               "batch's grid";
    return NULL;
}

int analysis_param(const char *flag, const char *key, int numeric, const char *const *sets,
                   int set_count, int *type, struct hk_error *err)
{
    /* The seed is written as text, but that is not why it is refused. */
    if (not_a_setting(key))
        return hk_error_set(err, HK_EINPUT, "%s %s: not a key to vary: %s", flag, key,
                            not_a_setting(key));
    *type = scenario_key_value_type(key);
    if (*type < 0) {
        /* scenario_set_key words the unknown-key message like everywhere else. */
        struct scenario sc;
        scenario_init_defaults(&sc);
        char origin[300];
        snprintf(origin, sizeof origin, "%s %s", flag, key);
        scenario_set_key(&sc, key, "0", origin, 0, err);
        return hk_error_set(err, HK_EINPUT, "%s: unknown key", origin);
    }
    if (numeric && *type == SCENARIO_VALUE_TEXT)
        return hk_error_set(err, HK_EINPUT,
                            "%s %s: this key does not take a number; only numeric keys "
                            "can be calibrated", flag, key);
    for (int i = 0; i < set_count; i++)
        if (scenario_assignment_sets(sets[i], key))
            return hk_error_set(err, HK_EINPUT, "--set %s: %s is what %s varies; leave it out "
                                "of --set", sets[i], key, flag);
    return HK_OK;
}

double analysis_resolution(int type)
{
    return type == SCENARIO_VALUE_INT ? 1.0 : type == SCENARIO_VALUE_MONEY ? 0.01 : 0.0;
}

void analysis_format_value(int type, double x, char *buf, size_t size)
{
    if (type == SCENARIO_VALUE_INT)
        snprintf(buf, size, "%.0f", x);
    else if (type == SCENARIO_VALUE_MONEY)
        snprintf(buf, size, "%.2f", x);
    else
        snprintf(buf, size, "%.12g", x);
    if (strcmp(buf, "-0") == 0 || strcmp(buf, "-0.00") == 0)
        memmove(buf, buf + 1, strlen(buf)); /* no negative zero in files */
}

int analysis_apply(struct scenario *sc, const struct scenario *base, const char *key,
                   const char *text, const char *origin, struct hk_error *err)
{
    *sc = *base;
    int rc = scenario_set_key(sc, key, text, origin, 0, err);
    if (rc != HK_OK)
        return rc;
    char section[128], at[400];
    const char *dot = strrchr(key, '.'); /* scenario_set_key found one */
    snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
    snprintf(at, sizeof at, "%s: value %s", origin, text);
    return scenario_validate_change(sc, section, dot + 1, at, err);
}

int analysis_beyond_allowed(const struct scenario *base, const char *key, double x, int up)
{
    int type = scenario_key_value_type(key);
    double step = analysis_resolution(type);
    /* A real key's values are written to 12 significant digits: the next
     * is a unit of x's 12th digit away. A step of fixed size would leap
     * over a limit nearer than it (0 below a FROM of 1e-13, or 1 above
     * 0.999999999999). From 0 itself, 1e-12; where the unit is no normal
     * number, x itself. */
    if (step == 0 && x != 0) {
        double decade = pow(10, floor(log10(fabs(x))));
        step = decade * 1e-11;
        /* Towards 0 from a power of ten the digits are a decade smaller:
         * below 1 comes 0.999999999999. */
        if (fabs(x) == decade && (x > 0) != (up != 0))
            step /= 10;
        if (!isnormal(step))
            step = fabs(x);
    } else if (step == 0) {
        step = 1e-12;
    }
    char text[ANALYSIS_VALUE_MAX];
    analysis_format_value(type, up ? x + step : x - step, text, sizeof text);
    struct scenario sc;
    struct hk_error scratch;
    hk_error_clear(&scratch);
    return analysis_apply(&sc, base, key, text, "", &scratch) == HK_OK;
}

/* A finite number written as a scenario writes one (digits, a point, an
 * exponent: not hexadecimal, "inf" or "nan"); the whole of text, which
 * callers have trimmed. Below the smallest double it is 0 or nearly. */
static int parse_number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !scenario_decimal_syntax(text) || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* A count: digits alone, as --grid takes it. */
static int parse_count(const char *text, double *out)
{
    if (text[0] == '\0' || strspn(text, "0123456789") != strlen(text))
        return -1;
    *out = strtod(text, NULL);
    return 0;
}

/* Copies [from, to) trimmed into buf; 0 if it fit. */
static int copy_trimmed(const char *from, const char *to, char *buf, size_t size)
{
    while (from < to && isspace((unsigned char)*from))
        from++;
    while (to > from && isspace((unsigned char)to[-1]))
        to--;
    if ((size_t)(to - from) >= size)
        return -1;
    memcpy(buf, from, (size_t)(to - from));
    buf[to - from] = '\0';
    return 0;
}

/* A value is checked first, then compared with the others as the
 * scenario holds it, so that it repeats however it is written (0.1 and
 * 0.10, 1e-4 and 0.0001, 0 and -0), each key by its own type (seeds as
 * whole numbers, names as text). */
static int add_value(struct param_values *v, const char *text, const char *key,
                     const char *origin, const struct scenario *base, struct hk_error *err)
{
    if (v->count == ANALYSIS_MAX_VALUES)
        return hk_error_set(err, HK_EINPUT, "%s: more than %d values", origin,
                            ANALYSIS_MAX_VALUES);
    struct scenario sc;
    if (analysis_apply(&sc, base, key, text, origin, err) != HK_OK)
        return err->status;
    char canon[ANALYSIS_VALUE_MAX];
    if (scenario_get_key(&sc, key, canon, sizeof canon) != HK_OK)
        snprintf(canon, sizeof canon, "%s", text);
    for (int i = 0; i < v->count; i++)
        if (strcmp(v->canon[i], canon) == 0)
            return hk_error_set(err, HK_EINPUT,
                                "%s: %s = %s appears twice; each value may appear once%s",
                                origin, key, text,
                                strchr(origin, ':') ? " (after rounding to the key's resolution)"
                                                    : "");
    snprintf(v->canon[v->count], ANALYSIS_VALUE_MAX, "%s", canon);
    snprintf(v->text[v->count++], ANALYSIS_VALUE_MAX, "%s", text);
    return HK_OK;
}

static int parse_steps(const char *key, int type, const char *spec, const char *origin,
                       const struct scenario *base, struct param_values *out,
                       struct hk_error *err)
{
    const char *c1 = strchr(spec, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    char a[64], b[64], n[64];
    if (!c1 || !c2 || strchr(c2 + 1, ':') || copy_trimmed(spec, c1, a, sizeof a) ||
        copy_trimmed(c1 + 1, c2, b, sizeof b) ||
        copy_trimmed(c2 + 1, spec + strlen(spec), n, sizeof n))
        return hk_error_set(err, HK_EINPUT,
                            "%s: expected FROM:TO:STEPS (e.g. 0:0.001:5) or a list v1,v2,...",
                            origin);
    if (type == SCENARIO_VALUE_TEXT)
        return hk_error_set(err, HK_EINPUT,
                            "%s: %s does not take numbers; list its values as v1,v2,...",
                            origin, key);
    double from, to, steps;
    if (parse_number(a, &from) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: FROM '%s' is not a number", origin, a);
    if (parse_number(b, &to) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: TO '%s' is not a number", origin, b);
    /* Both ends are run as given, so each must be a value of the key: a
     * whole-number key's 4.6, or a money key's 0.015, would be run as
     * another value than the one asked for. */
    struct scenario sc;
    if (analysis_apply(&sc, base, key, a, origin, err) != HK_OK ||
        analysis_apply(&sc, base, key, b, origin, err) != HK_OK)
        return err->status;
    if (parse_count(n, &steps) != 0 || steps < 2 ||
        steps > ANALYSIS_MAX_VALUES)
        return hk_error_set(err, HK_EINPUT,
                            "%s: STEPS '%s' must be a count of values from 2 to %d, in digits",
                            origin, n, ANALYSIS_MAX_VALUES);
    int count = (int)steps;
    out->text = calloc((size_t)count, sizeof *out->text);
    out->canon = calloc((size_t)count, sizeof *out->canon);
    if (!out->text || !out->canon)
        return hk_error_set(err, HK_EIO, "out of memory");
    double res = analysis_resolution(type);
    for (int i = 0; i < count; i++) {
        double x = i == count - 1 ? to : from + (to - from) * i / (count - 1);
        if (res > 0)
            x = round(x / res) * res;
        char text[ANALYSIS_VALUE_MAX];
        analysis_format_value(type, x, text, sizeof text);
        if (add_value(out, text, key, origin, base, err) != HK_OK)
            return err->status;
    }
    return HK_OK;
}

static int parse_list(const char *key, const char *spec, const char *origin,
                      const struct scenario *base, struct param_values *out,
                      struct hk_error *err)
{
    int items = 1;
    for (const char *p = spec; *p; p++)
        items += *p == ',';
    if (items > ANALYSIS_MAX_VALUES)
        return hk_error_set(err, HK_EINPUT, "%s: more than %d values", origin,
                            ANALYSIS_MAX_VALUES);
    out->text = calloc((size_t)items, sizeof *out->text);
    out->canon = calloc((size_t)items, sizeof *out->canon);
    if (!out->text || !out->canon)
        return hk_error_set(err, HK_EIO, "out of memory");
    const char *p = spec;
    for (int i = 0; i < items; i++) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        char text[ANALYSIS_VALUE_MAX];
        if (copy_trimmed(p, end, text, sizeof text) != 0)
            return hk_error_set(err, HK_EINPUT, "%s: value %d is too long", origin, i + 1);
        if (text[0] == '\0')
            return hk_error_set(err, HK_EINPUT, "%s: value %d is empty", origin, i + 1);
        if (add_value(out, text, key, origin, base, err) != HK_OK)
            return err->status;
        p = end + 1;
    }
    return HK_OK;
}

int analysis_parse_values(const char *key, int type, const char *spec,
                          const struct scenario *base, struct param_values *out,
                          struct hk_error *err)
{
    memset(out, 0, sizeof *out);
    char origin[300];
    snprintf(origin, sizeof origin, "--values %s", spec);
    int rc = strchr(spec, ':') ? parse_steps(key, type, spec, origin, base, out, err)
                               : parse_list(key, spec, origin, base, out, err);
    if (rc != HK_OK)
        analysis_values_free(out);
    return rc;
}

void analysis_values_free(struct param_values *v)
{
    free(v->text);
    free(v->canon);
    v->text = NULL;
    v->canon = NULL;
    v->count = 0;
}

int analysis_parse_range(const char *key, const char *spec, const struct scenario *base,
                         double *lo, double *hi, struct hk_error *err)
{
    char origin[300], a[64], b[64];
    snprintf(origin, sizeof origin, "--range %s", spec);
    const char *colon = strchr(spec, ':');
    if (!colon || strchr(colon + 1, ':') || copy_trimmed(spec, colon, a, sizeof a) ||
        copy_trimmed(colon + 1, spec + strlen(spec), b, sizeof b))
        return hk_error_set(err, HK_EINPUT, "%s: expected FROM:TO (e.g. 0:0.001)", origin);
    if (parse_number(a, lo) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: FROM '%s' is not a number", origin, a);
    if (parse_number(b, hi) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: TO '%s' is not a number", origin, b);
    struct scenario sc;
    if (analysis_apply(&sc, base, key, a, origin, err) != HK_OK ||
        analysis_apply(&sc, base, key, b, origin, err) != HK_OK)
        return err->status;
    if (!(*lo < *hi))
        return hk_error_set(err, HK_EINPUT, "%s: FROM must be below TO", origin);
    /* Values are written and run as the key's resolution gives them (12
     * significant digits): a range that is one of them has one value. */
    char from[ANALYSIS_VALUE_MAX], to[ANALYSIS_VALUE_MAX];
    analysis_format_value(scenario_key_value_type(key), *lo, from, sizeof from);
    analysis_format_value(scenario_key_value_type(key), *hi, to, sizeof to);
    if (strcmp(from, to) == 0)
        return hk_error_set(err, HK_EINPUT, "%s: FROM and TO are the same value, %s, at the "
                            "key's resolution; FROM must be below TO", origin, from);
    return HK_OK;
}

/* ---- conditions ----------------------------------------------------------- */

static void metric_list(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int m = 0; m < METRIC_COUNT && used < size; m++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", m ? ", " : "",
                                 metric_info(m)->name);
}

int analysis_parse_metric(const char *flag, const char *name, int *metric,
                          struct hk_error *err)
{
    *metric = metric_find(name);
    if (*metric >= 0)
        return HK_OK;
    char names[1024];
    metric_list(names, sizeof names);
    return hk_error_set(err, HK_EINPUT, "%s %s: unknown metric '%s' (one of %s)", flag, name,
                        name, names);
}

int analysis_parse_condition(const char *flag, const char *spec, int want_eq,
                             struct metric_condition *out, struct hk_error *err)
{
    static const struct {
        const char *text;
        int op;
    } ops[] = {{"<=", OP_LE}, {">=", OP_GE}, {"==", OP_EQ}, {"<", OP_LT}, {">", OP_GT},
               {"=", OP_EQ}};
    const char *at = NULL;
    int op = -1;
    size_t len = 0;
    for (const char *p = spec; *p && !at; p++)
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
            if (strncmp(p, ops[i].text, strlen(ops[i].text)) == 0) {
                at = p;
                op = ops[i].op;
                len = strlen(ops[i].text);
                break;
            }
    const char *form = want_eq ? "METRIC=VALUE (e.g. 'commission=5000')"
                               : "METRIC<=VALUE or METRIC>=VALUE, or with < or > (e.g. "
                                 "'rep_turnover<=0.15')";
    char name[64], number[64];
    if (!at || (op == OP_EQ) != want_eq || copy_trimmed(spec, at, name, sizeof name) ||
        copy_trimmed(at + len, spec + strlen(spec), number, sizeof number))
        return hk_error_set(err, HK_EINPUT, "%s '%s': expected %s", flag, spec, form);
    out->op = op;
    if (name[0] == '\0')
        return hk_error_set(err, HK_EINPUT, "%s '%s': no metric before '%.*s'; expected %s", flag,
                            spec, (int)len, at, form);
    if (analysis_parse_metric(flag, name, &out->metric, err) != HK_OK)
        return err->status;
    if (parse_number(number, &out->bound) != 0)
        return hk_error_set(err, HK_EINPUT, "%s '%s': %s: '%s' is not a number", flag, spec,
                            name, number);
    return HK_OK;
}

double analysis_condition_margin(const struct metric_condition *c, double value)
{
    if (isnan(value))
        return NAN;
    return c->op == OP_GE || c->op == OP_GT ? c->bound - value : value - c->bound;
}

int analysis_condition_holds(const struct metric_condition *c, double value)
{
    double m = analysis_condition_margin(c, value);
    if (isnan(m))
        return 0;
    switch (c->op) {
    case OP_LE:
    case OP_GE:
        return m <= 0;
    case OP_LT:
    case OP_GT:
        return m < 0;
    default:
        return m == 0;
    }
}

void analysis_condition_text(const struct metric_condition *c, char *buf, size_t size)
{
    static const char *const names[] = {"<=", "<", ">=", ">", "="};
    snprintf(buf, size, "%s %s %.12g", metric_info(c->metric)->name, names[c->op], c->bound);
}
