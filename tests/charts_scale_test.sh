#!/bin/sh
# charts_scale_test.sh — end-to-end tests of the charts of many scenarios:
# ten (more than the palette's eight colours), a 60-row batch drawn within a
# minute, and past 40 scenarios the compare, differences, rep pay, ageing,
# monthly and collectibility charts ranked or drawn as their spread, with
# the highest and lowest named, checked against figures computed by hand;
# 40 still drawn one by one; 3,500 whose list is longer than an argument.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_scale_test.sh
# Prints one line per check and "chart scale: N passed, M failed".
. tests/charts_lib.sh

# --- ten scenarios: more than the palette's eight colours ------------------------------
# Scenarios 9 and 10 reuse colours 1 and 2, hatched (bars) or dashed
# (lines); every legend keeps all ten names, in the image.
"$HK" sweep scenarios/late_penalty.ini --param scheme.penalty_daily_rate --values 0:0.0009:10 -n 2 $S \
    -o "$T/ten" --quiet >/dev/null
"$HK" plot "$T/ten" --quiet 2>"$T/err" || bad "plot of ten scenarios" "$(cat "$T/err")"
legend_x=$(grep -A1 'text-anchor="start"' "$T/ten/plots/compare.svg" | grep -B1 '>penalty_daily_rate-' |
    grep -o 'translate([0-9.]*' | sort -u)
[ "$(echo "$legend_x" | wc -l)" -eq 1 ] && [ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/compare.svg")" -eq 10 ] &&
    ok "ten scenarios: the compare legend is one column of ten" ||
    bad "ten scenarios: compare legend columns at" "$(echo $legend_x)"
grep -q "fill:none; stroke:rgb" "$T/ten/plots/compare.svg" && grep -q 'stroke-dasharray' "$T/ten/plots/monthly.svg" &&
    ok "ten scenarios: past the eighth, bars are hatched and lines dashed" ||
    bad "ten scenarios: the ninth and tenth look like the first and second"
[ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/collectibility.svg")" -eq 10 ] &&
    [ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/monthly.svg")" -eq 10 ] &&
    ok "ten scenarios: collectibility and monthly legends name all ten" ||
    bad "ten scenarios: legend entries left out" \
        "collectibility $(grep -c '>penalty_daily_rate-' "$T/ten/plots/collectibility.svg"), monthly $(grep -c '>penalty_daily_rate-' "$T/ten/plots/monthly.svg")"

# --- a batch of many scenarios: each chart reads its data once ------------------------
# (a chart that read its CSV again for every scenario took minutes here).
(echo "scenario,sim.seed"; i=1; while [ $i -le 60 ]; do echo "scenarios/seed_example.ini,$i"; i=$((i + 1)); done) \
    >"$T/g60.csv"
