#!/usr/bin/env python3
"""Table of a before-after.sh run: each format's writing time (export minus the median
loading time) and its ratio to writing the case folder (median), wall and CPU.

    python3 bench/interchange/before-after-table.py RAW.txt
"""
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith("#") or not line.strip():
        continue
    f = line.split()
    rows.setdefault(f[0], []).append((float(f[1]), float(f[2]) + float(f[3]), int(f[4])))
med = lambda label, k: statistics.median(r[k] for r in rows[label])
load_wall, load_cpu = med("load", 0), med("load", 1)
case_wall, case_cpu = med("case", 0) - load_wall, med("case", 1) - load_cpu
print(f"Loading alone (median of {len(rows['load'])}): {load_wall:.1f} s wall, {load_cpu:.1f} s CPU. "
      f"Writing the case folder (median of {len(rows['case'])}): {case_wall:.1f} s wall, {case_cpu:.1f} s CPU.\n")
print("| export | runs | writing: wall (each run) | writing: CPU (each run) | median ratio to case folder (wall, CPU) | peak memory |")
print("|---|---:|---:|---:|---:|---:|")
for label in rows:
    if label in ("load", "case"):
        continue
    walls = [r[0] - load_wall for r in rows[label]]
    cpus = [r[1] - load_cpu for r in rows[label]]
    print(f"| {label} | {len(walls)} | {', '.join(f'{w:.1f}' for w in walls)} s | {', '.join(f'{c:.1f}' for c in cpus)} s | "
          f"{statistics.median(walls) / case_wall:.2f}, {statistics.median(cpus) / case_cpu:.2f} | "
          f"{max(r[2] for r in rows[label]) / 1024:.0f} MB |")
