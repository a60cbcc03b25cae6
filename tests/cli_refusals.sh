# cli_refusals.sh — malformed input refused whole; sourced by cli_test.sh
# (uses its HK, T, ok and bad). Scenarios, grids, flags, output folders.
#
# Every refusal must: exit with status 2; print exactly one line on
# stderr, naming the file, line and key (or the flag) and what is
# allowed; print nothing on stdout; and write nothing at all. Every
# refused run is pointed at an existing results folder (R/keep), and the
# whole sandbox R must be byte for byte the same afterwards: no output,
# no staging folder, the previous results untouched.

R="$T/refusals"   # the sandbox checked after each refusal
IN="$T/inputs"    # generated malformed inputs (outside the sandbox)
IO="$T/io"        # the refused command's stdout and stderr
mkdir -p "$R" "$IN" "$IO"
"$HK" run scenarios/seed_example.ini -n 2 -o "$R/keep" --quiet >/dev/null || bad "cannot make $R/keep"
echo precious >"$R/a-file"
mkdir -p "$R/home" && echo mine >"$R/home/notes.txt"
ln -s keep "$R/link"

# Names, types and checksums of everything under R.
fingerprint() {
    (cd "$R" && find . -printf '%y %p %l\n' | LC_ALL=C sort && find . -type f -exec cksum {} + | LC_ALL=C sort)
}

# refuse NAME WANT COMMAND...: the command is refused as described above,
# with WANT in its message.
refuse() {
    name=$1 want=$2
    shift 2
    before=$(fingerprint)
    "$@" >"$IO/stdout" 2>"$IO/stderr" </dev/null
    rc=$?
    msg=$(cat "$IO/stderr")
    lines=$(wc -l <"$IO/stderr")
    if [ $rc -ne 2 ]; then
        bad "$name: exit status $rc, expected 2" "$msg"
    elif ! grep -qF -- "$want" "$IO/stderr"; then
        bad "$name: message lacks '$want'" "$msg"
    elif [ "$lines" -ne 1 ]; then
        bad "$name: expected one line of message, got $lines" "$msg"
    elif [ -s "$IO/stdout" ]; then
        bad "$name: printed on stdout" "$(head -3 "$IO/stdout")"
    elif [ "$(fingerprint)" != "$before" ]; then
        bad "$name: files written or changed despite the refusal" "$(ls -a "$R")"
    else
        ok "$name: $msg"
    fi
}

KEEP="$R/keep"
BASE=scenarios/baseline.ini

