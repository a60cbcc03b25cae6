# e2e_analysis.sh — compare, sweep and calibrate end to end.
# Sourced by tests/cli_test.sh: uses its $HK, $T, ok, bad, expect_refusal,
# table_matches.

# Half-width of a paired and an unpaired 95 % interval for one metric:
# the paired one from compare.csv, the unpaired one from the two
# scenarios' sd in summary.csv (t at 2(n-1) degrees of freedom).
half_widths() { # DIR A B METRIC
    awk -F, -v a="$2" -v b="$3" -v m="$4" '
        FILENAME ~ /compare.csv$/ && $1 == b && $2 == m { paired = ($5 - $4) / 2 }
        FILENAME ~ /summary.csv$/ && $1 == a && $2 == m { sa = $4; n = $7 }
        FILENAME ~ /summary.csv$/ && $1 == b && $2 == m { sb = $4 }
        END {
            t = 2.100922 # t(0.975, 18), for n = 10
            printf "%.2f %.2f\n", paired, t * sqrt((sa * sa + sb * sb) / n)
        }' "$1/compare.csv" "$1/summary.csv"
}

# --- compare: paired differences on common random numbers ------------------
"$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini -n 10 -o "$T/crn" --quiet >/dev/null
head -1 "$T/crn/compare.csv" | grep -qx 'scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n' &&
    ok "compare.csv header" || bad "compare.csv header" "$(head -1 "$T/crn/compare.csv")"
metrics=$(grep -c '^baseline,' "$T/crn/summary.csv")
[ "$(grep -c '^late_penalty,' "$T/crn/compare.csv")" -eq "$metrics" ] &&
    ! grep -q '^baseline,' "$T/crn/compare.csv" &&
    ok "compare.csv: a row per metric for every scenario after the first ($metrics)" ||
    bad "compare.csv rows"
for m in sales collected comp_cost; do
    set -- $(half_widths "$T/crn" baseline late_penalty $m)
    if awk -v p="$1" -v u="$2" 'BEGIN { exit !(p < u) }'; then
        ok "compare: paired interval for $m narrower than unpaired (±$1 vs ±$2)"
    else
        bad "compare: paired interval for $m not narrower (±$1 vs ±$2)"
    fi
done
grep -qx 'late_penalty,penalties,.*,10' "$T/crn/compare.csv" && ok "compare.csv pairs n = 10 replications" ||
    bad "compare.csv n" "$(grep penalties "$T/crn/compare.csv")"
sed 's/^\[sim\]$/[sim]\nname = twin/' scenarios/seed_example.ini >"$T/twin.ini"
sed -e 's/^\[sim\]$/[sim]\nname = twin_seed/' -e 's/^seed *=.*/seed = 77/' scenarios/baseline.ini >"$T/other_seed.ini"
"$HK" compare scenarios/seed_example.ini "$T/twin.ini" -o "$T/twin" --quiet >"$T/stdout_twin"
# Counts of rare events keep a Poisson bound however the pairs agree:
# none discordant in 10 gives +-4.38 events / 10 (0.438 lawsuits); the
# screening effort, none on either side, its no-loss bound either way:
# -ln(0.0125) / 10 weeks of the most screening (5) of 1 rep's 18 weekly
# choices in 120 days (days 0 to 119), 0.121723.
awk -F, 'NR > 1 && $2 !~ /^(rep_turnover|rep_dismissals|litigations|insolvencies|hiring_cost|effort_screen)$/ &&
         !($3 ~ /^(-?0\.0+|nan)$/ && $4 == $3 && $5 == $3) { bad = 1 }
         NR > 1 && $2 ~ /^(rep_turnover|rep_dismissals|litigations|insolvencies|hiring_cost|effort_screen)$/ &&
         !($3 ~ /^0\.0+$/ && $4 + $5 == 0 && $5 >= 0) { bad = 1 }
         $2 == "litigations" && $5 != "0.438" { bad = 1 }
         $2 == "effort_screen" && $5 != "0.121723" { bad = 1 }
         END { exit bad }' \
    "$T/twin/compare.csv" &&
    ok "compare: a scenario against its twin differs by exactly 0 (counts of rare events within a Poisson bound about it)" ||
    bad "compare: twin differences" "$(cat "$T/twin/compare.csv")"
# The twin run for fewer replications: its difference rests on the pairs
# both ran, and the table says how many.
sed 's/^replications *=.*/replications = 4/' "$T/twin.ini" >"$T/twin4.ini"
"$HK" compare scenarios/seed_example.ini "$T/twin4.ini" -o "$T/twin4" --quiet >"$T/stdout"
grep -q '^  twin  .*  n=4 .*\]  n=4 pairs$' "$T/stdout" && ! grep -q '^  seed_example .*pairs' "$T/stdout" &&
    ! grep -q 'pairs' "$T/stdout_twin" &&
    ok "compare: a difference over fewer pairs than the first scenario's n says how many" ||
    bad "compare: pairs not shown" "$(head -5 "$T/stdout")"
"$HK" compare scenarios/baseline.ini "$T/other_seed.ini" -n 3 -o "$T/seeds" --quiet 2>"$T/err" >/dev/null
grep -q "note: .*other_seed.ini sets sim.seed = 77; compare runs it on baseline's seed" "$T/err" &&
    [ "$(grep '^seed = ' "$T/seeds/run-twin_seed.ini")" = "$(grep '^seed = ' "$T/seeds/run-baseline.ini")" ] &&
    ok "compare runs every scenario on the first one's seed, and says so even under --quiet" ||
    bad "compare common seed" "$(cat "$T/err")"

# --- sweep ---------------------------------------------------------------------
"$HK" sweep scenarios/seed_example.ini --param scheme.penalty_daily_rate --values 0:0.0004:5 \
    -o "$T/sweep" --quiet >"$T/sweep.table"
head -1 "$T/sweep/sweep.csv" | grep -qx 'param,value,metric,mean,sd,ci95_low,ci95_high,n' &&
    ok "sweep.csv header" || bad "sweep.csv header"
want='scheme.penalty_daily_rate,0,penalties,0.00,0.00,0.00,0.00,10
scheme.penalty_daily_rate,0.0001,penalties,300.00,0.00,300.00,300.00,10
scheme.penalty_daily_rate,0.0002,penalties,600.00,0.00,600.00,600.00,10
scheme.penalty_daily_rate,0.0003,penalties,900.00,0.00,900.00,900.00,10
scheme.penalty_daily_rate,0.0004,penalties,1200.00,0.00,1200.00,1200.00,10'
[ "$(grep ',penalties,' "$T/sweep/sweep.csv")" = "$want" ] &&
    ok "sweep: penalties = 3,000,000 x rate exactly at 5 rates" ||
    bad "sweep penalties" "$(grep ',penalties,' "$T/sweep/sweep.csv")"
[ "$(wc -l <"$T/sweep/sweep.csv")" -eq $((5 * metrics + 1)) ] && ok "sweep.csv: a row per value x metric" ||
    bad "sweep.csv rows"
grep -q '^penalty_daily_rate-0.0003,penalties,900.00,' "$T/sweep/summary.csv" &&
    [ -s "$T/sweep/run-penalty_daily_rate-0.0003.ini" ] &&
    ok "sweep: summary.csv names each value's scenario KEY-VALUE" || bad "sweep scenario names"
"$HK" run "$T/sweep/run-penalty_daily_rate-0.0003.ini" -o "$T/sweep-one" --quiet >/dev/null
grep '^penalty_daily_rate-0.0003,' "$T/sweep/summary.csv" >"$T/one"
tail -n +2 "$T/sweep-one/summary.csv" | cmp -s - "$T/one" &&
    ok "sweep: run-KEY-VALUE.ini reproduces that value" || bad "sweep value not reproduced"
"$HK" sweep scenarios/seed_example.ini --param scheme.commission_sales --values 0.03,0.05 -o "$T/list" --quiet >/dev/null
# One value has nothing to differ from: its figures as run prints them.
"$HK" sweep scenarios/seed_example.ini --param scheme.commission_sales --values 0.03 -o "$T/one-value" \
    --quiet >"$T/one-value.table"
head -1 "$T/one-value.table" | grep -q '^commission_sales-0.03: each key figure.s mean and 95 % confidence interval over 10 replications' &&
    grep -qx '  rep_pay_mean (currency per rep-month)  *675.00  \[675.00, 675.00\]' "$T/one-value.table" &&
    ok "sweep of one value prints its key figures, with no difference from itself" ||
    bad "sweep of one value" "$(cat "$T/one-value.table")"
