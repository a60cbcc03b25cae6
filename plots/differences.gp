# differences.gp — paired differences from the first scenario: for each
# key metric, each other scenario's mean difference with its 95 %
# confidence interval (common random numbers make these intervals much
# narrower than the gap between two separate intervals suggests).
#
#   gnuplot -e "dir='results/presets'" plots/differences.gp
#
# Reads DIR/compare.csv (scenario,metric,diff_mean,diff_ci95_low,
# diff_ci95_high,n), for the scenarios' order and colours
# DIR/summary.csv, and for their sizes DIR/run-NAME.ini; writes DIR/plots/differences.png and .svg. Past 40
# compared scenarios each panel ranks them by their mean difference
# (hk_ranked_panel in common.gp).

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

if (nscen == 0) { eval hk_scenarios_from('{ echo the_first_scenario; ' . hk_list('compare.csv', 1) . '; }') }
reference = scen(1)
present = hk_distinct('compare.csv', 2)
metrics = ''
do for [k = 1:words(hk_key_metrics)] {
    if (hk_has(present, word(hk_key_metrics, k))) { metrics = metrics . word(hk_key_metrics, k) . ' ' }
}
if (words(metrics) == 0) {
    do for [k = 1:(words(present) < 7 ? words(present) : 7)] { metrics = metrics . word(present, k) . ' ' }
}
# Scenarios sized unlike the first run on other customers or another
# horizon: their differences are not paired like for like, and include
# the effect of those settings, as compare's table and the report's
# opening say. The settings are scenario_population_differences' (C):
# sim.days, sim.warmup_days, customers.count, reps.count and
# customers.behaviour, read from each scenario's resolved file,
# run-NAME.ini. unlike: "how-many first-such keys,that,differ" (0: none,
# or the files are not there).
unlike = system("{ " . scenarios_cmd . "; } | awk -v d=" . hk_shq(dir) . " '" . \
    "BEGIN { nk = split(\"sim.days sim.warmup_days customers.count reps.count customers.behaviour\", key, \" \"); " . \
    "for (j = 1; j <= nk; j++) want[key[j]] = 1 } " . \
    "{ name[++n] = $0 } " . \
    "END { for (i = 1; i <= n; i++) { f = d \"/run-\" name[i] \".ini\"; sec = \"\"; " . \
    "while ((getline l < f) > 0) { has[i] = 1; sub(/[;#].*/, \"\", l); gsub(/[ \\t\\r]/, \"\", l); " . \
    "if (l ~ /^\\[/) { sec = substr(l, 2, length(l) - 2); continue } " . \
    "e = index(l, \"=\"); if (e && ((sec \".\" substr(l, 1, e - 1)) in want)) v[i, sec \".\" substr(l, 1, e - 1)] = substr(l, e + 1) } " . \
    "close(f) } " . \
    "for (i = 2; has[1] && i <= n; i++) { if (!has[i]) continue; d = 0; " . \
    "for (j = 1; j <= nk; j++) if (v[1, key[j]] != v[i, key[j]]) { d = 1; diff[j] = 1 } " . \
    "if (d && !c++) first = name[i] } " . \
    "keys = \"\"; for (j = 1; j <= nk; j++) if (diff[j]) keys = keys (keys == \"\" ? \"\" : \",\") key[j]; " . \
    "print c + 0, (c ? first \" \" keys : \"\") }' 2>/dev/null")
nunlike = words(unlike) > 0 ? word(unlike, 1) + 0 : 0
unlike_keys = nunlike == 0 ? '' : hk_replace(word(unlike, 3), ',', ', ')
# Two lines of the title, each within the image: the keys named while
# they fit (all five and two long names would not).
unlike_who = nunlike == 0 ? '' : sprintf("%s%s differs from %s in ", hk_fit(word(unlike, 2), 24), \
    nunlike > 1 ? sprintf(' (and %d more)', nunlike - 1) : '', hk_fit(reference, 24))
unlike_note = nunlike == 0 ? '' : unlike_who . \
    (strlen(unlike_who . unlike_keys) <= 110 ? unlike_keys : \
     sprintf('%d of its size settings', words(hk_replace(unlike_keys, ',', ' ')))) . \
    ":\nits replications are not paired like for like: its differences include their effect"
