/*
 * scenario.h — a scenario file (INI) turned into a validated struct.
 *
 * scenario.c is the only place that knows key names, types, ranges and
 * defaults. Every other module reads the struct. A struct scenario that
 * scenario_load() or scenario_set_list() returned HK_OK for satisfies
 * every range and cross-key rule documented in scenario_print_keys().
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

/* poisson, regular: customers order at their demand rate. effort: each
 * rep's single account buys once a week output_base + output_per_effort x
 * selling effort + output_sd x N(0,1) — output is effort plus normal noise,
 * the setting of Holmstrom and Milgrom (1987). */
enum order_process { ORDERS_POISSON, ORDERS_REGULAR, ORDERS_EFFORT };
enum base_salary_mode { BASE_FIXED, BASE_PARTICIPATION };
enum factoring_policy { FACTORING_NONE, FACTORING_REPORTING_WINDOW };

#define SCENARIO_MAX_KEYS 256
/* The longest line a scenario file may hold, without its line end (and
 * a comment): what run.ini writes must fit too, to be read back. */
#define SCENARIO_LINE_MAX 198

struct segment_params {
    double share;             /* of customers, shares sum to 1 */
    double delay_mean_days;   /* mean days paid after the due date, unpressed */
    double delay_sd_days;     /* 0 = every invoice exactly delay_mean_days late */
    double default_prob;      /* an invoice is never paid voluntarily */
    double pressure_response; /* share of remaining delay one contact removes */
    double cure_prob;         /* a contact makes a defaulting invoice pay */
    double order_rate_factor; /* multiplies orders.rate_per_month */
    double cash_ratio;        /* 0 = pays on its own schedule; else cash inflow per
                                 pay run / payables falling due (cash-constrained) */
    double leniency_learning; /* how fast it learns that the firm is lax, per week */
    double leniency_delay_factor; /* delay multiplier for a firm it sees as fully lax */
    double dispute_prob;      /* an invoice is blocked by an acceptance dispute */
    double remedy_days;       /* a dispute clears this long after the remedy starts */
    double report_blackout_days; /* holds cash this long before its reporting date */
    double stock_months;      /* holds stock; overstocked above this many months */
    double push_factor;       /* order size growth per unit of extra selling effort */
    double insolvency_hazard; /* per month, times months since distress began */
    double distress_onset_days; /* mean days until distress begins */
    double distress_order_factor; /* orders while distressed (warning sign) */
    double distress_delay_factor; /* payment delays while distressed (warning sign) */
};

/* customers.behaviour = markov: receivables age through states by a
 * transition matrix once per period (Cyert, Davidson and Thompson 1962).
 * Targets are the states, then MARKOV_PAID and MARKOV_BAD_DEBT. */
enum customer_behaviour { BEHAVIOUR_SEGMENTS, BEHAVIOUR_MARKOV };
#define MARKOV_MAX_STATES 16
#define MARKOV_PAID(m) ((m)->states)
#define MARKOV_BAD_DEBT(m) ((m)->states + 1)

struct markov_params {
    int period_days;
    int states;
    char state[MARKOV_MAX_STATES][32];
    double p[MARKOV_MAX_STATES][MARKOV_MAX_STATES + 2]; /* row: from state */
    int row_set[MARKOV_MAX_STATES];                      /* line it came from, or -1 */
    int states_line;
};

struct sim_params {
    int days, warmup_days, replications;
    uint64_t seed;
};

struct firm_params {
    double gross_margin;
    int term_days;
    double cost_of_capital;   /* per year, on receivables */
    int write_off_days;       /* days past due when what is left is written off */
    double credit_limit_months; /* limit = months of expected purchases; 0 = none */
    double new_customer_limit; /* share of the full limit a new customer starts with */
    int rerate_days;          /* credit limit and terms re-rated this often */
    double consignment_share; /* customers on pay-after-sold terms */
    double supplier_value;    /* 0..1: how much customers need the firm's goods */
    cents_t hiring_cost;      /* per replacement rep */
    int factoring;            /* enum factoring_policy */
    double factoring_discount;
    int factoring_after_days; /* overdue days before an invoice is factored */
    int report_period_days;   /* customers' reporting cycle */
    int report_day;           /* day of the cycle the reporting date falls on */
    double cash_discount;     /* off an invoice paid within cash_discount_days of
                                 its issue (seed 004: 現金折扣); 0 = none */
    int cash_discount_days;
};

