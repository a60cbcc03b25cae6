# e2e_batch_resume.sh — batch --resume into folders that are not as a
# batch left them: a user's file in the folder it would replace, a plain
# file at DIR.unfinished, rows damaged since they were finished, a resume
# spelt otherwise, a user's file named as a combined file, what killed
# runs left, work stranded mid-move into DIR, a disk that fills up.
# Sourced by tests/cli_test.sh after tests/e2e_batch.sh: uses its $HK, $T,
# ok, bad, and from e2e_batch.sh the small grids' folder $S and same_tree.

# --- a damaged row recomputed, its old files not all removable: said, and swept later --
# The note names what clears it: the batch's next --resume, not a run into
# the row. (An immutable file, chattr +i, stands in for an unwritable one.)
printf 'scenario,customers.count\nbaseline.ini,40\nbaseline.ini,45\n' >"$S/stuck.csv"
"$HK" batch "$S/stuck.csv" -n 2 -o "$S/stuck" --quiet
if chattr +i "$S/stuck/rows/row-0002/reps.csv" 2>/dev/null; then
    echo 'changed by hand' >>"$S/stuck/rows/row-0002/monthly.csv" && rm "$S/stuck/summary.csv"
    "$HK" batch "$S/stuck.csv" -n 2 -o "$S/stuck" --resume --quiet 2>"$T/stderr"
    rc=$?
    left=$(ls -d "$S"/stuck/rows/row-0002.tmp-* 2>/dev/null)
    [ $rc -eq 0 ] && [ -n "$left" ] && [ -e "$S/stuck/summary.csv" ] &&
        grep -qF "huikuan: note: $S/stuck/rows/row-0002: the previous results could not all be removed (Operation not permitted): what is left of them is in $left; remove it by hand (the batch's next --resume tries again)" "$T/stderr" &&
        ok "batch --resume: a recomputed row's old files not all removable: finished, the leftover named" ||
        bad "batch --resume with a row's old files stuck (exit $rc)" "$(cat "$T/stderr")"
    chattr -i "$left/reps.csv" 2>/dev/null
    rm "$S/stuck/summary.csv"
    "$HK" batch "$S/stuck.csv" -n 2 -o "$S/stuck" --resume --quiet 2>"$T/stderr" &&
        [ -z "$(ls -d "$S"/stuck/rows/row-0002.tmp-* 2>/dev/null)" ] && [ ! -s "$T/stderr" ] &&
        ok "batch --resume: the next resume sweeps what was left" ||
        bad "batch --resume after a stuck row" "$(cat "$T/stderr"; ls "$S/stuck/rows")"
else
    echo "[     SKIP ] a row's old files not all removable: chattr +i needs root and a filesystem that has it"
fi

# --- --resume beside earlier results that hold a user's file: refused up front --
# A batch stopped by a file size limit leaves its work in DIR.unfinished;
# a user's file then put in DIR would stop it taking DIR's place, so the
# resume is refused before any row is computed (exit 2), nothing changed.
printf 'scenario,customers.count\nbaseline.ini,50\n' >"$S/user1.csv"
printf 'scenario,customers.count\nbaseline.ini,60\nbaseline.ini,70\n' >"$S/user2.csv"
"$HK" batch "$S/user1.csv" -n 2 -o "$S/ub" --quiet
# 6 KiB: room for the record of the rows' settings (about 5 KiB), not for
# the combined monthly.csv.
(trap '' XFSZ; ulimit -f 12; exec "$HK" batch "$S/user2.csv" -n 2 -o "$S/ub" --quiet) 2>/dev/null
echo mine >"$S/ub/notes.txt"
before=$(cd "$S" && find ub ub.unfinished -type f -exec cksum {} + | LC_ALL=C sort -k3)
"$HK" batch "$S/user2.csv" -n 2 -o "$S/ub" --resume --quiet 2>"$T/stderr"
rc=$?
after=$(cd "$S" && find ub ub.unfinished -type f -exec cksum {} + | LC_ALL=C sort -k3)
[ $rc -eq 2 ] && [ "$before" = "$after" ] && [ ! -e "$S/ub.unfinished/summary.csv" ] &&
    grep -qF "$S/ub: holds huikuan results and also notes.txt, which huikuan did not write" "$T/stderr" &&
    ok "batch --resume: a user's file in the folder it would replace is refused before any row runs" ||
    bad "batch --resume beside a user's file (exit $rc)" "$(cat "$T/stderr"; ls "$S/ub.unfinished" 2>&1)"
