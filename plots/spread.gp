# spread.gp — how many scenarios' means spread, for the monthly and
# collectibility charts past 40 scenarios. Loaded after common.gp, whose
# helpers (hk_named, hk_bare_text, hk_awk_*, the ranked tables) it uses:
#   load hk_dir(ARG0) . 'common.gp'; load hk_dir(ARG0) . 'spread.gp'

# ---- many scenarios: their spread -----------------------------------------
# Past hk_looks scenarios a line each is a tangle that no legend can name,
# so the monthly and collectibility charts draw instead, at each x (a
# month, an age), how the scenarios' means spread: their median, middle
# half and whole range, over the scenarios with a value there; and, each
# with its own 95 % band and named, the scenario highest and the one
# lowest on average over their x.
# hk_spread(name, gc, groups, xc, cm, cl, ch): the rows of CSV name
# (scenario in column 1; group in column gc among the words of groups, or
# gc = 0: every row, in group 1; x in column xc; a mean and its interval
# in cm, cl and ch) for the scenarios of scenarios_cmd whose mean is a
# number, as rows of 9 columns, for hk_load_ranked with 3 names a group:
#   "3g-2,x,median,min,max,q25,q75,count,0": group g's spread at x over
#     count scenarios (quantiles: R's type 7);
#   "3g-1,x,mean,low,high,i,tied,with,bare": the series of scenario i, the
#     highest on average over the x at which every scenario of the group
#     has a value (if there is none, each over its own), so that a
#     scenario is not ranked by a tail the others lack (tied: how many
#     others share its average; with: how many scenarios have a value in
#     group g);
#   "3g,x,...": the lowest on average, the same; none if it is the highest;
#   "3G+g,x,mean,mean,mean,i,0,with,1" (G: how many groups): a mean
#     without an interval of a scenario not named, each one, if group g
#     has at most hk_spread_ring_max of them (the spread's rows count
#     them all, as bare: past that many, rings would hide the bands).
# An interval that is not a number (one replication) is drawn as the
# mean, and bare is 1 (else 0) so that the panel marks it. Numbers keep
# 17 digits. A last row "0,0,..." belongs to no group.
# Both of hk_spread's awk passes read the same rows: the numbers of the
# scenarios of scenarios_cmd (on standard input) in group k (their x as
# hk_awk_x leaves it).
hk_spread_ring_max = 60
hk_spread_head = hk_awk_num . "BEGIN { m = split(gl, g, \" \"); for (j = 1; j <= m; j++) gi[g[j]] = j } " . \
    hk_si_rule
hk_spread_body = "FNR > 1 && ($1 \"\") in si && (gc == 0 || ($gc \"\") in gi) && num($cm) { " . \
    "k = gc == 0 ? 1 : gi[$gc \"\"]; "
