#!/usr/bin/env python3
"""Huge amounts near the limit (sum of all amounts < 9e14 currency units) and tiny ones: python3 gen_big.py OUT SEED"""
import os, random, sys
out, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)
accts = [f"A{i}" for i in range(rng.randint(5, 9))]
n = rng.randint(10, 80)
LIMIT = 9 * 10**14 * 10**4 - 1
amts = []
for i in range(n):
    e = rng.uniform(0, 18.9)
    amts.append(max(1, int(10 ** e)))
tot = sum(amts)
if tot > LIMIT:
    amts = [max(1, a * LIMIT // tot - 1) for a in amts]
assert sum(amts) <= LIMIT
t = 1709288100
rows = []
for i, a in enumerate(amts):
    f = rng.choice(accts); to = rng.choice([x for x in accts if x != f])
    t += rng.choice([0, 1])
    w, fr = divmod(a, 10000)
    rows.append(f"T{i},{f},{to},{w}.{fr:04d},USD,{t},{'cash_out' if rng.random() < 0.05 else 'bank'}")
seeds = rng.sample(range(n), rng.randint(1, max(1, n // 3)))
open(f"{out}/entities.csv", "w").write("id,kind\n" + "".join(f"{a},account\n" for a in accts))
open(f"{out}/transfers.csv", "w").write("id,from,to,amount,currency,time,channel\n" + "\n".join(rows) + "\n")
open(f"{out}/reports.csv", "w").write("id,transfer\n" + "".join(f"R{j},T{s}\n" for j, s in enumerate(seeds)))
