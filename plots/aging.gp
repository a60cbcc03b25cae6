# aging.gp — ageing: receivables at the end of the horizon by days past
# due, stacked per scenario; each segment's 95 % confidence interval is
# drawn at its top edge, to the right, and the total's (ar_end in
# summary.csv) at the top of the stack, to the left: the interval at the
# top of a stack is not the total's, whose spread is the buckets'
# together.
#
#   gnuplot -e "dir='results/presets'" plots/aging.gp
#
# Reads DIR/aging.csv (scenario,bucket,days_past_due_from,
# days_past_due_to,amount,amount_ci95_low,amount_ci95_high,share,n,
# share_ci95_low,share_ci95_high);
# writes DIR/plots/aging.png and .svg.
#
# Past 40 scenarios a stack each is too thin to read, so the scenarios are
# ranked by their receivables instead: the buckets as stacked areas over
# the ranks, the total's mean and 95 % interval over them, the lowest and
# the highest named.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

if (nscen == 0) { eval hk_scenarios_from(hk_list('aging.csv', 1)) }
buckets = hk_distinct('aging.csv', 2)
# Green (current) to dark red (oldest).
bucket_colours = '#1a9850 #91cf60 #d9ef8b #fee08b #fc8d59 #d73027 #7f0000 #40004b'
bcol(b) = word(bucket_colours, (b - 1) % words(bucket_colours) + 1)
blabel(b) = word(buckets, b) eq 'current' ? 'not yet due' : \
            word(buckets, b) eq 'over_365' ? 'over 365 days past due' : \
            word(buckets, b) . ' days past due'
# Per row: scenario number (0: not one of the scenarios), bucket number,
# bottom, top, interval low and high (at the top).
# Names compare as text ("1" and "1.0" are two scenarios).
hk_sno = "(($1 \"\") in si ? si[$1 \"\"] : 0)"
nrep = hk_n_range('aging.csv', 2, '', 9)
ranked = nscen >= hk_ranked_from
if (ranked) {
    load hk_dir(ARG0) . 'aging_ranked.gp'
    exit
}
stack = "< { " . scenarios_cmd . "; } | awk -F, '" . hk_si_rule . \
    "FNR > 1 { if ($1 \"\" != s) { s = $1 \"\"; cum = 0; b = 0 } b++; " . \
    "lo = cum; cum += $5; printf \"%d,%d,%.2f,%.2f,%.2f,%.2f\\n\", " . hk_sno . ", b, lo, " . \
    "cum, cum - $5 + $6, cum - $5 + $7 }' - pass=2 " . hk_shq(hk_file('aging.csv'))
eval hk_block('$STACK', stack, 6)
stack = '$STACK'
stats stack using 6 nooutput
top = STATS_max
# Per scenario: its total receivables and their interval, from summary.csv.
# (Without summary.csv, none: an empty source draws nothing.)
have_total = hk_exists('summary.csv')
# A last row of no scenario, drawn left of the axis, gives stats a value
# where summary.csv has no ar_end.
total = have_total ? "< { { " . scenarios_cmd . "; } | awk -F, '" . hk_si_rule . \
    "$2 == \"ar_end\" { print " . hk_sno . " \",\" $3 \",\" $5 \",\" $6 }' - pass=2 " . \
    hk_shq(hk_file('summary.csv')) . "; echo 0,0,0,0; }" : '< true'
if (have_total) { eval hk_block('$TOTAL', total, 4); total = '$TOTAL' }
if (have_total) { stats total using 4 nooutput; top = STATS_max > top ? STATS_max : top }
s = mscale('ar_end', top)
half = 0.32

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'aging', 900, 540)
    set title "Receivables at the end of the horizon, by days past due\nmean over " . nrep font F12
    set ylabel 'receivables (' . munit('ar_end', s) . ')'
    set xrange [0.4:nscen + 0.6]
    set yrange [0:*]
    set format y '%g'
    eval hk_scenario_tics(620)
    set key outside right center vertical Left reverse samplen 2 spacing 1.3 font F10
    plot for [b = 1:words(buckets)] stack \
             using ($2 == b ? $1 : NaN):(($3 + $4) / 2 / s):($1 - half):($1 + half):($3 / s):($4 / s) \
             with boxxyerror fs solid 0.95 border lc rgb '#555555' fc rgb bcol(b) title blabel(b), \
         stack using ($1 + half * 0.5):($4 / s):($5 / s):($6 / s) with yerrorbars lc rgb '#222222' pt 7 ps 0.3 lw 1 \
             title '95 % interval of a segment', \
         total using ($1 - half * 0.5):($2 / s):($3 / s):($4 / s) \
             with yerrorbars lc rgb '#000000' pt 5 ps 0.6 lw 2.5 title '95 % interval of the total'
    set output
}
