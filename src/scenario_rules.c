/*
 * scenario_rules.c — rules that span keys, and --set overrides.
 *
 * A single key is checked against its own range when it is read
 * (scenario.c); the rules here need several keys at once, so they run
 * after a whole file, or after all --set overrides, have been applied.
 * Their messages say where to look: in a file, the line of the rule's
 * key set last; after overrides, the last override touching the rule.
 */
#include "huikuan/scenario.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/customer.h"
#include "huikuan/markov.h"
#include "huikuan/rep.h"
#include "scenario_keys.h"

/* Money is int64 cents: the ledger's running totals (everything invoiced,
 * collected, written off) must stay below INT64_MAX (9.2e18 cents). Sums
 * over days of receivables are 128-bit. This bound on what a run could
 * invoice keeps the totals ten times below the limit whatever the draws:
 * customer sizes, amounts and skills are taken 3 sd above their mean,
 * selling effort at its most, every customer in the segment that orders
 * most, distressed or not. */
#define SCALE_MAX_CENTS 9e17

/* Overrides applied so far: their text and the key each set; a message
 * names one as "--set TEXT", or as TEXT alone if plain. lines_later: the
 * scenario's lines (a batch row's cells) were applied after them, so a
 * rule's key set on a line is named before any override. */
struct overrides {
    const char *const *text;
    const int *key;
    int count;
    int plain;
    int lines_later;
    const char *file; /* the scenario file they apply to, or NULL */
};

/* "FILE: --set K=V: " (FILE where known: compare applies one --set to
 * several files, not all of which it may break). */
static void override_at(const struct overrides *ov, const char *text, const char *tail,
                        char *at, size_t size)
{
    snprintf(at, size, "%s%s%s%s%s", ov->file ? ov->file : "", ov->file ? ": " : "",
             ov->plain ? "" : "--set ", text, tail);
}

enum rule { RULE_SHARES, RULE_EFFORT_ACCOUNTS, RULE_PARTICIPATION, RULE_TRANSFER, RULE_SCALE,
            RULE_MARKOV, RULE_REPORT_DAY };

static int key_is(int k, const char *section, const char *name)
{
    return strcmp(scenario_key_section(k), section) == 0 &&
           strcmp(scenario_key_name(k), name) == 0;
}

static int in_rule(enum rule r, int k)
{
    switch (r) {
    case RULE_SHARES:
        return strcmp(scenario_key_name(k), "share") == 0;
    case RULE_EFFORT_ACCOUNTS:
        return key_is(k, "orders", "process") || key_is(k, "customers", "count") ||
               key_is(k, "reps", "count");
    case RULE_PARTICIPATION:
        return key_is(k, "scheme", "base_salary_mode") || key_is(k, "orders", "process");
    case RULE_MARKOV:
        return key_is(k, "customers", "behaviour");
    case RULE_TRANSFER:
        return key_is(k, "scheme", "transfer_price") || key_is(k, "scheme", "liability_share");
    case RULE_REPORT_DAY:
        return key_is(k, "firm", "report_day") || key_is(k, "firm", "report_period_days");
    case RULE_SCALE:
        return key_is(k, "customers", "count") || key_is(k, "orders", "rate_per_month") ||
               key_is(k, "orders", "amount_mean") || key_is(k, "orders", "amount_sd") ||
               key_is(k, "orders", "max_per_customer") || key_is(k, "orders", "base_demand") ||
               key_is(k, "sim", "days") ||
               key_is(k, "sim", "warmup_days") || key_is(k, "reps", "skill_mean") ||
               key_is(k, "reps", "skill_sd") || key_is(k, "customers", "size_sd") ||
               key_is(k, "orders", "process") || key_is(k, "orders", "output_base") ||
               key_is(k, "orders", "output_per_effort") || key_is(k, "orders", "output_sd") ||
               key_is(k, "reps", "count") ||
               strcmp(scenario_key_name(k), "order_rate_factor") == 0 ||
               strcmp(scenario_key_name(k), "distress_order_factor") == 0 ||
               strcmp(scenario_key_name(k), "push_factor") == 0;
    }
    return 0;
}

/* Of the keys a broken rule spans (inside[k] set), the one to name in
 * its message: the last override among them, else the last line; fills
 * at with "where: ". */