# A sweep's folder keeps each value in run-KEY-VALUE.ini, one value too,
# and run.ini names it; run of that file gives the value's figures again.
"$HK" run "$T/one-value/run-commission_sales-0.03.ini" -o "$T/one-value-again" --quiet >/dev/null
[ "$(sed -n 3p "$T/one-value/run.ini")" = "; 1 scenario, fully resolved in its own file; reproduce with" ] &&
    [ "$(sed -n 4p "$T/one-value/run.ini")" = "; huikuan run run-commission_sales-0.03.ini" ] &&
    ! grep -q '^\[' "$T/one-value/run.ini" &&
    cmp -s "$T/one-value/summary.csv" "$T/one-value-again/summary.csv" &&
    "$HK" report "$T/one-value" --quiet 2>/dev/null &&
    grep -q 'id="summary-table"\|<table' "$T/one-value/report.html" &&
    ! grep -q 'Paired differences\|id="differences' "$T/one-value/report.html" &&
    ok "sweep of one value: its settings in run-KEY-VALUE.ini, which reproduces it; its report has no section of differences" ||
    bad "sweep of one value's files" "$(ls "$T/one-value"; cat "$T/one-value/run.ini")"
"$HK" sweep scenarios/validation/markov.ini --param markov.period_days --values 30 -n 2 \
    -o "$T/one-markov" --quiet >/dev/null
[ -s "$T/one-markov/markov-period_days-30.csv" ] && [ ! -e "$T/one-markov/markov.csv" ] &&
    ok "sweep of one Markov value: markov-KEY-VALUE.csv, as for several" ||
    bad "sweep of one Markov value" "$(ls "$T/one-markov")"
grep -q '^scheme.commission_sales,0.05,commission,5000.00,' "$T/list/sweep.csv" &&
    ok "sweep: a list of values" || bad "sweep list" "$(grep ',commission,' "$T/list/sweep.csv")"
"$HK" sweep scenarios/baseline.ini --param reps.count --values 10:30:3 -n 4 -j 1 -o "$T/sj1" --quiet >"$T/sj1.table"
"$HK" sweep scenarios/baseline.ini --param reps.count --values 10:30:3 -n 4 -j 2 -o "$T/sj2" --quiet >"$T/sj2.table"
diff -r "$T/sj1" "$T/sj2" >/dev/null && ok "sweep: -j 1 and -j 2 byte-identical" || bad "sweep -j differs"
# The table sweep prints: compare's, one line per value, each figure as
# summary.csv and compare.csv hold it, * where a difference's interval
# excludes 0.
sweep_checked=$(table_matches "$T/sj1.table" "$T/sj1" 0)
[ "$sweep_checked" = 21 ] && cmp -s "$T/sj1.table" "$T/sj2.table" &&
    grep -q '^3 values of reps.count: each one.s mean and 95 % confidence interval' "$T/sj1.table" &&
    [ "$(grep -A6 '^rep_pay_mean ' "$T/sweep.table" | grep -c '^  penalty_daily_rate-0.000[1-4]  .*  -[0-9]*\.00  \[ *-[0-9 .,-]*\] \*$')" -eq 4 ] &&
    ok "sweep prints each value's key figures and its difference from the first, as the CSV files hold them" ||
    bad "sweep's table" "$sweep_checked $(head -12 "$T/sj1.table")"
expect_refusal "sweep without --values" "sweep: --values is required" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.penalty_daily_rate
expect_refusal "sweep unknown key" "--param scheme.penalty: scheme.penalty: unknown key in [scheme]" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.penalty --values 1,2
expect_refusal "sweep bad --values" "--values 0:1: expected FROM:TO:STEPS" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.penalty_daily_rate --values 0:1
expect_refusal "sweep value out of range" "--values 0,2: scheme.penalty_daily_rate = 2: out of range" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.penalty_daily_rate --values 0,2
expect_refusal "sweep repeated value" "scheme.commission_sales = 0.1 appears twice" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.commission_sales --values 0.1,0.2,0.1
# FROM and TO are run as given: each must be a value of the key, not one
# rounded to another (4.6 reps run as 5, 0.015 of salary as 0.02).
expect_refusal "sweep TO not a whole number" "--values 2:4.6:3: reps.count = 4.6: not an integer" \
    "$HK" sweep scenarios/seed_example.ini --param reps.count --values 2:4.6:3
expect_refusal "sweep TO not an amount" "--values 0:0.015:2: scheme.base_salary = 0.015: not an amount" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.base_salary --values 0:0.015:2

# --- calibrate -------------------------------------------------------------------
cal() { "$HK" calibrate scenarios/seed_example.ini "$@" --quiet >"$T/stdout" 2>"$T/stderr"; }
chosen_value() { awk -F, 'NR > 1 && $10 == 1 { print $3; exit }' "$1/calibrate.csv"; }
near() { awk -v x="$1" -v y="$2" -v e="$3" 'BEGIN { d = x - y; exit !(x != "" && d <= e && d >= -e) }'; }

cal --param scheme.commission_sales --range 0.01:0.2 --target commission=5000 -o "$T/cal-root"
v=$(chosen_value "$T/cal-root")
near "$v" 0.05 1e-6 && grep -q '^chosen: scheme.commission_sales = 0.05$' "$T/stdout" &&
    grep -q "^[0-9]*,scheme.commission_sales,$v,commission,5000.00,5000.00,5000.00,10,1,1,1,,target 5000,,,,$" "$T/cal-root/calibrate.csv" &&
    ok "calibrate: root of commission = 5000 is commission_sales = 0.05 (got $v)" ||
    bad "calibrate root" "$(cat "$T/stdout")"
head -1 "$T/cal-root/calibrate.csv" | grep -qx 'evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen,as_good,constraint,goal,grid_as_good,optimum_span,target_place,target_jump' &&
    ! awk -F, 'NR > 1 && ($14 != "" || $15 != "")' "$T/cal-root/calibrate.csv" | grep -q . &&
    ok "calibrate.csv header; a target judges no grid value against the grid's best" ||
    bad "calibrate.csv header or grid_as_good of a target" "$(cat "$T/cal-root/calibrate.csv")"
# commission = 100,000 × the rate crosses 5000 between the grid's 0.048
# and 0.067 only: target_place says so on 0.048's row, none on the other
# ten grid values' and nothing on the refinement's.
[ "$(awk -F, 'NR > 1 && $16 != "none" { printf "%s:%s ", $3, $16 }' "$T/cal-root/calibrate.csv")" = \
    "0.048:between $v: " ] &&
    [ "$(awk -F, 'NR > 1 && $16 == "none"' "$T/cal-root/calibrate.csv" | wc -l)" -eq 10 ] &&
    ok "calibrate.csv: target_place marks where the grid's means cross the target" ||
    bad "calibrate.csv target_place" "$(cut -d, -f1,3,5,16 "$T/cal-root/calibrate.csv")"
grep -q '^seed_example,commission,5000.00,' "$T/cal-root/summary.csv" && grep -q '^commission_sales = 0.050*[0-9]\?$' "$T/cal-root/run.ini" &&
    ok "calibrate: the results folder holds a run at the chosen value" || bad "calibrate results folder"

# The chosen value again on the next seed, which the search did not see:
# confirmation.csv is what run.ini run with --seed + 1 gives.
cal_conf() {
    d=$1 metric=$2
    seed=$(awk -F' = ' '$1 == "seed" { print $2 + 1 }' "$d/run.ini")
    "$HK" run "$d/run.ini" --seed "$seed" -o "$d-again" --quiet >/dev/null &&
        want=$(awk -F, -v m="$metric" '$2 == m { print $3 "," $5 "," $6 "," $7 }' "$d-again/summary.csv") &&
        got=$(awk -F, -v m="$metric" -v s="$seed" '$3 == s && $4 == m { print $5 "," $6 "," $7 "," $8 }' "$d/confirmation.csv") &&
        [ -n "$want" ] && [ "$want" = "$got" ]
}
head -1 "$T/cal-root/confirmation.csv" | grep -qx 'param,value,seed,metric,mean,ci95_low,ci95_high,n,holds,constraint,verdict' &&
    grep -q '^on other replications (seed [0-9]*), which took no part in the choice' "$T/stdout" &&
    cal_conf "$T/cal-root" commission &&
    ok "calibrate: confirmation.csv is the chosen value's run on the next seed" ||
    bad "calibrate confirmation" "$(cat "$T/cal-root/confirmation.csv" "$T/stdout")"

# Binding constraint: comp_cost = 100,000 c - 300 <= 3500  <=>  c <= 0.038.
cal --param scheme.commission_sales --range 0:0.1 --maximize commission --constraint 'comp_cost<=3500' -o "$T/cal-bind"
rc=$?
cp "$T/stdout" "$T/stdout-bind"
v=$(chosen_value "$T/cal-bind")
[ $rc -eq 0 ] && near "$v" 0.038 1e-5 && awk "BEGIN { exit !($v <= 0.038) }" &&
    ok "calibrate: max commission s.t. comp_cost <= 3500 binds at 0.038 (got $v)" ||
    bad "calibrate binding constraint (exit $rc, value $v)" "$(cat "$T/stdout")"
! grep -q 'end of --range' "$T/stdout" && ok "calibrate: a value inside the range is not called its end" ||
    bad "calibrate: 0.038 called an end of the range" "$(cat "$T/stdout")"
