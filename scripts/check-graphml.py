#!/usr/bin/env python3
"""Reads a GraphML file with networkx (`read_graphml`) and prints what networkx got,
as JSON: {"multigraph", "directed", "nodes": {id: {attr: value}}, "edges": [[source,
target, {attr: value}], ...], "types": {attr: python type name}}. FraudGraph's tests
compare it with the case that was written. Exits 2 when networkx is not installed.

    python3 scripts/check-graphml.py case.graphml
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    print(json.dumps({"error": "networkx is not installed"}))
    sys.exit(2)

g = nx.read_graphml(sys.argv[1])
types = {}


def plain(attrs):
    out = {}
    for k, v in attrs.items():
        types.setdefault(k, set()).add(type(v).__name__)
        out[k] = v
    return out


nodes = {n: plain(a) for n, a in g.nodes(data=True)}
if g.is_multigraph():
    edges = [[u, v, plain(a)] for u, v, _, a in g.edges(keys=True, data=True)]
else:
    edges = [[u, v, plain(a)] for u, v, a in g.edges(data=True)]
print(json.dumps({
    "multigraph": g.is_multigraph(),
    "directed": g.is_directed(),
    "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))},
    "nodes": nodes,
    "edges": edges,
    "types": {k: sorted(v) for k, v in types.items()},
}, ensure_ascii=False))
