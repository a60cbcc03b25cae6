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
#
# A band needs a neighbour: a value whose neighbours have no interval
# (their mean undefined, a DSO without sales, or from one replication)
# would show its mean alone, as if certain, so its interval is an error
# bar. A mean without an interval (one replication) is labelled as
# having none, and the values where a metric has no value at all are
# named in the panel, not left out unsaid.

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
# A panel's rows (hk_rows, sorted on the value), each with a ninth
# column for how it is drawn: 0 in a band, 1 an interval without a
# neighbour to make a band with (an error bar), 2 a mean without an
# interval, 3 no mean at all. (Read as text by awk: gnuplot would skip a
# row whose "nan" it reads as a number.)
hk_sweep_flag = hk_awk_num . "{ r[++n] = $0; iv[n] = num($4) && num($6) && num($7); " . \
    "f[n] = !num($4) ? 3 : !iv[n] ? 2 : 0 } " . \
    "END { for (i = 1; i <= n; i++) { if (f[i] == 0 && !(i > 1 && iv[i - 1]) && !(i < n && iv[i + 1])) " . \
    "f[i] = 1; print r[i] \",\" f[i] } }"
hk_flagged(data) = data . ' | awk -F, ' . hk_shq(hk_sweep_flag)
# eval hk_panel_load(k, data, room): panel k's rows (data, each with its
# flag) into datablock $SWEEPk, and from the same pass how many are drawn
# as an error bar alone (flag 1) into ALONE[k], as a mean without an
# interval (flag 2) into BARE[k], and into NOTE[k] its note of the values
# where the metric has no value, "no value at 0, 0.5", in lines of at
# most room characters, three at most (then how many more), '' if it has
# one at every value.
panel_rows(k) = sprintf('$SWEEP%d', k)
hk_panel_facts = '$9 == 1 { a++ } $9 == 2 { b++ } $9 == 3 { v[++n] = $2 } ' . \
    'END { print "EOD"; printf "ALONE[%d] = %d; BARE[%d] = %d\n", k, a, k, b; note = ""; ' . \
    'if (n) { t = "no value at " v[1]; l = 1; out = ""; ' . \
    'for (i = 2; i <= n; i++) { if (length(t) + 2 + length(v[i]) <= room) { t = t ", " v[i]; continue } ' . \
    'if (l == 3) { t = t ",\\nand " (n - i + 1) " more"; break } out = out t ",\\n"; t = v[i]; l++ } ' . \
    'note = out t } printf "NOTE[%d] = \"%s\"\n", k, note }'
hk_panel_load(k, data, room) = "load " . hk_gdq(hk_flagged(data) . \
    sprintf(" | awk -F, -v k=%d -v room=%d ", k, room) . hk_shq(hk_awk_rows(panel_rows(k), 9) . hk_panel_facts))
# A panel's plot is about (0.89 - spacing) / cols of the 1100 pixels.
hk_note_room = hk_label_room((0.89 - (cols - 1) * 0.075) / cols * 1100)

