# calibrate.gp — calibration: the objective at every evaluated value of
# the parameter, with 95 % confidence intervals; values where a
# constraint's mean is past its limit are shaded; the chosen value is marked;
# where the grid cannot tell its best value from others, the span the
# optimum may lie in is shaded on the objective's panel. Each
# constraint metric gets a panel of its own below, on the same x axis.
#
#   gnuplot -e "dir='results/calibrate'" plots/calibrate.gp
#
# Reads DIR/calibrate.csv (evaluation,param,value,metric,mean,ci95_low,
# ci95_high,n,feasible,chosen,as_good,constraint,goal,grid_as_good,
# optimum_span,target_place,target_jump): per evaluated value, the objective's row
# first, then one row per constraint. Writes DIR/plots/calibrate.png, .svg.
# Each constraint's limit comes from its row's constraint column
# ('rep_turnover <= 0.15'); a file without one draws no limit line.

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'

f = hk_file('calibrate.csv')
fq = hk_shq(f)
param = system("awk -F, 'NR == 2 { print $2 }' " . fq)
objective = system("awk -F, 'NR == 2 { print $4 }' " . fq)
nrep = hk_n_range('calibrate.csv', 4, objective, 8)
constraints = system("awk -F, 'NR == 2 { e = $1; next } NR > 2 && $1 == e { printf \"%s \", $4 }' " . fq)
nc = words(constraints) # a panel each
chosen = system("awk -F, 'NR > 1 && $10 == 1 { print $3; exit }' " . fq)
# Whether any value met every constraint (0 or 1).
any_feasible = system("awk -F, 'NR > 1 && $9 == 1 { f = 1; exit } END { print f + 0 }' " . fq) + 0
# What the search sought of the objective (the goal column, found by its
# header: absent from older files): "maximized", "minimized", "target 5000".
goal = system("awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == \"goal\") c = i; next } " . \
    "c && NR == 2 { print $c }' " . fq)
goal_words = goal eq 'maximize' ? ' (maximized)' : goal eq 'minimize' ? ' (minimized)' : \
    goal[1:7] eq 'target ' ? sprintf(' (%s)', goal) : ''
objective_words = goal[1:7] eq 'target ' ? 'target metric' : 'objective'
# The value sought, drawn across the objective's panel (its range takes it in).
target = goal[1:7] eq 'target ' ? hk_num(goal[8:]) : NaN
TARGET = target == target ? ", target / s with lines dt 2 lw 1.5 lc rgb '#555555' title " . hk_gpq(goal) : ''
# x range with a margin, and a shaded band around each value where a
# constraint's mean is past its limit (from halfway to the previous value to halfway to the next):
# the commands that set them, worked out once for both formats.
bands = system("awk -F, -v m=" . hk_shq(objective) . " 'NR > 1 && $4 == m { print $3, $9 }' " . fq . " | sort -g -k1,1 | " . \
    "awk '{ v[NR] = $1; ok[NR] = $2 } END { if (NR == 0) exit; " . \
    "span = v[NR] - v[1]; pad = span > 0 ? span * 0.05 : (v[1] != 0 ? (v[1] < 0 ? -v[1] : v[1]) * 0.05 : 1); " . \
    "printf \"set xrange [%.17g:%.17g]; \", v[1] - pad, v[NR] + pad; " . \
    "for (i = 1; i <= NR; i++) if (ok[i] == 0) { " . \
    "lo = i > 1 ? (v[i-1] + v[i]) / 2 : v[1] - pad; hi = i < NR ? (v[i] + v[i+1]) / 2 : v[NR] + pad; " . \
    "printf \"set object rect from first %.17g, graph 0 to first %.17g, graph 1 " . \
    "fc rgb \\\"#f6d3d3\\\" fs solid 1.0 noborder behind; \", lo, hi } }'")
# Where the optimum may lie when the grid cannot tell its best value from
# others: the values calibrate marked in optimum_span, from the least to
# the greatest (calibrate works the span out at the key's resolution).
# Empty otherwise, and for files without the column.
optimum_span = system("awk -F, -v m=" . hk_shq(objective) . " 'NR == 1 { for (i = 1; i <= NF; i++) " . \
    "if ($i == \"optimum_span\") c = i; next } c && $4 == m && $c == 1 { " . \
    "if (n++ == 0 || $3 + 0 < lo) lo = $3 + 0; if (n == 1 || $3 + 0 > hi) hi = $3 + 0 } " . \
    "END { if (n) printf \"%.17g %.17g\\n\", lo, hi }' " . fq)