# Unconstrained, commission rises with commission_sales to the end of the
# range: the best value evaluated is its edge, and calibrate says so.
cal --param scheme.commission_sales --range 0:0.1 --maximize commission -o "$T/cal-edge"
rc=$?
[ $rc -eq 0 ] && [ "$(chosen_value "$T/cal-edge")" = 0.1 ] &&
    grep -qx '  it is the upper end of --range: commission may go on improving beyond it; widen --range to see' "$T/stdout" &&
    ok "calibrate: a best value at the end of --range is said to be its end" ||
    bad "calibrate at the end of the range (exit $rc)" "$(cat "$T/stdout")"
# Without chance the grid tells every value from its best: grid_as_good is
# 2 there (the best) only, 0 on the other grid values, empty on the
# refinement's; there is no span, and optimum_span is empty.
[ "$(awk -F, 'NR > 1 && $14 != "" { printf "%s:%s ", $3, $14 }' "$T/cal-edge/calibrate.csv")" = \
  "0:0 0.01:0 0.02:0 0.03:0 0.04:0 0.05:0 0.06:0 0.07:0 0.08:0 0.09:0 0.1:2 " ] &&
    ! awk -F, 'NR > 1 && $15 != ""' "$T/cal-edge/calibrate.csv" | grep -q . &&
    ! grep -q 'the grid cannot tell' "$T/stdout" &&
    ok "calibrate: without chance only the grid's best is as good as itself, and nothing more is said" ||
    bad "calibrate grid_as_good without chance" "$(cat "$T/stdout" "$T/cal-edge/calibrate.csv")"
rows=$(awk -F, 'NR > 1' "$T/cal-bind/calibrate.csv" | wc -l)
evals=$(awk -F, 'NR > 1 { e = $1 } END { print e }' "$T/cal-bind/calibrate.csv")
[ "$rows" -eq $((2 * evals)) ] &&
    awk -F, 'NR > 1 && (($4 == "commission") != (NR % 2 == 0)) { bad = 1 } END { exit bad }' "$T/cal-bind/calibrate.csv" &&
    ok "calibrate.csv: objective row then constraint row for each of $evals values" ||
    bad "calibrate.csv layout"
awk -F, 'NR > 1 && $4 == "comp_cost" && ($5 <= 3500) != ($9 == 1) { bad = 1 } END { exit bad }' "$T/cal-bind/calibrate.csv" &&
    ok "calibrate.csv: feasible is 1 exactly where the constraint holds" || bad "calibrate feasible flags"
awk -F, 'NR > 1 && $12 != ($4 == "comp_cost" ? "comp_cost <= 3500" : "") { bad = 1 } END { exit bad }' "$T/cal-bind/calibrate.csv" &&
    ok "calibrate.csv: each constraint row names its constraint with its limit" || bad "calibrate.csv constraint column"
# The grid values that break the constraint are not judged against the
# grid's best (0.03): their grid_as_good cells are empty, as as_good's
# are; the feasible ones are told from it (0).
[ "$(awk -F, 'NR > 1 && $12 == "" && $1 <= 11 { printf "%s:%s ", $3, $14 }' "$T/cal-bind/calibrate.csv")" = \
  "0:0 0.01:0 0.02:0 0.03:2 0.04: 0.05: 0.06: 0.07: 0.08: 0.09: 0.1: " ] &&
    ok "calibrate.csv: grid_as_good is empty on the grid values that break a constraint" ||
    bad "calibrate.csv grid_as_good of infeasible grid values" "$(cat "$T/cal-bind/calibrate.csv")"
# The seed example has no chance in it: every replication alike, so the
# paired differences are exact and no other feasible value is as good:
# the look outward stops at the first on either side (as_good 0), and
# leaves the others' cells empty (not judged). The line counts both.
judged=$(awk -F, 'NR > 1 && $4 == "commission" && $10 != 1 && $11 != "" { n++ } END { print n + 0 }' "$T/cal-bind/calibrate.csv")
others=$(awk -F, 'NR > 1 && $4 == "commission" && $10 != 1 && $9 == 1 { n++ } END { print n + 0 }' "$T/cal-bind/calibrate.csv")
awk -F, 'NR > 1 && (($11 != "" && $11 != $10) || ($9 == 0 && $11 != "")) { bad = 1 } END { exit bad }' "$T/cal-bind/calibrate.csv" &&
    [ "$judged" -eq 1 ] && [ "$others" -gt 1 ] &&
    grep -qx "  as good within Monte Carlo error judged on other replications (seed [0-9]*, below): not the one other feasible value run again there (outward from it to the first worse; $others other feasible in all)" "$T/stdout-bind" &&
    "$HK" report "$T/cal-bind" --quiet 2>"$T/stderr" &&
    grep -q "The one other feasible value run again on replications that took no part in the choice is not as good within Monte Carlo error (outward from it to the first worse; $others other feasible in all)\." "$T/cal-bind/report.html" &&
    ok "calibrate: without chance, only the chosen value is as good" ||
    bad "calibrate as_good without chance (judged $judged of $others)" "$(cat "$T/stdout-bind"; grep -o 'The one other[^<]*' "$T/cal-bind/report.html")"
[ "$(awk -F, 'NR > 1 { print $4 "," $9 "," $10 "," $11 }' "$T/cal-bind/confirmation.csv" | tr '\n' ' ')" = "commission,,, comp_cost,1,comp_cost <= 3500,holds " ] &&
    cal_conf "$T/cal-bind" comp_cost &&
    ok "calibrate: confirmation.csv has the objective, then each constraint and whether it holds" ||
    bad "calibrate confirmation of a constraint" "$(cat "$T/cal-bind/confirmation.csv")"

# Unconstrained, commission's greatest value is the key's own limit:
# widening the range is no advice to give.
cal --param scheme.commission_sales --range 0.01:1 --maximize commission -o "$T/cal-limit"
rc=$?
[ $rc -eq 0 ] && [ "$(chosen_value "$T/cal-limit")" = 1 ] &&
    grep -qx '  it is the upper end of --range, and the greatest value scheme.commission_sales takes' "$T/stdout" &&
    "$HK" report "$T/cal-limit" --quiet 2>"$T/stderr" &&
    grep -q 'It is the upper end of the range searched, and the greatest value scheme.commission_sales takes\.' "$T/cal-limit/report.html" &&
    ok "calibrate: a best value at the key's own limit is said to be that, not a range to widen (stdout, report)" ||
    bad "calibrate at the key's limit (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
# A constraint's limit is shown as written, not rounded as the tables
# round means (DSO to tenths: 59.96 had read 60.0, which every value's
# 60.0 seemed to meet; a share to hundredths of a percent).
cal --param scheme.commission_sales --range 0.01:0.2 --maximize firm_profit \
    --constraint 'dso<=59.96' --constraint 'bad_debt_rate<=0.00345' -n 2 -o "$T/cal-limits"
le=$(printf '\342\211\244') # the page's less-than-or-equal sign
"$HK" report "$T/cal-limits" --quiet 2>"$T/stderr" &&
    grep -q "DSO&nbsp;$le&nbsp;59.96&nbsp;days" "$T/cal-limits/report.html" &&
    grep -q "Bad debt rate&nbsp;$le&nbsp;0.345&nbsp;%" "$T/cal-limits/report.html" &&
    ! grep -q '&nbsp;60.0&nbsp;days\|&nbsp;0.35&nbsp;%' "$T/cal-limits/report.html" &&
    ok "report: a constraint's limit is shown as written (59.96 days, 0.345 %)" ||
    bad "report: a constraint's limit" "$(grep -o '[A-Za-z ]*&nbsp;[^&]*&nbsp;[0-9.,]*' "$T/cal-limits/report.html" | sort -u)"
# A target between two whole numbers: 300 penalties at 0 grace days, 290
# at 1; 295 is met by neither, and calibrate says so. That the other
# replications miss it too is no news, and no failure (exit 0).
cal --param scheme.penalty_grace_days --range 0:30 --target penalties=295 -o "$T/cal-jump"
rc=$?
[ $rc -eq 0 ] && [ "$(chosen_value "$T/cal-jump")" = 0 ] &&
    grep -qx '  no value reaches 295.00: the mean of penalties jumps over it from 300.00 at 0 to 290.00 at 1, with no value of scheme.penalty_grace_days between them at its resolution, and the interval above does not hold it; the value chosen is the lower, both means being as near' "$T/stdout" &&
    ! grep -q 'misses the target' "$T/stdout" &&
    "$HK" report "$T/cal-jump" --quiet 2>"$T/stderr" &&
    grep -q "No value reaches the target: the mean jumps over it from 300.00 at 0 to 290.00 at 1, with no value of scheme.penalty_grace_days between them at its resolution, and the chosen value.s interval does not hold it; the value chosen is the lower, both means being as near\." "$T/cal-jump/report.html" &&
    ! grep -q 'did not reach it\|wholly above the target' "$T/cal-jump/report.html" &&
    awk -F, '$4 == "penalties" && $17 != "" { n++; v = $3 "," $17 } END { exit !(n == 1 && v == "1,as_near") }' "$T/cal-jump/calibrate.csv" &&
    awk -F, 'NR == 2 { exit $11 != "fails" }' "$T/cal-jump/confirmation.csv" &&
    ! grep -q 'misses the target' "$T/cal-jump/report.html" &&
    ok "calibrate: a target that falls between two whole numbers is said to be met by neither (terminal, target_jump, report)" ||
    bad "calibrate target between whole numbers (exit $rc)" "$(cat "$T/stdout")"
