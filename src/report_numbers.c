/*
 * report_numbers.c — how the report writes a number: a mean with its
 * 95 % interval in decimals that line up, percentages rounded from the
 * six decimals the CSV files give, the sign of a difference, and what
 * stands where there is no interval.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/html.h"
#include "huikuan/report.h"
#include "report_internal.h"

/* The decimals a number of that magnitude (as shown: percent as
 * percent) has in style. */
static int decimals_of(enum style style, double magnitude)
{
    if (style == SHOW_PERCENT)
        return 2;
    if (style == SHOW_DAYS)
        return 1;
    if (style == SHOW_MONEY)
        return magnitude >= 1000 ? 0 : 2;
    return magnitude >= 100 ? 0 : 3;
}

/* The decimals of a mean and its interval: those of the largest of
 * them, so that the three line up ("16,921" over "0 – 34,125", not
 * "0.00 – 34,125"). */
static int cell_decimals(enum style style, double mean, double low, double high)
{
    double scale = style == SHOW_PERCENT ? 100 : 1, m = 0;
    const double v[] = {mean, low, high};
    for (int i = 0; i < 3; i++)
        if (isfinite(v[i]) && fabs(v[i] * scale) > m)
            m = fabs(v[i] * scale);
    return decimals_of(style, m);
}

/* One number in style with that many decimals. */
static void number_fixed(FILE *out, enum style style, double v, int decimals, int sign)
{
    char buf[96];
    if (isinf(v)) { /* an unbounded side of an interval, signed as the numbers are */
        fputs(v < 0 ? "-\xE2\x88\x9E" : sign ? "+\xE2\x88\x9E" : "\xE2\x88\x9E", out);
        return;
    }
    if (style == SHOW_PERCENT && decimals == 2 && fabs(v) < 1e9) {
        /* From the fraction as the CSV files write it, six decimals, to
         * hundredths of a percent, rounding half away from zero in decimal:
         * 0.026150 is 2.62 %, where 0.02615 x 100 in binary is 2.6149... */
        long long millionths = llround(v * 1e6);
        v = (double)((millionths + (millionths >= 0 ? 50 : -50)) / 100) / 100.0;
    } else if (style == SHOW_PERCENT) {
        v *= 100;
    }
    html_number(v, decimals, buf, sizeof buf);
    if (sign && isfinite(v) && v > 0 && strspn(buf, "0.,") != strlen(buf))
        fputc('+', out);
    fputs(buf, out);
}

void report_number(FILE *out, enum style style, double v, int sign)
{
    number_fixed(out, style, v, cell_decimals(style, v, NAN, NAN), sign);
}

void report_number_exact(FILE *out, enum style style, double v)
{
    int d = cell_decimals(style, v, NAN, NAN);
    double shown = style == SHOW_PERCENT ? v * 100 : v, unit = pow(10, d);
    while (d < 12 && isfinite(shown) &&
           fabs(round(shown * unit) / unit - shown) > 1e-12 * fmax(1.0, fabs(shown))) {
        d++;
        unit *= 10;
    }
    number_fixed(out, style, v, d, 0);
}

void report_quantity(FILE *out, enum style style, double mean, double low, double high)
{
    int d = cell_decimals(style, mean, low, high);
    number_fixed(out, style, mean, d, 0);
    fputs(" (95&nbsp;% interval ", out);
    number_fixed(out, style, low, d, 0);
    fputs(" \xE2\x80\x93 ", out);
    number_fixed(out, style, high, d, 0);
}

void report_quantity_unit(FILE *out, const struct shown *m, double mean, double low, double high)
{
    report_quantity(out, m->style, mean, low, high);
    fprintf(out, "%s%s)", m->unit[0] ? " " : "", m->unit);
}

void report_value_cell(FILE *out, enum style style, double mean, double low, double high, int sign)
{
    int d = cell_decimals(style, mean, low, high);
    if (sign && isfinite(low) && isfinite(high) && (low > 0 || high < 0)) {
        /* A difference whose interval excludes zero (shown bold) never
         * reads as reaching it: the bound nearer zero gets the decimals
         * it needs (-0.9, -1.8 to -0.05, not -1.8 to 0.0). */
        double near = (low > 0 ? low : -high) * (style == SHOW_PERCENT ? 100 : 1);
        while (d < 6 && near < 0.5 * pow(10, -d))
            d++;
    }
    fputs("<span class=\"v\">", out);
    number_fixed(out, style, mean, d, sign);
    fputs("</span>", out);
    if (isfinite(low) && low == high) {
        /* Every replication gave the same value: true of a setting (the
         * customers), but of a rare amount (no bad debt in a month) it
         * says only that none was seen; more replications may see one.
         * Counts of rare events have a Poisson interval instead. */
        fputs("<span class=\"ci\">the same in every replication</span>", out);
    } else if (!isnan(low) && !isnan(high)) {
        fputs("<span class=\"ci\">", out);
        number_fixed(out, style, low, d, sign);
        fputs(" \xE2\x80\x93 ", out);
        number_fixed(out, style, high, d, sign);
        fputs("</span>", out);
    } else if (isfinite(mean)) {
        /* No interval: a mean from a single replication says nothing of
         * its spread. (An infinite bound is an interval, shown as such.) */
        fputs("<span class=\"ci\">one replication: no interval</span>", out);
    }
}

void report_cell(FILE *out, const char *metric, double mean, double low, double high)
{
    report_value_cell(out, report_describe(metric).style, mean, low, high, 0);
}

double report_num(const char *text)
{
    char *end;
    double v = strtod(text, &end);
    return end == text ? NAN : v;
}
