#!/usr/bin/env bash
# Interchange speed: `fraudgraph export --format case|ftm|graphml|neo4j` on the same
# generated case, each format timed with /usr/bin/time -v (wall, user, system, peak
# memory), beside the time to load the case alone (`stats`). Writing a format costs
# its time minus the load time; the table gives that and its ratio to writing the
# case folder, measured in the same run. With --check, each FtM and GraphML export is
# read back (`fraudgraph import`) and compared with the case folder, and, when the
# Python packages are installed, checked by followthemoney and read by networkx
# (small presets only: the Python readers are slow).
#
#   bench/interchange/run.sh [--preset large|small|tiny] [--seed 7] [--repeat 1] [--check]
#
# Results: bench/results/interchange-PRESET.md. Cases and exports: bench/data/.
# The machine should be quiet: timings of a loaded machine vary by tens of percent.
set -euo pipefail
cd "$(dirname "$0")/../.."

PRESET=large SEED=7 REPEAT=1 CHECK=0
while [ $# -gt 0 ]; do
    case "$1" in
        --preset) PRESET=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --check) CHECK=1; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

BIN=.build/release/fraudgraph
DATA=bench/data/interchange-$PRESET-$SEED
OUT=bench/data/interchange-out
RESULTS=bench/results/interchange-$PRESET.md
RAW=bench/data/interchange-times.tsv
mkdir -p bench/data bench/results "$OUT"

swift build -c release --product fraudgraph >&2
[ -d "$DATA" ] || "$BIN" generate --preset "$PRESET" --seed "$SEED" --out "$DATA" >&2

# measure LABEL COMMAND...: one line "LABEL wall user sys maxrss_kb" in $RAW.
measure() {
    local label=$1; shift
    local log=bench/data/time.log
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
    python3 - "$label" "$log" >>"$RAW" <<'PY'
import re, sys
label, log = sys.argv[1], open(sys.argv[2]).read()
def field(name):
    return re.search(re.escape(name) + r".*?: (.*)", log).group(1).strip()
wall = 0.0
for part in field("Elapsed (wall clock) time").split(":"):
    wall = wall * 60 + float(part)
print(label, wall, field("User time (seconds)"), field("System time (seconds)"), field("Maximum resident set size (kbytes)"), sep="\t")
PY
    grep -E "^(ftm|graphml|neo4j): " "$log" >&2 || true
}

: >"$RAW"
for run in $(seq "$REPEAT"); do
    measure load "$BIN" stats "$DATA" --format json --quiet
    for format in case ftm graphml neo4j; do
        rm -rf "$OUT/$format"
        measure "$format" "$BIN" export "$DATA" --to "$OUT/$format" --format "$format" --quiet
    done
done

python3 - "$RAW" "$OUT" "$PRESET" "$SEED" "$REPEAT" >"$RESULTS" <<'PY'
import os, statistics, subprocess, sys
raw, out, preset, seed, repeat = sys.argv[1:6]
rows = {}
for line in open(raw):
    label, wall, user, system, rss = line.split("\t")
    rows.setdefault(label, []).append((float(wall), float(user), float(system), int(rss)))
def median(label, k):
    return statistics.median(r[k] for r in rows[label])
def size(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total
load_wall, load_cpu = median("load", 0), median("load", 1) + median("load", 2)
case_wall = median("case", 0) - load_wall
case_cpu = median("case", 1) + median("case", 2) - load_cpu
print(f"# Interchange export speed: preset {preset}, seed {seed}, median of {repeat} run(s)\n")
print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end. "
      f"Loading the case alone (`stats`): {load_wall:.1f} s wall, {load_cpu:.1f} s CPU, "
      f"{median('load', 3) / 1024:.0f} MB peak.\n")
print("| format | output | wall | CPU (user+sys) | peak memory | writing: wall | writing: CPU | writing vs case folder (wall, CPU) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for f in ["case", "ftm", "graphml", "neo4j"]:
    wall, cpu, rss = median(f, 0), median(f, 1) + median(f, 2), median(f, 3)
    w, c = wall - load_wall, cpu - load_cpu
    print(f"| {f} | {size(os.path.join(out, f)) / 1e6:.0f} MB | {wall:.1f} s | {cpu:.1f} s | {rss / 1024:.0f} MB | "
          f"{w:.1f} s | {c:.1f} s | {w / case_wall:.2f}, {c / case_cpu:.2f} |")
print("\nPeak memory equal to loading's means the export streams: nothing grows with the output.")
PY
cat "$RESULTS"

if [ "$CHECK" = 1 ]; then
    "$BIN" export "$DATA" --to "$OUT/reference" --quiet
    for format in ftm graphml; do
        file=$OUT/$format/case.$([ $format = ftm ] && echo ftm.json || echo graphml)
        rm -rf "$OUT/back-$format"
        /usr/bin/time -f "import $format: %e s wall, %M KB peak" "$BIN" import "$file" --to "$OUT/back-$format" >/dev/null
        rm -rf "$OUT/back-$format/truth" "$OUT/back-$format/GENERATED.txt"
        if diff -r "$OUT/reference" "$OUT/back-$format" >/dev/null; then
            echo "round trip $format: the case folder read back is identical"
        else
            echo "round trip $format: DIFFERS" >&2; exit 1
        fi
    done
    if [ "$PRESET" != large ]; then
        python3 scripts/check-ftm.py "$OUT/ftm/case.ftm.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("followthemoney:", d.get("entities"), "entities,", len(d.get("errors", [])), "errors")' || true
        python3 scripts/check-graphml.py "$OUT/graphml/case.graphml" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("networkx:", len(d["nodes"]), "nodes,", len(d["edges"]), "edges")' || true
    fi
fi