# --- malformed input files, each with its message in tests/bad/MESSAGES:
# scenarios (*.ini) go to `run`, grid files (*.csv) to `batch`.
for f in tests/bad/*.ini tests/bad/*.csv; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    [ "$name" = empty_is_fine.ini ] && continue
    want=$(awk -v n="$name:" 'index($0, n) == 1' tests/bad/MESSAGES | head -1)
    if [ -z "$want" ]; then
        bad "$f has no line in tests/bad/MESSAGES"
        continue
    fi
    case $f in
    *.csv) refuse "bad grid $name" "huikuan: tests/bad/$want" "$HK" batch "$f" -o "$KEEP" ;;
    *) refuse "bad scenario $name" "huikuan: tests/bad/$want" "$HK" run "$f" -o "$KEEP" ;;
    esac
done

# --- scenario files that cannot be read
head -c 1048577 /dev/zero | tr '\0' ';' >"$IN/huge.ini"
mkfifo "$IN/fifo.ini"
mkdir "$IN/folder.ini"
ln -s loop.ini "$IN/loop.ini"
refuse "a file over 1 MiB" "$IN/huge.ini: file too large for a scenario (over 1048576 bytes)" \
    "$HK" run "$IN/huge.ini" -o "$KEEP"
refuse "a FIFO as scenario (never waits for a writer)" "$IN/fifo.ini: cannot read scenario: it is a pipe" \
    timeout 10 "$HK" run "$IN/fifo.ini" -o "$KEEP"
refuse "a folder as scenario" "$IN/folder.ini: cannot read scenario: it is a folder" \
    "$HK" run "$IN/folder.ini" -o "$KEEP"
refuse "a device as scenario" "/dev/zero: cannot read scenario: it is a device" \
    "$HK" run /dev/zero -o "$KEEP"
refuse "a symlink loop as scenario" "$IN/loop.ini: cannot open scenario: Too many levels of symbolic links" \
    "$HK" run "$IN/loop.ini" -o "$KEEP"
refuse "missing file" "no/such.ini: cannot open scenario: No such file or directory" \
    "$HK" run no/such.ini -o "$KEEP"
if [ "$(id -u)" -ne 0 ]; then
    cp scenarios/seed_example.ini "$IN/unreadable.ini" && chmod 000 "$IN/unreadable.ini"
    refuse "an unreadable scenario" "$IN/unreadable.ini: cannot open scenario: Permission denied" \
        "$HK" run "$IN/unreadable.ini" -o "$KEEP"
else
    echo "[     SKIP ] unreadable scenario (chmod 000): root reads it anyway; the FIFO, folder and device above cover unreadable input"
fi

# --- a FIFO or a device where a results folder holds a file: refused at
# once, never waited on (a FIFO with no writer would hang the command)
"$HK" run scenarios/seed_example.ini -n 2 -o "$R/fifo-list" --quiet >/dev/null
rm "$R/fifo-list/.huikuan-files" && mkfifo "$R/fifo-list/.huikuan-files"
refuse "run into a folder whose file list is a FIFO" \
    "$R/fifo-list: holds huikuan results, but .huikuan-files cannot be read as a list of files" \
    timeout 10 "$HK" run scenarios/seed_example.ini -n 2 -o "$R/fifo-list"
for cmd in plot report; do
    refuse "$cmd of a folder whose file list is a FIFO" \
        "$R/fifo-list/.huikuan-files: cannot be read as a list of files" timeout 10 "$HK" $cmd "$R/fifo-list"
done
"$HK" run scenarios/seed_example.ini -n 2 -o "$R/fifo-table" --quiet >/dev/null
cp -r "$R/fifo-table" "$R/zero-table"
rm "$R/fifo-table/monthly.csv" && mkfifo "$R/fifo-table/monthly.csv"
rm "$R/zero-table/monthly.csv" && ln -s /dev/zero "$R/zero-table/monthly.csv"
for d in fifo-table zero-table; do
    refuse "report of a folder whose monthly.csv is $([ $d = fifo-table ] && echo a FIFO || echo /dev/zero)" \
        "$R/$d/monthly.csv: not a plain file, so not one huikuan wrote ($([ $d = fifo-table ] &&
            echo a FIFO || echo a symbolic link))" timeout 10 "$HK" report "$R/$d"
done

# --- grid files that cannot be read
mkfifo "$IN/fifo.csv"
mkdir "$IN/folder.csv"
refuse "a FIFO as grid (never waits for a writer)" "$IN/fifo.csv: cannot read CSV file: it is a pipe" \
    timeout 10 "$HK" batch "$IN/fifo.csv" -o "$KEEP"
refuse "a folder as grid" "$IN/folder.csv: cannot read CSV file: it is a folder" \
    "$HK" batch "$IN/folder.csv" -o "$KEEP"
refuse "a device as grid" "/dev/zero: cannot read CSV file: it is a device" \
    "$HK" batch /dev/zero -o "$KEEP"
refuse "a missing grid" "no/grid.csv: cannot open CSV file: No such file or directory" \
    "$HK" batch no/grid.csv -o "$KEEP"

# --- --set overrides
long=$(head -c 600 /dev/zero | tr '\0' 7)
refuse "--set of one key twice" "--set sim.days =20: sim.days is set twice (first by --set sim.days=10); give each key once" \
    "$HK" run scenarios/seed_example.ini --set sim.days=10 --set "sim.days =20" -o "$KEEP"
refuse "sweep of the seed" "--param sim.seed: not a key to vary: every value runs on the same seeds" \
    "$HK" sweep scenarios/seed_example.ini --param sim.seed --values 1,2 -o "$KEEP"
refuse "calibrate of the seed" "--param sim.seed: not a key to vary: every value runs on the same seeds" \
    "$HK" calibrate scenarios/seed_example.ini --param sim.seed --range 1:2 --maximize firm_profit -o "$KEEP"
refuse "sweep of the replications" "--param sim.replications: not a key to vary: it is how many replications each value gets: give it with -n" \
    "$HK" sweep scenarios/seed_example.ini --param sim.replications --values 2,3 -o "$KEEP"
refuse "sweep of a chain's states" "--param markov.states: not a key to vary: a Markov chain's states and rows are lists (markov.period_days is its one number); give each chain a scenario file and compare them, or a column of a batch's grid" \
    "$HK" sweep scenarios/validation/markov.ini --param markov.states --values a,b -o "$KEEP"
refuse "calibrate of a chain's row, in a scenario without a chain" "--param markov.d30: not a key to vary: a Markov chain's states and rows are lists" \
    "$HK" calibrate scenarios/seed_example.ini --param markov.d30 --range 0:1 --maximize firm_profit -o "$KEEP"
refuse "calibrate with a --set of its own key" "--set scheme.commission_sales=0.02: scheme.commission_sales is what --param varies; leave it out of --set" \
    "$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.1 \
    --maximize firm_profit --set scheme.commission_sales=0.02 -o "$KEEP"
refuse "--set unknown key" "--set scheme.bogus=1: scheme.bogus: unknown key in [scheme]" \
    "$HK" run "$BASE" --set scheme.bogus=1 -o "$KEEP"
refuse "--set unknown section" "--set bogus.key=1: bogus.key: unknown section [bogus]" \
    "$HK" run "$BASE" --set bogus.key=1 -o "$KEEP"
refuse "--set out of range" "--set scheme.liability_share=2: scheme.liability_share = 2: out of range (must be a number from 0 to 1)" \
    "$HK" run "$BASE" --set scheme.liability_share=2 -o "$KEEP"
refuse "--set without =" "--set scheme.liability_share: expected section.key=value" \
    "$HK" run "$BASE" --set scheme.liability_share -o "$KEEP"
refuse "--set without a key" "--set =3: expected section.key=value" \
    "$HK" run "$BASE" --set =3 -o "$KEEP"
refuse "--set without a section" "--set days=3: 'days' is not of the form section.key" \
    "$HK" run "$BASE" --set days=3 -o "$KEEP"
refuse "--set empty value" "--set sim.days=: sim.days: value is empty (must be an integer from 1 to 3650)" \
    "$HK" run "$BASE" --set sim.days= -o "$KEEP"
refuse "--set NaN" "scheme.penalty_daily_rate = NaN: must be a finite number (a number from 0 to 1)" \
    "$HK" run "$BASE" --set scheme.penalty_daily_rate=NaN -o "$KEEP"
refuse "--set negative money" "scheme.penalty_cap = -1.00: out of range (must be an amount from 0.00" \
    "$HK" run "$BASE" --set scheme.penalty_cap=-1.00 -o "$KEEP"
refuse "--set hexadecimal" "reps.quit_prob = 0x0.8p0: not a number (must be a number from 0 to 1)" \
    "$HK" run "$BASE" --set reps.quit_prob=0x0.8p0 -o "$KEEP"
refuse "--set a very long value" "sim.days: value is too long (must be an integer from 1 to 3650)" \
    "$HK" run "$BASE" --set "sim.days=$long" -o "$KEEP"
refuse "--set value with a newline (one line of message)" "sim.days = 3\\x0a4: not an integer" \
    "$HK" run "$BASE" --set "sim.days=3
4" -o "$KEEP"
# Bytes that only look like UTF-8 (a surrogate, an overlong form, past
# U+10FFFF) are shown as \xNN, as any other stray byte; a tag character,
# which prints as nothing, by its code point.
for bad_utf8 in '\355\240\200|\xed\xa0\x80' '\340\200\257|\xe0\x80\xaf' \
    '\364\220\200\200|\xf4\x90\x80\x80'; do
    raw=$(printf "${bad_utf8%%|*}") shown=${bad_utf8#*|}
    refuse "--set value with bytes that are not UTF-8 ($shown)" "sim.days = 3$shown: not an integer" \
        "$HK" run "$BASE" --set "sim.days=3$raw" -o "$KEEP"
done
refuse "--set value ending in an invisible tag character" "sim.days = 3\\U000e0001: not an integer" \
    "$HK" run "$BASE" --set "sim.days=3$(printf '\363\240\200\201')" -o "$KEEP"
refuse "--set shares not summing to 1" "--set segment.prompt.share=0.9: segment.prompt.share: segment shares sum to 1.6" \
    "$HK" run "$BASE" --set segment.prompt.share=0.9 -o "$KEEP"
refuse "--set too large for 64-bit cents" "--set customers.count=10000000: customers.count = 10000000: scenario too large" \
    "$HK" run "$BASE" --set orders.amount_mean=100000000 --set customers.count=10000000 -o "$KEEP"
# A rule an override broke, blamed on a line of the file: the file's
# line, not the override's text with the file's line number after it.
printf '[orders]\namount_mean = 100000000\nrate_per_month = 30\n' >"$IN/amount.ini"
refuse "--set too large, blamed on the file's line" "$IN/amount.ini:2: orders.amount_mean = 100000000.00: scenario too large" \
    "$HK" run "$IN/amount.ini" --set customers.count=100000 -o "$KEEP"
# One --set for two files, which breaks one of them: that one is named.
refuse "compare --set that breaks one of its files" "scenarios/baseline.ini: --set segment.prompt.share=1: segment.prompt.share: segment shares sum to 1.7" \
    "$HK" compare scenarios/seed_example.ini scenarios/baseline.ini --set segment.prompt.share=1 -o "$KEEP"
refuse "--set too large: the key that makes it so, not the last" "--set orders.amount_mean=10000000000: orders.amount_mean = 10000000000.00: scenario too large" \
    "$HK" run "$BASE" --set orders.amount_mean=10000000000 --set orders.rate_per_month=30 --set customers.count=200 -o "$KEEP"
refuse "--set invalid name" "--set sim.name=a/b: sim.name = a/b: not a valid name" \
    "$HK" run "$BASE" --set sim.name=a/b -o "$KEEP"

# --- -n, --seed, -j and the command line itself
refuse "-n 0" "-n 0: sim.replications = 0: out of range (must be an integer from 2 to 1000000)" \
    "$HK" run "$BASE" -n 0 -o "$KEEP"
refuse "-n not a number" "-n many: sim.replications = many: not an integer" "$HK" run "$BASE" -n many -o "$KEEP"
refuse "-n with an exponent" "-n 1e3: sim.replications = 1e3: not an integer" "$HK" run "$BASE" -n 1e3 -o "$KEEP"
refuse "-n overflowing" "-n 99999999999999999999: sim.replications = 99999999999999999999: not an integer" \
    "$HK" run "$BASE" -n 99999999999999999999 -o "$KEEP"
refuse "-n without a value" "run -n: missing value" "$HK" run "$BASE" -o "$KEEP" -n
# An option where a value goes: the value was left out (the results had
# gone into a folder named --quiet).
refuse "-o followed by an option" "run -o: missing value (the option --quiet follows where it should be)" \
    "$HK" run "$BASE" -o --quiet
refuse "--param followed by an option" "sweep --param: missing value (the option --values follows" \
    "$HK" sweep "$BASE" --param --values 1,2 -o "$KEEP"
refuse "--seed negative" "--seed -5: sim.seed = -5: not a seed (must be an integer from 0 to 18446744073709551615)" \
    "$HK" run "$BASE" --seed -5 -o "$KEEP"
refuse "--seed fractional" "--seed 1.5: sim.seed = 1.5: not a seed" "$HK" run "$BASE" --seed 1.5 -o "$KEEP"
refuse "--seed hexadecimal" "--seed 0x10: sim.seed = 0x10: not a seed" "$HK" run "$BASE" --seed 0x10 -o "$KEEP"
refuse "--seed above 2^64-1" "--seed 18446744073709551616: sim.seed = 18446744073709551616: not a seed" \
    "$HK" run "$BASE" --seed 18446744073709551616 -o "$KEEP"
refuse "-j zero" "run -j 0: must be a whole number of threads from 1 to 1024" "$HK" run "$BASE" -j 0 -o "$KEEP"
refuse "-j0, attached" "run -j 0: must be a whole number of threads from 1 to 1024" "$HK" run "$BASE" -j0 -o "$KEEP"
# With '=' the folder would be named "=DIR" (beside the current folder).
refuse "-o=DIR" "run -o=$R/eq: write -o $R/eq or -o$R/eq, without '='" "$HK" run "$BASE" -o="$R/eq"
refuse "-n=3" "run -n=3: write -n 3 or -n3, without '='" "$HK" run "$BASE" -n=3 -o "$KEEP"
refuse "-j1 and -j 2" "run -j 2: -j is given twice (first 1); give it once" "$HK" run "$BASE" -j1 -j 2 -o "$KEEP"
refuse "-j with junk" "run -j 2x: must be a whole number of threads" "$HK" run "$BASE" -j 2x -o "$KEEP"
refuse "-j with a blank before it" "run -j  2: must be a whole number of threads" "$HK" run "$BASE" -j ' 2' -o "$KEEP"
refuse "-j with a sign" "run -j +2: must be a whole number of threads" "$HK" run "$BASE" -j +2 -o "$KEEP"
refuse "-n with a blank before it" "run -n ' 2': a blank or a sign around the number; write an integer from 2 to 1000000 in digits alone" "$HK" run "$BASE" -n ' 2' -o "$KEEP"
refuse "-n with a blank after it" "run -n '2 ': a blank or a sign" "$HK" run "$BASE" -n '2 ' -o "$KEEP"
refuse "--seed with a sign" "compare --seed '+5': a blank or a sign" \
    "$HK" compare "$BASE" "$BASE" --seed +5 -o "$KEEP"
refuse "-j too many" "run -j 99999: must be a whole number of threads from 1 to 1024" \
    "$HK" run "$BASE" -j 99999 -o "$KEEP"
refuse "unknown flag" "run: unknown option '--fast'" "$HK" run "$BASE" --fast -o "$KEEP"
refuse "no scenario" "run: expects one scenario file, got 0" "$HK" run -o "$KEEP"
refuse "two scenarios to run" "run: expects one scenario file, got 2: '$BASE' and 'scenarios/hybrid.ini'; compare runs several side by side" \
    "$HK" run "$BASE" scenarios/hybrid.ini -o "$KEEP"
refuse "--set with its value apart" "run: expects one scenario file, got 2: '$BASE' and '0.001'; an option's value is one word with it" \
    "$HK" run "$BASE" --set scheme.penalty_daily_rate= 0.001 -o "$KEEP"
refuse "--values as words" "sweep: expects one scenario file, got 3: '$BASE' and '0.001' and more" \
    "$HK" sweep "$BASE" --param scheme.penalty_daily_rate --values 0 0.001 0.002 -o "$KEEP"
refuse "compare with a bad one" "tests/bad/nan_value.ini:2: scheme.commission_sales = nan" \
    "$HK" compare "$BASE" tests/bad/nan_value.ini -o "$KEEP"
refuse "compare, one file given twice" "./scenarios/baseline.ini: given twice; each scenario is run once" \
    "$HK" compare "$BASE" ./scenarios/baseline.ini -o "$KEEP"
cp scenarios/baseline.ini "$IO/baseline.ini"
refuse "compare, two scenarios of one name" "$IO/baseline.ini: scenario name 'baseline' is also the name of scenarios/baseline.ini" \
    "$HK" compare "$BASE" "$IO/baseline.ini" -o "$KEEP"
refuse "unknown command" "unknown command 'rnu'" "$HK" rnu "$BASE" -o "$KEEP"
refuse "unknown command with a newline (one line of message)" "unknown command 'ru\\x0an'" \
    "$HK" "ru
n" "$BASE" -o "$KEEP"
refuse "help for a command with an escape (shown as \\x1b)" "help: no command 'r\\x1bun'" \
    "$HK" help "$(printf 'r\033un')"
refuse "help with an extra argument" "help: takes one command name (got 'extra' after 'run')" \
    "$HK" help run extra
refuse "--set a Markov row with a second ':'" "markov.d90 = paid:1:2: expected ',' after 'paid:1'" \
    "$HK" run scenarios/validation/markov.ini --set markov.d90=paid:1:2 -o "$KEEP"
refuse "--set a Markov row in hexadecimal" "--set markov.d90=paid:0x1p-1,bad_debt:0.5: markov.d90: probability of 'paid' = 0x1p-1: not a number" \
    "$HK" run scenarios/validation/markov.ini --set markov.d90=paid:0x1p-1,bad_debt:0.5 -o "$KEEP"
refuse "a Markov chain too slow at one day a period" "probability above 1e-09; make paid or bad_debt likelier" \
    "$HK" run scenarios/validation/markov.ini --set markov.states=s0,s1 --set markov.s0=s1:1 \
    --set markov.s1=s1:0.99999,paid:0.00001 --set markov.period_days=1 -o "$KEEP"
! grep -q 'period_days shorter' "$IO/stderr" && ok "... and no advice to shorten a period already of one day" ||
    bad "Markov refusal advises a period below one day" "$(cat "$IO/stderr")"
# A chain that settles too slowly once --set lengthens its period: the
# --set is named, not the file's list of states under the --set's text.
refuse "a Markov chain too slow by its --set period" "huikuan: scenarios/validation/markov.ini: --set markov.period_days=3650: markov.states: the chain settles too slowly" \
    "$HK" run scenarios/validation/markov.ini --set markov.d90=d90:0.99,paid:0.01 --set markov.period_days=3650 -o "$KEEP"
refuse "--set a Markov row never left names the --set, not the file's line" "huikuan: scenarios/validation/markov.ini: --set markov.d90=d90:1: markov.states: state 'd90' is never left for paid or bad_debt" \
    "$HK" run scenarios/validation/markov.ini --set markov.d90=d90:1 --set customers.count=50 -o "$KEEP"
# A broken row is named where it was given, not by the last --set that
# touched the chain.
refuse "a Markov row broken by --set, another row set after it" "huikuan: scenarios/validation/markov.ini: --set markov.d30=paid:0.9: markov.d30: probabilities sum to 0.9" \
    "$HK" run scenarios/validation/markov.ini --set markov.d30=paid:0.9 --set markov.current=paid:0.7,d30:0.3 -o "$KEEP"
sed 's/^d60 = .*/d60 = paid:0.35, d90:0.55/' scenarios/validation/markov.ini >"$IN/markov_short_row.ini"
refuse "a Markov row broken in the file, another row set by --set" "huikuan: $IN/markov_short_row.ini:30: markov.d60: probabilities sum to 0.9" \
    "$HK" run "$IN/markov_short_row.ini" --set markov.current=paid:0.7,d30:0.3 -o "$KEEP"