hk_spread(name, gc, groups, xc, cm, cl, ch) = sprintf( \
    "< { { v=%s; { %s; } | awk -F, -v gl=%s -v gc=%d -v xc=%d -v cm=%d -v cl=%d -v ch=%d \"$v\"'" . \
    "print k \",\" $xc \",\" $cm \",\" (num($cl) && num($ch) ? 0 : 1) }' - pass=2 %s | " . \
    "sort -t, -k1,1n -k2,2g -k3,3g | awk -F, '%s" . hk_awk_quantile . \
    "function out() { if (n > 0) print 3 * k - 2 \",\" x \",\" q(0.5) \",\" v[1] \",\" v[n] " . \
    "\",\" q(0.25) \",\" q(0.75) \",\" n \",\" b } " . \
    "$1 != k || $2 != x { out(); k = $1; x = $2; n = 0; b = 0 } { v[++n] = $3; b += $4 } END { out() }'; " . \
    "{ %s; } | awk -F, -v gl=%s -v gc=%d -v xc=%d -v cm=%d -v cl=%d -v ch=%d -v rmax=%d \"$v\"'" . \
    "i = si[$1 \"\"]; cnt[k, i]++; at[k, $xc \"\"]++; " . \
    "rows[k, i] = rows[k, i] $xc \",\" $cm \",\" (num($cl) ? $cl : $cm) \",\" " . \
    "(num($ch) ? $ch : $cm) \",\" (num($cl) && num($ch) ? 0 : 1) \";\" } " . \
    "function emit(k, kk, i, tied, with,  r, j, nr, f) { nr = split(rows[k, i], r, \";\"); " . \
    "for (j = 1; j < nr; j++) { split(r[j], f, \",\"); print kk \",\" f[1] \",\" f[2] \",\" f[3] \",\" f[4] " . \
    "\",\" i \",\" tied \",\" with \",\" f[5] } } " . \
    "END { for (k = 1; k <= m; k++) { hi = 0; lo = 0; c = 0; shared = 0; " . \
    "for (i = 1; i <= n; i++) c += (k, i) in cnt; if (!c) continue; " . \
    "for (kx in at) { split(kx, p, SUBSEP); if (p[1] == k && at[kx] == c) shared = 1 } " . \
    "for (i = 1; i <= n; i++) if ((k, i) in cnt) { nr = split(rows[k, i], r, \";\"); t = 0; w = 0; " . \
    "for (j = 1; j < nr; j++) { split(r[j], f, \",\"); " . \
    "if (!shared || at[k, f[1]] == c) { t += f[2]; w++ } } a[i] = t / w; " . \
    "if (!hi || a[i] > a[hi]) hi = i; if (!lo || a[i] < a[lo]) lo = i } " . \
    "th = -1; tl = -1; " . \
    "for (i = 1; i <= n; i++) if ((k, i) in cnt) { th += a[i] == a[hi]; tl += a[i] == a[lo] } " . \
    "emit(k, 3 * k - 1, hi, th, c); if (a[hi] != a[lo]) emit(k, 3 * k, lo, tl, c); " . \
    "for (ph = 1; ph <= 2; ph++) { nb = 0; " . \
    "for (i = 1; i <= n; i++) if ((k, i) in cnt && i != hi && (i != lo || a[hi] == a[lo])) { " . \
    "nr = split(rows[k, i], r, \";\"); for (j = 1; j < nr; j++) { split(r[j], f, \",\"); " . \
    "if (f[5] == 1) { nb++; if (ph == 2) print 3 * m + k \",\" f[1] \",\" f[2] \",\" f[2] \",\" f[2] " . \
    "\",\" i \",0,\" c \",1\" } } } if (nb > rmax) break } } }' - pass=2 %s; } | " . \
    "sort -t, -s -k1,1n -k2,2g; echo 0,0,nan,nan,nan,0,0,0,0; }", \
    hk_shq(hk_spread_head . hk_awk_x . hk_spread_body), scenarios_cmd, hk_shq(groups), gc, xc, cm, cl, ch, \
    hk_shq(hk_file(name)), hk_awk_digits, scenarios_cmd, hk_shq(groups), gc, xc, cm, cl, ch, \
    hk_spread_ring_max, hk_shq(hk_file(name)))
