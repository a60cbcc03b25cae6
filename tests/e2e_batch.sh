# e2e_batch.sh — batch end to end: serial, threads, MPI ranks, kills and resumes.
# Sourced by tests/cli_test.sh: uses its $HK, $HK_EXEC (for runs it kills),
# $T, ok, bad, expect_refusal. --resume into folders damaged or cluttered
# since is in tests/e2e_batch_resume.sh, sourced after this one.
# $HUIKUAN_MPI names an MPI build (make MPI=1); its checks are skipped if absent.

G="$T/grid"
mkdir -p "$G/presets"
for s in baseline hybrid buy_sell late_penalty seed_example; do cp scenarios/$s.ini "$G/presets/"; done
# 24 rows: relative paths (read from the grid's folder), an absolute one,
# empty cells, quoting, and a sim.replications column.
{
    echo 'scenario,scheme.penalty_daily_rate,reps.count,customers.count,sim.replications'
    for rate in 0 0.00005 0.0001 0.0002 0.0004; do
        for p in baseline hybrid buy_sell; do echo "presets/$p.ini,$rate,10,120,"; done
    done
    for c in 60 90 150; do echo "presets/late_penalty.ini,,8,$c,3"; done
    for r in 0.0001 0.0002 0.0003; do echo "\"presets/seed_example.ini\",$r,,,"; done
    echo "$PWD/scenarios/baseline.ini,,,100,2"
    echo "presets/hybrid.ini,0.0003,12,,4"
    echo "presets/buy_sell.ini,,,80,"
} >"$G/grid.csv"
rows=$(($(wc -l <"$G/grid.csv") - 1))

same_tree() { diff -r "$1" "$2" >"$T/diff" 2>&1; }

t0=$(date +%s%N)
"$HK" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-ref" --quiet
rc=$?
ref_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $rc -eq 0 ] && [ "$(ls "$T/b-ref/rows" | wc -l)" -eq "$rows" ] &&
    ok "batch: $rows rows, one complete folder each" || bad "batch serial run (exit $rc)"
for f in summary.csv replications.csv monthly.csv aging.csv reps.csv collectibility.csv run.ini batch.csv; do
    [ -s "$T/b-ref/$f" ] || bad "batch: missing $f"
done
metrics=$(grep -c '^row-0001,' "$T/b-ref/summary.csv")
[ "$(wc -l <"$T/b-ref/summary.csv")" -eq $((rows * metrics + 1)) ] &&
    head -1 "$T/b-ref/summary.csv" | grep -qx 'scenario,metric,mean,sd,ci95_low,ci95_high,n' &&
    ok "batch: combined summary.csv has every row's metrics, named row-NNNN" || bad "batch combined summary.csv"
grep -q '^row-0016,penalties,.*,3$' "$T/b-ref/summary.csv" && grep -q '^row-0022,penalties,.*,2$' "$T/b-ref/summary.csv" &&
    grep -q '^row-0019,penalties,300.00,0.00,300.00,300.00,3$' "$T/b-ref/summary.csv" &&
    ok "batch: cells override the scenario (replications, penalty rate)" || bad "batch overrides"
head -2 "$T/b-ref/batch.csv" | tail -1 | grep -qx 'row-0001,2,presets/baseline.ini,0,10,120,' &&
    ok "batch.csv indexes rows by name and grid line" || bad "batch.csv" "$(head -2 "$T/b-ref/batch.csv")"
"$HK" run "$T/b-ref/rows/row-0020/run.ini" -o "$T/b-row20" --quiet >/dev/null
cmp -s "$T/b-row20/summary.csv" "$T/b-ref/rows/row-0020/summary.csv" &&
    ok "batch: a row's run.ini reproduces the row" || bad "batch row run.ini"

# Without --quiet the cells that win over -n are said; the results are the same.
"$HK" batch "$G/grid.csv" -n 3 -j 2 -o "$T/b-j2" 2>"$T/err"
[ "$(grep -v '^huikuan: results in ' "$T/err")" = "huikuan: note: $G/grid.csv: column 5, sim.replications, sets it in 5 of the 24 rows, where the cell wins over the command line's -n 3" ] &&
    ok "batch: a column that sets what -n sets is noted, with how many rows it sets it in" ||
    bad "batch note on a sim.replications column beside -n" "$(cat "$T/err")"
"$HK" batch "$G/grid.csv" -n 3 --set reps.count=9 -o "$T/b-set" --quiet 2>"$T/err.quiet"
"$HK" batch "$G/grid.csv" -n 3 --set reps.count=9 -o "$T/b-set" 2>"$T/err"
grep -qx "huikuan: note: $G/grid.csv: column 3, reps.count, sets it in 19 of the 24 rows, where the cell wins over the command line's --set reps.count=9" "$T/err" &&
    [ ! -s "$T/err.quiet" ] && grep -A1 '^\[reps\]' "$T/b-set/rows/row-0016/run.ini" | grep -qx 'count = 8' &&
    grep -A1 '^\[reps\]' "$T/b-set/rows/row-0019/run.ini" | grep -qx 'count = 9' &&
    ok "batch: a column that sets what --set sets is noted (not under --quiet)" ||
    bad "batch note on a column beside --set" "$(cat "$T/err" "$T/err.quiet")"
same_tree "$T/b-ref" "$T/b-j2" && ok "batch: -j 2 byte-identical to -j 1 (every file)" ||
    bad "batch -j 2 differs" "$(head -5 "$T/diff")"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-j2" --quiet
same_tree "$T/b-ref" "$T/b-j2" && ok "batch: a rerun replaces finished results with identical ones" ||
    bad "batch rerun differs"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-j2" --resume --quiet
same_tree "$T/b-ref" "$T/b-j2" && ok "batch: --resume of a finished batch changes nothing" ||
    bad "batch resume of finished"

