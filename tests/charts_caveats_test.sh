#!/bin/sh
# charts_caveats_test.sh — end-to-end tests that the charts and the report
# show every number no surer than it is and draw all of what they draw:
# names of the highest and lowest kept inside their panel (and above the
# data of a spread), ranked panels' x labels and tics inside theirs,
# values without a value named, means without an interval marked, unlike
# scenarios said to be unpaired, a last partial month marked and drawn
# where it ends, a headline mean from fewer replications counted, a
# sweep's lone intervals and missing values shown.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_caveats_test.sh
# Prints one line per check and "chart caveats: N passed, M failed".
. tests/charts_lib.sh
# Small, quick runs: what is checked is how the results are drawn.
S="--set customers.count=30 --set sim.days=90 --set sim.warmup_days=60"

# overrun SVG WIDTH: the labels naming scenarios in the SVG (left-aligned,
# F10: 12.5 pixels, "highest", "lowest", "only" or a name) that would run past WIDTH pixels from where they start, or off
# the 1100-pixel image, at 0.55 em a character (DejaVu Sans' narrowest
# guess for names of letters, digits and '_'), each as "x:text".
overrun() {
    awk -v w="$2" '/text-anchor="start"/ && /font-size="12.50"/ {
            x = $0; sub(/.*translate\(/, "", x); sub(/,.*/, "", x); keep = 1; next }
        keep && /<text>/ { t = $0; sub(/.*<text>/, "", t); sub(/<\/text>.*/, "", t)
            if (t !~ /^(highest|lowest|only|commission)/) next
            n = t; gsub(/\xe2\x80\xa6/, ".", n); px = length(n) * 0.55 * 12.5
            if (px > w || x + px > 1100) print int(x) ":" t }
        { keep = 0 }' "$1"
}

# texts SVG: each unrotated text of F10 (12.5 pixels) in the SVG as
# "anchor x y width text", its width from DejaVu Sans' advances (in
# thousandths of an em; 0.7 em for a capital or a sign not listed).
texts() {
    awk 'BEGIN { n = split("a613 b635 c550 d635 e615 f352 g635 h634 i278 j278 k579 l278 m974 n634 " \
            "o612 p635 q635 r411 s521 t392 u634 v592 w818 x592 y592 z525 _500 -361 ,318 .318 :337 " \
            "(390 )390 +838 %950", a, " ")
            for (j = 1; j <= n; j++) em[substr(a[j], 1, 1)] = substr(a[j], 2) / 1000
            for (j = 0; j <= 9; j++) em[j ""] = 0.636; em[" "] = 0.318 }
        /font-size="12.50"/ && !/rotate/ { p = $0; sub(/.*translate\(/, "", p); split(p, xy, /[,)]/)
            an = $0; sub(/.*text-anchor="/, "", an); sub(/".*/, "", an); keep = 1; next }
        keep && /<text>/ { t = $0; sub(/.*<text>/, "", t); sub(/<\/text>.*/, "", t)
            gsub(/\xe2\x80\xa6/, "~", t); w = 0
            for (j = 1; j <= length(t); j++) { c = substr(t, j, 1); w += (c in em ? em[c] : 0.7) * 12.5 }
            print an, xy[1], xy[2], w, t }
        { keep = 0 }' "$1"
}

# above_data SVG: the labels of a spread panel (the scenarios named, the
# means ringed) that are not wholly above everything drawn in the plot
# (bands, lines, points) and below its top, each as "y:text"; "none" if
# it has none of them.
above_data() {
    texts "$1" | awk -v f="$1" 'BEGIN { top = 1e9; while ((getline l < f) > 0) {
            if (l ~ /stroke=.rgb\( 68,  68,  68\)/ && l ~ /d=.M[^L]*L[^L]*L/) {
                d = l; sub(/.*d=./, "", d); sub(/[^0-9.,ML ].*/, "", d); gsub(/[ML]/, " ", d)
                n = split(d, c, /[ ,]+/); k = 0; for (j = 1; j <= n; j++) if (c[j] != "") { k++; if (k % 2 == 0) {
                    if (!(pt) || c[j] + 0 < pt) pt = c[j] + 0; if (c[j] + 0 > pb) pb = c[j] + 0 } }
                continue }
            if (l ~ /class="gridline"/ || l ~ /id=.gpPt/ || l ~ /rgb\( 68,  68,  68\)/) continue
            d = ""
            if (l ~ /<polygon/) { d = l; sub(/.*points = ./, "", d); sub(/.\/>.*/, "", d) }
            else if (l ~ /<path/) { d = l; sub(/.*d=./, "", d); sub(/[^0-9.,ML ].*/, "", d); gsub(/[ML]/, " ", d) }
            else if (l ~ /<use.*translate\(/) { d = l; sub(/.*translate\(/, "", d); split(d, u, /[,) ]+/)
                sc = l; sub(/.*scale\(/, "", sc); y[++ny] = u[2] - sc; continue }
            n = split(d, c, /[ ,]+/); m = 0
            for (j = 1; j <= n; j++) if (c[j] != "") { m++; if (m % 2 == 0) y[++ny] = c[j] + 0 } }
            for (j = 1; j <= ny; j++) if (y[j] >= pt && y[j] <= pb && y[j] < top) top = y[j] }
        $1 == "start" && $3 < pb { t = $0; for (j = 1; j <= 4; j++) sub(/^[^ ]+ /, "", t)
            if (t !~ /^(highest on average|lowest on average|[0-9]+ ringed|no interval|[0-9]+ of [0-9]+ means|an interval:)/) next
            seen++; if ($3 + 3 >= top || $3 - 10 <= pt) print int($3) ":" t " (data from " int(top) ")" }
        END { if (!seen) print "none" }'
}

