#!/bin/sh
# cli_test.sh — end-to-end tests of the huikuan command line.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/cli_test.sh
# Prints one line per check and a summary line "cli: N passed, M failed".
set -u
HK=${HUIKUAN:-build/huikuan}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "[       OK ] $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; [ $# -gt 1 ] && echo "             $2"; }

# expect_refusal NAME EXPECTED_TEXT COMMAND...: exit 2, message has the
# text, and no output folder appears.
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
"$HK" run scenarios/seed_example.ini -o "$T/seed" --quiet
if grep -qx 'seed_example,commission,3000.00,0.00,3000.00,3000.00,10' "$T/seed/summary.csv" &&
   grep -qx 'seed_example,penalties,300.00,0.00,300.00,300.00,10' "$T/seed/summary.csv"; then
    ok "seed example: commission 3000.00, penalties 300.00"
else
    bad "seed example values" "$(grep -E 'commission|penalties' "$T/seed/summary.csv")"
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
"$HK" run "$T/seed/run.ini" -o "$T/seed-again" --quiet
if cmp -s "$T/seed/summary.csv" "$T/seed-again/summary.csv"; then
    ok "run.ini reproduces summary.csv byte for byte"
else
    bad "run.ini does not reproduce the run"
fi

# --- determinism across threads and repeated runs ------------------------
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 1 -o "$T/j1" --quiet
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 2 -o "$T/j2" --quiet
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini scenarios/hybrid.ini -n 8 -j 2 -o "$T/j2b" --quiet
same=1
for f in $(ls "$T/j1"); do
    cmp -s "$T/j1/$f" "$T/j2/$f" || { same=0; bad "-j1 and -j2 differ in $f"; }
    cmp -s "$T/j2/$f" "$T/j2b/$f" || { same=0; bad "two runs with one seed differ in $f"; }
done
[ $same -eq 1 ] && ok "-j 1, -j 2 and a repeat are byte-identical ($(ls "$T/j1" | wc -l) files)"
"$HK" run scenarios/baseline.ini -n 4 --seed 99 -o "$T/s99" --quiet
"$HK" run scenarios/baseline.ini -n 4 --seed 98 -o "$T/s98" --quiet
cmp -s "$T/s99/summary.csv" "$T/s98/summary.csv" && bad "different seeds gave identical results" ||
    ok "different seeds give different results"

# --- progress: silent when stderr is not a terminal -------------------------
"$HK" run scenarios/seed_example.ini -o "$T/quiet" 2>"$T/progress"
grep -q 'replications:' "$T/progress" && bad "progress printed to a non-terminal" ||
    ok "no progress line when stderr is not a terminal"

