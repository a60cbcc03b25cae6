# compare.gp — policy comparison: each key metric per scenario, as bars
# with the 95 % confidence interval of the mean.
#
#   gnuplot -e "dir='results/presets'" plots/compare.gp
#
# Reads DIR/summary.csv (scenario,metric,mean,sd,ci95_low,ci95_high,n);
# writes DIR/plots/compare.png and .svg. One panel per metric, one bar
# per scenario in the scenarios' colours; the last panel is the legend.
# Past 40 scenarios each panel ranks them by their mean instead
# (hk_ranked_panel in common.gp).

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

metrics = hk_key_metrics
# A panel is 0.17 of the 1100 pixels wide (four columns between the
# margins, less the spacing): the names of the highest and the lowest,
# drawn from 3 % in, fit that.
hk_name_room = hk_label_room(0.97 * 0.17 * 1100)
# Its x label, centred under it (ranked): about 7 pixels a character.
hk_xlabel_room = int(0.17 * 1100 / 7)
ranked = nscen >= hk_ranked_from
hk_ranked_total = nscen
nrep = hk_n_range('summary.csv', 2, metrics, 7)
# Each key metric's mean and interval per scenario, read once: "k,i,mean,low,high"
# (ranked: "k,rank,mean,low,high,i,bare").
if (ranked) {
    eval hk_load_ranked(hk_ranked('summary.csv', metrics, 3, 5, 6), metrics, 7)
    hk_ranked_bare = 1
} else {
    eval hk_load_grouped(hk_grouped('summary.csv', 2, metrics, 0, '3 5 6'), metrics, 5)
}

# Room below the panels for their x labels (ranked: a line each more
# where one takes more lines, 19 pixels).
foot = ranked ? 0.075 + 0.03 * hk_greater(0, hk_ranked_xlabel_lines(5, words(metrics)) - 1) : 0.04

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'compare', 1100, 620)
    set boxwidth 0.7
    unset xtics
    set format y '%g'
    set xzeroaxis lt 1 lc rgb '#444444' lw 1
    set multiplot layout 2,4 \
        title 'Policy comparison: mean over ' . nrep . ' with 95 % confidence interval' . \
              (ranked ? sprintf(', %d scenarios ranked by their mean', nscen) : '') \
        font F12 margins 0.085, 0.99, foot, 0.89 spacing 0.075, (ranked ? 0.17 : 0.14)
    do for [k = 1:words(metrics)] {
        m = word(metrics, k)
        if (ranked) {
            eval hk_ranked_panel
            continue
        }
        set autoscale xy
        eval hk_span(k, '3 4 5')
        # A mean from one replication has no interval: a bar alone would
        # look certain, so its mean is ringed and the panel says why.
        eval hk_count_bare('3, 4, 5')
        eval hk_count_missing(1)
        s = mscale(m, hk_absmax(lo, hi))
        lo = lo / s
        hi = hi / s
        lo = lo < 0 ? lo : 0
        hi = hi > 0 ? hi : 0
        pad = (hi - lo) > 0 ? (hi - lo) * 0.06 : 1
        top = hk_bars_top(hk_bare, hk_missing) * pad  # room for the note on rings and gaps
        set xrange [0.4:nscen + 0.6]
        set yrange [lo < 0 ? lo - pad : 0 : hi + top]
        set title mtitle(m) font F11
        set ylabel munit(m, s)
        eval hk_bars_bare_label
        plot for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                 using 2:($1 == k && hk_look($2, r) ? $3 / s : NaN) \
                 with boxes lc rgb scol(r) fs pattern spat(r) border -1, \
             for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                 using 2:($1 == k && hk_look($2, r) && !hk_bare_row(3, 4, 5) ? $3 / s : NaN):($4 / s):($5 / s) \
                 with yerrorbars lc rgb '#222222' pt 7 ps 0.45 lw 1.2, \
             for [j = 1:(hk_bare > 0)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                 using 2:($1 == k && hk_bare_row(3, 4, 5) ? $3 / s : NaN) \
                 with points pt 6 ps 1.1 lw 1.4 lc rgb hk_bare_colour
        unset label 6
    }
    if (ranked) {
        eval hk_ranked_legend('summary.csv')
        unset multiplot
        set output
        continue
    }
    # The last panel is the legend: a swatch per scenario.
    unset title; unset ylabel; unset label 1; unset border; unset tics; unset grid; unset xzeroaxis
    set xrange [0:1]; set yrange [0:1]
    keyfont = hk_legend_font(nscen)
    # The whole height of the panel, not the layout's plotting area, so a
    # long list of scenarios stays one column.
    set tmargin at screen 0.47; set bmargin at screen 0.01
    # ... and its whole width, to the image's right edge.
    set lmargin at screen 0.78; set rmargin at screen 0.995
    set key center center vertical Left reverse samplen 2 font keyfont \
        spacing hk_legend_spacing(nscen) maxrows nscen + 1 \
        title 'scenario'
    eval hk_calibrated_label(0.35)
    room = hk_key_room(0.46 * 620, hk_legend_spacing(nscen))
    # A calibrated scenario (the only one) comes last, right above its note.
    if (hk_calibrated_note ne '') {
        plot NaN notitle, keyentry with yerrorbars lc rgb '#222222' pt 7 ps 0.45 title '95 % interval', \
             keyentry with boxes lc rgb scol(1) fs pattern spat(1) border -1 title slabel_fit(1, hk_legend_chars(1))
    } else {
        plot NaN notitle, for [i = 1:hk_listed(nscen, room)] keyentry with boxes lc rgb scol(i) fs pattern spat(i) border -1 title slabel_fit(i, hk_legend_chars(nscen)), \
             for [j = 1:(nscen > room ? 1 : 0)] keyentry with points ps 0 title hk_more(nscen, room, 'summary.csv'), \
             keyentry with yerrorbars lc rgb '#222222' pt 7 ps 0.45 title '95 % interval'
    }
    unset multiplot
    set output
}
