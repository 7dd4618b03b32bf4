#!/usr/bin/env python3
"""Runs one peer community method on an edge list, in its own process.

Usage: peer.py METHOD EDGES OUT.npy
Loads the graph with the peer's own reader, runs the method on one thread, writes
the membership (node i's community at position i) to OUT.npy and prints one JSON
line: {"load": s, "detect": s, "cpu": s, "communities": k}: wall seconds of loading
and of detection, processor seconds of detection. Loading is not compared.
"""
import json, os, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")

def main():
    method, edges, out = sys.argv[1:4]
    import numpy as np
    t0 = time.perf_counter()
    c0 = time.process_time()
    if method.startswith("igraph") or method.startswith("leidenalg"):
        import igraph as ig
        g = ig.Graph.Read_Edgelist(edges, directed=False)
        t1, c1 = time.perf_counter(), time.process_time()
        if method == "igraph-leiden-2":
            m = g.community_leiden(objective_function="modularity", n_iterations=2).membership
        elif method == "igraph-leiden-conv":
            m = g.community_leiden(objective_function="modularity", n_iterations=-1).membership
        elif method == "igraph-louvain":
            m = g.community_multilevel().membership
        elif method == "igraph-lpa":
            m = g.community_label_propagation().membership
        elif method == "leidenalg":
            import leidenalg
            m = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, seed=1).membership
        else:
            raise SystemExit("unknown method " + method)
    elif method.startswith("networkit"):
        import networkit as nk
        nk.setNumberOfThreads(1)
        nk.setSeed(1, False)
        g = nk.readGraph(edges, nk.Format.EdgeListSpaceZero)
        t1, c1 = time.perf_counter(), time.process_time()
        if method == "networkit-plm":
            algo = nk.community.PLM(g, refine=False)
        elif method == "networkit-plm-refine":
            algo = nk.community.PLM(g, refine=True)
        elif method == "networkit-leiden":
            algo = nk.community.ParallelLeiden(g)
        else:
            raise SystemExit("unknown method " + method)
        algo.run()
        m = algo.getPartition().getVector()
    elif method == "infomap":
        import infomap
        im = infomap.Infomap("--two-level --silent --seed 1 --num-trials 1")
        # Node ids as given; nodes are 0..n-1 in our files.
        im.read_file(edges)
        t1, c1 = time.perf_counter(), time.process_time()
        result = im.run()
        modules = dict(result.modules()) if hasattr(result, "modules") else im.get_modules()
        n = max(modules) + 1 if modules else 0
        m = [0] * n
        for node, module in modules.items():
            m[node] = module
    else:
        raise SystemExit("unknown method " + method)
    t2, c2 = time.perf_counter(), time.process_time()
    m = np.asarray(m, dtype=np.int64)
    np.save(out, m)
    print(json.dumps({"load": t1 - t0, "detect": t2 - t1, "cpu": c2 - c1, "communities": int(len(set(m.tolist())))}))

if __name__ == "__main__":
    main()
