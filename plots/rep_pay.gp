# rep_pay.gp — distribution of rep pay per scenario: net pay per rep per
# 30 days over every rep of every replication, as box plots (box: middle
# half; line: median; whiskers: middle 95 %; dots beyond them). Only the
# middle 99 % of all values is drawn, so that a few extreme reps do not
# flatten every box; a note in the legend counts the values left out.
#
#   gnuplot -e "dir='results/presets'" plots/rep_pay.gp
#
# Reads DIR/reps.csv (a row per rep per replication; the pay_per_month
# column) and, if present, DIR/summary.csv (rep_pay_mean); writes DIR/plots/rep_pay.png and .svg.
#
# Past 40 scenarios a box each is too thin to read, so the scenarios are
# ranked by their median instead: the medians, lowest to highest, as a
# line over two bands, the middle half and the middle 95 % of each
# scenario's pay, with the lowest and the highest named.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

if (nscen == 0) { eval hk_scenarios_from(hk_list('reps.csv', 1)) }
f = hk_file('reps.csv')
summary = hk_exists('summary.csv')
nrep = hk_n_range('summary.csv', 2, 'rep_pay_mean', 7)
pay = int(system("awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == \"pay_per_month\") print i; exit }' " . hk_shq(f)))
# The 0.5th and 99.5th percentiles over every scenario, and how many lie beyond.
range = system(sprintf("awk -F, -v c=%d 'NR > 1 && $c != \"\" && $c != \"nan\" { print $c + 0 }' %s | " . \
    "sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print \"0 1 0\"; exit } " . \
    "lo = v[int(NR * 0.005) + 1]; hi = v[int(NR * 0.995) + (NR * 0.995 > int(NR * 0.995))]; " . \
    "out = 0; for (i = 1; i <= NR; i++) out += v[i] < lo || v[i] > hi; print lo, hi, out }'", \
    pay, hk_shq(f)))
