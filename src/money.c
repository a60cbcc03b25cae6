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
    if (!isdigit((unsigned char)*p))
        return -1;
    cents_t units = 0;
    while (isdigit((unsigned char)*p)) {
        units = units * 10 + (*p++ - '0');
        if (units > MONEY_MAX_CENTS / 100)
            return -1;
    }
    cents_t fraction = 0;
    if (*p == '.') {
        p++;
        int digits = 0;
        while (isdigit((unsigned char)*p)) {
            if (++digits > 2)
                return -1;
            fraction = fraction * 10 + (*p++ - '0');
        }
        if (digits == 0)
            return -1;
        if (digits == 1)
            fraction *= 10;
    }
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

cents_t money_apply_rate(double rate, cents_t amount)
{
    return (cents_t)llround(rate * (double)amount);
}
