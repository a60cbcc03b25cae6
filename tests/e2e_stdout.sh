# e2e_stdout.sh — what goes to stdout is the answer: help for each command
# (its usage on stdout, exit 0, nothing run), keys (every key --set takes),
# and a write error on stdout (a full device, a reader gone early, a closed
# stdout): exit 1, said on stderr, no results kept that could not be
# reported. Sourced by tests/cli_test.sh: uses its $HK, $T, ok, bad.

# --- help for one command: its usage on stdout, exit 0, nothing run -----------
for cmd in run compare sweep calibrate batch keys validate bench plot report version help; do
    "$HK" $cmd scenarios/baseline.ini --help -o "$T/help-$cmd" >"$T/stdout" 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 0 ] && head -1 "$T/stdout" | grep -q "^usage: huikuan $cmd " &&
       [ ! -s "$T/stderr" ] && [ ! -e "$T/help-$cmd" ]; then
        ok "$cmd --help: usage, exit 0, nothing written"
    else
        bad "$cmd --help: exit $rc" "$(cat "$T/stdout" "$T/stderr" | head -3)"
    fi
done
"$HK" help sweep >"$T/stdout" 2>"$T/stderr" && grep -q -- "--param section.key --values" "$T/stdout" &&
    ok "help sweep: the sweep's usage" || bad "help sweep" "$(cat "$T/stdout" "$T/stderr")"
"$HK" help plot >"$T/stdout" && grep -q "^usage: huikuan plot DIR \[--quiet\]" "$T/stdout" &&
    "$HK" help report >"$T/stdout" && grep -q "^usage: huikuan report DIR \[--quiet\]" "$T/stdout" &&
    ok "help plot, help report: --quiet in their usage" || bad "help plot/report" "$(cat "$T/stdout")"
"$HK" help help >"$T/stdout" 2>"$T/stderr" && grep -q "^usage: huikuan help \[COMMAND\]" "$T/stdout" &&
    "$HK" help >"$T/stdout" 2>&1 && grep -q "^  huikuan help \[COMMAND\]" "$T/stdout" &&
    ok "help help: help's own usage, and help is in the list" || bad "help help" "$(cat "$T/stdout" "$T/stderr")"
"$HK" --help run >"$T/stdout" 2>"$T/stderr" && head -1 "$T/stdout" | grep -q "^usage: huikuan run " &&
    "$HK" -h run extra >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && grep -q "^huikuan: help: takes one command name (got 'extra' after 'run')" "$T/stderr" &&
    ok "--help COMMAND is help COMMAND, a word more refused" || bad "--help run: exit $rc" "$(cat "$T/stderr")"
"$HK" help swep >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && grep -q "no command 'swep'" "$T/stderr" && [ ! -s "$T/stdout" ] &&
    ok "help swep: refused, exit 2" || bad "help swep: exit $rc" "$(cat "$T/stderr")"

# --- keys lists every key --set takes, the Markov chain's too ----------------
"$HK" keys >"$T/keys" 2>"$T/stderr"
grep -q '^markov\.states  *(none)  *1 to 16 state names' "$T/keys" &&
    grep -q '^markov\.STATE  *(none)  *for each state listed: target:probability' "$T/keys" &&
    grep -q '^markov\.period_days  *30 ' "$T/keys" &&
    [ "$(awk '/^$/ { exit } { match($0, /^[^ ]+ +/); print RLENGTH }' "$T/keys" | sort -u | wc -l)" -eq 1 ] &&
    ok "keys: markov.states, the per-state rows' form and markov.period_days; every default in one column" ||
    bad "keys lacks a [markov] key" "$(grep markov "$T/keys")"
grep -q '^collection\.escalate_after_days  *0  *an integer from 0 to 3650; 0: a third of firm.term_days, rounded up$' "$T/keys" &&
    grep -q '^scheme\.penalty_cap  *0\.00  *.*; 0: no cap$' "$T/keys" &&
    grep -q '^sim\.name  *scenario  *.*; in a file, its name without \.ini$' "$T/keys" &&
    ok "keys: says where 0 means more than nothing, and where a name comes from" ||
    bad "keys: notes on special values" "$(grep -E 'escalate|penalty_cap|sim.name' "$T/keys")"

# --- the closing note: where the results are, and how to chart them ------------
mkdir -p "$T/a b"
"$HK" run scenarios/seed_example.ini -n 2 -o "$T/a b/r" >/dev/null 2>"$T/stderr" &&
    [ "$(cat "$T/stderr")" = "huikuan: results in $T/a b/r; charts: huikuan plot '$T/a b/r'; one page: huikuan report '$T/a b/r'" ] &&
    "$HK" plot "$T/a b/r" --quiet 2>/dev/null && [ -f "$T/a b/r/plots/monthly.png" ] &&
    ok "run's closing note names the folder and the commands that chart it, quoted for the shell" ||
    bad "run's closing note" "$(cat "$T/stderr")"
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target commission=5000 -n 2 -o "$T/a b/cal" >"$T/stdout" 2>"$T/stderr" &&
    [ "$(cat "$T/stderr")" = "huikuan: results in $T/a b/cal; charts: huikuan plot '$T/a b/cal'; one page: huikuan report '$T/a b/cal'" ] &&
    tail -n 1 "$T/stdout" | grep -q "^every value evaluated: $T/a b/cal/calibrate.csv$" &&
    "$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
        --target commission=5000 -n 2 -o "$T/a b/cal" --quiet >/dev/null 2>"$T/stderr" &&
    [ ! -s "$T/stderr" ] &&
    ok "calibrate's closing note names the folder and the commands that chart it; none with --quiet" ||
    bad "calibrate's closing note" "$(cat "$T/stderr")"
