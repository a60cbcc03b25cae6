# rep_pay.gp — distribution of rep pay per scenario: net pay per rep per
# 30 days over every rep of every replication, as box plots (box: middle
# half; line: median; whiskers: 1.5 × the box; dots beyond them).
#
#   gnuplot -e "dir='results/presets'" plots/rep_pay.gp
#
# Reads DIR/reps.csv (a row per rep per replication; the pay_per_month
# column) and, if present, DIR/summary.csv (rep_pay_mean); writes DIR/plots/rep_pay.png and .svg.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

if (nscen == 0) { scenarios = hk_distinct('reps.csv', 1); nscen = words(scenarios) }
f = hk_file('reps.csv')
summary = hk_exists('summary.csv')
pay = int(system("awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == \"pay_per_month\") print i; exit }' " . hk_shq(f)))

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'rep_pay', 900, 540)
    set title 'Rep pay per 30 days: distribution over reps and replications' font F12
    set ylabel 'net pay per rep per 30 days (currency units)'
    set xrange [0.4:nscen + 0.6]
    set format y '%g'
    eval hk_scenario_tics(820)
    set xzeroaxis lt 1 lc rgb '#444444' lw 1
    set style boxplot outliers pointtype 7 fraction 0.95
    set pointsize 0.25
    set boxwidth 0.55
    set key top right samplen 1.5 font F10 opaque
    plot for [i = 1:nscen] f using (i):(strcol(1) eq scen(i) ? column(pay) : NaN) \
             with boxplot fs solid 0.55 border lc rgb scol(i) lc rgb scol(i), \
         for [i = 1:(summary ? nscen : 0)] hk_rows('summary.csv', 1, scen(i), 2, 'rep_pay_mean', 3) \
             using (i + 0.38):3:5:6 \
             with yerrorbars pt 13 ps 0.8 lw 1.2 lc rgb '#222222' \
             title (i == 1 ? 'mean pay per rep-period, 95 % interval' : '')
    set output
}