# A results folder named like huikuan's temporaries of another (NAME.old-
# HOST-PID-XXXXXX) was removed by the next run into NAME.
refuse "a scenario named like a folder set aside" \
    "sim.name = a.old-$(hostname)-999999-abcdef: not a valid name" \
    "$HK" run "$BASE" --set "sim.name=a.old-$(hostname)-999999-abcdef" --set customers.count=10
refuse "-o naming a staging folder" "-o $R/a.tmp-x: a name with .tmp- or .old- in it" \
    "$HK" run "$BASE" -n 2 --set customers.count=10 -o "$R/a.tmp-x"
printf 'scenario,customers.count\n%s/scenarios/baseline.ini,10\n' "$PWD" >"$IN/one_row.csv"
refuse "batch --set sim.name" "--set sim.name=x: a batch names its rows row-NNNN itself; leave sim.name out" \
    "$HK" batch "$IN/one_row.csv" --set sim.name=x -o "$KEEP"
refuse "-n with a tab, batch" "batch -n '4\\x09': a blank or a sign" "$HK" batch "$IN/one_row.csv" -n '4	' -o "$KEEP"
refuse "--set of one key twice, for a batch" "--set sim.days=20: sim.days is set twice" \
    "$HK" batch "$IN/one_row.csv" --set sim.days=20 --set sim.days=20 -o "$KEEP"
