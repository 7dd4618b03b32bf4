#!/usr/bin/env python3
"""A plain Python replay of shared/spec/tracing.md: the peer of `fraudgraph trace` in
the money-flow benchmark, and an independent cross-check of its output.

    python3 replay.py CASE --policy fifo|lifo|libr|dirty-first|haircut|poison
                      [--max-hops H] [--seed ID ...] [--json OUT] [--seconds OUT]

Seeds are every reported transfer (reports.csv order, each once), or the --seed ids
in the order given (each once). Money is integer
units of 1/10,000. Per (account, currency): a balance, and, only while it holds
tainted money, its lots: fifo/lifo keep every lot (clean ones included); libr and
dirty-first keep the tainted lots (clean = balance - tainted); haircut keeps one
amount per (seed, hops); poison marks accounts. The choices FraudGraph made where
the spec is open (see MoneyFlow's Tracer and HaircutBook docs) are made here too.
"""
import argparse
import csv
import json
import sys
import time
from collections import deque
import os
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("case")
p.add_argument("--policy", required=True)
p.add_argument("--max-hops", type=int)
p.add_argument("--json")
p.add_argument("--seconds")
p.add_argument("--seed", action="append")
args = p.parse_args()
policy = args.policy
limit = args.max_hops if args.max_hops is not None else 1 << 62

def units(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 10000 + int((frac + "0000")[:4])

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

def seconds(text):
    """Whole seconds since 1970, exactly: a fraction of a second is dropped (the time
    of day only grows with it, so this is the floor), and a leap second :60 is the
    first second after :59."""
    if text.lstrip("-").isdigit():
        return int(text)
    t = text.replace("Z", "+00:00").replace(" ", "T")
    date, _, rest = t.partition("T")
    clock, zone = rest, ""
    for sign in "+-":
        if sign in rest:
            clock, _, z = rest.partition(sign)
            zone = sign + z
            break
    clock = clock.split(".")[0]
    leap = clock.endswith(":60")
    if leap:
        clock = clock[:-2] + "59"
    dt = datetime.fromisoformat(f"{date}T{clock}{zone}")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return (dt - EPOCH) // timedelta(seconds=1) + (1 if leap else 0)

def money(u):
    return f"{u // 10000}.{u % 10000:04d}"

def iso(s):
    d = EPOCH + timedelta(seconds=s)
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}Z"

def rows(path):
    """The header (names trimmed, lower case) and the data rows of a CSV file; a BOM
    and blank lines are passed over."""
    f = open(path, newline="", encoding="utf-8-sig")
    r = csv.reader(f)
    header = [h.strip().lower() for h in next(r)]

    def data():
        with f:
            for row in r:
                if any(field != "" for field in row):
                    yield row
    return header, data()

# MARK: load
t0 = time.perf_counter()
entity_country, entity_bank, listed = {}, {}, set()
header, r = rows(f"{args.case}/entities.csv")
ci, ki = header.index("id"), header.index("kind")
co = header.index("country") if "country" in header else None
bi = header.index("bank") if "bank" in header else None
ei = header.index("external") if "external" in header else None
external_attr = set()
for row in r:
    listed.add(row[ci])
    if co is not None and row[co]:
        entity_country[row[ci]] = row[co]
    if bi is not None and row[bi]:
        entity_bank[row[ci]] = row[bi]
    if ei is not None and row[ei].lower() == "true":
        external_attr.add(row[ci])
ids, src, dst, amt, cur, tim, cash = [], [], [], [], [], [], []
header, r = rows(f"{args.case}/transfers.csv")
ii, fi, ti, ai, ti2 = (header.index(k) for k in ("id", "from", "to", "amount", "time"))
cu = header.index("currency") if "currency" in header else None
ch = header.index("channel") if "channel" in header else None
for row in r:
    ids.append(row[ii]); src.append(row[fi]); dst.append(row[ti]); amt.append(units(row[ai]))
    cur.append((row[cu] or "USD") if cu is not None else "USD"); tim.append(seconds(row[ti2]))
    cash.append(ch is not None and row[ch] == "cash_out")