"$HK" batch "$T/g60.csv" -n 2 -o "$T/b60" --quiet
if timeout 60 "$HK" plot "$T/b60" --quiet 2>"$T/err"; then
    check_images "$T/b60" compare aging rep_pay monthly collectibility
    # Past 40 scenarios the compare chart ranks them, and the monthly and
    # collectibility charts draw their spread (below).
    legend_ok=1
    grep -q '>Policy comparison: mean over n = 2 replications with 95 % confidence interval, 60 scenarios ranked by their mean<' \
        "$T/b60/plots/compare.svg" || legend_ok=0
    grep -q ', 60 scenarios: their spread<' "$T/b60/plots/monthly.svg" || legend_ok=0
    grep -q ', 60 scenarios: their spread<' "$T/b60/plots/collectibility.svg" || legend_ok=0
    # Up to 40 a legend lists what its panel holds, in one column (a
    # second would lie over the panel beside it), and says how many more
    # there are: the batch's first 40 rows.
    mkdir -p "$T/b40"
    for f in summary.csv monthly.csv collectibility.csv; do
        awk -F, 'NR == 1 || $1 <= "row-0040"' "$T/b60/$f" >"$T/b40/$f"
    done
    for c in monthly collectibility; do
        gnuplot -e "dir='$T/b40'" plots/$c.gp 2>>"$T/legends" || legend_ok=0
    done
    for c in monthly; do
        listed=$(grep -o '>row-00[0-9][0-9]<' "$T/b40/plots/$c.svg" | sort -u | wc -l)
        more=$(grep -o '>[.][.][.] and [0-9]* more (monthly.csv)<' "$T/b40/plots/$c.svg" | grep -o '[0-9][0-9]*')
        columns=$(grep -A1 'text-anchor="start"' "$T/b40/plots/$c.svg" | grep -B1 '>row-00[0-9][0-9]<\|>[.][.][.] and [0-9]* more' |
            grep -o 'translate([0-9.]*' | sort -u | wc -l)
        echo "$c: $listed listed, ${more:-no} more, $columns columns" >>"$T/legends"
        [ "$listed" -ge 10 ] && [ -n "$more" ] && [ "$((listed + more))" -eq 40 ] && [ "$columns" -eq 1 ] || legend_ok=0
    done
    # Past its first month DSO has no value (no sales): no mean is ringed
    # (it had said "120 ringed means: no interval").
    ! grep -q 'ringed' "$T/b40/plots/monthly.svg" || { legend_ok=0; echo "monthly: ringed means" >>"$T/legends"; }
    # The collectibility legend, below the plot, stops at ten rows (it had
    # grown the image by a row for every two scenarios).
    C="$T/b40/plots/collectibility.svg"
    listed=$(grep -o '>row-00[0-9][0-9]<' "$C" | sort -u | wc -l)
    more=$(grep -o '>[.][.][.] and [0-9]* more (collectibility.csv)<' "$C" | grep -o '[0-9][0-9]*')
    height=$(grep -o 'viewBox="0 0 [0-9]* [0-9]*"' "$C" | grep -o '[0-9]*"$' | tr -d '"')
    echo "collectibility: $listed listed, ${more:-no} more, $height pixels high" >>"$T/legends"
    [ "$listed" -ge 10 ] && [ -n "$more" ] && [ "$((listed + more))" -eq 40 ] && [ "$height" -le 800 ] || legend_ok=0
    [ $legend_ok = 1 ] &&
        ok "plot of a 60-scenario batch finishes within a minute, ranked and spread; of its first 40, legends fit their place and say how many they leave out" ||
        bad "legends of 60 scenarios" "$(cat "$T/legends")"
else
    bad "plot of a 60-scenario batch" "$(cat "$T/err")"
fi

# Past 40 scenarios, the compare and differences charts rank the
# scenarios by their mean in each panel and name the lowest and the
# highest (with how many share their mean); a scenario without a value
# is left out and counted.
mkdir -p "$T/ranked"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    split("sales collected bad_debt dso firm_profit rep_pay_mean rep_turnover", m, " ")
    for (i = 1; i <= 45; i++) for (k = 1; k <= 7; k++) {
        v = k == 2 ? 100000 - 1000 * i : k == 5 ? (i * 7 + 3) % 45 * 1000 : k == 7 ? (i <= 3 ? 0 : 5) : 1000 * i + k
        if (k == 3 && i % 9 == 0) printf "s-%02d,%s,nan,nan,nan,nan,0\n", i, m[k]
        else if (k == 4 && i == 30) printf "s-%02d,%s,%d,nan,nan,nan,1\n", i, m[k], v
        else printf "s-%02d,%s,%d,10,%d,%d,3\n", i, m[k], v, v - 10, v + 10 } }' >"$T/ranked/summary.csv"
awk -F, 'function d(x) { return x == "nan" ? x : $2 == "rep_turnover" ? 0 : x - 500 }
    NR == 1 { print "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n"; next }
    $1 != "s-01" { print $1 "," $2 "," d($3) "," d($5) "," d($6) "," $7 }' \
    "$T/ranked/summary.csv" >"$T/ranked/compare.csv"
for c in compare differences; do
    if timeout 60 gnuplot -e "dir='$T/ranked'" plots/$c.gp 2>"$T/err"; then :; else bad "$c chart of 45 scenarios" "$(cat "$T/err")"; fi