# --- Ctrl-C during --resume of a finished batch: it stays finished, unchanged --
# Background jobs of a script ignore SIGINT; env --default-signal restores it.
if env --default-signal=INT true 2>/dev/null; then
    # Stopped while it checks the combined files against the rows, at a
    # point made certain: strace delivers SIGINT as huikuan opens the
    # last row's monthly.csv the second time (the first reads it to check
    # the row against its file list, the second to compare the combined
    # monthly.csv with the rows).
    cp -r "$T/b-ref" "$T/b-int"
    last=$(ls "$T/b-int/rows" | tail -1)
    if strace -qq -o /dev/null true 2>/dev/null; then
        env --default-signal=INT strace -qq -f -o /dev/null -P "$T/b-int/rows/$last/monthly.csv" \
            -e trace=openat -e inject=openat:signal=INT:when=2 \
            "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-int" --resume --quiet 2>"$T/b-int.err"
        rc=$?
        [ $rc -eq 130 ] && same_tree "$T/b-ref" "$T/b-int" &&
            ok "batch: Ctrl-C while --resume checks a finished batch's files leaves it finished, byte-identical" ||
            bad "batch: Ctrl-C during --resume of a finished batch (exit $rc)" "$(head -5 "$T/diff")"
        # It says, as it stops, how to go on: the command it was started with.
        [ "$(cat "$T/b-int.err")" = "huikuan: batch stopped; continue it with: huikuan batch $G/grid.csv -n 3 --resume -o $T/b-int" ] &&
            ok "batch: Ctrl-C says how to continue: $(cat "$T/b-int.err")" ||
            bad "batch: Ctrl-C's message" "$(cat "$T/b-int.err")"
        # Stopped at the rename that makes a new batch's folder: held off
        # until the folder is there, then it says how to go on (it had
        # exited 130 with nothing said), and --resume finishes it.
        env --default-signal=INT strace -qq -f -o /dev/null -e trace=rename,renameat,renameat2 \
            -e inject=rename,renameat,renameat2:signal=INT:when=1 \
            "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-made" --quiet 2>"$T/b-made.err"
        rc=$?
        [ $rc -eq 130 ] && [ -f "$T/b-made/batch.csv" ] &&
            [ "$(cat "$T/b-made.err")" = "huikuan: batch stopped; continue it with: huikuan batch $G/grid.csv -n 3 --resume -o $T/b-made" ] &&
            "$HK" batch "$G/grid.csv" -n 3 -o "$T/b-made" --resume --quiet && same_tree "$T/b-ref" "$T/b-made" &&
            ok "batch: Ctrl-C as its folder is made says how to go on, and --resume finishes it" ||
            bad "batch: Ctrl-C as its folder is made (exit $rc)" "$(cat "$T/b-made.err"; ls -A "$T" | grep b-made)"
        # Stopped as the finished batch leaves DIR.unfinished to take DIR's
        # place (the earlier results there, of the same grid): the stop
        # is held to the end, so the batch ends as done (exit 0), whole in
        # DIR, with nothing left beside it; it had died with the finished
        # batch under a staging name, which the next run into DIR removes.
        # (It ends as done, so a sanitized build's leak check runs, which
        # cannot under strace: it is left off for this run.)
        cp -r "$T/b-ref" "$T/b-adopt"
        ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" env --default-signal=INT strace -qq -f -o "$T/b-adopt.strace" -P "$T/b-adopt.unfinished" \
            -e trace=rename -e inject=rename:signal=INT:when=1 \
            "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-adopt" --quiet 2>"$T/b-adopt.err"
        rc=$?
        grep -q "rename(\"$T/b-adopt.unfinished\", \"$T/b-adopt.tmp-" "$T/b-adopt.strace" &&
            [ $rc -eq 0 ] && [ ! -s "$T/b-adopt.err" ] && same_tree "$T/b-ref" "$T/b-adopt" &&
            [ -z "$(ls -A "$T" | grep '^b-adopt\.' | grep -v '^b-adopt\.\(strace\|err\)$')" ] &&
            ok "batch: Ctrl-C as the finished batch takes DIR's place: exit 0, whole in DIR, nothing beside" ||
            bad "batch: Ctrl-C as the finished batch takes DIR's place (exit $rc)" \
                "$(cat "$T/b-adopt.err" "$T/b-adopt.strace"; ls -A "$T" | grep b-adopt)"
    else
        echo "[     SKIP ] Ctrl-C at a chosen moment of --resume: strace cannot trace here"
    fi
    # A row file that is a FIFO (left out of the row's file list, so the
    # row still counts as complete) is refused, not waited on.
    cp -r "$T/b-ref" "$T/b-fifo"
    grep -v '^monthly.csv ' "$T/b-ref/rows/$last/.huikuan-files" >"$T/b-fifo/rows/$last/.huikuan-files"
    rm "$T/b-fifo/rows/$last/monthly.csv" && mkfifo "$T/b-fifo/rows/$last/monthly.csv"
    timeout 20 "$HK" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-fifo" --resume --quiet 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] && grep -qxF "huikuan: $T/b-fifo/rows/$last/monthly.csv: cannot read: not a regular file (a pipe, a device or a folder)" "$T/err" &&
        ! ls "$T/b-fifo" | grep -q 'tmp-' && cmp -s "$T/b-ref/monthly.csv" "$T/b-fifo/monthly.csv" &&
        ok "batch: a row file that is a FIFO is refused at once, the combined files kept" ||
        bad "batch: a FIFO among a row's files (exit $rc)" "$(cat "$T/err")"
    # At moments all along the resume of a finished batch with rows to
    # compute again: it stays finished (its combined files whole and
    # unchanged, no temporary file beside them), and a last --resume
    # completes it byte-identically.
    cp -r "$T/b-ref" "$T/b-int2"
    rm -rf "$T/b-int2/rows/row-00"[01]*
    changed=""
    for round in 1 2 3 4 5 6 7 8; do
        ms=$((ref_ms * round / 10))
        env --default-signal=INT "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-int2" --resume --quiet 2>/dev/null &
        pid=$!
        sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
        kill -INT $pid 2>/dev/null
        wait $pid 2>/dev/null
        diff -r -x rows "$T/b-ref" "$T/b-int2" >/dev/null 2>&1 || changed="$changed $round"
        rm -rf "$T/b-int2/rows/row-00"[01]*
    done
    "$HK" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-int2" --resume --quiet
    rc=$?
    [ -z "$changed" ] && [ $rc -eq 0 ] && same_tree "$T/b-ref" "$T/b-int2" &&
        ok "batch: Ctrl-C at 8 moments of a --resume recomputing rows of a finished batch: it stays finished, then completes byte-identically" ||
        bad "batch: Ctrl-C during --resume recomputing rows (exit $rc; changed after Ctrl-C number:$changed)" "$(head -5 "$T/diff")"
else
    echo "[  SKIPPED ] batch: Ctrl-C during --resume: env has no --default-signal"
fi

