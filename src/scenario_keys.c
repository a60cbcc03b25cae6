/*
 * scenario_keys.c — every scenario key: section, name, type, range and
 * default. The defaults are the README's; each preset in scenarios/ says
 * where the values it changes come from.
 */
#include "huikuan/scenario.h"
#include "scenario_keys.h"

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

const struct key_spec SCENARIO_KEYS[] = {
    {"sim", "name", KT_NAME, F(name), 1, 63, "scenario", NULL},
    I("sim", "days", sim.days, 1, 3650, "365"),
    I("sim", "warmup_days", sim.warmup_days, 0, 3650, "730"),
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
     "none|reporting_window"},
    D("firm", "factoring_discount", firm.factoring_discount, 0, 1, "0.02"),
    I("firm", "factoring_after_days", firm.factoring_after_days, 0, 3650, "10"),
    I("firm", "report_period_days", firm.report_period_days, 1, 3650, "365"),
    I("firm", "report_day", firm.report_day, 0, 3649, "0"),
    D("firm", "cash_discount", firm.cash_discount, 0, 0.5, "0"),
    I("firm", "cash_discount_days", firm.cash_discount_days, 1, 365, "10"),

    I("customers", "count", customers.count, 1, 10000000, "400"),
    {"customers", "behaviour", KT_ENUM, F(customers.behaviour), 0, 0, "segments",
     "segments|markov"},
    D("customers", "size_sd", customers.size_sd, 0, 10, "0.5"),
    I("customers", "pay_run_days", customers.pay_run_days, 1, 365, "7"),
    D("customers", "other_claims", customers.other_claims, 0, 100, "3"),
    D("customers", "exposure_risk", customers.exposure_risk, 0, 100, "0"),
    D("customers", "cost_of_money", customers.cost_of_money, 0, 10, "0.12"),
    D("customers", "priority_value", customers.priority_value, 0, 100, "1"),
    D("customers", "priority_relationship", customers.priority_relationship, 0, 100, "1"),
    D("customers", "priority_pressure", customers.priority_pressure, 0, 100, "1"),
    D("customers", "priority_leniency", customers.priority_leniency, 0, 100, "1"),

    {"orders", "process", KT_ENUM, F(orders.process), 0, 0, "poisson", "poisson|regular|effort"},
    D("orders", "rate_per_month", orders.rate_per_month, 0, 30, "2.0"),
    M("orders", "amount_mean", orders.amount_mean, 0.01, 1e10, "5000.00"),
    M("orders", "amount_sd", orders.amount_sd, 0, 1e10, "3000.00"),
    I("orders", "max_per_customer", orders.max_per_customer, 0, 1000000, "0"),
    D("orders", "base_demand", orders.base_demand, 0, 1, "0"),
    M("orders", "output_base", orders.output_base, 0, 1e9, "5000.00"),
    M("orders", "output_per_effort", orders.output_per_effort, 0, 1e9, "1000.00"),
    M("orders", "output_sd", orders.output_sd, 0, 1e9, "1000.00"),

    B("collection", "reminders", collection.reminders, "yes"),
    I("collection", "escalate_after_days", collection.escalate_after_days, 0, 3650, "0"),
    I("collection", "step_days", collection.step_days, 1, 3650, "15"),
    B("collection", "wait_for_reports", collection.wait_for_reports, "yes"),
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
    I("collection", "litigation_days", collection.litigation_days, 1, 3650, "330"),
    D("collection", "litigation_recovery", collection.litigation_recovery, 0, 1, "0.1"),
    D("collection", "insolvency_recovery", collection.insolvency_recovery, 0, 1, "0.5"),
    D("collection", "recovery_decay_days", collection.recovery_decay_days, 1, 36500, "90"),
    D("collection", "exchange_discount", collection.exchange_discount, 0, 0.5, "0"),
    I("collection", "exchange_days", collection.exchange_days, 1, 730, "180"),
    I("collection", "instalments", collection.instalments, 0, 36, "0"),
    D("collection", "instalment_interest", collection.instalment_interest, 0, 1, "0"),
    B("collection", "repossess", collection.repossess, "no"),
    D("collection", "repossess_value", collection.repossess_value, 0, 1, "0.8"),

    I("reps", "count", reps.count, 1, 1000000, "20"),
    D("reps", "skill_mean", reps.skill_mean, 0.01, 10, "1.0"),
    D("reps", "skill_sd", reps.skill_sd, 0, 10, "0.2"),
    D("reps", "firmness_mean", reps.firmness_mean, 0, 1, "0.6"),
    D("reps", "firmness_sd", reps.firmness_sd, 0, 1, "0.2"),
    D("reps", "risk_aversion", reps.risk_aversion, 0, 1, "0.00005"),
    M("reps", "effort_cost", reps.effort_cost, 0.01, 1e9, "1000.00"),
    D("reps", "nominal_book", reps.nominal_book, 1, 100000, "20"),
    M("reps", "outside_option", reps.outside_option, 0, 1e9, "3000.00"),
    D("reps", "quit_prob", reps.quit_prob, 0, 1, "0.15"),
    D("reps", "base_quit_rate", reps.base_quit_rate, 0, 10, "0.10"),
    D("reps", "dismiss_below", reps.dismiss_below, 0, 1, "0.25"),
    I("reps", "ramp_days", reps.ramp_days, 0, 3650, "90"),
    D("reps", "orphan_factor", reps.orphan_factor, 0, 1, "0.5"),
    D("reps", "contacts_per_week", reps.contacts_per_week, 0, 7, "2.0"),
    D("reps", "screen_power", reps.screen_power, 0, 100, "1.0"),
    D("reps", "effort_noise", reps.effort_noise, 0, 10, "0.2"),

    M("scheme", "base_salary", scheme.base_salary, 0, 1e9, "4000.00"),
    {"scheme", "base_salary_mode", KT_ENUM, F(scheme.base_salary_mode), 0, 0, "fixed",
     "fixed|participation"},
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
    D("scheme", "bonus_collection_target", scheme.bonus_collection_target, 0, 1, "0"),
    M("scheme", "bonus_collection_amount", scheme.bonus_collection_amount, 0, 1e9, "0.00"),

    /*                                            share  dmean dsd  dflt    press cure  rate cash lrn  lenf disp  rem  blk stock push hazard onset dof  ddf */
    SEGMENT_KEYS(SEG_PROMPT, "segment.prompt", "0.30", "3", "5", "0.01", "0.5", "0.3", "1.0", "0", "0", "1", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_CASH_CONSTRAINED, "segment.cash_constrained", "0.20", "5", "5", "0.02", "0.3", "0.3", "1.0", "0.95", "0.05", "1", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_REPORTING_WINDOW, "segment.reporting_window", "0.15", "10", "10", "0.01", "0", "0.2", "1.0", "0", "0", "1", "0.01", "30", "120", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_OVERSTOCKED, "segment.overstocked", "0.10", "20", "20", "0.04", "0.2", "0.3", "1.0", "0", "0", "1", "0.01", "30", "0", "1.5", "1.0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_DISPUTED, "segment.disputed", "0.07", "10", "10", "0.03", "0", "0.2", "0.8", "0", "0", "1", "0.4", "90", "0", "0", "0", "0", "0", "1", "1"),
    SEGMENT_KEYS(SEG_DISTRESSED, "segment.distressed", "0.06", "40", "40", "0.10", "0.2", "0.2", "0.8", "0", "0", "1", "0.01", "30", "0", "0", "0", "0.05", "120", "0.4", "2.5"),
    SEGMENT_KEYS(SEG_STRATEGIC, "segment.strategic", "0.12", "30", "25", "0.04", "0.5", "0.35", "1.0", "0", "0.1", "3", "0.01", "30", "0", "0", "0", "0", "0", "1", "1"),

    /* customers.behaviour = markov: also `states = a, b, ...` and one row
     * per state, `a = paid:0.7, b:0.3` (see markov.h). */
    I("markov", "period_days", markov.period_days, 1, 3650, "30"),
};
#undef F


static const char *const SEGMENT_NAMES[SEG_COUNT] = {
    "prompt", "cash_constrained", "reporting_window", "overstocked",
    "disputed", "distressed", "strategic",
};

const char *scenario_segment_name(int segment)
{
    return segment >= 0 && segment < SEG_COUNT ? SEGMENT_NAMES[segment] : "?";
}


const int SCENARIO_KEY_COUNT = sizeof SCENARIO_KEYS / sizeof SCENARIO_KEYS[0];
_Static_assert(sizeof SCENARIO_KEYS / sizeof SCENARIO_KEYS[0] <= SCENARIO_MAX_KEYS,
               "raise SCENARIO_MAX_KEYS");
