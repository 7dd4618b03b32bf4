#!/usr/bin/env bash
# C models of the haircut and poison replays (see ../README.md, "How far haircut can
# go"): the same work as FraudGraph's engine, on one thread, writing no trace. They
# print the pieces moved, the exits and what is held, which must equal
# `fraudgraph bench-moneyflow CASE --phases haircut,poison` (piecesMoved, exits, held).
#
#   bench/moneyflow/model/run.sh [CASE]    (default: bench/data/large)
set -euo pipefail
cd "$(dirname "$0")/../../.."
CASE=${1:-bench/data/large}
COLUMNS=bench/data/moneyflow/columns-$(basename "$CASE")
BIN=bench/data/moneyflow/model
mkdir -p "$COLUMNS" "$BIN"
[ -f "$COLUMNS/meta.txt" ] || python3 bench/moneyflow/model/columns.py "$CASE" "$COLUMNS"
cc -O2 -march=native -Wall -o "$BIN/haircut" bench/moneyflow/model/haircut.c
cc -O2 -march=native -Wall -DHASHED -o "$BIN/haircut-hashed" bench/moneyflow/model/haircut.c
cc -O2 -march=native -Wall -o "$BIN/poison" bench/moneyflow/model/poison.c
cc -O2 -march=native -Wall -DWRITE -o "$BIN/poison-writing" bench/moneyflow/model/poison.c
uptime
echo "== haircut, holdings sorted and arrivals merged (FraudGraph's design), every currency"; "$BIN/haircut" "$COLUMNS"
echo "== haircut, holdings indexed by a hash (no sort, no merge), every currency"; "$BIN/haircut-hashed" "$COLUMNS"
echo "== haircut, sorted, currency 0 only (the first in transfers.csv: USD on large)"; "$BIN/haircut" "$COLUMNS" 0
echo "== haircut, hashed, currency 0 only"; "$BIN/haircut-hashed" "$COLUMNS" 0
echo "== poison"; "$BIN/poison" "$COLUMNS"
echo "== poison, writing each tainted transfer's (seed, amount) pairs"; "$BIN/poison-writing" "$COLUMNS"
uptime
