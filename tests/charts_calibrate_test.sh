#!/bin/sh
# charts_calibrate_test.sh — end-to-end tests of the calibration chart and
# of a calibrated run's charts: constraints' panels on one x axis, each
# with its limit drawn (a band, a metric named with digits, values with an
# exponent); a target drawn, reached or not; the span the optimum may lie
# in shaded where calibrate says it is; the report of a calibration that
# chose nothing or chose the end of its range; a run labelled with the
# value calibrate chose.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_calibrate_test.sh
# Prints one line per check and "chart calibration: N passed, M failed".
. tests/charts_lib.sh

# --- calibrate with four constraints: panels share one x axis, limits drawn ------------
# Tiny runs choose no value (exit 3) but write calibrate.csv and run.ini,
# whose recorded command line holds the constraints' limits.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --constraint 'rep_turnover<=0.15' --constraint 'bad_debt_rate<=0.02' \
    --constraint 'collected>=0' --constraint 'dso<=1000' -n 2 $S -o "$T/cal3" --quiet >/dev/null
"$HK" plot "$T/cal3" --quiet 2>"$T/err" || bad "calibrate chart with four constraints" "$(cat "$T/err")"
C="$T/cal3/plots/calibrate.svg"
tick_x=$(grep -A1 'text-anchor="middle"' "$C" | grep -B1 '>0.0004<' | grep -o 'translate([0-9.]*' | sort -u)
[ "$(grep -c '>0.0004<' "$C")" -eq 5 ] && [ "$(echo "$tick_x" | wc -l)" -eq 1 ] &&
    grep -q '>constraint: DSO<' "$C" &&
    ok "calibrate: the objective's and four constraints' panels put 0.0004 at the same x" ||
    bad "calibrate: 0.0004 at x =" "$(echo $tick_x)"
grep -q 'limit: rep_turnover &lt;= 0.15' "$C" && grep -q 'limit: bad_debt_rate &lt;= 0.02' "$C" &&
    grep -q 'limit: collected &gt;= 0\|limit: collected >= 0' "$C" &&
    ok "calibrate: each constraint panel draws its limit" || bad "calibrate: a constraint's limit is not drawn"

# Its report names the scenario from run.ini (there is no summary.csv).
[ ! -e "$T/cal3/summary.csv" ] && "$HK" report "$T/cal3" --quiet 2>"$T/err" &&
    ! grep -q 'names no scenario' "$T/cal3/report.html" && grep -q 'late_penalty' "$T/cal3/report.html" &&
    grep -q 'The search sought the value that maximizes Firm profit\. ' "$T/cal3/report.html" &&
    grep -q 'objective, maximized: ' "$T/cal3/report.html" &&
    ! grep -q '%&nbsp;%\|%<span class="unit">%' "$T/cal3/report.html" &&
    grep -q 'firm_profit (maximized) at each evaluated value' "$T/cal3/plots/calibrate.svg" &&
    ok "report of a calibration that chose nothing names its scenario from run.ini, and what was sought" ||
    bad "report of a calibration without summary.csv" "$(cat "$T/err"; ls "$T/cal3")"

# A band (two constraints on one metric) and a metric whose name holds
# digits: each panel draws its own limit.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --constraint 'rep_turnover<=0.5' --constraint 'rep_turnover>=0.01' \
    --constraint 'rep_pay_p10>=100' -n 2 $S -o "$T/calband" --quiet >/dev/null
"$HK" plot "$T/calband" --quiet 2>"$T/err" || bad "calibrate chart with a band constraint" "$(cat "$T/err")"
C="$T/calband/plots/calibrate.svg"
grep -q 'limit: rep_turnover &lt;= 0.5' "$C" && grep -q 'limit: rep_turnover \(&gt;\|>\)= 0.01' "$C" &&
    grep -q 'limit: rep_pay_p10 \(&gt;\|>\)= 100' "$C" &&
    ok "calibrate: a band on one metric and rep_pay_p10 each draw their limit" ||
    bad "calibrate: band or digit-named limits" "$(grep -o 'limit: [^<]*' "$C")"