# --- 45 scenarios of long names: each panel names its highest and lowest in full view ---
mkdir "$T/many"
i=1
while [ $i -le 45 ]; do
    n=$(printf '%02d' $i)
    sed -e "s/^\[sim\]/[sim]\nname = commission_on_sales_variant_$n/" \
        -e "s/^commission_sales = .*/commission_sales = 0.0$n/" scenarios/baseline.ini >"$T/many/v$n.ini"
    i=$((i + 1))
done
"$HK" compare "$T"/many/v*.ini -n 3 $S -o "$T/many/out" --quiet >/dev/null &&
    "$HK" plot "$T/many/out" --quiet 2>"$T/err" || bad "compare and plot of 45 scenarios" "$(cat "$T/err")"
P="$T/many/out/plots"
# A panel of compare is 187 pixels wide, of monthly about 200 (less
# where the label starts).
cut="$(overrun "$P/compare.svg" 181) $(overrun "$P/monthly.svg" 195)"
ends=$(grep -c '>[^<]*ant_[0-9][0-9]<' "$P/compare.svg")
if [ "$cut" = " " ] && [ "$ends" -ge 10 ]; then
    ok "45 scenarios: the names of the highest and lowest stay inside their panels, their ends shown ($ends)"
else
    bad "45 scenarios: names run past their panel or the image, $ends ends shown" "$(echo $cut)"
fi

# --- scenarios sized unlike the first: the differences chart says they are not paired ---
mkdir "$T/unlike"
sed 's/^name = .*//; s/^\[sim\]/[sim]\nname = buy_sell_fewer_reps/; /^\[reps\]/,/^\[/ s/^count = .*/count = 12/' \
    scenarios/buy_sell.ini >"$T/unlike/fewer_reps.ini"
"$HK" compare scenarios/baseline.ini "$T/unlike/fewer_reps.ini" scenarios/late_penalty.ini -n 2 $S \
    -o "$T/unlike/out" --quiet >/dev/null && "$HK" plot "$T/unlike/out" --quiet 2>"$T/err" &&
    "$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini -n 2 $S -o "$T/alike" --quiet >/dev/null &&
    "$HK" plot "$T/alike" --quiet 2>>"$T/err" || bad "compare and plot of unlike scenarios" "$(cat "$T/err")"
D="$T/unlike/out/plots/differences.svg"
if grep -q '>buy_sell_fewer_reps differs from baseline in reps.count:<' "$D" &&
    grep -q '>its replications are not paired like for like: ' "$D" &&
    ! grep -q 'like for like' "$T/alike/plots/differences.svg"; then
    ok "differences chart: a scenario of other size says it is not paired like for like; alike ones do not"
else
    bad "differences chart of unlike scenarios" "$(grep -o '>[^<]*\(differs\|like for like\)[^<]*<' "$D")"
fi

# --- a horizon of 65 days: its third month has 5 days, and the chart says so ---
# run_days DAYS DIR: a small baseline of DAYS days after 60 of warm-up, plotted.
run_days() {
    "$HK" run scenarios/baseline.ini -n 2 --set customers.count=30 --set sim.days="$1" \
        --set sim.warmup_days=60 -o "$2" --quiet >/dev/null && "$HK" plot "$2" --quiet 2>"$T/err" ||
        bad "run and plot of $1 days" "$(cat "$T/err")"
}
run_days 65 "$T/short"
M="$T/short/plots/monthly.svg"
if grep -q '; month 3 has only 5 days (shaded)<' "$M" && [ "$(grep -c '>5 days<' "$M")" -eq 3 ]; then
    ok "monthly chart: a last month of 5 days is shaded and named as such in every panel"
else
    bad "monthly chart: the last, short month is not marked" "$(grep -o '>Monthly[^<]*<' "$M")"
fi
# One month of 20 days has no neighbour to shade against: named, not
# said to be shaded. Scenarios whose horizons end differently (65 days
# beside 90) are not all shaded as the first listed ends: the title says so.
run_days 20 "$T/month"
mkdir -p "$T/h"
for d in 90 65; do
    printf '[sim]\nname = d%s\ndays = %s\nwarmup_days = 60\n[customers]\ncount = 30\n' $d $d >"$T/h/d$d.ini"
done
"$HK" compare "$T/h/d90.ini" "$T/h/d65.ini" -n 2 -o "$T/h/out" --quiet >/dev/null &&
    "$HK" plot "$T/h/out" --quiet 2>"$T/err" || bad "compare and plot of 90 and 65 days" "$(cat "$T/err")"
if grep -q '; month 1 has only 20 days<' "$T/month/plots/monthly.svg" &&
    ! grep -q '>20 days<' "$T/month/plots/monthly.svg" &&
    grep -q ">the scenarios' horizons end differently: a last month may be short<" "$T/h/out/plots/monthly.svg" &&
    ! grep -q '>5 days<' "$T/h/out/plots/monthly.svg"; then
    ok "monthly chart: one short month is named, not said to be shaded; unlike horizons are said to differ"
else
    bad "monthly chart: one month, or unlike horizons" \
        "$(grep -o '>Monthly[^<]*<' "$T/month/plots/monthly.svg" "$T/h/out/plots/monthly.svg")"
fi

