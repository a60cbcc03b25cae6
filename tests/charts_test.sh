#!/bin/sh
# charts_test.sh — end-to-end tests of `huikuan plot` and `huikuan report`.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_test.sh
# Compares two presets with three replications, adds sample compare.csv,
# sweep.csv and calibrate.csv (tests/data/charts/), draws every chart,
# writes the report and renders it in headless Chromium. Prints one line
# per check and "charts: N passed, M failed".
set -u
HK=${HUIKUAN:-build/huikuan}
case $HK in /*) ;; *) HK=$(pwd)/$HK ;; esac
T=$(mktemp -d)
trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[       OK ] $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] $1"; [ $# -gt 1 ] && echo "             $2"; }
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

# --- a comparison, plus sample files of the other commands ------------------
"$HK" compare scenarios/baseline.ini scenarios/buy_sell.ini -n 3 -o "$T/cmp" --quiet >/dev/null
cp tests/data/charts/compare.csv tests/data/charts/sweep.csv tests/data/charts/calibrate.csv \
    tests/data/charts/confirmation.csv "$T/cmp/"
# Files of several commands in one folder: no list of what one run wrote
# can name them all, so the folder goes without one, as an earlier
# version's does (plot and report refuse a file the list does not name).
rm "$T/cmp/.huikuan-files"
before=$(sums "$T/cmp")
start=$(date +%s)
"$HK" plot "$T/cmp" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok "plot: exit 0 in $(($(date +%s) - start)) s: $(cat "$T/err")" ||
    bad "plot exit status $rc" "$(cat "$T/err")"
check_images "$T/cmp" $ALL
[ "$before" = "$(sums "$T/cmp")" ] && ok "plot leaves the CSV and INI files untouched" ||
    bad "plot changed the CSV or INI files"
# Each chart of means says in its title how many replications they rest on
# (three in the comparison; six in the sample compare.csv and sweep.csv).
titled=""
for c in compare:3 monthly:3 differences:6 sweep:6; do
    grep -q "mean over n = ${c#*:} replications" "$T/cmp/plots/${c%:*}.svg" || titled="$titled ${c%:*}"
done
[ -z "$titled" ] && ok "compare, monthly, differences and sweep titles state n" ||
    bad "n missing from the title of:$titled"

# --- the report ----------------------------------------------------------------
"$HK" report "$T/cmp" 2>"$T/err"
rc=$?
R="$T/cmp/report.html"
[ $rc -eq 0 ] && [ -s "$R" ] && ok "report: exit 0, $(size "$R") bytes" ||
    bad "report exit status $rc" "$(cat "$T/err")"
missing=""
for c in $ALL; do grep -q "<figure class=\"chart\" id=\"chart-$c\">" "$R" || missing="$missing $c"; done
for t in $TABLES; do grep -q "<table id=\"$t\">" "$R" || missing="$missing $t"; done
[ -z "$missing" ] && ok "report.html holds every chart and table" || bad "report.html lacks:$missing"
# Its links name every section it has, the differences, sweep and
# calibration (where a reader looks first) included.
nav=$(grep -o '<nav>.*</nav>' "$R")
linked=""
for a in scenarios headline differences sweep calibration charts provenance; do
    case $nav in *"href=\"#$a\""*) grep -q "<section id=\"$a\">" "$R" && linked="$linked $a" ;; esac
done
[ "$linked" = " scenarios headline differences sweep calibration charts provenance" ] &&
    ok "report: its links name each of its sections" || bad "report's links" "$nav"
# The calibration table says in words which constraint intervals straddle
# their limit or lie wholly beyond it (every sample constraint is <=):
# rounded, an end could read as the limit itself.
want=$(awk -F, 'NR > 1 && $12 != "" { split($12, w, " "); lim = w[3] + 0
                   if ($6 + 0 > lim) beyond++; else if ($7 + 0 > lim) straddle++ }
                END { printf "%d %d", straddle, beyond }' "$T/cmp/calibrate.csv")
got="$(grep -o 'uncertain: straddles its limit' "$R" | wc -l) $(grep -o 'wholly beyond its limit' "$R" | wc -l)"
[ "$got" = "$want" ] && ok "report: calibration cells say which intervals straddle their limit or lie beyond it ($want)" ||
    bad "report: straddling and beyond cells $got, calibrate.csv has $want"
[ "$(grep -o '<svg' "$R" | wc -l)" -eq 8 ] && ok "report.html inlines 8 SVG charts" ||
    bad "report.html has $(grep -o '<svg' "$R" | wc -l) SVG elements, expected 8"
if grep -qiE 'https?:|<script|<link|<img|<iframe|src=|@import|url\([^#]' "$R"; then
    bad "report.html refers to something outside itself" \
        "$(grep -oiE '.{20}(https?:|<script|<link|<img|<iframe|src=|@import|url\([^#]).{20}' "$R" | head -3)"
else
    ok "report.html is self-contained: no URL, script, link, image or import"
fi
grep -q 'huikuan compare scenarios/baseline.ini scenarios/buy_sell.ini -n 3' "$R" &&
    grep -q '<dt>Seed</dt><dd>20261125' "$R" && grep -q '<dt>Report made</dt><dd>20' "$R" &&
    ok "provenance: command line, seed and date" || bad "provenance incomplete"
grep -q 'Within Monte Carlo error it is as good as 2 of the 4 other feasible values evaluated, from 0.00018 to 0.000334 ' "$R" &&
    [ "$(grep -o '<td>as good, within Monte Carlo error</td>' "$R" | wc -l)" -eq 2 ] &&
    ok "report: the values as good as the chosen one within Monte Carlo error, said and marked" ||
    bad "report lacks the as-good values" "$(grep -o 'Chosen value.\{0,400\}' "$R")"
grep -q 'On other replications (seed 20261126), which took no part in the choice, Firm profit is 19,870,412 ' "$R" &&
    grep -q 'Rep turnover is [^<]*<strong>uncertain</strong>: its 95&nbsp;% interval straddles .*; Bad debt rate is [^<]*, within its constraint (Bad' "$R" &&
    grep -q 'within Monte Carlo error of its limit on these replications' "$R" &&
    grep -q 'straddles the limit of its constraint (Rep turnover&nbsp;≤&nbsp;15.00&nbsp;%)' "$R" &&
    grep -q 'within its constraint (Bad debt rate&nbsp;≤&nbsp;2.50&nbsp;%)\.' "$R" &&
    grep -q '<th scope="col">constraint: Rep turnover&nbsp;≤&nbsp;15.00<span class="unit">% of reps leaving per year (quit or let go)<' "$R" &&
    grep -q 'In the search, at this value, Rep turnover is 10.00 .*<strong>uncertain</strong>: its 95&nbsp;% interval straddles the limit of its constraint (Rep' "$R" &&
    ok "report: the chosen value on other replications, and which constraint is uncertain there" ||
    bad "report lacks the confirmation" "$(grep -o 'Chosen value.\{0,600\}' "$R")"
[ "$before" = "$(sums "$T/cmp")" ] && ok "report leaves the CSV and INI files untouched" ||
    bad "report changed the CSV or INI files"
ls -a "$T/cmp" | grep -q 'report.html.tmp' && bad "temporary report file left behind"

# --- rendered in a browser --------------------------------------------------------
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
    echo "[  SKIPPED ] report in headless Chromium: chromium is not installed (Debian: apt-get install chromium)"
else
    # A copy of the page with a check appended: after layout, every chart
    # and table must exist, be displayed and have a real size, and every
    # chart's SVG must hold its drawing.
    want=""
    for c in $ALL; do want="$want 'chart-$c',"; done
    for t in $TABLES; do want="$want '$t',"; done
    sed 's|</body>|<script>(function () {\
var want = ['"$want"'], bad = [];\
want.forEach(function (id) {\
  var el = document.getElementById(id);\
  if (!el) { bad.push("missing:" + id); return; }\
  var r = el.getBoundingClientRect(), cs = getComputedStyle(el);\
  if (r.width < 300 \|\| r.height < 40 \|\| cs.display == "none" \|\| cs.visibility != "visible") bad.push("hidden:" + id);\
  if (id.indexOf("chart-") == 0) {\
    var svg = el.querySelector("svg");\
    if (!svg) { bad.push("nosvg:" + id); return; }\
    var s = svg.getBoundingClientRect();\
    if (s.width < 600 \|\| s.height < 200) bad.push("small:" + id + ":" + Math.round(s.width) + "x" + Math.round(s.height));\
    if (svg.querySelectorAll("path,rect,text,use").length < 40) bad.push("blank:" + id);\
  } else if (el.querySelectorAll("tbody tr").length < 1) bad.push("empty:" + id);\
});\
document.body.setAttribute("data-check", bad.length ? "FAIL " + bad.join(" ") : "ok " + want.length);\
})();</script></body>|' "$R" >"$T/check.html"
    flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
    timeout 120 "$BROWSER" $flags --user-data-dir="$(mktemp -d -p "$T")" --window-size=1280,1024 \
        --dump-dom "file://$T/check.html" >"$T/dom.html" 2>"$T/chromium.err"
    check=$(grep -o 'data-check="[^"]*"' "$T/dom.html")
    case $check in
    'data-check="ok 13"') ok "Chromium: all 8 charts and 5 tables present, displayed and drawn" ;;
    *) bad "Chromium check: ${check:-no result}" "$(tail -3 "$T/chromium.err")" ;;
    esac
    timeout 120 "$BROWSER" $flags --user-data-dir="$(mktemp -d -p "$T")" --window-size=1280,4000 \
        --hide-scrollbars --screenshot="$T/report.png" "file://$R" >/dev/null 2>&1
    [ "$(size "$T/report.png")" -gt 100000 ] &&
        ok "Chromium screenshot of the report is not blank ($(size "$T/report.png") bytes)" ||
        bad "Chromium screenshot blank or missing ($(size "$T/report.png") bytes)"
fi

# --- a single run: only the charts its files support -----------------------------
"$HK" run scenarios/seed_example.ini -n 2 -o "$T/one" --quiet >/dev/null
"$HK" plot "$T/one" --quiet 2>"$T/err" && ok "plot of a single run" || bad "plot of a single run" "$(cat "$T/err")"
check_images "$T/one" compare aging rep_pay monthly collectibility
grep -q 'interval of the total' "$T/one/plots/aging.svg" &&
    ok "ageing chart: the total's interval drawn beside the segments'" ||
    bad "ageing chart lacks the total's interval"
titled=""
for c in aging collectibility rep_pay; do
    grep -q "n = 2 replications" "$T/one/plots/$c.svg" || titled="$titled $c"
done
[ -z "$titled" ] && ok "ageing, collectibility and rep pay titles state n" || bad "n missing from the title of:$titled"
ls "$T/one/plots" | grep -qE '^(differences|sweep|calibrate)\.' &&
    bad "charts drawn without their input files" || ok "no chart drawn without its input file"
rm -r "$T/one/plots"
"$HK" report "$T/one" --quiet 2>"$T/err" && [ "$(ls "$T/one/plots" | wc -l)" -eq 10 ] &&
    [ "$(grep -o '<svg' "$T/one/report.html" | wc -l)" -eq 5 ] &&
    ok "report draws the charts it finds missing" || bad "report without plots first" "$(cat "$T/err")"

# Staging that a killed plot or report left (this host, a process that
# is gone; or the owner-less name of earlier versions) is removed by the
# next one; a live process's is not.
host=$(uname -n | cut -c1-64 | tr -c 'A-Za-z0-9.\n-' '_')
gone=$(sh -c 'echo $$')
mkdir "$T/one/plots/.aging.tmp-$host-$gone-Ab12Cd" "$T/one/plots/.compare.tmp-Xy34Zw" \
    "$T/one/plots/.monthly.tmp-$host-$$-Ef56Gh"
touch "$T/one/plots/.aging.tmp-$host-$gone-Ab12Cd/aging.png" \
    "$T/one/.report.html.tmp-$host-$gone-Ij78Kl" "$T/one/.report.html.tmp-Mn90Op" \
    "$T/one/.report.html.tmp-$host-$$-Qr12St"
"$HK" plot "$T/one" --quiet 2>"$T/err" && "$HK" report "$T/one" --quiet 2>>"$T/err"
left=$(cd "$T/one" && ls -a . plots | grep 'tmp-' | sort | tr '\n' ' ')
[ "$left" = ".monthly.tmp-$host-$$-Ef56Gh .report.html.tmp-$host-$$-Qr12St " ] &&
    ok "plot and report remove the staging killed ones left, not a live one's" ||
    bad "staging left behind: $left" "$(cat "$T/err")"
rm -r "$T/one/plots/.monthly.tmp-$host-$$-Ef56Gh" "$T/one/.report.html.tmp-$host-$$-Qr12St"

# An SVG cut short earlier (a full disk) is drawn again by report; one
# that cannot be, or that cannot be inlined, makes the page incomplete:
# a note in its place, a message naming it, exit 1.
cp -r "$T/one" "$T/cutrep" && truncate -s 3000 "$T/cutrep/plots/compare.svg"
"$HK" report "$T/cutrep" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && whole "$T/cutrep/plots/compare.svg" &&
    [ "$(grep -o '<svg' "$T/cutrep/report.html" | wc -l)" -eq 5 ] &&
    ok "report draws again an SVG cut short" || bad "report of an SVG cut short: exit $rc" "$(cat "$T/err")"
truncate -s 3000 "$T/cutrep/plots/compare.svg"
env PATH=/nonexistent "$HK" report "$T/cutrep" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'lacks 1 chart (compare): gnuplot not found' "$T/err" &&
    grep -q 'Chart not available: gnuplot not found' "$T/cutrep/report.html" &&
    [ "$(grep -o '<svg' "$T/cutrep/report.html" | wc -l)" -eq 4 ] &&
    ok "report with an SVG cut short and no gnuplot: noted, named, exit 1" ||
    bad "report with an SVG cut short and no gnuplot: exit $rc" "$(cat "$T/err")"
"$HK" plot "$T/cutrep" --quiet && printf '<svg><script>x()</script></svg>\n' >"$T/cutrep/plots/rep_pay.svg"
"$HK" report "$T/cutrep" --quiet 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 2 ] &&
    grep -q "lacks chart 'rep_pay': plots/rep_pay.svg: not an SVG a self-contained page can inline" "$T/err" &&
    grep -q 'Chart not available: plots/rep_pay.svg: not an SVG' "$T/cutrep/report.html" &&
    ok "report with an SVG it cannot inline: noted, named, exit 1" ||
    bad "report with an SVG it cannot inline: exit $rc" "$(cat "$T/err")"

# --- a folder with only sweep.csv: plot and report still work ------------------------
mkdir "$T/sweep" && cp tests/data/charts/sweep.csv "$T/sweep/"
"$HK" plot "$T/sweep" --quiet && "$HK" report "$T/sweep" --quiet &&
    [ "$(ls "$T/sweep/plots")" = "$(printf 'sweep.png\nsweep.svg')" ] &&
    grep -q '<table id="sweep-table">' "$T/sweep/report.html" &&
    ! grep -q 'href="#headline"' "$T/sweep/report.html" && grep -q 'href="#sweep"' "$T/sweep/report.html" &&
    ! grep -q 'href="#calibration"' "$T/sweep/report.html" &&
    ok "sweep-only folder: sweep chart and table" || bad "sweep-only folder" "$(ls "$T/sweep/plots")"

# --- thin results: a key metric with no value, or with one and no interval ------------
# One customer for 30 days, whose rep's effort costs as on a book of one
# (reps.nominal_book = 1), so the rep hardly sells to it: most seeds sell
# nothing (no DSO at all), a few sell in one replication (a DSO with no
# interval). The first seed of each kind is kept; the charts must still
# come for both. Later tests reuse S for small, thin results.
S="--set customers.count=1 --set reps.count=1 --set reps.nominal_book=1 --set sim.days=30 --set orders.rate_per_month=1"
one="" none=""
for seed in $(seq 1 60); do
    "$HK" compare scenarios/baseline.ini scenarios/late_penalty.ini -n 3 --seed $seed $S \
        -o "$T/thin$seed" --quiet >/dev/null || break
    if [ -z "$one" ] && grep -qE '^baseline,dso,[0-9.]+,nan,nan,nan,1$' "$T/thin$seed/summary.csv"; then
        one=$seed
    elif [ -z "$none" ] && grep -qx 'baseline,dso,nan,nan,nan,nan,0' "$T/thin$seed/summary.csv"; then
        none=$seed
    else
        rm -rf "$T/thin$seed"
    fi
    [ -n "$one" ] && [ -n "$none" ] && break
done
if [ -n "$one" ] && [ -n "$none" ]; then
    ok "thin results: a DSO from one replication (seed $one, no interval), and one from none (seed $none)"
else
    bad "thin results are not thin: of 60 seeds, one DSO from one replication: '$one', none: '$none'"
    one=${one:-1} none=${none:-2}
fi
for seed in $one $none; do
    "$HK" plot "$T/thin$seed" --quiet 2>"$T/err" && ok "plot of thin results (seed $seed)" ||
        bad "plot of thin results (seed $seed)" "$(cat "$T/err")"
    check_images "$T/thin$seed" compare differences aging rep_pay monthly collectibility
done
# Seed $one's DSO rests on one replication, the other metrics on three.
grep -q 'mean over n = 1 to 3 replications' "$T/thin$one/plots/compare.svg" &&
    ok "compare title: the range of n when metrics rest on different counts" ||
    bad "compare title of thin results" "$(grep -o 'mean over [^<]*' "$T/thin$one/plots/compare.svg")"
"$HK" report "$T/thin$one" --quiet 2>"$T/err" &&
    grep -q 'one replication: no interval' "$T/thin$one/report.html" &&
    ok "report: a mean from one replication says it has no interval" ||
    bad "report of thin results" "$(cat "$T/err")"
mkdir "$T/nodso"
awk -F, -v OFS=, 'NR > 1 && $3 == "dso" { $4 = $5 = $6 = $7 = "nan"; $8 = 0 } 1' \
    tests/data/charts/sweep.csv >"$T/nodso/sweep.csv"
"$HK" plot "$T/nodso" --quiet 2>"$T/err" && ok "sweep chart with a metric no value had" ||
    bad "sweep chart with a metric no value had" "$(cat "$T/err")"
check_images "$T/nodso" sweep

# --- sweeps: a categorical parameter, and small numbers ------------------------------
# A sweep over named values has no numbers to put on the x axis: each
# value is a named place on it.
"$HK" sweep scenarios/baseline.ini --param orders.process --values poisson,regular -n 2 $S \
    -o "$T/swcat" --quiet >/dev/null
"$HK" plot "$T/swcat" --quiet 2>"$T/err" && ok "sweep chart of a categorical parameter" ||
    bad "sweep chart of a categorical parameter" "$(cat "$T/err")"
check_images "$T/swcat" sweep
grep -q '>poisson<' "$T/swcat/plots/sweep.svg" && grep -q '>regular<' "$T/swcat/plots/sweep.svg" &&
    ok "categorical sweep: the values name the x ticks" || bad "categorical sweep: value names missing"
# The report's settings table shows the key swept, though it is none of
# the settings it always lists; keys alike in both are not listed.
"$HK" report "$T/swcat" --quiet 2>"$T/err" &&
    grep -q '<tr><th scope="row"><code>orders.process</code></th><td>poisson</td><td>regular</td></tr>' "$T/swcat/report.html" &&
    ! grep -q '<code>orders.rate_per_month</code></th>' "$T/swcat/report.html" &&
    ok "report of a sweep: the settings table has the key swept" ||
    bad "report of a sweep lacks the key swept" "$(cat "$T/err"; grep -o '<code>[a-z_.]*</code></th>' "$T/swcat/report.html")"

# Small rates: at most four x ticks a panel (here 0 and three more), none
# in exponent form, or the labels run into each other.
"$HK" sweep scenarios/late_penalty.ini --param scheme.penalty_daily_rate --values 0,0.0003 -n 2 $S \
    -o "$T/swsmall" --quiet >/dev/null
"$HK" plot "$T/swsmall" --quiet 2>"$T/err" || bad "sweep chart of small rates" "$(cat "$T/err")"
panels=$(grep -c '>scheme.penalty_daily_rate<' "$T/swsmall/plots/sweep.svg")
ticks=$(grep -o '>0\.000[0-9]*<' "$T/swsmall/plots/sweep.svg" | wc -l)
if [ "$panels" -gt 0 ] && [ "$ticks" -le $((3 * panels)) ] &&
    ! grep -qE '>[0-9.]+e-[0-9]+<' "$T/swsmall/plots/sweep.svg"; then
    ok "sweep of small rates: $ticks nonzero x tick labels over $panels panels, none like 5e-05"
else
    bad "sweep of small rates: $ticks nonzero x tick labels over $panels panels" \
        "$(grep -oE '>(0\.000[0-9]*|[0-9.]+e-[0-9]+)<' "$T/swsmall/plots/sweep.svg" | sort | uniq -c | tr '\n' ' ')"
fi

# --- a loss of a million: the widest y tick labels still leave room for the unit ----------
# No orders: firm profit is the reps' base pay, about -1000 thousand. Every
# panel's unit label must be drawn, and inside the image (gnuplot leaves out
# a label whose place falls off the left edge).
"$HK" run scenarios/baseline.ini --set orders.rate_per_month=0 --set customers.count=1 -n 2 \
    -o "$T/loss" --quiet >/dev/null
"$HK" plot "$T/loss" --quiet 2>"$T/err" || bad "plot of a loss" "$(cat "$T/err")"
ylabels=$(grep -o 'translate([0-9.-]*,[0-9.]*) rotate(270)' "$T/loss/plots/compare.svg" |
    sed 's/translate(\([0-9.-]*\),.*/\1/')
