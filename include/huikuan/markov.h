/*
 * markov.h — receivable ageing as an absorbing Markov chain
 * (Cyert, Davidson and Thompson, 1962).
 *
 * A scenario's [markov] section lists the ageing states and, for each,
 * where an invoice in it goes one period later:
 *
 *     [markov]
 *     period_days = 30
 *     states = current, d30, d60, d90
 *     current = paid:0.70, d30:0.30
 *     d30 = paid:0.50, d60:0.45, bad_debt:0.05
 *
 * Targets are states, `paid` or `bad_debt`; each row sums to 1 (within
 * 1e-9). With Q the state-to-state block and R the state-to-absorbing
 * block, the probability of ending paid or written off from each state is
 * B = (I - Q)^-1 R, which markov_absorption() computes with GSL's LU
 * decomposition.
 */
#ifndef HUIKUAN_MARKOV_H
#define HUIKUAN_MARKOV_H

#include <stdio.h>
#include "huikuan/error.h"
#include "huikuan/scenario.h"

void markov_clear(struct markov_params *m);

/* "current, d30, d60": names of letters, digits and _ ; at most
 * MARKOV_MAX_STATES, none named paid or bad_debt, none twice. Clears any
 * rows given before. at: "file:line: " for messages. */
int markov_parse_states(struct markov_params *m, const char *text, const char *at,
                        struct hk_error *err);

/* Whether `name` is one of the states listed in markov.states. */
int markov_has_state(const struct markov_params *m, const char *name);

/* The row of state `name`: "paid:0.70, d30:0.30". */
int markov_parse_row(struct markov_params *m, const char *name, const char *text,
                     const char *at, int line, struct hk_error *err);

/* Forgets the file lines the states and rows came from, keeping which
 * rows were given: once a grid row or --set changes the chain, a line of
 * the file is no longer where a problem with it lies, and a later value
 * replaces the file's as an override does. */
void markov_forget_lines(struct markov_params *m);

/* State s has a row, and it sums to 1. origin: "file" for messages. */
int markov_validate_row(const struct markov_params *m, int s, const char *origin,
                        struct hk_error *err);

/* Writes the section as it would be read back. */
void markov_write(const struct markov_params *m, FILE *out);

/* paid[s], bad[s]: probability that an invoice now in state s ends paid,
 * written off. HK_EINPUT if from some state no path leads to paid or
 * bad_debt (I - Q is then singular). */
int markov_absorption(const struct markov_params *m, double *paid, double *bad,
                      struct hk_error *err);

/* periods[s]: the expected number of periods an invoice now in state s
 * has still to go before it ends paid or written off, (I - Q)^-1 1 (the
 * period it is in counted). Errors as markov_absorption(). */
int markov_periods_to_settle(const struct markov_params *m, double *periods,
                             struct hk_error *err);

/* A run runs off until an invoice of the horizon's last day is settled
 * but for this probability, within at most MARKOV_RUNOFF_MAX_DAYS (a
 * chain slower than that is refused): markov.csv's shares then leave
 * out no invoice that counts. */
#define MARKOV_SETTLED_TAIL 1e-9
#define MARKOV_RUNOFF_MAX_DAYS 200000

/* Periods after which an invoice entering the first state is still
 * unsettled with probability below tail; -1 if not within max_periods. */
int markov_settle_periods(const struct markov_params *m, double tail, int max_periods);

#endif