rm "$S/ub/notes.txt"
"$HK" batch "$S/user2.csv" -n 2 -o "$S/ub" --resume --quiet 2>"$T/stderr" && [ ! -e "$S/ub.unfinished" ] &&
    [ "$(wc -l <"$S/ub/batch.csv")" -eq 3 ] &&
    ok "batch --resume: once the user's file is gone, the batch finishes and takes the folder's place" ||
    bad "batch --resume after the user's file went" "$(cat "$T/stderr")"

# --- DIR.unfinished that is not a batch's work folder is named for what it is --
printf 'scenario,customers.count\nbaseline.ini,50\n' >"$S/one.csv"
"$HK" batch "$S/one.csv" -n 2 -o "$S/r1" --quiet && touch "$S/r1.unfinished"
"$HK" batch "$S/one.csv" -n 2 -o "$S/r1" --quiet 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && grep -qF "$S/r1.unfinished is in the way: it is a plain file, not an unfinished batch" "$T/stderr" &&
    ok "batch: a plain file at DIR.unfinished is called a plain file" ||
    bad "batch: plain file at DIR.unfinished (exit $rc)" "$(cat "$T/stderr")"

# --- --resume recomputes a row folder damaged since it was finished ------------
printf 'scenario,customers.count\nbaseline.ini,50\nbaseline.ini,60\nbaseline.ini,70\n' >"$S/three.csv"
"$HK" batch "$S/three.csv" -n 2 -o "$S/three-ref" --quiet &&
    cp -r "$S/three-ref" "$S/three" && rm "$S/three/summary.csv" &&   # as if killed
    echo garbage >"$S/three/rows/row-0001/summary.csv" && rm "$S/three/rows/row-0002/reps.csv" &&
    truncate -s 100 "$S/three/rows/row-0003/run.ini" # damaged, not other settings
"$HK" batch "$S/three.csv" -n 2 -o "$S/three" --resume --quiet 2>"$T/stderr"
rc=$?
[ $rc -eq 0 ] && same_tree "$S/three-ref" "$S/three" &&
    ok "batch --resume: a row with a damaged or missing file (run.ini too) is computed again" ||
    bad "batch --resume with damaged rows (exit $rc)" "$(cat "$T/stderr" "$T/diff" | head -5)"

# --- --resume of a batch another version began: refused, nothing changed ----
# Its rows may hold other results than this version gives for the same
# settings and seed; finishing it would mix the two in one table.
cp -r "$S/three-ref" "$S/oldver" && rm -r "$S/oldver/summary.csv" "$S/oldver/rows/row-0002" &&
    sed -i '1s/.*/; huikuan 0.1.0/' "$S/oldver/rows/row-0001/run.ini"
