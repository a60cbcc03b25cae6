#!/bin/sh
# charts_failures_test.sh — end-to-end tests of `huikuan plot` and `huikuan
# report` when things go wrong: FIFOs for a chart's files, plot stopped by
# SIGINT, SIGTERM or SIGKILL (its gnuplot must die too), gnuplot missing or
# not runnable, a failing script, a chart cut short though gnuplot exits 0,
# folders with nothing to plot, inputs emptied, malformed or cut short,
# unusable plots/ and report.html paths, a scenario's settings file a FIFO,
# a link to a device or gone, and (as root, on a 1 MiB tmpfs) a
# full disk: clear messages, the CSV files untouched, no chart published
# in part.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_failures_test.sh
# Prints one line per check and "chart failures: N passed, M failed".
. tests/charts_lib.sh

# --- a comparison and its charts, for the failures to act on ----------------------
compare_presets "$T/cmp"
"$HK" plot "$T/cmp" --quiet 2>"$T/err" || echo "plot of $T/cmp failed: $(cat "$T/err")" >&2

# Plot and report adding to one folder's list of files at once: each
# takes the list's lock, so neither writes the list it read without the
# other's file (a report.html left off it had the folder refused by every
# command after). Here this shell holds the lock (fd 9, which the two do
# not inherit) for 5 s: both are still waiting then, and once it is let
# go they list their files one after the other.
"$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini -n 2 -o "$T/locked" --quiet >/dev/null
exec 9<"$T/locked/.huikuan-files"
flock -x 9
"$HK" plot "$T/locked" --quiet 9<&- 2>"$T/err" &
plotting=$!
"$HK" report "$T/locked" --quiet 9<&- 2>"$T/err2" &
reporting=$!
sleep 5
kill -0 $plotting 2>/dev/null && kill -0 $reporting 2>/dev/null &&
    ! grep -q '^report.html \|^plots/' "$T/locked/.huikuan-files"
waiting=$?
exec 9<&-
wait $plotting
pst=$?
wait $reporting
st=$?
[ $waiting -eq 0 ] && [ $st -eq 0 ] && [ $pst -eq 0 ] &&
    grep -q '^report.html ' "$T/locked/.huikuan-files" &&
    grep -q '^plots/compare.svg ' "$T/locked/.huikuan-files" &&
    "$HK" report "$T/locked" --quiet 2>>"$T/err" &&
    ok "plot and report at once wait for the list's lock, and both files are listed" ||
    bad "plot and report at once: still waiting after 5 s: $([ $waiting -eq 0 ] && echo yes || echo no); exit $pst and $st" \
        "$(cat "$T/err" "$T/err2"; cat "$T/locked/.huikuan-files")"

# A plot waiting for the list's lock can still be stopped: it waits
# before holding signals off to move its chart into place (it had waited
# with them held, and died only once the lock was let go).
rm -rf "$T/locked/plots"
exec 9<"$T/locked/.huikuan-files"
flock -x 9
"$HK" plot "$T/locked" --quiet 9<&- 2>"$T/err" &
plotting=$!
sleep 4
kill -TERM $plotting
sleep 1
kill -0 $plotting 2>/dev/null
alive=$?
exec 9<&-
wait $plotting
pst=$?
[ $alive -ne 0 ] && [ $pst -eq 143 ] && [ -z "$(ls -d "$T"/locked/plots/*tmp-* "$T"/locked/plots.tmp-* 2>/dev/null)" ] &&
    ok "plot waiting for the list's lock stops at SIGTERM (exit 143), leaving nothing behind" ||
    bad "plot waiting for the list's lock and stopped: still alive a second later: $([ $alive -eq 0 ] && echo yes || echo no); exit $pst" \
        "$(cat "$T/err"; ls -a "$T/locked" "$T/locked/plots" 2>&1)"

# A FIFO where a chart's SVG or PNG should be: report neither waits on it
# (reading it had blocked for ever) nor shows it; the chart is drawn anew.
cp -r "$T/cmp" "$T/fifo"
rm -f "$T/fifo/plots/compare.svg" "$T/fifo/plots/compare.png"
mkfifo "$T/fifo/plots/compare.svg" "$T/fifo/plots/compare.png"
timeout 60 "$HK" report "$T/fifo" --quiet 2>"$T/err"
st=$?
[ $st -eq 0 ] && [ -f "$T/fifo/plots/compare.svg" ] && [ ! -p "$T/fifo/plots/compare.svg" ] &&
    grep -q 'id="c-compare-gnuplot_canvas"' "$T/fifo/report.html" &&
    ok "report with FIFOs for a chart's files: finishes, draws the chart anew" ||
    bad "report with FIFOs for compare.svg and .png: exit $st" "$(cat "$T/err")"

