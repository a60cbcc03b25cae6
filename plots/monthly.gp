# monthly.gp — monthly series: receivables outstanding and DSO for each
# 30-day month of the horizon, per scenario, the mean as a line and its
# 95 % confidence interval as a shaded band.
#
#   gnuplot -e "dir='results/presets'" plots/monthly.gp
#
# Reads DIR/monthly.csv (scenario,month,metric,mean,sd,ci95_low,
# ci95_high,n); writes DIR/plots/monthly.png and .svg.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'
load hk_dir(ARG0) . 'spread.gp'

if (nscen == 0) { eval hk_scenarios_from(hk_list('monthly.csv', 1)) }
series = 'ar overdue dso'
stitle(m) = m eq 'ar' ? 'Receivables outstanding (month end)' : \
            m eq 'overdue' ? 'Overdue receivables (month end)' : 'DSO'
panel_w = 0.255
stats hk_file('monthly.csv') using 2 nooutput
months = STATS_max
step = months <= 8 ? 1 : ceil(months / 7.0)
# Months in which customers hold back payment before the firm's
# reporting date (monthly.csv's "blackout_days" rows, the same in every
# replication) are shaded amber, the darker the more of their days: the
# receivables and DSO that rise there, and the sales a stopped supply
# loses, are the reporting-window customers' doing, not the scheme's.
# blackout: "month share ..." for the months with any, "differ" where
# the scenarios' blackouts are not the same, "" where none has any (or
# the rows are not there). Where horizons end differently, a month one
# scenario has only part of is compared by the days it can hold (its
# count no more than the whole month's, short of it by no more than the
# days it lacks) and shaded by the scenario with the most of its days.
blackout = system("awk -F, 'NR > 1 { all[$1] = 1 } " . \
    "NR > 1 && $3 == \"days\" { d[$1 \",\" $2] = $4 + 0 } " . \
    "NR > 1 && $3 == \"blackout_days\" { s[$1] = 1; b[$1 \",\" $2] = $4 + 0; mon[$2] = 1 } " . \
    "END { for (x in all) if (!(x in s)) some = 1; for (k in b) if (b[k] > 0) any = 1; " . \
    "if (!any) exit; if (some) { print \"differ\"; exit } " . \
    "for (m in mon) { top = \"\"; for (x in s) { k = x \",\" m; " . \
    "if ((k in b) && (top == \"\" || d[k] > d[top])) top = k } " . \
    "for (x in s) { k = x \",\" m; if (!(k in b)) continue; " . \
    "if (d[k] == d[top]) { if (b[k] != b[top]) differ = 1 } " . \
    "else if (b[k] > b[top] || b[top] - b[k] > d[top] - d[k]) differ = 1 } " . \
    "if (b[top] > 0) f[m] = d[top] > 0 ? b[top] / d[top] : 1 } " . \
    "if (differ) { print \"differ\"; exit } " . \
    "for (m in f) printf \"%d %.4f \", m, f[m] }' " . hk_shq(hk_file('monthly.csv')))
blackout_differ = blackout eq 'differ'
blackout_months = blackout_differ ? 0 : words(blackout) / 2
# Whether month m is shaded (a share is written with decimals, never as
# " m ").
blackout_in(m) = blackout_months > 0 && strstrt(' ' . blackout, sprintf(' %d ', m)) > 0
# The short last month is shaded amber too where it is a blackout's:
# its grey then shows as amber, and it is named by its label alone.
last_blackout = blackout_in(months)
# A horizon not a whole number of months (365 days: 12 and 5 days) ends
# in a short month: its receivables are those at the horizon's end, its
# DSO rests on those few days of sales (hence its wider band). It is
# drawn as it is, shaded and labelled with its days, not passed off as a
# month like the others: the x axis counts 30-day months, each month's
# point at its end, so a last month of 5 days ends a sixth of a month
# after the one before it. last_days: the days of the scenarios' last
# month (monthly.csv's "days" rows), 0 if the rows are not there, -1 if
# the scenarios' horizons end differently (each scenario's own months
# are in monthly.csv; each one's last is drawn where it ends);
# x_first, x_last: where the scenarios' first and last months end.
x_ends = system("awk -F, 'NR > 1 && $3 == \"days\" && $2 + 0 >= last[$1] " . \
    "{ last[$1] = $2 + 0; d[$1] = $4 + 0 } " . \
    "END { lo = 1; for (s in last) { if (!n++) { m = last[s]; dd = d[s] } " . \
    "else if (last[s] != m || d[s] != dd) differ = 1; e = d[s] < 30 ? d[s] / 30 : 1; " . \
    "if (last[s] == 1 && e < lo) lo = e; if (last[s] - 1 + e > hi) hi = last[s] - 1 + e } " . \
    "print (differ ? -1 : dd + 0), lo, hi + 0 }' " . \
    hk_shq(hk_file('monthly.csv')))
