/*
 * stats.c — mean, sd, t interval and Poisson interval with GSL.
 */
#include "huikuan/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

static struct stats_summary summarise_kept(const double *kept, size_t n)
{
    struct stats_summary s = {NAN, NAN, NAN, NAN, n};
    if (n == 0)
        return s;
    s.mean = gsl_stats_mean(kept, 1, n);
    if (n < 2)
        return s; /* one value has no spread to show: sd and interval undefined, not 0 */
    s.sd = gsl_stats_sd_m(kept, 1, n, s.mean);
    double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * s.sd / sqrt((double)n);
    s.ci95_low = s.mean - half;
    s.ci95_high = s.mean + half;
    return s;
}

struct stats_summary stats_summarise(const double *values, size_t stride, size_t count,
                                     double *scratch)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (isfinite(values[i * stride]))
            scratch[n++] = values[i * stride];
    return summarise_kept(scratch, n);
}

struct stats_summary stats_summarise_within(const double *values, size_t stride, size_t count,
                                            double *scratch, double lo, double hi)
{
    struct stats_summary s = stats_summarise(values, stride, count, scratch);
    if (s.ci95_low < lo)
        s.ci95_low = lo;
    if (s.ci95_high > hi)
        s.ci95_high = hi;
    return s;
}

/* The p quantile of chi-square with nu degrees of freedom. GSL's
 * inversion stops converging past about 10^5 (a few thousand lawsuits a
 * replication over tens of replications); from 2 10^4 on, Wilson and
 * Hilferty's cube of a normal, within 2 10^-8 of it there, is used. */
static double chisq_quantile(double p, double nu)
{
    if (nu < 2e4)
        return gsl_cdf_chisq_Pinv(p, nu);
    double h = 2.0 / (9.0 * nu), c = 1.0 - h + gsl_cdf_ugaussian_Pinv(p) * sqrt(h);
    return nu * c * c * c;
}

struct stats_summary stats_summarise_events(const double *values, size_t stride, size_t count,
                                            double *scratch, double event)
{
    struct stats_summary s = stats_summarise_within(values, stride, count, scratch, 0.0, INFINITY);
    if (s.n < 2 || !(event > 0))
        return s;
    /* scratch holds the values kept. A rate's event, and so each value
     * over it, is rounded: the total is rounded back to whole events,
     * which also keeps chi2's degrees of freedom at 2 or more. */
    double events = 0;
    for (size_t i = 0; i < s.n; i++)
        events += scratch[i] / event;
    events = round(events);
    double scale = event / (2.0 * (double)s.n);
    double low = events > 0 ? chisq_quantile(0.025, 2.0 * events) * scale : 0.0;
    double high = chisq_quantile(0.975, 2.0 * events + 2.0) * scale;
    s.ci95_low = fmin(s.ci95_low, low);
    s.ci95_high = fmax(s.ci95_high, high);
    return s;
}

struct stats_summary stats_summarise_paired(const double *a, const double *b, size_t stride,
                                            size_t count, double *scratch)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        double d = b[i * stride] - a[i * stride];
        if (isfinite(d))
            scratch[n++] = d;
    }
    return summarise_kept(scratch, n);
}

struct stats_summary stats_summarise_ratio(const double *num, const double *den, size_t stride,
                                           size_t count, double *scratch, double lo, double hi)
{
    double sum_num = 0, sum_den = 0;
    size_t m = 0, k = 0;
    for (size_t i = 0; i < count; i++) {
        double a = num[i * stride], b = den[i * stride];
        if (!isfinite(a) || !isfinite(b))
            continue;
        sum_num += a;
        sum_den += b;
        m++;
        k += b > 0;
    }
    struct stats_summary s = {NAN, NAN, NAN, NAN, k};
    if (k == 0 || sum_den <= 0)
        return s;
    s.mean = sum_num / sum_den;
    if (k < 2)
        return s;
    double mean_den = sum_den / (double)m;
    size_t j = 0;
    for (size_t i = 0; i < count; i++) {
        double a = num[i * stride], b = den[i * stride];
        if (isfinite(a) && isfinite(b))
            scratch[j++] = (a - s.mean * b) / mean_den;
    }
    /* The residuals' mean is 0 by construction of the ratio. */
    s.sd = gsl_stats_sd_m(scratch, 1, m, 0.0);
    double half = gsl_cdf_tdist_Pinv(0.975, (double)(k - 1)) * s.sd / sqrt((double)m);
    s.ci95_low = s.mean - half < lo ? lo : s.mean - half;
    s.ci95_high = s.mean + half > hi ? hi : s.mean + half;
    return s;
}
