#!/usr/bin/env python3
"""FraudGraph's community search beside its peers on LFR benchmark graphs.

For each graph (made by make_lfr.py with NetworKit's LFR generator, cached in
bench/data/), every method runs once in its own process on the same edge-list file,
one thread. Printed per method: detection seconds, wall and processor (loading
excluded, each tool with its own reader; processor seconds are what a busy machine
inflates least), communities found, modularity (one common function: igraph's
Graph.modularity, γ = 1) and NMI against the planted communities (one common
function: igraph's compare_communities, method "nmi"), and peak memory of the
process. A Markdown table goes to stdout and to bench/results/.

    python3 bench/communities/run.py --n 100000 --mu 0.3 0.5 0.6
    python3 bench/communities/run.py --n 1000000 --mu 0.5 --skip leidenalg

The machine should be quiet: timings are compared as ratios within one run.
"""
import argparse, datetime, json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TOOL = os.environ.get("FRAUDGRAPH", os.path.join(ROOT, ".build", "release", "fraudgraph"))

FRAUDGRAPH = {
    "fraudgraph-leiden-fitted": [],                       # the default: resolution fitted to the graph
    "fraudgraph-leiden-1": ["--resolution", "1"],         # plain modularity, 2 iterations
    "fraudgraph-louvain": ["--algorithm", "louvain"],
    "fraudgraph-lpa": ["--algorithm", "lpa"],
}
PEERS = ["igraph-leiden-2", "igraph-leiden-conv", "igraph-louvain", "igraph-lpa", "leidenalg",
         "networkit-plm", "networkit-leiden", "infomap"]

def timed(cmd):
    """Runs cmd under /usr/bin/time; returns (stdout, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {p.stderr.strip()[-400:]}")
        rss = int(open(tf.name).read().strip().splitlines()[-1]) / 1024
    return p.stdout, rss

def run_fraudgraph(name, edges, out):
    stdout, rss = timed([TOOL, "communities", "--edgelist", edges, "--format", "json", "--out", out + ".json"] + FRAUDGRAPH[name])
    d = json.load(open(out + ".json"))
    import numpy as np
    np.save(out, np.asarray(d["membership"], dtype=np.int64))
    os.remove(out + ".json")
    return {"load": d["seconds"]["load"], "detect": d["seconds"]["detect"], "cpu": d["cpuSeconds"]["detect"],
            "communities": d["communities"], "resolution": d["resolution"]}, rss

def run_peer(name, edges, out):
    stdout, rss = timed([sys.executable, os.path.join(HERE, "peer.py"), name, edges, out])
    return json.loads(stdout.strip().splitlines()[-1]), rss

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="+", default=[100_000])
    ap.add_argument("--mu", type=float, nargs="+", default=[0.3, 0.5, 0.6])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", help="run only these methods")
    ap.add_argument("--skip", nargs="*", default=[], help="methods to leave out")
    a = ap.parse_args()
    import igraph as ig
    import numpy as np
    if not os.path.exists(TOOL):
        raise SystemExit("build first: swift build -c release --product fraudgraph")
    methods = list(FRAUDGRAPH) + PEERS
    if a.only:
        methods = [m for m in methods if m in a.only]
    methods = [m for m in methods if m not in a.skip]
    lines = [f"# Community detection on LFR graphs ({datetime.datetime.now():%Y-%m-%d %H:%M}, `{' '.join(sys.argv[1:])}`)", "",
             f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start.", ""]
    print("\n".join(lines), flush=True)
    for n in a.n:
        for mu in a.mu:
            stem = subprocess.run([sys.executable, os.path.join(HERE, "make_lfr.py"), "--n", str(n), "--mu", str(mu),
                                   "--seed", str(a.seed)], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            edges, truth_file = stem + ".edges", stem + ".truth"
            truth = np.loadtxt(truth_file, dtype=np.int64)
            g = ig.Graph.Read_Edgelist(edges, directed=False)
            header = [f"## n = {n:,}, mixing {mu}: {g.ecount():,} edges, {len(set(truth.tolist())):,} planted communities", "",
                      "| method | seconds | CPU seconds | communities | modularity | NMI | peak MB | note |",
                      "|---|---:|---:|---:|---:|---:|---:|---|"]
            print("\n".join(header), flush=True)
            lines += header
            for method in methods:
                with tempfile.TemporaryDirectory() as tmp:
                    out = os.path.join(tmp, "membership.npy")
                    try:
                        if method.startswith("fraudgraph"):
                            info, rss = run_fraudgraph(method, edges, out[:-4])
                            out = out[:-4] + ".npy"
                        else:
                            info, rss = run_peer(method, edges, out)
                    except Exception as e:
                        row = f"| {method} | - | - | - | - | - | - | failed: {str(e)[:80]} |"
                        print(row, flush=True); lines.append(row); continue
                    m = np.load(out)
                    if m.size < g.vcount():  # a tool may drop trailing isolated nodes
                        m = np.concatenate([m, np.arange(m.max() + 1, m.max() + 1 + g.vcount() - m.size)])
                    q = g.modularity(m.tolist())
                    nmi = ig.compare_communities(truth.tolist(), m.tolist(), method="nmi")
                    note = f"γ = {info['resolution']:.4g}" if info.get("resolution") else ""
                    row = f"| {method} | {info['detect']:.2f} | {info['cpu']:.2f} | {info['communities']:,} | {q:.4f} | {nmi:.4f} | {rss:.0f} | {note} |"
                    print(row, flush=True)
                    lines.append(row)
            lines.append("")
            print(flush=True)
    lines.append(f"Load average {os.getloadavg()[0]:.2f} at the end.")
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", f"communities-{datetime.datetime.now():%Y%m%d-%H%M%S}.md")
    open(path, "w").write("\n".join(lines) + "\n")
    print(f"written: {path}")

if __name__ == "__main__":
    main()