last_days = word(x_ends, 1) + 0
partial = last_days > 0 && last_days < 30
shaded = partial && months > 1
partial_note = partial ? sprintf('month %d has only %g day%s%s', months, last_days, \
                                 last_days == 1 ? '' : 's', \
                                 shaded ? (last_blackout ? ' (labelled with its days)' : \
                                           blackout_months > 0 ? ' (shaded grey)' : ' (shaded)') : '') : \
    last_days < 0 ? "the scenarios' horizons end differently: a last month may be short" : ''
if (blackout_differ) {
    partial_note = partial_note . (partial_note eq '' ? '' : '; ') . \
        'reporting blackouts differ between the scenarios: not shaded (monthly.csv: blackout_days)'
}
x_first = months > 1 ? word(x_ends, 2) + 0.0 : 1
# A blackout in month 1 lies before month 1's point: the axis starts
# where that month does, so that its shading shows.
x_lo = months > 1 && blackout_in(1) ? 0 : x_first
x_last = months > 1 && word(x_ends, 3) + 0 > 0 ? word(x_ends, 3) + 0.0 : months
# A scenario's last month shorter than 30 days ends where it ends: rows
# of monthly.csv are read with its x (column 2) moved there, from the
# scenario's "days" rows (read first, by getline). One month alone is
# drawn at 1, with nothing beside it to be placed against.
if (months > 1) {
    hk_awk_x = 'BEGIN { hx_f = ARGV[ARGC - 1]; while ((getline hx_l < hx_f) > 0) { ' . \
        'if (index(hx_l, ",days,")) { split(hx_l, hx_c, ","); if (hx_c[3] == "days" && hx_c[2] + 0 >= hx_m[hx_c[1]]) { ' . \
        'hx_m[hx_c[1]] = hx_c[2] + 0; hx_d[hx_c[1]] = hx_c[4] + 0 } } } close(hx_f) } ' . \
        'FNR > 1 && ($1 in hx_m) && $2 + 0 == hx_m[$1] && hx_d[$1] > 0 && hx_d[$1] < 30 ' . \
        '{ $2 = $2 - 1 + hx_d[$1] / 30 } '
}
blackout_key = blackout_months > 0 ? ", keyentry with filledcurves lc rgb '#f0b429' " . \
    "fill transparent solid 0.3 noborder title 'reporting blackout'" : ''
# Where month m lies on the x axis: from the end of the one before to
# its own end (a short last month's end at x_last; one month alone fills
# the panel).
hk_month_from(m) = months > 1 ? m - 1 : 0.5
hk_month_to(m) = months == 1 ? 1.5 : m == months ? x_last : m

# A month's name for a label: "month 12 (20 days)" for a short one.
hk_month(x) = x == floor(x) ? sprintf('month %d', x) : \
    sprintf('month %d (%d days)', floor(x) + 1, floor((x - floor(x)) * 30 + 0.5))
# Past 40 scenarios, each panel draws how the scenarios spread
# (hk_spread in spread.gp); up to 40, a line each.
spread = nscen >= hk_ranked_from
# A panel's plot is about 200 pixels wide (its share of the 1100, less
# its margins): the names of the highest and the lowest fit that.
hk_name_room = hk_label_room(195)
nrep = hk_n_range('monthly.csv', 3, series, 8)
if (spread) {
    eval hk_load_ranked(hk_spread('monthly.csv', 3, series, 2, 4, 6, 7), hk_spread_names(series), 9)
} else {
    # Each series per scenario, read once: "k,i,month,mean,low,high".
    eval hk_load_grouped(hk_grouped('monthly.csv', 3, series, 2, '4 6 7'), series, 6)
}

# The title, on two lines where one would run off the image (about 126
# characters of F12 fit across it), the panels lower by as much.
chart_title = 'Monthly series: mean over ' . nrep . ' with 95 % confidence band' . \
    (spread ? sprintf(', %d scenarios: their spread', nscen) : '')