refuse "-o naming a batch's work folder" "-o $R/a.unfinished/: a name with .tmp- or .old- in it" \
    "$HK" batch "$IN/one_row.csv" -o "$R/a.unfinished/"
refuse "--set markov.states without rows" "--set markov.states=a, b: markov.a: state listed without a row; setting markov.states starts a new chain" \
    "$HK" run scenarios/validation/markov.ini --set 'markov.states=a, b' -o "$KEEP"
# Options a command does not take are refused, not ignored.
refuse "validate -o" "validate: takes no -o option" "$HK" validate -o "$KEEP"
# validate prints its checks and no progress line: nothing to quieten.
refuse "validate --quiet" "validate: takes no --quiet option" "$HK" validate --quiet
refuse "validate --set" "validate: takes no --set option" "$HK" validate --set garbage
refuse "validate -n" "validate: takes no -n option" "$HK" validate -n 5 -j 2
# validate run where one of the scenarios it checks against is missing:
# the file named, no crash (it had freed results never allocated).
mkdir -p "$IN/partial/scenarios/validation"
cp scenarios/validation/*.ini "$IN/partial/scenarios/validation/"
HK_ABS=$(cd "$(dirname "$HK")" && pwd)/$(basename "$HK")
refuse "validate without scenarios/seed_example.ini" \
    "huikuan: scenarios/seed_example.ini: cannot open scenario: No such file or directory" \
    sh -c 'cd "$1" && exec "$2" validate -j 2' sh "$IN/partial" "$HK_ABS"
refuse "bench --seed" "bench: takes no --seed option" "$HK" bench quick --seed 3 -o "$KEEP"
refuse "bench -j" "bench: takes no -j option" "$HK" bench -j 2 -o "$KEEP"
refuse "keys with an argument" "keys: takes no arguments (got '-o')" "$HK" keys -o "$KEEP"
refuse "version with an argument" "version: takes no arguments" "$HK" version --bogus

# --- an option given twice is refused, not overridden by the last; compare
# needs two scenarios to compare
refuse "-n twice" "run -n 4: -n is given twice (first 3); give it once" \
    "$HK" run scenarios/seed_example.ini -n 3 -n 4 -o "$R/twice"
refuse "-j twice" "run -j 2: -j is given twice (first 1)" \
    "$HK" run scenarios/seed_example.ini -j 1 -j 2 -o "$R/twice"
refuse "--param twice" "sweep --param reps.count: --param is given twice (first scheme.commission_sales)" \
    "$HK" sweep scenarios/seed_example.ini --param scheme.commission_sales --param reps.count --values 1,2 -o "$R/twice"
refuse "-n beside --set sim.replications" "run --set sim.replications=3: sim.replications is given twice (also by -n 4); give it once" \
    "$HK" run scenarios/seed_example.ini -n 4 --set sim.replications=3 -o "$R/twice"
refuse "--seed beside --set sim.seed, --set first" "calibrate --set sim.seed = 9: sim.seed is given twice (also by --seed 7)" \
    "$HK" calibrate scenarios/seed_example.ini --set 'sim.seed = 9' --param scheme.commission_sales --range 0.01:0.2 --target commission=5000 --seed 7 -o "$R/twice"
refuse "batch: -n beside --set sim.replications" "batch --set sim.replications=2: sim.replications is given twice (also by -n 3)" \
    "$HK" batch "$IN/none.csv" -n 3 --set sim.replications=2 -o "$R/twice"
refuse "a reporting period too short for any blackout" "--set firm.report_period_days=8: firm.report_period_days: segment.reporting_window.report_blackout_days (120) must be at most firm.report_period_days (8) less 8 days, here 0 (no blackout)" \
    "$HK" run "$BASE" --set firm.report_period_days=8 -o "$R/twice"
refuse "compare of one scenario" "compare: expects at least 2 scenario files, got 1" \
    "$HK" compare scenarios/seed_example.ini -o "$R/twice"

# --- output folders that cannot or may not be written
refuse "-o an existing file" "$R/a-file: exists and is not a folder" \
    "$HK" run scenarios/seed_example.ini -o "$R/a-file"
refuse "-o under a missing folder" "$R/nodir/deeper/x: parent folder $R/nodir/deeper does not exist" \
    "$HK" run scenarios/seed_example.ini -o "$R/nodir/deeper/x"
refuse "-o under a file" "$R/a-file/x: cannot use as output folder: Not a directory" \
    "$HK" run scenarios/seed_example.ini -o "$R/a-file/x"
refuse "-o a folder of other files" "$R/home: exists, is not empty and holds no huikuan results" \
    "$HK" run scenarios/seed_example.ini -o "$R/home"
cp -r "$KEEP" "$R/mixed" && echo mine >"$R/mixed/notes.txt"
refuse "-o results plus a user's file" "$R/mixed: holds huikuan results and also notes.txt, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed"
cp -r "$KEEP" "$R/mixed-sub" && mkdir "$R/mixed-sub/sub" && echo mine >"$R/mixed-sub/sub/keep"
refuse "-o results plus a user's folder" "$R/mixed-sub: holds huikuan results and also sub, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-sub"
cp -r "$KEEP" "$R/mixed-plots" && mkdir "$R/mixed-plots/plots" && echo mine >"$R/mixed-plots/plots/notes.txt"
refuse "-o results with a user's file among the charts" "$R/mixed-plots: holds huikuan results and also plots/notes.txt, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-plots"
cp -r "$KEEP" "$R/mixed-png" && mkdir "$R/mixed-png/plots" && echo mine >"$R/mixed-png/plots/mine.png"
refuse "-o results with a user's own image among the charts" "$R/mixed-png: holds huikuan results and also plots/mine.png, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-png"
# Under a chart's own name, but not drawn by plot (the list names what it drew).
cp -r "$KEEP" "$R/chart-named" && mkdir "$R/chart-named/plots" && echo mine >"$R/chart-named/plots/differences.png"
refuse "-o results with a user's image under a chart's name" "$R/chart-named: holds huikuan results and also plots/differences.png, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/chart-named"
cp -r "$KEEP" "$R/mixed-rows" && mkdir -p "$R/mixed-rows/rows/row-0001" &&
    cp "$KEEP/summary.csv" "$R/mixed-rows/rows/row-0001/" && echo mine >"$R/mixed-rows/rows/row-0001/notes.txt"
refuse "-o results with a user's file in a batch row" "$R/mixed-rows: holds huikuan results and also rows/row-0001/notes.txt, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-rows"
# A name of huikuan's is not enough: what it is must be what huikuan
# writes there, and a temporary name must be one huikuan gives.
cp -r "$KEEP" "$R/mixed-kind" && mkdir "$R/mixed-kind/report.html" && echo mine >"$R/mixed-kind/report.html/thesis.txt"
refuse "-o results with a user's folder named like a results file" "$R/mixed-kind: holds huikuan results and also report.html (a folder), which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-kind"
cp -r "$KEEP" "$R/mixed-tmp" && echo mine >"$R/mixed-tmp/notes.tmp-draft.txt"
refuse "-o results with a user's file named like a temporary one" "$R/mixed-tmp: holds huikuan results and also notes.tmp-draft.txt, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-tmp"
k=0
for backup in summary.csv.old-backup run.ini.tmp-2024v1; do
    k=$((k + 1))
    cp -r "$KEEP" "$R/mixed-backup$k" && cp "$KEEP/summary.csv" "$R/mixed-backup$k/$backup"
    refuse "-o results with a user's backup named $backup" "holds huikuan results and also $backup, which huikuan did not write" \
        "$HK" run scenarios/seed_example.ini -o "$R/mixed-backup$k"
    [ -f "$R/mixed-backup$k/$backup" ] && ok "refused: $backup kept" || bad "refused: $backup is gone"
done
cp -r "$KEEP" "$R/mixed-rowplots" && mkdir -p "$R/mixed-rowplots/rows/row-0001/plots" &&
    echo mine >"$R/mixed-rowplots/rows/row-0001/plots/mine.png"
refuse "-o results with a user's image among a batch row's charts" "$R/mixed-rowplots: holds huikuan results and also rows/row-0001/plots/mine.png, which huikuan did not write" \
    "$HK" run scenarios/seed_example.ini -o "$R/mixed-rowplots"
for f in "$R/mixed-kind/report.html/thesis.txt" "$R/mixed-tmp/notes.tmp-draft.txt" "$R/mixed-rowplots/rows/row-0001/plots/mine.png"; do
    [ -f "$f" ] && ok "refused: $f kept" || bad "refused: $f is gone"
done
# A file under one of huikuan's own names is the user's if the folder's
# list of what huikuan wrote (.huikuan-files) does not name it.
for mine in run-notes.ini compare.csv report.html .huikuan-batch; do
    cp -r "$KEEP" "$R/named-$mine" && echo mine >"$R/named-$mine/$mine"
    refuse "-o results with a user's $mine, named as huikuan names its files" \
        "$R/named-$mine: holds huikuan results and also $mine, which huikuan did not write" \
        "$HK" run scenarios/seed_example.ini -o "$R/named-$mine"
done
# A chart file in plots/ the list does not name is the user's: plot does
# not draw over it, report does not show it as one of these results.
cp -r "$KEEP" "$R/user-chart" && rm -rf "$R/user-chart/plots" && mkdir "$R/user-chart/plots" &&
    echo mine >"$R/user-chart/plots/aging.png"
refuse "plot over a user's plots/aging.png" \
    "$R/user-chart/plots/aging.png: huikuan did not draw it; refusing to draw over it" \
    "$HK" plot "$R/user-chart"
refuse "report showing a user's plots/aging.png" \
    "$R/user-chart/plots/aging.png: huikuan did not draw it; refusing to draw over it" \
    "$HK" report "$R/user-chart"
# The page and the charts show only what a run wrote: a results file
# edited since, or one the list does not name, is refused.
cp -r "$KEEP" "$R/edited-csv" && sed -i '2s/,\([0-9]\)/,9\1/' "$R/edited-csv/summary.csv"
for cmd in report plot; do
    refuse "$cmd with an edited summary.csv" \
        "$R/edited-csv/summary.csv: changed since huikuan wrote it (.huikuan-files lists other bytes for it)" \
        "$HK" $cmd "$R/edited-csv"
done
cp -r "$KEEP" "$R/unlisted-csv" && cp "$KEEP/summary.csv" "$R/unlisted-csv/compare.csv"
refuse "report with a compare.csv huikuan did not write" \
    "$R/unlisted-csv/compare.csv: huikuan did not write it (.huikuan-files does not name it)" \
    "$HK" report "$R/unlisted-csv"
refuse "report over a user's report.html" \
    "$R/named-report.html/report.html: huikuan did not write it; refusing to overwrite it" \
    "$HK" report "$R/named-report.html"
cp -r "$KEEP" "$R/garbled-list" && echo 'not a list' >"$R/garbled-list/.huikuan-files"
refuse "-o results whose list of files is not one" \
    "$R/garbled-list: holds huikuan results, but .huikuan-files cannot be read as a list of files; refusing to replace it" \
    "$HK" run scenarios/seed_example.ini -o "$R/garbled-list"
refuse "report into results whose list of files is not one" \
    "$R/garbled-list/.huikuan-files: cannot be read as a list of files" \
    "$HK" report "$R/garbled-list"
# The page shows the settings behind its numbers, or none.
cp -r "$KEEP" "$R/edited" && sed -i 's/^days = .*/days = 99/' "$R/edited/run.ini"
refuse "report with an edited run.ini" \
    "$R/edited/run.ini: changed since huikuan wrote it (.huikuan-files lists other bytes for it)" \
    "$HK" report "$R/edited"
