#!/usr/bin/env python3
"""Random small case folders that stress tracing.md's corners.

    python3 gen.py OUTDIR SEED [--no FEATURE ...]

Features (all on by default; --no turns one off):
  timeforms  times as Z, +HH:MM, +HHMM, +HH, space for T, unix seconds
  fractions  fractional seconds (non-negative times only)
  pre1970    times before 1970 (negative unix seconds), with fractions when 'fractions'
  oldyears   years before 1000
  farfuture  years after 2514 with .999999 fractions
  leap       a leap second (23:59:60Z)
  headers    header case changes, shuffled columns, extra columns
  crlf       CRLF line ends
  oddids     ids with commas, quotes, unicode, spaces
  currencies several currencies and blank currency cells
  selfxfer   self-transfers
  cashout    cash_out channel
  big        very large amounts
  tiny       0.0001 amounts
"""
import csv
import os
import random
import sys

FEATURES = ["timeforms", "fractions", "pre1970", "oldyears", "farfuture", "leap", "headers", "crlf", "oddids",
            "currencies", "selfxfer", "cashout", "big", "tiny"]

def civil(secs):
    from datetime import datetime, timedelta, timezone
    return datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=secs)

def fmt_time(rng, secs, on):
    """A text for instant `secs` (int), in a random allowed form."""
    from datetime import timedelta, timezone
    forms = ["Z"]
    if "timeforms" in on:
        forms += ["unix", "offset", "offset_nocolon", "offset_hours", "space", "minus0"]
    form = rng.choice(forms)
    d = civil(secs)
    if d.year < 1 or d.year > 9999:
        form = "unix"
    if form == "unix":
        return str(secs)
    frac = ""
    if "fractions" in on and rng.random() < 0.2:
        frac = "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 6)))
    if form in ("offset", "offset_nocolon", "offset_hours"):
        oh = rng.randint(-12, 14)
        om = 0 if form == "offset_hours" else rng.choice([0, 30, 45])
        sign = -1 if oh < 0 else 1
        off = timedelta(hours=oh, minutes=sign * om)
        local = d.astimezone(timezone(off))
        if local.year < 1 or local.year > 9999:
            return str(secs)
        s = "-" if oh < 0 else "+"
        if form == "offset":
            z = f"{s}{abs(oh):02d}:{om:02d}"
        elif form == "offset_nocolon":
            z = f"{s}{abs(oh):02d}{om:02d}"
        else:
            z = f"{s}{abs(oh):02d}"
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}:{local.second:02d}{frac}{z}"
    sep = " " if form == "space" else "T"
    z = "-00:00" if form == "minus0" else "Z"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}{sep}{d.hour:02d}:{d.minute:02d}:{d.second:02d}{frac}{z}"

def money_text(rng, units):
    whole, frac = divmod(units, 10000)
    if frac == 0 and rng.random() < 0.5:
        return str(whole)
    s = f"{whole}.{frac:04d}"
    if rng.random() < 0.5:
        s = s.rstrip("0")
        if s.endswith("."):
            s = s[:-1]
    return s

