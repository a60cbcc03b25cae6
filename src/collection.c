/*
 * collection.c — ladder thresholds, costs, pressure and legal recovery.
 *
 * Thresholds, with E = escalate_after_days (a third of the term by
 * default) and S = step_days:
 *   call 1 day past due, visit E/2, statement E, warning letter E + S,
 *   lawyer's letter E + 3S, litigation E + 6S.
 */
#include "huikuan/collection.h"

#include <math.h>

const char *collection_step_name(int step)
{
    static const char *const names[STEP_COUNT] = {
        "none", "call", "visit", "statement", "warning_letter", "lawyer_letter", "litigation",
    };
    return step >= 0 && step < STEP_COUNT ? names[step] : "?";
}

int collection_threshold(const struct collection_params *p, int term_days, int step)
{
    int e = p->escalate_after_days > 0 ? p->escalate_after_days : (term_days + 2) / 3;
    if (e < 1)
        e = 1;
    switch (step) {
    case STEP_NONE:
        return 0;
    case STEP_CALL:
        return 1;
    case STEP_VISIT:
        return e / 2 > 1 ? e / 2 : 1;
    case STEP_STATEMENT:
        return e;
    case STEP_WARNING_LETTER:
        return e + p->step_days;
    case STEP_LAWYER_LETTER:
        return e + 3 * p->step_days;
    default:
        return e + 6 * p->step_days;
    }
}

int collection_next_step(const struct collection_params *p, int term_days, int current,
                         int days_past_due)
{
    int next = current + 1;
    if (next < STEP_COUNT && days_past_due >= collection_threshold(p, term_days, next))
        return next;
    return current > STEP_CALL ? current : STEP_CALL;
}

cents_t collection_step_cost(const struct collection_params *p, int step)
{
    switch (step) {
    case STEP_CALL:
        return p->cost_call;
    case STEP_VISIT:
        return p->cost_visit;
    case STEP_STATEMENT:
        return p->cost_statement;
    case STEP_WARNING_LETTER:
        return p->cost_warning_letter;
    case STEP_LAWYER_LETTER:
        return p->cost_lawyer_letter;
    case STEP_LITIGATION:
        return p->cost_litigation;
    default:
        return 0;
    }
}

double collection_step_pressure(int step)
{
    static const double pressure[STEP_COUNT] = {0, 1.0, 1.5, 1.2, 2.0, 3.0, 3.0};
    return step >= 0 && step < STEP_COUNT ? pressure[step] : 0;
}

double collection_insolvency_recovery(const struct collection_params *p, int insolvent_day,
                                      int legal_day)
{
    if (legal_day < 0)
        return 0;
    double delay = legal_day > insolvent_day ? (double)(legal_day - insolvent_day) : 0.0;
    return p->insolvency_recovery * exp(-delay / p->recovery_decay_days);
}
