#!/bin/sh
# cli_test.sh — end-to-end tests of the huikuan command line.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/cli_test.sh
# Prints one line per check and a summary line "LABEL: N passed, M failed"
# (LABEL defaults to "cli"). Malformed input is in tests/cli_refusals.sh.
# With SAN_LOG_DIR set (the sanitizer build writes its reports there, see
# the Makefile), any sanitizer report fails the run.
set -u
HK=${HUIKUAN:-build/huikuan}
LABEL=${LABEL:-cli}
T=$(mktemp -d)
trap 'umount "$T/full" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
. tests/check.sh

# The binary itself, for runs a test kills: under the sanitizer pass HK is
# tests/san_run.sh, and a SIGKILL would stop the wrapper, not huikuan.
HK_EXEC=${SAN_BIN:-$HK}

# expect_refusal NAME EXPECTED_TEXT COMMAND...: exit 2, message has the
# text, and no output folder appears. (tests/cli_refusals.sh checks more:
# one line, nothing on stdout, an existing results folder untouched.)
expect_refusal() {
    name=$1 want=$2
    shift 2
    out="$T/refused-$name"
    "$@" -o "$out" >"$T/stdout" 2>"$T/stderr"
    rc=$?
    msg=$(cat "$T/stderr")
    lines=$(wc -l <"$T/stderr")
    if [ $rc -ne 2 ]; then
        bad "$name: exit status $rc, expected 2" "$msg"
    elif ! grep -qF -- "$want" "$T/stderr"; then
        bad "$name: message lacks '$want'" "$msg"
    elif [ "$lines" -ne 1 ]; then
        bad "$name: expected one line of message, got $lines" "$msg"
    elif [ -e "$out" ] || ls "$T" | grep -q "refused-$name.tmp"; then
        bad "$name: output written despite the error"
    else
        ok "$name: $msg"
    fi
}

# --- the seeds' example, exactly ---------------------------------------
"$HK" run scenarios/seed_example.ini -o "$T/seed" --quiet >/dev/null
if grep -qx 'seed_example,commission,3000.00,0.00,3000.00,3000.00,10' "$T/seed/summary.csv" &&
   grep -qx 'seed_example,penalties,300.00,0.00,300.00,300.00,10' "$T/seed/summary.csv"; then
    ok "seed example: commission 3000.00, penalties 300.00"
else
    bad "seed example values" "$(grep -E 'commission|penalties' "$T/seed/summary.csv")"
fi

# --- a ratio with nothing to divide by has no value, not 0 --------------------
# One customer that never orders: no sales, no receivables, no order placed.
"$HK" run scenarios/baseline.ini -n 3 --seed 2 --set customers.count=1 --set reps.count=1 \
    --set sim.days=30 --set orders.rate_per_month=0 -o "$T/empty" --quiet >"$T/empty.table"
if grep -qx 'baseline,invoices,0.000,0.000,0.000,0.000,3' "$T/empty/summary.csv" &&
    (for m in dso bad_debt_rate overdue_share orders_declined days_late; do
        grep -qx "baseline,$m,nan,nan,nan,nan,0" "$T/empty/summary.csv" || exit 1
    done); then
    ok "no orders: dso, bad_debt_rate, overdue_share, orders_declined and days_late have no value"
else
    bad "ratios without a denominator" "$(grep -E 'invoices|dso|rate|share|declined|late' "$T/empty/summary.csv")"
fi
# Nothing written off in 4 replications is not "certainly none", in a
# segment as in the whole: up to 3.69 / 4 invoices of 5,000 (4,611.10).
"$HK" run scenarios/baseline.ini -n 4 --set customers.count=1 --set reps.count=1 \
    --set sim.days=30 --set sim.warmup_days=0 -o "$T/unlost" --quiet >/dev/null
# A segment no replication gave a customer lost nothing for certain.
if grep -qx 'baseline,bad_debt,0.00,0.00,0.00,4611.10,4' "$T/unlost/summary.csv" &&
    awk -F, '$3 == "customers" { held[$2] = $7 > 0 }
        $3 == "bad_debt" { n++; if ($0 != "baseline," $2 ",bad_debt,0.00,0.00,0.00," (held[$2] ? "4611.10" : "0.00") ",4") bad = 1;
                           some += held[$2]; none += !held[$2] }
        END { exit bad || n != 7 || some == 0 || none == 0 }' "$T/unlost/segments.csv"; then
    ok "none written off: the no-loss bound in summary.csv and every segment of segments.csv with a customer"
else
    bad "no-loss bound by segment" "$(grep 'bad_debt,' "$T/unlost/summary.csv" "$T/unlost/segments.csv")"
fi
# Sales of less than an invoice, no warm-up: the no-loss bound of the
# bad debt rate would pass 1, which the rate cannot without sales
# before the horizon to write off.
"$HK" run scenarios/baseline.ini -n 3 --seed 6 --set customers.count=2 --set reps.count=1 \
    --set sim.days=10 --set sim.warmup_days=0 -o "$T/unlost" --quiet >/dev/null
if grep -qx 'baseline,bad_debt_rate,0.000000,0.000000,0.000000,1.000000,2' "$T/unlost/summary.csv" &&
    grep -q '^baseline,disputed,bad_debt_rate,0.000000,0.000000,0.000000,1.000000,2$' "$T/unlost/segments.csv"; then
    ok "no warm-up: the bad debt rate's bound stops at 1"
else
    bad "bad debt rate past 1" "$(grep 'bad_debt_rate' "$T/unlost/summary.csv" "$T/unlost/segments.csv")"