static int blame_among(const struct scenario *sc, const char *inside, const char *origin,
                       const struct overrides *ov, char *at, size_t size)
{
    int best = -1;
    for (int k = 0; k < scenario_key_count(); k++)
        if (inside[k] && (best < 0 || sc->key_line[k] >= sc->key_line[best]))
            best = k;
    int line_first = ov && ov->lines_later && sc->key_line[best] > 0;
    for (int i = ov && !line_first ? ov->count - 1 : -1; i >= 0; i--)
        if (ov->key[i] >= 0 && inside[ov->key[i]]) {
            override_at(ov, ov->text[i], ": ", at, size);
            return ov->key[i];
        }
    if (sc->key_line[best] > 0)
        snprintf(at, size, "%s:%d: ", origin, sc->key_line[best]);
    else
        snprintf(at, size, "%s: ", origin);
    return best;
}

/* The key of rule r to name in its message; fills at with "where: ". */
static int blame(const struct scenario *sc, enum rule r, const char *origin,
                 const struct overrides *ov, char *at, size_t size)
{
    char inside[SCENARIO_MAX_KEYS] = {0};
    for (int k = 0; k < scenario_key_count(); k++)
        inside[k] = (char)in_rule(r, k);
    return blame_among(sc, inside, origin, ov, at, size);
}

static double invoiceable_cents(const struct scenario *sc)
{
    double days = (double)sc->sim.warmup_days + sc->sim.days;
    /* A rep's skill is drawn normal: three standard deviations above the
     * mean bound it, as for the customers' sizes (never below the least
     * skill a rep is given). */
    double skill = fmax(REP_SKILL_MIN, sc->reps.skill_mean + 3.0 * sc->reps.skill_sd);
    if (sc->orders.process == ORDERS_EFFORT) /* one account per rep, buying weekly */
        return sc->reps.count * (days / 7.0 + 1.0) *
               ((double)sc->orders.output_base +
                skill * REP_EFFORT_MAX * (double)sc->orders.output_per_effort +
                3.0 * (double)sc->orders.output_sd);
    /* The segment whose customers could be invoiced most: its order rate
     * (more orders in distress), at most max_per_customer orders, and a
     * stock-holder's order grown by push_factor x the rep's push share
     * (at most 1) x the selling effort beyond 1. */
    double selling = scenario_selling_with_base(sc, skill * REP_EFFORT_MAX);
    double most = 0;
    for (int s = 0; s < SEG_COUNT; s++) {
        const struct segment_params *seg = &sc->segment[s];
        if (!(seg->share > 0))
            continue;
        double orders = sc->orders.rate_per_month / 30.0 * days * seg->order_rate_factor *
                        fmax(1.0, seg->distress_order_factor) *
                        (1.0 + 3.0 * sc->customers.size_sd) * selling;
        if (sc->orders.max_per_customer > 0 && orders > sc->orders.max_per_customer)
            orders = sc->orders.max_per_customer;
        most = fmax(most, orders * (1.0 + seg->push_factor * (REP_EFFORT_MAX - 1.0)));
    }
    return sc->customers.count * most *
           ((double)sc->orders.amount_mean + 3.0 * (double)sc->orders.amount_sd);
}

/* The last override that set `key` (markov.states or a state's row),
 * or, with key NULL, that changed the chain at all (its period too: how
 * long it takes to settle); NULL if none did. */
static const char *markov_override(const struct overrides *ov, const char *key)
{
    for (int i = ov ? ov->count - 1 : -1; i >= 0; i--)
        if ((ov->key[i] < 0 && strncmp(ov->text[i], "markov.", 7) == 0 &&
             (!key || scenario_assignment_sets(ov->text[i], key))) ||
            (!key && ov->key[i] >= 0 && key_is(ov->key[i], "markov", "period_days")))
            return ov->text[i];
    return NULL;
}

/* The override that gave state's row (into key, "markov.STATE"): its own,
 * else the one of markov.states (which starts a new chain, the rows
 * after it); NULL where the file's line did. */
static const char *row_given_by(const struct overrides *ov, const char *state,
                                const char *states_set, char *key, size_t size)
{
    snprintf(key, size, "markov.%s", state);
    const char *set = markov_override(ov, key);
    return set ? set : states_set;
}

/* Where a problem lies once override `changed` made it: the file's lines
 * no longer say. */
static const char *override_origin(const struct overrides *ov, const char *changed, char *where,
                                   size_t size)
{
    override_at(ov, changed, "", where, size);
    return where;
}

