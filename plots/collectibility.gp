# collectibility.gp — collectibility by age: of the money still unpaid a
# given number of days after its due date, the share eventually
# collected, per scenario (mean, 95 % band), against the reference points
# of seed 004: about 100 % within 2 months, 80 % at 100 days, 50 % at
# 180 days and 20 % after 12 months (Edwards), and 26.6 % after one year,
# 13.6 % after two (a collection agencies' survey).
#
#   gnuplot -e "dir='results/presets'" plots/collectibility.gp
#
# Reads DIR/collectibility.csv (scenario,age_days,collectible_share,
# ci95_low,ci95_high,n); writes DIR/plots/collectibility.png and .svg.
# A scenario whose oldest ages rest on fewer replications says so in the
# legend: "(n 40, down to 10 at 730 days)".

hk_dir(p) = strstrt(p, '/') ? p[1:strstrt(p, '/')] . hk_dir(p[strstrt(p, '/') + 1:]) : ''
load hk_dir(ARG0) . 'common.gp'
load hk_dir(ARG0) . 'spread.gp'

if (nscen == 0) { eval hk_scenarios_from(hk_list('collectibility.csv', 1)) }

$edwards << EOD
60,1.00
100,0.80
180,0.50
365,0.20
EOD
$survey << EOD
365,0.266
730,0.136
EOD

# How many replications each scenario's line rests on: every one at
# young ages, fewer at old ones (a replication counts at an age only if
# some of its invoices reached it unpaid), and the legend says so, since
# a tail from few replications is less sure than its band shows.
# One pass for all: a note per scenario, its blanks as ~, or - for none
# (built without sprintf, whose %% in a long format came out garbled).
array NOTE[nscen > 0 ? nscen : 1]
notes = system("{ " . scenarios_cmd . "; } | awk -F, '" . hk_si_rule . \
    "FNR > 1 && ($1 \"\") in si && $3 != \"nan\" { i = si[$1 \"\"]; " . \
    "if ($6 + 0 > top[i]) top[i] = $6 + 0; " . \
    "if (!(i in low) || $6 + 0 < low[i]) { low[i] = $6 + 0; at[i] = $2 } } " . \
    "END { for (i = 1; i <= n; i++) { t = \"-\"; if ((i in low) && low[i] < top[i]) { " . \
    "t = sprintf(\" (n %d, down to %d at %d days)\", top[i], low[i], at[i]); gsub(/ /, \"~\", t) } " . \
    "printf \"%s \", t } }' - pass=2 " . hk_shq(hk_file('collectibility.csv')))
do for [i = 1:nscen] {
    NOTE[i] = word(notes, i) eq '-' ? '' : hk_replace(word(notes, i), '~', ' ')
}
nrep = hk_n_range('collectibility.csv', 2, '', 6)
# Past 40 scenarios the chart draws how the scenarios spread (hk_spread
# in common.gp); up to 40, a line each.
spread = nscen >= hk_ranked_from
if (spread) {
    eval hk_load_ranked(hk_spread('collectibility.csv', 0, 'all', 2, 3, 4, 5), hk_spread_names('all'), 9)
    k = 1
    s = 1
    hk_spread_w = 250   # one age alone: its box 30 days wide
    # Whether the legend has an entry for a mean without an interval
    # (column 9 of the rows of the named scenarios and of the others'
    # means that are ringed), for its rows.
    stats $RK using ($1 > 1 ? $9 : 0) nooutput
    hk_any_bare = STATS_sum > 0
} else {
    # Each scenario's rows, read once: "1,i,age,share,low,high".
    eval hk_load_grouped(hk_grouped('collectibility.csv', 0, 'all', 2, '3 4 5'), 'all', 6)
}

