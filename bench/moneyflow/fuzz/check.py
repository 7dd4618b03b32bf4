"""Checks a trace JSON against cli.md's shape and tracing.md's totals. check(doc) -> list of problems."""
import re
MONEY = re.compile(r"^\d+\.\d{4}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
def u(s):
    w, f = s.split("."); return int(w) * 10000 + int(f)
def check(d):
    p = []
    for k in ("policy", "maxHops", "seeds", "transfers", "holdings", "exits"):
        if k not in d: p.append(f"missing {k}")
    def money(x, where):
        if not isinstance(x, str) or not MONEY.match(x): p.append(f"bad money {x!r} at {where}")
    def shares(m, where):
        if not isinstance(m, dict) or not m: p.append(f"bad tainted {m!r} at {where}"); return
        for k, v in m.items(): money(v, where)
    for s in d.get("seeds", []):
        for k in ("transfer", "amount", "held", "exited", "cut"):
            if k not in s: p.append(f"seed missing {k}")
        for k in ("amount", "held", "exited", "cut"): money(s.get(k), "seed")
    for t in d.get("transfers", []):
        for k in ("id", "from", "to", "time", "amount", "hops", "tainted"):
            if k not in t: p.append(f"transfer missing {k}")
        money(t.get("amount"), "transfer")
        if not isinstance(t.get("hops"), int): p.append("hops not int")
        if not TIME.match(str(t.get("time"))): p.append(f"odd time {t.get('time')}")
        shares(t.get("tainted"), "transfer " + str(t.get("id")))
        if d.get("policy") != "poison" and isinstance(t.get("tainted"), dict):
            if sum(u(v) for v in t["tainted"].values()) > u(t["amount"]): p.append(f"transfer {t['id']} carries more taint than its amount")
    for h in d.get("holdings", []):
        for k in ("account", "country", "bank", "external", "tainted"):
            if k not in h: p.append(f"holding missing {k}")
        if not isinstance(h.get("external"), bool): p.append("external not bool")
        shares(h.get("tainted"), "holding")
    for e in d.get("exits", []):
        for k in ("transfer", "account", "tainted"):
            if k not in e: p.append(f"exit missing {k}")
        shares(e.get("tainted"), "exit")
    try:
        if d["policy"] != "poison":
            held, ex = {}, {}
            for h in d["holdings"]:
                for k, v in h["tainted"].items(): held[k] = held.get(k, 0) + u(v)
            for e in d["exits"]:
                for k, v in e["tainted"].items(): ex[k] = ex.get(k, 0) + u(v)
            for s in d["seeds"]:
                t = s["transfer"]
                if u(s["held"]) != held.get(t, 0): p.append(f"seed {t} held != holdings sum")
                if u(s["exited"]) != ex.get(t, 0): p.append(f"seed {t} exited != exits sum")
                tot = u(s["held"]) + u(s["exited"]) + u(s["cut"]) + u(s.get("rounding", "0.0000"))
                if tot != u(s["amount"]): p.append(f"seed {t} does not add up: {tot} vs {u(s['amount'])}")
    except Exception as e:
        p.append(f"check error {e}")
    return p