# The value the mean jumps to breaks a constraint: the value chosen is
# not "the nearer" (290 lies nearer 293), but the one that meets it.
cal --param scheme.penalty_grace_days --range 0:30 --target penalties=293 --constraint 'penalties>=295' -o "$T/cal-jump-bad"
rc=$?
[ $rc -eq 0 ] && [ "$(chosen_value "$T/cal-jump-bad")" = 0 ] &&
    grep -q 'jumps over it from 300.00 at 0 to 290.00 at 1, .*; the value chosen is the one of the two that meets every constraint$' "$T/stdout" &&
    awk -F, '$4 == "penalties" && $17 != "" { n++; v = $3 "," $17 } END { exit !(n == 1 && v == "1,infeasible") }' "$T/cal-jump-bad/calibrate.csv" &&
    "$HK" report "$T/cal-jump-bad" --quiet 2>"$T/stderr" &&
    grep -q 'the value chosen is the one of the two that meets every constraint\.' "$T/cal-jump-bad/report.html" &&
    ! grep -q 'wholly above the target' "$T/cal-jump-bad/report.html" &&
    ok "calibrate: a jump to a value that breaks a constraint is said so, not called the nearer (terminal, target_jump, report)" ||
    bad "calibrate jump to an infeasible value (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
# Both as near again, 250 at 5 grace days and 260 at 4 for 255, where the
# search evaluates 5 first: the lower value is chosen, however the search
# came to the two.
cal --param scheme.penalty_grace_days --range 0:30 --target penalties=255 -o "$T/cal-tie"
rc=$?
[ $rc -eq 0 ] && [ "$(chosen_value "$T/cal-tie")" = 4 ] &&
    grep -q 'the value chosen is the lower, both means being as near$' "$T/stdout" &&
    ok "calibrate: of two values whose means are as near a target they jump over, the lower is chosen and said to be" ||
    bad "calibrate tie at a jump (exit $rc)" "$(cat "$T/stdout")"
# A target the mean jumps over between two values of a continuous key
# closer than --tol (1e-8 here): penalties rise by cents with the rate,
# from 123.43 to 123.46 where they pass 123.45. Brent's bracket is of the
# values it asked for, some answered by a value evaluated up to --tol
# away; the values evaluated either side had been 1.13e-8 apart, and
# calibrate had said the search did not reach the target (exit 4). They
# are bisected to within --tol, and the jump is said.
cal --param scheme.penalty_daily_rate --range 0:0.001 --target penalties=123.45 -n 2 -o "$T/cal-tol"
rc=$?
[ $rc -eq 0 ] &&
    grep -q '^  no value reaches 123.45: the mean of penalties jumps over it from .*; the value chosen is the nearer$' "$T/stdout" &&
    ! grep -q 'did not reach it' "$T/stdout" &&
    awk -F, 'NR > 1 && $4 == "penalties" {
            if ($5 + 0 < 123.45 && (below == "" || $3 + 0 > below)) below = $3 + 0
            if ($5 + 0 > 123.45 && (above == "" || $3 + 0 < above)) above = $3 + 0 }
        END { exit !(below != "" && above > below && above - below <= 1e-8) }' "$T/cal-tol/calibrate.csv" &&
    awk -F, '$4 == "penalties" && $17 != "" { n++; v = $17 } END { exit !(n == 1 && v == "farther") }' "$T/cal-tol/calibrate.csv" &&
    "$HK" report "$T/cal-tol" --quiet 2>"$T/stderr" &&
    grep -q 'No value reaches the target: the mean jumps over it from .*, within --tol of each other, with no value of scheme.penalty_daily_rate evaluated between them, .*; the value chosen is the nearer\.' "$T/cal-tol/report.html" &&
    ok "calibrate: the values evaluated either side of a target's crossing end within --tol of each other, and a jump there is said (exit 0; terminal, target_jump, report)" ||
    bad "calibrate crossing within --tol (exit $rc)" "$(cat "$T/stdout"; grep ',0\.0000411' "$T/cal-tol/calibrate.csv")"
# Stopped by --max-iter before the crossing is narrow: no jump is said,
# and the search did not reach the target (exit 4), terminal and report.
cal --param scheme.penalty_daily_rate --range 0:0.001 --target penalties=123.45 -n 2 --max-iter 1 -o "$T/cal-short"
rc=$?
[ $rc -eq 4 ] && ! grep -q 'no value reaches' "$T/stdout" &&
    grep -q 'the search did not reach it$' "$T/stdout" &&
    awk -F, 'NR > 1 && $17 != "" { exit 1 }' "$T/cal-short/calibrate.csv" &&
    "$HK" report "$T/cal-short" --quiet 2>"$T/stderr" &&
    grep -q "As on the search's replications, the chosen value's interval does not hold the target: the search did not reach it\." "$T/cal-short/report.html" &&
    ! grep -q 'No value reaches' "$T/cal-short/report.html" &&
    ok "calibrate: a search stopped short of a target says it did not reach it, and says no jump (terminal, report)" ||
    bad "calibrate stopped short of a target (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
# The same with a grid of 64: the root finder's 65th value moves the list
# of values evaluated, which the bisection after it must read afresh (the
# sanitizer pass reports a read of the old list); 150.50 is reached.
cal --param scheme.penalty_daily_rate --range 0:0.001 --target penalties=150.5 --grid 64 -n 2 -o "$T/cal-grow"
rc=$?
[ $rc -eq 0 ] && grep -q '^  target: penalties = 150.50 ' "$T/stdout" &&
    [ "$(awk 'END { print NR - 1 }' "$T/cal-grow/calibrate.csv")" -gt 64 ] &&
    ok "calibrate: a crossing narrowed after the list of values evaluated has grown (150.50 reached)" ||
    bad "calibrate crossing after the list grew (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
# The same objective in every replication over a plateau: penalties are 0
# from 32 grace days on. No Monte Carlo error is at work there.
cal --param scheme.penalty_grace_days --range 0:40 --minimize penalties -o "$T/cal-flat"
grep -q '^  penalties is the same in every replication of the search at the grid.s best value, 32, and at 2 others (3 of its 11 values, 32 to 40; grid_as_good in calibrate.csv): the key does not move it there.*more replications (-n) would not tell them apart$' "$T/stdout" &&
    ! grep -q 'within Monte Carlo error on other replications (' "$T/stdout" &&
    "$HK" report "$T/cal-flat" --quiet 2>"$T/stderr" &&
    grep -q 'is the same in every replication of the search at the grid&#39;s best value, 32' "$T/cal-flat/report.html" &&
    ok "calibrate: a plateau the same in every replication is not blamed on Monte Carlo error (stdout, report)" ||
    bad "calibrate plateau" "$(cat "$T/stdout" "$T/stderr")"
# No dismissal in 4 replications at any value is not a plateau: none
# seen is not none, and 40 replications tell 0.1 from 0.55 (0 against
# 0.05, the paired interval [0.006, 0.099]).
"$HK" calibrate scenarios/baseline.ini --param reps.dismiss_below --range 0.1:0.55 --maximize rep_dismissals \
    --grid 4 --max-iter 5 -n 4 --set customers.count=100 --set reps.count=5 --set sim.warmup_days=100 \
    -o "$T/cal-rare" --quiet >"$T/stdout" 2>"$T/stderr"
! grep -q 'same in every replication\|would not tell them apart' "$T/stdout" &&
    grep -q '^  the grid cannot tell its best value, 0.1, from 3 others within Monte Carlo error on other replications .*more replications (-n) would narrow it$' "$T/stdout" &&
    "$HK" report "$T/cal-rare" --quiet 2>"$T/stderr" &&
    ! grep -q 'same in every replication of the search' "$T/cal-rare/report.html" &&
    grep -q 'more replications (-n) would narrow it' "$T/cal-rare/report.html" &&
    ok "calibrate: a count of rare events none of the replications saw is no plateau (stdout, report)" ||
    bad "calibrate rare-event plateau" "$(cat "$T/stdout" "$T/stderr")"
# Whether a value is as good as the chosen one is judged as compare judges
# a difference: for a count of rare events, with the discordant events'
# bound. At no insolvency hazard none can happen; on the confirmation's
# seed the chosen 0.0024 has 4 in 10 replications, one each, which the
# t interval of the differences alone took to exclude 0.
CR="--set customers.count=60 --set reps.count=3 --set sim.warmup_days=100 --set sim.days=200 -n 10"
"$HK" calibrate scenarios/baseline.ini --param segment.distressed.insolvency_hazard --range 0:0.004 \
    --maximize insolvencies --grid 6 --max-iter 8 --seed 5 $CR -o "$T/cal-events" --quiet >"$T/stdout" 2>"$T/stderr"