# The short month is drawn where it ends, not a whole month's step on:
# shade_ratio SVG prints the first panel's shaded width over the step
# from month 1 to month 2 on its axis (tick labels " 1" and " 2").
shade_ratio() {
    awk '/rgb\(232, 232, 232\)/ && w == "" { t = $0; sub(/.*points = ./, "", t); split(t, p, "[ ,]")
            w = p[3] - p[1] }
        /translate\(/ { x = $0; sub(/.*translate\(/, "", x); sub(/,.*/, "", x) }
        /<text> 1<\/text>/ && a == "" { a = x } /<text> 2<\/text>/ && b == "" { b = x }
        END { if (w == "" || b == "" || a == "") print "none"; else printf "%.3f\n", w / (b - a) }' "$1"
}
# Where the rows' months are drawn: the x (column 3) of the datablock
# the per-scenario chart plots, as "x:how many rows".
gnuplot -e "dir='$T/short'" plots/monthly.gp -e 'set print "-"; print $HK' 2>"$T/err" |
    awk -F' *, *' '$2 > 0 { n[$3 + 0]++ } END { for (x in n) print x ":" n[x] }' | sort -n >"$T/short/x"
r=$(shade_ratio "$T/short/plots/monthly.svg")
if [ "$(tr '\n' ' ' <"$T/short/x")" = "1:3 2:3 2.16667:3 " ] &&
    awk -v r="$r" 'BEGIN { exit !(r > 0.15 && r < 0.19) }'; then
    ok "monthly chart: a last month of 5 days is drawn 5/30 of a month after the one before ($r)"
else
    bad "monthly chart: a last month of 5 days is drawn a whole month on" \
        "shaded $r of a month; x: $(tr '\n' ' ' <"$T/short/x") $(cat "$T/err")"
fi

# --- a mean and a difference from one replication: ringed, the panel saying why, no error bar ---
mkdir "$T/bare"
printf '%s\n' scenario,metric,mean,sd,ci95_low,ci95_high,n a,sales,100,1,90,110,3 a,dso,41.5,nan,nan,nan,1 \
    b,sales,120,1,110,130,3 b,dso,40,1,38,42,3 >"$T/bare/summary.csv"
printf '%s\n' scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n b,sales,20,10,30,3 \
    b,dso,-1.5,nan,nan,1 >"$T/bare/compare.csv"
for c in compare differences; do
    gnuplot -e "dir='$T/bare'" plots/$c.gp 2>"$T/err"
    [ -s "$T/bare/plots/$c.png" ] && [ "$(grep -c '>ringed: no interval<' "$T/bare/plots/$c.svg")" -eq 1 ] &&
        ok "$c chart: the one mean without an interval is ringed, its panel saying why" ||
        bad "$c chart: a mean from one replication looks certain" "$(grep -v 'No valid' "$T/err")"
done

# --- a scenario without a mean: no bar, and the panel says so, beside a ring ---
# c has no DSO at all (no sales) and d's is from one replication: the DSO
# panels say both, on two lines, above the bars; c is not ringed.
mkdir "$T/gap"
printf '%s\n' scenario,metric,mean,sd,ci95_low,ci95_high,n a,sales,100,1,90,110,3 a,dso,40,1,38,42,3 \
    c,sales,0,0,0,0,3 c,dso,nan,nan,nan,nan,0 d,sales,90,1,80,100,3 d,dso,41.5,nan,nan,nan,1 \
    >"$T/gap/summary.csv"
printf '%s\n' scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n c,sales,-100,-110,-90,3 \
    c,dso,nan,nan,nan,0 d,sales,-10,-20,0,3 d,dso,1.5,nan,nan,1 >"$T/gap/compare.csv"
for c in compare differences; do
    gnuplot -e "dir='$T/gap'" plots/$c.gp 2>"$T/err"
    [ -s "$T/gap/plots/$c.png" ] && [ "$(grep -c '>ringed: no interval<' "$T/gap/plots/$c.svg")" -eq 1 ] &&
        [ "$(grep -c '>1 without a value<' "$T/gap/plots/$c.svg")" -eq 1 ] &&
        [ "$(grep -c 'ringed' "$T/gap/plots/$c.svg")" -eq 1 ] && [ "$(grep -c 'without a value' "$T/gap/plots/$c.svg")" -eq 1 ] &&
        ok "$c chart: a scenario without a mean is said to have none, not ringed; the one without an interval is ringed" ||
        bad "$c chart: a scenario without a mean" "$(grep -o '>[^<]*\(ringed\|value\)[^<]*<' "$T/gap/plots/$c.svg"; grep -v 'No valid' "$T/err")"
done

# --- a sweep: isolated intervals as error bars, means without one labelled, values without one named ---
# At 0 no sales, so no DSO; 0.5 has an interval but no neighbour with one
# (no band); 1.5 a mean from one replication; 2's neighbour 1.5 has no interval.
mkdir "$T/swalone"
printf '%s\n' param,value,metric,mean,sd,ci95_low,ci95_high,n \
    orders.rate_per_month,0,sales,0,0,0,0,2 orders.rate_per_month,0,dso,nan,nan,nan,nan,0 \
    orders.rate_per_month,0.5,sales,100,1,90,110,2 orders.rate_per_month,0.5,dso,30,1,25,35,2 \
    orders.rate_per_month,1,sales,200,1,190,210,2 orders.rate_per_month,1,dso,nan,nan,nan,nan,0 \
    orders.rate_per_month,1.5,sales,300,1,290,310,2 orders.rate_per_month,1.5,dso,28,nan,nan,nan,1 \
    orders.rate_per_month,2,sales,400,1,390,410,2 orders.rate_per_month,2,dso,27,1,24,30,2 \
    >"$T/swalone/sweep.csv"
mkdir "$T/swcat"
printf '%s\n' param,value,metric,mean,sd,ci95_low,ci95_high,n \
    orders.process,poisson,sales,100,1,90,110,2 orders.process,poisson,dso,30,nan,nan,nan,1 \
    orders.process,regular,sales,120,1,110,130,2 orders.process,regular,dso,31,1,28,34,2 \
    orders.process,lumpy,sales,120,1,110,130,2 orders.process,lumpy,dso,nan,nan,nan,nan,0 \
    >"$T/swcat/sweep.csv"
# A real sweep: at 0 orders a month there are no sales, so no DSO.
"$HK" sweep scenarios/baseline.ini --param orders.rate_per_month --values 0,0.5,1 -n 2 \
    --set customers.count=20 --set reps.count=2 --set sim.days=40 --set sim.warmup_days=0 \
    -o "$T/swrun" --quiet >/dev/null && "$HK" plot "$T/swrun" --quiet 2>"$T/err" ||
    bad "sweep and plot of 0 to 1 orders a month" "$(cat "$T/err")"
for d in swalone swcat; do
    gnuplot -e "dir='$T/$d'" plots/sweep.gp 2>>"$T/err" || bad "sweep chart of $d" "$(cat "$T/err")"
done
A="$T/swalone/plots/sweep.svg"
R="$T/swrun/plots/sweep.svg"
if grep -q '>95 % interval of a value alone<' "$A" && [ "$(grep -c '>no interval<' "$A")" -eq 1 ] &&
    [ "$(grep -c '>no interval<' "$T/swcat/plots/sweep.svg")" -eq 1 ] &&
    ! grep -q '>95 % interval of a value alone<' "$R" && ! grep -q '>no interval<' "$R"; then
    ok "sweep chart: an interval without neighbours is an error bar, a mean without one labelled 'no interval'"
else
    bad "sweep chart: a lone value's interval or its lack is not shown" \
        "$(grep -o '>\(no interval\|95 %[^<]*\)<' "$A" "$T/swcat/plots/sweep.svg" "$R" | tr '\n' ' ')"
fi
if grep -q '>no value at 0, 1<' "$A" && grep -q '>no value at lumpy<' "$T/swcat/plots/sweep.svg" &&
    [ "$(grep -c '>no value at 0<' "$R")" -eq 1 ] && [ "$(grep -c '>no value at' "$R")" -eq 1 ]; then
    ok "sweep chart: the values where a metric has no value are named in its panel"
else
    bad "sweep chart: values without a value are left out unsaid" \
        "$(grep -o '>no value at[^<]*<' "$A" "$T/swcat/plots/sweep.svg" "$R" | tr '\n' ' ')"
fi
# One row of panels (two metrics): the chart's title stays above theirs.
gap=$(awk '/translate\(/ { y = $0; sub(/.*translate\([^,]*,/, "", y); sub(/\).*/, "", y) }
    /<text>Sweep of / { t = y } /<text>DSO</ { p = y } END { print p - t }' "$A")
awk -v g="$gap" 'BEGIN { exit !(g >= 15) }' &&
    ok "sweep chart of one row of panels: its title ${gap} pixels above theirs" ||
    bad "sweep chart of one row of panels: its title runs into theirs" "gap: $gap pixels"

# --- monthly chart: a month's mean from one replication is marked as having no interval ---
# b's DSO in month 2 rests on one replication; in "one", the horizon is one
# month; in "thin", every DSO is from one replication: the panel counts them.
mkdir "$T/mbare" "$T/mbare1" "$T/mthin"
for sc in a b; do
    for mo in 1 2 3; do
        echo "$sc,$mo,ar,$((mo * 1000)),10,$((mo * 1000 - 100)),$((mo * 1000 + 100)),3"
        echo "$sc,$mo,overdue,$((mo * 100)),10,$((mo * 100 - 10)),$((mo * 100 + 10)),3"
        echo "$sc,$mo,dso,4$mo,1,3$mo,5$mo,3"
    done
done | sed '1i scenario,month,metric,mean,sd,ci95_low,ci95_high,n' >"$T/mthin/monthly.csv"
sed 's/^b,2,dso,.*/b,2,dso,41.5,nan,nan,nan,1/' "$T/mthin/monthly.csv" >"$T/mbare/monthly.csv"
grep -v ',[23],' "$T/mthin/monthly.csv" | sed 's/^b,1,dso,.*/b,1,dso,41.5,nan,nan,nan,1/' >"$T/mbare1/monthly.csv"
sed -i 's/^\([ab],[123],dso,[^,]*\),.*/\1,nan,nan,nan,1/' "$T/mthin/monthly.csv"
for d in mbare mbare1 mthin; do
    gnuplot -e "dir='$T/$d'" plots/monthly.gp 2>>"$T/err" || bad "monthly chart of $d" "$(cat "$T/err")"
done
if [ "$(grep -c '>no interval<' "$T/mbare/plots/monthly.svg")" -eq 1 ] &&
    [ "$(grep -c '>no interval<' "$T/mbare1/plots/monthly.svg")" -eq 1 ] &&
    grep -q '>6 ringed means: no interval<' "$T/mthin/plots/monthly.svg" &&
    ! grep -q '>no interval<' "$T/mthin/plots/monthly.svg"; then
    ok "monthly chart: a mean without an interval is labelled 'no interval', six are counted"
else
    bad "monthly chart: a mean from one replication looks certain" \
        "$(grep -o '>[^<]*no interval<' "$T"/m*/plots/monthly.svg | tr '\n' ' ')"
fi

# --- past 40 scenarios, ranked: means without an interval are ringed and counted ---
mkdir "$T/rbare"
i=1
{
    echo scenario,metric,mean,sd,ci95_low,ci95_high,n >"$T/rbare/summary.csv"
    echo scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n >"$T/rbare/compare.csv"
    while [ $i -le 45 ]; do
        echo "s$i,sales,$((100 + i)),1,$((90 + i)),$((110 + i)),3" >>"$T/rbare/summary.csv"
        [ $i -gt 1 ] && echo "s$i,sales,$i,$((i - 5)),$((i + 5)),3" >>"$T/rbare/compare.csv"
        if [ $i -le 3 ]; then
            echo "s$i,dso,4$i,nan,nan,nan,1" >>"$T/rbare/summary.csv"
            [ $i -gt 1 ] && echo "s$i,dso,-$i,nan,nan,1" >>"$T/rbare/compare.csv"
        else
            echo "s$i,dso,$((30 + i)),1,$((28 + i)),$((32 + i)),3" >>"$T/rbare/summary.csv"
            echo "s$i,dso,$i,$((i - 2)),$((i + 2)),3" >>"$T/rbare/compare.csv"
        fi
        i=$((i + 1))
    done
}
for c in compare differences; do
    gnuplot -e "dir='$T/rbare'" plots/$c.gp 2>>"$T/err" || bad "$c chart of 45 scenarios" "$(cat "$T/err")"
done
if grep -q '>3 ringed: no interval<' "$T/rbare/plots/compare.svg" &&
    grep -q '>2 ringed: no interval<' "$T/rbare/plots/differences.svg" &&
    [ "$(grep -c '>a mean without an interval<' "$T/rbare/plots/compare.svg")" -eq 1 ] &&
    ! grep -q 'ringed\|a mean without an interval' "$T/many/out/plots/compare.svg"; then
    ok "45 scenarios ranked: the means without an interval are ringed and counted in their panel"
else
    bad "45 scenarios ranked: a mean without an interval looks certain" \
        "$(grep -o '>[^<]*\(ringed\|without an interval\)[^<]*<' "$T"/rbare/plots/*.svg | tr '\n' ' ')"
fi

# The count lies above every ring of its panel (187 pixels wide from 3 %
# in), not on them, also where the means are alike but for the highest
# few, so that the rings lie along the panel's foot ("flat": 45
# scenarios, every third DSO without an interval).
mkdir "$T/flat"
awk -v s="$T/flat/summary.csv" -v c="$T/flat/compare.csv" 'BEGIN { OFS = ","
        print "scenario,metric,mean,sd,ci95_low,ci95_high,n" > s
        print "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n" > c
        for (i = 1; i <= 45; i++) { r = "s" i; v = i > 42 ? 400 + i : 40 + i / 100
            print r, "sales", 100 + i, 1, 90 + i, 110 + i, 3 > s; if (i > 1) print r, "sales", i, i - 5, i + 5, 3 > c
            if (i % 3 == 0) { print r, "dso", v, "nan,nan,nan,1" > s; print r, "dso", v, "nan,nan,1" > c }
            else { print r, "dso", v, 1, v - 1, v + 1, 3 > s; if (i > 1) print r, "dso", v, v - 1, v + 1, 3 > c } } }' </dev/null
for c in compare differences; do
    gnuplot -e "dir='$T/flat'" plots/$c.gp 2>>"$T/err" || bad "$c chart of 45 alike scenarios" "$(cat "$T/err")"
done
# on_rings SVG: each count of rings ("N ringed: no interval") not wholly
# above every ring in its panel, as "y:text (ring at y)"; "none" if the
# SVG has no count.
on_rings() {
    texts "$1" | awk -v f="$1" 'BEGIN { while ((getline l < f) > 0) if (l ~ /gpPt5.*rgb\(138,  31,  17\)/) {
                split(l, u, /[(), ]+/); for (j = 1; j in u; j++) if (u[j] ~ /translate$/) break
                n++; rx[n] = u[j + 1]; ry[n] = u[j + 2] - u[j + 4] } }
        / ringed: no interval$/ { seen++; x = $1 == "end" ? $2 - $4 : $1 == "middle" ? $2 - $4 / 2 : $2
            for (j = 1; j <= n; j++) if (rx[j] >= x - 10 && rx[j] <= x + 187 && $3 + 3 >= ry[j]) {
                print int($3) ":" $5 " ringed (ring at " int(ry[j]) ")"; break } }
        END { if (!seen) print "none" }'
}
cut=$(for d in rbare flat; do for c in compare differences; do on_rings "$T/$d/plots/$c.svg"; done; done)
if [ -z "$cut" ]; then
    ok "past 40 scenarios ranked: the count of means without an interval lies above their rings"
