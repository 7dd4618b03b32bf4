import FraudGraph

/// Eigenvector centrality by power iteration on `A + I`, as networkx's
/// `eigenvector_centrality`: a node is central when central nodes point to it (on a
/// directed graph its in-ties count). Values have Euclidean norm 1.
///
/// On a directed graph without cycles the leading eigenvector is degenerate; use
/// PageRank there.
public struct EigenvectorCentrality: Sendable {
    /// Stop when the L1 change of an iteration is below `nodeCount × tolerance`.
    public var tolerance = 1e-10
    public var maxIterations = 1000
    /// Whether tie weights count.
    public var weighted = true

    public init() {}

    /// - Complexity: O((n + m) · iterations).
    public func run(on graph: DirectedGraph) -> CentralityScores { run(Adjacency(graph)) }

    /// - Complexity: O((n + m) · iterations).
    public func run(on graph: WeightedGraph) -> CentralityScores { run(Adjacency(graph)) }

    func run(_ g: Adjacency) -> CentralityScores {
        let n = g.nodeCount
        guard n > 0 else { return CentralityScores(measure: .eigenvector, values: []) }
        var x = ContiguousArray<Double>(repeating: 1 / Double(n), count: n)
        var next = x
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            g.inOffsets.withUnsafeBufferPointer { off in
                g.inSources.withUnsafeBufferPointer { src in
                    g.inWeights.withUnsafeBufferPointer { w in
                        x.withUnsafeBufferPointer { xs in
                            next.withUnsafeMutableBufferPointer { nx in
                                for v in 0 ..< n {
                                    var sum = xs[v]
                                    for k in off[v] ..< off[v + 1] {
                                        sum += xs[Int(src[k])] * (weighted ? Double(w[k]) : 1)
                                    }
                                    nx[v] = sum
                                }
                            }
                        }
                    }
                }
            }
            var norm = 0.0
            for v in 0 ..< n { norm += next[v] * next[v] }
            norm = norm.squareRoot()
            if norm == 0 { norm = 1 }
            var change = 0.0
            for v in 0 ..< n {
                next[v] /= norm
                change += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if change < Double(n) * tolerance { converged = true; break }
        }
        return CentralityScores(measure: .eigenvector, values: x, iterations: iterations, converged: converged)
    }
}