row_of = {t: i for i, t in enumerate(ids)}
seeds, seed_of, reports_of = [], {}, {}
if os.path.exists(f"{args.case}/reports.csv"):  # absent: no reports
    header, r = rows(f"{args.case}/reports.csv")
    ri, tri = header.index("id"), header.index("transfer")
    for row in r:
        t = row_of[row[tri]]
        reports_of.setdefault(t, []).append(row[ri])
        if args.seed is None and t not in seed_of:
            seed_of[t] = len(seeds)
            seeds.append(t)
for given in args.seed or []:
    t = row_of[given]
    if t not in seed_of:
        seed_of[t] = len(seeds)
        seeds.append(t)
order = sorted(range(len(ids)), key=lambda i: (tim[i], i))
load_seconds = time.perf_counter() - t0

# MARK: replay
t0 = time.perf_counter()
S = len(seeds)
cut, exited, rounding = [0] * S, [0] * S, [0] * S
balance = {}
lots = {}       # key -> deque of [seed, hops, amount] (fifo/lifo: clean lots too, seed -1)
tainted = {}    # libr/dirty-first: key -> tainted total
marks = {}      # poison: account -> {seed: least hops}
carried = []    # (row, hops, {seed: amount})
exits = []      # (row, account, {seed: amount})

def take(key, a, b):
    """The pieces a transfer of a takes from key (balance b): list of (seed, hops, amount)."""
    out = []
    need = a
    if policy == "poison":
        acct = key[0]
        return [(s, h, a) for s, h in marks.get(acct, {}).items()]
    q = lots.get(key)
    if q is None:
        return [(-1, 0, a)]
    if policy == "haircut":
        m = min(a, b)
        total = sum(q.values())
        keys = sorted(q)
        if m == b:
            out = [(s, h, q[(s, h)]) for (s, h) in keys]
            del lots[key]
            if a > total:
                out.append((-1, 0, a - total))
            return out
        shares = []
        taken = 0
        for k in keys:
            qq, rr = divmod(q[k] * m, b)
            shares.append((k, qq, rr))
            taken += qq
        excess = m - taken - (b - total)
        if excess > 0:
            best = sorted(range(len(shares)), key=lambda i: (-shares[i][2], i))[:excess]
            for i in best:
                k = shares[i][0]
                q[k] -= 1
                rounding[k[0]] += 1
        for k, qq, rr in shares:
            if qq > 0:
                out.append((k[0], k[1], qq))
                q[k] -= qq
        for k in keys:
            if q[k] == 0:
                del q[k]
        if not q:
            del lots[key]
        if a > taken:
            out.append((-1, 0, a - taken))
        return out
    if policy in ("fifo", "lifo"):
        back = policy == "lifo"
        while need > 0 and q:
            lot = q[-1] if back else q[0]
            piece = min(lot[2], need)
            out.append((lot[0], lot[1], piece))
            need -= piece
            lot[2] -= piece
            if lot[2] == 0:
                q.pop() if back else q.popleft()
        if not any(l[0] >= 0 for l in q):
            del lots[key]
    else:
        clean = b - tainted[key]
        if policy == "libr" and clean > 0:
            c = min(clean, need)
            out.append((-1, 0, c)); need -= c
        while need > 0 and q:
            lot = q[0]
            piece = min(lot[2], need)
            out.append((lot[0], lot[1], piece))
            need -= piece
            lot[2] -= piece
            tainted[key] -= piece
            if lot[2] == 0:
                q.popleft()
        if tainted[key] == 0:
            del lots[key], tainted[key]
    if need > 0:
        out.append((-1, 0, need))
    return out

def deposit(key, pieces, b):
    if policy == "poison":
        m = marks.setdefault(key[0], {})
        for s, h, a in pieces:
            if s >= 0 and h < m.get(s, 1 << 62):
                m[s] = h
        return
    if policy == "haircut":
        q = lots.setdefault(key, {})
        for s, h, a in pieces:
            if s >= 0:
                q[(s, h)] = q.get((s, h), 0) + a
        return
    q = lots.get(key)
    if q is None:
        q = lots[key] = deque()
        if policy in ("fifo", "lifo"):
            if b > 0:
                q.append([-1, 0, b])
        else:
            tainted[key] = 0
    for s, h, a in pieces:
        if policy in ("fifo", "lifo"):
            q.append([s, h, a])
        elif s >= 0:
            q.append([s, h, a])
            tainted[key] += a

