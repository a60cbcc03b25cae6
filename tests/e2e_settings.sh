# e2e_settings.sh — sourced by cli_test.sh (uses HK, T, ok, bad).
#
# Settings drawn at random from every key's own range, as `huikuan keys`
# states it, with its ends drawn often: each run either finishes with the
# money identities holding to the cent in every replication, or is
# refused with one line naming a key it was given (a rule that spans keys,
# such as a report day past its period). Nothing else: no crash, no
# sanitizer report, no stray output. The draws are fixed (awk's srand),
# so a failure names a command that fails again.

SETTINGS_TRIALS=${SETTINGS_TRIALS:-80}
"$HK" keys >"$T/keys.txt"
# Keys left out: the run's own size and seed (set below, small), names,
# segment shares (they must sum to 1, so nearly every draw is refused),
# and the two whose other half (a [markov] section, effort orders) the
# baseline lacks.
awk -v trials="$SETTINGS_TRIALS" '
function pick(lo, hi,   c) {
    c = rand()
    if (c < 0.2) return lo
    if (c < 0.35) return hi
    if (c < 0.7) return lo + ((hi > 100 && lo + 10 < hi ? lo + 10 : hi) - lo) * rand()
    return lo + (hi - lo) * rand() ^ 4
}
NR > 1 {
    key = $1
    if (key ~ /^(sim|markov)\./ || key ~ /\.share$/ || key ~ /^(customers\.count|reps\.count|customers\.behaviour|scheme\.base_salary_mode)$/)
        next
    if (match($0, /(an integer|a number|an amount) from [^ ]+ to [^ ;,]+/)) {
        split(substr($0, RSTART, RLENGTH), w, " ")
        n++; name[n] = key; lo[n] = w[4] + 0; hi[n] = w[6] + 0
        kind[n] = w[1] == "an" && w[2] == "integer" ? "int" : w[2] == "amount" ? "money" : "num"
    } else if (match($0, /one of [^ ]+/)) {
        n++; name[n] = key; kind[n] = "enum"; opts[n] = substr($0, RSTART + 7, RLENGTH - 7)
    } else if ($0 ~ /yes or no/) {
        n++; name[n] = key; kind[n] = "enum"; opts[n] = "yes|no"
    }
}
END {
    srand(20261203)
    split("1 7 30 120 400", days, " "); split("0 0 30 200", warm, " ")
    split("1 3 40 120 400", custs, " "); split("1 2 5 20", reps, " "); split("3 8 20", many, " ")
    for (t = 1; t <= trials; t++) {
        line = sprintf("sim.days=%d sim.warmup_days=%d customers.count=%d reps.count=%d",
                       days[int(rand() * 5) + 1], warm[int(rand() * 4) + 1],
                       custs[int(rand() * 5) + 1], reps[int(rand() * 4) + 1])
        k = many[int(rand() * 3) + 1]
        delete used
        for (j = 0; j < k; j++) {
            i = int(rand() * n) + 1
            if (i in used) continue
            used[i] = 1
            if (kind[i] == "enum") {
                m = split(opts[i], o, "|"); v = o[int(rand() * m) + 1]
            } else {
                x = pick(lo[i], hi[i])
                v = kind[i] == "int" ? sprintf("%d", x + 0.5) : kind[i] == "money" ? sprintf("%.2f", x) : sprintf("%.6g", x)
            }
            line = line " " name[i] "=" v
        }
        print line
    }
}' "$T/keys.txt" >"$T/settings.txt"

settings_ok=0 settings_refused=0 settings_bad=0
while read -r line; do
    set --
    for s in $line; do set -- "$@" --set "$s"; done
    rm -rf "$T/settings"
    "$HK" run scenarios/baseline.ini -n 2 -j 2 --quiet -o "$T/settings" "$@" >"$T/stdout" 2>"$T/stderr"
    rc=$?
    if [ $rc -eq 2 ]; then
        # One line, naming a key of this trial, and nothing written.
        named=0
        for s in $line; do grep -qF -- "${s%%=*}" "$T/stderr" && named=1; done
        if [ "$(wc -l <"$T/stderr")" -eq 1 ] && [ $named -eq 1 ] && [ ! -e "$T/settings" ] &&
            [ ! -s "$T/stdout" ]; then
            settings_refused=$((settings_refused + 1))
            continue
        fi
    elif [ $rc -eq 0 ] && ! grep -qv '^huikuan: note: ' "$T/stderr" &&
        awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
            function v(m) { return $c[m] * 100 }
            # To the cent, but awk adds in doubles: past 2^53 cents a sum
            # is exact only to its last bits.
            function off(a, b) { d = a - b; e = 0.5 + 1e-14 * (a < 0 ? -a : a); return d > e || d < -e }
            {
                pay = v("base_pay") + v("commission") + v("bonuses") - v("penalties")
                pay -= v("liability_charges") + v("clawbacks")
                profit = v("gross_margin") + v("interest") + v("repossessed_value")
                profit -= v("discounts") + v("concessions") + v("repossessed")
                profit -= v("comp_cost")
                profit -= v("bad_debt")
                profit -= v("cost_of_capital")
                profit -= v("collection_cost") + v("factoring_cost") + v("hiring_cost")
                if (off(v("comp_cost"), pay) || off(v("firm_profit"), profit))
                    bad = 1
                rows++
            }
            END { exit bad || rows != 2 }' "$T/settings/replications.csv"; then
        settings_ok=$((settings_ok + 1))
        continue
    fi
    settings_bad=$((settings_bad + 1))
    bad "random settings: exit $rc with --set ${line}" "$(head -c 1500 "$T/stderr")"
done <"$T/settings.txt"
if [ $settings_bad -eq 0 ] && [ $settings_ok -ge $((SETTINGS_TRIALS / 2)) ]; then
    ok "random settings within every key's range: $settings_ok runs with pay and profit adding up to the cent, $settings_refused refused naming a key"
else
    bad "random settings: $settings_ok ran, $settings_refused refused, $settings_bad wrong (at least half must run)"
fi