done
check_images "$T/ranked" compare differences
R="$T/ranked/plots"
# firm_profit: scenario i has ((7 i + 3) mod 45) thousand, highest at 44
# (i = 38), lowest at 0 (i = 6).
hi_i=$(awk 'BEGIN { for (i = 1; i <= 45; i++) if ((i * 7 + 3) % 45 == 44) printf "%02d", i }')
lo_i=$(awk 'BEGIN { for (i = 1; i <= 45; i++) if ((i * 7 + 3) % 45 == 0) printf "%02d", i }')
if [ -z "$(cat "$T/err")" ] &&
    grep -q '>Policy comparison: mean over n = 1 to 3 replications with 95 % confidence interval, 45 scenarios ranked by their mean<' "$R/compare.svg" &&
    [ "$(grep -c '>highest: s-45<' "$R/compare.svg")" -eq 3 ] && grep -q '>highest: s-44<' "$R/compare.svg" &&
    [ "$(grep -c '>lowest: s-01<' "$R/compare.svg")" -eq 4 ] &&
    grep -q '>highest: s-45 (+41 tied)<' "$R/compare.svg" && grep -q '>lowest: s-01 (+2 tied)<' "$R/compare.svg" &&
    grep -q '>highest: s-01<' "$R/compare.svg" && grep -q '>lowest: s-45<' "$R/compare.svg" &&
    grep -q ">highest: s-$hi_i<" "$R/compare.svg" && grep -q ">lowest: s-$lo_i<" "$R/compare.svg" &&
    [ "$(grep -c '>40 of 45 with a value,<' "$R/compare.svg")" -eq 1 ] &&
    [ "$(grep -c '>lowest to highest<' "$R/compare.svg")" -eq 7 ] &&
    grep -q '>45 scenarios: too many<' "$R/compare.svg" &&
    ! grep -q '>s-01<' "$R/compare.svg" &&
    grep -q ', 44 scenarios ranked<' "$R/differences.svg" &&
    grep -q '>highest: s-45<' "$R/differences.svg" && grep -q '>lowest: s-02<' "$R/differences.svg" &&
    grep -q '>39 of 44 with a value,<' "$R/differences.svg" &&
    grep -q '>all 44 alike<' "$R/differences.svg" &&
    grep -q '>44 scenarios: too many<' "$R/differences.svg"; then
    ok "45 scenarios: compare and differences rank them per panel, name the lowest and highest and their ties, count those without a value"
else
    bad "ranked charts of 45 scenarios" "$(grep -o '>[a-z0-9]*\(est: s\|of 4\|scenarios\)[^<]*<' "$R/compare.svg" "$R/differences.svg" | tr '\n' ' ')"
fi
# A metric no scenario had gets an empty panel that says so (it had
# drawn the other metrics' rows).
mkdir -p "$T/ranknone"
awk -F, 'NR == 1 || $2 != "dso" { print; next } { print $1 "," $2 ",nan,nan,nan,nan,0" }' \
    "$T/ranked/summary.csv" >"$T/ranknone/summary.csv"
if timeout 60 gnuplot -e "dir='$T/ranknone'" plots/compare.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    [ "$(grep -c '>no replication had a value<' "$T/ranknone/plots/compare.svg")" -eq 1 ] &&
    [ "$(grep -c '>lowest to highest<' "$T/ranknone/plots/compare.svg")" -eq 6 ] &&
    ! grep -q '>0 of 45' "$T/ranknone/plots/compare.svg" &&
    [ "$(grep -c '<path ' "$T/ranknone/plots/compare.svg")" -lt "$(grep -c '<path ' "$R/compare.svg")" ]; then
    ok "45 scenarios, one metric without a value: its panel is empty and says so"
else
    bad "ranked chart with a metric without a value" "$(cat "$T/err")"
fi
# Forty are still drawn as bars, one per scenario, each named. Of them,
# s-30's DSO is a mean without an interval, ringed; the four without a
# bad debt (s-09, s-18, s-27, s-36) have no bar, which the panel says,
# and are not ringed: the chart had read their "nan" as gnuplot's table
# output pads it, "nan ", a number, and said "4 ringed: no interval".
mkdir -p "$T/forty"
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/ranked/summary.csv" >"$T/forty/summary.csv"
if timeout 60 gnuplot -e "dir='$T/forty'" plots/compare.gp 2>"$T/err" &&
    ! grep -q 'ranked\|highest:' "$T/forty/plots/compare.svg" && grep -q '>s-01<' "$T/forty/plots/compare.svg" &&
    [ "$(grep -c 'ringed' "$T/forty/plots/compare.svg")" -eq 1 ] &&
    grep -q '>ringed: no interval<' "$T/forty/plots/compare.svg" &&
    [ "$(grep -c 'without a value' "$T/forty/plots/compare.svg")" -eq 1 ] &&
    grep -q '>4 without a value<' "$T/forty/plots/compare.svg"; then
    ok "40 scenarios: compare draws a bar each, rings the one mean without an interval, counts the four without a mean"
else
    bad "compare chart of 40 scenarios" "$(cat "$T/err")"
fi