span_fill = '#dbe9f6'
SPAN_KEY = optimum_span eq '' ? '' : \
    ", keyentry with boxes fs solid 1.0 border lc rgb '#9dbfe0' fc rgb span_fill " . \
    "title 'where the optimum may lie'"
colour = scol(1)
bad = '#C0392B'
# "METRIC OP LIMIT " for each constraint, in the order of the panels
# (calibrate.csv's constraint column on the first value's rows; two
# constraints may share a metric: a band).
limits = system("awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == \"constraint\") c = i; next } " . \
    "NR == 2 { e = $1; next } c && $1 == e { printf \"%s \", $c }' " . fq)

# The objective's panel: a thin line through the sorted means, 95 %
# intervals, filled points where every constraint holds, open red points
# where not; a constraint's panel marks where its own fails.
POINTS = "rows using 3:($5 / s) with lines lc rgb '#999999' dt 3 lw 1, " . \
    "rows using 3:($9 == 1 ? $5 / s : NaN):($6 / s):($7 / s) " . \
    "with yerrorbars lc rgb colour pt 7 ps 0.9 lw 1.2, " . \
    "rows using 3:($9 == 0 ? $5 / s : NaN):($6 / s):($7 / s) " . \
    "with yerrorbars lc rgb bad pt 6 ps 0.9 lw 1.2"

# Whether a constraint panel's mean v meets its limit (op and lim are
# the panel's).
holds(v) = op eq '<=' ? v <= lim : op eq '<' ? v < lim : op eq '>=' ? v >= lim : \
           op eq '>' ? v > lim : v == lim
op = '<='
lim = 0

# The key: what failing constraints look like only where there are any.
KEYS = nc > 0 ? \
    "keyentry with yerrorbars lc rgb colour pt 7 ps 0.9 lw 1.2 title 'evaluated, means within limits', " . \
    "keyentry with yerrorbars lc rgb bad pt 6 ps 0.9 lw 1.2 title 'evaluated, a mean past its limit', " . \
    "keyentry with boxes fs solid 1.0 border lc rgb '#e3a3a3' fc rgb '#f6d3d3' " . \
    "title 'where a mean is past its limit'" : \
    "keyentry with yerrorbars lc rgb colour pt 7 ps 0.9 lw 1.2 title 'evaluated'"

# Why none was chosen: no constraints and a target means the target;
# feasible values without an objective (DSO without sales), no objective.
none_chosen = goal[1:7] ne 'target ' ? (any_feasible ? \
        'no objective at any value meeting every constraint' : 'no value meets every constraint') : \
    nc == 0 ? 'the mean reaches the target at no value evaluated' : \
    'no value both reaches the target and meets every constraint'
CHOSEN = chosen eq '' ? ", keyentry with points pt 12 ps 0 lc rgb '#ffffff' title " . hk_gpq(none_chosen) : \
    ", rows using 3:($10 == 1 ? $5 / s : NaN) with points pt 12 ps chosen_ps lw 2 lc rgb '#222222' " . \
    "title " . hk_gpq('chosen: ' . chosen)

# Every panel is as wide as the others, one above the other, with the
# same left and right edges: a value sits at the same x in each, and the
# dashed line at the chosen value runs straight through all of them. The
# legends sit in the right margin.
L = 0.09
R = 0.68
top_h = nc > 0 ? 1.5 / (1.5 + nc) : 1
# Past three constraint panels each further one is lower, so that 16 fit.
H = nc > 0 ? 360 + 250 * (nc < 3 ? nc : 3) + 170 * (nc > 3 ? nc - 3 : 0) : 460