# --- killed at random moments, resumed: byte-identical ----------------------
# Each run is killed at a random moment between a tenth and a half of the
# time the whole batch took uninterrupted, so the kills fall all along it.
random_ms() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % ($1 + 1) )); }
"$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-kill" --quiet 2>/dev/null &
pid=$!
kills=""
for round in 1 2 3 4 5 6; do
    ms=$((ref_ms / 10 + $(random_ms $((ref_ms * 2 / 5)))))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    kills="$kills $(ls "$T/b-kill/rows" 2>/dev/null | grep -c '^row-[0-9]*$')"
    "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-kill" --resume --quiet 2>/dev/null &
    pid=$!
done
wait $pid
rc=$?
same_tree "$T/b-ref" "$T/b-kill" && [ $rc -eq 0 ] &&
    ok "batch: SIGKILLed 6 times (rows done at each kill:$kills of $rows), resumed, byte-identical" ||
    bad "batch kill and resume differs (exit $rc; rows at kills:$kills)" "$(head -5 "$T/diff")"

# A kill leaves at worst staging folders, temporary files and no summary.
cp -r "$T/b-ref" "$T/b-crash"
rm -rf "$T/b-crash/rows/row-0005" "$T/b-crash/rows/row-0029" "$T/b-crash/summary.csv" "$T/b-crash/reps.csv"
mkdir "$T/b-crash/rows/row-0005.tmp-Ab12Cd" && echo 'scenario,metr' >"$T/b-crash/rows/row-0005.tmp-Ab12Cd/summary.csv"
echo 'half a fi' >"$T/b-crash/summary.csv.tmp-Zz9Yy8"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-crash" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "holds an unfinished batch; continue it with 'huikuan batch .*grid.csv -n 3 --resume -o .*b-crash'" "$T/err" &&
    [ -d "$T/b-crash/rows/row-0005.tmp-Ab12Cd" ] &&
    ok "batch: a new batch into an unfinished one is refused, naming how to continue it, and touches nothing" ||
    bad "batch into unfinished (exit $rc)" "$(cat "$T/err")"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-crash" --resume --quiet
same_tree "$T/b-ref" "$T/b-crash" && ok "batch: --resume clears leftovers and completes byte-identically" ||
    bad "batch resume after crash leftovers" "$(head -5 "$T/diff")"

# Resuming with other inputs is refused before anything changes.
rm "$T/b-crash/summary.csv"
sed 's/,0.0004,/,0.0005,/' "$G/grid.csv" >"$G/grid2.csv"
"$HK" batch "$G/grid2.csv" -n 3 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ -s "$T/b-crash/reps.csv" ] &&
    grep -qF "batch.csv differs from this grid (first at row-0013: this grid's line 14 reads 'presets/baseline.ini,0.0005,10,120,', the batch's row 'presets/baseline.ini,0.0004,10,120,')" "$T/err" &&
    ok "batch: --resume with another grid is refused, naming the first row that differs" ||
    bad "batch resume other grid (exit $rc)" "$(cat "$T/err")"
# ... or where its rows moved (a blank line added), or which has more rows.
{ head -n 1 "$G/grid.csv"; echo; tail -n +2 "$G/grid.csv"; } >"$G/grid4.csv"
"$HK" batch "$G/grid4.csv" -n 3 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qF "batch.csv differs from this grid (first at row-0001: the same cells on this grid's line 3 as on the batch's line 2: a line added or removed before it)" "$T/err" &&
    ok "batch: --resume with a line added to the grid is refused, saying its rows moved" ||
    bad "batch resume with a grid's rows moved (exit $rc)" "$(cat "$T/err")"
head -n 20 "$G/grid.csv" >"$G/grid3.csv"
"$HK" batch "$G/grid3.csv" -n 3 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qF "batch.csv differs from this grid (the batch has $rows rows, this grid 19)" "$T/err" &&
    ok "batch: --resume with a grid cut short is refused, counting the rows" ||
    bad "batch resume with a grid cut short (exit $rc)" "$(cat "$T/err")"
"$HK" batch "$G/grid.csv" -n 4 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'b-crash: this batch was started with other settings' "$T/err" &&
    grep -qF "(row-0001 ($G/grid.csv:2): sim.replications was 3, now 4)" "$T/err" &&
    grep -qF "it was started as 'huikuan batch $G/grid.csv -n 3'" "$T/err" &&
    ok "batch: --resume with other settings (-n) is refused, naming the row, key and command" ||
    bad "batch resume other -n (exit $rc)" "$(cat "$T/err")"
# Nor does a run, or a compare, take the place of the unfinished batch.
for cmd in "run scenarios/seed_example.ini" "compare scenarios/seed_example.ini scenarios/baseline.ini"; do
    # shellcheck disable=SC2086
    "$HK" $cmd -n 2 -o "$T/b-crash" --quiet 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && [ -d "$T/b-crash/rows/row-0001" ] &&
        grep -qF "$T/b-crash: holds an unfinished batch (no summary.csv yet); continue it with 'huikuan batch $G/grid.csv -n 3 --resume -o $T/b-crash'" "$T/err" &&
        ok "batch: ${cmd%% *} into an unfinished batch is refused, its rows kept" ||
        bad "${cmd%% *} into an unfinished batch (exit $rc)" "$(cat "$T/err")"
done
# plot and report refuse it until it has finished, saying how it was
# started; while a batch writes the folder, they say so instead.
for cmd in plot report; do
    "$HK" $cmd "$T/b-crash" --quiet 2>"$T/err"
    rc=$?
    flock "$T/b-crash" "$HK" $cmd "$T/b-crash" --quiet 2>"$T/err2" # as a batch writing it holds it
    rc2=$?
    [ $rc -eq 2 ] && [ $rc2 -eq 2 ] && [ ! -e "$T/b-crash/plots" ] && [ ! -e "$T/b-crash/report.html" ] &&
        grep -qF "$T/b-crash: an unfinished batch: nothing to $cmd until it finishes (its combined files come last); continue it with 'huikuan batch $G/grid.csv -n 3 --resume -o $T/b-crash'" "$T/err" &&
        grep -qF "$T/b-crash: a huikuan batch is writing this folder now: nothing to $cmd until it finishes" "$T/err2" &&
        ok "batch: $cmd of an unfinished batch is refused until it finishes, saying how to go on" ||
        bad "$cmd of an unfinished batch (exit $rc)" "$(cat "$T/err")"