# Stopped by Ctrl-C while gnuplot draws, plot leaves no staging folder in
# plots/ (it had left one every time). If it finishes first, nothing is
# left either; at least one of the runs must have been stopped, or the
# check says nothing.
stopped=0
for wait in 0.2 0.4 0.8; do
    rm -rf "$T/int" && cp -r "$T/cmp" "$T/int" && rm -rf "$T/int/plots"
    timeout -s INT "$wait" "$HK" plot "$T/int" --quiet 2>/dev/null
    rc=$?
    [ $rc -eq 124 ] && stopped=$((stopped + 1))
    left=$(ls -a "$T/int/plots" 2>/dev/null | grep '\.tmp-')
    [ -z "$left" ] && { [ $rc -eq 0 ] || [ $rc -eq 124 ]; } &&
        ok "plot stopped by SIGINT after ${wait}s (exit $rc) leaves no staging folder" ||
        bad "plot stopped by SIGINT after ${wait}s (exit $rc)" "$left"
done
[ $stopped -gt 0 ] && ok "plot was stopped mid-drawing in $stopped of 3 runs" ||
    bad "plot finished before every SIGINT: the staging check above tested nothing"

# --- plot stopped by a signal to it alone stops gnuplot too -------------------------
# (kill PID, a scheduler's time limit): gnuplot is not left drawing for
# nobody. A stand-in gnuplot that takes 30 s makes the moment certain.
mkdir -p "$T/slowbin" && printf '#!/bin/sh\nexec sleep 30\n' >"$T/slowbin/gnuplot" &&
    chmod +x "$T/slowbin/gnuplot"

# plot_stopped SIGNAL EXIT WHAT: plot is sent SIGNAL while its gnuplot
# runs; it must exit with EXIT and its gnuplot must be gone.
plot_stopped() {
    cp -r "$T/cmp" "$T/stopped-$1" && rm -rf "$T/stopped-$1/plots"
    env PATH="$T/slowbin:$PATH" "$HK" plot "$T/stopped-$1" --quiet 2>/dev/null &
    pid=$!
    child=""
    for i in $(seq 1 100); do
        child=$(pgrep -P $pid 2>/dev/null | head -1)
        [ -n "$child" ] && break
        sleep 0.05
    done
    kill -"$1" $pid
    wait $pid
    rc=$?
    state=running
    for i in $(seq 1 20); do # killed at once; an orphan lingers as a zombie
        state=$(ps -o stat= -p "$child" 2>/dev/null | tr -d ' ')
        case $state in "" | Z*) break ;; esac
        sleep 0.05
    done
    if [ $rc -eq "$2" ] && [ -n "$child" ] && case $state in "" | Z*) true ;; *) false ;; esac; then
        ok "$3"
    else
        bad "plot sent SIG$1: exit $rc, gnuplot '$child' still '$state'"
        [ -n "$child" ] && kill -KILL "$child" 2>/dev/null
    fi
}
plot_stopped TERM 143 "plot stopped by SIGTERM (exit 143) stops its gnuplot too"
# Killed outright, plot cannot stop gnuplot itself: gnuplot dies with it.
plot_stopped KILL 137 "plot killed outright (SIGKILL) takes its gnuplot with it"

# A gnuplot that cannot be run: named, exit 1, and no empty plots/ left
# behind where there was none.
mkdir -p "$T/badbin" && printf '\177ELF, but cut short' >"$T/badbin/gnuplot" &&
    chmod +x "$T/badbin/gnuplot"
cp -r "$T/cmp" "$T/noexec" && rm -rf "$T/noexec/plots"
env PATH="$T/badbin:$PATH" "$HK" plot "$T/noexec" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q "cannot run $T/badbin/gnuplot: Exec format error" "$T/err" &&
    [ ! -e "$T/noexec/plots" ] &&
    ok "a gnuplot that cannot be run is named (exit 1), and no empty plots/ is left" ||
    bad "a gnuplot that cannot be run: exit $rc" "$(cat "$T/err"; ls -a "$T/noexec")"

