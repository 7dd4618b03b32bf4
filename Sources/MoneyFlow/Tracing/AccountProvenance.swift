import FraudGraph

/// Whose money an account holds at the end of a trace, and how it got there: for each
/// seed it holds, the reports and victims behind the seed, and the transfers that
/// carried that seed's money on a time-respecting path from the seed transfer to the
/// account.
public struct AccountProvenance: Sendable {
    /// The account (entity index).
    public let account: Int32
    /// One source per seed the account holds, in seed order.
    public let sources: [Source]

    /// One seed's money in the account.
    public struct Source: Sendable {
        /// Seed number in `Trace.seeds`.
        public let seed: Int
        /// Tainted money of this seed the account holds, in units.
        public let amount: Int64
        /// Reports (rows) that name the seed transfer.
        public let reports: [Int32]
        /// Their victims (entity indices), each once, in report order.
        public let victims: [Int32]
        /// Every transfer that carried this seed's money on a time-respecting path
        /// from the seed transfer into the account, in replay order (the seed first).
        /// A cash withdrawal is never among them but as the seed: its receiver gets
        /// clean money.
        public let transfers: [Int32]
        /// The position of each of `transfers` in `Trace.transfers`.
        public let positions: [Int]
        /// One chain among them with the fewest transfers, seed first, ending in the
        /// account.
        public let chain: [Int32]
    }

    /// The provenance of `account`'s tainted money in `trace`.
    /// - Complexity: O(tainted transfers + their shares), plus the transfers of each seed held.
    public init(account: Int32, trace: Trace, case c: Case) {
        self.account = account
        let t = c.transfers
        var sources: [Source] = []
        guard let h = trace.index(ofHolding: account) else {
            self.sources = []
            return
        }
        let held = trace.holdingShares.shares(h)
        // Transfers of the trace that carried each seed held, in replay order.
        var carryingBySeed: [Int32: [Int]] = [:]
        for (seed, _) in held { carryingBySeed[Int32(seed)] = [] }
        let shares = trace.transferShares
        for i in 0 ..< trace.transfers.count {
            for p in shares.range(i) where carryingBySeed[shares.seed[p]] != nil {
                carryingBySeed[shares.seed[p]]!.append(i)
            }
        }
        for (seed, amount) in held {
            let seedRow = trace.seeds[seed]
            let carrying = carryingBySeed[Int32(seed)]!
            // MARK: Backward sweep: on a path into the account, later transfers first
            var bound: [Int32: Int] = [account: Int.max]
            var onPath: [Int] = []
            for i in carrying.reversed() {
                let row = Int(trace.transfers[i])
                guard let limit = bound[t.target[row]], i < limit else { continue }
                if t.isCashOut(Int32(row)) && Int32(row) != seedRow { continue }
                onPath.append(i)
                if trace.transfers[i] == seedRow { continue }
                bound[t.source[row]] = max(bound[t.source[row]] ?? -1, i)
            }
            onPath.reverse()
            // MARK: Forward sweep: fewest transfers from the seed
            var distance: [Int32: Int] = [:]
            var via: [Int32: Int] = [:]           // account -> position in onPath of its best arrival
            var previous = [Int](repeating: -1, count: onPath.count)
            for (k, i) in onPath.enumerated() {
                let row = Int(trace.transfers[i])
                let from = t.source[row], to = t.target[row]
                let d: Int
                if trace.transfers[i] == seedRow {
                    d = 1
                } else if let before = distance[from] {
                    d = before + 1
                    previous[k] = via[from]!
                } else {
                    continue
                }
                if d < distance[to] ?? Int.max {
                    distance[to] = d
                    via[to] = k
                }
            }
            var chain: [Int32] = []
            var k = via[account] ?? -1
            while k >= 0 {
                chain.append(trace.transfers[onPath[k]])
                k = previous[k]
            }
            chain.reverse()
            var reports: [Int32] = []
            var victims: [Int32] = []
            for r in 0 ..< c.reports.count where c.reports.transfer[r] == seedRow {
                reports.append(Int32(r))
                let v = c.reports.victim[r]
                if v >= 0 && !victims.contains(v) { victims.append(v) }
            }
            sources.append(Source(seed: seed, amount: amount, reports: reports, victims: victims,
                                  transfers: onPath.map { trace.transfers[$0] }, positions: onPath, chain: chain))
        }
        self.sources = sources
    }
}
