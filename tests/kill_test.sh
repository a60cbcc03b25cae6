#!/bin/sh
# kill_test.sh — a results folder is whole whenever a run is killed.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/kill_test.sh
#
# Two reference result sets, OLD and NEW, are made by complete runs that
# differ only in the seed. Then, KILLS times (default 30), a run writing
# the other set into the same folder is killed with SIGKILL after a
# random delay between 0 and 1.5 times the length of a full run: before
# it has staged anything, while it writes its CSVs, around the swap,
# while it removes the swapped-out results, or after it has finished.
# Each time every file in the folder must match, by checksum, one whole
# set: the previous one or the new one, never a mix, never a missing or
# extra file. Killed runs leave staging folders (DIR.tmp-HOST-PID-*);
# the next run into DIR removes them, and leaves alone those of a live
# process or of another host. A run that fails while writing (a file size
# limit) leaves the results whole too. Prints "kill: N passed, M failed".
set -u
HK=${HUIKUAN:-build/huikuan}
KILLS=${KILLS:-30}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check.sh

# A run of a few hundred milliseconds that writes several MB, most of it
# reps.csv, so that a random kill often lands mid-write.
# (Started directly, not through a function: a backgrounded function is a
# subshell, and SIGKILL would hit the subshell, not huikuan.)
RUN="run scenarios/baseline.ini -n 100 --set sim.days=60 --set sim.warmup_days=0
     --set reps.count=500 --set customers.count=500 -j 2 --quiet"
run_seed() { "$HK" $RUN --seed "$1" -o "$2" >/dev/null; }

# Checksums of every file (hidden ones too), by name.
sums() { (cd "$1" && find . -type f -exec cksum {} + | LC_ALL=C sort -k3); }

random_below() { # an integer in [0, $1)
    n=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    echo $((n % $1))
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

run_seed 1 "$T/old" || bad "reference run (seed 1) failed"
t0=$(now_ms)
run_seed 2 "$T/new" || bad "reference run (seed 2) failed"
full=$(($(now_ms) - t0))
[ $full -ge 1 ] || full=1
sums "$T/old" >"$T/sum.old"
sums "$T/new" >"$T/sum.new"
set_sum() { cat "$T/sum.$1"; }
files=$(wc -l <"$T/sum.old")
if cmp -s "$T/sum.old" "$T/sum.new" || [ "$files" -lt 7 ]; then
    bad "reference sets are not distinct complete sets ($files files)"
fi
echo "             a full run takes ${full} ms and writes $(du -sk "$T/new" | cut -f1) KB in $files files"

D="$T/results"
cp -a "$T/old" "$D"
have=old   # which set D holds
seed_of() { [ "$1" = old ] && echo 1 || echo 2; }
other() { [ "$1" = old ] && echo new || echo old; }
early=0 midway=0 swapped=0 done=0 mixed=0
i=0
while [ $i -lt "$KILLS" ]; do
    i=$((i + 1))
    want=$(other $have)
    delay=$(random_below $((full * 15 / 10 + 1)))
    "$HK" $RUN --seed "$(seed_of "$want")" -o "$D" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    got=$(sums "$D" 2>/dev/null)
    staging=$(ls -d "$D".tmp-* 2>/dev/null)
    if [ "$got" = "$(set_sum $have)" ]; then
        [ -n "$staging" ] && midway=$((midway + 1)) || early=$((early + 1))
    elif [ "$got" = "$(set_sum $want)" ]; then
        [ -n "$staging" ] && swapped=$((swapped + 1)) || done=$((done + 1))
        have=$want
    else
        mixed=$((mixed + 1))
        bad "kill $i after $delay ms left a folder that is neither set" \
            "$(echo "$got" | diff "$T/sum.$have" - | head -12)"
        break
    fi
done
if [ $mixed -eq 0 ]; then
    ok "$KILLS SIGKILLs at 0-$((full * 15 / 10)) ms, never a mix: previous set $((early + midway)) times ($early before staging, $midway mid-run), new set $((swapped + done)) times ($swapped before the old set was removed, $done after)"
fi

# The next complete run removes what killed runs left, and succeeds.
run_seed "$(seed_of "$(other $have)")" "$D"
rc=$?
left=$(ls -d "$D".tmp-* 2>/dev/null | wc -l)
if [ $rc -eq 0 ] && [ "$left" -eq 0 ] && [ "$(sums "$D")" = "$(set_sum "$(other $have)")" ]; then
    ok "a complete run after the kills writes its set whole and removes every abandoned staging folder"
else
    bad "run after the kills: exit $rc, $left staging folders left"
fi

# A run that fails while writing (here: files may not grow past 20 KB,
# reps.csv needs MBs) exits 1 with one line, and the results stay whole.
# huikuan ignores the SIGXFSZ the limit sends (it had died of it with a
# CSV cut mid-line in its staging folder), so the shell does not.
before=$(sums "$D")
(ulimit -f 40; exec "$HK" $RUN --seed 3 -o "$D" >/dev/null) 2>"$T/stderr"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] && grep -q 'write failed' "$T/stderr" &&
   [ "$(sums "$D")" = "$before" ] && [ -z "$(ls -d "$D".tmp-* 2>/dev/null)" ]; then
    ok "a run failing mid-write exits 1 and leaves the previous results whole: $(cat "$T/stderr")"