# 3,500 scenarios of 42-character names: a list longer than the shell takes
# as one argument (128 KiB), so the scripts hand it to awk as input.
mkdir -p "$T/wide"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 3500; i++)
        printf "scenario_with_a_long_descriptive_name_%04d,rep_pay_mean,%d,10,%d,%d,2\n", i, 9000 + i, 8990 + i, 9010 + i }' \
    >"$T/wide/summary.csv"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 1; i <= 3500; i++) for (r = 1; r <= 2; r++)
        printf "scenario_with_a_long_descriptive_name_%04d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%d,1,0,0\n", i, r, 8900 + i + 50 * r }' \
    >"$T/wide/reps.csv"
if timeout 120 gnuplot -e "dir='$T/wide'" plots/rep_pay.gp 2>"$T/err" && whole "$T/wide/plots/rep_pay.svg" &&
    grep -q '>Rep pay per 30 days: distribution over reps and n = 2 replications<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>3500 scenarios ranked by their median<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>highest: scenario_…_name_3500<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>lowest: scenario_…_name_0001<' "$T/wide/plots/rep_pay.svg"; then
    ok "rep pay chart of 3,500 scenarios whose list is over 128 KiB: drawn, ranked, the highest and lowest named"
else
    bad "rep pay chart of 3,500 scenarios" "$(grep -v 'making room' "$T/err" | head -3)"
fi

# Past 40 scenarios the rep pay chart ranks them by their median pay, over
# the middle half and the middle 95 % of each one's pay (R's type 7
# quantiles). Scenario q(17 i mod 41 + 1) pays 10 i, 20 i, ... 50 i: its
# median is 30 i, its quartiles 20 i and 40 i, its 2.5th and 97.5th
# percentiles 11 i and 49 i. The rows come in no order.
mkdir -p "$T/q41"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 41; i >= 1; i--) for (r = 5; r >= 1; r--)
        printf "q%02d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%d,1,0,0\n", (i * 17) % 41 + 1, r, r * i * 10 }' >"$T/q41/reps.csv"
if gnuplot -e "dir='$T/q41'" plots/rep_pay.gp -e 'set print "-"; print $RK' >"$T/q41/rk" 2>"$T/err" &&
    awk -F' *, *' 'function off(x, y) { return x - y > 1e-9 * y || y - x > 1e-9 * y }
        NR <= 41 { i = NR; if ($2 != i || off($3, 30 * i) || off($4, 11 * i) || off($5, 49 * i) ||
            $6 != 42 - i || off($7, 20 * i) || off($8, 40 * i)) bad++ } END { exit bad || NR < 41 }' "$T/q41/rk" &&
    has "$T/q41/plots/rep_pay.svg" '>highest: q01<' '>lowest: q18<' '>middle half<'; then
    ok "rep pay chart of 41 scenarios: ranked by median, quartiles and middle 95 % as computed by hand"
else
    bad "rep pay chart of 41 scenarios" "$(head -3 "$T/q41/rk") $(cat "$T/err")"
fi

# Past 40 scenarios the ageing chart ranks them by their receivables: the
# buckets stacked over the ranks, the total (ar_end) a line between its
# interval's. Scenario a(i) owes 1,000 x ((7 i + 3) mod 45 + 1), half not
# yet due and a quarter in each of two buckets: ranks 1 to 45 owe 1,000 to
# 45,000, a38 the most and a06 the least.
mkdir -p "$T/age45"
awk 'BEGIN { print "scenario,bucket,days_past_due_from,days_past_due_to,amount,amount_ci95_low,amount_ci95_high,share,n,share_ci95_low,share_ci95_high,share_n"
    for (i = 1; i <= 45; i++) { t = 1000 * ((7 * i + 3) % 45 + 1)
        printf "a%02d,current,,0,%d,%d,%d,0.5,3,0.4,0.6,3\n", i, t / 2, t / 2 - 10, t / 2 + 10
        printf "a%02d,1-30,1,30,%d,%d,%d,0.25,3,0.2,0.3,3\n", i, t / 4, t / 4 - 10, t / 4 + 10
        printf "a%02d,over_365,366,,%d,%d,%d,0.25,3,0.2,0.3,3\n", i, t / 4, t / 4 - 10, t / 4 + 10 } }' >"$T/age45/aging.csv"
awk -F, 'NR == 1 { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"; next }
    $2 == "current" { printf "%s,ar_end,%d,10,%d,%d,3\n", $1, 2 * $5, 2 * $5 - 50, 2 * $5 + 50 }' \
    "$T/age45/aging.csv" >"$T/age45/summary.csv"