# Four names for each word of groups (three rows each, then one each for
# the means without an interval), for hk_load_ranked.
hk_repeat(s, n) = n < 1 ? '' : s . hk_repeat(s, n - 1)
hk_spread_names(groups) = hk_repeat('a b c ', words(groups)) . hk_repeat('d ', words(groups))
# eval hk_spread_span with k (the group) set: lo and hi over its rows
# (the range and the named series' intervals), and whether it has any
# (hk_none); hk_high, hk_low (the scenarios named: 0 for none), their
# ties, and hk_with, how many scenarios have a value; hk_fewest, the
# fewest with a value at one x, and the first x with that few,
# hk_fewest_at; hk_bare, how many of the named scenarios' means have no
# interval, of hk_n; hk_sbare, how many of all the scenarios' means have
# none, of hk_smeans; hk_rings, the rows of those not named (hk_rb: their
# k), none if there are too many to ring (hk_any_bare: a mean is ringed
# in this group or one before it). (All 0 where none has a value.)
hk_spread_span = "set autoscale xy; hk_e = 3 * k - 2; hk_none = RKL[hk_e] < RKF[hk_e]; " . \
    "lo = 0; hi = 0; hk_high = 0; hk_low = 0; hk_tied_high = 0; hk_tied_low = 0; hk_with = 0; " . \
    "hk_fewest = 0; hk_fewest_at = 0; hk_bare = 0; hk_n = 0; hk_sbare = 0; hk_smeans = 0; " . \
    "hk_rb = 3 * |RKF| / 4 + k; hk_rings = 0; if (!hk_none) { " . \
    "hk_end = RKL[3 * k] >= RKF[3 * k] ? RKL[3 * k] : RKL[hk_e + 1]; " . \
    "stats $RK every ::RKF[hk_e]::hk_end using 4 nooutput; lo = STATS_min; " . \
    "stats $RK every ::RKF[hk_e]::hk_end using 5 nooutput; hi = STATS_max; " . \
    "stats $RK every ::RKF[hk_e]::RKL[hk_e] using 8 nooutput; hk_fewest = STATS_min; " . \
    "stats $RK every ::RKF[hk_e]::RKL[hk_e] using ($8 == hk_fewest ? $2 : NaN) nooutput; hk_fewest_at = STATS_min; " . \
    "hk_r = RKF[hk_e + 1]; stats $RK every ::hk_r::hk_r using 6 nooutput; hk_high = int(STATS_min); " . \
    "stats $RK every ::hk_r::hk_r using 7 nooutput; hk_tied_high = int(STATS_min); " . \
    "stats $RK every ::hk_r::hk_r using 8 nooutput; hk_with = int(STATS_min); " . \
    "if (RKL[3 * k] >= RKF[3 * k]) { hk_r = RKF[3 * k]; " . \
    "stats $RK every ::hk_r::hk_r using 6 nooutput; hk_low = int(STATS_min); " . \
    "stats $RK every ::hk_r::hk_r using 7 nooutput; hk_tied_low = int(STATS_min) }; " . \
    "stats $RK every ::RKF[hk_e + 1]::hk_end using 9 nooutput; hk_bare = int(STATS_sum); hk_n = STATS_records; " . \
    "stats $RK every ::RKF[hk_e]::RKL[hk_e] using 9 nooutput; hk_sbare = int(STATS_sum); " . \
    "stats $RK every ::RKF[hk_e]::RKL[hk_e] using 8 nooutput; hk_smeans = int(STATS_sum); " . \
    "hk_rings = RKL[hk_rb] - RKF[hk_rb] + 1 }; " . \
    "hk_any_bare = (k == 1 ? 0 : hk_any_bare) || hk_bare > 0 || hk_rings > 0; eval hk_none_label(hk_none)"
# After hk_spread_span, for a label: how many scenarios have a value,
# where it is not all of them at every x ("at": where the fewest do, as
# text; sep goes before it).
hk_spread_count(at, sep) = hk_none || hk_fewest == nscen ? '' : hk_with == hk_fewest ? \
    sprintf('%d of %d scenarios with a value', hk_fewest, nscen) : \
    sprintf('%d of %d scenarios with a value', hk_with, nscen) . sep . \
    sprintf('only %d at ', hk_fewest) . at
hk_spread_high = '#D55E00'
hk_spread_low = '#009E73'
# eval hk_spread_labels(y): the panel's labels, from y down (graph
# coordinates): the scenarios named, in their lines' colours, and below
# them how many of the scenarios' means are ringed for want of an
# interval, named or not (label 8: hk_spread_bare_text, on
# hk_spread_bare_rows rows); hk_label_rows, the rows they take,
# hk_spread_row apart (a chart whose plot is taller sets it smaller: a
# row of F10 is about 19 pixels). Where those not named are too many to ring, it says how many
# means of how many lack one, and whether the named ones' are ringed.
# hk_spread_lines: the lines the longer of the two takes (hk_named), for
# the room above the data and the labels below them.
hk_spread_lines = "hk_lines = hk_none ? 1 : hk_low == 0 ? hk_named_lines('only', hk_high, 0) : " . \
    "hk_greater(hk_named_lines('highest on average', hk_high, hk_tied_high), " . \
    "hk_named_lines('lowest on average', hk_low, hk_tied_low))"
