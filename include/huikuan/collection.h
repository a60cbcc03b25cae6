/*
 * collection.h — the escalation ladder for overdue receivables.
 *
 * Seed 004: act as soon as an invoice is overdue by more than a third of
 * its term (30 -> 40 days, 60 -> 80), then escalate: statement and
 * reconciliation, warning letter, lawyer's letter, stop supply,
 * litigation. A case is a customer with overdue invoices; the rep climbs
 * the ladder one step per contact, as fast as the days past due of the
 * oldest overdue invoice allow. How often the rep makes contact is the
 * rep's collecting effort; where the steps sit is the firm's policy.
 */
#ifndef HUIKUAN_COLLECTION_H
#define HUIKUAN_COLLECTION_H

#include "huikuan/money.h"
#include "huikuan/scenario.h"

enum collection_step {
    STEP_NONE,
    STEP_CALL,
    STEP_VISIT,
    STEP_STATEMENT,      /* statement and reconciliation: starts dispute remedies */
    STEP_WARNING_LETTER,
    STEP_LAWYER_LETTER,  /* legal action begins; supply stops if the policy says so */
    STEP_LITIGATION,     /* filed: judgment after litigation_days */
    STEP_COUNT
};

const char *collection_step_name(int step);

/* Days past due from which a step may be taken, for this term. */
int collection_threshold(const struct collection_params *p, int term_days, int step);

/* The step a contact takes: one above the current, if the days past due
 * allow it, else the current one again (at least a call). */
int collection_next_step(const struct collection_params *p, int term_days, int current,
                         int days_past_due);

cents_t collection_step_cost(const struct collection_params *p, int step);

/* How much a step presses the customer (a call is 1). */
double collection_step_pressure(int step);

/* Share of an insolvent customer's debt recovered when legal action
 * started legal_day and insolvency came insolvent_day: the full
 * insolvency_recovery if action came first (assets preserved), decaying
 * by e every recovery_decay_days of delay after it (seed 000: act early). */
double collection_insolvency_recovery(const struct collection_params *p, int insolvent_day,
                                      int legal_day);

#endif