# report adds its page to the list: the folder is still huikuan's alone.
cp -r "$KEEP" "$R/reported" && "$HK" report "$R/reported" --quiet 2>/dev/null &&
    grep -q '^report.html [0-9]* [0-9a-f]\{16\}$' "$R/reported/.huikuan-files" &&
    "$HK" run scenarios/seed_example.ini -n 2 -o "$R/reported" --quiet >/dev/null && [ ! -e "$R/reported/report.html" ] &&
    ok "report lists its page; a run then replaces the folder, page and all" ||
    bad "report's page in the list" "$(cat "$R/reported/.huikuan-files" 2>&1)"
rm -rf "$R/reported"
# Results of an earlier version, without the list: names alone decide.
cp -r "$KEEP" "$R/unlisted" && rm "$R/unlisted/.huikuan-files" && echo page >"$R/unlisted/report.html" &&
    "$HK" run scenarios/seed_example.ini -n 2 -o "$R/unlisted" --quiet >/dev/null && [ ! -e "$R/unlisted/report.html" ] &&
    [ -s "$R/unlisted/.huikuan-files" ] && ok "-o results of an earlier version (no list of files): replaced" ||
    bad "-o results without a list of files"
rm -rf "$R/unlisted"
# What a killed writer leaves under huikuan's own temporary names goes with the rest.
cp -r "$KEEP" "$R/left" && mkdir -p "$R/left/summary.csv.tmp-host-123-abcdef" "$R/left/plots/.compare.tmp-host-12-abcdef" &&
    "$HK" run scenarios/seed_example.ini -n 2 -o "$R/left" --quiet >/dev/null && [ ! -e "$R/left/summary.csv.tmp-host-123-abcdef" ] &&
    [ ! -e "$R/left/plots" ] && ok "-o results with a killed writer's temporaries: replaced" ||
    bad "-o results with a killed writer's temporaries"