# (bare: the means without an interval, of means; named: the named
# scenarios'; rings: the others' ringed.)
hk_spread_capped(bare, named, rings) = bare - named > rings
hk_spread_bare_text(bare, means, named, rings) = hk_spread_capped(bare, named, rings) ? \
    sprintf("%d of %d means lack\n", bare, means) . \
    (named > 0 ? 'an interval: named ringed' : 'an interval: none ringed') : hk_bare_text(bare, means)
hk_spread_bare_rows(bare, named, rings) = bare == 0 ? 0 : hk_spread_capped(bare, named, rings) ? 2 : 1
hk_spread_row = 0.07
hk_spread_labels(y) = "unset label 3; unset label 4; eval hk_spread_lines; if (!hk_none) { " . \
    "if (hk_low == 0) { set label 3 (hk_with == 1 ? hk_named('only', hk_high, 0) : " . \
    "sprintf('all %d alike', hk_with)) at graph 0.03, " . sprintf('%g', y) . \
    " left front font F10 tc rgb '#333333' } else { " . \
    sprintf("set label 3 hk_named('highest on average', hk_high, hk_tied_high) at graph 0.03, %g ", y) . \
    "left front font F10 tc rgb hk_spread_high; " . \
    sprintf("set label 4 hk_named('lowest on average', hk_low, hk_tied_low) at graph 0.03, %g - hk_spread_row * hk_lines ", y) . \
    "left front font F10 tc rgb hk_spread_low } }; " . \
    "hk_label_rows = (hk_low == 0 ? 1 : 2) * hk_lines; unset label 8; if (hk_sbare > 0) { " . \
    sprintf("set label 8 hk_spread_bare_text(hk_sbare, hk_smeans, hk_bare, hk_rings) at graph 0.03, %g - hk_spread_row * hk_label_rows ", y) . \
    "left front font F10 tc rgb hk_bare_colour; hk_label_rows = hk_label_rows + hk_spread_bare_rows(hk_sbare, hk_bare, hk_rings) }"
# eval hk_spread_plot(more) with k and s (the divisor) set: the spread of
# group k's means as bands under their median, the named scenarios'
# series over them, each with its 95 % band; at a single x, a candlestick
# (box: the middle half; whiskers: the range) and error bars beside it.
# more: what else to plot (", ..."), or ''. hk_spread_w: the width of
# one x step on the axis (a month: 1), for the candlestick; a named
# scenario with a value at one x only is drawn there as a point with its
# interval, which a line could not show. Means without an interval are
# ringed (hk_spread_rings): the named scenarios', and the others' where
# hk_spread gave their rows.
hk_spread_w = 1
hk_spread_rings = "for [j = 1:(hk_bare > 0)] $RK every ::RKF[hk_e + 1]::hk_end " . \
    "using ($2 + (hk_one ? ($1 == hk_e + 1 ? 0.15 : 0.25) * hk_spread_w : 0)):($9 > 0 ? $3 / s : NaN) " . \
    "with points pt 6 ps 1.1 lw 1.2 lc rgb hk_bare_colour, " . \
    "for [j = 1:(hk_rings > 0)] $RK every ::RKF[hk_rb]::RKL[hk_rb] using 2:($3 / s) " . \
    "with points pt 6 ps 1.1 lw 1.2 lc rgb hk_bare_colour"
