import FraudGraph

/// The most money that could have moved from one set of accounts to another,
/// respecting time: the maximum flow through the time-expanded transfer network,
/// where each transfer carries at most its amount, money waits in an account for as
/// long as it likes, and can only leave after it arrived (replay order: ascending
/// time, ties in file order). The source accounts have unlimited money; money counts
/// once it reaches any target account. One currency at a time.
///
/// It bounds what any allocation policy can attribute to transfers out of the
/// sources arriving in the targets: set it against a trace.
public struct FlowBound: Sendable {
    /// The maximum, in units of `currency`.
    public let maximum: Int64
    /// Currency code (into `TransferTable.currencies`).
    public let currency: UInt16
    /// Transfers that carry part of one maximum flow, in replay order, with that part.
    public let transfers: [(transfer: Int32, amount: Int64)]
    /// Transfers in the network after pruning (those on some time-respecting path
    /// from a source to a target).
    public let networkTransfers: Int
    /// Accounts between the sources and the targets in the network.
    public let networkAccounts: Int

    /// The most money of `currency` that could have moved from `sources` to `targets`,
    /// respecting time.
    /// - Complexity: O(transfers) to build the network; max-flow on what is left.
    public init(case c: Case, ledger: Ledger, from sources: [Int32], to targets: [Int32], currency: UInt16) {
        let t = c.transfers
        let n = c.entities.count
        var role = ContiguousArray<UInt8>(repeating: 0, count: n)  // 1 source, 2 target
        for a in sources { role[Int(a)] = 1 }
        for a in targets { role[Int(a)] = role[Int(a)] == 1 ? 3 : 2 }
        let order = ledger.order

        // MARK: Forward: transfers money from a source could take
        var reachedAt = ContiguousArray<Int>(repeating: Int.max, count: n)
        var usable = ContiguousArray<Bool>(repeating: false, count: order.count)
        for (p, row) in order.enumerated() {
            let r = Int(row)
            guard t.currency[r] == currency else { continue }
            let s = Int(t.source[r]), d = Int(t.target[r])
            if role[s] & 2 != 0 || role[d] & 1 != 0 { continue }  // out of a target, into a source: not needed
            if role[s] & 1 != 0 || reachedAt[s] < p {
                usable[p] = true
                if reachedAt[d] == Int.max { reachedAt[d] = p }
            }
        }
        // MARK: Backward: of those, transfers that lead on to a target
        var lastUseful = ContiguousArray<Int>(repeating: -1, count: n)
        for a in targets { lastUseful[Int(a)] = Int.max }
        for p in stride(from: order.count - 1, through: 0, by: -1) where usable[p] {
            let r = Int(order[p])
            let s = Int(t.source[r]), d = Int(t.target[r])
            if lastUseful[d] > p {
                if role[s] & 1 == 0 && p > lastUseful[s] { lastUseful[s] = p }
            } else {
                usable[p] = false
            }
        }

        // MARK: Nodes: one per departure from an intermediate account
        // An arrival at an intermediate account feeds the node of its next departure.
        var kept: [Int] = []
        var departures: [(account: Int32, position: Int)] = []
        for p in 0 ..< order.count where usable[p] {
            kept.append(p)
            let s = t.source[Int(order[p])]
            if role[Int(s)] & 1 == 0 { departures.append((s, p)) }
        }
        departures.sort { ($0.account, $0.position) < ($1.account, $1.position) }
        var rangeOf: [Int32: Range<Int>] = [:]
        var start = 0
        for k in 0 ..< departures.count where k + 1 == departures.count || departures[k + 1].account != departures[k].account {
            rangeOf[departures[k].account] = start ..< k + 1
            start = k + 1
        }
        var nodeOfDeparture: [Int: Int] = [:]
        for (k, dep) in departures.enumerated() { nodeOfDeparture[dep.position] = 2 + k }
        let sourceNode = 0, sinkNode = 1
        var graph = MaxFlow(nodes: 2 + departures.count)
        for k in 1 ..< max(1, departures.count) where departures[k].account == departures[k - 1].account {
            graph.addEdge(from: 2 + k - 1, to: 2 + k, capacity: MaxFlow.unbounded)
        }
        var edgeOfPosition: [(position: Int, edge: Int)] = []
        for p in kept {
            let r = Int(order[p])
            let s = t.source[r], d = t.target[r]
            let tail = role[Int(s)] & 1 != 0 ? sourceNode : nodeOfDeparture[p]!
            let head: Int
            if role[Int(d)] & 2 != 0 {
                head = sinkNode
            } else {
                // The first departure of d after p (there is one: the transfer is useful).
                let range = rangeOf[d]!
                var lo = range.lowerBound, hi = range.upperBound
                while lo < hi { let mid = (lo + hi) >> 1; if departures[mid].position <= p { lo = mid + 1 } else { hi = mid } }
                head = 2 + lo
            }
            edgeOfPosition.append((p, graph.addEdge(from: tail, to: head, capacity: t.amount[r])))
        }
        let (value, flow) = graph.run(source: sourceNode, sink: sinkNode)
        maximum = value
        self.currency = currency
        transfers = edgeOfPosition.compactMap { flow[$0.edge] > 0 ? (order[$0.position], flow[$0.edge]) : nil }
        networkTransfers = kept.count
        networkAccounts = rangeOf.count
    }

    /// The currency most used by the transfers `accounts` sent (ties: the lower code),
    /// or USD's code when they sent none.
    public static func usualCurrency(of accounts: [Int32], in c: Case) -> UInt16 {
        let isSource = Set(accounts)
        var counts = [Int](repeating: 0, count: c.transfers.currencies.count)
        for r in 0 ..< c.transfers.count where isSource.contains(c.transfers.source[r]) { counts[Int(c.transfers.currency[r])] += 1 }
        guard let best = counts.indices.max(by: { (counts[$0], -$0) < (counts[$1], -$1) }), counts[best] > 0 else {
            return c.transfers.currencies.code(of: TransferTable.defaultCurrency)!
        }
        return UInt16(best)
    }
}

extension FlowBound {
    /// What a trace attributes to its seeds arriving in `targets`: the tainted money
    /// on transfers from outside the targets into them. Money that leaves a target
    /// and comes back is counted again, so compare it with the bound only when the
    /// targets do not send on what they receive (end points: cash desks, exchanges).
    /// With `currency`, only transfers in it count (poison's marks cross currencies;
    /// a poison transfer counts its whole amount once, however many seeds marked it).
    public static func attributed(by trace: Trace, case c: Case, to targets: [Int32], currency: UInt16? = nil) -> Int64 {
        let isTarget = Set(targets)
        var total: Int64 = 0
        for i in 0 ..< trace.transfers.count {
            let r = Int(trace.transfers[i])
            if let currency, c.transfers.currency[r] != currency { continue }
            if isTarget.contains(c.transfers.target[r]) && !isTarget.contains(c.transfers.source[r]) {
                total += trace.tainted(trace.transferShares, row: i)
            }
        }
        return total
    }

    /// The transfers the source accounts sent in `currency` (rows, replay order), to
    /// trace as seeds against the bound.
    public static func seeds(from sources: [Int32], currency: UInt16, case c: Case, ledger: Ledger) -> [Int32] {
        let isSource = Set(sources)
        return ledger.order.filter { isSource.contains(c.transfers.source[Int($0)]) && !isSource.contains(c.transfers.target[Int($0)]) && c.transfers.currency[Int($0)] == currency }
    }
}