keeps_clean = policy in ("fifo", "lifo")
for t in order:
    a = amt[t]
    ks = (src[t], cur[t])
    kd = (dst[t], cur[t])
    b = balance.get(ks, 0)
    is_seed = t in seed_of
    holds = (src[t] in marks) if policy == "poison" else (ks in lots)
    if not is_seed and not holds:
        balance[ks] = b - a if b > a else 0
        if keeps_clean and kd in lots:
            lots[kd].append([-1, 0, a])
        balance[kd] = balance.get(kd, 0) + a
        continue
    pieces = take(ks, a, b)
    balance[ks] = b - a if b > a else 0
    if is_seed:
        s = seed_of[t]
        for ps, ph, pa in pieces:
            if ps >= 0:
                cut[ps] += pa
        deposit(kd, [(s, 0, a)], balance.get(kd, 0))
        carried.append((t, 0, {s: a}))
    else:
        arriving, carry, least = [], {}, None
        for ps, ph, pa in pieces:
            if ps < 0:
                arriving.append((ps, ph, pa))
            elif ph >= limit:
                cut[ps] += pa
                arriving.append((-1, 0, pa))
            else:
                carry[ps] = carry.get(ps, 0) + pa
                least = ph + 1 if least is None else min(least, ph + 1)
                arriving.append((ps, ph + 1, pa))
        if least is None:
            if keeps_clean and kd in lots:
                lots[kd].append([-1, 0, a])
        elif cash[t]:
            exits.append((t, src[t], carry))
            for s, x in carry.items():
                exited[s] += x
            carried.append((t, least, carry))
            if keeps_clean and kd in lots:
                lots[kd].append([-1, 0, a])
        else:
            deposit(kd, arriving, balance.get(kd, 0))
            carried.append((t, least, carry))
    balance[kd] = balance.get(kd, 0) + a

held = {}
if policy == "poison":
    whole = {}
    for (acct, c), b in balance.items():
        if acct in marks:
            whole[acct] = whole.get(acct, 0) + b
    for acct, m in marks.items():
        if whole.get(acct, 0) > 0:
            held[acct] = {s: whole[acct] for s in m}
elif policy == "haircut":
    for (acct, c), q in lots.items():
        for (s, h), x in q.items():
            if x > 0:
                held.setdefault(acct, {})
                held[acct][s] = held[acct].get(s, 0) + x
else:
    for (acct, c), q in lots.items():
        for s, h, x in q:
            if s >= 0 and x > 0:
                held.setdefault(acct, {})
                held[acct][s] = held[acct].get(s, 0) + x
replay_seconds = time.perf_counter() - t0

if args.seconds:
    with open(args.seconds, "w") as f:
        json.dump({"load": load_seconds, "replay": replay_seconds, "transfers": len(ids), "seeds": S,
                   "taintedTransfers": len(carried), "holdings": len(held)}, f)
if args.json:
    entity_index = {}
    for e in listed:
        pass
    held_total = [0] * S
    for acct, m in held.items():
        for s, x in m.items():
            held_total[s] += x
    def shares(m):
        return {ids[seeds[s]]: money(x) for s, x in sorted(m.items())}
    out = {
        "policy": policy, "maxHops": args.max_hops,
        "seeds": [{"transfer": ids[t], "amount": money(amt[t]), "held": money(held_total[s]), "exited": money(exited[s]),
                   "cut": money(cut[s]), "rounding": money(rounding[s]), "currency": cur[t], "reports": reports_of.get(t, [])}
                  for s, t in enumerate(seeds)],
        "transfers": [{"id": ids[t], "from": src[t], "to": dst[t], "time": iso(tim[t]), "amount": money(amt[t]), "hops": h,
                       "tainted": shares(m)} for t, h, m in carried],
        "holdings": [{"account": acct, "country": entity_country.get(acct), "bank": entity_bank.get(acct),
                      "external": acct not in listed or acct in external_attr, "tainted": shares(m)}
                     for acct, m in held.items()],
        "exits": [{"transfer": ids[t], "account": acct, "tainted": shares(m)} for t, acct, m in exits],
    }
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)
print(f"{policy}: load {load_seconds:.1f} s, replay {replay_seconds:.1f} s, {len(carried)} tainted transfers, {len(held)} holdings",
      file=sys.stderr)
