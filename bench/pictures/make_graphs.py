"""Writes the benchmark's plain DOT graphs (seeded, so every run draws the same):
random graphs as in shared/notes/graphviz.md and a layered money-flow DAG."""
import random
import sys

out = sys.argv[1]


def write(name, n, edges, attrs=""):
    with open(f"{out}/{name}.dot", "w") as f:
        f.write("digraph G {\n" + attrs + "  node [shape=box];\n")
        for i in range(n):
            f.write(f'  v{i} [label="account {i}"];\n')
        for a, b in edges:
            f.write(f"  v{a} -> v{b};\n")
        f.write("}\n")


def random_graph(n, m, seed):
    r = random.Random(seed)
    edges = set()
    while len(edges) < m:
        a, b = r.randrange(n), r.randrange(n)
        if a != b:
            edges.add((a, b))
    return sorted(edges)


def layered(n, m, layers, seed):
    """Money moving forward through `layers` layers (victims, mules, ..., collectors)."""
    r = random.Random(seed)
    per = n // layers
    edges = set()
    while len(edges) < m:
        layer = r.randrange(layers - 1)
        a = layer * per + r.randrange(per)
        b = (layer + 1) * per + r.randrange(per)
        edges.add((a, b))
    return sorted(edges)


write("random-2000-5000", 2000, random_graph(2000, 5000, 1))
write("random-250-625", 250, random_graph(250, 625, 2))
write("layered-2000-5000", 2000, layered(2000, 5000, 8, 3))