# Each value past a constraint's limit is shaded on every panel, the first
# too where no span is drawn (the span alone is object 1 by name; the
# first shading had taken that number and was unset after the first panel):
# commission >= 5000 fails below 0.05, on three values of the grid.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --maximize firm_profit --constraint 'commission>=5000' -o "$T/calshade" --quiet >/dev/null
"$HK" plot "$T/calshade" --quiet 2>"$T/err"
failing=$(awk -F, 'NR > 1 && $4 == "firm_profit" && $9 == 0' "$T/calshade/calibrate.csv" | wc -l)
shades=$(grep -c "fill = 'rgb(246, 211, 211)' points" "$T/calshade/plots/calibrate.svg")
# One band a failing value on each of the two panels, and the key's swatch.
[ "$failing" -eq 3 ] && [ "$shades" -eq $((2 * failing + 1)) ] &&
    ok "calibrate chart: every value past a limit is shaded on both panels, the first too" ||
    bad "calibrate chart shading ($failing failing values, $shades shaded areas)" "$(cat "$T/err")"

# --- calibrate to a target, no constraints: the target drawn, the title on two lines ---
# One line had run off both ends of the image; the key had named failing
# constraints where there were none.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target 'commission=5000' -o "$T/caltarget" --quiet >/dev/null
"$HK" plot "$T/caltarget" --quiet 2>"$T/err"
C="$T/caltarget/plots/calibrate.svg"
has "$C" '<text>Calibration of scheme.commission_sales</text>' \
    '<text>target metric commission (target 5000) at each evaluated value, 95 % confidence intervals over n = 10 replications</text>' \
    '<text>target 5000</text>' '<text>evaluated</text>' &&
    ! grep -q 'past its limit' "$C" &&
    ok "calibrate to a target: the title on two lines, the target drawn and named, no constraint in the key" ||
    bad "calibrate to a target" "$(cat "$T/err"; grep -o '<text>[^<]*</text>' "$C" | head -8)"


# A target no value reaches, without constraints: the key says so (it had
# said no value met every constraint).
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target 'commission=900000000' -n 2 -o "$T/calfar" --quiet >/dev/null
rc=$?
"$HK" plot "$T/calfar" --quiet 2>"$T/err"
[ $rc -eq 3 ] && has "$T/calfar/plots/calibrate.svg" '<text>the mean reaches the target at no value evaluated</text>' &&
    ! grep -q 'every constraint' "$T/calfar/plots/calibrate.svg" &&
    ok "calibrate chart: a target never reached is named as the reason nothing was chosen" ||
    bad "calibrate chart, target not reached (exit $rc)" "$(cat "$T/err"; grep -o '<text>[^<]*</text>' "$T/calfar/plots/calibrate.svg" | head -12)"
# A best value at an end of the range searched: the page says so.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0:0.1 \
    --maximize commission -n 2 -o "$T/caledge" --quiet >/dev/null &&
    "$HK" report "$T/caledge" --quiet 2>"$T/err" &&
    grep -q 'It is the upper end of the range searched: [A-Za-z ]* may go on improving beyond it (widen --range to see)' \
        "$T/caledge/report.html" &&
    ok "report: a chosen value at the end of the range is said to be its end" ||
    bad "report: chosen value at the end of the range" "$(cat "$T/err")"