done
# A scenario file changed under a later row: the row is named, and the
# key, from the row's own run.ini.
cp "$G/presets/hybrid.ini" "$T/hybrid-kept"
sed -i 's/^gross_margin = 0.30/gross_margin = 0.31/' "$G/presets/hybrid.ini"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
cp "$T/hybrid-kept" "$G/presets/hybrid.ini"
[ $rc -eq 2 ] && grep -qF "(row-0002 ($G/grid.csv:3): firm.gross_margin was 0.3, now 0.31)" "$T/err" &&
    ok "batch: --resume after a scenario file changed names the row and the key" ||
    bad "batch resume, scenario file changed (exit $rc)" "$(cat "$T/err")"
# Rows finished before they listed their files (no .huikuan-files) too:
# other settings are refused before a row counts as damaged.
# (A batch from before the batch's own record of its settings is held to
# its rows' run.ini.)
rm -f "$T"/b-crash/rows/*/.huikuan-files "$T/b-crash/.huikuan-batch"
"$HK" batch "$G/grid.csv" -n 4 -o "$T/b-crash" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'rows/row-0001/run.ini: this row was computed from other settings' "$T/err" &&
    ok "batch: --resume with other settings is refused for rows without a file list too" ||
    bad "batch resume other -n, rows without a file list (exit $rc)" "$(cat "$T/err")"

# A row to compute again whose folder is no longer huikuan's (its marker
# deleted by hand) is refused before any row is computed: row-0001, also
# damaged and first in line, stays as it was.
cp -r "$T/b-ref" "$T/b-row"
echo 'changed by hand' >>"$T/b-row/rows/row-0001/monthly.csv"
cp "$T/b-row/rows/row-0001/monthly.csv" "$T/row1-before"
rm "$T/b-row/rows/row-0020/.huikuan-results"
echo 'changed by hand' >>"$T/b-row/rows/row-0020/reps.csv"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-row" --resume --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q 'b-row/rows/row-0020: exists, is not empty and holds no huikuan results; refusing to replace it; this row is to be computed again: move that folder away, then --resume$' "$T/err" &&
    cmp -s "$T/row1-before" "$T/b-row/rows/row-0001/monthly.csv" &&
    ok "batch: --resume refuses a row it cannot replace before computing any row" ||
    bad "batch resume with a row not huikuan's (exit $rc)" "$(cat "$T/err")"
rm -rf "$T/b-row/rows/row-0020"
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-row" --resume --quiet
same_tree "$T/b-ref" "$T/b-row" && ok "batch: with that row moved away, --resume completes byte-identically" ||
    bad "batch resume after moving a row away" "$(head -5 "$T/diff")"

# A row the engine refuses while it runs (amounts too large to count to the
# cent): exit 2 and nothing left behind, though row 1 was computed. It had
# left DIR (or DIR.unfinished, beside earlier results) that blocked the
# next batch; without -o, an empty results/.
V="$PWD/scenarios/validation/hm87.ini"
printf 'scenario,customers.count,reps.count,orders.output_sd,reps.risk_aversion,scheme.commission_sales\n%s,1,1,1000000000.00,1,0\n%s,1,1,1000000000.00,1,1\n' \
    "$V" "$V" >"$G/too_large.csv"
"$HK" batch "$G/too_large.csv" -n 2 -o "$T/b-large" --quiet 2>"$T/err"
rc=$?
cp -r "$T/b-ref" "$T/b-large2"
"$HK" batch "$G/too_large.csv" -n 2 -o "$T/b-large2" --quiet 2>>"$T/err"
rc2=$?
mkdir "$T/b-large3"
# Run from another folder, every path the run needs made absolute.
abs_path() { case $1 in /* | '') printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
(hk=$(abs_path "$HK") && SAN_BIN=$(abs_path "${SAN_BIN:-}") && SAN_LOG_DIR=$(abs_path "${SAN_LOG_DIR:-}") &&
    export SAN_BIN SAN_LOG_DIR && cd "$T/b-large3" && "$hk" batch "$G/too_large.csv" -n 2 --quiet 2>>"$T/err")
rc3=$?
# The empty folder a user made for the results stays, as it was.
mkdir "$T/b-large4" && chmod 2750 "$T/b-large4"
"$HK" batch "$G/too_large.csv" -n 2 -o "$T/b-large4" --quiet 2>>"$T/err"
rc4=$?
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] && [ $rc4 -eq 2 ] && [ "$(grep -c "^huikuan: $G/too_large.csv:3: row-0002: replication 1: a rep's participation base" "$T/err")" -eq 4 ] &&
    [ ! -e "$T/b-large" ] && [ ! -e "$T/b-large2.unfinished" ] && same_tree "$T/b-ref" "$T/b-large2" &&
    [ -z "$(ls -A "$T/b-large3")" ] && [ -z "$(ls -A "$T/b-large4")" ] && [ ! -e "$T/b-large4.unfinished" ] &&
    [ "$(stat -c %a "$T/b-large4")" = 2750 ] &&
    ok "batch: a row refused while running leaves nothing behind, earlier results whole, an empty folder as it was" ||
    bad "batch refused while running (exit $rc, $rc2, $rc3, $rc4)" "$(cat "$T/err"; ls -a "$T" "$T/b-large3" | head -40)"

# --- a new batch into earlier results keeps them whole until it is finished -------
# It builds its rows beside them, in DIR.unfinished, and takes their place
# only when every row and combined file is written.
cp -r "$T/b-ref" "$T/b-keep"
"$HK_EXEC" batch "$G/grid2.csv" -n 3 -j 1 -o "$T/b-keep" --quiet 2>/dev/null &
pid=$!
ms=$((ref_ms / 3))
sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
same_tree "$T/b-ref" "$T/b-keep" && [ -f "$T/b-keep.unfinished/batch.csv" ] &&
    ok "batch: killed while replacing earlier results, which stay whole (the new one is in DIR.unfinished)" ||
    bad "batch killed over earlier results" "$(head -5 "$T/diff"; ls -A "$T")"
"$HK" batch "$G/grid2.csv" -n 3 -o "$T/b-keep" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "an unfinished batch into this folder is in .*b-keep.unfinished; continue it with 'huikuan batch .*grid2\.csv .*--resume -o .*b-keep'" "$T/err" &&
    same_tree "$T/b-ref" "$T/b-keep" &&
    ok "batch: a new batch while one is unfinished beside the folder is refused" ||
    bad "batch beside an unfinished one (exit $rc)" "$(cat "$T/err")"
# Nor may a run, sweep or calibrate take the folder meanwhile: the
# batch's --resume would put it in the place of their results.
for cmd in "run $G/presets/seed_example.ini" "sweep $G/presets/seed_example.ini --param scheme.commission_sales --values 0.01,0.02" \
           "calibrate $G/presets/seed_example.ini --param scheme.commission_sales --range 0:0.1 --maximize sales"; do
    $HK $cmd -n 2 -o "$T/b-keep" --quiet 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && grep -q "^huikuan: $T/b-keep: an unfinished batch into this folder is in $T/b-keep.unfinished, and its --resume would put the batch in the place of these results; continue it with 'huikuan batch .*grid2\.csv .*--resume -o .*b-keep', or remove $T/b-keep.unfinished, or choose another -o$" "$T/err" &&
        same_tree "$T/b-ref" "$T/b-keep" && [ -f "$T/b-keep.unfinished/batch.csv" ] &&
        ok "batch: ${cmd%% *} into a folder an unfinished batch is to replace is refused, both kept" ||
        bad "${cmd%% *} beside an unfinished batch (exit $rc)" "$(cat "$T/err")"
done
"$HK" batch "$G/grid2.csv" -n 3 -o "$T/b-keep" --resume --quiet 2>"$T/err"
rc=$?
"$HK" batch "$G/grid2.csv" -n 3 -o "$T/b-new" --quiet
[ $rc -eq 0 ] && [ ! -e "$T/b-keep.unfinished" ] && same_tree "$T/b-new" "$T/b-keep" &&
    ok "batch: --resume finishes it beside the folder and moves it into place" ||
    bad "batch resumed beside earlier results (exit $rc)" "$(cat "$T/err"; head -5 "$T/diff")"

# The folder is named, not '.': refused before anything runs or is written.
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-keep/." --quiet 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q -- "-o $T/b-keep/.: name the results folder itself" "$T/err" &&
    same_tree "$T/b-new" "$T/b-keep" && [ ! -e "$T/b-keep/..unfinished" ] &&
    ok "batch -o . inside earlier results: refused, nothing written" ||
    bad "batch -o . (exit $rc)" "$(cat "$T/err"; ls -A "$T/b-keep")"

# --- MPI: ranks 1, 2, 3 and the non-MPI build agree byte for byte -----------
if [ -n "${HUIKUAN_MPI:-}" ] && [ -x "$HUIKUAN_MPI" ] && command -v mpirun >/dev/null 2>&1; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
    # OpenMPI's own allocations outlive MPI_Finalize; under a sanitizer
    # build, leaks are checked by the runs without MPI above.
    mpi() { ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" mpirun --oversubscribe -n "$@"; }
    for k in 1 2 3; do
        mpi $k "$HUIKUAN_MPI" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-mpi$k" --quiet >"$T/mpi-out" 2>&1
        rc=$?
        same_tree "$T/b-ref" "$T/b-mpi$k" && [ $rc -eq 0 ] &&
            ok "batch: mpirun -n $k byte-identical to the non-MPI build" ||
            bad "batch mpirun -n $k (exit $rc)" "$(head -5 "$T/mpi-out" "$T/diff")"
    done
    ASAN_OPTIONS=detect_leaks=0 "$HUIKUAN_MPI" batch "$G/grid.csv" -n 3 -j 2 -o "$T/b-mpi0" --quiet
    same_tree "$T/b-ref" "$T/b-mpi0" && ok "batch: the MPI build without mpirun, -j 2, byte-identical" ||
        bad "batch MPI singleton differs"
    # Half done serially, finished by 3 ranks.
    cp -r "$T/b-ref" "$T/b-mix"
    rm -rf "$T/b-mix/summary.csv" "$T/b-mix/rows/row-00[12]"*
    mpi 3 "$HUIKUAN_MPI" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-mix" --resume --quiet >"$T/mpi-out" 2>&1
    same_tree "$T/b-ref" "$T/b-mix" && ok "batch: resumed by mpirun -n 3, byte-identical" ||
        bad "batch MPI resume differs" "$(head -5 "$T/mpi-out" "$T/diff")"
    echo 'scenario,scheme.nope' >"$G/bad.csv" && echo 'presets/baseline.ini,1' >>"$G/bad.csv"
    mpi 2 "$HUIKUAN_MPI" batch "$G/bad.csv" -o "$T/b-mpibad" >"$T/mpi-out" 2>&1
    rc=$?
    [ $rc -ne 0 ] && [ "$(grep -c 'bad.csv:1: column 2: scheme.nope: unknown key' "$T/mpi-out")" -eq 1 ] &&
        [ ! -e "$T/b-mpibad" ] && ok "batch: a bad grid under mpirun is reported once, nothing written" ||
        bad "batch bad grid under MPI (exit $rc)" "$(cat "$T/mpi-out")"
    # Every rank reads the scenario files: one missing on a rank's machine,
    # or different there, is refused before anything is written.
    mkdir -p "$T/ranks/grid" "$T/ranks/a" "$T/ranks/b"
    mpi_abs="$(cd "$(dirname "$HUIKUAN_MPI")" && pwd)/$(basename "$HUIKUAN_MPI")"
    printf 'scenario,reps.count\nrank.ini,3\n' >"$T/ranks/grid/g.csv"
    cp "$G/presets/baseline.ini" "$T/ranks/a/rank.ini"
    # Two ranks without it: said once (each failing rank had said it).
    mpi 1 --wdir "$T/ranks/a" "$mpi_abs" batch "$T/ranks/grid/g.csv" -n 2 -o "$T/b-ranks" --quiet : \
        -n 2 --wdir "$T/ranks/b" "$mpi_abs" batch "$T/ranks/grid/g.csv" -n 2 -o "$T/b-ranks" --quiet >"$T/mpi-out" 2>&1
    rc=$?
    [ $rc -ne 0 ] && [ "$(grep -c "g.csv:2: scenario file 'rank.ini' not found" "$T/mpi-out")" -eq 1 ] &&
        [ ! -e "$T/b-ranks" ] &&
        ok "batch: a scenario file missing on two ranks: refused once, nothing written" ||
        bad "batch: scenario file missing on one rank (exit $rc)" "$(cat "$T/mpi-out"; ls -A "$T/b-ranks" 2>&1)"
    sed 's/^commission_sales = .*/commission_sales = 0.09/' "$T/ranks/a/rank.ini" >"$T/ranks/b/rank.ini"
    mpi 1 --wdir "$T/ranks/a" "$mpi_abs" batch "$T/ranks/grid/g.csv" -n 2 -o "$T/b-ranks" --quiet : \
        -n 1 --wdir "$T/ranks/b" "$mpi_abs" batch "$T/ranks/grid/g.csv" -n 2 -o "$T/b-ranks" --quiet >"$T/mpi-out" 2>&1
    rc=$?
    [ $rc -ne 0 ] && grep -q "rank 1 resolves the grid's rows to other settings than rank 0" "$T/mpi-out" &&
        [ ! -e "$T/b-ranks" ] && ok "batch: a scenario file that differs between ranks: refused, nothing written" ||
        bad "batch: scenario file differing between ranks (exit $rc)" "$(cat "$T/mpi-out"; ls -A "$T/b-ranks" 2>&1)"
    # A row refused while running is named as without MPI: the first of
    # the chunk's failures, whichever rank ran it (on three ranks rank 0
    # had named its own, row 2's second replication).
    mpi 3 "$HUIKUAN_MPI" batch "$G/too_large.csv" -n 2 -o "$T/b-mpilarge" --quiet >"$T/mpi-out" 2>&1
    rc=$?
    [ $rc -ne 0 ] && [ "$(grep -c "^huikuan: $G/too_large.csv:3: row-0002: replication 1: " "$T/mpi-out")" -eq 1 ] &&
        [ ! -e "$T/b-mpilarge" ] &&
        ok "batch: a row refused while running on three ranks is named as on one" ||
        bad "batch: row refused under mpirun -n 3 (exit $rc)" "$(cat "$T/mpi-out")"
    # The build without MPI hands a batch under mpirun over to the one
    # with it beside it (build/mpi/huikuan), every rank alike; alone, it
    # refuses.
    # (HK_EXEC: the program itself, not the sanitizer pass's wrapper.)
    if [ -x "$(dirname "$HK_EXEC")/mpi/huikuan" ]; then
        mpi 2 "$HK_EXEC" batch "$G/grid.csv" -n 3 -j 1 -o "$T/b-handed" --quiet >"$T/mpi-out" 2>&1
        rc=$?
        [ $rc -eq 0 ] && same_tree "$T/b-ref" "$T/b-handed" &&
            ok "batch: the build without MPI under mpirun -n 2 hands over to the one beside it, byte-identical" ||
            bad "batch: hand-over to the MPI build (exit $rc)" "$(head -5 "$T/mpi-out" "$T/diff")"
    fi
    # One older than the program beside it (built before it, by make of
    # the program alone) is not handed a batch: its results could be
    # another version's.
    mkdir -p "$T/pair/mpi" && cp "$HK_EXEC" "$T/pair/huikuan" && cp "$HUIKUAN_MPI" "$T/pair/mpi/huikuan" &&
        touch -d '2020-01-01' "$T/pair/mpi/huikuan"
    mpi 2 "$T/pair/huikuan" batch "$G/grid.csv" -o "$T/b-stale" >"$T/mpi-out" 2>&1
    grep -q "$T/pair/mpi/huikuan is older than this program" "$T/mpi-out" && [ ! -e "$T/b-stale" ] &&
        ok "batch: a build with MPI older than the program beside it is not handed a batch" ||
        bad "batch: hand-over to a stale MPI build" "$(cat "$T/mpi-out")"
    mkdir -p "$T/lone" && cp "$HK_EXEC" "$T/lone/huikuan"
    mpi 2 "$T/lone/huikuan" batch "$G/grid.csv" -o "$T/b-nompi" >"$T/mpi-out" 2>&1
    grep -q 'needs a huikuan built with MPI: none is beside this one' "$T/mpi-out" && [ ! -e "$T/b-nompi" ] &&
        ok "batch: a build without MPI, none beside it, under mpirun refuses" || bad "non-MPI build under mpirun" "$(cat "$T/mpi-out")"
    mpi 2 "$HUIKUAN_MPI" run scenarios/seed_example.ini -o "$T/b-mpirun" >"$T/mpi-out" 2>&1
    grep -q "only 'batch' spreads" "$T/mpi-out" && [ ! -e "$T/b-mpirun" ] &&
        ok "run under mpirun with 2 ranks refuses" || bad "run under mpirun" "$(cat "$T/mpi-out")"
