/*
 * stats.c — mean, sd, skewness-corrected t interval and Poisson interval
 * with GSL.
 */
#include "huikuan/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

/* An interval's tails: what lies below its low end and above its high
 * end, written out so that the 95 % interval's quantiles stay the very
 * numbers they were (1 - 0.975 is not 0.025 in binary). */
struct tails {
    double low, high; /* probabilities: 0.025 and 0.975 for 95 % */
};

static const struct tails TAILS_95 = {0.025, 0.975};
/* Two intervals at 97.5 % hold together at least 95 % of the time. */
static const struct tails TAILS_975 = {0.0125, 0.9875};

/* T = (mean - mu) / sd is skewed where the values are: a few large
 * losses among many small ones put the mean's misses on their side, and
 * the symmetric t interval covers less often than it says. Hall's (1992)
 * transformation g(T) = T + skew T^2 / 3 + skew^2 T^3 / 27 + skew / 6n
 * removes the first-order skewness of T, so g(T) is read against
 * t(n - 1) / sqrt(n); g is monotone, and
 *   g^-1(y) = (3 / skew) (cbrt(1 + skew x) - 1),  x = y - skew / 6n,
 * written as 3x / (c^2 + c + 1) with c = cbrt(1 + skew x), which holds
 * at skew 0 too (the t interval) and loses nothing when skew is tiny.
 * At T = -3 / skew g is flat (its slope (1 + skew T / 3)^2 is 0), and
 * past it the first-order correction no longer stands for anything: a
 * few events among many zeros read there gave an end that fell as the
 * events grew (20 values, 2 events: 0.70; 3: 0.45). The end is held at
 * that point, where g^-1 reaches it continuously (1 + skew x = 0). */
static double hall_inverse(double y, double skew, double n)
{
    double x = y - skew / (6.0 * n);
    double c = cbrt(fmax(0.0, 1.0 + skew * x));
    return c == 0 ? -3.0 / skew : 3.0 * x / (c * c + c + 1.0);
}

/* The interval for a mean from the n values' mean, sd and skewness. */
static void hall_interval(struct stats_summary *s, double skew, size_t count, double df,
                          struct tails at)
{
    double n = (double)count, root_n = sqrt(n);
    if (!isfinite(skew) || !(s->sd > 0))
        skew = 0; /* all alike: no skewness to correct */
    double q_low = gsl_cdf_tdist_Pinv(at.low, df), q_high = gsl_cdf_tdist_Pinv(at.high, df);
    s->ci95_low = s->mean - s->sd * hall_inverse(q_high / root_n, skew, n);
    s->ci95_high = s->mean - s->sd * hall_inverse(q_low / root_n, skew, n);
}

/* What the interval reads of the values' shape: their skewness
 * (Hall's interval), or not (the symmetric t interval, for counts of
 * events, whose skew the Poisson bound beside it answers for). */
enum shape { SKEWED, SYMMETRIC };

static struct stats_summary summarise_kept_at(const double *kept, size_t n, struct tails at,
                                              enum shape shape)
{
    struct stats_summary s = {NAN, NAN, NAN, NAN, n};
    if (n == 0)
        return s;
    s.mean = gsl_stats_mean(kept, 1, n);
    if (n < 2)
        return s; /* one value has no spread to show: sd and interval undefined, not 0 */
    s.sd = gsl_stats_sd_m(kept, 1, n, s.mean);
    double skew = shape == SKEWED && s.sd > 0 ? gsl_stats_skew_m_sd(kept, 1, n, s.mean, s.sd) : 0.0;
    hall_interval(&s, skew, n, (double)(n - 1), at);
    return s;
}

static struct stats_summary summarise_kept(const double *kept, size_t n)
{
    return summarise_kept_at(kept, n, TAILS_95, SKEWED);
}

/* The finite values[i * stride] into scratch; how many. */
static size_t keep_finite(const double *values, size_t stride, size_t count, double *scratch)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (isfinite(values[i * stride]))
            scratch[n++] = values[i * stride];
    return n;
}