for v in 0.0024 0; do
    "$HK" run scenarios/baseline.ini $CR --seed 6 --set segment.distressed.insolvency_hazard=$v \
        --set sim.name=h$v -o "$T/cal-events-$v" --quiet >/dev/null 2>&1
done
"$HK" compare "$T/cal-events-0.0024/run.ini" "$T/cal-events-0/run.ini" -o "$T/cal-events-cmp" --quiet >/dev/null 2>&1
grep -q '^4,segment.distressed.insolvency_hazard,0.0024,insolvencies,0.100,.*,1,1,1,,maximize,2,' "$T/cal-events/calibrate.csv" &&
    grep -q '^1,segment.distressed.insolvency_hazard,0,insolvencies,0.000,0.000,0.000,10,1,0,1,,maximize,1,' "$T/cal-events/calibrate.csv" &&
    grep -qx 'h0,insolvencies,-0.400,-1.024,0.000,10' "$T/cal-events-cmp/compare.csv" &&
    ok "calibrate: as good as the chosen value by compare's interval for a count of rare events" ||
    bad "calibrate as_good of rare events" "$(cat "$T/stderr" "$T/cal-events/calibrate.csv" "$T/cal-events-cmp/compare.csv")"

# A late penalty's profit rises from no penalty to a peak near 0.0001 a
# day and falls beyond as it drives reps out: on a range to 0.01 the
# grid's best is 0, its neighbour 0.001 far worse, and the peak lies
# between them, where only a look finds it.
SMALL="--set customers.count=100 --set reps.count=5 --set sim.warmup_days=200"
"$HK" calibrate scenarios/late_penalty.ini $SMALL -n 10 --param scheme.penalty_daily_rate \
    --range 0:0.01 --maximize firm_profit -o "$T/cal-peak" --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
v=$(chosen_value "$T/cal-peak")
evals=$(awk -F, 'NR > 1 { e = $1 } END { print e }' "$T/cal-peak/calibrate.csv")
[ $rc -eq 0 ] && awk -v v="$v" 'BEGIN { exit !(v > 0 && v < 0.001) }' && [ "$evals" -gt 11 ] &&
    ! grep -q 'end of --range' "$T/stdout" &&
    ok "calibrate: an optimum between the range's end and the next grid value is found ($v after $evals values)" ||
    bad "calibrate optimum beside an end (exit $rc, value $v)" "$(cat "$T/stdout" "$T/stderr")"
# peak_target X NAME: the same profit's penalty rate where its mean is
# X, on a grid of 5 from 0 to 0.001 (0.00025 the grid's peak), into $T/NAME.
peak_target() {
    "$HK" calibrate scenarios/late_penalty.ini $SMALL -n 10 --param scheme.penalty_daily_rate \
        --range 0:0.001 --grid 5 --target "firm_profit=$1" -o "$T/$2" --quiet >"$T/stdout" 2>"$T/stderr"
}
# It reaches 2,600,000 on both sides of its peak (on 100 customers the
# other replications' interval falls short of it, but by less than the
# two runs' Monte Carlo error together: exit 0).
peak_target 2600000 cal-two
rc=$?
[ $rc -eq 0 ] &&
    grep -q '^  the mean of firm_profit reaches 2600000.00 in 2 places on the grid (between 0 and 0.00025, between 0.00025 and 0.0005): more than one value meets the target' "$T/stdout" &&
    grep -q '^  as good within .*, a span that takes in more than one of those places (as_good in calibrate.csv)$' "$T/stdout" &&
    "$HK" report "$T/cal-two" --quiet 2>"$T/stderr" &&
    grep -q "The grid's means reach the target in 2 places (between 0 and 0.00025, between 0.00025 and 0.0005): more than one value meets it" "$T/cal-two/report.html" &&
    ok "calibrate: a target met on both sides of a peak names both places (stdout, report)" ||
    bad "calibrate target met twice (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
# The peak's own mean as calibrate.csv rounds it to the cent: the mean
# itself is a fraction of a cent above (the terminal finds it crossed on
# both sides), and the report, reading target_place, says the same two
# places, not that the grid value's rounded mean hits it.
peak_target 2700309.82 cal-cent
rc=$?
[ $rc -eq 4 ] &&
    grep -q '^  the mean of firm_profit reaches 2700309.82 in 2 places on the grid (between 0 and 0.00025, between 0.00025 and 0.0005): more than one value meets the target' "$T/stdout" &&
    grep -q '^[0-9]*,scheme.penalty_daily_rate,0.00025,firm_profit,2700309.82,.*,between,$' "$T/cal-cent/calibrate.csv" &&
    "$HK" report "$T/cal-cent" --quiet 2>"$T/stderr" &&
    grep -q "The grid's means reach the target in 2 places (between 0 and 0.00025, between 0.00025 and 0.0005): more than one value meets it" "$T/cal-cent/report.html" &&
    ok "calibrate: a target equal to a grid mean as rounded in calibrate.csv: the report names the places the terminal does" ||
    bad "calibrate target at a rounded grid mean (exit $rc)" "$(cat "$T/stdout" "$T/stderr"; grep -o "The grid's means[^.]*" "$T/cal-cent/report.html")"

# The grid's best mean there, 2,700,310 at 0.00025, falls short of
# 2,705,000, which the profit passes between grid values, near its peak.
# A target is confirmed as a constraint is: on the confirmation's
# replications the whole interval lies below it (2,107,487 [1,741,688,
# 2,503,114]), and the mean by 597,513, more than its upper half-width
# (395,627) and the search's lower one (2,704,230 - 2,377,088 = 327,141)
# together (513,364): calibrate and the report say so, and it exits 4.
peak_target 2705000 cal-between
rc=$?
v=$(chosen_value "$T/cal-between")
high=$(awk -F, 'NR == 2 { print $7 }' "$T/cal-between/confirmation.csv")
[ $rc -eq 4 ] && [ ! -s "$T/stderr" ] && awk -v v="$v" 'BEGIN { exit !(v > 0 && v < 0.0005) }' &&
    grep -q "^  no grid value's mean reaches 2705000.00; the nearest: firm_profit = 2700309.82 (95% CI 2388367.20 to 3299973.83, n = 10) at 0.00025; between grid values, where they came nearest it, the mean reaches it between " "$T/stdout" &&
    awk -v h="$high" 'BEGIN { exit !(h != "" && h + 0 < 2705000) }' &&
    grep -qx "the chosen value misses the target, 2705000.00, on other replications: the whole interval is below it, and the mean by more than its and the search's Monte Carlo error together; .*" "$T/stdout" &&
    awk -F, 'NR == 2 { exit $11 != "fails" }' "$T/cal-between/confirmation.csv" &&
    "$HK" report "$T/cal-between" --quiet 2>"$T/stderr" &&
    grep -q '<strong>wholly below the target</strong>, the mean by more than .*<strong>On these replications the chosen value misses the target</strong>' "$T/cal-between/report.html" &&
    grep -q "No grid value's mean reaches the target: the nearest is 2,700,310 (95&nbsp;% interval 2,388,367 – 3,299,974 currency units), at 0.00025. Between grid values, where their means came nearest it, the search found where the mean reaches it" "$T/cal-between/report.html" &&
    ok "calibrate: a target reached only between grid values, near a peak, is found ($v); the other replications' miss is said (stdout, report), exit 4" ||
    bad "calibrate target between grid values (exit $rc, value $v)" "$(cat "$T/stdout" "$T/stderr")"

# Finance's question: the highest penalty rate that leaves comp_cost >= 2000:
# comp_cost = 3000 - 3,000,000 r, so r = 1/3000.
cal --param scheme.penalty_daily_rate --range 0:0.001 --maximize penalties --constraint 'comp_cost>=2000' -o "$T/cal-pen"
v=$(chosen_value "$T/cal-pen")
near "$v" 0.000333333 1e-8 && ok "calibrate: max penalty rate s.t. comp_cost >= 2000 is 1/3000 (got $v)" ||
    bad "calibrate penalty rate" "$(cat "$T/stdout")"

cal --param scheme.commission_sales --range 0:0.1 --maximize commission --constraint 'comp_cost<=-500' -o "$T/cal-none"
rc=$?
[ $rc -eq 3 ] && grep -q 'no value chosen: no value of scheme.commission_sales evaluated in \[0, 0.1\] meets the constraints (comp_cost <= -500)' "$T/stdout" &&
    [ -s "$T/cal-none/calibrate.csv" ] && ! awk -F, 'NR > 1 && ($9 != 0 || $10 != 0)' "$T/cal-none/calibrate.csv" | grep -q . &&
    ok "calibrate: nothing feasible says so, exits 3, still writes calibrate.csv" ||
    bad "calibrate infeasible (exit $rc)" "$(cat "$T/stdout")"