else
    echo "[  SKIPPED ] batch under MPI: no MPI build (make MPI=1) or no mpirun"
fi

# --- one batch at a time into a folder: while one writes it, another batch
# (or a run) into it is refused, and the first finishes whole.
"$HK" batch "$G/grid.csv" -n 3 --set customers.count=2000 -o "$T/b-two" --quiet 2>"$T/err-a" &
first=$!
for _ in $(seq 200); do [ -e "$T/b-two/batch.csv" ] && break; sleep 0.05; done
if kill -0 $first 2>/dev/null; then
    "$HK" batch "$G/grid.csv" -n 3 --seed 9 -o "$T/b-two" --quiet 2>"$T/err-b"
    rc_b=$?
    "$HK" run "$G/presets/baseline.ini" -n 2 -o "$T/b-two" --quiet >/dev/null 2>"$T/err-c"
    rc_c=$?
    wait $first
    rc_a=$?
    [ $rc_a -eq 0 ] && [ $rc_b -eq 2 ] && [ $rc_c -eq 2 ] && [ -s "$T/b-two/summary.csv" ] &&
        grep -q "is writing this folder\|holds an unfinished batch" "$T/err-b" &&
        grep -q "a huikuan batch is writing this folder" "$T/err-c" &&
        ! grep -q '^seed = 9' "$T/b-two/rows/"*/run.ini &&
        ok "batch: a second batch or a run into a folder a batch is writing: refused, the first finishes whole" ||
        bad "batch: two at once (exits $rc_a, $rc_b, $rc_c)" "$(cat "$T/err-a" "$T/err-b" "$T/err-c")"