/* The chain as run.ini writes it must read back: each of its lines
 * within SCENARIO_LINE_MAX (the list of states is written with ", "
 * between names, each probability in full), else run.ini could not be
 * run again. Returns the first line too wide, 0 for the list of states
 * and s + 1 for state s's row, its width in *width; -1 if none is; -2
 * out of memory. */
static int markov_too_wide(const struct markov_params *m, size_t *width)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return -2;
    markov_write(m, f);
    if (fclose(f) != 0 || !text) {
        free(text);
        return -2;
    }
    int line = 0, wide = -1;
    for (const char *p = text; *p && wide < 0; line++) {
        size_t n = strcspn(p, "\n");
        if (n > SCENARIO_LINE_MAX) {
            wide = line;
            *width = n;
        }
        p += n + (p[n] == '\n');
    }
    free(text);
    return wide;
}

/* Rows complete and summing to 1, and every state left in time. A row's
 * problem lies where the row was given: its override, else the override
 * of markov.states (which starts a new chain, so that every row comes
 * after it), else its line of the file. A problem with the chain as a
 * whole lies with the last override that changed it, if any. */
static int validate_markov(const struct scenario *sc, const char *origin,
                           const struct overrides *ov, struct hk_error *err)
{
    struct markov_params m = sc->markov;
    char where[600], at[4400], key[8 + sizeof m.state[0]];
    const char *states_set = markov_override(ov, "markov.states");
    for (int s = 0; s < m.states; s++) {
        const char *set = row_given_by(ov, m.state[s], states_set, key, sizeof key);
        struct markov_params row = m;
        if (set)
            markov_forget_lines(&row);
        if (markov_validate_row(&row, s, set ? override_origin(ov, set, where, sizeof where)
                                             : origin, err) != HK_OK)
            return err->status;
    }
    const char *file_origin = origin;
    const char *changed = markov_override(ov, NULL);
    char whole[600];
    if (changed) {
        origin = override_origin(ov, changed, whole, sizeof whole);
        markov_forget_lines(&m);
    }
    double paid[MARKOV_MAX_STATES], bad[MARKOV_MAX_STATES];
    struct hk_error why;
    hk_error_clear(&why);
    /* What is wrong with the chain as a whole lies with its list of states. */
    if (m.states_line > 0)
        snprintf(at, sizeof at, "%s:%d: ", origin, m.states_line);
    else
        snprintf(at, sizeof at, "%s: ", origin);
    if (markov_absorption(&m, paid, bad, &why) != HK_OK)
        return hk_error_set(err, why.status, "%smarkov.states: %s", at, why.message);
    size_t width = 0;
    int wide = markov_too_wide(&m, &width);
    if (wide == -2)
        return hk_error_set(err, HK_EIO, "out of memory");
    if (wide == 0)
        return hk_error_set(err, HK_EINPUT, "%smarkov.states: the list of states takes %zu bytes "
                            "on its line of run.ini, over the %d a line may hold; give the states "
                            "shorter names", at, width, SCENARIO_LINE_MAX);
    if (wide > 0) { /* named where the row was given, as its other faults are */
        int s = wide - 1;
        const char *set = row_given_by(ov, sc->markov.state[s], states_set, key, sizeof key);
        char row_at[4400];
        if (set)
            snprintf(row_at, sizeof row_at, "%s: ", override_origin(ov, set, where, sizeof where));
        else if (sc->markov.row_set[s] > 0)
            snprintf(row_at, sizeof row_at, "%s:%d: ", file_origin, sc->markov.row_set[s]);
        else
            snprintf(row_at, sizeof row_at, "%s: ", file_origin);
        return hk_error_set(err, HK_EINPUT, "%s%s: the row takes %zu bytes on its line of "
                            "run.ini, over the %d a line may hold; write its probabilities with "
                            "fewer digits, or give the states shorter names", row_at, key, width,
                            SCENARIO_LINE_MAX);
    }
    if (markov_settle_periods(&m, MARKOV_SETTLED_TAIL, MARKOV_RUNOFF_MAX_DAYS / m.period_days) < 0)
        return hk_error_set(err, HK_EINPUT,
                            "%smarkov.states: the chain settles too slowly: an invoice is still "
                            "in a state after %d days with probability above %g; make paid or "
                            "bad_debt likelier%s", at,
                            MARKOV_RUNOFF_MAX_DAYS / m.period_days * m.period_days,
                            MARKOV_SETTLED_TAIL,
                            m.period_days > 1 ? ", or markov.period_days shorter" : "");
    return HK_OK;
}

