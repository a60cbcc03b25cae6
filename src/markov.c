/*
 * markov.c — the [markov] section: parsing, checks, writing, absorption.
 */
#include "huikuan/markov.h"

#include <ctype.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void markov_clear(struct markov_params *m)
{
    memset(m, 0, sizeof *m);
    for (int s = 0; s < MARKOV_MAX_STATES; s++)
        m->row_set[s] = -1;
}

static const char *skip_space(const char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

/* The number strtod read, [num, num_end), as a string in
 * text[NUMBER_TEXT_MAX]; 0 if it is longer: more than a line of a
 * scenario holds (SCENARIO_LINE_MAX), as a scalar key's may be. */
enum { NUMBER_TEXT_MAX = 256 };
static int number_text(const char *num, const char *num_end, char *text)
{
    size_t len = (size_t)(num_end - num);
    if (len >= NUMBER_TEXT_MAX)
        return 0;
    memcpy(text, num, len);
    text[len] = '\0';
    return 1;
}

/* The probability strtod read is spelled as every other number in a
 * scenario is: strtod alone takes hexadecimal ("0x.8p0"), which the
 * scalar keys refuse, so a row must too. Nothing read is left to the
 * caller's checks. */
static int plain_number(const char *num, const char *num_end)
{
    char text[NUMBER_TEXT_MAX];
    return num_end == num || (number_text(num, num_end, text) && scenario_decimal_syntax(text));
}

/* 1 if that plain number is a probability, read exactly: 1.00000000000000001
 * is not, though it rounds to 1. */
static int probability_text(const char *num, const char *num_end)
{
    char text[NUMBER_TEXT_MAX];
    return num_end != num && number_text(num, num_end, text) &&
           scenario_decimal_within(text, 0, 1);
}

/* Copies the next name (letters, digits, _) into buf; returns the end. */
static const char *read_name(const char *p, char *buf, size_t size)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    if (n == 0 || n >= size)
        return NULL;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return p + n;
}

static int state_index(const struct markov_params *m, const char *name)
{
    for (int s = 0; s < m->states; s++)
        if (strcmp(m->state[s], name) == 0)
            return s;
    if (strcmp(name, "paid") == 0)
        return MARKOV_PAID(m);
    if (strcmp(name, "bad_debt") == 0)
        return MARKOV_BAD_DEBT(m);
    return -1;
}

int markov_has_state(const struct markov_params *m, const char *name)
{
    int s = state_index(m, name);
    return s >= 0 && s < m->states;
}

int markov_parse_states(struct markov_params *m, const char *text, const char *at,
                        struct hk_error *err)
{
    int period = m->period_days, line = m->states_line;
    markov_clear(m);
    m->period_days = period;
    m->states_line = line;
    const char *p = skip_space(text);
    while (*p) {
        char name[32];
        const char *end = read_name(p, name, sizeof name);
        if (!end)
            return hk_error_set(err, HK_EINPUT, "%smarkov.states = %s: expected a list of "
                                "names (letters, digits, _; up to 31 characters) separated by "
                                "commas", at, text);
        if (strcmp(name, "paid") == 0 || strcmp(name, "bad_debt") == 0)
            return hk_error_set(err, HK_EINPUT, "%smarkov.states: '%s' is an outcome, not a "
                                "state", at, name);
        if (state_index(m, name) >= 0)
            return hk_error_set(err, HK_EINPUT, "%smarkov.states: '%s' listed twice", at, name);
        if (m->states == MARKOV_MAX_STATES)
            return hk_error_set(err, HK_EINPUT, "%smarkov.states: at most %d states", at,
                                MARKOV_MAX_STATES);
        snprintf(m->state[m->states++], sizeof m->state[0], "%s", name);
        p = skip_space(end);
        if (*p == ',') {
            p = skip_space(p + 1);
            if (!*p) /* as ",a" and "a,,b" are: a name was left out */
                return hk_error_set(err, HK_EINPUT, "%smarkov.states = %s: a name is missing "
                                    "after the last ','", at, text);
        } else if (*p) {
            return hk_error_set(err, HK_EINPUT, "%smarkov.states = %s: expected ',' after '%s'",
                                at, text, name);
        }
    }
    if (m->states == 0)
        return hk_error_set(err, HK_EINPUT, "%smarkov.states: no states listed", at);
    return HK_OK;
}

