import FraudGraph

/// The graphs of a case that centralities run on.
public enum CaseView: String, Sendable, CaseIterable {
    /// Every link and every transfer: one tie per row (a link weighs its `weight`,
    /// a transfer 1).
    case all
    /// Every link (`owns`, `uses`, `contacted`, ...), weighing its `weight`.
    case links
    /// Transfers between accounts and wallets, each weighing 1 (a pair's weight is
    /// its number of transfers).
    case money
    /// The command ties between persons (`CommandGraph`), superior -> subordinate.
    case command

    /// Whether the view's ties are usually read with their direction.
    public var directedByDefault: Bool { self == .money || self == .command }

    /// The view as a directed graph over all entity indices.
    /// - Complexity: O(entities + links + transfers).
    public func graph(of c: Case, weights: CommandWeights = CommandWeights()) -> DirectedGraph {
        let n = c.entities.count
        if self == .command { return CommandGraph(c, weights: weights).graph }
        var s = ContiguousArray<Int32>(), t = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        if self == .all || self == .links {
            s.reserveCapacity(c.links.count); t.reserveCapacity(c.links.count); w.reserveCapacity(c.links.count)
            for l in 0 ..< c.links.count where c.links.source[l] != c.links.target[l] {
                let x = Float(c.links.weight[l])
                guard x > 0, x.isFinite else { continue }
                s.append(c.links.source[l]); t.append(c.links.target[l]); w.append(x)
            }
        }
        if self == .all || self == .money {
            let tr = c.transfers
            s.reserveCapacity(s.count + tr.count); t.reserveCapacity(t.count + tr.count); w.reserveCapacity(w.count + tr.count)
            for i in 0 ..< tr.count where tr.source[i] != tr.target[i] {
                s.append(tr.source[i]); t.append(tr.target[i]); w.append(1)
            }
        }
        return DirectedGraph(nodeCount: n, sources: s, destinations: t, weights: w)
    }
}