else
    wait $first
    echo "[  SKIPPED ] batch: two at once: the first finished before the second began"
fi

# The same while a batch builds, in DIR.unfinished, what is to replace
# earlier results in DIR: a run into DIR is refused until it is done.
cp -r "$T/b-ref" "$T/b-three"
"$HK" batch "$G/grid.csv" -n 3 --set customers.count=2000 -o "$T/b-three" --quiet 2>"$T/err-a" &
first=$!
for _ in $(seq 200); do [ -e "$T/b-three.unfinished/batch.csv" ] && break; sleep 0.05; done
if kill -0 $first 2>/dev/null; then
    "$HK" run "$G/presets/baseline.ini" -n 2 -o "$T/b-three" --quiet >/dev/null 2>"$T/err-c"
    rc_c=$?
    wait $first
    rc_a=$?
    [ $rc_a -eq 0 ] && [ $rc_c -eq 2 ] && grep -q "b-three.unfinished to take this folder's place" "$T/err-c" &&
        [ -e "$T/b-three/batch.csv" ] &&
        ok "batch: a run into a folder a batch is about to replace: refused, the batch finishes" ||
        bad "batch: run into a folder being replaced (exits $rc_a, $rc_c)" "$(cat "$T/err-a" "$T/err-c")"
else
    wait $first
    echo "[  SKIPPED ] batch: run into a folder being replaced: the batch finished first"
