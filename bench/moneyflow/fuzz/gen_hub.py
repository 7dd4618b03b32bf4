#!/usr/bin/env python3
"""Cases where many (seed, hops) holdings pile up in one account (haircut's and
poison's arrivals, their merge and radix sort): python3 gen_hub.py OUTDIR SEED"""
import os
import random
import sys

def gen(out, seed):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    k = rng.randint(4, 10)
    ring = [f"R{i}" for i in range(k)]
    src = [f"S{i}" for i in range(rng.randint(2, 6))]
    hub = "H"
    sinks = [f"K{i}" for i in range(rng.randint(1, 4))]
    accounts = ring + src + [hub] + sinks
    n_seeds = rng.randint(20, 60)
    n_cycle = rng.randint(30, 90)
    n_hub = rng.randint(20, 60)
    n_out = rng.randint(3, 15)
    t = 1709288100
    rows, reports = [], []
    cur = ["USD", "EUR"] if rng.random() < 0.3 else ["USD"]
    def amt(lo, hi):
        return f"{rng.randint(lo, hi)}.{rng.randint(0, 9999):04d}"
    n = 0
    def add(f, to, a, ch="bank", dt=None):
        nonlocal n, t
        t += rng.choice([0, 0, 1]) if dt is None else dt
        rows.append((f"T{n}", f, to, a, rng.choice(cur), str(t), ch))
        n += 1
        return f"T{n-1}"
    # some clean money first
    for r in ring:
        if rng.random() < 0.5:
            add(rng.choice(src), r, amt(1, 1000))
    for i in range(n_seeds):
        reports.append(add(rng.choice(src), rng.choice(ring), amt(1, 10000)))
    for i in range(n_cycle):
        a = rng.randrange(k)
        b = (a + rng.choice([1, 1, 2, k - 1])) % k
        add(ring[a], ring[b], amt(0, 3000) if rng.random() < 0.8 else "0.0001")
    for i in range(n_hub):
        add(rng.choice(ring), hub, amt(0, 2000) if rng.random() < 0.9 else "0.0003")
    for i in range(n_out):
        add(hub, rng.choice(sinks + ring), amt(1, 20000), "cash_out" if rng.random() < 0.2 else "bank")
    rows = [r if float(r[3]) > 0 else (r[0], r[1], r[2], "0.0001", r[4], r[5], r[6]) for r in rows]
    with open(f"{out}/entities.csv", "w") as f:
        f.write("id,kind\n" + "".join(f"{a},account\n" for a in accounts))
    with open(f"{out}/transfers.csv", "w") as f:
        f.write("id,from,to,amount,currency,time,channel\n" + "".join(",".join(r) + "\n" for r in rows))
    with open(f"{out}/reports.csv", "w") as f:
        f.write("id,transfer\n" + "".join(f"P{i},{r}\n" for i, r in enumerate(reports)))

if __name__ == "__main__":
    gen(sys.argv[1], int(sys.argv[2]))