int markov_parse_row(struct markov_params *m, const char *name, const char *text,
                     const char *at, int line, struct hk_error *err)
{
    int from = state_index(m, name);
    if (m->states == 0)
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: no Markov chain to add this row to: "
                            "list markov.states before the rows", at, name);
    if (from < 0 || from >= m->states)
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: not a state listed in markov.states",
                            at, name);
    if (m->row_set[from] >= 0 && line > 0) /* an override (line 0) replaces the row */
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: row given twice", at, name);
    double row[MARKOV_MAX_STATES + 2] = {0};
    int given[MARKOV_MAX_STATES + 2] = {0};
    const char *p = skip_space(text);
    if (!*p)
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: empty row (expected target:probability, "
                            "...)", at, name);
    while (*p) {
        char target[32];
        const char *end = read_name(p, target, sizeof target);
        if (!end || *(end = skip_space(end)) != ':')
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s = %s: expected target:probability, "
                                "... (targets: states, paid, bad_debt)", at, name, text);
        int to = state_index(m, target);
        if (to < 0)
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s: unknown target '%s' (a state in "
                                "markov.states, paid or bad_debt)", at, name, target);
        if (given[to])
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s: target '%s' given twice", at, name,
                                target);
        const char *num = skip_space(end + 1);
        char *num_end;
        double prob = strtod(num, &num_end);
        if (!plain_number(num, num_end))
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s: probability of '%s' = %.*s: not a "
                                "number (must be a number from 0 to 1)", at, name, target,
                                (int)(num_end - num), num);
        if (num_end == num || !isfinite(prob) || !probability_text(num, num_end)) {
            int shown = (int)strcspn(num, ","); /* the item as given, to its comma */
            while (shown > 0 && isspace((unsigned char)num[shown - 1]))
                shown--;
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s: probability of '%s' = %.*s: must "
                                "be a number from 0 to 1", at, name, target, shown, num);
        }
        row[to] = prob;
        given[to] = 1;
        p = skip_space(num_end);
        if (*p == ',') {
            p = skip_space(p + 1);
            if (!*p)
                return hk_error_set(err, HK_EINPUT, "%smarkov.%s = %s: a target is missing "
                                    "after the last ','", at, name, text);
        } else if (*p) {
            return hk_error_set(err, HK_EINPUT, "%smarkov.%s = %s: expected ',' after '%s:%.*s'",
                                at, name, text, target, (int)(num_end - num), num);
        }
    }
    memcpy(m->p[from], row, sizeof row);
    m->row_set[from] = line > 0 ? line : 0;
    return HK_OK;
}

void markov_forget_lines(struct markov_params *m)
{
    m->states_line = 0;
    for (int s = 0; s < MARKOV_MAX_STATES; s++)
        if (m->row_set[s] > 0)
            m->row_set[s] = 0;
}

int markov_validate_row(const struct markov_params *m, int s, const char *origin,
                        struct hk_error *err)
{
    if (m->row_set[s] < 0 && m->states_line > 0)
        return hk_error_set(err, HK_EINPUT, "%s:%d: markov.%s: state listed without a row",
                            origin, m->states_line, m->state[s]);
    if (m->row_set[s] < 0) /* the states came from --set: it starts a new chain */
        return hk_error_set(err, HK_EINPUT, "%s: markov.%s: state listed without a row; "
                            "setting markov.states starts a new chain, so give each state's "
                            "row too (markov.%s=...)", origin, m->state[s], m->state[s]);
    double total = 0;
    for (int t = 0; t < m->states + 2; t++)
        total += m->p[s][t];
    if (fabs(total - 1.0) > 1e-9) {
        char at[4200];
        if (m->row_set[s] > 0)
            snprintf(at, sizeof at, "%s:%d: ", origin, m->row_set[s]);
        else
            snprintf(at, sizeof at, "%s: ", origin);
        return hk_error_set(err, HK_EINPUT, "%smarkov.%s: probabilities sum to %.12g; a row "
                            "must sum to 1", at, m->state[s], total);
    }
    return HK_OK;
}

void markov_write(const struct markov_params *m, FILE *out)
{
    if (m->states == 0)
        return;
    fprintf(out, "states = ");
    for (int s = 0; s < m->states; s++)
        fprintf(out, "%s%s", s ? ", " : "", m->state[s]);
    fprintf(out, "\n");
    for (int s = 0; s < m->states; s++) {
        fprintf(out, "%s = ", m->state[s]);
        int first = 1;
        for (int t = 0; t < m->states + 2; t++) {
            if (m->p[s][t] == 0)
                continue;
            const char *to = t < m->states ? m->state[t] : t == MARKOV_PAID(m) ? "paid" : "bad_debt";
            char num[64];
            scenario_format_real(m->p[s][t], num, sizeof num);
            fprintf(out, "%s%s:%s", first ? "" : ", ", to, num);
            first = 0;
        }
        fprintf(out, "\n");
    }
}

