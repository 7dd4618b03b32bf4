/// The undirected weighted graph that rings are found in: one node per entity, one
/// edge per pair of entities with a link or a transfer between them, weighted by
/// `RingWeights` (kind of tie, number of calls or transfers) and with hubs damped.
///
/// ```swift
/// let projection = RingGraph(someCase)            // default weights
/// let partition = Leiden().run(on: projection.graph)
/// ```
public struct RingGraph: Sendable {
    /// The graph; node `e` is entity `e`.
    public let graph: WeightedGraph
    /// The weights it was built with.
    public let weights: RingWeights
    /// Number of distinct neighbours of each entity before damping.
    public let degree: ContiguousArray<Int32>
    /// Entities damped as hubs, in increasing order.
    public let hubs: [Int32]
    /// Whether each entity is on the victim side (see `RingWeights`).
    public let victimSide: ContiguousArray<Bool>

    /// Builds the projection of `c`.
    /// - Complexity: O(E + L + T log T) for E entities, L links and T transfers (the
    ///   transfers are sorted by account pair to count them).
    public init(_ c: Case, weights: RingWeights = RingWeights()) {
        self.weights = weights
        let n = c.entities.count
        var sources = ContiguousArray<Int32>(), targets = ContiguousArray<Int32>(), values = ContiguousArray<Float>()
        sources.reserveCapacity(c.links.count + c.transfers.count / 2)
        targets.reserveCapacity(c.links.count + c.transfers.count / 2)
        values.reserveCapacity(c.links.count + c.transfers.count / 2)

        let victims = RingGraph.victimSide(c)
        victimSide = victims
        @inline(__always) func factor(_ s: Int32, _ t: Int32) -> Double {
            victims[Int(s)] != victims[Int(t)] ? weights.victimTies : 1
        }

        // MARK: Links
        for l in 0 ..< c.links.count {
            let s = c.links.source[l], t = c.links.target[l]
            if s == t { continue }
            let w = weights.weight(linkKind: c.links.kind[l], linkWeight: c.links.weight[l]) * factor(s, t)
            guard w > 0 else { continue }
            sources.append(s); targets.append(t); values.append(Float(w))
        }

        // MARK: Transfers, counted per pair of accounts
        if weights.transfers > 0 && c.transfers.count > 0 {
            // Cash withdrawals counted apart: their pairs weigh `cashWithdrawals` times as much.
            var pairs = ContiguousArray<UInt64>()
            pairs.reserveCapacity(c.transfers.count)
            var cashPairs = ContiguousArray<UInt64>()
            let channel = c.transfers.channel
            for t in 0 ..< c.transfers.count {
                let a = c.transfers.source[t], b = c.transfers.target[t]
                if a == b { continue }
                let (lo, hi) = a < b ? (a, b) : (b, a)
                let key = UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi))
                if channel[t] == TransferTable.cashOutChannel {
                    if weights.cashWithdrawals > 0 { cashPairs.append(key) }
                } else {
                    pairs.append(key)
                }
            }
            /// One edge per distinct pair of `list`, weighing `scale` times its count's weight.
            func addCounted(_ list: inout ContiguousArray<UInt64>, scale: Double) {
                list.sort()
                var i = 0
                while i < list.count {
                    var j = i + 1
                    while j < list.count && list[j] == list[i] { j += 1 }
                    let s = Int32(truncatingIfNeeded: list[i] >> 32), t = Int32(truncatingIfNeeded: list[i] & 0xFFFF_FFFF)
                    let w = weights.weight(transferCount: j - i) * factor(s, t) * scale
                    if w > 0 { sources.append(s); targets.append(t); values.append(Float(w)) }
                    i = j
                }
            }
            addCounted(&pairs, scale: 1)
            if !cashPairs.isEmpty { addCounted(&cashPairs, scale: weights.cashWithdrawals) }
        }

        let raw = WeightedGraph(nodeCount: n, sources: sources, destinations: targets, weights: values)
        sources = []; targets = []; values = []

        // MARK: Hubs
        var degree = ContiguousArray<Int32>(repeating: 0, count: n)
        var hubs: [Int32] = []
        for u in 0 ..< n {
            degree[u] = Int32(raw.offsets[u + 1] - raw.offsets[u])
            if weights.hubDegree > 0 && Int(degree[u]) > weights.hubDegree { hubs.append(Int32(u)) }
        }
        self.degree = degree
        self.hubs = hubs
        if hubs.isEmpty {
            graph = raw
        } else {
            var damped = raw.weights
            let h = Double(weights.hubDegree)
            func factor(_ u: Int) -> Double { Int(degree[u]) > weights.hubDegree ? h / Double(degree[u]) : 1 }
            for u in 0 ..< n {
                let fu = factor(u)
                for k in raw.offsets[u] ..< raw.offsets[u + 1] {
                    let f = fu * factor(Int(raw.targets[k]))
                    if f < 1 { damped[k] = Float(Double(damped[k]) * f) }
                }
            }
            graph = WeightedGraph(offsets: raw.offsets, targets: raw.targets, weights: damped)
        }
    }

    // MARK: - The victim side

    /// Persons `reports.csv` names as victims or whose role is `victim`, accounts that
    /// sent a reported payment, and what they own or use or are the same as (one step).
    /// - Complexity: O(E + L + R).
    public static func victimSide(_ c: Case) -> ContiguousArray<Bool> {
        var seed = ContiguousArray<Bool>(repeating: false, count: c.entities.count)
        // The role column may say so too (any letter case).
        var victimRole = [Bool](repeating: false, count: c.entities.roles.count)
        for code in 1 ..< c.entities.roles.count where c.entities.roles[UInt16(code)].lowercased() == "victim" {
            victimRole[code] = true
        }
        if victimRole.contains(true) {
            for e in 0 ..< c.entities.count where victimRole[Int(c.entities.role[e])] { seed[e] = true }
        }
        for r in 0 ..< c.reports.count {
            if c.reports.victim[r] >= 0 { seed[Int(c.reports.victim[r])] = true }
            seed[Int(c.transfers.source[Int(c.reports.transfer[r])])] = true
        }
        var side = seed
        for l in 0 ..< c.links.count {
            let k = c.links.kind[l]
            guard k == LinkKind.Code.owns || k == LinkKind.Code.uses || k == LinkKind.Code.sameAs else { continue }
            let s = Int(c.links.source[l]), t = Int(c.links.target[l])
            if seed[s] { side[t] = true }
            if seed[t] { side[s] = true }
        }
        return side
    }
}
