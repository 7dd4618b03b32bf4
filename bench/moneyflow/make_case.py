#!/usr/bin/env python3
"""A stand-in large case for the money-flow benchmark, until `fraudgraph generate
--preset large` lands: 1,000,000 accounts and 10,000,000 transfers (by default),
deterministic for a seed.

Background payments between customers (skewed towards busy merchant and exchange
accounts, three currencies, rows not in time order) and, planted in them, scam
proceeds: victims pay mule accounts, which pass most of it on within hours through
2 to 4 layers (sometimes splitting it, sometimes gathering several victims' money)
and withdraw it as cash or send it to an exchange. Mules also get ordinary payments,
so clean and stolen money mix as they do in real cases.

    python3 make_case.py OUT_DIR [--accounts N] [--transfers N] [--reports N] [--seed S]
"""
import argparse
import os

import numpy as np
import pandas as pd

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--accounts", type=int, default=1_000_000)
p.add_argument("--transfers", type=int, default=10_000_000)
p.add_argument("--reports", type=int, default=50_000)
p.add_argument("--seed", type=int, default=1)
args = p.parse_args()
rng = np.random.default_rng(args.seed)
os.makedirs(args.out, exist_ok=True)

N = args.accounts
countries = np.array(["KH", "MM", "TH", "LA", "VN", "CN", "ES", "US", "PH", "MY"])
banks = np.array([f"Bank {c}{i}" for c in "ABCDEFGHIJ" for i in range(1, 6)])
n_mules = N // 50
n_hubs = N // 1000
mule_ids = rng.choice(N, n_mules, replace=False)
hub_ids = rng.choice(np.setdiff1d(np.arange(N), mule_ids), n_hubs, replace=False)
victims = np.setdiff1d(np.arange(N), np.concatenate([mule_ids, hub_ids]))

ids = np.char.add("A", np.char.zfill(np.arange(N).astype(str), 7))
country = countries[rng.integers(0, len(countries), N)]
bank = banks[rng.integers(0, len(banks), N)]
pd.DataFrame({"id": ids, "kind": "account", "country": country, "bank": bank}).to_csv(
    os.path.join(args.out, "entities.csv"), index=False)

YEAR = 365 * 86400
T0 = 1_704_067_200  # 2024-01-01

# MARK: scam proceeds: victim -> mule -> layers -> cash or exchange
R = args.reports
src, dst, amt, tim, chan = [], [], [], [], []
seed_rows = []
start = T0 + rng.integers(0, YEAR - 30 * 86400, R)
first_mule = mule_ids[rng.integers(0, n_mules, R)]
victim = victims[rng.integers(0, len(victims), R)]
stolen = np.round(rng.lognormal(7.5, 1.0, R), 2).clip(10, 500_000)
row = 0
for r in range(R):
    t = int(start[r])
    seed_rows.append(row)
    src.append(victim[r]); dst.append(first_mule[r]); amt.append(stolen[r]); tim.append(t); chan.append("bank"); row += 1
    frontier = [(first_mule[r], stolen[r], t)]
    depth = int(rng.integers(2, 5))
    for _ in range(depth):
        nxt = []
        for (m, a, tt) in frontier:
            k = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
            keep = a * rng.uniform(0.90, 0.98)
            parts = rng.dirichlet(np.ones(k)) * keep
            for part in parts:
                to = mule_ids[rng.integers(0, n_mules)]
                t2 = tt + int(rng.integers(600, 6 * 3600))
                part = round(float(part), 2)
                if part <= 0:
                    continue
                src.append(m); dst.append(to); amt.append(part); tim.append(t2); chan.append("bank"); row += 1
                nxt.append((to, part, t2))
        frontier = nxt
    for (m, a, tt) in frontier:
        t2 = tt + int(rng.integers(600, 12 * 3600))
        if rng.random() < 0.6:
            src.append(m); dst.append(-1 - int(rng.integers(0, 5000))); amt.append(round(a * 0.99, 2)); tim.append(t2); chan.append("cash_out")
        else:
            src.append(m); dst.append(hub_ids[rng.integers(0, n_hubs)]); amt.append(round(a * 0.99, 2)); tim.append(t2); chan.append("crypto")
        row += 1
fraud = len(src)

# MARK: background payments, skewed towards hubs; mules get some too
B = args.transfers - fraud
def pick(n):
    u = rng.random(n)
    out = rng.integers(0, N, n)
    hub = u < 0.25
    out[hub] = hub_ids[rng.zipf(1.6, hub.sum()) % n_hubs]
    mule = (u >= 0.25) & (u < 0.28)
    out[mule] = mule_ids[rng.integers(0, n_mules, mule.sum())]
    return out
bsrc = pick(B)
bdst = pick(B)
bamt = np.round(rng.lognormal(4.5, 1.3, B), 2).clip(0.01, 1_000_000)
odd = rng.random(B) < 0.05
bamt[odd] = np.round(rng.lognormal(4.5, 1.3, odd.sum()), 4).clip(0.0001, 1_000_000)
btim = T0 + rng.integers(0, YEAR, B)
bcur = np.where(rng.random(B) < 0.85, "USD", np.where(rng.random(B) < 0.67, "EUR", "USDT"))
bchan = np.where(rng.random(B) < 0.02, "cash_out", "bank")

def name(a):
    a = np.asarray(a)
    out = np.empty(len(a), dtype=object)
    inside = a >= 0
    out[inside] = ids[a[inside]]
    out[~inside] = np.char.add("CASH", (-1 - a[~inside]).astype(str))
    return out

fr_src = np.array(src); fr_dst = np.array(dst)
df = pd.DataFrame({
    "from": np.concatenate([name(fr_src), ids[bsrc]]),
    "to": np.concatenate([name(fr_dst), ids[bdst]]),
    "amount": np.concatenate([np.array(amt), bamt]),
    "currency": np.concatenate([np.full(fraud, "USD"), bcur]),
    "time": np.concatenate([np.array(tim), btim]),
    "channel": np.concatenate([np.array(chan), bchan]),
})
# Interleave: rows roughly but not exactly in time order, as exports often are.
order = np.argsort(df["time"].to_numpy() // 86400 * 1_000_000 + rng.integers(0, 1_000_000, len(df)), kind="stable")
df = df.iloc[order].reset_index(drop=True)
position = np.empty(len(order), dtype=np.int64); position[order] = np.arange(len(order))
df.insert(0, "id", np.char.add("T", np.arange(len(df)).astype(str)))
df["amount"] = df["amount"].map(lambda x: f"{x:.4f}".rstrip("0").rstrip("."))
df.to_csv(os.path.join(args.out, "transfers.csv"), index=False)

seed_ids = df["id"].to_numpy()[position[np.array(seed_rows)]]
pd.DataFrame({"id": [f"R{i}" for i in range(R)], "transfer": seed_ids}).to_csv(
    os.path.join(args.out, "reports.csv"), index=False)
print(f"{N} accounts, {len(df)} transfers ({fraud} planted), {R} reports -> {args.out}")
