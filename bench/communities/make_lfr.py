#!/usr/bin/env python3
"""Make (or reuse) an LFR benchmark graph with NetworKit's LFR generator.

Writes bench/data/lfr-n{N}-mu{MU}-seed{S}.edges (one `u v` line per undirected edge,
nodes 0..n-1) and .truth (line i: the planted community of node i). Existing files
are reused: generating the 1,000,000-node graph takes minutes.

Parameters (the issue's): average degree 20, max degree 50, degree exponent 2,
community sizes 50..500 with exponent 1, mixing MU.
"""
import argparse, os, sys, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--mu", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--avg-degree", type=float, default=20)
    ap.add_argument("--max-degree", type=int, default=50)
    ap.add_argument("--min-community", type=int, default=50)
    ap.add_argument("--max-community", type=int, default=500)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    stem = os.path.join(a.data, f"lfr-n{a.n}-mu{a.mu}-seed{a.seed}")
    if os.path.exists(stem + ".edges") and os.path.exists(stem + ".truth"):
        print(stem)
        return
    import networkit as nk
    nk.setNumberOfThreads(1)
    nk.setSeed(a.seed, False)
    t = time.time()
    gen = nk.generators.LFRGenerator(a.n)
    gen.generatePowerlawDegreeSequence(a.avg_degree, a.max_degree, -2)
    gen.generatePowerlawCommunitySizeSequence(a.min_community, a.max_community, -1)
    gen.setMu(a.mu)
    gen.run()
    g = gen.getGraph()
    truth = gen.getPartition()
    g.removeSelfLoops()
    g.removeMultiEdges()
    print(f"generated n={g.numberOfNodes()} m={g.numberOfEdges()} communities={truth.numberOfSubsets()} "
          f"in {time.time() - t:.1f} s", file=sys.stderr)
    with open(stem + ".edges.tmp", "w") as f:
        lines = []
        for u, v in g.iterEdges():
            lines.append(f"{u} {v}\n")
            if len(lines) >= 1_000_000:
                f.writelines(lines); lines = []
        f.writelines(lines)
    with open(stem + ".truth.tmp", "w") as f:
        f.write("".join(f"{truth.subsetOf(u)}\n" for u in range(g.numberOfNodes())))
    os.replace(stem + ".truth.tmp", stem + ".truth")
    os.replace(stem + ".edges.tmp", stem + ".edges")
    print(stem)

if __name__ == "__main__":
    main()
