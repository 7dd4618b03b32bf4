import FraudGraph

/// PageRank (Brin and Page 1998) by power iteration, with the conventions of
/// networkx's `pagerank`: arc weights split each node's rank among its successors,
/// a node with no out-arcs (dangling) spreads its rank evenly over all nodes, and
/// teleportation is uniform. Values sum to 1.
///
/// On an undirected graph every tie counts in both directions.
public struct PageRank: Sendable {
    /// Probability of following an arc rather than jumping anywhere.
    public var damping = 0.85
    /// Stop when the L1 change of an iteration is below `nodeCount × tolerance`
    /// (networkx's test; its default tolerance is 1e-6, this one is tighter).
    public var tolerance = 1e-10
    /// Give up (with `converged == false`) after this many iterations.
    public var maxIterations = 1000
    /// Whether arc weights count; false treats every arc as weight 1.
    public var weighted = true

    public init() {}

    /// PageRank of every node of a directed graph.
    /// - Complexity: O((n + m) · iterations).
    public func run(on graph: DirectedGraph) -> CentralityScores { run(Adjacency(graph)) }

    /// PageRank of every node of an undirected graph (each tie both ways).
    public func run(on graph: WeightedGraph) -> CentralityScores { run(Adjacency(graph)) }

    func run(_ g: Adjacency) -> CentralityScores {
        let n = g.nodeCount
        guard n > 0 else { return CentralityScores(measure: .pagerank, values: []) }
        // MARK: - Out-strengths
        var inverseStrength = ContiguousArray<Double>(repeating: 0, count: n)
        for u in 0 ..< n {
            var s = 0.0
            for k in g.outOffsets[u] ..< g.outOffsets[u + 1] { s += weighted ? Double(g.outWeights[k]) : 1 }
            inverseStrength[u] = s > 0 ? 1 / s : 0
        }
        // MARK: - Power iteration
        var x = ContiguousArray<Double>(repeating: 1 / Double(n), count: n)
        var next = x
        var share = x
        var iterations = 0
        var converged = false
        let d = damping
        while iterations < maxIterations {
            iterations += 1
            var dangling = 0.0
            for u in 0 ..< n {
                if inverseStrength[u] == 0 { dangling += x[u]; share[u] = 0 } else { share[u] = x[u] * inverseStrength[u] }
            }
            let base = (1 - d) / Double(n) + d * dangling / Double(n)
            var change = 0.0
            g.inOffsets.withUnsafeBufferPointer { off in
                g.inSources.withUnsafeBufferPointer { src in
                    g.inWeights.withUnsafeBufferPointer { w in
                        share.withUnsafeBufferPointer { sh in
                            next.withUnsafeMutableBufferPointer { nx in
                                for v in 0 ..< n {
                                    var sum = 0.0
                                    var k = off[v]
                                    let end = off[v + 1]
                                    if weighted {
                                        while k < end { sum += sh[Int(src[k])] * Double(w[k]); k += 1 }
                                    } else {
                                        while k < end { sum += sh[Int(src[k])]; k += 1 }
                                    }
                                    nx[v] = base + d * sum
                                }
                            }
                        }
                    }
                }
            }
            for v in 0 ..< n { change += abs(next[v] - x[v]) }
            swap(&x, &next)
            if change < Double(n) * tolerance { converged = true; break }
        }
        return CentralityScores(measure: .pagerank, values: x, iterations: iterations, converged: converged)
    }
}