hk_spread_plot(more) = "hk_one = !hk_none && RKL[hk_e] == RKF[hk_e]; if (hk_none) { plot NaN notitle" . more . " } else { " . \
    "if (hk_one) { set boxwidth 0.12 * hk_spread_w; plot " . \
    "$RK every ::RKF[hk_e]::RKL[hk_e] using 2:($6 / s):($4 / s):($5 / s):($7 / s) " . \
    "with candlesticks lc rgb '#0072B2' fs solid 0.3 border lc rgb '#0072B2' whiskerbars, " . \
    "$RK every ::RKF[hk_e]::RKL[hk_e] using 2:($3 / s):($3 / s):($3 / s):($3 / s) " . \
    "with candlesticks lc rgb '#0072B2' lw 2 fs empty border lc rgb '#0072B2', " . \
    "$RK every ::RKF[hk_e + 1]::RKL[hk_e + 1] using ($2 + 0.15 * hk_spread_w):($3 / s):($4 / s):($5 / s) " . \
    "with yerrorbars lc rgb hk_spread_high pt 7 ps 0.8 lw 1.6, " . \
    "for [j = 1:(hk_low > 0)] $RK every ::RKF[3 * k]::RKL[3 * k] using ($2 + 0.25 * hk_spread_w):($3 / s):($4 / s):($5 / s) " . \
    "with yerrorbars lc rgb hk_spread_low pt 5 ps 0.8 lw 1.6, " . hk_spread_rings . more . " } else { plot " . \
    "$RK every ::RKF[hk_e]::RKL[hk_e] using 2:($4 / s):($5 / s) " . \
    "with filledcurves lc rgb '#0072B2' fs transparent solid 0.14 noborder, " . \
    "$RK every ::RKF[hk_e]::RKL[hk_e] using 2:($6 / s):($7 / s) " . \
    "with filledcurves lc rgb '#0072B2' fs transparent solid 0.3 noborder, " . \
    "$RK every ::RKF[hk_e]::RKL[hk_e] using 2:($3 / s) with lines lc rgb '#0072B2' lw 1.6, " . \
    "$RK every ::RKF[hk_e + 1]::RKL[hk_e + 1] using 2:($4 / s):($5 / s) " . \
    "with filledcurves lc rgb hk_spread_high fs transparent solid 0.2 noborder, " . \
    "$RK every ::RKF[hk_e + 1]::RKL[hk_e + 1] using 2:($3 / s) with lines lc rgb hk_spread_high lw 1.4, " . \
    "for [j = 1:(hk_low > 0)] $RK every ::RKF[3 * k]::RKL[3 * k] using 2:($4 / s):($5 / s) " . \
    "with filledcurves lc rgb hk_spread_low fs transparent solid 0.2 noborder, " . \
    "for [j = 1:(hk_low > 0)] $RK every ::RKF[3 * k]::RKL[3 * k] using 2:($3 / s) " . \
    "with lines lc rgb hk_spread_low lw 1.4 dt 2, " . \
    "for [j = 1:(RKL[hk_e + 1] == RKF[hk_e + 1])] $RK every ::RKF[hk_e + 1]::RKL[hk_e + 1] " . \
    "using 2:($3 / s):($4 / s):($5 / s) with yerrorbars lc rgb hk_spread_high pt 7 ps 0.8 lw 1.6, " . \
    "for [j = 1:(hk_low > 0 && RKL[3 * k] == RKF[3 * k])] $RK every ::RKF[3 * k]::RKL[3 * k] " . \
    "using 2:($3 / s):($4 / s):($5 / s) with yerrorbars lc rgb hk_spread_low pt 5 ps 0.8 lw 1.6, " . \
    hk_spread_rings . more . " } }"
# The key entries of a spread chart (plot ..., @hk_spread_key): what
# every line and band shows.
hk_spread_key = "keyentry with lines lc rgb '#0072B2' lw 1.6 title \"the scenarios' median\", " . \
    "keyentry with filledcurves lc rgb '#0072B2' fs transparent solid 0.3 noborder " . \
    "title 'their middle half', " . \
    "keyentry with filledcurves lc rgb '#0072B2' fs transparent solid 0.14 noborder " . \
    "title 'all, lowest to highest', " . \
    "keyentry with lines lc rgb hk_spread_high lw 1.4 title 'highest on average', " . \
    "keyentry with filledcurves lc rgb hk_spread_high fs transparent solid 0.2 noborder " . \
    "title 'its 95 % band', " . \
    "keyentry with lines lc rgb hk_spread_low lw 1.4 dt 2 title 'lowest on average', " . \
    "keyentry with filledcurves lc rgb hk_spread_low fs transparent solid 0.2 noborder " . \
    "title 'its 95 % band', for [j = 1:hk_any_bare] keyentry with points pt 6 ps 1.1 lw 1.2 " . \
    "lc rgb hk_bare_colour title 'ringed: no interval'"