# --- failures: clear messages, CSVs untouched --------------------------------------------
before=$(sums "$T/cmp")
png_before=$(cksum <"$T/cmp/plots/aging.png")
env PATH=/nonexistent "$HK" plot "$T/cmp" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'gnuplot not found' "$T/err" &&
    ok "gnuplot missing: exit 1, one line: $(cat "$T/err")" || bad "gnuplot missing: exit $rc" "$(cat "$T/err")"
mkdir "$T/nogp" && cp "$T/cmp/summary.csv" "$T/cmp/run"*.ini "$T/nogp/"
env PATH=/nonexistent "$HK" report "$T/nogp" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'Chart not available: gnuplot not found' "$T/nogp/report.html" &&
    [ "$(grep -c 'gnuplot not found' "$T/err")" -eq 1 ] &&
    grep -q '<table id="headline-table">' "$T/nogp/report.html" &&
    ok "report without gnuplot: tables written, charts noted as missing, said once, exit 1" ||
    bad "report without gnuplot: exit $rc" "$(cat "$T/err")"

cp -r plots "$T/broken-plots"
printf 'load "%s/common.gp"\nplot no_such_function(x)\n' "$T/broken-plots" >"$T/broken-plots/aging.gp"
HUIKUAN_PLOTS="$T/broken-plots" "$HK" plot "$T/cmp" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'aging.gp failed (gnuplot exit status 1)' "$T/err" &&
    [ "$png_before" = "$(cksum <"$T/cmp/plots/aging.png")" ] && [ -s "$T/cmp/plots/rep_pay.png" ] &&
    ok "a failing script is named, the others drawn, its old chart kept: $(head -1 "$T/err")" ||
    bad "failing script: exit $rc" "$(cat "$T/err")"
ls -a "$T/cmp/plots" | grep -q 'tmp' && bad "a failing script left temporary files"

# gnuplot exits 0 when a full disk cuts its file short: such a chart is
# named and not published, and both its earlier files are kept.
for cut in png svg; do
    rm -rf "$T/cut-plots" && cp -r plots "$T/cut-plots"
    printf 'system(sprintf("truncate -s 3000 %%s/aging.%s", out))\n' $cut >>"$T/cut-plots/aging.gp"
    charts_before=$(cd "$T/cmp/plots" && cksum aging.* rep_pay.*)
    HUIKUAN_PLOTS="$T/cut-plots" "$HK" plot "$T/cmp" >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 2 ] &&
        grep -q "plots/aging.$cut: not published: gnuplot's new file is incomplete" "$T/err" &&
        [ "$charts_before" = "$(cd "$T/cmp/plots" && cksum aging.* rep_pay.*)" ] &&
        ! ls -a "$T/cmp/plots" | grep -q 'tmp' &&
        ok "aging.$cut cut short: not published, the earlier chart kept: $(head -1 "$T/err")" ||
        bad "aging.$cut cut short: exit $rc" "$(cat "$T/err"; ls -la "$T/cmp/plots")"
done
[ "$before" = "$(sums "$T/cmp")" ] && ok "failures leave the CSV and INI files untouched" ||
    bad "a failure changed the CSV or INI files"

"$HK" plot '' >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(cat "$T/err")" = "huikuan: plot: expects a results folder, not an empty name, as in 'huikuan plot results/presets'" ] &&
    ok "huikuan plot '': exit 2, the empty name said" || bad "huikuan plot '': exit $rc" "$(cat "$T/err")"
for args in "plot" "plot $T/nothing-here" "report $T/cmp/summary.csv" "plot $T/cmp --fast"; do
    "$HK" $args >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && ok "huikuan $args: exit 2: $(cat "$T/err")" ||
        bad "huikuan $args: exit $rc" "$(cat "$T/err")"
done
mkdir "$T/empty"
"$HK" plot "$T/empty" 2>"$T/err"
[ $? -eq 2 ] && grep -q 'nothing to plot' "$T/err" && [ ! -e "$T/empty/plots" ] &&
    ok "a folder without results: exit 2, nothing written" || bad "empty folder" "$(cat "$T/err")"
"$HK" report "$T/empty" 2>"$T/err"
[ $? -eq 2 ] && grep -q 'nothing to report' "$T/err" && [ -z "$(ls -A "$T/empty")" ] &&
    ok "report of a folder without results: exit 2, nothing written" ||
    bad "report of an empty folder" "$(cat "$T/err"; ls -A "$T/empty")"

