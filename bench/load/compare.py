#!/usr/bin/env python3
"""Load the large case into a frozen FraudGraph case, beside pandas.read_csv (C engine)
and pyarrow.csv.read_csv of the same transfers.csv. One run each, in separate
processes, so that each peak resident set is its own. Prints seconds, peak memory
and the ratios; writes bench/results/load.json.

usage: bench/load/compare.py [CASE_FOLDER] [--runs N]   (default bench/data/large, 1 run)

With --runs N each contender runs N times (interleaved) and its fastest run is kept,
which is what to quote on a shared machine. CPU seconds (user + system) and the load
average at the start and the end are recorded as well.
"""
import json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, ".build/release/fraudgraph")
ARGS = [a for a in sys.argv[1:]]
RUNS = 1
if "--runs" in ARGS:
    i = ARGS.index("--runs")
    RUNS = int(ARGS[i + 1])
    del ARGS[i:i + 2]
CASE = ARGS[0] if ARGS else os.path.join(ROOT, "bench/data/large")

PEER = r'''
import sys, time
which, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if which == "pandas":
    import pandas as pd
    df = pd.read_csv(path, engine="c", low_memory=False)
    n = len(df)
else:
    import pyarrow.csv as pv
    n = pv.read_csv(path).num_rows
print(n, time.perf_counter() - t)
'''


def timed(cmd):
    """Runs cmd under /usr/bin/time; returns (stdout, wall seconds, peak MB, CPU seconds)."""
    start = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    peak_kb, user, system = r.stderr.strip().splitlines()[-1].split()
    return r.stdout, wall, int(peak_kb) / 1024, float(user) + float(system)


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main():
    if not os.path.exists(TOOL):
        sys.exit("build first: swift build -c release")
    if not os.path.isdir(CASE):
        print(f"generating {CASE} ...", flush=True)
        subprocess.run([TOOL, "generate", "--preset", "large", "--seed", "1", "--out", CASE, "--quiet"], check=True)
    transfers = os.path.join(CASE, "transfers.csv")
    # Warm the page cache so that every contender reads from memory.
    for name in os.listdir(CASE):
        p = os.path.join(CASE, name)
        if os.path.isfile(p):
            with open(p, "rb") as f:
                while f.read(1 << 24):
                    pass

    rows = {}
    load_start = load_average()
    for run in range(RUNS):
        out, wall, peak, cpu = timed([TOOL, "stats", CASE, "--format", "json", "--footprint", "--quiet"])
        stats = json.loads(out)
        r = dict(seconds=stats["loadSeconds"], process_seconds=wall, peak_mb=peak, cpu_seconds=cpu,
                 rows=stats["transfers"]["total"])
        best = rows.get("fraudgraph (whole case)")
        if best is None or r["seconds"] < best["seconds"]:
            rows["fraudgraph (whole case)"] = r
        for peer in ["pandas", "pyarrow"]:
            out, wall, peak, cpu = timed([sys.executable, "-c", PEER, peer, transfers])
            n, seconds = out.split()
            r = dict(seconds=float(seconds), process_seconds=wall, peak_mb=peak, cpu_seconds=cpu, rows=int(n))
            key = f"{peer} (transfers.csv only)"
            if key not in rows or r["seconds"] < rows[key]["seconds"]:
                rows[key] = r
    load_end = load_average()

    fg = rows["fraudgraph (whole case)"]
    print(f"\ncase: {CASE}")
    print(f"{stats['entities']['total']:,} entities, {stats['links']['total']:,} links, "
          f"{stats['transfers']['total']:,} transfers, {stats['reports']:,} reports; "
          f"transfers.csv {os.path.getsize(transfers) / 1e6:.0f} MB\n")
    print(f"{'':28} {'seconds':>9} {'CPU s':>7} {'peak MB':>9} {'time vs FG':>11}")
    for name, r in rows.items():
        print(f"{name:28} {r['seconds']:9.2f} {r['cpu_seconds']:7.2f} {r['peak_mb']:9.0f} {r['seconds'] / fg['seconds']:10.2f}x")
    print(f"\nfastest of {RUNS} run(s) each; load average {load_start:.2f} at the start, {load_end:.2f} at the end")
    m = stats["memory"]
    print(f"\nFraudGraph memory: {m['bytesPerTransfer']:.1f} bytes a transfer in columns (budget 40), "
          f"{m['bytesPerEntity']:.1f} an entity; strings and id tables {m['strings'] / 1e6:.0f} MB; "
          f"all columns {m['total'] / 1e6:.0f} MB")
    print("FraudGraph loads every file of the case, checks every row, resolves every id and keeps exact "
          "integer money; the peers parse transfers.csv alone.")
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/results/load.json"), "w") as f:
        json.dump(dict(case=CASE, runs=RUNS, load_average=dict(start=load_start, end=load_end),
                       contenders=rows, memory=m), f, indent=2)


if __name__ == "__main__":
    main()
