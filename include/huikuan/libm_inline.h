/*
 * libm_inline.h — fmax, fmin and llround where the engine calls them
 * hundreds of thousands of times a replication.
 *
 * GCC at -O2 calls the C library for each (nothing here may assume
 * finite math), and a call clobbers every SSE register the caller holds.
 * Each function below returns exactly what glibc's x86-64 function
 * returns, for every argument, so that no result moves by a bit:
 *
 *   fmax: maxsd, i.e. a > b ? a : b when the two are ordered (so the
 *   second of two equal values, -0 and +0 among them); with one NaN,
 *   the number; with two, the first. fmin likewise with minsd and <.
 *   (A signalling NaN would come back quieted; no arithmetic makes one.)
 *   Where C leaves the choice to the library (which of -0 and +0, which
 *   of two NaNs), another library may choose otherwise; these do not.
 *
 *   llround: half away from zero; below 2^52 in magnitude from the
 *   truncation and the fraction left over, which x - trunc(x) holds
 *   exactly; beyond that, and for NaN, the library's own.
 */
#ifndef HUIKUAN_LIBM_INLINE_H
#define HUIKUAN_LIBM_INLINE_H

#include <math.h>

static inline double fmax_inline(double a, double b)
{
    return a > b || b != b ? a : b;
}

static inline double fmin_inline(double a, double b)
{
    return a < b || b != b ? a : b;
}

static inline long long llround_inline(double x)
{
    if (!(fabs(x) < 0x1p52))
        return llround(x);
    long long whole = (long long)x; /* towards zero */
    double fraction = x - (double)whole;
    return whole + (fraction >= 0.5) - (fraction <= -0.5);
}

#endif
