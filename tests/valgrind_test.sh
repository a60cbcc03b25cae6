#!/bin/sh
# valgrind_test.sh — small runs under valgrind's memcheck: no errors, no leaks.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/valgrind_test.sh
#
# Single-threaded runs (-j 1) must be clean of every leak kind, "possibly
# lost" included. A threaded run (-j 2) is held to definite and indirect
# leaks only: libgomp keeps its thread pool until exit, and the pool
# threads' own allocations show as "possibly lost" — not ours to free.
# A small batch runs the grid reader and the row folders too. Refused runs
# (exit 2) must free everything on their way out too.
# Prints "valgrind: N passed, M failed".
set -u
HK=${HUIKUAN:-build/huikuan}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check.sh

if ! command -v valgrind >/dev/null 2>&1; then
    bad "valgrind is not installed (sh .ci/deps installs it)"
    echo "valgrind: $pass passed, $fail failed"
    exit 1
fi

# memcheck NAME LEAK_KINDS EXPECTED_STATUS ARGS...
memcheck() {
    name=$1 kinds=$2 want=$3
    shift 3
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds="$kinds" \
        --show-leak-kinds="$kinds" \
        --log-file="$T/vg.log" "$HK" "$@" >/dev/null 2>"$T/stderr"
    rc=$?
    if [ $rc -ne "$want" ]; then
        bad "$name: exit status $rc, expected $want" "$(cat "$T/vg.log" "$T/stderr" | head -30)"
    elif [ -s "$T/vg.log" ]; then
        bad "$name: memcheck reported" "$(head -30 "$T/vg.log")"
    else
        ok "$name: no memcheck error, no leak ($kinds)"
    fi
}

ALL=definite,indirect,possible
SMALL="--set sim.days=90 --set sim.warmup_days=60 --quiet"
memcheck "run seed_example.ini -j 1" $ALL 0 run scenarios/seed_example.ini -j 1 -o "$T/seed" --quiet
memcheck "run hybrid.ini, 3 replications, -j 1" $ALL 0 \
    run scenarios/hybrid.ini -n 3 -j 1 $SMALL -o "$T/hybrid"
memcheck "rerun over existing results, -j 1" $ALL 0 \
    run scenarios/hybrid.ini -n 2 -j 1 $SMALL -o "$T/hybrid"
memcheck "compare two presets, -j 2" definite,indirect 0 \
    compare scenarios/baseline.ini scenarios/buy_sell.ini -n 2 -j 2 $SMALL -o "$T/cmp"
printf 'scenario,scheme.penalty_daily_rate\nscenarios/seed_example.ini,0.0001\nscenarios/seed_example.ini,0.0002\n' >"$T/grid.csv"
memcheck "batch of a two-row grid, -j 1" $ALL 0 batch "$T/grid.csv" -n 2 -j 1 -o "$T/batch" --quiet
memcheck "refused grid" $ALL 2 batch tests/bad/grid_shares.csv -o "$T/no"
memcheck "refused scenario" $ALL 2 run tests/bad/unknown_section.ini -o "$T/no"
memcheck "refused --set" $ALL 2 run scenarios/baseline.ini --set scheme.bogus=1 -o "$T/no"
memcheck "refused output folder" $ALL 2 run scenarios/seed_example.ini -o "$T/hybrid/run.ini"
[ -e "$T/no" ] && bad "a refused run wrote $T/no"

echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