cal --param scheme.commission_sales --range 0:0.1 --target commission=50000 -o "$T/cal-far"
rc=$?
[ $rc -eq 3 ] && grep -q 'the mean of commission reaches 50000.00 at no value of scheme.commission_sales evaluated in \[0, 0.1\]' "$T/stdout" &&
    grep -Eq '^  nearest: commission = [0-9.]+ \(95% CI [0-9.]+ to [0-9.]+, n = [0-9]+\) at scheme.commission_sales = 0.1; its interval does not hold the target; a wider --range, or a finer --grid where the mean turns between grid values, may find where it is reached$' "$T/stdout" &&
    ok "calibrate: an unreachable target exits 3, naming the nearest mean with its interval" ||
    bad "calibrate unreachable target (exit $rc)" "$(cat "$T/stdout")"
# Values of 0.1 and up meet the constraint, but the target is reached
# at 0.05: what failed is the constraint where the target is reached.
cal --param scheme.commission_sales --range 0.01:0.2 --target commission=5000 --constraint 'commission>=10000' -o "$T/cal-tc"
rc=$?
[ $rc -eq 3 ] && grep -qx 'no value chosen: the values of scheme.commission_sales where the mean of commission reaches 5000.00 do not meet every constraint (commission >= 10000); other values in \[0.01, 0.2\] do (feasible in calibrate.csv)' "$T/stdout" &&
    awk -F, 'NR > 1 && $9 == 1 { f = 1 } END { exit !f }' "$T/cal-tc/calibrate.csv" &&
    ok "calibrate: a target reached only where a constraint fails says so, not that no value meets the constraints" ||
    bad "calibrate target beside a constraint (exit $rc)" "$(cat "$T/stdout")"
# Only no orders meets sales <= 0, and there DSO has no value.
"$HK" calibrate scenarios/baseline.ini --set customers.count=40 --set reps.count=4 --set sim.days=60 \
    --set sim.warmup_days=0 -n 3 --param orders.rate_per_month --range 0:2 --grid 4 --maximize dso \
    --constraint 'sales<=0' -o "$T/cal-nan" --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc -eq 3 ] && grep -qx 'no value chosen: dso has no value at any value of orders.rate_per_month evaluated in \[0, 2\] that meets the constraints (sales <= 0) (a ratio with nothing to divide by, such as dso without sales)' "$T/stdout" &&
    "$HK" report "$T/cal-nan" --quiet 2>"$T/stderr" &&
    grep -q 'The objective had no value at any evaluated value that met every constraint' "$T/cal-nan/report.html" &&
    ! grep -q 'No evaluated value met every constraint' "$T/cal-nan/report.html" &&
    grep -q '<text>no objective at any value meeting every constraint</text>' "$T/cal-nan/plots/calibrate.svg" &&
    ok "calibrate: feasible values without an objective are not called infeasible (stdout, report, chart)" ||
    bad "calibrate feasible without an objective (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"
"$HK" report "$T/cal-far" --quiet 2>"$T/stderr"
grep -q 'The search sought the value at which commission&nbsp;=&nbsp;50,000 (a target)\. The mean reached the target at no evaluated value\.' "$T/cal-far/report.html" &&
    ! grep -q 'met every constraint' "$T/cal-far/report.html" &&
    ok "report of an unreachable target says so, not that a constraint failed" ||
    bad "report of an unreachable target" "$(cat "$T/stderr"; grep -o 'The search[^<]*' "$T/cal-far/report.html")"
for j in 1 2; do
    "$HK" calibrate scenarios/baseline.ini -n 4 -j $j --param scheme.penalty_daily_rate --range 0:0.0005 \
        --maximize firm_profit --constraint 'rep_turnover<=0.3' --grid 4 --max-iter 4 -o "$T/cj$j" --quiet >/dev/null
done
diff -r "$T/cj1" "$T/cj2" >/dev/null && ok "calibrate: -j 1 and -j 2 byte-identical" || bad "calibrate -j differs"
awk -F, 'NR > 1 && (($10 == 1 && $11 != 1) || ($9 == 0 && $11 == 1)) { bad = 1 } END { exit bad }' "$T/cj1/calibrate.csv" &&
    ok "calibrate.csv: the chosen value is as good as itself, an infeasible one never" ||
    bad "calibrate as_good flags" "$(cat "$T/cj1/calibrate.csv")"

# Where the grid cannot tell its best value from others, the optimum may
# lie anywhere among them, whatever the refinement found beside one. On 4
# replications of the baseline, firm_profit is flat within Monte Carlo
# error around the grid's best commission on a grid 0.015 apart, and dso
# nearly everywhere. The grid's best is the best mean on the search's
# replications, and each grid value is judged against it on the
# confirmation's (the scenario's seed + 1): checked here against paired
# intervals worked from two sweeps of the same values, one on each seed
# (the same random numbers: the first sweep's means are the search's).
"$HK" sweep scenarios/baseline.ini -n 4 --param scheme.commission_sales --values 0:0.3:21 \
    -o "$T/sweep-flat" --quiet >/dev/null 2>&1
"$HK" sweep scenarios/baseline.ini -n 4 --seed 20261126 --param scheme.commission_sales \
    --values 0:0.3:21 -o "$T/sweep-flat-fresh" --quiet >/dev/null 2>&1
# An awk function: the high end of the 95 % interval (stats.h, Hall's)
# for the mean of the n values d[1..n], t_low = t(0.025, n - 1):
# m - sd h(t_low / sqrt n), h(y) = 3x / (c^2 + c + 1), x = y - g / 6n,
# c = cbrt(1 + g x), g the skewness; where 1 + g x < 0, h = -3 / g.
HALL_HIGH='function hall_high(d, n, t_low,    i, m, q, q3, e, sd, g, x, a, c) {
    m = 0; q = 0; q3 = 0
    for (i = 1; i <= n; i++) m += d[i] / n
    for (i = 1; i <= n; i++) { e = d[i] - m; q += e * e; q3 += e * e * e }
    sd = sqrt(q / (n - 1)); g = sd > 0 ? q3 / n / (sd * sd * sd) : 0
    x = t_low / sqrt(n) - g / (6 * n); a = 1 + g * x
    if (a <= 0)
        return m + 3 * sd / g
    c = a ^ (1 / 3)
    return m - sd * 3 * x / (c * c + c + 1)
}'
# worked METRIC max|min: "BEST v:mean:verdict ..." from the sweeps: the
# best mean and each value's mean on the search's seed, each value judged
# against the best on the other: as good while the high end of the paired
# differences' interval (sign-adjusted, so a worse value's are below 0;
# t(0.025, 3) = -3.182446) reaches 0.
worked() {
    awk -F, -v metric="$1" -v dir="$2" "$HALL_HIGH"'
    FNR == 1 { file++; for (i = 1; i <= NF; i++) if ($i == metric) c = i; next }
    { v = $1; sub(/^commission_sales-/, "", v) }
    file == 1 { if (!(v in n)) order[++k] = v; n[v]++; s[v] += $c; next }
    { f[v, ++m[v]] = $c }
    END {
        sign = dir == "max" ? 1 : -1
        for (i = 1; i <= k; i++) if (best == "" || sign * s[order[i]] > sign * s[best]) best = order[i]
        printf "%s ", best
        for (i = 1; i <= k; i++) {
            v = order[i]
            for (r = 1; r <= 4; r++) d[r] = sign * (f[v, r] - f[best, r])
            high = hall_high(d, 4, -3.182446)
            # Within 0.01 of 0 the sweep, rounded, cannot tell (2).
            printf "%s:%.6f:%d ", v, s[v] / 4, (high > -0.01 && high < 0.01) ? 2 : (high >= 0)
        }
    }' "$T/sweep-flat/replications.csv" "$T/sweep-flat-fresh/replications.csv"
}
# grid_check DIR METRIC max|min: grid_as_good and the means of DIR's
# calibrate.csv against worked(), the best marked 2 the worked best; sets
# best, grid (v:1 or 0 ...) and goods. A value worked() cannot judge (2)
# may be either.
grid_check() {
    grid=$(awk -F, 'NR > 1 && $12 == "" && $14 != "" { printf "%s:%d ", $3, ($14 >= 1) }' "$1/calibrate.csv")
    marked=$(awk -F, 'NR > 1 && $12 == "" && $14 == 2 { printf "%s ", $3 }' "$1/calibrate.csv")
    means=$(awk -F, 'NR > 1 && $12 == "" && $14 != "" { printf "%s:%s ", $3, $5 }' "$1/calibrate.csv")
    set -- $(worked "$2" "$3")
    best=$1
    shift
    same_means=$(printf '%s\n%s\n' "$means" "$*" | awk '{ for (i = 1; i <= NF; i++) { split($i, p, ":"); if (NR == 1) m[p[1]] = p[2]; else if (!(p[1] in m) || m[p[1]] - p[2] > 0.0051 || p[2] - m[p[1]] > 0.0051) bad = 1 } } END { print !bad }')
    want=$(printf '%s\n' "$@" | awk -F: 'NF { printf "%s:%s ", $1, $3 }')
    goods=$(printf '%s' "$grid" | tr ' ' '\n' | awk -F: '$2 == 1' | wc -l)
    same_verdicts=$(printf '%s\n%s\n' "$grid" "$want" | awk '{ if (NR == 1) n1 = NF; else if (NF != n1) bad = 1; for (i = 1; i <= NF; i++) { split($i, p, ":"); if (NR == 1) g[i] = $i; else { split(g[i], q, ":"); if (q[1] != p[1] || (p[2] != 2 && q[2] != p[2])) bad = 1 } } } END { print !bad }')
    [ "$same_means" = 1 ] && [ "$same_verdicts" = 1 ] && [ "$marked" = "$best " ]
}
# span_words: "names|where" of the span line from $grid (the grid values
# are not whole numbers one apart here).
span_words() {
    printf '%s' "$grid" | tr ' ' '\n' | awk -F: -v goods="$goods" 'NF { x[++n] = $1; g[n] = $2 }
        END { for (i = 1; i <= n; i++) if (g[i]) { if (!a) a = i; b = i }
              printf "%d of its %d values, %s to %s|anywhere from %s to %s", goods, n, x[a], x[b],
                  x[(a > 1) ? a - 1 : a], x[(b < n) ? b + 1 : b] }'
}
others() { echo "$((goods - 1)) other$([ "$goods" -gt 2 ] && echo s)"; }

