/*
 * charts_catalogue.c — the charts huikuan draws, each with the results
 * file it needs and the caption the report gives it, and the palette
 * they share with plots/common.gp.
 */
#include <stdio.h>
#include <string.h>

#include "huikuan/charts.h"

static const struct chart CHARTS[CHART_COUNT] = {
    {"compare", "summary.csv", "scenario,metric,mean,sd,ci95_low,ci95_high,n", "Policy comparison",
     "Each key metric per scenario: the mean over replications, with its 95 % "
     "confidence interval; a mean from one replication, which has none, is ringed and "
     "its panel says so. Past 40 scenarios each panel ranks them by their mean "
     "instead: the means from lowest to highest over their intervals, the lowest and "
     "the highest named."},
    {"differences", "compare.csv", "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n", "Paired differences from the first scenario",
     "Each scenario minus the first, replication by replication on the same random "
     "numbers: the mean difference and its 95 % confidence interval (a difference from one "
     "pair, which has none, ringed). An interval that "
     "excludes zero is a difference the simulation resolves. A scenario sized unlike the "
     "first (customers, reps, horizon, warm-up or behaviour) is named in the title: it "
     "ran on other customers, so its differences are not paired like for like. Past 40 "
     "scenarios each panel ranks them by their mean difference."},
    {"sweep", "sweep.csv", "param,value,metric,mean,sd,ci95_low,ci95_high,n", "Sweep",
     "Key metrics against the swept parameter: the mean, with its 95 % confidence "
     "band."},
    {"calibrate", "calibrate.csv",
     "evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen", "Calibration",
     "The objective at every evaluated value of the parameter (95 % intervals); values "
     "where a constraint's mean is past its limit are shaded, a target sought is drawn across, and the "
     "chosen value is marked. Where the grid of values first evaluated cannot tell its best from "
     "others within Monte Carlo error, the span the optimum may lie in is shaded blue on the "
     "objective's panel. Each constraint has its own panel, its points open and red where "
     "its own mean is past its limit."},
    {"aging", "aging.csv",
     "scenario,bucket,days_past_due_from,days_past_due_to,amount,amount_ci95_low,amount_ci95_high,"
     "share,n", "Ageing of receivables",
     "Receivables at the end of the horizon by days past due, stacked per scenario; "
     "each segment's 95 % interval is drawn at its top edge, and the total's at the top "
     "of the stack, to its left. Past 40 scenarios they are ranked by their total "
     "instead: each bucket a stacked area, the total a line between the dashed lines of "
     "its 95 % interval."},
    {"rep_pay", "reps.csv",
     "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base,"
     "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month", "Rep pay distribution",
     "Net pay per rep per 30 days over every rep and replication (the middle 99 %): "
     "box = middle half, line = median, whiskers = middle 95 %, dots beyond; the "
     "diamond is the mean pay per rep-period with its 95 % interval. Past 40 "
     "scenarios they are ranked by their median pay instead: the line is the medians, "
     "the bands the middle half and the middle 95 % of each scenario's pay."},
    {"monthly", "monthly.csv", "scenario,month,metric,mean,sd,ci95_low,ci95_high,n", "Monthly receivables and DSO",
     "Receivables and overdue receivables at each month end, and DSO per month: the "
     "mean with its 95 % band. A last month shorter than 30 days (a horizon of 365 days, "
     "say: 12 months and 5 days), where there is one, is shaded and labelled with its days: its DSO rests on those days' sales "
     "alone (scenarios whose horizons end differently are said to). Months in which a "
     "segment's customers hold back payment before the firm's reporting date are shaded "
     "amber, the darker the more of their days: receivables and DSO rise there whatever the "
     "scheme. Past 40 scenarios each panel shows how the scenarios' "
     "means spread at each month (median, middle half, whole range) and, with their "
     "95 % bands, the scenarios highest and lowest on average, named."},
    {"collectibility", "collectibility.csv",
     "scenario,age_days,collectible_share,ci95_low,ci95_high,n", "Collectibility by age",
     "Of the money still unpaid a given number of days past due, the share eventually "
     "collected (money-weighted over all replications, 95 % band), against the reference points in the source "
     "material: about 100 % within 2 months, 80 % at 100 days, 50 % at 180 days, "
     "20 % after a year; another survey: 26.6 % after one year, 13.6 % after two. "
     "Past 40 scenarios the chart shows how the scenarios' shares spread at each age "
     "(median, middle half, whole range) and, with their 95 % bands, the scenarios "
     "highest and lowest on average, named."},
};

/* Okabe–Ito; plots/common.gp's hk_palette lists the same colours. */
static const char *const PALETTE[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                      "#56B4E9", "#D55E00", "#F0E442", "#000000"};
enum { PALETTE_SIZE = sizeof PALETTE / sizeof PALETTE[0] };

const struct chart *chart_get(int index)
{
    return index >= 0 && index < CHART_COUNT ? &CHARTS[index] : NULL;
}

const struct chart *chart_find(const char *name)
{
    for (int i = 0; i < CHART_COUNT; i++)
        if (strcmp(CHARTS[i].name, name) == 0)
            return &CHARTS[i];
    return NULL;
}

const char *charts_colour(int index)
{
    return PALETTE[(index < 0 ? 0 : index) % PALETTE_SIZE];
}

void charts_swatch_css(int index, char *buf, size_t size)
{
    const char *colour = charts_colour(index);
    if (index < PALETTE_SIZE)
        snprintf(buf, size, "background:%s", colour);
    else /* the ninth on share a colour with an earlier one: hatched, as their bars */
        snprintf(buf, size, "background:repeating-linear-gradient(45deg,%s 0 2px,#fff 2px 4px)",
                 colour);
}

const char *charts_palette_words(void)
{
    static char words[PALETTE_SIZE * 8 + 1];
    if (!words[0])
        for (int i = 0; i < PALETTE_SIZE; i++)
            snprintf(words + strlen(words), sizeof words - strlen(words), "%s%s",
                     i ? " " : "", PALETTE[i]);
    return words;
}