else
    bad "past 40 scenarios ranked: the count of means without an interval lies on their rings" "$(echo $cut)"
fi

# --- past 40 scenarios, spread: the means without an interval are ringed and counted ---
# s45 is the highest on average, s1 the lowest. Overdue: neither has an
# interval in any month; DSO: s45 in month 2, s1 in months 1 and 3;
# receivables: s20, not named, in month 2; collectibility: s45 at 660
# and 720 days (and in c2, s20 too at 300 and 480).
mkdir "$T/sbare" "$T/sbare/c"
i=1
while [ $i -le 45 ]; do
    for mo in 1 2 3; do
        case $i.$mo in
            20.2) echo "s$i,$mo,ar,$((1000 * mo + 10 * i)),nan,nan,nan,1" ;;
            *) echo "s$i,$mo,ar,$((1000 * mo + 10 * i)),1,$((950 * mo + 10 * i)),$((1050 * mo + 10 * i)),3" ;;
        esac
        case $i in
            1 | 45) echo "s$i,$mo,overdue,$((100 * mo + i)),nan,nan,nan,1" ;;
            *) echo "s$i,$mo,overdue,$((100 * mo + i)),1,$((95 * mo + i)),$((105 * mo + i)),3" ;;
        esac
        case $i.$mo in
            45.2 | 1.1 | 1.3) echo "s$i,$mo,dso,$((30 + i + mo)),nan,nan,nan,1" ;;
            *) echo "s$i,$mo,dso,$((30 + i + mo)),1,$((29 + i + mo)),$((31 + i + mo)),3" ;;
        esac
    done
    for a in 0 60 120 180 240 300 360 420 480 540 600 660 720; do
        v=$(((800 - a) * (50 + i)))   # a share of 0.0408 to 0.76, in hundred-thousandths
        case $i.$a in
            45.660 | 45.720) printf 's%d,%d,0.%05d,nan,nan,1\n' $i $a $v ;;
            *) printf 's%d,%d,0.%05d,0.%05d,0.%05d,3\n' $i $a $v $((v - 2000)) $((v + 2000)) ;;
        esac >>"$T/sbare/c/collectibility.csv"
    done
    i=$((i + 1))
