# charts_lib.sh — what the chart tests share; sourced by the
# charts_*_test.sh scripts (run from the repository root).
#
# Sets HK (an absolute path to huikuan, from $HUIKUAN), a scratch folder T
# removed on exit, the counters pass and fail with ok and bad (check.sh), the helpers
# below, ALL (every chart), TABLES (every report table) and S (--set
# options for small, thin results: one customer for 30 days, whose rep's
# effort costs as on a book of one, reps.nominal_book = 1).
set -u
HK=${HUIKUAN:-build/huikuan}
case $HK in /*) ;; *) HK=$(pwd)/$HK ;; esac
T=$(mktemp -d)
trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
. tests/check.sh
size() { wc -c <"$1" 2>/dev/null || echo 0; }
# whole FILE: a PNG ending with its IEND chunk, an SVG with </svg>.
whole() {
    case $1 in
    *.png) [ "$(tail -c 12 "$1" | od -An -tx1 | tr -d ' \n')" = 0000000049454e44ae426082 ] ;;
    *.svg) tail -c 64 "$1" | grep -q '</svg>[[:space:]]*$' ;;
    esac
}
sums() { (cd "$1" && cksum *.csv *.ini); }
# has FILE PATTERN...: FILE has a line matching each grep pattern.
has() {
    has_file=$1
    shift
    for has_pattern in "$@"; do grep -q -- "$has_pattern" "$has_file" || return 1; done
}

ALL="compare differences sweep calibrate aging rep_pay monthly collectibility"
TABLES="settings-table headline-table differences-table sweep-table calibration-table"

# check_images DIR NAMES...: every NAME.png is a PNG and every NAME.svg an
# SVG, both of real size; and nothing half-written is left behind.
check_images() {
    d=$1
    shift
    for c in "$@"; do
        png="$d/plots/$c.png" svg="$d/plots/$c.svg"
        if [ "$(head -c 8 "$png" 2>/dev/null | od -An -c | tr -d ' \n')" != '211PNG\r\n032\n' ]; then
            bad "$c.png is not a PNG" "$(ls -l "$d/plots" 2>&1)"
        elif [ "$(size "$png")" -lt 15000 ]; then
            bad "$c.png is only $(size "$png") bytes"
        elif ! grep -q '<svg' "$svg" 2>/dev/null || ! grep -q '</svg>' "$svg"; then
            bad "$c.svg is not a whole SVG"
        elif [ "$(size "$svg")" -lt 8000 ]; then
            bad "$c.svg is only $(size "$svg") bytes"
        else
            ok "$c.png ($(size "$png") bytes) and $c.svg ($(size "$svg") bytes)"
        fi
    done
    ls -a "$d/plots" | grep -q 'tmp' && bad "temporary files left in $d/plots" "$(ls -a "$d/plots")"
}

S="--set customers.count=1 --set reps.count=1 --set reps.nominal_book=1 --set sim.days=30 --set orders.rate_per_month=1"

# compare_presets DIR: baseline and buy_sell compared with three
# replications into DIR, with the sample compare.csv, sweep.csv,
# calibrate.csv and confirmation.csv of tests/data/charts/ beside them.
compare_presets() {
    "$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini -n 3 -o "$1" --quiet >/dev/null
    cp tests/data/charts/compare.csv tests/data/charts/sweep.csv tests/data/charts/calibrate.csv \
        tests/data/charts/confirmation.csv "$1/"
    # Files of several commands in one folder: no list of what one run wrote
    # can name them all, so the folder goes without one, as an earlier
    # version's does (plot and report refuse a file the list does not name).
    rm "$1/.huikuan-files"
}
