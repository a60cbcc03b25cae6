# common.gp — what every huikuan chart shares; each chart script loads it.
#
# Set by the caller:  dir  the results folder (required)
#                     out  where NAME.png and NAME.svg go (default dir/plots)
#
# Colours: a scenario's colour is its position in summary.csv (the order
# the scenarios were given on the command line), so the same scenario has
# the same colour in every chart and in the HTML report. The palette is
# Okabe–Ito (distinguishable with the common colour-vision deficiencies);
# src/charts.c holds the same list for the report, and a test checks the
# two agree.
#
# Helpers here shell out to awk and sort only to list the names in a CSV
# column; the data itself is read by gnuplot.

if (!exists("dir")) {
    print "usage: gnuplot -e \"dir='results/NAME'\" plots/CHART.gp"
    exit status 2
}

# ---- strings ---------------------------------------------------------------
hk_replace(s, a, b) = strstrt(s, a) == 0 ? s : \
    s[1:strstrt(s, a) - 1] . b . hk_replace(s[strstrt(s, a) + strlen(a):], a, b)
hk_shq(s) = "'" . hk_replace(s, "'", "'\"'\"'") . "'"      # for the shell ('"'"': no backslash, which gnuplot's '...' would read)
hk_gpq(s) = "'" . hk_replace(s, "'", "''") . "'"         # for gnuplot
# The same in double quotes, for text that may hold '' (an empty shell
# argument), which gnuplot misreads inside single quotes; a backquote is
# escaped too, or gnuplot would run what a pair of them holds.
hk_gdq(s) = '"' . hk_replace(hk_replace(hk_replace(s, '\', '\\'), '"', '\"'), '`', '\`') . '"'
hk_has(list, w) = strstrt(' ' . list . ' ', ' ' . w . ' ') > 0
hk_index(list, w) = hk_has(list, w) ? \
    words(substr(' ' . list . ' ', 1, strstrt(' ' . list . ' ', ' ' . w . ' '))) + 1 : 0

hk_file(name) = dir . '/' . name
# (huikuan plot says beforehand, in hk_asked and hk_present, of the
# files it knows the scripts ask about.)
hk_exists(name) = exists('hk_asked') && hk_has(hk_asked, name) ? hk_has(hk_present, name) : \
    system('test -f ' . hk_shq(hk_file(name)) . ' && echo 1 || echo 0') + 0
# A shell command printing the distinct values of column c of a CSV file
# with a header, one per line, in order of first appearance (names are
# [A-Za-z0-9_.-]). Scripts hand the scenario list to awk this way, as its
# input: a batch's list can be more than the shell takes as one argument.
hk_list(name, c) = sprintf("awk -F, -v c=%d 'NR > 1 && !seen[$c]++ { print $c }' %s 2>/dev/null", \
    c, hk_shq(hk_file(name)))
# What shell command cmd prints, its lines as words separated by spaces.
hk_words_of(cmd) = system(cmd . " | tr '\\n' ' '")
# Those values as words.
hk_distinct(name, c) = hk_words_of(hk_list(name, c))
# How many replications the charted rows of CSV name rest on, for a
# title: "n = 40 replications", or "n = 12 to 40 replications" when they
# differ (a batch's rows, or a metric some replications leave undefined).
# The rows are those whose column mc is one of the words of metrics (all
# of them if metrics is ''); n is column nc; rows without a value (n = 0)
# are left out. Without the file: "replications".
hk_n_range(name, mc, metrics, nc) = system(sprintf( \
    "awk -F, -v mc=%d -v nc=%d -v ml=%s 'BEGIN { k = split(ml, m, \" \"); " . \
    "for (j = 1; j <= k; j++) want[m[j]] = 1 } " . \
    "NR > 1 && (k == 0 || ($mc \"\") in want) && $nc + 0 > 0 { v = $nc + 0; " . \
    "if (!s++) lo = hi = v; if (v < lo) lo = v; if (v > hi) hi = v } " . \
    "END { print s ? (lo == hi ? \"n = \" lo : \"n = \" lo \" to \" hi) \" replications\" : \"replications\" }' %s 2>/dev/null", \
    mc, nc, hk_shq(metrics), hk_shq(hk_file(name))))
# eval hk_scenarios_from(cmd): the scenarios are the lines cmd prints (a
# folder without summary.csv: hk_list of another CSV); scenarios and
# nscen follow from scenarios_cmd.
hk_scenarios_from(cmd) = "scenarios_cmd = " . hk_gpq(cmd) . "; " . \
    "scenarios = hk_words_of(scenarios_cmd); nscen = words(scenarios)"
# An awk rule that reads the scenario list (scenarios_cmd's lines, on
# standard input: awk ... - pass=2 FILE) into si[name] = its position,
# n of them; the rules after it see FILE.
hk_si_rule = "pass != 2 { if (!(($0 \"\") in si)) si[$0 \"\"] = ++n; next } "
# awk rules that a chart may set to rewrite a row's x before the rows of
# hk_grouped and hk_spread read it (monthly.gp: a short last month's
# true end); they run after hk_si_rule, and hold no %.
hk_awk_x = ''
# Rows of a CSV file without its header, sorted numerically on column c.
hk_sorted(name, c) = sprintf("< tail -n +2 %s | sort -t, -s -g -k%d,%d", \
    hk_shq(hk_file(name)), c, c)
# The rows whose column c1 is v1 and column c2 is v2 (c2 = 0: any),
# sorted numerically on column c; lines and bands need rows without gaps.
hk_rows(name, c1, v1, c2, v2, c) = sprintf( \
    "< awk -F, -v a=%d -v x=%s -v b=%d -v y=%s 'NR > 1 && $a \"\" == x && (b == 0 || $b \"\" == y)' %s" . \
    " | sort -t, -s -g -k%d,%d", c1, hk_shq(v1), c2, hk_shq(v2), hk_shq(hk_file(name)), c, c)

# The rows of CSV name that chart scenario i's group g (column gc among
# the words of groups; gc = 0: every row, in group 1), as
# "g,i[,x],values of cols" sorted on g, i's look (hk_looks), i and x
# (column xc, if above 0):
# one pass over the file, so that a chart reads a scenario's rows from
# memory, not the file again for every scenario (a batch may hold
# thousands). Load it with hk_load_grouped. A last row "0,0,nan,..."
# belongs to no scenario: a table of no rows would be no datablock at all.
# Between two scenarios of one look and group lies a row "g,0,nan,...",
# of no scenario, so that a look's lines and bands break there.
hk_separate = "$1 == l && $2 == g && $3 != i { r = $1 \",\" $2 \",0\"; " . \
    "for (j = 4; j <= NF; j++) r = r \",nan\"; print r } { l = $1; g = $2; i = $3; print }"
hk_grouped(name, gc, groups, xc, cols) = sprintf( \
    "< { { %s; } | awk -F, -v looks=%d -v gl=%s -v gc=%d -v xc=%d -v cl=%s '" . \
    "BEGIN { m = split(gl, g, \" \"); for (j = 1; j <= m; j++) gi[g[j]] = j; k = split(cl, c, \" \") } " . \
    hk_si_rule . "%s" . \
    "FNR > 1 && ($1 \"\") in si && (gc == 0 || ($gc \"\") in gi) { " . \
    "line = (gc == 0 ? 1 : gi[$gc \"\"]) \",\" si[$1 \"\"]; " . \
    "if (xc > 0) line = line \",\" $xc; for (j = 1; j <= k; j++) line = line \",\" $c[j]; " . \
    "j = si[$1 \"\"] - 1; print j - looks * int(j / looks) \",\" line }' - pass=2 %s | " . \
    "sort -t, -s -k2,2n -k1,1n -k3,3n%s | awk -F, '" . hk_separate . "' | cut -d, -f2-; " . \
    "echo 0,0,nan,nan,nan,nan; }", \
    scenarios_cmd, hk_looks, hk_shq(groups), gc, xc, hk_shq(cols), hk_awk_x, hk_shq(hk_file(name)), \
    xc > 0 ? ' -k4,4g' : '')
# awk rules that start datablock block (its first line, "block << EOD")
# and copy each row's first columns (0: all) into it as they are; the END rule
# that follows ends the block (print "EOD") before it prints anything
# else. (A line that starts with EOD ends a block: every row here starts
# with a number or a key's section. Text as it is, not as
# gnuplot's table output writes it, which pads each field but the last
# with a space: "nan " is not "nan".)
hk_awk_rows(block, columns) = sprintf("BEGIN { print \"%s << EOD\" } " . \
    "{ r = $1; for (j = 2; j <= (%d ? %d : NF); j++) r = r \",\" $j; print r } ", block, columns, columns)
# eval hk_block(block, source, columns): the first columns (0: all) of the rows
# pipeline source ("< ...") prints, as text, into datablock block (a
# string naming it then stands for the source): a chart that plots a
# pipeline's rows once a group and once a format runs it once, not each
# time.
hk_block(block, source, columns) = "load " . hk_gdq(source . " | awk -F, '" . \
    hk_awk_rows(block, columns) . "END { print \"EOD\" }'")
# eval hk_load_grouped(source, groups, columns): that source, as text,
# into datablock $HK (columns: how many each row has), and where group g's
# rows of scenario i lie in it: rows hk_first(g, i) to hk_last(g, i), for
# `every ::hk_first(g, i)::hk_last(g, i)`, which skips the rest unread
# (a row's own g and i still say whether it is one: a pair without rows
# points at row 0); group g's rows of every scenario: hk_group_first(g)
# to hk_group_last(g); and those of every scenario of look r (below):
# hk_look_first(g, r) to hk_look_last(g, r).
hk_load_grouped(source, groups, columns) = \
    sprintf("array HKF[%d]; array HKL[%d]; ", words(groups) * nscen + 1, words(groups) * nscen + 1) . \
    sprintf("array HKGF[%d]; array HKGL[%d]; ", words(groups) + 1, words(groups) + 1) . \
    sprintf("array HKLF[%d]; array HKLL[%d]; ", words(groups) * hk_looks + 1, words(groups) * hk_looks + 1) . \
    "load " . hk_gdq(source . sprintf(" | awk -F, -v n=%d -v pairs=%d -v groups=%d -v looks=%d ", \
        nscen, words(groups) * nscen, words(groups), hk_looks) . \
        "'" . hk_awk_rows('$HK', columns) . \
        "$2 > 0 { p = ($1 - 1) * n + $2; if (!(p in f)) f[p] = NR - 1; l[p] = NR - 1; " . \
        "if (!($1 in gf)) gf[$1] = NR - 1; gl[$1] = NR - 1; " . \
        "q = ($1 - 1) * looks + ($2 - 1) - looks * int(($2 - 1) / looks) + 1; " . \
        "if (!(q in lf)) lf[q] = NR - 1; ll[q] = NR - 1 } " . \
        "END { print \"EOD\"; for (j = 1; j <= pairs; j++) " . \
        "printf \"HKF[%d] = %d; HKL[%d] = %d\\n\", j, f[j] + 0, j, l[j] + 0; " . \
        "for (j = 1; j <= groups; j++) printf \"HKGF[%d] = %d; HKGL[%d] = %d\\n\", j, gf[j] + 0, j, gl[j] + 0; " . \
        "for (j = 1; j <= groups * looks; j++) printf \"HKLF[%d] = %d; HKLL[%d] = %d\\n\", j, lf[j] + 0, j, ll[j] + 0 }'")
hk_first(g, i) = HKF[(int(g) - 1) * nscen + int(i)]
hk_last(g, i) = HKL[(int(g) - 1) * nscen + int(i)]
hk_group_first(g) = HKGF[int(g)]
hk_group_last(g) = HKGL[int(g)]
# Scenarios i and i + 40 look alike (sround: the palette's eight colours,
# five dash types and patterns), so charts of bars draw one plot element
# per look r, not per scenario (a batch may hold thousands): look r's
# rows of group g lie together, and row i is one of them if hk_look(i, r).
# Up to 40 scenarios, a look is a scenario.
hk_looks = 40
hk_nlooks(n) = n < hk_looks ? n : hk_looks
hk_look(i, r) = (int(i) - int(r)) % hk_looks == 0
hk_look_first(g, r) = HKLF[(int(g) - 1) * hk_looks + int(r)]
hk_look_last(g, r) = HKLL[(int(g) - 1) * hk_looks + int(r)]

# ---- many scenarios: ranked ------------------------------------------------
# Past hk_looks scenarios a bar each is too thin to read and the legend
# cannot name them all, so the compare and differences charts rank the
# scenarios by their mean in each panel: the means, lowest to highest, as
# a line over their 95 % intervals as a band, with the lowest and the
# highest named. A scenario's rank differs from panel to panel.
hk_ranked_from = hk_looks + 1
# An awk function: num(x) if CSV cell x is a number (not empty, "nan" or
# "inf"), for the ranked charts' pipelines.
hk_awk_num = "function num(x) { return x ~ /^[-+]?([0-9]|[.][0-9])/ } "
# An awk rule that keeps 17 digits in the numbers it prints (awk's default
# of 6 ties near-equal values).
hk_awk_digits = "BEGIN { CONVFMT = \"%.17g\" } "
# An awk function: q(p), the p quantile of v[1] <= ... <= v[n] (R's type
# 7: linear between order statistics).
hk_awk_quantile = "function q(p,  h, j) { h = (n - 1) * p + 1; j = int(h); " . \
    "return j >= n ? v[n] : v[j] + (h - j) * (v[j + 1] - v[j]) } "
# The rows of CSV name (scenario in column 1, metric in column 2) for the
# scenarios of scenarios_cmd and the metrics of the list metrics whose
# mean (column cm) is a number, as "k,rank,mean,low,high,i,bare": k the
# metric's place in metrics, rank 1 its lowest mean (ties in the
# scenarios' order), i the scenario's place. An interval without a value
# (one replication) is drawn as the mean alone, and bare is 1 (else 0)
# so that the panel marks it. A last row "0,0,..." belongs to no metric:
# a table of no rows would be no datablock at all.
hk_ranked(name, metrics, cm, cl, ch) = sprintf( \
    "< { { %s; } | awk -F, -v gl=%s -v cm=%d -v cl=%d -v ch=%d '" . \
    hk_awk_num . \
    "BEGIN { m = split(gl, g, \" \"); for (j = 1; j <= m; j++) gi[g[j]] = j } " . \
    hk_si_rule . \
    "FNR > 1 && ($1 \"\") in si && ($2 \"\") in gi && num($cm) { " . \
    "print gi[$2 \"\"] \",\" $cm \",\" (num($cl) ? $cl : $cm) \",\" (num($ch) ? $ch : $cm) " . \
    "\",\" si[$1 \"\"] \",\" (num($cl) && num($ch) ? 0 : 1) }' - pass=2 %s | sort -t, -s -k1,1n -k2,2g | " . \
    "awk -F, '$1 != k { k = $1; r = 0 } { print $1 \",\" ++r \",\" $2 \",\" $3 \",\" $4 \",\" $5 \",\" $6 }'; " . \
    "echo 0,0,nan,nan,nan,0,0; }", \
    scenarios_cmd, hk_shq(metrics), cm, cl, ch, hk_shq(hk_file(name)))
# eval hk_load_ranked(source, metrics, columns): that source (columns
# columns a row, hk_ranked's six or more) into datablock $RK, and where
# metric k's rows lie in it: rows RKF[k] to RKL[k], none if RKL[k] < RKF[k].
hk_load_ranked(source, metrics, columns) = \
    sprintf("array RKF[%d]; array RKL[%d]; ", words(metrics), words(metrics)) . \
    "load " . hk_gdq(source . sprintf(" | awk -F, -v n=%d ", words(metrics)) . \
        "'" . hk_awk_rows('$RK', columns) . \
        "$1 > 0 { if (!($1 in f)) f[$1] = NR - 1; l[$1] = NR - 1 } " . \
        "END { print \"EOD\"; for (j = 1; j <= n; j++) printf \"RKF[%d] = %d; RKL[%d] = %d\\n\", " . \
        "j, (j in f) ? f[j] : 0, j, (j in l) ? l[j] : -1 }'")
# eval hk_ranked_panel after hk_term, with k (the panel's metric) and m
# (its name) set: the panel's range, unit (s, its divisor), names and plot.
# hk_ranked_total is how many scenarios the chart ranks (set by it).
hk_ranked_panel = "eval hk_ranked_span; eval hk_ranked_names; eval hk_ranked_plot"
# Metric k's rows, their span (lo, hi), the scenarios at either end
# (hk_low, hk_high), their means (hk_bottom, hk_top) and how many more
# share each (hk_tied_low, hk_tied_high).
hk_ranked_span = "set autoscale xy; hk_n = RKL[k] - RKF[k] + 1; hk_none = hk_n < 1; " . \
    "lo = 0; hi = 0; if (!hk_none) { " . \
    "stats $RK every ::RKF[k]::RKL[k] using 4 nooutput; lo = STATS_min; " . \
    "stats $RK every ::RKF[k]::RKL[k] using 5 nooutput; hi = STATS_max; " . \
    "stats $RK every ::RKF[k]::RKF[k] using 6 nooutput; hk_low = int(STATS_min); " . \
    "stats $RK every ::RKF[k]::RKF[k] using 3 nooutput; hk_bottom = STATS_min; " . \
    "stats $RK every ::RKL[k]::RKL[k] using 6 nooutput; hk_high = int(STATS_min); " . \
    "stats $RK every ::RKL[k]::RKL[k] using 3 nooutput; hk_top = STATS_min; " . \
    "stats $RK every ::RKF[k]::RKL[k] using ($3 == hk_bottom ? 1 : NaN) nooutput; hk_tied_low = STATS_records - 1; " . \
    "stats $RK every ::RKF[k]::RKL[k] using ($3 == hk_top ? 1 : NaN) nooutput; hk_tied_high = STATS_records - 1 }; " . \
    "hk_bare = 0; if (!hk_none && hk_ranked_bare) { " . \
    "stats $RK every ::RKF[k]::RKL[k] using 7 nooutput; hk_bare = int(STATS_sum) }; " . \
    "hk_any_bare = (k == 1 ? 0 : hk_any_bare) || hk_bare > 0; " . \
    "eval hk_none_label(hk_none); " . \
    "s = mscale(m, hk_absmax(lo, hi)); lo = lo / s; hi = hi / s; " . \
    "lo = lo < 0 ? lo : 0; hi = hi > 0 ? hi : 0; span = hi - lo > 0 ? hi - lo : 1; " . \
    "set xrange [0.5:(hk_none ? 1 : hk_n) + 0.5]; " . \
    "hk_lines = hk_none ? 1 : hk_top == hk_bottom ? hk_named_lines('only', hk_high, 0) : " . \
    "hk_greater(hk_named_lines('highest', hk_high, hk_tied_high), hk_named_lines('lowest', hk_low, hk_tied_low)); " . \
    "set yrange [lo < 0 ? lo - 0.06 * span : 0 : hi + ((hk_lines > 1 ? 0.6 : 0.3) + (hk_bare > 0 ? 0.2 : 0)) * span]"
# The names, above everything drawn (the range leaves them room): the
# highest and the lowest, each with how many share its mean, on one line
# if it fits the panel: hk_name_room characters of F10 (a chart of
# narrow panels sets it: hk_label_room(width in pixels), F10 drawing about
# 7.5 pixels a character in PNG and SVG alike). Past that, what the name
# is on one line and the name on the next, cut to the panel's width: a
# label runs past its panel into the next one, or off the image, where
# the end that tells a sweep's or a batch's names apart would be lost.
hk_name_room = 60
hk_label_room(px) = int(px / 7.5)
hk_tied_text(tied) = tied > 0 ? sprintf(' (+%d tied)', tied) : ''
hk_named_short(what, i, tied) = what . ': ' . hk_fit(scen(i), tied > 0 ? 14 : 20) . hk_tied_text(tied)
# Its length as drawn: hk_fit's '…' is three bytes, one character.
hk_named_fits(what, i, tied) = strlen(hk_named_short(what, i, tied)) - \
    (strlen(scen(i)) > (tied > 0 ? 14 : 20) ? 2 : 0) <= hk_name_room
hk_named_lines(what, i, tied) = hk_named_fits(what, i, tied) ? 1 : 2
hk_named(what, i, tied) = hk_named_fits(what, i, tied) ? hk_named_short(what, i, tied) : \
    what . hk_tied_text(tied) . ":\n" . hk_fit(scen(i), hk_name_room)
# Label 4 goes below label 3's lines (hk_lines: the most either takes).
hk_ranked_names = "unset label 3; unset label 4; if (!hk_none) { " . \
    "if (hk_top == hk_bottom) { " . \
    "set label 3 (hk_n == 1 ? hk_named('only', hk_high, 0) : sprintf('all %d alike', hk_n)) " . \
    "at graph 0.03, 0.95 left front font F10 tc rgb '#333333' } else { " . \
    "hk_lines = hk_greater(hk_named_lines('highest', hk_high, hk_tied_high), hk_named_lines('lowest', hk_low, hk_tied_low)); " . \
    "set label 3 hk_named('highest', hk_high, hk_tied_high) at graph 0.03, 0.95 left front font F10 tc rgb '#333333'; " . \
    "set label 4 hk_named('lowest', hk_low, hk_tied_low) at graph 0.03, 0.95 - 0.08 * hk_lines left front font F10 tc rgb '#333333' } }"
# A mean without an interval (column 7 of hk_ranked's rows; a chart
# whose rows have it sets hk_ranked_bare) is ringed, and the panel says
# how many there are on a line of its own below the names, above
# everything drawn (hk_ranked_span leaves it room): at the panel's foot
# it would lie on the rings themselves where most means are alike.
hk_ranked_bare = 0
hk_any_bare = 0
hk_bare_colour = '#8a1f11'
hk_bare_text(bare, n) = bare == n ? 'no interval: all ringed' : sprintf('%d ringed: no interval', bare)
hk_ranked_bare_label = "unset label 6; if (hk_bare > 0) { " . \
    "set label 6 hk_bare_text(hk_bare, hk_n) " . \
    "at graph 0.03, 0.95 - 0.08 * (hk_top == hk_bottom ? hk_lines : 2 * hk_lines) " . \
    "left front font F10 tc rgb hk_bare_colour }"
# A scenario without a mean (no replication gave one: DSO without sales)
# has no bar, which the note says on a line of its own ("2 without a
# value"), lest the gap read as a zero. eval hk_count_missing(first)
# sets hk_missing, how many of group k's scenarios from the first-th on
# have none in $HK (none where no scenario has one: hk_span said so).
hk_count_missing(first) = "hk_missing = 0; if (!hk_none) { stats $HK every " . \
    sprintf("::hk_group_first(k)::hk_group_last(k) using ($1 == k && $2 >= %d ", first) . \
    "&& hk_is_nan(3) ? 1 : 0) nooutput; hk_missing = STATS_sum }"
hk_bars_note(bare, missing) = (bare == 0 ? '' : bare == 1 ? 'ringed: no interval' : \
    sprintf('%d ringed: no interval', bare)) . (bare > 0 && missing > 0 ? "\n" : '') . \
    (missing > 0 ? sprintf('%d without a value', missing) : '')
# The room above a bar panel's data for that note, in pads: a line of it
# takes two.
hk_bars_top(bare, missing) = 1 + 2 * ((bare > 0) + (missing > 0))
# The note of rings and of scenarios without a mean for a bar chart's
# panel, at its top (its range leaves room).
hk_bars_bare_label = "unset label 6; if (hk_bare > 0 || hk_missing > 0) { " . \
    "set label 6 hk_bars_note(hk_bare, hk_missing) " . \
    "at graph 0.5, 0.95 center front font F10 tc rgb hk_bare_colour }"
# A ranked panel's x label: "lowest to highest", and how many of the
# scenarios have a value where not all do, on as many lines as it takes
# to stay within its panel, hk_xlabel_room characters of F10 (a chart
# of narrow panels sets it: about 7 pixels a character, centred).
hk_xlabel_room = 60
hk_ranked_xlabel(n, total) = n >= total ? 'lowest to highest' : \
    strlen(sprintf('%d of %d with a value, lowest to highest', n, total)) <= hk_xlabel_room ? \
        sprintf('%d of %d with a value, lowest to highest', n, total) : \
    strlen(sprintf('%d of %d with a value,', n, total)) <= hk_xlabel_room ? \
        sprintf("%d of %d with a value,\nlowest to highest", n, total) : \
        sprintf("%d of %d\nwith a value,\nlowest to highest", n, total)
hk_lines_of(t) = strstrt(t, "\n") ? 1 + hk_lines_of(t[strstrt(t, "\n") + 1:]) : 1
# The most lines the x labels of ranked panels k to k2 take (none for a
# panel without a value), for the room below them.
hk_ranked_xlabel_lines(k, k2) = k > k2 ? 0 : hk_greater(RKL[k] < RKF[k] ? 0 : \
    hk_lines_of(hk_ranked_xlabel(RKL[k] - RKF[k] + 1, hk_ranked_total)), hk_ranked_xlabel_lines(k + 1, k2))
# Its tics: a step of 1, 2 or 5 times a power of ten that puts no more
# labels across it than its width holds (n's digits and two spaces each).
hk_tic_next(s) = s / 10**floor(log10(s) + 1e-9) < 1.5 ? 2 * s : \
    s / 10**floor(log10(s) + 1e-9) < 3 ? 5 * s / 2 : 2 * s
hk_tic_step(n, s) = floor(n / s) <= hk_xlabel_room / (strlen(sprintf('%d', n)) + 2) ? s : \
    hk_tic_step(n, hk_tic_next(s))
hk_ranked_plot = "set title mtitle(m) font F11; set ylabel munit(m, s); eval hk_ranked_bare_label; " . \
    "if (hk_none) { unset xtics; unset xlabel; plot NaN notitle } else { " . \
    "set xtics hk_tic_step(hk_n, 1) nomirror font F10; set format x '%.0f'; " . \
    "set xlabel hk_ranked_xlabel(hk_n, hk_ranked_total) font F10 offset 0, 0.6; " . \
    "plot $RK every ::RKF[k]::RKL[k] using 2:($4 / s):($5 / s) " . \
    "with filledcurves lc rgb '#0072B2' fs transparent solid 0.25 noborder, " . \
    "$RK every ::RKF[k]::RKL[k] using 2:($3 / s) with lines lc rgb '#0072B2' lw 1.4, " . \
    "$RK every ::RKF[k]::RKL[k] using 2:(hk_n > 100 ? NaN : $3 / s) " . \
    "with points pt 7 ps 0.35 lc rgb '#0072B2', " . \
    "for [j = 1:(hk_bare > 0)] $RK every ::RKF[k]::RKL[k] using 2:($7 > 0 ? $3 / s : NaN) " . \
    "with points pt 6 ps 0.9 lw 1.2 lc rgb hk_bare_colour }; unset label 6"
# eval hk_ranked_legend(what): the last panel, for a ranked chart: what
# its lines show and why they are ranked.
hk_ranked_legend(what) = "unset title; unset ylabel; unset xlabel; unset label 1; unset label 3; " . \
    "unset label 4; unset border; unset tics; unset grid; unset xzeroaxis; " . \
    "set xrange [0:1]; set yrange [0:1]; " . \
    "set tmargin at screen 0.47; set bmargin at screen 0.01; " . \
    "set lmargin at screen 0.78; set rmargin at screen 0.995; " . \
    "set key at graph 0.02, 0.92 left top vertical Left reverse samplen 2 font F10 spacing 1.4; " . \
    sprintf("set label 5 %s at graph 0.02, 0.62 left font F10 tc rgb '#333333'; ", hk_gpq(sprintf( \
        "%d scenarios: too many\nfor a bar each. Each panel\nranks them by their mean,\n" . \
        "so a scenario's place\ndiffers from panel to panel.\nEvery scenario's figures:\n%s", \
        hk_ranked_total, what))) . \
    "plot NaN notitle, keyentry with lines lc rgb '#0072B2' lw 1.4 title 'means, lowest to highest', " . \
    "keyentry with filledcurves lc rgb '#0072B2' fs transparent solid 0.25 noborder " . \
    "title 'their 95 % intervals', for [j = 1:hk_any_bare] keyentry with points pt 6 ps 0.9 lw 1.2 " . \
    "lc rgb hk_bare_colour title 'a mean without an interval'; unset label 5"

if (!exists("out")) { out = dir . '/plots' }
if (!exists("out_made")) { system('mkdir -p ' . hk_shq(out)) } # huikuan plot made it

# ---- scenarios and colours -------------------------------------------------
hk_palette = "#0072B2 #E69F00 #009E73 #CC79A7 #56B4E9 #D55E00 #F0E442 #000000"
eval hk_scenarios_from(hk_exists('summary.csv') ? hk_list('summary.csv', 1) : 'true')
scen(i) = word(scenarios, i)
scol(i) = word(hk_palette, (int(i) - 1) % words(hk_palette) + 1)
# Past the eighth scenario the colours come round again, so each round of
# eight also has its own dash type (lines), point type and fill pattern
# (bars): scenario 9 is scenario 1's colour, dashed and hatched.
sround(i) = int((int(i) - 1) / words(hk_palette))
sdt(i) = sround(i) % 5 + 1
spt(i) = word('7 5 9 13 11', sround(i) % 5 + 1) + 0
spat(i) = word('3 4 5 1 2', sround(i) % 5 + 1) + 0
# A legend panel's font and line spacing for n entries: tighter past
# nine, so that they still fit the panel in one column.
hk_legend_font(n) = n > 9 ? F10 : F11
hk_legend_spacing(n) = n > 9 ? 1.0 : 1.4
# A name cut to at most n characters in its middle, where the names of a
# sweep or a batch differ least ("penalty_daily_ra…0.000166666667").
hk_fit(s, n) = strlen(s) <= n ? s : s[1:n / 2 - 1] . '…' . s[strlen(s) - (n - n / 2) + 1:]
# How many characters of a name a legend panel of n entries holds (its
# font is smaller past nine), and scenario i's name cut to that (its
# "calibrated at" kept whole).
hk_legend_chars(n) = n > 9 ? 30 : 26
slabel_fit(i, chars) = hk_is_calibrated(i) ? hk_fit(scen(i), chars - 12) . ', calibrated at' : \
    hk_fit(scen(i), chars)
# A legend panel lists at most hk_listed(n, room) of n scenarios (room:
# the entries its height holds); past that its last entry says how many
# more there are, rather than the panel dropping some unsaid.
hk_listed(n, room) = n <= room ? n : room - 1
# The scenario entries (and "... and N more") a legend panel h pixels
# tall holds at line spacing sp in the terminal's font, F10, besides its
# title, one other entry and a row of margin: more, and gnuplot wraps the
# key into a second column over the panel beside it. (After a plot: the
# terminal's row height is known then.)
hk_key_room(h, sp) = floor(h / (GPVAL_TERM_VCHAR / GPVAL_TERM_SCALE * sp)) - 3
hk_more(n, room, file) = n <= room ? '' : sprintf('... and %d more (%s)', n - room + 1, file)
# A calibrate folder's one scenario ran at the value calibrate chose, not
# the preset's own: its label says so, "NAME, calibrated: KEY = VALUE", as
# the report's does (from calibrate.csv's chosen row; the columns found by
# their header). slabel(i) is the one-line label (tic labels, a legend
# below the plot); a narrow legend panel shows slabel_short(i) and,
# below its key, hk_calibrated_note.
hk_calibrated = nscen == 1 && hk_exists('calibrate.csv') ? system( \
    "awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } " . \
    "c[\"chosen\"] && $c[\"chosen\"] == \"1\" { printf \"%s %s\", $c[\"param\"], $c[\"value\"]; exit }' " . \
    hk_shq(hk_file('calibrate.csv')) . " 2>/dev/null") : ''
hk_is_calibrated(i) = int(i) == 1 && words(hk_calibrated) == 2
slabel(i) = hk_is_calibrated(i) ? sprintf('%s, calibrated: %s = %s', scen(i), \
    word(hk_calibrated, 1), word(hk_calibrated, 2)) : scen(i)
slabel_short(i) = hk_is_calibrated(i) ? scen(i) . ', calibrated at' : scen(i)
hk_calibrated_note = words(hk_calibrated) == 2 ? sprintf("%s\n= %s", \
    word(hk_calibrated, 1), word(hk_calibrated, 2)) : ''
# eval hk_calibrated_label(y): that note as label 2, under a legend panel's
# key, at height y of the panel.
hk_calibrated_label(y) = "if (hk_calibrated_note ne '') { " . \
    sprintf("set label 2 hk_calibrated_note at graph 0.5, %g center font F10 }", y)
# eval hk_scenario_tics(width): scenario labels as x tic labels at 1..n,
# turned when they would not fit side by side in width pixels.
# The longest line the shell command cmd prints (a batch may list thousands).
hk_longest(cmd) = system(cmd . \
    " | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'") + 0
# Past one scenario, labels past 30 characters are cut in the middle (hk_fit).
hk_scenario_tics(width) = "set xtics () scale 0; " . \
    "do for [i = 1:nscen] { set xtics add (hk_fit(slabel(i), nscen == 1 ? 200 : 30) i) }; " . \
    (hk_min(nscen == 1 ? strlen(slabel(1)) : hk_longest(scenarios_cmd), 30) * 7.5 * nscen > width * 0.9 ? \
     "set xtics rotate by -25 left offset -1,0" : "")
hk_min(a, b) = a < b ? a : b
hk_greater(a, b) = a > b ? a : b
hk_band = 'fill transparent solid 0.18 noborder'

# ---- metrics: title, unit, and the divisor that gives that unit -------------
mtitle(m) = \
    m eq 'sales' ? 'Sales' : \
    m eq 'collected' ? 'Cash collected' : \
    m eq 'bad_debt' ? 'Bad debt' : \
    m eq 'bad_debt_rate' ? 'Bad debt rate' : \
    m eq 'dso' ? 'DSO' : \
    m eq 'overdue_share' ? 'Overdue share of receivables' : \
    m eq 'ar_end' ? 'Receivables at end' : \
    m eq 'firm_profit' ? 'Firm profit' : \
    m eq 'comp_cost' ? 'Rep pay cost' : \
    m eq 'commission' ? 'Commission' : \
    m eq 'penalties' ? 'Late penalties' : \
    m eq 'rep_pay_mean' ? 'Rep pay (mean)' : \
    m eq 'rep_pay_p10' ? 'Rep pay (10th percentile)' : \
    m eq 'rep_pay_p90' ? 'Rep pay (90th percentile)' : \
    m eq 'rep_turnover' ? 'Rep turnover' : \
    m eq 'collection_rate' ? 'Collection rate' : m
hk_money_m(m) = hk_has('sales collected bad_debt ar_end firm_profit comp_cost gross_margin ' . \
    'commission penalties liability_charges collection_cost cost_of_capital base_pay ' . \
    'bonuses clawbacks', m)
hk_rep_pay(m) = hk_has('rep_pay_mean rep_pay_p10 rep_pay_p90', m)
hk_fraction(m) = hk_has('bad_debt_rate overdue_share orders_declined effort_sell ' . \
    'effort_screen effort_collect risky_screened overstocked_share collection_rate', m)
# Money is drawn in millions, thousands or units, whichever keeps the tick
# labels short: mscale(m, big) divides metric m whose largest magnitude is
# big; munit(m, s) labels the axis for that divisor.
mscale(m, big) = !hk_money_m(m) && !hk_rep_pay(m) ? 1 : big >= 2e6 ? 1e6 : big >= 2e4 ? 1e3 : 1
munit(m, s) = \
    hk_money_m(m) ? (s == 1e6 ? 'currency units, millions' : \
                     s == 1e3 ? 'currency units, thousands' : 'currency units') : \
    hk_rep_pay(m) ? (s == 1e6 ? 'currency units per 30 days, millions' : \
                     s == 1e3 ? 'currency units per 30 days, thousands' : \
                     'currency units per 30 days') : \
    m eq 'dso' ? 'days' : \
    m eq 'rep_turnover' ? 'leavers per rep per year' : \
    hk_fraction(m) ? 'fraction' : ''
# The larger magnitude of a and b, or that of the one that is a number.
# A number read from a CSV as text: gnuplot's own conversion ("5e-05" + 0)
# fails on an exponent, which %.12g writes below 1e-4 and from 1e12.
hk_epos(s) = strstrt(s, 'e') ? strstrt(s, 'e') : strstrt(s, 'E')
hk_num(s) = hk_epos(s) ? (s[1:hk_epos(s) - 1] + 0.0) * 10.0**(int(s[hk_epos(s) + 1:] + 0)) : s + 0.0
hk_absmax(a, b) = b != b || abs(a) > abs(b) ? abs(a) : abs(b)

# eval hk_span(k, cols): lo and hi, the least and the greatest value in the
# columns cols (a list of numbers, '3 4 5': a mean and its interval) of
# group k's rows of $HK (hk_load_grouped); 0 and 0 if none has a
# value (hk_none is then 1). A metric that no replication defined (a DSO
# without sales) gets an empty panel that says so, and a mean known from
# one replication (no interval) its bar, instead of the chart failing.
# (Past the first column, the mean's, only if it had a value: an interval
# without a mean there is not, and gnuplot warns of each empty column.)
hk_span(k, cols) = "lo = NaN; hi = NaN; do for [hk_c in '" . cols . "'] { " . \
    "if (hk_c eq word('" . cols . "', 1) || lo == lo) { " . \
    sprintf("stats $HK every ::hk_group_first(%d)::hk_group_last(%d) ", k, k) . \
    sprintf("using ($1 == %d ? column(hk_c + 0) : NaN) nooutput; ", k) . \
    "if (exists('STATS_min')) { lo = lo < STATS_min ? lo : STATS_min; " . \
    "hi = hi > STATS_max ? hi : STATS_max } } }; hk_none = lo != lo; " . \
    "if (hk_none) { lo = 0; hi = 0 }; eval hk_none_label(hk_none)"
# Whether a row's mean (column cm) is a number but its interval (cl, ch)
# is not: a mean from one replication. Read as text: gnuplot skips a
# row whose "nan" a using expression reads as a number.
hk_is_nan(c) = strcol(c) eq 'nan' || strcol(c) eq '-nan' || strcol(c) eq ''
hk_bare_row(cm, cl, ch) = !hk_is_nan(cm) && (hk_is_nan(cl) || hk_is_nan(ch))
# eval hk_count_bare('cm, cl, ch'): hk_bare, how many of group k's rows in
# $HK have a mean but no interval (before the ranges are fixed, which
# stats would keep to).
hk_count_bare(cols) = "hk_bare = 0; if (!hk_none) { stats $HK every " . \
    "::hk_group_first(k)::hk_group_last(k) using ($1 == k && hk_bare_row(" . cols . \
    ") ? 1 : 0) nooutput; hk_bare = STATS_sum }"
# eval hk_none_label(none): a panel's note that nothing had a value.
hk_none_label(none) = none ? \
    "set label 1 'no replication had a value' at graph 0.5, 0.5 center font F10 tc rgb '#666666'" : \
    "unset label 1"
# After a stats command: the largest value it found, 0 if it found none
# (gnuplot then leaves STATS_max undefined, and hk_none is 1).
hk_stats_max = "hk_none = !exists('STATS_max'); hk_max = hk_none ? 0 : STATS_max"
# After set autoscale: a panel with nothing to draw gets a range and says so.
hk_empty_panel = "if (hk_none) { set yrange [0:1] }; eval hk_none_label(hk_none)"

# Key metrics, in the order the charts and the report show them.
hk_key_metrics = 'sales collected bad_debt dso firm_profit rep_pay_mean rep_turnover'

# ---- output ----------------------------------------------------------------
# eval hk_term(fmt, name, width, height) selects PNG or SVG and the file.
# SVG text is sized in pixels, PNG text in points: hk_fontscale keeps
# them alike. The command also sets F10, F11 and F12, the fonts of those
# sizes for this terminal: set title '...' font F12.
hk_fontscale = 1
hk_font(n) = sprintf('DejaVu Sans,%g', n * hk_fontscale)
hk_term(fmt, name, w, h) = (hk_fontscale = (fmt eq 'svg' ? 1.25 : 1), fmt eq 'png' ? \
    sprintf("set terminal pngcairo size %d,%d font %s noenhanced linewidth 1.2; set output %s", \
            w, h, hk_gpq(hk_font(10)), hk_gpq(out . '/' . name . '.png')) : \
    sprintf("set terminal svg size %d,%d dynamic font %s noenhanced linewidth 1.2 " . \
            "background '#ffffff'; set output %s", \
            w, h, hk_gpq(hk_font(10)), hk_gpq(out . '/' . name . '.svg'))) . \
    sprintf("; F10 = %s; F11 = %s; F12 = %s", \
            hk_gpq(hk_font(10)), hk_gpq(hk_font(11)), hk_gpq(hk_font(12)))

# eval hk_setup after each reset: the look every chart shares.
hk_setup = "set datafile separator ','; " . \
    "set style fill solid 0.85 border -1; " . \
    "set grid back ytics lc rgb '#dddddd' lt 1 lw 0.6; " . \
    "set border 3 lc rgb '#444444'; " . \
    "set tics nomirror out scale 0.6; " . \
    "set key noautotitle; " . \
    "set pointintervalbox 0.01"   # no white disc behind points on error bars
eval hk_setup

# A data set with no points: key entries for styles that need data.
$hk_none << EOD
0 NaN NaN NaN
EOD