before=$(cd "$S" && find oldver -type f -exec cksum {} + | LC_ALL=C sort -k3)
"$HK" batch "$S/three.csv" -n 2 -o "$S/oldver" --resume --quiet 2>"$T/stderr"
rc=$?
after=$(cd "$S" && find oldver -type f -exec cksum {} + | LC_ALL=C sort -k3)
version=$("$HK" --version | cut -d' ' -f2)
[ $rc -eq 2 ] && [ "$before" = "$after" ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
    grep -qxF "huikuan: $S/oldver/rows/row-0001/run.ini:1: this row was made by huikuan 0.1.0, and this is huikuan $version, whose results may differ (README: Changes to results): finish the batch with huikuan 0.1.0, or run it again into another folder" "$T/stderr" &&
    ok "batch --resume: rows another version made are refused before any row runs, nothing changed" ||
    bad "batch --resume of another version's rows (exit $rc)" "$(cat "$T/stderr")"
# Resumed with other settings too (a later version has keys the rows'
# settings lack, so its settings always differ): the refusal says which
# version made the rows, not only the first key that differs.
cp -r "$S/oldver" "$S/oldver3"
"$HK" batch "$S/three.csv" -n 3 -o "$S/oldver3" --resume --quiet 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
    grep -qF "this batch was started with other settings (row-0001 ($S/three.csv:2) was made by huikuan 0.1.0, and this is huikuan $version, whose keys and results may differ (README: Changes to results): finish the batch with huikuan 0.1.0);" "$T/stderr" &&
    ok "batch --resume with other settings of another version's rows: the version named" ||
    bad "batch --resume -n 3 of another version's rows (exit $rc)" "$(cat "$T/stderr")"
# A first line cut short, or not a version, says nothing of one: the row
# is damaged, and computed again as any damaged row is.
for first in '; huikuan 0.' '; huikuan ' '; huikuan 0.2.0x'; do
    rm -rf "$S/cutver" && cp -r "$S/three-ref" "$S/cutver" && rm "$S/cutver/summary.csv" &&
        printf '%s' "$first" >"$S/cutver/rows/row-0001/run.ini"
    "$HK" batch "$S/three.csv" -n 2 -o "$S/cutver" --resume --quiet 2>"$T/stderr" &&
        same_tree "$S/three-ref" "$S/cutver" || break
    first=
done
[ -z "$first" ] &&
    ok "batch --resume: a run.ini whose first line names no whole version is a damaged row, computed again" ||
    bad "batch --resume with a run.ini cut to '$first'" "$(cat "$T/stderr" "$T/diff" | head -5)"

# --- a resume spelt otherwise records the command the batch was started with --
cp -r "$S/three-ref" "$S/respelt" && rm -r "$S/respelt/summary.csv" "$S/respelt/rows/row-0002"
"$HK" batch "$S/./three.csv" -n 2 --set sim.days=365 -o "$S/respelt" --resume --quiet 2>"$T/stderr" &&
    same_tree "$S/three-ref" "$S/respelt" &&
    ok "batch --resume with the grid spelt otherwise and a --set of what it holds: byte-identical, the first command recorded" ||
    bad "batch --resume spelt otherwise" "$(cat "$T/stderr" "$T/diff" | head -5)"

# --- --resume refuses to overwrite a user's file named as a combined file -----
# Killed before its combined files: its list names batch.csv alone.
cp -r "$S/three-ref" "$S/unlisted" &&
    (cd "$S/unlisted" && rm -- *.csv.* 2>/dev/null; for f in *.csv run.ini; do [ "$f" = batch.csv ] || rm "$f"; done) &&
    grep '^batch.csv ' "$S/three-ref/.huikuan-files" >"$S/unlisted/.huikuan-files" &&
    echo 'my notes' >"$S/unlisted/run.ini"
"$HK" batch "$S/three.csv" -n 2 -o "$S/unlisted" --resume --quiet 2>"$T/stderr"
rc=$?
[ $rc -eq 2 ] && [ "$(cat "$S/unlisted/run.ini")" = 'my notes' ] && [ ! -e "$S/unlisted/summary.csv" ] &&
    grep -qF "$S/unlisted/run.ini: huikuan did not write it, and this batch writes its combined run.ini there as it finishes" "$T/stderr" &&
    ok "batch --resume: a user's run.ini where the combined one goes is refused, kept" ||
    bad "batch --resume over a user's run.ini (exit $rc)" "$(cat "$T/stderr")"
rm "$S/unlisted/run.ini"
"$HK" batch "$S/three.csv" -n 2 -o "$S/unlisted" --resume --quiet 2>"$T/stderr" &&
    same_tree "$S/three-ref" "$S/unlisted" &&
    ok "batch --resume: once it is moved away, the batch finishes byte-identically" ||
    bad "batch --resume after moving the user's file" "$(cat "$T/stderr" "$T/diff" | head -5)"

# --- --resume removes what killed runs left, and nothing of the user's --------
host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9.\n-' '_')
gone=$(sh -c 'echo $$')
cp -r "$S/three-ref" "$S/leftovers" && rm "$S/leftovers/summary.csv" &&
    echo x >"$S/leftovers/reps.csv.tmp-$host-$gone-Ab12Cd" && echo x >"$S/leftovers/aging.csv.tmp-Zz9Yy8" &&
    mkdir "$S/leftovers/rows/row-0002.tmp-$host-$gone-Cd34Ef" &&
    echo mine >"$S/leftovers/summary.csv.old-backup" && echo mine >"$S/leftovers/run.ini.tmp-2024v1" &&
    echo live >"$S/leftovers/reps.csv.tmp-$host-$$-Gh56Ij" &&
    echo live >"$S/leftovers/.report.html.tmp-$host-$$-Kl78Mn"
# A combined file's temporary is only ever a batch's, written under the
# lock the resume now holds: its writer is gone whatever process bears
# its number. The report's page is written without that lock: a live
# report's is kept.
"$HK" batch "$S/three.csv" -n 2 -o "$S/leftovers" --resume --quiet 2>"$T/stderr"
rc=$?
left=$(cd "$S/leftovers" && LC_ALL=C ls -d .*tmp-* *tmp-* *old-* rows/*tmp-* 2>/dev/null | tr '\n' ' ')
[ $rc -eq 0 ] && [ "$left" = ".report.html.tmp-$host-$$-Kl78Mn run.ini.tmp-2024v1 summary.csv.old-backup " ] &&
    ok "batch --resume removes what killed runs left, not a user's backups or a live report's page" ||
    bad "batch --resume leftovers (exit $rc): left $left" "$(cat "$T/stderr")"

# --- killed as its finished work took DIR's place: --resume finishes the move --
# The batch built beside earlier results was moved out of DIR.unfinished
# under a staging name and the process died before the swap: --resume
# finds it (this host, its process gone, this grid and settings) and
# finishes, instead of refusing DIR's earlier rows.
host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9.\n-' '_')
gone=$(sh -c 'echo $$')
"$HK" batch "$S/three.csv" -n 2 --seed 5 -o "$S/strand" --quiet &&
    cp -r "$S/three-ref" "$S/strand.tmp-$host-$gone-Ab12Cd" &&
    "$HK" batch "$S/three.csv" -n 2 -o "$S/strand" --resume --quiet 2>"$T/stderr" &&
    same_tree "$S/three-ref" "$S/strand" && [ -z "$(ls -d "$S"/strand.* 2>/dev/null)" ] &&
    ok "batch --resume after a kill mid-way into DIR's place: finished, earlier results replaced" ||
    bad "batch --resume of work stranded mid-move" "$(cat "$T/stderr" "$T/diff" | head -5; ls -d "$S"/strand*)"

# --- stopped with its work finished in DIR.unfinished, before the move ------------
# Its summary.csv written, the batch was stopped before it took DIR's
# place: a run into DIR is refused as long as that work is there (a run
# had been let in, and the --resume after it put the older batch in the
# place of its results); --resume then moves the batch into place.
"$HK" run scenarios/seed_example.ini -n 2 -o "$S/fin" --quiet >/dev/null &&
    cp -r "$S/three-ref" "$S/fin.unfinished"
before=$(cd "$S" && find fin -type f -exec cksum {} + | LC_ALL=C sort -k3)
"$HK" run scenarios/seed_example.ini -n 3 -o "$S/fin" --quiet >/dev/null 2>"$T/stderr"
rc=$?
after=$(cd "$S" && find fin -type f -exec cksum {} + | LC_ALL=C sort -k3)
[ $rc -eq 2 ] && [ "$before" = "$after" ] &&
    grep -qF "$S/fin: an unfinished batch into this folder is in $S/fin.unfinished" "$T/stderr" &&
    "$HK" batch "$S/three.csv" -n 2 -o "$S/fin" --resume --quiet 2>"$T/stderr" &&
    same_tree "$S/three-ref" "$S/fin" && [ ! -e "$S/fin.unfinished" ] &&
    ok "a finished batch not yet moved into DIR: a run into DIR is refused, --resume moves it" ||
    bad "a finished batch in DIR.unfinished (run's exit $rc)" "$(cat "$T/stderr" "$T/diff" 2>/dev/null | head -5)"

# --- a batch killed on one machine, resumed on another ---------------------------
# A cluster's job is often started again on another node. What a batch
# killed there left (a row staged in rows/, a combined file and the list
# of files staged at the top, or the finished batch on its way into DIR)
# names the other host, and had been kept as perhaps a live writer's: in
# the finished results (a second copy of a row), or stranding the batch
# (the resume then compared the grid with the earlier results in DIR and
# refused it). A batch holds a lock on its folder while it writes: a free
# lock says the writer is gone, wherever it ran.
if [ "$(id -u)" -eq 0 ] && unshare -u true 2>/dev/null; then
    on_other_host() { unshare -u sh -c 'hostname huikuan-other-node && exec "$@"' sh "$@"; }
    host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9.\n-' '_')
    cp -r "$S/three-ref" "$S/xh" && rm "$S/xh/summary.csv" "$S/xh/monthly.csv" &&
        cp -r "$S/xh/rows/row-0002" "$S/xh/rows/row-0002.tmp-$host-1-Ab3dEf" &&
        echo partial >"$S/xh/monthly.csv.tmp-$host-1-Ab3dEf" &&
        cp "$S/xh/.huikuan-files" "$S/xh/.huikuan-files.tmp-$host-1-Ab3dEf" &&
        on_other_host "$HK" batch "$S/three.csv" -n 2 -o "$S/xh" --resume --quiet 2>"$T/stderr" &&
        same_tree "$S/three-ref" "$S/xh" &&
        ok "batch --resume on another host: what a killed batch left in its folder is removed, the results byte-identical" ||
        bad "batch --resume on another host, leftovers in the folder" "$(cat "$T/stderr" "$T/diff" | head -5; ls -A "$S/xh" "$S/xh/rows")"
    # The finished batch killed on its way into DIR, beside earlier results
    # of another grid: found under its staging name and moved into place.
    cp -r "$S/three-ref" "$S/xs.tmp-$host-1-Ab3dEf" &&
        "$HK" batch "$S/user1.csv" -n 2 -o "$S/xs" --quiet &&
        cp -r "$S/xs" "$S/xs-before" &&
        on_other_host "$HK" batch "$S/three.csv" -n 2 -o "$S/xs" --resume --quiet 2>"$T/stderr" &&
        same_tree "$S/three-ref" "$S/xs" && [ -z "$(ls -d "$S"/xs.* 2>/dev/null)" ] &&
        ok "batch --resume on another host: a finished batch stranded on its way into DIR is moved into place" ||
        bad "batch --resume on another host, stranded batch" "$(cat "$T/stderr" "$T/diff" | head -5; ls -d "$S"/xs*)"
    # But not while the batch that left it still holds its lock (a live
    # batch on the other host, mid-move): it stays where it is.
    cp -r "$S/three-ref" "$S/xl.tmp-$host-1-Ab3dEf" && cp -r "$S/xs-before" "$S/xl" &&
        on_other_host flock "$S/xl.tmp-$host-1-Ab3dEf" sh -c '"$@" 2>"$0"' "$T/stderr" \
            "$HK" batch "$S/three.csv" -n 2 -o "$S/xl" --resume --quiet
    rc=$?
    [ $rc -eq 2 ] && [ -d "$S/xl.tmp-$host-1-Ab3dEf" ] && same_tree "$S/xs-before" "$S/xl" &&
        ok "batch --resume leaves a locked batch on its way into DIR alone (exit 2: DIR holds another grid)" ||
        bad "batch --resume took a locked stranded batch (exit $rc)" "$(cat "$T/stderr"; ls -d "$S"/xl*)"
else
    echo "[  SKIPPED ] batch: resumed on another host (needs root and unshare -u)"
fi

# --- a resume with nothing left to compute shows no progress line ---------------
# (it showed "batch: replications: 0.0/0, 0.00/s" on a terminal).
if script -qec true /dev/null >/dev/null 2>&1; then
    script -qec "$HK batch $S/three.csv -n 2 -o $S/three --resume" /dev/null >"$T/tty" 2>&1
    cp -r "$S/three-ref" "$S/tty" && rm -r "$S/tty/summary.csv" "$S/tty/rows/row-0003" &&
        script -qec "$HK batch $S/three.csv -n 2 -o $S/tty --resume" /dev/null >"$T/tty2" 2>&1
    ! grep -q 'replications' "$T/tty" && grep -q 'batch: replications' "$T/tty2" &&
        ok "batch --resume on a terminal: a progress line only where there is work left" ||
        bad "batch --resume's progress on a terminal" "$(cat "$T/tty" "$T/tty2" | tr '\r' '\n' | head -5)"
else
    echo "[  SKIPPED ] batch: progress on a terminal (no script(1) here)"
fi

# --- a disk that fills up mid-batch: exit status 1, not 2, and resumable -------
# A tmpfs with inodes for the batch folder (the mount's root; the folder,
# its marker, settings, batch.csv, list of files and rows/) and two rows
# only, so the third row's folder cannot be begun; then more inodes, and
# --resume completes it.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/full" &&
    per_row=$(find "$S/three-ref/rows/row-0001" | wc -l) &&
    mount -t tmpfs -o size=8m,nr_inodes=$((7 + 2 * per_row)) tmpfs "$T/full" 2>/dev/null; then
    "$HK" batch "$S/three.csv" -n 2 -o "$T/full/b" --quiet 2>"$T/stderr"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$T/stderr")" -eq 1 ] &&
        grep -qF "$T/full/b/rows/row-0003: cannot write in $T/full/b/rows: No space left on device" "$T/stderr" &&
        [ -d "$T/full/b/rows/row-0002" ] && [ ! -e "$T/full/b/summary.csv" ] &&
        ok "batch: a disk full at a row's folder is exit status 1 (a failure while writing)" ||
        bad "batch: disk full mid-batch (exit $rc, expected 1)" "$(cat "$T/stderr")"
    # Resumed where nothing can be written (read-only now): refused as an
    # output folder is, before any row is computed.
    before=$(find "$T/full/b" | LC_ALL=C sort)
    mount -o remount,ro "$T/full" &&
        { "$HK" batch "$S/three.csv" -n 2 -o "$T/full/b" --resume --quiet 2>"$T/stderr"; rc=$?; } &&
        [ $rc -eq 2 ] && [ "$(find "$T/full/b" | LC_ALL=C sort)" = "$before" ] &&
        grep -qxF "huikuan: $T/full/b: cannot write in it: Read-only file system; a resumed batch writes its rows and combined files there" "$T/stderr" &&
        ok "batch: --resume where nothing can be written is refused at once (exit 2)" ||
        bad "batch: --resume on a read-only file system (exit $rc)" "$(cat "$T/stderr")"
    mount -o remount,rw,nr_inodes=1000 "$T/full" &&
        "$HK" batch "$S/three.csv" -n 2 -o "$T/full/b" --resume --quiet 2>"$T/stderr" &&
        same_tree "$S/three-ref" "$T/full/b" &&
        ok "batch: once there is room, --resume completes it byte-identically" ||
        bad "batch: --resume after a full disk" "$(cat "$T/stderr" "$T/diff" | head -5)"
    umount "$T/full"
    # No inode left for a run's staging folder: a full disk, exit 1 (it
    # had been 2, as for a folder one may not write in).
    if mount -t tmpfs -o size=1m,nr_inodes=3 tmpfs "$T/full" 2>/dev/null &&
        touch "$T/full/a" "$T/full/b" 2>/dev/null; then
        "$HK" run scenarios/seed_example.ini -n 2 -o "$T/full/r" --quiet >/dev/null 2>"$T/stderr"
        rc=$?
        [ $rc -eq 1 ] && grep -qF "$T/full/r: cannot write in $T/full: No space left on device" "$T/stderr" &&
            [ -z "$(ls "$T/full" | grep -v '^[ab]$')" ] &&
            ok "run: no room for its staging folder is exit status 1 (a full disk)" ||
            bad "run: no room for its staging folder (exit $rc, expected 1)" "$(cat "$T/stderr")"
        umount "$T/full"
    fi
else
    echo "[  SKIPPED ] batch: a disk full mid-batch (needs root and a tmpfs mount)"
fi