# The legend below the plot has as many columns of titles as fit across
# the image (the reference points' titles are about 30 characters), and
# as many rows as it then needs, up to ten; the image grows by a row's
# height for each row past three, so no entry is cut off. Past ten rows
# its last scenario entry says how many more there are.
longest = 30
do for [i = 1:(spread ? 0 : nscen)] { longest = strlen(slabel(i) . NOTE[i]) > longest ? strlen(slabel(i) . NOTE[i]) : longest }
# SVG text is a quarter larger than PNG text (hk_term): fewer columns.
hk_kcols(scale) = hk_greater(1, floor(860 / ((longest * 6.5 + 45) * scale)))
# Both formats list the scenarios the SVG's legend holds.
room = hk_kcols(1.25) * 10 - 2
listed = hk_listed(nscen, room)
entries = spread ? 7 + hk_any_bare : hk_min(nscen, room)
hk_krows(scale) = hk_greater(3, (entries + 2 + hk_kcols(scale) - 1) / hk_kcols(scale))
# Scenario i's lines carry its title while a look is one scenario; past
# that, titles are key entries of their own. (Spelled out only when
# needed: a loop of no key entries still widens the key.)
more_entries = spread ? hk_spread_key . ", " : (nscen > hk_looks ? "for [i = 1:listed] keyentry with linespoints lc rgb scol(i) " . \
    "dt sdt(i) lw 1.8 pt spt(i) ps 0.5 title slabel(i) . NOTE[i], " : "") . \
    (nscen > room ? "keyentry with points ps 0 title hk_more(nscen, room, 'collectibility.csv'), " : "")

# Without invoices there is no share to show (no sales, or none still
# unpaid at any age): the chart says so rather than drawing empty axes.
# (Asked of awk: gnuplot's stats warns of a file without a number.)
hk_none = system("awk -F, '" . hk_awk_num . "NR > 1 && num($3) { f = 1; exit } END { print !f }' " . \
    hk_shq(hk_file('collectibility.csv'))) + 0

do for [fmt in 'png svg'] {
    reset
    eval hk_setup
    scale = fmt eq 'svg' ? 1.25 : 1
    krows = hk_krows(scale)
    eval hk_term(fmt, 'collectibility', 900, 600 + int(18 * scale * (krows - 3)))
    # Before the ranges are fixed: they would drop points from its stats.
    if (spread) { eval hk_spread_span }
    set title 'Collectibility by age: share of the still-unpaid amount eventually collected' . \
        (spread ? sprintf(', %d scenarios: their spread', nscen) : '') . \
        "\nmoney-weighted over " . nrep . ', with 95 % confidence band' font F12
    set xlabel 'days past due'
    set ylabel 'share eventually collected (fraction)'
    set xrange [0:750]
    set yrange [0:1.05]
    set xtics (0, 60, 100, 180, 270, 365, 450, 540, 630, 730)
    set ytics 0, 0.1, 1
    set format y '%.1f'
    eval hk_empty_panel
    set grid xtics ytics
    set key outside below center vertical maxrows krows Left reverse samplen 2 spacing 1.1 font F10 width 1
    if (spread) {
        # The names and the count of means without an interval, in rows
        # above the data, from 0.95 of the plot down, 0.05 (about 19
        # pixels) apart: the range reaches as far above the shares (1 at
        # most, but for an interval past it) as they take, so that no
        # label lies on a line or a band.
        hk_spread_row = 0.05
        eval hk_spread_labels(0.95)
        if (!hk_none) {
            set yrange [0:hk_greater(hi, 1) / (0.92 - hk_spread_row * hk_label_rows)]
        }
        hk_c = hk_spread_count(sprintf('%g days', hk_fewest_at), ', ')
        set xlabel 'days past due' . (hk_c eq '' ? '' : ' (' . hk_c . ')')
        eval hk_spread_plot(", " . more_entries . \
            "$edwards using 1:2 with points pt 13 ps 1.8 lc rgb '#000000' " . \
            "title 'seed 004, Edwards: 100 %…20 %', " . \
            "$survey using 1:2 with points pt 4 ps 1.6 lw 2 lc rgb '#000000' " . \
            "title 'seed 004, survey: 26.6 %, 13.6 %'")
        set output
        continue
    }
    plot for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(1, r)::hk_look_last(1, r) \
             using (hk_look($2, r) ? $3 : NaN):5:6 with filledcurves lc rgb scol(r) @hk_band, \
         for [r = 1:hk_nlooks(nscen)] $HK every ::hk_look_first(1, r)::hk_look_last(1, r) \
             using (hk_look($2, r) ? $3 : NaN):4 with linespoints lc rgb scol(r) dt sdt(r) lw 1.8 pt spt(r) ps 0.5 \
             title (nscen <= hk_looks && r <= listed ? slabel(r) . NOTE[r] : ''), \
         @more_entries \
         $edwards using 1:2 with points pt 13 ps 1.8 lc rgb '#000000' \
             title 'seed 004, Edwards: 100 %…20 %', \
         $survey using 1:2 with points pt 4 ps 1.6 lw 2 lc rgb '#000000' \
             title 'seed 004, survey: 26.6 %, 13.6 %'
    set output
}
