import FraudGraph
import GraphvizExport
import MoneyFlow

extension MoneyTrace {
    /// The picture's view of `trace`: tainted amounts summed over the seeds numbered
    /// in `seeds` (nil: every seed). Transfers, holdings and exits that carried none of
    /// those seeds' money are left out.
    /// - Complexity: O(shares of the trace).
    public init(_ trace: Trace, seeds: Set<Int>? = nil) {
        func sum(_ shares: TaintShares, _ i: Int) -> Int64 {
            guard let seeds else { return shares.total(i) }
            var total: Int64 = 0
            for k in shares.range(i) where seeds.contains(Int(shares.seed[k])) { total += shares.amount[k] }
            return total
        }
        var steps: [Step] = []
        for (i, t) in trace.transfers.enumerated() {
            let tainted = sum(trace.transferShares, i)
            if tainted > 0 { steps.append(Step(transfer: t, tainted: Money(units: tainted), hops: Int(trace.transferHops[i]))) }
        }
        var holdings: [Holding] = []
        for (i, a) in trace.holdingAccounts.enumerated() {
            let held = sum(trace.holdingShares, i)
            if held > 0 { holdings.append(Holding(account: a, amount: Money(units: held))) }
        }
        var exits: [Exit] = []
        for (i, t) in trace.exits.enumerated() {
            let gone = sum(trace.exitShares, i)
            if gone > 0 { exits.append(Exit(transfer: t, amount: Money(units: gone))) }
        }
        let chosen = seeds.map { s in trace.seeds.indices.filter { s.contains($0) }.map { trace.seeds[$0] } } ?? trace.seeds
        self.init(seeds: chosen, steps: steps, holdings: holdings, exits: exits, policy: trace.policy.rawValue)
    }
}