/* The scale key to name when a scenario is too large: of those the file
 * or an override set, the one whose default would shrink the scenario
 * most (the key set last may have made it smaller). Named where it was
 * last set; rule order as blame() when no key's default helps. */
static int blame_scale(const struct scenario *sc, const char *origin, const struct overrides *ov,
                       double cents, char *at, size_t size)
{
    struct scenario *trial = malloc(sizeof *trial);
    int best = -1;
    double least = cents;
    for (int k = 0; k < scenario_key_count(); k++) {
        int set = sc->key_line[k] > 0;
        for (int i = 0; ov && i < ov->count && !set; i++)
            set = ov->key[i] == k;
        if (!trial || !set || !in_rule(RULE_SCALE, k))
            continue;
        struct hk_error ignored;
        hk_error_clear(&ignored);
        *trial = *sc;
        if (scenario_key_assign(trial, k, scenario_key_default(k), "", 0, &ignored) != HK_OK)
            continue;
        double shrunk = invoiceable_cents(trial);
        if (shrunk < least) {
            least = shrunk;
            best = k;
        }
    }
    free(trial);
    if (best < 0)
        return blame(sc, RULE_SCALE, origin, ov, at, size);
    int line_first = ov && ov->lines_later && sc->key_line[best] > 0;
    for (int i = ov && !line_first ? ov->count - 1 : -1; i >= 0; i--)
        if (ov->key[i] == best) {
            override_at(ov, ov->text[i], ": ", at, size);
            return best;
        }
    snprintf(at, size, "%s:%d: ", origin, sc->key_line[best]);
    return best;
}

/* A customer that holds cash before its reporting date pays in the week
 * after it (1 to 7 days after): a blackout that reaches into that week
 * of the next period would hold the payment again, and one as long as the
 * period, for ever. Segments no customer belongs to are not checked. */
static int validate_blackouts(const struct scenario *sc, const char *origin,
                              const struct overrides *ov, struct hk_error *err)
{
    int longest = sc->firm.report_period_days - CUSTOMER_REPORT_PAY_DAYS - 1;
    for (int s = 0; s < SEG_COUNT; s++) {
        const struct segment_params *seg = &sc->segment[s];
        if (seg->share <= 0 || seg->report_blackout_days <= 0 ||
            seg->report_blackout_days <= longest)
            continue;
        char section[64], at[4400], inside[SCENARIO_MAX_KEYS] = {0};
        snprintf(section, sizeof section, "segment.%s", scenario_segment_name(s));
        inside[scenario_key_index(section, "report_blackout_days")] = 1;
        inside[scenario_key_index(section, "share")] = 1;
        inside[scenario_key_index("firm", "report_period_days")] = 1;
        int k = blame_among(sc, inside, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%s%s.%s: %s.report_blackout_days (%g) must be at most "
                            "firm.report_period_days (%d) less 8 days, here %d%s: these "
                            "customers pay in the week after their reporting date, which the "
                            "next blackout may not reach",
                            at, scenario_key_section(k), scenario_key_name(k), section,
                            seg->report_blackout_days, sc->firm.report_period_days,
                            longest > 0 ? longest : 0, longest > 0 ? "" : " (no blackout)");
    }
    return HK_OK;
}

