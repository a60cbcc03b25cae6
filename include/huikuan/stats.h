/*
 * stats.h — summarising a quantity over replications.
 *
 * The 95 % interval is the Student-t interval of the mean corrected for
 * the values' skewness by Hall's transformation (Hall 1992, "On the
 * removal of skewness by transformation", JRSS B 54): from the mean, the
 * sample standard deviation sd (n-1) and skewness g = (1/n) sum
 * ((x - mean) / sd)^3,
 *   [mean - sd h(t(0.975, n-1) / sqrt n), mean - sd h(t(0.025, n-1) / sqrt n)]
 * with h(y) = 3x / (c^2 + c + 1), x = y - g / 6n, c = cbrt(1 + g x), the
 * inverse of Hall's g(T) = T + g T^2 / 3 + g^2 T^3 / 27 + g / 6n. With
 * g = 0 it is mean ± t(0.975, n-1) · sd / sqrt(n); a few large values
 * among many small ones (losses) stretch it on their side, where the
 * symmetric interval's misses fall. Where 1 + g x < 0 the end lies past
 * the flat point of Hall's cubic, and is held there: h = -3 / g.
 * Non-finite values (a DSO with no sales, say) are
 * left out, and n counts only what was kept. With one value kept, the
 * sd and the interval are NaN (a single value says nothing of its
 * spread); with none, the mean is NaN too. Counts of rare events are
 * summarised with a wider interval (stats_summarise_events).
 */
#ifndef HUIKUAN_STATS_H
#define HUIKUAN_STATS_H

#include <stddef.h>

struct stats_summary {
    double mean, sd, ci95_low, ci95_high;
    size_t n;
};

/* values[i * stride] for i < count; scratch must hold count doubles. */
struct stats_summary stats_summarise(const double *values, size_t stride, size_t count,
                                     double *scratch);

/* The same for a quantity that can only lie in [lo, hi] (a share, a
 * count): the interval is cut to that range. The true mean lies in it
 * too, so the cut interval covers it whenever the whole one did; a
 * share's interval no longer reaches past 1, nor a count's below 0. */
struct stats_summary stats_summarise_within(const double *values, size_t stride, size_t count,
                                            double *scratch, double lo, double hi);

/* The same for a count of events per replication (lawsuits, reps who
 * quit): each value is a number of events times `event`, the value one
 * event adds (1 for a count; 365 / (reps x days) for a rate per rep and
 * year). Where events are rare the t interval covers badly: most
 * replications see none, and ten that all see none give an interval of
 * zero width. So the interval is the hull of the symmetric t interval
 * (the Poisson one answers for the skew of events few and one at a
 * time, which Hall's correction reads too widely) and the exact Poisson
 * one (Garwood's) for the mean count, from the total count K over the
 * n replications kept:
 *   [chi2(0.025; 2K) / 2n, chi2(0.975; 2K + 2) / 2n] x event,
 * with 0 as its lower end when K = 0. The Poisson interval holds where
 * events come one at a time and independently, the t interval where
 * they cluster and replications are many; the hull covers at least as
 * often as either. Cut at 0; with one value kept, no interval, as
 * above. event <= 0, or values that are not counts, give the
 * skewness-corrected t interval alone. */
struct stats_summary stats_summarise_events(const double *values, size_t stride, size_t count,
                                            double *scratch, double event);

/* The same at 97.5 % (t and Garwood alike): two such intervals hold
 * together at least 95 % of the time, as a difference between two
 * scenarios' counts needs where no pairing can be used. */
struct stats_summary stats_summarise_events_975(const double *values, size_t stride,
                                                size_t count, double *scratch, double event);

/* Paired differences b - a, for common-random-number comparisons. */
struct stats_summary stats_summarise_paired(const double *a, const double *b, size_t stride,
                                            size_t count, double *scratch);

/* The same for counts of events (values a number of events times
 * `event`, as for stats_summarise_events): where paired replications
 * mostly agree, the t interval of the differences shrinks to nothing
 * (ten pairs that all agree give [0, 0]) while the scenarios may well
 * differ. So the interval is the hull of the symmetric t interval (as
 * for stats_summarise_events) and one from the discordant events, up (more in b) and down (more in a), K = up + down,
 * taken as two Poisson streams: Garwood's interval for their summed mean
 * from K and Clopper-Pearson's for the share going up from up of K, each
 * at 97.5 %, bound the mean difference (a Bonferroni bound: it covers at
 * least 95 % of the time). With none discordant it is
 * +-(-ln 0.0125) x event / n = +-4.38 x event / n. Values that are not
 * whole events, or event <= 0, give the skewness-corrected t interval
 * alone. */
struct stats_summary stats_summarise_paired_events(const double *a, const double *b,
                                                   size_t stride, size_t count, double *scratch,
                                                   double event);

/* The p quantile of chi-square with nu >= 2 degrees of freedom (found
 * without gsl_cdf_chisq_Pinv, which gives up at large nu). */
double stats_chisq_quantile(double p, double nu);

/* The high end of the Clopper-Pearson 95 % interval for a share seen k
 * times in n: the 0.975 quantile of Beta(k + 1, n - k); 1 for k = n. */
double stats_share_upper(size_t k, size_t n);

/* A high end for the mean, per replication, of an amount that only k of
 * n replications had any of (summing to `sum`): the share of
 * replications that have any (stats_share_upper) times what one that has
 * any has, their mean with one `unit` counted in beside them, so that a
 * few small amounts seen (or none) do not shrink it to them. Where most
 * replications have some, it is about the plain mean, and a t interval
 * the wider. */
double stats_mean_upper_from_some(size_t k, size_t n, double sum, double unit);

/* A ratio of totals over replications, sum num / sum den (den >= 0; a
 * pair with a non-finite member is left out), e.g. of the money that
 * reached an age unpaid, the share later paid. Its interval is the
 * delta method's: R ± t(0.975, k-1) · sd(num_i - R den_i) / (mean(den) √m)
 * over the m pairs kept, corrected for the skewness of num_i - R den_i as
 * above (n = m there), cut to [lo, hi]; n counts the k pairs with
 * den > 0, those that say anything of the ratio. With k < 2 the sd and
 * interval are NaN (one replication with anything at stake says nothing
 * of the spread), with k = 0 the ratio too. sd is that of
 * (num_i - R den_i) / mean(den). */
struct stats_summary stats_summarise_ratio(const double *num, const double *den, size_t stride,
                                           size_t count, double *scratch, double lo, double hi);

/* A share of money won, sum num / sum den (0 <= num <= den), as
 * stats_summarise_ratio on [0, 1], where money comes in units of about
 * `unit` (invoices of the mean amount). Where few replications won
 * anything, the delta method's interval is too narrow (none won: of no
 * width at 0); so, with two replications at stake or more, its high end
 * is taken at least to stats_mean_upper_from_some over the n
 * replications at stake, over the mean at stake; its low end likewise
 * from what was lost. Where most replications won, and lost, something,
 * the delta method's interval stands. unit <= 0: the ratio's alone. */
struct stats_summary stats_summarise_share_of_units(const double *num, const double *den,
                                                    size_t stride, size_t count, double *scratch,
                                                    double unit);

#endif
