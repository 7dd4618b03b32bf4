#!/usr/bin/env bash
# Money-flow benchmark (issue 4): on the large preset, trace every report under each
# of the six policies, beside the floor (one pass over the time-sorted ledger that only
# adds up balances) measured in the same process, and (fifo and haircut) beside a plain
# Python replay of the same spec; then find the laundering patterns and score them against the truth.
#
#   bench/moneyflow/run.sh [CASE]        (default: bench/data/large, generated if absent)
#   PYTHON_TIMEOUT=3600 bench/moneyflow/run.sh
#
# Results: bench/results/moneyflow/ (small files: JSON lines, timings, the score table)
# and a summary on stdout; the small case and its traces go to bench/data/moneyflow/
# (not in git). Timings are noisy on a shared machine:
# compare the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
CASE=${1:-bench/data/large}
OUT=bench/results/moneyflow
WORK=bench/data/moneyflow
PYTHON_TIMEOUT=${PYTHON_TIMEOUT:-3600}
mkdir -p "$OUT" "$WORK"
swift build -c release --product fraudgraph >/dev/null
BIN=.build/release/fraudgraph
if [ ! -f "$CASE/transfers.csv" ]; then
    "$BIN" generate --preset large --seed 1 --out "$CASE"
fi

echo "== cross-check on the small preset: Swift and Python give the same trace =="
SMALL=$WORK/small-case
[ -f "$SMALL/transfers.csv" ] || "$BIN" generate --preset small --seed 1 --out "$SMALL" --quiet
differ=0
: >"$OUT/crosscheck-small.txt"
for p in fifo lifo libr dirty-first haircut poison; do
    "$BIN" trace "$SMALL" --reports --policy "$p" --format json --out "$WORK/small-swift-$p.json" --quiet
    python3 bench/moneyflow/replay.py "$SMALL" --policy "$p" --json "$WORK/small-python-$p.json" 2>/dev/null
    # compare.py exits 1 on a difference: record it and go on to the timings.
    verdict=$(python3 bench/moneyflow/compare.py "$WORK/small-swift-$p.json" "$WORK/small-python-$p.json") || differ=1
    printf '%-12s %s\n' "$p" "$(tail -1 <<<"$verdict")" | tee -a "$OUT/crosscheck-small.txt"
done

echo "== Swift: floor, every policy, patterns (one process, peak memory per phase) =="
/usr/bin/time -v "$BIN" bench-moneyflow "$CASE" --phases floor,fifo,floor,haircut,floor,lifo,libr,dirty-first,floor,skeleton,haircut,fifo,floor,poison,floor,patterns --repeats 3 \
    > "$OUT/swift.jsonl" 2> "$OUT/swift.time"
cat "$OUT/swift.jsonl"

echo "== Python replay (plain, same spec) =="
for p in fifo haircut; do
    if timeout "$PYTHON_TIMEOUT" /usr/bin/time -v python3 bench/moneyflow/replay.py "$CASE" --policy "$p" \
        --seconds "$OUT/python-$p.json" 2> "$OUT/python-$p.time"; then
        echo "$p: $(cat "$OUT/python-$p.json")  peak RSS $(grep 'Maximum resident' "$OUT/python-$p.time" | awk '{print $6}') kB"
    else
        echo "$p: did not finish within ${PYTHON_TIMEOUT} s"
    fi
done

echo "== patterns against truth/laundering.csv =="
"$BIN" patterns "$CASE" --score --limit 0 --quiet | tee "$OUT/patterns-score.txt" | tail -14
if [ "$differ" = 1 ]; then
    echo "the Swift and Python traces of the small case differ (see above)" >&2
    exit 1
fi