"$HK" calibrate scenarios/baseline.ini -n 4 --param scheme.commission_sales --range 0:0.3 \
    --grid 21 --maximize firm_profit --max-iter 3 -o "$T/cal-flat" --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc -eq 0 ] && grid_check "$T/cal-flat" firm_profit max && [ "$goods" -ge 2 ] &&
    ok "calibrate: grid_as_good marks the $goods grid values a paired t interval cannot tell from the grid's best" ||
    bad "calibrate grid_as_good (exit $rc, same means $same_means, best $best marked $marked)" "search: $grid / $means; worked: $want"
# The line names the grid's best, the first and last as good, and the
# span: from the grid value before the first to the one after the last.
words=$(span_words) names=${words%|*} where=${words#*|}
grep -qxF "  the grid cannot tell its best value, $best, from $(others) within Monte Carlo error on other replications ($names; grid_as_good in calibrate.csv): the optimum may lie $where, and values there that the search did not evaluate may do better than the one chosen; more replications (-n) would narrow it" "$T/stdout" &&
    ok "calibrate: says where the optimum may lie when the grid cannot tell its best value from others" ||
    bad "calibrate grid span line (wanted: best $best, $names, $where)" "$(cat "$T/stdout")"
# optimum_span is 1 on every value evaluated in that span, 0 elsewhere.
lo=$(echo "$where" | awk '{ print $3 }') hi=$(echo "$where" | awk '{ sub(/,$/, "", $5); print $5 }')
[ -n "$lo" ] && [ -n "$hi" ] &&
    awk -F, -v lo="$lo" -v hi="$hi" 'NR > 1 && ($15 != ($3 + 0 >= lo + 0 && $3 + 0 <= hi + 0)) { bad = 1 } END { exit bad }' \
    "$T/cal-flat/calibrate.csv" &&
    ok "calibrate.csv: optimum_span marks the values evaluated from $lo to $hi" ||
    bad "calibrate optimum_span" "$(cut -d, -f3,15 "$T/cal-flat/calibrate.csv")"
"$HK" report "$T/cal-flat" --quiet 2>"$T/stderr"
grep -qF "The grid cannot tell its best value, $best, from $(others) within Monte Carlo error on other replications ($names): the optimum may lie $where, and values there that the search did not evaluate may do better than the one chosen; more replications (-n) would narrow it." "$T/cal-flat/report.html" &&
    ok "report: the calibration says where the optimum may lie, as calibrate did" ||
    bad "report grid span (wanted: best $best, $names, $where)" "$(cat "$T/stderr"; grep -o 'The grid cannot[^<]*' "$T/cal-flat/report.html")"
# To minimize, the same the other way round.
"$HK" calibrate scenarios/baseline.ini -n 4 --param scheme.commission_sales --range 0:0.3 \
    --grid 21 --minimize dso --max-iter 3 -o "$T/cal-min" --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc -eq 0 ] && grid_check "$T/cal-min" dso min && [ "$goods" -ge 2 ] &&
    grep -qF "  the grid cannot tell its best value, $best, from $(others) within Monte Carlo error" "$T/stdout" &&
    ok "calibrate --minimize: grid_as_good marks the $goods grid values a paired t interval cannot tell from the grid's lowest" ||
    bad "calibrate --minimize grid_as_good (exit $rc, same means $same_means, best $best marked $marked)" "search: $grid / $means; worked: $want; $(cat "$T/stdout")"
# Whole numbers one apart: nothing lies between two grid values, so the
# span ends at the first and last as good, and every value in it was
# evaluated.
"$HK" calibrate scenarios/baseline.ini -n 4 --param reps.count --range 3:9 --maximize firm_profit \
    --max-iter 3 -o "$T/cal-whole" --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
grid=$(awk -F, 'NR > 1 && $14 != "" { printf "%s:%s ", $3, $14 }' "$T/cal-whole/calibrate.csv")
set -- $(printf '%s' "$grid" | tr ' ' '\n' | awk -F: 'NF { x[++n] = $1; g[n] = $2 }
    END { for (i = 1; i <= n; i++) if (g[i]) { if (!a) a = i; b = i; k++ } print n, k, x[a], x[b] }')
[ $rc -eq 0 ] && [ "$1" = 7 ] && [ "$2" -ge 2 ] &&
    grep -qE "^  the grid cannot tell its best value, [3-9], from [0-9]+ others? within Monte Carlo error on other replications \($2 of its 7 values, $3 to $4; grid_as_good in calibrate.csv\): the optimum may lie anywhere from $3 to $4 \(every value there was evaluated\); more replications \(-n\) would narrow it$" "$T/stdout" &&
    ok "calibrate: whole numbers one apart, the span ends at the first and last as good ($3 to $4), every value evaluated" ||
    bad "calibrate span of whole numbers (exit $rc, grid $grid)" "$(cat "$T/stdout")"

# To maximize, the values as good as the chosen one are judged on the
# confirmation's replications, which took no part in the choice: each
# feasible value outward from the chosen one, on either side, until the
# first those replications tell to be worse (the paired differences'
# interval, hall_high; t(0.025, 9) = -2.262157). Worked here from a sweep of every value
# evaluated on the confirmation's seed. Worked the same way on the
# search's own seed the flags differ (here that span is narrower, from
# the chosen 0.0002 itself), so they were not judged there. That the two seeds' flags
# differ is a property of these random numbers: should a change to the
# model make them agree, choose another case rather than look for a bug.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --constraint 'rep_turnover<=0.15' -n 10 --grid 6 -o "$T/cal-fresh" \
    --quiet >"$T/stdout" 2>"$T/stderr"
rc=$?
seed=$(awk -F, 'NR == 2 { print $3 }' "$T/cal-fresh/confirmation.csv")
chosen=$(awk -F, 'NR > 1 && $10 == 1 { print $3; exit }' "$T/cal-fresh/calibrate.csv")
values=$(awk -F, 'NR > 1 && $4 == "firm_profit" && $9 == 1 { print $3 }' "$T/cal-fresh/calibrate.csv" | sort -g | paste -sd, -)
# as_good_from_sweep SEED: value:flag for every feasible value, judged
# on a sweep of them all at SEED.
as_good_from_sweep() {
    "$HK" sweep scenarios/late_penalty.ini -n 10 --seed "$1" --param scheme.penalty_daily_rate \
        --values "$values" -o "$T/sweep-$1" --quiet >/dev/null 2>&1
    awk -F, -v chosen="$chosen" "$HALL_HIGH"'
         FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "firm_profit") c = i; next }
         { v = $1; sub(/^penalty_daily_rate-/, "", v); if (!(v in n)) x[++k] = v; f[v, ++n[v]] = $c }
         END {
             for (i = 1; i <= k; i++) { good[x[i]] = x[i] == chosen ? 1 : ""; if (x[i] == chosen) at = i }
             for (step = -1; step <= 1; step += 2)
                 for (i = at + step; i >= 1 && i <= k; i += step) {
                     for (r = 1; r <= 10; r++) d[r] = f[x[i], r] - f[chosen, r]
                     if (!(good[x[i]] = hall_high(d, 10, -2.262157) >= 0 ? 1 : 0)) break
                 }
             for (i = 1; i <= k; i++) printf "%s:%s ", x[i], good[x[i]]
         }' "$T/sweep-$1/replications.csv"
}
got=$(awk -F, 'NR > 1 && $4 == "firm_profit" && $9 == 1 { print $3 ":" $11 }' "$T/cal-fresh/calibrate.csv" | sort -g | tr '\n' ' ')
want=$(as_good_from_sweep "$seed")
search=$(as_good_from_sweep "$(awk -F= '$1 == "seed " { print $2 + 0 }' "$T/cal-fresh/run.ini")")
goods=$(printf '%s' "$got" | tr ' ' '\n' | grep -c ':1$')
[ $rc -eq 0 ] && [ "$got" = "$want" ] && [ "$goods" -ge 3 ] && printf '%s' "$got" | grep -q ':0 ' &&
    [ -n "$search" ] && [ "$search" != "$want" ] &&
    grep -q "^  as good within Monte Carlo error judged on other replications (seed $seed, below): $((goods - 1)) of the " "$T/stdout" &&
    ok "calibrate: values as good as the chosen one are judged on the confirmation's replications ($((goods - 1)) others)" ||
    bad "calibrate as_good on fresh replications (exit $rc)" "got:    $got
