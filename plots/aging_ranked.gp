# aging_ranked.gp — the ageing chart of more than 40 scenarios, loaded by
# aging.gp (which has set buckets, bcol and blabel): the scenarios ranked
# by their receivables at the end of the horizon, lowest to highest; each
# bucket a stacked area over the ranks, the total (ar_end in summary.csv)
# a line between the dashed lines of its 95 % interval, the lowest and
# the highest named.

# Rows "g,rank,a,b,c,i" for hk_load_ranked: g = 1 .. buckets, a bucket's
# bottom and top in scenario i's stack (c unused; a bucket a scenario
# lacks, or whose amount is not a number, is 0); g = buckets + 1, the
# total's mean and interval (an interval that is not a number: the mean);
# g = buckets + 2, the stack's height thrice, which ranks the scenarios
# (ties in the scenarios' order) and names the lowest and the highest.
# Numbers in full: awk's default of 6 digits ties near-equal stacks.
nb = words(buckets)
aging_ranked = "< { { " . scenarios_cmd . "; } | awk -F, -v gl=" . hk_shq(buckets) . " '" . \
    hk_awk_num . \
    hk_awk_digits . "BEGIN { nb = split(gl, g, \" \"); for (j = 1; j <= nb; j++) gi[g[j]] = j } " . \
    hk_si_rule . \
    "FILENAME ~ /aging[.]csv$/ && FNR > 1 && ($1 \"\") in si && ($2 \"\") in gi { " . \
    "i = si[$1 \"\"]; seen[i] = 1; if (num($5)) a[i, gi[$2 \"\"]] = $5 } " . \
    "FILENAME ~ /summary[.]csv$/ && FNR > 1 && $2 == \"ar_end\" && ($1 \"\") in si && num($3) { " . \
    "t[si[$1 \"\"]] = $3 \",\" (num($5) ? $5 : $3) \",\" (num($6) ? $6 : $3) } " . \
    "END { for (i = 1; i <= n; i++) if (i in seen) { cum = 0; " . \
    "for (b = 1; b <= nb; b++) { lo[b] = cum; cum += a[i, b] } " . \
    "for (b = 1; b <= nb; b++) print cum \",\" i \",\" b \",\" lo[b] \",\" lo[b] + a[i, b] \",nan\"; " . \
    "print cum \",\" i \",\" nb + 2 \",\" cum \",\" cum \",\" cum; " . \
    "if (i in t) print cum \",\" i \",\" nb + 1 \",\" t[i] } }' - pass=2 " . \
    hk_shq(hk_file('aging.csv')) . (hk_exists('summary.csv') ? ' ' . hk_shq(hk_file('summary.csv')) : '') . \
    " | sort -t, -s -k1,1g -k2,2n | awk -F, '$2 != i { i = $2; r++ } " . \
    "{ print $3 \",\" r \",\" $4 \",\" $5 \",\" $6 \",\" $2 }' | sort -t, -s -k1,1n -k2,2n; " . \
    "echo 0,0,nan,nan,nan,0; }"
eval hk_load_ranked(aging_ranked, buckets . ' total stack', 6)
hk_ranked_total = nscen

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'aging', 900, 540)
    have_total = RKL[nb + 1] >= RKF[nb + 1]
    top = 0
    if (have_total) {
        set autoscale xy
        stats $RK every ::RKF[nb + 1]::RKL[nb + 1] using 5 nooutput
        top = STATS_max
    }
    # The names and the span of the stacks' heights.
    k = nb + 2
    m = 'ar_end'
    eval hk_ranked_span
    hi = hi * s > top ? hi * s : top
    s = mscale('ar_end', hi)
    set title sprintf('Receivables at the end of the horizon by days past due: %d scenarios, ranked', hk_n) . \
        "\nmean over " . nrep font F12
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