refuse "-o a symlink to results" "$R/link: a symbolic link; name the folder it points to" \
    "$HK" run scenarios/seed_example.ini -o "$R/link"
refuse "-o empty" "-o '': not a usable folder name" "$HK" run scenarios/seed_example.ini -o ""
refuse "-o ending in ." "-o $KEEP/.: name the results folder itself, not '.' or '..'" \
    "$HK" run scenarios/seed_example.ini -o "$KEEP/."
refuse "-o ending in .." "-o $KEEP/..: name the results folder itself" \
    "$HK" run scenarios/seed_example.ini -o "$KEEP/.."
refuse "-o without a value" "run -o: missing value" "$HK" run scenarios/seed_example.ini -o
# A name that fits, but not with the temporary names' tails beside it
# (DIR.unfinished.tmp-HOST-PID-XXXXXX, the longest, a batch's): said so,
# with the most it may have. A name of that many bytes takes a run, and
# then a batch that replaces it (in DIR.unfinished).
long=$(printf 'e%.0s' $(seq 1 250))
refuse "-o a name too long for its temporary" "$R/$long: a folder name of 250 bytes is too long: results are made beside it under its name and up to " \
    "$HK" run scenarios/seed_example.ini -n 2 -o "$R/$long"
most=$(sed -n 's/.*; name it in at most \([0-9]*\)$/\1/p' "$IO/stderr")
fits=$(printf 'e%.0s' $(seq 1 "${most:-1}"))
[ -n "$most" ] && "$HK" run scenarios/seed_example.ini -n 2 -o "$IO/$fits" --quiet >/dev/null &&
    "$HK" batch "$IN/one_row.csv" -n 2 -o "$IO/$fits" --quiet >/dev/null 2>"$IO/stderr" &&
    [ -s "$IO/$fits/batch.csv" ] && [ ! -e "$IO/$fits.unfinished" ] &&
    ok "-o of the most bytes the message allows: a run, then a batch in its place" ||
    bad "-o of the longest name allowed ($most bytes)" "$(cat "$IO/stderr")"