# Each panel's rows (with their flags, in datablock $SWEEPk), note,
# error bars and labels, worked out once for both formats.
array NOTE[words(metrics) + 1]
array ALONE[words(metrics) + 1]
array BARE[words(metrics) + 1]
do for [k = 1:words(metrics)] {
    eval hk_panel_load(k, hk_rows('sweep.csv', 1, param, 3, word(metrics, k), 2), hk_note_room)
}
any_alone = 0
do for [k = 1:words(metrics)] { any_alone = any_alone || ALONE[k] > 0 }
# Where a "no interval" label goes: above its mean, but kept from
# running past either end of the axis, between ax and bx (the label is
# about 85 pixels wide: half of it is hk_half_label of a panel's plot).
hk_half_label = 42.0 / (hk_note_room * 7.5)
hk_label_x(x, ax, bx) = x < ax + hk_half_label * (bx - ax) ? ax + hk_half_label * (bx - ax) : \
    x > bx - hk_half_label * (bx - ax) ? bx - hk_half_label * (bx - ax) : x

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'sweep', 1100, rows > 1 ? 640 : 360)
    set format y '%g'
    set format x '%g'
    set xlabel param
    # One row of panels is 360 pixels tall: the margins of two rows' 640
    # would put the panels' titles over the chart's.
    set multiplot layout rows, cols \
        title sprintf('Sweep of %s: mean over %s with 95 %s confidence %s', param, nrep, '%', \
                      categorical ? 'interval' : 'band') \
        font F12 margins 0.085, 0.975, rows > 1 ? 0.09 : 0.14, rows > 1 ? 0.89 : 0.81 spacing 0.075, 0.17
    do for [k = 1:words(metrics)] {
        m = word(metrics, k)
        data = panel_rows(k) # the flag, a last column, drawn only from flagged
        flagged = data
        set autoscale xy
        stats data using (hk_absmax(hk_absmax($4, $6), $7)) nooutput
        eval hk_stats_max
        s = mscale(m, hk_max)
        eval hk_empty_panel
        # Room above the data for the note (a line of it is about 0.075
        # of a panel's height) and the labels: that share f of the
        # panel is an offset of f / (1 - f) of the data's range.
        unset label 8
        set offsets 0, 0, 0, 0
        note_lines = NOTE[k] eq '' ? 0 : words(hk_replace(NOTE[k], "\n", ' | ')) - words(NOTE[k]) + 1
        f = (note_lines > 0 ? 0.05 + 0.075 * note_lines : 0) + (BARE[k] > 0 ? 0.1 : 0)
        if (!hk_none && f > 0) { set offsets 0, 0, graph f / (1 - f), 0 }
        if (!hk_none && note_lines > 0) {
            set label 8 NOTE[k] at graph 0.03, 0.95 left front font F10 tc rgb '#666666'
        }
        set title mtitle(m) font F11
        set ylabel munit(m, s)
        if (categorical) {
            ax = 0.5; bx = words(values) + 0.5
            set xrange [ax:bx]
            set xtics () scale 0
            do for [i = 1:words(values)] { set xtics add (word(values, i) i) }
            # An error bar without its ends leaves a mark on the border:
            # a mean without an interval is a point of its own.
            plot flagged using ($9 == 2 ? NaN : hk_index(values, strcol(2))):($4 / s):($6 / s):($7 / s) \
                 with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.8, \
                 for [j = 1:(BARE[k] > 0)] flagged using (hk_index(values, strcol(2))):($9 == 2 ? $4 / s : NaN) \
                     with points lc rgb colour pt 7 ps 0.8, \
                 for [j = 1:(BARE[k] > 0)] flagged \
                     using (hk_label_x(hk_index(values, strcol(2)), ax, bx)):($9 == 2 ? $4 / s : NaN):('no interval') \
                     with labels center offset 0, 1.1 font F10 tc rgb '#8a1f11'
        } else {
            # The axis ends at the values swept, not at the next tick past
            # them; a little past, so that an error bar at either end is
            # not cut in half by the border.
            pad = ALONE[k] > 0 ? 0.03 * (xhi - xlo) : 0
            if (xstep > 0) { set xrange [xlo - pad:xhi + pad]; set xtics xstep } else { set xtics autofreq }
            plot data using 2:($6 / s):($7 / s) with filledcurves lc rgb colour @hk_band, \
                 data using 2:($4 / s) with linespoints lc rgb colour lw 1.6 pt 7 ps 0.5, \
                 for [j = 1:(ALONE[k] > 0)] flagged using 2:($9 == 1 ? $4 / s : NaN):($6 / s):($7 / s) \
                     with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.5, \
                 for [j = 1:(BARE[k] > 0)] flagged using (hk_label_x($2, xlo, xhi)):($9 == 2 ? $4 / s : NaN):('no interval') \
                     with labels center offset 0, 1.1 font F10 tc rgb '#8a1f11'
        }
    }
    if (words(metrics) < 8) {
        unset title; unset ylabel; unset label 1; unset label 8; unset xlabel; unset border; unset tics; unset grid
        set offsets 0, 0, 0, 0
        set xrange [0:1]; set yrange [0:1]
        set key center center vertical Left reverse samplen 2 spacing 1.4 font F11
        if (categorical) {
            plot NaN notitle, keyentry with points lc rgb colour pt 7 ps 0.8 title 'mean', \
                 keyentry with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.8 title '95 % confidence interval'
        } else {
            plot NaN notitle, keyentry with linespoints lc rgb colour lw 1.6 pt 7 ps 0.5 title 'mean', \
                 keyentry with filledcurves lc rgb colour @hk_band title '95 % confidence band', \
                 for [j = 1:any_alone] keyentry with yerrorbars lc rgb colour lw 1.6 pt 7 ps 0.5 \
                     title '95 % interval of a value alone'
        }
    }
    unset multiplot
    set output
}
