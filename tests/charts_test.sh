#!/bin/sh
# charts_test.sh — end-to-end tests of `huikuan plot` and `huikuan report`.
#
# Run from the repository root: HUIKUAN=build/huikuan sh tests/charts_test.sh
# Compares two presets with three replications, adds sample compare.csv,
# sweep.csv and calibrate.csv (tests/data/charts/), draws every chart,
# writes the report and renders it in headless Chromium; then the charts
# of a single run, of thin results (a metric without a value or an
# interval), of sweeps, of a loss, of long names and of a folder whose
# name needs quoting. Calibration charts are in charts_calibrate_test.sh,
# many scenarios in charts_scale_test.sh, failures in
# charts_failures_test.sh. Prints one line per check and
# "charts: N passed, M failed".
. tests/charts_lib.sh

# --- a comparison, plus sample files of the other commands ------------------
compare_presets "$T/cmp"
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
grep -q 'Within Monte Carlo error it is as good as 2 of the 4 other feasible values evaluated, from 0.00018 to 0.000334 (paired 95&nbsp;% intervals of the difference, on the search.s replications)' "$R" &&
    [ "$(grep -o '<td>as good, within Monte Carlo error</td>' "$R" | wc -l)" -eq 2 ] &&
    ok "report: the values as good as the chosen one within Monte Carlo error, said and marked" ||
    bad "report lacks the as-good values" "$(grep -o 'Chosen value.\{0,400\}' "$R")"
grep -q 'On other replications (seed 20261126), which took no part in the choice, Firm profit is 19,870,413 ' "$R" &&
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

# SOURCE_DATE_EPOCH fixes the report's date; one no date holds is
# ignored (the date is then today's), not shown as garbage, and said.
SOURCE_DATE_EPOCH=86400 "$HK" report "$T/one" --quiet 2>"$T/err" && [ ! -s "$T/err" ] &&
    grep -q '1970-01-02 00:00 UTC' "$T/one/report.html" &&
    day_before=$(date -u +%Y-%m-%d) &&
    SOURCE_DATE_EPOCH=99999999999999999999 "$HK" report "$T/one" --quiet 2>>"$T/err" &&
    grep -qE "($day_before|$(date -u +%Y-%m-%d)) [0-9]{2}:[0-9]{2} UTC" "$T/one/report.html" &&
    [ "$(cat "$T/err")" = "huikuan: note: SOURCE_DATE_EPOCH=99999999999999999999 is not seconds since 1970 that a date holds: the page is dated now" ] &&
    ok "report: SOURCE_DATE_EPOCH fixes the date; one past any date is ignored, and said" ||
    bad "report date from SOURCE_DATE_EPOCH" "$(cat "$T/err"; grep -o '[^>]*UTC' "$T/one/report.html")"

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
# come for both. S (tests/charts_lib.sh) holds these settings; later tests
# use it too, for small, thin results.
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

# A results folder whose name holds an apostrophe, a space, a dollar and
# backquotes: every chart is drawn (the shell quoting of its path had
# ended gnuplot's own string early, and four charts failed; gnuplot runs
# what backquotes hold inside a double-quoted string, and three charts
# had read "it's a $dir x").
Q="$T/it's a \$dir \`echo x\`"
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

# Two scenarios beside a calibrate.csv (the sample in cmp): neither is the calibrated run.
! grep -q 'calibrated' "$T/cmp/plots/compare.svg" "$T/cmp/plots/aging.svg" &&
    ok "charts of several scenarios beside a calibrate.csv label none as calibrated" ||
    bad "a compared scenario labelled as calibrated"

# --- the scripts stand alone ----------------------------------------------------------
mkdir "$T/alone" && cp "$T/cmp/summary.csv" "$T/alone/"
gnuplot -e "dir='$T/alone'" plots/compare.gp 2>"$T/err" && [ -s "$T/alone/plots/compare.png" ] &&
    [ -s "$T/alone/plots/compare.svg" ] && ok "gnuplot -e \"dir='...'\" plots/compare.gp works on its own" ||
    bad "plots/compare.gp on its own" "$(cat "$T/err")"

echo "charts: $pass passed, $fail failed"
[ $fail -eq 0 ]
