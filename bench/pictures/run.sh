#!/usr/bin/env bash
# Pictures benchmark: the same DOT laid out and rendered in-process (libgvc, through
# `fraudgraph draw`) and by Graphviz's own command line (`dot`, `sfdp`), one run each,
# with the ratio; then the overview of a generated case through `fraudgraph render`.
#
#   bench/pictures/run.sh [PRESET]      # PRESET: small (default) or large
#
# Timings are wall-clock on whatever else the machine is doing: compare the ratios,
# and re-run on a quiet machine for absolute figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
PRESET=${1:-small}
BIN=.build/release/fraudgraph
DATA=bench/data/pictures
RESULTS=bench/results
mkdir -p "$DATA" "$RESULTS"
swift build -c release --product fraudgraph >/dev/null
OUT="$RESULTS/pictures-$(date +%Y%m%d-%H%M%S).txt"
exec > >(tee "$OUT") 2>&1

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }

echo "# pictures: in-process (fraudgraph draw) vs Graphviz command line, one run each"
echo "graphviz: $(dot -V 2>&1)"
echo

# MARK: inputs
python3 bench/pictures/make_graphs.py "$DATA"
if [ ! -d "$DATA/case-small" ]; then $BIN generate --preset small --seed 7 --out "$DATA/case-small" >/dev/null; fi
$BIN render "$DATA/case-small" --view overview --format dot --out "$DATA/small-overview.dot"
$BIN render "$DATA/case-small" --view ring:1 --format dot --out "$DATA/small-ring1.dot"
$BIN render "$DATA/case-small" --view ego:D0000001 --hops 2 --format dot --out "$DATA/small-ego.dot"
# dot with the renderer's caps written into the file, so both sides do the same work.
sed 's/^digraph G {/digraph G { mclimit="0.1"; nslimit="2"; nslimit1="2"; remincross="false"; splines="line";/' \
    "$DATA/layered-2000-5000.dot" > "$DATA/layered-2000-5000-capped.dot"
sed 's/^digraph G {/digraph G { mclimit="0.1"; nslimit="2"; nslimit1="2"; remincross="false"; splines="line";/' \
    "$DATA/random-250-625.dot" > "$DATA/random-250-625-capped.dot"
# The ring view has 355 nodes and 915 edges: the renderer limits dot's search (from 150
# nodes) but keeps its splines (straight edges only from 1,200 edges).
sed 's/^digraph G {/digraph G { mclimit="0.1"; nslimit="2"; nslimit1="2"; remincross="false";/' \
    "$DATA/small-ring1.dot" > "$DATA/small-ring1-capped.dot"

printf "%-34s %-6s %-4s %12s %12s %12s %8s %10s %10s %9s\n" graph engine fmt "in-process" "in+startup" "command" ratio \
    "in CPU" "cmd CPU" "CPU ratio"
# CPU seconds (user + system) of each whole process, from /usr/bin/time: on a shared
# machine they move far less than wall seconds.
cpu() { python3 -c "import sys; print(f'{sum(map(float, open(sys.argv[1]).read().split()[-2:])):.3f}')" "$1"; }
run() {  # file engine format
    local f=$1 e=$2 fmt=$3
    local t0 t1 t2 t3 inproc said dpi
    t0=$(now)
    said=$(/usr/bin/time -f "%U %S" -o "$DATA/draw.time" $BIN draw "$DATA/$f" --engine "$e" --format "$fmt" \
        --out /tmp/fg-bench.$fmt --timings 2>&1)
    t1=$(now)
    inproc=$(sed -n 's/.*edges, \([0-9.]*\) s$/\1/p' <<<"$said")
    # A PNG past the renderer's pixel cap is drawn at a lower resolution: the command
    # line gets the same resolution, so that both draw the same pixels.
    dpi=$(sed -n 's/.*PNG at \([0-9]*\) dpi.*/\1/p' <<<"$said")
    t2=$(now)
    /usr/bin/time -f "%U %S" -o "$DATA/cli.time" "$e" -T"$fmt" ${dpi:+-Gdpi=$dpi} "$DATA/$f" -o /tmp/fg-bench-cli.$fmt 2>/dev/null
    t3=$(now)
    local whole cli incpu clicpu
    whole=$(secs "$t0" "$t1"); cli=$(secs "$t2" "$t3")
    incpu=$(cpu "$DATA/draw.time"); clicpu=$(cpu "$DATA/cli.time")
    printf "%-34s %-6s %-4s %12s %12s %12s %8s %10s %10s %9s\n" "$f" "$e" "$fmt" "$inproc" "$whole" "$cli" \
        "$(python3 -c "print(f'{$inproc / $cli:.2f}')")" "$incpu" "$clicpu" "$(python3 -c "print(f'{$incpu / $clicpu:.2f}')")"
}
run small-ego.dot twopi svg
run small-ring1-capped.dot dot svg
run small-ring1-capped.dot dot png
run small-overview.dot sfdp svg
run random-250-625-capped.dot dot svg
run layered-2000-5000-capped.dot dot svg
run random-2000-5000.dot sfdp svg
run random-2000-5000.dot sfdp png
echo
echo "ratio = in-process seconds (layout + render, from fraudgraph draw --timings) / command-line wall seconds;"
echo "in+startup = the whole fraudgraph draw process (start, read, render, write);"
echo "in CPU, cmd CPU = user + system seconds of the whole fraudgraph draw and Graphviz processes; CPU ratio = in CPU / cmd CPU."
echo "Both sides do the same work: dot's search limits written into the files the renderer would limit,"
echo "and a PNG past the pixel cap drawn by the command line at the resolution the renderer chose (-Gdpi)."
echo

# MARK: the overview of a generated case, end to end
CASE="$DATA/case-$PRESET"
if [ ! -d "$CASE" ]; then
    t0=$(now); $BIN generate --preset "$PRESET" --seed 7 --out "$CASE" >/dev/null; t1=$(now)
    echo "generated $PRESET in $(secs "$t0" "$t1") s"
fi
t0=$(now)
$BIN render "$CASE" --view overview --format svg --out "$DATA/$PRESET-overview.svg" --timings --quiet
t1=$(now)
echo "overview of the $PRESET preset, whole command: $(secs "$t0" "$t1") s (goal: under 60 s)"
echo "results: $OUT"
