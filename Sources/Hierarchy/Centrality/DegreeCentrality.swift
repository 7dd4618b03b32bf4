import FraudGraph

/// Degree centrality: the number of ties of each node (or their total weight),
/// optionally divided by `n - 1` as networkx's `degree_centrality` does.
///
/// On an undirected graph a self-loop counts twice, as in networkx.
public struct DegreeCentrality: Sendable {
    /// Which ties of a directed graph count (an undirected graph has only `both`).
    public enum Direction: String, Sendable, CaseIterable {
        case both, incoming, outgoing
    }

    public var direction = Direction.both
    /// Sum tie weights (strength) instead of counting ties.
    public var weighted = false
    /// Divide by `n - 1`.
    public var normalized = true

    public init() {}

    /// - Complexity: O(n + m).
    public func run(on graph: DirectedGraph) -> CentralityScores { run(Adjacency(graph)) }

    /// - Complexity: O(n + m).
    public func run(on graph: WeightedGraph) -> CentralityScores { run(Adjacency(graph)) }

    func run(_ g: Adjacency) -> CentralityScores {
        let n = g.nodeCount
        var values = ContiguousArray<Double>(repeating: 0, count: n)
        func add(_ offsets: ContiguousArray<Int>, _ ends: ContiguousArray<Int32>, _ weights: ContiguousArray<Float>, loopsTwice: Bool) {
            for u in 0 ..< n {
                var s = 0.0
                for k in offsets[u] ..< offsets[u + 1] {
                    let x = weighted ? Double(weights[k]) : 1
                    s += loopsTwice && Int(ends[k]) == u ? 2 * x : x
                }
                values[u] += s
            }
        }
        if !g.directed {
            add(g.outOffsets, g.outTargets, g.outWeights, loopsTwice: true)
        } else {
            if direction != .incoming { add(g.outOffsets, g.outTargets, g.outWeights, loopsTwice: false) }
            if direction != .outgoing { add(g.inOffsets, g.inSources, g.inWeights, loopsTwice: false) }
        }
        if normalized && n > 1 {
            let scale = 1 / Double(n - 1)
            for u in 0 ..< n { values[u] *= scale }
        }
        return CentralityScores(measure: .degree, values: values)
    }
}