# Where the grid cannot tell its best value from others (4 replications
# of the baseline: firm_profit is flat within Monte Carlo error around the
# best commission, on a grid 0.015 apart), the span the optimum may lie in is shaded on the
# objective's panel where calibrate says it is (placed by the x axis' 0
# and 0.3), under the shading of values past a constraint's limit; a
# whole-number or money key's span ends at the values as good where
# nothing lies between (one apart, one cent apart); without chance, or
# with the objective also a constraint (two rows a value), nothing is
# shaded that calibrate did not say.
tick_at() { grep -A1 'text-anchor="middle"' "$C" | grep -B1 ">$1<" | grep -o 'translate([0-9.]*' | sed 's/translate(//' | sort -u; }
said_span() { sed -n 's/.*the optimum may lie anywhere from \([^ ]*\) to \([^ ,;]*\).*/\1 \2/p' "$1"; }
shaded_at() { # SPAN X0 X1 V0 V1: the blue rectangle spans SPAN, 0 at X0 ... V1 at X1
    shaded=$(grep "fill = 'rgb(219, 233, 246)' points" "$C" | head -1 | sed "s/.*points = '//; s/'.*//")
    [ -n "$1" ] && [ -n "$shaded" ] && grep -q '>where the optimum may lie<' "$C" &&
    awk -v span="$1" -v shaded="$shaded" -v x0="$2" -v x1="$3" -v v0="$4" -v v1="$5" 'BEGIN {
        split(span, v, " "); split(shaded, p, "[ ,]")
        lo = x0 + (v[1] - v0) / (v1 - v0) * (x1 - x0); hi = x0 + (v[2] - v0) / (v1 - v0) * (x1 - x0)
        exit !(p[1] - lo < 1 && lo - p[1] < 1 && p[3] - hi < 1 && hi - p[3] < 1) }'
}
# span_case NAME WHAT V0 V1 CALIBRATE-ARGS...: calibrate into $T/NAME, plot
# it, and check the blue span against what calibrate said, placed by the
# x axis' ticks at V0 and V1; leaves C the chart.
span_case() {
    name=$1 what=$2 v0=$3 v1=$4
    shift 4
    "$HK" calibrate scenarios/baseline.ini "$@" -o "$T/$name" --quiet >"$T/out"
    span=$(said_span "$T/out")
    "$HK" plot "$T/$name" --quiet 2>"$T/err"
    C="$T/$name/plots/calibrate.svg"
    shaded_at "$span" "$(tick_at "$v0")" "$(tick_at "$v1")" "$v0" "$v1" &&
        ok "calibrate chart: $what ($span) is shaded where calibrate says" ||
        bad "calibrate chart: $what (calibrate said: $span)" "$(cat "$T/err" "$T/out"; echo "shaded: $shaded")"
}
span_case calspan "the span the optimum may lie in" 0 0.3 -n 4 --param scheme.commission_sales \
    --range 0:0.3 --grid 21 --maximize firm_profit --constraint 'dso<=49.574' --max-iter 3
# Drawn first, so the pink of values past a limit shows over it.
blue=$(grep -n "fill = 'rgb(219, 233, 246)' points" "$C" | head -1 | cut -d: -f1)
pink=$(grep -n "fill = 'rgb(246, 211, 211)' points" "$C" | head -1 | cut -d: -f1)
[ -n "$blue" ] && [ -n "$pink" ] && [ "$blue" -lt "$pink" ] &&
    ok "calibrate chart: a constraint's shading lies over the optimum's span" ||
    bad "calibrate chart: shading order (blue line $blue, pink line $pink)"
span_case calwhole "a whole-number key's span, ending at the values as good" 3 9 -n 4 \
    --param reps.count --range 3:9 --maximize firm_profit --max-iter 3
# Money, one cent apart: nothing lies between, as for whole numbers.
span_case calcents "a money key's span, ending at the values as good" 5000 5000.2 -n 8 \
    --param orders.amount_mean --range 5000:5000.2 --grid 21 --minimize dso --max-iter 3
