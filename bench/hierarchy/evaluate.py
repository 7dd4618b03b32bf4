#!/usr/bin/env python3
"""Recovery of planted den hierarchies on generated cases (truth/roles.csv).

For each case folder: runs `hierarchy-bench evaluate` (the hierarchy of every den,
as `fraudgraph hierarchy` computes it) and pools the scores over all dens:
- Spearman correlation between inferred level and true rank, averaged over dens
  (target >= 0.8);
- the share of dens whose first person is the true boss (target >= 0.9);
- accuracy per true role, with what each role was taken for.

    swift build -c release --product hierarchy-bench
    for s in 1 2 3; do .build/release/fraudgraph generate --preset small --seed $s --out /tmp/gen-small-$s; done
    python3 bench/hierarchy/evaluate.py /tmp/gen-small-1 /tmp/gen-small-2 /tmp/gen-small-3
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser()
    p.add_argument("cases", nargs="+")
    p.add_argument("--bench", default=os.path.join(root, ".build/release/hierarchy-bench"))
    args = p.parse_args()
    dens = boss_dens = boss_first = 0
    spearman_level = spearman_score = 0.0
    roles = {}
    extra = {}
    seconds = 0.0
    for case in args.cases:
        out = subprocess.run([args.bench, "evaluate", case], check=True, capture_output=True, text=True).stdout
        r = json.loads(out)
        s = r["scores"]
        dens += s["densScored"]
        spearman_level += s["meanSpearmanLevel"] * s["densScored"]
        spearman_score += s["meanSpearmanScore"] * s["densScored"]
        boss_dens += s["densWithBoss"]
        boss_first += round(s["bossFirstRate"] * s["densWithBoss"])
        seconds += r["seconds"]["total"]
        for role, v in s["roles"].items():
            e = roles.setdefault(role, {"persons": 0, "right": 0, "predicted": {}})
            e["persons"] += v["persons"]
            e["right"] += round(v["accuracy"] * v["persons"])
            for k, n in v["predicted"].items():
                e["predicted"][k] = e["predicted"].get(k, 0) + n
        for k, n in s.get("extraPeople", {}).items():
            extra[k] = extra.get(k, 0) + n
        print(f"{case}: {s['densScored']} dens, Spearman {s['meanSpearmanLevel']:.3f}, boss first "
              f"{s['bossFirstRate']:.2f}, {r['seconds']['total']:.2f} s", file=sys.stderr)
    summary = {
        "cases": len(args.cases), "dens": dens,
        "meanSpearmanLevel": spearman_level / dens if dens else None,
        "meanSpearmanScore": spearman_score / dens if dens else None,
        "bossFirstRate": boss_first / boss_dens if boss_dens else None,
        "roleAccuracy": {k: round(v["right"] / v["persons"], 4) for k, v in roles.items()},
        "rolePredicted": {k: dict(sorted(v["predicted"].items(), key=lambda x: -x[1])) for k, v in roles.items()},
        "peopleOutsideTruth": extra,
        "hierarchySeconds": seconds,
    }
    print(json.dumps(summary, indent=1))
    ok = dens and summary["meanSpearmanLevel"] >= 0.8 and summary["bossFirstRate"] >= 0.9
    print("PASS" if ok else "FAIL", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
