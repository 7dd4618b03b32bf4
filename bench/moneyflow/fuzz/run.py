#!/usr/bin/env python3
"""Differential fuzz of `fraudgraph trace` against the plain Python replay
(../replay.py), on small random cases that stress tracing.md's corners.

    python3 bench/moneyflow/fuzz/run.py FIRST COUNT [--gen gen.py|gen_hub.py|gen_big.py]
                                       [--no FEATURE ...] [--bin PATH] [--out DIR]

For each seed FIRST ... FIRST+COUNT-1: make a case (gen.py's features, or a hub or
huge-amount case), check it with `fraudgraph validate`, then trace it under the six
policies, without a hop limit and with --max-hops 0, 1 and 2, with --reports and with
a few --seed ids; compare each Swift trace with the Python one (../compare.py), and
check its JSON against cli.md's shape and held + exited + cut + rounding = amount
(check.py). Disagreeing cases are kept in OUT/diffs/SEED/ (default OUT:
bench/data/moneyflow/fuzz), with a line per problem in OUT/problems.jsonl; the last
line printed sums it up. Exit status 1 if any comparison disagreed.
"""
import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../.."))
sys.path.insert(0, HERE)
import check  # noqa: E402  (beside this file)

POLICIES = ["fifo", "lifo", "libr", "dirty-first", "haircut", "poison"]
HOPS = [None, 0, 1, 2]

p = argparse.ArgumentParser()
p.add_argument("first", type=int)
p.add_argument("count", type=int)
p.add_argument("--gen", default="gen.py")
p.add_argument("--no", action="append", default=[])
p.add_argument("--bin", default=os.path.join(ROOT, ".build/release/fraudgraph"))
p.add_argument("--out", default=os.path.join(ROOT, "bench/data/moneyflow/fuzz"))
args = p.parse_args()
REPLAY, COMPARE = os.path.join(HERE, "../replay.py"), os.path.join(HERE, "../compare.py")


def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def compare(case, policy, hops, seeds, log):
    """Traces `case` both ways and compares; returns a problem record or None."""
    work = os.path.dirname(case)
    sj, pj = f"{work}/swift.json", f"{work}/python.json"
    h = [] if hops is None else ["--max-hops", str(hops)]
    chosen = ["--reports"] if seeds is None else [a for t in seeds for a in ("--seed", t)]
    given = [] if seeds is None else [a for t in seeds for a in ("--seed", t)]
    rs = run([args.bin, "trace", case, *chosen, "--policy", policy, *h, "--format", "json", "--out", sj, "--quiet"])
    rp = run([sys.executable, REPLAY, case, "--policy", policy, *h, *given, "--json", pj])
    record = {"policy": policy, "hops": hops, "seeds": seeds}
    if rs[0] != 0 or rp[0] != 0:
        return dict(record, swift_status=rs[0], swift_error=rs[2][-1500:], python_status=rp[0], python_error=rp[2][-1500:])
    problems = check.check(json.load(open(sj)))
    if problems:
        return dict(record, shape=problems[:10])
    rc = run([sys.executable, COMPARE, sj, pj])
    if rc[0] != 0:
        return dict(record, difference=rc[1][-3000:])
    return None


os.makedirs(args.out, exist_ok=True)
log = open(os.path.join(args.out, "problems.jsonl"), "a")
stats = {"cases": 0, "invalid": 0, "comparisons": 0, "problems": 0}
for seed in range(args.first, args.first + args.count):
    work = os.path.join(args.out, "work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    case = os.path.join(work, "case")
    extra = [a for f in args.no for a in ("--no", f)] if args.gen == "gen.py" else []
    subprocess.run([sys.executable, os.path.join(HERE, args.gen), case, str(seed), *extra], check=True)
    status, out, err = run([args.bin, "validate", case])
    if status != 0:
        stats["invalid"] += 1
        log.write(json.dumps({"seed": seed, "invalid": (out + err)[-2000:]}) + "\n")
        continue
    stats["cases"] += 1
    with open(f"{case}/transfers.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    ids = [r[[h.strip().lower() for h in rows[0]].index("id")] for r in rows[1:] if r]
    rng = random.Random(seed)
    picks = [rng.choice(ids) for _ in range(rng.randint(1, 6))]
    runs = [(policy, hops, None) for policy in POLICIES for hops in HOPS]
    runs += [(policy, rng.choice(HOPS), picks) for policy in POLICIES]
    bad = []
    for policy, hops, seeds in runs:
        stats["comparisons"] += 1
        problem = compare(case, policy, hops, seeds, log)
        if problem:
            bad.append(dict(problem, seed=seed))
    if bad:
        stats["problems"] += len(bad)
        keep = os.path.join(args.out, "diffs", str(seed))
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(case, keep)
        for b in bad:
            log.write(json.dumps(b) + "\n")
        log.flush()
    if seed % 10 == 0:
        print(seed, stats, flush=True)
print("final", json.dumps(stats), flush=True)
sys.exit(1 if stats["problems"] else 0)