struct customer_params {
    int count;
    int behaviour;            /* enum customer_behaviour */
    double size_sd;           /* spread of customer size (lognormal, mean 1) */
    int pay_run_days;         /* cash-constrained customers pay in runs this often */
    double other_claims;      /* other suppliers' dues relative to the firm's */
    double exposure_risk;     /* a month of purchases owed adds this many times
                                 default_prob to a new invoice's (seed 001) */
    double cost_of_money;     /* per year: what cash paid early costs a customer,
                                 against a cash discount */
    double priority_value, priority_relationship, priority_pressure, priority_leniency;
};

struct order_params {
    int process; /* enum order_process */
    double rate_per_month;
    cents_t amount_mean, amount_sd;
    int max_per_customer; /* 0 = unlimited */
    double base_demand;   /* share of a customer's orders that come without selling */
    cents_t output_base, output_per_effort, output_sd; /* process = effort, per week */
};

struct collection_params {
    int reminders;            /* reminders a week and three days before due */
    int escalate_after_days;  /* 0 = a third of the term (seed 004) */
    int step_days;            /* days between ladder steps after that */
    int wait_for_reports;     /* the ladder waits while a reporting-window customer
                               * holds its cash for its report (seed 000) */
    cents_t cost_reminder, cost_call, cost_visit, cost_statement;
    cents_t cost_warning_letter, cost_lawyer_letter, cost_litigation;
    int stop_supply;          /* stop shipping from the lawyer's letter on ... */
    cents_t stop_supply_balance; /* ... once this much is overdue (seed 003) */
    cents_t litigation_min_balance; /* smaller cases are not worth a lawsuit */
    int litigation_days;      /* mean days from filing to judgment */
    double litigation_recovery;  /* share a judgment recovers from a solvent customer */
    double insolvency_recovery;  /* share recovered from an insolvent one if acted on early */
    double recovery_decay_days;  /* recovery falls by e each this many days of delay */
    double exchange_discount; /* off a reseller's orders for exchange_days, offered at
                                 the statement to one holding back payment for unsold
                                 stock (seed 000: 交换); 0 = none */
    int exchange_days;
    int instalments;          /* monthly instalments of a plan offered with the lawyer's
                                 letter to a pay-run customer short of cash (seeds 003,
                                 004: 分期付款); 0 = none */
    double instalment_interest; /* a year, simple, on what a plan has yet to collect
                                   (seed 004: 罰息) */
    int repossess;            /* take back the firm's unsold goods before suing or
                                 writing off (seed 004: 收回貨物) */
    double repossess_value;   /* what goods taken back are worth to the firm, a share
                                 of their cost */
};

struct rep_params {
    int count;
    double skill_mean, skill_sd;
    double firmness_mean, firmness_sd;
    double risk_aversion;     /* CARA coefficient per currency unit */
    cents_t effort_cost;      /* weekly cost of effort level 1 in each activity,
                                 on a book of nominal_book customers */
    double nominal_book;      /* customers; a book of n costs n / nominal_book
                                 times as much effort at the same level */
    cents_t outside_option;   /* monthly pay that keeps a rep */
    double quit_prob;         /* per month while below the outside option */
    double base_quit_rate;    /* per year, for reasons outside the model */
    double dismiss_below;     /* a rep selling below this level (skill x
                                 effort, 1 = nominal), two pay periods
                                 running, is let go; 0: never */
    int ramp_days;            /* a new rep reaches full skill */
    double orphan_factor;     /* collection strength on an inherited book */
    double contacts_per_week; /* per overdue customer at collecting effort 1 */
    double screen_power;      /* how well screening finds risky orders */
    double effort_noise;      /* sd of the log of effort around the best response */
};