done | sed '1i scenario,month,metric,mean,sd,ci95_low,ci95_high,n' >"$T/sbare/monthly.csv"
sed -i '1i scenario,age_days,collectible_share,ci95_low,ci95_high,n' "$T/sbare/c/collectibility.csv"
gnuplot -e "dir='$T/sbare'" plots/monthly.gp 2>>"$T/err" || bad "monthly chart of 45 scenarios" "$(cat "$T/err")"
gnuplot -e "dir='$T/sbare/c'" plots/collectibility.gp 2>>"$T/err" ||
    bad "collectibility chart of 45 scenarios" "$(cat "$T/err")"
M="$T/sbare/plots/monthly.svg"
C="$T/sbare/c/plots/collectibility.svg"
if grep -q '>3 ringed: no interval<' "$M" && grep -q '>6 ringed: no interval<' "$M" &&
    [ "$(grep -c 'ringed' "$M")" -eq 4 ] && grep -q '>2 ringed: no interval<' "$C" &&
    [ "$(grep -c '>ringed: no interval<' "$C")" -eq 1 ] &&
    ! grep -q 'ringed' "$T/many/out/plots/monthly.svg"; then
    ok "45 scenarios, spread: the named scenarios' means without an interval are ringed and counted in their panel"
else
    bad "45 scenarios, spread: a named scenario's mean without an interval looks certain" \
        "$(grep -o '>[^<]*ringed[^<]*<' "$M" "$C" | tr '\n' ' ')"