rm -rf "$IO/$fits" "$IO/$fits.unfinished"
refuse "batch -o a name one byte too long for its work folder" "$R/e$fits: a folder name of $((most + 1)) bytes is too long" \
    "$HK" batch "$IN/one_row.csv" -n 2 -o "$R/e$fits"
# Results inside results: the outer folder would hold what it does not
# know, and every later run into it would be refused.
refuse "-o inside a results folder" "$KEEP/rows: inside $KEEP, which holds huikuan results; choose a folder outside it" \
    "$HK" run scenarios/seed_example.ini -o "$KEEP/rows"
refuse "-o inside a results folder, for a batch" "$KEEP/plots: inside $KEEP, which holds huikuan results" \
    "$HK" batch "$IN/one_row.csv" -o "$KEEP/plots"
# ...at any depth: a run would take a batch row's place, unseen by the batch.
cp -r "$KEEP" "$R/deep" && mkdir -p "$R/deep/rows/row-0001"
refuse "-o a batch's row" "$R/deep/rows/row-0002: inside $R/deep, which holds huikuan results" \
    "$HK" run scenarios/seed_example.ini -o "$R/deep/rows/row-0002"
refuse "-o two folders down in results" "$R/deep/rows/row-0001/x: inside $R/deep, which holds huikuan results" \
    "$HK" run scenarios/seed_example.ini -o "$R/deep/rows/row-0001/x"
