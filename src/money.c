/*
 * money.c — text <-> int64 cents, and rate application.
 *
 * Parsing is done digit by digit so that "0.29" is exactly 29 cents;
 * strtod would give 28.999... and a rounding decision we do not want.
 */
#include "huikuan/money.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>

int money_parse(const char *text, cents_t *out)
{
    const char *p = text;
    int negative = 0;
    if (*p == '+' || *p == '-')
        negative = (*p++ == '-');
    /* A digit on either side of the point, as other numbers take it:
     * ".5" and "5." are amounts, "." is not. */
    cents_t units = 0;
    int whole_digits = 0;
    while (isdigit((unsigned char)*p)) {
        units = units * 10 + (*p++ - '0');
        whole_digits++;
        if (units > MONEY_MAX_CENTS / 100)
            return -1;
    }
    cents_t fraction = 0;
    int digits = 0;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            if (++digits > 2)
                return -1;
            fraction = fraction * 10 + (*p++ - '0');
        }
        if (digits == 1)
            fraction *= 10;
    }
    if (whole_digits + digits == 0)
        return -1;
    if (*p != '\0')
        return -1;
    cents_t value = units * 100 + fraction;
    *out = negative ? -value : value;
    return 0;
}

char *money_format(cents_t value, char *buf, size_t size)
{
    /* Avoid llabs(INT64_MIN): amounts are bounded by MONEY_MAX_CENTS anyway. */
    unsigned long long mag = value < 0 ? 0ULL - (unsigned long long)value
                                       : (unsigned long long)value;
    snprintf(buf, size, "%s%llu.%02llu", value < 0 ? "-" : "", mag / 100, mag % 100);
    return buf;
}

/* num / den rounded half away from zero (den > 0). */
static cents_t round_quotient(__int128 num, __int128 den)
{
    __int128 mag = num < 0 ? -num : num;
    __int128 q = (mag + den / 2) / den;
    return (cents_t)(num < 0 ? -q : q);
}

/* Rates are written as decimals: 0.0003 x 5000 cents is exactly 1.5 and
 * rounds to 2, but in binary it is 1.4999999999999998. A rate within
 * rounding error of a multiple of 1e-9 (every rate a scenario states,
 * and their products) is applied as that decimal, exactly; other rates,
 * computed by the model, from their binary value. */
enum { RATE_DECIMALS_SCALE = 1000000000 };
#define RATE_GRID_TOLERANCE 1e-4 /* in units of 1e-9: what binary error reaches below rate 400 */

cents_t money_apply_rate_wide(double rate, __int128 amount)
{
    double scaled = rate * RATE_DECIMALS_SCALE;
    if (fabs(scaled) < 4e11) {
        double whole = nearbyint(scaled);
        if (fabs(scaled - whole) <= RATE_GRID_TOLERANCE)
            return round_quotient(amount * (__int128)(long long)whole, RATE_DECIMALS_SCALE);
    }
    return (cents_t)llround(rate * (double)amount);
}

cents_t money_apply_rate(double rate, cents_t amount)
{
    return money_apply_rate_wide(rate, amount);
}

cents_t money_prorate(cents_t amount, int part, int whole)
{
    return round_quotient((__int128)amount * part, whole);
}