fi

# --- --resume holds a batch to the settings it was started with, even
# before any row is finished (here: every row and combined file gone).
cp -r "$T/b-ref" "$T/b-norows" && rm -rf "$T/b-norows/rows/"* "$T/b-norows/"*.csv "$T/b-norows/run.ini" &&
    cp "$T/b-ref/batch.csv" "$T/b-norows/"
# The refusal names the first row that differs and, for row 1 (whose
# settings the batch keeps), the key; a later row's earlier settings are
# known only from its own run.ini, gone here.
for other in "-n 4|row-0001 ($G/grid.csv:2): sim.replications was 3, now 4" \
    "-n 3 --seed 5|row-0001 ($G/grid.csv:2): sim.seed was 20261125, now 5" \
    "-n 3 --set reps.count=7|row-0019 ($G/grid.csv:20) is the first row that differs"; do
    why=${other#*|}
    other=${other%%|*}
    # shellcheck disable=SC2086
    "$HK" batch "$G/grid.csv" $other -o "$T/b-norows" --resume --quiet 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] && grep -q "this batch was started with other settings" "$T/err" &&
        grep -qF "($why" "$T/err" &&
        [ -z "$(ls -A "$T/b-norows/rows")" ] && ok "batch: --resume with $other before any row: refused" ||
        bad "batch: --resume with $other before any row (exit $rc)" "$(cat "$T/err")"
done
"$HK" batch "$G/grid.csv" -n 3 -o "$T/b-norows" --resume --quiet 2>"$T/err" && same_tree "$T/b-ref" "$T/b-norows" &&
    ok "batch: --resume with the same settings completes it byte-identically" ||
    bad "batch: --resume with the same settings" "$(cat "$T/err" "$T/diff")"

# --- progress: on a terminal only, and never with --quiet --------------------
if script -qc true /dev/null >/dev/null 2>&1; then
    script -qc "$HK batch '$G/grid.csv' -n 2 -o '$T/b-tty'" /dev/null >"$T/tty" 2>&1
    grep -q 'batch: replications: [0-9.]*/[0-9]*, .*/s, .* left' "$T/tty" && ok "batch: progress on a terminal" ||
        bad "batch progress on a terminal" "$(head -3 "$T/tty")"
    # A long replication moves the line as its days pass, as run's does
    # (it had moved only when a replication ended).
    printf 'scenario\n%s\n' "$PWD/scenarios/baseline.ini" >"$T/one-big.csv"
    script -qc "$HK batch '$T/one-big.csv' --set customers.count=20000 --set reps.count=200 \
        --set sim.days=365 -n 2 -j 1 -o '$T/b-tty-big'" /dev/null >"$T/tty" 2>&1
    grep -aqE 'batch: replications: (0\.[1-9]|1\.[1-9])/2, [0-9.]+/s, [0-9]+:[0-9]{2} left' "$T/tty" &&
        ok "batch: progress on a terminal moves within a replication" ||
        bad "batch progress within a replication" "$(tr '\r' '\n' <"$T/tty" | head -5)"
    script -qc "$HK batch '$G/grid.csv' -n 2 -o '$T/b-tty' --quiet" /dev/null >"$T/tty" 2>&1
    ! grep -q 'replications' "$T/tty" && ok "batch: --quiet silences progress" || bad "batch --quiet"
fi
"$HK" batch "$G/grid.csv" -n 2 -o "$T/b-pipe" 2>"$T/err"
! grep -q 'replications:' "$T/err" && ok "batch: no progress when stderr is not a terminal" || bad "batch progress to a pipe"

# --- bad grids: one message naming file, line and key; nothing written --------
bad_grid() { # NAME WANT CONTENT
    printf '%s' "$3" >"$G/$1.csv"
    expect_refusal "bad grid $1" "$2" "$HK" batch "$G/$1.csv"
}
bad_grid unknown_key "$G/unknown_key.csv:1: column 3: scheme.penalty: unknown key in [scheme]" \
    'scenario,reps.count,scheme.penalty
presets/baseline.ini,10,1
'
bad_grid bad_value "$G/bad_value.csv:3: scheme.penalty_daily_rate = -0.1: out of range" \
    'scenario,scheme.penalty_daily_rate
presets/baseline.ini,0.1
presets/baseline.ini,-0.1
'
bad_grid truncated "$G/truncated.csv:3: 2 fields but the header has 3 (truncated row?)" \
    'scenario,scheme.penalty_daily_rate,reps.count
presets/baseline.ini,0.1,4
presets/baseline.ini,0.1
'
bad_grid missing_file "$G/missing_file.csv:2: scenario file 'presets/nowhere.ini' not found" \
    'scenario,reps.count
presets/nowhere.ini,4
'
# A path longer than a path can be is refused, not cut short to another file's.
bad_grid long_path "$G/long_path.csv:2: scenario file '././" \
    "scenario,reps.count
$(printf './%.0s' $(seq 2040))presets/baseline.iniXYZ,4
"
bad_grid empty "$G/empty.csv: empty grid" ''
bad_grid header_only "$G/header_only.csv:1: a header but no rows" 'scenario,reps.count
'
bad_grid bad_quote "$G/bad_quote.csv:2: malformed CSV" 'scenario,reps.count
presets/baseline.ini,"4
'
bad_grid bad_scenario "$G/bad_scenario.csv:2: $PWD/tests/bad/nan_value.ini:2: scheme.commission_sales = nan" \
    "scenario
