# check.sh — the counters and report lines every shell test prints with;
# sourced from the repository root. ok NAME: a check passed. bad NAME
# [DETAIL]: one failed, its detail indented beneath it line by line.
# Each test ends with "LABEL: $pass passed, $fail failed".
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/             /'; }