if [ "$(echo "$ylabels" | wc -l)" -eq 7 ] && echo "$ylabels" | awk '$1 < 12 { exit 1 }' &&
    grep -q '>currency units, thousands<' "$T/loss/plots/compare.svg"; then
    ok "compare chart of a loss: all 7 unit labels inside the image"
else
    bad "compare chart of a loss: unit labels at x =" "$(echo $ylabels)"
fi

# No sales, so no invoice has an age: the collectibility chart says nothing
# had a value, as the compare and monthly panels do.
grep -q 'no replication had a value' "$T/loss/plots/collectibility.svg" &&
    ok "collectibility chart without sales says no replication had a value" ||
    bad "collectibility chart without sales is empty without a note"

# --- ten scenarios: more than the palette's eight colours ------------------------------
# Scenarios 9 and 10 reuse colours 1 and 2, hatched (bars) or dashed
# (lines); every legend keeps all ten names, in the image.
"$HK" sweep scenarios/late_penalty.ini --param scheme.penalty_daily_rate --values 0:0.0009:10 -n 2 $S \
    -o "$T/ten" --quiet >/dev/null
"$HK" plot "$T/ten" --quiet 2>"$T/err" || bad "plot of ten scenarios" "$(cat "$T/err")"
legend_x=$(grep -A1 'text-anchor="start"' "$T/ten/plots/compare.svg" | grep -B1 '>penalty_daily_rate-' |
    grep -o 'translate([0-9.]*' | sort -u)
