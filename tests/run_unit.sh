#!/bin/sh
# run_unit.sh — runs each cmocka test program and adds up cmocka's own
# summary lines into one: "LABEL: N passed, M failed" (LABEL: "unit"
# unless set). A program that crashes, or exits non-zero after its summary
# (a sanitizer's leak report), counts as a failure.
set -u
LABEL=${LABEL:-unit}
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
echo "$LABEL: $passed passed, $failed failed"
exit $status