struct scheme_params {
    cents_t base_salary; /* per month */
    int base_salary_mode; /* enum base_salary_mode: participation = the base that
                             leaves the rep exactly its outside option */
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
    double bonus_collection_target; /* 0: none */
    cents_t bonus_collection_amount; /* per month when the book's collection rate
                                        (scheme_collection_rate) >= target */
};

struct scenario {
    char name[64];
    char path[4096]; /* file it came from, for messages; "" if none */

    struct sim_params sim;

    struct firm_params firm;

    struct customer_params customers;

    struct order_params orders;

    struct collection_params collection;

    struct rep_params reps;

    struct scheme_params scheme;

    struct segment_params segment[SEG_COUNT];

    struct markov_params markov;

    /* Line each key was last set on (0 = default or --set), indexed like
     * the key table in scenario.c; lets cross-key errors name a line. */
    int key_line[SCENARIO_MAX_KEYS];
};

/* Name used in files and keys ("cash_constrained"). */
const char *scenario_segment_name(int segment);

/* The share of a customer's orders that come whatever its rep sells:
 * orders.base_demand, and none under orders.process = effort, whose
 * output is its rep's effort alone. */
static inline double scenario_base_demand(const struct scenario *sc)
{
    return sc->orders.process == ORDERS_EFFORT ? 0.0 : sc->orders.base_demand;
}

/* A customer's order rate over its pace, its rep selling at `own` (skill
 * x ramp x effort): the share that comes anyway, and the rest at `own`
 * (exactly `own` at a share of 0: 0 + 1 x own). */
static inline double scenario_selling_with_base(const struct scenario *sc, double own)
{
    double base = scenario_base_demand(sc);
    return base + (1.0 - base) * own;
}

/* Fills every key with its documented default. */
void scenario_init_defaults(struct scenario *sc);

/* Defaults, then the file at path. The scenario name defaults to the
 * file's base name without ".ini". */
int scenario_load(struct scenario *sc, const char *path, struct hk_error *err);

/* Parses INI text; origin names it in messages. */
int scenario_load_string(struct scenario *sc, const char *text,
                         const char *origin, struct hk_error *err);

/* Applies one "section.key=value" override with the same validation as
 * the file. Rules that span keys (shares summing to 1) are checked by
 * scenario_validate() once all overrides are in, so that several --set
 * can move shares together. */
int scenario_set(struct scenario *sc, const char *assignment, struct hk_error *err);

/* Applies count overrides in order (markov.states first, since it starts
 * a new chain), each checked on its own, then checks the cross-key rules
 * once: overrides that only make sense together (two segment shares) are
 * accepted together. A broken rule is blamed on the
 * last override that touched one of its keys, named after path (the
 * file the scenario came from; NULL: none), else on path's line. A key
 * set twice is refused, as a file refuses it. */
int scenario_set_list(struct scenario *sc, const char *path, const char *const *assignments,
                      int count, struct hk_error *err);

/* scenario_set_list() without the cross-key rules, for a batch: its
 * rows' cells come after the overrides and may bring a rule back (a
 * --set share that every row's share column completes). Check the
 * finished scenario with scenario_validate_after(). */
int scenario_apply_list(struct scenario *sc, const char *const *assignments, int count,
                        struct hk_error *err);

/* The cross-key rules of a scenario given the overrides of
 * scenario_apply_list() and then lines of its own (key_line, a batch
 * row's cells, under origin): a broken rule is blamed on its key's line
 * if one was set, else on the last override touching it, else on
 * origin. */
int scenario_validate_after(const struct scenario *sc, const char *origin,
                            const char *const *assignments, int count, struct hk_error *err);

