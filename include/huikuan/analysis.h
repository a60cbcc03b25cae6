/*
 * analysis.h — the vocabulary of sweep and calibrate: one scenario key
 * (the parameter), the values it takes, and conditions on metrics.
 *
 * Values are carried as text, exactly as they are set in the scenario
 * and written to the CSV files, so that "the value in sweep.csv" and
 * "the value simulated" are the same thing. Generated values are rounded
 * to the key's resolution first: whole numbers for integer keys, cents
 * for money, 12 significant digits for real numbers.
 *
 * Every parse error names the flag, its text and, where there is one,
 * the key or metric, and has status HK_EINPUT.
 */
#ifndef HUIKUAN_ANALYSIS_H
#define HUIKUAN_ANALYSIS_H

#include <stddef.h>
#include "huikuan/error.h"
#include "huikuan/scenario.h"

#define ANALYSIS_VALUE_MAX 64
#define ANALYSIS_MAX_VALUES 10000

struct param_values {
    int count;
    char (*text)[ANALYSIS_VALUE_MAX];  /* [count], in the order given */
    char (*canon)[ANALYSIS_VALUE_MAX]; /* [count], as the scenario then holds each */
};

/* Checks that key names a scenario key to vary: not sim.seed,
 * sim.replications or sim.name, which every value shares, and not one of
 * the set_count --set assignments in sets (its values are given by
 * flag); *type gets its value type (enum scenario_value_type). numeric:
 * refuse keys that take text. */
int analysis_param(const char *flag, const char *key, int numeric, const char *const *sets,
                   int set_count, int *type, struct hk_error *err);

/* --values: "FROM:TO:STEPS" is STEPS evenly spaced values from FROM to
 * TO, both included (STEPS >= 2; numeric keys only); "v1,v2,..." is a
 * list. Values may not repeat. Each value is checked against base (the
 * key's range and the cross-key rules) before anything runs. */
int analysis_parse_values(const char *key, int type, const char *spec,
                          const struct scenario *base, struct param_values *out,
                          struct hk_error *err);
void analysis_values_free(struct param_values *v);

/* Whether key takes a value just beyond x (above it if up, else below:
 * the next at the key's resolution, for a real key the next at 12
 * significant digits, 1e-12 from 0), base otherwise as it is: 0 where x
 * is as far as the key goes that way. */
int analysis_beyond_allowed(const struct scenario *base, const char *key, double x, int up);

/* --range "FROM:TO" with FROM < TO, both valid values of key. */
int analysis_parse_range(const char *key, const char *spec, const struct scenario *base,
                         double *lo, double *hi, struct hk_error *err);

/* x as a value of a key of this type: "%.0f", cents "%.2f", or "%.12g". */
void analysis_format_value(int type, double x, char *buf, size_t size);

/* The resolution of a type: 1 (INT), 0.01 (MONEY), 0 (continuous). */
double analysis_resolution(int type);

/* sc = base with key = text, validated; origin names the source in
 * messages ("--values 0:1:5"). */
int analysis_apply(struct scenario *sc, const struct scenario *base, const char *key,
                   const char *text, const char *origin, struct hk_error *err);

/* ---- conditions on metrics ---------------------------------------------- */

enum analysis_op { OP_LE, OP_LT, OP_GE, OP_GT, OP_EQ };

struct metric_condition {
    int metric;    /* enum metric_id */
    int op;        /* enum analysis_op */
    double bound;
};

/* A metric name ("firm_profit"). */
int analysis_parse_metric(const char *flag, const char *name, int *metric,
                          struct hk_error *err);

/* "METRIC<=X", "METRIC<X", "METRIC>=X", "METRIC>X" (want_eq = 0), or
 * "METRIC=X" (want_eq = 1, a target). Spaces around the parts are fine. */
int analysis_parse_condition(const char *flag, const char *spec, int want_eq,
                             struct metric_condition *out, struct hk_error *err);

/* How far value is from violating c: <= 0 holds for <= and >=, < 0 holds
 * for < and >; for = it is value - bound. NaN if value is NaN. */
double analysis_condition_margin(const struct metric_condition *c, double value);

/* Whether value satisfies c (never for NaN). */
int analysis_condition_holds(const struct metric_condition *c, double value);

/* "comp_cost <= 3500" */
void analysis_condition_text(const struct metric_condition *c, char *buf, size_t size);

#endif