fi
# --- reps.csv adds up to the horizon's figures to the cent, however large --------
# One rep that never leaves, ten years of orders of a billion: sales of
# about 3.8 x 10^13, below the size where amounts are said to be inexact.
# Each pay period's cents had been added to the rep's row in binary
# currency units, one or two cents off by the end.
printf '[sim]\ndays = 3650\nwarmup_days = 0\n[firm]\ncredit_limit_months = 0\n[customers]\ncount = 20\n[orders]\nrate_per_month = 30\namount_mean = 1000000000.00\namount_sd = 300000000.00\nbase_demand = 1\n[reps]\ncount = 1\nquit_prob = 0\nbase_quit_rate = 0\n' >"$T/big.ini"
"$HK" run "$T/big.ini" -n 4 -o "$T/big" --quiet >/dev/null 2>"$T/big.err"
# replications.csv: sales $3, collected $4, comp_cost $11; reps.csv: $8, $9, net_pay $17.
apart=$(awk -F, 'NR == FNR { if (FNR > 1) { s[$2] = $3; c[$2] = $4; p[$2] = $11 } next }
    FNR > 1 && ($8 != s[$2] || $9 != c[$2] || $17 != p[$2]) { n++ } END { print n + 0 }' \
    "$T/big/replications.csv" "$T/big/reps.csv")
[ ! -s "$T/big.err" ] && [ "$apart" -eq 0 ] && [ "$(awk 'END { print NR }' "$T/big/reps.csv")" -eq 5 ] &&
    grep -q '^big,1,3[0-9]\{13\}\.[0-9][0-9],' "$T/big/replications.csv" &&
    ok "reps.csv: one rep's sales, collections and pay are the horizon's to the cent at 3.8e13" ||
    bad "reps.csv against replications.csv at 3.8e13 ($apart apart)" "$(cat "$T/big.err"; cut -d, -f1-4,11 "$T/big/replications.csv"; cut -d, -f1-2,8,9,17 "$T/big/reps.csv")"
if [ "$(grep -c '^baseline,[^,]*,[^,]*,[^,]*,0.00,0.00,0.00,nan,3,nan,nan,0$' "$T/empty/aging.csv")" -eq 7 ]; then
    ok "no receivables: every ageing bucket's share has no value"
else
    bad "aging.csv without receivables" "$(cat "$T/empty/aging.csv")"
fi
# Receivables in only some replications: the share rests on those (share_n),
# the amounts on all (n); a share on one replication has no interval.
"$HK" run scenarios/baseline.ini -n 10 --seed 5 --set customers.count=1 --set reps.count=1 \
    --set sim.days=60 --set sim.warmup_days=0 --set orders.rate_per_month=3 -o "$T/thin" --quiet >/dev/null
if awk -F, 'NR == 1 { if ($12 != "share_n") exit 1; next }
        { rows++; if ($9 != 10 || $12 < 1 || $12 >= 10) bad = 1
          if ($12 < 2 && ($10 != "nan" || $11 != "nan")) bad = 1 }
        END { exit bad || rows != 7 }' "$T/thin/aging.csv"; then
    ok "aging.csv: share_n counts the replications with receivables, n all of them"
else
    bad "aging.csv share_n" "$(cat "$T/thin/aging.csv")"
fi

# Nothing collected of what was still unpaid 730 days past due, in any of
# 20 replications (seed 5): not certainly nothing, as the interval of a
# ratio of totals had said ([0, 0]), but up to the bound from the share
# of replications that collect anything.
"$HK" run scenarios/baseline.ini -n 20 --seed 5 --set customers.count=100 --set reps.count=5 \
    --set sim.warmup_days=200 --set sim.days=60 -o "$T/late-collect" --quiet >/dev/null
if awk -F, '$2 == 730 { seen = 1; if (!($3 == 0 && $4 == 0 && $5 > 0.01 && $5 < 0.1)) exit 1 }
        END { exit !seen }' "$T/late-collect/collectibility.csv"; then
    ok "collectibility.csv: nothing collected at 730 days in 20 replications has an interval above 0 ($(awk -F, '$2 == 730 { print $5 }' "$T/late-collect/collectibility.csv"))"
else
    bad "collectibility with nothing collected" "$(cat "$T/late-collect/collectibility.csv")"
fi

# --- pay beyond 64-bit cents: summed in 128 bits, or refused ---------------
"$HK" run tests/data/penalties_past_64_bits.ini -o "$T/pen64" --quiet >/dev/null 2>&1
if awk -F, 'FNR == 1 { next } FILENAME ~ /reps/ { sum += $14; next }
        $2 == "penalties" { mean = $3; n = $7 }
        END { d = sum / n - mean; exit !(mean > 9.3e16 && d < 1e-6 * mean && d > -1e-6 * mean) }' \
        "$T/pen64/reps.csv" "$T/pen64/summary.csv" &&
    grep -q '^pen_ovf,comp_cost,-[1-9][0-9]\{17\}\.' "$T/pen64/summary.csv"; then
    ok "penalties past 2^63 cents (9.2e16): the summary's equals the reps' sum (2.3e17), no wrap"
else
    bad "penalties past 64 bits" "$(grep -E 'penalties|comp_cost' "$T/pen64/summary.csv")"
fi
expect_refusal "a month's participation base past what pay counts" \
    "huikuan: scenario hm87: replication 1: a rep's participation base for one month came to 2.5e+18 currency units" \
    "$HK" run scenarios/validation/hm87.ini -n 2 --set customers.count=1 --set reps.count=1 \
    --set orders.output_sd=1000000000.00 --set reps.risk_aversion=1 --set scheme.commission_sales=1 \
    --quiet
# A sweep or calibrate names the value that failed (the message had named
# none), a compare the scenario.
expect_refusal "a sweep's value past what pay counts" \
    "huikuan: scenario commission_sales-1: replication 1: a rep's participation base" \
    "$HK" sweep scenarios/validation/hm87.ini --param scheme.commission_sales --values 0,1 -n 2 \
    --set customers.count=1 --set reps.count=1 --set orders.output_sd=1000000000.00 \
    --set reps.risk_aversion=1 --quiet
expect_refusal "a calibration's value past what pay counts" \
    "huikuan: --param scheme.commission_sales = 0.1: scenario hm87: replication 1: a rep's participation base" \
    "$HK" calibrate scenarios/validation/hm87.ini --param scheme.commission_sales --range 0:1 \
    --maximize firm_profit -n 2 --set customers.count=1 --set reps.count=1 \
    --set orders.output_sd=1000000000.00 --set reps.risk_aversion=1 --quiet

# --- a month the horizon cuts short says how long it was ------------------
"$HK" run scenarios/baseline.ini -n 2 --set customers.count=20 --set reps.count=2 \
    --set sim.days=65 --set sim.warmup_days=0 -o "$T/stub" --quiet >/dev/null
if [ "$(grep ',days,' "$T/stub/monthly.csv" | cut -d, -f2,4 | tr '\n' ' ')" = "1,30.000 2,30.000 3,5.000 " ]; then
    ok "monthly.csv: 65 days are months of 30, 30 and 5 days"
else
    bad "monthly.csv days" "$(grep ',days,' "$T/stub/monthly.csv")"
fi

# --- a month's quits: no quit in 10 replications is not certainty --------
# (a seed on which none of the 2 reps quits in 65 days) Garwood's upper end for no event, -ln(0.025) / 10 = 0.369 a month,
# unless the scenario gives reps no way to leave.
"$HK" run scenarios/baseline.ini -n 10 --seed 6 --set customers.count=20 --set reps.count=2 \
    --set sim.days=65 --set sim.warmup_days=0 -o "$T/quits" --quiet >/dev/null
"$HK" run scenarios/baseline.ini -n 10 --seed 6 --set customers.count=20 --set reps.count=2 \
    --set sim.days=65 --set sim.warmup_days=0 --set reps.quit_prob=0 --set reps.base_quit_rate=0 \
    --set reps.dismiss_below=0 -o "$T/noquits" --quiet >/dev/null
if [ "$(grep ',quits,' "$T/quits/monthly.csv" | cut -d, -f4,6,7 | tr '\n' ' ')" = \
     "0.000,0.000,0.369 0.000,0.000,0.369 0.000,0.000,0.369 " ] &&
   [ "$(grep ',quits,' "$T/noquits/monthly.csv" | cut -d, -f4,6,7 | tr '\n' ' ')" = \
     "0.000,0.000,0.000 0.000,0.000,0.000 0.000,0.000,0.000 " ] &&
   grep -q '^baseline,rep_turnover,0.000000,0.000000,0.000000,1.035724,10$' "$T/quits/summary.csv" &&
   grep -q '^baseline,rep_turnover,0.000000,0.000000,0.000000,0.000000,10$' "$T/noquits/summary.csv"; then
    ok "monthly.csv, summary.csv: months without a quit in 10 replications reach 0.369 quits (rep_turnover 1.036 a year over 65 days of 2 reps), 0 where reps cannot leave"
else
    bad "Poisson intervals of quits" "$(grep -h -e ',quits,' -e rep_turnover "$T/quits/monthly.csv" "$T/quits/summary.csv" "$T/noquits/monthly.csv" "$T/noquits/summary.csv")"
fi

# --- every command's results folder takes the same command again ----------
# (with its charts and report): all it holds is huikuan's own.
again_ok=1
for args in "compare scenarios/baseline.ini scenarios/buy_sell.ini" \
            "sweep scenarios/baseline.ini --param scheme.commission_sales --values 0.02,0.03" \
            "calibrate scenarios/baseline.ini --param scheme.commission_sales --range 0.02:0.04 --grid 3 --maximize firm_profit"; do
    for turn in 1 2; do
        # shellcheck disable=SC2086
        "$HK" $args -n 2 --set customers.count=20 --set reps.count=2 -o "$T/again" --quiet \
            >"$T/again.out" 2>&1 && "$HK" plot "$T/again" --quiet >>"$T/again.out" 2>&1 &&
            "$HK" report "$T/again" --quiet >>"$T/again.out" 2>&1 ||
            { again_ok=0; bad "${args%% *} a second time into its own folder (turn $turn)" "$(cat "$T/again.out")"; }
    done
done
[ $again_ok -eq 1 ] && ok "compare, sweep and calibrate rerun into their own results folder, charts and report included"

# --- intervals stay within what is possible ---------------------------------
# Few replications of a small book: t intervals of counts would reach
# below 0 and of shares past 1; the files cut them to the possible range.
"$HK" run scenarios/baseline.ini -n 3 --set customers.count=40 --set reps.count=4 \
    -o "$T/range" --quiet >/dev/null
range_bad=$(awk -F, '
    FNR == 1 { file = FILENAME; sub(".*/", "", file); next }
    file == "summary.csv" && $2 !~ /^(firm_profit|comp_cost|rep_pay_mean|rep_pay_p10|rep_pay_p90|base_pay)$/ {
        if ($5 != "nan" && $5 < 0) print "summary " $2 " low " $5
        if ($5 == "0.000" && $3 > 0) cut++ }
    file == "summary.csv" && $2 ~ /^(overdue_share|orders_declined|risky_screened|overstocked_share|collection_rate)$/ && $6 != "nan" && $6 > 1 {
        print "summary " $2 " high " $6 }
    file == "collectibility.csv" && (($4 != "nan" && $4 < 0) || ($5 != "nan" && $5 > 1)) {
        print "collectibility " $2 ": " $4 " " $5 }
    file == "monthly.csv" && $3 != "comp_cost" && $6 != "nan" && $6 < 0 { print "monthly " $2 " " $3 " low " $6 }
    END { if (cut == 0) print "no interval was cut: the test shows nothing" }
' "$T/range/summary.csv" "$T/range/collectibility.csv" "$T/range/monthly.csv")
if [ -z "$range_bad" ]; then
    ok "intervals of counts, amounts and shares stay within 0 and 1 where they must"
else
    bad "intervals outside what is possible" "$range_bad"
fi

# --- the output contract -----------------------------------------------
for f in summary.csv replications.csv monthly.csv aging.csv reps.csv collectibility.csv run.ini; do
    [ -s "$T/seed/$f" ] && ok "seed example wrote $f" || bad "missing $f"
done
head -1 "$T/seed/summary.csv" | grep -qx 'scenario,metric,mean,sd,ci95_low,ci95_high,n' &&
    ok "summary.csv header" || bad "summary.csv header" "$(head -1 "$T/seed/summary.csv")"
head -1 "$T/seed/collectibility.csv" | grep -q '^scenario,age_days,collectible_share' &&
    ok "collectibility.csv header" || bad "collectibility.csv header"
for m in sales collected bad_debt bad_debt_rate dso overdue_share ar_end firm_profit comp_cost \
         commission penalties liability_charges collection_cost rep_pay_mean rep_pay_p10 \
         rep_pay_p90 rep_turnover; do
    grep -q "^seed_example,$m," "$T/seed/summary.csv" || bad "summary.csv lacks $m"
done
ok "summary.csv has every contract metric"

# --- run.ini reproduces the run ------------------------------------------
"$HK" run "$T/seed/run.ini" -o "$T/seed-again" --quiet >/dev/null
if cmp -s "$T/seed/summary.csv" "$T/seed-again/summary.csv"; then
    ok "run.ini reproduces summary.csv byte for byte"
else
    bad "run.ini does not reproduce the run"
fi

# Regression: a command line over 198 characters made run.ini's provenance
# comment "too long" to load, and a newline in a path broke it in two.
"$HK" run scenarios/seed_example.ini -n 3 --set scheme.penalty_daily_rate=0.0002 \
    --set scheme.penalty_grace_days=10 --set scheme.commission_collected=0.01 \
    --set scheme.clawback_share=1 --set reps.effort_noise=0.5 -o "$T/long" --quiet >/dev/null
nl_path="$T/new
line.ini"
cp scenarios/seed_example.ini "$nl_path"
"$HK" run "$nl_path" -n 3 -o "$T/nl" --quiet >/dev/null
if "$HK" run "$T/long/run.ini" -o "$T/long-again" --quiet >/dev/null &&
   cmp -s "$T/long/summary.csv" "$T/long-again/summary.csv" &&
   "$HK" run "$T/nl/run.ini" -o "$T/nl-again" --quiet >/dev/null &&
   cmp -s "$T/nl/summary.csv" "$T/nl-again/summary.csv"; then
    ok "run.ini reproduces runs with a long command line and a newline in a path"
else
    bad "run.ini of a long command line or an odd path does not reproduce" "$(head -3 "$T/long/run.ini")"
fi
# The recorded command is one the shell takes back word for word (a quote
# in a path); one too long to hold says it was cut, not ends mid-word.
quote_path="$T/it's here.ini"
cp scenarios/seed_example.ini "$quote_path"
"$HK" run "$quote_path" -n 2 --set 'sim.name=q' -o "$T/quoted" --quiet >/dev/null
recorded=$(sed -n 's/^; command: //p' "$T/quoted/run.ini")
words=$(eval "set -- $recorded" && printf '%s|' "$@")
if [ "$words" = "huikuan|run|$quote_path|-n|2|--set|sim.name=q|" ]; then
    ok "run.ini's command line gives the shell back every word, a quote in a path too"
else
    bad "run.ini's recorded command" "$recorded -> $words"
fi
# A scenario without sim.name is named after its file: as it is where
# that is a valid name, else made one, with a hash of the file's name, so
# that no two files share a name (and, by default, a results folder).
mkdir -p "$T/names"
long61=$(printf 'a%.0s' $(seq 1 61))
long50=$(printf 'a%.0s' $(seq 1 50))
for f in "plan_A" "plan A" "plan B" "x.tmp-y" "${long61}_v1" "${long61}_v2" "计划" "方案" "${long50}.tmp-bbbbbbbb" "plan_A " " plan_A" "" ".plan_A"; do
    sed '/^name *=/d' scenarios/seed_example.ini >"$T/names/$f.ini"
done
named=$(for f in "plan_A" "plan A" "plan B" "x.tmp-y" "${long61}_v1" "${long61}_v2" "计划" "方案" "${long50}.tmp-bbbbbbbb" "plan_A " " plan_A" "" ".plan_A"; do
    "$HK" run "$T/names/$f.ini" -n 2 -o "$T/names-out" --quiet | head -1 | cut -d: -f1
    rm -rf "$T/names-out"
done | tr '\n' ' ')
hash8='-[0-9a-f]\{8\}$'
set -- $named
# A blank at either end of the file's name is no part of a name: the
# file is not plan_A.ini's namesake. Nor is a leading dot, whose results
# folder would be hidden (.ini, .plan_A.ini).
if [ "$#" -eq 13 ] && [ "$1" = plan_A ] && expr "$2" : "plan_A$hash8" >/dev/null &&
    expr "$3" : "plan_B$hash8" >/dev/null && expr "$4" : "x_tmp-y$hash8" >/dev/null &&
    expr "$5" : "$(printf 'a%.0s' $(seq 1 54))$hash8" >/dev/null && [ "${#5}" -eq 63 ] &&
    expr "$7" : "______$hash8" >/dev/null && expr "$9" : "${long50}_tmp$hash8" >/dev/null &&
    expr "${10}" : "plan_A_$hash8" >/dev/null && expr "${11}" : "_plan_A$hash8" >/dev/null &&
    expr "${12}" : "_ini$hash8" >/dev/null && expr "${13}" : "_plan_A$hash8" >/dev/null &&
    [ "$(printf '%s\n' "$@" | sort -u | wc -l)" -eq 13 ]; then
    ok "a scenario is named after its file, made a valid name where it is not, no two alike: $named"
else
    bad "names from file names" "$named"
fi
# 30 keys at their defaults, each written with 300 more zeros (a key may
# be set once): over 8 KiB.
zeros=$(printf '0%.0s' $(seq 1 300))
many=$("$HK" keys | awk -v z="$zeros" '$3 == "a" && $4 == "number" && $2 ~ /^[0-9]+\.[0-9]+$/ &&
    $1 !~ /share$/ && n++ < 30 { printf " --set %s=%s%s", $1, $2, z }')
"$HK" run scenarios/baseline.ini -n 2 $many --set customers.count=20 --set sim.days=40 \
    -o "$T/cut" --quiet >/dev/null
if grep -q "^; command: huikuan run .* --set [a-z_.]*=[0-9.]*0 \\[cut: the command line is longer than 8 KiB\\]$" \
        "$T/cut/run.ini" && grep -qx 'days = 40' "$T/cut/run.ini"; then
    ok "a command line over 8 KiB is recorded as cut after a whole option; the settings below it are whole"
else
    bad "run.ini of an 8 KiB command line" "$(sed -n 2p "$T/cut/run.ini" | tail -c 200)"
fi

# What `keys` says has no effect has none: a paying-by-pay-runs segment's
# delays and pressure response, the weight on the firm's worth where
# that worth is the others' (supplier_value 0.5), and orders that come
# without selling where a rep's output is its effort alone. The same weight does
# move a firm worth more, and a prompt segment's pressure response moves.
inert="scenarios/baseline.ini -n 3 --set customers.count=60 --set reps.count=3 --quiet"
"$HK" run $inert -o "$T/inert-a" >/dev/null
"$HK" run $inert --set segment.cash_constrained.delay_mean_days=40 \
    --set segment.cash_constrained.delay_sd_days=20 --set segment.cash_constrained.pressure_response=0.9 \
    --set customers.priority_value=7 -o "$T/inert-b" >/dev/null
"$HK" run $inert --set firm.supplier_value=0.8 -o "$T/inert-c" >/dev/null
"$HK" run $inert --set firm.supplier_value=0.8 --set customers.priority_value=7 -o "$T/inert-d" >/dev/null
"$HK" run $inert --set segment.prompt.pressure_response=0.9 -o "$T/inert-e" >/dev/null
"$HK" run scenarios/validation/hm87.ini -n 3 -o "$T/inert-f" --quiet >/dev/null
"$HK" run scenarios/validation/hm87.ini -n 3 --set orders.base_demand=0.5 -o "$T/inert-g" --quiet >/dev/null
if "$HK" keys | grep -q '^segment.cash_constrained.delay_mean_days .*; no effect where cash_ratio is above 0' &&
    "$HK" keys | grep -q '^customers.priority_value .*: no effect at supplier_value 0.5$' &&
    cmp -s "$T/inert-a/replications.csv" "$T/inert-b/replications.csv" &&
    ! cmp -s "$T/inert-c/replications.csv" "$T/inert-d/replications.csv" &&
    ! cmp -s "$T/inert-a/replications.csv" "$T/inert-e/replications.csv" &&
    "$HK" keys | grep -q '^orders.base_demand .*; no effect under orders.process = effort$' &&
    cmp -s "$T/inert-f/replications.csv" "$T/inert-g/replications.csv"; then
    ok "keys says which keys have no effect where, and they have none there"
else
    bad "keys without effect" "$("$HK" keys | grep -E 'priority_value|cash_constrained.delay')"
fi

# A line break in an argument stays on the command's one comment line (as
# \x0a) in every run.ini that records it, calibrate's and batch's too.
"$HK" calibrate "$nl_path" -n 2 --param scheme.commission_sales --range 0:0.1 --grid 3 \
    --max-iter 1 --target commission=50000 -o "$T/nl-cal" --quiet >/dev/null
if [ $? -eq 3 ] && grep -q '^; command: huikuan calibrate .*new\\x0aline.ini' "$T/nl-cal/run.ini" &&
   "$HK" run "$T/nl-cal/run.ini" -n 2 -o "$T/nl-cal-again" --quiet >/dev/null; then
    ok "calibrate's run.ini keeps a line break in a path on its comment line, and loads"
else
    bad "calibrate's run.ini with a line break in a path" "$(head -4 "$T/nl-cal/run.ini")"
fi
# A capped penalty stays within the cap, however large the uncapped one.
"$HK" run tests/data/penalties_past_64_bits.ini -n 2 --set scheme.penalty_cap=1000.00 \
    --set sim.days=365 -o "$T/pen-cap" --quiet >/dev/null 2>&1
if awk -F, '$2 == "penalties" { exit !($3 > 0 && $3 <= 2000 * 1000 * 13) }' "$T/pen-cap/summary.csv"; then
    ok "penalties far past 64 bits but capped: the run goes on, each month's at most the cap"
else
    bad "a capped penalty" "$(grep penalties "$T/pen-cap/summary.csv" 2>&1)"
fi

# --- short options take their value attached too (-j2, -n8, -oDIR) ---------
"$HK" run scenarios/seed_example.ini -n 3 -j 2 -o "$T/spaced" --quiet >"$T/spaced.out"
"$HK" run scenarios/seed_example.ini -n3 -j2 -o"$T/attached" --quiet >"$T/attached.out"
if cmp -s "$T/spaced.out" "$T/attached.out" && diff -r "$T/spaced" "$T/attached" >/dev/null; then
    ok "-n3 -j2 -oDIR run as -n 3 -j 2 -o DIR: the same results"
else
    bad "attached short options" "$(diff -r "$T/spaced" "$T/attached" | head -3)"
fi
# ... but an option's value is not split: -o -nout names the folder -nout.
hk_abs="$(cd "$(dirname "$HK")" && pwd)/$(basename "$HK")"
(cd "$T" && "$hk_abs" run "$OLDPWD/scenarios/seed_example.ini" -n 3 -o -nout --quiet >/dev/null) &&
    [ -f "$T/-nout/summary.csv" ] && ok "-o -nout: the folder -nout, not -n out" ||
    bad "-o -nout" "$(ls "$T")"

# --- determinism across threads and repeated runs ------------------------
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 1 -o "$T/j1" --quiet >"$T/j1.table"
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 2 -o "$T/j2" --quiet >"$T/j2.table"
# The table compare (and sweep) prints: every figure as summary.csv and
# compare.csv of DIR hold it, * exactly where a difference's interval
# excludes 0; no note under the heading if NOTES is 0. Prints the lines
# checked.
table_matches() { # TABLE DIR NOTES
    awk -F, -v S="$2/summary.csv" -v C="$2/compare.csv" -v notes="$3" '
    BEGIN { while ((getline l < S) > 0) { split(l, f, ","); own[f[1] "," f[2]] = f[3] " [" f[5] ", " f[6] "] n=" f[7] }
            while ((getline l < C) > 0) { split(l, f, ","); d = f[3]; if (d + 0 > 0) d = "+" d
                    star = (f[4] + 0 > 0 || f[5] + 0 < 0) ? " *" : ""
                    diff[f[1] "," f[2]] = d " [" f[4] ", " f[5] "]" star } FS = " " }
    /^note: / { if (!notes) bad = 1; next }
    /^[a-z_]+ \(/ { m = $1; next }
    /^  [a-z_]/ { line = $0; gsub(/\[ +/, "[", line); gsub(/, +/, ", ", line); gsub(/  +/, " ", line)
                  sub(/^ /, "", line); split(line, w, " "); key = w[1] "," m
                  want = w[1] " " own[key] (key in diff ? " " diff[key] : "")
                  if (line != want) { print "MISMATCH: " line " / " want; bad = 1 } n++ }
    END { if (bad) exit 1; print n }' "$1"
}
checked=$(table_matches "$T/j1.table" "$T/j1" 1)
[ "$checked" = 21 ] && cmp -s "$T/j1.table" "$T/j2.table" &&
    grep -q '^3 scenarios: each one.s mean and 95 % confidence interval' "$T/j1.table" &&
    ok "compare prints each key figure with its interval, and each difference, as the CSV files hold them" ||
    bad "compare's table" "$checked $(head -12 "$T/j1.table")"
# Down each block the differences' brackets (and the stars after them)
# stand in one column, however wide each end of an interval is.
aligned=$(awk '/^[a-z_]+ \(/ { col = 0; next }
    /^  [a-z_]/ && gsub(/\]/, "]") == 2 { at = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == "]") { at = i; break }
        if (col && (at != col)) bad = 1; col = at; n++ }
    END { print (bad ? "misaligned" : n) }' "$T/j1.table")
[ "$aligned" = 14 ] && ok "compare's difference brackets line up down each block" ||
    bad "compare's difference brackets are not aligned ($aligned)" "$(head -12 "$T/j1.table")"
# Scenarios of other sizes share random numbers but not their customers
# and horizon: compare and the report say so, naming the keys; alike ones
# are not flagged.
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/seed_example.ini -n 2 \
    -o "$T/sized" --quiet >"$T/sized.table" 2>/dev/null && "$HK" report "$T/sized" --quiet
if [ "$(grep -c '^note: ' "$T/sized.table")" -eq 1 ] &&
    grep -q '^note: seed_example differs from baseline in sim.days, sim.warmup_days, customers.count, reps.count: its replications are not paired like for like' "$T/sized.table" &&
    grep -q 'But seed_example differs from baseline in sim.days, sim.warmup_days, customers.count, reps.count: its replications are not paired like for like' "$T/sized/report.html" &&
    ! grep -q 'compared on the same customers' "$T/sized/report.html" &&
    grep -q "resolved scenarios are in this folder's run-NAME.ini, one per scenario" "$T/sized/report.html" &&
    ! grep -q '^note: ' "$T/j1.table"; then
    ok "compare and report: scenarios of other sizes are named, with the keys they differ in"
else
    bad "scenarios of other sizes" "$(head -3 "$T/sized.table"; grep -o '<p class="lede">[^<]*' "$T/sized/report.html")"
fi
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 2 -o "$T/j2b" --quiet >/dev/null
same=1
for f in $(ls "$T/j1"); do
    cmp -s "$T/j1/$f" "$T/j2/$f" || { same=0; bad "-j1 and -j2 differ in $f"; }
    cmp -s "$T/j2/$f" "$T/j2b/$f" || { same=0; bad "two runs with one seed differ in $f"; }
done
[ $same -eq 1 ] && ok "-j 1, -j 2 and a repeat are byte-identical ($(ls "$T/j1" | wc -l) files)"
# Ageing shares: each a ratio of totals inside its interval, together 1.
if awk -F, 'NR > 1 { if ($8 < $10 || $8 > $11) bad = 1; sum[$1] += $8 }
        END { for (s in sum) if (sum[s] < 0.99999 || sum[s] > 1.00001) bad = 1; exit bad }' \
        "$T/j1/aging.csv"; then
    ok "aging.csv: each bucket's share inside its interval, the shares of a scenario summing to 1"
else
    bad "aging.csv shares" "$(cat "$T/j1/aging.csv")"
fi
# A compare's run.ini only records how it was made: as a scenario it
# would run the defaults. Its run-NAME.ini files are the scenarios.
expect_refusal "a compare's run.ini as a scenario" \
    "$T/j1/run.ini:1: huikuan's record of how a compare, sweep or batch was run, not a scenario" \
    "$HK" run "$T/j1/run.ini" -n 2 --quiet
"$HK" run "$T/j1/run-buy_sell.ini" -n 8 -o "$T/j1again" --quiet >/dev/null &&
    tail -n +2 "$T/j1again/summary.csv" >"$T/j1again.rows" &&
    grep ^buy_sell, "$T/j1/summary.csv" | cmp -s - "$T/j1again.rows" &&
    ok "a compare's run-NAME.ini reruns that scenario's rows" ||
    bad "run-buy_sell.ini does not reproduce compare's rows"
# Fewer replications than threads: each replication's books are split
# between the threads, at least 2,000 customers each (so 2 ways for 4,000
# customers on 4 threads, 3 ways for 6,000 on 3).
same=1
for split in "4000 4" "6000 3"; do
    set -- $split
    books="--set customers.count=$1 --set sim.days=90 --set sim.warmup_days=30"
    "$HK" run scenarios/hybrid.ini $books -n 2 -j 1 -o "$T/books1" --quiet >/dev/null
    "$HK" run scenarios/hybrid.ini $books -n 2 -j "$2" -o "$T/books$2" --quiet >/dev/null
    for f in $(ls "$T/books1"); do
        cmp -s "$T/books1/$f" "$T/books$2/$f" || { same=0; bad "$1 customers on -j $2: $f differs"; }
    done
done
[ $same -eq 1 ] && ok "2 replications with books split 2 and 3 ways give the bytes of -j 1"
"$HK" run scenarios/baseline.ini -n 4 --seed 99 -o "$T/s99" --quiet >"$T/s99.table"
"$HK" run scenarios/baseline.ini -n 4 --seed 98 -o "$T/s98" --quiet >/dev/null
cmp -s "$T/s99/summary.csv" "$T/s98/summary.csv" && bad "different seeds gave identical results" ||
    ok "different seeds give different results"
# The key figures run prints: each as summary.csv holds it, with n only
# where fewer replications than the run's gave it a value.
run_table_matches() { # TABLE SUMMARY REPLICATIONS
    awk -v S="$2" -v R="$3" '
        BEGIN { while ((getline l < S) > 0) { split(l, f, ","); want[f[2]] = f[3] " [" f[5] ", " f[6] "]" (f[7] != R ? " n=" f[7] : "") } }
        NR == 1 { if ($0 !~ /: each key figure.s mean and 95 % confidence interval over [0-9]+ replications/) bad = 1; next }
        { line = $0; sub(/^  /, "", line); m = line; sub(/ .*/, "", m)
          sub(/^[a-z_]+ \([^)]*\) +/, "", line); gsub(/  +/, " ", line)
          if (!(m in want) || line != want[m]) { print "MISMATCH " m ": " line " / " want[m]; bad = 1 } n++ }
        END { if (bad || n != 7) exit 1 }' "$1"
}
if run_table_matches "$T/s99.table" "$T/s99/summary.csv" 4 &&
    run_table_matches "$T/empty.table" "$T/empty/summary.csv" 3 &&
    grep -q '^  dso (days) .*\[nan, nan\]  n=0$' "$T/empty.table" &&
    ! grep -q '^  sales .*n=' "$T/s99.table"; then
    ok "run prints the key figures, each with its interval as summary.csv holds it, n where a figure has fewer"
else
    bad "run's table" "$(cat "$T/s99.table" "$T/empty.table")"
fi

# --- Ctrl-C, SIGTERM: the run dies of the signal, its staging folder gone ---
# (It had stayed, DIR.tmp-HOST-PID-XXXXXX, until a run into DIR swept it.)
# The results in DIR stay as they were. Background jobs of a script ignore
# SIGINT; env --default-signal restores it.
# stop_during NAME SIG PAUSE COMMAND...: starts COMMAND (writing
# $T/stop/NAME) with SIGINT restored, sends SIG PAUSE seconds after its
# staging folder appears; sets rc (its exit) and i (20ths of a second
# waited for the folder, 200 if it never came).
stop_during() {
    name=$1 sig=$2 pause=$3
    shift 3
    env --default-signal=INT "$@" >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 200 ] && ! ls -a "$T/stop" | grep -q "^$name\.tmp-"; do sleep 0.05; i=$((i + 1)); done
    sleep "$pause"
    kill -"$sig" $pid
    wait $pid
    rc=$?
}
if env --default-signal=INT true 2>/dev/null; then
    mkdir "$T/stop"
    "$HK" run scenarios/seed_example.ini -n 2 -o "$T/stop/keep" --quiet >/dev/null
    before=$(cd "$T/stop" && find . -type f -exec cksum {} + | LC_ALL=C sort -k3)
    for sig in INT TERM; do
        want=$([ $sig = INT ] && echo 130 || echo 143)
        stop_during keep $sig 0.2 "$HK_EXEC" run scenarios/baseline.ini -n 400 -o "$T/stop/keep" --quiet
        after=$(cd "$T/stop" && find . -type f -exec cksum {} + | LC_ALL=C sort -k3)
        [ $i -lt 200 ] && [ $rc -eq "$want" ] && [ "$(ls -A "$T/stop")" = keep ] && [ "$before" = "$after" ] &&
            ok "SIG$sig during a run: it dies of the signal (exit $rc), no staging folder left, the results in DIR as they were" ||
            bad "SIG$sig during a run (exit $rc, waited $i)" "$(ls -A "$T/stop")"
        # bench too: it had left bench.csv, cut at a row's end, in its
        # staging folder; its measuring child leaves the folder to bench.
        stop_during bench $sig 1 "$HK_EXEC" bench quick -o "$T/stop/bench"
        [ $i -lt 200 ] && [ $rc -eq "$want" ] && [ "$(ls -A "$T/stop")" = keep ] &&
            ok "SIG$sig during bench: it dies of the signal (exit $rc), no staging folder left" ||
            bad "SIG$sig during bench (exit $rc, waited $i)" "$(ls -A "$T/stop")"
    done
else
    echo "[  SKIPPED ] Ctrl-C during a run: env has no --default-signal"
fi

# --- progress: silent when stderr is not a terminal -------------------------
"$HK" run scenarios/seed_example.ini -o "$T/quiet" >/dev/null 2>"$T/progress"
grep -q 'replications:' "$T/progress" && bad "progress printed to a non-terminal" ||
    ok "no progress line when stderr is not a terminal"
# On a terminal, a long replication reports as its days pass.
if script -qc true /dev/null >/dev/null 2>&1; then
    script -qc "$HK run scenarios/baseline.ini --set customers.count=20000 --set reps.count=200 \
        --set sim.days=365 -n 2 -j 1 -o '$T/tty-run'" /dev/null >"$T/tty" 2>&1
    grep -aqE 'replications: (0\.[1-9]|1\.[1-9])/2, [0-9.]+/s, [0-9]+:[0-9]{2} left' "$T/tty" &&
        tr '\r' '\n' <"$T/tty" | grep -a 'replications:' | head -1 | grep -aq 'time left not yet known' &&
        ok "progress on a terminal moves within a replication, its time left once there is a rate to tell it" ||
        bad "no progress within a replication on a terminal" "$(tr '\r' '\n' <"$T/tty" | head -5)"
fi

# --- a rerun replaces a results folder whole --------------------------------
"$HK" run scenarios/seed_example.ini -n 3 -o "$T/seed" --quiet >/dev/null
grep -q ',3$' "$T/seed/summary.csv" && [ -z "$(ls -d "$T"/seed.tmp-* 2>/dev/null)" ] &&
    ok "a rerun replaces a results folder atomically" || bad "rerun into a results folder"

# --- the folder keeps the mode its owner gave it -------------------------------
mkdir -m 750 "$T/private" && "$HK" run scenarios/seed_example.ini -n 2 -o "$T/private" --quiet >/dev/null &&
    [ "$(stat -c %a "$T/private")" = 750 ] && chmod 700 "$T/private" &&
    "$HK" run scenarios/seed_example.ini -n 3 -o "$T/private" --quiet >/dev/null &&
    [ "$(stat -c %a "$T/private")" = 700 ] && grep -q ',3$' "$T/private/summary.csv" &&
    ok "results into a folder of mode 750, then 700: the folder keeps its mode" ||
    bad "the results folder's mode" "$(stat -c %a "$T/private")"
# The owner's own access is made whole: a folder made 555 would leave the
# results unwritable to plot and report.
mkdir -m 555 "$T/readonly" && "$HK" run scenarios/seed_example.ini -n 2 -o "$T/readonly" --quiet >/dev/null &&
    [ "$(stat -c %a "$T/readonly")" = 755 ] &&
    ok "results into a folder of mode 555: 755, the owner's access made whole" ||
    bad "a 555 folder's mode" "$(stat -c %a "$T/readonly")"

# --- previous results that cannot all be removed: the new ones kept, and said ---
# An immutable file (chattr +i, root on ext4 and the like) stands in for a
# folder of them a user made unwritable.
mkdir -p "$T/stuck" && "$HK" run scenarios/seed_example.ini -n 2 -o "$T/stuck/r" --quiet >/dev/null
if chattr +i "$T/stuck/r/summary.csv" 2>/dev/null; then
    "$HK" run scenarios/seed_example.ini -n 3 -o "$T/stuck/r" --quiet >/dev/null 2>"$T/stderr"
    rc=$?
    left=$(ls -d "$T"/stuck/r.tmp-* 2>/dev/null)
    [ $rc -eq 0 ] && grep -q ',3$' "$T/stuck/r/summary.csv" && [ -n "$left" ] &&
        [ "$(ls "$left")" = summary.csv ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
        grep -qF "huikuan: note: $T/stuck/r: the previous results could not all be removed (Operation not permitted): what is left of them is in $left; remove it by hand" "$T/stderr" &&
        ok "previous results that cannot all go: the new kept (exit 0), the rest removed, where the file is left said" ||
        bad "previous results that cannot all be removed (exit $rc)" "$(cat "$T/stderr"; ls -R "$T/stuck")"
    chattr -i "$left/summary.csv" "$T/stuck/r/summary.csv" 2>/dev/null
    "$HK" run scenarios/seed_example.ini -n 2 -o "$T/stuck/r" --quiet >/dev/null 2>"$T/stderr" &&
        [ "$(ls "$T/stuck")" = r ] && [ ! -s "$T/stderr" ] &&
        ok "the next run into the folder removes what was left, saying nothing" ||
        bad "the leftover after a later run" "$(cat "$T/stderr"; ls "$T/stuck")"
else
    echo "[     SKIP ] previous results that cannot all be removed: chattr +i needs root and a filesystem that has it"
fi

# --- amounts beyond what a double holds to the cent are announced -------------
"$HK" run scenarios/baseline.ini --set orders.amount_mean=10000000000 --set orders.amount_sd=0 \
    --set sim.warmup_days=0 --set sim.days=300 -n 2 -o "$T/huge" --quiet >/dev/null 2>"$T/huge.err"
rc=$?
"$HK" run scenarios/baseline.ini --set customers.count=40 --set reps.count=2 -n 2 \
    -o "$T/normal" --quiet >/dev/null 2>"$T/normal.err"
[ $rc -eq 0 ] && grep -q '^huikuan: note: baseline: [a-z_]* reached [0-9.e+]* currency units; above 4.5e+13' "$T/huge.err" &&
    [ ! -s "$T/normal.err" ] &&
    ok "amounts past 4.5e13 currency units are announced on stderr, others not" ||
    bad "inexact amounts note (exit $rc)" "$(cat "$T/huge.err" "$T/normal.err")"

# --- a horizon under a week: no weekly effort choice, so no mean effort ------
"$HK" run scenarios/baseline.ini --set sim.days=1 --set customers.count=40 --set reps.count=2 \
    -n 2 -o "$T/oneday" --quiet >/dev/null
efforts=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^effort_/) c[i] = 1; next }
    { for (i in c) print $i }' "$T/oneday/reps.csv" | sort -u)
[ "$efforts" = "nan" ] && ok "reps.csv: a one-day horizon gives each rep's mean effort as nan, like summary.csv" ||
    bad "reps.csv effort over a one-day horizon" "$efforts"

# --- validate: every check passes, and the Markov run writes markov.csv ---------
# make install lays out the program with its chart scripts and scenarios
# under PREFIX/share/huikuan, where an installed huikuan finds them from
# any folder. The plain pass runs validate so, from a folder without
# scenarios/ (once: the checks below read its output); the sanitizer
# pass runs its own build from the source tree, finding ./scenarios.
validate_from="."
validate_with="$HK"
if [ "$HK" = build/huikuan ]; then
    make -s --no-print-directory install DESTDIR="$T/inst" PREFIX=/usr >"$T/install.out" 2>&1
    rc=$?
    validate_from="$T"
    validate_with="$T/inst/usr/bin/huikuan"
    "$HK" run scenarios/baseline.ini --set customers.count=40 --set reps.count=4 --set sim.days=60 \
        -n 2 -o "$T/for-installed" --quiet >/dev/null 2>&1
    (cd "$T" && "$validate_with" plot for-installed --quiet >"$T/inst-plot" 2>&1)
    [ $rc -eq 0 ] && [ -x "$validate_with" ] && [ -f "$T/inst/usr/share/huikuan/scenarios/baseline.ini" ] &&
        [ -s "$T/for-installed/plots/compare.png" ] &&
        ok "make install: the installed huikuan finds its chart scripts (plot) from any folder, and its scenarios (validate, below)" ||
        bad "make install (exit $rc)" "$(cat "$T/install.out" "$T/inst-plot" 2>&1 | tail -8)"
    # With the build with MPI made, make install puts it beside the
    # program, and `mpirun -n 2 huikuan batch` works with the installed one.
    if [ -x build/mpi/huikuan ] && command -v mpirun >/dev/null 2>&1; then
        printf 'scenario,customers.count\n%s/scenarios/baseline.ini,40\n%s/scenarios/baseline.ini,50\n' \
            "$PWD" "$PWD" >"$T/inst-grid.csv"
        "$HK" batch "$T/inst-grid.csv" -n 2 --set sim.days=60 -o "$T/inst-b1" --quiet
        OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
            mpirun -n 2 "$T/inst/usr/bin/huikuan" batch "$T/inst-grid.csv" -n 2 --set sim.days=60 \
            -o "$T/inst-b2" --quiet >"$T/inst-mpi" 2>&1
        rc=$?
        [ $rc -eq 0 ] && [ -x "$T/inst/usr/libexec/huikuan/huikuan-mpi" ] &&
            diff -r "$T/inst-b1" "$T/inst-b2" >/dev/null &&
            ok "make install: mpirun -n 2 of the installed huikuan runs a batch, byte-identical to one process" ||
            bad "make install: mpirun of the installed huikuan (exit $rc)" "$(cat "$T/inst-mpi" | head -5)"
    fi
fi
(cd "$validate_from" && "$validate_with" validate -j 2) >"$T/validate" 2>"$T/validate.err"; rc=$?
if [ $rc -eq 0 ] && ! grep -q FAIL "$T/validate" && grep -q '^31 of 31 checks passed$' "$T/validate" &&
    grep -qE '^reference +expected +simulated \[95% CI\] +n +tolerance +in CI +result$' "$T/validate" &&
    grep -qE '^seed 004 \(calibrated to\): collectible at 365 days .*\] +40 +0\.1000 +(yes|no) +PASS$' "$T/validate" &&
    grep -qE '^Holmstrom-Milgrom beta\*, A = 1500 +0\.6923 .* 4 +0\.5 % +yes +PASS$' "$T/validate" &&
    grep -qE '^Holmstrom-Milgrom beta\*, r halved +0\.6667 +0\.6667 \[0\.6667, 0\.6667\] +4 +0\.5 % +yes +PASS$' "$T/validate" &&
    grep -qx '4 of them ("calibrated to") compare with the figures the model was calibrated to, round figures from a survey: they tell a large change in behaviour (a shift of less than their tolerance passes), not that the model is right' "$T/validate" &&
    grep -qE '^Holmstrom-Milgrom output x0 \+ A e an order, A = 1500 +5675\.0000 .* 24 +0\.5 % +(yes|no) +PASS$' "$T/validate" &&
    grep -qE '^Holmstrom-Milgrom output noise sigma, c = 2000 +1000\.0000 .* 24 +50 % +(yes|no) +PASS$' "$T/validate" &&
    missed=$(awk '$NF == "PASS" && $0 !~ /calibrated to/ && $(NF - 1) == "no"' "$T/validate" | wc -l) &&
    lie=$([ "$missed" -eq 1 ] && echo lies || echo lie) &&
    grep -qx "$missed of the 19 other checks with an interval of some width $lie outside it; by chance alone about 1.0 would, and at least one 62 % of the time were they independent: the tolerance decides PASS" "$T/validate" &&
    grep -qE '^seed 002: commission, .* 3000\.0000 +10 +exact +- +PASS$' "$T/validate"; then
    ok "validate: 31 of 31 checks pass against closed forms and the seeds, each saying what it rests on and whether its interval, as printed, holds the answer; the calibrated-to ones counted apart"
else
    bad "validate exited $rc ($validate_with in $validate_from)" "$(cat "$T/validate" "$T/validate.err" | tail -25)"
fi
"$HK" run scenarios/validation/markov.ini -n 2 -o "$T/markov" --quiet >/dev/null
head -1 "$T/markov/markov.csv" | grep -qx 'state,paid_share,bad_debt_share,n,paid_ci95_low,paid_ci95_high' &&
    [ "$(wc -l <"$T/markov/markov.csv")" -eq 5 ] &&
    awk -F, 'NR > 1 && !($5 <= $2 && $2 <= $6) { bad = 1 } END { exit bad }' "$T/markov/markov.csv" &&
    ok "markov.csv: a row per state, each share inside its interval" ||
    bad "markov.csv" "$(cat "$T/markov/markov.csv" 2>&1)"
# A period of 1,000 days: the run-off lasts until the chain has settled
# every invoice of the horizon (it had been cut at the collection ladder's
# length, leaving d60 and d90 empty), and the shares meet the closed form
# (0.922, 0.740, 0.533, 0.333 from (I - Q)^-1 R).
"$HK" run scenarios/validation/markov.ini -n 10 --set markov.period_days=1000 -o "$T/markov-slow" --quiet >/dev/null
invoices=$(awk -F, '$2 == "invoices" { printf "%.0f", $3 * $7 }' "$T/markov-slow/summary.csv")
if awk -F, -v n="$invoices" 'BEGIN { split("0.922 0.740 0.533 0.333", want, " ") }
        NR == 2 && $4 != n { bad = 1 }
        NR > 1 { d = $2 - want[NR - 1]; if (d > 0.03 || d < -0.03) bad = 1 }
        END { exit bad || NR != 5 }' "$T/markov-slow/markov.csv"; then
    ok "a chain with 1,000-day periods runs off until settled: all $invoices invoices counted, shares near the closed form"
else
    bad "a slow chain's markov.csv ($invoices invoices)" "$(cat "$T/markov-slow/markov.csv")"
fi
"$HK" run "$T/markov/run.ini" -o "$T/markov-again" --quiet >/dev/null
cmp -s "$T/markov/markov.csv" "$T/markov-again/markov.csv" &&
    ok "a Markov run.ini reproduces markov.csv" || bad "Markov run.ini does not reproduce"
# A chain that will not run is said once, after the folder is taken;
# a chain that runs is not.
for b in segments markov; do
    "$HK" run scenarios/validation/markov.ini -n 2 --set sim.days=60 --set sim.warmup_days=0 \
        --set customers.behaviour=$b -o "$T/markov-$b" --quiet >/dev/null 2>"$T/markov-$b.err"
done
[ "$(cat "$T/markov-segments.err")" = "huikuan: note: scenarios/validation/markov.ini: [markov] gives a chain, but customers.behaviour is not markov: the chain is not used" ] &&
    [ ! -s "$T/markov-markov.err" ] && [ -f "$T/markov-segments/summary.csv" ] &&
    ok "a [markov] chain that behaviour leaves unused is noted" ||
    bad "unused chain note" "$(cat "$T/markov-segments.err" "$T/markov-markov.err")"

# --- bench: the contract of bench.csv (timings are the machine's own) ----------
# Not under the sanitizers: it would time them, not huikuan.
if [ -z "${SAN_LOG_DIR:-}" ]; then
    "$HK" bench quick -o "$T/bench" >"$T/bench.out" 2>"$T/bench.err"; rc=$?
    csv="$T/bench/bench.csv"
    if [ $rc -eq 0 ] && [ "$(head -1 "$csv")" = "case,metric,value" ] &&
        awk -F, 'NR > 1 { v[$1 "," $2] = $3 }
            END {
                split("customer_days_per_s_per_thread rng_bound_fraction speedup_2_threads wall_s peak_rss_mb invoices_per_s wall_s_2_threads speedup_same_run_2_threads peak_rss_mb_2_threads", m, " ")
                for (c = 1; c <= 2; c++)
                    for (i in m) {
                        k = (c == 1 ? "default" : "large") "," m[i]
                        if (!(k in v) || v[k] + 0 <= 0) { print "missing or not positive: " k; exit 1 }
                    }
                if (v["default,rng_bound_fraction"] > 1 || v["large,rng_bound_fraction"] > 1) exit 1
                # The day loop allocates nothing: set-up sets the room aside.
                if (v["default,day_loop_allocations"] != "0" || v["large,day_loop_allocations"] != "0") {
                    print "day loop allocated"; exit 1
                }
                if (v["default,speedup_2_threads"] > 2.5 || v["large,speedup_same_run_2_threads"] > 2.5) exit 1
                # The default case is the best of its runs, which lies within their spread.
                if (v["default,wall_s"] > v["default,wall_s_slowest"]) { print "best slower than slowest"; exit 1 }
                split("rng_bound_fraction speedup_same_run_2_threads speedup_2_threads", r, " ")
                for (i in r) {
                    lo = v["default," r[i] "_low"]; hi = v["default," r[i] "_high"]; x = v["default," r[i]]
                    if (lo == "" || hi == "" || lo <= 0 || x < lo * (1 - 1e-5) || x > hi * (1 + 1e-5)) {
                        print r[i] " " x " outside its runs [" lo ", " hi "]"; exit 1
                    }
                }
                if ("large,wall_s_slowest" in v) { print "spread of a single run"; exit 1 }
                # Where CPUs can be pinned, each was timed alone: the bound is one
                # plus the speed of the second CPU as a share of that of the
                # fastest, which the order of the CPUs keeps in (0, 1].
                if ("machine,cpus_timed" in v) {
                    b = v["machine,speedup_2_threads_bound"] + 0
                    s = v["machine,second_cpu_speed"] + 0
                    if (v["machine,cpus_timed"] < 1 || b < 1 || b > 2) { print "bound " b; exit 1 }
                    if (v["machine,cpus_timed"] >= 2 && (s <= 0 || s > 1 || b - 1 - s > 1e-4 || 1 + s - b > 1e-4)) {
                        print "bound " b " against second CPU speed " s; exit 1
                    }
                }
            }' "$csv" &&
        grep -q "^machine: " "$T/bench.out"; then
        ok "bench quick: bench.csv has both cases and every metric, plausible values, no allocation in the day loop"
    else
        bad "bench quick exited $rc" "$(cat "$T/bench.err" "$csv" 2>&1 | head -30)"
    fi
    # Its reader gone after the first line: said, and bench.csv not kept
    # over the earlier one.
    cp -r "$T/bench" "$T/bench-before"
    { "$HK" bench quick -o "$T/bench" 2>"$T/bench.err"; echo $? >"$T/bench.rc"; } | head -1 >/dev/null
    [ "$(cat "$T/bench.rc")" = 1 ] &&
        grep -qx "huikuan: cannot write to standard output: Broken pipe; bench.csv was not kept" "$T/bench.err" &&
        diff -r "$T/bench-before" "$T/bench" >/dev/null && [ -z "$(ls -d "$T/bench".tmp-* 2>/dev/null)" ] &&
        ok "bench quick | head -1: exit 1, said, the earlier bench.csv kept, no staging folder left" ||
        bad "bench quick | head -1: exit $(cat "$T/bench.rc")" "$(cat "$T/bench.err"; ls -d "$T/bench"*)"
fi
# Out of memory for the results of many replications: the message says
# which scenario, how many and how much (exit 1, nothing written). Not
# under the sanitizers, which reserve more address space than the limit.
if [ -z "${SAN_BIN:-}" ]; then
    (ulimit -v 400000 && "$HK" run scenarios/seed_example.ini -n 300000 -o "$T/oom" --quiet) \
        >/dev/null 2>"$T/stderr"
    rc=$?
    [ $rc -eq 1 ] && [ ! -e "$T/oom" ] &&
        grep -qxE 'huikuan: scenario seed_example: out of memory for the results of 300000 replications \([0-9]+ MiB\); give fewer \(-n, sim.replications\)' "$T/stderr" &&
        ok "out of memory for 300000 replications' results: says which scenario, how many, how much" ||
        bad "out of memory message (exit $rc)" "$(cat "$T/stderr")"
fi
expect_refusal bench-argument "bench: unexpected argument 'fast'" "$HK" bench fast
expect_refusal bench-quick-twice "bench: 'quick' is given twice; give it once" "$HK" bench quick quick
expect_refusal compare-set-name "compare --set sim.name=x: names every scenario x, and each needs a name of its own; set sim.name in the files instead" \
    "$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini --set sim.name=x -n 2
expect_refusal bool-spelling "collection.reminders = maybe: not yes or no (true and 1, false and 0 are read too)" \
    "$HK" run scenarios/seed_example.ini --set collection.reminders=maybe

# --- help, keys, and a write error on stdout (sourced: they share the counters)
. tests/e2e_stdout.sh

# --- compare, sweep, calibrate, batch (sourced: they share the counters) -------
. tests/e2e_analysis.sh
. tests/e2e_batch.sh
. tests/e2e_batch_resume.sh

# --- settings drawn from every key's range: they run, or are refused --------
. tests/e2e_settings.sh

# --- malformed input, refused whole -------------------------------------------
. tests/cli_refusals.sh

if [ -n "${SAN_LOG_DIR:-}" ]; then
    reports=$(ls "$SAN_LOG_DIR" 2>/dev/null | wc -l)
    if [ "$reports" -eq 0 ]; then
        ok "no AddressSanitizer, LeakSanitizer or UBSan report"
    else
        bad "$reports sanitizer report(s) in $SAN_LOG_DIR" "$(cat "$SAN_LOG_DIR"/* | head -40)"
    fi
fi

echo "$LABEL: $pass passed, $fail failed"
[ $fail -eq 0 ]