# Each panel's rows, sorted on the value, read once for both formats:
# the objective's in datablock $PANEL0, constraint c's in $PANELc.
panel_rows(c) = sprintf('$PANEL%d', c)
do for [c = 0:nc] {
    eval hk_block(panel_rows(c), hk_rows('calibrate.csv', 4, c == 0 ? objective : word(constraints, c), 0, '', 3), 0)
}

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    eval hk_term(fmt, 'calibrate', 1000, H)
    # Object 1, the objective's panel only, is drawn first: where a
    # constraint's shading crosses it, that shading shows.
    if (optimum_span ne '') {
        set object 1 rect from first hk_num(word(optimum_span, 1)), graph 0 \
            to first hk_num(word(optimum_span, 2)), graph 1 fc rgb span_fill fs solid 1.0 noborder behind
    }
    if (bands ne '') { eval bands }
    set format y '%g'
    set format x '%g'
    if (chosen ne '') {
        set arrow 1 from first hk_num(chosen), graph 0 to first hk_num(chosen), graph 1 nohead dt 2 lw 1.5 lc rgb '#222222' front
    }
    # Two lines: a long parameter and goal ran off both ends of one.
    set multiplot title sprintf("Calibration of %s\n%s %s%s at each evaluated value, 95 %s confidence intervals", \
                                hk_fit(param, 60), objective_words, objective, goal_words, '%') . \
                        ' over ' . nrep font F12
    band = 1 - 56.0 / H
    set origin 0, band * (1 - top_h)
    set size 1, band * top_h
    set lmargin at screen L
    set rmargin at screen R
    set tmargin 2.5
    set bmargin 3.5
    set title mtitle(objective) font F11
    # The parameter's name under the bottom panel only: the panels share the axis.
    if (nc > 0) { unset xlabel; set bmargin 2 } else { set xlabel param }
    # At the right margin, left-aligned: "outside right" put a wide key over the plot.
    set key at screen R + 0.015, graph 1 left top vertical Left reverse samplen 2 font F10 width 2
    # The SVG terminal draws points larger beside its text: the diamond had
    # covered the key's entry above it.
    chosen_ps = fmt eq 'svg' ? 2 : 3
    m = objective
    rows = panel_rows(0)
    stats rows using (hk_absmax(hk_absmax($5, $6), $7)) nooutput
    eval hk_stats_max
    s = mscale(m, hk_absmax(hk_max, target))
    set autoscale y
    eval hk_empty_panel
    set ylabel munit(m, s)
    plot @POINTS @TARGET, @KEYS @SPAN_KEY @CHOSEN
    # Only the span is object 1 by name; without it, the first shading
    # took that number, and unsetting it left the first failing value
    # unshaded on every constraint's panel.
    if (optimum_span ne '') { unset object 1 }
    do for [c = 1:nc] {
        m = word(constraints, c)
        rows = panel_rows(c)
        stats rows using (hk_absmax(hk_absmax($5, $6), $7)) nooutput
        eval hk_stats_max
        k = words(limits) >= 3 * c ? 3 * c - 2 : 0
        lim = k > 0 ? hk_num(word(limits, k + 2)) : NaN
        s = mscale(m, hk_absmax(hk_max, lim))
        set autoscale y
        eval hk_empty_panel
        set origin 0, band * (1 - top_h) * (nc - c) / nc
        set size 1, band * (1 - top_h) / nc
        set title sprintf('constraint: %s', mtitle(m)) font F11
        if (c == nc) { set xlabel param; set bmargin 3.5 }
        set ylabel munit(m, s)
        if (k > 0) {
            # Open red points where this panel's constraint fails, whatever
            # the others do (they had taken whether every constraint held).
            op = word(limits, k + 1)
            plot rows using 3:($5 / s) with lines lc rgb '#999999' dt 3 lw 1 notitle, \
                 rows using 3:(holds($5) ? $5 / s : NaN):($6 / s):($7 / s) \
                     with yerrorbars lc rgb colour pt 7 ps 0.9 lw 1.2 notitle, \
                 rows using 3:(holds($5) ? NaN : $5 / s):($6 / s):($7 / s) \
                     with yerrorbars lc rgb bad pt 6 ps 0.9 lw 1.2 notitle, \
                 lim / s with lines dt 4 lw 1.5 lc rgb bad \
                 title sprintf('limit: %s %s %s', m, op, word(limits, k + 2))
        } else {
            plot @POINTS
        }
    }
    unset multiplot
    set output
}
