#!/usr/bin/env bash
# Two builds of fraudgraph, timed in one run on the same case folder, interleaved:
# loading alone (`stats`), the case folder, then FtM, GraphML and Neo4j with each binary,
# then the case folder and loading again. Each line: label, wall, user, system seconds,
# peak resident KB (`/usr/bin/time`), then the sha256 of the FtM/GraphML output.
#
#   bench/interchange/before-after.sh BEFORE_BINARY AFTER_BINARY CASE_FOLDER [REPEAT]
#
# Writing a format costs its export time minus loading's; compare it with the case
# folder's in the same run. Outputs go to a temporary folder, deleted as it goes.
set -euo pipefail
BEFORE=$1 AFTER=$2 CASE=$3 REPEAT=${4:-1}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
run() {  # label binary format
    local label=$1 bin=$2 format=$3 digest=""
    rm -rf "$OUT/x"
    if [ "$format" = load ]; then
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/t" "$bin" stats "$CASE" --format json --quiet >/dev/null
    else
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/t" "$bin" export "$CASE" --to "$OUT/x" --format "$format" --quiet >/dev/null 2>&1
        case $format in
            ftm) digest=$(sha256sum "$OUT/x/case.ftm.json" | cut -c1-16) ;;
            graphml) digest=$(sha256sum "$OUT/x/case.graphml" | cut -c1-16) ;;
        esac
    fi
    echo "$label $(cat "$OUT/t") $digest"
    rm -rf "$OUT/x"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# label wall user sys maxrss_kb sha256[:16]"
for r in $(seq "$REPEAT"); do
    run load "$AFTER" load
    run case "$AFTER" case
    run ftm-before "$BEFORE" ftm
    run ftm-after "$AFTER" ftm
    run graphml-before "$BEFORE" graphml
    run graphml-after "$AFTER" graphml
    run neo4j-after "$AFTER" neo4j
    run case "$AFTER" case
    run load "$AFTER" load
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