fi
# The bands of the spread take in the means of scenarios not named, s20's
# without an interval among them: it is ringed too ($RK's rows 3G + g:
# group g's such means, of G groups) and counted with the rest. Past 60
# in a panel (all receivables but s1's and s45's: 129) they are counted,
# not ringed, and the panel says so.
mkdir "$T/sbare/c2" "$T/sbare/cap"
awk -F, 'BEGIN { OFS = "," } $1 == "s20" && ($2 == 300 || $2 == 480) { $4 = "nan"; $5 = "nan"; $6 = 1 } { print }' \
    "$T/sbare/c/collectibility.csv" >"$T/sbare/c2/collectibility.csv"
awk -F, 'BEGIN { OFS = "," } $3 == "ar" && $1 != "s1" && $1 != "s45" { $5 = $6 = $7 = "nan"; $8 = 1 } { print }' \
    "$T/sbare/monthly.csv" >"$T/sbare/cap/monthly.csv"
rk() { gnuplot -e "dir='$1'" plots/$2.gp -e 'set print "-"; print $RK' 2>>"$T/err" |
    awk -F' *, *' -v k="$3" '$1 == k { print $2 ":" $6 }' | tr '\n' ' '; }
rm -f "$T/err"
m=$(rk "$T/sbare" monthly 10)
c=$(rk "$T/sbare/c2" collectibility 4)
cap=$(rk "$T/sbare/cap" monthly 10)
if [ "$m" = "2:20 " ] && [ "$c" = "300:20 480:20 " ] && [ "$cap" = "" ] && [ ! -s "$T/err" ] &&
    grep -q '>1 ringed: no interval<' "$M" && grep -q '>4 ringed: no interval<' "$T/sbare/c2/plots/collectibility.svg" &&
    grep -q '>129 of 135 means lack<' "$T/sbare/cap/plots/monthly.svg" &&
    grep -q '>an interval: none ringed<' "$T/sbare/cap/plots/monthly.svg" &&
    grep -q '>6 ringed: no interval<' "$T/sbare/cap/plots/monthly.svg"; then
    ok "45 scenarios, spread: the others' means without an interval are ringed and counted, past 60 counted"
else
    bad "45 scenarios, spread: a mean without an interval among the spread goes unmarked" \
        "$m/$c/$cap $(grep -ho '>[^<]*\(ringed\|lack\)[^<]*<' \
        "$M" "$T/sbare/c2/plots/collectibility.svg" "$T/sbare/cap/plots/monthly.svg" | tr '\n' ' ') $(cat "$T/err")"