want:   $want
search: $search
$(cat "$T/stdout" "$T/stderr")"

# A constraint is said to hold only when its whole 95 % interval meets it:
# one whose interval straddles the limit is uncertain, one whose interval
# lies beyond it fails, at the chosen value and on other replications
# alike; confirmation.csv's verdict column says the same.
# verdict_ok: every "constraint M OP B: mean (95% CI L to H, ...)" line
# of stdout has the verdict its interval gives.
verdict_ok() {
    awk '$1 == "constraint" {
        b = $4; sub(/:$/, "", b); lo = $8; hi = $10; sub(/,$/, "", hi)
        ok_lo = ($3 == "<=") ? lo <= b + 0 : ($3 == ">=") ? lo >= b + 0 : ($3 == "<") ? lo < b + 0 : lo > b + 0
        ok_hi = ($3 == "<=") ? hi <= b + 0 : ($3 == ">=") ? hi >= b + 0 : ($3 == "<") ? hi < b + 0 : hi > b + 0
        want = ok_lo && ok_hi ? "holds" : ok_lo || ok_hi ? "UNCERTAIN:" : "FAILS:"
        got = $0; sub(/.*\), /, "", got); sub(/ .*/, "", got); sub(/^holds$/, "holds", got)
        seen[want]++
        if (got != want) { print "wrong verdict: " $0; bad = 1 }
    } END { exit bad || !seen["UNCERTAIN:"] }' "$1"
}
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --minimize dso --constraint 'rep_turnover<=0.15' --constraint 'sales>=35000000' \
    --constraint 'bad_debt_rate<=0.008' -n 5 -o "$T/cal-unsure" --quiet >"$T/stdout" 2>"$T/stderr"
verdict_ok "$T/stdout" &&
    awk -F, 'NR > 1 && $10 != "" {
        split($10, c, " "); lo = $6; hi = $7; b = c[3]
        ok_lo = (c[2] == "<=") ? lo <= b + 0 : lo >= b + 0; ok_hi = (c[2] == "<=") ? hi <= b + 0 : hi >= b + 0
        want = ok_lo && ok_hi ? "holds" : ok_lo || ok_hi ? "uncertain" : "fails"
        if ($11 != want) bad = 1 } END { exit bad }' "$T/cal-unsure/confirmation.csv" &&
    { ! grep -q 'FAILS:' "$T/stdout" || { grep -q 'misses [0-9]* constraint' "$T/stdout" &&
        ! grep -q 'within Monte Carlo error of' "$T/stdout"; }; } &&
    ok "calibrate: a constraint holds only where its interval does; straddling is uncertain, beyond is a miss" ||
    bad "calibrate constraint verdicts" "$(cat "$T/stdout" "$T/cal-unsure/confirmation.csv")"

# A constraint without an interval (a value in one replication, or in
# none) is uncertain, never said to hold or fail on so little.
"$HK" calibrate scenarios/baseline.ini --param firm.hiring_cost --range 0:100 --grid 3 \
    --maximize firm_profit --constraint 'dso<=45' -n 2 --seed 1 --set sim.days=60 \
    --set sim.warmup_days=0 --set customers.count=1 --set reps.count=1 \
    --set orders.rate_per_month=1 -o "$T/cal-thin" --quiet >"$T/stdout" 2>"$T/stderr"
awk '$1 == "constraint" && /CI nan to nan/ { n++; if ($0 !~ /\), UNCERTAIN: no (interval|replication)/) bad = 1 }
     END { exit bad || n == 0 }' "$T/stdout" &&
    awk -F, 'NR > 1 && $10 != "" && $6 == "nan" { n++; if ($11 != "uncertain") bad = 1 }
        END { exit bad || n == 0 }' "$T/cal-thin/confirmation.csv" &&
    ok "calibrate: a constraint without an interval is uncertain" ||
    bad "calibrate verdict without an interval" "$(cat "$T/stdout" "$T/cal-thin/confirmation.csv")"

# A value whose constraint clearly fails on other replications is not one
# to use: exit 4, its results kept. hiring_cost moves no sale, so sales
# are the same at every value of the search: 1,341,961 [763,716,
# 1,691,909] on seed 27, under the limit, and 1,609,658 [1,429,204,
# 1,765,943] on seed 28, wholly over it (as this version has them; the
# limit leaves room for others).
rc=0
"$HK" calibrate scenarios/baseline.ini --param firm.hiring_cost --range 0:100 --grid 3 \
    --maximize firm_profit --constraint 'sales<=1400000' -n 6 --seed 27 --set sim.days=120 \
    --set sim.warmup_days=60 --set customers.count=40 --set reps.count=2 \
    -o "$T/cal-miss" --quiet >"$T/stdout" 2>"$T/stderr" || rc=$?
[ "$rc" = 4 ] && [ ! -s "$T/stderr" ] &&
    [ "$(grep -c '^  constraint sales <= 1400000: .*UNCERTAIN' "$T/stdout")" = 1 ] &&
    [ "$(grep -c '^  constraint sales <= 1400000: .*FAILS' "$T/stdout")" = 1 ] &&
    grep -q '^the chosen value misses 1 constraint on other replications' "$T/stdout" &&
    awk -F, '$4 == "sales" { v = $11 } END { exit v != "fails" }' "$T/cal-miss/confirmation.csv" &&
    [ -s "$T/cal-miss/summary.csv" ] && [ -s "$T/cal-miss/calibrate.csv" ] &&
    ok "calibrate: a chosen value that clearly fails a constraint on other replications exits 4, results kept" ||
    bad "calibrate exit on a failed confirmation (exit $rc)" "$(cat "$T/stdout" "$T/stderr")"

CAL="calibrate scenarios/seed_example.ini --param scheme.commission_sales"
expect_refusal "calibrate without a goal" "give exactly one of --maximize" $HK $CAL --range 0:0.1
expect_refusal "calibrate with two goals" "(got 2)" $HK $CAL --range 0:0.1 --maximize sales --minimize dso
expect_refusal "calibrate bad --range" "--range 0.1:0: FROM must be below TO" $HK $CAL --range 0.1:0 --maximize sales
expect_refusal "calibrate --range of one value" \
    "--range 0.0001:0.0001000000000001: FROM and TO are the same value, 0.0001, at the key's resolution" \
    $HK calibrate scenarios/seed_example.ini --param scheme.penalty_daily_rate --range 0.0001:0.0001000000000001 --maximize sales
expect_refusal "calibrate range out of bounds" "--range 0:3: scheme.commission_sales = 3: out of range" \
    $HK $CAL --range 0:3 --maximize sales
expect_refusal "calibrate unknown metric" "--maximize profit: unknown metric 'profit'" $HK $CAL --range 0:0.1 --maximize profit
expect_refusal "calibrate --target without a metric" "--target '=5': no metric before '='; expected METRIC=VALUE" \
    $HK $CAL --range 0:0.1 --target '=5'
expect_refusal "calibrate bad --constraint" "--constraint 'rep_turnover=0.15': expected METRIC<=VALUE" \
    $HK $CAL --range 0:0.1 --maximize sales --constraint rep_turnover=0.15
expect_refusal "calibrate constraint not a number" "'high' is not a number" \
    $HK $CAL --range 0:0.1 --maximize sales --constraint 'rep_turnover<=high'
expect_refusal "calibrate a text key" "--param orders.process: this key does not take a number" \
    "$HK" calibrate scenarios/seed_example.ini --param orders.process --range 0:1 --maximize sales
expect_refusal "calibrate bad --grid" "--grid 2: must be a whole number from 3" $HK $CAL --range 0:0.1 --maximize sales --grid 2
# Digits alone, as -j: a blank or a sign is a slip (they had been taken).
expect_refusal "calibrate --grid with a sign" "--grid +3: must be a whole number from 3" $HK $CAL --range 0:0.1 --maximize sales --grid +3
expect_refusal "calibrate --max-iter with a blank" "--max-iter  1: must be a whole number from 1" \
    $HK $CAL --range 0:0.1 --maximize sales --max-iter ' 1'
expect_refusal "calibrate --tol with a blank" "--tol  0.01: must be a number above 0" \
    $HK $CAL --range 0:0.1 --maximize sales --tol ' 0.01'
# Numbers as a scenario writes them: hexadecimal is refused there, and here.
expect_refusal "calibrate --tol in hexadecimal" "--tol 0x1p-10: must be a number above 0" \
    $HK $CAL --range 0:0.1 --maximize sales --tol 0x1p-10
expect_refusal "calibrate target in hexadecimal" "'0x1p12' is not a number" \
    $HK $CAL --range 0:0.1 --target commission=0x1p12
