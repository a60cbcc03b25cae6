#!/bin/sh
# run.sh — runs each libFuzzer harness for a bounded time.
#
#   sh tests/fuzz/run.sh SECONDS build/fuzz/fuzz_NAME...
#
# Harness fuzz_NAME starts from the seed corpus tests/fuzz/corpus/NAME/,
# plus the folders listed in tests/fuzz/corpus/NAME.also (one per line),
# with the dictionary tests/fuzz/corpus/NAME.dict if there is one. Inputs
# it discovers go to build/fuzz/work/NAME/ (never into the seed corpus); a
# crash, leak or sanitizer report stops it, saves the input as
# build/fuzz/crash-NAME-* and fails the run. SECONDS=0 only replays the
# corpus. Harnesses run side by side, one per core, each for SECONDS of
# its own. Prints one line per harness and "fuzz: N passed, M failed".
set -u
seconds=$1
shift
jobs=$(nproc 2>/dev/null || echo 1)

# locate HARNESS: sets name (fuzz_NAME's NAME) and dir (where it, its log
# and its exit status are).
locate() {
    name=$(basename "$1" | sed 's/^fuzz_//')
    dir=$(dirname "$1")
}

# fuzz_one HARNESS: runs it, its log in DIR/NAME.log, its exit status in
# DIR/NAME.rc.
fuzz_one() {
    harness=$1
    locate "$harness"
    work="$dir/work/$name"
    rm -f "$dir/$name.rc"
    mkdir -p "$work"
    set -- "$work" "tests/fuzz/corpus/$name"
    if [ -f "tests/fuzz/corpus/$name.also" ]; then
        while read -r extra; do
            [ -n "$extra" ] && set -- "$@" "$extra"
        done <"tests/fuzz/corpus/$name.also"
    fi
    dict=""
    [ -f "tests/fuzz/corpus/$name.dict" ] && dict="-dict=tests/fuzz/corpus/$name.dict"
    if [ "$seconds" -gt 0 ]; then
        limit="-max_total_time=$seconds"
    else
        limit="-runs=0"
    fi
    # shellcheck disable=SC2086
    "$harness" $limit $dict -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix="$dir/crash-$name-" -print_final_stats=1 "$@" >"$dir/$name.log" 2>&1
    echo $? >"$dir/$name.rc"
}

running=0
for harness in "$@"; do
    fuzz_one "$harness" &
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

passed=0
failed=0
for harness in "$@"; do
    locate "$harness"
    log="$dir/$name.log"
    rc=$(cat "$dir/$name.rc" 2>/dev/null || echo 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "[       OK ] fuzz_$name: ${runs:-?} inputs in ${seconds} s, no crash, leak or sanitizer report"
    else
        failed=$((failed + 1))
        echo "[  FAILED  ] fuzz_$name (exit $rc); log: $log"
        grep -vE '^(#|INFO:|\s+NEW_FUNC)' "$log" | head -40
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