if gnuplot -e "dir='$T/age45'" plots/aging.gp -e 'set print "-"; print $RK' >"$T/age45/rk" 2>"$T/err" && [ ! -s "$T/err" ] &&
    awk -F' *, *' '$1 == 3 { n3++; if ($2 != n3 || $4 != 1000 * n3) bad++ }
        $1 == 4 { n4++; if ($2 != n4 || $3 != 1000 * n4 || $4 != $3 - 50 || $5 != $3 + 50) bad++ }
        END { exit bad || n3 != 45 || n4 != 45 }' "$T/age45/rk" &&
    has "$T/age45/plots/aging.svg" '>highest: a38<' '>lowest: a06<' \
        '>Receivables at the end of the horizon by days past due: 45 scenarios, ranked<' \
        '>95 % interval of the total<' '>not yet due<'; then
    ok "ageing chart of 45 scenarios: ranked by their total, stacks and totals in rank order, lowest and highest named"
else
    bad "ageing chart of 45 scenarios" "$(head -3 "$T/age45/rk") $(cat "$T/err")"
fi
# Without summary.csv the stacks are still ranked and drawn, with no total.
rm "$T/age45/summary.csv"
if gnuplot -e "dir='$T/age45'" plots/aging.gp 2>"$T/err" && [ ! -s "$T/err" ] && whole "$T/age45/plots/aging.svg" &&
    grep -q '>over 365 days past due<' "$T/age45/plots/aging.svg" && ! grep -q 'interval of the total' "$T/age45/plots/aging.svg"; then
    ok "ageing chart of 45 scenarios without summary.csv: ranked stacks, no total"
else
    bad "ageing chart of 45 scenarios without summary.csv" "$(cat "$T/err")"
fi

# Ranked on every digit, not awk's default six: ageing stacks of
# 2,000,000 less 1.25 i, and rep pay medians (of two values each) 0.02
# apart. Buckets go by name: a41 lacks its 1-30 row, so its 1-30 band is
# empty and its over-365 one sits on its current one. An ar_end interval
# that is not a number (a03's) is drawn as the mean, and the names come
# from the stacks, not from ar_end, which a01 lacks.
mkdir -p "$T/digits"
awk 'BEGIN { print "scenario,bucket,days_past_due_from,days_past_due_to,amount,amount_ci95_low,amount_ci95_high,share,n,share_ci95_low,share_ci95_high,share_n"
    for (i = 1; i <= 41; i++) {
        printf "a%02d,current,,0,%.2f,0,0,0.5,3,0.4,0.6,3\n", i, 1000000 - 1.25 * i
        if (i != 41) printf "a%02d,1-30,1,30,500000.00,0,0,0.25,3,0.2,0.3,3\n", i
        printf "a%02d,over_365,366,,500000.00,0,0,0.25,3,0.2,0.3,3\n", i } }' >"$T/digits/aging.csv"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"; print "a01,sales,1,0,1,1,3"
    for (i = 2; i <= 41; i++) { t = 2000000 - 1.25 * i - (i == 41 ? 500000 : 0)
        if (i == 3) printf "a03,ar_end,%.2f,1,-inf,inf,3\n", t
        else printf "a%02d,ar_end,%.2f,1,%.2f,%.2f,3\n", i, t, t - 5, t + 5 } }' >"$T/digits/summary.csv"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 1; i <= 41; i++) { m = i == 1 ? 20000.04 : i == 41 ? 20000.00 : 20000.02
        for (r = 1; r <= 2; r++)
            printf "a%02d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%.2f,1,0,0\n", i, r, m + (r == 1 ? -0.01 : 0.01) } }' \
    >"$T/digits/reps.csv"
if gnuplot -e "dir='$T/digits'" plots/aging.gp -e 'set print "-"; print $RK' >"$T/digits/rk" 2>"$T/err" && [ ! -s "$T/err" ] &&
    gnuplot -e "dir='$T/digits'" plots/rep_pay.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/digits/plots/aging.svg" '>highest: a01<' '>lowest: a41<' ': 41 scenarios, ranked<' &&
    has "$T/digits/plots/rep_pay.svg" '>highest: a01<' '>lowest: a41<' &&
    awk -F' *, *' '$1 == 2 && $2 == 1 && $3 == $4 { empty = 1 }
        $1 == 3 && $2 == 1 && $6 == 41 && $3 + 0 == 999948.75 && $4 + 0 == 1499948.75 { over = 1 }
        $1 == 4 && $6 == 3 && $4 == $3 && $5 == $3 { a03 = 1 }
        $1 == 5 { n++; if ($6 != 42 - n) order++ }
        END { exit !(empty && over && a03) || order || n != 41 }' "$T/digits/rk"; then
    ok "ageing and rep pay of 41 scenarios: ranked on every digit, buckets by name, names from the stacks"