[ "$(echo "$legend_x" | wc -l)" -eq 1 ] && [ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/compare.svg")" -eq 10 ] &&
    ok "ten scenarios: the compare legend is one column of ten" ||
    bad "ten scenarios: compare legend columns at" "$(echo $legend_x)"
grep -q "fill:none; stroke:rgb" "$T/ten/plots/compare.svg" && grep -q 'stroke-dasharray' "$T/ten/plots/monthly.svg" &&
    ok "ten scenarios: past the eighth, bars are hatched and lines dashed" ||
    bad "ten scenarios: the ninth and tenth look like the first and second"
[ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/collectibility.svg")" -eq 10 ] &&
    [ "$(grep -c '>penalty_daily_rate-' "$T/ten/plots/monthly.svg")" -eq 10 ] &&
    ok "ten scenarios: collectibility and monthly legends name all ten" ||
    bad "ten scenarios: legend entries left out" \
        "collectibility $(grep -c '>penalty_daily_rate-' "$T/ten/plots/collectibility.svg"), monthly $(grep -c '>penalty_daily_rate-' "$T/ten/plots/monthly.svg")"

# --- the collectibility legend says how few replications the oldest ages rest on ---
mkdir -p "$T/thinage"
printf 'scenario,age_days,collectible_share,ci95_low,ci95_high,n\n%s\n%s\n%s\n%s\n%s\n' \
    'wide,0,0.99,0.98,1.0,12' 'wide,365,0.4,0.3,0.5,12' 'wide,730,0.3,0.1,0.5,3' \
    'steady,0,0.99,0.98,1.0,12' 'steady,730,0.5,0.4,0.6,12' >"$T/thinage/collectibility.csv"
gnuplot -e "dir='$T/thinage'" plots/collectibility.gp 2>"$T/err" &&
    grep -q 'wide (n 12, down to 3 at 730 days)' "$T/thinage/plots/collectibility.svg" &&
    grep -q '>steady<' "$T/thinage/plots/collectibility.svg" &&
    ok "collectibility legend: a scenario whose tail rests on fewer replications says so" ||
    bad "collectibility legend without n" "$(cat "$T/err"; grep -o '>[a-z]*[ (][^<]*<' "$T/thinage/plots/collectibility.svg" | head -3)"

# Five scenarios' notes, each in the SVG's legend too (its text is a
# quarter larger than the PNG's, so it has fewer columns).
mkdir -p "$T/notes5"
(echo 'scenario,age_days,collectible_share,ci95_low,ci95_high,n'
    for s in baseline late_penalty collections_commission buy_sell hybrid; do
        echo "$s,0,0.99,0.98,1.0,40"; echo "$s,730,0.3,0.1,0.5,7"
    done) >"$T/notes5/collectibility.csv"
gnuplot -e "dir='$T/notes5'" plots/collectibility.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    [ "$(grep -c '>[a-z_]* (n 40, down to 7 at 730 days)<' "$T/notes5/plots/collectibility.svg")" -eq 5 ] &&
    ok "collectibility legend: five scenarios, each with its note, in the SVG" ||
    bad "collectibility legend of five" "$(cat "$T/err"; grep -o '>[a-z_]*[ (][^<]*<' "$T/notes5/plots/collectibility.svg")"