"$HK" plot "$T/caledge" --quiet 2>"$T/err" && [ -s "$T/caledge/plots/calibrate.svg" ] &&
    ! grep -q 'where the optimum may lie' "$T/caledge/plots/calibrate.svg" &&
    ! grep -q "rgb(219, 233, 246)" "$T/caledge/plots/calibrate.svg" &&
    ok "calibrate chart: without chance no span is shaded" ||
    bad "calibrate chart without chance" "$(cat "$T/err")"
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0:0.1 \
    --maximize commission --constraint 'commission>=0' -n 2 -o "$T/calself" --quiet >"$T/out" &&
    "$HK" plot "$T/calself" --quiet 2>"$T/err" && ! grep -q 'the grid cannot tell' "$T/out" &&
    ! grep -q 'where the optimum may lie' "$T/calself/plots/calibrate.svg" &&
    ok "calibrate chart: the objective also a constraint shades no span calibrate did not say" ||
    bad "calibrate chart with the objective as a constraint" "$(cat "$T/err" "$T/out")"

# Limits, targets and values written with an exponent (%.12g does below
# 1e-4 and from 1e12): gnuplot's "5e-05" + 0 fails, and the chart had not
# been drawn.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.00002 \
    --grid 3 --max-iter 3 --target 'sales=1e12' --constraint 'sales<=1e12' \
    --constraint 'bad_debt_rate>=0.00001' -n 2 $S -o "$T/calexp" --quiet >/dev/null
"$HK" plot "$T/calexp" --quiet 2>"$T/err" &&
    has "$T/calexp/plots/calibrate.svg" '<text>target 1e+12</text>' 'limit: sales &lt;= 1e+12' \
        'limit: bad_debt_rate >= 1e-05' '<text>1e-05</text>' &&
    ok "calibrate: a target, limits and values with an exponent are drawn" ||
    bad "calibrate with exponents" "$(cat "$T/err")"

# --- a calibrate folder's run is labelled with the value chosen, not the preset alone ---
# One scenario and calibrate.csv's chosen row (its columns found by their
# header): legends and tic labels say "NAME, calibrated: KEY = VALUE".
"$HK" run scenarios/late_penalty.ini -n 3 $S -o "$T/calone" --quiet >/dev/null
printf '%s\n%s\n%s\n' 'evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen,as_good,constraint' \
    '1,scheme.penalty_daily_rate,0.0003,firm_profit,1,0,2,3,1,0,0,' \
    '2,scheme.penalty_daily_rate,0.000525,firm_profit,2,1,3,3,1,1,1,' >"$T/calone/calibrate.csv"
for c in compare aging rep_pay monthly collectibility; do
    gnuplot -e "dir='$T/calone'" plots/$c.gp 2>>"$T/err"
done
V='calibrated: scheme.penalty_daily_rate = 0.000525'
grep -q "late_penalty, $V" "$T/calone/plots/aging.svg" &&
    grep -q "late_penalty, $V" "$T/calone/plots/rep_pay.svg" &&
    grep -q "late_penalty, $V" "$T/calone/plots/collectibility.svg" &&
    grep -q 'late_penalty, calibrated at' "$T/calone/plots/compare.svg" &&
    grep -q '= 0.000525' "$T/calone/plots/compare.svg" &&
    grep -q 'late_penalty, calibrated at' "$T/calone/plots/monthly.svg" &&
    grep -q '= 0.000525' "$T/calone/plots/monthly.svg" &&
    ok "a calibrated run's charts name the value calibrate chose" ||
    bad "a calibrated run's charts" "$(cat "$T/err"; grep -ho '>late_penalty[^<]*<' "$T"/calone/plots/*.svg | sort -u)"
# Its legend entry is the last, right above KEY = VALUE: the interval's
# entry had come between them.
for c in compare monthly; do
    order="|$(grep -o '>95 % [a-z ]*<\|>late_penalty, calibrated at<\|>scheme.penalty_daily_rate<' \
        "$T/calone/plots/$c.svg" | tr -d '<>' | tr '\n' '|')"
    case $order in
    *'|95 % '*'|late_penalty, calibrated at|'*) ok "$c legend: the calibrated scenario last, above its value" ;;
    *) bad "$c legend order" "$order" ;;
    esac
done

echo "chart calibration: $pass passed, $fail failed"
[ $fail -eq 0 ]