# An input emptied or replaced by a folder is a damaged folder: refused,
# where plot had left its chart out (and its stale images in place).
cp -r "$T/cmp" "$T/emptied" && : >"$T/emptied/summary.csv"
cp "$T/emptied/plots/compare.svg" "$T/compare-before.svg"
"$HK" plot "$T/emptied" 2>"$T/err"
rc=$?
cp -r "$T/cmp" "$T/foldered" && rm "$T/foldered/sweep.csv" && mkdir "$T/foldered/sweep.csv"
"$HK" plot "$T/foldered" 2>>"$T/err"
rc2=$?
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 2 ] &&
    grep -q 'emptied/summary.csv: empty, not even a header' "$T/err" &&
    grep -q 'foldered/sweep.csv: not a plain file' "$T/err" &&
    cmp -s "$T/compare-before.svg" "$T/emptied/plots/compare.svg" &&
    ok "plot of an emptied summary.csv or a folder for sweep.csv: exit 2, one line each, images untouched" ||
    bad "plot of an emptied input (exit $rc, $rc2)" "$(cat "$T/err")"

# A malformed file is refused before any chart is drawn.
mkdir "$T/torn" && cp "$T/cmp/summary.csv" "$T/cmp/run"*.ini "$T/torn/" && printf '"x\n' >>"$T/torn/summary.csv"
"$HK" report "$T/torn" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'summary.csv:[0-9]*: malformed CSV' "$T/err" &&
    [ ! -e "$T/torn/plots" ] && [ ! -e "$T/torn/report.html" ] &&
    ok "report of a malformed summary.csv: exit 2, one line, no chart or page written" ||
    bad "report of a malformed file: exit $rc" "$(cat "$T/err"; ls -A "$T/torn")"

# Files edited by hand or cut short are refused whole, naming file, line
# and column or key: nothing drawn, an existing report.html untouched.
# "nan" is what huikuan writes for a metric without a value: accepted.
malformed() {
    name=$1 want=$2 edit=$3
    d="$T/bad-$name"
    mkdir "$d" && cp "$T/cmp/summary.csv" "$T/cmp/compare.csv" "$T/cmp/run"*.ini "$d/" &&
        echo 'earlier page' >"$d/report.html" && (cd "$d" && eval "$edit")
    "$HK" report "$d" >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF -- "$want" "$T/err" &&
        [ "$(cat "$d/report.html")" = 'earlier page' ] && [ ! -e "$d/plots" ] &&
        ok "report refuses $name: $(cat "$T/err")" ||
        bad "report of $name: exit $rc" "$(cat "$T/err"; ls -A "$d")"
}
malformed "a mean with junk after the number" "summary.csv:2: column 'mean' = '12junk'" \
    "sed -i '2s/^\([^,]*,[^,]*\),[^,]*,/\1,12junk,/' summary.csv"
malformed "a short row" "summary.csv:2: 6 fields, the header has 7" "sed -i '2s/,[^,]*\$//' summary.csv"
malformed "a negative n" "summary.csv:2: column 'n' = '-5'" "sed -i '2s/,[^,]*\$/,-5/' summary.csv"
malformed "a row twice" "again (first on line 2)" "sed -n 2p summary.csv >>summary.csv"
malformed "a mean that is text" "summary.csv:3: column 'mean' = 'abc'" \
    "sed -i '3s/^\([^,]*,[^,]*\),[^,]*,/\1,abc,/' summary.csv"
malformed "a difference that is text" "compare.csv:" "echo 'buy_sell,sales,zz,,' >>compare.csv"
malformed "compare.csv without n in its header" "compare.csv:2: 6 fields, the header has 5" \
    "sed -i '1s/,n\$//' compare.csv"
malformed "settings that do not load" "run-baseline.ini:" \
    "sed -i 's/^days = .*/days = banana/' run-baseline.ini"
malformed "a run.ini that is not huikuan's" "run.ini:1: not the run.ini huikuan wrote" \
    "printf 'garbage\\n' >run.ini"
# Without run.ini the page is written, and says its numbers cannot be traced.
mkdir "$T/untraced" && cp "$T/cmp/summary.csv" "$T/cmp/compare.csv" "$T/untraced/"
"$HK" report "$T/untraced" --quiet 2>"$T/err" && grep -q 'has no run.ini' "$T/err" &&
    grep -q 'This folder has no run.ini' "$T/untraced/report.html" &&
    ! grep -q 'reproduce every number' "$T/untraced/report.html" &&
    ok "report of a folder without run.ini: written, saying its numbers cannot be traced" ||
    bad "report without run.ini" "$(cat "$T/err")"