# gnuplot 5.4's sprintf garbles what follows a %% once a %s argument makes
# its result long (a title came out as "... 95 % confidence interv"): no
# chart script formats a %% (a literal % is an argument or concatenated).
if grep -n '^[^#]*%%' plots/*.gp >"$T/pct"; then
    bad "a chart script formats %% with sprintf" "$(cat "$T/pct")"
else
    ok "no chart script formats %% with sprintf"
fi

# --- calibrate with four constraints: panels share one x axis, limits drawn ------------
# Tiny runs choose no value (exit 3) but write calibrate.csv and run.ini,
# whose recorded command line holds the constraints' limits.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --constraint 'rep_turnover<=0.15' --constraint 'bad_debt_rate<=0.02' \
    --constraint 'collected>=0' --constraint 'dso<=1000' -n 2 $S -o "$T/cal3" --quiet >/dev/null
"$HK" plot "$T/cal3" --quiet 2>"$T/err" || bad "calibrate chart with four constraints" "$(cat "$T/err")"
C="$T/cal3/plots/calibrate.svg"
tick_x=$(grep -A1 'text-anchor="middle"' "$C" | grep -B1 '>0.0004<' | grep -o 'translate([0-9.]*' | sort -u)
[ "$(grep -c '>0.0004<' "$C")" -eq 5 ] && [ "$(echo "$tick_x" | wc -l)" -eq 1 ] &&
    grep -q '>constraint: DSO<' "$C" &&
    ok "calibrate: the objective's and four constraints' panels put 0.0004 at the same x" ||
    bad "calibrate: 0.0004 at x =" "$(echo $tick_x)"
grep -q 'limit: rep_turnover &lt;= 0.15' "$C" && grep -q 'limit: bad_debt_rate &lt;= 0.02' "$C" &&
    grep -q 'limit: collected &gt;= 0\|limit: collected >= 0' "$C" &&
    ok "calibrate: each constraint panel draws its limit" || bad "calibrate: a constraint's limit is not drawn"

# Its report names the scenario from run.ini (there is no summary.csv).
[ ! -e "$T/cal3/summary.csv" ] && "$HK" report "$T/cal3" --quiet 2>"$T/err" &&
    ! grep -q 'names no scenario' "$T/cal3/report.html" && grep -q 'late_penalty' "$T/cal3/report.html" &&
    grep -q 'The search sought the value that maximizes Firm profit\. ' "$T/cal3/report.html" &&
    grep -q 'objective, maximized: ' "$T/cal3/report.html" &&
    ! grep -q '%&nbsp;%\|%<span class="unit">%' "$T/cal3/report.html" &&
    grep -q 'firm_profit (maximized) at each evaluated value' "$T/cal3/plots/calibrate.svg" &&
    ok "report of a calibration that chose nothing names its scenario from run.ini, and what was sought" ||
    bad "report of a calibration without summary.csv" "$(cat "$T/err"; ls "$T/cal3")"

# A band (two constraints on one metric) and a metric whose name holds
# digits: each panel draws its own limit.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.001 \
    --maximize firm_profit --constraint 'rep_turnover<=0.5' --constraint 'rep_turnover>=0.01' \
    --constraint 'rep_pay_p10>=100' -n 2 $S -o "$T/calband" --quiet >/dev/null
"$HK" plot "$T/calband" --quiet 2>"$T/err" || bad "calibrate chart with a band constraint" "$(cat "$T/err")"
C="$T/calband/plots/calibrate.svg"
grep -q 'limit: rep_turnover &lt;= 0.5' "$C" && grep -q 'limit: rep_turnover \(&gt;\|>\)= 0.01' "$C" &&
    grep -q 'limit: rep_pay_p10 \(&gt;\|>\)= 100' "$C" &&
    ok "calibrate: a band on one metric and rep_pay_p10 each draw their limit" ||
    bad "calibrate: band or digit-named limits" "$(grep -o 'limit: [^<]*' "$C")"

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

# --- a batch of many scenarios: each chart reads its data once ------------------------
# (a chart that read its CSV again for every scenario took minutes here).
(echo "scenario,sim.seed"; i=1; while [ $i -le 60 ]; do echo "scenarios/seed_example.ini,$i"; i=$((i + 1)); done) \
    >"$T/g60.csv"
"$HK" batch "$T/g60.csv" -n 2 -o "$T/b60" --quiet
if timeout 60 "$HK" plot "$T/b60" --quiet 2>"$T/err"; then
    check_images "$T/b60" compare aging rep_pay monthly collectibility
    # Past 40 scenarios the compare chart ranks them, and the monthly and
    # collectibility charts draw their spread (below).
    legend_ok=1
    grep -q '>Policy comparison: mean over n = 2 replications with 95 % confidence interval, 60 scenarios ranked by their mean<' \
        "$T/b60/plots/compare.svg" || legend_ok=0
    grep -q ', 60 scenarios: their spread<' "$T/b60/plots/monthly.svg" || legend_ok=0
    grep -q ', 60 scenarios: their spread<' "$T/b60/plots/collectibility.svg" || legend_ok=0
    # Up to 40 a legend lists what its panel holds, in one column (a
    # second would lie over the panel beside it), and says how many more
    # there are: the batch's first 40 rows.
    mkdir -p "$T/b40"
    for f in summary.csv monthly.csv collectibility.csv; do
        awk -F, 'NR == 1 || $1 <= "row-0040"' "$T/b60/$f" >"$T/b40/$f"
    done
    for c in monthly collectibility; do
        gnuplot -e "dir='$T/b40'" plots/$c.gp 2>>"$T/legends" || legend_ok=0
    done
    for c in monthly; do
        listed=$(grep -o '>row-00[0-9][0-9]<' "$T/b40/plots/$c.svg" | sort -u | wc -l)
        more=$(grep -o '>[.][.][.] and [0-9]* more (monthly.csv)<' "$T/b40/plots/$c.svg" | grep -o '[0-9][0-9]*')
        columns=$(grep -A1 'text-anchor="start"' "$T/b40/plots/$c.svg" | grep -B1 '>row-00[0-9][0-9]<\|>[.][.][.] and [0-9]* more' |
            grep -o 'translate([0-9.]*' | sort -u | wc -l)
        echo "$c: $listed listed, ${more:-no} more, $columns columns" >>"$T/legends"
        [ "$listed" -ge 10 ] && [ -n "$more" ] && [ "$((listed + more))" -eq 40 ] && [ "$columns" -eq 1 ] || legend_ok=0
    done
    # The collectibility legend, below the plot, stops at ten rows (it had
    # grown the image by a row for every two scenarios).
    C="$T/b40/plots/collectibility.svg"
    listed=$(grep -o '>row-00[0-9][0-9]<' "$C" | sort -u | wc -l)
    more=$(grep -o '>[.][.][.] and [0-9]* more (collectibility.csv)<' "$C" | grep -o '[0-9][0-9]*')
    height=$(grep -o 'viewBox="0 0 [0-9]* [0-9]*"' "$C" | grep -o '[0-9]*"$' | tr -d '"')
    echo "collectibility: $listed listed, ${more:-no} more, $height pixels high" >>"$T/legends"
    [ "$listed" -ge 10 ] && [ -n "$more" ] && [ "$((listed + more))" -eq 40 ] && [ "$height" -le 800 ] || legend_ok=0
    [ $legend_ok = 1 ] &&
        ok "plot of a 60-scenario batch finishes within a minute, ranked and spread; of its first 40, legends fit their place and say how many they leave out" ||
        bad "legends of 60 scenarios" "$(cat "$T/legends")"
else
    bad "plot of a 60-scenario batch" "$(cat "$T/err")"
fi

# Past 40 scenarios, the compare and differences charts rank the
# scenarios by their mean in each panel and name the lowest and the
# highest (with how many share their mean); a scenario without a value
# is left out and counted.
mkdir -p "$T/ranked"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    split("sales collected bad_debt dso firm_profit rep_pay_mean rep_turnover", m, " ")
    for (i = 1; i <= 45; i++) for (k = 1; k <= 7; k++) {
        v = k == 2 ? 100000 - 1000 * i : k == 5 ? (i * 7 + 3) % 45 * 1000 : k == 7 ? (i <= 3 ? 0 : 5) : 1000 * i + k
        if (k == 3 && i % 9 == 0) printf "s-%02d,%s,nan,nan,nan,nan,0\n", i, m[k]
        else if (k == 4 && i == 30) printf "s-%02d,%s,%d,nan,nan,nan,1\n", i, m[k], v
        else printf "s-%02d,%s,%d,10,%d,%d,3\n", i, m[k], v, v - 10, v + 10 } }' >"$T/ranked/summary.csv"
awk -F, 'function d(x) { return x == "nan" ? x : $2 == "rep_turnover" ? 0 : x - 500 }
    NR == 1 { print "scenario,metric,diff_mean,diff_ci95_low,diff_ci95_high,n"; next }
    $1 != "s-01" { print $1 "," $2 "," d($3) "," d($5) "," d($6) "," $7 }' \
    "$T/ranked/summary.csv" >"$T/ranked/compare.csv"
for c in compare differences; do
    if timeout 60 gnuplot -e "dir='$T/ranked'" plots/$c.gp 2>"$T/err"; then :; else bad "$c chart of 45 scenarios" "$(cat "$T/err")"; fi
done
check_images "$T/ranked" compare differences
R="$T/ranked/plots"
# firm_profit: scenario i has ((7 i + 3) mod 45) thousand, highest at 44
# (i = 38), lowest at 0 (i = 6).
hi_i=$(awk 'BEGIN { for (i = 1; i <= 45; i++) if ((i * 7 + 3) % 45 == 44) printf "%02d", i }')
lo_i=$(awk 'BEGIN { for (i = 1; i <= 45; i++) if ((i * 7 + 3) % 45 == 0) printf "%02d", i }')
if [ -z "$(cat "$T/err")" ] &&
    grep -q '>Policy comparison: mean over n = 1 to 3 replications with 95 % confidence interval, 45 scenarios ranked by their mean<' "$R/compare.svg" &&
    [ "$(grep -c '>highest: s-45<' "$R/compare.svg")" -eq 3 ] && grep -q '>highest: s-44<' "$R/compare.svg" &&
    [ "$(grep -c '>lowest: s-01<' "$R/compare.svg")" -eq 4 ] &&
    grep -q '>highest: s-45 (+41 tied)<' "$R/compare.svg" && grep -q '>lowest: s-01 (+2 tied)<' "$R/compare.svg" &&
    grep -q '>highest: s-01<' "$R/compare.svg" && grep -q '>lowest: s-45<' "$R/compare.svg" &&
    grep -q ">highest: s-$hi_i<" "$R/compare.svg" && grep -q ">lowest: s-$lo_i<" "$R/compare.svg" &&
    [ "$(grep -c '>40 of 45 with a value,<' "$R/compare.svg")" -eq 1 ] &&
    [ "$(grep -c '>lowest to highest<' "$R/compare.svg")" -eq 7 ] &&
    grep -q '>45 scenarios: too many<' "$R/compare.svg" &&
    ! grep -q '>s-01<' "$R/compare.svg" &&
    grep -q ', 44 scenarios ranked<' "$R/differences.svg" &&
    grep -q '>highest: s-45<' "$R/differences.svg" && grep -q '>lowest: s-02<' "$R/differences.svg" &&
    grep -q '>39 of 44 with a value,<' "$R/differences.svg" &&
    grep -q '>all 44 alike<' "$R/differences.svg" &&
    grep -q '>44 scenarios: too many<' "$R/differences.svg"; then
    ok "45 scenarios: compare and differences rank them per panel, name the lowest and highest and their ties, count those without a value"
else
    bad "ranked charts of 45 scenarios" "$(grep -o '>[a-z0-9]*\(est: s\|of 4\|scenarios\)[^<]*<' "$R/compare.svg" "$R/differences.svg" | tr '\n' ' ')"
fi
# A metric no scenario had gets an empty panel that says so (it had
# drawn the other metrics' rows).
mkdir -p "$T/ranknone"
awk -F, 'NR == 1 || $2 != "dso" { print; next } { print $1 "," $2 ",nan,nan,nan,nan,0" }' \
    "$T/ranked/summary.csv" >"$T/ranknone/summary.csv"
if timeout 60 gnuplot -e "dir='$T/ranknone'" plots/compare.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    [ "$(grep -c '>no replication had a value<' "$T/ranknone/plots/compare.svg")" -eq 1 ] &&
    [ "$(grep -c '>lowest to highest<' "$T/ranknone/plots/compare.svg")" -eq 6 ] &&
    ! grep -q '>0 of 45' "$T/ranknone/plots/compare.svg" &&
    [ "$(grep -c '<path ' "$T/ranknone/plots/compare.svg")" -lt "$(grep -c '<path ' "$R/compare.svg")" ]; then
    ok "45 scenarios, one metric without a value: its panel is empty and says so"
else
    bad "ranked chart with a metric without a value" "$(cat "$T/err")"
fi
# Forty are still drawn as bars, one per scenario, each named.
mkdir -p "$T/forty"
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/ranked/summary.csv" >"$T/forty/summary.csv"
if timeout 60 gnuplot -e "dir='$T/forty'" plots/compare.gp 2>"$T/err" &&
    ! grep -q 'ranked\|highest:' "$T/forty/plots/compare.svg" && grep -q '>s-01<' "$T/forty/plots/compare.svg"; then
    ok "40 scenarios: compare draws a bar each"
else
    bad "compare chart of 40 scenarios" "$(cat "$T/err")"
fi

# 3,500 scenarios of 42-character names: a list longer than the shell takes
# as one argument (128 KiB), so the scripts hand it to awk as input.
mkdir -p "$T/wide"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 3500; i++)
        printf "scenario_with_a_long_descriptive_name_%04d,rep_pay_mean,%d,10,%d,%d,2\n", i, 9000 + i, 8990 + i, 9010 + i }' \
    >"$T/wide/summary.csv"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 1; i <= 3500; i++) for (r = 1; r <= 2; r++)
        printf "scenario_with_a_long_descriptive_name_%04d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%d,1,0,0\n", i, r, 8900 + i + 50 * r }' \
    >"$T/wide/reps.csv"
if timeout 120 gnuplot -e "dir='$T/wide'" plots/rep_pay.gp 2>"$T/err" && whole "$T/wide/plots/rep_pay.svg" &&
    grep -q '>Rep pay per 30 days: distribution over reps and n = 2 replications<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>3500 scenarios ranked by their median<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>highest: scenario_…_name_3500<' "$T/wide/plots/rep_pay.svg" &&
    grep -q '>lowest: scenario_…_name_0001<' "$T/wide/plots/rep_pay.svg"; then
    ok "rep pay chart of 3,500 scenarios whose list is over 128 KiB: drawn, ranked, the highest and lowest named"
else
    bad "rep pay chart of 3,500 scenarios" "$(grep -v 'making room' "$T/err" | head -3)"
fi

# Past 40 scenarios the rep pay chart ranks them by their median pay, over
# the middle half and the middle 95 % of each one's pay (R's type 7
# quantiles). Scenario q(17 i mod 41 + 1) pays 10 i, 20 i, ... 50 i: its
# median is 30 i, its quartiles 20 i and 40 i, its 2.5th and 97.5th
# percentiles 11 i and 49 i. The rows come in no order.
mkdir -p "$T/q41"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 41; i >= 1; i--) for (r = 5; r >= 1; r--)
        printf "q%02d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%d,1,0,0\n", (i * 17) % 41 + 1, r, r * i * 10 }' >"$T/q41/reps.csv"
if gnuplot -e "dir='$T/q41'" plots/rep_pay.gp -e 'set print "-"; print $RK' >"$T/q41/rk" 2>"$T/err" &&
    awk -F' *, *' 'function off(x, y) { return x - y > 1e-9 * y || y - x > 1e-9 * y }
        NR <= 41 { i = NR; if ($2 != i || off($3, 30 * i) || off($4, 11 * i) || off($5, 49 * i) ||
            $6 != 42 - i || off($7, 20 * i) || off($8, 40 * i)) bad++ } END { exit bad || NR < 41 }' "$T/q41/rk" &&
    has "$T/q41/plots/rep_pay.svg" '>highest: q01<' '>lowest: q18<' '>middle half<'; then
    ok "rep pay chart of 41 scenarios: ranked by median, quartiles and middle 95 % as computed by hand"
else
    bad "rep pay chart of 41 scenarios" "$(head -3 "$T/q41/rk") $(cat "$T/err")"
fi

# Past 40 scenarios the ageing chart ranks them by their receivables: the
# buckets stacked over the ranks, the total (ar_end) a line between its
# interval's. Scenario a(i) owes 1,000 x ((7 i + 3) mod 45 + 1), half not
# yet due and a quarter in each of two buckets: ranks 1 to 45 owe 1,000 to
# 45,000, a38 the most and a06 the least.
mkdir -p "$T/age45"
awk 'BEGIN { print "scenario,bucket,days_past_due_from,days_past_due_to,amount,amount_ci95_low,amount_ci95_high,share,n,share_ci95_low,share_ci95_high,share_n"
    for (i = 1; i <= 45; i++) { t = 1000 * ((7 * i + 3) % 45 + 1)
        printf "a%02d,current,,0,%d,%d,%d,0.5,3,0.4,0.6,3\n", i, t / 2, t / 2 - 10, t / 2 + 10
        printf "a%02d,1-30,1,30,%d,%d,%d,0.25,3,0.2,0.3,3\n", i, t / 4, t / 4 - 10, t / 4 + 10
        printf "a%02d,over_365,366,,%d,%d,%d,0.25,3,0.2,0.3,3\n", i, t / 4, t / 4 - 10, t / 4 + 10 } }' >"$T/age45/aging.csv"
awk -F, 'NR == 1 { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"; next }
    $2 == "current" { printf "%s,ar_end,%d,10,%d,%d,3\n", $1, 2 * $5, 2 * $5 - 50, 2 * $5 + 50 }' \
    "$T/age45/aging.csv" >"$T/age45/summary.csv"
if gnuplot -e "dir='$T/age45'" plots/aging.gp -e 'set print "-"; print $RK' >"$T/age45/rk" 2>"$T/err" && [ ! -s "$T/err" ] &&
    awk -F' *, *' '$1 == 3 { n3++; if ($2 != n3 || $4 != 1000 * n3) bad++ }
        $1 == 4 { n4++; if ($2 != n4 || $3 != 1000 * n4 || $4 != $3 - 50 || $5 != $3 + 50) bad++ }
        END { exit bad || n3 != 45 || n4 != 45 }' "$T/age45/rk" &&
    has "$T/age45/plots/aging.svg" '>highest: a38<' '>lowest: a06<' \
        '>Receivables at the end of the horizon by days past due: 45 scenarios, ranked<' \
        '>95 % interval of the total<' '>not yet due<'; then
    ok "ageing chart of 45 scenarios: ranked by their total, stacks and totals in rank order, lowest and highest named"
else
    bad "ageing chart of 45 scenarios" "$(head -3 "$T/age45/rk") $(cat "$T/err")"
fi
# Without summary.csv the stacks are still ranked and drawn, with no total.
rm "$T/age45/summary.csv"
if gnuplot -e "dir='$T/age45'" plots/aging.gp 2>"$T/err" && [ ! -s "$T/err" ] && whole "$T/age45/plots/aging.svg" &&
    grep -q '>over 365 days past due<' "$T/age45/plots/aging.svg" && ! grep -q 'interval of the total' "$T/age45/plots/aging.svg"; then
    ok "ageing chart of 45 scenarios without summary.csv: ranked stacks, no total"
else
    bad "ageing chart of 45 scenarios without summary.csv" "$(cat "$T/err")"
fi

# Ranked on every digit, not awk's default six: ageing stacks of
# 2,000,000 less 1.25 i, and rep pay medians (of two values each) 0.02
# apart. Buckets go by name: a41 lacks its 1-30 row, so its 1-30 band is
# empty and its over-365 one sits on its current one. An ar_end interval
# that is not a number (a03's) is drawn as the mean, and the names come
# from the stacks, not from ar_end, which a01 lacks.
mkdir -p "$T/digits"
awk 'BEGIN { print "scenario,bucket,days_past_due_from,days_past_due_to,amount,amount_ci95_low,amount_ci95_high,share,n,share_ci95_low,share_ci95_high,share_n"
    for (i = 1; i <= 41; i++) {
        printf "a%02d,current,,0,%.2f,0,0,0.5,3,0.4,0.6,3\n", i, 1000000 - 1.25 * i
        if (i != 41) printf "a%02d,1-30,1,30,500000.00,0,0,0.25,3,0.2,0.3,3\n", i
        printf "a%02d,over_365,366,,500000.00,0,0,0.25,3,0.2,0.3,3\n", i } }' >"$T/digits/aging.csv"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"; print "a01,sales,1,0,1,1,3"
    for (i = 2; i <= 41; i++) { t = 2000000 - 1.25 * i - (i == 41 ? 500000 : 0)
        if (i == 3) printf "a03,ar_end,%.2f,1,-inf,inf,3\n", t
        else printf "a%02d,ar_end,%.2f,1,%.2f,%.2f,3\n", i, t, t - 5, t + 5 } }' >"$T/digits/summary.csv"
awk 'BEGIN { print "scenario,replication,book,rep_id,hired_day,left_day,days,sales,collected,written_off,base," \
    "commission,bonus,penalties,liability_charges,clawbacks,net_pay,pay_per_month,effort_sell,effort_screen,effort_collect"
    for (i = 1; i <= 41; i++) { m = i == 1 ? 20000.04 : i == 41 ? 20000.00 : 20000.02
        for (r = 1; r <= 2; r++)
            printf "a%02d,%d,1,1,0,,365,1,1,0,0,0,0,0,0,0,1,%.2f,1,0,0\n", i, r, m + (r == 1 ? -0.01 : 0.01) } }' \
    >"$T/digits/reps.csv"
if gnuplot -e "dir='$T/digits'" plots/aging.gp -e 'set print "-"; print $RK' >"$T/digits/rk" 2>"$T/err" && [ ! -s "$T/err" ] &&
    gnuplot -e "dir='$T/digits'" plots/rep_pay.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/digits/plots/aging.svg" '>highest: a01<' '>lowest: a41<' ': 41 scenarios, ranked<' &&
    has "$T/digits/plots/rep_pay.svg" '>highest: a01<' '>lowest: a41<' &&
    awk -F' *, *' '$1 == 2 && $2 == 1 && $3 == $4 { empty = 1 }
        $1 == 3 && $2 == 1 && $6 == 41 && $3 + 0 == 999948.75 && $4 + 0 == 1499948.75 { over = 1 }
        $1 == 4 && $6 == 3 && $4 == $3 && $5 == $3 { a03 = 1 }
        $1 == 5 { n++; if ($6 != 42 - n) order++ }
        END { exit !(empty && over && a03) || order || n != 41 }' "$T/digits/rk"; then
    ok "ageing and rep pay of 41 scenarios: ranked on every digit, buckets by name, names from the stacks"
else
    bad "ranked ageing and rep pay on every digit" "$(grep '^[2-5] ,1 ,' "$T/digits/rk") $(cat "$T/err")"
fi

# Past 40 scenarios the monthly chart draws, per panel and month, how the
# scenarios' means spread (median, quartiles and range, R's type 7) and
# names the highest and the lowest on average, each drawn with its band.
# ar: s-01 and s-02 have 45,000 + month, s-i 1,000 (46 - i) + month
# (s-45's interval is nan: drawn as its mean); overdue: 500 for all;
# dso: 10 i + month, none for s-45 in month 3 (44 values: interpolated).
mkdir -p "$T/mon45"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 45; i >= 1; i--) for (mo = 3; mo >= 1; mo--) {
        a = (i <= 2 ? 45000 : 1000 * (46 - i)) + mo
        if (i == 45) printf "s-%02d,%d,ar,%d,1,nan,nan,1\n", i, mo, a
        else printf "s-%02d,%d,ar,%d,1,%d,%d,3\n", i, mo, a, a - 1, a + 1
        printf "s-%02d,%d,overdue,500,0,500,500,3\n", i, mo
        if (i == 45 && mo == 3) printf "s-45,3,dso,nan,nan,nan,nan,0\n"
        else printf "s-%02d,%d,dso,%d,1,%d,%d,3\n", i, mo, 10 * i + mo, 10 * i + mo - 1, 10 * i + mo + 1 } }' \
    >"$T/mon45/monthly.csv"
awk 'BEGIN { print "scenario,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 45; i++) printf "s-%02d,sales,1,0,1,1,3\n", i }' >"$T/mon45/summary.csv"
# Expected rows "k,month,...": k = 1 to 3 ar (spread, highest, lowest),
# 4 and 5 overdue (no lowest: all alike), 7 to 9 dso.
awk 'BEGIN { for (mo = 1; mo <= 3; mo++) {
        print 1, mo, 23000 + mo, 1000 + mo, 45000 + mo, 12000 + mo, 34000 + mo, 45
        print 2, mo, 45000 + mo, 44999 + mo, 45001 + mo, 1, 1, 45
        print 3, mo, 1000 + mo, 1000 + mo, 1000 + mo, 45, 0, 45
        print 4, mo, 500, 500, 500, 500, 500, 45
        print 5, mo, 500, 500, 500, 1, 44, 45
        if (mo < 3) print 7, mo, 230 + mo, 10 + mo, 450 + mo, 120 + mo, 340 + mo, 45
        else print 7, 3, 228, 13, 443, 120.5, 335.5, 44
        if (mo < 3) print 8, mo, 450 + mo, 449 + mo, 451 + mo, 45, 0, 45
        print 9, mo, 10 + mo, 9 + mo, 11 + mo, 1, 0, 45 } }' | sort -k1,1n -k2,2n >"$T/mon45/expected"
if gnuplot -e "dir='$T/mon45'" plots/monthly.gp -e 'set print "-"; print $RK' >"$T/mon45/rk" 2>"$T/err" &&
    [ ! -s "$T/err" ] &&
    awk -F' *, *' '$1 > 0 { $1 = $1; print }' "$T/mon45/rk" | awk 'NR == FNR { want[FNR] = $0; n = FNR; next }
        { split(want[FNR], w, " "); for (j = 1; j <= 8; j++) if ($j - w[j] > 1e-9 || w[j] - $j > 1e-9) bad++ }
        END { exit bad || FNR != n }' "$T/mon45/expected" - &&
    # A label too long for its panel (about 26 characters) names the
    # scenario on a line of its own.
    has "$T/mon45/plots/monthly.svg" '>Monthly series: mean over n = 1 to 3 replications with 95 % confidence band, 45 scenarios: their spread<' \
        '>highest on average (+1 tied):<' '>s-01<' '>lowest on average: s-45<' '>all 45 alike<' \
        '>lowest on average: s-01<' '>45 of 45 scenarios with a value,<' '>only 44 at month 3<' \
        ">the scenarios' median<" &&
    [ "$(grep -c '>highest on average[: (]' "$T/mon45/plots/monthly.svg")" -eq 2 ] &&
    ! grep -q '>s-0[2-9]<' "$T/mon45/plots/monthly.svg"; then
    ok "monthly chart of 45 scenarios: their spread per month as computed by hand, highest and lowest on average named"
else
    bad "monthly chart of 45 scenarios" "$(awk -F' *, *' '$1 > 0' "$T/mon45/rk" | head -12 | tr '\n' ' ') $(cat "$T/err")"
fi
# 40 scenarios: a line each, as before.
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/mon45/monthly.csv" >"$T/mon45/m40"
mkdir -p "$T/mon40" && mv "$T/mon45/m40" "$T/mon40/monthly.csv"
awk -F, 'NR == 1 || $1 <= "s-40"' "$T/mon45/summary.csv" >"$T/mon40/summary.csv"
gnuplot -e "dir='$T/mon40'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    ! grep -q 'spread\|on average' "$T/mon40/plots/monthly.svg" && grep -q '>s-01<' "$T/mon40/plots/monthly.svg" &&
    ok "monthly chart of 40 scenarios: a line each, named in the legend" ||
    bad "monthly chart of 40 scenarios" "$(cat "$T/err")"

# One month makes no line: a candlestick of the spread, and the named
# scenarios' means with their intervals beside it.
mkdir -p "$T/mon1"
awk -F, 'NR == 1 || $2 == 1' "$T/mon45/monthly.csv" >"$T/mon1/monthly.csv"
cp "$T/mon45/summary.csv" "$T/mon1/"
gnuplot -e "dir='$T/mon1'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] && whole "$T/mon1/plots/monthly.png" &&
    has "$T/mon1/plots/monthly.svg" '>highest on average (+1 tied):<' '>s-01<' '>lowest on average: s-45<' &&
    ok "monthly chart of 45 scenarios over one month: the spread as a candlestick, the named ones beside it" ||
    bad "monthly chart of 45 scenarios over one month" "$(cat "$T/err")"

# The same for collectibility: c-i's share at 0, 30 and 60 days is
# (i + age / 30) / 100; c-41 has none at 60 days (40 values there). The
# scenarios are ranked over the ages all have, 0 and 30: c-41 is the
# highest (0.415 against c-40's 0.405). The axes stay 0 to 1.05 and 0 to
# 750 days, as with fewer scenarios.
mkdir -p "$T/col41"
awk 'BEGIN { print "scenario,age_days,collectible_share,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (a = 0; a <= 60; a += 30) if (i < 41 || a < 60)
        printf "c-%02d,%d,%.4f,%.4f,%.4f,3\n", i, a, (i + a / 30) / 100, (i + a / 30) / 100 - 0.005, (i + a / 30) / 100 + 0.005 }' \
    >"$T/col41/collectibility.csv"
if gnuplot -e "dir='$T/col41'" plots/collectibility.gp -e 'set print "-"; print $RK' >"$T/col41/rk" 2>"$T/err" &&
    [ ! -s "$T/err" ] &&
    awk -F' *, *' 'function off(x, y) { return x - y > 1e-9 || y - x > 1e-9 }
        $1 == 1 && $2 == 0 && !off($3, 0.21) && !off($4, 0.01) && !off($5, 0.41) && !off($6, 0.11) && !off($7, 0.31) && $8 == 41 { a++ }
        $1 == 1 && $2 == 60 && !off($3, 0.225) && !off($4, 0.03) && !off($5, 0.42) && !off($6, 0.1275) && !off($7, 0.3225) && $8 == 40 { b++ }
        $1 == 2 { h++; if ($6 != 41 || $7 != 0 || $8 != 41) wrong++ }
        $1 == 3 { l++; if ($6 != 1 || $8 != 41 || off($4, $3 - 0.005)) wrong++ }
        END { exit !(a == 1 && b == 1 && h == 2 && l == 3 && !wrong) }' "$T/col41/rk" &&
    has "$T/col41/plots/collectibility.svg" '>highest on average: c-41<' '>lowest on average: c-01<' \
        '>days past due (41 of 41 scenarios with a value, only 40 at 60 days)<' '>1.0<' '> *730<' \
        '>seed 004, Edwards: 100 %…20 %<' ', 41 scenarios: their spread<'; then
    ok "collectibility chart of 41 scenarios: their spread per age as computed by hand, highest and lowest on average named"
else
    bad "collectibility chart of 41 scenarios" "$(awk -F' *, *' '$1 > 0' "$T/col41/rk" | head -8 | tr '\n' ' ') $(cat "$T/err")"
fi

# Ranked over the x that all share, not over a tail only some have:
# r-01 has 1,000 in months 1 and 2 and 9,000 in month 3, where only it
# has a value; r-02 has 2,000 in each; the others 1,500. Its own months'
# average (3,667) would name r-01 the highest.
mkdir -p "$T/tail"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 3; mo++) {
        v = i == 1 ? (mo == 3 ? 9000 : 1000) : i == 2 ? 2000 : 1500
        if (mo < 3 || i == 1) printf "r-%02d,%d,ar,%d,1,%d,%d,3\n", i, mo, v, v - 1, v + 1 } }' >"$T/tail/monthly.csv"
gnuplot -e "dir='$T/tail'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/tail/plots/monthly.svg" '>highest on average: r-02<' '>lowest on average: r-01<' \
        '>41 of 41 scenarios with a value,<' '>only 1 at month 3<' &&
    ok "spread past 40: the highest and lowest on average are ranked over the months all share" ||
    bad "spread ranked over shared months" "$(grep -o '>[a-z]* on average[^<]*<' "$T/tail/plots/monthly.svg") $(cat "$T/err")"

# Each scenario lacks its DSO in one month: no month has all 41, though
# every scenario has a value (the count is of scenarios, not of one
# month's); ranked over each one's own months, as none is shared.
mkdir -p "$T/stagger"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 3; mo++) if (mo != i % 3 + 1)
        printf "t-%02d,%d,dso,%d,1,%d,%d,3\n", i, mo, 10 * i + mo, 10 * i + mo - 1, 10 * i + mo + 1 }' >"$T/stagger/monthly.csv"
gnuplot -e "dir='$T/stagger'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    has "$T/stagger/plots/monthly.svg" '>41 of 41 scenarios with a value,<' '>only 27 at month 2<' \
        '>highest on average: t-41<' &&
    [ "$(grep -c 'no replication had a value' "$T/stagger/plots/monthly.svg")" -eq 2 ] &&
    ok "spread past 40: scenarios missing in different months are counted once each" ||
    bad "spread with staggered gaps" "$(grep -o '>[^<]*\(with a value\|only\|on average\)[^<]*<' "$T/stagger/plots/monthly.svg") $(cat "$T/err")"

# Past 40 scenarios with no value anywhere (no invoice ever overdue):
# each panel says so, as with fewer scenarios; both images are whole.
mkdir -p "$T/nanall"
awk 'BEGIN { print "scenario,month,metric,mean,sd,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) for (mo = 1; mo <= 2; mo++) printf "n-%02d,%d,dso,nan,nan,nan,nan,0\n", i, mo }' \
    >"$T/nanall/monthly.csv"
awk 'BEGIN { print "scenario,age_days,collectible_share,ci95_low,ci95_high,n"
    for (i = 1; i <= 41; i++) printf "n-%02d,0,nan,nan,nan,0\n", i }' >"$T/nanall/collectibility.csv"
gnuplot -e "dir='$T/nanall'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    gnuplot -e "dir='$T/nanall'" plots/collectibility.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    whole "$T/nanall/plots/monthly.png" && whole "$T/nanall/plots/collectibility.png" &&
    [ "$(grep -c 'no replication had a value' "$T/nanall/plots/monthly.svg")" -eq 3 ] &&
    grep -q 'no replication had a value' "$T/nanall/plots/collectibility.svg" &&
    ok "spread past 40 without a value anywhere: each panel says so" ||
    bad "spread past 40 without values" "$(cat "$T/err")"

# A series constant over every month and scenario (overdue 0 in all 40)
# gets its own range; the DSO panel after it is drawn from its own data
# (the overdue panel's range had cut it off).
mkdir -p "$T/od0"
awk -F, 'BEGIN { OFS = "," } NR > 1 && $3 == "overdue" { $4 = 0; $6 = 0; $7 = 0 } { print }' "$T/mon40/monthly.csv" \
    >"$T/od0/monthly.csv"
cp "$T/mon40/summary.csv" "$T/od0/"
gnuplot -e "dir='$T/od0'" plots/monthly.gp 2>"$T/err" && [ ! -s "$T/err" ] &&
    ! grep -q 'no replication had a value' "$T/od0/plots/monthly.svg" &&
    grep -q '>400<' "$T/od0/plots/monthly.svg" &&
    ok "monthly chart: a constant series gets a range, the panel after it its own" ||
    bad "monthly chart with a constant series" "$(cat "$T/err")"

# A results folder whose name holds an apostrophe, a space and a dollar:
# every chart is drawn (the shell quoting of its path had ended gnuplot's
# own string early, and four charts failed).
Q="$T/it's a \$dir"
mkdir -p "$Q"
if "$HK" sweep scenarios/late_penalty.ini --param scheme.penalty_daily_rate --values 0,0.001 -n 2 $S \
        -o "$Q/s" --quiet >/dev/null && "$HK" plot "$Q/s" --quiet 2>"$T/err"; then
    check_images "$Q/s" compare differences sweep aging rep_pay monthly collectibility
else
    bad "plot in a folder named with an apostrophe" "$(cat "$T/err")"
fi

# A monthly series without rows (no dso rows at all): its panel says so.
mkdir -p "$T/nodso"
grep -v ',dso,' "$T/cmp/monthly.csv" >"$T/nodso/monthly.csv"
cp "$T/cmp/summary.csv" "$T/nodso/"
# gnuplot warns once per format of the empty series (its mean), not of
# every column of it.
gnuplot -e "dir='$T/nodso'" plots/monthly.gp 2>"$T/err" && whole "$T/nodso/plots/monthly.svg" &&
    grep -q 'no replication had a value' "$T/nodso/plots/monthly.svg" &&
    [ "$(grep -c 'No valid data points' "$T/err")" -eq 2 ] &&
    ok "monthly chart with a series of no rows: drawn, that panel says no replication had a value" ||
    bad "monthly chart without dso rows" "$(cat "$T/err")"

# --- long names are cut in the middle, where a sweep's or a batch's differ -----------
# A 43-character reference name: the differences title, whole (gnuplot's
# sprintf cut it to "... confidence interv"), the n on its second line.
M=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
(cat scenarios/baseline.ini; printf '[sim]\nname = %s_baseline\n' $M) >"$T/m43_a.ini"
(cat scenarios/late_penalty.ini; printf '[sim]\nname = %s_penalty\n' $M) >"$T/m43_b.ini"
"$HK" compare "$T/m43_a.ini" "$T/m43_b.ini" -n 2 $S -o "$T/m43" --quiet >/dev/null &&
    "$HK" plot "$T/m43" --quiet 2>"$T/err" &&
    grep -q ">Paired difference from ${M}_baseline (scenario minus ${M}_baseline)<" \
        "$T/m43/plots/differences.svg" &&
    grep -q '>mean over n = 2 replications, paired (common random numbers), with 95 % confidence interval<' \
        "$T/m43/plots/differences.svg" &&
    ok "differences title with a 43-character reference name is whole" ||
    bad "differences title" "$(cat "$T/err"; grep -o '>Paired[^<]*<' "$T/m43/plots/differences.svg")"

L=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
(cat scenarios/baseline.ini; printf '[sim]\nname = %s_baseline\n' $L) >"$T/long_a.ini"
(cat scenarios/late_penalty.ini; printf '[sim]\nname = %s_penalty\n' $L) >"$T/long_b.ini"
"$HK" compare "$T/long_a.ini" "$T/long_b.ini" -n 2 $S -o "$T/longname" --quiet >/dev/null &&
    "$HK" plot "$T/longname" --quiet 2>"$T/err" &&
    grep -q ">aaaaaaaaaaaa…aaaa_baseline<" "$T/longname/plots/compare.svg" &&
    grep -q ">aaaaaaaaaaaa…aaaa_baseline<" "$T/longname/plots/monthly.svg" &&
    grep -q ">aaaaaaaaaaaa…aaaaa_penalty<" "$T/longname/plots/differences.svg" &&
    grep -q ">aaaaaaaaaaaaaa…aaaaaa_baseline<" "$T/longname/plots/aging.svg" &&
    ! grep -q ">${L}_baseline<" "$T/longname/plots/compare.svg" "$T/longname/plots/aging.svg" &&
    ok "63-character names are cut in the middle in legends (26, monthly's too) and tick labels (30)" ||
    bad "long names in charts" "$(cat "$T/err"; grep -o '>a[^<]*<' "$T/longname/plots/"*.svg)"

# --- calibrate to a target, no constraints: the target drawn, the title on two lines ---
# One line had run off both ends of the image; the key had named failing
# constraints where there were none.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target 'commission=5000' -o "$T/caltarget" --quiet >/dev/null
"$HK" plot "$T/caltarget" --quiet 2>"$T/err"
C="$T/caltarget/plots/calibrate.svg"
has "$C" '<text>Calibration of scheme.commission_sales</text>' \
    '<text>target metric commission (target 5000) at each evaluated value, 95 % confidence intervals over n = 10 replications</text>' \
    '<text>target 5000</text>' '<text>evaluated</text>' &&
    ! grep -q 'past its limit' "$C" &&
    ok "calibrate to a target: the title on two lines, the target drawn and named, no constraint in the key" ||
    bad "calibrate to a target" "$(cat "$T/err"; grep -o '<text>[^<]*</text>' "$C" | head -8)"

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
# A target no value reaches, without constraints: the key says so (it had
# said no value met every constraint).
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0.01:0.2 \
    --target 'commission=900000000' -n 2 -o "$T/calfar" --quiet >/dev/null
rc=$?
"$HK" plot "$T/calfar" --quiet 2>"$T/err"
[ $rc -eq 3 ] && has "$T/calfar/plots/calibrate.svg" '<text>the mean reaches the target at no value evaluated</text>' &&
    ! grep -q 'every constraint' "$T/calfar/plots/calibrate.svg" &&
    ok "calibrate chart: a target never reached is named as the reason nothing was chosen" ||
    bad "calibrate chart, target not reached (exit $rc)" "$(cat "$T/err"; grep -o '<text>[^<]*</text>' "$T/calfar/plots/calibrate.svg" | head -12)"
# A best value at an end of the range searched: the page says so.
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0:0.1 \
    --maximize commission -n 2 -o "$T/caledge" --quiet >/dev/null &&
    "$HK" report "$T/caledge" --quiet 2>"$T/err" &&
    grep -q 'It is the upper end of the range searched: [A-Za-z ]* may go on improving beyond it (widen --range to see)' \
        "$T/caledge/report.html" &&
    ok "report: a chosen value at the end of the range is said to be its end" ||
    bad "report: chosen value at the end of the range" "$(cat "$T/err")"

# Where the grid cannot tell its best value from others (4 replications
# of the baseline: firm_profit is flat within Monte Carlo error around the
# best commission, on a grid 0.015 apart), the span the optimum may lie in is shaded on the
# objective's panel where calibrate says it is (placed by the x axis' 0
# and 0.3), under the shading of values past a constraint's limit; a
# whole-number or money key's span ends at the values as good where
# nothing lies between (one apart, one cent apart); without chance, or
# with the objective also a constraint (two rows a value), nothing is
# shaded that calibrate did not say.
tick_at() { grep -A1 'text-anchor="middle"' "$C" | grep -B1 ">$1<" | grep -o 'translate([0-9.]*' | sed 's/translate(//' | sort -u; }
said_span() { sed -n 's/.*the optimum may lie anywhere from \([^ ]*\) to \([^ ,;]*\).*/\1 \2/p' "$1"; }
shaded_at() { # SPAN X0 X1 V0 V1: the blue rectangle spans SPAN, 0 at X0 ... V1 at X1
    shaded=$(grep "fill = 'rgb(219, 233, 246)' points" "$C" | head -1 | sed "s/.*points = '//; s/'.*//")
    [ -n "$1" ] && [ -n "$shaded" ] && grep -q '>where the optimum may lie<' "$C" &&
    awk -v span="$1" -v shaded="$shaded" -v x0="$2" -v x1="$3" -v v0="$4" -v v1="$5" 'BEGIN {
        split(span, v, " "); split(shaded, p, "[ ,]")
        lo = x0 + (v[1] - v0) / (v1 - v0) * (x1 - x0); hi = x0 + (v[2] - v0) / (v1 - v0) * (x1 - x0)
        exit !(p[1] - lo < 1 && lo - p[1] < 1 && p[3] - hi < 1 && hi - p[3] < 1) }'
}
# span_case NAME WHAT V0 V1 CALIBRATE-ARGS...: calibrate into $T/NAME, plot
# it, and check the blue span against what calibrate said, placed by the
# x axis' ticks at V0 and V1; leaves C the chart.
span_case() {
    name=$1 what=$2 v0=$3 v1=$4
    shift 4
    "$HK" calibrate scenarios/baseline.ini "$@" -o "$T/$name" --quiet >"$T/out"
    span=$(said_span "$T/out")
    "$HK" plot "$T/$name" --quiet 2>"$T/err"
    C="$T/$name/plots/calibrate.svg"
    shaded_at "$span" "$(tick_at "$v0")" "$(tick_at "$v1")" "$v0" "$v1" &&
        ok "calibrate chart: $what ($span) is shaded where calibrate says" ||
        bad "calibrate chart: $what (calibrate said: $span)" "$(cat "$T/err" "$T/out"; echo "shaded: $shaded")"
}
span_case calspan "the span the optimum may lie in" 0 0.3 -n 4 --param scheme.commission_sales \
    --range 0:0.3 --grid 21 --maximize firm_profit --constraint 'dso<=49.574' --max-iter 3
