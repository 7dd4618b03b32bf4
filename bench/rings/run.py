#!/usr/bin/env python3
"""How well `fraudgraph rings` recovers the rings planted in generated cases.

For each preset (cases made by `fraudgraph generate`, cached in bench/data/) and each
setting, runs `fraudgraph rings CASE --format json --min-size 1` and scores it against
truth/rings.csv: for every planted ring, the F1 of the found ring that matches it best
(precision = share of the found ring that is planted, recall = share of the planted
ring that is found); printed as mean and minimum over the planted rings, with the
wall seconds of the whole command (loading included).

    python3 bench/rings/run.py --preset tiny small
    python3 bench/rings/run.py --preset large --only default
"""
import argparse, csv, datetime, json, os, subprocess, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TOOL = os.environ.get("FRAUDGRAPH", os.path.join(ROOT, ".build", "release", "fraudgraph"))

SETTINGS = {
    "default": [],                                                  # Leiden, CPM γ = 0.002
    "leiden-modularity-1": ["--quality", "modularity", "--resolution", "1"],
    "leiden-modularity-fitted": ["--quality", "modularity"],
    "leiden-cpm-0.001": ["--resolution", "0.001"],
    "leiden-cpm-0.005": ["--resolution", "0.005"],
    "louvain-modularity-1": ["--algorithm", "louvain", "--quality", "modularity"],
    "lpa": ["--algorithm", "lpa"],
    "components": ["--algorithm", "components"],
    "default-no-victim-cut": ["--weight", "victimTies=1"],
    "default-no-hub-damping": ["--weight", "hubDegree=0"],
}

def case_folder(preset, seed):
    folder = os.path.join(ROOT, "bench", "data", f"case-{preset}-{seed}")
    if not os.path.exists(folder):
        subprocess.run([TOOL, "generate", "--preset", preset, "--seed", str(seed), "--out", folder], check=True)
    return folder

def score(folder, found):
    planted = {}
    with open(os.path.join(folder, "truth", "rings.csv")) as f:
        for row in csv.DictReader(f):
            planted.setdefault(row["ring"], set()).add(row["entity"])
    where = {}
    for i, ring in enumerate(found):
        for e in ring:
            where[e] = i
    f1s = []
    for members in planted.values():
        best = 0.0
        for i in {where[e] for e in members if e in where}:
            inter = len(members & found[i])
            p, r = inter / len(found[i]), inter / len(members)
            best = max(best, 2 * p * r / (p + r))
        f1s.append(best)
    return sum(f1s) / len(f1s), min(f1s), len(planted)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", nargs="+", default=["tiny", "small"])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    names = [s for s in SETTINGS if not a.only or s in a.only]
    lines = [f"# Planted rings recovered ({datetime.datetime.now():%Y-%m-%d %H:%M}, seed {a.seed})", "",
             f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start.", ""]
    print("\n".join(lines), flush=True)
    for preset in a.preset:
        folder = case_folder(preset, a.seed)
        header = [f"## preset {preset}", "", "| setting | mean F1 | min F1 | planted | rings found | seconds |", "|---|---:|---:|---:|---:|---:|"]
        print("\n".join(header), flush=True)
        lines += header
        for name in names:
            t = time.perf_counter()
            p = subprocess.run([TOOL, "rings", folder, "--format", "json", "--min-size", "1", "--quiet"] + SETTINGS[name],
                               capture_output=True, text=True)
            seconds = time.perf_counter() - t
            if p.returncode != 0:
                row = f"| {name} | - | - | - | - | failed: {p.stderr.strip()[:60]} |"
            else:
                d = json.loads(p.stdout)
                found = [set(r["members"]) for r in d["rings"]]
                mean, low, count = score(folder, found)
                row = f"| {name} | {mean:.4f} | {low:.4f} | {count} | {len(found):,} | {seconds:.1f} |"
            print(row, flush=True)
            lines.append(row)
        lines.append("")
    lines.append(f"Load average {os.getloadavg()[0]:.2f} at the end.")
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", f"rings-{datetime.datetime.now():%Y%m%d-%H%M%S}.md")
    open(path, "w").write("\n".join(lines) + "\n")
    print(f"written: {path}")

if __name__ == "__main__":
    main()