# The files charts are drawn from are read first too, by report and plot:
# one cut short (huikuan ends every line) or out of shape draws nothing.
for cmd in report plot; do
    for f in monthly.csv reps.csv; do
        d="$T/cut-$cmd-$f"
        cp -r "$T/cmp" "$d" && rm -rf "$d/plots" "$d/report.html" &&
            head -c 700 "$T/cmp/$f" >"$d/$f"
        "$HK" $cmd "$d" --quiet 2>"$T/err"
        rc=$?
        [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "$f:[0-9]*: cut short" "$T/err" &&
            [ ! -e "$d/plots" ] && [ ! -e "$d/report.html" ] &&
            ok "$cmd of a $f cut short: exit 2, one line, nothing drawn" ||
            bad "$cmd of a $f cut short: exit $rc" "$(cat "$T/err"; ls "$d")"
    done
done
d="$T/cut-shape" && cp -r "$T/cmp" "$d" && rm -rf "$d/plots" "$d/report.html" && printf 'garbage\n1,2\n' >"$d/monthly.csv"
"$HK" report "$d" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "monthly.csv:2: 2 fields, the header has 1" "$T/err" && [ ! -e "$d/plots" ] &&
    ok "report of a monthly.csv out of shape: exit 2, nothing drawn" || bad "report of a monthly.csv out of shape: exit $rc" "$(cat "$T/err")"
# Text where a number goes in any file a chart is drawn from, not only
# in summary.csv's numbers: the chart had left the cell out (a stack of
# aging short of its total) and plot exited 0. Empty cells huikuan writes
# (a rep still employed has no left_day) are accepted.
for edit in "aging.csv:3:amount:s/^\([^,]*,[^,]*,[^,]*,[^,]*,\)[^,]*,/\1oops,/" \
    "collectibility.csv:2:collectible_share:s/^\([^,]*,[^,]*,\)[^,]*,/\1oops,/" \
    "reps.csv:2:sales:s/^\(\([^,]*,\)\{7\}\)[^,]*,/\1oops,/"; do
    f=${edit%%:*} rest=${edit#*:}
    line=${rest%%:*} rest=${rest#*:}
    column=${rest%%:*} script=${rest#*:}
    d="$T/text-$f" && cp -r "$T/cmp" "$d" && rm -rf "$d/plots" "$d/report.html" &&
        sed -i "${line}${script}" "$d/$f"
    "$HK" plot "$d" --quiet 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$T/err")" = "huikuan: $d/$f:$line: column '$column' = 'oops': not a number" ] &&
        [ ! -e "$d/plots" ] &&
        ok "plot of text in $f's $column: exit 2, one line, nothing drawn" ||
        bad "plot of text in $f's $column: exit $rc" "$(cat "$T/err"; sed -n "${line}p" "$d/$f")"
done
mkdir "$T/nan" && cp "$T/cmp/summary.csv" "$T/cmp/run"*.ini "$T/nan/" &&
    sed -i '3s/^\([^,]*,[^,]*\),[^,]*,/\1,nan,/' "$T/nan/summary.csv"
"$HK" report "$T/nan" --quiet 2>"$T/err" && [ -s "$T/nan/report.html" ] &&
    ok "report accepts nan, as huikuan writes a metric without a value" ||
    bad "report of a nan mean" "$(cat "$T/err")"

# An unusable plots folder is one message, exit 2; a path with a line
# break is shown escaped, on one line.
mkdir "$T/blocked" && cp "$T/cmp/summary.csv" "$T/blocked/" && touch "$T/blocked/plots"
"$HK" plot "$T/blocked" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'blocked/plots: exists and is not a folder' "$T/err" &&
    ok "plots is a file: exit 2, one line" || bad "plots is a file: exit $rc" "$(cat "$T/err")"
# plots/ as a link to a folder elsewhere: refused, nothing there replaced.
mkdir "$T/elsewhere" "$T/linked" && echo mine >"$T/elsewhere/summary.png" &&
    cp "$T/cmp/summary.csv" "$T/linked/" && ln -s ../elsewhere "$T/linked/plots"
"$HK" plot "$T/linked" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'linked/plots: is a symbolic link' "$T/err" &&
    [ "$(cat "$T/elsewhere/summary.png")" = mine ] && [ "$(ls "$T/elsewhere")" = summary.png ] &&
    ok "plots is a symbolic link: exit 2, what it points to untouched" ||
    bad "plots is a symbolic link: exit $rc" "$(cat "$T/err"; ls "$T/elsewhere")"
# report refuses the same plots/ as plot, before it writes a page.
cp -r "$T/cmp" "$T/linked-report" && rm -rf "$T/linked-report/plots" "$T/linked-report/report.html" &&
    ln -s ../elsewhere "$T/linked-report/plots"
"$HK" report "$T/linked-report" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'linked-report/plots: is a symbolic link' "$T/err" &&
    [ ! -e "$T/linked-report/report.html" ] && [ "$(ls "$T/elsewhere")" = summary.png ] &&
    ok "report with plots a symbolic link: exit 2, one line, no page written" ||
    bad "report with plots a symbolic link: exit $rc" "$(cat "$T/err"; ls "$T/linked-report")"

# A scenario's run-NAME.ini that is no plain file (a FIFO, a link to a
# device) is refused at once: gnuplot's awk would wait on it for ever.
# (A comparison of its own: $T/cmp has no list of what huikuan wrote.)
"$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini -n 2 -o "$T/listed" --quiet >/dev/null
name=baseline
for kind in fifo device; do
    d="$T/settings-$kind" && cp -r "$T/listed" "$d" && rm "$d/run-$name.ini"
    if [ $kind = fifo ]; then mkfifo "$d/run-$name.ini"; else ln -s /dev/zero "$d/run-$name.ini"; fi
    for cmd in plot report; do
        timeout 20 "$HK" $cmd "$d" >"$T/out" 2>"$T/err"
        rc=$?
        [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
            grep -q "settings-$kind/run-$name.ini: not a plain file" "$T/err" &&
            [ ! -e "$d/plots" ] && [ ! -e "$d/report.html" ] &&
            ok "$cmd with run-$name.ini a $kind: exit 2 at once, one line, nothing drawn" ||
            bad "$cmd with run-$name.ini a $kind: exit $rc" "$(cat "$T/err")"
    done
done
# Gone: the page cannot say what settings made the numbers (refused, as
# an edited file is); the charts are drawn, and what is gone said.
d="$T/settings-gone" && cp -r "$T/listed" "$d" && rm "$d/run-$name.ini"
"$HK" report "$d" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "settings-gone/run-$name.ini: gone, though huikuan wrote it, so the page cannot say what settings made $name's numbers" "$T/err" &&
    [ ! -e "$d/report.html" ] &&
    ok "report with run-$name.ini gone: exit 2, named, no page" || bad "report with run-$name.ini gone: exit $rc" "$(cat "$T/err")"
rm "$d/reps.csv"
"$HK" plot "$d" --quiet >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -qx "huikuan: note: $d/reps.csv and 1 other file huikuan wrote are gone: what they held is not shown" "$T/err" &&
    [ -s "$d/plots/compare.png" ] && [ ! -e "$d/plots/rep_pay.png" ] &&
    ok "plot with files huikuan wrote gone: the rest drawn, what is gone said" ||
    bad "plot with files gone: exit $rc" "$(cat "$T/err")"

# A file laid out otherwise than huikuan writes it, in a folder without a
# list of what huikuan wrote (an earlier version's, or one put together
# by hand): the scripts read columns by place and split at commas, so
# each would be charted as numbers no run gave. Refused by both commands.
for change in reordered renamed quoted quoted-row; do
    d="$T/laid-$change" && mkdir "$d" && cp "$T/listed/summary.csv" "$T/listed/run"*.ini "$d/"
    case $change in
    reordered) awk -F, -v OFS=, '{ t = $3; $3 = $4; $4 = t; print }' "$T/listed/summary.csv" ;;
    renamed) sed '1s/ci95_low/lo/' "$T/listed/summary.csv" ;;
    quoted) sed 's/[^,]*/"&"/g' "$T/listed/summary.csv" ;;
    quoted-row) sed '3s/^[^,]*/"&"/' "$T/listed/summary.csv" ;;
    esac >"$d/summary.csv"
    for cmd in plot report; do
        "$HK" $cmd "$d" >"$T/out" 2>"$T/err"
        rc=$?
        case $change in
        quoted) want="laid-quoted/summary.csv:1: a quoted field, which huikuan never writes there" ;;
        quoted-row) want="laid-quoted-row/summary.csv:3: a quoted field, which huikuan never writes there" ;;
        *) want="laid-$change/summary.csv:1: its header does not begin 'scenario,metric,mean,sd,ci95_low,ci95_high,n'" ;;
        esac
        [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF "$want" "$T/err" &&
            [ ! -e "$d/plots" ] && [ ! -e "$d/report.html" ] &&
            ok "$cmd of a summary.csv $change: exit 2, one line, nothing drawn" ||
            bad "$cmd of a summary.csv $change: exit $rc" "$(cat "$T/err")"
    done
done

# Where the page cannot go is found before any chart is drawn.
mkdir "$T/pagedir" && cp "$T/cmp/summary.csv" "$T/cmp/run"*.ini "$T/pagedir/" &&
    mkdir "$T/pagedir/report.html" && echo mine >"$T/pagedir/report.html/keep"
"$HK" report "$T/pagedir" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'pagedir/report.html: exists and is not a file' "$T/err" && [ ! -e "$T/pagedir/plots" ] &&
    [ "$(cat "$T/pagedir/report.html/keep")" = mine ] &&
    ok "report.html a folder: exit 2, no chart drawn, the folder untouched" ||
    bad "report.html a folder: exit $rc" "$(cat "$T/err"; ls "$T/pagedir")"
nl="$T/two
lines"
mkdir "$nl" && cp "$T/cmp/summary.csv" "$nl/"
"$HK" plot "$nl" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'two\\x0alines: a folder name with a line break' "$T/err" &&
    ok "a folder name with a line break: exit 2, one escaped line" ||
    bad "a folder name with a line break: exit $rc" "$(cat "$T/err")"

# --- a full disk ------------------------------------------------------------------------
# On a 1 MiB tmpfs filled to 120 KiB free, gnuplot's files are cut short
# mid-element: no chart is published in part, the full disk is named; and
# with no room at all, every earlier chart is kept as it was.
F="$T/full"
if [ "$(id -u)" -ne 0 ] || ! mkdir "$F" || ! mount -t tmpfs -o size=1m tmpfs "$F" 2>/dev/null; then
    echo "[  SKIPPED ] plot on a full disk: needs root, to mount a small tmpfs"
else
    "$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini -n 3 -o "$F/c" --quiet >/dev/null
    fill() { dd if=/dev/zero of="$F/filler$1" bs=1k count=$(($(df -k --output=avail "$F" | tail -1) - $1)) status=none 2>/dev/null; }
    fill 120
    "$HK" plot "$F/c" >"$T/out" 2>"$T/err"
    rc=$?
    torn=""
    for f in "$F/c/plots"/*; do
        whole "$f" || torn="$torn $(basename "$f")"
        case $f in *.png) [ -e "${f%.png}.svg" ] || torn="$torn $(basename "$f") alone" ;; esac
        case $f in *.svg) [ -e "${f%.svg}.png" ] || torn="$torn $(basename "$f") alone" ;; esac
    done
    [ $rc -eq 1 ] && [ -z "$torn" ] && ! ls -a "$F/c/plots" | grep -q 'tmp' &&
        grep -q 'incomplete (.*): No space left on device' "$T/err" &&
        ok "plot on a full disk: exit 1, only whole charts published: $(head -1 "$T/err")" ||
        bad "plot on a full disk: exit $rc, cut short or alone:$torn" "$(cat "$T/err")"
    rm -f "$F"/filler*
    "$HK" plot "$F/c" --quiet 2>"$T/err" || bad "plot after the disk was freed" "$(cat "$T/err")"
    charts_before=$(cd "$F/c/plots" && cksum *)
    fill 0
    "$HK" plot "$F/c" >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$charts_before" = "$(cd "$F/c/plots" && cksum *)" ] &&
        [ "$(grep -c 'No space left on device' "$T/err")" -eq 6 ] &&
        ! ls -a "$F/c/plots" | grep -q 'tmp' &&
        ok "plot on a disk with no room: exit 1, every earlier chart kept" ||
        bad "plot on a disk with no room: exit $rc" "$(cat "$T/err"; ls -la "$F/c/plots")"
    umount "$F"
fi

echo "chart failures: $pass passed, $fail failed"
[ $fail -eq 0 ]