struct stats_summary stats_summarise(const double *values, size_t stride, size_t count,
                                     double *scratch)
{
    return summarise_kept(scratch, keep_finite(values, stride, count, scratch));
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

/* The p quantile of chi-square with nu >= 2 degrees of freedom, found
 * by Newton's method (GSL's root solver) on the distribution function
 * from Wilson and Hilferty's cube of a normal, which is already within
 * 10^-4 of it at nu = 100, and is taken as it is from 2 10^5 on, where
 * it is within 10^-9. gsl_cdf_chisq_Pinv is not
 * used: its own inversion gives up, and by default aborts, at scattered
 * degrees of freedom from about 2,300 on (GSL 2.7), a total of some
 * 1,200 lawsuits over a run's replications. */
struct chisq_root {
    double p, nu;
};

static double chisq_gap(double x, void *params)
{
    const struct chisq_root *r = params;
    return gsl_cdf_chisq_P(x, r->nu) - r->p;
}

static double chisq_slope(double x, void *params)
{
    const struct chisq_root *r = params;
    return gsl_ran_chisq_pdf(x, r->nu);
}

static void chisq_gap_and_slope(double x, void *params, double *f, double *df)
{
    *f = chisq_gap(x, params);
    *df = chisq_slope(x, params);
}

double stats_chisq_quantile(double p, double nu)
{
    double h = 2.0 / (9.0 * nu), c = 1.0 - h + gsl_cdf_ugaussian_Pinv(p) * sqrt(h);
    double x = c > 0.1 ? nu * c * c * c : 1e-3 * nu; /* a start on the right side of 0 */
    if (nu >= 2e5)
        return x; /* within 10^-9 of it: no digit shown would change */
    struct chisq_root params = {p, nu};
    gsl_function_fdf fdf = {chisq_gap, chisq_slope, chisq_gap_and_slope, &params};
    gsl_root_fdfsolver *solver = gsl_root_fdfsolver_alloc(gsl_root_fdfsolver_newton);
    if (!solver)
        return NAN;
    gsl_root_fdfsolver_set(solver, &fdf, x);
    for (int i = 0; i < 100; i++) {
        double before = x;
        if (gsl_root_fdfsolver_iterate(solver) != GSL_SUCCESS)
            break;
        x = gsl_root_fdfsolver_root(solver);
        if (!(x > 0)) /* overshot past 0: halve the way there instead */
            x = 0.5 * before;
        if (x != gsl_root_fdfsolver_root(solver))
            gsl_root_fdfsolver_set(solver, &fdf, x);
        if (gsl_root_test_delta(x, before, 0.0, 1e-13) == GSL_SUCCESS)
            break;
    }
    gsl_root_fdfsolver_free(solver);
    return x;
}

/* The p quantile of Beta(a, b). GSL's gsl_cdf_beta_Pinv fails to
 * converge for some (seen at a few events against hundreds, where its
 * error handler aborts the program); its CDF is sound, and the quantile
 * lies in [0, 1], so Brent's method on CDF - p over that bracket. */
struct beta_root {
    double p, a, b;
};

static double beta_gap(double x, void *params)
{
    const struct beta_root *r = params;
    return gsl_cdf_beta_P(x, r->a, r->b) - r->p;
}

static double beta_quantile(double p, double a, double b)
{
    struct beta_root params = {p, a, b};
    gsl_function f = {beta_gap, &params};
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!solver)
        return NAN;
    double x = NAN;
    if (gsl_root_fsolver_set(solver, &f, 0.0, 1.0) == GSL_SUCCESS) {
        for (int i = 0; i < 200; i++) {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS)
                break;
            x = gsl_root_fsolver_root(solver);
            if (gsl_root_test_interval(gsl_root_fsolver_x_lower(solver),
                                       gsl_root_fsolver_x_upper(solver), 1e-15, 1e-13) == GSL_SUCCESS)
                break;
        }
    }
    gsl_root_fsolver_free(solver);
    return x;
}

static struct stats_summary summarise_events_at(const double *values, size_t stride,
                                                size_t count, double *scratch, double event,
                                                struct tails at)
{
    /* Events few and one at a time are skewed, and Hall's reading of a
     * handful among many zeros is wider than Garwood's and falls as they
     * grow (20 values, 2 events: 0.47; 3: 0.45): the Poisson interval
     * answers for that skew, beside the symmetric t interval for events
     * that cluster. */
    size_t n = keep_finite(values, stride, count, scratch);
    struct stats_summary s = summarise_kept_at(scratch, n, at, event > 0 ? SYMMETRIC : SKEWED);
    if (s.ci95_low < 0)
        s.ci95_low = 0;
    if (s.n < 2 || !(event > 0))
        return s;
    /* scratch holds the values kept. A rate's event, and so each value
     * over it, is rounded: the total is rounded back to whole events,
     * which also keeps chi2's degrees of freedom at 2 or more. */
    double events = 0;
    for (size_t i = 0; i < s.n; i++)
        events += scratch[i] / event;
    events = round(events);
    if (!(events >= 0) || !isfinite(events)) { /* not counts: no Poisson interval to add */
        s = summarise_kept_at(scratch, n, at, SKEWED);
        s.ci95_low = s.ci95_low < 0 ? 0 : s.ci95_low;
        return s;
    }
    double scale = event / (2.0 * (double)s.n);
    double low = events > 0 ? stats_chisq_quantile(at.low, 2.0 * events) * scale : 0.0;
    double high = stats_chisq_quantile(at.high, 2.0 * events + 2.0) * scale;
    s.ci95_low = fmin(s.ci95_low, low);
    s.ci95_high = fmax(s.ci95_high, high);
    return s;
}

struct stats_summary stats_summarise_events(const double *values, size_t stride, size_t count,
                                            double *scratch, double event)
{
    return summarise_events_at(values, stride, count, scratch, event, TAILS_95);
}

struct stats_summary stats_summarise_events_975(const double *values, size_t stride,
                                                size_t count, double *scratch, double event)
{
    return summarise_events_at(values, stride, count, scratch, event, TAILS_975);
}

