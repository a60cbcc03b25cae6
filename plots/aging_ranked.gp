# aging_ranked.gp — the ageing chart of more than 40 scenarios, loaded by
# aging.gp (which has set buckets, bcol and blabel): the scenarios ranked
# by their receivables at the end of the horizon, lowest to highest; each
# bucket a stacked area over the ranks, the total (ar_end in summary.csv)
# a line between the dashed lines of its 95 % interval, the lowest and
# the highest named.

# Rows "g,rank,a,b,c,i" for hk_load_ranked: g = 1 .. buckets, a bucket's
# bottom and top in scenario i's stack (c unused); g = buckets + 1, the
# total's mean and interval. A scenario's rank is its stack's height
# (ties in the scenarios' order).
nb = words(buckets)
aging_ranked = "< { { " . scenarios_cmd . "; } | awk -F, -v nb=" . nb . " '" . hk_si_rule . \
    "FILENAME ~ /aging[.]csv$/ && FNR > 1 && ($1 \"\") in si { i = si[$1 \"\"]; b = ++k[i]; " . \
    "lo[i, b] = cum[i] + 0; cum[i] += $5; hi[i, b] = cum[i] } " . \
    "FILENAME ~ /summary[.]csv$/ && FNR > 1 && $2 == \"ar_end\" && ($1 \"\") in si && " . \
    "$3 ~ /^[-+]?([0-9]|[.][0-9])/ { t[si[$1 \"\"]] = $3 \",\" $5 \",\" $6 } " . \
    "END { for (i = 1; i <= n; i++) if (i in k) { " . \
    "for (b = 1; b <= k[i] && b <= nb; b++) print cum[i] \",\" i \",\" b \",\" lo[i, b] \",\" hi[i, b] \",nan\"; " . \
    "if (i in t) print cum[i] \",\" i \",\" nb + 1 \",\" t[i] } }' - pass=2 " . \
    hk_shq(hk_file('aging.csv')) . (hk_exists('summary.csv') ? ' ' . hk_shq(hk_file('summary.csv')) : '') . \
    " | sort -t, -s -k1,1g -k2,2n | awk -F, '$2 != i { i = $2; r++ } " . \
    "{ print $3 \",\" r \",\" $4 \",\" $5 \",\" $6 \",\" $2 }' | sort -t, -s -k1,1n -k2,2n; " . \
    "echo 0,0,nan,nan,nan,0; }"
eval hk_load_ranked(aging_ranked, buckets . ' total')
hk_ranked_total = nscen

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'aging', 900, 540)
    # The names: the ends of the total's rows (in the stacks' order).
    k = nb + 1
    m = 'ar_end'
    eval hk_ranked_span
    unset label 1 # without a total the stacks are still drawn
    have_total = !hk_none
    # The span: the stacks' tops (the last bucket's) and the total's interval.
    set autoscale xy
    stats $RK every ::RKF[nb]::RKL[nb] using 4 nooutput
    hk_n = int(STATS_records)
    hi = STATS_max > (have_total ? hi * s : 0) ? STATS_max : hi * s
    s = mscale('ar_end', hi)
    set title sprintf('Receivables at the end of the horizon by days past due: %d scenarios, ranked', hk_n) font F12
    set ylabel 'receivables (' . munit('ar_end', s) . ')'
    set xrange [0.5:hk_n + 0.5]
    set yrange [0:(hi > 0 ? hi / s * 1.3 : 1)]
    set format y '%g'
    set xtics autofreq nomirror font F10
    set format x '%.0f'
    set xlabel 'scenarios, lowest total to highest' font F10
    eval hk_ranked_names
    set key outside right center vertical Left reverse samplen 2 spacing 1.3 font F10
    plot for [b = 1:nb] $RK every ::RKF[b]::RKL[b] using 2:($3 / s):($4 / s) \
             with filledcurves fc rgb bcol(b) fs solid 0.95 noborder title blabel(b), \
         for [j = 1:(have_total ? 1 : 0)] $RK every ::RKF[nb + 1]::RKL[nb + 1] using 2:($3 / s) \
             with lines lc rgb '#000000' lw 1.2 title 'total (mean)', \
         for [c = 4:(have_total ? 5 : 0)] $RK every ::RKF[nb + 1]::RKL[nb + 1] using 2:(column(c) / s) \
             with lines lc rgb '#000000' lw 0.8 dt 2 title (c == 4 ? '95 % interval of the total' : '')
    set output
}