two_lines = partial_note ne '' && strlen(chart_title . '; ' . partial_note) > 126
chart_title = chart_title . (partial_note eq '' ? '' : two_lines ? ";\n" : '; ') . partial_note
panel_h = two_lines ? 0.89 : 0.93

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'monthly', 1100, 460)
    set multiplot title chart_title font F12
    set format y '%g'
    set xlabel 'month of the horizon (30 days)'
    set xtics 1, step nomirror
    do for [k = 1:words(series)] {
        m = word(series, k)
        set origin (k - 1) * panel_w, 0
        set size panel_w, panel_h
        set lmargin 9
        set rmargin 2
        set title stitle(m) font F11
        unset object 10; unset label 7
        if (shaded) {
            set object 10 rect from months - 1, graph 0 to x_last, graph 1 behind \
                fc rgb '#e8e8e8' fs solid 1.0 noborder
            set label 7 sprintf('%g days', last_days) at (months - 1 + x_last) / 2.0, graph 0.03 \
                left rotate by 90 front font F10 tc rgb '#555555'
        }
        do for [i = 1:blackout_months] {
            bm = word(blackout, 2 * i - 1) + 0
            set object (30 + i) rect from hk_month_from(bm), graph 0 to hk_month_to(bm), graph 1 \
                behind fc rgb '#f0b429' fs transparent solid (0.08 + 0.22 * word(blackout, 2 * i)) noborder
        }
        # A range fixed for the panel before would drop points from stats.
        set autoscale xy
        if (spread) { eval hk_spread_span } else { eval hk_span(k, '4 5 6') }
        s = mscale(m eq 'dso' ? m : 'ar_end', hk_absmax(lo, hi))
        set ylabel munit(m eq 'dso' ? m : 'ar_end', s)
        if (spread) {
            lo = lo / s; hi = hi / s
            lo = lo < 0 ? lo : 0
            span = hi - lo > 0 ? hi - lo : 1
            if (months > 1) { set xrange [x_lo:x_last] } else { set xrange [0.5:1.5] }
            # Room above the data for the names, how many means are
            # ringed for want of an interval, and how many scenarios
            # have a value where not all do: rows hk_spread_row (0.07)
            # of the panel apart from 0.95 down, the data below them.
            hk_c = hk_spread_count(hk_month(hk_fewest_at), ",\n")
            eval hk_spread_labels(0.95)
            hk_rows = hk_label_rows + (hk_c eq '' ? 0 : strstrt(hk_c, "\n") ? 2 : 1)
            set yrange [lo < 0 ? lo - 0.06 * span : 0 : hi + (1 / (0.9 - hk_spread_row * hk_rows) - 1) * span]
            unset label 6
            if (hk_c ne '') {
                set label 6 hk_c at graph 0.03, 0.95 - hk_spread_row * hk_label_rows left front font F10 tc rgb '#555555'
            }
            eval hk_spread_plot('')
            unset label 6
            continue
        }
        eval hk_empty_panel
        # A mean without an interval (one replication had a value that
        # month) would look as sure as the rest: it is ringed, and
        # labelled 'no interval' where a few are, or the panel says how
        # many there are (the labels of many would hide the lines).
        eval hk_count_bare('4, 5, 6')
        unset label 8
        set offsets 0, 0, 0, 0
        if (hk_bare > 0) {
            set offsets 0, 0, graph 0.15, 0
            if (hk_bare > 4) {
                set label 8 sprintf('%d ringed means: no interval', hk_bare) at graph 0.03, 0.95 \
                    left front font F10 tc rgb '#8a1f11'
            }
        }
        # A series the same in every month and scenario (no overdue at
        # all) gets a range from zero past its value, not gnuplot's warning.
        if (!hk_none && lo == hi) {
            set yrange [lo < 0 ? 2 * lo / s : 0 : hi > 0 ? 2 * hi / s : 1]
        }
        if (months > 1) {
            # A series without rows still gets its months' axis.
            set xrange [x_lo:x_last]
            plot for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                     using ($1 == k && hk_look($2, r) ? $3 : NaN):($5 / s):($6 / s) \
                     with filledcurves lc rgb scol(r) @hk_band, \
                 for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                     using ($1 == k && hk_look($2, r) ? $3 : NaN):($4 / s) \
                     with linespoints lc rgb scol(r) dt sdt(r) lw 1.8 pt spt(r) ps 0.45, \
                 for [j = 1:(hk_bare > 0)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                     using ($1 == k && hk_bare_row(4, 5, 6) ? $3 : NaN):($4 / s) \
                     with points lc rgb '#8a1f11' pt 6 ps 1.3 lw 1.2, \
                 for [j = 1:(hk_bare > 0 && hk_bare <= 4)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                     using ($1 == k && hk_bare_row(4, 5, 6) ? $3 : NaN):($4 / s):('no interval') \
                     with labels center offset 0, 1.1 font F10 tc rgb '#8a1f11'
        } else {
            # One month makes no line or band: each scenario's mean and
            # interval, side by side.
            set xrange [0.5:1.5]
            # An error bar without its ends leaves a mark on the border:
            # a mean without an interval is a point of its own.
            hk_x(i) = 1 + 0.6 * (i - (nscen + 1) / 2.0) / (nscen + 1)
            plot for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                     using ($1 == k && hk_look($2, r) && !hk_bare_row(4, 5, 6) ? hk_x($2) : NaN):($4 / s):($5 / s):($6 / s) \
                     with yerrorbars lc rgb scol(r) pt spt(r) ps 0.8 lw 1.6, \
                 for [r = 1:hk_nlooks(nscen) * (hk_bare > 0)] $HK every ::hk_look_first(k, r)::hk_look_last(k, r) \
                     using ($1 == k && hk_look($2, r) && hk_bare_row(4, 5, 6) ? hk_x($2) : NaN):($4 / s) \
                     with points lc rgb scol(r) pt spt(r) ps 0.8, \
                 for [j = 1:(hk_bare > 0)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                     using ($1 == k && hk_bare_row(4, 5, 6) ? hk_x($2) : NaN):($4 / s) \
                     with points lc rgb '#8a1f11' pt 6 ps 1.3 lw 1.2, \
                 for [j = 1:(hk_bare > 0 && hk_bare <= 4)] $HK every ::hk_group_first(k)::hk_group_last(k) \
                     using ($1 == k && hk_bare_row(4, 5, 6) ? hk_x($2) : NaN):($4 / s):('no interval') \
                     with labels center offset 0, 1.1 font F10 tc rgb '#8a1f11'
        }
    }
    set origin words(series) * panel_w, 0
    set size 1 - words(series) * panel_w, panel_h
    unset object 10; unset label 7; unset label 8
    do for [i = 1:blackout_months] { unset object (30 + i) }
    set offsets 0, 0, 0, 0
    unset title; unset ylabel; unset label 1; unset xlabel; unset border; unset tics; unset grid
    set xrange [0:1]; set yrange [0:1]
    # The panel's whole height, so that a long list stays one column.
    set tmargin at screen panel_h; set bmargin at screen 0.01
    spacing = nscen > 12 ? 1.0 : 1.4
    if (spread) {
        unset label 3; unset label 4
        set label 5 sprintf("%d scenarios: too many\nfor a line each. At each\nmonth, the spread of\n" . \
            "their means; named, the\nhighest and the lowest\non average over the\nmonths all have.", nscen) \
            at graph 0.06, 0.97 left font F10 tc rgb '#333333'
        # One entry more for the blackout's shading: the key starts higher.
        set key at graph 0.02, (blackout_months > 0 ? 0.57 : 0.5) left top vertical Left reverse samplen 2 \
            spacing 1.3 font F10
        eval "plot NaN notitle, " . hk_spread_key . blackout_key
        unset label 5
        unset multiplot
        set output
        continue
    }
    set key center center vertical Left reverse samplen 2 spacing spacing font F10 \
        title 'scenario'
    eval hk_calibrated_label(0.40)
    room = hk_key_room((panel_h - 0.01) * 460, spacing)
    # A calibrated scenario (the only one) comes last, right above its note.
    if (hk_calibrated_note ne '') {
        plot NaN notitle, keyentry with filledcurves lc rgb '#888888' @hk_band title '95 % confidence band' \
             @blackout_key, keyentry with lines lc rgb scol(1) dt sdt(1) lw 1.8 title slabel_fit(1, 26)
    } else {
        plot NaN notitle, for [i = 1:hk_listed(nscen, room)] keyentry with lines lc rgb scol(i) dt sdt(i) lw 1.8 title slabel_fit(i, 26), \
             for [j = 1:(nscen > room ? 1 : 0)] keyentry with points ps 0 title hk_more(nscen, room, 'monthly.csv'), \
             keyentry with filledcurves lc rgb '#888888' @hk_band title '95 % confidence band' \
             @blackout_key
    }
    unset multiplot
    set output
}
