/*
 * money.h — money is int64 cents everywhere in the ledger.
 *
 * Conversions to and from text live here so that "100000.00" always
 * means 10,000,000 cents and never passes through binary floating point.
 */
#ifndef HUIKUAN_MONEY_H
#define HUIKUAN_MONEY_H

#include <stdint.h>
#include <stddef.h>

typedef int64_t cents_t;

#define MONEY_MAX_CENTS ((cents_t)1000000000000000LL) /* 10 trillion units */

/* Parses "123", "123.4", "123.45", "-5.00", ".5", "5." (a digit on
 * either side of the point, as other numbers). Rejects more than two
 * decimals, exponents, spaces inside, and magnitudes above MONEY_MAX_CENTS.
 * Returns 0 on success. */
int money_parse(const char *text, cents_t *out);

/* Writes "123.45" (or "-0.05") into buf; returns buf. */
char *money_format(cents_t value, char *buf, size_t size);

/* rate × amount rounded half away from zero to the cent; a rate with at
 * most 9 decimals (give or take binary rounding) counts as that decimal. */
cents_t money_apply_rate(double rate, cents_t amount);
/* The same for amounts such as balance-days, which may pass 64 bits. */
cents_t money_apply_rate_wide(double rate, __int128 amount);

/* amount × part / whole (whole > 0), rounded half away from zero: exact. */
cents_t money_prorate(cents_t amount, int part, int whole);

#endif