static int validate(const struct scenario *sc, const char *origin, const struct overrides *ov,
                    struct hk_error *err)
{
    char at[4400];
    double total = 0;
    for (int s = 0; s < SEG_COUNT; s++)
        total += sc->segment[s].share;
    if (fabs(total - 1.0) > 1e-9) {
        int k = blame(sc, RULE_SHARES, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%s%s.%s: segment shares sum to %.12g; the share keys of all "
                            "[segment.*] sections must sum to 1",
                            at, scenario_key_section(k), scenario_key_name(k), total);
    }
    if (sc->orders.process == ORDERS_EFFORT && sc->customers.count != sc->reps.count) {
        blame(sc, RULE_EFFORT_ACCOUNTS, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%sorders.process = effort: needs customers.count = reps.count "
                            "(one account per rep), not %d and %d",
                            at, sc->customers.count, sc->reps.count);
    }
    if (sc->scheme.base_salary_mode == BASE_PARTICIPATION && sc->orders.process != ORDERS_EFFORT) {
        blame(sc, RULE_PARTICIPATION, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%sscheme.base_salary_mode = participation: needs orders.process = "
                            "effort, where the rep's expected output is known", at);
    }
    /* Day 400 of a 365-day period would be read as day 35: refused, not
     * wrapped without a word. */
    if (sc->firm.report_day >= sc->firm.report_period_days) {
        blame(sc, RULE_REPORT_DAY, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%sfirm.report_day = %d: must be below firm.report_period_days "
                            "(%d), a day of the period",
                            at, sc->firm.report_day, sc->firm.report_period_days);
    }
    int rc = validate_blackouts(sc, origin, ov, err);
    if (rc != HK_OK)
        return rc;
    if (sc->scheme.liability_share > 0 && sc->scheme.transfer_price <= 0) {
        blame(sc, RULE_TRANSFER, origin, ov, at, sizeof at);
        return hk_error_set(err, HK_EINPUT,
                            "%sscheme.transfer_price = %g: must be above 0 when "
                            "scheme.liability_share is above 0",
                            at, sc->scheme.transfer_price);
    }
    /* A [markov] section that lists states must be complete, whether or
     * not customers.behaviour uses it. */
    if (sc->customers.behaviour == BEHAVIOUR_MARKOV || sc->markov.states > 0) {
        if (sc->markov.states == 0) {
            blame(sc, RULE_MARKOV, origin, ov, at, sizeof at);
            return hk_error_set(err, HK_EINPUT, "%scustomers.behaviour = markov: needs a [markov] "
                                "section with states and a row for each", at);
        }
        rc = validate_markov(sc, origin, ov, err);
        if (rc != HK_OK)
            return rc;
    }
    double cents = invoiceable_cents(sc);
    if (cents > SCALE_MAX_CENTS) {
        char value[128];
        int k = blame_scale(sc, origin, ov, cents, at, sizeof at);
        scenario_key_format(sc, k, value, sizeof value);
        /* As many digits as show the amount above the limit (9.01e+15,
         * not 9e+15 against a limit of 9e+15). */
        char most[32], amount[32];
        snprintf(most, sizeof most, "%.3g", SCALE_MAX_CENTS / 100.0);
        for (int digits = 3; digits <= 17; digits++) {
            snprintf(amount, sizeof amount, "%.*g", digits, cents / 100.0);
            if (strtod(amount, NULL) > SCALE_MAX_CENTS / 100.0)
                break;
        }
        return hk_error_set(err, HK_EINPUT,
                            "%s%s.%s = %s: scenario too large: up to %s currency units "
                            "could be invoiced (customers x orders x amounts x days); must be "
                            "at most %s, as money is counted in 64-bit cents",
                            at, scenario_key_section(k), scenario_key_name(k), value, amount,
                            most);
    }
    return HK_OK;
}

int scenario_validate(const struct scenario *sc, const char *origin, struct hk_error *err)
{
    return validate(sc, origin, NULL, err);
}

int scenario_validate_change(const struct scenario *sc, const char *section, const char *name,
                             const char *origin, struct hk_error *err)
{
    int key = scenario_key_index(section, name);
    const char *text[1] = {origin};
    struct overrides ov = {text, &key, 1, 1, 0, NULL};
    return validate(sc, origin, key >= 0 ? &ov : NULL, err);
}

/* Length of assignment's key, blanks before the '=' left out; 0 if it
 * has no '=' (apply() says what is wrong with it). */
static size_t key_length(const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    size_t n = eq ? (size_t)(eq - assignment) : 0;
    while (n > 0 && isspace((unsigned char)assignment[n - 1]))
        n--;
    return n;
}

/* Applies "section.key=value", the value checked on its own. */
static int apply(struct scenario *sc, const char *assignment, struct hk_error *err)
{
    const char *eq = strchr(assignment, '=');
    char origin[600];
    snprintf(origin, sizeof origin, "--set %s", assignment);
    char dotted[256];
    size_t n = key_length(assignment);
    if (n == 0 || n >= sizeof dotted)
        return hk_error_set(err, HK_EINPUT, "%s: expected section.key=value", origin);
    memcpy(dotted, assignment, n);
    dotted[n] = '\0';
    return scenario_set_key(sc, dotted, eq + 1, origin, 0, err);
}

/* A key given twice on one command line is refused, as a file refuses
 * it: the last would silently win. */