plo = word(range, 1) + 0.0
phi = word(range, 2) + 0.0
left_off = word(range, 3) + 0
inside(v) = v >= plo && v <= phi
# Each scenario's mean pay and its interval (a row per scenario, in their
# order), then every rep's pay per scenario, each read once.
# $MEAN's row i is scenario i's, nan where summary.csv has none for it.
$MEAN << EOD
0,0,nan,nan,nan
EOD
if (summary) {
    means = sprintf("< { %s; } | awk -F, '" . hk_si_rule . \
        "FNR > 1 && $2 == \"rep_pay_mean\" && ($1 \"\") in si { m[si[$1 \"\"]] = $3 \",\" $5 \",\" $6 } " . \
        "END { for (i = 1; i <= n; i++) print \"1,\" i \",\" ((i in m) ? m[i] : \"nan,nan,nan\"); " . \
        "print \"0,0,nan,nan,nan\" }' - pass=2 %s", scenarios_cmd, hk_shq(hk_file('summary.csv')))
    eval hk_block('$MEAN', means, 5)
}
ranked = nscen >= hk_ranked_from
hk_ranked_total = nscen
if (ranked) {
    # Each scenario's median and quantiles of pay (R's type 7: linear
    # between order statistics), ranked by median: "1,rank,median,q2.5,
    # q97.5,i,q25,q75", as hk_ranked's rows, with the middle half after.
    # (Numbers in full: awk's default of 6 digits ties near-equal pay.)
    quant = hk_awk_digits . hk_awk_quantile . \
        "function out() { if (n > 0) print q(0.5) \",\" q(0.025) \",\" q(0.975) \",\" i \",\" q(0.25) \",\" q(0.75) } "
    source = sprintf("< { { %s; } | awk -F, -v c=%d '" . hk_awk_num . hk_si_rule . \
        "FNR > 1 && ($1 \"\") in si && num($c) { print si[$1 \"\"] \",\" $c }' - pass=2 %s | " . \
        "sort -t, -k1,1n -k2,2g | awk -F, '%s $1 != i { out(); i = $1; n = 0 } " . \
        "{ v[++n] = $2 } END { out() }' | " . \
        "sort -t, -s -k1,1g | awk -F, '{ print \"1,\" NR \",\" $0 }'; echo 0,0,nan,nan,nan,0,nan,nan; }", \
        scenarios_cmd, pay, hk_shq(f), quant)
    eval hk_load_ranked(source, 'pay', 8)
} else {
    eval hk_load_grouped(hk_grouped('reps.csv', 0, 'all', 0, sprintf('%d', pay)), 'all', 3)
}
# In currency units, thousands or millions, as every money axis.
s = mscale('rep_pay_mean', hk_absmax(plo, phi))
ylo = (plo > 0 ? 0 : plo) / s
yhi = phi / s
pad = (yhi - ylo) > 0 ? (yhi - ylo) * 0.05 : 1

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'rep_pay', 900, 560)
    if (ranked) {
        k = 1
        m = 'rep_pay_mean'
        eval hk_ranked_span
        eval hk_ranked_names
        set title 'Rep pay per 30 days: distribution over reps and ' . nrep . \
            sprintf("\n%d scenarios ranked by their median", nscen) font F12
        set ylabel 'net pay per rep (' . munit('rep_pay_mean', s) . ')'
        set format y '%g'
        set xzeroaxis lt 1 lc rgb '#444444' lw 1
        set xtics autofreq nomirror font F10
        set format x '%.0f'
        set xlabel (hk_n < nscen ? sprintf('%d of %d with pay, ', hk_n, nscen) : '') . 'lowest median to highest' font F10
        if (hk_none) { unset xlabel; unset xtics }
        set key inside top right horizontal Left reverse samplen 2 font F10
        if (hk_none) {
            plot NaN notitle
        } else {
            plot $RK every ::RKF[1]::RKL[1] using 2:($4 / s):($5 / s) \
                     with filledcurves lc rgb '#0072B2' fs transparent solid 0.18 noborder title 'middle 95 %', \
                 $RK every ::RKF[1]::RKL[1] using 2:($7 / s):($8 / s) \
                     with filledcurves lc rgb '#0072B2' fs transparent solid 0.35 noborder title 'middle half', \
                 $RK every ::RKF[1]::RKL[1] using 2:($3 / s) with lines lc rgb '#0072B2' lw 1.4 title 'median', \
                 $RK every ::RKF[1]::RKL[1] using 2:(hk_n > 100 ? NaN : $3 / s) with points pt 7 ps 0.35 lc rgb '#0072B2'
        }
        set output
        continue
    }
    set title 'Rep pay per 30 days: distribution over reps and ' . nrep font F12
    set ylabel 'net pay per rep (' . munit('rep_pay_mean', s) . ')'
    set xrange [0.4:nscen + 0.6]
    set format y '%g'
    eval hk_scenario_tics(820)
    set xzeroaxis lt 1 lc rgb '#444444' lw 1
    set yrange [ylo - (ylo < 0 ? pad : 0) : yhi + pad]
    set style boxplot outliers pointtype 7 fraction 0.95
    set pointsize 0.25
    set boxwidth 0.55
    set key outside below center vertical Left reverse samplen 1.5 font F10
    plot for [i = 1:nscen] $HK every ::hk_first(1, i)::hk_last(1, i) \
             using (i):($2 == i && inside($3) ? $3 / s : NaN) \
             with boxplot fs solid 0.55 border lc rgb scol(i) lc rgb scol(i), \
         for [i = 1:(summary ? nscen : 0)] $MEAN every ::i - 1::i - 1 \
             using (i + 0.38):($2 == i ? $3 / s : NaN):($4 / s):($5 / s) \
             with yerrorbars pt 13 ps 0.8 lw 1.2 lc rgb '#222222' \
             title (i == 1 ? 'mean pay per rep-period, 95 % interval' : ''), \
         for [k = 1:(left_off > 0 ? 1 : 0)] keyentry with points ps 0 \
             title sprintf('(%d values outside the middle 99 %s are left out)', left_off, '%')
    set output
}
