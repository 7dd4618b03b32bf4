#!/usr/bin/env python3
"""Writes a case's ledger as flat columns for the C models of the haircut replay.

    python3 bench/moneyflow/model/columns.py CASE DIR

DIR gets, one value per transfer in replay order (ascending time, ties in file order):
src.bin, dst.bin (int32 entity number, in entities.csv order, then accounts named
only by transfers, such as cash-out points), cur.bin (uint16,
currency in order of first appearance), amt.bin (int64, 1/10,000 units), chan.bin
(uint8, 1 for a cash_out transfer) and seed.bin (int32 seed number: position of the
transfer's first report in reports.csv, each transfer once; -1 if not reported), and
meta.txt ("entities currencies transfers seeds").
"""
import csv, sys
from datetime import datetime
import numpy as np

case, out = sys.argv[1], sys.argv[2]
ids = {}
with open(f"{case}/entities.csv", newline="") as f:
    r = csv.reader(f); next(r)
    for row in r: ids[row[0]] = len(ids)

def units(text):
    whole, _, frac = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 10000 + int((frac + "0000")[:4]))

def seconds(text):
    if text.isdigit(): return int(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

rows = {}; src = []; dst = []; cur = []; amt = []; chan = []; time = []; codes = {}
with open(f"{case}/transfers.csv", newline="") as f:
    r = csv.DictReader(f)
    for row in r:
        rows[row["id"]] = len(src)
        src.append(ids.setdefault(row["from"], len(ids))); dst.append(ids.setdefault(row["to"], len(ids)))
        cur.append(codes.setdefault(row["currency"], len(codes)))
        amt.append(units(row["amount"])); chan.append(1 if row["channel"] == "cash_out" else 0)
        time.append(row["time"])
same_format = len({len(t) for t in time}) == 1 and all(t.endswith("Z") for t in time[:1000])
keys = time if same_format else [seconds(t) for t in time]
order = sorted(range(len(src)), key=keys.__getitem__)  # stable: ties keep file order
seed = np.full(len(src), -1, dtype=np.int32); n = 0
with open(f"{case}/reports.csv", newline="") as f:
    r = csv.DictReader(f)
    for row in r:
        t = rows[row["transfer"]]
        if seed[t] < 0: seed[t] = n; n += 1
o = np.array(order, dtype=np.int64)
np.array(src, dtype=np.int32)[o].tofile(f"{out}/src.bin")
np.array(dst, dtype=np.int32)[o].tofile(f"{out}/dst.bin")
np.array(cur, dtype=np.uint16)[o].tofile(f"{out}/cur.bin")
np.array(amt, dtype=np.int64)[o].tofile(f"{out}/amt.bin")
np.array(chan, dtype=np.uint8)[o].tofile(f"{out}/chan.bin")
seed[o].tofile(f"{out}/seed.bin")
with open(f"{out}/meta.txt", "w") as f:
    f.write(f"{len(ids)} {len(codes)} {len(src)} {n}\n")
print(f"{len(ids)} entities, {len(src)} transfers, currencies {list(codes)}, {n} seeds")