fi

# The names and the counts of a spread's panel lie above its data, the
# range extended for them, not over its lines and bands.
cut=$(above_data "$C"; above_data "$T/sbare/c2/plots/collectibility.svg")
if [ -z "$cut" ]; then
    ok "45 scenarios, spread: the collectibility chart's names and counts lie above its data"
else
    bad "45 scenarios, spread: the collectibility chart's labels lie on its data" "$(echo $cut)"
fi

# --- 2200 scenarios ranked, some without a value: each x label and its tics fit their panel ---
# DSO has a value in 2192 of them, rep turnover (a panel of the foot row)
# in 1467: "2192 of 2200 with a value, lowest to highest" in one line
# would run off the image, and tics every 200 of 1467 into each other.
mkdir "$T/wide"
awk -v s="$T/wide/summary.csv" -v c="$T/wide/compare.csv" 'BEGIN { OFS = ","; print "scenario,metric,mean,sd,ci95_low,ci95_high,n" > s
        print "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n" > c
        split("sales collected bad_debt dso firm_profit rep_pay_mean rep_turnover", m, " ")
        for (i = 1; i <= 2200; i++) for (k = 1; k <= 7; k++) {
            v = 1000 * k + i; r = sprintf("row-%04d", i)
            if ((k == 4 && i % 245 == 0) || (k == 7 && i % 3 == 0)) { print r, m[k], "nan,nan,nan,nan,0" > s
                if (i > 1) print r, m[k], "nan,nan,nan,0" > c }
            else { print r, m[k], v, 1, v - 5, v + 5, 2 > s; if (i > 1) print r, m[k], v, v - 5, v + 5, 2 > c } } }' </dev/null
for c in compare differences; do
    gnuplot -e "dir='$T/wide'" plots/$c.gp 2>>"$T/err" || bad "$c chart of 2200 scenarios" "$(cat "$T/err")"
done
# Centred texts (x labels, tics) wider than a panel (187 pixels), off the
# image (1100 by 620) or overlapping their neighbour in a row of tics.
cut=$(for c in compare differences; do texts "$T/wide/plots/$c.svg"; done | awk '$1 == "middle" {
        t = $0; for (j = 1; j <= 4; j++) sub(/^[^ ]+ /, "", t)
        if ($4 > 187 || $2 - $4 / 2 < 0 || $2 + $4 / 2 > 1100 || $3 + 3 > 620) print int($2) ":" t
        if (t ~ /^ *[0-9]+$/ && $3 == y && $2 > x && $2 - x < (w + $4) / 2 + 2) print int($2) ":" t " on " p
        y = $3; x = $2; w = $4; p = t }')
lines=$(cat "$T/wide/plots/compare.svg" "$T/wide/plots/differences.svg" | grep -c '>[0-9]* of 2[0-9]* with a value,<')
if [ -z "$cut" ] && [ "$lines" -eq 4 ]; then
    ok "2200 scenarios ranked: each x label ('2192 of 2200 with a value, / lowest to highest') and its tics fit their panel"
else
    bad "2200 scenarios ranked: an x label or its tics run past their panel ($lines labels counted)" "$(echo $cut)"
fi

# --- past 40 scenarios, spread: a last month of 20 days is drawn where it ends ---
mkdir "$T/sshort"
awk -F, 'NR > 1 && $3 == "dso" { d = $2 == 3 ? 20 : 30; print; print $1 "," $2 ",days," d ",0," d "," d ",3"; next }
    { print }' "$T/sbare/monthly.csv" >"$T/sshort/monthly.csv"
x=$(gnuplot -e "dir='$T/sshort'" plots/monthly.gp -e 'set print "-"; print $RK' 2>"$T/err" |
    awk -F' *, *' '$1 > 0 { n[$2 + 0]++ } END { for (x in n) print x ":" n[x] }' | sort -n | tr '\n' ' ')
r=$(shade_ratio "$T/sshort/plots/monthly.svg")
if [ "$x" = "1:9 2:10 2.66667:9 " ] && awk -v r="$r" 'BEGIN { exit !(r > 0.64 && r < 0.69) }' &&
    grep -q '>month 3 has only 20 days (shaded)<' "$T/sshort/plots/monthly.svg"; then
    ok "45 scenarios, spread: a last month of 20 days is drawn 20/30 of a month after the one before ($r)"
else
    bad "45 scenarios, spread: a last month of 20 days is drawn a whole month on" "shaded $r of a month; x: $x $(cat "$T/err")"
fi

# --- a reporting blackout: counted in monthly.csv, shaded where it falls ---
# The presets' reporting-window customers hold back payment 120 days
# before each report (days 975 to 1094 of the run, 245 to 364 of the
# horizon after 730 days of warm-up): 25 days of month 9, all of 10 to
# 12, the 5 of month 13. Each month with any is shaded in the three
# panels, the darker the more of its days, and the key names it.
B="-n 2 --set customers.count=30 --set reps.count=3 --quiet"
amber() { grep -o "polygon fill = 'rgb(240, 180,  41)' fill-opacity = '[0-9.]*'" "$1" | sed 's/.*= .//; s/.$//'; }
"$HK" run scenarios/baseline.ini $B -o "$T/bk" >/dev/null && "$HK" plot "$T/bk" --quiet 2>"$T/err" ||
    bad "run and plot of a year with a blackout" "$(cat "$T/err")"
