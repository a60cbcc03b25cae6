/*
 * scenario_decimal.c — whether a value's text is a plain decimal, and
 * whether the number it writes lies within a key's range, decided on the
 * decimal digits themselves: a double read from "1.00000000000000001"
 * is 1, but the number written is past a bound of 1.
 */
#include "huikuan/scenario.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Plain decimal notation: [+-]digits[.digits][e[+-]digits], digits on at
 * least one side of the point. strtod alone would also take hexadecimal
 * ("0x10" = 16, "0x1p-3"), which nobody means in a scenario. */
int scenario_decimal_syntax(const char *p)
{
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; isdigit((unsigned char)*p); p++)
        digits++;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            digits++;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

/* A plain decimal's exact value as 0.d1d2d3... x 10^exp10, digits without
 * leading or trailing zeros (none at all for zero). */
struct decimal {
    int negative;
    long exp10;
    char digits[64]; /* the first 63 significant digits; more cannot tie */
    size_t count;
    int more; /* a non-zero digit beyond the 63 kept */
};

static void decimal_read(const char *p, struct decimal *d)
{
    memset(d, 0, sizeof *d);
    d->negative = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    long point = 0; /* digits before the point, leading zeros left out */
    int seen = 0, after = 0;
    for (; isdigit((unsigned char)*p) || (*p == '.' && !after); p++) {
        if (*p == '.') {
            after = 1;
            continue;
        }
        if (!seen && *p == '0') {
            point -= after; /* 0.00d: the point sits before leading zeros */
            continue;
        }
        seen = 1;
        point += !after;
        if (d->count < sizeof d->digits - 1)
            d->digits[d->count++] = *p;
        else if (*p != '0')
            d->more = 1;
    }
    while (d->count > 0 && d->digits[d->count - 1] == '0')
        d->count--;
    d->digits[d->count] = '\0';
    long exponent = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int minus = *p == '-';
        if (*p == '+' || *p == '-')
            p++;
        /* Beyond a billion the exponent alone decides; it saturates. */
        for (; isdigit((unsigned char)*p); p++)
            exponent = exponent < 1000000000L ? exponent * 10 + (*p - '0') : exponent;
        exponent = minus ? -exponent : exponent;
    }
    d->exp10 = point + exponent;
    if (d->count == 0 && !d->more)
        d->negative = 0; /* -0 is 0 */
}

/* The sign of a - b, exactly. */
static int decimal_compare(const struct decimal *a, const struct decimal *b)
{
    int a_zero = a->count == 0 && !a->more, b_zero = b->count == 0 && !b->more;
    int a_sign = a_zero ? 0 : a->negative ? -1 : 1;
    int b_sign = b_zero ? 0 : b->negative ? -1 : 1;
    if (a_sign != b_sign || a_sign == 0)
        return a_sign < b_sign ? -1 : a_sign > b_sign;
    int magnitude = a->exp10 != b->exp10 ? (a->exp10 < b->exp10 ? -1 : 1) : 0;
    if (magnitude == 0) {
        int c = strcmp(a->digits, b->digits);
        magnitude = c != 0 ? (c < 0 ? -1 : 1) : a->more - b->more;
    }
    return a_sign * magnitude;
}

/* The bound as its key's table writes it: the shortest decimal that reads
 * back as the same double (0.01, not 0.0100000000000000002). */
static void decimal_of_bound(double bound, struct decimal *d)
{
    char text[40];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*e", digits - 1, bound);
        if (strtod(text, NULL) == bound)
            break;
    }
    decimal_read(text, d);
}

int scenario_decimal_within(const char *text, double lo, double hi)
{
    double v = strtod(text, NULL);
    if (!(v >= lo && v <= hi))
        return 0;
    /* Rounding keeps order, so a double strictly inside the bounds was
     * read from a number strictly inside them. On a bound it may have
     * come from just beyond it (1.00000000000000001 reads as 1). */
    if (v != lo && v != hi)
        return 1;
    struct decimal x, bound;
    decimal_read(text, &x);
    decimal_of_bound(lo, &bound);
    if (decimal_compare(&x, &bound) < 0)
        return 0;
    decimal_of_bound(hi, &bound);
    return decimal_compare(&x, &bound) <= 0;
}