refuse "-o through .. into results" "$R/deep/rows/../rows/x: inside $(cd "$R/deep" && pwd -P), which holds huikuan results" \
    "$HK" run scenarios/seed_example.ini -o "$R/deep/rows/../rows/x"
# A symlink outside that leads into one: its target's path is looked up
# too, not only the path as given.
ln -s "$R/deep/rows" "$IN/into-rows"
refuse "-o through a symlink into results" "$IN/into-rows/x: inside $(cd "$R/deep" && pwd -P), which holds huikuan results" \
    "$HK" run scenarios/seed_example.ini -o "$IN/into-rows/x"
refuse "-o where nobody may write (/proc)" "/proc/huikuan-results: cannot write in /proc" \
    "$HK" run scenarios/seed_example.ini -o /proc/huikuan-results
# The default results folder is an output folder too: exit 2, as -o's
# (it had been 1 for every command that writes one).
hk_abs="$(cd "$(dirname "$HK")" && pwd)/$(basename "$HK")"
ex="$PWD/scenarios/seed_example.ini"
printf 'scenario,sim.days\n%s,30\n' "$ex" >"$IO/one_row.csv"
for args in "run $ex" "compare $ex $PWD/scenarios/baseline.ini" "sweep $ex --param sim.days --values 30,40" \
    "calibrate $ex --param scheme.commission_sales --range 0:0.1 --maximize firm_profit" \
    "batch $IO/one_row.csv" "bench quick"; do
    refuse "default results folder where nobody may write: ${args%% *}" "results: cannot create" \
        sh -c "cd /proc && exec \"\$0\" $args" "$hk_abs"
done
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$R/ro" && chmod 555 "$R/ro"
    refuse "-o in a read-only folder" "$R/ro/x: cannot write in $R/ro: Permission denied" \
        "$HK" run scenarios/seed_example.ini -o "$R/ro/x"
else
    echo "[     SKIP ] read-only parent folder: root writes there anyway; /proc above stands in"
fi
# A mount point cannot take the staged folder's place: refused before the run.
mkdir -p "$R/mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs tmpfs "$R/mnt" 2>/dev/null; then
    refuse "-o a mount point" "$R/mnt: is a mount point; results are made beside a folder and moved into its place" \
        "$HK" run scenarios/seed_example.ini -o "$R/mnt"
    umount "$R/mnt"
else
    echo "[     SKIP ] -o a mount point: needs root and mount"
fi
rmdir "$R/mnt"

# --- overrides that only make sense together are checked together
"$HK" run "$BASE" -n 2 --set sim.days=30 --set sim.warmup_days=30 --set segment.prompt.share=0.2 \
    --set segment.strategic.share=0.22 -o "$T/two-shares" --quiet >/dev/null 2>"$IO/stderr" &&
    grep -qx 'share = 0.22' "$T/two-shares/run.ini" &&
    ok "two --set shares summing to 1 together are accepted together" ||
    bad "two --set shares together refused" "$(cat "$IO/stderr")"

# --- unusual but valid scenarios run, with their settings read right
printf '[scheme]\nbase_salary = 4000.\npenalty_cap = .5\n' >"$IO/money-points.ini"
"$HK" run "$IO/money-points.ini" -n 2 --set sim.days=30 --set collection.cost_call=.25 \
    -o "$T/money-points" --quiet >/dev/null 2>"$IO/stderr" &&
    grep -qx 'base_salary = 4000.00' "$T/money-points/run.ini" &&
    grep -qx 'penalty_cap = 0.50' "$T/money-points/run.ini" &&
    grep -qx 'cost_call = 0.25' "$T/money-points/run.ini" &&
    ok "amounts written 4000., .5 and (--set) .25 are read as 4000.00, 0.50 and 0.25" ||
    bad "amounts with a point at one end" "$(cat "$IO/stderr")"
# Blanks around a --set key are dropped on both sides, as a file's are (the
# one before it had been read as part of the section: "[ sim]").
"$HK" run "$BASE" -n 2 --set ' sim.days=30' --set 'sim.warmup_days =0' -o "$T/set-blanks" --quiet \
    >/dev/null 2>"$IO/stderr" && grep -qx 'days = 30' "$T/set-blanks/run.ini" &&
    grep -q "^; command: .* --set sim.days=30 " "$T/set-blanks/run.ini" &&
    ok "--set ' sim.days=30' sets sim.days, recorded without the blank" ||
    bad "--set with a blank before the key" "$(cat "$IO/stderr")"
"$HK" run tests/bad/empty_is_fine.ini -n 2 -o "$T/empty" --quiet >/dev/null && ok "an empty scenario runs on defaults" ||
    bad "empty scenario refused"
for f in tests/good/*.ini; do
    want=$(sed -n 's/^[[:space:]]*days[[:space:]]*[=:][[:space:]]*+\{0,1\}\([0-9]*\).*/\1/p' "$f" | head -1)
    out="$T/good-$(basename "$f" .ini)"
    if ! "$HK" run "$f" -n 2 --set sim.warmup_days=40 -o "$out" --quiet >/dev/null 2>"$IO/stderr"; then
        bad "$f refused" "$(cat "$IO/stderr")"
    elif [ -n "$want" ] && ! grep -qx "days = $want" "$out/run.ini"; then
        bad "$f: sim.days not read as $want" "$(grep '^days' "$out/run.ini")"
    else
        ok "valid scenario $(basename "$f") runs${want:+ (sim.days = $want)}"
    fi
done