else
    bad "run failing mid-write: exit $rc" "$(cat "$T/stderr"; ls -d "$D".tmp-* 2>/dev/null)"
fi

# Only abandoned staging folders go: same host, owner PID gone.
host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9.\n-' '_')
sh -c 'exit 0' &
dead=$!
wait $dead
mkdir -p "$D.tmp-$host-$dead-aaaaaa/x" "$D.tmp-$host-$$-bbbbbb" "$D.tmp-other.host-$dead-cccccc" \
    "$D.tmp-notes"
run_seed 1 "$D"
if [ ! -e "$D.tmp-$host-$dead-aaaaaa" ] && [ -d "$D.tmp-$host-$$-bbbbbb" ] &&
   [ -d "$D.tmp-other.host-$dead-cccccc" ] && [ -d "$D.tmp-notes" ]; then
    ok "a run removes staging folders of dead runs on this host only (live PID, other host and foreign names kept)"
else
    bad "staging sweep" "$(ls -d "$D".tmp-* 2>&1)"
fi

# Where folders cannot be exchanged in one step, earlier results go aside
# (DIR.old-HOST-PID-*) for a moment; a run killed then left no DIR. The
# next run puts them back first, so a run that then fails (a file size
# limit) leaves DIR with the earlier set, whole.
E="$T/aside"
cp -r "$T/old" "$E.old-$host-$dead-dddddd"
(trap '' XFSZ; ulimit -f 40; exec "$HK" $RUN --seed 3 -o "$E" >/dev/null) 2>"$T/stderr"
rc=$?
if [ $rc -eq 1 ] && [ "$(sums "$E")" = "$(set_sum old)" ] && [ -z "$(ls -d "$E".old-* 2>/dev/null)" ]; then
    ok "earlier results a killed run left aside are put back in DIR's place"
else
    bad "results left aside (exit $rc)" "$(cat "$T/stderr"; ls -d "$E"* 2>&1)"
fi
# Left aside beside a DIR that holds the new set: the earlier set goes.
cp -r "$T/old" "$E.old-$host-$dead-eeeeee"
run_seed 1 "$E"
if [ -z "$(ls -d "$E".old-* 2>/dev/null)" ] && [ "$(sums "$E")" = "$(set_sum old)" ]; then
    ok "earlier results left aside beside a whole DIR are removed"
else
    bad "results left aside beside DIR" "$(ls -d "$E"* 2>&1)"
fi