# Drawn first, so the pink of values past a limit shows over it.
blue=$(grep -n "fill = 'rgb(219, 233, 246)' points" "$C" | head -1 | cut -d: -f1)
pink=$(grep -n "fill = 'rgb(246, 211, 211)' points" "$C" | head -1 | cut -d: -f1)
[ -n "$blue" ] && [ -n "$pink" ] && [ "$blue" -lt "$pink" ] &&
    ok "calibrate chart: a constraint's shading lies over the optimum's span" ||
    bad "calibrate chart: shading order (blue line $blue, pink line $pink)"
span_case calwhole "a whole-number key's span, ending at the values as good" 3 9 -n 4 \
    --param reps.count --range 3:9 --maximize firm_profit --max-iter 3
# Money, one cent apart: nothing lies between, as for whole numbers.
span_case calcents "a money key's span, ending at the values as good" 5000 5000.2 -n 8 \
    --param orders.amount_mean --range 5000:5000.2 --grid 21 --minimize dso --max-iter 3
"$HK" plot "$T/caledge" --quiet 2>"$T/err" && [ -s "$T/caledge/plots/calibrate.svg" ] &&
    ! grep -q 'where the optimum may lie' "$T/caledge/plots/calibrate.svg" &&
    ! grep -q "rgb(219, 233, 246)" "$T/caledge/plots/calibrate.svg" &&
    ok "calibrate chart: without chance no span is shaded" ||
    bad "calibrate chart without chance" "$(cat "$T/err")"