/* The first state from which no path leads to paid or bad_debt, or -1.
 * Reachability, not the size of det(I - Q): a slow chain (thirteen daily
 * states each kept with 0.9) has a tiny determinant and is sound. */
static int never_settles(const struct markov_params *m)
{
    int n = m->states, settles[MARKOV_MAX_STATES] = {0}, grew = 1;
    for (int i = 0; i < n; i++)
        settles[i] = m->p[i][MARKOV_PAID(m)] > 0 || m->p[i][MARKOV_BAD_DEBT(m)] > 0;
    while (grew) {
        grew = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n && !settles[i]; j++)
                if (m->p[i][j] > 0 && settles[j])
                    settles[i] = grew = 1;
    }
    for (int i = 0; i < n; i++)
        if (!settles[i])
            return i;
    return -1;
}

int markov_settle_periods(const struct markov_params *m, double tail, int max_periods)
{
    double left[MARKOV_MAX_STATES] = {1.0}, next[MARKOV_MAX_STATES];
    for (int k = 1; k <= max_periods; k++) {
        double total = 0;
        for (int j = 0; j < m->states; j++) {
            next[j] = 0;
            for (int i = 0; i < m->states; i++)
                next[j] += left[i] * m->p[i][j];
        }
        for (int j = 0; j < m->states; j++)
            total += left[j] = next[j];
        if (total < tail)
            return k;
    }
    return -1;
}

/* (I - Q)^-1 times each of R's two columns into paid and bad and, if
 * periods is not NULL, times a column of ones into periods. */
static int solve_absorbing(const struct markov_params *m, double *paid, double *bad,
                           double *periods, struct hk_error *err)
{
    int n = m->states;
    int stuck = never_settles(m);
    if (stuck >= 0)
        return hk_error_set(err, HK_EINPUT, "state '%s' is never left for paid or bad_debt: "
                            "every state must lead, in time, to paid or bad_debt",
                            m->state[stuck]);
    gsl_matrix *a = gsl_matrix_alloc((size_t)n, (size_t)n);
    gsl_matrix *r = gsl_matrix_alloc((size_t)n, 3);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)n);
    gsl_vector *x = gsl_vector_alloc((size_t)n);
    gsl_vector_view col;
    int rc = HK_OK, sign;
    if (!a || !r || !perm || !x) {
        rc = hk_error_set(err, HK_EIO, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            gsl_matrix_set(a, (size_t)i, (size_t)j, (i == j ? 1.0 : 0.0) - m->p[i][j]);
        gsl_matrix_set(r, (size_t)i, 0, m->p[i][MARKOV_PAID(m)]);
        gsl_matrix_set(r, (size_t)i, 1, m->p[i][MARKOV_BAD_DEBT(m)]);
        gsl_matrix_set(r, (size_t)i, 2, 1.0);
    }
    /* Every state settles, so I - Q is regular in exact arithmetic; but a
     * way out of 1e-17 leaves a row of I - Q that rounds to zero, which
     * GSL would report by aborting the program. */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_linalg_LU_decomp(a, perm, &sign);
    for (int i = 0; i < n && rc == HK_OK; i++)
        if (gsl_matrix_get(a, (size_t)i, (size_t)i) == 0)
            rc = hk_error_set(err, HK_EINPUT, "the chain's ways out to paid or bad_debt are too "
                              "small to tell from 0 in double precision; make paid or "
                              "bad_debt likelier");
    double *out[3] = {paid, bad, periods};
    for (int k = 0; k < 3 && rc == HK_OK; k++) {
        if (!out[k])
            continue;
        col = gsl_matrix_column(r, (size_t)k);
        gsl_linalg_LU_solve(a, perm, &col.vector, x);
        for (int i = 0; i < n; i++)
            out[k][i] = gsl_vector_get(x, (size_t)i);
    }
    gsl_set_error_handler(old);
done:
    gsl_matrix_free(a);
    gsl_matrix_free(r);
    gsl_permutation_free(perm);
    gsl_vector_free(x);
    return rc;
}

int markov_absorption(const struct markov_params *m, double *paid, double *bad,
                      struct hk_error *err)
{
    return solve_absorbing(m, paid, bad, NULL, err);
}

int markov_periods_to_settle(const struct markov_params *m, double *periods,
                             struct hk_error *err)
{
    return solve_absorbing(m, NULL, NULL, periods, err);
}
