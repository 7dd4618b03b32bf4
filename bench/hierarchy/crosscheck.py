#!/usr/bin/env python3
"""Cross-checks of the Hierarchy module against its Python peers, on the same graphs.

- SpringRank scores against the `springrank` package (De Bacco, Larremore, Moore):
  Pearson correlation >= 0.99 required (and the largest difference is reported);
- PageRank against networkx.pagerank: largest difference <= 1e-6 required;
- betweenness (exact, hops and weights, directed and undirected) against
  networkx.betweenness_centrality: largest difference <= 1e-9 required (float rounding);
- eigenvector centrality against networkx.eigenvector_centrality (reported).

Graphs: seeded random weighted digraphs, planted hierarchies with noise, the ties
SpringRank ranks in the dens of a synthetic case (hierarchy-bench synthetic
--den-ties), and those of generated case folders given with --case. Usage:

    swift build -c release --product hierarchy-bench
    python3 bench/hierarchy/crosscheck.py [--bench .build/release/hierarchy-bench] [--seed 1] [--case DIR ...]

Exit status 0 when every check passes. Python packages needed: networkx, numpy,
scipy, springrank (pip install networkx springrank).
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

try:
    import networkx as nx
    import numpy as np
    import scipy.sparse as sp
    from springrank import SpringRank
except ImportError as e:  # the checks are optional: say so and succeed
    print(f"skipped: {e} (pip install networkx numpy scipy springrank)")
    sys.exit(0)


def random_digraph(n, m, rng, connected=True):
    arcs = {}
    if connected:  # a random spanning path keeps the graph weakly connected
        order = list(range(n))
        rng.shuffle(order)
        for a, b in zip(order, order[1:]):
            arcs[(a, b) if rng.random() < 0.5 else (b, a)] = float(rng.randint(1, 5))
    while len(arcs) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            arcs[(u, v)] = float(rng.randint(1, 5))
    return n, [(u, v, w) for (u, v), w in sorted(arcs.items())]


def planted_hierarchy(n, levels, rng, noise=0.1):
    """Arcs from level l to level l+1 (superior -> subordinate), a share reversed."""
    level = [min(levels - 1, int(levels * (i / n) ** 2)) for i in range(n)]
    arcs = {}
    for v in range(n):
        if level[v] == 0:
            continue
        ups = [u for u in range(n) if level[u] == level[v] - 1]
        for u in rng.sample(ups, min(len(ups), 2)):
            a, b = (v, u) if rng.random() < noise else (u, v)
            arcs[(a, b)] = arcs.get((a, b), 0) + float(rng.randint(1, 4))
    return n, [(u, v, w) for (u, v), w in sorted(arcs.items())]


def f32(w):
    """FraudGraph keeps tie weights as 32-bit floats: give the peers the same values,
    so that equal path lengths are equal on both sides."""
    return float(np.float32(w))


def read_edges(path):
    arcs = []
    n = 0
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            u, v, w = line.split()
            arcs.append((int(u), int(v), f32(float(w))))
            n = max(n, int(u) + 1, int(v) + 1)
    return n, arcs


def write_edges(path, arcs):
    with open(path, "w") as f:
        for u, v, w in arcs:
            f.write(f"{u} {v} {w!r}\n")


def ours(bench, measure, path, n, *flags):
    out = subprocess.run([bench, "scores", measure, path, "--nodes", str(n), *flags],
                         check=True, capture_output=True, text=True).stdout.split()
    return np.array([float(x) for x in out])


def nx_graph(n, arcs, directed=True):
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in arcs:
        if not directed and g.has_edge(u, v):
            g[u][v]["weight"] += w  # merged both ways, as FraudGraph's undirected view does
        else:
            g.add_edge(u, v, weight=w)
    return g


def vec(d, n):
    return np.array([d[i] for i in range(n)])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser()
    p.add_argument("--bench", default=os.path.join(root, ".build/release/hierarchy-bench"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dens", type=int, default=20, help="dens of the synthetic case whose ties are checked")
    p.add_argument("--case", action="append", default=[], help="a case folder whose dens' ties are checked too (repeatable)")
    args = p.parse_args()
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="hierarchy-crosscheck-")

    graphs = []
    for n, m in [(30, 90), (100, 400), (300, 1500), (1000, 5000)]:
        graphs.append((f"random n={n} m={m}", *random_digraph(n, m, rng)))
    for n, lv in [(60, 4), (200, 5), (800, 6)]:
        graphs.append((f"planted n={n} levels={lv}", *planted_hierarchy(n, lv, rng)))
    ties_dir = os.path.join(tmp, "dens")
    subprocess.run([args.bench, "synthetic", "--dens", str(args.dens), "--seed", str(args.seed),
                    "--den-ties", ties_dir, "--limit", str(args.dens)], check=True, capture_output=True)
    for name in sorted(os.listdir(ties_dir), key=lambda s: int(s[3:-6])):
        n, arcs = read_edges(os.path.join(ties_dir, name))
        graphs.append((f"synthetic {name[:-6]} n={n}", n, arcs))
    for k, case in enumerate(args.case):
        case_dir = os.path.join(tmp, f"case{k}")
        subprocess.run([args.bench, "den-ties", case, case_dir, "--limit", str(args.dens)], check=True, capture_output=True)
        for name in sorted(os.listdir(case_dir), key=lambda s: int(s[3:-6])):
            n, arcs = read_edges(os.path.join(case_dir, name))
            graphs.append((f"{os.path.basename(case.rstrip('/'))} {name[:-6]} n={n}", n, arcs))

    failures = 0
    worst = {"springrank_corr": 1.0, "springrank_diff": 0.0, "springrank_reg_diff": 0.0, "pagerank": 0.0,
             "betweenness": 0.0, "eigenvector": 0.0}
    print("SR: SpringRank (plain, on the largest weakly connected component; a=1: regularised, whole graph);")
    print("PR: PageRank; BC: betweenness, hops and weights, directed and undirected; EV: eigenvector, undirected.")
    print(f"{'graph':34} {'SR corr':>10} {'SR maxdiff':>11} {'SR a=1':>9} {'PR maxdiff':>11} {'BC maxdiff':>11} {'EV maxdiff':>11}")
    for name, n, arcs in graphs:
        path = os.path.join(tmp, "g.edges")
        write_edges(path, arcs)
        A = sp.csr_matrix(([w for _, _, w in arcs], ([u for u, _, _ in arcs], [v for _, v, _ in arcs])), shape=(n, n))
        g = nx_graph(n, arcs)
        # SpringRank: plain (alpha 0) on connected graphs, and regularised (alpha 1) on all.
        # Plain SpringRank fixes scores up to a constant per weakly connected
        # component: compare on the largest one (FraudGraph centres each, the package
        # the whole graph).
        largest = sorted(max(nx.weakly_connected_components(g), key=len))
        sub = A[largest][:, largest]
        sr_corr = sr_diff = float("nan")
        if len(largest) > 2:
            ref = np.asarray(SpringRank(alpha=0, rtol=1e-12).fit(sub).ranks).ravel()
            mine = ours(args.bench, "springrank", path, n)[largest]
            sr_corr = float(np.corrcoef(ref, mine)[0, 1])
            sr_diff = float(np.max(np.abs(ref - mine)))
            worst["springrank_corr"] = min(worst["springrank_corr"], sr_corr)
            worst["springrank_diff"] = max(worst["springrank_diff"], sr_diff)
            if sr_corr < 0.99:
                failures += 1
        ref = np.asarray(SpringRank(alpha=1, rtol=1e-12).fit(A).ranks).ravel()
        mine = ours(args.bench, "springrank", path, n, "--alpha", "1")
        reg = float(np.max(np.abs(ref - mine)))
        worst["springrank_reg_diff"] = max(worst["springrank_reg_diff"], reg)
        if reg > 1e-6:
            failures += 1
        # PageRank on the directed weighted graph.
        pr = vec(nx.pagerank(g, tol=1e-13, max_iter=100000), n)
        pr_diff = float(np.max(np.abs(pr - ours(args.bench, "pagerank", path, n))))
        worst["pagerank"] = max(worst["pagerank"], pr_diff)
        if pr_diff > 1e-6:
            failures += 1
        # Betweenness: exact, on graphs up to 1000 nodes; hops and weights, both directions.
        bc_diff = 0.0
        if n <= 1000:
            for directed in (True, False):
                h = g if directed else nx_graph(n, arcs, directed=False)
                flags = [] if directed else ["--undirected"]
                for measure, weight in (("betweenness", None), ("betweenness-weight", "weight")):
                    ref = vec(nx.betweenness_centrality(h, weight=weight), n)
                    bc_diff = max(bc_diff, float(np.max(np.abs(ref - ours(args.bench, measure, path, n, *flags)))))
            worst["betweenness"] = max(worst["betweenness"], bc_diff)
            if bc_diff > 1e-9:
                failures += 1
        # Eigenvector centrality on the undirected view (reported only).
        ev_diff = float("nan")
        u = nx_graph(n, arcs, directed=False)
        if nx.is_connected(u):
            ref = vec(nx.eigenvector_centrality(u, weight="weight", tol=1e-13, max_iter=100000), n)
            ev_diff = float(np.max(np.abs(ref - ours(args.bench, "eigenvector", path, n, "--undirected"))))
            worst["eigenvector"] = max(worst["eigenvector"], ev_diff)
        print(f"{name:34} {sr_corr:10.6f} {sr_diff:11.2e} {reg:9.1e} {pr_diff:11.2e} {bc_diff:11.2e} {ev_diff:11.2e}")
    print()
    print("worst: SpringRank correlation %.6f (largest difference %.2e; regularised %.2e), PageRank %.2e, "
          "betweenness %.2e, eigenvector %.2e" % (worst["springrank_corr"], worst["springrank_diff"],
                                                  worst["springrank_reg_diff"], worst["pagerank"],
                                                  worst["betweenness"], worst["eigenvector"]))
    print("PASS" if failures == 0 else f"FAIL ({failures} checks)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