/* 1 if assignment ("section.key=value", blanks allowed before '=') sets
 * key ("section.key"). */
int scenario_assignment_sets(const char *assignment, const char *key);

/* scenario_validate() of a scenario in which only section.name was just
 * changed (a sweep's or calibration's value): a rule it breaks is blamed
 * on that key, under origin ("--values 0.3,0.4: value 0.4"), not on the
 * file's line that last set another key of the rule. */
int scenario_validate_change(const struct scenario *sc, const char *section, const char *name,
                             const char *origin, struct hk_error *err);

/* Applies "section.key" = value (already split). */
int scenario_set_key(struct scenario *sc, const char *dotted_key,
                     const char *value, const char *origin, int line,
                     struct hk_error *err);

/* 1 if text is a plain decimal number ([+-]digits[.digits][e[+-]digits]),
 * the only spelling of numbers in a scenario: no hexadecimal, nan or inf. */
int scenario_decimal_syntax(const char *text);

/* 1 if the plain decimal text lies in [lo, hi], the bounds read as the
 * shortest decimals they are (0.01, 1). Exact, not after rounding to a
 * double: 1.00000000000000001 is above 1, -1e-400 below 0. */
int scenario_decimal_within(const char *text, double lo, double hi);

/* v as a plain decimal with the fewest decimals that reads back as the
 * very same double (0.03, not 0.029999999999999999; 20, not 2e+01), as
 * run.ini and a [markov] row write numbers; %.17g past 20 decimals. */
void scenario_format_real(double v, char *buf, size_t size);

/* The rules that span keys: segment shares sum to 1; the reporting day
 * falls within its period; the effort order
 * process has one account per rep, and a participation base needs it; a
 * transfer price above 0 under any liability; and a scale that 64-bit
 * cents can count (what a run could invoice at most 1e12 currency units). */

int scenario_validate(const struct scenario *sc, const char *origin,
                      struct hk_error *err);

/* On a common seed, replication r of two scenarios draws the same random
 * numbers for the same customer and rep; whether they then have the same
 * customers, reps and horizon depends on the keys that size them
 * (sim.days, sim.warmup_days, customers.count, reps.count,
 * customers.behaviour). Writes those on which b differs from a into keys,
 * comma-separated (cut to size; keys may be NULL with size 0), and
 * returns how many. */
int scenario_population_differences(const struct scenario *a, const struct scenario *b,
                                    char *keys, size_t size);

/* Writes the fully resolved scenario as INI, loadable by scenario_load. */
int scenario_write_ini(const struct scenario *sc, FILE *out);

/* The index-th key of the fixed table (the [markov] states' rows aside)
 * as "section.key" into buf; -1 past the last. For listing every key. */
int scenario_key_dotted(int index, char *buf, size_t size);

/* Formats the value of "section.key" as it would appear in the file. */
int scenario_get_key(const struct scenario *sc, const char *dotted_key,
                     char *buf, size_t size);

/* What kind of value "section.key" takes, for commands that generate
 * values (sweep, calibrate): whole numbers, real numbers, money (cents),
 * or anything else (names, choices, seeds). -1 if there is no such key. */
enum scenario_value_type {
    SCENARIO_VALUE_INT,
    SCENARIO_VALUE_REAL,
    SCENARIO_VALUE_MONEY,
    SCENARIO_VALUE_TEXT
};
int scenario_key_value_type(const char *dotted_key);

/* What "section.key" allows, as its refusals and `huikuan keys` say it
 * ("an integer from 2 to 1000000"), into buf; -1 if there is no such key. */
int scenario_key_allowed(const char *dotted_key, char *buf, size_t size);

/* Whether "section.key" names a key of the [markov] chain: markov.states,
 * a state's row (markov.STATE, which no table lists), or
 * markov.period_days. */
int scenario_is_chain_key(const char *dotted_key);

/* Lists every key with its type, range and default (for --help-keys). */
void scenario_print_keys(FILE *out);

#endif