$PWD/tests/bad/nan_value.ini
"
expect_refusal "batch missing grid" "no/grid.csv: cannot open" "$HK" batch no/grid.csv
expect_refusal "batch two grids" "batch: expects one grid file, got 2" "$HK" batch "$G/grid.csv" "$G/grid.csv"
expect_refusal "batch bad --set" "huikuan: --set reps.count=0: reps.count = 0: out of range" \
    "$HK" batch "$G/grid.csv" --set reps.count=0

# --- a grid saved with a byte order mark (as spreadsheets do) ------------------
S="$T/small"
mkdir -p "$S"
cp scenarios/baseline.ini "$S/"
printf '\357\273\277"scenario",customers.count\nbaseline.ini,50\n' >"$S/bom-quoted.csv"
printf '\357\273\277scenario,customers.count\nbaseline.ini,50\n' >"$S/bom-bare.csv"
for g in bom-quoted bom-bare; do
    "$HK" batch "$S/$g.csv" -n 2 -o "$S/$g" --quiet 2>"$T/stderr" &&
        head -1 "$S/$g/batch.csv" | grep -qx 'row,line,scenario,customers\.count' &&
        ok "batch: $g.csv's byte order mark is skipped" ||
        bad "batch: $g.csv with a byte order mark" "$(cat "$T/stderr"; head -1 "$S/$g/batch.csv" 2>/dev/null | od -c | head -2)"
done

# --- a grid's Markov columns apply after the row's file, as --set does ---------
cp scenarios/validation/markov.ini "$S/"
printf 'scenario,customers.count,markov.d90\nmarkov.ini,50,"paid:0.5,bad_debt:0.5"\nmarkov.ini,50,\n' >"$S/markov.csv"
"$HK" batch "$S/markov.csv" -n 2 -o "$S/markov" --quiet 2>"$T/stderr" &&
    grep -qx 'd90 = paid:0.5, bad_debt:0.5' "$S/markov/rows/row-0001/run.ini" &&
    grep -qx 'd90 = d90:0.4, paid:0.2, bad_debt:0.4' "$S/markov/rows/row-0002/run.ini" &&
    ok "batch: a markov.d90 column replaces the row's file's d90 row" ||
    bad "batch: markov.d90 column" "$(cat "$T/stderr"; grep '^d90' "$S/markov/rows/"*/run.ini)"

# A markov.states cell starts a new chain from the row's own cells: a
# --set of a state's row is dropped in that row, and said (not a --set of
# markov.period_days, which the new chain keeps).
printf 'scenario,customers.count,markov.states,markov.current,markov.x\nmarkov.ini,50,,,\nmarkov.ini,50,"current, x","paid:0.5,x:0.5",paid:1\n' >"$S/markov-chain.csv"
"$HK" batch "$S/markov-chain.csv" -n 2 -o "$S/markov-chain" --set markov.period_days=20 \
    --set 'markov.d30=paid:0.9,bad_debt:0.1' 2>"$T/stderr"
[ "$(grep -v '^huikuan: results in ' "$T/stderr")" = "huikuan: note: $S/markov-chain.csv: column 3, markov.states, starts a new chain in 1 of the 2 rows, from the row's own cells: the command line's --set markov.d30=paid:0.9,bad_debt:0.1 is dropped there" ] &&
    grep -qx 'd30 = paid:0.9, bad_debt:0.1' "$S/markov-chain/rows/row-0001/run.ini" &&
    ! grep -q '^d30' "$S/markov-chain/rows/row-0002/run.ini" &&
    grep -qx 'period_days = 20' "$S/markov-chain/rows/row-0002/run.ini" &&
    ok "batch: a --set of a state's row that a markov.states cell drops is noted" ||
    bad "batch: markov.states cell beside --set markov.STATE" "$(cat "$T/stderr"; grep -E '^(d30|period_days)' "$S/markov-chain/rows/"*/run.ini)"

# Rows of a Markov chain and rows without one: the combined files are the
# tables every row has, each line naming its row; markov.csv stays in the
# rows that have one, whichever row comes first.
cp scenarios/baseline.ini "$S/"
printf 'scenario,customers.count\nmarkov.ini,40\nbaseline.ini,40\n' >"$S/markov-mixed.csv"
"$HK" batch "$S/markov-mixed.csv" -n 2 --set sim.days=60 --set sim.warmup_days=0 \
    -o "$S/markov-mixed" --quiet 2>"$T/stderr" &&
    [ -s "$S/markov-mixed/summary.csv" ] && [ ! -e "$S/markov-mixed/markov.csv" ] &&
    [ -s "$S/markov-mixed/rows/row-0001/markov.csv" ] &&
    [ ! -e "$S/markov-mixed/rows/row-0002/markov.csv" ] &&
    [ "$(cut -d, -f1 "$S/markov-mixed/summary.csv" | sort -u | tr '\n' ' ')" = "row-0001 row-0002 scenario " ] &&
    ok "batch: a Markov row first, then one without: finished, markov.csv kept in its row" ||
    bad "batch: Markov row first" "$(cat "$T/stderr"; ls "$S/markov-mixed" 2>&1)"

# An empty Markov column is checked too: a state no row's chain lists is a
# typo, refused (exit 2) naming the header line, column and key; one that
# some row's chain lists is simply not changed.
printf 'scenario,customers.count,markov.d45\nmarkov.ini,50,\nmarkov.ini,60,\n' >"$S/markov-typo.csv"
"$HK" batch "$S/markov-typo.csv" -n 2 -o "$S/markov-typo" --quiet 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$S/markov-typo" ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
    grep -qF "markov-typo.csv:1: column 3: markov.d45: not a state listed in markov.states of any row's scenario" "$T/stderr" &&
    ok "batch: an empty markov.d45 column, a state of no row, is refused" ||
    bad "batch: empty Markov column with an unknown state (exit $rc)" "$(cat "$T/stderr")"
printf 'scenario,customers.count,markov.d90\nmarkov.ini,50,\n' >"$S/markov-empty.csv"
"$HK" batch "$S/markov-empty.csv" -n 2 -o "$S/markov-empty" --quiet 2>"$T/stderr" &&
    grep -qx 'd90 = d90:0.4, paid:0.2, bad_debt:0.4' "$S/markov-empty/rows/row-0001/run.ini" &&
    ok "batch: an empty markov.d90 column keeps the file's row" ||
    bad "batch: empty markov.d90 column" "$(cat "$T/stderr")"