# --- malformed scenarios, flags and outputs ---------------------------------
for f in tests/bad/*.ini; do
    name=$(basename "$f" .ini)
    [ "$name" = empty_is_fine ] && continue
    case $name in
    unknown_section) want="$f:3: [simulation]: unknown section" ;;
    unknown_key) want="$f:2: scheme.comission_sales: unknown key" ;;
    probability_above_one) want="$f:2: segment.distressed.default_prob = 1.3: out of range (must be a number from 0 to 1)" ;;
    negative_rate) want="$f:2: scheme.penalty_daily_rate = -0.001: out of range" ;;
    negative_money) want="$f:2: scheme.base_salary = -4000.00: out of range" ;;
    duplicate_key) want="$f:3: sim.days: set twice (first on line 2)" ;;
    wrong_type) want="$f:2: sim.replications = many: not an integer" ;;
    nan_value) want="$f:2: scheme.commission_sales = nan: must be a finite number" ;;
    shares_not_one) want="$f:2: segment.prompt.share: segment shares sum to 1.6" ;;
    unclosed_section) want="$f:1: syntax error" ;;
    no_equals) want="$f:2: syntax error" ;;
    key_before_section) want="$f:1: days: key outside any section" ;;
    one_replication) want="$f:2: sim.replications = 1: out of range" ;;
    bad_choice) want="$f:2: orders.process = whenever: unknown value (must be one of poisson|regular|effort)" ;;
    binary_garbage) want="$f:1: binary data" ;;
    *) want="$f" ;;
    esac
    expect_refusal "bad scenario $name" "$want" "$HK" run "$f"
done
"$HK" run tests/bad/empty_is_fine.ini -n 2 -o "$T/empty" --quiet && ok "an empty scenario runs on defaults" ||
    bad "empty scenario refused"

expect_refusal "missing file" "no/such.ini: cannot open scenario" "$HK" run no/such.ini
expect_refusal "a folder as scenario" "tests: cannot read scenario" "$HK" run tests
expect_refusal "--set unknown key" "--set scheme.bogus=1: scheme.bogus: unknown key" \
    "$HK" run scenarios/baseline.ini --set scheme.bogus=1
expect_refusal "--set out of range" "scheme.liability_share = 2: out of range" \
    "$HK" run scenarios/baseline.ini --set scheme.liability_share=2
expect_refusal "--set without =" "expected section.key=value" \
    "$HK" run scenarios/baseline.ini --set scheme.liability_share
expect_refusal "-n 0" "-n 0: sim.replications = 0: out of range" "$HK" run scenarios/baseline.ini -n 0
expect_refusal "--seed negative" "--seed -5: sim.seed = -5: not a seed" "$HK" run scenarios/baseline.ini --seed -5
expect_refusal "-j zero" "-j 0: must be a whole number of threads" "$HK" run scenarios/baseline.ini -j 0
expect_refusal "unknown flag" "unknown option '--fast'" "$HK" run scenarios/baseline.ini --fast
expect_refusal "no scenario" "expects one scenario file, got 0" "$HK" run
expect_refusal "two scenarios to run" "expects one scenario file, got 2" "$HK" run scenarios/baseline.ini scenarios/hybrid.ini
expect_refusal "compare with a bad one" "tests/bad/nan_value.ini:2:" "$HK" compare scenarios/baseline.ini tests/bad/nan_value.ini
expect_refusal "duplicate names" "scenario name 'baseline'" "$HK" compare scenarios/baseline.ini ./scenarios/baseline.ini

# Unwritable or unusable output folders: nothing written, nothing damaged.
"$HK" run scenarios/seed_example.ini -o "$T/nodir/deeper/x" --quiet 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'parent folder' "$T/err" && ok "missing parent folder refused: $(cat "$T/err")" ||
    bad "missing parent folder" "$(cat "$T/err")"
echo precious >"$T/a-file"
"$HK" run scenarios/seed_example.ini -o "$T/a-file" --quiet 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(cat "$T/a-file")" = precious ] && ok "a file as -o is refused and kept" ||
    bad "file as output" "$(cat "$T/err")"
mkdir -p "$T/home" && echo mine >"$T/home/notes.txt"
"$HK" run scenarios/seed_example.ini -o "$T/home" --quiet 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(cat "$T/home/notes.txt")" = mine ] && ok "a non-results folder is never replaced" ||
    bad "non-results folder" "$(cat "$T/err")"
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$T/ro" && chmod 555 "$T/ro"
    "$HK" run scenarios/seed_example.ini -o "$T/ro/x" --quiet 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && ok "read-only parent refused" || bad "read-only parent" "$(cat "$T/err")"
fi
# A failed run leaves existing results untouched.
before=$(cat "$T/seed/summary.csv" | cksum)
"$HK" run tests/bad/nan_value.ini -o "$T/seed" --quiet 2>/dev/null
after=$(cat "$T/seed/summary.csv" | cksum)
[ "$before" = "$after" ] && ok "a failed run leaves the previous results intact" ||
    bad "previous results damaged"
# A successful rerun replaces a results folder whole.
"$HK" run scenarios/seed_example.ini -n 3 -o "$T/seed" --quiet
grep -q ',3$' "$T/seed/summary.csv" && [ -z "$(ls -d "$T"/seed.tmp-* 2>/dev/null)" ] &&
    ok "a rerun replaces a results folder atomically" || bad "rerun into a results folder"

# --- compare, sweep, calibrate, batch (sourced: they share the counters) -------
. tests/e2e_analysis.sh
. tests/e2e_batch.sh

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