static struct stats_summary summarise_paired_as(const double *a, const double *b, size_t stride,
                                                size_t count, double *scratch, enum shape shape)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        double d = b[i * stride] - a[i * stride];
        if (isfinite(d))
            scratch[n++] = d;
    }
    return summarise_kept_at(scratch, n, TAILS_95, shape);
}

struct stats_summary stats_summarise_paired(const double *a, const double *b, size_t stride,
                                            size_t count, double *scratch)
{
    return summarise_paired_as(a, b, stride, count, scratch, SKEWED);
}

struct stats_summary stats_summarise_paired_events(const double *a, const double *b,
                                                   size_t stride, size_t count, double *scratch,
                                                   double event)
{
    /* The symmetric t interval beside the Poisson bound, as for one
     * scenario's events; no event size, or not whole events, the
     * skewness-corrected one. */
    struct stats_summary s =
        summarise_paired_as(a, b, stride, count, scratch, event > 0 ? SYMMETRIC : SKEWED);
    if (s.n < 2 || !(event > 0))
        return s;
    /* scratch holds the differences kept: split into events more in b
     * (up) and in a (down), each pair's rounded back to whole events. */
    double up = 0, down = 0;
    for (size_t i = 0; i < s.n; i++) {
        double d = scratch[i] / event, k = round(d);
        if (!isfinite(d) || fabs(d - k) > 1e-6 * fmax(1.0, fabs(d)))
            return stats_summarise_paired(a, b, stride, count, scratch); /* not counts */
        if (k > 0)
            up += k;
        else
            down -= k;
    }
    /* Discordant events as two Poisson streams of means mu_up, mu_down a
     * replication; the mean difference is (mu_up + mu_down)(2q - 1) with
     * q = mu_up / (mu_up + mu_down). Garwood's interval for the sum from
     * K = up + down, and given K, Clopper-Pearson's for q from up of K,
     * each at 97.5 % so that both hold at least 95 % of the time; the
     * difference lies between the least and greatest it takes over them. */
    double k = up + down, n = (double)s.n;
    double sum_lo = k > 0 ? stats_chisq_quantile(TAILS_975.low, 2.0 * k) / 2.0 : 0.0;
    double sum_hi = stats_chisq_quantile(TAILS_975.high, 2.0 * k + 2.0) / 2.0;
    double q_lo = up > 0 ? beta_quantile(TAILS_975.low, up, down + 1.0) : 0.0;
    double q_hi = down > 0 ? beta_quantile(TAILS_975.high, up + 1.0, down) : 1.0;
    if (!isfinite(q_lo) || !isfinite(q_hi))
        return s;
    double low = (2.0 * q_lo - 1.0) * (q_lo < 0.5 ? sum_hi : sum_lo);
    double high = (2.0 * q_hi - 1.0) * (q_hi > 0.5 ? sum_hi : sum_lo);
    s.ci95_low = fmin(s.ci95_low, low * event / n);
    s.ci95_high = fmax(s.ci95_high, high * event / n);
    return s;
}

double stats_share_upper(size_t k, size_t n)
{
    if (n == 0)
        return NAN;
    return k >= n ? 1.0 : beta_quantile(TAILS_95.high, (double)k + 1.0, (double)(n - k));
}

double stats_mean_upper_from_some(size_t k, size_t n, double sum, double unit)
{
    return stats_share_upper(k, n) * (sum + unit) / ((double)k + 1.0);
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
    double skew = s.sd > 0 ? gsl_stats_skew_m_sd(scratch, 1, m, 0.0, s.sd) : 0.0;
    hall_interval(&s, skew, m, (double)(k - 1), TAILS_95);
    s.ci95_low = s.ci95_low < lo ? lo : s.ci95_low;
    s.ci95_high = s.ci95_high > hi ? hi : s.ci95_high;
    return s;
}

struct stats_summary stats_summarise_share_of_units(const double *num, const double *den,
                                                    size_t stride, size_t count, double *scratch,
                                                    double unit)
{
    struct stats_summary s = stats_summarise_ratio(num, den, stride, count, scratch, 0.0, 1.0);
    if (!(unit > 0) || !isfinite(s.ci95_low))
        return s;
    /* Over the replications with anything at stake: how many won
     * anything, how many lost anything, and how much. */
    size_t won = 0, lost = 0;
    double sum_won = 0, sum_lost = 0, sum_den = 0;
    for (size_t i = 0; i < count; i++) {
        double a = num[i * stride], b = den[i * stride];
        if (!isfinite(a) || !isfinite(b) || !(b > 0))
            continue;
        won += a > 0;
        lost += a < b;
        sum_won += a;
        sum_lost += b - a;
        sum_den += b;
    }
    /* The share won is at most what a replication wins, at most, over
     * what one has at stake; the share lost likewise. */
    double stake = sum_den / (double)s.n;
    double high = stats_mean_upper_from_some(won, s.n, sum_won, unit) / stake;
    double low = 1.0 - stats_mean_upper_from_some(lost, s.n, sum_lost, unit) / stake;
    if (!isfinite(high) || !isfinite(low))
        return s;
    s.ci95_low = fmax(fmin(s.ci95_low, low), 0.0);
    s.ci95_high = fmin(fmax(s.ci95_high, high), 1.0);
    return s;
}
