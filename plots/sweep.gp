# sweep.gp — sweep curves: each key metric against the swept parameter,
# the mean as a line and its 95 % confidence interval as a shaded band.
#
#   gnuplot -e "dir='results/sweep'" plots/sweep.gp
#
# Reads DIR/sweep.csv (param,value,metric,mean,sd,ci95_low,ci95_high,n);
# writes DIR/plots/sweep.png and .svg. One panel per metric.
#
# A numeric parameter is an x axis: the mean is a line and its interval a
# band. A categorical one (orders.process = poisson, regular) has no order
# or distance between its values, so each value is a place on the x axis,
# named, with its mean and interval as a point and an error bar.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

param = word(hk_distinct('sweep.csv', 1), 1)
values = hk_distinct('sweep.csv', 2)
categorical = system(sprintf("awk -F, 'NR > 1 && $2 !~ /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/ " . \
    "{ c = 1 } END { print c + 0 }' %s", hk_shq(hk_file('sweep.csv')))) + 0
# One value makes no line or band: its mean and interval are drawn as a
# category's are.
categorical = categorical || words(values) == 1
present = hk_distinct('sweep.csv', 3)
metrics = ''
do for [k = 1:words(hk_key_metrics)] {
    if (hk_has(present, word(hk_key_metrics, k))) { metrics = metrics . word(hk_key_metrics, k) . ' ' }
}
if (words(metrics) == 0) {
    do for [k = 1:(words(present) < 8 ? words(present) : 8)] { metrics = metrics . word(present, k) . ' ' }
}
colour = scol(1)
nrep = hk_n_range('sweep.csv', 3, metrics, 8)
# A numeric axis gets at most four ticks, a step of 1, 2 or 5 times a
# power of ten: a panel is about 200 pixels wide, and gnuplot's own choice
# for small rates (0 to 0.0005) is ten labels like 0.00015 and 5e-05 that
# run into each other.
hk_step(span) = span <= 0 ? 0 : \
    (span / 3 / 10**floor(log10(span / 3)) <= 1 ? 1 : \
     span / 3 / 10**floor(log10(span / 3)) <= 2 ? 2 : \
     span / 3 / 10**floor(log10(span / 3)) <= 5 ? 5 : 10) * 10**floor(log10(span / 3))
xstep = 0
if (!categorical) {
    stats hk_file('sweep.csv') using 2 nooutput
    xstep = hk_step(STATS_max - STATS_min)
    xlo = STATS_min
    xhi = STATS_max
}
panels = words(metrics) + (words(metrics) < 8 ? 1 : 0)
cols = panels <= 4 ? panels : 4
rows = (panels + cols - 1) / cols

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'sweep', 1100, rows > 1 ? 640 : 360)
    set format y '%g'
    set format x '%g'
    set xlabel param
    set multiplot layout rows, cols \
        title sprintf('Sweep of %s: mean over %s with 95 %s confidence %s', param, nrep, '%', \
                      categorical ? 'interval' : 'band') \
        font F12 margins 0.085, 0.975, 0.09, 0.89 spacing 0.075, 0.17
    do for [k = 1:words(metrics)] {
        m = word(metrics, k)
        data = hk_rows('sweep.csv', 1, param, 3, m, 2)
        set autoscale xy
        stats data using (hk_absmax(hk_absmax($4, $6), $7)) nooutput
        eval hk_stats_max
        s = mscale(m, hk_max)
        eval hk_empty_panel
        set title mtitle(m) font F11
        set ylabel munit(m, s)
        if (categorical) {
            set xrange [0.5:words(values) + 0.5]
            set xtics () scale 0
            do for [i = 1:words(values)] { set xtics add (word(values, i) i) }
            plot data using (hk_index(values, strcol(2))):($4 / s):($6 / s):($7 / s) \
                 with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.8
        } else {
            # The axis ends at the values swept, not at the next tick past them.
            if (xstep > 0) { set xrange [xlo:xhi]; set xtics xstep } else { set xtics autofreq }
            plot data using 2:($6 / s):($7 / s) with filledcurves lc rgb colour @hk_band, \
                 data using 2:($4 / s) with linespoints lc rgb colour lw 1.6 pt 7 ps 0.5
        }
    }
    if (words(metrics) < 8) {
        unset title; unset ylabel; unset label 1; unset xlabel; unset border; unset tics; unset grid
        set xrange [0:1]; set yrange [0:1]
        set key center center vertical Left reverse samplen 2 spacing 1.4 font F11
        if (categorical) {
            plot NaN notitle, keyentry with points lc rgb colour pt 7 ps 0.8 title 'mean', \
                 keyentry with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.8 title '95 % confidence interval'
        } else {
            plot NaN notitle, keyentry with linespoints lc rgb colour lw 1.6 pt 7 ps 0.5 title 'mean', \
                 keyentry with filledcurves lc rgb colour @hk_band title '95 % confidence band'
        }
    }
    unset multiplot
    set output
}
