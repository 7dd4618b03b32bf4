import FraudGraph
@testable import MoneyFlow

/// A deliberately plain tracer written straight from `shared/spec/tracing.md`, for
/// comparison with `Tracer` on small cases: every account and currency keeps an
/// explicit list of lots (clean ones included, never merged), transfers are sorted
/// here by (time, row), and every policy is the literal loop over that list.
struct NaiveTracer {
    var policy: TracePolicy
    var maxHops: Int?

    struct NaiveLot { var seed: Int; var hops: Int; var amount: Int64 }  // seed -1 = clean

    struct Result: Equatable {
        var transfers: [Int32: Int] = [:]          // transfer -> hops
        var carried: [Int32: [Int: Int64]] = [:]   // transfer -> seed -> amount
        var holdings: [Int32: [Int: Int64]] = [:]  // account -> seed -> amount
        var exits: [Int32: [Int: Int64]] = [:]     // transfer -> seed -> amount
        var exitAccounts: [Int32: Int32] = [:]
        var totals: [Trace.SeedTotals] = []
    }

    struct Key: Hashable { var account: Int32; var currency: UInt16 }

    func run(_ c: Case, seeds rawSeeds: [Int32]) -> Result {
        var seeds: [Int32] = []
        for s in rawSeeds where !seeds.contains(s) { seeds.append(s) }
        let t = c.transfers
        let order = (0 ..< t.count).sorted { (t.time[$0], $0) < (t.time[$1], $1) }
        var lots: [Key: [NaiveLot]] = [:]
        var balance: [Key: Int64] = [:]
        var poison: [Int32: [Int: Int]] = [:]  // account -> seed -> least hops
        var haircut: [Key: [Int: [Int: Int64]]] = [:]  // key -> seed -> hops -> amount
        var result = Result()
        result.totals = seeds.map { Trace.SeedTotals(amount: t.amount[Int($0)]) }
        let limit = maxHops ?? Int.max

        for row in order {
            let a = t.amount[row]
            let from = t.source[row], to = t.target[row]
            let ks = Key(account: from, currency: t.currency[row]), kd = Key(account: to, currency: t.currency[row])
            let b = balance[ks, default: 0]
            // What leaves the sender.
            var taken: [NaiveLot] = []
            switch policy {
            case .poison:
                for (seed, h) in poison[from, default: [:]] { taken.append(NaiveLot(seed: seed, hops: h, amount: a)) }
            case .haircut:
                let m = min(a, b)
                var holdings = haircut[ks, default: [:]]
                var total: Int64 = 0
                var shares: [(seed: Int, hops: Int, q: Int64, r: Int64)] = []
                for seed in holdings.keys.sorted() {
                    for h in holdings[seed]!.keys.sorted() {
                        let amount = holdings[seed]![h]!
                        total += amount
                        let product = Int128(amount) * Int128(m)
                        let q = b == 0 ? 0 : Int64(product / Int128(b))
                        let r = b == 0 ? 0 : Int64(product % Int128(b))
                        shares.append((seed, h, q, r))
                    }
                }
                let takenTotal = shares.reduce(Int64(0)) { $0 + $1.q }
                var excess = m - takenTotal - (b - total)
                // Dust the sender cannot hold: one unit from the largest remainders.
                var order = Array(shares.indices)
                order.sort { shares[$0].r != shares[$1].r ? shares[$0].r > shares[$1].r : $0 < $1 }  // ties: earlier
                var k = 0
                while excess > 0 {
                    let i = order[k]
                    holdings[shares[i].seed]![shares[i].hops]! -= 1
                    result.totals[shares[i].seed].rounding += 1
                    excess -= 1
                    k += 1
                }
                for s in shares where s.q > 0 {
                    holdings[s.seed]![s.hops]! -= s.q
                    taken.append(NaiveLot(seed: s.seed, hops: s.hops, amount: s.q))
                }
                haircut[ks] = holdings
                if a > takenTotal { taken.append(NaiveLot(seed: -1, hops: 0, amount: a - takenTotal)) }
            default:
                var list = lots[ks, default: b > 0 ? [NaiveLot(seed: -1, hops: 0, amount: b)] : []]
                var need = a
                func takeFrom(_ i: Int) {
                    let piece = min(list[i].amount, need)
                    taken.append(NaiveLot(seed: list[i].seed, hops: list[i].hops, amount: piece))
                    list[i].amount -= piece
                    need -= piece
                }
                switch policy {
                case .fifo:
                    for i in list.indices where need > 0 { takeFrom(i) }
                case .lifo:
                    for i in list.indices.reversed() where need > 0 { takeFrom(i) }
                case .libr:
                    for i in list.indices where need > 0 && list[i].seed < 0 { takeFrom(i) }
                    for i in list.indices where need > 0 && list[i].seed >= 0 { takeFrom(i) }
                default:
                    for i in list.indices where need > 0 && list[i].seed >= 0 { takeFrom(i) }
                    for i in list.indices where need > 0 && list[i].seed < 0 { takeFrom(i) }
                }
                if need > 0 { taken.append(NaiveLot(seed: -1, hops: 0, amount: need)) }
                lots[ks] = list.filter { $0.amount > 0 }
            }
            balance[ks] = max(0, b - a)

            // What arrives.
            var arriving: [NaiveLot] = []
            if let s = seeds.firstIndex(of: Int32(row)) {
                for p in taken where p.seed >= 0 { result.totals[p.seed].cut += p.amount }
                arriving = [NaiveLot(seed: s, hops: 0, amount: a)]
                result.transfers[Int32(row)] = 0
                result.carried[Int32(row)] = [s: a]
            } else {
                var carried: [Int: Int64] = [:]
                var least = Int.max
                for p in taken {
                    if p.seed < 0 {
                        arriving.append(p)
                    } else if p.hops >= limit {
                        result.totals[p.seed].cut += p.amount
                        arriving.append(NaiveLot(seed: -1, hops: 0, amount: p.amount))
                    } else {
                        carried[p.seed, default: 0] += p.amount
                        least = min(least, p.hops + 1)
                        arriving.append(NaiveLot(seed: p.seed, hops: p.hops + 1, amount: p.amount))
                    }
                }
                if !carried.isEmpty {
                    result.transfers[Int32(row)] = least
                    result.carried[Int32(row)] = carried
                    if t.isCashOut(Int32(row)) {
                        result.exits[Int32(row)] = carried
                        result.exitAccounts[Int32(row)] = from
                        for (s, x) in carried { result.totals[s].exited += x }
                        arriving = [NaiveLot(seed: -1, hops: 0, amount: a)]
                    }
                }
            }
            switch policy {
            case .poison:
                for p in arriving where p.seed >= 0 {
                    poison[to, default: [:]][p.seed] = min(poison[to, default: [:]][p.seed] ?? Int.max, p.hops)
                }
            case .haircut:
                for p in arriving where p.seed >= 0 { haircut[kd, default: [:]][p.seed, default: [:]][p.hops, default: 0] += p.amount }
            default:
                let bd = balance[kd, default: 0]
                var list = lots[kd, default: bd > 0 ? [NaiveLot(seed: -1, hops: 0, amount: bd)] : []]
                list.append(contentsOf: arriving)
                lots[kd] = list
            }
            balance[kd, default: 0] += a
        }

        // Holdings.
        switch policy {
        case .poison:
            for (account, marks) in poison {
                var whole: Int64 = 0
                for (k, b) in balance where k.account == account { whole += b }
                if whole > 0 { result.holdings[account] = Dictionary(uniqueKeysWithValues: marks.keys.map { ($0, whole) }) }
            }
        case .haircut:
            for (k, bySeed) in haircut {
                for (seed, byHops) in bySeed { for (_, x) in byHops where x > 0 { result.holdings[k.account, default: [:]][seed, default: 0] += x } }
            }
        default:
            for (k, list) in lots {
                for lot in list where lot.seed >= 0 && lot.amount > 0 { result.holdings[k.account, default: [:]][lot.seed, default: 0] += lot.amount }
            }
        }
        for (_, bySeed) in result.holdings { for (s, x) in bySeed { result.totals[s].held += x } }
        return result
    }
}