# Each metric's paired difference per scenario, read once: "k,i,mean,low,high"
# (ranked: "k,rank,mean,low,high,i").
# A panel is 0.17 of the 1100 pixels wide (four columns between the
# margins, less the spacing): the names of the highest and the lowest,
# drawn from 3 % in, fit that.
hk_name_room = hk_label_room(0.97 * 0.17 * 1100)
# Its x label, centred under it (ranked): about 7 pixels a character.
hk_xlabel_room = int(0.17 * 1100 / 7)
ranked = nscen - 1 >= hk_ranked_from
hk_ranked_total = nscen - 1
nrep = hk_n_range('compare.csv', 2, metrics, 6)
if (ranked) {
    eval hk_load_ranked(hk_ranked('compare.csv', metrics, 3, 4, 5), metrics, 7)
    hk_ranked_bare = 1
} else {
    eval hk_load_grouped(hk_grouped('compare.csv', 2, metrics, 0, '3 4 5'), metrics, 5)
}

# Room below the panels for their x labels (ranked: a line each more
# where one takes more lines, 19 pixels).
foot = ranked ? 0.075 + 0.03 * hk_greater(0, hk_ranked_xlabel_lines(5, words(metrics)) - 1) : 0.04

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'differences', 1100, 620)
    set boxwidth 0.7
    unset xtics
    set format y '%g'
    set xzeroaxis lt 1 lc rgb '#222222' lw 1.5
    set multiplot layout 2,4 \
        title 'Paired difference from ' . reference . ' (scenario minus ' . reference . ')' . \
              (ranked ? sprintf(', %d scenarios ranked', nscen - 1) : '') . \
              "\nmean over " . nrep . ', paired (common random numbers), with 95 % confidence interval' . \
              (unlike_note eq '' ? '' : "\n" . unlike_note) \
        font F12 margins 0.085, 0.99, foot, (unlike_note eq '' ? 0.855 : 0.79) \
        spacing 0.075, (ranked ? 0.17 : 0.14)
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
        eval hk_count_missing(2)
        s = mscale(m, hk_absmax(lo, hi))
        lo = lo / s
        hi = hi / s
        lo = lo < 0 ? lo : 0
        hi = hi > 0 ? hi : 0
        pad = (hi - lo) > 0 ? (hi - lo) * 0.06 : 1
        top = hk_bars_top(hk_bare, hk_missing) * pad  # room for the note on rings and gaps
        set xrange [0.4:(nscen > 1 ? nscen - 1 : 1) + 0.6]
        set yrange [lo - pad : hi + top]
        set title mtitle(m) font F11
        set ylabel munit(m, s)
        eval hk_bars_bare_label
        plot for [r = (nscen > hk_looks ? 1 : 2):hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                 using ($2 - 1):($1 == k && hk_look($2, r) ? $3 / s : NaN) \
                 with boxes lc rgb scol(r) fs pattern spat(r) border -1, \
             for [r = (nscen > hk_looks ? 1 : 2):hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                 using ($2 - 1):($1 == k && hk_look($2, r) && !hk_bare_row(3, 4, 5) ? $3 / s : NaN):($4 / s):($5 / s) \
                 with yerrorbars lc rgb '#222222' pt 7 ps 0.45 lw 1.2, \
             for [j = 1:(hk_bare > 0)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                 using ($2 - 1):($1 == k && hk_bare_row(3, 4, 5) ? $3 / s : NaN) \
                 with points pt 6 ps 1.1 lw 1.4 lc rgb hk_bare_colour
        unset label 6
    }
    do for [k = words(metrics) + 1:7] { set multiplot next }
    if (ranked) {
        eval hk_ranked_legend('compare.csv')
        unset multiplot
        set output
        continue
    }
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
        title sprintf('difference from %s', hk_fit(reference, 16))
    room = hk_key_room(0.46 * 620, hk_legend_spacing(nscen))
    plot NaN notitle, for [i = 2:1 + hk_listed(nscen - 1, room)] keyentry with boxes lc rgb scol(i) fs pattern spat(i) border -1 title hk_fit(scen(i), hk_legend_chars(nscen - 1)), \
         for [j = 1:(nscen - 1 > room ? 1 : 0)] keyentry with points ps 0 title hk_more(nscen - 1, room, 'compare.csv'), \
         keyentry with yerrorbars lc rgb '#222222' pt 7 ps 0.45 title '95 % interval'
    unset multiplot
    set output
}
