import FraudGraph

/// Draws the many small entities around a hub as one node. A mule collector account
/// with hundreds of incoming transfers is unreadable drawn one by one, and it is the
/// shape that makes `dot` run for ever; collapsed, it reads "212 accounts sent
/// 1,250,000.00 USD in 340 transfers".
///
/// Only leaves are collapsed: nodes whose every edge joins the hub, with no mark, in
/// the hub's cluster or none. They are merged per look (kind), their edges per look
/// and currency, so money is conserved.
public struct HubCollapse: Sendable {
    /// A hub is a node with more than this many leaves on one side.
    public var threshold: Int
    /// Which leaves may go: those with exactly these marks (the summary keeps them).
    /// Empty: unmarked leaves only.
    public var marks: Set<Theme.Mark>

    public init(threshold: Int = 25, marks: Set<Theme.Mark> = []) { self.threshold = threshold; self.marks = marks }

    /// Collapses the leaves of every hub of `diagram`; returns how many nodes went.
    /// - Complexity: O(nodes + edges).
    @discardableResult
    public func apply(to d: inout Diagram) -> Int {
        let n = d.nodes.count
        guard n > threshold else { return 0 }
        var incident = [[Int]](repeating: [], count: n)
        for (i, e) in d.edges.enumerated() {
            incident[e.from].append(i)
            if e.to != e.from { incident[e.to].append(i) }
        }
        // A leaf touches exactly one other node.
        func soleNeighbour(_ v: Int) -> Int? {
            var other: Int? = nil
            for i in incident[v] {
                let e = d.edges[i]
                let w = e.from == v ? e.to : e.from
                if w == v { return nil }
                if let o = other, o != w { return nil }
                other = w
            }
            return other
        }
        var gone = [Bool](repeating: false, count: n)
        var summaries: [(node: Diagram.Node, hub: Int, members: [Int])] = []
        for hub in 0 ..< n where !gone[hub] {
            // Leaves by side (sending to the hub, receiving from it) and look.
            var groups: [GroupKey: [Int]] = [:]
            var order: [GroupKey] = []
            for i in incident[hub] {
                let e = d.edges[i]
                let v = e.from == hub ? e.to : e.from
                guard v != hub, !gone[v], d.nodes[v].marks == marks, soleNeighbour(v) == hub else { continue }
                if case .group = d.nodes[v].look { continue }
                guard d.nodes[v].cluster == nil || d.nodes[v].cluster == d.nodes[hub].cluster else { continue }
                let key = GroupKey(sends: e.to == hub, look: d.nodes[v].look, cluster: d.nodes[v].cluster ?? -1)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(v)
            }
            for key in order {
                var members = groups[key]!
                members = Array(Set(members)).sorted()
                guard members.count > threshold else { continue }
                for v in members { gone[v] = true }
                let kindName: String
                switch key.look {
                case .entity(let k), .summary(let k): kindName = k.name
                case .outsideAccount: kindName = "outside account"
                case .group: kindName = "group"
                }
                let look: Diagram.Look
                switch key.look {
                case .entity(let k): look = .summary(k)
                case .outsideAccount: look = .summary(.account)
                default: look = key.look
                }
                let hubName = DOTText.shortened(d.nodes[hub].title, to: 24)
                let what = marks.contains(.victim) ? "victims' \(kindName)s" : "\(kindName)s"
                let node = Diagram.Node(
                    look: look, title: "\(members.count) \(what)",
                    details: [key.sends ? "each only sent to \(hubName)" : "each only received from \(hubName)"],
                    tooltip: "\(members.count) \(kindName)s drawn as one:\n" + members.prefix(50).map { d.nodes[$0].title }.joined(separator: "\n")
                        + (members.count > 50 ? "\n…" : ""),
                    marks: marks, cluster: key.cluster >= 0 ? key.cluster : nil)
                summaries.append((node, hub, members))
            }
        }
        if summaries.isEmpty { return 0 }

        // MARK: - Rebuild: kept nodes, then one node per summary
        var newIndex = [Int](repeating: -1, count: n)
        var nodes: [Diagram.Node] = []
        for v in 0 ..< n where !gone[v] { newIndex[v] = nodes.count; nodes.append(d.nodes[v]) }
        for s in summaries {
            let idx = nodes.count
            nodes.append(s.node)
            for v in s.members { newIndex[v] = idx }
        }
        // Merge edges that now join the same two nodes with the same look and currency.
        var merged: [EdgeKey: Int] = [:]
        var edges: [Diagram.Edge] = []
        for var e in d.edges {
            let wasCollapsed = gone[e.from] || gone[e.to]
            e.from = newIndex[e.from]; e.to = newIndex[e.to]
            guard wasCollapsed else { edges.append(e); continue }
            let key = EdgeKey(from: e.from, to: e.to, look: e.look, currency: e.currency)
            if let j = merged[key] {
                edges[j].count += e.count
                if let a = e.amount { edges[j].amount = (edges[j].amount ?? .zero) + a }
                edges[j].strength += e.strength
                edges[j].text = nil
            } else {
                merged[key] = edges.count
                e.text = nil
                edges.append(e)
            }
        }
        d.nodes = nodes
        d.edges = edges
        d.ranks = d.ranks.map { rank in
            var seen = Set<Int>()
            return rank.map { newIndex[$0] }.filter { seen.insert($0).inserted }
        }
        let removed = summaries.reduce(0) { $0 + $1.members.count } - summaries.count
        d.notes.append("\(summaries.reduce(0) { $0 + $1.members.count }) entities that only dealt with one hub are drawn as \(summaries.count) dashed node\(summaries.count == 1 ? "" : "s")")
        return removed
    }

    private struct GroupKey: Hashable {
        let sends: Bool
        let look: Diagram.Look
        let cluster: Int
    }

    private struct EdgeKey: Hashable {
        let from: Int, to: Int
        let look: Diagram.EdgeLook
        let currency: String?
    }
}