# A relative name starting with '-' would read as an option.
abs() { case $1 in /* | '') printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
(hk=$(abs "$HK") && SAN_BIN=$(abs "${SAN_BIN:-}") && SAN_LOG_DIR=$(abs "${SAN_LOG_DIR:-}") &&
    export SAN_BIN SAN_LOG_DIR && seed="$PWD/scenarios/seed_example.ini" && cd "$T" &&
    "$hk" run "$seed" -n 2 -o -r >/dev/null 2>"$T/stderr") &&
    [ "$(cat "$T/stderr")" = "huikuan: results in -r; charts: huikuan plot ./-r; one page: huikuan report ./-r" ] &&
    ok "a folder named -r: the closing note's commands name it ./-r" ||
    bad "closing note for -r" "$(cat "$T/stderr")"

# --- what goes to stdout is the answer: a write error is a failure, said ------
if [ -w /dev/full ]; then
    for args in keys version help "help run" \
        "calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 --target commission=5000 -n 2 --quiet -o $T/cal-full"; do
        # shellcheck disable=SC2086
        "$HK" $args >/dev/full 2>"$T/stderr"
        rc=$?
        [ $rc -eq 1 ] && grep -q "cannot write to standard output" "$T/stderr" &&
            [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
            ok "${args%% *} > /dev/full: exit 1, said on stderr" ||
            bad "${args%% *} > /dev/full: exit $rc" "$(cat "$T/stderr")"
    done
    # calibrate prints its summary before it keeps the results: a failure
    # to print leaves the folder as it was (here: not there at all).
    [ ! -e "$T/cal-full" ] && ok "calibrate > /dev/full keeps no results it could not report" ||
        bad "calibrate > /dev/full left $T/cal-full" "$(ls "$T/cal-full")"
    # compare, run and sweep print their tables before they keep the
    # results: earlier results stay as they were.
    full_keeps() { # NAME DIR COMMAND... (DIR holds a run's results)
        name=$1 dir=$2
        shift 2
        rm -rf "$dir-before"
        cp -r "$dir" "$dir-before"
        "$@" >/dev/full 2>"$T/stderr"
        rc=$?
        [ $rc -eq 1 ] && grep -qx "huikuan: cannot write to standard output: No space left on device; the results were not kept" "$T/stderr" &&
            diff -r "$dir-before" "$dir" >/dev/null &&
            ok "$name > /dev/full: exit 1, the earlier results kept as they were" ||
            bad "$name > /dev/full: exit $rc" "$(cat "$T/stderr")"
    }
    "$HK" compare scenarios/seed_example.ini scenarios/buy_sell.ini -n 2 --set sim.days=30 \
        -o "$T/cmp-full" --quiet >/dev/null
    full_keeps compare "$T/cmp-full" "$HK" compare scenarios/seed_example.ini scenarios/buy_sell.ini \
        -n 2 --set sim.days=40 -o "$T/cmp-full" --quiet
    "$HK" run scenarios/seed_example.ini -n 2 -o "$T/run-full" --quiet >/dev/null
    full_keeps run "$T/run-full" "$HK" run scenarios/seed_example.ini -n 3 -o "$T/run-full" --quiet
    "$HK" sweep scenarios/seed_example.ini --param scheme.commission_sales --values 0.03,0.05 -n 2 \
        -o "$T/sweep-full" --quiet >/dev/null
    full_keeps sweep "$T/sweep-full" "$HK" sweep scenarios/seed_example.ini \
        --param scheme.commission_sales --values 0.03,0.04 -n 2 -o "$T/sweep-full" --quiet
else
    echo "[     SKIP ] stdout write errors: no /dev/full"
fi
# A reader that leaves early (| head -1) is a write error too, said
# (SIGPIPE had killed the sweep silently, its staging folder left).
# 200 values print 140 KB, more than a pipe holds.
wide="--param scheme.penalty_daily_rate -n 2 -o $T/pipe --quiet"
# shellcheck disable=SC2086
"$HK" sweep scenarios/seed_example.ini --values 0:0.001:3 $wide >/dev/null &&
    cp -r "$T/pipe" "$T/pipe-before" &&
    { "$HK" sweep scenarios/seed_example.ini --values 0:0.001:200 $wide 2>"$T/stderr"
      echo $? >"$T/pipe.rc"; } | head -1 >/dev/null
[ "$(cat "$T/pipe.rc")" = 1 ] &&
    grep -qx "huikuan: cannot write to standard output: Broken pipe; the results were not kept" "$T/stderr" &&
    diff -r "$T/pipe-before" "$T/pipe" >/dev/null && [ -z "$(ls -d "$T/pipe".tmp-* 2>/dev/null)" ] &&
    ok "sweep | head -1: exit 1, said, the earlier results kept, no staging folder left" ||
    bad "sweep | head -1: exit $(cat "$T/pipe.rc")" "$(cat "$T/stderr"; ls -d "$T/pipe"*)"
# A closed stdout: what calibrate prints must not land in a results file
# that takes its descriptor, and the results are not kept.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target commission=5000 -n 2 --quiet -o "$T/cal-closed" >&- 2>"$T/stderr"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$T/cal-closed" ] && grep -q "cannot write to standard output" "$T/stderr" &&
    ok "calibrate with stdout closed: exit 1, nothing kept, said on stderr" ||
    bad "calibrate with stdout closed: exit $rc" "$(cat "$T/stderr"; ls "$T/cal-closed" 2>&1)"