else
    bad "ranked ageing and rep pay on every digit" "$(grep '^[2-5] ,1 ,' "$T/digits/rk") $(cat "$T/err")"
fi

# Past 40 scenarios the monthly chart draws, per panel and month, how the
# scenarios' means spread (median, quartiles and range, R's type 7) and
# names the highest and the lowest on average, each drawn with its band.
# ar: s-01 and s-02 have 45,000 + month, s-i 1,000 (46 - i) + month
# (s-45's interval is nan: drawn as its mean); overdue: 500 for all;
# dso: 10 i + month, none for s-45 in month 3 (44 values: interpolated).
mkdir -p "$T/mon45"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 45; i >= 1; i--) for (mo = 3; mo >= 1; mo--) {
        a = (i <= 2 ? 45000 : 1000 * (46 - i)) + mo
        if (i == 45) printf "s-%02d,%d,ar,%d,1,nan,nan,1\n", i, mo, a
        else printf "s-%02d,%d,ar,%d,1,%d,%d,3\n", i, mo, a, a - 1, a + 1
        printf "s-%02d,%d,overdue,500,0,500,500,3\n", i, mo
        if (i == 45 && mo == 3) printf "s-45,3,dso,nan,nan,nan,nan,0\n"
        else printf "s-%02d,%d,dso,%d,1,%d,%d,3\n", i, mo, 10 * i + mo, 10 * i + mo - 1, 10 * i + mo + 1 } }' \
    >"$T/mon45/monthly.csv"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 45; i++) printf "s-%02d,sales,1,0,1,1,3\n", i }' >"$T/mon45/summary.csv"
# Expected rows "k,month,...": k = 1 to 3 ar (spread, highest, lowest),
# 4 and 5 overdue (no lowest: all alike), 7 to 9 dso.
awk 'BEGIN { for (mo = 1; mo <= 3; mo++) {
        print 1, mo, 23000 + mo, 1000 + mo, 45000 + mo, 12000 + mo, 34000 + mo, 45
        print 2, mo, 45000 + mo, 44999 + mo, 45001 + mo, 1, 1, 45
        print 3, mo, 1000 + mo, 1000 + mo, 1000 + mo, 45, 0, 45
        print 4, mo, 500, 500, 500, 500, 500, 45
        print 5, mo, 500, 500, 500, 1, 44, 45
        if (mo < 3) print 7, mo, 230 + mo, 10 + mo, 450 + mo, 120 + mo, 340 + mo, 45
        else print 7, 3, 228, 13, 443, 120.5, 335.5, 44
        if (mo < 3) print 8, mo, 450 + mo, 449 + mo, 451 + mo, 45, 0, 45
        print 9, mo, 10 + mo, 9 + mo, 11 + mo, 1, 0, 45 } }' | sort -k1,1n -k2,2n >"$T/mon45/expected"
if gnuplot -e "dir='$T/mon45'" plots/monthly.gp -e 'set print "-"; print $RK' >"$T/mon45/rk" 2>"$T/err" &&
    [ ! -s "$T/err" ] &&
    awk -F' *, *' '$1 > 0 { $1 = $1; print }' "$T/mon45/rk" | awk 'NR == FNR { want[FNR] = $0; n = FNR; next }
        { split(want[FNR], w, " "); for (j = 1; j <= 8; j++) if ($j - w[j] > 1e-9 || w[j] - $j > 1e-9) bad++ }
        END { exit bad || FNR != n }' "$T/mon45/expected" - &&
    # A label too long for its panel (about 26 characters) names the
    # scenario on a line of its own.
    has "$T/mon45/plots/monthly.svg" '>Monthly series: mean over n = 1 to 3 replications with 95 % confidence band, 45 scenarios: their spread<' \
        '>highest on average (+1 tied):<' '>s-01<' '>lowest on average: s-45<' '>all 45 alike<' \
        '>lowest on average: s-01<' '>45 of 45 scenarios with a value,<' '>only 44 at month 3<' \
        ">the scenarios' median<" &&
    [ "$(grep -c '>highest on average[: (]' "$T/mon45/plots/monthly.svg")" -eq 2 ] &&
    ! grep -q '>s-0[2-9]<' "$T/mon45/plots/monthly.svg"; then
    ok "monthly chart of 45 scenarios: their spread per month as computed by hand, highest and lowest on average named"