"$HK" calibrate scenarios/seed_example.ini --param scheme.commission_sales --range 0:0.1 \
    --maximize commission --constraint 'commission>=0' -n 2 -o "$T/calself" --quiet >"$T/out" &&
    "$HK" plot "$T/calself" --quiet 2>"$T/err" && ! grep -q 'the grid cannot tell' "$T/out" &&
    ! grep -q 'where the optimum may lie' "$T/calself/plots/calibrate.svg" &&
    ok "calibrate chart: the objective also a constraint shades no span calibrate did not say" ||
    bad "calibrate chart with the objective as a constraint" "$(cat "$T/err" "$T/out")"

# Limits, targets and values written with an exponent (%.12g does below
# 1e-4 and from 1e12): gnuplot's "5e-05" + 0 fails, and the chart had not
# been drawn.
"$HK" calibrate scenarios/late_penalty.ini --param scheme.penalty_daily_rate --range 0:0.00002 \
    --grid 3 --max-iter 3 --target 'sales=1e12' --constraint 'sales<=1e12' \
    --constraint 'bad_debt_rate>=0.00001' -n 2 $S -o "$T/calexp" --quiet >/dev/null
"$HK" plot "$T/calexp" --quiet 2>"$T/err" &&
    has "$T/calexp/plots/calibrate.svg" '<text>target 1e+12</text>' 'limit: sales &lt;= 1e+12' \
        'limit: bad_debt_rate >= 1e-05' '<text>1e-05</text>' &&
    ok "calibrate: a target, limits and values with an exponent are drawn" ||
    bad "calibrate with exponents" "$(cat "$T/err")"

