/*
 * scenario.h — a scenario file (INI) turned into a validated struct.
 *
 * scenario.c is the only place that knows key names, types, ranges and
 * defaults. Every other module reads the struct. A struct scenario that
 * scenario_load() or scenario_set() returned HK_OK for satisfies every
 * range and cross-key rule documented in scenario_print_keys().
 */
#ifndef HUIKUAN_SCENARIO_H
#define HUIKUAN_SCENARIO_H

#include <stdint.h>
#include <stdio.h>
#include "huikuan/error.h"
#include "huikuan/money.h"

/* Customer segments, from the seeds' reasons for paying late. */
enum segment_id {
    SEG_PROMPT,
    SEG_CASH_CONSTRAINED,
    SEG_REPORTING_WINDOW,
    SEG_OVERSTOCKED,
    SEG_DISPUTED,
    SEG_DISTRESSED,
    SEG_STRATEGIC,
    SEG_COUNT
};

enum order_process { ORDERS_POISSON, ORDERS_REGULAR };

#define SCENARIO_MAX_KEYS 160

struct segment_params {
    double share;             /* of customers, shares sum to 1 */
    double delay_mean_days;   /* mean days paid after the due date, unpressed */
    double delay_sd_days;     /* 0 = every invoice exactly delay_mean_days late */
    double default_prob;      /* an invoice is never paid voluntarily */
    double recovery_share;    /* recovered by legal action at write-off */
    double pressure_response; /* share of remaining delay one contact removes */
    double cure_prob;         /* a contact makes a defaulting invoice pay */
    double order_rate_factor; /* multiplies orders.rate_per_month */
};

struct sim_params {
    int days, warmup_days, replications;
    uint64_t seed;
};

struct firm_params {
    double gross_margin;
    int term_days;
    double cost_of_capital; /* per year, on receivables */
    cents_t collection_action_cost;
    int write_off_days;     /* days past due when the rest is written off */
    cents_t credit_limit;   /* per customer outstanding; 0 = none */
};

struct customer_params {
    int count;
};

struct order_params {
    int process; /* enum order_process */
    double rate_per_month;
    cents_t amount_mean, amount_sd;
    int max_per_customer; /* 0 = unlimited */
};

struct rep_params {
    int count;
    double skill_mean, skill_sd;
    double firmness_mean, firmness_sd;
    double risk_aversion;     /* CARA coefficient per currency unit */
    cents_t effort_cost;      /* per month of full collecting effort */
    cents_t outside_option;   /* monthly pay that keeps a rep */
    double quit_prob;         /* per month while below the outside option */
    double base_quit_rate;    /* per year, for reasons outside the model */
    int ramp_days;            /* a new rep reaches full skill */
    double orphan_factor;     /* collection strength on an inherited book */
    double contacts_per_week; /* per overdue invoice, at full collecting */
    double screen_power;      /* how well screening finds risky orders */
    double effort_noise;      /* logit temperature of the effort choice */
};

struct scheme_params {
    cents_t base_salary; /* per month */
    double commission_sales;
    double commission_collected;
    double penalty_daily_rate;
    int penalty_grace_days;
    cents_t penalty_cap; /* per rep per month; 0 = no cap */
    double clawback_share;
    double liability_share;
    double transfer_price; /* share of invoice value the liability is charged at */
    double bonus_dso_target_days;
    cents_t bonus_dso_amount; /* per month when the book's DSO <= target */
};

struct scenario {
    char name[64];
    char path[4096]; /* file it came from, for messages; "" if none */

    struct sim_params sim;

    struct firm_params firm;

    struct customer_params customers;

    struct order_params orders;

    struct rep_params reps;

    struct scheme_params scheme;

    struct segment_params segment[SEG_COUNT];

    /* Line each key was last set on (0 = default or --set), indexed like
     * the key table in scenario.c; lets cross-key errors name a line. */
    int key_line[SCENARIO_MAX_KEYS];
};

/* Name used in files and keys ("cash_constrained"). */
const char *scenario_segment_name(int segment);

/* Fills every key with its documented default. */
void scenario_init_defaults(struct scenario *sc);

/* Defaults, then the file at path. The scenario name defaults to the
 * file's base name without ".ini". */
int scenario_load(struct scenario *sc, const char *path, struct hk_error *err);

/* Parses INI text; origin names it in messages. */
int scenario_load_string(struct scenario *sc, const char *text,
                         const char *origin, struct hk_error *err);

/* Applies one "section.key=value" override with the same validation as
 * the file, then re-checks the cross-key rules. */
int scenario_set(struct scenario *sc, const char *assignment, struct hk_error *err);

/* Applies count overrides in order (later ones win), each checked on its
 * own, then checks the cross-key rules once: overrides that only make
 * sense together (two segment shares) are accepted together. A broken
 * rule is blamed on the last override that touched one of its keys. */
int scenario_set_list(struct scenario *sc, const char *const *assignments, int count,
                      struct hk_error *err);

/* Applies "section.key" = value (already split). */
int scenario_set_key(struct scenario *sc, const char *dotted_key,
                     const char *value, const char *origin, int line,
                     struct hk_error *err);

/* The rules that span keys: segment shares sum to 1, a transfer price
 * above 0 under any liability, and a scale that 64-bit cents can count
 * (what a run could invoice at most 1e12 currency units). */
int scenario_validate(const struct scenario *sc, const char *origin,
                      struct hk_error *err);

/* Writes the fully resolved scenario as INI, loadable by scenario_load. */
int scenario_write_ini(const struct scenario *sc, FILE *out);

/* Formats the value of "section.key" as it would appear in the file. */
int scenario_get_key(const struct scenario *sc, const char *dotted_key,
                     char *buf, size_t size);

/* Lists every key with its type, range and default (for --help-keys). */
void scenario_print_keys(FILE *out);

#endif