static int set_once(const char *const *assignments, int i, struct hk_error *err)
{
    size_t n = key_length(assignments[i]);
    for (int j = 0; n > 0 && j < i; j++)
        if (key_length(assignments[j]) == n && strncmp(assignments[j], assignments[i], n) == 0)
            return hk_error_set(err, HK_EINPUT, "--set %s: %.*s is set twice (first by --set "
                                "%s); give each key once", assignments[i], (int)n,
                                assignments[i], assignments[j]);
    return HK_OK;
}

int scenario_assignment_sets(const char *assignment, const char *key)
{
    size_t n = key_length(assignment);
    return n > 0 && strlen(key) == n && strncmp(assignment, key, n) == 0;
}

/* The key index an assignment sets, -1 if none of the fixed keys
 * (a Markov state's row, or no key at all). */
static int assignment_key(const char *assignment)
{
    char dotted[256];
    size_t n = key_length(assignment);
    if (n == 0 || n >= sizeof dotted)
        return -1;
    memcpy(dotted, assignment, n);
    dotted[n] = '\0';
    char *dot = strrchr(dotted, '.');
    if (!dot)
        return -1;
    *dot = '\0';
    return scenario_key_index(dotted, dot + 1);
}

/* Each assignment checked on its own, markov.states before the rest:
 * setting the states starts a new chain, which would wipe a state's
 * row given before it, so the order of the options does not matter. */
static int apply_each(struct scenario *sc, const char *const *assignments, int count,
                      struct hk_error *err)
{
    int rc = HK_OK;
    for (int i = 0; i < count && rc == HK_OK; i++)
        rc = set_once(assignments, i, err);
    for (int states_pass = 1; states_pass >= 0; states_pass--)
        for (int i = 0; i < count && rc == HK_OK; i++)
            if (scenario_assignment_sets(assignments[i], "markov.states") == states_pass) {
                rc = apply(sc, assignments[i], err);
            }
    return rc;
}

/* The cross-key rules after the overrides, blamed as struct overrides
 * says. */
static int validate_overridden(const struct scenario *sc, const char *origin, const char *file,
                               const char *const *assignments, int count, int lines_later,
                               struct hk_error *err)
{
    int *keys = malloc((size_t)count * sizeof *keys);
    if (!keys)
        return hk_error_set(err, HK_EIO, "out of memory");
    for (int i = 0; i < count; i++)
        keys[i] = assignment_key(assignments[i]);
    struct overrides ov = {assignments, keys, count, 0, lines_later, file};
    int rc = validate(sc, origin, &ov, err);
    free(keys);
    return rc;
}

int scenario_set_list(struct scenario *sc, const char *path, const char *const *assignments,
                      int count, struct hk_error *err)
{
    if (count <= 0)
        return HK_OK;
    if (apply_each(sc, assignments, count, err) != HK_OK)
        return err->status;
    /* A rule broken at the file's lines names them in the file. */
    char origin[600];
    snprintf(origin, sizeof origin, "--set %s", assignments[count - 1]);
    return validate_overridden(sc, path ? path : origin, path, assignments, count, 0, err);
}

int scenario_apply_list(struct scenario *sc, const char *const *assignments, int count,
                        struct hk_error *err)
{
    return count > 0 ? apply_each(sc, assignments, count, err) : HK_OK;
}

int scenario_validate_after(const struct scenario *sc, const char *origin,
                            const char *const *assignments, int count, struct hk_error *err)
{
    if (count <= 0)
        return scenario_validate(sc, origin, err);
    return validate_overridden(sc, origin, NULL, assignments, count, 1, err);
}

int scenario_set(struct scenario *sc, const char *assignment, struct hk_error *err)
{
    return apply(sc, assignment, err);
}

int scenario_population_differences(const struct scenario *a, const struct scenario *b,
                                    char *keys, size_t size)
{
    static const char *const SIZING[] = {"sim.days", "sim.warmup_days", "customers.count",
                                         "reps.count", "customers.behaviour"};
    int found = 0;
    size_t used = 0;
    if (size > 0)
        keys[0] = '\0';
    for (size_t k = 0; k < sizeof SIZING / sizeof SIZING[0]; k++) {
        char va[64], vb[64];
        if (scenario_get_key(a, SIZING[k], va, sizeof va) != 0 ||
            scenario_get_key(b, SIZING[k], vb, sizeof vb) != 0 || strcmp(va, vb) == 0)
            continue;
        if (used < size) {
            int n = snprintf(keys + used, size - used, "%s%s", found ? ", " : "", SIZING[k]);
            used += n > 0 ? (size_t)n : 0;
        }
        found++;
    }
    return found;
}
