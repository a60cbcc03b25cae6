#!/bin/sh
# run_unit.sh — runs each cmocka test program and adds up cmocka's own
# summary lines into one: "unit: N passed, M failed".
set -u
passed=0
failed=0
status=0
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^\[  (PASSED|FAILED)  \]|^\[==========\] [0-9]+ test|FAILED TEST' | sed "s|^|$(basename "$t"): |"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ]; then
        status=1
        [ -z "$f" ] && failed=$((failed + 1)) # crashed before its summary
        printf '%s\n' "$out" | grep -vE '^\[ (RUN|      OK) ' | head -40
    fi
done
echo "unit: $passed passed, $failed failed"
exit $status