def gen(outdir, seed, on):
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    n_acc = rng.randint(5, 8) if rng.random() < 0.4 else rng.randint(5, 40)
    n_tr = rng.randint(10, 200)
    odd = "oddids" in on and rng.random() < 0.3

    def acc_id(i):
        if odd and i % 3 == 0:
            return rng.choice(["A,%d", 'A"%d', "Ä%d", "a %d", "x\\%d", "é\u2028%d", "A\t%d"]) % i
        return f"A{i}"
    accounts = [acc_id(i) for i in range(n_acc)]
    listed = [a for a in accounts if rng.random() < 0.8]

    # amounts
    scale = rng.choice(["cents", "tiny", "mixed", "big"] if ("big" in on and "tiny" in on) else ["cents", "mixed"])
    def amount():
        if scale == "tiny" or ("tiny" in on and rng.random() < 0.1):
            return rng.choice([1, 1, 2, 3, 7, 10, 13, 9999, 10001])
        if scale == "big":
            return rng.randint(1, 10 ** 13) * rng.choice([1, 10000])
        if scale == "mixed":
            return rng.choice([rng.randint(1, 10 ** 4), rng.randint(1, 10 ** 8), rng.randint(1, 100) * 10000, rng.randint(1, 10 ** 10)])
        return rng.randint(1, 10 ** 6) * 100

    currencies = ["USD"]
    if "currencies" in on and rng.random() < 0.5:
        currencies = ["USD", "EUR", "KHR", ""][: rng.randint(2, 4)]

    # times
    if "pre1970" in on and rng.random() < 0.25:
        base = rng.randint(-3000, 3000)
    elif "oldyears" in on and rng.random() < 0.1:
        base = -62135596800 + rng.randint(0, 10 ** 9)
    elif "farfuture" in on and rng.random() < 0.1:
        base = 2 ** 34 + rng.randint(0, 10 ** 9)
    else:
        base = 1709288100 + rng.randint(-10 ** 7, 10 ** 7)
    tie_heavy = rng.random() < 0.5

    structure = rng.choice(["random", "chain", "cycle", "hub", "mixed"])
    hubs = rng.sample(accounts, min(len(accounts), rng.randint(1, 3)))
    transfers = []
    t = base
    chain_pos = 0
    for k in range(n_tr):
        if tie_heavy:
            t += rng.choice([0, 0, 0, 1, 60])
        else:
            t += rng.randint(0, 3600)
        if structure == "chain" or (structure == "mixed" and rng.random() < 0.3):
            f = accounts[chain_pos % n_acc]; to = accounts[(chain_pos + 1) % n_acc]
            chain_pos = (chain_pos + 1) % max(2, min(n_acc, rng.randint(2, 8)))
        elif structure == "cycle":
            i = rng.randrange(min(n_acc, 6)); f = accounts[i]; to = accounts[(i + 1) % min(n_acc, 6)]
        elif structure == "hub" or (structure == "mixed" and rng.random() < 0.3):
            h = rng.choice(hubs)
            if rng.random() < 0.6:
                f, to = rng.choice(accounts), h
            else:
                f, to = h, rng.choice(accounts)
        else:
            f, to = rng.choice(accounts), rng.choice(accounts)
        if f == to and not ("selfxfer" in on and rng.random() < 0.5):
            to = accounts[(accounts.index(f) + 1) % n_acc]
        if "selfxfer" in on and rng.random() < 0.03:
            to = f
        ch = rng.choice(["bank", "bank", "ewallet", "crypto", ""])
        if "cashout" in on and rng.random() < 0.12:
            ch = "cash_out"
        cur = rng.choice(currencies)
        transfers.append([f"T{k}", f, to, amount(), cur, t, ch])

    # amounts that drain or exceed a sender: sometimes set amount to sender's whole rough balance
    if rng.random() < 0.5:
        bal = {}
        for tr in sorted(transfers, key=lambda x: x[5]):
            key = (tr[1], tr[4])
            b = bal.get(key, 0)
            r = rng.random()
            if b > 0 and r < 0.25:
                tr[3] = b          # exactly the balance (haircut's m == B)
            elif b > 1 and r < 0.4:
                tr[3] = b - rng.randint(1, min(b - 1, 3))   # nearly the whole balance (dust)
            elif r < 0.45:
                tr[3] = b + rng.randint(1, 5000)   # more than held
            bal[key] = max(0, b - tr[3])
            bal[(tr[2], tr[4])] = bal.get((tr[2], tr[4]), 0) + tr[3]
    for tr in transfers:
        tr[3] = max(1, tr[3])
    total = sum(tr[3] for tr in transfers)
    if total > 9 * 10 ** 17:   # keep the sum below 9e13 currency units (far below Int64)
        f = total // (9 * 10 ** 17) + 1
        for tr in transfers:
            tr[3] = max(1, tr[3] // f)

    # reports
    n_rep = rng.randint(1, min(8, n_tr)) if rng.random() < 0.6 else rng.randint(1, max(1, n_tr // 3))
    reported = rng.sample(range(n_tr), n_rep)
    if rng.random() < 0.3:
        reported.append(rng.choice(reported))    # two reports of one transfer
    if "cashout" in on and rng.random() < 0.3:
        cs = [i for i, tr in enumerate(transfers) if tr[6] == "cash_out"]
        if cs:
            reported.append(rng.choice(cs))
    # seeds out of an account already tainted by another seed: the receiver of a seed sends a later seed
    for _ in range(rng.choice([0, 1, 3, 8])):
        s0 = transfers[rng.choice(reported)]
        later = [i for i, tr in enumerate(transfers) if tr[1] == s0[2] and tr[5] >= s0[5] and i not in reported]
        if later:
            reported.append(rng.choice(later))
    rng.shuffle(reported)

    # leap second: one transfer at 23:59:60Z
    leap_row = None
    if "leap" in on and rng.random() < 0.1:
        leap_row = rng.randrange(n_tr)

    nl = "\r\n" if ("crlf" in on and rng.random() < 0.3) else "\n"
    hdr = ("headers" in on and rng.random() < 0.5)

    def write(name, header, rows):
        idx = list(range(len(header)))
        h = list(header)
        if hdr:
            rng.shuffle(idx)
            h = [header[i].upper() if rng.random() < 0.3 else (header[i].capitalize() if rng.random() < 0.3 else header[i]) for i in idx]
            rows = [[r[i] for i in idx] for r in rows]
            if rng.random() < 0.5:
                h.append("note")
                rows = [r + [rng.choice(["", "x", "a,b", 'q"q'])] for r in rows]
        with open(os.path.join(outdir, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator=nl, quoting=csv.QUOTE_MINIMAL)
            w.writerow(h)
            for r in rows:
                w.writerow(r)

    ent_rows = []
    with_bank = rng.random() < 0.5
    with_ext = rng.random() < 0.3
    header = ["id", "kind", "name", "country"] + (["bank"] if with_bank else []) + (["external"] if with_ext else [])
    for a in listed:
        row = [a, rng.choice(["account", "account", "wallet"]), "", rng.choice(["", "KH", "MM", "ES"])]
        if with_bank:
            row.append(rng.choice(["", "ABA", "Wing Bank"]))
        if with_ext:
            row.append(rng.choice(["", "true", "false", "TRUE"]))
        ent_rows.append(row)
    ent_rows.append(["V1", "person", "Victim", ""] + ([""] if with_bank else []) + ([""] if with_ext else []))
    write("entities.csv", header, ent_rows)

    tr_rows = []
    for i, (tid, f, to, a, cur, tm, ch) in enumerate(transfers):
        ts = fmt_time(rng, tm, on)
        if i == leap_row:
            d = civil(tm)
            ts = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T23:59:60Z"
        tr_rows.append([tid, f, to, money_text(rng, a), cur, ts, ch])
    write("transfers.csv", ["id", "from", "to", "amount", "currency", "time", "channel"], tr_rows)
    write("reports.csv", ["id", "transfer", "victim"], [[f"R{j}", transfers[i][0], "V1"] for j, i in enumerate(reported)])

if __name__ == "__main__":
    out, seed = sys.argv[1], int(sys.argv[2])
    off = set()
    args = sys.argv[3:]
    while args:
        if args[0] == "--no":
            off.add(args[1]); args = args[2:]
        else:
            raise SystemExit("bad args")
    gen(out, seed, set(FEATURES) - off)
