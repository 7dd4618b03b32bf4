#!/usr/bin/env python3
"""Compares two trace JSON files (cli.md shape) transfer by transfer and holding by
holding: `compare.py A.json B.json` prints the differences and exits 1 if any."""
import json
import sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
problems = []
def keyed(doc, part, key):
    return {x[key]: x for x in doc[part]}
for part, key in (("seeds", "transfer"), ("transfers", "id"), ("holdings", "account"), ("exits", "transfer")):
    ka, kb = keyed(a, part, key), keyed(b, part, key)
    for k in sorted(set(ka) | set(kb)):
        if k not in ka or k not in kb:
            problems.append(f"{part} {k}: only in {'second' if k not in ka else 'first'}")
        elif ka[k] != kb[k]:
            problems.append(f"{part} {k}: {ka[k]} != {kb[k]}")
    if [x[key] for x in a[part]] != [x[key] for x in b[part]] and part in ("seeds", "transfers", "exits"):
        problems.append(f"{part}: same entries, different order")
for p in problems[:20]:
    print(p)
print(f"{len(problems)} differences" if problems else "identical")
sys.exit(1 if problems else 0)
