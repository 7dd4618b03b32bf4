import FraudGraph
import GraphvizExport
import MoneyFlow

extension MoneyTrace {
    /// The picture's view of `trace` (a trace of `c`): tainted amounts of the seeds
    /// numbered in `seeds` (nil: every seed), added up per transfer, exit, and account
    /// and currency. Under poison every share is a whole amount, so a transfer or an
    /// account counts it once, not once per seed. Transfers, holdings and exits that
    /// carried none of those seeds' money are left out.
    /// - Complexity: O(shares of the trace).
    public init(_ trace: Trace, in c: Case, seeds: Set<Int>? = nil) {
        let whole = !trace.policy.conservesMoney
        func combined(_ shares: TaintShares, _ i: Int) -> Int64 { trace.tainted(shares, row: i, seeds: seeds) }
        var steps: [Step] = []
        for (i, t) in trace.transfers.enumerated() {
            let tainted = combined(trace.transferShares, i)
            if tainted > 0 { steps.append(Step(transfer: t, tainted: Money(units: tainted), hops: Int(trace.transferHops[i]))) }
        }
        let seedCurrency = trace.seeds.map { c.transfers.currency[Int($0)] }
        var holdings: [Holding] = []
        var perCurrency: [UInt16: Int64] = [:]
        for (i, a) in trace.holdingAccounts.enumerated() {
            if whole {
                let held = combined(trace.holdingShares, i)
                if held > 0 { holdings.append(Holding(account: a, amount: Money(units: held), currency: nil)) }
                continue
            }
            perCurrency.removeAll(keepingCapacity: true)
            for k in trace.holdingShares.range(i) where seeds?.contains(Int(trace.holdingShares.seed[k])) ?? true {
                perCurrency[seedCurrency[Int(trace.holdingShares.seed[k])], default: 0] += trace.holdingShares.amount[k]
            }
            for (currency, held) in perCurrency.sorted(by: { $0.key < $1.key }) where held > 0 {
                holdings.append(Holding(account: a, amount: Money(units: held), currency: currency))
            }
        }
        var exits: [Exit] = []
        for (i, t) in trace.exits.enumerated() {
            let gone = combined(trace.exitShares, i)
            if gone > 0 { exits.append(Exit(transfer: t, amount: Money(units: gone))) }
        }
        let chosen = seeds.map { s in trace.seeds.indices.filter { s.contains($0) }.map { trace.seeds[$0] } } ?? trace.seeds
        self.init(seeds: chosen, steps: steps, holdings: holdings, exits: exits, policy: trace.policy.rawValue)
    }
}
