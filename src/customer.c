/*
 * customer.c — segment mix, payment delays, defaults, response to contacts.
 */
#include "huikuan/customer.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

struct customer_mix {
    gsl_ran_discrete_t *table;
};

struct customer_mix *customer_mix_alloc(const struct scenario *sc)
{
    struct customer_mix *mix = malloc(sizeof *mix);
    if (!mix)
        return NULL;
    double shares[SEG_COUNT];
    for (int s = 0; s < SEG_COUNT; s++)
        shares[s] = sc->segment[s].share;
    mix->table = gsl_ran_discrete_preproc(SEG_COUNT, shares);
    if (!mix->table) {
        free(mix);
        return NULL;
    }
    return mix;
}

void customer_mix_free(struct customer_mix *mix)
{
    if (!mix)
        return;
    gsl_ran_discrete_free(mix->table);
    free(mix);
}

int customer_draw_segment(const struct customer_mix *mix, gsl_rng *rng)
{
    return (int)gsl_ran_discrete(rng, mix->table);
}

double customer_draw_delay(const struct segment_params *seg, gsl_rng *rng)
{
    double m = seg->delay_mean_days, s = seg->delay_sd_days;
    if (m <= 0)
        return 0;
    if (s <= 0)
        return m;
    /* Lognormal parameterised by its own mean and sd. */
    double sigma2 = log1p((s * s) / (m * m));
    return gsl_ran_lognormal(rng, log(m) - 0.5 * sigma2, sqrt(sigma2));
}

int customer_draw_default(const struct segment_params *seg, gsl_rng *rng)
{
    return seg->default_prob > 0 && gsl_rng_uniform(rng) < seg->default_prob;
}

struct contact_outcome customer_respond_to_contact(const struct segment_params *seg,
                                                   int defaulting, int32_t pay_day,
                                                   int32_t today, double strength,
                                                   gsl_rng *rng)
{
    struct contact_outcome out = {0, pay_day};
    if (defaulting) {
        if (seg->cure_prob > 0 && gsl_rng_uniform(rng) < seg->cure_prob * strength) {
            out.cured = 1;
            out.pay_day = today + 1 + (int32_t)gsl_rng_uniform_int(rng, 7);
        }
        return out;
    }
    if (pay_day > today && seg->pressure_response > 0) {
        double remaining = (double)(pay_day - today);
        double shrunk = remaining * (1.0 - seg->pressure_response * strength);
        out.pay_day = today + (int32_t)ceil(shrunk);
        if (out.pay_day <= today)
            out.pay_day = today + 1;
    }
    return out;
}
