#!/usr/bin/env python3
"""Speed of the Hierarchy module beside its peers, on the same inputs, as ratios.

1. Every den of a large case: the hierarchy-bench synthetic case (2,000 dens,
   about 1.25 million entities and 9.7 million transfers; or a case folder with
   --case, e.g. the generator's `large` preset): projections (owners, victims,
   command graph with the ledger replay, den placement) and the charts of all dens.
2. SpringRank on the ties of every den of that case: FraudGraph's sparse conjugate
   gradients against the `springrank` package (scipy bicgstab), same graphs.
3. PageRank on a random directed graph of 1M nodes and 5M arcs: FraudGraph against
   igraph (PRPACK) and NetworKit.
4. Exact betweenness on a random directed graph of 5,000 nodes and 25,000 arcs:
   FraudGraph against igraph and NetworKit (which uses every core), and networkx
   on 1,000 nodes.

Times exclude reading files. The machine this ran on is recorded; re-run on a
quiet machine for figures to quote:

    swift build -c release --product hierarchy-bench
    python3 bench/hierarchy/speed.py [--case FOLDER] [--quick]
"""
import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time

import numpy as np


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def random_arcs(n, m, seed):
    rng = np.random.default_rng(seed)
    u = rng.integers(0, n, size=m * 11 // 10)
    v = rng.integers(0, n, size=m * 11 // 10)
    keep = u != v
    pairs = np.unique(np.stack([u[keep], v[keep]], axis=1), axis=0)[:m]
    w = rng.integers(1, 6, size=len(pairs)).astype(float)
    return pairs, w


def write_arcs(path, pairs, w):
    with open(path, "w") as f:
        for (a, b), x in zip(pairs.tolist(), w.tolist()):
            f.write(f"{a} {b} {x}\n")


def best_of(k, fn):
    times = []
    for _ in range(k):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser()
    p.add_argument("--bench", default=os.path.join(root, ".build/release/hierarchy-bench"))
    p.add_argument("--case", help="a case folder with truth/roles.csv instead of the synthetic case")
    p.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    args = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="hierarchy-speed-")
    report = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "load": os.getloadavg()[0]}}

    # 1. Every den of a large case.
    ties = os.path.join(tmp, "dens")
    if args.case:
        r = run_json([args.bench, "evaluate", args.case])
        subprocess.run([args.bench, "den-ties", args.case, ties, "--limit", "100000"], check=True)
    else:
        dens = "200" if args.quick else "2000"
        filler = ["--filler-accounts", "80000", "--filler-transfers", "950000"] if args.quick else \
                 ["--filler-accounts", "800000", "--filler-transfers", "9500000"]
        r = run_json([args.bench, "synthetic", "--dens", dens, "--seed", "1", *filler,
                      "--den-ties", ties, "--limit", dens])
    report["case"] = r["case"]
    report["hierarchy"] = r["seconds"]
    report["scores"] = {k: r["scores"][k] for k in ("meanSpearmanLevel", "bossFirstRate")}
    print(f"1. hierarchy of every den: {r['seconds']['total']:.2f} s "
          f"(projections {r['seconds']['projections']:.2f} s, charts {r['seconds']['charts']:.2f} s) "
          f"for {r['seconds']['dens']} dens, {r['seconds']['people']} people, case {r['case']}")

    # 2. SpringRank on every den's ties.
    ours = run_json([args.bench, "springrank-dir", ties])
    import scipy.sparse as sp
    from springrank import SpringRank
    mats = []
    for name in sorted(os.listdir(ties)):
        a = np.loadtxt(os.path.join(ties, name), comments="#", ndmin=2)
        n = int(a[:, :2].max()) + 1
        mats.append(sp.csr_matrix((a[:, 2], (a[:, 0].astype(int), a[:, 1].astype(int))), shape=(n, n)))
    peer = best_of(1, lambda: [SpringRank(alpha=0).fit(m) for m in mats])
    report["springrank"] = {"graphs": ours["graphs"], "fraudgraph": ours["seconds"], "springrank_package": peer,
                            "ratio": peer / ours["seconds"]}
    print(f"2. SpringRank on {ours['graphs']} den graphs: FraudGraph {ours['seconds']:.3f} s, "
          f"springrank package {peer:.3f} s (x{peer / ours['seconds']:.1f})")

    # 3. PageRank on a large random digraph.
    n, m = (100_000, 500_000) if args.quick else (1_000_000, 5_000_000)
    pairs, w = random_arcs(n, m, 7)
    path = os.path.join(tmp, "pagerank.edges")
    write_arcs(path, pairs, w)
    mine = run_json([args.bench, "scores", "pagerank", path, "--nodes", str(n), "--time"])
    entry = {"nodes": n, "arcs": len(pairs), "fraudgraph": mine["seconds"]}
    # The tools stop at different tolerances (FraudGraph: L1 change below n x 1e-10,
    # networkx's test; igraph's PRPACK solves to ~1e-12; NetworKit: L2 change below
    # tol): the L1 distance of each result to igraph's says how much work each did.
    ours = np.array(subprocess.run([args.bench, "scores", "pagerank", path, "--nodes", str(n)],
                                   check=True, capture_output=True, text=True).stdout.split(), dtype=float)
    accuracy = {}
    try:
        import igraph as ig
        g = ig.Graph(n=n, edges=pairs.tolist(), directed=True)
        g.es["weight"] = w.tolist()
        entry["igraph"] = best_of(1, lambda: g.pagerank(weights="weight", directed=True))
        reference = np.array(g.pagerank(weights="weight", directed=True))
        accuracy["fraudgraph"] = float(np.abs(ours - reference).sum())
    except ImportError:
        reference = None
    try:
        import networkit as nk
        G = nk.Graph(n, weighted=True, directed=True)
        for (a, b), x in zip(pairs.tolist(), w.tolist()):
            G.addEdge(a, b, x)
        for tol in (1e-10, 1e-6):
            pr = nk.centrality.PageRank(G, damp=0.85, tol=tol)
            t = time.perf_counter()
            pr.run()
            key = "networkit" if tol == 1e-10 else f"networkit_tol{tol:g}"
            entry[key] = time.perf_counter() - t
            entry[key + "_iterations"] = pr.numberOfIterations()
            if reference is not None:
                v = np.array(pr.scores())
                accuracy[key] = float(np.abs(v / v.sum() - reference).sum())
        entry["networkit_threads"] = nk.getMaxNumberOfThreads()
    except ImportError:
        pass
    entry["l1_to_igraph"] = accuracy
    report["pagerank"] = entry
    print("3. PageRank " + ", ".join(f"{k} {v:.3f} s" if isinstance(v, float) else f"{k} {v}" for k, v in entry.items()))

    # 4. Exact betweenness.
    n, m = (2_000, 10_000) if args.quick else (5_000, 25_000)
    pairs, w = random_arcs(n, m, 8)
    path = os.path.join(tmp, "betweenness.edges")
    write_arcs(path, pairs, w)
    mine = run_json([args.bench, "scores", "betweenness", path, "--nodes", str(n), "--time"])
    entry = {"nodes": n, "arcs": len(pairs), "fraudgraph": mine["seconds"]}
    try:
        import igraph as ig
        g = ig.Graph(n=n, edges=pairs.tolist(), directed=True)
        entry["igraph"] = best_of(1, lambda: g.betweenness(directed=True))
    except ImportError:
        pass
    try:
        import networkit as nk
        G = nk.Graph(n, directed=True)
        for a, b in pairs.tolist():
            G.addEdge(a, b)
        def nk_bc():
            bc = nk.centrality.Betweenness(G, normalized=True)
            bc.run()
        entry["networkit"] = best_of(1, nk_bc)
    except ImportError:
        pass
    report["betweenness"] = entry
    print("4. betweenness " + ", ".join(f"{k} {v:.3f} s" if isinstance(v, float) else f"{k} {v}" for k, v in entry.items()))
    import networkx as nx
    small, sm = 1000, 5000
    pairs, w = random_arcs(small, sm, 9)
    path = os.path.join(tmp, "betweenness-small.edges")
    write_arcs(path, pairs, w)
    mine = run_json([args.bench, "scores", "betweenness", path, "--nodes", str(small), "--time"])
    H = nx.DiGraph()
    H.add_nodes_from(range(small))
    H.add_edges_from(pairs.tolist())
    peer = best_of(1, lambda: nx.betweenness_centrality(H))
    report["betweenness_networkx"] = {"nodes": small, "arcs": len(pairs), "fraudgraph": mine["seconds"], "networkx": peer,
                                      "ratio": peer / mine["seconds"]}
    print(f"   betweenness n={small}: FraudGraph {mine['seconds']:.3f} s, networkx {peer:.3f} s (x{peer / mine['seconds']:.0f})")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    sys.exit(main())