days=$(awk -F, '$3 == "blackout_days" { printf "%s:%g ", $2, $4 }' "$T/bk/monthly.csv")
want="1:0 2:0 3:0 4:0 5:0 6:0 7:0 8:0 9:25 10:30 11:30 12:30 13:5 "
shades=$(amber "$T/bk/plots/monthly.svg" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
if [ "$days" = "$want" ] && [ "$shades" = "0.260000:3 0.300000:13 " ] &&
    grep -q '>reporting blackout<' "$T/bk/plots/monthly.svg" &&
    grep -q 'month 13 has only 5 days (labelled with its days)<' "$T/bk/plots/monthly.svg"; then
    ok "monthly: a 120-day blackout before the report counted (months 9 to 13) and shaded, darker where whole"
else
    bad "monthly: the blackout's days or shading" "days $days; opacities:count $shades"
fi
# None where no segment holds anything back, nor under the Markov chain;
# none, and said so, where the compared scenarios' blackouts differ.
"$HK" run scenarios/baseline.ini $B --set segment.reporting_window.report_blackout_days=0 \
    -o "$T/bk0" >/dev/null && "$HK" plot "$T/bk0" --quiet 2>>"$T/err"
"$HK" run scenarios/validation/markov.ini $B -o "$T/bkm" >/dev/null && "$HK" plot "$T/bkm" --quiet 2>>"$T/err"
mkdir -p "$T/bkd"
cp scenarios/baseline.ini "$T/bkd/a.ini"
{ cat scenarios/baseline.ini; printf '\n[segment.reporting_window]\nreport_blackout_days = 60\n'; } >"$T/bkd/b.ini"
"$HK" compare "$T/bkd/a.ini" "$T/bkd/b.ini" $B -o "$T/bkd/out" >/dev/null &&
    "$HK" plot "$T/bkd/out" --quiet 2>>"$T/err"
held=$(cat "$T/bk0/monthly.csv" "$T/bkm/monthly.csv" | awk -F, '$3 == "blackout_days" && $4 + 0 != 0' | wc -l)
b60=$(awk -F, '$1 == "b" && $3 == "blackout_days" && $4 + 0 > 0 { printf "%s:%g ", $2, $4 }' "$T/bkd/out/monthly.csv")
if [ "$held" -eq 0 ] && [ "$b60" = "11:25 12:30 13:5 " ] &&
    [ -z "$(amber "$T/bk0/plots/monthly.svg"; amber "$T/bkm/plots/monthly.svg"; amber "$T/bkd/out/plots/monthly.svg")" ] &&
    ! grep -q 'reporting blackout<' "$T/bk0/plots/monthly.svg" "$T/bkm/plots/monthly.svg" &&
    grep -q 'reporting blackouts differ between the scenarios: not shaded' "$T/bkd/out/plots/monthly.svg" &&
    grep -q '(shaded);' "$T/bkd/out/plots/monthly.svg"; then
    ok "monthly: no blackout, or the Markov chain: none counted or shaded; unlike blackouts not shaded, said so"
else
    bad "monthly: a blackout shaded where there is none, or unlike ones" \
        "$held months held back; b: $b60 $(cat "$T/err")"
fi

# A blackout in month 1 (20 days before a report on day 30 of the
# horizon) is shaded too: the axis starts where month 1 does. Horizons
# of one and two years hold the first year's blackout on the same days:
# not said to differ; month 13, all of whose 5 days the one-year horizon
# has and 5 of whose 30 the two-year one has, is shaded as 5 of 30. A
# calibrated scenario stays last in the key, right above its note.
"$HK" run scenarios/baseline.ini $B --set firm.report_day=30 \
    --set segment.reporting_window.report_blackout_days=20 -o "$T/bk1" >/dev/null &&
    "$HK" plot "$T/bk1" --quiet 2>>"$T/err"
sed 's/^days = 365/days = 730/' scenarios/baseline.ini >"$T/bkd/two_years.ini"
"$HK" compare "$T/bkd/a.ini" "$T/bkd/two_years.ini" $B -o "$T/bkd/years" >/dev/null &&
    "$HK" plot "$T/bkd/years" --quiet 2>>"$T/err"
"$HK" calibrate scenarios/baseline.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --grid 3 $B -o "$T/bkc" >/dev/null && "$HK" plot "$T/bkc" --quiet 2>>"$T/err"
m1=$(awk -F, '$3 == "blackout_days" && $4 + 0 > 0 { printf "%s:%g ", $2, $4 }' "$T/bk1/monthly.csv")
years=$(amber "$T/bkd/years/plots/monthly.svg" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
key=$(grep -o '<text>[^<]*</text>' "$T/bkc/plots/monthly.svg" | tail -3 | sed 's/<[^>]*>//g' | tr '\n' '|')
if [ "$m1" = "1:20 " ] && [ "$(amber "$T/bk1/plots/monthly.svg" | wc -l)" -eq 4 ] &&
    ! grep -q 'differ between' "$T/bkd/years/plots/monthly.svg" &&
    [ "$years" = "0.120000:3 0.230000:3 0.260000:3 0.300000:22 " ] &&
    [ "$key" = "95 % confidence band|reporting blackout|baseline, calibrated at|" ]; then
    ok "monthly: a blackout in month 1 shaded; unlike horizons' like blackouts shaded; a calibrated note last"
else
    bad "monthly: month 1's blackout, unlike horizons or a calibrated key" \
        "month 1: $m1; years: $years; key: $key $(cat "$T/err")"
fi

echo "chart caveats: $pass passed, $fail failed"
[ $fail -eq 0 ]