# --- a calibrate folder's run is labelled with the value chosen, not the preset alone ---
# One scenario and calibrate.csv's chosen row (its columns found by their
# header): legends and tic labels say "NAME, calibrated: KEY = VALUE".
"$HK" run scenarios/late_penalty.ini -n 3 $S -o "$T/calone" --quiet >/dev/null
printf '%s\n%s\n%s\n' 'evaluation,param,value,metric,mean,ci95_low,ci95_high,n,feasible,chosen,as_good,constraint' \
    '1,scheme.penalty_daily_rate,0.0003,firm_profit,1,0,2,3,1,0,0,' \
    '2,scheme.penalty_daily_rate,0.000525,firm_profit,2,1,3,3,1,1,1,' >"$T/calone/calibrate.csv"
for c in compare aging rep_pay monthly collectibility; do
    gnuplot -e "dir='$T/calone'" plots/$c.gp 2>>"$T/err"
done
V='calibrated: scheme.penalty_daily_rate = 0.000525'
grep -q "late_penalty, $V" "$T/calone/plots/aging.svg" &&
    grep -q "late_penalty, $V" "$T/calone/plots/rep_pay.svg" &&
    grep -q "late_penalty, $V" "$T/calone/plots/collectibility.svg" &&
    grep -q 'late_penalty, calibrated at' "$T/calone/plots/compare.svg" &&
    grep -q '= 0.000525' "$T/calone/plots/compare.svg" &&
    grep -q 'late_penalty, calibrated at' "$T/calone/plots/monthly.svg" &&
    grep -q '= 0.000525' "$T/calone/plots/monthly.svg" &&
    ok "a calibrated run's charts name the value calibrate chose" ||
    bad "a calibrated run's charts" "$(cat "$T/err"; grep -ho '>late_penalty[^<]*<' "$T"/calone/plots/*.svg | sort -u)"