extension Trace {
    /// The trace in the naive tracer's shape, for comparison.
    /// Whether the lists are in the order Trace promises: transfers and exits in
    /// replay order, holding accounts ascending, each row's seeds ascending with
    /// positive amounts.
    func isInOrder(_ ledger: Ledger) -> Bool {
        var position = [Int32: Int]()
        for (p, row) in ledger.order.enumerated() { position[row] = p }
        func ascending(_ xs: [Int]) -> Bool { zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 } }
        func rowsOK(_ shares: TaintShares) -> Bool {
            (0 ..< shares.count).allSatisfy { i in
                let row = shares.shares(i)
                return ascending(row.map(\.seed)) && row.allSatisfy { $0.amount > 0 }
            }
        }
        return ascending(transfers.map { position[$0]! }) && ascending(exits.map { position[$0]! })
            && ascending(holdingAccounts.map { Int($0) })
            && rowsOK(transferShares) && rowsOK(holdingShares) && rowsOK(exitShares)
    }

    var naiveShape: NaiveTracer.Result {
        var r = NaiveTracer.Result()
        for i in 0 ..< transfers.count {
            r.transfers[transfers[i]] = Int(transferHops[i])
            r.carried[transfers[i]] = Dictionary(uniqueKeysWithValues: transferShares.shares(i).map { ($0.seed, $0.amount) })
        }
        for i in 0 ..< holdingAccounts.count {
            r.holdings[holdingAccounts[i]] = Dictionary(uniqueKeysWithValues: holdingShares.shares(i).map { ($0.seed, $0.amount) })
        }
        for i in 0 ..< exits.count {
            r.exits[exits[i]] = Dictionary(uniqueKeysWithValues: exitShares.shares(i).map { ($0.seed, $0.amount) })
            r.exitAccounts[exits[i]] = exitAccounts[i]
        }
        r.totals = totals
        return r
    }
}
