#!/bin/sh
# san_run.sh — runs the sanitizer build of huikuan ($SAN_BIN) for
# cli_test.sh and files away any sanitizer report in $SAN_LOG_DIR.
#
# Its stderr is passed through unchanged, so the tests see what a user
# would; a copy that holds an AddressSanitizer, LeakSanitizer or UBSan
# report is kept, so a report from a run whose stderr no test reads
# still fails the pass. (GCC's UBSan ignores log_path; this works for
# every sanitizer alike.)
# On a terminal (progress tests), huikuan must see the terminal itself.
[ -t 2 ] && exec "$SAN_BIN" "$@"
err=$(mktemp)
"$SAN_BIN" "$@" 2>"$err"
rc=$?
cat "$err" >&2
if grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$err"; then
    { echo "huikuan $*"; cat "$err"; } >"$SAN_LOG_DIR/report.$$"
fi
rm -f "$err"
exit $rc
