/*
 * customer.h — who the customers are and how they pay.
 *
 * A customer belongs to a segment (the seeds' reasons for paying late).
 * For each invoice the customer decides, when it is issued, how many
 * days after the due date it means to pay and whether it will default;
 * collection contacts can shorten the delay (by the segment's pressure
 * response) or cure a default. Segments where pressure does not help
 * (reporting window, acceptance dispute) have pressure_response 0.
 */
#ifndef HUIKUAN_CUSTOMER_H
#define HUIKUAN_CUSTOMER_H

#include <gsl/gsl_rng.h>
#include <stdint.h>
#include "huikuan/scenario.h"

struct customer {
    int32_t book;       /* rep slot that serves this customer */
    uint8_t segment;    /* enum segment_id */
    int32_t orders;     /* orders placed so far */
};

/* Draws the segment from the scenario's mix (g is a gsl_ran_discrete
 * table built from the shares). */
struct customer_mix;
struct customer_mix *customer_mix_alloc(const struct scenario *sc);
void customer_mix_free(struct customer_mix *mix);
int customer_draw_segment(const struct customer_mix *mix, gsl_rng *rng);

/* Days after the due date the customer means to pay, unpressed. A
 * lognormal with the segment's mean and sd; exactly the mean if sd = 0. */
double customer_draw_delay(const struct segment_params *seg, gsl_rng *rng);

/* Whether this invoice will never be paid voluntarily. */
int customer_draw_default(const struct segment_params *seg, gsl_rng *rng);

/* Outcome of one collection contact on an open overdue invoice. */
struct contact_outcome {
    int cured;          /* a defaulting invoice will be paid after all */
    int32_t pay_day;    /* new intended payment day (unchanged if no effect) */
};

/* strength in [0,1]: the rep's firmness times ramp and book factors.
 * The remaining delay shrinks by pressure_response * strength; a
 * defaulting invoice is cured with probability cure_prob * strength and
 * then paid within a week. */
struct contact_outcome customer_respond_to_contact(const struct segment_params *seg,
                                                   int defaulting, int32_t pay_day,
                                                   int32_t today, double strength,
                                                   gsl_rng *rng);

#endif