else
    bad "monthly chart of 45 scenarios" "$(awk -F' *, *' '$1 > 0' "$T/mon45/rk" | head -12 | tr '\n' ' ') $(cat "$T/err")"
fi
# 40 scenarios: a line each, as before.
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/mon45/monthly.csv" >"$T/mon45/m40"
mkdir -p "$T/mon40" && mv "$T/mon45/m40" "$T/mon40/monthly.csv"
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/mon45/summary.csv" >"$T/mon40/summary.csv"
gnuplot -e "dir='$T/mon40'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    ! grep -q 'spread\|on average' "$T/mon40/plots/monthly.svg" && grep -q '>s-01<' "$T/mon40/plots/monthly.svg" &&
    ok "monthly chart of 40 scenarios: a line each, named in the legend" ||
    bad "monthly chart of 40 scenarios" "$(cat "$T/err")"

# One month makes no line: a candlestick of the spread, and the named
# scenarios' means with their intervals beside it.
mkdir -p "$T/mon1"
awk -F, 'NR == 1 || $2 == 1' "$T/mon45/monthly.csv" >"$T/mon1/monthly.csv"
cp "$T/mon45/summary.csv" "$T/mon1/"
gnuplot -e "dir='$T/mon1'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] && whole "$T/mon1/plots/monthly.png" &&
    has "$T/mon1/plots/monthly.svg" '>highest on average (+1 tied):<' '>s-01<' '>lowest on average: s-45<' &&
    ok "monthly chart of 45 scenarios over one month: the spread as a candlestick, the named ones beside it" ||
    bad "monthly chart of 45 scenarios over one month" "$(cat "$T/err")"

# The same for collectibility: c-i's share at 0, 30 and 60 days is
# (i + age / 30) / 100; c-41 has none at 60 days (40 values there). The
# scenarios are ranked over the ages all have, 0 and 30: c-41 is the
# highest (0.415 against c-40's 0.405). The axes stay 0 to 1.05 and 0 to
# 750 days, as with fewer scenarios.
mkdir -p "$T/col41"
awk 'BEGIN { print "scenario,age_days,collectible_share,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (a = 0; a <= 60; a += 30) if (i < 41 || a < 60)
        printf "c-%02d,%d,%.4f,%.4f,%.4f,3\n", i, a, (i + a / 30) / 100, (i + a / 30) / 100 - 0.005, (i + a / 30) / 100 + 0.005 }' \
    >"$T/col41/collectibility.csv"
if gnuplot -e "dir='$T/col41'" plots/collectibility.gp -e 'set print "-"; print $RK' >"$T/col41/rk" 2>"$T/err" &&
    [ ! -s "$T/err" ] &&
    awk -F' *, *' 'function off(x, y) { return x - y > 1e-9 || y - x > 1e-9 }
        $1 == 1 && $2 == 0 && !off($3, 0.21) && !off($4, 0.01) && !off($5, 0.41) && !off($6, 0.11) && !off($7, 0.31) && $8 == 41 { a++ }
        $1 == 1 && $2 == 60 && !off($3, 0.225) && !off($4, 0.03) && !off($5, 0.42) && !off($6, 0.1275) && !off($7, 0.3225) && $8 == 40 { b++ }
        $1 == 2 { h++; if ($6 != 41 || $7 != 0 || $8 != 41) wrong++ }
        $1 == 3 { l++; if ($6 != 1 || $8 != 41 || off($4, $3 - 0.005)) wrong++ }
        END { exit !(a == 1 && b == 1 && h == 2 && l == 3 && !wrong) }' "$T/col41/rk" &&
    has "$T/col41/plots/collectibility.svg" '>highest on average: c-41<' '>lowest on average: c-01<' \
        '>days past due (41 of 41 scenarios with a value, only 40 at 60 days)<' '>1.0<' '> *730<' \
        '>seed 004, Edwards: 100 %…20 %<' ', 41 scenarios: their spread<'; then
    ok "collectibility chart of 41 scenarios: their spread per age as computed by hand, highest and lowest on average named"