# Its legend entry is the last, right above KEY = VALUE: the interval's
# entry had come between them.
for c in compare monthly; do
    order="|$(grep -o '>95 % [a-z ]*<\|>late_penalty, calibrated at<\|>scheme.penalty_daily_rate<' \
        "$T/calone/plots/$c.svg" | tr -d '<>' | tr '\n' '|')"
    case $order in
    *'|95 % '*'|late_penalty, calibrated at|'*) ok "$c legend: the calibrated scenario last, above its value" ;;
    *) bad "$c legend order" "$order" ;;
    esac
done
# Two scenarios beside a calibrate.csv (the sample in cmp): neither is the calibrated run.
! grep -q 'calibrated' "$T/cmp/plots/compare.svg" "$T/cmp/plots/aging.svg" &&
    ok "charts of several scenarios beside a calibrate.csv label none as calibrated" ||
    bad "a compared scenario labelled as calibrated"

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

# --- the scripts stand alone ----------------------------------------------------------
mkdir "$T/alone" && cp "$T/cmp/summary.csv" "$T/alone/"
gnuplot -e "dir='$T/alone'" plots/compare.gp 2>"$T/err" && [ -s "$T/alone/plots/compare.png" ] &&
    [ -s "$T/alone/plots/compare.svg" ] && ok "gnuplot -e \"dir='...'\" plots/compare.gp works on its own" ||
    bad "plots/compare.gp on its own" "$(cat "$T/err")"

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

echo "charts: $pass passed, $fail failed"
[ $fail -eq 0 ]