# Stops at chosen system calls (strace delivers the signal as the call
# is made): Background jobs of a script ignore SIGINT, and env
# --default-signal restores it.
if strace -qq -o /dev/null true 2>/dev/null && env --default-signal=INT true 2>/dev/null; then
    SWEEP="sweep scenarios/baseline.ini --param customers.count --values 10:300:150 -n 2
           --set sim.days=30 --set sim.warmup_days=0 --quiet"
    # Ctrl-C while a sweep of 150 values writes its staging folder, after
    # the 100th file opened: more files than any fixed list of names held
    # (64 had been kept, and the folder was left behind).
    S="$T/sweep"
    # shellcheck disable=SC2086
    env --default-signal=INT strace -qq -f -o /dev/null -e trace=openat -e inject=openat:signal=INT:when=100 \
        "$HK" $SWEEP -o "$S" >/dev/null 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 130 ] && [ -z "$(ls -d "$S"* 2>/dev/null)" ]; then
        ok "Ctrl-C while a 150-value sweep writes: its staging folder is removed, whatever it holds"
    else
        bad "Ctrl-C mid-write of a large sweep (exit $rc)" "$(cat "$T/stderr"; ls -d "$S"* 2>&1)"
    fi
    # Ctrl-C as the new results take the folder's place: the command has
    # done its work, and the stop does not undo it or call it a failure;
    # the previous results are removed whole, not left half-deleted.
    run_seed 1 "$S"
    # shellcheck disable=SC2086
    env --default-signal=INT strace -qq -f -o "$T/strace" -e trace=renameat2,rename \
        -e inject=renameat2:signal=INT -e inject=rename:signal=INT \
        "$HK" $RUN --seed 2 -o "$S" >/dev/null 2>"$T/stderr"
    rc=$?
    # The swap's rename in strace's log: the signal was sent at it (a
    # signal held to the end is never delivered, so the log shows none).
    if [ $rc -eq 0 ] && grep -qE '^[0-9]+ +rename(at2)?\(' "$T/strace" && [ "$(sums "$S")" = "$(set_sum new)" ] &&
        [ -z "$(ls -d "$S".* 2>/dev/null)" ]; then
        ok "Ctrl-C during the swap: exit 0, the new set in place, the previous one removed whole"
    else
        bad "Ctrl-C during the swap (exit $rc)" "$(cat "$T/stderr"; ls -d "$S"* 2>&1)"
    fi
    # The same with SIGTERM sent to the process, as kill does, which any
    # of its threads may take (OpenMP's workers too, whose signals no
    # mask of the main thread holds): the swap is held two seconds in the
    # kernel's entry, and the signal sent then.
    run_seed 1 "$S"
    # shellcheck disable=SC2086
    strace -qq -f -o /dev/null -e trace=renameat2,rename -e inject=renameat2:delay_enter=2000000 \
        -e inject=rename:delay_enter=2000000 "$HK" $RUN --seed 2 -o "$S" >/dev/null 2>"$T/stderr" &
    tracer=$!
    while kill -0 $tracer 2>/dev/null && ! ls "$S".tmp-*/.huikuan-files >/dev/null 2>&1; do sleep 0.05; done
    sleep 0.5
    pid=$(pgrep -P $tracer | head -1)
    [ -n "$pid" ] && kill -TERM "$pid"
    wait $tracer
    rc=$?
    if [ -n "$pid" ] && [ $rc -eq 0 ] && [ "$(sums "$S")" = "$(set_sum new)" ] &&
        [ -z "$(ls -d "$S".* 2>/dev/null)" ]; then
        ok "kill -TERM during the swap, to the whole process: exit 0, the new set whole, the previous one gone"
    else
        bad "kill -TERM during the swap (exit $rc, pid '$pid')" "$(cat "$T/stderr"; ls -d "$S"* 2>&1)"
    fi
    # Ctrl-C as run makes its staging folder: held off until the folder
    # is guarded, then the folder removed (it had been left for the next
    # run into DIR to sweep).
    SMALL="run scenarios/baseline.ini -n 2 --set sim.days=30 --set sim.warmup_days=0
           --set customers.count=20 --quiet"
    P="$T/small"
    # shellcheck disable=SC2086
    env --default-signal=INT strace -qq -f -o /dev/null -e trace=mkdir -e inject=mkdir:signal=INT:when=1 \
        "$HK" $SMALL -o "$P" >/dev/null 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 130 ] && [ -z "$(ls -d "$P"* 2>/dev/null)" ]; then
        ok "Ctrl-C as run makes its staging folder: exit 130, nothing left"
    else
        bad "Ctrl-C as run makes its staging folder (exit $rc)" "$(cat "$T/stderr"; ls -d "$P"* 2>&1)"
    fi
    # plot, stopped as it tries that plots/ can be written in (the second
    # folder it makes), as it makes a chart's staging folder (the third),
    # and as the first chart goes into place: nothing of its own left,
    # the plots/ folder it made removed while empty, and no chart half in
    # place (its PNG without its SVG).
    # shellcheck disable=SC2086
    "$HK" $SMALL -o "$P" >/dev/null
    for made in 2 3; do
        rm -rf "$P/plots"
        env --default-signal=INT strace -qq -o /dev/null -e trace=mkdir \
            -e inject=mkdir:signal=INT:when=$made "$HK" plot "$P" >/dev/null 2>"$T/stderr"
        rc=$?
        if [ $rc -eq 130 ] && [ ! -e "$P/plots" ]; then
            ok "Ctrl-C as plot makes folder $made: exit 130, nothing left, plots/ it made gone"
        else
            bad "Ctrl-C as plot makes folder $made (exit $rc)" "$(cat "$T/stderr"; ls -A "$P/plots" 2>&1)"
        fi
    done
    rm -rf "$P/plots"
    env --default-signal=INT strace -qq -o /dev/null -e trace=renameat2 \
        -e inject=renameat2:signal=INT:when=1 "$HK" plot "$P" >/dev/null 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 130 ] && [ "$(ls -A "$P/plots" | tr '\n' ' ')" = "compare.png compare.svg " ]; then
        ok "Ctrl-C as plot's first chart goes into place: exit 130, that chart whole, nothing else"
    else
        bad "Ctrl-C as plot's first chart goes into place (exit $rc)" "$(cat "$T/stderr"; ls -A "$P/plots" 2>&1)"
    fi
    # report, stopped as it makes its page sure on disk (its fsync, found
    # by a run traced beforehand, its charts already drawn): the page it
    # was writing is removed, and the earlier page is left as it was.
    "$HK" report "$P" >/dev/null 2>&1
    strace -qq -o "$T/strace" -e trace=openat,fsync "$HK" report "$P" >/dev/null 2>&1
    n=$(awk '/fsync\(/ { n++ } /\.report\.html\.tmp-/ && /O_CREAT/ { print n + 1; exit }' "$T/strace")
    cp "$P/report.html" "$T/page-before"
    env --default-signal=INT strace -qq -o /dev/null -e trace=fsync \
        -e inject=fsync:signal=INT:when="${n:-0}" "$HK" report "$P" >/dev/null 2>"$T/stderr"
    rc=$?
    if [ -n "$n" ] && [ $rc -eq 130 ] && cmp -s "$T/page-before" "$P/report.html" &&
        [ -z "$(ls -A "$P" | grep '^\.report')" ]; then
        ok "Ctrl-C as report writes its page: exit 130, the earlier page as it was, nothing left"
    else
        bad "Ctrl-C as report writes its page (exit $rc, fsync '$n')" "$(cat "$T/stderr"; ls -A "$P" 2>&1)"
    fi
else
    echo "[     SKIP ] stops at chosen system calls: strace cannot trace here"
fi

echo "kill: $pass passed, $fail failed"
[ $fail -eq 0 ]