else
    bad "collectibility chart of 41 scenarios" "$(awk -F' *, *' '$1 > 0' "$T/col41/rk" | head -8 | tr '\n' ' ') $(cat "$T/err")"
fi

# Ranked over the x that all share, not over a tail only some have:
# r-01 has 1,000 in months 1 and 2 and 9,000 in month 3, where only it
# has a value; r-02 has 2,000 in each; the others 1,500. Its own months'
# average (3,667) would name r-01 the highest.
mkdir -p "$T/tail"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 3; mo++) {
        v = i == 1 ? (mo == 3 ? 9000 : 1000) : i == 2 ? 2000 : 1500
        if (mo < 3 || i == 1) printf "r-%02d,%d,ar,%d,1,%d,%d,3\n", i, mo, v, v - 1, v + 1 } }' >"$T/tail/monthly.csv"
gnuplot -e "dir='$T/tail'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/tail/plots/monthly.svg" '>highest on average: r-02<' '>lowest on average: r-01<' \
        '>41 of 41 scenarios with a value,<' '>only 1 at month 3<' &&
    ok "spread past 40: the highest and lowest on average are ranked over the months all share" ||
    bad "spread ranked over shared months" "$(grep -o '>[a-z]* on average[^<]*<' "$T/tail/plots/monthly.svg") $(cat "$T/err")"

# Each scenario lacks its DSO in one month: no month has all 41, though
# every scenario has a value (the count is of scenarios, not of one
# month's); ranked over each one's own months, as none is shared.
mkdir -p "$T/stagger"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 3; mo++) if (mo != i % 3 + 1)
        printf "t-%02d,%d,dso,%d,1,%d,%d,3\n", i, mo, 10 * i + mo, 10 * i + mo - 1, 10 * i + mo + 1 }' >"$T/stagger/monthly.csv"
gnuplot -e "dir='$T/stagger'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/stagger/plots/monthly.svg" '>41 of 41 scenarios with a value,<' '>only 27 at month 2<' \
        '>highest on average: t-41<' &&
    [ "$(grep -c 'no replication had a value' "$T/stagger/plots/monthly.svg")" -eq 2 ] &&
    ok "spread past 40: scenarios missing in different months are counted once each" ||
    bad "spread with staggered gaps" "$(grep -o '>[^<]*\(with a value\|only\|on average\)[^<]*<' "$T/stagger/plots/monthly.svg") $(cat "$T/err")"

# Past 40 scenarios with no value anywhere (no invoice ever overdue):
# each panel says so, as with fewer scenarios; both images are whole.
mkdir -p "$T/nanall"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 2; mo++) printf "n-%02d,%d,dso,nan,nan,nan,nan,0\n", i, mo }' \
    >"$T/nanall/monthly.csv"
awk 'BEGIN { print "scenario,age_days,collectible_share,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) printf "n-%02d,0,nan,nan,nan,0\n", i }' >"$T/nanall/collectibility.csv"
gnuplot -e "dir='$T/nanall'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    gnuplot -e "dir='$T/nanall'" plots/collectibility.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    whole "$T/nanall/plots/monthly.png" && whole "$T/nanall/plots/collectibility.png" &&
    [ "$(grep -c 'no replication had a value' "$T/nanall/plots/monthly.svg")" -eq 3 ] &&
    grep -q 'no replication had a value' "$T/nanall/plots/collectibility.svg" &&
    ok "spread past 40 without a value anywhere: each panel says so" ||
    bad "spread past 40 without values" "$(cat "$T/err")"

# A series constant over every month and scenario (overdue 0 in all 40)
# gets its own range; the DSO panel after it is drawn from its own data
# (the overdue panel's range had cut it off).
mkdir -p "$T/od0"
awk -F, 'BEGIN { OFS = "," } NR > 1 && $3 == "overdue" { $4 = 0; $6 = 0; $7 = 0 } { print }' "$T/mon40/monthly.csv" \
    >"$T/od0/monthly.csv"
cp "$T/mon40/summary.csv" "$T/od0/"
gnuplot -e "dir='$T/od0'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    ! grep -q 'no replication had a value' "$T/od0/plots/monthly.svg" &&
    grep -q '>400<' "$T/od0/plots/monthly.svg" &&
    ok "monthly chart: a constant series gets a range, the panel after it its own" ||
    bad "monthly chart with a constant series" "$(cat "$T/err")"

echo "chart scale: $pass passed, $fail failed"
[ $fail -eq 0 ]
